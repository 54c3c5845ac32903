/* search.c - evaluating a query against the index: hits, ranking, facets.
 *
 * Each node of the query tree (query.h) evaluates to a list of documents,
 * ascending, each with a partial score. Words score with BM25 (k1 1.2,
 * b 0.75); an occurrence in the header (the subject) counts as SUBJECT_TF
 * more, which puts a document about a thing above one that mentions it in
 * a footnote. A word matches every indexed word with the same Dutch stem
 * (stems db), so inflections meet; a phrase matches exact words at
 * consecutive positions (stored after each word's postings; format 7
 * stores none of a word in fewer than meta "posdf" documents, and a
 * phrase holding one reads every word's positions off the texts of the
 * few documents holding them all). Filters read the facet lists and the
 * per-document columns; a date range is a range of document numbers,
 * since documents are numbered in date order.
 *
 * What the search gives back (the page, cases, facets, months) is made
 * of that list by results.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "guard.h"
#include "query.h"
#include "search_int.h"
#include "tcodec.h"
#include "tdict.h"

#define SUBJECT_TF 4
/* Words a prefix or stem may stand for: all of them in any real corpus
 * ("zorg*" is some 20,000 words in 100,000 documents); the bound only keeps
 * a hostile archive from looping long, and a cancel stops it sooner. */
#define MAX_EXPANSION (1 << 22)

typedef struct {
    fmt_archive *a;
    const fmt_query *q;
    volatile int *cancel;
    int rc;
    vb_plist pl, tmp;
    /* While an AND evaluates its later parts: the documents still in the
     * running, so words score only those (scoring is most of the cost of
     * a frequent word). NULL: all. */
    const struct dlist_s *filter;
    /* The document counts of the words a term or prefix stands for,
     * summed: its df for the idf (read from the lists' heads, so it is the
     * same whether or not a filter spared decoding them). */
    uint64_t df;
    /* What BM25 scores with: the archive's own documents and average
     * length, or a library's (st, which also gives each word's df). */
    double ndocs, avglen;
    const struct fmt_stats *st;
    int df_only;         /* search_stats_add: read the lists' heads only */
    /* Index entries found damaged and left out: the search answers from
     * the rest and says what it skipped. */
    size_t skipped;
    char skipmsg[1200];
    fmt_buf tbuf;        /* a list gathered from the heap (tdict_bytes) */
    /* phrases of words without positions (format 7): the texts'
     * tokenizer (made when first needed) and meta posdf (read once) */
    fmt_tokenizer *tok;
    uint32_t posdf;
    int posdf_read;
} ev;

/* ---- document lists (dl_reserve, dl_free: search_int.h) ------------------ */

static int dl_push(dlist *l, uint32_t doc, float s)
{
    if (l->n == l->cap && dl_reserve(l, l->n + 1))
        return FMT_NOMEM;
    l->doc[l->n] = doc;
    l->score[l->n++] = s;
    return FMT_OK;
}

static int dl_range(dlist *l, uint32_t from, uint32_t to)
{
    if (to > from && dl_reserve(l, to - from))
        return FMT_NOMEM;
    for (uint32_t d = from; d < to; d++) {
        l->doc[l->n] = d;
        l->score[l->n++] = 0;
    }
    return FMT_OK;
}

/* a AND b, scores summed, into a. */
static void dl_and(dlist *a, const dlist *b)
{
    size_t i = 0, j = 0, k = 0;
    while (i < a->n && j < b->n) {
        if (a->doc[i] < b->doc[j])
            i++;
        else if (a->doc[i] > b->doc[j])
            j++;
        else {
            a->doc[k] = a->doc[i];
            a->score[k++] = a->score[i++] + b->score[j++];
        }
    }
    a->n = k;
}

static void dl_not(dlist *a, const dlist *b)
{
    size_t i = 0, j = 0, k = 0;
    while (i < a->n) {
        while (j < b->n && b->doc[j] < a->doc[i])
            j++;
        if (j < b->n && b->doc[j] == a->doc[i]) {
            i++;
            continue;
        }
        a->doc[k] = a->doc[i];
        a->score[k++] = a->score[i++];
    }
    a->n = k;
}

/* a OR b, scores summed, into out (cleared first). */
static int dl_or(dlist *out, const dlist *a, const dlist *b)
{
    out->n = 0;
    if (dl_reserve(out, a->n + b->n))
        return FMT_NOMEM;
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        if (j >= b->n || (i < a->n && a->doc[i] < b->doc[j])) {
            out->doc[out->n] = a->doc[i];
            out->score[out->n++] = a->score[i++];
        } else if (i >= a->n || b->doc[j] < a->doc[i]) {
            out->doc[out->n] = b->doc[j];
            out->score[out->n++] = b->score[j++];
        } else {
            out->doc[out->n] = a->doc[i];
            out->score[out->n++] = a->score[i++] + b->score[j++];
        }
    }
    return FMT_OK;
}

static void dl_swap(dlist *a, dlist *b)
{
    dlist t = *a;
    *a = *b;
    *b = t;
}

/* ---- words ----------------------------------------------------------------- */

static int cancelled(ev *e)
{
    if (e->cancel && *e->cancel)
        e->rc = FMT_LIMIT;
    return e->rc != FMT_OK;
}

static uint32_t doclen(const fmt_archive *a, uint32_t d)
{
    return vb_get_be32(a->col_len + 4 * (size_t)d);
}

static float bm25(const ev *e, double idf, uint32_t tfx, uint32_t d)
{
    double tf = (tfx >> 1) + (tfx & 1 ? SUBJECT_TF : 0);
    double k1 = 1.2, b = 0.75;
    double norm = k1 * (1 - b + b * doclen(e->a, d) / e->avglen);
    return (float)(idf * tf * (k1 + 1) / (tf + norm));
}

static double idf(const ev *e, uint64_t df)
{
    double n = df < e->ndocs ? (double)df : e->ndocs;
    return log(1.0 + (e->ndocs - n + 0.5) / (n + 0.5));
}

/* The df of word `word` of node q: the library's, when there is one
 * (summed over its archives), else own (this archive's). */
static uint64_t node_df(const ev *e, const qnode *q, size_t word, uint64_t own)
{
    for (size_t i = 0; e->st && i < e->st->n; i++)
        if (e->st->df[i].node == q && e->st->df[i].word == word)
            return e->st->df[i].df;
    return own;
}

/* Decode the documents of the term it stands on into l: all, or only
 * those of want (the blocks holding none are skipped). */
