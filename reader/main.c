/* main.c - vraagbaak: arguments, paths, the kiosk guard and the window;
 * then app_run() (app.c) or script_run() (script.c).
 * Everything that depends on the platform lives here or in app.c.
 */
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "app.h"
#include "draw.h"
#include "lang.h"
#include "script.h"
#include "view.h"
#include "vmem.h"

#define VB_CONFIG_KEYS
#include "config.def.h"

#ifndef FONTDIR
#define FONTDIR "/usr/local/share/vraagbaak/fonts"
#endif
#ifndef DATADIR /* shared archives */
#define DATADIR FONTDIR "/.."
#endif
#ifndef SYSFONTDIR /* Debian's fonts-dejavu-core and -extra */
#define SYSFONTDIR "/usr/share/fonts/truetype/dejavu"
#endif
#ifndef VERSION
#define VERSION "0"
#endif

/* ---- paths ----------------------------------------------------------- */

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int has_fonts(const char *dir)
{
    char p[PATH_MAX + 32];
    snprintf(p, sizeof p, "%s/DejaVuSans.ttf", dir);
    return is_file(p);
}

/* The bundled fonts: beside the program (or one folder up, for build/),
 * then where `make install` put them, then the system's DejaVu (the Debian
 * package ships none), then ./fonts. */
static int find_fonts(char *out, size_t cap, const char *given)
{
    char *base = SDL_GetBasePath();
    const char *rel[] = { "fonts", "../fonts", "../share/vraagbaak/fonts" };
    size_t i;

    if (given) {
        snprintf(out, cap, "%s", given);
        SDL_free(base);
        return has_fonts(out) ? 0 : -1;
    }
    for (i = 0; base && i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(out, cap, "%s%s", base, rel[i]);
        if (has_fonts(out)) {
            SDL_free(base);
            return 0;
        }
    }
    SDL_free(base);
    snprintf(out, cap, "%s", FONTDIR);
    if (has_fonts(out))
        return 0;
    snprintf(out, cap, "%s", SYSFONTDIR);
    if (has_fonts(out))
        return 0;
    snprintf(out, cap, "fonts");
    return has_fonts(out) ? 0 : -1;
}

static void data_dir(char *out, size_t cap)
{
    const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

    if (x && x[0] == '/')
        snprintf(out, cap, "%s/vraagbaak", x);
    else if (home && *home)
        snprintf(out, cap, "%s/.local/share/vraagbaak", home);
    else
        snprintf(out, cap, ".vraagbaak");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.vbk files in dir, sorted, added to list. */
static int scan_archives(const char *dir, char **list, int n, int cap)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int first = n;

    if (!d)
        return n;
    while (n < cap && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        char p[PATH_MAX + 256];
        if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".vbk"))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (is_file(p) && (list[n] = strdup(p)))
            n++;
    }
    closedir(d);
    qsort(list + first, (size_t)(n - first), sizeof *list, cmp_str);
    return n;
}

/* ---- kiosk: never leave a desktop showing ----------------------------- */

static char **restart_argv;
static time_t started;

