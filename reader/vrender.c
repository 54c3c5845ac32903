/* vrender.c - the display list of each screen (no SDL), made with the
 * commands and widgets of vpaint.c.
 *
 * Every frame is described from scratch as rectangles and text runs, in
 * pixels, together with the hot zones a click can land on. That is cheap
 * (a few hundred commands) and keeps the drawing side dumb: draw.c caches
 * the rendered text, so a frame that looks like the last one costs only
 * blits. Only what is visible is described: the rows on screen, the lines
 * of the case thread between the top and bottom of the pane.
 */
#include "vrender.h"
#include "vstyle.h"
#include "vlist.h"
#include "vcase.h"
#include "vpaint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- top bar --------------------------------------------------------- */

/* The case screen's controls for touch (and mouse): find in the case,
 * smaller and larger text, go to a case number; drawn right to left from
 * r, with a thin rule before them. They leave the search field a few
 * letters: on a narrow bar (small screen, large text) go-to goes first,
 * then larger; find and smaller stay, so large text can always be made
 * small again. Returns the width used. */
static int case_tools(view *v, int r, int y, int s, int left)
{
    int n = (r - left - 7 * v->px) / s, w = 0;

    if (n >= 4)
        w += paint_icon_button(v, r - w - s, y, s, "\xe2\x84\x96", H_BUTTON, B_JUMP, 1);
    if (n >= 3)
        w += paint_icon_button(v, r - w - s, y, s, "A+", H_BUTTON, B_ZOOM_IN, 1);
    w += paint_icon_button(v, r - w - s, y, s, "A\xe2\x88\x92", H_BUTTON, B_ZOOM_OUT, v->zoom > 0);
    w += paint_icon_button(v, r - w - s, y, s, "\xe2\x9a\xb2", H_BUTTON, B_FIND_OPEN, 1);
    paint_rect(v, r - w - 2, y + s / 5, 1, s - 2 * (s / 5), style_rgb(v, C_RULE));
    return w + 4;
}

/* The label of a top-bar button: its tooltip, and its line in the menu. */
static int button_label(int b)
{
    switch (b) {
    case B_BACK: return S_TIP_BACK;
    case B_FORWARD: return S_TIP_FORWARD;
    case B_HOME: return S_TIP_HOME;
    case B_HELP: return S_TIP_HELP;
    case B_ABOUT: return S_TIP_ABOUT;
    case B_THEME: return S_TIP_THEME;
    case B_STATS: return S_TIP_STATS;
    case B_SAVED: return S_TIP_SAVED;
    case B_BOOKMARK: return S_TIP_BOOKMARK;
    case B_MENU: return S_TIP_MENU;
    }
    return -1;
}

/* A button's label in a box under it, kept inside the window. */
static void tooltip(view *v, int bx, int by, int bs, int b)
{
    const char *s = style_text(v, button_label(b));
    int px = style_px(v, PXC_SMALL), pad = px / 2, lh = style_lh(v, px);
    int w = style_text_width(v, LF_REGULAR, px, s, strlen(s)) + 2 * pad, h = lh + pad;
    int x = bx + bs / 2 - w / 2, y = by + bs + 2;

    if (w > v->w - 4)
        w = v->w - 4;
    x = x + w > v->w - 2 ? v->w - 2 - w : x < 2 ? 2 : x;
    paint_rect(v, x, y, w, h, style_rgb(v, C_FG));
    paint_fit(v, x + pad, y + pad / 2, w - 2 * pad, LF_REGULAR, px, style_rgb(v, C_BG), s);
}

typedef struct {
    const char *glyph;
    int b, enabled;
} tbutton;

static void top_bar(view *v, const vgeom *g)
{
    int s = g->bar_h - g->pad, y = g->pad / 2, x = g->pad / 2, r = v->w - g->pad / 2;
    static const int leftb[] = { B_BACK, B_FORWARD, B_HOME };
    static const int rightb[] = { B_HELP, B_ABOUT, B_THEME, B_STATS, B_SAVED, B_BOOKMARK };
    int onlist = v->screen == SC_LIST, x1, i, j, n = 0, slots, fieldmin, ntip = -1, tipx = 0;
    int hx = v->ptr.hover_x, hy = v->ptr.hover_y, menux = 0, nmenu = 0;
    /* in the order they are dropped into the menu when the field needs
     * the room: the last first */
    tbutton all[10], menu[10];
    int kept[10];
    size_t k;

    all[n++] = (tbutton){ "\xe2\x80\xb9", B_BACK, v->nback > 0 };
    all[n++] = (tbutton){ "\xe2\x8c\x82", B_HOME, !onlist || list_searching(v) || v->nback > 0 };
    all[n++] = (tbutton){ "?", B_HELP, 1 };
    if (v->screen == SC_DOC)
        all[n++] = (tbutton){ keep_is_bookmarked(&v->keep, v->cs.zaak) ? "\xe2\x98\x85" : "\xe2\x98\x86",
                              B_BOOKMARK, 1 };
    all[n++] = (tbutton){ "\xe2\x80\xba", B_FORWARD, v->nfwd > 0 };
    all[n++] = (tbutton){ "\xe2\x96\x81\xe2\x96\x85\xe2\x96\x83", B_STATS, 1 };
    all[n++] = (tbutton){ "\xe2\x98\xb0", B_SAVED, 1 };
    all[n++] = (tbutton){ "\xe2\x97\x90", B_THEME, 1 };
    all[n++] = (tbutton){ "\xe2\x84\xb9", B_ABOUT, 1 };
    /* the search field keeps room for about 20 letters (or half the
     * window): buttons that would squeeze it go into the menu (⋯) */
    fieldmin = 10 * v->px < v->w / 2 ? 10 * v->px : v->w / 2;
    slots = (v->w - g->pad * 2 - fieldmin) / s;
    for (i = 0; i < n; i++)
        kept[i] = i < (n <= slots ? n : slots - 1);
    for (i = 0; i < n; i++)
        if (!kept[i])
            menu[nmenu++] = all[i];
    paint_rect(v, 0, 0, v->w, g->bar_h, style_rgb(v, C_PANEL));
    paint_rect(v, 0, g->bar_h - 1, v->w, 1, style_rgb(v, C_RULE));
    /* left: back, forward, home; right: help, about, theme, stats,
     * saved, bookmark, then the menu */
    for (k = 0; k < sizeof leftb / sizeof leftb[0]; k++)
        for (j = 0; j < n; j++)
            if (all[j].b == leftb[k] && kept[j]) {
                if (hx >= x && hx < x + s && hy >= y && hy < y + s && all[j].enabled && !v->ptr.touch)
                    ntip = all[j].b, tipx = x;
                if (v->ptr.tip == all[j].b + 1)
                    ntip = all[j].b, tipx = x;
                x += paint_icon_button(v, x, y, s, all[j].glyph, H_BUTTON, all[j].b, all[j].enabled);
            }
    {
        for (k = 0; k < sizeof rightb / sizeof rightb[0]; k++)
            for (j = 0; j < n; j++)
                if (all[j].b == rightb[k] && kept[j]) {
                    int bx = r - s;
                    if (hx >= bx && hx < bx + s && hy >= y && hy < y + s && !v->ptr.touch)
                        ntip = all[j].b, tipx = bx;
                    if (v->ptr.tip == all[j].b + 1)
                        ntip = all[j].b, tipx = bx;
                    r -= paint_icon_button(v, bx, y, s, all[j].glyph, H_BUTTON, all[j].b, all[j].enabled);
                }
        if (nmenu) {
            menux = r - s;
            if (hx >= menux && hx < menux + s && hy >= y && hy < y + s && !v->ptr.touch && !v->menu)
                ntip = B_MENU, tipx = menux;
            if (v->ptr.tip == B_MENU + 1)
                ntip = B_MENU, tipx = menux;
            if (v->menu)
                paint_rect(v, menux, y, s, s, style_rgb(v, C_SEL));
            r -= paint_icon_button(v, menux, y, s, "\xe2\x8b\xaf", H_BUTTON, B_MENU, 1);
        }
    }
    if (v->screen == SC_DOC)
        r -= case_tools(v, r, y, s, x);
    x1 = r - g->pad / 2;
    v->frame.qx = x + g->pad / 2;  /* the suggestions hang under it */
    v->frame.qw = x1 - x - g->pad / 2;
    paint_field(v, x + g->pad / 2, y + s / 10, x1 - x - g->pad / 2, s - s / 5, v->query.text, v->query.cur,
                v->query.all, style_text(v, S_SEARCH_HINT), v->focus == FO_SEARCH, 0);
    if (v->menu && nmenu) {   /* the buttons that did not fit, with their names */
        int px = v->px, lh = style_lh(v, px), ih = lh + px, mw = 0, my = g->bar_h, mx;
        for (i = 0; i < nmenu; i++) {
            const char *l = style_text(v, button_label(menu[i].b));
            int tw = style_text_width(v, LF_REGULAR, px, l, strlen(l));
            mw = tw > mw ? tw : mw;
        }
        mw += 3 * px + s;
        if (mw > v->w)
            mw = v->w;
        mx = menux + s - mw < 0 ? 0 : menux + s - mw;
        paint_hot(v, 0, 0, v->w, v->h, H_BUTTON, B_MENU);      /* a tap beside it closes it */
        paint_rect(v, mx, my, mw, nmenu * ih, style_rgb(v, C_PANEL));
        paint_frame(v, mx, my, mw, nmenu * ih, style_rgb(v, C_FOCUS));
        for (i = 0; i < nmenu; i++) {
            int iy = my + i * ih;
            uint32_t ink = style_rgb(v, menu[i].enabled ? C_FG : C_RULE);
            int gw = style_text_width(v, LF_REGULAR, px, menu[i].glyph, strlen(menu[i].glyph));
            paint_str(v, mx + px / 2 + (s - gw) / 2, iy + px / 2, LF_REGULAR, px, ink, menu[i].glyph);
            paint_fit(v, mx + px + s, iy + px / 2, mw - 2 * px - s, LF_REGULAR, px, ink,
                      style_text(v, button_label(menu[i].b)));
            if (menu[i].enabled)
                paint_hot(v, mx, iy, mw, ih, H_BUTTON, menu[i].b);
        }
    }
    if (ntip >= 0 && !v->menu && !v->help)
        tooltip(v, tipx, y, s, ntip);
}

