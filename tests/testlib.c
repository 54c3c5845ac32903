/* testlib.c - the unit tests' shared fixtures (testlib.h): folders, files,
 * the generated corpus and archives packed by the packer's rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "pack.h"
#include "testlib.h"

int tl_tmpdir(char *dir, size_t n, const char *name)
{
    if ((size_t)snprintf(dir, n, "/tmp/%s-XXXXXX", name) >= n)
        return -1;
    return mkdtemp(dir) ? 0 : -1;
}

int tl_rmrf(const char *dir)
{
    char cmd[1200];
    if (strchr(dir, '\'') || (size_t)snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir) >= sizeof cmd)
        return -1;
    return system(cmd) == 0 ? 0 : -1;
}

void *tl_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
    }
    assert_false(ferror(f));
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

int tl_gen(const char *dir, int ndocs, int seed)
{
    const char *b = getenv("B") ? getenv("B") : "build";
    char cmd[1200];
    if ((size_t)snprintf(cmd, sizeof cmd, "'%s/tests/tool_gen' %d '%s' %d >/dev/null",
                         b, ndocs, dir, seed) >= sizeof cmd)
        return -1;
    return system(cmd) == 0 ? 0 : -1;
}

int tl_read_doc(const src_file *f, fmt_doc *d)
{
    char msg[300];
    return pack_read_doc(f, d, msg, sizeof msg);
}

void tl_load(fmt_doc *d, const char *path)
{
    size_t len;
    char *text = tl_slurp(path, &len);
    const char *slash = strrchr(path, '/');
    src_file f = {0};
    f.display = path;
    f.relpath = slash ? slash + 1 : path;
    f.data = text;
    f.len = len;
    memset(d, 0, sizeof *d);
    assert_int_equal(tl_read_doc(&f, d), 0);
    free(text);
}

int tl_add_source(void *writer, const src_file *f)
{
    fmt_doc d = {0};
    if (tl_read_doc(f, &d) == 0)
        assert_int_equal(fmt_writer_add(writer, &d), FMT_OK);
    fmt_doc_free(&d);
    return 0;
}

int tl_pack(const char *path, const char *const *sources,
            const fmt_writer_opts *o)
{
    fmt_writer *w;
    if (fmt_writer_open(&w, path, o) != FMT_OK)
        return -1;
    for (; *sources; sources++)
        if (src_walk(*sources, tl_add_source, NULL, w) != 0) {
            fmt_writer_abort(w);
            return -1;
        }
    return fmt_writer_finish(w, NULL, 0) == FMT_OK ? 0 : -1;
}

static uint64_t rng_s = 1;

void tl_seed(uint64_t seed)
{
    rng_s = seed ? seed : 1; /* xorshift stays at 0 from 0 */
}

uint32_t tl_rnd(void)
{
    rng_s ^= rng_s << 13;
    rng_s ^= rng_s >> 7;
    rng_s ^= rng_s << 17;
    return (uint32_t)(rng_s >> 11);
}

void tl_look_for(void *ctx, uint32_t docno, const char *msg)
{
    (void)docno;
    tl_wanted *w = ctx;
    w->n++;
    w->seen |= strstr(msg, w->want) != NULL;
}
