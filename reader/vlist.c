/* vlist.c - the case list: browsing the library newest first, and the
 * search results that arrive page by page from the worker (see vlist.h).
 *
 * The browse list is found from the summaries on demand (see vbrowse in
 * view.h); search results arrive a page at a time from the worker. Both
 * are shown with rows of one fixed height, so scrolling is arithmetic and
 * only the visible rows are ever looked at.
 */
#include "vlist.h"
#include "vfield.h"
#include "vstyle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCAN_MAX 20000       /* summaries looked at to find one row */

/* ---- rows ------------------------------------------------------------ */

void list_row_free(vrow *r)
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

/* A browse row as its whole case in its archive: the kinds it holds, the
 * date asked and answered (the search rows get the same from the worker,
 * over the whole library). */
static void row_case(fmt_archive *a, vrow *r)
{
    uint32_t docs[64];
    size_t n = 0, i;
    fmt_summary s;

    r->kinds_held = (uint8_t)(1u << r->kind);
    if (r->kind == FMT_QUESTION)
        r->asked = r->date;
    if (!r->zaak || !r->zaak[0] || fmt_zaak_docs(a, r->zaak, docs, 64, &n) != FMT_OK)
        return;
    memset(&s, 0, sizeof s);
    for (i = 0; i < n && i < 64; i++) {
        if (fmt_get_summary(a, docs[i], &s) != FMT_OK) {
            r->damaged = 1;
            continue;
        }
        r->kinds_held |= (uint8_t)(1u << s.kind);
        if (s.kind == FMT_QUESTION && s.submitted && !r->asked)
            r->asked = s.submitted;
        if (s.kind == FMT_ANSWER && s.received && (!r->answered || s.received < r->answered))
            r->answered = s.received;
    }
    fmt_summary_free(&s);
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
 * order (ties: by id, as in one archive): its positions are 0..list_browse_count()-1, and a position
 * is an archive and a document there (bmap). With one archive a
 * position is the document number. */
int64_t list_browse_count(const view *v)
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

    if (x < 0 || x >= list_browse_count(v))
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

vbrowse_slot *list_slot(view *v, uint32_t x)
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
    list_row_free(&s->row);
    memset(&sum, 0, sizeof sum);
    if (fmt_get_summary(a, d, &sum) == FMT_OK) {
        row_from_summary(&s->row, d, &sum);
        s->included = browse_included(a, d, &sum) &&
                      (v->narch == 1 || !shadowed(v, arch, sum.id));
        if (s->included)
            row_case(a, &s->row);
    } else {
        /* a damaged record still gets a row, saying so (in the reader's
         * language: the row is marked damaged), and the banner tells */
        if (!v->damaged++)
            snprintf(v->damage, sizeof v->damage, "%s", fmt_errmsg(a));
        fmt_summary_free(&sum);
        memset(&sum, 0, sizeof sum);
        sum.id = sum.zaak = sum.members = sum.parties = sum.addressees = "";
        sum.subject = "";
        row_from_summary(&s->row, d, &sum);
        s->row.damaged = 1;
        s->included = 1;
        memset(&sum, 0, sizeof sum);
    }
    fmt_summary_free(&sum);
    if (!s->row.id || !s->row.zaak || !s->row.subject || !s->row.members ||
        !s->row.parties || !s->row.addressees) {
        list_row_free(&s->row);
        s->docno = UINT32_MAX;
        return NULL;
    }
    s->row.arch = arch;
    s->docno = x;
    return s;
}

int64_t list_next_row(view *v, int64_t d)
{
    int64_t x;
    int n = 0;

    for (x = d - 1; x >= 0 && n < SCAN_MAX; x--, n++) {
        vbrowse_slot *s = list_slot(v, (uint32_t)x);
        if (s && s->included)
            return x;
    }
    return -1;
}

