/* guard.c - reading a damaged archive without crashing or hanging (see
 * guard.h): the fault guard around LMDB calls, the check of every page
 * before LMDB may read it, the watchdog, and the check of the meta pages
 * before LMDB maps the file.
 *
 * The guard: a SIGSEGV/SIGBUS handler, installed once per process by
 * fmt_guard_start (the program's call: fmt_open refuses before it), looks
 * at a thread-local stack of sigjmp_bufs. While a thread is inside a
 * guarded call the stack is not empty and a fault jumps back to the call,
 * which returns MDB_CORRUPTED. Otherwise the handler passes the signal on
 * to whatever handler was there before (the default action, a sanitizer's
 * or a fuzzer's), so a fault that is a bug of ours still crashes loudly.
 * The handler runs with SA_NODEFER, so jumping out of it leaves no signal
 * blocked and arming the guard costs no system call.
 *
 * Page checks: LMDB follows page numbers and node offsets as it finds them,
 * so a damaged page can send it into other memory (the heap, silently) or
 * into an endless binary search. So, once the map is found, every page
 * but the two meta pages is made PROT_NONE; the first touch of a page
 * faults, the handler checks the page (its number, type, key count, every
 * node inside it, every page number it holds inside the file) and makes it
 * readable, or, if it is damaged, leaves it unreadable and fails the
 * guarded call. LMDB thus only ever reads checked pages. The pages of a
 * large value (overflow pages after the first) hold no header; they are
 * made readable when LMDB hands the value out, after its first page is
 * checked. Only for a page size that is a multiple of the system's (the
 * usual case: equal); otherwise, or when the system refuses more
 * mappings, pages go unchecked and only the guard remains.
 *
 * A file shortened while it is open (copied over in place) makes a read of
 * the lost pages a SIGBUS. Outside a guarded call the handler maps zeros
 * there, marks the handle broken and lets the code carry on to a checksum
 * failure; the next call fails at once.
 *
 * The watchdog: each thread that reads has a timer on its own CPU time;
 * when it fires while one guarded call has run longer than STUCK_MS, the
 * handler jumps out of it as out of a fault. The timer is armed when a
 * call starts and it is not running, and stays off while the thread is
 * idle: no wake-ups, one clock read per call. (Linux: SIGEV_THREAD_ID;
 * without it there is no watchdog, and the page checks must do.)
 *
 * Only LMDB's 64-bit on-disk layout is understood (that of every 64-bit
 * build; LMDB files do not move between word sizes anyway).
 */
#define _GNU_SOURCE /* gettid, SIGEV_THREAD_ID */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "guard.h"

/* ---- LMDB's on-disk layout (64-bit) ---------------------------------- */

#define P_INVALID UINT64_MAX
#define MDB_MAGIC 0xBEEFC0DEu
#define P_BRANCH 0x01
#define P_LEAF 0x02
#define P_OVERFLOW 0x04
#define P_META 0x08
#define F_BIGDATA 0x01
#define F_SUBDATA 0x02
#define PAGEHDR 16

/* Is page idx (psize bytes at p) one LMDB may read? A branch or leaf page:
 * key count from a sane lower bound, every node inside the page, every
 * child or overflow page number inside [2, last]. An overflow page: its
 * run inside the file. Our tables use no duplicate or fixed-size keys. */
static int page_ok(const unsigned char *p, uint64_t idx, uint32_t psize,
                   uint64_t last)
{
    unsigned flags = vb_le16(p + 10), lower = vb_le16(p + 12), upper = vb_le16(p + 14);
    if (vb_le64(p) != idx)
        return 0;
    if (flags == P_OVERFLOW) {
        uint32_t n = vb_le32(p + 12);
        return n >= 1 && idx + n - 1 <= last;
    }
    if ((flags != P_BRANCH && flags != P_LEAF) || lower < PAGEHDR ||
        lower > upper || upper > psize || (lower & 1))
        return 0;
    unsigned nkeys = (lower - PAGEHDR) / 2;
    if (flags == P_BRANCH && nkeys < 1)
        return 0;
    for (unsigned i = 0; i < nkeys; i++) {
        size_t off = vb_le16(p + PAGEHDR + 2 * i);
        if (off < upper || (off & 1) || off + 8 > psize)
            return 0;
        const unsigned char *n = p + off;
        size_t ksize = vb_le16(n + 6), nflags = vb_le16(n + 4);
        uint64_t lo = (uint64_t)vb_le16(n) | (uint64_t)vb_le16(n + 2) << 16;
        if (off + 8 + ksize > psize)
            return 0;
        if (flags == P_BRANCH) {
            uint64_t child = lo | (uint64_t)nflags << 32;
            if (child < 2 || child > last)
                return 0;
        } else if (nflags & ~(unsigned)(F_BIGDATA | F_SUBDATA)) {
            return 0;
        } else if (nflags & F_BIGDATA) {
            if (off + 8 + ksize + 8 > psize)
                return 0;
            uint64_t ov = vb_le64(n + 8 + ksize);
            if (ov < 2 || ov > last)
                return 0;
        } else if (off + 8 + ksize + lo > psize) {
            return 0;
        }
    }
    return 1;
}

