/* idtab.h - the ids table (idtab.c): each document's id -> its number
 * ("d" id -> u32 BE docno) and each zaak -> its documents ("z" zaak ->
 * u32 BE docnos), for every format: one LMDB entry a key up to format 6,
 * blocks of front-coded entries from format 7. */
#ifndef VB_IDTAB_H
#define VB_IDTAB_H

#include "internal.h"

#define IDTAB_KEYMAX 512   /* "d" + the longest id fmt_find takes, and more */
#define IDTAB_MAXN 128     /* entries a block */

/* One entry, as an iterator stands on it. */
typedef struct {
    fmt_archive *a;
    MDB_cursor *cur;
    int blocked;                     /* format 7 */
    const unsigned char *bp, *bend;  /* the rest of the block */
    uint32_t left;
    char key[IDTAB_KEYMAX + 1];
    size_t kl;
    const unsigned char *val;        /* in the map, valid for the handle */
    size_t vl;
} idtab_iter;

/* Stand on the first entry >= key (kl 0: the first). FMT_OK, FMT_NOTFOUND
 * (none), FMT_CORRUPT (a->err set). idtab_close after any of them. */
int idtab_seek(fmt_archive *a, idtab_iter *it, const char *key, size_t kl);
/* The next entry: FMT_OK, FMT_NOTFOUND at the end, FMT_CORRUPT. */
int idtab_next(idtab_iter *it);
void idtab_close(idtab_iter *it);
/* Exactly key: its value (in the map). FMT_OK, FMT_NOTFOUND, FMT_CORRUPT. */
int idtab_get(fmt_archive *a, const char *key, size_t kl,
              const unsigned char **val, size_t *vl);

/* ---- writing (format 7) ---------------------------------------------------
 * The entries are gathered in memory (about 40 bytes a document), then
 * written sorted, in blocks, once: the table is small beside the records,
 * and one entry a key cost 44 bytes a key in LMDB's half-filled pages. */
typedef struct {
    fmt_buf arena;          /* u32 kl, u32 vl, key, value; one after another */
    uint32_t *off;          /* where each entry starts in arena */
    size_t n, cap;
    uint32_t *hash;         /* open addressing over the "d" keys: entry + 1 */
    size_t hmask, nd;
} idtab_builder;

/* Add an entry; a second "d" key already added gives 1 (nothing added).
 * FMT_OK, 1, FMT_NOMEM. */
int idtab_add(idtab_builder *b, const char *key, size_t kl, const void *val,
              size_t vl);
/* Write every entry, and (appending) those of base the builder does not
 * replace, into the empty dbi in blocks, ascending: put(ctx, dbi, key, kl,
 * val, vl) with MDB_APPEND. FMT_OK, FMT_NOMEM, FMT_CORRUPT (base damaged:
 * base->err), or put's error. */
int idtab_write(idtab_builder *b, fmt_archive *base, MDB_dbi dbi,
                int (*put)(void *ctx, MDB_dbi dbi, const void *k, size_t kl,
                           const void *v, size_t vl),
                void *ctx);
void idtab_builder_free(idtab_builder *b);

#endif
