/* catalog.c - the catalog of a published folder: `vbpack catalog DIR`
 * writes DIR/catalog.json (every archive, a split one as one entry with
 * its parts, and every delta), `vbpack publish` adds a new edition and
 * the delta from the one before, and catalog_parse() reads a catalog
 * back for `vbpack sync`.
 *
 * The file is written in one fixed key order with the entries sorted, so
 * the same folder always gives the same bytes (a mirror can compare it).
 * It is read by a small strict JSON parser of our own (the tree had only
 * JSON output): a catalog comes from a mirror, so anything it says is
 * checked before sync acts on it, above all its file names, which must be
 * plain names in its folder (no "../", no "/"). The format and its version
 * are documented in docs/DISTRIBUTION.md.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd.h"
#include "dist.h"
#include "pack.h"
#include "json.h"
#include "parts.h"
#include "search.h"
#include "term.h"

/* ---- a strict JSON reader ---------------------------------------------------
 * RFC 8259 without floats' use: numbers are kept as their text and read as
 * integers where the catalog wants one. Refused: trailing bytes, a key
 * twice in one object, invalid UTF-8, control characters and \u0000 in
 * strings, nesting deeper than JSON_DEPTH, more than JSON_NODES values
 * (memory stays a small multiple of the input). */

#define JSON_DEPTH 32
#define JSON_NODES 1000000

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jv {
    int t;
    char *s;                 /* J_STR: the decoded string; J_NUM: its text */
    size_t n;                /* J_ARR, J_OBJ: number of values */
    char **k;                /* J_OBJ: the keys */
    struct jv *v;            /* J_ARR, J_OBJ: the values */
} jv;

typedef struct {
    const char *p, *start, *end;
    int depth;
    size_t nodes;
    char err[160];
} jparser;

static void jv_free(jv *v)
{
    for (size_t i = 0; i < v->n; i++) {
        if (v->k)
            free(v->k[i]);
        jv_free(&v->v[i]);
    }
    free(v->k);
    free(v->v);
    free(v->s);
    memset(v, 0, sizeof *v);
}

static int jfail(jparser *P, const char *what)
{
    if (!P->err[0])
        snprintf(P->err, sizeof P->err, "at byte %zu: %s",
                 (size_t)(P->p - P->start), what);
    return -1;
}

