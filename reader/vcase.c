/* vcase.c - a case as one thread: header, each question with its answer
 * beneath it, notices, footnotes; and find in the document.
 *
 * The blocks are built once when a case opens (text and attributes from
 * the verbatim source spans) and laid out again only when the column width
 * or the font size changes, a slice a frame (a case can hold megabytes). Spans come from the archive and are not
 * trusted: each is clipped to its document's text before use.
 */
#include "vcase.h"
#include "vstyle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    t->lay_next = 0;
    t->lay_y = t->lay_started = 0;
    t->lay_keep = 0;
    t->want_on = 0;
    t->zaak[0] = '\0';
    free(t->title);
    t->title = NULL;
    t->ndocs = t->ndamaged = 0;
    t->note_ret = -1;
    t->note_ret_link = -1;
}

void case_free(vcase *t)
{
    case_clear(t);
    free(t->b);
    free(t->links);
    free(t->ltgt);
    free(t->found);
    memset(t, 0, sizeof *t);
    t->curfound = t->link_sel = -1;
    t->note_ret = t->note_ret_link = -1;
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

/* ---- the building context: documents, notes, special links ----------- */

/* Where a note of a read document is shown: its own, or (a note the
 * answer repeats from the question) the question's; and its block. */
typedef struct {
    int cdoc;             /* the document whose note is shown */
    size_t cnote;
    int block;            /* its TB_NOTE block, -1 until made */
    int from_q;           /* first referred to from question text */
    int refs;             /* markers pointing at it */
} noteinfo;

/* A link that is not a URL, noted where it is added and matched to its
 * LA_LINK run when the links are collected. */
typedef struct {
    uint32_t block, off;
    int kind;             /* LK_* */
    int doc;              /* LK_NOTE, LK_BACK: the note (doc, note) */
    size_t note;
    int arg;              /* LK_COPY: the block */
} pend;

typedef struct {
    view *v;
    vcase *t;
    fmt_doc *docs;        /* the documents read, in thread order */
    size_t n;
    noteinfo *ni[MAXDOCS];
    pend *p;
    size_t np, pcap;
    int in_q;             /* question text is being added */
    int in_notes;         /* notes are: their numbers are no markers */
    int hi[MAXDOCS];      /* the highest numeric marker seen, per document */
} bctx;

static void pend_add(bctx *c, uint32_t block, uint32_t off, int kind, int doc, size_t note,
                     int arg)
{
    if (c->np == c->pcap) {
        size_t cap = c->pcap ? c->pcap * 2 : 32;
        pend *np = realloc(c->p, cap * sizeof *np);
        if (!np)
            return;
        c->p = np;
        c->pcap = cap;
    }
    c->p[c->np++] = (pend){ block, off, kind, doc, note, arg };
}

/* The note of doc k marked s (n bytes), -1 if none. */
static long note_of(const bctx *c, int k, const char *s, size_t n)
{
    const fmt_doc *d = &c->docs[k];
    size_t i;

    for (i = 0; i < d->nfootnotes; i++) {
        const char *m = d->footnotes[i].mark;
        if (m && strlen(m) == n && !memcmp(m, s, n))
            return (long)i;
    }
    return -1;
}

/* Add a footnote marker (n bytes, shown as it is with attr a) pointing at
 * note ni of doc k, to block b (the last block of the thread). */
static void marker(bctx *c, tblock *b, int k, long ni, const char *s, size_t n, uint8_t a)
{
    noteinfo *in;

    if (!b)
        return;
    if (ni < 0 || !c->ni[k]) {
        lay_add(&b->t, s, n, a);
        return;
    }
    in = &c->ni[k][ni];
    if (atoi(c->docs[k].footnotes[ni].mark) > c->hi[k])
        c->hi[k] = atoi(c->docs[k].footnotes[ni].mark);
    pend_add(c, (uint32_t)(c->t->n - 1), (uint32_t)b->t.len, LK_NOTE, in->cdoc, in->cnote, 0);
    lay_add(&b->t, s, n, (uint8_t)(a | LA_LINK));
    in = &c->ni[in->cdoc][in->cnote];
    in->refs++;
    if (c->in_q)
        in->from_q = 1;
}

static int is_dig(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* A superscript digit (¹²³, ⁰⁴-⁹) at s: its value and length, or -1. */
static int sup_digit(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3)) {
        *len = 2;
        return u[1] == 0xB9 ? 1 : u[1] - 0xB0;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xB9))) {
        *len = 3;
        return u[2] - 0xB0;
    }
    return -1;
}

/* A marker group "^{3 4}" or "[3 4]" at s[i] (opening at i, closing by
 * close): the end after the closing character, or 0 when it is not one
 * (only digits, spaces and commas, each number a mark of doc k). */
static size_t group_end(const bctx *c, int k, const char *s, size_t n, size_t i, char close)
{
    size_t j = i, nums = 0;

    while (j < n && j < i + 40 && s[j] != close) {
        if (is_dig(s[j])) {
            size_t e = j;
            while (e < n && is_dig(s[e]))
                e++;
            if (note_of(c, k, s + j, e - j) < 0)
                return 0;
            nums++;
            j = e;
        } else if (s[j] == ' ' || s[j] == ',') {
            j++;
        } else {
            return 0;
        }
    }
    return j < n && s[j] == close && nums ? j + 1 : 0;
}

