/* main.c - vraagbaak: SDL set-up, the event loop, the script runner, and
 * everything that depends on the platform (paths, DPI, clipboard, timers).
 *
 * The loop sleeps in SDL_WaitEvent: nothing runs while nobody does
 * anything. Timers exist only while something moves (touch momentum) or
 * is due (a message to take away, the kiosk's idle reset), and each pushes
 * one event. SDL events become our own vin events here; the view never
 * sees SDL.
 */
#include <errno.h>
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
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "draw.h"
#include "lang.h"
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

#define MAX_ARCHIVES WK_ARCH_MAX /* archives and their parts */

typedef struct {
    SDL_Window *win;
    SDL_Renderer *ren;
    gfx *g;
    view v;
    Uint32 ev_results, ev_tick, ev_idle;
    SDL_TimerID anim_timer, wake_timer, idle_timer;
    SDL_sem *wake;           /* posted with each event we push (see wait_event) */
    uint32_t wake_at;
    SDL_atomic_t animating;
    SDL_atomic_t last_input;
    SDL_atomic_t idle_sent;
    int idle_ms;
    int shown;
    float sx, sy;            /* window to pixel scale (HiDPI) */
    unsigned long frames;
    double frame_ms_sum, frame_ms_max;   /* measurements (the stats command) */
    uint32_t frame_us[1024]; /* the last frames' times in microseconds (a ring) */
    uint32_t lat[1024];      /* keystroke to results on screen, ms (a ring) */
    size_t nlat;
    Uint32 trimmed;          /* when the heap was last trimmed (tidy) */
    int verbose;             /* VRAAGBAAK_STATS: timings to stderr */
    Uint64 t0, tdraw;
} app;

static app *the_app;          /* for the worker's notify and the timers */

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "vraagbaak: ");
    fprintf(stderr, fmt, arg ? arg : "");
    fputc('\n', stderr);
    exit(2);
}

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

/* ---- timers (they run on SDL's timer thread) ------------------------- */

/* From the worker and the timer threads: an event, and a wake-up for a
 * loop that sleeps on the semaphore rather than in SDL (wait_event). */
static void push_user(app *a, Uint32 type)
{
    SDL_Event e;

    SDL_zero(e);
    e.type = type;
    SDL_PushEvent(&e);
    if (a->wake)
        SDL_SemPost(a->wake);
}

static void notify_results(void *ctx)
{
    (void)ctx;
    if (the_app)
        push_user(the_app, the_app->ev_results);
}

static Uint32 anim_cb(Uint32 interval, void *p)
{
    app *a = p;

    if (!SDL_AtomicGet(&a->animating))
        return 0;
    push_user(a, a->ev_tick);
    return interval;
}

static Uint32 wake_cb(Uint32 interval, void *p)
{
    push_user(p, ((app *)p)->ev_tick);
    (void)interval;
    return 0;
}

static Uint32 idle_cb(Uint32 interval, void *p)
{
    app *a = p;
    Uint32 since = SDL_GetTicks() - (Uint32)SDL_AtomicGet(&a->last_input);

    (void)interval;
    if (since + 50 >= (Uint32)a->idle_ms) {
        if (!SDL_AtomicGet(&a->idle_sent)) {
            SDL_AtomicSet(&a->idle_sent, 1);
            push_user(a, a->ev_idle);
        }
        return (Uint32)a->idle_ms;
    }
    return (Uint32)a->idle_ms - since;
}

/* Start or stop the timers the view asks for. */
static void sync_timers(app *a)
{
    view *v = &a->v;

    SDL_AtomicSet(&a->animating, v->out.animating);
    if (v->out.animating && !a->anim_timer)
        a->anim_timer = SDL_AddTimer(16, anim_cb, a);
    else if (!v->out.animating && a->anim_timer) {
        SDL_RemoveTimer(a->anim_timer);
        a->anim_timer = 0;
    }
    if (v->out.wake_ms != a->wake_at) {
        if (a->wake_timer)
            SDL_RemoveTimer(a->wake_timer);
        a->wake_timer = 0;
        a->wake_at = v->out.wake_ms;
        if (v->out.wake_ms) {
            int32_t d = (int32_t)(v->out.wake_ms - SDL_GetTicks());
            a->wake_timer = SDL_AddTimer(d > 1 ? (Uint32)d : 1, wake_cb, a);
        }
    }
}

