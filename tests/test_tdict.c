/* test_tdict.c - the term dictionary (format/tdict.c) damaged: a
 * block's shared or suffix length, a block whose first word is not its
 * key, words out of order, a payload length past the block, a heap offset
 * past the heap, a heap segment of the wrong size, a stems block; format
 * 7's deflated blocks with a damaged stream, cut short, or a wrong raw
 * length. Each costs the words it holds (FMT_CORRUPT with a message naming
 * the archive, or a search that says what it left out), never a crash;
 * verify (edition.c -> tdict_check) reports it; a search for a word
 * elsewhere still answers. And format 7's dictionary answers as format
 * 6's of the same documents: every word, its documents, seeks, stems.
 *
 * The archives: tests/data/format6.vbk.gz (three samples and 70 generated
 * documents: lists of more than one block, a heap of several segments),
 * whose blocks are plain, for the cases on the blocks' layout; the same
 * documents packed here (format 7). Each case finds its bytes through the
 * dictionary itself (guard_map and a cursor over the blocks), so the test
 * follows the writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "format.h"
#include "internal.h"
#include "guard.h"
#include "search.h"
#include "tcodec.h"
#include "tdict.h"
#include "testlib.h"

typedef struct {
    char path[300];        /* the archive damaged by a case */
    unsigned char *buf;    /* as packed */
    size_t len;
} fixture;

/* the format 6 archive and the format 7 one; fx is the one a case uses */
static char dir[256];
static fixture fx6, fx7, *cur = &fx6;
#define fx (*cur)

static int group_setup(void **state)
{
    (void)state;
    char src[300], cmd[1200];
    if (tl_tmpdir(dir, sizeof dir, "vbtdict"))
        return -1;
    snprintf(src, sizeof src, "%s/src", dir);
    snprintf(fx6.path, sizeof fx6.path, "%s/f6.vbk", dir);
    snprintf(fx7.path, sizeof fx7.path, "%s/f7.vbk", dir);
    /* as tests/cli_pack.sh made format6.vbk.gz */
    snprintf(cmd, sizeof cmd, "gzip -dc tests/data/format6.vbk.gz >'%s' && "
             "mkdir -p '%s' && cp samples/2022Z01227.txt "
             "samples/ah-tk-20142015-1365.txt samples/kv-tk-2014Z07524.txt '%s/'",
             fx6.path, src, src);
    if (system(cmd) != 0)
        return -1;
    char gen[320];
    snprintf(gen, sizeof gen, "%s/gen", src);
    const char *sources[] = {src, NULL};
    fmt_writer_opts o = {0};
    o.created = 1700000000;
    /* every word with its positions, as in format 6 (the same lists) */
    setenv("VBPACK_POSDF", "0", 1);
    int bad = tl_gen(gen, 70, 1) || tl_pack(fx7.path, sources, &o);
    unsetenv("VBPACK_POSDF");
    if (bad)
        return -1;
    fx6.buf = tl_slurp(fx6.path, &fx6.len);
    fx7.buf = tl_slurp(fx7.path, &fx7.len);
    return fx6.buf && fx7.buf ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    free(fx6.buf);
    free(fx7.buf);
    return tl_rmrf(dir);
}

/* Each case says which archive it damages. */
static int on6(void **state)
{
    (void)state;
    cur = &fx6;
    return 0;
}

static int on7(void **state)
{
    (void)state;
    cur = &fx7;
    return 0;
}

