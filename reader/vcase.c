/* vcase.c - a case as one thread: header, each question with its answer
 * beneath it, notices, footnotes; and find in the document.
 *
 * The blocks are built once when a case opens (text and attributes from
 * the verbatim source spans) and laid out again only when the column width
 * or the font size changes. Spans come from the archive and are not
 * trusted: each is clipped to its document's text before use.
 */
#include "vcase.h"
#include "vstyle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXDOCS 32
#define HL_MAX 512

/* ---- blocks ---------------------------------------------------------- */

void case_clear(vcase *t)
{
    size_t i;

    for (i = 0; i < t->n; i++) {
        lay_text_free(&t->b[i].t);
        lay_box_free(&t->b[i].box);
    }
    t->n = 0;
    t->nlinks = t->nfound = 0;
    t->curfound = -1;
    t->link_sel = -1;
    t->height = 0;
    t->laid_w = t->laid_px = 0;
    t->zaak[0] = '\0';
    free(t->title);
    t->title = NULL;
}

void case_free(vcase *t)
{
    case_clear(t);
    free(t->b);
    free(t->links);
    free(t->found);
    memset(t, 0, sizeof *t);
    t->curfound = t->link_sel = -1;
}

static tblock *add(vcase *t, int type, int pxc, int role, int bg, int qnum, int space)
{
    tblock *b;

    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        tblock *nb = realloc(t->b, cap * sizeof *nb);
        if (!nb)
            return NULL;
        t->b = nb;
        t->cap = cap;
    }
    b = &t->b[t->n++];
    memset(b, 0, sizeof *b);
    b->type = type;
    b->pxc = pxc;
    b->role = role;
    b->bg = bg;
    b->qnum = qnum;
    b->space = space;
    return b;
}

static void add_str(tblock *b, const char *s, uint8_t a)
{
    if (b)
        lay_add(&b->t, s, strlen(s), a);
}

/* The bytes of span s of doc d, clipped to its text. */
static size_t span_clip(const fmt_doc *d, fmt_span s, const char **p)
{
    size_t off = s.off, len = s.len;

    *p = "";
    if (!d->text || off >= d->len)
        return 0;
    if (len > d->len - off)
        len = d->len - off;
    *p = d->text + off;
    return len;
}

static void add_span(tblock *b, const fmt_doc *d, fmt_span s, uint8_t a)
{
    const char *p;
    size_t n = span_clip(d, s, &p);

    if (b)
        lay_add_md(&b->t, p, n, a);
}

static void numbers(const fmt_block *q, const char *and_word, char *out, size_t cap)
{
    size_t i, o = 0;

    out[0] = '\0';
    for (i = 0; i < q->nnumbers && o + 16 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s%u",
                              i == 0 ? "" : i + 1 == q->nnumbers ? and_word : ", ",
                              (unsigned)q->numbers[i]);
}

static int max_number(const fmt_block *q)
{
    size_t i;
    int m = 0;

    for (i = 0; i < q->nnumbers; i++)
        if (q->numbers[i] > m)
            m = q->numbers[i];
    return m;
}

/* ---- the header ------------------------------------------------------ */

/* "Palland, Inge van Dijk en Amhaouch (CDA), Omtzigt (CDA)": names with
 * the same party after each other share it. */
static void members_line(tblock *b, const fmt_doc *d, int lang)
{
    const char *and_w = lang == LANG_EN ? " and " : " en ";
    size_t i;

    for (i = 0; i < d->nmembers; i++) {
        const char *p = d->members[i].party;
        const char *np = i + 1 < d->nmembers ? d->members[i + 1].party : NULL;
        int same_next = i + 1 < d->nmembers && ((!p && !np) || (p && np && !strcmp(p, np)));
        add_str(b, d->members[i].name ? d->members[i].name : "?", LA_BOLD);
        if (!same_next && p) {
            add_str(b, " (", 0);
            add_str(b, p, 0);
            add_str(b, ")", 0);
        }
        if (i + 2 == d->nmembers && same_next)
            add_str(b, and_w, 0);
        else if (i + 1 < d->nmembers)
            add_str(b, ", ", 0);
    }
}

