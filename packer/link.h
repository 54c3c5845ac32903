/* link.h - answers and notices that name no zaak, linked to the case of
 * their question by the header they repeat.
 *
 * Many answers and notices (the official "ah-tk-..." pages among them)
 * name no case number; the question they answer does. Both repeat one
 * header: "Vragen van het lid X (P) aan ... over S (ingezonden D)". An
 * answer or notice without a zaak is given the zaak of the one document
 * in the archive with a zaak whose header has
 *
 *   - the same submission date, exactly;
 *   - the same members, exactly, in the same order (names compared
 *     without regard to ASCII case; parties are not compared, as pages
 *     spell them differently);
 *   - a closely similar subject: the sets of its words (folded to lower
 *     case, quotes and punctuation dropped) overlap with a Dice
 *     coefficient of at least 0.8.
 *
 * It is refused (the document stays without a zaak, and the packer says
 * why) when no such document exists, when the answer lacks a date,
 * members or subject, or when the documents that match belong to two or
 * more different cases: a link is never a guess between cases. The zaak
 * so given is a derived field (fmt_doc.zaak_linked); the text is
 * untouched. The result depends only on the set of documents, not on
 * the order they come in, so packing stays deterministic.
 */
#ifndef VB_LINK_H
#define VB_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "source.h"

typedef struct link_table link_table;

/* A new, empty table; NULL when memory ran out. link_free(NULL) is a
 * no-op. */
link_table *link_new(void);
void link_free(link_table *t);

/* Does d want a link: an answer or a notice without a zaak? */
int link_wants(const fmt_doc *d);

/* Add the header of d (a document with a zaak; others are ignored), or
 * of a summary read from an archive. Return 0, or -1 when memory ran
 * out. */
int link_add(link_table *t, const fmt_doc *d);
int link_add_summary(link_table *t, const fmt_summary *s);

/* Find the zaak for a header: date, member names joined with ", " (as a
 * summary has them), subject. Returns 1 and fills zaak (NUL-terminated)
 * when exactly one case matches; 0 when none does or the header lacks a
 * part (why says so); -1 when two or more cases match (why names them).
 * why has room for whylen bytes (at least 1). */
int link_find(link_table *t, int32_t date, const char *members,
              const char *subject, char zaak[16], char *why, size_t whylen);

/* link_find on d's header; on a match sets d->zaak and d->zaak_linked.
 * (A lookup sorts the table after adds, hence t is not const.) */
int link_doc(link_table *t, fmt_doc *d, char *why, size_t whylen);

/* The same on a summary (kind, zaak, date, members, subject): would a
 * document already in an archive be linked now? 1 when it would. */
int link_summary_would(link_table *t, const fmt_summary *s);

/* A spool of source files set aside until every question is known:
 * kept in an unlinked temporary file, so memory stays bounded. */
typedef struct link_spool link_spool;

/* Returns NULL when memory ran out. The temporary file is made by the
 * first put. */
link_spool *link_spool_new(void);
void link_spool_free(link_spool *s);
/* Set f aside; 0, or -1 when the temporary file could not be made or
 * written (errno set). */
int link_spool_put(link_spool *s, const src_file *f);
/* Take the files back in the order they were put: 1 and *f filled
 * (valid until the next call), 0 at the end, -1 on a read error. */
int link_spool_next(link_spool *s, src_file *f);
size_t link_spool_count(const link_spool *s);

#endif
