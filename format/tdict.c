/* tdict.c - the term dictionary: which words are indexed, their document
 * counts, where their lists are, and which words share a stem.
 *
 * Formats 2-5 keep one LMDB entry per word (terms: word -> lists) and one
 * per stem/word pair (stems: stem NUL word -> empty). Each entry costs a
 * node header, the whole key and its share of page slack; a list just
 * over half a page takes whole overflow pages (4 MB of a 20,000-document
 * archive's 13 MB dictionary was such slack, the stems table 3 MB more).
 *
 * Format 6 stores blocks, as Lucene's block tree and SQLite FTS5's leaves do:
 *
 *   terms  first word of the block -> block
 *   stems  first stem of the block -> block
 *   lists  u32 BE segment number   -> TDICT_SEG bytes of the heap
 *
 * A block: varint n (1..TDICT_MAXN), then n entries in key order: varint
 * bytes shared with the previous key (0 for the first, whose key is the
 * block's), varint suffix length, the suffix, varint payload length, the
 * payload. Blocks are cut so that key and value stay within TDICT_BUDGET:
 * LMDB then puts two in every leaf page and none in overflow pages.
 *
 * A term's payload: varint df, varint postings length << 1 | in-heap,
 * varint positions length, then either the heap offset (varint) or the
 * postings and positions themselves (tcodec.c). Lists over TDICT_INLINE
 * bytes go to the heap: one stream of every such list in word order, cut
 * into segments that fill half a page exactly; a list is read in place
 * when it lies in one segment, else gathered into the caller's buffer.
 *
 * A stem's payload: varint n, then n words sharing the stem (the stem
 * itself not among them), each as varint bytes shared with the previous
 * word (the first: with the stem), varint suffix length, suffix.
 *
 * Format 7 stores each block (terms and stems) as varint its length, then
 * the block raw-deflated; the budget holds for the stored value, so a
 * block takes more entries (up to TDICT_MAXN7; at most TDICT_RAWMAX bytes
 * inflated). The writer cuts the terms' blocks to TDICT_BUDGET3, three to
 * a page, and stores the stems' blocks undeflated (deflate's stored
 * blocks): both for the time a lookup takes (tdict_emit's comments). A reader inflates a block once, into the iterator, which
 * then reads it as format 6's; a term's small lists are copied out of it
 * by tdict_bytes, so they outlive the iterator as format 6's (in the map)
 * did.
 */
#include <pthread.h>
#include <stdio.h>
#include <zlib.h>
#include "tdict.h"
#include "guard.h"
#include "tcodec.h"

/* ---- pairs of common words ------------------------------------------- */

/* Function words that make up the formulas of the genre ("deelt u de
 * mening dat", "bent u bereid", "in het kader van"), sorted. */
const char tdict_pair_words[] =
    "aan als bij dat de deze die dit door een en er het hoe in is kan met "
    "naar niet of om ook op te u van voor wat welke wordt zijn";

int tdict_pairs(fmt_archive *a, const char **words, size_t *len)
{
    const unsigned char *v;
    size_t n;
    *words = "";
    *len = 0;
    if (a->version < 6)
        return FMT_OK;
    int rc = store_get(a, a->meta, "pairs", 5, &v, &n);
    if (rc == FMT_NOTFOUND)
        return FMT_OK;
    if (rc)
        return rc;
    /* short lower-case words, one space between: what tdict_pair_word
     * and the writer's keys (a byte a word, at most 64) can take */
    int words_n = 1;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == ' ' && i && i + 1 < n && v[i - 1] != ' ')
            words_n++;
        else if (v[i] < 'a' || v[i] > 'z')
            return error_set(a, FMT_CORRUPT, "%s: meta value 'pairs' damaged",
                             a->path);
    }
    if (n == 0 || n > 400 || words_n > 64)
        return error_set(a, FMT_CORRUPT, "%s: meta value 'pairs' damaged",
                         a->path);
    *words = (const char *)v;
    *len = n;
    return FMT_OK;
}

int tdict_pair_word(const char *words, size_t wlen, const char *w, size_t n)
{
    int i = 0;
    for (size_t at = 0; at < wlen; i++) {
        const char *sp = memchr(words + at, ' ', wlen - at);
        size_t l = sp ? (size_t)(sp - words) - at : wlen - at;
        if (l == n && !memcmp(words + at, w, n))
            return i;
        at += l + 1;
    }
    return -1;
}

/* ---- reading blocks ---------------------------------------------------- */

/* Entries a block may hold in a's format. */
static uint64_t tdict_maxn(const fmt_archive *a)
{
    return a->version >= 7 ? TDICT_MAXN7 : TDICT_MAXN;
}

/* Format 7 stores a block as varint raw length, then the block
 * raw-deflated (no checksum: the damage a flip can do to a block is what
 * it could do to format 6's plain block, which every read checks). */
int tdict_block_open(fmt_archive *a, const MDB_val *v, unsigned char *raw,
                     const unsigned char **p, const unsigned char **end)
{
    *p = v->mv_data;
    *end = *p + v->mv_size;
    if (a->version < 7)
        return FMT_OK;
    uint64_t len;
    if (vb_get_varint(p, *end, &len) || len == 0 || len > TDICT_RAWMAX)
        return FMT_CORRUPT;
    /* a block inflated before: its copy (a copy, not the cache's own
     * bytes, which the next block opened may take over) */
    size_t nslot = sizeof a->bcache / sizeof *a->bcache, old = 0;
    for (size_t i = 0; i < nslot; i++) {
        if (a->bcache[i].v == v->mv_data && a->bcache[i].vlen == v->mv_size &&
            a->bcache[i].len == len) {
            memcpy(raw, a->bcache[i].raw, (size_t)len);
            a->bcache[i].used = ++a->bclock;
            *p = raw;
            *end = raw + len;
            return FMT_OK;
        }
        if (a->bcache[i].used < a->bcache[old].used)
            old = i;
    }
    if (!a->bz) {
        z_stream *z = alloc_calloc(1, sizeof *z);
        if (!z || inflateInit2(z, -15) != Z_OK) {
            free(z);
            return FMT_NOMEM;
        }
        a->bz = z;
    } else if (inflateReset(a->bz) != Z_OK) {
        return FMT_NOMEM;
    }
    z_stream *z = a->bz;
    z->next_in = (Bytef *)*p;
    z->avail_in = (uInt)(*end - *p);
    z->next_out = raw;
    z->avail_out = (uInt)len;
    /* all of it in one call: the stream must end exactly at the stored
     * length, its bytes exactly at the value's end */
    int rc = inflate(z, Z_FINISH);
    int ok = rc == Z_STREAM_END && z->avail_in == 0 && z->avail_out == 0;
    if (rc == Z_MEM_ERROR)
        return FMT_NOMEM;
    if (!ok)
        return FMT_CORRUPT;
    *p = raw;
    *end = raw + len;
    /* kept in the slot used longest ago (no room: simply not kept) */
    if (!a->bcache[old].raw)
        a->bcache[old].raw = alloc_malloc(TDICT_RAWMAX);
    if (a->bcache[old].raw) {
        memcpy(a->bcache[old].raw, raw, (size_t)len);
        a->bcache[old].v = v->mv_data;
        a->bcache[old].vlen = v->mv_size;
        a->bcache[old].len = (size_t)len;
        a->bcache[old].used = ++a->bclock;
    }
    return FMT_OK;
}

