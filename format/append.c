/* append.c - an update that appends (fmt_writer_finish_append): the new
 * edition is built on a copy of the base archive, whose documents all
 * sort before the new ones. The base's documents in the zaken the new
 * ones join go into the zaak table; its dictionary is kept; its partly
 * filled last chunks are filled up; the summaries whose status changed are
 * rewritten; the new edition's lineage names the base. A question of the
 * base primes its new answers (prime.c asks append_zaak).
 */
#define _GNU_SOURCE /* copy_file_range, sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "writer_int.h"
#include "tdict.h"

/* Appending: the editions the new one grew from, oldest first, so that
 * `vbpack patch` can build it again byte for byte (fmt_lineage): the
 * base's own lineage, then the base. Per edition: its SHA-256 (32 bytes),
 * documents (u32 BE), deflate level (u8, 0: unknown), created (u64 BE),
 * title and edition (u8 length + bytes each). */
int append_lineage(build *b)
{
    const fmt_info *in = &b->binfo;
    const unsigned char *v = NULL;
    size_t vl = 0;
    fmt_buf l = {0};
    fmt_edition *old;
    size_t nold;
    int rc = fmt_lineage(b->base, &old, &nold); /* it is sound: carried on */
    free(old);
    if (rc)
        return build_err(b->w, rc, "%s", fmt_errmsg(b->base));
    rc = store_get(b->base, b->base->meta, "lineage", 7, &v, &vl);
    if (rc == FMT_NOTFOUND)
        vl = 0;
    else if (rc)
        return build_err(b->w, rc, "%s", fmt_errmsg(b->base));
    unsigned char e[45];
    for (int i = 0; i < 32; i++) {
        unsigned x;
        sscanf(in->checksum + 2 * i, "%2x", &x);
        e[i] = (unsigned char)x;
    }
    vb_put_be32(e + 32, in->documents);
    e[36] = (unsigned char)in->level;
    vb_put_be64(e + 37, (uint64_t)in->created);
    unsigned char tl = (unsigned char)strlen(in->title),
                  el = (unsigned char)strlen(in->edition);
    if ((vl && fmt_buf_append(&l, v, vl)) || fmt_buf_append(&l, e, sizeof e) ||
        fmt_buf_append(&l, &tl, 1) || fmt_buf_append(&l, in->title, tl) ||
        fmt_buf_append(&l, &el, 1) || fmt_buf_append(&l, in->edition, el))
        rc = build_err(b->w, FMT_NOMEM, "out of memory");
    else
        rc = build_put(b, b->meta, "lineage", 7, l.data, l.len, 0);
    fmt_buf_free(&l);
    return rc;
}

/* Appending: the base archive's documents of zaak into b->zdocs (*n of
 * them; 0 when it has none). FMT_OK, or an error of the base. */
int append_zaak(build *b, const char *zaak, size_t *n)
{
    *n = 0;
    for (;;) {
        size_t got;
        int rc = fmt_zaak_docs(b->base, zaak, b->zdocs, b->capzdocs, &got);
        if (rc == FMT_NOTFOUND)
            return FMT_OK;
        if (rc)
            return build_err(b->w, rc, "%s", fmt_errmsg(b->base));
        if (got <= b->capzdocs) {
            *n = got;
            return FMT_OK;
        }
        if (vb_grow(&b->zdocs, &b->capzdocs, got, sizeof *b->zdocs, 64))
            return build_err(b->w, FMT_NOMEM, "out of memory");
    }
}

/* The sort key of the base's last document: u32 BE date, then its id. */
static int base_last_key(fmt_archive *a, fmt_buf *key)
{
    fmt_summary s = {0};
    int rc = fmt_get_summary(a, a->ndocs - 1, &s);
    key->len = 0;
    if (!rc && (fmt_buf_append(key, a->col_date + 4 * (size_t)(a->ndocs - 1), 4) ||
                fmt_buf_append(key, s.id, strlen(s.id))))
        rc = FMT_NOMEM;
    fmt_summary_free(&s);
    return rc;
}

int fmt_writer_can_append(fmt_writer *w, fmt_archive *base)
{
    if (!w->ndocs || base->version != FMT_VERSION_NUMBER || !base->ndocs || !base->checksum[0] ||
        base->ndocs >= UINT32_MAX - 2 - w->ndocs)
        return 0;
    /* the same pairs of common words indexed (tdict.h), or packed again */
    const char *pw;
    size_t pwl;
    if (tdict_pairs(base, &pw, &pwl) || pwl != strlen(tdict_pair_words) ||
        memcmp(pw, tdict_pair_words, pwl))
        return 0;
    fmt_buf last = {0};
    int ok = !base_last_key(base, &last) &&
             runs_key_less((unsigned char *)last.data, last.len,
                           (unsigned char *)w->minkey.data, w->minkey.len);
    fmt_buf_free(&last);
    return ok;
}

/* The base's documents in the zaken the new documents join: their
 * metadata goes with the new documents' into the zaak table (an answer
 * changes its question's status), and they are remembered in b->touched
 * so that append_restatus() can rewrite the summaries whose status changed. */
