/* tdict.h - the term dictionary (tdict.c): the indexed words with their
 * document counts and lists, and the words sharing a stem, for every format
 * (2-5: one LMDB entry per word and per stem/word pair; 6: blocks; 7: the
 * blocks deflated). */
#ifndef VB_TDICT_H
#define VB_TDICT_H

#include "internal.h"

/* Format 6 sizes, chosen so that LMDB packs every entry into leaf pages
 * without slack: an entry of at most TDICT_BUDGET bytes of key and value
 * takes at most half of a 4 KB page (LMDB: node header 8, pointer 2,
 * node maximum 2038), so two always share a page; a heap segment of
 * TDICT_SEG bytes under its 4-byte key fills exactly half a page. */
#define TDICT_BUDGET 2030
#define TDICT_SEG 2026
#define TDICT_INLINE 320 /* values up to this size stay in their block */
#define TDICT_MAXN 128   /* entries a block */
/* Format 7: a block's bytes inflated, at most (the writer cuts blocks so,
 * a reader refuses more; an iterator holds one block inflated), and its
 * entries: deflated, 128 short entries (stems, rare words) took half the
 * budget; 512 is more than the budget leaves room for. */
#define TDICT_RAWMAX 16384
#define TDICT_MAXN7 512

/* One term, as an iterator stands on it. */
typedef struct {
    fmt_archive *a;
    MDB_cursor *cur;
    int v6;
    /* format 6: the block being read */
    const unsigned char *bp, *bend;
    uint32_t left;
    /* the term */
    char word[FMT_TOKMAX + 1];
    size_t wlen;
    uint32_t df;
    int ext;                     /* 6: its lists are in the heap */
    uint64_t hoff;               /* 6, ext: where */
    const unsigned char *post, *pos; /* in the map or raw (not ext) */
    size_t plen, poslen;
    /* format 7: the block inflated into raw (last, so that seek need not
     * clear it); its sizes stored and inflated (sizes.c) */
    int v7;
    size_t pofs;                 /* 7, not ext: the lists' offset in raw */
    size_t bstored, braw;
    unsigned char raw[TDICT_RAWMAX];
} tdict_iter;

/* Stand on the first term >= key (kl 0: the first). FMT_OK, FMT_NOTFOUND
 * (none), FMT_CORRUPT (a->err set). tdict_close after either. */
int tdict_seek(fmt_archive *a, tdict_iter *it, const char *key, size_t kl);
/* In a blocked db (terms, stems, format 7's ids) through cursor c: the
 * block holding key, the last whose first key is <= key (kl 0: the
 * first), into *k and *v; not blocked (one entry a key, older formats):
 * the first entry >= key. LMDB's code (0, MDB_NOTFOUND when none, or an
 * error); *astray when a damaged tree put the cursor out of order. */
int tdict_block_seek(fmt_archive *a, MDB_cursor *c, int blocked,
                     const char *key, size_t kl, MDB_val *k, MDB_val *v,
                     int *astray);
/* The next term: FMT_OK, FMT_NOTFOUND at the end, FMT_CORRUPT. */
int tdict_next(tdict_iter *it);
void tdict_close(tdict_iter *it);
/* Exactly word w: FMT_OK (it stands on it), FMT_NOTFOUND, FMT_CORRUPT.
 * The iterator is closed again, only its fields are kept. */
int tdict_lookup(fmt_archive *a, const char *w, size_t n, tdict_iter *it);
/* The postings (want 0) or positions (1) bytes of the term it stands on:
 * in the map, or gathered from the heap into buf; format 7's inline lists
 * are copied into buf (they are in the iterator, which may be gone when
 * the caller reads them). */
int tdict_bytes(const tdict_iter *it, int want, fmt_buf *buf,
                const unsigned char **p, size_t *n);

/* Call fn(ctx, word, len) for each word whose stem is stem (other than the
 * stem itself). Stops at fn's first non-zero return, which it returns. */
