/* test_source.c - the packer's SOURCE walker (packer/source.c) and the gzip
 * stream reader (format/gz.c), on fixtures built in a fresh temporary
 * folder: folder trees, real tars made by tar(1) in all three name formats,
 * hand-made hostile tars, truncated and damaged archives, symlink loops,
 * deep nesting, large files, and the bundled samples/ folder.
 *
 * Run from the top of the project (samples/ is read from there, or from
 * $VB_SAMPLES). VB_SLOW_TESTS=1 makes the many-files case 10^6 files
 * (use a TMPDIR on tmpfs: creating them is the slow part).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gz.h"
#include "source.h"

static char base[PATH_MAX];     /* the fixture folder of this run */

/* ---- collecting what the walker hands out ------------------------------ */

typedef struct {
    char **rel, **disp, **data;
    size_t *len;
    size_t n, cap;
    char **errs;                /* "display|msg" */
    size_t nerr, caperr;
    size_t stop_after;          /* 0: never stop */
    int count_only;
} coll;

/* snprintf that fails the test instead of truncating. */
static void xfmt(char *dst, size_t n, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(dst, n, fmt, ap);
    va_end(ap);
    if (r < 0 || (size_t)r >= n)
        fail_msg("string too long for its buffer: %s", fmt);
}

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    assert_non_null(p);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xdup(const char *s)
{
    return dupn(s, strlen(s));
}

static int on_file(void *ctx, const src_file *f)
{
    coll *c = ctx;

    assert_non_null(f->display);
    assert_non_null(f->relpath);
    assert_true(f->len == 0 || f->data != NULL);
    assert_int_equal(f->data[f->len], '\0');
    if (!c->count_only) {
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 16;
            c->rel = realloc(c->rel, c->cap * sizeof *c->rel);
            c->disp = realloc(c->disp, c->cap * sizeof *c->disp);
            c->data = realloc(c->data, c->cap * sizeof *c->data);
            c->len = realloc(c->len, c->cap * sizeof *c->len);
            assert_true(c->rel && c->disp && c->data && c->len);
        }
        c->rel[c->n] = xdup(f->relpath);
        c->disp[c->n] = xdup(f->display);
        /* big files: only their length is checked */
        c->data[c->n] = f->len < (1 << 20) ? dupn(f->data, f->len) : xdup("");
        c->len[c->n] = f->len;
    }
    c->n++;
    if (c->stop_after && c->n == c->stop_after)
        return 7;
    return 0;
}

static void on_err(void *ctx, const char *display, const char *msg)
{
    coll *c = ctx;
    size_t n = strlen(display) + strlen(msg) + 2;

    if (c->nerr == c->caperr) {
        c->caperr = c->caperr ? c->caperr * 2 : 16;
        c->errs = realloc(c->errs, c->caperr * sizeof *c->errs);
        assert_non_null(c->errs);
    }
    c->errs[c->nerr] = malloc(n);
    assert_non_null(c->errs[c->nerr]);
    xfmt(c->errs[c->nerr], n, "%s|%s", display, msg);
    c->nerr++;
}

static void coll_free(coll *c)
{
    size_t i;

    for (i = 0; i < (c->count_only ? 0 : c->n); i++) {
        free(c->rel[i]);
        free(c->disp[i]);
        free(c->data[i]);
    }
    for (i = 0; i < c->nerr; i++)
        free(c->errs[i]);
    free(c->rel);
    free(c->disp);
    free(c->data);
    free(c->len);
    free(c->errs);
    memset(c, 0, sizeof *c);
}

static int walk(coll *c, const char *source)
{
    return src_walk(source, on_file, on_err, c);
}

/* Is there an error whose display is exactly display and whose message
 * contains word? */
static int has_err(const coll *c, const char *display, const char *word)
{
    size_t i, n = strlen(display);

    for (i = 0; i < c->nerr; i++)
        if (strncmp(c->errs[i], display, n) == 0 && c->errs[i][n] == '|' &&
            strstr(c->errs[i] + n + 1, word))
            return 1;
    return 0;
}

static void print_errs(const coll *c)
{
    size_t i;

    for (i = 0; i < c->nerr; i++)
        print_message("  err: %s\n", c->errs[i]);
}

static void assert_rels(const coll *c, const char *const *want, size_t n)
{
    size_t i;

    for (i = 0; i < c->n && i < n; i++)
        assert_string_equal(c->rel[i], want[i]);
    assert_int_equal(c->n, n);
}

/* ---- building fixtures ------------------------------------------------- */

static const char *at(const char *rel)
{
    static char buf[16][PATH_MAX];   /* several per call */
    static int k;

    k = (k + 1) % 16;
    xfmt(buf[k], sizeof buf[k], "%s/%s", base, rel);
    return buf[k];
}

