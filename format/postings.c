/* postings.c - the posting-list codec.
 *
 * A posting list (terms and facets dbs) holds ascending document numbers,
 * each with tfx = tf << 1 | in-subject. Stored as:
 *
 *   varint df, varint nblocks,
 *   nblocks x (varint last-doc delta, varint byte length)   the skip table
 *   the blocks: per document varint doc delta, varint tfx
 *
 * Deltas run across blocks (the first document's delta is from 0). The skip
 * table lets a search jump over whole blocks of VB_BLOCK documents without
 * decoding them. A terms value is varint posting-list length, the posting
 * list, then the word's positions: per document in the same order, tf
 * varints of position deltas (first from 0). One value per word, so a word
 * costs one B-tree entry and at most one partly filled overflow page.
 */
#include <stdlib.h>
#include "internal.h"

int postings_list_push(vb_plist *l, uint32_t doc, uint32_t tfx)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        uint32_t *d = alloc_realloc(l->docs, cap * sizeof *d);
        if (!d)
            return FMT_NOMEM;
        l->docs = d;
        uint32_t *t = alloc_realloc(l->tfs, cap * sizeof *t);
        if (!t)
            return FMT_NOMEM;
        l->tfs = t;
        l->cap = cap;
    }
    l->docs[l->n] = doc;
    l->tfs[l->n++] = tfx;
    return FMT_OK;
}

void postings_list_free(vb_plist *l)
{
    free(l->docs);
    free(l->tfs);
    memset(l, 0, sizeof *l);
}

int postings_encode(const vb_plist *l, const uint32_t *poslens,
                    fmt_buf *out)
{
    (void)poslens;
    size_t nblocks = (l->n + VB_BLOCK - 1) / VB_BLOCK;
    /* Worst case per document: two 5-byte varints. */
    size_t need = 20 + nblocks * 10 + l->n * 10;
    if (fmt_buf_reserve(out, need))
        return FMT_NOMEM;
    unsigned char *base = (unsigned char *)out->data + out->len;
    unsigned char *p = base;
    p += vb_put_varint(p, l->n);
    p += vb_put_varint(p, nblocks);
    /* Encode the blocks into the space after a maximal skip table, then
     * move them down once the table's real size is known. */
    unsigned char *table = p;
    unsigned char *blocks = p + nblocks * 10, *q = blocks;
    uint32_t prev = 0, prevlast = 0;
    for (size_t b = 0; b < nblocks; b++) {
        unsigned char *start = q;
        size_t end = (b + 1) * VB_BLOCK < l->n ? (b + 1) * VB_BLOCK : l->n;
        for (size_t i = b * VB_BLOCK; i < end; i++) {
            q += vb_put_varint(q, l->docs[i] - prev);
            q += vb_put_varint(q, l->tfs[i]);
            prev = l->docs[i];
        }
        table += vb_put_varint(table, prev - prevlast);
        table += vb_put_varint(table, (uint64_t)(q - start));
        prevlast = prev;
    }
    memmove(table, blocks, (size_t)(q - blocks));
    out->len += (size_t)(table - base) + (size_t)(q - blocks);
    out->data[out->len] = 0;
    return FMT_OK;
}

int postings_df(const unsigned char *p, size_t n, uint32_t *df)
{
    uint64_t v;
    if (vb_get_varint(&p, p + n, &v) || v > UINT32_MAX)
        return FMT_CORRUPT;
    *df = (uint32_t)v;
    return FMT_OK;
}

/* Reading a stored list: the head, then block by block, checked as it
 * goes (both decoders share this). */
typedef struct {
    const unsigned char *p, *tp, *end;  /* next document; next table entry */
    uint64_t df, nblocks, prev;
    uint32_t ndocs;
} pread_t;

static int pl_open(pread_t *c, const unsigned char *p, size_t n, uint32_t ndocs)
{
    c->end = p + n;
    c->prev = 0;
    c->ndocs = ndocs;
    if (vb_get_varint(&p, c->end, &c->df) ||
        vb_get_varint(&p, c->end, &c->nblocks) || c->df > ndocs ||
        c->nblocks != (c->df + VB_BLOCK - 1) / VB_BLOCK ||
        c->df > n / 2) /* each document takes two varints at least */
        return FMT_CORRUPT;
    /* Skip the table: it is only for skipping; the blocks are checked
     * against it as they are decoded. */
    c->tp = p;
    for (uint64_t b = 0; b < c->nblocks; b++) {
        uint64_t a, len;
        if (vb_get_varint(&p, c->end, &a) || vb_get_varint(&p, c->end, &len))
            return FMT_CORRUPT;
    }
    c->p = p;
    return FMT_OK;
}