int64_t list_prev_row(view *v, int64_t d)
{
    int64_t x, total = list_browse_count(v);
    int n = 0;

    for (x = d + 1; x < total && n < SCAN_MAX; x++, n++) {
        vbrowse_slot *s = list_slot(v, (uint32_t)x);
        if (s && s->included)
            return x;
    }
    return -1;
}

int list_searching(const view *v)
{
    const char *q = v->query.text;

    while (*q == ' ')
        q++;
    return *q != '\0';
}

const vrow *list_result_row(view *v, size_t i)
{
    return i < v->res.nrows ? &v->res.rows[i] : NULL;
}

/* ---- searches -------------------------------------------------------- */

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
    r.cases = 1;                 /* people look for cases, not documents */
    r.typing = 1;                /* the last word may be half typed */
    r.offset = offset;
    r.limit = RES_PAGE;
    r.first = first ? (size_t)list_visible_rows(v) + 2 : 0;   /* the screen, at once */
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
            !strcmp(tok, "NOT") || !strcmp(tok, "OF") || !strcmp(tok, "EN") ||
            !strcmp(tok, "NIET") || !strcmp(tok, "|"))
            continue;
        return FMT_SORT_RANK;
    }
    return FMT_SORT_DATE;
}

/* The order asked for: the person's choice, else by the query. */
static int list_sort(const view *v)
{
    return v->sort ? v->sort : query_sort(v->query.text);
}

/* The parser's complaint as a hint in the reader's language. */
static int query_hint(const char *msg)
{
    if (strstr(msg, "quote"))
        return S_QE_QUOTE;
    if (strstr(msg, "(") || strstr(msg, ")") || strstr(msg, "parenthes"))
        return S_QE_PAREN;
    if (strstr(msg, "OR") || strstr(msg, "AND") || strstr(msg, "NOT") ||
        strstr(msg, "nothing after"))
        return S_QE_OPERATOR;
    if (strstr(msg, "prefix"))
        return S_QE_PREFIX;
    if (strstr(msg, "long") || strstr(msg, "at most"))
        return S_QE_LONG;
    return S_QE_FIELD;
}

void list_need_page(view *v, size_t i)
{
    vresults *r = &v->res;

    /* Only for the results of the query typed: while a newer keystroke's
     * search is under way the older results stay on screen, but a page
     * of them asked for now would take the worker's one request slot
     * from that search (it was lost, and the older count stayed). */
    if (!r->have || r->unfinished || r->page_wanted || r->nrows >= r->total ||
        r->gen != v->req.gen || i + 10 < r->nrows)
        return;
    submit(v, r->gen, v->query.text, r->nrows, 0, list_sort(v));
    r->page_wanted = 1;
}

void list_res_reset(view *v)
{
    size_t i;

    for (i = 0; i < v->res.nrows; i++)
        list_row_free(&v->res.rows[i]);
    free(v->res.rows);
    wk_result_free(v->res.first);
    wk_result_free(v->res.stats);
    memset(&v->res, 0, sizeof v->res);
}

/* Ask for the statistics of all questions (home chart) if not yet. */
void list_home_request(view *v)
{
    wk_req r;

    if (!v->worker || v->home || (v->req.homegen && v->req.homegen == v->req.gen))
        return;
    memset(&r, 0, sizeof r);
    r.gen = v->req.homegen = ++v->req.gen;
    snprintf(r.query, sizeof r.query, "soort:vraag");
    r.sort = FMT_SORT_DATE;
    r.limit = 1;
    r.facets = 1;
    r.stats = 1;
    wk_submit(v->worker, &r);
}

