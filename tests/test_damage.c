/* test_damage.c - damaged archives, named cases: a record claiming a huge
 * size, a posting list pointing past the end, a cycle in a B-tree, wrong
 * version numbers, truncation, a file renamed over or rewritten in place
 * while open, and the fault guard itself (faults in damaged archives
 * become errors, in two threads at once; a fault of our own still kills).
 *
 * Each case packs the samples into a scratch folder, edits bytes of the
 * file where the structure in question lives (found by its content, so the
 * test follows the writer), and checks the library answers with a code
 * and a message, quickly, and never with wrong data. The damage matrix
 * over the whole file is tests/cli_damage.sh.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "format.h"
#include "internal.h" /* fmt_verify, fmt_get_text: format/ and tests only */
#include "search.h"
#include "guard.h" /* guard_map: where a word's list lies */
#include "tdict.h" /* format 6: which list is a word's */
#include "idtab.h" /* format 7: the ids blocks */
#include "testlib.h"

typedef struct {
    char dir[256];
    char path[300];      /* the archive under test */
    unsigned char *buf;  /* its bytes, as packed */
    size_t len;
} fixture;

/* ---- helpers ----------------------------------------------------------- */

/* What pack_samples adds: the samples whose name starts with only (all
 * when NULL), counted in n. */
typedef struct {
    fmt_writer *w;
    const char *only;
    int n;
} sample_filter;

static int add_sample(void *ctx, const src_file *f)
{
    sample_filter *sf = ctx;
    if (sf->only && strncmp(f->relpath, sf->only, strlen(sf->only)))
        return 0;
    sf->n++;
    return tl_add_source(sf->w, f);
}

/* Pack every document of samples/ (or only those whose name starts with
 * only) into path, as vbpack does. Returns the number of documents. */
static int pack_samples(const char *path, const char *only)
{
    sample_filter sf = {NULL, only, 0};
    fmt_writer_opts o = {0};
    o.created = 1700000000;
    assert_int_equal(fmt_writer_open(&sf.w, path, &o), FMT_OK);
    assert_int_equal(src_walk("samples", add_sample, NULL, &sf), 0);
    char msg[300];
    assert_int_equal(fmt_writer_finish(sf.w, msg, sizeof msg), FMT_OK);
    return sf.n;
}

