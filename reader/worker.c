/* worker.c - the search thread: one request slot, a results queue.
 *
 * The slot holds only the newest request because a person typing makes the
 * older ones worthless; the cancel flag makes the running search give up
 * at its next check. Results are handed over whole (the view never sees a
 * half-built one), and everything a result points to is its own copy, so
 * no pointer into the worker's archive handle crosses threads.
 */
#include "worker.h"
#include "vmem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct wk {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;       /* signals the worker: request or stop */
    pthread_cond_t idle_cv;  /* signals wk_wait(): the worker went idle */
    fmt_archive *a[WK_ARCH_MAX]; /* the library, first to last */
    size_t na;
    fmt_library *lib;        /* opened by the thread before its first search */
    int32_t newest;          /* the newest document date of them all */
    int checking;            /* wk_check: archives still to check */
    size_t chk_k;            /* the one being checked */
    fmt_sumcheck *chk;
    unsigned char known[WK_ARCH_MAX]; /* wk_known: checked already, skipped */
    /* wk_verify: a new edition's files to check, waiting (ver_next) and
     * being checked (ver_*, the thread's own); the answer waits in
     * ver_done until wk_verified() takes it */
    char *ver_next[WK_ARCH_MAX];
    size_t ver_nnext;
    uint64_t ver_nexttag;
    int ver_pending, ver_running;
    char *ver_paths[WK_ARCH_MAX];
    size_t ver_n, ver_k;
    uint64_t ver_tag;
    fmt_archive *ver_a;
    fmt_sumcheck *ver_c;
    int ver_done, ver_err;
    uint64_t ver_donetag;
    char ver_msg[512];
    char liberr[256];        /* why it could not be, if it could not */
    wk_req pending;
    int has_pending;
    wk_req stats;            /* statistics still to count, if has_stats */
    int has_stats;
    size_t stats_total;      /* hits of the stats query, from its search */
    int running;
    int stop;
    volatile int cancel;
    wk_result *head, *tail;  /* finished, oldest first */
    void (*notify)(void *ctx);
    void *notify_ctx;
};

static char *dup(const char *s)
{
    return strdup(s ? s : "");
}

static void hit_free(wk_hit *h)
{
    free(h->id);
    free(h->zaak);
    free(h->subject);
    free(h->members);
    free(h->parties);
    free(h->addressees);
    free(h->snippet);
}

void wk_result_free(wk_result *r)
{
    size_t i;
    int f;

    if (!r)
        return;
    for (i = 0; i < r->count; i++)
        hit_free(&r->hits[i]);
    free(r->hits);
    for (f = 0; f < FMT_NFACETS; f++) {
        for (i = 0; i < r->nfacets[f]; i++)
            free(r->facets[f][i].value);
        free(r->facets[f]);
    }
    free(r->months);
    free(r->mcounts);
    free(r);
}

static void post(wk *w, wk_result *r)
{
    pthread_mutex_lock(&w->mu);
    if (w->tail)
        w->tail->next = r;
    else
        w->head = r;
    w->tail = r;
    pthread_mutex_unlock(&w->mu);
    if (w->notify)
        w->notify(w->notify_ctx);
}

static wk_result *new_result(int type, const wk_req *q)
{
    wk_result *r = calloc(1, sizeof *r);

    if (r) {
        r->type = type;
        r->gen = q->gen;
        r->offset = q->offset;
        r->st_median = -1;
    }
    return r;
}

/* ---- one search ------------------------------------------------------ */

static int copy_hit1(wk *w, const fmt_lhit *lh, wk_hit *h, fmt_summary *sum,
                     const fmt_snip *sn);

/* The more telling of two statuses of one case's documents held by
 * different archives of a library (each knows only its own): an answer
 * anywhere makes it answered; then withdrawn, notice, open. */
static int status_rank(int s)
{
    switch (s) {
    case FMT_STATUS_ANSWERED: case FMT_STATUS_LATE: return 4;
    case FMT_STATUS_WITHDRAWN: return 3;
    case FMT_STATUS_NOTICE: return 2;
    case FMT_STATUS_OPEN: return 1;
    default: return 0;
    }
}

static int set_str(char **dst, const char *s)
{
    char *n = dup(s);
    if (!n)
        return -1;
    free(*dst);
    *dst = n;
    return 0;
}

/* Fill in row h as its whole case: the question's subject and askers
 * where the question is in the library (else the answer's or notice's),
 * the dates asked and answered, the kinds held, and the status as all
 * the case's documents together tell it. A document that cannot be read
 * marks the row damaged and is left out. */
