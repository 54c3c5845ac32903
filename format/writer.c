/* writer.c - building an archive: documents in, one LMDB file out.
 *
 * fmt_writer_add() serialises each document (record.c) and keeps it in a
 * run buffer; a full buffer is sorted by (date, id) and spilled to an
 * unlinked temporary file, so memory does not grow with the corpus. A
 * sample of documents, chosen by a hash of their id (so the choice does not
 * depend on the order they came in), trains the zlib dictionary.
 *
 * fmt_writer_finish() merges the runs in (date, id) order, which gives the
 * document numbers, and for each document: deflates the record with the
 * dictionary, writes its summary, id and columns, and feeds its words to
 * the index (index.c). Records and summaries go VB_CHUNK to a value, and
 * where each chunk lies in the file is stored last (write_positions), so
 * readers can fetch them with pread. The environment is built in a
 * temporary file beside the output, synced, and renamed into place: an
 * interrupted pack never leaves a half archive under the final name, and
 * the same documents always give the same bytes.
 *
 * fmt_writer_finish_append() does the same on a copy of a base archive
 * whose documents all sort before the new ones: they are numbered after
 * the base's, its dictionary is kept, its partly filled last chunks are
 * filled up, the zaken they join get their status again, and the index
 * appends to the base's lists (see "appending" below and index.c).
 */
#define _GNU_SOURCE /* copy_file_range, sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "dict.h"
#include "edition.h"
#include "index.h"
#include "internal.h"
#include "sha256x.h"

#define RUN_BYTES (32u << 20)      /* run buffer before a spill */
#define SAMPLE_CAP (2u << 20)      /* dictionary training sample */
#define SAMPLE_MOD 16              /* roughly 1 in 16 documents sampled */
#define COMMIT_EVERY 2000          /* documents per write transaction */

typedef struct {        /* one sorted run of serialised documents */
    FILE *f;            /* spilled run, or NULL for the in-memory one */
    const unsigned char *arena;   /* the in-memory run, read in offs order */
    const size_t *offs;
    size_t i, n;
    fmt_buf key, payload;
    int done;
} run;

typedef struct {        /* what zaak status needs, per document */
    char zaak[16];
    uint8_t kind, withdrawn;
    int32_t submitted, received;
} docmeta;

typedef struct {
    uint64_t hash;
    size_t off, len;    /* in sample buffer */
} sample;

struct fmt_writer {
    char path[1024], tmpdir[1024];
    char title[256], edition[64];
    int64_t created;
    int level;
    unsigned part, nparts;
    uint64_t split;
    char *partsums;           /* part 1 of a split archive: the others' */
    void (*progress)(void *, const char *, uint64_t, uint64_t);
    void *pctx;
    /* runs */
    fmt_buf arena;            /* [u32 klen][key][u32 plen][payload]... */
    size_t *offs, noffs, capoffs;
    FILE **spills;
    size_t nspills;
    uint64_t ndocs, source_bytes;
    /* zaak status */
    docmeta *meta;
    size_t nmeta, capmeta;
    /* dictionary sample */
    fmt_buf sbuf;
    sample *samples;
    size_t nsamples, capsamples;
    fmt_buf enc;              /* scratch for encoding */
    fmt_buf minkey;           /* the smallest sort key added (appending) */
    char err[512];
};

static int werr(fmt_writer *w, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int werr(fmt_writer *w, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->err, sizeof w->err, fmt, ap);
    va_end(ap);
    return code;
}

const char *fmt_writer_errmsg(const fmt_writer *w) { return w->err; }

static void copystr(char *dst, size_t cap, const char *s, const char *def)
{
    snprintf(dst, cap, "%s", s ? s : def);
}

int fmt_writer_open(fmt_writer **wp, const char *path,
                    const fmt_writer_opts *o)
{
    fmt_writer_opts none = {0};
    if (!o)
        o = &none;
    *wp = NULL;
    if (!path || !*path || strlen(path) >= 1000)
        return FMT_INVALID;
    fmt_writer *w = fmt__calloc(1, sizeof *w);
    if (!w)
        return FMT_NOMEM;
    copystr(w->path, sizeof w->path, path, "");
    copystr(w->title, sizeof w->title, o->title, "Vraagbaak");
    copystr(w->edition, sizeof w->edition, o->edition, "1");
    w->created = o->created;
    w->part = o->part;
    w->nparts = o->nparts;
    w->split = o->split;
    if (o->partsums && !(w->partsums = fmt__strndup(o->partsums, strlen(o->partsums)))) {
        free(w);
        return FMT_NOMEM;
    }
    w->level = o->level >= 1 && o->level <= 9 ? o->level : FMT_DEFAULT_LEVEL;
    w->progress = o->progress;
    w->pctx = o->progress_ctx;
    if (o->tmpdir) {
        copystr(w->tmpdir, sizeof w->tmpdir, o->tmpdir, ".");
    } else {
        copystr(w->tmpdir, sizeof w->tmpdir, path, ".");
        char *slash = strrchr(w->tmpdir, '/');
        if (slash)
            slash[slash == w->tmpdir] = 0;
        else
            strcpy(w->tmpdir, ".");
    }
    *wp = w;
    return FMT_OK;
}

/* A temporary file in dir, unlinked at once so nothing is left behind
 * if the process dies. */
static FILE *anon_file(const char *dir)
{
    char t[1100];
    snprintf(t, sizeof t, "%s/.vbpack-XXXXXX", dir);
    int fd = mkstemp(t);
    if (fd < 0)
        return NULL;
    unlink(t);
    FILE *f = fdopen(fd, "w+b");
    if (!f)
        close(fd);
    return f;
}