static void spill(const unsigned char *b, size_t len)
{
    FILE *f = fopen(fx.path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static fmt_archive *open_it(void)
{
    fmt_archive *a;
    char msg[400];
    int rc = fmt_open(&a, fx.path, msg, sizeof msg);
    if (rc)
        fprintf(stderr, "%s\n", msg);
    assert_int_equal(rc, FMT_OK);
    return a;
}

/* ---- the blocks, parsed here (the layout of tdict.c's comment) --------- */

typedef struct {
    size_t at;             /* file offset of the entry (its shared varint) */
    size_t suf_at;         /* of its suffix length varint */
    size_t sufp;           /* of its suffix */
    size_t pl_at;          /* of its payload length varint */
    size_t pay, pl;        /* its payload */
    uint64_t shared, suf;
    char key[FMT_TOKMAX + 1];
    size_t kl;
} bentry;

typedef struct {
    char key[FMT_TOKMAX + 1];
    size_t kl;
    size_t at, len;        /* the value in the file */
    size_t n;
    /* format 7: the block inflated (its entries' offsets are in it) */
    unsigned char raw[TDICT_RAWMAX];
    size_t rawlen, zat;    /* and where the deflated bytes start */
    bentry e[TDICT_MAXN7];
} block;

static size_t varint_at(const unsigned char *b, size_t at, uint64_t *v)
{
    const unsigned char *p = b + at;
    assert_int_equal(vb_get_varint(&p, p + 10, v), 0);
    return (size_t)(p - b);
}

/* Format 7: the value v (at b->at) inflated into b->raw. */
static void inflate_block(fmt_archive *a, const MDB_val *v, block *b)
{
    uint64_t rl;
    const unsigned char *p, *end;
    b->zat = varint_at(fx.buf, b->at, &rl);
    assert_int_equal(tdict_block_open(a, v, b->raw, &p, &end), FMT_OK);
    assert_true(p == b->raw && end == b->raw + rl);
    b->rawlen = (size_t)rl;
}

/* Every block of table dbi (terms or stems) of the pristine file. */
static block *blocks(MDB_dbi (*which)(fmt_archive *), size_t *nb)
{
    spill(fx.buf, fx.len);
    fmt_archive *a = open_it();
    size_t maplen, cap = 64, n = 0;
    const unsigned char *map = guard_map(a, &maplen);
    assert_non_null(map);
    block *bs = malloc(cap * sizeof *bs);
    assert_non_null(bs);
    MDB_cursor *c;
    MDB_val k, v;
    assert_int_equal(guard_cursor_open(a, which(a), &c), 0);
    for (int rc = guard_cursor_get(a, c, &k, &v, MDB_FIRST); !rc;
         rc = guard_cursor_get(a, c, &k, &v, MDB_NEXT)) {
        if (n == cap)
            assert_non_null(bs = realloc(bs, (cap *= 2) * sizeof *bs));
        block *b = &bs[n++];
        memset(b, 0, sizeof *b);
        memcpy(b->key, k.mv_data, k.mv_size);
        b->kl = k.mv_size;
        b->at = (size_t)((const unsigned char *)v.mv_data - map);
        b->len = v.mv_size;
        assert_memory_equal(fx.buf + b->at, v.mv_data, v.mv_size);
        /* format 6: the entries in the file; 7: in the block inflated */
        const unsigned char *base = fx.buf;
        size_t at = b->at, end = b->at + b->len;
        if (a->version >= 7) {
            inflate_block(a, &v, b);
            base = b->raw;
            at = 0;
            end = b->rawlen;
        }
        uint64_t cnt;
        at = varint_at(base, at, &cnt);
        b->n = (size_t)cnt;
        char key[FMT_TOKMAX + 1];
        size_t kl = 0;
        for (size_t i = 0; i < b->n; i++) {
            bentry *e = &b->e[i];
            e->at = at;
            at = varint_at(base, at, &e->shared);
            e->suf_at = at;
            at = varint_at(base, at, &e->suf);
            e->sufp = at;
            memcpy(key + e->shared, base + at, (size_t)e->suf);
            kl = (size_t)(e->shared + e->suf);
            memcpy(e->key, key, kl);
            e->kl = kl;
            at += (size_t)e->suf;
            e->pl_at = at;
            uint64_t pl;
            at = varint_at(base, at, &pl);
            e->pay = at;
            e->pl = (size_t)pl;
            at += e->pl;
        }
        assert_int_equal(at, end);
    }
    guard_cursor_close(a, c);
    fmt_close(a);
    *nb = n;
    return bs;
}

static MDB_dbi terms_of(fmt_archive *a) { return a->terms; }
static MDB_dbi stems_of(fmt_archive *a) { return a->stems; }

/* ---- what every case checks -------------------------------------------- */

typedef struct {
    int n, seen;
    const char *want;
} vseen;

static void vlook(void *ctx, uint32_t docno, const char *msg)
{
    (void)docno;
    vseen *w = ctx;
    w->n++;
    if (getenv("VERBOSE"))
        fprintf(stderr, "  verify: %s\n", msg);
    if (strstr(msg, fx.path) && strstr(msg, w->want))
        w->seen = 1;
}

static int search(fmt_archive *a, const char *text, size_t *hits,
                  size_t *skipped, char *why, size_t whyn)
{
    fmt_query *q;
    size_t pos;
    assert_int_equal(fmt_query_parse(&q, text, NULL, 0, &pos), FMT_OK);
    fmt_results *r;
    fmt_search_opts o = {0};
    int rc = fmt_search(a, q, &o, &r);
    *hits = *skipped = 0;
    if (!rc) {
        const char *w;
        *hits = fmt_results_total(r);
        *skipped = fmt_results_skipped(r, &w);
        snprintf(why, whyn, "%s", w ? w : "");
        fmt_results_free(r);
    }
    fmt_query_free(q);
    return rc;
}

/* The damaged bytes b are the file: the word 'lost' is FMT_CORRUPT to
 * look up (when given), a search for it answers without it and says so
 * or fails naming the archive, 'fine' is found, verify says want. */
static void expect(const unsigned char *b, const char *lost, const char *fine,
                   const char *want)
{
    spill(b, fx.len);
    fmt_archive *a = open_it();
    size_t hits, skipped;
    char why[600];
    if (lost) {
        tdict_iter it;
        int rc = tdict_lookup(a, lost, strlen(lost), &it);
        if (rc == FMT_OK) { /* the entry reads: its lists do not */
            fmt_buf buf = {0};
            const unsigned char *p;
            size_t n;
            vb_plist l = {0};
            rc = tdict_bytes(&it, 0, &buf, &p, &n);
            if (!rc)
                rc = tdict_bytes(&it, 1, &buf, &p, &n);
            if (!rc) {
                assert_int_equal(tdict_bytes(&it, 0, &buf, &p, &n), FMT_OK);
                rc = tcodec_decode(p, n, it.df, a->ndocs, &l, NULL, NULL);
            }
            postings_list_free(&l);
            fmt_buf_free(&buf);
            assert_int_equal(rc, FMT_CORRUPT);
        } else {
            assert_int_equal(rc, FMT_CORRUPT);
            assert_non_null(strstr(fmt_errmsg(a), fx.path));
            assert_non_null(strstr(fmt_errmsg(a), "damaged"));
        }
        rc = search(a, lost, &hits, &skipped, why, sizeof why);
        if (rc) {
            assert_int_equal(rc, FMT_CORRUPT);
            assert_non_null(strstr(fmt_errmsg(a), fx.path));
        } else { /* (words of the same stem may still answer) */
            assert_true(skipped > 0);
            assert_non_null(strstr(why, fx.path));
        }
    }
    assert_int_equal(search(a, fine, &hits, &skipped, why, sizeof why), FMT_OK);
    assert_true(hits > 0);
    /* a prefix over the whole dictionary: answers or fails, quickly */
    int rc = search(a, "be* OR mi* OR ve*", &hits, &skipped, why, sizeof why);
    assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
    fmt_close(a);
    a = open_it();
    vseen w = {0, 0, want};
    assert_int_equal(fmt_verify(a, vlook, &w), FMT_CORRUPT);
    assert_true(w.seen);
    fmt_close(a);
}

static unsigned char *copy(void)
{
    unsigned char *b = malloc(fx.len);
    assert_non_null(b);
    memcpy(b, fx.buf, fx.len);
    return b;
}

/* An entry of the middle of a terms block that is not the block's
 * first and whose word is a plain word to search (letters only); *bi
 * and *ei say where. The last block's first word is the 'fine' one. */
static int plain(const char *k, size_t kl)
{
    for (size_t i = 0; i < kl; i++)
        if (k[i] < 'a' || k[i] > 'z')
            return 0;
    return kl > 2;
}

/* Entry e's word, NUL-terminated, into w (FMT_TOKMAX + 1 bytes). */
static void word_of(const bentry *e, char *w)
{
    memcpy(w, e->key, e->kl);
    w[e->kl] = 0;
}

static void pick(const block *bs, size_t nb, size_t *bi, size_t *ei,
                 int (*ok)(const bentry *e, const bentry *prev, const block *b))
{
    for (size_t i = 0; i + 1 < nb; i++)
        for (size_t j = 1; j < bs[i].n; j++)
            if (plain(bs[i].e[j].key, bs[i].e[j].kl) &&
                ok(&bs[i].e[j], &bs[i].e[j - 1], &bs[i])) {
                *bi = i;
                *ei = j;
                return;
            }
    fail_msg("no entry to damage");
}

static const char *fine_word(const block *bs, size_t nb, char *w)
{
    /* the first plain word of the last block */
    for (size_t j = 0; j < bs[nb - 1].n; j++)
        if (plain(bs[nb - 1].e[j].key, bs[nb - 1].e[j].kl)) {
            word_of(&bs[nb - 1].e[j], w);
            return w;
        }
    fail_msg("no plain word in the last block");
    return NULL;
}

static int shares(const bentry *e, const bentry *p, const block *b)
{
    (void)b;
    /* shares a prefix but is no extension of the previous word */
    return e->shared > 0 && e->shared < p->kl && e->suf > 0 && e->suf < 0x80;
}

static int last_small(const bentry *e, const bentry *p, const block *b)
{
    (void)p;
    return e == &b->e[b->n - 1] && e->pl < 0x7f &&
           fx.buf[e->pl_at] == e->pl;
}

/* ---- the cases ------------------------------------------------------------- */

static void test_blocks_parse(void **state)
{
    (void)state;
    size_t nb, ns;
    block *bs = blocks(terms_of, &nb), *ss = blocks(stems_of, &ns);
    /* the generated corpus gives several blocks of each, and lists in
     * the heap over more than one segment */
    assert_true(nb > 3 && ns > 1);
    for (size_t i = 0; i < nb; i++) {
        assert_true(bs[i].n >= 1 &&
                    bs[i].n <= (cur == &fx7 ? TDICT_MAXN7 : TDICT_MAXN));
        assert_true(bs[i].len + bs[i].kl <= TDICT_BUDGET);
        assert_int_equal(bs[i].e[0].kl, bs[i].kl);
        assert_memory_equal(bs[i].e[0].key, bs[i].key, bs[i].kl);
    }
    free(bs);
    free(ss);
}

/* The shared length of an entry: more than the previous word has. */
static void test_shared_length(void **state)
{
    (void)state;
    size_t nb, bi, ei;
    char fw[FMT_TOKMAX + 1], w[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    pick(bs, nb, &bi, &ei, shares);
    const bentry *e = &bs[bi].e[ei];
    word_of(e, w);
    unsigned char *b = copy();
    assert_true(fx.buf[e->at] < 0x80);
    b[e->at] = 0x7f;
    expect(b, w, fine_word(bs, nb, fw), "index ");
    free(b);
    free(bs);
}

/* The suffix length of an entry: past FMT_TOKMAX, and past the block. */
static void test_suffix_length(void **state)
{
    (void)state;
    size_t nb, bi, ei;
    char fw[FMT_TOKMAX + 1], w[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    pick(bs, nb, &bi, &ei, shares);
    const bentry *e = &bs[bi].e[ei];
    word_of(e, w);
    for (int v = 0; v < 2; v++) {
        unsigned char *b = copy();
        b[e->suf_at] = v ? 0x7f : 0; /* 0: the previous word again */
        if (v == 0)
            b[e->at] = (unsigned char)bs[bi].e[ei - 1].kl;
        expect(b, v ? w : NULL, fine_word(bs, nb, fw), "index ");
        free(b);
    }
    free(bs);
}

/* A block whose first word is not its key. */
static void test_first_not_key(void **state)
{
    (void)state;
    size_t nb;
    char fw[FMT_TOKMAX + 1], w[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    size_t bi = nb / 2;
    const bentry *e = &bs[bi].e[0];
    word_of(e, w);
    unsigned char *b = copy();
    b[e->sufp + e->suf - 1] ^= 0x01; /* its last letter */
    expect(b, w, fine_word(bs, nb, fw), "index ");
    free(b);
    free(bs);
}

/* Words out of order: an entry's first new letter made smaller than the
 * previous word's there. */
static void test_out_of_order(void **state)
{
    (void)state;
    size_t nb, bi, ei;
    char fw[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    pick(bs, nb, &bi, &ei, shares);
    const bentry *e = &bs[bi].e[ei];
    unsigned char *b = copy();
    b[e->sufp] = 0x01;
    expect(b, NULL, fine_word(bs, nb, fw), "index ");
    free(b);
    free(bs);
}

/* Words out of order across blocks: the last word of a block made
 * larger than the next block's first. A lookup cannot see it (it goes to
 * the next block and finds nothing); verify must. */
static void test_out_of_order_blocks(void **state)
{
    (void)state;
    size_t nb;
    char fw[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    for (size_t i = 0; i + 2 < nb; i++) {
        const bentry *e = &bs[i].e[bs[i].n - 1];
        const block *nx = &bs[i + 1];
        if (bs[i].n < 2 || e->suf < 1 || e->shared > nx->kl ||
            memcmp(e->key, nx->key, (size_t)e->shared))
            continue;
        /* its first new letter '~': past every word starting with its
         * shared part, the next block's first among them */
        unsigned char *b = copy();
        b[e->sufp] = '~';
        expect(b, NULL, fine_word(bs, nb, fw), "index ");
        free(b);
        free(bs);
        return;
    }
    free(bs);
    skip();
}

/* The last entry of a block claims a payload past the block's end. */
static void test_payload_past_end(void **state)
{
    (void)state;
    size_t nb, bi, ei;
    char fw[FMT_TOKMAX + 1], w[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    pick(bs, nb, &bi, &ei, last_small);
    const bentry *e = &bs[bi].e[ei];
    word_of(e, w);
    unsigned char *b = copy();
    b[e->pl_at] = 0x7f;
    expect(b, w, fine_word(bs, nb, fw), "index ");
    /* and shorter than its head: df and lengths cut off */
    memcpy(b, fx.buf, fx.len);
    b[e->pl_at] = 1;
    expect(b, w, fine_word(bs, nb, fw), "index ");
    free(b);
    free(bs);
}

/* A term whose lists are in the heap: varint df, varint postings length
 * << 1 | 1, varint positions length, varint heap offset. */
typedef struct {
    size_t bi, ei;
    uint64_t df, pl, posl, hoff;
    size_t hoff_at, hoff_len;
} heapterm;

static int heap_terms(const block *bs, size_t nb, heapterm *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < nb; i++)
        for (size_t j = 0; j < bs[i].n; j++) {
            const bentry *e = &bs[i].e[j];
            heapterm h = {i, j, 0, 0, 0, 0, 0, 0};
            size_t at = varint_at(fx.buf, e->pay, &h.df);
            at = varint_at(fx.buf, at, &h.pl);
            at = varint_at(fx.buf, at, &h.posl);
            if (!(h.pl & 1))
                continue;
            h.pl >>= 1;
            h.hoff_at = at;
            at = varint_at(fx.buf, at, &h.hoff);
            h.hoff_len = at - h.hoff_at;
            if (n < cap)
                out[n++] = h;
        }
    return (int)n;
}

static void test_heap_offset(void **state)
{
    (void)state;
    size_t nb;
    char fw[FMT_TOKMAX + 1], w[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    heapterm hs[4096];
    int nh = heap_terms(bs, nb, hs, 4096);
    assert_true(nh > 2);
    /* the heap's size: the last list's end */
    uint64_t heap = 0;
    int best = -1;
    for (int i = 0; i < nh; i++) {
        if (hs[i].hoff + hs[i].pl + hs[i].posl > heap)
            heap = hs[i].hoff + hs[i].pl + hs[i].posl;
        if (plain(bs[hs[i].bi].e[hs[i].ei].key, bs[hs[i].bi].e[hs[i].ei].kl) &&
            (best < 0 || hs[i].hoff_len > hs[best].hoff_len))
            best = i;
    }
    assert_true(heap > 2 * TDICT_SEG); /* several segments */
    assert_true(best >= 0);
    const heapterm *h = &hs[best];
    const bentry *e = &bs[h->bi].e[h->ei];
    word_of(e, w);
    /* the offset all ones (as long as it was): past the heap */
    unsigned char *b = copy();
    memset(b + h->hoff_at, 0xff, h->hoff_len - 1);
    b[h->hoff_at + h->hoff_len - 1] = 0x7f;
    uint64_t off;
    varint_at(b, h->hoff_at, &off);
    assert_true(off > heap);
    expect(b, w, fine_word(bs, nb, fw), "index ");
    memcpy(b, fx.buf, fx.len);
    /* the postings length: past the heap's end from where it starts */
    size_t plat = e->pay;
    uint64_t df;
    plat = varint_at(fx.buf, plat, &df);
    if (fx.buf[plat] & 0x80) { /* a varint of 2+ bytes: its last 0x7f */
        size_t q = plat;
        while (fx.buf[q] & 0x80)
            q++;
        b[q] = 0x7f;
        expect(b, w, fine_word(bs, nb, fw), "index ");
    }
    free(b);
    free(bs);
}

/* Segments of the heap: one of the full ones made a byte shorter (its
 * LMDB node's size), one missing (its key renamed past the last). */
static void test_segment_size(void **state)
{
    (void)state;
    size_t nb;
    char fw[FMT_TOKMAX + 1], w[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    heapterm hs[4096];
    int nh = heap_terms(bs, nb, hs, 4096);
    /* a word's list that runs from one segment into the next (the pairs
     * of common words, tdict.h, come first in the heap: not them) */
    int across = -1;
    uint64_t seg = 0;
    for (int i = 0; i < nh && across < 0; i++) {
        const bentry *x = &bs[hs[i].bi].e[hs[i].ei];
        uint64_t s0 = hs[i].hoff / TDICT_SEG;
        if (x->kl && x->key[0] != TDICT_PAIR && /* its postings cross */
            hs[i].hoff + hs[i].pl > (s0 + 1) * TDICT_SEG) {
            across = i;
            seg = s0;
        }
    }
    assert_true(across >= 0);
    const bentry *e = &bs[hs[across].bi].e[hs[across].ei];
    word_of(e, w);
    /* that segment in the file: its value through the map */
    spill(fx.buf, fx.len);
    fmt_archive *a = open_it();
    size_t maplen;
    const unsigned char *map = guard_map(a, &maplen);
    unsigned char key[4];
    vb_put_be32(key, (uint32_t)seg);
    MDB_val k = {4, key}, v;
    assert_int_equal(guard_get(a, a->lists, &k, &v), 0);
    assert_int_equal(v.mv_size, TDICT_SEG);
    size_t val = (size_t)((const unsigned char *)v.mv_data - map);
    fmt_close(a);
    /* LMDB's leaf node: u16 size lo, u16 hi, u16 flags, u16 key size,
     * the key, the value */
    size_t node = val - 4 - 8;
    assert_int_equal(fx.buf[node] | fx.buf[node + 1] << 8, TDICT_SEG);
    assert_int_equal(fx.buf[node + 6], 4);
    unsigned char *b = copy();
    b[node] = (unsigned char)((TDICT_SEG - 1) & 0xff);
    expect(b, w, fine_word(bs, nb, fw), "index ");
    /* the segment renamed to a number past the others: missing */
    memcpy(b, fx.buf, fx.len);
    b[node + 8] = 0x7f;
    expect(b, w, fine_word(bs, nb, fw), "index ");
    free(b);
    free(bs);
}

/* A stems block whose first stem is not its key, and one whose words'
 * count is damaged: stem expansion of those words is lost, verify says
 * which block; searches still answer. */
static void test_stems_block(void **state)
{
    (void)state;
    size_t nb, ns;
    char fw[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb), *ss = blocks(stems_of, &ns);
    size_t bi = ns / 2;
    unsigned char *b = copy();
    const bentry *e = &ss[bi].e[0];
    b[e->sufp + e->suf - 1] ^= 0x01;
    expect(b, NULL, fine_word(bs, nb, fw), "stems block");
    memcpy(b, fx.buf, fx.len);
    e = &ss[bi].e[ss[bi].n - 1];
    assert_true(fx.buf[e->pay] < 0x80);
    b[e->pay] = 0x7f; /* more words than the payload holds */
    expect(b, NULL, fine_word(bs, nb, fw), "stems block");
    /* a stem search over the damaged block answers */
    spill(b, fx.len);
    fmt_archive *a = open_it();
    char q[FMT_TOKMAX + 2];
    size_t hits, skipped;
    char why[600];
    snprintf(q, sizeof q, "%.*s", (int)e->kl, e->key);
    int rc = search(a, q, &hits, &skipped, why, sizeof why);
    assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
    if (rc)
        assert_non_null(strstr(fmt_errmsg(a), fx.path));
    fmt_close(a);
    free(b);
    free(bs);
    free(ss);
}

/* Random single-bit flips inside the dictionary's values (the blocks of
 * terms and stems, the heap's segments): every read of the dictionary
 * (lookups, a walk over every word with its lists and positions, prefix
 * and phrase searches, suggestions, sizes, verify) returns a code and
 * reads nothing past its bytes (the sanitizer build). FLIPS=N for more. */
typedef struct {
    size_t at, len;
} range;

static void test_random_flips(void **state)
{
    (void)state;
    fprintf(stderr, "  (format %d)\n", cur == &fx7 ? 7 : 6);
    size_t nb, ns, nr = 0;
    block *bs = blocks(terms_of, &nb), *ss = blocks(stems_of, &ns);
    range *rs = malloc((nb + ns + 4096) * sizeof *rs);
    assert_non_null(rs);
    for (size_t i = 0; i < nb; i++)
        rs[nr++] = (range){bs[i].at, bs[i].len};
    for (size_t i = 0; i < ns; i++)
        rs[nr++] = (range){ss[i].at, ss[i].len};
    /* the heap's segments */
    spill(fx.buf, fx.len);
    fmt_archive *a = open_it();
    size_t maplen;
    const unsigned char *map = guard_map(a, &maplen);
    MDB_cursor *c;
    MDB_val k, v;
    assert_int_equal(guard_cursor_open(a, a->lists, &c), 0);
    for (int rc = guard_cursor_get(a, c, &k, &v, MDB_FIRST); !rc && nr < nb + ns + 4096;
         rc = guard_cursor_get(a, c, &k, &v, MDB_NEXT))
        rs[nr++] = (range){(size_t)((const unsigned char *)v.mv_data - map), v.mv_size};
    guard_cursor_close(a, c);
    fmt_close(a);
    size_t total = 0;
    for (size_t i = 0; i < nr; i++)
        total += rs[i].len;
    int flips = getenv("FLIPS") ? atoi(getenv("FLIPS")) : 150;
    uint64_t seed = 0x243f6a8885a308d3ull;
    unsigned char *b = copy();
    vb_plist l = {0};
    fmt_buf b1 = {0}, b2 = {0};
    uint32_t *out = NULL;
    size_t outcap = 0;
    for (int f = 0; f < flips; f++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t pick = (size_t)(seed >> 20) % total, r = 0;
        while (pick >= rs[r].len)
            pick -= rs[r++].len;
        size_t at = rs[r].at + pick;
        memcpy(b, fx.buf, fx.len);
        b[at] ^= (unsigned char)(1u << ((seed >> 8) & 7));
        spill(b, fx.len);
        a = open_it();
        /* every word, its lists and its positions */
        tdict_iter it;
        int rc = tdict_seek(a, &it, "", 0), words = 0;
        while (!rc && words < 100000) {
            const unsigned char *p, *q;
            size_t pn, qn;
            uint64_t *blk = NULL;
            size_t blkcap = 0;
            int r2 = tdict_bytes(&it, 0, &b1, &p, &pn);
            if (!r2)
                r2 = tdict_bytes(&it, 1, &b2, &q, &qn);
            if (!r2)
                r2 = tcodec_decode(p, pn, it.df, a->ndocs, &l, &blk, &blkcap);
            if (!r2) {
                tcodec_posr pr;
                tcodec_pos_open(&pr, q, qn, blk);
                for (size_t i = 0; i < l.n; i += 1 + i % 7) {
                    uint32_t tf = l.tfs[i] >> 1;
                    if (tcodec_pos_seek(&pr, &l, i, a->col_len) ||
                        tf > tcodec_pos_room(&pr))
                        break;
                    if (tf > outcap)
                        assert_non_null(out = realloc(out, (outcap = tf) * sizeof *out));
                    if (tcodec_pos_read(&pr, &l, a->col_len, out))
                        break;
                }
            }
            assert_true(r2 == FMT_OK || r2 == FMT_CORRUPT);
            free(blk);
            words++;
            rc = tdict_next(&it);
        }
        tdict_close(&it);
        assert_true(rc == FMT_NOTFOUND || rc == FMT_CORRUPT);
        if (rc == FMT_CORRUPT)
            assert_non_null(strstr(fmt_errmsg(a), fx.path));
        size_t hits, skipped;
        char why[600];
        static const char *const qs[] = {"be* OR mi* OR ve*", "minister",
                                         "\"de minister\"", "vragen OR antwoord",
                                         "ka* NOT de"};
        for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
            rc = search(a, qs[i], &hits, &skipped, why, sizeof why);
            assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
        }
        char *sg[8];
        size_t nsg = 0;
        rc = fmt_suggest(a, "mi", sg, 8, &nsg);
        assert_true(rc == FMT_OK || rc == FMT_CORRUPT || rc == FMT_NOTFOUND);
        for (size_t i = 0; !rc && i < nsg; i++)
            free(sg[i]);
        fmt_sizes z;
        rc = fmt_get_sizes(a, &z);
        assert_true(rc == FMT_OK || rc == FMT_CORRUPT);
        fmt_close(a);
        a = open_it();
        vseen w = {0, 0, "checksum"};
        assert_int_equal(fmt_verify(a, vlook, &w), FMT_CORRUPT);
        fmt_close(a);
    }
    postings_list_free(&l);
    fmt_buf_free(&b1);
    fmt_buf_free(&b2);
    free(out);
    free(b);
    free(rs);
    free(bs);
    free(ss);
}

/* ---- format 7: the blocks deflated ------------------------------------- */

static int any_entry(const bentry *e, const bentry *p, const block *b)
{
    (void)e;
    (void)p;
    (void)b;
    return 1;
}

/* The LMDB leaf node of block k's value in the file (u16 size lo, u16
 * hi, u16 flags, u16 key size, the key, the value): made n bytes long. */
static void value_size(unsigned char *b, const block *k, size_t n)
{
    size_t node = k->at - k->kl - 8;
    assert_int_equal(fx.buf[node] | fx.buf[node + 1] << 8 |
                         (size_t)(fx.buf[node + 2] | fx.buf[node + 3] << 8) << 16,
                     k->len);
    assert_int_equal(fx.buf[node + 6], k->kl);
    b[node] = (unsigned char)(n & 0xff);
    b[node + 1] = (unsigned char)(n >> 8 & 0xff);
    b[node + 2] = (unsigned char)(n >> 16 & 0xff);
    b[node + 3] = (unsigned char)(n >> 24 & 0xff);
}

/* A terms block's deflated bytes damaged: its stream (the first block
 * type made 3, which deflate reserves), its raw length one more and one
 * less than the stream gives, its value cut short by a byte. Each costs
 * the block's words; verify says the block is damaged. */
static void test_deflated(void **state)
{
    (void)state;
    size_t nb, bi, ei;
    char fw[FMT_TOKMAX + 1], w[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb);
    assert_true(nb > 3);
    pick(bs, nb / 2, &bi, &ei, any_entry);
    const block *k = &bs[bi];
    word_of(&k->e[ei], w);
    fine_word(bs, nb, fw);
    assert_true(k->rawlen > k->len); /* deflated, and smaller */
    unsigned char *b = copy();
    b[k->zat] |= 0x06;
    expect(b, w, fw, "block (deflated)");
    for (int d = -1; d <= 1; d += 2) {
        memcpy(b, fx.buf, fx.len);
        unsigned char c = fx.buf[k->at];
        b[k->at] = (unsigned char)((c & 0x80) | ((c + d) & 0x7f));
        expect(b, w, fw, "block (deflated)");
    }
    memcpy(b, fx.buf, fx.len);
    value_size(b, k, k->len - 1);
    expect(b, w, fw, "block (deflated)");
    /* the raw length past what a block may be: 3 bytes, 0x7f ff ff */
    memcpy(b, fx.buf, fx.len);
    if (k->zat - k->at == 2 && k->len > 8) {
        b[k->at] = 0xff;
        b[k->at + 1] = 0xff;
        b[k->at + 2] = 0x7f;
        expect(b, w, fw, "block (deflated)");
    }
    free(b);
    free(bs);
}

/* A stems block's stream damaged: that block's stem expansion is lost,
 * verify names the block. */
static void test_deflated_stems(void **state)
{
    (void)state;
    size_t nb, ns;
    char fw[FMT_TOKMAX + 1];
    block *bs = blocks(terms_of, &nb), *ss = blocks(stems_of, &ns);
    assert_true(ns > 1);
    const block *k = &ss[ns / 2];
    unsigned char *b = copy();
    b[k->zat] |= 0x06;
    expect(b, NULL, fine_word(bs, nb, fw), "damaged (deflated)");
    memcpy(b, fx.buf, fx.len);
    value_size(b, k, k->len - 1);
    expect(b, NULL, fine_word(bs, nb, fw), "damaged (deflated)");
    free(b);
    free(bs);
    free(ss);
}

/* ---- format 7 answers as format 6 ------------------------------------- */

static fmt_archive *open_fx(fixture *f)
{
    cur = f;
    spill(f->buf, f->len);
    return open_it();
}

typedef struct {
    char w[64][FMT_TOKMAX + 1];
    size_t n;
} wordset;

static int collect(void *ctx, const char *w, size_t wl)
{
    wordset *s = ctx;
    assert_true(s->n < 64);
    memcpy(s->w[s->n], w, wl);
    s->w[s->n++][wl] = 0;
    return 0;
}

/* The term i6 and i7 stand on has the same documents and tfs in both
 * (b and l: the caller's buffers, reused). */
static void same_list(const tdict_iter *i6, const tdict_iter *i7, fmt_buf *b6,
                      fmt_buf *b7, vb_plist *l6, vb_plist *l7)
{
    const unsigned char *p6, *p7;
    size_t n6, n7;
    assert_int_equal(tdict_bytes(i6, 0, b6, &p6, &n6), FMT_OK);
    assert_int_equal(tdict_bytes(i7, 0, b7, &p7, &n7), FMT_OK);
    assert_int_equal(tcodec_decode(p6, n6, i6->df, i6->a->ndocs, l6, NULL, NULL), FMT_OK);
    assert_int_equal(tcodec_decode(p7, n7, i7->df, i7->a->ndocs, l7, NULL, NULL), FMT_OK);
    assert_int_equal(l6->n, l7->n);
    assert_memory_equal(l6->docs, l7->docs, l6->n * sizeof *l6->docs);
    assert_memory_equal(l6->tfs, l7->tfs, l6->n * sizeof *l6->tfs);
}

/* Every word in order with its documents, lookups, seeks to each prefix
 * of words, the stems table and each stem's words, prefix searches: the
 * same from the format 6 archive and the format 7 one of the same
 * documents, whose blocks are deflated. */
static void test_as_format6(void **state)
{
    (void)state;
    fmt_archive *a6 = open_fx(&fx6), *a7 = open_fx(&fx7);
    assert_int_equal(a6->version, 6);
    assert_int_equal(a7->version, 7);
    static tdict_iter i6, i7;
    fmt_buf b6 = {0}, b7 = {0};
    vb_plist l6 = {0}, l7 = {0};
    size_t nw = 0, cap = 1024, deflated = 0;
    char (*words)[FMT_TOKMAX + 1] = malloc(cap * sizeof *words);
    assert_non_null(words);
    int r6 = tdict_seek(a6, &i6, "", 0), r7 = tdict_seek(a7, &i7, "", 0);
    for (; !r6; r6 = tdict_next(&i6), r7 = tdict_next(&i7)) {
        assert_int_equal(r7, FMT_OK);
        assert_int_equal(i6.wlen, i7.wlen);
        assert_memory_equal(i6.word, i7.word, i6.wlen);
        assert_int_equal(i6.df, i7.df);
        deflated += i7.v7 && i7.braw > i7.bstored;
        same_list(&i6, &i7, &b6, &b7, &l6, &l7);
        if (nw == cap)
            assert_non_null(words = realloc(words, (cap *= 2) * sizeof *words));
        memcpy(words[nw], i6.word, i6.wlen + 1);
        nw++;
    }
    assert_int_equal(r6, FMT_NOTFOUND);
    assert_int_equal(r7, FMT_NOTFOUND);
    tdict_close(&i6);
    tdict_close(&i7);
    /* (a last block of a word or two may not get smaller) */
    assert_true(nw > 1000 && deflated > nw - 10);
    for (size_t i = 0; i < nw; i++) {
        size_t wl = strlen(words[i]);
        r6 = tdict_lookup(a6, words[i], wl, &i6);
        r7 = tdict_lookup(a7, words[i], wl, &i7);
        assert_int_equal(r6, FMT_OK);
        assert_int_equal(r7, FMT_OK);
        assert_int_equal(i6.df, i7.df);
        /* the lists stay readable with the iterator closed */
        const unsigned char *p6, *p7;
        size_t n6, n7;
        assert_int_equal(tdict_bytes(&i6, 1, &b6, &p6, &n6), FMT_OK);
        assert_int_equal(tdict_bytes(&i7, 1, &b7, &p7, &n7), FMT_OK);
        assert_int_equal(n6, n7);
        assert_memory_equal(p6, p7, n6);
        if (i % 5)
            continue;
        char key[FMT_TOKMAX + 2];
        snprintf(key, sizeof key, "%s~", words[i]);
        assert_int_equal(tdict_lookup(a6, key, wl + 1, &i6), FMT_NOTFOUND);
        assert_int_equal(tdict_lookup(a7, key, wl + 1, &i7), FMT_NOTFOUND);
        for (size_t pl = 1; pl <= wl + 1; pl++) { /* seeks */
            r6 = tdict_seek(a6, &i6, key, pl);
            r7 = tdict_seek(a7, &i7, key, pl);
            assert_int_equal(r6, r7);
            if (!r6) {
                assert_int_equal(i6.wlen, i7.wlen);
                assert_memory_equal(i6.word, i7.word, i6.wlen);
            }
            tdict_close(&i6);
            tdict_close(&i7);
        }
    }
    /* in a scattered order too: the handle's cache of inflated blocks
     * (8 of them, tdict_block_open) fills, turns over and fills again,
     * and every lookup still finds its own word's lists */
    assert_true(nw % 7919 != 0);
    for (size_t j = 0, i = 0; j < nw; j++) {
        i = (i + 7919) % nw;
        size_t wl = strlen(words[i]);
        assert_int_equal(tdict_lookup(a6, words[i], wl, &i6), FMT_OK);
        assert_int_equal(tdict_lookup(a7, words[i], wl, &i7), FMT_OK);
        assert_int_equal(i6.df, i7.df);
        same_list(&i6, &i7, &b6, &b7, &l6, &l7);
    }
    /* the stems: the same entries, each stem the same words */
    static tdict_scan s6, s7;
    static wordset w6, w7;
    size_t nstems = 0;
    r6 = tdict_scan_start(a6, a6->stems, &s6);
    r7 = tdict_scan_start(a7, a7->stems, &s7);
    for (; !r6; r6 = tdict_scan_next(&s6), r7 = tdict_scan_next(&s7)) {
        assert_int_equal(r7, FMT_OK);
        assert_int_equal(s6.kl, s7.kl);
        assert_memory_equal(s6.key, s7.key, s6.kl);
        assert_int_equal(s6.pl, s7.pl);
        assert_memory_equal(s6.pay, s7.pay, s6.pl);
        w6.n = w7.n = 0;
        assert_int_equal(tdict_stem_words(a6, s6.key, s6.kl, collect, &w6), 0);
        assert_int_equal(tdict_stem_words(a7, s7.key, s7.kl, collect, &w7), 0);
        assert_true(w6.n > 0);
        assert_int_equal(w6.n, w7.n);
        assert_memory_equal(w6.w, w7.w, w6.n * sizeof *w6.w);
        nstems++;
    }
    assert_int_equal(r6, FMT_NOTFOUND);
    assert_int_equal(r7, FMT_NOTFOUND);
    tdict_scan_end(&s6);
    tdict_scan_end(&s7);
    assert_true(nstems > 100);
    static const char *const qs[] = {"mi*", "be* OR ve*", "ka*", "minister",
                                     "\"de minister\"", "vragen NOT antwoord"};
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
        size_t h6, h7, k6, k7;
        char why[600];
        assert_int_equal(search(a6, qs[i], &h6, &k6, why, sizeof why), FMT_OK);
        assert_int_equal(search(a7, qs[i], &h7, &k7, why, sizeof why), FMT_OK);
        assert_true(h6 > 0);
        assert_int_equal(h6, h7);
        assert_int_equal(k6 + k7, 0);
    }
    /* verify: both whole */
    vseen v = {0, 0, "-"};
    assert_int_equal(fmt_verify(a7, vlook, &v), FMT_OK);
    fmt_buf_free(&b6);
    fmt_buf_free(&b7);
    postings_list_free(&l6);
    postings_list_free(&l7);
    free(words);
    fmt_close(a6);
    fmt_close(a7);
    cur = &fx6;
}

int main(void)
{
    fmt_guard_start();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_blocks_parse, on6),
        cmocka_unit_test_setup(test_shared_length, on6),
        cmocka_unit_test_setup(test_suffix_length, on6),
        cmocka_unit_test_setup(test_first_not_key, on6),
        cmocka_unit_test_setup(test_out_of_order, on6),
        cmocka_unit_test_setup(test_out_of_order_blocks, on6),
        cmocka_unit_test_setup(test_payload_past_end, on6),
        cmocka_unit_test_setup(test_heap_offset, on6),
        cmocka_unit_test_setup(test_segment_size, on6),
        cmocka_unit_test_setup(test_stems_block, on6),
        cmocka_unit_test_setup(test_random_flips, on6),
        cmocka_unit_test_setup(test_blocks_parse, on7),
        cmocka_unit_test_setup(test_deflated, on7),
        cmocka_unit_test_setup(test_deflated_stems, on7),
        cmocka_unit_test_setup(test_random_flips, on7),
        cmocka_unit_test(test_as_format6),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