static void put(const char *rel, const char *text)
{
    char cmd[PATH_MAX + 32];
    FILE *f;

    xfmt(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", at(rel));
    assert_int_equal(system(cmd), 0);
    f = fopen(at(rel), "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void sh(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (system(cmd) != 0)
        fail_msg("command failed: %s", cmd);
}

static void truncate_to(const char *path, off_t n)
{
    assert_int_equal(truncate(path, n), 0);
}

/* dst = the first n bytes of src (in C: a fork per cut is slow under
 * ASan). */
static void copy_prefix(const char *src, const char *dst, off_t n)
{
    static char buf[1 << 16];
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    size_t k;

    assert_non_null(in);
    assert_non_null(out);
    while (n > 0 && (k = fread(buf, 1, n < (off_t)sizeof buf ? (size_t)n :
                               sizeof buf, in)) > 0) {
        assert_int_equal(fwrite(buf, 1, k, out), k);
        n -= (off_t)k;
    }
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static off_t file_size(const char *path)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    return st.st_size;
}

/* A hand-made ustar member: header, data, padding. size_field lets a test
 * lie about the size; b256 writes it in GNU base-256. */
static void tar_hdr(FILE *f, const char *name, char type, uint64_t size,
                    int b256)
{
    unsigned char h[512];
    unsigned sum = 0;
    int i;

    memset(h, 0, sizeof h);
    memcpy(h, name, strlen(name) < 100 ? strlen(name) : 100);
    memcpy(h + 100, "0000644", 8);
    memcpy(h + 108, "0000000", 8);
    memcpy(h + 116, "0000000", 8);
    if (b256) {
        h[124] = 0x80;
        for (i = 11; i >= 1; i--, size >>= 8)
            h[124 + i] = (unsigned char)(size & 0xff);
    } else {
        xfmt((char *)h + 124, 12, "%011llo", (unsigned long long)size);
    }
    memcpy(h + 136, "14000000000", 12);
    h[156] = (unsigned char)type;
    memcpy(h + 257, "ustar\0" "00", 8);
    memset(h + 148, ' ', 8);
    for (i = 0; i < 512; i++)
        sum += h[i];
    xfmt((char *)h + 148, 8, "%06o", sum);
    assert_int_equal(fwrite(h, 1, 512, f), 512);
}

static void tar_data(FILE *f, const char *data, size_t n)
{
    static const char zeros[512];

    assert_int_equal(fwrite(data, 1, n, f), n);
    if (n % 512)
        assert_int_equal(fwrite(zeros, 1, 512 - n % 512, f), 512 - n % 512);
}

static void tar_add(FILE *f, const char *name, char type, const char *data)
{
    size_t n = data ? strlen(data) : 0;

    tar_hdr(f, name, type, n, 0);
    tar_data(f, data ? data : "", n);
}

static void tar_end(FILE *f)
{
    static const char zeros[1024];

    assert_int_equal(fwrite(zeros, 1, sizeof zeros, f), sizeof zeros);
}

/* The standard little tree used by several tests, at base/dir. */
static void make_tree(const char *dir)
{
    char p[PATH_MAX];
    const char *files[][2] = {
        {"b.txt", "bee"}, {"a.md", "# a"}, {"A.txt", "upper"},
        {"a-b.txt", "dash"}, {"x.pdf", "not a document"},
        {"c.TXT", "case differs"}, {".hidden.txt", "hidden"},
        {".hdir/y.txt", "in hidden folder"}, {"sub/z.txt", "zed"},
        {"sub/deeper/q.md", "queue"}, {"sub.txt", "sub file"},
        {"INDEX.tsv", "x\ty"}, {"empty/.keep", ""}, {"e.txt", ""},
    };
    size_t i;

    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        xfmt(p, sizeof p, "%s/%s", dir, files[i][0]);  /* relative */
        put(p, files[i][1]);
    }
}

/* What make_tree's walk must give, in order: byte-wise at each level, so
 * "sub/..." (a folder entry "sub") comes before "sub.txt". */
static const char *const tree_rels[] = {
    "A.txt", "a-b.txt", "a.md", "b.txt", "e.txt",
    "sub/deeper/q.md", "sub/z.txt", "sub.txt",
};
#define NTREE (sizeof tree_rels / sizeof tree_rels[0])

/* ---- tests: gzip and CRC ------------------------------------------------ */

static void test_crc32(void **state)
{
    (void)state;
    assert_int_equal(fmt_crc32(0, "123456789", 9), 0xCBF43926u);
    assert_int_equal(fmt_crc32(0, "", 0), 0);
    /* Incremental equals whole. */
    assert_int_equal(fmt_crc32(fmt_crc32(0, "1234", 4), "56789", 5),
                     0xCBF43926u);
}

/* Read a whole gzip file through fmt_gz in chunks of step bytes. */
static int gz_slurp(const char *path, size_t step, char *out, size_t cap,
                    size_t *len)
{
    fmt_gz *z;
    int fd = open(path, O_RDONLY), rc;
    size_t got;

    assert_true(fd >= 0);
    assert_int_equal(fmt_gz_open(&z, fd), FMT_OK);
    *len = 0;
    for (;;) {
        size_t n = step < cap - *len ? step : cap - *len;
        rc = fmt_gz_read(z, out + *len, n, &got);
        if (rc != FMT_OK || got == 0)
            break;
        *len += got;
    }
    fmt_gz_close(z);
    close(fd);
    return rc;
}

static void test_gz(void **state)
{
    static char out[1 << 20];
    char want[200000];
    size_t len, i;
    FILE *f;

    (void)state;
    for (i = 0; i < sizeof want; i++)          /* compressible, not trivial */
        want[i] = (char)('a' + (i * 7 + i / 13) % 26);
    sh("mkdir -p '%s'", at("gz"));
    f = fopen(at("gz/plain"), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(want, 1, sizeof want, f), sizeof want);
    fclose(f);
    sh("gzip -9 -c '%s' > '%s'", at("gz/plain"), at("gz/one.gz"));

    /* Byte by byte and in big chunks: the same bytes. */
    assert_int_equal(gz_slurp(at("gz/one.gz"), 1, out, sizeof out, &len), 0);
    assert_int_equal(len, sizeof want);
    assert_memory_equal(out, want, sizeof want);
    assert_int_equal(gz_slurp(at("gz/one.gz"), 65536, out, sizeof out, &len),
                     0);
    assert_int_equal(len, sizeof want);

    /* Concatenated members are one stream; zero padding after is fine. */
    sh("head -c 70000 '%s' | gzip -c > '%s' && tail -c +70001 '%s' | "
       "gzip -1 -c >> '%s' && head -c 3000 /dev/zero >> '%s'",
       at("gz/plain"), at("gz/cat.gz"), at("gz/plain"), at("gz/cat.gz"),
       at("gz/cat.gz"));
    assert_int_equal(gz_slurp(at("gz/cat.gz"), 4096, out, sizeof out, &len),
                     FMT_OK);
    assert_int_equal(len, sizeof want);
    assert_memory_equal(out, want, sizeof want);

    /* Garbage after the stream, truncation, a bad CRC, an empty file,
     * plain text: all FMT_CORRUPT. */
    sh("cp '%s' '%s' && printf 'junk' >> '%s'", at("gz/one.gz"),
       at("gz/junk.gz"), at("gz/junk.gz"));
    assert_int_equal(gz_slurp(at("gz/junk.gz"), 4096, out, sizeof out, &len),
                     FMT_CORRUPT);
    sh("cp '%s' '%s'", at("gz/one.gz"), at("gz/cut.gz"));
    truncate_to(at("gz/cut.gz"), file_size(at("gz/one.gz")) - 4);
    assert_int_equal(gz_slurp(at("gz/cut.gz"), 4096, out, sizeof out, &len),
                     FMT_CORRUPT);
    truncate_to(at("gz/cut.gz"), file_size(at("gz/one.gz")) / 2);
    assert_int_equal(gz_slurp(at("gz/cut.gz"), 4096, out, sizeof out, &len),
                     FMT_CORRUPT);
    assert_true(len < sizeof want);
    sh("cp '%s' '%s' && printf '\\377' | dd of='%s' bs=1 seek=$(( $(stat -c %%s "
       "'%s') - 6 )) conv=notrunc status=none", at("gz/one.gz"),
       at("gz/crc.gz"), at("gz/crc.gz"), at("gz/one.gz"));
    assert_int_equal(gz_slurp(at("gz/crc.gz"), 4096, out, sizeof out, &len),
                     FMT_CORRUPT);
    put("gz/empty.gz", "");
    assert_int_equal(gz_slurp(at("gz/empty.gz"), 4096, out, sizeof out, &len),
                     FMT_CORRUPT);
    put("gz/text.gz", "plain text, not gzip");
    assert_int_equal(gz_slurp(at("gz/text.gz"), 4096, out, sizeof out, &len),
                     FMT_CORRUPT);
}

/* ---- tests: folders and files ------------------------------------------ */

static void test_folder_order(void **state)
{
    coll c = {0};
    char src[PATH_MAX];
    size_t i;

    (void)state;
    make_tree("tree");
    assert_int_equal(walk(&c, at("tree")), 0);
    print_errs(&c);
    assert_int_equal(c.nerr, 0);
    assert_rels(&c, tree_rels, NTREE);
    xfmt(src, sizeof src, "%s/tree/sub/z.txt", base);
    assert_string_equal(c.disp[6], src);
    assert_string_equal(c.data[6], "zed");
    assert_int_equal(c.len[6], 3);
    assert_int_equal(c.len[4], 0);             /* e.txt is empty */
    assert_string_equal(c.data[0], "upper");
    coll_free(&c);

    /* A trailing slash (or two) changes nothing in the displays. */
    xfmt(src, sizeof src, "%s/tree//", base);
    assert_int_equal(walk(&c, src), 0);
    assert_rels(&c, tree_rels, NTREE);
    xfmt(src, sizeof src, "%s/tree/a.md", base);
    assert_string_equal(c.disp[2], src);
    coll_free(&c);

    /* Deterministic: a second walk gives the same sequence, and so does
     * a copy of the tree made in another creation order. */
    sh("mkdir -p '%s' && cd '%s' && for f in $(cd '%s' && find . -type f | "
       "sort -r); do mkdir -p \"$(dirname \"$f\")\"; cp '%s'/\"$f\" \"$f\"; "
       "done", at("tree2"), at("tree2"), at("tree"), at("tree"));
    assert_int_equal(walk(&c, at("tree2")), 0);
    assert_rels(&c, tree_rels, NTREE);
    for (i = 0; i < c.n; i++)
        assert_non_null(strstr(c.disp[i], "/tree2/"));
    coll_free(&c);

    /* "." as SOURCE: displays are the bare relpaths. */
    {
        char cwd[PATH_MAX];
        assert_non_null(getcwd(cwd, sizeof cwd));
        assert_int_equal(chdir(at("tree")), 0);
        assert_int_equal(walk(&c, "."), 0);
        assert_int_equal(chdir(cwd), 0);
        assert_rels(&c, tree_rels, NTREE);
        assert_string_equal(c.disp[5], "sub/deeper/q.md");
        coll_free(&c);
    }
}

static void test_single_file(void **state)
{
    coll c = {0};

    (void)state;
    put("single/dir/report.pdf", "any extension when named");
    assert_int_equal(walk(&c, at("single/dir/report.pdf")), 0);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.rel[0], "report.pdf");
    assert_string_equal(c.disp[0], at("single/dir/report.pdf"));
    assert_string_equal(c.data[0], "any extension when named");
    coll_free(&c);

    put("single/empty.txt", "");
    assert_int_equal(walk(&c, at("single/empty.txt")), 0);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.len[0], 0);
    coll_free(&c);

    /* Missing SOURCE: -1 and a message naming it. */
    assert_int_equal(walk(&c, at("single/nope.txt")), -1);
    assert_int_equal(c.n, 0);
    assert_true(has_err(&c, at("single/nope.txt"), strerror(ENOENT)));
    coll_free(&c);

    /* A fifo as SOURCE is refused at once (no writer: must not hang). */
    assert_int_equal(mkfifo(at("single/fifo.txt"), 0644), 0);
    assert_int_equal(walk(&c, at("single/fifo.txt")), -1);
    assert_true(has_err(&c, at("single/fifo.txt"), "not a regular file"));
    coll_free(&c);
}

