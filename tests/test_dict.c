/* test_dict.c - the preset-dictionary trainer and codec of format/dict.c.
 *
 * Run from the top of the project: the samples are read from samples/ (or
 * $VB_SAMPLES), and the generated corpus is written by $B/tests/tool_gen
 * (B defaults to "build"); without that tool, that one test is skipped.
 *
 * Gains are measured on documents the dictionary was not trained on, since
 * that is how an archive uses it: leave-one-out on the samples, held-out
 * documents on the generated corpus. The thresholds sit well below what
 * was measured (see each test) so that a small change to the trainer does
 * not break the build, while a trainer that stops helping does.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "dict.h"
#include "testlib.h"

#define MAXDOCS 4000

typedef struct {
    char *text[MAXDOCS];
    size_t len[MAXDOCS];
    size_t n;
} corpus;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every *.txt under dir (recursively), in name order. */
static void load_dir(corpus *c, const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    char *names[512];
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nn < 512)
        if (e->d_name[0] != '.')
            names[nn++] = strdup(e->d_name);
    closedir(d);
    qsort(names, nn, sizeof names[0], by_name);
    for (size_t i = 0; i < nn; i++) {
        char path[1024];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t l = strlen(names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            load_dir(c, path);
        } else if (l > 4 && strcmp(names[i] + l - 4, ".txt") == 0 && c->n < MAXDOCS) {
            c->text[c->n] = tl_slurp(path, &c->len[c->n]);
            c->n++;
        }
        free(names[i]);
    }
}

static void free_corpus(corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->text[i]);
    free(c);
}

/* Bytes of raw deflate at level 9 for one text, with dict (or none). */
static size_t deflated(dict_zc *z, const char *p, size_t n)
{
    size_t cap = dict_zc_bound(n), got = 0;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    assert_int_equal(dict_zc_deflate(z, p, n, out, cap, &got), 0);
    /* and it must come back */
    unsigned char *back = malloc(n + 1);
    assert_non_null(back);
    size_t blen = 0;
    assert_int_equal(dict_zc_inflate(z, out, got, back, n + 1, &blen), 0);
    assert_int_equal(blen, n);
    assert_memory_equal(back, p, n);
    free(back);
    free(out);
    return got;
}

static int contains(const unsigned char *h, size_t hn, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= hn; i++)
        if (memcmp(h + i, needle, n) == 0)
            return 1;
    return 0;
}

static const char *samples_dir(void)
{
    return getenv("VB_SAMPLES") ? getenv("VB_SAMPLES") : "samples";
}

/* Leave-one-out on the real samples: each document compressed with a
 * dictionary trained on the other 30. Measured: 32,446 -> 24,567 bytes,
 * 24% smaller. Asserted: at least 15% smaller. */
static void test_samples_leave_one_out(void **state)
{
    (void)state;
    corpus *c = calloc(1, sizeof *c);
    assert_non_null(c);
    load_dir(c, samples_dir());
    assert_true(c->n >= 20);
    dict_zc *plain = dict_zc_new(NULL, 0, 9);
    assert_non_null(plain);
    static unsigned char dict[FMT__DICT_MAX];
    const char *sp[MAXDOCS];
    size_t sl[MAXDOCS], a = 0, b = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t m = 0;
        for (size_t j = 0; j < c->n; j++) {
            if (j == i)
                continue;
            sp[m] = c->text[j];
            sl[m++] = c->len[j];
        }
        size_t dlen = dict_train(sp, sl, m, dict, sizeof dict);
        assert_true(dlen > 0 && dlen <= sizeof dict);
        dict_zc *z = dict_zc_new(dict, dlen, 9);
        assert_non_null(z);
        a += deflated(plain, c->text[i], c->len[i]);
        b += deflated(z, c->text[i], c->len[i]);
        dict_zc_free(z);
    }
    printf("samples, leave-one-out: %zu -> %zu bytes (%.1f%% smaller)\n", a, b,
           100.0 * (double)(a - b) / (double)a);
    assert_true(b * 100 <= a * 85);
    dict_zc_free(plain);
    free_corpus(c);
}

/* 1,000 generated documents: trained on every 4th, measured on the rest.
 * Measured: 41% smaller. Asserted: at least 25% smaller. */
