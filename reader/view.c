/* view.c - the reader's state: screens, navigation, history, setting up
 * and the frame (no SDL).
 *
 * Screens, focus, history and opening cases live here; the lists are in
 * vlist.c, the case thread is built in vcase.c, input is turned into
 * actions in vinput.c, and vrender.c describes a frame as a display list.
 * view_render() first calls view_prepare(), which does the reading and
 * settling a frame needs, so that rendering only describes the state.
 */
#include "vpriv.h"
#include "vmem.h"

#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config.def.h"

#define TOAST_MS 3500

/* ---- messages, searches, chips --------------------------------------- */

void view_toast(view *v, const char *fmt, const char *arg)
{
    snprintf(v->toast, sizeof v->toast, fmt, arg ? arg : "");
    v->toast_until = v->now + TOAST_MS;
    v->out.wake_ms = v->toast_until;
    v->out.dirty = 1;
}

void view_set_query(view *v, const char *q)
{
    field_set(&v->query, q);
    list_query_changed(v);
}

void view_results(view *v, uint32_t now)
{
    wk_result *r;

    if (!v->worker)
        return;
    v->now = now;
    while ((r = wk_take(v->worker)))
        list_got_result(v, r);
}

int view_busy(view *v)
{
    return (v->worker && wk_busy(v->worker)) || view_pending(v);
}

int view_pending(view *v)
{
    return v->screen == SC_DOC && case_layout_pending(&v->cs);
}

void view_chip_toggle(view *v, const vchip *c)
{
    char q[TEXT_MAX * 2];

    if (list_chip_query(v, c, q, sizeof q) == 0)
        view_set_query(v, q);
}

/* ---- history --------------------------------------------------------- */

static void capture(view *v, vhist *h)
{
    memset(h, 0, sizeof *h);
    h->screen = v->screen;
    snprintf(h->zaak, sizeof h->zaak, "%s", v->cs.zaak);
    snprintf(h->query, sizeof h->query, "%s", v->query.text);
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
void view_go(view *v)
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
        if (strcmp(v->query.text, h->query)) {
            view_set_query(v, h->query);
            v->pending = *h;
            v->has_pending = list_searching(v);
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
    v->out.dirty = 1;
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
    if (v->screen != SC_LIST || list_searching(v))
        view_go(v);
    v->screen = SC_LIST;
    v->focus = FO_LIST;
    v->help = 0;
    if (list_searching(v))
        view_set_query(v, "");
    list_browse_first(v);
    v->out.dirty = 1;
}

void view_show_screen(view *v, int screen)
{
    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        return;
    if (v->screen != screen)
        view_go(v);
    v->screen = screen;
    v->focus = FO_LIST;
    v->sscroll = 0;
    v->ssel = 0;
    v->help = 0;
    v->out.dirty = 1;
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
    int rc, zrc;

    if ((zrc = fmt_zaak_docs(a, what, docs, cap, n)) == FMT_OK && *n > 0)
        return 0;
    if ((rc = fmt_find(a, what, &d)) != FMT_OK)   /* damaged: not "not there" */
        return zrc == FMT_CORRUPT || rc == FMT_CORRUPT ? -2 : -1;
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
    int k, i, rc, damaged = 0;
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
        if (!v->arch[k].a)
            continue;
        if ((rc = find_docs(v->arch[k].a, zaak, docs, ZAAK_DOCS, &n)) < 0) {
            damaged |= rc == -2;
            continue;
        }
        if (n > ZAAK_DOCS)
            n = ZAAK_DOCS;
        n = case_refs(v, k, docs, n, refs);
        if (n == 0 || case_build(v, refs, n) < 0) {
            damaged = 1;    /* it is here, but nothing of it could be read */
            continue;
        }
        v->cs.arch = k;
        v->screen = SC_DOC;
        v->focus = FO_LIST;
        v->cs.scroll = 0;
        v->cs.link_sel = -1;
        case_mark_query(v, v->arch[k].a);
        case_find(v);
        keep_visit(&v->keep, v->cs.zaak, v->cs.title ? v->cs.title : "", (int64_t)time(NULL));
        v->out.dirty = 1;
        return 0;
    }
    view_toast(v, style_text(v, damaged ? S_CS_DAMAGED_ZAAK : S_NOTFOUND_ZAAK), zaak);
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
void view_open_row(view *v, const vrow *r)
{
    if (r)
        open_zaak_from(v, r->zaak[0] ? r->zaak : r->id, r->arch);
}

/* ---- find in document and jump --------------------------------------- */

void view_doc_show_y(view *v, int y, int center);

void view_set_find(view *v, const char *text)
{
    field_set(&v->find, text);
    case_find(v);
    if (v->cs.curfound >= 0)
        view_doc_show_y(v, case_span_y(v, &v->cs.found[v->cs.curfound]), 1);
    v->out.dirty = 1;
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
    view_doc_show_y(v, case_span_y(v, &t->found[t->curfound]), 1);
    v->out.dirty = 1;
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
            view_toast(v, style_text(v, S_BAD_JUMP), p);
        return -1;
    }
    if (v->screen != SC_LIST || list_searching(v))
        view_go(v);
    v->screen = SC_LIST;
    v->focus = FO_LIST;
    if (list_searching(v))
        view_set_query(v, "");
    list_browse_jump(v, y * 10000 + m * 100 + 31);
    v->out.dirty = 1;
    return 0;
}

