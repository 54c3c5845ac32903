/* snippet.c - what a person sees of a search: the best passage of a hit
 * with the matched words marked, matches in a text being read, word
 * completions, and "did you mean" for a query with no hits.
 *
 * A word of the text matches a query word when their folded forms are
 * equal or their stems are (the same rule as the index), a prefix when it
 * starts the folded form, a phrase word when equal. Words under NOT are
 * not matches.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "guard.h"
#include "tdict.h"
#include "internal.h"
#include "query.h"

typedef struct {
    const char *word;     /* folded */
    const char *stem;     /* NULL: exact only */
    int prefix;
} mword;

typedef struct {
    mword w[FMT_QUERY_MAXTERMS + 8];
    size_t n;
} matcher;

static void collect(const qnode *q, matcher *m)
{
    switch (q->type) {
    case Q_TERM:
    case Q_PREFIX:
        if (m->n < sizeof m->w / sizeof *m->w)
            m->w[m->n++] = (mword){q->word, q->type == Q_TERM ? q->stem : NULL,
                                   q->type == Q_PREFIX};
        break;
    case Q_PHRASE:
        for (size_t i = 0; i < q->nwords && m->n < sizeof m->w / sizeof *m->w;
             i++)
            m->w[m->n++] = (mword){q->words[i], NULL, 0};
        break;
    case Q_AND:
    case Q_OR:
        for (size_t i = 0; i < q->nkids; i++)
            collect(q->kids[i], m);
        break;
    default: /* NOT, fields, ALL: nothing to mark */
        break;
    }
}

/* Index of the query word token t matches, or -1. */
static int match(fmt_tokenizer *tok, const matcher *m, const fmt_token *t)
{
    char stem[FMT_TOKMAX + 1];
    int stemmed = 0;
    for (size_t i = 0; i < m->n; i++) {
        const mword *w = &m->w[i];
        size_t wl = strlen(w->word);
        if (w->prefix) {
            if (t->foldlen >= wl && !memcmp(t->fold, w->word, wl))
                return (int)i;
            continue;
        }
        if (t->foldlen == wl && !memcmp(t->fold, w->word, wl))
            return (int)i;
        if (!w->stem)
            continue;
        /* stems share their start with the word: test that before paying
         * for the stemmer */
        size_t sl = strlen(w->stem), k = sl < 3 ? sl : 3;
        if (t->foldlen < k || memcmp(t->fold, w->stem, k))
            continue;
        if (!stemmed) {
            fmt_stem(tok, t->fold, t->foldlen, stem, sizeof stem);
            stemmed = 1;
        }
        if (!strcmp(stem, w->stem))
            return (int)i;
    }
    return -1;
}

/* ---- snippets ----------------------------------------------------------------- */

typedef struct {
    uint32_t off, len;
    int word;
} hit;

/* 1 for bytes that can be part of a word: ASCII letters and digits, and
 * every byte of a multi-byte character. */
static const unsigned char word_tab[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
#define L(c) [c] = 1, [c - 32] = 1
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
    L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
    L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
#define H8(c) [c] = 1, [c + 1] = 1, [c + 2] = 1, [c + 3] = 1, [c + 4] = 1, \
              [c + 5] = 1, [c + 6] = 1, [c + 7] = 1
    H8(0x80), H8(0x88), H8(0x90), H8(0x98), H8(0xA0), H8(0xA8), H8(0xB0),
    H8(0xB8), H8(0xC0), H8(0xC8), H8(0xD0), H8(0xD8), H8(0xE0), H8(0xE8),
    H8(0xF0), H8(0xF8),
#undef H8
};
#define word_byte(c) word_tab[(unsigned char)(c)]

/* The first up to 3 bytes of a folded word that are ASCII letters or
 * digits: what every token matching it must start with (match() asks no
 * more of a stem; a prefix or an equal word share it whole). */
typedef struct {
    char k[3];
    unsigned char n;
} wkey;

static int alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

