/* index.c - building the index: words, positions, stems, facets, columns.
 *
 * Words: an open-addressing table maps each folded word to a growing
 * posting buffer (varint doc delta, varint tf << 1 | in-subject) and a
 * positions buffer (per document, varint position deltas). When the table
 * and its buffers pass INDEX_MEM bytes it is written out sorted by word to
 * an unlinked run file and emptied. index_finish() merges the runs word
 * by word: documents ascend from run to run, so a word's postings are the
 * runs' chunks one after the other, with the first delta of each chunk
 * made relative to the previous chunk's last document. A document with
 * very many distinct words is split into parts by word (see add_words),
 * so that it too is written out in runs.
 *
 * Facets (party, member, addressee) get ids in order of first use; each
 * document's ids go in a column, each id's documents in a list.
 *
 * Appending (index_base): the base archive's columns and facet ids are
 * loaded first, so the new documents get the ids a fresh pack of both
 * would give them; finishing then merges each new word's postings and
 * positions into the base's value for it (new documents come after all of
 * the base's, so the merge is an append), and only the words, facets and
 * columns the new documents touch are written.
 *
 * Format 7: a word in fewer than posdf documents keeps no positions (a
 * phrase holding it reads them off the few documents' texts, search.c);
 * posdf is written in meta. Appending, a word that reaches posdf gets the
 * base documents' positions again from their texts, so the tables are
 * those of a fresh pack.
 */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "index.h"
#include "tcodec.h"
#include "tdict.h"

#define INDEX_MEM (24u << 20)
#define FIN_DIRTY (8u << 20)   /* bytes written between commits at the end */
/* Appending rewrites lists in place of the base's: pages freed by one
 * transaction are reused two later, so small transactions keep the file
 * near its compact size (8 MB: +35%; 1 MB: +13%; 256 KB: +12%, slower) */
#define FIN_DIRTY_APPEND (1u << 20)
/* Words in fewer documents than this keep no positions (format 7). They
 * are most of the words; on the 100,000-document bench those below 64
 * hold 3.1 MB of the 73 MB of positions, below 128 3.3 MB. A phrase with
 * one of them reads the texts of at most posdf - 1 documents, some
 * 0.1 ms each: 64 keeps the slowest such phrase near 10 ms (128: 20). */
#define INDEX_POSDF 64

typedef struct {          /* a small growable byte vector */
    unsigned char *p;
    uint32_t len, cap;
} bvec;

typedef struct {
    uint32_t woff;        /* word bytes in the word arena */
    uint16_t wlen;
    uint32_t hash;
    uint32_t df, lastdoc;
    bvec post, pos;
} wentry;

typedef struct {
    uint32_t hash, off, len;  /* the fold in ix->lwords */
    uint32_t tf, start;       /* tf, then where its positions start */
    uint8_t subj;
    uint32_t slot;            /* its entry in the big table */
} lentry;

typedef struct {
    uint8_t type;
    char *key;            /* type byte + folded value */
    size_t klen;
    char *display;
    uint32_t *docs;
    size_t ndocs, cap;
} facet;

struct vb_index {
    char tmpdir[1024];
    char err[1400];       /* room for a folder name and the reason */
    uint32_t ndocs;
    fmt_tokenizer *tok;
    /* words */
    wentry *tab;
    uint32_t tabcap, nwords;
    fmt_buf words;
    /* the document being added (see flush_doc) */
    lentry *l;
    uint32_t *lhash, lcap, nl;
    fmt_buf lwords;
    uint32_t *tlid, *tpos, *tsorted;
    size_t ntoks, captoks;
    size_t mem;
    FILE **runs;
    size_t nruns;
    uint32_t nterms;
    /* columns */
    unsigned char *date, *len, *kind, *status, *foff;
    fmt_buf fval;
    /* facets */
    facet *facets;
    uint32_t nfacets, capfacets;
    uint32_t *fhash;      /* open addressing: facet index + 1 */
    uint32_t fhcap;
    /* zaken */
    vb_zaakdoc *zd;
    size_t nzd, capzd, nzaken;
    /* appending to a base archive (index_base): its documents are
     * 0 .. nbase-1 and its facets 0 .. nbase_facets-1 */
    uint32_t nbase, nbase_facets;
    fmt_archive *base;    /* appending: the base, read for its terms */
    uint32_t posdf;       /* words in fewer documents keep no positions */
    /* pairs of common words (tdict.h): the words, and the document's
     * occurrences of them (position, word) in token order */
    const char *pw[64];
    uint8_t pwl[64];
    int npw;
    uint32_t *occpos;
    uint8_t *occw;
    size_t nocc, capocc;
};

static int ixerr(vb_index *ix, int code, const char *what)
{
    snprintf(ix->err, sizeof ix->err, "%s", what);
    return code;
}

const char *index_errmsg(const vb_index *ix) { return ix->err; }

static uint32_t hash32(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 16777619u;
    return h ^ (h >> 15);
}

static int bvec_reserve(vb_index *ix, bvec *v, size_t n)
{
    if (v->cap - v->len >= n)
        return FMT_OK;
    if (v->len + n > UINT32_MAX / 2)
        return FMT_LIMIT;
    uint32_t cap = v->cap ? v->cap : 8;
    while (cap - v->len < n)
        cap *= 2;
    unsigned char *p = alloc_realloc(v->p, cap);
    if (!p)
        return FMT_NOMEM;
    ix->mem += cap - v->cap;
    v->p = p;
    v->cap = cap;
    return FMT_OK;
}

static inline int bvec_varint(vb_index *ix, bvec *v, uint64_t x)
{
    if (v->cap - v->len < 10 && bvec_reserve(ix, v, 10))
        return FMT_NOMEM;
    unsigned char *p = v->p + v->len;
    if (x < 0x80) { /* most deltas and counts */
        *p = (unsigned char)x;
        v->len++;
        return FMT_OK;
    }
    v->len += (uint32_t)vb_put_varint(p, x);
    return FMT_OK;
}

vb_index *index_new(const char *tmpdir, uint32_t ndocs)
{
    vb_index *ix = alloc_calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    snprintf(ix->tmpdir, sizeof ix->tmpdir, "%s", tmpdir);
    ix->ndocs = ndocs;
    ix->tabcap = 1u << 16;
    ix->tab = alloc_calloc(ix->tabcap, sizeof *ix->tab);
    ix->tok = fmt_tok_new();
    size_t n = ndocs ? ndocs : 1;
    ix->date = alloc_calloc(n, 4);
    ix->len = alloc_calloc(n, 4);
    ix->kind = alloc_calloc(n, 1);
    ix->status = alloc_calloc(n, 1);
    ix->foff = alloc_calloc(n + 1, 4);
    ix->fhcap = 1024;
    ix->fhash = alloc_calloc(ix->fhcap, sizeof *ix->fhash);
    /* the tests pack with another threshold (0: every word keeps its
     * positions) to compare phrases read off texts with stored ones */
    ix->posdf = INDEX_POSDF;
    const char *pe = getenv("VBPACK_POSDF");
    if (pe && *pe) {
        char *end;
        unsigned long v = strtoul(pe, &end, 10);
        if (!*end && v <= UINT32_MAX)
            ix->posdf = (uint32_t)v;
    }
    for (const char *w = tdict_pair_words; *w && ix->npw < 64;) {
        size_t l = strcspn(w, " ");
        ix->pw[ix->npw] = w;
        ix->pwl[ix->npw++] = (uint8_t)l;
        w += l + (w[l] == ' ');
    }
    if (!ix->tab || !ix->tok || !ix->date || !ix->len || !ix->kind ||
        !ix->status || !ix->foff || !ix->fhash) {
        index_free(ix);
        return NULL;
    }
    return ix;
}

static void clear_words(vb_index *ix)
{
    for (uint32_t i = 0; i < ix->tabcap; i++) {
        free(ix->tab[i].post.p);
        free(ix->tab[i].pos.p);
        memset(&ix->tab[i], 0, sizeof ix->tab[i]);
    }
    ix->nwords = 0;
    ix->words.len = 0;
    ix->mem = 0;
}

