/* layout.c - rich text from the source's Markdown, and line breaking.
 *
 * The source texts are written by people and converted by tools: they mix
 * Markdown emphasis, Unicode superscripts, ^{n} markers, URLs in angle
 * brackets, and line breaks in the middle of sentences (PDF extractions).
 * lay_add_md() turns all of that into plain text plus attribute bytes; it
 * never trusts the markup to be balanced (an unmatched ** stays literal).
 * lay_wrap() is a greedy word wrap: readers expect ragged-right text, and
 * greedy is O(n) with one measure per run. A word longer than a line (dot
 * leaders, base64, a URL: PDF extractions have runs of 500,000 bytes) is
 * never measured whole: only what fits on a line and a chunk more
 * (width_upto, fit_prefix), so each line costs about what it holds and
 * the whole text stays linear. (Measuring the rest of the word
 * for every line made a 60,000-byte token take 18 s.) Linear is not
 * enough for megabytes (SDL_ttf: a microsecond a byte), so the wrap keeps
 * its place in the box and goes on where it stopped (lay_wrap_more): a
 * caller lays out a slice a frame.
 */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#define MD_LOOKAHEAD 4000   /* how far to look for a closing ** or * */

/* ---- building text --------------------------------------------------- */

static int grow(lay_text *t, size_t n)
{
    size_t cap;
    char *nt;
    uint8_t *na;

    if (t->oom)
        return -1;
    if (t->len + n + 1 <= t->cap)
        return 0;
    cap = t->cap ? t->cap : 256;
    while (cap < t->len + n + 1)
        cap *= 2;
    nt = realloc(t->text, cap);
    if (!nt)
        goto oom;
    t->text = nt;
    na = realloc(t->attr, cap);
    if (!na)
        goto oom;
    t->attr = na;
    t->cap = cap;
    return 0;
oom:
    t->oom = 1;
    return -1;
}

void lay_text_clear(lay_text *t)
{
    t->len = 0;
    t->oom = 0;
    if (t->text)
        t->text[0] = '\0';
}

void lay_text_free(lay_text *t)
{
    free(t->text);
    free(t->attr);
    memset(t, 0, sizeof *t);
}

size_t lay_u8len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t need, i;
    uint32_t c;

    if (n == 0)
        return 0;
    if (u[0] < 0x80)
        return 1;
    if (u[0] >= 0xc2 && u[0] <= 0xdf)
        need = 2;
    else if (u[0] >= 0xe0 && u[0] <= 0xef)
        need = 3;
    else if (u[0] >= 0xf0 && u[0] <= 0xf4)
        need = 4;
    else
        return 1;
    if (n < need)
        return 1;
    c = u[0] & (0x3f >> (need - 1));
    for (i = 1; i < need; i++) {
        if ((u[i] & 0xc0) != 0x80)
            return 1;
        c = (c << 6) | (u[i] & 0x3f);
    }
    /* overlong forms, surrogates and values past U+10FFFF are invalid */
    if ((need == 3 && c < 0x800) || (need == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return 1;
    return need;
}

static int u8valid(const char *s, size_t n)
{
    size_t k = lay_u8len(s, n);
    return k > 1 || (n > 0 && (unsigned char)s[0] < 0x80);
}

static void put(lay_text *t, const char *s, size_t n, uint8_t a)
{
    if (grow(t, n) < 0)
        return;
    memcpy(t->text + t->len, s, n);
    memset(t->attr + t->len, a, n);
    t->len += n;
    t->text[t->len] = '\0';
}

void lay_add(lay_text *t, const char *s, size_t n, uint8_t a)
{
    size_t i = 0, k;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            put(t, "\n", 1, a);
            i++;
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            if (c == '\t')
                put(t, " ", 1, a);
            i++;
            continue;
        }
        k = lay_u8len(s + i, n - i);
        if (k == 1 && c >= 0x80)
            put(t, "?", 1, a);
        else
            put(t, s + i, k, a);
        i += k;
    }
}

void lay_mark(lay_text *t, size_t off, size_t len, uint8_t bits)
{
    size_t i;

    if (off >= t->len)
        return;
    if (len > t->len - off)
        len = t->len - off;
    for (i = off; i < off + len; i++)
        t->attr[i] |= bits;
}

void lay_unmark(lay_text *t, uint8_t bits)
{
    size_t i;

    for (i = 0; i < t->len; i++)
        t->attr[i] &= (uint8_t)~bits;
}

