/* vbpack.c - the `vbpack` command: pack question documents into an archive,
 * and inspect, verify, list, print, export and search archives (new
 * editions, merges and deltas are in edition_cmd.c, search in
 * search_cmd.c).
 *
 * Exit codes: 0 ok, 1 bad data (a source or archive could not honestly be
 * used), 2 usage. Messages name the file and line, or the record.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "dist.h"
#include "edition.h"
#include "edition_cmd.h"
#include "format.h"
#include "json.h"
#include "link.h"
#include "output.h"
#include "parts.h"
#include "parse.h"
#include "source.h"
#include "term.h"

static const char usage_text[] =
    "usage: vbpack pack -o ARCHIVE.vbk [--title T] [--edition E] [--strict]\n"
    "                   [--keep-going] [--follow-links] [--level 1-9] [-s SIZE]\n"
    "                   [-q] SOURCE...\n"
    "       vbpack update [-q] [--full] [-s SIZE] [--title T] [--edition E]\n"
    "                     [--level 1-9] [--follow-links] -o NEW OLD [SOURCE...]\n"
    "                     [--remove ID...]\n"
    "       vbpack merge [-q] [-s SIZE] [--title T] [--edition E] [--level 1-9]\n"
    "                    -o ALL ARCHIVE...\n"
    "       vbpack diff [-q] [--level 1-9] -o DELTA OLD NEW\n"
    "       vbpack patch [-q] -o NEW OLD DELTA\n"
    "       vbpack info [--json] ARCHIVE\n"
    "       vbpack verify [--full] [--expect SHA256] ARCHIVE\n"
    "       vbpack ls [--json] ARCHIVE\n"
    "       vbpack cat [--json|--raw] ARCHIVE ID|ZAAK\n"
    "       vbpack export ARCHIVE DIR\n"
    "       vbpack search [--limit N] [--offset N] [--sort rank|date|old] [--json]\n"
    "                     [--count] [--facets] [--cases] [--typing] ARCHIVE... QUERY\n"
    "       vbpack search --batch FILE ARCHIVE...\n"
    "       vbpack suggest [--limit N] [--names] ARCHIVE PREFIX\n"
    "       vbpack catalog [-q] DIR\n"
    "       vbpack publish [-q] -o DIR NEW.vbk\n"
    "       vbpack sync [-q] [--title T] [--keep N] [--limit-rate R] SOURCE DEST\n"
    "SOURCE is a .txt/.md file, a folder of them, or a .tar/.tar.gz.\n";

void die(int code, const char *fmt, ...)
{
    va_list ap;
    fputs("vbpack: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(code);
}

void usage(void)
{
    fputs(usage_text, stderr);
    exit(2);
}

fmt_archive *open_archive(const char *path)
{
    fmt_archive *a;
    char msg[600];
    if (fmt_open(&a, path, msg, sizeof msg))
        die(1, "%s", msg);
    return a;
}

void get_info(fmt_archive *a, fmt_info *in)
{
    if (fmt_get_info(a, in) != FMT_OK)
        die(1, "%s", fmt_errmsg(a));
}

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

/* ---- pack ------------------------------------------------------------------ */

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

static double since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(packer *p, const char *phase, int final)
{
    if (!p->tty || p->quiet || (!final && since(&p->last) < 0.2))
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double s = since(&p->start);
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
        fprintf(stderr, "%8.3f s  %-10s", since(&p->start), phase);
        print_mem();
    }
    if (strcmp(phase, "write") || !p->tty || p->quiet ||
        since(&p->last) < 0.2)
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    if (!p->wstart.tv_sec)
        clock_gettime(CLOCK_MONOTONIC, &p->wstart);
    /* the write phase is most of a pack: show how far and how long yet */
    double s = since(&p->wstart), frac = total ? (double)done / total : 1;
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
           since(&p->start));
}

static int cmd_pack(int argc, char **argv)
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
        fprintf(stderr, "%8.3f s  %-10s", since(&p.start), "read");
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

/* ---- info, verify -------------------------------------------------------- */

