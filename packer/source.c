/* source.c - walking a SOURCE (file, folder or tar archive) for the packer.
 *
 * Three readers share one walker: a folder walk (sorted entries, symlinks
 * followed, each folder walked once), a tar reader over a plain or gzip
 * stream (one 512-byte header and one member at a time), and the single
 * file. Every document's bytes go through one reusable buffer, so memory
 * is the largest document plus the folder listings on the current path,
 * whatever the number of files. Sources come from scrapers and downloads:
 * tar headers are checksummed, sizes and names checked before use, and a
 * problem with one file is reported and skipped, never fatal for the rest.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gz.h"
#include "source.h"

#define PAX_MAX   ((size_t)1 << 20)   /* pax extended header data */
#define LONG_MAX_NAME ((size_t)64 << 10) /* GNU 'L' long name data */
#define SCRATCH   (64 * 1024)
#define CHUNK     ((size_t)1 << 20)   /* tar member reads */
#define TOO_BIG   (-2)                /* read_fd(): over SRC_MAX_FILE */

/* A growable byte string, kept NUL-terminated. */
typedef struct {
    char *data;
    size_t len, cap;
} sbuf;

typedef struct {
    dev_t dev;
    ino_t ino;
    int used;
} dirkey;

typedef struct {
    src_cb cb;
    src_err_cb err;
    void *ctx;
    sbuf file;            /* the current document's bytes */
    sbuf path;            /* display path of the current entry */
    size_t rootlen;       /* path bytes before the relpath */
    dirkey stack[SRC_MAX_DEPTH + 1]; /* folders on the current path */
    int depth;
    int follow;           /* SRC_FOLLOW_LINKS */
    char *rootreal;       /* the source folder, resolved: links stay in it */
    unsigned long long dev, ino; /* the file being read, for src_file */
    dirkey *seen;         /* every folder walked: a hash set */
    size_t nseen, capseen;
    char msg[512];
    unsigned char scratch[SCRATCH];
} walker;

/* ---- small helpers ----------------------------------------------------- */

