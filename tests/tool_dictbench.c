/* tool_dictbench.c - measures how small records get with a trained zlib
 * dictionary (format/dict.c), and with records clustered together, on a
 * folder of documents (e.g. one written by tool_gen).
 *
 *   tool_dictbench [-s SAMPLE_MB] [-k K] [-d D] [-l LEVEL] [-c] DIR
 *
 * Reads every *.txt / *.md under DIR in path order (the order tar
 * --sort=name and vbpack ids use, which puts a zaak's question, notice and
 * answer side by side), trains a dictionary on documents taken evenly
 * across the corpus until SAMPLE_MB (default 3) are collected, and prints:
 *   - every document deflated alone (level 9, or -l), without and with it;
 *   - the time to train, to deflate, and to inflate one document (p50/p99);
 *   - with -c, clusters of consecutive documents (by count, by size and by
 *     zaak), without and with the dictionary, and the time to inflate one
 *     cluster, which is the price of reading one document from it.
 * Sizes count raw deflate bytes only: a record's own header (length,
 * CRC-32) is the archive's business and the same for every method.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dict.h"

typedef struct {
    char *path;
    char *text;
    size_t len;
} doc;

static doc *docs;
static size_t ndocs, capdocs;

static void die(const char *msg)
{
    fprintf(stderr, "tool_dictbench: %s\n", msg);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int wanted(const char *name)
{
    size_t n = strlen(name);
    return (n > 4 && strcmp(name + n - 4, ".txt") == 0) ||
           (n > 3 && strcmp(name + n - 3, ".md") == 0);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16384;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    *len = n;
    return buf;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Recursively collects documents, in byte order of their names. */
static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = xrealloc(NULL, plen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(path);
            free(path);
        } else if (wanted(names[i])) {
            if (ndocs == capdocs) {
                capdocs = capdocs ? capdocs * 2 : 1024;
                docs = xrealloc(docs, capdocs * sizeof *docs);
            }
            doc *dc = &docs[ndocs];
            dc->path = path;
            dc->text = read_file(path, &dc->len);
            if (dc->text)
                ndocs++;
            else
                free(path);
        } else {
            free(path);
        }
        free(names[i]);
    }
    free(names);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static unsigned char *outbuf, *backbuf;
static size_t outcap, backcap;

static size_t deflate_one(dict_zc *z, const char *p, size_t n)
{
    size_t need = dict_zc_bound(n);
    if (need > outcap) {
        outcap = need;
        outbuf = xrealloc(outbuf, outcap);
    }
    size_t got;
    if (dict_zc_deflate(z, p, n, outbuf, outcap, &got) != 0)
        die("deflate failed");
    return got;
}

/* A cluster: documents [first, first + count) concatenated. */
typedef struct {
    size_t first, count, bytes;
} cluster;

static char *joinbuf;
static size_t joincap;

static const char *join(const cluster *c)
{
    if (c->bytes > joincap) {
        joincap = c->bytes;
        joinbuf = xrealloc(joinbuf, joincap);
    }
    size_t at = 0;
    for (size_t i = c->first; i < c->first + c->count; i++) {
        memcpy(joinbuf + at, docs[i].text, docs[i].len);
        at += docs[i].len;
    }
    return joinbuf;
}

/* The zaak a document belongs to: its file name up to '-' or '.'. */
static size_t zaak_key(const char *path, const char **start)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    *start = base;
    return strcspn(base, "-.");
}

static size_t make_clusters(cluster *out, int how, size_t param)
{
    size_t n = 0;
    for (size_t i = 0; i < ndocs;) {
        cluster c = { i, 0, 0 };
        const char *k0;
        size_t l0 = zaak_key(docs[i].path, &k0);
        while (i < ndocs) {
            if (how == 0 && c.count == param)
                break;
            if (how == 1 && c.count && c.bytes + docs[i].len > param)
                break;
            if (how == 2 && c.count) {
                const char *k;
                size_t l = zaak_key(docs[i].path, &k);
                if (l != l0 || memcmp(k, k0, l) != 0)
                    break;
            }
            c.bytes += docs[i].len;
            c.count++;
            i++;
        }
        out[n++] = c;
    }
    return n;
}

/* Inflates a record a few times and keeps the fastest: the cost of one
 * read with warm caches, which is what a reader paging through sees. */
static double time_inflate(dict_zc *z, size_t clen, size_t expect)
{
    if (expect > backcap) {
        backcap = expect;
        backbuf = xrealloc(backbuf, backcap);
    }
    double best = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        size_t back;
        double t0 = now();
        if (dict_zc_inflate(z, outbuf, clen, backbuf, backcap, &back) != 0 ||
            back != expect)
            die("inflate failed");
        double t = now() - t0;
        best = t < best ? t : best;
    }
    return best * 1e6;
}

#define NTIME 1000

typedef struct {
    uint64_t bytes;          /* compressed total */
    double secs;             /* to compress everything */
    double p50, p99;         /* us to inflate one record */
} result;

/* Deflates every cluster with z and times the inflation of NTIME of them,
 * spread evenly over the corpus. */