static void test_generated_corpus(void **state)
{
    (void)state;
    const char *b = getenv("B") ? getenv("B") : "build";
    char tool[512], dir[64];
    snprintf(tool, sizeof tool, "%s/tests/tool_gen", b);
    if (access(tool, X_OK) != 0) {
        printf("no %s: skipped\n", tool);
        skip();
    }
    assert_int_equal(tl_tmpdir(dir, sizeof dir, "vbdict"), 0);
    assert_int_equal(tl_gen(dir, 1000, 3), 0);
    corpus *c = calloc(1, sizeof *c);
    assert_non_null(c);
    load_dir(c, dir);
    assert_int_equal(tl_rmrf(dir), 0);
    assert_int_equal(c->n, 1000);

    const char *sp[MAXDOCS];
    size_t sl[MAXDOCS], m = 0, a = 0, d = 0;
    for (size_t i = 0; i < c->n; i += 4) {
        sp[m] = c->text[i];
        sl[m++] = c->len[i];
    }
    static unsigned char dict[FMT__DICT_MAX];
    size_t dlen = dict_train(sp, sl, m, dict, sizeof dict);
    assert_int_equal(dlen, sizeof dict);
    dict_zc *plain = dict_zc_new(NULL, 0, 9), *z = dict_zc_new(dict, dlen, 9);
    assert_non_null(plain);
    assert_non_null(z);
    for (size_t i = 0; i < c->n; i++) {
        if (i % 4 == 0)
            continue;
        a += deflated(plain, c->text[i], c->len[i]);
        d += deflated(z, c->text[i], c->len[i]);
    }
    printf("generated, held out: %zu -> %zu bytes (%.1f%% smaller)\n", a, d,
           100.0 * (double)(a - d) / (double)a);
    assert_true(d * 100 <= a * 75);
    dict_zc_free(plain);
    dict_zc_free(z);
    free_corpus(c);
}

/* Same samples, same bytes: also when the samples live at other addresses. */
static void test_deterministic(void **state)
{
    (void)state;
    corpus *c = calloc(1, sizeof *c);
    assert_non_null(c);
    load_dir(c, samples_dir());
    static unsigned char d1[FMT__DICT_MAX], d2[FMT__DICT_MAX];
    const char *sp[MAXDOCS];
    for (size_t i = 0; i < c->n; i++) {
        char *copy = malloc(c->len[i] + 1);
        assert_non_null(copy);
        memcpy(copy, c->text[i], c->len[i]);
        sp[i] = copy;
    }
    size_t l1 = dict_train((const char *const *)c->text, c->len, c->n, d1, sizeof d1);
    size_t l2 = dict_train(sp, c->len, c->n, d2, sizeof d2);
    assert_true(l1 > 1000);
    assert_int_equal(l1, l2);
    assert_memory_equal(d1, d2, l1);
    /* The phrases every header shares must be in it. */
    assert_true(contains(d1, l1, "(ingezonden"));
    assert_true(contains(d1, l1, "Vraag"));
    /* A smaller cap is honoured. */
    l2 = dict_train(sp, c->len, c->n, d2, 1000);
    assert_true(l2 > 0 && l2 <= 1000);
    for (size_t i = 0; i < c->n; i++)
        free((char *)sp[i]);
    free_corpus(c);
}