static int term_list(ev *e, const tdict_iter *it, vb_plist *l,
                     const uint32_t *want, size_t nwant, uint64_t **blk,
                     size_t *blkcap)
{
    const unsigned char *post;
    size_t pl;
    int rc = tdict_bytes(it, 0, &e->tbuf, &post, &pl);
    if (rc)
        return rc;
    if (e->a->version >= 6)
        return want ? tcodec_decode_in(post, pl, it->df, e->a->ndocs, l, want,
                                       nwant)
                    : tcodec_decode(post, pl, it->df, e->a->ndocs, l, blk,
                                    blkcap);
    return want ? postings_decode_in(post, pl, l, e->a->ndocs, want, nwant)
                : postings_decode(post, pl, l, NULL, NULL, e->a->ndocs);
}

static int add_term(ev *e, const tdict_iter *it, vb_plist *acc);

/* Merge the posting list of word w (if indexed) into acc: documents
 * unioned, tfx summed (subject flags or-ed). */
static int add_word(ev *e, const char *w, size_t n, vb_plist *acc)
{
    tdict_iter it;
    int rc = tdict_lookup(e->a, w, n, &it);
    if (rc == FMT_NOTFOUND)
        return FMT_OK;
    if (rc == FMT_CORRUPT && !guard_broken(e->a)) {
        /* one damaged word costs its own hits, not the search */
        if (!e->skipped++)
            snprintf(e->skipmsg, sizeof e->skipmsg, "%s: index entry '%.*s' "
                     "damaged", e->a->path, (int)(n < 64 ? n : 64), w);
        return FMT_OK;
    }
    return rc ? rc : add_term(e, &it, acc);
}

/* The same for a term a cursor stands on. */
static int add_term(ev *e, const tdict_iter *it, vb_plist *acc)
{
    uint32_t df = it->df;
    const char *w = it->word;
    size_t n = it->wlen;
    int rc = FMT_OK;
    if (e->df_only) {
        e->df += df;
        return FMT_OK;
    }
    /* only the blocks holding documents in the running; when those are
     * more than the word's own, decoding it all is cheaper (the filter
     * is applied when scoring) */
    if (e->filter && e->filter->n < df)
        rc = term_list(e, it, &e->pl, e->filter->doc, e->filter->n, NULL, NULL);
    else
        rc = term_list(e, it, &e->pl, NULL, 0, NULL, NULL);
    if (rc == FMT_CORRUPT && !guard_broken(e->a)) {
        /* one damaged word costs its own hits, not the search */
        if (!e->skipped++)
            snprintf(e->skipmsg, sizeof e->skipmsg, "%s: index entry '%.*s' "
                     "damaged", e->a->path, (int)(n < 64 ? n : 64), w);
        return FMT_OK;
    }
    if (rc)
        return error_set(e->a, rc, "%s: index entry '%.*s' damaged", e->a->path,
                         (int)n, w);
    e->df += df;
    if (acc->n == 0) { /* the first list: take it as it is */
        vb_plist t = *acc;
        *acc = e->pl;
        e->pl = t;
        return FMT_OK;
    }
    vb_plist *t = &e->tmp;
    size_t need = acc->n + e->pl.n;
    if (need > t->cap) {
        uint32_t *d = alloc_realloc(t->docs, need * sizeof *d);
        if (!d)
            return FMT_NOMEM;
        t->docs = d;
        uint32_t *f = alloc_realloc(t->tfs, need * sizeof *f);
        if (!f)
            return FMT_NOMEM;
        t->tfs = f;
        t->cap = need;
    }
    size_t i = 0, j = 0, k = 0;
    const uint32_t *ad = acc->docs, *at = acc->tfs;
    const uint32_t *bd = e->pl.docs, *btf = e->pl.tfs;
    while (i < acc->n && j < e->pl.n) {
        if (ad[i] < bd[j]) {
            t->docs[k] = ad[i];
            t->tfs[k++] = at[i++];
        } else if (bd[j] < ad[i]) {
            t->docs[k] = bd[j];
            t->tfs[k++] = btf[j++];
        } else {
            uint32_t x = at[i++], y = btf[j++];
            t->docs[k] = bd[j - 1];
            t->tfs[k++] = ((x >> 1) + (y >> 1)) << 1 | ((x | y) & 1);
        }
    }
    for (; i < acc->n; i++, k++) {
        t->docs[k] = ad[i];
        t->tfs[k] = at[i];
    }
    for (; j < e->pl.n; j++, k++) {
        t->docs[k] = bd[j];
        t->tfs[k] = btf[j];
    }
    t->n = k;
    vb_plist s = *acc;
    *acc = *t;
    *t = s;
    return FMT_OK;
}

/* Many lists (a prefix): add them up in a dense per-document array
 * instead of merging pairwise, which would cost lists x hits. The array
 * lives with the handle and is zeroed again entry by entry, so a prefix
 * search costs what it touches, not the size of the archive. */
typedef struct {
    uint32_t *dense;
    uint32_t *touched;   /* documents set, in the order first met */
    size_t n, cap;
    int nomem;
} dense_acc;

static int dense_word(ev *e, const tdict_iter *it, void *ctx)
{
    dense_acc *da = ctx;
    vb_plist one = {0};
    int rc = add_term(e, it, &one);
    for (size_t i = 0; !rc && i < one.n; i++) {
        uint32_t d = one.docs[i], x = da->dense[d], y = one.tfs[i];
        if (!x) {
            if (da->n == da->cap) {
                size_t cap = da->cap ? 2 * da->cap : 1024;
                uint32_t *t = alloc_realloc(da->touched, cap * sizeof *t);
                if (!t) {
                    rc = FMT_NOMEM;
                    break;
                }
                da->touched = t;
                da->cap = cap;
            }
            da->touched[da->n++] = d;
        }
        /* tf 0 is never stored, so a set entry is never 0 */
        da->dense[d] = ((x >> 1) + (y >> 1)) << 1 | ((x | y) & 1);
    }
    /* give the buffers back for the next word */
    vb_plist t = e->pl;
    e->pl = one;
    postings_list_free(&t);
    return rc;
}

/* Score the documents of l with weight (idf) w into out. */
static int plist_to_dl(ev *e, const vb_plist *l, double w, dlist *out)
{
    const dlist *f = e->filter;
    if (dl_reserve(out, f && f->n < l->n ? f->n : l->n))
        return FMT_NOMEM;
    size_t k = 0;
    if (f) { /* only the documents still in the running */
        size_t j = 0;
        for (size_t i = 0; i < l->n && j < f->n; i++) {
            while (j < f->n && f->doc[j] < l->docs[i])
                j++;
            if (j < f->n && f->doc[j] == l->docs[i]) {
                out->doc[k] = l->docs[i];
                out->score[k++] = bm25(e, w, l->tfs[i], l->docs[i]);
            }
        }
    } else {
        for (size_t i = 0; i < l->n; i++) {
            out->doc[i] = l->docs[i];
            out->score[i] = bm25(e, w, l->tfs[i], l->docs[i]);
        }
        k = l->n;
    }
    out->n = k;
    return FMT_OK;
}

/* Call fn for each indexed word starting with prefix (up to
 * MAX_EXPANSION). */
