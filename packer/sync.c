/* sync.c - `vbpack sync SOURCE DEST`: bring the folder DEST to the newest
 * edition a catalog offers (SOURCE: an http(s) URL of a published folder,
 * or the folder itself, say on a USB stick).
 *
 * What can go wrong is mostly the network and the mirror, so the order of
 * things is chosen for that:
 *   1. the catalog is read whole (at most CATALOG_MAX) and strictly
 *      (catalog.c): a truncated or made-up catalog changes nothing; one
 *      whose newest edition is older than DEST's is stale and refused;
 *   2. each file goes to DEST/NAME.part, resumed from where an earlier
 *      run stopped (HTTP Range), never past the catalog's size, and its
 *      SHA-256 must be the catalog's before it is used (else it is
 *      removed and the run fails naming it);
 *   3. deltas are applied by `vbpack patch` itself, in a child process,
 *      in a work folder DEST/.vbsync-PID (removed at exit, whatever
 *      happens; a stale one is removed by the next run);
 *   4. only a new edition whose bytes are the catalog's is renamed into
 *      DEST (parts first, part 1 last); then old editions beyond --keep go.
 * DEST is locked (flock on the folder itself, so no lock file is left) so
 * that two runs from cron and by hand do not interleave.
 *
 * libcurl does HTTP: TLS, proxies (the usual environment variables),
 * timeouts and redirects are its job. A redirect may only go to http or
 * https (https only, when SOURCE is https). It is loaded (dlopen) by a
 * sync over HTTP only: linked into vbpack, its TLS libraries cost every
 * command, `vbpack search` on a board included, 6 MB of memory and 11 ms
 * of start-up (38 shared libraries instead of 9).
 */
#include <curl/curl.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd.h"
#include "dist.h"
#include "pack.h"
#include "parts.h"
#include "term.h"

#define EXIT_NEWEST 3            /* DEST holds the newest edition already */
#define WORK_PREFIX ".vbsync-"

typedef struct {
    const char *source;      /* folder, or URL ending in '/' */
    int http, https;
    const char *dest;
    uint64_t rate;           /* --limit-rate, bytes per second; 0: none */
    int quiet, bar;
    uint64_t fetched;        /* bytes that travelled in this run */
    int barpct;              /* the last percentage drawn */
} syncer;

/* ---- the work folder, removed at exit ------------------------------------------- */

static char work[1200];
static pid_t work_owner;