static int sb_reserve(sbuf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (n > SIZE_MAX - b->len - 1)
        return -1;
    need = b->len + n + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

static int sb_append(sbuf *b, const void *p, size_t n)
{
    if (sb_reserve(b, n) < 0)
        return -1;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static int sb_puts(sbuf *b, const char *s)
{
    return sb_append(b, s, strlen(s));
}

static void sb_trunc(sbuf *b, size_t len)
{
    b->len = len;
    if (b->data)
        b->data[len] = '\0';
}

static void report(walker *w, const char *display, const char *msg)
{
    if (w->err)
        w->err(w->ctx, display, msg);
}

static void report_errno(walker *w, const char *display, int e)
{
    report(w, display, strerror(e));
}

/* The current folder for messages ("." when walking "." itself). */
static const char *here(const walker *w)
{
    return w->path.len ? w->path.data : ".";
}

/* Documents are *.txt and *.md (case as written: these are what the
 * scrapers produce, and ids keep the name). */
static int is_doc(const char *name)
{
    size_t n = strlen(name);

    return (n > 4 && strcmp(name + n - 4, ".txt") == 0) ||
           (n > 3 && strcmp(name + n - 3, ".md") == 0);
}

/* Names become ids and are printed: no control characters. */
static int has_ctrl(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static ssize_t read_retry(int fd, void *buf, size_t n)
{
    ssize_t r;

    do
        r = read(fd, buf, n);
    while (r < 0 && errno == EINTR);
    return r;
}

/* Read fd to its end into w->file. size is what fstat said (a hint: the
 * file may change while we read). Returns 0, TOO_BIG, or an errno value. */
static int read_fd(walker *w, int fd, off_t size)
{
    sbuf *b = &w->file;
    ssize_t r;

    if (size < 0 || (uintmax_t)size > SRC_MAX_FILE)
        return TOO_BIG;
    b->len = 0;
    /* Room for the whole file plus one byte, so EOF is seen without a
     * second allocation. */
    if (sb_reserve(b, (size_t)size + 1) < 0)
        return ENOMEM;
    for (;;) {
        size_t room = b->cap - b->len - 1;
        if (room == 0) {
            if (sb_reserve(b, b->cap) < 0)
                return ENOMEM;
            room = b->cap - b->len - 1;
        }
        if (room > SRC_MAX_FILE + 1 - b->len)
            room = SRC_MAX_FILE + 1 - b->len;
        r = read_retry(fd, b->data + b->len, room);
        if (r < 0)
            return errno;
        if (r == 0)
            break;
        b->len += (size_t)r;
        if (b->len > SRC_MAX_FILE)
            return TOO_BIG;
    }
    b->data[b->len] = '\0';
    return 0;
}

/* Report why read_fd() failed for display. */
static void report_read(walker *w, const char *display, int rc)
{
    if (rc == TOO_BIG) {
        snprintf(w->msg, sizeof w->msg,
                 "larger than %zu MiB, refused", SRC_MAX_FILE >> 20);
        report(w, display, w->msg);
    } else {
        report_errno(w, display, rc);
    }
}

static int deliver(walker *w, const char *display, const char *relpath)
{
    src_file f;

    f.display = display;
    f.relpath = relpath;
    f.data = w->file.data;
    f.len = w->file.len;
    f.dev = w->dev;
    f.ino = w->ino;
    return w->cb(w->ctx, &f);
}

/* ---- folders ----------------------------------------------------------- */

static size_t seen_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)dev * 0x9e3779b97f4a7c15u ^ (uint64_t)ino;

    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 32;
    return (size_t)h;
}

/* Add (dev, ino) to the set of walked folders. Returns 1 if it was there
 * already, 0 if added, -1 when out of memory. */
static int seen_add(walker *w, dev_t dev, ino_t ino)
{
    size_t i;

    if (2 * (w->nseen + 1) > w->capseen) {
        size_t cap = w->capseen ? w->capseen * 2 : 64, j;
        dirkey *t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (j = 0; j < w->capseen; j++) {
            if (!w->seen[j].used)
                continue;
            i = seen_hash(w->seen[j].dev, w->seen[j].ino) & (cap - 1);
            while (t[i].used)
                i = (i + 1) & (cap - 1);
            t[i] = w->seen[j];
        }
        free(w->seen);
        w->seen = t;
        w->capseen = cap;
    }
    i = seen_hash(dev, ino) & (w->capseen - 1);
    for (; w->seen[i].used; i = (i + 1) & (w->capseen - 1))
        if (w->seen[i].dev == dev && w->seen[i].ino == ino)
            return 1;
    w->seen[i].dev = dev;
    w->seen[i].ino = ino;
    w->seen[i].used = 1;
    w->nseen++;
    return 0;
}

static int on_path(const walker *w, dev_t dev, ino_t ino)
{
    int i;

    for (i = 0; i <= w->depth; i++)
        if (w->stack[i].dev == dev && w->stack[i].ino == ino)
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned char entry_type(const struct dirent *de)
{
#ifdef _DIRENT_HAVE_D_TYPE
    return de->d_type;
#else
    (void)de;
    return DT_UNKNOWN;
#endif
}

/* Read the visible entries of d into one arena: each entry is its d_type
 * byte then its NUL-terminated name. Then an array of name pointers, sorted
 * byte-wise. One arena and one array per folder, not one malloc per name.
 * Returns the count, or -1 when out of memory. */
static long list_dir(walker *w, DIR *d, sbuf *arena, char ***names)
{
    struct dirent *de;
    size_t n = 0, i, off;
    char **v;

    for (;;) {
        unsigned char t;
        errno = 0;
        de = readdir(d);
        if (!de) {
            if (errno)   /* keep what we have; say the listing is short */
                report_errno(w, here(w), errno);
            break;
        }
        if (de->d_name[0] == '.')
            continue;
        t = entry_type(de);
        if (sb_append(arena, &t, 1) < 0 ||
            sb_append(arena, de->d_name, strlen(de->d_name) + 1) < 0)
            return -1;
        n++;
    }
    v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return -1;
    for (i = 0, off = 0; i < n; i++) {
        v[i] = arena->data + off + 1;
        off += strlen(v[i]) + 2;
    }
    qsort(v, n, sizeof *v, cmp_names);
    *names = v;
    return (long)n;
}

static int walk_dir(walker *w, int dfd);

/* Enter the folder at openat(dfd, name), already known to be one. */
static int enter_dir(walker *w, int dfd, const char *name)
{
    struct stat st;
    int fd, rc, s;

    if (w->depth + 1 > SRC_MAX_DEPTH) {
        snprintf(w->msg, sizeof w->msg,
                 "folders nested deeper than %d levels, skipped",
                 SRC_MAX_DEPTH);
        report(w, w->path.data, w->msg);
        return 0;
    }
    fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) < 0) {
        report_errno(w, w->path.data, errno);
        if (fd >= 0)
            close(fd);
        return 0;
    }
    if (on_path(w, st.st_dev, st.st_ino)) {
        close(fd);
        report(w, w->path.data, "symlink loop (a folder containing itself), "
               "skipped");
        return 0;
    }
    s = seen_add(w, st.st_dev, st.st_ino);
    if (s != 0) {
        close(fd);
        if (s < 0) {
            report(w, w->path.data, "out of memory");
            return -1;
        }
        report(w, w->path.data, "folder already walked through another "
               "path (symlink), skipped");
        return 0;
    }
    if (sb_puts(&w->path, "/") < 0) {
        close(fd);
        report(w, w->path.data, "out of memory");
        return -1;
    }
    w->depth++;
    w->stack[w->depth].dev = st.st_dev;
    w->stack[w->depth].ino = st.st_ino;
    rc = walk_dir(w, fd);
    w->depth--;
    return rc;
}

