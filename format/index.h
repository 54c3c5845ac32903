/* index.h - (internal to format/) building the full-text index, facets and
 * per-document columns while the writer numbers the documents.
 *
 * The writer calls index_add() for documents 0, 1, 2, ... in order, then
 * index_finish() once, inside its last write transaction. Memory stays
 * bounded: word postings are spilled to sorted runs on disk when they grow
 * past a limit and merged at the end (runs hold ascending document numbers,
 * so merging a word is concatenation).
 */
#ifndef VB_INDEX_H
#define VB_INDEX_H

#include <lmdb.h>
#include "internal.h"

typedef struct vb_index vb_index;

typedef struct {
    char zaak[16];
    uint8_t kind;
    uint32_t docno;
} vb_zaakdoc;

/* ndocs: how many documents will be added. NULL when out of memory. */
vb_index *index_new(const char *tmpdir, uint32_t ndocs);
void index_free(vb_index *ix);
const char *index_errmsg(const vb_index *ix);

/* Index document docno (the next in order). status: its zaak status. */
int index_add(vb_index *ix, uint32_t docno, const fmt_doc *d, int status);

/* Append to archive a (format 3): its columns and facet ids are taken
 * over, documents a->ndocs, a->ndocs + 1, ... are added next, and
 * index_finish() merges them into the lists of the environment's copy
 * of a, which holds nterms words. */
int index_base(vb_index *ix, fmt_archive *a, uint32_t nterms);
/* Appending: a base document's zaak status changed. */
void index_set_status(vb_index *ix, uint32_t docno, int status);

/* Write terms, pos, stems, facets and cols into env, committing *txn now
 * and then (it is replaced by a fresh one). *bytes: their size. */
int index_finish(vb_index *ix, MDB_env *env, MDB_txn **txn,
                 uint64_t *bytes);

/* After finish: the documents of every zaak, sorted by zaak then docno. */
const vb_zaakdoc *index_zaakdocs(const vb_index *ix, size_t *n);
size_t index_nzaken(const vb_index *ix);
uint32_t index_nterms(const vb_index *ix);

#endif
