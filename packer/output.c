/* output.c - the -o of every command that writes an archive or a delta:
 * written only to a regular file or a new name, and never onto one of
 * the files it is made from. Every output is built under a temporary
 * name and renamed over the given one at the end, so the rename would
 * replace a FIFO, symlink or device node with a regular file, and a
 * source read during the pack with the archive: both are refused before
 * anything is written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "output.h"

static struct {
    int set;
    unsigned long long dev, ino;
    const char *path;
} out;

static const char *kind_of(mode_t m)
{
    if (S_ISLNK(m))
        return "a symbolic link";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device node";
    if (S_ISSOCK(m))
        return "a socket";
    if (S_ISDIR(m))
        return "a folder";
    return "not a regular file";
}

void out_check(const char *path)
{
    struct stat st;
    out.path = path;
    if (lstat(path, &st)) {
        if (errno != ENOENT)
            die(1, "%s: %s", path, strerror(errno));
        return;                  /* a new name */
    }
    if (!S_ISREG(st.st_mode))
        die(1, "%s is %s: -o writes only to a regular file or a new name, "
               "nothing written", path, kind_of(st.st_mode));
    out.set = 1;
    out.dev = (unsigned long long)st.st_dev;
    out.ino = (unsigned long long)st.st_ino;
}

int out_is_input(const char *what, unsigned long long dev,
                 unsigned long long ino)
{
    if (!out.set || dev != out.dev || ino != out.ino)
        return 0;
    fprintf(stderr, "vbpack: %s is also the output (-o %s): it would be "
                    "overwritten, nothing written\n", what, out.path);
    return 1;
}

void out_not_path(const char *path)
{
    struct stat st;
    if (!stat(path, &st) && S_ISREG(st.st_mode))
        if (out_is_input(path, (unsigned long long)st.st_dev,
                         (unsigned long long)st.st_ino))
            exit(1);
}
