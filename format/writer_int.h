/* writer_int.h - internal to the writer (nobody outside format/ includes
 * it): the writer, the state of one build, and what each file of the
 * writer offers the others. The files call each other in one direction:
 *
 *   writer.c   the pipeline: fmt_writer_open/add/finish, the sample, the
 *              batches deflated on a second thread, each document written
 *     -> prime.c    which question primes an answer's deflate
 *     -> append.c   building on a copy of a base archive (update)
 *     -> runs.c     the external sort: spilled runs, merged
 *     -> publish.c  the output file: open, positions, sync, hash, rename
 *     -> build.c    what they all use: errors, LMDB puts, chunks, zaak status
 *
 * (prime.c also calls append.c, append.c runs.c; nothing calls upward.)
 */
#ifndef VB_WRITER_INT_H
#define VB_WRITER_INT_H

#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include "dict.h"
#include "idtab.h"
#include "index.h"
#include "internal.h"

typedef struct {        /* one sorted run of serialised documents */
    FILE *f;            /* spilled run, or NULL for the in-memory one */
    const unsigned char *arena;   /* the in-memory run, read in offs order */
    const size_t *offs;
    size_t i, n;
    fmt_buf key, payload;
    int done;
} run;

typedef struct {        /* what zaak status needs, per document */
    char zaak[16];
    uint8_t kind, withdrawn;
    int32_t submitted, received;
} docmeta;

typedef struct {
    uint64_t hash;
    size_t off, len;    /* in sample buffer */
} sample;

typedef struct {        /* the sampled documents' records or summaries */
    fmt_buf buf;
    sample *v;
    size_t n, cap;
} sampleset;

struct fmt_writer {
    char path[1024], tmpdir[1024];
    char title[256], edition[64];
    int64_t created;
    int level;
    unsigned part, nparts;
    uint64_t split;
    char *partsums;           /* part 1 of a split archive: the others' */
    void (*progress)(void *, const char *, uint64_t, uint64_t);
    void *pctx;
    /* runs */
    fmt_buf arena;            /* [u32 klen][key][u32 plen][payload]... */
    size_t *offs, noffs, capoffs;
    FILE **spills;
    size_t nspills;
    uint64_t ndocs, source_bytes;
    /* zaak status */
    docmeta *meta;
    size_t nmeta, capmeta;
    /* dictionary samples: records, and (format 6) their summaries */
    sampleset srec, ssum;
    fmt_buf enc;              /* scratch for encoding */
    fmt_buf minkey;           /* the smallest sort key added (appending) */
    char err[512];
};

typedef struct {
    char zaak[16];
    int32_t asked;       /* earliest submitted date of a question */
    int32_t answered;    /* earliest received date of an answer */
    uint8_t withdrawn, noticed, has_answer;
    uint32_t qdoc;       /* docno + 1 of its newest question written that
                            can prime an answer (prime_choose); 0: none */
} zaakinfo;

typedef struct {
    fmt_buf payload;     /* the serialised document */
    fmt_buf out;         /* its deflated form */
    size_t clen;
    uint32_t pcrc;
    uint32_t ref;        /* docno of the question it is primed with, or
                            NO_REF */
    fmt_buf reftext;     /* that question's text */
    fmt_buf sumz;        /* its summary, deflated (build_summary_deflate) */
} cdoc;

#define NO_REF UINT32_MAX

/* An answer or notice repeats its question, and usually comes right after
 * it (documents are in (date, id) order and an answer carries its
 * question's submitted date), so the last QRING questions are kept to
 * prime their answers' compression with. */
#define QRING 512
#define MIN_REF_TEXT 256

typedef struct {
    char zaak[16];
    uint32_t docno;
    fmt_buf text;
} qref;

/* Items (records or summaries) gathered into one LMDB value, VB_CHUNK
 * documents a value (the chunk, record.c). */
typedef struct {
    fmt_buf data;             /* the items so far */
    uint32_t off[VB_CHUNK + 1];
    uint32_t n, no;           /* items in it; the chunk's number */
    int zipped;               /* deflated summaries: written as a format 6
                                 summary chunk (record_zchunk_put) */
} chunker;

/* SHA-256 of a file's first len bytes (all of it when len is
 * UINT64_MAX) on a thread of its own, so that it overlaps other work: the
 * new file's and (appending) the base's, both while the new file is
 * synced. */
typedef struct {
    int fd;
    uint64_t len, total;
    unsigned char digest[32];
    int err;             /* errno of a failed read; ESPIPE: file too short */
    pthread_t th;
    int running;
} hasher;

typedef struct {
    fmt_writer *w;
    MDB_env *env;
    MDB_txn *txn;
    MDB_dbi meta, docs, summary, ids, cols;
    vb_index *ix;
    dict_zc *zc[2];
    unsigned char dict[FMT__DICT_MAX];
    size_t dictlen;
    zaakinfo *zaken;
    size_t nzaken;
    fmt_buf rec, zbuf;
    chunker crec, csum;       /* records and summaries, VB_CHUNK a value */
    idtab_builder ids_out;    /* the ids table, written at the end (idtab.c) */
    unsigned char sdict[VB_SDICT_MAX]; /* the summary dictionary */
    size_t sdictlen;
    dict_zc *szc[2];          /* summaries deflated with it: [0] on the
                                 compression thread, [1] on this one */
    fmt_buf sz;               /* a summary, before it is deflated */
    char tmp[1100];           /* OUT.tmp-PID while it is being built */
    int tmp_made;
    struct stat tmpst;        /* the file publish_tmp_create() made there */
    qref qring[QRING];        /* recent questions (see prime_choose) */
    size_t qnext;
    uint32_t fillno;
    uint64_t records_bytes;
    uint32_t kinds[4];
    int32_t first, last;
    /* appending (fmt_writer_finish_append): the base archive, its
     * documents come first; what it says of itself */
    fmt_archive *base;
    uint32_t nbase;
    fmt_info binfo;
    uint32_t *touched;        /* its documents in zaken the new ones join */
    size_t ntouched, captouched;
    uint32_t new_zaken;       /* zaken it does not have */
    uint32_t *zdocs;          /* a zaak's documents in it (append_zaak) */
    size_t capzdocs;
    fmt_doc bdoc;             /* scratch for its documents */
    fmt_buf back;             /* a question read back (read_back) */
    int basefd;               /* its file, hashed by bhash */
    hasher bhash;
    int hashing;
} build;

