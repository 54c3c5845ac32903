/* query.c - the search query parser: query text -> the tree of query.h.
 *
 * A recursive-descent parser over a small lexer, made for a search box:
 * words that fold to nothing are dropped, an unknown "name:" is part of an
 * ordinary word (URLs, times), lower-case "or" is a word. It is strict only
 * where a silent guess would hide a mistake from the user (an unclosed
 * parenthesis or quote, a bad field value, an operator with nothing to work
 * on), and then it says what went wrong and at which byte.
 *
 * Words go through the shared tokenizer (token.h) exactly like the indexed
 * text, so a query word and an indexed word meet in one folded and stemmed
 * form. Nesting (parentheses and NOTs together) and the number of words and
 * filters are checked before each step deeper or further, so no input can
 * run the stack out or take long: the parser stops at the first excess.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "internal.h"
#include "query.h"

#define QUERY_MAXBYTES 65536    /* longer text is FMT_LIMIT */
#define QUOTE_MAX 40            /* bytes of a bad value quoted in a message */
#define DATE_OPEN_LO 10000101   /* the missing end of an open date range */
#define DATE_OPEN_HI 99991231

enum lextype {
    L_END, L_LPAREN, L_RPAREN, L_OR, L_AND, L_NOT, L_PHRASE, L_FIELD, L_WORD
};

typedef struct {
    int type;             /* enum lextype */
    size_t off, len;      /* its bytes in the text */
    int field;            /* L_FIELD: enum qfield */
    size_t namelen;       /* L_FIELD: bytes of the name before ':' */
} lexeme;

typedef struct {
    const char *s;        /* the query text, n bytes */
    size_t n, p;          /* p: where the lexer stands */
    lexeme la;            /* the lexeme at p, when have_la */
    int have_la;
    fmt_tokenizer *tok;
    size_t nterms;
    int depth;            /* open parentheses and NOTs */
    int typing;           /* FMT_QUERY_TYPING: the word at the end is a
                             prefix too (it is still being typed) */
    int rc;               /* the first error, FMT_OK while none */
    size_t errpos;
    char *err;
    size_t errlen;
} parser;

typedef struct {          /* the kids of an AND or OR being built */
    qnode **v;
    size_t n, cap;
} kidlist;

static const struct {
    const char *name;
    int field;
} fields[] = {
    {"partij", QF_PARTY}, {"party", QF_PARTY},
    {"lid", QF_MEMBER}, {"member", QF_MEMBER},
    {"aan", QF_TO}, {"to", QF_TO}, {"minister", QF_TO},
    {"soort", QF_KIND}, {"kind", QF_KIND},
    {"jaar", QF_YEAR}, {"year", QF_YEAR},
    {"datum", QF_DATE}, {"date", QF_DATE},
    {"nummer", QF_NUMBER}, {"number", QF_NUMBER},
    {"status", QF_STATUS},
};

/* An example value per enum qfield, for "needs a value" messages. */
static const char *const field_example[] = {
    "CDA", "Palland", "Justitie", "vraag", "2022", "2022-01..2022-03",
    "2022Z01227", "open",
};

static const struct {
    const char *name;
    int status;
} statuses[] = {
    {"open", FMT_STATUS_OPEN},
    {"beantwoord", FMT_STATUS_ANSWERED}, {"answered", FMT_STATUS_ANSWERED},
    {"laat", FMT_STATUS_LATE}, {"late", FMT_STATUS_LATE},
    {"uitstel", FMT_STATUS_NOTICE}, {"notice", FMT_STATUS_NOTICE},
    {"ingetrokken", FMT_STATUS_WITHDRAWN},
    {"withdrawn", FMT_STATUS_WITHDRAWN},
};

static const char *const facet_names[FMT_NFACETS] = {
    "party", "member", "addressee", "year", "kind", "status"
};
static const char *const facet_fields[FMT_NFACETS] = {
    "partij", "lid", "aan", "jaar", "soort", "status"
};

static qnode *parse_or(parser *ps);

/* ---- errors ------------------------------------------------------------ */

#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
static void fail(parser *ps, int code, size_t pos, const char *fmt, ...)
{
    if (ps->rc)
        return; /* the first error is the one the user should fix */
    ps->rc = code;
    ps->errpos = pos;
    if (ps->err && ps->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ps->err, ps->errlen, fmt, ap);
        va_end(ap);
    }
}

static void nomem(parser *ps, size_t pos)
{
    fail(ps, FMT_NOMEM, pos, "out of memory");
}

/* Copy at most QUOTE_MAX bytes of s into out (cap >= QUOTE_MAX + 4) for
 * quoting in a message: invalid UTF-8 and control characters become '?',
 * so the message is always printable text. */