/* Remove the files in folder dir (flat: ours hold no folders), then dir. */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char p[1600];
    while (d && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* atexit: die() anywhere (ours, or in the code sync reuses) leaves DEST
 * as it was. A patch child inherits the handler; only the parent cleans. */
static void work_clean(void)
{
    if (work[0] && getpid() == work_owner)
        remove_dir(work);
}

static void work_open(const char *dest)
{
    /* a work folder here is stale: DEST is locked, no other run is busy */
    DIR *d = opendir(dest);
    struct dirent *de;
    char p[1600];
    while (d && (de = readdir(d)))
        if (!strncmp(de->d_name, WORK_PREFIX, strlen(WORK_PREFIX))) {
            snprintf(p, sizeof p, "%s/%s", dest, de->d_name);
            remove_dir(p);
        }
    if (d)
        closedir(d);
    snprintf(work, sizeof work, "%s/" WORK_PREFIX "%ld", dest, (long)getpid());
    work_owner = getpid();
    if (mkdir(work, 0700))
        die(1, "%s: %s", work, strerror(errno));
    atexit(work_clean);
}

static char *path2(const char *dir, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 2;
    char *p = malloc(n);
    if (!p)
        die(1, "out of memory");
    snprintf(p, n, "%s/%s%s", dir, name, suffix);
    return p;
}

/* ---- transfers ------------------------------------------------------------------- */

static void bar(syncer *s, const char *name, uint64_t done, uint64_t total)
{
    if (!s->bar || !total)
        return;
    int pct = (int)(done * 100 / total);
    if (pct == s->barpct)
        return;
    s->barpct = pct;
    char b[31];
    memset(b, ' ', 30);
    memset(b, '#', (size_t)pct * 30 / 100);
    b[30] = 0;
    fprintf(stderr, "\r%-32.32s [%s] %3d%% %8.1f MB", name, b, pct,
            (double)done / 1e6);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Where received bytes go: a file (fd) or memory (buf), never more than
 * max of them. */
typedef struct {
    syncer *s;
    const char *name;
    int fd;
    fmt_buf *buf;
    uint64_t got, max, base, total;
    int over, werr;
} sink;

static size_t sink_write(char *p, size_t size, size_t nmemb, void *ctx)
{
    sink *k = ctx;
    size_t n = size * nmemb;
    if (n > k->max - k->got) {
        k->over = 1;
        return 0;
    }
    if (k->buf) {
        if (fmt_buf_append(k->buf, p, n))
            return k->werr = ENOMEM, 0;
    } else {
        for (size_t w = 0; w < n;) {
            ssize_t r = write(k->fd, p + w, n - w);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                return k->werr = errno, 0;
            w += (size_t)r;
        }
    }
    k->got += n;
    k->s->fetched += n;
    bar(k->s, k->name, k->base + k->got, k->total);
    return n;
}

enum { T_OK, T_FAIL, T_RANGE };


/* libcurl's calls, found in libcurl.so.4 when a sync over HTTP starts. */
static struct {
    void *lib;
    CURLcode (*global_init)(long);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    char *(*easy_escape)(CURL *, const char *, int);
    void (*free)(void *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} cu;

/* Load libcurl and start it; dies (1) saying what is missing. */
static void curl_load(void)
{
    static const char *const names[] = {"libcurl.so.4", "libcurl.so"};
    for (size_t i = 0; !cu.lib && i < sizeof names / sizeof *names; i++)
        cu.lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!cu.lib)
        die(1, "sync over HTTP needs libcurl (libcurl.so.4): %s; install it "
               "(Debian: libcurl4), or sync from a folder", dlerror());
    struct {
        const char *name;
        void **fn;
    } t[] = {
        {"curl_global_init", (void **)&cu.global_init},
        {"curl_global_cleanup", (void **)&cu.global_cleanup},
        {"curl_easy_init", (void **)&cu.easy_init},
        {"curl_easy_setopt", (void **)&cu.easy_setopt},
        {"curl_easy_perform", (void **)&cu.easy_perform},
        {"curl_easy_cleanup", (void **)&cu.easy_cleanup},
        {"curl_easy_strerror", (void **)&cu.easy_strerror},
        {"curl_easy_escape", (void **)&cu.easy_escape},
        {"curl_free", (void **)&cu.free},
        {"curl_slist_append", (void **)&cu.slist_append},
        {"curl_slist_free_all", (void **)&cu.slist_free_all},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (!(*t[i].fn = dlsym(cu.lib, t[i].name)))
            die(1, "libcurl.so.4 has no %s: %s", t[i].name, dlerror());
    if (cu.global_init(CURL_GLOBAL_DEFAULT))
        die(1, "libcurl could not start");
}
/* GET SOURCE/name from byte offset into k. T_RANGE when the server
 * cannot resume (the caller starts again from 0). */
static int http_get(syncer *s, const char *name, uint64_t offset, int nocache,
                    sink *k, char *msg, size_t msglen)
{
    CURL *h = cu.easy_init();
    if (!h)
        die(1, "out of memory");
    char *esc = cu.easy_escape(h, name, 0);
    size_t ul = strlen(s->source) + (esc ? strlen(esc) : 0) + 1;
    char *url = malloc(ul), err[CURL_ERROR_SIZE] = "";
    if (!esc || !url)
        die(1, "out of memory");
    snprintf(url, ul, "%s%s", s->source, esc);
    cu.free(esc);
    struct curl_slist *hdr = NULL;
    if (nocache) /* a proxy must not answer with an old catalog */
        hdr = cu.slist_append(NULL, "Cache-Control: no-cache");
    cu.easy_setopt(h, CURLOPT_URL, url);
    cu.easy_setopt(h, CURLOPT_WRITEFUNCTION, sink_write);
    cu.easy_setopt(h, CURLOPT_WRITEDATA, k);
    cu.easy_setopt(h, CURLOPT_ERRORBUFFER, err);
    cu.easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    cu.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    cu.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    cu.easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    cu.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    cu.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR,
                     s->https ? "https" : "http,https");
    cu.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
    /* a transfer that stalls a minute fails (and resumes next run) */
    cu.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    cu.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
    cu.easy_setopt(h, CURLOPT_USERAGENT, "vbpack/" VERSION);
    if (hdr)
        cu.easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
    if (offset)
        cu.easy_setopt(h, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)offset);
    if (s->rate)
        cu.easy_setopt(h, CURLOPT_MAX_RECV_SPEED_LARGE, (curl_off_t)s->rate);
    CURLcode rc = cu.easy_perform(h);
    int out = T_OK;
    if (rc == CURLE_RANGE_ERROR) {
        out = T_RANGE;
    } else if (rc && k->over) {
        snprintf(msg, msglen, "%s: the mirror sends more than the %llu bytes "
                 "the catalog names: refused", url,
                 (unsigned long long)(k->base + k->max));
        out = T_FAIL;
    } else if (rc) {
        snprintf(msg, msglen, "%s: %s", url,
                 k->werr ? strerror(k->werr) : err[0] ? err : cu.easy_strerror(rc));
        out = T_FAIL;
    }
    cu.slist_free_all(hdr);
    cu.easy_cleanup(h);
    free(url);
    return out;
}

/* The same from a folder. */
static int folder_get(syncer *s, const char *name, uint64_t offset, sink *k,
                      char *msg, size_t msglen)
{
    char *p = path2(s->source, name, "");
    int fd = open(p, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), out = T_OK;
    struct stat st;
    static char buf[1 << 16];
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        snprintf(msg, msglen, "%s: %s", p,
                 fd < 0 ? strerror(errno) : "not a regular file");
        out = T_FAIL;
    }
    for (uint64_t at = offset; out == T_OK;) {
        ssize_t got = pread(fd, buf, sizeof buf, (off_t)at);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(msg, msglen, "%s: %s", p, strerror(errno));
            out = T_FAIL;
        } else if (got == 0) {
            break;
        } else if (sink_write(buf, 1, (size_t)got, k) != (size_t)got) {
            snprintf(msg, msglen, "%s: %s", p,
                     k->over ? "larger than the catalog says: refused"
                             : strerror(k->werr));
            out = T_FAIL;
        }
        at += (uint64_t)(got > 0 ? got : 0);
    }
    if (fd >= 0)
        close(fd);
    free(p);
    return out;
}

