/* search_cmd.c - `vbpack search` and `vbpack suggest`: the archive's search
 * on the command line, as text, JSON or a timed batch for benchmarks.
 *
 * Several archives (one per parliamentary year, say) are searched as one
 * library (format/library.c): one ranked list, each document once, from
 * the newest edition that holds it, facets summed. One archive is a library
 * of one.
 */
#include <malloc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "parts.h"
#include "term.h"
#include "json.h"
#include "search.h"

#define SNIPPET_LEN 240

typedef struct {
    int json, count, facets, ids, tty;
    int qflags;            /* --typing: FMT_QUERY_TYPING */
    fmt_search_opts o;
    const char *batch;
} sopts;

static long num_arg(const char *s, const char *what)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s < '0' || *s > '9' || *end)
        die(2, "%s takes a number, not '%s'", what, s);
    if (errno || v > 1000000)
        die(2, "%s takes at most 1000000, not %s", what, s);
    return v;
}

static void print_marked(const char *s, size_t n, const fmt_span *hl,
                         size_t nhl, int tty)
{
    size_t at = 0;
    for (size_t i = 0; i < nhl; i++) {
        if (hl[i].off < at || hl[i].off + hl[i].len > n)
            continue;
        term_text(stdout, s + at, hl[i].off - at, 0);
        fputs(tty ? "\033[1m" : "[", stdout);
        term_text(stdout, s + hl[i].off, hl[i].len, 0);
        fputs(tty ? "\033[0m" : "]", stdout);
        at = hl[i].off + hl[i].len;
    }
    term_text(stdout, s + at, n - at, 0);
}

/* Facet counts of all hits, per facet, summed over the library. */
typedef struct {
    const fmt_facet_count *c[FMT_NFACETS];
    size_t n[FMT_NFACETS];
    size_t total;
} facets;

static void print_facets_json(const facets *fc)
{
    printf("{\"facets\":{");
    for (int f = 0; f < FMT_NFACETS; f++) {
        size_t n = fc->n[f];
        const fmt_facet_count *c = fc->c[f];
        printf("%s\"%s\":[", f ? "," : "", fmt_facet_name(f));
        for (size_t i = 0; i < n; i++) {
            printf(i ? ",{\"value\":" : "{\"value\":");
            json_cstr(stdout, c[i].value);
            printf(",\"count\":%u}", c[i].count);
        }
        putchar(']');
    }
    printf("},\"total\":%zu}\n", fc->total);
}

static void print_facets_text(const facets *fc)
{
    for (int f = 0; f < FMT_NFACETS; f++) {
        size_t n = fc->n[f];
        const fmt_facet_count *c = fc->c[f];
        if (!n)
            continue;
        printf("%-10s", fmt_facet_field(f));
        for (size_t i = 0; i < n && i < 12; i++) {
            putchar(' ');
            term_str(stdout, c[i].value);
            printf(" (%u)", c[i].count);
        }
        putchar('\n');
    }
}

/* ---- a library of archives (one archive is a library of one) ------------ */

typedef struct {
    fmt_archive **a;
    size_t n;
    fmt_library *lib;
} library;

/* The archives given (a split one's parts with it) as one library. */
static void lib_open(library *l, char **given, int ngiven)
{
    char msg[600];
    char **paths = expand_parts(given, (size_t)ngiven, &l->n);
    l->a = calloc(l->n, sizeof *l->a);
    if (!l->a)
        die(1, "out of memory");
    for (size_t i = 0; i < l->n; i++)
        l->a[i] = open_archive(paths[i]);
    fmt_parts_free(paths, l->n);
    if (fmt_library_open(&l->lib, l->a, l->n, msg, sizeof msg))
        die(1, "%s", msg);
}

static void lib_close(library *l)
{
    fmt_library_close(l->lib);
    for (size_t i = 0; i < l->n; i++)
        fmt_close(l->a[i]);
    free(l->a);
}

/* The page o asks for of q's hits in the library (see library.c). */
static fmt_lresults *lib_search(library *l, const fmt_query *q,
                                const fmt_search_opts *o)
{
    fmt_lresults *r;
    size_t bad = 0;
    int rc = fmt_library_search(l->lib, q, o, &r, &bad);
    if (rc)
        die(1, "search: %s: %s", fmt_strerror(rc), fmt_errmsg(l->a[bad]));
    return r;
}

/* One hit: its summary line and snippet (made by fmt_snippets). Non-zero
 * (with the message on stderr) when either cannot be read. */