static void print_date(int32_t ymd)
{
    if (ymd > 0)
        printf("%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
    else
        printf("-");
}

static void info_one(const char *path, int json)
{
    fmt_archive *a = open_archive(path);
    fmt_info in;
    get_info(a, &in);
    fmt_close(a);
    if (json) {
        printf("{\"title\":");
        json_cstr(stdout, in.title);
        printf(",\"edition\":");
        json_cstr(stdout, in.edition);
        printf(",\"version\":%u,\"created\":%lld,\"documents\":%u,\"kinds\":"
               "{\"question\":%u,\"answer\":%u,\"notice\":%u},\"zaken\":%u,"
               "\"first_date\":",
               in.version, (long long)in.created, in.documents,
               in.kinds[FMT_QUESTION], in.kinds[FMT_ANSWER],
               in.kinds[FMT_NOTICE], in.zaken);
        json_date(stdout, in.first_date);
        printf(",\"last_date\":");
        json_date(stdout, in.last_date);
        printf(",\"source_bytes\":%llu,\"archive_bytes\":%llu,"
               "\"records_bytes\":%llu,\"index_bytes\":%llu,\"terms\":%u,"
               "\"checksum\":\"%s\",\"checksum_checked\":false",
               (unsigned long long)in.source_bytes,
               (unsigned long long)in.archive_bytes,
               (unsigned long long)in.records_bytes,
               (unsigned long long)in.index_bytes, in.terms, in.checksum);
        if (in.nparts)
            printf(",\"part\":%u,\"parts\":%u,\"file\":", in.part, in.nparts);
        if (in.nparts)
            json_cstr(stdout, path);
        printf("}\n");
        return;
    }
    if (in.nparts)
        printf("part:       %u of %u: %s\n", in.part, in.nparts, path);
    printf("title:      %s\nedition:    %s\nformat:     %u\n", in.title,
           in.edition, in.version);
    printf("documents:  %u (%u questions, %u answers, %u notices) in %u "
           "zaken\n",
           in.documents, in.kinds[FMT_QUESTION], in.kinds[FMT_ANSWER],
           in.kinds[FMT_NOTICE], in.zaken);
    printf("dates:      ");
    print_date(in.first_date);
    printf(" .. ");
    print_date(in.last_date);
    printf("\nsources:    %llu bytes\n", (unsigned long long)in.source_bytes);
    printf("archive:    %llu bytes (%.1f%% of the sources)\n",
           (unsigned long long)in.archive_bytes,
           in.source_bytes ? 100.0 * in.archive_bytes / in.source_bytes : 0);
    printf("records:    %llu bytes compressed (%.1f%%)\n",
           (unsigned long long)in.records_bytes,
           in.source_bytes ? 100.0 * in.records_bytes / in.source_bytes : 0);
    printf("index:      %llu bytes, %u terms\n",
           (unsigned long long)in.index_bytes, in.terms);
    /* The trailer's value, read, not computed: an archive packed from
     * altered sources can carry a genuine archive's checksum. Computing
     * it reads the whole file, which is verify's job. */
    if (in.checksum[0])
        printf("sha-256:    %s (stored, not yet checked: vbpack verify "
               "--expect computes it)\n", in.checksum);
    else
        printf("sha-256:    (none)\n");
}

/* A split archive: every part, part 1 (whose checksum vouches for the
 * others) first. */
static int cmd_info(int argc, char **argv)
{
    int json = argc == 3 && !strcmp(argv[1], "--json");
    if (argc != 2 + json)
        usage();
    size_t n;
    char **p = parts_of(argv[1 + json], &n);
    for (size_t i = 0; i < n; i++) {
        if (i && !json)
            putchar('\n');
        info_one(p[i], json);
    }
    fmt_parts_free(p, n);
    return 0;
}

static void verify_bad(void *ctx, uint32_t docno, const char *msg)
{
    (void)docno;
    (*(unsigned long *)ctx)++;
    /* a damaged key's bytes are shown as \xNN, not sent raw */
    fputs("vbpack: ", stderr);
    term_escaped(stderr, msg);
    fputc('\n', stderr);
}

/* 64 hex digits, made lower case in place; 0 if it is not that. */
static int sha256_arg(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'A' && s[i] <= 'F')
            s[i] = (char)(s[i] - 'A' + 'a');
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    }
    return n == 64;
}

