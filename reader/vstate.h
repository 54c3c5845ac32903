/* vstate.h - the screen as JSON for the script command `state` (vstate.c).
 * Above view.c; reads, never changes. */
#ifndef VB_VSTATE_H
#define VB_VSTATE_H

#include <stdio.h>
#include "view.h"

/* One line: {"screen": ..., "query": ..., "rows": [...], ...} (see
 * docs/READER.md, "Checking what is shown"). */
void view_state_json(view *v, FILE *f);

#endif