/* ---- build.c -------------------------------------------------------------- */

/* Set w's message (printf-style) and return code. */
int build_err(fmt_writer *w, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Report a phase to the writer's progress callback, if any. */
void build_progress(build *b, const char *phase, uint64_t done, uint64_t n);
/* An LMDB failure rc while doing what, as the writer's error. */
int build_mdb_fail(build *b, int rc, const char *what);
/* Put k -> v into dbi in the build's transaction. */
int build_put(build *b, MDB_dbi dbi, const void *k, size_t kl, const void *v,
              size_t vl, unsigned flags);
/* Write the chunk gathered in ch into dbi (the chunk, record.c). */
int build_flush_chunk(build *b, chunker *ch, MDB_dbi dbi, uint64_t *bytes,
                      unsigned flags);
/* d's summary (its zaak's status and answer days as given) deflated
 * with the summary dictionary, appended to ch's data as one more item
 * (the caller records its end in ch->off). */
int build_summary_add(build *b, chunker *ch, const fmt_doc *d, int status,
                      int days);
/* The same into out (its contents replaced), with zc, raw as scratch:
 * what the compression thread does. FMT_OK or FMT_NOMEM. */
int build_summary_deflate(dict_zc *zc, const fmt_doc *d, int status, int days,
                          fmt_buf *raw, fmt_buf *out);
/* What the zaak status needs of d, kept per document. */
int build_add_meta(fmt_writer *w, const fmt_doc *d);
/* Orders docmeta by zaak (qsort). */
int build_meta_cmp(const void *a, const void *b);
/* One entry per zaak, sorted, from the per-document metadata (which is
 * freed). NULL when memory ran out. */
zaakinfo *build_zaken(fmt_writer *w, size_t *nz);
/* The status of d's zaak, and the days it took to answer (-1: none). */
int build_status(const fmt_doc *d, const zaakinfo *z, size_t nz, int *days);
/* The build's entry of zaak, or NULL. */
zaakinfo *build_find_zaak(build *b, const char *zaak);
/* Free a reused buffer an outsized document grew (need: what it will
 * hold next). */
void build_trim(fmt_buf *b, size_t need);

/* ---- runs.c: the external sort ----------------------------------------- */

/* Sort keys (u32 BE date, then the id) compare as bytes, a prefix first. */
int runs_key_less(const unsigned char *a, size_t al, const unsigned char *b,
                  size_t bl);
/* Sort the run buffer and write it to a new unlinked file. */
int runs_spill(fmt_writer *w);
/* Every run of w (the spilled ones, then the one in memory, sorted now)
 * at its first document: *runs (nr of them) for runs_free. FMT_OK,
 * FMT_NOMEM (*runs NULL when it could not be made) or FMT_IO. */
int runs_open(fmt_writer *w, run **runs, size_t *nr);
/* The next document of run r into r->key and r->payload; r->done at the
 * end. FMT_OK, FMT_NOMEM or FMT_IO. */
int runs_next(run *r);
/* The run holding the smallest key; NULL when all are done. */
run *runs_min(run *runs, size_t n);
/* Free the runs and w's run buffer. */
void runs_free(fmt_writer *w, run *runs, size_t nr);

/* ---- publish.c: the output file ------------------------------------------ */

/* Make OUT.tmp-PID afresh as a new regular file of ours, open in *fd. */
int publish_tmp_create(build *b, int *fd);
/* Create the environment in b->tmp (appending: the base's copy there). */
int publish_open(build *b);
/* Where each chunk of dbi lies in the file, as the cols value name. */
int publish_positions(build *b, MDB_dbi dbi, const char *name);
/* Commit, and set the map size just above what is used. */
int publish_shrink_map(build *b);
/* Sync, add the checksum trailer, rename into place (appending: and
 * check the base's hash). */
int publish_file(build *b);
/* Wait for a hash started on its own thread. */
void publish_hash_join(hasher *h);
/* Remove the temporary files of packers that were killed. */
void publish_clean_stale(const fmt_writer *w);

/* ---- append.c: building on a base archive -------------------------------- */

/* The base's documents of zaak into b->zdocs (*n; 0: none). */
int append_zaak(build *b, const char *zaak, size_t *n);
/* The base's documents in the zaken the new ones join: their metadata
 * and b->touched. */
int append_zaken(build *b);
/* The base's dictionaries, for the new records and summaries. */
int append_dict(build *b);
/* Copy the base's LMDB file to b->tmp. */
int append_copy(build *b);
/* The base's columns and facets in the index, its last chunks, counts. */
int append_start(build *b);
/* Rewrite the summaries of the base's documents whose status changed. */
int append_restatus(build *b);
/* meta "lineage": the editions the new one grew from. */
int append_lineage(build *b);

/* ---- prime.c: which question primes a document ----------------------------- */

/* Decide which question, if any, primes document c (docno no), and
 * remember questions for the answers to come. FMT_OK or FMT_NOMEM. */
int prime_choose(build *b, cdoc *c, uint32_t no);

#endif
