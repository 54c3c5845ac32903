/* view.h - what is on the reader's screen, and what input does to it.
 *
 * The view is the reader without SDL: it gets input as our own vin events,
 * keeps the screens (the case list, search results, a case thread, saved
 * cases, statistics, help, and the error screens), scrolling, history and
 * the search state, and renders a frame as a display list of rectangles
 * and text runs (dcmd) plus the hot zones a click can hit. draw.c paints
 * the display list with SDL2_ttf; tests read it directly. Text is measured
 * through a lay_measure, so layout is the same in both.
 *
 * Files, from the bottom up (each calls only those above it in this list):
 * vstyle.c (sizes, colours, dates), vfield.c (a text field), vcase.c (a
 * case as a thread of blocks, find in document), vlist.c (the browse list,
 * search results, facet chips), vrender.c (the display list of each
 * screen), view.c (screens, navigation, history, set-up, view_prepare())
 * and vinput.c (what input does). vpriv.h is their shared inside.
 *
 * A frame: view_render() = view_prepare() (reads summaries, lays out the
 * case, keeps scrolls in range) + render_frame() (state into v->frame,
 * nothing else) + asking the worker for the next page the frame reached.
 *
 * Threads: everything here runs on the main thread; searches run on the
 * worker (worker.h) and come back through view_results().
 */
#ifndef VB_VIEW_H
#define VB_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "search.h"
#include "token.h"
#include "layout.h"
#include "keep.h"
#include "worker.h"

/* ---- input ----------------------------------------------------------- */

enum vkey {
    VK_NONE, VK_UP, VK_DOWN, VK_LEFT, VK_RIGHT, VK_PGUP, VK_PGDN, VK_TOP,
    VK_BOTTOM, VK_ENTER, VK_ENTER_SHIFT, VK_ESCAPE, VK_BACKSPACE, VK_DELETE,
    VK_TAB, VK_BACKTAB, VK_SPACE, VK_BACK, VK_FORWARD, VK_HOME, VK_SEARCH,
    VK_FIND, VK_FIND_NEXT, VK_FIND_PREV, VK_JUMP, VK_BOOKMARK, VK_SAVED,
    VK_STATS, VK_ABOUT, VK_HELP, VK_THEME, VK_ZOOM_IN, VK_ZOOM_OUT, VK_ZOOM_RESET,
    VK_COPY, VK_FULLSCREEN, VK_QUIT
};

enum vin_type {
    VI_KEY,       /* key: enum vkey */
    VI_TEXT,      /* text: UTF-8 typed */
    VI_PRESS,     /* x, y: button or finger down; touch set for fingers */
    VI_MOTION,    /* x, y while pressed (or hovering, ignored) */
    VI_RELEASE,   /* x, y */
    VI_WHEEL,     /* dy notches, positive is up (away from the user) */
    VI_RESIZE,    /* x, y: the new size in pixels */
    VI_TICK,      /* an animation or timer step; ms is the clock */
    VI_IDLE       /* kiosk: nobody touched it for the idle time */
};

typedef struct {
    int type;
    int key;              /* VI_KEY: enum vkey; VI_PRESS: 1 = secondary
                             (right) button */
    int x, y, dy;
    int touch;
    uint32_t ms;          /* event time in milliseconds */
    char text[32];
} vin;

/* ---- output: the display list ---------------------------------------- */

enum { DC_RECT, DC_TEXT, DC_CLIP, DC_FRAME };

typedef struct {
    uint8_t type;         /* DC_* */
    uint8_t face;         /* LF_* for text */
    uint8_t alpha;        /* rectangles: 0 or 255 opaque, else blended */
    uint16_t px;          /* text size */
    uint32_t rgb;         /* 0xRRGGBB */
    int x, y, w, h;       /* DC_CLIP with w == 0: clip off */
    uint32_t off, len;    /* text: bytes in the list's string arena */
} dcmd;

typedef struct {
    dcmd *c;
    size_t n, cap;
    char *str;
    size_t slen, scap;
    int oom;
} dlist;

