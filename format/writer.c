/* writer.c - building an archive: documents in, one LMDB file out. This
 * file is the pipeline; writer_int.h names the files each step lives in.
 *
 * fmt_writer_add() serialises each document (record.c) into a run buffer
 * (runs.c: sorted by (date, id), spilled to unlinked files when full, so
 * memory does not grow with the corpus). A sample of documents, chosen by
 * a hash of their id (so the choice does not depend on the order they
 * came in), trains the zlib dictionary.
 *
 * fmt_writer_finish() then, in order (finish() below):
 *   1. the zaak table: every document's zaak status (build.c);
 *   2. the dictionary: trained on the sample (dict.c), or the base's;
 *   3. the output file: a temporary file beside the output (publish.c),
 *      or, appending, a copy of the base (append.c);
 *   4. the merge: the runs in (date, id) order give the document numbers;
 *      per batch of BATCH documents a second thread deflates the records
 *      (answers and notices primed with their question's text, prime.c)
 *      while this one writes the batch before: record, summary, id, and
 *      the words to the index (index.c); records and summaries VB_CHUNK
 *      to a value (the chunk, record.c);
 *   5. appending: the summaries of the base's documents whose status
 *      changed (append.c);
 *   6. the index, the zaak lists, where each chunk lies in the file (for
 *      pread), the metadata;
 *   7. sync, a SHA-256 trailer, rename into place (publish.c): an
 *      interrupted pack never leaves a half archive under the final name,
 *      and the same documents always give the same bytes.
 *
 * fmt_writer_finish_append() does the same on a copy of a base archive
 * whose documents all sort before the new ones: they are numbered after
 * the base's, its dictionary is kept, its partly filled last chunks are
 * filled up, the zaken they join get their status again, and the index
 * appends to the base's lists (append.c, index.c).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "writer_int.h"
#include "idtab.h"
#include "tdict.h"

#define RUN_BYTES (32u << 20)      /* run buffer before a spill */
#define SAMPLE_CAP (2u << 20)      /* dictionary training sample */
#define SAMPLE_MOD 16              /* roughly 1 in 16 documents sampled */
#define SSAMPLE_CAP (1u << 20)     /* the summary dictionary's sample */
#define COMMIT_EVERY 2000          /* documents per write transaction */

/* Deflating is most of a pack's work, so a second thread does it: while it
 * compresses one batch of documents, the main thread numbers, indexes and
 * writes the batch before. */
#define BATCH 256

typedef struct {
    cdoc doc[BATCH];
    size_t n;
    atomic_size_t next;  /* the next document to take */
    dict_zc *zc;         /* the compression thread's compressor */
    dict_zc *zc_main;    /* the main thread's, when it helps */
    dict_zc *szc, *szc_main; /* the same for the summaries */
    const zaakinfo *zaken;   /* for the summaries' status (read only) */
    size_t nzaken;
    atomic_int failed;
    double busy;         /* seconds spent compressing (for tuning) */
    const unsigned char *dict;  /* the archive's dictionary */
    size_t dictlen;
} batch;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

const char *fmt_writer_errmsg(const fmt_writer *w) { return w->err; }

static void copystr(char *dst, size_t cap, const char *s, const char *def)
{
    snprintf(dst, cap, "%s", s ? s : def);
}

int fmt_writer_open(fmt_writer **wp, const char *path,
                    const fmt_writer_opts *o)
{
    fmt_writer_opts none = {0};
    if (!o)
        o = &none;
    *wp = NULL;
    if (!path || !*path || strlen(path) >= 1000)
        return FMT_INVALID;
    fmt_writer *w = alloc_calloc(1, sizeof *w);
    if (!w)
        return FMT_NOMEM;
    copystr(w->path, sizeof w->path, path, "");
    copystr(w->title, sizeof w->title, o->title, "Vraagbaak");
    copystr(w->edition, sizeof w->edition, o->edition, "1");
    w->created = o->created;
    w->part = o->part;
    w->nparts = o->nparts;
    w->split = o->split;
    if (o->partsums && !(w->partsums = alloc_strndup(o->partsums, strlen(o->partsums)))) {
        free(w);
        return FMT_NOMEM;
    }
    w->level = o->level >= 1 && o->level <= 9 ? o->level : FMT_DEFAULT_LEVEL;
    w->progress = o->progress;
    w->pctx = o->progress_ctx;
    if (o->tmpdir) {
        copystr(w->tmpdir, sizeof w->tmpdir, o->tmpdir, ".");
    } else {
        copystr(w->tmpdir, sizeof w->tmpdir, path, ".");
        char *slash = strrchr(w->tmpdir, '/');
        if (slash)
            slash[slash == w->tmpdir] = 0;
        else
            strcpy(w->tmpdir, ".");
    }
    *wp = w;
    return FMT_OK;
}