static void spill(const char *path, const unsigned char *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Offset of the only occurrence of pat in the archive (fails if none or
 * several: the test would not know what it damaged). */
static size_t find_once(const fixture *f, const void *pat, size_t n)
{
    size_t at = SIZE_MAX, count = 0;
    for (size_t i = 0; i + n <= f->len; i++)
        if (!memcmp(f->buf + i, pat, n)) {
            at = i;
            count++;
        }
    assert_int_equal(count, 1);
    return at;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static size_t last_skipped;      /* search_count: entries left out */
static char last_skipmsg[600];

static int search_count(fmt_archive *a, const char *text, size_t *hits)
{
    fmt_query *q;
    size_t pos;
    assert_int_equal(fmt_query_parse(&q, text, NULL, 0, &pos), FMT_OK);
    fmt_results *r;
    fmt_search_opts o = {0};
    o.facets = 1;
    int rc = fmt_search(a, q, &o, &r);
    if (!rc) {
        const char *why;
        *hits = fmt_results_total(r);
        last_skipped = fmt_results_skipped(r, &why);
        snprintf(last_skipmsg, sizeof last_skipmsg, "%s", why);
        fmt_results_free(r);
    }
    fmt_query_free(q);
    return rc;
}


static void count_bad(void *ctx, uint32_t docno, const char *msg)
{
    (void)docno;
    if (getenv("VERBOSE"))
        fprintf(stderr, "  %s\n", msg);
    (*(int *)ctx)++;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_int_equal(tl_tmpdir(f->dir, sizeof f->dir, "vbdamage"), 0);
    snprintf(f->path, sizeof f->path, "%s/a.vbk", f->dir);
    /* every word with positions, as they are damaged here: the samples'
     * words are all in fewer than posdf documents, which keep none
     * (format 7, index.c) */
    assert_int_equal(setenv("VBPACK_POSDF", "0", 1), 0);
    pack_samples(f->path, NULL);
    unsetenv("VBPACK_POSDF");
    f->buf = tl_slurp(f->path, &f->len);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    assert_int_equal(tl_rmrf(f->dir), 0);
    free(f->buf);
    free(f);
    return 0;
}

/* ---- the named cases ----------------------------------------------------- */

/* Where the archive's one chunk of records starts (at) and its first
 * record: a chunk is 'C', n items, (n + 1) offsets of which the first is
 * 0; the summaries' chunk looks the same but its first item is no 'R'. */
static size_t first_record(fixture *f, size_t *at)
{
    fmt_archive *a;
    char msg[300];
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    uint32_t n = fmt_count(a);
    fmt_close(a);
    unsigned char head[6] = {'C', (unsigned char)n, 0, 0, 0, 0};
    size_t first = 2 + 4 * ((size_t)n + 1), count = 0;
    for (size_t i = 0; i + first < f->len; i++)
        if (!memcmp(f->buf + i, head, sizeof head) && f->buf[i + first] == 'R') {
            *at = i;
            count++;
        }
    assert_int_equal(count, 1);
    return *at + first;
}

static void put_be32(unsigned char *p, uint32_t v);

/* Give record 0 (at rec, in the chunk at at) the CRC its bytes now have
 * (format 3's record CRC: the header but the CRC, then the stored
 * bytes), so damage behind it is met by the checks after. */
static void reseal(unsigned char *b, size_t at, size_t rec)
{
    size_t n = (size_t)b[at + 6] << 24 | b[at + 7] << 16 | b[at + 8] << 8 |
               b[at + 9];
    uint32_t crc = fmt_crc32(fmt_crc32(0, b + rec, 14), b + rec + 18, n - 18);
    put_be32(b + rec + 14, crc);
}

/* The first record of the chunk claims a payload of 2 GB; another record's
 * chunk offset points 4 GB on. Both are refused before any allocation. */
static void test_huge_record_size(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    size_t at, rec = first_record(f, &at);
    assert_int_equal(f->buf[rec], 'R');
    unsigned char *b = malloc(f->len);
    memcpy(b, f->buf, f->len);
    b[rec + 6] = 0x7f, b[rec + 7] = 0xff, b[rec + 8] = 0xff, b[rec + 9] = 0xf0;
    spill(f->path, b, f->len);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    fmt_doc d = {0};
    assert_int_equal(fmt_get(a, 0, &d), FMT_CORRUPT); /* the record's CRC */
    assert_non_null(strstr(fmt_errmsg(a), "record 0: checksum"));
    fmt_close(a);
    reseal(b, at, rec); /* as if made so: the length itself is refused */
    b[at + 2 + 4 * 5] = 0xff; /* record 4 ends 4 GB further */
    spill(f->path, b, f->len);
    free(b);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    double t0 = now();
    assert_int_equal(fmt_get(a, 0, &d), FMT_CORRUPT);
    assert_non_null(strstr(fmt_errmsg(a), "record 0"));
    assert_non_null(strstr(fmt_errmsg(a), "length"));
    fmt_buf out = {0};
    fmt_span hl[4];
    size_t nhl, pos;
    fmt_query *q; /* a snippet reads the text in part: the same check */
    assert_int_equal(fmt_query_parse(&q, "minister", NULL, 0, &pos), FMT_OK);
    assert_int_equal(fmt_snippet(a, q, 0, 200, &out, hl, 4, &nhl), FMT_CORRUPT);
    assert_non_null(strstr(fmt_errmsg(a), "length"));
    fmt_query_free(q);
    fmt_buf_free(&out);
    assert_int_equal(fmt_get(a, 4, &d), FMT_CORRUPT);
    assert_non_null(strstr(fmt_errmsg(a), "record 4"));
    assert_int_equal(fmt_get(a, 1, &d), FMT_OK); /* the others still read */
    assert_true(now() - t0 < 1.0);
    int bad = 0;
    assert_int_equal(fmt_verify(a, count_bad, &bad), FMT_CORRUPT);
    assert_true(bad >= 3); /* the checksum, record 0 and record 4 */
    fmt_doc_free(&d);
    fmt_close(a);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A decompression bomb in place of a record's deflate stream: zeros that
 * would inflate to 1000 times the record. Inflating stops at the length
 * the header gives (memory bounded by it), and the record is refused. */
static void test_decompression_bomb(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    size_t at, rec = first_record(f, &at);
    size_t room = be32(f->buf + at + 6) - 18, plen = be32(f->buf + rec + 6);
    /* raw deflate of zeros: gzip's output without its 10-byte header */
    FILE *z = popen("head -c 100000000 /dev/zero | gzip -1 -c", "r");
    assert_non_null(z);
    static unsigned char gz[1 << 20];
    size_t got = fread(gz, 1, sizeof gz, z);
    pclose(z);
    assert_true(got > 10 + room);
    unsigned char *b = malloc(f->len);
    memcpy(b, f->buf, f->len);
    memcpy(b + rec + 18, gz + 10, room);
    reseal(b, at, rec); /* past the record's CRC: the inflating is tried */
    spill(f->path, b, f->len);
    free(b);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    fmt_doc d = {0};
    double t0 = now();
    assert_int_equal(fmt_get(a, 0, &d), FMT_CORRUPT);
    assert_non_null(strstr(fmt_errmsg(a), "record 0"));
    assert_true(now() - t0 < 0.5);
    assert_true(room * 1000 > plen); /* it would have been a bomb */
    assert_int_equal(fmt_get(a, 1, &d), FMT_OK);
    fmt_doc_free(&d);
    fmt_close(a);
}

/* Where p[0..n) (in a's map) lies in the file, checked. */
static size_t file_offset(const fixture *f, fmt_archive *a, const void *p,
                          size_t n)
{
    size_t maplen;
    const unsigned char *map = guard_map(a, &maplen);
    assert_non_null(map);
    assert_true((const unsigned char *)p >= map &&
                (const unsigned char *)p + n <= map + maplen);
    size_t at = (size_t)((const unsigned char *)p - map);
    assert_true(at + n <= f->len);
    assert_memory_equal(f->buf + at, p, n);
    return at;
}

/* Format 6: the list of "nuctech" (inline in its block: df, lengths,
 * postings, positions; see tdict.c) damaged three ways: its first
 * document past the end (the postings), its positions all one bits (the
 * Rice stream: escapes that run past the value), its payload length past
 * the block (the entry itself). Each costs the word its hits (or its
 * phrases), is said in fmt_results_skipped, and verify names it. */
static void test_postings_past_end(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    tdict_iter it;
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    assert_int_equal(a->version, 6); /* 7 deflates the block: test_tdict */
    assert_int_equal(tdict_lookup(a, "nuctech", 7, &it), FMT_OK);
    assert_false(it.ext); /* small: in its block */
    assert_true(it.df < VB_BLOCK && it.df < a->ndocs);
    size_t post = file_offset(f, a, it.post, it.plen + it.poslen);
    size_t pos = post + it.plen;
    size_t poslen = it.poslen;
    /* the payload's head: df, postings length << 1, positions length */
    size_t head = 3, paylen_at = post - head - 1;
    assert_true(it.df < 128 && it.plen < 64 && it.poslen < 128);
    assert_int_equal(f->buf[paylen_at], head + it.plen + it.poslen);
    assert_int_equal(f->buf[paylen_at + 1], it.df);
    fmt_close(a);
    for (int variant = 0; variant < 3; variant++) {
        unsigned char *b = malloc(f->len);
        memcpy(b, f->buf, f->len);
        if (variant == 0) /* the first document: 100 of about 30 */
            b[post] = 100;
        else if (variant == 1) /* the Rice stream */
            memset(b + pos, 0xff, poslen);
        else /* the entry's payload length: past its block */
            b[paylen_at] = 0x7f;
        spill(f->path, b, f->len);
        free(b);
        assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
        size_t hits = 0;
        if (variant != 1) {
            /* the damaged word's hits are left out and said so; the rest
             * of the query still answers */
            assert_int_equal(search_count(a, "nuctech", &hits), FMT_OK);
            assert_int_equal(hits, 0);
            assert_int_equal(last_skipped, 1);
            assert_non_null(strstr(last_skipmsg, "nuctech"));
            assert_non_null(strstr(last_skipmsg, f->path));
            assert_int_equal(search_count(a, "nuctech OR minister", &hits), FMT_OK);
            assert_true(hits > 0);
            assert_int_equal(last_skipped, 1);
        } else {
            /* the documents read; a phrase needs the positions */
            assert_int_equal(search_count(a, "nuctech", &hits), FMT_OK);
            assert_true(hits > 0);
            assert_int_equal(last_skipped, 0);
            int rc = search_count(a, "\"nuctech scanners\"", &hits);
            assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
            if (rc)
                assert_non_null(strstr(fmt_errmsg(a), "damaged"));
            else
                assert_true(hits == 0 || last_skipped > 0);
        }
        /* a word before it (same block or not) and one elsewhere */
        assert_int_equal(search_count(a, "minister", &hits), FMT_OK);
        assert_true(hits > 0);
        assert_int_equal(last_skipped, 0);
        assert_int_equal(search_count(a, "schiphol", &hits), FMT_OK);
        assert_true(hits > 0);
        tl_wanted w = {0, variant == 2 ? "damaged near 'nuctech'"
                                    : "index entry 'nuctech' damaged", 0};
        assert_int_equal(fmt_verify(a, tl_look_for, &w), FMT_CORRUPT);
        assert_true(w.seen);
        assert_true(w.n >= 2); /* the checksum and the index entry */
        fmt_close(a);
    }
}

/* Format 2 from tests/data (the old lists, postings.c) */
static int setup_format2(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_int_equal(tl_tmpdir(f->dir, sizeof f->dir, "vbdamage"), 0);
    snprintf(f->path, sizeof f->path, "%s/f2.vbk", f->dir);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "gzip -dc tests/data/format2.vbk.gz >'%s'", f->path);
    assert_int_equal(system(cmd), 0);
    f->buf = tl_slurp(f->path, &f->len);
    *state = f;
    return 0;
}

/* Format 6 from tests/data (plain blocks: format 7 deflates them) */
static int setup_format6(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_int_equal(tl_tmpdir(f->dir, sizeof f->dir, "vbdamage"), 0);
    snprintf(f->path, sizeof f->path, "%s/f6.vbk", f->dir);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "gzip -dc tests/data/format6.vbk.gz >'%s'", f->path);
    assert_int_equal(system(cmd), 0);
    f->buf = tl_slurp(f->path, &f->len);
    *state = f;
    return 0;
}

/* Format 2-5 (postings.c), on tests/data/format2.vbk.gz: the posting
 * list of "nuctech" names document 100 of 3, then its skip table claims a
 * block longer than the value. */
static void test_postings_past_end_old(void **state)
{
    fixture *f = *state;
    /* leaf node: u16 size lo, hi, flags, key size 7, then key and value */
    unsigned char node[] = {0, 0, 0, 0, 0, 0, 7, 0, 'n', 'u', 'c', 't', 'e',
                            'c', 'h'};
    size_t at = SIZE_MAX;
    for (size_t i = 0; i + sizeof node <= f->len; i++)
        if (!memcmp(f->buf + i + 4, node + 4, sizeof node - 4) &&
            f->buf[i + 2] == 0 && f->buf[i + 15] < 0x80 &&
            f->buf[i + 16] == 1 && f->buf[i + 17] == 1)
            at = i + 15; /* varint list length, df 1, 1 block */
    assert_true(at != SIZE_MAX);
    fmt_archive *a;
    char msg[300];
    size_t hits = 0;
    for (int variant = 0; variant < 2; variant++) {
        unsigned char *b = malloc(f->len);
        memcpy(b, f->buf, f->len);
        if (variant == 0) /* last-doc delta and doc delta: 100 */
            b[at + 3] = 100, b[at + 5] = 100;
        else /* block length: far past the end */
            b[at + 4] = 0x7f;
        spill(f->path, b, f->len);
        free(b);
        assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
        /* the damaged word's hits are left out and said so; the rest of
         * the query still answers */
        assert_int_equal(search_count(a, "nuctech", &hits), FMT_OK);
        assert_int_equal(hits, 0);
        assert_int_equal(last_skipped, 1);
        assert_non_null(strstr(last_skipmsg, "nuctech"));
        assert_int_equal(search_count(a, "nuctech OR schiphol", &hits), FMT_OK);
        assert_true(hits > 0);
        assert_int_equal(last_skipped, 1);
        assert_int_equal(search_count(a, "schiphol", &hits), FMT_OK);
        assert_true(hits > 0);
        assert_int_equal(last_skipped, 0);
        int bad = 0;
        assert_int_equal(fmt_verify(a, count_bad, &bad), FMT_CORRUPT);
        assert_true(bad >= 2); /* the checksum and the index entry */
        fmt_close(a);
    }
}

/* LMDB page header: number, pad, flags, lower, upper; branch nodes hold
 * the child page number in their first six bytes. */
static int page_flags(const fixture *f, size_t pg, uint32_t ps)
{
    return f->buf[pg * ps + 10] | f->buf[pg * ps + 11] << 8;
}

/* A branch page of a table points back to itself: LMDB would descend for
 * ever; the cursor stack stops it, every lookup through that child fails
 * with a message, the rest of the archive reads, nothing hangs. With
 * wild set, the children point far past the end of the file instead,
 * where LMDB would read other memory (the heap, as fuzz_open found). */
static void btree_damage(void **state, int wild)
{
    fixture *f = *state;
    uint32_t ps = f->buf[40] | f->buf[41] << 8 | f->buf[42] << 16;
    size_t npages = (f->len - 64) / ps, cycles = 0;
    unsigned char *b = malloc(f->len);
    memcpy(b, f->buf, f->len);
    for (size_t pg = 2; pg < npages; pg++) {
        if (page_flags(f, pg, ps) != 1 || f->buf[pg * ps] != (pg & 0xff))
            continue;
        unsigned lower = f->buf[pg * ps + 12] | f->buf[pg * ps + 13] << 8;
        for (unsigned k = 1; k < (lower - 16) / 2; k += 2) {
            size_t off = f->buf[pg * ps + 16 + 2 * k] |
                         f->buf[pg * ps + 17 + 2 * k] << 8;
            unsigned char *nd = b + pg * ps + off;
            nd[0] = (unsigned char)pg, nd[1] = (unsigned char)(pg >> 8);
            nd[2] = nd[3] = nd[4] = nd[5] = 0;
            if (wild)
                nd[2] = 0x40; /* page 2^22 + pg: 16 GB on */
            cycles++;
        }
    }
    assert_true(cycles > 0);
    /* what each id's search finds in the intact archive (some ids, as
     * ah-tk-20142015-1365, are no words of their text: 0 there too) */
    spill(f->path, f->buf, f->len);
    fmt_archive *a0;
    char msg0[300];
    assert_int_equal(fmt_open(&a0, f->path, msg0, sizeof msg0), FMT_OK);
    uint32_t n0 = fmt_count(a0);
    size_t *intact = calloc(n0 + 1, sizeof *intact);
    assert_non_null(intact);
    for (uint32_t i = 0; i < n0; i++) {
        fmt_summary s0 = {0};
        assert_int_equal(fmt_get_summary(a0, i, &s0), FMT_OK);
        assert_int_equal(search_count(a0, s0.id, &intact[i]), FMT_OK);
        fmt_summary_free(&s0);
    }
    fmt_close(a0);
    spill(f->path, b, f->len);
    free(b);
    fmt_archive *a;
    char msg[300];
    double t0 = now();
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    uint32_t n = fmt_count(a);
    fmt_doc d = {0};
    fmt_summary s = {0};
    int ok = 0, failed = 0;
    /* records and summaries are read at their positions, past the
     * B-trees: unharmed */
    char **ids = calloc(n, sizeof *ids);
    assert_non_null(ids);
    for (uint32_t i = 0; i < n; i++) {
        assert_int_equal(fmt_get_summary(a, i, &s), FMT_OK);
        assert_int_equal(fmt_get(a, i, &d), FMT_OK);
        ids[i] = strdup(s.id);
    }
    fmt_close(a);
    /* each document's id is looked up in the index (format 6: the terms
     * table, the one with branch pages here). Each on a handle of its
     * own: in format 6 a lookup that walks to a damaged sibling can trip
     * an LMDB assertion, after which the guard gives up on the handle
     * (a lookup that meets the cycle head-on fails alone) */
    for (uint32_t i = 0; i < n; i++) {
        assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
        size_t hits;
        int rc = search_count(a, ids[i], &hits);
        assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
        rc || hits != intact[i] ? failed++ : ok++;
        if (rc)
            assert_non_null(strstr(fmt_errmsg(a), "damaged"));
        if (!rc && hits != intact[i]) /* a word left out: said so */
            assert_non_null(strstr(last_skipmsg, "damaged"));
        fmt_close(a);
        free(ids[i]);
    }
    free(ids);
    free(intact);
    assert_true(failed > 0 && (ok > 0 || wild)); /* a wild page: all */
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    static const char *const words[] = {"nuctech", "minister", "vrag*",
                                        "zorg", "\"de minister\""};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t hits;
        int rc = search_count(a, words[i], &hits);
        assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
    }
    fmt_close(a);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    int bad = 0;
    assert_int_equal(fmt_verify(a, count_bad, &bad), FMT_CORRUPT);
    assert_true(bad > 1);
    assert_true(now() - t0 < 5.0);
    fmt_doc_free(&d);
    fmt_summary_free(&s);
    fmt_close(a);
}

