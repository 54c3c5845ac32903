/* library.c - several archives searched as one (one per parliamentary year,
 * say, or two editions of one): one ranked list, facets and months summed,
 * each document once, from the newest edition that holds it.
 *
 * Newest: the later `created` date, then the higher edition number, then
 * the later in the caller's list. When the library is opened, each
 * archive's ids are looked up in the archives newer than it; the documents
 * found there get a bit in the archive's mask, and its searches pass the
 * mask as vb_libsearch.exclude, so totals, facets and months count each
 * document once, exactly. (One pass over the ids: about a microsecond per
 * document and newer archive.)
 *
 * A search asks each archive for its first offset + limit hits and merges
 * them: by score, ties newest first, then by id as one archive orders
 * them; by date exactly as one archive of them all would. Every archive
 * scores with the library's statistics (documents, average length, each
 * word's df summed over the archives, read from the lists' heads first:
 * search_stats_add), so a split archive's parts rank exactly as the whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include "guard.h"
#include "idtab.h"
#include "internal.h"
#include "search.h"

#define MAX_LIB_FACETS 200 /* as one archive lists (search.c) */

struct fmt_library {
    fmt_archive **a;
    size_t n;
    unsigned char **mask;    /* per archive: documents a newer one holds */
    /* per archive, per facet id: where the value is first met in the
     * library (archive << 32 | its id there), the order one archive of
     * them all would give it; made when facets are first asked for */
    uint64_t **forder;
};

struct fmt_lresults {
    fmt_results **r;         /* per archive; owns the facet strings */
    size_t n;
    fmt_lhit *h;
    size_t nh, total, cases, skipped;
    const char *skipmsg;     /* the first archive's that skipped, or "" */
    fmt_facet_count *fc[FMT_NFACETS];
    size_t nfc[FMT_NFACETS];
    int32_t *months;
    uint32_t *mcounts;
    size_t nmonths;
};

/* The edition as a number, 0 when it is not one. */
static unsigned long long edition_no(const char *e)
{
    size_t k = strspn(e, "0123456789");
    return k && !e[k] && k < 19 ? strtoull(e, NULL, 10) : 0;
}

int fmt_newer(const fmt_info *x, size_t xi, const fmt_info *y, size_t yi)
{
    unsigned long long ex = edition_no(x->edition), ey = edition_no(y->edition);
    return x->created != y->created ? x->created > y->created
           : ex != ey               ? ex > ey
                                    : xi > yi;
}

/* Mark in l->mask[k] the documents of archive k that archive j holds. */
static int shadow(fmt_library *l, size_t k, size_t j)
{
    fmt_archive *a = l->a[k], *b = l->a[j];
    idtab_iter it;
    int rc = idtab_seek(a, &it, "d", 1), out = FMT_OK;
    for (; !rc && it.kl > 1 && it.key[0] == 'd'; rc = idtab_next(&it)) {
        const unsigned char *v;
        size_t vl;
        if (it.vl != 4) {
            out = error_set(a, FMT_CORRUPT, "%s: ids damaged", a->path);
            break;
        }
        uint32_t d = vb_get_be32(it.val);
        int got = idtab_get(b, it.key, it.kl, &v, &vl);
        if (got == FMT_OK && d < a->ndocs)
            l->mask[k][d >> 3] |= (unsigned char)(1u << (d & 7));
        else if (got != FMT_NOTFOUND) {
            out = got == FMT_NOMEM ? got
                                   : error_set(a, FMT_CORRUPT, "%s", fmt_errmsg(b));
            break;
        }
    }
    idtab_close(&it);
    if (!out && rc && rc != FMT_NOTFOUND)
        out = rc;
    return out;
}

void fmt_library_close(fmt_library *l)
{
    if (!l)
        return;
    for (size_t k = 0; k < l->n; k++) {
        free(l->mask[k]);
        if (l->forder)
            free(l->forder[k]);
    }
    free(l->mask);
    free(l->forder);
    free(l->a);
    free(l);
}