static void on_crash(int sig)
{
    /* restart ourselves, unless we crash right at the start (a loop) */
    if (restart_argv && time(NULL) - started > 10)
        execv("/proc/self/exe", restart_argv);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void kiosk_guard(char **argv)
{
    restart_argv = argv;
    started = time(NULL);
    signal(SIGSEGV, on_crash);
    signal(SIGBUS, on_crash);
    signal(SIGFPE, on_crash);
    signal(SIGILL, on_crash);
    signal(SIGABRT, on_crash);
}

/* ---- start ------------------------------------------------------------ */

enum { REN_AUTO, REN_SOFTWARE, REN_ACCEL };

typedef struct {
    vconfig cfg;
    const char *script, *fontdir;
    const char *library;              /* --library DIR: follow this folder */
    int renderer, fullscreen, w, h;   /* renderer: REN_* */
    int idle_s;                       /* --idle in seconds (0: default) */
    char *archives[MAX_ARCHIVES];
    int narchives;
} options;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: vraagbaak [options] [ARCHIVE.vbk ... | --library DIR]\n"
            "  --library DIR       the newest edition of each title in DIR; a newer\n"
            "                      one copied in later is taken once it is complete\n"
            "                      and checked, when the reader is idle\n"
            "  --lang nl|en        language of the screens (default nl)\n"
            "  --theme light|dark|contrast\n"
            "  --kiosk             full screen, no way out but ctrl+alt+shift+q,\n"
            "                      back to the start after --idle minutes\n"
            "  --idle MIN          kiosk idle time in minutes (default %d; 20s: seconds)\n"
            "  --osk               on-screen keyboard (default in kiosk mode)\n"
            "  --no-osk            no on-screen keyboard\n"
            "  --renderer auto|software|accelerated\n"
            "                      auto (default): the GPU, or SDL's software renderer\n"
            "                      when there is none or its GL runs on the processor\n"
            "  --software          the same as --renderer software\n"
            "  --fullscreen        start full screen\n"
            "  --size WxH          window size (default 1024x640)\n"
            "  --fontdir DIR       where the .ttf files are\n"
            "  --script FILE       replay input from FILE (- for stdin) and exit\n"
            "  --version\n", cfg_kiosk_idle_min);
}

static int parse_args(int argc, char **argv, options *o)
{
    int i, no_osk = 0;

    for (i = 1; i < argc; i++) {
        const char *s = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(s, "--lang") && next) {
            o->cfg.lang = !strcmp(next, "en") ? LANG_EN : LANG_NL;
            i++;
        } else if (!strcmp(s, "--theme") && next) {
            o->cfg.theme = !strcmp(next, "dark") ? THEME_DARK :
                           !strncmp(next, "contrast", 8) || !strcmp(next, "high-contrast")
                           ? THEME_CONTRAST : THEME_LIGHT;
            i++;
        } else if (!strcmp(s, "--kiosk")) {
            o->cfg.kiosk = 1;
        } else if (!strcmp(s, "--idle") && next) {
            /* minutes; "20s" gives seconds, for trying it out */
            o->idle_s = atoi(next) * (next[strlen(next) - 1] == 's' ? 1 : 60);
            o->cfg.idle_min = (o->idle_s + 59) / 60;
            i++;
        } else if (!strcmp(s, "--osk")) {
            o->cfg.osk = 1;
        } else if (!strcmp(s, "--no-osk")) {
            no_osk = 1;
        } else if (!strcmp(s, "--software")) {
            o->renderer = REN_SOFTWARE;
        } else if (!strcmp(s, "--renderer") && next) {
            if (!strcmp(next, "auto"))
                o->renderer = REN_AUTO;
            else if (!strcmp(next, "software"))
                o->renderer = REN_SOFTWARE;
            else if (!strcmp(next, "accelerated"))
                o->renderer = REN_ACCEL;
            else {
                usage(stderr);
                return -1;
            }
            i++;
        } else if (!strcmp(s, "--fullscreen")) {
            o->fullscreen = 1;
        } else if (!strcmp(s, "--size") && next && sscanf(next, "%dx%d", &o->w, &o->h) == 2) {
            i++;
        } else if (!strcmp(s, "--fontdir") && next) {
            o->fontdir = next;
            i++;
        } else if (!strcmp(s, "--library") && next) {
            o->library = next;
            i++;
        } else if (!strcmp(s, "--script") && next) {
            o->script = next;
            i++;
        } else if (!strcmp(s, "--version")) {
            printf("vraagbaak %s\n", VERSION);
            exit(0);
        } else if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            usage(stdout);
            exit(0);
        } else if (s[0] == '-' && s[1]) {
            usage(stderr);
            return -1;
        } else if (o->narchives < MAX_ARCHIVES) {
            o->archives[o->narchives++] = argv[i];
        }
    }
    if (o->library && o->narchives) {
        fprintf(stderr, "vraagbaak: --library DIR or archives, not both\n");
        return -1;
    }
    if (o->cfg.kiosk && !no_osk)
        o->cfg.osk = 1;
    if (no_osk)
        o->cfg.osk = 0;
    if (o->w < 200 || o->h < 150)
        o->w = 1024, o->h = 640;
    return 0;
}