static int case_row(wk *w, wk_hit *h, fmt_summary *s)
{
    uint32_t docs[64];
    size_t k, i, n;
    int have_q = h->kind == FMT_QUESTION, best = h->status, days = h->answer_days;

    h->kinds_held = (uint8_t)(1u << h->kind);
    if (h->kind == FMT_QUESTION)
        h->asked = h->date;
    if (!h->zaak || !h->zaak[0])
        return 0;
    for (k = 0; k < w->na; k++) {
        int rc = fmt_zaak_docs(w->a[k], h->zaak, docs, 64, &n);
        if (rc == FMT_NOTFOUND)
            continue;
        if (rc != FMT_OK) {
            h->damaged = 1;
            continue;
        }
        for (i = 0; i < n && i < 64; i++) {
            if (fmt_get_summary(w->a[k], docs[i], s) != FMT_OK) {
                h->damaged = 1;
                continue;
            }
            h->kinds_held |= (uint8_t)(1u << s->kind);
            if (s->kind == FMT_QUESTION && !have_q) {
                have_q = 1;
                h->asked = s->submitted ? s->submitted : s->date;
                if ((*s->subject && set_str(&h->subject, s->subject) < 0) ||
                    set_str(&h->members, s->members) < 0 ||
                    set_str(&h->parties, s->parties) < 0 ||
                    set_str(&h->addressees, s->addressees) < 0)
                    return -1;
            }
            if (!h->asked && s->submitted)
                h->asked = s->submitted;
            if (s->kind == FMT_ANSWER && s->received &&
                (!h->answered || s->received < h->answered))
                h->answered = s->received;
            if (status_rank(s->status) > status_rank(best)) {
                best = s->status;
                days = s->answer_days;
            } else if (s->status == best && days < 0) {
                days = s->answer_days;
            }
        }
    }
    h->status = best;
    h->answer_days = days;
    return 0;
}

static int copy_hit(wk *w, const fmt_lhit *lh, wk_hit *h, fmt_summary *sum,
                    const fmt_snip *sn, int cases)
{
    if (copy_hit1(w, lh, h, sum, sn) < 0)
        return -1;
    h->kinds_matched = lh->kinds ? lh->kinds : (uint8_t)(1u << h->kind);
    h->matched = lh->matched ? lh->matched : 1;
    return cases ? case_row(w, h, sum) : 0;
}

static int copy_hit1(wk *w, const fmt_lhit *lh, wk_hit *h, fmt_summary *sum,
                     const fmt_snip *sn)
{
    fmt_archive *a = w->a[lh->arch];
    uint32_t docno = lh->docno;

    memset(h, 0, sizeof *h);
    h->docno = docno;
    h->arch = (int)lh->arch;
    h->answer_days = -1;
    if (fmt_get_summary(a, docno, sum) == FMT_OK) {
        h->kind = sum->kind;
        h->status = sum->status;
        h->answer_days = sum->answer_days;
        h->date = sum->date;
        h->id = dup(sum->id);
        h->zaak = dup(sum->zaak);
        h->subject = dup(sum->subject);
        h->members = dup(sum->members);
        h->parties = dup(sum->parties);
        h->addressees = dup(sum->addressees);
    } else {
        /* the row says so in the reader's language (damaged) */
        h->damaged = 1;
        h->id = dup("?");
        h->zaak = dup("");
        h->subject = dup("");
        h->members = dup("");
        h->parties = dup("");
        h->addressees = dup("");
    }
    if (!h->id || !h->zaak || !h->subject || !h->members || !h->parties ||
        !h->addressees)
        return -1;
    if (sn && sn->rc == FMT_OK) {
        h->snippet = strndup(sn->text.data ? sn->text.data : "", sn->text.len);
        if (!h->snippet)
            return -1;
        for (h->nhl = 0; h->nhl < sn->nhl && h->nhl < WK_HL_MAX; h->nhl++)
            h->hl[h->nhl] = sn->hl[h->nhl];
    } else {
        h->nhl = 0;
    }
    return 0;
}

static int copy_facets(wk_result *r, const fmt_lresults *res)
{
    int f;
    size_t i, n;

    for (f = 0; f < FMT_NFACETS; f++) {
        const fmt_facet_count *fc = fmt_lresults_facet(res, f, &n);
        if (!fc || n == 0)
            continue;
        if (n > WK_FACET_MAX)
            n = WK_FACET_MAX;
        r->facets[f] = calloc(n, sizeof *r->facets[f]);
        if (!r->facets[f])
            return -1;
        for (i = 0; i < n; i++) {
            r->facets[f][i].value = dup(fc[i].value);
            r->facets[f][i].count = fc[i].count;
            if (!r->facets[f][i].value)
                return -1;
            r->nfacets[f]++;
        }
    }
    return 0;
}

static int copy_months(wk_result *r, const fmt_lresults *res)
{
    const int32_t *m;
    const uint32_t *c;
    size_t n = fmt_lresults_months(res, &m, &c);

    if (n == 0)
        return 0;
    r->months = malloc(n * sizeof *r->months);
    r->mcounts = malloc(n * sizeof *r->mcounts);
    if (!r->months || !r->mcounts)
        return -1;
    memcpy(r->months, m, n * sizeof *m);
    memcpy(r->mcounts, c, n * sizeof *c);
    r->nmonths = n;
    return 0;
}

