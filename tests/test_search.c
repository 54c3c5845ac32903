/* test_search.c - search against the truth: on a generated corpus, every
 * query of a set finds exactly the documents a brute-force scan of the
 * texts finds; ranking puts a subject match above a footnote mention;
 * snippets contain the matched words; suggestions and "did you mean";
 * phrases whose rare words keep no positions (format 7, read off the
 * texts) answer as when every word keeps them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "format.h"
#include "internal.h"
#include "query.h"
#include "search.h"
#include "source.h"
#include "tdict.h"
#include "testlib.h"
#include "token.h"

#define NDOCS 400

typedef struct {
    char dir[128], path[160];
    fmt_archive *a;
    fmt_tokenizer *tok;
} fixture;

static fixture fx;

/* ---- packing a generated corpus -------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    char docs[200];
    if (tl_tmpdir(fx.dir, sizeof fx.dir, "vbsearch"))
        return -1;
    snprintf(docs, sizeof docs, "%s/docs", fx.dir);
    snprintf(fx.path, sizeof fx.path, "%s/a.vbk", fx.dir);
    const char *sources[] = {docs, "samples", NULL};
    if (tl_gen(docs, NDOCS, 7) || tl_pack(fx.path, sources, NULL))
        return -1;
    fx.tok = fmt_tok_new();
    return fmt_open(&fx.a, fx.path, NULL, 0) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    fmt_close(fx.a);
    fmt_tok_free(fx.tok);
    return tl_rmrf(fx.dir);
}

/* ---- the brute-force evaluator ------------------------------------------------ */

typedef struct {
    char (*fold)[FMT_TOKMAX + 1];
    uint32_t *pos;
    size_t n;
} toks;

static void tokenize(const char *text, size_t len, toks *t)
{
    fmt_token k;
    size_t cap = 64;
    t->n = 0;
    t->fold = malloc(cap * sizeof *t->fold);
    t->pos = malloc(cap * sizeof *t->pos);
    fmt_tok_start(fx.tok, text, len);
    while (fmt_tok_next(fx.tok, &k)) {
        if (t->n == cap) {
            cap *= 2;
            t->fold = realloc(t->fold, cap * sizeof *t->fold);
            t->pos = realloc(t->pos, cap * sizeof *t->pos);
        }
        memcpy(t->fold[t->n], k.fold, k.foldlen + 1);
        t->pos[t->n++] = k.pos;
    }
}

static int stem_eq(const char *fold, const char *stem)
{
    char s[FMT_TOKMAX + 1];
    fmt_stem(fx.tok, fold, strlen(fold), s, sizeof s);
    return !strcmp(s, stem);
}

static int has_at(const toks *t, const char *w, uint32_t pos)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->pos[i] == pos && !strcmp(t->fold[i], w))
            return 1;
    return 0;
}

/* Does the document (its tokens, its parsed fields) match q? */
static int matches(const qnode *q, const toks *t, const fmt_doc *d)
{
    switch (q->type) {
    case Q_ALL:
        return 1;
    case Q_TERM:
        for (size_t i = 0; i < t->n; i++)
            if (!strcmp(t->fold[i], q->word) || stem_eq(t->fold[i], q->stem))
                return 1;
        return 0;
    case Q_PREFIX:
        for (size_t i = 0; i < t->n; i++)
            if (!strncmp(t->fold[i], q->word, strlen(q->word)))
                return 1;
        return 0;
    case Q_PHRASE: /* next word at the next position, or the same (parts),
                      but not the same word twice at one position */
        for (size_t i = 0; i < t->n; i++) {
            if (strcmp(t->fold[i], q->words[0]))
                continue;
            uint32_t at = t->pos[i];
            size_t k = 1, run = 0; /* run: the first word matched at `at` */
            for (; k < q->nwords; k++) {
                int again = 0;
                for (size_t j = run; j < k; j++)
                    again |= !strcmp(q->words[j], q->words[k]);
                if (has_at(t, q->words[k], at + 1)) {
                    at++;
                    run = k;
                } else if (again || !has_at(t, q->words[k], at))
                    break;
            }
            if (k == q->nwords)
                return 1;
        }
        return 0;
    case Q_FIELD: {
        int32_t date = fmt_doc_date(d);
        char f[FMT_TOKMAX + 1];
        switch (q->field) {
        case QF_PARTY:
            for (size_t i = 0; i < d->nmembers; i++)
                if (d->members[i].party &&
                    (fmt_fold(fx.tok, d->members[i].party,
                              strlen(d->members[i].party), f, sizeof f),
                     !strcmp(f, q->value)))
                    return 1;
            return 0;
        case QF_KIND:
            return d->kind == q->ival;
        case QF_YEAR:
        case QF_DATE:
            return date >= q->from && date <= q->to;
        default:
            fail_msg("field %d not in the brute-force set", q->field);
        }
        return 0;
    }
    case Q_AND:
        for (size_t i = 0; i < q->nkids; i++) {
            const qnode *k = q->kids[i];
            int m = k->type == Q_NOT ? !matches(k->kids[0], t, d)
                                     : matches(k, t, d);
            if (!m)
                return 0;
        }
        return 1;
    case Q_OR:
        for (size_t i = 0; i < q->nkids; i++)
            if (matches(q->kids[i], t, d))
                return 1;
        return 0;
    case Q_NOT:
        return !matches(q->kids[0], t, d);
    }
    return 0;
}