static int scan_prefix(ev *e, const char *prefix, size_t pn,
                       int (*fn)(ev *, const tdict_iter *, void *), void *ctx)
{
    tdict_iter it;
    int rc = tdict_seek(e->a, &it, prefix, pn), n = 0, out = FMT_OK;
    while (!rc && it.wlen >= pn && !memcmp(it.word, prefix, pn) &&
           n++ < MAX_EXPANSION && !out && !cancelled(e)) {
        out = fn(e, &it, ctx);
        rc = tdict_next(&it);
    }
    tdict_close(&it);
    if (rc && rc != FMT_NOTFOUND)
        return rc;
    return out ? out : e->rc;
}

typedef struct {
    ev *e;
    vb_plist *acc;
    const char *word;   /* added already: not again */
    size_t wl;
} variants;

static int stem_variant(void *ctx, const char *w, size_t wl)
{
    variants *va = ctx;
    if (wl == va->wl && !memcmp(w, va->word, wl))
        return FMT_OK;
    return add_word(va->e, w, wl, va->acc);
}

/* The words term q stands for (itself, its stem, the words sharing the
 * stem) into acc, their dfs summed in e->df. */
static int term_words(ev *e, const qnode *q, vb_plist *acc)
{
    size_t wl = strlen(q->word), sl = strlen(q->stem);
    e->df = 0;
    int rc = add_word(e, q->word, wl, acc);
    if (!rc && (sl != wl || memcmp(q->stem, q->word, wl)))
        rc = add_word(e, q->stem, sl, acc);
    if (!rc) {
        /* the word itself is added above, and adding it twice would
         * double its tf and df, so skip it */
        variants va = {e, acc, q->word, wl};
        rc = tdict_stem_words(e->a, q->stem, sl, stem_variant, &va);
    }
    return rc ? rc : e->rc;
}

static int eval_term(ev *e, const qnode *q, dlist *out)
{
    vb_plist acc = {0};
    int rc = term_words(e, q, &acc);
    if (!rc)
        rc = plist_to_dl(e, &acc, idf(e, node_df(e, q, 0, e->df)), out);
    postings_list_free(&acc);
    return rc;
}

static int eval_prefix(ev *e, const qnode *q, dlist *out)
{
    fmt_archive *a = e->a;
    if (!a->dense && !(a->dense = alloc_calloc(a->ndocs + 1, sizeof *a->dense)))
        return FMT_NOMEM;
    dense_acc da = {a->dense, NULL, 0, 0, 0};
    e->df = 0;
    int rc = scan_prefix(e, q->word, strlen(q->word), dense_word, &da);
    vb_plist acc = {0};
    if (da.n * 16 > a->ndocs) { /* many: a pass over the array is cheaper */
        for (uint32_t d = 0; d < a->ndocs; d++)
            if (da.dense[d]) {
                if (!rc && postings_list_push(&acc, d, da.dense[d]))
                    rc = FMT_NOMEM;
                da.dense[d] = 0;
            }
    } else {
        vb_sort(da.touched, da.n, sizeof *da.touched, vb_u32_cmp);
        for (size_t i = 0; i < da.n; i++) {
            uint32_t d = da.touched[i];
            if (i && d == da.touched[i - 1])
                continue; /* a damaged list with tf 0 can list one twice */
            if (!rc && postings_list_push(&acc, d, da.dense[d]))
                rc = FMT_NOMEM;
            da.dense[d] = 0;
        }
    }
    free(da.touched);
    if (!rc)
        rc = plist_to_dl(e, &acc, idf(e, node_df(e, q, 0, e->df)), out);
    postings_list_free(&acc);
    return rc;
}

/* ---- phrases ---------------------------------------------------------------- */

typedef struct {
    vb_plist pl;
    const unsigned char *pos, *posend;
    size_t i;            /* current document index */
    uint32_t npos;
    uint32_t *p;         /* positions of the current document */
    size_t pcap;
    uint32_t df;         /* the word's document count */
    /* format 6: positions read through tcodec, jumping by block */
    int v6;
    /* no positions stored (format 7, df below posdf): they are read off
     * the document's text (phrase_text) */
    int text;
    const char *word;
    size_t wlen;
    tcodec_posr r;
    uint64_t *blk;
    size_t blkcap;
    const unsigned char *col_len;
    fmt_buf pbuf;        /* its positions, when gathered from the heap */
} pword;

/* Move w to the first document >= d, decoding that document's positions.
 * 0 when found exactly, 1 when past, -1 at the end, -2 damaged. */
/* Past n varints: count the bytes that end one (high bit clear), eight
 * at a time. NULL when the value ends first. Nothing is decoded, so a
 * phrase skips the positions of the documents it passes cheaply. */
static const unsigned char *skip_varints(const unsigned char *p,
                                         const unsigned char *end, uint64_t n)
{
    while (n >= 8 && end - p >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        uint64_t ends = (uint64_t)__builtin_popcountll(~x & 0x8080808080808080ull);
        if (ends > n)
            break;
        n -= ends;
        p += 8;
    }
    for (; n && p < end; p++)
        if (!(*p & 0x80))
            n--;
    return n ? NULL : p;
}

static int pword_seek(pword *w, uint32_t d)
{
    uint64_t skip = 0;  /* positions of the documents passed */
    while (w->i < w->pl.n && w->pl.docs[w->i] < d)
        skip += w->pl.tfs[w->i++] >> 1;
    /* format 6 reads positions only when loaded (tcodec_pos_seek) */
    if (skip && !w->v6 && !(w->pos = skip_varints(w->pos, w->posend, skip)))
        return -2;
    if (w->i >= w->pl.n)
        return -1;
    return w->pl.docs[w->i] == d ? 0 : 1;
}

/* Room for tf positions in w->p: FMT_OK or FMT_NOMEM. */
static int pword_room(pword *w, uint32_t tf)
{
    if (tf <= w->pcap)
        return FMT_OK;
    uint32_t *p = alloc_realloc(w->p, tf * sizeof *p);
    if (!p)
        return FMT_NOMEM;
    w->p = p;
    w->pcap = tf;
    return FMT_OK;
}

static int pword_load(pword *w)
{
    uint32_t tf = w->pl.tfs[w->i] >> 1;
    if (w->v6 && (tcodec_pos_seek(&w->r, &w->pl, w->i, w->col_len) ||
                  tf > tcodec_pos_room(&w->r)))
        return FMT_CORRUPT;
    /* before format 6: a varint a position at least, so a damaged tf
     * asks for no more room than the list could fill */
    if (!w->v6 && tf > (size_t)(w->posend - w->pos))
        return FMT_CORRUPT;
    if (pword_room(w, tf))
        return FMT_NOMEM;
    w->npos = tf;
    if (w->v6)
        return tcodec_pos_read(&w->r, &w->pl, w->col_len, w->p);
    const unsigned char *s = w->pos;
    uint32_t at = 0;
    for (uint32_t k = 0; k < tf; k++) {
        uint64_t x;
        if (vb_get_varint(&s, w->posend, &x))
            return FMT_CORRUPT;
        at += (uint32_t)x;
        w->p[k] = at;
    }
    return FMT_OK;
}

