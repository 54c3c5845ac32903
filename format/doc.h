/* doc.h - the document model: one parsed question, answer or notice.
 *
 * The packer's parser fills a fmt_doc from source text; the archive stores it
 * (format/record.c) and gives it back to the programs. The verbatim source
 * text is the truth: every other field is derived from it. Spans point into
 * that text by byte offset, so the reader can show and highlight the very
 * bytes a block came from.
 *
 * Ownership: a fmt_doc owns every string and array it points to, including
 * `text`. Fill one only through the fmt_doc_* functions below (they copy
 * what they are given); release it with fmt_doc_free(). A zeroed fmt_doc is
 * a valid empty document.
 */
#ifndef VB_DOC_H
#define VB_DOC_H

#include <stddef.h>
#include <stdint.h>

enum fmt_kind {
    FMT_KIND_NONE = 0,
    FMT_QUESTION = 1, /* "Vragen van het lid ..." with Vraag 1..N */
    FMT_ANSWER = 2,   /* "Antwoord van Minister ..." with Vraag/Antwoord pairs */
    FMT_NOTICE = 3    /* "Mededeling van ..." : the answer will be late */
};

typedef struct {
    uint32_t off, len;  /* byte range in fmt_doc.text */
} fmt_span;

typedef struct {
    char *name;   /* as the header writes it: "Inge van Dijk" (no markup) */
    char *party;  /* "CDA", or NULL when the header names none */
} fmt_member;

/* A numbered question or answer. "Vraag 4 en 5" has numbers {4, 5}. */
typedef struct {
    uint16_t *numbers;
    size_t nnumbers;
    fmt_span span;      /* the body, without the "Vraag N" heading */
} fmt_block;

typedef struct {
    char *mark;         /* "1", "3", "*" : as written, without ^{} or [] */
    fmt_span span;      /* the footnote's text, without its mark */
    char **urls;        /* every URL in it, in order */
    size_t nurls;
} fmt_note;

typedef struct fmt_doc {
    char *id;            /* unique in an archive, stable across editions */
    char *source;        /* source path as packed (relative), with extension */
    int kind;            /* enum fmt_kind */
    char zaak[16];       /* "2022Z01227", or "" when the text has none */
    char *docnum;        /* other document number the text names
                            ("2020D19385", "ah-tk-20142015-1365"), or NULL */
    int32_t submitted;   /* ingezonden, as yyyymmdd; 0 when unknown */
    int32_t received;    /* ontvangen (answers, notices), yyyymmdd; 0 unknown */
    char *subject;       /* after "over" up to "(ingezonden", no markup */
    fmt_member *members;       size_t nmembers;
    char **addressees;         size_t naddressees;   /* "Minister van ..." */
    char **answered_by;        size_t nanswered_by;  /* "Minister X (Ministry)":
                                                        who signed */
    char **on_behalf_of;       size_t non_behalf_of; /* "mede namens de Minister
                                                        van Y": "Minister van Y" */
    char **cosigned_by;        size_t ncosigned_by;  /* "mede ondertekend door
                                                        ...": as written */
    char **source_urls;        size_t nsource_urls;  /* the official addresses an
                                                        aggregator's page names
                                                        ("Bron vraag URL") */
    fmt_block *questions;      size_t nquestions;
    fmt_block *answers;        size_t nanswers;
    fmt_note *footnotes;       size_t nfootnotes;
    char **warnings;           size_t nwarnings;     /* "line 3: ..." */
    fmt_span header;     /* the opening "Vragen van ..." sentence, if found */
    fmt_span notice;     /* a notice's body ("Mededeling" text), if any */
    int zaak_linked;     /* 1: zaak is not in the text but derived by the
                            packer from the question this answer or notice
                            was linked to (packer/link.c); 0: parsed */
    char *text;          /* the verbatim source bytes (not NUL-terminated
                            in the archive sense; a NUL is kept after len) */
    size_t len;
} fmt_doc;

/* Release everything d owns and zero it. Safe on a zeroed doc. */
void fmt_doc_free(fmt_doc *d);

/* Setters and appenders: each copies its arguments (len bytes, or up to the
 * NUL when len is (size_t)-1) and returns 0, or -1 when memory ran out (the
 * doc is then unchanged). A NULL party means "none". */
int fmt_doc_set_text(fmt_doc *d, const char *text, size_t len);
int fmt_doc_set_str(char **field, const char *s, size_t len);
int fmt_doc_add_member(fmt_doc *d, const char *name, size_t nlen,
                       const char *party, size_t plen);
int fmt_doc_add_str(char ***arr, size_t *n, const char *s, size_t len);
int fmt_doc_add_block(fmt_block **arr, size_t *n, const uint16_t *numbers,
                      size_t nnumbers, fmt_span span);
int fmt_doc_add_note(fmt_doc *d, const char *mark, size_t mlen, fmt_span span);
int fmt_doc_add_note_url(fmt_note *note, const char *url, size_t len);
/* printf-style warning, stored as given ("line 3: no date"). */
int fmt_doc_warn(fmt_doc *d, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The date d is filed and sorted under: an answer's or a notice's own date
 * (ontvangen) when known, else the date the questions were submitted.
 * Documents are numbered in this order, `jaar:` and `datum:` filter on it,
 * and a new edition's answers to older questions come after the old
 * edition's documents (so it can be appended). */
int32_t fmt_doc_date(const fmt_doc *d);

/* "question" / "answer" / "notice" / "unknown" */
const char *fmt_kind_name(int kind);
/* Inverse of fmt_kind_name; also Dutch "vraag", "antwoord", "mededeling".
 * Returns FMT_KIND_NONE for anything else. */
int fmt_kind_parse(const char *s);

/* Copy a span's text into a new NUL-terminated string with the layout
 * flattened for display and JSON: single line breaks become spaces, runs of
 * spaces collapse, blank lines stay as one "\n\n" paragraph break, and the
 * ends are trimmed. Returns NULL when memory ran out. Caller frees. */
char *fmt_span_text(const fmt_doc *d, fmt_span s);

#endif