static wkey key_of(const char *w)
{
    wkey k = {{0}, 0};
    while (k.n < 3 && alnum((unsigned char)w[k.n]))
        k.k[k.n] = w[k.n], k.n++;
    return k;
}

/* Bytes after which no token goes on: the run of letters before them is
 * the whole token (anything else may glue more on: '-', '.', an
 * apostrophe, a soft hyphen, an address). */
static int ends_token(const unsigned char *p, const unsigned char *end)
{
    if (p == end)
        return 1;
    switch (*p) {
    case ' ': case '\t': case '\r': case '\n': case ';': case '!': case '?':
    case '(': case ')': case '[': case ']': case '{': case '}': case '"':
    case '*': case '|': case '<': case '>':
        return 1;
    default:
        return 0;
    }
}

/* 0 when the token starting at p cannot match any key, so the tokenizer
 * need not look at it: its first letters (lowercased ASCII) differ from
 * every key's. 1 when it might. */
static int may_match(const unsigned char *p, const unsigned char *end,
                     const wkey *keys, size_t nk)
{
    char c[3];
    size_t n = 0;
    while (n < 3 && p + n < end && alnum(p[n]))
        c[n] = (char)(p[n] | (p[n] >= 'A' && p[n] <= 'Z' ? 0x20 : 0)), n++;
    if (n == 0)
        return 1;  /* an accented letter or glue first: let the tokenizer say */
    int open = n < 3 && !ends_token(p + n, end);
    for (size_t i = 0; i < nk; i++) {
        if (keys[i].n == 0)
            return 1;
        if (n >= keys[i].n ? !memcmp(c, keys[i].k, keys[i].n)
                           : open && !memcmp(c, keys[i].k, n))
            return 1;
    }
    return 0;
}

/* Collecting hits, and (for a snippet) knowing when to stop: once a
 * window of `win` bytes holds every query word, the passage is found; the
 * hits up to the end of a window starting there are still collected, so
 * that every match in the passage is marked. */
typedef struct {
    hit *h;
    size_t n, cap;
    size_t win, nw;     /* win 0: collect every hit */
    size_t starts;      /* hits a passage may start at (all, until found) */
    size_t stop;        /* found: collect up to this offset */
    int found;
} hits;

/* Add a hit; 0 when no more are wanted. */
static int add_hit(hits *hs, uint32_t off, uint32_t len, int w)
{
    if (hs->found && off >= hs->stop)
        return 0;
    if (hs->n && off < hs->h[hs->n - 1].off + hs->h[hs->n - 1].len)
        return 1;  /* inside the previous one (a compound's part) */
    if (hs->n == hs->cap)
        return 0;
    hs->h[hs->n++] = (hit){off, len, w};
    if (hs->found || !hs->win)
        return 1;
    hs->starts = hs->n;
    int seen[64] = {0};
    size_t d = 0, j = hs->n;
    while (j > 0 && off + len - hs->h[j - 1].off <= hs->win) {
        int k = hs->h[--j].word % 64;
        d += !seen[k];
        seen[k] = 1;
    }
    if (d >= hs->nw) {
        hs->found = 1;
        hs->starts = j + 1;  /* passages start at or before this window */
        hs->stop = hs->h[j].off + hs->win;
    }
    return 1;
}

/* The matches of m in text into hs. Tokenizing a whole document is most
 * of a snippet's cost, so only words that could match are tokenized:
 * those whose first letters are a query word's (lowercased ASCII; see
 * may_match), or that start with a non-ASCII letter (a diacritic may fold
 * to anything). Query words that start with a non-ASCII byte make it
 * tokenize everything. Candidates come in text order: one memchr cursor
 * per first byte, the lowest taken each time. */
