/* tool_tokbench.c - measures the tokenizer's speed, because indexing runs
 * it over every byte of the corpus and packing must beat `gzip -9`.
 *
 *   tool_tokbench [-m MB] [-s] FILE...
 *
 * Reads the files, repeats their text to at least MB megabytes (default
 * 64), tokenizes it and prints MB/s and tokens/s; with -s every token is
 * also stemmed, as the indexer does.
 */
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Append the whole file at path to *buf. 0 on success. */
static int slurp(const char *path, char **buf, size_t *len, size_t *cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;

    if (!f) {
        perror(path);
        return -1;
    }
    for (;;) {
        if (*cap - *len < 65536) {
            size_t nc = *cap ? *cap * 2 : 1 << 20;
            char *nb = realloc(*buf, nc);
            if (!nb) {
                fclose(f);
                return -1;
            }
            *buf = nb;
            *cap = nc;
        }
        n = fread(*buf + *len, 1, *cap - *len, f);
        *len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    size_t want = 64, len = 0, cap = 0, ntok = 0, nstem = 0, i;
    char *buf = NULL, st[FMT_TOKMAX + 1];
    int stem = 0, c;
    fmt_tokenizer *t;
    fmt_token tok;
    double t0, dt;

    while ((c = getopt(argc, argv, "m:s")) != -1) {
        if (c == 'm')
            want = (size_t)strtoul(optarg, NULL, 10);
        else if (c == 's')
            stem = 1;
        else
            return 2;
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: tool_tokbench [-m MB] [-s] FILE...\n");
        return 2;
    }
    for (i = (size_t)optind; i < (size_t)argc; i++)
        if (slurp(argv[i], &buf, &len, &cap))
            return 1;
    if (len == 0)
        return 1;
    /* repeat the text so that the timing is not noise */
    want <<= 20;
    {
        size_t one = len;
        char *nb = realloc(buf, want + one);
        if (!nb)
            return 1;
        buf = nb;
        while (len < want) {
            memcpy(buf + len, buf, one);
            len += one;
        }
    }
    t = fmt_tok_new();
    if (!t)
        return 1;
    t0 = now();
    fmt_tok_start(t, buf, len);
    while (fmt_tok_next(t, &tok)) {
        ntok++;
        if (stem)
            nstem += fmt_stem(t, tok.fold, tok.foldlen, st, sizeof st);
    }
    dt = now() - t0;
    printf("%.1f MB in %.3f s: %.1f MB/s, %.1f M tokens/s%s\n",
           (double)len / 1e6, dt, (double)len / 1e6 / dt,
           (double)ntok / 1e6 / dt, stem ? " (with stemming)" : "");
    fmt_tok_free(t);
    free(buf);
    return nstem == (size_t)-1;
}
