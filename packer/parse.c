/* parse.c - the parser: the source text of one Kamervragen document
 * (question, answer or notice) into the fields of a fmt_doc.
 *
 * The text comes in many shapes: Markdown, plain text from the official web
 * pages, tweedekamer.nl pages with hard-wrapped lines, and text extracted
 * from PDFs with page furniture glued to the prose. Three steps, each linear
 * in the text and bounded in memory:
 *
 *  1. The opening sentences, "Vragen van ... (ingezonden D maand JJJJ)." and
 *     for answers and notices "Antwoord van ... (ontvangen ...).", are found
 *     in the first PRE_MAX bytes, copied with markup and layout flattened
 *     (at most HEAD_MAX bytes) and split into members, addressees, subject,
 *     dates and signers.
 *  2. One pass over the lines classifies each (heading, footnote, page
 *     furniture, trailer, prose) and a small state machine turns them into
 *     numbered blocks, footnotes and the notice text: spans of the verbatim
 *     text.
 *  3. Zaak and document numbers come from the text before the first
 *     question, else from the file name: numbers in the body cite other
 *     documents.
 *
 * What cannot be parsed becomes a warning "line N: ..."; nothing here fails
 * on bad text, only when memory runs out.
 */
#include "parse.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    PRE_MAX = 65536,     /* the header and answer line lie in these bytes */
    HEAD_MAX = 4096,     /* longest header or answer-line sentence read */
    MAX_BLOCKS = 1000,   /* questions, and answers, per document */
    MAX_NOTES = 1000,    /* footnotes per document */
    MAX_URLS = 32,       /* URLs per footnote */
    MAX_NUMS = 64,       /* numbers per heading (the record codec's limit) */
    MAX_NAMES = 100,     /* members, addressees, signers */
    MAX_NAME = 160,      /* bytes of one member name */
    MAX_WARN = 40,       /* warnings per document */
    MAX_MARK = 1000,     /* footnote numbers tracked */
    MAX_QNUM = 9999,     /* highest question number */
    MAX_TOK = 768,       /* words of an addressee list */
    MAX_GROUP = 16,      /* titles groups in an addressee list */
    MAX_PORT = 16        /* portfolios per group */
};

#define NOPOS ((size_t)-1)

/* ---- characters and strings ------------------------------------------ */

static int is_sp(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_word(unsigned char c)
{
    return is_digit(c) || is_lower(c) || is_upper(c) || c >= 0x80;
}
static unsigned char lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c + 32) : c;
}
#define UC(p) ((unsigned char)*(p))

/* n bytes of a equal lit, ignoring ASCII case. */
static int ci_eq(const char *a, const char *lit, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)lit[i]))
            return 0;
    return 1;
}

/* The string helpers take a literal's length from a macro, so that it is
 * folded at compile time: they run on every line. */

/* If [s,e) starts with lit (n bytes, ignoring case): the byte after it,
 * else NULL. */
static const char *ci_prefix_n(const char *s, const char *e, const char *lit, size_t n)
{
    return (size_t)(e - s) >= n && ci_eq(s, lit, n) ? s + n : NULL;
}
#define ci_prefix(s, e, lit) ci_prefix_n((s), (e), (lit), strlen(lit))

/* As ci_prefix, but lit must end a word there. */
static const char *ci_word_n(const char *s, const char *e, const char *lit, size_t n)
{
    const char *p = ci_prefix_n(s, e, lit, n);
    return p && (p == e || !is_word(UC(p))) ? p : NULL;
}
#define ci_word(s, e, lit) ci_word_n((s), (e), (lit), strlen(lit))

/* The first lit in [s,e), ignoring case, or NULL. */
#define ci_find(s, e, lit) ci_find_n((s), (e), (lit), strlen(lit))
static const char *ci_find_n(const char *s, const char *e, const char *lit, size_t n)
{
    unsigned char c0 = lower((unsigned char)lit[0]);
    for (const char *p = s; (size_t)(e - p) >= n; p++)
        if (lower(UC(p)) == c0 && ci_eq(p, lit, n))
            return p;
    return NULL;
}

static const char *skip_sp(const char *p, const char *e)
{
    while (p < e && is_sp(UC(p)))
        p++;
    return p;
}

/* Skip blanks, line breaks and Markdown emphasis. */
static const char *skip_ws(const char *p, const char *e)
{
    while (p < e && (is_sp(UC(p)) || *p == '\n' || *p == '*' || *p == '_'))
        p++;
    return p;
}

/* The value of the superscript digit at p (¹ ² ³ and U+2070..2079), with
 * its length in *len; -1 if there is none. */
static int sup_digit(const char *p, const char *e, int *len)
{
    const unsigned char *u = (const unsigned char *)p;
    if (e - p >= 2 && u[0] == 0xC2) {
        *len = 2;
        if (u[1] == 0xB9)
            return 1;
        if (u[1] == 0xB2 || u[1] == 0xB3)
            return u[1] - 0xB0;
    }
    if (e - p >= 3 && u[0] == 0xE2 && u[1] == 0x81) {
        *len = 3;
        if (u[2] == 0xB0)
            return 0;
        if (u[2] >= 0xB4 && u[2] <= 0xB9)
            return u[2] - 0xB0;
    }
    return -1;
}

/* After '-' at the end of a line, p: if the word goes on in lower case on
 * the next line ("Voedsel-\nkwaliteit"), where it goes on, else NULL. A
 * following "en"/"of" means a real hyphen ("Basis-\nen Voortgezet"). */
static const char *hyphen_join(const char *p, const char *e)
{
    p = skip_sp(p, e);
    if (p >= e || *p != '\n')
        return NULL;
    p = skip_sp(p + 1, e);
    if (p >= e || !is_lower(UC(p)) || ci_word(p, e, "en") || ci_word(p, e, "of"))
        return NULL;
    return p;
}

/* Copy [s,e) into out (room for e - s + 1 bytes) as one line of plain text:
 * Markdown emphasis and escapes dropped, line-end hyphenation joined, every
 * run of white space one ' ', the ends trimmed. The copy is never longer
 * than the input. Returns its length. */
static size_t clean(const char *s, const char *e, char *out)
{
    size_t o = 0;
    int sp = 0;
    for (const char *p = s; p < e; p++) {
        unsigned char c = UC(p);
        if (c == '\n' || is_sp(c)) {
            sp = 1;
            continue;
        }
        if (c == 0xC2 && p + 1 < e && (UC(p + 1) == 0xA0 || UC(p + 1) == 0xAD)) {
            sp |= UC(p + 1) == 0xA0;     /* no-break space; soft hyphen */
            p++;
            continue;
        }
        if (c == '*' || (c == '\\' && p + 1 < e && UC(p + 1) < 0x80 &&
                         !is_word(UC(p + 1)) && !is_sp(UC(p + 1))))
            continue;
        if (c == '_' && (p == s || !is_word(UC(p - 1)) || p + 1 == e ||
                         !is_word(UC(p + 1))))
            continue;
        if (c == '-' && p > s && is_lower(UC(p - 1))) {
            const char *q = hyphen_join(p + 1, e);
            if (q) {
                p = q - 1;
                continue;
            }
        }
        if (sp && o)
            out[o++] = ' ';
        sp = 0;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return o;
}

/* Up to 40 bytes of [s,e) for a message: whole UTF-8 characters, line
 * breaks, control bytes and quotes as spaces. out has room for 48. */
static void snippet(const char *s, const char *e, char *out)
{
    size_t n = (size_t)(e - s) < 40 ? (size_t)(e - s) : 40;
    while (n > 0 && n < (size_t)(e - s) && (UC(s + n) & 0xC0) == 0x80)
        n--;
    for (size_t i = 0; i < n; i++)
        out[i] = UC(s + i) < 0x20 || s[i] == '"' || s[i] == '\\' ? ' ' : s[i];
    out[n] = '\0';
}

/* ---- the parser's state ---------------------------------------------- */

enum { R_NONE, R_Q, R_A, R_NOTICE };

/* The block being read: its numbers and the content seen so far. */
typedef struct {
    int kind;                     /* R_NONE, R_Q, R_A or R_NOTICE */
    uint16_t nums[MAX_NUMS];
    size_t nn;
    size_t start, end;            /* content so far; start NOPOS: none yet */
    size_t empty_at;              /* where an empty block's span sits */
    int brk;                      /* a footnote or page furniture since */
    int bare;                     /* opened by a bare "Antwoord" */
    int split;                    /* content resumed after such a break, */
    size_t pre_end, post_start;   /* ... and where */
} region;

typedef struct {
    fmt_doc *d;
    const char *t;
    size_t n;
    int nomem;
    int kind;                     /* from "Antwoord van" / "Mededeling van" */
    region r;
    long note;                    /* index of the open footnote, or -1 */
    int note_hdr;                 /* after "X Noot": its mark and text next */
    char note_mark[12];
    int notes_sect;               /* in a footnote section */
    int last_note;                /* value of the last footnote's mark */
    int vraag_seen;               /* a "Vraag N" heading: numbers are prose */
    int last_bare, max_q, max_a;
    int capped;                   /* warned about a limit */
    uint16_t lastq[MAX_NUMS];     /* the last question's numbers */
    size_t nlastq;
    size_t first_head;            /* offset of the first heading, or NOPOS */
    size_t sig_s, sig_e;          /* a signature title before the questions */
    size_t id_s, id_e;            /* an "ah-tk-..." furniture line */
    size_t line;                  /* line number in the body pass */
    size_t marks_to;              /* text scanned for footnote marks */
    int ans_mode, last_bare_a;    /* answers numbered "1", "2" after "Antwoord" */
    size_t ans_at, ans_end;       /* an "Antwoord van" line after the questions */
    unsigned char seen[MAX_MARK / 8 + 1];    /* footnote marks in the text */
    unsigned char qseen[MAX_QNUM / 8 + 1];   /* question numbers read */
} parser;

#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static void warn(parser *P, size_t line, const char *fmt, ...)
{
    fmt_doc *d = P->d;
    char msg[512];
    if (P->nomem || d->nwarnings > MAX_WARN)
        return;
    if (d->nwarnings == MAX_WARN) {
        snprintf(msg, sizeof msg, "too many warnings; the rest are left out");
    } else {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
    }
    if (fmt_doc_warn(d, "line %zu: %s", line, msg))
        P->nomem = 1;
}

/* The line number of offset pos, counting from line `line` at offset from. */
static size_t line_at(const parser *P, size_t from, size_t line, size_t pos)
{
    const char *p = P->t + from, *e = P->t + pos;
    while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        line++;
        p++;
    }
    return line;
}

