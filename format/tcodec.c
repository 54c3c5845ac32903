/* tcodec.c - the term value codec of format 6: a word's documents, their
 * term frequencies and its positions, bit-packed.
 *
 * Varints (formats 2-5, postings.c) spend at least a byte on each document
 * gap, each tf and each position. Here:
 *
 * Postings (df is kept in the dictionary entry, not here):
 *   the skip table, one entry per full block of VB_BLOCK documents:
 *     varint last-doc delta (from the previous block's last, or from -1),
 *     u8 doc-gap width, u8 tfx width (bits, 0..32),
 *     varint the block's positions, in bits;
 *   the full blocks: VB_BLOCK doc gaps - 1 in the gap width, then VB_BLOCK
 *     tfx - 2 (tf >= 1) in the tfx width, little-endian bit order; a block
 *     takes 16 x (widths) bytes, so the table says where each one lies;
 *   the tail (df mod VB_BLOCK documents): varint gap - 1, varint tfx - 2.
 * The first document's gap is from -1, so every gap - 1 is >= 0.
 * (Frame of reference, as Lucene's and Tantivy's blocks; the tail as
 * Lucene's vInts.)
 *
 * Positions: one bit stream, per document in posting order, tf values:
 * the gap from the previous position (the first from 0), Rice-coded with
 * k = log2(document length / (tf + 1)) (the column len the decoder has too),
 * so a word's usual gap in that document costs about k + 2 bits: q = v >> k
 * in unary (q one bits and a zero), then k low bits; q >= RICE_ESC is
 * written as RICE_ESC one bits and the value in 32 bits. A position of a
 * word seen once in a 600-word document costs ~10 bits instead of 16.
 * The bits of each full block's documents are in the skip table, so a
 * phrase jumps to the block of the document it wants.
 *
 * Every decoder checks as it goes: documents ascend and stay below ndocs,
 * the blocks fill exactly the bytes the table gives, the lengths add up,
 * and no read passes the end; damage is FMT_CORRUPT, never a wrong read.
 */
#include "tcodec.h"

#define RICE_ESC 24

/* ---- bits ------------------------------------------------------------------ */

typedef struct {
    fmt_buf *out;
    uint64_t acc;
    unsigned nb;
    int err;
} bitw;

static void bits_put(bitw *w, uint64_t v, unsigned n) /* n <= 32 */
{
    if (n < 64)
        v &= ((uint64_t)1 << n) - 1;
    w->acc |= v << w->nb;
    w->nb += n;
    while (w->nb >= 8) {
        unsigned char c = (unsigned char)w->acc;
        if (fmt_buf_append(w->out, &c, 1))
            w->err = 1;
        w->acc >>= 8;
        w->nb -= 8;
    }
}

/* 64 bits of p[0..n) from bit 'at' on (zeros past the end). */
static inline uint64_t bits_peek(const unsigned char *p, size_t n, uint64_t at)
{
    size_t byte = (size_t)(at >> 3);
    uint64_t x = 0;
    if (byte + 8 <= n) {
        for (int i = 7; i >= 0; i--)
            x = x << 8 | p[byte + (size_t)i];
    } else {
        for (size_t i = n; i-- > byte;)
            x = x << 8 | p[i];
    }
    return x >> (at & 7);  /* at least 57 good bits */
}

static inline uint64_t bits_get(const unsigned char *p, size_t n, uint64_t *at,
                                unsigned w)
{
    if (!w)
        return 0;
    uint64_t x = bits_peek(p, n, *at);
    *at += w;
    return w == 64 ? x : x & (((uint64_t)1 << w) - 1);
}

static unsigned width(uint64_t v)
{
    return v ? 64u - (unsigned)__builtin_clzll(v) : 0;
}

/* ---- Rice ------------------------------------------------------------------- */

unsigned tcodec_rice_k(uint32_t doclen, uint32_t tf)
{
    uint64_t mean = (uint64_t)doclen / ((uint64_t)tf + 1);
    unsigned k = mean > 1 ? width(mean) - 1 : 0;
    return k > 20 ? 20 : k;
}