static int print_hit(fmt_archive *a, const fmt_lhit *h, const fmt_snip *sn,
                     const sopts *so, fmt_summary *s)
{
    if (fmt_get_summary(a, h->docno, s)) {
        fprintf(stderr, "vbpack: %s\n", fmt_errmsg(a));
        return 1;
    }
    if (sn->rc) {
        fprintf(stderr, "vbpack: %s\n", sn->err);
        return 1;
    }
    const char *text = sn->text.data ? sn->text.data : "";
    if (so->json) {
        printf("{\"id\":");
        json_cstr(stdout, s->id);
        printf(",\"kind\":\"%s\",\"date\":", fmt_kind_name(s->kind));
        json_date(stdout, s->date);
        printf(",\"zaak\":");
        json_cstr(stdout, s->zaak[0] ? s->zaak : NULL);
        printf(",\"title\":");
        json_cstr(stdout, s->subject[0] ? s->subject : s->id);
        printf(",\"status\":\"%s\"", s->status ? fmt_status_name(s->status)
                                               : "unknown");
        if (so->o.cases) { /* the case's documents that matched */
            printf(",\"matched\":%u,\"kinds\":[", h->matched);
            for (int k = 1, first = 1; k <= FMT_NOTICE; k++)
                if (h->kinds & (1u << k)) {
                    printf("%s\"%s\"", first ? "" : ",", fmt_kind_name(k));
                    first = 0;
                }
            printf("]");
        }
        printf(",\"score\":%.4f,\"snippet\":", h->score);
        json_str(stdout, text, sn->text.len);
        printf(",\"highlights\":[");
        for (size_t i = 0; i < sn->nhl; i++)
            printf("%s[%u,%u]", i ? "," : "", sn->hl[i].off, sn->hl[i].len);
        printf("]}\n");
        return 0;
    }
    int32_t d = s->date;
    term_str(stdout, s->id);
    printf("  %s  %04d-%02d-%02d  ", fmt_kind_name(s->kind), d / 10000,
           d / 100 % 100, d % 100);
    term_str(stdout, s->subject);
    putchar('\n');
    fputs("    ", stdout);
    print_marked(text, sn->text.len, sn->hl, sn->nhl, so->tty);
    fputs("\n\n", stdout);
    return 0;
}

/* The snippets of hits h[0..n) of a library (n of them). */
static fmt_snip *lib_snippets(library *l, const fmt_query *q,
                              const fmt_lhit *h, size_t n)
{
    fmt_snip *sn = calloc(n ? n : 1, sizeof *sn);
    if (!sn)
        die(1, "out of memory");
    fmt_snippets(l->a, h, n, q, SNIPPET_LEN, sn);
    return sn;
}

static int parse_query(const char *text, int flags, fmt_query **q)
{
    char err[256];
    size_t pos = 0;
    int rc = fmt_query_parse_flags(q, text, flags, err, sizeof err, &pos);
    if (rc) {
        fprintf(stderr, "vbpack: query: %s\n  %s\n  %*s^\n", err, text,
                (int)pos, "");
        return rc;
    }
    return FMT_OK;
}

/* search ARCHIVE… QUERY: exit 1 when a hit could not be shown. */
static int lib_query(library *l, const char *text, const sopts *so)
{
    fmt_query *q;
    if (parse_query(text, so->qflags, &q))
        return 2;
    fmt_lresults *r = lib_search(l, q, &so->o);
    size_t total = fmt_lresults_total(r), n;
    size_t cases = fmt_lresults_cases(r);
    const fmt_lhit *h = fmt_lresults_hits(r, &n);
    int bad = 0;
    const char *why;
    size_t skipped = fmt_lresults_skipped(r, &why);
    if (skipped) /* the hits are the rest's: say what is missing */
        fprintf(stderr, "vbpack: warning: %zu damaged index entr%s left out "
                "of this search: %s\n", skipped, skipped == 1 ? "y" : "ies",
                why);
    if (so->count) {
        printf("%zu\n", so->o.cases ? cases : total);
    } else {
        if (!so->json && so->o.cases)
            printf("%zu case%s, %zu document%s\n\n", cases,
                   cases == 1 ? "" : "s", total, total == 1 ? "" : "s");
        else if (!so->json)
            printf("%zu hit%s\n\n", total, total == 1 ? "" : "s");
        fmt_summary s = {0};
        fmt_snip *sn = lib_snippets(l, q, h, n);
        for (size_t i = 0; i < n; i++)
            bad |= print_hit(l->a[h[i].arch], &h[i], &sn[i], so, &s);
        fmt_summary_free(&s);
        fmt_snips_free(sn, n);
        free(sn);
        if (so->facets) {
            facets fc;
            for (int f = 0; f < FMT_NFACETS; f++)
                fc.c[f] = fmt_lresults_facet(r, f, &fc.n[f]);
            fc.total = so->o.cases ? cases : total;
            so->json ? print_facets_json(&fc) : print_facets_text(&fc);
        }
        fmt_buf dym = {0};
        if (!so->json && total == 0 &&
            fmt_didyoumean(l->a[0], text, &dym) == FMT_OK)
        {
            fputs("did you mean: ", stdout);
            term_str(stdout, dym.data);
            putchar('\n');
        }
        fmt_buf_free(&dym);
    }
    fmt_lresults_free(r);
    fmt_query_free(q);
    return bad;
}

