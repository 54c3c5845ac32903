/* follow.c - following a folder of editions (see follow.h).
 *
 * Each complete *.vbk in the folder is an entry (a split archive is one,
 * by its first part, with all its parts), in one of these states:
 *   NEW        complete, its content not checked yet
 *   VERIFYING  being checked by the worker (wk_verify)
 *   GOOD       its content matches its checksum
 *   BAD        it does not (or could not be read): left alone until the
 *              file changes
 *   OPEN       open in the view (taken at start, or switched to)
 * An entry is known by its files' identities (device, inode, size,
 * modification time): a file that changes is a new entry, checked again.
 * "Complete" is what fmt_open() and fmt_parts() can tell without reading
 * the whole file: LMDB's pages are all there, the checksum trailer is
 * there and says the file's length, every part is there with the checksum
 * part 1 names. A file being copied fails that (and is not an entry: no
 * message, it is simply not there yet); one copied in pieces out of order
 * can pass it and then fail the check, and is checked again when it
 * changes. The wanted editions are the trusted ones (GOOD, OPEN) that no
 * other trusted one is newer than; a switch is due when they are not
 * those open.
 */
#include "follow.h"
#include "vpriv.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <poll.h>
#include <sys/inotify.h>
#endif

enum { E_NEW, E_VERIFYING, E_GOOD, E_BAD, E_OPEN };

typedef struct {
    dev_t dev;
    ino_t ino;
    off_t size;
    long long mtime_ns;
} fileid;

typedef struct {
    char *path;               /* part 1 */
    char **parts;             /* every part, path first (fmt_parts) */
    size_t nparts;
    fileid *ids;              /* the parts' identities when looked at */
    char title[256], edition[64], sum[65];
    int64_t created;
    char (*lsum)[65];         /* the editions it was appended from */
    char (*led)[64];
    size_t nlin;
    int state;                /* E_* */
    int verified;             /* its content matched (here or in the view) */
    int open_bad;             /* OPEN, and the view's check found damage */
    int gone;                 /* OPEN, and its file left the folder */
    int seen;                 /* found by this rescan */
    int noted;                /* its damage was said on stderr */
    uint64_t tag;             /* its wk_verify request */
    double t0;                /* when it was asked for (ms), for the stats */
} entry;

struct follow {
    char *dir;
    entry *e;
    size_t n, cap;
    uint64_t tags;
    wk *own;                  /* a worker of our own while none is open */
    unsigned switches, broken;
    char *chosen[WK_ARCH_MAX];
    int nchosen;
    void (*notify)(void *ctx);
    void *ctx;
    int ifd, stop[2];         /* inotify; a pipe that wakes the thread to end */
    int thread_up;
    pthread_t thread;
    pthread_mutex_t mu;
    int signalled;            /* notify was called and no rescan came since */
    int verbose;              /* VRAAGBAAK_STATS: timings to stderr */
};

static double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- entries ------------------------------------------------------------ */

static int get_id(const char *path, fileid *id)
{
    struct stat st;

    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    id->dev = st.st_dev;
    id->ino = st.st_ino;
    id->size = st.st_size;
    id->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    return 0;
}

/* 1 when every part is still the file it was when looked at. */
static int unchanged(const entry *e)
{
    fileid id;
    size_t i;

    for (i = 0; i < e->nparts; i++)
        if (get_id(e->parts[i], &id) != 0 || id.dev != e->ids[i].dev ||
            id.ino != e->ids[i].ino || id.size != e->ids[i].size ||
            id.mtime_ns != e->ids[i].mtime_ns)
            return 0;
    return 1;
}

static void entry_free(entry *e)
{
    free(e->path);
    fmt_parts_free(e->parts, e->nparts);
    free(e->ids);
    free(e->lsum);
    free(e->led);
    memset(e, 0, sizeof *e);
}

/* What path is, if it is a complete archive (part 1 of a split one with
 * all its parts): 0 and *e filled in; -1 when it is not (yet). */
