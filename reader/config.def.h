/* config.def.h - what a person may want to change in the reader: colours,
 * font sizes, party colours, kiosk timing and the key table.
 *
 * As in dwm, each table is a static const array headed by a comment row
 * that names its columns. The file is included by the view's files
 * (vstyle.c, view.c, vinput.c: everything but the keys) and by main.c and
 * app.c with VB_CONFIG_KEYS defined (the keys, which use SDL key codes,
 * and the memory budget), so neither side sees a table it cannot use; the
 * one value both need comes first.
 */

/* Kiosk: minutes without input before the reader returns to the home
 * screen and forgets the search and history (--idle overrides). Both
 * main.c and view.c use it. */
static const int cfg_kiosk_idle_min = 3;

#ifndef VB_CONFIG_KEYS

/* Font size of body text in pixels at 96 dpi and zoom 100%; windows lower
 * than small_height use small_px (a 800x480 kiosk panel). */
static const int cfg_font_px = 16;
static const int cfg_small_px = 14;
static const int cfg_small_height = 600;
/* Zoom steps in percent, Ctrl +/- walks them; cfg_zoom_default indexes. */
static const int cfg_zoom[] = { 60, 70, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300 };
static const int cfg_zoom_default = 4;
/* Widest column of running text, in multiples of the body font size: long
 * lines are hard to read on a 1920 pixel screen. */
static const int cfg_measure_em = 44;
/* Width at which the list gets a side pane with the month chart. */
static const int cfg_sidepane_min = 1100;

/* How many recently read cases are kept. */
static const int cfg_recent_max = 50;

/* Colours, 0xRRGGBB.
 * name       bg        fg        dim       panel     rule      accent    accentfg  hl        find      findcur   link      ok        late      open      gone      sel       focus */
static const uint32_t cfg_themes[][17] = {
    /* light */
    { 0xfbfaf7, 0x1d1f21, 0x5f6368, 0xefece6, 0xd6d2c9, 0x1f5fa8, 0xffffff, 0xffe27a, 0xb7e3ff, 0xff9f43, 0x1a56a0, 0x2e7d32, 0xc62828, 0x8a6d00, 0x6d6d6d, 0xdde8f6, 0x1f5fa8 },
    /* dark */
    { 0x17191c, 0xdcdcd6, 0x9aa0a6, 0x22252a, 0x3a3e45, 0x6fa8ff, 0x0b0d10, 0x7a5d00, 0x1f4f73, 0xb35c00, 0x8cbcff, 0x7bc47f, 0xff7b72, 0xe3b341, 0x9a9a9a, 0x2a3648, 0x6fa8ff },
    /* high contrast */
    { 0x000000, 0xffffff, 0xffffff, 0x000000, 0xffffff, 0xffff00, 0x000000, 0xffff00, 0x00ffff, 0xff00ff, 0x00ffff, 0x00ff00, 0xff6060, 0xffff00, 0xc0c0c0, 0x003a7a, 0xffff00 },
};

/* Party colours for the tags in lists and headers; other parties get the
 * accent colour. Names are compared without regard to case.
 * party            colour */
static const struct { const char *name; uint32_t rgb; } cfg_parties[] = {
    { "VVD",          0x1e3f8b },
    { "PvdA",         0xd5121b },
    { "CDA",          0x007b5f },
    { "D66",          0x00a04a },
    { "SP",           0xe3001b },
    { "GroenLinks",   0x39a935 },
    { "GL",           0x39a935 },
    { "GL-PvdA",      0xc7002f },
    { "PVV",          0x1a2b5e },
    { "ChristenUnie", 0x00a0d6 },
    { "CU",           0x00a0d6 },
    { "SGP",          0xe96615 },
    { "PvdD",         0x006b2d },
    { "50PLUS",       0x92278f },
    { "DENK",         0x2ba6b0 },
    { "FvD",          0x841818 },
    { "JA21",         0x242b57 },
    { "Volt",         0x502379 },
    { "BBB",          0x7a9a01 },
    { "NSC",          0x1c2f6b },
    { "BIJ1",         0x111111 },
};

#else /* VB_CONFIG_KEYS: the key table and the memory budget, for main.c and app.c */

