/* vpaint.c - the display list's commands, laid-out text and the widgets
 * every screen is made of (see vpaint.h).
 *
 * Each frame is described from scratch as rectangles and text runs, in
 * pixels, with the hot zones a click can land on; draw.c paints it from
 * its cache of rendered text. What is measured here is what can show: a
 * text run is at most TEXT_RUN_MAX bytes, a one-line field measures only
 * as far as its width.
 */
#include "vpaint.h"
#include "vstyle.h"

#include <stdlib.h>
#include <string.h>

/* ---- the display list ------------------------------------------------ */

static dcmd *push(view *v, int type)
{
    dlist *d = &v->frame.dl;

    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 512;
        dcmd *n = realloc(d->c, cap * sizeof *n);
        if (!n) {
            d->oom = 1;
            return NULL;
        }
        d->c = n;
        d->cap = cap;
    }
    memset(&d->c[d->n], 0, sizeof d->c[0]);
    d->c[d->n].type = (uint8_t)type;
    return &d->c[d->n++];
}

void paint_rect_a(view *v, int x, int y, int w, int h, uint32_t rgb, int alpha)
{
    dcmd *c;

    if (w <= 0 || h <= 0 || !(c = push(v, DC_RECT)))
        return;
    c->x = x, c->y = y, c->w = w, c->h = h, c->rgb = rgb;
    c->alpha = (uint8_t)alpha;
}

void paint_rect(view *v, int x, int y, int w, int h, uint32_t rgb)
{
    paint_rect_a(v, x, y, w, h, rgb, 255);
}

void paint_frame(view *v, int x, int y, int w, int h, uint32_t rgb)
{
    dcmd *c;

    if (w <= 0 || h <= 0 || !(c = push(v, DC_FRAME)))
        return;
    c->x = x, c->y = y, c->w = w, c->h = h, c->rgb = rgb;
}

void paint_clip(view *v, int x, int y, int w, int h)
{
    dcmd *c = push(v, DC_CLIP);

    if (c)
        c->x = x, c->y = y, c->w = w, c->h = h;
}

#define TEXT_RUN_MAX 8192  /* bytes of one text command */