static void equals_brute_force(void **state)
{
    (void)state;
    static const char *const queries[] = {
        "minister", "politie", "gaswinning", "scanner", "vaccinatie",
        "geinstalleerd", "nuctech", "de", "bereid",
        "politie onderzoek", "gaswinning aardbeving", "minister bereid kamer",
        "\"openbaar ministerie\"", "\"bent u bereid\"", "\"tweede kamer\"",
        "\"nuctech apparatuur\"",
        "\"gelijk speelveld\"",
        /* phrases of common words (each way of matching a word's positions:
         * few starts, few positions, as many of each), repeated words,
         * and phrases inside AND, OR and NOT */
        "\"van de\"", "\"de minister van\"", "\"deelt u de mening dat\"",
        "\"is het waar dat\"", "\"op de hoogte\"", "\"in de\"",
        "\"de de\"", "\"van van\"", "\"de van de\"",
        "gaswinning \"van de\"", "\"van de\" politie -\"de minister\"",
        "\"de minister\" OR \"op de hoogte\"", "\"van de\" jaar:2015",
        "zorg* \"van de\"", "(gaswinning OR politie) \"de minister\"",
        "aanbested*", "zorg*", "vacc*",
        "gaswinning OR aardbeving", "politie -onderzoek",
        "minister NOT politie", "(gaswinning OR politie) bereid",
        "partij:VVD", "partij:CDA politie", "jaar:2015", "jaar:2010..2012 zorg*",
        "datum:2020-01..2020-06", "soort:antwoord", "soort:mededeling",
        "soort:vraag|mededeling minister", "xyzzyq",
    };
    uint32_t n = fmt_count(fx.a);
    assert_true(n > NDOCS);
    fmt_doc d = {0};
    toks *all = calloc(n, sizeof *all);
    fmt_doc *docs = calloc(n, sizeof *docs);
    for (uint32_t i = 0; i < n; i++) {
        assert_int_equal(fmt_get(fx.a, i, &docs[i]), FMT_OK);
        tokenize(docs[i].text, docs[i].len, &all[i]);
    }
    for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
        fmt_query *q;
        char err[200];
        size_t pos;
        assert_int_equal(fmt_query_parse(&q, queries[k], err, sizeof err, &pos),
                         FMT_OK);
        fmt_search_opts o = {0};
        o.limit = n;
        fmt_results *r;
        assert_int_equal(fmt_search(fx.a, q, &o, &r), FMT_OK);
        char *got = calloc(n, 1);
        for (size_t i = 0; i < fmt_results_count(r); i++)
            got[fmt_results_hits(r)[i].docno] = 1;
        size_t want = 0, diff = 0;
        for (uint32_t i = 0; i < n; i++) {
            int m = matches(q->root, &all[i], &docs[i]);
            want += m;
            if (m != got[i] && diff++ < 3)
                print_error("%s: document %s %s\n", queries[k], docs[i].id,
                            m ? "missing" : "found but does not match");
        }
        if (diff || want != fmt_results_total(r))
            fail_msg("%s: %zu hits, brute force %zu, %zu differ", queries[k],
                     fmt_results_total(r), want, diff);
        free(got);
        fmt_results_free(r);
        fmt_query_free(q);
    }
    for (uint32_t i = 0; i < n; i++) {
        free(all[i].fold);
        free(all[i].pos);
        fmt_doc_free(&docs[i]);
    }
    free(all);
    free(docs);
    fmt_doc_free(&d);
}

/* The reference question is about Nuctech in its subject; a document that
 * names a word once in a footnote must rank below one about it. */
