/* follow.h - `vraagbaak --library DIR`: the newest edition of each title
 * in a folder, and a newer one taken when it appears there (follow.c).
 *
 * A thread blocks on the folder's inotify descriptor (no timer, no
 * polling: an idle reader stays asleep) and calls notify when a *.vbk
 * file was written, moved in or removed; the main thread then looks at
 * the folder again (follow_rescan). A file is a candidate once it is
 * complete (its checksum trailer is there and its parts are all there);
 * the worker checks its content against the checksum in the background
 * (wk_verify); only then does it count. A file that fails the check with
 * its trailer there is broken: said once on stderr, counted, and left
 * alone until it changes. When the verified newest editions differ from
 * those open, follow_due() says so and app.c calls follow_switch() when
 * the reader is idle.
 *
 * Which archive is the newest edition of a title: see follow.c, "newer".
 * No SDL here.
 */
#ifndef VB_FOLLOW_H
#define VB_FOLLOW_H

#include <stddef.h>

#include "view.h"

/* Nobody has touched the reader for this long: it is idle enough to
 * switch editions (outside kiosk mode; a kiosk switches at its idle
 * reset). */
#define FOLLOW_QUIET_MS 3000

typedef struct follow follow;

/* Watch folder dir and choose the newest complete edition of each title
 * in it (follow_chosen). notify(ctx) is called from the watching thread
 * when something changed in the folder. NULL with a message in err when
 * the folder cannot be read or watched. */
follow *follow_open(const char *dir, void (*notify)(void *ctx), void *ctx, char *err,
                    size_t errlen);
/* Stop the thread and free f. NULL is fine. */
void follow_close(follow *f);

/* The archives (part 1 of split ones) to open now, at most cap; the
 * strings are f's. Call follow_opened() once view_open() opened them. */
int follow_chosen(follow *f, char **paths, int cap);
void follow_opened(follow *f);

/* The folder changed (after notify): look at it again. */
void follow_rescan(follow *f);
/* Take the worker's answers (verifications, the view's background
 * check of the files open), ask it to check the next candidate (with no
 * archive open, on a worker of f's own, started with notify and ctx).
 * Returns 1 when a switch to other editions is due. */
int follow_step(follow *f, view *v, void (*notify)(void *ctx), void *ctx);
/* Switch the view to the chosen editions (view_switch); the files they
 * replace are closed. Returns 0, or -1 when nothing changed (a file
 * changed since it was checked: it is checked again). */
int follow_switch(follow *f, view *v, void (*notify)(void *ctx), void *ctx);

/* For the stats script command: switches made, broken files seen and
 * candidates still waiting for their check. */
void follow_counts(const follow *f, unsigned *switches, unsigned *broken, unsigned *waiting);

#endif
