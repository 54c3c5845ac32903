/* cases.c - the case (zaak) of every document, and a search's hits grouped
 * into cases.
 *
 * People look for a case, not for its documents: a question, the notice
 * that its answer will be late and the answer are one thing to them. A
 * search with fmt_search_opts.cases lists each case once (by its best hit),
 * counts cases and counts facets per case.
 *
 * A document's case is a 64-bit key: a hash of its zaak number, so the same
 * zaak has the same key in every archive of a library, or, for a document
 * without a zaak, the top bit and its document number (a case of its own;
 * a library mixes in the archive, cases_key_in). The keys come from the
 * ids table's zaak lists, read once per handle on the first search that
 * wants them (some milliseconds for 100,000 documents); nothing in the file
 * changes for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guard.h"
#include "idtab.h"
#include "internal.h"

#define OWN_CASE (1ull << 63)

static uint64_t zaak_hash(const unsigned char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h & ~OWN_CASE;
}

int cases_load(fmt_archive *a)
{
    if (a->case_ord)
        return FMT_OK;
    size_t n = a->ndocs;
    uint32_t *ord = alloc_malloc((n + 1) * sizeof *ord);
    uint64_t *key = alloc_malloc((n + 1) * sizeof *key);
    uint32_t *slot = alloc_calloc(n + 1, sizeof *slot);
    if (!ord || !key || !slot) {
        free(ord);
        free(key);
        free(slot);
        return FMT_NOMEM;
    }
    memset(ord, 0xff, (n + 1) * sizeof *ord);
    uint32_t nc = 0;
    idtab_iter it;
    int rc = idtab_seek(a, &it, "z", 1), bad = 0;
    while (!rc && it.kl > 1 && it.key[0] == 'z') {
        /* A damaged list is left out: its documents stay cases of their
         * own, which shows them all rather than none; verify names it. */
        const unsigned char *p = it.val;
        int used = 0;
        for (size_t i = 0; it.vl % 4 == 0 && i < it.vl / 4; i++) {
            uint32_t d = vb_get_be32(p + 4 * i);
            if (d < n && ord[d] == UINT32_MAX)
                ord[d] = nc, used = 1;
            else
                bad = 1;
        }
        bad |= it.vl % 4 != 0;
        if (used)
            key[nc++] = zaak_hash((const unsigned char *)it.key + 1, it.kl - 1);
        rc = idtab_next(&it);
    }
    idtab_close(&it);
    if ((rc && rc != FMT_NOTFOUND) || guard_broken(a)) {
        free(ord);
        free(key);
        free(slot);
        return error_set(a, FMT_CORRUPT, "%s: zaak table damaged", a->path);
    }
    for (uint32_t d = 0; d < n; d++) /* the rest: a case each */
        if (ord[d] == UINT32_MAX) {
            key[nc] = OWN_CASE | d;
            ord[d] = nc++;
        }
    a->case_ord = ord;
    a->case_key = key;
    a->case_slot = slot;
    a->cases_damaged = bad;
    return FMT_OK;
}

uint64_t cases_key_in(uint64_t key, size_t arch)
{
    /* a document's own case: unique in the library by its archive too */
    return key & OWN_CASE ? key ^ ((uint64_t)arch << 32) : key;
}

/* ---- grouping ------------------------------------------------------------ */

/* Open addressing from case key to group, for the sets below. */
typedef struct {
    uint64_t *keys;
    uint32_t *group;
    size_t mask;
} ctable;

static int ct_init(ctable *t, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    t->keys = alloc_malloc(cap * sizeof *t->keys);
    t->group = alloc_malloc(cap * sizeof *t->group);
    if (!t->keys || !t->group)
        return FMT_NOMEM;
    memset(t->group, 0xff, cap * sizeof *t->group);
    t->mask = cap - 1;
    return FMT_OK;
}

