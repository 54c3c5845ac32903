/* build.c - what every step of building an archive uses (writer_int.h
 * says who calls whom): the writer's error message, progress, LMDB puts
 * in the build's transaction, writing a chunk of records or summaries,
 * and the zaak status (a question answered, late, withdrawn) worked out
 * from what each document's header says.
 */
#include <stdarg.h>
#include <stdio.h>
#include "writer_int.h"

int build_err(fmt_writer *w, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->err, sizeof w->err, fmt, ap);
    va_end(ap);
    return code;
}

void build_progress(build *b, const char *phase, uint64_t done, uint64_t n)
{
    if (b->w->progress)
        b->w->progress(b->w->pctx, phase, done, n);
}

int build_mdb_fail(build *b, int rc, const char *what)
{
    char why[1200];
    return build_err(b->w, error_mdb_code(rc), "%s: %s: %s", b->w->path, what,
                     error_io_why(rc, b->tmp, why, sizeof why));
}

int build_put(build *b, MDB_dbi dbi, const void *k, size_t kl, const void *v,
              size_t vl, unsigned flags)
{
    MDB_val key = {kl, (void *)k}, val = {vl, (void *)v};
    int rc = mdb_put(b->txn, dbi, &key, &val, flags);
    return rc ? build_mdb_fail(b, rc, "write") : FMT_OK;
}

/* Write the chunk gathered so far into dbi; *bytes grows by its size. */
int build_flush_chunk(build *b, chunker *ch, MDB_dbi dbi, uint64_t *bytes,
                      unsigned flags)
{
    if (!ch->n)
        return FMT_OK;
    unsigned char key[4];
    if (ch->zipped) {
        size_t len = record_zchunk_size(ch->n, ch->off);
        b->rec.len = 0;
        if (fmt_buf_reserve(&b->rec, len))
            return build_err(b->w, FMT_NOMEM, "out of memory");
        record_zchunk_put((unsigned char *)b->rec.data, ch->n, ch->off,
                          ch->data.data);
        vb_put_be32(key, ch->no++);
        if (bytes)
            *bytes += len;
        ch->data.len = 0;
        ch->n = 0;
        return build_put(b, dbi, key, 4, b->rec.data, len, flags);
    }
    size_t head = record_chunk_head(ch->n);
    b->rec.len = 0;
    if (fmt_buf_reserve(&b->rec, head + ch->data.len))
        return build_err(b->w, FMT_NOMEM, "out of memory");
    unsigned char *p = (unsigned char *)b->rec.data;
    record_chunk_put_head(p, ch->n, ch->off);
    memcpy(p + head, ch->data.data, ch->data.len);
    vb_put_be32(key, ch->no++);
    if (bytes)
        *bytes += head + ch->data.len;
    int rc = build_put(b, dbi, key, 4, p, head + ch->data.len, flags);
    ch->data.len = 0;
    ch->n = 0;
    return rc;
}

int build_summary_deflate(dict_zc *zc, const fmt_doc *d, int status, int days,
                          fmt_buf *raw, fmt_buf *out)
{
    raw->len = out->len = 0;
    if (record_summary_encode_bare(d, status, days, raw))
        return FMT_NOMEM;
    size_t cap = dict_zc_bound(raw->len);
    if (fmt_buf_reserve(out, cap) ||
        dict_zc_deflate(zc, raw->data, raw->len, (unsigned char *)out->data,
                        cap, &out->len))
        return FMT_NOMEM;
    build_trim(raw, 0);
    return FMT_OK;
}

int build_summary_add(build *b, chunker *ch, const fmt_doc *d, int status,
                      int days)
{
    if (build_summary_deflate(b->szc[1], d, status, days, &b->sz, &b->rec) ||
        fmt_buf_append(&ch->data, b->rec.data, b->rec.len))
        return build_err(b->w, FMT_NOMEM, "out of memory");
    return FMT_OK;
}

/* A withdrawn question says so in its header or first lines. */
static int says_withdrawn(const fmt_doc *d)
{
    size_t look = d->len < 2048 ? d->len : 2048;
    for (size_t i = 0; i + 11 <= look; i++)
        if (!memcmp(d->text + i, "ingetrokken", 11))
            return 1;
    return 0;
}

int build_add_meta(fmt_writer *w, const fmt_doc *d)
{
    if (vb_grow(&w->meta, &w->capmeta, w->nmeta + 1, sizeof *w->meta, 1024))
        return FMT_NOMEM;
    docmeta *m = &w->meta[w->nmeta++];
    memset(m, 0, sizeof *m);
    memcpy(m->zaak, d->zaak, sizeof m->zaak);
    m->zaak[sizeof m->zaak - 1] = 0;
    m->kind = (uint8_t)d->kind;
    m->submitted = d->submitted;
    m->received = d->received;
    m->withdrawn = says_withdrawn(d);
    return FMT_OK;
}