int tdict_stem_words(fmt_archive *a, const char *stem, size_t sl,
                     int (*fn)(void *ctx, const char *w, size_t wl), void *ctx);

/* A terms or stems block as stored in v: format 6's value is the block;
 * format 7's is inflated into raw (TDICT_RAWMAX bytes). *p, *end: the
 * block's bytes. FMT_OK, FMT_NOMEM, or FMT_CORRUPT (a->err not set: the
 * caller names the block). */
int tdict_block_open(fmt_archive *a, const MDB_val *v,
                     unsigned char *raw, const unsigned char **p,
                     const unsigned char **end);

/* Every entry of a format 6 or 7 blocked db (terms or stems), in order: start
 * stands on the first; FMT_OK, FMT_NOTFOUND (no more), FMT_CORRUPT. */
typedef struct {
    fmt_archive *a;
    MDB_cursor *cur;
    const unsigned char *bp, *bend;
    uint32_t left;
    int first;
    char key[FMT_TOKMAX + 1];
    size_t kl;
    const unsigned char *pay;
    size_t pl;
    unsigned char raw[TDICT_RAWMAX]; /* format 7: the block inflated */
} tdict_scan;
int tdict_scan_start(fmt_archive *a, MDB_dbi dbi, tdict_scan *s);
int tdict_scan_next(tdict_scan *s);
void tdict_scan_end(tdict_scan *s);
/* A stem's payload: fn for each word (fn NULL: only checked). 0, -1 when
 * damaged, or fn's non-zero return. */
int tdict_stem_decode(const unsigned char *p, size_t n, const char *stem,
                      size_t sl, int (*fn)(void *ctx, const char *w, size_t wl),
                      void *ctx);

/* verify: every block, term and stem entry of format 6, each list decoded
 * (terms from 'from' to before first byte 'to', 0: to the end; stems when
 * stems). Calls bad(ctx, message) for each damage found. FMT_NOMEM or
 * FMT_OK. */
int tdict_check(fmt_archive *a, const char *from, unsigned char to, int stems,
                void (*bad)(void *ctx, const char *msg), void *ctx);

/* ---- pairs of common words ------------------------------------------------
 * A phrase of two common words ("van de", "bent u") is in most documents
 * and its words' positions are the longest lists: checking them was the
 * slowest search. Format 6 also indexes each such pair as a term of its
 * own, key TDICT_PAIR, first word, space, second word, with its documents
 * and counts (the phrase's count, as search.c's phrase_count gives it) and
 * no positions; the archive lists the words in meta "pairs". */
#define TDICT_PAIR '\x01'
/* The common words (sorted, space-separated), as new archives list them. */
extern const char tdict_pair_words[];
/* The archive's "pairs" list (*len 0: none, older archives). FMT_OK or
 * FMT_CORRUPT when the list is not as a writer makes it. */
int tdict_pairs(fmt_archive *a, const char **words, size_t *len);
/* Index of w among words (a "pairs" list), or -1. */
int tdict_pair_word(const char *words, size_t wlen, const char *w, size_t n);

/* ---- writing (format 6) ---------------------------------------------------- */

/* Where entries go: put(ctx, dbi, key, kl, val, vl), LMDB flags 0. */
typedef int (*tdict_put_fn)(void *ctx, MDB_dbi dbi, const void *k, size_t kl,
                            const void *v, size_t vl);

/* Format 7 blocks of the terms table are cut smaller than the budget,
 * three to a page: a lookup inflates one block, which took 20-24 us for
 * blocks of 2 KB (3 KB inflated) and 14-17 us for blocks of 1.3 KB, for
 * 0.1% more archive (20,000 documents). */
#define TDICT_BUDGET3 1350