/* Can a digit glued after s[i-1] be a footnote mark ("veehouderij?1",
 * "brief2", "zitten»1")? Not in a number ("3.2"), after a capital
 * ("CO2") or inside a URL (the caller skips those). */
static int glue_before(const char *s, size_t i)
{
    unsigned char p;

    if (i == 0)
        return 0;
    p = (unsigned char)s[i - 1];
    if (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x80 &&
        (p == 0x93 || p == 0x94))
        return 0;                      /* "2014–15": a range, not a mark */
    if ((p >= 'a' && p <= 'z') || p >= 0x80)
        return 1;
    if (strchr("?!.,;:)\"'", (int)p) && p)
        return !(i >= 2 && (is_dig(s[i - 2]) || s[i - 2] == ' ' || s[i - 2] == '\n'));
    return 0;
}

static int glue_after(const char *s, size_t n, size_t e)
{
    unsigned char x;

    if (e >= n)
        return 1;
    x = (unsigned char)s[e];
    return x == ' ' || x == '\n' || x == '\r' || x == '\t' || x == 0xC2 ||
           strchr(".,;:!?)\"'", (int)x) != NULL;
}

/* Add source text of doc k: Markdown as lay_add_md() reads it, with the
 * footnote markers the document's notes name made links to them, set
 * apart as superscripts. Markers are found by their form only (the
 * parser's notes say which marks exist): ^{3 4}, [3], ¹, a number glued
 * after a word, a number alone on a line (PDF text). */
static void add_text(bctx *c, tblock *b, int k, const char *s, size_t n)
{
    size_t i = 0, from = 0, e, len;
    int has = c->docs[k].nfootnotes > 0 && !c->in_notes;

    if (!b)
        return;
    while (has && i < n) {
        size_t j;
        char ch = s[i];
        if ((ch == 'h' || ch == 'w') && (i + 4 < n) &&
            (!strncmp(s + i, "http", 4) || !strncmp(s + i, "www.", 4))) {
            while (i < n && (unsigned char)s[i] > ' ' && s[i] != '>')
                i++;
            continue;
        }
        if ((ch == '^' && i + 1 < n && s[i + 1] == '{' && (e = group_end(c, k, s, n, i + 2, '}'))) ||
            (ch == '[' && (e = group_end(c, k, s, n, i + 1, ']')))) {
            lay_add_md(&b->t, s + from, i - from, 0);
            for (j = i + (ch == '^' ? 2 : 1); j < e - 1;) {
                size_t q = j;
                if (!is_dig(s[j])) {
                    j++;
                    continue;
                }
                while (q < e - 1 && is_dig(s[q]))
                    q++;
                if (j > i + (ch == '^' ? 2u : 1u))
                    lay_add(&b->t, " ", 1, LA_SUP);
                marker(c, b, k, note_of(c, k, s + j, q - j), s + j, q - j, LA_SUP);
                j = q;
            }
            if (e < n && (s[e] == ' ' || s[e] == '\n'))
                lay_add(&b->t, " ", 1, 0);
            i = from = e;
            continue;
        }
        if (sup_digit(s + i, n - i, &len) >= 0) {
            char mark[8];
            size_t m = 0;
            int dv;
            e = i;
            while (e < n && (dv = sup_digit(s + e, n - e, &len)) >= 0) {
                if (m < 4)
                    mark[m++] = (char)('0' + dv);
                e += len;
            }
            lay_add_md(&b->t, s + from, i - from, 0);
            marker(c, b, k, note_of(c, k, mark, m), s + i, e - i, 0);
            if (e < n && (s[e] == ' ' || s[e] == '\n'))
                lay_add(&b->t, " ", 1, 0);
            i = from = e;
            continue;
        }
        if (is_dig(ch) && (i == 0 || !is_dig(s[i - 1]))) {
            long ni;
            int alone;
            e = i;
            while (e < n && is_dig(s[e]))
                e++;
            /* a number alone on its line: "1 " between the lines of PDF text */
            j = e;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
                j++;
            alone = i > 0 && s[i - 1] == '\n' && (j >= n || s[j] == '\n');
            /* or first on its line, before the text goes on ("(GL)\n4 is de"):
             * only the next mark in order, so "2 februari" stays a date */
            if (!alone && i > 0 && s[i - 1] == '\n' && j > e && j < n && e - i <= 3 &&
                atoi(s + i) == c->hi[k] + 1)
                alone = 1;
            if (e - i <= 3 && (alone || (glue_before(s, i) && glue_after(s, n, e))) &&
                (ni = note_of(c, k, s + i, e - i)) >= 0) {
                lay_add_md(&b->t, s + from, i - from, 0);
                marker(c, b, k, ni, s + i, e - i, LA_SUP);
                if (e < n && (s[e] == ' ' || s[e] == '\n'))
                    lay_add(&b->t, " ", 1, 0);
                i = from = e;
                continue;
            }
            i = e;
            continue;
        }
        i++;
    }
    lay_add_md(&b->t, s + from, n - from, 0);
}

static void add_span(bctx *c, tblock *b, int k, fmt_span s)
{
    const char *p;
    size_t n = span_clip(&c->docs[k], s, &p);

    add_text(c, b, k, p, n);
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

/* A "copy" link after a heading: copies the paragraph that follows. */
static void copy_link(bctx *c, tblock *head)
{
    if (!head)
        return;
    add_str(head, "  ", 0);
    pend_add(c, (uint32_t)(c->t->n - 1), (uint32_t)head->t.len, LK_COPY, -1, 0, (int)c->t->n);
    add_str(head, "\xe2\x9d\x90", LA_LINK);
}

/* ---- official addresses ------------------------------------------------ */

static int id_chars(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || is_dig(*s) || *s == '-'))
            return 0;
    return 1;
}