/* The catalog, whole, into b (at most CATALOG_MAX bytes); dies naming it. */
static void fetch_catalog(syncer *s, fmt_buf *b, char *what, size_t cap)
{
    char msg[1600];
    sink k = {s, CATALOG_NAME, -1, b, 0, CATALOG_MAX, 0, 0, 0, 0};
    snprintf(what, cap, "%s%s%s", s->source, s->http ? "" : "/", CATALOG_NAME);
    int rc = s->http ? http_get(s, CATALOG_NAME, 0, 1, &k, msg, sizeof msg)
                     : folder_get(s, CATALOG_NAME, 0, &k, msg, sizeof msg);
    if (k.over)
        die(1, "%s: larger than %zu bytes: not a catalog, refused", what,
            CATALOG_MAX);
    if (rc)
        die(1, "%s", msg);
}

/* The .part files of this run. A transfer cut short keeps them all (the
 * next run goes on from them, fetching nothing twice); a mirror refused
 * for what it served loses them all: DEST is left as it was. */
static char **parts_run;
static size_t nparts_run;

static void drop_parts(void)
{
    for (size_t i = 0; i < nparts_run; i++)
        unlink(parts_run[i]);
}

static void refuse(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;
static void refuse(const char *fmt, ...)
{
    char m[4000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    drop_parts();
    die(1, "%s", m);
}

/* File f to DEST/NAME.part, resumed from what an earlier run left there,
 * then checked against the catalog's size and SHA-256. Returns the .part
 * path (malloc'd), or dies: a file that fails its check is removed first
 * (it cannot be resumed into the right bytes), with the others of this
 * run; one cut short is kept, for the next run to go on from. */
static char *fetch_file(syncer *s, const dist_file *f)
{
    char *part = path2(s->dest, f->name, ".part"), msg[1600], hex[65];
    char **g = realloc(parts_run, (nparts_run + 1) * sizeof *g);
    if (!g)
        die(1, "out of memory");
    parts_run = g;
    parts_run[nparts_run++] = part;
    for (int attempt = 0;; attempt++) {
        int fd = open(part, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode))
            die(1, "%s: %s", part, fd < 0 ? strerror(errno) : "not a regular file");
        uint64_t off = (uint64_t)st.st_size;
        if (off > f->bytes) {
            if (ftruncate(fd, 0))
                die(1, "%s: %s", part, strerror(errno));
            off = 0;
        }
        if (lseek(fd, (off_t)off, SEEK_SET) < 0)
            die(1, "%s: %s", part, strerror(errno));
        sink k = {s, f->name, fd, NULL, 0, f->bytes - off, off, f->bytes, 0, 0};
        s->barpct = -1;
        int rc = T_OK;
        if (off < f->bytes)
            rc = s->http ? http_get(s, f->name, off, 0, &k, msg, sizeof msg)
                         : folder_get(s, f->name, off, &k, msg, sizeof msg);
        if (s->bar && s->barpct >= 0 && s->barpct < 100)
            fputc('\n', stderr);
        int serr = fsync(fd) || close(fd) ? errno : 0;
        if (serr)
            die(1, "%s: %s", part, strerror(serr));
        if (rc == T_RANGE && !attempt) {
            /* the server cannot resume: from the start */
            if (truncate(part, 0))
                die(1, "%s: %s", part, strerror(errno));
            continue;
        }
        if (k.over)
            refuse("%s", msg);
        if (rc != T_OK && off + k.got == 0) {
            unlink(part); /* nothing came: nothing to keep */
            die(1, "%s", msg);
        }
        if (rc != T_OK)
            die(1, "%s (%llu of %llu bytes are in %s; run sync again to "
                   "go on from there)", msg, (unsigned long long)(off + k.got),
                (unsigned long long)f->bytes, part);
        if (off + k.got != f->bytes) {
            die(1, "%s: the transfer ended at %llu of the %llu bytes the "
                   "catalog names (kept in %s: run sync again to go on)",
                f->name, (unsigned long long)(off + k.got),
                (unsigned long long)f->bytes, part);
        }
        rc = fmt_file_sha256(part, hex, msg, sizeof msg);
        if (rc)
            die(1, "%s", rc == FMT_NOMEM ? "out of memory" : msg);
        if (!strcmp(hex, f->sha256))
            return part;
        unlink(part);
        if (off && !attempt)
            continue; /* what an earlier run left may be another file's: again, whole */
        refuse("%s from %s: sha-256 %s, not the %s the catalog names: "
               "refused (a damaged or wrong file on the mirror); nothing in %s "
               "changed", f->name, s->source, hex, f->sha256, s->dest);
    }
}

/* ---- what DEST holds ----------------------------------------------------------------- */

typedef struct {
    char *name;
    fmt_info in;
} local;

/* The archives of title in DEST (part 1 of split ones), as their stored
 * checksums say; a file that cannot be opened (half copied, damaged) is
 * named and left out. */
static local *scan_local(const char *dest, const char *title, size_t *n)
{
    size_t nn;
    char **names = dist_list(dest, ".vbk", &nn);
    local *l = calloc(nn + 1, sizeof *l);
    if (!l)
        die(1, "out of memory");
    *n = 0;
    for (size_t i = 0; i < nn; i++) {
        char *p = path2(dest, names[i], ""), msg[1300];
        fmt_archive *a;
        fmt_info in;
        int rc = fmt_open(&a, p, msg, sizeof msg);
        if (!rc) {
            rc = fmt_get_info(a, &in);
            if (rc)
                snprintf(msg, sizeof msg, "%s", fmt_errmsg(a));
            fmt_close(a);
        }
        free(p);
        if (rc) {
            fprintf(stderr, "vbpack: %s (left out)\n", msg);
        } else if (!strcmp(in.title, title) && in.part <= 1 && in.checksum[0]) {
            l[*n].name = names[i];
            l[(*n)++].in = in;
            continue;
        }
        free(names[i]);
    }
    free(names);
    return l;
}

static void local_free(local *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i].name);
    free(l);
}

