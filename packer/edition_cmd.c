/* edition_cmd.c - `vbpack update`, `merge`, `diff` and `patch`: new
 * editions of an archive and deltas that carry one edition to the next.
 *
 * All four build the new archive with the ordinary writer from a set of
 * documents, and the writer's output depends only on that set (and on
 * title, edition, created date and level): an update of A with B is byte
 * for byte a fresh pack of A+B, and a patch can reproduce the new edition
 * exactly from the old one plus the documents that changed. Documents of
 * an old archive come back through fmt_get() with every parsed field, so
 * they are not parsed again.
 *
 * An update that only adds documents after the old ones appends them to
 * a copy of the old archive instead (fmt_writer_finish_append): the same
 * answers, not the same bytes as a fresh pack, and the new archive names
 * the editions it grew from (fmt_lineage), so that a delta can say how
 * to build it again.
 *
 * A delta (`diff`) is one gzip stream:
 *
 *   "VBKDELTA2\n"
 *   str old, str new          SHA-256 (hex) of OLD and of NEW
 *   str title, str edition, str created, str level     of NEW
 *   u32 nsteps                0: NEW was packed whole; else NEW is built
 *                             in nsteps steps, each:
 *     str base                "": pack these documents whole; else
 *                             append them to the edition with this
 *                             SHA-256 (the first step's: OLD)
 *     str title, str edition, str created, str level   of the step's result
 *     str id ...  u32 0       its documents (the last step's result is NEW)
 *   str id ...  u32 0         ids of OLD that NEW no longer has
 *   str record ...  u32 0     records (fmt_doc_encode) of NEW's documents
 *                             that OLD lacks or holds otherwise
 *   "VBKDEND1"
 *
 * ("VBKDELTA1\n" is the same without nsteps and the steps.)
 *
 * where str = u32 big-endian length + bytes. `patch` refuses an OLD whose
 * checksum is not the delta's base, builds the new edition beside the
 * output and renames it into place only when its checksum is the one the
 * delta names.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "gz.h"
#include "pack.h"
#include "link.h"
#include "output.h"
#include "parts.h"
#include "source.h"

#define DELTA_MAGIC "VBKDELTA2\n"
#define DELTA_MAGIC1 "VBKDELTA1\n"
#define MAX_STEPS 100000
#define DELTA_END "VBKDEND1"
#define MAX_HEAD 1024                    /* a header string or an id */
#define MAX_RECORD ((uint32_t)768 << 20) /* a record in a delta */

/* ---- a set of ids -------------------------------------------------------- */

typedef struct {
    char **slot;
    size_t cap, n;
} idset;

static uint64_t hstr(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h ^ h >> 29;
}

static int idset_has(const idset *t, const char *id)
{
    if (!t || !t->n)
        return 0;
    for (size_t i = hstr(id) & (t->cap - 1); t->slot[i]; i = (i + 1) & (t->cap - 1))
        if (!strcmp(t->slot[i], id))
            return 1;
    return 0;
}

static void idset_put(idset *t, char *own)
{
    size_t i = hstr(own) & (t->cap - 1);
    while (t->slot[i])
        i = (i + 1) & (t->cap - 1);
    t->slot[i] = own;
    t->n++;
}

/* Add a copy of id (no effect when it is there). */
static void idset_add(idset *t, const char *id)
{
    if (idset_has(t, id))
        return;
    if (2 * (t->n + 1) > t->cap) {
        idset old = *t;
        t->cap = old.cap ? 2 * old.cap : 1024;
        t->n = 0;
        t->slot = calloc(t->cap, sizeof *t->slot);
        if (!t->slot)
            die(1, "out of memory");
        for (size_t i = 0; i < old.cap; i++)
            if (old.slot[i])
                idset_put(t, old.slot[i]);
        free(old.slot);
    }
    char *own = strdup(id);
    if (!own)
        die(1, "out of memory");
    idset_put(t, own);
}

static void idset_free(idset *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slot[i]);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* ---- building a new edition ----------------------------------------------- */

typedef struct {
    fmt_writer *w;
    idset seen;           /* ids added so far: the first one added wins */
    idset remove;         /* --remove: ids not to take from the old archive */
    idset removed;        /* the ones that were there */
    unsigned long added, kept, replaced, errors;
    int quiet;
    fmt_doc d;
    struct timespec start;
    /* update: a source that is a document of the old archive as it is
     * (the same record) is left to the old archive, so that passing the
     * whole folder of sources again still appends only what is new */
    fmt_archive *old;
    fmt_doc od;
    fmt_buf s1, s2;
    unsigned long unchanged;
    /* update: answers and notices without a zaak are linked to their
     * question (link.h), in the old archive or among the new sources;
     * they wait in the spool until every new source is read */
    link_table *links;
    link_spool *spool;
    uint32_t *unlinked;   /* old answers and notices without a zaak */
    size_t nunlinked;
} edition;

/* VBPACK_TIMES=1: when each phase of the build ends, for tuning. */
static void ed_times(void *ctx, const char *phase, uint64_t done, uint64_t n)
{
    const edition *e = ctx;
    (void)n;
    if (!strcmp(phase, "write"))
        return;
    if (!strncmp(phase, "busy-", 5))
        fprintf(stderr, "           %s: %.3f s\n", phase, done / 1e3);
    else
        fprintf(stderr, "%8.3f s  %s\n", seconds_since(&e->start), phase);
}

