/* vpriv.h - the inside of the view, shared by view.c, vcase.c and
 * vrender.c (not for other modules).
 *
 * Geometry lives here because input needs it as much as rendering does:
 * a page down moves by the height of the pane the renderer drew, and a
 * click lands on the rows the renderer placed.
 */
#ifndef VB_VPRIV_H
#define VB_VPRIV_H

#include "view.h"
#include "lang.h"

#define RES_PAGE 40          /* hits asked for at a time */

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
} vgeom;

void vp_geom(const view *v, vgeom *g);
int vp_px(const view *v, int pxc);       /* pixel size of a PXC_ class */
int vp_lh(const view *v, int px);        /* line height at px */
int vp_tw(const view *v, int face, int px, const char *s, size_t n);
int vp_row_h(const view *v);             /* a list row */
int vp_osk_visible(const view *v);
const char *vp_s(const view *v, int id); /* tr() in the view's language */

/* dates: "26 januari 2022" / "26-01-2022" */
void vp_date_long(const view *v, int32_t ymd, char *out, size_t cap);
void vp_date_short(int32_t ymd, char *out, size_t cap);
/* status line of a row: "beantwoord na 35 dagen"; colour role in *role */
void vp_status(const view *v, int status, int days, char *out, size_t cap,
               int *role);

/* ---- rows ------------------------------------------------------------ */
void vp_row_free(vrow *r);
/* The browse slot at position x of the browse list (loaded on demand;
 * with one archive x is the docno, see view.c); NULL if unreadable. */
vbrowse_slot *vp_bslot(view *v, uint32_t x);
/* How many positions the browse list has: every archive's documents. */
int64_t vp_browse_count(const view *v);
/* The next row after docno d going down (older), or -1. */
int64_t vp_next_row(view *v, int64_t d);
int64_t vp_prev_row(view *v, int64_t d);
/* The row to show for result i, or NULL while it is not loaded. */
const vrow *vp_res_row(view *v, size_t i);
/* Ask for the next page if row i is near the end of what is loaded. */
void vp_res_need(view *v, size_t i);
/* 1 when the list shows search results rather than the browse list. */
int vp_searching(const view *v);

/* Facet chips over the results: the filters in the query (active) and
 * the most frequent values of each facet. */
typedef struct {
    char label[96];
    char token[112];         /* what it adds to the query: "partij:CDA" */
    uint32_t count;
    int active;
    int facet;               /* enum fmt_facet, -1 for an active filter */
} vchip;
int vp_chips(view *v, vchip *out, int cap);
void vp_chip_toggle(view *v, const vchip *c);

/* ---- the case thread (vcase.c) ------------------------------------- */
void case_clear(vcase *t);
void case_free(vcase *t);
/* Build the thread of docs (a zaak's documents) from the archive. */
/* One document of a case, and the archive it is read from (a case can
 * run over the archives of a library: a question in one year's, its
 * answer in the next). */
typedef struct {
    fmt_archive *a;
    uint32_t docno;
} case_ref;
int case_build(view *v, const case_ref *refs, size_t n);
/* Lay out for the current width and size (no-op when unchanged). */
void case_layout(view *v);
/* Mark matches of v->hlq (search) and v->find (find in document). */
void case_mark_query(view *v, fmt_archive *a);
void case_find(view *v);
/* The y of a tspan in thread coordinates. */
int case_span_y(view *v, const tspan *s);
int case_block_at(const vcase *t, int y);

/* ---- rendering (vrender.c) ------------------------------------------- */
void vr_render(view *v);
/* The on-screen keyboard's keys: label and what they type. */
typedef struct {
    const char *label, *text;
    int key;                 /* VK_* when it is not text */
    int wide;                /* width in key units (times 2) */
} vosk_key;
extern const vosk_key vp_osk_keys[];
extern const size_t vp_nosk_keys;

#endif
