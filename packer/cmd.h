/* cmd.h - the vbpack commands, one function each, called by the table
 * in vbpack.c with argv[0] the command's name; each returns the exit code
 * (0 ok, 1 bad data, 2 usage) or dies (cli.h). */
#ifndef VB_CMD_H
#define VB_CMD_H

#include "cli.h"

int cmd_pack(int argc, char **argv);      /* pack.c */

int cmd_info(int argc, char **argv);      /* archive_cmd.c */
int cmd_verify(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_cat(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_bench_get(int argc, char **argv); /* undocumented: for bench.sh */

int cmd_search(int argc, char **argv);    /* search_cmd.c */
int cmd_suggest(int argc, char **argv);

int cmd_update(int argc, char **argv);    /* edition_cmd.c */
int cmd_diff(int argc, char **argv);
int cmd_patch(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* The SHA-256s (hex) of the editions the delta at path goes from and to,
 * read from its header; dies (1) naming the file when it is not one. */
void delta_sums(const char *path, char oldsum[65], char newsum[65]);

#endif
