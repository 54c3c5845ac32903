/* format.h - the Vraagbaak archive: question documents stored zlib-compressed
 * in one LMDB file, with a full-text index.
 *
 * The public headers of format/ are this one (the archive: open, read,
 * check, write), doc.h (the document model), search.h (searching a
 * library of archives), token.h (the tokenizer) and gz.h (gzip streams);
 * they are the only way into the archive for the packer and the reader:
 * neither lmdb.h nor zlib.h is reachable from them. The other headers of
 * format/ are its own (internal.h and the *_int.h of its parts).
 * Handles are opaque; every function returns FMT_OK (0) or one of the codes
 * below, never an errno, MDB_* or Z_* value. Where an error concerns a
 * record or an input, fmt_errmsg() on the handle names it.
 *
 * Nothing read from an archive is trusted: a damaged file gives FMT_CORRUPT
 * (or FMT_VERSION), never a crash.
 */
#ifndef VB_FORMAT_H
#define VB_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include "doc.h"

enum {
    FMT_OK = 0,
    FMT_NOTFOUND,   /* no such document, id or zaak */
    FMT_CORRUPT,    /* the archive (or a record in it) is damaged */
    FMT_FULL,       /* the archive's map is full */
    FMT_NOMEM,      /* out of memory */
    FMT_IO,         /* a file could not be read or written */
    FMT_VERSION,    /* not a Vraagbaak archive, or a newer format */
    FMT_INVALID,    /* bad argument or input (bad query, duplicate id, ...) */
    FMT_EXISTS,     /* something is in the way (another writer) */
    FMT_LIMIT       /* an input exceeds a documented bound */
};

/* A short English description of an FMT_* code. Never NULL. */
const char *fmt_strerror(int err);

/* A growable byte buffer. The caller owns data; reuse it across calls and
 * free it once with fmt_buf_free(). Functions that fill one keep a NUL after
 * len (not counted), so text can be used as a C string. */
typedef struct {
    char *data;
    size_t len, cap;
} fmt_buf;

void fmt_buf_free(fmt_buf *b);
/* Make room for n more bytes. Returns FMT_OK or FMT_NOMEM. */
int fmt_buf_reserve(fmt_buf *b, size_t n);
int fmt_buf_append(fmt_buf *b, const void *p, size_t n);

/* ---- reading an archive ------------------------------------------------ */

typedef struct fmt_archive fmt_archive;

/* Open an archive read-only (MDB_RDONLY | MDB_NOLOCK | MDB_NOSUBDIR): works
 * on read-only files and media and creates no lock file. On success *ap is
 * a handle the caller closes with fmt_close(). On failure *ap is NULL and
 * the code says why: FMT_IO (cannot read), FMT_VERSION (not an archive or
 * too new), FMT_CORRUPT. If msg is not NULL it receives a message naming
 * the file (msglen bytes at most, NUL-terminated). */
int fmt_open(fmt_archive **ap, const char *path, char *msg, size_t msglen);
void fmt_close(fmt_archive *a);

/* The last error message on this handle, naming the record or input.
 * Valid until the next call on the handle. Never NULL. */
const char *fmt_errmsg(const fmt_archive *a);

/* Start the fault guard of this process: a SIGSEGV/SIGBUS handler (faults
 * of other code are passed on to the handler that was there) and a
 * real-time signal for the watchdog, so that a damaged archive becomes
 * FMT_CORRUPT instead of a crash or a hang (guard.c). The library changes
 * no process-wide state by itself: a program calls this once, before the
 * first fmt_open (which refuses with FMT_INVALID until it has); later
 * calls do nothing. FMT_OK. */
int fmt_guard_start(void);

typedef struct {
    char title[256];
    char edition[64];
    int64_t created;           /* seconds since 1970 (SOURCE_DATE_EPOCH) */
    uint32_t version;          /* archive format version */
    uint32_t documents;
    uint32_t kinds[4];         /* indexed by enum fmt_kind */
    uint32_t zaken;            /* distinct zaak numbers */
    int32_t first_date, last_date; /* yyyymmdd, 0 if none */
    uint64_t source_bytes;     /* sum of the verbatim texts */
    uint64_t archive_bytes;    /* the file's size */
    uint64_t records_bytes;    /* compressed documents (+ dictionary) */
    uint64_t index_bytes;      /* terms, positions, facets, ids, summary */
    uint32_t terms;            /* distinct index terms */
    int level;                 /* deflate level of the pack; 0: not stored */
    uint32_t part, nparts;     /* part of a split archive; 0 0: not split */
    uint64_t split;            /* the size its parts were made to fit */
    char checksum[65];         /* SHA-256 of the content, hex; "" if none */
} fmt_info;