int fmt_library_open(fmt_library **lp, fmt_archive *const *a, size_t n,
                     char *msg, size_t msglen)
{
    *lp = NULL;
    fmt_library *l = alloc_calloc(1, sizeof *l);
    fmt_info *in = alloc_calloc(n + 1, sizeof *in);
    int rc = FMT_OK;
    if (l) {
        l->a = alloc_calloc(n + 1, sizeof *l->a);
        l->mask = alloc_calloc(n + 1, sizeof *l->mask);
    }
    if (!l || !in || !l->a || !l->mask)
        rc = FMT_NOMEM;
    else
        l->n = n;
    for (size_t k = 0; k < n && !rc; k++) {
        l->a[k] = a[k];
        if ((rc = fmt_get_info(a[k], &in[k])))
            break;
        if (!(l->mask[k] = alloc_calloc((size_t)a[k]->ndocs / 8 + 1, 1)))
            rc = FMT_NOMEM;
    }
    for (size_t k = 0; k < n && !rc; k++)
        for (size_t j = 0; j < n && !rc; j++)
            if (j != k && fmt_newer(&in[j], j, &in[k], k))
                rc = shadow(l, k, j);
    if (rc && msg && msglen) {
        const char *why = rc == FMT_NOMEM ? "out of memory" : NULL;
        for (size_t k = 0; !why && k < n; k++)
            if (a[k]->err[0])
                why = a[k]->err;
        snprintf(msg, msglen, "%s", why ? why : fmt_strerror(rc));
    }
    free(in);
    if (rc)
        fmt_library_close(l);
    else
        *lp = l;
    return rc;
}


/* ---- searching ------------------------------------------------------------ */

typedef struct {
    fmt_library *l;
    int by_date;             /* FMT_SORT_DATE newest first, FMT_SORT_OLD */
    fmt_summary s1, s2;
    int rc;
    size_t failed;
} mctx;

/* 1 when hit x of the library comes before hit y. */
static int before(mctx *m, const fmt_lhit *x, const fmt_lhit *y)
{
    fmt_archive *ax = m->l->a[x->arch], *ay = m->l->a[y->arch];
    if (!m->by_date && (float)x->score != (float)y->score)
        return (float)x->score > (float)y->score;
    int32_t dx = vb_doc_date(ax, x->docno), dy = vb_doc_date(ay, y->docno);
    if (m->by_date == FMT_SORT_OLD) { /* oldest first: the same, mirrored */
        int32_t t = dx;
        dx = dy;
        dy = t;
        const fmt_lhit *h = x;
        x = y;
        y = h;
        ax = m->l->a[x->arch];
        ay = m->l->a[y->arch];
    }
    if (dx != dy)
        return dx > dy;
    if (x->arch == y->arch)
        return x->docno > y->docno;
    /* the same date in two archives: the later id first, as one would */
    size_t bad = x->arch;
    int rc = fmt_get_summary(ax, x->docno, &m->s1);
    if (!rc) {
        bad = y->arch;
        rc = fmt_get_summary(ay, y->docno, &m->s2);
    }
    if (rc) {
        m->rc = rc;
        m->failed = bad;
        return x->arch < y->arch;
    }
    int c = strcmp(m->s1.id, m->s2.id);
    return c ? c > 0 : x->arch < y->arch;
}

static int fc_value_cmp(const void *x, const void *y)
{
    return strcmp(((const fmt_facet_count *)x)->value,
                  ((const fmt_facet_count *)y)->value);
}

static int fc_count_cmp(const void *x, const void *y)
{
    const fmt_facet_count *a = x, *b = y;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    return (a->order > b->order) - (a->order < b->order);
}

/* Facet counts summed over the archives, most frequent first. */
static uint32_t fhash(uint8_t type, const char *s, size_t n)
{
    uint32_t h = 2166136261u ^ type;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h ^ h >> 15;
}