/* ---- the way to the new edition -------------------------------------------------------- */

static int sha_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The index of checksum sum in the sorted nodes, or -1. */
static long node_of(const char **nodes, size_t n, const char *sum)
{
    const char **hit = bsearch(&sum, nodes, n, sizeof *nodes, sha_cmp);
    return hit ? (long)(hit - nodes) : -1;
}

/* The cheapest chain of deltas (by bytes) from an edition DEST holds whole
 * to want: the deltas' indexes in order into chain (at most c->nd), their
 * count, in *from the local edition it starts from and in *bytes its
 * cost; 0 when there is none. Dijkstra over the editions the deltas join
 * (at most 2 x CATALOG_DELTAS of them: O(V x E), bounded). */
static size_t delta_chain(const dist_catalog *c, const local *l, size_t nl,
                          const char *want, size_t *chain, size_t *from,
                          uint64_t *bytes)
{
    size_t nd = c->nd, nv = 0, len = 0;
    const char **nodes = malloc((2 * nd + 1) * sizeof *nodes);
    uint64_t *dist = malloc((2 * nd + 1) * sizeof *dist);
    long *via = malloc((2 * nd + 1) * sizeof *via), *org = malloc((2 * nd + 1) * sizeof *org);
    char *done = calloc(2 * nd + 1, 1);
    if (!nodes || !dist || !via || !org || !done)
        die(1, "out of memory");
    for (size_t i = 0; i < nd; i++) {
        nodes[nv++] = c->d[i].from;
        nodes[nv++] = c->d[i].to;
    }
    qsort(nodes, nv, sizeof *nodes, sha_cmp);
    size_t u = 0;
    for (size_t i = 0; i < nv; i++) /* unique */
        if (!u || strcmp(nodes[u - 1], nodes[i]))
            nodes[u++] = nodes[i];
    nv = u;
    for (size_t v = 0; v < nv; v++) {
        dist[v] = UINT64_MAX;
        via[v] = org[v] = -1;
    }
    for (size_t j = 0; j < nl; j++) {
        long v = l[j].in.nparts ? -1 : node_of(nodes, nv, l[j].in.checksum);
        if (v >= 0) {
            dist[v] = 0;
            org[v] = (long)j;
        }
    }
    long goal = node_of(nodes, nv, want);
    for (;;) {
        long best = -1;
        for (size_t v = 0; v < nv; v++)
            if (!done[v] && dist[v] != UINT64_MAX && (best < 0 || dist[v] < dist[best]))
                best = (long)v;
        if (best < 0 || best == goal)
            break;
        done[best] = 1;
        for (size_t i = 0; i < nd; i++) {
            if (strcmp(c->d[i].from, nodes[best]))
                continue;
            long t = node_of(nodes, nv, c->d[i].to);
            uint64_t b = c->d[i].file.bytes;
            if (dist[best] < UINT64_MAX - b && dist[best] + b < dist[t]) {
                dist[t] = dist[best] + b;
                via[t] = (long)i;
                org[t] = org[best];
            }
        }
    }
    if (goal >= 0 && dist[goal] != UINT64_MAX && via[goal] >= 0) {
        for (long v = goal; via[v] >= 0 && len < nd; v = node_of(nodes, nv, c->d[via[v]].from))
            chain[len++] = (size_t)via[v];
        for (size_t i = 0; i < len / 2; i++) { /* from the start */
            size_t x = chain[i];
            chain[i] = chain[len - 1 - i];
            chain[len - 1 - i] = x;
        }
        *from = (size_t)org[goal];
        *bytes = dist[goal];
    }
    free(nodes);
    free(dist);
    free(via);
    free(org);
    free(done);
    return len;
}

