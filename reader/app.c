/* app.c - the reader's SDL side: timers, SDL events to view input, and
 * the frames (see app.h).
 *
 * The loop sleeps in SDL_WaitEvent: nothing runs while nobody does
 * anything. Timers exist only while something moves (touch momentum) or
 * is due (a message to take away, the kiosk's idle reset), and each pushes
 * one event. SDL events become our own vin events here; the view never
 * sees SDL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <SDL.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "app.h"
#include "lang.h"
#include "vmem.h"

#define VB_CONFIG_KEYS
#include "config.def.h"

/* SDL's own handlers turn SIGTERM and SIGINT into SDL_QUIT; ours, put in
 * front of them, first notes that a signal sent it (app_signalled), so a
 * kiosk, which ignores the window being closed, still stops for its
 * service manager instead of being killed after a time-out. */
volatile sig_atomic_t app_signalled;
static struct sigaction sdl_term, sdl_int;

static void on_stop(int sig)
{
    const struct sigaction *sdl = sig == SIGTERM ? &sdl_term : &sdl_int;
    app_signalled = 1;
    if (sdl->sa_handler != SIG_DFL && sdl->sa_handler != SIG_IGN)
        sdl->sa_handler(sig);
    else
        _exit(128 + sig);
}

void app_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, &sdl_term);
    sigaction(SIGINT, &sa, &sdl_int);
}

app *app_current;

void app_die(const char *fmt, const char *arg)
{
    fprintf(stderr, "vraagbaak: ");
    fprintf(stderr, fmt, arg ? arg : "");
    fputc('\n', stderr);
    exit(2);
}

/* ---- waking the loop --------------------------------------------------- */

/* A pipe, not an SDL semaphore: SDL_SemWaitTimeout waits until a time of
 * the wall clock (sem_timedwait), so the wall clock set back by NTP or by
 * hand while it waits made the reader sleep that much longer (a kiosk did
 * not look at its input, a script did not answer, for as long as the
 * step). poll() counts its timeout as time passing. */