static void set_err(wk_result *r, int err, const char *msg)
{
    r->err = err;
    snprintf(r->msg, sizeof r->msg, "%s", msg && *msg ? msg : fmt_strerror(err));
}

/* The snippets of hits h[0..n) into *out (on two threads, fmt_snippets);
 * -1 when out of memory. */
static int snippets(wk *w, const fmt_query *q, const wk_req *rq,
                    const fmt_lhit *h, size_t n, fmt_snip **out)
{
    if (!(*out = calloc(n, sizeof **out)))
        return -1;
    fmt_snippets(w->a, h, n, q, rq->snippet_len ? rq->snippet_len : 320, *out);
    return 0;
}

/* Fill r with hits from..to-1 of a finished search (and the facets, when
 * from is 0); returns -1 when cancelled or out of memory (r->err says
 * which). */
static int fill(wk *w, const fmt_query *q, const wk_req *rq, fmt_lresults *res,
                wk_result *r, size_t from, size_t to)
{
    size_t i, nh, n = to > from ? to - from : 0;
    const fmt_lhit *hits = fmt_lresults_hits(res, &nh);
    fmt_summary sum;
    fmt_snip *sn = NULL;
    int rc = 0;

    memset(&sum, 0, sizeof sum);
    r->total = fmt_lresults_total(res);
    r->cases = fmt_lresults_cases(res);
    r->skipped = fmt_lresults_skipped(res, NULL);
    r->offset = rq->offset + from;
    r->hits = n ? calloc(n, sizeof *r->hits) : NULL;
    if (n && !r->hits)
        return set_err(r, FMT_NOMEM, NULL), -1;
    if (n && rq->snippets && (rc = snippets(w, q, rq, hits + from, n, &sn)) < 0)
        set_err(r, FMT_NOMEM, NULL);
    for (i = from; i < to && rc == 0; i++) {
        if (w->cancel)
            rc = -1;
        else if (copy_hit(w, &hits[i], &r->hits[i - from], &sum,
                          sn ? &sn[i - from] : NULL, rq->cases) < 0)
            rc = -1, set_err(r, FMT_NOMEM, NULL);
        r->count = i - from + 1;
    }
    if (sn)
        fmt_snips_free(sn, n);
    free(sn);
    fmt_summary_free(&sum);
    if (rc == 0 && from == 0 && rq->facets &&
        (copy_facets(r, res) < 0 || copy_months(r, res) < 0))
        rc = -1, set_err(r, FMT_NOMEM, NULL);
    return rc;
}

/* The rest of the page after the first screenful went out: hits k.. */
static void run_rest(wk *w, const fmt_query *q, const wk_req *rq, fmt_lresults *res,
                     size_t k)
{
    wk_result *r = new_result(WK_RESULTS, rq);
    size_t n;

    if (!r)
        return;
    fmt_lresults_hits(res, &n);
    if (fill(w, q, rq, res, r, k, n) < 0 && w->cancel) {
        wk_result_free(r);
        return;
    }
    post(w, r);
}

/* ---- suggestions ------------------------------------------------------ */

/* The word being typed: the last of the query when no space follows it,
 * without a leading '-' or '(' and, after a field name (lid:pal), its
 * value; "" when the query ends in a space, a quote or an operator. *field
 * says whether it is a field's value (names only then). */
static void open_word(const char *q, char *out, size_t cap, int *field)
{
    size_t n = strlen(q), s = n;
    const char *c;

    out[0] = '\0';
    *field = -1;
    if (!n || q[n - 1] == ' ' || q[n - 1] == '"' || q[n - 1] == ')')
        return;
    while (s > 0 && q[s - 1] != ' ' && q[s - 1] != '(')
        s--;
    while (q[s] == '-')
        s++;
    if ((c = strchr(q + s, ':'))) { /* a field: names of its kind, or none */
        static const struct { const char *name; int kind; } f[] = {
            {"lid", FMT_SUGGEST_MEMBER}, {"member", FMT_SUGGEST_MEMBER},
            {"partij", FMT_SUGGEST_PARTY}, {"party", FMT_SUGGEST_PARTY},
            {"aan", FMT_SUGGEST_ADDRESSEE}, {"to", FMT_SUGGEST_ADDRESSEE},
            {"minister", FMT_SUGGEST_ADDRESSEE}, {"nummer", FMT_SUGGEST_ZAAK},
            {"number", FMT_SUGGEST_ZAAK},
        };
        size_t i;
        *field = -2; /* a field without names to offer */
        for (i = 0; i < sizeof f / sizeof f[0]; i++)
            if ((size_t)(c - q) - s == strlen(f[i].name) && !strncmp(q + s, f[i].name, strlen(f[i].name)))
                *field = f[i].kind;
        s = (size_t)(c - q) + 1;
    }
    if (q[s] == '"' || !strcmp(q + s, "OR") || !strcmp(q + s, "OF") ||
        !strcmp(q + s, "AND") || !strcmp(q + s, "EN") || !strcmp(q + s, "NOT") ||
        !strcmp(q + s, "NIET"))
        return;
    snprintf(out, cap, "%s", q + s);
}

