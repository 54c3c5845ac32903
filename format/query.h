/* query.h - (internal to format/) the parsed form of a search query.
 *
 * fmt_query_parse() (query.c) turns the query text into this tree;
 * search.c evaluates it against the index. Words are already folded with
 * the shared tokenizer (token.h) and stemmed, so evaluation never looks at
 * the raw text again, except to report positions.
 */
#ifndef VB_QUERY_H
#define VB_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include "search.h"

enum qtype {
    Q_ALL,      /* matches every document (the empty query) */
    Q_TERM,     /* one word: matches any indexed word with the same stem */
    Q_PREFIX,   /* word*: any indexed word starting with `word` */
    Q_PHRASE,   /* "a b c": the exact folded words at consecutive positions */
    Q_FIELD,    /* field:value filter, see enum qfield */
    Q_AND,      /* all kids */
    Q_OR,       /* any kid */
    Q_NOT       /* kids[0] excluded; only meaningful inside Q_AND (a lone
                   NOT x means ALL AND NOT x) */
};

enum qfield {
    QF_PARTY,     /* partij: party:       value as typed, compared folded */
    QF_MEMBER,    /* lid: member:         folded; matches any word of a name */
    QF_TO,        /* aan: to:             folded; a word of an addressee */
    QF_KIND,      /* soort: kind:         value = enum fmt_kind as ival */
    QF_YEAR,      /* jaar: year:          from..to as yyyymmdd range */
    QF_DATE,      /* datum: date:         from..to as yyyymmdd range */
    QF_NUMBER,    /* nummer: number:      zaak or document id, as typed */
    QF_STATUS     /* status:              value = enum fmt_status as ival */
};

typedef struct qnode {
    int type;                 /* enum qtype */
    uint32_t off, len;        /* where it stands in the query text */
    /* Q_TERM, Q_PREFIX: the folded word; Q_TERM also its stem */
    char *word;
    char *stem;
    /* Q_PHRASE: the folded words in order */
    char **words;
    size_t nwords;
    /* Q_FIELD */
    int field;                /* enum qfield */
    char *value;              /* folded value (party, member, to, number) */
    int ival;                 /* kind or status */
    int32_t from, to;         /* year/date range, yyyymmdd inclusive */
    /* Q_AND, Q_OR: two or more kids; Q_NOT: one */
    struct qnode **kids;
    size_t nkids;
} qnode;

struct fmt_query {
    char *text;               /* the query as given */
    qnode *root;              /* never NULL after a successful parse */
    size_t nterms;            /* words and filters, for the limit */
};

/* 1 when the query has no words or filters at all (empty input). */
int fmt_query_empty(const fmt_query *q);

#endif
