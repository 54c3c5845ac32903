/* vinput.c - what input does to the view: keys, typed text, the pointer
 * and touch, timer ticks (view_input()).
 *
 * The top of the view's modules: it acts through view.c (navigation),
 * vlist.c (the lists), vcase.c (find, links) and vfield.c (the three text
 * fields), and reads the last frame's hot zones to know what a click hit.
 */
#include "vpriv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config.def.h"

#define NZOOM ((int)(sizeof cfg_zoom / sizeof cfg_zoom[0]))


/* ---- keys ------------------------------------------------------------ */

static void copy_text(view *v, const char *s)
{
    if (!v->cfg.copy_allowed) {
        view_toast(v, style_text(v, S_KIOSK_URL), s);
        return;
    }
    free(v->out.clip);
    v->out.clip = strdup(s);
    view_toast(v, style_text(v, S_COPIED), s);
}

static void link_text(view *v, long i, char *out, size_t cap)
{
    const tspan *s = &v->cs.links[i];
    const lay_text *t = &v->cs.b[s->block].t;

    snprintf(out, cap, "%.*s", (int)s->len, t->text + s->off);
}

/* Copy the text of block bi (a paragraph, a note) to the clipboard. */
static void copy_block(view *v, long bi)
{
    char n[32];
    const lay_text *t;

    if (bi < 0 || (size_t)bi >= v->cs.n)
        return;
    t = &v->cs.b[bi].t;
    if (!v->cfg.copy_allowed) {
        view_toast(v, style_text(v, S_CS_KIOSK_PARA), v->cs.zaak);
        return;
    }
    free(v->out.clip);
    v->out.clip = strdup(t->text ? t->text : "");
    snprintf(n, sizeof n, "%zu", t->len);
    view_toast(v, style_text(v, S_CS_PARA_COPIED), n);
}

/* Follow a footnote marker to its note (remembering where it was, so
 * Back or the note's ↩ return there), or a note's ↩ back to the text. */
static void follow_note(view *v, long li)
{
    vcase *t = &v->cs;
    const tlink *l = &t->ltgt[li];
    long back = -1;

    if (l->kind == LK_NOTE && l->arg >= 0 && (size_t)l->arg < t->n) {
        size_t k;
        t->note_ret = t->scroll;
        t->note_ret_link = li;
        for (k = 0; k < t->nlinks; k++)     /* focus the note's way back */
            if (t->links[k].block == (uint32_t)l->arg && t->ltgt[k].kind == LK_BACK)
                back = (long)k;
        view_doc_show_y(v, case_block_y(v, (size_t)l->arg), 1);
        t->link_sel = back;
        v->focus = back >= 0 ? FO_LINKS : FO_LIST;
        return;
    }
    if (l->kind == LK_BACK) {
        long to = t->note_ret_link >= 0 && (size_t)t->note_ret_link < t->nlinks &&
                  t->ltgt[t->note_ret_link].arg == (int)t->links[li].block ? t->note_ret_link : l->arg;
        if (to == t->note_ret_link && t->note_ret >= 0) {
            t->scroll = t->note_ret;
            view_doc_show_y(v, case_span_y(v, &t->links[to]), 0);
        } else if (to >= 0) {
            view_doc_show_y(v, case_span_y(v, &t->links[to]), 1);
        }
        t->note_ret = t->note_ret_link = -1;
        t->link_sel = to;
        v->focus = to >= 0 ? FO_LINKS : FO_LIST;
    }
}

/* Back from a note to where its marker was read; 1 when done. */
static int view_note_return(view *v)
{
    vcase *t = &v->cs;

    if (v->screen != SC_DOC || t->note_ret < 0)
        return 0;
    t->scroll = t->note_ret;
    t->link_sel = t->note_ret_link;
    v->focus = t->link_sel >= 0 ? FO_LINKS : FO_LIST;
    t->note_ret = t->note_ret_link = -1;
    v->out.dirty = 1;
    return 1;
}

static void select_link(view *v, long i, int copy)
{
    char url[1024];
    long k;

    if (v->cs.nlinks == 0)
        return;
    k = v->cs.link_sel = (i % (long)v->cs.nlinks + (long)v->cs.nlinks) % (long)v->cs.nlinks;
    v->focus = FO_LINKS;
    view_doc_show_y(v, case_span_y(v, &v->cs.links[k]), 0);
    if (copy) {
        switch (v->cs.ltgt ? v->cs.ltgt[k].kind : LK_URL) {
        case LK_NOTE: case LK_BACK: follow_note(v, k); break;
        case LK_COPY: copy_block(v, v->cs.ltgt[k].arg); break;
        default:
            link_text(v, k, url, sizeof url);
            copy_text(v, url);
        }
    }
    v->out.dirty = 1;
}