static void ed_open(edition *e, const char *out, const fmt_writer_opts *o)
{
    clock_gettime(CLOCK_MONOTONIC, &e->start);
    fmt_writer_opts with = *o;
    if (getenv("VBPACK_TIMES")) {
        with.progress = ed_times;
        with.progress_ctx = e;
    }
    o = &with;
    int rc = fmt_writer_open(&e->w, out, o);
    if (rc)
        die(1, "%s: %s", out, fmt_strerror(rc));
}

static void ed_add(edition *e, const fmt_doc *d, const char *what)
{
    if (fmt_writer_add(e->w, d))
        die(1, "%s: %s", what, fmt_writer_errmsg(e->w));
    idset_add(&e->seen, d->id);
}

/* A parsed source: left to the old archive when it holds it as it is,
 * else added. */
static void ed_keep(edition *e, fmt_doc *d, const char *display)
{
    uint32_t dn;
    if (e->old && fmt_find(e->old, d->id, &dn) == FMT_OK &&
        fmt_get(e->old, dn, &e->od) == FMT_OK &&
        fmt_doc_same(d, &e->od, &e->s1, &e->s2)) {
        e->unchanged++;
        return;
    }
    for (size_t i = 0; i < d->nwarnings && !e->quiet; i++)
        fprintf(stderr, "vbpack: %s: %s\n", display, d->warnings[i]);
    ed_add(e, d, display);
    e->added++;
}

/* One source file, exactly as `vbpack pack` reads it (see pack_file):
 * an answer or notice without a zaak is set aside to be linked once
 * every source is read (ed_spooled). */
static int ed_source(void *ctx, const src_file *f)
{
    edition *e = ctx;
    char msg[300];
    fmt_doc *d = &e->d;
    if (out_is_input(f->display, f->dev, f->ino)) {
        fmt_writer_abort(e->w);
        exit(1);
    }
    if (pack_read_doc(f, d, msg, sizeof msg)) {
        fprintf(stderr, "vbpack: %s: %s\n", f->display, msg);
        e->errors++;
        return 0;
    }
    if (link_wants(d)) {
        if (link_spool_put(e->spool, f))
            die(1, "%s: cannot set it aside for linking: %s", f->display, strerror(errno));
        return 0;
    }
    if (link_add(e->links, d))
        die(1, "out of memory");
    ed_keep(e, d, f->display);
    return 0;
}

/* The sources set aside: parsed again, linked where the rule allows, and
 * kept or added as any other. */
static void ed_spooled(edition *e)
{
    src_file f;
    char msg[300];
    int r;
    while ((r = link_spool_next(e->spool, &f)) == 1) {
        if (pack_read_doc(&f, &e->d, msg, sizeof msg))
            die(1, "%s: %s", f.display, msg);
        if (link_doc(e->links, &e->d, msg, sizeof msg) < 0 && !e->quiet)
            fprintf(stderr, "vbpack: %s: %s\n", f.display, msg);
        ed_keep(e, &e->d, f.display);
    }
    if (r < 0)
        die(1, "reading back the documents set aside for linking failed");
}

/* The headers of an old archive's documents into the link table (from the
 * summaries: no record is inflated), and which of its answers and notices
 * have no zaak. */
static void ed_old_links(edition *e, fmt_archive *a, int remember)
{
    fmt_summary sm = {0};
    uint32_t n = fmt_count(a);
    for (uint32_t i = 0; i < n; i++) {
        if (fmt_get_summary(a, i, &sm))
            die(1, "%s", fmt_errmsg(a));
        if (link_add_summary(e->links, &sm))
            die(1, "out of memory");
        if (remember && (sm.kind == FMT_ANSWER || sm.kind == FMT_NOTICE) &&
            !(sm.zaak && *sm.zaak)) {
            uint32_t *u = realloc(e->unlinked, (e->nunlinked + 1) * sizeof *u);
            if (!u)
                die(1, "out of memory");
            e->unlinked = u;
            e->unlinked[e->nunlinked++] = i;
        }
    }
    fmt_summary_free(&sm);
}

/* Would a new question link an answer or notice the old archive holds
 * without a zaak? Then appending (which leaves old records as they are)
 * would differ from a fresh pack: the edition is packed whole. */
static int ed_links_old(edition *e, fmt_archive *old)
{
    fmt_summary sm = {0};
    int would = 0;
    for (size_t i = 0; i < e->nunlinked && !would; i++)
        would = !fmt_get_summary(old, e->unlinked[i], &sm) && link_summary_would(e->links, &sm);
    fmt_summary_free(&sm);
    return would;
}

static void ed_source_error(void *ctx, const char *display, const char *msg)
{
    ((edition *)ctx)->errors++;
    fprintf(stderr, "vbpack: %s: %s\n", display, msg);
}

/* Every document of a that is not removed and not added already. */
static void ed_take_archive(edition *e, fmt_archive *a, const char *path)
{
    uint32_t n = fmt_count(a);
    for (uint32_t i = 0; i < n; i++) {
        if (fmt_get(a, i, &e->d))
            die(1, "%s", fmt_errmsg(a));
        if (idset_has(&e->remove, e->d.id)) {
            idset_add(&e->removed, e->d.id);
            continue;
        }
        if (idset_has(&e->seen, e->d.id)) {
            e->replaced++;
            continue;
        }
        char why[160];
        if (e->links && link_wants(&e->d))
            link_doc(e->links, &e->d, why, sizeof why);
        ed_add(e, &e->d, path);
        e->kept++;
    }
}