static fmt_span span(size_t s, size_t e)
{
    fmt_span sp = {(uint32_t)s, (uint32_t)(e > s ? e - s : 0)};
    return sp;
}

/* ---- dates ------------------------------------------------------------ */

static const char *const month_name[12] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"};

/* 1..12 for a Dutch month name or its abbreviation ("jan", "sept.",
 * "mrt"), 0 otherwise. */
static int month_of(const char *w, size_t n)
{
    if (n == 3 && ci_eq(w, "mrt", 3))
        return 3;
    for (int m = 0; m < 12; m++)
        if (n >= 3 && n <= strlen(month_name[m]) && ci_eq(w, month_name[m], n))
            return m + 1;
    return 0;
}

static int32_t ymd(int y, int m, int d)
{
    static const int dm[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > dm[m - 1] ||
        (m == 2 && d == 29 && !leap))
        return 0;
    return y * 10000 + m * 100 + d;
}

/* Up to max digits at p into *v; returns how many. */
static int digits(const char **pp, const char *e, int max, int *v)
{
    const char *p = *pp;
    int n = 0;
    *v = 0;
    while (p < e && is_digit(UC(p)) && n < max) {
        *v = *v * 10 + (*p - '0');
        p++;
        n++;
    }
    *pp = p;
    return n;
}

/* A date at the start of [s,e): "26 januari 2022", "3 sept. 2019",
 * "26-01-2022" or "2022-01-26". Returns yyyymmdd, or 0. */
static int32_t parse_date(const char *s, const char *e)
{
    const char *p = skip_ws(s, e), *q;
    int a, m, y;
    if ((q = ci_word(p, e, "op")) != NULL)
        p = skip_ws(q, e);
    int na = digits(&p, e, 5, &a);
    if (na == 4 && p < e && *p == '-') {            /* 2022-01-26 */
        p++;
        if (!digits(&p, e, 2, &m) || p >= e || *p != '-')
            return 0;
        p++;
        int d;
        return digits(&p, e, 2, &d) ? ymd(a, m, d) : 0;
    }
    if (na < 1 || na > 2)
        return 0;
    if (p + 1 < e && (*p == '-' || *p == '/' || *p == '.') && is_digit(UC(p + 1))) {
        p++;                                         /* 26-01-2022 */
        if (!digits(&p, e, 2, &m) || p >= e || (*p != '-' && *p != '/' && *p != '.'))
            return 0;
        p++;
        return digits(&p, e, 4, &y) == 4 ? ymd(y, m, a) : 0;
    }
    p = skip_ws(p, e);
    q = p;
    while (q < e && (is_lower(UC(q)) || is_upper(UC(q))) && q - p < 12)
        q++;
    if (!(m = month_of(p, (size_t)(q - p))))
        return 0;
    p = q < e && *q == '.' ? q + 1 : q;
    p = skip_ws(p, e);
    if (digits(&p, e, 4, &y) != 4 || (p < e && is_digit(UC(p))))
        return 0;
    return ymd(y, m, a);
}

/* ---- addressees and signers ---------------------------------------- */

enum { T_NONE, T_MIN, T_SS, T_MP, T_VMP };
static const char *const title_name[] = {
    "", "Minister", "Staatssecretaris", "Minister-President",
    "Vice-Minister-President"};

/* The title a word names ("Ministers", "staatssecretaris", ...), or T_NONE. */
static int title_of(const char *w, size_t n)
{
    static const struct { const char *w; int t; } v[] = {
        {"minister", T_MIN}, {"ministers", T_MIN},
        {"staatssecretaris", T_SS}, {"staatssecretarissen", T_SS},
        {"minister-president", T_MP}, {"vice-minister-president", T_VMP},
        {"viceminister-president", T_VMP}, {"vice-premier", T_VMP}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (strlen(v[i].w) == n && ci_eq(w, v[i].w, n))
            return v[i].t;
    return T_NONE;
}

typedef struct { const char *p; size_t n; } tok;

static int tok_is_n(const tok *t, const char *lit, size_t n)
{
    return t->n == n && ci_eq(t->p, lit, n);
}
#define tok_is(t, lit) tok_is_n((t), (lit), strlen(lit))
static int tok_prep(const tok *t) { return tok_is(t, "van") || tok_is(t, "voor"); }
static int tok_det(const tok *t) { return tok_is(t, "de") || tok_is(t, "het"); }

/* Words of [s,e), a comma being a word of its own. */
static size_t tokenize(const char *s, const char *e, tok *v, size_t cap)
{
    size_t k = 0;
    const char *p = s;
    while (k < cap) {
        while (p < e && *p == ' ')
            p++;
        if (p >= e)
            break;
        const char *q = p + 1;
        if (*p != ',')
            while (q < e && *q != ' ' && *q != ',')
                q++;
        v[k].p = p;
        v[k].n = (size_t)(q - p);
        k++;
        p = q;
    }
    return k;
}

/* Add s (len bytes) to a list unless it is there already, or it is the
 * Minister-President's second title ("Minister-President, Minister van
 * Algemene Zaken"). */
static void add_unique(parser *P, char ***arr, size_t *n, const char *s, size_t len)
{
    if (*n >= MAX_NAMES || !len)
        return;
    for (size_t i = 0; i < *n; i++) {
        if (strlen((*arr)[i]) == len && !memcmp((*arr)[i], s, len))
            return;
        if (!strcmp((*arr)[i], "Minister-President") &&
            len == 27 && !memcmp(s, "Minister van Algemene Zaken", 27))
            return;
    }
    if (fmt_doc_add_str(arr, n, s, len))
        P->nomem = 1;
}

typedef struct {
    int titles[4];
    size_t nt, np;
    int voor[MAX_PORT];                  /* "voor" rather than "van" */
    const char *ps[MAX_PORT], *pe[MAX_PORT];
} group;

/* One title per portfolio of each group; a group without portfolios ("de
 * Minister en de Staatssecretaris van X") shares those of the next. */
static void emit_groups(parser *P, group *g, size_t ng, char ***arr, size_t *n)
{
    char out[HEAD_MAX + 64];
    for (size_t i = 0; i < ng; i++) {
        const group *src = &g[i];
        if (!src->np && i + 1 < ng && g[i + 1].np)
            src = &g[i + 1];
        for (size_t k = 0; k < g[i].nt; k++) {
            int t = g[i].titles[k];
            if (t == T_MP || t == T_VMP || !src->np) {
                add_unique(P, arr, n, title_name[t], strlen(title_name[t]));
                continue;
            }
            for (size_t j = 0; j < src->np; j++) {
                int len = snprintf(out, sizeof out, "%s %s %.*s", title_name[t],
                                   src->voor[j] ? "voor" : "van",
                                   (int)(src->pe[j] - src->ps[j]), src->ps[j]);
                if (len > 0 && (size_t)len < sizeof out)
                    add_unique(P, arr, n, out, (size_t)len);
            }
        }
    }
}

/* In a portfolio, at "," or "en" (v[i]): does a new portfolio ("van Y")
 * or a new group ("de Minister") start? Then the current portfolio is
 * closed and the new state returned (2: in the next portfolio, whose "van"
 * *i now points at; 0: want a title); -1 when the word is part of a
 * ministry's name ("Justitie en Veiligheid", "Landbouw, Natuur"). */
static int portfolio_break(group *G, const tok *v, size_t k, size_t *i)
{
    if (*i + 1 >= k)
        return -1;
    const tok *nx = &v[*i + 1];
    int newport = tok_prep(nx);
    int newgroup = title_of(nx->p, nx->n) ||
                   (tok_det(nx) && *i + 2 < k && title_of(v[*i + 2].p, v[*i + 2].n));
    if (!newport && !newgroup)
        return -1;
    if (G->ps[G->np])
        G->np++;
    if (!newport || G->np >= MAX_PORT)
        return 0;
    G->voor[G->np] = tok_is(nx, "voor");
    G->ps[G->np] = NULL;
    (*i)++;
    return 2;
}

/* Expand a list of titles, cleaned, into one entry each: "de Ministers van
 * X, van Y en voor Z" gives "Minister van X", "Minister van Y", "Minister
 * voor Z". Ministry names contain "en" and commas, so a new portfolio starts
 * only at "van"/"voor" after a comma or "en", a new group at a title. */
static void add_titles(parser *P, const char *s, const char *e, char ***arr, size_t *n)
{
    tok v[MAX_TOK];
    group g[MAX_GROUP];
    size_t k = tokenize(s, e, v, MAX_TOK), ng = 0;
    int st = 0;               /* 0: want a title, 1: after one, 2: portfolio */
    group *G = NULL;
    for (size_t i = 0; i < k; i++) {
        int t = title_of(v[i].p, v[i].n), sep = tok_is(&v[i], ",") || tok_is(&v[i], "en");
        if (st == 2 && t) {              /* "... van X en Staatssecretaris" */
            if (G->ps[G->np])
                G->np++;
            st = 0;
        }
        if (st == 0) {
            if (t && ng < MAX_GROUP) {
                G = &g[ng++];
                memset(G, 0, sizeof *G);
                G->titles[G->nt++] = t;
                st = 1;
            }
        } else if (st == 1) {
            if (t && G->nt < 4) {
                G->titles[G->nt++] = t;   /* "de Minister en Staatssecretaris" */
            } else if (tok_prep(&v[i]) && G->np < MAX_PORT) {
                G->voor[G->np] = tok_is(&v[i], "voor");
                G->ps[G->np] = NULL;
                st = 2;
            } else if (tok_det(&v[i])) {
                st = 0;
            }
        } else if (sep) {
            int ns = portfolio_break(G, v, k, &i);
            st = ns < 0 ? st : ns;
        } else {
            if (!G->ps[G->np])
                G->ps[G->np] = v[i].p;
            G->pe[G->np] = v[i].p + v[i].n;
        }
    }
    if (st == 2 && G->ps[G->np])
        G->np++;
    if (ng) {
        emit_groups(P, g, ng, arr, n);
        return;
    }
    /* No title we know ("aan de Voorzitter"): keep the words as written. */
    const char *p = s, *q;
    if ((q = ci_word(p, e, "de")) || (q = ci_word(p, e, "het")))
        p = skip_sp(q, e);
    if (e - p > 0 && e - p < 200)
        add_unique(P, arr, n, p, (size_t)(e - p));
}

/* The ')' matching the '(' at p, or e. */
static const char *match_paren(const char *p, const char *e)
{
    int depth = 0;
    for (; p < e; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0)
            return p;
    }
    return e;
}

