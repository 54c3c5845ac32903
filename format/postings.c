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

int vb_plist_push(vb_plist *l, uint32_t doc, uint32_t tfx)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        uint32_t *d = fmt__realloc(l->docs, cap * sizeof *d);
        if (!d)
            return FMT_NOMEM;
        l->docs = d;
        uint32_t *t = fmt__realloc(l->tfs, cap * sizeof *t);
        if (!t)
            return FMT_NOMEM;
        l->tfs = t;
        l->cap = cap;
    }
    l->docs[l->n] = doc;
    l->tfs[l->n++] = tfx;
    return FMT_OK;
}

void vb_plist_free(vb_plist *l)
{
    free(l->docs);
    free(l->tfs);
    memset(l, 0, sizeof *l);
}

int vb_postings_encode(const vb_plist *l, const uint32_t *poslens,
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

int vb_postings_df(const unsigned char *p, size_t n, uint32_t *df)
{
    uint64_t v;
    if (vb_get_varint(&p, p + n, &v) || v > UINT32_MAX)
        return FMT_CORRUPT;
    *df = (uint32_t)v;
    return FMT_OK;
}

int vb_postings_decode(const unsigned char *p, size_t n, vb_plist *l,
                       uint32_t **posoff, size_t *poscap, uint32_t ndocs)
{
    (void)posoff;
    (void)poscap;
    const unsigned char *end = p + n;
    uint64_t df, nblocks;
    l->n = 0;
    if (vb_get_varint(&p, end, &df) || vb_get_varint(&p, end, &nblocks) ||
        df > ndocs || nblocks != (df + VB_BLOCK - 1) / VB_BLOCK ||
        df > n / 2) /* each document takes two varints at least */
        return FMT_CORRUPT;
    /* Skip the table: it is only for skipping; the blocks are checked
     * against it as they are decoded. */
    const unsigned char *tp = p;
    for (uint64_t b = 0; b < nblocks; b++) {
        uint64_t a, len;
        if (vb_get_varint(&p, end, &a) || vb_get_varint(&p, end, &len))
            return FMT_CORRUPT;
    }
    if (df > l->cap) {
        uint32_t *d = fmt__realloc(l->docs, df * sizeof *d);
        if (!d)
            return FMT_NOMEM;
        l->docs = d;
        uint32_t *t = fmt__realloc(l->tfs, df * sizeof *t);
        if (!t)
            return FMT_NOMEM;
        l->tfs = t;
        l->cap = df;
    }
    uint64_t prev = 0;
    for (uint64_t b = 0; b < nblocks; b++) {
        uint64_t lastdelta = 0, len = 0;
        if (vb_get_varint(&tp, end, &lastdelta) ||
            vb_get_varint(&tp, end, &len) || len > (uint64_t)(end - p))
            return FMT_CORRUPT;
        const unsigned char *bend = p + len;
        uint64_t first = prev;
        size_t stop = (b + 1) * VB_BLOCK < df ? (b + 1) * VB_BLOCK : df;
        for (size_t i = b * VB_BLOCK; i < stop; i++) {
            uint64_t delta, tfx;
            if (vb_get_varint(&p, bend, &delta) ||
                vb_get_varint(&p, bend, &tfx) || (i > 0 && delta == 0) ||
                delta >= ndocs || tfx > UINT32_MAX)
                return FMT_CORRUPT;
            prev += delta;
            if (prev >= ndocs)
                return FMT_CORRUPT;
            l->docs[i] = (uint32_t)prev;
            l->tfs[i] = (uint32_t)tfx;
        }
        if (p != bend || prev - first != lastdelta)
            return FMT_CORRUPT;
    }
    if (p != end)
        return FMT_CORRUPT;
    l->n = df;
    return FMT_OK;
}

int vb_postings_decode_in(const unsigned char *p, size_t n, vb_plist *l,
                          uint32_t ndocs, const uint32_t *want, size_t nwant)
{
    const unsigned char *end = p + n;
    uint64_t df, nblocks;
    l->n = 0;
    if (vb_get_varint(&p, end, &df) || vb_get_varint(&p, end, &nblocks) ||
        df > ndocs || nblocks != (df + VB_BLOCK - 1) / VB_BLOCK ||
        df > n / 2)
        return FMT_CORRUPT;
    const unsigned char *tp = p;
    for (uint64_t b = 0; b < nblocks; b++) {
        uint64_t a, len;
        if (vb_get_varint(&p, end, &a) || vb_get_varint(&p, end, &len))
            return FMT_CORRUPT;
    }
    uint64_t prev = 0;
    size_t w = 0;
    for (uint64_t b = 0; b < nblocks && w < nwant; b++) {
        uint64_t lastdelta = 0, len = 0;
        if (vb_get_varint(&tp, end, &lastdelta) ||
            vb_get_varint(&tp, end, &len) || len > (uint64_t)(end - p) ||
            lastdelta >= ndocs)
            return FMT_CORRUPT;
        const unsigned char *bend = p + len;
        uint64_t first = prev, last = prev + lastdelta;
        if (last >= ndocs)
            return FMT_CORRUPT;
        while (w < nwant && want[w] <= first && (b > 0 || want[w] < first))
            w++;   /* documents before this block (b > 0: first is taken) */
        if (w >= nwant || want[w] > last) { /* nothing wanted here */
            p = bend;
            prev = last;
            continue;
        }
        size_t stop = (b + 1) * VB_BLOCK < df ? (b + 1) * VB_BLOCK : df;
        for (size_t i = b * VB_BLOCK; i < stop; i++) {
            uint64_t delta, tfx;
            if (vb_get_varint(&p, bend, &delta) ||
                vb_get_varint(&p, bend, &tfx) || (i > 0 && delta == 0) ||
                delta >= ndocs || tfx > UINT32_MAX)
                return FMT_CORRUPT;
            prev += delta;
            if (prev >= ndocs)
                return FMT_CORRUPT;
            while (w < nwant && want[w] < prev)
                w++;
            if (w < nwant && want[w] == prev &&
                vb_plist_push(l, (uint32_t)prev, (uint32_t)tfx))
                return FMT_NOMEM;
        }
        if (p != bend || prev - first != lastdelta)
            return FMT_CORRUPT;
    }
    return FMT_OK;
}

int vb_term_split(const unsigned char *v, size_t n, const unsigned char **post,
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