/* ---- SDL events to view input ---------------------------------------- */

static int mods_match(Uint16 want, Uint16 have)
{
    static const Uint16 groups[] = { KMOD_CTRL, KMOD_SHIFT, KMOD_ALT, KMOD_GUI };
    size_t i;

    for (i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (!(want & groups[i]) != !(have & groups[i]))
            return 0;
    return 1;
}

static int key_action(SDL_Keycode sym, Uint16 mod)
{
    size_t i, n = sizeof cfg_keys / sizeof cfg_keys[0];

    for (i = 0; i < n; i++)
        if (cfg_keys[i].key == sym && mods_match(cfg_keys[i].mod, mod))
            return cfg_keys[i].action;
    /* a plain key held with shift (shift+Down) still does what it does */
    for (i = 0; i < n; i++)
        if (cfg_keys[i].key == sym && cfg_keys[i].mod == 0 &&
            mods_match(0, mod & (Uint16)~KMOD_SHIFT))
            return cfg_keys[i].action;
    return VK_NONE;
}

/* in->ms is the time of the event when known (keys: when it was queued,
 * so the keystroke-to-results time counts the wait in the queue), else
 * now. */
static void feed(app *a, vin *in)
{
    if (!in->ms)
        in->ms = SDL_GetTicks();
    view_input(&a->v, in);
}

static void resized(app *a)
{
    int pw, ph, ww, wh;
    vin in;

    SDL_GetRendererOutputSize(a->ren, &pw, &ph);
    SDL_GetWindowSize(a->win, &ww, &wh);
    a->sx = ww > 0 ? (float)pw / ww : 1;
    a->sy = wh > 0 ? (float)ph / wh : 1;
    /* a HiDPI window has more pixels than points: the text grows with it */
    if (a->sx > 1.05f && (int)(a->sx * 100) > a->v.cfg.dpi_pct)
        a->v.cfg.dpi_pct = (int)(a->sx * 100);
    memset(&in, 0, sizeof in);
    in.type = VI_RESIZE;
    in.x = pw;
    in.y = ph;
    feed(a, &in);
    gfx_flush(a->g);
}

static void window_event(app *a, const SDL_WindowEvent *w)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED:
        resized(a);
        break;
    case SDL_WINDOWEVENT_EXPOSED:
        gfx_flush(a->g);
        a->v.out.dirty = 1;
        break;
    }
}

static void pointer_event(app *a, int type, int x, int y, int touch)
{
    vin in;

    memset(&in, 0, sizeof in);
    in.type = type;
    in.x = touch ? x : (int)(x * a->sx);
    in.y = touch ? y : (int)(y * a->sy);
    in.touch = touch;
    feed(a, &in);
}

/* One SDL event into the view. Returns 1 when the program should end. */
static int handle(app *a, const SDL_Event *e)
{
    vin in;

    memset(&in, 0, sizeof in);
    if (e->type == a->ev_results) {
        view_results(&a->v, SDL_GetTicks());
        return 0;
    }
    if (e->type == a->ev_tick) {
        in.type = VI_TICK;
        feed(a, &in);
        return 0;
    }
    if (e->type == a->ev_idle) {
        in.type = VI_IDLE;
        feed(a, &in);
        return 0;
    }
    if (e->type == SDL_KEYDOWN || e->type == SDL_TEXTINPUT || e->type == SDL_MOUSEBUTTONDOWN ||
        e->type == SDL_FINGERDOWN || e->type == SDL_MOUSEWHEEL) {
        SDL_AtomicSet(&a->last_input, (int)SDL_GetTicks());
        SDL_AtomicSet(&a->idle_sent, 0);
    }
    switch (e->type) {
    case SDL_QUIT:
        return !a->v.cfg.kiosk;
    case SDL_WINDOWEVENT:
        window_event(a, &e->window);
        break;
    case SDL_KEYDOWN:
        if (a->v.cfg.kiosk && e->key.keysym.sym == cfg_kiosk_quit_key &&
            mods_match(cfg_kiosk_quit_mod, e->key.keysym.mod))
            return 1;
        in.type = VI_KEY;
        in.ms = e->key.timestamp;
        in.key = key_action(e->key.keysym.sym, e->key.keysym.mod);
        if (in.key != VK_NONE)
            feed(a, &in);
        break;
    case SDL_TEXTINPUT:
        in.type = VI_TEXT;
        in.ms = e->text.timestamp;
        snprintf(in.text, sizeof in.text, "%s", e->text.text);
        feed(a, &in);
        break;
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            break;
        pointer_event(a, e->type == SDL_MOUSEBUTTONDOWN ? VI_PRESS : VI_RELEASE,
                      e->button.x, e->button.y, 0);
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which != SDL_TOUCH_MOUSEID)
            pointer_event(a, VI_MOTION, e->motion.x, e->motion.y, 0);
        break;
    case SDL_MOUSEWHEEL:
        in.type = VI_WHEEL;
        in.dy = e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e->wheel.y : e->wheel.y;
        if (in.dy)
            feed(a, &in);
        break;
    case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_FINGERUP:
        pointer_event(a, e->type == SDL_FINGERDOWN ? VI_PRESS :
                      e->type == SDL_FINGERUP ? VI_RELEASE : VI_MOTION,
                      (int)(e->tfinger.x * a->v.w), (int)(e->tfinger.y * a->v.h), 1);
        break;
    }
    return 0;
}