int fmt_get_info(fmt_archive *a, fmt_info *out);

/* Where the file's bytes are (sizes.c; `vbpack info`). The six parts
 * records .. other add up to file exactly. A table's part is its LMDB
 * pages (branch, leaf, overflow) times the page size, page slack
 * included; within the terms table the values' bytes are told apart:
 * postings (each value's length varint and posting list) and positions
 * (the rest of the value); its keys, node headers, branch pages and slack
 * are the term dictionary, with the stems table. Walks the docs table's
 * keys and the terms table once, decoding each value's counts (not its
 * positions' values) so a damaged one is found: meant for info, not for
 * a reader's path. */
typedef struct {
    uint64_t file;            /* the file's size */
    uint64_t records;         /* docs table pages + the zlib dictionary */
    uint64_t records_data;    /* of which the chunks' bytes + dictionary
                                 (= fmt_info.records_bytes) */
    uint64_t summaries;       /* summary table pages */
    uint64_t term_dictionary; /* terms pages less the values' bytes, +
                                 stems table pages */
    uint64_t postings;        /* terms values: length varint + posting list */
    uint64_t positions;       /* terms values: positions */
    uint64_t other;           /* the rest: ids, cols, facets and meta pages
                                 (less the dictionary), the table of tables,
                                 free pages, LMDB's two meta pages, the
                                 checksum trailer */
    uint32_t psize;           /* LMDB page size */
    uint64_t bad_values;      /* terms values whose length did not parse:
                                 counted as postings whole */
} fmt_sizes;

/* Fill *out. FMT_CORRUPT (fmt_errmsg names the table) when a table's
 * pages cannot be counted or read, when they add up to more than the
 * file, or when terms values are damaged (out->bad_values; the sizes are
 * then filled as far as they could be read). */
int fmt_get_sizes(fmt_archive *a, fmt_sizes *out);

/* Number of documents; documents are numbered 0..count-1 in date order
 * (submitted, else received), ties by id. */
uint32_t fmt_count(fmt_archive *a);

/* The first document number dated on or after ymd (fmt_count() when
 * none): the documents before it are those dated before ymd. */
uint32_t fmt_first_dated(fmt_archive *a, int32_t ymd);

/* Decode document docno in full into *d (fmt_doc_free()d first, so a doc
 * can be reused). FMT_NOTFOUND past the end; FMT_CORRUPT when the record
 * fails its checks (fmt_errmsg names it). */
int fmt_get(fmt_archive *a, uint32_t docno, fmt_doc *d);

/* Look up a document by id. */
int fmt_find(fmt_archive *a, const char *id, uint32_t *docno);

/* The documents of a zaak: questions first, then notices, then answers,
 * each group in date order. Writes up to cap doc numbers, sets *n to how
 * many there are in all. FMT_NOTFOUND if the zaak is unknown. */
int fmt_zaak_docs(fmt_archive *a, const char *zaak, uint32_t *docnos,
                  size_t cap, size_t *n);

/* The status of a document's case (zaak), as the archive shows it: the
 * same for every document of the case. "Open" means only that the
 * archive holds no answer; a case whose answer is here is answered,
 * whichever of its other documents are missing. */
enum fmt_status {
    FMT_STATUS_NONE = 0,     /* unknown (a case of nothing but unknowns) */
    FMT_STATUS_OPEN,         /* no answer, nor a notice, in the archive */
    FMT_STATUS_ANSWERED,     /* answered within three weeks (or days unknown) */
    FMT_STATUS_LATE,         /* answered, later than three weeks */
    FMT_STATUS_WITHDRAWN,    /* ingetrokken */
    FMT_STATUS_NOTICE,       /* no answer, but a notice that it will be late
                                (format 5; earlier formats say open) */
    FMT_NSTATUS
};
const char *fmt_status_name(int status); /* "open", "answered", ... */

/* What a list row needs, without inflating the body. Strings point into
 * s->buf, which the summary owns: reuse a summary across calls and release
 * it with fmt_summary_free(). Strings are "" when absent, never NULL. */