/* A document number "2020D19385" in s (whole), or NULL. */
static const char *dnum(const char *s)
{
    if (!s)
        return NULL;
    if (!strncmp(s, "tk-", 3) || !strncmp(s, "tm-", 3))
        s += 3;
    if (strlen(s) == 10 && strspn(s, "0123456789") == 4 && s[4] == 'D' &&
        strspn(s + 5, "0123456789") == 5)
        return s;
    return NULL;
}

int case_official_url(const char *id, const char *docnum, const char *zaak, char *out,
                      size_t cap)
{
    const char *ids[2] = { id, docnum }, *d;
    int i;

    out[0] = '\0';
    for (i = 0; i < 2; i++) {
        const char *s = ids[i];
        if (!s)
            continue;
        if (!strncmp(s, "pdf-", 4))
            s += 4;
        if ((!strncmp(s, "kv-tk-", 6) || !strncmp(s, "ah-tk-", 6)) && strlen(s) < 40 && id_chars(s)) {
            snprintf(out, cap, "https://zoek.officielebekendmakingen.nl/%s.html", s);
            return 1;
        }
    }
    for (i = 0; i < 2; i++)
        if ((d = dnum(ids[i]))) {
            snprintf(out, cap, "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=%.10s&did=%.10s",
                     case_is_zaak(zaak) ? zaak : d, d);
            return 1;
        }
    return 0;
}

int case_is_zaak(const char *s)
{
    return s && strlen(s) == 10 && strspn(s, "0123456789") == 4 && s[4] == 'Z' &&
           strspn(s + 5, "0123456789") == 5;
}

int case_zaak_url(const char *zaak, char *out, size_t cap)
{
    out[0] = '\0';
    if (!case_is_zaak(zaak))
        return 0;
    snprintf(out, cap, "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=%s", zaak);
    return 1;
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
    char st[96], ps[128];
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
    /* no document read: the parties of the summary ("VVD, D66") */
    for (const char *p = n == 0 ? s->parties : ""; p && *p && b->nchips < 15;) {
        size_t len = strcspn(p, ",");
        snprintf(ps, sizeof ps, "%.*s", (int)len, p);
        if (ps[0]) {
            if (b->nchips)
                add_str(b, "\n", 0);
            add_str(b, ps, LA_BOLD);
            b->chip_rgb[b->nchips++] = style_party_rgb(v, ps);
        }
        p += len;
        while (*p == ',' || *p == ' ')
            p++;
    }
    style_status(v, s->status, s->answer_days, s->submitted, st, sizeof st, &role);
    if (st[0] && *style_status_mark(v, s->status)) { /* late: said calmly */
        size_t sl = strlen(st);
        snprintf(st + sl, sizeof st - sl, " \xc2\xb7 %s", style_status_mark(v, s->status));
    }
    if (st[0] && b->nchips < 16) {
        if (b->nchips)
            add_str(b, "\n", 0);
        add_str(b, st, LA_BOLD);
        b->chip_rgb[b->nchips++] = style_rgb(v, role);
    }
}

static int kind_label(int kind)
{
    return kind == FMT_QUESTION ? S_K_QUESTION : kind == FMT_ANSWER ? S_K_ANSWER : S_K_NOTICE;
}

/* The official addresses: the case's, then each document's. */
static void sources(vcase *t, view *v, const char *docnum[])
{
    char url[512];
    tblock *b;
    size_t i;

    for (i = 0; i < t->ndocs; i++)
        t->docs[i].url = 0;

    b = add(t, TB_META, PXC_SMALL, C_DIM, BG_NONE, 0, 1);
    add_str(b, style_text(v, S_CS_SOURCES), LA_BOLD);
    if (case_zaak_url(t->zaak, url, sizeof url)) {
        b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 0);
        add_str(b, style_text(v, S_CS_SRC_CASE), LA_BOLD);
        add_str(b, ": ", LA_BOLD);
        add_str(b, url, LA_LINK);
    }
    for (i = 0; i < t->ndocs; i++) {
        tdoc *d = &t->docs[i];
        int lbl = d->kind == FMT_QUESTION ? S_CS_SRC_Q : d->kind == FMT_ANSWER ? S_CS_SRC_A :
                  d->kind == FMT_NOTICE ? S_CS_SRC_N : S_TEXT;
        if (!case_official_url(d->id, docnum[i], t->zaak, url, sizeof url))
            continue;
        d->url = 1;
        b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 0);
        add_str(b, style_text(v, lbl), LA_BOLD);
        add_str(b, ": ", LA_BOLD);
        add_str(b, url, LA_LINK);
    }
    if (t->n && t->b[t->n - 1].type == TB_META && t->b[t->n - 1].role == C_DIM) {
        t->n--;                                /* no address: no heading */
        lay_text_free(&t->b[t->n].t);
        lay_box_free(&t->b[t->n].box);
    }
}