static void toggle_bookmark(view *v, const char *zaak, const char *title)
{
    if (!zaak || !*zaak)
        return;
    view_toast(v, style_text(v, keep_toggle(&v->keep, zaak, title, (int64_t)time(NULL))
                       ? S_BOOKMARKED : S_UNBOOKMARKED), NULL);
}

static const vrow *selected_row(view *v)
{
    vbrowse_slot *s;

    if (list_searching(v))
        return list_result_row(v, v->res.sel);
    if (v->browse.sel < 0)
        return NULL;
    s = list_slot(v, (uint32_t)v->browse.sel);
    return s ? &s->row : NULL;
}

static void key_in_list(view *v, int key)
{
    int vis = list_visible_rows(v), srch = list_searching(v);

    switch (key) {
    case VK_UP: srch ? list_res_move(v, -1) : list_browse_move(v, -1); break;
    case VK_DOWN: srch ? list_res_move(v, 1) : list_browse_move(v, 1); break;
    case VK_PGUP: srch ? list_res_move(v, -vis) : list_browse_move(v, -vis); break;
    case VK_PGDN: case VK_SPACE: srch ? list_res_move(v, vis) : list_browse_move(v, vis); break;
    case VK_TOP:
        if (srch)
            list_res_move(v, -(long)v->res.total);
        else
            list_browse_first(v);
        break;
    case VK_BOTTOM:
        if (srch)
            list_res_move(v, (long)v->res.total);
        else
            list_browse_end(v);
        break;
    case VK_ENTER: case VK_ENTER_SHIFT: view_open_row(v, selected_row(v)); break;
    case VK_TAB: v->focus = srch ? FO_CHIPS : FO_SEARCH; v->chip_sel = 0; break;
    case VK_BACKTAB: v->focus = FO_SEARCH; break;
    case VK_ESCAPE:
        if (srch)
            view_set_query(v, "");
        else
            view_go_back(v);
        break;
    case VK_BACKSPACE: view_go_back(v); break;
    case VK_BOOKMARK: {
        const vrow *r = selected_row(v);
        if (r)
            toggle_bookmark(v, r->zaak[0] ? r->zaak : r->id, r->subject);
        break;
    }
    case VK_COPY: {
        const vrow *r = selected_row(v);
        if (r)
            copy_text(v, r->zaak[0] ? r->zaak : r->id);
        break;
    }
    }
}

static void key_in_doc(view *v, int key)
{
    int page = view_doc_height(v) - 2 * v->lh;

    switch (key) {
    case VK_UP: view_scroll(v, -2 * v->lh); break;
    case VK_DOWN: view_scroll(v, 2 * v->lh); break;
    case VK_PGUP: view_scroll(v, -page); break;
    case VK_PGDN: case VK_SPACE: view_scroll(v, page); break;
    case VK_TOP: view_scroll(v, -v->cs.scroll); break;
    case VK_BOTTOM: view_scroll(v, view_doc_max_scroll(v)); break;
    case VK_TAB: select_link(v, v->cs.link_sel + 1, 0); break;
    case VK_BACKTAB: select_link(v, v->cs.link_sel < 0 ? -1 : v->cs.link_sel - 1, 0); break;
    case VK_ENTER: case VK_COPY:
        if (v->cs.link_sel >= 0)
            select_link(v, v->cs.link_sel, 1);
        else if (key == VK_COPY)
            copy_text(v, v->cs.zaak);
        break;
    case VK_ESCAPE:
        if (view_note_return(v))
            break;
        if (v->focus == FO_LINKS) {
            v->focus = FO_LIST;
            v->cs.link_sel = -1;
        } else {
            view_go_back(v);
        }
        break;
    case VK_BACKSPACE:
        if (!view_note_return(v))
            view_go_back(v);
        break;
    case VK_BOOKMARK: toggle_bookmark(v, v->cs.zaak, v->cs.title ? v->cs.title : ""); break;
    }
}

static long saved_count(view *v)
{
    return (long)(v->keep.nbm + v->keep.nrecent);
}

