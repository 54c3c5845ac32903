/* store.c - reading an archive: open, records, summaries, ids, verify.
 *
 * The archive is one LMDB environment in one file (MDB_NOSUBDIR), opened
 * read-only with MDB_RDONLY | MDB_NOLOCK so it works from read-only media
 * and leaves no lock file. Named databases:
 *
 *   meta     name -> value: "version" "title" "edition" "created"
 *            "documents" "zaken" "kinds" "first" "last" "source_bytes"
 *            "records_bytes" "index_bytes" "terms" (decimal text) and
 *            "dict" (the zlib preset dictionary, raw bytes); format 6
 *            "sdict" (the summaries' dictionary, then its CRC-32)
 *   docs     chunk = docno / 128 (64 up to format 6; u32 BE) -> u8 'C', u8 n (records in
 *            the chunk), (n + 1) u32 BE offsets of the records after this
 *            header, then the records. A record: u8 'R', u8 flags (1:
 *            deflated), u32 BE CRC-32 of the text, u32 BE payload length,
 *            u32 BE CRC-32 of the payload, (format 3) u32 BE CRC-32 of
 *            the record, then the payload (record.c) as a raw deflate
 *            stream primed with the dictionary (record.c owns the layout)
 *   summary  chunk = docno / 128 (64) -> summaries (record.c) in the same chunk
 *            layout (format 2: docno -> summary; format 6: each deflated
 *            with "sdict", one CRC a chunk): what a list row needs
 *   ids      "d" id -> docno; "z" zaak -> docnos (u32 BE each); format 7
 *            in sorted blocks (idtab.c)
 *   terms    folded word -> varint length, posting list, positions
 *            (postings.c)
 *   stems    stem NUL folded word -> "" (which words share a stem)
 *   facets   'p'|'m'|'a' folded value -> u32 BE facet id, posting list
 *   cols     "date" "len" "kind" "status": one value per document (u32 BE
 *            or u8); "foff" (u32 BE, documents + 1) and "fval" (varint
 *            facet ids per document); "ftab" the facet values by id:
 *            per id u8 type, varint length, display bytes; "dpos" "spos"
 *            where each chunk of docs and summary lies in the file, for
 *            pread (chunk_item)
 *
 * Documents are numbered in date order, so a date range is a range of
 * numbers. Nothing read from the file is trusted: lengths, counts and
 * offsets are checked before use; the meta pages and the table of tables
 * are checked before LMDB maps the file (guard.c), and every LMDB call
 * goes through guard.c, which checks each page before LMDB reads it and
 * turns a fault or an endless loop inside LMDB into FMT_CORRUPT. Records
 * and summaries carry CRC-32s; the ids and zaak tables are checked against
 * the summaries they lead to. docs/RELIABILITY.md says what is promised.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <zlib.h>
#include "guard.h"
#include "idtab.h"
#include "internal.h"
#include "sha256.h"

const char *fmt_status_name(int status)
{
    static const char *const n[FMT_NSTATUS] = {"", "open", "answered", "late",
                                               "withdrawn", "notice"};
    return status >= 0 && status < FMT_NSTATUS ? n[status] : "";
}

/* ---- opening -------------------------------------------------------------- */

/* The checksum trailer (writer.c) at the end of the file, if there. */
static void read_trailer(fmt_archive *a)
{
    /* O_NONBLOCK: the file may have been swapped for a FIFO since the
     * layout check; then it is no regular file and has no trailer. */
    int fd = open(a->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    unsigned char t[64];
    if (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size >= 64 &&
        pread(fd, t, 64, st.st_size - 64) == 64 && !memcmp(t, "VBKSUM01", 8)) {
        uint64_t len = 0;
        for (int i = 0; i < 8; i++)
            len = len << 8 | t[8 + i];
        if (len == (uint64_t)st.st_size - 64) {
            a->content_len = len;
            sha256_hex(t + 16, a->checksum);
        }
    }
    if (fd >= 0)
        close(fd);
}

int store_get(fmt_archive *a, MDB_dbi dbi, const void *key, size_t klen,
              const unsigned char **val, size_t *vlen)
{
    MDB_val k = {klen, (void *)key}, v;
    *val = NULL;
    *vlen = 0;
    int rc = guard_get(a, dbi, &k, &v);
    if (rc)
        return rc == MDB_NOTFOUND ? FMT_NOTFOUND : error_mdb_code(rc);
    *val = v.mv_data;
    *vlen = v.mv_size;
    return FMT_OK;
}

/* A decimal meta value; FMT_CORRUPT if absent or not a number. */
static int meta_num(fmt_archive *a, const char *name, uint64_t *out)
{
    const unsigned char *v;
    size_t n;
    if (store_get(a, a->meta, name, strlen(name), &v, &n) || n == 0 || n > 20)
        return error_set(a, FMT_CORRUPT, "%s: meta value '%s' missing", a->path,
                         name);
    uint64_t r = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return error_set(a, FMT_CORRUPT, "%s: meta value '%s' damaged",
                             a->path, name);
        r = r * 10 + (v[i] - '0');
    }
    *out = r;
    return FMT_OK;
}

static void meta_str(fmt_archive *a, const char *name, char *out, size_t cap)
{
    const unsigned char *v;
    size_t n;
    out[0] = 0;
    if (store_get(a, a->meta, name, strlen(name), &v, &n))
        return;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, v, n);
    out[n] = 0;
}

/* A column of the cols db must hold exactly width bytes per document. */
static int load_col(fmt_archive *a, const char *name, size_t width,
                    size_t extra, const unsigned char **out)
{
    size_t n;
    if (store_get(a, a->cols, name, strlen(name), out, &n) ||
        n != width * ((size_t)a->ndocs + extra))
        return error_set(a, FMT_CORRUPT, "%s: column '%s' damaged", a->path,
                         name);
    return FMT_OK;
}

/* Open the tables and check what the main db says of each: the flags the
 * writer gave (none: a damaged flag would make LMDB treat plain values as
 * sub-databases) and a root page inside the file. */
