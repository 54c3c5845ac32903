/* internal.h - what the files of format/ share and the programs never
 * include (its tests may): allocation, varints, the record and chunk
 * format, the postings codec, the search of one archive, and the layout
 * of an open archive handle. The archive layout itself is described once,
 * at the top of store.c.
 *
 * Names: the public API (format.h, doc.h, search.h, token.h, gz.h) is
 * fmt_; every other function of format/ carries the name of the file it
 * is in (store_get in store.c, record_encode in record.c, guard_get in
 * guard.c); the inline helpers of this header are vb_.
 */
#ifndef VB_INTERNAL_H
#define VB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <lmdb.h>
#include "format.h"
#include "gz.h"
#include "search.h"
#include "token.h"

/* 7: (being built) smaller tables: see docs/ARCHITECTURE.md;
 * 6: the term dictionary in blocks, bit-packed lists (tdict.c, tcodec.c);
 *    summaries deflated, each alone, primed with a summary dictionary
 *    (meta sdict), a CRC per chunk (record_zchunk_*);
 * 5: the status "notice" (an answer announced late, none yet);
 * 4: answers and notices filed under their own date (fmt_doc_date);
 * 3: summaries in chunks like records, and the chunks' positions (cols
 * dpos, spos); 2 (one summary a key, no positions) and 3 are still read. */
#define FMT_VERSION_NUMBER 7
#define FMT_VERSION_OLDEST 2
/* Records are stored VB_CHUNK to an LMDB value: one overflow value wastes
 * half a page on average, so 128 records share that waste (format 7: 0.7%
 * of the sources at 64). Summaries are chunked alike. An open archive's
 * own count is a->chunk: VB_CHUNK_V6 up to format 6. */
#define VB_CHUNK 128
#define VB_CHUNK_V6 64

/* ---- calls of the archive only format/ and its tests use ---------------- */

/* Only the verbatim text of docno, into out (replacing its contents). */
int fmt_get_text(fmt_archive *a, uint32_t docno, fmt_buf *out);

/* Check every record and index structure on this thread: each record
 * inflates, matches its CRC-32 and length, and decodes (the programs use
 * fmt_verify_all). Calls bad(ctx, docno, message) for each damaged record
 * (docno UINT32_MAX for damage outside records) and returns FMT_OK if
 * nothing was damaged, FMT_CORRUPT otherwise. */
int fmt_verify(fmt_archive *a,
               void (*bad)(void *ctx, uint32_t docno, const char *msg),
               void *ctx);

/* ---- one archive's search (search.c, results.c, snippet.c) -------------
 * The library (library.c) searches each of its archives with these and
 * merges; the programs search through a library, even of one archive. */

typedef struct {
    uint32_t docno;
    double score;
    uint32_t matched;      /* cases: its documents among the hits; else 1 */
    uint8_t kinds;         /* cases: 1 << kind of each of them; else 0 */
} fmt_hit;

typedef struct fmt_results fmt_results;

/* What a library adds to the search of one of its archives. */
typedef struct {
    /* Documents that are not hits (bit d % 8 of byte d / 8 set): those a
     * newer archive holds. NULL: none. */
    const unsigned char *exclude;
    /* The statistics of all its archives to score with. NULL: the
     * archive's own. */
    const struct fmt_stats *stats;
} vb_libsearch;

/* Run q on a. An empty query matches every document (newest first). */
int fmt_search(fmt_archive *a, const fmt_query *q, const fmt_search_opts *o,
               fmt_results **rp);
/* fmt_search for a library (lib NULL: as fmt_search). */
int search_library(fmt_archive *a, const fmt_query *q, const fmt_search_opts *o,
                   const vb_libsearch *lib, fmt_results **rp);
void fmt_results_free(fmt_results *r);

size_t fmt_results_total(const fmt_results *r);          /* all hits */
/* The cases among all hits (o->cases), else the hits. */
size_t fmt_results_cases(const fmt_results *r);
/* Index entries found damaged and left out of this search (the hits are
 * those of the rest), and the message naming the first; 0 and "". */
