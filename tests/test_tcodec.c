/* test_tcodec.c - the list codec of formats 6 and 7 (format/tcodec.c) on
 * its own: random lists round trip (df around the block size, huge
 * document gaps, position gaps in long unary runs, large tf, documents of
 * length 0, blocks with exceptions; in format 7's blocks and in format
 * 6's, every pattern of in-subject flags), each flag count's block bytes
 * exactly, a list of format 6's bytes still reads, appending equals a
 * fresh encode, decode_in against a brute-force filter, positions read by
 * jumping blocks, and damage: every single-bit flip and every truncation
 * of small encoded lists either decodes to something that passes the
 * checks or is FMT_CORRUPT. Each decode gets a buffer of exactly the
 * list's size, so the sanitizer build (make check) sees any read past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "internal.h"
#include "tcodec.h"
#include "testlib.h"

/* ---- a random list ------------------------------------------------------ */


typedef struct {
    uint32_t *docs, *tfx, *pos;
    size_t n, npos;
    uint32_t ndocs;
    unsigned char *col_len;    /* ndocs u32 BE, or NULL */
    fmt_buf post, posb;
} rlist;

/* How a list is made: gap sizes (bits), tf, position gaps. */
typedef struct {
    unsigned gapbits;      /* document gaps below 2^gapbits */
    int huge_gaps;         /* now and then a gap of 2^24 and more */
    uint32_t tfmax;        /* tf in 1..tfmax, now and then tfbig */
    uint32_t tfbig;
    int huge_pos;          /* position gaps past the Rice escape */
    int lens;              /* a length column (some 0), or none */
    int plain;             /* never in the subject (tfx even) */
    int flags;             /* the in-subject flags: FL_* (0: half of them) */
    int v6;                /* written in format 6's blocks (tfx in one field) */
} rshape;

enum { FL_HALF, FL_ALL, FL_SPARSE, FL_DENSE, FL_MIXED };

/* Document i's in-subject flag, as s says: FL_MIXED changes the odds
 * every 100 documents (none, 1/64, 1/8, 1/2, 7/8, all), so blocks of
 * every coding and their mixtures come up. */
static uint32_t flag_of(const rshape *s, size_t i)
{
    static const unsigned odds[6] = {0, 1, 8, 32, 56, 64}; /* in 64 */
    if (s->plain)
        return 0;
    switch (s->flags) {
    case FL_ALL:
        return 1;
    case FL_SPARSE:
        return tl_rnd() % 40 == 0;
    case FL_DENSE:
        return tl_rnd() % 8 != 0;
    case FL_MIXED:
        return tl_rnd() % 64 < odds[(i / 100 * 2654435761u >> 8) % 6];
    default:
        return tl_rnd() & 1;
    }
}

/* Encode a list as tcodec_encode does, in format 6's blocks if v6. */
static int encode_as(int v6, const uint32_t *docs, const uint32_t *tfx,
                     size_t n, const uint32_t *pos, const unsigned char *col_len,
                     fmt_buf *post, fmt_buf *posb)
{
    tcodec_enc e;
    tcodec_enc_start(&e, post, posb, col_len);
    e.layout6 = v6;
    int rc = FMT_OK;
    for (size_t i = 0, pi = 0; i < n && !rc; i++) {
        rc = tcodec_enc_doc(&e, docs[i], tfx[i], pos ? pos + pi : NULL);
        pi += tfx[i] >> 1;
    }
    int r2 = tcodec_enc_end(&e);
    return rc ? rc : r2;
}

static void rlist_free(rlist *r)
{
    free(r->docs);
    free(r->tfx);
    free(r->pos);
    free(r->col_len);
    fmt_buf_free(&r->post);
    fmt_buf_free(&r->posb);
    memset(r, 0, sizeof *r);
}

static void rlist_make(rlist *r, size_t n, const rshape *s)
{
    memset(r, 0, sizeof *r);
    r->n = n;
    r->docs = calloc(n + 1, sizeof *r->docs);
    r->tfx = calloc(n + 1, sizeof *r->tfx);
    assert_non_null(r->docs);
    assert_non_null(r->tfx);
    int64_t prev = -1;
    size_t npos = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t gap = 1 + (s->gapbits ? tl_rnd() % (1u << s->gapbits) : 0);
        if (s->huge_gaps && tl_rnd() % 50 == 0)
            gap = ((uint64_t)1 << 24) + tl_rnd() % (1u << 26);
        if (prev + (int64_t)gap > (int64_t)UINT32_MAX - (int64_t)(n - i) - 1)
            gap = 1;
        prev += (int64_t)gap;
        r->docs[i] = (uint32_t)prev;
        uint32_t tf = 1 + tl_rnd() % s->tfmax;
        if (s->tfbig && tl_rnd() % 40 == 0)
            tf = s->tfbig;
        r->tfx[i] = tf << 1 | flag_of(s, i);
        npos += tf;
    }
    r->ndocs = (uint32_t)(prev + 1 + tl_rnd() % 5);
    r->npos = npos;
    r->pos = calloc(npos + 1, sizeof *r->pos);
    assert_non_null(r->pos);
    if (s->lens) {
        r->col_len = calloc((size_t)r->ndocs, 4);
        assert_non_null(r->col_len);
    }
    size_t pi = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t tf = r->tfx[i] >> 1, at = 0;
        for (uint32_t j = 0; j < tf; j++) {
            uint32_t g = tl_rnd() % 40;
            if (s->huge_pos && tl_rnd() % 8 == 0) /* (lengths follow below) */
                g = (1u << 24) + tl_rnd() % (1u << 26);
            else if (tl_rnd() % 64 == 0) /* past 56 ones of unary when k is 0 */
                g = 60 + tl_rnd() % 3000;
            if (tl_rnd() % 16 == 0)
                g = 0; /* the same position twice: a gap of 0 */
            at = at > UINT32_MAX - g ? UINT32_MAX : at + g;
            r->pos[pi++] = at;
        }
        if (r->col_len) {
            /* the length the Rice parameter comes from: mostly about the
             * last position, sometimes 0 or far off; with huge gaps the
             * length (format 6 codes positions below it: a gap past it
             * is a long unary run) */
            uint32_t len = s->huge_pos ? (at == UINT32_MAX ? at : at + 1)
                           : tl_rnd() % 4 == 0 ? 0 : tl_rnd() % 3 == 0 ? tl_rnd() : at + 1;
            vb_put_be32(r->col_len + 4 * (size_t)r->docs[i], len);
        }
    }
    if (s->v6)
        assert_int_equal(encode_as(1, r->docs, r->tfx, n, r->pos, r->col_len,
                                   &r->post, &r->posb),
                         FMT_OK);
    else
        assert_int_equal(tcodec_encode(r->docs, r->tfx, n, r->pos, r->col_len,
                                       &r->post, &r->posb),
                         FMT_OK);
}

/* A copy of b[0..n) in a buffer of exactly n bytes (the sanitizer sees a
 * read past it). */
static unsigned char *exact(const void *b, size_t n)
{
    unsigned char *p = malloc(n ? n : 1);
    assert_non_null(p);
    if (n)
        memcpy(p, b, n);
    return p;
}

/* ---- round trips ---------------------------------------------------------- */

/* Every position of the list read in order, then again by seeking to
 * documents further on (jumping blocks by the table). */
