/* parts.c - split archives: `vbpack pack -s SIZE` writes an archive larger
 * than SIZE as parts that each fit (a FAT32 stick takes files below
 * 4 GiB), and every command that reads an archive takes part 1's name for
 * all of them.
 *
 * A part is a whole archive of a range of document numbers (so of dates),
 * with its own index: searching the parts as a library gives the hits of
 * the unsplit archive. Part 1 is the name given (X.vbk), part i is X.i.vbk
 * (fmt_part_path), and part 1 holds the others' checksums, so its own
 * checksum vouches for the set. The parts are packed again from the whole
 * archive, in equal shares of documents; when a part still comes out too
 * large (the index does not shrink with the share), one more part is
 * made. Parts are written under temporary names and renamed into place
 * when all are done.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parts.h"

uint64_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    /* strtoull takes "-5" as 2^64 - 5: digits only */
    unsigned long long v = *s >= '0' && *s <= '9' ? strtoull(s, &end, 10) : 0;
    if (!v)
        end = (char *)s;
    uint64_t mul = 1;
    switch (*end) {
    case 'k': case 'K': mul = 1024; end++; break;
    case 'm': case 'M': mul = 1024 * 1024; end++; break;
    case 'g': case 'G': mul = 1024 * 1024 * 1024; end++; break;
    default: break;
    }
    if (errno || *end || v == 0 || v > UINT64_MAX / mul || v * mul < (64u << 10))
        die(2, "-s takes a size of at least 64K, like 4000M or 2G, not '%s'", s);
    return v * mul;
}

static uint64_t file_size(const char *path)
{
    struct stat st;
    if (stat(path, &st))
        die(1, "%s: %s", path, strerror(errno));
    return (uint64_t)st.st_size;
}