/* Meta posdf (format 7): words in fewer documents have no positions;
 * 0 (older formats, or absent): every word has them. */
static int ev_posdf(ev *e)
{
    fmt_archive *a = e->a;
    const unsigned char *v;
    size_t n;
    if (e->posdf_read)
        return FMT_OK;
    e->posdf = 0;
    int rc = a->version >= 7 ? store_get(a, a->meta, "posdf", 5, &v, &n)
                             : FMT_NOTFOUND;
    if (rc == FMT_NOTFOUND)
        rc = FMT_OK;
    else if (!rc) {
        uint64_t t = 0;
        for (size_t i = 0; i < n && t <= UINT32_MAX; i++)
            t = v[i] >= '0' && v[i] <= '9' ? t * 10 + (v[i] - '0') : UINT64_MAX;
        if (n == 0 || t > UINT32_MAX)
            return error_set(a, FMT_CORRUPT, "%s: meta value 'posdf' damaged",
                             a->path);
        e->posdf = (uint32_t)t;
    }
    e->posdf_read = !rc;
    return rc;
}

static int load_pword(ev *e, const char *word, pword *w)
{
    tdict_iter it;
    const unsigned char *pv;
    size_t pvl;
    int rc = ev_posdf(e);
    if (!rc)
        rc = tdict_lookup(e->a, word, strlen(word), &it);
    if (rc)
        return rc;
    w->df = it.df;
    w->word = word;
    w->wlen = strlen(word);
    w->text = it.df < e->posdf;
    w->v6 = e->a->version >= 6;
    w->col_len = e->a->col_len;
    rc = term_list(e, &it, &w->pl, NULL, 0, &w->blk, &w->blkcap);
    if (!rc)
        rc = tdict_bytes(&it, 1, &w->pbuf, &pv, &pvl);
    if (rc == FMT_NOMEM)
        return rc;
    if (rc || (w->text && pvl)) /* positions where there should be none */
        return error_set(e->a, FMT_CORRUPT, "%s: index entry '%s' damaged",
                         e->a->path, word);
    w->pos = pv;
    w->posend = pv + pvl;
    tcodec_pos_open(&w->r, pv, pvl, w->blk);
    return FMT_OK;
}

/* A phrase being evaluated: its words' lists, and per document the
 * positions reached so far by the starts still matching. */
typedef struct {
    pword *w;
    size_t nw;
    /* per word: 1 + the index of the last earlier word equal to it, 0 if
     * none; a word may share the position of the words before it only
     * when none of them is the same word (a token is one word once) */
    uint16_t *same;
    uint32_t *at;        /* per start still matching: its position now */
    uint16_t *run;       /* and the first word matched at that position */
    size_t cap;
    /* one bit per position of the word being matched (phrase_step_bits),
     * all zero between uses */
    uint64_t *bits;
    size_t nbits;        /* words of 64 bits */
} phrase;

/* Bitmaps up to this many positions (256 KB); in a document longer than
 * that the starts look their positions up instead. */
#define PHRASE_BITS (1u << 21)

/* A phrase step moves the starts of ph (at, run; n of them, ascending)
 * past word k, whose positions are p (np, ascending): each start to the
 * next position when the word is there, else to the same one when the
 * word is there and may share it, else it is dropped. The starts stay
 * ascending; each step returns how many are left. Three ways, by the
 * sizes: the cost of common words is here. */

/* The first index >= i of ascending x (n) whose value is >= v: galloping
 * from i, so a walk through x costs the log of the gaps, not its length. */
static size_t phrase_gallop(const uint32_t *x, size_t i, size_t n, uint32_t v)
{
    if (i >= n || x[i] >= v)
        return i;
    size_t lo = i, step = 1; /* x[lo] < v */
    while (lo + step < n && x[lo + step] < v) {
        lo += step;
        step *= 2;
    }
    size_t hi = lo + step < n ? lo + step : n; /* x[hi] >= v, or the end */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (x[mid] < v)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

/* Few starts, many positions: each start looks its position up. */
static size_t phrase_step_starts(phrase *ph, size_t n, size_t k,
                                 const uint32_t *p, size_t np)
{
    size_t j = 0, m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t a = ph->at[i];
        j = phrase_gallop(p, j, np, a);
        size_t e = j; /* past the positions equal to a */
        while (e < np && p[e] == a)
            e++;
        if (e < np && p[e] == a + 1) {
            ph->at[m] = a + 1;
            ph->run[m++] = (uint16_t)k;
        } else if (e > j && ph->same[k] <= ph->run[i]) {
            ph->at[m] = a;
            ph->run[m++] = ph->run[i];
        }
    }
    return m;
}

/* Few positions, many starts: each position looks its starts up, those
 * one before it (they move to it) and those at it (they stay, unless the
 * next position is the word's too: they move there, at the next turn). */
static size_t phrase_step_positions(phrase *ph, size_t n, size_t k,
                                    const uint32_t *p, size_t np)
{
    size_t i = 0, m = 0; /* m <= i: written behind what is read */
    uint32_t *at = ph->at;
    for (size_t j = 0; j < np && i < n; j++) {
        uint32_t q = p[j];
        if (j && p[j - 1] == q)
            continue;
        if (q) {
            i = phrase_gallop(at, i, n, q - 1);
            for (; i < n && at[i] == q - 1; i++) {
                at[m] = q;
                ph->run[m++] = (uint16_t)k;
            }
        }
        size_t nx = j + 1;
        while (nx < np && p[nx] == q)
            nx++;
        if (nx < np && p[nx] == q + 1)
            continue;
        i = phrase_gallop(at, i, n, q);
        for (; i < n && at[i] == q; i++)
            if (ph->same[k] <= ph->run[i]) {
                at[m] = q;
                ph->run[m++] = ph->run[i];
            }
    }
    return m;
}

/* As many of each: a bitmap of the word's positions (hi the largest),
 * each start testing two bits, without a branch to mispredict. */
