/* pages.c - giving mapped archive pages back to the system.
 *
 * LMDB reads through a shared read-only map of the file, so every page
 * looked at stays resident and counts in the process's memory until the
 * kernel needs it. A pack touches every page once and does not need them
 * again soon (the reader gives its own back, reader/vmem.c). madvise
 * (MADV_DONTNEED) drops them from this process: the mapping stays valid and
 * a later access reads the page again from the page cache or the file.
 *
 * LMDB does not tell where its map is (MDB_envinfo.me_mapaddr is only the
 * fixed address asked for, normally none), so the map is found in
 * /proc/self/maps as the shared mapping of the environment's file. Where
 * that is not available (not Linux), nothing is dropped.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "internal.h"

/* The mapping of the file open as fd: its start and length. */
static int find_map(int fd, void **start, size_t *len)
{
    struct stat st;
    if (fstat(fd, &st))
        return -1;
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    char line[512];
    int found = -1;
    while (found && fgets(line, sizeof line, f)) {
        unsigned long lo, hi, off, ino;
        unsigned maj, mnr;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu", &lo, &hi, perms, &off,
                   &maj, &mnr, &ino) == 7 &&
            ino == (unsigned long)st.st_ino && perms[3] == 's' && off == 0) {
            *start = (void *)lo;
            *len = hi - lo;
            found = 0;
        }
    }
    fclose(f);
    return found;
}

void pages_drop(MDB_env *env)
{
    int fd;
    void *start;
    size_t len;
    MDB_envinfo info;
    MDB_stat st;
    if (!env || mdb_env_get_fd(env, &fd) || find_map(fd, &start, &len) ||
        mdb_env_info(env, &info) || mdb_env_stat(env, &st))
        return;
    size_t used = ((size_t)info.me_last_pgno + 1) * st.ms_psize;
    madvise(start, used < len ? used : len, MADV_DONTNEED);
}