static int probe(const char *path, entry *e)
{
    char msg[512];
    fmt_archive *a = NULL;
    fmt_info in;
    fmt_edition *lin = NULL;
    size_t i, nlin = 0;

    memset(e, 0, sizeof *e);
    if (fmt_parts(path, &e->parts, &e->nparts, msg, sizeof msg) != FMT_OK)
        return -1;
    if (!(e->path = strdup(path)) || !(e->ids = calloc(e->nparts, sizeof *e->ids)))
        goto no;
    for (i = 0; i < e->nparts; i++)
        if (get_id(e->parts[i], &e->ids[i]) != 0)
            goto no;
    if (fmt_open(&a, path, msg, sizeof msg) != FMT_OK || fmt_get_info(a, &in) != FMT_OK ||
        !in.checksum[0])         /* no trailer (yet): not complete */
        goto no;
    snprintf(e->title, sizeof e->title, "%s", in.title);
    snprintf(e->edition, sizeof e->edition, "%s", in.edition);
    snprintf(e->sum, sizeof e->sum, "%s", in.checksum);
    e->created = in.created;
    if (fmt_lineage(a, &lin, &nlin) == FMT_OK && nlin) {
        e->lsum = calloc(nlin, sizeof *e->lsum);
        e->led = calloc(nlin, sizeof *e->led);
        if (!e->lsum || !e->led)
            nlin = 0;
        for (i = 0; i < nlin; i++) {
            snprintf(e->lsum[i], sizeof e->lsum[i], "%s", lin[i].checksum);
            snprintf(e->led[i], sizeof e->led[i], "%s", lin[i].edition);
        }
        e->nlin = nlin;
    }
    free(lin);
    fmt_close(a);
    return 0;
no:
    fmt_close(a);
    entry_free(e);
    return -1;
}

/* ---- which is newer ------------------------------------------------------- */

static unsigned long long edition_no(const char *s)
{
    size_t k = strspn(s, "0123456789");
    return k && !s[k] && k < 19 ? strtoull(s, NULL, 10) : 0;
}

static int grew_from(const entry *x, const entry *y)
{
    size_t i;

    for (i = 0; i < x->nlin; i++)
        if (!strcmp(x->lsum[i], y->sum))
            return 1;
    return 0;
}

/* x was appended to an edition that has y's name but is not y: they are
 * two collections that share a title. */
static int other_line(const entry *x, const entry *y)
{
    size_t i;

    for (i = 0; i < x->nlin; i++)
        if (!strcmp(x->led[i], y->edition) && strcmp(x->lsum[i], y->sum))
            return 1;
    return 0;
}

/* 1 when x replaces y: the same title, and x grew from y, or (when their
 * lineages do not say they are two collections) x has the higher edition
 * number, or, for editions that are not numbers, the later date made.
 * Two archives with the same edition number (and title) but not the same
 * content are two collections (yearly archives left at the default
 * title): both are opened, as a library. The same content twice counts
 * once (the one open, else the first by name). */
static int newer(const entry *x, const entry *y)
{
    unsigned long long ex, ey;

    if (x == y || strcmp(x->title, y->title))
        return 0;
    if (!strcmp(x->sum, y->sum))
        return (x->state == E_OPEN) != (y->state == E_OPEN) ? x->state == E_OPEN
                                                             : strcmp(x->path, y->path) < 0;
    if (grew_from(x, y))
        return 1;
    if (grew_from(y, x) || other_line(x, y) || other_line(y, x))
        return 0;
    ex = edition_no(x->edition);
    ey = edition_no(y->edition);
    if (ex && ey && ex != ey)
        return ex > ey;
    if (!strcmp(x->edition, y->edition))
        return 0;
    return x->created > y->created;
}

static int trusted(const entry *e)
{
    return e->state == E_GOOD || (e->state == E_OPEN && !e->open_bad);
}