static int u32cmp(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Pack documents [lo, hi) of a as part i of k at path. */
static void pack_part(fmt_archive *a, const fmt_info *in, const char *path,
                      int level, uint64_t limit, unsigned i, unsigned k,
                      uint32_t lo, uint32_t hi, const char *sums)
{
    fmt_writer_opts o = {0};
    o.title = in->title;
    o.edition = in->edition;
    o.created = in->created; /* the same for every part */
    o.level = level;
    o.part = i;
    o.nparts = k;
    o.split = limit;
    o.partsums = sums;
    fmt_writer *w;
    if (fmt_writer_open(&w, path, &o))
        die(1, "%s: cannot write", path);
    fmt_doc d = {0};
    uint32_t *rel = NULL, zd[256];
    size_t nrel = 0, cap = 0;
    for (uint32_t n = lo; n < hi; n++) {
        if (fmt_get(a, n, &d))
            die(1, "%s", fmt_errmsg(a));
        if (fmt_writer_add(w, &d))
            die(1, "%s: %s", path, fmt_writer_errmsg(w));
        /* the zaak's documents in other parts count for its status */
        size_t nz = 0;
        if (d.zaak[0] && fmt_zaak_docs(a, d.zaak, zd, 256, &nz) == FMT_OK)
            for (size_t j = 0; j < nz && j < 256; j++) {
                if (zd[j] >= lo && zd[j] < hi)
                    continue;
                if (nrel == cap) {
                    cap = cap ? 2 * cap : 256;
                    if (!(rel = realloc(rel, cap * sizeof *rel)))
                        die(1, "out of memory");
                }
                rel[nrel++] = zd[j];
            }
    }
    if (nrel > 1)
        qsort(rel, nrel, sizeof *rel, u32cmp);
    for (size_t j = 0; j < nrel; j++) {
        if (j && rel[j] == rel[j - 1])
            continue;
        if (fmt_get(a, rel[j], &d))
            die(1, "%s", fmt_errmsg(a));
        if (fmt_writer_add_related(w, &d))
            die(1, "%s: %s", path, fmt_writer_errmsg(w));
    }
    free(rel);
    fmt_doc_free(&d);
    char msg[600];
    if (fmt_writer_finish(w, msg, sizeof msg))
        die(1, "%s", msg);
}

static void checksum_of(const char *path, char out[65])
{
    fmt_archive *a = open_archive(path);
    fmt_info in;
    get_info(a, &in);
    fmt_close(a);
    memcpy(out, in.checksum, 65);
}

unsigned split_archive(const char *whole, const char *out, uint64_t limit,
                       int level)
{
    if (file_size(whole) <= limit) {
        if (rename(whole, out))
            die(1, "%s: %s", out, strerror(errno));
        return 1;
    }
    fmt_archive *a = open_archive(whole);
    fmt_info in;
    get_info(a, &in);
    uint32_t n = fmt_count(a);
    uint64_t size = file_size(whole);
    unsigned k = (unsigned)((size + limit * 85 / 100 - 1) / (limit * 85 / 100));
    char (*tmp)[1200] = NULL, name[1100];
    for (unsigned next = k;; k = next) {
        if (k > n || k > 100000)
            die(1, "%s: cannot split into parts of at most %llu bytes: a "
                   "document and its index are larger", out,
                (unsigned long long)limit);
        free(tmp);
        tmp = calloc(k + 1, sizeof *tmp);
        if (!tmp)
            die(1, "out of memory");
        /* parts 2..k first: part 1 names their checksums */
        char *sums = calloc(k, 65);
        if (!sums)
            die(1, "out of memory");
        int fits = 1;
        for (unsigned i = k; i >= 1 && fits; i--) {
            fmt_part_path(out, i, name, sizeof name);
            snprintf(tmp[i], sizeof tmp[i], "%s.split-%ld", name, (long)getpid());
            pack_part(a, &in, tmp[i], level, limit, i, k,
                      (uint32_t)((uint64_t)n * (i - 1) / k),
                      (uint32_t)((uint64_t)n * i / k), i == 1 ? sums : NULL);
            uint64_t got = file_size(tmp[i]);
            fits = got <= limit;
            /* too large: as many more parts as it was over, and one */
            if (!fits)
                next = k + 1 + (unsigned)(k * (got - limit) / limit);
            if (i > 1) {
                char c[65];
                checksum_of(tmp[i], c);
                memcpy(sums + 65 * (i - 2), c, 64);
                sums[65 * (i - 2) + 64] = i < k ? ' ' : 0;
            }
        }
        free(sums);
        if (fits)
            break;
        for (unsigned i = 1; i <= k; i++)
            if (tmp[i][0])
                unlink(tmp[i]);
    }
    fmt_close(a);
    for (unsigned i = 1; i <= k; i++) {
        fmt_part_path(out, i, name, sizeof name);
        if (rename(tmp[i], name))
            die(1, "%s: %s", name, strerror(errno));
    }
    free(tmp);
    unlink(whole);
    /* parts past the last of an earlier split under this name go */
    for (unsigned i = k + 1;; i++) {
        fmt_archive *b;
        fmt_info bi;
        char msg[600];
        fmt_part_path(out, i, name, sizeof name);
        if (fmt_open(&b, name, msg, sizeof msg))
            break;
        int stale = !fmt_get_info(b, &bi) && bi.part == i && bi.nparts >= i;
        fmt_close(b);
        if (!stale || unlink(name))
            break;
    }
    return k;
}

char **parts_of(const char *path, size_t *n)
{
    char **p, msg[1300];
    if (fmt_parts(path, &p, n, msg, sizeof msg))
        die(1, "%s", msg);
    return p;
}

char **expand_parts(char **paths, size_t n, size_t *nout)
{
    char **all = NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t m;
        char **p = parts_of(paths[i], &m);
        char **g = realloc(all, (k + m) * sizeof *all);
        if (!g)
            die(1, "out of memory");
        all = g;
        memcpy(all + k, p, m * sizeof *p);
        k += m;
        free(p); /* the strings now belong to all */
    }
    *nout = k;
    return all;
}