/* ---- the case list --------------------------------------------------- */

static void row_tags(view *v, int x, int y, int maxw, int px, const vrow *r)
{
    char parties[256], *tok, *save = NULL, line[1024];
    int w = 0;

    snprintf(parties, sizeof parties, "%s", r->parties);
    for (tok = strtok_r(parties, ",;", &save); tok && w < maxw / 2;
         tok = strtok_r(NULL, ",;", &save)) {
        uint32_t bg;
        char *e = tok + strlen(tok);
        while (*tok == ' ')
            tok++;
        while (e > tok && e[-1] == ' ')
            *--e = '\0';
        if (!*tok)
            continue;
        bg = style_party_rgb(v, tok);
        w += paint_chip(v, x + w, y, px * 9 / 10, bg, paint_ink_on(bg), tok, 0) + px / 3;
    }
    if (r->addressees[0])
        snprintf(line, sizeof line, "%s  \xe2\x86\x92  %s", r->members, r->addressees);
    else
        snprintf(line, sizeof line, "%s", r->members);
    paint_fit(v, x + w, y, maxw - w, LF_REGULAR, px, style_rgb(v, C_DIM), line);
}

static void row_snippet(view *v, int x, int y, int w, int px, const vrow *r)
{
    size_t i;

    if (!r->snippet)
        return;
    lay_text_clear(&v->frame.scr_t);
    lay_add(&v->frame.scr_t, r->snippet, strlen(r->snippet), 0);
    for (i = 0; i < r->nhl && i < WK_HL_MAX; i++)
        lay_mark(&v->frame.scr_t, r->hl[i].off, r->hl[i].len, LA_HL);
    lay_wrap(&v->frame.scr_b, &v->frame.scr_t, w, px, 2, &v->m);
    paint_draw_box(v, &v->frame.scr_b, &v->frame.scr_t, x, y, 0, v->h, style_rgb(v, C_FG));
}

/* The kinds of documents a case row holds ("vraag · antwoord"), those
 * that matched the search in the text colour, the rest dimmed. */
static int row_kinds(view *v, int x, int y, int maxw, int px, const vrow *r)
{
    static const int kinds[] = {FMT_QUESTION, FMT_NOTICE, FMT_ANSWER};
    static const int names[] = {S_K_QUESTION, S_K_NOTICE, S_K_ANSWER};
    int w = 0, i, first = 1;
    unsigned held = r->kinds_held ? r->kinds_held : 1u << r->kind;

    for (i = 0; i < 3; i++) {
        unsigned bit = 1u << kinds[i];
        int on = list_searching(v) && (r->kinds_matched & bit);
        if (!(held & bit))
            continue;
        if (!first)
            w += paint_fit(v, x + w, y, maxw - w, LF_REGULAR, px, style_rgb(v, C_DIM), " \xc2\xb7 ");
        first = 0;
        w += paint_fit(v, x + w, y, maxw - w, on ? LF_BOLD : LF_REGULAR, px,
                       style_rgb(v, on ? C_FG : C_DIM), style_text(v, names[i]));
    }
    return w;
}

static void draw_row(view *v, int x, int y, int w, int rh, const vrow *r, int sel, int arg)
{
    int pad = v->px / 2, spx = style_px(v, PXC_SMALL), slh = style_lh(v, spx), role, sw;
    char asked[32], answered[32], st[160], line[1024];
    const char *mark;
    int32_t ask;

    if (sel) {
        paint_rect(v, x, y, w, rh, style_rgb(v, C_SEL));
        if (v->focus == FO_LIST)
            paint_rect(v, x, y, v->px / 4 > 3 ? v->px / 4 : 3, rh, style_rgb(v, C_ACCENT));
    }
    paint_rect(v, x, y + rh - 1, w, 1, style_rgb(v, C_RULE));
    paint_hot(v, x, y, w, rh, H_ROW, arg);
    x += v->px;
    w -= 2 * v->px;
    y += pad;
    if (!r) {
        paint_str(v, x, y, LF_REGULAR, v->px, style_rgb(v, C_DIM), "\xe2\x80\xa6");
        return;
    }
    /* first line: number, asked -> answered, the kinds it holds; status */
    ask = r->asked ? r->asked : r->kind == FMT_QUESTION ? r->date : 0;
    style_status(v, r->status, r->answer_days, ask, st, sizeof st, &role);
    mark = style_status_mark(v, r->status);
    sw = st[0] ? style_text_width(v, LF_BOLD, spx, st, strlen(st)) : 0;
    if (mark[0]) { /* the term passed: a calm mark beside, not a red flag */
        int mw = style_text_width(v, LF_ITALIC, spx, mark, strlen(mark));
        if (sw + mw + spx < w / 2) {
            paint_str(v, x + w - mw, y, LF_ITALIC, spx, style_rgb(v, C_DIM), mark);
            sw += mw + spx;
        }
    }
    if (st[0]) {
        int sx = x + w - sw;
        paint_str(v, sx < x + w / 2 ? x + w / 2 : sx, y, LF_BOLD, spx, style_rgb(v, role), st);
    }
    if (sw > w / 2)
        sw = w / 2;
    snprintf(line, sizeof line, "%s", r->zaak[0] ? r->zaak : r->id);
    sw += spx;
    {
        int lx = x;
        lx += paint_fit(v, lx, y, w - sw, LF_BOLD, spx, style_rgb(v, C_ACCENT), line);
        style_date_short(ask ? ask : r->date, asked, sizeof asked);
        answered[0] = '\0';
        if (r->answered > 0)
            style_date_short(r->answered, answered, sizeof answered);
        snprintf(line, sizeof line, "   %s%s%s   ", asked, answered[0] ? " \xe2\x86\x92 " : "",
                 answered);
        lx += paint_fit(v, lx, y, w - sw - (lx - x), LF_REGULAR, spx, style_rgb(v, C_DIM), line);
        row_kinds(v, lx, y, w - sw - (lx - x), spx, r);
    }
    y += slh;
    if (r->damaged && !r->subject[0])
        snprintf(line, sizeof line, "%s %s", r->zaak[0] ? r->zaak : "",
                 style_text(v, S_ROW_DAMAGED));
    else
        snprintf(line, sizeof line, "%s%s", r->subject[0] ? r->subject : r->id,
                 r->damaged ? "  " : "");
    if (line[0] >= 'a' && line[0] <= 'z')
        line[0] = (char)(line[0] - 'a' + 'A');   /* "over het bericht" -> "Het bericht" */
    {
        int tw = paint_fit(v, x, y, w, LF_BOLD, v->px, style_rgb(v, C_FG), line);
        if (r->damaged && r->subject[0]) /* a document of it could not be read */
            paint_fit(v, x + tw, y, w - tw, LF_ITALIC, spx, style_rgb(v, C_LATE),
                      style_text(v, S_ROW_DAMAGED));
    }
    y += v->lh;
    if (list_searching(v)) {
        row_snippet(v, x, y, w, spx, r);
        y += 2 * slh;
    }
    row_tags(v, x, y, w, spx, r);
}

static void browse_rows(view *v, int x, int w, int top, int bot)
{
    int rh = style_row_h(v, list_searching(v)), y = top - v->browse.top_off;
    int64_t total = list_browse_count(v);
    uint32_t zaken = 0;
    int i;

    for (i = 0; i < v->narch; i++)
        zaken += v->arch[i].a ? v->arch[i].info.zaken : 0;
    paint_clip(v, x, top, w, bot - top);
    for (i = 0; i < v->browse.nvis && y < bot; i++) { /* view_prepare() found them */
        int64_t d = v->browse.vis[i];
        vbrowse_slot *s = list_slot_peek(v, d);
        draw_row(v, x, y, w, rh, s ? &s->row : NULL, d == v->browse.sel, (int)d);
        y += rh;
    }
    paint_clip(v, 0, 0, 0, 0);
    if (total > 1) {
        vgeom g;
        double n = (double)total;
        style_geom(v, &g);
        paint_scrollbar(v, x + w, top, bot - top, (n - 1 - (double)v->browse.top) / (n - 1),
                        (double)(bot - top) / rh / (zaken ? zaken : n), H_LIST_SB);
    }
}

static void result_rows(view *v, int x, int w, int top, int bot)
{
    int rh = style_row_h(v, list_searching(v));
    vresults *r = &v->res;
    size_t i = (size_t)(r->scroll / rh), last = i;
    int y = top - (int)(r->scroll % rh);

    paint_clip(v, x, top, w, bot - top);
    for (; i < r->total && y < bot; i++, y += rh) {
        draw_row(v, x, y, w, rh, list_result_row(v, i), i == r->sel, (int)i);
        last = i;
    }
    paint_clip(v, 0, 0, 0, 0);
    v->frame.res_shown = 1;      /* view_render() asks for more from here */
    v->frame.res_last = last;
    if (r->total > 0)
        paint_scrollbar(v, x + w, top, bot - top,
                        (double)r->scroll / (double)((int64_t)r->total * rh - (bot - top) > 0
                                              ? (int64_t)r->total * rh - (bot - top) : 1),
                        (double)(bot - top) / ((double)r->total * rh), H_LIST_SB);
}

