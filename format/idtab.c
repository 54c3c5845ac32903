/* idtab.c - the ids table: document ids and zaken to document numbers.
 *
 * Up to format 6 every key is an LMDB entry of its own: "d" id -> u32 BE
 * docno, "z" zaak -> u32 BE docnos. Written in document order, not key
 * order, LMDB's pages ended half full: 44 bytes a key, 6.8 MB of 100,000
 * documents. Format 7 keeps the same keys and values but stores them as
 * tdict.c stores words: sorted, in blocks of at most IDTAB_MAXN entries
 * and TDICT_BUDGET bytes (two blocks a page), each block keyed by its
 * first key and holding
 *
 *   varint n, then n entries: varint shared, varint suffix length, suffix
 *   (the key: the previous key's first `shared` bytes, then the suffix;
 *   the first entry in full, equal to the block's key), varint value
 *   length, value.
 *
 * Nothing here is trusted: keys must ascend within and across blocks, and
 * every length fit. The values are checked by the callers against the
 * summaries they lead to (store.c), as before.
 */
#include <stdlib.h>
#include <string.h>
#include "guard.h"
#include "idtab.h"
#include "tdict.h"

/* ---- reading ---------------------------------------------------------------- */

static int idtab_cmp(const char *a, size_t al, const char *b, size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c : (al > bl) - (al < bl);
}

static int idtab_damaged(idtab_iter *it)
{
    if (guard_broken(it->a))
        return FMT_CORRUPT;
    return error_set(it->a, FMT_CORRUPT, "%s: ids table damaged near '%.*s'",
                     it->a->path, (int)(it->kl > 64 ? 64 : it->kl), it->key);
}

static int idtab_cursor_err(idtab_iter *it, int rc)
{
    if (rc == MDB_NOTFOUND)
        return FMT_NOTFOUND;
    if (guard_broken(it->a))
        return FMT_CORRUPT;
    return error_set(it->a, FMT_CORRUPT, "%s: ids table damaged (%s)",
                     it->a->path, guard_why(it->a, rc));
}

/* The next entry of the block into it; -1 when damaged. */
static int idtab_entry(idtab_iter *it, int first)
{
    uint64_t shared, suf, vl;
    const unsigned char *p = it->bp, *end = it->bend;
    if (vb_get_varint(&p, end, &shared) || vb_get_varint(&p, end, &suf) ||
        shared > it->kl || (first && shared) || suf > IDTAB_KEYMAX ||
        shared + suf > IDTAB_KEYMAX || suf > (uint64_t)(end - p))
        return -1;
    char prev[IDTAB_KEYMAX + 1];
    size_t prevl = it->kl;
    memcpy(prev, it->key, prevl);
    memcpy(it->key + shared, p, (size_t)suf);
    it->kl = (size_t)(shared + suf);
    it->key[it->kl] = 0;
    p += suf;
    if (vb_get_varint(&p, end, &vl) || vl > (uint64_t)(end - p) ||
        (!first && idtab_cmp(it->key, it->kl, prev, prevl) <= 0))
        return -1;
    it->val = p;
    it->vl = (size_t)vl;
    it->bp = p + vl;
    return 0;
}

/* Open the block the cursor stands on (key k, value v). */
static int idtab_block(idtab_iter *it, const MDB_val *k, const MDB_val *v)
{
    uint64_t n;
    it->bp = v->mv_data;
    it->bend = it->bp + v->mv_size;
    it->kl = 0;
    if (k->mv_size == 0 || k->mv_size > IDTAB_KEYMAX ||
        vb_get_varint(&it->bp, it->bend, &n) || n == 0 || n > IDTAB_MAXN ||
        idtab_entry(it, 1) || it->kl != k->mv_size ||
        memcmp(it->key, k->mv_data, it->kl)) {
        it->kl = k->mv_size > 64 ? 64 : k->mv_size;
        memcpy(it->key, k->mv_data, it->kl);
        it->key[it->kl] = 0;
        return idtab_damaged(it);
    }
    it->left = (uint32_t)n - 1;
    return FMT_OK;
}