/* "mede namens: A; B" as a line of the header, when there are names. */
static void names_line(vcase *t, view *v, int label, char **names, size_t n)
{
    tblock *b;
    size_t k;

    if (!n || !(b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 0)))
        return;
    add_str(b, style_text(v, label), LA_BOLD);
    add_str(b, ": ", LA_BOLD);
    for (k = 0; k < n; k++) {
        add_str(b, k ? "; " : "", 0);
        add_str(b, names[k] ? names[k] : "", 0);
    }
}

static void header(vcase *t, view *v, fmt_doc *docs, size_t n, const fmt_summary *s,
                   const char *docnum[])
{
    const fmt_doc *q = NULL;
    char buf[256], date[64];
    tblock *b;
    size_t i, k;

    for (i = 0; i < n; i++)
        if (docs[i].kind == FMT_QUESTION && !q)
            q = &docs[i];
    if (!q && n)
        q = &docs[0];
    b = add(t, TB_LABEL, PXC_SMALL, C_DIM, BG_NONE, 0, 0);
    add_str(b, t->zaak, LA_BOLD);
    for (i = 0; i < t->ndocs; i++) {
        int kind = t->docs[i].kind, dup = 0;
        for (k = 0; k < i; k++)
            dup |= t->docs[k].kind == kind;
        if (dup || kind == FMT_KIND_NONE)
            continue;
        add_str(b, i == 0 ? " · " : ", ", 0);
        add_str(b, style_text(v, kind_label(kind)), 0);
    }
    b = add(t, TB_TITLE, PXC_H1, C_FG, BG_NONE, 0, 1);
    add_str(b, t->title && t->title[0] ? t->title : t->zaak, LA_BOLD);
    party_chips(t, v, docs, n, s);
    if (q && q->nmembers && (b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 1))) {
        add_str(b, style_text(v, S_ASKED_BY), LA_BOLD);
        add_str(b, ": ", LA_BOLD);
        members_line(b, q, v->cfg.lang);
    } else if (s->members[0] && (b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 1))) {
        add_str(b, style_text(v, S_ASKED_BY), LA_BOLD);
        add_str(b, ": ", LA_BOLD);
        add_str(b, s->members, 0);
    }
    if (q && q->naddressees && (b = add(t, TB_META, PXC_SMALL, C_FG, BG_NONE, 0, 0))) {
        add_str(b, style_text(v, S_TO), LA_BOLD);
        add_str(b, ": ", LA_BOLD);
        for (i = 0; i < q->naddressees; i++) {
            add_str(b, i ? "; " : "", 0);
            add_str(b, q->addressees[i] ? q->addressees[i] : "", 0);
        }
    } else if (s->addressees[0]) {
        meta(t, v, S_TO, s->addressees, 0);
    }
    if (q && q->submitted) {
        style_date_long(v, q->submitted, date, sizeof date);
        meta(t, v, S_SUBMITTED, date, 0);
    } else if (s->submitted) {
        style_date_long(v, s->submitted, date, sizeof date);
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
        /* the ministers it was answered for, and who signed with them:
         * apart from the signers (the parser keeps them apart) */
        names_line(t, v, S_ON_BEHALF_OF, docs[i].on_behalf_of, docs[i].non_behalf_of);
        names_line(t, v, S_COSIGNED_BY, docs[i].cosigned_by, docs[i].ncosigned_by);
        if (docs[i].received) {
            style_date_long(v, docs[i].received, date, sizeof date);
            if (q && q->submitted && s->answer_days >= 0)
                snprintf(buf, sizeof buf, "%s (%d d)", date, s->answer_days);
            else
                snprintf(buf, sizeof buf, "%s", date);
            meta(t, v, S_RECEIVED, buf, 0);
        }
    }
    if (n == 0 && s->answered_by[0])
        meta(t, v, S_ANSWERED_BY, s->answered_by, 0);
    if (n == 0 && s->received) {
        style_date_long(v, s->received, date, sizeof date);
        meta(t, v, S_RECEIVED, date, 0);
    }
    sources(t, v, docnum);
    add(t, TB_RULE, PXC_BODY, C_RULE, BG_NONE, 0, 1);
}

/* ---- the body -------------------------------------------------------- */

/* At the place of a document that could not be read: say so. */
static void damaged(bctx *c, const tdoc *d)
{
    vcase *t = c->t;
    view *v = c->v;
    char why[512];
    tblock *b;

    b = add(t, TB_HEAD, PXC_H2, C_LATE, BG_DAMAGED, 0, 2);
    add_str(b, style_text(v, d->kind == FMT_QUESTION ? S_CS_DAMAGED_Q :
                          d->kind == FMT_ANSWER ? S_CS_DAMAGED_A :
                          d->kind == FMT_NOTICE ? S_CS_DAMAGED_N : S_CS_DAMAGED_X), LA_BOLD);
    b = add(t, TB_PARA, PXC_SMALL, C_FG, BG_DAMAGED, 0, 0);
    snprintf(why, sizeof why, style_text(v, S_CS_DAMAGED_WHY), d->id[0] ? d->id : "?");
    add_str(b, why, 0);
    if (c->n)
        add_str(b, style_text(v, S_CS_DAMAGED_REST), 0);
    if (d->url)
        add_str(b, style_text(v, S_CS_DAMAGED_SRC), 0);
}