static size_t phrase_step_bits(phrase *ph, size_t n, size_t k,
                               const uint32_t *p, size_t np, uint32_t hi)
{
    uint64_t *b = ph->bits, acc = 0;
    /* the bits of one 64-bit word gather in a register and the word is
     * written, never read back: a read of what was just written waits
     * for the write at each position. The positions ascend, so the last
     * write to a word holds all its bits (a damaged list loses some,
     * inside the bitmap still). */
    for (size_t j = 0, cur = SIZE_MAX; j < np; j++) {
        size_t x = p[j] >> 6;
        acc = (x == cur ? acc : 0) | 1ull << (p[j] & 63);
        b[x] = acc;
        cur = x;
    }
    /* a start past the last position tests position hi + 1: never set */
    uint32_t lim = hi + 1, same = ph->same[k];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t a = ph->at[i], r = ph->run[i];
        uint32_t a0 = a < lim ? a : lim, a1 = a < lim ? a + 1 : lim;
        int next = (int)(b[a1 >> 6] >> (a1 & 63) & 1);
        int stay = (int)(b[a0 >> 6] >> (a0 & 63) & 1) & (same <= r);
        ph->at[m] = a + (uint32_t)next;
        ph->run[m] = (uint16_t)(next ? k : r);
        m += (size_t)(next | stay);
    }
    memset(b, 0, (hi / 64 + 1) * sizeof *b);
    return m;
}

/* Count the phrase's occurrences in the current document of every word:
 * the positions of the first word where the rest follows, each next word
 * at the next position or, failing that, at the same one (the parts of a
 * compound or an address share its position: "nuctech apparatuur" is in
 * "Nuctech-apparatuur", "openbaar ministerie" in
 * ".../het-openbaar-ministerie-boos"), but never the same word twice at
 * one position ("de de" is two tokens). All the starts move together, a
 * word at a time (a start behind another moves at most one further, so
 * never past it: they stay ascending), in one pass over the starts and
 * the word's positions: two binary searches per start and word, as this
 * was before, were most of the time of a phrase of common words ("van
 * de": 22 ms of 20,000 documents, 8 ms now). A word's positions are
 * decoded only while some start still matches. */
static int phrase_count(phrase *ph, int loaded, uint32_t *count)
{
    pword *w = ph->w;
    int rc = loaded ? FMT_OK : pword_load(&w[0]);
    if (rc)
        return rc;
    size_t n = w[0].npos;
    *count = 0;
    if (n == 0) /* read off a text: none before the stop (phrase_text) */
        return FMT_OK;
    if (n > ph->cap) {
        uint32_t *at = alloc_realloc(ph->at, n * sizeof *at);
        if (!at)
            return FMT_NOMEM;
        ph->at = at;
        uint16_t *run = alloc_realloc(ph->run, n * sizeof *run);
        if (!run)
            return FMT_NOMEM;
        ph->run = run;
        ph->cap = n;
    }
    memcpy(ph->at, w[0].p, n * sizeof *ph->at);
    memset(ph->run, 0, n * sizeof *ph->run);
    for (size_t k = 1; k < ph->nw && n; k++) {
        if (!loaded && (rc = pword_load(&w[k])))
            return rc;
        const uint32_t *p = w[k].p;
        size_t np = w[k].npos;
        if (4 * n <= np) {
            n = phrase_step_starts(ph, n, k, p, np);
            continue;
        }
        if (4 * np <= n) {
            n = phrase_step_positions(ph, n, k, p, np);
            continue;
        }
        uint32_t hi = 0; /* the last position (a damaged list: the largest) */
        for (size_t j = 0; j < np; j++)
            hi = p[j] > hi ? p[j] : hi;
        if (hi >= PHRASE_BITS) {
            n = phrase_step_starts(ph, n, k, p, np);
            continue;
        }
        size_t need = hi / 64 + 2;
        if (need > ph->nbits) {
            size_t nb = ph->nbits ? ph->nbits : 64;
            while (nb < need)
                nb *= 2;
            uint64_t *b = alloc_realloc(ph->bits, nb * sizeof *b);
            if (!b)
                return FMT_NOMEM;
            memset(b + ph->nbits, 0, (nb - ph->nbits) * sizeof *b);
            ph->bits = b;
            ph->nbits = nb;
        }
        n = phrase_step_bits(ph, n, k, p, np, hi);
    }
    *count = (uint32_t)n;
    return FMT_OK;
}

/* The positions of every word of ph in document d (where each stands),
 * read off its text as the index reads them (index.c gather(): the
 * tokens of a fold, compound parts too, at their positions), for a
 * phrase with a word whose positions are not stored. */
static int phrase_text(ev *e, phrase *ph, uint32_t d)
{
    const char *text;
    size_t len;
    if (!e->tok && !(e->tok = fmt_tok_new()))
        return FMT_NOMEM;
    int rc = store_get_text(e->a, d, &text, &len);
    if (rc)
        return rc;
    for (size_t k = 0; k < ph->nw; k++) {
        pword *w = &ph->w[k];
        uint32_t tf = w->pl.tfs[w->i] >> 1;
        if (tf > len) /* a token a byte at least: a damaged tf asks no more */
            return error_set(e->a, FMT_CORRUPT,
                             "%s: index entry '%s' damaged (record %u)",
                             e->a->path, w->word, d);
        if (pword_room(w, tf))
            return FMT_NOMEM;
        w->npos = 0;
    }
    /* the word with the fewest tokens here: an occurrence of the phrase
     * holds one of them and lies within nw positions of it, so the text
     * past its last one by nw positions cannot matter */
    size_t r = 0;
    for (size_t k = 1; k < ph->nw; k++)
        if (ph->w[k].pl.tfs[ph->w[k].i] >> 1 < ph->w[r].pl.tfs[ph->w[r].i] >> 1)
            r = k;
    uint64_t stop = UINT64_MAX;
    fmt_token t;
    fmt_tok_start(e->tok, text, len);
    while (fmt_tok_next(e->tok, &t) && t.pos <= stop)
        for (size_t k = 0; k < ph->nw; k++) {
            pword *w = &ph->w[k];
            uint32_t tf = w->pl.tfs[w->i] >> 1;
            if (t.foldlen != w->wlen || memcmp(t.fold, w->word, w->wlen))
                continue;
            if (w->npos == tf) /* more than the index says */
                return error_set(e->a, FMT_CORRUPT,
                                 "%s: index entry '%s' damaged (record %u)",
                                 e->a->path, w->word, d);
            w->p[w->npos++] = t.pos;
            if (k == r && w->npos == tf)
                stop = (uint64_t)t.pos + ph->nw - 1;
        }
    /* fewer than the index says (past the stop they are not looked for) */
    for (size_t k = 0; k < ph->nw; k++)
        if (ph->w[k].npos != ph->w[k].pl.tfs[ph->w[k].i] >> 1 &&
            (stop == UINT64_MAX || k == r))
            return error_set(e->a, FMT_CORRUPT,
                             "%s: index entry '%s' damaged (record %u)",
                             e->a->path, ph->w[k].word, d);
    return FMT_OK;
}

/* The documents holding phrase q, each scored by its count. Within an AND
 * (e->filter) only the documents still in the running are looked at: a
 * phrase of common words is in most documents, and checking its positions
 * is the cost, so "gaswinning \"van de\"" checks the few hundred holding
 * gaswinning, not every document holding van and de. */
