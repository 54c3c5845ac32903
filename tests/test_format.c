/* test_format.c - the archive library against real archives in a scratch
 * folder: what goes in comes out, bad archives are refused with a code, not
 * a crash, and packing is deterministic.
 */
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
#include "format.h"
#include "internal.h" /* fmt_verify, fmt_get_text: format/ and tests only */
#include "guard.h"    /* sizes_of_samples finds a list in the file */
#include "tdict.h"    /* and which word it is (format 6) */
#include "search.h"
#include "testlib.h"

typedef struct {
    char dir[256];
    char path[300];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_int_equal(tl_tmpdir(f->dir, sizeof f->dir, "vbtest"), 0);
    snprintf(f->path, sizeof f->path, "%s/a.vbk", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    assert_int_equal(tl_rmrf(f->dir), 0);
    free(f);
    return 0;
}

static void make_doc(fmt_doc *d, const char *id, int kind, const char *zaak,
                     int32_t date, const char *text)
{
    memset(d, 0, sizeof *d);
    assert_int_equal(fmt_doc_set_text(d, text, strlen(text)), 0);
    assert_int_equal(fmt_doc_set_str(&d->id, id, (size_t)-1), 0);
    char src[300];
    snprintf(src, sizeof src, "%s.txt", id);
    assert_int_equal(fmt_doc_set_str(&d->source, src, (size_t)-1), 0);
    d->kind = kind;
    snprintf(d->zaak, sizeof d->zaak, "%s", zaak);
    d->submitted = kind == FMT_QUESTION ? date : date - 100;
    d->received = kind == FMT_QUESTION ? 0 : date;
    assert_int_equal(fmt_doc_add_member(d, "Inge van Dijk", (size_t)-1, "CDA",
                                        (size_t)-1), 0);
    assert_int_equal(fmt_doc_add_str(&d->addressees, &d->naddressees,
                                     "Minister van Justitie en Veiligheid",
                                     (size_t)-1), 0);
    assert_int_equal(fmt_doc_set_str(&d->subject, "douanescanners", (size_t)-1), 0);
    d->header = (fmt_span){0, (uint32_t)(strlen(text) > 20 ? 20 : strlen(text))};
}

/* Pack n documents (i-th text varies) into f->path. */
static void pack(fixture *f, int n, int reverse)
{
    fmt_writer *w;
    assert_int_equal(fmt_writer_open(&w, f->path, NULL), FMT_OK);
    for (int k = 0; k < n; k++) {
        int i = reverse ? n - 1 - k : k;
        char id[32], text[256], zaak[32];
        snprintf(id, sizeof id, "doc%03d", i);
        snprintf(zaak, sizeof zaak, "2022Z%05d", i / 2);
        snprintf(text, sizeof text,
                 "Vragen over douanescanners nummer %d. Geïnstalleerd bij "
                 "Schiphol? De scanners van Nuctech.%s",
                 i, i % 3 ? "" : " Een gelijk speelveld.");
        fmt_doc d;
        make_doc(&d, id, i % 2 ? FMT_ANSWER : FMT_QUESTION, zaak,
                 20220101 + i % 28, text);
        assert_int_equal(fmt_writer_add(w, &d), FMT_OK);
        fmt_doc_free(&d);
    }
    char msg[256];
    assert_int_equal(fmt_writer_finish(w, msg, sizeof msg), FMT_OK);
}

static void roundtrip(void **state)
{
    fixture *f = *state;
    pack(f, 40, 0);
    fmt_archive *a;
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    assert_int_equal(fmt_count(a), 40);
    uint32_t no;
    assert_int_equal(fmt_find(a, "doc007", &no), FMT_OK);
    fmt_doc d = {0};
    assert_int_equal(fmt_get(a, no, &d), FMT_OK);
    assert_string_equal(d.id, "doc007");
    assert_string_equal(d.source, "doc007.txt");
    assert_int_equal(d.kind, FMT_ANSWER);
    assert_non_null(strstr(d.text, "nummer 7."));
    assert_string_equal(d.members[0].name, "Inge van Dijk");
    assert_string_equal(d.members[0].party, "CDA");
    /* documents come in date order */
    fmt_summary s = {0};
    int32_t prev = 0;
    for (uint32_t i = 0; i < fmt_count(a); i++) {
        assert_int_equal(fmt_get_summary(a, i, &s), FMT_OK);
        assert_true(s.date >= prev);
        prev = s.date;
    }
    /* zaak lists: question first */
    uint32_t z[8];
    size_t nz;
    assert_int_equal(fmt_zaak_docs(a, "2022Z00003", z, 8, &nz), FMT_OK);
    assert_int_equal(nz, 2);
    assert_int_equal(fmt_get_summary(a, z[0], &s), FMT_OK);
    assert_int_equal(s.kind, FMT_QUESTION);
    assert_int_equal(fmt_find(a, "nope", &no), FMT_NOTFOUND);
    assert_int_equal(fmt_get(a, 40, &d), FMT_NOTFOUND);
    assert_int_equal(fmt_verify(a, NULL, NULL), FMT_OK);
    fmt_summary_free(&s);
    fmt_doc_free(&d);
    fmt_close(a);
}

static void search_basics(void **state)
{
    fixture *f = *state;
    pack(f, 40, 0);
    fmt_archive *a;
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    struct {
        const char *q;
        size_t hits;
    } cases[] = {
        {"nuctech", 40},           {"scanner", 40},      /* stem: scanners */
        {"geinstalleerd", 40},     {"\"gelijk speelveld\"", 14},
        {"\"speelveld gelijk\"", 0}, {"nummer 7", 1},
        {"nuctech -speelveld", 26}, {"douane*", 40},
        {"soort:antwoord", 20},    {"partij:CDA", 40},
        {"7 OR 8", 2},             {"", 40},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fmt_query *q;
        char err[128];
        size_t pos;
        assert_int_equal(fmt_query_parse(&q, cases[i].q, err, sizeof err, &pos),
                         FMT_OK);
        fmt_results *r;
        fmt_search_opts o = {0};
        o.facets = 1;
        assert_int_equal(fmt_search(a, q, &o, &r), FMT_OK);
        if (fmt_results_total(r) != cases[i].hits)
            fail_msg("%s: %zu hits, want %zu", cases[i].q, fmt_results_total(r),
                     cases[i].hits);
        fmt_results_free(r);
        fmt_query_free(q);
    }
    fmt_close(a);
}

static void deterministic(void **state)
{
    fixture *f = *state;
    pack(f, 30, 0);
    char other[320], cmd[700];
    snprintf(other, sizeof other, "%s/b.vbk", f->dir);
    assert_int_equal(rename(f->path, other), 0);
    pack(f, 30, 1); /* same documents, added in the other order */
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", f->path, other);
    assert_int_equal(system(cmd), 0);
}

static void write_bytes(const char *path, const void *p, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(p, 1, n, fp), n);
    fclose(fp);
}

