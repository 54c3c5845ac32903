/* vlist.h - the case list: browsing and search results (vlist.c).
 *
 * Below view.c and vrender.c, above vstyle.c: it reads summaries from the
 * archives and sends searches to the worker, and calls nothing of the
 * view's navigation. Positions of the browse list run over every archive
 * of a library as one, newest first (see vbrowse in view.h).
 */
#ifndef VB_VLIST_H
#define VB_VLIST_H

#include "view.h"

#define RES_PAGE 40          /* hits asked for at a time */

/* ---- rows ------------------------------------------------------------ */
void list_row_free(vrow *r);
/* The browse slot at position x of the browse list, read from the
 * summaries on a cache miss; NULL if unreadable. */
vbrowse_slot *list_slot(view *v, uint32_t x);
/* The same without reading: NULL when x is not in the cache. */
vbrowse_slot *list_slot_peek(const view *v, int64_t x);
/* How many positions the browse list has: every archive's documents. */
int64_t list_browse_count(const view *v);
/* The next row after position d going down (older), or -1. */
int64_t list_next_row(view *v, int64_t d);
int64_t list_prev_row(view *v, int64_t d);
/* 1 when the list shows search results rather than the browse list. */
int list_searching(const view *v);
/* The row to show for result i, or NULL while it is not loaded. */
const vrow *list_result_row(view *v, size_t i);
/* Rows that fit in the list pane (at least 1). */
int list_visible_rows(view *v);

/* ---- searches -------------------------------------------------------- */
/* The query text changed: search again (or go back to browsing). */
void list_query_changed(view *v);
/* Ask for the next page if row i is near the end of what is loaded. */
void list_need_page(view *v, size_t i);
/* Ask for the statistics of all questions (home chart) if not yet. */
void list_home_request(view *v);
/* A result from the worker: keep it (taking ownership) or drop it. */
void list_got_result(view *v, wk_result *r);
void list_res_reset(view *v);
/* 1 when the query is one word of fewer than three letters still being
 * typed: too short to be a prefix, so "nothing found" would mislead. */
int list_too_short(const view *v);
/* "242 zaken · 340 documenten" for the results shown, into out. */
void list_counts(const view *v, char *out, size_t cap);
/* The order shown: 0 best first, 1 newest, 2 oldest. */
int list_sort_shown(const view *v);
/* The next order (best, newest, oldest, best...), searching again. */
void list_sort_next(view *v);
/* Suggestion i applied to the query: a word completes the word being
 * typed, a name becomes its filter (lid:"…"), a case number opens the
 * case (returns 1 then, with its number in zaak). */
int list_sugg_apply(view *v, int i, char *zaak, size_t cap);
/* The label of suggestion i as the list shows it ("lid: Palland"). */
void list_sugg_label(const view *v, int i, char *out, size_t cap);
/* 1 when the suggestions are for the query now in the field. */
int list_sugg_current(const view *v);

/* ---- facet chips ----------------------------------------------------- */
/* Facet chips over the results: the filters in the query (active) and
 * the most frequent values of each facet. */
typedef struct {
    char label[96];
    char token[112];         /* what it adds to the query: "partij:CDA" */
    uint32_t count;
    int active;
    int facet;               /* enum fmt_facet, -1 for an active filter */
} vchip;
int list_chips(view *v, vchip *out, int cap);
/* The query with chip c switched (added, or taken out when active), into
 * q of cap >= 2 * TEXT_MAX bytes. Returns 0, or -1 when it would not fit
 * the search field. */
int list_chip_query(const view *v, const vchip *c, char *q, size_t cap);

/* ---- moving ---------------------------------------------------------- */
void list_browse_first(view *v);
void list_browse_scroll(view *v, int64_t dy);
void list_browse_show_sel(view *v);
void list_browse_move(view *v, int k);
void list_browse_end(view *v);
/* Show the newest row dated on or before ymd. */
void list_browse_jump(view *v, int32_t ymd);
int64_t list_res_max_scroll(view *v);
void list_res_clamp(view *v);
void list_res_show_sel(view *v);
void list_res_move(view *v, long k);

/* Find (and read) the browse rows on screen from the top row down, for a
 * pane from top to bottom: fills v->browse.vis (view_prepare()). */
void list_prepare(view *v, int top, int bottom);

#endif