static void subject_above_footnote(void **state)
{
    (void)state;
    fmt_query *q;
    char err[100];
    size_t pos;
    /* "douanescanners" is in 2022Z01227's subject and footnotes */
    assert_int_equal(fmt_query_parse(&q, "douanescanners", err, sizeof err, &pos),
                     FMT_OK);
    fmt_results *r;
    fmt_search_opts o = {0};
    assert_int_equal(fmt_search(fx.a, q, &o, &r), FMT_OK);
    assert_true(fmt_results_count(r) >= 1);
    fmt_summary s = {0};
    assert_int_equal(fmt_get_summary(fx.a, fmt_results_hits(r)[0].docno, &s),
                     FMT_OK);
    assert_string_equal(s.id, "2022Z01227");
    fmt_results_free(r);
    fmt_query_free(q);
    /* every hit of a word found in subjects ranks subject hits first */
    assert_int_equal(fmt_query_parse(&q, "gaswinning", err, sizeof err, &pos),
                     FMT_OK);
    o.limit = 1000;
    assert_int_equal(fmt_search(fx.a, q, &o, &r), FMT_OK);
    int seen_body_only = 0;
    for (size_t i = 0; i < fmt_results_count(r); i++) {
        assert_int_equal(fmt_get_summary(fx.a, fmt_results_hits(r)[i].docno, &s),
                         FMT_OK);
        char f[512];
        fmt_fold(fx.tok, s.subject, strlen(s.subject), f, sizeof f);
        int in_subject = strstr(f, "gaswinning") != NULL;
        if (!in_subject)
            seen_body_only = 1;
        else if (seen_body_only)
            fail_msg("%s has gaswinning in its subject but ranks below a "
                     "document without", s.id);
    }
    fmt_summary_free(&s);
    fmt_results_free(r);
    fmt_query_free(q);
}

static void snippets_hold_the_words(void **state)
{
    (void)state;
    static const char *const queries[] = {"politie", "geïnstalleerd",
                                          "\"openbaar ministerie\"", "vacc*",
                                          "nuctech douanescanners"};
    for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
        fmt_query *q;
        char err[100];
        size_t pos;
        assert_int_equal(fmt_query_parse(&q, queries[k], err, sizeof err, &pos),
                         FMT_OK);
        fmt_results *r;
        assert_int_equal(fmt_search(fx.a, q, NULL, &r), FMT_OK);
        assert_true(fmt_results_count(r) > 0);
        for (size_t i = 0; i < fmt_results_count(r); i++) {
            fmt_buf out = {0};
            fmt_span hl[32];
            size_t nhl;
            assert_int_equal(fmt_snippet(fx.a, q, fmt_results_hits(r)[i].docno,
                                         240, &out, hl, 32, &nhl),
                             FMT_OK);
            if (nhl == 0)
                fail_msg("%s: a snippet without a marked word: %s", queries[k],
                         out.data);
            for (size_t j = 0; j < nhl; j++) {
                assert_true(hl[j].off + hl[j].len <= out.len);
                char f[256];
                fmt_fold(fx.tok, out.data + hl[j].off, hl[j].len, f, sizeof f);
                assert_true(f[0] != 0);
            }
            fmt_buf_free(&out);
        }
        fmt_results_free(r);
        fmt_query_free(q);
    }
}

static void suggest_and_did_you_mean(void **state)
{
    (void)state;
    char *w[10];
    size_t n;
    assert_int_equal(fmt_suggest(fx.a, "Pol", w, 10, &n), FMT_OK);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        assert_memory_equal(w[i], "pol", 3);
        free(w[i]);
    }
    fmt_buf b = {0};
    assert_int_equal(fmt_didyoumean(fx.a, "polittie", &b), FMT_OK);
    assert_string_equal(b.data, "politie");
    assert_int_equal(fmt_didyoumean(fx.a, "qqqqqqqqqq", &b), FMT_NOTFOUND);
    fmt_buf_free(&b);
}

static void facets_add_up(void **state)
{
    (void)state;
    fmt_query *q;
    char err[100];
    size_t pos;
    assert_int_equal(fmt_query_parse(&q, "minister", err, sizeof err, &pos),
                     FMT_OK);
    fmt_search_opts o = {0};
    o.facets = 1;
    fmt_results *r;
    assert_int_equal(fmt_search(fx.a, q, &o, &r), FMT_OK);
    size_t nk, ny, total = 0;
    const fmt_facet_count *k = fmt_results_facet(r, FMT_FACET_KIND, &nk);
    for (size_t i = 0; i < nk; i++)
        total += k[i].count;
    assert_int_equal(total, fmt_results_total(r));
    const fmt_facet_count *y = fmt_results_facet(r, FMT_FACET_YEAR, &ny);
    assert_true(ny > 5);
    total = 0;
    for (size_t i = 0; i < ny; i++)
        total += y[i].count;
    assert_int_equal(total, fmt_results_total(r));
    const int32_t *months;
    const uint32_t *counts;
    size_t nm = fmt_results_months(r, &months, &counts);
    total = 0;
    for (size_t i = 0; i < nm; i++) {
        total += counts[i];
        if (i)
            assert_true(months[i] > months[i - 1]);
    }
    assert_int_equal(total, fmt_results_total(r));
    fmt_results_free(r);
    fmt_query_free(q);
}