static void check_positions(const rlist *r, const vb_plist *l,
                            const uint64_t *blk, const unsigned char *pp,
                            size_t pn)
{
    assert_int_equal(tcodec_pos_check(pp, pn, l, blk, r->col_len), FMT_OK);
    size_t *first = calloc(r->n + 1, sizeof *first);
    assert_non_null(first);
    for (size_t i = 0; i < r->n; i++)
        first[i + 1] = first[i] + (r->tfx[i] >> 1);
    uint32_t *out = malloc((r->npos + 1) * sizeof *out);
    assert_non_null(out);
    tcodec_posr pr;
    tcodec_pos_open(&pr, pp, pn, blk);
    for (size_t i = 0; i < r->n; i++) {
        assert_int_equal(tcodec_pos_seek(&pr, l, i, r->col_len), FMT_OK);
        assert_true((r->tfx[i] >> 1) <= tcodec_pos_room(&pr));
        assert_int_equal(tcodec_pos_read(&pr, l, r->col_len, out), FMT_OK);
        assert_memory_equal(out, r->pos + first[i], (r->tfx[i] >> 1) * sizeof *out);
    }
    /* past the last document: refused */
    assert_int_equal(tcodec_pos_read(&pr, l, r->col_len, out), FMT_CORRUPT);
    assert_int_equal(tcodec_pos_seek(&pr, l, r->n, r->col_len), FMT_CORRUPT);
    /* a few walks that jump: from the start, to random documents on */
    for (int walk = 0; walk < 8; walk++) {
        tcodec_pos_open(&pr, pp, pn, blk);
        size_t i = tl_rnd() % (r->n < 300 ? r->n : 300);
        size_t prev = SIZE_MAX;
        while (i < r->n) {
            assert_int_equal(tcodec_pos_seek(&pr, l, i, r->col_len), FMT_OK);
            assert_int_equal(tcodec_pos_read(&pr, l, r->col_len, out), FMT_OK);
            assert_memory_equal(out, r->pos + first[i],
                                (r->tfx[i] >> 1) * sizeof *out);
            /* back to one already read: refused */
            if (prev != SIZE_MAX && prev < i)
                assert_int_equal(tcodec_pos_seek(&pr, l, prev, r->col_len),
                                 FMT_CORRUPT);
            prev = i;
            i += 1 + tl_rnd() % (walk < 4 ? 3 : 400);
        }
    }
    /* straight to the last document */
    tcodec_pos_open(&pr, pp, pn, blk);
    size_t last = r->n - 1;
    assert_int_equal(tcodec_pos_seek(&pr, l, last, r->col_len), FMT_OK);
    assert_int_equal(tcodec_pos_read(&pr, l, r->col_len, out), FMT_OK);
    assert_memory_equal(out, r->pos + first[last], (r->tfx[last] >> 1) * sizeof *out);
    free(out);
    free(first);
}

/* decode_in against filtering the whole list */
static void check_decode_in(const rlist *r, const unsigned char *p, size_t n)
{
    vb_plist got = {0};
    for (int round = 0; round < 12; round++) {
        size_t nwant = 0, cap = 64;
        uint32_t *want = malloc(cap * sizeof *want);
        assert_non_null(want);
        /* members and non-members, sparse or dense, ascending */
        uint32_t at = tl_rnd() % 4 == 0 ? 0 : tl_rnd() % (r->ndocs ? r->ndocs : 1);
        unsigned step = round < 4 ? 1 + tl_rnd() % 4 : 1 + tl_rnd() % 5000;
        while (at < r->ndocs && nwant < 4000) {
            if (nwant == cap)
                assert_non_null(want = realloc(want, (cap *= 2) * sizeof *want));
            /* half the time a document of the list */
            if (tl_rnd() & 1) {
                size_t lo = 0, hi = r->n;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (r->docs[mid] < at)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                if (lo < r->n)
                    at = r->docs[lo];
            }
            want[nwant++] = at;
            if (at > UINT32_MAX - step)
                break;
            at += step;
        }
        if (round == 11) /* only the very last document */
            want[0] = r->docs[r->n - 1], nwant = 1;
        assert_int_equal(tcodec_decode_in(p, n, (uint32_t)r->n, r->ndocs, &got,
                                          want, nwant),
                         FMT_OK);
        size_t k = 0, w = 0;
        for (size_t i = 0; i < r->n; i++) {
            while (w < nwant && want[w] < r->docs[i])
                w++;
            if (w < nwant && want[w] == r->docs[i]) {
                assert_true(k < got.n);
                assert_int_equal(got.docs[k], r->docs[i]);
                assert_int_equal(got.tfs[k], r->tfx[i]);
                k++;
            }
        }
        assert_int_equal(k, got.n);
        free(want);
    }
    /* nothing wanted: nothing, and OK */
    assert_int_equal(tcodec_decode_in(p, n, (uint32_t)r->n, r->ndocs, &got, NULL, 0),
                     FMT_OK);
    assert_int_equal(got.n, 0);
    postings_list_free(&got);
}

/* Appending: the list's first k documents encoded (in format 6's blocks
 * if the list is), resumed, the rest added: the bytes of a fresh encode
 * of all of them (format 7's; a format 7 base's full blocks are copied
 * as they are, a format 6 base's encoded again). nopos: without
 * positions (a pair's list). */
static void check_resume(const rlist *r, int v6, int nopos)
{
    const unsigned char *col = r->col_len;
    fmt_buf fp = {0}, fq = {0};
    assert_int_equal(encode_as(0, r->docs, r->tfx, r->n, nopos ? NULL : r->pos,
                               col, &fp, &fq),
                     FMT_OK);
    size_t *first = calloc(r->n + 1, sizeof *first);
    assert_non_null(first);
    for (size_t i = 0; i < r->n; i++)
        first[i + 1] = first[i] + (r->tfx[i] >> 1);
    size_t ks[] = {1, 2, 127, 128, 129, 255, 256, 257, r->n - 1, r->n,
                   1 + tl_rnd() % r->n};
    for (size_t j = 0; j < sizeof ks / sizeof *ks; j++) {
        size_t k = ks[j];
        if (k < 1 || k > r->n)
            continue;
        fmt_buf bp = {0}, bq = {0};
        assert_int_equal(encode_as(v6, r->docs, r->tfx, k, nopos ? NULL : r->pos,
                                   col, &bp, &bq),
                         FMT_OK);
        unsigned char *p = exact(bp.data, bp.len), *q = exact(bq.data, bq.len);
        fmt_buf op = {0}, oq = {0};
        assert_int_equal(fmt_buf_append(&op, "xyz", 3), FMT_OK); /* not first */
        tcodec_enc e;
        tcodec_enc_start(&e, &op, &oq, col);
        assert_int_equal(tcodec_enc_resume(&e, p, bp.len, q, bq.len, (uint32_t)k,
                                           r->ndocs, col),
                         FMT_OK);
        for (size_t i = k; i < r->n; i++)
            assert_int_equal(tcodec_enc_doc(&e, r->docs[i], r->tfx[i],
                                            nopos ? NULL : r->pos + first[i]),
                             FMT_OK);
        assert_int_equal(tcodec_enc_end(&e), FMT_OK);
        assert_int_equal(op.len, fp.len + 3);
        assert_memory_equal(op.data + 3, fp.data, fp.len);
        assert_int_equal(oq.len, fq.len);
        if (fq.len)
            assert_memory_equal(oq.data, fq.data, fq.len);
        free(p);
        free(q);
        fmt_buf_free(&bp);
        fmt_buf_free(&bq);
        fmt_buf_free(&op);
        fmt_buf_free(&oq);
    }
    free(first);
    fmt_buf_free(&fp);
    fmt_buf_free(&fq);
}