int append_zaken(build *b)
{
    fmt_writer *w = b->w;
    size_t nnew = w->nmeta;
    vb_sort(w->meta, nnew, sizeof *w->meta, build_meta_cmp);
    for (size_t i = 0; i < nnew; i++) {
        char zaak[16];
        memcpy(zaak, w->meta[i].zaak, sizeof zaak);
        if (!zaak[0] || (i && !strcmp(zaak, w->meta[i - 1].zaak)))
            continue;
        size_t n;
        int rc = append_zaak(b, zaak, &n);
        for (size_t k = 0; k < n && !rc; k++) {
            uint32_t d = b->zdocs[k];
            if ((rc = fmt_get(b->base, d, &b->bdoc)))
                return build_err(w, rc, "%s", fmt_errmsg(b->base));
            if (build_add_meta(w, &b->bdoc) ||
                vb_grow(&b->touched, &b->captouched, b->ntouched + 1,
                        sizeof *b->touched, 64))
                return build_err(w, FMT_NOMEM, "out of memory");
            b->touched[b->ntouched++] = d;
        }
        if (rc)
            return rc;
    }
    return FMT_OK;
}

/* Copy the base's LMDB file (what precedes its trailer) to b->tmp. It is
 * hashed at the end, on the core the sync leaves idle (publish_file), and
 * its base_checked() refuses a base that no longer matches its checksum
 * before anything is renamed into place, so damage is not carried into
 * the next edition. */