static void damaged_kind(bctx *c, int kind)
{
    size_t i;

    for (i = 0; i < c->t->ndocs; i++)
        if (c->t->docs[i].damaged && (kind < 0 ? c->t->docs[i].kind != FMT_QUESTION &&
                                                 c->t->docs[i].kind != FMT_ANSWER &&
                                                 c->t->docs[i].kind != FMT_NOTICE
                                               : c->t->docs[i].kind == kind))
            damaged(c, &c->t->docs[i]);
}

static void notices(bctx *c)
{
    vcase *t = c->t;
    view *v = c->v;
    char date[64];
    tblock *b;
    size_t i;

    for (i = 0; i < c->n; i++) {
        const fmt_doc *d = &c->docs[i];
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
        copy_link(c, b);
        b = add(t, TB_PARA, PXC_BODY, C_FG, BG_NOTICE, 0, 0);
        add_span(c, b, (int)i, body);
    }
    damaged_kind(c, FMT_NOTICE);
}

static void answer(bctx *c, int k, const fmt_block *a)
{
    char nums[96], head[160];
    tblock *b;
    view *v = c->v;

    numbers(a, v->cfg.lang == LANG_EN ? " and " : " en ", nums, sizeof nums);
    snprintf(head, sizeof head, style_text(v, a->nnumbers > 1 ? S_ANSWERS_N : S_ANSWER_N), nums);
    b = add(c->t, TB_HEAD, PXC_BODY, C_ACCENT, BG_ANSWER, a->nnumbers ? a->numbers[0] : 0, 1);
    add_str(b, head, LA_BOLD);
    copy_link(c, b);
    b = add(c->t, TB_PARA, PXC_BODY, C_FG, BG_ANSWER, a->nnumbers ? a->numbers[0] : 0, 0);
    add_span(c, b, k, a->span);
}

static void whole_text(bctx *c, int k, int label)
{
    const fmt_doc *d = &c->docs[k];
    fmt_span all = { 0, (uint32_t)(d->len > UINT32_MAX ? UINT32_MAX : d->len) };
    tblock *b = add(c->t, TB_HEAD, PXC_H2, C_FG, d->kind == FMT_ANSWER ? BG_ANSWER : BG_NONE, 0, 2);

    add_str(b, style_text(c->v, label), LA_BOLD);
    copy_link(c, b);
    b = add(c->t, TB_PARA, PXC_BODY, C_FG, d->kind == FMT_ANSWER ? BG_ANSWER : BG_NONE, 0, 0);
    add_span(c, b, k, all);
}

static void questions(bctx *c)
{
    fmt_doc *docs = c->docs;
    size_t n = c->n;
    view *v = c->v;
    int qd = -1;
    char nums[96], head[160];
    unsigned char done[MAXDOCS][256];
    size_t i, j, k;
    tblock *b;

    memset(done, 0, sizeof done);
    for (i = 0; i < n && qd < 0; i++)
        if (docs[i].kind == FMT_QUESTION && docs[i].nquestions)
            qd = (int)i;
    for (i = 0; i < n && qd < 0; i++)
        if (docs[i].nquestions)
            qd = (int)i;
    damaged_kind(c, FMT_QUESTION);
    for (i = 0; qd >= 0 && i < docs[qd].nquestions; i++) {
        const fmt_block *q = &docs[qd].questions[i];
        int key = max_number(q);
        numbers(q, v->cfg.lang == LANG_EN ? " and " : " en ", nums, sizeof nums);
        snprintf(head, sizeof head, style_text(v, q->nnumbers > 1 ? S_QUESTIONS_N : S_QUESTION_N), nums);
        b = add(c->t, TB_HEAD, PXC_H2, C_FG, BG_NONE, q->nnumbers ? q->numbers[0] : 0, 3);
        add_str(b, head, LA_BOLD);
        copy_link(c, b);
        b = add(c->t, TB_PARA, PXC_BODY, C_FG, BG_NONE, q->nnumbers ? q->numbers[0] : 0, 0);
        c->in_q = 1;
        add_span(c, b, qd, q->span);
        c->in_q = 0;
        for (j = 0; j < n && j < MAXDOCS; j++)
            for (k = 0; docs[j].kind == FMT_ANSWER && k < docs[j].nanswers && k < 256; k++)
                if (!done[j][k] && max_number(&docs[j].answers[k]) == key) {
                    answer(c, (int)j, &docs[j].answers[k]);
                    done[j][k] = 1;
                }
    }
    /* answers to questions we do not have, and answers we could not cut up */
    for (j = 0; j < n && j < MAXDOCS; j++) {
        if (docs[j].kind != FMT_ANSWER)
            continue;
        for (k = 0; k < docs[j].nanswers && k < 256; k++)
            if (!done[j][k])
                answer(c, (int)j, &docs[j].answers[k]);
        if (docs[j].nanswers == 0)
            whole_text(c, (int)j, S_K_ANSWER);
    }
    damaged_kind(c, FMT_ANSWER);
    damaged_kind(c, -1);
    for (j = 0; qd < 0 && j < n; j++)
        if (docs[j].kind != FMT_ANSWER && docs[j].kind != FMT_NOTICE)
            whole_text(c, (int)j, S_TEXT);
}

/* Which notes are one: a note an answer repeats from the question (same
 * mark and the same text) is the question's, shown once, under it. */
static int same_note(const fmt_doc *a, const fmt_note *x, const fmt_doc *b, const fmt_note *y)
{
    char *s, *t;
    int same;

    if (!x->mark || !y->mark || strcmp(x->mark, y->mark))
        return 0;
    s = fmt_span_text(a, x->span);
    t = fmt_span_text(b, y->span);
    same = s && t && !strcmp(s, t);
    free(s);
    free(t);
    return same;
}

