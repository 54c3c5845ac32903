/* test_view.c - the reader's view without a window: text layout, paging
 * and scrolling the case list, searching (on the worker thread), the case
 * thread, find in document, history, bookmarks and the kiosk reset, on an
 * archive packed from the samples. Text is measured with a fake font (each
 * character half the size wide), so the numbers are exact.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "format.h"
#include "internal.h" /* fmt_get_text: format/ and tests only */
#include "source.h"
#include "keep.h"
#include "layout.h"
#include "view.h"
#include "vmem.h"
#include "vpriv.h"
#include "testlib.h"

static char tmpdir[64];
static char archive[128];

/* ---- a fake font ----------------------------------------------------- */

#include "fakefont.h"

/* ---- the archive ----------------------------------------------------- */

static int group_setup(void **state)
{
    const char *sources[] = {"samples", NULL};

    (void)state;
    if (tl_tmpdir(tmpdir, sizeof tmpdir, "vbview"))
        return -1;
    snprintf(archive, sizeof archive, "%s/s.vbk", tmpdir);
    return tl_pack(archive, sources, NULL);
}

static int group_teardown(void **state)
{
    (void)state;
    return tl_rmrf(tmpdir);
}

/* A view of 800x480 on the sample archive. */
static int view_setup(void **state)
{
    view *v = calloc(1, sizeof *v);
    vconfig c;
    char *paths[1] = { archive };

    memset(&c, 0, sizeof c);
    c.copy_allowed = 1;
    if (!v || view_init(v, &c, &fake, 800, 480) != 0)
        return -1;
    if (view_open(v, paths, 1, NULL, NULL) != 1)
        return -1;
    view_render(v);
    *state = v;
    return 0;
}

static int view_teardown(void **state)
{
    view_free(*state);
    free(*state);
    return 0;
}

static void key(view *v, int k)
{
    vin in;

    memset(&in, 0, sizeof in);
    in.type = VI_KEY;
    in.key = k;
    view_input(v, &in);
    view_render(v);
}

static void type(view *v, const char *s)
{
    vin in;

    memset(&in, 0, sizeof in);
    in.type = VI_TEXT;
    while (*s) {
        in.text[0] = *s++;
        view_input(v, &in);
    }
    view_render(v);
}

/* Let the worker finish and take what it found. */
static void settle(view *v)
{
    int i;

    for (i = 0; i < 100 && view_busy(v); i++) {
        wk_wait(v->worker, 5000);
        view_results(v, 0);
    }
    view_results(v, 0);
    view_render(v);
    assert_false(view_busy(v));
}

static const vrow *sel_row(view *v)
{
    if (list_searching(v))
        return list_result_row(v, v->res.sel);
    return v->browse.sel >= 0 ? &list_slot(v, (uint32_t)v->browse.sel)->row : NULL;
}

/* Is s drawn somewhere in the display list? */
static int drawn(const view *v, const char *s)
{
    size_t i;

    for (i = 0; i < v->frame.dl.n; i++)
        if (v->frame.dl.c[i].type == DC_TEXT && strstr(v->frame.dl.str + v->frame.dl.c[i].off, s))
            return 1;
    return 0;
}

/* ---- layout ---------------------------------------------------------- */

static void test_markdown(void **state)
{
    lay_text t;
    const char *src = "Vragen van **Palland** en *het bericht*\nover^{3 4} <https://x.nl/a> 5 * 3";
    const char *bold, *it, *url;

    (void)state;
    memset(&t, 0, sizeof t);
    lay_add_md(&t, src, strlen(src), 0);
    assert_string_equal(t.text, "Vragen van Palland en het bericht over3 4 https://x.nl/a 5 * 3");
    bold = strstr(t.text, "Palland");
    it = strstr(t.text, "het bericht");
    url = strstr(t.text, "https");
    assert_true(t.attr[bold - t.text] & LA_BOLD);
    assert_false(t.attr[bold - t.text - 1] & LA_BOLD);
    assert_true(t.attr[it - t.text] & LA_ITALIC);
    assert_true(t.attr[strstr(t.text, "3 4") - t.text] & LA_SUP);
    assert_true(t.attr[url - t.text] & LA_LINK);
    assert_true(t.attr[url - t.text + 13] & LA_LINK);
    /* an unmatched * stays a literal star, and does not italicise the rest */
    assert_false(t.attr[t.len - 1] & LA_ITALIC);
    /* a blank line is a paragraph break, single newlines are spaces */
    lay_text_clear(&t);
    lay_add_md(&t, "a\nb\n\n\nc", 7, 0);
    assert_string_equal(t.text, "a b\n\nc");
    /* invalid UTF-8 and control bytes never reach the screen */
    lay_text_clear(&t);
    lay_add(&t, "x\xff\xc3\x28y\x01z\xc3\xabq", 10, 0);
    assert_string_equal(t.text, "x?\?(yz\xc3\xabq");
    lay_text_free(&t);
}