void index_free(vb_index *ix)
{
    if (ix) {
        free(ix->occpos);
        free(ix->occw);
    }
    if (!ix)
        return;
    if (ix->tab)
        clear_words(ix);
    free(ix->tab);
    fmt_buf_free(&ix->words);
    free(ix->lhash);
    free(ix->l);
    fmt_buf_free(&ix->lwords);
    free(ix->tlid);
    free(ix->tpos);
    free(ix->tsorted);
    for (size_t i = 0; i < ix->nruns; i++)
        fclose(ix->runs[i]);
    free(ix->runs);
    if (ix->tok)
        fmt_tok_free(ix->tok);
    free(ix->date);
    free(ix->len);
    free(ix->kind);
    free(ix->status);
    free(ix->foff);
    fmt_buf_free(&ix->fval);
    for (uint32_t i = 0; i < ix->nfacets; i++) {
        free(ix->facets[i].key);
        free(ix->facets[i].display);
        free(ix->facets[i].docs);
    }
    free(ix->facets);
    free(ix->fhash);
    free(ix->zd);
    free(ix);
}

/* ---- words ----------------------------------------------------------------- */

static int grow_table(vb_index *ix)
{
    uint32_t cap = ix->tabcap * 2;
    wentry *t = alloc_calloc(cap, sizeof *t);
    if (!t)
        return FMT_NOMEM;
    for (uint32_t i = 0; i < ix->tabcap; i++) {
        if (!ix->tab[i].wlen)
            continue;
        uint32_t j = ix->tab[i].hash & (cap - 1);
        while (t[j].wlen)
            j = (j + 1) & (cap - 1);
        t[j] = ix->tab[i];
    }
    ix->mem += (size_t)(cap - ix->tabcap) * sizeof *t;
    free(ix->tab);
    ix->tab = t;
    ix->tabcap = cap;
    return FMT_OK;
}

/* The table slot of word w with hash h (inserted if new), or -1 when out
 * of memory. */
static long word_slot(vb_index *ix, const char *w, size_t n, uint32_t h)
{
    if (ix->nwords * 2 >= ix->tabcap && grow_table(ix))
        return -1;
    uint32_t j = h & (ix->tabcap - 1);
    for (;;) {
        wentry *e = &ix->tab[j];
        if (!e->wlen)
            break;
        if (e->hash == h && e->wlen == n &&
            !memcmp(ix->words.data + e->woff, w, n))
            return j;
        j = (j + 1) & (ix->tabcap - 1);
    }
    wentry *e = &ix->tab[j];
    e->woff = (uint32_t)ix->words.len;
    if (fmt_buf_append(&ix->words, w, n))
        return -1;
    e->wlen = (uint16_t)n;
    e->hash = h;
    ix->nwords++;
    ix->mem += n + 16;
    return j;
}

/* ---- one document's words --------------------------------------------------
 * A document's tokens are first gathered in a small table of its own
 * (it stays in cache), so the big table is looked up once per distinct
 * word, not once per token, and each word's positions are appended in one
 * go. */

static int local_grow(vb_index *ix)
{
    uint32_t cap = ix->lcap ? ix->lcap * 2 : 1024;
    uint32_t *h = alloc_calloc(cap, sizeof *h);
    if (!h)
        return FMT_NOMEM;
    for (uint32_t i = 0; i < ix->nl; i++) {
        uint32_t j = ix->l[i].hash & (cap - 1);
        while (h[j])
            j = (j + 1) & (cap - 1);
        h[j] = i + 1;
    }
    free(ix->lhash);
    ix->lhash = h;
    ix->lcap = cap;
    lentry *l = alloc_realloc(ix->l, cap / 2 * sizeof *l);
    if (!l)
        return FMT_NOMEM;
    ix->l = l;
    return FMT_OK;
}

/* The local id of token t's fold, made if new; -1 when out of memory. */
static long local_id(vb_index *ix, const fmt_token *t)
{
    if ((ix->nl + 1) * 2 > ix->lcap && local_grow(ix))
        return -1;
    uint32_t h = hash32(t->fold, t->foldlen), j = h & (ix->lcap - 1);
    while (ix->lhash[j]) {
        lentry *e = &ix->l[ix->lhash[j] - 1];
        if (e->hash == h && e->len == t->foldlen &&
            !memcmp(ix->lwords.data + e->off, t->fold, t->foldlen))
            return ix->lhash[j] - 1;
        j = (j + 1) & (ix->lcap - 1);
    }
    lentry *e = &ix->l[ix->nl];
    memset(e, 0, sizeof *e);
    e->hash = h;
    e->off = (uint32_t)ix->lwords.len;
    e->len = (uint32_t)t->foldlen;
    if (fmt_buf_append(&ix->lwords, t->fold, t->foldlen))
        return -1;
    ix->lhash[j] = ++ix->nl;
    return ix->nl - 1;
}

static int push_tok(vb_index *ix, uint32_t lid, uint32_t pos)
{
    if (ix->ntoks == ix->captoks) {
        size_t cap = ix->captoks ? ix->captoks * 2 : 4096;
        uint32_t *a = alloc_realloc(ix->tlid, cap * sizeof *a);
        if (!a)
            return FMT_NOMEM;
        ix->tlid = a;
        uint32_t *b = alloc_realloc(ix->tpos, cap * sizeof *b);
        if (!b)
            return FMT_NOMEM;
        ix->tpos = b;
        uint32_t *c = alloc_realloc(ix->tsorted, cap * sizeof *c);
        if (!c)
            return FMT_NOMEM;
        ix->tsorted = c;
        ix->captoks = cap;
    }
    ix->tlid[ix->ntoks] = lid;
    ix->tpos[ix->ntoks++] = pos;
    return FMT_OK;
}

static void local_reset(vb_index *ix)
{
    if (ix->lhash)
        memset(ix->lhash, 0, ix->lcap * sizeof *ix->lhash);
    ix->nl = 0;
    ix->lwords.len = 0;
    ix->ntoks = 0;
}

/* Move the gathered words of docno into the big table. */
static int flush_doc(vb_index *ix, uint32_t docno)
{
    while ((ix->nwords + ix->nl + 1) * 2 >= ix->tabcap)
        if (grow_table(ix))
            return FMT_NOMEM;
    /* positions grouped by word: a counting sort on local ids */
    /* The big table is far bigger than the caches: ask for each word's
     * slot a few words ahead, so the lookups overlap their misses. */
    uint32_t at = 0, mask = ix->tabcap - 1;
    for (uint32_t i = 0; i < ix->nl && i < 8; i++)
        __builtin_prefetch(&ix->tab[ix->l[i].hash & mask]);
    for (uint32_t i = 0; i < ix->nl; i++) {
        lentry *e = &ix->l[i];
        if (i + 8 < ix->nl)
            __builtin_prefetch(&ix->tab[ix->l[i + 8].hash & mask]);
        long s = word_slot(ix, ix->lwords.data + e->off, e->len, e->hash);
        if (s < 0)
            return FMT_NOMEM;
        e->slot = (uint32_t)s;
        e->start = at;
        at += e->tf;
    }
    for (size_t k = 0; k < ix->ntoks; k++)
        ix->tsorted[ix->l[ix->tlid[k]].start++] = ix->tpos[k];
    at = 0;
    for (uint32_t i = 0; i < ix->nl; i++) {
        lentry *e = &ix->l[i];
        wentry *w = &ix->tab[e->slot];
        if (i + 4 < ix->nl) {
            const wentry *nx = &ix->tab[ix->l[i + 4].slot];
            if (nx->pos.p) /* NULL + 0 is undefined behaviour */
                __builtin_prefetch(nx->pos.p + nx->pos.len, 1);
            if (nx->post.p)
                __builtin_prefetch(nx->post.p + nx->post.len, 1);
        }
        uint32_t last = 0;
        if (bvec_reserve(ix, &w->pos, (size_t)e->tf * 5))
            return FMT_NOMEM;
        for (uint32_t k = 0; k < e->tf; k++) {
            uint32_t p = ix->tsorted[at + k];
            w->pos.len += (uint32_t)vb_put_varint(w->pos.p + w->pos.len, p - last);
            last = p;
        }
        at += e->tf;
        if (bvec_varint(ix, &w->post, docno - w->lastdoc) ||
            bvec_varint(ix, &w->post, (uint64_t)e->tf << 1 | e->subj))
            return FMT_NOMEM;
        w->lastdoc = docno;
        w->df++;
    }
    local_reset(ix);            /* for the next document or part */
    return FMT_OK;
}

