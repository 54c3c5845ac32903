/* search.h - full-text search in a library of archives: queries, ranked
 * hits, snippets, facets and suggestions.
 *
 * Query language (words are folded and stemmed like the index, see token.h):
 *
 *   douanescanner nuctech       all words (AND)
 *   nuctech OR dynaxion         either (also |, and Dutch OF)
 *   scanner -schiphol           exclusion (also NOT, NIET schiphol)
 *   a AND b                     both, as a b (also EN)
 *   "gelijk speelveld"          phrase: exact (unstemmed) words, in order
 *   aanbested*                  prefix
 *   partij:CDA lid:Palland aan:Justitie soort:vraag|antwoord|mededeling
 *   jaar:2022 datum:2022-01..2022-03 nummer:2022Z01227
 *   status:open|beantwoord|laat|ingetrokken
 *   ( ... )                     grouping
 *
 * English field names work too (party:, member:, to:, kind:, year:, date:,
 * number:, status:).
 */
#ifndef VB_SEARCH_H
#define VB_SEARCH_H

#include "format.h"

typedef struct fmt_query fmt_query;

/* Parse a query. On success *qp is a query the caller frees with
 * fmt_query_free(). On a malformed query returns FMT_INVALID, *qp is NULL,
 * err gets a message and *errpos the byte offset where it went wrong.
 * Bounded: at most FMT_QUERY_MAXTERMS terms and FMT_QUERY_MAXDEPTH nesting,
 * beyond which the result is FMT_LIMIT with a message. */
#define FMT_QUERY_MAXTERMS 256
#define FMT_QUERY_MAXDEPTH 32
int fmt_query_parse(fmt_query **qp, const char *text, char *err,
                    size_t errlen, size_t *errpos);
/* The same with flags: FMT_QUERY_TYPING for a query still being typed,
 * where the word the text ends in (no space after it yet) also matches
 * every word it begins, from three letters on ("nuc" finds nuctech; the
 * word itself ranks first). */
#define FMT_QUERY_TYPING 1
int fmt_query_parse_flags(fmt_query **qp, const char *text, int flags,
                          char *err, size_t errlen, size_t *errpos);
void fmt_query_free(fmt_query *q);

/* Best first; newest first; oldest first. */
enum { FMT_SORT_RANK = 0, FMT_SORT_DATE = 1, FMT_SORT_OLD = 2 };

enum fmt_facet {
    FMT_FACET_PARTY, FMT_FACET_MEMBER, FMT_FACET_ADDRESSEE, FMT_FACET_YEAR,
    FMT_FACET_KIND, FMT_FACET_STATUS, FMT_NFACETS
};
/* "party", "member", ... and the Dutch query field for each ("partij"...) */
const char *fmt_facet_name(int facet);
const char *fmt_facet_field(int facet);

typedef struct {
    int sort;              /* FMT_SORT_RANK or FMT_SORT_DATE */
    size_t offset, limit;  /* the page of hits to return; limit 0: 20 */
    int facets;            /* also count facets over all hits */
    /* Checked between steps: when *cancel becomes non-zero the search
     * stops with FMT_LIMIT. May be NULL. */
    volatile int *cancel;
    /* List cases, not documents: each case (zaak) once, by its best
     * document (by date: its newest, or oldest), the facets and months
     * counting each case once; fmt_results_cases() counts them. */
    int cases;
} fmt_search_opts;

typedef struct {
    const char *value;     /* "CDA", "2022", "question", "open", ... */
    uint32_t count;
    uint64_t order;        /* equal counts: lower first (the year, the kind,
                              or the order the value was first met in) */
} fmt_facet_count;

/* ---- a library: several archives searched as one (library.c) ----------
 * The programs search through a library, even of one archive: the search
 * of a single archive is the library's own (internal.h). */

typedef struct fmt_library fmt_library;
typedef struct fmt_lresults fmt_lresults;

typedef struct {
    uint32_t arch;         /* index in the list the library was opened on */
    uint32_t docno;
    double score;
    uint32_t matched;      /* cases: its documents among the hits; else 1 */
    uint8_t kinds;         /* cases: 1 << kind of each of them; else 0 */
} fmt_lhit;

/* A library of the n open archives a[] (still the caller's, to close after
 * the library). A document held by several counts once, from the newest:
 * the later created date, then the higher edition number, then the later
 * in a[]. Reads every archive's ids once. On failure msg says why. */
int fmt_library_open(fmt_library **lp, fmt_archive *const *a, size_t n,
                     char *msg, size_t msglen);
/* 1 when an archive described by x, given at position xi of a library,
 * is a newer edition than one described by y at yi (the rule above). */