/* -1 when the stream ends first. */
static inline int rice_get(const unsigned char *p, size_t n, uint64_t *at,
                           unsigned k, uint32_t *v)
{
    uint64_t x = bits_peek(p, n, *at);
    /* at most RICE_ESC ones are counted: 64 ones (damage) would be
     * __builtin_ctzll(0), which is undefined */
    unsigned ones = (unsigned)__builtin_ctzll(~x | (uint64_t)1 << RICE_ESC);
    if (ones >= RICE_ESC) {
        *at += RICE_ESC;
        *v = (uint32_t)bits_get(p, n, at, 32);
    } else {
        *at += ones + 1;
        *v = (uint32_t)(ones << k) | (uint32_t)bits_get(p, n, at, k);
    }
    return *at <= (uint64_t)n * 8 ? 0 : -1;
}

static uint32_t doclen_of(const unsigned char *col_len, uint32_t d)
{
    return col_len ? vb_get_be32(col_len + 4 * (size_t)d) : 0;
}

/* ---- encoding -------------------------------------------------------------- */

void tcodec_enc_start(tcodec_enc *e, fmt_buf *post, fmt_buf *pos,
                      const unsigned char *col_len)
{
    memset(e, 0, sizeof *e);
    e->post = post;
    e->pos = pos;
    e->col_len = col_len;
    e->prev = e->prevlast = -1;
    e->start = post->len;
    e->blockbit = (uint64_t)pos->len * 8;
}

static void enc_bits(tcodec_enc *e, uint64_t v, unsigned n)
{
    bitw w = {e->pos, e->acc, e->nb, 0};
    bits_put(&w, v, n);
    e->acc = w.acc;
    e->nb = w.nb;
    e->err |= w.err;
}

static void enc_block(tcodec_enc *e)
{
    uint64_t gor = 0, tor = 0;
    for (size_t i = 0; i < VB_BLOCK; i++) {
        gor |= e->g[i];
        tor |= e->t[i];
    }
    unsigned wg = width(gor), wt = width(tor);
    bitw bw = {e->post, 0, 0, 0};
    for (size_t i = 0; i < VB_BLOCK; i++)
        bits_put(&bw, e->g[i], wg);
    for (size_t i = 0; i < VB_BLOCK; i++)
        bits_put(&bw, e->t[i], wt);
    unsigned char x[32], *q = x;
    q += vb_put_varint(q, (uint64_t)(e->prev - e->prevlast));
    *q++ = (unsigned char)wg;
    *q++ = (unsigned char)wt;
    uint64_t bits = (uint64_t)e->pos->len * 8 + e->nb;
    q += vb_put_varint(q, bits - e->blockbit);
    e->blockbit = bits;
    e->prevlast = e->prev;
    if (bw.err || fmt_buf_append(&e->table, x, (size_t)(q - x)))
        e->err = 1;
    e->nin = 0;
}

int tcodec_enc_doc(tcodec_enc *e, uint32_t doc, uint32_t tfx,
                   const uint32_t *pos)
{
    if ((int64_t)doc <= e->prev || tfx < 2)
        return FMT_INVALID;
    uint32_t tf = tfx >> 1, at = 0;
    unsigned k = tcodec_rice_k(doclen_of(e->col_len, doc), tf);
    for (uint32_t j = 0; j < tf; j++) {
        uint32_t v = pos[j] - at;
        uint32_t q = v >> k;
        if (pos[j] < at)
            return FMT_INVALID;
        if (q >= RICE_ESC) {
            enc_bits(e, ((uint64_t)1 << RICE_ESC) - 1, RICE_ESC);
            enc_bits(e, v, 32);
        } else {
            enc_bits(e, ((uint64_t)1 << q) - 1, q + 1);
            enc_bits(e, v, k);
        }
        at = pos[j];
    }
    e->g[e->nin] = (uint32_t)((int64_t)doc - e->prev - 1);
    e->t[e->nin] = tfx - 2;
    e->prev = doc;
    e->n++;
    if (++e->nin == VB_BLOCK)
        enc_block(e);
    return e->err ? FMT_NOMEM : FMT_OK;
}

int tcodec_enc_end(tcodec_enc *e)
{
    /* the tail as varints */
    for (size_t i = 0; i < e->nin; i++) {
        unsigned char x[20], *q = x;
        q += vb_put_varint(q, e->g[i]);
        q += vb_put_varint(q, e->t[i]);
        if (fmt_buf_append(e->post, x, (size_t)(q - x)))
            e->err = 1;
    }
    if (e->nb)
        enc_bits(e, 0, 8 - e->nb);
    /* the table in front of the blocks */
    if (!e->err && e->table.len) {
        size_t tl = e->table.len;
        if (fmt_buf_reserve(e->post, tl))
            e->err = 1;
        else {
            memmove(e->post->data + e->start + tl, e->post->data + e->start,
                    e->post->len - e->start);
            memcpy(e->post->data + e->start, e->table.data, tl);
            e->post->len += tl;
        }
    }
    fmt_buf_free(&e->table);
    return e->err ? FMT_NOMEM : FMT_OK;
}