/* ---- the signal handler ----------------------------------------------- */

typedef struct frame {
    sigjmp_buf jb;
    struct frame *prev;
} frame;

enum { J_FAULT = 1, J_ASSERT, J_STUCK, J_PAGE };

static _Thread_local frame *volatile top;      /* innermost guarded call */
static _Thread_local void *volatile fault_addr;
static _Thread_local const char *volatile fault_assert; /* LMDB's message */
static _Thread_local volatile uint64_t fault_page;

/* A read that runs this long on the CPU is stuck (VB_STUCK_MS overrides
 * it, for the fuzzers, which meet many such pages). */
static int64_t STUCK_MS = 2000;
static _Thread_local volatile int64_t call_start; /* ms; 0: not in a call */
#ifdef SIGEV_THREAD_ID
static _Thread_local timer_t wd_timer;
static _Thread_local int wd_made;
static _Thread_local volatile sig_atomic_t wd_running;
static pthread_key_t wd_key;
static int wd_sig;
#endif

static struct sigaction old_segv, old_bus;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int started; /* fmt_guard_start has installed the handlers */
static long sys_page;

/* The archive maps, in a fixed table the handler reads without locks. A
 * slot is in use while base is non-zero; the rest is set before base. */
#define MAXMAPS 64
static struct {
    _Atomic uintptr_t base;
    size_t len;
    uint32_t psize;
    uint64_t last;
    volatile sig_atomic_t checked;  /* pages are checked on first touch */
    volatile sig_atomic_t faulted;  /* lost pages were zero-filled */
} maps[MAXMAPS];

static int slot_of(uintptr_t p)
{
    for (int i = 0; i < MAXMAPS; i++) {
        uintptr_t b = atomic_load(&maps[i].base);
        if (b && p >= b && p - b < maps[i].len)
            return i;
    }
    return -1;
}