static void test_btree_cycle(void **state) { btree_damage(state, 0); }
static void test_btree_wild_page(void **state) { btree_damage(state, 1); }

/* Wrong version numbers: the archive's own (meta "version"), LMDB's data
 * version, LMDB's magic. */
/* A damaged zaak list: a search that lists cases still answers, its
 * documents standing as cases of their own, and says what it left out. */
static void test_zaak_list(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    const unsigned char *v;
    size_t vl;
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    assert_int_equal(idtab_get(a, "z2022Z01227", 11, &v, &vl), FMT_OK);
    assert_int_equal(vl, 4);
    size_t at = file_offset(f, a, v, 4);
    fmt_close(a);
    unsigned char *b = malloc(f->len);
    memcpy(b, f->buf, f->len);
    memset(b + at, 0xff, 4); /* its document number: past the end */
    spill(f->path, b, f->len);
    free(b);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    fmt_query *q;
    size_t pos;
    assert_int_equal(fmt_query_parse(&q, "nuctech", NULL, 0, &pos), FMT_OK);
    fmt_search_opts o = {0};
    o.cases = 1;
    fmt_results *r;
    const char *why;
    assert_int_equal(fmt_search(a, q, &o, &r), FMT_OK);
    assert_int_equal(fmt_results_cases(r), 1);
    assert_int_equal(fmt_results_skipped(r, &why), 1);
    assert_non_null(strstr(why, "zaak list"));
    fmt_results_free(r);
    fmt_query_free(q);
    fmt_close(a);
}

