/* worker.h - searching on a thread of its own, so typing never waits.
 *
 * The worker opens its own handles on the archives (handles are not shared
 * between threads) and serves one request at a time. A new request
 * replaces any waiting one and cancels the running one through the cancel
 * flag of fmt_search_opts, so a slow query is abandoned at the next
 * keystroke. Finished results wait in a queue; the worker calls notify()
 * (from its thread) after queueing each one, and app.c turns that into
 * an SDL event so the view picks them up in the event loop.
 *
 * A request with first set is answered in two parts: the first screenful
 * of hits (with the facets), then the rest of the page at its offset, so
 * the snippets nobody sees yet do not delay the ones on screen.
 *
 * After a request with stats set, the worker goes on (when nothing else
 * waits) to count answer times over all hits, and queues a further result
 * of type WK_STATS for the same generation.
 *
 * The worker gives its archive pages back as it goes (vmem.h).
 *
 * No SDL here: tests drive the worker directly and wait with wk_wait().
 */
#ifndef VB_WORKER_H
#define VB_WORKER_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "search.h"

#define WK_QUERY_MAX 512
#define WK_ARCH_MAX 32    /* archives (and parts) searched as one library */
#define WK_HL_MAX 24
#define WK_FACET_MAX 24
#define WK_SUGGEST_MAX 8      /* suggestions sent with a typing result */
#define WK_STATS_MAX 200000   /* hits looked at for answer-time statistics */
#define WK_STATS_SAMPLE 1000  /* of which at most this many are read, in
                                 short runs spread evenly: the median of a
                                 thousand is as good, and reading every
                                 summary would page in much of the archive */

/* WK_CHECK: the background check of archive `offset` of the library
 * (its content against its stored SHA-256, done between searches): err
 * FMT_OK, FMT_CORRUPT or FMT_IO, msg saying what, didyoumean holding the
 * checksum computed. One for each archive, once, after start. */
/* WK_SUGGEST: the suggestions (sugg) for a typing request, sent after
 * its first results. */
enum { WK_RESULTS = 1, WK_STATS = 2, WK_CHECK = 3, WK_SUGGEST = 4 };

typedef struct {
    uint64_t gen;             /* the caller's query generation */
    char query[WK_QUERY_MAX];
    int sort;                 /* FMT_SORT_RANK, _DATE (newest) or _OLD */
    int cases;                /* one hit per case (fmt_search_opts.cases),
                                 each row filled in from the whole case */
    int typing;               /* the query is being typed: its last word is
                                 a prefix too (FMT_QUERY_TYPING), and
                                 suggestions for it come with the result */
    size_t offset, limit;
    size_t first;             /* send this many hits ahead (a screenful),
                                 the rest of the page as a second result;
                                 0: all at once */
    int facets;               /* facets, months and "did you mean" too */
    int snippets;             /* a snippet for each hit */
    size_t snippet_len;
    int stats;                /* answer-time statistics afterwards */
} wk_req;

typedef struct {
    uint32_t docno;
    int arch;                 /* which archive of the library */
    int kind, status, answer_days;
    int32_t date;
    char *id, *zaak, *subject, *members, *parties, *addressees;
    /* A case row (wk_req.cases): the case as a whole, from all its
     * documents in the library: asked and answered dates (0: not known or
     * not here), the kinds it holds and those that matched (bits 1 <<
     * enum fmt_kind), how many documents matched, and damaged set when a
     * document of it could not be read. */
    int32_t asked, answered;
    uint8_t kinds_held, kinds_matched;
    uint32_t matched;
    int damaged;
    char *snippet;            /* NULL without snippets */
    fmt_span hl[WK_HL_MAX];   /* matched words in snippet */
    size_t nhl;
} wk_hit;

typedef struct {
    char *value;
    uint32_t count;
} wk_facet;

typedef struct wk_result {
    int type;                 /* WK_RESULTS or WK_STATS */
    uint64_t gen;
    size_t offset;            /* of the first hit */
    int err;                  /* FMT_OK or what went wrong */
    char msg[256];            /* the error, for a person */
    size_t errpos;            /* where in the query (FMT_INVALID) */
    size_t total, count;      /* total: documents among all hits */
    size_t cases;             /* cases among all hits (total without cases) */
    size_t skipped;           /* damaged index entries left out */
    int more;                 /* the rest of this page follows */
    /* wk_req.typing: what the word being typed may become: words,
     * names and case numbers (fmt_suggest, fmt_suggest_names), and
     * "word*" for a finished word found only inside longer words */
    fmt_suggestion sugg[WK_SUGGEST_MAX];
    size_t nsugg;
    int32_t newest;           /* the library's newest document date */
    wk_hit *hits;
    wk_facet *facets[FMT_NFACETS];
    size_t nfacets[FMT_NFACETS];
    int32_t *months;          /* yyyymm ascending */
    uint32_t *mcounts;
    size_t nmonths;
    char didyoumean[256];     /* "" when none */
    /* WK_STATS: over the distinct cases among the hits (or among an
     * evenly spread sample of them: st_sampled, and the counts are then
     * scaled to all hits) */
    size_t st_cases, st_answered, st_within, st_open, st_withdrawn;
    int st_median;            /* days; -1 when nothing was answered */
    int st_sampled;
    struct wk_result *next;
} wk_result;

typedef struct wk wk;

/* Start a worker on the n archives at paths (at most WK_ARCH_MAX), searched
 * as one library (fmt_library: one ranked list, each document once, from
 * the newest edition). notify may be NULL. Returns NULL (with a message in
 * err) when an archive cannot be opened or memory or a thread is not
 * available. */
wk *wk_start(const char *const *paths, size_t n, void (*notify)(void *ctx), void *ctx,
             char *err, size_t errlen);
/* Check every archive's content in the background (WK_CHECK results);
 * call once after wk_start. Searches always go first. */
void wk_check(wk *w);
/* Archive k's content is known to match its checksum already (a new
 * edition checked by wk_verify before it was opened): wk_check leaves it
 * out. Call before wk_check. */
void wk_known(wk *w, size_t k);

/* Check the files of an archive that is not open yet (a new edition in a
 * followed folder; a split archive's parts, part 1 first) in the
 * background, each against its own checksum trailer: after searches,
 * statistics and the wk_check, a step at a time, so typing never waits.
 * A new request replaces one waiting or running. notify is called when it
 * is done; wk_verified() then gives the answer once: tag as given, err
 * FMT_OK when every file matches its checksum, else what fmt_open() or
 * the check said (msg names the file). The worker counts as busy
 * (wk_busy, wk_wait) until the answer is taken. */
void wk_verify(wk *w, const char *const *paths, size_t n, uint64_t tag);
int wk_verified(wk *w, uint64_t *tag, int *err, char *msg, size_t cap);

/* Stop the thread, drop pending results, free everything. NULL is fine. */
void wk_stop(wk *w);

/* Queue a request (copied), replacing a waiting one and cancelling a
 * running one. */
void wk_submit(wk *w, const wk_req *r);
/* The oldest finished result, or NULL. The caller frees it. */
wk_result *wk_take(wk *w);
void wk_result_free(wk_result *r);
/* 1 while a request waits, runs, or has results not yet taken. */
int wk_busy(wk *w);
/* Block until the worker is idle (no request waiting or running, stats
 * included) or ms milliseconds passed; returns 1 when idle. For tests and
 * the script runner. */
int wk_wait(wk *w, int ms);

#endif
