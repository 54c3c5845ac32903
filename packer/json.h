/* json.h - writing JSON to a stdio stream: strings escaped, documents and
 * summaries as the objects `vbpack` prints (one per line).
 */
#ifndef VB_JSON_H
#define VB_JSON_H

#include <stdio.h>
#include "format.h"

/* s (n bytes) as a JSON string, quotes included; invalid UTF-8 bytes
 * become U+FFFD so the output is always valid JSON. */
void json_str(FILE *f, const char *s, size_t n);
void json_cstr(FILE *f, const char *s);      /* NULL prints null */
void json_date(FILE *f, int32_t ymd);        /* "YYYY-MM-DD" or null */

/* The document object of `cat --json` (full=1) or `ls --json` (full=0:
 * without questions, answers and footnotes), on one line, no newline.
 * thread (nthread ids; NULL: no "thread" key) lists every document of its case,
 * itself included, in date order. */
void json_doc(FILE *f, const fmt_doc *d, int full, char *const *thread, size_t nthread);

#endif