static int open_dbs(fmt_archive *a, const vb_layout *lay)
{
    struct {
        const char *name;
        MDB_dbi *dbi;
    } t[] = {{"meta", &a->meta},   {"docs", &a->docs},   {"summary", &a->summary},
             {"ids", &a->ids},     {"terms", &a->terms},
             {"stems", &a->stems}, {"facets", &a->facets}, {"cols", &a->cols},
             {"lists", &a->lists}};
    MDB_dbi main;
    int rc = guard_dbi_open(a, NULL, &main);
    if (rc)
        return error_set(a, error_mdb_code(rc), "%s: %s", a->path,
                         guard_broken(a) ? a->err : guard_why(a, rc));
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        MDB_val k = {strlen(t[i].name), (void *)t[i].name}, v;
        unsigned flags = 0;
        rc = guard_get(a, main, &k, &v);
        if (rc == MDB_NOTFOUND && !strcmp(t[i].name, "lists")) {
            a->has_lists = 0; /* before format 6 (checked with the version) */
            continue;
        }
        if (rc == MDB_NOTFOUND)
            return error_set(a, FMT_VERSION,
                             "%s: no '%s' table: not a Vraagbaak archive",
                             a->path, t[i].name);
        if (!rc) {
            const unsigned char *d = v.mv_data;
            uint64_t root = v.mv_size == 48 ? vb_le64(d + 40) : 0;
            if (v.mv_size != 48 || vb_le16(d + 4) ||
                (root > lay->last && root != UINT64_MAX))
                rc = MDB_CORRUPTED;
        }
        if (!rc)
            rc = guard_dbi_open(a, t[i].name, t[i].dbi);
        if (!rc && t[i].dbi == &a->lists)
            a->has_lists = 1;
        if (!rc && (mdb_dbi_flags(a->txn, *t[i].dbi, &flags) || flags))
            rc = MDB_CORRUPTED;
        if (rc && guard_broken(a))
            return FMT_CORRUPT;
        if (rc)
            return error_set(a, error_mdb_code(rc), "%s: table '%s' damaged (%s)",
                             a->path, t[i].name, guard_why(a, rc));
    }
    return FMT_OK;
}

/* The positions of a table's chunks (writer.c write_positions), or NULL
 * when missing or damaged: then reads go through LMDB, which is slower
 * but as sure, and verify reports the damage. */
static const unsigned char *load_pos(fmt_archive *a, const char *name, int bit)
{
    const unsigned char *v;
    size_t n, nchunks = ((size_t)a->ndocs + a->chunk - 1) / a->chunk;
    if (store_get(a, a->cols, name, strlen(name), &v, &n) || n != 12 * nchunks + 4 ||
        fmt_crc32(0, v, n - 4) != vb_get_be32(v + n - 4)) {
        a->pos_damaged |= bit;
        return NULL;
    }
    return v;
}

static int load_meta(fmt_archive *a)
{
    uint64_t version, ndocs;
    int rc = meta_num(a, "version", &version);
    if (rc)
        return error_set(a, FMT_VERSION, "%s: not a Vraagbaak archive", a->path);
    if (version < FMT_VERSION_OLDEST || version > FMT_VERSION_NUMBER)
        return error_set(a, FMT_VERSION,
                         "%s: archive format %llu, this program reads %d to %d",
                         a->path, (unsigned long long)version,
                         FMT_VERSION_OLDEST, FMT_VERSION_NUMBER);
    a->version = (int)version;
    a->chunk = a->version >= 7 ? VB_CHUNK : VB_CHUNK_V6;
    if (a->version >= 6 && !a->has_lists)
        return error_set(a, FMT_CORRUPT, "%s: no 'lists' table", a->path);
    if ((rc = meta_num(a, "documents", &ndocs)))
        return rc;
    MDB_stat st;
    if (ndocs > UINT32_MAX - VB_CHUNK || guard_stat(a, a->docs, &st) ||
        st.ms_entries != (ndocs + a->chunk - 1) / a->chunk)
        return error_set(a, FMT_CORRUPT, "%s: document count damaged", a->path);
    a->ndocs = (uint32_t)ndocs;
    const unsigned char *d;
    size_t n;
    if (store_get(a, a->meta, "dict", 4, &d, &n) == FMT_OK) {
        if (n > sizeof a->dict)
            return error_set(a, FMT_CORRUPT, "%s: dictionary damaged", a->path);
        memcpy(a->dict, d, n);
        a->dictlen = n;
    }
    /* format 6: the summary dictionary, with a CRC of its own: the
     * chunks' CRCs cover what is stored, not what a dictionary inflates
     * it to */
    if (a->version >= 6 &&
        (store_get(a, a->meta, "sdict", 5, &d, &n) || n < 4 ||
         n - 4 > sizeof a->sdict ||
         fmt_crc32(0, d, n - 4) != vb_get_be32(d + n - 4)))
        return error_set(a, FMT_CORRUPT, "%s: summary dictionary damaged",
                         a->path);
    if (a->version >= 6) {
        memcpy(a->sdict, d, n - 4);
        a->sdictlen = n - 4;
    }
    if ((rc = load_col(a, "date", 4, 0, &a->col_date)) ||
        (rc = load_col(a, "len", 4, 0, &a->col_len)) ||
        (rc = load_col(a, "kind", 1, 0, &a->col_kind)) ||
        (rc = load_col(a, "status", 1, 0, &a->col_status)) ||
        (rc = load_col(a, "foff", 4, 1, &a->col_foff)))
        return rc;
    if (store_get(a, a->cols, "fval", 4, &a->col_fval, &a->fval_len))
        return error_set(a, FMT_CORRUPT, "%s: column 'fval' missing", a->path);
    if (a->version >= 3) {
        a->dpos = load_pos(a, "dpos", 1);
        a->spos = load_pos(a, "spos", 2);
    }
    uint64_t total = 0;
    for (uint32_t i = 0; i < a->ndocs; i++)
        total += vb_get_be32(a->col_len + 4 * (size_t)i);
    a->totlen = total;
    a->avglen = a->ndocs ? (double)total / a->ndocs : 1;
    if (a->avglen < 1)
        a->avglen = 1;
    return FMT_OK;
}

