/* fuzz_parse.c - libFuzzer target: the source parser on one document's
 * text, then the record and summary codecs on what it parsed.
 *
 * Checks more than "no crash": every span the parser gives lies inside
 * the text, and a parsed document survives encode -> decode unchanged
 * (the archive must give back exactly what was packed). Built and run by
 * tests/fuzz.sh. White-box: it includes format/internal.h for the codecs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "parse.h"

static int span_in(fmt_span s, size_t len)
{
    return s.off <= len && s.len <= len - s.off;
}

static void must(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_parse: %s\n", what);
        abort();
    }
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The decoded document must equal the parsed one, field by field. */
static void same_doc(const fmt_doc *a, const fmt_doc *b)
{
    must(a->len == b->len && !memcmp(a->text, b->text, a->len), "text");
    must(same_str(a->id, b->id) && same_str(a->source, b->source), "id");
    must(a->kind == b->kind && !strcmp(a->zaak, b->zaak), "kind/zaak");
    must(same_str(a->docnum, b->docnum) && same_str(a->subject, b->subject),
         "docnum/subject");
    must(a->submitted == b->submitted && a->received == b->received, "dates");
    must(a->nmembers == b->nmembers, "members");
    for (size_t i = 0; i < a->nmembers; i++)
        must(same_str(a->members[i].name, b->members[i].name) &&
                 same_str(a->members[i].party, b->members[i].party),
             "member");
    must(a->naddressees == b->naddressees &&
             a->nanswered_by == b->nanswered_by &&
             a->nquestions == b->nquestions && a->nanswers == b->nanswers &&
             a->nfootnotes == b->nfootnotes && a->nwarnings == b->nwarnings,
         "counts");
    for (size_t i = 0; i < a->nquestions; i++)
        must(a->questions[i].span.off == b->questions[i].span.off &&
                 a->questions[i].span.len == b->questions[i].span.len &&
                 a->questions[i].nnumbers == b->questions[i].nnumbers,
             "question span");
    for (size_t i = 0; i < a->nfootnotes; i++)
        must(a->footnotes[i].span.off == b->footnotes[i].span.off &&
                 a->footnotes[i].nurls == b->footnotes[i].nurls,
             "footnote");
    must(a->header.off == b->header.off && a->header.len == b->header.len &&
             a->notice.off == b->notice.off && a->notice.len == b->notice.len,
         "header/notice");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1 << 20))
        return 0;
    fmt_doc d = {0}, back = {0};
    if (fmt_doc_set_text(&d, (const char *)data, size) ||
        fmt_doc_set_str(&d.id, "fuzz/doc", 8) ||
        fmt_doc_set_str(&d.source, "fuzz/doc.txt", 12) ||
        parse_doc(&d, "fuzz-2022Z01227")) {
        fmt_doc_free(&d);
        return 0;
    }
    must(span_in(d.header, d.len) && span_in(d.notice, d.len), "header span");
    for (size_t i = 0; i < d.nquestions; i++)
        must(span_in(d.questions[i].span, d.len), "question span");
    for (size_t i = 0; i < d.nanswers; i++)
        must(span_in(d.answers[i].span, d.len), "answer span");
    for (size_t i = 0; i < d.nfootnotes; i++)
        must(span_in(d.footnotes[i].span, d.len), "footnote span");
    fmt_buf b = {0};
    if (record_encode(&d, &b) == FMT_OK) {
        int rc = record_decode((const unsigned char *)b.data, b.len, &back);
        must(rc == FMT_OK || rc == FMT_NOMEM, "decode of an encoded record");
        if (rc == FMT_OK)
            same_doc(&d, &back);
    }
    b.len = 0;
    fmt_summary s = {0};
    if (record_summary_encode(&d, 1, 3, &b) == FMT_OK) {
        int rc = record_summary_decode((const unsigned char *)b.data, b.len, &s);
        must(rc == FMT_OK || rc == FMT_NOMEM, "decode of an encoded summary");
        if (rc == FMT_OK)
            must(!strcmp(s.id, d.id) && s.kind == d.kind &&
                     s.answer_days == 3,
                 "summary round trip");
    }
    fmt_summary_free(&s);
    fmt_buf_free(&b);
    fmt_doc_free(&back);
    fmt_doc_free(&d);
    return 0;
}