/* One signer as written, "Minister X (Ministry)", its title capitalised. */
static void add_signer(parser *P, const char *s, const char *e)
{
    char out[HEAD_MAX + 64];
    const char *w = s;
    while (w < e && *w != ' ')
        w++;
    int t = title_of(s, (size_t)(w - s));
    int len = t ? snprintf(out, sizeof out, "%s%.*s", title_name[t], (int)(e - w), w)
                : snprintf(out, sizeof out, "%.*s", (int)(e - s), s);
    if (len > 0 && (size_t)len < sizeof out)
        add_unique(P, &P->d->answered_by, &P->d->nanswered_by, out, (size_t)len);
}

/* Who answered: "Minister X (M) en van Minister Y (N), mede namens de
 * Minister van Z" (cleaned) gives "Minister X (M)", "Minister Y (N)",
 * "Minister van Z". */
static void add_signers(parser *P, const char *s, const char *e)
{
    fmt_doc *d = P->d;
    const char *mn = ci_find(s, e, "mede namens"), *se = mn ? mn : e;
    if (!memchr(s, '(', (size_t)(se - s))) {
        add_titles(P, s, se, &d->answered_by, &d->nanswered_by);
    } else {
        const char *p = s, *q;
        while (p < se) {
            while (p < se && (*p == ' ' || *p == ','))
                p++;
            if ((q = ci_word(p, se, "en")) != NULL)
                p = skip_sp(q, se);
            /* "en van Minister Y", "de Minister van X": lower case only,
             * for "Van der Wal" is a name */
            if (se - p >= 4 && !memcmp(p, "van ", 4))
                p = skip_sp(p + 3, se);
            if (se - p >= 3 && !memcmp(p, "de ", 3))
                p = skip_sp(p + 2, se);
            const char *lp = memchr(p, '(', (size_t)(se - p));
            if (!lp) {
                if (p < se && !ci_find(p, se, "ontvangen"))
                    add_titles(P, p, se, &d->answered_by, &d->nanswered_by);
                break;
            }
            const char *rp = match_paren(lp, se);
            add_signer(P, p, rp < se ? rp + 1 : se);
            p = rp < se ? rp + 1 : se;
        }
    }
    if (mn)
        add_titles(P, mn + 11, e, &d->answered_by, &d->nanswered_by);
}

/* ---- members ---------------------------------------------------------- */

static void add_name(parser *P, const char *s, const char *e,
                     const char *party, size_t plen)
{
    static const char *const drop[] = {"en ", "de heer ", "mevrouw ", "mw. ", "dhr. "};
    while (s < e && (*s == ' ' || *s == ',' || *s == ';' || *s == ':'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == ',' || e[-1] == ';' || e[-1] == '.'))
        e--;
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
        const char *q = ci_prefix(s, e, drop[i]);
        if (q && (i > 0 || q < e))
            s = skip_sp(q, e);
    }
    const char *l = s;
    while (l < e && !(is_upper(UC(l)) || is_lower(UC(l)) || UC(l) >= 0x80))
        l++;
    if (l == e || e - s > MAX_NAME || P->d->nmembers >= MAX_NAMES)
        return;
    if (fmt_doc_add_member(P->d, s, (size_t)(e - s), party, plen))
        P->nomem = 1;
}

/* Names separated by commas and "en", all with the same party. */
static void add_names(parser *P, const char *s, const char *e,
                      const char *party, size_t plen)
{
    const char *p = s;
    while (p < e && !P->nomem) {
        const char *q = p;
        while (q < e && *q != ',' && !(*q == ' ' && e - q >= 4 && !memcmp(q, " en ", 4)))
            q++;
        add_name(P, p, q, party, plen);
        p = q < e ? q + (*q == ',' ? 1 : 4) : e;
    }
}

/* "Palland, Inge van Dijk en Amhaouch (allen CDA)", "Omtzigt (CDA),
 * Gesthuizen (SP) en Schouw (D66)": each parenthesis gives the party of
 * the names since the previous one; names without one get none. */
static void add_members(parser *P, const char *s, const char *e)
{
    static const char *const all[] = {"allen ", "beiden ", "beide ", "alle ", "allebei "};
    const char *p = s;
    while (p < e && !P->nomem) {
        const char *lp = memchr(p, '(', (size_t)(e - p));
        if (!lp) {
            add_names(P, p, e, NULL, 0);
            break;
        }
        const char *rp = match_paren(lp, e), *ps = skip_sp(lp + 1, rp), *pe = rp, *q;
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
            if ((q = ci_prefix(ps, pe, all[i])) != NULL)
                ps = skip_sp(q, pe);
        while (pe > ps && pe[-1] == ' ')
            pe--;
        add_names(P, p, lp, pe > ps ? ps : NULL, (size_t)(pe - ps));
        p = rp < e ? rp + 1 : e;
    }
}

/* ---- the opening sentences ------------------------------------------- */

/* The first lit in [s,e) outside parentheses, or NULL. */
#define find_top(s, e, lit) find_top_n((s), (e), (lit), strlen(lit))
static const char *find_top_n(const char *s, const char *e, const char *lit, size_t n)
{
    int depth = 0;
    for (const char *p = s; p < e; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth -= depth > 0;
        else if (!depth && (size_t)(e - p) >= n && !memcmp(p, lit, n))
            return p;
    }
    return NULL;
}

/* Split a cleaned header, without its "(ingezonden ...)", into members,
 * addressees and subject. */
static void header_fields(parser *P, const char *s, const char *e, size_t line)
{
    static const char *const pre[] = {"het lid ", "het kamerlid ", "de leden ",
                                      "de kamerleden ", "lid ", "leden "};
    fmt_doc *d = P->d;
    const char *p = ci_prefix(s, e, "vragen van ");
    p = p ? p : s;
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
        const char *q = ci_prefix(p, e, pre[i]);
        if (q) {
            p = q;
            break;
        }
    }
    const char *aan = find_top(p, e, " aan "), *over = find_top(p, e, " over ");
    size_t ol = 6;
    if (!over && (over = find_top(p, e, " inzake ")) != NULL)
        ol = 8;
    if (aan && over && over < aan)
        aan = NULL;
    add_members(P, p, aan ? aan : over ? over : e);
    if (!d->nmembers)
        warn(P, line, "no members found in header");
    if (aan) {
        const char *o2 = find_top(aan + 5, e, " over ");
        if (o2)
            over = o2, ol = 6;
        add_titles(P, aan + 5, over ? over : e, &d->addressees, &d->naddressees);
    }
    if (!d->naddressees)
        warn(P, line, "no addressee (\"aan de Minister ...\") in header");
    const char *ss = over ? over + ol : e;
    while (e > ss && (e[-1] == ' ' || (e[-1] == '.' && e - 1 > ss && e[-2] != '.')))
        e--;
    if (ss < e) {
        if (fmt_doc_set_str(&d->subject, ss, (size_t)(e - ss)))
            P->nomem = 1;
    } else {
        warn(P, line, "no subject (\"over ...\") in header");
    }
}