static void add_sugg(wk_result *r, int kind, const char *text, uint32_t count)
{
    size_t i;

    for (i = 0; i < r->nsugg; i++)
        if (!strcmp(r->sugg[i].text, text))
            return;
    if (r->nsugg == WK_SUGGEST_MAX)
        return;
    r->sugg[r->nsugg].kind = kind;
    snprintf(r->sugg[r->nsugg].text, sizeof r->sugg[0].text, "%s", text);
    r->sugg[r->nsugg++].count = count;
}

/* Completions of the word being typed: case numbers, then index words
 * (most frequent first), then members, parties and addressees. */
static void suggest(wk *w, const char *query, wk_result *r)
{
    char word[96];
    int field;
    size_t k, i, n;

    open_word(query, word, sizeof word, &field);
    if (strlen(word) < 2 || field == -2)
        return;
    for (k = 0; k < w->na && r->nsugg < WK_SUGGEST_MAX; k++) {
        fmt_suggestion names[WK_SUGGEST_MAX];
        char *words[5];

        if (fmt_suggest_names(w->a[k], word, names, WK_SUGGEST_MAX, &n) != FMT_OK)
            n = 0;
        for (i = 0; i < n && names[i].kind == FMT_SUGGEST_ZAAK; i++)
            if (field < 0 || field == FMT_SUGGEST_ZAAK)
                add_sugg(r, names[i].kind, names[i].text, names[i].count);
        if (field < 0 && fmt_suggest(w->a[k], word, words, 5, &n) == FMT_OK) {
            for (i = 0; i < n; i++) {
                add_sugg(r, FMT_SUGGEST_WORD, words[i], 0);
                free(words[i]);
            }
        }
        if (field != FMT_SUGGEST_ZAAK &&
            fmt_suggest_names(w->a[k], word, names, field < 0 ? 3 : WK_SUGGEST_MAX, &n) == FMT_OK)
            for (i = 0; i < n; i++)
                if (names[i].kind != FMT_SUGGEST_ZAAK && (field < 0 || names[i].kind == field))
                    add_sugg(r, names[i].kind, names[i].text, names[i].count);
    }
}

/* A finished query without hits whose last word is found only inside
 * longer words (douane in douanescanners): offer "douane*". */
static void suggest_star(wk *w, const char *query, wk_result *r)
{
    char q[WK_QUERY_MAX], star[100], *words[2];
    size_t n = strlen(query), i;
    int field;

    while (n > 0 && query[n - 1] == ' ')
        n--;
    snprintf(q, sizeof q, "%.*s", (int)n, query);
    open_word(q, star, sizeof star - 1, &field);
    if (field != -1 || strlen(star) < 3 || strchr(star, '*') ||
        fmt_suggest(w->a[0], star, words, 2, &n) != FMT_OK)
        return;
    for (i = 0; i < n; i++)
        free(words[i]);
    if (n) { /* put it first: it is the way to the hits */
        strcat(star, "*");
        memmove(r->sugg + 1, r->sugg, (WK_SUGGEST_MAX - 1) * sizeof *r->sugg);
        if (r->nsugg < WK_SUGGEST_MAX)
            r->nsugg++;
        r->sugg[0].kind = FMT_SUGGEST_WORD;
        snprintf(r->sugg[0].text, sizeof r->sugg[0].text, "%s", star);
        r->sugg[0].count = 0;
    }
}

/* The suggestions for the query being typed, as a result of their own
 * (WK_SUGGEST), unless the next keystroke already came. */
static void post_suggestions(wk *w, const wk_req *rq)
{
    wk_result *r;

    if (!rq->typing || w->cancel || !(r = new_result(WK_SUGGEST, rq)))
        return;
    suggest(w, rq->query, r);
    if (w->cancel || !r->nsugg) {
        wk_result_free(r);
        return;
    }
    post(w, r);
}