static int dpi_pct(SDL_Window *win)
{
    float ddpi = 0;
    int d = SDL_GetWindowDisplayIndex(win);

    if (d >= 0 && SDL_GetDisplayDPI(d, &ddpi, NULL, NULL) == 0 && ddpi > 110)
        return ddpi > 288 ? 300 : (int)(ddpi / 96 * 100);
    return 100;
}

/* ---- the renderer ----------------------------------------------------- */

/* A GL that runs on the processor: Mesa's llvmpipe, softpipe and swrast,
 * Windows' GDI Generic, SwiftShader. Drawing through it costs a second to
 * start and a hundred MB of LLVM for what SDL's software renderer does in
 * a tenth of that. */
static int soft_gl(const char *name)
{
    static const char *const soft[] = { "llvmpipe", "softpipe", "swrast", "Software Rasterizer",
                                        "GDI Generic", "SwiftShader", "lavapipe" };
    size_t i;

    for (i = 0; name && i < sizeof soft / sizeof soft[0]; i++)
        if (strstr(name, soft[i]))
            return 1;
    return 0;
}

#ifdef __linux__
/* 1 when the kernel offers a GPU to draw with (a DRM render node). */
static int has_render_node(void)
{
    DIR *d = opendir("/dev/dri");
    struct dirent *e;
    int found = 0;

    if (!d)
        return 0;
    while (!found && (e = readdir(d)))
        found = !strncmp(e->d_name, "renderD", 7);
    closedir(d);
    return found;
}

/* 1 when the X server cannot hand the GPU to its clients (no DRI3, no
 * DRI2: Xvfb, most VNC servers), where any GL is Mesa's software one.
 * Asked through the libX11 SDL has already loaded; 0 when unsure. */
static int x11_without_dri(void)
{
    typedef void *(*open_fn)(const char *);
    typedef int (*query_fn)(void *, const char *, int *, int *, int *);
    typedef int (*close_fn)(void *);
    void *lib = SDL_LoadObject("libX11.so.6"), *dpy;
    open_fn xopen;
    query_fn xquery;
    close_fn xclose;
    int op, ev, er, dri = 1;

    if (!lib)
        return 0;
    xopen = (open_fn)SDL_LoadFunction(lib, "XOpenDisplay");
    xquery = (query_fn)SDL_LoadFunction(lib, "XQueryExtension");
    xclose = (close_fn)SDL_LoadFunction(lib, "XCloseDisplay");
    if (xopen && xquery && xclose && (dpy = xopen(NULL))) {
        dri = xquery(dpy, "DRI3", &op, &ev, &er) || xquery(dpy, "DRI2", &op, &ev, &er);
        xclose(dpy);
    }
    SDL_UnloadObject(lib);
    return !dri;
}
#endif

/* Why the accelerated renderer would be a GL on the processor, known
 * without loading any GL (a few system calls); NULL when it may be a GPU. */
static const char *no_gpu(void)
{
    const char *e = getenv("LIBGL_ALWAYS_SOFTWARE"), *drv = SDL_GetCurrentVideoDriver();

    if (getenv("SDL_RENDER_DRIVER"))
        return NULL;             /* the user chose; SDL follows the hint */
    if (e && *e && strcmp(e, "0") && strcmp(e, "false"))
        return "LIBGL_ALWAYS_SOFTWARE";
    if (soft_gl(getenv("GALLIUM_DRIVER")))
        return "GALLIUM_DRIVER";
    if (drv && (!strcmp(drv, "dummy") || !strcmp(drv, "offscreen")))
        return "no display";
#ifdef __linux__
    if (drv && (!strcmp(drv, "x11") || !strcmp(drv, "wayland") || !strcmp(drv, "kmsdrm")) &&
        !has_render_node())
        return "no GPU (/dev/dri has no render node)";
    if (drv && !strcmp(drv, "x11") && x11_without_dri())
        return "X server without DRI";
#endif
    return NULL;
}

