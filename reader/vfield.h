/* vfield.h - editing a one-line text field (vfield, in view.h): the
 * search query, find in document and jump to all use these.
 *
 * A field holds at most TEXT_MAX - 1 bytes of UTF-8; the cursor is a byte
 * offset and always lands on a character boundary.
 */
#ifndef VB_VFIELD_H
#define VB_VFIELD_H

#include "view.h"

/* Apply an edit key (left, right, home, end, backspace, delete) to f.
 * Returns 1 when the key was one of them, 0 otherwise. */
int field_key(vfield *f, int key);
/* Insert typed text at the cursor; control characters end it. Text that
 * would not fit is dropped whole. */
void field_insert(vfield *f, const char *text);
/* Set the text (copied, cut at TEXT_MAX - 1; may be f->text itself) and
 * put the cursor at its end. */
void field_set(vfield *f, const char *text);
void field_clear(vfield *f);

#endif