int fmt_open(fmt_archive **ap, const char *path, char *msg, size_t msglen)
{
    char dummy[8];
    if (!msg) {
        msg = dummy;
        msglen = sizeof dummy;
    }
    *ap = NULL;
    msg[0] = 0;
    if (!guard_started()) {
        snprintf(msg, msglen, "%s: not opened: the program has not started "
                 "the fault guard (fmt_guard_start)", path);
        return FMT_INVALID;
    }
    vb_layout lay;
    int rc = guard_check_layout(path, &lay, msg, msglen);
    if (rc)
        return rc;
    fmt_archive *a = alloc_calloc(1, sizeof *a);
    z_stream *zs = alloc_calloc(1, sizeof *zs);
    if (!a || !zs || inflateInit2(zs, -15) != Z_OK) {
        free(a);
        free(zs);
        snprintf(msg, msglen, "%s: out of memory", path);
        return FMT_NOMEM;
    }
    a->zs = zs;
    snprintf(a->path, sizeof a->path, "%s", path);
    if ((rc = guard_open(a, &lay))) {
        if (!guard_broken(a))
            error_set(a, error_mdb_code(rc), "%s: %s", path, mdb_strerror(rc));
        rc = error_mdb_code(rc);
    } else {
        rc = open_dbs(a, &lay);
        if (!rc && (rc = guard_keep_dbs(a)))
            rc = error_set(a, FMT_CORRUPT, "%s: %s", path, mdb_strerror(rc));
        if (!rc)
            rc = load_meta(a);
        if (!rc)
            read_trailer(a);
        if (!rc && mdb_env_get_fd(a->env, &a->fd))
            a->dpos = a->spos = NULL;
        a->file_len = (lay.last + 1) * (uint64_t)lay.psize;
    }
    if (rc) {
        snprintf(msg, msglen, "%s", a->err);
        fmt_close(a);
        return rc;
    }
    *ap = a;
    return FMT_OK;
}

/* The buffers, inflate stream and tokenizer of a handle. */
static void free_readers(fmt_archive *a)
{
    if (a->zs) {
        inflateEnd(a->zs);
        free(a->zs);
    }
    fmt_buf_free(&a->scratch);
    fmt_buf_free(&a->scratch2);
    fmt_buf_free(&a->rbuf);
    fmt_buf_free(&a->rbuf2);
    fmt_buf_free(&a->sbuf);
    fmt_buf_free(&a->sraw);
    if (a->szs) {
        inflateEnd(a->szs);
        free(a->szs);
    }
    if (a->tok)
        fmt_tok_free(a->tok);
    for (size_t i = 0; i < sizeof a->bcache / sizeof *a->bcache; i++)
        free(a->bcache[i].raw);
    if (a->bz) {
        inflateEnd((z_stream *)a->bz);
        free(a->bz);
    }
}

fmt_archive *store_reader2(fmt_archive *a)
{
    if (a->reader2 || !a->dpos)
        return a->reader2;
    fmt_archive *b = alloc_malloc(sizeof *b);
    z_stream *zs = alloc_calloc(1, sizeof *zs);
    if (!b || !zs || inflateInit2(zs, -15) != Z_OK) {
        free(b);
        free(zs);
        return NULL;
    }
    /* the file, its dictionary and positions are shared (read-only);
     * nothing of LMDB or the map is: a use of it would fail loudly */
    memcpy(b, a, sizeof *b);
    b->env = NULL;
    b->txn = NULL;
    b->col_date = b->col_len = b->col_foff = NULL;
    b->col_kind = b->col_status = b->col_fval = NULL;
    b->dense = NULL;
    b->fvals = NULL;
    b->fvals_loaded = 0;
    b->reader2 = NULL;
    b->zs = zs;
    memset(b->bcache, 0, sizeof b->bcache); /* (it reads no dictionary) */
    b->bz = NULL;
    memset(&b->scratch, 0, sizeof b->scratch);
    memset(&b->scratch2, 0, sizeof b->scratch2);
    memset(&b->rbuf, 0, sizeof b->rbuf);
    memset(&b->rbuf2, 0, sizeof b->rbuf2);
    memset(&b->sbuf, 0, sizeof b->sbuf);
    memset(&b->sraw, 0, sizeof b->sraw);
    b->schunk = 0;
    b->szs = NULL;
    b->refdoc = 0;
    b->part_docno = 0;
    b->tok = NULL;
    b->verifying = 0;
    b->err[0] = 0;
    a->reader2 = b;
    return b;
}

void fmt_close(fmt_archive *a)
{
    if (!a)
        return;
    if (a->reader2) {
        free_readers(a->reader2);
        free(a->reader2);
    }
    guard_close(a);
    if (a->txn)
        mdb_txn_abort(a->txn);
    if (a->env)
        mdb_env_close(a->env);
    free_readers(a);
    free(a->dense);
    free(a->fvals);
    free(a->case_key);
    free(a->case_ord);
    free(a->case_slot);
    free(a);
}

fmt_tokenizer *store_tok(fmt_archive *a)
{
    if (!a->tok)
        a->tok = fmt_tok_new();
    return a->tok;
}

uint32_t fmt_count(fmt_archive *a) { return a ? a->ndocs : 0; }