static void meta(vcase *t, view *v, int label, const char *text, uint8_t a)
{
    tblock *b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 0);

    if (!b || !text || !*text)
        return;
    add_str(b, style_text(v, label), LA_BOLD);
    add_str(b, ": ", LA_BOLD);
    add_str(b, text, a);
}

static void party_chips(vcase *t, view *v, fmt_doc *docs, size_t n, const fmt_summary *s)
{
    tblock *b = add(t, TB_CHIPS, PXC_SMALL, C_FG, BG_NONE, 0, 1);
    char st[96];
    int role;
    size_t i, j, k;

    if (!b)
        return;
    for (k = 0; k < n; k++)
        for (i = 0; i < docs[k].nmembers && b->nchips < 15; i++) {
            const char *p = docs[k].members[i].party;
            int seen = 0;
            if (!p || !*p)
                continue;
            for (j = 0; j < i; j++)
                if (docs[k].members[j].party && !strcmp(docs[k].members[j].party, p))
                    seen = 1;
            if (seen || (b->t.len && strstr(b->t.text, p)))
                continue;
            if (b->nchips)
                add_str(b, "\n", 0);
            add_str(b, p, LA_BOLD);
            b->chip_rgb[b->nchips++] = style_party_rgb(v, p);
        }
    style_status(v, s->status, s->answer_days, s->submitted, st, sizeof st, &role);
    if (st[0] && b->nchips < 16) {
        if (b->nchips)
            add_str(b, "\n", 0);
        add_str(b, st, LA_BOLD);
        b->chip_rgb[b->nchips++] = style_rgb(v, role);
    }
}

static void header(vcase *t, view *v, fmt_doc *docs, size_t n, const fmt_summary *s)
{
    const fmt_doc *first = &docs[0], *q = NULL;
    char buf[256], date[64];
    tblock *b;
    size_t i, k;

    for (i = 0; i < n; i++)
        if (docs[i].kind == FMT_QUESTION && !q)
            q = &docs[i];
    if (!q)
        q = first;
    b = add(t, TB_LABEL, PXC_SMALL, C_DIM, BG_NONE, 0, 0);
    add_str(b, t->zaak, LA_BOLD);
    for (i = 0; i < n; i++) {
        int kind = docs[i].kind, dup = 0;
        for (k = 0; k < i; k++)
            dup |= docs[k].kind == kind;
        if (dup || kind == FMT_KIND_NONE)
            continue;
        add_str(b, i == 0 ? " · " : ", ", 0);
        add_str(b, style_text(v, kind == FMT_QUESTION ? S_K_QUESTION :
                           kind == FMT_ANSWER ? S_K_ANSWER : S_K_NOTICE), 0);
    }
    b = add(t, TB_TITLE, PXC_H1, C_FG, BG_NONE, 0, 1);
    add_str(b, t->title && t->title[0] ? t->title : t->zaak, LA_BOLD);
    party_chips(t, v, docs, n, s);
    if (q->nmembers && (b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 1))) {
        add_str(b, style_text(v, S_ASKED_BY), LA_BOLD);
        add_str(b, ": ", LA_BOLD);
        members_line(b, q, v->cfg.lang);
    }
    if (q->naddressees && (b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 0))) {
        add_str(b, style_text(v, S_TO), LA_BOLD);
        add_str(b, ": ", LA_BOLD);
        for (i = 0; i < q->naddressees; i++) {
            add_str(b, i ? "; " : "", 0);
            add_str(b, q->addressees[i] ? q->addressees[i] : "", 0);
        }
    }
    if (q->submitted) {
        style_date_long(v, q->submitted, date, sizeof date);
        meta(t, v, S_SUBMITTED, date, 0);
    }
    for (i = 0; i < n; i++) {
        if (docs[i].kind != FMT_ANSWER)
            continue;
        if (docs[i].nanswered_by && (b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 0))) {
            add_str(b, style_text(v, S_ANSWERED_BY), LA_BOLD);
            add_str(b, ": ", LA_BOLD);
            for (k = 0; k < docs[i].nanswered_by; k++) {
                add_str(b, k ? "; " : "", 0);
                add_str(b, docs[i].answered_by[k] ? docs[i].answered_by[k] : "", 0);
            }
        }
        if (docs[i].received) {
            style_date_long(v, docs[i].received, date, sizeof date);
            if (q->submitted && s->answer_days >= 0)
                snprintf(buf, sizeof buf, "%s (%d d)", date, s->answer_days);
            else
                snprintf(buf, sizeof buf, "%s", date);
            meta(t, v, S_RECEIVED, buf, 0);
        }
    }
    add(t, TB_RULE, PXC_BODY, C_RULE, BG_NONE, 0, 1);
}