static void test_samples(void **state)
{
    const char *dir = getenv("VB_SAMPLES") ? getenv("VB_SAMPLES") : "samples";
    coll c = {0};
    char path[PATH_MAX];
    size_t i;
    FILE *f;
    static char want[8192];
    size_t n;

    (void)state;
    assert_int_equal(walk(&c, dir), 0);
    assert_int_equal(c.nerr, 0);
    assert_int_equal(c.n, 31);
    for (i = 0; i < c.n; i++) {
        size_t l = strlen(c.rel[i]);
        assert_string_equal(c.rel[i] + l - 4, ".txt");
        assert_null(strchr(c.rel[i], '/'));
        if (i > 0)
            assert_true(strcmp(c.rel[i - 1], c.rel[i]) < 0);
        xfmt(path, sizeof path, "%s/%s", dir, c.rel[i]);
        assert_string_equal(c.disp[i], path);
    }
    assert_string_equal(c.rel[0], "2022Z01227.txt");
    /* The bytes are the file's bytes. */
    xfmt(path, sizeof path, "%s/2022Z01227.txt", dir);
    f = fopen(path, "rb");
    assert_non_null(f);
    n = fread(want, 1, sizeof want, f);
    fclose(f);
    assert_int_equal(c.len[0], n);
    assert_memory_equal(c.data[0], want, n);
    assert_non_null(strstr(c.data[0], "Palland, Inge van Dijk"));
    coll_free(&c);
}

