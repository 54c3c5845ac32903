/* doc.c - the document model's helpers: copying setters and appenders,
 * warnings, kind names, and the display text of a span.
 *
 * Every allocation goes through doc_alloc() so that running out of memory
 * is one path: the function returns -1 and the document is as it was.
 * Arrays grow by one element per append; the parser caps how many elements
 * a document can have, so the cost stays small and nothing assumes a
 * capacity the caller might not have allocated.
 */
#include "doc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The single allocation point: realloc(p, n), refusing sizes that overflowed
 * their computation. Returns NULL on failure, p untouched. */
static void *doc_alloc(void *p, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / 2)
        return NULL;
    return realloc(p, n);
}

/* Room for one more element of size sz in *arr (holding n). */
static int grow(void **arr, size_t n, size_t sz)
{
    if (n >= SIZE_MAX / sz - 1)
        return -1;
    void *p = doc_alloc(*arr, (n + 1) * sz);
    if (!p)
        return -1;
    *arr = p;
    return 0;
}

/* A NUL-terminated copy of len bytes of s ((size_t)-1: up to the NUL). */
static char *dup_n(const char *s, size_t len)
{
    if (!s) {
        s = "";
        len = 0;
    }
    if (len == (size_t)-1)
        len = strlen(s);
    if (len == SIZE_MAX)
        return NULL;
    char *c = doc_alloc(NULL, len + 1);
    if (!c)
        return NULL;
    if (len)
        memcpy(c, s, len);
    c[len] = '\0';
    return c;
}

static void free_strs(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void fmt_doc_free(fmt_doc *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->source);
    free(d->docnum);
    free(d->subject);
    for (size_t i = 0; i < d->nmembers; i++) {
        free(d->members[i].name);
        free(d->members[i].party);
    }
    free(d->members);
    free_strs(d->addressees, d->naddressees);
    free_strs(d->answered_by, d->nanswered_by);
    free_strs(d->on_behalf_of, d->non_behalf_of);
    free_strs(d->cosigned_by, d->ncosigned_by);
    free_strs(d->source_urls, d->nsource_urls);
    for (size_t i = 0; i < d->nquestions; i++)
        free(d->questions[i].numbers);
    free(d->questions);
    for (size_t i = 0; i < d->nanswers; i++)
        free(d->answers[i].numbers);
    free(d->answers);
    for (size_t i = 0; i < d->nfootnotes; i++) {
        free(d->footnotes[i].mark);
        free_strs(d->footnotes[i].urls, d->footnotes[i].nurls);
    }
    free(d->footnotes);
    free_strs(d->warnings, d->nwarnings);
    free(d->text);
    memset(d, 0, sizeof *d);
}

int fmt_doc_set_text(fmt_doc *d, const char *text, size_t len)
{
    if (len == (size_t)-1)
        len = text ? strlen(text) : 0;
    char *c = dup_n(text, len);
    if (!c)
        return -1;
    free(d->text);
    d->text = c;
    d->len = len;
    return 0;
}

int fmt_doc_set_str(char **field, const char *s, size_t len)
{
    if (!s) {
        free(*field);
        *field = NULL;
        return 0;
    }
    char *c = dup_n(s, len);
    if (!c)
        return -1;
    free(*field);
    *field = c;
    return 0;
}

int fmt_doc_add_member(fmt_doc *d, const char *name, size_t nlen,
                       const char *party, size_t plen)
{
    char *n = dup_n(name, nlen), *p = NULL;
    if (!n)
        return -1;
    if (party && !(p = dup_n(party, plen))) {
        free(n);
        return -1;
    }
    if (grow((void **)&d->members, d->nmembers, sizeof *d->members)) {
        free(n);
        free(p);
        return -1;
    }
    d->members[d->nmembers].name = n;
    d->members[d->nmembers].party = p;
    d->nmembers++;
    return 0;
}

int fmt_doc_add_str(char ***arr, size_t *n, const char *s, size_t len)
{
    char *c = dup_n(s, len);
    if (!c)
        return -1;
    if (grow((void **)arr, *n, sizeof **arr)) {
        free(c);
        return -1;
    }
    (*arr)[(*n)++] = c;
    return 0;
}