int tcodec_encode(const uint32_t *docs, const uint32_t *tfx, size_t n,
                  const uint32_t *pos, const unsigned char *col_len,
                  fmt_buf *post, fmt_buf *posout)
{
    tcodec_enc e;
    tcodec_enc_start(&e, post, posout, col_len);
    int rc = FMT_OK;
    for (size_t i = 0, pi = 0; i < n && !rc; i++) {
        rc = tcodec_enc_doc(&e, docs[i], tfx[i], pos + pi);
        pi += tfx[i] >> 1;
    }
    int r2 = tcodec_enc_end(&e);
    return rc ? rc : r2;
}

/* ---- decoding the postings ------------------------------------------------ */

/* The skip table: where each full block lies and ends. */
typedef struct {
    const unsigned char *p, *end;   /* the list */
    const unsigned char *tp;        /* next table entry */
    const unsigned char *bp;        /* next block's bytes */
    uint32_t df, ndocs;
    size_t nblocks;
    int64_t prev;                   /* last document decoded (or -1) */
    uint64_t posbit;                /* where the next block's positions start */
} tread;

static int tr_open(tread *r, const unsigned char *p, size_t n, uint32_t df,
                   uint32_t ndocs)
{
    r->p = p;
    r->end = p + n;
    r->df = df;
    r->ndocs = ndocs;
    r->nblocks = df / VB_BLOCK;
    r->prev = -1;
    r->posbit = 0;
    /* each full block takes at least 4 bytes of table (a block of widths
     * 0 none more), each document of the tail 2: no df larger is read */
    if (df > ndocs || df == 0 ||
        (uint64_t)(df / VB_BLOCK) * 4 + (uint64_t)(df % VB_BLOCK) * 2 > n)
        return FMT_CORRUPT;
    r->tp = p;
    /* skip the table to find the first block */
    const unsigned char *q = p;
    size_t bytes = 0;
    for (size_t b = 0; b < r->nblocks; b++) {
        uint64_t d, bits;
        if (vb_get_varint(&q, r->end, &d) || r->end - q < 2 || q[0] > 32 ||
            q[1] > 32)
            return FMT_CORRUPT;
        bytes += 16u * ((size_t)q[0] + q[1]);
        q += 2;
        if (vb_get_varint(&q, r->end, &bits))
            return FMT_CORRUPT;
    }
    if (bytes > (size_t)(r->end - q))
        return FMT_CORRUPT;
    r->bp = q;
    return FMT_OK;
}

typedef struct {
    uint64_t last;      /* its last document */
    unsigned wg, wt;
    uint64_t posbits;
    const unsigned char *data;
    size_t len;
} tblock;

static int tr_block(tread *r, tblock *b)
{
    uint64_t d;
    if (vb_get_varint(&r->tp, r->end, &d) || d == 0 ||
        d > (uint64_t)r->ndocs)
        return FMT_CORRUPT;
    b->last = (uint64_t)(r->prev + (int64_t)d);
    if (b->last >= r->ndocs)
        return FMT_CORRUPT;
    b->wg = r->tp[0];
    b->wt = r->tp[1];
    r->tp += 2;
    if (vb_get_varint(&r->tp, r->end, &b->posbits))
        return FMT_CORRUPT;
    b->data = r->bp;
    b->len = 16u * (b->wg + b->wt);
    r->bp += b->len;
    return FMT_OK;
}

/* Decode block b into docs/tfx (VB_BLOCK each), checked. */
static int tr_unpack(tread *r, const tblock *b, uint32_t *docs, uint32_t *tfx)
{
    uint64_t at = 0;
    int64_t prev = r->prev;
    for (size_t i = 0; i < VB_BLOCK; i++) {
        prev += (int64_t)bits_get(b->data, b->len, &at, b->wg) + 1;
        if (prev >= (int64_t)r->ndocs)
            return FMT_CORRUPT;
        docs[i] = (uint32_t)prev;
    }
    for (size_t i = 0; i < VB_BLOCK; i++) {
        uint64_t t = bits_get(b->data, b->len, &at, b->wt) + 2;
        if (t > UINT32_MAX)
            return FMT_CORRUPT;
        tfx[i] = (uint32_t)t;
    }
    if ((uint64_t)prev != b->last)
        return FMT_CORRUPT;
    r->prev = prev;
    r->posbit += b->posbits;
    return FMT_OK;
}