/* Each line of the file as a query, exactly as `search --limit 20` (hits,
 * snippets and all, output discarded), timed: hits TAB microseconds TAB
 * query. With --ids, every hit's id under a "Q TAB query" line instead.
 * Exit 1 when a hit could not be read. */
static int lib_batch(library *l, const char *file, int ids, const sopts *so)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    if (!f)
        die(1, "%s: cannot open", file);
    char line[8192];
    fmt_summary s = {0};
    fmt_search_opts o = {0};
    o.limit = ids ? (size_t)-1 / 4 : 20;
    o.cases = so->o.cases;
    int bad = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        /* a benchmark query file may carry other columns after a TAB */
        line[strcspn(line, "\t")] = 0;
        if (!line[0])
            continue;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        fmt_query *q;
        char err[256];
        size_t pos;
        long hits = -1;
        if (fmt_query_parse_flags(&q, line, so->qflags, err, sizeof err,
                                  &pos) == FMT_OK) {
            fmt_lresults *r = lib_search(l, q, &o);
            size_t n;
            const fmt_lhit *h = fmt_lresults_hits(r, &n);
            hits = (long)(o.cases ? fmt_lresults_cases(r)
                                  : fmt_lresults_total(r));
            if (ids)
                printf("Q\t%s\n", line);
            for (size_t i = 0; i < n; i++) {
                if (fmt_get_summary(l->a[h[i].arch], h[i].docno, &s))
                    bad = 1;
                else if (ids) {
                    term_str(stdout, s.id);
                    putchar('\n');
                }
            }
            if (!ids) {
                fmt_snip *sn = lib_snippets(l, q, h, n);
                for (size_t i = 0; i < n; i++)
                    bad |= sn[i].rc != FMT_OK;
                fmt_snips_free(sn, n);
                free(sn);
            }
            fmt_lresults_free(r);
            fmt_query_free(q);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double us = (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3;
        if (!ids)
            printf("%ld\t%.0f\t%s\n", hits, us, line);
    }
    fmt_summary_free(&s);
    if (f != stdin)
        fclose(f);
    if (bad)
        fprintf(stderr, "vbpack: some hits could not be read: the archive "
                        "is damaged\n");
    return bad;
}

