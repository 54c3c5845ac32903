/* vrender.h - a frame as a display list (vrender.c).
 *
 * render_frame() turns the view's state into v->frame (display list, hot
 * zones, where the panes went) and changes nothing else: view_prepare()
 * has read and settled what it needs. It draws with vpaint.c, calls
 * vstyle.c, and vlist.c and vcase.c only for what they hold.
 */
#ifndef VB_VRENDER_H
#define VB_VRENDER_H

#include "view.h"

void render_frame(view *v);
/* The label (S_*) of what a hot zone does, 0 when it has none: icon
 * buttons' tooltips, shown on hover and after a long press. */
int render_tip_for(int act, int arg);

/* The on-screen keyboard's keys: label and what they type. */
typedef struct {
    const char *label, *text;
    int key;                 /* VK_* when it is not text */
    int wide;                /* width in key units (times 2) */
} vosk_key;
extern const vosk_key render_osk_keys[];
extern const size_t render_nosk_keys;

#endif