/* Whether the new edition can be made by appending to old: nothing to
 * remove or replace (no added id is one of old's), and every added
 * document sorts after old's documents (the usual new edition: the weeks
 * since the last one). Otherwise everything is packed again. */
static int ed_appends(edition *e, fmt_archive *old)
{
    if (e->remove.n || !e->seen.n)
        return 0;
    for (size_t i = 0; i < e->seen.cap; i++) {
        uint32_t dn;
        if (e->seen.slot[i] && fmt_find(old, e->seen.slot[i], &dn) != FMT_NOTFOUND)
            return 0;
    }
    return fmt_writer_can_append(e->w, old);
}

static void ed_finish(edition *e)
{
    char msg[600];
    fmt_doc_free(&e->d);
    if (fmt_writer_finish(e->w, msg, sizeof msg))
        die(1, "%s", msg);
    e->w = NULL;
}

/* -s: the edition is built whole beside out, then split when too large
 * (parts.c). The path to build it at. */
static const char *ed_target(char *whole, size_t cap, const char *out,
                             uint64_t split)
{
    snprintf(whole, cap, "%s.whole-%ld", out, (long)getpid());
    return split ? whole : out;
}

static void ed_split(const char *whole, const char *out, uint64_t split,
                     int level, int quiet)
{
    unsigned k = split ? split_archive(whole, out, split, level) : 1;
    if (k > 1 && !quiet)
        printf("%s: split into %u parts of at most %llu bytes\n", out, k,
               (unsigned long long)split);
}

static void ed_free(edition *e)
{
    fmt_doc_free(&e->od);
    fmt_buf_free(&e->s1);
    fmt_buf_free(&e->s2);
    idset_free(&e->seen);
    idset_free(&e->remove);
    idset_free(&e->removed);
    fmt_doc_free(&e->d);
    link_free(e->links);
    link_spool_free(e->spool);
    free(e->unlinked);
}

static void print_result(const char *out, const char *verb, double secs)
{
    fmt_archive *a = open_archive(out);
    fmt_info in;
    get_info(a, &in);
    fmt_close(a);
    printf("%s: %s edition %s, %u documents, %llu bytes in %.1f s\n", out,
           verb, in.edition, in.documents,
           (unsigned long long)in.archive_bytes, secs);
    printf("%s: sha-256 %s\n", out, in.checksum);
}

/* "7" -> "8"; anything that is not a number gets ".1" appended. */
static void next_edition(const char *old, char *out, size_t cap)
{
    size_t n = strlen(old);
    int digits = n > 0 && n < 19;
    for (size_t i = 0; i < n && digits; i++)
        digits = old[i] >= '0' && old[i] <= '9';
    if (digits)
        snprintf(out, cap, "%llu", strtoull(old, NULL, 10) + 1);
    else
        snprintf(out, cap, "%.*s.1", (int)(cap > 3 ? cap - 3 : 0), old);
}

static int level_arg(const char *s)
{
    int v = atoi(s);
    if (v < 1 || v > 9)
        die(2, "--level takes 1 (fastest) to 9 (smallest)");
    return v;
}

/* Options shared by update and merge; returns the index of the first
 * operand. --remove ID... may follow the operands (update only). */
typedef struct {
    const char *out, *title, *edition;
    int level, quiet, full, follow;
    uint64_t split;       /* -s: parts of at most this many bytes */
} edopts;

static int ed_options(int argc, char **argv, edopts *eo)
{
    int i = 1;
    memset(eo, 0, sizeof *eo);
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "-o") && more)
            eo->out = argv[++i];
        else if (!strcmp(a, "--title") && more)
            eo->title = argv[++i];
        else if (!strcmp(a, "--edition") && more)
            eo->edition = argv[++i];
        else if (!strcmp(a, "--level") && more)
            eo->level = level_arg(argv[++i]);
        else if (!strcmp(a, "-q"))
            eo->quiet = 1;
        else if (!strcmp(a, "--full"))
            eo->full = 1;
        else if (!strcmp(a, "--follow-links"))
            eo->follow = 1;
        else if (!strcmp(a, "-s") && more)
            eo->split = parse_size(argv[++i]);
        else if (!strcmp(a, "--"))
            return i + 1;
        else
            usage();
    }
    if (eo->out)
        out_check(eo->out);
    return i;
}

/* ---- update ---------------------------------------------------------------- */

