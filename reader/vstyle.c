/* vstyle.c - sizes, colours, dates and status words (see vstyle.h).
 *
 * The leaf of the reader's modules: it reads the view and config.def.h
 * and calls nothing of the others.
 */
#include "vstyle.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config.def.h"

void style_set_sizes(view *v)
{
    int base = v->h < cfg_small_height ? cfg_small_px : cfg_font_px;
    int px = base * v->cfg.dpi_pct / 100 * cfg_zoom[v->zoom] / 100;

    v->px = px < 8 ? 8 : px > 120 ? 120 : px;
    v->lh = style_lh(v, v->px);
    v->out.flush_cache = 1;
}

int style_px(const view *v, int pxc)
{
    switch (pxc) {
    case PXC_SMALL: return v->px * 86 / 100;
    case PXC_H1: return v->px * 140 / 100;
    case PXC_H2: return v->px * 112 / 100;
    default: return v->px;
    }
}

int style_lh(const view *v, int px)
{
    return v->m.height(v->m.ctx, LF_REGULAR, px);
}

int style_text_width(const view *v, int face, int px, const char *s, size_t n)
{
    return n ? v->m.width(v->m.ctx, face, px, s, n) : 0;
}

int style_row_h(const view *v, int searching)
{
    int pad = v->px / 2, small = style_lh(v, style_px(v, PXC_SMALL));
    int h = 2 * pad + 2 * small + v->lh;

    return searching ? h + 2 * small : h;
}

int style_osk_visible(const view *v)
{
    return v->cfg.osk && (v->focus == FO_SEARCH || v->focus == FO_FIND ||
                          v->focus == FO_JUMP) && !v->help;
}

const char *style_text(const view *v, int id)
{
    return lang_text(v->cfg.lang, id);
}

static int style_side_w(const view *v)
{
    int w = v->w * 27 / 100;

    return w < 280 ? 280 : w > 480 ? 480 : w;
}

void style_geom(const view *v, vgeom *g)
{
    int avail, maxcol;

    memset(g, 0, sizeof *g);
    g->pad = v->px * 3 / 4;
    g->bar_h = v->lh + v->px + g->pad;
    g->sb_w = v->px * 2 / 3 < 8 ? 8 : v->px * 2 / 3;
    if (v->cfg.osk)
        g->sb_w = v->px;
    if (style_osk_visible(v)) {
        g->osk_h = v->h * 42 / 100;
        if (g->osk_h > v->lh * 13)
            g->osk_h = v->lh * 13;
    }
    if (v->focus == FO_JUMP || (v->screen == SC_DOC && (v->focus == FO_FIND || v->find.text[0])))
        g->find_h = v->lh + 2 * g->pad;
    g->top = g->bar_h;
    if (v->damaged && v->screen != SC_ERROR && v->screen != SC_NOARCH) {
        g->banner_h = style_lh(v, style_px(v, PXC_SMALL)) + g->pad;
        g->top += g->banner_h;
    }
    g->bottom = v->h - g->osk_h - g->find_h;
    if (g->bottom < g->top + v->lh)
        g->bottom = g->top + v->lh;
    g->right = v->w;
    if (v->screen == SC_LIST && v->w >= cfg_sidepane_min) {
        g->side_w = style_side_w(v);
        g->side_x = v->w - g->side_w;
        g->right = g->side_x;
    }
    g->chart_w = v->w >= cfg_sidepane_min ? style_side_w(v) - 2 * g->pad : v->w - 4 * g->pad;
    avail = g->right - g->left - 2 * g->pad - g->sb_w;
    maxcol = cfg_measure_em * v->px;
    g->col_w = avail < maxcol ? avail : maxcol;
    if (g->col_w < 40)
        g->col_w = 40;
    g->col_x = g->left + (g->right - g->left - g->sb_w - g->col_w) / 2;
}

uint32_t style_rgb(const view *v, int role)
{
    int t = v->cfg.theme >= 0 && v->cfg.theme < THEME_COUNT ? v->cfg.theme : 0;

    if (role < 0 || role >= C_NCOLORS)
        role = C_FG;
    return cfg_themes[t][role];
}