int fmt_doc_add_block(fmt_block **arr, size_t *n, const uint16_t *numbers,
                      size_t nnumbers, fmt_span span)
{
    uint16_t *nums = NULL;
    if (nnumbers > SIZE_MAX / sizeof *nums)
        return -1;
    if (nnumbers) {
        nums = doc_alloc(NULL, nnumbers * sizeof *nums);
        if (!nums)
            return -1;
        memcpy(nums, numbers, nnumbers * sizeof *nums);
    }
    if (grow((void **)arr, *n, sizeof **arr)) {
        free(nums);
        return -1;
    }
    fmt_block *b = &(*arr)[(*n)++];
    b->numbers = nums;
    b->nnumbers = nnumbers;
    b->span = span;
    return 0;
}

int fmt_doc_add_note(fmt_doc *d, const char *mark, size_t mlen, fmt_span span)
{
    char *m = dup_n(mark, mlen);
    if (!m)
        return -1;
    if (grow((void **)&d->footnotes, d->nfootnotes, sizeof *d->footnotes)) {
        free(m);
        return -1;
    }
    fmt_note *f = &d->footnotes[d->nfootnotes++];
    f->mark = m;
    f->span = span;
    f->urls = NULL;
    f->nurls = 0;
    return 0;
}

int fmt_doc_add_note_url(fmt_note *note, const char *url, size_t len)
{
    return fmt_doc_add_str(&note->urls, &note->nurls, url, len);
}

int fmt_doc_warn(fmt_doc *d, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return fmt_doc_add_str(&d->warnings, &d->nwarnings, small, (size_t)n);
    char *big = doc_alloc(NULL, (size_t)n + 1);
    if (!big)
        return -1;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int r = fmt_doc_add_str(&d->warnings, &d->nwarnings, big, (size_t)n);
    free(big);
    return r;
}

int32_t fmt_doc_date(const fmt_doc *d)
{
    if ((d->kind == FMT_ANSWER || d->kind == FMT_NOTICE) && d->received)
        return d->received;
    return d->submitted ? d->submitted : d->received;
}

const char *fmt_kind_name(int kind)
{
    switch (kind) {
    case FMT_QUESTION: return "question";
    case FMT_ANSWER: return "answer";
    case FMT_NOTICE: return "notice";
    default: return "unknown";
    }
}

int fmt_kind_parse(const char *s)
{
    static const struct { const char *name; int kind; } names[] = {
        {"question", FMT_QUESTION}, {"vraag", FMT_QUESTION},
        {"vragen", FMT_QUESTION},   {"answer", FMT_ANSWER},
        {"antwoord", FMT_ANSWER},   {"notice", FMT_NOTICE},
        {"mededeling", FMT_NOTICE},
    };
    if (!s)
        return FMT_KIND_NONE;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(s, names[i].name))
            return names[i].kind;
    return FMT_KIND_NONE;
}

/* Whitespace that layout flattening folds; '\n' is counted separately. */
static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

char *fmt_span_text(const fmt_doc *d, fmt_span s)
{
    /* A span read from a damaged archive may point anywhere: clamp it. */
    size_t off = s.off, len = s.len;
    if (!d->text || off > d->len)
        off = len = 0;
    if (len > d->len - off)
        len = d->len - off;
    const unsigned char *p = (const unsigned char *)d->text + off;
    /* Output never exceeds the input: every byte is copied or dropped,
     * and a "\n\n" replaces at least two input bytes. */
    char *out = doc_alloc(NULL, len + 1);
    if (!out)
        return NULL;
    size_t o = 0, nl = 0;
    int sp = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        if (c == '\n') {
            nl++;
        } else if (is_blank(c)) {
            sp = 1;
        } else {
            if (o) {
                if (nl >= 2) {
                    out[o++] = '\n';
                    out[o++] = '\n';
                } else if (nl || sp) {
                    out[o++] = ' ';
                }
            }
            out[o++] = (char)c;
            nl = 0;
            sp = 0;
        }
    }
    out[o] = '\0';
    return out;
}