/* The next entry of the block: its key into key/kl (kept from the
 * previous entry: front coding), its payload. 0, or -1 when damaged. */
static int tdict_entry(const unsigned char **pp, const unsigned char *end,
                       int first, char *key, size_t *kl,
                       const unsigned char **pay, size_t *pl)
{
    uint64_t shared, suf, plen;
    const unsigned char *p = *pp;
    if (vb_get_varint(&p, end, &shared) || vb_get_varint(&p, end, &suf) ||
        shared > *kl || (first && shared) || suf > FMT_TOKMAX ||
        shared + suf > FMT_TOKMAX || suf > (uint64_t)(end - p) ||
        (!first && !suf && shared == *kl))
        return -1;
    memcpy(key + shared, p, (size_t)suf);
    *kl = (size_t)(shared + suf);
    key[*kl] = 0;
    p += suf;
    if (vb_get_varint(&p, end, &plen) || plen > (uint64_t)(end - p))
        return -1;
    *pay = p;
    *pl = (size_t)plen;
    *pp = p + plen;
    return 0;
}

static int tdict_damaged(tdict_iter *it, const char *what)
{
    if (guard_broken(it->a))
        return FMT_CORRUPT;
    return error_set(it->a, FMT_CORRUPT, "%s: index %s damaged near '%.*s'",
                     it->a->path, what, (int)(it->wlen > 64 ? 64 : it->wlen),
                     it->word);
}

/* Parse a term's payload into it. */
static int tdict_term(tdict_iter *it, const unsigned char *p, size_t n)
{
    const unsigned char *end = p + n;
    uint64_t df, pl, posl;
    if (vb_get_varint(&p, end, &df) || vb_get_varint(&p, end, &pl) ||
        vb_get_varint(&p, end, &posl) || df == 0 || df > it->a->ndocs ||
        (pl >> 1) > SIZE_MAX / 2 || posl > SIZE_MAX / 2)
        return -1;
    it->df = (uint32_t)df;
    it->ext = (int)(pl & 1);
    it->plen = (size_t)(pl >> 1);
    it->poslen = (size_t)posl;
    if (it->ext) {
        if (!it->a->heap_max) { /* once per handle: what the heap can hold */
            MDB_stat st;
            if (guard_stat(it->a, it->a->lists, &st))
                return -1;
            it->a->heap_max = (uint64_t)st.ms_entries * TDICT_SEG + 1;
        }
        /* a damaged length must not make a read gather the whole heap */
        if (vb_get_varint(&p, end, &it->hoff) || p != end ||
            it->hoff >= it->a->heap_max ||
            (uint64_t)it->plen + it->poslen > it->a->heap_max - it->hoff)
            return -1;
        it->post = it->pos = NULL;
    } else {
        if ((uint64_t)(end - p) != (uint64_t)it->plen + it->poslen)
            return -1;
        it->post = p;
        it->pos = p + it->plen;
        if (it->v7)
            it->pofs = (size_t)(p - it->raw);
    }
    return 0;
}

/* The block the cursor stands on (key k, value v): open it. */
static int tdict_block(tdict_iter *it, const MDB_val *k, const MDB_val *v)
{
    uint64_t n;
    it->wlen = 0;
    int rc = tdict_block_open(it->a, v, it->raw, &it->bp, &it->bend);
    if (rc == FMT_NOMEM)
        return rc;
    it->bstored = v->mv_size;
    it->braw = (size_t)(it->bend - it->bp);
    if (rc || k->mv_size == 0 || k->mv_size > FMT_TOKMAX ||
        vb_get_varint(&it->bp, it->bend, &n) || n == 0 || n > tdict_maxn(it->a)) {
        snprintf(it->word, sizeof it->word, "%.*s",
                 (int)(k->mv_size > 64 ? 64 : k->mv_size),
                 (const char *)k->mv_data);
        it->wlen = strlen(it->word);
        return tdict_damaged(it, rc ? "block (deflated)" : "block");
    }
    it->left = (uint32_t)n;
    /* the first entry's key must be the block's */
    const unsigned char *pay;
    size_t pl;
    if (tdict_entry(&it->bp, it->bend, 1, it->word, &it->wlen, &pay, &pl) ||
        it->wlen != k->mv_size || memcmp(it->word, k->mv_data, it->wlen) ||
        tdict_term(it, pay, pl))
        return tdict_damaged(it, "block");
    it->left--;
    return FMT_OK;
}

static int tdict_cursor_err(tdict_iter *it, int rc)
{
    if (rc == MDB_NOTFOUND)
        return FMT_NOTFOUND;
    if (guard_broken(it->a))
        return FMT_CORRUPT;
    return error_set(it->a, FMT_CORRUPT, "%s: index damaged (%s)", it->a->path,
                     guard_why(it->a, rc));
}

/* Format 2-5: the cursor's entry is the term. */
static int tdict_old(tdict_iter *it, const MDB_val *k, const MDB_val *v)
{
    it->wlen = k->mv_size > FMT_TOKMAX ? FMT_TOKMAX : k->mv_size;
    memcpy(it->word, k->mv_data, it->wlen);
    it->word[it->wlen] = 0;
    it->ext = 0;
    if (postings_term_split(v->mv_data, v->mv_size, &it->post, &it->plen,
                            &it->pos, &it->poslen) ||
        postings_df(it->post, it->plen, &it->df))
        return tdict_damaged(it, "entry");
    return FMT_OK;
}

static int tdict_key_cmp(const char *a, size_t al, const char *b, size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c : (al > bl) - (al < bl);
}

int tdict_block_seek(fmt_archive *a, MDB_cursor *c, int blocked,
                     const char *key, size_t kl, MDB_val *kp, MDB_val *vp,
                     int *astray)
{
    MDB_val k = {kl, (void *)key}, v;
    int rc = kl ? guard_cursor_get(a, c, &k, &v, MDB_SET_RANGE)
                : guard_cursor_get(a, c, &k, &v, MDB_FIRST);
    if (!blocked) { /* one entry a key: the first >= key is the one */
        *astray = 0;
        *kp = k;
        *vp = v;
        return rc;
    }
    /* the block holding key starts at or before it. A damaged tree can
     * send the cursor astray without an error: the blocks it stands on
     * must then still be in order around key, or an entry would be
     * missed silently */
    *astray = 0;
    if (rc == MDB_NOTFOUND && kl) {
        rc = guard_cursor_get(a, c, &k, &v, MDB_LAST);
        *astray = !rc && tdict_key_cmp(k.mv_data, k.mv_size, key, kl) > 0;
    } else if (!rc && kl && tdict_key_cmp(k.mv_data, k.mv_size, key, kl) > 0) {
        MDB_val k2, v2;
        int r2 = guard_cursor_get(a, c, &k2, &v2, MDB_PREV);
        if (!r2) {
            *astray = tdict_key_cmp(k2.mv_data, k2.mv_size, k.mv_data, k.mv_size) >= 0;
            k = k2;
            v = v2;
        } else if (r2 != MDB_NOTFOUND) {
            rc = r2;
        } else { /* key is before the first block: that was the first */
            MDB_val k1 = k;
            rc = guard_cursor_get(a, c, &k, &v, MDB_FIRST);
            *astray = !rc && (k.mv_size != k1.mv_size ||
                              memcmp(k.mv_data, k1.mv_data, k.mv_size));
        }
    }
    *kp = k;
    *vp = v;
    return rc;
}

