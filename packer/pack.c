/* pack.c - `vbpack pack`: read every source into a document (the id
 * rules: pack_read_doc, shared with update and merge), link answers
 * without a case number to their question (link.h), write the archive
 * and split it when it is larger than -s (parts.c); progress and the
 * summary.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "link.h"
#include "output.h"
#include "pack.h"
#include "parse.h"
#include "parts.h"
#include "source.h"
#include "term.h"

/* For VBPACK_TIMES: resident memory now (anonymous and file-backed). */
static void print_mem(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM", 5) || !strncmp(line, "RssAnon", 7) ||
            !strncmp(line, "RssFile", 7)) {
            line[strcspn(line, "\n")] = 0;
            fprintf(stderr, "  %s", line);
        }
    if (f)
        fclose(f);
    fputc('\n', stderr);
    /* and which mappings hold more than 8 MB */
    f = fopen("/proc/self/smaps", "r");
    char name[300] = "";
    while (f && fgets(line, sizeof line, f)) {
        unsigned long kb;
        if (strchr(line, '-') && strchr(line, ' ') && line[0] != ' ' &&
            strncmp(line, "Rss", 3) && strncmp(line, "Size", 4) &&
            line[strlen(line) - 2] != 'B')
            snprintf(name, sizeof name, "%s", line);
        else if (sscanf(line, "Rss: %lu kB", &kb) == 1 && kb > 8192)
            fprintf(stderr, "      %lu kB %s", kb, name);
    }
    if (f)
        fclose(f);
}


typedef struct {
    fmt_writer *w;
    int quiet, strict, keep_going, tty, follow;
    unsigned long docs, warnings, errors;
    unsigned long kinds[4];
    uint64_t bytes;
    struct timespec start, last, wstart;
    fmt_doc d;
    /* answers and notices without a zaak wait in the spool until every
     * question is in the table, then are linked (link.h) and written */
    link_table *links;
    link_spool *spool;
    unsigned long linked, unlinked;
} packer;

static void show_progress(packer *p, const char *phase, int final)
{
    if (!p->tty || p->quiet || (!final && seconds_since(&p->last) < 0.2))
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double s = seconds_since(&p->start);
    fprintf(stderr, "\r%-6s %8lu documents  %8.1f MB  %6.1f MB/s   ", phase,
            p->docs, p->bytes / 1e6, s > 0 ? p->bytes / 1e6 / s : 0.0);
    if (final)
        fputc('\n', stderr);
}

static void src_error(void *ctx, const char *display, const char *msg)
{
    packer *p = ctx;
    p->errors++;
    if (p->tty && !p->quiet)
        fputc('\n', stderr);
    fprintf(stderr, "vbpack: %s: %s\n", display, msg);
}

/* The id: the relative path without its extension. */
static char *make_id(const char *relpath)
{
    const char *slash = strrchr(relpath, '/');
    const char *dot = strrchr(slash ? slash + 1 : relpath, '.');
    size_t n = dot && dot != (slash ? slash + 1 : relpath) ? (size_t)(dot - relpath)
                                                           : strlen(relpath);
    char *id = malloc(n + 1);
    if (!id)
        die(1, "out of memory");
    memcpy(id, relpath, n);
    id[n] = 0;
    return id;
}

#define ID_MAX 400    /* fmt_writer_add's limit on an id */
#define NAME_MAX_ 255 /* a file name, for export to write it back */

/* Whether the id made of relpath can go into an archive and come back
 * out of it: `cat` must be able to name it (UTF-8: ls --json cannot show
 * other bytes as themselves), and `export` write it as a file (no path
 * component longer than a file name can be, no backslash, which export
 * refuses as a separator elsewhere). 0, or 1 with msg. */
static int id_problem(const char *relpath, char *msg, size_t msglen)
{
    size_t n = strlen(relpath), idlen = n;
    const char *slash = strrchr(relpath, '/');
    const char *dot = strrchr(slash ? slash + 1 : relpath, '.');
    if (dot && dot != (slash ? slash + 1 : relpath))
        idlen = (size_t)(dot - relpath);
    if (!utf8_valid(relpath, n)) {
        snprintf(msg, msglen, "the name is not UTF-8: an id that could not "
                 "be named again, skipped");
        return 1;
    }
    if (strchr(relpath, '\\')) {
        snprintf(msg, msglen, "a backslash in the name: export could not "
                 "write it back, skipped");
        return 1;
    }
    if (idlen > ID_MAX) {
        snprintf(msg, msglen, "the id (the path without its extension) is "
                 "%zu bytes, more than the %d an id can have, skipped",
                 idlen, ID_MAX);
        return 1;
    }
    for (const char *s = relpath; *s;) {
        size_t k = strcspn(s, "/");
        if (k > NAME_MAX_) {
            snprintf(msg, msglen, "a name in the path is %zu bytes, more than "
                     "the %d a file name can have: export could not write "
                     "it back, skipped", k, NAME_MAX_);
            return 1;
        }
        s += k + (s[k] == '/');
    }
    return 0;
}