static void round_trip(size_t n, const rshape *s)
{
    rlist r;
    rlist_make(&r, n, s);
    unsigned char *p = exact(r.post.data, r.post.len);
    unsigned char *pp = exact(r.posb.data, r.posb.len);
    vb_plist l = {0};
    uint64_t *blk = NULL;
    size_t blkcap = 0;
    assert_int_equal(tcodec_decode(p, r.post.len, (uint32_t)n, r.ndocs, &l, &blk,
                                   &blkcap),
                     FMT_OK);
    assert_int_equal(l.n, n);
    assert_memory_equal(l.docs, r.docs, n * sizeof *l.docs);
    assert_memory_equal(l.tfs, r.tfx, n * sizeof *l.tfs);
    /* the table's bit offsets: where each block's positions start */
    assert_int_equal(blk[0], 0);
    check_positions(&r, &l, blk, pp, r.posb.len);
    check_decode_in(&r, p, r.post.len);
    check_resume(&r, s->v6, 0);
    if (n <= 300)
        check_resume(&r, s->v6, 1);
    /* the wrong df or too few documents: refused, never read past */
    vb_plist l2 = {0};
    uint32_t dfs[] = {(uint32_t)n - 1, (uint32_t)n + 1, (uint32_t)n + VB_BLOCK};
    for (size_t i = 0; i < 3; i++)
        if (dfs[i])
            assert_int_equal(tcodec_decode(p, r.post.len, dfs[i], UINT32_MAX, &l2,
                                           NULL, NULL),
                             FMT_CORRUPT);
    assert_int_equal(tcodec_decode(p, r.post.len, (uint32_t)n, r.docs[n - 1], &l2,
                                   NULL, NULL),
                     FMT_CORRUPT);
    postings_list_free(&l2);
    postings_list_free(&l);
    free(blk);
    free(p);
    free(pp);
    rlist_free(&r);
}

static const size_t dfs[] = {1, 2, 127, 128, 129, 255, 256, 257, 1000, 5000};

static void test_round_trip_small_gaps(void **state)
{
    (void)state;
    tl_seed(0x9e3779b97f4a7c15ull);
    rshape s = {.gapbits = 3, .tfmax = 3, .lens = 1};
    for (size_t i = 0; i < sizeof dfs / sizeof *dfs; i++)
        round_trip(dfs[i], &s);
    /* consecutive documents, tf 1: widths of 0 bits, blocks of no bytes
     * (each one's table entry the only trace: 4-6 bytes for 128) */
    rshape z = {.gapbits = 0, .tfmax = 1, .lens = 1, .plain = 1};
    for (size_t i = 0; i < sizeof dfs / sizeof *dfs; i++)
        round_trip(dfs[i], &z);
    z.plain = 0;
    for (size_t i = 0; i < sizeof dfs / sizeof *dfs; i++)
        round_trip(dfs[i], &z);
}

static void test_round_trip_huge(void **state)
{
    (void)state;
    tl_seed(12345);
    /* document gaps of 2^24 and more, position gaps past the escape, tf
     * in the thousands (position gaps below the lengths: k up to 20) */
    rshape s = {.gapbits = 10, .huge_gaps = 1, .tfmax = 4, .tfbig = 3000,
                .huge_pos = 1, .lens = 1};
    for (size_t i = 0; i < sizeof dfs / sizeof *dfs; i++)
        round_trip(dfs[i], &s);
    rshape t = {.gapbits = 16, .tfmax = 50, .tfbig = 70000, .huge_pos = 1,
                .lens = 1};
    for (size_t i = 0; i < 6; i++)
        round_trip(dfs[i], &t);
}

/* ---- the in-subject flags (format 7) -------------------------------- */

/* Every flag pattern and df, in format 7's blocks and in format 6's. */
static void test_round_trip_flags(void **state)
{
    (void)state;
    tl_seed(0x51ab);
    for (int fl = FL_HALF; fl <= FL_MIXED; fl++)
        for (int v6 = 0; v6 < 2; v6++) {
            rshape s = {.gapbits = 2, .tfmax = 3, .tfbig = 200, .lens = 1,
                        .flags = fl, .v6 = v6};
            for (size_t i = 0; i < sizeof dfs / sizeof *dfs; i++)
                if (!v6 || dfs[i] <= 1000)
                    round_trip(dfs[i], &s);
        }
    /* none set, both formats */
    rshape z = {.gapbits = 5, .tfmax = 2, .lens = 1, .plain = 1};
    for (size_t i = 0; i < sizeof dfs / sizeof *dfs; i++)
        round_trip(dfs[i], &z);
    z.v6 = 1;
    for (size_t i = 0; i < 6; i++)
        round_trip(dfs[i], &z);
}

/* The bytes of c flags: none for none or all; m = c or 128 - c (the
 * fewer) Rice coded, k = 6, 5, 5, 4 ... (the table of tcodec.c's comment,
 * worked out here by hand), or a bitmap of 16 bytes from m = 38 on. */
static size_t want_flag_bytes(unsigned c)
{
    static const unsigned char len[39] = {
        0, 1, 2, 3, 4, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 10, 11, 11,
        11, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 14, 15, 15, 15, 15,
        15, 16};
    unsigned m = c > 64 ? 128 - c : c;
    return m < 38 ? len[m] : 16;
}

/* A block of 128 documents in a row, no positions, c of them flagged (c
 * = 0..128), tf 1 (or 1..4): its table entry is delta 128, the widths
 * with bit 6 (of the gap's: some flag set; of the tf's: format 7), c - 1
 * when c, the positions' bits 0 and 0; then the flags as none or all (no
 * bytes), 7-bit indices (c <= 17) or a bitmap. With tf 1..4 the tf width
 * is 2 (tf - 1), not 3 (tfx - 2). */
