/* token.c - the tokenizer and normaliser shared by indexing and querying.
 *
 * One pass over the text. ASCII (nearly all of a Dutch document) is
 * classified and lowercased inline, straight into the caller's token, with
 * no call and no allocation; only a non-ASCII code point goes to utf8proc,
 * one at a time, for its category and its fold (compatibility decomposition,
 * case folding, marks stripped: "ï" -> "i", "ĳ" -> "ij", "ß" -> "ss").
 *
 * A token is a run of letters and digits, glued on by:
 *   '-'  between two word characters: a compound, also given as its parts;
 *   '.' ','  between two digits: a number ("2.116", "6,8");
 *   '\'' '’'  after a letter, before a word character: dropped ("d'66" ->
 *        "d66", "risico's" -> "risicos"); a leading one is just skipped
 *        ("'s-Gravenhage" -> "s-gravenhage").
 * Web addresses (http://, https://, www.) and e-mail addresses are one
 * token each, lowercased, with their host name as a part.
 *
 * Every scan is linear in the text: URLs are consumed whole, and the only
 * look-back (is this word the start of an e-mail address?) is bounded and
 * remembers where it last failed.
 */
#include "token.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAXPARTS 48     /* parts kept of one compound or address; the rest
                           are dropped */
#define LOCALMAX 64     /* longest e-mail local part (RFC 5321) */
#define HOSTMAX 253     /* longest host name */
#define STEMMAX 4096    /* longer input is not worth stemming */
#define CACHESETS 4096  /* stems remembered: sets (a power of two) of 2 */
#define CACHEWORD 31    /* longest word (and stem) remembered */
#define CACHEAFTER 256  /* stems before the cache pays (a query has few) */

#define FOLD_OPTS (UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE \
                   | UTF8PROC_STRIPMARK)

/* What a code point does to a token. */
enum {
    K_SEP,      /* ends a token */
    K_ALPHA,    /* letter */
    K_DIGIT,    /* decimal digit */
    K_HYPHEN,   /* joins a compound */
    K_APOS,     /* apostrophe: dropped inside a word */
    K_NUMSEP,   /* '.' ',': kept between digits */
    K_IGN,      /* combining mark, soft hyphen, joiner: dropped inside */
    K_HIGH      /* (byte table only) part of a non-ASCII character */
};

typedef struct {
    uint32_t off, len;
    int flags;
} span;

/* One remembered stem. Words follow Zipf's law, so a small cache (two
 * ways, the newer first) answers most calls and keeps Snowball (about
 * 0.4 us a word) out of the indexer's inner loop. */
typedef struct {
    unsigned char wlen, slen;       /* wlen 0: empty slot */
    char word[CACHEWORD], stem[CACHEWORD];
} stem_slot;

struct fmt_tokenizer {
    const unsigned char *s;
    size_t len, p;
    uint32_t pos;            /* position of the next compound/word */
    size_t noemail;          /* a word starting before this is no e-mail */
    span parts[MAXPARTS];    /* pending parts of the last compound or URL */
    int npart, ipart;
    uint32_t partpos;
    struct sb_stemmer *stemmer;
    stem_slot *cache;        /* 2 * CACHESETS, allocated when it pays */
    size_t nstem;            /* stems asked for */
};

/* ---- characters ---------------------------------------------------- */

static inline int is_alpha(unsigned c) { return (c | 0x20) - 'a' < 26u; }
static inline int is_digit(unsigned c) { return c - '0' < 10u; }
static inline int is_alnum(unsigned c) { return is_alpha(c) || is_digit(c); }

/* c is one of set (never NUL, which strchr() would find in any set) */
static int in_set(unsigned c, const char *set)
{
    return c != 0 && strchr(set, (int)c) != NULL;
}

/* The kind of each byte: one load decides the fast path. Bytes of
 * non-ASCII characters are K_HIGH: decode, then ask utf8proc. */
#define S K_SEP
#define A K_ALPHA
#define D K_DIGIT
#define H K_HYPHEN
#define Q K_APOS
#define N K_NUMSEP
#define X K_HIGH
static const unsigned char byte_tab[256] = {
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, S, S, S, S, S, S, Q, S, S, S, S, N, H, N, S,
    D, D, D, D, D, D, D, D, D, D, S, S, S, S, S, S,
    S, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, S, S, S, S, S,
    S, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, S, S, S, S, S,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
};
#undef S
#undef A
#undef D
#undef H
#undef Q
#undef N
#undef X