typedef struct {
    uint32_t docno;
    int kind;
    int status;              /* enum fmt_status, of this document's zaak */
    int answer_days;         /* days from submitted to the answer; -1 */
    int32_t submitted, received;
    int32_t date;            /* the date it is sorted by */
    const char *id, *zaak, *subject;
    const char *members;     /* "Palland, Inge van Dijk, Amhaouch (CDA)" */
    const char *parties;     /* "CDA" or "VVD, D66" */
    const char *addressees;  /* "; "-separated */
    const char *answered_by; /* "; "-separated */
    fmt_buf buf;
} fmt_summary;

int fmt_get_summary(fmt_archive *a, uint32_t docno, fmt_summary *s);
void fmt_summary_free(fmt_summary *s);

/* ---- checking an archive, and editions --------------------------------- */

/* Verify archive a: the SHA-256 of its content against the checksum
 * trailer (and, when expect is not NULL, against expect: 64 hex digits),
 * every record, and every entry of the index tables, on two threads: one
 * hashes the file while the other checks records, then both check
 * records and then the tables. A second read-only handle on the same
 * file is opened for the helper thread. With full, every record is
 * inflated and decoded; without, records (format 3) are proven by their
 * own CRC over the stored bytes and their summaries:
 * with the content's SHA-256 that still proves every byte and names every
 * damaged record, and leaves out whether a record the packer wrote
 * decodes (the check of the packer itself), at a third of the time.
 * Calls bad(ctx, docno, message) for each damaged item (docno UINT32_MAX
 * outside records; calls are serialised) and returns FMT_OK when nothing
 * is damaged, FMT_CORRUPT otherwise, FMT_NOMEM when memory ran out. hex
 * (may be NULL) receives the content's SHA-256 as computed ("" if the
 * file could not be read). */
int fmt_verify_all(fmt_archive *a, const char *expect, int full,
                   void (*bad)(void *ctx, uint32_t docno, const char *msg),
                   void *ctx, char hex[65]);

/* Checking the content's SHA-256 against the trailer a step at a time
 * (a reader does it in the background, between searches): start, then
 * step by about bytes at a time until it returns 1, then the result:
 * FMT_OK when the content matches its stored checksum (hex: the checksum
 * computed), FMT_CORRUPT when it does not or there is none, FMT_IO when
 * the file could not be read (fmt_errmsg(a) says which); FMT_LIMIT while
 * not done. Memory is fixed; a stays the caller's and must outlive c. */
typedef struct fmt_sumcheck fmt_sumcheck;
int fmt_sumcheck_start(fmt_archive *a, fmt_sumcheck **cp);
int fmt_sumcheck_step(fmt_sumcheck *c, size_t bytes);
int fmt_sumcheck_result(const fmt_sumcheck *c, char hex[65]);
void fmt_sumcheck_free(fmt_sumcheck *c);

/* A document's full record (verbatim text and every parsed field) as
 * bytes, appended to out, and back: fmt_doc_decode() gives a document equal
 * field for field to the one encoded (d is freed first). Decoding trusts
 * nothing: FMT_CORRUPT when the bytes are not a valid record. */
int fmt_doc_encode(const fmt_doc *d, fmt_buf *out);
int fmt_doc_decode(const void *p, size_t n, fmt_doc *d);

/* 1 when the two documents encode to the same record bytes. */
int fmt_doc_same(const fmt_doc *x, const fmt_doc *y, fmt_buf *scratch1,
                 fmt_buf *scratch2);

/* One edition an appended archive grew from (fmt_writer_finish_append):
 * what `vbpack patch` needs to build that edition again, byte for byte. */
typedef struct {
    char checksum[65];       /* its SHA-256, hex */
    uint32_t documents;      /* its documents: the first ones of the next */
    int level;               /* its deflate level; 0: not known */
    int64_t created;
    char title[256];
    char edition[64];
} fmt_edition;

/* The editions archive a was made from by appending, oldest first (the
 * first was packed whole, each next one appended to the one before, and
 * a appended to the last); *out is malloc'd (NULL and *n 0 for an archive
 * packed whole). FMT_CORRUPT when the record of them is damaged. */
int fmt_lineage(fmt_archive *a, fmt_edition **out, size_t *n);

/* The SHA-256 of every byte of the file at path (what sha256sum prints:
 * for an archive, its content and trailer), hex, into hex. FMT_IO when
 * it cannot be read or is not a regular file (msg, if not NULL, names the
 * file and says why), FMT_NOMEM. */
int fmt_file_sha256(const char *path, char hex[65], char *msg, size_t msglen);