/* What a click can hit. */
enum hot_act {
    H_NONE, H_ROW, H_CHIP, H_BUTTON, H_LINK, H_LIST_SB, H_DOC_SB, H_FIELD,
    H_OSK, H_MONTH, H_YEAR, H_SAVED, H_FINDBTN, H_DYM, H_FACETOFF,
    H_SORT, H_SUGG,
    H_MORE                /* a "+N" chip or "less": arg MORE_* */
};
enum { MORE_FACETS, MORE_YEARS, MORE_N };
enum button {
    B_BACK, B_FORWARD, B_HOME, B_SAVED, B_STATS, B_ABOUT, B_THEME, B_HELP, B_BOOKMARK,
    B_CLOSE, B_FIND_PREV, B_FIND_NEXT, B_FIND_CLOSE,
    B_MENU,               /* the top bar's buttons that did not fit */
    B_FIND_OPEN, B_ZOOM_IN, B_ZOOM_OUT, B_JUMP    /* the case screen's controls */
};

typedef struct {
    int x, y, w, h;
    int act, arg;
} vhot;

/* ---- colours --------------------------------------------------------- */

enum {
    C_BG, C_FG, C_DIM, C_PANEL, C_RULE, C_ACCENT, C_ACCENTFG, C_HL, C_FIND,
    C_FINDCUR, C_LINK, C_OK, C_LATE, C_OPEN, C_GONE, C_SEL, C_FOCUS, C_NCOLORS
};
enum { THEME_LIGHT, THEME_DARK, THEME_CONTRAST, THEME_COUNT };

/* ---- screens and their state ----------------------------------------- */

#define TEXT_MAX 256          /* the search, find and jump fields */

enum screen { SC_LIST, SC_DOC, SC_SAVED, SC_STATS, SC_ABOUT, SC_ERROR, SC_NOARCH };
enum focus { FO_LIST, FO_SEARCH, FO_CHIPS, FO_FIND, FO_JUMP, FO_LINKS };

/* One row of the case list: from a summary (browsing) or a search hit. */
typedef wk_hit vrow;

/* Browsing the whole archive newest first, one row per case: a question,
 * or the latest answer or notice of a case without its question. Rows are
 * found on demand from the summaries (docnos are in date order), so the
 * list costs what is on screen, not what is in the archive. */
#define BROWSE_CACHE 512
#define VIS_MAX 256          /* browse rows on one screen, at most */
typedef struct {
    uint32_t docno;       /* UINT32_MAX: empty slot */
    int included;         /* shown as a row (see above) */
    vrow row;
} vbrowse_slot;

typedef struct {
    vbrowse_slot *cache;  /* BROWSE_CACHE slots, by docno modulo */
    int64_t top;          /* docno of the top row; -1: empty archive */
    int top_off;          /* pixels of the top row scrolled away */
    int64_t sel;          /* docno of the selected row */
    int64_t vis[VIS_MAX]; /* the rows on screen, from top, found (and */
    int nvis;             /* their summaries read) by view_prepare() */
} vbrowse;

/* Search results as they arrive, page by page. */
typedef struct {
    uint64_t gen;         /* the query generation they belong to */
    int have;             /* the first page has arrived */
    int err;
    char msg[256];
    size_t total;         /* rows: cases */
    size_t docs;          /* documents among the hits */
    size_t skipped;       /* damaged index entries the search left out */
    /* an unfinished query ("(nuctech OR"): the rows stay those of the last
     * query that parsed, with this quiet hint; 0 when none */
    int unfinished;
    char hint[160];
    vrow *rows;
    size_t nrows, cap;
    int page_wanted;      /* a next page was asked for */
    wk_result *first;     /* facets, months, did-you-mean of page one */
    wk_result *stats;     /* WK_STATS, when counted */
    int64_t scroll;       /* pixels */
    size_t sel;
} vresults;

