/* test_layout.c - line breaking stays linear in the text whatever the
 * text (issue 13, #1): one unbroken token of 200,000 bytes (dot leaders,
 * base64) must cost about what its lines hold, not the rest of the token
 * for every line. A fake font counts the bytes it is asked to measure,
 * the cost that made a 60,000-byte token take 18 s to open; the wall time
 * with a font that costs per byte (as SDL_ttf does) is printed and
 * bounded too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"

static unsigned long long measured; /* bytes passed to width() */
static int slow;                    /* width() touches every byte */

/* 8 px per character, 10 per multi-byte one. */
static int count_width(void *ctx, int face, int px, const char *s, size_t n)
{
    int w = 0;
    (void)ctx;
    (void)face;
    (void)px;
    measured += n;
    if (!slow)
        return (int)n * 8;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            w += (unsigned char)s[i] < 0x80 ? 8 : 10;
    return w;
}

static int count_height(void *ctx, int face, int px)
{
    (void)ctx;
    (void)face;
    return px + 4;
}

static const lay_measure counting = {count_width, count_height, NULL};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Wrap text of n bytes made by fill at 640 px; check every line fits and
 * the text is covered in order; return the bytes measured per byte. */
static double wrap_cost(const char *s, size_t n, lay_box *b)
{
    lay_text t;
    memset(&t, 0, sizeof t);
    lay_add(&t, s, n, 0);
    assert_false(t.oom);
    measured = 0;
    lay_wrap(b, &t, 640, 16, 0, &counting);
    assert_false(b->oom);
    assert_true(b->nlines > 1);
    uint32_t at = 0;
    for (size_t i = 0; i < b->nlines; i++) {
        const lay_line *ln = &b->lines[i];
        for (uint32_t k = 0; k < ln->nseg; k++) {
            const lay_seg *sg = &b->segs[ln->seg + k];
            assert_true(sg->x + sg->w <= 640);
            assert_true(sg->off >= at);
            at = sg->off + sg->len;
        }
    }
    assert_int_equal(at, t.len);          /* nothing lost at the end */
    lay_text_free(&t);
    return (double)measured / (double)n;
}

static void test_long_token(void **state)
{
    (void)state;
    size_t n = 200000;
    char *s = malloc(n);
    lay_box b;
    memset(&b, 0, sizeof b);
    assert_non_null(s);
    /* dot leaders: no space, no separator break_word prefers over '.' */
    memset(s, '.', n);
    double c1 = wrap_cost(s, n, &b);
    /* base64-ish: no separator at all */
    for (size_t i = 0; i < n; i++)
        s[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[i * 7 % 62];
    double c2 = wrap_cost(s, n, &b);
    /* multi-byte: "é" repeated */
    for (size_t i = 0; i + 1 < n; i += 2)
        s[i] = (char)0xc3, s[i + 1] = (char)0xa9;
    double c3 = wrap_cost(s, n, &b);
    printf("  bytes measured per byte of text: %.1f (dots), %.1f (base64), "
           "%.1f (2-byte characters)\n", c1, c2, c3);
    /* the old wrap measured the rest of the token for every line and then
     * bisected over it: thousands of times the text */
    assert_true(c1 < 40 && c2 < 40 && c3 < 40);
    /* and with a font that costs per byte: well under a frame per 10,000
     * bytes (the old wrap took 1.6 s for 10,000) */
    slow = 1;
    double t0 = now();
    wrap_cost(s, n, &b);
    double secs = now() - t0;
    slow = 0;
    printf("  %zu bytes of one token wrapped in %.1f ms (byte-costing font)\n",
           n, secs * 1e3);
    assert_true(secs < 1.0);
    lay_box_free(&b);
    free(s);
}

/* Ordinary text costs what it did: each word measured about once. */
static void test_words_unchanged(void **state)
{
    (void)state;
    const char *w = "de minister van financien over een lange regel ";
    size_t n = 0, k = strlen(w);
    char *s = malloc(100000);
    assert_non_null(s);
    while (n + k < 100000) {
        memcpy(s + n, w, k);
        n += k;
    }
    lay_box b;
    memset(&b, 0, sizeof b);
    double c = wrap_cost(s, n - 1, &b);  /* without the last space */
    printf("  bytes measured per byte of plain text: %.1f\n", c);
    assert_true(c < 3);
    lay_box_free(&b);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_token),
        cmocka_unit_test(test_words_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
