/* test_vcase.c - the case screen (reader/vcase.c and its input and
 * drawing): footnote markers as links to their note and back, each note
 * listed once under its document, damaged documents shown in place, the
 * official addresses and copying them or a paragraph, and the touch
 * controls with their labels.
 *
 * The archive is the samples plus three documents made here: an answer
 * to 2022Z01227 (it repeats the question's first note and has one of its
 * own), and a question whose footnote marks come in every form the
 * sources use. The damage tests flip a byte in a copy of the archive, in
 * the middle of one document's record (see tests/test_damage.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "parse.h"
#include "source.h"
#include "layout.h"
#include "view.h"
#include "vpriv.h"
#include "vcase.h"
#include "testlib.h"

static char tmpdir[64];
static char archive[128];

#include "fakefont.h"

/* ---- the archive ----------------------------------------------------- */

#define NOTE1 "RTL Nieuws, 22 januari 2022, «Chinese douanescanners Schiphol en " \
    "Rotterdamse haven onder vuur: «Dit is onbegrijpelijk»», <https://www.rtlnieuws.nl/" \
    "economie/bedrijven/artikel/5282733/nuctech-china-douanescanner-schiphol-haven-" \
    "rotterdam-spionage>"

static const char answer_text[] =
    "Vragen van de leden Palland, Inge van Dijk en Amhaouch (allen CDA) aan de Minister "
    "van Justitie en Veiligheid over het bericht «Chinese douanescanners» (ingezonden "
    "26 januari 2022).\n\n"
    "Antwoord van Minister Yeşilgöz-Zegerius (Justitie en Veiligheid) (ontvangen "
    "20 februari 2022).\n\n"
    "Vraag 1\n\nBent u bekend met het bericht?¹\n\n"
    "Antwoord 1\n\nJa. Zie ook de brief.²\n\n"
    "¹ " NOTE1 "\n\n"
    "² Kamerstuk 12 345, nr. 6, <https://example.org/brief>\n";

static const char marks_text[] =
    "Vragen van het lid Bromet (GroenLinks) aan de Minister van Landbouw over de "
    "veehouderij (ingezonden 4 juli 2023).\n\n"
    "Vraag 1\n\nWat vindt u van de veehouderij?1 En van CO2 en de brief van 3.2 mei?\n\n"
    "Vraag 2\n\nKent u het rapport [2] en de cijfers^{3 4}? Zie stuk 2019–2 van dit jaar.\n\n"
    "1 Eerste bron.\n\n"
    "[2] Tweede bron.\n\n"
    "^{3} Derde bron.\n\n"
    "^{4} Vierde bron.\n";

static void add_doc_subject(fmt_writer *w, const char *id, const char *text, const char *zaak,
                            const char *subject)
{
    fmt_doc d;

    memset(&d, 0, sizeof d);
    assert_int_equal(fmt_doc_set_text(&d, text, strlen(text)), 0);
    assert_int_equal(fmt_doc_set_str(&d.id, id, (size_t)-1), 0);
    assert_int_equal(fmt_doc_set_str(&d.source, id, (size_t)-1), 0);
    assert_int_equal(parse_doc(&d, id), 0);
    if (subject)      /* more than the packer reads: as a forged archive */
        assert_int_equal(fmt_doc_set_str(&d.subject, subject, (size_t)-1), 0);
    if (zaak)
        snprintf(d.zaak, sizeof d.zaak, "%s", zaak);
    assert_int_equal(fmt_writer_add(w, &d), FMT_OK);
    fmt_doc_free(&d);
}

static void add_doc(fmt_writer *w, const char *id, const char *text, const char *zaak)
{
    add_doc_subject(w, id, text, zaak, NULL);
}

/* A question holding one unbroken token of LONG_TOKEN bytes (a PDF
 * extraction's base64), a word to find after it and a footnote below. */