static const keep_item *saved_item(view *v, long i)
{
    if (i < 0)
        return NULL;
    if ((size_t)i < v->keep.nbm)
        return &v->keep.bm[i];
    i -= (long)v->keep.nbm;
    return (size_t)i < v->keep.nrecent ? &v->keep.recent[i] : NULL;
}

static void key_elsewhere(view *v, int key)
{
    long n = saved_count(v);
    const keep_item *it;

    switch (key) {
    case VK_UP: v->ssel = v->ssel > 0 ? v->ssel - 1 : 0; break;
    case VK_DOWN: v->ssel = v->ssel + 1 < n ? v->ssel + 1 : v->ssel; break;
    case VK_PGUP: view_scroll(v, -(v->h / 2)); break;
    case VK_PGDN: view_scroll(v, v->h / 2); break;
    case VK_ENTER:
        if (v->screen == SC_SAVED && (it = saved_item(v, v->ssel)))
            view_open_zaak(v, it->zaak);
        break;
    case VK_DELETE:
        if (v->screen == SC_SAVED && v->ssel < (long)v->keep.nbm &&
            (it = saved_item(v, v->ssel))) {
            char z[24];
            snprintf(z, sizeof z, "%s", it->zaak);
            toggle_bookmark(v, z, NULL);
        }
        break;
    case VK_ESCAPE: case VK_BACKSPACE: view_go_back(v); break;
    }
}

static void key_in_chips(view *v, int key)
{
    vchip chips[64];
    int n = list_chips(v, chips, 64);

    switch (key) {
    case VK_LEFT: if (v->chip_sel > 0) v->chip_sel--; break;
    case VK_RIGHT: if (v->chip_sel + 1 < n) v->chip_sel++; break;
    case VK_ENTER: case VK_SPACE:
        if (v->chip_sel >= 0 && v->chip_sel < n) {
            long keep_sel = v->chip_sel;
            view_chip_toggle(v, &chips[v->chip_sel]);
            v->chip_sel = keep_sel;
            v->focus = FO_CHIPS;
        }
        break;
    case VK_TAB: case VK_DOWN: case VK_ESCAPE: v->focus = FO_LIST; break;
    case VK_BACKTAB: case VK_UP: v->focus = FO_SEARCH; break;
    }
}

static void take_sugg(view *v, int i)
{
    char zaak[64];

    if (list_sugg_apply(v, i, zaak, sizeof zaak))
        view_open_zaak(v, zaak);  /* a case number: straight to the case */
    v->out.dirty = 1;
}

static void key_in_search(view *v, int key)
{
    if (v->query.all) {
        v->query.all = 0;
        if (key == VK_BACKSPACE || key == VK_DELETE) {
            view_set_query(v, "");
            v->focus = FO_SEARCH;
            return;
        }
    }
    if (field_key(&v->query, key)) {
        if (key == VK_BACKSPACE || key == VK_DELETE)
            list_query_changed(v);
        return;
    }
    /* the suggestions under the field: Down goes into them, Up back out,
     * Enter takes the chosen one, Esc closes them */
    if (list_sugg_current(v)) {
        if (key == VK_DOWN && v->sugg_sel + 1 < v->nsugg) {
            v->sugg_sel++;
            v->out.dirty = 1;
            return;
        }
        if (key == VK_UP && v->sugg_sel >= 0) {
            v->sugg_sel--;
            v->out.dirty = 1;
            return;
        }
        if (key == VK_ESCAPE && v->nsugg) {
            v->nsugg = 0;
            v->out.dirty = 1;
            return;
        }
        if ((key == VK_ENTER || key == VK_TAB) && v->sugg_sel >= 0) {
            take_sugg(v, v->sugg_sel);
            return;
        }
    }
    switch (key) {
    case VK_ENTER: case VK_DOWN: case VK_ENTER_SHIFT:
        v->focus = FO_LIST;
        v->nsugg = 0;
        if (list_searching(v)) {
            v->res.sel = 0;
            list_res_show_sel(v);
        }
        break;
    case VK_ESCAPE:
        if (v->query.text[0])
            view_set_query(v, "");
        else
            v->focus = FO_LIST;
        break;
    case VK_TAB: v->focus = list_searching(v) ? FO_CHIPS : FO_LIST; v->chip_sel = 0; break;
    case VK_BACKTAB: v->focus = FO_LIST; break;
    case VK_PGDN: case VK_PGUP: key_in_list(v, key); break;
    }
}