static result measure(const cluster *cl, size_t n, dict_zc *z)
{
    static double t[NTIME];
    result r = { 0, 0, 0, 0 };
    size_t stride = n / NTIME ? n / NTIME : 1, nt = 0;
    double t0 = now();
    for (size_t i = 0; i < n; i++)
        r.bytes += deflate_one(z, join(&cl[i]), cl[i].bytes);
    r.secs = now() - t0;
    for (size_t i = 0; i < n && nt < NTIME; i += stride) {
        size_t got = deflate_one(z, join(&cl[i]), cl[i].bytes);
        t[nt++] = time_inflate(z, got, cl[i].bytes);
    }
    qsort(t, nt, sizeof t[0], cmp_double);
    r.p50 = t[nt / 2];
    r.p99 = t[nt * 99 / 100];
    return r;
}

static void report(const char *label, int how, size_t param, dict_zc *plain,
                   dict_zc *withd, uint64_t total)
{
    cluster *cl = xrealloc(NULL, ndocs * sizeof *cl);
    size_t n = make_clusters(cl, how, param);
    result a = measure(cl, n, plain), b = measure(cl, n, withd);
    printf("%-16s %7zu %7.1f  %11llu %6.4f %5.1f %5.0f %5.0f  %11llu %6.4f %5.1f %5.0f %5.0f\n",
           label, n, (double)total / (double)n / 1024.0,
           (unsigned long long)a.bytes, (double)a.bytes / (double)total, a.secs, a.p50,
           a.p99, (unsigned long long)b.bytes, (double)b.bytes / (double)total, b.secs,
           b.p50, b.p99);
    free(cl);
}

int main(int argc, char **argv)
{
    double sample_mb = 3;
    unsigned k = 0, d = 0;
    int clusters = 0, i = 1, level = 9;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
            sample_mb = atof(argv[++i]);
        else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
            k = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
            d = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc)
            level = atoi(argv[++i]);
        else if (strcmp(argv[i], "-c") == 0)
            clusters = 1;
        else
            break;
    }
    if (i + 1 != argc) {
        fputs("usage: tool_dictbench [-s SAMPLE_MB] [-k K] [-d D] [-l LEVEL] [-c] DIR\n",
              stderr);
        return 2;
    }
    walk(argv[i]);
    if (ndocs == 0)
        die("no documents");
    uint64_t total = 0;
    for (size_t j = 0; j < ndocs; j++)
        total += docs[j].len;

    /* The training sample: documents taken at an even stride. */
    double want = sample_mb * 1048576.0;
    size_t stride = (size_t)((double)total / want);
    stride = stride ? stride : 1;
    const char **sp = xrealloc(NULL, ndocs * sizeof *sp);
    size_t *sl = xrealloc(NULL, ndocs * sizeof *sl), ns = 0, sbytes = 0;
    for (size_t j = 0; j < ndocs && (double)sbytes < want; j += stride) {
        sp[ns] = docs[j].text;
        sl[ns++] = docs[j].len;
        sbytes += docs[j].len;
    }
    static unsigned char dict[FMT__DICT_MAX];
    double t0 = now();
    size_t dlen = k || d ? dict_train_ex(sp, sl, ns, dict, sizeof dict, k ? k : 64, d ? d : 8)
                         : dict_train(sp, sl, ns, dict, sizeof dict);
    double ttrain = now() - t0;
    dict_zc *plain = dict_zc_new(NULL, 0, level), *withd = dict_zc_new(dict, dlen, level);
    if (!plain || !withd)
        die("out of memory");

    printf("corpus: %zu documents, %llu bytes; sample %zu documents, %zu bytes; "
           "dictionary %zu bytes in %.2f s; level %d\n", ndocs, (unsigned long long)total,
           ns, sbytes, dlen, ttrain, level);
    printf("%-16s %7s %7s  %11s %6s %5s %5s %5s  %11s %6s %5s %5s %5s\n", "records",
           "count", "avg KB", "plain", "ratio", "secs", "p50us", "p99us", "dict",
           "ratio", "secs", "p50us", "p99us");
    report("per document", 0, 1, plain, withd, total);
    if (clusters) {
        static const size_t counts[] = { 2, 4, 8, 16 };
        static const size_t sizes[] = { 16384, 32768, 65536 };
        char label[32];
        report("per zaak", 2, 0, plain, withd, total);
        for (size_t j = 0; j < sizeof counts / sizeof counts[0]; j++) {
            snprintf(label, sizeof label, "%zu documents", counts[j]);
            report(label, 0, counts[j], plain, withd, total);
        }
        for (size_t j = 0; j < sizeof sizes / sizeof sizes[0]; j++) {
            snprintf(label, sizeof label, "<= %zu KB", sizes[j] / 1024);
            report(label, 1, sizes[j], plain, withd, total);
        }
    }
    dict_zc_free(plain);
    dict_zc_free(withd);
    for (size_t j = 0; j < ndocs; j++) {
        free(docs[j].path);
        free(docs[j].text);
    }
    free(docs);
    free(sp);
    free(sl);
    free(outbuf);
    free(backbuf);
    free(joinbuf);
    return 0;
}
