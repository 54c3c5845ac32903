/* token.h - the tokenizer and normaliser shared by indexing and querying.
 *
 * Text (UTF-8, possibly invalid) is cut into tokens. Each token has a
 * folded form (NFC, Unicode case folding, diacritics removed: "Geïnstalleerd"
 * -> "geinstalleerd") which is what the index stores, and a stem of that
 * folded form from the Dutch Snowball stemmer ("scanners" -> "scanner"),
 * which is how inflected forms find each other at query time.
 *
 * Tokens people type as one stay one: F-35, Fox-IT, 's-Gravenhage, D66 and
 * D'66 (both "d66"), 2022Z01227, COVID-19, 2.116, 6,8, e-mail and web
 * addresses. A compound with a hyphen is also split into its parts, which
 * are given the same position (flag FMT_TOK_PART), so "fox" finds "Fox-IT".
 *
 * Invalid UTF-8 never stops the tokenizer: bad bytes are skipped.
 */
#ifndef VB_TOKEN_H
#define VB_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define FMT_TOKMAX 120   /* folded/stemmed forms are cut to this many bytes
                            (at a character boundary) */

enum {
    FMT_TOK_PART = 1,    /* a part of the compound at the same position */
    FMT_TOK_NUMBER = 2,  /* digits (with . , inside) */
    FMT_TOK_URL = 4      /* a web or e-mail address */
};

typedef struct {
    uint32_t off, len;   /* the token's bytes in the input */
    uint32_t pos;        /* position: 0, 1, 2, ... (parts share one) */
    int flags;
    char fold[FMT_TOKMAX + 1];  /* folded form, NUL-terminated */
    size_t foldlen;
} fmt_token;

typedef struct fmt_tokenizer fmt_tokenizer;

/* Create a tokenizer (owns a Snowball stemmer). NULL when out of memory.
 * One tokenizer per thread. */
fmt_tokenizer *fmt_tok_new(void);
void fmt_tok_free(fmt_tokenizer *t);

/* Start tokenizing text (not copied: it must outlive the iteration). */
void fmt_tok_start(fmt_tokenizer *t, const char *text, size_t len);

/* Next token into *out: 1 when there is one, 0 at the end. */
int fmt_tok_next(fmt_tokenizer *t, fmt_token *out);

/* Fold one word or phrase as the tokenizer would fold a token (no cutting
 * into tokens): into out (cap bytes, NUL-terminated). Returns the length. */
size_t fmt_fold(fmt_tokenizer *t, const char *s, size_t len, char *out,
                size_t cap);

/* Stem a folded form (Dutch Snowball) into out (cap bytes, NUL-terminated).
 * Numbers, URLs and compounds with a hyphen or digit are returned as they
 * are. Returns the length. */
size_t fmt_stem(fmt_tokenizer *t, const char *fold, size_t len, char *out,
                size_t cap);

#endif
