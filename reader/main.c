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
 * then where `make install` put them, then ./fonts. */
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

typedef struct {
    vconfig cfg;
    const char *script, *fontdir;
    int software, fullscreen, w, h;
    int idle_s;                       /* --idle in seconds (0: default) */
    char *archives[MAX_ARCHIVES];
    int narchives;
} options;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: vraagbaak [options] [ARCHIVE.vbk ...]\n"
            "  --lang nl|en        language of the screens (default nl)\n"
            "  --theme light|dark|contrast\n"
            "  --kiosk             full screen, no way out but ctrl+alt+shift+q,\n"
            "                      back to the start after --idle minutes\n"
            "  --idle MIN          kiosk idle time in minutes (default %d; 20s: seconds)\n"
            "  --osk               on-screen keyboard (default in kiosk mode)\n"
            "  --no-osk            no on-screen keyboard\n"
            "  --software          use SDL's software renderer\n"
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
            o->software = 1;
        } else if (!strcmp(s, "--fullscreen")) {
            o->fullscreen = 1;
        } else if (!strcmp(s, "--size") && next && sscanf(next, "%dx%d", &o->w, &o->h) == 2) {
            i++;
        } else if (!strcmp(s, "--fontdir") && next) {
            o->fontdir = next;
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

static void open_window(app *a, const options *o)
{
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_HIDDEN;

    if (o->cfg.kiosk || o->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    a->win = SDL_CreateWindow("Vraagbaak", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              o->w, o->h, flags);
    if (!a->win)
        app_die("SDL_CreateWindow: %s", SDL_GetError());
    if (!o->software)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED);
    if (!a->ren)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren)
        app_die("SDL_CreateRenderer: %s", SDL_GetError());
}

int main(int argc, char **argv)
{
    static app a;
    options o;
    char fontdir[PATH_MAX], err[512], datadir[PATH_MAX], shared[PATH_MAX];
    char *found[MAX_ARCHIVES];
    int nfound = 0, rc = 0, i, pw, ph;
    lay_measure m;

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
    if (o.narchives == 0) {
        snprintf(shared, sizeof shared, "%s/..", FONTDIR);
        nfound = scan_archives(datadir, found, 0, MAX_ARCHIVES);
        if (nfound == 0)
            nfound = scan_archives(shared, found, 0, MAX_ARCHIVES);
        for (i = 0; i < nfound; i++)
            o.archives[o.narchives++] = found[i];
    }
    if (o.cfg.kiosk)
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    /* software means software: no GL library (tens of MB) to show the frame */
    if (o.software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0)
        app_die("SDL_Init: %s", SDL_GetError());
    if (find_fonts(fontdir, sizeof fontdir, o.fontdir) < 0)
        app_die("cannot find the fonts (DejaVuSans.ttf); looked beside the program, in %s and "
            "in ./fonts", FONTDIR);
    open_window(&a, &o);
    if (!(a.g = draw_open(a.ren, fontdir, err, sizeof err)))
        app_die("%s", err);
    a.ev_results = SDL_RegisterEvents(3);
    if (a.ev_results == (Uint32)-1)
        app_die("SDL_RegisterEvents: %s", SDL_GetError());
    a.ev_tick = a.ev_results + 1;
    a.ev_idle = a.ev_results + 2;
    a.sx = a.sy = 1;
    a.wake = SDL_CreateSemaphore(0);   /* NULL: wait_event lets SDL poll */
    app_current = &a;
    o.cfg.dpi_pct = dpi_pct(a.win);
    SDL_GetRendererOutputSize(a.ren, &pw, &ph);
    m = draw_measure(a.g);
    if (view_init(&a.v, &o.cfg, &m, pw, ph) < 0)
        app_die("out of memory", NULL);
    app_resized(&a);
    vm_budget(cfg_mem_archive_kb);
    vm_baseline();
    view_open(&a.v, o.archives, o.narchives, app_notify_results, NULL);
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
    view_free(&a.v);             /* joins the worker: no more notify calls */
    app_current = NULL;
    if (a.wake)
        SDL_DestroySemaphore(a.wake);
    draw_close(a.g);
    SDL_DestroyRenderer(a.ren);
    SDL_DestroyWindow(a.win);
    SDL_Quit();
    for (i = 0; i < nfound; i++)
        free(found[i]);
    return rc;
}