/* One block of a case thread: a heading, a paragraph, a footnote... */
enum { TB_LABEL, TB_TITLE, TB_META, TB_CHIPS, TB_HEAD, TB_PARA, TB_NOTE, TB_RULE };
enum { PXC_BODY, PXC_SMALL, PXC_H1, PXC_H2 };
enum { BG_NONE, BG_ANSWER, BG_NOTICE, BG_DAMAGED };

typedef struct {
    int type;             /* TB_* */
    int pxc;              /* PXC_* */
    int role;             /* colour of the text: C_FG, C_DIM, C_ACCENT */
    int bg;               /* BG_* panel behind it */
    int indent;           /* pixels at the current size, set by layout */
    int qnum;             /* question number it belongs to, 0 if none */
    int space;            /* extra space above, in quarter lines */
    lay_text t;
    lay_box box;
    int y;                /* top in thread coordinates */
    int h;                /* height, panel padding included */
    int ptop;             /* panel padding above the text */
    /* TB_CHIPS: tags, "\n"-separated in t, a colour each */
    uint32_t chip_rgb[16];
    int nchips;
} tblock;

typedef struct {
    uint32_t block;
    uint32_t off, len;
} tspan;

/* What a link of a case does (vcase.links[i] has tlink[i]). */
enum { LK_URL, LK_NOTE, LK_BACK, LK_COPY };
typedef struct {
    int kind;             /* LK_*: URL (copied), footnote marker (goes to
                             the note), a note's way back, copy a paragraph */
    int arg;              /* LK_NOTE: the note's block; LK_BACK: the first
                             marker's link, -1 none; LK_COPY: the block */
} tlink;

/* A document of the case as shown: read, or damaged in the archive. */
typedef struct {
    char id[64];
    int kind;             /* FMT_QUESTION... */
    int damaged;          /* fmt_get failed: FMT_CORRUPT (or another error) */
    int url;              /* its official address is listed under Sources */
} tdoc;

#define CASE_DOCS 32

typedef struct {
    int arch;             /* the archive it came from */
    char zaak[24];        /* or the document id when there is no zaak */
    char *title;          /* the whole subject (never cut), "" when none */
    tblock *b;
    size_t n, cap;
    int height;           /* of what is laid out so far */
    int laid_w, laid_px;  /* what the blocks are laid out for */
    /* Layout in slices, a few ms a frame (case_layout): blocks before
     * lay_next are laid out, lay_next is being wrapped (lay_started) from
     * lay_y down. A long case reads while the rest is laid out. */
    size_t lay_next;
    int lay_y, lay_started;
    int64_t lay_keep;     /* the scroll when layout began again (a resize):
                             kept while the layout has not reached it */
    tspan want;           /* a place to show once it is laid out (a find, a */
    int want_on, want_center; /* footnote) */
    tspan *links;         /* every URL, in reading order */
    size_t nlinks;
    tspan *found;         /* find-in-document matches */
    size_t nfound;
    long curfound;        /* -1: none current */
    int64_t scroll;
    long link_sel;        /* focused link, -1: none */
    tlink *ltgt;          /* what each link does, parallel to links */
    tdoc docs[CASE_DOCS]; /* its documents, in thread order */
    size_t ndocs, ndamaged;
    int64_t note_ret;     /* scroll before following a marker; -1: none */
    long note_ret_link;   /* the marker's link, to focus on the way back */
} vcase;

typedef struct {
    int screen;
    char zaak[24];
    uint32_t docno;
    char query[TEXT_MAX];
    int64_t scroll;       /* doc or results scroll */
    int64_t top, sel;     /* browse */
    int top_off;
    size_t rsel;
} vhist;

#define HIST_MAX 64

typedef struct {
    fmt_archive *a;
    char *path;
    fmt_info info;
    int checked;          /* its content against its stored SHA-256, in the
                             background: 0 not yet, 1 matches, -1 does not */
    char computed[65];    /* the SHA-256 computed, once checked */
} varch;

