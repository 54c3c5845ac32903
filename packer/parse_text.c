/* parse_text.c - the parser's text helpers: plain text from marked-up
 * prose, snippets and warnings for messages, line numbers, dates, and
 * case and document numbers in a text.
 */
#include "parse_int.h"

#include <stdarg.h>
#include <stdio.h>

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
size_t ps_clean(const char *s, const char *e, char *out)
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
void ps_snippet(const char *s, const char *e, char *out)
{
    size_t n = (size_t)(e - s) < 40 ? (size_t)(e - s) : 40;
    while (n > 0 && n < (size_t)(e - s) && (UC(s + n) & 0xC0) == 0x80)
        n--;
    for (size_t i = 0; i < n; i++)
        out[i] = UC(s + i) < 0x20 || s[i] == '"' || s[i] == '\\' ? ' ' : s[i];
    out[n] = '\0';
}

void ps_warn(parser *P, size_t line, const char *fmt, ...)
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
size_t ps_line_at(const parser *P, size_t from, size_t line, size_t pos)
{
    const char *p = P->t + from, *e = P->t + pos;
    while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        line++;
        p++;
    }
    return line;
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

/* A date at the start of [s,e): "26 januari 2022", "3 sept. 2019",
 * "26-01-2022" or "2022-01-26". Returns yyyymmdd, or 0. */
int32_t ps_parse_date(const char *s, const char *e)
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

/* ---- case and document numbers -------------------------------------- */

/* A number like "2022Z01227" (L 'Z', 5 to 10 digits) or "2020D19385" (L
 * 'D', 5 or 6 digits) in [s,e), not inside a longer number or word after
 * it. Returns its start and sets *len; NULL if none. */
const char *ps_find_num(const char *s, const char *e, char L, size_t *len)
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