/* The name of the GL behind an OpenGL renderer (its context is current
 * after SDL_CreateRenderer), or NULL. */
static const char *gl_renderer(SDL_Renderer *ren)
{
    typedef const unsigned char *(*getstring_fn)(unsigned);
    SDL_RendererInfo info;
    getstring_fn gs;

    if (SDL_GetRendererInfo(ren, &info) != 0 || !info.name || strncmp(info.name, "opengl", 6))
        return NULL;
    gs = (getstring_fn)SDL_GL_GetProcAddress("glGetString");
    return gs ? (const char *)gs(0x1F01 /* GL_RENDERER */) : NULL;
}

static SDL_Window *new_window(const options *o)
{
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_HIDDEN;
    SDL_Window *w;

    if (o->cfg.kiosk || o->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    w = SDL_CreateWindow("Vraagbaak", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->w, o->h,
                         flags);
    if (!w)
        app_die("SDL_CreateWindow: %s", SDL_GetError());
    return w;
}

/* Software means software: no GL library (tens of MB) behind the window's
 * pixels either (SDL would otherwise back them with a GL texture). */
static void software_window(app *a)
{
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
}

/* The window and its renderer. --renderer auto takes the GPU when there
 * is one and SDL's software renderer otherwise: first from signs that
 * cost no GL (no render node, an X server without DRI), then, when a GL
 * was made after all, from the name of its renderer. */
static void open_window(app *a, const options *o)
{
    const char *why = o->renderer == REN_SOFTWARE ? "--renderer software" : NULL, *s;
    char gl[128] = "";

    if (o->renderer == REN_AUTO)
        why = no_gpu();
    a->win = new_window(o);
    if (!why) {
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED);
        if (a->ren && (s = gl_renderer(a->ren)))
            snprintf(gl, sizeof gl, "%s", s);   /* it goes with its context */
        if (!a->ren) {
            why = "no accelerated renderer";
        } else if (o->renderer == REN_AUTO && gl[0] && soft_gl(gl)) {
            why = "its GL runs on the processor";
            SDL_DestroyRenderer(a->ren);
            SDL_DestroyWindow(a->win);   /* it was made for GL */
            a->ren = NULL;
            a->win = new_window(o);
        }
    }
    if (!a->ren)
        software_window(a);
    if (!a->ren)
        app_die("SDL_CreateRenderer: %s", SDL_GetError());
    if (a->verbose) {
        SDL_RendererInfo info;
        if (SDL_GetRendererInfo(a->ren, &info) != 0)
            info.name = "?";
        fprintf(stderr, "renderer %s%s%s%s%s%s\n", info.name, gl[0] ? ", GL " : "", gl,
                why ? " (software: " : "", why ? why : "", why ? ")" : "");
    }
}