static void key_in_find(view *v, int key)
{
    if (field_key(&v->find, key)) {
        if (key == VK_BACKSPACE || key == VK_DELETE) {
            size_t c = v->find.cur;
            view_set_find(v, v->find.text);
            v->find.cur = c;
        }
        return;
    }
    switch (key) {
    case VK_ENTER: view_find_step(v, 1); break;
    case VK_ENTER_SHIFT: view_find_step(v, -1); break;
    case VK_ESCAPE: v->focus = FO_LIST; view_set_find(v, ""); break;
    case VK_TAB: case VK_DOWN: v->focus = FO_LIST; break;
    case VK_PGDN: case VK_PGUP: key_in_doc(v, key); break;
    }
}

static void key_in_jump(view *v, int key)
{
    if (field_key(&v->jump, key))
        return;
    switch (key) {
    case VK_ENTER: case VK_ENTER_SHIFT: {
        char what[TEXT_MAX];
        snprintf(what, sizeof what, "%s", v->jump.text);
        v->focus = FO_LIST;
        field_clear(&v->jump);
        view_jump(v, what);
        break;
    }
    case VK_ESCAPE: case VK_TAB: v->focus = FO_LIST; break;
    }
}

static void zoom(view *v, int dir)
{
    int z = dir == 0 ? cfg_zoom_default : v->zoom + dir;

    if (z < 0 || z >= NZOOM)
        return;
    v->zoom = z;
    style_set_sizes(v);
    v->browse.top_off = 0;
}

/* Keys that mean the same everywhere; 1 when used. */
static int key_global(view *v, int key)
{
    int err = v->screen == SC_ERROR || v->screen == SC_NOARCH;

    switch (key) {
    case VK_QUIT: if (!v->cfg.kiosk) v->out.quit = 1; return 1;
    case VK_FULLSCREEN: if (!v->cfg.kiosk) v->out.fullscreen = 1; return 1;
    case VK_THEME:
        v->cfg.theme = (v->cfg.theme + 1) % THEME_COUNT;
        v->out.flush_cache = 1;
        return 1;
    case VK_ZOOM_IN: zoom(v, 1); return 1;
    case VK_ZOOM_OUT: zoom(v, -1); return 1;
    case VK_ZOOM_RESET: zoom(v, 0); return 1;
    case VK_HELP: v->help = !v->help; return 1;
    }
    if (err)
        return key == VK_ESCAPE && !v->cfg.kiosk ? (v->out.quit = 1) : 1;
    switch (key) {
    case VK_HOME: view_go_home(v); return 1;
    case VK_BACK: if (!view_note_return(v)) view_go_back(v); return 1;
    case VK_FORWARD: view_go_forward(v); return 1;
    case VK_SAVED: view_show_screen(v, SC_SAVED); return 1;
    case VK_STATS: view_show_screen(v, SC_STATS); return 1;
    case VK_ABOUT: view_show_screen(v, SC_ABOUT); return 1;
    case VK_JUMP: v->focus = FO_JUMP; field_clear(&v->jump); return 1;
    case VK_SEARCH: /* as a browser's address bar: typing starts anew */
        if (v->screen != SC_LIST)
            view_show_screen(v, SC_LIST);
        v->focus = FO_SEARCH;
        v->query.cur = strlen(v->query.text);
        v->query.all = v->query.cur > 0;
        return 1;
    case VK_FIND:
        if (v->screen == SC_DOC)
            v->focus = FO_FIND;
        return 1;
    case VK_FIND_NEXT: case VK_FIND_PREV:
        if (v->screen != SC_DOC)
            return 1;
        if (!v->find.text[0])
            v->focus = FO_FIND;
        else
            view_find_step(v, key == VK_FIND_NEXT ? 1 : -1);
        return 1;
    }
    return 0;
}

