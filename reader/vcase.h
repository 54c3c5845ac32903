/* vcase.h - a case as one thread of blocks (vcase.c): built from the
 * archive when a case opens, laid out for the column, searched by find.
 *
 * Above vstyle.c and layout.c, below view.c: it calls nothing of the
 * view's navigation or lists.
 */
#ifndef VB_VCASE_H
#define VB_VCASE_H

#include "view.h"

void case_clear(vcase *t);
void case_free(vcase *t);
/* One document of a case, and the archive it is read from (a case can
 * run over the archives of a library: a question in one year's, its
 * answer in the next). */
typedef struct {
    fmt_archive *a;
    uint32_t docno;
} case_ref;
/* Build v->cs from the documents of a case. */
int case_build(view *v, const case_ref *refs, size_t n);
/* Lay out for the current width and size, for a frame's share of time
 * (about 8 ms) at most: a long case is laid out over several frames,
 * and what is laid out is drawn meanwhile (height is its height). A
 * no-op when done and nothing changed. */
void case_layout(view *v);
/* Begin again when the column width or font size changed; no layout. */
void case_layout_sync(view *v);
/* Lay out measuring about budget bytes at most (each call makes
 * progress; a line's worth over the budget at most); 1 when all is done. */
int case_layout_step(view *v, size_t budget);
/* Blocks are left to lay out (the frame loop keeps going for them). */
int case_layout_pending(const vcase *t);
/* A place asked for by case_span_y() or case_block_y() before it was
 * laid out, once it is: its y (and *center), and the wish is gone; -1
 * otherwise. */
int case_want_y(view *v, int *center);
/* Mark matches of v->hlq (search) and v->find (find in document). */
void case_mark_query(view *v, fmt_archive *a);
void case_find(view *v);
/* The y of a tspan in thread coordinates; -1 while it is not laid out
 * yet, and then it is remembered for case_want_y(). */
int case_span_y(view *v, const tspan *s);
/* The same for the top of block bi. */
int case_block_y(view *v, size_t bi);
/* The address of a document's official publication, from its id or
 * document number ("kv-tk-2022Z02011", "ah-tk-20142015-1365", also with a
 * "pdf-" prefix: officielebekendmakingen.nl; "tk-2020D19385": the Tweede
 * Kamer's page, with the case number zaak when known). 1 when there is
 * one (in out), else 0 and out is "". */
int case_official_url(const char *id, const char *docnum, const char *zaak, char *out,
                      size_t cap);
/* The Tweede Kamer's page of case number zaak ("2022Z01227"); 1 if any. */
int case_zaak_url(const char *zaak, char *out, size_t cap);
int case_is_zaak(const char *s);
/* The block at y (thread coordinates), -1 if none. */
int case_block_at(const vcase *t, int y);

#endif