/* want[i]: entry i is to be open. Among the trusted, those nothing
 * trusted is newer than; an open one whose title would be left without
 * any (its check failed, nothing else verified yet) stays. */
static void wanted(const follow *f, unsigned char *want)
{
    size_t i, j;

    for (i = 0; i < f->n; i++) {
        want[i] = (unsigned char)trusted(&f->e[i]);
        for (j = 0; j < f->n && want[i]; j++)
            if (trusted(&f->e[j]) && newer(&f->e[j], &f->e[i]))
                want[i] = 0;
    }
    for (i = 0; i < f->n; i++) {
        int has = 0;
        if (f->e[i].state != E_OPEN || want[i])
            continue;
        for (j = 0; j < f->n; j++)
            has |= want[j] && !strcmp(f->e[j].title, f->e[i].title);
        if (!has)
            want[i] = 1;
    }
}

/* The next entry to check: a NEW one that nothing trusted is newer than,
 * the newest first; NULL when none. */
static entry *next_candidate(follow *f)
{
    entry *best = NULL;
    size_t i, j;

    for (i = 0; i < f->n; i++) {
        entry *e = &f->e[i];
        int beaten = 0;
        if (e->state != E_NEW)
            continue;
        for (j = 0; j < f->n && !beaten; j++)
            beaten = trusted(&f->e[j]) && newer(&f->e[j], e);
        if (!beaten && (!best || newer(e, best)))
            best = e;
    }
    return best;
}

/* ---- looking at the folder ------------------------------------------------ */

static entry *add(follow *f)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        entry *e = realloc(f->e, cap * sizeof *e);
        if (!e)
            return NULL;
        f->e = e;
        f->cap = cap;
    }
    return &f->e[f->n++];
}

static void drop(follow *f, size_t i)
{
    entry_free(&f->e[i]);
    f->e[i] = f->e[--f->n];
}

static int is_vbk(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && name[0] != '.' && !strcmp(name + n - 4, ".vbk");
}

static entry *find(follow *f, const char *path)
{
    size_t i;

    for (i = 0; i < f->n; i++)
        if (!f->e[i].gone && !strcmp(f->e[i].path, path))
            return &f->e[i];
    return NULL;
}

void follow_rescan(follow *f)
{
    DIR *d;
    struct dirent *de;
    size_t i;

    pthread_mutex_lock(&f->mu);
    f->signalled = 0;            /* a change from now on is said again */
    pthread_mutex_unlock(&f->mu);
    if (!(d = opendir(f->dir)))
        return;                  /* gone for now (a stick pulled): keep all */
    for (i = 0; i < f->n; i++)
        f->e[i].seen = f->e[i].gone;
    while ((de = readdir(d))) {
        char path[4096];
        entry *e, ne;
        if (!is_vbk(de->d_name))
            continue;
        snprintf(path, sizeof path, "%s/%s", f->dir, de->d_name);
        if ((e = find(f, path))) {
            if (unchanged(e)) {
                e->seen = 1;
                continue;
            }
            if (e->state == E_OPEN)
                e->gone = e->seen = 1;   /* it stays open; its file is another now */
            else
                e->seen = 0;             /* dropped below */
        }
        if (probe(path, &ne) != 0)
            continue;            /* not (yet) a complete archive */
        ne.state = E_NEW;
        ne.seen = 1;
        ne.tag = ++f->tags;
        if ((e = add(f)))
            *e = ne;
        else
            entry_free(&ne);
    }
    closedir(d);
    for (i = f->n; i-- > 0;) {
        if (f->e[i].seen)
            continue;
        if (f->e[i].state == E_OPEN)
            f->e[i].gone = 1;    /* removed while open: it stays open */
        else
            drop(f, i);
    }
}

/* ---- the watching thread -------------------------------------------------- */