int pack_read_doc(const src_file *f, fmt_doc *d, char *msg, size_t msglen)
{
    if (id_problem(f->relpath, msg, msglen) ||
        parse_check_text(f->data, f->len, msg, msglen))
        return 1;
    fmt_doc_free(d);
    char *id = make_id(f->relpath);
    if (fmt_doc_set_text(d, f->data, f->len) ||
        fmt_doc_set_str(&d->id, id, (size_t)-1) ||
        fmt_doc_set_str(&d->source, f->relpath, (size_t)-1) ||
        parse_doc(d, id))
        die(1, "out of memory");
    free(id);
    return 0;
}

static int pack_file(void *ctx, const src_file *f)
{
    packer *p = ctx;
    char msg[300];
    fmt_doc *d = &p->d;
    if (out_is_input(f->display, f->dev, f->ino)) {
        fmt_writer_abort(p->w);
        exit(1);
    }
    if (pack_read_doc(f, d, msg, sizeof msg)) {
        src_error(p, f->display, msg);
        return 0;
    }
    for (size_t i = 0; i < d->nwarnings; i++) {
        p->warnings++;
        if (!p->quiet || p->strict)
            fprintf(stderr, "%svbpack: %s: %s\n",
                    p->tty && !p->quiet ? "\n" : "", f->display,
                    d->warnings[i]);
    }
    if (p->strict && d->nwarnings)
        p->errors++;
    if (link_wants(d)) {
        if (link_spool_put(p->spool, f))
            die(1, "%s: cannot set it aside for linking: %s", f->display, strerror(errno));
    } else {
        if (link_add(p->links, d))
            die(1, "out of memory");
        if (fmt_writer_add(p->w, d))
            die(1, "%s: %s", f->display, fmt_writer_errmsg(p->w));
    }
    p->docs++;
    p->bytes += f->len;
    if (d->kind >= 0 && d->kind < 4)
        p->kinds[d->kind]++;
    show_progress(p, "read", 0);
    return 0;
}

/* The answers and notices set aside: parsed again (as read before, so no
 * warning twice), linked to their question's zaak where the rule allows,
 * and written. A refusal between two cases is said; no question found is
 * the usual case of an archive without the questions, and only counted. */
static void pack_spooled(packer *p)
{
    src_file f;
    char msg[300];
    int r;
    while ((r = link_spool_next(p->spool, &f)) == 1) {
        if (pack_read_doc(&f, &p->d, msg, sizeof msg))
            die(1, "%s: %s", f.display, msg);
        int l = link_doc(p->links, &p->d, msg, sizeof msg);
        if (l < 0 && !p->quiet)
            fprintf(stderr, "vbpack: %s: %s\n", f.display, msg);
        p->linked += l == 1;
        p->unlinked += l != 1;
        if (fmt_writer_add(p->w, &p->d))
            die(1, "%s: %s", f.display, fmt_writer_errmsg(p->w));
    }
    if (r < 0)
        die(1, "reading back the documents set aside for linking failed");
}

static void finish_progress(void *ctx, const char *phase, uint64_t done,
                            uint64_t total)
{
    packer *p = ctx;
    /* VBPACK_TIMES=1: when each phase ends, for tuning */
    if (getenv("VBPACK_TIMES") && !strncmp(phase, "busy-", 5)) {
        fprintf(stderr, "           %s: %.3f s\n", phase, done / 1e3);
        return;
    }
    if (!strncmp(phase, "busy-", 5))
        return;
    if (getenv("VBPACK_TIMES") && strcmp(phase, "write")) {
        fprintf(stderr, "%8.3f s  %-10s", seconds_since(&p->start), phase);
        print_mem();
    }
    if (strcmp(phase, "write") || !p->tty || p->quiet ||
        seconds_since(&p->last) < 0.2)
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    if (!p->wstart.tv_sec)
        clock_gettime(CLOCK_MONOTONIC, &p->wstart);
    /* the write phase is most of a pack: show how far and how long yet */
    double s = seconds_since(&p->wstart), frac = total ? (double)done / total : 1;
    double eta = frac > 0.01 ? s / frac - s : 0;
    fprintf(stderr, "\rwrite  %8llu of %llu documents  %3.0f%%  %5.1f MB/s  "
            "ETA %3.0f s   ", (unsigned long long)done,
            (unsigned long long)total, 100 * frac,
            s > 0 ? p->bytes * frac / 1e6 / s : 0.0, eta);
}

