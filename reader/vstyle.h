/* vstyle.h - sizes, colours, dates and words of the view: the leaf of the
 * reader's modules (it calls none of the others).
 *
 * Everything here is a function of the configuration, the window size,
 * the zoom and the focus: the same answers for input, for view_prepare()
 * and for rendering. Geometry lives here because input needs it as much
 * as rendering does: a page down moves by the height of the pane, and a
 * click lands on the rows that were placed.
 */
#ifndef VB_VSTYLE_H
#define VB_VSTYLE_H

#include "view.h"
#include "lang.h"

/* Where things go on the screen, for the current size and zoom. */
typedef struct {
    int bar_h;               /* top bar */
    int top, bottom;         /* main pane, below the bar, above bars/keys */
    int left, right;
    int side_x, side_w;      /* side pane (0 wide when there is none) */
    int osk_h;               /* on-screen keyboard */
    int find_h;              /* find or jump bar at the bottom */
    int col_x, col_w;        /* the reading column of a case thread */
    int pad;
    int sb_w;                /* scrollbar width */
    int banner_h;            /* the damage banner under the bar; 0: none */
    int chart_w;             /* the narrowest chart of months (side pane or
                                statistics page): it sets both one span */
} vgeom;

/* Set v->px and v->lh from the window height, dpi and zoom. */
void style_set_sizes(view *v);
void style_geom(const view *v, vgeom *g);
int style_px(const view *v, int pxc);       /* pixel size of a PXC_ class */
int style_lh(const view *v, int px);        /* line height at px */
/* Width in pixels of n bytes of s in face at px. */
int style_text_width(const view *v, int face, int px, const char *s, size_t n);
/* Height of a list row; search results have a snippet too. */
int style_row_h(const view *v, int searching);
int style_osk_visible(const view *v);
/* String id (S_*, lang.h) in the view's language. */
const char *style_text(const view *v, int id);

/* Colour of a role (C_*) in the current theme, and of a party tag. */
uint32_t style_rgb(const view *v, int role);
uint32_t style_party_rgb(const view *v, const char *party);

/* dates: "26 januari 2022" / "26-01-2022" */
void style_date_long(const view *v, int32_t ymd, char *out, size_t cap);
void style_date_short(int32_t ymd, char *out, size_t cap);
/* A case's status as a person reads it (docs/READER.md, "Statuses"):
 * "beantwoord na 35 dagen", "uitstel gemeld", "ingetrokken", "geen
 * antwoord in dit archief (412 dagen na indienen)" (asked: the date it
 * was asked, counted to the newest document of the archives; 0: unknown);
 * its colour role in *role. Answered is calm whatever the days: beyond
 * the three-week term style_status_mark() gives a separate mark. */
void style_status(const view *v, int status, int days, int32_t asked, char *out,
                  size_t cap, int *role);
const char *style_status_mark(const view *v, int status);
/* The code `state` prints: open|answered|late|notice|withdrawn|unknown. */
const char *style_status_code(int status);
/* x kept within 0..max. */
static inline int64_t style_clamp(int64_t x, int64_t max)
{
    return x > max ? max : x < 0 ? 0 : x;
}
/* The newest document date of the open archives (yyyymmdd; 0: none). */
int32_t style_newest(const view *v);

#endif
