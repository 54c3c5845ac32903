/* test_edition.c - the library side of editions (format/edition.c,
 * sha256x.c): the fast SHA-256 gives the portable one's digests, gzip
 * written comes back through fmt_gz_read, a record survives encode/decode
 * exactly, and fmt_verify_all() finds a changed byte, on the
 * samples.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "gz.h"
#include "format.h"
#include "internal.h" /* fmt_verify, fmt_get_text: format/ and tests only */
#include "testlib.h"
#include "sha256x.h"

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void digest(const unsigned char *p, size_t n, int fast, size_t step,
                   char hex[65])
{
    vb_sha256 c;
    unsigned char d[32];
    sha256_init(&c);
    for (size_t off = 0; off < n;) {
        size_t k = step ? (rnd() % step) + 1 : n;
        if (k > n - off)
            k = n - off;
        if (fast)
            sha256x_update(&c, p + off, k);
        else
            sha256_update(&c, p + off, k);
        off += k;
    }
    sha256_final(&c, d);
    sha256_hex(d, hex);
}

/* Every length up to 300 bytes and a large buffer, fed in random pieces:
 * the SHA instructions (when there) give the portable code's digest. */
static void sha_fast(void **state)
{
    (void)state;
    char a[65], b[65];
    digest((const unsigned char *)"abc", 3, 1, 0, a);
    assert_string_equal(a, "ba7816bf8f01cfea414140de5dae2223"
                           "b00361a396177a9cb410ff61f20015ad");
    size_t big = (3 << 20) + 17;
    unsigned char *p = malloc(big);
    assert_non_null(p);
    for (size_t i = 0; i < big; i++)
        p[i] = (unsigned char)rnd();
    for (size_t n = 0; n <= 300; n++) {
        digest(p, n, 0, 0, a);
        digest(p, n, 1, 70, b);
        assert_string_equal(a, b);
    }
    digest(p, big, 0, 0, a);
    digest(p, big, 1, 100000, b);
    assert_string_equal(a, b);
    digest(p, big, 1, 63, b);
    assert_string_equal(a, b);
    print_message("sha-256 instructions: %s\n",
                  sha256x_accelerated() ? "used" : "not available");
    free(p);
}

/* gzip written by fmt_gzw in pieces comes back through fmt_gz_read; a
 * truncated stream is FMT_CORRUPT, not a short read taken for the end. */
static void gzip_roundtrip(void **state)
{
    (void)state;
    char path[] = "/tmp/vbgzw-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = 3 << 20;
    unsigned char *p = malloc(n), *q = malloc(n + 1);
    assert_non_null(p);
    assert_non_null(q);
    for (size_t i = 0; i < n; i++) /* compressible, not trivially */
        p[i] = (unsigned char)("aeiou klmnst"[rnd() % 12] + (i / 4096 % 3));
    fmt_gzw *z;
    assert_int_equal(fmt_gzw_open(&z, fd, 6), FMT_OK);
    for (size_t off = 0; off < n;) {
        size_t k = rnd() % 200000;
        if (k > n - off)
            k = n - off;
        assert_int_equal(fmt_gzw_write(z, p + off, k), FMT_OK);
        off += k;
    }
    assert_int_equal(fmt_gzw_close(z), FMT_OK);
    off_t size = lseek(fd, 0, SEEK_END);
    assert_true(size > 1000 && size < (off_t)(n * 3 / 4)); /* it deflated */
    for (int trunc = 0; trunc < 2; trunc++) {
        if (trunc)
            assert_int_equal(ftruncate(fd, size - 5), 0);
        lseek(fd, 0, SEEK_SET);
        fmt_gz *g;
        assert_int_equal(fmt_gz_open(&g, fd), FMT_OK);
        size_t got = 0, k;
        int rc;
        while ((rc = fmt_gz_read(g, q + got, n + 1 - got, &k)) == FMT_OK && k)
            got += k;
        fmt_gz_close(g);
        if (trunc) {
            assert_int_equal(rc, FMT_CORRUPT);
        } else {
            assert_int_equal(rc, FMT_OK);
            assert_int_equal(got, n);
            assert_memory_equal(p, q, n);
        }
    }
    close(fd);
    unlink(path);
    free(p);
    free(q);
}

/* A parsed document encodes, decodes to the same fields (its encoding is
 * the same bytes again), and every truncation of the bytes is refused. */
static void record_roundtrip(void **state)
{
    (void)state;
    fmt_doc d, e = {0};
    fmt_buf b1 = {0}, b2 = {0}, s1 = {0}, s2 = {0};
    tl_load(&d, "samples/2022Z01227.txt");
    assert_true(d.nquestions > 0 && d.nfootnotes > 0);
    assert_int_equal(fmt_doc_encode(&d, &b1), FMT_OK);
    assert_int_equal(fmt_doc_decode(b1.data, b1.len, &e), FMT_OK);
    assert_int_equal(fmt_doc_encode(&e, &b2), FMT_OK);
    assert_int_equal(b1.len, b2.len);
    assert_memory_equal(b1.data, b2.data, b1.len);
    assert_true(fmt_doc_same(&d, &e, &s1, &s2));
    assert_string_equal(e.id, "2022Z01227");
    assert_int_equal(e.nquestions, d.nquestions);
    e.submitted++;
    assert_false(fmt_doc_same(&d, &e, &s1, &s2));
    for (size_t n = 0; n < b1.len; n += 1 + n / 8)
        assert_int_equal(fmt_doc_decode(b1.data, n, &e), FMT_CORRUPT);
    fmt_doc_free(&d);
    fmt_doc_free(&e);
    fmt_buf_free(&b1);
    fmt_buf_free(&b2);
    fmt_buf_free(&s1);
    fmt_buf_free(&s2);
}