/* l->forder: every archive's facet values looked up in those before it. */
static int facet_orders(fmt_library *l)
{
    if (l->forder)
        return FMT_OK;
    size_t total = 0;
    for (size_t k = 0; k < l->n; k++) {
        int rc = results_load_facets(l->a[k]);
        if (rc)
            return rc;
        total += l->a[k]->nfvals;
    }
    size_t cap = 64;
    while (cap < 2 * total + 2)
        cap *= 2;
    /* open addressing: archive << 32 | id + 1 of the first holder, 0 empty */
    uint64_t *tab = alloc_calloc(cap, sizeof *tab);
    uint64_t **o = alloc_calloc(l->n + 1, sizeof *o);
    int rc = tab && o ? FMT_OK : FMT_NOMEM;
    for (size_t k = 0; k < l->n && !rc; k++) {
        fmt_archive *a = l->a[k];
        if (!(o[k] = alloc_calloc(a->nfvals + 1, sizeof *o[k]))) {
            rc = FMT_NOMEM;
            break;
        }
        for (uint32_t i = 0; i < a->nfvals; i++) {
            const vb_facetval *v = &a->fvals[i];
            size_t j = fhash(v->type, v->display, v->dlen) & (cap - 1);
            for (; tab[j]; j = (j + 1) & (cap - 1)) {
                uint64_t e = tab[j] - 1;
                const vb_facetval *w = &l->a[e >> 32]->fvals[e & 0xffffffffu];
                if (w->type == v->type && w->dlen == v->dlen &&
                    !memcmp(w->display, v->display, v->dlen))
                    break;
            }
            if (!tab[j])
                tab[j] = ((uint64_t)k << 32 | i) + 1;
            o[k][i] = tab[j] - 1;
        }
    }
    free(tab);
    if (rc) {
        for (size_t k = 0; o && k < l->n; k++)
            free(o[k]);
        free(o);
        return rc;
    }
    l->forder = o;
    return FMT_OK;
}

static int sum_facets(fmt_library *l, fmt_lresults *r)
{
    int rc = facet_orders(l);
    if (rc)
        return rc;
    for (int f = 0; f < FMT_NFACETS; f++) {
        size_t all = 0, n;
        for (size_t k = 0; k < r->n; k++) {
            fmt_results_facet(r->r[k], f, &n);
            all += n;
        }
        fmt_facet_count *g = alloc_calloc(all + 1, sizeof *g);
        if (!g)
            return FMT_NOMEM;
        size_t m = 0;
        /* each archive counted every value (no cap), so the sums are
         * exact; equal counts keep the order one archive of them all
         * would give: a year, kind or status by itself, a party, member
         * or addressee by where it was first met (archive, then its id) */
        int by_first = f == FMT_FACET_PARTY || f == FMT_FACET_MEMBER ||
                       f == FMT_FACET_ADDRESSEE;
        for (size_t k = 0; k < r->n; k++) {
            const fmt_facet_count *c = fmt_results_facet(r->r[k], f, &n);
            memcpy(g + m, c, n * sizeof *c);
            for (size_t i = 0; by_first && i < n; i++)
                g[m + i].order = c[i].order < l->a[k]->nfvals
                                     ? l->forder[k][c[i].order]
                                     : (uint64_t)k << 32 | c[i].order;
            m += n;
        }
        vb_sort(g, m, sizeof *g, fc_value_cmp);
        size_t k = 0;
        for (size_t i = 0; i < m; i++) {
            if (k && !strcmp(g[k - 1].value, g[i].value)) {
                g[k - 1].count += g[i].count;
                if (g[i].order < g[k - 1].order)
                    g[k - 1].order = g[i].order;
            } else {
                g[k++] = g[i];
            }
        }
        vb_sort(g, k, sizeof *g, fc_count_cmp);
        r->fc[f] = g;
        r->nfc[f] = k < MAX_LIB_FACETS ? k : MAX_LIB_FACETS;
    }
    return FMT_OK;
}

