/* fuzz_query.c - libFuzzer target: the query parser, and every query it
 * accepts run against a real archive (VB_FUZZ_ARCHIVE, packed from the
 * samples by tests/fuzz.sh): search with facets, a snippet of the first
 * hit, highlighting, suggestions and did-you-mean on the same text.
 * Built and run by tests/fuzz.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"
#include "internal.h" /* the search of one archive: format/ and tests only */
#include "search.h"

static fmt_archive *arch;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fmt_guard_start(); /* as the programs do; once */
    static int tried;
    if (!tried) {
        tried = 1;
        const char *p = getenv("VB_FUZZ_ARCHIVE");
        if (p && fmt_open(&arch, p, NULL, 0))
            arch = NULL;
    }
    if (size > 65536)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    fmt_query *q;
    char err[200];
    size_t pos;
    if (fmt_query_parse(&q, text, err, sizeof err, &pos) == FMT_OK) {
        if (arch) {
            fmt_search_opts o = {0};
            o.facets = 1;
            o.limit = 5;
            fmt_results *r;
            if (fmt_search(arch, q, &o, &r) == FMT_OK) {
                if (fmt_results_count(r)) {
                    fmt_buf snip = {0};
                    fmt_span hl[16];
                    size_t nhl;
                    fmt_snippet(arch, q, fmt_results_hits(r)[0].docno, 240,
                                &snip, hl, 16, &nhl);
                    fmt_buf_free(&snip);
                }
                fmt_results_free(r);
            }
            fmt_span hl[16];
            fmt_query_matches(arch, q, text, size, hl, 16);
        }
        fmt_query_free(q);
    } else if (pos > size) {
        fprintf(stderr, "fuzz_query: error position %zu past the end\n", pos);
        abort();
    }
    if (arch) {
        fmt_buf out = {0};
        fmt_didyoumean(arch, text, &out);
        fmt_buf_free(&out);
        char *words[8];
        size_t n = 0;
        if (fmt_suggest(arch, text, words, 8, &n) == FMT_OK)
            for (size_t i = 0; i < n; i++)
                free(words[i]);
    }
    free(text);
    return 0;
}