/* ---- the body -------------------------------------------------------- */

static void notices(vcase *t, view *v, fmt_doc *docs, size_t n)
{
    char date[64];
    tblock *b;
    size_t i;

    for (i = 0; i < n; i++) {
        const fmt_doc *d = &docs[i];
        fmt_span body = d->notice;
        if (d->kind != FMT_NOTICE)
            continue;
        if (body.len == 0) {
            body.off = 0;
            body.len = (uint32_t)(d->len > UINT32_MAX ? UINT32_MAX : d->len);
        }
        b = add(t, TB_HEAD, PXC_H2, C_FG, BG_NOTICE, 0, 2);
        add_str(b, style_text(v, S_NOTICE), LA_BOLD);
        if (d->received) {
            style_date_long(v, d->received, date, sizeof date);
            add_str(b, " · ", 0);
            add_str(b, date, 0);
        }
        b = add(t, TB_PARA, PXC_BODY, C_FG, BG_NOTICE, 0, 0);
        add_span(b, d, body, 0);
    }
}

static void answer(vcase *t, view *v, const fmt_doc *d, const fmt_block *a)
{
    char nums[96], head[160];
    tblock *b;

    numbers(a, v->cfg.lang == LANG_EN ? " and " : " en ", nums, sizeof nums);
    snprintf(head, sizeof head, style_text(v, a->nnumbers > 1 ? S_ANSWERS_N : S_ANSWER_N), nums);
    b = add(t, TB_HEAD, PXC_BODY, C_ACCENT, BG_ANSWER, a->nnumbers ? a->numbers[0] : 0, 1);
    add_str(b, head, LA_BOLD);
    b = add(t, TB_PARA, PXC_BODY, C_FG, BG_ANSWER, a->nnumbers ? a->numbers[0] : 0, 0);
    add_span(b, d, a->span, 0);
}

static void whole_text(vcase *t, view *v, const fmt_doc *d, int label)
{
    fmt_span all = { 0, (uint32_t)(d->len > UINT32_MAX ? UINT32_MAX : d->len) };
    tblock *b = add(t, TB_HEAD, PXC_H2, C_FG, d->kind == FMT_ANSWER ? BG_ANSWER : BG_NONE, 0, 2);

    add_str(b, style_text(v, label), LA_BOLD);
    b = add(t, TB_PARA, PXC_BODY, C_FG, d->kind == FMT_ANSWER ? BG_ANSWER : BG_NONE, 0, 0);
    add_span(b, d, all, 0);
}

