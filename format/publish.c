/* publish.c - the output file of a pack: created as OUT.tmp-PID beside
 * the output (and the ones killed packers left behind removed), where
 * each chunk lies in it (for pread), its map size, then synced, hashed
 * (SHA-256 on a thread of its own, while the sync waits on the disk; the
 * base's too when appending), given its checksum trailer and renamed into
 * place, so the output path never holds a partial file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "sha256.h"
#include "sha256x.h"
#include "writer_int.h"

static void *hash_file(void *arg)
{
    hasher *h = arg;
    size_t cap = 1 << 20;
    unsigned char *buf = alloc_malloc(cap);
    vb_sha256 c;
    sha256_init(&c);
    h->total = 0;
    h->err = buf ? 0 : ENOMEM;
    while (!h->err && h->total < h->len) {
        size_t want = h->len - h->total < cap ? (size_t)(h->len - h->total) : cap;
        ssize_t n = pread(h->fd, buf, want, (off_t)h->total);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            h->err = errno;
        else if (n == 0)
            h->err = h->len == UINT64_MAX ? 0 : ESPIPE;
        if (n <= 0)
            break;
        sha256x_update(&c, buf, (size_t)n);
        h->total += (uint64_t)n;
    }
    sha256_final(&c, h->digest);
    free(buf);
    return NULL;
}

static void hash_start(hasher *h, int fd, uint64_t len)
{
    memset(h, 0, sizeof *h);
    h->fd = fd;
    h->len = len;
    h->running = pthread_create(&h->th, NULL, hash_file, h) == 0;
    if (!h->running)
        hash_file(h);
}

void publish_hash_join(hasher *h)
{
    if (h->running)
        pthread_join(h->th, NULL);
    h->running = 0;
}

/* The archive is built in OUT.tmp-PID beside the output and renamed into
 * place when complete, so the output path never holds a partial file.
 * Pages freed by one transaction are reused by the next, so the file
 * built with commits now and then is as compact as a compacted copy (a
 * few pages of difference) and needs no second pass. */
/* The map is address space only (LMDB writes with pwrite), so it is asked
 * large, and halved while the system refuses it: a 64-bit Raspberry Pi
 * kernel gives a process 512 GB, a 32-bit process has about 3 GB in all,
 * qemu-user less. The map size stored in the archive is set by publish_shrink_map,
 * so the bytes do not depend on what was granted here. */
#define MAP_MIN ((size_t)64 << 20)

/* Make OUT.tmp-PID afresh as a new regular file of ours, open in *fd:
 * whatever lay under the name (a link planted for a PID that would be
 * ours) is removed, never followed or written through (issue 13, #4). */