/* The next block's table entry: where it ends and its last document. */
static int pl_block(pread_t *c, const unsigned char **bend, uint64_t *last)
{
    uint64_t lastdelta, len;
    if (vb_get_varint(&c->tp, c->end, &lastdelta) ||
        vb_get_varint(&c->tp, c->end, &len) || len > (uint64_t)(c->end - c->p) ||
        lastdelta >= c->ndocs || c->prev + lastdelta >= c->ndocs)
        return FMT_CORRUPT;
    *bend = c->p + len;
    *last = c->prev + lastdelta;
    return FMT_OK;
}

/* Document i (of the block ending at bend). */
static inline int pl_doc(pread_t *c, const unsigned char *bend, size_t i,
                         uint32_t *doc, uint32_t *tfx)
{
    uint64_t delta, t;
    const unsigned char *p = c->p;
    if (bend - p >= 2 && !((p[0] | p[1]) & 0x80)) { /* the usual: a byte each */
        delta = p[0];
        t = p[1];
        c->p = p + 2;
    } else if (vb_get_varint(&c->p, bend, &delta) ||
               vb_get_varint(&c->p, bend, &t)) {
        return FMT_CORRUPT;
    }
    if ((i > 0 && delta == 0) || delta >= c->ndocs || t > UINT32_MAX ||
        (c->prev += delta) >= c->ndocs)
        return FMT_CORRUPT;
    *doc = (uint32_t)c->prev;
    *tfx = (uint32_t)t;
    return FMT_OK;
}

int postings_decode(const unsigned char *p, size_t n, vb_plist *l,
                    uint32_t **posoff, size_t *poscap, uint32_t ndocs)
{
    (void)posoff;
    (void)poscap;
    pread_t c;
    l->n = 0;
    if (pl_open(&c, p, n, ndocs))
        return FMT_CORRUPT;
    if (c.df > l->cap) {
        uint32_t *d = alloc_realloc(l->docs, c.df * sizeof *d);
        if (!d)
            return FMT_NOMEM;
        l->docs = d;
        uint32_t *t = alloc_realloc(l->tfs, c.df * sizeof *t);
        if (!t)
            return FMT_NOMEM;
        l->tfs = t;
        l->cap = c.df;
    }
    for (uint64_t b = 0; b < c.nblocks; b++) {
        const unsigned char *bend;
        uint64_t last;
        if (pl_block(&c, &bend, &last))
            return FMT_CORRUPT;
        size_t stop = (b + 1) * VB_BLOCK < c.df ? (b + 1) * VB_BLOCK : c.df;
        for (size_t i = b * VB_BLOCK; i < stop; i++)
            if (pl_doc(&c, bend, i, &l->docs[i], &l->tfs[i]))
                return FMT_CORRUPT;
        if (c.p != bend || c.prev != last)
            return FMT_CORRUPT;
    }
    if (c.p != c.end)
        return FMT_CORRUPT;
    l->n = c.df;
    return FMT_OK;
}

int postings_decode_in(const unsigned char *p, size_t n, vb_plist *l,
                       uint32_t ndocs, const uint32_t *want, size_t nwant)
{
    pread_t c;
    size_t w = 0;
    l->n = 0;
    if (pl_open(&c, p, n, ndocs))
        return FMT_CORRUPT;
    for (uint64_t b = 0; b < c.nblocks && w < nwant; b++) {
        const unsigned char *bend;
        uint64_t first = c.prev, last;
        if (pl_block(&c, &bend, &last))
            return FMT_CORRUPT;
        while (w < nwant && want[w] <= first && (b > 0 || want[w] < first))
            w++;   /* documents before this block (b > 0: first is taken) */
        if (w >= nwant || want[w] > last) { /* nothing wanted here */
            c.p = bend;
            c.prev = last;
            continue;
        }
        size_t stop = (b + 1) * VB_BLOCK < c.df ? (b + 1) * VB_BLOCK : c.df;
        for (size_t i = b * VB_BLOCK; i < stop; i++) {
            uint32_t d, tfx;
            if (pl_doc(&c, bend, i, &d, &tfx))
                return FMT_CORRUPT;
            while (w < nwant && want[w] < d)
                w++;
            if (w < nwant && want[w] == d && postings_list_push(l, d, tfx))
                return FMT_NOMEM;
        }
        if (c.p != bend || c.prev != last)
            return FMT_CORRUPT;
    }
    return FMT_OK;
}

int postings_term_split(const unsigned char *v, size_t n, const unsigned char **post,
                        size_t *plen, const unsigned char **pos, size_t *poslen)
{
    const unsigned char *p = v, *end = v + n;
    uint64_t len;
    if (vb_get_varint(&p, end, &len) || len > (uint64_t)(end - p))
        return FMT_CORRUPT;
    *post = p;
    *plen = (size_t)len;
    *pos = p + len;
    *poslen = (size_t)(end - p - len);
    return FMT_OK;
}