/* Width of a "+N" chip. */
static int more_w(view *v, int spx, int hidden)
{
    char s[32];

    snprintf(s, sizeof s, style_text(v, S_MORE_N), hidden);
    return style_text_width(v, LF_BOLD, spx, s, strlen(s)) + spx + spx / 2;
}

/* After a list of chips: "+N" for the N that did not fit (a tap shows
 * them all), or "less" when they are all shown and took more rows. */
static void more_chip(view *v, int *cx, int *y, int x, int w, int ch, int spx, int hidden, int which)
{
    char s[32];
    int cw;

    if (hidden)
        snprintf(s, sizeof s, style_text(v, S_MORE_N), hidden);
    else
        snprintf(s, sizeof s, "%s", style_text(v, S_LESS));
    cw = style_text_width(v, LF_BOLD, spx, s, strlen(s)) + spx;
    if (*cx > x && *cx + cw > x + w) {
        *cx = x;
        *y += ch;
    }
    paint_chip(v, *cx, *y, spx, style_rgb(v, C_BG), style_rgb(v, C_LINK), s, 0);
    paint_frame(v, *cx, *y, cw, style_lh(v, spx) + spx / 4, style_rgb(v, C_LINK));
    paint_hot(v, *cx, *y, cw, style_lh(v, spx) + spx / 4, H_MORE, which);
    *cx += cw + spx / 2;
}

/* The line above the results: count, errors, did-you-mean; then chips. */
static int results_head(view *v, int x, int w, int y)
{
    int spx = style_px(v, PXC_SMALL), slh = style_lh(v, spx), cx = x, rows = 1, i, n;
    int maxrows = v->h < 600 ? 2 : 3, ch = slh + spx / 4 + v->px / 3, all;
    char line[400];
    vchip chips[64];

    if (v->res.err) /* the query's fault, or the archive's (damage, memory) */
        snprintf(line, sizeof line,
                 style_text(v, v->res.err == FMT_INVALID || v->res.err == FMT_LIMIT
                             ? S_QUERY_ERROR : S_SEARCH_FAILED),
                 v->res.msg);
    else if (!v->res.have)
        snprintf(line, sizeof line, "%s", style_text(v, S_SEARCHING));
    else if (v->res.total == 0)
        snprintf(line, sizeof line, "%s", style_text(v, list_too_short(v) ? S_TYPE_MORE
                                                                          : S_NOHITS));
    else
        list_counts(v, line, sizeof line);
    cx += paint_fit(v, x, y, w, LF_BOLD, spx, style_rgb(v, v->res.err ? C_LATE : C_FG), line);
    if (v->res.have && !v->res.err && v->res.total > 1) { /* the order, to change */
        static const int sorts[] = {S_SORT_RANK, S_SORT_NEW, S_SORT_OLD};
        int s = list_sort_shown(v), sw2;
        snprintf(line, sizeof line, "   \xe2\x87\x85 %s", style_text(v, sorts[s]));
        sw2 = paint_fit(v, cx, y, x + w - cx, LF_REGULAR, spx, style_rgb(v, C_LINK), line);
        paint_hot(v, cx, y, sw2, slh, H_SORT, 0);
        cx += sw2;
    }
    if (v->req.searching && v->res.have)
        cx += paint_str(v, cx, y, LF_ITALIC, spx, style_rgb(v, C_DIM), "   \xe2\x80\xa6");
    if (v->res.unfinished) { /* quiet: the rows are the last whole query's */
        cx += paint_fit(v, cx, y, x + w - cx, LF_ITALIC, spx, style_rgb(v, C_DIM), "   ");
        cx += paint_fit(v, cx, y, x + w - cx, LF_ITALIC, spx, style_rgb(v, C_DIM), v->res.hint);
    }
    if (v->res.skipped) { /* damage in the index: said, not hidden */
        y += slh;
        snprintf(line, sizeof line, style_text(v, S_SKIPPED), v->res.skipped);
        paint_fit(v, x, y, w, LF_ITALIC, spx, style_rgb(v, C_LATE), line);
    }
    if (v->res.first && v->res.first->didyoumean[0]) {
        snprintf(line, sizeof line, style_text(v, S_DIDYOUMEAN), v->res.first->didyoumean);
        cx += spx;
        paint_hot(v, cx, y, paint_fit(v, cx, y, x + w - cx, LF_BOLD, spx, style_rgb(v, C_LINK), line), slh, H_DYM, 0);
    }
    y += slh + v->px / 3;
    n = list_chips(v, chips, 64);
    v->frame.nchips = n;
    /* chips the rows cannot hold become "+N"; choosing chips by keyboard
     * shows them all */
    all = v->more[MORE_FACETS] || v->focus == FO_CHIPS;
    cx = x;
    for (i = 0; i < n; i++) {
        char lab[128];
        int cw;
        uint32_t bg, fg;
        if (chips[i].active)
            snprintf(lab, sizeof lab, "%.100s  \xc3\x97", chips[i].label);
        else if (!chips[i].count) /* widens a range: no count to give */
            snprintf(lab, sizeof lab, "%.100s", chips[i].label);
        else
            snprintf(lab, sizeof lab, "%.100s %u", chips[i].label, (unsigned)chips[i].count);
        cw = style_text_width(v, LF_BOLD, spx, lab, strlen(lab)) + spx;
        if (cx > x && cx + cw > x + w - (!all && rows == maxrows && i + 1 < n ? more_w(v, spx, n - i) : 0)) {
            if (rows == maxrows && !all)
                break;
            rows++;
            cx = x;
            y += ch;
        }
        bg = chips[i].active ? style_rgb(v, C_ACCENT) : chips[i].facet == FMT_FACET_PARTY
             ? style_party_rgb(v, chips[i].label) : style_rgb(v, C_PANEL);
        fg = chips[i].active ? style_rgb(v, C_ACCENTFG) : chips[i].facet == FMT_FACET_PARTY
             ? paint_ink_on(bg) : style_rgb(v, C_FG);
        paint_chip(v, cx, y, spx, bg, fg, lab, v->focus == FO_CHIPS && v->chip_sel == i);
        if (!chips[i].active && chips[i].facet != FMT_FACET_PARTY)
            paint_frame(v, cx, y, cw, slh + spx / 4, style_rgb(v, C_RULE));
        paint_hot(v, cx, y, cw, slh + spx / 4, H_CHIP, i);
        cx += cw + spx / 2;
    }
    v->frame.chips_shown[MORE_FACETS] = i;
    if (i < n || v->more[MORE_FACETS])
        more_chip(v, &cx, &y, x, w, ch, spx, n - i, MORE_FACETS);
    return y + (n ? ch : 0) + v->px / 4;
}

/* Year chips to jump through the browse list. */
static int year_chips(view *v, int x, int w, int y, int maxrows)
{
    int spx = style_px(v, PXC_SMALL), ch = style_lh(v, spx) + spx / 4 + v->px / 3, cx = x, rows = 1;
    int yr, y0 = 0, y1 = 0, i, all = v->more[MORE_YEARS];
    char s[32];

    for (i = 0; i < v->narch; i++) { /* the years of every archive */
        const fmt_info *in = &v->arch[i].info;
        if (!v->arch[i].a || in->first_date <= 0 || in->last_date <= 0)
            continue;
        if (!y0 || in->first_date / 10000 < y0)
            y0 = in->first_date / 10000;
        if (in->last_date / 10000 > y1)
            y1 = in->last_date / 10000;
    }
    if (!y0 || !y1)
        return y;
    if (y1 - y0 > 60)
        y0 = y1 - 60;
    for (yr = y1; yr >= y0; yr--) {
        int cw;
        snprintf(s, sizeof s, "%d", yr);
        cw = style_text_width(v, LF_BOLD, spx, s, strlen(s)) + spx;
        if (cx > x && cx + cw > x + w - (!all && rows == maxrows && yr > y0 ? more_w(v, spx, yr - y0 + 1) : 0)) {
            if (rows == maxrows && !all)
                break;
            rows++;
            cx = x;
            y += ch;
        }
        paint_chip(v, cx, y, spx, style_rgb(v, C_PANEL), style_rgb(v, C_FG), s, 0);
        paint_frame(v, cx, y, cw, style_lh(v, spx) + spx / 4, style_rgb(v, C_RULE));
        paint_hot(v, cx, y, cw, style_lh(v, spx) + spx / 4, H_YEAR, yr);
        cx += cw + spx / 2;
    }
    v->frame.chips_shown[MORE_YEARS] = y1 - yr;
    if (yr >= y0 || v->more[MORE_YEARS])
        more_chip(v, &cx, &y, x, w, ch, spx, yr >= y0 ? yr - y0 + 1 : 0, MORE_YEARS);
    return y + ch;
}

/* ---- chart and statistics -------------------------------------------- */

static int month_index(int yyyymm)
{
    return yyyymm / 100 * 12 + yyyymm % 100 - 1;
}

/* How many months one bar of the chart spans: a month, two, a quarter,
 * half a year, a year or more, the first that fits bars of 3 pixels in
 * the narrowest chart this query is drawn in (geometry's chart_w), so
 * the side pane and the statistics page show the same bars on the same
 * scale. *m0 is the first month (whole years), *nm how many. 0 when
 * there is nothing to draw. */