/* Format 7's ids blocks, every byte of the first block flipped three ways:
 * an id either leads to its own document or fails with a code, never to
 * another one; an id that fails is reported by verify; nothing crashes. */
static void test_ids_blocks(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    assert_int_equal(a->version, FMT_VERSION_NUMBER);
    uint32_t n = fmt_count(a);
    char **ids = calloc(n, sizeof *ids);
    assert_non_null(ids);
    for (uint32_t i = 0; i < n; i++) {
        fmt_summary s = {0};
        assert_int_equal(fmt_get_summary(a, i, &s), FMT_OK);
        ids[i] = strdup(s.id);
        fmt_summary_free(&s);
        uint32_t d;
        assert_int_equal(fmt_find(a, ids[i], &d), FMT_OK);
        assert_int_equal(d, i);
    }
    idtab_iter it;
    assert_int_equal(idtab_seek(a, &it, "", 0), FMT_OK);
    idtab_close(&it);
    const unsigned char *v;
    size_t vl;
    assert_int_equal(store_get(a, a->ids, it.key, it.kl, &v, &vl), FMT_OK);
    size_t at = file_offset(f, a, v, vl);
    fmt_close(a);
    unsigned char *b = malloc(f->len);
    assert_non_null(b);
    int failed = 0, reported = 0;
    static const unsigned char flips[] = {0x01, 0x80, 0xff};
    for (size_t k = 0; k < vl; k++)
        for (size_t x = 0; x < sizeof flips; x++) {
            memcpy(b, f->buf, f->len);
            b[at + k] ^= flips[x];
            spill(f->path, b, f->len);
            assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
            int lost = 0;
            for (uint32_t i = 0; i < n; i++) {
                uint32_t d = UINT32_MAX;
                int rc = fmt_find(a, ids[i], &d);
                if (rc == FMT_OK)
                    assert_int_equal(d, i);
                else
                    lost = 1;
            }
            /* (every flip breaks the content's checksum: what counts is
             * that verify also names the table) */
            tl_wanted w = {0, "ids", 0};
            int vrc = fmt_verify(a, tl_look_for, &w);
            if (lost) {
                failed++;
                assert_int_equal(vrc, FMT_CORRUPT);
                assert_true(w.seen);
            }
            reported += w.seen;
            fmt_close(a);
        }
    /* most flips of a block lose some ids (the rest: a zaak's list, which
     * test_zaak_list covers, or a byte that leaves the ids intact) */
    if (getenv("VERBOSE"))
        fprintf(stderr, "  ids block of %zu bytes: %d of %zu flips lost ids, %d reported\n", vl, failed, 3 * vl, reported);
    assert_true(failed > (int)vl);
    assert_true(reported >= failed);
    spill(f->path, f->buf, f->len);
    for (uint32_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    free(b);
}

static void test_wrong_version(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    /* the meta entry: key length 7, "version", the number */
    char pat[11];
    snprintf(pat, sizeof pat, "%c%cversion%d", 7, 0, FMT_VERSION_NUMBER);
    size_t at = find_once(f, pat, 10);
    unsigned char *b = malloc(f->len);
    char vs[3] = {(char)('0' + FMT_VERSION_NUMBER + 1), '1', 0};
    for (const char *v = vs; *v; v++) { /* newer, and older than 2 */
        memcpy(b, f->buf, f->len);
        b[at + 9] = (unsigned char)*v;
        spill(f->path, b, f->len);
        assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_VERSION);
        assert_null(a);
        char want[16];
        snprintf(want, sizeof want, "format %c", *v);
        assert_non_null(strstr(msg, want));
        assert_non_null(strstr(msg, f->path));
    }

    memcpy(b, f->buf, f->len);
    b[20] = 2; /* LMDB's data version in meta page 0 */
    spill(f->path, b, f->len);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_VERSION);
    assert_non_null(strstr(msg, "version"));

    memcpy(b, f->buf, f->len);
    b[16] ^= 0x01; /* LMDB's magic */
    spill(f->path, b, f->len);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_VERSION);
    assert_non_null(strstr(msg, "not a Vraagbaak archive"));

    memcpy(b, f->buf, f->len);
    uint32_t ps = f->buf[40] | f->buf[41] << 8 | f->buf[42] << 16;
    b[ps + 16] ^= 0x01; /* magic of meta page 1: damage, not another kind */
    spill(f->path, b, f->len);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_CORRUPT);
    assert_non_null(strstr(msg, "damaged archive header"));
    free(b);
}