/* Read the document at openat(dfd, name) and hand it on. */
static int take_file(walker *w, int dfd, const char *name)
{
    struct stat st;
    int fd, rc;

    /* O_NONBLOCK: a fifo swapped in since the stat must not hang us. */
    fd = openat(dfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) < 0) {
        report_errno(w, w->path.data, errno);
        if (fd >= 0)
            close(fd);
        return 0;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        report(w, w->path.data, "not a regular file, skipped");
        return 0;
    }
    rc = read_fd(w, fd, st.st_size);
    close(fd);
    if (rc != 0) {
        report_read(w, w->path.data, rc);
        return 0;
    }
    w->dev = (unsigned long long)st.st_dev;
    w->ino = (unsigned long long)st.st_ino;
    return deliver(w, w->path.data, w->path.data + w->rootlen);
}

/* Whether the symlink w->path names leads outside the source folder
 * (reported, then 1), or is dangling (0: the stat after says so). */
static int link_leaves(walker *w)
{
    char *to = realpath(w->path.data, NULL);
    size_t n = strlen(w->rootreal);
    int out;

    if (!to)
        return 0;
    out = !(strncmp(to, w->rootreal, n) == 0 &&
            (to[n] == '/' || to[n] == 0 || (n == 1 && to[0] == '/')));
    if (out) {
        snprintf(w->msg, sizeof w->msg, "symbolic link to %s, outside the "
                 "source folder: skipped (--follow-links packs it)", to);
        report(w, w->path.data, w->msg);
    }
    free(to);
    return out;
}

