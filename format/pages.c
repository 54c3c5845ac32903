/* pages.c - giving mapped archive pages back to the system.
 *
 * LMDB reads through a shared read-only map of the file, so every page
 * looked at stays resident and counts in the process's memory until the
 * kernel needs it. A pack touches every page once and a long-running reader
 * touches many over a day; neither needs them again soon. madvise
 * (MADV_DONTNEED) drops them from this process: the mapping stays valid and
 * a later access reads the page again from the page cache or the file.
 */
#include <sys/mman.h>
#include "internal.h"

void vb_drop_pages(MDB_env *env)
{
    MDB_envinfo info;
    MDB_stat st;
    if (!env || mdb_env_info(env, &info) || mdb_env_stat(env, &st) ||
        !info.me_mapaddr)
        return;
    size_t len = ((size_t)info.me_last_pgno + 1) * st.ms_psize;
    madvise(info.me_mapaddr, len, MADV_DONTNEED);
}

void fmt_release_pages(fmt_archive *a)
{
    if (a)
        vb_drop_pages(a->env);
}