int cmd_update(int argc, char **argv)
{
    edopts eo;
    int i = ed_options(argc, argv, &eo);
    if (!eo.out || i >= argc)
        usage();
    const char *oldpath = argv[i++];
    edition e;
    memset(&e, 0, sizeof e);
    e.quiet = eo.quiet;
    int nsrc = 0;
    char **src = argv + i;
    for (; i < argc && strcmp(argv[i], "--remove"); i++)
        nsrc++;
    if (i < argc) { /* --remove ID... */
        if (++i >= argc)
            usage();
        for (; i < argc; i++)
            idset_add(&e.remove, argv[i]);
    }
    if (!nsrc && !e.remove.n)
        usage();
    /* OLD may be the output (an update in place reads it whole first);
     * a source may not */
    for (int k = 0; k < nsrc; k++)
        out_not_path(src[k]);
    /* a split archive: all its parts, and the new edition split alike */
    size_t nparts;
    char **parts = parts_of(oldpath, &nparts);
    fmt_archive *old = open_archive(oldpath);
    fmt_info in;
    get_info(old, &in);
    if (!eo.split)
        eo.split = in.split;
    char ed[64], whole[1100];
    next_edition(in.edition, ed, sizeof ed);
    fmt_writer_opts o = {0};
    o.title = eo.title ? eo.title : in.title;
    o.edition = eo.edition ? eo.edition : ed;
    o.created = pack_source_date_epoch();
    o.level = eo.level;
    ed_open(&e, ed_target(whole, sizeof whole, eo.out, eo.split), &o);
    e.old = nparts == 1 ? old : NULL;
    if (!(e.links = link_new()) || !(e.spool = link_spool_new()))
        die(1, "out of memory");
    if (nparts == 1) {
        ed_old_links(&e, old, 1);
    } else {
        for (size_t k = 0; k < nparts; k++) {
            fmt_archive *pa = open_archive(parts[k]);
            ed_old_links(&e, pa, 0);
            fmt_close(pa);
        }
    }
    for (int k = 0; k < nsrc; k++)
        if (src_walk_flags(src[k], eo.follow ? SRC_FOLLOW_LINKS : 0, ed_source,
                           ed_source_error, &e) < 0 && !e.errors)
            e.errors++;
    if (!e.errors)
        ed_spooled(&e);
    if (e.errors) {
        fmt_writer_abort(e.w);
        die(1, "%lu error(s) in the sources: no archive written", e.errors);
    }
    if (!eo.full && nparts == 1 && !ed_links_old(&e, old) && ed_appends(&e, old)) {
        char msg[600];
        int rc = fmt_writer_finish_append(e.w, old, msg, sizeof msg);
        e.w = NULL;
        fmt_close(old);
        e.old = NULL;
        fmt_parts_free(parts, nparts);
        if (rc)
            die(1, "%s", msg);
        ed_split(whole, eo.out, eo.split, eo.level, eo.quiet);
        if (!eo.quiet) {
            printf("%lu documents appended to the %u of %s", e.added,
                   in.documents, oldpath);
            if (e.unchanged)
                printf(" (%lu sources were in it as they are)", e.unchanged);
            putchar('\n');
            print_result(eo.out, "updated to", seconds_since(&e.start));
        }
        ed_free(&e);
        return 0;
    }
    fmt_close(old);
    e.old = NULL;
    for (size_t k = 0; k < nparts; k++) {
        old = open_archive(parts[k]);
        ed_take_archive(&e, old, parts[k]);
        fmt_close(old);
    }
    fmt_parts_free(parts, nparts);
    if (e.removed.n != e.remove.n) {
        for (size_t k = 0; k < e.remove.cap; k++)
            if (e.remove.slot[k] && !idset_has(&e.removed, e.remove.slot[k]))
                fprintf(stderr, "vbpack: %s: no document '%s' to remove\n",
                        oldpath, e.remove.slot[k]);
        fmt_writer_abort(e.w);
        die(1, "nothing written");
    }
    if (e.kept + e.added == 0) {
        fmt_writer_abort(e.w);
        die(1, "no documents would be left: nothing written");
    }
    ed_finish(&e);
    ed_split(whole, eo.out, eo.split, eo.level, eo.quiet);
    if (!eo.quiet) {
        printf("%lu documents kept, %lu added, %lu of them replacing, %zu "
               "removed\n",
               e.kept, e.added, e.replaced, e.removed.n);
        print_result(eo.out, "updated to", seconds_since(&e.start));
    }
    ed_free(&e);
    return 0;
}

/* ---- merge ----------------------------------------------------------------- */

int cmd_merge(int argc, char **argv)
{
    edopts eo;
    int i = ed_options(argc, argv, &eo);
    if (!eo.out || i >= argc)
        usage();
    edition e;
    memset(&e, 0, sizeof e);
    e.quiet = eo.quiet;
    size_t n;
    char **paths = expand_parts(argv + i, (size_t)(argc - i), &n);
    fmt_archive **a = calloc(n, sizeof *a);
    if (!a)
        die(1, "out of memory");
    for (size_t k = 0; k < n; k++)
        a[k] = open_archive(paths[k]);
    fmt_info in;
    get_info(a[0], &in);
    fmt_writer_opts o = {0};
    o.title = eo.title ? eo.title : in.title;
    o.edition = eo.edition ? eo.edition : in.edition;
    o.created = pack_source_date_epoch();
    o.level = eo.level;
    char whole[1100];
    ed_open(&e, ed_target(whole, sizeof whole, eo.out, eo.split), &o);
    /* an answer in one archive, its question in another: linked as one
     * pack of them all would link it */
    if (!(e.links = link_new()))
        die(1, "out of memory");
    for (size_t k = 0; k < n; k++)
        ed_old_links(&e, a[k], 0);
    /* later archives win: take them first */
    for (size_t k = n; k-- > 0;) {
        ed_take_archive(&e, a[k], paths[k]);
        fmt_close(a[k]);
    }
    free(a);
    fmt_parts_free(paths, n);
    ed_finish(&e);
    ed_split(whole, eo.out, eo.split, eo.level, eo.quiet);
    if (!eo.quiet) {
        printf("%lu documents from %zu archives, %lu superseded by a later "
               "archive\n", e.kept, n, e.replaced);
        print_result(eo.out, "merged into", seconds_since(&e.start));
    }
    ed_free(&e);
    return 0;
}

