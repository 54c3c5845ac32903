/* guard.c - the fault guard around LMDB reads (see guard.h), and the check
 * of an archive's LMDB meta pages before LMDB maps the file.
 *
 * How the guard works: a SIGSEGV/SIGBUS handler, installed once per
 * process, looks at a thread-local stack of sigjmp_bufs. While a thread
 * is inside a guarded call the stack is not empty and the handler jumps
 * back to the call, which returns MDB_CORRUPTED. Otherwise the handler
 * passes the signal on to whatever handler was there before (the default
 * action, a sanitizer's or a fuzzer's), so a fault that is a bug of ours
 * still crashes loudly. The handler runs with SA_NODEFER, so a jump out of
 * it leaves no signal blocked and arming costs no system call.
 *
 * The one exception: a SIGBUS inside an archive's map outside a guarded
 * call means the file got shorter under us. Then the lost page is mapped
 * to zeros, the handle is marked broken and the code carries on; what it
 * reads no longer matches its checksums, and the next call fails at once.
 *
 * Only LMDB's 64-bit on-disk layout is understood (that of every 64-bit
 * build; LMDB files do not move between word sizes anyway).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "guard.h"

/* ---- the signal handler ----------------------------------------------- */

typedef struct frame {
    sigjmp_buf jb;
    struct frame *prev;
} frame;

static _Thread_local frame *volatile top;      /* innermost guarded call */
static _Thread_local void *volatile fault_addr;
static _Thread_local const char *volatile fault_assert; /* LMDB's message */

static struct sigaction old_segv, old_bus;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static long sys_page;

/* Archive maps, for the SIGBUS case; a fixed table the handler can read
 * without locks. A slot is in use while base is non-zero. */
#define MAXMAPS 64
static struct {
    _Atomic uintptr_t base;
    _Atomic size_t len;
    volatile sig_atomic_t faulted;
} maps[MAXMAPS];

