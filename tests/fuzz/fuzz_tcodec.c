/* fuzz_tcodec.c - libFuzzer target: the list codec of formats 6 and 7
 * (tcodec.c) fed raw bytes: a posting list (tcodec_decode,
 * tcodec_decode_in, tcodec_enc_resume) and its positions
 * (tcodec_pos_check, _seek, _read), with df, the document
 * count and the split between the two from the input's head:
 *
 *   u8 flags (bit 0: a length column, bits 1-3: its scale), u16 BE ndocs,
 *   u16 BE df, u16 BE postings length, then the postings, the positions.
 *
 * Whatever the bytes: a list that decodes ascends below ndocs with tf >=
 * 1, decode_in agrees with it, positions that pass the check read whole
 * and ascending, and what decodes encodes again to the same lists, and
 * appended to (resumed) too.
 * Built and run by tests/fuzz.sh; seeds from tests/fuzz/seeds.c.
 * White-box: includes format/internal.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "tcodec.h"

static void must(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_tcodec: %s\n", what);
        abort();
    }
}

/* The length column: each document's length, from its number (the Rice
 * parameter follows it), scaled by the input's flags. */
static unsigned char col[4 * 65536];

static void lengths(unsigned scale)
{
    static unsigned made = 99;
    if (made == scale)
        return;
    made = scale;
    for (uint32_t d = 0; d < 65536; d++) {
        uint32_t x = d * 2654435761u;
        vb_put_be32(col + 4 * d, (x >> (28 - 3 * scale)) & 0x00ffffff);
    }
}