/* The content checksum (against the trailer and --expect) is hashed on
 * one core while the records are checked on the other (edition.c). */
static int cmd_verify(int argc, char **argv)
{
    char *expect = NULL;
    int full = 0;
    for (;;) {
        if (argc >= 4 && !strcmp(argv[1], "--expect")) {
            expect = argv[2];
            if (!sha256_arg(expect))
                die(2, "--expect takes a SHA-256: 64 hex digits, not '%s'",
                    expect);
            argc -= 2;
            argv += 2;
        } else if (argc >= 3 && !strcmp(argv[1], "--full")) {
            full = 1;
            argc--;
            argv++;
        } else {
            break;
        }
    }
    if (argc != 2)
        usage();
    /* a split archive: every part; --expect names part 1, which names the
     * others' checksums */
    size_t np;
    char **p = parts_of(argv[1], &np);
    int status = 0;
    for (size_t k = 0; k < np; k++) {
        fmt_archive *a = open_archive(p[k]);
        unsigned long bad = 0;
        char hex[65];
        int rc = fmt_verify_all(a, k ? NULL : expect, full, verify_bad, &bad, hex);
        uint32_t n = fmt_count(a);
        fmt_close(a);
        if (rc == FMT_NOMEM)
            die(1, "out of memory");
        if (rc) {
            fprintf(stderr, "vbpack: %s: %lu damaged item(s)\n", p[k], bad);
            status = 1;
            continue;
        }
        printf("%s: ok, %u records verified\n", p[k], n);
        if (expect && !k)
            printf("%s: sha-256 %s as expected\n", p[k], hex);
    }
    fmt_parts_free(p, np);
    return status;
}

/* ---- ls, cat, export --------------------------------------------------------- */

static int ls_one(const char *path, int json);

/* s as term_str prints it, padded with spaces to width bytes. */
static void term_pad(const char *s, int width)
{
    term_str(stdout, s);
    for (int n = (int)strlen(s); n < width; n++)
        putchar(' ');
}

static int cmd_ls(int argc, char **argv)
{
    int json = argc == 3 && !strcmp(argv[1], "--json");
    if (argc != 2 + json)
        usage();
    size_t np;
    char **p = parts_of(argv[1 + json], &np);
    int rc = 0;
    for (size_t k = 0; k < np; k++)
        rc |= ls_one(p[k], json);
    fmt_parts_free(p, np);
    return rc;
}

static int ls_one(const char *path, int json)
{
    fmt_archive *a = open_archive(path);
    fmt_doc d = {0};
    fmt_summary s = {0};
    int rc = 0;
    for (uint32_t i = 0; i < fmt_count(a); i++) {
        if (json ? fmt_get(a, i, &d) : fmt_get_summary(a, i, &s)) {
            fprintf(stderr, "vbpack: %s\n", fmt_errmsg(a));
            rc = 1;
            continue;
        }
        if (json) {
            json_doc(stdout, &d, 0, NULL, 0);
            putchar('\n');
            continue;
        }
        term_pad(s.id, 24);
        printf(" %-8s ", fmt_kind_name(s.kind));
        print_date(s.date);
        putchar(' ');
        term_pad(s.zaak[0] ? s.zaak : "-", 11);
        putchar(' ');
        term_str(stdout, s.subject);
        putchar('\n');
    }
    fmt_doc_free(&d);
    fmt_summary_free(&s);
    fmt_close(a);
    return rc;
}

/* Every field and the text through term_text: the plain form is for a
 * terminal (--raw gives the bytes). */