/* ---- diff ------------------------------------------------------------------ */

typedef struct {
    fmt_gzw *z;
    const char *path;
} dout;

static void put_u32(dout *o, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    if (fmt_gzw_write(o->z, b, 4))
        die(1, "%s: cannot write: %s", o->path, strerror(errno));
}

static void put_bytes(dout *o, const void *p, size_t n)
{
    if (n > UINT32_MAX)
        die(1, "%s: a document is too large for a delta", o->path);
    put_u32(o, (uint32_t)n);
    if (fmt_gzw_write(o->z, p, n))
        die(1, "%s: cannot write: %s", o->path, strerror(errno));
}

static void put_str(dout *o, const char *s) { put_bytes(o, s, strlen(s)); }

static fmt_archive *open_checked(const char *path, fmt_info *in)
{
    fmt_archive *a = open_archive(path);
    get_info(a, in);
    if (!in->checksum[0])
        die(1, "%s: no content checksum (damaged trailer?): cannot make or "
               "apply a delta", path);
    if (in->nparts > 1)
        die(1, "%s is part %u of %u of a split archive: diff and patch take "
               "whole archives (make the editions without -s, diff and patch "
               "them, then split with vbpack merge -s)", path, in->part,
            in->nparts);
    return a;
}

/* The ids of old that new does not hold. */
static unsigned long diff_removed(dout *o, fmt_archive *old, fmt_archive *new)
{
    fmt_summary s = {0};
    unsigned long n = 0;
    for (uint32_t i = 0; i < fmt_count(old); i++) {
        uint32_t j;
        if (fmt_get_summary(old, i, &s))
            die(1, "%s", fmt_errmsg(old));
        int rc = fmt_find(new, s.id, &j);
        if (rc == FMT_NOTFOUND) {
            put_str(o, s.id);
            n++;
        } else if (rc) {
            die(1, "%s", fmt_errmsg(new));
        }
    }
    fmt_summary_free(&s);
    put_u32(o, 0);
    return n;
}

/* The records of new that old lacks or holds otherwise. */
static unsigned long diff_docs(dout *o, fmt_archive *old, fmt_archive *new)
{
    fmt_doc dn = {0}, dold = {0};
    fmt_buf b1 = {0}, b2 = {0};
    unsigned long n = 0;
    for (uint32_t i = 0; i < fmt_count(new); i++) {
        uint32_t j;
        if (fmt_get(new, i, &dn))
            die(1, "%s", fmt_errmsg(new));
        int rc = fmt_find(old, dn.id, &j);
        if (rc && rc != FMT_NOTFOUND)
            die(1, "%s", fmt_errmsg(old));
        if (rc == FMT_OK) {
            if (fmt_get(old, j, &dold))
                die(1, "%s", fmt_errmsg(old));
            if (fmt_doc_same(&dn, &dold, &b1, &b2))
                continue;
        }
        b1.len = 0;
        if (fmt_doc_encode(&dn, &b1))
            die(1, "out of memory");
        put_bytes(o, b1.data, b1.len);
        n++;
    }
    put_u32(o, 0);
    fmt_doc_free(&dn);
    fmt_doc_free(&dold);
    fmt_buf_free(&b1);
    fmt_buf_free(&b2);
    return n;
}

static void put_step(dout *o, const char *base, const fmt_edition *e,
                     fmt_archive *new, uint32_t from, uint32_t to)
{
    char num[32];
    put_str(o, base);
    put_str(o, e->title);
    put_str(o, e->edition);
    snprintf(num, sizeof num, "%lld", (long long)e->created);
    put_str(o, num);
    snprintf(num, sizeof num, "%d", e->level ? e->level : FMT_DEFAULT_LEVEL);
    put_str(o, num);
    fmt_summary s = {0};
    for (uint32_t i = from; i < to; i++) {
        if (fmt_get_summary(new, i, &s))
            die(1, "%s", fmt_errmsg(new));
        put_str(o, s.id);
    }
    fmt_summary_free(&s);
    put_u32(o, 0);
}

/* How NEW is built again: nothing when it was packed whole; else the
 * steps from OLD, when OLD is one of the editions NEW was appended from,
 * or else from a pack of the first of them. */
static void diff_steps(dout *o, const fmt_info *oi, const fmt_info *ni,
                       fmt_archive *new)
{
    fmt_edition *l;
    size_t n;
    if (fmt_lineage(new, &l, &n))
        die(1, "%s", fmt_errmsg(new));
    fmt_edition self;
    memset(&self, 0, sizeof self);
    memcpy(self.checksum, ni->checksum, sizeof self.checksum);
    self.documents = ni->documents;
    self.level = ni->level;
    self.created = ni->created;
    memcpy(self.title, ni->title, sizeof self.title);
    memcpy(self.edition, ni->edition, sizeof self.edition);
    size_t from = n; /* the step OLD is, if it is one */
    for (size_t i = 0; i < n; i++)
        if (!strcmp(l[i].checksum, oi->checksum))
            from = i;
    put_u32(o, n == 0 ? 0 : (uint32_t)(from < n ? n - from : n + 1));
    if (n && from == n) { /* OLD is none of them: pack the first again */
        put_step(o, "", &l[0], new, 0, l[0].documents);
        from = 0;
    }
    for (size_t i = from; n && i < n; i++)
        put_step(o, l[i].checksum, i + 1 < n ? &l[i + 1] : &self, new,
                 l[i].documents, i + 1 < n ? l[i + 1].documents : ni->documents);
    free(l);
}

