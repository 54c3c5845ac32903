/* fuzz_tar.c - libFuzzer target: the source walker (packer/source.c) on
 * one file, which it reads as a tar, a tar.gz or a plain document by its
 * magic bytes: headers, sizes, names (../, absolute, links, devices),
 * pax and GNU long names, gzip streams. Every member handed to the
 * callback must be a safe relative path with its bytes readable.
 * Built and run by tests/fuzz.sh.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "spill.h"
#include "source.h"


static int safe(const char *p)
{
    if (!*p || *p == '/')
        return 0;
    for (const char *s = p; *s;) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 0 || (n == 1 && s[0] == '.') ||
            (n == 2 && s[0] == '.' && s[1] == '.'))
            return 0;
        s += n + (e != NULL);
    }
    return 1;
}

static int each(void *ctx, const src_file *f)
{
    unsigned long *sum = ctx;
    if (!safe(f->relpath) || f->data[f->len] != 0) {
        fprintf(stderr, "fuzz_tar: unsafe member '%s'\n", f->relpath);
        abort();
    }
    for (size_t i = 0; i < f->len; i++)
        *sum += (unsigned char)f->data[i];
    return 0;
}

static void quiet(void *ctx, const char *display, const char *msg)
{
    (void)ctx, (void)display, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_spill(data, size, "tar");
    if (!path)
        return 0;
    unsigned long sum = 0;
    src_walk(path, each, quiet, &sum);
    unlink(path);
    return 0;
}
