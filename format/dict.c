/* dict.c - trains a zlib preset dictionary on sample documents, and a raw
 * deflate codec that uses one (see dict.h).
 *
 * The trainer follows the idea of zstd's COVER builder (Liao, Petri, Moffat,
 * Wirth, "Effective construction of relative Lempel-Ziv dictionaries"), in
 * our own words:
 *
 *   1. Every d-byte string (d-mer) of the samples is hashed, and each hash
 *      bucket counts in how many samples its d-mer occurs. That count is the
 *      d-mer's worth: a phrase in one document only helps nobody else.
 *   2. The samples are cut into epochs. In turn, each epoch gives up its best
 *      segment of k bytes: the one whose distinct d-mers are worth most.
 *      The worth of the d-mers taken is then set to zero, so later segments
 *      bring new phrases instead of repeating old ones.
 *   3. Segments fill the dictionary from its end towards its start, the
 *      first (best) ones last: deflate codes short distances more cheaply,
 *      and a record's own text pushes the start of the dictionary out of
 *      reach first.
 *
 * Each round over the epochs reads every d-mer once, and the dictionary
 * fills in a few rounds, so the time is about linear in the sample size.
 * D-mers are counted in a hash table of at most 1M buckets instead of a
 * suffix array: memory stays bounded (about 14 bytes per bucket and 5 per
 * sample byte). A bucket keeps to the first d-mer that lands in it, and
 * later different ones are ignored, so that random data (or collisions)
 * cannot make up worth that is not there; that loses a little, never adds.
 *
 * Measured on 20,000 generated documents (92 MB, tests/tool_dictbench):
 * deflate -9 alone 42.2% of the text, with a dictionary trained this way on
 * 3 MB 24.6%, with the last 32 KB of that sample as dictionary 28.0%.
 * Segments of 48 to 256 bytes and d-mers of 6 to 8 bytes do about equally
 * well; 1 MB of sample does nearly as well as 16 MB.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "dict.h"

#define TRAIN_MAX_INPUT ((size_t)8 << 20) /* read at most this much sample */
#define MAX_BITS 20      /* hash buckets: at most 1M (14 bytes each) */
#define SEG_LEN 64       /* k: bytes per segment, see dict_train_params() */
#define DMER_LEN 8       /* d: bytes per d-mer */
#define ROUNDS 4         /* aimed-for rounds over the epochs */

typedef struct {
    size_t begin, len;   /* bytes of the concatenated samples */
} segment;

typedef struct {
    unsigned char *buf;  /* the samples, concatenated */
    size_t total;        /* bytes in buf */
    uint32_t *hash;      /* per byte position: bucket of the d-mer there */
    size_t ndmers;       /* positions that start a d-mer slot (= total) */
    uint32_t *worth;     /* per bucket: samples holding it, 0 once taken */
    uint16_t *active;    /* per bucket: occurrences in the sliding window */
    uint32_t none;       /* the bucket of positions that start no d-mer */
    unsigned bits, d, k;
} trainer;

/* The d-mer at p as a number, built byte by byte so that the hashes (and
 * so the dictionary) are the same on every machine. */
