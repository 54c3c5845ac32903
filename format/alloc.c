/* alloc.c - the leaf of format/ every file of it uses: allocation, in one
 * place so that a test build can fail the Nth call (alloc_fail_after,
 * SQLite's idea at our scale), and the growable byte buffer (fmt_buf).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ---- allocation ---------------------------------------------------------- */

static unsigned long fail_after;

void alloc_fail_after(unsigned long n) { fail_after = n; }

static int should_fail(void)
{
    return fail_after && --fail_after == 0;
}

void *alloc_malloc(size_t n) { return should_fail() ? NULL : malloc(n ? n : 1); }
void *alloc_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : realloc(p, n ? n : 1);
}
void *alloc_calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
}
char *alloc_strndup(const char *s, size_t n)
{
    char *r = alloc_malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = 0;
    }
    return r;
}

/* ---- buffers ------------------------------------------------------------ */

void fmt_buf_free(fmt_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

int fmt_buf_reserve(fmt_buf *b, size_t n)
{
    if (b->cap - b->len > n && b->data)
        return FMT_OK;
    if (n > SIZE_MAX / 2 - b->len)
        return FMT_NOMEM;
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len <= n)
        cap *= 2;
    char *d = alloc_realloc(b->data, cap);
    if (!d)
        return FMT_NOMEM;
    b->data = d;
    b->cap = cap;
    return FMT_OK;
}

int fmt_buf_append(fmt_buf *b, const void *p, size_t n)
{
    if (fmt_buf_reserve(b, n))
        return FMT_NOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return FMT_OK;
}