size_t fmt_results_skipped(const fmt_results *r, const char **msg);
size_t fmt_results_count(const fmt_results *r);          /* on this page */
const fmt_hit *fmt_results_hits(const fmt_results *r);   /* this page */
/* Facet values of all hits, most frequent first. */
const fmt_facet_count *fmt_results_facet(const fmt_results *r, int facet,
                                         size_t *n);
/* Hits per month over all hits: months[i] = yyyymm ascending, counts[i].
 * Pointers owned by r. */
size_t fmt_results_months(const fmt_results *r, const int32_t **months,
                          const uint32_t **counts);

/* The best passage of docno for q, at most about maxlen bytes of display
 * text (fmt_span_text style: layout flattened) into out, and the byte
 * ranges in out of the matched words into hl (up to hlcap, *nhl set). */
int fmt_snippet(fmt_archive *a, const fmt_query *q, uint32_t docno,
                size_t maxlen, fmt_buf *out, fmt_span *hl, size_t hlcap,
                size_t *nhl);

/* ---- allocation (alloc.c): one place, so a test build can fail the Nth
 * call ------------------------------------------------------------------- */
void *alloc_malloc(size_t n);
void *alloc_realloc(void *p, size_t n);
void *alloc_calloc(size_t n, size_t size);
char *alloc_strndup(const char *s, size_t n);
/* For tests: make the nth allocation from now fail (0: never). */
void alloc_fail_after(unsigned long n);

/* ---- varints (LEB128) and big-endian integers -------------------------- */
static inline size_t vb_put_varint(unsigned char *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (unsigned char)v;
    return n;
}

/* Decode a varint from [*pp, end). Returns 0 and advances *pp, or -1 when
 * the bytes run out or the value is longer than 64 bits. */
static inline int vb_get_varint(const unsigned char **pp,
                                const unsigned char *end, uint64_t *v)
{
    const unsigned char *p = *pp;
    uint64_t r = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (p >= end)
            return -1;
        unsigned char c = *p++;
        r |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *pp = p;
            *v = r;
            return 0;
        }
    }
    return -1;
}

static inline void vb_put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static inline uint32_t vb_get_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void vb_put_be64(unsigned char *p, uint64_t v)
{
    vb_put_be32(p, (uint32_t)(v >> 32));
    vb_put_be32(p + 4, (uint32_t)v);
}

static inline uint64_t vb_get_be64(const unsigned char *p)
{
    return (uint64_t)vb_get_be32(p) << 32 | vb_get_be32(p + 4);
}

/* Little-endian fields of LMDB's own pages (store.c, guard.c). */
static inline unsigned vb_le16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static inline uint32_t vb_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline uint64_t vb_le64(const unsigned char *p)
{
    return (uint64_t)vb_le32(p + 4) << 32 | vb_le32(p);
}

/* Make room for n elements of size bytes in the array *pp (capacity *cap,
 * doubled as needed, from first). FMT_OK or FMT_NOMEM (array unchanged). */
static inline int vb_grow(void *pp, size_t *cap, size_t n, size_t size,
                          size_t first)
{
    void **p = pp;
    if (n <= *cap)
        return 0;
    size_t c = *cap ? *cap : first;
    while (c < n)
        c *= 2;
    void *q = alloc_realloc(*p, c * size);
    if (!q)
        return 4; /* FMT_NOMEM */
    *p = q;
    *cap = c;
    return 0;
}