static void test_stop(void **state)
{
    coll c = {0};

    (void)state;
    make_tree("stop");
    c.stop_after = 2;
    assert_int_equal(walk(&c, at("stop")), 7);
    assert_int_equal(c.n, 2);
    coll_free(&c);
    sh("tar -C '%s' --sort=name -cf '%s' .", at("stop"), at("stop.tar"));
    c.stop_after = 3;
    assert_int_equal(walk(&c, at("stop.tar")), 7);
    assert_int_equal(c.n, 3);
    coll_free(&c);
}

/* ---- tests: tar archives made by tar(1) -------------------------------- */

static void check_tar_tree(const char *archive)
{
    coll c = {0};
    char d[PATH_MAX];

    assert_int_equal(walk(&c, archive), 0);
    print_errs(&c);
    assert_int_equal(c.nerr, 0);
    assert_rels(&c, tree_rels, NTREE);
    xfmt(d, sizeof d, "%s:sub/z.txt", archive);
    assert_string_equal(c.disp[6], d);
    assert_string_equal(c.data[6], "zed");
    assert_string_equal(c.data[2], "# a");
    coll_free(&c);
}

static void test_tar(void **state)
{
    (void)state;
    make_tree("t");
    /* --sort=name: the member order is then the tree order. The "./"
     * prefix tar writes is dropped from relpaths. */
    sh("tar -C '%s' --sort=name -cf '%s' .", at("t"), at("t.tar"));
    check_tar_tree(at("t.tar"));
    sh("tar -C '%s' --sort=name -czf '%s' .", at("t"), at("t.tar.gz"));
    check_tar_tree(at("t.tar.gz"));
    sh("cp '%s' '%s'", at("t.tar.gz"), at("t.tgz"));
    check_tar_tree(at("t.tgz"));
    /* Recognised by magic bytes, whatever the name. */
    sh("cp '%s' '%s'", at("t.tar.gz"), at("t-gz-noext"));
    check_tar_tree(at("t-gz-noext"));
    sh("cp '%s' '%s'", at("t.tar"), at("t-tar-noext"));
    check_tar_tree(at("t-tar-noext"));
    /* pax and ustar formats, and a tar split over two gzip members. */
    sh("tar -C '%s' --sort=name --format=pax -cf '%s' .", at("t"),
       at("t-pax.tar"));
    check_tar_tree(at("t-pax.tar"));
    sh("tar -C '%s' --sort=name --format=ustar -cf '%s' .", at("t"),
       at("t-ustar.tar"));
    check_tar_tree(at("t-ustar.tar"));
    sh("head -c 3000 '%s' | gzip -c > '%s' && tail -c +3001 '%s' | gzip -c "
       ">> '%s'", at("t.tar"), at("t-2.tar.gz"), at("t.tar"),
       at("t-2.tar.gz"));
    check_tar_tree(at("t-2.tar.gz"));
}