void app_wake_open(app *a)
{
    int i;

    a->wake[0] = a->wake[1] = -1;
    if (pipe(a->wake) != 0) {
        a->wake[0] = a->wake[1] = -1;
        return;
    }
    for (i = 0; i < 2; i++) {    /* neither side ever blocks */
        fcntl(a->wake[i], F_SETFL, fcntl(a->wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(a->wake[i], F_SETFD, FD_CLOEXEC);
    }
}

void app_wake_close(app *a)
{
    int i;

    for (i = 0; i < 2; i++)
        if (a->wake[i] >= 0)
            close(a->wake[i]);
    a->wake[0] = a->wake[1] = -1;
}

/* From any thread: a full pipe is awake already. */
static void wake_post(app *a)
{
    if (a->wake[1] >= 0 && write(a->wake[1], "", 1) < 0) {
        /* EAGAIN: unread bytes wait in it, the loop wakes anyway */
    }
}

/* Sleep until posted or ms pass: 1 when posted (all posts taken). */
static int wake_wait(app *a, int ms)
{
    struct pollfd p;
    char buf[64];

    p.fd = a->wake[0];
    p.events = POLLIN;
    p.revents = 0;
    if (poll(&p, 1, ms) <= 0)
        return 0;                /* the time passed (or a signal came) */
    while (read(a->wake[0], buf, sizeof buf) > 0)
        ;                        /* one look at the queue serves them all */
    return 1;
}

/* ---- timers (they run on SDL's timer thread) ------------------------- */

/* From the worker and the timer threads: an event, and a wake-up for a
 * loop that sleeps on the pipe rather than in SDL (app_wait_event). */
static void push_user(app *a, Uint32 type)
{
    SDL_Event e;

    SDL_zero(e);
    e.type = type;
    SDL_PushEvent(&e);
    wake_post(a);
}

void app_notify_results(void *ctx)
{
    (void)ctx;
    if (app_current)
        push_user(app_current, app_current->ev_results);
}

/* The watching thread saw the folder change: code 1 asks for a look. */
void app_notify_follow(void *ctx)
{
    SDL_Event e;
    app *a = app_current;

    (void)ctx;
    if (!a)
        return;
    SDL_zero(e);
    e.type = a->ev_follow;
    e.user.code = 1;
    SDL_PushEvent(&e);
    wake_post(a);
}

/* A switch waited for the reader to be quiet: time to look again. */
static Uint32 follow_cb(Uint32 interval, void *p)
{
    push_user(p, ((app *)p)->ev_follow);
    (void)interval;
    return 0;
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

Uint32 app_idle_cb(Uint32 interval, void *p)
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

/* ---- following a folder ---------------------------------------------- */

void app_follow(app *a, int idle_reset)
{
    Uint32 quiet;

    if (!a->fw || !follow_step(a->fw, &a->v, app_notify_results, NULL))
        return;
    if (a->v.cfg.kiosk) {
        /* at the idle reset: the person who was reading has gone */
        if (!idle_reset && !SDL_AtomicGet(&a->idle_sent))
            return;
    } else {
        /* not under someone's fingers: a few quiet seconds, no search
         * under way (its results come back here) */
        quiet = SDL_GetTicks() - (Uint32)SDL_AtomicGet(&a->last_input);
        if (quiet < FOLLOW_QUIET_MS) {
            if (!a->follow_timer)
                a->follow_timer = SDL_AddTimer(FOLLOW_QUIET_MS - quiet, follow_cb, a);
            return;
        }
        if (a->v.req.searching)
            return;
    }
    a->v.now = SDL_GetTicks();   /* for the notice it shows */
    if (follow_switch(a->fw, &a->v, app_notify_results, NULL) == 0) {
        a->v.out.dirty = 1;
        follow_step(a->fw, &a->v, app_notify_results, NULL); /* the next check */
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

void app_resized(app *a)
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
    draw_flush(a->g);
}

static void window_event(app *a, const SDL_WindowEvent *w)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED:
        app_resized(a);
        break;
    case SDL_WINDOWEVENT_EXPOSED:
        draw_flush(a->g);
        a->v.out.dirty = 1;
        break;
    }
}

static void pointer_event(app *a, int type, int x, int y, int touch)
{
    vin in;

    memset(&in, 0, sizeof in);
    in.type = type;
    in.key = touch >> 1;                  /* the right button */
    touch &= 1;
    in.x = touch ? x : (int)(x * a->sx);
    in.y = touch ? y : (int)(y * a->sy);
    in.touch = touch;
    feed(a, &in);
}

/* One SDL event into the view. Returns 1 when the program should end. */
int app_handle(app *a, const SDL_Event *e)
{
    vin in;

    memset(&in, 0, sizeof in);
    if (e->type == a->ev_results) {
        view_results(&a->v, SDL_GetTicks());
        app_follow(a, 0);
        return 0;
    }
    if (e->type == a->ev_follow) {
        if (e->user.code == 1 && a->fw)
            follow_rescan(a->fw);
        else
            a->follow_timer = 0;     /* it fired, and is gone */
        app_follow(a, 0);
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
        app_follow(a, 1);
        return 0;
    }
    if (e->type == SDL_KEYDOWN || e->type == SDL_TEXTINPUT || e->type == SDL_MOUSEBUTTONDOWN ||
        e->type == SDL_FINGERDOWN || e->type == SDL_MOUSEWHEEL) {
        SDL_AtomicSet(&a->last_input, (int)SDL_GetTicks());
        SDL_AtomicSet(&a->idle_sent, 0);
    }
    switch (e->type) {
    case SDL_QUIT: /* a kiosk's window is not closed by a passer-by */
        return !a->v.cfg.kiosk || app_signalled;
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
        if (e->button.which == SDL_TOUCH_MOUSEID ||
            (e->button.button != SDL_BUTTON_LEFT && e->button.button != SDL_BUTTON_RIGHT))
            break;
        pointer_event(a, e->type == SDL_MOUSEBUTTONDOWN ? VI_PRESS : VI_RELEASE,
                      e->button.x, e->button.y, e->button.button == SDL_BUTTON_RIGHT ? 2 : 0);
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
void app_requests(app *a)
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
        draw_flush(a->g);
        v->out.flush_cache = 0;
        v->out.dirty = 1;
    }
    sync_timers(a);
}

static double ms_since(Uint64 t)
{
    return (double)(SDL_GetPerformanceCounter() - t) * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

void app_draw(app *a)
{
    a->tdraw = SDL_GetPerformanceCounter();
    app_requests(a);
    view_render(&a->v);
    SDL_SetRenderDrawColor(a->ren, 0, 0, 0, 255);
    SDL_RenderClear(a->ren);
    draw_list(a->g, &a->v.frame.dl);
    a->v.out.dirty = view_pending(&a->v);   /* more to lay out: another frame */
}

/* Show the frame; its time, from view_render to here, is measured (the
 * software renderer does its work in SDL_RenderPresent), and so is the
 * time from a keystroke to the frame that shows its results. */
void app_present(app *a)
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
 * on a pipe that every event we push (search results, timers) writes to:
 * those wake us at once. Input SDL reads itself still needs polling:
 * 25 times a second while nothing happens, 10 after two seconds (a first
 * touch after a pause waits at most 100 ms, the next ones 1 ms). Without
 * input devices we look once a second, for a signal to quit. */
int app_wait_event(app *a, SDL_Event *e, int ms)
{
    Uint32 step = 1, t0 = SDL_GetTicks(), now, nap;
    int kind = driver_kind();

    if (kind == 2 || a->wake[0] < 0)
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
        if (wake_wait(a, (int)nap)) {
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
void app_tidy(app *a)
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

int app_run(app *a)
{
    SDL_Event e;

    for (;;) {
        app_requests(a);
        if (a->v.out.quit)
            return 0;
        if (a->v.out.dirty) {
            app_draw(a);
            app_present(a);
        }
        if (!SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT))
            app_tidy(a);
        if (view_pending(&a->v)) {
            /* a long case is laid out a slice a frame: take the input
             * that came meanwhile, and go on without waiting for more */
            if (!SDL_PollEvent(&e))
                continue;
        } else if (!app_wait_event(a, &e, -1)) {
            app_die("SDL_WaitEvent: %s", SDL_GetError());
        }
        do {
            if (app_handle(a, &e))
                return 0;
        } while (SDL_PollEvent(&e));
    }
}

