/* spill.h - for the fuzz targets that read a file (fuzz_open, fuzz_tar):
 * the input written to one file per process in /dev/shm, named with ext.
 * Returns its path, or NULL when it could not be written. */
#ifndef VB_FUZZ_SPILL_H
#define VB_FUZZ_SPILL_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

static const char *fuzz_spill(const uint8_t *data, size_t size, const char *ext)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/dev/shm/vbfuzz-%ld.%s", (long)getpid(), ext);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    close(fd);
    return path;
}

#endif
