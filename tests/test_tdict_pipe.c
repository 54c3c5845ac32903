/* test_tdict_pipe.c - the term dictionary's blocks cut on a second thread
 * (format/tdict.c, tdict_pipe_*): through the worker, every put is made
 * as the inline code makes it, the same bytes in the same order, blocks
 * and the puts between them alike (an archive's bytes depend on that
 * order); and on every error (a put failing at each place in turn, an
 * entry tdict_add refuses, the caller's own error given to close) the
 * same puts are made before it, none after, and the same code comes back.
 * The sanitizer builds (make check, and -fsanitize=thread by hand) watch
 * the threads while it runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "internal.h"
#include "tdict.h"
#include "testlib.h"


/* Where the puts go: each appended to log; the fail_at'th fails. */
typedef struct {
    fmt_buf log;
    unsigned long n, fail_at;
} sink;

static int sink_put(void *ctx, MDB_dbi dbi, const void *k, size_t kl,
                    const void *v, size_t vl)
{
    sink *s = ctx;
    if (++s->n == s->fail_at)
        return FMT_FULL;
    uint64_t h[3] = {dbi, kl, vl};
    assert_int_equal(fmt_buf_append(&s->log, h, sizeof h), 0);
    assert_int_equal(fmt_buf_append(&s->log, k, kl), 0);
    assert_int_equal(fmt_buf_append(&s->log, v, vl), 0);
    return FMT_OK;
}

/* One phase as index.c drives it: terms with heap segments put between
 * them, a flush, a last segment; then a second builder's (stems) entries.
 * bad: the entry at which a key of length 0 is given (0: none); cerr: the
 * caller's own error after that many entries (0: none). Returns close's
 * code; the puts made are in s. */
static int phase(int thread, unsigned long fail_at, size_t bad, size_t cerr,
                 sink *s)
{
    tdict_builder tb, sb;
    memset(&tb, 0, sizeof tb);
    memset(&sb, 0, sizeof sb);
    tb.dbi = 1;
    sb.dbi = 2;
    memset(s, 0, sizeof *s);
    s->fail_at = fail_at;
    tl_seed(0x9e3779b97f4a7c15u);
    tdict_pipe p;
    tdict_pipe_open(&p, thread, sink_put, s);
    static unsigned char pay[40000];
    memset(pay, 0, sizeof pay); /* the same bytes past a payload, each run */
    char key[FMT_TOKMAX + 1];
    uint32_t seg = 0;
    int rc = FMT_OK;
    const size_t n = 6000;
    for (size_t i = 1; i <= n && !rc; i++) {
        if (cerr && i == cerr) {
            rc = FMT_CORRUPT;
            break;
        }
        /* ascending keys sharing prefixes, some long */
        int kl = snprintf(key, sizeof key, "%c%c%c%05zu", 'a' + (int)(i / 2000),
                          'a' + (int)(i / 100 % 20), 'a' + (int)(i / 10 % 10), i);
        for (uint32_t e = tl_rnd() % 9; e--;)
            key[kl++] = (char)('a' + tl_rnd() % 26);
        if (i % 997 == 0)
            while (kl < FMT_TOKMAX)
                key[kl++] = 'z';
        /* payloads: small, some text-like, some random, a few bigger than
         * a block */
        size_t pl = tl_rnd() % 300;
        if (i % 1500 == 0)
            pl = 17000 + tl_rnd() % 20000;
        for (size_t j = 0; j < pl; j++)
            pay[j] = i % 3 ? (unsigned char)"de van het een"[j % 14] : (unsigned char)tl_rnd();
        if (i % 5 == 0) { /* a heap segment before its term, as put_term */
            unsigned char k4[4] = {0, 0, (unsigned char)(seg >> 8),
                                   (unsigned char)seg};
            seg++;
            rc = tdict_pipe_put(&p, 3, k4, 4, pay, 1 + tl_rnd() % TDICT_SEG);
        }
        if (!rc)
            rc = tdict_pipe_add(&p, &tb, key, i == bad ? 0 : (size_t)kl, pay, pl);
    }
    if (!rc)
        rc = tdict_pipe_flush(&p, &tb);
    if (!rc)
        rc = tdict_pipe_put(&p, 3, "last", 4, pay, 100);
    /* the stems, after (as write_stems, on the same kind of pipe) */
    for (size_t i = 1; i <= 3000 && !rc; i++) {
        int kl = snprintf(key, sizeof key, "s%05zu", i);
        rc = tdict_pipe_add(&p, &sb, key, (size_t)kl, key, (size_t)kl);
    }
    if (!rc)
        rc = tdict_pipe_flush(&p, &sb);
    rc = tdict_pipe_close(&p, rc);
    tdict_builder_free(&tb);
    tdict_builder_free(&sb);
    return rc;
}

/* Inline and threaded: the same code, the same puts in the same order. */
static void same(unsigned long fail_at, size_t bad, size_t cerr, int want_rc)
{
    sink a, b;
    int ra = phase(0, fail_at, bad, cerr, &a);
    int rb = phase(1, fail_at, bad, cerr, &b);
    if (want_rc >= 0)
        assert_int_equal(ra, want_rc);
    assert_int_equal(ra, rb);
    assert_int_equal(a.log.len, b.log.len);
    assert_true(a.log.len == 0 || !memcmp(a.log.data, b.log.data, a.log.len));
    if (fail_at && ra == FMT_FULL) /* nothing put after the failure */
        assert_int_equal(b.n, fail_at);
    fmt_buf_free(&a.log);
    fmt_buf_free(&b.log);
}

static unsigned long count_puts(void)
{
    sink s;
    assert_int_equal(phase(0, 0, 0, 0, &s), FMT_OK);
    fmt_buf_free(&s.log);
    return s.n;
}

static void test_same_puts(void **state)
{
    (void)state;
    same(0, 0, 0, FMT_OK);
    assert_true(count_puts() > 1000); /* blocks and segments, many slots' worth */
}

/* A put failing at each place in turn (every one near the start and the
 * end, a stride between). */
static void test_put_fails(void **state)
{
    (void)state;
    unsigned long n = count_puts();
    for (unsigned long k = 1; k <= n; k += k < 40 || k > n - 40 ? 1 : 97)
        same(k, 0, 0, FMT_FULL);
}

/* tdict_add refusing an entry, the caller failing on its own, each with
 * puts failing before and after. */
static void test_other_errors(void **state)
{
    (void)state;
    same(0, 2500, 0, FMT_INVALID);
    same(0, 1, 0, FMT_INVALID);
    same(0, 0, 3000, FMT_CORRUPT);
    same(0, 0, 1, FMT_CORRUPT);
    for (unsigned long k = 1; k < 800; k += 53) {
        same(k, 2500, 0, -1);
        same(k, 0, 3000, -1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_puts),
        cmocka_unit_test(test_put_fails),
        cmocka_unit_test(test_other_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