static void test_flag_blocks(void **state)
{
    (void)state;
    tl_seed(4242);
    for (int big = 0; big < 2; big++)
        for (unsigned c = 0; c <= 128; c++) {
            uint32_t docs[128], tfx[128];
            unsigned char pick[128] = {0};
            for (unsigned j = 0; j < c;) { /* c of the 128, at random */
                unsigned i = tl_rnd() % 128;
                if (!pick[i])
                    pick[i] = 1, j++;
            }
            for (uint32_t i = 0; i < 128; i++) {
                docs[i] = i;
                tfx[i] = (big ? 1 + tl_rnd() % 4 : 1) << 1 | pick[i];
            }
            if (big)
                tfx[5] = 4u << 1 | pick[5];
            /* twice, the second appended to the first: the same */
            fmt_buf p = {0}, q = {0};
            assert_int_equal(encode_as(0, docs, tfx, 128, NULL, NULL, &p, &q), FMT_OK);
            assert_int_equal(encode_as(0, docs, tfx, 128, NULL, NULL, &p, &q), FMT_OK);
            size_t one = p.len / 2;
            assert_int_equal(p.len, 2 * one);
            assert_memory_equal(p.data, p.data + one, one);
            const unsigned char *b = (unsigned char *)p.data;
            size_t entry = 6 + (c ? 1 : 0);
            assert_int_equal(one, entry + want_flag_bytes(c) + (big ? 32 : 0));
            assert_int_equal(b[0], 0x80);
            assert_int_equal(b[1], 0x01);
            assert_int_equal(b[2], c ? 0x40 : 0);
            assert_int_equal(b[3], 0x40 | (big ? 2 : 0));
            if (c)
                assert_int_equal(b[4], c - 1);
            unsigned char *e = exact(p.data, one);
            vb_plist l = {0};
            assert_int_equal(tcodec_decode(e, one, 128, 128, &l, NULL, NULL), FMT_OK);
            assert_memory_equal(l.tfs, tfx, 128 * sizeof *tfx);
            /* format 6's block of the same (the flag in the tf field):
             * never a byte less, larger when few or all are set */
            fmt_buf p6 = {0}, q6 = {0};
            assert_int_equal(encode_as(1, docs, tfx, 128, NULL, NULL, &p6, &q6), FMT_OK);
            assert_int_equal(p6.data[2] & 0x40, 0);
            assert_int_equal(p6.data[3] & 0x40, 0);
            assert_true(one <= p6.len + 1);
            if (c == 128 || (c && c <= 8))
                assert_true(one < p6.len);
            postings_list_free(&l);
            free(e);
            fmt_buf_free(&p);
            fmt_buf_free(&q);
            fmt_buf_free(&p6);
            fmt_buf_free(&q6);
        }
    /* flags coded other than the one way: a position past the block,
     * padding bits set, codes that run past their bytes; a bitmap whose
     * count is not c; a count of 128 + 1; bit 6 of the gap width in a
     * format 6 block. Two flags: Rice k = 5 in 2 bytes, each gap a zero
     * (q = 0) and 5 low bits: 4 and 5 are gaps 4 and 0. */
    vb_plist l = {0};
    unsigned char sp[] = {0x80, 0x01, 0x40, 0x40, 1, 0, 0, 0x08, 0x00};
    assert_int_equal(tcodec_decode(sp, sizeof sp, 128, 128, &l, NULL, NULL), FMT_OK);
    assert_int_equal(l.tfs[3], 2);
    assert_int_equal(l.tfs[4], 3);
    assert_int_equal(l.tfs[5], 3);
    assert_int_equal(l.tfs[6], 2);
    sp[8] |= 0x80; /* padding */
    assert_int_equal(tcodec_decode(sp, sizeof sp, 128, 128, &l, NULL, NULL), FMT_CORRUPT);
    sp[7] = 0xf7, sp[8] = 0x01; /* q 3, low 31: 127; then one more */
    assert_int_equal(tcodec_decode(sp, sizeof sp, 128, 128, &l, NULL, NULL), FMT_CORRUPT);
    sp[7] = 0xff, sp[8] = 0xff;
    assert_int_equal(tcodec_decode(sp, sizeof sp, 128, 128, &l, NULL, NULL), FMT_CORRUPT);
    /* 127 flags: the clear one's position, 1 byte (k = 6): 0 then 6 bits */
    unsigned char inv[] = {0x80, 0x01, 0x40, 0x40, 126, 0, 0, 9 << 1};
    assert_int_equal(tcodec_decode(inv, sizeof inv, 128, 128, &l, NULL, NULL), FMT_OK);
    for (size_t i = 0; i < 128; i++)
        assert_int_equal(l.tfs[i], i == 9 ? 2 : 3);
    inv[7] = 0x01 | 63 << 2; /* q 1 (a one, a zero), low 63: 127 */
    assert_int_equal(tcodec_decode(inv, sizeof inv, 128, 128, &l, NULL, NULL), FMT_OK);
    assert_int_equal(l.tfs[127], 2);
    assert_int_equal(l.tfs[9], 3);
    inv[7] = 0x03; /* q 2: 128, and its low bits past the byte */
    assert_int_equal(tcodec_decode(inv, sizeof inv, 128, 128, &l, NULL, NULL), FMT_CORRUPT);
    inv[7] = 0x12 | 0x80; /* 9, and a padding bit */
    assert_int_equal(tcodec_decode(inv, sizeof inv, 128, 128, &l, NULL, NULL), FMT_CORRUPT);
    unsigned char bm[7 + 16] = {0x80, 0x01, 0x40, 0x40, 39, 0, 0};
    memset(bm + 7, 0xff, 4);
    memset(bm + 11, 0x01, 8); /* 40 set, and the count says 40 */
    assert_int_equal(tcodec_decode(bm, sizeof bm, 128, 128, &l, NULL, NULL), FMT_OK);
    assert_int_equal(l.tfs[31], 3);
    assert_int_equal(l.tfs[32], 3);
    assert_int_equal(l.tfs[33], 2);
    bm[4] = 40; /* says 41 */
    assert_int_equal(tcodec_decode(bm, sizeof bm, 128, 128, &l, NULL, NULL), FMT_CORRUPT);
    unsigned char all[] = {0x80, 0x01, 0x40, 0x40, 128, 0, 0};
    assert_int_equal(tcodec_decode(all, sizeof all, 128, 128, &l, NULL, NULL), FMT_CORRUPT);
    all[4] = 127;
    assert_int_equal(tcodec_decode(all, sizeof all, 128, 128, &l, NULL, NULL), FMT_OK);
    assert_int_equal(l.tfs[77], 3);
    unsigned char six[] = {0x80, 0x01, 0x40, 0x00, 127, 0, 0};
    assert_int_equal(tcodec_decode(six, sizeof six, 128, 128, &l, NULL, NULL), FMT_CORRUPT);
    /* tf - 1 of 2^31 - 2 is the largest (tfx 2^32 - 2), 2^31 - 1 too much */
    unsigned char *hi = calloc(1, 6 + 31 * 16);
    assert_non_null(hi);
    memcpy(hi, (unsigned char[]){0x80, 0x01, 0, 0x40 | 31, 0, 0}, 6);
    memcpy(hi + 6, (unsigned char[]){0xfe, 0xff, 0xff, 0x7f}, 4);
    assert_int_equal(tcodec_decode(hi, 6 + 31 * 16, 128, 128, &l, NULL, NULL), FMT_OK);
    assert_int_equal(l.tfs[0], UINT32_MAX - 1);
    hi[6] = 0xff;
    assert_int_equal(tcodec_decode(hi, 6 + 31 * 16, 128, 128, &l, NULL, NULL),
                     FMT_CORRUPT);
    free(hi);
    postings_list_free(&l);
}

/* A list written by format 6's encoder (commit 0bca27a, before format 7):
 * 300 documents, 2 blocks and a tail. It still decodes, the encoder's
 * format 6 switch (for these tests) writes it again byte for byte, and
 * appending to it gives the fresh format 7 encode. */
