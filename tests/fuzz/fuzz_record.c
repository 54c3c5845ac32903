/* fuzz_record.c - libFuzzer target: the decoders of what an archive
 * stores, fed raw bytes: the record payload (record_decode), the
 * summary (record_summary_decode) and (format 6) a chunk of them
 * (record_zchunk_parse), a posting list (postings_decode, with
 * the document count from the input) and a terms value (postings_term_split +
 * decode). The first byte picks which. A decoded record must be sound: its
 * spans inside its text, its strings terminated; a decoded posting list
 * ascending and below the document count.
 * Built and run by tests/fuzz.sh. White-box: includes format/internal.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static void must(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_record: %s\n", what);
        abort();
    }
}

static int span_in(fmt_span s, size_t len)
{
    return s.off <= len && s.len <= len - s.off;
}

static void record(const unsigned char *p, size_t n)
{
    fmt_doc d = {0};
    if (record_decode(p, n, &d) == FMT_OK) {
        must(d.id && d.source && d.text, "strings");
        must(span_in(d.header, d.len) && span_in(d.notice, d.len), "spans");
        for (size_t i = 0; i < d.nquestions; i++)
            must(span_in(d.questions[i].span, d.len), "question span");
        for (size_t i = 0; i < d.nanswers; i++)
            must(span_in(d.answers[i].span, d.len), "answer span");
        for (size_t i = 0; i < d.nfootnotes; i++)
            must(span_in(d.footnotes[i].span, d.len), "note span");
        fmt_buf b = {0};
        must(record_encode(&d, &b) == FMT_OK, "re-encode");
        fmt_buf_free(&b);
    }
    fmt_doc_free(&d);
}

/* A format 6 summary chunk, its head's CRC made right first (else nothing
 * past it would be reached): every item found must lie inside the chunk. */
static void zchunk(const unsigned char *p, size_t n)
{
    if (n < VB_ZCHUNK_HEAD)
        return;
    unsigned char *v = malloc(n);
    must(v != NULL, "memory");
    memcpy(v, p, n);
    /* the head: the lengths, then a CRC per group of VB_ZGROUP */
    const unsigned char *q = v + VB_ZCHUNK_HEAD, *end = v + n;
    uint64_t len;
    int ok = 1;
    for (uint32_t i = 0; i < v[1] && ok; i++)
        ok = !vb_get_varint(&q, end, &len);
    size_t groups = 4 * (((size_t)v[1] + VB_ZGROUP - 1) / VB_ZGROUP);
    if (ok && (size_t)(end - q) >= groups)
        vb_put_be32(v + 2, fmt_crc32(fmt_crc32(0, v, 2), v + VB_ZCHUNK_HEAD,
                                     (size_t)(q - v) + groups - VB_ZCHUNK_HEAD));
    uint32_t off[VB_CHUNK + 1];
    size_t items;
    if (record_zchunk_parse(v, n, v[1], off, &items) == VB_CHUNK_OK) {
        must(items <= n && off[v[1]] == n - items, "chunk length");
        for (uint32_t i = 0; i < v[1]; i++) {
            must(off[i] < off[i + 1], "items in order");
            record_zchunk_group_ok(v, v[1], off, items, i);
        }
        /* written again (lengths as the writer puts them), it reads the
         * same */
        size_t m = record_zchunk_size(v[1], off), items2;
        unsigned char *again = malloc(m);
        uint32_t off2[VB_CHUNK + 1];
        must(again != NULL, "memory");
        record_zchunk_put(again, v[1], off, v + items);
        must(record_zchunk_parse(again, m, v[1], off2, &items2) == VB_CHUNK_OK &&
                 !memcmp(off, off2, (v[1] + 1u) * sizeof *off) &&
                 !memcmp(again + items2, v + items, off[v[1]]),
             "round trip");
        free(again);
    }
    free(v);
}

static void postings(const unsigned char *p, size_t n, int terms)
{
    if (n < 2)
        return;
    uint32_t ndocs = (uint32_t)p[0] << 8 | p[1];
    p += 2;
    n -= 2;
    const unsigned char *post = p, *pos;
    size_t pl = n, posl;
    if (terms && postings_term_split(p, n, &post, &pl, &pos, &posl))
        return;
    vb_plist l = {0};
    uint32_t df;
    if (postings_decode(post, pl, &l, NULL, NULL, ndocs) == FMT_OK) {
        must(postings_df(post, pl, &df) == FMT_OK && df == l.n, "df");
        for (size_t i = 0; i < l.n; i++)
            must(l.docs[i] < ndocs && (i == 0 || l.docs[i] > l.docs[i - 1]),
                 "ascending");
        fmt_buf b = {0};
        must(postings_encode(&l, NULL, &b) == FMT_OK, "re-encode");
        vb_plist again = {0};
        must(postings_decode((const unsigned char *)b.data, b.len, &again,
                             NULL, NULL, ndocs) == FMT_OK &&
                 again.n == l.n,
             "round trip");
        postings_list_free(&again);
        fmt_buf_free(&b);
    }
    postings_list_free(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1 << 20))
        return 0;
    const unsigned char *p = data + 1;
    size_t n = size - 1;
    fmt_summary s = {0};
    switch (data[0] & 3) {
    case 0:
        record(p, n);
        break;
    case 1:
        if (data[0] & 4) {
            zchunk(p, n);
            break;
        }
        if (record_summary_decode(p, n, &s) == FMT_OK)
            must(s.id && s.zaak && s.subject && s.members && s.parties &&
                     s.addressees && s.answered_by,
                 "summary strings");
        fmt_summary_free(&s);
        break;
    case 2:
        postings(p, n, 0);
        break;
    case 3:
        postings(p, n, 1);
        break;
    }
    return 0;
}