static inline int ascii_kind(unsigned c) { return byte_tab[c & 0x7F]; }

/* Decode one UTF-8 sequence of s[0..n), n > 0. Returns its length, or 0 if
 * it is invalid (overlong, surrogate, out of range, cut short). */
static size_t utf8_dec(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    uint32_t v;

    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = (int32_t)(((c & 0x1Fu) << 6) | (s[1] & 0x3Fu));
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        v = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        if (v < 0x800 || (v >= 0xD800 && v < 0xE000))
            return 0;
        *cp = (int32_t)v;
        return 3;
    }
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80
        || (s[3] & 0xC0) != 0x80)
        return 0;
    v = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6)
        | (s[3] & 0x3Fu);
    if (v < 0x10000 || v > 0x10FFFF)
        return 0;
    *cp = (int32_t)v;
    return 4;
}

static int uni_kind(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x02BC: case 0x00B4:
        return K_APOS;
    case 0x2010: case 0x2011:
        return K_HYPHEN;
    case 0x00AD: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return K_IGN;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
        return K_ALPHA;
    case UTF8PROC_CATEGORY_ND:
        return K_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return K_IGN;
    default:
        return K_SEP;
    }
}

/* The kind of the character at s[i..n) and its length in *w (at least 1:
 * an invalid byte is a separator of length 1). */
static int kind_at(const unsigned char *s, size_t n, size_t i, size_t *w)
{
    int32_t cp;

    if (i >= n) {
        *w = 0;
        return K_SEP;
    }
    if (s[i] < 0x80) {
        *w = 1;
        return ascii_kind(s[i]);
    }
    *w = utf8_dec(s + i, n - i, &cp);
    if (!*w) {
        *w = 1;
        return K_SEP;
    }
    return uni_kind(cp);
}

static inline int is_word(int k) { return k == K_ALPHA || k == K_DIGIT; }

/* ---- folding ------------------------------------------------------- */

/* Append the fold of the non-ASCII word character cp to out[*fl..*lim).
 * The first character that does not fit sets *lim = *fl, so the form is
 * cut at a character boundary and nothing shorter slips in after it. */
static void fold_cp(int32_t cp, char *out, size_t *fl, size_t *lim)
{
    utf8proc_int32_t buf[32];
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t n, i, m;
    int bc = 0;

    n = utf8proc_decompose_char(cp, buf, 32, FOLD_OPTS, &bc);
    if (n < 0 || n > 32)
        return;
    for (i = 0; i < n; i++) {
        int32_t c = buf[i];
        if (c < 0x80) {
            /* compatibility forms may bring spaces or punctuation */
            if (!is_alnum((unsigned)c))
                continue;
            enc[0] = (utf8proc_uint8_t)(is_alpha((unsigned)c) ? c | 0x20 : c);
            m = 1;
        } else {
            if (!is_word(uni_kind(c)))
                continue;
            m = utf8proc_encode_char(c, enc);
        }
        if (m <= 0)
            continue;
        if (*fl + (size_t)m > *lim) {
            *lim = *fl;
            return;
        }
        memcpy(out + *fl, enc, (size_t)m);
        *fl += (size_t)m;
    }
}

/* Fold s[0..n) character by character into out (cap bytes with the NUL):
 * word characters folded, apostrophes and marks dropped, hyphens as '-',
 * other ASCII kept (lowercased), whitespace and other non-ASCII as one
 * space, invalid bytes skipped. Used for parts and for fmt_fold(). */
