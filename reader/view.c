/* view.c - the reader's state and what input does to it (no SDL).
 *
 * Screens, focus, history, the search field and the lists live here; the
 * case thread is built in vcase.c and everything is drawn by vrender.c
 * into a display list. Input arrives as vin events from main.c (or from a
 * test), results of searches through view_results().
 *
 * The browse list is found from the summaries on demand (see vbrowse in
 * view.h); search results arrive a page at a time from the worker. Both
 * are shown with rows of one fixed height, so scrolling is arithmetic and
 * only the visible rows are ever looked at.
 */
#include "vpriv.h"
#include "vmem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config.def.h"

#define NZOOM ((int)(sizeof cfg_zoom / sizeof cfg_zoom[0]))
#define SCAN_MAX 20000       /* summaries looked at to find one row */
#define TOAST_MS 3500

/* ---- sizes, colours, small helpers ----------------------------------- */

static void update_sizes(view *v)
{
    int base = v->h < cfg_small_height ? cfg_small_px : cfg_font_px;
    int px = base * v->cfg.dpi_pct / 100 * cfg_zoom[v->zoom] / 100;

    v->px = px < 8 ? 8 : px > 120 ? 120 : px;
    v->lh = vp_lh(v, v->px);
    v->flush_cache = 1;
}

int vp_px(const view *v, int pxc)
{
    switch (pxc) {
    case PXC_SMALL: return v->px * 86 / 100;
    case PXC_H1: return v->px * 140 / 100;
    case PXC_H2: return v->px * 112 / 100;
    default: return v->px;
    }
}

int vp_lh(const view *v, int px)
{
    return v->m.height(v->m.ctx, LF_REGULAR, px);
}

int vp_tw(const view *v, int face, int px, const char *s, size_t n)
{
    return n ? v->m.width(v->m.ctx, face, px, s, n) : 0;
}

int vp_row_h(const view *v)
{
    int pad = v->px / 2, small = vp_lh(v, vp_px(v, PXC_SMALL));
    int h = 2 * pad + 2 * small + v->lh;

    return vp_searching(v) ? h + 2 * small : h;
}

int vp_osk_visible(const view *v)
{
    return v->cfg.osk && (v->focus == FO_SEARCH || v->focus == FO_FIND ||
                          v->focus == FO_JUMP) && !v->help;
}

const char *vp_s(const view *v, int id)
{
    return tr(v->cfg.lang, id);
}

void vp_geom(const view *v, vgeom *g)
{
    int avail, maxcol;

    memset(g, 0, sizeof *g);
    g->pad = v->px * 3 / 4;
    g->bar_h = v->lh + v->px + g->pad;
    g->sb_w = v->px * 2 / 3 < 8 ? 8 : v->px * 2 / 3;
    if (v->cfg.osk)
        g->sb_w = v->px;
    if (vp_osk_visible(v)) {
        g->osk_h = v->h * 42 / 100;
        if (g->osk_h > v->lh * 13)
            g->osk_h = v->lh * 13;
    }
    if (v->focus == FO_JUMP || (v->screen == SC_DOC && (v->focus == FO_FIND || v->find[0])))
        g->find_h = v->lh + 2 * g->pad;
    g->top = g->bar_h;
    g->bottom = v->h - g->osk_h - g->find_h;
    if (g->bottom < g->top + v->lh)
        g->bottom = g->top + v->lh;
    g->right = v->w;
    if (v->screen == SC_LIST && v->w >= cfg_sidepane_min) {
        g->side_w = v->w * 27 / 100;
        g->side_w = g->side_w < 280 ? 280 : g->side_w > 480 ? 480 : g->side_w;
        g->side_x = v->w - g->side_w;
        g->right = g->side_x;
    }
    avail = g->right - g->left - 2 * g->pad - g->sb_w;
    maxcol = cfg_measure_em * v->px;
    g->col_w = avail < maxcol ? avail : maxcol;
    if (g->col_w < 40)
        g->col_w = 40;
    g->col_x = g->left + (g->right - g->left - g->sb_w - g->col_w) / 2;
}

uint32_t view_rgb(const view *v, int role)
{
    int t = v->cfg.theme >= 0 && v->cfg.theme < THEME_COUNT ? v->cfg.theme : 0;

    if (role < 0 || role >= C_NCOLORS)
        role = C_FG;
    return cfg_themes[t][role];
}

static int luma(uint32_t rgb)
{
    return (int)(((rgb >> 16 & 255) * 299 + (rgb >> 8 & 255) * 587 + (rgb & 255) * 114) / 1000);
}

/* Party colours are chosen for paper: on a dark background the darkest of
 * them (navy, near-black) would vanish, so there they are mixed with white
 * until they stand out. White text on them stays readable. */
uint32_t view_party_rgb(const view *v, const char *party)
{
    size_t i;
    uint32_t c;
    int k;

    for (i = 0; i < sizeof cfg_parties / sizeof cfg_parties[0]; i++)
        if (!strcasecmp(cfg_parties[i].name, party))
            break;
    if (i == sizeof cfg_parties / sizeof cfg_parties[0])
        return view_rgb(v, C_ACCENT);
    c = cfg_parties[i].rgb;
    for (k = 0; k < 8 && luma(view_rgb(v, C_BG)) < 128 && luma(c) < 85; k++)
        c = (((c >> 16 & 255) * 3 + 255) / 4) << 16 | (((c >> 8 & 255) * 3 + 255) / 4) << 8 |
            ((c & 255) * 3 + 255) / 4;
    return c;
}

void vp_date_long(const view *v, int32_t ymd, char *out, size_t cap)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

    if (ymd <= 0 || m < 1 || m > 12)
        snprintf(out, cap, "?");
    else if (v->cfg.lang == LANG_EN)
        snprintf(out, cap, "%d %s %d", d, tr_month_long(LANG_EN, m), y);
    else
        snprintf(out, cap, "%d %s %d", d, tr_month_long(LANG_NL, m), y);
}

void vp_date_short(int32_t ymd, char *out, size_t cap)
{
    if (ymd <= 0)
        snprintf(out, cap, "?");
    else
        snprintf(out, cap, "%02d-%02d-%04d", (int)(ymd % 100), (int)(ymd / 100 % 100),
                 (int)(ymd / 10000));
}

void vp_status(const view *v, int status, int days, char *out, size_t cap, int *role)
{
    *role = C_DIM;
    switch (status) {
    case FMT_STATUS_OPEN:
        snprintf(out, cap, "%s", vp_s(v, S_ST_OPEN));
        *role = C_OPEN;
        break;
    case FMT_STATUS_ANSWERED:
        if (days >= 0)
            snprintf(out, cap, vp_s(v, S_ST_ANSWERED), days);
        else
            snprintf(out, cap, "%s", vp_s(v, S_ST_DAYS));
        *role = C_OK;
        break;
    case FMT_STATUS_LATE:
        if (days >= 0)
            snprintf(out, cap, vp_s(v, S_ST_LATE), days);
        else
            snprintf(out, cap, "%s", vp_s(v, S_ST_LATE1));
        *role = C_LATE;
        break;
    case FMT_STATUS_WITHDRAWN:
        snprintf(out, cap, "%s", vp_s(v, S_ST_WITHDRAWN));
        *role = C_GONE;
        break;
    default:
        out[0] = '\0';
    }
}

static void toast(view *v, const char *fmt, const char *arg)
{
    snprintf(v->toast, sizeof v->toast, fmt, arg ? arg : "");
    v->toast_until = v->now + TOAST_MS;
    v->wake_ms = v->toast_until;
    v->dirty = 1;
}

static varch *cur_arch(view *v)
{
    return v->narch > 0 ? &v->arch[v->cur] : NULL;
}

/* ---- rows ------------------------------------------------------------ */

void vp_row_free(vrow *r)
{
    free(r->id);
    free(r->zaak);
    free(r->subject);
    free(r->members);
    free(r->parties);
    free(r->addressees);
    free(r->snippet);
    memset(r, 0, sizeof *r);
}

static char *sdup(const char *s)
{
    char *d = strdup(s ? s : "");
    return d;
}

static void row_from_summary(vrow *r, uint32_t d, const fmt_summary *s)
{
    memset(r, 0, sizeof *r);
    r->docno = d;
    r->kind = s->kind;
    r->status = s->status;
    r->answer_days = s->answer_days;
    r->date = s->date;
    r->id = sdup(s->id);
    r->zaak = sdup(s->zaak);
    r->subject = sdup(s->subject);
    r->members = sdup(s->members);
    r->parties = sdup(s->parties);
    r->addressees = sdup(s->addressees);
}

/* Whether docno d (summary s) is a row of its own in the browse list. */
static int browse_included(fmt_archive *a, uint32_t d, const fmt_summary *s)
{
    uint32_t docs[64];
    size_t n = 0;
    fmt_summary first;
    int first_q;

    if (s->kind == FMT_QUESTION || !s->zaak[0])
        return 1;
    if (fmt_zaak_docs(a, s->zaak, docs, 64, &n) != FMT_OK || n == 0)
        return 1;
    memset(&first, 0, sizeof first);
    first_q = fmt_get_summary(a, docs[0], &first) == FMT_OK && first.kind == FMT_QUESTION;
    fmt_summary_free(&first);
    if (first_q)
        return 0;
    return d == docs[(n < 64 ? n : 64) - 1];
}

/* The browse list runs over every archive of a library as one, in date
 * order (ties: by id, as in one archive): its positions are 0..vp_browse_count()-1, and a position
 * is an archive and a document there (bmap). With one archive a
 * position is the document number. */
int64_t vp_browse_count(const view *v)
{
    int64_t n = 0;
    int i;

    for (i = 0; i < v->narch; i++)
        if (v->arch[i].a)
            n += v->arch[i].info.documents;
    return n;
}

