/* search_int.h - internal to the search (search.c evaluates a query to a
 * list of documents; results.c turns that list into what fmt_search
 * gives back): the document list and the results. search.c calls
 * results.c, never the other way round.
 */
#ifndef VB_SEARCH_INT_H
#define VB_SEARCH_INT_H

#include "internal.h"

/* Documents ascending, each with its score. */
typedef struct dlist_s {
    uint32_t *doc;
    float *score;
    size_t n, cap;
} dlist;

struct fmt_results {
    dlist all;
    fmt_hit *page;
    size_t npage;
    fmt_facet_count *facets[FMT_NFACETS];
    size_t nfacets[FMT_NFACETS];
    char *names;            /* facet strings for years, kinds, statuses */
    int32_t *months;
    uint32_t *mcounts;
    size_t nmonths;
    int grouped;            /* o->cases: the page lists cases */
    vb_cases cases;         /* the hits' cases (grouped) */
    size_t skipped;         /* damaged index entries left out */
    char skipmsg[1200];      /* the first of them */
};

static inline int dl_reserve(dlist *l, size_t n)
{
    if (n <= l->cap)
        return FMT_OK;
    size_t cap = l->cap ? l->cap : 16;
    while (cap < n)
        cap *= 2;
    uint32_t *d = alloc_realloc(l->doc, cap * sizeof *d);
    if (!d)
        return FMT_NOMEM;
    l->doc = d;
    float *s = alloc_realloc(l->score, cap * sizeof *s);
    if (!s)
        return FMT_NOMEM;
    l->score = s;
    l->cap = cap;
    return FMT_OK;
}

static inline void dl_free(dlist *l)
{
    free(l->doc);
    free(l->score);
    memset(l, 0, sizeof *l);
}

/* ---- results.c ----------------------------------------------------------- */

/* The page o asks for of list l (documents ascending) into r. */
int results_page(fmt_results *r, const dlist *l, const fmt_search_opts *o);
/* r's hits grouped into cases, and the page of cases o asks for. */
int results_group(fmt_archive *a, fmt_results *r, const fmt_search_opts *o);
/* Facet counts for all of r's hits: the largest of each, or all of them
 * (all) for a library to sum. */
int results_facets(fmt_archive *a, fmt_results *r, int all);
/* The month histogram of r's hits. */
int results_months(fmt_archive *a, fmt_results *r);

#endif