/* Do what the view asked for: clipboard, full screen. */
static void requests(app *a)
{
    view *v = &a->v;

    if (v->out.clip) {
        if (v->cfg.copy_allowed)
            SDL_SetClipboardText(v->out.clip);
        free(v->out.clip);
        v->out.clip = NULL;
    }
    if (v->out.fullscreen) {
        Uint32 f = SDL_GetWindowFlags(a->win) & SDL_WINDOW_FULLSCREEN_DESKTOP;
        SDL_SetWindowFullscreen(a->win, f ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        v->out.fullscreen = 0;
    }
    if (v->out.flush_cache) {
        gfx_flush(a->g);
        v->out.flush_cache = 0;
        v->out.dirty = 1;
    }
    sync_timers(a);
}

static double ms_since(Uint64 t)
{
    return (double)(SDL_GetPerformanceCounter() - t) * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static void draw(app *a)
{
    a->tdraw = SDL_GetPerformanceCounter();
    requests(a);
    view_render(&a->v);
    SDL_SetRenderDrawColor(a->ren, 0, 0, 0, 255);
    SDL_RenderClear(a->ren);
    gfx_draw(a->g, &a->v.frame.dl);
    a->v.out.dirty = 0;
}

/* Show the frame; its time, from view_render to here, is measured (the
 * software renderer does its work in SDL_RenderPresent), and so is the
 * time from a keystroke to the frame that shows its results. */
static void present(app *a)
{
    double ms;

    SDL_RenderPresent(a->ren);
    ms = ms_since(a->tdraw);
    a->frame_us[a->frames % (sizeof a->frame_us / sizeof a->frame_us[0])] = (uint32_t)(ms * 1000);
    a->frames++;
    a->frame_ms_sum += ms;
    if (ms > a->frame_ms_max)
        a->frame_ms_max = ms;
    if (a->v.req.lat_due) {
        uint32_t lat = SDL_GetTicks() - a->v.req.qstart;
        a->lat[a->nlat++ % (sizeof a->lat / sizeof a->lat[0])] = lat;
        a->v.req.lat_due = 0;
        if (a->verbose)
            fprintf(stderr, "results after %u ms: %s (%zu hits)\n", (unsigned)lat,
                    a->v.query.text, a->v.res.total);
    }
    if (!a->shown) {             /* the window appears with its first frame */
        SDL_ShowWindow(a->win);
        a->shown = 1;
        if (a->verbose) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            /* the wall clock too, so a benchmark can count from exec */
            fprintf(stderr, "first frame after %.1f ms (at %lld.%03ld)\n", ms_since(a->t0),
                    (long long)ts.tv_sec, ts.tv_nsec / 1000000L);
        }
    }
}

/* Memory from one read of /proc/self/status, in kB (-1 when unknown):
 * resident (all, anonymous, file-backed) and its high-water mark. */
typedef struct {
    long rss, anon, file, hwm;
} memkb;

static memkb read_mem(void)
{
    static const char *const keys[] = { "VmRSS:", "RssAnon:", "RssFile:", "VmHWM:" };
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v[4] = { -1, -1, -1, -1 };
    memkb m;
    size_t i;

    while (f && fgets(line, sizeof line, f))
        for (i = 0; i < 4; i++)
            if (!strncmp(line, keys[i], strlen(keys[i])))
                v[i] = atol(line + strlen(keys[i]));
    if (f)
        fclose(f);
    m.rss = v[0];
    m.anon = v[1];
    m.file = v[2];
    m.hwm = v[3] > v[0] ? v[3] : v[0];
    return m;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* The p-th percentile (0..100) of n values, sorting them in place. */
static uint32_t pct(uint32_t *v, size_t n, int p)
{
    size_t i;

    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_u32);
    i = (n * (size_t)p + 99) / 100;
    return v[i > 0 ? i - 1 : 0];
}

/* The "stats" script command: what the benchmarks measure. Memory as it
 * is now and its peak since the last stats (the kernel's high-water mark,
 * which is then reset); the other counters start again too. */
static void print_stats(app *a)
{
    uint32_t lat[1024], fus[1024];
    size_t n = a->nlat < 1024 ? a->nlat : 1024;
    size_t nf = a->frames < 1024 ? a->frames : 1024;
    long heap_kb = -1;
    memkb m = read_mem();
    FILE *f;

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    heap_kb = (long)(mallinfo2().uordblks / 1024);
#endif
    memcpy(lat, a->lat, n * sizeof *lat);
    memcpy(fus, a->frame_us, nf * sizeof *fus);
    printf("rss_kb=%ld anon_kb=%ld file_kb=%ld peak_kb=%ld heap_kb=%ld releases=%ld "
           "frames=%lu frame_ms_avg=%.2f frame_ms_p50=%.2f frame_ms_p99=%.2f frame_ms_max=%.2f "
           "text_renders=%lu text_cache_kb=%zu searches=%zu latency_ms_p50=%u "
           "latency_ms_p99=%u latency_ms_max=%u\n",
           m.rss, m.anon, m.file, m.hwm, heap_kb, vm_releases(), a->frames,
           a->frames ? a->frame_ms_sum / (double)a->frames : 0.0, pct(fus, nf, 50) / 1000.0,
           pct(fus, nf, 99) / 1000.0, a->frame_ms_max, gfx_renders(a->g),
           gfx_cache_bytes(a->g) / 1024, a->nlat, pct(lat, n, 50), pct(lat, n, 99),
           pct(lat, n, 100));
    fflush(stdout);
    if ((f = fopen("/proc/self/clear_refs", "w"))) {   /* "5": reset VmHWM */
        fputs("5", f);
        fclose(f);
    }
    a->frame_ms_sum = a->frame_ms_max = 0;
    a->frames = 0;
    a->nlat = 0;
}

/* How the video driver lets us sleep: 2 it blocks in SDL_WaitEvent (X11,
 * Wayland, Windows, macOS); 1 SDL would poll every millisecond, and input
 * comes from devices SDL reads (KMSDRM on a kiosk); 0 SDL would poll and
 * no input comes at all but our own events (dummy, offscreen). */
static int driver_kind(void)
{
    static int kind = -1;
    const char *d;

    if (kind < 0) {
        d = SDL_GetCurrentVideoDriver();
        kind = !d ? 1 : !strcmp(d, "x11") || !strcmp(d, "wayland") || !strcmp(d, "windows") ||
               !strcmp(d, "cocoa") ? 2 : !strcmp(d, "dummy") || !strcmp(d, "offscreen") ? 0 : 1;
    }
    return kind;
}

/* Wait up to ms milliseconds (-1: for ever) for an event; 1 when *e holds
 * one, 0 when the time ran out (or SDL failed).
 *
 * Where SDL really blocks, it does. Elsewhere SDL_WaitEvent would poll
 * every millisecond, a few percent of a small CPU for nothing, so we sleep
 * on a semaphore that every event we push (search results, timers) posts:
 * those wake us at once. Input SDL reads itself still needs polling:
 * 25 times a second while nothing happens, 10 after two seconds (a first
 * touch after a pause waits at most 100 ms, the next ones 1 ms). Without
 * input devices we look once a second, for a signal to quit. */
static int wait_event(app *a, SDL_Event *e, int ms)
{
    Uint32 step = 1, t0 = SDL_GetTicks(), now, nap;
    int kind = driver_kind();

    if (kind == 2 || !a->wake)
        return ms < 0 ? SDL_WaitEvent(e) : SDL_WaitEventTimeout(e, ms);
    for (;;) {
        if (SDL_PollEvent(e))
            return 1;
        now = SDL_GetTicks();
        if (ms >= 0 && now - t0 >= (Uint32)ms)
            return 0;
        nap = kind == 0 ? 1000 : step;
        if (ms >= 0 && nap > (Uint32)ms - (now - t0))
            nap = (Uint32)ms - (now - t0);
        if (SDL_SemWaitTimeout(a->wake, nap) == 0) {
            while (SDL_SemTryWait(a->wake) == 0)
                ;                /* one look at the queue serves them all */
            step = 1;
        } else if (step < 40) {
            step = step * 2 > 40 ? 40 : step * 2;
        } else if (now - t0 > 2000) {
            step = 100;
        }
    }
}

/* Going to sleep: give back the archive pages and the free heap this last
 * burst of work left behind (the heap at most once a second: it has to
 * walk it), so what stays resident is what the program needs. Not while
 * the worker searches: it gives pages back as it goes, and its results
 * wake us again when it is done. */
static void tidy(app *a)
{
    Uint32 now = SDL_GetTicks();

    if (view_busy(&a->v))
        return;
    vm_keep();
    if (now - a->trimmed >= 1000) {
#ifdef __GLIBC__
        malloc_trim(0);
#endif
        a->trimmed = now;
    }
}

static int run(app *a)
{
    SDL_Event e;

    for (;;) {
        requests(a);
        if (a->v.out.quit)
            return 0;
        if (a->v.out.dirty) {
            draw(a);
            present(a);
        }
        if (!SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT))
            tidy(a);
        if (!wait_event(a, &e, -1))
            die("SDL_WaitEvent: %s", SDL_GetError());
        do {
            if (handle(a, &e))
                return 0;
        } while (SDL_PollEvent(&e));
    }
}

