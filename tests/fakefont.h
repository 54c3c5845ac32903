/* fakefont.h - the reader tests' font: every character px/2 wide, a line
 * px + 4 high, so layouts are exact and need no SDL_ttf; fake_measured
 * counts the bytes measured (how much work a layout step did). Included
 * by test_view.c and test_vcase.c only. */
#ifndef VB_FAKEFONT_H
#define VB_FAKEFONT_H
#include <stddef.h>
#include "layout.h"

static unsigned long long fake_measured; /* bytes given to fake_width */

static int fake_width(void *ctx, int face, int px, const char *s, size_t n)
{
    size_t i, chars = 0;

    (void)ctx;
    (void)face;
    fake_measured += n;
    for (i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xc0) != 0x80;
    return (int)chars * (px / 2);
}

static int fake_height(void *ctx, int face, int px)
{
    (void)ctx;
    (void)face;
    return px + 4;
}

static const lay_measure fake = { fake_width, fake_height, NULL };
#endif