/* Hits per month summed over the archives (each list ascends). */
static int sum_months(fmt_lresults *r)
{
    size_t all = 0;
    const int32_t *m;
    const uint32_t *c;
    for (size_t k = 0; k < r->n; k++)
        all += fmt_results_months(r->r[k], &m, &c);
    r->months = alloc_calloc(all + 1, sizeof *r->months);
    r->mcounts = alloc_calloc(all + 1, sizeof *r->mcounts);
    if (!r->months || !r->mcounts)
        return FMT_NOMEM;
    size_t n = 0;
    for (size_t k = 0; k < r->n; k++) {
        size_t nm = fmt_results_months(r->r[k], &m, &c);
        for (size_t i = 0; i < nm; i++) {
            size_t at = n;
            while (at > 0 && r->months[at - 1] > m[i])
                at--;
            if (at > 0 && r->months[at - 1] == m[i]) {
                r->mcounts[at - 1] += c[i];
                continue;
            }
            memmove(r->months + at + 1, r->months + at, (n - at) * sizeof *m);
            memmove(r->mcounts + at + 1, r->mcounts + at, (n - at) * sizeof *c);
            r->months[at] = m[i];
            r->mcounts[at] = c[i];
            n++;
        }
    }
    r->nmonths = n;
    return FMT_OK;
}

void fmt_lresults_free(fmt_lresults *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < r->n; k++)
        fmt_results_free(r->r[k]);
    free(r->r);
    free(r->h);
    for (int f = 0; f < FMT_NFACETS; f++)
        free(r->fc[f]);
    free(r->months);
    free(r->mcounts);
    free(r);
}

/* The cases of all hits of all archives, each once (its documents may lie
 * in several archives: a question in one year's, its answer in the
 * next's). */
static int count_cases(fmt_library *l, fmt_lresults *r)
{
    size_t n = 0, at = 0;
    for (size_t k = 0; k < l->n; k++)
        n += results_case_keys(r->r[k], NULL, 0);
    uint64_t *keys = alloc_malloc((n + 1) * sizeof *keys);
    if (!keys)
        return FMT_NOMEM;
    for (size_t k = 0; k < l->n; k++) {
        size_t m = results_case_keys(r->r[k], keys + at, n - at);
        for (size_t i = 0; i < m; i++)
            keys[at + i] = cases_key_in(keys[at + i], k);
        at += m;
    }
    long d = cases_count_distinct(keys, at);
    free(keys);
    if (d < 0)
        return FMT_NOMEM;
    r->cases = (size_t)d;
    return FMT_OK;
}

