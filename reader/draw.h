/* draw.h - painting the view's display list with SDL2 and SDL2_ttf.
 *
 * The only file that includes SDL_ttf.h is draw.c. It owns the bundled
 * fonts (read once into memory, opened per size on demand), a cache of
 * text widths, and a cache of rendered text runs as textures, keyed by
 * their content, face, size and colour and bounded in bytes. Callers empty
 * the texture cache with gfx_flush() on resize, zoom, theme change and
 * SDL_WINDOWEVENT_EXPOSED (a lost GPU context loses its textures).
 */
#ifndef VB_DRAW_H
#define VB_DRAW_H

#include <stddef.h>
#include <SDL.h>

#include "view.h"

#define GFX_CACHE_BYTES ((size_t)4 << 20)   /* rendered text kept, at most */

typedef struct gfx gfx;

/* Load the four faces (DejaVuSans, -Bold, -Oblique, DejaVuSansMono .ttf)
 * from fontdir for drawing on r. NULL with a message in err when a font
 * is missing or unreadable, or TTF cannot start. */
gfx *gfx_open(SDL_Renderer *r, const char *fontdir, char *err, size_t errlen);
void gfx_close(gfx *g);

/* The measurer for layout: width of text in a face at px, line height. */
lay_measure gfx_measure(gfx *g);

/* Forget every rendered text texture (and the fonts of unused sizes). */
void gfx_flush(gfx *g);

/* Paint dl on the renderer (not presented: the caller may read the pixels
 * back for a screenshot first). */
void gfx_draw(gfx *g, const dlist *dl);

/* Bytes held by the texture cache and the number of texts rendered since
 * gfx_open (for measurements). */
size_t gfx_cache_bytes(const gfx *g);
unsigned long gfx_renders(const gfx *g);

#endif