int paint_text(view *v, int x, int y, int face, int px, uint32_t rgb, const char *s,
               size_t n)
{
    dlist *d = &v->frame.dl;
    dcmd *c;

    if (n == 0)
        return 0;
    if (n > TEXT_RUN_MAX) {      /* more than any screen shows (see fit) */
        n = TEXT_RUN_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    if (d->slen + n + 1 > d->scap) {
        size_t cap = d->scap ? d->scap : 8192;
        char *ns;
        while (cap < d->slen + n + 1)
            cap *= 2;
        if (!(ns = realloc(d->str, cap))) {
            d->oom = 1;
            return 0;
        }
        d->str = ns;
        d->scap = cap;
    }
    if (!(c = push(v, DC_TEXT)))
        return 0;
    memcpy(d->str + d->slen, s, n);
    d->str[d->slen + n] = '\0';
    c->x = x, c->y = y, c->face = (uint8_t)face, c->px = (uint16_t)px, c->rgb = rgb;
    c->off = (uint32_t)d->slen;
    c->len = (uint32_t)n;
    c->w = style_text_width(v, face, px, s, n);
    c->h = style_lh(v, px);
    d->slen += n + 1;
    return c->w;
}

int paint_str(view *v, int x, int y, int face, int px, uint32_t rgb, const char *s)
{
    return paint_text(v, x, y, face, px, rgb, s, strlen(s));
}

/* One line of text cut to maxw pixels, with an ellipsis when cut. Only
 * what can show is measured: windows of 64, 128, ... bytes until one is
 * wider than maxw, so a subject of megabytes (a forged archive's) costs
 * what a line holds. */
int paint_fit(view *v, int x, int y, int maxw, int face, int px, uint32_t rgb, const char *s)
{
    size_t n = strlen(s), k, win;
    int ew, w;

    if (maxw <= 0)
        return 0;
    for (win = 64; win < n; win *= 2) {
        while (win < n && ((unsigned char)s[win] & 0xc0) == 0x80)
            win++;
        if (win < n && style_text_width(v, face, px, s, win) > maxw) {
            n = win;
            break;
        }
    }
    if (style_text_width(v, face, px, s, n) <= maxw)
        return paint_text(v, x, y, face, px, rgb, s, n);
    ew = style_text_width(v, face, px, "\xe2\x80\xa6", 3);
    k = lay_fit(&v->m, face, px, s, n, maxw - ew);
    while (k > 0 && s[k - 1] == ' ')
        k--;
    w = paint_text(v, x, y, face, px, rgb, s, k);
    return w + paint_text(v, x + w, y, face, px, rgb, "\xe2\x80\xa6", 3);
}

void paint_hot(view *v, int x, int y, int w, int h, int act, int arg)
{
    if (v->frame.nhots == v->frame.hotcap) {
        size_t cap = v->frame.hotcap ? v->frame.hotcap * 2 : 128;
        vhot *n = realloc(v->frame.hots, cap * sizeof *n);
        if (!n)
            return;
        v->frame.hots = n;
        v->frame.hotcap = cap;
    }
    v->frame.hots[v->frame.nhots++] = (vhot){ x, y, w, h, act, arg };
}

/* Black or white, whichever reads better on rgb. */
uint32_t paint_ink_on(uint32_t rgb)
{
    int r = (int)(rgb >> 16 & 255), g = (int)(rgb >> 8 & 255), b = (int)(rgb & 255);
    return (r * 299 + g * 587 + b * 114) / 1000 > 150 ? 0x000000 : 0xffffff;
}

/* ---- laid-out text --------------------------------------------------- */

static uint32_t mark_rgb(const view *v, uint8_t a)
{
    return style_rgb(v, a & LA_CUR ? C_FINDCUR : a & LA_FIND ? C_FIND : C_HL);
}

static void seg_marks(view *v, const lay_box *b, const lay_text *t, const lay_seg *s,
                      int x, int y, int h)
{
    size_t i = s->off, end = s->off + s->len, j;
    int face = lay_face(s->attr), px = lay_px(s->attr, b->px);

    while (i < end) {
        uint8_t m = t->attr[i] & LA_MARKBITS;
        for (j = i + 1; j < end && (t->attr[j] & LA_MARKBITS) == m; j++)
            ;
        if (m) {
            int x0 = style_text_width(v, face, px, t->text + s->off, i - s->off);
            int x1 = x0 + style_text_width(v, face, px, t->text + i, j - i);
            paint_rect(v, x + s->x + x0, y, x1 - x0, h, mark_rgb(v, m));
        }
        i = j;
    }
}

/* The text of a segment; where it is marked, in the ink that reads on
 * the mark (white on a dark highlight, black on yellow). */
static void seg_text(view *v, const lay_box *b, const lay_text *t, const lay_seg *s, int x,
                     int y, uint32_t rgb)
{
    size_t i = s->off, end = s->off + s->len, j;
    int face = lay_face(s->attr), px = lay_px(s->attr, b->px), dx;

    for (j = i; j < end && !(t->attr[j] & LA_MARKBITS); j++)
        ;
    if (j == end) {
        paint_text(v, x + s->x, y, face, px, rgb, t->text + s->off, s->len);
        return;
    }
    while (i < end) {
        uint8_t m = t->attr[i] & LA_MARKBITS;
        for (j = i + 1; j < end && (t->attr[j] & LA_MARKBITS) == m; j++)
            ;
        dx = style_text_width(v, face, px, t->text + s->off, i - s->off);
        paint_text(v, x + s->x + dx, y, face, px, m ? paint_ink_on(mark_rgb(v, m)) : rgb, t->text + i, j - i);
        i = j;
    }
}

/* Draw box b of text t at (x, y), only the lines between top and bot. */
void paint_draw_box(view *v, const lay_box *b, const lay_text *t, int x, int y, int top,
                    int bot, uint32_t rgb)
{
    size_t i, k, lo = 0, hi = b->nlines;

    /* a token of megabytes has tens of thousands of lines: skip to the
     * first one on screen (lines go down the box in order) */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (y + b->lines[mid].y + b->lines[mid].h < top)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < b->nlines; i++) {
        const lay_line *l = &b->lines[i];
        int ly = y + l->y;
        if (ly + l->h < top)
            continue;
        if (ly > bot)
            break;
        for (k = 0; k < l->nseg; k++)
            seg_marks(v, b, t, &b->segs[l->seg + k], x, ly, l->h);
        for (k = 0; k < l->nseg; k++) {
            const lay_seg *s = &b->segs[l->seg + k];
            uint32_t c = s->attr & LA_LINK ? style_rgb(v, C_LINK) : rgb;
            seg_text(v, b, t, s, x, ly, c);
        }
        if (i + 1 == b->nlines && b->ell_x >= 0)
            paint_text(v, x + b->ell_x, ly, LF_REGULAR, b->px, rgb, "\xe2\x80\xa6", 3);
    }
}