static void test_tar_long_names(void **state)
{
    const char *fmts[] = {"gnu", "pax", "ustar", "oldgnu", "posix"};
    char rel[300];
    size_t i;

    (void)state;
    /* 3 folders of 50 bytes and a 40-byte file name: 194 bytes, over
     * the 100 of a plain header, within ustar's 155 + 100. */
    xfmt(rel, sizeof rel, "%.50s/%.50s/%.50s/%.35s.txt",
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
             "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
             "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd");
    assert_true(strlen(rel) > 100);
    {
        char p[PATH_MAX];
        xfmt(p, sizeof p, "long/%s", rel);
        put(p, "long name");
        put("long/short.md", "short");
    }
    for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        char tarname[64];
        coll c = {0};
        xfmt(tarname, sizeof tarname, "long-%s.tar", fmts[i]);
        sh("tar -C '%s' --sort=name --format=%s -cf '%s' .", at("long"),
           fmts[i], at(tarname));
        assert_int_equal(walk(&c, at(tarname)), 0);
        print_errs(&c);
        assert_int_equal(c.nerr, 0);
        assert_int_equal(c.n, 2);
        assert_string_equal(c.rel[0], rel);
        assert_string_equal(c.data[0], "long name");
        assert_string_equal(c.rel[1], "short.md");
        coll_free(&c);
    }
}

/* A truncated or damaged archive: -1, an error naming the archive, and the
 * members before the damage delivered intact. */
static void check_cut(const char *archive, const char *word)
{
    coll c = {0};
    size_t i;

    assert_int_equal(walk(&c, archive), -1);
    if (!has_err(&c, archive, word)) {
        print_errs(&c);
        fail_msg("no error naming %s with '%s'", archive, word);
    }
    for (i = 0; i < c.n; i++)
        assert_string_equal(c.rel[i], tree_rels[i]);
    assert_true(c.n <= NTREE);
    coll_free(&c);
}

static void test_tar_truncated(void **state)
{
    off_t full, cut;

    (void)state;
    make_tree("cut");
    /* -b 1: no padding after the two end blocks, so every cut before
     * them is a truncation. */
    sh("tar -C '%s' --sort=name -b 1 -cf '%s' .", at("cut"), at("cut.tar"));
    full = file_size(at("cut.tar"));
    /* Mid-header, mid-data, and exactly after a member (no end blocks). */
    for (cut = 100; cut < full - 1024; cut += 311) {
        copy_prefix(at("cut.tar"), at("c.tar"), cut);
        check_cut(at("c.tar"), "truncated");
    }
    copy_prefix(at("cut.tar"), at("c.tar"), 2048);
    check_cut(at("c.tar"), "truncated");

    sh("tar -C '%s' --sort=name -czf '%s' .", at("cut"), at("cut.tar.gz"));
    full = file_size(at("cut.tar.gz"));
    for (cut = 20; cut < full; cut += full / 7) {
        copy_prefix(at("cut.tar.gz"), at("c.tar.gz"), cut);
        check_cut(at("c.tar.gz"), "gzip");
    }
    /* Cut just before the gzip trailer: every tar block is there, the CRC
     * and length are not. */
    copy_prefix(at("cut.tar.gz"), at("c.tar.gz"), full - 8);
    {
        coll c = {0};
        assert_int_equal(walk(&c, at("c.tar.gz")), -1);
        assert_true(has_err(&c, at("c.tar.gz"), "gzip"));
        coll_free(&c);
    }
    /* A damaged header checksum. */
    sh("cp '%s' '%s' && printf 'X' | dd of='%s' bs=1 seek=1030 conv=notrunc "
       "status=none", at("cut.tar"), at("c.tar"), at("c.tar"));
    check_cut(at("c.tar"), "damaged");
    /* Not a tar at all, though named like one. */
    put("c2.tar", "just some text, long enough? no.");
    check_cut(at("c2.tar"), "truncated");
    put("c3.tgz", "not gzip");
    check_cut(at("c3.tgz"), "gzip");
}

/* ---- tests: hostile and unusual tars, made by hand ---------------------- */