static int chart_span(view *v, const wk_result *r, int *m0, int *nm)
{
    static const int spans[] = { 1, 2, 3, 6, 12, 24, 60, 120, 600 };
    vgeom g;
    size_t i;

    if (!r || r->nmonths == 0)
        return 0;
    style_geom(v, &g);
    *m0 = month_index(r->months[0]) / 12 * 12;
    *nm = (month_index(r->months[r->nmonths - 1]) / 12 * 12 + 12) - *m0;
    if (*nm < 1 || *nm > 12 * 400)
        return 0;
    for (i = 0; i + 1 < sizeof spans / sizeof spans[0]; i++)
        if ((*nm + spans[i] - 1) / spans[i] <= (g.chart_w > 60 ? g.chart_w : 60) / 3)
            break;
    return spans[i];
}

/* "Vragen per kwartaal": what the chart counts and what a bar spans. */
static void chart_title(view *v, const wk_result *r, char *out, size_t cap)
{
    char span[64];
    int m0, nm, per = chart_span(v, r, &m0, &nm);

    switch (per) {
    case 0: case 1: snprintf(span, sizeof span, "%s", style_text(v, S_SPAN_MONTH)); break;
    case 2: snprintf(span, sizeof span, "%s", style_text(v, S_SPAN_2MONTHS)); break;
    case 3: snprintf(span, sizeof span, "%s", style_text(v, S_SPAN_QUARTER)); break;
    case 6: snprintf(span, sizeof span, "%s", style_text(v, S_SPAN_HALF)); break;
    case 12: snprintf(span, sizeof span, "%s", style_text(v, S_SPAN_YEAR)); break;
    default: snprintf(span, sizeof span, style_text(v, S_SPAN_YEARS), per / 12); break;
    }
    snprintf(out, cap, style_text(v, list_searching(v) ? S_HITS_PER : S_QUESTIONS_PER), span);
}

/* Bars of hits per span (chart_span) over whole years (a lone month is
 * not a wall of colour); the highest bar's count at the top left. */
static void chart(view *v, int x, int y, int w, int h, const wk_result *r)
{
    int spx = style_px(v, PXC_SMALL), slh = style_lh(v, spx), nm = 0, bins, per, i, bw, m0 = 0;
    int lastlab = -10000, labw = style_text_width(v, LF_REGULAR, spx, "2000", 4) + spx;
    uint32_t *sum, maxc = 1;
    size_t k;
    char s[64];

    paint_rect(v, x, y + h - slh - 2, w, 1, style_rgb(v, C_RULE));
    if (!r || r->nmonths == 0 || w < 20 || h < 3 * slh || !(per = chart_span(v, r, &m0, &nm)))
        return;
    bins = (nm + per - 1) / per;
    if (!(sum = calloc((size_t)bins, sizeof *sum)))
        return;
    for (k = 0; k < r->nmonths; k++) {
        int b = (month_index(r->months[k]) - m0) / per;
        if (b >= 0 && b < bins)
            sum[b] += r->mcounts[k];
    }
    for (i = 0; i < bins; i++)
        maxc = sum[i] > maxc ? sum[i] : maxc;
    h -= slh + 2;
    bw = w / bins;
    for (i = 0; i < bins; i++) {
        int mi = m0 + i * per, ym = mi / 12 * 100 + mi % 12 + 1;
        int bh = (int)((double)sum[i] / maxc * (h - slh));
        int bx = x + i * w / bins;
        if (sum[i] && bh < 2)
            bh = 2;
        if (sum[i])
            paint_rect(v, bx, y + h - bh, bw > 2 ? bw - 1 : bw, bh, style_rgb(v, C_ACCENT));
        paint_hot(v, bx, y, bw > 0 ? bw : 1, h, H_MONTH, ym);
        if (mi % 12 < per && bx - lastlab >= labw) {
            snprintf(s, sizeof s, "%d", ym / 100);
            paint_str(v, bx, y + h + 2, LF_REGULAR, spx, style_rgb(v, C_DIM), s);
            paint_rect(v, bx, y + h - 2, 1, 5, style_rgb(v, C_FG));
            lastlab = bx;
        }
    }
    snprintf(s, sizeof s, style_text(v, S_SPAN_MAX), (unsigned)maxc);
    paint_fit(v, x, y, w, LF_REGULAR, spx, style_rgb(v, C_DIM), s);
    free(sum);
}

static int stats_lines(view *v, int x, int y, int w, const wk_result *st, int px)
{
    int lh = style_lh(v, px);
    char s[160];

    if (!st) {
        paint_para(v, x, y, w, px, 2, style_rgb(v, C_DIM), style_text(v, S_STATS_WAIT), LA_ITALIC);
        return y + lh;
    }
    if (st->st_median < 0) {
        paint_str(v, x, y, LF_REGULAR, px, style_rgb(v, C_DIM), style_text(v, S_NO_STATS));
        y += lh;
    } else {
        snprintf(s, sizeof s, style_text(v, S_MEDIAN), st->st_median);
        paint_fit(v, x, y, w, LF_BOLD, px, style_rgb(v, C_FG), s);
        y += lh;
        snprintf(s, sizeof s, style_text(v, S_WITHIN),
                 st->st_answered ? (int)(st->st_within * 100 / st->st_answered) : 0);
        paint_fit(v, x, y, w, LF_REGULAR, px, style_rgb(v, C_FG), s);
        y += lh;
    }
    snprintf(s, sizeof s, style_text(v, S_ANSWERED_N), st->st_answered, st->st_open);
    if (st->st_sampled) {         /* counted on a sample: say so */
        memmove(s + 3, s, strlen(s) + 1 < sizeof s - 3 ? strlen(s) + 1 : sizeof s - 4);
        memcpy(s, "\xe2\x89\x88", 3);
    }
    paint_fit(v, x, y, w, LF_REGULAR, px, style_rgb(v, C_DIM), s);
    return y + lh;
}

static const wk_result *cur_months(view *v)
{
    return list_searching(v) ? v->res.first : v->home;
}

static const wk_result *cur_stats(view *v)
{
    return list_searching(v) ? v->res.stats : v->homestats;
}

static void side_pane(view *v, const vgeom *g)
{
    int x = g->side_x + g->pad, w = g->side_w - 2 * g->pad, y = g->top + g->pad;
    int spx = style_px(v, PXC_SMALL);
    char title[128];

    paint_rect(v, g->side_x, g->top, g->side_w, g->bottom - g->top, style_rgb(v, C_PANEL));
    paint_rect(v, g->side_x, g->top, 1, g->bottom - g->top, style_rgb(v, C_RULE));
    chart_title(v, cur_months(v), title, sizeof title);
    paint_fit(v, x, y, w, LF_BOLD, v->px, style_rgb(v, C_FG), title);
    y += v->lh + v->px / 2;
    chart(v, x, y, w, v->lh * 7, cur_months(v));
    y += v->lh * 7 + v->px;
    y = stats_lines(v, x, y, w, cur_stats(v), spx) + v->px;
    if (!list_searching(v))
        year_chips(v, x, w, y, 8);
}

static void screen_list(view *v, const vgeom *g)
{
    int x = g->left, w = g->right - g->left - g->sb_w, y = g->top + g->pad / 2;
    int spx = style_px(v, PXC_SMALL);
    varch *A = v->narch ? &v->arch[v->cur] : NULL;
    char line[300];

    if (list_searching(v)) {
        y = results_head(v, x + v->px, w - 2 * v->px, y);
    } else {
        if (v->narch > 1) /* editions may hold the same documents: no sum */
            snprintf(line, sizeof line, style_text(v, S_LIBRARY), v->narch);
        else
            snprintf(line, sizeof line, style_text(v, S_CASES),
                     A ? (unsigned)A->info.documents : 0u,
                     A ? (unsigned)A->info.zaken : 0u);
        {
            int lx = x + v->px;
            lx += paint_str(v, lx, y, LF_BOLD, spx, style_rgb(v, C_FG), style_text(v, S_NEWEST));
            lx += paint_str(v, lx, y, LF_REGULAR, spx, style_rgb(v, C_DIM), "  \xc2\xb7  ");
            lx += paint_fit(v, lx, y, w - (lx - x), LF_REGULAR, spx, style_rgb(v, C_DIM), line);
            if (v->narch == 1 && A && A->info.title[0] && v->w >= 700) {
                snprintf(line, sizeof line, "  \xc2\xb7  %s", A->info.title);
                paint_fit(v, lx, y, x + w - v->px - lx, LF_ITALIC, spx, style_rgb(v, C_DIM), line);
            }
        }
        y += style_lh(v, spx) + v->px / 3;
        if (!g->side_w)
            y = year_chips(v, x + v->px, w - 2 * v->px, y, 1);
    }
    paint_rect(v, x, y - 1, w + g->sb_w, 1, style_rgb(v, C_RULE));
    v->frame.list_top = y;
    v->frame.list_bottom = g->bottom;
    if (list_searching(v))
        result_rows(v, x, w, y, g->bottom);
    else
        browse_rows(v, x, w, y, g->bottom);
    if (g->side_w)
        side_pane(v, g);
}

/* ---- the case thread ------------------------------------------------- */

static long link_index(const view *v, uint32_t block, uint32_t off)
{
    size_t lo = 0, hi = v->cs.nlinks;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const tspan *s = &v->cs.links[mid];
        if (s->block < block || (s->block == block && s->off + s->len <= off))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < v->cs.nlinks && v->cs.links[lo].block == block && v->cs.links[lo].off <= off)
        return (long)lo;
    return -1;
}