int append_copy(build *b)
{
    fmt_archive *a = b->base;
    b->basefd = open(a->path, O_RDONLY | O_CLOEXEC);
    if (b->basefd < 0)
        return build_err(b->w, FMT_IO, "%s: %s", a->path, strerror(errno));

    int out, rc0 = publish_tmp_create(b, &out);
    if (rc0)
        return rc0;
    /* the kernel copies page cache to page cache; read and write when it
     * cannot (another file system, an old kernel) */
    off_t in_off = 0, out_off = 0;
    uint64_t left = a->content_len;
    int rc = FMT_OK;
    while (left) {
        ssize_t n = copy_file_range(b->basefd, &in_off, out, &out_off,
                                    left < (1u << 30) ? (size_t)left : 1u << 30, 0);
        if (n <= 0)
            break;
        left -= (uint64_t)n;
    }
    unsigned char *buf = left ? alloc_malloc(1 << 16) : NULL;
    if (left && !buf)
        rc = build_err(b->w, FMT_NOMEM, "out of memory");
    while (left && !rc) {
        ssize_t n = pread(b->basefd, buf, left < (1u << 16) ? (size_t)left : 1u << 16,
                          in_off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || pwrite(out, buf, (size_t)n, out_off) != n)
            rc = build_err(b->w, FMT_IO, "copying %s: %s", a->path,
                           n == 0 ? "shorter than it says" : strerror(errno));
        else {
            in_off += n;
            out_off += n;
            left -= (uint64_t)n;
        }
    }
    free(buf);
#ifdef SYNC_FILE_RANGE_WRITE
    /* start writing the copy out now: the sync at the end then waits only
     * for what the update changed, not for the whole file */
    if (!rc)
        sync_file_range(out, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
    if (close(out) && !rc)
        rc = build_err(b->w, FMT_IO, "%s: %s", b->tmp, strerror(errno));
    return rc;
}

/* The base's last chunk of dbi, when not full, goes back into ch to be
 * filled up with the new documents (and is deleted, so the chunks are
 * appended in order again). *bytes loses its size. */
static int base_chunk(build *b, chunker *ch, MDB_dbi dbi, uint64_t *bytes)
{
    uint32_t have = b->nbase % VB_CHUNK;
    ch->no = b->nbase / VB_CHUNK;
    if (!have)
        return FMT_OK;
    unsigned char kb[4];
    vb_put_be32(kb, ch->no);
    MDB_val k = {4, kb}, v;
    int rc = mdb_get(b->txn, dbi, &k, &v);
    if (rc)
        return build_mdb_fail(b, rc, "last chunk");
    const unsigned char *p = v.mv_data;
    size_t head = record_chunk_head(have);
    ch->off[0] = 0;
    if (ch->zipped) { /* its summaries stay deflated as they are */
        if (record_zchunk_parse(p, v.mv_size, have, ch->off, &head))
            return build_err(b->w, FMT_CORRUPT, "%s: last chunk damaged",
                             b->base->path);
    }
    for (uint32_t i = 0; i < have && !ch->zipped; i++) {
        size_t at, len;
        if (record_chunk_item(p, v.mv_size, have, i, &at, &len) ||
            (i == 0 && at != head))
            return build_err(b->w, FMT_CORRUPT, "%s: last chunk damaged",
                             b->base->path);
        ch->off[i + 1] = (uint32_t)(at - head + len);
    }
    ch->data.len = 0;
    if (fmt_buf_append(&ch->data, p + head, ch->off[have]))
        return build_err(b->w, FMT_NOMEM, "out of memory");
    ch->n = have;
    if (bytes)
        *bytes -= v.mv_size;
    rc = mdb_del(b->txn, dbi, &k, NULL);
    return rc ? build_mdb_fail(b, rc, "last chunk") : FMT_OK;
}

/* Appending: the base's documents in zaken the new ones joined whose
 * status or answer days changed (an answer came) get their summary
 * rewritten, chunk by chunk, and their status column updated. */
int append_restatus(build *b)
{
    vb_sort(b->touched, b->ntouched, sizeof *b->touched, vb_u32_cmp);
    fmt_buf chunk = {0};
    fmt_summary s = {0};
    uint32_t off[VB_CHUNK + 1];
    int rc = FMT_OK;
    for (size_t i = 0; i < b->ntouched && !rc;) {
        uint32_t no = b->touched[i] / VB_CHUNK;
        size_t j = i;
        while (j < b->ntouched && b->touched[j] / VB_CHUNK == no)
            j++;
        unsigned char kb[4];
        vb_put_be32(kb, no);
        MDB_val k = {4, kb}, v;
        if ((rc = mdb_get(b->txn, b->summary, &k, &v))) {
            rc = build_mdb_fail(b, rc, "summary");
            break;
        }
        const unsigned char *p = v.mv_data;
        uint32_t n = v.mv_size >= 2 ? p[1] : 0;
        size_t items;
        chunk.len = 0;
        if (n == 0 || n > VB_CHUNK ||
            record_zchunk_parse(p, v.mv_size, n, off, &items)) {
            rc = build_err(b->w, FMT_CORRUPT, "%s: summaries damaged", b->base->path);
            break;
        }
        /* its deflated summaries copied: the put below may move them */
        if (fmt_buf_append(&chunk, p + items, off[n])) {
            rc = build_err(b->w, FMT_NOMEM, "out of memory");
            break;
        }
        chunker *ch = &b->csum;
        ch->data.len = 0;
        ch->n = 0;
        ch->no = no;
        ch->off[0] = 0;
        p = (unsigned char *)chunk.data;
        int changed = 0;
        for (uint32_t it = 0; it < n && !rc; it++) {
            uint32_t d = no * VB_CHUNK + it;
            int mine = 0;
            for (size_t t = i; t < j; t++)
                mine |= b->touched[t] == d;
            int days = -1, st = 0;
            if (mine && d < b->nbase) {
                if ((rc = fmt_get(b->base, d, &b->bdoc)) ||
                    (rc = fmt_get_summary(b->base, d, &s))) {
                    rc = build_err(b->w, rc, "%s", fmt_errmsg(b->base));
                    break;
                }
                st = build_status(&b->bdoc, b->zaken, b->nzaken, &days);
                mine = st != s.status || days != s.answer_days;
            }
            if (mine) {
                changed = 1;
                index_set_status(b->ix, d, st);
                rc = build_summary_add(b, ch, &b->bdoc, st, days);
            } else if (fmt_buf_append(&ch->data, p + off[it],
                                      off[it + 1] - off[it])) {
                rc = build_err(b->w, FMT_NOMEM, "out of memory");
            }
            ch->off[++ch->n] = (uint32_t)ch->data.len;
        }
        if (!rc && changed)
            rc = build_flush_chunk(b, ch, b->summary, NULL, 0);
        ch->data.len = 0;
        ch->n = 0;
        i = j;
    }
    fmt_buf_free(&chunk);
    fmt_summary_free(&s);
    return rc;
}

/* The dictionaries of the base, for the new records and summaries. */
int append_dict(build *b)
{
    memcpy(b->dict, b->base->dict, b->base->dictlen);
    b->dictlen = b->base->dictlen;
    memcpy(b->sdict, b->base->sdict, b->base->sdictlen);
    b->sdictlen = b->base->sdictlen;
    b->zc[0] = dict_zc_new(b->dict, b->dictlen, b->w->level);
    b->zc[1] = dict_zc_new(b->dict, b->dictlen, b->w->level);
    b->szc[0] = dict_zc_new(b->sdict, b->sdictlen, 9);
    b->szc[1] = dict_zc_new(b->sdict, b->sdictlen, 9);
    return b->zc[0] && b->zc[1] && b->szc[0] && b->szc[1] ? FMT_OK
                                          : build_err(b->w, FMT_NOMEM, "out of memory");
}

/* What the base brings before the new documents are written: its copy as
 * the environment, its columns and facets in the index, its partly
 * filled last chunks, its counts. */
int append_start(build *b)
{
    fmt_archive *a = b->base;
    memcpy(b->kinds, b->binfo.kinds, sizeof b->kinds);
    b->first = b->binfo.first_date;
    b->last = b->binfo.last_date;
    b->records_bytes = b->binfo.records_bytes - a->dictlen;
    b->fillno = b->nbase;
    int rc = index_base(b->ix, a, b->binfo.terms);
    if (rc)
        return build_err(b->w, rc, "%s: %s", a->path, index_errmsg(b->ix));
    if ((rc = base_chunk(b, &b->crec, b->docs, &b->records_bytes)))
        return rc;
    uint64_t ignore = 0;
    return base_chunk(b, &b->csum, b->summary, &ignore);
}