static uint32_t *ct_slot(ctable *t, uint64_t key)
{
    size_t i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) & t->mask;
    while (t->group[i] != UINT32_MAX && t->keys[i] != key)
        i = (i + 1) & t->mask;
    t->keys[i] = key;
    return &t->group[i];
}

static void ct_free(ctable *t)
{
    free(t->keys);
    free(t->group);
}

/* Grouping is one pass: each document's case number indexes the handle's
 * slot array (group + 1, 0: not met yet), which is zeroed again entry by
 * entry afterwards, so a search costs what it found, not the archive. */
int cases_group(fmt_archive *a, const uint32_t *doc, const float *score,
                size_t n, int sort, vb_cases *out)
{
    memset(out, 0, sizeof *out);
    int rc = cases_load(a);
    if (rc)
        return rc;
    out->gid = alloc_malloc((n + 1) * sizeof *out->gid);
    out->g = alloc_malloc((n + 1) * sizeof *out->g);
    if (!out->gid || !out->g) {
        cases_free(out);
        return FMT_NOMEM;
    }
    uint32_t *slot = a->case_slot;
    for (size_t i = 0; i < n; i++) {
        uint32_t d = doc[i], o = a->case_ord[d];
        if (!slot[o]) {
            out->g[out->n] = (vb_case){a->case_key[o], d, d, score[i], 0, 0};
            slot[o] = (uint32_t)++out->n;
        }
        vb_case *c = &out->g[slot[o] - 1];
        out->gid[i] = slot[o] - 1;
        c->matched++;
        c->kinds |= (uint8_t)(1u << (a->col_kind[d] & 3));
        /* the case's hit: its best document, or for a list by date its
         * newest (oldest); the hits come in document order */
        int take = sort == FMT_SORT_DATE ? 1
                   : sort == FMT_SORT_OLD ? 0
                   : score[i] > c->score;
        if (take) {
            c->best = d;
            c->score = score[i];
        }
    }
    for (size_t i = 0; i < n; i++)
        slot[a->case_ord[doc[i]]] = 0;
    return FMT_OK;
}

void cases_free(vb_cases *c)
{
    free(c->gid);
    free(c->g);
    memset(c, 0, sizeof *c);
}

/* ---- sets of case keys --------------------------------------------------- */

long cases_count_distinct(const uint64_t *keys, size_t n)
{
    ctable t = {0};
    if (ct_init(&t, n)) {
        ct_free(&t);
        return -1;
    }
    long d = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t *slot = ct_slot(&t, keys[i]);
        if (*slot == UINT32_MAX)
            *slot = (uint32_t)d++;
    }
    ct_free(&t);
    return d;
}

int cases_keyset_add(vb_keyset *s, uint64_t key, uint32_t val, uint32_t *had)
{
    if (2 * (s->n + 1) > s->cap) { /* grow: insert everything again */
        size_t cap = s->cap ? 2 * s->cap : 64;
        uint64_t *k = alloc_malloc(cap * sizeof *k);
        uint32_t *v = alloc_malloc(cap * sizeof *v);
        if (!k || !v) {
            free(k);
            free(v);
            return FMT_NOMEM;
        }
        memset(v, 0xff, cap * sizeof *v);
        ctable t = {k, v, cap - 1};
        for (size_t i = 0; i < s->cap; i++)
            if (s->val[i] != UINT32_MAX)
                *ct_slot(&t, s->key[i]) = s->val[i];
        free(s->key);
        free(s->val);
        s->key = k;
        s->val = v;
        s->cap = cap;
    }
    ctable t = {s->key, s->val, s->cap - 1};
    uint32_t *slot = ct_slot(&t, key);
    *had = *slot;
    if (*slot == UINT32_MAX) {
        *slot = val;
        s->n++;
    }
    return FMT_OK;
}

void cases_keyset_free(vb_keyset *s)
{
    free(s->key);
    free(s->val);
    memset(s, 0, sizeof *s);
}
