/* source.h - reading a SOURCE argument of `vbpack pack`: a file, a folder
 * or a tar archive, handed to the caller one document file at a time.
 *
 * The walk is deterministic (folder entries in byte-wise sorted order at
 * every level) and bounded: one reusable buffer holds the current file, a
 * tar is read as a stream one member at a time, and the limits below are
 * enforced with a message naming the file rather than by running out of
 * memory or time. Nothing read is trusted: tar headers, names and sizes are
 * checked before use.
 */
#ifndef VB_SOURCE_H
#define VB_SOURCE_H

#include <stddef.h>

#define SRC_MAX_FILE   ((size_t)256 << 20) /* largest document file read */
#define SRC_MAX_MEMBER ((size_t)1 << 30)   /* larger tar members: damaged tar */
#define SRC_MAX_DEPTH  64                  /* folder nesting below the root */

typedef struct {
    /* For messages: "samples/x.txt", or "corpus.tar.gz:dir/x.txt". */
    const char *display;
    /* Relative to the SOURCE root, with extension, '/'-separated:
     * "2022Z01227.txt", "2015/x.md". For a single-file SOURCE its base
     * name; for a tar member its normalised path inside the tar (no
     * leading "./", no empty or "." components). */
    const char *relpath;
    /* The file's bytes, followed by a NUL not counted in len. Owned by
     * the walker: valid during the callback only. */
    const char *data;
    size_t len;
    /* The file read (for a tar member: the tar), so that a caller can
     * tell it from its own output. */
    unsigned long long dev, ino;
} src_file;

/* Called once per document; return 0 to go on, non-zero to stop the walk
 * (src_walk then returns that value). */
typedef int (*src_cb)(void *ctx, const src_file *f);

/* Called for each problem that does not stop the walk (an unreadable or
 * too large file, a refused tar member, a symlink loop), and for the one
 * that does (the SOURCE itself unreadable, a truncated or damaged archive).
 * display names the file, folder, archive or member; msg says what is
 * wrong, without the name. The caller decides what the problem means for
 * its exit code. */
typedef void (*src_err_cb)(void *ctx, const char *display, const char *msg);

/* Walk source:
 *  - a folder: recursively, every *.txt and *.md file (hidden entries,
 *    those starting with '.', skipped), symlinks followed with cycles
 *    detected as long as they stay inside the folder (one that leads out
 *    of it is reported and skipped: a link to /etc/passwd must not end up
 *    in an archive that is handed on), at most SRC_MAX_DEPTH levels;
 *    what is not a document (by its name) is passed over whatever it is,
 *    a dangling link included;
 *  - a .tar, .tar.gz or .tgz (also recognised by its magic bytes): every
 *    regular *.txt / *.md member in archive order (ustar, pax and GNU long
 *    names; hidden members skipped like hidden files); members
 *    with absolute or "../" paths, links, devices and fifos are refused
 *    with a message and the walk goes on;
 *  - any other file: one document, whatever its extension.
 * Files larger than SRC_MAX_FILE are refused with a message.
 * Returns 0 when the walk completed (problems may have been reported
 * through err), the callback's non-zero value if it stopped the walk, or
 * -1 when the SOURCE itself cannot be read or an archive is truncated or
 * damaged (reported through err first; documents before the damage have
 * been delivered). err may be NULL. */
int src_walk(const char *source, src_cb cb, src_err_cb err, void *ctx);

/* flags for src_walk_flags */
#define SRC_FOLLOW_LINKS 1 /* follow symlinks out of a source folder too */

/* src_walk with flags. */
int src_walk_flags(const char *source, int flags, src_cb cb, src_err_cb err,
                   void *ctx);

#endif