static void cat_plain(const fmt_doc *d)
{
    fputs("id:          ", stdout);
    term_str(stdout, d->id);
    printf("\nkind:        %s\nzaak:        ", fmt_kind_name(d->kind));
    term_str(stdout, d->zaak[0] ? d->zaak : "-");
    printf("%s\nsubmitted:   ", d->zaak_linked ? " (linked by its header)" : "");
    print_date(d->submitted);
    printf("\nreceived:    ");
    print_date(d->received);
    printf("\nmembers:     ");
    for (size_t i = 0; i < d->nmembers; i++) {
        fputs(i ? ", " : "", stdout);
        term_str(stdout, d->members[i].name);
        if (d->members[i].party) {
            fputs(" (", stdout);
            term_str(stdout, d->members[i].party);
            putchar(')');
        }
    }
    for (size_t i = 0; i < d->naddressees; i++) {
        fputs(i ? "; " : "\nto:          ", stdout);
        term_str(stdout, d->addressees[i]);
    }
    for (size_t i = 0; i < d->nanswered_by; i++) {
        fputs(i ? "; " : "\nanswered by: ", stdout);
        term_str(stdout, d->answered_by[i]);
    }
    for (size_t i = 0; i < d->non_behalf_of; i++) {
        fputs(i ? "; " : "\non behalf:   ", stdout);
        term_str(stdout, d->on_behalf_of[i]);
    }
    for (size_t i = 0; i < d->ncosigned_by; i++) {
        fputs(i ? "; " : "\ncosigned by: ", stdout);
        term_str(stdout, d->cosigned_by[i]);
    }
    fputs("\nsubject:     ", stdout);
    term_str(stdout, d->subject ? d->subject : "-");
    fputs("\n\n", stdout);
    term_text(stdout, d->text, d->len, 1);
    if (d->len && d->text[d->len - 1] != '\n')
        putchar('\n');
}

static int cat_one(const char *path, const char *want, int mode,
                   size_t *shown);

static int cmd_cat(int argc, char **argv)
{
    int mode = 0, i = 1; /* 0 plain, 1 json, 2 raw */
    if (argc > 1 && !strcmp(argv[1], "--json"))
        mode = 1, i++;
    else if (argc > 1 && !strcmp(argv[1], "--raw"))
        mode = 2, i++;
    if (argc != i + 2)
        usage();
    /* a split archive: a zaak's documents may be in several parts */
    size_t np, shown = 0;
    char **p = parts_of(argv[i], &np);
    int rc = 0;
    for (size_t k = 0; k < np; k++)
        rc |= cat_one(p[k], argv[i + 1], mode, &shown);
    fmt_parts_free(p, np);
    if (!shown)
        die(1, "%s: no document or zaak '%s'", argv[i], argv[i + 1]);
    return rc;
}

/* The ids of every document of d's case, itself included, in date order
 * (document numbers are in date order); just d's own without a zaak. The
 * caller frees each and the array. */
static char **thread_ids(fmt_archive *a, const fmt_doc *d, size_t *n)
{
    uint32_t docs[256];
    size_t nd = 0;
    if (!d->zaak[0] || fmt_zaak_docs(a, d->zaak, docs, 256, &nd) || !nd)
        nd = 0;
    nd = nd > 256 ? 256 : nd;
    char **ids = calloc(nd ? nd : 1, sizeof *ids);
    if (!ids)
        die(1, "out of memory");
    for (size_t i = 1; i < nd; i++)            /* insertion sort: few */
        for (size_t k = i; k > 0 && docs[k - 1] > docs[k]; k--) {
            uint32_t x = docs[k];
            docs[k] = docs[k - 1];
            docs[k - 1] = x;
        }
    fmt_summary s = {0};
    *n = 0;
    for (size_t i = 0; i < nd; i++) {
        if (fmt_get_summary(a, docs[i], &s))
            continue;                          /* damage: said by cat */
        if (!(ids[(*n)++] = strdup(s.id ? s.id : "")))
            die(1, "out of memory");
    }
    fmt_summary_free(&s);
    if (!*n && !(ids[(*n)++] = strdup(d->id ? d->id : "")))
        die(1, "out of memory");
    return ids;
}

static int cat_one(const char *path, const char *want, int mode, size_t *shown)
{
    fmt_archive *a = open_archive(path);
    uint32_t one, many[256];
    size_t n = 0;
    if (fmt_find(a, want, &one) == FMT_OK) {
        many[0] = one;
        n = 1;
    } else if (fmt_zaak_docs(a, want, many, 256, &n) || n == 0) {
        fmt_close(a);
        return 0;
    }
    if (n > 256)
        n = 256;
    fmt_doc d = {0};
    int rc = 0;
    for (size_t k = 0; k < n; k++) {
        if (fmt_get(a, many[k], &d)) {
            fprintf(stderr, "vbpack: %s\n", fmt_errmsg(a));
            rc = 1;
            continue;
        }
        if (mode == 1) {
            size_t nt = 0;
            char **t = thread_ids(a, &d, &nt);
            json_doc(stdout, &d, 1, t, nt);
            for (size_t j = 0; j < nt; j++)
                free(t[j]);
            free(t);
            putchar('\n');
        } else if (mode == 2) {
            fwrite(d.text, 1, d.len, stdout);
        } else {
            if (k || *shown)
                printf("\n----------------------------------------\n\n");
            cat_plain(&d);
        }
    }
    *shown += n;
    fmt_doc_free(&d);
    fmt_close(a);
    return rc;
}

