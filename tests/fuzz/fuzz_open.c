/* fuzz_open.c - libFuzzer target: opening an archive from a mutated file
 * and reading it: info, records, summaries, ids, a zaak, searches (words,
 * prefix, phrase, fields, facets), snippets (one by one and a page on
 * two threads), suggestions, did-you-mean
 * and verify. Whatever the bytes, every call returns a code; none may
 * crash, hang or leak. Seeds are small archives packed by tests/fuzz.sh.
 * Built and run by tests/fuzz.sh.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "spill.h"
#include "format.h"
#include "internal.h" /* fmt_verify: format/ and tests only */
#include "search.h"


static void search(fmt_archive *a, const char *text)
{
    fmt_query *q;
    size_t pos;
    if (fmt_query_parse(&q, text, NULL, 0, &pos))
        return;
    fmt_search_opts o = {0};
    o.facets = 1;
    o.limit = 3;
    fmt_results *r;
    if (fmt_search(a, q, &o, &r) == FMT_OK) {
        for (size_t i = 0; i < fmt_results_count(r); i++) {
            fmt_buf snip = {0};
            fmt_span hl[8];
            size_t nhl;
            fmt_snippet(a, q, fmt_results_hits(r)[i].docno, 200, &snip, hl,
                        8, &nhl);
            fmt_buf_free(&snip);
        }
        /* the page at once, on two threads (a second handle) */
        size_t n = fmt_results_count(r);
        fmt_lhit lh[3];
        fmt_snip sn[3];
        memset(sn, 0, sizeof sn);
        for (size_t i = 0; i < n && i < 3; i++)
            lh[i] = (fmt_lhit){.docno = fmt_results_hits(r)[i].docno};
        fmt_snippets(&a, lh, n < 3 ? n : 3, q, 200, sn);
        fmt_snips_free(sn, 3);
        fmt_results_free(r);
    }
    fmt_query_free(q);
}

static void nothing(void *ctx, uint32_t docno, const char *msg)
{
    (void)ctx, (void)docno, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fmt_guard_start(); /* as the programs do; once */
    const char *path = fuzz_spill(data, size, "vbk");
    if (!path)
        return 0;
    fmt_archive *a;
    char msg[300];
    if (fmt_open(&a, path, msg, sizeof msg) == FMT_OK) {
        fmt_info in;
        fmt_get_info(a, &in);
        fmt_doc d = {0};
        fmt_summary s = {0};
        uint32_t n = fmt_count(a), docno;
        for (uint32_t i = 0; i < n && i < 4; i++) {
            fmt_get(a, i, &d);
            fmt_get_summary(a, i, &s);
        }
        fmt_find(a, "2022Z01227", &docno);
        uint32_t docs[8];
        size_t nd;
        fmt_zaak_docs(a, "2022Z01227", docs, 8, &nd);
        search(a, "nuctech scanner");
        search(a, "vrag* -minister");
        search(a, "\"de minister\" OR partij:cda");
        search(a, "lid:palland aan:justitie jaar:2022 status:open");
        char *w[4];
        size_t nw = 0;
        if (fmt_suggest(a, "vr", w, 4, &nw) == FMT_OK)
            for (size_t i = 0; i < nw; i++)
                free(w[i]);
        fmt_buf out = {0};
        fmt_didyoumean(a, "nuctekh", &out);
        fmt_buf_free(&out);
        fmt_verify(a, nothing, NULL);
        fmt_doc_free(&d);
        fmt_summary_free(&s);
        fmt_close(a);
    }
    unlink(path);
    return 0;
}
