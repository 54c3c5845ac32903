/* vmem.c - giving the archive's mapped pages back (see vmem.h).
 *
 * A handle's map is found once, when it is tracked, in /proc/self/maps:
 * the run of adjacent shared mappings of the archive's file (device and
 * inode, the offsets going on from one to the next) that no other tracked
 * handle owns. It may be one mapping or many
 * (the library may protect pages one by one, which splits it), but the
 * run's range stays the handle's until it is closed, so releasing needs no
 * look at /proc again: one madvise(MADV_DONTNEED) over the range. On a
 * shared read-only file mapping that only unmaps clean page-cache pages;
 * the next read faults them in again unchanged. Writable or private
 * mappings are never taken (there it would throw data away).
 *
 * The archive library's own page release (pages_drop, for the packer)
 * finds a map by scanning /proc/self/maps for the first piece at offset
 * 0, which with two handles on one file may be the other handle's, and
 * with split mappings is only the first piece: the reader's own is here.
 */
#include "vmem.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/mman.h>
#include <sys/sysmacros.h>
#endif

#define TRACK_MAX 16

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
    const void *h;
    unsigned long start, end;
} tracked[TRACK_MAX];
static int ntracked;
static long level_kb = -1;   /* file-backed kB to come back to */
static long budget_kb = VM_BUDGET_KB;
static long nreleases;       /* how often vm_keep() released, for stats */

/* One field (0-based) of /proc/self/statm in kB; -1 if unknown. */
static long statm_kb(int field)
{
#ifdef __linux__
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long v[3] = { 0, 0, 0 };
    int n = 0;

    if (f) {
        n = fscanf(f, "%lu %lu %lu", &v[0], &v[1], &v[2]);
        fclose(f);
    }
    if (n == 3 && field >= 0 && field < 3)
        return (long)(v[field] * (unsigned long)sysconf(_SC_PAGESIZE) / 1024);
#else
    (void)field;
#endif
    return -1;
}

long vm_rss_kb(void)
{
    return statm_kb(1);
}

long vm_file_kb(void)
{
    return statm_kb(2);
}

void vm_baseline(void)
{
    long f = vm_file_kb();

    pthread_mutex_lock(&mu);
    level_kb = f;
    pthread_mutex_unlock(&mu);
}

#ifdef __linux__
/* Whether [start, end) overlaps a tracked map; with mu held. */
static int taken(unsigned long start, unsigned long end)
{
    int i;

    for (i = 0; i < ntracked; i++)
        if (start < tracked[i].end && tracked[i].start < end)
            return 1;
    return 0;
}

/* Track the run [start, end) for h unless another handle has it. */
static void claim(const void *h, unsigned long start, unsigned long end, int *found)
{
    if (end <= start || taken(start, end) || ntracked == TRACK_MAX)
        return;
    tracked[ntracked].h = h;
    tracked[ntracked].start = start;
    tracked[ntracked].end = end;
    ntracked++;
    (*found)++;
}
#endif

int vm_track(const void *h, const char *path)
{
#ifdef __linux__
    struct stat st;
    FILE *f;
    char line[4352];
    unsigned long rs = 0, re = 0;    /* the run of the file being collected */
    unsigned long long ro = 0;       /* the file offset at re */
    int found = 0, bad = 0;

    if (!h || !path || stat(path, &st) != 0 || !(f = fopen("/proc/self/maps", "r")))
        return -1;
    pthread_mutex_lock(&mu);
    while (fgets(line, sizeof line, f)) {
        unsigned long start, end, ino;
        unsigned long long off;
        unsigned maj, min;
        char perms[8];
        int ours;

        if (!strchr(line, '\n') && !feof(f)) {
            int c;                       /* a very long path: skip the rest */
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
        }
        ours = sscanf(line, "%lx-%lx %7s %llx %x:%x %lu", &start, &end, perms, &off, &maj,
                      &min, &ino) == 7 && ino == (unsigned long)st.st_ino &&
               maj == major(st.st_dev) && min == minor(st.st_dev) && perms[3] == 's';
        /* the run goes on where the file goes on: two maps of the file
         * can lie side by side, but each starts again at offset 0 */
        if (ours && re && start == re && off == ro) {
            re = end;
            ro = off + (end - start);
            bad |= perms[1] == 'w';              /* writable: never release */
            continue;
        }
        if (re > rs && !bad)
            claim(h, rs, re, &found);
        rs = ours ? start : 0;
        re = ours ? end : 0;
        ro = ours ? off + (end - start) : 0;
        bad = ours && perms[1] == 'w';
    }
    if (re > rs && !bad)
        claim(h, rs, re, &found);
    if (found && level_kb < 0)
        level_kb = vm_file_kb();
    pthread_mutex_unlock(&mu);
    fclose(f);
    return found ? 0 : -1;
#else
    (void)h;
    (void)path;
    return -1;
#endif
}

void vm_untrack(const void *h)
{
    int i, k = 0;

    pthread_mutex_lock(&mu);
    for (i = 0; i < ntracked; i++)
        if (tracked[i].h != h)
            tracked[k++] = tracked[i];
    ntracked = k;
    pthread_mutex_unlock(&mu);
}

/* With mu held. */
static int release_locked(void)
{
    int n = 0;
#ifdef __linux__
    int i;

    for (i = 0; i < ntracked; i++)
        if (madvise((void *)tracked[i].start, tracked[i].end - tracked[i].start,
                    MADV_DONTNEED) == 0)
            n++;
#endif
    return n;
}

int vm_release(void)
{
    int n;

    pthread_mutex_lock(&mu);
    n = release_locked();
    level_kb = vm_file_kb();
    pthread_mutex_unlock(&mu);
    return n;
}

long vm_releases(void)
{
    long n;

    pthread_mutex_lock(&mu);
    n = nreleases;
    pthread_mutex_unlock(&mu);
    return n;
}

void vm_budget(long kb)
{
    pthread_mutex_lock(&mu);
    budget_kb = kb > 0 ? kb : VM_BUDGET_KB;
    pthread_mutex_unlock(&mu);
}

int vm_keep(void)
{
    long f = vm_file_kb();
    int done = 0;

    if (f < 0)
        return 0;
    pthread_mutex_lock(&mu);
    if (ntracked > 0 && level_kb >= 0 && f > level_kb + budget_kb) {
        done = release_locked() > 0;
        nreleases += done;
        /* what is left is the program's own (libraries, fonts): the new
         * level, so growth there does not make us release every time */
        level_kb = vm_file_kb();
    }
    pthread_mutex_unlock(&mu);
    return done;
}