/* Phrases on documents made for them: the hits are exactly the ones
 * named (ids 2099Z000NN by the last two digits), and a document with a
 * phrase twice ranks above one of the same length with it once. */
static const char *const phrase_docs[] = {
    /* 01 */ "Over de zaak\n\nWij spraken over de de facto situatie.\n",
    /* 02 */ "Over de zaak\n\nDit is de vraag van de minister.\n",
    /* 03 */ "Over de zaak\n\nDe Nuctech-apparatuur staat in de haven.\n",
    /* 04 */ "Over de zaak\n\nNuctech levert scanners aan de douane.\n",
    /* 05 */ "Over katten\n\nZij zag de de de kat.\n",
    /* 06 */ "Over katten\n\nZij zag de de een kat.\n",
    /* 07 */ "Over de zaak\n\nDe motie-De Graaf over de apparatuur.\n",
    /* the ways a word's positions are matched, by how many there are of
     * each (search.c, phrase_step_*): as many starts as positions (08),
     * few starts (09), few positions (10) */
    /* 08 */ "Moties\n\nDe motie-De Graaf en de motie van Jansen.\n",
    /* 09 */ "Moties\n\nDe motie-De Graaf. Motie motie motie motie motie "
             "motie motie motie.\n",
    /* 10 */ "Over het\n\nde de de de de de de de de de-nuctech nuctech "
             "scanners\n",
};

static void phrase_expect(fmt_archive *a, const char *query, const char *want)
{
    fmt_query *q;
    char err[200];
    size_t pos;
    assert_int_equal(fmt_query_parse(&q, query, err, sizeof err, &pos), FMT_OK);
    fmt_search_opts o = {0};
    o.limit = 100;
    fmt_results *r;
    assert_int_equal(fmt_search(a, q, &o, &r), FMT_OK);
    char got[64] = "";
    int seen[100] = {0};
    fmt_summary s = {0};
    for (size_t i = 0; i < fmt_results_count(r); i++) {
        assert_int_equal(fmt_get_summary(a, fmt_results_hits(r)[i].docno, &s),
                         FMT_OK);
        seen[atoi(s.id + 8) % 100] = 1;
    }
    for (int i = 0; i < 100; i++)
        if (seen[i])
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%02d",
                     got[0] ? " " : "", i);
    if (strcmp(got, want))
        fail_msg("%s: hits \"%s\", want \"%s\"", query, got, want);
    assert_int_equal(fmt_results_total(r), fmt_results_count(r));
    fmt_summary_free(&s);
    fmt_results_free(r);
    fmt_query_free(q);
}

static void phrases_by_hand(void **state)
{
    (void)state;
    char dir[128], docs[160], path[200];
    assert_int_equal(tl_tmpdir(dir, sizeof dir, "vbphrase"), 0);
    snprintf(docs, sizeof docs, "%s/docs", dir);
    assert_int_equal(mkdir(docs, 0755), 0);
    for (size_t i = 0; i < sizeof phrase_docs / sizeof *phrase_docs; i++) {
        snprintf(path, sizeof path, "%s/2099Z%05zu.txt", docs, i + 1);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(phrase_docs[i], f);
        assert_int_equal(fclose(f), 0);
    }
    snprintf(path, sizeof path, "%s/a.vbk", dir);
    const char *sources[] = {docs, NULL};
    assert_int_equal(tl_pack(path, sources, NULL), 0);
    fmt_archive *a;
    assert_int_equal(fmt_open(&a, path, NULL, 0), FMT_OK);
    /* a repeated word: two tokens, one after the other, never one token
     * twice (02 has de twice, apart); in 07 the second de is a part of
     * the compound after the first */
    phrase_expect(a, "\"de de\"", "01 05 06 07 08 09 10");
    phrase_expect(a, "\"de de de\"", "05 10");
    phrase_expect(a, "\"de de kat\"", "05");
    phrase_expect(a, "\"zag de de de\"", "05");
    phrase_expect(a, "\"zag de de de de\"", "");
    /* the parts of a compound share its position */
    phrase_expect(a, "\"nuctech apparatuur\"", "03");
    phrase_expect(a, "\"de nuctech apparatuur staat\"", "03");
    /* a word after the compound's first part, equal to the word before
     * it: one after the other, each way of matching (07 08 09) */
    phrase_expect(a, "\"de motie de graaf\"", "07 08 09");
    phrase_expect(a, "\"de motie de\"", "07 08 09");
    /* a word at a start's position and the next: it moves on (10) */
    phrase_expect(a, "\"de nuctech scanners\"", "10");
    /* the words are there, in other documents or apart */
    phrase_expect(a, "\"haven scanners\"", "");
    phrase_expect(a, "\"apparatuur scanners\"", "");
    phrase_expect(a, "\"minister van\"", "");
    phrase_expect(a, "\"van de\"", "02");
    /* inside AND, OR and NOT */
    phrase_expect(a, "\"de de\" kat", "05 06");
    phrase_expect(a, "\"de de\" facto", "01");
    phrase_expect(a, "zaak \"van de\"", "02");
    phrase_expect(a, "\"de de\" OR \"nuctech apparatuur\"",
                  "01 03 05 06 07 08 09 10");
    phrase_expect(a, "zaak -\"de de\"", "02 03 04");
    phrase_expect(a, "\"de de\" -\"de de de\"", "01 06 07 08 09");
    phrase_expect(a, "(\"de de\" OR scanners) -kat", "01 04 07 08 09 10");
    /* "de de" twice in 05 (two starts), once in 06, same length */
    fmt_query *q;
    char err[200];
    size_t pos;
    assert_int_equal(fmt_query_parse(&q, "\"de de\" kat", err, sizeof err, &pos),
                     FMT_OK);
    fmt_results *r;
    assert_int_equal(fmt_search(a, q, NULL, &r), FMT_OK);
    assert_int_equal(fmt_results_count(r), 2);
    fmt_summary s = {0};
    assert_int_equal(fmt_get_summary(a, fmt_results_hits(r)[0].docno, &s), FMT_OK);
    assert_string_equal(s.id, "2099Z00005");
    assert_true(fmt_results_hits(r)[0].score > fmt_results_hits(r)[1].score);
    fmt_summary_free(&s);
    fmt_results_free(r);
    fmt_query_free(q);
    fmt_close(a);
    assert_int_equal(tl_rmrf(dir), 0);
}