static uint64_t hash64(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a, then a final mix */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static int sample_cmp(const void *a, const void *b)
{
    const sample *x = a, *y = b;
    return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* Keep the sampled documents with the smallest hashes that fit in
 * SAMPLE_CAP: a set that depends only on the documents, not their order.
 * A trim while documents are still coming (final 0) also keeps the first
 * one that does not fit: were it dropped, a later trim could let in a
 * document with a larger hash that fits where it did not, and the set
 * would depend on the order the sources came in. */
static int sample_trim(fmt_writer *w, int final)
{
    if (w->nsamples)
        vb_sort(w->samples, w->nsamples, sizeof *w->samples, sample_cmp);
    fmt_buf nb = {0};
    size_t k = 0;
    for (size_t i = 0; i < w->nsamples; i++) {
        int over = nb.len + w->samples[i].len > SAMPLE_CAP;
        if (over && (final || nb.len > SAMPLE_CAP))
            break;
        size_t off = nb.len;
        if (fmt_buf_append(&nb, w->sbuf.data + w->samples[i].off,
                           w->samples[i].len)) {
            fmt_buf_free(&nb);
            return FMT_NOMEM;
        }
        w->samples[k] = w->samples[i];
        w->samples[k++].off = off;
    }
    fmt_buf_free(&w->sbuf);
    w->sbuf = nb;
    w->nsamples = k;
    return FMT_OK;
}

static int add_sample(fmt_writer *w, const fmt_doc *d)
{
    uint64_t h = hash64(d->id, strlen(d->id));
    if (h % SAMPLE_MOD || d->len == 0)
        return FMT_OK;
    if (vb_grow(&w->samples, &w->capsamples, w->nsamples + 1,
                sizeof *w->samples, 256))
        return FMT_NOMEM;
    /* the whole serialised record, fields too: what gets compressed */
    size_t len = w->enc.len < 65536 ? w->enc.len : 65536;
    w->samples[w->nsamples++] = (sample){h, w->sbuf.len, len};
    if (fmt_buf_append(&w->sbuf, w->enc.data, len))
        return FMT_NOMEM;
    return w->sbuf.len > 2 * SAMPLE_CAP ? sample_trim(w, 0) : FMT_OK;
}

static int32_t sort_date(const fmt_doc *d) { return fmt_doc_date(d); }

/* Sort keys (u32 BE date, then the id) compare as bytes, a prefix first. */
static int key_less(const unsigned char *a, size_t al, const unsigned char *b,
                    size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c < 0 : al < bl;
}

static int arena_cmp(const void *a, const void *b, void *arena)
{
    const unsigned char *base = arena;
    const unsigned char *x = base + *(const size_t *)a;
    const unsigned char *y = base + *(const size_t *)b;
    uint32_t xl, yl;
    memcpy(&xl, x, 4);
    memcpy(&yl, y, 4);
    int c = memcmp(x + 4, y + 4, xl < yl ? xl : yl);
    return c ? c : (xl > yl) - (xl < yl);
}

/* qsort has no context argument in C11; a file-scope pointer serves the
 * one sort that runs at a time in a writer. */
static const unsigned char *sort_arena;
static int arena_cmp_q(const void *a, const void *b)
{
    return arena_cmp(a, b, (void *)sort_arena);
}

static void sort_run(fmt_writer *w)
{
    sort_arena = (const unsigned char *)w->arena.data;
    vb_sort(w->offs, w->noffs, sizeof *w->offs, arena_cmp_q);
}

/* Sort the run buffer and write it to a new unlinked file. */
static int spill(fmt_writer *w)
{
    if (!w->noffs)
        return FMT_OK;
    sort_run(w);
    FILE *f = anon_file(w->tmpdir);
    if (!f)
        return werr(w, FMT_IO, "%s: cannot create a temporary file: %s",
                    w->tmpdir, strerror(errno));
    FILE **s = fmt__realloc(w->spills, (w->nspills + 1) * sizeof *s);
    if (!s) {
        fclose(f);
        return FMT_NOMEM;
    }
    w->spills = s;
    w->spills[w->nspills++] = f;
    for (size_t i = 0; i < w->noffs; i++) {
        const unsigned char *e = (unsigned char *)w->arena.data + w->offs[i];
        uint32_t kl, pl;
        memcpy(&kl, e, 4);
        memcpy(&pl, e + 4 + kl, 4);
        if (fwrite(e, 1, 8 + (size_t)kl + pl, f) != 8 + (size_t)kl + pl)
            return werr(w, FMT_IO, "%s: writing a temporary file: %s",
                        w->tmpdir, strerror(errno));
    }
    if (fflush(f) || fseek(f, 0, SEEK_SET))
        return werr(w, FMT_IO, "%s: writing a temporary file: %s", w->tmpdir,
                    strerror(errno));
    w->arena.len = 0;
    w->noffs = 0;
    return FMT_OK;
}

/* A withdrawn question says so in its header or first lines. */
static int says_withdrawn(const fmt_doc *d)
{
    size_t look = d->len < 2048 ? d->len : 2048;
    for (size_t i = 0; i + 11 <= look; i++)
        if (!memcmp(d->text + i, "ingetrokken", 11))
            return 1;
    return 0;
}

static int add_meta(fmt_writer *w, const fmt_doc *d)
{
    if (vb_grow(&w->meta, &w->capmeta, w->nmeta + 1, sizeof *w->meta, 1024))
        return FMT_NOMEM;
    docmeta *m = &w->meta[w->nmeta++];
    memset(m, 0, sizeof *m);
    memcpy(m->zaak, d->zaak, sizeof m->zaak);
    m->zaak[sizeof m->zaak - 1] = 0;
    m->kind = (uint8_t)d->kind;
    m->submitted = d->submitted;
    m->received = d->received;
    m->withdrawn = says_withdrawn(d);
    return FMT_OK;
}

int fmt_writer_add(fmt_writer *w, const fmt_doc *d)
{
    if (!d->id || !*d->id || strlen(d->id) > 400)
        return werr(w, FMT_INVALID, "%s: document id missing or too long",
                    d->source ? d->source : "?");
    if (!d->text && d->len)
        return werr(w, FMT_INVALID, "%s: no text", d->id);
    if (w->ndocs >= UINT32_MAX - 2)
        return werr(w, FMT_LIMIT, "too many documents");
    size_t klen = 4 + strlen(d->id);
    w->enc.len = 0;
    int rc = vb_record_encode(d, &w->enc);
    if (rc)
        return werr(w, rc, "out of memory");
    if (w->enc.len > UINT32_MAX - 64)
        return werr(w, FMT_LIMIT, "%s: document too large", d->id);
    if (vb_grow(&w->offs, &w->capoffs, w->noffs + 1, sizeof *w->offs, 1024))
        return werr(w, FMT_NOMEM, "out of memory");
    unsigned char hd[8];
    uint32_t kl = (uint32_t)klen, pl = (uint32_t)w->enc.len;
    vb_put_be32(hd + 4, (uint32_t)sort_date(d));
    w->offs[w->noffs] = w->arena.len;
    if (fmt_buf_append(&w->arena, &kl, 4) ||
        fmt_buf_append(&w->arena, hd + 4, 4) ||
        fmt_buf_append(&w->arena, d->id, klen - 4) ||
        fmt_buf_append(&w->arena, &pl, 4) ||
        fmt_buf_append(&w->arena, w->enc.data, w->enc.len) ||
        add_meta(w, d) || add_sample(w, d))
        return werr(w, FMT_NOMEM, "out of memory");
    /* the smallest key so far: appending needs it after the base's */
    const unsigned char *key = (unsigned char *)w->arena.data + w->offs[w->noffs] + 4;
    if (!w->ndocs || key_less(key, kl, (unsigned char *)w->minkey.data,
                              w->minkey.len)) {
        w->minkey.len = 0;
        if (fmt_buf_append(&w->minkey, key, kl))
            return werr(w, FMT_NOMEM, "out of memory");
    }
    w->noffs++;
    w->ndocs++;
    w->source_bytes += d->len;
    if (w->arena.len >= RUN_BYTES)
        return spill(w);
    return FMT_OK;
}

int fmt_writer_add_related(fmt_writer *w, const fmt_doc *d)
{
    return add_meta(w, d) ? werr(w, FMT_NOMEM, "out of memory") : FMT_OK;
}

/* ---- merging runs ---------------------------------------------------------- */

static int run_next(run *r)
{
    uint32_t kl, pl;
    if (!r->f) {
        if (r->i >= r->n) {
            r->done = 1;
            return FMT_OK;
        }
        const unsigned char *e = r->arena + r->offs[r->i++];
        memcpy(&kl, e, 4);
        memcpy(&pl, e + 4 + kl, 4);
        r->key.len = r->payload.len = 0;
        if (fmt_buf_append(&r->key, e + 4, kl) ||
            fmt_buf_append(&r->payload, e + 8 + kl, pl))
            return FMT_NOMEM;
        return FMT_OK;
    }
    if (fread(&kl, 4, 1, r->f) != 1) {
        r->done = 1;
        return ferror(r->f) ? FMT_IO : FMT_OK;
    }
    r->key.len = r->payload.len = 0;
    if (fmt_buf_reserve(&r->key, kl) ||
        fread(r->key.data, 1, kl, r->f) != kl || fread(&pl, 4, 1, r->f) != 1 ||
        fmt_buf_reserve(&r->payload, pl) ||
        fread(r->payload.data, 1, pl, r->f) != pl)
        return FMT_IO;
    r->key.len = kl;
    r->payload.len = pl;
    return FMT_OK;
}

static int key_cmp(const run *a, const run *b)
{
    size_t n = a->key.len < b->key.len ? a->key.len : b->key.len;
    int c = memcmp(a->key.data, b->key.data, n);
    return c ? c : (a->key.len > b->key.len) - (a->key.len < b->key.len);
}

/* The run holding the smallest key (few runs: a linear scan is fine). */
static run *run_min(run *runs, size_t n)
{
    run *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (!runs[i].done && (!best || key_cmp(&runs[i], best) < 0))
            best = &runs[i];
    return best;
}

/* ---- zaak status ------------------------------------------------------------ */

typedef struct {
    char zaak[16];
    int32_t asked;       /* earliest submitted date of a question */
    int32_t answered;    /* earliest received date of an answer */
    uint8_t withdrawn, noticed, has_answer;
    uint32_t qdoc;       /* docno + 1 of its newest question written that
                            can prime an answer (choose_ref); 0: none */
} zaakinfo;

static int zi_cmp(const void *a, const void *b)
{
    return strcmp(((const zaakinfo *)a)->zaak, ((const zaakinfo *)b)->zaak);
}

static int dm_cmp(const void *a, const void *b)
{
    return strcmp(((const docmeta *)a)->zaak, ((const docmeta *)b)->zaak);
}

/* One entry per zaak, sorted, from the per-document metadata. */
static zaakinfo *build_zaken(fmt_writer *w, size_t *nz)
{
    vb_sort(w->meta, w->nmeta, sizeof *w->meta, dm_cmp);
    zaakinfo *z = fmt__calloc(w->nmeta + 1, sizeof *z);
    if (!z)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < w->nmeta; i++) {
        const docmeta *m = &w->meta[i];
        if (!m->zaak[0])
            continue;
        if (!n || strcmp(z[n - 1].zaak, m->zaak))
            memcpy(z[n++].zaak, m->zaak, sizeof m->zaak);
        zaakinfo *e = &z[n - 1];
        int32_t sub = m->submitted;
        if (sub && (!e->asked || sub < e->asked))
            e->asked = sub;
        if (m->kind == FMT_ANSWER)
            e->has_answer = 1;
        if (m->kind == FMT_ANSWER && m->received &&
            (!e->answered || m->received < e->answered))
            e->answered = m->received;
        if (m->kind == FMT_NOTICE)
            e->noticed = 1;
        if (m->withdrawn && m->kind == FMT_QUESTION)
            e->withdrawn = 1;
    }
    *nz = n;
    free(w->meta);
    w->meta = NULL;
    w->nmeta = w->capmeta = 0;
    return z;
}

/* The status of d's zaak, and the days it took to answer (-1: none). */
static int doc_status(const fmt_doc *d, const zaakinfo *z, size_t nz,
                      int *days)
{
    *days = -1;
    if (d->kind == FMT_ANSWER && d->submitted && d->received) {
        *days = vb_days(d->received) - vb_days(d->submitted);
        if (*days < 0)
            *days = -1;
    }
    /* Without a zaak a document is its own case: an answer is answered
     * (in days when its header gives both dates), a notice says the answer
     * is late, a question is open. */
    if (!d->zaak[0]) {
        if (d->kind == FMT_ANSWER || *days >= 0)
            return *days > 21 ? FMT_STATUS_LATE : FMT_STATUS_ANSWERED;
        if (d->kind == FMT_NOTICE)
            return FMT_STATUS_NOTICE;
        if (d->kind != FMT_QUESTION)
            return FMT_STATUS_NONE;
        return says_withdrawn(d) ? FMT_STATUS_WITHDRAWN : FMT_STATUS_OPEN;
    }
    zaakinfo key;
    memcpy(key.zaak, d->zaak, sizeof key.zaak);
    key.zaak[sizeof key.zaak - 1] = 0;
    const zaakinfo *e = bsearch(&key, z, nz, sizeof *z, zi_cmp);
    if (!e)
        return FMT_STATUS_NONE;
    if (e->withdrawn)
        return FMT_STATUS_WITHDRAWN;
    /* answered whenever an answer is here, whatever else is missing */
    if (!e->has_answer)
        return e->noticed ? FMT_STATUS_NOTICE : FMT_STATUS_OPEN;
    if (!e->answered) /* its date unknown: answered, in days unknown */
        return *days > 21 ? FMT_STATUS_LATE : FMT_STATUS_ANSWERED;
    int32_t asked = e->asked ? e->asked : d->submitted;
    if (*days < 0 && asked) {
        *days = vb_days(e->answered) - vb_days(asked);
        if (*days < 0)
            *days = -1;
    }
    return *days > 21 ? FMT_STATUS_LATE : FMT_STATUS_ANSWERED;
}

/* ---- the build -------------------------------------------------------------- */

/* Deflating is most of a pack's work, so a second thread does it: while it
 * compresses one batch of documents, the main thread numbers, indexes and
 * writes the batch before. */
#define BATCH 256

typedef struct {
    fmt_buf payload;     /* the serialised document */
    fmt_buf out;         /* its deflated form */
    size_t clen;
    uint32_t pcrc;
    uint32_t ref;        /* docno of the question it is primed with, or
                            NO_REF */
    fmt_buf reftext;     /* that question's text */
} cdoc;

#define NO_REF UINT32_MAX
/* An answer or notice repeats its question, and usually comes right after
 * it (documents are in (date, id) order and an answer carries its
 * question's submitted date), so the last QRING questions are kept to
 * prime their answers' compression with. */
#define QRING 512
#define MIN_REF_TEXT 256

typedef struct {
    char zaak[16];
    uint32_t docno;
    fmt_buf text;
} qref;

typedef struct {
    cdoc doc[BATCH];
    size_t n;
    atomic_size_t next;  /* the next document to take */
    fmt__zc *zc;         /* the compression thread's compressor */
    fmt__zc *zc_main;    /* the main thread's, when it helps */
    atomic_int failed;
    double busy;         /* seconds spent compressing (for tuning) */
    const unsigned char *dict;  /* the archive's dictionary */
    size_t dictlen;
} batch;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Items (records or summaries) gathered into one LMDB value, VB_CHUNK
 * documents a value: 'C', the count, count + 1 u32 BE offsets, the items
 * (see store.c). */
typedef struct {
    fmt_buf data;             /* the items so far */
    uint32_t off[VB_CHUNK + 1];
    uint32_t n, no;           /* items in it; the chunk's number */
} chunker;

/* SHA-256 of a file's first len bytes (all of it when len is
 * UINT64_MAX) on a thread of its own, so that it overlaps other work: the
 * new file's and (appending) the base's, both while the new file is
 * synced. */
typedef struct {
    int fd;
    uint64_t len, total;
    unsigned char digest[32];
    int err;             /* errno of a failed read; ESPIPE: file too short */
    pthread_t th;
    int running;
} hasher;

static void *hash_file(void *arg)
{
    hasher *h = arg;
    size_t cap = 1 << 20;
    unsigned char *buf = fmt__alloc(cap);
    vb_sha256 c;
    vb_sha256_init(&c);
    h->total = 0;
    h->err = buf ? 0 : ENOMEM;
    while (!h->err && h->total < h->len) {
        size_t want = h->len - h->total < cap ? (size_t)(h->len - h->total) : cap;
        ssize_t n = pread(h->fd, buf, want, (off_t)h->total);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            h->err = errno;
        else if (n == 0)
            h->err = h->len == UINT64_MAX ? 0 : ESPIPE;
        if (n <= 0)
            break;
        vb_sha256_update_fast(&c, buf, (size_t)n);
        h->total += (uint64_t)n;
    }
    vb_sha256_final(&c, h->digest);
    free(buf);
    return NULL;
}

static void hash_start(hasher *h, int fd, uint64_t len)
{
    memset(h, 0, sizeof *h);
    h->fd = fd;
    h->len = len;
    h->running = pthread_create(&h->th, NULL, hash_file, h) == 0;
    if (!h->running)
        hash_file(h);
}

static void hash_join(hasher *h)
{
    if (h->running)
        pthread_join(h->th, NULL);
    h->running = 0;
}

typedef struct {
    fmt_writer *w;
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi meta, docs, summary, ids, cols;
    vb_index *ix;
    fmt__zc *zc[2];
    unsigned char dict[FMT__DICT_MAX];
    size_t dictlen;
    zaakinfo *zaken;
    size_t nzaken;
    fmt_buf rec, zbuf;
    chunker crec, csum;       /* records and summaries, VB_CHUNK a value */
    char tmp[1100];           /* OUT.tmp-PID while it is being built */
    int tmp_made;
    struct stat tmpst;        /* the file tmp_create() made there */
    qref qring[QRING];        /* recent questions (see choose_ref) */
    size_t qnext;
    uint32_t fillno;
    uint64_t records_bytes;
    uint32_t kinds[4];
    int32_t first, last;
    /* appending (fmt_writer_finish_append): the base archive, its
     * documents come first; what it says of itself */
    fmt_archive *base;
    uint32_t nbase;
    fmt_info binfo;
    uint32_t *touched;        /* its documents in zaken the new ones join */
    size_t ntouched, captouched;
    uint32_t new_zaken;       /* zaken it does not have */
    uint32_t *zdocs;          /* a zaak's documents in it (base_zaak) */
    size_t capzdocs;
    fmt_doc bdoc;             /* scratch for its documents */
    fmt_buf back;             /* a question read back (read_back) */
    int basefd;               /* its file, hashed by bhash */
    hasher bhash;
    int hashing;
} build;

static void progress(build *b, const char *phase, uint64_t done, uint64_t n)
{
    if (b->w->progress)
        b->w->progress(b->w->pctx, phase, done, n);
}

static int base_zaak(build *b, const char *zaak, size_t *n);
static int base_checked(build *b);

static int mdb_fail(build *b, int rc, const char *what)
{
    char why[1200];
    return werr(b->w, vb_mdb_code(rc), "%s: %s: %s", b->w->path, what,
                vb_io_why(rc, b->tmp, why, sizeof why));
}

static int put(build *b, MDB_dbi dbi, const void *k, size_t kl, const void *v,
               size_t vl, unsigned flags)
{
    MDB_val key = {kl, (void *)k}, val = {vl, (void *)v};
    int rc = mdb_put(b->txn, dbi, &key, &val, flags);
    return rc ? mdb_fail(b, rc, "write") : FMT_OK;
}

static int put_num(build *b, const char *name, uint64_t v)
{
    char s[32];
    int n = snprintf(s, sizeof s, "%llu", (unsigned long long)v);
    return put(b, b->meta, name, strlen(name), s, (size_t)n, 0);
}

static int commit_and_renew(build *b)
{
    int rc = mdb_txn_commit(b->txn);
    b->txn = NULL;
    if (rc)
        return mdb_fail(b, rc, "commit");
    vb_drop_pages(b->env); /* the pages written are not read again soon */
    rc = mdb_txn_begin(b->env, NULL, 0, &b->txn);
    return rc ? mdb_fail(b, rc, "begin") : FMT_OK;
}

static int train_dict(build *b)
{
    fmt_writer *w = b->w;
    if (sample_trim(w, 1))
        return werr(w, FMT_NOMEM, "out of memory");
    const char **ptrs = fmt__calloc(w->nsamples + 1, sizeof *ptrs);
    size_t *lens = fmt__calloc(w->nsamples + 1, sizeof *lens);
    if (!ptrs || !lens) {
        free(ptrs);
        free(lens);
        return werr(w, FMT_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < w->nsamples; i++) {
        ptrs[i] = w->sbuf.data + w->samples[i].off;
        lens[i] = w->samples[i].len;
    }
    b->dictlen = fmt__dict_train(ptrs, lens, w->nsamples, b->dict,
                                 sizeof b->dict);
    free(ptrs);
    free(lens);
    fmt_buf_free(&w->sbuf);
    b->zc[0] = fmt__zc_new(b->dict, b->dictlen, w->level);
    b->zc[1] = fmt__zc_new(b->dict, b->dictlen, w->level);
    return b->zc[0] && b->zc[1] ? FMT_OK : werr(w, FMT_NOMEM, "out of memory");
}

/* Write the chunk gathered so far into dbi; *bytes grows by its size. */
static int flush_chunk(build *b, chunker *ch, MDB_dbi dbi, uint64_t *bytes,
                       unsigned flags)
{
    if (!ch->n)
        return FMT_OK;
    size_t head = 2 + 4 * ((size_t)ch->n + 1);
    b->rec.len = 0;
    if (fmt_buf_reserve(&b->rec, head + ch->data.len))
        return werr(b->w, FMT_NOMEM, "out of memory");
    unsigned char *p = (unsigned char *)b->rec.data;
    p[0] = 'C';
    p[1] = (unsigned char)ch->n;
    for (uint32_t i = 0; i <= ch->n; i++)
        vb_put_be32(p + 2 + 4 * i, ch->off[i]);
    memcpy(p + head, ch->data.data, ch->data.len);
    unsigned char key[4];
    vb_put_be32(key, ch->no++);
    if (bytes)
        *bytes += head + ch->data.len;
    int rc = put(b, dbi, key, 4, p, head + ch->data.len, flags);
    ch->data.len = 0;
    ch->n = 0;
    return rc;
}

/* The item just appended to ch->data is complete: a full chunk is
 * written. */
static int chunk_item_done(build *b, chunker *ch, MDB_dbi dbi, uint64_t *bytes)
{
    ch->off[++ch->n] = (uint32_t)ch->data.len;
    return ch->n == VB_CHUNK ? flush_chunk(b, ch, dbi, bytes, MDB_APPEND)
                             : FMT_OK;
}

/* Record header + the payload deflated by the compression thread (or
 * stored as it is when deflate did not make it smaller), as store.c reads
 * it, appended to the chunk being filled. */
static int put_record(build *b, const fmt_doc *d, const fmt_buf *payload,
                      const cdoc *c)
{
    unsigned char h[22];
    int stored = c->clen >= payload->len;
    int primed = !stored && c->ref != NO_REF;
    const char *data = stored ? payload->data : c->out.data;
    size_t dlen = stored ? payload->len : c->clen, hlen = primed ? 22 : 18;
    h[0] = 'R';
    h[1] = stored ? 0 : primed ? 2 : 1;
    vb_put_be32(h + 2, fmt_crc32(0, d->text, d->len));
    vb_put_be32(h + 6, (uint32_t)payload->len);
    vb_put_be32(h + 10, c->pcrc);
    vb_put_be32(h + 18, c->ref);
    /* the record's own CRC: the rest of the header and the stored bytes,
     * so a reader can trust a record before inflating all of it */
    uint32_t crc = fmt_crc32(0, h, 14);
    crc = fmt_crc32(crc, h + 18, hlen - 18);
    vb_put_be32(h + 14, fmt_crc32(crc, data, dlen));
    if (fmt_buf_append(&b->crec.data, h, hlen) ||
        fmt_buf_append(&b->crec.data, data, dlen))
        return werr(b->w, FMT_NOMEM, "out of memory");
    return chunk_item_done(b, &b->crec, b->docs, &b->records_bytes);
}

/* id -> docno; a second document with the same id is an error naming both
 * sources. */
static int put_id(build *b, uint32_t docno, const fmt_doc *d)
{
    size_t n = strlen(d->id);
    char key[512];
    key[0] = 'd';
    memcpy(key + 1, d->id, n);
    unsigned char v[4];
    vb_put_be32(v, docno);
    MDB_val k = {n + 1, key}, val = {4, v};
    int rc = mdb_put(b->txn, b->ids, &k, &val, MDB_NOOVERWRITE);
    if (rc == MDB_KEYEXIST)
        return werr(b->w, FMT_INVALID,
                    "duplicate id '%s': %s and another source both give it",
                    d->id, d->source ? d->source : "?");
    return rc ? mdb_fail(b, rc, "write id") : FMT_OK;
}

static int add_one(build *b, uint32_t docno, const fmt_buf *payload,
                   const cdoc *c, fmt_doc *d)
{
    int rc = vb_record_decode((const unsigned char *)payload->data,
                              payload->len, d);
    if (rc)
        return werr(b->w, rc, "record %u: cannot re-read", docno);
    int days, status = doc_status(d, b->zaken, b->nzaken, &days);
    if ((rc = put_record(b, d, payload, c)) || (rc = put_id(b, docno, d)))
        return rc;
    if (vb_summary_encode(d, status, days, &b->csum.data))
        return werr(b->w, FMT_NOMEM, "out of memory");
    if ((rc = chunk_item_done(b, &b->csum, b->summary, NULL)))
        return rc;
    if ((rc = vb_index_add(b->ix, docno, d, status)))
        return werr(b->w, rc, "%s: indexing: %s", d->id,
                    vb_index_errmsg(b->ix));
    if (d->kind >= 0 && d->kind < 4)
        b->kinds[d->kind]++;
    int32_t dt = sort_date(d);
    if (dt && (!b->first || dt < b->first))
        b->first = dt;
    if (dt > b->last)
        b->last = dt;
    return FMT_OK;
}

/* zaak -> its documents: questions, notices, answers, each by docno. Built
 * from the index's zaak list once every document is numbered. */
static int write_zaken(build *b)
{
    size_t n;
    const vb_zaakdoc *zd = vb_index_zaakdocs(b->ix, &n);
    static const int order[4] = {3, 0, 2, 1}; /* none, q, a, notice */
    for (size_t i = 0; i < n;) {
        size_t j = i, nold = 0;
        while (j < n && !strcmp(zd[j].zaak, zd[i].zaak))
            j++;
        int rc = b->base ? base_zaak(b, zd[i].zaak, &nold) : FMT_OK;
        if (rc)
            return rc;
        if (b->base && !nold)
            b->new_zaken++;
        b->zbuf.len = 0;
        for (int pass = 0; pass < 4; pass++) {
            /* appending: the base's documents come first, in its order */
            for (size_t k = 0; k < nold; k++) {
                uint32_t d = b->zdocs[k];
                if (d >= b->nbase || order[b->base->col_kind[d] & 3] != pass)
                    continue;
                unsigned char v[4];
                vb_put_be32(v, d);
                if (fmt_buf_append(&b->zbuf, v, 4))
                    return werr(b->w, FMT_NOMEM, "out of memory");
            }
            for (size_t k = i; k < j; k++) {
                if (order[zd[k].kind & 3] != pass)
                    continue;
                unsigned char v[4];
                vb_put_be32(v, zd[k].docno);
                if (fmt_buf_append(&b->zbuf, v, 4))
                    return werr(b->w, FMT_NOMEM, "out of memory");
            }
        }
        char key[20];
        size_t zl = strlen(zd[i].zaak);
        key[0] = 'z';
        memcpy(key + 1, zd[i].zaak, zl);
        rc = put(b, b->ids, key, zl + 1, b->zbuf.data, b->zbuf.len, 0);
        if (rc)
            return rc;
        i = j;
    }
    return FMT_OK;
}

/* Appending: the editions the new one grew from, oldest first, so that
 * `vbpack patch` can build it again byte for byte (fmt_lineage): the
 * base's own lineage, then the base. Per edition: its SHA-256 (32 bytes),
 * documents (u32 BE), deflate level (u8, 0: unknown), created (u64 BE),
 * title and edition (u8 length + bytes each). */
static int put_lineage(build *b)
{
    const fmt_info *in = &b->binfo;
    const unsigned char *v = NULL;
    size_t vl = 0;
    fmt_buf l = {0};
    fmt_edition *old;
    size_t nold;
    int rc = fmt_lineage(b->base, &old, &nold); /* it is sound: carried on */
    free(old);
    if (rc)
        return werr(b->w, rc, "%s", fmt_errmsg(b->base));
    rc = vb_get(b->base, b->base->meta, "lineage", 7, &v, &vl);
    if (rc == FMT_NOTFOUND)
        vl = 0;
    else if (rc)
        return werr(b->w, rc, "%s", fmt_errmsg(b->base));
    unsigned char e[45];
    for (int i = 0; i < 32; i++) {
        unsigned x;
        sscanf(in->checksum + 2 * i, "%2x", &x);
        e[i] = (unsigned char)x;
    }
    vb_put_be32(e + 32, in->documents);
    e[36] = (unsigned char)in->level;
    vb_put_be64(e + 37, (uint64_t)in->created);
    unsigned char tl = (unsigned char)strlen(in->title),
                  el = (unsigned char)strlen(in->edition);
    if ((vl && fmt_buf_append(&l, v, vl)) || fmt_buf_append(&l, e, sizeof e) ||
        fmt_buf_append(&l, &tl, 1) || fmt_buf_append(&l, in->title, tl) ||
        fmt_buf_append(&l, &el, 1) || fmt_buf_append(&l, in->edition, el))
        rc = werr(b->w, FMT_NOMEM, "out of memory");
    else
        rc = put(b, b->meta, "lineage", 7, l.data, l.len, 0);
    fmt_buf_free(&l);
    return rc;
}

static int write_meta(build *b, uint64_t ndocs, uint64_t index_bytes)
{
    fmt_writer *w = b->w;
    int rc = put_num(b, "version", FMT_VERSION_NUMBER);
    rc = rc ? rc : put(b, b->meta, "title", 5, w->title, strlen(w->title), 0);
    rc = rc ? rc : put(b, b->meta, "edition", 7, w->edition, strlen(w->edition), 0);
    /* Without SOURCE_DATE_EPOCH the newest document's date stands for the
     * edition's date: the clock would make every pack differ. */
    int64_t created = w->created > 0 ? w->created
                                     : (int64_t)vb_days(b->last) * 86400;
    rc = rc ? rc : put_num(b, "created", (uint64_t)(created > 0 ? created : 0));
    rc = rc ? rc : put_num(b, "documents", ndocs);
    rc = rc ? rc : put_num(b, "questions", b->kinds[FMT_QUESTION]);
    rc = rc ? rc : put_num(b, "answers", b->kinds[FMT_ANSWER]);
    rc = rc ? rc : put_num(b, "notices", b->kinds[FMT_NOTICE]);
    rc = rc ? rc : put_num(b, "zaken", b->base ? b->binfo.zaken + b->new_zaken
                                                : vb_index_nzaken(b->ix));
    rc = rc ? rc : put_num(b, "first", (uint64_t)(b->first > 0 ? b->first : 0));
    rc = rc ? rc : put_num(b, "last", (uint64_t)(b->last > 0 ? b->last : 0));
    rc = rc ? rc : put_num(b, "source_bytes",
                           w->source_bytes + b->binfo.source_bytes);
    rc = rc ? rc : put_num(b, "level", (uint64_t)w->level);
    if (!rc && w->nparts) {
        char pt[32];
        int n = snprintf(pt, sizeof pt, "%u/%u", w->part, w->nparts);
        rc = put(b, b->meta, "part", 4, pt, (size_t)n, 0);
        rc = rc ? rc : put_num(b, "split", w->split);
        if (!rc && w->partsums)
            rc = put(b, b->meta, "partsums", 8, w->partsums,
                     strlen(w->partsums), 0);
    }
    rc = rc ? rc : (b->base ? put_lineage(b) : FMT_OK);
    rc = rc ? rc : put_num(b, "records_bytes", b->records_bytes + b->dictlen);
    rc = rc ? rc : put_num(b, "index_bytes", index_bytes);
    rc = rc ? rc : put_num(b, "terms", vb_index_nterms(b->ix));
    rc = rc ? rc : put(b, b->meta, "dict", 4, b->dict, b->dictlen, 0);
    /* Last: a CRC of every other entry, so a damaged count or title is
     * reported rather than shown (see check_meta_sum in store.c). */
    uint32_t sum;
    unsigned char be[4];
    rc = rc ? rc : vb_meta_sum(b->txn, b->meta, &sum);
    if (!rc) {
        vb_put_be32(be, sum);
        rc = put(b, b->meta, "sum", 3, be, 4, 0);
    }
    return rc;
}

/* The archive is built in OUT.tmp-PID beside the output and renamed into
 * place when complete, so the output path never holds a partial file.
 * Pages freed by one transaction are reused by the next, so the file
 * built with commits now and then is as compact as a compacted copy (a
 * few pages of difference) and needs no second pass. */
/* The map is address space only (LMDB writes with pwrite), so it is asked
 * large, and halved while the system refuses it: a 64-bit Raspberry Pi
 * kernel gives a process 512 GB, a 32-bit process has about 3 GB in all,
 * qemu-user less. The map size stored in the archive is set by shrink_map,
 * so the bytes do not depend on what was granted here. */
#define MAP_MIN ((size_t)64 << 20)

/* Make OUT.tmp-PID afresh as a new regular file of ours, open in *fd:
 * whatever lay under the name (a link planted for a PID that would be
 * ours) is removed, never followed or written through (issue 13, #4). */
static int tmp_create(build *b, int *fd)
{
    unlink(b->tmp);
    *fd = open(b->tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (*fd < 0 || fstat(*fd, &b->tmpst)) {
        int e = errno;
        if (*fd >= 0)
            close(*fd);
        return werr(b->w, FMT_IO, "%s: %s", b->tmp, strerror(e));
    }
    b->tmp_made = 1;
    return FMT_OK;
}

/* The file under fd (fd < 0: under the name) is still the one
 * tmp_create() made: LMDB and publish() open it again by name. */
static int tmp_same(build *b, int fd)
{
    struct stat st;
    if (fd >= 0 ? fstat(fd, &st) : lstat(b->tmp, &st))
        return werr(b->w, FMT_IO, "%s: %s", b->tmp, strerror(errno));
    if (!S_ISREG(st.st_mode) || st.st_dev != b->tmpst.st_dev || st.st_ino != b->tmpst.st_ino)
        return werr(b->w, FMT_IO, "%s: replaced by another file while the archive was "
                    "written there; nothing written", b->tmp);
    return FMT_OK;
}

static int open_env(build *b)
{
    int fd = -1, rc;
    if (!b->base && (rc = tmp_create(b, &fd))) /* appending: base_copy made it */
        return rc;
    if (fd >= 0)
        close(fd);
    size_t mapsize = sizeof(size_t) > 4 ? (size_t)1 << 40 : (size_t)3 << 29;
    if (sizeof(size_t) < 8) /* see vb_check_layout */
        return werr(b->w, FMT_VERSION, "%s: this is a 32-bit build of vbpack, "
                    "and archives hold LMDB's 64-bit layout, which LMDB 0.9 "
                    "cannot write on a 32-bit system (archives would differ "
                    "from every other machine's and not open there); use a "
                    "64-bit system", b->w->path);
    for (;;) {
        rc = mdb_env_create(&b->env);
        if (!rc)
            rc = mdb_env_set_maxdbs(b->env, 16);
        if (!rc)
            rc = mdb_env_set_mapsize(b->env, mapsize);
        if (!rc)
            rc = mdb_env_open(b->env, b->tmp,
                              MDB_NOSUBDIR | MDB_NOSYNC | MDB_NOMETASYNC |
                                  MDB_NOLOCK | MDB_NORDAHEAD,
                              0644);
        if (rc != ENOMEM || mapsize / 2 < MAP_MIN)
            break;
        mdb_env_close(b->env); /* LMDB: a failed open needs a new env */
        b->env = NULL;
        if (!b->base && (rc = tmp_create(b, &fd)))
            return rc;
        if (fd >= 0)
            close(fd);
        fd = -1;
        mapsize /= 2;
    }
    if (rc)
        return mdb_fail(b, rc, "create");
    mdb_filehandle_t efd;
    if (mdb_env_get_fd(b->env, &efd))
        return werr(b->w, FMT_IO, "%s: no file", b->tmp);
    if ((rc = tmp_same(b, efd)))
        return rc;
    rc = mdb_txn_begin(b->env, NULL, 0, &b->txn);
    if (rc)
        return mdb_fail(b, rc, "begin");
    struct {
        const char *name;
        MDB_dbi *dbi;
    } t2[] = {{"meta", &b->meta}, {"docs", &b->docs}, {"summary", &b->summary},
              {"ids", &b->ids},   {"cols", &b->cols}};
    for (size_t i = 0; i < sizeof t2 / sizeof *t2; i++)
        if ((rc = mdb_dbi_open(b->txn, t2[i].name, MDB_CREATE, t2[i].dbi)))
            return mdb_fail(b, rc, "create table");
    return FMT_OK;
}

/* Where each chunk of dbi lies in the file, as the cols value `name`:
 * per chunk the file offset of its value (u64 BE) and its length (u32
 * BE), then a CRC-32 (u32 BE) of all that. A reader then fetches a
 * record or summary with two preads, touching no page of the map: the
 * first touch of a map page costs a fault, a page check and an mprotect
 * (guard.c), most of a search's time. The chunks were written in earlier
 * transactions and are not written again, so no later write moves them;
 * values in this transaction's view are pointers into the map (the
 * environment has no MDB_WRITEMAP, and these pages are not dirty). */
static int write_positions(build *b, MDB_dbi dbi, const char *name)
{
    MDB_envinfo info;
    MDB_stat st;
    MDB_cursor *c = NULL;
    int rc = mdb_env_info(b->env, &info);
    rc = rc ? rc : mdb_env_stat(b->env, &st);
    rc = rc ? rc : mdb_cursor_open(b->txn, dbi, &c);
    if (rc)
        return mdb_fail(b, rc, "positions");
    uint64_t end = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize;
    fmt_buf out = {0};
    MDB_val k, v;
    uint32_t want = 0;
    uintptr_t base = 0;
    int op = MDB_FIRST;
    while (!(rc = mdb_cursor_get(c, &k, &v, op))) {
        op = MDB_NEXT;
        /* LMDB does not say where its map is, but a value lies in the
         * page (the map is page-aligned) whose header starts with its
         * number: inside a leaf page or 16 bytes into its first
         * overflow page. That gives the map's start; it is read from
         * the first value only (reading every value's page would map
         * the whole file, 64 KB a fault) and checked on the last. */
        uintptr_t p = (uintptr_t)v.mv_data;
        const unsigned char *pg =
            (const unsigned char *)(p & ~(uintptr_t)(st.ms_psize - 1));
        if (!base)
            base = (uintptr_t)pg - (uintptr_t)(vb_le64(pg) * st.ms_psize);
        uint64_t off = (uint64_t)(p - base);
        unsigned char e[12];
        if (k.mv_size != 4 || vb_get_be32(k.mv_data) != want++ || p < base ||
            off > end || v.mv_size > end - off) {
            rc = MDB_CORRUPTED;
            break;
        }
        vb_put_be64(e, off);
        vb_put_be32(e + 8, (uint32_t)v.mv_size);
        if (fmt_buf_append(&out, e, 12)) {
            rc = ENOMEM;
            break;
        }
    }
    if (rc == MDB_NOTFOUND && out.len) { /* the last value's page agrees */
        uint64_t last = vb_get_be64((unsigned char *)out.data + out.len - 12);
        uint64_t pgno = last / st.ms_psize;
        if (vb_le64((const unsigned char *)(base + (uintptr_t)(pgno * st.ms_psize))) != pgno)
            rc = MDB_CORRUPTED;
    }
    mdb_cursor_close(c);
    if (rc != MDB_NOTFOUND) {
        fmt_buf_free(&out);
        return rc == ENOMEM ? werr(b->w, FMT_NOMEM, "out of memory")
                            : mdb_fail(b, rc, "positions");
    }
    unsigned char crc[4];
    vb_put_be32(crc, fmt_crc32(0, out.data, out.len));
    rc = fmt_buf_append(&out, crc, 4) ? werr(b->w, FMT_NOMEM, "out of memory")
                                      : put(b, b->cols, name, strlen(name),
                                            out.data, out.len, 0);
    fmt_buf_free(&out);
    return rc;
}

/* Before the last transaction: record a map size just above what is used,
 * so the archive's stored map size is about its own size and a small
 * machine can map it. */
static int shrink_map(build *b)
{
    int rc = mdb_txn_commit(b->txn);
    b->txn = NULL;
    MDB_envinfo info;
    MDB_stat st;
    if (!rc && !(rc = mdb_env_info(b->env, &info)) &&
        !(rc = mdb_env_stat(b->env, &st)))
        rc = mdb_env_set_mapsize(b->env, (info.me_last_pgno + 1 + 256) *
                                             (size_t)st.ms_psize);
    if (!rc)
        rc = mdb_txn_begin(b->env, NULL, 0, &b->txn);
    return rc ? mdb_fail(b, rc, "commit") : FMT_OK;
}

/* LMDB stores in both meta pages the largest map size the writer ever
 * asked for (it keeps increases only), which is whatever this machine
 * granted open_env. So that every machine writes the same bytes, both
 * are set to the size of the pages, which LMDB and our readers take as
 * the least map to use anyway. (Written with pwrite like LMDB's own
 * pages, before the file is hashed; the layout is LMDB's 64-bit one:
 * page header 16 bytes, magic and version 8, address 8, then the size;
 * little-endian, as on every machine we build for.) */
static int fix_mapsize(build *b, int fd)
{
    MDB_envinfo info;
    MDB_stat st;
    if (mdb_env_info(b->env, &info) || mdb_env_stat(b->env, &st)) {
        errno = EIO;
        return -1;
    }
    uint64_t size = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize;
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)(size >> (8 * i));
    for (int m = 0; m < 2; m++)
        if (pwrite(fd, le, 8, (off_t)m * st.ms_psize + 32) != 8)
            return -1;
    return 0;
}

/* Sync the finished file, add its checksum, rename it into place. The
 * trailer — "VBKSUM01", u64 BE length of what precedes it, the SHA-256
 * of those bytes, 16 zero bytes — lies past LMDB's last page, which LMDB
 * ignores; it lets anyone check a snapshot end to end. The file is
 * hashed while it is synced: LMDB wrote every page before (pwrite, no
 * WRITEMAP), so the bytes read are final. */
static int publish(build *b)
{
    fmt_writer *w = b->w;
    int same = tmp_same(b, -1);
    if (same)
        return same;
    int fd = open(b->tmp, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return werr(w, FMT_IO, "%s: %s", b->tmp, strerror(errno));
    same = tmp_same(b, fd);
    if (same) {
        close(fd);
        return same;
    }
    if (fix_mapsize(b, fd)) {
        close(fd);
        return werr(w, FMT_IO, "%s: %s", b->tmp, strerror(errno));
    }
    hasher h;
    hash_start(&h, fd, UINT64_MAX);
    if (b->base) { /* the second core: sync mostly waits on the disk */
        hash_start(&b->bhash, b->basefd, b->base->content_len);
        b->hashing = 1;
    }
    int rc = mdb_env_sync(b->env, 1);
    mdb_env_close(b->env);
    b->env = NULL;
    hash_join(&h);
    if (!rc && b->base && (rc = base_checked(b))) {
        close(fd);
        return rc;
    }
    progress(b, "synced", w->ndocs, w->ndocs);
    unsigned char t[64] = "VBKSUM01";
    for (int i = 0; i < 8; i++)
        t[8 + i] = (unsigned char)(h.total >> (56 - 8 * i));
    memcpy(t + 16, h.digest, 32);
    int e = rc ? EIO : h.err;
    if (!e && (pwrite(fd, t, sizeof t, (off_t)h.total) != (ssize_t)sizeof t ||
               fsync(fd)))
        e = errno;
    close(fd);
    char why[1200];
    if (e)
        return werr(w, FMT_IO, "%s: %s", b->tmp,
                    vb_io_why(rc ? rc : e, b->tmp, why, sizeof why));
    /* rename() replaces what is at w->path (a link swapped in after
     * out_check is replaced, not followed) */
    if ((same = tmp_same(b, -1)))
        return same;
    if (rename(b->tmp, w->path))
        return werr(w, FMT_IO, "%s: %s", w->path, strerror(errno));
    b->tmp_made = 0;
    return FMT_OK;
}

/* Remove OUT.tmp-PID files left by packers that were killed (their PID is
 * gone), so interrupted packs do not pile up. */
static void clean_stale(const fmt_writer *w)
{
    const char *slash = strrchr(w->path, '/');
    const char *base = slash ? slash + 1 : w->path;
    size_t bl = strlen(base);
    char dir[1100];
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - w->path + (slash == w->path)),
                 w->path);
    else
        strcpy(dir, ".");
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, base, bl) || strncmp(e->d_name + bl, ".tmp-", 5))
            continue;
        char *end;
        long pid = strtol(e->d_name + bl + 5, &end, 10);
        if (*end || pid <= 0 || pid == (long)getpid() ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* not ours to judge, or its packer still runs */
        char full[2200];
        snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
        unlink(full);
    }
    if (d)
        closedir(d);
}