static const vb_index *cmp_ix;
static int slot_cmp(const void *a, const void *b)
{
    const wentry *x = &cmp_ix->tab[*(const uint32_t *)a];
    const wentry *y = &cmp_ix->tab[*(const uint32_t *)b];
    int c = memcmp(cmp_ix->words.data + x->woff, cmp_ix->words.data + y->woff,
                   x->wlen < y->wlen ? x->wlen : y->wlen);
    return c ? c : (x->wlen > y->wlen) - (x->wlen < y->wlen);
}

/* Write the table sorted by word to a new unlinked run file; empty it.
 * Entry: u16 wlen, word, u32 df, u32 lastdoc, u32 plen, post, u32 qlen,
 * positions (native byte order: the file never leaves this process). */
static int flush_run(vb_index *ix)
{
    if (!ix->nwords)
        return FMT_OK;
    uint32_t *order = alloc_malloc((size_t)ix->nwords * sizeof *order);
    if (!order)
        return ixerr(ix, FMT_NOMEM, "out of memory");
    uint32_t n = 0;
    for (uint32_t i = 0; i < ix->tabcap; i++)
        if (ix->tab[i].wlen)
            order[n++] = i;
    cmp_ix = ix;
    vb_sort(order, n, sizeof *order, slot_cmp);
    char t[1100];
    snprintf(t, sizeof t, "%s/.vbpack-ix-XXXXXX", ix->tmpdir);
    int fd = mkstemp(t);
    FILE *f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
    if (fd >= 0)
        unlink(t);
    FILE **runs = f ? alloc_realloc(ix->runs, (ix->nruns + 1) * sizeof *runs)
                    : NULL;
    if (!runs) {
        if (f)
            fclose(f);
        else if (fd >= 0)
            close(fd);
        free(order);
        return ixerr(ix, FMT_IO, "cannot create a temporary file");
    }
    ix->runs = runs;
    ix->runs[ix->nruns++] = f;
    int ok = 1;
    errno = 0;
    for (uint32_t i = 0; i < n && ok; i++) {
        const wentry *e = &ix->tab[order[i]];
        uint32_t hd[4] = {e->df, e->lastdoc, e->post.len, e->pos.len};
        ok = fwrite(&e->wlen, 2, 1, f) == 1 &&
             fwrite(ix->words.data + e->woff, 1, e->wlen, f) == e->wlen &&
             fwrite(hd, 4, 4, f) == 4 &&
             fwrite(e->post.p, 1, e->post.len, f) == e->post.len &&
             fwrite(e->pos.p, 1, e->pos.len, f) == e->pos.len;
    }
    free(order);
    if (!ok || fflush(f) || fseek(f, 0, SEEK_SET)) {
        /* the run file is in the output's folder: a full disk shows here
         * first */
        char msg[1400];
        int e = errno ? errno : EIO;
        snprintf(msg, sizeof msg, "writing a temporary index file in %s: %s",
                 ix->tmpdir, e == ENOSPC ? "no space left on device"
                                         : strerror(e));
        return ixerr(ix, FMT_IO, msg);
    }
    clear_words(ix);
    /* start small again: the table grew to this run's words */
    wentry *fresh = alloc_calloc(1u << 16, sizeof *fresh);
    if (!fresh)
        return ixerr(ix, FMT_NOMEM, "out of memory");
    free(ix->tab);
    ix->tab = fresh;
    ix->tabcap = 1u << 16;
    ix->mem = (size_t)ix->tabcap * sizeof *fresh;
#ifdef __GLIBC__
    /* the run's buffers were freed all over the heap; give their pages
     * back, or the heap's resident size creeps up run after run */
    malloc_trim(0);
#endif
    return FMT_OK;
}

/* ---- facets ------------------------------------------------------------------ */

static int grow_fhash(vb_index *ix)
{
    uint32_t cap = ix->fhcap * 2;
    uint32_t *h = alloc_calloc(cap, sizeof *h);
    if (!h)
        return FMT_NOMEM;
    for (uint32_t i = 0; i < ix->nfacets; i++) {
        uint32_t j = hash32(ix->facets[i].key, ix->facets[i].klen) & (cap - 1);
        while (h[j])
            j = (j + 1) & (cap - 1);
        h[j] = i + 1;
    }
    free(ix->fhash);
    ix->fhash = h;
    ix->fhcap = cap;
    return FMT_OK;
}

/* The id of facet value (type, display), made if new. -1: out of memory;
 * -2: nothing to index (empty after folding). */
static long facet_id(vb_index *ix, uint8_t type, const char *display)
{
    char key[FMT_TOKMAX + 2];
    key[0] = (char)type;
    size_t kl = 1 + fmt_fold(ix->tok, display, strlen(display), key + 1,
                             sizeof key - 1);
    if (kl == 1)
        return -2;
    if (ix->nfacets * 2 >= ix->fhcap && grow_fhash(ix))
        return -1;
    uint32_t j = hash32(key, kl) & (ix->fhcap - 1);
    while (ix->fhash[j]) {
        facet *f = &ix->facets[ix->fhash[j] - 1];
        if (f->klen == kl && !memcmp(f->key, key, kl))
            return ix->fhash[j] - 1;
        j = (j + 1) & (ix->fhcap - 1);
    }
    if (ix->nfacets == ix->capfacets) {
        uint32_t cap = ix->capfacets ? ix->capfacets * 2 : 256;
        facet *f = alloc_realloc(ix->facets, cap * sizeof *f);
        if (!f)
            return -1;
        ix->facets = f;
        ix->capfacets = cap;
    }
    facet *f = &ix->facets[ix->nfacets];
    memset(f, 0, sizeof *f);
    f->type = type;
    f->key = alloc_strndup(key, kl);
    f->klen = kl;
    f->display = alloc_strndup(display, strlen(display));
    if (!f->key || !f->display) {
        free(f->key);
        free(f->display);
        return -1;
    }
    ix->fhash[j] = ++ix->nfacets;
    return ix->nfacets - 1;
}

static int facet_add(vb_index *ix, uint32_t docno, uint8_t type,
                     const char *display)
{
    if (!display || !*display)
        return FMT_OK;
    long id = facet_id(ix, type, display);
    if (id == -2)
        return FMT_OK;
    if (id < 0)
        return FMT_NOMEM;
    facet *f = &ix->facets[id];
    if (f->ndocs && f->docs[f->ndocs - 1] == docno)
        return FMT_OK; /* e.g. two members of one party */
    if (vb_grow(&f->docs, &f->cap, f->ndocs + 1, sizeof *f->docs, 4))
        return FMT_NOMEM;
    f->docs[f->ndocs++] = docno;
    return record_buf_varint(&ix->fval, (uint64_t)id);
}

static int add_facets(vb_index *ix, uint32_t docno, const fmt_doc *d)
{
    int rc = FMT_OK;
    for (size_t i = 0; !rc && i < d->nmembers; i++) {
        rc = facet_add(ix, docno, 'p', d->members[i].party);
        if (!rc)
            rc = facet_add(ix, docno, 'm', d->members[i].name);
    }
    for (size_t i = 0; !rc && i < d->naddressees; i++)
        rc = facet_add(ix, docno, 'a', d->addressees[i]);
    return rc;
}

/* ---- documents --------------------------------------------------------------- */

static int add_zaak(vb_index *ix, uint32_t docno, const fmt_doc *d)
{
    if (!d->zaak[0])
        return FMT_OK;
    if (vb_grow(&ix->zd, &ix->capzd, ix->nzd + 1, sizeof *ix->zd, 1024))
        return FMT_NOMEM;
    vb_zaakdoc *z = &ix->zd[ix->nzd++];
    memset(z, 0, sizeof *z);
    memcpy(z->zaak, d->zaak, sizeof z->zaak - 1);
    z->kind = (uint8_t)d->kind;
    z->docno = docno;
    return FMT_OK;
}

