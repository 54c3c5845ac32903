/* results.c - what a search gives back (fmt_results): the page of hits
 * (a bounded heap: better first, higher score, then newer), the hits
 * grouped into cases, the facet counts and the month histogram over all
 * hits, and the facet table they are counted by (checked against the
 * summaries when it is first read). search.c makes the list of hits.
 */
#include <stdio.h>
#include <stdlib.h>
#include "search_int.h"

#define MAX_FACET_VALUES 200

/* ---- the facet table --------------------------------------------------- */

/* s (n bytes) is one of the sep-separated elements of field (found as
 * a bounded substring, so an element that itself holds sep still counts). */
static int is_element(const char *field, const char *s, size_t n,
                      const char *sep)
{
    size_t fl = strlen(field), sl = strlen(sep);
    for (size_t i = 0; i + n <= fl; i++) {
        if (memcmp(field + i, s, n))
            continue;
        int before = i == 0 || (i >= sl && !memcmp(field + i - sl, sep, sl));
        int after = i + n == fl ||
                    (fl - i - n >= sl && !memcmp(field + i + n, sep, sl));
        if (before && after)
            return 1;
    }
    return 0;
}

/* The facet table has no checksum of its own, so check it against the
 * summaries, which do: the writer took each value's display text from
 * the first document that has it (in document order), so that text must
 * be one of the members, parties or addressees of that document's
 * summary. Costs one pass over the per-document facet ids and one summary
 * per value, once per handle. */
static int check_facets(fmt_archive *a)
{
    uint32_t *first = alloc_malloc(((size_t)a->nfvals + 1) * sizeof *first);
    if (!first)
        return FMT_NOMEM;
    for (uint32_t i = 0; i < a->nfvals; i++)
        first[i] = UINT32_MAX;
    int rc = FMT_OK;
    for (uint32_t d = 0; d < a->ndocs && !rc; d++) {
        uint32_t s = vb_get_be32(a->col_foff + 4 * (size_t)d);
        uint32_t t = vb_get_be32(a->col_foff + 4 * ((size_t)d + 1));
        if (s > t || t > a->fval_len) {
            rc = FMT_CORRUPT;
            break;
        }
        const unsigned char *p = a->col_fval + s, *end = a->col_fval + t;
        while (p < end && !rc) {
            uint64_t id;
            if (vb_get_varint(&p, end, &id) || id >= a->nfvals)
                rc = FMT_CORRUPT;
            else if (first[id] == UINT32_MAX)
                first[id] = d;
        }
    }
    fmt_summary sm = {0};
    uint32_t bad = UINT32_MAX;
    for (uint32_t i = 0; i < a->nfvals && !rc; i++) {
        const vb_facetval *f = &a->fvals[i];
        if (first[i] == UINT32_MAX || !f->dlen) {
            bad = i;
            break;
        }
        if ((rc = fmt_get_summary(a, first[i], &sm)))
            break;
        const char *field = f->type == 'p'   ? sm.parties
                            : f->type == 'm' ? sm.members
                            : f->type == 'a' ? sm.addressees
                                             : NULL;
        if (!field || !is_element(field, f->display, f->dlen,
                                  f->type == 'a' ? "; " : ", ")) {
            bad = i;
            break;
        }
    }
    if (!rc && bad != UINT32_MAX)
        rc = FMT_CORRUPT;
    fmt_summary_free(&sm);
    free(first);
    if (rc == FMT_CORRUPT)
        error_set(a, rc, "%s: facet table damaged%s%.*s%s", a->path,
                  bad != UINT32_MAX ? " (at '" : "",
                  bad != UINT32_MAX ? (int)(a->fvals[bad].dlen > 80
                                                ? 80 : a->fvals[bad].dlen) : 0,
                  bad != UINT32_MAX ? a->fvals[bad].display : "",
                  bad != UINT32_MAX ? "')" : "");
    return rc;
}