static uint64_t hash64(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a, then a final mix */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static int sample_cmp(const void *a, const void *b)
{
    const sample *x = a, *y = b;
    return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* Keep the sampled documents with the smallest hashes that fit in
 * cap: a set that depends only on the documents, not their order.
 * A trim while documents are still coming (final 0) also keeps the first
 * one that does not fit: were it dropped, a later trim could let in a
 * document with a larger hash that fits where it did not, and the set
 * would depend on the order the sources came in. */
static int sample_trim(sampleset *ss, size_t cap, int final)
{
    if (ss->n)
        vb_sort(ss->v, ss->n, sizeof *ss->v, sample_cmp);
    fmt_buf nb = {0};
    size_t k = 0;
    for (size_t i = 0; i < ss->n; i++) {
        int over = nb.len + ss->v[i].len > cap;
        if (over && (final || nb.len > cap))
            break;
        size_t off = nb.len;
        if (fmt_buf_append(&nb, ss->buf.data + ss->v[i].off, ss->v[i].len)) {
            fmt_buf_free(&nb);
            return FMT_NOMEM;
        }
        ss->v[k] = ss->v[i];
        ss->v[k++].off = off;
    }
    fmt_buf_free(&ss->buf);
    ss->buf = nb;
    ss->n = k;
    return FMT_OK;
}

/* Sample len bytes of data, hash h, into ss (kept within 2 * cap). */
static int sample_add(sampleset *ss, size_t cap, uint64_t h, const void *data,
                      size_t len)
{
    if (vb_grow(&ss->v, &ss->cap, ss->n + 1, sizeof *ss->v, 256))
        return FMT_NOMEM;
    ss->v[ss->n++] = (sample){h, ss->buf.len, len};
    if (fmt_buf_append(&ss->buf, data, len))
        return FMT_NOMEM;
    return ss->buf.len > 2 * cap ? sample_trim(ss, cap, 0) : FMT_OK;
}

static void sample_free(sampleset *ss)
{
    fmt_buf_free(&ss->buf);
    free(ss->v);
    memset(ss, 0, sizeof *ss);
}

static int add_sample(fmt_writer *w, const fmt_doc *d)
{
    uint64_t h = hash64(d->id, strlen(d->id));
    if (h % SAMPLE_MOD || d->len == 0)
        return FMT_OK;
    /* the whole serialised record, fields too: what gets compressed */
    size_t len = w->enc.len < 65536 ? w->enc.len : 65536;
    int rc = sample_add(&w->srec, SAMPLE_CAP, h, w->enc.data, len);
    /* and its summary (the status is not known yet, and matters little) */
    size_t at = w->ssum.buf.len;
    if (!rc && (rc = record_summary_encode_bare(d, 0, -1, &w->ssum.buf)) == FMT_OK) {
        len = w->ssum.buf.len - at;
        w->ssum.buf.len = at;
        rc = sample_add(&w->ssum, SSAMPLE_CAP, h, w->ssum.buf.data + at, len);
    }
    return rc;
}

static int32_t sort_date(const fmt_doc *d) { return fmt_doc_date(d); }

int fmt_writer_add(fmt_writer *w, const fmt_doc *d)
{
    if (!d->id || !*d->id || strlen(d->id) > 400)
        return build_err(w, FMT_INVALID, "%s: document id missing or too long",
                         d->source ? d->source : "?");
    if (!d->text && d->len)
        return build_err(w, FMT_INVALID, "%s: no text", d->id);
    if (w->ndocs >= UINT32_MAX - 2)
        return build_err(w, FMT_LIMIT, "too many documents");
    size_t klen = 4 + strlen(d->id);
    w->enc.len = 0;
    int rc = record_encode(d, &w->enc);
    if (rc)
        return build_err(w, rc, "out of memory");
    if (w->enc.len > UINT32_MAX - 64)
        return build_err(w, FMT_LIMIT, "%s: document too large", d->id);
    if (vb_grow(&w->offs, &w->capoffs, w->noffs + 1, sizeof *w->offs, 1024))
        return build_err(w, FMT_NOMEM, "out of memory");
    unsigned char hd[8];
    uint32_t kl = (uint32_t)klen, pl = (uint32_t)w->enc.len;
    vb_put_be32(hd + 4, (uint32_t)sort_date(d));
    w->offs[w->noffs] = w->arena.len;
    if (fmt_buf_append(&w->arena, &kl, 4) ||
        fmt_buf_append(&w->arena, hd + 4, 4) ||
        fmt_buf_append(&w->arena, d->id, klen - 4) ||
        fmt_buf_append(&w->arena, &pl, 4) ||
        fmt_buf_append(&w->arena, w->enc.data, w->enc.len) ||
        build_add_meta(w, d) || add_sample(w, d))
        return build_err(w, FMT_NOMEM, "out of memory");
    /* the smallest key so far: appending needs it after the base's */
    const unsigned char *key = (unsigned char *)w->arena.data + w->offs[w->noffs] + 4;
    if (!w->ndocs || runs_key_less(key, kl, (unsigned char *)w->minkey.data,
                                   w->minkey.len)) {
        w->minkey.len = 0;
        if (fmt_buf_append(&w->minkey, key, kl))
            return build_err(w, FMT_NOMEM, "out of memory");
    }
    w->noffs++;
    w->ndocs++;
    w->source_bytes += d->len;
    if (w->arena.len >= RUN_BYTES)
        return runs_spill(w);
    return FMT_OK;
}

int fmt_writer_add_related(fmt_writer *w, const fmt_doc *d)
{
    return build_add_meta(w, d) ? build_err(w, FMT_NOMEM, "out of memory") : FMT_OK;
}

static int put_num(build *b, const char *name, uint64_t v)
{
    char s[32];
    int n = snprintf(s, sizeof s, "%llu", (unsigned long long)v);
    return build_put(b, b->meta, name, strlen(name), s, (size_t)n, 0);
}

static int commit_and_renew(build *b)
{
    int rc = mdb_txn_commit(b->txn);
    b->txn = NULL;
    if (rc)
        return build_mdb_fail(b, rc, "commit");
    pages_drop(b->env); /* the pages written are not read again soon */
    rc = mdb_txn_begin(b->env, NULL, 0, &b->txn);
    return rc ? build_mdb_fail(b, rc, "begin") : FMT_OK;
}

/* A dictionary of at most cap bytes trained on the sample ss (freed). */
static size_t train_one(sampleset *ss, size_t samplecap, unsigned char *dict,
                        size_t cap, int *nomem)
{
    *nomem = 1;
    if (sample_trim(ss, samplecap, 1))
        return 0;
    const char **ptrs = alloc_calloc(ss->n + 1, sizeof *ptrs);
    size_t *lens = alloc_calloc(ss->n + 1, sizeof *lens);
    size_t len = 0;
    if (ptrs && lens) {
        for (size_t i = 0; i < ss->n; i++) {
            ptrs[i] = ss->buf.data + ss->v[i].off;
            lens[i] = ss->v[i].len;
        }
        len = dict_train(ptrs, lens, ss->n, dict, cap);
        *nomem = 0;
    }
    free(ptrs);
    free(lens);
    sample_free(ss);
    return len;
}

/* The records' dictionary and (format 6) the summaries'. Summaries
 * repeat names, parties and ministries, which a dictionary trained on
 * whole records has little room for: measured on 20,000 generated
 * documents, a chunk deflated with its own 32 KiB dictionary is 20%
 * smaller than with the records'. */
static int train_dict(build *b)
{
    fmt_writer *w = b->w;
    int nomem, nomem2;
    b->dictlen = train_one(&w->srec, SAMPLE_CAP, b->dict, sizeof b->dict, &nomem);
    b->sdictlen = train_one(&w->ssum, SSAMPLE_CAP, b->sdict, sizeof b->sdict,
                            &nomem2);
    if (nomem || nomem2)
        return build_err(w, FMT_NOMEM, "out of memory");
    b->zc[0] = dict_zc_new(b->dict, b->dictlen, w->level);
    b->zc[1] = dict_zc_new(b->dict, b->dictlen, w->level);
    b->szc[0] = dict_zc_new(b->sdict, b->sdictlen, 9);
    b->szc[1] = dict_zc_new(b->sdict, b->sdictlen, 9);
    return b->zc[0] && b->zc[1] && b->szc[0] && b->szc[1] ? FMT_OK
                                          : build_err(w, FMT_NOMEM, "out of memory");
}

/* The item just appended to ch->data is complete: a full chunk is
 * written. */
static int chunk_item_done(build *b, chunker *ch, MDB_dbi dbi, uint64_t *bytes)
{
    ch->off[++ch->n] = (uint32_t)ch->data.len;
    return ch->n == VB_CHUNK ? build_flush_chunk(b, ch, dbi, bytes, MDB_APPEND)
                             : FMT_OK;
}

/* Record header + the payload deflated by the compression thread (or
 * stored as it is when deflate did not make it smaller), as store.c reads
 * it, appended to the chunk being filled. */
static int put_record(build *b, const fmt_doc *d, const fmt_buf *payload,
                      const cdoc *c)
{
    unsigned char h[VB_REC_HEAD_MAX];
    int stored = c->clen >= payload->len;
    int primed = !stored && c->ref != NO_REF;
    const char *data = stored ? payload->data : c->out.data;
    size_t dlen = stored ? payload->len : c->clen;
    vb_rechead r = {
        .kind = stored ? VB_REC_STORED : primed ? VB_REC_PRIMED
                                                : VB_REC_DEFLATED,
        .textcrc = fmt_crc32(0, d->text, d->len),
        .plen = (uint32_t)payload->len,
        .pcrc = c->pcrc,
        .ref = c->ref,
    };
    size_t hlen = record_head_put(h, &r, data, dlen);
    if (fmt_buf_append(&b->crec.data, h, hlen) ||
        fmt_buf_append(&b->crec.data, data, dlen))
        return build_err(b->w, FMT_NOMEM, "out of memory");
    return chunk_item_done(b, &b->crec, b->docs, &b->records_bytes);
}

/* id -> docno; a second document with the same id is an error naming both
 * sources. */
static int put_id(build *b, uint32_t docno, const fmt_doc *d)
{
    size_t n = strlen(d->id);
    char key[IDTAB_KEYMAX];
    if (n == 0 || n + 1 > sizeof key)
        return build_err(b->w, FMT_INVALID, "%s: id of %zu bytes",
                         d->source ? d->source : "?", n);
    key[0] = 'd';
    memcpy(key + 1, d->id, n);
    unsigned char v[4];
    vb_put_be32(v, docno);
    const unsigned char *bv;
    size_t bvl;
    int rc = b->base ? idtab_get(b->base, key, n + 1, &bv, &bvl) : FMT_NOTFOUND;
    if (rc == FMT_NOTFOUND)
        rc = idtab_add(&b->ids_out, key, n + 1, v, 4);
    else if (rc == FMT_OK)
        rc = 1;
    else
        return build_err(b->w, rc, "%s", fmt_errmsg(b->base));
    if (rc == 1)
        return build_err(b->w, FMT_INVALID,
                         "duplicate id '%s': %s and another source both give it",
                         d->id, d->source ? d->source : "?");
    return rc ? build_err(b->w, rc, "out of memory") : FMT_OK;
}

static int add_one(build *b, uint32_t docno, const fmt_buf *payload,
                   const cdoc *c, fmt_doc *d)
{
    int rc = record_decode((const unsigned char *)payload->data,
                           payload->len, d);
    if (rc)
        return build_err(b->w, rc, "record %u: cannot re-read", docno);
    int days, status = build_status(d, b->zaken, b->nzaken, &days);
    if ((rc = put_record(b, d, payload, c)) || (rc = put_id(b, docno, d)))
        return rc;
    if (fmt_buf_append(&b->csum.data, c->sumz.data, c->sumz.len))
        return build_err(b->w, FMT_NOMEM, "out of memory");
    if ((rc = chunk_item_done(b, &b->csum, b->summary, NULL)))
        return rc;
    if ((rc = index_add(b->ix, docno, d, status)))
        return build_err(b->w, rc, "%s: indexing: %s", d->id,
                         index_errmsg(b->ix));
    if (d->kind >= 0 && d->kind < 4)
        b->kinds[d->kind]++;
    int32_t dt = sort_date(d);
    if (dt && (!b->first || dt < b->first))
        b->first = dt;
    if (dt > b->last)
        b->last = dt;
    return FMT_OK;
}

/* zaak -> its documents: questions, notices, answers, each by docno. Built
 * from the index's zaak list once every document is numbered. */
static int write_zaken(build *b)
{
    size_t n;
    const vb_zaakdoc *zd = index_zaakdocs(b->ix, &n);
    static const int order[4] = {3, 0, 2, 1}; /* none, q, a, notice */
    for (size_t i = 0; i < n;) {
        size_t j = i, nold = 0;
        while (j < n && !strcmp(zd[j].zaak, zd[i].zaak))
            j++;
        int rc = b->base ? append_zaak(b, zd[i].zaak, &nold) : FMT_OK;
        if (rc)
            return rc;
        if (b->base && !nold)
            b->new_zaken++;
        b->zbuf.len = 0;
        for (int pass = 0; pass < 4; pass++) {
            /* appending: the base's documents come first, in its order */
            for (size_t k = 0; k < nold; k++) {
                uint32_t d = b->zdocs[k];
                if (d >= b->nbase || order[b->base->col_kind[d] & 3] != pass)
                    continue;
                unsigned char v[4];
                vb_put_be32(v, d);
                if (fmt_buf_append(&b->zbuf, v, 4))
                    return build_err(b->w, FMT_NOMEM, "out of memory");
            }
            for (size_t k = i; k < j; k++) {
                if (order[zd[k].kind & 3] != pass)
                    continue;
                unsigned char v[4];
                vb_put_be32(v, zd[k].docno);
                if (fmt_buf_append(&b->zbuf, v, 4))
                    return build_err(b->w, FMT_NOMEM, "out of memory");
            }
        }
        char key[20];
        size_t zl = strlen(zd[i].zaak);
        key[0] = 'z';
        memcpy(key + 1, zd[i].zaak, zl);
        rc = idtab_add(&b->ids_out, key, zl + 1, b->zbuf.data, b->zbuf.len);
        if (rc)
            return build_err(b->w, rc, "out of memory");
        i = j;
    }
    return FMT_OK;
}

static int put_append(void *ctx, MDB_dbi dbi, const void *k, size_t kl,
                      const void *v, size_t vl)
{
    return build_put(ctx, dbi, k, kl, v, vl, MDB_APPEND);
}

/* The ids table, all at once (idtab.c): appending, the base's entries
 * with the new ones, in place of the base's blocks. */
static int write_ids(build *b)
{
    int rc = b->base ? mdb_drop(b->txn, b->ids, 0) : 0;
    if (rc)
        return build_mdb_fail(b, rc, "empty the ids table");
    rc = idtab_write(&b->ids_out, b->base, b->ids, put_append, b);
    if (rc == FMT_CORRUPT)
        return build_err(b->w, rc, "%s", fmt_errmsg(b->base));
    if (rc == FMT_NOMEM)
        return build_err(b->w, rc, "out of memory");
    return rc;
}

static int write_meta(build *b, uint64_t ndocs, uint64_t index_bytes)
{
    fmt_writer *w = b->w;
    int rc = put_num(b, "version", FMT_VERSION_NUMBER);
    rc = rc ? rc : build_put(b, b->meta, "title", 5, w->title, strlen(w->title), 0);
    rc = rc ? rc : build_put(b, b->meta, "edition", 7, w->edition, strlen(w->edition), 0);
    /* Without SOURCE_DATE_EPOCH the newest document's date stands for the
     * edition's date: the clock would make every pack differ. */
    int64_t created = w->created > 0 ? w->created
                                     : (int64_t)record_days(b->last) * 86400;
    rc = rc ? rc : put_num(b, "created", (uint64_t)(created > 0 ? created : 0));
    rc = rc ? rc : put_num(b, "documents", ndocs);
    rc = rc ? rc : put_num(b, "questions", b->kinds[FMT_QUESTION]);
    rc = rc ? rc : put_num(b, "answers", b->kinds[FMT_ANSWER]);
    rc = rc ? rc : put_num(b, "notices", b->kinds[FMT_NOTICE]);
    rc = rc ? rc : put_num(b, "zaken", b->base ? b->binfo.zaken + b->new_zaken
                                                : index_nzaken(b->ix));
    rc = rc ? rc : put_num(b, "first", (uint64_t)(b->first > 0 ? b->first : 0));
    rc = rc ? rc : put_num(b, "last", (uint64_t)(b->last > 0 ? b->last : 0));
    rc = rc ? rc : put_num(b, "source_bytes",
                           w->source_bytes + b->binfo.source_bytes);
    rc = rc ? rc : put_num(b, "level", (uint64_t)w->level);
    if (!rc && w->nparts) {
        char pt[32];
        int n = snprintf(pt, sizeof pt, "%u/%u", w->part, w->nparts);
        rc = build_put(b, b->meta, "part", 4, pt, (size_t)n, 0);
        rc = rc ? rc : put_num(b, "split", w->split);
        if (!rc && w->partsums)
            rc = build_put(b, b->meta, "partsums", 8, w->partsums,
                           strlen(w->partsums), 0);
    }
    rc = rc ? rc : (b->base ? append_lineage(b) : FMT_OK);
    rc = rc ? rc : put_num(b, "records_bytes", b->records_bytes + b->dictlen);
    rc = rc ? rc : put_num(b, "index_bytes", index_bytes);
    rc = rc ? rc : put_num(b, "terms", index_nterms(b->ix));
    /* the common words whose pairs are indexed (tdict.h) */
    rc = rc ? rc : build_put(b, b->meta, "pairs", 5, tdict_pair_words,
                             strlen(tdict_pair_words), 0);
    rc = rc ? rc : build_put(b, b->meta, "dict", 4, b->dict, b->dictlen, 0);
    /* the summary dictionary and its CRC (store.c checks it on open) */
    if (!rc) {
        unsigned char sd[VB_SDICT_MAX + 4];
        memcpy(sd, b->sdict, b->sdictlen);
        vb_put_be32(sd + b->sdictlen, fmt_crc32(0, b->sdict, b->sdictlen));
        rc = build_put(b, b->meta, "sdict", 5, sd, b->sdictlen + 4, 0);
    }
    /* Last: a CRC of every other entry, so a damaged count or title is
     * reported rather than shown (see check_meta_sum in store.c). */
    uint32_t sum;
    unsigned char be[4];
    rc = rc ? rc : store_meta_sum(b->txn, b->meta, &sum);
    if (!rc) {
        vb_put_be32(be, sum);
        rc = build_put(b, b->meta, "sum", 3, be, 4, 0);
    }
    return rc;
}

/* Compress the documents of bt not taken yet. Both threads may run this
 * on one batch: each takes the next document, so when the main thread has
 * written its batch before the compression thread is done, it helps. */
static void compress_some(batch *bt, dict_zc *zc, dict_zc *szc)
{
    size_t i;
    fmt_doc doc = {0};
    fmt_buf raw = {0};
    while ((i = atomic_fetch_add(&bt->next, 1)) < bt->n) {
        cdoc *c = &bt->doc[i];
        size_t bound = dict_zc_bound(c->payload.len);
        c->out.len = 0;
        c->pcrc = fmt_crc32(0, c->payload.data, c->payload.len);
        int bad = fmt_buf_reserve(&c->out, bound) != FMT_OK;
        if (!bad && c->ref != NO_REF) {
            unsigned char d[32768];
            size_t dl = record_ref_dict(bt->dict, bt->dictlen,
                                        (unsigned char *)c->reftext.data,
                                        c->reftext.len, d);
            bad = dict_zc_deflate_dict(zc, d, dl, c->payload.data,
                                       c->payload.len,
                                       (unsigned char *)c->out.data, bound,
                                       &c->clen);
        } else if (!bad) {
            bad = dict_zc_deflate(zc, c->payload.data, c->payload.len,
                                  (unsigned char *)c->out.data, bound,
                                  &c->clen);
        }
        /* the summary too: its chunk is read on every result list, so
         * it is deflated (format 6), and here that costs the writing
         * thread nothing */
        if (!bad)
            bad = record_decode((const unsigned char *)c->payload.data,
                                c->payload.len, &doc) != FMT_OK;
        if (!bad) {
            int days, status = build_status(&doc, bt->zaken, bt->nzaken, &days);
            bad = build_summary_deflate(szc, &doc, status, days, &raw,
                                        &c->sumz) != FMT_OK;
        }
        if (bad)
            atomic_store(&bt->failed, 1);
    }
    fmt_doc_free(&doc);
    fmt_buf_free(&raw);
}

static void *compress_batch(void *arg)
{
    batch *bt = arg;
    double t0 = now_s();
    compress_some(bt, bt->zc, bt->szc);
    bt->busy += now_s() - t0;
    return NULL;
}

/* Fill bt with the next documents of the merged runs. */
static int fill_batch(build *b, run *runs, size_t nr, batch *bt)
{
    bt->n = 0;
    atomic_store(&bt->failed, 0);
    atomic_store(&bt->next, 0);
    run *r;
    while (bt->n < BATCH && (r = runs_min(runs, nr)) != NULL) {
        /* hand the run's buffer over instead of copying it */
        fmt_buf t = bt->doc[bt->n].payload;
        bt->doc[bt->n].payload = r->payload;
        r->payload = t;
        if (prime_choose(b, &bt->doc[bt->n], b->fillno++))
            return FMT_NOMEM;
        bt->n++;
        int rc = runs_next(r);
        if (rc)
            return rc;
    }
    return FMT_OK;
}

static int write_batch(build *b, batch *bt, uint32_t *docno, fmt_doc *d)
{
    int rc = FMT_OK;
    if (atomic_load(&bt->failed))
        return build_err(b->w, FMT_NOMEM, "compression failed (out of memory)");
    for (size_t i = 0; i < bt->n && !rc; i++) {
        rc = add_one(b, *docno, &bt->doc[i].payload, &bt->doc[i], d);
        build_trim(&bt->doc[i].payload, 0);
        build_trim(&bt->doc[i].out, 0);
        build_trim(&bt->doc[i].sumz, 0);
        fmt_buf_free(&bt->doc[i].reftext); /* up to 32 KiB, and only answers */
        if (!rc && ++*docno % COMMIT_EVERY == 0) {
            rc = commit_and_renew(b);
            if (b->w->progress)
                b->w->progress(b->w->pctx, "write", *docno, b->w->ndocs);
        }
    }
    return rc;
}

static void free_batch(batch *bt)
{
    for (size_t i = 0; i < BATCH; i++) {
        fmt_buf_free(&bt->doc[i].payload);
        fmt_buf_free(&bt->doc[i].out);
        fmt_buf_free(&bt->doc[i].reftext);
        fmt_buf_free(&bt->doc[i].sumz);
    }
}

/* Merge the runs in (date, id) order through the two-stage pipeline. */
static int pipeline(build *b, run *runs, size_t nr)
{
    batch *bt = alloc_calloc(2, sizeof *bt);
    if (!bt)
        return build_err(b->w, FMT_NOMEM, "out of memory");
    bt[0].zc = bt[1].zc = b->zc[0];
    bt[0].zc_main = bt[1].zc_main = b->zc[1];
    bt[0].szc = bt[1].szc = b->szc[0];
    bt[0].szc_main = bt[1].szc_main = b->szc[1];
    bt[0].zaken = bt[1].zaken = b->zaken;
    bt[0].nzaken = bt[1].nzaken = b->nzaken;
    fmt_doc d = {0};
    uint32_t docno = b->nbase;
    bt[0].dict = bt[1].dict = b->dict;
    bt[0].dictlen = bt[1].dictlen = b->dictlen;
    int cur = 0, rc = fill_batch(b, runs, nr, &bt[0]);
    pthread_t th;
    int running = 0;
    double busy_main = 0, help_main = 0;
    if (!rc && bt[0].n) {
        running = pthread_create(&th, NULL, compress_batch, &bt[0]) == 0;
        if (!running)
            compress_batch(&bt[0]);
    }
    while (!rc && bt[cur].n) {
        batch *next = &bt[!cur];
        rc = fill_batch(b, runs, nr, next);
        if (running) {
            pthread_join(th, NULL);
            running = 0;
        }
        if (!rc && next->n) {
            running = pthread_create(&th, NULL, compress_batch, next) == 0;
            if (!running)
                compress_batch(next);
        }
        double t0 = now_s();
        if (!rc)
            rc = write_batch(b, &bt[cur], &docno, &d);
        busy_main += now_s() - t0;
        pages_drop(b->env);
        bt[cur].n = 0;
        if (running) { /* the next batch is not done: help with it */
            double t1 = now_s();
            compress_some(next, next->zc_main, next->szc_main);
            help_main += now_s() - t1;
        }
        cur = !cur;
    }
    if (running)
        pthread_join(th, NULL);
    /* where the pipeline's time went, for whoever tunes it */
    if (b->w->progress) {
        b->w->progress(b->w->pctx, "busy-deflate",
                       (uint64_t)((bt[0].busy + bt[1].busy) * 1000), 0);
        b->w->progress(b->w->pctx, "busy-index", (uint64_t)(busy_main * 1000),
                       0);
        b->w->progress(b->w->pctx, "busy-helping", (uint64_t)(help_main * 1000),
                       0);
    }
    if (rc == FMT_IO)
        build_err(b->w, rc, "%s: reading a temporary file", b->w->tmpdir);
    else if (rc == FMT_NOMEM && !b->w->err[0])
        build_err(b->w, rc, "out of memory");
    fmt_doc_free(&d);
    free_batch(&bt[0]);
    free_batch(&bt[1]);
    free(bt);
    return rc;
}

static int merge_all(build *b)
{
    run *runs;
    size_t nr;
    int rc = runs_open(b->w, &runs, &nr);
    if (!runs)
        return rc;
    if (!rc)
        rc = pipeline(b, runs, nr);
    if (!rc)
        rc = build_flush_chunk(b, &b->crec, b->docs, &b->records_bytes,
                               MDB_APPEND);
    if (!rc)
        rc = build_flush_chunk(b, &b->csum, b->summary, NULL, MDB_APPEND);
    runs_free(b->w, runs, nr);
    return rc;
}

static void build_free(build *b)
{
    if (b->hashing)
        publish_hash_join(&b->bhash);
    if (b->basefd > 0)
        close(b->basefd);
    if (b->txn)
        mdb_txn_abort(b->txn);
    if (b->env)
        mdb_env_close(b->env);
    if (b->tmp_made)
        unlink(b->tmp);
    if (b->ix)
        index_free(b->ix);
    for (int i = 0; i < 2; i++)
        if (b->zc[i])
            dict_zc_free(b->zc[i]);
    for (int i = 0; i < 2; i++)
        if (b->szc[i])
            dict_zc_free(b->szc[i]);
    fmt_buf_free(&b->sz);
    idtab_builder_free(&b->ids_out);
    free(b->zaken);
    free(b->touched);
    free(b->zdocs);
    fmt_doc_free(&b->bdoc);
    fmt_buf_free(&b->back);
    fmt_buf_free(&b->rec);
    fmt_buf_free(&b->zbuf);
    fmt_buf_free(&b->crec.data);
    fmt_buf_free(&b->csum.data);
    for (size_t i = 0; i < QRING; i++)
        fmt_buf_free(&b->qring[i].text);
}

/* A fresh pack (base NULL) or an append to base. */
static int finish(fmt_writer *w, fmt_archive *base, char *msg, size_t msglen)
{
    build b;
    memset(&b, 0, sizeof b);
    b.w = w;
    b.base = base;
    b.csum.zipped = 1;
    int rc = FMT_OK;
    snprintf(b.tmp, sizeof b.tmp, "%s.tmp-%ld", w->path, (long)getpid());
    if (base) {
        b.nbase = base->ndocs;
        if (!fmt_writer_can_append(w, base))
            rc = build_err(w, FMT_INVALID, "%s: the new documents do not all come "
                           "after its own: cannot append", base->path);
        else if (fmt_get_info(base, &b.binfo))
            rc = build_err(w, FMT_CORRUPT, "%s", fmt_errmsg(base));
    }
    if (!rc && w->nspills && (rc = runs_spill(w)) == FMT_OK)
        fmt_buf_free(&w->arena); /* everything is in runs on disk now */
    build_progress(&b, "sources", w->ndocs, w->ndocs);
    if (!rc && base)
        rc = append_zaken(&b);
    if (!rc) {
        b.zaken = build_zaken(w, &b.nzaken);
        if (!b.zaken)
            rc = build_err(w, FMT_NOMEM, "out of memory");
    }
    if (!rc)
        rc = base ? append_dict(&b) : train_dict(&b);
    build_progress(&b, "dict", 0, w->ndocs);
    if (!rc) {
        publish_clean_stale(w);
        if (base) {
            rc = append_copy(&b);
            build_progress(&b, "copy", w->ndocs, w->ndocs);
        }
    }
    if (!rc)
        rc = publish_open(&b);
    if (!rc && !(b.ix = index_new(w->tmpdir, (uint32_t)(b.nbase + w->ndocs))))
        rc = build_err(w, FMT_NOMEM, "out of memory");
    if (!rc && base)
        rc = append_start(&b);
    if (!rc)
        rc = merge_all(&b);
    build_progress(&b, "merged", w->ndocs, w->ndocs);
    if (!rc && base)
        rc = append_restatus(&b);
    pages_drop(b.env);
    build_progress(&b, "statuses", w->ndocs, w->ndocs);
    uint64_t index_bytes = 0;
    if (!rc && (rc = index_finish(b.ix, b.env, &b.txn, &index_bytes)))
        build_err(w, rc, "index: %s", index_errmsg(b.ix));
    index_bytes += b.binfo.index_bytes; /* appending: finish gave the change */
    build_progress(&b, "index", w->ndocs, w->ndocs);
    if (!rc)
        rc = write_zaken(&b);
    if (!rc)
        rc = write_ids(&b);
    if (!rc)
        rc = publish_shrink_map(&b);
    build_progress(&b, "zaken", w->ndocs, w->ndocs);
    if (!rc)
        rc = publish_positions(&b, b.docs, "dpos");
    if (!rc)
        rc = publish_positions(&b, b.summary, "spos");
    if (!rc)
        rc = write_meta(&b, b.nbase + w->ndocs, index_bytes);
    if (!rc) {
        rc = mdb_txn_commit(b.txn);
        b.txn = NULL;
        if (rc)
            rc = build_mdb_fail(&b, rc, "commit");
    }
    build_progress(&b, "meta", w->ndocs, w->ndocs);
    if (!rc)
        rc = publish_file(&b);
    build_progress(&b, "published", w->ndocs, w->ndocs);
    build_free(&b);
    if (msg && msglen)
        snprintf(msg, msglen, "%s", rc ? w->err : "");
    fmt_writer_abort(w);
    return rc;
}

int fmt_writer_finish(fmt_writer *w, char *msg, size_t msglen)
{
    return finish(w, NULL, msg, msglen);
}

int fmt_writer_finish_append(fmt_writer *w, fmt_archive *base, char *msg,
                             size_t msglen)
{
    return finish(w, base, msg, msglen);
}

void fmt_writer_abort(fmt_writer *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nspills; i++)
        fclose(w->spills[i]);
    free(w->spills);
    fmt_buf_free(&w->arena);
    sample_free(&w->srec);
    sample_free(&w->ssum);
    fmt_buf_free(&w->enc);
    fmt_buf_free(&w->minkey);
    free(w->partsums);
    free(w->offs);
    free(w->meta);
    free(w);
}