static const unsigned char post6[] = {
    0x81, 0x03, 0x03, 0x03, 0x9a, 0xd7, 0x01, 0x00, 0xfe, 0x02, 0x03, 0x83,
    0x9d, 0xfe, 0x01, 0x00, 0x03, 0x11, 0x33, 0x88, 0x19, 0xc4, 0x0c, 0x62,
    0x06, 0x31, 0x83, 0x98, 0x41, 0xcc, 0x20, 0x66, 0x10, 0x33, 0x88, 0x19,
    0xc4, 0x0c, 0x62, 0x06, 0x31, 0x83, 0x98, 0x41, 0xcc, 0x20, 0x66, 0x10,
    0x33, 0x88, 0x19, 0xc4, 0x0c, 0x62, 0x06, 0x31, 0x83, 0x98, 0x41, 0xcc,
    0x20, 0x66, 0x10, 0x33, 0x88, 0x07, 0x00, 0xc0, 0x00, 0x02, 0x18, 0x00,
    0x00, 0x07, 0x00, 0x60, 0x00, 0x08, 0x0c, 0x00, 0x80, 0x11, 0x00, 0x30,
    0x00, 0x20, 0x06, 0x00, 0xc0, 0x40, 0x00, 0x18, 0x00, 0x80, 0x03, 0x00,
    0x60, 0x00, 0x01, 0x0c, 0x00, 0x80, 0x03, 0x00, 0x30, 0x00, 0x04, 0x06,
    0x00, 0xc0, 0x08, 0x00, 0x18, 0x19, 0xc4, 0x0c, 0x62, 0x06, 0x31, 0x83,
    0x98, 0x41, 0xcc, 0x20, 0x66, 0x10, 0x33, 0x88, 0x19, 0xc4, 0x0c, 0x62,
    0x06, 0x31, 0x83, 0x98, 0x41, 0xcc, 0x20, 0x66, 0x10, 0x33, 0x88, 0x19,
    0xc4, 0x0c, 0x62, 0x06, 0x31, 0x83, 0x98, 0x41, 0xcc, 0x20, 0x66, 0x10,
    0x33, 0x88, 0x19, 0xc4, 0x0c, 0x40, 0x92, 0x07, 0x09, 0x72, 0x24, 0x48,
    0x9c, 0x20, 0xc1, 0x83, 0x04, 0x39, 0x92, 0x24, 0x4e, 0x90, 0xe0, 0x41,
    0x82, 0x1c, 0x09, 0x12, 0x27, 0x48, 0xf0, 0x24, 0x00, 0x0c, 0x00, 0x88,
    0x01, 0x00, 0x30, 0x10, 0x00, 0x06, 0x00, 0xe0, 0x00, 0x00, 0x18, 0x40,
    0x00, 0x03, 0x00, 0xe0, 0x00, 0x00, 0x48, 0x0a, 0x02, 0x00, 0x04, 0x00,
    0x01, 0x00, 0x03, 0x06, 0x00, 0x00, 0x02, 0x00, 0x04, 0x00, 0x01, 0x00,
    0x03, 0x01, 0x00, 0x00, 0x02, 0x06, 0x04, 0x00, 0x01, 0x00, 0x03, 0x00,
    0x00, 0x00, 0x02, 0x00, 0x04, 0x00, 0x01, 0x06, 0x03, 0x00, 0x00, 0x01,
    0x02, 0x00, 0x04, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x06, 0x02, 0x00,
    0x04, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x01, 0x04, 0x06,
    0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x00, 0x04, 0x00, 0x01, 0x00,
    0x03, 0x06, 0x00, 0x00, 0x02, 0x00, 0x04, 0x01, 0x01, 0x00, 0x03, 0x00,
    0xf1, 0x48
};

static void format6_list(uint32_t *docs, uint32_t *tfx, uint32_t *pos)
{
    uint32_t np = 0, doc = 0;
    for (uint32_t i = 0; i < 300; i++) {
        doc += 1 + (i * 7 % 5);
        docs[i] = doc;
        uint32_t tf = 1 + (i % 7 == 0 ? 3 : 0) + (i == 200 ? 40 : 0);
        tfx[i] = tf << 1 | (i % 11 == 0 || (i >= 130 && i < 200 && i % 3));
        for (uint32_t j = 0, at = 0; j < tf; j++)
            pos[np++] = at += (i * 13 + j * 101) % 300;
    }
}

static void test_format6_bytes(void **state)
{
    (void)state;
    uint32_t docs[300], tfx[300], pos[1200];
    format6_list(docs, tfx, pos);
    fmt_buf p6 = {0}, q6 = {0}, p7 = {0}, q7 = {0};
    assert_int_equal(encode_as(1, docs, tfx, 300, pos, NULL, &p6, &q6), FMT_OK);
    assert_int_equal(p6.len, sizeof post6);
    assert_memory_equal(p6.data, post6, sizeof post6);
    assert_int_equal(tcodec_encode(docs, tfx, 300, pos, NULL, &p7, &q7), FMT_OK);
    assert_true(p7.len < p6.len);
    /* the positions are the same in both */
    assert_int_equal(q7.len, q6.len);
    assert_memory_equal(q7.data, q6.data, q6.len);
    unsigned char *e6 = exact(post6, sizeof post6), *q = exact(q6.data, q6.len);
    vb_plist l = {0};
    uint64_t *blk = NULL;
    size_t cap = 0;
    uint32_t ndocs = docs[299] + 1;
    assert_int_equal(tcodec_decode(e6, sizeof post6, 300, ndocs, &l, &blk, &cap),
                     FMT_OK);
    assert_memory_equal(l.docs, docs, sizeof docs);
    assert_memory_equal(l.tfs, tfx, sizeof tfx);
    assert_int_equal(tcodec_pos_check(q, q6.len, &l, blk, NULL), FMT_OK);
    uint32_t want[3] = {docs[3], docs[140] + 1, docs[299]}, out[64];
    vb_plist w = {0};
    assert_int_equal(tcodec_decode_in(e6, sizeof post6, 300, ndocs, &w, want, 3),
                     FMT_OK);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.tfs[0], tfx[3]);
    assert_int_equal(w.docs[1], docs[299]);
    tcodec_posr r;
    tcodec_pos_open(&r, q, q6.len, blk);
    assert_int_equal(tcodec_pos_seek(&r, &l, 200, NULL), FMT_OK);
    assert_int_equal(tcodec_pos_read(&r, &l, NULL, out), FMT_OK);
    size_t at = 0;
    for (size_t i = 0; i < 200; i++)
        at += tfx[i] >> 1;
    assert_memory_equal(out, pos + at, 41 * sizeof *out);
    /* appending to it, nothing or a document more: format 7's bytes */
    for (int more = 0; more < 2; more++) {
        fmt_buf op = {0}, oq = {0}, fp = {0}, fq = {0};
        uint32_t d = docs[299] + 3, t = 2 << 1 | 1, pp[2] = {4, 9};
        tcodec_enc en;
        tcodec_enc_start(&en, &op, &oq, NULL);
        assert_int_equal(tcodec_enc_resume(&en, e6, sizeof post6, q, q6.len, 300,
                                           ndocs + 3, NULL),
                         FMT_OK);
        if (more)
            assert_int_equal(tcodec_enc_doc(&en, d, t, pp), FMT_OK);
        assert_int_equal(tcodec_enc_end(&en), FMT_OK);
        tcodec_enc_start(&en, &fp, &fq, NULL);
        for (size_t i = 0, pi = 0; i < 300; pi += tfx[i] >> 1, i++)
            assert_int_equal(tcodec_enc_doc(&en, docs[i], tfx[i], pos + pi), FMT_OK);
        if (more)
            assert_int_equal(tcodec_enc_doc(&en, d, t, pp), FMT_OK);
        assert_int_equal(tcodec_enc_end(&en), FMT_OK);
        assert_int_equal(op.len, fp.len);
        assert_memory_equal(op.data, fp.data, fp.len);
        assert_int_equal(oq.len, fq.len);
        assert_memory_equal(oq.data, fq.data, fq.len);
        if (!more) {
            assert_int_equal(fp.len, p7.len);
            assert_memory_equal(fp.data, p7.data, p7.len);
        }
        fmt_buf_free(&op);
        fmt_buf_free(&oq);
        fmt_buf_free(&fp);
        fmt_buf_free(&fq);
    }
    postings_list_free(&l);
    postings_list_free(&w);
    free(blk);
    free(e6);
    free(q);
    fmt_buf_free(&p6);
    fmt_buf_free(&q6);
    fmt_buf_free(&p7);
    fmt_buf_free(&q7);
}

/* Edge values by hand: the first document 0 and the largest, a position
 * of UINT32_MAX, all positions 0, one document of tf 2^20. */