int tdict_seek(fmt_archive *a, tdict_iter *it, const char *key, size_t kl)
{
    memset(it, 0, offsetof(tdict_iter, raw));
    it->a = a;
    it->v6 = a->version >= 6;
    it->v7 = a->version >= 7;
    if (guard_cursor_open(a, a->terms, &it->cur)) {
        it->cur = NULL;
        return guard_broken(a) ? FMT_CORRUPT
                               : error_set(a, FMT_CORRUPT, "%s: index damaged",
                                           a->path);
    }
    MDB_val k, v;
    int astray, rc = tdict_block_seek(a, it->cur, it->v6, key, kl, &k, &v, &astray);
    if (!it->v6)
        return rc ? tdict_cursor_err(it, rc) : tdict_old(it, &k, &v);
    if (rc)
        return tdict_cursor_err(it, rc);
    if (astray)
        return tdict_damaged(it, "tree");
    if ((rc = tdict_block(it, &k, &v)))
        return rc;
    while (tdict_key_cmp(it->word, it->wlen, key, kl) < 0)
        if ((rc = tdict_next(it)))
            return rc;
    return FMT_OK;
}

int tdict_next(tdict_iter *it)
{
    MDB_val k, v;
    int rc;
    if (!it->v6) {
        rc = guard_cursor_get(it->a, it->cur, &k, &v, MDB_NEXT);
        return rc ? tdict_cursor_err(it, rc) : tdict_old(it, &k, &v);
    }
    if (it->left) {
        const unsigned char *pay;
        size_t pl;
        char prev[FMT_TOKMAX + 1];
        size_t prevl = it->wlen;
        memcpy(prev, it->word, prevl);
        if (tdict_entry(&it->bp, it->bend, 0, it->word, &it->wlen, &pay, &pl) ||
            tdict_key_cmp(it->word, it->wlen, prev, prevl) <= 0 ||
            tdict_term(it, pay, pl))
            return tdict_damaged(it, "block");
        it->left--;
        return FMT_OK;
    }
    if (it->bp != it->bend)
        return tdict_damaged(it, "block");
    rc = guard_cursor_get(it->a, it->cur, &k, &v, MDB_NEXT);
    if (rc)
        return tdict_cursor_err(it, rc);
    char prev[FMT_TOKMAX + 1];
    size_t prevl = it->wlen;
    memcpy(prev, it->word, prevl);
    if ((rc = tdict_block(it, &k, &v)))
        return rc;
    if (tdict_key_cmp(it->word, it->wlen, prev, prevl) <= 0)
        return tdict_damaged(it, "block");
    return FMT_OK;
}

void tdict_close(tdict_iter *it)
{
    if (it->cur)
        guard_cursor_close(it->a, it->cur);
    it->cur = NULL;
}

int tdict_lookup(fmt_archive *a, const char *w, size_t n, tdict_iter *it)
{
    if (a->version < 6) { /* one entry a word: no cursor needed */
        const unsigned char *v;
        size_t vl;
        memset(it, 0, offsetof(tdict_iter, raw));
        it->a = a;
        int rc = store_get(a, a->terms, w, n, &v, &vl);
        if (rc == FMT_CORRUPT && !guard_broken(a))
            rc = error_set(a, rc, "%s: index damaged", a->path);
        if (rc)
            return rc;
        MDB_val k = {n, (void *)w}, val = {vl, (void *)v};
        return tdict_old(it, &k, &val);
    }
    int rc = tdict_seek(a, it, w, n);
    tdict_close(it);
    if (!rc && (it->wlen != n || memcmp(it->word, w, n)))
        rc = FMT_NOTFOUND;
    return rc;
}

/* Bytes [off, off + n) of the heap: in place when in one segment. */
static int tdict_heap_read(const tdict_iter *it, uint64_t off, size_t n,
                           fmt_buf *buf, const unsigned char **out)
{
    fmt_archive *a = it->a;
    uint64_t seg = off / TDICT_SEG;
    size_t at = (size_t)(off % TDICT_SEG), got = 0;
    buf->len = 0;
    if (!n) {
        *out = (const unsigned char *)"";
        return FMT_OK;
    }
    while (got < n) {
        unsigned char key[4];
        const unsigned char *v;
        size_t vl;
        if (seg > UINT32_MAX)
            return tdict_damaged((tdict_iter *)it, "list");
        vb_put_be32(key, (uint32_t)seg);
        int rc = store_get(a, a->lists, key, 4, &v, &vl);
        if (rc == FMT_NOMEM)
            return rc;
        if (rc || vl > TDICT_SEG || at > vl || (vl < TDICT_SEG && n - got > vl - at))
            return tdict_damaged((tdict_iter *)it, "list");
        size_t take = vl - at < n - got ? vl - at : n - got;
        if (got == 0 && take == n) { /* all in this segment */
            *out = v + at;
            return FMT_OK;
        }
        if (fmt_buf_append(buf, v + at, take))
            return FMT_NOMEM;
        got += take;
        at = 0;
        seg++;
    }
    *out = (const unsigned char *)buf->data;
    return FMT_OK;
}

int tdict_bytes(const tdict_iter *it, int want, fmt_buf *buf,
                const unsigned char **p, size_t *n)
{
    *n = want ? it->poslen : it->plen;
    if (!it->ext && it->v7) { /* in the iterator's block: a copy */
        buf->len = 0;
        if (fmt_buf_append(buf, it->raw + it->pofs + (want ? it->plen : 0), *n))
            return FMT_NOMEM;
        *p = (const unsigned char *)buf->data;
        return FMT_OK;
    }
    if (!it->ext) {
        *p = want ? it->pos : it->post;
        return FMT_OK;
    }
    uint64_t off = it->hoff + (want ? it->plen : 0);
    if (off < it->hoff)
        return tdict_damaged((tdict_iter *)it, "list");
    return tdict_heap_read(it, off, *n, buf, p);
}

/* ---- stems ------------------------------------------------------------------- */

/* A stem's payload: call fn for each of its words. */
int tdict_stem_decode(const unsigned char *p, size_t n, const char *stem,
                           size_t sl,
                           int (*fn)(void *ctx, const char *w, size_t wl),
                           void *ctx)
{
    const unsigned char *end = p + n;
    uint64_t cnt;
    char w[FMT_TOKMAX + 1];
    size_t wl = sl;
    memcpy(w, stem, sl);
    if (vb_get_varint(&p, end, &cnt) || cnt == 0 || cnt > n)
        return -1;
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t shared, suf;
        if (vb_get_varint(&p, end, &shared) || vb_get_varint(&p, end, &suf) ||
            shared > wl || shared + suf > FMT_TOKMAX ||
            suf > (uint64_t)(end - p))
            return -1;
        memcpy(w + shared, p, (size_t)suf);
        wl = (size_t)(shared + suf);
        p += suf;
        if (fn) {
            int rc = fn(ctx, w, wl);
            if (rc)
                return rc;
        }
    }
    return p == end ? 0 : -1;
}