static int eval_phrase(ev *e, const qnode *q, dlist *out)
{
    size_t nw = q->nwords;
    phrase ph = {0};
    ph.nw = nw;
    ph.w = alloc_calloc(nw ? nw : 1, sizeof *ph.w);
    ph.same = alloc_calloc(nw ? nw : 1, sizeof *ph.same);
    if (!ph.w || !ph.same) {
        free(ph.w);
        free(ph.same);
        return FMT_NOMEM;
    }
    pword *w = ph.w;
    for (size_t k = 0; k < nw; k++)
        for (size_t j = k; j-- > 0;)
            if (!strcmp(q->words[j], q->words[k])) {
                ph.same[k] = (uint16_t)(j + 1);
                break;
            }
    int rc = FMT_OK, paired = 0;
    vb_plist hits = {0};
    const dlist *f = e->filter;
    /* two common words: the pair's own list (tdict.h) holds the documents
     * and the phrase's counts, so no position is read */
    const char *pw;
    size_t pwl;
    if (nw == 2 && !tdict_pairs(e->a, &pw, &pwl) && pwl &&
        tdict_pair_word(pw, pwl, q->words[0], strlen(q->words[0])) >= 0 &&
        tdict_pair_word(pw, pwl, q->words[1], strlen(q->words[1])) >= 0) {
        char key[2 * FMT_TOKMAX + 4];
        int kl = snprintf(key, sizeof key, "%c%s %s", TDICT_PAIR, q->words[0],
                          q->words[1]);
        tdict_iter it;
        paired = 1;
        for (size_t k = 0; k < 2 && !rc; k++)
            if (!(rc = tdict_lookup(e->a, q->words[k], strlen(q->words[k]), &it)))
                w[k].df = it.df;
        if (!rc)
            rc = tdict_lookup(e->a, key, (size_t)kl, &it);
        if (!rc)
            rc = term_list(e, &it, &hits, f ? f->doc : NULL, f ? f->n : 0, NULL,
                           NULL);
        if (rc == FMT_NOTFOUND) /* a word or the pair not indexed: no hits */
            rc = FMT_OK;
        else if (rc == FMT_CORRUPT && !guard_broken(e->a))
            rc = error_set(e->a, FMT_CORRUPT, "%s: index entry '%s %s' damaged",
                           e->a->path, q->words[0], q->words[1]);
    }
    for (size_t k = 0; k < nw && !rc && !paired; k++)
        rc = load_pword(e, q->words[k], &w[k]);
    size_t fi = 0;
    int text = 0; /* a word without positions: all read off the texts */
    for (size_t k = 0; k < nw && !rc && !paired; k++)
        text |= w[k].text;
    if (paired) {
        ; /* hits are read */
    } else if (rc == FMT_NOTFOUND || nw == 0) {
        rc = FMT_OK; /* a word not indexed: no hits */
    } else {
        uint32_t d = 0;
        while (!rc && !cancelled(e)) {
            if (f) { /* the next document in the running */
                while (fi < f->n && f->doc[fi] < d)
                    fi++;
                if (fi == f->n)
                    break;
                d = f->doc[fi];
            }
            int s = 0;
            size_t k;
            for (k = 0; k < nw; k++) {
                s = pword_seek(&w[k], d);
                if (s != 0)
                    break;
            }
            if (s < 0) {
                rc = s == -2 ? FMT_CORRUPT : FMT_OK;
                break;
            }
            if (s == 1) { /* word k is further on: restart from there */
                d = w[k].pl.docs[w[k].i];
                continue;
            }
            uint32_t cnt;
            rc = text ? phrase_text(e, &ph, d) : FMT_OK;
            if (!rc)
                rc = phrase_count(&ph, text, &cnt);
            if (!rc && cnt)
                rc = postings_list_push(&hits, d, cnt << 1);
            if (d == UINT32_MAX)
                break;
            d++;
        }
        if (!rc)
            rc = e->rc;
    }
    /* a phrase weighs what its words weigh together (as Lucene's do):
     * read from the lists' heads, a library can sum it over archives */
    double w8 = 0;
    for (size_t k = 0; k < nw; k++)
        w8 += idf(e, node_df(e, q, k, w[k].df));
    if (!rc)
        rc = plist_to_dl(e, &hits, w8, out);
    postings_list_free(&hits);
    for (size_t k = 0; k < nw; k++) {
        postings_list_free(&w[k].pl);
        free(w[k].p);
        free(w[k].blk);
        fmt_buf_free(&w[k].pbuf);
    }
    free(w);
    free(ph.same);
    free(ph.at);
    free(ph.run);
    free(ph.bits);
    return rc;
}

/* ---- filters ----------------------------------------------------------------- */

/* Docs of facet key (type + folded value), unioned into acc. */
static int add_facet(ev *e, const char *key, size_t kl, vb_plist *acc)
{
    const unsigned char *v;
    size_t vl;
    int rc = store_get(e->a, e->a->facets, key, kl, &v, &vl);
    if (rc == FMT_NOTFOUND)
        return FMT_OK;
    if (rc || vl < 4)
        return FMT_CORRUPT;
    /* the list after the id is a posting list: reuse the word merger by
     * decoding it here (only the blocks holding documents in the running,
     * as for a word) */
    rc = e->filter ? postings_decode_in(v + 4, vl - 4, &e->pl, e->a->ndocs,
                                        e->filter->doc, e->filter->n)
                   : postings_decode(v + 4, vl - 4, &e->pl, NULL, NULL,
                                     e->a->ndocs);
    if (rc)
        return error_set(e->a, rc, "%s: facet list damaged", e->a->path);
    vb_plist *t = &e->tmp;
    t->n = 0;
    size_t i = 0, j = 0;
    while (i < acc->n || j < e->pl.n) {
        uint32_t d;
        if (j >= e->pl.n || (i < acc->n && acc->docs[i] < e->pl.docs[j]))
            d = acc->docs[i++];
        else if (i >= acc->n || e->pl.docs[j] < acc->docs[i])
            d = e->pl.docs[j++];
        else
            d = acc->docs[i++], j++;
        if (postings_list_push(t, d, 0))
            return FMT_NOMEM;
    }
    vb_plist s = *acc;
    *acc = *t;
    *t = s;
    return FMT_OK;
}

/* Does folded text contain folded needle at word boundaries? */
static int word_in(const char *text, size_t tl, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = 0; nl && i + nl <= tl; i++) {
        if (memcmp(text + i, needle, nl))
            continue;
        int before = i == 0 || text[i - 1] == ' ' || text[i - 1] == '-';
        int after = i + nl == tl || text[i + nl] == ' ' || text[i + nl] == '-';
        if (before && after)
            return 1;
    }
    return 0;
}