/* Up to format 6: the cursor's entry is the entry. */
static int idtab_old(idtab_iter *it, const MDB_val *k, const MDB_val *v)
{
    if (k->mv_size > IDTAB_KEYMAX) {
        it->kl = 64;
        memcpy(it->key, k->mv_data, 64);
        it->key[64] = 0;
        return idtab_damaged(it);
    }
    it->kl = k->mv_size;
    memcpy(it->key, k->mv_data, it->kl);
    it->key[it->kl] = 0;
    it->val = v->mv_data;
    it->vl = v->mv_size;
    return FMT_OK;
}

int idtab_seek(fmt_archive *a, idtab_iter *it, const char *key, size_t kl)
{
    memset(it, 0, sizeof *it);
    it->a = a;
    it->blocked = a->version >= 7;
    if (guard_cursor_open(a, a->ids, &it->cur)) {
        it->cur = NULL;
        return guard_broken(a) ? FMT_CORRUPT
                               : error_set(a, FMT_CORRUPT, "%s: ids table damaged",
                                           a->path);
    }
    /* the entry, or the block holding key (found as a word's is) */
    MDB_val k, v;
    int astray, rc = tdict_block_seek(a, it->cur, it->blocked, key, kl, &k, &v,
                                      &astray);
    if (!it->blocked)
        return rc ? idtab_cursor_err(it, rc) : idtab_old(it, &k, &v);
    if (rc)
        return idtab_cursor_err(it, rc);
    if (astray)
        return idtab_damaged(it);
    if ((rc = idtab_block(it, &k, &v)))
        return rc;
    while (idtab_cmp(it->key, it->kl, key, kl) < 0)
        if ((rc = idtab_next(it)))
            return rc;
    return FMT_OK;
}

int idtab_next(idtab_iter *it)
{
    MDB_val k, v;
    int rc;
    if (!it->blocked) {
        rc = guard_cursor_get(it->a, it->cur, &k, &v, MDB_NEXT);
        return rc ? idtab_cursor_err(it, rc) : idtab_old(it, &k, &v);
    }
    if (it->left) {
        if (idtab_entry(it, 0))
            return idtab_damaged(it);
        it->left--;
        return FMT_OK;
    }
    if (it->bp != it->bend)
        return idtab_damaged(it);
    if ((rc = guard_cursor_get(it->a, it->cur, &k, &v, MDB_NEXT)))
        return idtab_cursor_err(it, rc);
    char prev[IDTAB_KEYMAX + 1];
    size_t prevl = it->kl;
    memcpy(prev, it->key, prevl);
    if ((rc = idtab_block(it, &k, &v)))
        return rc;
    return idtab_cmp(it->key, it->kl, prev, prevl) > 0 ? FMT_OK
                                                       : idtab_damaged(it);
}

void idtab_close(idtab_iter *it)
{
    if (it->cur)
        guard_cursor_close(it->a, it->cur);
    it->cur = NULL;
}

int idtab_get(fmt_archive *a, const char *key, size_t kl,
              const unsigned char **val, size_t *vl)
{
    if (a->version < 7) { /* one entry a key: no cursor needed */
        MDB_val k = {kl, (void *)key}, v;
        int rc = guard_get(a, a->ids, &k, &v);
        if (rc)
            return rc == MDB_NOTFOUND ? FMT_NOTFOUND : error_mdb_code(rc);
        *val = v.mv_data;
        *vl = v.mv_size;
        return FMT_OK;
    }
    idtab_iter it;
    int rc = idtab_seek(a, &it, key, kl);
    idtab_close(&it);
    if (!rc && (it.kl != kl || memcmp(it.key, key, kl)))
        rc = FMT_NOTFOUND;
    if (!rc) {
        *val = it.val;
        *vl = it.vl;
    }
    return rc;
}