static const char *quote(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n && o + 4 < cap && i < QUOTE_MAX) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0 || c < 0x20 || c == 0x7f) {
            out[o++] = '?';
            i += k > 0 ? (size_t)k : 1;
            continue;
        }
        memcpy(out + o, s + i, (size_t)k);
        o += (size_t)k;
        i += (size_t)k;
    }
    if (i < n && o + 3 < cap) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

/* ---- nodes ------------------------------------------------------------- */

static void node_free(qnode *q)
{
    if (!q)
        return;
    free(q->word);
    free(q->stem);
    for (size_t i = 0; i < q->nwords; i++)
        free(q->words[i]);
    free(q->words);
    free(q->value);
    for (size_t i = 0; i < q->nkids; i++)
        node_free(q->kids[i]);
    free(q->kids);
    free(q);
}

static qnode *node_new(parser *ps, int type, size_t off, size_t len)
{
    qnode *q = alloc_calloc(1, sizeof *q);
    if (!q) {
        nomem(ps, off);
        return NULL;
    }
    q->type = type;
    q->off = (uint32_t)off;
    q->len = (uint32_t)len;
    return q;
}

/* Count one more word or filter against FMT_QUERY_MAXTERMS. */
static int count_term(parser *ps, size_t pos)
{
    if (ps->nterms >= FMT_QUERY_MAXTERMS) {
        fail(ps, FMT_LIMIT, pos, "too many words and filters (at most %d)",
             FMT_QUERY_MAXTERMS);
        return -1;
    }
    ps->nterms++;
    return 0;
}

static int kids_push(parser *ps, kidlist *l, qnode *k)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 4;
        qnode **v = alloc_realloc(l->v, cap * sizeof *v);
        if (!v) {
            nomem(ps, k->off);
            return -1;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = k;
    return 0;
}

/* Add k to a list of kids of an AND or OR (type), taking k over even on
 * failure. A kid of the same type gives its kids instead (a AND (b AND c)
 * is a AND b AND c), so the tree stays flat. */
static int kids_add(parser *ps, kidlist *l, qnode *k, int type)
{
    if (k->type != type) {
        if (kids_push(ps, l, k) == 0)
            return 0;
        node_free(k);
        return -1;
    }
    size_t i = 0;
    for (; i < k->nkids; i++)
        if (kids_push(ps, l, k->kids[i]))
            break;
    if (i < k->nkids) { /* the rest is still k's to free */
        memmove(k->kids, k->kids + i, (k->nkids - i) * sizeof *k->kids);
        k->nkids -= i;
        node_free(k);
        return -1;
    }
    free(k->kids);
    k->nkids = 0;
    k->kids = NULL;
    node_free(k);
    return 0;
}

static void kids_free(kidlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        node_free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* The node for a finished list: NULL for none, the kid itself for one,
 * else an AND or OR spanning its kids. The list is emptied. */
static qnode *kids_finish(parser *ps, kidlist *l, int type)
{
    if (l->n <= 1) {
        qnode *k = l->n ? l->v[0] : NULL;
        free(l->v);
        l->v = NULL;
        l->n = l->cap = 0;
        return k;
    }
    size_t lo = l->v[0]->off, hi = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i]->off < lo)
            lo = l->v[i]->off;
        if ((size_t)l->v[i]->off + l->v[i]->len > hi)
            hi = (size_t)l->v[i]->off + l->v[i]->len;
    }
    qnode *q = node_new(ps, type, lo, hi - lo);
    if (!q) {
        kids_free(l);
        return NULL;
    }
    q->kids = l->v;
    q->nkids = l->n;
    l->v = NULL;
    l->n = l->cap = 0;
    return q;
}

/* NOT k from off; NOT NOT x is x. Takes k over. */
static qnode *mk_not(parser *ps, qnode *k, size_t off)
{
    if (k->type == Q_NOT) {
        qnode *x = k->kids[0];
        k->nkids = 0;
        node_free(k);
        return x;
    }
    qnode *q = node_new(ps, Q_NOT, off, (size_t)k->off + k->len - off);
    qnode **kids = q ? alloc_malloc(sizeof *kids) : NULL;
    if (!kids) {
        if (q)
            nomem(ps, off);
        free(q);
        node_free(k);
        return NULL;
    }
    kids[0] = k;
    q->kids = kids;
    q->nkids = 1;
    return q;
}

/* ---- the lexer --------------------------------------------------------- */

/* Bytes of white space at p (ASCII or a no-break space), 0 if none. */
static size_t space_len(const char *s, size_t n, size_t p)
{
    unsigned char c = (unsigned char)s[p];
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c == 0xc2 && p + 1 < n && (unsigned char)s[p + 1] == 0xa0)
        return 2;
    return 0;
}

/* Does a bare word or field value stop at p? */
static int word_end(const char *s, size_t n, size_t p)
{
    return p >= n || space_len(s, n, p) || s[p] == '(' || s[p] == ')' ||
           s[p] == '"' || s[p] == '|';
}