/* Truncated anywhere in the pages: refused at open, with both sizes. Cut in
 * the trailer: the pages read, verify says the trailer is missing. */
static void test_truncated(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    size_t cuts[] = {0, 100, 4096, 8192 + 17, f->len / 2, f->len - 65};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        spill(f->path, f->buf, cuts[i]);
        int rc = fmt_open(&a, f->path, msg, sizeof msg);
        assert_true(rc == FMT_VERSION || rc == FMT_CORRUPT);
        assert_non_null(strstr(msg, f->path));
    }
    spill(f->path, f->buf, f->len - 10);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    fmt_doc d = {0};
    assert_int_equal(fmt_get(a, 0, &d), FMT_OK);
    int bad = 0;
    assert_int_equal(fmt_verify(a, count_bad, &bad), FMT_CORRUPT);
    assert_int_equal(bad, 1);
    assert_non_null(strstr(fmt_errmsg(a), "trailer"));
    fmt_doc_free(&d);
    fmt_close(a);
}

/* ---- files changing under an open handle ---------------------------------- */

/* The texts of every document of a. */
static char **all_texts(fmt_archive *a, uint32_t *n)
{
    *n = fmt_count(a);
    char **t = calloc(*n + 1, sizeof *t);
    fmt_doc d = {0};
    for (uint32_t i = 0; i < *n; i++) {
        assert_int_equal(fmt_get(a, i, &d), FMT_OK);
        t[i] = strndup(d.text, d.len);
    }
    fmt_doc_free(&d);
    return t;
}