int results_load_facets(fmt_archive *a)
{
    if (a->fvals_loaded)
        return a->fvals ? FMT_OK : FMT_CORRUPT;
    a->fvals_loaded = 1;
    const unsigned char *v, *end;
    size_t n;
    if (store_get(a, a->cols, "ftab", 4, &v, &n))
        return error_set(a, FMT_CORRUPT, "%s: facet table missing", a->path);
    end = v + n;
    size_t cap = 64, k = 0;
    vb_facetval *f = alloc_malloc(cap * sizeof *f);
    while (f && v < end) {
        uint64_t len;
        uint8_t type = *v++;
        if (vb_get_varint(&v, end, &len) || len > (uint64_t)(end - v)) {
            free(f);
            return error_set(a, FMT_CORRUPT, "%s: facet table damaged", a->path);
        }
        if (k == cap) {
            vb_facetval *g = alloc_realloc(f, (cap *= 2) * sizeof *f);
            if (!g)
                free(f);
            f = g;
            if (!f)
                break;
        }
        f[k++] = (vb_facetval){type, (const char *)v, (uint32_t)len};
        v += len;
    }
    if (!f) {
        a->fvals_loaded = 0;
        return FMT_NOMEM;
    }
    a->fvals = f;
    a->nfvals = (uint32_t)k;
    int rc = check_facets(a);
    if (rc) {
        free(a->fvals);
        a->fvals = NULL;
        a->nfvals = 0;
        a->fvals_loaded = rc != FMT_NOMEM;
    }
    return rc;
}

/* Better first: higher score, then newer (higher docno). */
static int better(float s1, uint32_t d1, float s2, uint32_t d2)
{
    return s1 > s2 || (s1 == s2 && d1 > d2);
}