static void questions(vcase *t, view *v, fmt_doc *docs, size_t n)
{
    const fmt_doc *qd = NULL;
    char nums[96], head[160];
    unsigned char done[MAXDOCS][256];
    size_t i, j, k;
    tblock *b;

    memset(done, 0, sizeof done);
    for (i = 0; i < n && !qd; i++)
        if (docs[i].kind == FMT_QUESTION && docs[i].nquestions)
            qd = &docs[i];
    for (i = 0; i < n && !qd; i++)
        if (docs[i].nquestions)
            qd = &docs[i];
    for (i = 0; qd && i < qd->nquestions; i++) {
        const fmt_block *q = &qd->questions[i];
        int key = max_number(q);
        numbers(q, v->cfg.lang == LANG_EN ? " and " : " en ", nums, sizeof nums);
        snprintf(head, sizeof head, style_text(v, q->nnumbers > 1 ? S_QUESTIONS_N : S_QUESTION_N), nums);
        b = add(t, TB_HEAD, PXC_H2, C_FG, BG_NONE, q->nnumbers ? q->numbers[0] : 0, 3);
        add_str(b, head, LA_BOLD);
        b = add(t, TB_PARA, PXC_BODY, C_FG, BG_NONE, q->nnumbers ? q->numbers[0] : 0, 0);
        add_span(b, qd, q->span, 0);
        for (j = 0; j < n && j < MAXDOCS; j++)
            for (k = 0; docs[j].kind == FMT_ANSWER && k < docs[j].nanswers && k < 256; k++)
                if (!done[j][k] && max_number(&docs[j].answers[k]) == key) {
                    answer(t, v, &docs[j], &docs[j].answers[k]);
                    done[j][k] = 1;
                }
    }
    /* answers to questions we do not have, and answers we could not cut up */
    for (j = 0; j < n && j < MAXDOCS; j++) {
        if (docs[j].kind != FMT_ANSWER)
            continue;
        for (k = 0; k < docs[j].nanswers && k < 256; k++)
            if (!done[j][k])
                answer(t, v, &docs[j], &docs[j].answers[k]);
        if (docs[j].nanswers == 0)
            whole_text(t, v, &docs[j], S_K_ANSWER);
    }
    for (j = 0; !qd && j < n; j++)
        if (docs[j].kind != FMT_ANSWER && docs[j].kind != FMT_NOTICE)
            whole_text(t, v, &docs[j], S_TEXT);
}

static void footnotes(vcase *t, view *v, fmt_doc *docs, size_t n)
{
    size_t i, k;
    tblock *b;

    for (i = 0; i < n; i++) {
        const fmt_doc *d = &docs[i];
        if (d->nfootnotes == 0)
            continue;
        b = add(t, TB_HEAD, PXC_H2, C_FG, BG_NONE, 0, 4);
        add_str(b, style_text(v, d->kind == FMT_ANSWER ? S_FOOTNOTES_ANSWER : S_FOOTNOTES), LA_BOLD);
        for (k = 0; k < d->nfootnotes; k++) {
            b = add(t, TB_NOTE, PXC_SMALL, C_FG, BG_NONE, 0, k ? 1 : 0);
            add_str(b, d->footnotes[k].mark ? d->footnotes[k].mark : "", LA_BOLD);
            add_str(b, "  ", 0);
            add_span(b, d, d->footnotes[k].span, 0);
        }
    }
}

/* Collect every URL run as a link target, in reading order. */
static int collect_links(vcase *t)
{
    size_t i, j, n = 0, cap = 0;
    tspan *ls = NULL;

    for (i = 0; i < t->n; i++) {
        const lay_text *x = &t->b[i].t;
        for (j = 0; j < x->len;) {
            size_t e = j;
            if (!(x->attr[j] & LA_LINK)) {
                j++;
                continue;
            }
            while (e < x->len && (x->attr[e] & LA_LINK))
                e++;
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                tspan *nl = realloc(ls, nc * sizeof *nl);
                if (!nl)
                    break;
                ls = nl;
                cap = nc;
            }
            ls[n++] = (tspan){ (uint32_t)i, (uint32_t)j, (uint32_t)(e - j) };
            j = e;
        }
    }
    free(t->links);
    t->links = ls;
    t->nlinks = n;
    return 0;
}