static size_t fold_span(const unsigned char *s, size_t n, char *out,
                        size_t cap)
{
    size_t i = 0, fl = 0, lim, w;
    int space = 0;
    int32_t cp;

    if (cap == 0)
        return 0;
    lim = cap - 1;
    while (i < n && fl < lim) {
        unsigned c = s[i];
        int k;
        if (c < 0x80) {
            w = 1;
            k = ascii_kind(c);
            if (c <= ' ' || c == 0x7F)
                k = K_SEP;
            else if (k == K_SEP || k == K_NUMSEP)
                k = -1;         /* other ASCII: kept as it is */
        } else {
            w = utf8_dec(s + i, n - i, &cp);
            if (!w) {
                i++;
                continue;
            }
            k = uni_kind(cp);
        }
        if (k == K_SEP) {
            space = fl > 0;
            i += w;
            continue;
        }
        if (k == K_APOS || k == K_IGN) {
            i += w;
            continue;
        }
        if (space) {
            out[fl++] = ' ';
            space = 0;
            if (fl >= lim)
                break;
        }
        if (c >= 0x80 && is_word(k))
            fold_cp(cp, out, &fl, &lim);
        else if (k == K_HYPHEN)
            out[fl++] = '-';
        else
            out[fl++] = (char)(is_alpha(c) ? c | 0x20 : c);
        i += w;
    }
    if (fl > 0 && out[fl - 1] == ' ')
        fl--;
    out[fl] = '\0';
    return fl;
}

/* Lowercase ASCII s[0..n) into out, cut to FMT_TOKMAX (URLs, addresses:
 * all ASCII, so every byte is a character boundary). */
static size_t fold_ascii(const unsigned char *s, size_t n, char *out)
{
    size_t i;

    if (n > FMT_TOKMAX)
        n = FMT_TOKMAX;
    for (i = 0; i < n; i++)
        out[i] = (char)(is_alpha(s[i]) ? s[i] | 0x20 : s[i]);
    out[n] = '\0';
    return n;
}

/* ---- addresses ----------------------------------------------------- */

static int ci_prefix(const unsigned char *s, size_t n, const char *pre)
{
    size_t i;

    for (i = 0; pre[i]; i++)
        if (i >= n || (is_alpha(s[i]) ? s[i] | 0x20 : s[i]) != (unsigned)pre[i])
            return 0;
    return 1;
}

/* Characters a URL runs over: printable ASCII but the ones that, in text
 * and Markdown, enclose it (<>, quotes, brackets, braces). */
static int url_char(unsigned c)
{
    if (c <= ' ' || c >= 0x7F)
        return 0;
    return !strchr("<>\"`{}|\\^[]", (int)c);
}

/* Trailing characters that end a sentence rather than an address; ')' only
 * when the address has no '(' to close. */
static size_t url_trim(const unsigned char *s, size_t start, size_t e)
{
    size_t i, open = 0, close = 0;

    for (i = start; i < e; i++) {
        open += s[i] == '(';
        close += s[i] == ')';
    }
    while (e > start) {
        unsigned c = s[e - 1];
        if (c == ')' && close > open) {
            close--;
        } else if (!in_set(c, ".,;:!?'*")) {
            break;
        }
        e--;
    }
    return e;
}

/* A web address starting at s[0]: its length (0 if none) and its host
 * name (without "www.") in *host. */
static size_t url_at(const unsigned char *s, size_t n, span *host)
{
    size_t i, pl, e, h, he;

    if (ci_prefix(s, n, "https://"))
        i = pl = 8;
    else if (ci_prefix(s, n, "http://"))
        i = pl = 7;
    else if (ci_prefix(s, n, "www."))
        i = 0, pl = 4;
    else
        return 0;
    for (e = pl; e < n && url_char(s[e]); e++)
        ;
    e = url_trim(s, i, e);
    if (e <= pl || !is_alnum(s[pl]))
        return 0;
    h = i;
    for (he = h; he < e && !in_set(s[he], "/?#:"); he++)
        ;
    if (he - h > 4 && ci_prefix(s + h, he - h, "www."))
        h += 4;
    host->off = (uint32_t)h;
    host->len = (uint32_t)(he - h);
    host->flags = FMT_TOK_URL | FMT_TOK_PART;
    return e;
}

/* An e-mail address starting at s[0]: its length, 0 if none. *stop is
 * where the look stopped, whatever the answer. */