#define LONG_TOKEN 300000
#define LONG_SUBJECT 200000
static void add_long_doc(fmt_writer *w)
{
    static const char head[] =
        "Vragen van het lid Jansen (VVD) aan de Minister van Financien over een lange "
        "regel (ingezonden 1 maart 2021).\n\nVraag 1\n\nWat is dit?\xc2\xb9 ";
    static const char tail[] = " zoekwoord einde.\n\n\xc2\xb9 Eerste bron.\n";
    size_t n = sizeof head - 1, i;
    char *s = malloc(n + LONG_TOKEN + sizeof tail);

    assert_non_null(s);
    memcpy(s, head, n);
    for (i = 0; i < LONG_TOKEN; i++)
        s[n + i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[i * 7 % 62];
    memcpy(s + n + LONG_TOKEN, tail, sizeof tail);
    add_doc(w, "kv-tk-2023Z88888", s, "2023Z88888");
    /* and the newest question of all, with a subject of 1 MB of words */
    {
        static const char q[] =
            "Vragen van het lid Jansen (VVD) aan de Minister van Financien over een lang "
            "onderwerp (ingezonden 1 maart 2030).\n\nVraag 1\n\nWat is dit?\n";
        static const char word[] = "onderwerp ";
        for (i = 0; i + sizeof word <= LONG_SUBJECT; i += sizeof word - 1)
            memcpy(s + i, word, sizeof word - 1);
        s[i] = '\0';
        add_doc_subject(w, "kv-tk-2030Z77777", q, "2030Z77777", s);
    }
    free(s);
}

static int group_setup(void **state)
{
    fmt_writer *w;
    fmt_writer_opts o;
    char msg[256];

    (void)state;
    if (tl_tmpdir(tmpdir, sizeof tmpdir, "vbvcase"))
        return -1;
    snprintf(archive, sizeof archive, "%s/s.vbk", tmpdir);
    memset(&o, 0, sizeof o);
    if (fmt_writer_open(&w, archive, &o) != FMT_OK)
        return -1;
    if (src_walk("samples", tl_add_source, NULL, w) != 0) {
        fmt_writer_abort(w);
        return -1;
    }
    add_doc(w, "ah-tk-20212022-9999", answer_text, "2022Z01227");
    add_doc(w, "kv-tk-2023Z99999", marks_text, "2023Z99999");
    add_long_doc(w);
    return fmt_writer_finish(w, msg, sizeof msg) == FMT_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    return tl_rmrf(tmpdir);
}

static view *open_view(const char *path, int w, int h, int copy)
{
    view *v = calloc(1, sizeof *v);
    vconfig c;
    char *paths[1];

    paths[0] = (char *)path;
    memset(&c, 0, sizeof c);
    c.copy_allowed = copy;
    assert_non_null(v);
    assert_int_equal(view_init(v, &c, &fake, w, h), 0);
    assert_int_equal(view_open(v, paths, 1, NULL, NULL), 1);
    view_render(v);
    return v;
}

static void close_view(view *v)
{
    view_free(v);
    free(v);
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

/* A press at (x, y) at time ms and its release at ms + held. */
static void press(view *v, int x, int y, uint32_t ms, uint32_t held, int touch, int right)
{
    vin in;

    memset(&in, 0, sizeof in);
    in.type = VI_PRESS;
    in.x = x;
    in.y = y;
    in.ms = ms;
    in.touch = touch;
    in.key = right;
    view_input(v, &in);
    in.type = VI_RELEASE;
    in.ms = ms + held;
    in.key = 0;
    view_input(v, &in);
    view_render(v);
}

static int drawn(const view *v, const char *s)
{
    size_t i;

    for (i = 0; i < v->frame.dl.n; i++)
        if (v->frame.dl.c[i].type == DC_TEXT && strstr(v->frame.dl.str + v->frame.dl.c[i].off, s))
            return 1;
    return 0;
}

/* The hot zone of button b, NULL when not drawn. */
static const vhot *button(const view *v, int b)
{
    size_t i;

    for (i = 0; i < v->frame.nhots; i++)
        if (v->frame.hots[i].act == H_BUTTON && v->frame.hots[i].arg == b)
            return &v->frame.hots[i];
    return NULL;
}

static size_t blocks_with(const view *v, int type, const char *s)
{
    size_t i, n = 0;

    for (i = 0; i < v->cs.n; i++)
        n += v->cs.b[i].type == type && (!s || (v->cs.b[i].t.text && strstr(v->cs.b[i].t.text, s)));
    return n;
}

/* The link of kind k whose text is s (NULL: any), -1 if none. */
static long link_of(const view *v, int k, const char *s)
{
    size_t i;

    for (i = 0; i < v->cs.nlinks; i++) {
        const tspan *l = &v->cs.links[i];
        const char *t = v->cs.b[l->block].t.text + l->off;
        if (v->cs.ltgt[i].kind == k && (!s || (strlen(s) == l->len && !strncmp(t, s, l->len))))
            return (long)i;
    }
    return -1;
}

/* ---- footnotes -------------------------------------------------------- */

static void test_notes_once(void **state)
{
    view *v = open_view(archive, 800, 480, 1);

    (void)state;
    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    assert_int_equal(v->cs.ndocs, 2);
    /* the answer repeats note 1 of the question: it is listed once, under
     * the questions; the answer's own note under the answer */
    assert_int_equal(blocks_with(v, TB_NOTE, "RTL Nieuws"), 1);
    assert_int_equal(blocks_with(v, TB_NOTE, NULL), 5);
    assert_int_equal(blocks_with(v, TB_HEAD, "Voetnoten bij de vragen"), 1);
    assert_int_equal(blocks_with(v, TB_HEAD, "Voetnoten bij het antwoord"), 1);
    {
        size_t i, ans = 0, q = 0, k;
        for (i = 0; i < v->cs.n; i++) {
            if (v->cs.b[i].type != TB_HEAD || !v->cs.b[i].t.text)
                continue;
            if (strstr(v->cs.b[i].t.text, "bij de vragen"))
                q = i;
            if (strstr(v->cs.b[i].t.text, "bij het antwoord"))
                ans = i;
        }
        assert_true(q > 0 && ans > q);
        for (k = q + 1; k < ans; k++)
            assert_null(strstr(v->cs.b[k].t.text, "Kamerstuk 12 345"));
        assert_non_null(strstr(v->cs.b[ans + 1].t.text, "Kamerstuk 12 345"));
    }
    close_view(v);
}

static void test_marker_follow(void **state)
{
    view *v = open_view(archive, 800, 480, 1);
    long m;
    int64_t at;
    const tspan *l;

    (void)state;
    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    /* the ¹ after question 1 is a link to note 1, set apart from the word */
    m = link_of(v, LK_NOTE, "\xc2\xb9");
    assert_true(m >= 0);
    l = &v->cs.links[m];
    assert_int_equal(v->cs.b[l->block].type, TB_PARA);
    assert_true(v->cs.b[v->cs.ltgt[m].arg].type == TB_NOTE);
    assert_non_null(strstr(v->cs.b[v->cs.ltgt[m].arg].t.text, "RTL Nieuws"));
    /* ^{3 4} in question 12: two markers, superscript */
    {
        long m3 = link_of(v, LK_NOTE, "3"), m4 = link_of(v, LK_NOTE, "4");
        assert_true(m3 >= 0 && m4 >= 0);
        l = &v->cs.links[m3];
        assert_true(v->cs.b[l->block].t.attr[l->off] & LA_SUP);
    }
    /* Tab to the marker, Enter: the note is on screen, its ↩ focused */
    at = v->cs.scroll;
    while (v->cs.link_sel != m)
        key(v, VK_TAB);
    key(v, VK_ENTER);
    assert_null(v->out.clip);              /* following copies nothing */
    assert_true(v->cs.scroll > at + 200);
    assert_true(v->cs.link_sel >= 0);
    assert_int_equal(v->cs.ltgt[v->cs.link_sel].kind, LK_BACK);
    assert_true(drawn(v, "RTL Nieuws"));
    /* ↩ (Enter) goes back to the marker */
    key(v, VK_ENTER);
    assert_int_equal(v->cs.link_sel, m);
    assert_true(v->cs.scroll <= at + 40);
    /* and Esc after following a marker returns too, staying in the case */
    key(v, VK_ENTER);
    assert_true(v->cs.scroll > at + 200);
    key(v, VK_ESCAPE);
    assert_int_equal(v->screen, SC_DOC);
    assert_int_equal(v->cs.link_sel, m);
    assert_true(v->cs.scroll <= at + 40);
    close_view(v);
}

static void test_marker_forms(void **state)
{
    view *v = open_view(archive, 800, 480, 1);
    size_t i;
    long m;

    (void)state;
    assert_int_equal(view_open_zaak(v, "2023Z99999"), 0);
    view_render(v);
    /* "veehouderij?1": a marker, drawn apart (superscript), not "CO2" or "3.2" */
    for (i = 0; i < v->cs.n && !(v->cs.b[i].t.text && strstr(v->cs.b[i].t.text, "veehouderij?")); i++)
        ;
    assert_true(i < v->cs.n);
    {
        const lay_text *t = &v->cs.b[i].t;
        const char *p = strstr(t->text, "veehouderij?1");
        const char *co = strstr(t->text, "CO2"), *d = strstr(t->text, "3.2");
        assert_non_null(p);
        assert_true(t->attr[p + 12 - t->text] & LA_SUP);
        assert_true(t->attr[p + 12 - t->text] & LA_LINK);
        assert_false(t->attr[p + 11 - t->text] & LA_LINK);
        assert_non_null(co);
        assert_false(t->attr[co + 2 - t->text] & (LA_LINK | LA_SUP));
        assert_non_null(d);
        assert_false(t->attr[d + 2 - t->text] & LA_LINK);
    }
    /* a range "2019–2" is no marker */
    for (i = 0; i < v->cs.n && !(v->cs.b[i].t.text && strstr(v->cs.b[i].t.text, "2019\xe2\x80\x93")); i++)
        ;
    assert_true(i < v->cs.n);
    {
        const lay_text *t = &v->cs.b[i].t;
        const char *p = strstr(t->text, "2019\xe2\x80\x93");
        assert_false(t->attr[p + 7 - t->text] & (LA_LINK | LA_SUP));
    }
    /* [2] and ^{3 4} lead to their notes */
    for (i = 1; i <= 4; i++) {
        char mk[4];
        snprintf(mk, sizeof mk, "%zu", i);
        m = link_of(v, LK_NOTE, mk);
        assert_true(m >= 0);
        assert_int_equal(v->cs.b[v->cs.ltgt[m].arg].type, TB_NOTE);
        assert_true(v->cs.b[v->cs.ltgt[m].arg].t.text[0] == mk[0]);
    }
    assert_int_equal(blocks_with(v, TB_NOTE, NULL), 4);
    close_view(v);
}

/* ---- official addresses and copying ----------------------------------- */

static void test_official(void **state)
{
    char u[256];
    view *v;
    long m;

    (void)state;
    assert_int_equal(case_official_url("kv-tk-2022Z02011", NULL, "", u, sizeof u), 1);
    assert_string_equal(u, "https://zoek.officielebekendmakingen.nl/kv-tk-2022Z02011.html");
    assert_int_equal(case_official_url("pdf-ah-tk-20222023-3649", NULL, "", u, sizeof u), 1);
    assert_string_equal(u, "https://zoek.officielebekendmakingen.nl/ah-tk-20222023-3649.html");
    assert_int_equal(case_official_url("x", "ah-tk-20142015-1365", "", u, sizeof u), 1);
    assert_string_equal(u, "https://zoek.officielebekendmakingen.nl/ah-tk-20142015-1365.html");
    assert_int_equal(case_official_url("tk-2020D22723", NULL, "2020Z10454", u, sizeof u), 1);
    assert_string_equal(u, "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2020Z10454&did=2020D22723");
    assert_int_equal(case_official_url("2022Z01227", NULL, "2022Z01227", u, sizeof u), 0);
    assert_int_equal(case_official_url("kv-tk-../../x", NULL, "", u, sizeof u), 0);
    assert_int_equal(case_zaak_url("2022Z01227", u, sizeof u), 1);
    assert_string_equal(u, "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2022Z01227");

    v = open_view(archive, 800, 480, 1);
    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    assert_true(drawn(v, "Bronnen"));
    m = link_of(v, LK_URL, "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2022Z01227");
    assert_true(m >= 0);
    m = link_of(v, LK_URL, "https://zoek.officielebekendmakingen.nl/ah-tk-20212022-9999.html");
    assert_true(m >= 0);
    while (v->cs.link_sel != m)
        key(v, VK_TAB);
    key(v, VK_ENTER);
    assert_non_null(v->out.clip);
    assert_string_equal(v->out.clip, "https://zoek.officielebekendmakingen.nl/ah-tk-20212022-9999.html");
    /* the ❐ after a heading copies the paragraph under it */
    m = link_of(v, LK_COPY, NULL);
    assert_true(m >= 0);
    while (v->cs.link_sel != m)
        key(v, VK_TAB);
    key(v, VK_ENTER);
    assert_string_equal(v->out.clip, v->cs.b[v->cs.ltgt[m].arg].t.text);
    assert_int_equal(v->cs.b[v->cs.ltgt[m].arg].type, TB_PARA);
    assert_non_null(strstr(v->out.clip, "Bent u bekend met het bericht"));
    close_view(v);

    /* kiosk: the address is shown, the clipboard untouched */
    v = open_view(archive, 800, 480, 0);
    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    m = link_of(v, LK_URL, "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2022Z01227");
    while (v->cs.link_sel != m)
        key(v, VK_TAB);
    key(v, VK_ENTER);
    assert_null(v->out.clip);
    assert_non_null(strstr(v->toast, "detail?id=2022Z01227"));
    close_view(v);
}

/* A long press, or a right click, on a paragraph copies it. */
static void test_copy_paragraph(void **state)
{
    view *v = open_view(archive, 800, 480, 1);
    size_t i;
    int y, k;

    (void)state;
    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    for (i = 0; i < v->cs.n; i++)
        if (v->cs.b[i].type == TB_PARA && v->cs.b[i].t.text && strstr(v->cs.b[i].t.text, "26 van de 27"))
            break;
    assert_true(i < v->cs.n);
    y = v->frame.doc_top + v->px - (int)v->cs.scroll + v->cs.b[i].y + v->cs.b[i].ptop + 2;
    assert_true(y < v->frame.doc_bottom);
    for (k = 0; k < 2; k++) {
        free(v->out.clip);
        v->out.clip = NULL;
        press(v, 300, y, 1000, k ? 20 : 700, !k, k);
        assert_int_equal(v->screen, SC_DOC);
        assert_non_null(v->out.clip);
        assert_string_equal(v->out.clip, v->cs.b[i].t.text);
    }
    /* a short tap is no copy */
    free(v->out.clip);
    v->out.clip = NULL;
    press(v, 300, y, 5000, 50, 1, 0);
    assert_null(v->out.clip);
    close_view(v);
}

/* ---- damage ------------------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Write a copy of the archive with a byte flipped in the middle of the
 * record of each id in ids (the one chunk of records: 'C', n, n + 1 u32
 * BE offsets, the records, each starting with 'R'). */
static void damage(const char *out, const char *const *ids, size_t nids)
{
    fmt_archive *a;
    char msg[300];
    size_t len, i, at = 0, count = 0, head;
    unsigned char *b = tl_slurp(archive, &len);
    uint32_t n, d;
    FILE *f;

    assert_int_equal(fmt_open(&a, archive, msg, sizeof msg), FMT_OK);
    n = fmt_count(a);
    assert_true(n < 64);
    head = 2 + 4 * ((size_t)n + 1);
    for (i = 0; i + head < len; i++)
        if (b[i] == 'C' && b[i + 1] == n && be32(b + i + 2) == 0 && b[i + head] == 'R') {
            at = i;
            count++;
        }
    assert_int_equal(count, 1);
    for (i = 0; i < nids; i++) {
        uint32_t o0, o1;
        assert_int_equal(fmt_find(a, ids[i], &d), FMT_OK);
        o0 = be32(b + at + 2 + 4 * d);
        o1 = be32(b + at + 2 + 4 * (d + 1));
        assert_true(o1 > o0 + 40);
        b[at + head + o0 + (o1 - o0) / 2] ^= 0x55;
    }
    fmt_close(a);
    f = fopen(out, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    fclose(f);
    free(b);
}

static void test_damaged_answer(void **state)
{
    char bad[160];
    const char *ids[1] = { "ah-tk-20212022-9999" };
    view *v;
    size_t i;

    (void)state;
    snprintf(bad, sizeof bad, "%s/answer.vbk", tmpdir);
    damage(bad, ids, 1);
    v = open_view(bad, 1024, 640, 1);
    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    assert_int_equal(v->screen, SC_DOC);
    assert_int_equal(v->cs.ndocs, 2);
    assert_int_equal(v->cs.ndamaged, 1);
    for (i = 0; i < v->cs.ndocs; i++)
        assert_int_equal(v->cs.docs[i].damaged, v->cs.docs[i].kind == FMT_ANSWER);
    /* the questions are all there, and the answer's place says it is damaged */
    assert_true(drawn(v, "Vraag 1"));
    assert_true(view_question_y(v, 15) > 0);
    assert_int_equal(blocks_with(v, TB_HEAD, "Antwoord \xe2\x80\x94 beschadigd in dit archief"), 1);
    assert_int_equal(blocks_with(v, TB_PARA, "ah-tk-20212022-9999"), 1);
    /* its official address is still given */
    assert_true(link_of(v, LK_URL, "https://zoek.officielebekendmakingen.nl/ah-tk-20212022-9999.html") >= 0);
    close_view(v);
}

static void test_damaged_all(void **state)
{
    char bad[160];
    const char *ids[2] = { "ah-tk-20212022-9999", "2022Z01227" };
    view *v;

    (void)state;
    snprintf(bad, sizeof bad, "%s/all.vbk", tmpdir);
    damage(bad, ids, 2);
    v = open_view(bad, 800, 480, 1);
    v->cfg.lang = LANG_EN;
    assert_int_equal(view_jump(v, "2022Z01227"), 0);
    view_render(v);
    assert_int_equal(v->screen, SC_DOC);
    assert_int_equal(v->cs.ndamaged, 2);
    assert_null(strstr(v->toast, "not in this archive"));
    /* the header from the summaries, then a block for each document */
    assert_string_equal(v->cs.zaak, "2022Z01227");
    assert_non_null(strstr(v->cs.title, "Chinese douanescanners"));
    assert_true(drawn(v, "Chinese douanescanners"));
    assert_true(drawn(v, "Palland"));
    assert_int_equal(blocks_with(v, TB_HEAD, "Questions \xe2\x80\x94 damaged in this archive"), 1);
    assert_int_equal(blocks_with(v, TB_HEAD, "Answer \xe2\x80\x94 damaged in this archive"), 1);
    assert_true(drawn(v, "damaged in this archive"));
    close_view(v);
}

/* ---- touch controls ----------------------------------------------------- */

static void test_controls(void **state)
{
    view *v = open_view(archive, 800, 480, 1);
    const vhot *h;
    vin in;
    int z;

    (void)state;
    assert_null(button(v, B_FIND_OPEN));      /* the case screen's own */
    assert_int_equal(view_open_zaak(v, "2022Z01227"), 0);
    view_render(v);
    assert_non_null(button(v, B_ZOOM_IN));
    assert_non_null(button(v, B_ZOOM_OUT));
    assert_non_null(button(v, B_JUMP));
    /* a tap on find opens the find bar */
    h = button(v, B_FIND_OPEN);
    assert_non_null(h);
    press(v, h->x + h->w / 2, h->y + h->h / 2, 1000, 60, 1, 0);
    assert_int_equal(v->focus, FO_FIND);
    key(v, VK_ESCAPE);
    /* zoom in and out */
    z = v->zoom;
    h = button(v, B_ZOOM_IN);
    press(v, h->x + h->w / 2, h->y + h->h / 2, 2000, 60, 1, 0);
    assert_int_equal(v->zoom, z + 1);
    h = button(v, B_ZOOM_OUT);
    assert_non_null(h);
    press(v, h->x + h->w / 2, h->y + h->h / 2, 3000, 60, 1, 0);
    assert_int_equal(v->zoom, z);
    /* go to a case */
    h = button(v, B_JUMP);
    press(v, h->x + h->w / 2, h->y + h->h / 2, 4000, 60, 1, 0);
    assert_int_equal(v->focus, FO_JUMP);
    key(v, VK_ESCAPE);
    /* a long press shows the label and does not act */
    h = button(v, B_ZOOM_IN);
    z = v->zoom;
    press(v, h->x + h->w / 2, h->y + h->h / 2, 5000, 800, 1, 0);
    assert_int_equal(v->zoom, z);
    assert_int_equal(v->tip, S_CS_TIP_ZOOM_IN);
    assert_true(drawn(v, "Grotere letters"));
    memset(&in, 0, sizeof in);
    in.type = VI_TICK;
    in.ms = 5800 + 3000;
    view_input(v, &in);
    view_render(v);
    assert_int_equal(v->tip, 0);
    assert_false(drawn(v, "Grotere letters"));
    /* the mouse resting on a button shows its label */
    h = button(v, B_FIND_OPEN);
    memset(&in, 0, sizeof in);
    in.type = VI_MOTION;
    in.x = h->x + 2;
    in.y = h->y + 2;
    in.ms = 9000;
    view_input(v, &in);
    view_render(v);
    assert_true(drawn(v, "Zoek in deze zaak"));
    v->cfg.lang = LANG_EN;
    view_render(v);
    assert_true(drawn(v, "Find in this case"));
    close_view(v);
}

/* ---- a long case, laid out in slices (issue 13, #1) ------------------- */

/* Opening a case of one 300,000-byte token lays it out a slice at a time:
 * each slice measures about its budget (the old layout measured all of
 * it in one frame: 0.6 s at 500 KB, 2.3 s at 2 MB with SDL_ttf), what is
 * laid out is drawn with a word that the rest is coming, a find whose
 * match is not laid out yet is shown once it is, and the end result is
 * the one-shot layout. */
static void test_long_case(void **state)
{
    view *v = open_view(archive, 800, 480, 1);
    size_t steps = 0, i, tok = 0;
    int h = 0, y;

    (void)state;
    assert_int_equal(view_open_zaak(v, "2023Z88888"), 0);
    assert_true(case_layout_pending(&v->cs));
    assert_true(view_pending(v) && view_busy(v));
    for (i = 0; i < v->cs.n; i++)
        if (v->cs.b[i].t.len > LONG_TOKEN)
            tok = i;
    assert_true(tok > 0);
    /* find a word after the token: its place is not known yet */
    view_set_find(v, "zoekwoord");
    assert_int_equal(v->cs.nfound, 1);
    assert_int_equal(v->cs.scroll, 0);
    assert_true(v->cs.want_on);
    for (;;) {
        unsigned long long before = fake_measured;
        int done = case_layout_step(v, 4096);
        steps++;
        /* the budget and a line's worth (a line holds 100 characters) */
        assert_true(fake_measured - before <= 4096 + 2000);
        assert_true(v->cs.height >= h);
        h = v->cs.height;
        if (steps == 3) {
            /* half laid out: the start of the token is drawn, and a quiet
             * word that the rest is coming */
            assert_int_equal(v->cs.lay_next, tok);
            render_frame(v);
            assert_true(drawn(v, "AHOVcjqx"));
            assert_true(drawn(v, "nog opgemaakt"));
        }
        if (done)
            break;
        assert_true(steps < 100000);
    }
    assert_true(steps > 100);
    assert_false(view_pending(v));
    /* the same as laying out each block in one go */
    for (i = 0; i < v->cs.n; i++) {
        const tblock *b = &v->cs.b[i];
        lay_box one;
        size_t k;
        if (b->type == TB_CHIPS || b->type == TB_RULE)
            continue;
        memset(&one, 0, sizeof one);
        lay_wrap(&one, &b->t, v->cs.laid_w - 2 * b->indent, style_px(v, b->pxc), 0, &fake);
        assert_int_equal(one.nlines, b->box.nlines);
        assert_int_equal(one.nsegs, b->box.nsegs);
        assert_int_equal(one.height, b->box.height);
        for (k = 0; k < one.nlines; k++) {
            assert_int_equal(one.lines[k].y, b->box.lines[k].y);
            assert_int_equal(one.lines[k].off, b->box.lines[k].off);
            assert_int_equal(one.lines[k].end, b->box.lines[k].end);
        }
        lay_box_free(&one);
    }
    /* the next frame shows the match it waited for */
    view_render(v);
    assert_false(v->cs.want_on);
    y = case_span_y(v, &v->cs.found[v->cs.curfound]);
    assert_true(y > v->cs.height / 2);
    assert_true(y >= v->cs.scroll && y < v->cs.scroll + 480);
    assert_true(drawn(v, "zoekwoord"));
    assert_false(drawn(v, "nog opgemaakt"));
    close_view(v);
}

/* One-line fields measure what they can show: the home screen lists a
 * question whose subject is 200,000 bytes (a forged archive's: the packer
 * reads 4,096), and a frame measures a few kB for it, not all of it
 * (SDL_ttf: a microsecond a byte, in every frame). */
static void test_long_subject(void **state)
{
    view *v = open_view(archive, 800, 480, 1);
    unsigned long long before;

    (void)state;
    assert_int_equal(v->screen, SC_LIST);
    before = fake_measured;
    view_render(v);
    printf("  a frame of the list measured %llu bytes\n", fake_measured - before);
    assert_true(drawn(v, "nderwerp onderwerp onderwerp"));
    assert_true(fake_measured - before < 50000);
    close_view(v);
}

/* Scrolling stays within what is laid out; a footnote below the token,
 * followed before it is laid out, is gone to once it is. */
static void test_long_case_note(void **state)
{
    view *v = open_view(archive, 800, 480, 1);
    long m;
    int frames = 0;

    (void)state;
    assert_int_equal(view_open_zaak(v, "2023Z88888"), 0);
    case_layout_step(v, 4096);
    /* scrolling goes as far as what is laid out */
    view_scroll(v, 1000000000);
    assert_true(v->cs.scroll > 0 && v->cs.scroll <= v->cs.height);
    view_scroll(v, -1000000000);
    m = link_of(v, LK_NOTE, "\xc2\xb9");
    assert_true(m >= 0);
    while (v->cs.link_sel != m)
        view_input(v, &(vin){ .type = VI_KEY, .key = VK_TAB });
    view_input(v, &(vin){ .type = VI_KEY, .key = VK_ENTER });
    assert_true(v->cs.want_on);
    assert_int_equal(v->cs.scroll, 0);
    while (view_pending(v) && frames++ < 100000)
        view_render(v);
    assert_false(view_pending(v));
    assert_true(v->cs.scroll > v->cs.height / 2);
    assert_true(drawn(v, "Eerste bron"));
    close_view(v);
}

int main(void)
{
    fmt_guard_start();    /* as the reader does */
    fmt_snippets_start();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notes_once),
        cmocka_unit_test(test_marker_follow),
        cmocka_unit_test(test_marker_forms),
        cmocka_unit_test(test_official),
        cmocka_unit_test(test_copy_paragraph),
        cmocka_unit_test(test_damaged_answer),
        cmocka_unit_test(test_damaged_all),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_long_case),
        cmocka_unit_test(test_long_case_note),
        cmocka_unit_test(test_long_subject),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
