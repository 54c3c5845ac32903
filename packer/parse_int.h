/* parse_int.h - what the parser's files share: limits, the character and
 * string helpers, the parser's state, the line classes and the functions
 * one file of the parser calls in another. Not for use outside packer/parse*.c.
 *
 * Who owns what: parse_text.c the text helpers, warnings and dates;
 * parse_header.c the opening sentences (members, addressees, signers) and
 * the aggregator's field lines; parse_lines.c what each line is;
 * parse_body.c the state machine of blocks, footnotes and the notice;
 * parse.c the whole document, its ids and the check of raw bytes.
 */
#ifndef VB_PARSE_INT_H
#define VB_PARSE_INT_H

#include <stdint.h>
#include <string.h>

#include "parse.h"

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

static inline int is_sp(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}
static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline int is_word(unsigned char c)
{
    return is_digit(c) || is_lower(c) || is_upper(c) || c >= 0x80;
}
static inline unsigned char lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c + 32) : c;
}
#define UC(p) ((unsigned char)*(p))

/* n bytes of a equal lit, ignoring ASCII case. */
static inline int ci_eq(const char *a, const char *lit, size_t n)
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
static inline const char *ci_prefix_n(const char *s, const char *e, const char *lit, size_t n)
{
    return (size_t)(e - s) >= n && ci_eq(s, lit, n) ? s + n : NULL;
}
#define ci_prefix(s, e, lit) ci_prefix_n((s), (e), (lit), strlen(lit))

/* As ci_prefix, but lit must end a word there. */
static inline const char *ci_word_n(const char *s, const char *e, const char *lit, size_t n)
{
    const char *p = ci_prefix_n(s, e, lit, n);
    return p && (p == e || !is_word(UC(p))) ? p : NULL;
}
#define ci_word(s, e, lit) ci_word_n((s), (e), (lit), strlen(lit))

/* The first lit in [s,e), ignoring case, or NULL. */
#define ci_find(s, e, lit) ci_find_n((s), (e), (lit), strlen(lit))
static inline const char *ci_find_n(const char *s, const char *e, const char *lit, size_t n)
{
    unsigned char c0 = lower((unsigned char)lit[0]);
    for (const char *p = s; (size_t)(e - p) >= n; p++)
        if (lower(UC(p)) == c0 && ci_eq(p, lit, n))
            return p;
    return NULL;
}

static inline const char *skip_sp(const char *p, const char *e)
{
    while (p < e && is_sp(UC(p)))
        p++;
    return p;
}

/* Skip blanks, line breaks and Markdown emphasis. */
static inline const char *skip_ws(const char *p, const char *e)
{
    while (p < e && (is_sp(UC(p)) || *p == '\n' || *p == '*' || *p == '_'))
        p++;
    return p;
}

static inline fmt_span span(size_t s, size_t e)
{
    fmt_span sp = {(uint32_t)s, (uint32_t)(e > s ? e - s : 0)};
    return sp;
}

/* Up to max digits at p into *v; returns how many. */
static inline int digits(const char **pp, const char *e, int max, int *v)
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

/* The value of the superscript digit at p (¹ ² ³ and U+2070..2079), with
 * its length in *len; -1 if there is none. */
static inline int sup_digit(const char *p, const char *e, int *len)
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
    int letter;                   /* openings.letter: the header is quoted in
                                     a letter, which names no addressee */
    int hdr_date;                 /* the header said "ingezonden" (or a line
                                     did): a bad date was warned about there */
    unsigned char seen[MAX_MARK / 8 + 1];    /* footnote marks in the text */
    unsigned char qseen[MAX_QNUM / 8 + 1];   /* question numbers read */
} parser;

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
    int item;                 /* "1. text" (L_NUM) or "1) text" (L_NOTE):
                                 a numbered item with its text inline */
    int bullet;               /* the line started with a bullet "•" */
    size_t vs, ve;            /* the line without blanks and markup */
} lineinfo;

/* The field lines of an aggregator's case page ("Ingediend 4 maart 2019",
 * "Beantwoord door NAME (ROLE) (PARTY)", "Bron vraag URL", ...). */
enum { M_INGEDIEND, M_BEANTWOORD, M_DOOR, M_BRON_VRAAG, M_BRON_ANTWOORD,
       M_INDIENER, M_COUNT, MAX_INDIENERS = 8 };

typedef struct {
    size_t hs, hline;         /* "Vragen van": offset, line; NOPOS none */
    size_t as, aline;         /* "Antwoord van" / "Mededeling van" */
    int akind;
    int late;                 /* the answer line follows numbered questions */
    size_t ing, ingline;      /* "(ingezonden D)" on a line of its own */
    size_t summary;           /* "... kunnen niet binnen de gebruikelijke
                                 termijn worden beantwoord": a notice told in
                                 a sentence (press services) */
    int32_t dateline;         /* a line that is only a date ("Den Haag,
                                 8 maart 2023"): the page's own date */
    int lead;                 /* prose before the header: a party's page */
    int agg;                  /* an aggregator's field lines were found */
    int letter;               /* the header is inside a sentence, as in a
                                 covering letter or a press notice */
    size_t title;             /* the first line of prose: a page's title */
    size_t meta[M_COUNT - 1], metaline[M_COUNT - 1];  /* NOPOS: none */
    size_t ind[MAX_INDIENERS], indline[MAX_INDIENERS], nind;
} openings;

/* ---- shared between the parser's files ------------------------------ */

/* They call each other in one direction only (make check-layers):
 * parse_text.c <- parse_lines.c <- parse_header.c, parse_body.c <- parse.c */

/* parse_text.c */
size_t ps_clean(const char *s, const char *e, char *out);
void ps_snippet(const char *s, const char *e, char *out);
#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
void ps_warn(parser *P, size_t line, const char *fmt, ...);
size_t ps_line_at(const parser *P, size_t from, size_t line, size_t pos);
int32_t ps_parse_date(const char *s, const char *e);
const char *ps_find_num(const char *s, const char *e, char L, size_t *len);

/* parse_header.c */
void ps_add_titles(parser *P, const char *s, const char *e, char ***arr, size_t *n);
void ps_add_signers(parser *P, const char *s, const char *e);
size_t ps_parse_header(parser *P, size_t hs, size_t line);
size_t ps_parse_ansline(parser *P, size_t as, size_t line);
void ps_find_openings(const parser *P, openings *o);
void ps_parse_meta(parser *P, const openings *o);

/* parse_lines.c */
void ps_add_num(lineinfo *li, int v);
void ps_classify(const char *t, size_t ls, size_t le, lineinfo *li);
int ps_is_stopper(const char *t, size_t ls, size_t le);
int ps_meta_line(const char *s, const char *e);

/* parse_body.c */
void ps_open_region(parser *P, int kind, const uint16_t *nums, size_t nn, size_t at);
void ps_body_pass(parser *P, size_t from, size_t line);
void ps_split_combined(parser *P);

#endif
