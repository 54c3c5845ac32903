/* error.c - the library's error codes and messages: FMT_* as text, the
 * message a handle keeps (error_set, fmt_errmsg), and LMDB's codes
 * translated, so no MDB_* or errno value leaves format/. A leaf: it calls
 * no other file of format/.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/statvfs.h>
#include "internal.h"

const char *fmt_strerror(int err)
{
    static const char *const msg[] = {
        "success",
        "not found",
        "archive is damaged",
        "archive map is full",
        "out of memory",
        "input/output error",
        "not a Vraagbaak archive, or a newer format",
        "invalid input",
        "already exists or in use",
        "input exceeds a limit",
    };
    if (err < 0 || (size_t)err >= sizeof msg / sizeof *msg)
        return "unknown error";
    return msg[err];
}

int error_set(fmt_archive *a, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->err, sizeof a->err, fmt, ap);
    va_end(ap);
    return code;
}

const char *fmt_errmsg(const fmt_archive *a)
{
    return a ? a->err : "no archive";
}

int error_mdb_code(int rc)
{
    switch (rc) {
    case 0:
        return FMT_OK;
    case MDB_NOTFOUND:
        return FMT_NOTFOUND;
    case MDB_MAP_FULL:
        return FMT_FULL;
    case MDB_VERSION_MISMATCH:
    case MDB_INVALID:
        return FMT_VERSION;
    case ENOMEM:
        return FMT_NOMEM;
    case MDB_KEYEXIST:
        return FMT_EXISTS;
    case EIO:
    case EACCES:
    case ENOENT:
    case EROFS:
    case ENOSPC:
        return FMT_IO;
    default:
        return FMT_CORRUPT;
    }
}

const char *error_io_why(int rc, const char *path, char *buf, size_t cap)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[slash == dir] = 0;          /* "/x" -> "/" */
    else
        snprintf(dir, sizeof dir, ".");
    struct statvfs vs;
    int full = rc == ENOSPC ||
               (rc == EIO && !statvfs(dir, &vs) &&
                (uint64_t)vs.f_bavail * vs.f_frsize < ((uint64_t)1 << 20));
    if (full)
        snprintf(buf, cap, "no space left on device (in %s)", dir);
    else
        snprintf(buf, cap, "%s", mdb_strerror(rc));
    return buf;
}