int case_build(view *v, const case_ref *refs, size_t n)
{
    vcase *t = &v->cs;
    fmt_doc *docs;
    fmt_summary s;
    size_t i, got = 0;

    case_clear(t);
    if (n > MAXDOCS)
        n = MAXDOCS;
    docs = calloc(n ? n : 1, sizeof *docs);
    if (!docs)
        return -1;
    for (i = 0; i < n; i++)
        if (fmt_get(refs[i].a, refs[i].docno, &docs[got]) == FMT_OK)
            got++;
    if (got == 0) {
        free(docs);
        return -1;
    }
    memset(&s, 0, sizeof s);
    if (fmt_get_summary(refs[0].a, refs[0].docno, &s) != FMT_OK) {
        fmt_summary_free(&s);
        memset(&s, 0, sizeof s);
        s.answer_days = -1;
    }
    snprintf(t->zaak, sizeof t->zaak, "%s", docs[0].zaak[0] ? docs[0].zaak :
             docs[0].id ? docs[0].id : "?");
    for (i = 0; i < got && !t->title; i++) /* the whole subject: never cut */
        if (docs[i].subject && docs[i].subject[0])
            t->title = strdup(docs[i].subject);
    if (t->title && t->title[0] >= 'a' && t->title[0] <= 'z')
        t->title[0] = (char)(t->title[0] - 'a' + 'A');
    header(t, v, docs, got, &s);
    notices(t, v, docs, got);
    questions(t, v, docs, got);
    footnotes(t, v, docs, got);
    collect_links(t);
    fmt_summary_free(&s);
    for (i = 0; i < got; i++)
        fmt_doc_free(&docs[i]);
    free(docs);
    return 0;
}

/* ---- layout ---------------------------------------------------------- */

void case_layout(view *v)
{
    vcase *t = &v->cs;
    vgeom g;
    size_t i;
    int y = 0, pad = v->px / 2;

    style_geom(v, &g);
    if (t->laid_w == g.col_w && t->laid_px == v->px)
        return;
    for (i = 0; i < t->n; i++) {
        tblock *b = &t->b[i];
        int px = style_px(v, b->pxc);
        int prev_bg = i > 0 ? t->b[i - 1].bg : BG_NONE;
        int next_bg = i + 1 < t->n ? t->b[i + 1].bg : BG_NONE;
        b->indent = b->bg != BG_NONE ? v->px : 0;
        y += b->space * v->lh / 4;
        if (b->bg != BG_NONE && b->bg != prev_bg)
            y += pad;
        b->y = y;
        b->ptop = b->bg != BG_NONE && b->bg != prev_bg ? pad : 0;
        if (b->type == TB_CHIPS)
            b->h = b->nchips ? style_lh(v, px) + v->px / 2 : 0;
        else if (b->type == TB_RULE)
            b->h = v->lh / 2;
        else
            b->h = lay_wrap(&b->box, &b->t, g.col_w - 2 * b->indent, px, 0, &v->m);
        b->h += b->ptop + (b->bg != BG_NONE && b->bg != next_bg ? pad : 0);
        y += b->h;
    }
    t->height = y;
    t->laid_w = g.col_w;
    t->laid_px = v->px;
}

int case_block_at(const vcase *t, int y)
{
    size_t lo = 0, hi = t->n;

    if (t->n == 0)
        return -1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->b[mid].y <= y)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo;
}

int case_span_y(view *v, const tspan *s)
{
    const tblock *b;
    int line;

    case_layout(v);
    if (s->block >= v->cs.n)
        return -1;
    b = &v->cs.b[s->block];
    line = lay_line_at(&b->box, s->off);
    return b->y + b->ptop + (line >= 0 ? b->box.lines[line].y : 0);
}

/* ---- highlights ------------------------------------------------------ */

void case_mark_query(view *v, fmt_archive *a)
{
    vcase *t = &v->cs;
    fmt_span hl[HL_MAX];
    size_t i, k, n;

    for (i = 0; i < t->n; i++) {
        tblock *b = &t->b[i];
        lay_unmark(&b->t, LA_HL);
        if (!v->hlq || !a || (b->type != TB_PARA && b->type != TB_NOTE && b->type != TB_TITLE))
            continue;
        n = fmt_query_matches(a, v->hlq, b->t.text, b->t.len, hl, HL_MAX);
        for (k = 0; k < n && k < HL_MAX; k++)
            lay_mark(&b->t, hl[k].off, hl[k].len, LA_HL);
    }
}