typedef struct {
    int lang;             /* LANG_* */
    int theme;            /* THEME_* */
    int kiosk;
    int osk;              /* on-screen keyboard (kiosk default) */
    int dpi_pct;          /* 100 at 96 dpi */
    int copy_allowed;     /* the clipboard may be written */
    int persist;          /* bookmarks and recent are written to disk */
    const char *datadir;  /* for keep; NULL: memory only */
    const char *archdir;  /* where archives are looked for (messages) */
    int idle_min;         /* kiosk: minutes to the reset; 0: the default */
} vconfig;

/* A one-line text field: the search query, find in document, jump to. */
typedef struct {
    char text[TEXT_MAX];
    size_t cur;           /* the cursor, a byte offset */
    int all;              /* the whole text is selected: typing replaces it */
} vfield;

/* Pointer and touch, between a press and its release. */
typedef struct {
    int pressed, dragging, drag_act, touch;
    int px0, py0, lastx, lasty;
    uint32_t lastms;
    double vel;           /* touch momentum, pixels per ms */
    int hover_x, hover_y;
    uint32_t ms0;         /* when it was pressed (long press) */
    int secondary;        /* the press is a right click */
    int last_touch;       /* the last press was a finger: no hover tips */
    int tip;              /* a button's label shown after a long press (B_* + 1) */
    uint32_t tip_at;      /* when a press held still shows it; 0: not armed */
} vpointer;

/* The searches asked of the worker. */
typedef struct {
    uint64_t gen;         /* generation of the newest query */
    int searching;        /* the newest query's results are not back yet */
    uint64_t homegen;     /* generation of the home statistics request */
    /* keystroke to results, for measurements: qstart is the time (ms) of
     * the key that made the current query; lat_due is set when its
     * results came in, and app.c takes the time once they are shown */
    uint32_t qstart;
    int lat_due;
} vrequests;

/* What the view asks of app.c, cleared by it once acted upon. */
typedef struct {
    int dirty;            /* render and draw again */
    int animating;        /* wants VI_TICK about every 16 ms */
    uint32_t wake_ms;     /* wants one VI_TICK at this time; 0: none */
    char *clip;           /* text for the clipboard (view owns it) */
    int quit;
    int fullscreen;       /* toggle requested */
    int flush_cache;      /* theme or zoom changed: drop text textures */
} vout;

/* The frame: what render_frame() made of the state. Input reads it back
 * (where the panes and hot zones were); nothing else writes it. */
typedef struct {
    dlist dl;
    lay_text scr_t;       /* scratch for rows and labels, reused */
    lay_box scr_b;
    vhot *hots;
    size_t nhots, hotcap;
    int list_top, list_bottom;   /* the list pane */
    int doc_top, doc_bottom;
    int sb_x, sb_y, sb_h, sb_th; /* scrollbar track and thumb */
    int nchips;           /* facet chips over the results */
    int qx, qw;           /* the search field, left and width */
    int chips_shown[MORE_N];     /* of them, how many were drawn (+N: the rest) */
    int page_h;           /* stats, saved, about: height of the content */
    int res_shown;        /* the results list was drawn ... */
    size_t res_last;      /* ... down to this row */
} vframe;