/* ---- Markdown-ish source to attributes ------------------------------- */

typedef struct {
    lay_text *t;
    const char *s;
    size_t n, i;
    uint8_t base, bold, italic;
    int space;      /* the last thing emitted was a space (or nothing) */
} md_state;

/* Where the current paragraph ends (a blank line), from i. */
static size_t para_end(const char *s, size_t n, size_t i)
{
    size_t lim = n - i > MD_LOOKAHEAD ? i + MD_LOOKAHEAD : n;
    size_t j, k;

    for (j = i; j < lim; j++) {
        if (s[j] != '\n')
            continue;
        for (k = j + 1; k < lim && (s[k] == ' ' || s[k] == '\r' || s[k] == '\t'); k++)
            ;
        if (k < lim && s[k] == '\n')
            return j;
    }
    return lim;
}

/* A closing "**" (or single '*' when two is 0) after i, before the
 * paragraph ends, with a non-space before it. */
static int has_closer(const char *s, size_t n, size_t i, int two)
{
    size_t end = para_end(s, n, i), j;

    for (j = i; j < end; j++) {
        if (s[j] != '*')
            continue;
        if (two) {
            if (j + 1 < end && s[j + 1] == '*' && j > i && s[j - 1] != ' ')
                return 1;
            j++;
        } else {
            if (j + 1 < end && s[j + 1] == '*') {
                j++;
                continue;
            }
            if (j > i && s[j - 1] != ' ' && s[j - 1] != '\n')
                return 1;
        }
    }
    return 0;
}

static uint8_t md_attr(const md_state *m)
{
    return (uint8_t)(m->base | m->bold | m->italic);
}

static void md_emit(md_state *m, const char *p, size_t k, uint8_t a)
{
    lay_add(m->t, p, k, a);
    m->space = 0;
}

static void md_space(md_state *m)
{
    if (!m->space && m->t->len > 0 && m->t->text[m->t->len - 1] != '\n')
        put(m->t, " ", 1, md_attr(m) & (LA_BOLD | LA_ITALIC));
    m->space = 1;
}

/* A bare URL starting at i: its length, without trailing punctuation. */
static size_t url_len(const char *s, size_t n, size_t i)
{
    size_t j = i;

    if (!(n - i > 7 && (!strncmp(s + i, "http://", 7) || !strncmp(s + i, "https://", 8) ||
                        !strncmp(s + i, "www.", 4))))
        return 0;
    while (j < n && (unsigned char)s[j] > ' ' && s[j] != '>' && s[j] != '<' &&
           s[j] != '"' && !(j + 1 < n && (unsigned char)s[j] == 0xc2 &&
                            (unsigned char)s[j + 1] == 0xbb))
        j++;
    while (j > i && strchr(".,;:)]", s[j - 1]))
        j--;
    /* keep a ")" that closes a "(" inside the URL (wikipedia style) */
    if (j < n && s[j] == ')' && memchr(s + i, '(', j - i))
        j++;
    return j - i;
}

/* Newlines: one is a space, a blank line is a paragraph break. */
static void md_newline(md_state *m)
{
    size_t j = m->i, nl = 0;

    while (j < m->n && (m->s[j] == '\n' || m->s[j] == '\r' || m->s[j] == ' ' ||
                        m->s[j] == '\t')) {
        if (m->s[j] == '\n')
            nl++;
        j++;
    }
    m->i = j;
    if (nl >= 2 && m->t->len > 0) {
        while (m->t->len > 0 && m->t->text[m->t->len - 1] == ' ')
            m->t->len--;
        if (m->t->len > 0 && m->t->text[m->t->len - 1] != '\n')
            put(m->t, "\n\n", 2, m->base);
        m->space = 1;
        m->bold = m->italic = 0;   /* emphasis never crosses paragraphs */
    } else {
        md_space(m);
    }
}

/* ^{3 4}: a superscript group of footnote marks. */
static int md_sup(md_state *m)
{
    const char *s = m->s;
    size_t j;

    if (m->i + 2 >= m->n || s[m->i + 1] != '{')
        return 0;
    for (j = m->i + 2; j < m->n && j < m->i + 40 && s[j] != '}' && s[j] != '\n'; j++)
        ;
    if (j >= m->n || s[j] != '}')
        return 0;
    md_emit(m, s + m->i + 2, j - m->i - 2, (uint8_t)(md_attr(m) | LA_SUP));
    m->i = j + 1;
    return 1;
}