static void bad_archives(void **state)
{
    fixture *f = *state;
    fmt_archive *a;
    char msg[300];
    assert_int_equal(fmt_open(&a, "/nonexistent/x.vbk", msg, sizeof msg), FMT_IO);
    assert_null(a);
    assert_non_null(strstr(msg, "/nonexistent/x.vbk"));
    write_bytes(f->path, "", 0);
    assert_int_not_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_OK);
    write_bytes(f->path, "hello, this is not an archive at all", 36);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_VERSION);
    /* a truncated archive is refused before it is mapped */
    pack(f, 20, 0);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(truncate(f->path, st.st_size / 2), 0);
    assert_int_equal(fmt_open(&a, f->path, msg, sizeof msg), FMT_CORRUPT);
    assert_non_null(strstr(msg, "truncated"));
}

/* Flip a byte inside each record's stored value: verify names it. */
static void flipped_record(void **state)
{
    fixture *f = *state;
    pack(f, 10, 0);
    FILE *fp = fopen(f->path, "r+b");
    assert_non_null(fp);
    /* find the text of doc 5's record by its header bytes 'R' 1 ... and
     * flip a byte further in: search the file for the record magic */
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    unsigned char *buf = malloc((size_t)size);
    fseek(fp, 0, SEEK_SET);
    assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
    long hits = 0;
    fmt_archive *a;
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    fmt_close(a);
    for (long i = 0; i + 20 < size; i++)
        if (buf[i] == 'R' && buf[i + 1] == 1) {
            /* plausible record header: payload length small */
            uint32_t plen = (uint32_t)buf[i + 6] << 24 | buf[i + 7] << 16 |
                            buf[i + 8] << 8 | buf[i + 9];
            if (plen > 50 && plen < 2000) {
                buf[i + 16] ^= 0x40;
                hits++;
                break;
            }
        }
    assert_int_equal(hits, 1);
    fseek(fp, 0, SEEK_SET);
    assert_int_equal(fwrite(buf, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    free(buf);
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    assert_int_equal(fmt_verify(a, NULL, NULL), FMT_CORRUPT);
    fmt_close(a);
}

/* Format 6 stores each chunk of summaries deflated ('Z', the count, a
 * CRC, the lengths, each summary deflated alone), smaller than the
 * summaries themselves, and reads back what the records say. A byte
 * flipped in a deflated summary is caught by the chunk's CRC before
 * anything is inflated: the read names the archive and the record, and
 * verify reports it. */
static void compressed_summaries(void **state)
{
    fixture *f = *state;
    pack(f, 300, 0); /* chunks of 128, 128 and 44 */
    fmt_archive *a;
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    assert_int_equal(a->version, FMT_VERSION_NUMBER);
    fmt_doc d = {0};
    fmt_summary s = {0};
    fmt_buf plain = {0};
    for (uint32_t c = 0; c < 3; c++) {
        unsigned char key[4] = {0, 0, 0, (unsigned char)c};
        const unsigned char *v;
        size_t n, items;
        uint32_t count = c < 2 ? VB_CHUNK : 44, off[VB_CHUNK + 1];
        assert_int_equal(store_get(a, a->summary, key, 4, &v, &n), FMT_OK);
        assert_int_equal(v[0], 'Z');
        assert_int_equal(record_zchunk_parse(v, n, count, off, &items),
                         VB_CHUNK_OK);
        plain.len = 0;
        for (uint32_t i = 0; i < count; i++) {
            uint32_t no = c * VB_CHUNK + i;
            assert_int_equal(fmt_get(a, no, &d), FMT_OK);
            assert_int_equal(fmt_get_summary(a, no, &s), FMT_OK);
            assert_int_equal(s.docno, no);
            assert_string_equal(s.id, d.id);
            assert_string_equal(s.zaak, d.zaak);
            assert_int_equal(s.kind, d.kind);
            assert_int_equal(s.submitted, d.submitted);
            assert_int_equal(s.received, d.received);
            assert_string_equal(s.subject, d.subject);
            assert_string_equal(s.members, "Inge van Dijk");
            assert_string_equal(s.parties, "CDA");
            assert_string_equal(s.addressees, "Minister van Justitie en Veiligheid");
            assert_int_equal(s.status, a->col_status[no]);
            /* an answer's days: from the submission its header gives to
             * its receipt (a question's are its case's) */
            if (d.kind == FMT_ANSWER)
                assert_int_equal(s.answer_days, record_days(d.received) -
                                                    record_days(d.submitted));
            assert_int_equal(record_summary_encode(&d, s.status, s.answer_days,
                                                   &plain), FMT_OK);
        }
        /* stored deflated: smaller than the summaries as format 5 had them */
        assert_true(n < plain.len);
    }
    /* the rows of a list, newest first, as the reader asks for them */
    for (uint32_t i = 300; i-- > 0;)
        assert_int_equal(fmt_get_summary(a, i, &s), FMT_OK);
    uint64_t at = vb_get_be64(a->spos + 12), len = vb_get_be32(a->spos + 20);
    fmt_close(a);

    /* the chunks' positions damaged (their CRC): read through LMDB, the
     * same summaries */
    size_t size;
    unsigned char *buf = tl_slurp(f->path, &size), *sp = NULL;
    for (size_t i = 0; i + 4 + 40 <= size && !sp; i++)
        if (!memcmp(buf + i, "spos", 4))
            sp = buf + i + 4; /* the key, then its value: 3 positions, a CRC */
    assert_non_null(sp);
    sp[39] ^= 0x01;
    write_bytes(f->path, buf, size);
    sp[39] ^= 0x01;
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    assert_null(a->spos);
    for (uint32_t i = 300; i-- > 0;) {
        assert_int_equal(fmt_get(a, i, &d), FMT_OK);
        assert_int_equal(fmt_get_summary(a, i, &s), FMT_OK);
        assert_string_equal(s.id, d.id);
    }
    fmt_close(a);
    write_bytes(f->path, buf, size);
    free(buf);

    /* a byte of chunk 1's deflated summaries flipped */
    buf = tl_slurp(f->path, &size);
    assert_non_null(buf);
    assert_true(at + len <= size && buf[at] == 'Z');
    buf[at + len - 9] ^= 0x10;
    write_bytes(f->path, buf, size);
    free(buf);
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    assert_int_equal(fmt_get_summary(a, 3, &s), FMT_OK); /* chunk 0 */
    /* the last summary's bytes: its group of 8 is refused, the other
     * groups have CRCs of their own */
    assert_int_equal(fmt_get_summary(a, 2 * VB_CHUNK - 1, &s), FMT_CORRUPT);
    assert_non_null(strstr(fmt_errmsg(a), f->path));
    assert_non_null(strstr(fmt_errmsg(a), "summary of record 255"));
    assert_non_null(strstr(fmt_errmsg(a), "checksum mismatch"));
    assert_int_equal(fmt_get_summary(a, 2 * VB_CHUNK - 8, &s), FMT_CORRUPT);
    assert_int_equal(fmt_get_summary(a, 2 * VB_CHUNK - 9, &s), FMT_OK);
    assert_int_equal(fmt_get_summary(a, VB_CHUNK + 6, &s), FMT_OK);
    assert_int_equal(fmt_get_summary(a, 2 * VB_CHUNK, &s), FMT_OK); /* chunk 2 */
    assert_int_equal(fmt_verify(a, NULL, NULL), FMT_CORRUPT);
    fmt_close(a);

    /* the chunk's head (the first summary's length): all of it refused */
    buf = tl_slurp(f->path, &size);
    buf[at + len - 9] ^= 0x10;
    buf[at + 6] ^= 0x01;
    write_bytes(f->path, buf, size);
    free(buf);
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    for (uint32_t i = VB_CHUNK; i < 2 * VB_CHUNK; i += 9) {
        assert_int_equal(fmt_get_summary(a, i, &s), FMT_CORRUPT);
        assert_non_null(strstr(fmt_errmsg(a), "chunk 1 damaged"));
    }
    assert_int_equal(fmt_get_summary(a, VB_CHUNK - 1, &s), FMT_OK);
    fmt_close(a);
    fmt_doc_free(&d);
    fmt_summary_free(&s);
    fmt_buf_free(&plain);
}

static void empty_and_huge(void **state)
{
    fixture *f = *state;
    fmt_writer *w;
    assert_int_equal(fmt_writer_open(&w, f->path, NULL), FMT_OK);
    fmt_doc d;
    make_doc(&d, "empty", FMT_QUESTION, "", 20200101, "");
    d.header = (fmt_span){0, 0};
    assert_int_equal(fmt_writer_add(w, &d), FMT_OK);
    fmt_doc_free(&d);
    size_t big = 8u << 20;
    char *text = malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        text[i] = "abcdefgh ijklmnop qrstuvwxyz\n"[i % 29];
    text[big] = 0;
    make_doc(&d, "huge", FMT_QUESTION, "", 20200102, text);
    assert_int_equal(fmt_writer_add(w, &d), FMT_OK);
    fmt_doc_free(&d);
    assert_int_equal(fmt_writer_finish(w, NULL, 0), FMT_OK);
    fmt_archive *a;
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    fmt_buf b = {0};
    assert_int_equal(fmt_get_text(a, 0, &b), FMT_OK);
    assert_int_equal(b.len, 0);
    assert_int_equal(fmt_get_text(a, 1, &b), FMT_OK);
    assert_int_equal(b.len, big);
    assert_memory_equal(b.data, text, big);
    fmt_buf_free(&b);
    free(text);
    fmt_close(a);
}

static void duplicate_ids(void **state)
{
    fixture *f = *state;
    fmt_writer *w;
    assert_int_equal(fmt_writer_open(&w, f->path, NULL), FMT_OK);
    for (int i = 0; i < 2; i++) {
        fmt_doc d;
        make_doc(&d, "same", FMT_QUESTION, "", 20200101 + i, "tekst");
        assert_int_equal(fmt_writer_add(w, &d), FMT_OK);
        fmt_doc_free(&d);
    }
    char msg[300];
    assert_int_equal(fmt_writer_finish(w, msg, sizeof msg), FMT_INVALID);
    assert_non_null(strstr(msg, "same"));
    struct stat st;
    assert_int_not_equal(stat(f->path, &st), 0); /* nothing written */
}

/* The library changes no process-wide state by itself: until the program
 * starts the fault guard, fmt_open refuses and says why; after, it opens
 * (here: a missing file is an I/O error, no longer a refusal). */
static void open_needs_the_guard(void **state)
{
    (void)state;
    fmt_archive *a = NULL;
    char msg[256];
    assert_int_equal(fmt_open(&a, "/nonexistent/x.vbk", msg, sizeof msg),
                     FMT_INVALID);
    assert_null(a);
    assert_non_null(strstr(msg, "fmt_guard_start"));
    assert_int_equal(fmt_guard_start(), FMT_OK);
    assert_int_equal(fmt_guard_start(), FMT_OK); /* again: nothing */
    assert_int_equal(fmt_open(&a, "/nonexistent/x.vbk", msg, sizeof msg),
                     FMT_IO);
    assert_null(strstr(msg, "fmt_guard_start"));
}

/* fmt_get_sizes on the samples: the parts add up to the file, the
 * docs table holds the records figure of info, and the index's values are
 * told apart. Then a terms value whose length is damaged is reported, not
 * measured. */
static void sizes_of_samples(void **state)
{
    fixture *f = *state;
    const char *src[] = {"samples", NULL};
    /* every word with positions: the samples' words are all in fewer
     * than posdf documents, which keep none (format 7, index.c) */
    assert_int_equal(setenv("VBPACK_POSDF", "0", 1), 0);
    int packed = tl_pack(f->path, src, NULL);
    unsetenv("VBPACK_POSDF");
    assert_int_equal(packed, 0);
    fmt_archive *a;
    assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
    fmt_info in;
    fmt_sizes z;
    assert_int_equal(fmt_get_info(a, &in), FMT_OK);
    assert_int_equal(fmt_get_sizes(a, &z), FMT_OK);
    assert_int_equal(z.file, in.archive_bytes);
    assert_int_equal(z.records + z.summaries + z.term_dictionary + z.postings +
                     z.positions + z.other, z.file);
    assert_int_equal(z.records_data, in.records_bytes);
    assert_true(z.records >= z.records_data);
    assert_true(z.postings > 0 && z.positions > 0 && z.summaries > 0);
    assert_true(z.term_dictionary > 0 && z.other >= 2u * z.psize + 64);
    assert_int_equal(z.bad_values, 0);
    /* format 6: a term's postings, inline in its block (the first word)
     * or in the heap (the first word whose lists are there), found by
     * the dictionary; their first document set past the end */
    assert_int_equal(a->version, FMT_VERSION_NUMBER);
    long offs[2] = {-1, -1};
    size_t maplen;
    const unsigned char *map = guard_map(a, &maplen);
    assert_non_null(map);
    tdict_iter it;
    fmt_buf buf = {0};
    int rc = tdict_seek(a, &it, "", 0);
    for (; !rc && offs[1] < 0; rc = tdict_next(&it)) {
        const unsigned char *p;
        size_t n;
        assert_int_equal(tdict_bytes(&it, 0, &buf, &p, &n), FMT_OK);
        int ext = it.ext;
        /* a list of fewer than 128 documents is its tail: varint gap - 1
         * first; one gathered from two segments is not in the map */
        if (offs[ext] < 0 && it.df < VB_BLOCK && p >= map && p < map + maplen)
            offs[ext] = (long)(p - map);
    }
    tdict_close(&it);
    fmt_buf_free(&buf);
    /* (format 7 deflates the blocks: an inline list is not in the file
     * as it is; test_tdict damages those) */
    assert_true(offs[0] >= 0 || a->version >= 7);
    assert_true(offs[1] >= 0);
    fmt_close(a);
    unsigned char *orig = tl_slurp(f->path, &maplen);
    for (int variant = offs[0] < 0; variant < 2; variant++) {
        FILE *fp = fopen(f->path, "r+b");
        assert_non_null(fp);
        assert_int_equal(fwrite(orig, 1, maplen, fp), maplen);
        assert_int_equal(fseek(fp, offs[variant], SEEK_SET), 0);
        assert_int_equal(fputc(0x7f, fp), 0x7f); /* document 127 of ~30 */
        assert_int_equal(fclose(fp), 0);
        assert_int_equal(fmt_open(&a, f->path, NULL, 0), FMT_OK);
        assert_int_equal(fmt_get_sizes(a, &z), FMT_CORRUPT);
        assert_int_equal(z.bad_values, 1);
        assert_non_null(strstr(fmt_errmsg(a), "'terms': 1 value damaged"));
        assert_int_equal(z.records + z.summaries + z.term_dictionary +
                         z.postings + z.positions + z.other, z.file);
        fmt_close(a);
    }
    free(orig);
}

int main(void)
{
    const struct CMUnitTest first[] = {
        cmocka_unit_test(open_needs_the_guard),
    };
    int failed = cmocka_run_group_tests_name("before the guard", first, NULL,
                                             NULL);
    fmt_guard_start(); /* as the programs do (the test above may have failed) */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(search_basics, setup, teardown),
        cmocka_unit_test_setup_teardown(deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_archives, setup, teardown),
        cmocka_unit_test_setup_teardown(flipped_record, setup, teardown),
        cmocka_unit_test_setup_teardown(compressed_summaries, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_and_huge, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicate_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(sizes_of_samples, setup, teardown),
    };
    return failed + cmocka_run_group_tests(tests, NULL, NULL);
}