int cmd_diff(int argc, char **argv)
{
    edopts eo;
    int i = ed_options(argc, argv, &eo);
    if (!eo.out || eo.title || eo.edition || i + 2 != argc)
        usage();
    out_not_path(argv[i]);       /* a delta written over an edition */
    out_not_path(argv[i + 1]);
    fmt_info oi, ni;
    fmt_archive *old = open_checked(argv[i], &oi);
    fmt_archive *new = open_checked(argv[i + 1], &ni);
    char tmp[1100], num[32];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", eo.out, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        die(1, "%s: %s", tmp, strerror(errno));
    dout o = {NULL, tmp};
    if (fmt_gzw_open(&o.z, fd, 9))
        die(1, "out of memory");
    if (fmt_gzw_write(o.z, DELTA_MAGIC, strlen(DELTA_MAGIC)))
        die(1, "%s: cannot write: %s", tmp, strerror(errno));
    put_str(&o, oi.checksum);
    put_str(&o, ni.checksum);
    put_str(&o, ni.title);
    put_str(&o, ni.edition);
    snprintf(num, sizeof num, "%lld", (long long)ni.created);
    put_str(&o, num);
    snprintf(num, sizeof num, "%d",
             ni.level ? ni.level : eo.level ? eo.level : FMT_DEFAULT_LEVEL);
    put_str(&o, num);
    diff_steps(&o, &oi, &ni, new);
    unsigned long nrem = diff_removed(&o, old, new);
    unsigned long ndocs = diff_docs(&o, old, new);
    if (fmt_gzw_write(o.z, DELTA_END, strlen(DELTA_END)) ||
        fmt_gzw_close(o.z) || fsync(fd) || close(fd) || rename(tmp, eo.out)) {
        unlink(tmp);
        die(1, "%s: cannot write: %s", eo.out, strerror(errno));
    }
    fmt_close(old);
    fmt_close(new);
    if (!eo.quiet) {
        struct stat st;
        long long sz = stat(eo.out, &st) ? -1 : (long long)st.st_size;
        printf("%s: %lu documents new or changed, %lu removed; %lld bytes "
               "(%.2f%% of the new edition)\n",
               eo.out, ndocs, nrem, sz,
               ni.archive_bytes ? 100.0 * (double)sz / (double)ni.archive_bytes
                                : 0.0);
    }
    return 0;
}

/* ---- patch ------------------------------------------------------------------ */

typedef struct {
    fmt_gz *z;
    const char *path;
    fmt_buf b;
} din;

static void get_exact(din *in, void *p, size_t n)
{
    size_t got = 0, g;
    while (got < n) {
        int rc = fmt_gz_read(in->z, (char *)p + got, n - got, &g);
        if (rc || g == 0)
            die(1, "%s: %s", in->path,
                rc == FMT_IO ? "read error" : "not a complete vbpack delta");
        got += g;
    }
}

static uint32_t get_u32(din *in)
{
    unsigned char b[4];
    get_exact(in, b, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
           b[3];
}

/* The next string (at most max bytes) into in->b; its length, 0 at the
 * end of a list. */
static size_t get_str(din *in, uint32_t max)
{
    uint32_t n = get_u32(in);
    if (n > max)
        die(1, "%s: damaged delta (an entry of %u bytes)", in->path, n);
    /* grown as the bytes arrive: a length a damaged delta makes up costs
     * no more memory than the bytes that are really there */
    in->b.len = 0;
    while (in->b.len < n) {
        size_t k = n - in->b.len < (1u << 20) ? n - in->b.len : 1u << 20;
        if (fmt_buf_reserve(&in->b, k + 1))
            die(1, "out of memory");
        get_exact(in, in->b.data + in->b.len, k);
        in->b.len += k;
    }
    if (fmt_buf_reserve(&in->b, 1))
        die(1, "out of memory");
    in->b.data[n] = 0;
    return n;
}

static void get_head(din *in, char *out, size_t cap)
{
    get_str(in, MAX_HEAD);
    if (in->b.len >= cap || strlen(in->b.data) != in->b.len)
        die(1, "%s: damaged delta header", in->path);
    memcpy(out, in->b.data, in->b.len + 1);
}

typedef struct {
    char oldsum[65], newsum[65], title[256], edition[64], created[32],
        level[8];
    int version;
} dhead;

static void get_delta_head(din *in, dhead *h)
{
    char magic[16];
    get_exact(in, magic, strlen(DELTA_MAGIC));
    if (!memcmp(magic, DELTA_MAGIC, strlen(DELTA_MAGIC)))
        h->version = 2;
    else if (!memcmp(magic, DELTA_MAGIC1, strlen(DELTA_MAGIC1)))
        h->version = 1;
    else
        die(1, "%s: not a vbpack delta", in->path);
    get_head(in, h->oldsum, sizeof h->oldsum);
    get_head(in, h->newsum, sizeof h->newsum);
    get_head(in, h->title, sizeof h->title);
    get_head(in, h->edition, sizeof h->edition);
    get_head(in, h->created, sizeof h->created);
    get_head(in, h->level, sizeof h->level);
}

/* Open the delta at dpath and read its header, or die naming it; returns
 * the descriptor (the caller's, as is in->z). */
static int delta_open(const char *dpath, din *in, dhead *h, struct stat *st)
{
    /* O_NONBLOCK: a FIFO named as the delta is refused, not waited on */
    int fd = open(dpath, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, st))
        die(1, "%s: %s", dpath, strerror(errno));
    if (!S_ISREG(st->st_mode))
        die(1, "%s: not a regular file", dpath);
    memset(in, 0, sizeof *in);
    in->path = dpath;
    if (fmt_gz_open(&in->z, fd))
        die(1, "out of memory");
    get_delta_head(in, h);
    return fd;
}