static void test_edges(void **state)
{
    (void)state;
    /* documents of length 2^32 - 1: k 20, a position of 2^32 - 1 is 4095
     * ones of unary */
    unsigned char *col = malloc(4 * 1001);
    assert_non_null(col);
    memset(col, 0xff, 4 * 1001);
    uint32_t docs[3] = {0, 7, 1000}, tfx[3] = {2, 7, 4};
    uint32_t pos[6] = {UINT32_MAX, 0, 0, 0, 5, UINT32_MAX};
    fmt_buf post = {0}, pb = {0};
    assert_int_equal(tcodec_encode(docs, tfx, 3, pos, col, &post, &pb), FMT_OK);
    vb_plist l = {0};
    uint64_t *blk = NULL;
    size_t cap = 0;
    assert_int_equal(tcodec_decode((unsigned char *)post.data, post.len, 3,
                                   1001, &l, &blk, &cap),
                     FMT_OK);
    assert_memory_equal(l.docs, docs, sizeof docs);
    assert_int_equal(tcodec_pos_check((unsigned char *)pb.data, pb.len, &l, blk, col),
                     FMT_OK);
    tcodec_posr r;
    uint32_t out[3];
    tcodec_pos_open(&r, (unsigned char *)pb.data, pb.len, blk);
    for (int i = 0, k = 0; i < 3; k += (int)(tfx[i] >> 1), i++) {
        assert_int_equal(tcodec_pos_seek(&r, &l, (size_t)i, col), FMT_OK);
        assert_int_equal(tcodec_pos_read(&r, &l, col, out), FMT_OK);
        assert_memory_equal(out, pos + k, (tfx[i] >> 1) * sizeof *out);
    }
    /* what the encoder refuses: documents not ascending, tf 0, positions
     * going back */
    fmt_buf a = {0}, b = {0};
    uint32_t d2[2] = {5, 5}, t2[2] = {2, 2}, p2[2] = {1, 1};
    assert_int_equal(tcodec_encode(d2, t2, 2, p2, NULL, &a, &b), FMT_INVALID);
    uint32_t d3[1] = {5}, t3[1] = {1};
    a.len = b.len = 0;
    assert_int_equal(tcodec_encode(d3, t3, 1, p2, NULL, &a, &b), FMT_INVALID);
    uint32_t t4[1] = {4}, p4[2] = {9, 3};
    a.len = b.len = 0;
    assert_int_equal(tcodec_encode(d3, t4, 1, p4, NULL, &a, &b), FMT_INVALID);
    /* one document with a million positions */
    uint32_t tfbig = 1u << 20;
    uint32_t *pp = malloc(tfbig * sizeof *pp), *o2 = malloc(tfbig * sizeof *o2);
    assert_non_null(pp);
    assert_non_null(o2);
    for (uint32_t i = 0; i < tfbig; i++)
        pp[i] = i * 3;
    uint32_t d5 = 3, t5 = tfbig << 1 | 1;
    a.len = b.len = 0;
    assert_int_equal(tcodec_encode(&d5, &t5, 1, pp, NULL, &a, &b), FMT_OK);
    assert_int_equal(tcodec_decode((unsigned char *)a.data, a.len, 1, 4, &l, &blk,
                                   &cap),
                     FMT_OK);
    tcodec_pos_open(&r, (unsigned char *)b.data, b.len, blk);
    assert_int_equal(tcodec_pos_seek(&r, &l, 0, NULL), FMT_OK);
    assert_int_equal(tcodec_pos_read(&r, &l, NULL, o2), FMT_OK);
    assert_memory_equal(o2, pp, tfbig * sizeof *pp);
    free(pp);
    free(o2);
    free(col);
    fmt_buf_free(&a);
    fmt_buf_free(&b);
    fmt_buf_free(&post);
    fmt_buf_free(&pb);
    postings_list_free(&l);
    free(blk);
}

/* A list of whole blocks whose table gives its last block fewer low bits
 * than its positions take (found by fuzz_tcodec): the check refuses it,
 * and so does appending, which would copy only the table's bits. 128
 * documents of tf 1 at position 1 (0 in the shorter ones): the first 20
 * of length 4 (k 1: a low bit each), the rest of length 1 (k 0); unary
 * 128 bits, low 20, in the table after the delta and the widths. */
static void test_last_block_bits(void **state)
{
    (void)state;
    unsigned char col[4 * 128];
    uint32_t docs[128], tfx[128], pos[128];
    for (uint32_t i = 0; i < 128; i++) {
        vb_put_be32(col + 4 * i, i < 20 ? 4 : 1);
        docs[i] = i;
        tfx[i] = 2;
        pos[i] = i < 20;
    }
    fmt_buf post = {0}, pb = {0};
    assert_int_equal(tcodec_encode(docs, tfx, 128, pos, col, &post, &pb), FMT_OK);
    unsigned char *p = (unsigned char *)post.data;
    assert_int_equal(p[4], 0x80);  /* unary 128 */
    assert_int_equal(p[5], 0x01);
    assert_int_equal(p[6], 20);    /* low 20 */
    assert_int_equal(pb.len, 19);  /* 148 bits */
    vb_plist l = {0};
    uint64_t *blk = NULL;
    size_t cap = 0;
    for (int bad = 0; bad < 2; bad++) {
        p[6] = bad ? 12 : 20;
        assert_int_equal(tcodec_decode(p, post.len, 128, 128, &l, &blk, &cap), FMT_OK);
        assert_int_equal(tcodec_pos_check((unsigned char *)pb.data, pb.len, &l,
                                          blk, col),
                         bad ? FMT_CORRUPT : FMT_OK);
        fmt_buf o1 = {0}, o2 = {0};
        tcodec_enc e;
        tcodec_enc_start(&e, &o1, &o2, col);
        assert_int_equal(tcodec_enc_resume(&e, p, post.len, (unsigned char *)pb.data,
                                           pb.len, 128, 128, col),
                         bad ? FMT_CORRUPT : FMT_OK);
        assert_int_equal(tcodec_enc_end(&e), FMT_OK);
        if (!bad) {
            assert_int_equal(o2.len, pb.len);
            assert_memory_equal(o2.data, pb.data, pb.len);
        }
        fmt_buf_free(&o1);
        fmt_buf_free(&o2);
    }
    fmt_buf_free(&post);
    fmt_buf_free(&pb);
    postings_list_free(&l);
    free(blk);
}

/* Rice parameters: 0 for short documents, capped at 20. */
static void test_rice_k(void **state)
{
    (void)state;
    assert_int_equal(tcodec_rice_k(0, 1), 0);
    assert_int_equal(tcodec_rice_k(3, 1), 0);
    assert_int_equal(tcodec_rice_k(4, 1), 1);
    assert_int_equal(tcodec_rice_k(600, 1), 8);
    assert_int_equal(tcodec_rice_k(UINT32_MAX, 1), 20);
    assert_int_equal(tcodec_rice_k(UINT32_MAX, UINT32_MAX), 0);
}

/* ---- damage -------------------------------------------------------------- */

/* What a decode of damaged bytes may give: FMT_CORRUPT, or a list that
 * passes the checks (ascending, below ndocs, tf >= 1); decode_in then
 * agrees with it; positions are FMT_CORRUPT or ascend, and read no more
 * than the buffer. */
