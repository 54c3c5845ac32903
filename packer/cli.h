/* cli.h - what every vbpack command shares: its usage, dying with a
 * message, opening an archive, the clock (cli.c). */
#ifndef VB_CLI_H
#define VB_CLI_H

#include <time.h>
#include "format.h"

/* Print "vbpack: message" and exit with code (1 bad data, 2 usage). */
void die(int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3), noreturn))
#endif
    ;
/* Print the usage and exit 2. */
void usage(void)
#ifdef __GNUC__
    __attribute__((noreturn))
#endif
    ;
/* Open an archive or die with the reason, naming the file. */
fmt_archive *open_archive(const char *path);
/* Read an archive's title, edition and counts, or die (exit 1) with the
 * reason when its metadata is damaged: a count read from a damaged table
 * must never be printed as if it were good. */
void get_info(fmt_archive *a, fmt_info *in);
/* Seconds from t (CLOCK_MONOTONIC) to now. */
double seconds_since(const struct timespec *t);

#endif