/* Documents dated before ymd, in all archives. */
static int64_t dated_before(const view *v, int32_t ymd)
{
    int64_t n = 0;
    int i;

    for (i = 0; i < v->narch; i++)
        if (v->arch[i].a)
            n += fmt_first_dated(v->arch[i].a, ymd);
    return n;
}

/* The r-th document dated ymd in the library. Within a day documents go
 * by id, as one archive of them all would number them: the archives'
 * documents of the day are merged by id (a day holds few, and only a
 * day that more than one archive has needs it). */
static int bmap_day(const view *v, int32_t ymd, int64_t r, int *arch,
                    uint32_t *docno)
{
    uint32_t f[WK_ARCH_MAX], t[WK_ARCH_MAX];
    char *head[WK_ARCH_MAX] = {0};
    fmt_summary s = {0};
    int i, n = 0, only = -1, rc = -1;

    for (i = 0; i < v->narch && i < WK_ARCH_MAX; i++) {
        f[i] = t[i] = 0;
        if (!v->arch[i].a)
            continue;
        f[i] = fmt_first_dated(v->arch[i].a, ymd);
        t[i] = fmt_first_dated(v->arch[i].a, ymd + 1);
        if (t[i] > f[i]) {
            n++;
            only = i;
        }
    }
    if (n == 1 && r < (int64_t)(t[only] - f[only])) {
        *arch = only;
        *docno = f[only] + (uint32_t)r;
        return 0;
    }
    for (; n > 1 && r >= 0; r--) {
        int best = -1;
        for (i = 0; i < v->narch && i < WK_ARCH_MAX; i++) {
            if (f[i] >= t[i])
                continue;
            if (!head[i]) { /* the id of the archive's next document */
                if (fmt_get_summary(v->arch[i].a, f[i], &s))
                    goto out;
                head[i] = strdup(s.id);
                if (!head[i])
                    goto out;
            }
            if (best < 0 || strcmp(head[i], head[best]) < 0)
                best = i;
        }
        if (best < 0)
            break;
        if (r == 0) {
            *arch = best;
            *docno = f[best];
            rc = 0;
            break;
        }
        f[best]++;
        free(head[best]);
        head[best] = NULL;
    }
out:
    for (i = 0; i < WK_ARCH_MAX; i++)
        free(head[i]);
    fmt_summary_free(&s);
    return rc;
}

static int bmap(const view *v, int64_t x, int *arch, uint32_t *docno)
{
    int32_t lo = 0, hi = 99991231;
    int64_t r;

    if (x < 0 || x >= vp_browse_count(v))
        return -1;
    if (v->narch == 1) {
        *arch = 0;
        *docno = (uint32_t)x;
        return 0;
    }
    while (lo < hi) { /* the latest date with at most x documents before */
        int32_t mid = lo + (hi - lo + 1) / 2;
        if (dated_before(v, mid) <= x)
            lo = mid;
        else
            hi = mid - 1;
    }
    r = x - dated_before(v, lo);
    return bmap_day(v, lo, r, arch, docno);
}

/* A newer archive of the library holds id too: that one's is shown. */
static int shadowed(const view *v, int arch, const char *id)
{
    uint32_t d;
    int j;

    for (j = 0; j < v->narch; j++)
        if (j != arch && v->arch[j].a &&
            fmt_newer(&v->arch[j].info, (size_t)j, &v->arch[arch].info, (size_t)arch) &&
            fmt_find(v->arch[j].a, id, &d) == FMT_OK)
            return 1;
    return 0;
}

vbrowse_slot *vp_bslot(view *v, uint32_t x)
{
    vbrowse_slot *s;
    fmt_summary sum;
    fmt_archive *a;
    uint32_t d;
    int arch;

    if (!v->browse.cache || bmap(v, x, &arch, &d) < 0)
        return NULL;
    a = v->arch[arch].a;
    s = &v->browse.cache[x % BROWSE_CACHE];
    if (s->docno == x)
        return s;
    vp_row_free(&s->row);
    memset(&sum, 0, sizeof sum);
    if (fmt_get_summary(a, d, &sum) == FMT_OK) {
        row_from_summary(&s->row, d, &sum);
        s->included = browse_included(a, d, &sum) &&
                      (v->narch == 1 || !shadowed(v, arch, sum.id));
    } else {
        /* a damaged record still gets a row, saying so */
        fmt_summary_free(&sum);
        memset(&sum, 0, sizeof sum);
        sum.id = sum.zaak = sum.members = sum.parties = sum.addressees = "";
        sum.subject = fmt_errmsg(a);
        row_from_summary(&s->row, d, &sum);
        s->included = 1;
        memset(&sum, 0, sizeof sum);
    }
    fmt_summary_free(&sum);
    if (!s->row.id || !s->row.zaak || !s->row.subject || !s->row.members ||
        !s->row.parties || !s->row.addressees) {
        vp_row_free(&s->row);
        s->docno = UINT32_MAX;
        return NULL;
    }
    s->row.arch = arch;
    s->docno = x;
    return s;
}

int64_t vp_next_row(view *v, int64_t d)
{
    int64_t x;
    int n = 0;

    for (x = d - 1; x >= 0 && n < SCAN_MAX; x--, n++) {
        vbrowse_slot *s = vp_bslot(v, (uint32_t)x);
        if (s && s->included)
            return x;
    }
    return -1;
}

int64_t vp_prev_row(view *v, int64_t d)
{
    int64_t x, total = vp_browse_count(v);
    int n = 0;

    for (x = d + 1; x < total && n < SCAN_MAX; x++, n++) {
        vbrowse_slot *s = vp_bslot(v, (uint32_t)x);
        if (s && s->included)
            return x;
    }
    return -1;
}

int vp_searching(const view *v)
{
    const char *q = v->query;

    while (*q == ' ')
        q++;
    return *q != '\0';
}

const vrow *vp_res_row(view *v, size_t i)
{
    return i < v->res.nrows ? &v->res.rows[i] : NULL;
}

static int list_vis(view *v);

static void submit(view *v, uint64_t gen, const char *q, size_t offset, int first,
                   int sort)
{
    wk_req r;

    if (!v->worker)
        return;
    memset(&r, 0, sizeof r);
    r.gen = gen;
    snprintf(r.query, sizeof r.query, "%s", q);
    r.sort = sort;
    r.offset = offset;
    r.limit = RES_PAGE;
    r.first = first ? (size_t)list_vis(v) + 2 : 0;   /* the screen, at once */
    r.facets = first;
    r.snippets = 1;
    r.snippet_len = 300;
    r.stats = first;
    wk_submit(v->worker, &r);
}

/* Rank by relevance when the query has words; a query of filters alone
 * (partij:CDA jaar:2022) lists newest first. */
static int query_sort(const char *q)
{
    char buf[TEXT_MAX], *tok, *save = NULL;

    snprintf(buf, sizeof buf, "%s", q);
    for (tok = strtok_r(buf, " ()", &save); tok; tok = strtok_r(NULL, " ()", &save)) {
        if (strchr(tok, ':') || *tok == '-' || !strcmp(tok, "OR") || !strcmp(tok, "AND") ||
            !strcmp(tok, "NOT") || !strcmp(tok, "|"))
            continue;
        return FMT_SORT_RANK;
    }
    return FMT_SORT_DATE;
}

void vp_res_need(view *v, size_t i)
{
    vresults *r = &v->res;

    if (!r->have || r->page_wanted || r->nrows >= r->total || i + 10 < r->nrows)
        return;
    submit(v, r->gen, v->query, r->nrows, 0, query_sort(v->query));
    r->page_wanted = 1;
}

static void res_reset(view *v)
{
    size_t i;

    for (i = 0; i < v->res.nrows; i++)
        vp_row_free(&v->res.rows[i]);
    free(v->res.rows);
    wk_result_free(v->res.first);
    wk_result_free(v->res.stats);
    memset(&v->res, 0, sizeof v->res);
}

/* Ask for the statistics of all questions (home chart) if not yet. */
static void home_request(view *v)
{
    wk_req r;

    if (!v->worker || v->home || (v->homegen && v->homegen == v->qgen))
        return;
    memset(&r, 0, sizeof r);
    r.gen = v->homegen = ++v->qgen;
    snprintf(r.query, sizeof r.query, "soort:vraag");
    r.sort = FMT_SORT_DATE;
    r.limit = 1;
    r.facets = 1;
    r.stats = 1;
    wk_submit(v->worker, &r);
}

/* The query text changed: search again (or go back to browsing). */
static void query_changed(view *v)
{
    varch *A = cur_arch(v);
    char err[160];
    size_t pos;

    fmt_query_free(v->hlq);
    v->hlq = NULL;
    v->qgen++;
    v->chip_sel = -1;
    if (!vp_searching(v)) {
        res_reset(v);
        v->searching = 0;
        home_request(v);
        v->dirty = 1;
        return;
    }
    if (A && A->a && fmt_query_parse(&v->hlq, v->query, err, sizeof err, &pos) != FMT_OK)
        v->hlq = NULL;
    v->searching = 1;
    v->qstart = v->now;
    v->res.page_wanted = 0;
    submit(v, v->qgen, v->query, 0, 1, query_sort(v->query));
    v->dirty = 1;
}

void view_set_query(view *v, const char *q)
{
    if (q != v->query)
        snprintf(v->query, sizeof v->query, "%s", q ? q : "");
    v->qcur = strlen(v->query);
    query_changed(v);
}

static void take_hits(vresults *r, wk_result *w)
{
    size_t need = r->nrows + w->count, i;

    if (need > r->cap) {
        size_t cap = r->cap ? r->cap : 64;
        vrow *n;
        while (cap < need)
            cap *= 2;
        n = realloc(r->rows, cap * sizeof *n);
        if (!n)
            return;              /* rows stay as they were; the page is dropped */
        r->rows = n;
        r->cap = cap;
    }
    for (i = 0; i < w->count; i++)
        r->rows[r->nrows++] = w->hits[i];
    free(w->hits);
    w->hits = NULL;
    w->count = 0;
}