typedef struct {
    MDB_dbi dbi;
    /* set by the caller before the first entry: */
    size_t budget;               /* a block's key and stored value at most
                                    (0: TDICT_BUDGET) */
    int stored;                  /* format 7 blocks stored, not deflated
                                    (a deflate stream of stored blocks) */
    fmt_buf blk;                 /* the block being filled (after its count) */
    char first[FMT_TOKMAX + 1], prev[FMT_TOKMAX + 1];
    size_t firstlen, prevlen;
    uint32_t n;
    /* format 7: the block is stored deflated */
    void *z;                     /* the z_stream, kept from block to block */
    fmt_buf raw, out, tmp;       /* the block with its count; deflated:
                                    the last that fit, the last tried */
    uint32_t outn;               /* out holds the first outn entries, */
    size_t outend;               /* the first outend bytes of blk (0: none) */
    size_t fit;                  /* blk.len up to which it should fit */
    double ratio;                /* deflated / raw, of the last deflate */
} tdict_builder;

typedef struct {
    MDB_dbi dbi;                 /* the lists db */
    uint32_t seg;                /* the next segment's number */
    unsigned char buf[TDICT_SEG];
    size_t fill;
    uint64_t off;                /* bytes written, the next value's offset */
} tdict_heap;

/* Add an entry (keys ascending) with its payload; a full block is put. */
int tdict_add(tdict_builder *b, const char *key, size_t kl, const void *pay,
              size_t pl, tdict_put_fn put, void *ctx);
int tdict_flush(tdict_builder *b, tdict_put_fn put, void *ctx);
void tdict_builder_free(tdict_builder *b);
/* A term's payload: df and its lists, inline when small, else appended to
 * the heap. */
int tdict_term_payload(fmt_buf *pay, uint32_t df, const unsigned char *post,
                       size_t plen, const unsigned char *pos, size_t poslen,
                       tdict_heap *h, tdict_put_fn put, void *ctx);
int tdict_heap_flush(tdict_heap *h, tdict_put_fn put, void *ctx);
/* A stem's payload: the words (ascending) sharing it, each after the
 * previous; the first from the stem. */
int tdict_stem_payload(fmt_buf *pay, const char *stem, size_t sl,
                       const char *const *words, const size_t *wls, size_t n);

/* ---- the blocks cut and deflated on a second thread ------------------------
 * Cutting and deflating the blocks (tdict_add) was a third of an append's
 * CPU, with the second core idle. A pipe runs tdict_add and tdict_flush on
 * a worker thread while the caller goes on making entries.
 *
 * The worker puts nothing: an LMDB write transaction belongs to the thread
 * that began it. It hands the blocks back and the caller's thread puts
 * them. An archive's bytes depend on the order of all the puts (LMDB
 * numbers pages as they are taken, and the caller commits every so many
 * puts), so every other put of the phase (the heap's segments) goes
 * through the pipe too (tdict_pipe_put), and the caller's thread makes
 * them all in the order the inline code made them: the same bytes.
 *
 * From open to close the builders given to the pipe are the worker's: the
 * caller does not touch them. An error (a put's or tdict_add's) comes back
 * from the first pipe call to reach it in that order (or close), the
 * inline code's first error; nothing after it is put. */
typedef struct tdict_worker tdict_worker;
typedef struct {
    tdict_put_fn put;            /* where every put finally goes */
    void *ctx;
    tdict_worker *w;             /* NULL: no thread, all done inline */
} tdict_pipe;

/* Start the worker (thread 0, or no memory or thread for it: inline). */
void tdict_pipe_open(tdict_pipe *p, int thread, tdict_put_fn put, void *ctx);
/* tdict_add and tdict_flush of b through the pipe. */
int tdict_pipe_add(tdict_pipe *p, tdict_builder *b, const char *key, size_t kl,
                   const void *pay, size_t pl);
int tdict_pipe_flush(tdict_pipe *p, tdict_builder *b);
/* Any other put of the phase (a tdict_put_fn, ctx the pipe): in order. */
int tdict_pipe_put(void *pipe, MDB_dbi dbi, const void *k, size_t kl,
                   const void *v, size_t vl);
/* Put what is left (rc: the caller's error, whose puts before it are
 * still made) and stop the worker; on every path. The first error in
 * order, else rc. */
int tdict_pipe_close(tdict_pipe *p, int rc);

#endif
