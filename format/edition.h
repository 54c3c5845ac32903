/* edition.h - what editions and travelling snapshots need from the archive
 * library: the whole-archive check on both cores (`vbpack verify`), a
 * document's record as bytes (the unit a delta carries) and gzip writing
 * (deltas are gzip streams, read back with fmt_gz_* of format.h).
 *
 * Like format.h this reaches neither lmdb.h nor zlib.h.
 */
#ifndef VB_EDITION_H
#define VB_EDITION_H

#include "format.h"

/* Verify archive a: the SHA-256 of its content against the checksum
 * trailer (and, when expect is not NULL, against expect: 64 hex digits),
 * every record, and every entry of the index tables, on two threads: one
 * hashes the file while the other checks records, then both check
 * records and then the tables. A second read-only handle on the same
 * file is opened for the helper thread. With full, every record is
 * inflated and decoded, as fmt_verify() does; without, records (format 3)
 * are proven by their own CRC over the stored bytes and their summaries:
 * with the content's SHA-256 that still proves every byte and names every
 * damaged record, and leaves out whether a record the packer wrote
 * decodes (the check of the packer itself), at a third of the time.
 * Calls bad(ctx, docno, message) for each damaged item (docno UINT32_MAX
 * outside records; calls are serialised) and returns FMT_OK when nothing
 * is damaged, FMT_CORRUPT otherwise, FMT_NOMEM when memory ran out. hex
 * (may be NULL) receives the content's SHA-256 as computed ("" if the
 * file could not be read). */
int fmt_verify_all(fmt_archive *a, const char *expect, int full,
                   void (*bad)(void *ctx, uint32_t docno, const char *msg),
                   void *ctx, char hex[65]);

/* Checking the content's SHA-256 against the trailer a step at a time
 * (a reader does it in the background, between searches): start, then
 * step by about bytes at a time until it returns 1, then the result:
 * FMT_OK when the content matches its stored checksum (hex: the checksum
 * computed), FMT_CORRUPT when it does not or there is none, FMT_IO when
 * the file could not be read (fmt_errmsg(a) says which); FMT_LIMIT while
 * not done. Memory is fixed; a stays the caller's and must outlive c. */
typedef struct fmt_sumcheck fmt_sumcheck;
int fmt_sumcheck_start(fmt_archive *a, fmt_sumcheck **cp);
int fmt_sumcheck_step(fmt_sumcheck *c, size_t bytes);
int fmt_sumcheck_result(const fmt_sumcheck *c, char hex[65]);
void fmt_sumcheck_free(fmt_sumcheck *c);

/* A document's full record (verbatim text and every parsed field) as
 * bytes, appended to out, and back: fmt_doc_decode() gives a document equal
 * field for field to the one encoded (d is freed first). Decoding trusts
 * nothing: FMT_CORRUPT when the bytes are not a valid record. */
int fmt_doc_encode(const fmt_doc *d, fmt_buf *out);
int fmt_doc_decode(const void *p, size_t n, fmt_doc *d);

/* 1 when the two documents encode to the same record bytes. */
int fmt_doc_same(const fmt_doc *x, const fmt_doc *y, fmt_buf *scratch1,
                 fmt_buf *scratch2);

/* One edition an appended archive grew from (fmt_writer_finish_append):
 * what `vbpack patch` needs to build that edition again, byte for byte. */
typedef struct {
    char checksum[65];       /* its SHA-256, hex */
    uint32_t documents;      /* its documents: the first ones of the next */
    int level;               /* its deflate level; 0: not known */
    int64_t created;
    char title[256];
    char edition[64];
} fmt_edition;

/* The editions archive a was made from by appending, oldest first (the
 * first was packed whole, each next one appended to the one before, and
 * a appended to the last); *out is malloc'd (NULL and *n 0 for an archive
 * packed whole). FMT_CORRUPT when the record of them is damaged. */
int fmt_lineage(fmt_archive *a, fmt_edition **out, size_t *n);

/* The SHA-256 of every byte of the file at path (what sha256sum prints:
 * for an archive, its content and trailer), hex, into hex. FMT_IO when
 * it cannot be read or is not a regular file (msg, if not NULL, names the
 * file and says why), FMT_NOMEM. */
int fmt_file_sha256(const char *path, char hex[65], char *msg, size_t msglen);

/* A gzip stream written to a caller's file descriptor (fd stays the
 * caller's; memory is a fixed buffer). level 1..9. fmt_gzw_close() ends
 * the stream and frees z; it returns the first error met (FMT_IO when a
 * write failed, FMT_NOMEM) or FMT_OK. */
typedef struct fmt_gzw fmt_gzw;
int fmt_gzw_open(fmt_gzw **zp, int fd, int level);
int fmt_gzw_write(fmt_gzw *z, const void *p, size_t n);
int fmt_gzw_close(fmt_gzw *z);

#endif