int publish_tmp_create(build *b, int *fd)
{
    unlink(b->tmp);
    *fd = open(b->tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (*fd < 0 || fstat(*fd, &b->tmpst)) {
        int e = errno;
        if (*fd >= 0)
            close(*fd);
        return build_err(b->w, FMT_IO, "%s: %s", b->tmp, strerror(e));
    }
    b->tmp_made = 1;
    return FMT_OK;
}

/* The file under fd (fd < 0: under the name) is still the one
 * publish_tmp_create() made: LMDB and publish_file() open it again by
 * name. */
static int tmp_same(build *b, int fd)
{
    struct stat st;
    if (fd >= 0 ? fstat(fd, &st) : lstat(b->tmp, &st))
        return build_err(b->w, FMT_IO, "%s: %s", b->tmp, strerror(errno));
    if (!S_ISREG(st.st_mode) || st.st_dev != b->tmpst.st_dev || st.st_ino != b->tmpst.st_ino)
        return build_err(b->w, FMT_IO, "%s: replaced by another file while the archive was "
                         "written there; nothing written", b->tmp);
    return FMT_OK;
}

/* The name LMDB is to open OUT.tmp-PID by (it opens by name): with fd
 * open on the file we made, /proc/self/fd/FD, which is that file
 * whatever was put under its name since (an empty file swapped in would
 * have had LMDB's first pages written into it before tmp_same saw it);
 * without /proc, the name, which tmp_same checks after. */
static const char *tmp_path(const build *b, int fd, char *buf, size_t cap)
{
    int n = fd >= 0 ? snprintf(buf, cap, "/proc/self/fd/%d", fd) : -1;
    return n > 0 && (size_t)n < cap && access(buf, F_OK) == 0 ? buf : b->tmp;
}

int publish_open(build *b)
{
    int fd = -1, rc;
    if (!b->base && (rc = publish_tmp_create(b, &fd))) /* appending: append_copy made it */
        return rc;
    char path[64];
    const char *open_path = tmp_path(b, fd, path, sizeof path);
    size_t mapsize = sizeof(size_t) > 4 ? (size_t)1 << 40 : (size_t)3 << 29;
    if (sizeof(size_t) < 8 && fd >= 0)
        close(fd);
    if (sizeof(size_t) < 8) /* see guard_check_layout */
        return build_err(b->w, FMT_VERSION, "%s: this is a 32-bit build of vbpack, "
                         "and archives hold LMDB's 64-bit layout, which LMDB 0.9 "
                         "cannot write on a 32-bit system (archives would differ "
                         "from every other machine's and not open there); use a "
                         "64-bit system", b->w->path);
    for (;;) {
        rc = mdb_env_create(&b->env);
        if (!rc)
            rc = mdb_env_set_maxdbs(b->env, 16);
        if (!rc)
            rc = mdb_env_set_mapsize(b->env, mapsize);
        if (!rc)
            rc = mdb_env_open(b->env, open_path,
                              MDB_NOSUBDIR | MDB_NOSYNC | MDB_NOMETASYNC |
                                  MDB_NOLOCK | MDB_NORDAHEAD,
                              0644);
        if (rc != ENOMEM || mapsize / 2 < MAP_MIN)
            break;
        mdb_env_close(b->env); /* LMDB: a failed open needs a new env */
        b->env = NULL;
        if (fd >= 0)
            close(fd);
        fd = -1;
        if (!b->base && (rc = publish_tmp_create(b, &fd)))
            return rc;
        open_path = tmp_path(b, fd, path, sizeof path);
        mapsize /= 2;
    }
    if (fd >= 0)
        close(fd); /* LMDB has its own */
    if (rc)
        return build_mdb_fail(b, rc, "create");
    mdb_filehandle_t efd;
    if (mdb_env_get_fd(b->env, &efd))
        return build_err(b->w, FMT_IO, "%s: no file", b->tmp);
    if ((rc = tmp_same(b, efd)))
        return rc;
    rc = mdb_txn_begin(b->env, NULL, 0, &b->txn);
    if (rc)
        return build_mdb_fail(b, rc, "begin");
    struct {
        const char *name;
        MDB_dbi *dbi;
    } t2[] = {{"meta", &b->meta}, {"docs", &b->docs}, {"summary", &b->summary},
              {"ids", &b->ids},   {"cols", &b->cols}};
    for (size_t i = 0; i < sizeof t2 / sizeof *t2; i++)
        if ((rc = mdb_dbi_open(b->txn, t2[i].name, MDB_CREATE, t2[i].dbi)))
            return build_mdb_fail(b, rc, "create table");
    return FMT_OK;
}

/* Where each chunk of dbi lies in the file, as the cols value `name`:
 * per chunk the file offset of its value (u64 BE) and its length (u32
 * BE), then a CRC-32 (u32 BE) of all that. A reader then fetches a
 * record or summary with two preads, touching no page of the map: the
 * first touch of a map page costs a fault, a page check and an mprotect
 * (guard.c), most of a search's time. The chunks were written in earlier
 * transactions and are not written again, so no later write moves them;
 * values in this transaction's view are pointers into the map (the
 * environment has no MDB_WRITEMAP, and these pages are not dirty). */
int publish_positions(build *b, MDB_dbi dbi, const char *name)
{
    MDB_envinfo info;
    MDB_stat st;
    MDB_cursor *c = NULL;
    int rc = mdb_env_info(b->env, &info);
    rc = rc ? rc : mdb_env_stat(b->env, &st);
    rc = rc ? rc : mdb_cursor_open(b->txn, dbi, &c);
    if (rc)
        return build_mdb_fail(b, rc, "positions");
    uint64_t end = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize;
    fmt_buf out = {0};
    MDB_val k, v;
    uint32_t want = 0;
    uintptr_t base = 0;
    int op = MDB_FIRST;
    while (!(rc = mdb_cursor_get(c, &k, &v, op))) {
        op = MDB_NEXT;
        /* LMDB does not say where its map is, but a value lies in the
         * page (the map is page-aligned) whose header starts with its
         * number: inside a leaf page or 16 bytes into its first
         * overflow page. That gives the map's start; it is read from
         * the first value only (reading every value's page would map
         * the whole file, 64 KB a fault) and checked on the last. */
        uintptr_t p = (uintptr_t)v.mv_data;
        const unsigned char *pg =
            (const unsigned char *)(p & ~(uintptr_t)(st.ms_psize - 1));
        if (!base)
            base = (uintptr_t)pg - (uintptr_t)(vb_le64(pg) * st.ms_psize);
        uint64_t off = (uint64_t)(p - base);
        unsigned char e[12];
        if (k.mv_size != 4 || vb_get_be32(k.mv_data) != want++ || p < base ||
            off > end || v.mv_size > end - off) {
            rc = MDB_CORRUPTED;
            break;
        }
        vb_put_be64(e, off);
        vb_put_be32(e + 8, (uint32_t)v.mv_size);
        if (fmt_buf_append(&out, e, 12)) {
            rc = ENOMEM;
            break;
        }
    }
    if (rc == MDB_NOTFOUND && out.len) { /* the last value's page agrees */
        uint64_t last = vb_get_be64((unsigned char *)out.data + out.len - 12);
        uint64_t pgno = last / st.ms_psize;
        if (vb_le64((const unsigned char *)(base + (uintptr_t)(pgno * st.ms_psize))) != pgno)
            rc = MDB_CORRUPTED;
    }
    mdb_cursor_close(c);
    if (rc != MDB_NOTFOUND) {
        fmt_buf_free(&out);
        return rc == ENOMEM ? build_err(b->w, FMT_NOMEM, "out of memory")
                            : build_mdb_fail(b, rc, "positions");
    }
    unsigned char crc[4];
    vb_put_be32(crc, fmt_crc32(0, out.data, out.len));
    rc = fmt_buf_append(&out, crc, 4) ? build_err(b->w, FMT_NOMEM, "out of memory")
                                      : build_put(b, b->cols, name, strlen(name),
                                                  out.data, out.len, 0);
    fmt_buf_free(&out);
    return rc;
}

/* Before the last transaction: record a map size just above what is used,
 * so the archive's stored map size is about its own size and a small
 * machine can map it. */
int publish_shrink_map(build *b)
{
    int rc = mdb_txn_commit(b->txn);
    b->txn = NULL;
    MDB_envinfo info;
    MDB_stat st;
    if (!rc && !(rc = mdb_env_info(b->env, &info)) &&
        !(rc = mdb_env_stat(b->env, &st)))
        rc = mdb_env_set_mapsize(b->env, (info.me_last_pgno + 1 + 256) *
                                             (size_t)st.ms_psize);
    if (!rc)
        rc = mdb_txn_begin(b->env, NULL, 0, &b->txn);
    return rc ? build_mdb_fail(b, rc, "commit") : FMT_OK;
}

/* LMDB stores in both meta pages the largest map size the writer ever
 * asked for (it keeps increases only), which is whatever this machine
 * granted publish_open. So that every machine writes the same bytes, both
 * are set to the size of the pages, which LMDB and our readers take as
 * the least map to use anyway. (Written with pwrite like LMDB's own
 * pages, before the file is hashed; the layout is LMDB's 64-bit one:
 * page header 16 bytes, magic and version 8, address 8, then the size;
 * little-endian, as on every machine we build for.) */
static int fix_mapsize(build *b, int fd)
{
    MDB_envinfo info;
    MDB_stat st;
    if (mdb_env_info(b->env, &info) || mdb_env_stat(b->env, &st)) {
        errno = EIO;
        return -1;
    }
    uint64_t size = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize;
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)(size >> (8 * i));
    for (int m = 0; m < 2; m++)
        if (pwrite(fd, le, 8, (off_t)m * st.ms_psize + 32) != 8)
            return -1;
    return 0;
}