/* ---- writing an archive ------------------------------------------------ */

typedef struct fmt_writer fmt_writer;

/* Level 6: with the trained dictionary and answers primed with their
 * questions, records are 26.2% of the sources of the 20,000-document
 * bench corpus against 27.3% at level 5 (4% smaller for 11% more CPU:
 * format 6 made the index small enough that records are half the file);
 * 9 is 1% smaller than 6 for 36% more. */
#define FMT_DEFAULT_LEVEL 6

typedef struct {
    const char *title;       /* NULL: "Vraagbaak" */
    const char *edition;     /* NULL: "1" */
    int64_t created;         /* stored as-is (caller honours SOURCE_DATE_EPOCH) */
    int level;               /* deflate level 1..9; 0: FMT_DEFAULT_LEVEL */
    const char *tmpdir;      /* for sort runs; NULL: beside the output */
    unsigned part, nparts;   /* part of a split archive (1..nparts); 0 0:
                                not split (see fmt_parts) */
    uint64_t split;          /* parts: the size they were split to fit */
    const char *partsums;    /* part 1: the SHA-256s (hex, space-separated)
                                of parts 2..nparts, so its own checksum
                                vouches for them all */
    /* Called now and then while finishing: phase is "sort", "write",
     * "index"; done of total units. May be NULL. */
    void (*progress)(void *ctx, const char *phase, uint64_t done,
                     uint64_t total);
    void *progress_ctx;
} fmt_writer_opts;

/* Start a new archive at path. Nothing appears at path until
 * fmt_writer_finish() succeeds; the build happens in a temporary file in
 * the same folder that is renamed into place. */
int fmt_writer_open(fmt_writer **wp, const char *path,
                    const fmt_writer_opts *opts);

/* Add one document (copied; d stays the caller's). Memory stays bounded:
 * documents are spilled to sorted runs on disk. FMT_INVALID for a document
 * without id or text. */
int fmt_writer_add(fmt_writer *w, const fmt_doc *d);

/* Sort, compress, index, write and rename into place. FMT_INVALID with a
 * message naming both sources when two documents share an id. Frees w in
 * every case. On failure nothing is left at path (a previous file there is
 * untouched). If msg is not NULL it receives the error message. */
int fmt_writer_finish(fmt_writer *w, char *msg, size_t msglen);

/* A document of the same collection that this archive does not hold
 * (another part of a split archive): it counts for the zaak status of the
 * documents added that share its zaak (an answer in the next part makes
 * a question here answered), and is not stored. */
int fmt_writer_add_related(fmt_writer *w, const fmt_doc *d);

/* Appending: 1 when every document added so far sorts after the last
 * one of base (by date, then id), so that fmt_writer_finish_append() can
 * make the new edition by adding them to a copy of base rather than
 * packing everything again. base must be format 3 with a checksum. */
int fmt_writer_can_append(fmt_writer *w, fmt_archive *base);

/* Like fmt_writer_finish(), but the archive is base (copied; base itself
 * is not changed) with the added documents after its own: a search of it
 * answers like a fresh pack of all the documents, but the bytes differ
 * (base's dictionary is kept, the file is base's pages plus the new and
 * changed ones). The caller makes sure no added id is one of base's
 * (FMT_INVALID otherwise). The meta value "lineage" records base, so a
 * delta can rebuild this file exactly (fmt_lineage). Refuses (FMT_CORRUPT)
 * a base that does not match its checksum. */
int fmt_writer_finish_append(fmt_writer *w, fmt_archive *base, char *msg,
                             size_t msglen);

/* The files of a split archive: part 1 is the name the user gives
 * (X.vbk), part i is X.i.vbk (X.vbk.i when the name does not end in
 * .vbk). fmt_part_path() makes part i's name from part 1's. */
void fmt_part_path(const char *path1, unsigned i, char *out, size_t cap);
/* Every file of the archive at path: path alone, or, when it is part 1
 * of a split archive, its parts in order, each checked to be there and to
 * be that part of the same edition. *paths is malloc'd, as is each
 * string (fmt_parts_free). FMT_INVALID with a message when path is
 * another part than the first or a part is missing or does not belong. */
int fmt_parts(const char *path, char ***paths, size_t *n, char *msg,
              size_t msglen);
void fmt_parts_free(char **paths, size_t n);

/* Give up: remove temporary files and free w. */
void fmt_writer_abort(fmt_writer *w);

const char *fmt_writer_errmsg(const fmt_writer *w);

#endif
