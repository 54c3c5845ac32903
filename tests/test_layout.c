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

/* The same text wrapped in one go and in slices of budget bytes: each
 * slice measures at most the budget and a line's worth more, always
 * makes progress, leaves final lines behind (drawable while the rest
 * waits), and the end result is the one-shot layout, segment for
 * segment. */
static void check_sliced(const lay_text *t, int maxlines, size_t budget)
{
    lay_box one, sl;
    size_t slices = 0, prev_at = 0, prev_lines = 0;

    memset(&one, 0, sizeof one);
    memset(&sl, 0, sizeof sl);
    lay_wrap(&one, t, 640, 16, maxlines, &counting);
    lay_wrap_start(&sl, t, 640, 16, maxlines, &counting);
    for (;;) {
        unsigned long long before = measured;
        int done = lay_wrap_more(&sl, t, &counting, budget);
        slices++;
        /* 640 px hold 80 characters; fitting a line of a long word and
         * cutting the last for an ellipsis measure it some 10 times */
        assert_true(measured - before <= budget + 1200);
        assert_true(sl.measured == 0 || measured - before > 0 || done);
        assert_true(done || sl.at > prev_at);
        /* the lines already made do not move */
        assert_true(sl.nlines >= prev_lines);
        for (size_t i = 0; i + 1 < prev_lines; i++)
            assert_int_equal(sl.lines[i].y, one.lines[i].y);
        prev_at = sl.at;
        prev_lines = sl.nlines;
        if (done)
            break;
        assert_true(sl.height <= one.height);
    }
    if (t->len > 10 * (budget + 1200) && !maxlines)
        assert_true(slices > 10);                     /* it was sliced */
    assert_int_equal(sl.nlines, one.nlines);
    assert_int_equal(sl.nsegs, one.nsegs);
    assert_int_equal(sl.height, one.height);
    assert_int_equal(sl.ell_x, one.ell_x);
    for (size_t i = 0; i < one.nlines; i++) {
        assert_int_equal(sl.lines[i].y, one.lines[i].y);
        assert_int_equal(sl.lines[i].h, one.lines[i].h);
        assert_int_equal(sl.lines[i].seg, one.lines[i].seg);
        assert_int_equal(sl.lines[i].nseg, one.lines[i].nseg);
        assert_int_equal(sl.lines[i].off, one.lines[i].off);
        assert_int_equal(sl.lines[i].end, one.lines[i].end);
    }
    for (size_t i = 0; i < one.nsegs; i++) {   /* field by field: padding */
        assert_int_equal(sl.segs[i].x, one.segs[i].x);
        assert_int_equal(sl.segs[i].w, one.segs[i].w);
        assert_int_equal(sl.segs[i].off, one.segs[i].off);
        assert_int_equal(sl.segs[i].len, one.segs[i].len);
        assert_int_equal(sl.segs[i].attr, one.segs[i].attr);
    }
    lay_box_free(&one);
    lay_box_free(&sl);
}

static void test_sliced(void **state)
{
    (void)state;
    size_t n = 300000;
    char *s = malloc(n);
    lay_text t;
    assert_non_null(s);
    memset(&t, 0, sizeof t);
    /* one token of 300,000 bytes: without slices, one call measures it all */
    for (size_t i = 0; i < n; i++)
        s[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[i * 7 % 62];
    lay_add(&t, s, n, 0);
    check_sliced(&t, 0, 4096);
    check_sliced(&t, 0, 1);
    check_sliced(&t, 5, 100);                 /* cut short, with an ellipsis */
    /* words, paragraphs, a long URL-ish word, bold runs, in between */
    static const char url[] = "https://example.org/a/very/long/path/that/goes/on/and/on/"
                              "and/on/and/on/and/on/and/on/and/on/and/on/and/on/and/on/"
                              "and/on/and/on ";
    lay_text_clear(&t);
    for (int k = 0; k < 2000; k++) {
        lay_add(&t, "de minister van financien ", 26, 0);
        lay_add(&t, "over ", 5, LA_BOLD);
        if (k % 50 == 0)
            lay_add(&t, url, strlen(url), LA_LINK);
        if (k % 70 == 0)
            lay_add(&t, "\n\n", 2, 0);
    }
    assert_false(t.oom);
    check_sliced(&t, 0, 4096);
    check_sliced(&t, 0, 10);
    check_sliced(&t, 3, 50);
    /* empty */
    lay_text_clear(&t);
    check_sliced(&t, 0, 100);
    lay_text_free(&t);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_token),
        cmocka_unit_test(test_words_unchanged),
        cmocka_unit_test(test_sliced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