static void sift_down(fmt_hit *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        /* a min-heap: the worst of the kept hits at the top */
        if (l < n && better((float)h[m].score, h[m].docno, (float)h[l].score,
                            h[l].docno))
            m = l;
        if (r < n && better((float)h[m].score, h[m].docno, (float)h[r].score,
                            h[r].docno))
            m = r;
        if (m == i)
            return;
        fmt_hit t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

static int hit_cmp(const void *x, const void *y)
{
    const fmt_hit *a = x, *b = y;
    if (better((float)a->score, a->docno, (float)b->score, b->docno))
        return -1;
    return better((float)b->score, b->docno, (float)a->score, a->docno);
}

/* The page o asks for of list l (documents ascending). */
int results_page(fmt_results *r, const dlist *l, const fmt_search_opts *o)
{
    size_t limit = o->limit ? o->limit : 20;
    size_t k = o->offset + limit;
    if (k < o->offset || k > l->n)
        k = l->n;
    fmt_hit *h = alloc_calloc(k + 1, sizeof *h);
    if (!h)
        return FMT_NOMEM;
    size_t n = 0;
    if (o->sort == FMT_SORT_DATE) { /* newest first: the highest docnos */
        for (size_t i = 0; i < k; i++) {
            size_t j = l->n - 1 - i;
            h[n++] = (fmt_hit){l->doc[j], l->score[j], 1, 0};
        }
    } else if (o->sort == FMT_SORT_OLD) {
        for (size_t i = 0; i < k; i++)
            h[n++] = (fmt_hit){l->doc[i], l->score[i], 1, 0};
    } else {
        for (size_t i = 0; i < l->n && k; i++) {
            fmt_hit c = {l->doc[i], l->score[i], 1, 0};
            if (n < k) {
                h[n++] = c;
                if (n == k)
                    for (size_t j = k / 2 + 1; j-- > 0;)
                        sift_down(h, n, j);
            } else if (better((float)c.score, c.docno, (float)h[0].score,
                              h[0].docno)) {
                h[0] = c;
                sift_down(h, n, 0);
            }
        }
        vb_sort(h, n, sizeof *h, hit_cmp);
    }
    size_t off = o->offset < n ? o->offset : n;
    memmove(h, h + off, (n - off) * sizeof *h);
    r->page = h;
    r->npage = n - off;
    return FMT_OK;
}

typedef struct {
    uint32_t key;        /* facet id, year, kind or status */
    uint32_t count;
} kv;

static int kv_cmp(const void *x, const void *y)
{
    const kv *a = x, *b = y;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    return (a->key > b->key) - (a->key < b->key);
}

/* Facet counts from the columns, for all hits: the MAX_FACET_VALUES
 * largest of each, or all of them (all) for a library to sum. */
int results_facets(fmt_archive *a, fmt_results *r, int all)
{
    int rc = results_load_facets(a);
    if (rc)
        return rc;
    /* Grouped by case, each value counts once per case: the hits are
     * visited case by case and a value's stamp says the case that last
     * counted it. Otherwise each hit is its own case. */
    size_t nh = r->all.n;
    uint32_t *byid = alloc_calloc(a->nfvals + 1, sizeof *byid);
    uint32_t *idst = alloc_calloc(a->nfvals + 1, sizeof *idst);
    uint32_t *order = r->grouped ? alloc_malloc((nh + 1) * sizeof *order) : NULL;
    uint32_t *years = alloc_calloc(2 * 10000, sizeof *years), *yst = years + 10000;
    uint32_t kinds[4] = {0}, stats[FMT_NSTATUS] = {0};
    uint32_t kst[4] = {0}, sst[FMT_NSTATUS] = {0};
    if (!byid || !idst || !years || (r->grouped && !order)) {
        free(byid);
        free(idst);
        free(order);
        free(years);
        return FMT_NOMEM;
    }
    if (r->grouped) { /* hit indices by case: a counting sort */
        uint32_t *start = alloc_calloc(r->cases.n + 1, sizeof *start);
        if (!start) {
            free(byid);
            free(idst);
            free(order);
            free(years);
            return FMT_NOMEM;
        }
        for (size_t i = 0; i < nh; i++)
            start[r->cases.gid[i] + 1]++;
        for (size_t g = 0; g < r->cases.n; g++)
            start[g + 1] += start[g];
        for (size_t i = 0; i < nh; i++)
            order[start[r->cases.gid[i]]++] = (uint32_t)i;
        free(start);
    }
    for (size_t x = 0; x < nh; x++) {
        size_t i = order ? order[x] : x;
        uint32_t d = r->all.doc[i];
        uint32_t stamp = (uint32_t)(order ? r->cases.gid[i] : i) + 1;
        int32_t y = vb_doc_date(a, d) / 10000;
        if (y > 0 && y < 10000 && yst[y] != stamp)
            years[y]++, yst[y] = stamp;
        int kd = a->col_kind[d] & 3;
        if (kst[kd] != stamp)
            kinds[kd]++, kst[kd] = stamp;
        int st = a->col_status[d] < FMT_NSTATUS ? a->col_status[d] : 0;
        if (sst[st] != stamp)
            stats[st]++, sst[st] = stamp;
        uint32_t s = vb_get_be32(a->col_foff + 4 * (size_t)d);
        uint32_t t = vb_get_be32(a->col_foff + 4 * ((size_t)d + 1));
        if (s > t || t > a->fval_len)
            continue;
        const unsigned char *p = a->col_fval + s, *end = a->col_fval + t;
        uint64_t id;
        while (p < end && !vb_get_varint(&p, end, &id))
            if (id < a->nfvals && idst[id] != stamp)
                byid[id]++, idst[id] = stamp;
    }
    free(order);
    free(idst);
    /* Strings for years, kinds and statuses live in r->names. */
    r->names = alloc_malloc(10000 * 5 + 64);
    kv *tmp = alloc_malloc((a->nfvals + 10001) * sizeof *tmp);
    if (!r->names || !tmp) {
        free(byid);
        free(tmp);
        free(years);
        return FMT_NOMEM;
    }
    static const uint8_t types[3] = {'p', 'm', 'a'};
    static const int which[3] = {FMT_FACET_PARTY, FMT_FACET_MEMBER,
                                 FMT_FACET_ADDRESSEE};
    for (int f = 0; f < FMT_NFACETS && !rc; f++) {
        size_t n = 0;
        if (f == FMT_FACET_YEAR) {
            for (uint32_t y = 1; y < 10000; y++)
                if (years[y]) {
                    snprintf(r->names + 5 * y, 5, "%04u", y);
                    tmp[n++] = (kv){y, years[y]};
                }
        } else if (f == FMT_FACET_KIND || f == FMT_FACET_STATUS) {
            uint32_t *c = f == FMT_FACET_KIND ? kinds : stats;
            for (uint32_t k = 1; k < (f == FMT_FACET_KIND ? 4u : (uint32_t)FMT_NSTATUS); k++)
                if (c[k])
                    tmp[n++] = (kv){k, c[k]};
        } else {
            int t = 0;
            while (which[t] != f)
                t++;
            for (uint32_t id = 0; id < a->nfvals; id++)
                if (byid[id] && a->fvals[id].type == types[t])
                    tmp[n++] = (kv){id, byid[id]};
        }
        vb_sort(tmp, n, sizeof *tmp, kv_cmp);
        if (n > MAX_FACET_VALUES && !all)
            n = MAX_FACET_VALUES;
        r->facets[f] = alloc_calloc(n + 1, sizeof *r->facets[f]);
        if (!r->facets[f]) {
            rc = FMT_NOMEM;
            break;
        }
        r->nfacets[f] = n;
        for (size_t i = 0; i < n; i++) {
            fmt_facet_count *c = &r->facets[f][i];
            c->count = tmp[i].count;
            c->order = tmp[i].key;
            if (f == FMT_FACET_YEAR)
                c->value = r->names + 5 * tmp[i].key;
            else if (f == FMT_FACET_KIND)
                c->value = fmt_kind_name((int)tmp[i].key);
            else if (f == FMT_FACET_STATUS)
                c->value = fmt_status_name((int)tmp[i].key);
            else { /* displays in the map have no NUL: copy them */
                const vb_facetval *fv = &a->fvals[tmp[i].key];
                c->value = alloc_strndup(fv->display, fv->dlen);
                if (!c->value) {
                    r->nfacets[f] = i;
                    rc = FMT_NOMEM;
                    break;
                }
            }
        }
    }
    free(tmp);
    free(byid);
    free(years);
    return rc;
}

int results_months(fmt_archive *a, fmt_results *r)
{
    size_t cap = 16, n = 0;
    int32_t *m = alloc_malloc(cap * sizeof *m);
    uint32_t *c = alloc_malloc(cap * sizeof *c);
    /* grouped: each case in the month of its earliest document here */
    uint32_t *first = NULL;
    size_t nd = r->all.n;
    if (r->grouped) {
        if (m && c && (first = alloc_malloc((r->cases.n + 1) * sizeof *first))) {
            for (size_t g = 0; g < r->cases.n; g++)
                first[g] = r->cases.g[g].first;
            vb_sort(first, r->cases.n, sizeof *first, vb_u32_cmp);
        }
        nd = first ? r->cases.n : 0;
    }
    for (size_t i = 0; m && c && i < nd; i++) {
        int32_t ym = vb_doc_date(a, first ? first[i] : r->all.doc[i]) / 100;
        if (ym <= 0)
            continue;
        if (n && m[n - 1] == ym) {
            c[n - 1]++;
            continue;
        }
        if (n == cap) {
            cap *= 2;
            int32_t *m2 = alloc_realloc(m, cap * sizeof *m);
            if (m2)
                m = m2;
            uint32_t *c2 = m2 ? alloc_realloc(c, cap * sizeof *c) : NULL;
            if (!m2 || !c2)
                break;
            c = c2;
        }
        m[n] = ym;
        c[n++] = 1;
    }
    int ok = m && c && (first || !r->grouped);
    free(first);
    r->months = m;
    r->mcounts = c;
    r->nmonths = ok ? n : 0;
    return ok ? FMT_OK : FMT_NOMEM;
}

/* o->cases: the hits grouped into cases, and the page of cases, each by
 * the document that stands for it (cases.c). */
int results_group(fmt_archive *a, fmt_results *r,
                  const fmt_search_opts *o)
{
    int rc = cases_group(a, r->all.doc, r->all.score, r->all.n, o->sort,
                         &r->cases);
    if (rc)
        return rc;
    if (a->cases_damaged && !r->skipped++) /* its documents: cases of their own */
        snprintf(r->skipmsg, sizeof r->skipmsg, "%s: a zaak list is damaged", a->path);
    r->grouped = 1;
    size_t n = r->cases.n;
    dlist l = {0};
    uint32_t *lg = alloc_malloc((n + 1) * sizeof *lg);
    if (!lg || dl_reserve(&l, n + 1)) {
        free(lg);
        dl_free(&l);
        return FMT_NOMEM;
    }
    /* the cases' documents in document order, as results_page takes them:
     * the hits are in that order already */
    for (size_t i = 0; i < r->all.n; i++) {
        uint32_t g = r->cases.gid[i];
        if (r->cases.g[g].best == r->all.doc[i]) {
            l.doc[l.n] = r->all.doc[i];
            l.score[l.n] = r->cases.g[g].score;
            lg[l.n++] = g;
        }
    }
    rc = results_page(r, &l, o);
    for (size_t i = 0; !rc && i < r->npage; i++) {
        size_t lo = 0, hi = l.n; /* the page hit's case */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (l.doc[mid] < r->page[i].docno)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < l.n && l.doc[lo] == r->page[i].docno) {
            r->page[i].matched = r->cases.g[lg[lo]].matched;
            r->page[i].kinds = r->cases.g[lg[lo]].kinds;
        }
    }
    free(lg);
    dl_free(&l);
    return rc;
}

