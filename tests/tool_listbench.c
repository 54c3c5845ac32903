/* tool_listbench.c - times the list codec of formats 6 and 7
 * (format/tcodec.c) on an archive's own lists, apart from the search
 * around it, and prints a checksum of everything it decoded, so that two
 * builds can be compared for speed and for the same results.
 *
 *   tool_listbench [-r REPS] [-m MINDF] ARCHIVE
 *
 * Reads every term's postings and positions into memory, then: decodes
 * every list (with decode_in on a few of its documents and the gaps
 * between, and its positions checked and read), hashing what comes out;
 * then, the best of REPS (default 10) rounds over the lists of at least
 * MINDF (default 1000) documents: tcodec_decode (ns a posting),
 * tcodec_decode_in on one document in 300 of the archive, and the
 * positions of every document and of every fifth (ns a position read,
 * the list's decode included).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "format.h"
#include "tcodec.h"
#include "tdict.h"

typedef struct {
    uint32_t df;
    unsigned char *p, *q;   /* postings, positions */
    size_t pn, qn;
} term;

static uint64_t hash = 1469598103934665603ull;

static void mix(const void *v, size_t n)
{
    const unsigned char *c = v;
    for (size_t i = 0; i < n; i++)
        hash = (hash ^ c[i]) * 1099511628211ull;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "tool_listbench: out of memory\n");
        exit(1);
    }
    return p;
}

static fmt_archive *a;
static vb_plist l, l2;
static uint64_t *blk;
static size_t blkcap;
static uint32_t *out;
static size_t outcap;

/* The positions of every step-th document of t; positions read, or -1. */
static long positions(const term *t, size_t step, int sum)
{
    if (!t->qn || tcodec_decode(t->p, t->pn, t->df, a->ndocs, &l, &blk, &blkcap))
        return -1;
    tcodec_posr r;
    tcodec_pos_open(&r, t->q, t->qn, blk);
    long np = 0;
    for (size_t i = 0; i < l.n; i += step) {
        uint32_t tf = l.tfs[i] >> 1;
        int rc = tcodec_pos_seek(&r, &l, i, a->col_len);
        if (!rc && tf > tcodec_pos_room(&r))
            rc = FMT_CORRUPT;
        if (!rc && tf > outcap) {
            free(out);
            out = xmalloc((outcap = tf) * sizeof *out);
        }
        if (!rc)
            rc = tcodec_pos_read(&r, &l, a->col_len, out);
        if (sum) {
            mix(&rc, sizeof rc);
            if (!rc)
                mix(out, tf * sizeof *out);
        }
        if (rc)
            return -1;
        np += tf;
    }
    return np;
}