/* Compress the documents of bt not taken yet. Both threads may run this
 * on one batch: each takes the next document, so when the main thread has
 * written its batch before the compression thread is done, it helps. */
static void compress_some(batch *bt, fmt__zc *zc)
{
    size_t i;
    while ((i = atomic_fetch_add(&bt->next, 1)) < bt->n) {
        cdoc *c = &bt->doc[i];
        size_t bound = fmt__zc_bound(c->payload.len);
        c->out.len = 0;
        c->pcrc = fmt_crc32(0, c->payload.data, c->payload.len);
        int bad = fmt_buf_reserve(&c->out, bound) != FMT_OK;
        if (!bad && c->ref != NO_REF) {
            unsigned char d[32768];
            size_t dl = vb_ref_dict(bt->dict, bt->dictlen,
                                    (unsigned char *)c->reftext.data,
                                    c->reftext.len, d);
            bad = fmt__zc_deflate_dict(zc, d, dl, c->payload.data,
                                       c->payload.len,
                                       (unsigned char *)c->out.data, bound,
                                       &c->clen);
        } else if (!bad) {
            bad = fmt__zc_deflate(zc, c->payload.data, c->payload.len,
                                  (unsigned char *)c->out.data, bound,
                                  &c->clen);
        }
        if (bad)
            atomic_store(&bt->failed, 1);
    }
}