/* Map zeros over the page of addr if it lies in an archive's map. */
static int zero_fill(void *addr)
{
    uintptr_t p = (uintptr_t)addr;
    for (int i = 0; i < MAXMAPS; i++) {
        uintptr_t b = atomic_load(&maps[i].base);
        if (!b || p < b || p - b >= atomic_load(&maps[i].len))
            continue;
        void *page = (void *)(p & ~(uintptr_t)(sys_page - 1));
        if (mmap(page, (size_t)sys_page, PROT_READ,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
            return 0;
        maps[i].faulted = 1;
        return 1;
    }
    return 0;
}

static void pass_on(int sig, siginfo_t *si, void *uc)
{
    struct sigaction *o = sig == SIGSEGV ? &old_segv : &old_bus;
    if (o->sa_flags & SA_SIGINFO) {
        if (o->sa_sigaction) {
            o->sa_sigaction(sig, si, uc);
            return;
        }
    } else if (o->sa_handler != SIG_DFL && o->sa_handler != SIG_IGN) {
        o->sa_handler(sig);
        return;
    }
    /* The default action: returning retries the faulting instruction,
     * which now kills the process where it faulted. A signal sent by
     * kill() is not retried, so it is raised again. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    if (si->si_code <= 0)
        raise(sig);
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    frame *f = top;
    if (f) {
        fault_addr = si->si_addr;
        fault_assert = NULL;
        siglongjmp(f->jb, 1);
    }
    if (sig == SIGBUS && zero_fill(si->si_addr))
        return;
    pass_on(sig, si, uc);
}

/* LMDB calls this before abort() when one of its assertions fails, which
 * a damaged page can make happen: inside a guarded call, jump out. */
static void on_assert(MDB_env *env, const char *msg)
{
    (void)env;
    frame *f = top;
    if (f) {
        fault_addr = NULL;
        fault_assert = msg;
        siglongjmp(f->jb, 2);
    }
}

static void install(void)
{
    sys_page = sysconf(_SC_PAGESIZE);
    if (sys_page <= 0)
        sys_page = 4096;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &old_segv);
    sigaction(SIGBUS, &sa, &old_bus);
}

/* Run fn(ctx) with the guard armed. *faulted is set when it faulted. f is
 * set up before sigsetjmp and not changed after, so it is intact when the
 * handler jumps back. */
static int run(int (*fn)(void *), void *ctx, int *faulted)
{
    frame f;
    f.prev = top;
    *faulted = 0;
    if (sigsetjmp(f.jb, 0)) {
        top = f.prev;
        *faulted = 1;
        return -1;
    }
    top = &f;
    int rc = fn(ctx);
    top = f.prev;
    return rc;
}

/* ---- per-handle state --------------------------------------------------- */

typedef struct {
    const unsigned char *base;   /* the map; NULL if not found */
    size_t len;                  /* the pages LMDB may use */
    int slot;                    /* in maps[], or -1 */
    int broken;
    int txn_bad;                 /* LMDB failed a read: the txn refuses more */
    int ncursors;                /* open: the txn cannot be renewed now */
} gstate;

static gstate *state(fmt_archive *a)
{
    return a->env ? mdb_env_get_userctx(a->env) : NULL;
}

int vb_broken(fmt_archive *a)
{
    gstate *g = state(a);
    if (!g)
        return 0;
    if (!g->broken && g->slot >= 0 && maps[g->slot].faulted) {
        g->broken = 1;
        vb_err(a, FMT_CORRUPT,
               "%s: archive is damaged: part of the file vanished while it "
               "was open (was it overwritten in place?)", a->path);
        return 1;
    }
    if (g->broken && !strstr(a->err, "damaged"))
        vb_err(a, FMT_CORRUPT, "%s: archive is damaged (a read failed earlier)",
               a->path);
    return g->broken;
}

/* After a fault: mark the handle and say where it happened. */
static void fault(fmt_archive *a, const char *what)
{
    gstate *g = state(a);
    if (g)
        g->broken = 1;
    uintptr_t p = (uintptr_t)fault_addr, b = g ? (uintptr_t)g->base : 0;
    if (fault_assert)
        vb_err(a, FMT_CORRUPT, "%s: archive is damaged (LMDB, in %s: %.200s)",
               a->path, what, fault_assert);
    else if (b && p >= b && p - b < g->len + (size_t)sys_page)
        vb_err(a, FMT_CORRUPT,
               "%s: archive is damaged (bad read at byte %llu, in %s)", a->path,
               (unsigned long long)(p - b), what);
    else
        vb_err(a, FMT_CORRUPT,
               "%s: archive is damaged (a page points outside the file, in %s)",
               a->path, what);
}

int vb_guarded(fmt_archive *a, int (*fn)(void *ctx), void *ctx)
{
    if (vb_broken(a))
        return FMT_CORRUPT;
    int faulted, rc = run(fn, ctx, &faulted);
    if (faulted) {
        fault(a, "reading");
        return FMT_CORRUPT;
    }
    return rc;
}

const unsigned char *vb_map(fmt_archive *a, size_t *len)
{
    gstate *g = state(a);
    *len = g && g->base ? g->len : 0;
    return g ? g->base : NULL;
}

/* ---- the LMDB calls ---------------------------------------------------------- */

enum { C_DBI, C_GET, C_STAT, C_COPEN, C_CGET, C_TXN, C_OPEN, C_RENEW };

typedef struct {
    int op;
    fmt_archive *a;
    MDB_dbi dbi, *dbip;
    const char *name;
    MDB_val *k, *v;
    MDB_stat *st;
    MDB_cursor *c, **cp;
    MDB_cursor_op cop;
} call;

static int do_call(void *p)
{
    call *c = p;
    switch (c->op) {
    case C_DBI:
        return mdb_dbi_open(c->a->txn, c->name, 0, c->dbip);
    case C_GET:
        return mdb_get(c->a->txn, c->dbi, c->k, c->v);
    case C_STAT:
        return mdb_stat(c->a->txn, c->dbi, c->st);
    case C_COPEN:
        return mdb_cursor_open(c->a->txn, c->dbi, c->cp);
    case C_CGET:
        return mdb_cursor_get(c->c, c->k, c->v, c->cop);
    case C_TXN:
        return mdb_txn_begin(c->a->env, NULL, MDB_RDONLY, &c->a->txn);
    case C_RENEW:
        mdb_txn_reset(c->a->txn);
        return mdb_txn_renew(c->a->txn);
    case C_OPEN:
        return mdb_env_open(c->a->env, c->a->path,
                            MDB_RDONLY | MDB_NOLOCK | MDB_NOSUBDIR | MDB_NOTLS,
                            0444);
    }
    return EINVAL;
}

/* [p, p + n) inside the archive's pages? (Unknown map: only the size.) */
static int inside(const gstate *g, const void *p, size_t n)
{
    if (!g || !g->len)
        return 1;
    if (n > g->len)
        return 0;
    if (!g->base)
        return 1;
    uintptr_t x = (uintptr_t)p, b = (uintptr_t)g->base;
    return x >= b && x - b <= g->len - n;
}

/* After one failed read LMDB refuses every further call in the same
 * transaction (MDB_BAD_TXN), which would make one damaged page hide the
 * whole archive. So the read transaction is renewed before the next call,
 * once no cursor is open (a renewal would invalidate it). */
static int renew(fmt_archive *a, gstate *g)
{
    call c = {.op = C_RENEW, .a = a};
    int faulted, rc = run(do_call, &c, &faulted);
    if (faulted) {
        fault(a, "renewing");
        return MDB_CORRUPTED;
    }
    if (rc) {
        g->broken = 1;
        vb_err(a, FMT_CORRUPT, "%s: archive is damaged (%s)", a->path,
               mdb_strerror(rc));
        return rc;
    }
    g->txn_bad = 0;
    return 0;
}

static int guarded_call(call *c, const char *what)
{
    fmt_archive *a = c->a;
    gstate *g = state(a);
    if (vb_broken(a))
        return MDB_CORRUPTED;
    if (g && g->txn_bad && !g->ncursors && c->op != C_CGET && renew(a, g))
        return MDB_CORRUPTED;
    int faulted, rc = run(do_call, c, &faulted);
    if (faulted) {
        fault(a, what);
        return MDB_CORRUPTED;
    }
    if (rc == 0 && c->op == C_COPEN && g)
        g->ncursors++;
    if (rc && rc != MDB_NOTFOUND && g)
        g->txn_bad = 1;
    if (rc == 0 && (c->op == C_GET || c->op == C_CGET) &&
        ((c->op == C_CGET && !inside(g, c->k->mv_data, c->k->mv_size)) ||
         !inside(g, c->v->mv_data, c->v->mv_size)))
        return MDB_CORRUPTED;
    return rc;
}

int vb_g_dbi_open(fmt_archive *a, const char *name, MDB_dbi *dbi)
{
    call c = {.op = C_DBI, .a = a, .name = name, .dbip = dbi};
    return guarded_call(&c, "opening a table");
}

int vb_g_get(fmt_archive *a, MDB_dbi dbi, MDB_val *key, MDB_val *val)
{
    call c = {.op = C_GET, .a = a, .dbi = dbi, .k = key, .v = val};
    return guarded_call(&c, "a lookup");
}

int vb_g_stat(fmt_archive *a, MDB_dbi dbi, MDB_stat *st)
{
    call c = {.op = C_STAT, .a = a, .dbi = dbi, .st = st};
    return guarded_call(&c, "a table's statistics");
}

int vb_g_cursor_open(fmt_archive *a, MDB_dbi dbi, MDB_cursor **cur)
{
    call c = {.op = C_COPEN, .a = a, .dbi = dbi, .cp = cur};
    *cur = NULL;
    return guarded_call(&c, "a scan");
}

void vb_g_cursor_close(fmt_archive *a, MDB_cursor *cur)
{
    gstate *g = state(a);
    if (!cur)
        return;
    mdb_cursor_close(cur);
    if (g && g->ncursors > 0)
        g->ncursors--;
}

int vb_g_cursor_get(fmt_archive *a, MDB_cursor *cur, MDB_val *key,
                    MDB_val *val, MDB_cursor_op op)
{
    call c = {.op = C_CGET, .a = a, .c = cur, .k = key, .v = val, .cop = op};
    return guarded_call(&c, "a scan");
}

/* ---- the meta pages -------------------------------------------------------- */

static uint64_t le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

#define P_INVALID UINT64_MAX
#define MDB_MAGIC 0xBEEFC0DEu

/* One db record of a meta page (MDB_db at off): its pages must fit. */
static int db_ok(const unsigned char *m, size_t off, uint64_t last)
{
    unsigned depth = (unsigned)m[off + 6] | (unsigned)m[off + 7] << 8;
    uint64_t branch = le64(m + off + 8), leaf = le64(m + off + 16);
    uint64_t over = le64(m + off + 24), root = le64(m + off + 40);
    if (root == P_INVALID)
        return depth == 0;
    return root >= 2 && root <= last && depth >= 1 && depth <= 16 &&
           branch <= last && leaf <= last && over <= last &&
           branch + leaf + over <= last + 1;
}

/* A meta page: page number i, P_META, LMDB's magic and data version 1. */
static int meta_ok(const unsigned char *m, int i)
{
    return le64(m) == (uint64_t)i && (m[10] & 0x08) && le32(m + 16) == MDB_MAGIC &&
           le32(m + 20) == 1;
}

/* The trailer's length of content, or 0 when there is no sound trailer. */
static uint64_t trailer_len(int fd, uint64_t size)
{
    unsigned char t[16];
    if (size < 64 || pread(fd, t, 16, (off_t)(size - 64)) != 16 ||
        memcmp(t, "VBKSUM01", 8))
        return 0;
    uint64_t len = 0;
    for (int i = 0; i < 8; i++)
        len = len << 8 | t[8 + i];
    return len == size - 64 ? len : 0;
}

static int check_metas(const char *path, unsigned char m[2][160],
                       uint64_t size, uint64_t tlen, vb_layout *lay,
                       char *msg, size_t msglen)
{
    int ok0 = meta_ok(m[0], 0), ok1 = meta_ok(m[1], 1);
    if (!ok0 || !ok1) {
        snprintf(msg, msglen, "%s: damaged archive header (LMDB meta page %d)",
                 path, ok0 ? 1 : 0);
        return FMT_CORRUPT;
    }
    uint64_t txn0 = le64(m[0] + 144), txn1 = le64(m[1] + 144);
    int k = txn1 > txn0; /* the newest, as LMDB picks it */
    const unsigned char *n = m[k];
    uint64_t txn = k ? txn1 : txn0, last = le64(n + 136);
    if ((txn & 1) != (uint64_t)k || last < 2 || last > ((uint64_t)1 << 40) ||
        !db_ok(n, 40, last) || !db_ok(n, 88, last)) {
        snprintf(msg, msglen, "%s: damaged archive header (LMDB meta page %d)",
                 path, k);
        return FMT_CORRUPT;
    }
    uint64_t need = (last + 1) * lay->psize;
    if (need > size) {
        snprintf(msg, msglen, "%s: archive is truncated (%llu of %llu bytes)",
                 path, (unsigned long long)size, (unsigned long long)need);
        return FMT_CORRUPT;
    }
    if (tlen && tlen != need) {
        snprintf(msg, msglen, "%s: damaged archive header (its pages and its "
                 "checksum trailer disagree on the length)", path);
        return FMT_CORRUPT;
    }
    lay->last = last;
    lay->main_root = le64(n + 128);
    return FMT_OK;
}

int vb_check_layout(const char *path, vb_layout *lay, char *msg, size_t msglen)
{
    memset(lay, 0, sizeof *lay);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(msg, msglen, "%s: %s", path, strerror(errno));
        return FMT_IO;
    }
    struct stat st;
    unsigned char m[2][160];
    int rc = FMT_OK;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        snprintf(msg, msglen, "%s: not a regular file", path);
        rc = FMT_IO;
    } else if (pread(fd, m[0], sizeof m[0], 0) != (ssize_t)sizeof m[0]) {
        snprintf(msg, msglen, "%s: too short to be an archive", path);
        rc = FMT_VERSION;
    }
    if (!rc) {
        lay->file_size = (uint64_t)st.st_size;
        lay->psize = le32(m[0] + 40);
        uint32_t ps = lay->psize;
        if (le32(m[0] + 16) != MDB_MAGIC) {
            snprintf(msg, msglen, "%s: not a Vraagbaak archive", path);
            rc = FMT_VERSION;
        } else if (le32(m[0] + 20) != 1) {
            snprintf(msg, msglen, "%s: not a Vraagbaak archive (LMDB data "
                     "version %u)", path, le32(m[0] + 20));
            rc = FMT_VERSION;
        } else if (ps < 512 || ps > 65536 || (ps & (ps - 1)) ||
                   pread(fd, m[1], sizeof m[1], ps) != (ssize_t)sizeof m[1]) {
            snprintf(msg, msglen, "%s: damaged archive header", path);
            rc = FMT_CORRUPT;
        } else {
            rc = check_metas(path, m, lay->file_size,
                             trailer_len(fd, lay->file_size), lay, msg, msglen);
        }
    }
    close(fd);
    return rc;
}