/* Decoding only the documents of a list that are in a wanted set (what an
 * AND does for its later words) gives exactly the intersection, for
 * wanted sets sparse and dense, at block edges, and before and after the
 * list; a damaged block it reads is refused. */
static void postings_in(void **state)
{
    (void)state;
    vb_plist l = {0}, got = {0};
    uint32_t ndocs = 5000;
    for (uint32_t d = 0; d < ndocs; d += 1 + d % 7)
        assert_int_equal(postings_list_push(&l, d, (d % 5) << 1 | (d & 1)), FMT_OK);
    fmt_buf enc = {0};
    assert_int_equal(postings_encode(&l, NULL, &enc), FMT_OK);
    uint32_t want[6000];
    unsigned seed = 7;
    for (int round = 0; round < 40; round++) {
        size_t nw = 0;
        uint32_t step = 1 + (uint32_t)round * round;
        for (uint32_t d = (uint32_t)round % 3; d < ndocs + 10 && nw < 6000; d += step) {
            seed = seed * 1103515245u + 12345u;
            if (round % 2 || seed % 3)
                want[nw++] = d;
        }
        if (round == 39) { /* exactly the first and last document of each block */
            nw = 0;
            for (size_t i = 0; i < l.n; i += 128) {
                want[nw++] = l.docs[i];
                if (i + 127 < l.n)
                    want[nw++] = l.docs[i + 127];
            }
        }
        assert_int_equal(postings_decode_in((unsigned char *)enc.data,
                                            enc.len, &got, ndocs + 10,
                                            want, nw), FMT_OK);
        size_t k = 0, j = 0;
        for (size_t i = 0; i < l.n; i++) {
            while (j < nw && want[j] < l.docs[i])
                j++;
            if (j < nw && want[j] == l.docs[i]) {
                assert_true(k < got.n);
                assert_int_equal(got.docs[k], l.docs[i]);
                assert_int_equal(got.tfs[k], l.tfs[i]);
                k++;
            }
        }
        assert_int_equal(k, got.n);
    }
    /* a document number past the archive in a block that is read */
    assert_int_equal(postings_decode_in((unsigned char *)enc.data, enc.len,
                                        &got, 100, want, 1), FMT_CORRUPT);
    fmt_buf_free(&enc);
    postings_list_free(&l);
    postings_list_free(&got);
}

/* ---- phrases of words without positions ----------------------------------- */

/* a's meta posdf as a number, -1 when absent */
static long meta_posdf(fmt_archive *a)
{
    const unsigned char *v;
    size_t n;
    char b[24];
    if (store_get(a, a->meta, "posdf", 5, &v, &n) || n == 0 || n >= sizeof b)
        return -1;
    memcpy(b, v, n);
    b[n] = 0;
    return strtol(b, NULL, 10);
}

/* The same query on x and y gives the same answer: the total, every hit
 * with its score, and the first hits' snippets. 1 when it has hits. */