/* Hot zones (and the focus frame) over the link segments of a block. */
static void block_links(view *v, uint32_t bi, int x, int y, int top, int bot)
{
    const tblock *b = &v->cs.b[bi];
    size_t i, k;

    for (i = 0; i < b->box.nlines; i++) {
        const lay_line *l = &b->box.lines[i];
        int ly = y + l->y;
        if (ly + l->h < top || ly > bot)
            continue;
        for (k = 0; k < l->nseg; k++) {
            const lay_seg *s = &b->box.segs[l->seg + k];
            long li;
            if (!(s->attr & LA_LINK) || (li = link_index(v, bi, s->off)) < 0)
                continue;
            if (s->w < v->px * 2 && v->cs.ltgt && v->cs.ltgt[li].kind != LK_URL) {
                /* a marker or ❐ is small: give a finger room around it */
                int grow = v->px * 2 - s->w;
                paint_hot(v, x + s->x - grow / 2, ly, s->w + grow, l->h, H_LINK, (int)li);
            } else {
                paint_hot(v, x + s->x, ly, s->w, l->h, H_LINK, (int)li);
            }
            if (li == v->cs.link_sel) {
                paint_frame(v, x + s->x - 2, ly, s->w + 4, l->h, style_rgb(v, C_FOCUS));
                paint_frame(v, x + s->x - 3, ly - 1, s->w + 6, l->h + 2, style_rgb(v, C_FOCUS));
            }
        }
    }
}

static void tchips(view *v, const tblock *b, int x, int y)
{
    int px = style_px(v, b->pxc), i = 0;
    const char *p = b->t.text, *e;

    while (p && *p && i < b->nchips) {
        char s[128];
        e = strchr(p, '\n');
        snprintf(s, sizeof s, "%.*s", (int)(e ? e - p : (long)strlen(p)), p);
        x += paint_chip(v, x, y, px, b->chip_rgb[i], paint_ink_on(b->chip_rgb[i]), s, 0) + px / 2;
        i++;
        p = e ? e + 1 : NULL;
    }
}

static void draw_block(view *v, uint32_t bi, int x, int y, int w, int top, int bot)
{
    const tblock *b = &v->cs.b[bi];
    int bar = v->px / 5 > 3 ? v->px / 5 : 3;

    if (b->bg != BG_NONE) {
        paint_rect(v, x - v->px / 2, y, w + v->px, b->h, style_rgb(v, C_PANEL));
        paint_rect(v, x - v->px / 2, y, bar, b->h, style_rgb(v, b->bg == BG_ANSWER ? C_ACCENT :
                                                        b->bg == BG_DAMAGED ? C_LATE : C_OPEN));
    }
    switch (b->type) {
    case TB_CHIPS: tchips(v, b, x, y); return;
    case TB_RULE: paint_rect(v, x, y + b->h / 2, w, 1, style_rgb(v, C_RULE)); return;
    }
    paint_draw_box(v, &b->box, &b->t, x + b->indent, y + b->ptop, top, bot, style_rgb(v, b->role));
    if (v->cs.nlinks)
        block_links(v, bi, x + b->indent, y + b->ptop, top, bot);
}

static void find_bar(view *v, const vgeom *g)
{
    int y = g->bottom, h = g->find_h, x = g->pad, fw, s = h - g->pad;
    int spx = style_px(v, PXC_SMALL);
    char cnt[64];

    paint_rect(v, 0, y, v->w, h, style_rgb(v, C_PANEL));
    paint_rect(v, 0, y, v->w, 1, style_rgb(v, C_RULE));
    if (v->focus == FO_JUMP) {
        /* once something is typed the hint is gone: say what the field is */
        x += paint_str(v, x, y + (h - style_lh(v, spx)) / 2, LF_BOLD, spx, style_rgb(v, C_FG),
                       style_text(v, S_JUMP_LABEL)) + g->pad;
        paint_field(v, x, y + g->pad / 2, v->w - x - g->pad, h - g->pad, v->jump.text, v->jump.cur, 0,
                    style_text(v, S_JUMP_HINT), 1, 2);
        return;
    }
    if (v->cs.nfound)
        snprintf(cnt, sizeof cnt, style_text(v, S_FIND_COUNT), (size_t)v->cs.curfound + 1,
                 v->cs.nfound);
    else
        snprintf(cnt, sizeof cnt, "%s", v->find.text[0] ? style_text(v, S_FIND_NONE) : "");
    fw = v->w - 2 * x - 3 * s - style_text_width(v, LF_BOLD, spx, cnt, strlen(cnt)) - 2 * g->pad;
    if (fw > 40 * v->px)
        fw = 40 * v->px;
    paint_field(v, x, y + g->pad / 2, fw, h - g->pad, v->find.text, v->find.cur, 0, style_text(v, S_FIND_HINT),
                v->focus == FO_FIND, 1);
    x += fw + g->pad;
    x += paint_str(v, x, y + (h - style_lh(v, spx)) / 2, LF_BOLD, spx,
                   style_rgb(v, v->find.text[0] && !v->cs.nfound ? C_LATE : C_FG), cnt) + g->pad;
    x += paint_icon_button(v, x, y + g->pad / 2, s, "\xe2\x86\x91", H_BUTTON, B_FIND_PREV, v->cs.nfound > 0);
    x += paint_icon_button(v, x, y + g->pad / 2, s, "\xe2\x86\x93", H_BUTTON, B_FIND_NEXT, v->cs.nfound > 0);
    paint_icon_button(v, x, y + g->pad / 2, s, "\xc3\x97", H_BUTTON, B_FIND_CLOSE, 1);
}

static void screen_doc(view *v, const vgeom *g)
{
    vcase *t = &v->cs;
    int top = g->top, bot = g->bottom, x = g->col_x, y0;
    int64_t maxs;
    size_t i, n;
    int bi;

    /* view_prepare() laid the case out and kept its scroll in range */
    maxs = (int64_t)t->height + 2 * v->lh - (bot - top);
    v->frame.doc_top = top;
    v->frame.doc_bottom = bot;
    y0 = top + v->px - (int)t->scroll;
    paint_clip(v, 0, top, v->w, bot - top);
    bi = case_block_at(t, (int)t->scroll - v->px);
    /* a long case is laid out over frames: draw what is, and say so */
    n = t->lay_next + (t->lay_next < t->n && t->lay_started);
    for (i = bi > 0 ? (size_t)bi : 0; i < n; i++) {
        const tblock *b = &t->b[i];
        int y = y0 + b->y;
        if (y > bot)
            break;
        if (y + b->h < top)
            continue;
        draw_block(v, (uint32_t)i, x, y, g->col_w, top, bot);
    }
    if (case_layout_pending(t)) {
        /* after the text when its end is on screen, else at the foot of
         * the pane (or, read past it after a resize, at the top) */
        int spx = style_px(v, PXC_SMALL), sh = style_lh(v, spx) + v->px / 2;
        int y = y0 + t->height + v->lh / 2;
        if (y < top)
            y = top + v->px;
        if (y > bot - sh) {
            y = bot - sh;
            paint_rect(v, 0, y - v->px / 4, v->w - g->sb_w, sh + v->px / 4, style_rgb(v, C_BG));
        }
        paint_str(v, x, y, LF_ITALIC, spx, style_rgb(v, C_DIM), style_text(v, S_CS_LAYING_OUT));
    }
    paint_clip(v, 0, 0, 0, 0);
    if (maxs > 0)
        paint_scrollbar(v, v->w - g->sb_w, top, bot - top, (double)t->scroll / maxs,
                        (double)(bot - top) / (t->height + 2 * v->lh), H_DOC_SB);
}

/* ---- saved, statistics, help, errors ---------------------------------- */

static int saved_section(view *v, int x, int w, int y, int title, const keep_item *it,
                         size_t n, long base)
{
    int spx = style_px(v, PXC_SMALL), rh = v->lh + style_lh(v, spx) + v->px;
    char date[32];
    size_t i;

    paint_str(v, x, y, LF_BOLD, style_px(v, PXC_H2), style_rgb(v, C_FG), style_text(v, title));
    y += style_lh(v, style_px(v, PXC_H2)) + v->px / 2;
    if (n == 0) {
        paint_str(v, x, y, LF_ITALIC, v->px, style_rgb(v, C_DIM), style_text(v, S_NONE_YET));
        return y + v->lh * 2;
    }
    for (i = 0; i < n; i++, y += rh) {
        time_t tt = (time_t)it[i].when;
        struct tm tm;
        int sel = base + (long)i == v->ssel;
        if (y + rh < v->frame.list_top || y > v->frame.list_bottom)
            continue;
        if (sel)
            paint_rect(v, x - v->px / 2, y, w + v->px, rh, style_rgb(v, C_SEL));
        paint_rect(v, x - v->px / 2, y + rh - 1, w + v->px, 1, style_rgb(v, C_RULE));
        paint_hot(v, x, y, w, rh, H_SAVED, (int)(base + (long)i));
        if (localtime_r(&tt, &tm))
            snprintf(date, sizeof date, "   %02d-%02d-%04d", tm.tm_mday, tm.tm_mon + 1,
                     tm.tm_year + 1900);
        else
            date[0] = '\0';
        {
            int lx = x + paint_str(v, x, y + v->px / 2, LF_BOLD, spx, style_rgb(v, C_ACCENT), it[i].zaak);
            paint_str(v, lx, y + v->px / 2, LF_REGULAR, spx, style_rgb(v, C_DIM), date);
        }
        paint_fit(v, x, y + v->px / 2 + style_lh(v, spx), w, LF_REGULAR, v->px, style_rgb(v, C_FG),
                  it[i].title[0] ? it[i].title : it[i].zaak);
    }
    return y + v->lh;
}