static int is_stopper(const char *t, size_t ls, size_t le);

/* The sentence starting at s (a header or answer line) runs to the ')' that
 * closes "(KW ...)" and a '.' after it, else to the end of its paragraph:
 * a blank line or a line that starts something else; at most HEAD_MAX
 * bytes. *kw is the keyword's offset, or NOPOS. Returns the end offset. */
static size_t sentence(parser *P, size_t s, const char *kwlit, size_t *kw)
{
    const char *t = P->t;
    size_t lim = P->n - s > HEAD_MAX ? s + HEAD_MAX : P->n, pend = s, pos = s;
    while (lim > s && lim < P->n && (UC(t + lim) & 0xC0) == 0x80)
        lim--;
    for (int first = 1; pos < lim; first = 0) {
        const char *nl = memchr(t + pos, '\n', lim - pos);
        size_t le = nl ? (size_t)(nl - t) : lim;
        if (!first && is_stopper(t, pos, le))
            break;
        pend = le;
        pos = le + 1;
    }
    while (pend > s && (is_sp(UC(t + pend - 1)) || t[pend - 1] == '\n'))
        pend--;
    /* "(ingezonden" before a bare "ingezonden": a subject may say it */
    char paren[16];
    int pl = snprintf(paren, sizeof paren, "(%s", kwlit);
    const char *k = ci_find_n(t + s, t + pend, paren, (size_t)pl);
    k = k ? k + 1 : ci_find_n(t + s, t + pend, kwlit, (size_t)pl - 1);
    *kw = k ? (size_t)(k - t) : NOPOS;
    if (!k)
        return pend;
    const char *rp = memchr(k, ')', (size_t)(t + pend - k));
    if (!rp)
        return pend;
    size_t end = (size_t)(rp - t) + 1;
    return end < pend && t[end] == '.' ? end + 1 : end;
}

/* Where the text before "(KW" ends: at its '(' if there is one. */
static size_t before_kw(const parser *P, size_t from, size_t kw)
{
    size_t p = kw;
    while (p > from && (is_sp(UC(P->t + p - 1)) || P->t[p - 1] == '\n' ||
                        P->t[p - 1] == '*' || P->t[p - 1] == '_'))
        p--;
    return p > from && P->t[p - 1] == '(' ? p - 1 : p;
}

/* The date after the keyword at kw, into *out; a warning if it is not one. */
static void sentence_date(parser *P, size_t kw, size_t klen, size_t end,
                          size_t from, size_t line, int32_t *out)
{
    const char *s = P->t + kw + klen, *e = P->t + end;
    int32_t v = parse_date(s, e);
    if (v) {
        *out = v;
        return;
    }
    char sn[48];
    const char *q = s;
    while (q < e && *q != ')')
        q++;
    snippet(skip_ws(s, q), q, sn);
    warn(P, line_at(P, from, line, kw), "date not understood: \"%s\"", sn);
}

/* "Vragen van ... (ingezonden ...)." at hs: header span, fields, date.
 * Returns the sentence's end. */
static size_t parse_header(parser *P, size_t hs, size_t line)
{
    char buf[HEAD_MAX + 1];
    size_t kw, end = sentence(P, hs, "ingezonden", &kw);
    size_t se = kw == NOPOS ? end : before_kw(P, hs, kw);
    size_t n = clean(P->t + hs, P->t + se, buf);
    if (kw == NOPOS && n && buf[n - 1] == '.')
        buf[--n] = '\0';
    P->d->header = span(hs, end);
    header_fields(P, buf, buf + n, line);
    if (kw == NOPOS)
        warn(P, line, "no submission date (\"ingezonden ...\") in header");
    else
        sentence_date(P, kw, 10, end, hs, line, &P->d->submitted);
    return end;
}

/* "Antwoord van ... (ontvangen ...)." or "Mededeling van ..." at as. */
static size_t parse_ansline(parser *P, size_t as, size_t line)
{
    char buf[HEAD_MAX + 1];
    size_t skip = P->kind == FMT_ANSWER ? 13 : 15;   /* "Antwoord van " */
    size_t kw, end = sentence(P, as, "ontvangen", &kw);
    size_t se = kw == NOPOS ? end : before_kw(P, as, kw);
    size_t from = as + skip < se ? as + skip : se;
    size_t n = clean(P->t + from, P->t + se, buf);
    while (n && (buf[n - 1] == '.' || buf[n - 1] == ' ' || buf[n - 1] == ','))
        buf[--n] = '\0';
    add_signers(P, buf, buf + n);
    if (kw == NOPOS)
        warn(P, line, "no received date (\"ontvangen ...\")");
    else
        sentence_date(P, kw, 9, end, as, line, &P->d->received);
    return end;
}

/* ---- lines ------------------------------------------------------------ */

enum { L_BLANK, L_TEXT, L_HEAD, L_NUM, L_NOTE, L_NOTEHDR, L_END, L_MEDE, L_FURN };

typedef struct {
    int type;
    int hk;                   /* L_HEAD (or L_FURN with one glued): 'Q', 'A' */
    int word;                 /* the heading says Vraag/Antwoord */
    uint16_t nums[MAX_NUMS];
    size_t nn;
    size_t body;              /* inline text after a heading or note mark */
    int num;                  /* L_NUM value; L_NOTE mark value */
    int strong;               /* L_NOTE: superscript or bracketed mark */
    int idline;               /* L_FURN: an "ah-tk-..." line */
    int soft;                 /* L_END that is prose inside an answer */
    size_t vs, ve;            /* the line without blanks and markup */
} lineinfo;

static void add_num(lineinfo *li, int v)
{
    if (li->nn < MAX_NUMS && v > 0 && v <= MAX_QNUM)
        li->nums[li->nn++] = (uint16_t)v;
}

/* If [p,e) starts with lit as a whole word, after it; else NULL. */
#define sep_word(p, e, lit) sep_word_n((p), (e), (lit), strlen(lit))
static const char *sep_word_n(const char *p, const char *e, const char *lit, size_t n)
{
    const char *q = ci_prefix_n(p, e, lit, n);
    return q && (q == e || !(is_lower(UC(q)) || is_upper(UC(q)))) ? q : NULL;
}

/* "4 en 5", "1, 2", "3 t/m 5", "3-5": the numbers into li. Returns the end
 * of the last number read. */
static const char *number_list(const char *p, const char *e, lineinfo *li)
{
    const char *ok = p, *q;
    int prev = 0, range = 0, v;
    for (;;) {
        int nd = digits(&p, e, 5, &v);
        if (!nd || nd > 4 || (p < e && is_digit(UC(p))))
            break;
        if (p < e && is_lower(UC(p)) && (p + 1 == e || !is_word(UC(p + 1))))
            p++;                                     /* "Vraag 3a" */
        if (range && v > prev && v - prev <= MAX_NUMS)
            for (int k = prev + 1; k <= v; k++)
                add_num(li, k);
        else
            add_num(li, v);
        ok = p;
        prev = v;
        range = 0;
        q = skip_sp(p, e);
        if (q < e && (*q == ',' || *q == '&' || *q == '+' || *q == '/'))
            q++;
        else if ((p = sep_word(q, e, "t/m")) || (p = sep_word(q, e, "tot en met")) ||
                 (p = sep_word(q, e, "tot")))
            q = p, range = 1;
        else if ((p = sep_word(q, e, "en")) != NULL)
            q = p;
        else if (q < e && *q == '-')
            q++, range = 1;
        else if (e - q >= 3 && UC(q) == 0xE2 && UC(q + 1) == 0x80 && UC(q + 2) == 0x93)
            q += 3, range = 1;
        else
            break;
        p = skip_sp(q, e);
        if (p >= e || !is_digit(UC(p)))
            break;
    }
    return ok;
}

/* A question or answer heading in [s,e) (markup already stripped):
 * "Vraag 1", "Vragen 3 en 4", "Antwoord 4 en 5", "Antwoord op vraag 2",
 * a bare "Vraag" or "Antwoord", or "Vraag 1: text". */