#define NEEDLE_MAX 8

static int add_found(vcase *t, size_t *cap, uint32_t block, uint32_t off, uint32_t len)
{
    if (t->nfound == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        tspan *nf = realloc(t->found, nc * sizeof *nf);
        if (!nf)
            return -1;
        t->found = nf;
        *cap = nc;
    }
    t->found[t->nfound++] = (tspan){ block, off, len };
    return 0;
}

/* Matches of the folded needle words in one block: a single word matches
 * any word (or compound part) it starts; several words match a run of
 * whole words, the last one by its start. */
static void find_in(view *v, uint32_t bi, char (*needle)[FMT_TOKMAX + 1], size_t nn,
                    size_t *cap)
{
    vcase *t = &v->cs;
    lay_text *x = &t->b[bi].t;
    fmt_token tk, run[NEEDLE_MAX];
    size_t have = 0, k;

    fmt_tok_start(v->tok, x->text, x->len);
    while (fmt_tok_next(v->tok, &tk)) {
        if (nn == 1) {
            /* a compound and its parts share a place: count it once */
            const tspan *last = t->nfound ? &t->found[t->nfound - 1] : NULL;
            if (last && last->block == bi && tk.off < last->off + last->len)
                continue;
            if (!strncmp(tk.fold, needle[0], strlen(needle[0])))
                add_found(t, cap, bi, tk.off, tk.len);
            continue;
        }
        if (tk.flags & FMT_TOK_PART)
            continue;
        if (have == nn) {
            memmove(run, run + 1, (nn - 1) * sizeof *run);
            have--;
        }
        run[have++] = tk;
        if (have < nn)
            continue;
        for (k = 0; k < nn; k++)
            if (k + 1 < nn ? strcmp(run[k].fold, needle[k])
                           : strncmp(run[k].fold, needle[k], strlen(needle[k])))
                break;
        if (k == nn) {
            add_found(t, cap, bi, run[0].off, run[nn - 1].off + run[nn - 1].len - run[0].off);
            have = 0;
        }
    }
}

void case_find(view *v)
{
    vcase *t = &v->cs;
    char needle[NEEDLE_MAX][FMT_TOKMAX + 1];
    size_t nn = 0, i, cap;
    fmt_token tk;

    for (i = 0; i < t->n; i++)
        lay_unmark(&t->b[i].t, LA_FIND | LA_CUR);
    t->nfound = 0;
    t->curfound = -1;
    free(t->found);
    t->found = NULL;
    cap = 0;
    if (!v->find.text[0] || !v->tok)
        return;
    fmt_tok_start(v->tok, v->find.text, strlen(v->find.text));
    while (nn < NEEDLE_MAX && fmt_tok_next(v->tok, &tk))
        if (!(tk.flags & FMT_TOK_PART))
            snprintf(needle[nn++], sizeof needle[0], "%s", tk.fold);
    if (nn == 0)
        return;
    for (i = 0; i < t->n; i++)
        if (t->b[i].type != TB_CHIPS && t->b[i].type != TB_RULE)
            find_in(v, (uint32_t)i, needle, nn, &cap);
    for (i = 0; i < t->nfound; i++)
        lay_mark(&t->b[t->found[i].block].t, t->found[i].off, t->found[i].len, LA_FIND);
    if (t->nfound == 0)
        return;
    /* the first match at or below the top of the screen is the current one */
    t->curfound = 0;
    for (i = 0; i < t->nfound; i++)
        if (case_span_y(v, &t->found[i]) >= t->scroll) {
            t->curfound = (long)i;
            break;
        }
    lay_mark(&t->b[t->found[t->curfound].block].t, t->found[t->curfound].off,
             t->found[t->curfound].len, LA_CUR);
}