/* A copy in a buffer of exactly n bytes, so ASan sees a read past it. */
static unsigned char *exact(const unsigned char *p, size_t n)
{
    unsigned char *q = malloc(n ? n : 1);
    if (n)
        memcpy(q, p, n);
    return q;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 7 || size > (1 << 20))
        return 0;
    unsigned flags = data[0];
    uint32_t ndocs = (uint32_t)data[1] << 8 | data[2];
    uint32_t df = (uint32_t)data[3] << 8 | data[4];
    size_t pl = (size_t)data[5] << 8 | data[6];
    if (pl > size - 7)
        pl = size - 7;
    const unsigned char *col_len = NULL;
    if (flags & 1) {
        lengths((flags >> 1) & 7);
        col_len = col;
    }
    unsigned char *p = exact(data + 7, pl);
    unsigned char *q = exact(data + 7 + pl, size - 7 - pl);
    size_t qn = size - 7 - pl;
    vb_plist l = {0}, l2 = {0};
    uint64_t *blk = NULL;
    size_t cap = 0;
    int rc = tcodec_decode(p, pl, df, ndocs, &l, &blk, &cap);
    must(rc == FMT_OK || rc == FMT_CORRUPT, "decode's code");
    uint32_t want[16];
    size_t nwant = 0;
    if (rc == FMT_OK) {
        must(l.n == df, "df");
        for (size_t i = 0; i < l.n; i++)
            must(l.docs[i] < ndocs && (i == 0 || l.docs[i] > l.docs[i - 1]) &&
                     l.tfs[i] >= 2,
                 "ascending");
        /* decode_in: every few documents of the list and some between */
        for (size_t i = 0; i < l.n && nwant < 16; i += 1 + l.n / 9) {
            if (nwant && l.docs[i] > want[nwant - 1] + 1 && nwant < 15)
                want[nwant++] = l.docs[i] - 1;
            want[nwant++] = l.docs[i];
        }
        must(tcodec_decode_in(p, pl, df, ndocs, &l2, want, nwant) == FMT_OK,
             "decode_in of a list that decodes");
        size_t k = 0;
        for (size_t i = 0, w = 0; i < l.n; i++) {
            while (w < nwant && want[w] < l.docs[i])
                w++;
            if (w < nwant && want[w] == l.docs[i]) {
                must(k < l2.n && l2.docs[k] == l.docs[i] && l2.tfs[k] == l.tfs[i],
                     "decode_in agrees");
                k++;
            }
        }
        must(k == l2.n, "decode_in: no more");
        /* positions: checked, then read as a phrase reads them */
        int pc = tcodec_pos_check(q, qn, &l, blk, col_len);
        must(pc == FMT_OK || pc == FMT_CORRUPT, "pos_check's code");
        uint64_t total = 0;
        for (size_t i = 0; i < l.n; i++)
            total += l.tfs[i] >> 1;
        uint32_t *all = pc == FMT_OK ? malloc((size_t)(total ? total : 1) * 4) : NULL;
        size_t at = 0;
        tcodec_posr r;
        tcodec_pos_open(&r, q, qn, blk);
        size_t step = 1 + (flags >> 4);
        for (size_t i = 0; i < l.n; i += (pc == FMT_OK ? 1 : step)) {
            uint32_t tf = l.tfs[i] >> 1;
            if (tcodec_pos_seek(&r, &l, i, col_len) ||
                tf > tcodec_pos_room(&r)) {
                must(pc == FMT_CORRUPT, "seek fails on checked positions");
                break;
            }
            uint32_t *out = malloc((size_t)tf * 4);
            int pr = tcodec_pos_read(&r, &l, col_len, out);
            must(pr == FMT_OK || pc == FMT_CORRUPT, "read fails on checked positions");
            if (!pr)
                for (uint32_t j = 1; j < tf; j++)
                    must(out[j] >= out[j - 1], "positions ascend");
            if (!pr && all) {
                memcpy(all + at, out, (size_t)tf * 4);
                at += tf;
            }
            free(out);
            if (pr)
                break;
        }
        /* what decodes whole encodes again to the same lists */
        if (all && at == total) {
            fmt_buf b1 = {0}, b2 = {0};
            vb_plist l3 = {0};
            must(tcodec_encode(l.docs, l.tfs, l.n, all, col_len, &b1, &b2) == FMT_OK,
                 "re-encode");
            uint64_t *blk3 = NULL;
            size_t cap3 = 0;
            must(tcodec_decode((unsigned char *)b1.data, b1.len, df, ndocs, &l3,
                               &blk3, &cap3) == FMT_OK &&
                     l3.n == l.n && !memcmp(l3.docs, l.docs, l.n * 4) &&
                     !memcmp(l3.tfs, l.tfs, l.n * 4),
                 "round trip");
            must(tcodec_pos_check((unsigned char *)b2.data, b2.len, &l3, blk3,
                                  col_len) == FMT_OK,
                 "round trip of the positions");
            free(blk3);
            postings_list_free(&l3);
            fmt_buf_free(&b1);
            fmt_buf_free(&b2);
            /* appended to (nothing added): the same lists again */
            fmt_buf o1 = {0}, o2 = {0};
            tcodec_enc e;
            tcodec_enc_start(&e, &o1, &o2, col_len);
            must(tcodec_enc_resume(&e, p, pl, q, qn, df, ndocs, col_len) == FMT_OK,
                 "resume of a list that decodes");
            must(tcodec_enc_end(&e) == FMT_OK, "resume's end");
            blk3 = NULL;
            cap3 = 0;
            must(tcodec_decode((unsigned char *)o1.data, o1.len, df, ndocs, &l3,
                               &blk3, &cap3) == FMT_OK &&
                     l3.n == l.n && !memcmp(l3.docs, l.docs, l.n * 4) &&
                     !memcmp(l3.tfs, l.tfs, l.n * 4),
                 "resume's round trip");
            must(tcodec_pos_check((unsigned char *)o2.data, o2.len, &l3, blk3,
                                  col_len) == FMT_OK,
                 "resume's positions");
            free(blk3);
            postings_list_free(&l3);
            fmt_buf_free(&o1);
            fmt_buf_free(&o2);
        }
        free(all);
    } else {
        /* decode_in may still read the blocks it wants: never more */
        want[0] = 0;
        want[1] = ndocs / 3;
        want[2] = ndocs / 2;
        want[3] = ndocs ? ndocs - 1 : 0;
        int r2 = tcodec_decode_in(p, pl, df, ndocs, &l2, want, 4);
        must(r2 == FMT_OK || r2 == FMT_CORRUPT, "decode_in's code");
        must(l2.n <= 4, "decode_in: no more than asked");
        fmt_buf o1 = {0}, o2 = {0};
        tcodec_enc e;
        tcodec_enc_start(&e, &o1, &o2, col_len);
        r2 = tcodec_enc_resume(&e, p, pl, q, qn, df, ndocs, col_len);
        must(r2 == FMT_OK || r2 == FMT_CORRUPT, "resume's code");
        tcodec_enc_end(&e);
        fmt_buf_free(&o1);
        fmt_buf_free(&o2);
    }
    postings_list_free(&l);
    postings_list_free(&l2);
    free(blk);
    free(p);
    free(q);
    return 0;
}
