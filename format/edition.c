/* edition.c - the library side of editions and snapshots: verifying a whole
 * archive on two cores, records as bytes for deltas, gzip writing.
 *
 * Verifying: the whole file is hashed and every record checked; hashing
 * is about a third of the time, so one thread hashes (pread on the descriptor LMDB maps, so it is the
 * very file being checked) while the other checks records; when the hash
 * is done the hashing thread takes records too, on its own read-only
 * handle (a handle is not shared between threads; the fault guard is per
 * thread). Records are handed out a chunk at a time from one counter;
 * then the tables, in pieces (the index by first byte), from another, so
 * neither thread waits while the other works. fmt_verify() is this
 * without an expected checksum.
 *
 * Also the SHA-256 of a whole file (fmt_file_sha256), for catalogs.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "gz.h"
#include "guard.h"
#include "internal.h"
#include "idtab.h"
#include "tdict.h"
#include "sha256x.h"

/* ---- verifying on two threads ------------------------------------------ */

typedef struct {
    fmt_archive *a;
    const char *expect;
    void (*bad)(void *ctx, uint32_t docno, const char *msg);
    void *ctx;
    pthread_mutex_t mu;
    unsigned long damaged;
    atomic_uint next;         /* next chunk of records to check */
    atomic_uint next_piece;   /* next piece of the tables (pieces[]) */
    int full;                 /* inflate and decode every record */
    atomic_int nomem;
    int fd;                   /* the mapped file */
    char hex[65];
    char first[600];          /* the first damage found, for fmt_errmsg */
} vjob;

typedef struct {              /* one thread's scratch */
    fmt_doc d;
    fmt_summary s;
} vscratch;

static void vreport(vjob *j, uint32_t docno, const char *msg)
{
    pthread_mutex_lock(&j->mu);
    if (!j->damaged++)
        snprintf(j->first, sizeof j->first, "%s", msg);
    if (j->bad)
        j->bad(j->ctx, docno, msg);
    pthread_mutex_unlock(&j->mu);
}

/* SHA-256 of the content before the trailer, compared with the trailer's
 * and with the expected value. */