static int notes_init(bctx *c)
{
    size_t k, i, j, q;

    for (k = 0; k < c->n; k++) {
        const fmt_doc *d = &c->docs[k];
        if (!d->nfootnotes)
            continue;
        c->ni[k] = calloc(d->nfootnotes, sizeof *c->ni[k]);
        if (!c->ni[k])
            return -1;
        for (i = 0; i < d->nfootnotes; i++) {
            c->ni[k][i] = (noteinfo){ (int)k, i, -1, 0, 0 };
            for (q = 0; q < c->n && d->kind != FMT_QUESTION; q++) {
                if (q == k || c->docs[q].kind != FMT_QUESTION)
                    continue;
                for (j = 0; j < c->docs[q].nfootnotes; j++)
                    if (same_note(d, &d->footnotes[i], &c->docs[q], &c->docs[q].footnotes[j])) {
                        c->ni[k][i].cdoc = (int)q;
                        c->ni[k][i].cnote = j;
                        break;
                    }
                if (c->ni[k][i].cdoc != (int)k)
                    break;
            }
        }
    }
    return 0;
}

/* One group of notes of doc k: those referred to from question text
 * (want_q 1) or not (0). */
static void note_group(bctx *c, size_t k, int want_q, int label)
{
    const fmt_doc *d = &c->docs[k];
    tblock *b;
    size_t i;
    int head = 0;

    for (i = 0; i < d->nfootnotes; i++) {
        noteinfo *in = &c->ni[k][i];
        if (in->cdoc != (int)k || in->cnote != i || in->from_q != want_q)
            continue;
        if (!head++) {
            b = add(c->t, TB_HEAD, PXC_H2, C_FG, BG_NONE, 0, 4);
            add_str(b, style_text(c->v, label), LA_BOLD);
        }
        b = add(c->t, TB_NOTE, PXC_SMALL, C_FG, BG_NONE, 0, head > 1 ? 1 : 0);
        in->block = (int)c->t->n - 1;
        add_str(b, d->footnotes[i].mark ? d->footnotes[i].mark : "", LA_BOLD);
        add_str(b, "  ", 0);
        add_span(c, b, (int)k, d->footnotes[i].span);
        if (in->refs) {
            add_str(b, "  ", 0);
            pend_add(c, (uint32_t)in->block, (uint32_t)b->t.len, LK_BACK, (int)k, i, 0);
            add_str(b, "\xe2\x86\xa9", LA_LINK);
        }
    }
}

static void footnotes(bctx *c)
{
    size_t k;

    c->in_notes = 1;
    for (k = 0; k < c->n; k++) {
        if (!c->ni[k])
            continue;
        if (c->docs[k].kind == FMT_ANSWER) {
            note_group(c, k, 1, S_CS_FOOTNOTES_Q);
            note_group(c, k, 0, S_FOOTNOTES_ANSWER);
        } else {
            note_group(c, k, 1, S_CS_FOOTNOTES_Q);
            note_group(c, k, 0, c->docs[k].kind == FMT_QUESTION ? S_CS_FOOTNOTES_Q : S_FOOTNOTES);
        }
    }
}

static const pend *pend_at(const bctx *c, uint32_t block, uint32_t off)
{
    size_t i;

    for (i = 0; i < c->np; i++)
        if (c->p[i].block == block && c->p[i].off == off)
            return &c->p[i];
    return NULL;
}

/* Collect every link run, in reading order, with what it does. */
static int collect_links(bctx *c)
{
    vcase *t = c->t;
    size_t i, j, n = 0, cap = 0;
    tspan *ls = NULL;
    tlink *lt = NULL;

    for (i = 0; i < t->n; i++) {
        const lay_text *x = &t->b[i].t;
        for (j = 0; j < x->len;) {
            size_t e = j;
            const pend *p;
            if (!(x->attr[j] & LA_LINK)) {
                j++;
                continue;
            }
            while (e < x->len && (x->attr[e] & LA_LINK))
                e++;
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                tspan *nl = realloc(ls, nc * sizeof *nl);
                tlink *nt;
                if (!nl)
                    break;
                ls = nl;
                if (!(nt = realloc(lt, nc * sizeof *nt)))
                    break;
                lt = nt;
                cap = nc;
            }
            ls[n] = (tspan){ (uint32_t)i, (uint32_t)j, (uint32_t)(e - j) };
            lt[n] = (tlink){ LK_URL, -1 };
            if ((p = pend_at(c, (uint32_t)i, (uint32_t)j))) {
                lt[n].kind = p->kind;
                if (p->kind == LK_NOTE && c->ni[p->doc])
                    lt[n].arg = c->ni[p->doc][p->note].block;
                else if (p->kind == LK_COPY)
                    lt[n].arg = p->arg;
                if (p->kind == LK_NOTE && lt[n].arg < 0)
                    lt[n].kind = LK_URL;   /* cannot happen: every note is shown */
            }
            n++;
            j = e;
        }
    }
    /* a note's way back: to the first marker that points at it */
    for (i = 0; i < n; i++) {
        if (lt[i].kind != LK_BACK)
            continue;
        for (j = 0; j < n; j++)
            if (lt[j].kind == LK_NOTE && lt[j].arg == (int)ls[i].block)
                break;
        lt[i].arg = j < n ? (int)j : -1;
    }
    free(t->links);
    free(t->ltgt);
    t->links = ls;
    t->ltgt = lt;
    t->nlinks = n;
    return 0;
}

