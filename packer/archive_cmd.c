/* archive_cmd.c - the vbpack commands that read an archive: info,
 * verify, ls, cat, export (and bench-get, random access timing for the
 * benchmarks). A split archive is read part by part (parts.h).
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
#include "json.h"
#include "parts.h"
#include "term.h"

/* ---- info, verify -------------------------------------------------------- */

static void print_date(int32_t ymd)
{
    if (ymd > 0)
        printf("%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
    else
        printf("-");
}

/* An archive's (part's) size breakdown, or why it is not known. */
typedef struct {
    fmt_sizes s;
    int ok;
    char msg[600];
} info_sizes;

static void sizes_of(const char *path, info_sizes *z)
{
    fmt_archive *a = open_archive(path);
    z->ok = fmt_get_sizes(a, &z->s) == FMT_OK;
    if (!z->ok)
        snprintf(z->msg, sizeof z->msg, "%s", fmt_errmsg(a));
    fmt_close(a);
}

static const char *const size_names[6] = {"records", "summaries",
    "term_dictionary", "postings", "positions", "other"};

static void size_parts(const fmt_sizes *s, uint64_t v[6])
{
    v[0] = s->records;
    v[1] = s->summaries;
    v[2] = s->term_dictionary;
    v[3] = s->postings;
    v[4] = s->positions;
    v[5] = s->other;
}

static void json_sizes(const char *key, const info_sizes *z)
{
    printf(",\"%s\":", key);
    if (!z->ok) {
        printf("null,\"%s_error\":", key);
        json_cstr(stdout, z->msg);
        return;
    }
    uint64_t v[6];
    size_parts(&z->s, v);
    for (int i = 0; i < 6; i++)
        printf("%c\"%s\":%llu", i ? ',' : '{', size_names[i],
               (unsigned long long)v[i]);
    printf("}");
}

/* The breakdown as a table: bytes and share of the sources. */
static void text_sizes(const info_sizes *z, uint64_t sources)
{
    if (!z->ok) {
        printf("sizes:      not known: %s\n", z->msg);
        return;
    }
    uint64_t v[6];
    size_parts(&z->s, v);
    printf("sizes:      %-16s %14s  of the sources\n", "part", "bytes");
    for (int i = 0; i < 6; i++)
        printf("            %-16s %14llu  %6.1f%%\n", size_names[i],
               (unsigned long long)v[i], sources ? 100.0 * v[i] / sources : 0);
}

static void info_one(const char *path, int json, const info_sizes *z,
                     const info_sizes *total)
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
        json_sizes("sizes", z);
        if (total) /* part 1 of a split archive: all its parts */
            json_sizes("sizes_all_parts", total);
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
    text_sizes(z, in.source_bytes);
    /* The trailer's value, read, not computed: an archive packed from
     * altered sources can carry a genuine archive's checksum. Computing
     * it reads the whole file, which is verify's job. */
    if (in.checksum[0])
        printf("sha-256:    %s (stored, not yet checked: vbpack verify "
               "--expect computes it)\n", in.checksum);
    else
        printf("sha-256:    (none)\n");
}

static void sizes_add(info_sizes *t, const info_sizes *z)
{
    if (!z->ok) {
        if (t->ok)
            snprintf(t->msg, sizeof t->msg, "%s", z->msg);
        t->ok = 0;
        return;
    }
    t->s.file += z->s.file;
    t->s.records += z->s.records;
    t->s.records_data += z->s.records_data;
    t->s.summaries += z->s.summaries;
    t->s.term_dictionary += z->s.term_dictionary;
    t->s.postings += z->s.postings;
    t->s.positions += z->s.positions;
    t->s.other += z->s.other;
}

/* A split archive: every part, part 1 (whose checksum vouches for the
 * others) first. */
int cmd_info(int argc, char **argv)
{
    int json = argc == 3 && !strcmp(argv[1], "--json");
    if (argc != 2 + json)
        usage();
    size_t n;
    char **p = parts_of(argv[1 + json], &n);
    /* The breakdowns first: part 1's JSON carries the sum of all parts. */
    info_sizes *z = calloc(n, sizeof *z), total = {.ok = 1};
    if (!z)
        die(1, "out of memory");
    uint64_t sources = 0, bytes = 0;
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        sizes_of(p[i], &z[i]);
        sizes_add(&total, &z[i]);
        fmt_archive *a = open_archive(p[i]);
        fmt_info in;
        get_info(a, &in);
        fmt_close(a);
        sources += in.source_bytes;
        bytes += in.archive_bytes;
        if (!z[i].ok) {
            fputs("vbpack: ", stderr);
            term_escaped(stderr, z[i].msg);
            fputc('\n', stderr);
            bad = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (i && !json)
            putchar('\n');
        info_one(p[i], json, &z[i], n > 1 && i == 0 ? &total : NULL);
    }
    if (n > 1 && !json) {
        printf("\nall %zu parts:\nsources:    %llu bytes\n"
               "archive:    %llu bytes (%.1f%% of the sources)\n", n,
               (unsigned long long)sources, (unsigned long long)bytes,
               sources ? 100.0 * bytes / sources : 0);
        text_sizes(&total, sources);
    }
    free(z);
    fmt_parts_free(p, n);
    /* A breakdown that could not be made is a damaged archive: say so in
     * the exit status too (the rest of info was printed). */
    return bad;
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
int cmd_verify(int argc, char **argv)
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

int cmd_ls(int argc, char **argv)
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

int cmd_cat(int argc, char **argv)
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

int cmd_export(int argc, char **argv)
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

int cmd_bench_get(int argc, char **argv)
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
        t[i] = (uint64_t)(seconds_since(&s) * 1e9);
    }
    qsort(t, (size_t)n, sizeof *t, u64cmp);
    printf("%.1f %.1f\n", t[n / 2] / 1e3, t[(size_t)(n * 0.99)] / 1e3);
    free(t);
    fmt_doc_free(&d);
    fmt_close(a);
    return 0;
}