static void restore_results_pos(view *v)
{
    if (!v->has_pending)
        return;
    v->res.scroll = v->pending.scroll;
    v->res.sel = v->pending.rsel;
    v->has_pending = 0;
}

static void got_result(view *v, wk_result *r)
{
    if (r->gen == v->homegen) {
        wk_result **slot = r->type == WK_STATS ? &v->homestats : &v->home;
        wk_result_free(*slot);
        *slot = r;
        v->dirty = 1;
        return;
    }
    if (r->gen != v->qgen) {
        wk_result_free(r);
        return;
    }
    v->dirty = 1;
    if (r->type == WK_STATS) {
        wk_result_free(v->res.stats);
        v->res.stats = r;
        return;
    }
    if (r->offset == 0) {
        res_reset(v);
        v->res.gen = r->gen;
        v->res.have = 1;
        v->res.err = r->err;
        snprintf(v->res.msg, sizeof v->res.msg, "%s", r->msg);
        v->res.total = r->err ? 0 : r->total;
        take_hits(&v->res, r);
        v->res.page_wanted = r->more;    /* the rest of the page is coming */
        v->res.first = r;
        if (v->searching)
            v->lat_due = 1;
        v->searching = 0;
        restore_results_pos(v);
        return;
    }
    if (r->offset == v->res.nrows && v->res.have)
        take_hits(&v->res, r);
    v->res.page_wanted = 0;
    wk_result_free(r);
}

void view_results(view *v, uint32_t now)
{
    wk_result *r;

    if (!v->worker)
        return;
    v->now = now;
    while ((r = wk_take(v->worker)))
        got_result(v, r);
}

int view_busy(view *v)
{
    return v->worker && wk_busy(v->worker);
}

/* ---- facet chips ----------------------------------------------------- */

static const char *kind_word(const char *v)
{
    int k = fmt_kind_parse(v);
    return k == FMT_QUESTION ? "vraag" : k == FMT_ANSWER ? "antwoord" :
           k == FMT_NOTICE ? "mededeling" : v;
}

static const char *status_word(const char *s)
{
    if (!strcmp(s, "answered"))
        return "beantwoord";
    if (!strcmp(s, "late"))
        return "laat";
    if (!strcmp(s, "withdrawn"))
        return "ingetrokken";
    return s;
}

/* The word of a name or addressee that a field filter can use: the
 * surname, or the longest word of a ministry. */
static void key_word(const char *val, int longest, char *out, size_t cap)
{
    const char *p = val, *best = val;
    size_t bestn = 0;

    while (*p) {
        const char *q;
        size_t n;
        while (*p == ' ' || *p == ',')
            p++;
        for (q = p; *q && *q != ' ' && *q != ',' && *q != '(' && *q != ')'; q++)
            ;
        n = (size_t)(q - p);
        if (n && (!longest || n > bestn) && *p != '(') {
            best = p;
            bestn = n;
        }
        p = *q ? q + 1 : q;
    }
    snprintf(out, cap, "%.*s", (int)bestn, best);
}