static uint64_t dmer_value(const unsigned char *p, unsigned d)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < d; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static uint32_t dmer_bucket(uint64_t v, unsigned bits)
{
    return (uint32_t)((v * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

/* A second, independent hash that tells apart d-mers sharing a bucket;
 * never 0, which marks an empty bucket. */
static uint32_t dmer_check(uint64_t v)
{
    return (uint32_t)((v * 0xC2B2AE3D27D4EB4Full) >> 32) | 1;
}

static void trainer_free(trainer *t)
{
    free(t->buf);
    free(t->hash);
    free(t->worth);
    free(t->active);
}

/* Concatenates the samples and hashes every d-mer that lies inside one
 * sample; positions whose d-mer would cross into the next sample get the
 * worthless bucket t->none. Counts document frequencies on the way. */
static int trainer_load(trainer *t, const char *const *samples,
                        const size_t *lens, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n && total < TRAIN_MAX_INPUT; i++)
        if (samples[i] && lens[i] > 0)
            total += lens[i] < TRAIN_MAX_INPUT - total
                         ? lens[i] : TRAIN_MAX_INPUT - total;
    if (total < 2 * (size_t)t->d)
        return -1;

    /* Twice as many buckets as bytes (up to MAX_BITS), so that few d-mers
     * collide. */
    unsigned bits = 12;
    while (bits < MAX_BITS && ((size_t)1 << bits) < 2 * total)
        bits++;
    t->bits = bits;
    t->none = (uint32_t)1 << bits;
    size_t nb = ((size_t)1 << bits) + 1;
    t->buf = malloc(total);
    t->hash = malloc(total * sizeof *t->hash);
    t->worth = calloc(nb, sizeof *t->worth);
    t->active = calloc(nb, sizeof *t->active);
    uint32_t *seen = calloc(nb, sizeof *seen);   /* last sample + 1 */
    uint32_t *owner = calloc(nb, sizeof *owner); /* dmer_check() of its d-mer */
    if (!t->buf || !t->hash || !t->worth || !t->active || !seen || !owner) {
        free(seen);
        free(owner);
        return -1;
    }

    size_t pos = 0;
    uint32_t stamp = 0;
    for (size_t i = 0; i < n && pos < total; i++) {
        if (!samples[i] || lens[i] == 0)
            continue;
        size_t len = lens[i] < total - pos ? lens[i] : total - pos;
        memcpy(t->buf + pos, samples[i], len);
        stamp++;
        for (size_t j = 0; j < len; j++) {
            uint32_t h = t->none;
            if (j + t->d <= len) {
                uint64_t v = dmer_value(t->buf + pos + j, t->d);
                uint32_t b = dmer_bucket(v, bits), chk = dmer_check(v);
                /* A bucket belongs to the first d-mer that lands in it;
                 * later different ones count for nothing, rather than
                 * lending each other worth they do not have. */
                if (owner[b] == 0)
                    owner[b] = chk;
                if (owner[b] == chk)
                    h = b;
            }
            t->hash[pos + j] = h;
            if (h != t->none && seen[h] != stamp) {
                seen[h] = stamp;
                t->worth[h]++;
            }
        }
        pos += len;
    }
    free(seen);
    free(owner);
    t->total = t->ndmers = total;

    /* A d-mer found in one sample only is worth nothing to the others. */
    for (size_t h = 0; h < nb; h++)
        if (t->worth[h] < 2)
            t->worth[h] = 0;
    t->worth[t->none] = 0;
    return 0;
}

/* The best segment whose d-mers start in [begin, end): the window of
 * k - d + 1 d-mer starts with the most worth in distinct d-mers (the first
 * such window on ties). Trims worthless d-mers off both ends. Returns its
 * worth; 0 means the epoch has nothing left to give. */
static uint64_t best_segment(trainer *t, size_t begin, size_t end,
                             segment *seg)
{
    size_t nd = t->k - t->d + 1;
    uint64_t score = 0, best = 0;
    size_t best_first = begin, best_last = begin;
    for (size_t i = begin; i < end; i++) {
        uint32_t h = t->hash[i];
        if (t->active[h]++ == 0)
            score += t->worth[h];
        if (i >= begin + nd) {
            uint32_t old = t->hash[i - nd];
            if (--t->active[old] == 0)
                score -= t->worth[old];
        }
        if (score > best) {
            best = score;
            best_last = i;
            best_first = i >= begin + nd - 1 ? i - nd + 1 : begin;
        }
    }
    /* Leave the window counts at zero for the next call. */
    for (size_t i = end > begin + nd ? end - nd : begin; i < end; i++)
        t->active[t->hash[i]]--;
    if (best == 0)
        return 0;

    while (best_first < best_last && t->worth[t->hash[best_first]] == 0)
        best_first++;
    while (best_last > best_first && t->worth[t->hash[best_last]] == 0)
        best_last--;
    /* What is taken stops counting, here and in every other epoch. */
    for (size_t i = best_first; i <= best_last; i++)
        t->worth[t->hash[i]] = 0;
    seg->begin = best_first;
    seg->len = best_last - best_first + t->d;
    if (seg->begin + seg->len > t->total)
        seg->len = t->total - seg->begin;
    return best;
}

typedef struct {
    size_t begin, len;
    uint64_t worth;
    size_t order;            /* when it was picked: ties go to the earlier */
} pick;

/* Best last: the most valuable segment ends the dictionary. */
static int pick_cmp(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if (x->worth != y->worth)
        return x->worth < y->worth ? -1 : 1;
    return x->order > y->order ? -1 : x->order < y->order;
}

/* Picks segments epoch by epoch, round after round, until cap bytes are
 * chosen or no epoch has anything worth taking; then lays them out in
 * dict with the most valuable at the end. */
static size_t pick_segments(trainer *t, unsigned char *dict, size_t cap)
{
    size_t nseg = cap / t->k ? cap / t->k : 1;
    size_t epochs = nseg / ROUNDS ? nseg / ROUNDS : 1;
    size_t min_epoch = (size_t)t->k * 10;
    if (t->ndmers / epochs < min_epoch)
        epochs = t->ndmers / min_epoch ? t->ndmers / min_epoch : 1;
    size_t esize = t->ndmers / epochs;

    /* Each segment is at least d bytes, so cap / d bounds their number. */
    pick *p = malloc((cap / t->d + 1) * sizeof *p);
    if (!p)
        return 0;
    size_t np = 0, used = 0, idle = 0;
    for (size_t e = 0; used < cap && idle < epochs; e = (e + 1) % epochs) {
        size_t begin = e * esize;
        size_t end = e + 1 == epochs ? t->ndmers : begin + esize;
        segment seg;
        uint64_t w = best_segment(t, begin, end, &seg);
        if (w == 0) {
            idle++;
            continue;
        }
        idle = 0;
        size_t len = seg.len < cap - used ? seg.len : cap - used;
        p[np].begin = seg.begin;
        p[np].len = len;
        p[np].worth = w;
        p[np].order = np;
        np++;
        used += len;
    }
    qsort(p, np, sizeof *p, pick_cmp);
    size_t at = 0;
    for (size_t i = 0; i < np; i++) {
        memcpy(dict + at, t->buf + p[i].begin, p[i].len);
        at += p[i].len;
    }
    free(p);
    return at;
}

/* dict_train() with the segment and d-mer lengths given: the tuning
 * knobs, kept apart so that a measuring tool could try others. */
static size_t dict_train_params(const char *const *samples,
                                const size_t *lens, size_t n,
                                unsigned char *dict, size_t cap,
                                unsigned k, unsigned d)
{
    trainer t;
    memset(&t, 0, sizeof t);
    t.k = k;
    t.d = d;
    size_t dlen = 0;
    if (trainer_load(&t, samples, lens, n) == 0)
        dlen = pick_segments(&t, dict, cap);
    trainer_free(&t);
    return dlen;
}

size_t dict_train_ex(const char *const *samples, const size_t *lens,
                     size_t n, unsigned char *dict, size_t cap,
                     unsigned k, unsigned d)
{
    if (!samples || !lens || !dict || n == 0)
        return 0;
    if (cap > FMT__DICT_MAX)
        cap = FMT__DICT_MAX;
    d = d < 4 ? 4 : d > 8 ? 8 : d;
    k = k < 16 ? 16 : k > 1024 ? 1024 : k;
    if (k < 2 * d)
        k = 2 * d;
    if (cap < k)
        return 0;
    return dict_train_params(samples, lens, n, dict, cap, k, d);
}

size_t dict_train(const char *const *samples, const size_t *lens,
                  size_t n, unsigned char *dict, size_t cap)
{
    return dict_train_ex(samples, lens, n, dict, cap, SEG_LEN, DMER_LEN);
}

/* ---- codec ------------------------------------------------------------- */

#define ZCHUNK ((size_t)1 << 30)   /* zlib counts in uInt; feed it slices */

struct dict_zc {
    z_stream def, inf;
    z_stream tmpl;       /* a deflate stream primed with the dictionary */
    z_stream defx;       /* for records primed with another dictionary */
    int def_ok, inf_ok, tmpl_ok, defx_ok;
    int level;
    size_t dlen;
    unsigned char *dict;
};

dict_zc *dict_zc_new(const unsigned char *dict, size_t dlen, int level)
{
    dict_zc *z = calloc(1, sizeof *z);
    if (!z)
        return NULL;
    if (dlen > FMT__DICT_MAX) { /* zlib would keep only the tail anyway */
        dict += dlen - FMT__DICT_MAX;
        dlen = FMT__DICT_MAX;
    }
    if (dlen > 0) {
        z->dict = malloc(dlen);
        if (!z->dict) {
            free(z);
            return NULL;
        }
        memcpy(z->dict, dict, dlen);
        z->dlen = dlen;
    }
    z->level = level >= 1 && level <= 9 ? level : 9;
    /* Raw deflate: the archive keeps its own length and CRC-32 per record,
     * so zlib's header, dictionary id and Adler-32 would be 10 bytes of
     * repetition on every record. memLevel 9 for the best ratio. */
    if (deflateInit2(&z->def, z->level, Z_DEFLATED, -15, 9,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        dict_zc_free(z);
        return NULL;
    }
    z->def_ok = 1;
    /* Priming a stream with a 32 KiB dictionary hashes all of it: more
     * work than deflating a short record. Prime one template once and copy
     * it for each record instead. */
    if (deflateInit2(&z->tmpl, z->level, Z_DEFLATED, -15, 9,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        dict_zc_free(z);
        return NULL;
    }
    z->tmpl_ok = 1;
    if (z->dlen && deflateSetDictionary(&z->tmpl, z->dict, (uInt)z->dlen) != Z_OK) {
        dict_zc_free(z);
        return NULL;
    }
    if (inflateInit2(&z->inf, -15) != Z_OK) {
        dict_zc_free(z);
        return NULL;
    }
    z->inf_ok = 1;
    return z;
}

void dict_zc_free(dict_zc *z)
{
    if (!z)
        return;
    if (z->def_ok)
        deflateEnd(&z->def);
    if (z->tmpl_ok)
        deflateEnd(&z->tmpl);
    if (z->defx_ok)
        deflateEnd(&z->defx);
    if (z->inf_ok)
        inflateEnd(&z->inf);
    free(z->dict);
    free(z);
}

size_t dict_zc_bound(size_t len)
{
    /* Stored blocks at worst: zlib's compressBound() plus slack. */
    return len + (len >> 12) + (len >> 14) + (len >> 25) + 32;
}

/* Moves the next slice of a long buffer into a zlib counter. */
static void refill(unsigned char **next, uInt *avail,
                   const unsigned char **src, size_t *left)
{
    if (*avail == 0 && *left > 0) {
        size_t n = *left < ZCHUNK ? *left : ZCHUNK;
        *next = (unsigned char *)*src;
        *avail = (uInt)n;
        *src += n;
        *left -= n;
    }
}

/* Deflate len bytes of in into out (cap bytes) with stream s, set up
 * by the caller; the input and output are fed to zlib in slices that
 * fit its counters. */
static int run_deflate(z_stream *s, const void *in, size_t len,
                       unsigned char *out, size_t cap, size_t *outlen)
{
    const unsigned char *src = in, *dst = out;
    size_t in_left = len, out_left = cap;
    s->avail_in = s->avail_out = 0;
    for (;;) {
        refill(&s->next_in, &s->avail_in, &src, &in_left);
        refill(&s->next_out, &s->avail_out, &dst, &out_left);
        int flush = in_left == 0 ? Z_FINISH : Z_NO_FLUSH;
        int rc = deflate(s, flush);
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return -1;
        if (s->avail_out == 0 && out_left == 0)
            return -1;
    }
    *outlen = cap - out_left - s->avail_out;
    return 0;
}

int dict_zc_deflate(dict_zc *z, const void *in, size_t len,
                    unsigned char *out, size_t cap, size_t *outlen)
{
    z_stream *s = &z->def;
    if (z->def_ok)
        deflateEnd(s);
    z->def_ok = deflateCopy(s, &z->tmpl) == Z_OK;
    if (!z->def_ok)
        return -1;
    return run_deflate(s, in, len, out, cap, outlen);
}

int dict_zc_deflate_dict(dict_zc *z, const unsigned char *dict, size_t dlen,
                         const void *in, size_t len, unsigned char *out,
                         size_t cap, size_t *outlen)
{
    z_stream *s = &z->defx;
    if (!z->defx_ok) {
        if (deflateInit2(s, z->level, Z_DEFLATED, -15, 9,
                         Z_DEFAULT_STRATEGY) != Z_OK)
            return -1;
        z->defx_ok = 1;
    } else if (deflateReset(s) != Z_OK) {
        return -1;
    }
    if (dlen > FMT__DICT_MAX) {
        dict += dlen - FMT__DICT_MAX;
        dlen = FMT__DICT_MAX;
    }
    if (dlen && deflateSetDictionary(s, dict, (uInt)dlen) != Z_OK)
        return -1;
    return run_deflate(s, in, len, out, cap, outlen);
}

int dict_zc_inflate(dict_zc *z, const void *in, size_t inlen,
                    unsigned char *out, size_t cap, size_t *outlen)
{
    z_stream *s = &z->inf;
    if (inflateReset(s) != Z_OK)
        return -1;
    if (z->dlen && inflateSetDictionary(s, z->dict, (uInt)z->dlen) != Z_OK)
        return -1;
    const unsigned char *src = in, *dst = out;
    size_t in_left = inlen, out_left = cap;
    s->avail_in = s->avail_out = 0;
    for (;;) {
        refill(&s->next_in, &s->avail_in, &src, &in_left);
        refill(&s->next_out, &s->avail_out, &dst, &out_left);
        uInt before_in = s->avail_in, before_out = s->avail_out;
        int rc = inflate(s, Z_NO_FLUSH);
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return -1; /* Z_DATA_ERROR, Z_MEM_ERROR, Z_NEED_DICT */
        if (s->avail_in == before_in && s->avail_out == before_out)
            return -1; /* no progress: input truncated or output full */
    }
    if (s->avail_in != 0 || in_left != 0)
        return -1; /* bytes after the end of the stream */
    *outlen = cap - out_left - s->avail_out;
    return 0;
}
