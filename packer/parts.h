/* parts.h - split archives (parts.c): -s SIZE, and every file of an
 * archive given by its first part's name. */
#ifndef VB_PARTS_H
#define VB_PARTS_H

#include <stddef.h>
#include <stdint.h>
#include "cli.h"

/* "4000M", "2G", "500000K", bytes: the size; dies (2) when malformed. */
uint64_t parse_size(const char *s);

/* The archive just packed at whole: renamed to out when it is at most
 * limit bytes, else packed again as parts of at most limit bytes each
 * (out, then out's fmt_part_path names) and removed. Returns the number
 * of files; dies with the reason when it cannot. */
unsigned split_archive(const char *whole, const char *out, uint64_t limit,
                       int level);

/* Every file of the archive at path (path alone, or its parts in order),
 * or die naming what is missing (fmt_parts). Free with fmt_parts_free. */
char **parts_of(const char *path, size_t *n);

/* The files of every archive in paths, in order (parts expanded). */
char **expand_parts(char **paths, size_t n, size_t *nout);

#endif