static void *compress_batch(void *arg)
{
    batch *bt = arg;
    double t0 = now_s();
    compress_some(bt, bt->zc);
    bt->busy += now_s() - t0;
    return NULL;
}

/* Kind, zaak and text of a payload, read past the fields before them. */
static int peek_payload(const fmt_buf *p, int *kind, char zaak[16],
                        const unsigned char **text, size_t *tlen)
{
    const unsigned char *q, *end = (unsigned char *)p->data + p->len;
    if (vb_payload_text((unsigned char *)p->data, p->len, text, tlen))
        return -1;
    q = *text + *tlen;
    for (int i = 0; i < 2; i++) { /* id, source */
        uint64_t l;
        if (vb_get_varint(&q, end, &l) || l > (uint64_t)(end - q))
            return -1;
        q += l;
    }
    uint64_t zl;
    if (q >= end)
        return -1;
    *kind = *q++;
    if (vb_get_varint(&q, end, &zl) || zl > (uint64_t)(end - q) || zl >= 16)
        return -1;
    memcpy(zaak, q, zl);
    zaak[zl] = 0;
    return 0;
}

/* Give back a reused buffer that an outsized document grew, so that what
 * the pipeline holds stays bounded by the batch, not by the largest
 * documents of the corpus it has seen. 8 KB: with answers filed under
 * their own date a batch can be all answers (the newest weeks), whose
 * records are twice a question's; at 16 KB the two batches kept 10 MB
 * more at the peak of a 100,000-document pack (98 MB against 87). */