static void free_texts(char **t, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        free(t[i]);
    free(t);
}

/* Another archive renamed over the open one (as vbpack pack does): the
 * handle keeps reading what it opened, every byte the same. */
static void test_renamed_over(void **state)
{
    fixture *f = *state;
    fmt_archive *a, *b;
    char msg[300], other[320];
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    uint32_t n;
    char **before = all_texts(a, &n);
    snprintf(other, sizeof other, "%s/b.vbk", f->dir);
    int nb = pack_samples(other, "kv-");
    assert_int_equal(rename(other, f->path), 0);
    uint32_t n2;
    char **after = all_texts(a, &n2);
    assert_int_equal(n, n2);
    for (uint32_t i = 0; i < n; i++)
        assert_string_equal(before[i], after[i]);
    size_t hits;
    assert_int_equal(search_count(a, "nuctech", &hits), FMT_OK);
    assert_int_equal(hits, 1);
    assert_int_equal(fmt_verify(a, NULL, NULL), FMT_OK);
    assert_int_equal(fmt_open(&b, f->path, msg, sizeof msg), FMT_OK);
    assert_int_equal(fmt_count(b), (uint32_t)nb);
    fmt_close(b);
    fmt_close(a);
    free_texts(before, n);
    free_texts(after, n2);
}

