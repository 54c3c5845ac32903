/* keep.h - what the reader remembers per user: bookmarks and recently read
 * cases, keyed by case (zaak) number so they survive a new edition of the
 * archive.
 *
 * Two small text files in a folder (main.c picks $XDG_DATA_HOME/vraagbaak):
 * "bookmarks" and "recent", one case a line: NUMBER TAB SECONDS TAB TITLE.
 * They are rewritten whole through a temporary file and rename, so a crash
 * never leaves half a file. Read back untrusted: bad lines are skipped and
 * sizes are capped.
 */
#ifndef VB_KEEP_H
#define VB_KEEP_H

#include <stddef.h>
#include <stdint.h>

#define KEEP_MAX 500      /* entries kept per list */

typedef struct {
    char zaak[24];
    char title[240];
    int64_t when;         /* seconds since 1970 */
} keep_item;

typedef struct {
    char *dir;            /* NULL: nothing is written (kiosk, tests) */
    keep_item *bm;        /* newest first */
    size_t nbm;
    keep_item *recent;    /* newest first */
    size_t nrecent;
    size_t recent_max;
} keep;

/* Load both lists from dir (which may not exist yet). dir NULL keeps the
 * lists in memory only. Returns 0, or -1 when out of memory. */
int keep_load(keep *k, const char *dir, size_t recent_max);
void keep_free(keep *k);

int keep_is_bookmarked(const keep *k, const char *zaak);
/* Add or remove a bookmark; returns the new state (1 bookmarked). Saved
 * at once. */
int keep_toggle(keep *k, const char *zaak, const char *title, int64_t now);
/* Note that zaak was read now: it moves to the front of the recent list.
 * Saved at once. */
void keep_visit(keep *k, const char *zaak, const char *title, int64_t now);
/* Forget the recently read list (kiosk idle reset). */
void keep_clear_recent(keep *k);

#endif