void fmt_results_free(fmt_results *r)
{
    if (!r)
        return;
    dl_free(&r->all);
    cases_free(&r->cases);
    free(r->page);
    for (int f = 0; f < FMT_NFACETS; f++) {
        if (r->facets[f] && f != FMT_FACET_YEAR && f != FMT_FACET_KIND &&
            f != FMT_FACET_STATUS)
            for (size_t i = 0; i < r->nfacets[f]; i++)
                free((char *)r->facets[f][i].value);
        free(r->facets[f]);
    }
    free(r->names);
    free(r->months);
    free(r->mcounts);
    free(r);
}

size_t fmt_results_total(const fmt_results *r) { return r->all.n; }

size_t fmt_results_cases(const fmt_results *r)
{
    return r->grouped ? r->cases.n : r->all.n;
}

size_t fmt_results_skipped(const fmt_results *r, const char **msg)
{
    if (msg)
        *msg = r->skipmsg;
    return r->skipped;
}

/* The case keys of all hits' cases (grouped results), for a library to
 * count them across its archives. */
size_t results_case_keys(const fmt_results *r, uint64_t *out, size_t cap)
{
    size_t n = r->grouped ? r->cases.n : 0;
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = r->cases.g[i].key;
    return n;
}
size_t fmt_results_count(const fmt_results *r) { return r->npage; }
const fmt_hit *fmt_results_hits(const fmt_results *r) { return r->page; }

const fmt_facet_count *fmt_results_facet(const fmt_results *r, int facet,
                                         size_t *n)
{
    if (facet < 0 || facet >= FMT_NFACETS || !r->facets[facet]) {
        *n = 0;
        return NULL;
    }
    *n = r->nfacets[facet];
    return r->facets[facet];
}

size_t fmt_results_months(const fmt_results *r, const int32_t **m,
                          const uint32_t **c)
{
    *m = r->months;
    *c = r->mcounts;
    return r->nmonths;
}