/* Orders uint32_t ascending (qsort). */
static inline int vb_u32_cmp(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* qsort that accepts an empty (possibly NULL) array. */
static inline void vb_sort(void *base, size_t n, size_t size,
                           int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

/* fmt_buf helpers that never fail silently: they return FMT_NOMEM. */
int record_buf_varint(fmt_buf *b, uint64_t v);
int record_buf_str(fmt_buf *b, const char *s, size_t n); /* varint len + bytes */

/* ---- the record codec (record.c) --------------------------------------- */

/* Serialise every field of d, then its text, into out (appended).
 * The layout is private to record.c. */
int record_encode(const fmt_doc *d, fmt_buf *out);
/* Decode a payload made by record_encode into d (freed first). Every
 * count, length and span is checked: FMT_CORRUPT when anything is off. */
int record_decode(const unsigned char *p, size_t n, fmt_doc *d);

/* The text of a record payload (it comes first: u8 1, varint length,
 * text), without decoding the rest. 0, or -1 when it does not fit. */
static inline int record_payload_text(const unsigned char *p, size_t n,
                                      const unsigned char **text, size_t *len)
{
    const unsigned char *q = p + 1, *end = p + n;
    uint64_t l;
    if (n < 2 || p[0] != 1 || vb_get_varint(&q, end, &l) ||
        l > (uint64_t)(end - q))
        return -1;
    *text = q;
    *len = (size_t)l;
    return 0;
}

/* A record deflated against its zaak's question (flag 2) is primed with
 * the last 32 KiB of the archive's dictionary followed by that question's
 * text; this builds that dictionary into out (32768 bytes), returns its
 * length. */
static inline size_t record_ref_dict(const unsigned char *dict, size_t dlen,
                                     const unsigned char *text, size_t tlen,
                                     unsigned char *out)
{
    if (tlen >= 32768) {
        memcpy(out, text + tlen - 32768, 32768);
        return 32768;
    }
    size_t keep = dlen < 32768 - tlen ? dlen : 32768 - tlen;
    memcpy(out, dict + dlen - keep, keep);
    memcpy(out + keep, text, tlen);
    return keep + tlen;
}

/* ---- the stored record and the chunk (record.c) ------------------------
 * A chunk is one LMDB value of up to VB_CHUNK items (records in docs,
 * summaries in summary): u8 'C', u8 n, (n + 1) u32 BE offsets of the items
 * after this header, then the items. A stored record is a header, then
 * its payload (record_encode) as it is or as raw deflate: */
enum vb_rec_kind {
    VB_REC_STORED,   /* the payload as it is */
    VB_REC_DEFLATED, /* raw deflate primed with the archive's dictionary */
    VB_REC_PRIMED    /* raw deflate primed with the dictionary's tail and
                        its zaak's question's text (record_ref_dict) */
};
/* The header: u8 'R', u8 kind, u32 BE CRC-32 of the text, u32 BE payload
 * length, u32 BE CRC-32 of the payload, (format 3) u32 BE CRC-32 of the
 * record (the header without this field, then the stored bytes), then for
 * VB_REC_PRIMED the question's docno (u32 BE). */
#define VB_REC_HEAD_MAX 22
typedef struct {
    int kind;            /* enum vb_rec_kind */
    uint32_t textcrc;    /* CRC-32 of the verbatim text */
    uint32_t plen;       /* the payload's length */
    uint32_t pcrc;       /* CRC-32 of the payload */
    uint32_t ref;        /* VB_REC_PRIMED: the question's docno */
    size_t head;         /* the header's length: the stored bytes follow */
} vb_rechead;
/* Write r's header (as the current format has it) into h
 * (VB_REC_HEAD_MAX bytes) for the stored bytes data (dlen), with the
 * record's own CRC over both; sets r->head and returns it. */
size_t record_head_put(unsigned char *h, vb_rechead *r, const void *data,
                       size_t dlen);
/* Parse the header of the record v (n bytes) of an archive of format
 * version into r: 0, or -1 when it is not one (too short, not 'R', an
 * unknown kind). The record's CRC is not checked (record_head_crc_ok). */
int record_head_parse(const unsigned char *v, size_t n, int version,
                      vb_rechead *r);
/* Whether record v (n bytes) matches its own CRC (format 3; always for
 * an older version, whose records have none). */
int record_head_crc_ok(const unsigned char *v, size_t n, int version);
/* Whether the payload length r claims cannot be, for a record of n bytes:
 * not the stored length of a stored record, or more than about 1032 times
 * the deflated size (the deflate limit), so a damaged length can't make
 * the reader allocate gigabytes. */
int record_head_bad_length(const vb_rechead *r, size_t n);

/* The length of the header of a chunk of n items. */
static inline size_t record_chunk_head(uint32_t n)
{
    return 2 + 4 * ((size_t)n + 1);
}
/* Write the header of a chunk of n items ending at off[1..n] (off[0] is
 * 0) into p (record_chunk_head(n) bytes). */
void record_chunk_put_head(unsigned char *p, uint32_t n, const uint32_t *off);
/* Item i of the chunk v (n bytes in all; only its header, the first
 * record_chunk_head(count) bytes, is read) that should hold count items: its
 * offset from the chunk's start (*off) and length. VB_CHUNK_BADHEAD when
 * the chunk is too short, not a chunk or holds another count (or i is not
 * below it), VB_CHUNK_BADOFF when the item's offsets are out of order or
 * past n. */
enum { VB_CHUNK_OK, VB_CHUNK_BADHEAD, VB_CHUNK_BADOFF, VB_CHUNK_BADCRC };
int record_chunk_item(const unsigned char *v, size_t n, uint32_t count,
                      uint32_t i, size_t *off, size_t *len);

/* The compact summary of a document (summary db), built from the decoded
 * document plus zaak-level status computed by the writer. */
int record_summary_encode(const fmt_doc *d, int status, int answer_days,
                          fmt_buf *out);
/* The same without the CRC: a summary of a format 6 chunk, whose CRC
 * covers all of them. */
int record_summary_encode_bare(const fmt_doc *d, int status, int answer_days,
                               fmt_buf *out);
/* A summary (with its CRC, checked, or without) into s. */
int record_summary_decode(const unsigned char *p, size_t n, fmt_summary *s);

/* Format 6 stores a chunk of summaries deflated: u8 'Z', u8 n, u32 BE
 * CRC-32 of the head (its first two bytes, then the lengths and the
 * group CRCs), n varint lengths, a u32 BE CRC-32 of the stored bytes of
 * each group of VB_ZGROUP summaries (the last may hold fewer), then the n
 * summaries, each (record_summary_encode_bare) raw-deflated alone, primed
 * with the summary dictionary (meta sdict). */
#define VB_ZCHUNK_HEAD 6
#define VB_ZGROUP 8
#define VB_SDICT_MAX 32768
/* The stored size of a chunk of the n deflated summaries ending at
 * off[1..n] (off[0] is 0). */
size_t record_zchunk_size(uint32_t n, const uint32_t *off);
/* Write that chunk into p (record_zchunk_size bytes): the head, its CRC,
 * the items (off[n] bytes). */
void record_zchunk_put(unsigned char *p, uint32_t n, const uint32_t *off,
                       const void *items);
/* Check the head of the stored chunk v (n bytes) that should hold count
 * summaries: VB_CHUNK_BADHEAD (not such a chunk, another count),
 * VB_CHUNK_BADOFF (the lengths do not add up to the bytes),
 * VB_CHUNK_BADCRC, else VB_CHUNK_OK with item i at v + *items + off[i],
 * off[i + 1] - off[i] bytes (off holds count + 1). The items are checked
 * by their group's CRC (record_zchunk_group_ok) before use. */
int record_zchunk_parse(const unsigned char *v, size_t n, uint32_t count,
                        uint32_t *off, size_t *items);
/* Whether the group holding item i of the chunk v (parsed: count, off,
 * items) matches its CRC. */
int record_zchunk_group_ok(const unsigned char *v, uint32_t count,
                           const uint32_t *off, size_t items, uint32_t i);

/* yyyymmdd -> days since 1970-01-01 (proleptic Gregorian); 0 -> 0 */
int32_t record_days(int32_t ymd);
int record_valid_date(int32_t ymd);

/* ---- postings (postings.c) --------------------------------------------
 * A posting list is the documents a word occurs in, ascending, with for
 * each its count (tf) and whether it occurs in the subject. Stored as
 * blocks of VB_BLOCK documents so that a search can skip whole blocks; the
 * positions of each occurrence are stored apart (pos db) in the same block
 * structure, so only phrase queries pay for them. */
#define VB_BLOCK 128

typedef struct {
    uint32_t *docs;
    uint32_t *tfs;        /* tf << 1 | in-subject */
    size_t n, cap;
} vb_plist;

/* Append one document to a plist under construction. */
int postings_list_push(vb_plist *l, uint32_t doc, uint32_t tfx);
void postings_list_free(vb_plist *l);

/* Encode plist l (docs ascending) into out. poslens[i] is the number of
 * bytes document i's positions take in the positions value (NULL: none). */
int postings_encode(const vb_plist *l, const uint32_t *poslens,
                    fmt_buf *out);
/* Decode a stored posting list completely into l (cleared first).
 * Checks bounds and order; FMT_CORRUPT on any inconsistency. If posoff is
 * not NULL, it receives (grown as needed, capacity *poscap) the byte offset
 * of each document's positions in the positions value. */
int postings_decode(const unsigned char *p, size_t n, vb_plist *l,
                    uint32_t **posoff, size_t *poscap, uint32_t ndocs);
/* Only the documents of a stored posting list that are also in want
 * (ascending, nwant of them) into l, reading just the blocks that can hold
 * one (the skip table gives each block's last document). The blocks read
 * are checked as in postings_decode; the others are not looked at. */
int postings_decode_in(const unsigned char *p, size_t n, vb_plist *l,
                       uint32_t ndocs, const uint32_t *want, size_t nwant);
/* Split a terms value into its posting list and its positions. */
int postings_term_split(const unsigned char *v, size_t n, const unsigned char **post,
                        size_t *plen, const unsigned char **pos, size_t *poslen);
/* Just the document count stored at the head of a posting list. */
int postings_df(const unsigned char *p, size_t n, uint32_t *df);

/* ---- an open archive ---------------------------------------------------- */

typedef struct {
    uint8_t type;        /* 'p' party, 'm' member, 'a' addressee */
    const char *display; /* points into the facet table value */
    uint32_t dlen;
} vb_facetval;

struct fmt_archive {
    uint32_t *dense;     /* search: one counter per document, kept zeroed
                            between prefix searches (search.c) */
    MDB_env *env;
    MDB_txn *txn;        /* one read transaction for the handle's life */
    MDB_dbi meta, docs, summary, ids, terms, stems, facets, cols;
    MDB_dbi lists;       /* format 6: the heap of long term lists (tdict.c) */
    int has_lists;
    uint64_t heap_max;   /* tdict.c: segments x their size; 0: not read yet */
    /* tdict.c: the format 7 dictionary blocks inflated last (a query
     * looks up its words, their stems and the stems' words: the same few
     * blocks again and again), each a copy kept by the map address of
     * its stored bytes, and the inflater they share. Freed by fmt_close. */
    struct {
        const unsigned char *v;   /* the stored block; NULL: slot empty */
        size_t vlen, len;         /* its stored and inflated sizes */
        unsigned char *raw;       /* TDICT_RAWMAX bytes, made when first used */
        uint64_t used;
    } bcache[8];
    uint64_t bclock;
    void *bz;            /* a z_stream (zlib.h stays out of here) */
    uint32_t chunk;      /* records a chunk: VB_CHUNK, or VB_CHUNK_V6 */
    uint32_t ndocs;
    unsigned char dict[32768];
    size_t dictlen;
    void *zs;            /* a reusable z_stream (zlib.h stays in store.c) */
    /* columns: one value per document, big-endian, read with
     * vb_get_be32 (values in the map need not be aligned) */
    const unsigned char *col_date, *col_len, *col_foff;
    const unsigned char *col_kind, *col_status, *col_fval;
    size_t fval_len;
    double avglen;
    uint64_t totlen;     /* the documents' lengths (column len), summed */
    uint32_t *case_ord;  /* per document: its case's number (cases.c) */
    uint64_t *case_key;  /* per case number: its key, for libraries */
    uint32_t *case_slot; /* per case number: grouping's scratch, zeroed */
    int cases_damaged;   /* a zaak list could not be read: its documents
                            are cases of their own, and a search that
                            groups says so (fmt_results_skipped) */
    vb_facetval *fvals;  /* facet values by id, parsed lazily */
    uint32_t nfvals;
    int fvals_loaded;
    int version;         /* FMT_VERSION_OLDEST .. FMT_VERSION_NUMBER */
    int fd;              /* the file LMDB maps, for pread */
    uint64_t file_len;   /* the pages LMDB may use */
    const unsigned char *dpos, *spos; /* chunk positions (writer.c), checked;
                                         NULL: read through LMDB */
    int pos_damaged;     /* 1 dpos, 2 spos failed its check: verify says */
    fmt_buf rbuf, rbuf2; /* a record's (its question's) bytes, pread */
    fmt_buf sbuf;        /* a summary's bytes, pread (format 6: its
                            chunk's, checked, kept for the next summary) */
    uint32_t schunk;     /* format 6: chunk + 1 that sbuf holds; 0: none */
    uint32_t soff[VB_CHUNK + 1]; /* its summaries' offsets */
    size_t sitems;       /* where they start in sbuf */
    uint32_t sgroups;    /* bit g: group g of it matched its CRC */
    void *szs;           /* format 6: the summaries' z_stream, made lazily */
    fmt_buf sraw;        /* an inflated summary */
    unsigned char sdict[VB_SDICT_MAX]; /* format 6: the summary dictionary */
    size_t sdictlen;
    uint32_t part_docno; /* docno + 1 whose text store_text_prefix is part way
                            through (in zs and scratch); 0: none */
    size_t part_plen, part_textoff, part_textlen;
    uint32_t part_pcrc;
    int part_ended;
    fmt_buf scratch;     /* inflate output, reused */
    fmt_buf scratch2;    /* a referenced question's payload */
    unsigned char refdict[32768];
    size_t refdictlen;
    uint32_t refdoc;     /* docno + 1 refdict was made from; 0: none */
    fmt_tokenizer *tok;  /* for queries and snippets, made lazily */
    int verifying;       /* fmt_verify running: check everything */
    struct fmt_archive *reader2; /* records for another thread (store_reader2) */
    uint64_t content_len;   /* bytes before the checksum trailer; 0: none */
    char checksum[65];      /* its SHA-256, hex */
    char path[1024];
    char err[512];
};

/* ---- cases (cases.c) ---------------------------------------------------- */

typedef struct {
    uint64_t key;        /* the case (cases_load) */
    uint32_t best;       /* the document that stands for it in the list */
    uint32_t first;      /* its earliest document among the hits */
    float score;         /* best's score */
    uint32_t matched;    /* its documents among the hits */
    uint8_t kinds;       /* 1 << kind of each of them */
} vb_case;

typedef struct {
    vb_case *g;          /* the cases, in the order first met */
    size_t n;
    uint32_t *gid;       /* per hit: its case's index in g */
} vb_cases;

/* Every document's case key into a->case_key (once per handle). */
int cases_load(fmt_archive *a);
/* Group n hits (doc ascending, score) into cases; sort picks each case's
 * document (FMT_SORT_*). */
int cases_group(fmt_archive *a, const uint32_t *doc, const float *score,
                size_t n, int sort, vb_cases *out);
void cases_free(vb_cases *c);
/* The keys of the cases of a grouped result (all of them, up to cap into
 * out); returns how many there are. */
size_t results_case_keys(const fmt_results *r, uint64_t *out, size_t cap);
/* A growing set of case keys, each with a value (a library's page). */
typedef struct {
    uint64_t *key;
    uint32_t *val;       /* UINT32_MAX: the slot is free */
    size_t n, cap;
} vb_keyset;
/* Add key with val; *had is the value it had (UINT32_MAX: new, added). */
int cases_keyset_add(vb_keyset *s, uint64_t key, uint32_t val, uint32_t *had);
void cases_keyset_free(vb_keyset *s);
/* How many distinct values keys[0..n) holds. -1: out of memory. */
long cases_count_distinct(const uint64_t *keys, size_t n);
/* A case key as a library of several archives tells them apart. */
uint64_t cases_key_in(uint64_t key, size_t arch);

/* Set a->err (printf-style) and return code (error.c). */
int error_set(fmt_archive *a, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Drop the pages of env's map from this process's memory (pages.c). */
void pages_drop(MDB_env *env);

/* Translate an LMDB code to FMT_*. */
int error_mdb_code(int rc);
/* Why a write in the folder of path failed, for a message: LMDB reports a
 * short write (what a full disk gives) as EIO, so EIO with no room left
 * there, like ENOSPC, is "no space left on device (in DIR)"; anything
 * else is mdb_strerror's text. Returns buf. */
const char *error_io_why(int rc, const char *path, char *buf, size_t cap);
/* The CRC-32 of every meta entry but "sum" itself, in key order, read
 * in txn: what the writer stores as "sum" (store.c). */
int store_meta_sum(MDB_txn *txn, MDB_dbi meta, uint32_t *sum);

/* Fetch a value from one of the archive's dbs (pointer into the map, valid
 * for the handle's life). FMT_NOTFOUND or FMT_CORRUPT. */
int store_get(fmt_archive *a, MDB_dbi dbi, const void *key, size_t klen,
              const unsigned char **val, size_t *vlen);
/* A second handle on a's file that another thread may read records and
 * snippets with while a is used (made once, kept until fmt_close(a)); it
 * reads records only at their positions, never through LMDB. NULL when a
 * has no positions (format 2) or memory is short. */
fmt_archive *store_reader2(fmt_archive *a);
/* Record docno's own checks without inflating it (format 3): its chunk,
 * header, CRC of header and stored bytes, length bounds, reference.
 * FMT_INVALID for a format 2 archive, which has no such CRC. */
int store_record_check(fmt_archive *a, uint32_t docno);
/* The start of docno's text, at least want bytes of it when there are
 * (store.c). */
int store_text_prefix(fmt_archive *a, uint32_t docno, size_t want,
                      const char **text, size_t *avail, int *done);
/* Only the text of docno, pointing into the handle's scratch buffer
 * (valid until the next read on the handle). */
int store_get_text(fmt_archive *a, uint32_t docno, const char **text,
                   size_t *len);
/* Load facet values (once). */
int results_load_facets(fmt_archive *a);
fmt_tokenizer *store_tok(fmt_archive *a);

/* Collection statistics a library scores with (library.c, search.c): the
 * documents and their total length in all its archives, and per scoring
 * word of the query (a term or prefix node, or word i of a phrase) its df
 * summed over them, so a library ranks as one archive of them all. */
typedef struct {
    const void *node;    /* the query node (qnode) */
    size_t word;         /* which word of a phrase; 0 otherwise */
    uint64_t df;
} vb_nodedf;

struct fmt_stats {
    uint64_t ndocs, totlen;
    vb_nodedf *df;
    size_t n, cap;
};

/* Add archive a to st: its documents, their length, and the df of each
 * scoring word of q in it. FMT_NOMEM or an error of a. */
int search_stats_add(struct fmt_stats *st, fmt_archive *a, const fmt_query *q);

/* Kind/status/date column accessors (bounds-checked by the caller). */
static inline int32_t vb_doc_date(const fmt_archive *a, uint32_t d)
{
    return (int32_t)vb_get_be32(a->col_date + 4 * (size_t)d);
}

#endif