static int has_token(const char *q, const char *tok)
{
    size_t n = strlen(tok);
    const char *p = q;

    while ((p = strstr(p, tok))) {
        if ((p == q || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

static void chip_add(vchip *c, int *n, int cap, const char *label, const char *token,
                     uint32_t count, int active, int facet)
{
    if (*n >= cap)
        return;
    snprintf(c[*n].label, sizeof c[*n].label, "%s", label);
    snprintf(c[*n].token, sizeof c[*n].token, "%s", token);
    c[*n].count = count;
    c[*n].active = active;
    c[*n].facet = facet;
    (*n)++;
}

static const char *facet_label(view *v, int f, const char *val, char *buf, size_t cap)
{
    if (f == FMT_FACET_KIND) {
        int k = fmt_kind_parse(val);
        return vp_s(v, k == FMT_ANSWER ? S_K_ANSWER : k == FMT_NOTICE ? S_K_NOTICE : S_K_QUESTION);
    }
    if (f == FMT_FACET_STATUS) {
        if (!strcmp(val, "answered"))
            return vp_s(v, S_ST_DAYS);
        if (!strcmp(val, "late"))
            return vp_s(v, S_ST_LATE1);
        if (!strcmp(val, "withdrawn"))
            return vp_s(v, S_ST_WITHDRAWN);
        return vp_s(v, S_ST_OPEN);
    }
    snprintf(buf, cap, "%s", val);
    return buf;
}

int vp_chips(view *v, vchip *out, int cap)
{
    static const int order[] = { FMT_FACET_PARTY, FMT_FACET_YEAR, FMT_FACET_STATUS,
                                 FMT_FACET_KIND, FMT_FACET_MEMBER, FMT_FACET_ADDRESSEE };
    static const int per[] = { 6, 5, 4, 3, 3, 2 };
    char buf[TEXT_MAX], *tok, *save = NULL, token[112], word[80], lab[96];
    const wk_result *r = v->res.first;
    int n = 0;
    size_t k, i;

    /* filters already in the query come first, to be switched off */
    snprintf(buf, sizeof buf, "%s", v->query);
    for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
        if (strchr(tok, ':') && tok[0] != '"')
            chip_add(out, &n, cap, tok, tok, 0, 1, -1);
    if (!r || r->err)
        return n;
    for (k = 0; k < sizeof order / sizeof order[0]; k++) {
        int f = order[k], shown = 0;
        for (i = 0; i < r->nfacets[f] && shown < per[k]; i++) {
            const char *val = r->facets[f][i].value;
            if (!val[0] || r->facets[f][i].count == r->total)
                continue;   /* a filter that keeps everything is no filter */
            switch (f) {
            case FMT_FACET_PARTY: snprintf(token, sizeof token, "partij:%s", val); break;
            case FMT_FACET_YEAR: snprintf(token, sizeof token, "jaar:%s", val); break;
            case FMT_FACET_KIND: snprintf(token, sizeof token, "soort:%s", kind_word(val)); break;
            case FMT_FACET_STATUS: snprintf(token, sizeof token, "status:%s", status_word(val)); break;
            case FMT_FACET_MEMBER:
                key_word(val, 0, word, sizeof word);
                snprintf(token, sizeof token, "lid:%s", word);
                break;
            default:
                key_word(val, 1, word, sizeof word);
                snprintf(token, sizeof token, "aan:%s", word);
                break;
            }
            if (strchr(token, ' ') || has_token(v->query, token))
                continue;
            chip_add(out, &n, cap, facet_label(v, f, val, lab, sizeof lab), token,
                     r->facets[f][i].count, 0, f);
            shown++;
        }
    }
    return n;
}

void vp_chip_toggle(view *v, const vchip *c)
{
    char q[TEXT_MAX * 2];
    size_t n = strlen(c->token);

    if (c->active) {
        char *p = v->query, *w = q;
        while (*p) {
            if ((p == v->query || p[-1] == ' ') && !strncmp(p, c->token, n) &&
                (p[n] == ' ' || p[n] == '\0')) {
                p += n;
                continue;
            }
            *w++ = *p++;
        }
        *w = '\0';
    } else {
        snprintf(q, sizeof q, "%s%s%s", v->query,
                 v->query[0] && v->query[strlen(v->query) - 1] != ' ' ? " " : "", c->token);
    }
    /* collapse the spaces a removal leaves behind */
    {
        char *r = q, *w = q;
        int sp = 1;
        for (; *r; r++) {
            if (*r == ' ' && sp)
                continue;
            sp = *r == ' ';
            *w++ = *r;
        }
        while (w > q && w[-1] == ' ')
            w--;
        *w = '\0';
    }
    if (strlen(q) >= sizeof v->query)
        return;
    view_set_query(v, q);
}

/* ---- browse list ----------------------------------------------------- */

static int list_vis(view *v)
{
    int rh = vp_row_h(v), hgt = v->list_bottom - v->list_top;

    if (hgt <= 0) {
        vgeom g;
        vp_geom(v, &g);
        hgt = g.bottom - g.top - 3 * v->lh;
    }
    return hgt / rh > 1 ? hgt / rh : 1;
}

static void browse_first(view *v)
{
    vbrowse *b = &v->browse;
    vbrowse_slot *s;
    int64_t n = vp_browse_count(v);

    b->top = b->sel = -1;
    b->top_off = 0;
    if (n == 0)
        return;
    s = vp_bslot(v, (uint32_t)(n - 1));
    b->top = s && s->included ? n - 1 : vp_next_row(v, n - 1);
    b->sel = b->top;
}

static int rows_from(view *v, int64_t d, int max)
{
    int n = 0;

    while (d >= 0 && n < max) {
        n++;
        d = vp_next_row(v, d);
    }
    return n;
}

static void browse_scroll(view *v, int64_t dy)
{
    vbrowse *b = &v->browse;
    int rh = vp_row_h(v), vis = list_vis(v);
    int64_t off;

    if (b->top < 0)
        return;
    off = b->top_off + dy;
    while (off >= rh) {
        int64_t n = vp_next_row(v, b->top);
        if (n < 0 || rows_from(v, n, vis) < vis) {
            off = 0;
            break;
        }
        b->top = n;
        off -= rh;
    }
    while (off < 0) {
        int64_t p = vp_prev_row(v, b->top);
        if (p < 0) {
            off = 0;
            break;
        }
        b->top = p;
        off += rh;
    }
    b->top_off = (int)off;
}

/* Keep the selected row in view. */
static void browse_show_sel(view *v)
{
    vbrowse *b = &v->browse;
    int vis = list_vis(v), i = 0, k;
    int64_t x = b->top;

    if (b->sel < 0 || b->top < 0)
        return;
    if (b->sel > b->top || (b->sel == b->top && b->top_off > 0)) {
        b->top = b->sel;
        b->top_off = 0;
        return;
    }
    while (x >= 0 && x != b->sel && i < vis + 1) {
        x = vp_next_row(v, x);
        i++;
    }
    if (x == b->sel && i < vis)
        return;
    /* put the selection on the last full row */
    b->top = b->sel;
    b->top_off = 0;
    for (k = 0; k < vis - 1; k++) {
        int64_t p = vp_prev_row(v, b->top);
        if (p < 0)
            break;
        b->top = p;
    }
}

static void browse_move(view *v, int k)
{
    vbrowse *b = &v->browse;

    if (b->sel < 0)
        return;
    while (k > 0) {
        int64_t n = vp_next_row(v, b->sel);
        if (n < 0)
            break;
        b->sel = n;
        k--;
    }
    while (k < 0) {
        int64_t p = vp_prev_row(v, b->sel);
        if (p < 0)
            break;
        b->sel = p;
        k++;
    }
    browse_show_sel(v);
}

static void browse_end(view *v)
{
    vbrowse_slot *s = vp_bslot(v, 0);

    v->browse.sel = s && s->included ? 0 : vp_prev_row(v, 0);
    browse_show_sel(v);
}

/* Show the newest row dated on or before ymd. */
static void browse_jump(view *v, int32_t ymd)
{
    uint32_t lo = 0, hi;
    vbrowse_slot *s;
    int64_t d;

    if (vp_browse_count(v) == 0)
        return;
    hi = (uint32_t)vp_browse_count(v); /* the first position dated after ymd */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        s = vp_bslot(v, mid);
        if (s && s->row.date > ymd)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo == 0) {
        browse_end(v);
        return;
    }
    d = lo - 1;
    s = vp_bslot(v, (uint32_t)d);
    if (!s || !s->included)
        d = vp_next_row(v, d);
    if (d < 0) {
        browse_end(v);
        return;
    }
    v->browse.top = v->browse.sel = d;
    v->browse.top_off = 0;
    browse_scroll(v, 0);
}

/* ---- results list ---------------------------------------------------- */

static int64_t res_max_scroll(view *v)
{
    int64_t h = (int64_t)v->res.total * vp_row_h(v) - (v->list_bottom - v->list_top);
    return h > 0 ? h : 0;
}

static void res_clamp(view *v)
{
    int64_t m = res_max_scroll(v);

    if (v->res.scroll > m)
        v->res.scroll = m;
    if (v->res.scroll < 0)
        v->res.scroll = 0;
}

static void res_show_sel(view *v)
{
    int rh = vp_row_h(v), hgt = v->list_bottom - v->list_top;
    int64_t y = (int64_t)v->res.sel * rh;

    if (y < v->res.scroll)
        v->res.scroll = y;
    else if (y + rh > v->res.scroll + hgt)
        v->res.scroll = y + rh - hgt;
    res_clamp(v);
}

static void res_move(view *v, long k)
{
    long s = (long)v->res.sel + k;

    if (v->res.total == 0)
        return;
    if (s < 0)
        s = 0;
    if (s >= (long)v->res.total)
        s = (long)v->res.total - 1;
    v->res.sel = (size_t)s;
    res_show_sel(v);
    vp_res_need(v, v->res.sel);
}

/* ---- history --------------------------------------------------------- */

static void capture(view *v, vhist *h)
{
    memset(h, 0, sizeof *h);
    h->screen = v->screen;
    snprintf(h->zaak, sizeof h->zaak, "%s", v->cs.zaak);
    snprintf(h->query, sizeof h->query, "%s", v->query);
    h->scroll = v->screen == SC_DOC ? v->cs.scroll : v->res.scroll;
    h->top = v->browse.top;
    h->sel = v->browse.sel;
    h->top_off = v->browse.top_off;
    h->rsel = v->res.sel;
}

static void push(vhist *stack, int *n, const vhist *h)
{
    if (*n == HIST_MAX) {
        memmove(stack, stack + 1, (HIST_MAX - 1) * sizeof *stack);
        (*n)--;
    }
    stack[(*n)++] = *h;
}

/* Leaving the current place for another: remember it. */
static void go(view *v)
{
    vhist h;

    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        return;
    capture(v, &h);
    push(v->back, &v->nback, &h);
    v->nfwd = 0;
}

static int load_zaak(view *v, const char *what);

static void restore(view *v, const vhist *h)
{
    v->focus = FO_LIST;
    v->help = 0;
    switch (h->screen) {
    case SC_DOC:
        if (load_zaak(v, h->zaak) == 0)
            v->cs.scroll = h->scroll;
        break;
    case SC_LIST:
        v->screen = SC_LIST;
        if (strcmp(v->query, h->query)) {
            view_set_query(v, h->query);
            v->pending = *h;
            v->has_pending = vp_searching(v);
        } else {
            v->res.scroll = h->scroll;
            v->res.sel = h->rsel;
        }
        v->browse.top = h->top;
        v->browse.sel = h->sel;
        v->browse.top_off = h->top_off;
        break;
    default:
        v->screen = h->screen;
        v->sscroll = 0;
        break;
    }
    v->dirty = 1;
}

void view_go_back(view *v)
{
    vhist h;

    if (v->nback == 0)
        return;
    capture(v, &h);
    push(v->fwd, &v->nfwd, &h);
    h = v->back[--v->nback];
    restore(v, &h);
}

void view_go_forward(view *v)
{
    vhist h;

    if (v->nfwd == 0)
        return;
    capture(v, &h);
    push(v->back, &v->nback, &h);
    h = v->fwd[--v->nfwd];
    restore(v, &h);
}

void view_go_home(view *v)
{
    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        return;
    if (v->screen != SC_LIST || vp_searching(v))
        go(v);
    v->screen = SC_LIST;
    v->focus = FO_LIST;
    v->help = 0;
    if (vp_searching(v))
        view_set_query(v, "");
    browse_first(v);
    v->dirty = 1;
}

static void show_screen(view *v, int screen)
{
    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        return;
    if (v->screen != screen)
        go(v);
    v->screen = screen;
    v->focus = FO_LIST;
    v->sscroll = 0;
    v->ssel = 0;
    v->help = 0;
    v->dirty = 1;
}

/* ---- opening a case -------------------------------------------------- */

static int is_zaak(const char *s)
{
    int i;

    for (i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    if (s[4] != 'Z' && s[4] != 'z')
        return 0;
    for (i = 5; i < 10; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return s[10] == '\0';
}

/* The documents of a case (or of one document without a case) in archive
 * a; 0 when found. */
static int find_docs(fmt_archive *a, const char *what, uint32_t *docs, size_t cap,
                     size_t *n)
{
    uint32_t d;
    fmt_summary s;
    int rc;

    if (fmt_zaak_docs(a, what, docs, cap, n) == FMT_OK && *n > 0)
        return 0;
    if (fmt_find(a, what, &d) != FMT_OK)
        return -1;
    memset(&s, 0, sizeof s);
    rc = fmt_get_summary(a, d, &s);
    if (rc != FMT_OK || !s.zaak[0] || fmt_zaak_docs(a, s.zaak, docs, cap, n) != FMT_OK ||
        *n == 0) {
        docs[0] = d;
        *n = 1;
    }
    fmt_summary_free(&s);
    return 0;
}

#define ZAAK_DOCS 32

typedef struct {
    case_ref r;
    int arch, group;
    int32_t date;
    char id[128];
} zref;

static int zref_cmp(const void *x, const void *y)
{
    const zref *a = x, *b = y;
    if (a->group != b->group)
        return a->group - b->group;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* The documents of the case found in archive k (docs): in a library, its
 * documents in every archive (a question in one year's archive, its
 * answer in the next one's), each once (the newest edition's), ordered
 * as one archive orders a case: questions, notices, answers, by date. */
static size_t case_refs(view *v, int k, const uint32_t *docs, size_t n,
                        case_ref *out)
{
    static const int group[4] = {3, 0, 2, 1}; /* none, q, answer, notice */
    zref z[ZAAK_DOCS];
    fmt_summary s;
    uint32_t d[ZAAK_DOCS];
    size_t i, j, m = 0, nd;
    int a;

    memset(&s, 0, sizeof s);
    if (v->narch < 2 || fmt_get_summary(v->arch[k].a, docs[0], &s) != FMT_OK ||
        !s.zaak[0]) {
        for (i = 0; i < n; i++)
            out[i] = (case_ref){v->arch[k].a, docs[i]};
        fmt_summary_free(&s);
        return n;
    }
    char zaak[32];
    snprintf(zaak, sizeof zaak, "%s", s.zaak);
    for (a = 0; a < v->narch; a++) {
        if (!v->arch[a].a || fmt_zaak_docs(v->arch[a].a, zaak, d, ZAAK_DOCS, &nd) != FMT_OK)
            continue;
        for (i = 0; i < nd && i < ZAAK_DOCS; i++) {
            zref e;
            if (fmt_get_summary(v->arch[a].a, d[i], &s) != FMT_OK)
                continue;
            e.r = (case_ref){v->arch[a].a, d[i]};
            e.arch = a;
            e.group = group[s.kind & 3];
            e.date = s.date;
            snprintf(e.id, sizeof e.id, "%s", s.id);
            for (j = 0; j < m && strcmp(z[j].id, e.id); j++)
                ;
            if (j < m) { /* in two editions: the newer one's */
                if (fmt_newer(&v->arch[a].info, (size_t)a, &v->arch[z[j].arch].info,
                              (size_t)z[j].arch))
                    z[j] = e;
            } else if (m < ZAAK_DOCS) {
                z[m++] = e;
            }
        }
    }
    fmt_summary_free(&s);
    qsort(z, m, sizeof *z, zref_cmp);
    for (i = 0; i < m; i++)
        out[i] = z[i].r;
    return m;
}

/* Open the case what, looked up in every archive from first on (the one
 * a search hit came from, else the current one). */
static int load_zaak_from(view *v, const char *what, int first)
{
    uint32_t docs[ZAAK_DOCS];
    case_ref refs[ZAAK_DOCS];
    size_t n = 0;
    int k, i;
    char zaak[24];

    if (!what || !*what)
        return -1;
    snprintf(zaak, sizeof zaak, "%s", what);
    if (is_zaak(zaak))
        zaak[4] = 'Z';
    if (first < 0 || first >= v->narch)
        first = v->cur;
    for (i = 0; i < v->narch; i++) {
        k = (first + i) % v->narch;
        if (!v->arch[k].a || find_docs(v->arch[k].a, zaak, docs, ZAAK_DOCS, &n) < 0)
            continue;
        if (n > ZAAK_DOCS)
            n = ZAAK_DOCS;
        n = case_refs(v, k, docs, n, refs);
        if (n == 0 || case_build(v, refs, n) < 0)
            return -1;
        v->cs.arch = k;
        v->screen = SC_DOC;
        v->focus = FO_LIST;
        v->cs.scroll = 0;
        v->cs.link_sel = -1;
        case_mark_query(v, v->arch[k].a);
        case_find(v);
        keep_visit(&v->keep, v->cs.zaak, v->cs.title, (int64_t)time(NULL));
        v->dirty = 1;
        return 0;
    }
    toast(v, vp_s(v, S_NOTFOUND_ZAAK), zaak);
    return -1;
}

static int load_zaak(view *v, const char *what)
{
    return load_zaak_from(v, what, v->cur);
}

static int open_zaak_from(view *v, const char *what, int first)
{
    vhist h;

    capture(v, &h);
    if (load_zaak_from(v, what, first) < 0)
        return -1;
    if (h.screen != SC_ERROR && h.screen != SC_NOARCH) {
        push(v->back, &v->nback, &h);
        v->nfwd = 0;
    }
    return 0;
}

int view_open_zaak(view *v, const char *what)
{
    return open_zaak_from(v, what, v->cur);
}

/* A row opens from the archive it came from: in a library that is the
 * newest edition holding it. */
static void open_row(view *v, const vrow *r)
{
    if (r)
        open_zaak_from(v, r->zaak[0] ? r->zaak : r->id, r->arch);
}

/* ---- find in document and jump --------------------------------------- */

static void doc_show_y(view *v, int y, int center);

void view_set_find(view *v, const char *text)
{
    if (text != v->find)
        snprintf(v->find, sizeof v->find, "%s", text ? text : "");
    v->fcur = strlen(v->find);
    case_find(v);
    if (v->cs.curfound >= 0)
        doc_show_y(v, case_span_y(v, &v->cs.found[v->cs.curfound]), 1);
    v->dirty = 1;
}

void view_find_step(view *v, int dir)
{
    vcase *t = &v->cs;
    size_t i;

    if (t->nfound == 0)
        return;
    t->curfound = t->curfound < 0 ? 0 : (long)((t->curfound + dir + (long)t->nfound) % (long)t->nfound);
    for (i = 0; i < t->n; i++)
        lay_unmark(&t->b[i].t, LA_CUR);
    lay_mark(&t->b[t->found[t->curfound].block].t, t->found[t->curfound].off,
             t->found[t->curfound].len, LA_CUR);
    doc_show_y(v, case_span_y(v, &t->found[t->curfound]), 1);
    v->dirty = 1;
}

static int parse_month(const char *s, int *y, int *m)
{
    int a, b;
    char c;

    if (sscanf(s, "%d%c%d", &a, &c, &b) == 3 && (c == '-' || c == '/' || c == ' ')) {
        if (a > 1000 && b >= 1 && b <= 12)
            return *y = a, *m = b, 1;
        if (b > 1000 && a >= 1 && a <= 12)
            return *y = b, *m = a, 1;
    }
    return 0;
}

int view_jump(view *v, const char *what)
{
    char s[TEXT_MAX];
    char *p = s, *e;
    int y, m;

    snprintf(s, sizeof s, "%s", what ? what : "");
    while (*p == ' ')
        p++;
    for (e = p + strlen(p); e > p && e[-1] == ' '; e--)
        ;
    *e = '\0';
    if (!*p)
        return -1;
    if (strspn(p, "0123456789") == 4 && !p[4]) {
        y = atoi(p);
        m = 12;
    } else if (!parse_month(p, &y, &m)) {
        if (view_open_zaak(v, p) == 0)
            return 0;
        /* a case number not in the archive has been said so already */
        if (!is_zaak(p))
            toast(v, vp_s(v, S_BAD_JUMP), p);
        return -1;
    }
    if (v->screen != SC_LIST || vp_searching(v))
        go(v);
    v->screen = SC_LIST;
    v->focus = FO_LIST;
    if (vp_searching(v))
        view_set_query(v, "");
    browse_jump(v, y * 10000 + m * 100 + 31);
    v->dirty = 1;
    return 0;
}

/* ---- scrolling ------------------------------------------------------- */

static int doc_view_h(view *v)
{
    int h = v->doc_bottom - v->doc_top;
    vgeom g;

    if (h > 0)
        return h;
    vp_geom(v, &g);
    return g.bottom - g.top;
}

static int64_t doc_max_scroll(view *v)
{
    int64_t m = (int64_t)v->cs.height + 2 * v->lh - doc_view_h(v);
    return m > 0 ? m : 0;
}

static void doc_clamp(view *v)
{
    int64_t m = doc_max_scroll(v);

    if (v->cs.scroll > m)
        v->cs.scroll = m;
    if (v->cs.scroll < 0)
        v->cs.scroll = 0;
}

static void doc_show_y(view *v, int y, int center)
{
    int h = doc_view_h(v);

    case_layout(v);
    if (y < 0)
        return;
    if (center || y < v->cs.scroll || y > v->cs.scroll + h - 2 * v->lh)
        v->cs.scroll = y - (center ? h / 3 : v->lh);
    doc_clamp(v);
}

void view_scroll(view *v, int64_t dy)
{
    switch (v->screen) {
    case SC_LIST:
        if (vp_searching(v)) {
            v->res.scroll += dy;
            res_clamp(v);
        } else {
            browse_scroll(v, dy);
        }
        break;
    case SC_DOC:
        case_layout(v);
        v->cs.scroll += dy;
        doc_clamp(v);
        break;
    default:
        v->sscroll += dy;
        if (v->sscroll < 0)
            v->sscroll = 0;
        break;
    }
    v->dirty = 1;
}

int view_question_y(view *v, int n)
{
    size_t i;

    case_layout(v);
    for (i = 0; i < v->cs.n; i++)
        if (v->cs.b[i].type == TB_HEAD && v->cs.b[i].qnum == n)
            return v->cs.b[i].y;
    return -1;
}

int64_t view_list_first(view *v)
{
    if (vp_searching(v)) {
        const vrow *r = vp_res_row(v, (size_t)(v->res.scroll / vp_row_h(v)));
        return r ? (int64_t)r->docno : -1;
    }
    return v->browse.top;
}

/* ---- text fields ----------------------------------------------------- */

/* Edit keys common to the three fields; 1 when the key was used. */
static int field_key(char *buf, size_t *cur, int key)
{
    size_t len = strlen(buf), c = *cur > len ? len : *cur;

    switch (key) {
    case VK_LEFT:
        while (c > 0 && ((unsigned char)buf[--c] & 0xc0) == 0x80)
            ;
        break;
    case VK_RIGHT:
        if (c < len)
            c += lay_u8len(buf + c, len - c);
        break;
    case VK_TOP:
        c = 0;
        break;
    case VK_BOTTOM:
        c = len;
        break;
    case VK_BACKSPACE: {
        size_t s = c;
        if (c == 0)
            return 1;
        while (s > 0 && ((unsigned char)buf[--s] & 0xc0) == 0x80)
            ;
        memmove(buf + s, buf + c, len - c + 1);
        c = s;
        break;
    }
    case VK_DELETE:
        if (c < len) {
            size_t k = lay_u8len(buf + c, len - c);
            memmove(buf + c, buf + c + k, len - c - k + 1);
        }
        break;
    default:
        return 0;
    }
    *cur = c;
    return 1;
}

static void field_insert(char *buf, size_t cap, size_t *cur, const char *text)
{
    size_t len = strlen(buf), n = 0, c = *cur > len ? len : *cur;

    /* only printable text; a newline or tab typed into a field is a space */
    while (text[n] && (unsigned char)text[n] >= 0x20)
        n++;
    if (n == 0 || len + n + 1 > cap)
        return;
    memmove(buf + c + n, buf + c, len - c + 1);
    memcpy(buf + c, text, n);
    *cur = c + n;
}

/* ---- keys ------------------------------------------------------------ */

static void copy_text(view *v, const char *s)
{
    if (!v->cfg.copy_allowed) {
        toast(v, vp_s(v, S_KIOSK_URL), s);
        return;
    }
    free(v->clip);
    v->clip = strdup(s);
    toast(v, vp_s(v, S_COPIED), s);
}

static void link_text(view *v, long i, char *out, size_t cap)
{
    const tspan *s = &v->cs.links[i];
    const lay_text *t = &v->cs.b[s->block].t;

    snprintf(out, cap, "%.*s", (int)s->len, t->text + s->off);
}

static void select_link(view *v, long i, int copy)
{
    char url[1024];

    if (v->cs.nlinks == 0)
        return;
    v->cs.link_sel = (i % (long)v->cs.nlinks + (long)v->cs.nlinks) % (long)v->cs.nlinks;
    v->focus = FO_LINKS;
    doc_show_y(v, case_span_y(v, &v->cs.links[v->cs.link_sel]), 0);
    if (copy) {
        link_text(v, v->cs.link_sel, url, sizeof url);
        copy_text(v, url);
    }
    v->dirty = 1;
}

static void toggle_bookmark(view *v, const char *zaak, const char *title)
{
    if (!zaak || !*zaak)
        return;
    toast(v, vp_s(v, keep_toggle(&v->keep, zaak, title, (int64_t)time(NULL))
                       ? S_BOOKMARKED : S_UNBOOKMARKED), NULL);
}

static const vrow *list_sel_row(view *v)
{
    vbrowse_slot *s;

    if (vp_searching(v))
        return vp_res_row(v, v->res.sel);
    if (v->browse.sel < 0)
        return NULL;
    s = vp_bslot(v, (uint32_t)v->browse.sel);
    return s ? &s->row : NULL;
}

static void list_key(view *v, int key)
{
    int vis = list_vis(v), srch = vp_searching(v);

    switch (key) {
    case VK_UP: srch ? res_move(v, -1) : browse_move(v, -1); break;
    case VK_DOWN: srch ? res_move(v, 1) : browse_move(v, 1); break;
    case VK_PGUP: srch ? res_move(v, -vis) : browse_move(v, -vis); break;
    case VK_PGDN: case VK_SPACE: srch ? res_move(v, vis) : browse_move(v, vis); break;
    case VK_TOP:
        if (srch)
            res_move(v, -(long)v->res.total);
        else
            browse_first(v);
        break;
    case VK_BOTTOM:
        if (srch)
            res_move(v, (long)v->res.total);
        else
            browse_end(v);
        break;
    case VK_ENTER: case VK_ENTER_SHIFT: open_row(v, list_sel_row(v)); break;
    case VK_TAB: v->focus = srch ? FO_CHIPS : FO_SEARCH; v->chip_sel = 0; break;
    case VK_BACKTAB: v->focus = FO_SEARCH; break;
    case VK_ESCAPE:
        if (srch)
            view_set_query(v, "");
        else
            view_go_back(v);
        break;
    case VK_BACKSPACE: view_go_back(v); break;
    case VK_BOOKMARK: {
        const vrow *r = list_sel_row(v);
        if (r)
            toggle_bookmark(v, r->zaak[0] ? r->zaak : r->id, r->subject);
        break;
    }
    case VK_COPY: {
        const vrow *r = list_sel_row(v);
        if (r)
            copy_text(v, r->zaak[0] ? r->zaak : r->id);
        break;
    }
    }
}

static void doc_key(view *v, int key)
{
    int page = doc_view_h(v) - 2 * v->lh;

    switch (key) {
    case VK_UP: view_scroll(v, -2 * v->lh); break;
    case VK_DOWN: view_scroll(v, 2 * v->lh); break;
    case VK_PGUP: view_scroll(v, -page); break;
    case VK_PGDN: case VK_SPACE: view_scroll(v, page); break;
    case VK_TOP: view_scroll(v, -v->cs.scroll); break;
    case VK_BOTTOM: view_scroll(v, doc_max_scroll(v)); break;
    case VK_TAB: select_link(v, v->cs.link_sel + 1, 0); break;
    case VK_BACKTAB: select_link(v, v->cs.link_sel < 0 ? -1 : v->cs.link_sel - 1, 0); break;
    case VK_ENTER: case VK_COPY:
        if (v->cs.link_sel >= 0)
            select_link(v, v->cs.link_sel, 1);
        else if (key == VK_COPY)
            copy_text(v, v->cs.zaak);
        break;
    case VK_ESCAPE:
        if (v->focus == FO_LINKS) {
            v->focus = FO_LIST;
            v->cs.link_sel = -1;
        } else {
            view_go_back(v);
        }
        break;
    case VK_BACKSPACE: view_go_back(v); break;
    case VK_BOOKMARK: toggle_bookmark(v, v->cs.zaak, v->cs.title); break;
    }
}

static long saved_count(view *v)
{
    return (long)(v->keep.nbm + v->keep.nrecent);
}

static const keep_item *saved_item(view *v, long i)
{
    if (i < 0)
        return NULL;
    if ((size_t)i < v->keep.nbm)
        return &v->keep.bm[i];
    i -= (long)v->keep.nbm;
    return (size_t)i < v->keep.nrecent ? &v->keep.recent[i] : NULL;
}

static void other_key(view *v, int key)
{
    long n = saved_count(v);
    const keep_item *it;

    switch (key) {
    case VK_UP: v->ssel = v->ssel > 0 ? v->ssel - 1 : 0; break;
    case VK_DOWN: v->ssel = v->ssel + 1 < n ? v->ssel + 1 : v->ssel; break;
    case VK_PGUP: view_scroll(v, -(v->h / 2)); break;
    case VK_PGDN: view_scroll(v, v->h / 2); break;
    case VK_ENTER:
        if (v->screen == SC_SAVED && (it = saved_item(v, v->ssel)))
            view_open_zaak(v, it->zaak);
        break;
    case VK_DELETE:
        if (v->screen == SC_SAVED && v->ssel < (long)v->keep.nbm &&
            (it = saved_item(v, v->ssel))) {
            char z[24];
            snprintf(z, sizeof z, "%s", it->zaak);
            toggle_bookmark(v, z, NULL);
        }
        break;
    case VK_ESCAPE: case VK_BACKSPACE: view_go_back(v); break;
    }
}

static void chips_key(view *v, int key)
{
    vchip chips[64];
    int n = vp_chips(v, chips, 64);

    switch (key) {
    case VK_LEFT: if (v->chip_sel > 0) v->chip_sel--; break;
    case VK_RIGHT: if (v->chip_sel + 1 < n) v->chip_sel++; break;
    case VK_ENTER: case VK_SPACE:
        if (v->chip_sel >= 0 && v->chip_sel < n) {
            long keep_sel = v->chip_sel;
            vp_chip_toggle(v, &chips[v->chip_sel]);
            v->chip_sel = keep_sel;
            v->focus = FO_CHIPS;
        }
        break;
    case VK_TAB: case VK_DOWN: case VK_ESCAPE: v->focus = FO_LIST; break;
    case VK_BACKTAB: case VK_UP: v->focus = FO_SEARCH; break;
    }
}

static void search_key(view *v, int key)
{
    if (v->qall) {
        v->qall = 0;
        if (key == VK_BACKSPACE || key == VK_DELETE) {
            view_set_query(v, "");
            v->focus = FO_SEARCH;
            return;
        }
    }
    if (field_key(v->query, &v->qcur, key)) {
        if (key == VK_BACKSPACE || key == VK_DELETE)
            query_changed(v);
        return;
    }
    switch (key) {
    case VK_ENTER: case VK_DOWN: case VK_ENTER_SHIFT:
        v->focus = FO_LIST;
        if (vp_searching(v)) {
            v->res.sel = 0;
            res_show_sel(v);
        }
        break;
    case VK_ESCAPE:
        if (v->query[0])
            view_set_query(v, "");
        else
            v->focus = FO_LIST;
        break;
    case VK_TAB: v->focus = vp_searching(v) ? FO_CHIPS : FO_LIST; v->chip_sel = 0; break;
    case VK_BACKTAB: v->focus = FO_LIST; break;
    case VK_PGDN: case VK_PGUP: list_key(v, key); break;
    }
}

static void find_key(view *v, int key)
{
    if (field_key(v->find, &v->fcur, key)) {
        if (key == VK_BACKSPACE || key == VK_DELETE) {
            size_t c = v->fcur;
            view_set_find(v, v->find);
            v->fcur = c;
        }
        return;
    }
    switch (key) {
    case VK_ENTER: view_find_step(v, 1); break;
    case VK_ENTER_SHIFT: view_find_step(v, -1); break;
    case VK_ESCAPE: v->focus = FO_LIST; view_set_find(v, ""); break;
    case VK_TAB: case VK_DOWN: v->focus = FO_LIST; break;
    case VK_PGDN: case VK_PGUP: doc_key(v, key); break;
    }
}

static void jump_key(view *v, int key)
{
    if (field_key(v->jump, &v->jcur, key))
        return;
    switch (key) {
    case VK_ENTER: case VK_ENTER_SHIFT: {
        char what[TEXT_MAX];
        snprintf(what, sizeof what, "%s", v->jump);
        v->focus = FO_LIST;
        v->jump[0] = '\0';
        v->jcur = 0;
        view_jump(v, what);
        break;
    }
    case VK_ESCAPE: case VK_TAB: v->focus = FO_LIST; break;
    }
}

static void zoom(view *v, int dir)
{
    int z = dir == 0 ? cfg_zoom_default : v->zoom + dir;

    if (z < 0 || z >= NZOOM)
        return;
    v->zoom = z;
    update_sizes(v);
    v->browse.top_off = 0;
}

/* Keys that mean the same everywhere; 1 when used. */
static int global_key(view *v, int key)
{
    int err = v->screen == SC_ERROR || v->screen == SC_NOARCH;

    switch (key) {
    case VK_QUIT: if (!v->cfg.kiosk) v->quit = 1; return 1;
    case VK_FULLSCREEN: if (!v->cfg.kiosk) v->fullscreen = 1; return 1;
    case VK_THEME:
        v->cfg.theme = (v->cfg.theme + 1) % THEME_COUNT;
        v->flush_cache = 1;
        return 1;
    case VK_ZOOM_IN: zoom(v, 1); return 1;
    case VK_ZOOM_OUT: zoom(v, -1); return 1;
    case VK_ZOOM_RESET: zoom(v, 0); return 1;
    case VK_HELP: v->help = !v->help; return 1;
    }
    if (err)
        return key == VK_ESCAPE && !v->cfg.kiosk ? (v->quit = 1) : 1;
    switch (key) {
    case VK_HOME: view_go_home(v); return 1;
    case VK_BACK: view_go_back(v); return 1;
    case VK_FORWARD: view_go_forward(v); return 1;
    case VK_SAVED: show_screen(v, SC_SAVED); return 1;
    case VK_STATS: show_screen(v, SC_STATS); return 1;
    case VK_ABOUT: show_screen(v, SC_ABOUT); return 1;
    case VK_JUMP: v->focus = FO_JUMP; v->jump[0] = '\0'; v->jcur = 0; return 1;
    case VK_SEARCH: /* as a browser's address bar: typing starts anew */
        if (v->screen != SC_LIST)
            show_screen(v, SC_LIST);
        v->focus = FO_SEARCH;
        v->qcur = strlen(v->query);
        v->qall = v->qcur > 0;
        return 1;
    case VK_FIND:
        if (v->screen == SC_DOC)
            v->focus = FO_FIND;
        return 1;
    case VK_FIND_NEXT: case VK_FIND_PREV:
        if (v->screen != SC_DOC)
            return 1;
        if (!v->find[0])
            v->focus = FO_FIND;
        else
            view_find_step(v, key == VK_FIND_NEXT ? 1 : -1);
        return 1;
    }
    return 0;
}

static void on_key(view *v, int key)
{
    v->dirty = 1;
    if (v->help && key != VK_QUIT && key != VK_THEME && key != VK_ZOOM_IN &&
        key != VK_ZOOM_OUT && key != VK_ZOOM_RESET && key != VK_FULLSCREEN) {
        v->help = 0;
        return;
    }
    if (global_key(v, key))
        return;
    switch (v->focus) {
    case FO_SEARCH: search_key(v, key); return;
    case FO_FIND: find_key(v, key); return;
    case FO_JUMP: jump_key(v, key); return;
    case FO_CHIPS: chips_key(v, key); return;
    }
    switch (v->screen) {
    case SC_LIST: list_key(v, key); break;
    case SC_DOC: doc_key(v, key); break;
    case SC_SAVED: case SC_STATS: case SC_ABOUT: other_key(v, key); break;
    }
}

static void on_text(view *v, const char *text)
{
    v->dirty = 1;
    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        return;
    if (v->focus == FO_FIND) {
        size_t c;
        field_insert(v->find, sizeof v->find, &v->fcur, text);
        c = v->fcur;
        view_set_find(v, v->find);
        v->fcur = c;
        return;
    }
    if (v->focus == FO_JUMP) {
        field_insert(v->jump, sizeof v->jump, &v->jcur, text);
        return;
    }
    if (v->focus != FO_SEARCH) {
        if (!strcmp(text, "?")) {
            v->help = !v->help;
            return;
        }
        if (v->help)
            v->help = 0;
        if (!strcmp(text, "/")) {
            global_key(v, VK_SEARCH);
            return;
        }
        if (!strcmp(text, " ")) {       /* space pages, as in a browser */
            on_key(v, VK_SPACE);
            return;
        }
        /* typing while reading a case starts a new search; on the
         * list it refines the one shown */
        v->qall = v->screen != SC_LIST;
        if (v->screen != SC_LIST)
            show_screen(v, SC_LIST);
        v->focus = FO_SEARCH;
        v->qcur = strlen(v->query);
    }
    if (v->qall) {
        v->query[0] = '\0';
        v->qcur = 0;
        v->qall = 0;
    }
    field_insert(v->query, sizeof v->query, &v->qcur, text);
    query_changed(v);
}

/* ---- pointer, wheel, timers ----------------------------------------- */

static const vhot *hit(const view *v, int x, int y)
{
    size_t i = v->nhots;

    while (i-- > 0) {
        const vhot *h = &v->hots[i];
        if (x >= h->x && x < h->x + h->w && y >= h->y && y < h->y + h->h)
            return h;
    }
    return NULL;
}

static void sb_drag(view *v, int y)
{
    int track = v->sb_h - v->sb_th;
    double f;

    if (track <= 0)
        return;
    f = (double)(y - v->sb_y - v->sb_th / 2) / track;
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    if (v->drag_act == H_DOC_SB) {
        v->cs.scroll = (int64_t)(f * (double)doc_max_scroll(v));
        doc_clamp(v);
    } else if (vp_searching(v)) {
        v->res.scroll = (int64_t)(f * (double)res_max_scroll(v));
        res_clamp(v);
    } else if (vp_browse_count(v)) {
        int64_t n = vp_browse_count(v);
        int64_t d = (int64_t)((1.0 - f) * (double)(n - 1));
        vbrowse_slot *s = vp_bslot(v, (uint32_t)d);
        if (!s || !s->included)
            d = vp_next_row(v, d);
        if (d >= 0) {
            v->browse.top = v->browse.sel = d;
            v->browse.top_off = 0;
            browse_scroll(v, 0);
        }
    }
    v->dirty = 1;
}

static void osk_key(view *v, int i)
{
    const vosk_key *k;

    if (i < 0 || (size_t)i >= vp_nosk_keys)
        return;
    k = &vp_osk_keys[i];
    if (k->text)
        on_text(v, k->text);
    else if (k->key == VK_ESCAPE)
        v->focus = FO_LIST;
    else
        on_key(v, k->key);
}

static void button(view *v, int b)
{
    switch (b) {
    case B_BACK: view_go_back(v); break;
    case B_FORWARD: view_go_forward(v); break;
    case B_HOME: view_go_home(v); break;
    case B_SAVED: show_screen(v, SC_SAVED); break;
    case B_STATS: show_screen(v, SC_STATS); break;
    case B_ABOUT: show_screen(v, SC_ABOUT); break;
    case B_THEME: global_key(v, VK_THEME); break;
    case B_HELP: v->help = !v->help; break;
    case B_BOOKMARK: toggle_bookmark(v, v->cs.zaak, v->cs.title); break;
    case B_CLOSE: v->help = 0; break;
    case B_FIND_PREV: view_find_step(v, -1); break;
    case B_FIND_NEXT: view_find_step(v, 1); break;
    case B_FIND_CLOSE: v->focus = FO_LIST; view_set_find(v, ""); break;
    }
}

static void month_click(view *v, int yyyymm)
{
    char q[TEXT_MAX + 64];
    int y = yyyymm / 100, m = yyyymm % 100;

    if (!vp_searching(v)) {
        if (v->screen != SC_LIST)
            go(v);
        v->screen = SC_LIST;
        browse_jump(v, y * 10000 + m * 100 + 31);
        return;
    }
    snprintf(q, sizeof q, "%s datum:%04d-%02d..%04d-%02d", v->query, y, m, y, m);
    if (strlen(q) < sizeof v->query) {
        if (v->screen != SC_LIST)
            go(v);
        v->screen = SC_LIST;
        view_set_query(v, q);
    }
}

static void click(view *v, const vhot *h)
{
    vchip chips[64];
    int n;

    if (v->help) {
        v->help = 0;
        return;
    }
    switch (h->act) {
    case H_ROW:
        if (vp_searching(v)) {
            v->res.sel = (size_t)h->arg;
            open_row(v, vp_res_row(v, (size_t)h->arg));
        } else {
            vbrowse_slot *s = vp_bslot(v, (uint32_t)h->arg);
            v->browse.sel = h->arg;
            if (s)
                open_row(v, &s->row);
        }
        break;
    case H_CHIP: case H_FACETOFF:
        n = vp_chips(v, chips, 64);
        if (h->arg < n)
            vp_chip_toggle(v, &chips[h->arg]);
        break;
    case H_BUTTON: button(v, h->arg); break;
    case H_LINK: select_link(v, h->arg, 1); break;
    case H_FIELD: /* a click puts the cursor at the end, selecting nothing */
        v->qall = 0;
        v->focus = h->arg == 1 ? FO_FIND : h->arg == 2 ? FO_JUMP : FO_SEARCH;
        if (v->focus == FO_SEARCH && v->screen != SC_LIST)
            show_screen(v, SC_LIST), v->focus = FO_SEARCH;
        break;
    case H_OSK: osk_key(v, h->arg); break;
    case H_MONTH: month_click(v, h->arg); break;
    case H_YEAR:
        if (vp_searching(v))
            view_set_query(v, "");
        browse_jump(v, h->arg * 10000 + 1231);
        break;
    case H_SAVED: {
        const keep_item *it = saved_item(v, h->arg);
        v->ssel = h->arg;
        if (it)
            view_open_zaak(v, it->zaak);
        break;
    }
    case H_DYM:
        if (v->res.first && v->res.first->didyoumean[0])
            view_set_query(v, v->res.first->didyoumean);
        break;
    }
}

static void pointer(view *v, const vin *in)
{
    const vhot *h;
    int slop = v->px;

    switch (in->type) {
    case VI_PRESS:
        v->pressed = 1;
        v->dragging = 0;
        v->touch = in->touch;
        v->px0 = v->lastx = in->x;
        v->py0 = v->lasty = in->y;
        v->lastms = in->ms;
        v->vel = 0;
        v->animating = 0;
        h = hit(v, in->x, in->y);
        v->drag_act = h ? h->act : H_NONE;
        if (v->drag_act == H_LIST_SB || v->drag_act == H_DOC_SB) {
            v->dragging = 1;
            sb_drag(v, in->y);
        }
        break;
    case VI_MOTION:
        if (!v->pressed) {
            /* redraw only when the pointer moves onto or off a button */
            const vhot *was = hit(v, v->hover_x, v->hover_y);
            h = hit(v, in->x, in->y);
            v->hover_x = in->x;
            v->hover_y = in->y;
            if (was != h && ((was && was->act == H_BUTTON) || (h && h->act == H_BUTTON)))
                v->dirty = 1;
            return;
        }
        v->hover_x = in->x;
        v->hover_y = in->y;
        if (v->drag_act == H_LIST_SB || v->drag_act == H_DOC_SB) {
            sb_drag(v, in->y);
            return;
        }
        if (!v->dragging && v->touch && abs(in->y - v->py0) > slop)
            v->dragging = 1;
        if (v->dragging) {
            uint32_t dt = in->ms - v->lastms;
            view_scroll(v, v->lasty - in->y);
            if (dt > 0)
                v->vel = 0.6 * ((double)(v->lasty - in->y) / dt) + 0.4 * v->vel;
            v->lasty = in->y;
            v->lastms = in->ms;
        }
        break;
    case VI_RELEASE:
        if (!v->pressed)
            return;
        v->pressed = 0;
        if (!v->dragging) {
            h = hit(v, v->px0, v->py0);
            if (h)
                click(v, h);
        } else if (v->touch && (v->vel > 0.15 || v->vel < -0.15) && in->ms - v->lastms < 100) {
            v->animating = 1;
            v->lastms = in->ms;
        }
        v->dragging = 0;
        v->dirty = 1;
        break;
    }
}

static void tick(view *v, uint32_t ms)
{
    if (v->animating) {
        uint32_t dt = ms - v->lastms;
        if (dt > 100)
            dt = 100;
        v->lastms = ms;
        view_scroll(v, (int64_t)(v->vel * dt));
        /* friction: speed halves about every 200 ms */
        v->vel *= 1.0 - dt / 290.0;
        if ((v->vel < 0.02 && v->vel > -0.02) || dt == 0)
            v->animating = v->vel != 0 && dt == 0;
        if (v->vel < 0.02 && v->vel > -0.02)
            v->animating = 0;
    }
    if (v->toast_until && (int32_t)(ms - v->toast_until) >= 0) {
        v->toast[0] = '\0';
        v->toast_until = 0;
        v->wake_ms = 0;
        v->dirty = 1;
    }
}

/* Kiosk: back to a clean home screen after the idle time. */
static void kiosk_reset(view *v)
{
    v->nback = v->nfwd = 0;
    v->help = 0;
    v->find[0] = '\0';
    v->jump[0] = '\0';
    v->toast[0] = '\0';
    v->toast_until = v->wake_ms = 0;
    v->animating = 0;
    keep_clear_recent(&v->keep);
    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        return;
    view_set_query(v, "");
    v->screen = SC_LIST;
    v->focus = FO_LIST;
    browse_first(v);
    v->dirty = 1;
}

void view_input(view *v, const vin *in)
{
    v->now = in->ms;
    switch (in->type) {
    case VI_KEY: on_key(v, in->key); break;
    case VI_TEXT: on_text(v, in->text); break;
    case VI_PRESS: case VI_MOTION: case VI_RELEASE: pointer(v, in); break;
    case VI_WHEEL:
        if (v->help)
            break;
        view_scroll(v, -(int64_t)in->dy * 3 * v->lh);
        break;
    case VI_RESIZE:
        v->w = in->x > 1 ? in->x : 1;
        v->h = in->y > 1 ? in->y : 1;
        update_sizes(v);
        v->dirty = 1;
        break;
    case VI_TICK: tick(v, in->ms); break;
    case VI_IDLE: if (v->cfg.kiosk) kiosk_reset(v); break;
    }
}

/* ---- setting up ------------------------------------------------------ */

int view_init(view *v, const vconfig *cfg, const lay_measure *m, int w, int h)
{
    size_t i;

    memset(v, 0, sizeof *v);
    v->cfg = *cfg;
    if (v->cfg.dpi_pct <= 0)
        v->cfg.dpi_pct = 100;
    if (v->cfg.idle_min <= 0)
        v->cfg.idle_min = cfg_kiosk_idle_min;
    v->m = *m;
    v->w = w > 1 ? w : 1;
    v->h = h > 1 ? h : 1;
    v->zoom = cfg_zoom_default;
    v->chip_sel = -1;
    v->cs.curfound = -1;
    v->cs.link_sel = -1;
    update_sizes(v);
    v->browse.cache = calloc(BROWSE_CACHE, sizeof *v->browse.cache);
    v->tok = fmt_tok_new();
    if (!v->browse.cache || !v->tok ||
        keep_load(&v->keep, cfg->persist ? cfg->datadir : NULL, (size_t)cfg_recent_max) < 0) {
        view_free(v);
        return -1;
    }
    for (i = 0; i < BROWSE_CACHE; i++)
        v->browse.cache[i].docno = UINT32_MAX;
    v->browse.top = v->browse.sel = -1;
    v->screen = SC_NOARCH;
    v->dirty = 1;
    return 0;
}

void view_free(view *v)
{
    int i;

    wk_stop(v->worker);
    v->worker = NULL;
    res_reset(v);
    wk_result_free(v->home);
    wk_result_free(v->homestats);
    if (v->browse.cache)
        for (i = 0; i < BROWSE_CACHE; i++)
            vp_row_free(&v->browse.cache[i].row);
    free(v->browse.cache);
    case_free(&v->cs);
    fmt_doc_free(&v->doc);
    fmt_query_free(v->hlq);
    for (i = 0; i < v->narch; i++) {
        vm_untrack(v->arch[i].a);
        fmt_close(v->arch[i].a);
        free(v->arch[i].path);
    }
    if (v->tok)
        fmt_tok_free(v->tok);
    keep_free(&v->keep);
    free(v->clip);
    lay_text_free(&v->scr_t);
    lay_box_free(&v->scr_b);
    free(v->dl.c);
    free(v->dl.str);
    free(v->hots);
    memset(v, 0, sizeof *v);
}

/* The files of the archives given: a split archive's parts come with its
 * first part, and a later part given too (a folder scan finds them all)
 * is not opened twice. A split archive with a part missing or foreign is
 * left out whole, with the reason in *err (the first one). */
static int expand_parts(char *const *given, int n, char **out, int cap,
                        char *err, size_t errlen)
{
    char msg[WK_ARCH_MAX][512];
    char **p[WK_ARCH_MAX] = {0};
    size_t np[WK_ARCH_MAX] = {0};
    int i, j, k, m = 0, nq = n < WK_ARCH_MAX ? n : WK_ARCH_MAX, later;

    for (i = 0; i < nq; i++)
        if (fmt_parts(given[i], &p[i], &np[i], msg[i], sizeof msg[i]) != FMT_OK) {
            p[i] = NULL;
            np[i] = 0;
        }
    for (i = 0; i < nq; i++) {
        if (!p[i]) { /* unless a later part of one given too: an error */
            for (later = 0, j = 0; j < nq; j++)
                for (k = 1; k < (int)np[j]; k++)
                    later |= !strcmp(p[j][k], given[i]);
            if (!later && !err[0])
                snprintf(err, errlen, "%s", msg[i]);
            continue;
        }
        for (k = 0; k < (int)np[i]; k++) {
            for (j = 0; j < m && strcmp(out[j], p[i][k]); j++)
                ;
            if (j < m)
                continue;
            if (m == cap) { /* not a part left out in silence */
                if (!err[0])
                    snprintf(err, errlen, "%s: more than %d archives and parts "
                             "in all: the rest are not opened", p[i][k], cap);
                break;
            }
            out[m++] = strdup(p[i][k]);
        }
    }
    for (i = 0; i < nq; i++)
        fmt_parts_free(p[i], np[i]);
    return m;
}

int view_open(view *v, char *const *given, int ngiven, void (*notify)(void *ctx), void *ctx)
{
    char msg[512], err[512] = "";
    char *paths[WK_ARCH_MAX];
    int i, ok = 0, n = expand_parts(given, ngiven, paths, WK_ARCH_MAX, err, sizeof err);

    if (err[0]) { /* the reason an archive was left out */
        snprintf(v->errtitle, sizeof v->errtitle, "%s", vp_s(v, S_ERROR));
        snprintf(v->errmsg, sizeof v->errmsg, "%s", err);
    }
    for (i = 0; i < n && v->narch < (int)(sizeof v->arch / sizeof v->arch[0]); i++) {
        varch *A = &v->arch[v->narch];
        msg[0] = '\0';
        if (fmt_open(&A->a, paths[i], msg, sizeof msg) != FMT_OK ||
            fmt_get_info(A->a, &A->info) != FMT_OK) {
            if (A->a && !msg[0])
                snprintf(msg, sizeof msg, "%s: %s", paths[i], fmt_errmsg(A->a));
            fmt_close(A->a);
            A->a = NULL;
            if (!v->errmsg[0]) {
                snprintf(v->errtitle, sizeof v->errtitle, "%s", vp_s(v, S_ERROR));
                snprintf(v->errmsg, sizeof v->errmsg, "%s", msg[0] ? msg : paths[i]);
            }
            continue;
        }
        if (fmt_count(A->a) < A->info.documents)
            A->info.documents = fmt_count(A->a);
        vm_track(A->a, paths[i]);     /* its pages may be given back */
        A->path = strdup(paths[i]);
        v->narch++;
        ok++;
    }
    for (i = 0; i < n; i++)
        free(paths[i]);
    if (ok == 0) {
        v->screen = ngiven > 0 ? SC_ERROR : SC_NOARCH;
        v->dirty = 1;
        return 0;
    }
    if (v->errmsg[0])          /* the others opened: just say it */
        toast(v, "%.300s", v->errmsg);
    v->errtitle[0] = v->errmsg[0] = '\0';
    v->cur = 0;
    v->screen = SC_LIST;
    v->focus = FO_LIST;
    {
        const char *lib[WK_ARCH_MAX];
        int np = 0;
        for (i = 0; i < v->narch && np < WK_ARCH_MAX; i++)
            lib[np++] = v->arch[i].path;
        v->worker = wk_start(lib, (size_t)np, notify, ctx, msg, sizeof msg);
    }
    browse_first(v);
    home_request(v);
    v->dirty = 1;
    return ok;
}

void view_render(view *v)
{
    vr_render(v);
}