static void test_wrap(void **state)
{
    lay_text t;
    lay_box b;
    const char *s = "een twee drie vier vijf zes zeven acht negen tien";
    const char *url = "zie https://www.rtlnieuws.nl/economie/bedrijven/artikel/5282733/nuctech-china";
    size_t i;
    int h;

    (void)state;
    memset(&t, 0, sizeof t);
    memset(&b, 0, sizeof b);
    lay_add(&t, s, strlen(s), 0);
    /* 10 px per character: 100 px holds "een twee" but not "een twee drie" */
    h = lay_wrap(&b, &t, 100, 20, 0, &fake);
    /* een twee / drie vier / vijf zes / zeven acht / negen tien */
    assert_int_equal(b.nlines, 5);
    assert_int_equal(h, 5 * 24);
    for (i = 0; i < b.nlines; i++) {
        const lay_seg *last = &b.segs[b.lines[i].seg + b.lines[i].nseg - 1];
        assert_true(last->x + last->w <= 100);
    }
    assert_int_equal(lay_line_at(&b, strstr(s, "zes") - s), 2);
    /* two lines at most: the second ends in an ellipsis */
    lay_wrap(&b, &t, 100, 20, 2, &fake);
    assert_int_equal(b.nlines, 2);
    assert_true(b.ell_x >= 0 && b.ell_x + 10 <= 100);
    /* a URL wider than the line breaks after a slash */
    lay_text_clear(&t);
    lay_add_md(&t, url, strlen(url), 0);
    lay_wrap(&b, &t, 300, 20, 0, &fake);
    assert_true(b.nlines >= 3);
    for (i = 1; i + 1 < b.nlines; i++) {
        char c = t.text[b.lines[i].end - 1];
        assert_true(c == '/' || c == '-' || c == '.');
    }
    lay_box_free(&b);
    lay_text_free(&t);
}

/* ---- the case list --------------------------------------------------- */

static void test_browse(void **state)
{
    view *v = *state;
    int64_t first = v->browse.top, d;
    char seen[64][24];
    int n = 0, k;

    assert_int_equal(v->screen, SC_LIST);
    assert_true(first >= 0);
    assert_int_equal(first, v->browse.sel);
    assert_true(drawn(v, sel_row(v)->zaak[0] ? sel_row(v)->zaak : sel_row(v)->id));
    /* newest first, one row per case */
    for (d = first; d >= 0 && n < 64; d = list_next_row(v, d)) {
        const vrow *r = &list_slot(v, (uint32_t)d)->row;
        if (r->zaak[0]) {
            for (k = 0; k < n; k++)
                assert_string_not_equal(seen[k], r->zaak);
            snprintf(seen[n++], sizeof seen[0], "%s", r->zaak);
        }
        if (list_next_row(v, d) >= 0)
            assert_true(list_slot(v, (uint32_t)list_next_row(v, d))->row.date <= r->date);
    }
    assert_true(n >= 15);
    /* Down, Page Down, End, Home */
    key(v, VK_DOWN);
    assert_int_equal(v->browse.sel, list_next_row(v, first));
    key(v, VK_UP);
    assert_int_equal(v->browse.sel, first);
    key(v, VK_PGDN);
    assert_true(v->browse.sel < first);
    assert_true(v->browse.top < first);     /* the page scrolled along */
    key(v, VK_BOTTOM);
    assert_int_equal(list_next_row(v, v->browse.sel), -1);
    assert_string_equal(sel_row(v)->id, "kv-tk-2014Z07524");
    assert_true(drawn(v, "2014Z07524"));
    key(v, VK_TOP);
    assert_int_equal(v->browse.sel, first);
    assert_int_equal(v->browse.top, first);
    /* scrolling by pixels never passes the ends */
    view_scroll(v, -1000);
    assert_int_equal(v->browse.top, first);
    assert_int_equal(v->browse.top_off, 0);
    view_scroll(v, 100000);
    assert_true(v->browse.top < first);
    assert_true(list_next_row(v, v->browse.top) >= 0);  /* a full page is left */
}

static void test_jump(void **state)
{
    view *v = *state;

    assert_int_equal(view_jump(v, "2017"), 0);
    assert_true(sel_row(v)->date <= 20171231 && sel_row(v)->date >= 20170101);
    assert_true(list_prev_row(v, v->browse.sel) < 0 ||
                list_slot(v, (uint32_t)list_prev_row(v, v->browse.sel))->row.date > 20171231);
    assert_int_equal(view_jump(v, "2017-05"), 0);
    assert_true(sel_row(v)->date <= 20170531);
    assert_int_equal(view_jump(v, "3-2017"), 0);
    assert_true(sel_row(v)->date <= 20170331);
    assert_int_equal(view_jump(v, "2022z01227"), 0);
    assert_int_equal(v->screen, SC_DOC);
    assert_string_equal(v->cs.zaak, "2022Z01227");
    assert_int_equal(view_jump(v, "geen idee"), -1);
    assert_int_equal(v->screen, SC_DOC);
    assert_non_null(strstr(v->toast, "geen idee"));
    assert_null(strstr(v->toast, "archief"));
    /* a case number that is not there: said so, not "not understood" */
    assert_int_equal(view_jump(v, "1999z99999"), -1);
    assert_non_null(strstr(v->toast, "1999Z99999"));
    assert_non_null(strstr(v->toast, "niet in dit archief"));
}

/* ---- searching ------------------------------------------------------- */