static void test_tar_hostile(void **state)
{
    const char *tarp = at("evil.tar");
    char d[PATH_MAX + 64];
    coll c = {0};
    FILE *f;
    const char *refused[][2] = {
        {"../evil.txt", "'..'"}, {"/abs.txt", "absolute"},
        {"a/../../evil2.txt", "'..'"}, {"dev.txt", "device"},
        {"blk.txt", "device"}, {"fifo.txt", "fifo"},
        {"link.txt", "symbolic link"}, {"hard.txt", "hard link"},
    };
    size_t i;

    (void)state;
    f = fopen(tarp, "wb");
    assert_non_null(f);
    tar_add(f, "./good1.txt", '0', "one");
    tar_add(f, "../evil.txt", '0', "escape");
    tar_add(f, "/abs.txt", '0', "absolute");
    tar_add(f, "a/../../evil2.txt", '0', "escape 2");
    tar_add(f, "dev.txt", '3', NULL);
    tar_add(f, "blk.txt", '4', NULL);
    tar_add(f, "fifo.txt", '6', NULL);
    tar_hdr(f, "link.txt", '2', 0, 0);
    tar_hdr(f, "hard.txt", '1', 0, 0);
    tar_add(f, "ctl\033[2J.txt", '0', "control");
    tar_add(f, "dir/", '5', NULL);
    tar_add(f, "dir//./x.md", '0', "normalised");
    tar_add(f, "._apple.txt", '0', "resource fork junk");
    tar_add(f, "notes.pdf", '0', "not a document");
    tar_hdr(f, "b256.txt", '0', 5, 1);         /* base-256 size */
    tar_data(f, "b-256", 5);
    tar_add(f, "good2.md", '\0', "two");       /* old-style regular */
    tar_end(f);
    fclose(f);

    assert_int_equal(walk(&c, tarp), 0);
    {
        const char *want[] = {"good1.txt", "dir/x.md", "b256.txt",
                              "good2.md"};
        assert_rels(&c, want, 4);
    }
    assert_string_equal(c.data[1], "normalised");
    assert_string_equal(c.data[2], "b-256");
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        xfmt(d, sizeof d, "%s:%s", tarp, refused[i][0]);
        if (!has_err(&c, d, refused[i][1]))
            fail_msg("no error for %s", d);
    }
    xfmt(d, sizeof d, "%s:ctl?[2J.txt", tarp);   /* printed safely */
    assert_true(has_err(&c, d, "control characters"));
    assert_int_equal(c.nerr, sizeof refused / sizeof refused[0] + 1);
    coll_free(&c);

    /* tar(1) itself, told to keep absolute names (-P). */
    put("abs/in.txt", "abs");
    sh("tar -P -cf '%s' '%s' 2>/dev/null", at("abs.tar"), at("abs/in.txt"));
    assert_int_equal(walk(&c, at("abs.tar")), 0);
    assert_int_equal(c.n, 0);
    xfmt(d, sizeof d, "%s:%s", at("abs.tar"), at("abs/in.txt"));
    assert_true(has_err(&c, d, "absolute"));
    coll_free(&c);
}

static void test_tar_limits(void **state)
{
    coll c = {0};
    FILE *f;
    char rec[600], name[300];

    (void)state;
    /* A member claiming 8 GiB, in octal and in base-256: stopped, named. */
    f = fopen(at("huge.tar"), "wb");
    assert_non_null(f);
    tar_add(f, "first.txt", '0', "1");
    tar_hdr(f, "bomb.txt", '0', 077777777777ull, 0);
    tar_end(f);
    fclose(f);
    assert_int_equal(walk(&c, at("huge.tar")), -1);
    assert_int_equal(c.n, 1);
    {
        char d[PATH_MAX + 16];
        xfmt(d, sizeof d, "%s:bomb.txt", at("huge.tar"));
        assert_true(has_err(&c, d, "over 1 GiB"));
    }
    coll_free(&c);
    f = fopen(at("huge256.tar"), "wb");
    assert_non_null(f);
    tar_hdr(f, "bomb.txt", '0', (uint64_t)1 << 40, 1);
    tar_end(f);
    fclose(f);
    assert_int_equal(walk(&c, at("huge256.tar")), -1);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.nerr, 1);
    coll_free(&c);

    /* A member claiming 200 MB in a file of 2 KB: truncated, and cheap. */
    f = fopen(at("claim.tar"), "wb");
    assert_non_null(f);
    tar_hdr(f, "claim.txt", '0', 200000000, 0);
    tar_data(f, "short", 5);
    fclose(f);
    assert_int_equal(walk(&c, at("claim.tar")), -1);
    assert_int_equal(c.n, 0);
    assert_true(has_err(&c, at("claim.tar"), "truncated"));
    coll_free(&c);

    /* A pax header giving path and size; a GNU 'L' long name. */
    f = fopen(at("pax.tar"), "wb");
    assert_non_null(f);
    xfmt(name, sizeof name, "dir/%0200d.txt", 7);
    xfmt(rec, sizeof rec, "%zu path=%s\n", strlen(name) + 10, name);
    assert_int_equal(strlen(rec), strlen(name) + 10);
    strcat(rec, "11 size=11\n");
    tar_add(f, "PaxHeaders/x", 'x', rec);
    tar_hdr(f, "truncated-name", '0', 99, 0);  /* pax size wins over 99 */
    tar_data(f, "pax content", 11);
    tar_add(f, "././@LongLink", 'L', "gnu/long.md");
    tar_add(f, "gnu/lo", '0', "gnu content");
    tar_add(f, "g", 'g', "19 comment=ignored\n");
    tar_add(f, "plain.txt", '0', "plain");
    tar_end(f);
    fclose(f);
    assert_int_equal(walk(&c, at("pax.tar")), 0);
    print_errs(&c);
    assert_int_equal(c.nerr, 0);
    {
        const char *want[] = {name, "gnu/long.md", "plain.txt"};
        assert_rels(&c, want, 3);
    }
    assert_string_equal(c.data[0], "pax content");
    assert_string_equal(c.data[1], "gnu content");
    coll_free(&c);

    /* A malformed pax record is damage. */
    f = fopen(at("badpax.tar"), "wb");
    assert_non_null(f);
    tar_add(f, "x", 'x', "999 path=x\n");
    tar_add(f, "a.txt", '0', "a");
    tar_end(f);
    fclose(f);
    assert_int_equal(walk(&c, at("badpax.tar")), -1);
    assert_true(has_err(&c, at("badpax.tar"), "pax"));
    coll_free(&c);
}