int64_t pack_source_date_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || v < 0)
        die(2, "SOURCE_DATE_EPOCH is not a number of seconds: %s", s);
    return v;
}

static void pack_summary(packer *p, const char *out)
{
    fmt_archive *a = open_archive(out);
    fmt_info in;
    get_info(a, &in);
    fmt_close(a);
    printf("packed %lu documents (%lu questions, %lu answers, %lu notices), "
           "%lu warnings\n",
           p->docs, p->kinds[FMT_QUESTION], p->kinds[FMT_ANSWER],
           p->kinds[FMT_NOTICE], p->warnings);
    if (p->linked + p->unlinked)
        printf("%lu of %lu answers and notices without a case number linked "
               "to their question\n", p->linked, p->linked + p->unlinked);
    printf("%s: %.1f MB from %.1f MB of sources (%.1f%%) in %.1f s\n", out,
           in.archive_bytes / 1e6, in.source_bytes / 1e6,
           in.source_bytes ? 100.0 * in.archive_bytes / in.source_bytes : 0,
           seconds_since(&p->start));
}

int cmd_pack(int argc, char **argv)
{
    packer p;
    memset(&p, 0, sizeof p);
    fmt_writer_opts o = {0};
    const char *out = NULL;
    uint64_t split = 0;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(a, "--title") && i + 1 < argc)
            o.title = argv[++i];
        else if (!strcmp(a, "--edition") && i + 1 < argc)
            o.edition = argv[++i];
        else if (!strcmp(a, "--level") && i + 1 < argc) {
            o.level = atoi(argv[++i]);
            if (o.level < 1 || o.level > 9)
                die(2, "--level takes 1 (fastest) to 9 (smallest)");
        } else if (!strcmp(a, "-s") && i + 1 < argc)
            split = parse_size(argv[++i]);
        else if (!strcmp(a, "--strict"))
            p.strict = 1;
        else if (!strcmp(a, "--keep-going"))
            p.keep_going = 1;
        else if (!strcmp(a, "--follow-links"))
            p.follow = 1;
        else if (!strcmp(a, "-q"))
            p.quiet = 1;
        else if (!strcmp(a, "--"))
            break;
        else
            usage();
    }
    if (!out || i >= argc)
        usage();
    out_check(out);
    for (int k = i; k < argc; k++)
        out_not_path(argv[k]);
    p.tty = isatty(2);
    o.created = pack_source_date_epoch();
    o.progress = finish_progress;
    o.progress_ctx = &p;
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    /* -s: packed whole beside the output, then split if it is too large */
    char whole[1100];
    snprintf(whole, sizeof whole, "%s.whole-%ld", out, (long)getpid());
    int rc = fmt_writer_open(&p.w, split ? whole : out, &o);
    if (rc)
        die(1, "%s: %s", out, fmt_strerror(rc));
    if (!(p.links = link_new()) || !(p.spool = link_spool_new()))
        die(1, "out of memory");
    for (; i < argc; i++) {
        if (src_walk_flags(argv[i], p.follow ? SRC_FOLLOW_LINKS : 0,
                           pack_file, src_error, &p) < 0)
            p.errors += p.errors ? 0 : 1;
    }
    if (!p.errors || p.keep_going)
        pack_spooled(&p);
    link_spool_free(p.spool);
    link_free(p.links);
    show_progress(&p, "read", 1);
    if (getenv("VBPACK_TIMES")) {
        fprintf(stderr, "%8.3f s  %-10s", seconds_since(&p.start), "read");
        print_mem();
    }
    fmt_doc_free(&p.d);
    if (p.errors && !p.keep_going) {
        fmt_writer_abort(p.w);
        die(1, "%lu error(s): no archive written (--keep-going packs the "
               "rest)", p.errors);
    }
    if (p.docs == 0) {
        fmt_writer_abort(p.w);
        die(1, "no documents found in the sources");
    }
    char msg[600];
    if (fmt_writer_finish(p.w, msg, sizeof msg))
        die(1, "%s", msg);
    unsigned parts = split ? split_archive(whole, out, split, o.level) : 1;
    if (p.tty && !p.quiet)
        fputc('\n', stderr);
    if (!p.quiet)
        pack_summary(&p, out);
    if (!p.quiet && parts > 1)
        printf("%s: split into %u parts of at most %llu bytes (%s is part 1; "
               "the others are named after it)\n", out, parts,
               (unsigned long long)split, out);
    return p.errors ? 1 : 0;
}