/* The case's title and number from its documents, or from a summary
 * when none could be read. */
static void names(vcase *t, const fmt_doc *docs, size_t got, const fmt_summary *s)
{
    size_t i;

    if (got)
        snprintf(t->zaak, sizeof t->zaak, "%s", docs[0].zaak[0] ? docs[0].zaak :
                 docs[0].id ? docs[0].id : "?");
    else
        snprintf(t->zaak, sizeof t->zaak, "%s", s->zaak[0] ? s->zaak : s->id[0] ? s->id : "?");
    for (i = 0; i < got && !t->title; i++) /* the whole subject: never cut */
        if (docs[i].subject && docs[i].subject[0])
            t->title = strdup(docs[i].subject);
    if (!t->title && s->subject && s->subject[0])
        t->title = strdup(s->subject);
    if (t->title && t->title[0] >= 'a' && t->title[0] <= 'z')
        t->title[0] = (char)(t->title[0] - 'a' + 'A');
}

int case_build(view *v, const case_ref *refs, size_t n)
{
    vcase *t = &v->cs;
    fmt_doc *docs;
    fmt_summary s, ds;
    const char *docnum[CASE_DOCS];
    char *owned[CASE_DOCS];
    bctx c;
    size_t i, got = 0;
    int have_s = 0, rc;

    case_clear(t);
    if (n > MAXDOCS)
        n = MAXDOCS;
    docs = calloc(n ? n : 1, sizeof *docs);
    if (!docs)
        return -1;
    memset(&s, 0, sizeof s);
    memset(&ds, 0, sizeof ds);
    s.answer_days = -1;
    for (i = 0; i < n; i++) {
        tdoc *td = &t->docs[t->ndocs];
        owned[t->ndocs] = NULL;
        docnum[t->ndocs] = NULL;
        memset(td, 0, sizeof *td);
        rc = fmt_get(refs[i].a, refs[i].docno, &docs[got]);
        if (rc == FMT_OK) {
            snprintf(td->id, sizeof td->id, "%s", docs[got].id ? docs[got].id : "");
            td->kind = docs[got].kind;
            if (docs[got].docnum)
                docnum[t->ndocs] = owned[t->ndocs] = strdup(docs[got].docnum);
            got++;
        } else {
            if (!v->damaged++)      /* the banner says so too */
                snprintf(v->damage, sizeof v->damage, "%s", fmt_errmsg(refs[i].a));
            fmt_doc_free(&docs[got]);
            if (fmt_get_summary(refs[i].a, refs[i].docno, &ds) != FMT_OK)
                continue;    /* neither text nor summary: nothing to say where */
            snprintf(td->id, sizeof td->id, "%s", ds.id);
            td->kind = ds.kind;
            td->damaged = 1;
            t->ndamaged++;
        }
        t->ndocs++;
        if (!have_s) {
            fmt_summary_free(&s);
            memset(&s, 0, sizeof s);
            have_s = fmt_get_summary(refs[i].a, refs[i].docno, &s) == FMT_OK;
            if (!have_s) {
                fmt_summary_free(&s);
                memset(&s, 0, sizeof s);
                s.answer_days = -1;
            }
        }
    }
    fmt_summary_free(&ds);
    if (t->ndocs == 0 || (got == 0 && !have_s)) {
        fmt_summary_free(&s);
        free(docs);
        return -1;
    }
    if (!have_s) {
        s.id = s.zaak = s.subject = s.members = s.parties = s.addressees = s.answered_by = "";
    }
    memset(&c, 0, sizeof c);
    c.v = v;
    c.t = t;
    c.docs = docs;
    c.n = got;
    names(t, docs, got, &s);
    rc = notes_init(&c);
    if (rc == 0) {
        header(t, v, docs, got, &s, docnum);
        notices(&c);
        questions(&c);
        footnotes(&c);
        collect_links(&c);
    }
    for (i = 0; i < MAXDOCS; i++)
        free(c.ni[i]);
    free(c.p);
    for (i = 0; i < t->ndocs; i++)
        free(owned[i]);
    fmt_summary_free(&s);
    for (i = 0; i < got; i++)
        fmt_doc_free(&docs[i]);
    free(docs);
    return rc;
}

/* ---- layout ---------------------------------------------------------- */

/* Layout is done in slices: a case of megabytes (a PDF extraction's
 * unbroken token) costs SDL_ttf about a microsecond a byte to measure,
 * seconds in all, so each frame lays out for at most SLICE_NS and the
 * window takes input in between. The clock is read every SLICE_BYTES
 * bytes measured. */
#define SLICE_BYTES 2048
#define SLICE_NS 8000000L

static int text_block(const tblock *b)
{
    return b->type != TB_CHIPS && b->type != TB_RULE;
}

void case_layout_sync(view *v)
{
    vcase *t = &v->cs;
    vgeom g;

    style_geom(v, &g);
    if (t->laid_w == g.col_w && t->laid_px == v->px)
        return;
    t->laid_w = g.col_w;
    t->laid_px = v->px;
    t->lay_next = 0;
    t->lay_y = 0;
    t->lay_started = 0;
    t->height = 0;
    t->lay_keep = t->scroll;
}