static int luma(uint32_t rgb)
{
    return (int)(((rgb >> 16 & 255) * 299 + (rgb >> 8 & 255) * 587 + (rgb & 255) * 114) / 1000);
}

/* Party colours are chosen for paper: on a dark background the darkest of
 * them (navy, near-black) would vanish, so there they are mixed with white
 * until they stand out. White text on them stays readable. */
uint32_t style_party_rgb(const view *v, const char *party)
{
    size_t i;
    uint32_t c;
    int k;

    for (i = 0; i < sizeof cfg_parties / sizeof cfg_parties[0]; i++)
        if (!strcasecmp(cfg_parties[i].name, party))
            break;
    if (i == sizeof cfg_parties / sizeof cfg_parties[0])
        return style_rgb(v, C_ACCENT);
    c = cfg_parties[i].rgb;
    for (k = 0; k < 8 && luma(style_rgb(v, C_BG)) < 128 && luma(c) < 85; k++)
        c = (((c >> 16 & 255) * 3 + 255) / 4) << 16 | (((c >> 8 & 255) * 3 + 255) / 4) << 8 |
            ((c & 255) * 3 + 255) / 4;
    return c;
}

void style_date_long(const view *v, int32_t ymd, char *out, size_t cap)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

    if (ymd <= 0 || m < 1 || m > 12)
        snprintf(out, cap, "?");
    else if (v->cfg.lang == LANG_EN)
        snprintf(out, cap, "%d %s %d", d, lang_month_long(LANG_EN, m), y);
    else
        snprintf(out, cap, "%d %s %d", d, lang_month_long(LANG_NL, m), y);
}

void style_date_short(int32_t ymd, char *out, size_t cap)
{
    if (ymd <= 0)
        snprintf(out, cap, "?");
    else
        snprintf(out, cap, "%02d-%02d-%04d", (int)(ymd % 100), (int)(ymd / 100 % 100),
                 (int)(ymd / 10000));
}

int32_t style_newest(const view *v)
{
    int32_t newest = 0;
    int i;

    for (i = 0; i < v->narch; i++)
        if (v->arch[i].a && v->arch[i].info.last_date > newest)
            newest = v->arch[i].info.last_date;
    return newest;
}

static long day_number(int32_t ymd) /* days since 1 March 0000 */
{
    long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    if (m < 3)
        y--, m += 12;
    return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d;
}

void style_status(const view *v, int status, int days, int32_t asked, char *out,
                  size_t cap, int *role)
{
    int32_t newest = style_newest(v);

    *role = C_DIM;
    switch (status) {
    case FMT_STATUS_OPEN:
        /* only what this archive holds: say so, and how long since */
        if (asked > 0 && newest >= asked)
            snprintf(out, cap, style_text(v, S_ST_OPEN_DAYS),
                     (int)(day_number(newest) - day_number(asked)));
        else
            snprintf(out, cap, "%s", style_text(v, S_ST_OPEN));
        *role = C_OPEN;
        break;
    case FMT_STATUS_ANSWERED:
    case FMT_STATUS_LATE:
        if (days >= 0)
            snprintf(out, cap, style_text(v, S_ST_ANSWERED), days);
        else
            snprintf(out, cap, "%s", style_text(v, S_ST_DAYS));
        *role = C_OK;
        break;
    case FMT_STATUS_NOTICE:
        snprintf(out, cap, "%s", style_text(v, S_ST_NOTICE));
        *role = C_OPEN;
        break;
    case FMT_STATUS_WITHDRAWN:
        snprintf(out, cap, "%s", style_text(v, S_ST_WITHDRAWN));
        *role = C_GONE;
        break;
    default:
        out[0] = '\0';
    }
}

const char *style_status_mark(const view *v, int status)
{
    return status == FMT_STATUS_LATE ? style_text(v, S_ST_MARK) : "";
}

const char *style_status_code(int status)
{
    switch (status) {
    case FMT_STATUS_OPEN: return "open";
    case FMT_STATUS_ANSWERED: return "answered";
    case FMT_STATUS_LATE: return "late";
    case FMT_STATUS_NOTICE: return "notice";
    case FMT_STATUS_WITHDRAWN: return "withdrawn";
    default: return "unknown";
    }
}
