/* app.h - the reader's SDL side: the window, its timers, SDL events made
 * into view input, drawing and presenting frames (app.c).
 *
 * main.c sets it up and runs app_run(); script.c drives it from a script.
 */
#ifndef VB_APP_H
#define VB_APP_H

#include <stdint.h>

#include <signal.h>
#include <SDL.h>

#include "draw.h"
#include "follow.h"
#include "view.h"

#define MAX_ARCHIVES WK_ARCH_MAX /* archives and their parts */

typedef struct {
    SDL_Window *win;
    SDL_Renderer *ren;
    drawer *g;
    view v;
    Uint32 ev_results, ev_tick, ev_idle, ev_follow;
    SDL_TimerID anim_timer, wake_timer, idle_timer;
    follow *fw;              /* --library DIR: the folder followed, or NULL */
    SDL_TimerID follow_timer; /* a switch waits for the reader to be idle */
    int wake[2];             /* a pipe written with each event we push (see
                                wait_event); -1 when there is none */
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

/* The running app, for the worker's notify and the timers (NULL before
 * and after). */
extern app *app_current;
/* Set when SIGTERM or SIGINT arrived: SDL turns them into SDL_QUIT, which
 * a kiosk ignores when it is the window being closed, but a service
 * manager stopping the reader (systemctl stop) must end it. */
extern volatile sig_atomic_t app_signalled;
/* Put app_signalled's handler in front of SDL's (after SDL_Init). */
void app_stop_signals(void);

/* Print "vraagbaak: " and the message to stderr, and exit(2). */
void app_die(const char *fmt, const char *arg);
/* The worker's notify: results are waiting (any thread). */
void app_notify_results(void *ctx);
/* The followed folder changed (the watching thread). */
void app_notify_follow(void *ctx);
/* Let the followed folder's work go on: take verification answers, start
 * the next, and switch to newer editions when the reader is idle (in
 * kiosk mode only at an idle reset: idle_reset set, or one already
 * happened and nobody came since). */
void app_follow(app *a, int idle_reset);
/* The kiosk's idle timer (SDL's timer thread). */
Uint32 app_idle_cb(Uint32 interval, void *p);
/* The window changed size: tell the view. */
void app_resized(app *a);
/* Handle one SDL event; 1 when the program should end. */
int app_handle(app *a, const SDL_Event *e);
/* Act on what the view asks (clipboard, fullscreen, timers...). */
void app_requests(app *a);
/* Render the view and draw its frame; app_present() shows it and
 * measures the time. */
void app_draw(app *a);
void app_present(app *a);
/* Wait up to ms milliseconds (-1: for ever) for an event; 1 when *e holds
 * one. */
int app_wait_event(app *a, SDL_Event *e, int ms);
/* The wake-up pipe app_wait_event sleeps on: opened in main() before any
 * thread that pushes events starts, closed after they have all ended. */
void app_wake_open(app *a);
void app_wake_close(app *a);
/* Going to sleep: give back memory this burst of work left behind. */
void app_tidy(app *a);
/* The event loop, until the program should end; returns the exit code. */
int app_run(app *a);

#endif