/* The words of one document are gathered whole only while they are few:
 * a document of 10 MB of distinct words (1.3 million of them) took 480 MB
 * in the local table, the big one and a posting buffer per word before
 * the first run could be written. Past these limits its words are split
 * by hash into parts, each gathered in a pass of its own over the text,
 * moved to the big table and written out in runs like any others: a word
 * is in one part only, so it still gets one posting for the document, and
 * its documents still ascend from run to run. Memory is then bounded by
 * INDEX_MEM and these limits whatever the text; the price is one more
 * tokenizing pass per part, for such documents only. */
#define LOCAL_WORDS (1u << 17)      /* distinct words gathered at once */
#define LOCAL_TOKS ((size_t)1 << 20) /* tokens gathered at once ... */
#define LOCAL_TOKS_WORDS 64         /* ... when they are spread over words */
#define MAX_PARTS 1024

/* Which part a word's hash falls in: mixed, so that the words of one part
 * do not share the low bits the tables index by. */
static uint32_t part_bits(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x45d9f3bu;
    h ^= h >> 16;
    return h;
}

/* The common word w is (index in ix->pw), or -1. */
static int pair_word(const vb_index *ix, const char *w, size_t n)
{
    if (n > 5)  /* the longest is five letters */
        return -1;
    for (int i = 0; i < ix->npw; i++)
        if (ix->pwl[i] == n && !memcmp(ix->pw[i], w, n))
            return i;
    return -1;
}

/* The pairs of common words of the document (tdict.h) whose keys are in
 * part p of parts, as words of their own: one occurrence at a for each
 * occurrence of x at a followed by y at a + 1, or by another word y at a
 * itself (a compound's parts share its position), as phrase_count counts
 * the phrase "x y". No position is kept of them (index_finish). */
static int add_pairs(vb_index *ix, uint32_t parts, uint32_t p)
{
    for (size_t i = 0; i < ix->nocc; i++) {
        uint32_t a = ix->occpos[i];
        uint8_t x = ix->occw[i], seen[8];
        int ns = 0;
        size_t lo = i;
        while (lo > 0 && ix->occpos[lo - 1] == a)
            lo--;
        for (size_t j = lo; j < ix->nocc && ix->occpos[j] <= a + 1; j++) {
            uint8_t y = ix->occw[j];
            if (j == i || (ix->occpos[j] == a && y == x))
                continue;
            int dup = 0;
            for (int k = 0; k < ns; k++)
                dup |= seen[k] == y;
            if (dup || ns == 8)
                continue;
            seen[ns++] = y;
            fmt_token t;
            memset(&t, 0, sizeof t);
            t.fold[0] = TDICT_PAIR;
            memcpy(t.fold + 1, ix->pw[x], ix->pwl[x]);
            t.fold[1 + ix->pwl[x]] = ' ';
            memcpy(t.fold + 2 + ix->pwl[x], ix->pw[y], ix->pwl[y]);
            t.foldlen = 2u + ix->pwl[x] + ix->pwl[y];
            t.fold[t.foldlen] = 0;
            if (parts > 1 &&
                (part_bits(hash32(t.fold, t.foldlen)) & (parts - 1)) != p)
                continue;
            long lid = local_id(ix, &t);
            if (lid < 0 || push_tok(ix, (uint32_t)lid, a))
                return FMT_NOMEM;
            ix->l[lid].tf++;
        }
    }
    return FMT_OK;
}

/* Gather the tokens of d whose words are in part p of parts and move them
 * into the big table. FMT_OK, FMT_NOMEM, or 1 when the part is past the
 * limits (nothing moved: split it). *ntok counts the part's tokens. */
static int gather(vb_index *ix, uint32_t docno, const fmt_doc *d,
                  uint32_t parts, uint32_t p, uint32_t *ntok)
{
    fmt_token t;
    size_t hs = d->header.off, he = hs + d->header.len;
    ix->nocc = 0;
    fmt_tok_start(ix->tok, d->text, d->len);
    while (fmt_tok_next(ix->tok, &t)) {
        if (!t.foldlen)
            continue;
        int pw = pair_word(ix, t.fold, t.foldlen);
        if (pw >= 0) {
            if (ix->nocc == ix->capocc) {
                size_t cap = ix->capocc ? 2 * ix->capocc : 256;
                uint32_t *op = alloc_realloc(ix->occpos, cap * sizeof *op);
                if (!op)
                    return FMT_NOMEM;
                ix->occpos = op;
                uint8_t *ow = alloc_realloc(ix->occw, cap);
                if (!ow)
                    return FMT_NOMEM;
                ix->occw = ow;
                ix->capocc = cap;
            }
            ix->occpos[ix->nocc] = t.pos;
            ix->occw[ix->nocc++] = (uint8_t)pw;
        }
        if (parts > 1 &&
            (part_bits(hash32(t.fold, t.foldlen)) & (parts - 1)) != p)
            continue;
        if (!(t.flags & FMT_TOK_PART))
            (*ntok)++;
        long lid = local_id(ix, &t);
        if (lid < 0 || push_tok(ix, (uint32_t)lid, t.pos))
            return FMT_NOMEM;
        ix->l[lid].tf++;
        ix->l[lid].subj |= t.off >= hs && t.off < he;
        if (parts < MAX_PARTS &&
            (ix->nl > LOCAL_WORDS ||
             (ix->ntoks > LOCAL_TOKS && ix->nl >= LOCAL_TOKS_WORDS))) {
            local_reset(ix);
            return 1;
        }
    }
    if (add_pairs(ix, parts, p))
        return FMT_NOMEM;
    return flush_doc(ix, docno);
}

/* The words of d in part p of parts, split further while too many; a run
 * is written whenever the big table is past INDEX_MEM. */
static int add_words(vb_index *ix, uint32_t docno, const fmt_doc *d,
                     uint32_t parts, uint32_t p, uint32_t *ntok)
{
    uint32_t before = *ntok;
    int rc = gather(ix, docno, d, parts, p, ntok);
    if (rc == 1) {
        *ntok = before;
        rc = add_words(ix, docno, d, parts * 2, p, ntok);
        return rc ? rc : add_words(ix, docno, d, parts * 2, p + parts, ntok);
    }
    if (rc)
        return ixerr(ix, rc, "out of memory");
    if (ix->mem > INDEX_MEM && parts > 1)
        return flush_run(ix);
    return FMT_OK;
}

int index_add(vb_index *ix, uint32_t docno, const fmt_doc *d, int status)
{
    if (docno >= ix->ndocs)
        return ixerr(ix, FMT_INVALID, "document number out of range");
    uint32_t ntok = 0;
    int rc = add_words(ix, docno, d, 1, 0, &ntok);
    if (rc)
        return rc;
    int32_t date = fmt_doc_date(d);
    vb_put_be32(ix->date + 4 * (size_t)docno, (uint32_t)date);
    vb_put_be32(ix->len + 4 * (size_t)docno, ntok);
    ix->kind[docno] = (unsigned char)d->kind;
    ix->status[docno] = (unsigned char)status;
    vb_put_be32(ix->foff + 4 * (size_t)docno, (uint32_t)ix->fval.len);
    if (add_facets(ix, docno, d) || add_zaak(ix, docno, d))
        return ixerr(ix, FMT_NOMEM, "out of memory");
    if (ix->fval.len > UINT32_MAX - 1024)
        return ixerr(ix, FMT_LIMIT, "too many facet values");
    vb_put_be32(ix->foff + 4 * ((size_t)docno + 1), (uint32_t)ix->fval.len);
    if (ix->mem > INDEX_MEM)
        return flush_run(ix);
    return FMT_OK;
}

/* ---- appending to a base archive ------------------------------------------ */

