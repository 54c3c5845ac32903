/* tcodec.c - the term value codec of formats 6 and 7: a word's
 * documents, their term frequencies and its positions, bit-packed.
 *
 * Varints (formats 2-5, postings.c) spend at least a byte on each document
 * gap, each tf and each position. Here:
 *
 * Postings (df is kept in the dictionary entry, not here):
 *   the skip table, one entry per full block of VB_BLOCK documents:
 *     varint last-doc delta (from the previous block's last, or from -1),
 *     u8 doc-gap width, u8 tf width (bits 0-5: the width, 0..32; bit 7:
 *     the block has exceptions of that kind; bit 6: below), [format 7,
 *     some flag set: u8 their count - 1], varint the block's unary
 *     position bits, varint its low position bits, and, with exceptions,
 *     varint their bytes;
 *   the full blocks: VB_BLOCK doc gaps - 1 in the gap width, then VB_BLOCK
 *     tf fields in the tf width, little-endian bit order (16 x widths
 *     bytes), [format 7: the flags], then the exceptions: for gaps (if
 *     any) u8 count - 1 and per exception u8 index (ascending) and varint
 *     its bits above the width (not 0), then the same for tf. The width
 *     is the one that makes the block smallest, so a few large gaps or
 *     tfs do not widen all 128 (patched frame of reference, PFOR, as
 *     Lucene's and Tantivy's); the table says where each block lies;
 *   the tail (df mod VB_BLOCK documents): varint gap - 1, varint tfx - 2
 *     (tfx = tf << 1 | in-subject), then (when there is a tail) varint
 *     its unary position bits.
 *
 * The tf field and the in-subject flags. Format 6: tfx - 2 in one field.
 * Format 7 (bit 6 of the tf width byte; the writer always sets it,
 * format 6 never did, its widths stopping at 32, so both read with the
 * same functions and no version reaches the callers): tf - 1, and the
 * flags apart. A word is in the subject in ~9% of its documents, bunched
 * (none in most blocks, all in a few), so a bit each wasted most of it:
 * at 100,000 documents format 7's postings are 6% smaller. Bit 6 of the
 * gap width byte: some flag is set; then c (1..128) of them are, coded:
 *     c = 128: nothing (all set);
 *     m = c, or 128 - c when more than 64 are set (then the positions
 *       of the clear ones): the m positions' gaps (from the previous
 *       position + 1; the first from 0) Rice coded, q = gap >> k in unary
 *       (q ones, a zero) then k low bits, LSB first, with the k that
 *       makes m gaps smallest in the worst case (flag_rice), zero padded
 *       to the worst case's bytes, so that the length follows from c
 *       (8 of 128: 6 bytes, 16: 10; 7-bit indices would take 7 and 14);
 *     when that would be 16 bytes or more (m >= 38): a bitmap of 16 bytes
 *       (bit i of the block is bit i % 8 of byte i / 8), c bits set.
 * The count fixes the coding and the reader checks the bitmap's count,
 * the positions and the padding, so a set of flags has one coding (the
 * same documents give the same bytes; appending copies blocks as they
 * are). The tail keeps tfx in its varints: there the flag shares the
 * byte of any tf up to 64, for nothing.
 * The first document's gap is from -1, so every gap - 1 is >= 0.
 * (Frame of reference, as Lucene's and Tantivy's blocks; the tail as
 * Lucene's vInts.)
 *
 * Positions: one bit stream, block after block (the tail last), each
 * block its unary parts then its low parts. Each document's tf positions
 * are gaps from the previous (the first from 0), Rice-coded with
 * k = log2(document length / (tf + 1)) (the column len, which the decoder
 * has too): q = v >> k in unary (q one bits and a zero) in the unary part,
 * the k low bits in the low part. A position of a word seen once in a
 * 600-word document costs ~10 bits instead of 16. No escape is needed:
 * positions stay below the document's length, so a document's q add up
 * to at most its length >> k, about 2 (tf + 1). Split so, a phrase passes
 * a document's positions without decoding them: its tf zeros in the unary
 * part (counted 56 bits at a time) and tf x k low bits.
 *
 * Every decoder checks as it goes: documents ascend and stay below ndocs,
 * the blocks fill exactly the bytes the table gives, the lengths add up,
 * and no read passes the end; damage is FMT_CORRUPT, never a wrong read.
 */
#include "tcodec.h"


/* ---- bits ------------------------------------------------------------------ */

typedef struct {
    fmt_buf *out;
    uint64_t acc;
    unsigned nb;
    int err;
} bitw;

/* Append n <= 32 bits of v; whole 32-bit words go out at once. */
static inline void bits_put(bitw *w, uint64_t v, unsigned n)
{
    if (n < 64)
        v &= ((uint64_t)1 << n) - 1;
    w->acc |= v << w->nb;
    w->nb += n;
    if (w->nb >= 32) {
        fmt_buf *o = w->out;
        uint32_t x = (uint32_t)w->acc;
        if (o->len + 5 <= o->cap || !fmt_buf_reserve(o, 4)) {
            unsigned char *d = (unsigned char *)o->data + o->len;
            d[0] = (unsigned char)x;
            d[1] = (unsigned char)(x >> 8);
            d[2] = (unsigned char)(x >> 16);
            d[3] = (unsigned char)(x >> 24);
            o->len += 4;
            o->data[o->len] = 0;
        } else {
            w->err = 1;
        }
        w->acc >>= 32;
        w->nb -= 32;
    }
}

/* Out to the last whole byte, padding the last one with zeros. */
static void bits_flush(bitw *w)
{
    while (w->nb) {
        unsigned char c = (unsigned char)w->acc;
        if (fmt_buf_append(w->out, &c, 1))
            w->err = 1;
        w->acc >>= 8;
        w->nb = w->nb >= 8 ? w->nb - 8 : 0;
    }
}