/* An id may become a path below DIR only if it cannot leave it. */
static int safe_relpath(const char *p)
{
    if (!*p || *p == '/' || strlen(p) > 900)
        return 0;
    for (const char *s = p; *s;) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 0 || (n == 1 && s[0] == '.') ||
            (n == 2 && s[0] == '.' && s[1] == '.'))
            return 0;
        s += n + (e != NULL);
    }
    return strchr(p, '\\') == NULL;
}

/* Make the folders of rel below the folder root and open the folder
 * that is to hold rel's last part (*leaf), never following a symlink: a
 * symlinked folder planted inside DIR must not carry the export elsewhere
 * (DIR itself, given on the command line, may be one). */
static int dir_below(int root, const char *rel, const char **leaf)
{
    char part[1024];
    int dfd = dup(root);
    const char *s = rel, *slash;
    while (dfd >= 0 && (slash = strchr(s, '/')) != NULL) {
        size_t n = (size_t)(slash - s);
        if (n >= sizeof part) {
            close(dfd);
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(part, s, n);
        part[n] = 0;
        int next = -1;
        if (!mkdirat(dfd, part, 0755) || errno == EEXIST)
            next = openat(dfd, part,
                          O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int e = errno;
        close(dfd);
        errno = e;
        dfd = next;
        s = slash + 1;
    }
    *leaf = s;
    return dfd;
}

/* Whether the file open at fd holds exactly text[0..len). */
static int same_bytes(int fd, const char *text, size_t len)
{
    struct stat st;
    char buf[65536];
    size_t off = 0;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (uint64_t)st.st_size != len)
        return 0;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r == 0 && off == len;
        if ((size_t)r > len - off || memcmp(buf, text + off, (size_t)r))
            return 0;
        off += (size_t)r;
    }
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Write d below DIR. The bytes go to a temporary name first and get
 * their final name only when all of them are written (a full disk used
 * to leave empty files under final names, which the next export then
 * refused); a file already there with the same bytes is left as it is, so
 * running export again completes what is missing. A file there with
 * other bytes is never replaced. Returns 0 written, 2 already there, 1
 * failed (said). */
static int export_one(const char *dir, int root, const fmt_doc *d)
{
    const char *dot = strrchr(d->source, '.');
    const char *slash = strrchr(d->source, '/');
    const char *ext = dot && (!slash || dot > slash) ? dot : "";
    if (!safe_relpath(d->id) || strlen(ext) > 16 || strchr(ext, '/')) {
        fprintf(stderr, "vbpack: record '");
        term_escaped(stderr, d->id);
        fprintf(stderr, "': id would leave %s: refused\n", dir);
        return 1;
    }
    char rel[1024], path[2048], tmp[64];
    snprintf(rel, sizeof rel, "%s%s", d->id, ext);
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    const char *leaf;
    int dfd = dir_below(root, rel, &leaf);
    if (dfd < 0) {
        fprintf(stderr, "vbpack: %s: %s\n", path, strerror(errno));
        return 1;
    }
    int ex = openat(dfd, leaf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (ex >= 0 || errno != ENOENT) {
        int same = ex >= 0 && same_bytes(ex, d->text, d->len), e = errno;
        if (ex >= 0)
            close(ex);
        close(dfd);
        if (same)
            return 2;
        fprintf(stderr, "vbpack: %s: %s\n", path, ex >= 0 ?
                "already there with other bytes: left as it is" : strerror(e));
        return 1;
    }
    static unsigned seq;
    snprintf(tmp, sizeof tmp, ".vbexport-%ld-%u.tmp", (long)getpid(), seq++);
    int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    0644);
    int rc = fd < 0 || write_all(fd, d->text, d->len) ? -1 : 0;
    int e = errno;
    if (fd >= 0 && close(fd) && !rc)
        rc = -1, e = errno;
    /* link, not rename: a file that appeared meanwhile is not replaced
     * (a file system without hard links gets the rename) */
    if (!rc && linkat(dfd, tmp, dfd, leaf, 0)) {
        e = errno;
        if (e == EEXIST || (e != EPERM && e != ENOTSUP && e != EXDEV) ||
            renameat(dfd, tmp, dfd, leaf))
            rc = -1;
        else
            e = 0;
    }
    if (fd >= 0)
        unlinkat(dfd, tmp, 0);
    close(dfd);
    if (rc) {
        fprintf(stderr, "vbpack: %s: %s\n", path,
                e == ENOSPC ? "no space left on device" : strerror(e));
        return 1;
    }
    return 0;
}

static int cmd_export(int argc, char **argv)
{
    if (argc != 3)
        usage();
    size_t np;
    char **p = parts_of(argv[1], &np);
    if (mkdir(argv[2], 0755) && errno != EEXIST)
        die(1, "%s: %s", argv[2], strerror(errno));
    int root = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0)
        die(1, "%s: %s", argv[2], strerror(errno));
    fmt_doc d = {0};
    unsigned long bad = 0, n = 0, there = 0;
    for (size_t k = 0; k < np; k++) {
        fmt_archive *a = open_archive(p[k]);
        for (uint32_t i = 0; i < fmt_count(a); i++) {
            int rc = 1;
            if (fmt_get(a, i, &d))
                fprintf(stderr, "vbpack: %s\n", fmt_errmsg(a));
            else
                rc = export_one(argv[2], root, &d);
            if (rc == 1)
                bad++;
            else if (rc == 2)
                there++;
            else
                n++;
        }
        fmt_close(a);
    }
    fmt_parts_free(p, np);
    fmt_doc_free(&d);
    close(root);
    printf("exported %lu documents to %s", n, argv[2]);
    if (there)
        printf(", %lu already there", there);
    if (bad)
        printf(", %lu failed", bad);
    putchar('\n');
    return bad ? 1 : 0;
}

