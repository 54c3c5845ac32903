/* gen.h - what the corpus generator's files share (tool_gen.c: the
 * zaken and their sentences, and main; gen_vocab.c: the vocabulary, the
 * calendar and parliament; gen_docs.c: the documents in their three
 * renderings): its randomness, its output buffer, the vocabulary's and a
 * zaak's types. See tool_gen.c for what the generator makes.
 */
#ifndef VB_GEN_H
#define VB_GEN_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Percent of nouns, adjectives and verbs drawn from the zaak's own words. */
#define LEX_SHARE 35
/* Percent of answer sentences built as opener + clause; of noun phrases
 * that get a prepositional phrase. */
#define OPENER_SHARE 35
#define FRAME_SHARE 45
#define PP_SHARE 15
/* Percent of nouns written as a compound made on the spot. */
#define COMPOUND_SHARE 15

/* ======================================================================
 * Randomness: splitmix64, one stream per zaak.
 * ==================================================================== */

typedef struct {
    uint64_t s;
} rng;

static inline uint64_t rnext(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n), by multiplication instead of a biased modulo. */
static inline uint32_t below(rng *r, uint32_t n)
{
    return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

static inline int chance(rng *r, unsigned pct)
{
    return below(r, 1000) < pct * 10;
}

static inline double unit(rng *r)
{
    return (double)(rnext(r) >> 11) * (1.0 / 9007199254740992.0);
}

static inline uint32_t between(rng *r, uint32_t lo, uint32_t hi)
{
    return lo + below(r, hi - lo + 1);
}

/* A rank in [0, max) with P(rank) about 1/rank: the log-uniform law of an
 * open-ended vocabulary, where a few names are everywhere and most are
 * seen once or twice. */
static inline uint32_t heavy(rng *r, uint32_t max)
{
    uint32_t v = (uint32_t)exp(unit(r) * log((double)max));
    return v > 0 ? v - 1 : 0;
}

static inline uint64_t mix(uint64_t a, uint64_t b)
{
    rng t = { a * 0x9E3779B97F4A7C15ull ^ b };
    rnext(&t);
    return rnext(&t);
}

/* Zipf table: cumulative weights 1/(rank + q)^s scaled to 32 bits. */
typedef struct {
    uint32_t n;
    uint32_t *cum;
} ztab;

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("tool_gen: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static inline void ztab_init(ztab *z, uint32_t n, double s, double q)
{
    double total = 0, acc = 0;
    z->n = n;
    z->cum = xmalloc(n * sizeof *z->cum);
    for (uint32_t i = 0; i < n; i++)
        total += pow(i + q, -s);
    for (uint32_t i = 0; i < n; i++) {
        acc += pow(i + q, -s);
        double c = acc / total * 4294967295.0;
        z->cum[i] = i + 1 == n ? UINT32_MAX : (uint32_t)c;
    }
}

static inline uint32_t zpick(const ztab *z, rng *r)
{
    uint32_t u = (uint32_t)(rnext(r) >> 32), lo = 0, hi = z->n - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (z->cum[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ======================================================================
 * Output buffer
 * ==================================================================== */

typedef struct {
    char *p;
    size_t len, cap;
} sbuf;

static inline void sb_grow(sbuf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("tool_gen: out of memory\n", stderr);
        exit(1);
    }
    b->p = p;
    b->cap = cap;
}

static inline void sb_putn(sbuf *b, const char *s, size_t n)
{
    sb_grow(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static inline void sb_put(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

static inline void sb_putc(sbuf *b, char c)
{
    sb_grow(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = 0;
}

static inline void sb_num(sbuf *b, unsigned long v)
{
    char t[24];
    int n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        sb_putc(b, t[--n]);
}

/* Dutch thousands separators: 12.500 */
static inline void sb_dnum(sbuf *b, unsigned long v)
{
    if (v >= 1000) {
        sb_dnum(b, v / 1000);
        char t[5];
        snprintf(t, sizeof t, ".%03lu", v % 1000);
        sb_put(b, t);
    } else {
        sb_num(b, v);
    }
}

static inline void sb_reset(sbuf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = 0;
}

/* Upper-cases the ASCII letter at byte i (sentence starts, headlines). */
static inline void sb_capital(sbuf *b, size_t i)
{
    if (i < b->len && b->p[i] >= 'a' && b->p[i] <= 'z')
        b->p[i] = (char)(b->p[i] - 'a' + 'A');
}

/* Domain nouns: what questions to each group of ministries are about. */
enum {
    D_JUSTICE, D_HEALTH, D_ECONOMY, D_AGRI, D_INFRA, D_DEFENCE, D_FOREIGN,
    D_FINANCE, D_EDUCATION, D_SOCIAL, D_INTERIOR, D_MIGRATION, D_COUNT
};

/* ======================================================================
 * Parsed vocabulary
 * ==================================================================== */

typedef struct {
    const char *sg, *pl;    /* pl is NULL when the word has none */
    unsigned char het;
} noun;

typedef struct {
    noun *v;
    ztab z;
} nounlist;

typedef struct {
    const char *base, *infl;
} adjective;

typedef struct {
    const char *inf, *part, *s3;  /* s3 NULL: no plain 3rd person form */
} verb;

typedef struct {
    const char *name, *acr;
    int article;            /* 0 none, 1 de, 2 het */
} org;

/* ======================================================================
 * Parliament: parties, members, ministries, ministers
 * ==================================================================== */

typedef struct {
    const char *name;
    int from, to;            /* years the party sat in the Kamer */
    int weight;              /* share of the members */
} party;

#define NMEMBERS 300
#define YEAR0 2008
#define YEARS 17

typedef struct {
    char name[64];           /* as at the start of a header: "Van der Staaij" */
    char surname[48];        /* without a first name, for "motie-Van Dijk" */
    int party, y0, y1;
} member;

typedef struct {
    const char *name;
    int voor;                /* "Minister voor X" rather than "van X" */
    int from, to;            /* yyyymm */
    int dom;
    int weight;
} ministry;

enum { MIN_AZ = 0 };

/* ======================================================================
 * A zaak: everything its documents share
 * ==================================================================== */

#define MAXQ 20
#define MAXFN 9
#define MAXMEM 7
#define LEXN 12
#define LEXA 5
#define LEXV 5
#define LEXC 5

enum { ROLE_MIN, ROLE_STAS };
enum { FN_NEWS, FN_KAMERSTUK, FN_AANHANGSEL, FN_BRIEF, FN_URL };

typedef struct {
    int kind;
    int src;                 /* news source */
    long day;
    sbuf title, url;
    unsigned a, b;           /* numbers of kamerstuk references */
} footnote;

typedef struct {
    rng r;
    int year;
    char zaak[16];
    long d_in, d_notice, d_answer;
    int has_answer, has_notice;
    int mem[MAXMEM], nmem;
    int min[3], role[3], nmin;
    int dom;
    const noun *topic[3];
    int ntopic;
    sbuf entity;             /* the company, place or body it is about */
    sbuf headline;           /* the news item it starts from */
    int news_src;
    sbuf subject;            /* plain: "het bericht «...»" */
    int subject_kind;
    int nq;
    sbuf q[MAXQ];            /* question texts; \1 + digit marks a footnote */
    int nfn;
    footnote fn[MAXFN];
    unsigned aanhangsel_nr, notice_nr;
    int cur_q;               /* question being written (for $k) */
    /* The zaak's own words: what its documents keep coming back to. */
    const noun *lex_n[LEXN];
    int nlex_n;
    const adjective *lex_a[LEXA];
    const verb *lex_v[LEXV];
    noun comp[LEXC];
    char comp_sg[LEXC][80], comp_pl[LEXC][88];
    uint64_t used_q[4], used_s[4]; /* templates used in this document */
} zaak;

/* ======================================================================
 * Rendering: Markdown (MD), officielebekendmakingen.nl (OB) and
 * tweedekamer.nl (TK)
 * ==================================================================== */

enum { ST_MD, ST_OB, ST_TK };

/* gen_vocab.c: how many adjectives and verbs there are (g_adj, g_verb) */
extern const size_t n_adjectives, n_verbs;

/* gen_vocab.c */
extern const char *const adverbs[];
extern const char *const groups[];
extern const char *const news_sources[];
extern const char *const news_urls[];
extern const char *const laws[];
extern nounlist g_nouns, g_dom[D_COUNT];
extern adjective *g_adj;
extern verb *g_verb;
extern org *g_org;
extern ztab z_adj, z_verb, z_org, z_adv, z_group, z_src, z_law;
void load_vocabulary(void);
long days_from_civil(long y, unsigned m, unsigned d);
void civil_from_days(long z, int *y, int *m, int *d);
void sb_date(sbuf *b, long day);
int year_of(long day);
void sb_vergaderjaar(sbuf *b, long day, const char *dash);
extern const party parties[];
extern member g_mem[NMEMBERS];
extern int g_year_mem[YEARS][NMEMBERS];
extern int g_year_nmem[YEARS];
void make_members(void);
extern const ministry ministries[];
const char *office_holder(int mi, int role, long day);
int pick_ministry(rng *r, long day, int not1, int not2);
void put_company(sbuf *b, uint32_t k);
void put_place(sbuf *b, uint32_t k);
void put_person(sbuf *b, rng *r);

/* gen_docs.c */
void emit_question(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp);
void emit_answer(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp);
void emit_notice(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp);

/* tool_gen.c */
void load_synonyms(void);
void sentence(sbuf *b, zaak *z, rng *r, const char *t);
void answer_paras(sbuf *t, zaak *z, rng *r, int i);

#endif