/* One folder entry; w->path already names it. */
static int walk_entry(walker *w, int dfd, const char *name, unsigned char t)
{
    struct stat st;
    int doc = is_doc(name);

    /* Skip what cannot be a document without a stat: 10^6 files. */
    if (!doc && t != DT_DIR && t != DT_LNK && t != DT_UNKNOWN)
        return 0;
    if (has_ctrl(name)) {
        report(w, w->path.data, "control characters in the name, skipped");
        return 0;
    }
    if (t == DT_REG && doc)
        return take_file(w, dfd, name);
    if (t == DT_UNKNOWN && fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        t = S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
    if (t == DT_LNK && !w->follow && w->rootreal && link_leaves(w))
        return 0;
    if (fstatat(dfd, name, &st, 0) < 0) {
        /* a dangling link, or a file gone: only a document is missed */
        if (doc)
            report_errno(w, w->path.data, errno);
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return enter_dir(w, dfd, name);
    if (!doc)
        return 0;
    if (!S_ISREG(st.st_mode)) {
        report(w, w->path.data, "not a regular file, skipped");
        return 0;
    }
    return take_file(w, dfd, name);
}

/* Walk the folder open at dfd (closed here); w->path ends with '/'. */
static int walk_dir(walker *w, int dfd)
{
    sbuf arena = {0};
    char **names = NULL;
    size_t base = w->path.len;
    long n, i;
    int rc = 0;
    DIR *d = fdopendir(dfd);

    if (!d) {
        report_errno(w, here(w), errno);
        close(dfd);
        return 0;
    }
    n = list_dir(w, d, &arena, &names);
    if (n < 0) {
        report(w, here(w), "out of memory");
        rc = -1;
    }
    for (i = 0; i < n && rc == 0; i++) {
        if (sb_puts(&w->path, names[i]) < 0) {
            report(w, w->path.data, "out of memory");
            rc = -1;
            break;
        }
        rc = walk_entry(w, dirfd(d), names[i], (unsigned char)names[i][-1]);
        sb_trunc(&w->path, base);
    }
    free(names);
    free(arena.data);
    closedir(d);
    return rc;
}

/* The root folder, open at fd (closed here). */
static int walk_root(walker *w, const char *source, int fd,
                     const struct stat *st)
{
    size_t n = strlen(source);

    /* The display prefix: "samples/" for "samples" or "samples//", ""
     * for ".", "/" for "/". */
    while (n > 1 && source[n - 1] == '/')
        n--;
    if (!(n == 1 && source[0] == '.') &&
        (sb_append(&w->path, source, n) < 0 ||
         (source[n - 1] != '/' && sb_puts(&w->path, "/") < 0))) {
        close(fd);
        report(w, source, "out of memory");
        return -1;
    }
    if (!w->path.data && sb_puts(&w->path, "") < 0) {
        close(fd);
        report(w, source, "out of memory");
        return -1;
    }
    w->rootlen = w->path.len;
    w->depth = 0;
    if (!w->follow && !(w->rootreal = realpath(source, NULL))) {
        close(fd);
        report_errno(w, source, errno);
        return -1;
    }
    w->stack[0].dev = st->st_dev;
    w->stack[0].ino = st->st_ino;
    if (seen_add(w, st->st_dev, st->st_ino) < 0) {
        close(fd);
        report(w, source, "out of memory");
        return -1;
    }
    return walk_dir(w, fd);
}

/* ---- tar archives ------------------------------------------------------ */

typedef struct {
    int fd;
    fmt_gz *gz;           /* NULL for a plain tar */
    const char *name;     /* the archive, for messages */
    uint64_t off;         /* tar bytes consumed */
} tstream;

/* Read up to n bytes (fewer only at the end). Returns the count, or -1
 * after reporting a read error or damaged gzip data. */
static long long ts_read(walker *w, tstream *s, void *buf, size_t n)
{
    size_t have = 0;

    if (s->gz) {
        int rc = fmt_gz_read(s->gz, buf, n, &have);
        if (rc != FMT_OK) {
            report(w, s->name, rc == FMT_CORRUPT ?
                   "damaged or truncated gzip data" :
                   rc == FMT_NOMEM ? "out of memory" : "read error");
            return -1;
        }
    } else {
        while (have < n) {
            ssize_t r = read_retry(s->fd, (char *)buf + have, n - have);
            if (r < 0) {
                report_errno(w, s->name, errno);
                return -1;
            }
            if (r == 0)
                break;
            have += (size_t)r;
        }
    }
    s->off += have;
    return (long long)have;
}

static int ts_truncated(walker *w, tstream *s)
{
    snprintf(w->msg, sizeof w->msg,
             "truncated tar archive (unexpected end at byte %llu)",
             (unsigned long long)s->off);
    report(w, s->name, w->msg);
    return -1;
}

/* Read exactly n bytes; a short read is a truncated archive. */
static int ts_full(walker *w, tstream *s, void *buf, size_t n)
{
    long long got = ts_read(w, s, buf, n);

    if (got < 0)
        return -1;
    if ((size_t)got < n)
        return ts_truncated(w, s);
    return 0;
}

static int ts_skip(walker *w, tstream *s, uint64_t n)
{
    while (n > 0) {
        size_t k = n > SCRATCH ? SCRATCH : (size_t)n;
        if (ts_full(w, s, w->scratch, k) < 0)
            return -1;
        n -= k;
    }
    return 0;
}

static uint64_t pad512(uint64_t n)
{
    return (512 - n % 512) % 512;
}

/* A numeric header field: octal (space/NUL padded) or GNU base-256.
 * Returns 0, or -1 if malformed. Values beyond 2^63 saturate. */
static int tar_num(const unsigned char *f, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;

    if (f[0] & 0x80) {
        if (f[0] & 0x40)
            return -1;                  /* negative (two's complement) */
        v = f[0] & 0x3f;
        for (i = 1; i < n; i++) {
            if (v > (UINT64_MAX >> 9))
                return *out = UINT64_MAX >> 1, 0;
            v = v << 8 | f[i];
        }
        *out = v;
        return 0;
    }
    while (i < n && f[i] == ' ')
        i++;
    for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
        if (v > (UINT64_MAX >> 4))
            return *out = UINT64_MAX >> 1, 0;
        v = v * 8 + (uint64_t)(f[i] - '0');
    }
    for (; i < n; i++)
        if (f[i] != ' ' && f[i] != '\0')
            return -1;
    *out = v;
    return 0;
}

static int tar_checksum_ok(const unsigned char *h)
{
    uint64_t want;
    unsigned long u = 0;
    long sg = 0;
    int i;

    if (tar_num(h + 148, 8, &want) < 0)
        return 0;
    for (i = 0; i < 512; i++) {
        unsigned char c = (i >= 148 && i < 156) ? ' ' : h[i];
        u += c;
        sg += (signed char)c;
    }
    /* Old tars summed signed chars; accept either. */
    return want == u || (sg >= 0 && want == (uint64_t)sg);
}

static int all_zero(const unsigned char *p, size_t n)
{
    while (n--)
        if (*p++)
            return 0;
    return 1;
}

/* What the metadata members ('x', 'L') say about the next member. */
typedef struct {
    sbuf name;            /* pax path or GNU long name, if have_name */
    int have_name;
    uint64_t size;        /* pax size, if have_size */
    int have_size;
} tpending;

/* Parse pax records "LEN key=value\n" in b; keep path and size. Returns 0
 * or -1 if malformed. */
static int pax_parse(tpending *p, const char *b, size_t n)
{
    while (n > 0) {
        size_t len = 0, i = 0, klen;
        const char *rec = b, *eq;
        while (i < n && b[i] >= '0' && b[i] <= '9' && len < PAX_MAX)
            len = len * 10 + (size_t)(b[i++] - '0');
        if (i == 0 || i >= n || b[i] != ' ' || len <= i + 1 || len > n ||
            rec[len - 1] != '\n')
            return -1;
        eq = memchr(rec + i + 1, '=', len - i - 2);
        if (!eq)
            return -1;
        klen = (size_t)(eq - (rec + i + 1));
        if (klen == 4 && memcmp(rec + i + 1, "path", 4) == 0) {
            size_t vlen = len - 1 - (size_t)(eq + 1 - rec);
            if (memchr(eq + 1, '\0', vlen))
                return -1;
            p->name.len = 0;
            if (sb_append(&p->name, eq + 1, vlen) < 0)
                return -1;
            p->have_name = 1;
        } else if (klen == 4 && memcmp(rec + i + 1, "size", 4) == 0) {
            uint64_t v = 0;
            const char *q = eq + 1;
            if (*q == '\n')
                return -1;
            for (; *q != '\n'; q++) {
                if (*q < '0' || *q > '9')
                    return -1;
                v = v > (UINT64_MAX >> 4) ? UINT64_MAX >> 1 :
                    v * 10 + (uint64_t)(*q - '0');
            }
            p->size = v;
            p->have_size = 1;
        }
        b += len;
        n -= len;
    }
    return 0;
}

/* Read a metadata member's data (bounded by max) into w->file. */
static int tar_meta(walker *w, tstream *s, uint64_t size, size_t max)
{
    if (size > max) {
        snprintf(w->msg, sizeof w->msg, "damaged tar archive: an extended "
                 "header of %llu bytes at byte %llu",
                 (unsigned long long)size, (unsigned long long)s->off);
        report(w, s->name, w->msg);
        return -1;
    }
    w->file.len = 0;
    if (sb_reserve(&w->file, (size_t)size) < 0) {
        report(w, s->name, "out of memory");
        return -1;
    }
    if (ts_full(w, s, w->file.data, (size_t)size) < 0 ||
        ts_skip(w, s, pad512(size)) < 0)
        return -1;
    w->file.len = (size_t)size;
    w->file.data[size] = '\0';
    return 0;
}

/* The member's name as the header writes it (before pending overrides):
 * POSIX ustar joins prefix and name; GNU uses the prefix area otherwise. */
static int tar_header_name(const unsigned char *h, sbuf *out)
{
    out->len = 0;
    if (memcmp(h + 257, "ustar\0", 6) == 0 && h[345]) {
        if (sb_append(out, h + 345, strnlen((const char *)h + 345, 155)) < 0
            || sb_puts(out, "/") < 0)
            return -1;
    }
    return sb_append(out, h, strnlen((const char *)h, 100));
}

/* Normalise a member path into out: drop "./", empty and "." components.
 * Returns NULL if fine, else why it is refused. *hidden is set when a
 * component starts with '.'. */
static const char *tar_clean(const char *name, sbuf *out, int *hidden)
{
    const char *p = name, *e;

    *hidden = 0;
    out->len = 0;
    if (name[0] == '/')
        return "absolute path, refused";
    if (has_ctrl(name))
        return "control characters in the name, refused";
    while (*p) {
        size_t n;
        e = strchr(p, '/');
        n = e ? (size_t)(e - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return "path with '..', refused";
        if (n > 0 && !(n == 1 && p[0] == '.')) {
            if (p[0] == '.')
                *hidden = 1;
            if ((out->len && sb_puts(out, "/") < 0) ||
                sb_append(out, p, n) < 0)
                return "out of memory";
        }
        p += n;
        if (*p == '/')
            p++;
    }
    if (out->len == 0 && sb_puts(out, "") < 0)
        return "out of memory";
    return NULL;
}

/* Report a problem with a member: "archive:name". */
static void report_member(walker *w, const tstream *s, sbuf *disp,
                          const char *name, const char *msg)
{
    disp->len = 0;
    if (sb_puts(disp, s->name) < 0 || sb_puts(disp, ":") < 0) {
        report(w, s->name, msg);
        return;
    }
    for (; *name; name++) {   /* never print control characters */
        char c = ((unsigned char)*name < 0x20 || *name == 0x7f) ? '?' : *name;
        if (sb_append(disp, &c, 1) < 0)
            break;
    }
    report(w, disp->data, msg);
}

/* The state of one archive walk. */
typedef struct {
    tstream s;
    tpending pend;
    sbuf raw;             /* the member's name as written */
    sbuf rel;             /* ... normalised: the relpath */
    sbuf disp;            /* "archive:relpath" */
} tarwalk;

/* A regular member of size bytes: deliver it if it is a document. */
static int tar_regular(walker *w, tarwalk *t, uint64_t size)
{
    int hidden;
    const char *why = tar_clean(t->raw.data, &t->rel, &hidden);
    uint64_t skip = size + pad512(size);

    if (why) {
        report_member(w, &t->s, &t->disp, t->raw.data, why);
        return ts_skip(w, &t->s, skip);
    }
    if (hidden || !is_doc(t->rel.data))
        return ts_skip(w, &t->s, skip);   /* not a document: not ours */
    if (size > SRC_MAX_FILE) {
        snprintf(w->msg, sizeof w->msg,
                 "larger than %zu MiB, refused", SRC_MAX_FILE >> 20);
        report_member(w, &t->s, &t->disp, t->rel.data, w->msg);
        return ts_skip(w, &t->s, skip);
    }
    t->disp.len = 0;
    if (sb_puts(&t->disp, t->s.name) < 0 || sb_puts(&t->disp, ":") < 0 ||
        sb_puts(&t->disp, t->rel.data) < 0) {
        report(w, t->s.name, "out of memory");
        return -1;
    }
    /* Grow with the data that really arrives: a header claiming 200 MB
     * in a 1 KB file must not cost 200 MB. */
    w->file.len = 0;
    while (w->file.len < size) {
        size_t k = (size_t)size - w->file.len;
        if (k > CHUNK)
            k = CHUNK;
        if (sb_reserve(&w->file, k) < 0) {
            report(w, t->s.name, "out of memory");
            return -1;
        }
        if (ts_full(w, &t->s, w->file.data + w->file.len, k) < 0)
            return -1;
        w->file.len += k;
    }
    if (sb_reserve(&w->file, 0) < 0) {
        report(w, t->s.name, "out of memory");
        return -1;
    }
    w->file.data[w->file.len] = '\0';
    if (ts_skip(w, &t->s, pad512(size)) < 0)
        return -1;
    return deliver(w, t->disp.data, t->rel.data);
}

/* Metadata members: they describe the next member. */
static int tar_meta_member(walker *w, tarwalk *t, int type, uint64_t size)
{
    switch (type) {
    case 'x':
        if (tar_meta(w, &t->s, size, PAX_MAX) < 0)
            return -1;
        if (pax_parse(&t->pend, w->file.data, w->file.len) < 0) {
            report(w, t->s.name, "damaged tar archive: bad pax header");
            return -1;
        }
        return 0;
    case 'L':
        if (tar_meta(w, &t->s, size, LONG_MAX_NAME) < 0)
            return -1;
        t->pend.name.len = 0;
        if (sb_append(&t->pend.name, w->file.data,
                      strnlen(w->file.data, w->file.len)) < 0) {
            report(w, t->s.name, "out of memory");
            return -1;
        }
        t->pend.have_name = 1;
        return 0;
    default:              /* 'g' global pax, 'K' GNU long link: unused */
        if (size > SRC_MAX_MEMBER) {
            report(w, t->s.name, "damaged tar archive: huge extended header");
            return -1;
        }
        return ts_skip(w, &t->s, size + pad512(size));
    }
}

/* One member that is not metadata; its header is h. */
static int tar_member(walker *w, tarwalk *t, const unsigned char *h,
                      uint64_t size)
{
    int type = h[156];
    const char *why = NULL;
    char buf[64];

    t->raw.len = 0;
    if (t->pend.have_name ?
        sb_append(&t->raw, t->pend.name.data, t->pend.name.len) < 0 :
        tar_header_name(h, &t->raw) < 0) {
        report(w, t->s.name, "out of memory");
        return -1;
    }
    if (t->pend.have_size)
        size = t->pend.size;
    t->pend.have_name = t->pend.have_size = 0;
    if (size > SRC_MAX_MEMBER) {
        snprintf(w->msg, sizeof w->msg, "member of %llu bytes (over 1 GiB): "
                 "damaged or hostile archive, stopped",
                 (unsigned long long)size);
        report_member(w, &t->s, &t->disp, t->raw.data, w->msg);
        return -1;
    }
    switch (type) {
    case '0': case '\0': case '7':
        return tar_regular(w, t, size);
    case 'V': case 'D':             /* GNU volume label, dumped folder */
        return ts_skip(w, &t->s, size + pad512(size));
    case '2': case '5':             /* never data records */
        if (type == '2')
            report_member(w, &t->s, &t->disp, t->raw.data,
                          "symbolic link, skipped");
        return 0;
    case '1':                       /* pax allows data on a hard link */
        why = "hard link, skipped";
        break;
    case '3': case '4':
        why = "device file, refused";
        break;
    case '6':
        why = "fifo, refused";
        break;
    default:
        snprintf(buf, sizeof buf, "unsupported member type '%c', skipped",
                 type >= 0x20 && type < 0x7f ? type : '?');
        why = buf;
        break;
    }
    report_member(w, &t->s, &t->disp, t->raw.data, why);
    return ts_skip(w, &t->s, size + pad512(size));
}

/* After the end-of-archive block: the rest is read to its end, so damage
 * in it (or in the gzip checksum) is not missed, and must be zeros (the
 * padding to tar's record size). Anything else is a second archive
 * (`cat a.tar.gz b.tar.gz`, or plain tars concatenated) whose members
 * would otherwise be dropped without a word: reported, the walk fails. */
static int tar_drain(walker *w, tstream *s)
{
    long long got;
    uint64_t end = s->off;

    do {
        got = ts_read(w, s, w->scratch, SCRATCH);
        for (long long i = 0; i < got; i++)
            if (w->scratch[i]) {
                snprintf(w->msg, sizeof w->msg, "data after the end of the "
                         "tar archive (at byte %llu: a second archive "
                         "appended?): not read, pack each archive as a "
                         "SOURCE of its own", (unsigned long long)end);
                report(w, s->name, w->msg);
                return -1;
            }
    } while (got > 0);
    return got < 0 ? -1 : 0;
}

/* Walk the tar stream s: one header, then its data, at a time. */
static int tar_walk(walker *w, tarwalk *t)
{
    unsigned char h[512];
    uint64_t size;
    long long got;
    int rc;

    for (;;) {
        got = ts_read(w, &t->s, h, sizeof h);
        if (got < 0)
            return -1;
        if (got < (long long)sizeof h)
            return ts_truncated(w, &t->s);
        if (all_zero(h, sizeof h))
            return tar_drain(w, &t->s);
        if (!tar_checksum_ok(h) || tar_num(h + 124, 12, &size) < 0) {
            snprintf(w->msg, sizeof w->msg, "damaged tar archive: bad header "
                     "at byte %llu", (unsigned long long)(t->s.off - 512));
            report(w, t->s.name, w->msg);
            return -1;
        }
        if (h[156] == 'x' || h[156] == 'L' || h[156] == 'g' || h[156] == 'K')
            rc = tar_meta_member(w, t, h[156], size);
        else
            rc = tar_member(w, t, h, size);
        if (rc != 0)
            return rc;
    }
}

static int walk_tar(walker *w, const char *source, int fd, int gz)
{
    tarwalk t;
    int rc;

    memset(&t, 0, sizeof t);
    t.s.fd = fd;
    t.s.name = source;
    if (gz && fmt_gz_open(&t.s.gz, fd) != FMT_OK) {
        report(w, source, "out of memory");
        return -1;
    }
    rc = tar_walk(w, &t);
    fmt_gz_close(t.s.gz);
    free(t.pend.name.data);
    free(t.raw.data);
    free(t.rel.data);
    free(t.disp.data);
    return rc;
}

/* ---- the SOURCE -------------------------------------------------------- */

enum { KIND_DOC, KIND_TAR, KIND_TGZ };

/* What a regular file is: by magic bytes first, then by name. */
static int sniff(int fd, const char *source)
{
    unsigned char h[512];
    ssize_t n;

    do
        n = pread(fd, h, sizeof h, 0);
    while (n < 0 && errno == EINTR);
    if (n >= 2 && h[0] == 0x1f && h[1] == 0x8b)
        return KIND_TGZ;
    if (n == 512 && memcmp(h + 257, "ustar", 5) == 0)
        return KIND_TAR;
    if (ends_with(source, ".tar.gz") || ends_with(source, ".tgz"))
        return KIND_TGZ;     /* not gzip: fmt_gz says it is damaged */
    if (ends_with(source, ".tar"))
        return KIND_TAR;
    return KIND_DOC;
}

static int walk_file(walker *w, const char *source, int fd,
                     const struct stat *st)
{
    const char *base;
    size_t n = strlen(source);
    int rc, kind = sniff(fd, source);

    w->dev = (unsigned long long)st->st_dev;
    w->ino = (unsigned long long)st->st_ino;
    if (kind != KIND_DOC)
        return walk_tar(w, source, fd, kind == KIND_TGZ);
    rc = read_fd(w, fd, st->st_size);
    if (rc != 0) {
        report_read(w, source, rc);
        return -1;
    }
    base = source + n;
    while (base > source && base[-1] != '/')
        base--;
    return deliver(w, source, base);
}

int src_walk(const char *source, src_cb cb, src_err_cb err, void *ctx)
{
    return src_walk_flags(source, 0, cb, err, ctx);
}

int src_walk_flags(const char *source, int flags, src_cb cb, src_err_cb err,
                   void *ctx)
{
    walker *w;
    struct stat st;
    int fd, rc;

    w = calloc(1, sizeof *w);
    if (!w) {
        if (err)
            err(ctx, source, "out of memory");
        return -1;
    }
    w->cb = cb;
    w->err = err;
    w->ctx = ctx;
    w->follow = (flags & SRC_FOLLOW_LINKS) != 0;
    /* O_NONBLOCK: a fifo named as SOURCE must not hang the open. */
    fd = open(source, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) < 0) {
        report_errno(w, source, errno);
        rc = -1;
    } else if (S_ISDIR(st.st_mode)) {
        rc = walk_root(w, source, fd, &st);
        fd = -1;                        /* closed by the walk */
    } else if (S_ISREG(st.st_mode)) {
        rc = walk_file(w, source, fd, &st);
    } else {
        report(w, source, "not a regular file or folder");
        rc = -1;
    }
    if (fd >= 0)
        close(fd);
    free(w->file.data);
    free(w->path.data);
    free(w->seen);
    free(w->rootreal);
    free(w);
    return rc;
}