/* ---- bench-get: random access timing for benchmarks (undocumented) --------- */

static int u64cmp(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static int cmd_bench_get(int argc, char **argv)
{
    if (argc != 3)
        usage();
    fmt_archive *a = open_archive(argv[1]);
    long n = atol(argv[2]);
    uint32_t count = fmt_count(a);
    if (n <= 0 || count == 0)
        die(2, "bench-get: nothing to do");
    uint64_t *t = malloc((size_t)n * sizeof *t), x = 88172645463325252ull;
    fmt_doc d = {0};
    for (long i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        struct timespec s;
        clock_gettime(CLOCK_MONOTONIC, &s);
        if (fmt_get(a, (uint32_t)(x % count), &d))
            die(1, "%s", fmt_errmsg(a));
        t[i] = (uint64_t)(since(&s) * 1e9);
    }
    qsort(t, (size_t)n, sizeof *t, u64cmp);
    printf("%.1f %.1f\n", t[n / 2] / 1e3, t[(size_t)(n * 0.99)] / 1e3);
    free(t);
    fmt_doc_free(&d);
    fmt_close(a);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage();
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {{"pack", cmd_pack},     {"info", cmd_info},
                {"verify", cmd_verify}, {"ls", cmd_ls},
                {"cat", cmd_cat},       {"export", cmd_export},
                {"search", cmd_search}, {"suggest", cmd_suggest},
                {"update", cmd_update}, {"merge", cmd_merge},
                {"diff", cmd_diff},     {"patch", cmd_patch},
                {"catalog", cmd_catalog}, {"publish", cmd_publish},
                {"sync", cmd_sync},
                {"bench-get", cmd_bench_get}};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
        if (!strcmp(argv[1], cmds[i].name))
            return cmds[i].fn(argc - 1, argv + 1);
    if (!strcmp(argv[1], "--version")) {
        printf("vbpack %s\n", VERSION);
        return 0;
    }
    usage();
    return 2;
}