static void test_search(void **state)
{
    view *v = *state;
    const vrow *r;

    type(v, "nuctech");
    assert_int_equal(v->focus, FO_SEARCH);
    assert_string_equal(v->query.text, "nuctech");
    settle(v);
    assert_int_equal(v->res.total, 1);
    r = list_result_row(v, 0);
    assert_non_null(r);
    assert_string_equal(r->zaak, "2022Z01227");
    assert_non_null(r->snippet);
    assert_true(r->nhl > 0);
    assert_true(!strncasecmp(r->snippet + r->hl[0].off, "nuctech", 7));
    assert_non_null(v->res.stats);
    /* typing on: each keystroke replaces the search; only the last counts */
    type(v, " scanners");
    settle(v);
    assert_string_equal(v->query.text, "nuctech scanners");
    assert_int_equal(v->res.total, 1);
    key(v, VK_BACKSPACE);
    key(v, VK_BACKSPACE);
    settle(v);
    assert_string_equal(v->query.text, "nuctech scanne");
    /* the word being typed is a prefix: "scanne" still finds scanners */
    assert_int_equal(v->res.total, 1);
    /* Escape closes the suggestions first, then empties the field and
     * brings back the list of everything */
    if (list_sugg_current(v)) {
        key(v, VK_ESCAPE);
        assert_string_equal(v->query.text, "nuctech scanne");
    }
    key(v, VK_ESCAPE);
    assert_string_equal(v->query.text, "");
    assert_false(list_searching(v));
    settle(v);
    assert_non_null(v->home);
    assert_true(v->home->nmonths > 0);
    /* a malformed query says so instead of searching */
    type(v, "(nuctech");
    settle(v);
    assert_int_equal(v->res.err, FMT_INVALID);
    assert_int_equal(v->res.total, 0);
    /* ... but one still being typed after a good one keeps its results,
     * with a quiet hint in the reader's language */
    key(v, VK_ESCAPE);
    key(v, VK_ESCAPE);
    type(v, "nuctech");
    settle(v);
    assert_int_equal(v->res.total, 1);
    type(v, " OR");
    settle(v);
    assert_int_equal(v->res.err, FMT_OK);
    assert_true(v->res.unfinished);
    assert_int_equal(v->res.total, 1);
    assert_non_null(strstr(v->res.hint, "Typ verder"));
    type(v, " dynaxion");
    settle(v);
    assert_false(v->res.unfinished);
}

static void test_paging_results(void **state)
{
    view *v = *state;
    size_t total;

    type(v, "minister");
    settle(v);
    total = v->res.total;
    assert_true(total > 10);
    key(v, VK_ENTER);
    assert_int_equal(v->focus, FO_LIST);
    key(v, VK_DOWN);
    key(v, VK_DOWN);
    assert_int_equal(v->res.sel, 2);
    key(v, VK_BOTTOM);
    settle(v);
    assert_int_equal(v->res.sel, total - 1);
    assert_int_equal(v->res.nrows, total);
    assert_true(v->res.scroll > 0);
    key(v, VK_PGUP);
    assert_true(v->res.sel < total - 1);
    key(v, VK_TOP);
    assert_int_equal(v->res.sel, 0);
    assert_int_equal(v->res.scroll, 0);
}

static void test_chips(void **state)
{
    view *v = *state;
    vchip c[64];
    int n, i, party = -1;
    size_t before;

    type(v, "minister");
    settle(v);
    before = v->res.total;
    n = list_chips(v, c, 64);
    assert_true(n > 3);
    for (i = 0; i < n; i++)
        if (c[i].facet == FMT_FACET_PARTY && party < 0)
            party = i;
    assert_true(party >= 0);
    assert_false(c[party].active);
    assert_true(!strncmp(c[party].token, "partij:", 7));
    view_chip_toggle(v, &c[party]);
    assert_non_null(strstr(v->query.text, c[party].token));
    settle(v);
    assert_int_equal(v->res.total, c[party].count);
    assert_true(v->res.total < before);
    /* the filter is now an active chip; toggling it takes it out again */
    n = list_chips(v, c, 64);
    assert_true(c[0].active);
    view_chip_toggle(v, &c[0]);
    assert_string_equal(v->query.text, "minister");
    settle(v);
    assert_int_equal(v->res.total, before);
    /* by keyboard: Tab to the chips, Enter switches one on */
    key(v, VK_TAB);
    assert_int_equal(v->focus, FO_CHIPS);
    key(v, VK_ENTER);
    assert_non_null(strchr(v->query.text, ':'));
}

/* ---- the case thread, find, history ---------------------------------- */

static void test_thread(void **state)
{
    view *v = *state;
    int y13, y14, i, heads = 0;
    size_t k;

    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    assert_int_equal(v->screen, SC_DOC);
    assert_true(drawn(v, "2022Z01227"));
    assert_true(drawn(v, "Palland"));
    for (k = 0; k < v->cs.n; k++)
        heads += v->cs.b[k].type == TB_HEAD && v->cs.b[k].qnum > 0;
    assert_int_equal(heads, 15);
    y13 = view_question_y(v, 13);
    y14 = view_question_y(v, 14);
    assert_true(y13 > 0 && y14 > y13);
    assert_int_equal(view_question_y(v, 16), -1);
    /* scroll to question 14: Page Down until its heading is on screen */
    for (i = 0; i < 40 && !(v->cs.scroll <= y14 && y14 < v->cs.scroll + (v->frame.doc_bottom - v->frame.doc_top));
         i++)
        key(v, VK_PGDN);
    assert_true(v->cs.scroll <= y14);
    assert_true(drawn(v, "Vraag 14"));
    assert_true(drawn(v, "Dynaxion"));
    /* the footnote URLs are links (after the case's own address, and among
     * the footnote markers and paragraph copies, tests/test_vcase.c); Tab
     * selects one and Enter copies it */
    {
        long url = -1, n = 0;
        for (k = 0; k < v->cs.nlinks; k++)
            if (v->cs.ltgt[k].kind == LK_URL && v->cs.b[v->cs.links[k].block].type == TB_NOTE) {
                url = url < 0 ? (long)k : url;
                n++;
            }
        assert_int_equal(n, 4);
        key(v, VK_TAB);
        assert_int_equal(v->cs.link_sel, 0);
        while (v->cs.link_sel != url)
            key(v, VK_TAB);
    }
    key(v, VK_ENTER);
    assert_non_null(v->out.clip);
    assert_true(!strncmp(v->out.clip, "https://www.rtlnieuws.nl/economie/", 34));
    assert_non_null(strstr(v->out.clip, "spionage"));
    key(v, VK_ESCAPE);                  /* leaves the links */
    assert_int_equal(v->cs.link_sel, -1);
    assert_int_equal(v->screen, SC_DOC);
    key(v, VK_BACKTAB);
    assert_int_equal(v->cs.link_sel, (long)v->cs.nlinks - 1);
    /* scrolling is clamped to the thread */
    view_scroll(v, -100000);
    assert_int_equal(v->cs.scroll, 0);
    view_scroll(v, 100000);
    assert_true(v->cs.scroll > 0 && v->cs.scroll < v->cs.height);
}