/* ---- writing ------------------------------------------------------------------ */

static uint32_t idtab_hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

static const unsigned char *idtab_at(const idtab_builder *b, uint32_t off,
                                     uint32_t *kl, uint32_t *vl)
{
    const unsigned char *p = (const unsigned char *)b->arena.data + off;
    memcpy(kl, p, 4);
    memcpy(vl, p + 4, 4);
    return p + 8;
}

/* Whether the "d" key is there already; else remember entry e for it. */
static int idtab_seen(idtab_builder *b, const char *key, size_t kl, size_t e)
{
    if (2 * (b->nd + 1) > b->hmask) { /* grow: at most half full */
        size_t cap = b->hmask ? 2 * (b->hmask + 1) : 1024;
        uint32_t *h = calloc(cap, sizeof *h);
        if (!h)
            return FMT_NOMEM;
        for (size_t i = 0; b->hmask && i <= b->hmask; i++) {
            if (!b->hash[i])
                continue;
            uint32_t k, v;
            const unsigned char *p = idtab_at(b, b->off[b->hash[i] - 1], &k, &v);
            size_t j = idtab_hash((const char *)p, k) & (cap - 1);
            while (h[j])
                j = (j + 1) & (cap - 1);
            h[j] = b->hash[i];
        }
        free(b->hash);
        b->hash = h;
        b->hmask = cap - 1;
    }
    size_t j = idtab_hash(key, kl) & b->hmask;
    for (; b->hash[j]; j = (j + 1) & b->hmask) {
        uint32_t k, v;
        const unsigned char *p = idtab_at(b, b->off[b->hash[j] - 1], &k, &v);
        if (k == kl && !memcmp(p, key, kl))
            return 1;
    }
    b->hash[j] = (uint32_t)e + 1;
    b->nd++;
    return 0;
}

int idtab_add(idtab_builder *b, const char *key, size_t kl, const void *val,
              size_t vl)
{
    if (kl == 0 || kl > IDTAB_KEYMAX || vl > UINT32_MAX / 2 ||
        b->arena.len > UINT32_MAX - 8 - kl - vl || b->n >= UINT32_MAX - 1)
        return FMT_LIMIT;
    if (vb_grow(&b->off, &b->cap, b->n + 1, sizeof *b->off, 1024))
        return FMT_NOMEM;
    uint32_t off = (uint32_t)b->arena.len, k = (uint32_t)kl, v = (uint32_t)vl;
    if (fmt_buf_append(&b->arena, &k, 4) || fmt_buf_append(&b->arena, &v, 4) ||
        fmt_buf_append(&b->arena, key, kl) || fmt_buf_append(&b->arena, val, vl))
        return FMT_NOMEM;
    b->off[b->n] = off;
    if (key[0] == 'd') {
        int seen = idtab_seen(b, key, kl, b->n);
        if (seen) {
            b->arena.len = off;
            return seen;
        }
    }
    b->n++;
    return FMT_OK;
}

static int idtab_sort_cmp(const void *x, const void *y)
{
    const unsigned char *p = *(const unsigned char *const *)x;
    const unsigned char *q = *(const unsigned char *const *)y;
    uint32_t pl, ql;
    memcpy(&pl, p, 4);
    memcpy(&ql, q, 4);
    return idtab_cmp((const char *)p + 8, pl, (const char *)q + 8, ql);
}

typedef struct {
    MDB_dbi dbi;
    int (*put)(void *ctx, MDB_dbi dbi, const void *k, size_t kl,
               const void *v, size_t vl);
    void *ctx;
    fmt_buf blk, val;
    char first[IDTAB_KEYMAX + 1], prev[IDTAB_KEYMAX + 1];
    size_t firstl, prevl;
    uint32_t n;
} idtab_out;