static size_t email_at(const unsigned char *s, size_t n, span *host,
                       size_t *stop, int *limited)
{
    size_t i = 0, j, dot = 0;

    *limited = 0;
    while (i < n && i < LOCALMAX && (is_alnum(s[i]) || in_set(s[i], "._%+-")))
        i++;
    *stop = i;
    if (i == LOCALMAX)
        *limited = 1;
    if (i == 0 || i >= n || s[i] != '@')
        return 0;
    for (j = i + 1; j < n && j - i <= HOSTMAX
         && (is_alnum(s[j]) || s[j] == '-' || s[j] == '.'); j++) {
        if (s[j] == '.' && (s[j - 1] == '.' || s[j - 1] == '@'))
            break;
    }
    while (j > i + 1 && !is_alnum(s[j - 1]))
        j--;
    for (size_t k = i + 1; k < j; k++)
        dot |= s[k] == '.';
    *stop = i + 1;
    if (!dot || j <= i + 1 || !is_alnum(s[i + 1]))
        return 0;
    host->off = (uint32_t)(i + 1);
    host->len = (uint32_t)(j - i - 1);
    host->flags = FMT_TOK_URL | FMT_TOK_PART;
    return j;
}

/* ---- the tokenizer ------------------------------------------------- */

fmt_tokenizer *fmt_tok_new(void)
{
    fmt_tokenizer *t = calloc(1, sizeof *t);

    if (!t)
        return NULL;
    t->stemmer = sb_stemmer_new("dutch", "UTF_8");
    if (!t->stemmer) {
        free(t);
        return NULL;
    }
    return t;
}

void fmt_tok_free(fmt_tokenizer *t)
{
    if (!t)
        return;
    sb_stemmer_delete(t->stemmer);
    free(t->cache);
    free(t);
}

void fmt_tok_start(fmt_tokenizer *t, const char *text, size_t len)
{
    t->s = (const unsigned char *)text;
    /* offsets are 32-bit: a longer text is read up to 4 GB */
    t->len = text ? (len > UINT32_MAX ? UINT32_MAX : len) : 0;
    t->p = 0;
    t->pos = 0;
    t->noemail = 0;
    t->npart = t->ipart = 0;
}

/* A Markdown footnote marker "^{3 4}" at s[p]: its length, else 0. Its
 * numbers are no words of the text. */
static size_t marker_at(const unsigned char *s, size_t n, size_t p)
{
    size_t q;

    if (p + 2 >= n || s[p + 1] != '{')
        return 0;
    for (q = p + 2; q < n && q - p < 32; q++)
        if (!is_digit(s[q]) && s[q] != ' ' && s[q] != ',')
            break;
    return q < n && s[q] == '}' ? q + 1 - p : 0;
}

/* Move t->p to the first word character; 0 at the end of the text. */
static int skip_to_word(fmt_tokenizer *t)
{
    const unsigned char *s = t->s;
    size_t p = t->p, n = t->len, w;

    while (p < n) {
        if (s[p] < 0x80) {
            if (is_word(byte_tab[s[p]]))
                break;
            w = s[p] == '^' ? marker_at(s, n, p) : 0;
            p += w ? w : 1;
        } else {
            if (is_word(kind_at(s, n, p, &w)))
                break;
            p += w;
        }
    }
    t->p = p;
    return p < n;
}

static void add_part(fmt_tokenizer *t, size_t off, size_t len, int flags)
{
    if (t->npart < MAXPARTS && len > 0) {
        t->parts[t->npart].off = (uint32_t)off;
        t->parts[t->npart].len = (uint32_t)len;
        t->parts[t->npart].flags = flags;
        t->npart++;
    }
}

/* The token at t->p is an address [t->p, t->p + len) with host part h
 * (relative to t->p). */
static void take_address(fmt_tokenizer *t, fmt_token *out, size_t len,
                         span h)
{
    size_t start = t->p;

    out->off = (uint32_t)start;
    out->len = (uint32_t)len;
    out->flags = FMT_TOK_URL;
    out->foldlen = fold_ascii(t->s + start, len, out->fold);
    t->npart = t->ipart = 0;
    if (h.len > 0 && h.len < len)
        add_part(t, start + h.off, h.len, h.flags);
    /* Every word of the address is findable too ("politiek" in
     * .../nieuws/politiek/artikel/...), as a part at the same position. */
    const unsigned char *s = t->s + start;
    for (size_t i = 0; i < len;) {
        while (i < len && s[i] < 0x80 && !is_alnum(s[i]))
            i++;
        size_t b = i, digits = 1;
        while (i < len && (s[i] >= 0x80 || is_alnum(s[i]))) {
            digits &= is_digit(s[i]);
            i++;
        }
        if (i > b)
            add_part(t, start + b, i - b,
                     FMT_TOK_PART | (digits ? FMT_TOK_NUMBER : 0));
    }
    t->p = start + len;
}