static void run_search(wk *w, const wk_req *rq)
{
    wk_result *r = new_result(WK_RESULTS, rq);
    fmt_query *q = NULL;
    fmt_lresults *res = NULL;
    fmt_search_opts o;
    char err[200] = "";
    size_t n = 0, k = 0, bad = 0;
    int rc, more;

    if (!r)
        return;
    r->newest = w->newest;
    rc = fmt_query_parse_flags(&q, rq->query, rq->typing ? FMT_QUERY_TYPING : 0,
                               err, sizeof err, &r->errpos);
    if (rc != FMT_OK) {
        set_err(r, rc, err);
        post(w, r);
        post_suggestions(w, rq);   /* they help finish it */
        return;
    }
    memset(&o, 0, sizeof o);
    o.cases = rq->cases;
    o.sort = rq->sort;
    o.offset = rq->offset;
    o.limit = rq->limit ? rq->limit : 50;
    o.facets = rq->facets;
    o.cancel = &w->cancel;
    /* start from the level: a search over many hits maps megabytes of
     * columns to count facets, and what the last one left on top of that
     * would make the peak */
    vm_release();
    rc = w->lib ? fmt_library_search(w->lib, q, &o, &res, &bad) : FMT_CORRUPT;
    if (rc == FMT_LIMIT && w->cancel)
        goto dropped;
    vm_keep();                   /* the columns it counted facets over */
    if (rc == FMT_OK) {
        /* a snippet costs a record read: the screenful goes first */
        fmt_lresults_hits(res, &n);
        k = rq->first && rq->first < n ? rq->first : n;
    }
    if (rc != FMT_OK) {
        set_err(r, rc, w->lib ? fmt_errmsg(w->a[bad]) : w->liberr);
    } else if (fill(w, q, rq, res, r, 0, k) < 0) {
        if (w->cancel)
            goto dropped;
    } else if (rq->facets && r->total == 0) {
        fmt_buf b = { 0 };
        if (fmt_didyoumean(w->a[0], rq->query, &b) == FMT_OK && b.len)
            snprintf(r->didyoumean, sizeof r->didyoumean, "%.*s", (int)b.len, b.data);
        fmt_buf_free(&b);
    }
    if (rq->stats && rc == FMT_OK) {
        pthread_mutex_lock(&w->mu);
        if (w->has_stats && w->stats.gen == rq->gen)
            w->stats_total = r->total;
        pthread_mutex_unlock(&w->mu);
    }
    more = r->more = rc == FMT_OK && !r->err && k < n;
    if (rq->typing && r->total == 0 && rc == FMT_OK)
        suggest_star(w, rq->query, r);
    post(w, r);                  /* r is the view's from here on */
    /* after the screenful, not before: a keystroke's results first */
    post_suggestions(w, rq);
    if (more)
        run_rest(w, q, rq, res, k);
    fmt_lresults_free(res);
    fmt_query_free(q);
    vm_keep();
    return;
dropped:
    fmt_lresults_free(res);
    fmt_query_free(q);
    wk_result_free(r);
}

/* ---- answer-time statistics ----------------------------------------- */

/* A set of case numbers, so a case whose question and answer both match
 * counts once. Open addressing; keys are at most 15 bytes. */
typedef struct {
    char (*keys)[16];
    size_t cap;
} zset;

static int zset_add(zset *s, const char *z)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; z[i] && i < 15; i++)
        h = (h ^ (unsigned char)z[i]) * 16777619u;
    for (i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (!s->keys[i][0]) {
            snprintf(s->keys[i], sizeof s->keys[i], "%s", z);
            return 1;
        }
        if (!strncmp(s->keys[i], z, 15))
            return 0;
    }
}

static int median_days(const uint32_t *days, size_t ndays, size_t n)
{
    size_t i, acc = 0;

    for (i = 0; i < ndays; i++) {
        acc += days[i];
        if (acc * 2 >= n)
            return (int)i;
    }
    return -1;
}

#define STAT_DAYS 2000
#define STAT_RUN 8     /* hits read one after another in a sample */

/* Count the case of summary sum, unless it was counted already. */
static void count_one(const fmt_summary *sum, wk_result *r, zset *set, uint32_t *days,
                      size_t *answered)
{
    if (sum->status == FMT_STATUS_NONE)
        return;
    if (sum->zaak[0] && !zset_add(set, sum->zaak))
        return;
    r->st_cases++;
    switch (sum->status) {
    case FMT_STATUS_OPEN: r->st_open++; break;
    case FMT_STATUS_WITHDRAWN: r->st_withdrawn++; break;
    case FMT_STATUS_ANSWERED: r->st_within++; /* fall through */
    case FMT_STATUS_LATE:
        r->st_answered++;
        if (sum->answer_days >= 0) {
            days[sum->answer_days > STAT_DAYS ? STAT_DAYS : sum->answer_days]++;
            (*answered)++;
        }
        break;
    }
}

static size_t scaled(size_t k, size_t n, size_t looked)
{
    return (size_t)((double)k * (double)n / (double)looked + 0.5);
}

/* Answer-time statistics over the hits: all of them when there are at
 * most WK_STATS_SAMPLE, else a sample of that many in runs of STAT_RUN
 * neighbours spread evenly over the hits. Neighbouring hits (in date
 * order) have neighbouring summaries, on the same pages of the map, so a
 * sample in runs touches a fraction of the pages single hits would. */
