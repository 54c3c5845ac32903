/* guard.h - (internal to format/) reading a damaged archive without
 * crashing or hanging. LMDB trusts the page numbers, offsets and counts it
 * finds in the file, so a damaged page can make it read wild memory, loop
 * for ever or assert. Every LMDB read call of format/ goes through the
 * wrappers below: each page is checked before LMDB may read it, and the
 * call runs with a fault guard and a watchdog armed, so a fault, an LMDB
 * assertion or a stuck call becomes MDB_CORRUPTED with fmt_errmsg() set.
 * A damaged page fails only the calls that need it; anything worse marks
 * the handle broken (every later call fails at once with FMT_CORRUPT).
 *
 * After a failed read LMDB refuses the rest of its transaction; the
 * wrappers renew it before the next call, so one damaged page hides only
 * what is on it. They also check that what LMDB hands back lies inside
 * the archive's pages, so the decoders of format/ never read outside the
 * file. A file shortened while it is open reads as zeros from then on, and
 * the handle is broken. Design and limits: guard.c, docs/RELIABILITY.md.
 */
#ifndef VB_GUARD_H
#define VB_GUARD_H

#include <lmdb.h>
#include "internal.h"

/* What the file's LMDB meta pages say, checked before LMDB sees them. */
typedef struct {
    uint32_t psize;          /* page size */
    uint64_t last;           /* last page number of the newest meta */
    uint64_t main_root;      /* root page of the main db, or UINT64_MAX */
    uint64_t file_size;
} vb_layout;

/* Read and check both meta pages of path (magic, data version, page size,
 * page numbers, depths, which meta is newest, the file's length against
 * the pages it needs and against the checksum trailer). On failure writes
 * a message naming path into msg and returns FMT_IO, FMT_VERSION or
 * FMT_CORRUPT. */
int guard_check_layout(const char *path, vb_layout *lay, char *msg, size_t msglen);

/* 1 once fmt_guard_start has run: fmt_open refuses before. */
int guard_started(void);

/* Open a->env read-only on a->path, begin a->txn and attach the guard
 * state (freed by guard_close). Returns an MDB code. */
int guard_open(fmt_archive *a, const vb_layout *lay);
void guard_close(fmt_archive *a);
/* Once the tables are open: end the first transaction with a commit, so
 * their handles outlive it, and begin the one the handle reads with (it
 * can then be renewed after a failed read without losing them). */
int guard_keep_dbs(fmt_archive *a);

/* The guarded LMDB calls. Each returns an MDB code; MDB_CORRUPTED when
 * the call faulted, when the handle is broken, or when a returned key or
 * value does not lie inside the archive's pages. */
int guard_dbi_open(fmt_archive *a, const char *name, MDB_dbi *dbi);
int guard_get(fmt_archive *a, MDB_dbi dbi, MDB_val *key, MDB_val *val);
int guard_stat(fmt_archive *a, MDB_dbi dbi, MDB_stat *st);
int guard_cursor_open(fmt_archive *a, MDB_dbi dbi, MDB_cursor **c);
int guard_cursor_get(fmt_archive *a, MDB_cursor *c, MDB_val *key,
                     MDB_val *val, MDB_cursor_op op);
void guard_cursor_close(fmt_archive *a, MDB_cursor *c);

/* 1 once the handle has faulted: it must not be trusted again. Sets the
 * message when it is. */
int guard_broken(fmt_archive *a);

/* What the last failed call on a met ("page 12 is damaged"), or LMDB's
 * text for rc. For messages. */
const char *guard_why(fmt_archive *a, int rc);

/* The archive's pages in memory (NULL if unknown) and their length. */
const unsigned char *guard_map(fmt_archive *a, size_t *len);

#endif