static void find_hits(fmt_tokenizer *tok, const matcher *m, const char *text,
                      size_t len, hits *hs)
{
    unsigned char first[256] = {0};
    wkey keys[2 * (FMT_QUERY_MAXTERMS + 8)];
    size_t nk = 0;
    int all = 0;
    for (size_t i = 0; i < m->n; i++) {
        unsigned char c = (unsigned char)m->w[i].word[0];
        unsigned char c2 = m->w[i].stem ? (unsigned char)m->w[i].stem[0] : c;
        if (c >= 0x80 || c2 >= 0x80 || !c)
            all = 1;
        first[c] = first[c2] = 1;
        if (c >= 'a' && c <= 'z')
            first[c - 32] = 1;
        if (c2 >= 'a' && c2 <= 'z')
            first[c2 - 32] = 1;
        keys[nk++] = key_of(m->w[i].word);
        if (m->w[i].stem)
            keys[nk++] = key_of(m->w[i].stem);
    }
    const unsigned char *s = (const unsigned char *)text, *end = s + len;
    fmt_token t;
    if (all) {
        fmt_tok_start(tok, text, len);
        while (m->n && fmt_tok_next(tok, &t)) {
            int w = match(tok, m, &t);
            if (w >= 0 && !add_hit(hs, t.off, t.len, w))
                break;
        }
        return;
    }
    /* the bytes candidates start with, each with where it occurs next */
    unsigned char byte[256];
    const unsigned char *next[256];
    size_t nb = 0;
    for (int c = 1; c < 256; c++)
        if (first[c] || (c >= 0xC3 && c <= 0xC5)) {
            byte[nb] = (unsigned char)c;
            next[nb++] = memchr(s, c, len);
        }
    size_t done = 0;  /* candidates before this offset are covered */
    for (;;) {
        size_t b = nb;
        for (size_t i = 0; i < nb; i++)
            if (next[i] && (b == nb || next[i] < next[b]))
                b = i;
        if (b == nb)
            break;
        const unsigned char *p = next[b];
        next[b] = memchr(p + 1, byte[b], (size_t)(end - p - 1));
        size_t i = (size_t)(p - s);
        if (i < done || (i > 0 && word_byte(s[i - 1])))
            continue;
        if (hs->found && i >= hs->stop)
            break;
        if (!may_match(p, end, keys, nk))
            continue;
        size_t win = len - i < 4 * FMT_TOKMAX ? len - i : 4 * FMT_TOKMAX;
        fmt_tok_start(tok, text + i, win);
        done = i + 1;
        int more = 1;
        while (more && fmt_tok_next(tok, &t)) {
            if (t.pos > 0)
                break; /* only the token at i and its parts */
            int w = match(tok, m, &t);
            if (w >= 0)
                more = add_hit(hs, (uint32_t)(i + t.off), t.len, w);
            if (!(t.flags & FMT_TOK_PART) && i + t.off + t.len > done)
                done = i + t.off + t.len;
        }
        if (!more)
            break;
    }
}

size_t fmt_query_matches(fmt_archive *a, const fmt_query *q, const char *text,
                         size_t len, fmt_span *hl, size_t hlcap)
{
    fmt_tokenizer *tok = store_tok(a);
    matcher *m = alloc_malloc(sizeof *m);
    size_t n = 0;
    if (!tok || !m) {
        free(m);
        return 0;
    }
    m->n = 0;
    collect(q->root, m);
    hit *h = alloc_malloc((hlcap ? hlcap : 1) * sizeof *h);
    if (h && m->n) {
        hits hs = {h, 0, hlcap, 0, 0, 0, 0, 0};
        find_hits(tok, m, text, len, &hs);
        n = hs.n;
    }
    for (size_t i = 0; i < n; i++)
        hl[i] = (fmt_span){h[i].off, h[i].len};
    free(h);
    free(m);
    return n;
}

/* 1 when words of q (outside NOT) are under an OR. */
static int has_or(const qnode *q)
{
    if (q->type == Q_OR)
        return 1;
    if (q->type == Q_AND)
        for (size_t i = 0; i < q->nkids; i++)
            if (has_or(q->kids[i]))
                return 1;
    return 0;
}

/* Where the passage starts (one of the first `starts` hits): the window
 * of about maxlen bytes holding the most different query words, then the
 * most matches. */