static void screen_saved(view *v, const vgeom *g)
{
    int x = g->col_x, w = g->col_w, y = g->top + g->pad - (int)v->sscroll;

    v->frame.list_top = g->top;
    v->frame.list_bottom = g->bottom;
    paint_clip(v, 0, g->top, v->w, g->bottom - g->top);
    paint_str(v, x, y, LF_BOLD, style_px(v, PXC_H1), style_rgb(v, C_FG), style_text(v, S_SAVED));
    y += style_lh(v, style_px(v, PXC_H1)) + v->px;
    y = saved_section(v, x, w, y, S_BOOKMARKS, v->keep.bm, v->keep.nbm, 0);
    y += v->px;
    saved_section(v, x, w, y, S_RECENT, v->keep.recent, v->keep.nrecent, (long)v->keep.nbm);
    paint_clip(v, 0, 0, 0, 0);
}

/* One bar of a facet: its whole name, then the bar and its count. A name
 * that fits beside the bar goes there; a longer one wraps over the
 * column's width above its bar (never "Minister van V…"). */
static int facet_bar(view *v, int x, int w, int y, const char *name, uint32_t count, uint32_t top,
                     uint32_t bg)
{
    int spx = style_px(v, PXC_SMALL), slh = style_lh(v, spx), lw = w * 2 / 5, bx = x + lw;
    int bw, room;
    char s[32];

    if (style_text_width(v, LF_REGULAR, spx, name, strlen(name)) <= lw - spx) {
        paint_str(v, x, y, LF_REGULAR, spx, style_rgb(v, C_FG), name);
    } else {
        y += paint_para(v, x, y, w, spx, 0, style_rgb(v, C_FG), name, 0);
    }
    snprintf(s, sizeof s, "%u", (unsigned)count);
    /* every bar of a list starts at the same x and has the same room:
     * equal counts, equal bars */
    room = x + w - bx - style_text_width(v, LF_REGULAR, spx, "99999", 5) - spx;
    bw = (int)((double)count / top * (room > 0 ? room : 1));
    paint_rect(v, bx, y + 2, bw > 1 ? bw : 1, slh - 4, bg);
    paint_str(v, bx + bw + spx / 2, y, LF_REGULAR, spx, style_rgb(v, C_DIM), s);
    return y + slh;
}

/* The values of facet f as bars, most frequent first, with their full
 * names; the heading says when the list holds only the most frequent. */
static int facet_bars(view *v, int x, int w, int y, const wk_result *r, int f, int label)
{
    uint32_t top = 1;
    size_t i, n;
    char head[160];

    if (!r || r->nfacets[f] == 0)
        return y;
    n = r->nfacets[f];
    if (n >= WK_FACET_MAX)
        snprintf(head, sizeof head, style_text(v, S_TOP_N), style_text(v, label), (int)n);
    else
        snprintf(head, sizeof head, "%s", style_text(v, label));
    y += paint_para(v, x, y, w, v->px, 0, style_rgb(v, C_FG), head, LA_BOLD);
    for (i = 0; i < n; i++)
        top = r->facets[f][i].count > top ? r->facets[f][i].count : top;
    for (i = 0; i < n; i++) {
        const wk_facet *fc = &r->facets[f][i];
        y = facet_bar(v, x, w, y, fc->value, fc->count, top,
                      f == FMT_FACET_PARTY ? style_party_rgb(v, fc->value) : style_rgb(v, C_ACCENT));
    }
    return y + v->px;
}

/* Every year of the chart's months, newest first: the years are counted
 * from the months (all of them), not from the year facet (the most
 * frequent only). */
static int year_bars(view *v, int x, int w, int y, const wk_result *r)
{
    uint32_t top = 1, cnt;
    size_t k;
    int yr, y0, y1;
    char s[16];

    if (!r || r->nmonths == 0)
        return y;
    y0 = r->months[0] / 100;
    y1 = r->months[r->nmonths - 1] / 100;
    y += paint_para(v, x, y, w, v->px, 0, style_rgb(v, C_FG), style_text(v, S_YEARS_ALL), LA_BOLD);
    for (yr = y1; yr >= y0; yr--) {
        for (cnt = 0, k = 0; k < r->nmonths; k++)
            cnt += r->months[k] / 100 == yr ? r->mcounts[k] : 0;
        top = cnt > top ? cnt : top;
    }
    for (yr = y1; yr >= y0; yr--) {
        for (cnt = 0, k = 0; k < r->nmonths; k++)
            cnt += r->months[k] / 100 == yr ? r->mcounts[k] : 0;
        snprintf(s, sizeof s, "%d", yr);
        paint_hot(v, x, y, w, style_lh(v, style_px(v, PXC_SMALL)), H_YEAR, yr);
        y = facet_bar(v, x, w, y, s, cnt, top, style_rgb(v, C_ACCENT));
    }
    return y + v->px;
}

static void screen_stats(view *v, const vgeom *g)
{
    int x = g->pad * 2, w = v->w - 4 * g->pad, y0 = g->top + g->pad - (int)v->sscroll, y = y0;
    int y2, ch, end;
    const wk_result *r = cur_months(v);
    char title[400];

    v->frame.list_top = g->top;
    v->frame.list_bottom = g->bottom;
    paint_clip(v, 0, g->top, v->w, g->bottom - g->top);
    snprintf(title, sizeof title, "%s%s%s", style_text(v, S_STATS), list_searching(v) ? ": " : "",
             list_searching(v) ? v->query.text : "");
    /* the query whole, on up to three lines */
    y += paint_para(v, x, y, w, style_px(v, PXC_H1), 3, style_rgb(v, C_FG), title, LA_BOLD) + v->px / 2;
    chart_title(v, r, title, sizeof title);
    paint_fit(v, x, y, w, LF_BOLD, v->px, style_rgb(v, C_FG), title);
    y += v->lh;
    ch = (g->bottom - g->top) * 38 / 100;
    if (ch < v->lh * 5)
        ch = v->lh * 5;
    chart(v, x, y, w, ch, r);
    y += ch + v->px;
    y2 = stats_lines(v, x, y, w, cur_stats(v), v->px) + v->px;
    if (w > 60 * v->px) {
        int cw = (w - 2 * v->px) / 3, e1, e2, e3;
        e1 = facet_bars(v, x, cw, y2, r, FMT_FACET_PARTY, S_F_PARTY);
        e2 = year_bars(v, x + cw + v->px, cw, y2, r);
        e3 = facet_bars(v, x + 2 * (cw + v->px), cw, y2, r, FMT_FACET_ADDRESSEE, S_F_TO);
        end = e1 > e2 ? e1 : e2;
        end = e3 > end ? e3 : end;
    } else if (w > 36 * v->px) {
        int cw = (w - v->px) / 2, e1, e2;
        e1 = facet_bars(v, x, cw, y2, r, FMT_FACET_PARTY, S_F_PARTY);
        e2 = year_bars(v, x + cw + v->px, cw, y2, r);
        end = facet_bars(v, x, w, e1 > e2 ? e1 : e2, r, FMT_FACET_ADDRESSEE, S_F_TO);
    } else {                   /* narrow: one column, everything in turn */
        end = facet_bars(v, x, w, y2, r, FMT_FACET_PARTY, S_F_PARTY);
        end = year_bars(v, x, w, end, r);
        end = facet_bars(v, x, w, end, r, FMT_FACET_ADDRESSEE, S_F_TO);
    }
    v->frame.page_h = end - y0 + g->pad;
    paint_clip(v, 0, 0, 0, 0);
    if (v->frame.page_h > g->bottom - g->top) {  /* more below (or above): say so */
        int ph = g->bottom - g->top, th = (int)((int64_t)ph * ph / v->frame.page_h);
        int ty = g->top + (int)((int64_t)(ph - th) * v->sscroll /
                                (v->frame.page_h - ph > 0 ? v->frame.page_h - ph : 1));
        paint_rect(v, v->w - g->sb_w, g->top, g->sb_w, ph, style_rgb(v, C_PANEL));
        paint_rect(v, v->w - g->sb_w + 2, ty < g->top ? g->top : ty, g->sb_w - 4, th, style_rgb(v, C_DIM));
    }
}

/* Per archive: what it is, which edition, what it holds, and the checksum
 * to compare with the one its publisher gives (vbpack verify --expect). */