static void count_stats(wk *w, const fmt_lresults *res, wk_result *r, zset *set)
{
    size_t n, i, k, answered = 0, looked = 0;
    const fmt_lhit *hits = fmt_lresults_hits(res, &n);
    size_t nruns = (WK_STATS_SAMPLE + STAT_RUN - 1) / STAT_RUN;
    int sample = n > WK_STATS_SAMPLE;
    uint32_t *days = calloc(STAT_DAYS + 1, sizeof *days);
    fmt_summary sum;

    memset(&sum, 0, sizeof sum);
    if (!days)
        return;
    r->st_sampled = sample;
    for (k = 0; k < (sample ? nruns : 1) && !w->cancel; k++) {
        size_t from = sample ? k * n / nruns : 0, to = sample ? from + STAT_RUN : n;
        for (i = from; i < to && i < n && !w->cancel; i++) {
            /* summaries far apart each map their own pages: give them
             * back as we go, so the scan makes no peak */
            if (++looked % 16 == 0)
                vm_keep();
            if (fmt_get_summary(w->a[hits[i].arch], hits[i].docno, &sum) == FMT_OK)
                count_one(&sum, r, set, days, &answered);
        }
    }
    r->st_median = answered ? median_days(days, STAT_DAYS + 1, answered) : -1;
    if (sample && looked) {
        r->st_cases = scaled(r->st_cases, n, looked);
        r->st_answered = scaled(r->st_answered, n, looked);
        r->st_within = scaled(r->st_within, n, looked);
        r->st_open = scaled(r->st_open, n, looked);
        r->st_withdrawn = scaled(r->st_withdrawn, n, looked);
    }
    fmt_summary_free(&sum);
    free(days);
}

static void run_stats(wk *w, const wk_req *rq, size_t total)
{
    wk_result *r = new_result(WK_STATS, rq);
    fmt_query *q = NULL;
    fmt_lresults *res = NULL;
    fmt_search_opts o;
    zset set = { NULL, 16 };
    char err[200];
    size_t errpos;

    if (!r)
        return;
    if (total > WK_STATS_MAX)
        total = WK_STATS_MAX;
    while (set.cap < 2 * (total < WK_STATS_SAMPLE ? total : WK_STATS_SAMPLE))
        set.cap *= 2;
    memset(&o, 0, sizeof o);
    o.sort = FMT_SORT_DATE;
    o.limit = total ? total : 1;
    o.cancel = &w->cancel;
    vm_release();                /* the search's pages: not needed here */
    set.keys = calloc(set.cap, sizeof *set.keys);
    if (set.keys && w->lib &&
        fmt_query_parse_flags(&q, rq->query, rq->typing ? FMT_QUERY_TYPING : 0,
                              err, sizeof err, &errpos) == FMT_OK &&
        fmt_library_search(w->lib, q, &o, &res, NULL) == FMT_OK) {
        vm_keep();
        count_stats(w, res, r, &set);
    }
    fmt_lresults_free(res);
    fmt_query_free(q);
    free(set.keys);
    vm_keep();
    if (w->cancel) {
        wk_result_free(r);
        return;
    }
    pthread_mutex_lock(&w->mu);
    if (w->has_stats && w->stats.gen == rq->gen)
        w->has_stats = 0;
    pthread_mutex_unlock(&w->mu);
    post(w, r);
}

/* ---- the background check ------------------------------------------- */

#define CHECK_STEP (4u << 20)  /* bytes hashed between looks for a search */

/* A step of checking the archives' contents, one after the other; a
 * WK_CHECK result for each when it is done. */
static void check_step(wk *w)
{
    while (w->chk_k < w->na && w->known[w->chk_k] && !w->chk)
        w->chk_k++;
    if (w->chk_k >= w->na) {
        pthread_mutex_lock(&w->mu);
        w->checking = 0;
        pthread_mutex_unlock(&w->mu);
        return;
    }
    if (!w->chk && fmt_sumcheck_start(w->a[w->chk_k], &w->chk) != FMT_OK) {
        w->checking = 0;
        return;
    }
    if (!fmt_sumcheck_step(w->chk, CHECK_STEP))
        return;
    wk_result *r = calloc(1, sizeof *r);
    if (r) {
        r->type = WK_CHECK;
        r->offset = w->chk_k;
        r->err = fmt_sumcheck_result(w->chk, r->didyoumean);
        if (r->err)
            snprintf(r->msg, sizeof r->msg, "%s", fmt_errmsg(w->a[w->chk_k]));
    }
    fmt_sumcheck_free(w->chk);
    w->chk = NULL;
    pthread_mutex_lock(&w->mu);
    while (++w->chk_k < w->na && w->known[w->chk_k])
        ;
    if (w->chk_k >= w->na)
        w->checking = 0;
    pthread_mutex_unlock(&w->mu);
    if (r)
        post(w, r);
}

void wk_known(wk *w, size_t k)
{
    if (!w || k >= WK_ARCH_MAX)
        return;
    pthread_mutex_lock(&w->mu);
    w->known[k] = 1;
    pthread_mutex_unlock(&w->mu);
}