static int parse_heading(const char *s, const char *e, lineinfo *li, const char *base)
{
    const char *p, *q;
    if (s >= e || !is_upper(UC(s)))
        return 0;
    if ((p = ci_prefix(s, e, "antwoorden")) || (p = ci_prefix(s, e, "antwoord")))
        li->hk = 'A';
    else if ((p = ci_prefix(s, e, "vragen")) || (p = ci_prefix(s, e, "vraag")))
        li->hk = 'Q';
    else
        return 0;
    li->nn = 0;
    li->body = NOPOS;
    li->word = 1;
    int bare = p - s == 5 || p - s == 8;             /* "Vraag", "Antwoord" */
    if (p == e || (bare && *p == ':' && skip_sp(p + 1, e) == e))
        return bare;
    if (is_word(UC(p)) && !is_digit(UC(p)))
        return 0;
    q = skip_sp(p, e);
    if (li->hk == 'A' && ((p = ci_prefix(q, e, "op vragen")) || (p = ci_prefix(q, e, "op vraag"))))
        q = skip_sp(p, e);
    if ((p = ci_prefix(q, e, "nr.")) || (p = ci_word(q, e, "nr")))
        q = skip_sp(p, e);
    p = number_list(q, e, li);
    if (!li->nn)
        return 0;
    const char *mark = p;
    while (p < e && (is_sp(UC(p)) || *p == '*' || *p == '_'))
        p++;
    int colon = p < e && *p == ':';
    if (p < e && (*p == ':' || *p == '.' || *p == ')'))
        p++;
    while (p < e && (is_sp(UC(p)) || *p == '*' || *p == '_'))
        p++;
    if (p == e)
        return 1;
    /* The text on the heading's line, as PDF extraction leaves it: after a
     * colon, or a sentence that starts with a capital ("Vraag 1 Kent u"). */
    if (colon || (p > mark && (is_upper(UC(p)) || *p == '"' ||
                               (e - p >= 2 && UC(p) == 0xC2 && UC(p + 1) == 0xAB)))) {
        li->body = (size_t)(p - base);
        return 1;
    }
    return 0;
}

/* A line that starts with a number or a footnote mark: a bare number
 * (L_NUM), a footnote ("¹ Source", "[1] Source", "^{2} Source",
 * "1Brabants Dagblad", "3 Kamerstuk ..."), or prose. */
static void note_or_num(const char *s, const char *e, lineinfo *li, const char *base)
{
    const char *p = s, *r;
    int v = 0, nd = 0, len, dv;
    if (is_digit(UC(p))) {
        nd = digits(&p, e, 5, &v);
        if (p < e && is_digit(UC(p)))
            return;
        r = p < e && (*p == '.' || *p == ')') && nd <= 3 ? p + 1 : p;
        if (skip_sp(r, e) == e) {
            li->type = L_NUM;
            li->num = v;
            return;
        }
        r = skip_sp(p, e);
        unsigned char f = UC(r);
        if (nd > 3 || r >= e)
            return;
        if (r == p ? !(is_upper(f) || f == '(' || f >= 0x80 || f == '"' || f == '\'' || f == '[')
                   : ((is_lower(f) && !ci_prefix(r, e, "http") && !ci_prefix(r, e, "www.")) ||
                      memchr(".,;:%)-/", f, 8)))
            return;
        li->strong = 0;
    } else {
        if (*p == '[' || *p == '^') {
            char close = *p == '[' ? ']' : '}';
            int br = *p == '[' || (p + 1 < e && p[1] == '{');
            p += 1 + (*p == '^' && br);
            if (p < e && *p == '^')
                p++;
            nd = digits(&p, e, 4, &v);
            p = skip_sp(p, e);
            if (br && (p >= e || *p != close))
                return;
            p += br;
            if (p < e && *p == ':')
                p++;
        } else {
            while (p < e && nd < 4 && (dv = sup_digit(p, e, &len)) >= 0) {
                v = v * 10 + dv;
                nd++;
                p += len;
            }
        }
        r = skip_sp(p, e);
        if (!nd || r >= e)
            return;
        li->strong = 1;
    }
    li->type = L_NOTE;
    li->num = v;
    li->body = (size_t)(r - base);
}

/* Trailers, footnote headers and page furniture, by their words. */
static int line_word(const char *s, const char *e, lineinfo *li, const char *base)
{
#define W(w) w, sizeof w - 1
    static const struct { const char *w; size_t wl; int type, prefix; } words[] = {
        {W("Naar boven"), L_END, 0}, {W("Disclaimer"), L_END, 0},
        {W("Toelichting"), L_END, 2}, {W("Toelichting:"), L_END, 2},
        {W("Indieners"), L_END, 0}, {W("Indiener"), L_END, 0},
        {W("Medeindiener"), L_END, 0}, {W("Gericht aan"), L_END, 0},
        {W("Gerelateerde documenten"), L_END, 0},
        {W("Mededeling"), L_MEDE, 0}, {W("Mededeling:"), L_MEDE, 0},
        {W("X Noot"), L_NOTEHDR, 0}, {W("Noot"), L_NOTEHDR, 0},
        {W("Noten"), L_NOTEHDR, 0}, {W("Voetnoten"), L_NOTEHDR, 0},
        {W("Tweede Kamer, vergaderjaar"), L_FURN, 1}, {W("ISSN "), L_FURN, 1}};
#undef W
    size_t n = (size_t)(e - s);
    int type = L_TEXT;
    /* prefix 1: the line starts with the word; 2: it is the word, but an
     * answer may use it as a sub-heading */
    if (memchr("NDTIMGXV", *s, 8))                 /* first letters above */
        for (size_t i = 0; i < sizeof words / sizeof words[0] && type == L_TEXT; i++)
            if (words[i].w[0] == *s &&
                (words[i].prefix == 1 ? n >= words[i].wl : n == words[i].wl) &&
                !memcmp(s, words[i].w, words[i].wl)) {
                type = words[i].type;
                li->soft = words[i].prefix == 2;
            }
    if (type == L_FURN) {
        /* PDF page furniture with the next heading glued to it:
         * "... Aanhangsel 1Antwoord 3". */
        const char *h = NULL;
        for (const char *q = s + 4; q < e; q++)
            if ((*q == 'A' && ci_prefix(q, e, "Antwoord")) || (*q == 'V' && ci_prefix(q, e, "Vraag")))
                h = q;
        if (!(h && parse_heading(h, e, li, base) && li->nn))
            li->hk = 0, li->nn = 0, li->body = NOPOS;
        return type;
    }
    if (type != L_TEXT)
        return type;
    size_t dashes = 0;
    while (dashes < n && s[dashes] == '-')
        dashes++;
    if (n >= 3 && dashes == n)
        return L_FURN;                               /* "-----" page break */
    if (n < 40 && (ci_prefix(s, e, "ah-tk-") || ci_prefix(s, e, "kv-tk-") ||
                   ci_prefix(s, e, "h tk ") || ci_prefix(s, e, "ah tk "))) {
        li->idline = s[2] == '-';
        return L_FURN;
    }
    return L_TEXT;
}

/* Classify the line [ls, le). */
static void classify(const char *t, size_t ls, size_t le, lineinfo *li)
{
    size_t vs = ls, ve = le;
    while (vs < ve) {
        unsigned char c = UC(t + vs);
        if (is_sp(c) || c == '#' || c == '*' || c == '_' || c == '>')
            vs++;
        else if (ve - vs >= 3 && c == 0xEF && UC(t + vs + 1) == 0xBB && UC(t + vs + 2) == 0xBF)
            vs += 3;                                 /* byte order mark */
        else if (ve - vs >= 2 && c == 0xC2 && UC(t + vs + 1) == 0xA0)
            vs += 2;
        else
            break;
    }
    while (ve > vs && (is_sp(UC(t + ve - 1)) || t[ve - 1] == '*' || t[ve - 1] == '_'))
        ve--;
    li->vs = vs;
    li->ve = ve;
    li->type = L_TEXT;
    li->hk = 0;
    li->nn = 0;
    li->body = NOPOS;
    li->idline = li->soft = 0;
    if (vs == ve) {
        li->type = L_BLANK;
        return;
    }
    const char *s = t + vs, *e = t + ve;
    unsigned char c = UC(s);
    if ((c == 'V' || c == 'A') && parse_heading(s, e, li, t)) {
        li->type = L_HEAD;
        return;
    }
    if (is_digit(c) || c == '[' || c == '^' || c == 0xC2 || c == 0xE2) {
        note_or_num(s, e, li, t);
        if (li->type != L_TEXT)
            return;
    }
    li->type = line_word(s, e, li, t);
}

/* A line that ends the paragraph of a header or answer line. */
static int is_stopper(const char *t, size_t ls, size_t le)
{
    lineinfo li;
    classify(t, ls, le, &li);
    if (li.type == L_BLANK || li.type == L_HEAD)
        return 1;
    const char *s = t + li.vs, *e = t + li.ve;
    return ci_prefix(s, e, "antwoord van ") || ci_prefix(s, e, "mededeling van ") ||
           ci_prefix(s, e, "vragen van ");
}

/* ---- footnotes -------------------------------------------------------- */

static void see(parser *P, int v)
{
    if (v > 0 && v < MAX_MARK)
        P->seen[v >> 3] |= (unsigned char)(1u << (v & 7));
}

static int seen(const parser *P, int v)
{
    return v > 0 && v < MAX_MARK && (P->seen[v >> 3] >> (v & 7)) & 1;
}