#define TRIM_CAP (8u << 10)
static void buf_trim(fmt_buf *b, size_t need)
{
    if (b->cap > TRIM_CAP && need <= TRIM_CAP)
        fmt_buf_free(b);
}

/* Appending: the base archive's documents of zaak into b->zdocs (*n of
 * them; 0 when it has none). FMT_OK, or an error of the base. */
static int base_zaak(build *b, const char *zaak, size_t *n)
{
    *n = 0;
    for (;;) {
        size_t got;
        int rc = fmt_zaak_docs(b->base, zaak, b->zdocs, b->capzdocs, &got);
        if (rc == FMT_NOTFOUND)
            return FMT_OK;
        if (rc)
            return werr(b->w, rc, "%s", fmt_errmsg(b->base));
        if (got <= b->capzdocs) {
            *n = got;
            return FMT_OK;
        }
        if (vb_grow(&b->zdocs, &b->capzdocs, got, sizeof *b->zdocs, 64))
            return werr(b->w, FMT_NOMEM, "out of memory");
    }
}

/* Appending: an answer or notice whose question is in the base archive
 * is primed with that question (the newest one of the zaak long enough),
 * as a fresh pack primes it from its ring. FMT_NOMEM, else FMT_OK (a
 * question that cannot be read just primes nothing). */
