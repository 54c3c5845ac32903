/* cli.c - what every vbpack command shares: the usage text, die(),
 * opening an archive and reading its counts, or dying with the reason,
 * and the clock of progress and timings.
 *
 * Exit codes: 0 ok, 1 bad data (a source or archive could not honestly be
 * used), 2 usage. Messages name the file and line, or the record.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "cli.h"

static const char usage_text[] =
    "usage: vbpack pack -o ARCHIVE.vbk [--title T] [--edition E] [--strict]\n"
    "                   [--keep-going] [--follow-links] [--level 1-9] [-s SIZE]\n"
    "                   [-q] SOURCE...\n"
    "       vbpack update [-q] [--full] [-s SIZE] [--title T] [--edition E]\n"
    "                     [--level 1-9] [--follow-links] -o NEW OLD [SOURCE...]\n"
    "                     [--remove ID...]\n"
    "       vbpack merge [-q] [-s SIZE] [--title T] [--edition E] [--level 1-9]\n"
    "                    -o ALL ARCHIVE...\n"
    "       vbpack diff [-q] [--level 1-9] -o DELTA OLD NEW\n"
    "       vbpack patch [-q] -o NEW OLD DELTA\n"
    "       vbpack info [--json] ARCHIVE\n"
    "       vbpack verify [--full] [--expect SHA256] ARCHIVE\n"
    "       vbpack ls [--json] ARCHIVE\n"
    "       vbpack cat [--json|--raw] ARCHIVE ID|ZAAK\n"
    "       vbpack export ARCHIVE DIR\n"
    "       vbpack search [--limit N] [--offset N] [--sort rank|date|old] [--json]\n"
    "                     [--count] [--facets] [--cases] [--typing] ARCHIVE... QUERY\n"
    "       vbpack search --batch FILE ARCHIVE...\n"
    "       vbpack suggest [--limit N] [--names] ARCHIVE PREFIX\n"
    "       vbpack catalog [-q] DIR\n"
    "       vbpack publish [-q] -o DIR NEW.vbk\n"
    "       vbpack sync [-q] [--title T] [--keep N] [--limit-rate R] SOURCE DEST\n"
    "SOURCE is a .txt/.md file, a folder of them, or a .tar/.tar.gz.\n";

void die(int code, const char *fmt, ...)
{
    va_list ap;
    fputs("vbpack: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(code);
}

void usage(void)
{
    fputs(usage_text, stderr);
    exit(2);
}

fmt_archive *open_archive(const char *path)
{
    fmt_archive *a;
    char msg[600];
    if (fmt_open(&a, path, msg, sizeof msg))
        die(1, "%s", msg);
    return a;
}

void get_info(fmt_archive *a, fmt_info *in)
{
    if (fmt_get_info(a, in) != FMT_OK)
        die(1, "%s", fmt_errmsg(a));
}

double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}