static int field_lookup(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strlen(fields[i].name) == len &&
            !strncasecmp(fields[i].name, s, len))
            return fields[i].field;
    return -1;
}

/* One field value at p: "quoted" or a bare run. Sets [*vo, *vo + *vl) to
 * the value inside any quotes; returns the end, or SIZE_MAX after an
 * error (an unclosed quote). */
static size_t scan_value(parser *ps, size_t p, size_t *vo, size_t *vl)
{
    const char *s = ps->s;
    if (p < ps->n && s[p] == '"') {
        const char *close = memchr(s + p + 1, '"', ps->n - p - 1);
        if (!close) {
            fail(ps, FMT_INVALID, p, "unclosed quote");
            return SIZE_MAX;
        }
        *vo = p + 1;
        *vl = (size_t)(close - s) - *vo;
        return (size_t)(close - s) + 1;
    }
    size_t q = p;
    while (!word_end(s, ps->n, q))
        q++;
    *vo = p;
    *vl = q - p;
    return q;
}

/* "name:" at p with a known name: the whole field with its values
 * (a|b|"c d") into lx. Returns 1 if it is one, 0 if not, -1 on error. */
static int lex_field(parser *ps, size_t p, lexeme *lx)
{
    const char *s = ps->s;
    size_t q = p;
    while (q < ps->n && q - p < 10 &&
           ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z')))
        q++;
    if (q == p || q >= ps->n || s[q] != ':')
        return 0;
    int f = field_lookup(s + p, q - p);
    if (f < 0)
        return 0;
    size_t e = q + 1, vo, vl;
    for (;;) {
        e = scan_value(ps, e, &vo, &vl);
        if (e == SIZE_MAX)
            return -1;
        if (e >= ps->n || s[e] != '|')
            break;
        e++;
    }
    lx->type = L_FIELD;
    lx->len = e - p;
    lx->field = f;
    lx->namelen = q - p;
    return 1;
}

/* Is a '-' at p a NOT? Only right before something it can negate, so a
 * dash standing alone or "--" is punctuation. */
static int dash_not(const char *s, size_t n, size_t p)
{
    if (p + 1 >= n || space_len(s, n, p + 1))
        return 0;
    char c = s[p + 1];
    return c != '-' && c != ')' && c != '|';
}

static int lex_scan(parser *ps, lexeme *lx)
{
    const char *s = ps->s;
    size_t n = ps->n, p = ps->p, k;
    while (p < n && (k = space_len(s, n, p)))
        p += k;
    memset(lx, 0, sizeof *lx);
    lx->off = p;
    if (p >= n) {
        lx->type = L_END;
        return 0;
    }
    switch (s[p]) {
    case '(': lx->type = L_LPAREN; lx->len = 1; return 0;
    case ')': lx->type = L_RPAREN; lx->len = 1; return 0;
    case '|':
        for (k = p; k < n && s[k] == '|'; k++)
            ;
        lx->type = L_OR;
        lx->len = k - p;
        return 0;
    case '"': {
        const char *close = memchr(s + p + 1, '"', n - p - 1);
        if (!close) {
            fail(ps, FMT_INVALID, p, "unclosed quote");
            return -1;
        }
        lx->type = L_PHRASE;
        lx->len = (size_t)(close - s) + 1 - p;
        return 0;
    }
    case '-':
        if (dash_not(s, n, p)) {
            lx->type = L_NOT;
            lx->len = 1;
            return 0;
        }
        break;
    }
    int r = lex_field(ps, p, lx);
    if (r)
        return r < 0 ? -1 : 0;
    for (k = p; !word_end(s, n, k); k++)
        ;
    lx->len = k - p;
    lx->type = L_WORD;
    /* The operators in capitals, in English and in Dutch (OF, EN, NIET):
     * the Dutch screens teach the Dutch ones, and "of", "en" and "niet" in
     * lower case stay words. */
    static const struct { const char *w; int type; } ops[] = {
        {"OR", L_OR}, {"OF", L_OR}, {"AND", L_AND}, {"EN", L_AND},
        {"NOT", L_NOT}, {"NIET", L_NOT},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (lx->len == strlen(ops[i].w) && !memcmp(s + p, ops[i].w, lx->len))
            lx->type = ops[i].type;
    return 0;
}

/* The lexeme at the current position (not consumed). -1 on error. */
static int peek(parser *ps, lexeme *lx)
{
    if (ps->rc)
        return -1;
    if (!ps->have_la) {
        if (lex_scan(ps, &ps->la))
            return -1;
        ps->have_la = 1;
    }
    *lx = ps->la;
    return 0;
}

static void take(parser *ps, const lexeme *lx)
{
    ps->p = lx->off + lx->len;
    ps->have_la = 0;
}

/* ---- words, phrases, prefixes ------------------------------------------ */

static size_t nchars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

/* A Q_TERM (stemmed) or Q_PREFIX for token t of the text at base. */
static qnode *token_node(parser *ps, size_t base, const fmt_token *t,
                         int type)
{
    size_t off = base + t->off;
    if (count_term(ps, off))
        return NULL;
    qnode *q = node_new(ps, type, off, t->len);
    if (!q)
        return NULL;
    q->word = alloc_strndup(t->fold, t->foldlen);
    if (q->word && type == Q_TERM) {
        char st[FMT_TOKMAX + 1];
        size_t sl = fmt_stem(ps->tok, t->fold, t->foldlen, st, sizeof st);
        if (sl >= sizeof st)
            sl = strlen(st);
        q->stem = alloc_strndup(st, sl);
    }
    if (!q->word || (type == Q_TERM && !q->stem)) {
        nomem(ps, off);
        node_free(q);
        return NULL;
    }
    return q;
}

/* The word being typed (FMT_QUERY_TYPING): the word itself OR any word it
 * starts, so "nuc" finds nuctech while "nu" is still a word; a document
 * with the word itself scores for both and ranks first. One or two letters
 * are only the word: as a prefix "de" stands for a twentieth of the
 * dictionary and takes 100 ms on 100,000 documents, against 20 ms at most
 * from three letters on. */
#define OPEN_PREFIX_MIN 3
static qnode *open_node(parser *ps, size_t off, const fmt_token *t)
{
    qnode *term = token_node(ps, off, t, Q_TERM);
    if (!term || nchars(t->fold, t->foldlen) < OPEN_PREFIX_MIN)
        return term;
    qnode *pre = token_node(ps, off, t, Q_PREFIX);
    kidlist l = {0};
    if (!pre) {
        node_free(term);
        return NULL;
    }
    if (kids_add(ps, &l, term, Q_OR)) { /* term is freed */
        node_free(pre);
        kids_free(&l);
        return NULL;
    }
    if (kids_add(ps, &l, pre, Q_OR)) {
        kids_free(&l);
        return NULL;
    }
    return kids_finish(ps, &l, Q_OR);
}

/* A bare word [off, off + len): its tokens (the whole of a compound, not
 * its parts) ANDed; with trailing '*' the last token is a prefix. NULL
 * with no error when it holds no token at all ("-", "«"). */
static qnode *word_node(parser *ps, size_t off, size_t len, int open)
{
    size_t plen = len;
    while (plen && ps->s[off + plen - 1] == '*')
        plen--;
    int prefix = plen < len;
    open = open && !prefix;
    kidlist l = {0};
    fmt_token t, last = {0};
    int have_last = 0;
    qnode *k;

    fmt_tok_start(ps->tok, ps->s + off, plen);
    while (fmt_tok_next(ps->tok, &t)) {
        if ((t.flags & FMT_TOK_PART) || t.foldlen == 0)
            continue;
        if (prefix || open) { /* only the last token is the prefix */
            if (have_last && (!(k = token_node(ps, off, &last, Q_TERM)) ||
                              kids_add(ps, &l, k, Q_AND)))
                goto fail;
            last = t;
            have_last = 1;
            continue;
        }
        if (!(k = token_node(ps, off, &t, Q_TERM)) ||
            kids_add(ps, &l, k, Q_AND))
            goto fail;
    }
    if (open && have_last && nchars(last.fold, last.foldlen) < OPEN_PREFIX_MIN &&
        (ps->nterms > 0 || l.n > 0)) {
        /* a word just begun after others ("nuctech O"): not yet a word to
         * search for, so the others' hits stay while it is typed */
    } else if (open && have_last) { /* being typed: the word or a prefix */
        if (!(k = open_node(ps, off, &last)) || kids_add(ps, &l, k, Q_AND))
            goto fail;
    }
    if (prefix) {
        if (!have_last || nchars(last.fold, last.foldlen) < 2) {
            fail(ps, FMT_INVALID, have_last ? off + last.off : off,
                 "prefix too short: type at least 2 letters before *");
            goto fail;
        }
        if (!(k = token_node(ps, off, &last, Q_PREFIX)))
            goto fail;
        k->len = (uint32_t)(off + len - k->off); /* include the '*' */
        if (kids_add(ps, &l, k, Q_AND))
            goto fail;
    }
    return kids_finish(ps, &l, Q_AND);
fail:
    kids_free(&l);
    return NULL;
}

/* "a b c": the folded words in order, unstemmed (exact). Parts of
 * compounds are left out: the compound itself is the word. */
static qnode *phrase_node(parser *ps, const lexeme *lx)
{
    size_t base = lx->off + 1;
    qnode *q = node_new(ps, Q_PHRASE, lx->off, lx->len);
    size_t cap = 0;
    fmt_token t;
    if (!q)
        return NULL;
    fmt_tok_start(ps->tok, ps->s + base, lx->len - 2);
    while (fmt_tok_next(ps->tok, &t)) {
        if ((t.flags & FMT_TOK_PART) || t.foldlen == 0)
            continue;
        if (count_term(ps, base + t.off))
            goto fail;
        if (q->nwords == cap) {
            size_t nc = cap ? 2 * cap : 4;
            char **w = alloc_realloc(q->words, nc * sizeof *w);
            if (!w)
                goto oom;
            q->words = w;
            cap = nc;
        }
        if (!(q->words[q->nwords] = alloc_strndup(t.fold, t.foldlen)))
            goto oom;
        q->nwords++;
    }
    if (q->nwords)
        return q;
    node_free(q); /* "" or quotes around punctuation: nothing to find */
    return NULL;
oom:
    nomem(ps, base + t.off);
fail:
    node_free(q);
    return NULL;
}

/* ---- fields ------------------------------------------------------------ */

/* Days in month m of year y. */
static int mdays(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* One end of a range: yyyy, yyyy-mm, yyyy-mm-dd or (as Dutch people write
 * it) dd-mm-yyyy, as the first day of that period, or with hi the last.
 * years_only: only yyyy. Returns 0, or -1 when it is no such date. */
static int parse_date(const char *s, size_t n, int years_only, int hi,
                      int32_t *out)
{
    int part[3], ndig[3], np = 0;
    size_t i = 0;
    for (;;) {
        size_t st = i;
        int v = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - st < 5)
            v = v * 10 + (s[i++] - '0');
        if (i == st || i - st > 4)
            return -1;
        part[np] = v;
        ndig[np++] = (int)(i - st);
        if (i == n)
            break;
        if (s[i] != '-' || np == 3)
            return -1;
        i++;
    }
    int y, m = 1, d = 1;
    if (ndig[0] == 4) {
        y = part[0];
        if ((np > 1 && ndig[1] > 2) || (np > 2 && ndig[2] > 2))
            return -1;
        if (np > 1)
            m = part[1];
        if (np > 2)
            d = part[2];
    } else if (np == 3 && ndig[2] == 4 && ndig[0] <= 2 && ndig[1] <= 2) {
        d = part[0];
        m = part[1];
        y = part[2];
    } else {
        return -1;
    }
    if ((years_only && np != 1) || y < 1000 || m < 1 || m > 12 || d < 1 ||
        d > mdays(y, m))
        return -1;
    if (hi && np == 1) {
        m = 12;
        d = 31;
    } else if (hi && np == 2) {
        d = mdays(y, m);
    }
    *out = (int32_t)(y * 10000 + m * 100 + d);
    return 0;
}

/* A date (or year) or a range a..b of them, either end open. Returns 0,
 * -1 when malformed, -2 when the range runs backwards. */
static int parse_range(const char *s, size_t n, int years_only,
                       int32_t *from, int32_t *to)
{
    size_t i = 0;
    while (i + 1 < n && !(s[i] == '.' && s[i + 1] == '.'))
        i++;
    if (i + 1 >= n) /* a single date: the whole period */
        return parse_date(s, n, years_only, 0, from) ||
                       parse_date(s, n, years_only, 1, to)
                   ? -1 : 0;
    const char *b = s + i + 2;
    size_t blen = n - i - 2;
    if (i == 0 && blen == 0)
        return -1;
    *from = DATE_OPEN_LO;
    *to = DATE_OPEN_HI;
    if ((i && parse_date(s, i, years_only, 0, from)) ||
        (blen && parse_date(b, blen, years_only, 1, to)))
        return -1;
    return *from > *to ? -2 : 0;
}

/* Fold a field value like a token, into a new string ("" when it folds
 * to nothing). Leading and trailing spaces go. */
static char *fold_value(parser *ps, const char *v, size_t vl, size_t pos)
{
    while (vl && (*v == ' ' || *v == '\t')) {
        v++;
        vl--;
    }
    while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
        vl--;
    size_t cap = 4 * vl + 16; /* case folding can grow a character */
    char *out = alloc_malloc(cap);
    if (!out) {
        nomem(ps, pos);
        return NULL;
    }
    size_t fl = fmt_fold(ps->tok, v, vl, out, cap);
    if (fl >= cap)
        fl = strlen(out);
    out[fl] = '\0';
    return out;
}

static int status_lookup(const char *s)
{
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (!strcmp(statuses[i].name, s))
            return statuses[i].status;
    return FMT_STATUS_NONE;
}

/* A year or date field's range from value v (vl bytes) at pos. */
static int fill_range(parser *ps, qnode *q, const char *name, int nl,
                      const char *v, size_t vl, size_t pos)
{
    char qv[QUOTE_MAX + 8];
    int r = parse_range(v, vl, q->field == QF_YEAR, &q->from, &q->to);
    if (r == -2)
        fail(ps, FMT_INVALID, pos, "%.*s: the range '%s' ends before it "
             "starts", nl, name, quote(v, vl, qv, sizeof qv));
    else if (r && q->field == QF_YEAR)
        fail(ps, FMT_INVALID, pos, "%.*s: expects a year like 2022 or a "
             "range like 2019..2021, not '%s'", nl, name,
             quote(v, vl, qv, sizeof qv));
    else if (r)
        fail(ps, FMT_INVALID, pos, "%.*s: expects a date like 2022, "
             "2022-01 or 2022-01-26, or a range like 2022-01..2022-03, "
             "not '%s'", nl, name, quote(v, vl, qv, sizeof qv));
    return r ? -1 : 0;
}

/* Fill field node q from value [vo, vo + vl); at pos in the text. The
 * field's name as typed is name (nl bytes), for messages. */
static int field_fill(parser *ps, qnode *q, const char *name, int nl,
                      size_t vo, size_t vl, size_t pos)
{
    const char *v = ps->s + vo;
    char qv[QUOTE_MAX + 8], *f = NULL;
    if (vl && (q->field == QF_YEAR || q->field == QF_DATE))
        return fill_range(ps, q, name, nl, v, vl, pos);
    if (vl && !(f = fold_value(ps, v, vl, pos)))
        return -1;
    if (!f || !*f) {
        fail(ps, FMT_INVALID, pos, "%.*s: needs a value, e.g. %.*s:%s", nl,
             name, nl, name, field_example[q->field]);
    } else if (q->field == QF_KIND) {
        if ((q->ival = fmt_kind_parse(f)) == FMT_KIND_NONE)
            fail(ps, FMT_INVALID, pos, "%.*s: expects vraag, antwoord or "
                 "mededeling (question, answer, notice), not '%s'", nl, name,
                 quote(v, vl, qv, sizeof qv));
    } else if (q->field == QF_STATUS) {
        if ((q->ival = status_lookup(f)) == FMT_STATUS_NONE)
            fail(ps, FMT_INVALID, pos, "%.*s: expects open, beantwoord, laat "
                 "or ingetrokken (answered, late, withdrawn), not '%s'", nl,
                 name, quote(v, vl, qv, sizeof qv));
    } else {
        q->value = f; /* party, member, addressee, number: the folded text */
        return 0;
    }
    free(f);
    return ps->rc ? -1 : 0;
}

/* name:value or name:a|b|"c d": one Q_FIELD, or an OR of them. */
static qnode *field_node(parser *ps, const lexeme *lx)
{
    const char *name = ps->s + lx->off;
    int nl = (int)lx->namelen;
    size_t p = lx->off + lx->namelen + 1, end = lx->off + lx->len;
    kidlist l = {0};
    for (;;) {
        size_t vo, vl, e = scan_value(ps, p, &vo, &vl);
        if (e == SIZE_MAX || count_term(ps, p))
            goto fail;
        qnode *k = node_new(ps, Q_FIELD, p, e - p);
        if (!k)
            goto fail;
        k->field = lx->field;
        if (field_fill(ps, k, name, nl, vo, vl, p)) {
            node_free(k);
            goto fail;
        }
        if (kids_add(ps, &l, k, Q_OR)) /* k is freed */
            goto fail;
        p = e;
        if (p >= end || ps->s[p] != '|')
            break;
        p++;
    }
    qnode *q = kids_finish(ps, &l, Q_OR);
    if (q) { /* the filter stands for all of name:values */
        q->off = (uint32_t)lx->off;
        q->len = (uint32_t)lx->len;
    }
    return q;
fail:
    kids_free(&l);
    return NULL;
}

/* ---- the grammar ------------------------------------------------------- */

/* Step one level deeper (a parenthesis or a NOT at pos), or fail. */
static int deeper(parser *ps, size_t pos)
{
    if (ps->depth >= FMT_QUERY_MAXDEPTH) {
        fail(ps, FMT_LIMIT, pos, "nested too deeply (at most %d levels of "
             "parentheses and NOT)", FMT_QUERY_MAXDEPTH);
        return -1;
    }
    ps->depth++;
    return 0;
}

static qnode *parse_group(parser *ps, const lexeme *open)
{
    lexeme lx;
    take(ps, open);
    if (deeper(ps, open->off))
        return NULL;
    qnode *k = parse_or(ps);
    ps->depth--;
    if (ps->rc || peek(ps, &lx))
        goto fail;
    if (lx.type != L_RPAREN) {
        fail(ps, FMT_INVALID, open->off, "unclosed parenthesis");
        goto fail;
    }
    take(ps, &lx);
    return k; /* "()" is NULL: nothing, like a word without letters */
fail:
    node_free(k);
    return NULL;
}

/* primary := "(" or ")" | phrase | field | word | word*. NULL without an
 * error when there is nothing to search for here. */
static qnode *parse_primary(parser *ps)
{
    lexeme lx;
    if (peek(ps, &lx))
        return NULL;
    switch (lx.type) {
    case L_LPAREN:
        return parse_group(ps, &lx);
    case L_PHRASE:
        take(ps, &lx);
        return phrase_node(ps, &lx);
    case L_FIELD:
        take(ps, &lx);
        return field_node(ps, &lx);
    case L_WORD:
        take(ps, &lx);
        /* the word the text ends in, with no space after it yet */
        return word_node(ps, lx.off, lx.len,
                         ps->typing && lx.off + lx.len == ps->n);
    default:
        return NULL; /* an operator or the end: left to the caller */
    }
}

/* unary := ("-" | "NOT") unary | primary; NOTs nest, so they count as
 * depth like parentheses. */
static qnode *parse_unary(parser *ps)
{
    lexeme lx;
    if (peek(ps, &lx))
        return NULL;
    if (lx.type != L_NOT)
        return parse_primary(ps);
    take(ps, &lx);
    if (deeper(ps, lx.off))
        return NULL;
    qnode *k;
    size_t at;
    do { /* skip what holds nothing to search for: NOT « x is NOT x */
        at = ps->p;
        k = parse_unary(ps);
    } while (!k && !ps->rc && ps->p != at);
    ps->depth--;
    if (ps->rc)
        return NULL;
    if (!k) {
        fail(ps, FMT_INVALID, lx.off, "nothing after %s",
             ps->s[lx.off] == '-' ? "-" : "NOT");
        return NULL;
    }
    return mk_not(ps, k, lx.off);
}

static int and_stop(int type)
{
    return type == L_END || type == L_RPAREN || type == L_OR;
}

/* and := unary ( ["AND"] unary )* */
static qnode *parse_and(parser *ps)
{
    kidlist l = {0};
    lexeme lx, nx;
    for (;;) {
        if (peek(ps, &lx))
            goto fail;
        if (and_stop(lx.type))
            break;
        if (lx.type == L_AND) {
            take(ps, &lx);
            if (peek(ps, &nx))
                goto fail;
            if (!l.n || and_stop(nx.type) || nx.type == L_AND) {
                fail(ps, FMT_INVALID, lx.off, "AND needs words on both "
                     "sides");
                goto fail;
            }
            continue;
        }
        qnode *k = parse_unary(ps);
        if (ps->rc)
            goto fail;
        if (k && kids_add(ps, &l, k, Q_AND))
            goto fail;
    }
    return kids_finish(ps, &l, Q_AND);
fail:
    kids_free(&l);
    return NULL;
}

/* or := and ( ("OR" | "|") and )* */
static qnode *parse_or(parser *ps)
{
    kidlist l = {0};
    lexeme lx;
    qnode *k = parse_and(ps);
    if (!ps->rc && !peek(ps, &lx) && lx.type != L_OR)
        return k; /* no OR here: k as it is, its span intact */
    if (ps->rc) {
        node_free(k);
        return NULL;
    }
    if (k && kids_add(ps, &l, k, Q_OR))
        goto fail;
    while (!peek(ps, &lx) && lx.type == L_OR) {
        take(ps, &lx);
        if (l.n == 0) {
            fail(ps, FMT_INVALID, lx.off, "OR needs words on both sides");
            goto fail;
        }
        k = parse_and(ps);
        if (ps->rc)
            goto fail;
        if (!k) {
            fail(ps, FMT_INVALID, lx.off, "OR needs words on both sides");
            goto fail;
        }
        if (kids_add(ps, &l, k, Q_OR))
            goto fail;
    }
    if (ps->rc)
        goto fail;
    return kids_finish(ps, &l, Q_OR);
fail:
    kids_free(&l);
    return NULL;
}

/* ---- making NOT evaluable ---------------------------------------------- */

/* AND(ALL, q), spanning q. On failure q is returned unchanged (rc set). */
static qnode *wrap_all(parser *ps, qnode *q)
{
    qnode *all = node_new(ps, Q_ALL, q->off, 0);
    qnode *and = node_new(ps, Q_AND, q->off, q->len);
    qnode **kids = all && and ? alloc_malloc(2 * sizeof *kids) : NULL;
    if (!kids) {
        nomem(ps, q->off);
        free(all);
        free(and);
        return q;
    }
    kids[0] = all;
    kids[1] = q;
    and->kids = kids;
    and->nkids = 2;
    return and;
}

/* A NOT only subtracts from its positive siblings in an AND (query.h), so
 * a NOT anywhere else becomes AND(ALL, NOT x), and an AND of nothing but
 * NOTs gets ALL in front. Returns the node to put in q's place; the tree
 * stays whole (and freeable) when memory runs out. */
static qnode *fix_not(parser *ps, qnode *q)
{
    if (ps->rc)
        return q;
    if (q->type == Q_NOT) {
        q->kids[0] = fix_not(ps, q->kids[0]);
        return wrap_all(ps, q);
    }
    if (q->type == Q_OR) {
        for (size_t i = 0; i < q->nkids; i++)
            q->kids[i] = fix_not(ps, q->kids[i]);
        return q;
    }
    if (q->type != Q_AND)
        return q;
    int positive = 0;
    for (size_t i = 0; i < q->nkids; i++) {
        qnode *k = q->kids[i];
        if (k->type == Q_NOT) {
            k->kids[0] = fix_not(ps, k->kids[0]);
        } else {
            positive = 1;
            q->kids[i] = fix_not(ps, k);
        }
    }
    if (positive || ps->rc)
        return q;
    qnode *all = node_new(ps, Q_ALL, q->off, 0);
    qnode **kids = all ? alloc_realloc(q->kids, (q->nkids + 1) * sizeof *kids)
                       : NULL;
    if (!kids) {
        if (all)
            nomem(ps, q->off);
        free(all);
        return q;
    }
    memmove(kids + 1, kids, q->nkids * sizeof *kids);
    kids[0] = all;
    q->kids = kids;
    q->nkids++;
    return q;
}

/* ---- the API ----------------------------------------------------------- */

static qnode *parse_all(parser *ps)
{
    lexeme lx;
    qnode *root = parse_or(ps);
    if (!ps->rc && !peek(ps, &lx) && lx.type == L_RPAREN)
        fail(ps, FMT_INVALID, lx.off, "')' without '('");
    if (!ps->rc && !root)
        root = node_new(ps, Q_ALL, 0, 0);
    if (!ps->rc)
        root = fix_not(ps, root);
    if (ps->rc) {
        node_free(root);
        return NULL;
    }
    return root;
}

int fmt_query_parse(fmt_query **qp, const char *text, char *err,
                    size_t errlen, size_t *errpos)
{
    return fmt_query_parse_flags(qp, text, 0, err, errlen, errpos);
}

int fmt_query_parse_flags(fmt_query **qp, const char *text, int flags,
                          char *err, size_t errlen, size_t *errpos)
{
    parser ps = {0};
    ps.typing = (flags & FMT_QUERY_TYPING) != 0;
    qnode *root = NULL;
    fmt_query *q = NULL;

    ps.err = err;
    ps.errlen = errlen;
    if (err && errlen)
        err[0] = '\0';
    if (errpos)
        *errpos = 0;
    if (qp)
        *qp = NULL;
    if (!qp || !text) {
        fail(&ps, FMT_INVALID, 0, "no query");
        return FMT_INVALID;
    }
    ps.s = text;
    ps.n = strnlen(text, QUERY_MAXBYTES + 1);
    if (ps.n > QUERY_MAXBYTES) {
        fail(&ps, FMT_LIMIT, QUERY_MAXBYTES, "query too long (at most %d "
             "bytes)", QUERY_MAXBYTES);
        goto out;
    }
    /* Invalid bytes would be skipped as if they were spaces, and a query
     * of nothing but them would then ask for every document. */
    for (size_t i = 0; i < ps.n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(ps.n - i), &cp);
        if (k <= 0) {
            fail(&ps, FMT_INVALID, i, "not valid UTF-8");
            goto out;
        }
        i += (size_t)k;
    }
    if (!(ps.tok = fmt_tok_new())) {
        nomem(&ps, 0);
        goto out;
    }
    if (!(root = parse_all(&ps)))
        goto out;
    q = alloc_calloc(1, sizeof *q);
    if (!q || !(q->text = alloc_strndup(text, ps.n))) {
        nomem(&ps, 0);
        goto out;
    }
    q->root = root;
    q->nterms = ps.nterms;
    root = NULL;
    *qp = q;
    q = NULL;
out:
    if (ps.tok)
        fmt_tok_free(ps.tok);
    node_free(root);
    if (q)
        free(q->text);
    free(q);
    if (ps.rc && errpos)
        *errpos = ps.errpos;
    return ps.rc;
}

void fmt_query_free(fmt_query *q)
{
    if (!q)
        return;
    node_free(q->root);
    free(q->text);
    free(q);
}

int fmt_query_empty(const fmt_query *q)
{
    return !q || !q->root || q->root->type == Q_ALL;
}

const char *fmt_facet_name(int facet)
{
    return facet >= 0 && facet < FMT_NFACETS ? facet_names[facet] : "";
}

const char *fmt_facet_field(int facet)
{
    return facet >= 0 && facet < FMT_NFACETS ? facet_fields[facet] : "";
}