/* ---- checking a new edition (wk_verify) ------------------------------ */

static void free_paths(char **p, size_t *n)
{
    size_t i;

    for (i = 0; i < *n; i++)
        free(p[i]);
    *n = 0;
}

static void ver_close(wk *w)
{
    fmt_sumcheck_free(w->ver_c);
    w->ver_c = NULL;
    fmt_close(w->ver_a);
    w->ver_a = NULL;
}

/* The answer for the running verification: err and what it says. */
static void ver_finish(wk *w, int err, const char *msg)
{
    ver_close(w);
    pthread_mutex_lock(&w->mu);
    w->ver_running = 0;
    w->ver_done = 1;
    w->ver_err = err;
    w->ver_donetag = w->ver_tag;
    snprintf(w->ver_msg, sizeof w->ver_msg, "%s", msg && *msg ? msg : fmt_strerror(err));
    free_paths(w->ver_paths, &w->ver_n);
    pthread_mutex_unlock(&w->mu);
    if (w->notify)
        w->notify(w->notify_ctx);
}

/* A step of checking the new edition's files one after the other, each
 * against its own checksum trailer (part 1 of a split archive names the
 * others' checksums, which fmt_parts() compared already). */
static void verify_step(wk *w)
{
    char msg[512] = "";
    int rc;

    pthread_mutex_lock(&w->mu);
    if (w->ver_pending) {        /* a newer request replaces this one */
        pthread_mutex_unlock(&w->mu);
        ver_close(w);
        pthread_mutex_lock(&w->mu);
        free_paths(w->ver_paths, &w->ver_n);
        memcpy(w->ver_paths, w->ver_next, sizeof w->ver_paths);
        w->ver_n = w->ver_nnext;
        w->ver_nnext = 0;
        w->ver_tag = w->ver_nexttag;
        w->ver_k = 0;
        w->ver_pending = 0;
        w->ver_running = 1;
    }
    pthread_mutex_unlock(&w->mu);
    if (!w->ver_a) {
        if (w->ver_k >= w->ver_n) {
            ver_finish(w, FMT_OK, "");
            return;
        }
        if ((rc = fmt_open(&w->ver_a, w->ver_paths[w->ver_k], msg, sizeof msg)) != FMT_OK) {
            ver_finish(w, rc, msg);
            return;
        }
        if ((rc = fmt_sumcheck_start(w->ver_a, &w->ver_c)) != FMT_OK) {
            ver_finish(w, rc, "");
            return;
        }
    }
    if (!fmt_sumcheck_step(w->ver_c, CHECK_STEP))
        return;
    if ((rc = fmt_sumcheck_result(w->ver_c, NULL)) != FMT_OK) {
        snprintf(msg, sizeof msg, "%s", fmt_errmsg(w->ver_a));
        ver_finish(w, rc, msg);
        return;
    }
    ver_close(w);
    w->ver_k++;
}

