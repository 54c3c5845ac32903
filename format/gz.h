/* gz.h - gzip streams: reading one (the packer's .tar.gz sources) and
 * writing one (the deltas of `vbpack diff`), and zlib's CRC-32. Like
 * format.h it reaches no zlib.h: the streams are opaque handles on a
 * caller's file descriptor, and every call returns an FMT_* code.
 */
#ifndef VB_GZ_H
#define VB_GZ_H

#include <stddef.h>
#include <stdint.h>
#include "format.h"

/* ---- reading (the packer's .tar.gz reader) ------------------------------ */

typedef struct fmt_gz fmt_gz;
/* Wrap an open file descriptor holding gzip data (fd stays the caller's). */
int fmt_gz_open(fmt_gz **zp, int fd);
/* Read up to n bytes; sets *got (0 at the end). FMT_CORRUPT on bad or
 * truncated data, FMT_IO on read errors. */
int fmt_gz_read(fmt_gz *z, void *buf, size_t n, size_t *got);
void fmt_gz_close(fmt_gz *z);

/* CRC-32 (zlib's) of a buffer; crc starts at 0. */
uint32_t fmt_crc32(uint32_t crc, const void *p, size_t n);

/* ---- writing (deltas) ---------------------------------------------------- */

/* A gzip stream written to a caller's file descriptor (fd stays the
 * caller's; memory is a fixed buffer). level 1..9. fmt_gzw_close() ends
 * the stream and frees z; it returns the first error met (FMT_IO when a
 * write failed, FMT_NOMEM) or FMT_OK. */
typedef struct fmt_gzw fmt_gzw;
int fmt_gzw_open(fmt_gzw **zp, int fd, int level);
int fmt_gzw_write(fmt_gzw *z, const void *p, size_t n);
int fmt_gzw_close(fmt_gzw *z);

#endif