static void damaged_once(const unsigned char *p0, size_t n, uint32_t df,
                         uint32_t ndocs, const unsigned char *q0, size_t qn,
                         const unsigned char *col_len, size_t *ok)
{
    unsigned char *p = exact(p0, n), *q = exact(q0, qn);
    vb_plist l = {0}, l2 = {0};
    uint64_t *blk = NULL;
    size_t cap = 0;
    int rc = tcodec_decode(p, n, df, ndocs, &l, &blk, &cap);
    assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
    uint32_t want[8];
    size_t nwant = 0;
    if (rc == FMT_OK) {
        (*ok)++;
        assert_int_equal(l.n, df);
        for (size_t i = 0; i < l.n; i++) {
            assert_true(l.docs[i] < ndocs);
            assert_true(i == 0 || l.docs[i] > l.docs[i - 1]);
            assert_true(l.tfs[i] >= 2);
        }
        for (size_t i = 0; i < l.n && nwant < 8; i += 1 + l.n / 5)
            want[nwant++] = l.docs[i];
        int r2 = tcodec_decode_in(p, n, df, ndocs, &l2, want, nwant);
        assert_int_equal(r2, FMT_OK);
        assert_int_equal(l2.n, nwant);
        /* positions, as search reads them: room first, then read */
        int pc = tcodec_pos_check(q, qn, &l, blk, col_len);
        tcodec_posr r;
        tcodec_pos_open(&r, q, qn, blk);
        for (size_t i = 0; i < l.n; i++) {
            uint32_t tf = l.tfs[i] >> 1;
            if (tcodec_pos_seek(&r, &l, i, col_len) ||
                tf > tcodec_pos_room(&r)) {
                assert_int_equal(pc, FMT_CORRUPT);
                break;
            }
            uint32_t *out = malloc(tf * sizeof *out);
            assert_non_null(out);
            int pr = tcodec_pos_read(&r, &l, col_len, out);
            if (pr == FMT_OK)
                for (uint32_t j = 1; j < tf; j++)
                    assert_true(out[j] >= out[j - 1]);
            else
                assert_int_equal(pc, FMT_CORRUPT);
            free(out);
            if (pr)
                break;
        }
    } else {
        /* a list that does not decode whole may still give the blocks
         * decode_in reads: never more than asked, never past the end */
        want[0] = 0, want[1] = ndocs / 2, want[2] = ndocs - 1;
        int r2 = tcodec_decode_in(p, n, df, ndocs, &l2, want, 3);
        assert_true(r2 == FMT_OK || r2 == FMT_CORRUPT);
        assert_true(l2.n <= 3);
    }
    /* appending to it: refused, or (it copies format 7's full blocks
     * unread) a list that is the same one when it decodes */
    fmt_buf op = {0}, oq = {0};
    tcodec_enc e;
    tcodec_enc_start(&e, &op, &oq, col_len);
    int re = tcodec_enc_resume(&e, p, n, q, qn, df, ndocs, col_len);
    assert_true(re == FMT_OK || re == FMT_CORRUPT);
    assert_int_equal(tcodec_enc_end(&e), FMT_OK);
    if (re == FMT_OK && rc == FMT_OK) {
        vb_plist l3 = {0};
        assert_int_equal(tcodec_decode((unsigned char *)op.data, op.len, df, ndocs,
                                       &l3, NULL, NULL),
                         FMT_OK);
        assert_memory_equal(l3.docs, l.docs, df * sizeof *l.docs);
        assert_memory_equal(l3.tfs, l.tfs, df * sizeof *l.tfs);
        postings_list_free(&l3);
    }
    fmt_buf_free(&op);
    fmt_buf_free(&oq);
    postings_list_free(&l);
    postings_list_free(&l2);
    free(blk);
    free(p);
    free(q);
}

/* Every bit of the postings and of the positions flipped in turn, and
 * every truncation of both. */
static void damage_all(size_t n, const rshape *s)
{
    rlist r;
    rlist_make(&r, n, s);
    const unsigned char *P = (unsigned char *)r.post.data, *Q = (unsigned char *)r.posb.data;
    size_t pn = r.post.len, qn = r.posb.len, ok = 0, runs = 0;
    unsigned char *b = malloc(pn + qn + 1);
    assert_non_null(b);
    for (size_t i = 0; i < pn * 8; i++, runs++) {
        memcpy(b, P, pn);
        b[i / 8] ^= (unsigned char)(1u << (i % 8));
        damaged_once(b, pn, (uint32_t)n, r.ndocs, Q, qn, r.col_len, &ok);
    }
    for (size_t i = 0; i < qn * 8; i++, runs++) {
        memcpy(b, Q, qn);
        b[i / 8] ^= (unsigned char)(1u << (i % 8));
        damaged_once(P, pn, (uint32_t)n, r.ndocs, b, qn, r.col_len, &ok);
    }
    for (size_t i = 0; i < pn; i++, runs++)
        damaged_once(P, i, (uint32_t)n, r.ndocs, Q, qn, r.col_len, &ok);
    for (size_t i = 0; i < qn; i++, runs++)
        damaged_once(P, pn, (uint32_t)n, r.ndocs, Q, i, r.col_len, &ok);
    /* bytes of all ones and all zeros over the table */
    for (size_t i = 0; i < pn && i < 64; i++)
        for (int v = 0; v < 2; v++, runs++) {
            memcpy(b, P, pn);
            b[i] = v ? 0xff : 0;
            damaged_once(b, pn, (uint32_t)n, r.ndocs, Q, qn, r.col_len, &ok);
        }
    if (getenv("VERBOSE"))
        fprintf(stderr, "  df %zu: %zu + %zu bytes, %zu of %zu damaged lists decode\n",
                n, pn, qn, ok, runs);
    free(b);
    rlist_free(&r);
}

static void test_damage_small(void **state)
{
    (void)state;
    tl_seed(777);
    rshape s = {.gapbits = 4, .tfmax = 3, .lens = 1};
    size_t ns[] = {1, 3, 127, 128, 129, 200, 256, 300};
    for (size_t i = 0; i < sizeof ns / sizeof *ns; i++)
        damage_all(ns[i], &s);
    rshape h = {.gapbits = 12, .huge_gaps = 1, .tfmax = 2, .tfbig = 40,
                .huge_pos = 1, .lens = 1};
    size_t hs[] = {1, 5, 129, 260};
    for (size_t i = 0; i < sizeof hs / sizeof *hs; i++)
        damage_all(hs[i], &h);
    /* the flags' codings (format 7), and format 6's blocks */
    size_t fs[] = {128, 129, 300};
    for (int fl = FL_ALL; fl <= FL_MIXED; fl++) {
        rshape f = {.gapbits = 3, .tfmax = 3, .lens = 1, .flags = fl};
        for (size_t i = 0; i < sizeof fs / sizeof *fs; i++)
            damage_all(fs[i], &f);
    }
    rshape z = {.gapbits = 3, .tfmax = 2, .lens = 1, .plain = 1};
    damage_all(257, &z);
    rshape v6 = {.gapbits = 4, .tfmax = 3, .lens = 1, .v6 = 1};
    for (size_t i = 0; i < sizeof fs / sizeof *fs; i++)
        damage_all(fs[i], &v6);
}

/* Hand-made lists that claim much: a block width of 32 over a short
 * value, a last-doc delta past ndocs, a tail tf of 2^32, positions of a
 * document of tf 2^31 in a few bytes. Each is FMT_CORRUPT, quickly. */