int index_base(vb_index *ix, fmt_archive *a, uint32_t nterms)
{
    uint32_t n = a->ndocs;
    if (n == 0 || n >= ix->ndocs || ix->nfacets || ix->fval.len)
        return ixerr(ix, FMT_INVALID, "nothing to append to");
    memcpy(ix->date, a->col_date, 4 * (size_t)n);
    memcpy(ix->len, a->col_len, 4 * (size_t)n);
    memcpy(ix->kind, a->col_kind, n);
    memcpy(ix->status, a->col_status, n);
    memcpy(ix->foff, a->col_foff, 4 * ((size_t)n + 1));
    if (vb_get_be32(ix->foff + 4 * (size_t)n) != a->fval_len)
        return ixerr(ix, FMT_CORRUPT, "the base archive's facet column is damaged");
    if (fmt_buf_append(&ix->fval, a->col_fval, a->fval_len))
        return ixerr(ix, FMT_NOMEM, "out of memory");
    int rc = results_load_facets(a);
    if (rc)
        return ixerr(ix, rc, fmt_errmsg(a));
    /* the same ids in the same order: values fold to distinct keys */
    for (uint32_t i = 0; i < a->nfvals; i++) {
        const vb_facetval *v = &a->fvals[i];
        char *d = alloc_strndup(v->display, v->dlen);
        long id = d ? facet_id(ix, v->type, d) : -1;
        free(d);
        if (id == -1)
            return ixerr(ix, FMT_NOMEM, "out of memory");
        if (id != (long)i)
            return ixerr(ix, FMT_CORRUPT, "the base archive's facet table is damaged");
    }
    ix->nbase = n;
    ix->nbase_facets = a->nfvals;
    ix->nterms = nterms;
    ix->base = a;
    return FMT_OK;
}

void index_set_status(vb_index *ix, uint32_t docno, int status)
{
    if (docno < ix->ndocs)
        ix->status[docno] = (unsigned char)status;
}

/* ---- finishing: merge the runs --------------------------------------------- */

typedef struct {
    FILE *f;
    int done;
    fmt_buf word, post, pos;
    uint32_t df, lastdoc;
} rrun;

static int rrun_next(rrun *r)
{
    uint16_t wl;
    uint32_t hd[4];
    if (fread(&wl, 2, 1, r->f) != 1) {
        r->done = 1;
        return ferror(r->f) ? FMT_IO : FMT_OK;
    }
    r->word.len = r->post.len = r->pos.len = 0;
    if (fmt_buf_reserve(&r->word, wl) || fread(r->word.data, 1, wl, r->f) != wl ||
        fread(hd, 4, 4, r->f) != 4 || fmt_buf_reserve(&r->post, hd[2]) ||
        fread(r->post.data, 1, hd[2], r->f) != hd[2] ||
        fmt_buf_reserve(&r->pos, hd[3]) ||
        fread(r->pos.data, 1, hd[3], r->f) != hd[3])
        return FMT_IO;
    r->word.len = wl;
    r->word.data[wl] = 0;
    r->df = hd[0];
    r->lastdoc = hd[1];
    r->post.len = hd[2];
    r->pos.len = hd[3];
    return FMT_OK;
}

static int word_cmp(const fmt_buf *a, const fmt_buf *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->data, b->data, n);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

typedef struct {
    vb_index *ix;
    MDB_env *env;
    MDB_txn **txn;
    MDB_dbi terms, stems, facets, cols, lists;
    uint64_t bytes, puts, dirty;
    vb_plist pl;
    fmt_buf enc, stemlist;
    /* format 6 (tdict.c, tcodec.c) */
    tdict_builder tb, sb;
    tdict_heap heap;
    tdict_pipe pipe;      /* tb's or sb's blocks cut on a second thread;
                             every put of those phases goes through it */
    fmt_buf pay, p6, q6, bb1, bb2;
    uint32_t *pv;         /* one document's positions */
    size_t pvcap;
    /* appending: the base's terms, read in order beside the new ones */
    tdict_iter bi;
    int bhave;            /* bi stands on a term not yet written */
    vb_plist bl;          /* a base term's documents, decoded */
    uint32_t nterms;
} fin;

/* fput flag: the caller has taken the replaced value's size off already */
#define FPUT_COUNTED (1u << 30)

static int fput(fin *f, MDB_dbi dbi, const void *k, size_t kl, const void *v,
                size_t vl, unsigned flags)
{
    MDB_val key = {kl, (void *)k}, val = {vl, (void *)v}, old;
    int rc = 0;
    /* appending: a value replaced no longer counts in the index's size
     * (bytes is then the change, added to the base's size mod 2^64) */
    if (f->ix->nbase && !(flags & (MDB_APPEND | FPUT_COUNTED))) {
        rc = mdb_get(*f->txn, dbi, &key, &old);
        if (!rc)
            f->bytes -= kl + old.mv_size;
        else if (rc == MDB_NOTFOUND)
            rc = 0;
    }
    if (!rc)
        rc = mdb_put(*f->txn, dbi, &key, &val, flags & ~FPUT_COUNTED);
    if (rc) {
        char why[1200], in[1100];
        snprintf(in, sizeof in, "%s/.", f->ix->tmpdir);
        snprintf(f->ix->err, sizeof f->ix->err, "write: %s",
                 error_io_why(rc, in, why, sizeof why));
        return error_mdb_code(rc);
    }
    f->bytes += kl + vl;
    f->dirty += kl + vl;
    /* commit now and then so the dirty pages LMDB holds stay few: after
     * so many entries or so many bytes, whichever comes first (a big
     * corpus has fewer, larger entries) */
    if (++f->puts % 20000 == 0 || f->dirty > (f->ix->nbase ? FIN_DIRTY_APPEND : FIN_DIRTY)) {
        f->dirty = 0;
        if ((rc = mdb_txn_commit(*f->txn))) {
            char why[1200], in[1100];
            *f->txn = NULL;
            snprintf(in, sizeof in, "%s/.", f->ix->tmpdir);
            snprintf(f->ix->err, sizeof f->ix->err, "commit: %s",
                     error_io_why(rc, in, why, sizeof why));
            return error_mdb_code(rc);
        }
        pages_drop(f->env);
        if ((rc = mdb_txn_begin(f->env, NULL, 0, f->txn))) {
            *f->txn = NULL;
            return error_mdb_code(rc);
        }
    }
    return FMT_OK;
}

/* tdict's writes: every table it writes is written whole, in key order */
static int fin_put(void *ctx, MDB_dbi dbi, const void *k, size_t kl,
                   const void *v, size_t vl)
{
    return fput(ctx, dbi, k, kl, v, vl, MDB_APPEND);
}

static int pv_room(fin *f, size_t n)
{
    return vb_grow(&f->pv, &f->pvcap, n ? n : 1, sizeof *f->pv, 64);
}

/* One run's chunk of a word: documents (deltas from 0) with their
 * positions (per document, deltas from 0), into the encoder; the
 * positions left out when nopos (a pair, a rare word). */
static int chunk_encode(fin *f, const rrun *r, tcodec_enc *e, int nopos)
{
    const unsigned char *p = (unsigned char *)r->post.data,
                        *end = p + r->post.len;
    const unsigned char *q = (unsigned char *)r->pos.data,
                        *qend = q + r->pos.len;
    uint32_t prev = 0;
    for (uint32_t i = 0; i < r->df; i++) {
        uint64_t delta, tfx, x;
        if (vb_get_varint(&p, end, &delta) || vb_get_varint(&p, end, &tfx) ||
            tfx > UINT32_MAX || (tfx >> 1) > r->pos.len)
            return FMT_CORRUPT;
        prev += (uint32_t)delta;
        uint32_t tf = (uint32_t)(tfx >> 1), at = 0;
        if (pv_room(f, tf))
            return FMT_NOMEM;
        for (uint32_t j = 0; j < tf; j++) {
            if (vb_get_varint(&q, qend, &x))
                return FMT_CORRUPT;
            at += (uint32_t)x;
            f->pv[j] = at;
        }
        int rc = tcodec_enc_doc(e, prev, (uint32_t)tfx, nopos ? NULL : f->pv);
        if (rc)
            return rc == FMT_INVALID ? FMT_CORRUPT : rc;
    }
    return FMT_OK;
}

/* Appending: the positions of word w (wl bytes) in base document d, tf
 * of them, into f->pv: read off its text as gather() reads them. */
