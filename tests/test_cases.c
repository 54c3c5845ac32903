/* test_cases.c - searching for cases as a visitor types: the word being
 * typed matches as a prefix, Dutch operators, hits grouped into cases with
 * counts and facets per case, statuses that tell the truth, and a library
 * that lists a case split over two archives once.
 *
 * On a generated corpus (questions, notices and answers of the same zaken)
 * plus the real samples, against brute-force truths computed from the
 * documents themselves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "format.h"
#include "internal.h" /* the search of one archive: format/ and tests only */
#include "search.h"
#include "source.h"
#include "testlib.h"

#define NDOCS 300

typedef struct {
    char dir[128], path[160], half[2][160];
    fmt_archive *a;
    fmt_writer *w2[2];
    int which;          /* add(): 0 all into w, 1 split by date into w2 */
} fixture;

static fixture fx;

static int add(void *ctx, const src_file *f)
{
    fmt_writer *w = ctx;
    fmt_doc d = {0};
    assert_int_equal(tl_read_doc(f, &d), 0);
    assert_int_equal(fmt_writer_add(w, &d), FMT_OK);
    if (fx.which) { /* questions in one archive, the rest in the other */
        fmt_writer *h = fx.w2[d.kind == FMT_QUESTION ? 0 : 1];
        assert_int_equal(fmt_writer_add(h, &d), FMT_OK);
    }
    fmt_doc_free(&d);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    char dir[sizeof fx.dir], docs[200]; /* a copy: gcc sees fx.dir and fx.half[i] as one object */
    if (tl_tmpdir(fx.dir, sizeof fx.dir, "vbcases"))
        return -1;
    memcpy(dir, fx.dir, sizeof dir);
    snprintf(docs, sizeof docs, "%s/docs", dir);
    if (tl_gen(docs, NDOCS, 11))
        return -1;
    snprintf(fx.path, sizeof fx.path, "%s/a.vbk", dir);
    for (int i = 0; i < 2; i++) {
        snprintf(fx.half[i], sizeof fx.half[i], "%s/h%d.vbk", dir, i);
        if (fmt_writer_open(&fx.w2[i], fx.half[i], NULL))
            return -1;
    }
    fmt_writer *w;
    if (fmt_writer_open(&w, fx.path, NULL))
        return -1;
    fx.which = 1;
    if (src_walk(docs, add, NULL, w) || src_walk("samples", add, NULL, w) ||
        fmt_writer_finish(w, NULL, 0) || fmt_writer_finish(fx.w2[0], NULL, 0) ||
        fmt_writer_finish(fx.w2[1], NULL, 0))
        return -1;
    return fmt_open(&fx.a, fx.path, NULL, 0) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    fmt_close(fx.a);
    return tl_rmrf(fx.dir);
}

/* Run text (flags: FMT_QUERY_TYPING) on fx.a; the results or NULL on a
 * parse error. */
static fmt_results *run(const char *text, int flags, int cases, int sort,
                        size_t limit)
{
    fmt_query *q;
    size_t pos;
    if (fmt_query_parse_flags(&q, text, flags, NULL, 0, &pos))
        return NULL;
    fmt_search_opts o = {0};
    o.cases = cases;
    o.sort = sort;
    o.limit = limit;
    o.facets = 1;
    fmt_results *r;
    assert_int_equal(fmt_search(fx.a, q, &o, &r), FMT_OK);
    fmt_query_free(q);
    return r;
}

static size_t count(const char *text, int flags)
{
    fmt_results *r = run(text, flags, 0, 0, 1);
    assert_non_null(r);
    size_t n = fmt_results_total(r);
    fmt_results_free(r);
    return n;
}

static int page_has(fmt_results *r, const char *id)
{
    fmt_summary s = {0};
    int found = 0;
    for (size_t i = 0; i < fmt_results_count(r); i++) {
        assert_int_equal(fmt_get_summary(fx.a, fmt_results_hits(r)[i].docno,
                                         &s), FMT_OK);
        found |= !strcmp(s.id, id);
    }
    fmt_summary_free(&s);
    return found;
}

/* Typing "n", "nu", "nuc", "nuct": the word being typed is a prefix from
 * two letters on, so the case about Nuctech shows from "nuc" on; typed
 * whole and followed by a space, only the word itself counts. */
