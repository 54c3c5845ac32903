/* testlib.h - the fixtures the unit tests (tests/test_*.c) share: a
 * temporary folder, a file's bytes, a generated corpus, and archives
 * packed from sources by the packer's own rules (pack_read_doc: the same
 * ids, sources and refusals as `vbpack pack`), so no test keeps a copy of
 * them that could drift. Linked into every test (testlib.c).
 */
#ifndef VB_TESTLIB_H
#define VB_TESTLIB_H

#include <stddef.h>
#include <stdint.h>
#include "format.h"
#include "source.h"

/* Make a new folder "/tmp/NAME-XXXXXX" into dir (n bytes). 0, or -1. */
int tl_tmpdir(char *dir, size_t n, const char *name);

/* Remove the folder and all below it. 0 when it is gone. */
int tl_rmrf(const char *dir);

/* The bytes of the file at path, followed by a NUL not counted in *len
 * (asserted readable). The caller frees them. */
void *tl_slurp(const char *path, size_t *len);

/* Write ndocs generated documents below dir ($B/tests/tool_gen with its
 * seed). 0, or -1 when the tool is missing or failed. */
int tl_gen(const char *dir, int ndocs, int seed);

/* Read the source file f into d as vbpack does (pack_read_doc): 0, or
 * non-zero for a file vbpack refuses (not a document, an id that could
 * not come back), which the caller skips as vbpack does. */
int tl_read_doc(const src_file *f, fmt_doc *d);

/* Read the file at path into d as vbpack reads a SOURCE that is one file
 * (its id the base name without the extension); asserted to be read. */
void tl_load(fmt_doc *d, const char *path);

/* A src_walk callback: f read by tl_read_doc and added to the writer
 * given as ctx (asserted to succeed); a refused file is skipped. */
int tl_add_source(void *writer, const src_file *f);

/* Pack every document of the sources (a NULL-ended list of files or
 * folders) into path with the options o (NULL for the defaults), as
 * vbpack pack reads them. 0, or -1 when a source or the writer failed. */
int tl_pack(const char *path, const char *const *sources,
            const fmt_writer_opts *o);

/* fmt_verify's callback when one message is looked for: counts the
 * damages said (n) and whether one held want (seen). */
typedef struct {
    int n;
    const char *want;
    int seen;
} tl_wanted;
void tl_look_for(void *ctx, uint32_t docno, const char *msg);

/* A small reproducible random generator (xorshift) for tests that make
 * their inputs: tl_seed, then tl_rnd for each number. */
void tl_seed(uint64_t seed);
uint32_t tl_rnd(void);

#endif