static void hash_content(vjob *j)
{
    fmt_archive *a = j->a;
    char m[700];
    unsigned char *buf = alloc_malloc(1 << 16), t[64], sum[32];
    if (!buf) {
        atomic_store(&j->nomem, 1);
        return;
    }
    vb_sha256 c;
    sha256_init(&c);
    uint64_t off = 0, len = a->content_len;
    const char *fail = NULL;
    while (off < len && !fail) {
        size_t want = len - off < (1 << 16) ? (size_t)(len - off) : 1 << 16;
        ssize_t got = pread(j->fd, buf, want, (off_t)off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            fail = got ? strerror(errno) : "unexpected end of file";
        else {
            sha256x_update(&c, buf, (size_t)got);
            off += (uint64_t)got;
        }
    }
    free(buf);
    static const unsigned char zero[16];
    if (fail) {
        snprintf(m, sizeof m, "%.500s: read error at byte %llu: %s", a->path,
                 (unsigned long long)off, fail);
        vreport(j, UINT32_MAX, m);
        return;
    }
    sha256_final(&c, sum);
    if (len)
        sha256_hex(sum, j->hex);
    if (!len || pread(j->fd, t, 64, (off_t)len) != 64 ||
        memcmp(t + 48, zero, 16)) {
        snprintf(m, sizeof m, "%.500s: the checksum trailer is missing or "
                 "damaged", a->path);
        vreport(j, UINT32_MAX, m);
    } else if (strcmp(j->hex, a->checksum)) {
        snprintf(m, sizeof m, "%.500s: content checksum mismatch: the file "
                 "is damaged (sha-256 %s, expected %s)", a->path, j->hex,
                 a->checksum);
        vreport(j, UINT32_MAX, m);
    }
    if (j->expect && strcmp(j->hex, j->expect)) {
        snprintf(m, sizeof m, "%.500s: content checksum %s is not the "
                 "expected %s", a->path, j->hex, j->expect);
        vreport(j, UINT32_MAX, m);
    }
}

/* Record i against its summary and the columns the writer derived. */
static int check_record(vjob *j, fmt_archive *h, vscratch *v, uint32_t i)
{
    fmt_doc *d = &v->d;
    fmt_summary *s = &v->s;
    if (!j->full && h->version >= 3) {
        int rc = store_record_check(h, i);
        if (!rc)
            rc = fmt_get_summary(h, i, s);
        if (!rc && (h->col_kind[i] != s->kind || h->col_status[i] != s->status ||
                    vb_doc_date(h, i) != s->date))
            rc = error_set(h, FMT_CORRUPT, "%s: record %u (%s): summary does not "
                           "match the columns", h->path, i, s->id);
        if (rc && rc != FMT_NOMEM)
            vreport(j, i, h->err);
        return rc == FMT_NOMEM ? rc : FMT_OK;
    }
    int rc = fmt_get(h, i, d);
    if (!rc)
        rc = fmt_get_summary(h, i, s);
    if (!rc && (strcmp(s->id, d->id) || strcmp(s->zaak, d->zaak) ||
                s->kind != d->kind || s->submitted != d->submitted ||
                s->received != d->received || h->col_kind[i] != d->kind ||
                h->col_status[i] != s->status || vb_doc_date(h, i) != s->date))
        rc = error_set(h, FMT_CORRUPT, "%s: record %u (%s): summary does not "
                       "match the record", h->path, i, d->id);
    if (rc && rc != FMT_NOMEM)
        vreport(j, i, h->err);
    return rc == FMT_NOMEM ? rc : FMT_OK;
}

/* Take chunks of records until none are left (or the handle broke). */
static void check_records(vjob *j, fmt_archive *h)
{
    vscratch v;
    memset(&v, 0, sizeof v);
    h->verifying = 1;
    for (;;) {
        uint32_t c = atomic_fetch_add(&j->next, 1);
        uint64_t lo = (uint64_t)c * h->chunk;
        if (lo >= h->ndocs || atomic_load(&j->nomem))
            break;
        uint64_t hi = lo + h->chunk < h->ndocs ? lo + h->chunk : h->ndocs;
        for (uint64_t i = lo; i < hi; i++) {
            if (guard_broken(h)) {
                vreport(j, UINT32_MAX, h->err);
                goto out;
            }
            if (check_record(j, h, &v, (uint32_t)i)) {
                atomic_store(&j->nomem, 1);
                goto out;
            }
        }
    }
out:
    h->verifying = 0;
    fmt_doc_free(&v.d);
    fmt_summary_free(&v.s);
}

static void check_pieces(vjob *j, fmt_archive *a);

static void *helper(void *arg)
{
    vjob *j = arg;
    hash_content(j);
    fmt_archive *h;
    if (fmt_open(&h, j->a->path, NULL, 0) == FMT_OK) {
        if (h->ndocs == j->a->ndocs) {
            check_records(j, h);
            check_pieces(j, h);
        }
        fmt_close(h);
    }
    return NULL;
}

/* One entry of the ids table: "d" id -> the document with that id, "z"
 * zaak -> documents of that zaak. */
static int check_id(fmt_archive *a, const MDB_val *k, const MDB_val *val)
{
    const char *key = k->mv_data;
    char name[512];
    if (k->mv_size < 2 || k->mv_size >= sizeof name ||
        (key[0] != 'd' && key[0] != 'z'))
        return FMT_CORRUPT;
    memcpy(name, key + 1, k->mv_size - 1);
    name[k->mv_size - 1] = 0;
    if (key[0] == 'd') {
        uint32_t d;
        return val->mv_size == 4 ? fmt_find(a, name, &d) : FMT_CORRUPT;
    }
    size_t n;
    return fmt_zaak_docs(a, name, NULL, 0, &n);
}

/* Every entry of one table of handle a, keys from `from` up to (not
 * including) those starting with byte `to` (0: to the end): posting lists
 * decode, ids lead to their documents, stems are "stem NUL word".
 * FMT_NOMEM or FMT_OK. */
static void check_bad6(void *ctx, const char *msg)
{
    vreport(ctx, UINT32_MAX, msg);
}

/* Format 7's ids blocks: each entry leads to its documents; a damaged
 * block ends the walk (what follows cannot be read in order). */
static int check_ids7(vjob *j, fmt_archive *a)
{
    idtab_iter it;
    char m[700];
    int rc = idtab_seek(a, &it, "", 0), nomem = 0;
    for (; rc == FMT_OK && !nomem; rc = idtab_next(&it)) {
        MDB_val k = {it.kl, it.key}, v = {it.vl, (void *)it.val};
        int broken = check_id(a, &k, &v);
        if (broken == FMT_NOMEM)
            nomem = 1;
        else if (broken) {
            snprintf(m, sizeof m, "%.200s: ids entry '%.*s' damaged", a->path,
                     (int)(it.kl > 80 ? 80 : it.kl), it.key);
            vreport(j, UINT32_MAX, m);
        }
    }
    idtab_close(&it);
    if (nomem)
        return FMT_NOMEM;
    if (rc && rc != FMT_NOTFOUND)
        vreport(j, UINT32_MAX, a->err);
    return FMT_OK;
}

static int check_table(vjob *j, fmt_archive *a, vb_plist *l, MDB_dbi dbi,
                       const char *what, const char *from, unsigned char to)
{
    /* format 6's dictionary blocks and lists: tdict.c checks them */
    if (a->version >= 6 && (dbi == a->terms || dbi == a->stems))
        return tdict_check(a, from, to, dbi == a->stems, check_bad6, j);
    if (a->version >= 7 && dbi == a->ids)
        return check_ids7(j, a);
    MDB_cursor *c;
    MDB_val k = {from ? strlen(from) : 0, (void *)from}, val;
    char m[700];
    if (guard_cursor_open(a, dbi, &c)) {
        snprintf(m, sizeof m, "%.500s: table '%s' damaged", a->path, what);
        vreport(j, UINT32_MAX, m);
        return FMT_OK;
    }
    int nomem = 0, rc = guard_cursor_get(a, c, &k, &val,
                                         from ? MDB_SET_RANGE : MDB_FIRST);
    for (; rc == 0 && !nomem; rc = guard_cursor_get(a, c, &k, &val, MDB_NEXT)) {
        const unsigned char *p = val.mv_data, *pos;
        size_t n = val.mv_size, poslen;
        int broken;
        if (to && k.mv_size && *(const unsigned char *)k.mv_data >= to)
            break;
        if (dbi == a->ids)
            broken = check_id(a, &k, &val);
        else if (dbi == a->stems)
            broken = !memchr(k.mv_data, 0, k.mv_size) || val.mv_size;
        else if (dbi == a->facets)
            broken = n < 4 || postings_decode(p + 4, n - 4, l, NULL, NULL,
                                              a->ndocs);
        else
            broken = postings_term_split(p, n, &p, &n, &pos, &poslen) ||
                     postings_decode(p, n, l, NULL, NULL, a->ndocs);
        if (broken == FMT_NOMEM)
            nomem = 1;
        else if (broken) {
            snprintf(m, sizeof m, "%.200s: %s entry '%.*s' damaged", a->path,
                     what, (int)(k.mv_size > 80 ? 80 : k.mv_size),
                     (const char *)k.mv_data);
            vreport(j, UINT32_MAX, m);
        }
    }
    guard_cursor_close(a, c);
    if (nomem)
        return FMT_NOMEM;
    if (rc && rc != MDB_NOTFOUND) {
        if (!guard_broken(a))
            error_set(a, FMT_CORRUPT, "%s: table '%s' damaged (%s)", a->path,
                      what, guard_why(a, rc));
        vreport(j, UINT32_MAX, a->err);
    }
    return FMT_OK;
}

/* The tables in pieces both threads take from one counter when their
 * records are done: the index, most of the work, by first byte. */
static const struct {
    int table;                 /* 0 ids, 1 index, 2 facets, 3 stems */
    const char *from;
    unsigned char to;
} pieces[] = {{1, NULL, 'b'}, {1, "b", 'd'}, {1, "d", 'g'}, {1, "g", 'k'},
              {1, "k", 'o'},  {1, "o", 's'}, {1, "s", 'v'}, {1, "v", 0},
              {0, NULL, 0},   {2, NULL, 0},  {3, NULL, 0}};
#define NPIECES (sizeof pieces / sizeof *pieces)

static void check_pieces(vjob *j, fmt_archive *a)
{
    static const char *const what[] = {"ids", "index", "facet", "stems"};
    vb_plist l = {0};
    /* a broken handle takes no piece, so the other thread checks it */
    while (!atomic_load(&j->nomem) && !guard_broken(a)) {
        unsigned i = atomic_fetch_add(&j->next_piece, 1);
        if (i >= NPIECES)
            break;
        int t = pieces[i].table;
        MDB_dbi dbi = t == 0 ? a->ids : t == 1 ? a->terms
                    : t == 2 ? a->facets : a->stems;
        if (check_table(j, a, &l, dbi, what[t], pieces[i].from, pieces[i].to))
            atomic_store(&j->nomem, 1);
    }
    postings_list_free(&l);
}

/* Format 3 reads records and summaries at the positions the writer
 * stored (store.c chunk_item), past LMDB: check those are where LMDB has
 * the chunks, and that LMDB can find every chunk. */
static void check_positions(vjob *j, MDB_dbi dbi, const unsigned char *pos,
                            int bit, const char *what)
{
    fmt_archive *a = j->a;
    char m[700];
    size_t maplen;
    const unsigned char *base = guard_map(a, &maplen);
    if (a->version < 3 || !base)
        return;
    if (a->pos_damaged & bit) {
        snprintf(m, sizeof m, "%.500s: positions of the %s damaged", a->path,
                 what);
        vreport(j, UINT32_MAX, m);
        return;
    }
    uint32_t nchunks = (a->ndocs + a->chunk - 1) / a->chunk;
    for (uint32_t c = 0; c < nchunks && !guard_broken(a); c++) {
        unsigned char key[4];
        const unsigned char *v;
        size_t n;
        vb_put_be32(key, c);
        if (store_get(a, dbi, key, 4, &v, &n) ||
            (uint64_t)(v - base) != vb_get_be64(pos + 12 * (size_t)c) ||
            n != vb_get_be32(pos + 12 * (size_t)c + 8)) {
            snprintf(m, sizeof m, "%.500s: %s chunk %u is not where its "
                     "position says", a->path, what, c);
            vreport(j, c * a->chunk, m);
        }
    }
}

/* What is left after the pieces: the positions and the facet values. */
static int check_rest(vjob *j)
{
    fmt_archive *a = j->a;
    int rc = FMT_OK;
    if (!guard_broken(a)) {
        check_positions(j, a->docs, a->dpos, 1, "records");
        check_positions(j, a->summary, a->spos, 2, "summaries");
    }
    if (!guard_broken(a) && (rc = results_load_facets(a)) != FMT_NOMEM) {
        if (rc)
            vreport(j, UINT32_MAX, a->err);
        rc = FMT_OK;
    }
    if (!rc && guard_broken(a))
        vreport(j, UINT32_MAX, a->err);
    return rc;
}

int fmt_verify_all(fmt_archive *a, const char *expect, int full,
                   void (*bad)(void *ctx, uint32_t docno, const char *msg),
                   void *ctx, char hex[65])
{
    vjob j;
    memset(&j, 0, sizeof j);
    j.a = a;
    j.full = full;
    j.expect = expect;
    j.bad = bad;
    j.ctx = ctx;
    if (hex)
        hex[0] = 0;
    if (guard_broken(a))
        return FMT_CORRUPT;
    if (mdb_env_get_fd(a->env, &j.fd))
        return error_set(a, FMT_IO, "%s: cannot read the file", a->path);
    pthread_mutex_init(&j.mu, NULL);
    atomic_init(&j.next, 0);
    atomic_init(&j.next_piece, 0);
    atomic_init(&j.nomem, 0);
    pthread_t th;
    int threaded = pthread_create(&th, NULL, helper, &j) == 0;
    if (!threaded)
        hash_content(&j);
    check_records(&j, a);
    check_pieces(&j, a);
    int rc = check_rest(&j);
    if (threaded)
        pthread_join(th, NULL);
    if (atomic_load(&j.nomem))
        rc = FMT_NOMEM;
    pthread_mutex_destroy(&j.mu);
    if (hex)
        memcpy(hex, j.hex, sizeof j.hex);
    if (rc == FMT_NOMEM)
        return error_set(a, FMT_NOMEM, "out of memory");
    if (j.damaged)
        return error_set(a, FMT_CORRUPT, "%s", j.first);
    return FMT_OK;
}

int fmt_verify(fmt_archive *a,
               void (*bad)(void *ctx, uint32_t docno, const char *msg),
               void *ctx)
{
    return fmt_verify_all(a, NULL, 1, bad, ctx, NULL);
}

/* ---- records as bytes ----------------------------------------------------- */

int fmt_doc_encode(const fmt_doc *d, fmt_buf *out)
{
    return record_encode(d, out);
}

int fmt_doc_decode(const void *p, size_t n, fmt_doc *d)
{
    return record_decode(p, n, d);
}

int fmt_doc_same(const fmt_doc *x, const fmt_doc *y, fmt_buf *s1, fmt_buf *s2)
{
    s1->len = s2->len = 0;
    if (record_encode(x, s1) || record_encode(y, s2))
        return 0;
    return s1->len == s2->len && !memcmp(s1->data, s2->data, s1->len);
}

/* ---- gzip writing ------------------------------------------------------------ */

#define GZW_OUT (64 * 1024)

struct fmt_gzw {
    int fd;
    int err;
    z_stream s;
    unsigned char out[GZW_OUT];
};

int fmt_gzw_open(fmt_gzw **zp, int fd, int level)
{
    *zp = NULL;
    fmt_gzw *z = alloc_calloc(1, sizeof *z);
    if (!z)
        return FMT_NOMEM;
    z->fd = fd;
    if (level < 1 || level > 9)
        level = 9;
    /* windowBits 15 + 16: a gzip header and trailer (CRC-32, length) */
    if (deflateInit2(&z->s, level, Z_DEFLATED, 15 + 16, 9,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        free(z);
        return FMT_NOMEM;
    }
    z->s.next_out = z->out;
    z->s.avail_out = GZW_OUT;
    *zp = z;
    return FMT_OK;
}

static int gzw_flush(fmt_gzw *z)
{
    size_t n = GZW_OUT - z->s.avail_out, off = 0;
    while (off < n) {
        ssize_t w = write(z->fd, z->out + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return FMT_IO;
        off += (size_t)w;
    }
    z->s.next_out = z->out;
    z->s.avail_out = GZW_OUT;
    return FMT_OK;
}

/* Feed len bytes (flush: Z_NO_FLUSH or Z_FINISH) through deflate. */
static int gzw_run(fmt_gzw *z, const void *p, size_t len, int flush)
{
    const unsigned char *q = p;
    if (z->err)
        return z->err;
    for (;;) {
        uInt take = len > (1u << 30) ? 1u << 30 : (uInt)len;
        z->s.next_in = (Bytef *)q;
        z->s.avail_in = take;
        int last = flush == Z_FINISH && take == len;
        int zr;
        do {
            if (z->s.avail_out == 0 && (z->err = gzw_flush(z)))
                return z->err;
            zr = deflate(&z->s, last ? Z_FINISH : Z_NO_FLUSH);
            if (zr == Z_STREAM_ERROR)
                return z->err = FMT_NOMEM;
        } while (z->s.avail_in || z->s.avail_out == 0 ||
                 (last && zr != Z_STREAM_END));
        q += take;
        len -= take;
        if (!len && (flush != Z_FINISH || last))
            return FMT_OK;
    }
}

int fmt_gzw_write(fmt_gzw *z, const void *p, size_t n)
{
    return gzw_run(z, p, n, Z_NO_FLUSH);
}

int fmt_gzw_close(fmt_gzw *z)
{
    if (!z)
        return FMT_OK;
    int rc = gzw_run(z, "", 0, Z_FINISH);
    if (!rc)
        rc = z->err = gzw_flush(z);
    deflateEnd(&z->s);
    free(z);
    return rc;
}

/* ---- lineage --------------------------------------------------------------- */

int fmt_lineage(fmt_archive *a, fmt_edition **out, size_t *n)
{
    const unsigned char *v, *end;
    size_t vl;
    *out = NULL;
    *n = 0;
    int rc = store_get(a, a->meta, "lineage", 7, &v, &vl);
    if (rc == FMT_NOTFOUND)
        return FMT_OK;
    if (rc)
        return rc;
    fmt_edition *l = NULL;
    size_t k = 0, cap = 0;
    int bad = 1;
    for (end = v + vl; v < end; k++) {
        if (vb_grow(&l, &cap, k + 1, sizeof *l, 8)) {
            free(l);
            return FMT_NOMEM;
        }
        fmt_edition *e = &l[k];
        memset(e, 0, sizeof *e);
        if (end - v < 47)
            break;
        for (int i = 0; i < 32; i++)
            snprintf(e->checksum + 2 * i, 3, "%02x", v[i]);
        e->documents = vb_get_be32(v + 32);
        e->level = v[36];
        e->created = (int64_t)vb_get_be64(v + 37);
        v += 45;
        size_t tl = *v++;
        if (tl > (size_t)(end - v) - 1 || e->level > 9)
            break;
        memcpy(e->title, v, tl);
        v += tl;
        size_t el = *v++;
        if (el > (size_t)(end - v) || el >= sizeof e->edition)
            break;
        memcpy(e->edition, v, el);
        v += el;
        /* each edition holds more documents than the one before, and fewer
         * than a */
        if (!e->documents || e->documents >= a->ndocs ||
            (k && e->documents <= l[k - 1].documents))
            break;
        bad = v != end;
    }
    if (bad) {
        free(l);
        return error_set(a, FMT_CORRUPT, "%s: meta value 'lineage' damaged",
                         a->path);
    }
    *out = l;
    *n = k;
    return FMT_OK;
}


/* ---- checking the content checksum a little at a time ------------------- */

/* For a reader that must stay responsive: the same SHA-256 as verify's, in
 * steps the caller schedules between other work (the reader's worker does
 * one step whenever no search waits), with fixed memory. */
struct fmt_sumcheck {
    fmt_archive *a;
    vb_sha256 c;
    uint64_t off, len;
    unsigned char buf[1 << 16];
    int done, rc;
    char hex[65];
};

int fmt_sumcheck_start(fmt_archive *a, fmt_sumcheck **cp)
{
    *cp = NULL;
    fmt_sumcheck *c = alloc_calloc(1, sizeof *c);
    if (!c)
        return FMT_NOMEM;
    c->a = a;
    c->len = a->content_len;
    sha256_init(&c->c);
    if (!a->checksum[0] || !c->len) { /* nothing to check against */
        c->done = 1;
        c->rc = error_set(a, FMT_CORRUPT, "%s: the checksum trailer is missing",
                          a->path);
    }
    *cp = c;
    return FMT_OK;
}

int fmt_sumcheck_step(fmt_sumcheck *c, size_t bytes)
{
    fmt_archive *a = c->a;
    size_t done = 0;
    while (!c->done && done < bytes) {
        size_t want = c->len - c->off < sizeof c->buf ? (size_t)(c->len - c->off)
                                                        : sizeof c->buf;
        ssize_t got = want ? pread(a->fd, c->buf, want, (off_t)c->off) : 0;
        if (got < 0 && errno == EINTR)
            continue;
        if (want && got <= 0) {
            c->done = 1;
            c->rc = error_set(a, FMT_IO, "%s: read error at byte %llu: %s", a->path,
                              (unsigned long long)c->off,
                              got ? strerror(errno) : "unexpected end of file");
            break;
        }
        sha256x_update(&c->c, c->buf, (size_t)got);
        c->off += (uint64_t)got;
        done += (size_t)got;
        if (c->off == c->len) {
            unsigned char sum[32];
            sha256_final(&c->c, sum);
            sha256_hex(sum, c->hex);
            c->done = 1;
            c->rc = strcmp(c->hex, a->checksum)
                        ? error_set(a, FMT_CORRUPT, "%s: content checksum mismatch: "
                                    "the file is damaged", a->path)
                        : FMT_OK;
        }
    }
    return c->done;
}

int fmt_sumcheck_result(const fmt_sumcheck *c, char hex[65])
{
    if (hex)
        snprintf(hex, 65, "%s", c->hex);
    return c->done ? c->rc : FMT_LIMIT;
}

void fmt_sumcheck_free(fmt_sumcheck *c)
{
    free(c);
}

/* ---- a whole file's SHA-256 ---------------------------------------------- */

/* For catalogs and downloads (vbpack catalog, publish, sync): the bytes of
 * any file, archive part or delta, as sha256sum sees them, so that anyone
 * can check a mirror's file without vbpack. */
int fmt_file_sha256(const char *path, char hex[65], char *msg, size_t msglen)
{
    hex[0] = 0;
    /* O_NONBLOCK: a FIFO is refused, not waited on */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    int bad = fd < 0 || fstat(fd, &st);
    if (bad || !S_ISREG(st.st_mode)) {
        if (msg)
            snprintf(msg, msglen, "%s: %s", path,
                     bad ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        return FMT_IO;
    }
    unsigned char *buf = alloc_malloc(1 << 16), sum[32];
    if (!buf) {
        close(fd);
        return FMT_NOMEM;
    }
    vb_sha256 c;
    sha256_init(&c);
    int rc = FMT_OK;
    for (;;) {
        ssize_t got = read(fd, buf, 1 << 16);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            if (msg)
                snprintf(msg, msglen, "%s: read error: %s", path,
                         strerror(errno));
            rc = FMT_IO;
            break;
        }
        if (!got)
            break;
        sha256x_update(&c, buf, (size_t)got);
    }
    free(buf);
    close(fd);
    if (!rc) {
        sha256_final(&c, sum);
        sha256_hex(sum, hex);
    }
    return rc;
}