/* "[4 5 ]", "^{3 4}": see every number up to close. */
static const char *mark_group(parser *P, const char *p, const char *e, char close)
{
    int vals[8], k = 0, v;
    const char *q = p;
    while (q < e && q - p < 40) {
        if (is_digit(UC(q))) {
            digits(&q, e, 4, &v);
            if (k < 8)
                vals[k++] = v;
        } else if (*q == ' ' || *q == ',' || *q == '^') {
            q++;
        } else {
            break;
        }
    }
    if (q < e && *q == close)
        for (int i = 0; i < k; i++)
            see(P, vals[i]);
    return q;
}

/* Note the footnote marks in the text: superscripts, [1], ^{3 4}, and
 * digits glued to a word or standing at the start of a line ("?1",
 * "brief2"). A line starting with number N is taken as footnote N only if
 * N was marked so before: that keeps "2 februari" and wrapped numbers
 * prose. The text is scanned lazily, up to a line that needs it. */
static void scan_marks(parser *P, const char *s, const char *e)
{
    const char *p = s;
    int v, len, dv;
    while (p < e) {
        unsigned char c = UC(p);
        if (is_digit(c)) {
            const char *q = p;
            int nd = digits(&q, e, 4, &v);
            while (q < e && is_digit(UC(q)))
                q++, nd++;
            if (nd <= 3 && (p == s || p[-1] == '\n' || !is_sp(UC(p - 1))))
                see(P, v);
            p = q;
        } else if (c == '[') {
            p = mark_group(P, p + 1, e, ']');
        } else if (c == '^' && p + 1 < e && p[1] == '{') {
            p = mark_group(P, p + 2, e, '}');
        } else if ((c == 0xC2 || c == 0xE2) && sup_digit(p, e, &len) >= 0) {
            int nd = 0;
            v = 0;
            while (p < e && (dv = sup_digit(p, e, &len)) >= 0) {
                if (nd++ < 3)
                    v = v * 10 + dv;
                p += len;
            }
            see(P, v);
        } else {
            p++;
        }
    }
}

/* Where a URL that starts at u ends: at white space, <>"|, guillemets and
 * curly quotes, or a ')' it did not open; trailing punctuation dropped. */
static const char *url_end(const char *u, const char *e)
{
    const char *q = u;
    int depth = 0;
    for (; q < e; q++) {
        unsigned char c = UC(q);
        if (is_sp(c) || c == '\n' || c == '<' || c == '>' || c == '"' || c == '|')
            break;
        if (c == 0xC2 && q + 1 < e && (UC(q + 1) == 0xAB || UC(q + 1) == 0xBB || UC(q + 1) == 0xA0))
            break;
        if (c == 0xE2 && e - q >= 3 && UC(q + 1) == 0x80 && UC(q + 2) >= 0x98 && UC(q + 2) <= 0x9D)
            break;
        if (c == '(')
            depth++;
        else if (c == ')' && depth-- == 0)
            break;
    }
    while (q > u && memchr(".,;:!?'", q[-1], 7))
        q--;
    return q;
}

/* Every URL in the footnote's text: http(s)://... and www.... */
static void add_urls(parser *P, fmt_note *f)
{
    const char *s = P->t + f->span.off, *e = s + f->span.len;
    for (const char *p = s; p < e && f->nurls < MAX_URLS && !P->nomem;) {
        int at = ((*p == 'h' || *p == 'H') &&
                  (ci_prefix(p, e, "https://") || ci_prefix(p, e, "http://"))) ||
                 ((*p == 'w' || *p == 'W') && ci_prefix(p, e, "www.") &&
                  (p == s || !(is_word(UC(p - 1)) || p[-1] == '/' || p[-1] == '.')));
        if (!at) {
            p++;
            continue;
        }
        const char *q = url_end(p, e);
        if (q - p > 8 && fmt_doc_add_note_url(f, p, (size_t)(q - p)))
            P->nomem = 1;
        p = q > p ? q : p + 1;
    }
}

static void close_note(parser *P)
{
    if (P->note < 0)
        return;
    add_urls(P, &P->d->footnotes[P->note]);
    P->note = -1;
}

static void limit(parser *P, const char *what)
{
    if (!(P->capped & (what[0] == 'q' ? 1 : what[0] == 'a' ? 2 : 4))) {
        P->capped |= what[0] == 'q' ? 1 : what[0] == 'a' ? 2 : 4;
        warn(P, P->line, "more than %d %s; the rest are left out", MAX_BLOCKS, what);
    }
}

static void open_note(parser *P, const char *mark, size_t s, size_t e)
{
    close_note(P);
    if (P->d->nfootnotes >= MAX_NOTES) {
        limit(P, "footnotes");
        return;
    }
    if (fmt_doc_add_note(P->d, mark, (size_t)-1, span(s, e))) {
        P->nomem = 1;
        return;
    }
    P->note = (long)P->d->nfootnotes - 1;
}

/* Is this footnote-like line a footnote? Superscript and bracketed marks
 * and marks in a footnote section are; a plain number must continue the
 * numbering and have been marked in the text before. */
static int accept_note(parser *P, const lineinfo *li, size_t ls)
{
    int v = li->num;
    if (li->strong)
        return 1;
    if (v <= P->last_note || v > P->last_note + 20)
        return 0;
    if (P->notes_sect)
        return 1;
    if (P->marks_to < ls) {
        scan_marks(P, P->t + P->marks_to, P->t + ls);
        P->marks_to = ls;
    }
    return seen(P, v);
}

/* ---- blocks ----------------------------------------------------------- */

static void add_block(parser *P, int kind, const uint16_t *nums, size_t nn,
                      size_t s, size_t e)
{
    fmt_doc *d = P->d;
    fmt_block **arr = kind == R_Q ? &d->questions : &d->answers;
    size_t *n = kind == R_Q ? &d->nquestions : &d->nanswers;
    if (*n >= MAX_BLOCKS) {
        limit(P, kind == R_Q ? "questions" : "answers");
        return;
    }
    if (fmt_doc_add_block(arr, n, nums, nn, span(s, e)))
        P->nomem = 1;
}

static void note_question(parser *P, const uint16_t *nums, size_t nn)
{
    for (size_t i = 0; i < nn; i++) {
        P->qseen[nums[i] >> 3] |= (unsigned char)(1u << (nums[i] & 7));
        if (nums[i] > P->max_q)
            P->max_q = nums[i];
    }
    memcpy(P->lastq, nums, nn * sizeof *nums);
    P->nlastq = nn;
}

/* Close the block being read. next_a is the number of the answer heading
 * that closes it, or 0. A PDF can lose a "Vraag N" heading at a page
 * break: then answer N-1 runs on, past footnotes and furniture, into the
 * text of question N, and "Antwoord N" follows with no question N. */
static int qseen(const parser *P, int v)
{
    return v > 0 && v <= MAX_QNUM && (P->qseen[v >> 3] >> (v & 7)) & 1;
}

static void close_region(parser *P, int next_a)
{
    region *r = &P->r;
    if (r->kind == R_Q || r->kind == R_A) {
        int has = 0;
        for (size_t i = 0; i < r->nn; i++)
            has |= r->nums[i] == next_a;
        if (r->start == NOPOS) {
            add_block(P, r->kind, r->nums, r->nn, r->empty_at, r->empty_at);
        } else if (r->kind == R_A && r->split && !has && !qseen(P, next_a) &&
                   qseen(P, next_a - 1)) {
            uint16_t m = (uint16_t)next_a;
            add_block(P, R_A, r->nums, r->nn, r->start, r->pre_end);
            add_block(P, R_Q, &m, 1, r->post_start, r->end);
            note_question(P, &m, 1);
        } else {
            add_block(P, r->kind, r->nums, r->nn, r->start, r->end);
        }
    } else if (r->kind == R_NOTICE && r->start != NOPOS) {
        P->d->notice = span(r->start, r->end);
    }
    r->kind = R_NONE;
}

static void open_region(parser *P, int kind, const uint16_t *nums, size_t nn, size_t at)
{
    region *r = &P->r;
    r->kind = kind;
    if (nn)
        memcpy(r->nums, nums, nn * sizeof *nums);
    r->nn = nn;
    r->start = NOPOS;
    r->end = r->empty_at = at;
    r->brk = r->split = r->bare = 0;
}

/* A footnote or page furniture interrupts the block's text. */
static void mark_break(parser *P)
{
    if (P->r.kind != R_NONE && P->r.start != NOPOS)
        P->r.brk = 1;
}

/* A signature before the questions ("Minister van Landbouw, ..."): who
 * answered, when no "Antwoord van" line says so. */
static void maybe_signature(parser *P, size_t s, size_t e)
{
    static const char *const lead[] = {"minister van ", "minister voor ",
        "staatssecretaris van ", "staatssecretaris voor ", "de minister van ",
        "de minister voor ", "de staatssecretaris van "};
    if (P->first_head != NOPOS || P->sig_s != NOPOS || e - s > 200)
        return;
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        if (ci_prefix(P->t + s, P->t + e, lead[i])) {
            P->sig_s = s;
            P->sig_e = e;
            return;
        }
}