static int base_positions(fin *f, const char *w, size_t wl, uint32_t d,
                          uint32_t tf)
{
    vb_index *ix = f->ix;
    const char *text;
    size_t len;
    int rc = store_get_text(ix->base, d, &text, &len);
    if (rc)
        return rc == FMT_NOMEM ? rc : ixerr(ix, rc, fmt_errmsg(ix->base));
    if (tf > len) /* a token a byte at least */
        return ixerr(ix, FMT_CORRUPT, "the base archive's index is damaged");
    if (pv_room(f, tf))
        return FMT_NOMEM;
    uint32_t n = 0;
    fmt_token t;
    fmt_tok_start(ix->tok, text, len);
    while (fmt_tok_next(ix->tok, &t))
        if (t.foldlen == wl && !memcmp(t.fold, w, wl)) {
            if (n < tf)
                f->pv[n] = t.pos;
            n++;
        }
    if (n != tf) /* the text does not hold what the index says */
        return ixerr(ix, FMT_CORRUPT, "the base archive's index is damaged");
    return FMT_OK;
}

/* Appending: the base's term bi document by document into the encoder,
 * with its positions (read off the texts: it had none) or without (it had
 * them): the word crossed posdf, or the base was packed with another. */
static int base_again(fin *f, tcodec_enc *e, const unsigned char *pp,
                      size_t pn, int nopos)
{
    fmt_archive *a = f->ix->base;
    int rc = tcodec_decode(pp, pn, f->bi.df, a->ndocs, &f->bl, NULL, NULL);
    if (rc)
        return rc == FMT_NOMEM
                   ? rc
                   : ixerr(f->ix, FMT_CORRUPT, "the base archive's index is damaged");
    for (size_t i = 0; i < f->bl.n && !rc; i++) {
        uint32_t d = f->bl.docs[i], tfx = f->bl.tfs[i];
        if (!nopos)
            rc = base_positions(f, f->bi.word, f->bi.wlen, d, tfx >> 1);
        if (!rc)
            rc = tcodec_enc_doc(e, d, tfx, nopos ? NULL : f->pv);
        if (rc == FMT_INVALID)
            rc = ixerr(f->ix, FMT_CORRUPT, "the base archive's index is damaged");
    }
    return rc;
}

/* Appending: the base's term bi, its documents and positions, into the
 * encoder (they come before every new document): its full blocks as they
 * are, its tail again (tcodec_enc_resume); all again when the positions
 * are to go or come (nopos: the term keeps none). */
static int base_encode(fin *f, tcodec_enc *e, int nopos)
{
    const unsigned char *pp = NULL, *pos = NULL;
    size_t pn = 0, posn = 0;
    fmt_archive *a = f->ix->base;
    int rc = tdict_bytes(&f->bi, 0, &f->bb1, &pp, &pn);
    if (!rc)
        rc = tdict_bytes(&f->bi, 1, &f->bb2, &pos, &posn);
    if (!rc && !posn != !!nopos)
        return base_again(f, e, pp, pn, nopos);
    if (!rc)
        rc = tcodec_enc_resume(e, pp, pn, pos, posn, f->bi.df, a->ndocs,
                               a->col_len);
    if (rc == FMT_NOMEM)
        return rc;
    return rc ? ixerr(f->ix, FMT_CORRUPT, "the base archive's index is damaged")
              : FMT_OK;
}

/* Whether a term of df documents keeps no positions: a pair, or a word
 * below posdf. */
static int term_nopos(const fin *f, const char *w, size_t wl, uint64_t df)
{
    return (wl && w[0] == TDICT_PAIR) || df < f->ix->posdf;
}

/* Put the term whose lists are in f->p6 and f->q6. */
static int put_term(fin *f, const char *w, size_t wl, uint32_t df,
                    const unsigned char *post, size_t plen,
                    const unsigned char *pos, size_t poslen)
{
    int rc = tdict_term_payload(&f->pay, df, post, plen, pos, poslen, &f->heap,
                                tdict_pipe_put, &f->pipe);
    if (!rc)
        rc = tdict_pipe_add(&f->pipe, &f->tb, w, wl, f->pay.data, f->pay.len);
    f->nterms += wl && w[0] != TDICT_PAIR; /* words, not pairs */
    return rc;
}

/* Appending: the base's terms before word w (all: w NULL) as they are. */
static int base_copy(fin *f, const fmt_buf *w)
{
    while (f->bhave) {
        if (w) {
            size_t n = w->len < f->bi.wlen ? w->len : f->bi.wlen;
            int c = memcmp(f->bi.word, w->data, n);
            if (c > 0 || (!c && f->bi.wlen >= w->len))
                return FMT_OK;
        }
        const unsigned char *pp, *pos;
        size_t pn, posn;
        int rc = tdict_bytes(&f->bi, 0, &f->bb1, &pp, &pn);
        if (!rc)
            rc = tdict_bytes(&f->bi, 1, &f->bb2, &pos, &posn);
        int nopos = term_nopos(f, f->bi.word, f->bi.wlen, f->bi.df);
        if (!rc && !posn != !!nopos) { /* a base packed with another posdf */
            tcodec_enc e;
            f->p6.len = f->q6.len = 0;
            tcodec_enc_start(&e, &f->p6, &f->q6, f->ix->len);
            rc = base_again(f, &e, pp, pn, nopos);
            int r2 = tcodec_enc_end(&e);
            if (!rc && !(rc = r2))
                rc = put_term(f, f->bi.word, f->bi.wlen, f->bi.df,
                              (const unsigned char *)f->p6.data, f->p6.len,
                              (const unsigned char *)f->q6.data, f->q6.len);
        } else if (!rc)
            rc = put_term(f, f->bi.word, f->bi.wlen, f->bi.df, pp, pn, pos, posn);
        if (rc)
            return rc == FMT_CORRUPT
                       ? ixerr(f->ix, rc, "the base archive's index is damaged")
                       : rc;
        rc = tdict_next(&f->bi);
        if (rc == FMT_NOTFOUND)
            f->bhave = 0;
        else if (rc)
            return ixerr(f->ix, rc, "the base archive's index is damaged");
    }
    return FMT_OK;
}

static int write_word(fin *f, rrun **parts, size_t np)
{
    const fmt_buf *w = &parts[0]->word;
    int rc = base_copy(f, w), had = 0;
    if (rc)
        return rc;
    tcodec_enc e;
    f->p6.len = f->q6.len = 0;
    tcodec_enc_start(&e, &f->p6, &f->q6, f->ix->len);
    /* the word's df decides whether it keeps positions: known before its
     * first document is encoded */
    had = f->bhave && f->bi.wlen == w->len && !memcmp(f->bi.word, w->data, w->len);
    uint64_t df = had ? f->bi.df : 0;
    for (size_t i = 0; i < np; i++)
        df += parts[i]->df;
    int nopos = term_nopos(f, w->data, w->len, df);
    if (had) {
        if ((rc = base_encode(f, &e, nopos))) {
            tcodec_enc_end(&e);
            return rc;
        }
        rc = tdict_next(&f->bi);
        if (rc == FMT_NOTFOUND) {
            f->bhave = 0;
            rc = FMT_OK;
        } else if (rc) {
            tcodec_enc_end(&e);
            return ixerr(f->ix, rc, "the base archive's index is damaged");
        }
    }
    for (size_t i = 0; i < np && !rc; i++)
        rc = chunk_encode(f, parts[i], &e, nopos);
    int r2 = tcodec_enc_end(&e);
    if (rc)
        return rc == FMT_NOMEM ? rc : ixerr(f->ix, rc, "temporary index damaged");
    if (r2)
        return r2;
    rc = put_term(f, w->data, w->len, (uint32_t)e.n,
                  (const unsigned char *)f->p6.data, f->p6.len,
                  (const unsigned char *)f->q6.data, f->q6.len);
    if (rc || had || w->data[0] == TDICT_PAIR) /* the base has its stem entry;
                                                 a pair has none */
        return rc;
    /* remember stem NUL word, when the stem differs */
    char stem[FMT_TOKMAX + 1];
    size_t sl = fmt_stem(f->ix->tok, w->data, w->len, stem, sizeof stem);
    if (sl != w->len || memcmp(stem, w->data, sl)) {
        uint16_t total = (uint16_t)(sl + 1 + w->len);
        if (fmt_buf_append(&f->stemlist, &total, 2) ||
            fmt_buf_append(&f->stemlist, stem, sl) ||
            fmt_buf_append(&f->stemlist, "", 1) ||
            fmt_buf_append(&f->stemlist, w->data, w->len))
            return FMT_NOMEM;
    }
    return FMT_OK;
}