int tdict_stem_words(fmt_archive *a, const char *stem, size_t sl,
                     int (*fn)(void *ctx, const char *w, size_t wl), void *ctx)
{
    tdict_iter it; /* for its messages and its block buffer */
    memset(&it, 0, offsetof(tdict_iter, raw));
    it.a = a;
    MDB_cursor *c;
    if (sl == 0 || sl > FMT_TOKMAX)
        return FMT_OK;
    if (guard_cursor_open(a, a->stems, &c))
        return guard_broken(a) ? FMT_CORRUPT
                               : error_set(a, FMT_CORRUPT, "%s: index damaged",
                                           a->path);
    it.cur = c;
    char key[FMT_TOKMAX + 2];
    memcpy(key, stem, sl);
    key[sl] = 0;
    int out = FMT_OK;
    if (a->version < 6) { /* stem NUL word, one entry each */
        MDB_val k = {sl + 1, key}, v;
        int rc = guard_cursor_get(a, c, &k, &v, MDB_SET_RANGE);
        while (!rc && !out && k.mv_size > sl + 1 && !memcmp(k.mv_data, key, sl + 1)) {
            out = fn(ctx, (const char *)k.mv_data + sl + 1, k.mv_size - sl - 1);
            rc = guard_cursor_get(a, c, &k, &v, MDB_NEXT);
        }
        if (!out && rc && rc != MDB_NOTFOUND)
            out = tdict_cursor_err(&it, rc);
        guard_cursor_close(a, c);
        return out;
    }
    /* the block holding stem: the last whose first stem <= it */
    MDB_val k = {sl, key}, v;
    int rc = guard_cursor_get(a, c, &k, &v, MDB_SET_RANGE);
    if (rc == MDB_NOTFOUND)
        rc = guard_cursor_get(a, c, &k, &v, MDB_LAST);
    else if (!rc && tdict_key_cmp(k.mv_data, k.mv_size, stem, sl) > 0) {
        rc = guard_cursor_get(a, c, &k, &v, MDB_PREV);
        if (rc == MDB_NOTFOUND) { /* before the first stem: none */
            guard_cursor_close(a, c);
            return FMT_OK;
        }
    }
    if (rc) {
        out = rc == MDB_NOTFOUND ? FMT_OK : tdict_cursor_err(&it, rc);
        guard_cursor_close(a, c);
        return out;
    }
    const unsigned char *p, *end;
    uint64_t n = 0;
    char s[FMT_TOKMAX + 1];
    size_t kl = 0;
    memcpy(it.word, k.mv_data, k.mv_size < 64 ? k.mv_size : 64);
    it.wlen = k.mv_size < 64 ? k.mv_size : 64;
    int r0 = FMT_OK;
    p = v.mv_data;
    end = p + v.mv_size;
    if (a->version >= 7) /* whole, through the handle's block cache: a
                            query's stems come back block after block */
        r0 = tdict_block_open(a, &v, it.raw, &p, &end);
    if (r0 == FMT_NOMEM)
        out = r0;
    else if (r0)
        out = tdict_damaged(&it, "stems block (deflated)");
    else if (vb_get_varint(&p, end, &n) || n == 0 || n > tdict_maxn(a))
        out = tdict_damaged(&it, "stems block");
    for (uint64_t i = 0; i < n && !out; i++) {
        const unsigned char *pay;
        size_t pl;
        int bad = tdict_entry(&p, end, i == 0, s, &kl, &pay, &pl);
        if (bad || (i == 0 && (kl != k.mv_size || memcmp(s, k.mv_data, kl)))) {
            out = tdict_damaged(&it, "stems block");
            break;
        }
        int c2 = tdict_key_cmp(s, kl, stem, sl);
        if (c2 > 0)
            break;
        if (c2 == 0) {
            int r = tdict_stem_decode(pay, pl, stem, sl, fn, ctx);
            out = r == -1 ? tdict_damaged(&it, "stems block") : r;
            break;
        }
    }
    guard_cursor_close(a, c);
    return out;
}

/* ---- scanning every entry (appending reads the base's stems so) ------ */

int tdict_scan_start(fmt_archive *a, MDB_dbi dbi, tdict_scan *s)
{
    memset(s, 0, offsetof(tdict_scan, raw));
    s->a = a;
    if (guard_cursor_open(a, dbi, &s->cur)) {
        s->cur = NULL;
        return guard_broken(a) ? FMT_CORRUPT
                               : error_set(a, FMT_CORRUPT, "%s: index damaged",
                                           a->path);
    }
    s->first = 1;
    return tdict_scan_next(s);
}

int tdict_scan_next(tdict_scan *s)
{
    if (!s->left) {
        MDB_val k, v;
        uint64_t n;
        int rc = guard_cursor_get(s->a, s->cur, &k, &v, s->first ? MDB_FIRST : MDB_NEXT);
        s->first = 0;
        if (rc == MDB_NOTFOUND)
            return FMT_NOTFOUND;
        if (rc || (s->bp && s->bp != s->bend))
            return guard_broken(s->a) ? FMT_CORRUPT
                                      : error_set(s->a, FMT_CORRUPT,
                                                  "%s: index damaged", s->a->path);
        rc = tdict_block_open(s->a, &v, s->raw, &s->bp, &s->bend);
        if (rc == FMT_NOMEM)
            return rc;
        if (rc || vb_get_varint(&s->bp, s->bend, &n) || n == 0 || n > tdict_maxn(s->a) ||
            tdict_entry(&s->bp, s->bend, 1, s->key, &s->kl, &s->pay, &s->pl) ||
            s->kl != k.mv_size || memcmp(s->key, k.mv_data, s->kl))
            return error_set(s->a, FMT_CORRUPT, "%s: index block damaged",
                             s->a->path);
        s->left = (uint32_t)n - 1;
        return FMT_OK;
    }
    if (tdict_entry(&s->bp, s->bend, 0, s->key, &s->kl, &s->pay, &s->pl))
        return error_set(s->a, FMT_CORRUPT, "%s: index block damaged", s->a->path);
    s->left--;
    return FMT_OK;
}

void tdict_scan_end(tdict_scan *s)
{
    if (s->cur)
        guard_cursor_close(s->a, s->cur);
    s->cur = NULL;
}

/* ---- verify ------------------------------------------------------------------ */