static void test_find(void **state)
{
    view *v = *state;
    long first;

    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    key(v, VK_FIND);
    assert_int_equal(v->focus, FO_FIND);
    type(v, "dynax");
    assert_string_equal(v->find.text, "dynax");
    assert_int_equal(v->cs.nfound, 1);      /* a word is found as it is typed */
    assert_true(v->cs.scroll > 0);          /* and brought into view */
    assert_true(drawn(v, "Dynaxion"));
    view_set_find(v, "Nuctech");
    assert_int_equal(v->cs.nfound, 14);     /* every one, in the URLs too */
    first = v->cs.curfound;
    key(v, VK_ENTER);
    assert_int_equal(v->cs.curfound, first + 1);
    key(v, VK_ENTER_SHIFT);
    assert_int_equal(v->cs.curfound, first);
    view_set_find(v, "chinese douanescanners");
    assert_int_equal(v->cs.nfound, 3);      /* two words in a row: title, q1, note */
    view_set_find(v, "geinstalleerd");      /* diacritics do not matter */
    assert_int_equal(v->cs.nfound, 1);
    view_set_find(v, "xyzzy");
    assert_int_equal(v->cs.nfound, 0);
    key(v, VK_ESCAPE);
    assert_int_equal(v->focus, FO_LIST);
    assert_string_equal(v->find.text, "");
}

static void test_history(void **state)
{
    view *v = *state;
    int64_t scroll;

    type(v, "nuctech");
    settle(v);
    key(v, VK_ENTER);
    key(v, VK_ENTER);
    assert_int_equal(v->screen, SC_DOC);
    view_scroll(v, 300);
    scroll = v->cs.scroll;
    assert_true(scroll > 0);
    key(v, VK_ESCAPE);                        /* back to the results */
    settle(v);
    assert_int_equal(v->screen, SC_LIST);
    assert_string_equal(v->query.text, "nuctech");
    assert_int_equal(v->res.total, 1);
    key(v, VK_FORWARD);                       /* and forward to the same place */
    assert_int_equal(v->screen, SC_DOC);
    assert_int_equal(v->cs.scroll, scroll);
    key(v, VK_HOME);
    assert_int_equal(v->screen, SC_LIST);
    assert_false(list_searching(v));
    key(v, VK_BACK);
    assert_int_equal(v->screen, SC_DOC);
    key(v, VK_BACK);
    assert_int_equal(v->screen, SC_LIST);
    assert_string_equal(v->query.text, "nuctech");
    /* typing on the case screen starts a search */
    view_open_zaak(v, "2015Z08452");
    type(v, "x");
    assert_int_equal(v->screen, SC_LIST);
    assert_int_equal(v->focus, FO_SEARCH);
}

static void test_click(void **state)
{
    view *v = *state;
    size_t i;
    vin in;

    view_render(v);
    for (i = 0; i < v->frame.nhots && v->frame.hots[i].act != H_ROW; i++)
        ;
    assert_true(i < v->frame.nhots);
    memset(&in, 0, sizeof in);
    in.type = VI_PRESS;
    in.x = v->frame.hots[i].x + 5;
    in.y = v->frame.hots[i].y + 5;
    view_input(v, &in);
    in.type = VI_RELEASE;
    view_input(v, &in);
    assert_int_equal(v->screen, SC_DOC);
    view_render(v);
    /* the back button in the top bar */
    for (i = 0; i < v->frame.nhots && !(v->frame.hots[i].act == H_BUTTON && v->frame.hots[i].arg == B_BACK); i++)
        ;
    assert_true(i < v->frame.nhots);
    in.type = VI_PRESS;
    in.x = v->frame.hots[i].x + 2;
    in.y = v->frame.hots[i].y + 2;
    view_input(v, &in);
    in.type = VI_RELEASE;
    view_input(v, &in);
    assert_int_equal(v->screen, SC_LIST);
}

static void test_touch(void **state)
{
    view *v = *state;
    vin in;
    int i;

    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    /* all of the case laid out first: a frame lays out for a few ms
     * only, which on a slow machine (qemu) is not room to swipe in */
    for (i = 0; i < 1000 && case_layout_pending(&v->cs); i++)
        view_render(v);
    assert_false(case_layout_pending(&v->cs));
    memset(&in, 0, sizeof in);
    in.touch = 1;
    in.type = VI_PRESS;
    in.x = 400;
    in.y = 400;
    in.ms = 1000;
    view_input(v, &in);
    for (i = 1; i <= 10; i++) {           /* a quick swipe up */
        in.type = VI_MOTION;
        in.y = 400 - 30 * i;
        in.ms = 1000 + 10 * (uint32_t)i;
        view_input(v, &in);
    }
    in.type = VI_RELEASE;
    view_input(v, &in);
    assert_true(v->cs.scroll >= 290);
    assert_int_equal(v->out.animating, 1);      /* momentum carries on */
    {
        int64_t s = v->cs.scroll;
        for (i = 1; i < 400 && v->out.animating; i++) {
            in.type = VI_TICK;
            in.ms = 1100 + 16 * (uint32_t)i;
            view_input(v, &in);
        }
        assert_false(v->out.animating);         /* and stops by itself */
        assert_true(v->cs.scroll > s);
    }
}

/* ---- keeping, kiosk, errors ------------------------------------------ */

