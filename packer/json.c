/* json.c - JSON output for vbpack: escaping and the document object. */
#include <stdlib.h>
#include <string.h>
#include "json.h"

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                                              : (c >> 3) == 30 ? 4 : 0;
    if (!len || len > n || (len == 2 && c < 0xC2))
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (len == 3) {
        unsigned cp = (c & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
    }
    if (len == 4) {
        unsigned cp = (c & 0x07) << 18 | (s[1] & 0x3F) << 12;
        if (cp < 0x10000 || cp > 0x10FFFF)
            return 0;
    }
    return len;
}

void json_str(FILE *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    putc('"', f);
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c == '"' || c == '\\') {
            putc('\\', f);
            putc((int)c, f);
            i++;
        } else if (c == '\n') {
            fputs("\\n", f);
            i++;
        } else if (c == '\t') {
            fputs("\\t", f);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(f, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            putc((int)c, f);
            i++;
        } else {
            size_t l = utf8_len(p + i, n - i);
            if (l) {
                fwrite(p + i, 1, l, f);
                i += l;
            } else {
                fputs("\xEF\xBF\xBD", f);
                i++;
            }
        }
    }
    putc('"', f);
}

void json_cstr(FILE *f, const char *s)
{
    if (s)
        json_str(f, s, strlen(s));
    else
        fputs("null", f);
}

void json_date(FILE *f, int32_t ymd)
{
    if (ymd > 0)
        fprintf(f, "\"%04d-%02d-%02d\"", ymd / 10000, ymd / 100 % 100,
                ymd % 100);
    else
        fputs("null", f);
}

static void strs(FILE *f, const char *key, char *const *v, size_t n)
{
    fprintf(f, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            putc(',', f);
        json_cstr(f, v[i]);
    }
    putc(']', f);
}

static void span_text(FILE *f, const fmt_doc *d, fmt_span s)
{
    char *t = fmt_span_text(d, s);
    json_cstr(f, t ? t : "");
    free(t);
}

static void blocks(FILE *f, const char *key, const fmt_doc *d,
                   const fmt_block *b, size_t n)
{
    fprintf(f, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",{\"numbers\":[" : "{\"numbers\":[", f);
        for (size_t k = 0; k < b[i].nnumbers; k++)
            fprintf(f, k ? ",%u" : "%u", (unsigned)b[i].numbers[k]);
        fputs("],\"text\":", f);
        span_text(f, d, b[i].span);
        putc('}', f);
    }
    putc(']', f);
}

void json_doc(FILE *f, const fmt_doc *d, int full, char *const *thread, size_t nthread)
{
    fputs("{\"id\":", f);
    json_cstr(f, d->id);
    fputs(",\"kind\":", f);
    json_cstr(f, d->kind ? fmt_kind_name(d->kind) : NULL);
    fputs(",\"zaak\":", f);
    json_cstr(f, d->zaak[0] ? d->zaak : NULL);
    fputs(",\"source\":", f);
    json_cstr(f, d->source);
    fputs(",\"submitted\":", f);
    json_date(f, d->submitted);
    fputs(",\"received\":", f);
    json_date(f, d->received);
    fputs(",\"members\":[", f);
    for (size_t i = 0; i < d->nmembers; i++) {
        fputs(i ? ",{\"name\":" : "{\"name\":", f);
        json_cstr(f, d->members[i].name);
        fputs(",\"party\":", f);
        json_cstr(f, d->members[i].party);
        putc('}', f);
    }
    putc(']', f);
    strs(f, "addressees", d->addressees, d->naddressees);
    strs(f, "answered_by", d->answered_by, d->nanswered_by);
    strs(f, "on_behalf_of", d->on_behalf_of, d->non_behalf_of);
    strs(f, "cosigned_by", d->cosigned_by, d->ncosigned_by);
    fputs(",\"zaak_linked\":", f);
    fputs(d->zaak_linked ? "true" : "false", f);
    fputs(",\"subject\":", f);
    json_cstr(f, d->subject);
    if (full) {
        blocks(f, "questions", d, d->questions, d->nquestions);
        blocks(f, "answers", d, d->answers, d->nanswers);
        fputs(",\"footnotes\":[", f);
        for (size_t i = 0; i < d->nfootnotes; i++) {
            const fmt_note *n = &d->footnotes[i];
            fputs(i ? ",{\"mark\":" : "{\"mark\":", f);
            json_cstr(f, n->mark);
            fputs(",\"text\":", f);
            span_text(f, d, n->span);
            strs(f, "urls", n->urls, n->nurls);
            putc('}', f);
        }
        putc(']', f);
        strs(f, "source_urls", d->source_urls, d->nsource_urls);
    }
    if (thread)
        strs(f, "thread", thread, nthread);
    strs(f, "warnings", d->warnings, d->nwarnings);
    putc('}', f);
}