static int tdict_check_terms(fmt_archive *a, const char *from, unsigned char to,
                             void (*bad)(void *ctx, const char *msg), void *ctx)
{
    tdict_iter it;
    vb_plist l = {0};
    uint64_t *blk = NULL;
    size_t blkcap = 0;
    fmt_buf b1 = {0}, b2 = {0};
    int out = FMT_OK, rc;
    char first[FMT_TOKMAX + 1], last[FMT_TOKMAX + 1];
    size_t fl = 0, ll = 0;
    /* format 7: the words in fewer documents than meta posdf have no
     * positions (index.c), the others have them */
    uint64_t posdf = 0;
    const unsigned char *pd;
    size_t pdl;
    if (a->version >= 7 && !store_get(a, a->meta, "posdf", 5, &pd, &pdl)) {
        size_t i = 0;
        while (i < pdl && pd[i] >= '0' && pd[i] <= '9' && posdf <= UINT32_MAX)
            posdf = posdf * 10 + (pd[i++] - '0');
        if (!pdl || i < pdl || posdf > UINT32_MAX) {
            char m[300];
            snprintf(m, sizeof m, "%.200s: meta value 'posdf' damaged", a->path);
            if (!from) /* once, not once a piece */
                bad(ctx, m);
            posdf = 0;
        }
    }
    /* a piece is the blocks whose first word is in [from, to) */
    MDB_cursor *c;
    if (guard_cursor_open(a, a->terms, &c)) {
        bad(ctx, a->err);
        return FMT_OK;
    }
    MDB_val k = {from ? strlen(from) : 0, (void *)from}, v;
    rc = guard_cursor_get(a, c, &k, &v, from ? MDB_SET_RANGE : MDB_FIRST);
    for (; !rc && out != FMT_NOMEM; rc = guard_cursor_get(a, c, &k, &v, MDB_NEXT)) {
        if (to && k.mv_size && *(const unsigned char *)k.mv_data >= to)
            break;
        memset(&it, 0, sizeof it);
        it.a = a;
        it.v6 = 1;
        it.v7 = a->version >= 7;
        fl = k.mv_size < FMT_TOKMAX ? k.mv_size : FMT_TOKMAX;
        memcpy(first, k.mv_data, fl);
        int r = tdict_block(&it, &k, &v);
        /* each block's words after the previous block's (a lookup goes
         * to the block by its first word, so it cannot see this) */
        if (!r && ll && tdict_key_cmp(it.word, it.wlen, last, ll) <= 0)
            r = tdict_damaged(&it, "block");
        while (!r) {
            const unsigned char *pp, *pos;
            size_t pn, posn;
            r = tdict_bytes(&it, 0, &b1, &pp, &pn);
            if (!r)
                r = tdict_bytes(&it, 1, &b2, &pos, &posn);
            if (!r)
                r = tcodec_decode(pp, pn, it.df, a->ndocs, &l, &blk, &blkcap);
            /* a pair, or a word below posdf: no positions */
            if (!r && (it.word[0] == TDICT_PAIR || it.df < posdf))
                r = posn ? FMT_CORRUPT : FMT_OK;
            else if (!r)
                r = tcodec_pos_check(pos, posn, &l, blk, a->col_len);
            if (r == FMT_NOMEM) {
                out = r;
                break;
            }
            if (r) {
                char m[400];
                snprintf(m, sizeof m, "%.200s: index entry '%.80s' damaged",
                         a->path, it.word);
                bad(ctx, m);
                r = 0;
            }
            /* the next entry of this block only */
            if (!it.left) {
                if (it.bp != it.bend)
                    r = tdict_damaged(&it, "block");
                break;
            }
            const unsigned char *pay;
            size_t pl;
            char prev[FMT_TOKMAX + 1];
            size_t prevl = it.wlen;
            memcpy(prev, it.word, prevl);
            if (tdict_entry(&it.bp, it.bend, 0, it.word, &it.wlen, &pay, &pl) ||
                tdict_key_cmp(it.word, it.wlen, prev, prevl) <= 0 ||
                tdict_term(&it, pay, pl))
                r = tdict_damaged(&it, "block");
            else
                it.left--;
        }
        if (r && r != FMT_NOMEM) {
            char m[600];
            snprintf(m, sizeof m, "%s", a->err);
            bad(ctx, m);
        }
        memcpy(last, it.word, it.wlen);
        ll = it.wlen;
    }
    if (rc && rc != MDB_NOTFOUND) {
        memcpy(it.word, first, fl);
        it.wlen = fl;
        it.a = a;
        tdict_cursor_err(&it, rc);
        bad(ctx, a->err);
    }
    guard_cursor_close(a, c);
    postings_list_free(&l);
    free(blk);
    fmt_buf_free(&b1);
    fmt_buf_free(&b2);
    return out;
}

static int tdict_check_stems(fmt_archive *a,
                             void (*bad)(void *ctx, const char *msg), void *ctx)
{
    MDB_cursor *c;
    if (guard_cursor_open(a, a->stems, &c)) {
        bad(ctx, a->err);
        return FMT_OK;
    }
    MDB_val k, v;
    int rc = guard_cursor_get(a, c, &k, &v, MDB_FIRST);
    char prev[FMT_TOKMAX + 1];
    size_t prevl = 0;
    int any = 0;
    unsigned char raw[TDICT_RAWMAX]; /* format 7: a block inflated */
    for (; !rc; rc = guard_cursor_get(a, c, &k, &v, MDB_NEXT)) {
        const unsigned char *p, *end;
        uint64_t n;
        char s[FMT_TOKMAX + 1];
        size_t kl = 0;
        int zr = tdict_block_open(a, &v, raw, &p, &end);
        if (zr == FMT_NOMEM) {
            guard_cursor_close(a, c);
            return zr;
        }
        int broken = zr || k.mv_size == 0 || k.mv_size > FMT_TOKMAX ||
                     vb_get_varint(&p, end, &n) || n == 0 || n > tdict_maxn(a);
        for (uint64_t i = 0; !broken && i < n; i++) {
            const unsigned char *pay;
            size_t pl;
            broken = tdict_entry(&p, end, i == 0, s, &kl, &pay, &pl) ||
                     (i == 0 && (kl != k.mv_size || memcmp(s, k.mv_data, kl))) ||
                     (any && tdict_key_cmp(s, kl, prev, prevl) <= 0) ||
                     tdict_stem_decode(pay, pl, s, kl, NULL, NULL);
            memcpy(prev, s, kl);
            prevl = kl;
            any = 1;
        }
        if (broken || p != end) {
            char m[400];
            snprintf(m, sizeof m, "%.200s: stems block '%.*s' damaged%s", a->path,
                     (int)(k.mv_size > 64 ? 64 : k.mv_size),
                     (const char *)k.mv_data, zr ? " (deflated)" : "");
            bad(ctx, m);
        }
    }
    if (rc != MDB_NOTFOUND) {
        char m[400];
        snprintf(m, sizeof m, "%.200s: table 'stems' damaged", a->path);
        bad(ctx, guard_broken(a) ? a->err : m);
    }
    guard_cursor_close(a, c);
    return FMT_OK;
}

int tdict_check(fmt_archive *a, const char *from, unsigned char to, int stems,
                void (*bad)(void *ctx, const char *msg), void *ctx)
{
    return stems ? tdict_check_stems(a, bad, ctx)
                 : tdict_check_terms(a, from, to, bad, ctx);
}

/* ---- writing ------------------------------------------------------------------- */