static int base_ref(build *b, cdoc *c, const char *zaak)
{
    size_t n = 0;
    if (base_zaak(b, zaak, &n) == FMT_NOMEM)
        return FMT_NOMEM;
    for (size_t k = n; k-- > 0;) {
        uint32_t q = b->zdocs[k];
        if (q >= b->nbase || b->base->col_kind[q] != FMT_QUESTION)
            continue;
        c->reftext.len = 0;
        if (fmt_get_text(b->base, q, &c->reftext))
            return FMT_OK;
        if (c->reftext.len < MIN_REF_TEXT)
            continue;
        if (c->reftext.len > 32768) {
            size_t cut = c->reftext.len - 32768;
            memmove(c->reftext.data, c->reftext.data + cut, 32768);
            c->reftext.len = 32768;
        }
        c->ref = q;
        return FMT_OK;
    }
    c->reftext.len = 0;
    return FMT_OK;
}

static zaakinfo *find_zaak(build *b, const char *zaak)
{
    zaakinfo key;
    memset(&key, 0, sizeof key);
    snprintf(key.zaak, sizeof key.zaak, "%s", zaak);
    return bsearch(&key, b->zaken, b->nzaken, sizeof *b->zaken, zi_cmp);
}

/* Prime c with question docno, written long before (its answer is filed
 * under its own date, weeks or months later, past the ring): its record
 * is read back from the chunk being filled or from the archive, and
 * inflated. Answers that come late still repeat their questions. A record
 * that cannot be read primes nothing (it was written by this very pack:
 * only memory can fail). */
static int read_back(build *b, cdoc *c, uint32_t docno)
{
    const unsigned char *p;
    size_t n;
    uint32_t no = docno / VB_CHUNK, i = docno % VB_CHUNK;
    if (no == b->crec.no) { /* the chunk being filled */
        if (i >= b->crec.n)
            return FMT_OK;
        p = (const unsigned char *)b->crec.data.data + b->crec.off[i];
        n = b->crec.off[i + 1] - b->crec.off[i];
    } else {
        unsigned char kb[4];
        vb_put_be32(kb, no);
        MDB_val k = {4, kb}, v;
        if (mdb_get(b->txn, b->docs, &k, &v))
            return FMT_OK;
        const unsigned char *ch = v.mv_data;
        size_t head = 2 + 4 * ((size_t)ch[1] + 1);
        if (v.mv_size < head || ch[0] != 'C' || i >= ch[1])
            return FMT_OK;
        uint32_t o0 = vb_get_be32(ch + 2 + 4 * i), o1 = vb_get_be32(ch + 6 + 4 * i);
        if (o0 > o1 || o1 > v.mv_size - head)
            return FMT_OK;
        p = ch + head + o0;
        n = o1 - o0;
    }
    if (n < 18 || p[0] != 'R' || p[1] > 1)
        return FMT_OK; /* questions are stored or deflated, never primed */
    size_t plen = vb_get_be32(p + 6);
    const unsigned char *payload = p + 18;
    if (p[1] == 1) {
        if (fmt_buf_reserve(&b->back, plen + 1))
            return FMT_NOMEM;
        size_t got;
        if (fmt__zc_inflate(b->zc[1], p + 18, n - 18,
                            (unsigned char *)b->back.data, plen, &got) ||
            got != plen)
            return FMT_OK;
        payload = (const unsigned char *)b->back.data;
    } else if (plen != n - 18) {
        return FMT_OK;
    }
    const unsigned char *text;
    size_t tlen;
    if (vb_payload_text(payload, plen, &text, &tlen) || tlen < MIN_REF_TEXT)
        return FMT_OK;
    if (tlen > 32768) { /* priming uses the last 32 KiB */
        text += tlen - 32768;
        tlen = 32768;
    }
    c->reftext.len = 0;
    if (fmt_buf_append(&c->reftext, text, tlen))
        return FMT_NOMEM;
    c->ref = docno;
    buf_trim(&b->back, 0);
    return FMT_OK;
}

/* Decide which question, if any, primes document c (docno no), and
 * remember questions for the answers to come. Sequential, so the choice
 * does not depend on the threads. */
static int choose_ref(build *b, cdoc *c, uint32_t no)
{
    int kind;
    char zaak[16];
    const unsigned char *text;
    size_t tlen;
    c->ref = NO_REF;
    if (peek_payload(&c->payload, &kind, zaak, &text, &tlen) || !zaak[0])
        return FMT_OK;
    if (kind == FMT_QUESTION) {
        if (tlen < MIN_REF_TEXT)
            return FMT_OK;
        zaakinfo *zi = find_zaak(b, zaak);
        if (zi)
            zi->qdoc = no + 1;
        qref *q = &b->qring[b->qnext++ % QRING];
        memcpy(q->zaak, zaak, sizeof q->zaak);
        q->docno = no;
        q->text.len = 0;
        /* priming uses the last 32 KiB of the text (vb_ref_dict): keep no
         * more, so the ring stays small whatever the documents' sizes */
        if (tlen > 32768) {
            text += tlen - 32768;
            tlen = 32768;
        }
        buf_trim(&q->text, tlen);
        return fmt_buf_append(&q->text, text, tlen);
    }
    size_t have = b->qnext < QRING ? b->qnext : QRING;
    for (size_t k = 1; k <= have; k++) {
        qref *q = &b->qring[(b->qnext - k) % QRING];
        if (strcmp(q->zaak, zaak))
            continue;
        c->ref = q->docno;
        c->reftext.len = 0;
        return fmt_buf_append(&c->reftext, q->text.data, q->text.len);
    }
    zaakinfo *zi = find_zaak(b, zaak);
    if (zi && zi->qdoc) /* long before: read it back */
        return read_back(b, c, zi->qdoc - 1);
    return b->base ? base_ref(b, c, zaak) : FMT_OK;
}

/* Fill bt with the next documents of the merged runs. */
static int fill_batch(build *b, run *runs, size_t nr, batch *bt)
{
    bt->n = 0;
    atomic_store(&bt->failed, 0);
    atomic_store(&bt->next, 0);
    run *r;
    while (bt->n < BATCH && (r = run_min(runs, nr)) != NULL) {
        /* hand the run's buffer over instead of copying it */
        fmt_buf t = bt->doc[bt->n].payload;
        bt->doc[bt->n].payload = r->payload;
        r->payload = t;
        if (choose_ref(b, &bt->doc[bt->n], b->fillno++))
            return FMT_NOMEM;
        bt->n++;
        int rc = run_next(r);
        if (rc)
            return rc;
    }
    return FMT_OK;
}

static int write_batch(build *b, batch *bt, uint32_t *docno, fmt_doc *d)
{
    int rc = FMT_OK;
    if (atomic_load(&bt->failed))
        return werr(b->w, FMT_NOMEM, "compression failed (out of memory)");
    for (size_t i = 0; i < bt->n && !rc; i++) {
        rc = add_one(b, *docno, &bt->doc[i].payload, &bt->doc[i], d);
        buf_trim(&bt->doc[i].payload, 0);
        buf_trim(&bt->doc[i].out, 0);
        fmt_buf_free(&bt->doc[i].reftext); /* up to 32 KiB, and only answers */
        if (!rc && ++*docno % COMMIT_EVERY == 0) {
            rc = commit_and_renew(b);
            if (b->w->progress)
                b->w->progress(b->w->pctx, "write", *docno, b->w->ndocs);
        }
    }
    return rc;
}