void delta_sums(const char *dpath, char oldsum[65], char newsum[65])
{
    struct stat st;
    din in;
    dhead h;
    int fd = delta_open(dpath, &in, &h, &st);
    fmt_gz_close(in.z);
    fmt_buf_free(&in.b);
    close(fd);
    if (strlen(h.oldsum) != 64 || strlen(h.newsum) != 64)
        die(1, "%s: damaged delta header", dpath);
    memcpy(oldsum, h.oldsum, 65);
    memcpy(newsum, h.newsum, 65);
}

/* One step of building NEW again (see the delta format at the top). */
typedef struct {
    char base[65], title[256], edition[64], created[32], level[8];
    idset ids;           /* its documents */
    unsigned long want, got;
    fmt_writer *w;
    char tmp[1100];      /* its result */
} dstep;

/* The work a delta asks for is bounded by its own size: every step of a
 * genuine delta names the SHA-256 of its base (64 hex digits that do not
 * compress) and at least one document, so a step costs the delta at
 * least STEP_MIN_BYTES; a delta of a few KB naming 100,000 empty steps
 * (which made patch take 470 MB before it failed) is refused at once. */
#define STEP_MIN_BYTES 32

static dstep *get_steps(din *in, const dhead *h, uint32_t *n, uint64_t dbytes)
{
    *n = h->version >= 2 ? get_u32(in) : 0;
    if (*n > MAX_STEPS)
        die(1, "%s: damaged delta (%u steps)", in->path, *n);
    if (*n > 1 && (uint64_t)*n * STEP_MIN_BYTES > dbytes)
        die(1, "%s: damaged delta (%u steps in %llu bytes: a step takes at "
               "least %d)", in->path, *n, (unsigned long long)dbytes,
            STEP_MIN_BYTES);
    dstep *st = calloc(*n + 1, sizeof *st);
    if (!st)
        die(1, "out of memory");
    for (uint32_t k = 0; k < *n; k++) {
        dstep *p = &st[k];
        get_head(in, p->base, sizeof p->base);
        get_head(in, p->title, sizeof p->title);
        get_head(in, p->edition, sizeof p->edition);
        get_head(in, p->created, sizeof p->created);
        get_head(in, p->level, sizeof p->level);
        if (k ? strlen(p->base) != 64 : p->base[0] && strcmp(p->base, h->oldsum))
            die(1, "%s: damaged delta (step %u)", in->path, k + 1);
        while (get_str(in, MAX_HEAD)) {
            idset_add(&p->ids, in->b.data);
            p->want++;
        }
        if (!p->want)
            die(1, "%s: damaged delta (step %u names no documents)", in->path,
                k + 1);
    }
    return st;
}

static fmt_writer *step_writer(dstep *p, const char *out, uint32_t k, uint32_t n)
{
    fmt_writer_opts o = {0};
    o.title = p->title;
    o.edition = p->edition;
    o.created = strtoll(p->created, NULL, 10);
    o.level = atoi(p->level);
    if (k + 1 == n)
        snprintf(p->tmp, sizeof p->tmp, "%s.tmp-%ld", out, (long)getpid());
    else
        snprintf(p->tmp, sizeof p->tmp, "%s.tmp-%ld-%u", out, (long)getpid(), k);
    if (fmt_writer_open(&p->w, p->tmp, &o))
        die(1, "%s: cannot write", out);
    return p->w;
}

/* The step holding document id, or NULL. */
static dstep *step_of(dstep *st, uint32_t n, const char *id)
{
    for (uint32_t k = 0; k < n; k++)
        if (idset_has(&st[k].ids, id))
            return &st[k];
    return NULL;
}

static void step_add(dstep *p, const fmt_doc *d, const char *what)
{
    if (fmt_writer_add(p->w, d))
        die(1, "%s: %s", what, fmt_writer_errmsg(p->w));
    p->got++;
}

/* Build the steps one after the other: each result is checked against
 * the checksum the next step (or the delta) names. */