static void screen_about(view *v, const vgeom *g)
{
    int x = g->col_x, w = g->col_w, y = g->top + g->pad - (int)v->sscroll;
    int spx = style_px(v, PXC_SMALL), slh = style_lh(v, spx);
    char line[600], d1[64], d2[64];

    v->frame.list_top = g->top;
    v->frame.list_bottom = g->bottom;
    paint_clip(v, 0, g->top, v->w, g->bottom - g->top);
    paint_fit(v, x, y, w, LF_BOLD, style_px(v, PXC_H1), style_rgb(v, C_FG), style_text(v, S_ABOUT));
    y += style_lh(v, style_px(v, PXC_H1)) + v->px / 2;
    if (v->narch > 1) {
        snprintf(line, sizeof line, style_text(v, S_AB_LIBRARY), v->narch);
        paint_fit(v, x, y, w, LF_ITALIC, spx, style_rgb(v, C_DIM), line);
        y += slh + v->px / 2;
    }
    for (int i = 0; i < v->narch; i++) {
        const varch *A = &v->arch[i];
        const fmt_info *in = &A->info;
        const char *base = strrchr(A->path, '/');
        time_t t = (time_t)in->created;
        struct tm tm;
        int32_t made = 0;

        if (gmtime_r(&t, &tm))
            made = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
        y += v->px / 2;
        paint_rect(v, x, y, w, 1, style_rgb(v, C_RULE));
        y += v->px / 2;
        paint_fit(v, x, y, w, LF_BOLD, style_px(v, PXC_H2), style_rgb(v, C_FG),
                  in->title[0] ? in->title : (base ? base + 1 : A->path));
        y += style_lh(v, style_px(v, PXC_H2));
        if (in->nparts > 1) { /* a split archive's part */
            snprintf(line, sizeof line, style_text(v, S_AB_PART), A->path, in->part, in->nparts);
            paint_fit(v, x, y, w, LF_REGULAR, spx, style_rgb(v, C_DIM), line);
        } else {
            paint_fit(v, x, y, w, LF_REGULAR, spx, style_rgb(v, C_DIM), A->path);
        }
        y += slh;
        style_date_long(v, made, d1, sizeof d1);
        snprintf(line, sizeof line, style_text(v, S_AB_EDITION), in->edition[0] ? in->edition : "1",
                 made ? d1 : "?");
        paint_fit(v, x, y, w, LF_REGULAR, v->px, style_rgb(v, C_FG), line);
        y += v->lh;
        style_date_long(v, in->first_date, d1, sizeof d1);
        style_date_long(v, in->last_date, d2, sizeof d2);
        snprintf(line, sizeof line, style_text(v, S_AB_RANGE), d1, d2);
        paint_fit(v, x, y, w, LF_REGULAR, v->px, style_rgb(v, C_FG), line);
        y += v->lh;
        snprintf(line, sizeof line, style_text(v, S_AB_COUNTS), in->documents,
                 in->kinds[FMT_QUESTION], in->kinds[FMT_ANSWER], in->kinds[FMT_NOTICE],
                 in->zaken);
        paint_fit(v, x, y, w, LF_REGULAR, v->px, style_rgb(v, C_FG), line);
        y += v->lh;
        snprintf(line, sizeof line, style_text(v, S_AB_SIZE), in->archive_bytes / 1e6,
                 in->source_bytes / 1e6);
        paint_fit(v, x, y, w, LF_REGULAR, v->px, style_rgb(v, C_FG), line);
        y += v->lh;
        /* the checksum is the content's only once computed: until the
         * background check is done it is the stored one, said so */
        {
            const varch *A2 = &v->arch[i];
            int said = !in->checksum[0] ? S_AB_NOSUM : A2->checked > 0 ? S_AB_SUM_OK
                       : A2->checked < 0 ? S_AB_SUM_BAD : S_AB_SUM_STORED;
            snprintf(line, sizeof line, "%s %s", style_text(v, S_AB_CHECKSUM),
                     in->checksum[0] ? style_text(v, said) : "");
            y += paint_para(v, x, y, w, spx, 3, style_rgb(v, A2->checked < 0 ? C_LATE : C_DIM), line, 0);
            paint_fit(v, x, y, w, in->checksum[0] && A2->checked > 0 ? LF_BOLD : LF_ITALIC, spx,
                      style_rgb(v, A2->checked < 0 ? C_LATE : C_FG),
                      !in->checksum[0] ? style_text(v, S_AB_NOSUM)
                      : A2->checked < 0 && A2->computed[0] ? A2->computed : in->checksum);
        }
        y += slh + v->px / 2;
    }
    paint_clip(v, 0, 0, 0, 0);
}

static void help(view *v)
{
    /* a kiosk has no keyboard shortcuts to offer (and some are off):
     * its help shows the gestures and the buttons */
    const char *t = style_text(v, v->cfg.kiosk ? S_HELP_KIOSK : S_HELP_TEXT), *p;
    int px = style_px(v, PXC_SMALL), lh, lines = 1, w, h, x, y, kw = 0, tpx, tlh;

    for (p = t; *p; p++)
        lines += *p == '\n';
    while (px > 8 && (lines + 3) * style_lh(v, px) > v->h - 2 * v->px)
        px--;
    lh = style_lh(v, px);
    /* the title grows with the text, not past it (zoomed, the text
     * shrinks to fit the window) */
    tpx = style_px(v, PXC_H2) < px * 13 / 10 ? style_px(v, PXC_H2) : px * 13 / 10;
    tlh = style_lh(v, tpx);
    for (p = t; *p;) {
        const char *e = strchr(p, '\n'), *tab = strchr(p, '\t');
        int kwi;
        if (!e)
            e = p + strlen(p);
        if (tab && tab < e && (kwi = style_text_width(v, LF_BOLD, px, p, (size_t)(tab - p))) > kw)
            kw = kwi;
        p = *e ? e + 1 : e;
    }
    w = v->w - 2 * v->px < 62 * px ? v->w - 2 * v->px : 62 * px;
    h = (lines + 1) * lh + tlh + lh;
    x = (v->w - w) / 2;
    y = (v->h - h) / 2 > 0 ? (v->h - h) / 2 : 0;
    paint_rect_a(v, 0, 0, v->w, v->h, style_rgb(v, C_BG), 200);
    paint_rect(v, x, y, w, h, style_rgb(v, C_PANEL));
    paint_frame(v, x, y, w, h, style_rgb(v, C_FOCUS));
    paint_hot(v, 0, 0, v->w, v->h, H_BUTTON, B_CLOSE);
    paint_str(v, x + px, y + lh / 2, LF_BOLD, tpx, style_rgb(v, C_FG), style_text(v, S_HELP));
    y += lh / 2 + tlh + lh / 2;
    for (p = t; *p;) {
        const char *e = strchr(p, '\n'), *tab = strchr(p, '\t');
        if (!e)
            e = p + strlen(p);
        if (tab && tab < e) {
            paint_text(v, x + px, y, LF_BOLD, px, style_rgb(v, C_ACCENT), p, (size_t)(tab - p));
            paint_text(v, x + 2 * px + kw, y, LF_REGULAR, px, style_rgb(v, C_FG), tab + 1, (size_t)(e - tab - 1));
        } else {
            paint_text(v, x + px, y, LF_REGULAR, px, style_rgb(v, C_FG), p, (size_t)(e - p));
        }
        y += lh;
        p = *e ? e + 1 : e;
    }
}

/* Lines of text with "\t"-led lines as commands in the mono face. */
static int lines_block(view *v, int x, int y, int w, const char *t, const char *arg)
{
    char buf[2048];
    const char *p;

    snprintf(buf, sizeof buf, t, arg ? arg : "");
    for (p = buf; *p;) {
        const char *e = strchr(p, '\n');
        char line[600];
        if (!e)
            e = p + strlen(p);
        snprintf(line, sizeof line, "%.*s", (int)(e - p), p);
        if (line[0] == '\t') {
            int h = v->lh + v->px / 2;
            paint_rect(v, x, y, w, h, style_rgb(v, C_PANEL));
            paint_fit(v, x + v->px, y + v->px / 4, w - 2 * v->px, LF_MONO, v->px, style_rgb(v, C_FG), line + 1);
            y += h + v->px / 3;
        } else {
            y += paint_para(v, x, y, w, v->px, 0, style_rgb(v, C_FG), line, 0) + v->px / 3;
        }
        p = *e ? e + 1 : e;
    }
    return y;
}

static void screen_message(view *v, const vgeom *g, int error)
{
    int w = v->w - 4 * v->px < 48 * v->px ? v->w - 4 * v->px : 48 * v->px;
    int x = (v->w - w) / 2, y = g->top + v->h / 10, h1 = style_px(v, PXC_H1);

    y += paint_para(v, x, y, w, h1, 0, style_rgb(v, error ? C_LATE : C_FG),
                    error ? v->errtitle : style_text(v, S_NOARCH), LA_BOLD) + v->px;
    if (error) {
        y += paint_para(v, x, y, w, v->px, 0, style_rgb(v, C_FG), v->errmsg, LA_MONO) + v->px;
        if (v->errhint) /* how to make it again: only for a damaged file */
            paint_para(v, x, y, w, v->px, 0, style_rgb(v, C_DIM), style_text(v, v->errhint), 0);
    } else {
        lines_block(v, x, y, w, style_text(v, S_NOARCH_TEXT), v->cfg.archdir ? v->cfg.archdir : "");
    }
}

/* ---- on-screen keyboard ---------------------------------------------- */

const vosk_key render_osk_keys[] = {
    { "1", "1", 0, 2 }, { "2", "2", 0, 2 }, { "3", "3", 0, 2 }, { "4", "4", 0, 2 },
    { "5", "5", 0, 2 }, { "6", "6", 0, 2 }, { "7", "7", 0, 2 }, { "8", "8", 0, 2 },
    { "9", "9", 0, 2 }, { "0", "0", 0, 2 }, { "\xe2\x8c\xab", NULL, VK_BACKSPACE, 3 },
    { NULL, NULL, 0, 0 },
    { "q", "q", 0, 2 }, { "w", "w", 0, 2 }, { "e", "e", 0, 2 }, { "r", "r", 0, 2 },
    { "t", "t", 0, 2 }, { "y", "y", 0, 2 }, { "u", "u", 0, 2 }, { "i", "i", 0, 2 },
    { "o", "o", 0, 2 }, { "p", "p", 0, 2 }, { "\xc3\xab", "\xc3\xab", 0, 2 },
    { NULL, NULL, 0, 0 },
    { "a", "a", 0, 2 }, { "s", "s", 0, 2 }, { "d", "d", 0, 2 }, { "f", "f", 0, 2 },
    { "g", "g", 0, 2 }, { "h", "h", 0, 2 }, { "j", "j", 0, 2 }, { "k", "k", 0, 2 },
    { "l", "l", 0, 2 }, { "'", "'", 0, 2 }, { "\xc3\xaf", "\xc3\xaf", 0, 2 },
    { NULL, NULL, 0, 0 },
    { "z", "z", 0, 2 }, { "x", "x", 0, 2 }, { "c", "c", 0, 2 }, { "v", "v", 0, 2 },
    { "b", "b", 0, 2 }, { "n", "n", 0, 2 }, { "m", "m", 0, 2 }, { "-", "-", 0, 2 },
    { ":", ":", 0, 2 }, { "\"", "\"", 0, 2 }, { "*", "*", 0, 2 },
    { NULL, NULL, 0, 0 },
    { "\xe2\x86\x90", NULL, VK_LEFT, 3 }, { "\xe2\x86\x92", NULL, VK_RIGHT, 3 },
    { " ", " ", 0, 10 }, { "\xe2\x8f\x8e", NULL, VK_ENTER, 4 },
    { "\xe2\x8c\xa8\xe2\x86\x93", NULL, VK_ESCAPE, 4 },
};
const size_t render_nosk_keys = sizeof render_osk_keys / sizeof render_osk_keys[0];

