/* vmem.h - keeping the reader's resident memory flat.
 *
 * The archive is read through a memory map (LMDB), one per handle, and the
 * UI thread and the search worker each have a handle. Every page they touch
 * stays mapped, and the kernel maps its neighbours with it (fault-around,
 * or a whole large folio of the page cache, up to 2 MB), so a day of
 * reading would make most of the file "resident" twice over. Those pages
 * are clean copies of the file: dropping them from our page tables costs
 * nothing but a fault when one is needed again (the page cache still holds
 * them). vm_keep() does that whenever the file-backed part of the resident
 * set grows more than a budget above where it was.
 *
 * The reader tells which maps are the archives': vm_track() right after
 * opening a handle, vm_untrack() right before closing it. Only those
 * ranges are ever released, so nothing else can be touched.
 *
 * Linux only (/proc/self/maps and madvise); elsewhere these do nothing.
 * Safe to call from any thread, but a handle must not be tracked or
 * untracked while another thread may release (open and close archives
 * before the worker starts or after it stopped).
 */
#ifndef VB_VMEM_H
#define VB_VMEM_H

/* Remember the resident memory now as the level to come back to (call
 * before opening archives). */
void vm_baseline(void);

/* After opening handle h on the archive at path: find its map (the shared
 * mapping of path that no tracked handle has) and remember it. Returns 0,
 * -1 when none is found or too many are tracked. */
int vm_track(const void *h, const char *path);
/* Before closing handle h: forget its map. */
void vm_untrack(const void *h);

/* Resident memory of this process in kB: all, and the file-backed part
 * (shared memory included); -1 when not known. */
long vm_rss_kb(void);
long vm_file_kb(void);

/* Drop the pages of every tracked map from this process's page tables now.
 * Returns how many maps were released. */
int vm_release(void);

/* How far (kB) the file-backed resident memory may grow above its level
 * before vm_keep() releases; VM_BUDGET_KB until set (0: back to it). */
#define VM_BUDGET_KB 2048
void vm_budget(long kb);

/* Release when the file-backed resident memory is more than the budget
 * above its level after the last release (or at vm_baseline). Cheap when
 * there is nothing to do (one read of /proc/self/statm). Returns 1 when it
 * released. */
int vm_keep(void);
/* How many times vm_keep() released so far. */
long vm_releases(void);

#endif