/* vbpack patch -q -o out old delta, in a child (its die() ends only the
 * child); 0 when it built out. */
static int run_patch(const char *out, const char *old, const char *delta)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        die(1, "fork: %s", strerror(errno));
    if (!pid) {
        char *av[] = {"patch", "-q", "-o", (char *)out, (char *)old,
                      (char *)delta, NULL};
        exit(cmd_patch(6, av));
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            die(1, "waitpid: %s", strerror(errno));
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* The file the catalog names is what it says (title, edition, checksum),
 * or die: a catalog must not pass one edition off as another. */
static void check_is(const char *path, const dist_archive *t, const char *what)
{
    fmt_archive *a = open_archive(path);
    fmt_info in;
    get_info(a, &in);
    fmt_close(a);
    if (strcmp(in.title, t->info.title) || strcmp(in.edition, t->info.edition) ||
        strcmp(in.checksum, t->info.checksum))
        die(1, "%s: the file holds edition %s (sha-256 %s), not the edition "
               "%s (sha-256 %s) the catalog names: refused", what, in.edition,
            in.checksum, t->info.edition, t->info.checksum);
}

/* The deltas of chain fetched (all of them first: a run cut short keeps
 * what came), each checked to go between the editions the catalog says
 * (else refused: a delta from another base), then applied to DEST's
 * edition base in the work folder. Returns the result (malloc'd); NULL
 * when a patch fails (the edition in DEST may be damaged: the caller
 * fetches the whole edition). */
static char *by_deltas(syncer *s, const dist_catalog *c, const size_t *chain,
                       size_t n, const char *base, const dist_archive *t)
{
    char **got = calloc(n, sizeof *got), from[65], to[65], step[64];
    if (!got)
        die(1, "out of memory");
    for (size_t k = 0; k < n; k++)
        got[k] = fetch_file(s, &c->d[chain[k]].file);
    for (size_t k = 0; k < n; k++) {
        const dist_delta *d = &c->d[chain[k]];
        delta_sums(got[k], from, to);
        if (strcmp(from, d->from) || strcmp(to, d->to))
            refuse("%s from %s: a delta from %s to %s, not from %s to %s as "
                   "the catalog says: refused; nothing in %s changed",
                   d->file.name, s->source, from, to, d->from, d->to, s->dest);
    }
    char *cur = path2(s->dest, base, "");
    for (size_t k = 0; k < n && cur; k++) {
        snprintf(step, sizeof step, "step-%zu.vbk", k);
        char *out = path2(work, step, "");
        if (run_patch(out, cur, got[k])) {
            fprintf(stderr, "vbpack: patching %s with %s failed: fetching "
                            "the whole edition instead\n", cur,
                    c->d[chain[k]].file.name);
            free(out);
            out = NULL;
        } else if (k) {
            unlink(cur);
        }
        free(cur);
        cur = out;
    }
    free(got); /* the strings are parts_run's */
    if (!cur)
        return NULL;
    char hex[65], m[1300];
    int rc = fmt_file_sha256(cur, hex, m, sizeof m);
    if (rc)
        die(1, "%s", rc == FMT_NOMEM ? "out of memory" : m);
    if (strcmp(hex, t->files[0].sha256)) {
        fprintf(stderr, "vbpack: the patched %s is not the catalog's bytes "
                        "(sha-256 %s): fetching the whole edition instead\n",
                t->files[0].name, hex);
        free(cur);
        return NULL;
    }
    return cur;
}

/* Every file of t fetched and checked (all first: a run cut short keeps
 * what came), then moved into the work folder and checked to be the
 * edition the catalog names. */
static void whole(syncer *s, const dist_archive *t)
{
    char **got = calloc(t->nfiles, sizeof *got);
    if (!got)
        die(1, "out of memory");
    for (size_t i = 0; i < t->nfiles; i++)
        got[i] = fetch_file(s, &t->files[i]);
    for (size_t i = 0; i < t->nfiles; i++) {
        char *w = path2(work, t->files[i].name, "");
        if (rename(got[i], w))
            die(1, "%s: %s", w, strerror(errno));
        free(w);
    }
    free(got);
    char *p1 = path2(work, t->files[0].name, "");
    char what[1200];
    snprintf(what, sizeof what, "%s%s%s", s->source, s->http ? "" : "/",
             t->files[0].name);
    check_is(p1, t, what);
    size_t np;
    char **p = parts_of(p1, &np); /* the parts belong together */
    fmt_parts_free(p, np);
    free(p1);
}

static void unpart(const char *dest, const char *name)
{
    char *p = path2(dest, name, ".part");
    unlink(p);
    free(p);
}

/* Old editions of the title beyond the keep newest (all their parts),
 * and partial files left by runs that fetched something else. */
static void prune(syncer *s, const dist_catalog *c, const char *title,
                  const dist_archive *t, long keep)
{
    size_t nl;
    local *l = scan_local(s->dest, title, &nl);
    for (size_t i = 0; i < nl; i++) /* newest first */
        for (size_t j = i + 1; j < nl; j++)
            if (dist_newer(&l[j].in, &l[i].in)) {
                local x = l[i];
                l[i] = l[j];
                l[j] = x;
            }
    long kept = 0;
    for (size_t i = 0; i < nl; i++) {
        if (!strcmp(l[i].in.checksum, t->info.checksum) || kept++ < keep)
            continue;
        char *p = path2(s->dest, l[i].name, ""), **parts, msg[1300];
        size_t np;
        if (fmt_parts(p, &parts, &np, msg, sizeof msg) == FMT_OK) {
            for (size_t k = 0; k < np; k++)
                unlink(parts[k]);
            fmt_parts_free(parts, np);
        } else {
            unlink(p);
        }
        if (!s->quiet)
            printf("%s: edition %s removed (--keep %ld)\n", p, l[i].in.edition,
                   keep);
        free(p);
    }
    local_free(l, nl);
    /* .part files of the title's files in the catalog (editions and
     * deltas): stale now; another title's are left for its next run */
    for (size_t i = 0; i < c->na; i++)
        for (size_t f = 0; !strcmp(c->a[i].info.title, title) && f < c->a[i].nfiles; f++)
            unpart(s->dest, c->a[i].files[f].name);
    for (size_t i = 0; i < c->nd; i++)
        for (size_t j = 0; j < c->na; j++)
            if (!strcmp(c->a[j].info.title, title) &&
                !strcmp(c->a[j].info.checksum, c->d[i].to))
                unpart(s->dest, c->d[i].file.name);
}

/* ---- the command ------------------------------------------------------------------------- */

static uint64_t rate_arg(const char *a)
{
    char *end;
    errno = 0;
    unsigned long long v = *a >= '0' && *a <= '9' ? strtoull(a, &end, 10) : 0;
    uint64_t mul = 1;
    if (v && (*end == 'k' || *end == 'K'))
        mul = 1024, end++;
    else if (v && (*end == 'm' || *end == 'M'))
        mul = 1024 * 1024, end++;
    if (!v || errno || *end || v > UINT64_MAX / mul / 2)
        die(2, "--limit-rate takes bytes per second, like 500K or 2M, not '%s'",
            a);
    return v * mul;
}

/* The one title the catalog offers, or die. */
static const char *only_title(const dist_catalog *c, const char *what)
{
    if (!c->na)
        die(1, "%s: the catalog lists no archives", what);
    for (size_t i = 1; i < c->na; i++)
        if (strcmp(c->a[i].info.title, c->a[0].info.title))
            die(1, "%s: the catalog offers several titles ('%s', '%s', ...): "
                   "choose one with --title", what, c->a[0].info.title,
                c->a[i].info.title);
    return c->a[0].info.title;
}

static void sync_source(syncer *s, const char *src, char *buf, size_t cap)
{
    s->http = !strncmp(src, "http://", 7) || !strncmp(src, "https://", 8);
    s->https = !strncmp(src, "https://", 8);
    if (!s->http && strstr(src, "://"))
        die(2, "%s: SOURCE is an http:// or https:// URL, or a folder", src);
    if (s->http && strpbrk(src, "?#"))
        die(2, "%s: SOURCE is the URL of a folder (no query, no fragment)", src);
    size_t n = strlen(src);
    snprintf(buf, cap, "%s%s", src, s->http && (!n || src[n - 1] != '/') ? "/" : "");
    s->source = buf;
}

/* DEST, made if missing, locked for this run (the lock goes with the
 * process); dies when another sync holds it. */
static void lock_dest(const char *dest, const char *source, int http)
{
    struct stat ds, ss;
    if (mkdir(dest, 0755) && errno != EEXIST)
        die(1, "%s: %s", dest, strerror(errno));
    int fd = open(dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &ds))
        die(1, "%s: %s", dest, strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB))
        die(1, "%s: another vbpack sync is working on it", dest);
    if (!http && !stat(source, &ss) && ss.st_dev == ds.st_dev &&
        ss.st_ino == ds.st_ino)
        die(2, "%s: SOURCE and DEST are the same folder", dest);
}