static void osk(view *v, const vgeom *g)
{
    int y0 = g->bottom + g->find_h, h = g->osk_h, rows = 5, rh = h / rows, r = 0;
    int units = 24, uw = (v->w - v->px) / units, x, px = rh * 45 / 100;
    size_t i = 0;

    paint_rect(v, 0, y0, v->w, h, style_rgb(v, C_PANEL));
    paint_rect(v, 0, y0, v->w, 1, style_rgb(v, C_RULE));
    if (px > 2 * v->px)
        px = 2 * v->px;
    while (i < render_nosk_keys && r < rows) {
        int used = 0;
        size_t j;
        for (j = i; j < render_nosk_keys && render_osk_keys[j].label; j++)
            used += render_osk_keys[j].wide;
        x = (v->w - used * uw) / 2;
        for (; i < render_nosk_keys && render_osk_keys[i].label; i++) {
            const vosk_key *k = &render_osk_keys[i];
            int kw = k->wide * uw - 4, ky = y0 + r * rh + 3, kh = rh - 6;
            const char *lab = k->text && !strcmp(k->text, " ") ? style_text(v, S_SPACE) : k->label;
            int tw = style_text_width(v, LF_REGULAR, px, lab, strlen(lab));
            paint_rect(v, x + 2, ky, kw, kh, style_rgb(v, C_BG));
            paint_frame(v, x + 2, ky, kw, kh, style_rgb(v, C_RULE));
            paint_str(v, x + 2 + (kw - tw) / 2, ky + (kh - style_lh(v, px)) / 2, LF_REGULAR, px,
                      style_rgb(v, C_FG), lab);
            paint_hot(v, x + 2, ky, kw, kh, H_OSK, (int)i);
            x += k->wide * uw;
        }
        i++;
        r++;
    }
}

static void toast_box(view *v, const vgeom *g)
{
    int spx = v->px, pad = v->px, maxw = v->w - 4 * v->px, w, h;

    if (!v->toast[0])
        return;
    lay_text_clear(&v->frame.scr_t);
    lay_add(&v->frame.scr_t, v->toast, strlen(v->toast), 0);
    lay_wrap(&v->frame.scr_b, &v->frame.scr_t, maxw - 2 * pad, spx, 3, &v->m);
    w = 0;
    {
        size_t i;
        for (i = 0; i < v->frame.scr_b.nlines; i++) {
            const lay_line *l = &v->frame.scr_b.lines[i];
            if (l->nseg) {
                const lay_seg *s = &v->frame.scr_b.segs[l->seg + l->nseg - 1];
                w = s->x + s->w > w ? s->x + s->w : w;
            }
        }
    }
    w += 2 * pad;
    h = v->frame.scr_b.height + pad;
    paint_rect(v, (v->w - w) / 2, g->bottom - h - v->px, w, h, style_rgb(v, C_FG));
    paint_draw_box(v, &v->frame.scr_b, &v->frame.scr_t, (v->w - w) / 2 + pad, g->bottom - h - v->px + pad / 2,
                   0, v->h, style_rgb(v, C_BG));
}

/* ---- button labels ---------------------------------------------------- */

/* The labels of the case screen's controls and the find bar's buttons
 * (the top bar's own are button_label()'s, drawn by top_bar()). */
static int button_tip(int b)
{
    switch (b) {
    case B_FIND_PREV: return S_CS_TIP_PREV;
    case B_FIND_NEXT: return S_CS_TIP_NEXT;
    case B_FIND_CLOSE: return S_CS_TIP_CLOSE;
    case B_FIND_OPEN: return S_CS_TIP_FIND;
    case B_ZOOM_IN: return S_CS_TIP_ZOOM_IN;
    case B_ZOOM_OUT: return S_CS_TIP_ZOOM_OUT;
    case B_JUMP: return S_CS_TIP_JUMP;
    }
    return 0;
}

int render_tip_for(int act, int arg)
{
    return act == H_BUTTON ? button_tip(arg) : 0;
}

/* The label of an icon button: under the pointer resting on it (mouse),
 * or after a long press (v->tip, touch), below the button or above it
 * near the bottom. */
static void case_tooltip(view *v)
{
    int id = v->tip, bx = v->tip_x, by = v->tip_y, bh = 0, px = style_px(v, PXC_SMALL);
    int pad = px / 2, w, h, x, y;
    const char *s;

    if (!id && !v->ptr.last_touch && !v->ptr.pressed && !v->cfg.osk && !v->help) {
        size_t i = v->frame.nhots;
        while (i-- > 0) {
            const vhot *o = &v->frame.hots[i];
            if (v->ptr.hover_x >= o->x && v->ptr.hover_x < o->x + o->w &&
                v->ptr.hover_y >= o->y && v->ptr.hover_y < o->y + o->h) {
                if (o->act == H_BUTTON && (id = button_tip(o->arg)))
                    bx = o->x + o->w / 2, by = o->y, bh = o->h;
                break;
            }
        }
    } else if (id) {
        bh = v->tip_h;
    }
    if (!id)
        return;
    s = style_text(v, id);
    w = style_text_width(v, LF_REGULAR, px, s, strlen(s)) + 2 * pad;
    h = style_lh(v, px) + pad;
    x = bx - w / 2;
    x = x + w > v->w - 2 ? v->w - 2 - w : x;
    x = x < 2 ? 2 : x;
    y = by + bh + 2;
    if (y + h > v->h)
        y = by - h - 2;
    paint_rect(v, x, y, w, h, style_rgb(v, C_FG));
    paint_str(v, x + pad, y + pad / 2, LF_REGULAR, px, style_rgb(v, C_BG), s);
}

/* ---- the frame ------------------------------------------------------- */

/* Damage, said where it cannot be missed: under the bar, on every screen. */
static void banner(view *v, const vgeom *g)
{
    int spx = style_px(v, PXC_SMALL), y = g->bar_h;

    paint_rect(v, 0, y, v->w, g->banner_h, style_rgb(v, C_LATE));
    paint_fit(v, g->pad, y + g->pad / 2, v->w - 2 * g->pad, LF_BOLD, spx,
              paint_ink_on(style_rgb(v, C_LATE)), style_text(v, S_BANNER_DAMAGED));
}

/* What the word being typed may become, under the search field: by
 * keyboard (Down, Enter) or a tap. */
static void suggestions(view *v, const vgeom *g)
{
    int spx = style_px(v, PXC_SMALL), lh = style_lh(v, spx) + spx / 2, i;
    int x = v->frame.qx, w = v->frame.qw, y = g->bar_h - g->pad / 4;
    int h = v->nsugg * lh + spx / 2;
    char lab[256];

    if (w < 12 * spx)
        w = 12 * spx < v->w - x ? 12 * spx : v->w - x;
    paint_rect(v, x, y, w, h, style_rgb(v, C_BG));
    paint_frame(v, x, y, w, h, style_rgb(v, C_RULE));
    for (i = 0; i < v->nsugg; i++) {
        int ry = y + spx / 4 + i * lh;
        if (i == v->sugg_sel)
            paint_rect(v, x + 1, ry, w - 2, lh, style_rgb(v, C_SEL));
        list_sugg_label(v, i, lab, sizeof lab);
        paint_fit(v, x + spx, ry + spx / 4, w - 2 * spx, i == v->sugg_sel ? LF_BOLD : LF_REGULAR,
                  spx, style_rgb(v, v->sugg[i].kind == FMT_SUGGEST_WORD ? C_FG : C_ACCENT), lab);
        paint_hot(v, x, ry, w, lh, H_SUGG, i);
    }
}

void render_frame(view *v)
{
    vgeom g;

    v->frame.dl.n = v->frame.dl.slen = 0;
    v->frame.dl.oom = 0;
    v->frame.nhots = 0;
    v->frame.res_shown = 0;
    v->frame.page_h = 0;
    style_geom(v, &g);
    paint_rect(v, 0, 0, v->w, v->h, style_rgb(v, C_BG));
    switch (v->screen) {
    case SC_LIST: screen_list(v, &g); break;
    case SC_DOC: screen_doc(v, &g); break;
    case SC_SAVED: screen_saved(v, &g); break;
    case SC_STATS: screen_stats(v, &g); break;
    case SC_ABOUT: screen_about(v, &g); break;
    case SC_ERROR: screen_message(v, &g, 1); break;
    case SC_NOARCH: screen_message(v, &g, 0); break;
    }
    if (v->screen != SC_ERROR && v->screen != SC_NOARCH)
        top_bar(v, &g);
    else
        paint_rect(v, 0, 0, v->w, g.bar_h / 3, style_rgb(v, C_PANEL));
    if (g.banner_h)
        banner(v, &g);
    if (g.find_h)
        find_bar(v, &g);
    if (g.osk_h)
        osk(v, &g);
    if (v->screen == SC_LIST && v->focus == FO_SEARCH && list_sugg_current(v) && !v->menu)
        suggestions(v, &g);
    toast_box(v, &g);
    if (v->help)
        help(v);
    case_tooltip(v);
}