static size_t best_start(const hit *h, size_t starts, size_t n, size_t maxlen,
                         size_t nw)
{
    size_t best = 0, bestd = 0, bestc = 0;
    int seen[64];
    for (size_t i = 0; i < starts; i++) {
        memset(seen, 0, sizeof seen);
        size_t d = 0, c = 0;
        for (size_t j = i; j < n && h[j].off + h[j].len - h[i].off <= maxlen;
             j++) {
            int w = h[j].word % 64;
            if (!seen[w]) {
                seen[w] = 1;
                d++;
            }
            c++;
        }
        if (d > bestd || (d == bestd && c > bestc)) {
            best = i;
            bestd = d;
            bestc = c;
        }
        if (bestd == nw && bestc > 4)
            break;
    }
    return best;
}

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Copy text[from, to) into out with whitespace collapsed and Markdown
 * emphasis dropped, moving the highlight spans (text offsets) to out. */
static int flatten(const char *text, size_t from, size_t to, const hit *h,
                   size_t nh, fmt_buf *out, fmt_span *hl, size_t hlcap,
                   size_t *nhl)
{
    size_t k = 0;
    int space = 0;
    *nhl = 0;
    while (k < nh && h[k].off < from)
        k++;
    for (size_t i = from; i < to; i++) {
        if (k < nh && i == h[k].off && *nhl < hlcap && h[k].off + h[k].len <= to) {
            if (space && fmt_buf_append(out, " ", 1))
                return FMT_NOMEM;
            space = 0;
            hl[*nhl].off = (uint32_t)out->len;
            hl[(*nhl)++].len = h[k].len;
            if (fmt_buf_append(out, text + i, h[k].len))
                return FMT_NOMEM;
            i += h[k].len - 1;
            while (k < nh && h[k].off <= i)
                k++;
            continue;
        }
        char c = text[i];
        if (is_space(c)) {
            space = out->len > 0;
            continue;
        }
        if (c == '*' || c == '\\')
            continue;
        if (space && fmt_buf_append(out, " ", 1))
            return FMT_NOMEM;
        space = 0;
        if (fmt_buf_append(out, &c, 1))
            return FMT_NOMEM;
    }
    return FMT_OK;
}