/* ---- opening ----------------------------------------------------------------- */

/* Find where LMDB mapped the file: the first key of the main db lies in
 * its root page (the main db of an archive is one page: it names the
 * tables), the map starts at a system page boundary, and each candidate
 * start is confirmed by the page numbers in the page headers. */
typedef struct {
    const unsigned char *cand;
    uint64_t root;
    uint32_t psize;
} probe;

static int probe_one(void *p)
{
    probe *pr = p;
    const unsigned char *page = pr->cand + pr->root * pr->psize;
    return le64(pr->cand) == 0 && le32(pr->cand + 16) == MDB_MAGIC &&
           le64(page) == pr->root && (page[10] & 0x02); /* P_LEAF */
}

static const unsigned char *find_map(fmt_archive *a, const vb_layout *lay)
{
    MDB_dbi main;
    MDB_cursor *c = NULL;
    MDB_val k, v;
    if (lay->main_root == P_INVALID || vb_g_dbi_open(a, NULL, &main) ||
        vb_g_cursor_open(a, main, &c) ||
        vb_g_cursor_get(a, c, &k, &v, MDB_FIRST)) {
        vb_g_cursor_close(a, c);
        return NULL;
    }
    vb_g_cursor_close(a, c);
    uintptr_t key = (uintptr_t)k.mv_data, off = lay->main_root * lay->psize;
    if (key < off)
        return NULL;
    uintptr_t hi = (key - off) & ~(uintptr_t)(sys_page - 1);
    for (uintptr_t b = hi; b + lay->psize > key - off && b > 0;
         b -= (uintptr_t)sys_page) {
        probe pr = {(const unsigned char *)b, lay->main_root, lay->psize};
        int faulted, ok = run(probe_one, &pr, &faulted);
        if (!faulted && ok == 1)
            return pr.cand;
    }
    return NULL;
}