int cmd_search(int argc, char **argv)
{
    fmt_snippets_start(); /* a page of snippets on two cores */
    /* A query allocates lists as long as its words' postings (megabytes
     * for common words). glibc hands such blocks back to the system when
     * they are freed, and the next query has them faulted in and zeroed
     * again: a tenth of a batch's time. This process is short-lived and
     * searches in a loop, so it keeps them (the reader trims its heap
     * itself, vmem.c). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    sopts so;
    memset(&so, 0, sizeof so);
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "--limit") && more)
            so.o.limit = (size_t)num_arg(argv[++i], "--limit");
        else if (!strcmp(a, "--offset") && more)
            so.o.offset = (size_t)num_arg(argv[++i], "--offset");
        else if (!strcmp(a, "--sort") && more) {
            const char *v = argv[++i];
            if (!strcmp(v, "rank"))
                so.o.sort = FMT_SORT_RANK;
            else if (!strcmp(v, "date") || !strcmp(v, "new"))
                so.o.sort = FMT_SORT_DATE;
            else if (!strcmp(v, "old"))
                so.o.sort = FMT_SORT_OLD;
            else
                die(2, "--sort takes rank, date (new) or old, not %s", v);
        } else if (!strcmp(a, "--json"))
            so.json = 1;
        else if (!strcmp(a, "--count"))
            so.count = 1;
        else if (!strcmp(a, "--facets"))
            so.facets = so.o.facets = 1;
        else if (!strcmp(a, "--ids"))
            so.ids = 1;
        else if (!strcmp(a, "--cases"))
            so.o.cases = 1;
        else if (!strcmp(a, "--typing"))
            so.qflags |= FMT_QUERY_TYPING;
        else if (!strcmp(a, "--batch") && more)
            so.batch = argv[++i];
        else if (!strcmp(a, "--"))
            break;
        else
            usage();
    }
    so.tty = isatty(1);
    int narch = argc - i - (so.batch ? 0 : 1);
    if (narch < 1)
        usage();
    library l;
    lib_open(&l, argv + i, narch);
    int rc = so.batch ? lib_batch(&l, so.batch, so.ids, &so)
                      : lib_query(&l, argv[argc - 1], &so);
    lib_close(&l);
    return rc;
}

/* suggest --batch FILE ARCHIVE: each line a prefix, timed in-process:
 * completions TAB microseconds TAB prefix. */
static int suggest_batch(const char *file, const char *archive, size_t limit)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    if (!f)
        die(1, "%s: cannot open", file);
    fmt_archive *a = open_archive(archive);
    char line[1024], *w[64];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        struct timespec t0, t1;
        size_t n = 0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        fmt_suggest(a, line, w, limit < 64 ? limit : 64, &n);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        for (size_t k = 0; k < n; k++)
            free(w[k]);
        printf("%zu\t%.0f\t%s\n", n,
               (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3,
               line);
    }
    fmt_close(a);
    if (f != stdin)
        fclose(f);
    return 0;
}

/* suggest --names ARCHIVE PREFIX: the members, parties, addressees and
 * case numbers it starts, "kind TAB name TAB documents" a line. */
static int suggest_names(const char *archive, const char *prefix, size_t limit)
{
    static const char *const kinds[] = {"word", "member", "party",
                                        "addressee", "zaak"};
    size_t np, n = 0;
    char **p = parts_of(archive, &np);
    fmt_suggestion *s = calloc(limit, sizeof *s);
    if (!s)
        die(1, "out of memory");
    for (size_t part = 0; part < np; part++) {
        fmt_archive *a = open_archive(p[part]);
        if (fmt_suggest_names(a, prefix, s, limit, &n))
            die(1, "suggest: %s", fmt_errmsg(a));
        for (size_t k = 0; k < n; k++)
            printf("%s\t%s\t%u\n", kinds[s[k].kind], s[k].text, s[k].count);
        fmt_close(a);
    }
    free(s);
    fmt_parts_free(p, np);
    return 0;
}

int cmd_suggest(int argc, char **argv)
{
    size_t limit = 10;
    int i = 1;
    if (argc > 2 && !strcmp(argv[1], "--limit")) {
        limit = (size_t)num_arg(argv[2], "--limit");
        i = 3;
    }
    if (i + 3 == argc && !strcmp(argv[i], "--names") && limit && limit <= 1000)
        return suggest_names(argv[i + 1], argv[i + 2], limit);
    if (i + 2 < argc + 1 && i < argc && !strcmp(argv[i], "--batch")) {
        if (i + 3 != argc)
            usage();
        return suggest_batch(argv[i + 1], argv[i + 2], limit);
    }
    if (i + 2 != argc || limit == 0 || limit > 1000)
        usage();
    /* a split archive: each part's completions, each word once, until
     * limit (part by part: each part ranks its own) */
    size_t np, shown = 0;
    char **p = parts_of(argv[i], &np);
    char **w = calloc(limit, sizeof *w), **seen = calloc(limit, sizeof *seen);
    if (!w || !seen)
        die(1, "out of memory");
    for (size_t part = 0; part < np && shown < limit; part++) {
        fmt_archive *a = open_archive(p[part]);
        size_t n = 0;
        if (fmt_suggest(a, argv[i + 1], w, limit, &n))
            die(1, "suggest: %s", fmt_errmsg(a));
        for (size_t k = 0; k < n; k++) {
            size_t j = 0;
            while (j < shown && strcmp(seen[j], w[k]))
                j++;
            if (j == shown && shown < limit) {
                term_str(stdout, w[k]);
                putchar('\n');
                seen[shown++] = w[k];
            } else {
                free(w[k]);
            }
        }
        fmt_close(a);
    }
    for (size_t k = 0; k < shown; k++)
        free(seen[k]);
    free(seen);
    free(w);
    fmt_parts_free(p, np);
    return 0;
}
