/* layout.h - rich text and line breaking for the reader, without SDL.
 *
 * A lay_text is plain UTF-8 with one attribute byte per byte of text
 * (bold, italic, superscript, link, highlight...). It is built from the
 * source's Markdown-ish text with lay_add_md(), which strips ** and *,
 * turns ^{3 4} into superscript, drops the <> around URLs and flattens
 * hard line breaks. lay_wrap() then cuts it into lines of segments for a
 * given width, asking a lay_measure for the width of each run, so the same
 * code runs with SDL_ttf in the program and with a fake font in the tests.
 *
 * Memory: lay_text and lay_box own their arrays; reuse them and release
 * them once with lay_text_free() / lay_box_free().
 */
#ifndef VB_LAYOUT_H
#define VB_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

enum {
    LA_BOLD = 1,
    LA_ITALIC = 2,
    LA_SUP = 4,     /* superscript: smaller and raised */
    LA_LINK = 8,    /* a URL: drawn in the link colour, selectable */
    LA_MONO = 16,
    LA_HL = 32,     /* matches the search */
    LA_FIND = 64,   /* matches find-in-document */
    LA_CUR = 128    /* the current find match */
};
/* The bits that change how glyphs look (and so split texture runs); the
 * others only paint a background. */
#define LA_FONTBITS (LA_BOLD | LA_ITALIC | LA_SUP | LA_LINK | LA_MONO)
#define LA_MARKBITS (LA_HL | LA_FIND | LA_CUR)

/* Font faces, as the measurer and the renderer know them. */
enum { LF_REGULAR, LF_BOLD, LF_ITALIC, LF_MONO, LF_NFACES };

typedef struct {
    char *text;        /* NUL-terminated */
    uint8_t *attr;     /* attr[i] belongs to text[i] */
    size_t len, cap;
    int oom;           /* set when an append ran out of memory */
} lay_text;

void lay_text_clear(lay_text *t);
void lay_text_free(lay_text *t);
/* Append n bytes with attribute a. Invalid UTF-8 and control characters
 * become '?' or spaces, so what is laid out is always valid. */
void lay_add(lay_text *t, const char *s, size_t n, uint8_t a);
/* Append source text: Markdown emphasis, ^{..} superscripts, <url>, and
 * URLs get attributes; single line breaks become spaces, and runs of
 * spaces collapse. Blank lines become "\n\n": a paragraph break, which
 * lay_wrap() draws as half an empty line ("\n" alone breaks the line). */
void lay_add_md(lay_text *t, const char *s, size_t n, uint8_t a);
/* Or bits into attr[off, off+len) (clipped to the text). */
void lay_mark(lay_text *t, size_t off, size_t len, uint8_t bits);
/* Clear bits everywhere. */
void lay_unmark(lay_text *t, uint8_t bits);

/* The face and pixel size a run with attribute a is drawn in, for body
 * size px. */
int lay_face(uint8_t a);
int lay_px(uint8_t a, int px);

typedef struct {
    /* Width in pixels of n bytes of s in face f at px pixels. */
    int (*width)(void *ctx, int face, int px, const char *s, size_t n);
    /* Line height (ascent + descent + gap) of face f at px. */
    int (*height)(void *ctx, int face, int px);
    void *ctx;
} lay_measure;

typedef struct {
    int x, w;          /* relative to the box */
    uint32_t off, len; /* bytes of the lay_text */
    uint8_t attr;      /* LA_FONTBITS of the run (marks vary inside) */
} lay_seg;

typedef struct {
    int y, h;          /* top and height, relative to the box */
    uint32_t seg, nseg;
    uint32_t off, end; /* text bytes the line covers */
} lay_line;

typedef struct {
    lay_seg *segs;
    size_t nsegs, segcap;
    lay_line *lines;
    size_t nlines, linecap;
    int width, height; /* the width asked for, the height used */
    int px;
    int ell_x;         /* >= 0: draw an ellipsis here on the last line */
    int oom;
    /* wrapping in slices (lay_wrap_start, lay_wrap_more): where it goes on */
    size_t at;         /* the next byte of the text to wrap */
    size_t word_end;   /* at < word_end: inside a word wider than a line */
    int gap, pen, lh, maxlines, full;
    int done;          /* all of the text is wrapped */
    size_t measured;   /* bytes given to the measure so far: the work done */
} lay_box;

void lay_box_free(lay_box *b);

/* Break t into lines no wider than width at body size px. Words wider than
 * a line (long URLs) break after / . ? & = - _ if they can, else between
 * characters. At most maxlines lines (0: no limit); when text is left over
 * the last line ends in an ellipsis. Returns the height. */
int lay_wrap(lay_box *b, const lay_text *t, int width, int px, int maxlines,
             const lay_measure *m);

/* lay_wrap() in slices, so a long text never holds up a frame: start,
 * then call lay_wrap_more() until it returns 1. Each call stops once it
 * has measured about budget bytes (it always makes progress; it passes
 * the budget by at most a line's worth), and the lines made so far are
 * final and can be drawn: b->height is their height, b->at the first byte
 * not placed yet. The result is the same as lay_wrap()'s, byte for byte.
 * t and m must not change in between (marks may: they change no width). */
void lay_wrap_start(lay_box *b, const lay_text *t, int width, int px, int maxlines,
                    const lay_measure *m);
int lay_wrap_more(lay_box *b, const lay_text *t, const lay_measure *m, size_t budget);

/* The line holding byte off (the last line if past the end); -1 if none. */
int lay_line_at(const lay_box *b, size_t off);

/* Bytes of s (n bytes, one face) that fit in width pixels, at a character
 * boundary. */
size_t lay_fit(const lay_measure *m, int face, int px, const char *s,
               size_t n, int width);

/* Length of the valid UTF-8 sequence at s (1 for a bad byte). */
size_t lay_u8len(const char *s, size_t n);

#endif