static void register_map(gstate *g)
{
    for (int i = 0; g->base && i < MAXMAPS; i++) {
        uintptr_t none = 0;
        atomic_store(&maps[i].len, g->len);
        maps[i].faulted = 0;
        if (atomic_compare_exchange_strong(&maps[i].base, &none,
                                           (uintptr_t)g->base)) {
            g->slot = i;
            return;
        }
    }
}

int vb_guard_keep_dbs(fmt_archive *a)
{
    int rc = mdb_txn_commit(a->txn);
    a->txn = NULL;
    if (rc)
        return rc;
    call c = {.op = C_TXN, .a = a};
    return guarded_call(&c, "opening");
}

int vb_guard_open(fmt_archive *a, const vb_layout *lay)
{
    pthread_once(&once, install);
    gstate *g = fmt__calloc(1, sizeof *g);
    if (!g)
        return ENOMEM;
    g->slot = -1;
    g->len = (size_t)((lay->last + 1) * lay->psize);
    int rc = mdb_env_create(&a->env);
    if (rc) {
        free(g);
        return rc;
    }
    mdb_env_set_userctx(a->env, g);
    mdb_env_set_assert(a->env, on_assert);
    /* Map exactly the pages the meta names: the stored map size may be
     * anything, and pages past the end of the file would fault. */
    if ((rc = mdb_env_set_maxdbs(a->env, 16)) ||
        (rc = mdb_env_set_mapsize(a->env, g->len)))
        return rc;
    call c = {.op = C_OPEN, .a = a};
    if ((rc = guarded_call(&c, "opening")))
        return rc;
    c.op = C_TXN;
    if ((rc = guarded_call(&c, "opening")))
        return rc;
    g->base = find_map(a, lay);
    register_map(g);
    return vb_broken(a) ? MDB_CORRUPTED : 0;
}

void vb_guard_close(fmt_archive *a)
{
    gstate *g = state(a);
    if (!g)
        return;
    if (g->slot >= 0)
        atomic_store(&maps[g->slot].base, 0);
    mdb_env_set_userctx(a->env, NULL);
    free(g);
}