static void test_keep(void **state)
{
    keep k;
    char dir[128];

    (void)state;
    snprintf(dir, sizeof dir, "%s/keep", tmpdir);
    assert_int_equal(keep_load(&k, dir, 3), 0);
    assert_int_equal(keep_toggle(&k, "2022Z01227", "Chinese scanners", 1), 1);
    keep_visit(&k, "2015Z08452", "Ballast Nedam", 2);
    keep_visit(&k, "2016Z05661", "a", 3);
    keep_visit(&k, "2017Z03712", "b", 4);
    keep_visit(&k, "2018Z00077", "c", 5);    /* pushes the oldest out */
    keep_visit(&k, "2016Z05661", "a", 6);    /* moves to the front */
    keep_visit(&k, "../../etc", "x", 7);     /* not a case number: ignored */
    keep_free(&k);
    assert_int_equal(keep_load(&k, dir, 3), 0);
    assert_int_equal(k.nbm, 1);
    assert_true(keep_is_bookmarked(&k, "2022Z01227"));
    assert_string_equal(k.bm[0].title, "Chinese scanners");
    assert_int_equal(k.nrecent, 3);
    assert_string_equal(k.recent[0].zaak, "2016Z05661");
    assert_string_equal(k.recent[1].zaak, "2018Z00077");
    assert_string_equal(k.recent[2].zaak, "2017Z03712");
    assert_int_equal(keep_toggle(&k, "2022Z01227", NULL, 8), 0);
    assert_false(keep_is_bookmarked(&k, "2022Z01227"));
    keep_free(&k);
}

static void test_kiosk(void **state)
{
    view *v = *state;
    vin in;

    v->cfg.kiosk = 1;
    type(v, "nuctech");
    settle(v);
    key(v, VK_ENTER);
    key(v, VK_ENTER);
    assert_int_equal(v->screen, SC_DOC);
    key(v, VK_QUIT);
    assert_false(v->out.quit);                  /* no way out by ordinary keys */
    memset(&in, 0, sizeof in);
    in.type = VI_IDLE;
    view_input(v, &in);
    assert_int_equal(v->screen, SC_LIST);
    assert_string_equal(v->query.text, "");
    assert_int_equal(v->nback, 0);
    assert_int_equal(v->nfwd, 0);
    assert_int_equal(v->keep.nrecent, 0);
}

static void test_damaged(void **state)
{
    view v;
    vconfig c;
    char bad[160], *paths[1] = { bad };
    FILE *f;

    (void)state;
    snprintf(bad, sizeof bad, "%s/bad.vbk", tmpdir);
    f = fopen(bad, "w");
    assert_non_null(f);
    fputs("not an archive at all, but long enough to look at the header of it", f);
    fclose(f);
    memset(&c, 0, sizeof c);
    assert_int_equal(view_init(&v, &c, &fake, 800, 480), 0);
    assert_int_equal(view_open(&v, paths, 1, NULL, NULL), 0);
    assert_int_equal(v.screen, SC_ERROR);
    assert_non_null(strstr(v.errmsg, "bad.vbk"));
    view_render(&v);
    assert_true(drawn(&v, "bad.vbk"));
    type(&v, "nuctech");                     /* input does nothing harmful */
    key(&v, VK_DOWN);
    assert_int_equal(v.screen, SC_ERROR);
    view_free(&v);
    /* and with no archive at all, the screen that says how to make one */
    assert_int_equal(view_init(&v, &c, &fake, 800, 480), 0);
    assert_int_equal(view_open(&v, NULL, 0, NULL, NULL), 0);
    assert_int_equal(v.screen, SC_NOARCH);
    view_render(&v);
    assert_true(drawn(&v, "vbpack pack"));
    view_free(&v);
}

/* ---- the worker and memory -------------------------------------------- */

/* A page of hits comes as the first screenful and then the rest, in order,
 * with the facets on the first part only. */
static void test_worker_parts(void **state)
{
    char err[256];
    const char *one[1] = {archive};
    wk *w = wk_start(one, 1, NULL, NULL, err, sizeof err);
    wk_req rq;
    wk_result *a, *b;

    (void)state;
    assert_non_null(w);
    memset(&rq, 0, sizeof rq);
    rq.gen = 7;
    snprintf(rq.query, sizeof rq.query, "minister");
    rq.limit = 20;
    rq.first = 5;
    rq.facets = rq.snippets = 1;
    wk_submit(w, &rq);
    assert_true(wk_wait(w, 10000));
    a = wk_take(w);
    b = wk_take(w);
    assert_non_null(a);
    assert_non_null(b);
    assert_null(wk_take(w));
    assert_true(a->total > 20);
    assert_int_equal(a->offset, 0);
    assert_int_equal(a->count, 5);
    assert_true(a->more);
    assert_true(a->nfacets[FMT_FACET_PARTY] > 0);
    assert_non_null(a->hits[4].snippet);
    assert_int_equal(b->gen, 7);
    assert_int_equal(b->offset, 5);
    assert_int_equal(b->count, 15);
    assert_false(b->more);
    assert_int_equal(b->nfacets[FMT_FACET_PARTY], 0);
    assert_non_null(b->hits[14].snippet);
    assert_true(b->hits[0].docno != a->hits[4].docno);
    wk_result_free(a);
    wk_result_free(b);
    /* fewer hits than a screenful: one part */
    snprintf(rq.query, sizeof rq.query, "nuctech");
    wk_submit(w, &rq);
    assert_true(wk_wait(w, 10000));
    a = wk_take(w);
    assert_non_null(a);
    assert_int_equal(a->count, 1);
    assert_false(a->more);
    assert_null(wk_take(w));
    wk_result_free(a);
    wk_stop(w);
}