/* The query text changed: search again (or go back to browsing). */
void list_query_changed(view *v)
{
    varch *A = v->narch > 0 ? &v->arch[v->cur] : NULL;
    char err[160];
    size_t pos;

    fmt_query_free(v->hlq);
    v->hlq = NULL;
    v->req.gen++;
    v->chip_sel = -1;
    if (!list_searching(v)) {
        list_res_reset(v);
        v->req.searching = 0;
        list_home_request(v);
        v->out.dirty = 1;
        return;
    }
    if (A && A->a && fmt_query_parse(&v->hlq, v->query.text, err, sizeof err, &pos) != FMT_OK)
        v->hlq = NULL;
    v->req.searching = 1;
    v->req.qstart = v->now;
    /* results that came for the last keystroke but were not shown yet
     * are not this query's: its own are timed and said when they come */
    v->req.lat_due = 0;
    v->res.page_wanted = 0;
    submit(v, v->req.gen, v->query.text, 0, 1, list_sort(v));
    v->out.dirty = 1;
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

void list_got_result(view *v, wk_result *r)
{
    if (r->type == WK_CHECK) { /* the background check of one archive */
        if (r->offset < (size_t)v->narch) {
            varch *A = &v->arch[r->offset];
            A->checked = r->err == FMT_OK ? 1 : -1;
            snprintf(A->computed, sizeof A->computed, "%.64s", r->didyoumean);
            if (r->err && !v->damaged++)
                snprintf(v->damage, sizeof v->damage, "%s", r->msg);
        }
        v->out.dirty = 1;
        wk_result_free(r);
        return;
    }
    if (r->gen == v->req.homegen) {
        wk_result **slot = r->type == WK_STATS ? &v->homestats : &v->home;
        wk_result_free(*slot);
        *slot = r;
        v->out.dirty = 1;
        return;
    }
    if (r->gen != v->req.gen) {
        wk_result_free(r);
        return;
    }
    v->out.dirty = 1;
    if (r->type == WK_STATS) {
        wk_result_free(v->res.stats);
        v->res.stats = r;
        return;
    }
    if (r->type == WK_SUGGEST || (r->offset == 0 && r->nsugg)) {
        memcpy(v->sugg, r->sugg, sizeof v->sugg);
        v->nsugg = (int)r->nsugg;
        v->sugg_sel = -1;
        v->sugg_gen = r->gen;
        if (r->type == WK_SUGGEST) {
            wk_result_free(r);
            return;
        }
    } else if (r->offset == 0) {
        v->nsugg = 0;
    }
    if (r->offset == 0) {
        if (r->err == FMT_INVALID && v->res.have && !v->res.err) {
            /* still being typed: keep what the last whole query found,
             * with a quiet hint, rather than wiping it for an error */
            v->res.unfinished = 1;
            v->res.gen = r->gen;
            snprintf(v->res.hint, sizeof v->res.hint, style_text(v, S_UNFINISHED),
                     style_text(v, query_hint(r->msg)));
            if (v->req.searching)
                v->req.lat_due = 1;
            v->req.searching = 0;
            wk_result_free(r);
            return;
        }
        list_res_reset(v);
        v->res.gen = r->gen;
        v->res.have = 1;
        v->res.err = r->err;
        if (r->err == FMT_INVALID || r->err == FMT_LIMIT) {
            snprintf(v->res.msg, sizeof v->res.msg, "%s", style_text(v, query_hint(r->msg)));
        } else if (r->err == FMT_CORRUPT) { /* said in the reader's words */
            snprintf(v->res.msg, sizeof v->res.msg, "%s", style_text(v, S_ST_DAMAGED));
            if (!v->damaged++)
                snprintf(v->damage, sizeof v->damage, "%s", r->msg);
        } else {
            snprintf(v->res.msg, sizeof v->res.msg, "%s", r->msg);
        }
        v->res.total = r->err ? 0 : r->cases;
        v->res.docs = r->err ? 0 : r->total;
        v->res.skipped = r->skipped;
        take_hits(&v->res, r);
        v->res.page_wanted = r->more;    /* the rest of the page is coming */
        v->res.first = r;
        if (v->req.searching)
            v->req.lat_due = 1;
        v->req.searching = 0;
        restore_results_pos(v);
        return;
    }
    if (r->offset == v->res.nrows && v->res.have)
        take_hits(&v->res, r);
    v->res.page_wanted = 0;
    wk_result_free(r);
}
int list_too_short(const view *v)
{
    const char *q = v->query.text;
    size_t n = strlen(q), letters = 0, i;

    while (*q == ' ')
        q++, n--;
    if (!n || q[n - 1] == ' ')
        return 0;
    for (i = 0; i < n; i++) {
        if (strchr(" :\"()*-", q[i]))
            return 0;
        letters += ((unsigned char)q[i] & 0xc0) != 0x80;
    }
    return letters < 3;
}

void list_counts(const view *v, char *out, size_t cap)
{
    char c[64], d[64];

    if (v->res.total == 1)
        snprintf(c, sizeof c, "%s", style_text(v, S_1_CASE));
    else
        snprintf(c, sizeof c, style_text(v, S_N_CASES), v->res.total);
    if (v->res.docs == 1)
        snprintf(d, sizeof d, "%s", style_text(v, S_1_DOC));
    else
        snprintf(d, sizeof d, style_text(v, S_N_DOCS), v->res.docs);
    snprintf(out, cap, "%s \xc2\xb7 %s", c, d);
}

int list_sort_shown(const view *v)
{
    int s = list_sort(v);
    return s == FMT_SORT_DATE ? 1 : s == FMT_SORT_OLD ? 2 : 0;
}

void list_sort_next(view *v)
{
    static const int next[] = {FMT_SORT_DATE, FMT_SORT_OLD, FMT_SORT_RANK};
    v->sort = next[list_sort_shown(v)];
    if (v->sort == FMT_SORT_RANK && query_sort(v->query.text) == FMT_SORT_RANK)
        v->sort = 0;
    list_query_changed(v);
}

int list_sugg_current(const view *v)
{
    return v->nsugg > 0 && v->sugg_gen == v->req.gen && list_searching(v);
}

void list_sugg_label(const view *v, int i, char *out, size_t cap)
{
    static const int kinds[] = {S_SG_WORD, S_SG_MEMBER, S_SG_PARTY, S_SG_TO, S_SG_ZAAK};
    const fmt_suggestion *s = &v->sugg[i];
    size_t n = strlen(s->text);

    if (s->kind == FMT_SUGGEST_WORD && n && s->text[n - 1] == '*')
        snprintf(out, cap, "%s  \xe2\x80\x94 %s", s->text, style_text(v, S_SG_STAR));
    else if (s->kind == FMT_SUGGEST_WORD)
        snprintf(out, cap, "%s", s->text);
    else
        snprintf(out, cap, "%s: %s", style_text(v, kinds[s->kind]), s->text);
}

int list_sugg_apply(view *v, int i, char *zaak, size_t cap)
{
    static const char *const fields[] = {"", "lid:", "partij:", "aan:", ""};
    const fmt_suggestion *s;
    char q[TEXT_MAX * 2], val[200];
    size_t n, st;

    if (i < 0 || i >= v->nsugg)
        return 0;
    s = &v->sugg[i];
    if (s->kind == FMT_SUGGEST_ZAAK) {
        snprintf(zaak, cap, "%s", s->text);
        return 1;
    }
    /* the word being typed starts after the last space or parenthesis */
    n = strlen(v->query.text);
    for (st = n; st > 0 && v->query.text[st - 1] != ' ' && v->query.text[st - 1] != '('; st--)
        ;
    if (s->kind == FMT_SUGGEST_WORD)
        snprintf(val, sizeof val, "%s", s->text);
    else if (strchr(s->text, ' ') || strchr(s->text, '-'))
        snprintf(val, sizeof val, "%s\"%s\"", fields[s->kind], s->text);
    else
        snprintf(val, sizeof val, "%s%s", fields[s->kind], s->text);
    snprintf(q, sizeof q, "%.*s%s ", (int)st, v->query.text, val);
    if (strlen(q) >= TEXT_MAX)
        return 0;
    field_set(&v->query, q);
    v->nsugg = 0;
    list_query_changed(v);
    return 0;
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
    if (!strcmp(s, "notice"))
        return "uitstel";
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
        return style_text(v, k == FMT_ANSWER ? S_K_ANSWER : k == FMT_NOTICE ? S_K_NOTICE : S_K_QUESTION);
    }
    if (f == FMT_FACET_STATUS) {
        if (!strcmp(val, "answered"))
            return style_text(v, S_ST_DAYS);
        if (!strcmp(val, "late"))
            return style_text(v, S_ST_LATE1);
        if (!strcmp(val, "withdrawn"))
            return style_text(v, S_ST_WITHDRAWN);
        if (!strcmp(val, "notice"))
            return style_text(v, S_ST_NOTICE);
        return style_text(v, S_ST_OPEN);
    }
    snprintf(buf, cap, "%s", val);
    return buf;
}