/* ---- scrolling ------------------------------------------------------- */

int view_doc_height(view *v)
{
    int h = v->frame.doc_bottom - v->frame.doc_top;
    vgeom g;

    if (h > 0)
        return h;
    style_geom(v, &g);
    return g.bottom - g.top;
}

int64_t view_doc_max_scroll(view *v)
{
    int64_t m = (int64_t)v->cs.height + 2 * v->lh - view_doc_height(v);
    /* while a resized case is laid out again, where it was read stays */
    if (case_layout_pending(&v->cs) && m < v->cs.lay_keep)
        m = v->cs.lay_keep;
    return m > 0 ? m : 0;
}

void view_doc_clamp(view *v)
{
    v->cs.scroll = style_clamp(v->cs.scroll, view_doc_max_scroll(v));
}

void view_doc_show_y(view *v, int y, int center)
{
    int h = view_doc_height(v);

    case_layout_sync(v);
    if (y < 0) {                 /* not laid out yet: shown once it is */
        v->cs.want_center = center;
        return;
    }
    if (center || y < v->cs.scroll || y > v->cs.scroll + h - 2 * v->lh)
        v->cs.scroll = y - (center ? h / 3 : v->lh);
    view_doc_clamp(v);
}

void view_scroll(view *v, int64_t dy)
{
    switch (v->screen) {
    case SC_LIST:
        if (list_searching(v)) {
            v->res.scroll += dy;
            list_res_clamp(v);
        } else {
            list_browse_scroll(v, dy);
        }
        break;
    case SC_DOC:
        case_layout_sync(v);
        v->cs.want_on = 0;       /* the reader has moved on */
        v->cs.scroll += dy;
        view_doc_clamp(v);
        break;
    default:
        v->sscroll += dy;
        /* the statistics page says how tall it was: no scrolling past it */
        if (v->frame.page_h > 0 && v->sscroll > v->frame.page_h - (v->frame.list_bottom - v->frame.list_top))
            v->sscroll = v->frame.page_h - (v->frame.list_bottom - v->frame.list_top);
        if (v->sscroll < 0)
            v->sscroll = 0;
        break;
    }
    v->out.dirty = 1;
}

int view_question_y(view *v, int n)
{
    size_t i;

    for (i = 0; i < v->cs.n; i++)
        if (v->cs.b[i].type == TB_HEAD && v->cs.b[i].qnum == n)
            return case_block_y(v, i);
    return -1;
}

int64_t view_list_first(view *v)
{
    if (list_searching(v)) {
        const vrow *r = list_result_row(v, (size_t)(v->res.scroll / style_row_h(v, list_searching(v))));
        return r ? (int64_t)r->docno : -1;
    }
    return v->browse.top;
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
    style_set_sizes(v);
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
    v->out.dirty = 1;
    return 0;
}

void view_free(view *v)
{
    int i;

    wk_stop(v->worker);
    v->worker = NULL;
    list_res_reset(v);
    wk_result_free(v->home);
    wk_result_free(v->homestats);
    if (v->browse.cache)
        for (i = 0; i < BROWSE_CACHE; i++)
            list_row_free(&v->browse.cache[i].row);
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
    free(v->out.clip);
    lay_text_free(&v->frame.scr_t);
    lay_box_free(&v->frame.scr_b);
    free(v->frame.dl.c);
    free(v->frame.dl.str);
    free(v->frame.hots);
    memset(v, 0, sizeof *v);
}

/* A message into err (of errlen bytes); one that does not fit ends in
 * "..." rather than mid-word with no sign of it. */
static void set_err(char *err, size_t errlen, int n)
{
    if (n >= 0 && (size_t)n < errlen)
        return;
    if (errlen > 4)
        memcpy(err + errlen - 4, "...", 4);
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
                set_err(err, errlen, snprintf(err, errlen, "%s", msg[i]));
            continue;
        }
        for (k = 0; k < (int)np[i]; k++) {
            for (j = 0; j < m && strcmp(out[j], p[i][k]); j++)
                ;
            if (j < m)
                continue;
            if (m == cap) { /* not a part left out in silence */
                if (!err[0])
                    set_err(err, errlen,
                            snprintf(err, errlen, "%s: more than %d archives and parts "
                                     "in all: the rest are not opened", p[i][k], cap));
                break;
            }
            out[m++] = strdup(p[i][k]);
        }
    }
    for (i = 0; i < nq; i++)
        fmt_parts_free(p[i], np[i]);
    return m;
}