/* 64 bits of p[0..n) from bit 'at' on (zeros past the end). */
static inline uint64_t bits_peek(const unsigned char *p, size_t n, uint64_t at)
{
    size_t byte = (size_t)(at >> 3);
    uint64_t x = 0;
    if (byte + 8 <= n) {
        memcpy(&x, p + byte, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        x = __builtin_bswap64(x);
#endif
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

/* Bits set in x, without the library call a generic x86-64 build makes
 * of __builtin_popcountll. */
static inline unsigned ones64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
}

static unsigned width(uint64_t v)
{
    return v ? 64u - (unsigned)__builtin_clzll(v) : 0;
}

/* ---- the in-subject flags of a format 7 block --------------------------- */

#define FLAG_V7 0x40        /* the tf width byte: the block is format 7's */
#define FLAG_SOME 0x40      /* the gap width byte: some flag is set */

/* The Rice parameter of m positions among VB_BLOCK (1 <= m <= 64) and
 * the bits they take at most: each gap (from the previous position + 1)
 * in unary and k bits, the gaps adding up to at most VB_BLOCK - m, so
 * their unary parts to at most that >> k. The smallest k of the fewest. */
static unsigned flag_rice(unsigned m, unsigned *bits)
{
    unsigned best = 0, bestbits = UINT32_MAX;
    for (unsigned k = 0; k < 7; k++) {
        unsigned n = m * (k + 1) + ((VB_BLOCK - m) >> k);
        if (n < bestbits)
            best = k, bestbits = n;
    }
    *bits = bestbits;
    return best;
}

/* flag_rice's k and bytes (rounded up) for m = 1..37 (from 38 on the
 * bitmap is no larger), so that a reader need not search for them per
 * block; test_tcodec checks each count's bytes, and every count round
 * trips. */
static const unsigned char flag_k[38] = {
    0, 6, 5, 5, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static const unsigned char flag_len[38] = {
    0, 1, 2, 3, 4, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 10, 11, 11, 11,
    12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 14, 15, 15, 15, 15, 15};

/* The bytes of a block's flags, c of them set (1..VB_BLOCK): none for
 * all; m = the set ones or (more than half set) the clear ones, Rice
 * coded, padded to the bytes their worst case takes; or the bitmap when
 * that is no more. */
static size_t flag_bytes(unsigned c)
{
    unsigned m = c > VB_BLOCK / 2 ? VB_BLOCK - c : c;
    return m < 38 ? flag_len[m] : 16;
}

/* The flags f (bit i: value i) as flag_bytes(c) bytes. */
static int flag_write(fmt_buf *out, const uint64_t f[2], unsigned c)
{
    size_t len = flag_bytes(c), at = out->len;
    if (!len)
        return FMT_OK;
    if (len == 16) {
        unsigned char x[16];
        for (unsigned i = 0; i < 16; i++)
            x[i] = (unsigned char)(f[i >> 3] >> (8 * (i & 7)));
        return fmt_buf_append(out, x, 16) ? FMT_NOMEM : FMT_OK;
    }
    int inv = c > VB_BLOCK / 2;
    unsigned bits, k = flag_rice(inv ? VB_BLOCK - c : c, &bits);
    bitw w = {out, 0, 0, 0};
    int prev = -1;
    for (int i = 0; i < VB_BLOCK; i++)
        if ((int)(f[i >> 6] >> (i & 63) & 1) != inv) {
            unsigned g = (unsigned)(i - prev - 1), q = g >> k;
            for (; q >= 32; q -= 32)
                bits_put(&w, 0xffffffffu, 32);
            bits_put(&w, ((uint64_t)1 << q) - 1, q + 1);
            bits_put(&w, g, k);
            prev = i;
        }
    bits_flush(&w);
    unsigned char z = 0;
    while (!w.err && out->len < at + len) /* the worst case's length */
        if (fmt_buf_append(out, &z, 1))
            w.err = 1;
    return w.err ? FMT_NOMEM : FMT_OK;
}

/* The flags of a block, c set, from its flag_bytes(c) bytes at p; -1 if
 * they are not the one coding of c flags (a position past the block,
 * padding not zero, a bitmap of another count). */
static int flag_read(const unsigned char *p, unsigned c, uint64_t f[2])
{
    size_t len = flag_bytes(c);
    f[0] = f[1] = 0;
    if (len == 16) {
        for (unsigned i = 0; i < 16; i++)
            f[i >> 3] |= (uint64_t)p[i] << (8 * (i & 7));
        return ones64(f[0]) + ones64(f[1]) == c ? 0 : -1;
    }
    int inv = c > VB_BLOCK / 2;
    unsigned m = inv ? VB_BLOCK - c : c, k = flag_k[m];
    /* a copy with 8 zero bytes after it: whole 64-bit loads (reads
     * past the end see zeros) */
    unsigned char cp[16 + 8] = {0};
    memcpy(cp, p, len);
    uint64_t at = 0;
    int i = -1;
    for (unsigned j = 0; j < m; j++) {
        /* q ones then a zero (reads past the end see zeros) */
        uint64_t x = ~bits_peek(cp, sizeof cp, at) & (((uint64_t)1 << 56) - 1);
        if (!x)
            return -1; /* 56 ones: past any block (q stays below 52) */
        unsigned q = (unsigned)__builtin_ctzll(x);
        at += q + 1;
        i += (int)((q << k | (unsigned)bits_get(cp, sizeof cp, &at, k)) + 1);
        if (i >= VB_BLOCK)
            return -1;
        f[i >> 6] |= (uint64_t)1 << (i & 63);
    }
    /* the gaps add up to at most VB_BLOCK - m: the codes end within the
     * bytes, and the padding after them is zeros */
    if (at > 8 * len)
        return -1;
    for (; at < 8 * len; at += 56)
        if (bits_peek(cp, sizeof cp, at) & (((uint64_t)1 << 56) - 1))
            return -1; /* the padding is zeros */
    if (inv) {
        f[0] = ~f[0];
        f[1] = ~f[1];
    }
    return 0;
}

/* ---- Rice ------------------------------------------------------------------- */

unsigned tcodec_rice_k(uint32_t doclen, uint32_t tf)
{
    uint64_t mean = (uint64_t)doclen / ((uint64_t)tf + 1);
    unsigned k = mean > 1 ? width(mean) - 1 : 0;
    return k > 20 ? 20 : k;
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
}

static inline void enc_put(tcodec_enc *e, int which, uint64_t v, unsigned n)
{
    bitw w = {which ? &e->lo : &e->un, which ? e->lacc : e->uacc,
              which ? e->lnb : e->unb, 0};
    bits_put(&w, v, n);
    if (which) {
        e->lacc = w.acc;
        e->lnb = w.nb;
        e->lbits += n;
    } else {
        e->uacc = w.acc;
        e->unb = w.nb;
        e->ubits += n;
    }
    e->err |= w.err;
}

/* Append the block's unary then low bits to the positions stream. */
static void enc_flush_pos(tcodec_enc *e)
{
    bitw w = {e->pos, e->pacc, e->pnb, 0};
    for (int which = 0; which < 2; which++) {
        fmt_buf *b = which ? &e->lo : &e->un;
        const unsigned char *d = (const unsigned char *)b->data;
        size_t i = 0;
        for (; i + 4 <= b->len; i += 4)
            bits_put(&w, (uint32_t)d[i] | (uint32_t)d[i + 1] << 8 |
                             (uint32_t)d[i + 2] << 16 | (uint32_t)d[i + 3] << 24,
                     32);
        for (; i < b->len; i++)
            bits_put(&w, d[i], 8);
        unsigned nb = which ? e->lnb : e->unb;
        if (nb)
            bits_put(&w, which ? e->lacc : e->uacc, nb);
        b->len = 0;
    }
    e->pacc = w.acc;
    e->pnb = w.nb;
    e->err |= w.err;
    e->uacc = e->lacc = 0;
    e->unb = e->lnb = 0;
}

/* The width that makes 128 values smallest, counting their exceptions
 * (from how many values have each bit length: 33 x 33 steps, not 128 x 33). */
static unsigned pfor_width(const uint32_t *v, size_t *exbytes)
{
    size_t count[33] = {0};
    for (size_t i = 0; i < VB_BLOCK; i++)
        count[width(v[i])]++;
    unsigned max = 32;
    while (max > 0 && !count[max])
        max--;
    unsigned best = max;
    size_t bestcost = 16u * max, bestex = 0;
    for (unsigned w = max; w-- > 0;) {
        size_t ex = 0;
        for (unsigned b = w + 1; b <= max; b++) /* index byte, varint high */
            ex += count[b] * (1 + (b - w + 6) / 7);
        size_t cost = 16u * w + 1 + ex + 1;
        if (cost < bestcost) {
            best = w;
            bestcost = cost;
            bestex = 1 + ex;
        }
    }
    *exbytes = bestex;
    return best;
}

static int pfor_exceptions(fmt_buf *out, const uint32_t *v, unsigned w)
{
    size_t n = 0;
    for (size_t i = 0; i < VB_BLOCK; i++)
        n += (v[i] >> w) != 0;
    unsigned char c = (unsigned char)(n - 1);
    if (fmt_buf_append(out, &c, 1))
        return FMT_NOMEM;
    for (size_t i = 0; i < VB_BLOCK; i++)
        if (v[i] >> w) {
            unsigned char x[12];
            x[0] = (unsigned char)i;
            size_t xl = 1 + vb_put_varint(x + 1, v[i] >> w);
            if (fmt_buf_append(out, x, xl))
                return FMT_NOMEM;
        }
    return FMT_OK;
}

static void enc_block(tcodec_enc *e)
{
    /* format 7: tf - 1 in the packed field, the flags apart */
    uint32_t tf1[VB_BLOCK];
    uint64_t f[2] = {0, 0};
    unsigned c = 0;
    const uint32_t *t = e->t;
    if (!e->layout6) {
        for (unsigned i = 0; i < VB_BLOCK; i++) {
            tf1[i] = e->t[i] >> 1;
            f[i >> 6] |= (uint64_t)(e->t[i] & 1) << (i & 63);
            c += e->t[i] & 1;
        }
        t = tf1;
    }
    size_t exg, ext;
    unsigned wg = pfor_width(e->g, &exg), wt = pfor_width(t, &ext);
    bitw bw = {e->post, 0, 0, 0};
    for (size_t i = 0; i < VB_BLOCK; i++)
        bits_put(&bw, e->g[i], wg);
    for (size_t i = 0; i < VB_BLOCK; i++)
        bits_put(&bw, t[i], wt);
    bits_flush(&bw); /* 16 x widths bytes: whole bytes, no padding */
    if ((c && flag_write(e->post, f, c)) ||
        (exg && pfor_exceptions(e->post, e->g, wg)) ||
        (ext && pfor_exceptions(e->post, t, wt)))
        e->err = 1;
    unsigned char x[48], *q = x;
    q += vb_put_varint(q, (uint64_t)(e->prev - e->prevlast));
    *q++ = (unsigned char)(wg | (exg ? 0x80 : 0) | (c ? FLAG_SOME : 0));
    *q++ = (unsigned char)(wt | (ext ? 0x80 : 0) | (e->layout6 ? 0 : FLAG_V7));
    if (c)
        *q++ = (unsigned char)(c - 1);
    q += vb_put_varint(q, e->ubits);
    q += vb_put_varint(q, e->lbits);
    if (exg || ext)
        q += vb_put_varint(q, exg + ext);
    e->prevlast = e->prev;
    if (bw.err || fmt_buf_append(&e->table, x, (size_t)(q - x)))
        e->err = 1;
    enc_flush_pos(e);
    e->ubits = e->lbits = 0;
    e->nin = 0;
}

int tcodec_enc_doc(tcodec_enc *e, uint32_t doc, uint32_t tfx,
                   const uint32_t *pos)
{
    if ((int64_t)doc <= e->prev || tfx < 2)
        return FMT_INVALID;
    uint32_t tf = pos ? tfx >> 1 : 0, at = 0;  /* pos NULL: no positions */
    unsigned k = tcodec_rice_k(doclen_of(e->col_len, doc), tf);
    for (uint32_t j = 0; j < tf; j++) {
        if (pos[j] < at)
            return FMT_INVALID;
        uint32_t v = pos[j] - at, q = v >> k;
        for (; q >= 32; q -= 32) /* a long run of ones, 32 at a time */
            enc_put(e, 0, 0xffffffffu, 32);
        enc_put(e, 0, ((uint64_t)1 << q) - 1, q + 1);
        enc_put(e, 1, v, k);
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
    /* the tail as varints, then its unary length */
    for (size_t i = 0; i < e->nin; i++) {
        unsigned char x[20], *q = x;
        q += vb_put_varint(q, e->g[i]);
        q += vb_put_varint(q, e->t[i]);
        if (fmt_buf_append(e->post, x, (size_t)(q - x)))
            e->err = 1;
    }
    if (e->nin) {
        unsigned char x[12];
        size_t xl = vb_put_varint(x, e->ubits);
        if (fmt_buf_append(e->post, x, xl))
            e->err = 1;
        enc_flush_pos(e);
    }
    if (e->pnb) {
        bitw w = {e->pos, e->pacc, e->pnb, 0};
        bits_flush(&w);
        e->err |= w.err;
        e->pnb = 0;
    }
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
    fmt_buf_free(&e->un);
    fmt_buf_free(&e->lo);
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

typedef struct {
    const unsigned char *p, *end;   /* the list */
    const unsigned char *tp;        /* next table entry */
    const unsigned char *bp;        /* next block's bytes (then the tail) */
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
    /* each full block takes at least 5 bytes of table (a block of widths
     * 0 none more), each document of the tail 2: no df larger is read */
    if (df > ndocs || df == 0 ||
        (uint64_t)(df / VB_BLOCK) * 5 + (uint64_t)(df % VB_BLOCK) * 2 > n)
        return FMT_CORRUPT;
    r->tp = p;
    /* pass the table to find the first block */
    const unsigned char *q = p;
    size_t bytes = 0;
    for (size_t b = 0; b < r->nblocks; b++) {
        uint64_t d, ub, lb, ex = 0;
        /* widths 0..32 (bits 0-5); bit 6 of the gap's (some flag set)
         * only in a format 7 block (bit 6 of the tf's) */
        if (vb_get_varint(&q, r->end, &d) || r->end - q < 2 ||
            (q[0] & 0x3f) > 32 || (q[1] & 0x3f) > 32 ||
            ((q[0] & FLAG_SOME) && !(q[1] & FLAG_V7)))
            return FMT_CORRUPT;
        bytes += 16u * ((size_t)(q[0] & 0x3f) + (q[1] & 0x3f));
        int flags = (q[0] | q[1]) & 0x80, some = q[0] & FLAG_SOME;
        q += 2;
        if (some) { /* the flags' count - 1: 0..127 */
            if (q >= r->end || *q >= VB_BLOCK)
                return FMT_CORRUPT;
            bytes += flag_bytes((unsigned)*q + 1);
            q++;
        }
        if (vb_get_varint(&q, r->end, &ub) || vb_get_varint(&q, r->end, &lb) ||
            (flags && (vb_get_varint(&q, r->end, &ex) || ex > (size_t)(r->end - q))))
            return FMT_CORRUPT;
        bytes += (size_t)ex;
        if (bytes > (size_t)(r->end - q))
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
    int exg, ext;       /* it has exceptions of gaps, of tfx */
    int v7;             /* format 7's: tf - 1 packed, the flags apart */
    unsigned nflags;    /* format 7: the flags set (0..VB_BLOCK) */
    size_t fbytes;      /* their bytes, after the packed values */
    size_t exbytes;
    uint64_t ubits, lbits;   /* its positions' unary and low bits */
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
    /* (tr_open checked the entry's widths and flag count) */
    b->wg = r->tp[0] & 0x3f;
    b->wt = r->tp[1] & 0x3f;
    b->exg = r->tp[0] >> 7;
    b->ext = r->tp[1] >> 7;
    b->v7 = (r->tp[1] & FLAG_V7) != 0;
    b->nflags = 0;
    if (r->tp[0] & FLAG_SOME) {
        b->nflags = (unsigned)r->tp[2] + 1;
        r->tp++;
    }
    b->fbytes = b->nflags ? flag_bytes(b->nflags) : 0;
    r->tp += 2;
    uint64_t ex = 0;
    if (vb_get_varint(&r->tp, r->end, &b->ubits) ||
        vb_get_varint(&r->tp, r->end, &b->lbits) ||
        b->ubits > ((uint64_t)1 << 40) || b->lbits > ((uint64_t)1 << 40) ||
        ((b->exg || b->ext) && vb_get_varint(&r->tp, r->end, &ex)))
        return FMT_CORRUPT;
    b->data = r->bp;
    b->exbytes = (size_t)ex;
    /* tr_open checked it */
    b->len = 16u * (b->wg + b->wt) + b->fbytes + b->exbytes;
    r->bp += b->len;
    return FMT_OK;
}

/* One kind's exceptions at *pp: their count (1..VB_BLOCK), their indices
 * (inside the block, ascending) into ix and the bits above the width w
 * (not 0, fitting 32 bits with them) into hi; -1 if damaged. */
static int pfor_exread(const unsigned char **pp, const unsigned char *end,
                       unsigned w, unsigned char *ix, uint32_t *hi)
{
    const unsigned char *p = *pp;
    if (p >= end)
        return -1;
    unsigned n = (unsigned)*p++ + 1;
    int last = -1;
    for (unsigned i = 0; i < n; i++) {
        uint64_t h;
        if (p >= end || (int)*p <= last || *p >= VB_BLOCK)
            return -1;
        last = ix[i] = *p++;
        /* (64 bits: a width of 32 leaves no room above it) */
        if (vb_get_varint(&p, end, &h) || h == 0 ||
            h > ((uint64_t)UINT32_MAX >> w))
            return -1;
        hi[i] = (uint32_t)h;
    }
    *pp = p;
    return (int)n;
}

/* Value k (0..7) of a group of 8 values of w bits at p (w bytes; 8 more
 * bytes readable: whole 64-bit loads, no bounds to check). With w and k
 * constants (the callers unroll the 8 and unpack_*'s switches make w one)
 * the offset, shift and mask are constants: a load, a shift and an and;
 * width 0 reads nothing, widths 8 and 16 load a byte or two. */
static inline __attribute__((always_inline)) uint32_t
pk_get(const unsigned char *p, const unsigned k, const unsigned w)
{
    uint64_t x;
    memcpy(&x, p + (k * w >> 3), 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return (uint32_t)(x >> (k * w & 7) & (((uint64_t)1 << w) - 1));
}

#define PK_8(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)
#define PK_WIDTHS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) \
    X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20)  \
    X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30)

/* The VB_BLOCK values as they are (format 6's tfs, a damaged-looking
 * width): v[i]. */
static inline __attribute__((always_inline)) void
pk_raw(const unsigned char *p, uint32_t *v, const unsigned w)
{
    for (unsigned j = 0; j < VB_BLOCK / 8; j++, p += w, v += 8) {
#define PK_RAW(k) v[k] = pk_get(p, k, w);
        PK_8(PK_RAW)
#undef PK_RAW
    }
}

/* The gaps - 1 summed as they are unpacked, with the n exceptions
 * (ix, hi) of the gaps: docs[i] = prev + i + 1 + the gaps - 1 up to i;
 * the sum (64 bits, no wrap) returned. A group holding an exception is
 * unpacked as the others, then its documents from the exception on
 * raised by it (and so, through prev, all after). */
static inline __attribute__((always_inline)) uint64_t
pk_docs(const unsigned char *p, uint32_t *docs, uint64_t prev,
        const unsigned char *ix, const uint32_t *hi, unsigned n,
        const unsigned w)
{
    unsigned e = 0, eg = n ? ix[0] >> 3 : VB_BLOCK / 8;
    for (unsigned j = 0; j < VB_BLOCK / 8; j++, p += w, docs += 8) {
#define PK_DOC(k) prev += (uint64_t)pk_get(p, k, w) + 1; docs[k] = (uint32_t)prev;
        PK_8(PK_DOC)
#undef PK_DOC
        if (j != eg)
            continue;
        for (; e < n && ix[e] >> 3 == j; e++) {
            uint64_t x = (uint64_t)hi[e] << w;
            for (unsigned k = ix[e] & 7; k < 8; k++)
                docs[k] += (uint32_t)x;
            prev += x;
        }
        eg = e < n ? ix[e] >> 3 : VB_BLOCK / 8;
    }
    return prev;
}

/* Format 7's tf - 1 (w <= 30: below 2^31 - 1) into tfx = tf << 1 |
 * flag: flags 0, none set; 1, all set; 2, those of f, one store each. */
static inline __attribute__((always_inline)) void
pk_tf7(const unsigned char *p, uint32_t *tfx, const uint64_t f[2],
       const int flags, const unsigned w)
{
    for (unsigned j = 0; j < VB_BLOCK / 8; j++, p += w, tfx += 8) {
        uint32_t fb = flags == 2 ? (uint32_t)(f[j >> 3] >> (8 * (j & 7)))
                                 : flags ? 0xff : 0;
#define PK_TF(k) tfx[k] = (pk_get(p, k, w) + 1) << 1 | (fb >> k & 1);
        PK_8(PK_TF)
#undef PK_TF
    }
}

static void unpack_raw(const unsigned char *p, unsigned w, uint32_t *v)
{
    switch (w) {
#define PK_CASE(n) case n: pk_raw(p, v, n); return;
    PK_WIDTHS(PK_CASE) PK_CASE(31) PK_CASE(32)
#undef PK_CASE
    }
}

static uint64_t unpack_docs(const unsigned char *p, unsigned w, uint32_t *docs,
                            uint64_t prev, const unsigned char *ix,
                            const uint32_t *hi, unsigned n)
{
    switch (w) {
#define PK_CASE(k) case k: return pk_docs(p, docs, prev, ix, hi, n, k);
    PK_WIDTHS(PK_CASE) PK_CASE(31) PK_CASE(32)
#undef PK_CASE
    }
    return UINT64_MAX; /* (tr_open allows no more than 32) */
}

/* w <= 30 (the caller sees to it); the flags of f (c set): a few set,
 * or a few clear, are put in one step each afterwards, more of both
 * together with the values */
static void unpack_tf7(const unsigned char *p, unsigned w, uint32_t *tfx,
                       const uint64_t f[2], unsigned c)
{
    int flags = c <= 24 ? 0 : c >= VB_BLOCK - 24 ? 1 : 2;
    switch (flags * 32 + w) {
#define PK_CASE(n) case n: pk_tf7(p, tfx, f, 0, n); break;
    PK_WIDTHS(PK_CASE)
#undef PK_CASE
#define PK_CASE(n) case 32 + n: pk_tf7(p, tfx, f, 1, n); break;
    PK_WIDTHS(PK_CASE)
#undef PK_CASE
#define PK_CASE(n) case 64 + n: pk_tf7(p, tfx, f, 2, n); break;
    PK_WIDTHS(PK_CASE)
#undef PK_CASE
    }
    if (flags == 0)
        for (unsigned h = 0; h < 2; h++)
            for (uint64_t m = f[h]; m; m &= m - 1)
                tfx[64 * h + (unsigned)__builtin_ctzll(m)] |= 1;
    else if (flags == 1)
        for (unsigned h = 0; h < 2; h++)
            for (uint64_t m = ~f[h]; m; m &= m - 1)
                tfx[64 * h + (unsigned)__builtin_ctzll(m)] &= ~1u;
}

/* Decode block b into docs/tfx (VB_BLOCK each), checked. The gaps are
 * summed and format 7's tfs made tfx as they are unpacked, the
 * exceptions patched into the results (a gap's into every document from
 * it on); the checks are gathered, not branched on per value. */
static int tr_unpack(tread *r, const tblock *b, uint32_t *docs, uint32_t *tfx)
{
    size_t packed = 16u * (b->wg + b->wt);
    /* 8 bytes to read past the packed values: the list's own, or (its
     * last block) a copy's padding */
    const unsigned char *src = b->data;
    unsigned char pad[16 * 64 + 8];
    if ((size_t)(r->end - b->data) < packed + 8) {
        memcpy(pad, b->data, packed);
        memset(pad + packed, 0, 8);
        src = pad;
    }
    uint64_t f[2] = {0, 0};
    if (b->nflags && flag_read(b->data + packed, b->nflags, f))
        return FMT_CORRUPT;
    const unsigned char *ep = b->data + packed + b->fbytes,
                        *eend = ep + b->exbytes;
    unsigned char ix[VB_BLOCK];
    uint32_t hi[VB_BLOCK];

    /* the documents ascend: the last one is the largest, and it must be
     * the table's (below ndocs, tr_block checked); summed in 64 bits,
     * every one before it is then below 2^32 too */
    int n = 0;
    if (b->exg && (n = pfor_exread(&ep, eend, b->wg, ix, hi)) < 0)
        return FMT_CORRUPT;
    uint64_t last = unpack_docs(src, b->wg, docs, (uint64_t)r->prev, ix, hi,
                                (unsigned)n);
    if (last != b->last)
        return FMT_CORRUPT;

    if (b->v7 && b->wt <= 30) {
        /* tf - 1 below 2^30: tfx fits; an exception's must too */
        unpack_tf7(src + 16u * b->wg, b->wt, tfx, f, b->nflags);
        if (b->ext) {
            if ((n = pfor_exread(&ep, eend, b->wt, ix, hi)) < 0)
                return FMT_CORRUPT;
            for (int i = 0; i < n; i++) {
                uint64_t x = tfx[ix[i]] + ((uint64_t)hi[i] << (b->wt + 1));
                if (x > UINT32_MAX)
                    return FMT_CORRUPT;
                tfx[ix[i]] = (uint32_t)x;
            }
        }
    } else {
        uint32_t t[VB_BLOCK], bad = 0;
        unpack_raw(src + 16u * b->wg, b->wt, t);
        if (b->ext) {
            if ((n = pfor_exread(&ep, eend, b->wt, ix, hi)) < 0)
                return FMT_CORRUPT;
            for (int i = 0; i < n; i++)
                t[ix[i]] |= hi[i] << b->wt; /* (at most UINT32_MAX) */
        }
        if (b->v7) {
            /* tfx = tf << 1 | flag, tf - 1 packed: below 2^31 - 1, so
             * that neither it nor it + 1 has bit 31 */
            for (size_t i = 0; i < VB_BLOCK; i++) {
                uint32_t x = t[i];
                bad |= x | (x + 1);
                tfx[i] = (x + 1) << 1 | (uint32_t)(f[i >> 6] >> (i & 63) & 1);
            }
            bad &= 0x80000000u;
        } else { /* tfx - 2 packed */
            for (size_t i = 0; i < VB_BLOCK; i++) {
                bad |= t[i] >= UINT32_MAX - 1;
                tfx[i] = t[i] + 2;
            }
        }
        if (bad)
            return FMT_CORRUPT;
    }
    if (ep != eend)
        return FMT_CORRUPT;
    r->prev = (int64_t)last;
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

/* Decode the blocks b0.. and the tail of r (opened, at block b0) into l:
 * the list's documents from b0 * VB_BLOCK on, with blk's entries of those
 * blocks (their positions from bit 'at' on). */
static int tr_decode_rest(tread *r, size_t b0, uint64_t at, vb_plist *l,
                          uint64_t **blk, size_t *blkcap)
{
    size_t m = r->df - b0 * VB_BLOCK, nb = r->nblocks - b0;
    if (grow_list(l, m ? m : 1))
        return FMT_NOMEM;
    if (blk && vb_grow(blk, blkcap, 2 * (nb + 1), sizeof **blk, 16))
        return FMT_NOMEM;
    for (size_t b = 0; b < nb; b++) {
        tblock bk;
        if (tr_block(r, &bk) ||
            tr_unpack(r, &bk, l->docs + b * VB_BLOCK, l->tfs + b * VB_BLOCK))
            return FMT_CORRUPT;
        if (blk) {
            (*blk)[2 * b] = at;
            (*blk)[2 * b + 1] = bk.ubits;
        }
        at += bk.ubits + bk.lbits;
    }
    for (size_t i = nb * VB_BLOCK; i < m; i++)
        if (tr_tail(r, &l->docs[i], &l->tfs[i]))
            return FMT_CORRUPT;
    uint64_t tub = 0;
    if (r->df % VB_BLOCK &&
        (vb_get_varint(&r->bp, r->end, &tub) || tub > ((uint64_t)1 << 40)))
        return FMT_CORRUPT;
    if (blk) {
        (*blk)[2 * nb] = at;
        (*blk)[2 * nb + 1] = tub;
    }
    if (r->bp != r->end)
        return FMT_CORRUPT;
    l->n = m;
    return FMT_OK;
}

int tcodec_decode(const unsigned char *p, size_t n, uint32_t df,
                  uint32_t ndocs, vb_plist *l, uint64_t **blk, size_t *blkcap)
{
    tread r;
    l->n = 0;
    if (tr_open(&r, p, n, df, ndocs))
        return FMT_CORRUPT;
    return tr_decode_rest(&r, 0, 0, l, blk, blkcap);
}

/* The first of a[0..n) (ascending, n >= 1, a[n - 1] >= x) that is >= x:
 * a halving search without a branch on the data. */
static size_t lower_bound(const uint32_t *a, size_t n, uint32_t x)
{
    const uint32_t *b = a;
    while (n > 1) {
        size_t half = n / 2;
        b = b[half - 1] < x ? b + half : b;
        n -= half;
    }
    return (size_t)(b - a);
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
    for (size_t b = 0; b < r.nblocks; b++) {
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
        /* each wanted document of the block looked up among those after
         * the last one found (the block's last is the largest, so each
         * is found or passed within it) */
        for (size_t i = 0; w < nwant && want[w] <= bk.last; w++) {
            i += lower_bound(docs + i, VB_BLOCK - i, want[w]);
            if (docs[i] == want[w] && (!l->n || l->docs[l->n - 1] != docs[i]) &&
                postings_list_push(l, docs[i], tfx[i]))
                return FMT_NOMEM; /* (a document wanted twice: once) */
        }
    }
    for (size_t i = r.nblocks * VB_BLOCK; i < df; i++) {
        uint32_t d, t;
        if (tr_tail(&r, &d, &t))
            return FMT_CORRUPT;
        while (w < nwant && want[w] < d)
            w++;
        if (w < nwant && want[w] == d && postings_list_push(l, d, t))
            return FMT_NOMEM;
    }
    uint64_t tub;
    if (df % VB_BLOCK && vb_get_varint(&r.bp, r.end, &tub))
        return FMT_CORRUPT;
    return r.bp == r.end ? FMT_OK : FMT_CORRUPT;
}

/* ---- positions ------------------------------------------------------------ */

void tcodec_pos_open(tcodec_posr *r, const unsigned char *p, size_t n,
                     const uint64_t *blk)
{
    memset(r, 0, sizeof *r);
    r->p = p;
    r->n = n;
    r->blk = blk;
    r->b = SIZE_MAX;  /* no block entered yet */
}

uint64_t tcodec_pos_room(const tcodec_posr *r)
{
    return r->uend > r->ub ? r->uend - r->ub : 0;
}

/* Enter block b (its unary part, then its low part, from blk). */
static int pos_enter(tcodec_posr *r, size_t b)
{
    uint64_t start = r->blk[2 * b], ub = r->blk[2 * b + 1];
    uint64_t all = (uint64_t)r->n * 8;
    if (start > all || ub > all - start)
        return FMT_CORRUPT;
    r->b = b;
    r->ub = start;
    r->uend = start + ub;
    r->lb = r->uend;
    r->i = b * VB_BLOCK;
    return FMT_OK;
}

/* One gap: q from the unary part, the low bits from the low part. */
static inline int pos_gap(tcodec_posr *r, unsigned k, uint32_t *v)
{
    uint64_t q = 0, x;
    unsigned run;
    while ((run = (unsigned)__builtin_ctzll(~(x = bits_peek(r->p, r->n, r->ub)) |
                                            ((uint64_t)1 << 56))) == 56) {
        q += 56; /* a long run of ones */
        r->ub += 56;
        if (r->ub >= r->uend)
            return -1;
    }
    (void)x;
    q += run;
    r->ub += run + 1;
    if (q > (UINT32_MAX >> k))
        return -1;
    *v = (uint32_t)(q << k) | (uint32_t)bits_get(r->p, r->n, &r->lb, k);
    return r->ub <= r->uend && r->lb <= (uint64_t)r->n * 8 ? 0 : -1;
}

/* Pass gaps without decoding them: need zeros of the unary part (56
 * bits at a time), low bits of the low part. */
static int pos_pass(tcodec_posr *r, uint64_t need, uint64_t low)
{
    while (need) {
        if (r->ub >= r->uend)
            return -1;
        uint64_t w = ~bits_peek(r->p, r->n, r->ub) & (((uint64_t)1 << 56) - 1);
        uint64_t c = ones64(w);
        if (c < need) {
            need -= c;
            r->ub += 56;
            continue;
        }
        while (--need)
            w &= w - 1;
        r->ub += (uint64_t)__builtin_ctzll(w) + 1;
    }
    r->lb += low;
    return r->ub <= r->uend && r->lb <= (uint64_t)r->n * 8 ? 0 : -1;
}

/* Pass the positions of document indices r->i up to i (of r's block) in
 * one pass: their tfs' zeros and tf x k low bits added up. (Document by
 * document, each tf checked against the room left, fails exactly when
 * this does: the room shrinks by at least each tf.) */
static int pos_skip(tcodec_posr *r, const vb_plist *l, size_t i,
                    const unsigned char *col_len)
{
    uint64_t need = 0, low = 0;
    for (size_t j = r->i; j < i; j++) {
        uint32_t tf = l->tfs[j] >> 1;
        need += tf;
        low += (uint64_t)tf * tcodec_rice_k(doclen_of(col_len, l->docs[j]), tf);
    }
    if (need > tcodec_pos_room(r) || pos_pass(r, need, low))
        return FMT_CORRUPT;
    r->i = i;
    return FMT_OK;
}

int tcodec_pos_seek(tcodec_posr *r, const vb_plist *l, size_t i,
                    const unsigned char *col_len)
{
    if (i >= l->n || (r->b != SIZE_MAX && i < r->i))
        return FMT_CORRUPT;
    size_t b = i / VB_BLOCK;
    if (r->b != b && pos_enter(r, b))
        return FMT_CORRUPT;
    return r->i < i ? pos_skip(r, l, i, col_len) : FMT_OK;
}

int tcodec_pos_read(tcodec_posr *r, const vb_plist *l,
                    const unsigned char *col_len, uint32_t *out)
{
    if (r->i >= l->n || r->b != r->i / VB_BLOCK)
        return FMT_CORRUPT;
    uint32_t tf = l->tfs[r->i] >> 1;
    if (tf > tcodec_pos_room(r))
        return FMT_CORRUPT;
    unsigned k = tcodec_rice_k(doclen_of(col_len, l->docs[r->i]), tf);
    /* Two tight passes: every zero of the unary part found with ctz, 56
     * bits a read (q = the ones before it), then the low bits k at a time,
     * then the sum. Reads past the end see zeros, so the bounds are
     * checked once, after the document. */
    const unsigned char *p = r->p;
    size_t n = r->n;
    uint64_t ub = r->ub, lb = r->lb, carry = 0, qs = 0;
    const uint64_t m56 = ((uint64_t)1 << 56) - 1;
    uint32_t j = 0;
    while (j < tf) {
        uint64_t w = ~bits_peek(p, n, ub) & m56;
        if (!w) { /* 56 ones: part of a long run */
            carry += 56;
            ub += 56;
            if (ub > r->uend || carry > UINT32_MAX)
                return FMT_CORRUPT;
            continue;
        }
        unsigned base = 0;
        do {
            unsigned t = (unsigned)__builtin_ctzll(w);
            uint64_t q = carry + (t - base);
            qs |= q;
            out[j++] = (uint32_t)q;
            carry = 0;
            base = t + 1;
            w &= w - 1;
        } while (w && j < tf);
        ub += base;
    }
    /* every q below 2^(32 - k): checked once, on their or (the bound
     * is all ones) */
    if (qs > (UINT32_MAX >> k))
        return FMT_CORRUPT;
    uint64_t at = 0;
    if (k) {
        uint64_t lbuf = bits_peek(p, n, lb);
        unsigned lav = 56;
        const uint64_t lmask = ((uint64_t)1 << k) - 1;
        for (j = 0; j < tf; j++) {
            if (lav < k) {
                lb += 56 - lav;
                lbuf = bits_peek(p, n, lb);
                lav = 56;
            }
            at += (uint64_t)out[j] << k | (lbuf & lmask);
            lbuf >>= k;
            lav -= k;
            out[j] = (uint32_t)at;
        }
        lb += 56 - lav;
    } else { /* no low bits (short documents) */
        for (j = 0; j < tf; j++)
            out[j] = (uint32_t)(at += out[j]);
    }
    if (at > UINT32_MAX)
        return FMT_CORRUPT;
    if (ub > r->uend || lb > (uint64_t)n * 8)
        return FMT_CORRUPT;
    r->ub = ub;
    r->lb = lb;
    r->i++;
    return FMT_OK;
}

int tcodec_pos_check(const unsigned char *p, size_t n, const vb_plist *l,
                     const uint64_t *blk, const unsigned char *col_len)
{
    tcodec_posr r;
    size_t nb = (l->n + VB_BLOCK - 1) / VB_BLOCK;
    uint64_t end = 0;
    tcodec_pos_open(&r, p, n, blk);
    for (size_t b = 0; b < nb; b++) {
        if (blk[2 * b] != end || pos_enter(&r, b))
            return FMT_CORRUPT;
        size_t stop = (b + 1) * VB_BLOCK < l->n ? (b + 1) * VB_BLOCK : l->n;
        for (size_t i = b * VB_BLOCK; i < stop; i++) {
            uint32_t tf = l->tfs[i] >> 1, v;
            if (tf > tcodec_pos_room(&r))
                return FMT_CORRUPT;
            unsigned k = tcodec_rice_k(doclen_of(col_len, l->docs[i]), tf);
            uint64_t at = 0;
            for (uint32_t j = 0; j < tf; j++) { /* as tcodec_pos_read */
                if (pos_gap(&r, k, &v) || (at += v) > UINT32_MAX)
                    return FMT_CORRUPT;
            }
        }
        /* the unary part ends where the table says */
        if (r.ub != r.uend)
            return FMT_CORRUPT;
        /* the next block starts where this one's low part ends */
        end = r.lb;
        if (b + 1 < nb && blk[2 * (b + 1)] != end)
            return FMT_CORRUPT;
    }
    /* without a tail, the table's bits of the last block end where its
     * positions do (appending copies that many bits) */
    if (l->n % VB_BLOCK == 0 && blk[2 * nb] != end)
        return FMT_CORRUPT;
    /* the stream ends in the byte of its last bit, padded with zeros */
    if ((end + 7) / 8 != n || (end % 8 && (p[n - 1] >> (end % 8))))
        return FMT_CORRUPT;
    return FMT_OK;
}

/* ---- appending to an encoded list ----------------------------------------- */

int tcodec_enc_resume(tcodec_enc *e, const unsigned char *post, size_t plen,
                      const unsigned char *pos, size_t poslen, uint32_t df,
                      uint32_t ndocs, const unsigned char *col_len)
{
    tread r;
    if (e->n || e->pos->len != 0 || tr_open(&r, post, plen, df, ndocs))
        return FMT_CORRUPT;
    /* the full blocks of format 7 as they are (the writer would write
     * them the same): their table entries, their bytes, and the bits of
     * their positions; from the first of format 6 (a format 6 base) on,
     * every document encoded again */
    uint64_t bits = 0;
    size_t keep = 0;
    const unsigned char *t0 = r.tp, *b0 = r.bp;
    for (; keep < r.nblocks; keep++) {
        tread at = r;
        tblock bk;
        if (tr_block(&r, &bk))
            return FMT_CORRUPT;
        if (!bk.v7) {
            r = at;
            break;
        }
        r.prev = (int64_t)bk.last;
        bits += bk.ubits + bk.lbits;
    }
    if (bits > (uint64_t)poslen * 8)
        return FMT_CORRUPT;
    if (fmt_buf_append(&e->table, t0, (size_t)(r.tp - t0)) ||
        fmt_buf_append(e->post, b0, (size_t)(r.bp - b0)) ||
        fmt_buf_append(e->pos, pos, (size_t)(bits / 8)))
        return FMT_NOMEM;
    if (bits % 8) {
        e->pacc = pos[bits / 8] & ((1u << (bits % 8)) - 1);
        e->pnb = (unsigned)(bits % 8);
    }
    e->prev = e->prevlast = r.prev;
    e->n = keep * VB_BLOCK;
    if (df == e->n) /* all taken: the positions end where the table says */
        return r.bp == r.end && (bits + 7) / 8 == poslen ? FMT_OK : FMT_CORRUPT;
    /* the rest (the tail, or a format 6 base's blocks too) again,
     * document by document, its positions read by the table */
    vb_plist l = {0};
    uint64_t *blk = NULL;
    size_t blkcap = 0;
    int rc = tr_decode_rest(&r, keep, bits, &l, &blk, &blkcap);
    uint32_t *pv = NULL;
    size_t cap = 0;
    tcodec_posr pr;
    tcodec_pos_open(&pr, pos, poslen, blk);
    for (size_t i = 0; i < l.n && !rc; i++) {
        uint32_t tf = l.tfs[i] >> 1;
        if (!poslen) /* a list without positions (a pair, tdict.h) */
            rc = tcodec_enc_doc(e, l.docs[i], l.tfs[i], NULL);
        else if (tcodec_pos_seek(&pr, &l, i, col_len) ||
                 tf > tcodec_pos_room(&pr))
            rc = FMT_CORRUPT;
        else if (vb_grow(&pv, &cap, tf ? tf : 1, sizeof *pv, 64))
            rc = FMT_NOMEM;
        else if (tcodec_pos_read(&pr, &l, col_len, pv))
            rc = FMT_CORRUPT;
        else
            rc = tcodec_enc_doc(e, l.docs[i], l.tfs[i], pv);
    }
    free(pv);
    free(blk);
    postings_list_free(&l);
    return rc;
}