/* ---- the script runner ----------------------------------------------- */

static int screenshot(app *a, const char *file)
{
    int w, h, rc = -1;
    SDL_Surface *s;

    draw(a);
    SDL_GetRendererOutputSize(a->ren, &w, &h);
    s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (s && SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0 &&
        SDL_SaveBMP(s, file) == 0)
        rc = 0;
    else
        fprintf(stderr, "vraagbaak: screenshot %s: %s\n", file, SDL_GetError());
    SDL_FreeSurface(s);
    present(a);
    return rc;
}

/* Handle whatever is queued, and draw if that changed something: one turn
 * of run()'s loop, tidying up as it does before it would sleep. */
static int pump(app *a)
{
    SDL_Event e;

    while (SDL_PollEvent(&e))
        if (handle(a, &e))
            return 1;
    view_results(&a->v, SDL_GetTicks());
    requests(a);
    if (a->v.out.dirty) {
        draw(a);
        present(a);
    }
    tidy(a);
    return a->v.out.quit;
}

/* Let ms milliseconds pass as run() would: sleeping until something comes,
 * handling it, drawing. 1 when the program should end. */
static int pass_time(app *a, Uint32 ms)
{
    Uint32 end = SDL_GetTicks() + ms;
    int32_t left;
    SDL_Event e;

    while (!pump(a)) {
        left = (int32_t)(end - SDL_GetTicks());
        if (left <= 0)
            return 0;
        if (wait_event(a, &e, left) && handle(a, &e))
            return 1;
    }
    return 1;
}