/* Move i back (or forward, dir 1) to a space, at most 40 bytes. */
static size_t to_space(const char *t, size_t len, size_t i, int dir)
{
    for (int k = 0; k < 40; k++) {
        if (i == 0 || i >= len)
            return i > len ? len : i;
        if (is_space(t[i]))
            return dir > 0 ? i : i + 1;
        i = dir > 0 ? i + 1 : i - 1;
    }
    /* inside a long word: step to a UTF-8 character start */
    while (i > 0 && i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

int fmt_snippet(fmt_archive *a, const fmt_query *q, uint32_t docno,
                size_t maxlen, fmt_buf *out, fmt_span *hl, size_t hlcap,
                size_t *nhl)
{
    fmt_doc d = {0};
    *nhl = 0;
    out->len = 0;
    if (out->data)
        out->data[0] = 0;
    const char *text;
    size_t len;
    int rc = FMT_OK, done;
    if (maxlen < 40)
        maxlen = 40;
    hit *h = alloc_malloc(512 * sizeof *h);
    matcher *m = alloc_malloc(sizeof *m);
    fmt_tokenizer *tok = store_tok(a);
    if (!h || !m || !tok) {
        rc = FMT_NOMEM;
        goto done;
    }
    m->n = 0;
    collect(q->root, m);
    /* Inflate only as much of the text as the passage needs: the first
     * few KB, then four times as much, until a passage with every query
     * word is found well inside what is out (a word cut at the end must
     * not count), or the text ends. Most of a snippet's time is
     * inflating. A hit of a query with OR may hold only one side: then
     * the best passage of what is out will do, rather than inflating the
     * whole text in search of a window with both. */
    int either = has_or(q->root);
    size_t nh, from = 0, want = 2048;
    for (;;) {
        if ((rc = store_text_prefix(a, docno, want, &text, &len, &done)))
            goto done;
        hits hs = {h, 0, 512, maxlen, m->n, 0, 0, 0};
        find_hits(tok, m, text, len, &hs);
        nh = hs.n;
        if (nh) {
            size_t i = best_start(h, hs.starts, nh, maxlen, m->n);
            size_t lead = maxlen / 5;
            from = h[i].off > lead ? to_space(text, len, h[i].off - lead, -1)
                                   : 0;
            size_t end = (hs.stop > from + maxlen ? hs.stop : from + maxlen) +
                         4 * FMT_TOKMAX + 64;
            if (done || ((hs.found || either) && hs.n < hs.cap && end < len))
                break;
            want = 4 * (end > want ? end : want);
        } else if (done) {
            break;
        } else {
            want *= 4;
        }
    }
    if (!nh) {
        /* no words to show: the first question, else after the header;
         * that needs the parsed fields (the text is read again) */
        if ((rc = fmt_get(a, docno, &d)))
            goto done;
        text = d.text;
        len = d.len;
        from = d.nquestions ? d.questions[0].span.off
                            : d.header.off + d.header.len;
        if (from >= d.len)
            from = 0;
    }
    size_t to = from + maxlen < len ? to_space(text, len, from + maxlen, -1)
                                    : len;
    if (to <= from)
        to = from + maxlen < len ? from + maxlen : len;
    if (from > 0 && fmt_buf_append(out, "… ", 4))
        rc = FMT_NOMEM;
    size_t base = out->len, got = 0;
    if (!rc) {
        fmt_buf part = {0};
        rc = flatten(text, from, to, h, nh, &part, hl, hlcap, &got);
        for (size_t i = 0; i < got; i++)
            hl[i].off += (uint32_t)base;
        if (!rc && fmt_buf_append(out, part.data ? part.data : "", part.len))
            rc = FMT_NOMEM;
        fmt_buf_free(&part);
    }
    if (!rc && to < len && fmt_buf_append(out, " …", 4))
        rc = FMT_NOMEM;
    *nhl = got;
done:
    free(h);
    free(m);
    fmt_doc_free(&d);
    return rc;
}

/* ---- several snippets on two threads ---------------------------------- */

typedef struct {
    fmt_archive *const *archives;
    fmt_archive **other;       /* hit i's archive's second handle (store_reader2) */
    const fmt_lhit *lh;
    size_t n, maxlen;
    const fmt_query *q;
    fmt_snip *out;
    atomic_size_t next;        /* the next hit to take */
} sjob;

static void snip_one(sjob *j, fmt_archive *a, size_t i)
{
    fmt_snip *s = &j->out[i];
    s->rc = fmt_snippet(a, j->q, j->lh[i].docno, j->maxlen, &s->text,
                        s->hl, FMT_SNIP_HL, &s->nhl);
    snprintf(s->err, sizeof s->err, "%s", s->rc ? fmt_errmsg(a) : "");
}

/* The helper: one thread for the process, started by the program
 * (fmt_snippets_start) and then asleep on a condition variable until the
 * next page (a thread made for each page cost 25 us, and the first one
 * most of a page's time). One job at a time: a second caller meanwhile
 * works alone, as every caller does when the helper was not started. */
static pthread_mutex_t hmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hwake = PTHREAD_COND_INITIALIZER, hdone = PTHREAD_COND_INITIALIZER;
static sjob *hjob;       /* offered or being worked on */
static int htaken;       /* the helper has begun on hjob */
static int hstate;       /* 0: not started; 1: running; -1: cannot be */

static void *snip_helper(void *p)
{
    (void)p;
    pthread_mutex_lock(&hmu);
    for (;;) {
        while (!hjob || htaken)
            pthread_cond_wait(&hwake, &hmu);
        sjob *j = hjob;
        htaken = 1;
        pthread_mutex_unlock(&hmu);
        size_t i;
        while ((i = atomic_fetch_add(&j->next, 1)) < j->n)
            snip_one(j, j->other[i], i);
        pthread_mutex_lock(&hmu);
        hjob = NULL;
        htaken = 0;
        pthread_cond_broadcast(&hdone);
    }
    return NULL;
}

int fmt_snippets_start(void)
{
    pthread_mutex_lock(&hmu);
    if (!hstate) {
        pthread_t t;
        pthread_attr_t at;
        hstate = -1;
        if (!pthread_attr_init(&at)) {
            if (!pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED) &&
                !pthread_create(&t, &at, snip_helper, NULL))
                hstate = 1;
            pthread_attr_destroy(&at);
        }
    }
    int rc = hstate == 1 ? FMT_OK : FMT_NOMEM;
    pthread_mutex_unlock(&hmu);
    return rc;
}

/* Offer j to the helper; 0 when it cannot take it (not started, or busy). */
static int offer(sjob *j)
{
    int ok = 0;
    pthread_mutex_lock(&hmu);
    if (hstate == 1 && !hjob) {
        hjob = j;
        pthread_cond_signal(&hwake);
        ok = 1;
    }
    pthread_mutex_unlock(&hmu);
    return ok;
}

/* All of j's hits are taken: take the offer back if the helper has not
 * begun, else wait for its last one. */
static void finish(sjob *j)
{
    pthread_mutex_lock(&hmu);
    if (hjob == j && !htaken)
        hjob = NULL;
    while (hjob == j)
        pthread_cond_wait(&hdone, &hmu);
    pthread_mutex_unlock(&hmu);
}

size_t fmt_snippets(fmt_archive *const *archives, const fmt_lhit *lh,
                    size_t n, const fmt_query *q, size_t maxlen,
                    fmt_snip *out)
{
    sjob j = {archives, NULL, lh, n, maxlen, q, out, 0};
    int two = n >= 2 && (j.other = alloc_malloc(n * sizeof *j.other)) != NULL;
    for (size_t i = 0; two && i < n; i++)
        two = (j.other[i] = store_reader2(archives[lh[i].arch])) != NULL;
    two = two && offer(&j);
    size_t i, failed = 0;
    while ((i = atomic_fetch_add(&j.next, 1)) < n)
        snip_one(&j, archives[lh[i].arch], i);
    if (two)
        finish(&j);
    free(j.other);
    for (i = 0; i < n; i++)
        failed += out[i].rc != FMT_OK;
    return failed;
}

void fmt_snips_free(fmt_snip *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fmt_buf_free(&s[i].text);
}

/* ---- suggestions ------------------------------------------------------------ */

typedef struct {
    char *w;
    uint32_t df;
} cand;

int fmt_suggest(fmt_archive *a, const char *prefix, char **words, size_t cap,
                size_t *n)
{
    *n = 0;
    fmt_tokenizer *tok = store_tok(a);
    if (!tok)
        return FMT_NOMEM;
    char p[FMT_TOKMAX + 1];
    size_t pl = fmt_fold(tok, prefix, strlen(prefix), p, sizeof p);
    if (!pl || !cap)
        return FMT_OK;
    cand *c = alloc_calloc(cap + 1, sizeof *c);
    if (!c)
        return FMT_NOMEM;
    size_t nc = 0;
    tdict_iter it;
    int rc = tdict_seek(a, &it, p, pl), scanned = 0, out = 0;
    /* keep the cap most frequent: c is a small sorted array */
    while (!rc && it.wlen >= pl && !memcmp(it.word, p, pl) &&
           scanned++ < 50000 && !out) {
        uint32_t df = it.df;
        if (df && (nc < cap || df > c[nc - 1].df)) {
            char *w = alloc_strndup(it.word, it.wlen);
            if (!w) {
                out = FMT_NOMEM;
                break;
            }
            if (nc == cap)
                free(c[--nc].w);
            size_t i = nc++;
            while (i > 0 && c[i - 1].df < df) {
                c[i] = c[i - 1];
                i--;
            }
            c[i] = (cand){w, df};
        }
        rc = tdict_next(&it);
    }
    tdict_close(&it);
    if (!out && rc && rc != FMT_NOTFOUND)
        out = rc;
    for (size_t i = 0; i < nc; i++) {
        if (out)
            free(c[i].w);
        else
            words[i] = c[i].w;
    }
    *n = out ? 0 : nc;
    free(c);
    return out;
}

/* ---- did you mean ------------------------------------------------------------- */

/* Optimal string alignment distance, or max+1 when above max. */
static int distance(const char *s, size_t n, const char *t, size_t m, int max)
{
    if ((n > m ? n - m : m - n) > (size_t)max || n > 64 || m > 64)
        return max + 1;
    int d[65][65];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        int rowmin = max + 1;
        for (size_t j = 1; j <= m; j++) {
            int cost = s[i - 1] != t[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > max)
            return max + 1;
    }
    return d[n][m];
}

/* The best indexed word near w: fewest edits, then most documents. */
static int nearest(fmt_archive *a, const char *w, char *best, size_t cap)
{
    size_t wl = strlen(w);
    if (wl < 3 || wl >= cap)
        return 0;
    tdict_iter it;
    double bestscore = -1;
    int rc = tdict_seek(a, &it, w, 1), scanned = 0;
    int max = wl > 6 ? 2 : 1;
    while (!rc && it.wlen && it.word[0] == w[0] && scanned++ < 300000) {
        int dist = distance(w, wl, it.word, it.wlen, max);
        uint32_t df = dist <= max && dist > 0 ? it.df : 0;
        if (df > 0) {
            double score = (max + 1 - dist) * 100.0 + log(1.0 + df);
            if (score > bestscore && it.wlen < cap) {
                bestscore = score;
                memcpy(best, it.word, it.wlen);
                best[it.wlen] = 0;
            }
        }
        rc = tdict_next(&it);
    }
    tdict_close(&it);
    return bestscore >= 0;
}

static int indexed(fmt_archive *a, const char *w)
{
    tdict_iter it;
    return tdict_lookup(a, w, strlen(w), &it) == FMT_OK;
}

typedef struct {
    const qnode *v[64];
    size_t n;
} leaves;

static void term_leaves(const qnode *q, leaves *l)
{
    if ((q->type == Q_TERM || q->type == Q_PREFIX) && l->n < 64)
        l->v[l->n++] = q;
    if (q->type == Q_AND || q->type == Q_OR)
        for (size_t i = 0; i < q->nkids; i++)
            term_leaves(q->kids[i], l);
}

int fmt_didyoumean(fmt_archive *a, const char *query, fmt_buf *out)
{
    fmt_query *q;
    size_t errpos;
    char err[128];
    out->len = 0;
    if (fmt_query_parse(&q, query, err, sizeof err, &errpos))
        return FMT_NOTFOUND;
    leaves l = {{0}, 0};
    term_leaves(q->root, &l);
    size_t at = 0;
    int changed = 0, rc = FMT_OK;
    for (size_t i = 0; i < l.n && !rc; i++) {
        const qnode *t = l.v[i];
        char best[FMT_TOKMAX + 1];
        if (t->type != Q_TERM || indexed(a, t->word) || indexed(a, t->stem) ||
            !nearest(a, t->word, best, sizeof best) || t->off < at)
            continue;
        if (fmt_buf_append(out, query + at, t->off - at) ||
            fmt_buf_append(out, best, strlen(best)))
            rc = FMT_NOMEM;
        at = t->off + t->len;
        changed = 1;
    }
    if (!rc && fmt_buf_append(out, query + at, strlen(query) - at))
        rc = FMT_NOMEM;
    fmt_query_free(q);
    if (rc)
        return rc;
    if (guard_broken(a))
        return FMT_CORRUPT;
    return changed ? FMT_OK : FMT_NOTFOUND;
}