static int md_star(md_state *m)
{
    const char *s = m->s;
    size_t i = m->i;
    int two = i + 1 < m->n && s[i + 1] == '*';
    uint8_t *flag = two ? &m->bold : &m->italic;
    uint8_t bit = two ? LA_BOLD : LA_ITALIC;
    size_t w = two ? 2 : 1;

    if (*flag) {                      /* closing */
        *flag = 0;
        m->i += w;
        return 1;
    }
    if (i + w < m->n && s[i + w] != ' ' && s[i + w] != '\n' &&
        has_closer(s, m->n, i + w, two)) {
        *flag = bit;
        m->i += w;
        return 1;
    }
    return 0;
}

void lay_add_md(lay_text *t, const char *s, size_t n, uint8_t a)
{
    md_state m = { t, s, n, 0, a, 0, 0, 1 };
    size_t k;

    while (m.i < n && !t->oom) {
        char c = s[m.i];
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
            if (c == ' ' || c == '\t') {
                md_space(&m);
                m.i++;
            } else {
                md_newline(&m);
            }
            continue;
        }
        if (c == '*' && md_star(&m))
            continue;
        if (c == '^' && md_sup(&m))
            continue;
        if (c == '\\' && m.i + 1 < n && strchr("\\`*_{}[]()#+-.!$<>|", s[m.i + 1])) {
            md_emit(&m, s + m.i + 1, 1, md_attr(&m));
            m.i += 2;
            continue;
        }
        if (c == '<' && (k = url_len(s, n, m.i + 1)) > 0 && m.i + 1 + k < n &&
            s[m.i + 1 + k] == '>') {
            md_emit(&m, s + m.i + 1, k, (uint8_t)(md_attr(&m) | LA_LINK));
            m.i += k + 2;
            continue;
        }
        if ((c == 'h' || c == 'w') && (m.i == 0 || !u8valid(s + m.i - 1, 1) ||
                                       strchr(" (\n<[", s[m.i - 1])) &&
            (k = url_len(s, n, m.i)) > 0) {
            md_emit(&m, s + m.i, k, (uint8_t)(md_attr(&m) | LA_LINK));
            m.i += k;
            continue;
        }
        k = lay_u8len(s + m.i, n - m.i);
        md_emit(&m, s + m.i, k, md_attr(&m));
        m.i += k;
    }
    while (t->len > 0 && (t->text[t->len - 1] == ' ' || t->text[t->len - 1] == '\n'))
        t->len--;
    if (t->text)
        t->text[t->len] = '\0';
}

/* ---- faces ----------------------------------------------------------- */

int lay_face(uint8_t a)
{
    if (a & LA_MONO)
        return LF_MONO;
    if (a & LA_BOLD)
        return LF_BOLD;
    if (a & LA_ITALIC)
        return LF_ITALIC;
    return LF_REGULAR;
}

int lay_px(uint8_t a, int px)
{
    if (a & LA_SUP)
        return px * 62 / 100 > 6 ? px * 62 / 100 : 6;
    return px;
}

/* ---- wrapping -------------------------------------------------------- */

void lay_box_free(lay_box *b)
{
    free(b->segs);
    free(b->lines);
    memset(b, 0, sizeof *b);
}

typedef struct {
    lay_box *b;
    const lay_text *t;
    const lay_measure *m;
    int width, px, lh, maxlines;
    int x;               /* pen position on the current line */
    int full;            /* maxlines reached with text left */
} wrap_state;

static int seg_push(lay_box *b, lay_seg s)
{
    if (b->nsegs == b->segcap) {
        size_t cap = b->segcap ? b->segcap * 2 : 64;
        lay_seg *n = realloc(b->segs, cap * sizeof *n);
        if (!n) {
            b->oom = 1;
            return -1;
        }
        b->segs = n;
        b->segcap = cap;
    }
    b->segs[b->nsegs++] = s;
    return 0;
}

static int line_push(lay_box *b, uint32_t off, int y, int h)
{
    if (b->nlines == b->linecap) {
        size_t cap = b->linecap ? b->linecap * 2 : 32;
        lay_line *n = realloc(b->lines, cap * sizeof *n);
        if (!n) {
            b->oom = 1;
            return -1;
        }
        b->lines = n;
        b->linecap = cap;
    }
    b->lines[b->nlines].y = y;
    b->lines[b->nlines].h = h;
    b->lines[b->nlines].seg = (uint32_t)b->nsegs;
    b->lines[b->nlines].nseg = 0;
    b->lines[b->nlines].off = off;
    b->lines[b->nlines].end = off;
    b->nlines++;
    return 0;
}