int main(int argc, char **argv)
{
    static app a;
    options o;
    char fontdir[PATH_MAX], err[512], datadir[PATH_MAX], shared[PATH_MAX];
    char *found[MAX_ARCHIVES];
    int nfound = 0, rc = 0, i, pw, ph;
    lay_measure m;

    fmt_guard_start();    /* a damaged archive: an error, not a crash */
    fmt_snippets_start(); /* a result page's snippets on two cores */
    a.t0 = SDL_GetPerformanceCounter();
    a.verbose = getenv("VRAAGBAAK_STATS") != NULL;
    memset(&o, 0, sizeof o);
    o.cfg.copy_allowed = 1;
    o.cfg.persist = 1;
    if (parse_args(argc, argv, &o) < 0)
        return 2;
    if (o.cfg.kiosk) {
        o.cfg.copy_allowed = 0;
        o.cfg.persist = 0;
        kiosk_guard(argv);
    }
    if (o.script)
        o.cfg.persist = getenv("VRAAGBAAK_PERSIST") != NULL;
    data_dir(datadir, sizeof datadir);
    o.cfg.datadir = datadir;
    o.cfg.archdir = datadir;
    if (o.library)
        o.cfg.archdir = o.library;
    if (o.narchives == 0 && !o.library) {
        snprintf(shared, sizeof shared, "%s", DATADIR);
        nfound = scan_archives(datadir, found, 0, MAX_ARCHIVES);
        if (nfound == 0)
            nfound = scan_archives(shared, found, 0, MAX_ARCHIVES);
        for (i = 0; i < nfound; i++)
            o.archives[o.narchives++] = found[i];
    }
    if (o.cfg.kiosk)
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0)
        app_die("SDL_Init: %s", SDL_GetError());
    app_stop_signals();
    if (find_fonts(fontdir, sizeof fontdir, o.fontdir) < 0)
        app_die("cannot find the fonts (DejaVuSans.ttf); looked beside the program, in %s, "
            "in " SYSFONTDIR " and in ./fonts", FONTDIR);
    open_window(&a, &o);
    if (!(a.g = draw_open(a.ren, fontdir, err, sizeof err)))
        app_die("%s", err);
    a.ev_results = SDL_RegisterEvents(4);
    if (a.ev_results == (Uint32)-1)
        app_die("SDL_RegisterEvents: %s", SDL_GetError());
    a.ev_tick = a.ev_results + 1;
    a.ev_idle = a.ev_results + 2;
    a.ev_follow = a.ev_results + 3;
    a.sx = a.sy = 1;
    app_wake_open(&a);                 /* none: wait_event lets SDL poll */
    app_current = &a;
    o.cfg.dpi_pct = dpi_pct(a.win);
    SDL_GetRendererOutputSize(a.ren, &pw, &ph);
    m = draw_measure(a.g);
    if (view_init(&a.v, &o.cfg, &m, pw, ph) < 0)
        app_die("out of memory", NULL);
    app_resized(&a);
    vm_budget(cfg_mem_archive_kb);
    vm_baseline();
    if (o.library) {
        /* watched before it is read: nothing copied in between is missed */
        if (!(a.fw = follow_open(o.library, app_notify_follow, NULL, err, sizeof err)))
            app_die("%s", err);
        o.narchives = follow_chosen(a.fw, o.archives, MAX_ARCHIVES);
    }
    view_open(&a.v, o.archives, o.narchives, app_notify_results, NULL);
    if (a.fw) {
        follow_opened(a.fw);
        app_follow(&a, 0);       /* a newer edition already waiting */
    }
    vm_keep();                   /* opening read columns through the map */
    if (o.cfg.kiosk) {
        a.idle_ms = o.idle_s > 0 ? o.idle_s * 1000 : a.v.cfg.idle_min * 60000;
        SDL_AtomicSet(&a.last_input, (int)SDL_GetTicks());
        a.idle_timer = SDL_AddTimer((Uint32)a.idle_ms, app_idle_cb, &a);
        SDL_ShowCursor(SDL_DISABLE);
    }
    rc = o.script ? script_run(&a, o.script) : app_run(&a);
    if (a.anim_timer)
        SDL_RemoveTimer(a.anim_timer);
    if (a.wake_timer)
        SDL_RemoveTimer(a.wake_timer);
    if (a.idle_timer)
        SDL_RemoveTimer(a.idle_timer);
    if (a.follow_timer)
        SDL_RemoveTimer(a.follow_timer);
    follow_close(a.fw);          /* its thread and worker: before the view's */
    view_free(&a.v);             /* joins the worker: no more notify calls */
    app_current = NULL;
    app_wake_close(&a);
    draw_close(a.g);
    SDL_DestroyRenderer(a.ren);
    SDL_DestroyWindow(a.win);
    SDL_Quit();
    for (i = 0; i < nfound; i++)
        free(found[i]);
    return rc;
}