static size_t vlen(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

/* Format 7 blocks are deflated at this level: 9 gave the same bytes as 6
 * (blocks of a few KB leave its longer search nothing to find), and 1
 * costs 0.17% of the archive for a fifth less of the index's time at the
 * end of a pack (and of an append, which deflates every block again).
 * A builder that stores its blocks (b->stored: the stems table) deflates
 * at level 0, which makes them stored deflate blocks: readers read them
 * as any other, and inflating them is a copy. Each query word looks its
 * stem up, and the stems' blocks took 0.4% of the archive for 20 us of
 * every word searched. */
#define TDICT_LEVEL 1

/* The most a block's key and stored value may take. */
static size_t tdict_budget(const tdict_builder *b)
{
    return b->budget ? b->budget : TDICT_BUDGET;
}
/* A block this close to its budget deflated is put as it is: a 14th of
 * it (96 bytes of 1,350). Appending 1% to 20,000 documents deflated 5,356
 * times with 48 bytes, 4,438 with this, for 0.02% more archive. */
#define TDICT_FULL(b) (tdict_budget(b) / 14)

/* The block's first k entries (its first end bytes of blk) as stored,
 * into b->tmp: varint raw length, the count and entries deflated. */
static int tdict_deflate(tdict_builder *b, uint32_t k, size_t end)
{
    unsigned char head[10];
    size_t hl = vb_put_varint(head, k);
    b->raw.len = 0;
    if (fmt_buf_append(&b->raw, head, hl) ||
        fmt_buf_append(&b->raw, b->blk.data, end))
        return FMT_NOMEM;
    z_stream *z = b->z;
    if (!z) {
        z = alloc_calloc(1, sizeof *z);
        if (!z || deflateInit2(z, b->stored ? 0 : TDICT_LEVEL, Z_DEFLATED, -15, 8,
                               Z_DEFAULT_STRATEGY) != Z_OK) {
            free(z);
            return FMT_NOMEM;
        }
        b->z = z;
    } else if (deflateReset(z) != Z_OK) {
        return FMT_NOMEM;
    }
    size_t bound = deflateBound(z, (uLong)b->raw.len) + 10;
    b->tmp.len = 0;
    if (fmt_buf_reserve(&b->tmp, bound))
        return FMT_NOMEM;
    hl = vb_put_varint((unsigned char *)b->tmp.data, b->raw.len);
    z->next_in = (Bytef *)b->raw.data;
    z->avail_in = (uInt)b->raw.len;
    z->next_out = (Bytef *)b->tmp.data + hl;
    z->avail_out = (uInt)(bound - hl);
    if (deflate(z, Z_FINISH) != Z_STREAM_END)
        return FMT_NOMEM; /* the room was deflateBound's: cannot happen */
    b->tmp.len = bound - z->avail_out;
    b->ratio = (double)b->tmp.len / (double)b->raw.len;
    return FMT_OK;
}

/* b->tmp (the first k entries, end bytes) becomes b->out. */
static void tdict_keep(tdict_builder *b, uint32_t k, size_t end)
{
    fmt_buf t = b->out;
    b->out = b->tmp;
    b->tmp = t;
    b->outn = k;
    b->outend = end;
}

/* Put the block, or as many of its first entries as fit in the budget
 * deflated (at least one); the others begin the next block. */
static int tdict_emit(tdict_builder *b, tdict_put_fn put, void *ctx)
{
    uint32_t k = b->n;
    size_t end = b->blk.len;
    const unsigned char *d = (const unsigned char *)b->blk.data;
    if (b->outn) { /* the entries last deflated and found to fit: as they
                      are (finding room for one or two more took a deflate
                      each; the rest begin the next block) */
        k = b->outn;
        end = b->outend;
    }
    while (b->outn != k || b->outend != end) {
        int rc = tdict_deflate(b, k, end);
        if (rc)
            return rc;
        if (k == 1 || b->firstlen + b->tmp.len <= tdict_budget(b)) {
            tdict_keep(b, k, end);
            break;
        }
        /* too much: fewer entries, as many fewer as make up the bytes
         * over the budget at the ratio this deflate gave, and one more
         * (one at a time took a deflate of the whole block for each, five
         * or more a block when the guess had been over). The entries are
         * ours, so they parse. */
        size_t over = b->firstlen + b->tmp.len - tdict_budget(b);
        size_t drop = (size_t)((double)over / (b->ratio > 0.05 ? b->ratio : 1)) + 1;
        size_t goal = end > drop ? end - drop : 0;
        const unsigned char *p = d, *pay;
        size_t pl, kl = 0, e = 0;
        char key[FMT_TOKMAX + 1];
        uint32_t k2 = 0; /* the first k2 entries end at e, by goal */
        while (k2 + 1 < k) {
            tdict_entry(&p, d + b->blk.len, k2 == 0, key, &kl, &pay, &pl);
            if (k2 && (size_t)(p - d) > goal)
                break;
            k2++;
            e = (size_t)(p - d);
        }
        k = k2 ? k2 : 1;
        end = e;
    }
    int rc = put(ctx, b->dbi, b->first, b->firstlen, b->out.data, b->out.len);
    if (rc)
        return rc;
    b->fit = 0;
    b->outn = 0;
    b->outend = 0;
    if (k == b->n) {
        b->blk.len = 0;
        b->n = 0;
        return FMT_OK;
    }
    /* entry k begins the next block, its key whole; those after it stay */
    const unsigned char *p = d, *pay;
    size_t pl, kl = 0;
    char key[FMT_TOKMAX + 1];
    for (uint32_t i = 0; i <= k; i++)
        tdict_entry(&p, d + b->blk.len, i == 0, key, &kl, &pay, &pl);
    fmt_buf nb = {0};
    unsigned char h[30], *q = h;
    q += vb_put_varint(q, 0);
    q += vb_put_varint(q, kl);
    unsigned char *q2 = h + sizeof h - 10;
    size_t l2 = vb_put_varint(q2, pl);
    if (fmt_buf_append(&nb, h, (size_t)(q - h)) || fmt_buf_append(&nb, key, kl) ||
        fmt_buf_append(&nb, q2, l2) ||
        fmt_buf_append(&nb, pay, (size_t)(d + b->blk.len - pay))) {
        fmt_buf_free(&nb);
        return FMT_NOMEM;
    }
    fmt_buf_free(&b->blk);
    b->blk = nb;
    memcpy(b->first, key, kl);
    b->firstlen = kl;
    b->n -= k;
    return FMT_OK;
}

int tdict_flush(tdict_builder *b, tdict_put_fn put, void *ctx)
{
    while (b->n) {
        int rc = tdict_emit(b, put, ctx);
        if (rc)
            return rc;
    }
    return FMT_OK;
}

/* The raw bytes a block should fit in, from the ratio deflate gave last
 * (a little under: a guess over the budget costs a deflate more). */
static size_t tdict_guess(const tdict_builder *b, size_t room)
{
    return b->ratio > 0.05 ? (size_t)((double)room / b->ratio * 0.97) : 0;
}

/* Blocks are filled until one more entry would take them past the budget
 * deflated. Deflating after every entry would cost the pack seconds, so a
 * block is deflated only when it has grown past what the last deflate's
 * ratio says should fit; tdict_emit checks before it is put, and keeps the
 * entries that do not fit for the next block. Every step depends on the
 * entries only, so the same entries give the same blocks. */
int tdict_add(tdict_builder *b, const char *key, size_t kl, const void *pay,
              size_t pl, tdict_put_fn put, void *ctx)
{
    if (kl == 0 || kl > FMT_TOKMAX)
        return FMT_INVALID;
    for (;;) {
        size_t shared = 0;
        if (b->n)
            while (shared < kl && shared < b->prevlen && key[shared] == b->prev[shared])
                shared++;
        size_t add = vlen(shared) + vlen(kl - shared) + (kl - shared) +
                     vlen(pl) + pl;
        if (b->n && (b->n >= TDICT_MAXN7 ||
                     vlen(b->n + 1) + b->blk.len + add > TDICT_RAWMAX)) {
            int rc = tdict_emit(b, put, ctx);
            if (rc)
                return rc;
            continue;
        }
        if (!b->n) {
            memcpy(b->first, key, kl);
            b->firstlen = kl;
            /* raw bytes up to this surely fit: deflate's worst is a few
             * bytes over its input, and the lengths take at most 6 */
            b->fit = tdict_budget(b) - kl - 24;
            size_t g = tdict_guess(b, tdict_budget(b) - kl - 8);
            if (g > b->fit)
                b->fit = g;
        }
        size_t before = b->blk.len;
        unsigned char h[30], *q = h;
        q += vb_put_varint(q, shared);
        q += vb_put_varint(q, kl - shared);
        if (fmt_buf_append(&b->blk, h, (size_t)(q - h)) ||
            fmt_buf_append(&b->blk, key + shared, kl - shared))
            return FMT_NOMEM;
        q = h;
        q += vb_put_varint(q, pl);
        if (fmt_buf_append(&b->blk, h, (size_t)(q - h)) ||
            fmt_buf_append(&b->blk, pay, pl))
            return FMT_NOMEM;
        b->n++;
        if (b->n > 1 && b->blk.len > b->fit) {
            int rc = tdict_deflate(b, b->n, b->blk.len);
            if (rc)
                return rc;
            size_t used = b->firstlen + b->tmp.len;
            if (used > tdict_budget(b)) { /* not with this one */
                b->blk.len = before;
                b->n--;
                if ((rc = tdict_emit(b, put, ctx)))
                    return rc;
                continue;
            }
            tdict_keep(b, b->n, b->blk.len);
            b->fit = b->blk.len + tdict_guess(b, tdict_budget(b) - used);
            if (tdict_budget(b) - used < TDICT_FULL(b)) {
                /* full enough: put as it is. Closing in on the last few
                 * bytes took a deflate of the whole block for every few
                 * entries (4 a block; appending rewrites them all) */
                memcpy(b->prev, key, kl);
                b->prevlen = kl;
                return tdict_emit(b, put, ctx);
            }
        }
        memcpy(b->prev, key, kl);
        b->prevlen = kl;
        return FMT_OK;
    }
}

void tdict_builder_free(tdict_builder *b)
{
    fmt_buf_free(&b->blk);
    fmt_buf_free(&b->raw);
    fmt_buf_free(&b->out);
    fmt_buf_free(&b->tmp);
    if (b->z) {
        deflateEnd(b->z);
        free(b->z);
    }
    b->z = NULL;
    b->n = 0;
}

static int tdict_heap_put(tdict_heap *h, const unsigned char *p, size_t n,
                          tdict_put_fn put, void *ctx)
{
    while (n) {
        size_t take = TDICT_SEG - h->fill < n ? TDICT_SEG - h->fill : n;
        memcpy(h->buf + h->fill, p, take);
        h->fill += take;
        h->off += take;
        p += take;
        n -= take;
        if (h->fill == TDICT_SEG) {
            unsigned char key[4];
            vb_put_be32(key, h->seg++);
            int rc = put(ctx, h->dbi, key, 4, h->buf, TDICT_SEG);
            if (rc)
                return rc;
            h->fill = 0;
        }
    }
    return FMT_OK;
}

int tdict_heap_flush(tdict_heap *h, tdict_put_fn put, void *ctx)
{
    if (!h->fill)
        return FMT_OK;
    unsigned char key[4];
    vb_put_be32(key, h->seg++);
    int rc = put(ctx, h->dbi, key, 4, h->buf, h->fill);
    h->fill = 0;
    return rc;
}

int tdict_term_payload(fmt_buf *pay, uint32_t df, const unsigned char *post,
                       size_t plen, const unsigned char *pos, size_t poslen,
                       tdict_heap *h, tdict_put_fn put, void *ctx)
{
    int ext = plen + poslen > TDICT_INLINE;
    unsigned char head[40], *q = head;
    pay->len = 0;
    q += vb_put_varint(q, df);
    q += vb_put_varint(q, (uint64_t)plen << 1 | (uint64_t)ext);
    q += vb_put_varint(q, poslen);
    if (ext)
        q += vb_put_varint(q, h->off);
    if (fmt_buf_append(pay, head, (size_t)(q - head)))
        return FMT_NOMEM;
    if (!ext)
        return fmt_buf_append(pay, post, plen) || fmt_buf_append(pay, pos, poslen)
                   ? FMT_NOMEM
                   : FMT_OK;
    int rc = tdict_heap_put(h, post, plen, put, ctx);
    return rc ? rc : tdict_heap_put(h, pos, poslen, put, ctx);
}

int tdict_stem_payload(fmt_buf *pay, const char *stem, size_t sl,
                       const char *const *words, const size_t *wls, size_t n)
{
    unsigned char h[20], *q = h;
    pay->len = 0;
    q += vb_put_varint(q, n);
    if (fmt_buf_append(pay, h, (size_t)(q - h)))
        return FMT_NOMEM;
    const char *prev = stem;
    size_t prevl = sl;
    for (size_t i = 0; i < n; i++) {
        size_t s = 0;
        while (s < wls[i] && s < prevl && words[i][s] == prev[s])
            s++;
        q = h;
        q += vb_put_varint(q, s);
        q += vb_put_varint(q, wls[i] - s);
        if (fmt_buf_append(pay, h, (size_t)(q - h)) ||
            fmt_buf_append(pay, words[i] + s, wls[i] - s))
            return FMT_NOMEM;
        prev = words[i];
        prevl = wls[i];
    }
    return FMT_OK;
}

/* ---- the blocks cut and deflated on a second thread ----------------------
 * (tdict.h says why, and what a pipe promises.) The caller's thread fills
 * a ring of slots, each an item: an entry for tdict_add, a flush, or a put
 * to make. The worker runs the adds and flushes in ring order, as the
 * inline code would, each keeping the blocks tdict_add would have put in
 * its slot; the caller's thread takes the slots from the front, in order,
 * and makes their puts. Four counters that only grow say who holds a
 * slot: [head, ndone) are done, the caller's to put; [ndone, tail) the
 * worker's; [tail, next) filled by the caller, not yet handed over; the
 * rest free. The worker never waits for the caller, so neither can wait
 * for the other in a circle. */

#define TDICT_SLOTS 1024 /* items in the ring: the entries of a few blocks */
#define TDICT_HAND 64    /* handed over at a time: a wakeup for so many
                            entries, not one each */
#define TDICT_KEEP 16384 /* a slot's buffer kept for the next item */

enum { TSLOT_ADD, TSLOT_FLUSH, TSLOT_PUT };

typedef struct {
    int kind;
    tdict_builder *b;            /* ADD, FLUSH */
    MDB_dbi dbi;                 /* PUT */
    size_t kl;                   /* in: the key (kl bytes), then the
                                    payload (ADD) or value (PUT) */
    fmt_buf in;
    fmt_buf out;                 /* the worker's blocks, each a tdict_blk,
                                    its key and its value */
    int rc;                      /* the worker's: tdict_add's or flush's */
} tdict_slot;

typedef struct {
    MDB_dbi dbi;
    size_t kl, vl;
} tdict_blk;

struct tdict_worker {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t work, done;   /* the worker waits on work, the caller
                                    on done */
    /* under mu */
    size_t tail, ndone;
    size_t want;                 /* the caller waits for ndone >= want */
    int stop;                    /* no more items will come */
    int cancel;                  /* an error was reached: run no more */
    /* the caller's alone */
    size_t head, next;
    int rc;                      /* the first error reached: nothing more
                                    is put */
    /* the worker's alone */
    int wrc;                     /* its first error: the inline code would
                                    have stopped there, so it runs no more */
    tdict_slot slot[TDICT_SLOTS];
};

/* The worker's put: the block is kept in the slot for the caller's
 * thread to put. */
static int tdict_hold(void *ctx, MDB_dbi dbi, const void *k, size_t kl,
                      const void *v, size_t vl)
{
    tdict_slot *s = ctx;
    tdict_blk h = {dbi, kl, vl};
    return fmt_buf_append(&s->out, &h, sizeof h) ||
                   fmt_buf_append(&s->out, k, kl) ||
                   fmt_buf_append(&s->out, v, vl)
               ? FMT_NOMEM
               : FMT_OK;
}

static void tdict_run(tdict_worker *w, tdict_slot *s, int cancel)
{
    s->out.len = 0;
    s->rc = FMT_OK;
    if (s->kind == TSLOT_PUT)
        return;
    if (cancel || w->wrc)
        return; /* never put: the caller stops at the error before it */
    if (s->kind == TSLOT_ADD)
        s->rc = tdict_add(s->b, s->in.data, s->kl, s->in.data + s->kl,
                          s->in.len - s->kl, tdict_hold, s);
    else
        s->rc = tdict_flush(s->b, tdict_hold, s);
    w->wrc = s->rc;
}

static void *tdict_work(void *arg)
{
    tdict_worker *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (w->ndone == w->tail && !w->stop)
            pthread_cond_wait(&w->work, &w->mu);
        if (w->ndone == w->tail)
            break; /* stopped, and all done */
        size_t i = w->ndone;
        int cancel = w->cancel;
        pthread_mutex_unlock(&w->mu);
        tdict_run(w, &w->slot[i % TDICT_SLOTS], cancel);
        pthread_mutex_lock(&w->mu);
        w->ndone = i + 1;
        if (w->want && w->ndone >= w->want)
            pthread_cond_signal(&w->done);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* A done slot's puts, as the inline code made them, then its error. */
static int tdict_out(tdict_pipe *p, const tdict_slot *s)
{
    if (s->kind == TSLOT_PUT)
        return p->put(p->ctx, s->dbi, s->in.data, s->kl, s->in.data + s->kl,
                      s->in.len - s->kl);
    for (size_t o = 0; o < s->out.len;) {
        tdict_blk h;
        memcpy(&h, s->out.data + o, sizeof h);
        const char *k = s->out.data + o + sizeof h;
        int rc = p->put(p->ctx, h.dbi, k, h.kl, k + h.kl, h.vl);
        if (rc)
            return rc;
        o += sizeof h + h.kl + h.vl;
    }
    return s->rc;
}

/* Hand the filled slots over (stop: and say no more will come), wait
 * until the worker has done the first need (at most next), and put every
 * slot it has done, in order. The first error reached stops the puts and
 * the worker's runs. */
static int tdict_sync(tdict_pipe *p, size_t need, int stop)
{
    tdict_worker *w = p->w;
    pthread_mutex_lock(&w->mu);
    if (w->tail != w->next || stop) {
        w->tail = w->next;
        w->stop |= stop;
        pthread_cond_signal(&w->work);
    }
    w->cancel |= w->rc != 0;
    if (w->ndone < need) {
        w->want = need;
        while (w->ndone < need)
            pthread_cond_wait(&w->done, &w->mu);
        w->want = 0;
    }
    size_t done = w->ndone;
    pthread_mutex_unlock(&w->mu);
    for (; w->head < done; w->head++) {
        tdict_slot *s = &w->slot[w->head % TDICT_SLOTS];
        if (!w->rc && (w->rc = tdict_out(p, s))) {
            pthread_mutex_lock(&w->mu);
            w->cancel = 1;
            pthread_mutex_unlock(&w->mu);
        }
        /* a slot keeps its buffers for the next item, unless one was
         * big (a stem of many words): the ring holds TDICT_SLOTS items,
         * not TDICT_SLOTS of the biggest */
        if (s->in.cap > TDICT_KEEP)
            fmt_buf_free(&s->in);
        if (s->out.cap > TDICT_KEEP)
            fmt_buf_free(&s->out);
    }
    return w->rc;
}

/* The next free slot, for the caller to fill; while the ring is full, it
 * waits for a quarter of it (a wakeup for so many, not one each). */
static int tdict_take(tdict_pipe *p, int kind, tdict_slot **sp)
{
    tdict_worker *w = p->w;
    if (w->rc)
        return w->rc;
    if (w->next - w->head == TDICT_SLOTS) {
        int rc = tdict_sync(p, w->head + TDICT_SLOTS / 4, 0);
        if (rc)
            return rc;
    }
    tdict_slot *s = &w->slot[w->next % TDICT_SLOTS];
    s->kind = kind;
    s->in.len = 0;
    s->kl = 0;
    *sp = s;
    return FMT_OK;
}

/* The slot taken is filled: the worker's once handed over. */
static int tdict_give(tdict_pipe *p)
{
    tdict_worker *w = p->w;
    w->next++;
    return w->next - w->tail >= TDICT_HAND ? tdict_sync(p, w->head, 0) : FMT_OK;
}

/* made: how many of mu, work and done were made. */
static void tdict_worker_free(tdict_worker *w, int made)
{
    if (made > 2)
        pthread_cond_destroy(&w->done);
    if (made > 1)
        pthread_cond_destroy(&w->work);
    if (made > 0)
        pthread_mutex_destroy(&w->mu);
    for (size_t i = 0; i < TDICT_SLOTS; i++) {
        fmt_buf_free(&w->slot[i].in);
        fmt_buf_free(&w->slot[i].out);
    }
    free(w);
}

void tdict_pipe_open(tdict_pipe *p, int thread, tdict_put_fn put, void *ctx)
{
    p->put = put;
    p->ctx = ctx;
    p->w = NULL;
    tdict_worker *w = thread ? alloc_calloc(1, sizeof *w) : NULL;
    if (!w)
        return;
    int made = 0;
    if (!pthread_mutex_init(&w->mu, NULL))
        made = 1;
    if (made == 1 && !pthread_cond_init(&w->work, NULL))
        made = 2;
    if (made == 2 && !pthread_cond_init(&w->done, NULL))
        made = 3;
    if (made == 3 && !pthread_create(&w->th, NULL, tdict_work, w)) {
        p->w = w;
        return;
    }
    tdict_worker_free(w, made); /* no thread: inline, the same bytes */
}

int tdict_pipe_add(tdict_pipe *p, tdict_builder *b, const char *key, size_t kl,
                   const void *pay, size_t pl)
{
    if (!p->w)
        return tdict_add(b, key, kl, pay, pl, p->put, p->ctx);
    tdict_slot *s;
    int rc = tdict_take(p, TSLOT_ADD, &s);
    if (rc)
        return rc;
    s->b = b;
    s->kl = kl;
    if (fmt_buf_append(&s->in, key, kl) || fmt_buf_append(&s->in, pay, pl))
        return FMT_NOMEM;
    return tdict_give(p);
}

int tdict_pipe_flush(tdict_pipe *p, tdict_builder *b)
{
    if (!p->w)
        return tdict_flush(b, p->put, p->ctx);
    tdict_slot *s;
    int rc = tdict_take(p, TSLOT_FLUSH, &s);
    if (rc)
        return rc;
    s->b = b;
    return tdict_give(p);
}

int tdict_pipe_put(void *pipe, MDB_dbi dbi, const void *k, size_t kl,
                   const void *v, size_t vl)
{
    tdict_pipe *p = pipe;
    if (!p->w)
        return p->put(p->ctx, dbi, k, kl, v, vl);
    tdict_slot *s;
    int rc = tdict_take(p, TSLOT_PUT, &s);
    if (rc)
        return rc;
    s->dbi = dbi;
    s->kl = kl;
    if (fmt_buf_append(&s->in, k, kl) || fmt_buf_append(&s->in, v, vl))
        return FMT_NOMEM;
    return tdict_give(p);
}

int tdict_pipe_close(tdict_pipe *p, int rc)
{
    tdict_worker *w = p->w;
    if (!w)
        return rc;
    /* every item done and put (or, after an error, passed over), so the
     * worker has nothing left and ends */
    int r = tdict_sync(p, w->next, 1);
    pthread_join(w->th, NULL);
    tdict_worker_free(w, 3);
    p->w = NULL;
    return r ? r : rc;
}