/* A character boundary strictly between lo and hi near their middle, or lo
 * when there is none. */
static size_t mid_boundary(const char *s, size_t lo, size_t hi)
{
    size_t mid = lo + (hi - lo) / 2, c = mid;

    while (c > lo && ((unsigned char)s[c] & 0xc0) == 0x80)
        c--;
    if (c > lo)
        return c;
    for (c = mid; c < hi && ((unsigned char)s[c] & 0xc0) == 0x80; c++)
        ;
    return c < hi ? c : lo;
}

/* Width of bytes [off, off+len) of t, run by run. */
static int span_width(const wrap_state *w, size_t off, size_t len)
{
    const lay_text *t = w->t;
    size_t i = off, end = off + len, j;
    int sum = 0;

    while (i < end) {
        uint8_t a = t->attr[i] & LA_FONTBITS;
        for (j = i + 1; j < end && (t->attr[j] & LA_FONTBITS) == a; j++)
            ;
        sum += w->m->width(w->m->ctx, lay_face(a), lay_px(a, w->px), t->text + i, j - i);
        w->b->measured += j - i;
        i = j;
    }
    return sum;
}

#define WINDOW0 64   /* bytes first measured of a long word */

/* The width of [off, off+len) when it is at most limit, else some value
 * above limit: measured over windows of WINDOW0, 2*WINDOW0, ... bytes
 * from off, stopping at the first one wider than limit, so the cost is
 * about twice the bytes that fit, not the length of the word. *fit is
 * set to the bytes of the last window that fitted (len when all did). */
static int width_upto(const wrap_state *w, size_t off, size_t len, int limit,
                      size_t *fit)
{
    const char *s = w->t->text + off;
    size_t win = WINDOW0, good = 0;

    for (;;) {
        size_t n = win < len ? win : len;
        while (n < len && ((unsigned char)s[n] & 0xc0) == 0x80)
            n++;                          /* a character boundary */
        int ww = span_width(w, off, n);
        if (ww > limit || n == len) {
            *fit = ww > limit ? good : len;
            return ww;
        }
        good = n;
        win = n * 2;
    }
}

static int new_line(wrap_state *w, uint32_t off)
{
    lay_box *b = w->b;
    int y = b->nlines ? b->lines[b->nlines - 1].y + b->lines[b->nlines - 1].h : 0;

    if (w->maxlines > 0 && (int)b->nlines >= w->maxlines) {
        w->full = 1;
        return -1;
    }
    w->x = 0;
    return line_push(b, off, y, w->lh);
}

/* Place bytes [off, off+len) (no spaces inside) at the pen, merging with
 * the previous segment when the attributes match and only a space lies
 * between, so a line of plain words becomes one texture. */
static void place(wrap_state *w, size_t off, size_t len, int gap)
{
    const lay_text *t = w->t;
    lay_box *b = w->b;
    lay_line *ln = &b->lines[b->nlines - 1];
    size_t i = off, end = off + len, j;

    w->x += gap;
    while (i < end) {
        uint8_t a = t->attr[i] & LA_FONTBITS;
        int ww;
        for (j = i + 1; j < end && (t->attr[j] & LA_FONTBITS) == a; j++)
            ;
        ww = span_width(w, i, j - i);
        if (ln->nseg > 0) {
            lay_seg *last = &b->segs[b->nsegs - 1];
            int joinable = last->attr == a && last->off + last->len <= i &&
                           (i == off ? gap >= 0 : last->off + last->len == i);
            size_t k;
            for (k = last->off + last->len; joinable && k < i; k++)
                if ((t->attr[k] & LA_FONTBITS) != a)
                    joinable = 0;
            if (joinable) {
                last->len = (uint32_t)(j - last->off);
                last->w = w->x + ww - last->x;
                w->x += ww;
                ln->end = (uint32_t)j;
                i = j;
                continue;
            }
        }
        if (seg_push(b, (lay_seg){ w->x, ww, (uint32_t)i, (uint32_t)(j - i), a }) < 0)
            return;
        ln->nseg++;
        w->x += ww;
        ln->end = (uint32_t)j;
        i = j;
    }
}

