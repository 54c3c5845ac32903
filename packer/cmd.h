/* cmd.h - what the vbpack subcommands in separate files share with main. */
#ifndef VB_CMD_H
#define VB_CMD_H

#include "format.h"

/* Print "vbpack: message" and exit with code. */
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

int cmd_search(int argc, char **argv);   /* search_cmd.c */
int cmd_suggest(int argc, char **argv);

#endif