static int merge_words(fin *f)
{
    vb_index *ix = f->ix;
    size_t nr = ix->nruns;
    rrun *rs = alloc_calloc(nr + 1, sizeof *rs);
    rrun **parts = alloc_calloc(nr + 1, sizeof *parts);
    int rc = rs && parts ? FMT_OK : FMT_NOMEM;
    tdict_pipe_open(&f->pipe, 1, fin_put, f);
    for (size_t i = 0; i < nr && !rc; i++) {
        rs[i].f = ix->runs[i];
        rc = rrun_next(&rs[i]);
    }
    while (!rc) {
        rrun *min = NULL;
        for (size_t i = 0; i < nr; i++)
            if (!rs[i].done && (!min || word_cmp(&rs[i].word, &min->word) < 0))
                min = &rs[i];
        if (!min)
            break;
        size_t np = 0;
        for (size_t i = 0; i < nr; i++) /* in run order: docs ascend */
            if (!rs[i].done && !word_cmp(&rs[i].word, &min->word))
                parts[np++] = &rs[i];
        rc = write_word(f, parts, np);
        for (size_t i = 0; i < np && !rc; i++)
            rc = rrun_next(parts[i]);
    }
    if (!rc)
        rc = base_copy(f, NULL);
    if (!rc)
        rc = tdict_pipe_flush(&f->pipe, &f->tb);
    if (!rc)
        rc = tdict_heap_flush(&f->heap, tdict_pipe_put, &f->pipe);
    rc = tdict_pipe_close(&f->pipe, rc);
    for (size_t i = 0; rs && i < nr; i++) {
        fmt_buf_free(&rs[i].word);
        fmt_buf_free(&rs[i].post);
        fmt_buf_free(&rs[i].pos);
    }
    free(rs);
    free(parts);
    /* a failed write sets the message itself; a failed read does not */
    return rc == FMT_IO && !ix->err[0]
               ? ixerr(ix, rc, "reading a temporary index file failed")
               : rc;
}

static const char *stem_base;
static int stem_cmp(const void *a, const void *b)
{
    const unsigned char *x = (const unsigned char *)stem_base + *(const size_t *)a;
    const unsigned char *y = (const unsigned char *)stem_base + *(const size_t *)b;
    uint16_t xl, yl;
    memcpy(&xl, x, 2);
    memcpy(&yl, y, 2);
    int c = memcmp(x + 2, y + 2, xl < yl ? xl : yl);
    return c ? c : (xl > yl) - (xl < yl);
}

/* The words of one stem being gathered (the base's and new ones). */
typedef struct {
    char **w;
    size_t n, cap;
} stemwords;

static int sw_add(void *ctx, const char *w, size_t wl)
{
    stemwords *sw = ctx;
    if (vb_grow(&sw->w, &sw->cap, sw->n + 1, sizeof *sw->w, 16) ||
        !(sw->w[sw->n] = alloc_strndup(w, wl)))
        return FMT_NOMEM;
    sw->n++;
    return 0;
}

static int sw_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Put the stem's entry: its words sorted, each once; then empty sw. */
static int put_stem(fin *f, const char *stem, size_t sl, stemwords *sw)
{
    vb_sort(sw->w, sw->n, sizeof *sw->w, sw_cmp);
    size_t k = 0, *lens = alloc_calloc(sw->n + 1, sizeof *lens);
    int rc = lens ? FMT_OK : FMT_NOMEM;
    for (size_t i = 0; i < sw->n; i++)
        if (!k || strcmp(sw->w[i], sw->w[k - 1])) {
            sw->w[k] = sw->w[i];
            lens[k++] = strlen(sw->w[i]);
        } else {
            free(sw->w[i]);
        }
    sw->n = k;
    if (!rc && k)
        rc = tdict_stem_payload(&f->pay, stem, sl, (const char *const *)sw->w,
                                lens, k);
    if (!rc && k)
        rc = tdict_pipe_add(&f->pipe, &f->sb, stem, sl, f->pay.data, f->pay.len);
    for (size_t i = 0; i < sw->n; i++)
        free(sw->w[i]);
    sw->n = 0;
    free(lens);
    return rc;
}

static int write_stems(fin *f)
{
    size_t n = 0, cap = 1024;
    size_t *offs = alloc_malloc(cap * sizeof *offs);
    if (!offs)
        return FMT_NOMEM;
    for (size_t o = 0; o < f->stemlist.len;) {
        uint16_t l;
        memcpy(&l, f->stemlist.data + o, 2);
        if (n == cap) {
            size_t *x = alloc_realloc(offs, (cap *= 2) * sizeof *offs);
            if (!x) {
                free(offs);
                return FMT_NOMEM;
            }
            offs = x;
        }
        offs[n++] = o;
        o += 2 + l;
    }
    stem_base = f->stemlist.data;
    vb_sort(offs, n, sizeof *offs, stem_cmp);
    tdict_pipe_open(&f->pipe, 1, fin_put, f);
    /* appending: the base's stems beside the new words' */
    tdict_scan bs;
    int rc = FMT_OK, bhave = 0;
    memset(&bs, 0, sizeof bs);
    if (f->ix->base) {
        rc = tdict_scan_start(f->ix->base, f->ix->base->stems, &bs);
        bhave = rc == FMT_OK;
        if (rc == FMT_NOTFOUND)
            rc = FMT_OK;
    }
    stemwords sw = {0};
    size_t i = 0;
    while (!rc && (i < n || bhave)) {
        const char *ns = i < n ? f->stemlist.data + offs[i] + 2 : NULL;
        size_t nsl = ns ? strlen(ns) : 0;
        int c = !ns ? 1 : !bhave ? -1 : memcmp(ns, bs.key, nsl < bs.kl ? nsl : bs.kl);
        if (ns && bhave && !c)
            c = (nsl > bs.kl) - (nsl < bs.kl);
        if (c > 0) { /* the base's stem, no new word: as it is */
            rc = tdict_pipe_add(&f->pipe, &f->sb, bs.key, bs.kl, bs.pay, bs.pl);
        } else {
            char stem[FMT_TOKMAX + 1];
            memcpy(stem, ns, nsl);
            if (c == 0) {
                int r = tdict_stem_decode(bs.pay, bs.pl, bs.key, bs.kl, sw_add, &sw);
                if (r)
                    rc = r == -1 ? ixerr(f->ix, FMT_CORRUPT,
                                         "the base archive's index is damaged")
                                 : r;
            }
            for (; !rc && i < n; i++) {
                uint16_t l;
                memcpy(&l, f->stemlist.data + offs[i], 2);
                const char *k = f->stemlist.data + offs[i] + 2;
                if (strlen(k) != nsl || memcmp(k, stem, nsl))
                    break;
                rc = sw_add(&sw, k + nsl + 1, l - nsl - 1);
            }
            if (!rc)
                rc = put_stem(f, stem, nsl, &sw);
            if (c != 0)
                continue;
        }
        if (!rc) {
            int r = tdict_scan_next(&bs);
            bhave = r == FMT_OK;
            if (r && r != FMT_NOTFOUND)
                rc = ixerr(f->ix, r, "the base archive's index is damaged");
        }
    }
    tdict_scan_end(&bs);
    for (size_t k = 0; k < sw.n; k++)
        free(sw.w[k]);
    free(sw.w);
    free(offs);
    if (!rc)
        rc = tdict_pipe_flush(&f->pipe, &f->sb);
    return tdict_pipe_close(&f->pipe, rc);
}

static int fkey_cmp(const void *a, const void *b)
{
    const facet *x = *(facet *const *)a, *y = *(facet *const *)b;
    int c = memcmp(x->key, y->key, x->klen < y->klen ? x->klen : y->klen);
    return c ? c : (x->klen > y->klen) - (x->klen < y->klen);
}