#define CHUNK 32   /* bytes measured at a time when fitting a long word */

/* The bytes of [off, off+len) that fit in room pixels, at a character
 * boundary (all of them when they do; 0 when not even one character
 * does). The word is measured in chunks of CHUNK bytes, each once, until
 * their sum passes room; the chunk that passes it is bisected; then the
 * prefix found is measured whole, because widths add up only but for the
 * kerning at chunk edges, and shortened while it does not fit. So a line
 * costs about twice the bytes it holds, whatever the length of the word. */
static size_t fit_prefix(const wrap_state *w, size_t off, size_t len, int room)
{
    const char *s = w->t->text + off;
    size_t at = 0, tries = 0;
    int sum = 0;

    while (at < len) {
        size_t n = at + CHUNK < len ? at + CHUNK : len;
        while (n < len && ((unsigned char)s[n] & 0xc0) == 0x80)
            n++;
        int cw = span_width(w, off + at, n - at);
        if (sum + cw > room) {
            size_t lo = at, hi = n, c;
            while (hi - lo > 1 && (c = mid_boundary(s, lo, hi)) > lo) {
                if (sum + span_width(w, off + at, c - at) <= room)
                    lo = c;
                else
                    hi = c;
            }
            at = lo;
            break;
        }
        sum += cw;
        at = n;
    }
    while (at > 0 && span_width(w, off, at) > room) {
        if (++tries > 4) {            /* a font whose widths do not add up */
            size_t lo = 0, hi = at, c;
            while (hi - lo > 1 && (c = mid_boundary(s, lo, hi)) > lo) {
                if (span_width(w, off, c) <= room)
                    lo = c;
                else
                    hi = c;
            }
            return lo;
        }
        do
            at--;
        while (at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80);
    }
    return at;
}

/* The longest prefix of [off, off+len) that fits in room pixels (len when
 * all of it does), preferring to end just after a URL separator. At least
 * one character. */
static size_t break_word(const wrap_state *w, size_t off, size_t len, int room)
{
    const char *s = w->t->text + off;
    size_t lo = fit_prefix(w, off, len, room), k;

    if (lo == len)
        return len;
    if (lo == 0)
        lo = lay_u8len(s, len);     /* always make progress */
    /* back off to a separator if one lies in the last 40% */
    for (k = lo; k > lo * 6 / 10 && k > 1; k--)
        if (strchr("/.?&=-_,;", s[k - 1]))
            return k;
    return lo;
}

/* One line's worth of a word wider than a line (b->at up to
 * b->word_end), and the line after it when some of the word is left: a
 * slice stops between two of these, so a token of megabytes is wrapped a
 * line at a time. */
static void word_piece(wrap_state *w)
{
    lay_box *b = w->b;
    size_t off = b->at, len = b->word_end - off;
    size_t k = break_word(w, off, len, w->width - w->x - b->gap);

    place(w, off, k, b->gap);
    b->gap = 0;
    b->at = off + k;
    if (b->at < b->word_end && new_line(w, (uint32_t)b->at) < 0)
        b->word_end = b->at;
}

static void wrap_word(wrap_state *w, size_t off, size_t len, int gap)
{
    lay_box *b = w->b;
    size_t fit;
    /* exact when the word fits on a line, else only known to be wider */
    int ww = width_upto(w, off, len, w->width, &fit);

    b->gap = 0;
    b->at = off + len;
    if (w->x > 0 && w->x + gap + ww > w->width) {
        if (new_line(w, (uint32_t)off) < 0)
            return;
        gap = 0;
    }
    if (w->x == 0)
        gap = 0;
    if (ww <= w->width - w->x - gap) {
        place(w, off, len, gap);
        return;
    }
    /* wider than the line: a line's worth at a time, each measured once */
    b->at = off;
    b->word_end = off + len;
    b->gap = gap;
    word_piece(w);
}

