/* vpaint.h - what every screen is drawn with (vpaint.c): the display
 * list's commands (rectangles, text runs, clips), hot zones, laid-out
 * text, and the widgets made of them (chips, icon buttons, text fields,
 * scroll bars). No SDL: draw.c paints the list.
 *
 * Above vstyle.c and layout.c, below vrender.c: it knows nothing of the
 * screens. Coordinates are pixels of the window; each call appends to
 * v->frame (its display list and hot zones), and a call that runs out of
 * memory sets v->frame.dl.oom and draws nothing.
 */
#ifndef VB_VPAINT_H
#define VB_VPAINT_H

#include "view.h"

/* A filled rectangle (alpha 0-255), its outline, and the clip of what
 * follows (w or h 0: no clip). */
void paint_rect_a(view *v, int x, int y, int w, int h, uint32_t rgb, int alpha);
void paint_rect(view *v, int x, int y, int w, int h, uint32_t rgb);
void paint_frame(view *v, int x, int y, int w, int h, uint32_t rgb);
void paint_clip(view *v, int x, int y, int w, int h);
/* A run of n bytes of text (at most 8 KB of it: more than any screen
 * shows); returns its width. str: a C string. */
int paint_text(view *v, int x, int y, int face, int px, uint32_t rgb, const char *s,
               size_t n);
int paint_str(view *v, int x, int y, int face, int px, uint32_t rgb, const char *s);
/* One line cut to maxw pixels with an ellipsis when cut, measuring only
 * what can show; returns the width drawn. */
int paint_fit(view *v, int x, int y, int maxw, int face, int px, uint32_t rgb, const char *s);
/* A hot zone: a click or tap there does act with arg (H_*). */
void paint_hot(view *v, int x, int y, int w, int h, int act, int arg);
/* Black or white, whichever reads better on rgb. */
uint32_t paint_ink_on(uint32_t rgb);
/* Box b of text t at (x, y), only its lines between top and bot, marks
 * (search, find) behind the words. */
void paint_draw_box(view *v, const lay_box *b, const lay_text *t, int x, int y, int top,
                    int bot, uint32_t rgb);
/* s wrapped to w pixels (maxlines 0: all of it) with attribute a; returns
 * the height. */
int paint_para(view *v, int x, int y, int w, int px, int maxlines, uint32_t rgb,
               const char *s, uint8_t a);
/* A tag; returns its width. */
int paint_chip(view *v, int x, int y, int px, uint32_t bg, uint32_t fg, const char *s,
               int selected);
/* A square button of side s with a glyph; returns s. */
int paint_icon_button(view *v, int x, int y, int s, const char *glyph, int act, int arg,
                      int enabled);
/* A one-line text field; the text scrolls to keep the cursor in view. */
void paint_field(view *v, int x, int y, int w, int h, const char *s, size_t cur,
                 int all, const char *hint, int focused, int arg);
/* A scroll bar at pos (0-1) showing size (0-1) of the whole; where its
 * track and thumb went is kept in v->frame. */
void paint_scrollbar(view *v, int x, int y, int h, double pos, double size, int act);

#endif