static void free_batch(batch *bt)
{
    for (size_t i = 0; i < BATCH; i++) {
        fmt_buf_free(&bt->doc[i].payload);
        fmt_buf_free(&bt->doc[i].out);
        fmt_buf_free(&bt->doc[i].reftext);
    }
}

/* Merge the runs in (date, id) order through the two-stage pipeline. */
static int pipeline(build *b, run *runs, size_t nr)
{
    batch *bt = fmt__calloc(2, sizeof *bt);
    if (!bt)
        return werr(b->w, FMT_NOMEM, "out of memory");
    bt[0].zc = bt[1].zc = b->zc[0];
    bt[0].zc_main = bt[1].zc_main = b->zc[1];
    fmt_doc d = {0};
    uint32_t docno = b->nbase;
    bt[0].dict = bt[1].dict = b->dict;
    bt[0].dictlen = bt[1].dictlen = b->dictlen;
    int cur = 0, rc = fill_batch(b, runs, nr, &bt[0]);
    pthread_t th;
    int running = 0;
    double busy_main = 0, help_main = 0;
    if (!rc && bt[0].n) {
        running = pthread_create(&th, NULL, compress_batch, &bt[0]) == 0;
        if (!running)
            compress_batch(&bt[0]);
    }
    while (!rc && bt[cur].n) {
        batch *next = &bt[!cur];
        rc = fill_batch(b, runs, nr, next);
        if (running) {
            pthread_join(th, NULL);
            running = 0;
        }
        if (!rc && next->n) {
            running = pthread_create(&th, NULL, compress_batch, next) == 0;
            if (!running)
                compress_batch(next);
        }
        double t0 = now_s();
        if (!rc)
            rc = write_batch(b, &bt[cur], &docno, &d);
        busy_main += now_s() - t0;
        vb_drop_pages(b->env);
        bt[cur].n = 0;
        if (running) { /* the next batch is not done: help with it */
            double t1 = now_s();
            compress_some(next, next->zc_main);
            help_main += now_s() - t1;
        }
        cur = !cur;
    }
    if (running)
        pthread_join(th, NULL);
    /* where the pipeline's time went, for whoever tunes it */
    if (b->w->progress) {
        b->w->progress(b->w->pctx, "busy-deflate",
                       (uint64_t)((bt[0].busy + bt[1].busy) * 1000), 0);
        b->w->progress(b->w->pctx, "busy-index", (uint64_t)(busy_main * 1000),
                       0);
        b->w->progress(b->w->pctx, "busy-helping", (uint64_t)(help_main * 1000),
                       0);
    }
    if (rc == FMT_IO)
        werr(b->w, rc, "%s: reading a temporary file", b->w->tmpdir);
    else if (rc == FMT_NOMEM && !b->w->err[0])
        werr(b->w, rc, "out of memory");
    fmt_doc_free(&d);
    free_batch(&bt[0]);
    free_batch(&bt[1]);
    free(bt);
    return rc;
}

static int merge_all(build *b)
{
    fmt_writer *w = b->w;
    size_t nr = w->nspills + 1;
    run *runs = fmt__calloc(nr, sizeof *runs);
    if (!runs)
        return werr(w, FMT_NOMEM, "out of memory");
    sort_run(w);
    int rc = FMT_OK;
    for (size_t i = 0; i < w->nspills; i++)
        runs[i].f = w->spills[i];
    runs[nr - 1].arena = (const unsigned char *)w->arena.data;
    runs[nr - 1].offs = w->offs;
    runs[nr - 1].n = w->noffs;
    for (size_t i = 0; i < nr && !rc; i++)
        rc = run_next(&runs[i]);
    if (!rc)
        rc = pipeline(b, runs, nr);
    if (!rc)
        rc = flush_chunk(b, &b->crec, b->docs, &b->records_bytes, MDB_APPEND);
    if (!rc)
        rc = flush_chunk(b, &b->csum, b->summary, NULL, MDB_APPEND);
    for (size_t i = 0; i < nr; i++) {
        fmt_buf_free(&runs[i].key);
        fmt_buf_free(&runs[i].payload);
    }
    free(runs);
    fmt_buf_free(&w->arena);
    return rc;
}

static void build_free(build *b)
{
    if (b->hashing)
        hash_join(&b->bhash);
    if (b->basefd > 0)
        close(b->basefd);
    if (b->txn)
        mdb_txn_abort(b->txn);
    if (b->env)
        mdb_env_close(b->env);
    if (b->tmp_made)
        unlink(b->tmp);
    if (b->ix)
        vb_index_free(b->ix);
    for (int i = 0; i < 2; i++)
        if (b->zc[i])
            fmt__zc_free(b->zc[i]);
    free(b->zaken);
    free(b->touched);
    free(b->zdocs);
    fmt_doc_free(&b->bdoc);
    fmt_buf_free(&b->back);
    fmt_buf_free(&b->rec);
    fmt_buf_free(&b->zbuf);
    fmt_buf_free(&b->crec.data);
    fmt_buf_free(&b->csum.data);
    for (size_t i = 0; i < QRING; i++)
        fmt_buf_free(&b->qring[i].text);
}

/* ---- appending to a base archive ------------------------------------------ */

/* The sort key of the base's last document: u32 BE date, then its id. */
static int base_last_key(fmt_archive *a, fmt_buf *key)
{
    fmt_summary s = {0};
    int rc = fmt_get_summary(a, a->ndocs - 1, &s);
    key->len = 0;
    if (!rc && (fmt_buf_append(key, a->col_date + 4 * (size_t)(a->ndocs - 1), 4) ||
                fmt_buf_append(key, s.id, strlen(s.id))))
        rc = FMT_NOMEM;
    fmt_summary_free(&s);
    return rc;
}

int fmt_writer_can_append(fmt_writer *w, fmt_archive *base)
{
    if (!w->ndocs || base->version != FMT_VERSION_NUMBER || !base->ndocs || !base->checksum[0] ||
        base->ndocs >= UINT32_MAX - 2 - w->ndocs)
        return 0;
    fmt_buf last = {0};
    int ok = !base_last_key(base, &last) &&
             key_less((unsigned char *)last.data, last.len,
                      (unsigned char *)w->minkey.data, w->minkey.len);
    fmt_buf_free(&last);
    return ok;
}

/* The base's documents in the zaken the new documents join: their
 * metadata goes with the new documents' into the zaak table (an answer
 * changes its question's status), and they are remembered in b->touched
 * so that restatus() can rewrite the summaries whose status changed. */
static int base_zaken(build *b)
{
    fmt_writer *w = b->w;
    size_t nnew = w->nmeta;
    vb_sort(w->meta, nnew, sizeof *w->meta, dm_cmp);
    for (size_t i = 0; i < nnew; i++) {
        char zaak[16];
        memcpy(zaak, w->meta[i].zaak, sizeof zaak);
        if (!zaak[0] || (i && !strcmp(zaak, w->meta[i - 1].zaak)))
            continue;
        size_t n;
        int rc = base_zaak(b, zaak, &n);
        for (size_t k = 0; k < n && !rc; k++) {
            uint32_t d = b->zdocs[k];
            if ((rc = fmt_get(b->base, d, &b->bdoc)))
                return werr(w, rc, "%s", fmt_errmsg(b->base));
            if (add_meta(w, &b->bdoc) ||
                vb_grow(&b->touched, &b->captouched, b->ntouched + 1,
                        sizeof *b->touched, 64))
                return werr(w, FMT_NOMEM, "out of memory");
            b->touched[b->ntouched++] = d;
        }
        if (rc)
            return rc;
    }
    return FMT_OK;
}

/* Copy the base's LMDB file (what precedes its trailer) to b->tmp. It is
 * hashed at the end, on the core the sync leaves idle (publish), and
 * base_checked() refuses a base that no longer matches its checksum
 * before anything is renamed into place, so damage is not carried into
 * the next edition. */