static int same_answer(fmt_archive *x, fmt_archive *y, const char *query)
{
    fmt_query *q;
    char err[200];
    size_t ep;
    if (fmt_query_parse(&q, query, err, sizeof err, &ep) != FMT_OK)
        return 0;
    fmt_search_opts o = {0};
    o.limit = 100000;
    o.facets = 1;
    fmt_results *rx, *ry;
    if (fmt_search(x, q, &o, &rx) != FMT_OK)
        fail_msg("%s: %s", query, fmt_errmsg(x));
    assert_int_equal(fmt_search(y, q, &o, &ry), FMT_OK);
    size_t n = fmt_results_count(rx);
    if (fmt_results_total(rx) != fmt_results_total(ry) || n != fmt_results_count(ry))
        fail_msg("%s: %zu hits, with every position %zu", query,
                 fmt_results_total(rx), fmt_results_total(ry));
    const fmt_hit *hx = fmt_results_hits(rx), *hy = fmt_results_hits(ry);
    for (size_t i = 0; i < n; i++)
        if (hx[i].docno != hy[i].docno || memcmp(&hx[i].score, &hy[i].score,
                                                 sizeof hx[i].score))
            fail_msg("%s: hit %zu is document %u (%g), with every position %u (%g)",
                     query, i, hx[i].docno, (double)hx[i].score, hy[i].docno,
                     (double)hy[i].score);
    for (size_t i = 0; i < n && i < 5; i++) {
        fmt_buf bx = {0}, by = {0};
        fmt_span lx[32], ly[32];
        size_t nx, ny;
        /* a whole record read on both first: a snippet goes on inflating
         * where the handle's last snippet of the document stopped (its
         * OR passage is the best of what is out), and x's phrases read
         * whole texts on their handle, y's do not */
        fmt_doc d = {0};
        assert_int_equal(fmt_get(x, hx[i].docno, &d), FMT_OK);
        assert_int_equal(fmt_get(y, hy[i].docno, &d), FMT_OK);
        fmt_doc_free(&d);
        assert_int_equal(fmt_snippet(x, q, hx[i].docno, 240, &bx, lx, 32, &nx), FMT_OK);
        assert_int_equal(fmt_snippet(y, q, hy[i].docno, 240, &by, ly, 32, &ny), FMT_OK);
        if (bx.len != by.len || memcmp(bx.data, by.data, bx.len))
            fail_msg("%s: document %u: snippet \"%s\", with every position \"%s\"",
                     query, hx[i].docno, bx.data, by.data);
        assert_int_equal(nx, ny);
        assert_memory_equal(lx, ly, nx * sizeof *lx);
        fmt_buf_free(&bx);
        fmt_buf_free(&by);
    }
    fmt_results_free(rx);
    fmt_results_free(ry);
    fmt_query_free(q);
    return n > 0;
}

/* Whether a word of phrase query `query` is in fewer than posdf of a's
 * documents (its positions read off the texts). */
static int has_rare_word(fmt_archive *a, const char *query, long posdf)
{
    fmt_query *q;
    char err[200];
    size_t ep;
    int rare = 0;
    if (fmt_query_parse(&q, query, err, sizeof err, &ep) != FMT_OK)
        return 0;
    const qnode *n = q->root;
    for (size_t k = 0; n->type == Q_PHRASE && k < n->nwords; k++) {
        tdict_iter it;
        if (!tdict_lookup(a, n->words[k], strlen(n->words[k]), &it))
            rare |= it.df < (uint64_t)posdf;
    }
    fmt_query_free(q);
    return rare;
}

/* Format 7 keeps no positions of a word in fewer than posdf documents;
 * a phrase holding one reads them off the texts of the documents holding
 * every word. Packed again with every position (VBPACK_POSDF=0), the
 * same sources answer every phrase alike: phrases cut from the texts
 * (rare words, common ones, numbers, compounds), fixed ones, inside AND,
 * OR and NOT and with filters: the same hits, scores and snippets. */