static void test_hostile(void **state)
{
    (void)state;
    vb_plist l = {0};
    uint64_t *blk = NULL;
    size_t cap = 0;
    /* table: delta 128, widths 32/32, unary and low bits 0; then no
     * block bytes */
    unsigned char t1[] = {0x80, 0x01, 32, 32, 0, 0};
    assert_int_equal(tcodec_decode(t1, sizeof t1, 128, 1000, &l, &blk, &cap),
                     FMT_CORRUPT);
    /* widths over 32 */
    unsigned char t2[] = {0x80, 0x01, 33, 0, 0, 0};
    assert_int_equal(tcodec_decode(t2, sizeof t2, 128, 1000, &l, &blk, &cap),
                     FMT_CORRUPT);
    /* exceptions claimed, their bytes past the end */
    unsigned char t2x[] = {0x80, 0x01, 0x80, 0, 0, 0, 0x7f};
    assert_int_equal(tcodec_decode(t2x, sizeof t2x, 128, 1000, &l, &blk, &cap),
                     FMT_CORRUPT);
    /* a valid empty block (widths 0: documents 0..127, tf 1) whose
     * last-doc delta is wrong */
    unsigned char t3[] = {0x81, 0x01, 0, 0, 0, 0};
    assert_int_equal(tcodec_decode(t3, sizeof t3, 128, 1000, &l, &blk, &cap),
                     FMT_CORRUPT);
    unsigned char t3ok[] = {0x80, 0x01, 0, 0, 0, 0};
    assert_int_equal(tcodec_decode(t3ok, sizeof t3ok, 128, 1000, &l, &blk, &cap),
                     FMT_OK);
    assert_int_equal(l.docs[127], 127);
    /* the same block, ndocs too small for it */
    assert_int_equal(tcodec_decode(t3ok, sizeof t3ok, 128, 127, &l, &blk, &cap),
                     FMT_CORRUPT);
    /* exceptions: gap 0's high bits 0 (an exception of nothing) */
    unsigned char t3e[] = {0x80, 0x01, 0x80, 0, 0, 0, 3, 0, 0, 0};
    assert_int_equal(tcodec_decode(t3e, sizeof t3e, 128, 1000, &l, &blk, &cap),
                     FMT_CORRUPT);
    /* exceptions out of order (index 5 then 5) */
    unsigned char t3o[] = {0x80, 0x01, 0x80, 0, 0, 0, 5, 1, 5, 1, 5, 1};
    assert_int_equal(tcodec_decode(t3o, sizeof t3o, 128, 100000, &l, &blk, &cap),
                     FMT_CORRUPT);
    /* an exception's index past the block's 128 values (it wrote past
     * them on the stack) */
    unsigned char t3i[] = {0x80, 0x01, 0x80, 0, 0, 0, 3, 0, 200, 1};
    assert_int_equal(tcodec_decode(t3i, sizeof t3i, 128, 100000, &l, &blk, &cap),
                     FMT_CORRUPT);
    assert_int_equal(tcodec_decode_in(t3i, sizeof t3i, 128, 100000, &l,
                                      (uint32_t[]){5}, 1),
                     FMT_CORRUPT);
    /* width 32 with exceptions: nothing fits above 32 bits */
    unsigned char *t32 = calloc(1, 8 + 512 + 3);
    assert_non_null(t32);
    memcpy(t32, (unsigned char[]){0x80, 0x01, 32 | 0x80, 0, 0, 0, 3}, 7);
    memcpy(t32 + 7 + 512, (unsigned char[]){0, 0, 1}, 3);
    assert_int_equal(tcodec_decode(t32, 7 + 512 + 3, 128, UINT32_MAX, &l, &blk, &cap),
                     FMT_CORRUPT);
    free(t32);
    /* a df far over what the bytes can hold (no allocation of it) */
    unsigned char t4[] = {0, 0};
    assert_int_equal(tcodec_decode(t4, sizeof t4, UINT32_MAX, UINT32_MAX, &l, &blk,
                                   &cap),
                     FMT_CORRUPT);
    assert_int_equal(tcodec_decode_in(t4, sizeof t4, UINT32_MAX, UINT32_MAX, &l,
                                      (uint32_t[]){0}, 1),
                     FMT_CORRUPT);
    assert_int_equal(tcodec_decode(t4, 0, 1, 10, &l, NULL, NULL), FMT_CORRUPT);
    /* a tail tf of 2^32 + 1 */
    unsigned char t5[] = {0, 0xff, 0xff, 0xff, 0xff, 0x0f, 0};
    assert_int_equal(tcodec_decode(t5, sizeof t5, 1, 10, &l, NULL, NULL), FMT_CORRUPT);
    /* tf 2^31 - 1 in the tail, 32 unary bits: seek or read refuse */
    unsigned char t6[] = {0, 0xfc, 0xff, 0xff, 0xff, 0x0f, 32};
    assert_int_equal(tcodec_decode(t6, sizeof t6, 1, 10, &l, &blk, &cap), FMT_OK);
    unsigned char pos[4] = {0xff, 0xff, 0xff, 0xff};
    tcodec_posr r;
    tcodec_pos_open(&r, pos, sizeof pos, blk);
    assert_int_equal(tcodec_pos_seek(&r, &l, 0, NULL), FMT_OK);
    assert_true((l.tfs[0] >> 1) > tcodec_pos_room(&r));
    uint32_t out[3];
    assert_int_equal(tcodec_pos_read(&r, &l, NULL, out), FMT_CORRUPT);
    assert_int_equal(tcodec_pos_check(pos, sizeof pos, &l, blk, NULL), FMT_CORRUPT);
    /* doc 0, tf 3, 64 unary bits over streams of ones of every length:
     * runs that end past the stream */
    unsigned char t7[] = {0, 4, 64};
    assert_int_equal(tcodec_decode(t7, sizeof t7, 1, 10, &l, &blk, &cap), FMT_OK);
    unsigned char ones[16];
    memset(ones, 0xff, sizeof ones);
    for (size_t n = 0; n <= sizeof ones; n++) {
        unsigned char *e = exact(ones, n);
        tcodec_pos_open(&r, e, n, blk);
        int rc = tcodec_pos_seek(&r, &l, 0, NULL);
        if (!rc)
            rc = tcodec_pos_read(&r, &l, NULL, out);
        assert_int_equal(rc, FMT_CORRUPT);
        assert_int_equal(tcodec_pos_check(e, n, &l, blk, NULL), FMT_CORRUPT);
        free(e);
    }
    /* 64 ones at a byte boundary, then a zero: one gap of 64 (the run of
     * 56 and more) */
    unsigned char t8[] = {0, 0, 65}; /* doc 0, tf 1, 65 unary bits */
    assert_int_equal(tcodec_decode(t8, sizeof t8, 1, 10, &l, &blk, &cap), FMT_OK);
    unsigned char o8[9];
    memset(o8, 0xff, 8);
    o8[8] = 0;
    unsigned char *e8 = exact(o8, sizeof o8);
    tcodec_pos_open(&r, e8, sizeof o8, blk);
    assert_int_equal(tcodec_pos_seek(&r, &l, 0, NULL), FMT_OK);
    assert_int_equal(tcodec_pos_read(&r, &l, NULL, out), FMT_OK);
    assert_int_equal(out[0], 64);
    assert_int_equal(tcodec_pos_check(e8, sizeof o8, &l, blk, NULL), FMT_OK);
    free(e8);
    postings_list_free(&l);
    free(blk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rice_k),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_last_block_bits),
        cmocka_unit_test(test_round_trip_small_gaps),
        cmocka_unit_test(test_round_trip_huge),
        cmocka_unit_test(test_round_trip_flags),
        cmocka_unit_test(test_flag_blocks),
        cmocka_unit_test(test_format6_bytes),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_damage_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
