/* gz.c - gzip stream reading for the packer's .tar.gz sources, and CRC-32.
 *
 * The packer may not include zlib.h, so format/ wraps inflate behind the
 * small fmt_gz_* API of format.h. A stream is read from a caller's file
 * descriptor through a fixed input buffer, so memory stays bounded whatever
 * the size of the archive. Concatenated gzip members (what `cat a.gz b.gz`
 * or pigz produce) are one stream; zero bytes after the last member (tape
 * blocking) are allowed, anything else after it is damage. A stream that
 * ends before its last member's trailer is FMT_CORRUPT, so a truncated
 * download is never taken for a complete one.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "gz.h"

#define GZ_INBUF (64 * 1024)

enum gz_state {
    GZ_MEMBER,   /* inside a member (or before the first one) */
    GZ_BETWEEN,  /* a member ended; another one or the end may follow */
    GZ_ZEROS,    /* only zero padding may follow */
    GZ_END       /* clean end of stream */
};

struct fmt_gz {
    int fd;
    int state;
    int err;            /* sticky: once damaged, always damaged */
    int in_eof;         /* read() returned 0 */
    z_stream zs;
    unsigned char in[GZ_INBUF];
};

int fmt_gz_open(fmt_gz **zp, int fd)
{
    fmt_gz *z;

    *zp = NULL;
    z = calloc(1, sizeof *z);
    if (!z)
        return FMT_NOMEM;
    z->fd = fd;
    z->state = GZ_MEMBER;
    /* 15 + 32: full window, and accept the gzip (or zlib) header. */
    if (inflateInit2(&z->zs, 15 + 32) != Z_OK) {
        free(z);
        return FMT_NOMEM;
    }
    *zp = z;
    return FMT_OK;
}

void fmt_gz_close(fmt_gz *z)
{
    if (!z)
        return;
    inflateEnd(&z->zs);
    free(z);
}

/* Refill the input buffer when it is empty. Retries on EINTR. */
static int gz_fill(fmt_gz *z)
{
    ssize_t r;

    if (z->zs.avail_in > 0 || z->in_eof)
        return FMT_OK;
    do
        r = read(z->fd, z->in, sizeof z->in);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return FMT_IO;
    if (r == 0)
        z->in_eof = 1;
    z->zs.next_in = z->in;
    z->zs.avail_in = (uInt)r;
    return FMT_OK;
}

/* After a member: decide between another member, zero padding, the end. */
static int gz_between(fmt_gz *z)
{
    if (z->zs.avail_in == 0) {
        if (z->in_eof)
            z->state = GZ_END;
        return FMT_OK;
    }
    if (z->state == GZ_BETWEEN && z->zs.next_in[0] != 0) {
        if (inflateReset(&z->zs) != Z_OK)
            return FMT_CORRUPT;
        z->state = GZ_MEMBER;
        return FMT_OK;
    }
    z->state = GZ_ZEROS;
    while (z->zs.avail_in > 0) {
        if (z->zs.next_in[0] != 0)
            return FMT_CORRUPT;         /* garbage after the padding */
        z->zs.next_in++;
        z->zs.avail_in--;
    }
    return FMT_OK;
}

/* One inflate step into out; maps zlib's codes to ours. */
static int gz_inflate(fmt_gz *z, unsigned char *out, size_t n, size_t *done)
{
    uInt chunk = n > UINT_MAX ? UINT_MAX : (uInt)n;
    int r;

    z->zs.next_out = out;
    z->zs.avail_out = chunk;
    r = inflate(&z->zs, Z_NO_FLUSH);
    *done = chunk - z->zs.avail_out;
    switch (r) {
    case Z_STREAM_END:
        z->state = GZ_BETWEEN;
        return FMT_OK;
    case Z_OK:
    case Z_BUF_ERROR:
        /* No progress and no input left: the member was cut short. (Do
         * not judge before calling inflate: it may still hold output.) */
        if (*done == 0 && z->zs.avail_in == 0 && z->in_eof)
            return FMT_CORRUPT;
        return FMT_OK;
    case Z_MEM_ERROR:
        return FMT_NOMEM;
    default:                            /* Z_DATA_ERROR, Z_NEED_DICT, ... */
        return FMT_CORRUPT;
    }
}

int fmt_gz_read(fmt_gz *z, void *buf, size_t n, size_t *got)
{
    unsigned char *out = buf;
    size_t have = 0, done;
    int rc = FMT_OK;

    *got = 0;
    if (z->err)
        return z->err;
    while (have < n && z->state != GZ_END) {
        rc = gz_fill(z);
        if (rc != FMT_OK)
            break;
        if (z->state == GZ_MEMBER) {
            rc = gz_inflate(z, out + have, n - have, &done);
            have += done;
        } else {
            rc = gz_between(z);
        }
        if (rc != FMT_OK)
            break;
    }
    if (rc != FMT_OK) {
        z->err = rc;
        return rc;
    }
    *got = have;
    return FMT_OK;
}

uint32_t fmt_crc32(uint32_t crc, const void *p, size_t n)
{
    const unsigned char *b = p;
    uLong c = crc;

    /* zlib's length is uInt: feed huge buffers in pieces. */
    while (n > 0) {
        uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
        c = crc32(c, b, chunk);
        b += chunk;
        n -= chunk;
    }
    return (uint32_t)c;
}