/* The file rewritten in place while open (cp over it truncates, then
 * writes): reads give the old text, an error, never a crash; once pages
 * vanished the handle stays broken. */
static void test_rewritten_in_place(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300], other[320];
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    uint32_t n;
    char **before = all_texts(a, &n);
    snprintf(other, sizeof other, "%s/b.vbk", f->dir);
    pack_samples(other, "ah-");
    size_t blen;
    unsigned char *b = tl_slurp(other, &blen);
    assert_true(blen < f->len);
    assert_int_equal(truncate(f->path, 0), 0);
    fmt_doc d = {0};
    int errors = 0;
    for (uint32_t i = 0; i < n; i++) { /* every page is gone now */
        int rc = fmt_get(a, i, &d);
        assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
        if (rc == FMT_OK)
            assert_memory_equal(d.text, before[i], d.len);
        errors += rc != FMT_OK;
    }
    assert_true(errors > 0);
    FILE *out = fopen(f->path, "r+b");
    assert_non_null(out);
    assert_int_equal(fwrite(b, 1, blen, out), blen);
    fclose(out);
    for (uint32_t i = 0; i < n; i++) {
        int rc = fmt_get(a, i, &d);
        assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
        if (rc == FMT_OK)
            assert_memory_equal(d.text, before[i], d.len);
    }
    size_t hits;
    int rc = search_count(a, "minister", &hits);
    assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
    fmt_doc_free(&d);
    fmt_close(a);
    free(b);
    free_texts(before, n);
}

/* ---- the guard ---------------------------------------------------------- */

typedef struct {
    const char *path;
    int rounds, ok, errors;
} reader_job;

static void *read_all(void *p)
{
    reader_job *j = p;
    fmt_archive *a;
    char msg[300];
    if (fmt_open(&a, j->path, msg, sizeof msg)) {
        j->errors++;
        return NULL;
    }
    fmt_doc d = {0};
    for (int r = 0; r < j->rounds; r++) {
        for (uint32_t i = 0; i < fmt_count(a); i++)
            fmt_get(a, i, &d) ? j->errors++ : j->ok++;
        size_t hits;
        search_count(a, "minister", &hits) ? j->errors++ : j->ok++;
    }
    fmt_doc_free(&d);
    fmt_close(a);
    return NULL;
}

/* Two threads, each with its own handle: one reads an archive full of
 * broken pages, the other a sound one; the faults of the first never
 * touch the second. */