/* Appending: the base's documents of facet fc (id) onto f->pl. */
static int base_facet(fin *f, const facet *fc, uint32_t id)
{
    MDB_val k = {fc->klen, fc->key}, v;
    int rc = mdb_get(*f->txn, f->facets, &k, &v);
    if (rc)
        return ixerr(f->ix, error_mdb_code(rc == MDB_NOTFOUND ? MDB_CORRUPTED : rc),
                     "the base archive's facet list is missing");
    const unsigned char *p = v.mv_data;
    if (v.mv_size < 4 || vb_get_be32(p) != id ||
        postings_decode(p + 4, v.mv_size - 4, &f->pl, NULL, NULL,
                        f->ix->nbase))
        return ixerr(f->ix, FMT_CORRUPT, "the base archive's facet list is damaged");
    return FMT_OK;
}

static int write_facets(fin *f)
{
    vb_index *ix = f->ix;
    facet **order = alloc_calloc(ix->nfacets + 1, sizeof *order);
    if (!order)
        return FMT_NOMEM;
    for (uint32_t i = 0; i < ix->nfacets; i++)
        order[i] = &ix->facets[i];
    vb_sort(order, ix->nfacets, sizeof *order, fkey_cmp);
    int rc = FMT_OK;
    for (uint32_t i = 0; i < ix->nfacets && !rc; i++) {
        facet *fc = order[i];
        uint32_t id = (uint32_t)(fc - ix->facets);
        f->pl.n = 0;
        if (id < ix->nbase_facets) { /* the base's: merge, if touched */
            if (!fc->ndocs)
                continue;
            rc = base_facet(f, fc, id);
        }
        for (size_t k = 0; k < fc->ndocs && !rc; k++)
            rc = postings_list_push(&f->pl, fc->docs[k], 2);
        f->enc.len = 0;
        unsigned char be[4];
        vb_put_be32(be, id);
        if (!rc && (fmt_buf_append(&f->enc, be, 4) ||
                    postings_encode(&f->pl, NULL, &f->enc)))
            rc = FMT_NOMEM;
        if (!rc)
            rc = fput(f, f->facets, fc->key, fc->klen, f->enc.data, f->enc.len,
                      ix->nbase ? 0 : MDB_APPEND);
    }
    free(order);
    /* the table of values by id */
    fmt_buf tab = {0};
    for (uint32_t i = 0; i < ix->nfacets && !rc; i++) {
        unsigned char ty = ix->facets[i].type;
        const char *d = ix->facets[i].display;
        if (fmt_buf_append(&tab, &ty, 1) || record_buf_str(&tab, d, strlen(d)))
            rc = FMT_NOMEM;
    }
    if (!rc)
        rc = fput(f, f->cols, "ftab", 4, tab.data ? tab.data : "", tab.len, 0);
    fmt_buf_free(&tab);
    return rc;
}

static int write_cols(fin *f)
{
    vb_index *ix = f->ix;
    size_t n = ix->ndocs;
    struct {
        const char *name;
        const void *p;
        size_t len;
    } c[] = {{"date", ix->date, 4 * n},
             {"len", ix->len, 4 * n},
             {"kind", ix->kind, n},
             {"status", ix->status, n},
             {"foff", ix->foff, 4 * (n + 1)},
             {"fval", ix->fval.data ? ix->fval.data : "", ix->fval.len}};
    int rc = FMT_OK;
    for (size_t i = 0; i < sizeof c / sizeof *c && !rc; i++)
        rc = fput(f, f->cols, c[i].name, strlen(c[i].name), c[i].p, c[i].len,
                  0);
    return rc;
}

static int zd_cmp(const void *a, const void *b)
{
    const vb_zaakdoc *x = a, *y = b;
    int c = strcmp(x->zaak, y->zaak);
    return c ? c : (x->docno > y->docno) - (x->docno < y->docno);
}

/* Format 7: meta "posdf", the df below which words keep no positions,
 * for the readers (search.c's phrases, verify); appending replaces the
 * base's. The writer takes meta's sum after. */
static int write_posdf(fin *f)
{
    MDB_dbi meta;
    char v[16];
    int n = snprintf(v, sizeof v, "%u", (unsigned)f->ix->posdf);
    MDB_val k = {5, (void *)"posdf"}, val = {(size_t)n, v};
    int mr = mdb_dbi_open(*f->txn, "meta", MDB_CREATE, &meta);
    if (!mr)
        mr = mdb_put(*f->txn, meta, &k, &val, 0);
    return mr ? ixerr(f->ix, error_mdb_code(mr), mdb_strerror(mr)) : FMT_OK;
}

int index_finish(vb_index *ix, MDB_env *env, MDB_txn **txn,
                 uint64_t *bytes)
{
    fin f;
    memset(&f, 0, sizeof f);
    f.ix = ix;
    f.env = env;
    f.txn = txn;
    int rc = flush_run(ix);
    const char *names[] = {"terms", "stems", "facets", "cols", "lists"};
    MDB_dbi *dbis[] = {&f.terms, &f.stems, &f.facets, &f.cols, &f.lists};
    for (int i = 0; i < 5 && !rc; i++) {
        int mr = mdb_dbi_open(*txn, names[i], MDB_CREATE, dbis[i]);
        if (mr)
            rc = ixerr(ix, error_mdb_code(mr), mdb_strerror(mr));
    }
    f.tb.dbi = f.terms;
    f.tb.budget = TDICT_BUDGET3; /* small blocks: one inflated a lookup */
    f.sb.dbi = f.stems;
    f.sb.stored = 1;             /* read for every word searched */
    f.heap.dbi = f.lists;
    /* appending: the word tables are written whole again (from the base's
     * and the new words, in order), so they are emptied first; their old
     * bytes no longer count */
    for (int i = 0; i < 5 && !rc && ix->base; i++) {
        if (i == 2 || i == 3)
            continue;
        MDB_cursor *c;
        MDB_val k, v;
        int mr = mdb_cursor_open(*txn, *dbis[i], &c);
        if (!mr) {
            while (!(mr = mdb_cursor_get(c, &k, &v, MDB_NEXT)))
                f.bytes -= k.mv_size + v.mv_size;
            mdb_cursor_close(c);
            if (mr == MDB_NOTFOUND)
                mr = mdb_drop(*txn, *dbis[i], 0);
        }
        if (mr)
            rc = ixerr(ix, error_mdb_code(mr), mdb_strerror(mr));
    }
    if (!rc && ix->base) {
        int r = tdict_seek(ix->base, &f.bi, "", 0);
        f.bhave = r == FMT_OK;
        if (r && r != FMT_NOTFOUND)
            rc = ixerr(ix, r, "the base archive's index is damaged");
    }
    if (!rc)
        rc = merge_words(&f);
    if (!rc)
        rc = write_posdf(&f);
    tdict_close(&f.bi);
    ix->nterms = f.nterms;
    if (!rc)
        rc = write_stems(&f);
    if (!rc)
        rc = write_facets(&f);
    if (!rc)
        rc = write_cols(&f);
    vb_sort(ix->zd, ix->nzd, sizeof *ix->zd, zd_cmp);
    ix->nzaken = 0;
    for (size_t i = 0; i < ix->nzd; i++)
        if (!i || strcmp(ix->zd[i].zaak, ix->zd[i - 1].zaak))
            ix->nzaken++;
    postings_list_free(&f.pl);
    fmt_buf_free(&f.enc);
    fmt_buf_free(&f.stemlist);
    tdict_builder_free(&f.tb);
    tdict_builder_free(&f.sb);
    fmt_buf_free(&f.pay);
    fmt_buf_free(&f.p6);
    fmt_buf_free(&f.q6);
    fmt_buf_free(&f.bb1);
    fmt_buf_free(&f.bb2);
    postings_list_free(&f.bl);
    free(f.pv);
    *bytes = f.bytes;
    return rc;
}

const vb_zaakdoc *index_zaakdocs(const vb_index *ix, size_t *n)
{
    *n = ix->nzd;
    return ix->zd;
}

size_t index_nzaken(const vb_index *ix) { return ix->nzaken; }
uint32_t index_nterms(const vb_index *ix) { return ix->nterms; }