uint32_t fmt_first_dated(fmt_archive *a, int32_t ymd)
{
    uint32_t lo = 0, hi = a ? a->ndocs : 0;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (vb_doc_date(a, mid) < ymd)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- records -------------------------------------------------------------- */

/* Read n bytes at off of the archive's file; 0 when all came. */
static int pread_all(int fd, void *buf, size_t n, uint64_t off)
{
    unsigned char *p = buf;
    while (n) {
        ssize_t r = pread(fd, p, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r, n -= (size_t)r, off += (uint64_t)r;
    }
    return 0;
}

/* Item docno % a->chunk of the chunk holding docno in dbi (records or,
 * from format 3, summaries; the chunk's layout is record.c's). With the chunks'
 * positions (pos), the chunk's header and the item are pread into buf and
 * *item points there (valid until buf is read into again); the bytes are
 * checked by the caller's CRC, and a damaged position can only send the
 * read to other bytes of the file. Without, *item points into the map,
 * found through LMDB. what names the item in messages. */
static int chunk_item(fmt_archive *a, MDB_dbi dbi, const unsigned char *pos,
                      uint32_t docno, fmt_buf *buf, const char *what,
                      const unsigned char **item, size_t *len)
{
    uint32_t chunk = docno / a->chunk, i = docno % a->chunk;
    uint32_t want = a->ndocs - chunk * a->chunk;
    if (want > a->chunk)
        want = a->chunk;
    size_t head = record_chunk_head(want);
    unsigned char hb[2 + 4 * (VB_CHUNK + 1)];
    const unsigned char *v;
    size_t n;
    uint64_t off = 0;
    if (pos) {
        off = vb_get_be64(pos + 12 * (size_t)chunk);
        n = vb_get_be32(pos + 12 * (size_t)chunk + 8);
        if (n < head || off > a->file_len || n > a->file_len - off ||
            pread_all(a->fd, hb, head, off))
            return error_set(a, FMT_CORRUPT, "%s: %s %u: its chunk's position "
                             "is damaged", a->path, what, docno);
        v = hb;
    } else {
        unsigned char key[4];
        vb_put_be32(key, chunk);
        int rc = store_get(a, dbi, key, 4, &v, &n);
        if (rc)
            return error_set(a, rc == FMT_NOTFOUND ? FMT_CORRUPT : rc,
                             "%s: %s %u: its chunk is missing", a->path, what,
                             docno);
    }
    size_t at;
    int bad = record_chunk_item(v, n, want, i, &at, len);
    if (bad)
        return error_set(a, FMT_CORRUPT, "%s: %s %u: chunk %s damaged", a->path,
                         what, docno,
                         bad == VB_CHUNK_BADHEAD ? "header" : "offsets");
    if (!pos) {
        *item = v + at;
        return FMT_OK;
    }
    if (fmt_buf_reserve(buf, *len + 1))
        return error_set(a, FMT_NOMEM, "out of memory");
    if (pread_all(a->fd, buf->data, *len, off + at))
        return error_set(a, FMT_CORRUPT, "%s: %s %u: cannot be read", a->path,
                         what, docno);
    *item = (const unsigned char *)buf->data;
    return FMT_OK;
}

/* The question the primed record r of docno is primed with must be
 * another document: FMT_CORRUPT when it cannot be. */
static int ref_ok(fmt_archive *a, uint32_t docno, const vb_rechead *r)
{
    if (r->ref >= a->ndocs || r->ref == docno)
        return error_set(a, FMT_CORRUPT, "%s: record %u: bad reference",
                         a->path, docno);
    return FMT_OK;
}

/* Ready to read the payload of the stored record v (n bytes, header r
 * checked) of docno into out: its length checked and room made; for a
 * deflated one, a->zs reset, primed with dict and given the stored bytes. */
static int unpack_start(fmt_archive *a, uint32_t docno, const unsigned char *v,
                        size_t n, const vb_rechead *r,
                        const unsigned char *dict, size_t dictlen,
                        fmt_buf *out)
{
    z_stream *zs = a->zs;
    size_t head = r->head;
    if (record_head_bad_length(r, n))
        return error_set(a, FMT_CORRUPT, "%s: record %u: bad length", a->path,
                         docno);
    out->len = 0;
    if (fmt_buf_reserve(out, (size_t)r->plen + 1))
        return error_set(a, FMT_NOMEM, "out of memory");
    if (r->kind == VB_REC_STORED)
        return FMT_OK;
    if (inflateReset(zs) != Z_OK ||
        (dictlen && inflateSetDictionary(zs, dict, (uInt)dictlen) != Z_OK))
        return error_set(a, FMT_CORRUPT, "%s: record %u: inflate", a->path,
                         docno);
    zs->next_in = (Bytef *)(v + head);
    zs->avail_in = (uInt)(n - head);
    return FMT_OK;
}

/* Inflate (or copy) the stored record v (n bytes, header r checked) of
 * docno into out, primed with dict; check length and checksum. */
static int unpack(fmt_archive *a, uint32_t docno, const unsigned char *v,
                  size_t n, const vb_rechead *r, const unsigned char *dict,
                  size_t dictlen, fmt_buf *out)
{
    uint32_t plen = r->plen, pcrc = r->pcrc;
    int rc = unpack_start(a, docno, v, n, r, dict, dictlen, out);
    if (rc)
        return rc;
    if (r->kind == VB_REC_STORED) {
        memcpy(out->data, v + r->head, plen);
    } else {
        z_stream *zs = a->zs;
        zs->next_out = (Bytef *)out->data;
        zs->avail_out = plen + 1;
        int zr = inflate(zs, Z_FINISH);
        if (zr != Z_STREAM_END || zs->total_out != plen || zs->avail_in)
            return error_set(a, FMT_CORRUPT,
                             "%s: record %u: compressed data damaged", a->path,
                             docno);
    }
    out->len = plen;
    out->data[plen] = 0;
    if (fmt_crc32(0, out->data, plen) != pcrc)
        return error_set(a, FMT_CORRUPT, "%s: record %u: checksum mismatch",
                         a->path, docno);
    return FMT_OK;
}

/* The header of record docno (record.c says its layout). From format 3
 * the record's own CRC over its header and stored bytes is checked here:
 * it proves the record before any inflating, so a text inflated only in
 * part (store_text_prefix) is as sure as a whole one. */
static int record_head(fmt_archive *a, uint32_t docno, fmt_buf *buf,
                       const unsigned char **v, size_t *n, vb_rechead *r)
{
    int rc = chunk_item(a, a->docs, a->dpos, docno, buf, "record", v, n);
    if (rc)
        return rc;
    if (record_head_parse(*v, *n, a->version, r))
        return error_set(a, FMT_CORRUPT, "%s: record %u: bad header", a->path,
                         docno);
    if (!record_head_crc_ok(*v, *n, a->version))
        return error_set(a, FMT_CORRUPT, "%s: record %u: checksum mismatch",
                         a->path, docno);
    return FMT_OK;
}

/* The dictionary the primed record r of docno was deflated with:
 * a->refdict, made of its question's text (kept for the next answer of
 * that question). */
static int ref_dict(fmt_archive *a, uint32_t docno, const vb_rechead *r)
{
    /* primed with its question: that one first (never primed itself, so
     * there is no chain and no cycle) */
    uint32_t ref = r->ref;
    const unsigned char *rv, *text;
    size_t rn, tlen;
    vb_rechead rh;
    int rc = ref_ok(a, docno, r);
    if (rc)
        return rc;
    /* a result list often holds a question's answer and notices: keep the
     * dictionary made of the last question used */
    if (a->refdoc == ref + 1)
        return FMT_OK;
    a->refdoc = 0;
    if ((rc = record_head(a, ref, &a->rbuf2, &rv, &rn, &rh)))
        return rc;
    if (rh.kind == VB_REC_PRIMED)
        return error_set(a, FMT_CORRUPT, "%s: record %u: reference to a "
                         "primed record", a->path, docno);
    if ((rc = unpack(a, ref, rv, rn, &rh, a->dict, a->dictlen,
                     &a->scratch2)))
        return rc;
    if (record_payload_text((unsigned char *)a->scratch2.data, a->scratch2.len,
                            &text, &tlen))
        return error_set(a, FMT_CORRUPT, "%s: record %u: damaged", a->path, ref);
    a->refdictlen = record_ref_dict(a->dict, a->dictlen, text, tlen, a->refdict);
    a->refdoc = ref + 1;
    return FMT_OK;
}

int store_record_check(fmt_archive *a, uint32_t docno)
{
    const unsigned char *v;
    size_t n;
    vb_rechead r;
    if (a->version < 3 || docno >= a->ndocs)
        return FMT_INVALID;
    int rc = record_head(a, docno, &a->rbuf, &v, &n, &r);
    if (rc)
        return rc;
    if (record_head_bad_length(&r, n))
        return error_set(a, FMT_CORRUPT, "%s: record %u: bad length", a->path,
                         docno);
    return r.kind == VB_REC_PRIMED ? ref_ok(a, docno, &r) : FMT_OK;
}

/* Inflate record docno's payload into a->scratch and check it. */
static int load_payload(fmt_archive *a, uint32_t docno, uint32_t *textcrc)
{
    if (docno >= a->ndocs)
        return error_set(a, FMT_NOTFOUND, "%s: no document %u", a->path, docno);
    const unsigned char *v;
    size_t n;
    vb_rechead r;
    int rc = record_head(a, docno, &a->rbuf, &v, &n, &r);
    if (rc)
        return rc;
    *textcrc = r.textcrc;
    a->part_docno = 0; /* a->zs and a->scratch are taken */
    int primed = r.kind == VB_REC_PRIMED;
    if (primed && (rc = ref_dict(a, docno, &r)))
        return rc;
    rc = primed ? unpack(a, docno, v, n, &r, a->refdict, a->refdictlen,
                         &a->scratch)
                : unpack(a, docno, v, n, &r, a->dict, a->dictlen,
                         &a->scratch);
    return rc ? rc : guard_broken(a) ? FMT_CORRUPT : FMT_OK;
}

/* The start of docno's text: inflating stops once `want` bytes of the
 * text are out (or the payload is), and a later call for the same
 * document with more goes on from there. *text points into a->scratch
 * (valid until another read on the handle), *avail bytes of it are there,
 * *done when all of the payload is (then *avail is the text's length).
 * Format 3 only: its records are checked before inflating (record_head);
 * format 2 records, and stored ones, are read whole. */
int store_text_prefix(fmt_archive *a, uint32_t docno, size_t want,
                      const char **text, size_t *avail, int *done)
{
    z_stream *zs = a->zs;
    int rc;
    if (a->part_docno != docno + 1) {
        const unsigned char *v;
        size_t n;
        vb_rechead r;
        a->part_docno = 0;
        if (docno >= a->ndocs)
            return error_set(a, FMT_NOTFOUND, "%s: no document %u", a->path,
                             docno);
        *done = 1;
        if (a->version < 3)
            return store_get_text(a, docno, text, avail);
        if ((rc = record_head(a, docno, &a->rbuf, &v, &n, &r)))
            return rc;
        if (r.kind == VB_REC_STORED)
            return store_get_text(a, docno, text, avail);
        int primed = r.kind == VB_REC_PRIMED;
        if (primed && (rc = ref_dict(a, docno, &r)))
            return rc;
        if ((rc = unpack_start(a, docno, v, n, &r,
                               primed ? a->refdict : a->dict,
                               primed ? a->refdictlen : a->dictlen,
                               &a->scratch)))
            return rc;
        a->part_docno = docno + 1;
        a->part_plen = r.plen;
        a->part_pcrc = r.pcrc;
        a->part_textoff = a->part_textlen = 0;
        a->part_ended = 0;
    }
    unsigned char *p = (unsigned char *)a->scratch.data;
    size_t plen = a->part_plen;
    int bad = 0;
    for (;;) {
        size_t got = zs->total_out;
        if (!a->part_textoff && got >= 2) { /* u8 1, varint text length */
            const unsigned char *q = p + 1;
            uint64_t tl = 0;
            int part = vb_get_varint(&q, p + got, &tl); /* -1: cut short */
            if (p[0] != 1 || (part && got >= 11)) {
                bad = 1;
                break;
            }
            if (!part) {
                if (tl > plen - (size_t)(q - p)) {
                    bad = 1;
                    break;
                }
                a->part_textoff = (size_t)(q - p);
                a->part_textlen = (size_t)tl;
            }
        }
        if (a->part_ended)
            break;
        size_t off = a->part_textoff, goal = !off ? 16
                                             : want > plen - off ? plen
                                                                 : off + want;
        if (goal > plen)
            goal = plen;
        if (off && got >= goal && got < plen)
            break; /* enough of the text, more to come */
        /* short of the goal, or all out: then the stream must end there */
        zs->next_out = p + got;
        zs->avail_out = (uInt)(got < goal ? goal - got : plen + 1 - got);
        int zr = inflate(zs, Z_NO_FLUSH);
        if (zr == Z_STREAM_END && zs->total_out == plen && !zs->avail_in)
            a->part_ended = 1;
        else if (zr != Z_OK) {
            bad = 1;
            break;
        }
    }
    size_t got = zs->total_out;
    *done = a->part_ended;
    if (bad || !a->part_textoff ||
        (*done && fmt_crc32(0, p, plen) != a->part_pcrc)) {
        a->part_docno = 0;
        return error_set(a, FMT_CORRUPT, "%s: record %u: compressed data damaged",
                         a->path, docno);
    }
    a->scratch.len = got;
    p[got] = 0;
    *text = (const char *)p + a->part_textoff;
    *avail = got - a->part_textoff < a->part_textlen ? got - a->part_textoff
                                                     : a->part_textlen;
    return FMT_OK;
}

/* Just the verbatim text of docno, pointing into the handle's scratch
 * buffer (valid until the next read on the handle): for snippets, which
 * need no other field. */
int store_get_text(fmt_archive *a, uint32_t docno, const char **text,
                   size_t *len)
{
    uint32_t tcrc;
    const unsigned char *t;
    int rc = load_payload(a, docno, &tcrc);
    if (rc)
        return rc;
    if (record_payload_text((unsigned char *)a->scratch.data, a->scratch.len, &t,
                            len))
        return error_set(a, FMT_CORRUPT, "%s: record %u: fields damaged",
                         a->path, docno);
    *text = (const char *)t;
    return FMT_OK;
}

int fmt_get(fmt_archive *a, uint32_t docno, fmt_doc *d)
{
    uint32_t tcrc = 0;
    int rc = load_payload(a, docno, &tcrc);
    if (rc) {
        fmt_doc_free(d);
        return rc;
    }
    rc = record_decode((unsigned char *)a->scratch.data, a->scratch.len, d);
    if (rc)
        return error_set(a, rc, "%s: record %u: fields damaged", a->path, docno);
    /* The payload's checksum covers the text; its own is checked by
     * verify, which proves both. */
    if (a->verifying && fmt_crc32(0, d->text, d->len) != tcrc) {
        fmt_doc_free(d);
        return error_set(a, FMT_CORRUPT, "%s: record %u: text checksum mismatch",
                         a->path, docno);
    }
    return FMT_OK;
}

int fmt_get_text(fmt_archive *a, uint32_t docno, fmt_buf *out)
{
    fmt_doc d = {0};
    int rc = fmt_get(a, docno, &d);
    if (rc)
        return rc;
    out->len = 0;
    rc = fmt_buf_append(out, d.text, d.len);
    fmt_doc_free(&d);
    return rc;
}

int fmt_find(fmt_archive *a, const char *id, uint32_t *docno)
{
    size_t n = strlen(id);
    if (n == 0 || n > 480)
        return FMT_NOTFOUND;
    char key[512];
    key[0] = 'd';
    memcpy(key + 1, id, n);
    const unsigned char *v;
    size_t vl;
    int rc = idtab_get(a, key, n + 1, &v, &vl);
    if (rc)
        return rc;
    if (vl != 4 || vb_get_be32(v) >= a->ndocs)
        return error_set(a, FMT_CORRUPT, "%s: id '%s' damaged", a->path, id);
    /* The ids table has no checksum of its own: a damaged number would
     * give another document, so the (checksummed) summary must agree. */
    uint32_t d = vb_get_be32(v);
    fmt_summary s = {0};
    rc = fmt_get_summary(a, d, &s);
    if (!rc && strcmp(s.id, id))
        rc = error_set(a, FMT_CORRUPT, "%s: id '%s' damaged (it leads to '%s')",
                       a->path, id, s.id);
    fmt_summary_free(&s);
    if (!rc)
        *docno = d;
    return rc;
}

int fmt_zaak_docs(fmt_archive *a, const char *zaak, uint32_t *docnos,
                  size_t cap, size_t *n)
{
    size_t zl = strlen(zaak);
    *n = 0;
    if (zl == 0 || zl > 64)
        return FMT_NOTFOUND;
    char key[80];
    key[0] = 'z';
    memcpy(key + 1, zaak, zl);
    const unsigned char *v;
    size_t vl;
    int rc = idtab_get(a, key, zl + 1, &v, &vl);
    if (rc)
        return rc;
    if (vl % 4)
        return error_set(a, FMT_CORRUPT, "%s: zaak '%s' damaged", a->path, zaak);
    /* As for ids: each document's summary must name this zaak. */
    fmt_summary s = {0};
    for (size_t i = 0; i < vl / 4 && !rc; i++) {
        uint32_t d = vb_get_be32(v + 4 * i);
        if (d >= a->ndocs)
            rc = error_set(a, FMT_CORRUPT, "%s: zaak '%s' damaged", a->path, zaak);
        else if (!(rc = fmt_get_summary(a, d, &s)) && strcmp(s.zaak, zaak))
            rc = error_set(a, FMT_CORRUPT, "%s: zaak '%s' damaged", a->path, zaak);
        if (!rc && i < cap)
            docnos[i] = d;
    }
    fmt_summary_free(&s);
    if (!rc)
        *n = vl / 4;
    return rc;
}

/* Format 6: the chunk of summaries holding docno into a->sbuf, checked
 * (record_zchunk_parse), unless it is the one already there: a list of
 * documents in date order reads each chunk once. */
static int summary_chunk(fmt_archive *a, uint32_t docno)
{
    uint32_t chunk = docno / a->chunk;
    if (a->schunk == chunk + 1)
        return FMT_OK;
    a->schunk = 0;
    uint32_t want = a->ndocs - chunk * a->chunk;
    if (want > a->chunk)
        want = a->chunk;
    const unsigned char *v;
    size_t n;
    if (a->spos) {
        uint64_t off = vb_get_be64(a->spos + 12 * (size_t)chunk);
        n = vb_get_be32(a->spos + 12 * (size_t)chunk + 8);
        if (off > a->file_len || n > a->file_len - off)
            return error_set(a, FMT_CORRUPT, "%s: summary of record %u: its "
                             "chunk's position is damaged", a->path, docno);
        if (fmt_buf_reserve(&a->sbuf, n + 1))
            return error_set(a, FMT_NOMEM, "out of memory");
        if (pread_all(a->fd, a->sbuf.data, n, off))
            return error_set(a, FMT_CORRUPT, "%s: summary of record %u: "
                             "cannot be read", a->path, docno);
    } else {
        unsigned char key[4];
        vb_put_be32(key, chunk);
        int rc = store_get(a, a->summary, key, 4, &v, &n);
        if (rc)
            return error_set(a, rc == FMT_NOTFOUND ? FMT_CORRUPT : rc,
                             "%s: summary of record %u: its chunk is missing",
                             a->path, docno);
        if (fmt_buf_reserve(&a->sbuf, n + 1))
            return error_set(a, FMT_NOMEM, "out of memory");
        memcpy(a->sbuf.data, v, n);
        if (guard_broken(a))
            return FMT_CORRUPT;
    }
    a->sbuf.len = n;
    int bad = record_zchunk_parse((unsigned char *)a->sbuf.data, n, want,
                                  a->soff, &a->sitems);
    if (bad)
        return error_set(a, FMT_CORRUPT, "%s: summary of record %u: chunk %u "
                         "damaged (%s)", a->path, docno, chunk,
                         bad == VB_CHUNK_BADCRC   ? "checksum mismatch"
                         : bad == VB_CHUNK_BADOFF ? "lengths"
                                                  : "header");
    a->schunk = chunk + 1;
    a->sgroups = 0;
    return FMT_OK;
}

/* Format 6: summary docno inflated into a->sraw (*p, *n). */
static int summary_inflate(fmt_archive *a, uint32_t docno,
                           const unsigned char **p, size_t *n)
{
    int rc = summary_chunk(a, docno);
    if (rc)
        return rc;
    if (!a->szs) {
        z_stream *zs = alloc_calloc(1, sizeof *zs);
        if (!zs || inflateInit2(zs, -15) != Z_OK) {
            free(zs);
            return error_set(a, FMT_NOMEM, "out of memory");
        }
        a->szs = zs;
    }
    z_stream *zs = a->szs;
    uint32_t i = docno % a->chunk, g = i / VB_ZGROUP;
    if (!(a->sgroups & 1u << g)) {
        uint32_t chunk = docno / a->chunk, want = a->ndocs - chunk * a->chunk;
        if (!record_zchunk_group_ok((unsigned char *)a->sbuf.data,
                                    want > a->chunk ? a->chunk : want, a->soff,
                                    a->sitems, i))
            return error_set(a, FMT_CORRUPT, "%s: summary of record %u: chunk "
                             "%u damaged (checksum mismatch)", a->path, docno,
                             chunk);
        a->sgroups |= 1u << g;
    }
    size_t zlen = a->soff[i + 1] - a->soff[i];
    if (inflateReset(zs) != Z_OK ||
        (a->sdictlen &&
         inflateSetDictionary(zs, a->sdict, (uInt)a->sdictlen) != Z_OK))
        return error_set(a, FMT_CORRUPT, "%s: summary of record %u: inflate",
                         a->path, docno);
    zs->next_in = (Bytef *)a->sbuf.data + a->sitems + a->soff[i];
    zs->avail_in = (uInt)zlen;
    a->sraw.len = 0;
    /* deflate makes at most about 1032 bytes of one: a damaged length
     * cannot make this grow without end (and the CRC came first) */
    size_t limit = zlen * 1040 + 64;
    for (;;) {
        size_t room = a->sraw.len < 512 ? 512 : a->sraw.len;
        if (room > limit - a->sraw.len)
            room = limit - a->sraw.len;
        if (!room)
            return error_set(a, FMT_CORRUPT, "%s: summary of record %u: "
                             "compressed data damaged", a->path, docno);
        if (fmt_buf_reserve(&a->sraw, room))
            return error_set(a, FMT_NOMEM, "out of memory");
        zs->next_out = (Bytef *)a->sraw.data + a->sraw.len;
        zs->avail_out = (uInt)room;
        int zr = inflate(zs, Z_NO_FLUSH);
        a->sraw.len += room - zs->avail_out;
        if (zr == Z_STREAM_END && !zs->avail_in)
            break;
        if (zr == Z_STREAM_END || (zr != Z_OK && zr != Z_BUF_ERROR) ||
            zs->avail_out)
            return error_set(a, FMT_CORRUPT, "%s: summary of record %u: "
                             "compressed data damaged", a->path, docno);
    }
    *p = (const unsigned char *)a->sraw.data;
    *n = a->sraw.len;
    return FMT_OK;
}

int fmt_get_summary(fmt_archive *a, uint32_t docno, fmt_summary *s)
{
    if (docno >= a->ndocs)
        return FMT_NOTFOUND;
    const unsigned char *v = NULL;
    size_t n = 0;
    int rc;
    if (a->version >= 6) {
        if ((rc = summary_inflate(a, docno, &v, &n)))
            return rc;
    } else if (a->version >= 3) {
        if ((rc = chunk_item(a, a->summary, a->spos, docno, &a->sbuf,
                             "summary of record", &v, &n)))
            return rc;
    } else {
        unsigned char key[4];
        vb_put_be32(key, docno);
        rc = store_get(a, a->summary, key, 4, &v, &n);
    }
    if (!rc)
        rc = record_summary_decode(v, n, s);
    else if (rc == FMT_NOTFOUND)
        rc = FMT_CORRUPT;
    if (!rc && guard_broken(a))
        return FMT_CORRUPT;
    if (rc)
        return error_set(a, rc, "%s: summary of record %u damaged", a->path,
                         docno);
    s->docno = docno;
    if (a->version < 4) /* filed under the questions' date before format 4 */
        s->date = s->submitted ? s->submitted : s->received;
    return FMT_OK;
}

void fmt_summary_free(fmt_summary *s) { fmt_buf_free(&s->buf); }

/* ---- the meta table's checksum ---------------------------------------------
 * The meta values (title, edition, counts, the dictionary) have no
 * checksum of their own in LMDB, and info shows them as they are. So the
 * writer stores "sum": the CRC-32 (u32 BE) of every other entry, in key
 * order, each as varint key length, key, varint value length, value. An
 * archive without it is read as it is. */

static uint32_t sum_entry(uint32_t crc, const MDB_val *k, const MDB_val *v)
{
    unsigned char n[10];
    crc = fmt_crc32(crc, n, vb_put_varint(n, k->mv_size));
    crc = fmt_crc32(crc, k->mv_data, k->mv_size);
    crc = fmt_crc32(crc, n, vb_put_varint(n, v->mv_size));
    return fmt_crc32(crc, v->mv_data, v->mv_size);
}

static int is_sum(const MDB_val *k)
{
    return k->mv_size == 3 && !memcmp(k->mv_data, "sum", 3);
}

/* For the writer, in its own (write) transaction: the "sum" to store. */
int store_meta_sum(MDB_txn *txn, MDB_dbi meta, uint32_t *sum)
{
    MDB_cursor *c;
    MDB_val k, v;
    uint32_t crc = 0;
    int rc = mdb_cursor_open(txn, meta, &c);
    if (rc)
        return error_mdb_code(rc);
    for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); !rc;
         rc = mdb_cursor_get(c, &k, &v, MDB_NEXT))
        if (!is_sum(&k))
            crc = sum_entry(crc, &k, &v);
    mdb_cursor_close(c);
    *sum = crc;
    return rc == MDB_NOTFOUND ? FMT_OK : error_mdb_code(rc);
}

