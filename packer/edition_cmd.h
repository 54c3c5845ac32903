/* edition_cmd.h - the vbpack subcommands of editions and snapshots
 * (edition_cmd.c), and what they borrow from vbpack.c. */
#ifndef VB_EDITION_CMD_H
#define VB_EDITION_CMD_H

#include <stdint.h>
#include "format.h"
#include "source.h"

int cmd_update(int argc, char **argv);  /* update [-q] -o NEW OLD SOURCE... */
int cmd_diff(int argc, char **argv);    /* diff -o DELTA OLD NEW */
int cmd_patch(int argc, char **argv);   /* patch -o NEW2 OLD DELTA */
int cmd_merge(int argc, char **argv);   /* merge -o ALL A B... */

/* The SHA-256s (hex) of the editions the delta at path goes from and to,
 * read from its header; dies (1) naming the file when it is not one. */
void delta_sums(const char *path, char oldsum[65], char newsum[65]);

/* vbpack.c: one source file into d, as every command reads it: the text
 * checked (non-zero, with the reason in msg, when it is not a document),
 * the id made from its path relative to its SOURCE (without the
 * extension), the fields parsed (warnings in d). Dies when memory runs
 * out. */
int pack_read_doc(const src_file *f, fmt_doc *d, char *msg, size_t msglen);
/* vbpack.c: SOURCE_DATE_EPOCH, or 0 when unset; dies (2) when malformed. */
int64_t pack_source_date_epoch(void);

#endif
