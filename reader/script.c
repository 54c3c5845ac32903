/* script.c - the script runner and the "stats" command (see script.h).
 *
 * Each command pushes the SDL events a user would cause and lets the app
 * handle and draw them as its loop would, so a script sees what a user
 * sees (SDL_VIDEODRIVER=dummy runs it without a screen).
 */
#include "vstate.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "script.h"
#include "vmem.h"

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
static void script_stats(app *a)
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
           "latency_ms_p99=%u latency_ms_max=%u",
           m.rss, m.anon, m.file, m.hwm, heap_kb, vm_releases(), a->frames,
           a->frames ? a->frame_ms_sum / (double)a->frames : 0.0, pct(fus, nf, 50) / 1000.0,
           pct(fus, nf, 99) / 1000.0, a->frame_ms_max, draw_renders(a->g),
           draw_cache_bytes(a->g) / 1024, a->nlat, pct(lat, n, 50), pct(lat, n, 99),
           pct(lat, n, 100));
    if (a->fw) {                 /* --library: the folder followed */
        unsigned sw, broken, waiting;
        follow_counts(a->fw, &sw, &broken, &waiting);
        printf(" follow_switches=%u follow_broken=%u follow_waiting=%u", sw, broken, waiting);
    }
    putchar('\n');
    fflush(stdout);
    if ((f = fopen("/proc/self/clear_refs", "w"))) {   /* "5": reset VmHWM */
        fputs("5", f);
        fclose(f);
    }
    a->frame_ms_sum = a->frame_ms_max = 0;
    a->frames = 0;
    a->nlat = 0;
}


/* ---- the script runner ----------------------------------------------- */

static int screenshot(app *a, const char *file)
{
    int w, h, rc = -1;
    SDL_Surface *s;

    app_draw(a);
    SDL_GetRendererOutputSize(a->ren, &w, &h);
    s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (s && SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0 &&
        SDL_SaveBMP(s, file) == 0)
        rc = 0;
    else
        fprintf(stderr, "vraagbaak: screenshot %s: %s\n", file, SDL_GetError());
    SDL_FreeSurface(s);
    app_present(a);
    return rc;
}

/* Handle whatever is queued, and draw if that changed something: one turn
 * of app_run()'s loop, tidying up as it does before it would sleep. */
static int pump(app *a)
{
    SDL_Event e;

    while (SDL_PollEvent(&e))
        if (app_handle(a, &e))
            return 1;
    view_results(&a->v, SDL_GetTicks());
    app_requests(a);
    if (a->v.out.dirty) {
        app_draw(a);
        app_present(a);
    }
    app_tidy(a);
    return a->v.out.quit;
}

/* Let ms milliseconds pass as app_run() would: sleeping until something comes,
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
        if (view_pending(&a->v))     /* a slice a frame, as app_run() does */
            continue;
        if (app_wait_event(a, &e, left) && app_handle(a, &e))
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
        app_resized(a);
        return pump(a);
    }
    if (!strcmp(cmd, "screenshot") && *arg)
        return screenshot(a, arg);
    if (!strcmp(cmd, "quit"))
        return 1;
    if (!strcmp(cmd, "sleep") && sscanf(arg, "%d", &n) == 1 && n >= 0 && n <= 600000)
        return pass_time(a, (Uint32)n);
    if (!strcmp(cmd, "stats")) {
        script_stats(a);
        return 0;
    }
    if (!strcmp(cmd, "state")) { /* what a person sees, as JSON */
        view_render(&a->v);
        view_state_json(&a->v, stdout);
        return 0;
    }
bad:
    fprintf(stderr, "vraagbaak: script line %d: cannot do: %s %s\n", lineno, cmd, arg);
    return -1;
}

int script_run(app *a, const char *file)
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