#ifdef __linux__
/* Blocks on the inotify descriptor (and the stop pipe): nothing runs while
 * nothing happens in the folder. One notify per burst of changes: the
 * next comes only after the main thread looked (follow_rescan). */
static void *watch(void *arg)
{
    follow *f = arg;
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    struct pollfd p[2];

    p[0].fd = f->ifd;
    p[0].events = POLLIN;
    p[1].fd = f->stop[0];
    p[1].events = POLLIN;
    for (;;) {
        ssize_t n, off;
        int hit = 0, tell;
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[1].revents)
            break;
        if (!(p[0].revents & POLLIN))
            continue;
        n = read(f->ifd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            break;
        for (off = 0; off + (ssize_t)sizeof(struct inotify_event) <= n;) {
            const struct inotify_event *ev = (const void *)(buf + off);
            hit |= (ev->mask & IN_Q_OVERFLOW) || (ev->len && is_vbk(ev->name));
            off += (ssize_t)sizeof *ev + ev->len;
        }
        if (!hit)
            continue;
        pthread_mutex_lock(&f->mu);
        tell = !f->signalled;
        f->signalled = 1;
        pthread_mutex_unlock(&f->mu);
        if (tell && f->notify)
            f->notify(f->ctx);
    }
    return NULL;
}

static int start_watch(follow *f, char *err, size_t errlen)
{
    f->ifd = inotify_init1(IN_CLOEXEC);
    if (f->ifd < 0 ||
        inotify_add_watch(f->ifd, f->dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
                          IN_CREATE | IN_DELETE) < 0) {
        snprintf(err, errlen, "%s: cannot watch the folder: %s", f->dir, strerror(errno));
        return -1;
    }
    if (pipe(f->stop) != 0 || pthread_create(&f->thread, NULL, watch, f) != 0) {
        snprintf(err, errlen, "%s: cannot start watching the folder", f->dir);
        return -1;
    }
    f->thread_up = 1;
    return 0;
}
#else
static int start_watch(follow *f, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: following a folder needs Linux (inotify)", f->dir);
    return -1;
}
#endif

/* ---- the public side ------------------------------------------------------ */

follow *follow_open(const char *dir, void (*notify)(void *ctx), void *ctx, char *err,
                    size_t errlen)
{
    follow *f = calloc(1, sizeof *f);
    struct stat st;
    unsigned char *want;
    size_t i, j;

    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    f->ifd = f->stop[0] = f->stop[1] = -1;
    f->notify = notify;
    f->ctx = ctx;
    f->verbose = getenv("VRAAGBAAK_STATS") != NULL;
    pthread_mutex_init(&f->mu, NULL);
    if (!(f->dir = strdup(dir))) {
        snprintf(err, errlen, "out of memory");
        follow_close(f);
        return NULL;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: %s", dir, errno && stat(dir, &st) != 0 ? strerror(errno)
                                                                         : "not a folder");
        follow_close(f);
        return NULL;
    }
    if (start_watch(f, err, errlen) != 0) {  /* before the scan: nothing missed */
        follow_close(f);
        return NULL;
    }
    follow_rescan(f);
    /* at start: the newest complete edition of each title, checked in the
     * background as any archive opened is (and replaced by an older
     * verified one should that check fail) */
    want = calloc(f->n + 1, 1);
    for (i = 0; want && i < f->n; i++) {
        want[i] = 1;
        for (j = 0; j < f->n && want[i]; j++)
            if (newer(&f->e[j], &f->e[i]))
                want[i] = 0;
    }
    for (i = 0; want && i < f->n && f->nchosen < WK_ARCH_MAX; i++)
        if (want[i])
            f->chosen[f->nchosen++] = f->e[i].path;
    free(want);
    return f;
}