static int tr_tail(tread *r, uint32_t *doc, uint32_t *tfx)
{
    uint64_t g, t;
    if (vb_get_varint(&r->bp, r->end, &g) || vb_get_varint(&r->bp, r->end, &t) ||
        g >= r->ndocs || t > UINT32_MAX - 2 ||
        r->prev + 1 + (int64_t)g >= (int64_t)r->ndocs)
        return FMT_CORRUPT;
    r->prev += 1 + (int64_t)g;
    *doc = (uint32_t)r->prev;
    *tfx = (uint32_t)(t + 2);
    return FMT_OK;
}

static int grow_list(vb_plist *l, size_t n)
{
    if (n <= l->cap)
        return FMT_OK;
    uint32_t *d = alloc_realloc(l->docs, n * sizeof *d);
    if (!d)
        return FMT_NOMEM;
    l->docs = d;
    uint32_t *t = alloc_realloc(l->tfs, n * sizeof *t);
    if (!t)
        return FMT_NOMEM;
    l->tfs = t;
    l->cap = n;
    return FMT_OK;
}

int tcodec_decode(const unsigned char *p, size_t n, uint32_t df,
                  uint32_t ndocs, vb_plist *l, uint64_t **blkpos,
                  size_t *blkcap)
{
    tread r;
    l->n = 0;
    if (tr_open(&r, p, n, df, ndocs))
        return FMT_CORRUPT;
    if (grow_list(l, df))
        return FMT_NOMEM;
    if (blkpos && vb_grow(blkpos, blkcap, r.nblocks + 1, sizeof **blkpos, 16))
        return FMT_NOMEM;
    for (size_t b = 0; b < r.nblocks; b++) {
        tblock bk;
        if (blkpos)
            (*blkpos)[b] = r.posbit;
        if (tr_block(&r, &bk) ||
            tr_unpack(&r, &bk, l->docs + b * VB_BLOCK, l->tfs + b * VB_BLOCK))
            return FMT_CORRUPT;
    }
    if (blkpos)
        (*blkpos)[r.nblocks] = r.posbit;
    for (size_t i = r.nblocks * VB_BLOCK; i < df; i++)
        if (tr_tail(&r, &l->docs[i], &l->tfs[i]))
            return FMT_CORRUPT;
    if (r.bp != r.end)
        return FMT_CORRUPT;
    l->n = df;
    return FMT_OK;
}

int tcodec_decode_in(const unsigned char *p, size_t n, uint32_t df,
                     uint32_t ndocs, vb_plist *l, const uint32_t *want,
                     size_t nwant)
{
    tread r;
    size_t w = 0;
    l->n = 0;
    if (tr_open(&r, p, n, df, ndocs))
        return FMT_CORRUPT;
    uint32_t docs[VB_BLOCK], tfx[VB_BLOCK];
    for (size_t b = 0; b < r.nblocks && w < nwant; b++) {
        tblock bk;
        if (tr_block(&r, &bk))
            return FMT_CORRUPT;
        while (w < nwant && (int64_t)want[w] <= r.prev)
            w++;
        if (w >= nwant || want[w] > bk.last) { /* nothing wanted here */
            r.prev = (int64_t)bk.last;
            continue;
        }
        if (tr_unpack(&r, &bk, docs, tfx))
            return FMT_CORRUPT;
        for (size_t i = 0; i < VB_BLOCK && w < nwant; i++) {
            while (w < nwant && want[w] < docs[i])
                w++;
            if (w < nwant && want[w] == docs[i] &&
                postings_list_push(l, docs[i], tfx[i]))
                return FMT_NOMEM;
        }
    }
    if (w >= nwant)
        return FMT_OK;
    /* the tail (the table was walked whole above, so bp is past the
     * blocks only if every block was passed: recompute) */
    const unsigned char *tp = r.p;
    size_t bytes = 0;
    for (size_t b = 0; b < r.nblocks; b++) {
        uint64_t x;
        if (vb_get_varint(&tp, r.end, &x) || r.end - tp < 2)
            return FMT_CORRUPT;
        bytes += 16u * ((size_t)tp[0] + tp[1]);
        tp += 2;
        if (vb_get_varint(&tp, r.end, &x))
            return FMT_CORRUPT;
    }
    r.bp = tp + bytes;
    for (size_t i = r.nblocks * VB_BLOCK; i < df; i++) {
        uint32_t d, t;
        if (tr_tail(&r, &d, &t))
            return FMT_CORRUPT;
        while (w < nwant && want[w] < d)
            w++;
        if (w < nwant && want[w] == d && postings_list_push(l, d, t))
            return FMT_NOMEM;
    }
    return r.bp == r.end ? FMT_OK : FMT_CORRUPT;
}