static int base_copy(build *b)
{
    fmt_archive *a = b->base;
    b->basefd = open(a->path, O_RDONLY | O_CLOEXEC);
    if (b->basefd < 0)
        return werr(b->w, FMT_IO, "%s: %s", a->path, strerror(errno));

    int out, rc0 = tmp_create(b, &out);
    if (rc0)
        return rc0;
    /* the kernel copies page cache to page cache; read and write when it
     * cannot (another file system, an old kernel) */
    off_t in_off = 0, out_off = 0;
    uint64_t left = a->content_len;
    int rc = FMT_OK;
    while (left) {
        ssize_t n = copy_file_range(b->basefd, &in_off, out, &out_off,
                                    left < (1u << 30) ? (size_t)left : 1u << 30, 0);
        if (n <= 0)
            break;
        left -= (uint64_t)n;
    }
    unsigned char *buf = left ? fmt__alloc(1 << 16) : NULL;
    if (left && !buf)
        rc = werr(b->w, FMT_NOMEM, "out of memory");
    while (left && !rc) {
        ssize_t n = pread(b->basefd, buf, left < (1u << 16) ? (size_t)left : 1u << 16,
                          in_off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || pwrite(out, buf, (size_t)n, out_off) != n)
            rc = werr(b->w, FMT_IO, "copying %s: %s", a->path,
                      n == 0 ? "shorter than it says" : strerror(errno));
        else {
            in_off += n;
            out_off += n;
            left -= (uint64_t)n;
        }
    }
    free(buf);
#ifdef SYNC_FILE_RANGE_WRITE
    /* start writing the copy out now: the sync at the end then waits only
     * for what the update changed, not for the whole file */
    if (!rc)
        sync_file_range(out, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
    if (close(out) && !rc)
        rc = werr(b->w, FMT_IO, "%s: %s", b->tmp, strerror(errno));
    return rc;
}

/* The base's hash (started by publish) is done and matches its checksum. */
static int base_checked(build *b)
{
    if (!b->hashing)
        return FMT_OK;
    hash_join(&b->bhash);
    b->hashing = 0;
    char hex[65];
    vb_sha256_hex(b->bhash.digest, hex);
    if (b->bhash.err)
        return werr(b->w, FMT_IO, "%s: %s", b->base->path,
                    b->bhash.err == ESPIPE ? "shorter than it says"
                                           : strerror(b->bhash.err));
    if (strcmp(hex, b->base->checksum))
        return werr(b->w, FMT_CORRUPT,
                    "%s: damaged: its content does not match its checksum "
                    "(see vbpack verify); nothing written", b->base->path);
    return FMT_OK;
}

/* The base's last chunk of dbi, when not full, goes back into ch to be
 * filled up with the new documents (and is deleted, so the chunks are
 * appended in order again). *bytes loses its size. */
static int base_chunk(build *b, chunker *ch, MDB_dbi dbi, uint64_t *bytes)
{
    uint32_t have = b->nbase % VB_CHUNK;
    ch->no = b->nbase / VB_CHUNK;
    if (!have)
        return FMT_OK;
    unsigned char kb[4];
    vb_put_be32(kb, ch->no);
    MDB_val k = {4, kb}, v;
    int rc = mdb_get(b->txn, dbi, &k, &v);
    if (rc)
        return mdb_fail(b, rc, "last chunk");
    const unsigned char *p = v.mv_data;
    size_t head = 2 + 4 * ((size_t)have + 1);
    if (v.mv_size < head || p[0] != 'C' || p[1] != have)
        return werr(b->w, FMT_CORRUPT, "%s: last chunk damaged", b->base->path);
    ch->off[0] = 0;
    for (uint32_t i = 0; i <= have; i++) {
        ch->off[i] = vb_get_be32(p + 2 + 4 * i);
        if ((i ? ch->off[i] < ch->off[i - 1] : ch->off[0] != 0) ||
            ch->off[i] > v.mv_size - head)
            return werr(b->w, FMT_CORRUPT, "%s: last chunk damaged",
                        b->base->path);
    }
    ch->data.len = 0;
    if (fmt_buf_append(&ch->data, p + head, ch->off[have]))
        return werr(b->w, FMT_NOMEM, "out of memory");
    ch->n = have;
    if (bytes)
        *bytes -= v.mv_size;
    rc = mdb_del(b->txn, dbi, &k, NULL);
    return rc ? mdb_fail(b, rc, "last chunk") : FMT_OK;
}

static int u32_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Appending: the base's documents in zaken the new ones joined whose
 * status or answer days changed (an answer came) get their summary
 * rewritten, chunk by chunk, and their status column updated. */
static int restatus(build *b)
{
    vb_sort(b->touched, b->ntouched, sizeof *b->touched, u32_cmp);
    fmt_buf chunk = {0};
    fmt_summary s = {0};
    int rc = FMT_OK;
    for (size_t i = 0; i < b->ntouched && !rc;) {
        uint32_t no = b->touched[i] / VB_CHUNK;
        size_t j = i;
        while (j < b->ntouched && b->touched[j] / VB_CHUNK == no)
            j++;
        unsigned char kb[4];
        vb_put_be32(kb, no);
        MDB_val k = {4, kb}, v;
        if ((rc = mdb_get(b->txn, b->summary, &k, &v))) {
            rc = mdb_fail(b, rc, "summary");
            break;
        }
        const unsigned char *p = v.mv_data;
        uint32_t n = v.mv_size >= 2 ? p[1] : 0;
        size_t head = 2 + 4 * ((size_t)n + 1);
        if (v.mv_size < head || p[0] != 'C' || n == 0 || n > VB_CHUNK ||
            vb_get_be32(p + 2 + 4 * n) > v.mv_size - head) {
            rc = werr(b->w, FMT_CORRUPT, "%s: summaries damaged", b->base->path);
            break;
        }
        chunk.len = 0;
        if (fmt_buf_append(&chunk, p, v.mv_size)) {
            rc = werr(b->w, FMT_NOMEM, "out of memory");
            break;
        }
        chunker *ch = &b->csum;
        ch->data.len = 0;
        ch->n = 0;
        ch->no = no;
        ch->off[0] = 0;
        p = (unsigned char *)chunk.data;
        int changed = 0;
        for (uint32_t it = 0; it < n && !rc; it++) {
            uint32_t d = no * VB_CHUNK + it, o0 = vb_get_be32(p + 2 + 4 * it),
                     o1 = vb_get_be32(p + 2 + 4 * (it + 1));
            int mine = 0;
            for (size_t t = i; t < j; t++)
                mine |= b->touched[t] == d;
            int days = -1, st = 0;
            if (mine && d < b->nbase) {
                if ((rc = fmt_get(b->base, d, &b->bdoc)) ||
                    (rc = fmt_get_summary(b->base, d, &s))) {
                    rc = werr(b->w, rc, "%s", fmt_errmsg(b->base));
                    break;
                }
                st = doc_status(&b->bdoc, b->zaken, b->nzaken, &days);
                mine = st != s.status || days != s.answer_days;
            }
            if (mine) {
                changed = 1;
                vb_index_set_status(b->ix, d, st);
                if (vb_summary_encode(&b->bdoc, st, days, &ch->data))
                    rc = werr(b->w, FMT_NOMEM, "out of memory");
            } else if (o1 < o0 || o1 > v.mv_size - head) {
                rc = werr(b->w, FMT_CORRUPT, "%s: summaries damaged",
                          b->base->path);
            } else if (fmt_buf_append(&ch->data, p + head + o0, o1 - o0)) {
                rc = werr(b->w, FMT_NOMEM, "out of memory");
            }
            ch->off[++ch->n] = (uint32_t)ch->data.len;
        }
        if (!rc && changed)
            rc = flush_chunk(b, ch, b->summary, NULL, 0);
        ch->data.len = 0;
        ch->n = 0;
        i = j;
    }
    fmt_buf_free(&chunk);
    fmt_summary_free(&s);
    return rc;
}

/* The dictionary of the base, for the new records. */
static int base_dict(build *b)
{
    memcpy(b->dict, b->base->dict, b->base->dictlen);
    b->dictlen = b->base->dictlen;
    fmt_buf_free(&b->w->sbuf);
    b->zc[0] = fmt__zc_new(b->dict, b->dictlen, b->w->level);
    b->zc[1] = fmt__zc_new(b->dict, b->dictlen, b->w->level);
    return b->zc[0] && b->zc[1] ? FMT_OK : werr(b->w, FMT_NOMEM, "out of memory");
}

/* What the base brings before the new documents are written: its copy as
 * the environment, its columns and facets in the index, its partly
 * filled last chunks, its counts. */
static int base_start(build *b)
{
    fmt_archive *a = b->base;
    memcpy(b->kinds, b->binfo.kinds, sizeof b->kinds);
    b->first = b->binfo.first_date;
    b->last = b->binfo.last_date;
    b->records_bytes = b->binfo.records_bytes - a->dictlen;
    b->fillno = b->nbase;
    int rc = vb_index_base(b->ix, a, b->binfo.terms);
    if (rc)
        return werr(b->w, rc, "%s: %s", a->path, vb_index_errmsg(b->ix));
    if ((rc = base_chunk(b, &b->crec, b->docs, &b->records_bytes)))
        return rc;
    uint64_t ignore = 0;
    return base_chunk(b, &b->csum, b->summary, &ignore);
}

/* A fresh pack (base NULL) or an append to base. */
static int finish(fmt_writer *w, fmt_archive *base, char *msg, size_t msglen)
{
    build b;
    memset(&b, 0, sizeof b);
    b.w = w;
    b.base = base;
    int rc = FMT_OK;
    snprintf(b.tmp, sizeof b.tmp, "%s.tmp-%ld", w->path, (long)getpid());
    if (base) {
        b.nbase = base->ndocs;
        if (!fmt_writer_can_append(w, base))
            rc = werr(w, FMT_INVALID, "%s: the new documents do not all come "
                      "after its own: cannot append", base->path);
        else if (fmt_get_info(base, &b.binfo))
            rc = werr(w, FMT_CORRUPT, "%s", fmt_errmsg(base));
    }
    if (!rc && w->nspills && (rc = spill(w)) == FMT_OK)
        fmt_buf_free(&w->arena); /* everything is in runs on disk now */
    progress(&b, "sources", w->ndocs, w->ndocs);
    if (!rc && base)
        rc = base_zaken(&b);
    if (!rc) {
        b.zaken = build_zaken(w, &b.nzaken);
        if (!b.zaken)
            rc = werr(w, FMT_NOMEM, "out of memory");
    }
    if (!rc)
        rc = base ? base_dict(&b) : train_dict(&b);
    progress(&b, "dict", 0, w->ndocs);
    if (!rc) {
        clean_stale(w);
        if (base) {
            rc = base_copy(&b);
            progress(&b, "copy", w->ndocs, w->ndocs);
        }
    }
    if (!rc)
        rc = open_env(&b);
    if (!rc && !(b.ix = vb_index_new(w->tmpdir, (uint32_t)(b.nbase + w->ndocs))))
        rc = werr(w, FMT_NOMEM, "out of memory");
    if (!rc && base)
        rc = base_start(&b);
    if (!rc)
        rc = merge_all(&b);
    progress(&b, "merged", w->ndocs, w->ndocs);
    if (!rc && base)
        rc = restatus(&b);
    vb_drop_pages(b.env);
    progress(&b, "statuses", w->ndocs, w->ndocs);
    uint64_t index_bytes = 0;
    if (!rc && (rc = vb_index_finish(b.ix, b.env, &b.txn, &index_bytes)))
        werr(w, rc, "index: %s", vb_index_errmsg(b.ix));
    index_bytes += b.binfo.index_bytes; /* appending: finish gave the change */
    progress(&b, "index", w->ndocs, w->ndocs);
    if (!rc)
        rc = write_zaken(&b);
    if (!rc)
        rc = shrink_map(&b);
    progress(&b, "zaken", w->ndocs, w->ndocs);
    if (!rc)
        rc = write_positions(&b, b.docs, "dpos");
    if (!rc)
        rc = write_positions(&b, b.summary, "spos");
    if (!rc)
        rc = write_meta(&b, b.nbase + w->ndocs, index_bytes);
    if (!rc) {
        rc = mdb_txn_commit(b.txn);
        b.txn = NULL;
        if (rc)
            rc = mdb_fail(&b, rc, "commit");
    }
    progress(&b, "meta", w->ndocs, w->ndocs);
    if (!rc)
        rc = publish(&b);
    progress(&b, "published", w->ndocs, w->ndocs);
    build_free(&b);
    if (msg && msglen)
        snprintf(msg, msglen, "%s", rc ? w->err : "");
    fmt_writer_abort(w);
    return rc;
}

int fmt_writer_finish(fmt_writer *w, char *msg, size_t msglen)
{
    return finish(w, NULL, msg, msglen);
}

int fmt_writer_finish_append(fmt_writer *w, fmt_archive *base, char *msg,
                             size_t msglen)
{
    return finish(w, base, msg, msglen);
}

void fmt_writer_abort(fmt_writer *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nspills; i++)
        fclose(w->spills[i]);
    free(w->spills);
    fmt_buf_free(&w->arena);
    fmt_buf_free(&w->sbuf);
    fmt_buf_free(&w->enc);
    fmt_buf_free(&w->minkey);
    free(w->partsums);
    free(w->offs);
    free(w->meta);
    free(w->samples);
    free(w);
}