static void on_key(view *v, int key)
{
    v->out.dirty = 1;
    v->ptr.tip = 0;
    if (v->menu) {               /* a key closes the menu, and does its job */
        v->menu = 0;
        if (key == VK_ESCAPE)
            return;
    }
    if (v->help && key != VK_QUIT && key != VK_THEME && key != VK_ZOOM_IN &&
        key != VK_ZOOM_OUT && key != VK_ZOOM_RESET && key != VK_FULLSCREEN) {
        v->help = 0;
        return;
    }
    if (key_global(v, key))
        return;
    switch (v->focus) {
    case FO_SEARCH: key_in_search(v, key); return;
    case FO_FIND: key_in_find(v, key); return;
    case FO_JUMP: key_in_jump(v, key); return;
    case FO_CHIPS: key_in_chips(v, key); return;
    }
    switch (v->screen) {
    case SC_LIST: key_in_list(v, key); break;
    case SC_DOC: key_in_doc(v, key); break;
    case SC_SAVED: case SC_STATS: case SC_ABOUT: key_elsewhere(v, key); break;
    }
}

static void on_text(view *v, const char *text)
{
    v->out.dirty = 1;
    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        return;
    if (v->focus == FO_FIND) {
        size_t c;
        field_insert(&v->find, text);
        c = v->find.cur;
        view_set_find(v, v->find.text);
        v->find.cur = c;
        return;
    }
    if (v->focus == FO_JUMP) {
        field_insert(&v->jump, text);
        return;
    }
    if (v->focus != FO_SEARCH) {
        if (!strcmp(text, "?")) {
            v->help = !v->help;
            return;
        }
        if (v->help)
            v->help = 0;
        if (!strcmp(text, "/")) {
            key_global(v, VK_SEARCH);
            return;
        }
        if (!strcmp(text, " ")) {       /* space pages, as in a browser */
            on_key(v, VK_SPACE);
            return;
        }
        /* typing while reading a case starts a new search; on the
         * list it refines the one shown */
        v->query.all = v->screen != SC_LIST;
        if (v->screen != SC_LIST)
            view_show_screen(v, SC_LIST);
        v->focus = FO_SEARCH;
        v->query.cur = strlen(v->query.text);
    }
    if (v->query.all) {
        field_clear(&v->query);
        v->query.all = 0;
    }
    field_insert(&v->query, text);
    list_query_changed(v);
}

/* ---- pointer, wheel, timers ----------------------------------------- */

static const vhot *hit(const view *v, int x, int y)
{
    size_t i = v->frame.nhots;

    while (i-- > 0) {
        const vhot *h = &v->frame.hots[i];
        if (x >= h->x && x < h->x + h->w && y >= h->y && y < h->y + h->h)
            return h;
    }
    return NULL;
}

static void sb_drag(view *v, int y)
{
    int track = v->frame.sb_h - v->frame.sb_th;
    double f;

    if (track <= 0)
        return;
    f = (double)(y - v->frame.sb_y - v->frame.sb_th / 2) / track;
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    if (v->ptr.drag_act == H_DOC_SB) {
        v->cs.scroll = (int64_t)(f * (double)view_doc_max_scroll(v));
        view_doc_clamp(v);
    } else if (list_searching(v)) {
        v->res.scroll = (int64_t)(f * (double)list_res_max_scroll(v));
        list_res_clamp(v);
    } else if (list_browse_count(v)) {
        int64_t n = list_browse_count(v);
        int64_t d = (int64_t)((1.0 - f) * (double)(n - 1));
        vbrowse_slot *s = list_slot(v, (uint32_t)d);
        if (!s || !s->included)
            d = list_next_row(v, d);
        if (d >= 0) {
            v->browse.top = v->browse.sel = d;
            v->browse.top_off = 0;
            list_browse_scroll(v, 0);
        }
    }
    v->out.dirty = 1;
}

static void osk_key(view *v, int i)
{
    const vosk_key *k;

    if (i < 0 || (size_t)i >= render_nosk_keys)
        return;
    k = &render_osk_keys[i];
    if (k->text)
        on_text(v, k->text);
    else if (k->key == VK_ESCAPE)
        v->focus = FO_LIST;
    else
        on_key(v, k->key);
}

/* How long a press is held still before it shows the button's name. */
#define LONG_PRESS_MS 500

/* The top bar's buttons have names to show (see vrender.c). */
static int button_has_label(int b)
{
    return b == B_BACK || b == B_FORWARD || b == B_HOME || b == B_HELP || b == B_ABOUT ||
           b == B_THEME || b == B_STATS || b == B_SAVED || b == B_BOOKMARK || b == B_MENU;
}