int fmt_newer(const fmt_info *x, size_t xi, const fmt_info *y, size_t yi);
void fmt_library_close(fmt_library *l);

/* Run q on every archive and merge: the page o asks for of one ranked list
 * (by score, ties newest first; or by date), the total, and with
 * o->facets the facets and months summed. On
 * failure *failed (if not NULL) is the archive to ask fmt_errmsg(). */
int fmt_library_search(fmt_library *l, const fmt_query *q,
                       const fmt_search_opts *o, fmt_lresults **rp,
                       size_t *failed);
void fmt_lresults_free(fmt_lresults *r);
size_t fmt_lresults_total(const fmt_lresults *r);
/* Cases among all hits (o->cases: a case whose documents lie in several
 * archives counts once); else the hits. */
size_t fmt_lresults_cases(const fmt_lresults *r);
/* Damaged index entries left out, over all archives, and the first's
 * message: a damaged word is left out, and the search answers from the
 * rest; 0 and "". */
size_t fmt_lresults_skipped(const fmt_lresults *r, const char **msg);
const fmt_lhit *fmt_lresults_hits(const fmt_lresults *r, size_t *n);
const fmt_facet_count *fmt_lresults_facet(const fmt_lresults *r, int facet,
                                          size_t *n);
size_t fmt_lresults_months(const fmt_lresults *r, const int32_t **months,
                           const uint32_t **counts);

/* The snippet of a hit: the best passage of the document for the query,
 * at most about maxlen bytes of display text (fmt_span_text style: layout
 * flattened), and the byte ranges in it of the matched words. */
#define FMT_SNIP_HL 32
typedef struct {
    fmt_buf text;
    fmt_span hl[FMT_SNIP_HL];  /* the matched words in text */
    size_t nhl;
    int rc;                    /* FMT_OK, or why this one failed: */
    char err[320];             /* ... its message */
} fmt_snip;

/* The snippets of n hits, hits[i] (document docno of archive
 * archives[arch], as a library search gives them) into out[i] (out
 * zeroed before the first use, freed with fmt_snips_free), on two threads
 * when there are several and the archives allow it (a page of results is
 * mostly inflating records, which a second core halves: see
 * fmt_snippets_start). Returns the number that failed. */
size_t fmt_snippets(fmt_archive *const *archives, const fmt_lhit *hits,
                    size_t n, const fmt_query *q, size_t maxlen,
                    fmt_snip *out);
void fmt_snips_free(fmt_snip *s, size_t n);
/* Start the helper thread of fmt_snippets for this process: it sleeps
 * between pages and takes half of each (a thread made per page would cost
 * more than it saves). The library starts no thread by itself: without
 * this call fmt_snippets works on the caller's thread alone, with the
 * same results. Later calls do nothing. FMT_OK, or FMT_NOMEM when no
 * thread could be made (fmt_snippets then works alone). */
int fmt_snippets_start(void);

/* Ranges in text (len bytes) of the words that q matches: for highlighting
 * in a document being read. */
size_t fmt_query_matches(fmt_archive *a, const fmt_query *q, const char *text,
                         size_t len, fmt_span *hl, size_t hlcap);

/* Completions of what is being typed: index words starting with prefix
 * (folded first), most frequent first, into words[] (each a malloc'd
 * string the caller frees), at most cap. *n set. */
int fmt_suggest(fmt_archive *a, const char *prefix, char **words,
                size_t cap, size_t *n);

/* Names and case numbers for what is being typed: members, parties and
 * addressees with a word of their name starting with prefix (folded; at
 * least 2 letters), most documents first, or, when prefix is the start of
 * case numbers (2022Z01), those cases, newest first. At most cap into
 * out; *n set. Word completions are fmt_suggest's. */
enum {
    FMT_SUGGEST_WORD, FMT_SUGGEST_MEMBER, FMT_SUGGEST_PARTY,
    FMT_SUGGEST_ADDRESSEE, FMT_SUGGEST_ZAAK
};
typedef struct {
    int kind;              /* FMT_SUGGEST_* */
    char text[160];        /* the name or number as the archive has it */
    uint32_t count;        /* its documents */
} fmt_suggestion;
int fmt_suggest_names(fmt_archive *a, const char *prefix, fmt_suggestion *out,
                      size_t cap, size_t *n);

/* "Did you mean": a rewritten query for a query with no hits, the words
 * replaced by close index words (edit distance, weighted by document
 * frequency), into out. FMT_NOTFOUND when nothing better is known. */
int fmt_didyoumean(fmt_archive *a, const char *query, fmt_buf *out);

#endif