static void run_steps(dstep *st, uint32_t n, fmt_archive *old,
                      const char *oldpath)
{
    char msg[600];
    for (uint32_t k = 0; k < n; k++) {
        dstep *p = &st[k];
        if (p->got != p->want)
            die(1, "%s and the delta give %lu of the %lu documents of step "
                   "%u: not the delta's base?", oldpath, p->got, p->want, k + 1);
        int rc;
        if (!p->base[0]) {
            rc = fmt_writer_finish(p->w, msg, sizeof msg);
        } else {
            fmt_archive *b = k ? open_archive(st[k - 1].tmp) : old;
            rc = fmt_writer_finish_append(p->w, b, msg, sizeof msg);
            if (k) {
                fmt_close(b);
                unlink(st[k - 1].tmp);
            }
        }
        p->w = NULL;
        if (rc)
            die(1, "%s", msg);
        /* an intermediate edition is the base the next step names (the
         * last one is checked against the delta's NEW by cmd_patch) */
        if (k + 1 < n) {
            const char *want = st[k + 1].base;
            fmt_archive *a = open_archive(p->tmp);
            fmt_info in;
            get_info(a, &in);
            fmt_close(a);
            if (strcmp(in.checksum, want)) {
                unlink(p->tmp);
                die(1, "step %u of the patch gave sha-256 %s, not the %s "
                       "the delta names: nothing written", k + 1, in.checksum,
                       want);
            }
        }
    }
}

int cmd_patch(int argc, char **argv)
{
    edopts eo;
    int i = ed_options(argc, argv, &eo);
    if (!eo.out || eo.title || eo.edition || eo.level || i + 2 != argc)
        usage();
    const char *oldpath = argv[i], *dpath = argv[i + 1];
    out_not_path(dpath);
    struct stat dst;
    din in;
    dhead h;
    int fd = delta_open(dpath, &in, &h, &dst);
    fmt_info oi;
    fmt_archive *old = open_checked(oldpath, &oi);
    if (strcmp(oi.checksum, h.oldsum))
        die(1, "%s is not the base of %s: its sha-256 is %s, the delta "
               "applies to %s", oldpath, dpath, oi.checksum, h.oldsum);
    uint32_t nsteps;
    dstep *st = get_steps(&in, &h, &nsteps, (uint64_t)dst.st_size);
    edition e;
    memset(&e, 0, sizeof e);
    fmt_writer_opts o = {0};
    o.title = h.title;
    o.edition = h.edition;
    o.created = strtoll(h.created, NULL, 10);
    o.level = atoi(h.level);
    char tmp[1100], magic[16];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", eo.out, (long)getpid());
    if (nsteps) {
        clock_gettime(CLOCK_MONOTONIC, &e.start);
        for (uint32_t k = 0; k < nsteps; k++)
            step_writer(&st[k], eo.out, k, nsteps);
    } else {
        ed_open(&e, tmp, &o);
    }
    while (get_str(&in, MAX_HEAD))
        idset_add(&e.remove, in.b.data);
    while (get_str(&in, MAX_RECORD)) {
        if (fmt_doc_decode(in.b.data, in.b.len, &e.d))
            die(1, "%s: damaged delta (a record does not decode)", dpath);
        if (!nsteps) {
            ed_add(&e, &e.d, dpath);
        } else {
            dstep *p = step_of(st, nsteps, e.d.id);
            if (!p)
                die(1, "%s: damaged delta (document '%s' in no step)", dpath,
                    e.d.id);
            step_add(p, &e.d, dpath);
            idset_add(&e.seen, e.d.id);
        }
        e.added++;
    }
    get_exact(&in, magic, strlen(DELTA_END));
    size_t got;
    if (memcmp(magic, DELTA_END, strlen(DELTA_END)) ||
        fmt_gz_read(in.z, magic, 1, &got) || got)
        die(1, "%s: damaged delta (bad end)", dpath);
    fmt_gz_close(in.z);
    close(fd);
    fmt_buf_free(&in.b);
    if (!nsteps) {
        ed_take_archive(&e, old, oldpath);
        fmt_close(old);
        ed_finish(&e);
    } else {
        /* OLD gives the steps' documents the delta does not carry */
        fmt_summary s = {0};
        for (uint32_t d = 0; d < fmt_count(old); d++) {
            if (fmt_get_summary(old, d, &s))
                die(1, "%s", fmt_errmsg(old));
            dstep *p = idset_has(&e.seen, s.id) ? NULL : step_of(st, nsteps, s.id);
            if (!p)
                continue;
            if (fmt_get(old, d, &e.d))
                die(1, "%s", fmt_errmsg(old));
            step_add(p, &e.d, oldpath);
        }
        fmt_summary_free(&s);
        fmt_doc_free(&e.d);
        run_steps(st, nsteps, old, oldpath);
        fmt_close(old);
    }
    for (uint32_t k = 0; k < nsteps; k++)
        idset_free(&st[k].ids);
    free(st);
    fmt_archive *a = open_archive(tmp);
    fmt_info ni;
    get_info(a, &ni);
    fmt_close(a);
    if (strcmp(ni.checksum, h.newsum)) {
        unlink(tmp);
        die(1, "the patched archive's sha-256 is %s, not the %s the delta "
               "names: %s not written", ni.checksum, h.newsum, eo.out);
    }
    if (rename(tmp, eo.out)) {
        unlink(tmp);
        die(1, "%s: %s", eo.out, strerror(errno));
    }
    if (!eo.quiet)
        print_result(eo.out, "patched to", seconds_since(&e.start));
    ed_free(&e);
    return 0;
}