static void button(view *v, int b)
{
    if (b == B_MENU) {
        v->menu = !v->menu;
        return;
    }
    v->menu = 0;
    switch (b) {
    case B_BACK: if (!view_note_return(v)) view_go_back(v); break;
    case B_FORWARD: view_go_forward(v); break;
    case B_HOME: view_go_home(v); break;
    case B_SAVED: view_show_screen(v, SC_SAVED); break;
    case B_STATS: view_show_screen(v, SC_STATS); break;
    case B_ABOUT: view_show_screen(v, SC_ABOUT); break;
    case B_THEME: key_global(v, VK_THEME); break;
    case B_HELP: v->help = !v->help; break;
    case B_BOOKMARK: toggle_bookmark(v, v->cs.zaak, v->cs.title ? v->cs.title : ""); break;
    case B_CLOSE: v->help = 0; break;
    case B_FIND_PREV: view_find_step(v, -1); break;
    case B_FIND_NEXT: view_find_step(v, 1); break;
    case B_FIND_CLOSE: v->focus = FO_LIST; view_set_find(v, ""); break;
    case B_FIND_OPEN: key_global(v, VK_FIND); break;
    case B_ZOOM_IN: key_global(v, VK_ZOOM_IN); break;
    case B_ZOOM_OUT: key_global(v, VK_ZOOM_OUT); break;
    case B_JUMP: key_global(v, VK_JUMP); break;
    }
}

static void month_click(view *v, int yyyymm)
{
    char q[TEXT_MAX + 64];
    int y = yyyymm / 100, m = yyyymm % 100;

    if (!list_searching(v)) {
        if (v->screen != SC_LIST)
            view_go(v);
        v->screen = SC_LIST;
        list_browse_jump(v, y * 10000 + m * 100 + 31);
        return;
    }
    snprintf(q, sizeof q, "%s datum:%04d-%02d..%04d-%02d", v->query.text, y, m, y, m);
    if (strlen(q) < sizeof v->query.text) {
        if (v->screen != SC_LIST)
            view_go(v);
        v->screen = SC_LIST;
        view_set_query(v, q);
    }
}

static void click(view *v, const vhot *h)
{
    vchip chips[64];
    int n;

    if (v->help) {
        v->help = 0;
        return;
    }
    if (v->menu && h->act != H_BUTTON) {
        v->menu = 0;
        return;
    }
    switch (h->act) {
    case H_MORE:
        if (h->arg >= 0 && h->arg < MORE_N)
            v->more[h->arg] = !v->more[h->arg];
        break;
    case H_ROW:
        if (list_searching(v)) {
            v->res.sel = (size_t)h->arg;
            view_open_row(v, list_result_row(v, (size_t)h->arg));
        } else {
            vbrowse_slot *s = list_slot(v, (uint32_t)h->arg);
            v->browse.sel = h->arg;
            if (s)
                view_open_row(v, &s->row);
        }
        break;
    case H_CHIP: case H_FACETOFF:
        n = list_chips(v, chips, 64);
        if (h->arg < n)
            view_chip_toggle(v, &chips[h->arg]);
        break;
    case H_BUTTON: button(v, h->arg); break;
    case H_LINK: select_link(v, h->arg, 1); break;
    case H_FIELD: /* a click puts the cursor at the end, selecting nothing */
        v->query.all = 0;
        v->focus = h->arg == 1 ? FO_FIND : h->arg == 2 ? FO_JUMP : FO_SEARCH;
        if (v->focus == FO_SEARCH && v->screen != SC_LIST)
            view_show_screen(v, SC_LIST), v->focus = FO_SEARCH;
        break;
    case H_OSK: osk_key(v, h->arg); break;
    case H_MONTH: month_click(v, h->arg); break;
    case H_YEAR:
        if (list_searching(v))
            view_set_query(v, "");
        list_browse_jump(v, h->arg * 10000 + 1231);
        break;
    case H_SAVED: {
        const keep_item *it = saved_item(v, h->arg);
        v->ssel = h->arg;
        if (it)
            view_open_zaak(v, it->zaak);
        break;
    }
    case H_DYM:
        if (v->res.first && v->res.first->didyoumean[0])
            view_set_query(v, v->res.first->didyoumean);
        break;
    case H_SORT:
        list_sort_next(v);
        break;
    case H_SUGG:
        take_sugg(v, h->arg);
        break;
    }
}

#define TIP_MS 2500

/* A long press (touch, or a held button) or a right click: on an icon
 * button its label; on a paragraph or note of a case, copy it. */
