/* fuzz_record.c - libFuzzer target: the decoders of what an archive
 * stores, fed raw bytes: the record payload (record_decode), the
 * summary (record_summary_decode), a posting list (postings_decode, with
 * the document count from the input) and a terms value (postings_term_split +
 * decode). The first byte picks which. A decoded record must be sound: its
 * spans inside its text, its strings terminated; a decoded posting list
 * ascending and below the document count.
 * Built and run by tests/fuzz.sh. White-box: includes format/internal.h.
 */
#include <stdio.h>
#include <stdlib.h>
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