static void phrases_read_off_texts(void **state)
{
    (void)state;
    char docs[200], pa[200], pb[200];
    snprintf(docs, sizeof docs, "%s/docs", fx.dir);
    snprintf(pa, sizeof pa, "%s/rare.vbk", fx.dir);
    snprintf(pb, sizeof pb, "%s/all.vbk", fx.dir);
    const char *sources[] = {docs, "samples", "tests/data", NULL};
    assert_int_equal(tl_pack(pa, sources, NULL), 0);
    assert_int_equal(setenv("VBPACK_POSDF", "0", 1), 0);
    int packed = tl_pack(pb, sources, NULL);
    unsetenv("VBPACK_POSDF");
    assert_int_equal(packed, 0);
    fmt_archive *x, *y;
    assert_int_equal(fmt_open(&x, pa, NULL, 0), FMT_OK);
    assert_int_equal(fmt_open(&y, pb, NULL, 0), FMT_OK);
    long posdf = meta_posdf(x);
    assert_int_equal(posdf, 64); /* index.c INDEX_POSDF */
    assert_int_equal(meta_posdf(y), 0);
    fmt_sizes sx, sy;
    assert_int_equal(fmt_get_sizes(x, &sx), FMT_OK);
    assert_int_equal(fmt_get_sizes(y, &sy), FMT_OK);
    assert_true(sx.positions < sy.positions * 3 / 4);
    assert_true(sx.postings <= sy.postings); /* no positions: no lengths */

    static const char *const fixed[] = {
        "\"nuctech apparatuur\"", "\"nuctech-apparatuur\"", "\"openbaar ministerie\"",
        "\"douanescanners van nuctech\"", "\"bent u bereid\"", "\"van de\"",
        "\"de minister van\"", "\"tweede kamer\"", "\"gelijk speelveld\"",
        "nuctech \"van de\"", "\"nuctech apparatuur\" OR \"openbaar ministerie\"",
        "\"van de\" -\"nuctech apparatuur\"", "\"nuctech apparatuur\" jaar:2022",
        "\"nuctech apparatuur\" soort:vraag", "\"de de\"", "\"van van de\"",
    };
    size_t answered = 0, rare = 0, tried = 0;
    for (size_t k = 0; k < sizeof fixed / sizeof *fixed; k++)
        answered += same_answer(x, y, fixed[k]);
    /* phrases cut from the texts: 2 to 4 tokens, every few tokens */
    uint32_t n = fmt_count(x);
    fmt_doc d = {0};
    static const char *const around[] = {"%s", "%s minister", "%s OR \"van de\"",
                                         "politie -%s", "%s jaar:2015..2023",
                                         "soort:antwoord %s", "(%s OR gaswinning) de"};
    for (uint32_t i = 0; i < n; i += 8) {
        assert_int_equal(fmt_get(x, i, &d), FMT_OK);
        fmt_token t;
        uint32_t off[4], end[4];
        size_t nt = 0, seen = 0;
        fmt_tok_start(fx.tok, d.text, d.len);
        while (fmt_tok_next(fx.tok, &t)) {
            if (t.flags & FMT_TOK_PART)
                continue;
            if (memchr(d.text + t.off, '"', t.len) || t.len > 60) {
                nt = 0;
                continue;
            }
            off[nt % 4] = t.off;
            end[nt % 4] = t.off + t.len;
            nt++;
            size_t len = 2 + (seen + i) % 3; /* 2, 3 or 4 tokens */
            if (nt < len || ++seen % 37)
                continue;
            char ph[600], query[700];
            size_t pl = 0;
            ph[pl++] = '"';
            for (size_t j = nt - len; j < nt; j++) {
                size_t tl = end[j % 4] - off[j % 4];
                memcpy(ph + pl, d.text + off[j % 4], tl);
                pl += tl;
                ph[pl++] = j + 1 < nt ? ' ' : '"';
            }
            ph[pl] = 0;
            snprintf(query, sizeof query, around[tried % 7], ph);
            tried++;
            rare += has_rare_word(x, query, posdf);
            answered += same_answer(x, y, query);
        }
    }
    print_message("%zu phrase queries, %zu with a word below posdf, %zu answered\n",
                  tried, rare, answered);
    assert_true(tried > 300 && rare > 50 && answered > 200);
    fmt_doc_free(&d);
    fmt_close(x);
    fmt_close(y);
}

/* Archive path with meta posdf set to value (its sum made good again),
 * as a hostile or damaged file could have it. */