static void jws(jparser *P)
{
    while (P->p < P->end && (*P->p == ' ' || *P->p == '\t' || *P->p == '\n' ||
                             *P->p == '\r'))
        P->p++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at P->p (the opening quote), decoded into a new C string. */
static char *jstring(jparser *P)
{
    const char *q = ++P->p;
    while (q < P->end && *q != '"') /* the decoded text is never longer */
        q += *q == '\\' && q + 1 < P->end ? 2 : 1;
    if (q >= P->end)
        return jfail(P, "a string does not end"), NULL;
    char *out = malloc((size_t)(q - P->p) + 1), *o = out;
    if (!out)
        die(1, "out of memory");
    while (*P->p != '"') {
        unsigned char c = (unsigned char)*P->p;
        if (c < 0x20) {
            free(out);
            return jfail(P, "a control character in a string"), NULL;
        }
        if (c != '\\') {
            *o++ = (char)c;
            P->p++;
            continue;
        }
        char e = P->p[1];
        P->p += 2;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            *o++ = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
            continue;
        }
        unsigned cp, lo;
        if (e != 'u' || P->end - P->p < 4 || hex4(P->p, &cp)) {
            free(out);
            return jfail(P, "a bad escape in a string"), NULL;
        }
        P->p += 4;
        if (cp >= 0xD800 && cp < 0xDC00) { /* a surrogate pair */
            if (P->end - P->p < 6 || P->p[0] != '\\' || P->p[1] != 'u' ||
                hex4(P->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                free(out);
                return jfail(P, "a lone surrogate in a string"), NULL;
            }
            P->p += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0) {
            free(out);
            return jfail(P, "\\u0000 or a lone surrogate in a string"), NULL;
        }
        o += put_utf8(o, cp);
    }
    P->p++;
    *o = 0;
    if (!utf8_valid(out, (size_t)(o - out))) {
        free(out);
        return jfail(P, "a string that is not UTF-8"), NULL;
    }
    return out;
}

static int jvalue(jparser *P, jv *v);

/* An array or an object (P->p at its bracket). */
static int jlist(jparser *P, jv *v, int obj)
{
    char close = obj ? '}' : ']';
    size_t cap = 0;
    v->t = obj ? J_OBJ : J_ARR;
    if (++P->depth > JSON_DEPTH)
        return jfail(P, "nested too deeply");
    P->p++;
    jws(P);
    if (P->p < P->end && *P->p == close) {
        P->p++;
        P->depth--;
        return 0;
    }
    for (;;) {
        if (v->n == cap) {
            cap = cap ? 2 * cap : 4;
            jv *nv = realloc(v->v, cap * sizeof *nv);
            char **nk = obj ? realloc(v->k, cap * sizeof *nk) : NULL;
            if (!nv || (obj && !nk))
                die(1, "out of memory");
            v->v = nv;
            if (obj)
                v->k = nk;
        }
        memset(&v->v[v->n], 0, sizeof *v->v);
        if (obj) {
            jws(P);
            if (P->p >= P->end || *P->p != '"')
                return jfail(P, "a key expected");
            char *key = jstring(P);
            if (!key)
                return -1;
            for (size_t i = 0; i < v->n; i++)
                if (!strcmp(v->k[i], key)) {
                    free(key);
                    return jfail(P, "a key given twice");
                }
            v->k[v->n] = key;
            jws(P);
            if (P->p >= P->end || *P->p != ':') {
                v->n++;
                return jfail(P, "':' expected");
            }
            P->p++;
        }
        int rc = jvalue(P, &v->v[v->n]);
        v->n++;
        if (rc)
            return -1;
        jws(P);
        if (P->p < P->end && *P->p == ',') {
            P->p++;
            continue;
        }
        if (P->p < P->end && *P->p == close) {
            P->p++;
            P->depth--;
            return 0;
        }
        return jfail(P, obj ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static int jvalue(jparser *P, jv *v)
{
    jws(P);
    if (++P->nodes > JSON_NODES)
        return jfail(P, "too many values");
    if (P->p >= P->end)
        return jfail(P, "the text ends where a value should be");
    char c = *P->p;
    if (c == '{' || c == '[')
        return jlist(P, v, c == '{');
    if (c == '"') {
        v->t = J_STR;
        v->s = jstring(P);
        return v->s ? 0 : -1;
    }
    static const char *const lit[] = {"null", "true", "false"};
    for (int i = 0; i < 3; i++) {
        size_t l = strlen(lit[i]);
        if ((size_t)(P->end - P->p) >= l && !memcmp(P->p, lit[i], l)) {
            v->t = i ? J_BOOL : J_NULL;
            P->p += l;
            return 0;
        }
    }
    const char *q = P->p;
    if (q < P->end && *q == '-')
        q++;
    if (q >= P->end || *q < '0' || *q > '9' || (*q == '0' && q + 1 < P->end &&
                                                q[1] >= '0' && q[1] <= '9'))
        return jfail(P, "not a JSON value");
    while (q < P->end && ((*q >= '0' && *q <= '9') || (*q && strchr(".eE+-", *q))))
        q++;
    v->t = J_NUM;
    v->s = strndup(P->p, (size_t)(q - P->p));
    if (!v->s)
        die(1, "out of memory");
    P->p = q;
    return 0;
}

/* ---- the catalog from JSON ---------------------------------------------------- */

typedef struct {
    const char *what;
    char path[120];          /* where in the catalog: archives[2].files[0] */
    char *msg;
    size_t msglen;
} jctx;

static int bad(jctx *x, const char *key, const char *why)
{
    snprintf(x->msg, x->msglen, "%s: %s%s%s: %s", x->what, x->path,
             x->path[0] && key ? "." : "", key ? key : "", why);
    return -1;
}

static const jv *jget(const jv *o, const char *key)
{
    for (size_t i = 0; o->t == J_OBJ && i < o->n; i++)
        if (!strcmp(o->k[i], key))
            return &o->v[i];
    return NULL;
}

static int get_str(jctx *x, const jv *o, const char *key, char *out, size_t cap)
{
    const jv *v = jget(o, key);
    if (!v || v->t != J_STR)
        return bad(x, key, v ? "not a string" : "missing");
    if (strlen(v->s) >= cap)
        return bad(x, key, "too long");
    /* no control characters (C0, DEL, C1): what a catalog says is printed
     * in messages, and must not reach a terminal as escape sequences */
    for (const unsigned char *p = (const unsigned char *)v->s; *p; p++)
        if (*p < 0x20 || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
            return bad(x, key, "a control character: refused");
    memcpy(out, v->s, strlen(v->s) + 1);
    return 0;
}

/* An integer in [lo, hi] (JSON's exact integers: |n| < 2^53). */
static int get_int(jctx *x, const jv *o, const char *key, int64_t lo,
                   int64_t hi, int64_t *out)
{
    const jv *v = jget(o, key);
    if (!v || v->t != J_NUM)
        return bad(x, key, v ? "not a number" : "missing");
    const char *s = v->s + (v->s[0] == '-');
    if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 16)
        return bad(x, key, "not an integer of at most 16 digits");
    int64_t n = strtoll(v->s, NULL, 10);
    if (n < lo || n > hi)
        return bad(x, key, "out of range");
    *out = n;
    return 0;
}

static int get_u32(jctx *x, const jv *o, const char *key, uint32_t *out)
{
    int64_t n;
    if (get_int(x, o, key, 0, UINT32_MAX, &n))
        return -1;
    *out = (uint32_t)n;
    return 0;
}

static int is_sha(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static int get_sha(jctx *x, const jv *o, const char *key, char out[65])
{
    if (get_str(x, o, key, out, 65))
        return -1;
    return is_sha(out) ? 0 : bad(x, key, "not 64 lower-case hex digits");
}

/* "YYYY-MM-DD" or null, as yyyymmdd (0 for null). */
static int get_date(jctx *x, const jv *o, const char *key, int32_t *out)
{
    const jv *v = jget(o, key);
    unsigned y, m, d;
    char end;
    *out = 0;
    if (v && v->t == J_NULL)
        return 0;
    if (!v || v->t != J_STR || strlen(v->s) != 10 ||
        sscanf(v->s, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return bad(x, key, v ? "not a date YYYY-MM-DD or null" : "missing");
    *out = (int32_t)(y * 10000 + m * 100 + d);
    return 0;
}

static const jv *get_arr(jctx *x, const jv *o, const char *key)
{
    const jv *v = jget(o, key);
    if (!v || v->t != J_ARR)
        return bad(x, key, v ? "not an array" : "missing"), NULL;
    return v;
}

/* Sizes past 2^53 cannot be told apart in JSON; no real file is that big. */
#define MAX_BYTES ((int64_t)1 << 53)

static int get_file(jctx *x, const jv *o, const char *ext, dist_file *f)
{
    int64_t n;
    if (o->t != J_OBJ)
        return bad(x, NULL, "not an object");
    if (get_str(x, o, "name", f->name, sizeof f->name) ||
        get_int(x, o, "bytes", 0, MAX_BYTES, &n) || get_sha(x, o, "sha256", f->sha256))
        return -1;
    f->bytes = (uint64_t)n;
    if (!dist_name_ok(f->name, ext))
        return bad(x, "name", "not a plain file name in the catalog's folder "
                              "(no '/', no '..', not hidden, ending in the "
                              "right extension): refused");
    return 0;
}

static int get_archive(jctx *x, const jv *o, dist_archive *a)
{
    fmt_info *in = &a->info;
    int64_t n;
    const jv *kinds = jget(o, "kinds"), *files, *lin;
    size_t plen = strlen(x->path);
    if (o->t != J_OBJ)
        return bad(x, NULL, "not an object");
    if (get_str(x, o, "title", in->title, sizeof in->title) ||
        get_str(x, o, "edition", in->edition, sizeof in->edition) ||
        get_u32(x, o, "format", &in->version) ||
        get_int(x, o, "created", -MAX_BYTES, MAX_BYTES, &n))
        return -1;
    in->created = n;
    if (get_date(x, o, "first_date", &in->first_date) ||
        get_date(x, o, "last_date", &in->last_date) ||
        get_u32(x, o, "documents", &in->documents) ||
        get_u32(x, o, "zaken", &in->zaken) ||
        get_sha(x, o, "checksum", in->checksum) ||
        get_int(x, o, "bytes", 0, MAX_BYTES, &n))
        return -1;
    a->bytes = (uint64_t)n;
    if (!kinds || kinds->t != J_OBJ)
        return bad(x, "kinds", kinds ? "not an object" : "missing");
    snprintf(x->path + plen, sizeof x->path - plen, ".kinds");
    if (get_u32(x, kinds, "question", &in->kinds[FMT_QUESTION]) ||
        get_u32(x, kinds, "answer", &in->kinds[FMT_ANSWER]) ||
        get_u32(x, kinds, "notice", &in->kinds[FMT_NOTICE]))
        return -1;
    x->path[plen] = 0;
    if (!(files = get_arr(x, o, "files")) || !(lin = get_arr(x, o, "lineage")))
        return -1;
    if (!files->n || files->n > 100000)
        return bad(x, "files", "not 1 to 100000 files");
    a->files = calloc(files->n, sizeof *a->files);
    a->lineage = calloc(lin->n + 1, sizeof *a->lineage);
    if (!a->files || !a->lineage)
        die(1, "out of memory");
    uint64_t sum = 0;
    for (size_t i = 0; i < files->n; i++) {
        snprintf(x->path + plen, sizeof x->path - plen, ".files[%zu]", i);
        if (get_file(x, &files->v[i], ".vbk", &a->files[i]))
            return -1;
        a->nfiles++;
        sum += a->files[i].bytes;
        if (sum > (uint64_t)MAX_BYTES)
            return bad(x, "bytes", "the files add up to 2^53 bytes or more");
        char want[300];
        fmt_part_path(a->files[0].name, (unsigned)i + 1, want, sizeof want);
        if (i && strcmp(want, a->files[i].name))
            return bad(x, "name", "not the name of this part of the split "
                                  "archive");
    }
    for (size_t i = 0; i < lin->n; i++) {
        snprintf(x->path + plen, sizeof x->path - plen, ".lineage[%zu]", i);
        if (lin->v[i].t != J_OBJ)
            return bad(x, NULL, "not an object");
        if (get_str(x, &lin->v[i], "edition", a->lineage[i].edition,
                    sizeof a->lineage[i].edition) ||
            get_sha(x, &lin->v[i], "checksum", a->lineage[i].checksum))
            return -1;
        a->nlineage++;
    }
    x->path[plen] = 0;
    if (sum != a->bytes)
        return bad(x, "bytes", "not the sum of its files' bytes");
    in->nparts = files->n > 1 ? (uint32_t)files->n : 0;
    in->part = files->n > 1;
    return 0;
}

static int get_delta(jctx *x, const jv *o, dist_delta *d)
{
    if (get_file(x, o, ".vbd", &d->file))
        return -1;
    return get_sha(x, o, "from", d->from) || get_sha(x, o, "to", d->to) ? -1 : 0;
}

static int catalog_from(jctx *x, const jv *root, dist_catalog *c)
{
    int64_t ver;
    const jv *arch, *del, *mark = jget(root, "catalog");
    if (root->t != J_OBJ || !mark || mark->t != J_STR ||
        strcmp(mark->s, "vraagbaak"))
        return bad(x, NULL, "not a vraagbaak catalog (no \"catalog\": "
                            "\"vraagbaak\")");
    if (get_int(x, root, "version", 1, 1000000, &ver))
        return -1;
    if (ver > CATALOG_VERSION)
        return bad(x, "version", "a newer catalog format than this vbpack "
                                 "reads (1): update vbpack");
    if (!(arch = get_arr(x, root, "archives")) || !(del = get_arr(x, root, "deltas")))
        return -1;
    if (del->n > CATALOG_DELTAS)
        return bad(x, "deltas", "more than 4096: refused");
    c->a = calloc(arch->n + 1, sizeof *c->a);
    c->d = calloc(del->n + 1, sizeof *c->d);
    if (!c->a || !c->d)
        die(1, "out of memory");
    for (size_t i = 0; i < arch->n; i++) {
        snprintf(x->path, sizeof x->path, "archives[%zu]", i);
        c->na++;
        if (get_archive(x, &arch->v[i], &c->a[i]))
            return -1;
    }
    for (size_t i = 0; i < del->n; i++) {
        snprintf(x->path, sizeof x->path, "deltas[%zu]", i);
        if (del->v[i].t != J_OBJ)
            return bad(x, NULL, "not an object");
        if (get_delta(x, &del->v[i], &c->d[i]))
            return -1;
        c->nd++;
    }
    return 0;
}

int catalog_parse(const char *text, size_t n, const char *what,
                  dist_catalog *c, char *msg, size_t msglen)
{
    jparser P = {text, text, text + n, 0, 0, {0}};
    jv root = {0};
    memset(c, 0, sizeof *c);
    int rc = jvalue(&P, &root);
    jws(&P);
    if (!rc && P.p != P.end)
        rc = jfail(&P, "more after the catalog");
    if (rc) {
        snprintf(msg, msglen, "%s: not a complete catalog (%s)", what, P.err);
    } else {
        jctx x = {what, "", msg, msglen};
        rc = catalog_from(&x, &root, c);
    }
    jv_free(&root);
    if (rc)
        catalog_free(c);
    return rc;
}

void catalog_free(dist_catalog *c)
{
    for (size_t i = 0; i < c->na; i++) {
        free(c->a[i].files);
        free(c->a[i].lineage);
    }
    free(c->a);
    free(c->d);
    memset(c, 0, sizeof *c);
}

/* ---- names, editions --------------------------------------------------------- */

int dist_name_ok(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    if (!n || n > 255 || n <= e || strcmp(name + n - e, ext) || name[0] == '.' ||
        !utf8_valid(name, n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7F || c == '/' || c == '\\')
            return 0;
    }
    return 1;
}

int dist_newer(const fmt_info *x, const fmt_info *y)
{
    return fmt_newer(x, 0, y, 0);
}

const dist_archive *catalog_newest(const dist_catalog *c, const char *title)
{
    const dist_archive *best = NULL;
    for (size_t i = 0; i < c->na; i++)
        if (!strcmp(c->a[i].info.title, title) &&
            (!best || dist_newer(&c->a[i].info, &best->info)))
            best = &c->a[i];
    return best;
}

static int name_cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

char **dist_list(const char *dir, const char *ext, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d)
        die(1, "%s: %s", dir, strerror(errno));
    char **v = NULL;
    size_t cap = 0, e = strlen(ext);
    struct dirent *de;
    *n = 0;
    errno = 0;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l <= e || strcmp(de->d_name + l - e, ext))
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            char **g = realloc(v, cap * sizeof *v);
            if (!g)
                die(1, "out of memory");
            v = g;
        }
        if (!(v[(*n)++] = strdup(de->d_name)))
            die(1, "out of memory");
        errno = 0;
    }
    if (errno)
        die(1, "%s: %s", dir, strerror(errno));
    closedir(d);
    if (*n > 1)
        qsort(v, *n, sizeof *v, name_cmp);
    return v;
}

/* ---- the catalog of a folder --------------------------------------------------- */

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        die(1, "out of memory");
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* name's size and SHA-256, or die naming it. */
static void file_of(const char *dir, const char *name, const char *ext,
                    dist_file *f)
{
    char *p = join(dir, name), msg[1200];
    struct stat st;
    if (!dist_name_ok(name, ext))
        die(1, "%s: a name a catalog cannot carry (hidden, a control "
               "character or not UTF-8): rename it", p);
    int rc = fmt_file_sha256(p, f->sha256, msg, sizeof msg);
    if (rc == FMT_NOMEM)
        die(1, "out of memory");
    if (rc || stat(p, &st))
        die(1, "%s", rc ? msg : strerror(errno));
    snprintf(f->name, sizeof f->name, "%s", name);
    f->bytes = (uint64_t)st.st_size;
    free(p);
}

/* The archive whose first (or only) file is dir/name, with its parts. */
static void scan_archive(const char *dir, const char *name, dist_archive *a)
{
    char *path = join(dir, name);
    fmt_archive *ar = open_archive(path);
    get_info(ar, &a->info);
    if (!a->info.checksum[0])
        die(1, "%s: no content checksum (damaged trailer?): cannot be "
               "published", path);
    fmt_edition *l;
    size_t nl;
    if (fmt_lineage(ar, &l, &nl))
        die(1, "%s", fmt_errmsg(ar));
    fmt_close(ar);
    a->lineage = calloc(nl + 1, sizeof *a->lineage);
    if (!a->lineage)
        die(1, "out of memory");
    for (size_t i = 0; i < nl; i++) {
        snprintf(a->lineage[i].edition, sizeof a->lineage[i].edition, "%s",
                 l[i].edition);
        memcpy(a->lineage[i].checksum, l[i].checksum, 65);
    }
    a->nlineage = nl;
    free(l);
    size_t np;
    char **parts = parts_of(path, &np);
    a->files = calloc(np, sizeof *a->files);
    if (!a->files)
        die(1, "out of memory");
    for (size_t i = 0; i < np; i++) {
        file_of(dir, base_name(parts[i]), ".vbk", &a->files[i]);
        a->bytes += a->files[i].bytes;
    }
    a->nfiles = np;
    fmt_parts_free(parts, np);
    free(path);
}

static int archive_cmp(const void *x, const void *y)
{
    const dist_archive *a = x, *b = y;
    int t = strcmp(a->info.title, b->info.title);
    if (t)
        return t;
    if (dist_newer(&a->info, &b->info))
        return 1;
    if (dist_newer(&b->info, &a->info))
        return -1;
    return strcmp(a->files[0].name, b->files[0].name);
}

/* Every archive and delta in dir, or die naming what is wrong: an archive
 * that cannot be read, a part whose part 1 is not there, a delta that is
 * not one. Every file is hashed. */
static void catalog_scan(const char *dir, dist_catalog *c)
{
    size_t n, nd;
    char **names = dist_list(dir, ".vbk", &n);
    char **deltas = dist_list(dir, ".vbd", &nd);
    memset(c, 0, sizeof *c);
    c->a = calloc(n + 1, sizeof *c->a);
    c->d = calloc(nd + 1, sizeof *c->d);
    char *taken = calloc(n + 1, 1);
    if (!c->a || !c->d || !taken)
        die(1, "out of memory");
    for (size_t i = 0; i < n; i++) {
        char *path = join(dir, names[i]);
        fmt_archive *ar = open_archive(path);
        fmt_info in;
        get_info(ar, &in);
        fmt_close(ar);
        free(path);
        if (in.nparts && in.part != 1)
            continue; /* found from its part 1 */
        dist_archive *a = &c->a[c->na++];
        scan_archive(dir, names[i], a);
        for (size_t f = 0; f < a->nfiles; f++) {
            char **hit = bsearch(&(const char *){a->files[f].name}, names, n,
                                 sizeof *names, name_cmp);
            if (hit)
                taken[hit - names] = 1;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (!taken[i])
            die(1, "%s/%s: a part of a split archive whose part 1 is not in "
                   "the folder", dir, names[i]);
    qsort(c->a, c->na, sizeof *c->a, archive_cmp);
    for (size_t i = 0; i < nd; i++) {
        char *path = join(dir, deltas[i]);
        file_of(dir, deltas[i], ".vbd", &c->d[i].file);
        delta_sums(path, c->d[i].from, c->d[i].to);
        c->nd++;
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    for (size_t i = 0; i < nd; i++)
        free(deltas[i]);
    free(names);
    free(deltas);
    free(taken);
}

static void put_file(FILE *f, const dist_file *x)
{
    fputs("{\"name\":", f);
    json_cstr(f, x->name);
    fprintf(f, ",\"bytes\":%llu,\"sha256\":\"%s\"", (unsigned long long)x->bytes,
            x->sha256);
}

static void put_archive(FILE *f, const dist_archive *a)
{
    const fmt_info *in = &a->info;
    fputs("    {\"title\":", f);
    json_cstr(f, in->title);
    fputs(",\"edition\":", f);
    json_cstr(f, in->edition);
    fprintf(f, ",\"format\":%u,\"created\":%lld,\"first_date\":", in->version,
            (long long)in->created);
    json_date(f, in->first_date);
    fputs(",\"last_date\":", f);
    json_date(f, in->last_date);
    fprintf(f, ",\"documents\":%u,\"kinds\":{\"question\":%u,\"answer\":%u,"
               "\"notice\":%u},\"zaken\":%u,\"checksum\":\"%s\",\"bytes\":%llu,"
               "\"files\":[",
            in->documents, in->kinds[FMT_QUESTION], in->kinds[FMT_ANSWER],
            in->kinds[FMT_NOTICE], in->zaken, in->checksum,
            (unsigned long long)a->bytes);
    for (size_t i = 0; i < a->nfiles; i++) {
        fputs(i ? "," : "", f);
        put_file(f, &a->files[i]);
        fputc('}', f);
    }
    fputs("],\"lineage\":[", f);
    for (size_t i = 0; i < a->nlineage; i++) {
        fputs(i ? ",{\"edition\":" : "{\"edition\":", f);
        json_cstr(f, a->lineage[i].edition);
        fprintf(f, ",\"checksum\":\"%s\"}", a->lineage[i].checksum);
    }
    fputs("]}", f);
}

/* dir/catalog.json from c, atomically: a temporary file beside it,
 * synced, renamed over the old one. */
static void catalog_write(const char *dir, const dist_catalog *c)
{
    char *path = join(dir, CATALOG_NAME), tmp[1200];
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp-%ld", dir, CATALOG_NAME,
             (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        die(1, "%s: %s", tmp, strerror(errno));
    fprintf(f, "{\n  \"catalog\": \"vraagbaak\",\n  \"version\": %d,\n"
               "  \"archives\": [\n", CATALOG_VERSION);
    for (size_t i = 0; i < c->na; i++) {
        put_archive(f, &c->a[i]);
        fputs(i + 1 < c->na ? ",\n" : "\n", f);
    }
    fputs("  ],\n  \"deltas\": [\n", f);
    for (size_t i = 0; i < c->nd; i++) {
        fputs("    ", f);
        put_file(f, &c->d[i].file);
        fprintf(f, ",\"from\":\"%s\",\"to\":\"%s\"}%s\n", c->d[i].from,
                c->d[i].to, i + 1 < c->nd ? "," : "");
    }
    fputs("  ]\n}\n", f);
    if (fflush(f) || fsync(fileno(f)) || ferror(f)) {
        fclose(f);
        unlink(tmp);
        die(1, "%s: cannot write: %s", tmp, strerror(errno));
    }
    if (fclose(f) || rename(tmp, path)) {
        unlink(tmp);
        die(1, "%s: %s", path, strerror(errno));
    }
    free(path);
}

int cmd_catalog(int argc, char **argv)
{
    int quiet = argc == 3 && !strcmp(argv[1], "-q");
    if (argc != 2 + quiet)
        usage();
    const char *dir = argv[1 + quiet];
    dist_catalog c;
    catalog_scan(dir, &c);
    catalog_write(dir, &c);
    if (!quiet)
        printf("%s/%s: %zu archives, %zu deltas\n", dir, CATALOG_NAME, c.na,
               c.nd);
    catalog_free(&c);
    return 0;
}

/* ---- publish ----------------------------------------------------------------------- */

/* src copied to dir/name (a temporary file, synced, renamed), unless a
 * file of that name with the same bytes is there already; a different one
 * is refused: a published file never changes (mirrors cache it forever). */
static void copy_in(const char *src, const char *dir, const char *name)
{
    char *out = join(dir, name), tmp[1200], have[65], want[65], msg[1200];
    struct stat st;
    if (!lstat(out, &st)) {
        if (!S_ISREG(st.st_mode) || fmt_file_sha256(out, have, msg, sizeof msg) ||
            fmt_file_sha256(src, want, msg, sizeof msg) || strcmp(have, want))
            die(1, "%s exists and is not %s: a published file never changes "
                   "(give the new edition its own name)", out, src);
        free(out);
        return;
    }
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp-%ld", dir, name, (long)getpid());
    int in = open(src, O_RDONLY | O_CLOEXEC);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (in < 0 || fd < 0)
        die(1, "%s: %s", in < 0 ? src : tmp, strerror(errno));
    static char buf[1 << 16];
    ssize_t got;
    while ((got = read(in, buf, sizeof buf)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || write(fd, buf, (size_t)got) != got) {
            int e = errno;
            unlink(tmp);
            die(1, "%s: %s", got < 0 ? src : tmp, strerror(e));
        }
    }
    if (fsync(fd) || close(fd) || rename(tmp, out)) {
        unlink(tmp);
        die(1, "%s: %s", out, strerror(errno));
    }
    close(in);
    free(out);
}

/* The name of the delta from file a to file b: "A_to_B.vbd". */
static void delta_name(const char *a, const char *b, char *out, size_t cap)
{
    snprintf(out, cap, "%.*s_to_%.*s.vbd", (int)(strlen(a) - 4), a,
             (int)(strlen(b) - 4), b);
}

static void publish_verify_bad(void *ctx, uint32_t docno, const char *msg)
{
    (void)docno;
    fputs("vbpack: ", stderr);
    term_escaped(stderr, msg);
    fputc('\n', stderr);
    *(int *)ctx = 1;
}

int cmd_publish(int argc, char **argv)
{
    const char *dir = NULL;
    int quiet = 0, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-q"))
            quiet = 1;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            dir = argv[++i];
        else
            usage();
    }
    if (!dir || i + 1 != argc)
        usage();
    const char *src = argv[i];
    const char *name = base_name(src);
    if (!dist_name_ok(name, ".vbk"))
        die(2, "%s: an archive to publish is a .vbk file with a plain name", src);
    /* every part checked end to end: the catalog vouches for its checksum */
    size_t np;
    char **parts = parts_of(src, &np);
    fmt_info ni;
    for (size_t k = 0; k < np; k++) {
        fmt_archive *a = open_archive(parts[k]);
        int damaged = 0;
        if (!k)
            get_info(a, &ni);
        int rc = fmt_verify_all(a, NULL, 0, publish_verify_bad, &damaged, NULL);
        fmt_close(a);
        if (rc == FMT_NOMEM)
            die(1, "out of memory");
        if (rc)
            die(1, "%s: damaged: not published", parts[k]);
    }
    struct stat dst;
    if (stat(dir, &dst) && mkdir(dir, 0755))
        die(1, "%s: %s", dir, strerror(errno));
    dist_catalog c;
    catalog_scan(dir, &c);
    const dist_archive *prev = catalog_newest(&c, ni.title);
    for (size_t k = 0; k < c.na; k++)
        if (!strcmp(c.a[k].info.checksum, ni.checksum))
            prev = NULL; /* published before: the catalog is brought up to date */
    if (prev && !dist_newer(&ni, &prev->info))
        die(1, "%s (edition %s) is not newer than %s/%s (edition %s), the "
               "newest of '%s' in the folder: not published", src, ni.edition,
            dir, prev->files[0].name, prev->info.edition, ni.title);
    if (prev && !strcmp(prev->files[0].name, name))
        die(1, "%s/%s holds edition %s: give edition %s its own file name "
               "(a published file never changes)", dir, name,
            prev->info.edition, ni.edition);
    /* the delta from the edition before, when both are whole archives
     * (diff and patch take whole archives) */
    char dname[600] = "", pedition[64] = "";
    if (prev)
        memcpy(pedition, prev->info.edition, sizeof pedition);
    if (prev && prev->nfiles == 1 && np == 1) {
        delta_name(prev->files[0].name, name, dname, sizeof dname);
        if (!dist_name_ok(dname, ".vbd"))
            die(1, "%s: the delta's name %s would be over 255 bytes: give "
                   "the editions shorter names", src, dname);
        char *dpath = join(dir, dname), *ppath = join(dir, prev->files[0].name);
        struct stat st;
        if (lstat(dpath, &st)) {
            char *dargv[] = {"diff", "-q", "-o", dpath, ppath, (char *)src, NULL};
            cmd_diff(6, dargv);
        }
        free(dpath);
        free(ppath);
    }
    /* parts 2.. first: a reader that sees part 1 finds the rest */
    for (size_t k = np; k-- > 0;)
        copy_in(parts[k], dir, base_name(parts[k]));
    fmt_parts_free(parts, np);
    catalog_free(&c);
    catalog_scan(dir, &c);
    catalog_write(dir, &c);
    if (!quiet) {
        printf("%s/%s: edition %s of '%s'", dir, name, ni.edition, ni.title);
        if (dname[0])
            printf(", delta %s from edition %s", dname, pedition);
        else if (pedition[0])
            printf(" (no delta: split archives are fetched whole)");
        printf("; %s/%s: %zu archives, %zu deltas\n", dir, CATALOG_NAME, c.na,
               c.nd);
    }
    catalog_free(&c);
    return 0;
}