typedef struct view {
    vconfig cfg;
    lay_measure m;
    int w, h;             /* pixels */
    int zoom;             /* index into cfg_zoom */
    int px, lh;           /* body text size and line height */

    varch arch[WK_ARCH_MAX];
    int narch, cur;
    wk *worker;           /* searches on the current archive */
    fmt_tokenizer *tok;   /* folding for find-in-document */
    keep keep;

    int screen;
    int focus;
    int help;             /* the help overlay is shown */
    char errtitle[128], errmsg[512];
    int errhint;          /* S_ERROR_HINT under a damaged file; 0: none */
    /* Damage found while reading (a record, a summary, an index entry) or
     * by the background check: the banner says so, with what came first.
     * Nothing damaged is hidden; what can be read is shown. */
    int damaged;
    char damage[512];

    vfield query;         /* the search field; its text is the query */
    vrequests req;
    fmt_query *hlq;       /* the query, parsed here, for highlighting */

    vbrowse browse;
    vresults res;
    wk_result *home;      /* facets, months and stats of all questions */
    wk_result *homestats;
    long chip_sel;        /* FO_CHIPS: the chosen chip */
    int sort;             /* 0 best first (newest for filters alone),
                             FMT_SORT_DATE newest, FMT_SORT_OLD oldest */
    /* suggestions for the word being typed, from the newest result */
    fmt_suggestion sugg[WK_SUGGEST_MAX];
    int nsugg;
    int sugg_sel;         /* -1: none chosen */
    uint64_t sugg_gen;    /* the query generation they are for */

    vcase cs;             /* the case shown (SC_DOC) */
    fmt_doc doc;          /* reused for decoding */
    vfield find;          /* find in document */
    vfield jump;          /* jump to a question, date or case */

    vhist back[HIST_MAX], fwd[HIST_MAX];
    int nback, nfwd;
    vhist pending;        /* a results position to restore when they come */
    int has_pending;

    int tip;              /* a button's label shown after a long press: S_*, 0 none */
    int tip_x, tip_y, tip_h;  /* the button it belongs to: centre, top, height */
    uint32_t tip_until;

    int64_t sscroll;      /* saved and stats screens */
    int more[MORE_N];     /* chip lists shown whole, not cut to "+N" */
    int menu;             /* the top bar's overflow menu is open */
    long ssel;            /* saved: the chosen entry */

    char toast[320];
    uint32_t toast_until; /* ms; 0: none */

    vpointer ptr;
    uint32_t now;         /* the clock as of the last input */

    vout out;
    vframe frame;
} view;

/* Set up a view of w x h pixels measuring text with m. Returns 0, or -1
 * when out of memory. */
int view_init(view *v, const vconfig *cfg, const lay_measure *m, int w, int h);
void view_free(view *v);

/* Open the archives (paths copied). With none, the "no archive" screen;
 * when one cannot be opened, the error screen naming it (the others are
 * still opened). notify is passed to the search worker. Returns the number
 * opened. */
int view_open(view *v, char *const *paths, int n, void (*notify)(void *ctx),
              void *ctx);

/* Switch to the archives given (a newer edition appeared in a followed
 * folder, follow.c): the new ones are opened first, and when one of them
 * cannot be, nothing changes and -1 is returned. Files in known[0..nknown)
 * were checked against their checksums already and are not checked again.
 * The old archives are closed (the worker restarted on the new ones); the
 * person stays where they were: the open case where the new archives
 * still hold it (else the list, with a notice), the search run again on
 * them, the list near where it was, the screen and focus; bookmarks,
 * recent cases and the history are kept by case number. Returns the
 * number of archives open. */
int view_switch(view *v, char *const *paths, int n, char *const *known, int nknown,
                void (*notify)(void *ctx), void *ctx);

/* Feed one input event. */
void view_input(view *v, const vin *in);
/* Take finished search results from the worker; now is the clock (ms),
 * for the keystroke-to-results times. */
void view_results(view *v, uint32_t now);
/* 1 while the worker has work or a case is still being laid out (for
 * the script runner's "wait"). */
int view_busy(view *v);
/* 1 while the open case is still being laid out: the frame loop draws
 * the next frame without waiting for input (each lays out a slice). */
int view_pending(view *v);
/* Build the display list and hot zones for the current state. */
void view_render(view *v);

/* Direct actions, used by input handling and by tests. */
void view_set_query(view *v, const char *q);
int view_open_zaak(view *v, const char *zaak_or_id);
void view_go_home(view *v);
void view_go_back(view *v);
void view_go_forward(view *v);
void view_set_find(view *v, const char *text);
void view_find_step(view *v, int dir);
int view_jump(view *v, const char *what);
/* Scroll the current pane by dy pixels (positive: further down). */
void view_scroll(view *v, int64_t dy);
/* The y (thread coordinates) of question n's heading, -1 if none. */
int view_question_y(view *v, int n);
/* The rows currently visible in the list and the first one's docno. */
int64_t view_list_first(view *v);

/* Colour of a role in the current theme, and of a party tag. */
uint32_t style_rgb(const view *v, int role);
uint32_t style_party_rgb(const view *v, const char *party);

#endif