int fmt_library_search(fmt_library *l, const fmt_query *q,
                       const fmt_search_opts *o, fmt_lresults **rp,
                       size_t *failed)
{
    fmt_search_opts none = {0};
    if (!o)
        o = &none;
    *rp = NULL;
    size_t lim = o->limit ? o->limit : 20, want = o->offset + lim;
    if (want < o->offset)
        want = (size_t)-1 / 2;
    fmt_lresults *r = alloc_calloc(1, sizeof *r);
    if (!r || !(r->r = alloc_calloc(l->n + 1, sizeof *r->r))) {
        free(r);
        return FMT_NOMEM;
    }
    r->n = l->n;
    int rc = FMT_OK;
    /* every archive scores with the statistics of them all: a library of
     * parts ranks as the whole did */
    struct fmt_stats st = {0};
    for (size_t k = 0; k < l->n && l->n > 1 && !rc; k++)
        if ((rc = search_stats_add(&st, l->a[k], q)) && failed)
            *failed = k;
    for (size_t k = 0; k < l->n && !rc; k++) {
        fmt_search_opts ok = *o;
        ok.offset = 0;
        ok.limit = want;
        vb_libsearch lib = {l->mask[k], l->n > 1 ? &st : NULL};
        rc = search_library(l->a[k], q, &ok, &lib, &r->r[k]);
        if (!rc) {
            const char *why;
            r->total += fmt_results_total(r->r[k]);
            r->cases += fmt_results_cases(r->r[k]);
            size_t sk = fmt_results_skipped(r->r[k], &why);
            if (sk && !r->skipped)
                r->skipmsg = why;
            r->skipped += sk;
        } else if (failed) {
            *failed = k;
        }
    }
    if (!rc && o->cases && l->n > 1)
        rc = count_cases(l, r);
    /* merge the archives' pages: each is in the library's order already */
    size_t *at = rc ? NULL : alloc_calloc(l->n + 1, sizeof *at);
    if (!rc && !at)
        rc = FMT_NOMEM;
    size_t cap = 0;
    for (size_t k = 0; k < l->n && !rc; k++)
        cap += fmt_results_count(r->r[k]);
    if (!rc && !(r->h = alloc_calloc(cap + 1, sizeof *r->h)))
        rc = FMT_NOMEM;
    mctx m = {l, o->sort, {0}, {0}, FMT_OK, 0};
    vb_keyset seen = {0};
    for (size_t i = 0; !rc && i < want;) {
        fmt_lhit best = {0, 0, 0, 0, 0};
        int have = 0;
        for (size_t k = 0; k < l->n; k++) {
            if (at[k] >= fmt_results_count(r->r[k]))
                continue;
            const fmt_hit *h = &fmt_results_hits(r->r[k])[at[k]];
            fmt_lhit c = {(uint32_t)k, h->docno, h->score, h->matched,
                          h->kinds};
            if (!have || before(&m, &c, &best))
                best = c, have = 1;
        }
        if (!have)
            break;
        at[best.arch]++;
        if (o->cases && l->n > 1) { /* a case in two archives: listed once,
                                       where it ranks best, with all it
                                       matched */
            uint32_t had;
            fmt_archive *ba = l->a[best.arch];
            uint64_t key = cases_key_in(ba->case_key[ba->case_ord[best.docno]],
                                        best.arch);
            if ((rc = cases_keyset_add(&seen, key, (uint32_t)i, &had)))
                break;
            if (had != UINT32_MAX) {
                if (had >= o->offset) {
                    r->h[had - o->offset].matched += best.matched;
                    r->h[had - o->offset].kinds |= best.kinds;
                }
                continue;
            }
        }
        if (i >= o->offset)
            r->h[r->nh++] = best;
        i++;
    }
    cases_keyset_free(&seen);
    if (!rc && m.rc) {
        rc = m.rc;
        if (failed)
            *failed = m.failed;
    }
    fmt_summary_free(&m.s1);
    fmt_summary_free(&m.s2);
    free(at);
    free(st.df);
    if (!rc && o->facets && !(rc = sum_facets(l, r)))
        rc = sum_months(r);
    if (rc) {
        fmt_lresults_free(r);
        return rc;
    }
    *rp = r;
    return FMT_OK;
}

size_t fmt_lresults_total(const fmt_lresults *r) { return r->total; }
size_t fmt_lresults_cases(const fmt_lresults *r) { return r->cases; }

size_t fmt_lresults_skipped(const fmt_lresults *r, const char **msg)
{
    if (msg)
        *msg = r->skipmsg ? r->skipmsg : "";
    return r->skipped;
}

const fmt_lhit *fmt_lresults_hits(const fmt_lresults *r, size_t *n)
{
    *n = r->nh;
    return r->h;
}

const fmt_facet_count *fmt_lresults_facet(const fmt_lresults *r, int facet,
                                          size_t *n)
{
    if (facet < 0 || facet >= FMT_NFACETS) {
        *n = 0;
        return NULL;
    }
    *n = r->nfc[facet];
    return r->fc[facet];
}