/* Why an archive could not be opened, in the reader's language: a file
 * that is not there is "not found", not "damaged"; only a damaged or
 * foreign file gets the hint on how to make it again. */
static void open_error(view *v, int rc, const char *path, const char *why)
{
    struct stat st;
    int id = S_ERR_READ;

    if (stat(path, &st) != 0 && errno == ENOENT)
        id = S_ERR_NOTFOUND;
    else if (rc == FMT_CORRUPT || strstr(why, "truncated") || strstr(why, "damaged") ||
             strstr(why, "too short"))
        id = S_ERR_DAMAGED;
    else if (rc == FMT_VERSION)
        id = S_ERR_VERSION;
    if (v->errmsg[0])
        return;
    snprintf(v->errtitle, sizeof v->errtitle, "%s", style_text(v, S_ERROR));
    snprintf(v->errmsg, sizeof v->errmsg, style_text(v, id), path);
    v->errhint = id == S_ERR_DAMAGED || id == S_ERR_VERSION ? S_ERROR_HINT : 0;
}

/* Open the archives given (and the parts of split ones) after those open
 * already; the first reason one could not be is in v->errmsg. Returns
 * how many were opened. */
static int open_set(view *v, char *const *given, int ngiven)
{
    char msg[512], err[512] = "";
    char *paths[WK_ARCH_MAX];
    int i, ok = 0, n = expand_parts(given, ngiven, paths, WK_ARCH_MAX, err, sizeof err);

    if (err[0]) { /* the reason an archive was left out: a part, or a file */
        const char *sep = strstr(err, ": ");
        char what[400];
        snprintf(what, sizeof what, "%.*s", sep ? (int)(sep - err) : (int)strlen(err), err);
        if (!strstr(err, "part")) {
            open_error(v, FMT_IO, what, err);
        } else {
            snprintf(v->errtitle, sizeof v->errtitle, "%s", style_text(v, S_ERROR));
            snprintf(v->errmsg, sizeof v->errmsg, style_text(v, S_ERR_PARTS), what);
        }
    }
    for (i = 0; i < n && v->narch < (int)(sizeof v->arch / sizeof v->arch[0]); i++) {
        varch *A = &v->arch[v->narch];
        int rc;
        msg[0] = '\0';
        if ((rc = fmt_open(&A->a, paths[i], msg, sizeof msg)) != FMT_OK ||
            (rc = fmt_get_info(A->a, &A->info)) != FMT_OK) {
            fmt_close(A->a);
            A->a = NULL;
            open_error(v, rc, paths[i], msg);
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
    return ok;
}

/* The archives are open: the case list, the worker, the background check
 * of every file not in known[0..nknown) (files checked already). */
static void start(view *v, void (*notify)(void *ctx), void *ctx, char *const *known, int nknown)
{
    const char *lib[WK_ARCH_MAX];
    char msg[512];
    int i, j, np = 0;

    v->cur = 0;
    v->screen = SC_LIST;
    v->focus = FO_LIST;
    for (i = 0; i < v->narch && np < WK_ARCH_MAX; i++)
        lib[np++] = v->arch[i].path;
    v->worker = wk_start(lib, (size_t)np, notify, ctx, msg, sizeof msg);
    for (i = 0; i < v->narch; i++)
        for (j = 0; j < nknown; j++)
            if (v->arch[i].path && !strcmp(v->arch[i].path, known[j])) {
                v->arch[i].checked = 1;
                _Static_assert(sizeof v->arch[i].computed == sizeof v->arch[i].info.checksum,
                               "a checksum is 64 hex digits and a NUL in both");
                memcpy(v->arch[i].computed, v->arch[i].info.checksum,
                       sizeof v->arch[i].computed);
                wk_known(v->worker, (size_t)i);
            }
    wk_check(v->worker);         /* is each file what its checksum says? */
    list_browse_first(v);
    list_home_request(v);
    v->out.dirty = 1;
}

int view_open(view *v, char *const *given, int ngiven, void (*notify)(void *ctx), void *ctx)
{
    int ok = open_set(v, given, ngiven);

    if (ok == 0) {
        v->screen = ngiven > 0 ? SC_ERROR : SC_NOARCH;
        v->out.dirty = 1;
        return 0;
    }
    if (v->errmsg[0])          /* the others opened: just say it */
        view_toast(v, "%.300s", v->errmsg);
    v->errtitle[0] = v->errmsg[0] = '\0';
    start(v, notify, ctx, NULL, 0);
    return ok;
}

static void close_archives(varch *arch, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        vm_untrack(arch[i].a);
        fmt_close(arch[i].a);
        free(arch[i].path);
    }
}

int view_switch(view *v, char *const *given, int ngiven, char *const *known, int nknown,
                void (*notify)(void *ctx), void *ctx)
{
    static varch old[WK_ARCH_MAX];   /* the main thread's alone */
    int nold = v->narch, i, at_first, screen = v->screen, focus = v->focus, help = v->help;
    wk *oldw = v->worker;
    vbrowse_slot *top = v->browse.top >= 0 ? list_slot_peek(v, v->browse.top) : NULL;
    int32_t top_date = top ? top->row.date : 0;
    vhist h;

    capture(v, &h);
    list_browse_first(v);
    at_first = v->browse.top == h.top;
    memcpy(old, v->arch, sizeof old);
    memset(v->arch, 0, sizeof v->arch);
    v->narch = 0;
    v->errtitle[0] = v->errmsg[0] = '\0';
    if (open_set(v, given, ngiven) == 0 || v->errmsg[0]) {
        close_archives(v->arch, v->narch);   /* all or nothing: keep the old */
        memcpy(v->arch, old, sizeof v->arch);
        v->narch = nold;
        v->errtitle[0] = v->errmsg[0] = '\0';
        v->browse.top = h.top;
        v->browse.sel = h.sel;
        v->browse.top_off = h.top_off;
        return -1;
    }
    /* nothing may point into the old archives any more: the worker's
     * handles, the rows read from them, the results */
    wk_stop(oldw);
    v->worker = NULL;
    close_archives(old, nold);
    list_res_reset(v);
    wk_result_free(v->home);
    wk_result_free(v->homestats);
    v->home = v->homestats = NULL;
    v->req.homegen = 0;
    v->req.searching = 0;
    v->nsugg = 0;
    for (i = 0; i < BROWSE_CACHE; i++) {
        list_row_free(&v->browse.cache[i].row);
        memset(&v->browse.cache[i], 0, sizeof v->browse.cache[i]);
        v->browse.cache[i].docno = UINT32_MAX;
    }
    v->damaged = 0;              /* said of a file no longer open */
    v->damage[0] = '\0';
    start(v, notify, ctx, known, nknown);
    /* back where the person was: the history keeps case numbers and
     * queries, but list positions were the old archives' */
    for (i = 0; i < v->nback; i++)
        v->back[i].top = v->back[i].sel = v->browse.top, v->back[i].top_off = 0;
    for (i = 0; i < v->nfwd; i++)
        v->fwd[i].top = v->fwd[i].sel = v->browse.top, v->fwd[i].top_off = 0;
    if (list_searching(v)) {     /* the same search, on the new edition */
        list_query_changed(v);
        v->pending = h;
        v->has_pending = 1;
    }
    if (!at_first && top_date)
        list_browse_jump(v, top_date);
    if (screen == SC_DOC) {
        if (load_zaak(v, h.zaak) == 0)
            v->cs.scroll = h.scroll;   /* view_prepare() keeps it in range */
        else
            screen = SC_LIST;          /* gone from the new edition: said */
    } else if (screen != SC_ERROR && screen != SC_NOARCH) {
        v->screen = screen;
    }
    if (v->screen == screen) {
        v->focus = focus;
        v->help = help;
    }
    v->out.dirty = 1;
    return v->narch;
}

/* ---- a frame --------------------------------------------------------- */

/* Everything a frame needs read or settled, so that render_frame() only
 * describes the state: the case laid out for the column and its scroll
 * kept in range, the browse rows on screen read from the summaries. */
void view_prepare(view *v)
{
    vgeom g;

    style_geom(v, &g);
    if (v->screen == SC_DOC) {
        vcase *t = &v->cs;
        int64_t maxs;
        int y, center;
        case_layout(v);          /* a slice of it: a long case takes frames */
        if ((y = case_want_y(v, &center)) >= 0)
            view_doc_show_y(v, y, center);
        maxs = (int64_t)t->height + 2 * v->lh - (g.bottom - g.top);
        if (case_layout_pending(t) && maxs < t->lay_keep)
            maxs = t->lay_keep;  /* where it was read, until laid out */
        if (t->scroll > maxs)
            t->scroll = maxs > 0 ? maxs : 0;
    }
    v->browse.nvis = 0;
    if (v->screen == SC_LIST && !list_searching(v))
        list_prepare(v, g.top, g.bottom);
}

void view_render(view *v)
{
    view_prepare(v);
    render_frame(v);
    /* results shown near the end of what has arrived: ask for more */
    if (v->frame.res_shown)
        list_need_page(v, v->frame.res_last);
}