/* Map zeros over the system page of addr, in slot i. */
static int zero_fill(int i, uintptr_t p)
{
    void *page = (void *)(p & ~(uintptr_t)(sys_page - 1));
    if (mmap(page, (size_t)sys_page, PROT_READ,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
        return 0;
    maps[i].faulted = 1;
    return 1;
}

/* First touch of a protected page of slot i: check it and let it be read
 * (1), or say it is damaged (0). When the system will not split the map
 * further, stop checking this map (1). */
static int first_touch(int i, uintptr_t p)
{
    uintptr_t b = atomic_load(&maps[i].base);
    uint32_t ps = maps[i].psize;
    uint64_t idx = (p - b) / ps;
    unsigned char *page = (unsigned char *)b + idx * ps;
    if (mprotect(page, ps, PROT_READ)) {
        maps[i].checked = 0;
        mprotect((void *)b, maps[i].len, PROT_READ);
        return 1;
    }
    if (page_ok(page, idx, ps, maps[i].last))
        return 1;
    mprotect(page, ps, PROT_NONE);
    fault_page = idx;
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
    uintptr_t p = (uintptr_t)si->si_addr;
    int i = slot_of(p);
    frame *f = top;
    if (i >= 0 && sig == SIGSEGV && si->si_code == SEGV_ACCERR &&
        maps[i].checked) {
        if (first_touch(i, p))
            return; /* the access is retried, on a checked page */
        if (f)
            siglongjmp(f->jb, J_PAGE);
        if (zero_fill(i, p)) /* outside a call: cannot jump; see broken */
            return;
    }
    if (f) {
        fault_addr = si->si_addr;
        siglongjmp(f->jb, J_FAULT);
    }
    if (i >= 0 && sig == SIGBUS && zero_fill(i, p))
        return;
    pass_on(sig, si, uc);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#ifdef SIGEV_THREAD_ID
static void wd_arm(int64_t ms)
{
    struct itimerspec it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = (time_t)(ms / 1000);
    it.it_value.tv_nsec = (long)(ms % 1000) * 1000000;
    wd_running = timer_settime(wd_timer, 0, &it, NULL) == 0;
}

/* The thread used STUCK_MS more CPU time since the timer was armed. */
static void on_watchdog(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si, (void)uc;
    int64_t start = call_start;
    frame *f = top;
    if (!start || !f) {
        wd_running = 0; /* idle: stay off until the next call */
        return;
    }
    int64_t ran = now_ms() - start;
    if (ran < STUCK_MS) {
        wd_arm(STUCK_MS - ran);
        return;
    }
    wd_running = 0; /* it fired: the next call arms it again */
    siglongjmp(f->jb, J_STUCK);
}

/* The thread's own signal stack, when it had none: the watchdog's
 * signal comes when the timer says, wherever the thread is, and a stack
 * that is not yet grown there cannot always take a handler's frame
 * (valgrind refuses to grow the main thread's stack during delivery). */
#define ALT_STACK (64u << 10)
static _Thread_local void *alt_stack;

static void alt_stack_start(void)
{
    stack_t cur, ss;
    if (alt_stack || sigaltstack(NULL, &cur) || !(cur.ss_flags & SS_DISABLE))
        return; /* ours, or the program's (a sanitizer's) */
    if (!(ss.ss_sp = malloc(ALT_STACK)))
        return;
    ss.ss_size = ALT_STACK;
    ss.ss_flags = 0;
    if (sigaltstack(&ss, NULL)) {
        free(ss.ss_sp);
        return;
    }
    alt_stack = ss.ss_sp;
}

static void wd_free(void *p)
{
    (void)p;
    if (wd_made)
        timer_delete(wd_timer);
    wd_made = 0;
    if (alt_stack) {
        stack_t ss;
        memset(&ss, 0, sizeof ss);
        ss.ss_flags = SS_DISABLE;
        sigaltstack(&ss, NULL);
        free(alt_stack);
        alt_stack = NULL;
    }
}

static void wd_start(void)
{
    if (!wd_made) {
        struct sigevent ev;
        memset(&ev, 0, sizeof ev);
        ev.sigev_notify = SIGEV_THREAD_ID;
        ev.sigev_signo = wd_sig;
        ev._sigev_un._tid = gettid();
        if (timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &wd_timer))
            return;
        wd_made = 1;
        alt_stack_start();
        pthread_setspecific(wd_key, &wd_made);
    }
    if (!wd_running)
        wd_arm(STUCK_MS);
}
#endif

/* LMDB calls this before abort() when one of its assertions fails, which
 * a damaged page can make happen: inside a guarded call, jump out. */
static void on_assert(MDB_env *env, const char *msg)
{
    (void)env;
    frame *f = top;
    if (f) {
        fault_assert = msg;
        siglongjmp(f->jb, J_ASSERT);
    }
}

/* Make on_fault the handler of sig, keeping the one there to pass on to
 * (never on_fault itself, or a fault of ours would go round for ever). */
static void take(int sig, struct sigaction *old)
{
    struct sigaction cur, sa;
    if (sigaction(sig, NULL, &cur) ||
        ((cur.sa_flags & SA_SIGINFO) && cur.sa_sigaction == on_fault))
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    /* The watchdog waits while a fault is handled: landing inside
     * on_fault it would jump out of a page check half done, and under
     * AddressSanitizer, whose bookkeeping for the jump reads
     * /proc/self/maps under a lock, its own jump waited on that lock for
     * ever (fuzz_open, December 2026). A jump out of on_fault keeps the
     * mask (sigsetjmp saves none), so run() unblocks it after the jump;
     * a fault the handler returns from gets the mask back from the
     * kernel. */
    if (wd_sig)
        sigaddset(&sa.sa_mask, wd_sig);
    *old = cur;
    sigaction(sig, &sa, NULL);
}

/* The page checks depend on seeing every first touch, so when a program
 * (or a test harness: cmocka installs its own per test) replaced the
 * handler, take it back, passing faults that are not ours on to it. One
 * system call per LMDB call. */
static void ensure_handler(void)
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    struct sigaction cur;
    if (!sigaction(SIGSEGV, NULL, &cur) && (cur.sa_flags & SA_SIGINFO) &&
        cur.sa_sigaction == on_fault)
        return;
    pthread_mutex_lock(&mu);
    take(SIGSEGV, &old_segv);
    take(SIGBUS, &old_bus);
    pthread_mutex_unlock(&mu);
}

static void install(void)
{
    const char *e = getenv("VB_STUCK_MS");
    if (e && atol(e) > 0)
        STUCK_MS = atol(e);
    sys_page = sysconf(_SC_PAGESIZE);
    if (sys_page <= 0)
        sys_page = 4096;
#ifdef SIGEV_THREAD_ID
    /* a real-time signal nobody else here uses (glibc keeps the first
     * ones below SIGRTMIN for itself); known before the fault handler is
     * installed, which blocks it */
    wd_sig = SIGRTMIN + 6;
#endif
    ensure_handler();
#ifdef SIGEV_THREAD_ID
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sa.sa_sigaction = on_watchdog;
    sigaction(wd_sig, &sa, NULL);
    pthread_key_create(&wd_key, wd_free);
#endif
    atomic_store(&started, 1);
}

int fmt_guard_start(void)
{
    pthread_once(&once, install);
    return FMT_OK;
}

int guard_started(void)
{
    return atomic_load(&started);
}

/* The watchdog's jump may land anywhere in the call, so it must not
 * land inside malloc (its lock would stay taken: the next malloc, or
 * LeakSanitizer's check at exit, waited for ever; seen with
 * VB_STUCK_MS=1). The calls that allocate (opening the environment, the
 * transaction, a cursor, a table) cannot run in circles: they read the
 * meta pages or descend a tree at most LMDB's cursor depth; the
 * watchdog waits for them. A fault in one still jumps (on_fault), and
 * run() unblocks after that jump. */
static void wd_hold(int on)
{
#ifdef SIGEV_THREAD_ID
    if (wd_sig) {
        sigset_t ws;
        sigemptyset(&ws);
        sigaddset(&ws, wd_sig);
        pthread_sigmask(on ? SIG_BLOCK : SIG_UNBLOCK, &ws, NULL);
    }
#else
    (void)on;
#endif
}

/* Run fn(ctx) with the guard armed. Returns fn's result, or -1 with *how
 * set to J_* when it was jumped out of. f is set up before sigsetjmp and
 * not changed after, so it is intact when the handler jumps back. */
static int run(int (*fn)(void *), void *ctx, int *how)
{
    frame f;
    f.prev = top;
    *how = 0;
    int j = sigsetjmp(f.jb, 0);
    if (j) {
        top = f.prev;
        if (!top)
            call_start = 0;
        /* on_fault jumped with the watchdog blocked (take(), wd_hold); a
         * watchdog that fired meanwhile comes now, and finds this call
         * gone */
        if (j != J_STUCK)
            wd_hold(0);
        *how = j;
        return -1;
    }
    if (!f.prev) {
        ensure_handler();
        call_start = now_ms();
#ifdef SIGEV_THREAD_ID
        wd_start();
#endif
    }
    fault_addr = NULL;
    fault_assert = NULL;
    top = &f;
    int rc = fn(ctx);
    top = f.prev;
    if (!top)
        call_start = 0;
    return rc;
}

/* ---- per-handle state --------------------------------------------------- */

typedef struct {
    const unsigned char *base;   /* the map; NULL if not found */
    size_t len;                  /* the pages LMDB may use */
    uint32_t psize;
    int slot;                    /* in maps[], or -1 */
    int broken;
    int txn_bad;                 /* LMDB failed a read: the txn refuses more */
    int ncursors;                /* open: the txn cannot be renewed now */
    char why[128];               /* what the last failed call met */
} gstate;

static gstate *state(fmt_archive *a)
{
    return a->env ? mdb_env_get_userctx(a->env) : NULL;
}

int guard_broken(fmt_archive *a)
{
    gstate *g = state(a);
    if (!g)
        return 0;
    if (!g->broken && g->slot >= 0 && maps[g->slot].faulted) {
        g->broken = 1;
        error_set(a, FMT_CORRUPT,
                  "%s: archive is damaged: part of the file vanished while it "
                  "was open (was it overwritten in place?)", a->path);
        return 1;
    }
    if (g->broken && !strstr(a->err, "damaged"))
        error_set(a, FMT_CORRUPT, "%s: archive is damaged (a read failed earlier)",
                  a->path);
    return g->broken;
}

/* After a jump out of a call: say what happened and where. A damaged page
 * fails the call; anything else breaks the handle for good, since LMDB
 * may have been anywhere. */
static void fault(fmt_archive *a, int how, const char *what)
{
    gstate *g = state(a);
    uintptr_t p = (uintptr_t)fault_addr, b = g ? (uintptr_t)g->base : 0;
    if (how == J_PAGE) {
        if (g) {
            g->txn_bad = 1;
            snprintf(g->why, sizeof g->why, "page %llu is damaged",
                     (unsigned long long)fault_page);
        }
        error_set(a, FMT_CORRUPT, "%s: archive is damaged (page %llu, in %s)",
                  a->path, (unsigned long long)fault_page, what);
        return;
    }
    if (g)
        g->broken = 1;
    if (how == J_STUCK)
        error_set(a, FMT_CORRUPT, "%s: archive is damaged (in %s: a read did "
                  "not finish, its pages lead in circles)", a->path, what);
    else if (how == J_ASSERT)
        error_set(a, FMT_CORRUPT, "%s: archive is damaged (LMDB, in %s: %.200s)",
                  a->path, what, fault_assert ? fault_assert : "");
    else if (b && p >= b && p - b < g->len)
        error_set(a, FMT_CORRUPT,
                  "%s: archive is damaged (bad read at byte %llu, in %s)", a->path,
                  (unsigned long long)(p - b), what);
    else
        error_set(a, FMT_CORRUPT,
                  "%s: archive is damaged (a page points outside the file, in %s)",
                  a->path, what);
    if (g)
        snprintf(g->why, sizeof g->why, "%s",
                 how == J_STUCK ? "a read did not finish" : "a bad read");
}

const char *guard_why(fmt_archive *a, int rc)
{
    gstate *g = state(a);
    return g && g->why[0] ? g->why : mdb_strerror(rc);
}

const unsigned char *guard_map(fmt_archive *a, size_t *len)
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

/* A value LMDB handed out. If it runs past the end of its page it is a
 * large value on overflow pages: check the run (its first page is checked
 * when read here) and make the pages after the first readable. */
static int value_ok(const gstate *g, const MDB_val *v)
{
    if (!inside(g, v->mv_data, v->mv_size))
        return 0;
    if (!g || !g->base || !v->mv_size)
        return 1;
    size_t off = (size_t)((const unsigned char *)v->mv_data - g->base);
    size_t pg = off / g->psize, end = off + v->mv_size;
    if (end <= (pg + 1) * g->psize)
        return 1;
    const unsigned char *head = g->base + pg * g->psize;
    if (off % g->psize != PAGEHDR || vb_le16(head + 10) != P_OVERFLOW)
        return 0;
    uint64_t n = vb_le32(head + 12);
    if (n * g->psize < PAGEHDR + v->mv_size || (pg + n) * g->psize > g->len)
        return 0;
    if (g->slot >= 0 && maps[g->slot].checked && n > 1)
        mprotect((void *)(head + g->psize), (size_t)(n - 1) * g->psize,
                 PROT_READ);
    return 1;
}

static int do_call(void *p)
{
    call *c = p;
    fmt_archive *a = c->a;
    int rc = EINVAL;
    switch (c->op) {
    case C_DBI:
        wd_hold(1);
        rc = mdb_dbi_open(a->txn, c->name, 0, c->dbip);
        wd_hold(0);
        return rc;
    case C_GET:
        rc = mdb_get(a->txn, c->dbi, c->k, c->v);
        break;
    case C_STAT:
        return mdb_stat(a->txn, c->dbi, c->st);
    case C_COPEN:
        wd_hold(1);
        rc = mdb_cursor_open(a->txn, c->dbi, c->cp);
        wd_hold(0);
        return rc;
    case C_CGET:
        rc = mdb_cursor_get(c->c, c->k, c->v, c->cop);
        break;
    case C_TXN:
        wd_hold(1);
        rc = mdb_txn_begin(a->env, NULL, MDB_RDONLY, &a->txn);
        wd_hold(0);
        return rc;
    case C_RENEW:
        mdb_txn_reset(a->txn);
        return mdb_txn_renew(a->txn);
    case C_OPEN:
        wd_hold(1);
        rc = mdb_env_open(a->env, a->path,
                          MDB_RDONLY | MDB_NOLOCK | MDB_NOSUBDIR | MDB_NOTLS,
                          0444);
        wd_hold(0);
        return rc;
    }
    /* what was handed out, checked while still guarded */
    const gstate *g = state(a);
    if (rc == 0 && ((c->op == C_CGET && !value_ok(g, c->k)) ||
                    !value_ok(g, c->v)))
        rc = MDB_CORRUPTED;
    return rc;
}

/* After one failed read LMDB refuses every further call in the same
 * transaction (MDB_BAD_TXN), which would make one damaged page hide the
 * whole archive. So the read transaction is renewed before the next call,
 * once no cursor is open (a renewal would invalidate it). */
static int renew(fmt_archive *a, gstate *g)
{
    call c = {.op = C_RENEW, .a = a};
    int how, rc = run(do_call, &c, &how);
    if (how) {
        fault(a, how, "renewing");
        g->broken = 1;
        return MDB_CORRUPTED;
    }
    if (rc) {
        g->broken = 1;
        error_set(a, FMT_CORRUPT, "%s: archive is damaged (%s)", a->path,
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
    if (guard_broken(a))
        return MDB_CORRUPTED;
    if (g && g->txn_bad && !g->ncursors && c->op != C_CGET && renew(a, g))
        return MDB_CORRUPTED;
    int how, rc = run(do_call, c, &how);
    if (how) {
        fault(a, how, what);
        return MDB_CORRUPTED;
    }
    if (rc == 0 && c->op == C_COPEN && g)
        g->ncursors++;
    if (rc && rc != MDB_NOTFOUND && g) {
        g->txn_bad = 1;
        snprintf(g->why, sizeof g->why, "%s", mdb_strerror(rc));
    }
    return rc;
}

int guard_dbi_open(fmt_archive *a, const char *name, MDB_dbi *dbi)
{
    call c = {.op = C_DBI, .a = a, .name = name, .dbip = dbi};
    return guarded_call(&c, "opening a table");
}

int guard_get(fmt_archive *a, MDB_dbi dbi, MDB_val *key, MDB_val *val)
{
    call c = {.op = C_GET, .a = a, .dbi = dbi, .k = key, .v = val};
    return guarded_call(&c, "a lookup");
}

int guard_stat(fmt_archive *a, MDB_dbi dbi, MDB_stat *st)
{
    call c = {.op = C_STAT, .a = a, .dbi = dbi, .st = st};
    return guarded_call(&c, "a table's statistics");
}

int guard_cursor_open(fmt_archive *a, MDB_dbi dbi, MDB_cursor **cur)
{
    /* mdb_cursor_open allocates the cursor, then, for a table not yet
     * read in this transaction, reads its root: a damaged page there
     * jumps out with the cursor lost. mdb_stat reads the root with a
     * cursor on the stack, so after it the open reads no page. */
    MDB_stat st;
    call c = {.op = C_COPEN, .a = a, .dbi = dbi, .cp = cur};
    *cur = NULL;
    int rc = guard_stat(a, dbi, &st);
    return rc ? rc : guarded_call(&c, "a scan");
}

void guard_cursor_close(fmt_archive *a, MDB_cursor *cur)
{
    gstate *g = state(a);
    if (!cur)
        return;
    mdb_cursor_close(cur);
    if (g && g->ncursors > 0)
        g->ncursors--;
}

int guard_cursor_get(fmt_archive *a, MDB_cursor *cur, MDB_val *key,
                     MDB_val *val, MDB_cursor_op op)
{
    call c = {.op = C_CGET, .a = a, .c = cur, .k = key, .v = val, .cop = op};
    return guarded_call(&c, "a scan");
}

/* ---- the meta pages -------------------------------------------------------- */

/* One db record of a meta page (MDB_db at off): its pages must fit. */
static int db_ok(const unsigned char *m, size_t off, uint64_t last)
{
    unsigned depth = vb_le16(m + off + 6);
    uint64_t branch = vb_le64(m + off + 8), leaf = vb_le64(m + off + 16);
    uint64_t over = vb_le64(m + off + 24), root = vb_le64(m + off + 40);
    if (root == P_INVALID)
        return depth == 0;
    return root >= 2 && root <= last && depth >= 1 && depth <= 16 &&
           branch <= last && leaf <= last && over <= last &&
           branch + leaf + over <= last + 1;
}

/* A meta page: page number i, P_META, LMDB's magic and data version 1. */
static int meta_ok(const unsigned char *m, int i)
{
    return vb_le64(m) == (uint64_t)i && (vb_le16(m + 10) & P_META) &&
           vb_le32(m + 16) == MDB_MAGIC && vb_le32(m + 20) == 1;
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

/* The main db names the tables: one leaf page, checked here from the file
 * since LMDB reads it before the map is known. */
static int main_ok(int fd, const unsigned char *meta, const vb_layout *lay)
{
    unsigned char *p = malloc(lay->psize);
    int ok = p && vb_le16(meta + 94) == 1 && lay->main_root != P_INVALID &&
             pread(fd, p, lay->psize, (off_t)(lay->main_root * lay->psize)) ==
                 (ssize_t)lay->psize &&
             page_ok(p, lay->main_root, lay->psize, lay->last) &&
             vb_le16(p + 10) == P_LEAF;
    free(p);
    return ok;
}

static int check_metas(const char *path, int fd, unsigned char m[2][160],
                       vb_layout *lay, char *msg, size_t msglen)
{
    int ok0 = meta_ok(m[0], 0), ok1 = meta_ok(m[1], 1);
    if (!ok0 || !ok1) {
        snprintf(msg, msglen, "%s: damaged archive header (LMDB meta page %d)",
                 path, ok0 ? 1 : 0);
        return FMT_CORRUPT;
    }
    uint64_t txn0 = vb_le64(m[0] + 144), txn1 = vb_le64(m[1] + 144);
    int k = txn1 > txn0; /* the newest, as LMDB picks it */
    const unsigned char *n = m[k];
    uint64_t txn = k ? txn1 : txn0, last = vb_le64(n + 136);
    if ((txn & 1) != (uint64_t)k || last < 2 || last > ((uint64_t)1 << 40) ||
        !db_ok(n, 40, last) || !db_ok(n, 88, last)) {
        snprintf(msg, msglen, "%s: damaged archive header (LMDB meta page %d)",
                 path, k);
        return FMT_CORRUPT;
    }
    uint64_t need = (last + 1) * lay->psize, tlen;
    if (need > lay->file_size) {
        snprintf(msg, msglen, "%s: archive is truncated (%llu of %llu bytes)",
                 path, (unsigned long long)lay->file_size,
                 (unsigned long long)need);
        return FMT_CORRUPT;
    }
    if ((tlen = trailer_len(fd, lay->file_size)) && tlen != need) {
        snprintf(msg, msglen, "%s: damaged archive header (its pages and its "
                 "checksum trailer disagree on the length)", path);
        return FMT_CORRUPT;
    }
    lay->last = last;
    lay->main_root = vb_le64(n + 128);
    if (!main_ok(fd, n, lay)) {
        snprintf(msg, msglen, "%s: damaged archive header (the table of "
                 "tables, page %llu)", path, (unsigned long long)lay->main_root);
        return FMT_CORRUPT;
    }
    return FMT_OK;
}

/* LMDB 0.9 (Debian's) lays its file out by the machine's word size: a
 * 32-bit build writes 32-bit page numbers, and cannot open a file with
 * 64-bit ones. Archives are LMDB's 64-bit layout on every machine, so
 * that they are the same bytes everywhere; a 32-bit build says so. */
#define WORD32_MSG "%s: this is a 32-bit build, and archives " \
    "hold LMDB's 64-bit layout, which LMDB 0.9 cannot read on a 32-bit " \
    "system; use a 64-bit system (Raspberry Pi OS 64-bit runs on a Pi 3, " \
    "4, 5 and Zero 2)"

int guard_check_layout(const char *path, vb_layout *lay, char *msg, size_t msglen)
{
    memset(lay, 0, sizeof *lay);
    if (sizeof(size_t) < 8) {
        snprintf(msg, msglen, WORD32_MSG, path);
        return FMT_VERSION;
    }
    /* O_NONBLOCK: a FIFO (or a device) named as the archive must be
     * refused at once, not wait for a writer; a regular file ignores it. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
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
        lay->psize = vb_le32(m[0] + 40);
        uint32_t ps = lay->psize;
        if (vb_le32(m[0] + 16) != MDB_MAGIC) {
            snprintf(msg, msglen, "%s: not a Vraagbaak archive", path);
            rc = FMT_VERSION;
        } else if (vb_le32(m[0] + 20) != 1) {
            snprintf(msg, msglen, "%s: not a Vraagbaak archive (LMDB data "
                     "version %u)", path, vb_le32(m[0] + 20));
            rc = FMT_VERSION;
        } else if (ps < 512 || ps > 65536 || (ps & (ps - 1)) ||
                   pread(fd, m[1], sizeof m[1], ps) != (ssize_t)sizeof m[1]) {
            snprintf(msg, msglen, "%s: damaged archive header", path);
            rc = FMT_CORRUPT;
        } else {
            rc = check_metas(path, fd, m, lay, msg, msglen);
        }
    }
    close(fd);
    return rc;
}

/* ---- opening ----------------------------------------------------------------- */

/* Find where LMDB mapped the file: the first key of the main db lies in
 * its root page, the map starts at a system page boundary, and each
 * candidate start is confirmed by the page numbers in the page headers. */
typedef struct {
    const unsigned char *cand;
    uint64_t root;
    uint32_t psize;
} probe;

static int probe_one(void *p)
{
    probe *pr = p;
    const unsigned char *page = pr->cand + pr->root * pr->psize;
    return vb_le64(pr->cand) == 0 && vb_le32(pr->cand + 16) == MDB_MAGIC &&
           vb_le64(page) == pr->root && vb_le16(page + 10) == P_LEAF;
}

static const unsigned char *find_map(fmt_archive *a, const vb_layout *lay)
{
    MDB_dbi main;
    MDB_cursor *c = NULL;
    MDB_val k, v;
    if (guard_dbi_open(a, NULL, &main) || guard_cursor_open(a, main, &c) ||
        guard_cursor_get(a, c, &k, &v, MDB_FIRST)) {
        guard_cursor_close(a, c);
        return NULL;
    }
    guard_cursor_close(a, c);
    uintptr_t key = (uintptr_t)k.mv_data, off = lay->main_root * lay->psize;
    if (key < off)
        return NULL;
    uintptr_t hi = (key - off) & ~(uintptr_t)(sys_page - 1);
    for (uintptr_t b = hi; b + lay->psize > key - off && b > 0;
         b -= (uintptr_t)sys_page) {
        probe pr = {(const unsigned char *)b, lay->main_root, lay->psize};
        int how, ok = run(probe_one, &pr, &how);
        if (!how && ok == 1)
            return pr.cand;
    }
    return NULL;
}

/* Take a slot for the map and protect every page but the meta pages, so
 * each is checked when first touched. */
static void protect(gstate *g, const vb_layout *lay)
{
    if (!g->base)
        return;
    for (int i = 0; i < MAXMAPS; i++) {
        if (atomic_load(&maps[i].base))
            continue;
        maps[i].len = g->len;
        maps[i].psize = g->psize;
        maps[i].last = lay->last;
        maps[i].faulted = 0;
        maps[i].checked = lay->psize % (uint32_t)sys_page == 0 &&
                          g->len > 2 * (size_t)g->psize;
        uintptr_t none = 0;
        if (!atomic_compare_exchange_strong(&maps[i].base, &none,
                                            (uintptr_t)g->base))
            continue;
        g->slot = i;
        if (maps[i].checked &&
            mprotect((void *)(g->base + 2 * (size_t)g->psize),
                     g->len - 2 * (size_t)g->psize, PROT_NONE))
            maps[i].checked = 0;
        return;
    }
}

int guard_keep_dbs(fmt_archive *a)
{
    int rc = mdb_txn_commit(a->txn);
    a->txn = NULL;
    if (rc)
        return rc;
    call c = {.op = C_TXN, .a = a};
    return guarded_call(&c, "opening");
}

int guard_open(fmt_archive *a, const vb_layout *lay)
{
    gstate *g = alloc_calloc(1, sizeof *g);
    if (!g)
        return ENOMEM;
    g->slot = -1;
    g->psize = lay->psize;
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
    protect(g, lay);
    return guard_broken(a) ? MDB_CORRUPTED : 0;
}

void guard_close(fmt_archive *a)
{
    gstate *g = state(a);
    if (!g)
        return;
    if (g->slot >= 0)
        atomic_store(&maps[g->slot].base, 0);
    mdb_env_set_userctx(a->env, NULL);
    free(g);
}