static void test_threads(void **state)
{
    fixture *f = *state;
    char good[320];
    snprintf(good, sizeof good, "%s/good.vbk", f->dir);
    spill(good, f->buf, f->len);
    unsigned char *b = malloc(f->len);
    memcpy(b, f->buf, f->len);
    uint32_t ps = f->buf[40] | f->buf[41] << 8 | f->buf[42] << 16;
    for (size_t pg = 3; pg < (f->len - 64) / ps; pg += 2) /* page headers */
        memset(b + pg * ps + 8, 0xA5, 8);
    spill(f->path, b, f->len);
    free(b);
    reader_job bad = {f->path, 20, 0, 0}, ok = {good, 20, 0, 0};
    pthread_t t1, t2;
    assert_int_equal(pthread_create(&t1, NULL, read_all, &bad), 0);
    assert_int_equal(pthread_create(&t2, NULL, read_all, &ok), 0);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert_true(bad.errors > 0);
    assert_int_equal(ok.errors, 0);
    assert_true(ok.ok > 0);
}

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* Records are read at the positions the writer stored (cols "dpos": per
 * chunk u64 offset, u32 length, then a CRC). A damaged position fails its
 * CRC: reads go through LMDB instead, give the right document, and verify
 * names the damage. A position with a good CRC that points at the
 * summaries' chunk: records are refused, never shown wrong. */
static void test_positions(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    fmt_doc good = {0}, d = {0};
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    assert_int_equal(fmt_get(a, 3, &good), FMT_OK);
    fmt_close(a);
    size_t at = find_once(f, "dpos", 4) + 4, rec;
    size_t summ = SIZE_MAX, rat;
    rec = first_record(f, &rat);
    (void)rec;
    uint64_t off = 0;
    for (int i = 0; i < 8; i++)
        off = off << 8 | f->buf[at + i];
    assert_int_equal(off, rat); /* the position is the chunk's */
    unsigned char *b = malloc(f->len);

    memcpy(b, f->buf, f->len);
    b[at + 11] ^= 0x04; /* its length */
    spill(f->path, b, f->len);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    assert_int_equal(fmt_get(a, 3, &d), FMT_OK);
    assert_string_equal(d.id, good.id);
    assert_int_equal(d.len, good.len);
    tl_wanted w = {0, "positions of the records damaged", 0};
    assert_int_equal(fmt_verify(a, tl_look_for, &w), FMT_CORRUPT);
    assert_true(w.seen);
    fmt_close(a);

    /* the summaries' chunk (format 6: 'Z', the same count), where its
     * own position (cols "spos") says */
    size_t sat = find_once(f, "spos", 4) + 4;
    summ = 0;
    for (int i = 0; i < 8; i++)
        summ = summ << 8 | f->buf[sat + i];
    assert_true(summ < f->len && f->buf[summ] == 'Z' &&
                f->buf[summ + 1] == f->buf[rat + 1]);
    memcpy(b, f->buf, f->len);
    for (int i = 0; i < 8; i++)
        b[at + i] = (unsigned char)(summ >> (56 - 8 * i));
    put_be32(b + at + 12, fmt_crc32(0, b + at, 12));
    spill(f->path, b, f->len);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    assert_int_equal(fmt_get(a, 3, &d), FMT_CORRUPT);
    assert_non_null(strstr(fmt_errmsg(a), "record 3"));
    tl_wanted w2 = {0, "not where its position says", 0};
    assert_int_equal(fmt_verify(a, tl_look_for, &w2), FMT_CORRUPT);
    assert_true(w2.seen && w2.n > 2); /* the records, and the position */
    fmt_close(a);
    free(b);
    fmt_doc_free(&good);
    fmt_doc_free(&d);
}

/* A fault that is not a damaged archive's (our own bug) still crashes
 * loudly after the guard's handler is installed. */
static void test_own_fault_still_crashes(void **state)
{
    fixture *f = *state;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) { /* as in a program: no handler but the default */
        signal(SIGSEGV, SIG_DFL);
        fmt_archive *a;
        if (fmt_open(&a, f->path, NULL, 0))
            _exit(3);
        fmt_doc d = {0};
        fmt_get(a, 0, &d);
        volatile uintptr_t where = 16; /* not known to the compiler */
        *(volatile int *)where = 1;
        _exit(0);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    /* killed by SIGSEGV, or a sanitizer's report and exit */
    assert_true((WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV) ||
                (WIFEXITED(st) && WEXITSTATUS(st) != 0 &&
                 WEXITSTATUS(st) != 3));
}

int main(void)
{
    fmt_guard_start(); /* as the programs do */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_huge_record_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decompression_bomb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_postings_past_end, setup_format6,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_postings_past_end_old, setup_format2,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_btree_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_btree_wild_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zaak_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ids_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_renamed_over, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rewritten_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_own_fault_still_crashes, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