static size_t idtab_vlen(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

static int idtab_flush(idtab_out *o)
{
    if (!o->n)
        return FMT_OK;
    o->val.len = 0;
    if (record_buf_varint(&o->val, o->n) ||
        fmt_buf_append(&o->val, o->blk.data, o->blk.len))
        return FMT_NOMEM;
    int rc = o->put(o->ctx, o->dbi, o->first, o->firstl, o->val.data, o->val.len);
    o->blk.len = 0;
    o->n = 0;
    return rc;
}

static int idtab_emit(idtab_out *o, const char *key, size_t kl,
                      const unsigned char *val, size_t vl)
{
    size_t shared = 0;
    if (o->n)
        while (shared < kl && shared < o->prevl && key[shared] == o->prev[shared])
            shared++;
    size_t need = idtab_vlen(shared) + idtab_vlen(kl - shared) + kl - shared +
                  idtab_vlen(vl) + vl;
    /* a block stays within the budget: two share a page (a value too big
     * for that goes alone) */
    if (o->n && (o->n == IDTAB_MAXN ||
                 o->firstl + idtab_vlen(o->n + 1) + o->blk.len + need > TDICT_BUDGET)) {
        int rc = idtab_flush(o);
        if (rc)
            return rc;
        shared = 0;
    }
    if (!o->n) {
        memcpy(o->first, key, kl);
        o->firstl = kl;
    }
    if (record_buf_varint(&o->blk, shared) || record_buf_varint(&o->blk, kl - shared) ||
        fmt_buf_append(&o->blk, key + shared, kl - shared) ||
        record_buf_varint(&o->blk, vl) || fmt_buf_append(&o->blk, val, vl))
        return FMT_NOMEM;
    memcpy(o->prev, key, kl);
    o->prevl = kl;
    o->n++;
    return FMT_OK;
}

int idtab_write(idtab_builder *b, fmt_archive *base, MDB_dbi dbi,
                int (*put)(void *ctx, MDB_dbi dbi, const void *k, size_t kl,
                           const void *v, size_t vl),
                void *ctx)
{
    const unsigned char **e = malloc((b->n ? b->n : 1) * sizeof *e);
    if (!e)
        return FMT_NOMEM;
    for (size_t i = 0; i < b->n; i++)
        e[i] = (const unsigned char *)b->arena.data + b->off[i];
    vb_sort(e, b->n, sizeof *e, idtab_sort_cmp);
    idtab_out o;
    memset(&o, 0, sizeof o);
    o.dbi = dbi;
    o.put = put;
    o.ctx = ctx;
    idtab_iter it;
    int rc = FMT_OK, brc = FMT_NOTFOUND;
    if (base)
        brc = idtab_seek(base, &it, "", 0);
    size_t i = 0;
    for (;;) {
        if (brc != FMT_OK && brc != FMT_NOTFOUND) {
            rc = brc;
            break;
        }
        uint32_t kl = 0, vl = 0;
        const unsigned char *p = i < b->n ? idtab_at(b, (uint32_t)(e[i] - (const unsigned char *)b->arena.data), &kl, &vl) : NULL;
        int c = !p ? 1 : brc ? -1 : idtab_cmp((const char *)p, kl, it.key, it.kl);
        if (!p && brc)
            break;
        if (c <= 0) { /* a new entry, which replaces the base's (a zaak) */
            rc = idtab_emit(&o, (const char *)p, kl, p + kl, vl);
            i++;
            if (!c)
                brc = idtab_next(&it);
        } else {
            rc = idtab_emit(&o, it.key, it.kl, it.val, it.vl);
            brc = idtab_next(&it);
        }
        if (rc)
            break;
    }
    if (base)
        idtab_close(&it);
    if (!rc)
        rc = idtab_flush(&o);
    fmt_buf_free(&o.blk);
    fmt_buf_free(&o.val);
    free(e);
    return rc;
}

void idtab_builder_free(idtab_builder *b)
{
    fmt_buf_free(&b->arena);
    free(b->off);
    free(b->hash);
    memset(b, 0, sizeof *b);
}
