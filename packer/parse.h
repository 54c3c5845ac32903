/* parse.h - the parser: the source text of one Kamervragen document
 * (question, answer or notice) into the fields of a fmt_doc.
 *
 * No I/O: text in, fields out, so it is easy to test. The text may come as
 * Markdown, as plain text from the official web pages, from tweedekamer.nl
 * (hard-wrapped lines), extracted from a PDF (page furniture glued to the
 * prose), as an aggregator's case page (field lines, answers under their
 * questions), an early as-submitted version, a party's page or a press
 * notice (docs/ARCHITECTURE.md lists the layouts and their signs); the
 * parser copes with all of them and never fails on bad text.
 */
#ifndef VB_PARSE_H
#define VB_PARSE_H

#include <stddef.h>

#include "doc.h"

/* Parse d->text (d->len bytes; set by the caller with fmt_doc_set_text) into
 * the other fields of d: kind, zaak, docnum, submitted, received, subject,
 * members, addressees, answered_by, on_behalf_of, cosigned_by,
 * source_urls, questions, answers, footnotes, header, notice and warnings
 * (zaak_linked is the packer's, link.h). Fields parsed before are replaced; id, source and
 * text are left alone. name is the source file name or id (for example
 * "kv-tk-2014Z07524"), used only as a fallback for the zaak and document
 * number when the text has none; it may be NULL.
 *
 * Returns 0, or -1 when memory ran out (d then holds what was parsed so far
 * and is still valid to free). Never fails on bad text: what it cannot
 * parse becomes a warning "line N: ..." (fmt_doc_warn). Linear in the text
 * and bounded in memory on any input. Every span lies within [0, d->len]. */
int parse_doc(fmt_doc *d, const char *name);

/* Check raw bytes before parsing: returns 0 when they are text we accept
 * (non-empty UTF-8 without NUL bytes); otherwise non-zero, with a message
 * naming the line in msg (msglen bytes at most, NUL-terminated; msg may be
 * NULL): "empty file", "line 3: invalid UTF-8",
 * "binary data (NUL byte) at line 7". */
int parse_check_text(const char *text, size_t len, char *msg, size_t msglen);

#endif