/* Giving back the archive's mapped pages: the resident memory falls, the
 * archive reads the same afterwards, each handle's map is its own, and
 * memory that is not a tracked map is left alone. */
static void test_vmem(void **state)
{
#ifdef __linux__
    fmt_archive *a, *b;
    fmt_buf t1 = { 0 }, t2 = { 0 };
    char msg[256];
    uint32_t i, n;
    long before, after;
    int fd;
    char *priv;

    (void)state;
    vm_baseline();
    assert_int_equal(fmt_open(&a, archive, msg, sizeof msg), FMT_OK);
    assert_int_equal(vm_track(a, archive), 0);
    /* a private, written copy of the same file: never to be released */
    fd = open(archive, O_RDONLY);
    assert_true(fd >= 0);
    priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    assert_true(priv != MAP_FAILED);
    close(fd);
    priv[0] = 'Q';
    /* a second handle on the same file has a map of its own */
    assert_int_equal(fmt_open(&b, archive, msg, sizeof msg), FMT_OK);
    assert_int_equal(vm_track(b, archive), 0);
    assert_int_equal(vm_track(b, archive), -1);     /* nothing new to find */
    n = fmt_count(a);
    assert_true(n > 10);
    for (i = 0; i < n; i++) {
        assert_int_equal(fmt_get_text(a, i, &t1), FMT_OK);
        assert_int_equal(fmt_get_text(b, i, &t1), FMT_OK);
    }
    before = vm_file_kb();
    assert_true(before > 0);
    /* a and b, and any map earlier tests' readers left of the same file */
    assert_true(vm_release() >= 2);
    after = vm_file_kb();
    assert_true(after < before);
    assert_int_equal(priv[0], 'Q');
    for (i = 0; i < n; i++) {           /* the same bytes come back */
        assert_int_equal(fmt_get_text(a, i, &t1), FMT_OK);
        if (i == n / 2)
            assert_int_equal(fmt_get_text(b, i, &t2), FMT_OK);
    }
    assert_int_equal(fmt_get_text(a, n / 2, &t1), FMT_OK);
    assert_int_equal(t1.len, t2.len);
    assert_memory_equal(t1.data, t2.data, t1.len);
    /* vm_keep gives back only past the budget */
    vm_release();
    vm_budget(1 << 20);
    for (i = 0; i < n; i++)
        assert_int_equal(fmt_get_text(a, i, &t1), FMT_OK);
    assert_int_equal(vm_keep(), 0);
    vm_budget(1);
    assert_int_equal(vm_keep(), 1);
    assert_true(vm_releases() >= 1);
    vm_budget(0);                       /* back to the default */
    /* untracked maps are not released any more */
    vm_untrack(b);
    assert_int_equal(vm_release(), 1);
    vm_untrack(a);
    assert_int_equal(vm_release(), 0);
    munmap(priv, 4096);
    fmt_buf_free(&t1);
    fmt_buf_free(&t2);
    fmt_close(a);
    fmt_close(b);
#else
    (void)state;
    skip();
#endif
}

/* Open every case and run a search many times: nothing may grow. */
static void test_repeat(void **state)
{
    view *v = *state;
    static const char *const zaken[] = { "2022Z01227", "2015Z08452", "2017Z03712",
                                         "2020Z11907", "2014Z07524" };
    size_t cap0 = 0;
    int i;

    for (i = 0; i < 200; i++) {
        assert_int_equal(view_open_zaak(v, zaken[i % 5]), 0);
        view_set_find(v, i % 2 ? "minister" : "");
        view_render(v);
        view_set_query(v, i % 3 ? "minister" : "nuctech");
        settle(v);
        if (i == 20)
            cap0 = v->cs.cap + v->frame.dl.cap + v->frame.hotcap;
    }
    assert_int_equal(v->nback, HIST_MAX);    /* history is bounded */
    assert_int_equal(v->cs.cap + v->frame.dl.cap + v->frame.hotcap, cap0);
}

/* ---- statistics, chrome, help ----------------------------------------- */

/* The first hot zone of act (and arg, unless arg < 0), or NULL. */
static const vhot *find_hot(const view *v, int act, int arg)
{
    size_t i;

    for (i = 0; i < v->frame.nhots; i++)
        if (v->frame.hots[i].act == act && (arg < 0 || v->frame.hots[i].arg == arg))
            return &v->frame.hots[i];
    return NULL;
}

/* The first text run that starts with prefix, or NULL. */
static const char *drawn_prefix(const view *v, const char *prefix)
{
    size_t i;

    for (i = 0; i < v->frame.dl.n; i++) {
        const char *t = v->frame.dl.str + v->frame.dl.c[i].off;
        if (v->frame.dl.c[i].type == DC_TEXT && !strncmp(t, prefix, strlen(prefix)))
            return t;
    }
    return NULL;
}

/* A "+N" chip's text is drawn. */
static int drawn_more(const view *v)
{
    size_t i;

    for (i = 0; i < v->frame.dl.n; i++) {
        const char *t = v->frame.dl.str + v->frame.dl.c[i].off;
        if (v->frame.dl.c[i].type == DC_TEXT && t[0] == '+' && t[1] >= '1' && t[1] <= '9' &&
            strspn(t + 1, "0123456789") == strlen(t + 1))
            return 1;
    }
    return 0;
}

static void pointer_at(view *v, int type, int x, int y, int touch, uint32_t ms)
{
    vin in;

    memset(&in, 0, sizeof in);
    in.type = type;
    in.x = x;
    in.y = y;
    in.touch = touch;
    in.ms = ms;
    view_input(v, &in);
    view_render(v);
}