/* "wait": until no search runs, nothing is queued and the frame is drawn
 * (at most 20 s). */
static int settle(app *a)
{
    Uint32 end = SDL_GetTicks() + 20000;

    while ((int32_t)(end - SDL_GetTicks()) > 0) {
        if (pump(a))
            return 1;
        if (!view_busy(&a->v) && !SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT) && !a->v.out.dirty)
            return 0;
        /* results wake us at once; the worker may also go idle silently
         * (a cancelled search posts nothing), hence the short nap */
        if (pass_time(a, 2))
            return 1;
    }
    fprintf(stderr, "vraagbaak: wait: still busy after a long time\n");
    return 0;
}

static void push_key(app *a, SDL_Keycode sym, Uint16 mod)
{
    SDL_Event e;

    SDL_zero(e);
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(a->win);
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

static void push_text(app *a, const char *s)
{
    SDL_Event e;
    size_t n = strlen(s), i = 0;

    /* one event per character, as a keyboard would send them */
    while (i < n) {
        size_t k = 1;
        while (i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80)
            k++;
        SDL_zero(e);
        e.type = SDL_TEXTINPUT;
        e.text.windowID = SDL_GetWindowID(a->win);
        memcpy(e.text.text, s + i, k < sizeof e.text.text ? k : sizeof e.text.text - 1);
        SDL_PushEvent(&e);
        i += k;
        if (pump(a))
            return;
    }
}

static int script_key(app *a, const char *name)
{
    Uint16 mod = 0;
    SDL_Keycode sym;
    char buf[64];

    for (;;) {
        if (!SDL_strncasecmp(name, "ctrl+", 5))
            mod |= KMOD_LCTRL, name += 5;
        else if (!SDL_strncasecmp(name, "shift+", 6))
            mod |= KMOD_LSHIFT, name += 6;
        else if (!SDL_strncasecmp(name, "alt+", 4))
            mod |= KMOD_LALT, name += 4;
        else
            break;
    }
    snprintf(buf, sizeof buf, "%s", !SDL_strcasecmp(name, "plus") ? "+" :
             !SDL_strcasecmp(name, "minus") ? "-" : name);
    sym = SDL_GetKeyFromName(buf);
    if (sym == SDLK_UNKNOWN && strlen(buf) == 1)
        sym = (SDL_Keycode)(unsigned char)buf[0];
    if (sym == SDLK_UNKNOWN)
        return -1;
    push_key(a, sym, mod);
    /* a printable key also types its character, as SDL does */
    if (!(mod & (KMOD_CTRL | KMOD_ALT)) && strlen(buf) == 1 && (unsigned char)buf[0] >= 0x20 &&
        (unsigned char)buf[0] < 0x7f) {
        char t[2] = { buf[0], 0 };
        push_text(a, t);
    }
    return 0;
}

static void push_button(app *a, int type, int x, int y)
{
    SDL_Event e;

    SDL_zero(e);
    e.type = (Uint32)type;
    e.button.windowID = SDL_GetWindowID(a->win);
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = (int)(x / a->sx);
    e.button.y = (int)(y / a->sy);
    SDL_PushEvent(&e);
}

static void push_motion(app *a, int x, int y)
{
    SDL_Event e;

    SDL_zero(e);
    e.type = SDL_MOUSEMOTION;
    e.motion.windowID = SDL_GetWindowID(a->win);
    e.motion.state = SDL_BUTTON_LMASK;
    e.motion.x = (int)(x / a->sx);
    e.motion.y = (int)(y / a->sy);
    SDL_PushEvent(&e);
}

/* One command line; 0 ok, -1 failed, 1 quit. */
static int command(app *a, char *line, int lineno)
{
    char *cmd = line, *arg;
    int x, y, x2, y2, n;

    while (*cmd == ' ' || *cmd == '\t')
        cmd++;
    if (!*cmd || *cmd == '#')
        return 0;
    arg = cmd + strcspn(cmd, " \t");
    if (*arg)
        *arg++ = '\0';
    if (!strcmp(cmd, "wait"))
        return settle(a);
    if (!strcmp(cmd, "type")) {
        push_text(a, arg);
        return pump(a);
    }
    if (!strcmp(cmd, "key")) {
        if (script_key(a, arg) < 0)
            goto bad;
        return pump(a);
    }
    if (!strcmp(cmd, "click") && sscanf(arg, "%d %d", &x, &y) == 2) {
        push_motion(a, x, y);
        push_button(a, SDL_MOUSEBUTTONDOWN, x, y);
        push_button(a, SDL_MOUSEBUTTONUP, x, y);
        return pump(a);
    }
    if (!strcmp(cmd, "drag") && sscanf(arg, "%d %d %d %d", &x, &y, &x2, &y2) == 4) {
        push_button(a, SDL_MOUSEBUTTONDOWN, x, y);
        push_motion(a, x2, y2);
        push_button(a, SDL_MOUSEBUTTONUP, x2, y2);
        return pump(a);
    }
    if (!strcmp(cmd, "scroll") && sscanf(arg, "%d", &n) == 1) {
        SDL_Event e;
        SDL_zero(e);
        e.type = SDL_MOUSEWHEEL;
        e.wheel.windowID = SDL_GetWindowID(a->win);
        e.wheel.y = -n;     /* the script's positive N scrolls down */
        SDL_PushEvent(&e);
        return pump(a);
    }
    if (!strcmp(cmd, "resize") && sscanf(arg, "%d %d", &x, &y) == 2 && x > 0 && y > 0) {
        SDL_SetWindowSize(a->win, x, y);
        pump(a);
        resized(a);
        return pump(a);
    }
    if (!strcmp(cmd, "screenshot") && *arg)
        return screenshot(a, arg);
    if (!strcmp(cmd, "quit"))
        return 1;
    if (!strcmp(cmd, "sleep") && sscanf(arg, "%d", &n) == 1 && n >= 0 && n <= 600000)
        return pass_time(a, (Uint32)n);
    if (!strcmp(cmd, "stats")) {
        print_stats(a);
        return 0;
    }
bad:
    fprintf(stderr, "vraagbaak: script line %d: cannot do: %s %s\n", lineno, cmd, arg);
    return -1;
}

static int run_script(app *a, const char *file)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
    char line[4096];
    int lineno = 0, failed = 0, rc;

    if (!f) {
        fprintf(stderr, "vraagbaak: %s: %s\n", file, strerror(errno));
        return 2;
    }
    pump(a);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        lineno++;
        rc = command(a, line, lineno);
        if (rc < 0)
            failed = 1;
        if (rc > 0 || a->v.out.quit)
            break;
    }
    if (f != stdin)
        fclose(f);
    if (a->v.screen == SC_ERROR) {
        fprintf(stderr, "vraagbaak: %s\n", a->v.errmsg);
        failed = 1;
    }
    return failed;
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
        die("SDL_CreateWindow: %s", SDL_GetError());
    if (!o->software)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED);
    if (!a->ren)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren)
        die("SDL_CreateRenderer: %s", SDL_GetError());
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
        die("SDL_Init: %s", SDL_GetError());
    if (find_fonts(fontdir, sizeof fontdir, o.fontdir) < 0)
        die("cannot find the fonts (DejaVuSans.ttf); looked beside the program, in %s and "
            "in ./fonts", FONTDIR);
    open_window(&a, &o);
    if (!(a.g = gfx_open(a.ren, fontdir, err, sizeof err)))
        die("%s", err);
    a.ev_results = SDL_RegisterEvents(3);
    if (a.ev_results == (Uint32)-1)
        die("SDL_RegisterEvents: %s", SDL_GetError());
    a.ev_tick = a.ev_results + 1;
    a.ev_idle = a.ev_results + 2;
    a.sx = a.sy = 1;
    a.wake = SDL_CreateSemaphore(0);   /* NULL: wait_event lets SDL poll */
    the_app = &a;
    o.cfg.dpi_pct = dpi_pct(a.win);
    SDL_GetRendererOutputSize(a.ren, &pw, &ph);
    m = gfx_measure(a.g);
    if (view_init(&a.v, &o.cfg, &m, pw, ph) < 0)
        die("out of memory", NULL);
    resized(&a);
    vm_budget(cfg_mem_archive_kb);
    vm_baseline();
    view_open(&a.v, o.archives, o.narchives, notify_results, NULL);
    vm_keep();                   /* opening read columns through the map */
    if (o.cfg.kiosk) {
        a.idle_ms = o.idle_s > 0 ? o.idle_s * 1000 : a.v.cfg.idle_min * 60000;
        SDL_AtomicSet(&a.last_input, (int)SDL_GetTicks());
        a.idle_timer = SDL_AddTimer((Uint32)a.idle_ms, idle_cb, &a);
        SDL_ShowCursor(SDL_DISABLE);
    }
    rc = o.script ? run_script(&a, o.script) : run(&a);
    if (a.anim_timer)
        SDL_RemoveTimer(a.anim_timer);
    if (a.wake_timer)
        SDL_RemoveTimer(a.wake_timer);
    if (a.idle_timer)
        SDL_RemoveTimer(a.idle_timer);
    view_free(&a.v);             /* joins the worker: no more notify calls */
    the_app = NULL;
    if (a.wake)
        SDL_DestroySemaphore(a.wake);
    gfx_close(a.g);
    SDL_DestroyRenderer(a.ren);
    SDL_DestroyWindow(a.win);
    SDL_Quit();
    for (i = 0; i < nfound; i++)
        free(found[i]);
    return rc;
}