int paint_para(view *v, int x, int y, int w, int px, int maxlines, uint32_t rgb,
               const char *s, uint8_t a)
{
    lay_text_clear(&v->frame.scr_t);
    lay_add(&v->frame.scr_t, s, strlen(s), a);
    lay_wrap(&v->frame.scr_b, &v->frame.scr_t, w, px, maxlines, &v->m);
    paint_draw_box(v, &v->frame.scr_b, &v->frame.scr_t, x, y, 0, v->h, rgb);
    return v->frame.scr_b.height;
}

/* ---- widgets --------------------------------------------------------- */

int paint_chip(view *v, int x, int y, int px, uint32_t bg, uint32_t fg, const char *s,
               int selected)
{
    int pad = px / 2, w = style_text_width(v, LF_BOLD, px, s, strlen(s)) + 2 * pad;
    int h = style_lh(v, px) + px / 4;

    paint_rect(v, x, y, w, h, bg);
    if (v->cfg.theme == THEME_CONTRAST)
        paint_frame(v, x, y, w, h, style_rgb(v, C_FG));
    if (selected) {
        paint_frame(v, x - 2, y - 2, w + 4, h + 4, style_rgb(v, C_FOCUS));
        paint_frame(v, x - 3, y - 3, w + 6, h + 6, style_rgb(v, C_FOCUS));
    }
    paint_str(v, x + pad, y + px / 8, LF_BOLD, px, fg, s);
    return w;
}

int paint_icon_button(view *v, int x, int y, int s, const char *glyph, int act, int arg,
                      int enabled)
{
    int px = s * 55 / 100, tw = style_text_width(v, LF_REGULAR, px, glyph, strlen(glyph));
    int th = style_lh(v, px);

    if (v->ptr.hover_y >= y && v->ptr.hover_y < y + s && v->ptr.hover_x >= x && v->ptr.hover_x < x + s &&
        enabled && !v->cfg.osk)
        paint_rect(v, x, y, s, s, style_rgb(v, C_SEL));
    paint_str(v, x + (s - tw) / 2, y + (s - th) / 2, LF_REGULAR, px, style_rgb(v, enabled ? C_FG : C_RULE),
              glyph);
    if (enabled)
        paint_hot(v, x, y, s, s, act, arg);
    return s;
}

/* A one-line text field; the text scrolls to keep the cursor in view. */
void paint_field(view *v, int x, int y, int w, int h, const char *s, size_t cur,
                 int all, const char *hint, int focused, int arg)
{
    int px = v->px, pad = px / 2, th = style_lh(v, px), inner = w - 2 * pad;
    int cx = style_text_width(v, LF_REGULAR, px, s, cur), shift = 0;

    paint_rect(v, x, y, w, h, style_rgb(v, C_BG));
    paint_frame(v, x, y, w, h, style_rgb(v, focused ? C_FOCUS : C_RULE));
    if (focused)
        paint_frame(v, x + 1, y + 1, w - 2, h - 2, style_rgb(v, C_FOCUS));
    paint_clip(v, x + 2, y, w - 4, h);
    if (cx > inner - 2)
        shift = cx - inner + 2;
    if (*s && all && focused) /* selected: typing will replace it */
        paint_rect(v, x + pad - shift, y + (h - th) / 2, cx, th, style_rgb(v, C_SEL));
    if (*s)
        paint_str(v, x + pad - shift, y + (h - th) / 2, LF_REGULAR, px, style_rgb(v, C_FG), s);
    else
        paint_fit(v, x + pad, y + (h - th) / 2, inner, LF_ITALIC, px, style_rgb(v, C_DIM), hint);
    if (focused)
        paint_rect(v, x + pad - shift + cx, y + (h - th) / 2, px / 8 > 2 ? px / 8 : 2, th,
                   style_rgb(v, C_FOCUS));
    paint_clip(v, 0, 0, 0, 0);
    paint_hot(v, x, y, w, h, H_FIELD, arg);
}

void paint_scrollbar(view *v, int x, int y, int h, double pos, double size, int act)
{
    vgeom g;
    int th;

    style_geom(v, &g);
    if (size >= 1.0 || h <= 0)
        return;
    th = (int)(h * size);
    if (th < v->px * 2)
        th = v->px * 2;
    if (th > h)
        th = h;
    pos = pos < 0 ? 0 : pos > 1 ? 1 : pos;
    paint_rect(v, x, y, g.sb_w, h, style_rgb(v, C_PANEL));
    paint_rect(v, x + 2, y + (int)((h - th) * pos), g.sb_w - 4, th, style_rgb(v, C_DIM));
    v->frame.sb_x = x;
    v->frame.sb_y = y;
    v->frame.sb_h = h;
    v->frame.sb_th = th;
    paint_hot(v, x, y, g.sb_w, h, act, 0);
}