static void long_press(view *v, const vhot *h)
{
    /* a mouse shows labels on hover: its slow click still clicks */
    int id = h && (v->ptr.touch || v->ptr.secondary) ? render_tip_for(h->act, h->arg) : 0;

    if (id) {
        v->tip = id;
        v->tip_x = h->x + h->w / 2;
        v->tip_y = h->y;
        v->tip_h = h->h;
        v->tip_until = v->now + TIP_MS;
        if (!v->out.wake_ms || (int32_t)(v->tip_until - v->out.wake_ms) < 0)
            v->out.wake_ms = v->tip_until;
        return;
    }
    if (v->screen == SC_DOC && !v->help && v->ptr.py0 >= v->frame.doc_top &&
        v->ptr.py0 < v->frame.doc_bottom && (!h || h->act == H_LINK)) {
        int bi = case_block_at(&v->cs, v->ptr.py0 - v->frame.doc_top - v->px + (int)v->cs.scroll);
        if (bi >= 0 && (v->cs.b[bi].type == TB_PARA || v->cs.b[bi].type == TB_NOTE ||
                        v->cs.b[bi].type == TB_TITLE))
            copy_block(v, bi);
        return;
    }
    if (h && !v->ptr.secondary)
        click(v, h);
}

static void pointer(view *v, const vin *in)
{
    const vhot *h;
    int slop = v->px;

    switch (in->type) {
    case VI_PRESS:
        v->ptr.pressed = 1;
        v->ptr.dragging = 0;
        v->ptr.touch = in->touch;
        v->ptr.last_touch = in->touch;
        v->ptr.ms0 = in->ms;
        v->ptr.secondary = in->key == 1;
        if (v->tip) {
            v->tip = 0;
            v->out.dirty = 1;
        }
        v->ptr.px0 = v->ptr.lastx = in->x;
        v->ptr.py0 = v->ptr.lasty = in->y;
        v->ptr.lastms = in->ms;
        v->ptr.vel = 0;
        v->out.animating = 0;
        h = hit(v, in->x, in->y);
        v->ptr.drag_act = h ? h->act : H_NONE;
        /* a press held still on a button shows its name (touch has no
         * hover); the label stays until the next press */
        if (v->ptr.tip)
            v->out.dirty = 1;
        v->ptr.tip = 0;
        v->ptr.tip_at = 0;
        if (h && h->act == H_BUTTON && button_has_label(h->arg)) {
            v->ptr.tip_at = (in->ms + LONG_PRESS_MS) | 1;   /* never 0 */
            if (!v->toast_until || (int32_t)(v->ptr.tip_at - v->toast_until) < 0)
                v->out.wake_ms = v->ptr.tip_at;
        }
        if (v->ptr.drag_act == H_LIST_SB || v->ptr.drag_act == H_DOC_SB) {
            v->ptr.dragging = 1;
            sb_drag(v, in->y);
        }
        break;
    case VI_MOTION:
        if (!v->ptr.pressed) {
            /* redraw only when the pointer moves onto or off a button */
            const vhot *was = hit(v, v->ptr.hover_x, v->ptr.hover_y);
            h = hit(v, in->x, in->y);
            v->ptr.hover_x = in->x;
            v->ptr.hover_y = in->y;
            if (!in->touch && v->ptr.last_touch) {
                v->ptr.last_touch = 0;
                v->out.dirty = 1;
            }
            if (was != h && ((was && was->act == H_BUTTON) || (h && h->act == H_BUTTON)))
                v->out.dirty = 1;
            return;
        }
        v->ptr.hover_x = in->x;
        v->ptr.hover_y = in->y;
        if (v->ptr.drag_act == H_LIST_SB || v->ptr.drag_act == H_DOC_SB) {
            sb_drag(v, in->y);
            return;
        }
        if (!v->ptr.dragging && v->ptr.touch && abs(in->y - v->ptr.py0) > slop)
            v->ptr.dragging = 1;
        if (abs(in->y - v->ptr.py0) > slop || abs(in->x - v->ptr.px0) > slop)
            v->ptr.tip_at = 0;   /* moved: no long press */
        if (v->ptr.dragging) {
            uint32_t dt = in->ms - v->ptr.lastms;
            view_scroll(v, v->ptr.lasty - in->y);
            if (dt > 0)
                v->ptr.vel = 0.6 * ((double)(v->ptr.lasty - in->y) / dt) + 0.4 * v->ptr.vel;
            v->ptr.lasty = in->y;
            v->ptr.lastms = in->ms;
        }
        break;
    case VI_RELEASE:
        if (!v->ptr.pressed)
            return;
        v->ptr.pressed = 0;
        v->ptr.tip_at = 0;
        if (v->ptr.tip) {        /* a long press named the button: no click */
            v->ptr.dragging = 0;
            v->out.dirty = 1;
            break;
        }
        if (!v->ptr.dragging) {
            h = hit(v, v->ptr.px0, v->ptr.py0);
            if (v->ptr.secondary || in->ms - v->ptr.ms0 >= LONG_PRESS_MS)
                long_press(v, h);
            else if (h)
                click(v, h);
        } else if (v->ptr.touch && (v->ptr.vel > 0.15 || v->ptr.vel < -0.15) && in->ms - v->ptr.lastms < 100) {
            v->out.animating = 1;
            v->ptr.lastms = in->ms;
        }
        v->ptr.dragging = 0;
        v->out.dirty = 1;
        break;
    }
}