/* Is relpath safe to use as an id and a path under a folder? */
static int clean_rel(const char *r)
{
    const char *p;

    if (r[0] == '/' || r[0] == '\0' || strcmp(r, "..") == 0 ||
        strncmp(r, "../", 3) == 0 || strstr(r, "/../") ||
        (strlen(r) >= 3 && strcmp(r + strlen(r) - 3, "/..") == 0))
        return 0;
    for (p = r; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* Single-byte damage all over a tar and a .tar.gz: every walk ends with 0
 * or -1 (never a crash, a hang or a sanitizer report), and whatever is
 * delivered has a clean relpath. */
static void test_tar_damage(void **state)
{
    const char *srcs[] = {"dmg.tar", "dmg.tar.gz"};
    static unsigned char buf[1 << 16];
    uint32_t seed = 12345;
    size_t k, i, j, n, bad = 0;
    FILE *f;
    int fd;

    (void)state;
    make_tree("dmg");
    put("dmg/sub/long-enough-name-to-need-more-room-than-one-hundred-bytes-"
        "in-a-plain-header-so-gnu-tar-writes-an-L-record.txt", "long");
    sh("tar -C '%s' --sort=name -b 1 -cf '%s' . && gzip -c '%s' > '%s'",
       at("dmg"), at("dmg.tar"), at("dmg.tar"), at("dmg.tar.gz"));
    for (k = 0; k < 2; k++) {
        f = fopen(at(srcs[k]), "rb");
        assert_non_null(f);
        n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        assert_true(n > 0 && n < sizeof buf);
        /* One copy, damaged and repaired in place: no rewrite per case. */
        f = fopen(at("hit"), "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(buf, 1, n, f), n);
        fclose(f);
        fd = open(at("hit"), O_WRONLY);
        assert_true(fd >= 0);
        for (i = 0; i < 400; i++) {
            coll c = {0};
            size_t off = (i * n / 400 + (size_t)(seed % 7)) % n;
            unsigned char flip;
            int rc;
            seed = seed * 1103515245u + 12345u;
            flip = buf[off] ^ (unsigned char)(1u << (seed >> 16) % 8);
            assert_int_equal(pwrite(fd, &flip, 1, (off_t)off), 1);
            rc = walk(&c, at("hit"));
            assert_int_equal(pwrite(fd, &buf[off], 1, (off_t)off), 1);
            assert_true(rc == 0 || rc == -1);
            bad += rc == -1;
            for (j = 0; j < c.n; j++)
                assert_true(clean_rel(c.rel[j]));
            coll_free(&c);
        }
        close(fd);
    }
    print_message("  %zu of 800 damaged archives refused as damaged\n", bad);
    assert_true(bad > 0);
}

/* ---- tests: symlinks, depth, unreadable, sizes, counts ------------------ */

static void test_symlinks(void **state)
{
    coll c = {0};
    char d[PATH_MAX];

    (void)state;
    put("ln/a/x.txt", "x");
    put("ln/b.txt", "b");
    sh("cd '%s' && ln -s .. a/up && ln -s . a/self && ln -s a c && "
       "ln -s b.txt d.txt && ln -s nowhere.txt e.txt && ln -s f f2 && "
       "ln -s f2 f && mkfifo g.txt", at("ln"));
    assert_int_equal(walk(&c, at("ln")), 0);
    {
        /* c is a second way into a: walked once, reported. d.txt is a
         * link to a file: taken under its own name. */
        const char *want[] = {"a/x.txt", "b.txt", "d.txt"};
        assert_rels(&c, want, 3);
    }
    assert_string_equal(c.data[2], "b");
    xfmt(d, sizeof d, "%s/a/up", at("ln"));
    assert_true(has_err(&c, d, "loop"));
    xfmt(d, sizeof d, "%s/a/self", at("ln"));
    assert_true(has_err(&c, d, "loop"));
    xfmt(d, sizeof d, "%s/c", at("ln"));
    assert_true(has_err(&c, d, "already walked"));
    xfmt(d, sizeof d, "%s/e.txt", at("ln"));
    assert_true(has_err(&c, d, strerror(ENOENT)));
    /* f -> f2 -> f: a loop, but no document by its name: passed over
     * like any other file that is not one (issue 13, #8) */
    xfmt(d, sizeof d, "%s/f", at("ln"));
    assert_false(has_err(&c, d, strerror(ELOOP)));
    xfmt(d, sizeof d, "%s/g.txt", at("ln"));    /* a fifo: no hang */
    assert_true(has_err(&c, d, "not a regular file"));
    assert_int_equal(c.nerr, 5);
    coll_free(&c);
}

static void test_depth(void **state)
{
    coll c = {0};
    char rel[PATH_MAX] = "deep", d[PATH_MAX];
    int i;

    (void)state;
    for (i = 1; i <= 70; i++) {
        strcat(rel, "/d");
        if (i == 10 || i == SRC_MAX_DEPTH || i == 70) {
            xfmt(d, sizeof d, "%s/l%d.txt", rel, i);
            put(d, "deep");
        }
    }
    assert_int_equal(walk(&c, at("deep")), 0);
    /* Levels 64 and 10 (in level 10, folder "d" sorts before "l10.txt"),
     * not 70. */
    assert_int_equal(c.n, 2);
    assert_non_null(strstr(c.rel[0], "/l64.txt"));
    assert_non_null(strstr(c.rel[1], "/l10.txt"));
    assert_int_equal(c.nerr, 1);
    assert_non_null(strstr(c.errs[0], "deeper than 64"));
    coll_free(&c);
}

static void test_unreadable(void **state)
{
    coll c = {0};

    (void)state;
    put("unr/a.txt", "a");
    put("unr/b.txt", "b");
    put("unr/sub/c.txt", "c");
    put("unr/z.txt", "z");
    if (geteuid() == 0) {
        /* root reads anything: permission bits cannot make a file
         * unreadable (the dangling symlink in test_symlinks covers an
         * unreadable entry for root). */
        skip();
    }
    assert_int_equal(chmod(at("unr/b.txt"), 0), 0);
    assert_int_equal(chmod(at("unr/sub"), 0), 0);
    assert_int_equal(walk(&c, at("unr")), 0);
    chmod(at("unr/b.txt"), 0644);
    chmod(at("unr/sub"), 0755);
    {
        const char *want[] = {"a.txt", "z.txt"};
        assert_rels(&c, want, 2);
    }
    assert_true(has_err(&c, at("unr/b.txt"), strerror(EACCES)));
    assert_true(has_err(&c, at("unr/sub"), strerror(EACCES)));
    coll_free(&c);
}

static void test_big_files(void **state)
{
    coll c = {0};
    int fd;

    (void)state;
    put("big/a.txt", "small before");
    put("big/z.txt", "small after");
    /* 100 MB works (sparse: cheap to make, real to read). */
    fd = open(at("big/m.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 100000000), 0);
    assert_int_equal(pwrite(fd, "end", 3, 100000000 - 3), 3);
    close(fd);
    /* One byte over 256 MiB is refused, named, and the walk goes on. */
    fd = open(at("big/n.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)SRC_MAX_FILE + 1), 0);
    close(fd);
    assert_int_equal(walk(&c, at("big")), 0);
    {
        const char *want[] = {"a.txt", "m.txt", "z.txt"};
        assert_rels(&c, want, 3);
    }
    assert_int_equal(c.len[1], 100000000);
    assert_true(has_err(&c, at("big/n.txt"), "256 MiB"));
    assert_int_equal(c.nerr, 1);
    coll_free(&c);
    /* Named directly: refused, -1. */
    assert_int_equal(walk(&c, at("big/n.txt")), -1);
    assert_true(has_err(&c, at("big/n.txt"), "256 MiB"));
    coll_free(&c);
    unlink(at("big/m.txt"));
    unlink(at("big/n.txt"));
}

/* n files of a few bytes in folders of 1,000 under dir. */
static void make_many(const char *dir, long n)
{
    char p[PATH_MAX], text[32];
    long i;
    int fd, k;

    assert_int_equal(mkdir(dir, 0755), 0);
    for (i = 0; i < n; i++) {
        if (i % 1000 == 0) {
            xfmt(p, sizeof p, "%s/%04ld", dir, i / 1000);
            assert_int_equal(mkdir(p, 0755), 0);
        }
        xfmt(p, sizeof p, "%s/%04ld/%06ld.txt", dir, i / 1000, i);
        fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        assert_true(fd >= 0);
        k = snprintf(text, sizeof text, "doc %ld\n", i);
        assert_int_equal(write(fd, text, (size_t)k), k);
        close(fd);
    }
}

/* Many small files, in folders of 1,000: counted, in order, fast. With
 * VB_SLOW_TESTS=1, 10^6 of them. */
static void test_many_files(void **state)
{
    long n = getenv("VB_SLOW_TESTS") ? 1000000 : 5000;
    coll c = {0};
    struct timespec t0, t1;
    double secs;

    (void)state;
    make_many(at("many"), n);
    c.count_only = 1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(walk(&c, at("many")), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    print_message("  %ld files walked in %.2f s (%.1f us/file)\n", n, secs,
                  secs * 1e6 / (double)n);
    assert_int_equal(c.n, n);
    assert_int_equal(c.nerr, 0);
    /* Linear, not quadratic: well under 100 us a file even under ASan. */
    assert_true(secs < (double)n * 100e-6 + 1);
    coll_free(&c);
    sh("rm -rf '%s'", at("many"));
}

/* ---- fixture ------------------------------------------------------------ */

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

    (void)state;
    xfmt(base, sizeof base, "%s/vb-source-XXXXXX", tmp);
    return mkdtemp(base) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[PATH_MAX + 32];

    (void)state;
    xfmt(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", base, base);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc32),
        cmocka_unit_test(test_gz),
        cmocka_unit_test(test_folder_order),
        cmocka_unit_test(test_single_file),
        cmocka_unit_test(test_samples),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_tar),
        cmocka_unit_test(test_tar_long_names),
        cmocka_unit_test(test_tar_truncated),
        cmocka_unit_test(test_tar_hostile),
        cmocka_unit_test(test_tar_limits),
        cmocka_unit_test(test_tar_damage),
        cmocka_unit_test(test_symlinks),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_big_files),
        cmocka_unit_test(test_many_files),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