static void tap(view *v, const vhot *h)
{
    int x, y;

    assert_non_null(h);
    x = h->x + h->w / 2, y = h->y + h->h / 2;
    pointer_at(v, VI_PRESS, x, y, 0, 10);
    pointer_at(v, VI_RELEASE, x, y, 0, 20);
}

static void resize(view *v, int w, int h)
{
    vin in;

    memset(&in, 0, sizeof in);
    in.type = VI_RESIZE;
    in.x = w;
    in.y = h;
    view_input(v, &in);
    view_render(v);
}

/* Help teaches the Dutch operators; kiosk help shows gestures and buttons,
 * not the shortcuts a kiosk disables. */
static void test_help(void **state)
{
    view *v = *state;

    key(v, VK_HELP);
    assert_true(v->help);
    assert_true(drawn(v, "stikstof OF visserij"));
    assert_true(drawn(v, "NIET woord"));
    assert_true(drawn(v, "EN mag"));
    assert_true(drawn(v, "status:open|beantwoord|laat|uitstel"));
    assert_true(drawn(v, "Ctrl+Q"));
    v->cfg.lang = LANG_EN;
    view_render(v);
    assert_true(drawn(v, "stikstof OR visserij"));
    assert_true(drawn(v, "(Dutch: OF)"));
    assert_true(drawn(v, "(Dutch: NIET)"));
    v->cfg.lang = LANG_NL;
    v->cfg.kiosk = 1;
    view_render(v);
    assert_true(drawn(v, "vegen omhoog, omlaag"));
    assert_true(drawn(v, "lang drukken op een knop"));
    assert_true(drawn(v, "stikstof OF visserij"));
    assert_false(drawn(v, "Ctrl+Q"));       /* off in a kiosk */
    assert_false(drawn(v, "F11"));
    assert_false(drawn(v, "Ctrl+"));        /* a kiosk has no keyboard to speak of */
    v->cfg.lang = LANG_EN;
    view_render(v);
    assert_true(drawn(v, "long press on a button"));
    assert_false(drawn(v, "Ctrl+"));
}

/* Icon buttons are named: on hover, and on a long press (which then does
 * not click). */
static void test_tooltips(void **state)
{
    view *v = *state;
    const vhot *h;
    int x, y;

    view_open_zaak(v, "2022Z01227");
    view_render(v);
    assert_false(drawn(v, "Beginscherm"));
    h = find_hot(v, H_BUTTON, B_HOME);
    assert_non_null(h);
    pointer_at(v, VI_MOTION, h->x + 2, h->y + 2, 0, 5);
    assert_true(drawn(v, "Beginscherm"));
    pointer_at(v, VI_MOTION, 400, 400, 0, 6);
    assert_false(drawn(v, "Beginscherm"));
    v->cfg.lang = LANG_EN;
    h = find_hot(v, H_BUTTON, B_BOOKMARK);
    assert_non_null(h);
    pointer_at(v, VI_MOTION, h->x + 2, h->y + 2, 0, 7);
    assert_true(drawn(v, "Bookmark on/off"));
    v->cfg.lang = LANG_NL;
    /* touch: no hover; a press held 500 ms shows the name, and lets go
     * without acting */
    h = find_hot(v, H_BUTTON, B_HELP);
    assert_non_null(h);
    x = h->x + h->w / 2, y = h->y + h->h / 2;
    pointer_at(v, VI_PRESS, x, y, 1, 1000);
    assert_true(v->out.wake_ms >= 1500);
    pointer_at(v, VI_TICK, 0, 0, 0, 1200);
    assert_false(drawn(v, "Hulp"));
    pointer_at(v, VI_TICK, 0, 0, 0, 1510);
    assert_true(drawn(v, "Hulp"));
    pointer_at(v, VI_RELEASE, x, y, 1, 1600);
    assert_false(v->help);
    assert_true(drawn(v, "Hulp"));          /* it stays until the next press */
    pointer_at(v, VI_PRESS, x, y, 1, 2000); /* a short tap acts */
    pointer_at(v, VI_RELEASE, x, y, 1, 2050);
    assert_true(v->help);
}

/* 800x480 at 150% and 250%: chips that do not fit become "+N" (a tap shows
 * them all), the search field keeps its room, buttons that do not fit are
 * in a menu with their names. */
static void test_small(void **state)
{
    view *v = *state;
    const vhot *f;
    size_t i;
    int z;

    for (z = 0; z < 3; z++)                 /* 100 -> 150% */
        key(v, VK_ZOOM_IN);
    type(v, "minister");
    settle(v);
    assert_true(v->frame.nchips > v->frame.chips_shown[MORE_FACETS]);
    assert_true(drawn_more(v));
    for (i = 0; i < v->frame.nhots; i++)    /* no chip runs off the window */
        if (v->frame.hots[i].act == H_CHIP)
            assert_true(v->frame.hots[i].x + v->frame.hots[i].w <= v->w);
    tap(v, find_hot(v, H_MORE, MORE_FACETS));
    assert_int_equal(v->frame.chips_shown[MORE_FACETS], v->frame.nchips);
    assert_false(drawn_more(v));
    assert_true(drawn(v, "minder"));

    for (z = 0; z < 3; z++)                 /* 250% */
        key(v, VK_ZOOM_IN);
    view_render(v);
    f = find_hot(v, H_FIELD, 0);
    assert_non_null(f);
    assert_true(f->w >= 8 * v->px);         /* 16 letters of the test font */
    assert_null(find_hot(v, H_BUTTON, B_ABOUT));
    tap(v, find_hot(v, H_BUTTON, B_MENU));
    assert_true(v->menu);
    assert_true(drawn(v, "Over de archieven"));
    tap(v, find_hot(v, H_BUTTON, B_ABOUT));
    assert_false(v->menu);
    assert_int_equal(v->screen, SC_ABOUT);

    view_set_query(v, "");                  /* home: the year chips */
    view_go_home(v);
    view_render(v);
    assert_true(drawn_more(v));
    tap(v, find_hot(v, H_MORE, MORE_YEARS));
    assert_true(v->more[MORE_YEARS]);
    assert_false(drawn_more(v));
    assert_true(drawn(v, "minder"));
    assert_true(drawn(v, "2014"));          /* the oldest year of the samples */
    tap(v, find_hot(v, H_MORE, MORE_YEARS));
    assert_false(v->more[MORE_YEARS]);
}