static void typing_finds_prefixes(void **state)
{
    (void)state;
    assert_int_equal(count("nuc", 0), 0);
    const char *steps[] = {"nuc", "nuct", "nuctec", "nuctech"};
    for (size_t i = 0; i < 4; i++) {
        fmt_results *r = run(steps[i], FMT_QUERY_TYPING, 1, 0, 20);
        assert_non_null(r);
        assert_true(page_has(r, "2022Z01227"));
        fmt_results_free(r);
    }
    /* "douane" is also part of douanescanners: more found while typing */
    assert_true(count("douane", FMT_QUERY_TYPING) > count("douane", 0));
    /* a finished word (a space after it) is not a prefix any more */
    assert_int_equal(count("nuc ", FMT_QUERY_TYPING), 0);
    /* a word just begun after others is not searched for yet: the
     * others' hits stay while it is typed ("nuctech O" on the way to
     * "nuctech OR") */
    assert_int_equal(count("nuctech O", FMT_QUERY_TYPING), count("nuctech", 0));
    assert_int_equal(count("nuctech sc", FMT_QUERY_TYPING), count("nuctech", 0));
    /* only the last word is open: "nuc scanners" is nuc AND scanners */
    assert_int_equal(count("nuc scanners", FMT_QUERY_TYPING), 0);
    assert_true(count("scanners nuc", FMT_QUERY_TYPING) > 0);
    /* the word itself ranks above words it begins */
    fmt_results *r = run("nuctech", FMT_QUERY_TYPING, 0, 0, 5);
    assert_true(fmt_results_total(r) >= count("nuctech", 0));
    fmt_results_free(r);
}

/* OF, EN and NIET are the operators OR, AND and NOT; in lower case they
 * are words. */
static void dutch_operators(void **state)
{
    (void)state;
    const char *pairs[][2] = {
        {"stikstof OF visserij", "stikstof OR visserij"},
        {"minister EN vragen", "minister AND vragen"},
        {"minister NIET stikstof", "minister NOT stikstof"},
        {"(stikstof OF scanner) EN minister", "(stikstof OR scanner) minister"},
    };
    for (size_t i = 0; i < 4; i++) {
        size_t nl = count(pairs[i][0], 0);
        assert_true(nl > 0);
        assert_int_equal(nl, count(pairs[i][1], 0));
    }
    assert_true(count("stikstof OF visserij", 0) > count("stikstof", 0));
    assert_true(count("stikstof of visserij", 0) <= count("stikstof", 0));
}

/* Every case once: the page lists distinct cases, their matched documents
 * add up to the hits, the case count is that of distinct zaken among the
 * hits (documents without a zaak each their own), and facets count cases. */
static void cases_once(void **state)
{
    (void)state;
    const char *queries[] = {"", "minister", "vragen", "soort:antwoord",
                             "status:beantwoord"};
    for (size_t qi = 0; qi < 5; qi++) {
        fmt_results *docs = run(queries[qi], 0, 0, 0, 100000);
        fmt_results *cases = run(queries[qi], 0, 1, 0, 100000);
        size_t nd = fmt_results_total(docs), nc = fmt_results_cases(cases);
        assert_int_equal(fmt_results_total(cases), nd);
        assert_int_equal(fmt_results_count(cases), nc);
        /* brute force: distinct zaken of the hits */
        fmt_summary s = {0};
        char (*seen)[32] = calloc(nd + 1, sizeof *seen);
        size_t ns = 0, own = 0;
        for (size_t i = 0; i < nd; i++) {
            assert_int_equal(fmt_get_summary(fx.a, fmt_results_hits(docs)[i].docno,
                                             &s), FMT_OK);
            if (!s.zaak[0]) {
                own++;
                continue;
            }
            size_t j = 0;
            while (j < ns && strcmp(seen[j], s.zaak))
                j++;
            if (j == ns)
                snprintf(seen[ns++], sizeof seen[0], "%s", s.zaak);
        }
        assert_int_equal(nc, ns + own);
        size_t matched = 0;
        char (*listed)[32] = calloc(nc + 1, sizeof *listed);
        for (size_t i = 0; i < nc; i++) {
            const fmt_hit *h = &fmt_results_hits(cases)[i];
            matched += h->matched;
            assert_true(h->kinds != 0);
            assert_int_equal(fmt_get_summary(fx.a, h->docno, &s), FMT_OK);
            assert_true((h->kinds >> s.kind) & 1);
            if (s.zaak[0]) {
                for (size_t j = 0; j < i; j++)
                    assert_string_not_equal(listed[j], s.zaak);
                snprintf(listed[i], sizeof listed[0], "%s", s.zaak);
            }
        }
        assert_int_equal(matched, nd);
        /* facets per case: no value counts more cases than there are */
        size_t nf;
        const fmt_facet_count *fc = fmt_results_facet(cases, FMT_FACET_KIND, &nf);
        size_t sum = 0;
        for (size_t i = 0; i < nf; i++) {
            assert_true(fc[i].count <= nc);
            sum += fc[i].count;
        }
        assert_true(sum >= nc || nc == 0); /* each case has a kind */
        const int32_t *m;
        const uint32_t *mc;
        size_t nm = fmt_results_months(cases, &m, &mc), msum = 0;
        for (size_t i = 0; i < nm; i++)
            msum += mc[i];
        assert_int_equal(msum, nc);
        fmt_summary_free(&s);
        free(seen);
        free(listed);
        fmt_results_free(docs);
        fmt_results_free(cases);
    }
}