static void tick(view *v, uint32_t ms)
{
    if (v->ptr.pressed && v->ptr.tip_at && (int32_t)(ms - v->ptr.tip_at) >= 0) {
        const vhot *h = hit(v, v->ptr.px0, v->ptr.py0);
        v->ptr.tip_at = 0;
        if (h && h->act == H_BUTTON && button_has_label(h->arg)) {
            v->ptr.tip = h->arg + 1;
            v->out.dirty = 1;
        }
        v->out.wake_ms = v->toast_until;
    }
    if (v->out.animating) {
        uint32_t dt = ms - v->ptr.lastms;
        if (dt > 100)
            dt = 100;
        v->ptr.lastms = ms;
        view_scroll(v, (int64_t)(v->ptr.vel * dt));
        /* friction: speed halves about every 200 ms */
        v->ptr.vel *= 1.0 - dt / 290.0;
        if ((v->ptr.vel < 0.02 && v->ptr.vel > -0.02) || dt == 0)
            v->out.animating = v->ptr.vel != 0 && dt == 0;
        if (v->ptr.vel < 0.02 && v->ptr.vel > -0.02)
            v->out.animating = 0;
    }
    if (v->tip && (int32_t)(ms - v->tip_until) >= 0) {
        v->tip = 0;
        v->out.wake_ms = v->toast_until;
        v->out.dirty = 1;
    }
    if (v->toast_until && (int32_t)(ms - v->toast_until) >= 0) {
        v->toast[0] = '\0';
        v->toast_until = 0;
        v->out.wake_ms = 0;
        v->out.dirty = 1;
    }
    if (v->tip && (!v->out.wake_ms || (int32_t)(v->tip_until - v->out.wake_ms) < 0))
        v->out.wake_ms = v->tip_until;
}

/* Kiosk: back to a clean home screen after the idle time. */
static void kiosk_reset(view *v)
{
    v->nback = v->nfwd = 0;
    v->help = 0;
    v->menu = 0;
    v->ptr.tip = 0;
    memset(v->more, 0, sizeof v->more);
    field_clear(&v->find);
    field_clear(&v->jump);
    v->toast[0] = '\0';
    v->toast_until = v->out.wake_ms = 0;
    v->out.animating = 0;
    keep_clear_recent(&v->keep);
    if (v->screen == SC_ERROR || v->screen == SC_NOARCH)
        return;
    view_set_query(v, "");
    v->screen = SC_LIST;
    v->focus = FO_LIST;
    list_browse_first(v);
    v->out.dirty = 1;
}

void view_input(view *v, const vin *in)
{
    v->now = in->ms;
    switch (in->type) {
    case VI_KEY: on_key(v, in->key); break;
    case VI_TEXT: on_text(v, in->text); break;
    case VI_PRESS: case VI_MOTION: case VI_RELEASE: pointer(v, in); break;
    case VI_WHEEL:
        if (v->help)
            break;
        view_scroll(v, -(int64_t)in->dy * 3 * v->lh);
        break;
    case VI_RESIZE:
        v->w = in->x > 1 ? in->x : 1;
        v->h = in->y > 1 ? in->y : 1;
        style_set_sizes(v);
        v->out.dirty = 1;
        break;
    case VI_TICK: tick(v, in->ms); break;
    case VI_IDLE: if (v->cfg.kiosk) kiosk_reset(v); break;
    }
}