/* Cut the last line so an ellipsis fits after it. */
static void ellipsize(wrap_state *w)
{
    lay_box *b = w->b;
    lay_line *ln = &b->lines[b->nlines - 1];
    int ew = w->m->width(w->m->ctx, LF_REGULAR, w->px, "\xe2\x80\xa6", 3);

    while (ln->nseg > 0) {
        lay_seg *s = &b->segs[ln->seg + ln->nseg - 1];
        if (s->x + s->w + ew <= w->width) {
            b->ell_x = s->x + s->w;
            return;
        }
        if (s->x + ew < w->width) {
            size_t k = lay_fit(w->m, lay_face(s->attr), lay_px(s->attr, w->px),
                               w->t->text + s->off, s->len, w->width - ew - s->x);
            while (k > 0 && w->t->text[s->off + k - 1] == ' ')
                k--;
            if (k > 0) {
                s->len = (uint32_t)k;
                s->w = w->m->width(w->m->ctx, lay_face(s->attr), lay_px(s->attr, w->px),
                                   w->t->text + s->off, k);
                ln->end = s->off + s->len;
                b->ell_x = s->x + s->w;
                return;
            }
        }
        ln->nseg--;
        b->nsegs--;
    }
    b->ell_x = 0;
}

void lay_wrap_start(lay_box *b, const lay_text *t, int width, int px, int maxlines,
                    const lay_measure *m)
{
    wrap_state w = { b, t, m, width > 8 ? width : 8, px, 0, maxlines, 0, 0 };

    b->nsegs = b->nlines = 0;
    b->width = width;
    b->px = px;
    b->ell_x = -1;
    b->oom = 0;
    b->height = 0;
    b->at = b->word_end = 0;
    b->gap = b->pen = b->full = 0;
    b->maxlines = maxlines;
    b->measured = 0;
    b->lh = w.lh = m->height(m->ctx, LF_REGULAR, px);
    b->done = t->len == 0 || new_line(&w, 0) < 0;
}

/* The greedy loop of lay_wrap(), its state kept in the box between
 * slices: a space sets the gap before the next word, a newline starts a
 * line, a word is placed whole or (wider than a line) a line at a time. */
int lay_wrap_more(lay_box *b, const lay_text *t, const lay_measure *m, size_t budget)
{
    wrap_state w = { b, t, m, b->width > 8 ? b->width : 8, b->px, b->lh, b->maxlines,
                     b->pen, b->full };
    size_t stop = b->measured + (budget < (size_t)-1 - b->measured ? budget
                                                                    : (size_t)-1 - b->measured);

    while (!b->done && b->at < t->len && !w.full && !b->oom) {
        size_t i = b->at, j;
        if (i < b->word_end) {
            word_piece(&w);
        } else if (t->text[i] == ' ') {
            b->gap = m->width(m->ctx, lay_face(t->attr[i] & LA_FONTBITS), b->px, " ", 1);
            b->measured++;
            b->at++;
        } else if (t->text[i] == '\n') {
            /* an empty line between paragraphs takes half a line */
            if (i > 0 && t->text[i - 1] == '\n' && b->lines[b->nlines - 1].nseg == 0)
                b->lines[b->nlines - 1].h = w.lh / 2;
            if (new_line(&w, (uint32_t)(i + 1)) < 0)
                break;
            b->gap = 0;
            b->at++;
        } else {
            for (j = i; j < t->len && t->text[j] != ' ' && t->text[j] != '\n'; j++)
                ;
            wrap_word(&w, i, j - i, b->gap);
        }
        if (b->measured >= stop)
            break;
    }
    b->pen = w.x;
    b->full = w.full;
    if (!b->done && (b->at >= t->len || w.full || b->oom)) {
        if (w.full)
            ellipsize(&w);
        b->done = 1;
    }
    if (b->nlines)
        b->height = b->lines[b->nlines - 1].y + b->lines[b->nlines - 1].h;
    return b->done;
}

int lay_wrap(lay_box *b, const lay_text *t, int width, int px, int maxlines,
             const lay_measure *m)
{
    lay_wrap_start(b, t, width, px, maxlines, m);
    lay_wrap_more(b, t, m, (size_t)-1);
    return b->height;
}

int lay_line_at(const lay_box *b, size_t off)
{
    size_t lo = 0, hi = b->nlines;

    if (b->nlines == 0)
        return -1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (b->lines[mid].off <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo;
}

size_t lay_fit(const lay_measure *m, int face, int px, const char *s, size_t n,
               int width)
{
    size_t lo = 0, hi = n, c;

    if (m->width(m->ctx, face, px, s, n) <= width)
        return n;
    /* lo always fits and hi never does; both are character boundaries */
    while (hi - lo > 1 && (c = mid_boundary(s, lo, hi)) > lo) {
        if (m->width(m->ctx, face, px, s, c) <= width)
            lo = c;
        else
            hi = c;
    }
    return lo;
}
