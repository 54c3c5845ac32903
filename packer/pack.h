/* pack.h - reading a source file into a document as every command does
 * (pack, update, merge; the tests), and the created date (pack.c). */
#ifndef VB_PACK_H
#define VB_PACK_H

#include <stddef.h>
#include <stdint.h>
#include "format.h"
#include "source.h"

/* One source file into d: the text checked (non-zero, with the reason in
 * msg, when it is not a document or its name cannot be an id), the id
 * made from its path relative to its SOURCE (without the extension), the
 * fields parsed (warnings in d). Dies when memory runs out. */
int pack_read_doc(const src_file *f, fmt_doc *d, char *msg, size_t msglen);
/* SOURCE_DATE_EPOCH, or 0 when unset; dies (2) when malformed. */
int64_t pack_source_date_epoch(void);

#endif