void wk_verify(wk *w, const char *const *paths, size_t n, uint64_t tag)
{
    size_t i;

    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    free_paths(w->ver_next, &w->ver_nnext);
    for (i = 0; i < n && i < WK_ARCH_MAX; i++)
        if ((w->ver_next[w->ver_nnext] = strdup(paths[i])))
            w->ver_nnext++;
    w->ver_nexttag = tag;
    w->ver_pending = 1;
    w->ver_done = 0;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

int wk_verified(wk *w, uint64_t *tag, int *err, char *msg, size_t cap)
{
    int done;

    if (!w)
        return 0;
    pthread_mutex_lock(&w->mu);
    if ((done = w->ver_done)) {
        w->ver_done = 0;
        *tag = w->ver_donetag;
        *err = w->ver_err;
        snprintf(msg, cap, "%s", w->ver_msg);
    }
    pthread_mutex_unlock(&w->mu);
    return done;
}

void wk_check(wk *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->checking = w->na > 0;
    w->chk_k = 0;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

/* ---- the thread ------------------------------------------------------ */

/* Before the first keystroke: the newest date (statuses count days up to
 * it) and each archive's case numbers, read once (some tens of ms for
 * 100,000 documents) by a search for nothing that lists cases. */
static void warm(wk *w)
{
    fmt_query *q = NULL;
    fmt_lresults *res = NULL;
    fmt_search_opts o;
    fmt_info info;
    size_t k;

    for (k = 0; k < w->na; k++)
        if (fmt_get_info(w->a[k], &info) == FMT_OK && info.last_date > w->newest)
            w->newest = info.last_date;
    memset(&o, 0, sizeof o);
    o.cases = 1;
    o.limit = 1;
    if (w->lib && fmt_query_parse(&q, "nummer:-", NULL, 0, NULL) == FMT_OK)
        fmt_library_search(w->lib, q, &o, &res, NULL);
    fmt_lresults_free(res);
    fmt_query_free(q);
    vm_keep();
}

static void *loop(void *arg)
{
    wk *w = arg;
    wk_req rq;
    size_t total;

    /* Here, not in wk_start: with several archives this reads all their
     * ids, and the first frame should not wait for it. */
    if (fmt_library_open(&w->lib, w->a, w->na, w->liberr, sizeof w->liberr))
        w->lib = NULL;
    warm(w);
    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        if (w->has_pending) {
            rq = w->pending;
            w->has_pending = 0;
            w->cancel = 0;
            w->running = 1;
            pthread_mutex_unlock(&w->mu);
            run_search(w, &rq);
            pthread_mutex_lock(&w->mu);
            w->running = 0;
        } else if (w->has_stats) {
            rq = w->stats;
            total = w->stats_total;
            w->cancel = 0;
            w->running = 1;
            pthread_mutex_unlock(&w->mu);
            run_stats(w, &rq, total);
            pthread_mutex_lock(&w->mu);
            w->running = 0;
        } else if (w->checking) {
            w->running = 1;
            pthread_mutex_unlock(&w->mu);
            check_step(w);
            pthread_mutex_lock(&w->mu);
            w->running = 0;
        } else if (w->ver_pending || w->ver_running) {
            w->running = 1;
            w->ver_running = 1;
            pthread_mutex_unlock(&w->mu);
            verify_step(w);
            pthread_mutex_lock(&w->mu);
            w->running = 0;
        } else {
            pthread_cond_broadcast(&w->idle_cv);
            pthread_cond_wait(&w->cv, &w->mu);
        }
    }
    pthread_cond_broadcast(&w->idle_cv);
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void close_all(wk *w)
{
    size_t i;

    for (i = 0; i < w->na; i++) {
        vm_untrack(w->a[i]);
        fmt_close(w->a[i]);
    }
    w->na = 0;
}

wk *wk_start(const char *const *paths, size_t n, void (*notify)(void *ctx), void *ctx,
             char *err, size_t errlen)
{
    wk *w = calloc(1, sizeof *w);
    size_t i;

    if (!w) {
        snprintf(err, errlen, "%s", fmt_strerror(FMT_NOMEM));
        return NULL;
    }
    for (i = 0; i < n && i < WK_ARCH_MAX; i++) {
        if (fmt_open(&w->a[i], paths[i], err, errlen) != FMT_OK) {
            close_all(w);
            free(w);
            return NULL;
        }
        w->na = i + 1;
        vm_track(w->a[i], paths[i]); /* before the thread: it may release */
    }
    w->notify = notify;
    w->notify_ctx = ctx;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    pthread_cond_init(&w->idle_cv, NULL);
    if (pthread_create(&w->thread, NULL, loop, w) != 0) {
        snprintf(err, errlen, "cannot start the search thread");
        close_all(w);
        free(w);
        return NULL;
    }
    return w;
}

void wk_stop(wk *w)
{
    wk_result *r;

    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    w->cancel = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    while ((r = w->head)) {
        w->head = r->next;
        wk_result_free(r);
    }
    fmt_library_close(w->lib);
    ver_close(w);
    free_paths(w->ver_paths, &w->ver_n);
    free_paths(w->ver_next, &w->ver_nnext);
    fmt_sumcheck_free(w->chk);
    close_all(w);                /* the thread is gone: nothing releases */
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    pthread_cond_destroy(&w->idle_cv);
    free(w);
}

void wk_submit(wk *w, const wk_req *r)
{
    pthread_mutex_lock(&w->mu);
    w->pending = *r;
    w->pending.query[WK_QUERY_MAX - 1] = '\0';
    w->has_pending = 1;
    if (w->has_stats && w->stats.gen != r->gen)
        w->has_stats = 0;
    if (r->stats) {
        w->stats = w->pending;
        w->has_stats = 1;
        w->stats_total = 0;
    }
    w->cancel = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

wk_result *wk_take(wk *w)
{
    wk_result *r;

    pthread_mutex_lock(&w->mu);
    r = w->head;
    if (r) {
        w->head = r->next;
        if (!w->head)
            w->tail = NULL;
        r->next = NULL;
    }
    pthread_mutex_unlock(&w->mu);
    return r;
}

int wk_busy(wk *w)
{
    int b;

    pthread_mutex_lock(&w->mu);
    b = w->has_pending || w->has_stats || w->running || w->checking || w->head != NULL ||
        w->ver_pending || w->ver_running || w->ver_done;
    pthread_mutex_unlock(&w->mu);
    return b;
}

int wk_wait(wk *w, int ms)
{
    struct timespec ts;
    int idle, rc = 0;

    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->mu);
    while (!(idle = !w->has_pending && !w->has_stats && !w->running && !w->checking &&
                    !w->ver_pending && !w->ver_running) &&
           rc == 0)
        rc = pthread_cond_timedwait(&w->idle_cv, &w->mu, &ts);
    pthread_mutex_unlock(&w->mu);
    return idle;
}