int list_chips(view *v, vchip *out, int cap)
{
    static const int order[] = { FMT_FACET_PARTY, FMT_FACET_YEAR, FMT_FACET_STATUS,
                                 FMT_FACET_KIND, FMT_FACET_MEMBER, FMT_FACET_ADDRESSEE };
    static const int per[] = { 6, 5, 4, 3, 3, 2 };
    char buf[TEXT_MAX], *tok, *save = NULL, token[112], word[80], lab[96];
    const wk_result *r = v->res.first;
    int n = 0;
    size_t k, i;

    /* filters already in the query come first, to be switched off */
    snprintf(buf, sizeof buf, "%s", v->query.text);
    for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
        if (strchr(tok, ':') && tok[0] != '"') {
            int a, b;
            chip_add(out, &n, cap, tok, tok, 0, 1, -1);
            /* a year or years chosen: a tap widens it a year either way */
            if (sscanf(tok, "jaar:%d..%d", &a, &b) == 2 || (sscanf(tok, "jaar:%d", &a) == 1 &&
                                                           (b = a, strlen(tok) == 9))) {
                int32_t lo = 99999999, hi = 0;
                int i2;
                for (i2 = 0; i2 < v->narch; i2++)
                    if (v->arch[i2].a && v->arch[i2].info.first_date > 0) {
                        if (v->arch[i2].info.first_date < lo)
                            lo = v->arch[i2].info.first_date;
                        if (v->arch[i2].info.last_date > hi)
                            hi = v->arch[i2].info.last_date;
                    }
                if (a - 1 >= lo / 10000) {
                    snprintf(token, sizeof token, "jaar:%d", a - 1);
                    snprintf(lab, sizeof lab, "\xe2\x86\x90 %d", a - 1);
                    chip_add(out, &n, cap, lab, token, 0, 0, FMT_FACET_YEAR);
                }
                if (b + 1 <= hi / 10000) {
                    snprintf(token, sizeof token, "jaar:%d", b + 1);
                    snprintf(lab, sizeof lab, "%d \xe2\x86\x92", b + 1);
                    chip_add(out, &n, cap, lab, token, 0, 0, FMT_FACET_YEAR);
                }
            }
        }
    if (!r || r->err)
        return n;
    for (k = 0; k < sizeof order / sizeof order[0]; k++) {
        int f = order[k], shown = 0;
        for (i = 0; i < r->nfacets[f] && shown < per[k]; i++) {
            const char *val = r->facets[f][i].value;
            if (!val[0] || r->facets[f][i].count == (r->cases ? r->cases : r->total))
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
            if (strchr(token, ' ') || has_token(v->query.text, token))
                continue;
            chip_add(out, &n, cap, facet_label(v, f, val, lab, sizeof lab), token,
                     r->facets[f][i].count, 0, f);
            shown++;
        }
    }
    return n;
}