static void test_edges(void **state)
{
    (void)state;
    static unsigned char dict[FMT__DICT_MAX + 64];
    const char *one[] = { "Vragen van het lid Van Nispen (SP)" };
    size_t onel[] = { strlen(one[0]) };

    /* Nothing to learn from. */
    assert_int_equal(dict_train(NULL, NULL, 0, dict, 100), 0);
    assert_int_equal(dict_train(one, onel, 0, dict, 100), 0);
    assert_int_equal(dict_train(one, onel, 1, NULL, 100), 0);
    assert_int_equal(dict_train(one, onel, 1, dict, 0), 0);
    /* One sample: no phrase is shared with another document. */
    assert_int_equal(dict_train(one, onel, 1, dict, sizeof dict), 0);

    /* Tiny samples: shorter than a d-mer. */
    const char *tiny[10];
    size_t tinyl[10];
    for (int i = 0; i < 10; i++) {
        tiny[i] = "ab";
        tinyl[i] = (size_t)(i % 3);
    }
    assert_int_equal(dict_train(tiny, tinyl, 10, dict, sizeof dict), 0);

    /* NULL and empty entries are skipped, the rest still counts. */
    const char *mixed[] = { NULL, "", one[0], one[0], NULL };
    size_t mixedl[] = { 50, 0, onel[0], onel[0], 7 };
    size_t l = dict_train(mixed, mixedl, 5, dict, sizeof dict);
    assert_true(l > 0 && l <= onel[0]);

    /* Binary junk: random bytes share no d-mers, so nothing is worth it. */
    enum { NJ = 64, JL = 2048 };
    static char junk[NJ][JL];
    const char *jp[NJ];
    size_t jl[NJ];
    uint64_t s = 88172645463325252ull;
    for (int i = 0; i < NJ; i++) {
        for (int j = 0; j < JL; j++) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            junk[i][j] = (char)(s >> 24);
        }
        jp[i] = junk[i];
        jl[i] = JL;
    }
    l = dict_train(jp, jl, NJ, dict, sizeof dict);
    assert_true(l <= 64); /* perhaps a hash collision, nothing more */

    /* Identical samples: the dictionary is capped, never overrun. */
    for (int i = 0; i < NJ; i++)
        jp[i] = junk[0];
    memset(dict, 0xAB, sizeof dict);
    l = dict_train(jp, jl, NJ, dict, sizeof dict); /* cap > 32 KiB */
    assert_true(l > 0 && l <= FMT__DICT_MAX);
    for (size_t i = FMT__DICT_MAX; i < sizeof dict; i++)
        assert_int_equal(dict[i], 0xAB);
    memset(dict, 0xAB, sizeof dict);
    l = dict_train(jp, jl, NJ, dict, 100);
    assert_true(l > 0 && l <= 100);
    for (size_t i = 100; i < 200; i++)
        assert_int_equal(dict[i], 0xAB);
}

/* Damaged, truncated or oversized records fail cleanly. */
static void test_codec_damage(void **state)
{
    (void)state;
    const char *text = "Vraag 1\n\nBent u bekend met het bericht «Lange rijen bij "
                       "registratie in Ter Apel»? Vraag 2 Vraag 2 Vraag 2 Vraag 2\n";
    size_t n = strlen(text);
    const unsigned char dict[] = "Bent u bekend met het bericht «Vraag 2 ";
    dict_zc *z = dict_zc_new(dict, sizeof dict - 1, 9);
    dict_zc *other = dict_zc_new(NULL, 0, 0);
    assert_non_null(z);
    assert_non_null(other);
    unsigned char out[512], back[512];
    size_t clen, blen;
    assert_int_equal(dict_zc_deflate(z, text, n, out, sizeof out, &clen), 0);
    assert_int_equal(dict_zc_inflate(z, out, clen, back, sizeof back, &blen), 0);
    assert_int_equal(blen, n);
    assert_memory_equal(back, text, n);

    /* Empty input round-trips. */
    size_t elen;
    assert_int_equal(dict_zc_deflate(z, "", 0, out, sizeof out, &elen), 0);
    assert_int_equal(dict_zc_inflate(z, out, elen, back, sizeof back, &blen), 0);
    assert_int_equal(blen, 0);
    assert_int_equal(dict_zc_deflate(z, text, n, out, sizeof out, &clen), 0);

    /* Output buffer too small, on either side. */
    assert_int_equal(dict_zc_deflate(z, text, n, out, 4, &blen), -1);
    assert_int_equal(dict_zc_inflate(z, out, clen, back, n - 1, &blen), -1);
    /* Truncated stream, and bytes after its end. */
    for (size_t cut = 0; cut < clen; cut++)
        assert_int_equal(dict_zc_inflate(z, out, cut, back, sizeof back, &blen), -1);
    out[clen] = 0;
    assert_int_equal(dict_zc_inflate(z, out, clen + 1, back, sizeof back, &blen), -1);
    /* Every flipped byte: an error or other text, never a crash. */
    for (size_t i = 0; i < clen; i++) {
        out[i] ^= 0x5A;
        if (dict_zc_inflate(z, out, clen, back, sizeof back, &blen) == 0)
            assert_true(blen != n || memcmp(back, text, n) != 0 || i + 1 == clen);
        out[i] ^= 0x5A;
    }
    /* Without its dictionary the record does not decode to the text. */
    if (dict_zc_inflate(other, out, clen, back, sizeof back, &blen) == 0)
        assert_true(blen != n || memcmp(back, text, n) != 0);
    /* Junk input. */
    memset(out, 0xFF, sizeof out);
    assert_int_equal(dict_zc_inflate(z, out, sizeof out, back, sizeof back, &blen), -1);
    dict_zc_free(z);
    dict_zc_free(other);
    dict_zc_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples_leave_one_out),
        cmocka_unit_test(test_generated_corpus),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_codec_damage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