size_t fmt_lresults_months(const fmt_lresults *r, const int32_t **months,
                           const uint32_t **counts)
{
    *months = r->months;
    *counts = r->mcounts;
    return r->nmonths;
}

/* ---- split archives ----------------------------------------------------- */

void fmt_part_path(const char *path1, unsigned i, char *out, size_t cap)
{
    size_t n = strlen(path1);
    if (i <= 1)
        snprintf(out, cap, "%s", path1);
    else if (n > 4 && !strcmp(path1 + n - 4, ".vbk"))
        snprintf(out, cap, "%.*s.%u.vbk", (int)(n - 4), path1, i);
    else
        snprintf(out, cap, "%s.%u", path1, i);
}

void fmt_parts_free(char **paths, size_t n)
{
    for (size_t i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
}

int fmt_parts(const char *path, char ***paths, size_t *n, char *msg,
              size_t msglen)
{
    fmt_archive *a;
    fmt_info first, in;
    *paths = NULL;
    *n = 0;
    int rc = fmt_open(&a, path, msg, msglen);
    if (rc)
        return rc;
    rc = fmt_get_info(a, &first);
    if (rc)
        snprintf(msg, msglen, "%s", fmt_errmsg(a));
    size_t k = first.nparts > 1 ? first.nparts : 1;
    /* part 1 names the others' checksums: its own then vouches for all */
    fmt_buf sums = {0};
    const unsigned char *v;
    size_t vl = 0;
    if (!rc && k > 1 && first.part == 1 &&
        store_get(a, a->meta, "partsums", 8, &v, &vl) == FMT_OK &&
        vl == 65 * (k - 1) - 1 && fmt_buf_append(&sums, v, vl))
        rc = FMT_NOMEM;
    fmt_close(a);
    if (!rc && k > 1 && first.part != 1) {
        snprintf(msg, msglen, "%s is part %u of %u of a split archive: open "
                 "its first part", path, first.part, first.nparts);
        rc = FMT_INVALID;
    } else if (!rc && k > 1 && sums.len != 65 * (k - 1) - 1) {
        snprintf(msg, msglen, "%s: the checksums of its parts are missing "
                 "or damaged", path);
        rc = FMT_CORRUPT;
    }
    if (rc) {
        fmt_buf_free(&sums);
        return rc;
    }
    char **p = alloc_calloc(k, sizeof *p);
    if (!p) {
        fmt_buf_free(&sums);
        return FMT_NOMEM;
    }
    for (size_t i = 0; i < k && !rc; i++) {
        char name[1100];
        fmt_part_path(path, (unsigned)i + 1, name, sizeof name);
        if (!(p[i] = alloc_strndup(name, strlen(name)))) {
            rc = FMT_NOMEM;
            break;
        }
        if (i == 0)
            continue;
        if ((rc = fmt_open(&a, name, msg, msglen))) {
            char why[600];
            snprintf(why, sizeof why, "%s", msg);
            snprintf(msg, msglen, "%s is split into %u parts, and part %zu "
                     "cannot be opened: %s", path, first.nparts, i + 1, why);
            break;
        }
        rc = fmt_get_info(a, &in);
        if (rc)
            snprintf(msg, msglen, "%s", fmt_errmsg(a));
        fmt_close(a);
        if (!rc && (in.part != i + 1 || in.nparts != first.nparts ||
                    strncmp(in.checksum, sums.data + 65 * (i - 1), 64) ||
                    strcmp(in.title, first.title) ||
                    strcmp(in.edition, first.edition) ||
                    in.created != first.created)) {
            snprintf(msg, msglen, "%s is not part %zu of %u of %s (edition "
                     "%s)", name, i + 1, first.nparts, path, first.edition);
            rc = FMT_INVALID;
        }
    }
    fmt_buf_free(&sums);
    if (rc) {
        fmt_parts_free(p, k);
        return rc;
    }
    *paths = p;
    *n = k;
    return FMT_OK;
}
