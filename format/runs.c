/* runs.c - the external sort of a pack: fmt_writer_add() keeps each
 * serialised document in a run buffer ([u32 klen][key][u32 plen][payload],
 * keyed by u32 BE date then id); a full buffer is sorted and spilled to an
 * unlinked temporary file, so memory does not grow with the corpus; at the
 * end the runs are merged in key order, which numbers the documents.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include "writer_int.h"

/* A temporary file in dir, unlinked at once so nothing is left behind
 * if the process dies. */
static FILE *anon_file(const char *dir)
{
    char t[1100];
    snprintf(t, sizeof t, "%s/.vbpack-XXXXXX", dir);
    int fd = mkstemp(t);
    if (fd < 0)
        return NULL;
    unlink(t);
    FILE *f = fdopen(fd, "w+b");
    if (!f)
        close(fd);
    return f;
}

int runs_key_less(const unsigned char *a, size_t al, const unsigned char *b,
                  size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c < 0 : al < bl;
}

static int arena_cmp(const void *a, const void *b, void *arena)
{
    const unsigned char *base = arena;
    const unsigned char *x = base + *(const size_t *)a;
    const unsigned char *y = base + *(const size_t *)b;
    uint32_t xl, yl;
    memcpy(&xl, x, 4);
    memcpy(&yl, y, 4);
    int c = memcmp(x + 4, y + 4, xl < yl ? xl : yl);
    return c ? c : (xl > yl) - (xl < yl);
}

/* qsort has no context argument in C11; a file-scope pointer serves the
 * one sort that runs at a time in a writer. */
static const unsigned char *sort_arena;

static int arena_cmp_q(const void *a, const void *b)
{
    return arena_cmp(a, b, (void *)sort_arena);
}

static void sort_run(fmt_writer *w)
{
    sort_arena = (const unsigned char *)w->arena.data;
    vb_sort(w->offs, w->noffs, sizeof *w->offs, arena_cmp_q);
}

int runs_spill(fmt_writer *w)
{
    if (!w->noffs)
        return FMT_OK;
    sort_run(w);
    FILE *f = anon_file(w->tmpdir);
    if (!f)
        return build_err(w, FMT_IO, "%s: cannot create a temporary file: %s",
                         w->tmpdir, strerror(errno));
    FILE **s = alloc_realloc(w->spills, (w->nspills + 1) * sizeof *s);
    if (!s) {
        fclose(f);
        return FMT_NOMEM;
    }
    w->spills = s;
    w->spills[w->nspills++] = f;
    for (size_t i = 0; i < w->noffs; i++) {
        const unsigned char *e = (unsigned char *)w->arena.data + w->offs[i];
        uint32_t kl, pl;
        memcpy(&kl, e, 4);
        memcpy(&pl, e + 4 + kl, 4);
        if (fwrite(e, 1, 8 + (size_t)kl + pl, f) != 8 + (size_t)kl + pl)
            return build_err(w, FMT_IO, "%s: writing a temporary file: %s",
                             w->tmpdir, strerror(errno));
    }
    if (fflush(f) || fseek(f, 0, SEEK_SET))
        return build_err(w, FMT_IO, "%s: writing a temporary file: %s", w->tmpdir,
                         strerror(errno));
    w->arena.len = 0;
    w->noffs = 0;
    return FMT_OK;
}

int runs_next(run *r)
{
    uint32_t kl, pl;
    if (!r->f) {
        if (r->i >= r->n) {
            r->done = 1;
            return FMT_OK;
        }
        const unsigned char *e = r->arena + r->offs[r->i++];
        memcpy(&kl, e, 4);
        memcpy(&pl, e + 4 + kl, 4);
        r->key.len = r->payload.len = 0;
        if (fmt_buf_append(&r->key, e + 4, kl) ||
            fmt_buf_append(&r->payload, e + 8 + kl, pl))
            return FMT_NOMEM;
        return FMT_OK;
    }
    if (fread(&kl, 4, 1, r->f) != 1) {
        r->done = 1;
        return ferror(r->f) ? FMT_IO : FMT_OK;
    }
    r->key.len = r->payload.len = 0;
    if (fmt_buf_reserve(&r->key, kl) ||
        fread(r->key.data, 1, kl, r->f) != kl || fread(&pl, 4, 1, r->f) != 1 ||
        fmt_buf_reserve(&r->payload, pl) ||
        fread(r->payload.data, 1, pl, r->f) != pl)
        return FMT_IO;
    r->key.len = kl;
    r->payload.len = pl;
    return FMT_OK;
}

static int key_cmp(const run *a, const run *b)
{
    size_t n = a->key.len < b->key.len ? a->key.len : b->key.len;
    int c = memcmp(a->key.data, b->key.data, n);
    return c ? c : (a->key.len > b->key.len) - (a->key.len < b->key.len);
}

/* Few runs: a linear scan is fine. */
run *runs_min(run *runs, size_t n)
{
    run *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (!runs[i].done && (!best || key_cmp(&runs[i], best) < 0))
            best = &runs[i];
    return best;
}

int runs_open(fmt_writer *w, run **runs, size_t *nr)
{
    *nr = w->nspills + 1;
    run *r = *runs = alloc_calloc(*nr, sizeof *r);
    if (!r)
        return build_err(w, FMT_NOMEM, "out of memory");
    sort_run(w);
    int rc = FMT_OK;
    for (size_t i = 0; i < w->nspills; i++)
        r[i].f = w->spills[i];
    r[*nr - 1].arena = (const unsigned char *)w->arena.data;
    r[*nr - 1].offs = w->offs;
    r[*nr - 1].n = w->noffs;
    for (size_t i = 0; i < *nr && !rc; i++)
        rc = runs_next(&r[i]);
    return rc;
}

void runs_free(fmt_writer *w, run *runs, size_t nr)
{
    for (size_t i = 0; i < nr; i++) {
        fmt_buf_free(&runs[i].key);
        fmt_buf_free(&runs[i].payload);
    }
    free(runs);
    fmt_buf_free(&w->arena);
}