/* Pages of the archive (kB) that may stay mapped before the reader gives
 * them back to the page cache (see vmem.h): the resident memory stays
 * this close to its level at the start, however much is read. */
static const long cfg_mem_archive_kb = 4096;

/* Keys that do something beyond typing. KMOD_CTRL etc. must all be held;
 * the first matching row wins. (Space, / and ? arrive as typed text.)
 * modifiers          key              action */
static const struct { Uint16 mod; SDL_Keycode key; int action; } cfg_keys[] = {
    { KMOD_CTRL,        SDLK_f,          VK_FIND },
    { KMOD_CTRL,        SDLK_g,          VK_FIND_NEXT },
    { KMOD_CTRL|KMOD_SHIFT, SDLK_g,      VK_FIND_PREV },
    { KMOD_SHIFT,       SDLK_F3,         VK_FIND_PREV },
    { 0,                SDLK_F3,         VK_FIND_NEXT },
    { KMOD_CTRL,        SDLK_l,          VK_SEARCH },
    { KMOD_CTRL,        SDLK_k,          VK_SEARCH },
    { KMOD_CTRL,        SDLK_j,          VK_JUMP },
    { KMOD_CTRL,        SDLK_d,          VK_BOOKMARK },
    { KMOD_CTRL,        SDLK_b,          VK_SAVED },
    { KMOD_CTRL,        SDLK_h,          VK_HOME },
    { KMOD_CTRL,        SDLK_t,          VK_THEME },
    { KMOD_CTRL,        SDLK_s,          VK_STATS },
    { KMOD_CTRL,        SDLK_i,          VK_ABOUT },
    { KMOD_CTRL,        SDLK_c,          VK_COPY },
    { KMOD_CTRL,        SDLK_PLUS,       VK_ZOOM_IN },
    { KMOD_CTRL,        SDLK_EQUALS,     VK_ZOOM_IN },
    { KMOD_CTRL,        SDLK_KP_PLUS,    VK_ZOOM_IN },
    { KMOD_CTRL,        SDLK_MINUS,      VK_ZOOM_OUT },
    { KMOD_CTRL,        SDLK_KP_MINUS,   VK_ZOOM_OUT },
    { KMOD_CTRL,        SDLK_0,          VK_ZOOM_RESET },
    { KMOD_CTRL,        SDLK_q,          VK_QUIT },
    { KMOD_ALT,         SDLK_LEFT,       VK_BACK },
    { KMOD_ALT,         SDLK_RIGHT,      VK_FORWARD },
    { KMOD_SHIFT,       SDLK_TAB,        VK_BACKTAB },
    { KMOD_SHIFT,       SDLK_RETURN,     VK_ENTER_SHIFT },
    { 0,                SDLK_AC_BACK,    VK_BACK },
    { 0,                SDLK_AC_FORWARD, VK_FORWARD },
    { 0,                SDLK_F1,         VK_HELP },
    { 0,                SDLK_F5,         VK_THEME },
    { 0,                SDLK_F11,        VK_FULLSCREEN },
    { 0,                SDLK_UP,         VK_UP },
    { 0,                SDLK_DOWN,       VK_DOWN },
    { 0,                SDLK_LEFT,       VK_LEFT },
    { 0,                SDLK_RIGHT,      VK_RIGHT },
    { 0,                SDLK_PAGEUP,     VK_PGUP },
    { 0,                SDLK_PAGEDOWN,   VK_PGDN },
    { 0,                SDLK_HOME,       VK_TOP },
    { 0,                SDLK_END,        VK_BOTTOM },
    { 0,                SDLK_RETURN,     VK_ENTER },
    { 0,                SDLK_KP_ENTER,   VK_ENTER },
    { 0,                SDLK_ESCAPE,     VK_ESCAPE },
    { 0,                SDLK_BACKSPACE,  VK_BACKSPACE },
    { 0,                SDLK_DELETE,     VK_DELETE },
    { 0,                SDLK_TAB,        VK_TAB },
};

/* Kiosk mode: the only way out. All modifiers must be held. */
static const Uint16 cfg_kiosk_quit_mod = KMOD_CTRL | KMOD_ALT | KMOD_SHIFT;
static const SDL_Keycode cfg_kiosk_quit_key = SDLK_q;

#endif