/* Statistics: whole names, every year, bars that say what they span, and
 * one span and scale for the side pane and the page. */
static void test_stats(void **state)
{
    view *v = *state;
    const wk_result *r;
    char side[128], smax[64], name[64];
    const char *t;
    size_t i;
    int y;

    resize(v, 1200, 700);                   /* a side pane */
    settle(v);
    r = v->home;
    assert_non_null(r);
    assert_true(r->nmonths > 0);
    t = drawn_prefix(v, "Vragen per ");
    assert_non_null(t);
    snprintf(side, sizeof side, "%s", t);
    t = drawn_prefix(v, "hoogste staaf: ");
    assert_non_null(t);
    snprintf(smax, sizeof smax, "%s", t);
    key(v, VK_STATS);
    assert_int_equal(v->screen, SC_STATS);
    assert_true(drawn(v, side));            /* the same span ... */
    assert_true(drawn(v, smax));            /* ... and the same scale */
    resize(v, 1200, 4000);                  /* the whole page at once */
    for (y = r->months[0] / 100; y <= r->months[r->nmonths - 1] / 100; y++) {
        snprintf(name, sizeof name, "%d", y);
        assert_true(drawn(v, name));        /* every year */
    }
    for (i = 0; i < r->nfacets[FMT_FACET_ADDRESSEE]; i++) {
        /* every name whole: its first and last words drawn, no "…" */
        const char *n = r->facets[FMT_FACET_ADDRESSEE][i].value, *sp = strchr(n, ' ');
        const char *last = strrchr(n, ' ');
        snprintf(name, sizeof name, "%.*s", (int)(sp ? sp - n : (long)strlen(n)), n);
        assert_true(drawn(v, name));
        if (last && !drawn(v, last + 1))
            fail_msg("%s: \"%s\" not drawn", n, last + 1);
    }
    for (i = 0; i < v->frame.dl.n; i++)     /* below the top bar (its hint ends in one) */
        if (v->frame.dl.c[i].type == DC_TEXT && v->frame.dl.c[i].y >= v->frame.list_top)
            assert_null(strstr(v->frame.dl.str + v->frame.dl.c[i].off, "\xe2\x80\xa6"));
    /* narrow: months merge, and the title says so */
    resize(v, 300, 480);
    assert_null(drawn_prefix(v, "Vragen per maand"));
    assert_non_null(drawn_prefix(v, "Vragen per twee maanden"));
    resize(v, 200, 480);
    assert_non_null(drawn_prefix(v, "Vragen per kwartaal"));
    v->cfg.lang = LANG_EN;
    view_render(v);
    assert_non_null(drawn_prefix(v, "Questions per quarter"));
    /* the page scrolls to its end, not past it */
    view_scroll(v, 100000);
    view_render(v);
    assert_true(v->sscroll > 0);
    assert_true(v->sscroll <= v->frame.page_h);
    assert_true(drawn(v, "2014"));
}

/* Each view test runs its set-up, body and tear-down inside one cmocka
 * test, not as cmocka fixtures: cmocka swaps the SIGSEGV handler around
 * every fixture, and the archive library's fault guard needs its own
 * handler in place whenever a thread reads, while the view's worker may
 * still be searching when a fixture ends. Inside one test there is no swap
 * while a view lives. */
static void view_run(void **state, void (*fn)(void **))
{
    void *st = NULL;

    (void)state;
    assert_int_equal(view_setup(&st), 0);
    fn(&st);
    view_teardown(&st);
}

#define VIEW_TEST(fn) \
    static void fn##_v(void **state) { view_run(state, fn); }
VIEW_TEST(test_browse)
VIEW_TEST(test_jump)
VIEW_TEST(test_search)
VIEW_TEST(test_paging_results)
VIEW_TEST(test_chips)
VIEW_TEST(test_thread)
VIEW_TEST(test_find)
VIEW_TEST(test_history)
VIEW_TEST(test_click)
VIEW_TEST(test_touch)
VIEW_TEST(test_kiosk)
VIEW_TEST(test_repeat)
VIEW_TEST(test_help)
VIEW_TEST(test_tooltips)
VIEW_TEST(test_small)
VIEW_TEST(test_stats)

int main(void)
{
    fmt_guard_start();    /* as the reader does */
    fmt_snippets_start();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_browse_v),
        cmocka_unit_test(test_jump_v),
        cmocka_unit_test(test_search_v),
        cmocka_unit_test(test_paging_results_v),
        cmocka_unit_test(test_chips_v),
        cmocka_unit_test(test_thread_v),
        cmocka_unit_test(test_find_v),
        cmocka_unit_test(test_history_v),
        cmocka_unit_test(test_click_v),
        cmocka_unit_test(test_touch_v),
        cmocka_unit_test(test_keep),
        cmocka_unit_test(test_kiosk_v),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_repeat_v),
        cmocka_unit_test(test_help_v),
        cmocka_unit_test(test_tooltips_v),
        cmocka_unit_test(test_small_v),
        cmocka_unit_test(test_stats_v),
        cmocka_unit_test(test_worker_parts),
        cmocka_unit_test(test_vmem),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