/* A file the new edition will be renamed over must be an edition of the
 * same title (an older one): a catalog may not have sync replace another
 * title's archive, or anything else, in DEST. */
static void check_targets(const char *dest, const dist_archive *t)
{
    for (size_t i = 0; i < t->nfiles; i++) {
        char *p = path2(dest, t->files[i].name, ""), msg[1300];
        struct stat st;
        fmt_archive *a;
        fmt_info in;
        int ours = 0;
        if (lstat(p, &st)) {
            free(p);
            continue;
        }
        if (S_ISREG(st.st_mode) && !fmt_open(&a, p, msg, sizeof msg)) {
            ours = !fmt_get_info(a, &in) && !strcmp(in.title, t->info.title);
            fmt_close(a);
        }
        if (!ours)
            die(1, "%s is there and is not an edition of '%s': refused (sync "
                   "replaces only older editions of its title); nothing in %s "
                   "changed", p, t->info.title, dest);
        free(p);
    }
}

static void need_space(const char *dest, uint64_t need, const dist_archive *t)
{
    struct statvfs v;
    if (statvfs(dest, &v))
        die(1, "%s: %s", dest, strerror(errno));
    uint64_t avail = (uint64_t)v.f_bavail * v.f_frsize;
    if (need > avail)
        die(1, "%s: %llu bytes free, edition %s (%s) needs %llu: nothing "
               "fetched", dest, (unsigned long long)avail, t->info.edition,
            t->files[0].name, (unsigned long long)need);
}

