/* draw.h - painting the view's display list with SDL2 and SDL2_ttf.
 *
 * The only file that includes SDL_ttf.h is draw.c. It owns the bundled
 * fonts (read once into memory, opened per size on demand), a cache of
 * text widths, and a cache of rendered text runs as textures, keyed by
 * their content, face, size and colour and bounded in bytes. Callers empty
 * the texture cache with draw_flush() on resize, zoom, theme change and
 * SDL_WINDOWEVENT_EXPOSED (a lost GPU context loses its textures).
 */
#ifndef VB_DRAW_H
#define VB_DRAW_H

#include <stddef.h>
#include <SDL.h>

#include "view.h"

#define DRAW_CACHE_BYTES ((size_t)4 << 20)   /* rendered text kept, at most */

typedef struct drawer drawer;

/* Load the four faces (DejaVuSans, -Bold, -Oblique, DejaVuSansMono .ttf)
 * from fontdir for drawing on r. NULL with a message in err when a font
 * is missing or unreadable, or TTF cannot start. */
drawer *draw_open(SDL_Renderer *r, const char *fontdir, char *err, size_t errlen);
void draw_close(drawer *g);

/* The measurer for layout: width of text in a face at px, line height. */
lay_measure draw_measure(drawer *g);

/* Forget every rendered text texture (and the fonts of unused sizes). */
void draw_flush(drawer *g);

/* Paint dl on the renderer (not presented: the caller may read the pixels
 * back for a screenshot first). */
void draw_list(drawer *g, const dlist *dl);

/* Bytes held by the texture cache and the number of texts rendered since
 * draw_open (for measurements). */
size_t draw_cache_bytes(const drawer *g);
unsigned long draw_renders(const drawer *g);

#endif