static int zi_cmp(const void *a, const void *b)
{
    return strcmp(((const zaakinfo *)a)->zaak, ((const zaakinfo *)b)->zaak);
}

int build_meta_cmp(const void *a, const void *b)
{
    return strcmp(((const docmeta *)a)->zaak, ((const docmeta *)b)->zaak);
}

/* One entry per zaak, sorted, from the per-document metadata. */
zaakinfo *build_zaken(fmt_writer *w, size_t *nz)
{
    vb_sort(w->meta, w->nmeta, sizeof *w->meta, build_meta_cmp);
    zaakinfo *z = alloc_calloc(w->nmeta + 1, sizeof *z);
    if (!z)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < w->nmeta; i++) {
        const docmeta *m = &w->meta[i];
        if (!m->zaak[0])
            continue;
        if (!n || strcmp(z[n - 1].zaak, m->zaak))
            memcpy(z[n++].zaak, m->zaak, sizeof m->zaak);
        zaakinfo *e = &z[n - 1];
        int32_t sub = m->submitted;
        if (sub && (!e->asked || sub < e->asked))
            e->asked = sub;
        if (m->kind == FMT_ANSWER)
            e->has_answer = 1;
        if (m->kind == FMT_ANSWER && m->received &&
            (!e->answered || m->received < e->answered))
            e->answered = m->received;
        if (m->kind == FMT_NOTICE)
            e->noticed = 1;
        if (m->withdrawn && m->kind == FMT_QUESTION)
            e->withdrawn = 1;
    }
    *nz = n;
    free(w->meta);
    w->meta = NULL;
    w->nmeta = w->capmeta = 0;
    return z;
}

/* The status of d's zaak, and the days it took to answer (-1: none). */
int build_status(const fmt_doc *d, const zaakinfo *z, size_t nz,
                 int *days)
{
    *days = -1;
    if (d->kind == FMT_ANSWER && d->submitted && d->received) {
        *days = record_days(d->received) - record_days(d->submitted);
        if (*days < 0)
            *days = -1;
    }
    /* Without a zaak a document is its own case: an answer is answered
     * (in days when its header gives both dates), a notice says the answer
     * is late, a question is open. */
    if (!d->zaak[0]) {
        if (d->kind == FMT_ANSWER || *days >= 0)
            return *days > 21 ? FMT_STATUS_LATE : FMT_STATUS_ANSWERED;
        if (d->kind == FMT_NOTICE)
            return FMT_STATUS_NOTICE;
        if (d->kind != FMT_QUESTION)
            return FMT_STATUS_NONE;
        return says_withdrawn(d) ? FMT_STATUS_WITHDRAWN : FMT_STATUS_OPEN;
    }
    zaakinfo key;
    memcpy(key.zaak, d->zaak, sizeof key.zaak);
    key.zaak[sizeof key.zaak - 1] = 0;
    const zaakinfo *e = bsearch(&key, z, nz, sizeof *z, zi_cmp);
    if (!e)
        return FMT_STATUS_NONE;
    if (e->withdrawn)
        return FMT_STATUS_WITHDRAWN;
    /* answered whenever an answer is here, whatever else is missing */
    if (!e->has_answer)
        return e->noticed ? FMT_STATUS_NOTICE : FMT_STATUS_OPEN;
    if (!e->answered) /* its date unknown: answered, in days unknown */
        return *days > 21 ? FMT_STATUS_LATE : FMT_STATUS_ANSWERED;
    int32_t asked = e->asked ? e->asked : d->submitted;
    if (*days < 0 && asked) {
        *days = record_days(e->answered) - record_days(asked);
        if (*days < 0)
            *days = -1;
    }
    return *days > 21 ? FMT_STATUS_LATE : FMT_STATUS_ANSWERED;
}

zaakinfo *build_find_zaak(build *b, const char *zaak)
{
    zaakinfo key;
    memset(&key, 0, sizeof key);
    snprintf(key.zaak, sizeof key.zaak, "%s", zaak);
    return bsearch(&key, b->zaken, b->nzaken, sizeof *b->zaken, zi_cmp);
}

/* Give back a reused buffer that an outsized document grew, so that what
 * the pipeline holds stays bounded by the batch, not by the largest
 * documents of the corpus it has seen. 8 KB: with answers filed under
 * their own date a batch can be all answers (the newest weeks), whose
 * records are twice a question's; at 16 KB the two batches kept 10 MB
 * more at the peak of a 100,000-document pack (98 MB against 87). */
#define TRIM_CAP (8u << 10)
void build_trim(fmt_buf *b, size_t need)
{
    if (b->cap > TRIM_CAP && need <= TRIM_CAP)
        fmt_buf_free(b);
}