/* Prose [s,e) extends the block being read. */
static void content(parser *P, size_t s, size_t e)
{
    region *r = &P->r;
    if (r->kind == R_NONE) {
        maybe_signature(P, s, e);
        return;
    }
    if (r->start == NOPOS) {
        r->start = s;
    } else if (r->brk) {
        r->split = 1;
        r->pre_end = r->end;
        r->post_start = s;
    }
    r->brk = 0;
    r->end = e;
}

static void heading(parser *P, const lineinfo *li)
{
    uint16_t nums[MAX_NUMS];
    size_t nn = li->nn;
    memcpy(nums, li->nums, nn * sizeof *nums);
    if (li->hk == 'Q') {
        if (!nn)
            nums[nn++] = (uint16_t)(P->max_q < MAX_QNUM ? P->max_q + 1 : MAX_QNUM);
        P->vraag_seen |= li->word;
    } else if (!nn && P->nlastq) {
        memcpy(nums, P->lastq, P->nlastq * sizeof *nums);  /* bare "Antwoord" */
        nn = P->nlastq;
    } else if (!nn) {
        nums[nn++] = (uint16_t)(P->max_a < MAX_QNUM ? P->max_a + 1 : MAX_QNUM);
    }
    if (P->first_head == NOPOS)
        P->first_head = li->vs;
    close_region(P, li->hk == 'A' ? nums[0] : 0);
    open_region(P, li->hk == 'Q' ? R_Q : R_A, nums, nn, li->ve);
    P->r.bare = li->hk == 'A' && !li->nn;
    if (li->hk == 'Q')
        note_question(P, nums, nn);
    else
        for (size_t i = 0; i < nn; i++)
            P->max_a = nums[i] > P->max_a ? nums[i] : P->max_a;
    if (li->body != NOPOS)
        content(P, li->body, li->ve);
}

/* A prose line: the text of a pending "X Noot", the continuation of an
 * open footnote, or content of the block being read. */
static void prose(parser *P, const lineinfo *li)
{
    if (P->note_hdr) {
        char mk[12];
        if (P->note_mark[0])
            memcpy(mk, P->note_mark, sizeof mk);
        else
            snprintf(mk, sizeof mk, "%d", P->last_note + 1);
        P->note_hdr = 0;
        P->last_note = atoi(mk);
        open_note(P, mk, li->vs, li->ve);
        mark_break(P);
        return;
    }
    if (P->note >= 0) {
        fmt_note *f = &P->d->footnotes[P->note];
        f->span = span(f->span.off, li->ve);
        return;
    }
    content(P, li->vs, li->ve);
}

/* A bare number is a heading in documents that number their questions so:
 * tweedemonitor has "1", text, "Antwoord", text, "2", ...; older answers
 * have "1", "2", ... for the questions, then "Antwoord" and "1", "2", ...
 * again for the answers. Returns 'Q' or 'A' for a heading, 'R' when it
 * renumbered the open answer, or 0 (prose: "37", or a footnote mark). */
static int bare_heading(parser *P, int v)
{
    region *r = &P->r;
    if (P->vraag_seen || P->note_hdr || v > MAX_QNUM)
        return 0;
    if (!P->ans_mode && v == 1 && r->kind == R_A && r->bare && r->start == NOPOS) {
        P->ans_mode = 1;                /* the answers start again at 1 */
        r->nums[0] = 1;
        r->nn = 1;
        P->last_bare_a = 1;
        return 'R';
    }
    if (P->ans_mode && v == P->last_bare_a + 1) {
        P->last_bare_a = v;
        return 'A';
    }
    if (v == P->last_bare + 1) {
        P->last_bare = v;
        return 'Q';
    }
    return 0;
}

static void step(parser *P, lineinfo *li, size_t ls)
{
    char mk[12];
    switch (li->type) {
    case L_BLANK:
        close_note(P);
        return;
    case L_NOTEHDR:
        close_note(P);
        P->note_hdr = P->notes_sect = 1;
        P->note_mark[0] = '\0';
        mark_break(P);
        return;
    case L_NUM:
        if (P->note_hdr) {
            snprintf(P->note_mark, sizeof P->note_mark, "%d", li->num);
            return;
        }
        close_note(P);
        see(P, li->num);
        li->hk = bare_heading(P, li->num);
        if (li->hk == 'Q' || li->hk == 'A') {
            li->word = 0;
            li->nn = 0;
            add_num(li, li->num);
            heading(P, li);
        } else if (!li->hk) {
            content(P, li->vs, li->ve);   /* "37", or a footnote mark */
        }
        return;
    case L_NOTE:
        if (!accept_note(P, li, ls))
            break;
        snprintf(mk, sizeof mk, "%d", li->num);
        P->last_note = li->num;
        P->note_hdr = 0;
        open_note(P, mk, li->body, li->ve);
        mark_break(P);
        return;
    case L_END:
        if (li->soft && P->r.kind == R_A)
            break;                      /* "Toelichting" inside an answer */
        /* fall through */
    case L_HEAD:
    case L_MEDE:
        close_note(P);
        P->note_hdr = P->notes_sect = 0;
        if (li->type == L_HEAD) {
            heading(P, li);
            return;
        }
        close_region(P, 0);
        if (li->type == L_MEDE && P->kind == FMT_NOTICE)
            open_region(P, R_NOTICE, NULL, 0, li->ve);
        return;
    case L_FURN:
        close_note(P);
        mark_break(P);
        if (li->idline && P->id_s == NOPOS) {
            P->id_s = li->vs;
            P->id_e = li->ve;
        }
        if (li->nn)
            heading(P, li);
        return;
    }
    prose(P, li);
}

/* An "Antwoord van" line after the questions acts as a bare "Antwoord". */
static void late_ansline(parser *P, lineinfo *li)
{
    close_note(P);
    P->note_hdr = P->notes_sect = 0;
    li->hk = 'A';
    li->nn = 0;
    li->word = 1;
    li->body = NOPOS;
    li->vs = P->ans_at;
    li->ve = P->ans_end;
    heading(P, li);
}

/* Every line from offset from (line number line) to the end. */
static void body_pass(parser *P, size_t from, size_t line)
{
    lineinfo li;
    size_t pos = from;
    P->line = line;
    while (pos < P->n && !P->nomem) {
        const char *nl = memchr(P->t + pos, '\n', P->n - pos);
        size_t le = nl ? (size_t)(nl - P->t) : P->n;
        if (P->ans_at != NOPOS && P->ans_at >= pos && P->ans_at <= le) {
            late_ansline(P, &li);
            nl = memchr(P->t + P->ans_end, '\n', P->n - P->ans_end);
            P->line = line_at(P, pos, P->line, P->ans_end) + 1;
            pos = nl ? (size_t)(nl - P->t) + 1 : P->n;
            continue;
        }
        classify(P->t, pos, le, &li);
        step(P, &li, pos);
        pos = nl ? le + 1 : P->n;
        P->line++;
    }
    close_note(P);
    close_region(P, 0);
}

/* ---- finding the opening sentences ----------------------------------- */

typedef struct {
    size_t hs, hline;         /* "Vragen van": offset, line; NOPOS none */
    size_t as, aline;         /* "Antwoord van" / "Mededeling van" */
    int akind;
    int late;                 /* the answer line follows numbered questions */
} openings;

/* Scan the lines before the first heading (within PRE_MAX) for the header,
 * a line starting with "Vragen van" (else "vragen van" inside a line that
 * also says "ingezonden", as in a covering letter), and for the answer or
 * notice line. */
static void find_openings(const parser *P, openings *o)
{
    size_t pos = 0, ln = 1, hs2 = NOPOS, hl2 = 0;
    int nums = 0;
    lineinfo li;
    o->hs = o->as = NOPOS;
    o->akind = o->late = 0;
    while (pos < P->n && pos < PRE_MAX) {
        const char *nl = memchr(P->t + pos, '\n', P->n - pos);
        size_t le = nl ? (size_t)(nl - P->t) : P->n;
        classify(P->t, pos, le, &li);
        if (li.type == L_HEAD)
            break;
        const char *s = P->t + li.vs, *e = P->t + li.ve, *q;
        if (e - s > PRE_MAX)
            e = s + PRE_MAX;
        if (li.type == L_NUM && o->hs != NOPOS && o->as == NOPOS) {
            nums++;             /* "1", "2": questions numbered bare */
        } else if (s == e) {
            /* a blank line */
        } else if (o->hs == NOPOS && *s == 'V' && ci_prefix(s, e, "vragen van ")) {
            o->hs = li.vs;
            o->hline = ln;
        } else if (o->as == NOPOS && (ci_prefix(s, e, "antwoord van ") ||
                                      ci_prefix(s, e, "mededeling van "))) {
            o->as = li.vs;
            o->aline = ln;
            o->akind = lower(UC(s)) == 'a' ? FMT_ANSWER : FMT_NOTICE;
            o->late = nums > 0;
        } else if (!o->akind && (ci_prefix(s, e, "mededeling :") || ci_prefix(s, e, "mededeling:") ||
                                 ci_prefix(s, e, "uitstelbericht"))) {
            o->akind = FMT_NOTICE;  /* a page title: a notice, no signer here */
        } else if (hs2 == NOPOS && ci_find(s, e, "ingezonden") &&
                   (q = ci_find(s, e, "vragen van ")) != NULL) {
            hs2 = (size_t)(q - P->t);
            hl2 = ln;
        }
        if (!nl)
            break;
        pos = le + 1;
        ln++;
    }
    if (o->hs == NOPOS) {
        o->hs = hs2;
        o->hline = hl2;
    }
}

