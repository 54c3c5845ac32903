/* vpriv.h - the inside of the view, for its own files and its tests.
 *
 * The view's modules, from the bottom up (each calls only those below):
 *   layout.c                    text layout
 *   vstyle.c  vfield.c          sizes, colours, dates; a text field
 *   vcase.c   vlist.c           the case thread; the lists
 *   vrender.c                   a frame as a display list
 *   view.c                      screens, navigation, set-up, view_prepare()
 *   vinput.c                    what input does (view_input())
 * This header adds what view.c lends to vinput.c.
 */
#ifndef VB_VPRIV_H
#define VB_VPRIV_H

#include "view.h"
#include "lang.h"
#include "vstyle.h"
#include "vfield.h"
#include "vcase.h"
#include "vlist.h"
#include "vrender.h"

/* ---- view.c, for vinput.c -------------------------------------------- */
/* A message at the bottom for a few seconds; fmt has one %s for arg. */
void view_toast(view *v, const char *fmt, const char *arg);
/* Remember where we are in the back history before going elsewhere. */
void view_go(view *v);
void view_show_screen(view *v, int screen);
void view_open_row(view *v, const vrow *r);
/* The case pane: its height, how far it scrolls, keeping it in range,
 * and bringing y into view (centred or not). */
int view_doc_height(view *v);
int64_t view_doc_max_scroll(view *v);
void view_doc_clamp(view *v);
void view_doc_show_y(view *v, int y, int center);
/* Switch facet chip c on or off in the query, and search again. */
void view_chip_toggle(view *v, const vchip *c);
/* Read and settle what the next frame needs (called by view_render()). */
void view_prepare(view *v);

#endif