void follow_close(follow *f)
{
    size_t i;

    if (!f)
        return;
    if (f->thread_up) {
        ssize_t w = write(f->stop[1], "x", 1);
        (void)w;
        pthread_join(f->thread, NULL);
    }
    if (f->ifd >= 0)
        close(f->ifd);
    if (f->stop[0] >= 0)
        close(f->stop[0]);
    if (f->stop[1] >= 0)
        close(f->stop[1]);
    wk_stop(f->own);
    for (i = 0; i < f->n; i++)
        entry_free(&f->e[i]);
    free(f->e);
    free(f->dir);
    pthread_mutex_destroy(&f->mu);
    free(f);
}

static int cmp_path(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int follow_chosen(follow *f, char **paths, int cap)
{
    int i, n = 0;

    for (i = 0; i < f->nchosen && n < cap; i++)
        paths[n++] = f->chosen[i];
    qsort(paths, (size_t)n, sizeof *paths, cmp_path);
    return n;
}

void follow_opened(follow *f)
{
    int i;

    for (i = 0; i < f->nchosen; i++) {
        entry *e = find(f, f->chosen[i]);
        if (e)
            e->state = E_OPEN;
    }
    f->nchosen = 0;
}

/* Said once per file: why a complete edition is not taken. */
static void note(follow *f, entry *e, const char *why)
{
    if (e->noted)
        return;
    e->noted = 1;
    f->broken++;
    /* a file written out of order (its end before its middle) fails too
     * until it is whole: it is checked again when it changes */
    fprintf(stderr, "vraagbaak: %s: not taken: %s (checked again when the file changes)\n",
            e->path, why);
}

/* The view's background check of the files open: damage in one taken at
 * start makes it untrusted (a verified older edition then replaces it);
 * all its parts matching makes it verified (not checked again when the
 * view switches). */
static void view_checks(follow *f, view *v)
{
    size_t i, k;
    int a, bad, good;

    for (i = 0; i < f->n; i++) {
        entry *e = &f->e[i];
        if (e->state != E_OPEN || e->open_bad || e->verified)
            continue;
        for (bad = 0, good = 0, k = 0; k < e->nparts; k++)
            for (a = 0; a < v->narch; a++)
                if (v->arch[a].path && !strcmp(e->parts[k], v->arch[a].path) &&
                    (k > 0 || !strcmp(e->sum, v->arch[a].info.checksum))) {
                    bad |= v->arch[a].checked < 0;
                    good += v->arch[a].checked > 0;
                    break;
                }
        if (bad) {
            e->open_bad = 1;
            note(f, e, "its content does not match its checksum");
        } else if ((size_t)good == e->nparts) {
            e->verified = 1;
        }
    }
}

static int due(follow *f)
{
    unsigned char *want = calloc(f->n + 1, 1);
    size_t i;
    int d = 0;

    if (!want)
        return 0;
    wanted(f, want);
    for (i = 0; i < f->n; i++)
        d |= !want[i] != !(f->e[i].state == E_OPEN);
    free(want);
    return d;
}

int follow_step(follow *f, view *v, void (*notify)(void *ctx), void *ctx)
{
    wk *w = v->worker ? v->worker : f->own;
    uint64_t tag;
    char msg[512];
    int err;
    size_t i;
    entry *e;

    if (w && wk_verified(w, &tag, &err, msg, sizeof msg)) {
        for (i = 0; i < f->n; i++) {
            e = &f->e[i];
            if (e->tag != tag || e->state != E_VERIFYING)
                continue;
            if (f->verbose)
                fprintf(stderr, "follow: %s checked in %.1f ms: %s\n", e->path,
                        ms_now() - e->t0, err == FMT_OK ? "matches" : msg);
            if (!unchanged(e)) {
                e->state = E_NEW;        /* changed while checked: the rescan */
                follow_rescan(f);        /* makes it a new entry */
            } else if (err == FMT_OK) {
                e->state = E_GOOD;
                e->verified = 1;
            } else {
                e->state = E_BAD;
                note(f, e, msg);
            }
            break;
        }
    }
    view_checks(f, v);
    for (i = 0; i < f->n; i++)
        if (f->e[i].state == E_VERIFYING)
            return due(f);
    if ((e = next_candidate(f))) {
        if (!w && !(w = f->own = wk_start(NULL, 0, notify, ctx, msg, sizeof msg)))
            return due(f);
        e->state = E_VERIFYING;
        e->t0 = ms_now();
        wk_verify(w, (const char *const *)e->parts, e->nparts, e->tag);
    }
    return due(f);
}

int follow_switch(follow *f, view *v, void (*notify)(void *ctx), void *ctx)
{
    unsigned char *want = calloc(f->n + 1, 1);
    char *paths[WK_ARCH_MAX], *known[WK_ARCH_MAX];
    char said[200] = "";
    double t0;
    int np = 0, nk = 0, rc;
    size_t i, k, len;
    uint32_t toast = v->toast_until;

    if (!want)
        return -1;
    wanted(f, want);
    for (i = 0; i < f->n; i++) {
        entry *e = &f->e[i];
        if (!want[i])
            continue;
        if (e->state != E_OPEN && !unchanged(e)) {
            free(want);
            follow_rescan(f);    /* changed since it was checked */
            return -1;
        }
        if (np < WK_ARCH_MAX)
            paths[np++] = e->path;
        for (k = 0; e->verified && k < e->nparts && nk < WK_ARCH_MAX; k++)
            known[nk++] = e->parts[k];
    }
    qsort(paths, (size_t)np, sizeof *paths, cmp_path);
    t0 = ms_now();
    rc = np ? view_switch(v, paths, np, known, nk, notify, ctx) : -1;
    if (f->verbose)
        fprintf(stderr, "follow: switched in %.1f ms (%d archives)\n", ms_now() - t0, np);
    for (i = 0; i < f->n; i++) {
        entry *e = &f->e[i];
        if (e->state == E_VERIFYING)
            e->state = E_NEW;    /* the worker that had it was stopped */
        if (rc < 0) {
            if (want[i] && e->state != E_OPEN) {
                e->state = E_BAD;
                note(f, e, "it could not be opened");
            }
        } else if (want[i] && e->state != E_OPEN) {
            e->state = E_OPEN;
            fprintf(stderr, "vraagbaak: %s: edition %s of \"%s\" taken\n", e->path, e->edition,
                    e->title);
            len = strlen(said);
            if (len < sizeof said - 1)
                snprintf(said + len, sizeof said - len, "%s%.80s %.40s", len ? ", " : "",
                         e->title, e->edition);
        } else if (!want[i] && e->state == E_OPEN) {
            /* found damaged while open: it stays out (no switching back
             * and forth); otherwise an older edition, checked or not */
            e->state = e->open_bad ? E_BAD : e->verified ? E_GOOD : E_NEW;
            e->open_bad = 0;
        }
    }
    free(want);
    if (rc < 0)
        return -1;
    for (i = f->n; i-- > 0;)     /* closed, and no longer in the folder */
        if (f->e[i].gone && f->e[i].state != E_OPEN)
            drop(f, i);
    wk_stop(f->own);             /* the view has a worker now */
    f->own = NULL;
    f->switches++;
    if (said[0] && v->toast_until == toast)  /* unless it said the case is gone */
        view_toast(v, style_text(v, S_NEW_EDITION), said);
    return 0;
}

void follow_counts(const follow *f, unsigned *switches, unsigned *broken, unsigned *waiting)
{
    size_t i;

    *switches = f->switches;
    *broken = f->broken;
    *waiting = 0;
    for (i = 0; i < f->n; i++) {
        const entry *e = &f->e[i];
        size_t j;
        int beaten = 0;
        for (j = 0; j < f->n && !beaten; j++)
            beaten = trusted(&f->e[j]) && newer(&f->e[j], e);
        *waiting += !beaten && (e->state == E_NEW || e->state == E_VERIFYING);
    }
}