/* The meta table against its "sum", if it has one. */
static int check_meta_sum(fmt_archive *a)
{
    const unsigned char *want;
    size_t n;
    int rc = store_get(a, a->meta, "sum", 3, &want, &n);
    if (rc == FMT_NOTFOUND)
        return FMT_OK;
    MDB_cursor *c;
    MDB_val k, v;
    uint32_t crc = 0;
    if (!rc && n == 4 && !(rc = guard_cursor_open(a, a->meta, &c))) {
        for (rc = guard_cursor_get(a, c, &k, &v, MDB_FIRST); !rc;
             rc = guard_cursor_get(a, c, &k, &v, MDB_NEXT))
            if (!is_sum(&k))
                crc = sum_entry(crc, &k, &v);
        guard_cursor_close(a, c);
        if (rc == MDB_NOTFOUND && crc == vb_get_be32(want))
            return FMT_OK;
    }
    return guard_broken(a) ? FMT_CORRUPT
                        : error_set(a, FMT_CORRUPT, "%s: the archive's title, "
                                    "edition and counts are damaged", a->path);
}

/* Everything that can be read is filled in; FMT_CORRUPT (with the message)
 * when a value is damaged or the meta table fails its checksum. */
int fmt_get_info(fmt_archive *a, fmt_info *o)
{
    int bad = 0;
    memset(o, 0, sizeof *o);
    meta_str(a, "title", o->title, sizeof o->title);
    meta_str(a, "edition", o->edition, sizeof o->edition);
    memcpy(o->checksum, a->checksum, sizeof o->checksum);
    uint64_t v = 0;
    o->version = (uint32_t)a->version; /* the archive's, not this program's */
    o->documents = a->ndocs;
    if (!(bad |= meta_num(a, "created", &v)))
        o->created = (int64_t)v;
    const char *kn[4] = {"kind0", "questions", "answers", "notices"};
    for (int k = 1; k < 4; k++)
        if (!meta_num(a, kn[k], &v))
            o->kinds[k] = (uint32_t)v;
        else
            bad = 1;
    struct {
        const char *name;
        uint64_t *dst64;
        uint32_t *dst32;
        int32_t *dsti;
    } t[] = {{"zaken", NULL, &o->zaken, NULL},
             {"first", NULL, NULL, &o->first_date},
             {"last", NULL, NULL, &o->last_date},
             {"source_bytes", &o->source_bytes, NULL, NULL},
             {"records_bytes", &o->records_bytes, NULL, NULL},
             {"index_bytes", &o->index_bytes, NULL, NULL},
             {"terms", NULL, &o->terms, NULL}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        if (meta_num(a, t[i].name, &v)) {
            bad = 1;
            continue;
        }
        if (t[i].dst64)
            *t[i].dst64 = v;
        else if (t[i].dst32)
            *t[i].dst32 = (uint32_t)v;
        else
            *t[i].dsti = (int32_t)v;
    }
    if (!bad && !meta_num(a, "level", &v) && v <= 9) /* not before 2026-11 */
        o->level = (int)v;
    const unsigned char *pv;
    size_t pn;
    if (!bad && store_get(a, a->meta, "part", 4, &pv, &pn) == FMT_OK) {
        char pt[32];
        unsigned p = 0, k = 0;
        char end;
        snprintf(pt, sizeof pt, "%.*s", (int)(pn < 31 ? pn : 31), (const char *)pv);
        if (sscanf(pt, "%u/%u%c", &p, &k, &end) != 2 || p < 1 || p > k ||
            k > 100000) {
            bad = 1;
            error_set(a, FMT_CORRUPT, "%s: meta value 'part' damaged", a->path);
        } else {
            o->part = p;
            o->nparts = k;
            if (!meta_num(a, "split", &v))
                o->split = v;
        }
    }
    struct stat st;
    if (stat(a->path, &st) == 0)
        o->archive_bytes = (uint64_t)st.st_size;
    if (bad) {
        char m[600];
        snprintf(m, sizeof m, "%s", a->err); /* which value, from meta_num */
        return error_set(a, FMT_CORRUPT, "%s", m);
    }
    a->err[0] = 0;
    return check_meta_sum(a);
}