/* The base's hash (started by publish_file) is done and matches its
 * checksum. */
static int base_checked(build *b)
{
    if (!b->hashing)
        return FMT_OK;
    publish_hash_join(&b->bhash);
    b->hashing = 0;
    char hex[65];
    sha256_hex(b->bhash.digest, hex);
    if (b->bhash.err)
        return build_err(b->w, FMT_IO, "%s: %s", b->base->path,
                         b->bhash.err == ESPIPE ? "shorter than it says"
                                                : strerror(b->bhash.err));
    if (strcmp(hex, b->base->checksum))
        return build_err(b->w, FMT_CORRUPT,
                         "%s: damaged: its content does not match its checksum "
                         "(see vbpack verify); nothing written", b->base->path);
    return FMT_OK;
}

/* Sync the finished file, add its checksum, rename it into place. The
 * trailer — "VBKSUM01", u64 BE length of what precedes it, the SHA-256
 * of those bytes, 16 zero bytes — lies past LMDB's last page, which LMDB
 * ignores; it lets anyone check a snapshot end to end. The file is
 * hashed while it is synced: LMDB wrote every page before (pwrite, no
 * WRITEMAP), so the bytes read are final. */
int publish_file(build *b)
{
    fmt_writer *w = b->w;
    int same = tmp_same(b, -1);
    if (same)
        return same;
    int fd = open(b->tmp, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return build_err(w, FMT_IO, "%s: %s", b->tmp, strerror(errno));
    if ((same = tmp_same(b, fd))) {
        close(fd);
        return same;
    }
    if (fix_mapsize(b, fd)) {
        close(fd);
        return build_err(w, FMT_IO, "%s: %s", b->tmp, strerror(errno));
    }
    hasher h;
    hash_start(&h, fd, UINT64_MAX);
    if (b->base) { /* the second core: sync mostly waits on the disk */
        hash_start(&b->bhash, b->basefd, b->base->content_len);
        b->hashing = 1;
    }
    int rc = mdb_env_sync(b->env, 1);
    mdb_env_close(b->env);
    b->env = NULL;
    publish_hash_join(&h);
    if (!rc && b->base && (rc = base_checked(b))) {
        close(fd);
        return rc;
    }
    build_progress(b, "synced", w->ndocs, w->ndocs);
    unsigned char t[64] = "VBKSUM01";
    for (int i = 0; i < 8; i++)
        t[8 + i] = (unsigned char)(h.total >> (56 - 8 * i));
    memcpy(t + 16, h.digest, 32);
    int e = rc ? EIO : h.err;
    if (!e && (pwrite(fd, t, sizeof t, (off_t)h.total) != (ssize_t)sizeof t ||
               fsync(fd)))
        e = errno;
    close(fd);
    char why[1200];
    if (e)
        return build_err(w, FMT_IO, "%s: %s", b->tmp,
                         error_io_why(rc ? rc : e, b->tmp, why, sizeof why));
    /* rename() replaces what is at w->path (a link swapped in after the
     * program's check of -o is replaced, not followed) */
    if ((same = tmp_same(b, -1)))
        return same;
    if (rename(b->tmp, w->path))
        return build_err(w, FMT_IO, "%s: %s", w->path, strerror(errno));
    b->tmp_made = 0;
    return FMT_OK;
}

/* Remove OUT.tmp-PID files left by packers that were killed (their PID is
 * gone), so interrupted packs do not pile up. */
void publish_clean_stale(const fmt_writer *w)
{
    const char *slash = strrchr(w->path, '/');
    const char *base = slash ? slash + 1 : w->path;
    size_t bl = strlen(base);
    char dir[1100];
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - w->path + (slash == w->path)),
                 w->path);
    else
        strcpy(dir, ".");
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, base, bl) || strncmp(e->d_name + bl, ".tmp-", 5))
            continue;
        char *end;
        long pid = strtol(e->d_name + bl + 5, &end, 10);
        if (*end || pid <= 0 || pid == (long)getpid() ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* not ours to judge, or its packer still runs */
        char full[2200];
        snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
        unlink(full);
    }
    if (d)
        closedir(d);
}