/* Sorting cases: newest first, oldest first. */
static void cases_sorted(void **state)
{
    (void)state;
    fmt_results *nw = run("minister", 0, 1, FMT_SORT_DATE, 1000);
    fmt_results *od = run("minister", 0, 1, FMT_SORT_OLD, 1000);
    size_t n = fmt_results_count(nw);
    assert_true(n > 10);
    assert_int_equal(n, fmt_results_count(od));
    for (size_t i = 1; i < n; i++) {
        assert_true(fmt_results_hits(nw)[i].docno < fmt_results_hits(nw)[i - 1].docno);
        assert_true(fmt_results_hits(od)[i].docno > fmt_results_hits(od)[i - 1].docno);
    }
    fmt_results_free(nw);
    fmt_results_free(od);
}

/* Statuses: every document of a zaak has the zaak's status; a zaak with an
 * answer here is answered (or late) whatever else is missing; a notice and
 * no answer is "notice"; neither is "open". */
static void statuses_tell_the_truth(void **state)
{
    (void)state;
    fmt_summary s = {0};
    uint32_t n = fmt_count(fx.a), zd[64];
    size_t seen[FMT_NSTATUS] = {0};
    for (uint32_t d = 0; d < n; d++) {
        assert_int_equal(fmt_get_summary(fx.a, d, &s), FMT_OK);
        if (!s.zaak[0]) {
            if (s.kind == FMT_ANSWER)
                assert_true(s.status == FMT_STATUS_ANSWERED ||
                            s.status == FMT_STATUS_LATE);
            continue;
        }
        char zaak[64];
        snprintf(zaak, sizeof zaak, "%s", s.zaak);
        int status = s.status;
        size_t nz;
        assert_int_equal(fmt_zaak_docs(fx.a, zaak, zd, 64, &nz), FMT_OK);
        int has[4] = {0};
        for (size_t i = 0; i < nz && i < 64; i++) {
            assert_int_equal(fmt_get_summary(fx.a, zd[i], &s), FMT_OK);
            assert_int_equal(s.status, status);
            has[s.kind] = 1;
        }
        if (status == FMT_STATUS_WITHDRAWN)
            continue;
        seen[status]++;
        if (has[FMT_ANSWER])
            assert_true(status == FMT_STATUS_ANSWERED || status == FMT_STATUS_LATE);
        else if (has[FMT_NOTICE])
            assert_int_equal(status, FMT_STATUS_NOTICE);
        else
            assert_int_equal(status, FMT_STATUS_OPEN);
    }
    /* the generated corpus has each kind of case */
    assert_true(seen[FMT_STATUS_OPEN] && seen[FMT_STATUS_NOTICE] &&
                (seen[FMT_STATUS_ANSWERED] || seen[FMT_STATUS_LATE]));
    assert_string_equal(fmt_status_name(FMT_STATUS_NOTICE), "notice");
    assert_int_equal(count("status:uitstel", 0), count("status:notice", 0));
    assert_true(count("status:uitstel", 0) > 0);
    fmt_summary_free(&s);
}

/* A library of two archives, questions in one and answers and notices in
 * the other: each case is listed once, with both kinds matched, and the
 * case count is the one archive's. */
static void library_case_once(void **state)
{
    (void)state;
    fmt_archive *a[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(fmt_open(&a[i], fx.half[i], NULL, 0), FMT_OK);
    fmt_library *l;
    assert_int_equal(fmt_library_open(&l, a, 2, NULL, 0), FMT_OK);
    const char *queries[] = {"", "minister", "vragen"};
    for (size_t qi = 0; qi < 3; qi++) {
        fmt_query *q;
        size_t pos;
        assert_int_equal(fmt_query_parse(&q, queries[qi], NULL, 0, &pos), FMT_OK);
        fmt_search_opts o = {0};
        o.cases = 1;
        o.limit = 100000;
        fmt_lresults *lr;
        fmt_results *one;
        assert_int_equal(fmt_library_search(l, q, &o, &lr, NULL), FMT_OK);
        assert_int_equal(fmt_search(fx.a, q, &o, &one), FMT_OK);
        size_t n;
        const fmt_lhit *h = fmt_lresults_hits(lr, &n);
        assert_int_equal(fmt_lresults_cases(lr), fmt_results_cases(one));
        assert_int_equal(n, fmt_results_cases(one));
        assert_int_equal(fmt_lresults_total(lr), fmt_results_total(one));
        size_t matched = 0;
        for (size_t i = 0; i < n; i++)
            matched += h[i].matched;
        assert_int_equal(matched, fmt_results_total(one));
        fmt_results_free(one);
        fmt_lresults_free(lr);
        fmt_query_free(q);
    }
    fmt_library_close(l);
    fmt_close(a[0]);
    fmt_close(a[1]);
}

int main(void)
{
    fmt_guard_start(); /* as the programs do */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typing_finds_prefixes),
        cmocka_unit_test(dutch_operators),
        cmocka_unit_test(cases_once),
        cmocka_unit_test(cases_sorted),
        cmocka_unit_test(statuses_tell_the_truth),
        cmocka_unit_test(library_case_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