/* ---- zaak and document numbers --------------------------------------- */

/* A number like "2022Z01227" (L 'Z', 5 to 10 digits) or "2020D19385" (L
 * 'D', 5 or 6 digits) in [s,e), not inside a longer number or word after
 * it. Returns its start and sets *len; NULL if none. */
static const char *find_num(const char *s, const char *e, char L, size_t *len)
{
    const char *p = s + 4;
    while (p < e && (p = memchr(p, L, (size_t)(e - p))) != NULL) {
        const char *y = p - 4, *q = p + 1;
        int year = 0, ok = 1;
        for (int i = 0; i < 4; i++) {
            ok &= is_digit(UC(y + i));
            year = year * 10 + (y[i] - '0');
        }
        while (q < e && is_digit(UC(q)) && q - p <= 11)
            q++;
        size_t nd = (size_t)(q - p - 1);
        if (ok && year >= 1990 && year <= 2099 && nd >= 5 &&
            nd <= (L == 'Z' ? 10u : 6u) && (q == e || !is_word(UC(q)))) {
            *len = (size_t)(q - y);
            return y;
        }
        p++;
    }
    return NULL;
}

/* A publication id, "ah-tk-20142015-1365" or "kv-tk-2014Z07524". */
static const char *find_pubid(const char *s, const char *e, size_t *len)
{
    for (const char *p = s; p + 6 < e && (p = memchr(p, '-', (size_t)(e - p))) != NULL; p++) {
        if (p - s < 2 || e - p < 6 || memcmp(p, "-tk-", 4) ||
            (memcmp(p - 2, "ah", 2) && memcmp(p - 2, "kv", 2)))
            continue;
        const char *q = p + 4, *d;
        int v;
        if (p[-2] == 'a') {
            if (digits(&q, e, 8, &v) != 8 || q >= e || *q != '-')
                continue;
            d = ++q;
            if (digits(&q, e, 6, &v) < 1)
                continue;
        } else {
            size_t zl;
            d = find_num(q, e - q > 20 ? q + 20 : e, 'Z', &zl);
            if (d != q)
                continue;
            q = d + zl;
        }
        if (q < e && is_word(UC(q)))
            continue;
        *len = (size_t)(q - (p - 2));
        return p - 2;
    }
    return NULL;
}

/* The zaak and document numbers: from the text before the questions (the
 * body cites other documents), then a furniture id line, then the name.
 * Many answers and notices name no zaak at all; that is not a warning. */
static void find_ids(parser *P, const char *name)
{
    fmt_doc *d = P->d;
    const char *t = P->t, *pe = t + (P->first_head != NOPOS ? P->first_head : P->n);
    const char *ne = name ? name + strlen(name) : NULL, *z;
    size_t len = 0;
    if ((z = find_num(t, pe, 'Z', &len)) || (name && (z = find_num(name, ne, 'Z', &len))))
        memcpy(d->zaak, z, len);
    if (!(z = find_num(t, pe, 'D', &len)) && !(z = find_pubid(t, pe, &len))) {
        if (P->id_s != NOPOS)
            z = find_pubid(t + P->id_s, t + P->id_e, &len);
        if (!z && name && !(z = find_num(name, ne, 'D', &len)))
            z = find_pubid(name, ne, &len);
    }
    if (z && fmt_doc_set_str(&d->docnum, z, len))
        P->nomem = 1;
}

/* ---- the whole document ---------------------------------------------- */

/* Drop what an earlier parse of d left, keeping id, source and text. */
static void reset_fields(fmt_doc *d)
{
    char *id = d->id, *source = d->source, *text = d->text;
    size_t len = d->len;
    d->id = d->source = d->text = NULL;
    fmt_doc_free(d);
    d->id = id;
    d->source = source;
    d->text = text;
    d->len = len;
}

/* Warnings for what a document of its kind should have and did not. */
static void check_fields(parser *P, const openings *o, size_t bline)
{
    fmt_doc *d = P->d;
    size_t aline = o->as != NOPOS ? o->aline : bline;
    if (d->kind != FMT_QUESTION && !d->nanswered_by && P->sig_s != NOPOS) {
        char buf[HEAD_MAX + 1];
        size_t n = clean(P->t + P->sig_s, P->t + P->sig_e, buf);
        add_titles(P, buf, buf + n, &d->answered_by, &d->nanswered_by);
    }
    if (d->kind != FMT_QUESTION && !d->nanswered_by)
        warn(P, aline, "no signer (\"Antwoord van Minister ...\") found");
    if (d->kind != FMT_QUESTION && !d->received && o->as == NOPOS)
        warn(P, aline, "no received date (\"ontvangen ...\") found");
    if (d->kind != FMT_NOTICE && !d->nquestions)
        warn(P, bline, "no numbered questions (\"Vraag 1\") found");
    if (d->kind == FMT_ANSWER && !d->nanswers)
        warn(P, bline, "no numbered answers (\"Antwoord 1\") found");
    if (d->kind == FMT_NOTICE && !d->notice.len)
        warn(P, bline, "no notice text (\"Mededeling\") found");
}

int parse_doc(fmt_doc *d, const char *name)
{
    parser *P = calloc(1, sizeof *P);
    if (!P)
        return -1;
    reset_fields(d);
    P->d = d;
    P->t = d->text ? d->text : "";
    P->n = d->text ? (d->len < UINT32_MAX ? d->len : UINT32_MAX) : 0;
    P->note = -1;
    P->first_head = P->sig_s = P->id_s = P->ans_at = NOPOS;
    openings o;
    find_openings(P, &o);
    P->kind = o.akind;
    size_t body = 0;
    if (o.hs != NOPOS)
        body = parse_header(P, o.hs, o.hline);
    else
        warn(P, 1, "no header (\"Vragen van ...\") found");
    if (o.as != NOPOS) {
        size_t aend = parse_ansline(P, o.as, o.aline);
        if (o.late && o.as > body) {
            P->ans_at = o.as;        /* read the questions first */
            P->ans_end = aend;
        } else if (aend > body || (P->kind == FMT_NOTICE && o.as < o.hs)) {
            body = aend;
        }
    }
    /* The body starts on the line after the opening sentences. */
    const char *nl = body ? memchr(P->t + body - 1, '\n', P->n - body + 1) : NULL;
    size_t from = body ? (nl ? (size_t)(nl - P->t) + 1 : P->n) : 0;
    size_t bline = line_at(P, 0, 1, from);
    if (P->kind == FMT_NOTICE)
        open_region(P, R_NOTICE, NULL, 0, from);
    body_pass(P, from, bline);
    d->kind = P->kind ? P->kind : d->nanswers ? FMT_ANSWER : FMT_QUESTION;
    check_fields(P, &o, bline);
    find_ids(P, name);
    int r = P->nomem ? -1 : 0;
    free(P);
    return r;
}

/* ---- checking raw bytes ---------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || n < len)
        return 0;
    unsigned char lo = 0x80, hi = 0xBF;            /* range of the 2nd byte */
    if (c == 0xE0) lo = 0xA0;                       /* overlong */
    if (c == 0xED) hi = 0x9F;                       /* surrogates */
    if (c == 0xF0) lo = 0x90;                       /* overlong */
    if (c == 0xF4) hi = 0x8F;                       /* above U+10FFFF */
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Line number of byte offset off: counted only when there is an error to
 * report, so the check itself needs no per-byte bookkeeping. */
static size_t check_line_at(const unsigned char *p, size_t off)
{
    size_t line = 1;
    for (const unsigned char *q = p; (q = memchr(q, '\n', (size_t)(p + off - q)));
         q++)
        line++;
    return line;
}

int parse_check_text(const char *text, size_t len, char *msg, size_t msglen)
{
    const unsigned char *p = (const unsigned char *)text;
    int blank = 1;
    char buf[96];
    buf[0] = '\0';
    for (size_t i = 0; i < len && !buf[0];) {
        /* eight ASCII bytes without a NUL at a time: most of any text */
        if (i + 8 <= len && !blank) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & 0x8080808080808080ull) &&
                !((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = p[i];
        if (c == 0) {
            snprintf(buf, sizeof buf, "binary data (NUL byte) at line %zu",
                     check_line_at(p, i));
        } else if (c < 0x80) {
            blank &= is_sp(c) || c == '\n';
            i++;
        } else {
            size_t l = utf8_len(p + i, len - i);
            if (!l)
                snprintf(buf, sizeof buf, "line %zu: invalid UTF-8", check_line_at(p, i));
            blank = 0;
            i += l;
        }
    }
    if (!buf[0] && (!len || blank))
        snprintf(buf, sizeof buf, "%s", len ? "empty file (only white space)" : "empty file");
    if (msg && msglen)
        snprintf(msg, msglen, "%s", buf);
    return buf[0] != '\0';
}
