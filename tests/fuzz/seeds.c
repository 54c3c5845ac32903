/* seeds.c - writes seed inputs for fuzz_record (tests/fuzz.sh runs it):
 * for each document file given, its record payload and its summary as
 * the writer encodes them, and posting lists and terms values of a few
 * shapes (one document, a full block, several blocks, positions after),
 * each file prefixed with the selector byte fuzz_record reads; and with
 * --tcodec, lists of those shapes for fuzz_tcodec (its head, the
 * postings, the positions), in format 7's blocks and format 6's.
 *
 *   seeds OUTDIR FILE...
 *   seeds --tcodec OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "parse.h"
#include "tcodec.h"

static void put(const char *dir, const char *name, int sel,
                const unsigned char *pre, size_t npre, const fmt_buf *b)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fputc(sel, f);
    fwrite(pre, 1, npre, f);
    fwrite(b->data, 1, b->len, f);
    fclose(f);
}

static void lists(const char *dir)
{
    static const size_t sizes[] = {1, 3, 128, 129, 300};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        vb_plist l = {0};
        uint32_t doc = 0;
        for (size_t i = 0; i < sizes[k]; i++) {
            doc += 1 + (uint32_t)(i * 7 % 5);
            postings_list_push(&l, doc, (uint32_t)((i % 3 + 1) << 1 | (i & 1)));
        }
        fmt_buf b = {0}, t = {0};
        postings_encode(&l, NULL, &b);
        unsigned char nd[2] = {(unsigned char)((doc + 1) >> 8),
                               (unsigned char)(doc + 1)};
        char name[64];
        snprintf(name, sizeof name, "postings-%zu", sizes[k]);
        put(dir, name, 2, nd, 2, &b);
        record_buf_varint(&t, b.len); /* a terms value: length, list, positions */
        fmt_buf_append(&t, b.data, b.len);
        for (size_t i = 0; i < sizes[k]; i++)
            record_buf_varint(&t, i % 40 + 1);
        snprintf(name, sizeof name, "terms-%zu", sizes[k]);
        put(dir, name, 3, nd, 2, &t);
        fmt_buf_free(&b);
        fmt_buf_free(&t);
        postings_list_free(&l);
    }
}

/* fuzz_tcodec's input: flags, u16 ndocs, u16 df, u16 postings length,
 * postings, positions (the length column as fuzz_tcodec makes it); the
 * lists in format 7's blocks (every coding of the in-subject flags: none,
 * all, a few, many) and in format 6's */
static void tcodec_seeds(const char *dir)
{
    static const size_t sizes[] = {1, 3, 127, 128, 129, 300, 600};
    static unsigned char col[4 * 65536];
    for (uint32_t d = 0; d < 65536; d++) /* fuzz_tcodec's, scale 2 */
        vb_put_be32(col + 4 * d, ((d * 2654435761u) >> 22) & 0x00ffffff);
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        for (int v = 0; v < 12; v++) {
            /* kind 0: every other flag (1: the same), 2: in format 6's
             * blocks, 3: none or all a block, 4: a few, 5: most */
            int kind = v / 2, withlen = v % 2;
            if (kind == 1 || (kind >= 2 && (withlen || sizes[k] < 128)))
                continue;
            size_t n = sizes[k];
            uint32_t docs[600], tfx[600], pos[600 * 4], doc = 0;
            size_t np = 0;
            for (size_t i = 0; i < n; i++) {
                doc += 1 + (uint32_t)(i * 7 % 5) * (k == 6 ? 20 : 1);
                docs[i] = doc;
                uint32_t tf = (uint32_t)(i % 4 + 1);
                /* the flags: every other; none; all; a few; most */
                uint32_t f = kind < 3 ? (uint32_t)(i & 1)
                             : kind == 3 ? (i / 128) % 2
                             : kind == 4 ? i % 19 == 0
                                         : i % 9 != 0;
                tfx[i] = tf << 1 | f;
                for (uint32_t j = 0, at = 0; j < tf; j++)
                    pos[np++] = at += (uint32_t)(i * 13 + j * 101) % (j == 3 ? 7000 : 300);
            }
            fmt_buf b = {0}, q = {0};
            tcodec_enc e;
            tcodec_enc_start(&e, &b, &q, withlen ? col : NULL);
            e.layout6 = kind == 2;
            int rc = 0;
            for (size_t i = 0, pi = 0; i < n && !rc; pi += tfx[i] >> 1, i++)
                rc = tcodec_enc_doc(&e, docs[i], tfx[i], pos + pi);
            if (tcodec_enc_end(&e) || rc) {
                fmt_buf_free(&b);
                fmt_buf_free(&q);
                continue;
            }
            uint32_t nd = doc + 1;
            unsigned char head[7] = {(unsigned char)(withlen ? 1 | 2 << 1 : 0),
                                     (unsigned char)(nd >> 8), (unsigned char)nd,
                                     (unsigned char)(n >> 8), (unsigned char)n,
                                     (unsigned char)(b.len >> 8),
                                     (unsigned char)b.len};
            char path[1024];
            snprintf(path, sizeof path, "%s/list-%zu-%d-%d", dir, n, kind, withlen);
            FILE *f = fopen(path, "wb");
            if (f) {
                fwrite(head, 1, sizeof head, f);
                fwrite(b.data, 1, b.len, f);
                fwrite(q.data, 1, q.len, f);
                fclose(f);
            }
            fmt_buf_free(&b);
            fmt_buf_free(&q);
        }
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--tcodec")) {
        tcodec_seeds(argv[2]);
        return 0;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: seeds OUTDIR FILE...\n");
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        static char text[1 << 20];
        size_t n = f ? fread(text, 1, sizeof text, f) : 0;
        if (f)
            fclose(f);
        fmt_doc d = {0};
        if (fmt_doc_set_text(&d, text, n) || fmt_doc_set_str(&d.id, "x", 1) ||
            fmt_doc_set_str(&d.source, "x.txt", 5) || parse_doc(&d, argv[i])) {
            fmt_doc_free(&d);
            continue;
        }
        fmt_buf b = {0};
        char name[64];
        if (!record_encode(&d, &b)) {
            snprintf(name, sizeof name, "record-%d", i);
            put(argv[1], name, 0, NULL, 0, &b);
        }
        b.len = 0;
        if (!record_summary_encode(&d, 2, 12, &b)) {
            snprintf(name, sizeof name, "summary-%d", i);
            put(argv[1], name, 1, NULL, 0, &b);
        }
        /* a format 6 chunk of three (its items need not be deflated for
         * the chunk's parser) */
        b.len = 0;
        uint32_t off[4] = {0};
        for (int k = 0; k < 3; k++) {
            if (record_summary_encode_bare(&d, k, -1, &b))
                break;
            off[k + 1] = (uint32_t)b.len;
        }
        if (off[3]) {
            fmt_buf z = {0};
            size_t zn = record_zchunk_size(3, off);
            if (!fmt_buf_reserve(&z, zn)) {
                record_zchunk_put((unsigned char *)z.data, 3, off, b.data);
                z.len = zn;
                snprintf(name, sizeof name, "zchunk-%d", i);
                put(argv[1], name, 5, NULL, 0, &z);
            }
            fmt_buf_free(&z);
        }
        fmt_buf_free(&b);
        fmt_doc_free(&d);
    }
    lists(argv[1]);
    return 0;
}