static void count_bad(void *ctx, uint32_t docno, const char *msg)
{
    (void)docno;
    (void)msg;
    (*(int *)ctx)++;
}

/* The documents a verify named (up to 64 marks; UINT32_MAX: not one). */
typedef struct {
    uint64_t named;   /* bit docno % 64 */
    int n;
} naming;

static void note_bad(void *ctx, uint32_t docno, const char *msg)
{
    naming *nm = ctx;
    (void)msg;
    nm->n++;
    if (docno != UINT32_MAX)
        nm->named |= 1ull << (docno % 64);
}

/* Pack the samples, then: fmt_verify_all agrees with the trailer and the
 * expected checksum, refuses another expected checksum, and finds a
 * changed byte; the quick verify names every record the full one names. */
static void verify_all(void **state)
{
    (void)state;
    char dir[64], path[300];
    assert_int_equal(tl_tmpdir(dir, sizeof dir, "vbver"), 0);
    snprintf(path, sizeof path, "%s/s.vbk", dir);
    fmt_writer_opts o = {0};
    o.created = 1700000000;
    const char *sources[] = {"samples", NULL};
    assert_int_equal(tl_pack(path, sources, &o), 0);

    fmt_archive *a;
    fmt_info in;
    char hex[65];
    int bad = 0;
    assert_int_equal(fmt_open(&a, path, NULL, 0), FMT_OK);
    assert_true(fmt_count(a) > 20);
    fmt_get_info(a, &in);
    assert_int_equal(strlen(in.checksum), 64);
    assert_int_equal(fmt_verify_all(a, NULL, 1, count_bad, &bad, hex), FMT_OK);
    assert_string_equal(hex, in.checksum);
    assert_int_equal(fmt_verify_all(a, in.checksum, 1, count_bad, &bad, hex),
                     FMT_OK);
    assert_int_equal(bad, 0);
    char other[65];
    memcpy(other, in.checksum, sizeof other);
    other[10] = other[10] == '0' ? '1' : '0';
    assert_int_equal(fmt_verify_all(a, other, 1, count_bad, &bad, hex),
                     FMT_CORRUPT);
    assert_int_equal(bad, 1);
    fmt_close(a);

    /* one byte changed in the middle of the file */
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    off_t size = lseek(fd, 0, SEEK_END);
    unsigned char c;
    assert_int_equal(pread(fd, &c, 1, size / 2), 1);
    c ^= 0x20;
    assert_int_equal(pwrite(fd, &c, 1, size / 2), 1);
    close(fd);
    if (fmt_open(&a, path, NULL, 0) == FMT_OK) {
        int bad1 = 0, bad2 = 0;
        assert_int_equal(fmt_verify_all(a, NULL, 1, count_bad, &bad1, hex),
                         FMT_CORRUPT);
        assert_int_equal(fmt_verify(a, count_bad, &bad2), FMT_CORRUPT);
        assert_true(bad1 >= 1 && bad2 >= 1);
        assert_string_not_equal(hex, in.checksum);
        fmt_close(a);
    }
    c ^= 0x20; /* back as it was */
    fd = open(path, O_RDWR);
    assert_int_equal(pwrite(fd, &c, 1, size / 2), 1);
    close(fd);

    /* the quick verify (records by their own CRC, not inflated) passes
     * the sound archive, and for bytes changed anywhere names every
     * record the full one names */
    assert_int_equal(fmt_open(&a, path, NULL, 0), FMT_OK);
    naming q = {0, 0};
    assert_int_equal(fmt_verify_all(a, NULL, 0, note_bad, &q, hex), FMT_OK);
    assert_int_equal(q.n, 0);
    fmt_close(a);
    int records_named = 0;
    for (off_t at = 4096 * 2 + 7; at < size - 64; at += size / 41) {
        fd = open(path, O_RDWR);
        assert_int_equal(pread(fd, &c, 1, at), 1);
        c ^= 0x10;
        assert_int_equal(pwrite(fd, &c, 1, at), 1);
        close(fd);
        if (fmt_open(&a, path, NULL, 0) == FMT_OK) {
            naming full = {0, 0}, quick = {0, 0};
            assert_int_equal(fmt_verify_all(a, NULL, 1, note_bad, &full, hex),
                             FMT_CORRUPT);
            assert_int_equal(fmt_verify_all(a, NULL, 0, note_bad, &quick, hex),
                             FMT_CORRUPT);
            assert_true(quick.n >= 1);
            assert_int_equal(full.named & ~quick.named, 0);
            records_named += full.named != 0;
            fmt_close(a);
        }
        c ^= 0x10;
        fd = open(path, O_RDWR);
        assert_int_equal(pwrite(fd, &c, 1, at), 1);
        close(fd);
    }
    assert_true(records_named >= 3); /* the flips did reach records */
    assert_int_equal(tl_rmrf(dir), 0);
}

int main(void)
{
    fmt_guard_start(); /* as the programs do */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha_fast),
        cmocka_unit_test(gzip_roundtrip),
        cmocka_unit_test(record_roundtrip),
        cmocka_unit_test(verify_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
