/* term.c - printing text that came from sources or archives to a
 * terminal. Document text may hold anything a PDF converter or an
 * attacker put there; an escape sequence printed raw by `ls` or `search`
 * is executed by the terminal (retitle, hide text, on some terminals
 * worse). JSON output escapes these itself (json.c); this is the same for
 * the plain output. */
#include <string.h>
#include "term.h"

size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq(p + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Whether the sequence of k bytes at p is a control character: C0 and
 * DEL (one byte), C1 (U+0080..U+009F: 0xC2 0x80..0x9F). */
static int is_ctrl(const unsigned char *p, size_t k)
{
    return (k == 1 && (p[0] < 0x20 || p[0] == 0x7f)) ||
           (k == 2 && p[0] == 0xc2 && p[1] < 0xa0);
}

void term_text(FILE *f, const char *s, size_t n, int keep_lines)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        size_t k = utf8_seq(p + i, n - i);
        if (k && (!is_ctrl(p + i, k) ||
                  (keep_lines && (p[i] == '\n' || p[i] == '\t' || p[i] == '\r')))) {
            i += k;
            continue;
        }
        fwrite(s + run, 1, i - run, f);
        fputs("\xef\xbf\xbd", f);          /* U+FFFD */
        i += k ? k : 1;
        run = i;
    }
    fwrite(s + run, 1, n - run, f);
}

void term_str(FILE *f, const char *s)
{
    term_text(f, s, strlen(s), 0);
}

void term_escaped(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq(p + i, n - i);
        if (k && !is_ctrl(p + i, k)) {
            fwrite(p + i, 1, k, f);
            i += k;
        } else {
            fprintf(f, "\\x%02x", p[i]);
            i++;
        }
    }
}