int main(int argc, char **argv)
{
    int reps = 10, c;
    uint32_t mindf = 1000;
    while ((c = getopt(argc, argv, "r:m:")) != -1) {
        if (c == 'r')
            reps = atoi(optarg);
        else if (c == 'm')
            mindf = (uint32_t)atoi(optarg);
        else
            return 2;
    }
    if (optind + 1 != argc || reps < 1) {
        fprintf(stderr, "usage: tool_listbench [-r REPS] [-m MINDF] ARCHIVE\n");
        return 2;
    }
    char msg[256];
    fmt_guard_start();
    if (fmt_open(&a, argv[optind], msg, sizeof msg)) {
        fprintf(stderr, "tool_listbench: %s\n", msg);
        return 1;
    }
    if (a->version < 6) {
        fprintf(stderr, "tool_listbench: format %u has no bit-packed lists\n",
                (unsigned)a->version);
        return 1;
    }
    term *ts = NULL;
    size_t n = 0, cap = 0;
    static tdict_iter it;
    fmt_buf b1 = {0}, b2 = {0};
    int rc = tdict_seek(a, &it, "", 0);
    for (; !rc; rc = tdict_next(&it)) {
        const unsigned char *p, *q;
        size_t pn, qn;
        if (tdict_bytes(&it, 0, &b1, &p, &pn) || tdict_bytes(&it, 1, &b2, &q, &qn))
            break;
        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            term *nt = realloc(ts, cap * sizeof *ts);
            if (!nt)
                return 1;
            ts = nt;
        }
        term *t = &ts[n++];
        t->df = it.df;
        t->pn = pn;
        t->qn = qn;
        t->p = xmalloc(pn);
        t->q = xmalloc(qn);
        memcpy(t->p, p, pn);
        memcpy(t->q, q, qn);
    }
    tdict_close(&it);
    if (rc != FMT_NOTFOUND) {
        fprintf(stderr, "tool_listbench: %s\n", fmt_errmsg(a));
        return 1;
    }

    /* everything once, hashed */
    size_t bad = 0;
    uint32_t want[32];
    for (size_t i = 0; i < n; i++) {
        const term *t = &ts[i];
        rc = tcodec_decode(t->p, t->pn, t->df, a->ndocs, &l, &blk, &blkcap);
        mix(&rc, sizeof rc);
        if (rc) {
            bad++;
            continue;
        }
        mix(l.docs, l.n * sizeof *l.docs);
        mix(l.tfs, l.n * sizeof *l.tfs);
        size_t nw = 0;
        for (size_t j = 0; j < l.n && nw < 31; j += 1 + l.n / 15) {
            if (nw && l.docs[j] > want[nw - 1] + 1)
                want[nw++] = l.docs[j] - 1;
            want[nw++] = l.docs[j];
        }
        rc = tcodec_decode_in(t->p, t->pn, t->df, a->ndocs, &l2, want, nw);
        mix(&rc, sizeof rc);
        mix(l2.docs, l2.n * sizeof *l2.docs);
        mix(l2.tfs, l2.n * sizeof *l2.tfs);
        if (t->qn) {
            rc = tcodec_pos_check(t->q, t->qn, &l, blk, a->col_len);
            mix(&rc, sizeof rc);
            bad += rc != FMT_OK || positions(t, 1, 1) < 0;
        }
    }
    printf("%zu terms, %zu damaged, checksum %016llx\n", n, bad,
           (unsigned long long)hash);

    /* the long lists, timed */
    uint32_t *few = xmalloc((a->ndocs / 300 + 1) * sizeof *few);
    size_t nfew = 0;
    for (uint32_t d = 150; d < a->ndocs; d += 300)
        few[nfew++] = d;
    double best[4] = {1e30, 1e30, 1e30, 1e30};
    uint64_t count[4] = {0, 0, 0, 0};
    for (int r = 0; r < reps; r++) {
        uint64_t cnt[4] = {0, 0, 0, 0};
        double t0 = now();
        for (size_t i = 0; i < n; i++)
            if (ts[i].df >= mindf &&
                !tcodec_decode(ts[i].p, ts[i].pn, ts[i].df, a->ndocs, &l, NULL, NULL))
                cnt[0] += ts[i].df;
        double t1 = now();
        for (size_t i = 0; i < n; i++)
            if (ts[i].df >= mindf &&
                !tcodec_decode_in(ts[i].p, ts[i].pn, ts[i].df, a->ndocs, &l2, few, nfew))
                cnt[1] += ts[i].df;
        double t2 = now();
        for (size_t i = 0; i < n; i++)
            if (ts[i].df >= mindf && ts[i].qn) {
                long np = positions(&ts[i], 1, 0);
                cnt[2] += np > 0 ? (uint64_t)np : 0;
            }
        double t3 = now();
        for (size_t i = 0; i < n; i++)
            if (ts[i].df >= mindf && ts[i].qn) {
                long np = positions(&ts[i], 5, 0);
                cnt[3] += np > 0 ? (uint64_t)np : 0;
            }
        double t4 = now(), dt[4] = {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
        for (int k = 0; k < 4; k++) {
            if (dt[k] < best[k])
                best[k] = dt[k];
            count[k] = cnt[k];
        }
    }
    const char *what[4] = {"decode", "decode_in (1 document in 300)",
                           "positions, every document",
                           "positions, every 5th document"};
    const char *unit[4] = {"posting", "posting", "position", "position"};
    printf("lists of df >= %u, best of %d:\n", (unsigned)mindf, reps);
    for (int k = 0; k < 4; k++)
        printf("  %-32s %10llu %-9s %7.3f ns each\n", what[k],
               (unsigned long long)count[k], unit[k],
               count[k] ? best[k] * 1e9 / (double)count[k] : 0.0);
    for (size_t i = 0; i < n; i++) {
        free(ts[i].p);
        free(ts[i].q);
    }
    free(ts);
    free(few);
    free(out);
    free(blk);
    postings_list_free(&l);
    postings_list_free(&l2);
    fmt_buf_free(&b1);
    fmt_buf_free(&b2);
    fmt_close(a);
    return 0;
}