/* A year chip tapped while a year (or years) is chosen: the range from
 * the one to the other, so a finger sets a date range with two taps
 * (jaar:2019, then 2022: jaar:2019..2022). 1 when q was made. */
static int year_range(const view *v, const vchip *c, char *q, size_t cap)
{
    const char *t = v->query.text, *p;
    int a, b, y;
    size_t len;

    if (c->facet != FMT_FACET_YEAR || sscanf(c->token, "jaar:%d", &y) != 1)
        return 0;
    for (p = t; (p = strstr(p, "jaar:")) && p != t && p[-1] != ' '; p++)
        ;
    if (!p)
        return 0;
    len = strcspn(p, " ");
    if (sscanf(p, "jaar:%d..%d", &a, &b) == 2)
        ;
    else if (sscanf(p, "jaar:%d", &a) == 1 && (len == 9))
        b = a;
    else
        return 0;
    if (y < a)
        a = y;
    if (y > b)
        b = y;
    snprintf(q, cap, "%.*sjaar:%d..%d%s", (int)(p - t), t, a, b, p + len);
    return 1;
}

int list_chip_query(const view *v, const vchip *c, char *q, size_t cap)
{
    size_t n = strlen(c->token);

    if (!c->active && year_range(v, c, q, cap)) {
        ;
    } else if (c->active) {
        const char *p = v->query.text;
        char *w = q;
        while (*p) {
            if ((p == v->query.text || p[-1] == ' ') && !strncmp(p, c->token, n) &&
                (p[n] == ' ' || p[n] == '\0')) {
                p += n;
                continue;
            }
            *w++ = *p++;
        }
        *w = '\0';
    } else {
        snprintf(q, cap, "%s%s%s", v->query.text,
                 v->query.text[0] && v->query.text[strlen(v->query.text) - 1] != ' ' ? " " : "", c->token);
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
    return strlen(q) < sizeof v->query.text ? 0 : -1;
}

/* ---- browse list ----------------------------------------------------- */

int list_visible_rows(view *v)
{
    int rh = style_row_h(v, list_searching(v)), hgt = v->frame.list_bottom - v->frame.list_top;

    if (hgt <= 0) {
        vgeom g;
        style_geom(v, &g);
        hgt = g.bottom - g.top - 3 * v->lh;
    }
    return hgt / rh > 1 ? hgt / rh : 1;
}

void list_browse_first(view *v)
{
    vbrowse *b = &v->browse;
    vbrowse_slot *s;
    int64_t n = list_browse_count(v);

    b->top = b->sel = -1;
    b->top_off = 0;
    if (n == 0)
        return;
    s = list_slot(v, (uint32_t)(n - 1));
    b->top = s && s->included ? n - 1 : list_next_row(v, n - 1);
    b->sel = b->top;
}

static int rows_from(view *v, int64_t d, int max)
{
    int n = 0;

    while (d >= 0 && n < max) {
        n++;
        d = list_next_row(v, d);
    }
    return n;
}

void list_browse_scroll(view *v, int64_t dy)
{
    vbrowse *b = &v->browse;
    int rh = style_row_h(v, list_searching(v)), vis = list_visible_rows(v);
    int64_t off;

    if (b->top < 0)
        return;
    off = b->top_off + dy;
    while (off >= rh) {
        int64_t n = list_next_row(v, b->top);
        if (n < 0 || rows_from(v, n, vis) < vis) {
            off = 0;
            break;
        }
        b->top = n;
        off -= rh;
    }
    while (off < 0) {
        int64_t p = list_prev_row(v, b->top);
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
void list_browse_show_sel(view *v)
{
    vbrowse *b = &v->browse;
    int vis = list_visible_rows(v), i = 0, k;
    int64_t x = b->top;

    if (b->sel < 0 || b->top < 0)
        return;
    if (b->sel > b->top || (b->sel == b->top && b->top_off > 0)) {
        b->top = b->sel;
        b->top_off = 0;
        return;
    }
    while (x >= 0 && x != b->sel && i < vis + 1) {
        x = list_next_row(v, x);
        i++;
    }
    if (x == b->sel && i < vis)
        return;
    /* put the selection on the last full row */
    b->top = b->sel;
    b->top_off = 0;
    for (k = 0; k < vis - 1; k++) {
        int64_t p = list_prev_row(v, b->top);
        if (p < 0)
            break;
        b->top = p;
    }
}

void list_browse_move(view *v, int k)
{
    vbrowse *b = &v->browse;

    if (b->sel < 0)
        return;
    while (k > 0) {
        int64_t n = list_next_row(v, b->sel);
        if (n < 0)
            break;
        b->sel = n;
        k--;
    }
    while (k < 0) {
        int64_t p = list_prev_row(v, b->sel);
        if (p < 0)
            break;
        b->sel = p;
        k++;
    }
    list_browse_show_sel(v);
}

void list_browse_end(view *v)
{
    vbrowse_slot *s = list_slot(v, 0);

    v->browse.sel = s && s->included ? 0 : list_prev_row(v, 0);
    list_browse_show_sel(v);
}

/* Show the newest row dated on or before ymd. */
void list_browse_jump(view *v, int32_t ymd)
{
    uint32_t lo = 0, hi;
    vbrowse_slot *s;
    int64_t d;

    if (list_browse_count(v) == 0)
        return;
    hi = (uint32_t)list_browse_count(v); /* the first position dated after ymd */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        s = list_slot(v, mid);
        if (s && s->row.date > ymd)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo == 0) {
        list_browse_end(v);
        return;
    }
    d = lo - 1;
    s = list_slot(v, (uint32_t)d);
    if (!s || !s->included)
        d = list_next_row(v, d);
    if (d < 0) {
        list_browse_end(v);
        return;
    }
    v->browse.top = v->browse.sel = d;
    v->browse.top_off = 0;
    list_browse_scroll(v, 0);
}

/* ---- results list ---------------------------------------------------- */

int64_t list_res_max_scroll(view *v)
{
    int64_t h = (int64_t)v->res.total * style_row_h(v, list_searching(v)) - (v->frame.list_bottom - v->frame.list_top);
    return h > 0 ? h : 0;
}

void list_res_clamp(view *v)
{
    v->res.scroll = style_clamp(v->res.scroll, list_res_max_scroll(v));
}

void list_res_show_sel(view *v)
{
    int rh = style_row_h(v, list_searching(v)), hgt = v->frame.list_bottom - v->frame.list_top;
    int64_t y = (int64_t)v->res.sel * rh;

    if (y < v->res.scroll)
        v->res.scroll = y;
    else if (y + rh > v->res.scroll + hgt)
        v->res.scroll = y + rh - hgt;
    list_res_clamp(v);
}

void list_res_move(view *v, long k)
{
    long s = (long)v->res.sel + k;

    if (v->res.total == 0)
        return;
    if (s < 0)
        s = 0;
    if (s >= (long)v->res.total)
        s = (long)v->res.total - 1;
    v->res.sel = (size_t)s;
    list_res_show_sel(v);
    list_need_page(v, v->res.sel);
}


/* ---- before a frame -------------------------------------------------- */

vbrowse_slot *list_slot_peek(const view *v, int64_t x)
{
    vbrowse_slot *s;

    if (!v->browse.cache || x < 0)
        return NULL;
    s = &v->browse.cache[x % BROWSE_CACHE];
    return s->docno == (uint32_t)x ? s : NULL;
}

void list_prepare(view *v, int top, int bottom)
{
    vbrowse *b = &v->browse;
    int rh = style_row_h(v, 0), y = top - b->top_off;
    int64_t d = b->top;

    b->nvis = 0;
    while (d >= 0 && y < bottom && b->nvis < VIS_MAX) {
        list_slot(v, (uint32_t)d);
        b->vis[b->nvis++] = d;
        y += rh;
        d = list_next_row(v, d);
    }
}