/* ---- positions ------------------------------------------------------------ */

uint64_t tcodec_pos_room(const tcodec_posr *r)
{
    uint64_t all = (uint64_t)r->n * 8;
    return r->bit < all ? all - r->bit : 0;
}

void tcodec_pos_open(tcodec_posr *r, const unsigned char *p, size_t n)
{
    r->p = p;
    r->n = n;
    r->bit = 0;
    r->i = 0;
}

/* Pass the positions of document index r->i without keeping them. */
static int pos_skip_one(tcodec_posr *r, const vb_plist *l,
                        const unsigned char *col_len)
{
    uint32_t tf = l->tfs[r->i] >> 1, v, at = 0;
    if (tf > tcodec_pos_room(r))
        return FMT_CORRUPT;
    unsigned k = tcodec_rice_k(doclen_of(col_len, l->docs[r->i]), tf);
    for (uint32_t j = 0; j < tf; j++) { /* as tcodec_pos_read checks */
        if (rice_get(r->p, r->n, &r->bit, k, &v) || v > UINT32_MAX - at)
            return FMT_CORRUPT;
        at += v;
    }
    r->i++;
    return FMT_OK;
}

int tcodec_pos_seek(tcodec_posr *r, const vb_plist *l, const uint64_t *blkpos,
                    size_t nblk, size_t i, const unsigned char *col_len)
{
    if (i > l->n)
        return FMT_CORRUPT;
    size_t b = i / VB_BLOCK;
    /* another block further on: jump to its start */
    if (b > r->i / VB_BLOCK && b < nblk + 1 && blkpos) {
        uint64_t at = blkpos[b];
        if (at > (uint64_t)r->n * 8)
            return FMT_CORRUPT;
        r->bit = at;
        r->i = b * VB_BLOCK;
    }
    while (r->i < i)
        if (pos_skip_one(r, l, col_len))
            return FMT_CORRUPT;
    return FMT_OK;
}

int tcodec_pos_read(tcodec_posr *r, const vb_plist *l,
                    const unsigned char *col_len, uint32_t *out)
{
    if (r->i >= l->n)
        return FMT_CORRUPT;
    uint32_t tf = l->tfs[r->i] >> 1, at = 0, v;
    if (tf > tcodec_pos_room(r))
        return FMT_CORRUPT;
    unsigned k = tcodec_rice_k(doclen_of(col_len, l->docs[r->i]), tf);
    for (uint32_t j = 0; j < tf; j++) {
        if (rice_get(r->p, r->n, &r->bit, k, &v) || v > UINT32_MAX - at)
            return FMT_CORRUPT;
        at += v;
        out[j] = at;
    }
    r->i++;
    return FMT_OK;
}

int tcodec_pos_check(const unsigned char *p, size_t n, const vb_plist *l,
                     const uint64_t *blkpos, const unsigned char *col_len)
{
    tcodec_posr r;
    tcodec_pos_open(&r, p, n);
    for (size_t i = 0; i < l->n; i++) {
        if (i % VB_BLOCK == 0 && blkpos && i / VB_BLOCK <= l->n / VB_BLOCK &&
            r.bit != blkpos[i / VB_BLOCK])
            return FMT_CORRUPT;
        if (pos_skip_one(&r, l, col_len))
            return FMT_CORRUPT;
    }
    if (blkpos && l->n / VB_BLOCK > 0 && l->n % VB_BLOCK == 0 &&
        r.bit != blkpos[l->n / VB_BLOCK])
        return FMT_CORRUPT;
    /* the stream ends in the byte of its last bit, padded with zeros */
    if ((r.bit + 7) / 8 != n || (r.bit % 8 && (p[n - 1] >> (r.bit % 8))))
        return FMT_CORRUPT;
    return FMT_OK;
}