/* After a word stopped at s[p]: is it the start of an e-mail address? The
 * look is bounded; a failure remembers how far it saw, so the words of
 * "a.b.c.d..." are not looked at again and again. */
static int try_email(fmt_tokenizer *t, fmt_token *out, size_t p)
{
    size_t start = t->p, stop, e;
    int limited;
    span h;

    if (p >= t->len || p < t->noemail)
        return 0;
    switch (t->s[p]) {
    case '@': case '.': case '_': case '%': case '+': case '-':
        break;
    default:
        return 0;       /* the usual case: a space */
    }
    e = email_at(t->s + start, t->len - start, &h, &stop, &limited);
    if (!e) {
        if (!limited)
            t->noemail = start + stop;
        return 0;
    }
    take_address(t, out, e, h);
    return 1;
}

/* Copy the ASCII letters and digits s[0..m) lowercased into the fold
 * (digits have bit 0x20 set already, so one OR serves both). */
static inline void put_ascii(const unsigned char *s, size_t m, char *f,
                             size_t *fl, size_t lim)
{
    size_t i;

    if (m > lim - *fl)
        m = lim - *fl;
    for (i = 0; i < m; i++)
        f[*fl + i] = (char)(s[i] | 0x20);
    *fl += m;
}

/* Scan the word starting at t->p (a word character) into out, folding as
 * it goes; compounds leave their parts in t->parts. */
static void scan_word(fmt_tokenizer *t, fmt_token *out)
{
    const unsigned char *s = t->s;
    size_t n = t->len, start = t->p, p = start, q, seg = start, fl = 0;
    size_t lim = FMT_TOKMAX, w, w2;
    unsigned k, last = K_SEP, seen = 0, alpha = 0;
    int hyphen = 0, i, next;
    char *f = out->fold;
    int32_t cp = 0;

    t->npart = t->ipart = 0;
    for (;;) {
        /* the fast path: a run of ASCII letters and digits */
        for (q = p; q < n && (k = byte_tab[s[q]]) - 1u < 2u; q++)
            seen |= k;
        if (q > p) {
            put_ascii(s + p, q - p, f, &fl, lim);
            last = byte_tab[s[q - 1]];
            p = q;
        }
        if (p >= n)
            break;
        k = byte_tab[s[p]];
        w = 1;
        if (k == K_HIGH) {
            w = utf8_dec(s + p, n - p, &cp);
            if (!w)
                break;
            k = (unsigned)uni_kind(cp);
            if (is_word((int)k)) {
                fold_cp(cp, f, &fl, &lim);
                last = k;
                seen |= k;
                p += w;
                continue;
            }
            if (k == K_IGN) {
                p += w;
                continue;
            }
        }
        if (k == K_SEP)
            break;
        /* a joiner holds only with a word character after it */
        next = kind_at(s, n, p + w, &w2);
        if (k == K_HYPHEN && is_word(next)) {
            add_part(t, seg, p - seg, (seen & K_ALPHA) ? 0 : FMT_TOK_NUMBER);
            alpha |= seen;
            seen = 0;
            hyphen = 1;
            if (fl < lim)
                f[fl++] = '-';
            seg = p + w;
        } else if (k == K_APOS && last == K_ALPHA && is_word(next)) {
            /* dropped */
        } else if (k == K_NUMSEP && last == K_DIGIT && next == K_DIGIT) {
            if (fl < lim)
                f[fl++] = (char)s[p];
        } else {
            break;
        }
        p += w;
    }
    alpha |= seen;
    if (hyphen)
        add_part(t, seg, p - seg, (seen & K_ALPHA) ? 0 : FMT_TOK_NUMBER);
    else
        t->npart = 0;
    for (i = 0; i < t->npart; i++)
        t->parts[i].flags |= FMT_TOK_PART;
    f[fl] = '\0';
    out->foldlen = fl;
    out->off = (uint32_t)start;
    out->len = (uint32_t)(p - start);
    out->flags = (alpha & K_ALPHA) ? 0 : FMT_TOK_NUMBER;
    if (!try_email(t, out, p))
        t->p = p;
}