static int eval_names(ev *e, const qnode *q, uint8_t type, vb_plist *acc)
{
    int rc = results_load_facets(e->a);
    fmt_tokenizer *t = store_tok(e->a);
    if (!t)
        return FMT_NOMEM;
    char key[FMT_TOKMAX + 2];
    for (uint32_t i = 0; !rc && i < e->a->nfvals; i++) {
        const vb_facetval *f = &e->a->fvals[i];
        if (f->type != type)
            continue;
        key[0] = (char)type;
        size_t kl = fmt_fold(t, f->display, f->dlen, key + 1, sizeof key - 1);
        if (word_in(key + 1, kl, q->value))
            rc = add_facet(e, key, kl + 1, acc);
    }
    return rc;
}

static int eval_number(ev *e, const qnode *q, dlist *out)
{
    /* the value as typed, from the query text: ids keep their case */
    const char *s = q->value;
    char up[80];
    size_t n = strlen(s);
    if (n >= sizeof up)
        return FMT_OK;
    for (size_t i = 0; i <= n; i++)
        up[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
    uint32_t docs[512], one;
    size_t nd = 0;
    if (fmt_zaak_docs(e->a, up, docs, 512, &nd) == FMT_OK) {
        if (nd > 512)
            nd = 512;
    } else if (fmt_find(e->a, s, &one) == FMT_OK) {
        docs[0] = one;
        nd = 1;
    }
    /* ascending, without repeats */
    for (size_t i = 1; i < nd; i++)
        for (size_t j = i; j > 0 && docs[j - 1] > docs[j]; j--) {
            uint32_t t = docs[j];
            docs[j] = docs[j - 1];
            docs[j - 1] = t;
        }
    for (size_t i = 0; i < nd; i++)
        if ((!i || docs[i] != docs[i - 1]) && dl_push(out, docs[i], 0))
            return FMT_NOMEM;
    return FMT_OK;
}

static int eval_field(ev *e, const qnode *q, dlist *out)
{
    fmt_archive *a = e->a;
    vb_plist acc = {0};
    int rc = FMT_OK;
    switch (q->field) {
    case QF_PARTY: {
        char key[FMT_TOKMAX + 2];
        size_t vl = strlen(q->value);
        if (vl > FMT_TOKMAX)
            break;
        key[0] = 'p';
        memcpy(key + 1, q->value, vl);
        rc = add_facet(e, key, vl + 1, &acc);
        break;
    }
    case QF_MEMBER:
        rc = eval_names(e, q, 'm', &acc);
        break;
    case QF_TO:
        rc = eval_names(e, q, 'a', &acc);
        break;
    case QF_KIND:
    case QF_STATUS: {
        const unsigned char *col = q->field == QF_KIND ? a->col_kind
                                                       : a->col_status;
        const dlist *f = e->filter; /* only the documents in the running */
        for (uint32_t i = 0, n = f ? (uint32_t)f->n : a->ndocs; i < n && !rc;
             i++) {
            uint32_t d = f ? f->doc[i] : i;
            if (col[d] == q->ival)
                rc = dl_push(out, d, 0);
        }
        return rc;
    }
    case QF_YEAR:
    case QF_DATE: {
        uint32_t lo = fmt_first_dated(a, q->from),
                 hi = fmt_first_dated(a, q->to + 1);
        const dlist *f = e->filter;
        if (!f)
            return dl_range(out, lo, hi);
        for (size_t i = 0; i < f->n && !rc; i++) /* both ascending */
            if (f->doc[i] >= lo && f->doc[i] < hi)
                rc = dl_push(out, f->doc[i], 0);
        return rc;
    }
    case QF_NUMBER:
        return eval_number(e, q, out);
    }
    if (!rc && dl_reserve(out, acc.n))
        rc = FMT_NOMEM;
    for (size_t i = 0; !rc && i < acc.n; i++) {
        out->doc[i] = acc.docs[i];
        out->score[i] = 0;
    }
    if (!rc)
        out->n = acc.n;
    postings_list_free(&acc);
    return rc;
}

/* ---- the tree ------------------------------------------------------------------ */

static int eval(ev *e, const qnode *q, dlist *out, int depth);

/* A guess of how many documents q matches, to evaluate an AND's rarest
 * part first: a word's own document count; big for what is not known. */
static uint32_t estimate(ev *e, const qnode *q)
{
    uint32_t df = UINT32_MAX - 1;
    if (q->type == Q_TERM || q->type == Q_PHRASE) {
        size_t n = q->type == Q_TERM ? 1 : q->nwords;
        for (size_t i = 0; i < n; i++) {
            const char *w = q->type == Q_TERM ? q->word : q->words[i];
            tdict_iter it;
            int rc = tdict_lookup(e->a, w, strlen(w), &it);
            if (rc == FMT_NOTFOUND)
                return 0; /* not indexed: nothing (or few, via stems) */
            if (!rc && it.df < df)
                df = it.df;
        }
    } else if (q->type == Q_FIELD) {
        df = e->a->ndocs / 4;
    }
    return df;
}

static int eval_and(ev *e, const qnode *q, dlist *out, int depth)
{
    dlist tmp = {0};
    int rc = FMT_OK, have = 0;
    const dlist *outer = e->filter;
    /* the positive parts, rarest first */
    size_t np = 0, order[FMT_QUERY_MAXTERMS + 8];
    uint32_t est[FMT_QUERY_MAXTERMS + 8];
    for (size_t i = 0; i < q->nkids && np < FMT_QUERY_MAXTERMS + 8; i++) {
        if (q->kids[i]->type == Q_NOT)
            continue;
        uint32_t x = estimate(e, q->kids[i]);
        /* a phrase whose words are in most documents goes after the parts
         * of unknown size too (a prefix, an OR): it would narrow little,
         * and checking positions costs more a document than they do, so
         * zorg* "van de" checks "van de" in zorg*'s documents only */
        if (q->kids[i]->type == Q_PHRASE && x >= e->a->ndocs / 2)
            x = UINT32_MAX;
        size_t j = np++;
        while (j > 0 && est[j - 1] > x) {
            est[j] = est[j - 1];
            order[j] = order[j - 1];
            j--;
        }
        est[j] = x;
        order[j] = i;
    }
    for (size_t k = 0; k < np && !rc; k++) {
        const qnode *kid = q->kids[order[k]];
        if (!have) {
            rc = eval(e, kid, out, depth + 1);
            have = 1;
        } else {
            tmp.n = 0;
            if (!out->n)
                break; /* nothing left to intersect */
            e->filter = out;
            rc = eval(e, kid, &tmp, depth + 1);
            e->filter = outer;
            if (!rc)
                dl_and(out, &tmp);
        }
    }
    if (!rc && !have)
        rc = dl_range(out, 0, e->a->ndocs);
    for (size_t i = 0; i < q->nkids && !rc && out->n; i++) {
        if (q->kids[i]->type != Q_NOT || !q->kids[i]->nkids)
            continue;
        tmp.n = 0;
        e->filter = out;
        rc = eval(e, q->kids[i]->kids[0], &tmp, depth + 1);
        e->filter = outer;
        if (!rc)
            dl_not(out, &tmp);
    }
    e->filter = outer;
    dl_free(&tmp);
    return rc;
}

static int eval_or(ev *e, const qnode *q, dlist *out, int depth)
{
    dlist kid = {0}, merged = {0};
    int rc = FMT_OK;
    for (size_t i = 0; i < q->nkids && !rc; i++) {
        kid.n = 0;
        rc = eval(e, q->kids[i], &kid, depth + 1);
        if (!rc)
            rc = dl_or(&merged, out, &kid);
        if (!rc)
            dl_swap(out, &merged);
    }
    dl_free(&kid);
    dl_free(&merged);
    return rc;
}

static int eval(ev *e, const qnode *q, dlist *out, int depth)
{
    out->n = 0;
    if (depth > 2 * FMT_QUERY_MAXDEPTH + 8)
        return FMT_LIMIT;
    if (cancelled(e))
        return e->rc;
    switch (q->type) {
    case Q_ALL:
        return dl_range(out, 0, e->a->ndocs);
    case Q_TERM:
        return eval_term(e, q, out);
    case Q_PREFIX:
        return eval_prefix(e, q, out);
    case Q_PHRASE:
        return eval_phrase(e, q, out);
    case Q_FIELD:
        return eval_field(e, q, out);
    case Q_AND:
        return eval_and(e, q, out, depth);
    case Q_OR:
        return eval_or(e, q, out, depth);
    case Q_NOT: { /* alone: everything but */
        dlist ex = {0};
        int rc = q->nkids ? eval(e, q->kids[0], &ex, depth + 1) : FMT_OK;
        if (!rc)
            rc = dl_range(out, 0, e->a->ndocs);
        if (!rc)
            dl_not(out, &ex);
        dl_free(&ex);
        return rc;
    }
    }
    return FMT_INVALID;
}

int fmt_search(fmt_archive *a, const fmt_query *q, const fmt_search_opts *o,
               fmt_results **rp)
{
    return search_library(a, q, o, NULL, rp);
}

int search_library(fmt_archive *a, const fmt_query *q, const fmt_search_opts *o,
                   const vb_libsearch *lib, fmt_results **rp)
{
    fmt_search_opts none = {0};
    vb_libsearch own = {0};
    if (!o)
        o = &none;
    if (!lib)
        lib = &own;
    *rp = NULL;
    fmt_results *r = alloc_calloc(1, sizeof *r);
    if (!r)
        return FMT_NOMEM;
    ev e = {a, q, o->cancel, FMT_OK, {0}, {0}, NULL, 0, a->ndocs, a->avglen,
            lib->stats, 0, 0, "", {0}, NULL, 0, 0};
    if (lib->stats && lib->stats->ndocs) { /* a library: all its archives */
        e.ndocs = (double)lib->stats->ndocs;
        e.avglen = (double)lib->stats->totlen / (double)lib->stats->ndocs;
        if (e.avglen < 1)
            e.avglen = 1;
    }
    a->err[0] = 0;
    int rc = eval(&e, q->root, &r->all, 0);
    postings_list_free(&e.pl);
    postings_list_free(&e.tmp);
    fmt_buf_free(&e.tbuf);
    fmt_tok_free(e.tok);
    if (!rc && lib->exclude) { /* a newer archive of a library holds these */
        dlist *l = &r->all;
        size_t k = 0;
        for (size_t i = 0; i < l->n; i++)
            if (!(lib->exclude[l->doc[i] >> 3] & (1u << (l->doc[i] & 7)))) {
                l->doc[k] = l->doc[i];
                l->score[k++] = l->score[i];
            }
        l->n = k;
    }
    if (!rc && guard_broken(a))
        rc = FMT_CORRUPT;
    r->skipped = e.skipped;
    memcpy(r->skipmsg, e.skipmsg, sizeof r->skipmsg);
    if (!rc && o->cases)
        rc = results_group(a, r, o);
    else if (!rc)
        rc = results_page(r, &r->all, o);
    if (!rc && o->facets) {
        rc = results_facets(a, r, lib->stats != NULL);
        if (!rc)
            rc = results_months(a, r);
    }
    if (rc) {
        fmt_results_free(r);
        if (rc == FMT_CORRUPT && !a->err[0])
            error_set(a, rc, "%s: index damaged", a->path);
        return rc;
    }
    *rp = r;
    return FMT_OK;
}

/* ---- a library's statistics -------------------------------------------------- */

static int stats_put(struct fmt_stats *st, const qnode *q, size_t word,
                     uint64_t df)
{
    for (size_t i = 0; i < st->n; i++)
        if (st->df[i].node == q && st->df[i].word == word) {
            st->df[i].df += df;
            return FMT_OK;
        }
    if (vb_grow(&st->df, &st->cap, st->n + 1, sizeof *st->df, 16))
        return FMT_NOMEM;
    st->df[st->n++] = (vb_nodedf){q, word, df};
    return FMT_OK;
}

static int prefix_df(ev *e, const tdict_iter *it, void *ctx)
{
    (void)ctx;
    return add_term(e, it, NULL);
}

/* The df of every scoring word under q, read from the lists' heads the
 * way the evaluation counts it. */
static int stats_node(ev *e, const qnode *q, struct fmt_stats *st, int depth)
{
    int rc = FMT_OK;
    if (depth > FMT_QUERY_MAXDEPTH + 2)
        return FMT_LIMIT;
    switch (q->type) {
    case Q_TERM:
        if (!(rc = term_words(e, q, NULL)))
            rc = stats_put(st, q, 0, e->df);
        break;
    case Q_PREFIX:
        e->df = 0;
        if (!(rc = scan_prefix(e, q->word, strlen(q->word), prefix_df, NULL)))
            rc = stats_put(st, q, 0, e->df);
        break;
    case Q_PHRASE:
        for (size_t k = 0; k < q->nwords && !rc; k++) {
            e->df = 0;
            if (!(rc = add_word(e, q->words[k], strlen(q->words[k]), NULL)))
                rc = stats_put(st, q, k, e->df);
        }
        break;
    default:
        for (size_t k = 0; k < q->nkids && !rc; k++)
            rc = stats_node(e, q->kids[k], st, depth + 1);
    }
    return rc;
}

int search_stats_add(struct fmt_stats *st, fmt_archive *a, const fmt_query *q)
{
    ev e = {a, q, NULL, FMT_OK, {0}, {0}, NULL, 0, a->ndocs, a->avglen,
            NULL, 1, 0, "", {0}, NULL, 0, 0};
    st->ndocs += a->ndocs;
    st->totlen += a->totlen;
    int rc = stats_node(&e, q->root, st, 0);
    if (!rc && guard_broken(a))
        rc = FMT_CORRUPT;
    return rc;
}