int case_layout_pending(const vcase *t)
{
    return t->lay_next < t->n;
}

/* Lay out block lay_next, or go on with it, measuring about budget bytes
 * at most; *spent grows by what was measured. 1 when the block is done. */
static int layout_block(view *v, size_t budget, size_t *spent)
{
    vcase *t = &v->cs;
    size_t i = t->lay_next;
    tblock *b = &t->b[i];
    int px = style_px(v, b->pxc), pad = v->px / 2;
    int prev_bg = i > 0 ? t->b[i - 1].bg : BG_NONE;
    int next_bg = i + 1 < t->n ? t->b[i + 1].bg : BG_NONE;

    if (!t->lay_started) {
        b->indent = b->bg != BG_NONE ? v->px : 0;
        t->lay_y += b->space * v->lh / 4;
        if (b->bg != BG_NONE && b->bg != prev_bg)
            t->lay_y += pad;
        b->y = t->lay_y;
        b->ptop = b->bg != BG_NONE && b->bg != prev_bg ? pad : 0;
        if (text_block(b))
            lay_wrap_start(&b->box, &b->t, t->laid_w - 2 * b->indent, px, 0, &v->m);
        t->lay_started = 1;
    }
    if (b->type == TB_CHIPS) {
        b->h = b->nchips ? style_lh(v, px) + v->px / 2 : 0;
    } else if (b->type == TB_RULE) {
        b->h = v->lh / 2;
    } else {
        size_t before = b->box.measured;
        int done = lay_wrap_more(&b->box, &b->t, &v->m, budget > *spent ? budget - *spent : 0);
        *spent += b->box.measured - before;
        b->h = b->box.height;
        if (!done) {                 /* drawn as far as it goes */
            b->h += b->ptop;
            t->height = b->y + b->h;
            return 0;
        }
    }
    b->h += b->ptop + (b->bg != BG_NONE && b->bg != next_bg ? pad : 0);
    t->lay_y += b->h;
    t->height = t->lay_y;
    t->lay_next++;
    t->lay_started = 0;
    return 1;
}

int case_layout_step(view *v, size_t budget)
{
    vcase *t = &v->cs;
    size_t spent = 0;

    case_layout_sync(v);
    while (t->lay_next < t->n) {
        if (!layout_block(v, budget, &spent))
            return 0;
        if (spent >= budget)
            break;
    }
    return t->lay_next >= t->n;
}

static long long ns_since(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)(now.tv_sec - t0->tv_sec) * 1000000000LL + (now.tv_nsec - t0->tv_nsec);
}

void case_layout(view *v)
{
    struct timespec t0;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!case_layout_step(v, SLICE_BYTES))
        if (ns_since(&t0) >= SLICE_NS)
            break;
}

int case_block_at(const vcase *t, int y)
{
    size_t lo = 0, hi = t->lay_next + (t->lay_next < t->n && t->lay_started);

    if (hi == 0)
        return t->n ? 0 : -1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->b[mid].y <= y)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo;
}

/* The y of s, or -1 while it is not laid out yet. */
static int span_y(const vcase *t, const tspan *s)
{
    const tblock *b;
    int line;

    if (s->block >= t->n || s->block > t->lay_next ||
        (s->block == t->lay_next && (!t->lay_started || (text_block(&t->b[s->block]) &&
                                                         t->b[s->block].box.at <= s->off))))
        return -1;
    b = &t->b[s->block];
    line = lay_line_at(&b->box, s->off);
    return b->y + b->ptop + (line >= 0 ? b->box.lines[line].y : 0);
}

/* Not laid out yet: remember it, view_prepare() shows it once it is. */
static void want(vcase *t, const tspan *s, int top)
{
    if (s->block >= t->n)
        return;
    t->want = *s;
    t->want_on = top ? 2 : 1;
    t->want_center = 1;
}

int case_span_y(view *v, const tspan *s)
{
    int y;

    case_layout_sync(v);
    y = span_y(&v->cs, s);
    if (y < 0)
        want(&v->cs, s, 0);
    else
        v->cs.want_on = 0;
    return y;
}

int case_block_y(view *v, size_t bi)
{
    vcase *t = &v->cs;
    tspan s = { (uint32_t)bi, 0, 0 };

    case_layout_sync(v);
    if (bi >= t->n)
        return -1;
    if (bi < t->lay_next || (bi == t->lay_next && t->lay_started)) {
        t->want_on = 0;
        return t->b[bi].y;
    }
    want(t, &s, 1);
    return -1;
}

int case_want_y(view *v, int *center)
{
    vcase *t = &v->cs;
    int y;

    if (!t->want_on)
        return -1;
    if (t->want_on == 2)
        y = t->want.block < t->lay_next ||
            (t->want.block == t->lay_next && t->lay_started) ? t->b[t->want.block].y : -1;
    else
        y = span_y(t, &t->want);
    if (y >= 0) {
        t->want_on = 0;
        *center = t->want_center;
    }
    return y;
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
    for (i = 0; i < t->nfound; i++) {
        int y = span_y(t, &t->found[i]);
        if (y < 0 || y >= t->scroll) {    /* not laid out yet: below */
            t->curfound = (long)i;
            break;
        }
    }
    lay_mark(&t->b[t->found[t->curfound].block].t, t->found[t->curfound].off,
             t->found[t->curfound].len, LA_CUR);
}