int cmd_sync(int argc, char **argv)
{
    syncer s = {0};
    const char *pos[2] = {NULL, NULL}, *title = NULL;
    long keep = 1;
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "--title") && more) {
            title = argv[++i];
        } else if (!strcmp(a, "--keep") && more) {
            char *end;
            keep = strtol(argv[++i], &end, 10);
            if (*end || end == argv[i] || keep < 0 || keep > 1000000)
                die(2, "--keep takes a number of old editions, not '%s'", argv[i]);
        } else if (!strcmp(a, "--limit-rate") && more) {
            s.rate = rate_arg(argv[++i]);
        } else if (!strcmp(a, "-q")) {
            s.quiet = 1;
        } else if (a[0] == '-' || npos == 2) {
            usage();
        } else {
            pos[npos++] = a;
        }
    }
    if (npos != 2)
        usage();
    char src[2048], what[2100];
    sync_source(&s, pos[0], src, sizeof src);
    s.dest = pos[1];
    s.bar = !s.quiet && isatty(STDERR_FILENO);
    lock_dest(s.dest, pos[0], s.http);
    if (s.http)
        curl_load();

    /* 1. the catalog */
    fmt_buf b = {0};
    fetch_catalog(&s, &b, what, sizeof what);
    dist_catalog c;
    char msg[1600];
    if (catalog_parse(b.data ? b.data : "", b.len, what, &c, msg, sizeof msg))
        die(1, "%s; nothing in %s changed", msg, s.dest);
    fmt_buf_free(&b);
    if (!title)
        title = only_title(&c, what);
    const dist_archive *t = catalog_newest(&c, title);
    if (!t)
        die(1, "%s: no edition of '%s'", what, title);

    /* what DEST holds: newer is a stale catalog, the same is done */
    size_t nl;
    local *l = scan_local(s.dest, title, &nl);
    for (size_t i = 0; i < nl; i++)
        if (dist_newer(&l[i].in, &t->info))
            die(1, "%s is stale: its newest edition of '%s' is %s, older than "
                   "edition %s in %s/%s: refused; nothing in %s changed",
                what, title, t->info.edition, l[i].in.edition, s.dest,
                l[i].name, s.dest);
    for (size_t i = 0; i < nl; i++)
        if (!strcmp(l[i].in.checksum, t->info.checksum)) {
            if (!s.quiet)
                printf("%s/%s: edition %s of '%s' is the newest\n", s.dest,
                       l[i].name, t->info.edition, title);
            local_free(l, nl);
            catalog_free(&c);
            return EXIT_NEWEST;
        }

    /* 2. by deltas when a chain starts from what DEST holds, and costs
     * less than the whole file; else (or when patching fails) whole */
    size_t *chain = malloc((c.nd + 1) * sizeof *chain), from = 0, nchain = 0;
    uint64_t dbytes = 0;
    if (!chain)
        die(1, "out of memory");
    if (t->nfiles == 1)
        nchain = delta_chain(&c, l, nl, t->info.checksum, chain, &from, &dbytes);
    if (nchain && dbytes >= t->bytes)
        nchain = 0;
    check_targets(s.dest, t);
    need_space(s.dest, (nchain ? dbytes : 0) + t->bytes, t);
    work_open(s.dest);
    char *result = nchain ? by_deltas(&s, &c, chain, nchain, l[from].name, t) : NULL;
    if (result) {
        check_is(result, t, t->files[0].name);
        char *final = path2(s.dest, t->files[0].name, "");
        if (rename(result, final))
            die(1, "%s: %s", final, strerror(errno));
        free(final);
        free(result);
    } else {
        nchain = 0;
        whole(&s, t);
        for (size_t i = t->nfiles; i-- > 0;) { /* part 1 last */
            char *got = path2(work, t->files[i].name, "");
            char *final = path2(s.dest, t->files[i].name, "");
            if (rename(got, final))
                die(1, "%s: %s", final, strerror(errno));
            free(got);
            free(final);
        }
    }
    int dfd = open(s.dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) { /* the renames outlive a power cut */
        fsync(dfd);
        close(dfd);
    }
    if (!s.quiet) {
        printf("%s/%s: edition %s of '", s.dest, t->files[0].name, t->info.edition);
        term_str(stdout, title);
        if (nchain)
            printf("', by %zu delta(s) from edition %s: %llu bytes fetched, "
                   "%.1f%% of the edition's %llu\n", nchain,
                   l[from].in.edition, (unsigned long long)s.fetched,
                   100.0 * (double)s.fetched / (double)t->bytes,
                   (unsigned long long)t->bytes);
        else
            printf("', whole: %llu bytes fetched (%zu file(s))\n",
                   (unsigned long long)s.fetched, t->nfiles);
    }
    local_free(l, nl);
    prune(&s, &c, title, t, keep);
    free(chain);
    catalog_free(&c);
    if (s.http)
        cu.global_cleanup();
    return 0;
}