static void set_posdf(const char *path, const char *value)
{
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi meta;
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(mdb_env_create(&env), 0);
    assert_int_equal(mdb_env_set_maxdbs(env, 16), 0);
    assert_int_equal(mdb_env_set_mapsize(env, (size_t)st.st_size * 2 + (1u << 20)), 0);
    assert_int_equal(mdb_env_open(env, path, MDB_NOSUBDIR | MDB_NOLOCK, 0644), 0);
    assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
    assert_int_equal(mdb_dbi_open(txn, "meta", 0, &meta), 0);
    MDB_val k = {5, (void *)"posdf"}, v = {strlen(value), (void *)value};
    assert_int_equal(mdb_put(txn, meta, &k, &v, 0), 0);
    uint32_t sum;
    unsigned char be[4];
    assert_int_equal(store_meta_sum(txn, meta, &sum), FMT_OK);
    vb_put_be32(be, sum);
    MDB_val sk = {3, (void *)"sum"}, sv = {4, be};
    assert_int_equal(mdb_put(txn, meta, &sk, &sv, 0), 0);
    assert_int_equal(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
}


/* A phrase query's answer on path: FMT_OK with its total, or the error
 * (whose message must name the file). */
static int phrase_on(const char *path, const char *query, size_t *total)
{
    fmt_archive *a;
    fmt_query *q;
    char err[200];
    size_t ep;
    fmt_results *r;
    assert_int_equal(fmt_open(&a, path, NULL, 0), FMT_OK);
    assert_int_equal(fmt_query_parse(&q, query, err, sizeof err, &ep), FMT_OK);
    int rc = fmt_search(a, q, NULL, &r);
    if (!rc) {
        *total = fmt_results_total(r);
        fmt_results_free(r);
    } else
        assert_non_null(strstr(fmt_errmsg(a), path));
    fmt_query_free(q);
    fmt_close(a);
    return rc;
}

/* A list without positions where meta posdf wants them, or with them
 * where it wants none, or a posdf that is not a number: verify names
 * the word (the value), a phrase on it fails with a message, never
 * reads what is not there. */
static void posdf_damage(void **state)
{
    (void)state;
    char src[200], path[200], cmd[500];
    snprintf(src, sizeof src, "%s/rare.vbk", fx.dir); /* phrases_read_off_texts */
    snprintf(path, sizeof path, "%s/posdf.vbk", fx.dir);
    static const struct {
        const char *posdf, *want, *phrase;
    } cases[] = {
        {"0", "index entry 'nuctech' damaged", "\"nuctech apparatuur\""},
        {"4000000000", "index entry 'minister' damaged", "\"minister voor\""},
        {"6x", "meta value 'posdf' damaged", "\"nuctech apparatuur\""},
        {"", "meta value 'posdf' damaged", "\"minister voor\""},
    };
    size_t total;
    assert_int_equal(phrase_on(src, "\"nuctech apparatuur\"", &total), FMT_OK);
    assert_true(total > 0);
    assert_int_equal(phrase_on(src, "\"minister voor\"", &total), FMT_OK);
    assert_true(total > 0);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(cmd, sizeof cmd, "cp '%s' '%s'", src, path);
        assert_int_equal(system(cmd), 0);
        set_posdf(path, cases[i].posdf);
        fmt_archive *a;
        assert_int_equal(fmt_open(&a, path, NULL, 0), FMT_OK);
        tl_wanted w = {0, cases[i].want, 0};
        assert_int_equal(fmt_verify_all(a, NULL, 0, tl_look_for, &w, NULL), FMT_CORRUPT);
        if (!w.seen)
            fail_msg("posdf '%s': verify does not say %s", cases[i].posdf,
                     cases[i].want);
        fmt_close(a);
        assert_int_equal(phrase_on(path, cases[i].phrase, &total), FMT_CORRUPT);
    }
}

/* fmt_snippets makes the same snippets on the caller's thread alone (its
 * helper not started: the library starts no thread by itself) as on two
 * (after fmt_snippets_start). */
static void snippets_one_or_two_threads(void **state)
{
    (void)state;
    fmt_library *l;
    char msg[256];
    assert_int_equal(fmt_library_open(&l, &fx.a, 1, msg, sizeof msg), FMT_OK);
    fmt_query *q;
    size_t ep;
    assert_int_equal(fmt_query_parse(&q, "minister", msg, sizeof msg, &ep),
                     FMT_OK);
    fmt_search_opts o = {0};
    o.limit = 20;
    fmt_lresults *r;
    assert_int_equal(fmt_library_search(l, q, &o, &r, NULL), FMT_OK);
    size_t n;
    const fmt_lhit *h = fmt_lresults_hits(r, &n);
    assert_true(n >= 2 && n <= 20);
    fmt_snip one[20], two[20];
    memset(one, 0, sizeof one);
    memset(two, 0, sizeof two);
    assert_int_equal(fmt_snippets(&fx.a, h, n, q, 240, one), 0);
    assert_int_equal(fmt_snippets_start(), FMT_OK);
    assert_int_equal(fmt_snippets(&fx.a, h, n, q, 240, two), 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(one[i].text.len > 0);
        assert_int_equal(one[i].text.len, two[i].text.len);
        assert_memory_equal(one[i].text.data, two[i].text.data,
                            one[i].text.len);
        assert_true(one[i].nhl > 0);
        assert_int_equal(one[i].nhl, two[i].nhl);
        assert_memory_equal(one[i].hl, two[i].hl,
                            one[i].nhl * sizeof *one[i].hl);
    }
    fmt_snips_free(one, n);
    fmt_snips_free(two, n);
    fmt_lresults_free(r);
    fmt_query_free(q);
    fmt_library_close(l);
}

int main(void)
{
    fmt_guard_start(); /* as the programs do */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(equals_brute_force),
        cmocka_unit_test(subject_above_footnote),
        cmocka_unit_test(snippets_hold_the_words),
        cmocka_unit_test(snippets_one_or_two_threads),
        cmocka_unit_test(suggest_and_did_you_mean),
        cmocka_unit_test(facets_add_up),
        cmocka_unit_test(postings_in),
        cmocka_unit_test(phrases_by_hand),
        cmocka_unit_test(phrases_read_off_texts),
        cmocka_unit_test(posdf_damage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