/* The next pending part into out; 0 if it folds to nothing. */
static int take_part(fmt_tokenizer *t, fmt_token *out)
{
    span *sp = &t->parts[t->ipart++];

    out->off = sp->off;
    out->len = sp->len;
    out->pos = t->partpos;
    out->flags = sp->flags;
    out->foldlen = fold_span(t->s + sp->off, sp->len, out->fold,
                             sizeof out->fold);
    return out->foldlen > 0;
}

int fmt_tok_next(fmt_tokenizer *t, fmt_token *out)
{
    size_t e;
    span h;

    for (;;) {
        if (t->ipart < t->npart) {
            if (take_part(t, out))
                return 1;
            continue;
        }
        if (!skip_to_word(t))
            return 0;
        e = 0;
        if (((t->s[t->p] | 0x20) == 'h' || (t->s[t->p] | 0x20) == 'w'))
            e = url_at(t->s + t->p, t->len - t->p, &h);
        if (e)
            take_address(t, out, e, h);
        else
            scan_word(t, out);
        if (out->foldlen == 0) {
            t->npart = t->ipart = 0;
            continue;
        }
        out->pos = t->partpos = t->pos++;
        return 1;
    }
}

size_t fmt_fold(fmt_tokenizer *t, const char *s, size_t len, char *out,
                size_t cap)
{
    (void)t;
    if (!s) {
        if (cap)
            out[0] = '\0';
        return 0;
    }
    return fold_span((const unsigned char *)s, len, out, cap);
}

/* ---- stemming ------------------------------------------------------ */

/* Copy s[0..n) into out (cap bytes with the NUL), cut at a UTF-8
 * character boundary. */
static size_t copy_cut(const char *s, size_t n, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    if (n > cap - 1) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memmove(out, s, n);
    out[n] = '\0';
    return n;
}

/* Numbers, addresses and compounds are kept as they are: Snowball would
 * only damage them ("covid-19", "2.116", "rtlnieuws.nl"). 1 when s[0..n)
 * is a plain word, with its hash in *h (one pass for both). */
static int stemmable(const char *s, size_t n, uint32_t *h)
{
    uint32_t x = 2166136261u;
    size_t i;

    if (n == 0 || n > STEMMAX)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (c < 0x80 && !is_alpha(c))
            return 0;
        x = (x ^ c) * 16777619u;
    }
    *h = x;
    return 1;
}

/* Snowball's stem of fold[0..len) (hash h), through the cache; NULL when
 * out of memory. *slen is its length. */
static const char *stem_word(fmt_tokenizer *t, const char *fold, size_t len,
                             uint32_t h, size_t *slen)
{
    stem_slot *e = NULL;
    const sb_symbol *r;

    if (len <= CACHEWORD) {
        if (!t->cache && ++t->nstem > CACHEAFTER)
            t->cache = calloc(2 * CACHESETS, sizeof *t->cache);
        if (t->cache) {
            e = &t->cache[2 * (h & (CACHESETS - 1))];
            if (e[0].wlen == len && memcmp(e[0].word, fold, len) == 0) {
                *slen = e[0].slen;
                return e[0].stem;
            }
            if (e[1].wlen == len && memcmp(e[1].word, fold, len) == 0) {
                *slen = e[1].slen;
                return e[1].stem;
            }
        }
    }
    r = sb_stemmer_stem(t->stemmer, (const sb_symbol *)fold, (int)len);
    if (!r)
        return NULL;
    *slen = (size_t)sb_stemmer_length(t->stemmer);
    if (e && *slen <= CACHEWORD) {
        e[1] = e[0];
        e->wlen = (unsigned char)len;
        e->slen = (unsigned char)*slen;
        memcpy(e->word, fold, len);
        memcpy(e->stem, r, *slen);
    }
    return (const char *)r;
}

size_t fmt_stem(fmt_tokenizer *t, const char *fold, size_t len, char *out,
                size_t cap)
{
    const char *r;
    size_t n;
    uint32_t h;

    if (!fold)
        return copy_cut("", 0, out, cap);
    if (!t || !t->stemmer || !stemmable(fold, len, &h))
        return copy_cut(fold, len, out, cap);
    r = stem_word(t, fold, len, h, &n);
    if (!r)
        return copy_cut(fold, len, out, cap);
    return copy_cut(r, n, out, cap);
}
