/* test_query.c - the search query parser (format/query.c): query text in,
 * query tree out.
 *
 * Most cases are rows of a table: a query and the tree it must give, in a
 * compact printed form ("AND(TERM(douanescanner) TERM(nuctech))"), or the
 * error it must give with its byte position. Then the bounds (10,000 words,
 * 10,000 parentheses must stop at the limit at once), allocation failures,
 * thousands of random strings from a fixed seed, and the real sample
 * documents: every line parses or fails cleanly, and every word of the
 * reference text, typed as a query, becomes the very token the index holds.
 *
 * Printed form: TERM(word) or TERM(word~stem) when the stem differs;
 * PREFIX(w); PHRASE(w1 w2); PARTY/MEMBER/TO/NUMBER(value); KIND(question);
 * STATUS(answered); YEAR/DATE(from..to); NOT(x); AND(...); OR(...); ALL.
 * With positions, each node is followed by @off+len.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "format.h"
#include "query.h"
#include "search.h"
#include "token.h"

/* From format/internal.h (which also pulls in lmdb.h): make the nth
 * allocation of format/ from now fail, 0 for never. */
void alloc_fail_after(unsigned long n);

#define SAMPLES "samples"

/* ---- printing a tree ---------------------------------------------------- */

typedef struct {
    char *s;
    size_t n, cap;
} strbuf;

static void sb_printf(strbuf *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void sb_printf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(k >= 0);
    if (b->n + (size_t)k + 1 > b->cap) {
        b->cap = 2 * (b->n + (size_t)k + 1);
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

static const char *const field_tag[] = {
    "PARTY", "MEMBER", "TO", "KIND", "YEAR", "DATE", "NUMBER", "STATUS"
};
static const char *const kind_tag[] = {"none", "question", "answer", "notice"};
static const char *const status_tag[] = {
    "none", "open", "answered", "late", "withdrawn"
};

static void print_node(strbuf *b, const qnode *q, int pos)
{
    static const char *const tag[] = {
        "ALL", "TERM", "PREFIX", "PHRASE", "FIELD", "AND", "OR", "NOT"
    };
    switch (q->type) {
    case Q_ALL:
        sb_printf(b, "ALL");
        break;
    case Q_TERM:
        if (strcmp(q->word, q->stem))
            sb_printf(b, "TERM(%s~%s)", q->word, q->stem);
        else
            sb_printf(b, "TERM(%s)", q->word);
        break;
    case Q_PREFIX:
        sb_printf(b, "PREFIX(%s)", q->word);
        break;
    case Q_PHRASE:
        sb_printf(b, "PHRASE(");
        for (size_t i = 0; i < q->nwords; i++)
            sb_printf(b, "%s%s", i ? " " : "", q->words[i]);
        sb_printf(b, ")");
        break;
    case Q_FIELD:
        sb_printf(b, "%s(", field_tag[q->field]);
        if (q->field == QF_KIND)
            sb_printf(b, "%s)", kind_tag[q->ival]);
        else if (q->field == QF_STATUS)
            sb_printf(b, "%s)", status_tag[q->ival]);
        else if (q->field == QF_YEAR || q->field == QF_DATE)
            sb_printf(b, "%d..%d)", (int)q->from, (int)q->to);
        else
            sb_printf(b, "%s)", q->value);
        break;
    default:
        sb_printf(b, "%s(", tag[q->type]);
        for (size_t i = 0; i < q->nkids; i++) {
            if (i)
                sb_printf(b, " ");
            print_node(b, q->kids[i], pos);
        }
        sb_printf(b, ")");
        break;
    }
    if (pos)
        sb_printf(b, "@%u+%u", (unsigned)q->off, (unsigned)q->len);
}

/* The printed tree of q (caller frees). */
static char *print_tree(const fmt_query *q, int pos)
{
    strbuf b = {0};
    print_node(&b, q->root, pos);
    return b.s;
}

/* ---- what every parsed tree must satisfy --------------------------------- */

/* Check q's subtree against query.h's promises; parent is the type of the
 * node above (-1 at the root). Returns the number of words and filters. */
static size_t check_node(const qnode *q, int parent, size_t textlen,
                         int depth)
{
    size_t n = 0;
    assert_true(depth < 4 * FMT_QUERY_MAXDEPTH + 8);
    assert_true((size_t)q->off + q->len <= textlen);
    switch (q->type) {
    case Q_ALL:
        assert_int_equal(q->nkids, 0);
        return 0;
    case Q_TERM:
        assert_true(q->word && *q->word && q->stem && *q->stem);
        return 1;
    case Q_PREFIX:
        assert_true(q->word && strlen(q->word) >= 2);
        return 1;
    case Q_PHRASE:
        assert_true(q->nwords >= 1);
        for (size_t i = 0; i < q->nwords; i++)
            assert_true(q->words[i] && *q->words[i]);
        return q->nwords;
    case Q_FIELD:
        assert_true(q->field >= QF_PARTY && q->field <= QF_STATUS);
        if (q->field == QF_KIND)
            assert_true(q->ival >= FMT_QUESTION && q->ival <= FMT_NOTICE);
        else if (q->field == QF_STATUS)
            assert_true(q->ival >= FMT_STATUS_OPEN &&
                        q->ival <= FMT_STATUS_WITHDRAWN);
        else if (q->field == QF_YEAR || q->field == QF_DATE)
            assert_true(q->from <= q->to && q->from >= 10000101 &&
                        q->to <= 99991231);
        else
            assert_true(q->value && *q->value);
        return 1;
    case Q_NOT:
        /* only inside an AND, and never NOT NOT */
        assert_int_equal(parent, Q_AND);
        assert_int_equal(q->nkids, 1);
        assert_int_not_equal(q->kids[0]->type, Q_NOT);
        return check_node(q->kids[0], Q_NOT, textlen, depth + 1);
    case Q_AND:
    case Q_OR: {
        int positive = 0;
        assert_true(q->nkids >= 2); /* one kid collapses to the kid */
        for (size_t i = 0; i < q->nkids; i++) {
            assert_int_not_equal(q->kids[i]->type, q->type); /* flat */
            positive |= q->kids[i]->type != Q_NOT;
            n += check_node(q->kids[i], q->type, textlen, depth + 1);
        }
        assert_true(positive);
        return n;
    }
    default:
        fail_msg("bad node type %d", q->type);
    }
    return 0;
}

static void check_tree(const fmt_query *q, const char *text)
{
    assert_non_null(q->root);
    assert_string_equal(q->text, text);
    size_t n = check_node(q->root, -1, strlen(text), 0);
    assert_int_equal(n, q->nterms);
    assert_true(q->nterms <= FMT_QUERY_MAXTERMS);
    assert_int_equal(fmt_query_empty(q), q->root->type == Q_ALL);
}

/* Parse text, which may be anything: the result is OK with a sound tree,
 * or an error with a message and a position inside the text. */
static int parse_any(const char *text)
{
    fmt_query *q = (fmt_query *)1;
    char err[256];
    size_t pos = 12345;
    int rc = fmt_query_parse(&q, text, err, sizeof err, &pos);
    if (rc == FMT_OK) {
        assert_non_null(q);
        check_tree(q, text);
        fmt_query_free(q);
    } else {
        if (rc != FMT_INVALID && rc != FMT_LIMIT)
            fail_msg("'%s': rc %d (%s)", text, rc, err);
        assert_null(q);
        assert_true(err[0] != '\0');
        assert_true(pos <= strlen(text));
    }
    return rc;
}

/* ---- the tables ---------------------------------------------------------- */

static const struct {
    const char *query, *tree;
} trees[] = {
    /* words, folding, stemming */
    {"douanescanner nuctech", "AND(TERM(douanescanner) TERM(nuctech))"},
    {"Scanners", "TERM(scanners~scanner)"},
    {"aanbestedingen", "TERM(aanbestedingen~aanbested)"},
    {"geïnstalleerd,", "TERM(geinstalleerd)"},
    {"GEÏNSTALLEERD", "TERM(geinstalleerd)"},
    {"Nuctech-apparatuur", "TERM(nuctech-apparatuur)"},
    {"«Chinese douanescanners»",
     "AND(TERM(chinese~chines) TERM(douanescanners~douanescanner))"},
    {"import/export", "AND(TERM(import) TERM(export))"},
    {"F-35 D'66 COVID-19 2022Z01227",
     "AND(TERM(f-35) TERM(d66) TERM(covid-19) TERM(2022z01227))"},
    {"'s-Gravenhage", "TERM(s-gravenhage)"},
    {"artikel 2.116", "AND(TERM(artikel) TERM(2.116))"},
    {"« Nuctech »", "TERM(nuctech)"},
    {"scanner - schiphol", "AND(TERM(scanner) TERM(schiphol))"},
    {"scanner -- schiphol", "AND(TERM(scanner) TERM(schiphol))"},
    {"nuctech\xc2\xa0OR\xc2\xa0" "dynaxion",
     "OR(TERM(nuctech) TERM(dynaxion))"},
    /* OR, AND, NOT */
    {"nuctech OR dynaxion", "OR(TERM(nuctech) TERM(dynaxion))"},
    {"nuctech | dynaxion", "OR(TERM(nuctech) TERM(dynaxion))"},
    {"nuctech|dynaxion", "OR(TERM(nuctech) TERM(dynaxion))"},
    {"nuctech || dynaxion", "OR(TERM(nuctech) TERM(dynaxion))"},
    {"nuctech or dynaxion", "AND(TERM(nuctech) TERM(or) TERM(dynaxion))"},
    {"nuctech Or dynaxion", "AND(TERM(nuctech) TERM(or) TERM(dynaxion))"},
    {"scanners AND schiphol", "AND(TERM(scanners~scanner) TERM(schiphol))"},
    {"scanner and schiphol",
     "AND(TERM(scanner) TERM(and) TERM(schiphol))"},
    {"haven rotterdam OR schiphol douane",
     "OR(AND(TERM(haven~hav) TERM(rotterdam)) AND(TERM(schiphol) "
     "TERM(douane~douan)))"},
    {"scanner -schiphol", "AND(TERM(scanner) NOT(TERM(schiphol)))"},
    {"scanner NOT schiphol", "AND(TERM(scanner) NOT(TERM(schiphol)))"},
    {"scanner not schiphol",
     "AND(TERM(scanner) TERM(not) TERM(schiphol))"},
    {"-schiphol", "AND(ALL NOT(TERM(schiphol)))"},
    {"NOT schiphol", "AND(ALL NOT(TERM(schiphol)))"},
    {"-schiphol -rotterdam",
     "AND(ALL NOT(TERM(schiphol)) NOT(TERM(rotterdam)))"},
    {"NOT NOT schiphol", "TERM(schiphol)"},
    {"NOT « schiphol", "AND(ALL NOT(TERM(schiphol)))"},
    {"scanner -() \"\" schiphol", "AND(TERM(scanner) NOT(TERM(schiphol)))"},
    {"-(-schiphol)", "TERM(schiphol)"},
    {"NOT -(NOT schiphol)", "AND(ALL NOT(TERM(schiphol)))"},
    {"nuctech OR -schiphol",
     "OR(TERM(nuctech) AND(ALL NOT(TERM(schiphol))))"},
    {"-(nuctech OR -schiphol) haven",
     "AND(NOT(OR(TERM(nuctech) AND(ALL NOT(TERM(schiphol))))) "
     "TERM(haven~hav))"},
    {"-(-schiphol -haven) nuctech",
     "AND(NOT(AND(ALL NOT(TERM(schiphol)) NOT(TERM(haven~hav)))) "
     "TERM(nuctech))"},
    {"-\"gelijk speelveld\" nuctech",
     "AND(NOT(PHRASE(gelijk speelveld)) TERM(nuctech))"},
    {"F-35 -F-16", "AND(TERM(f-35) NOT(TERM(f-16)))"},
    /* grouping and flattening */
    {"(nuctech OR dynaxion) scanner",
     "AND(OR(TERM(nuctech) TERM(dynaxion)) TERM(scanner))"},
    {"((nuctech))", "TERM(nuctech)"},
    {"(a b) (c d)", "AND(TERM(a) TERM(b) TERM(c) TERM(d))"},
    {"(a OR b) OR (c OR d)", "OR(TERM(a) TERM(b) TERM(c) TERM(d))"},
    {"a (b (c d))", "AND(TERM(a) TERM(b) TERM(c) TERM(d))"},
    {"a OR (b OR c) d", "OR(TERM(a) AND(OR(TERM(b) TERM(c)) TERM(d)))"},
    {"x/y z", "AND(TERM(x) TERM(y) TERM(z))"},
    {"NOT(a)", "AND(ALL NOT(TERM(a)))"},
    /* nothing to search for */
    {"", "ALL"},
    {"   \t\n", "ALL"},
    {"-", "ALL"},
    {"«»", "ALL"},
    {"()", "ALL"},
    {"( ( ) )", "ALL"},
    {"\"\"", "ALL"},
    {"\"«»\" nuctech", "TERM(nuctech)"},
    {"nuctech ()", "TERM(nuctech)"},
    /* phrases */
    {"\"gelijk speelveld\"", "PHRASE(gelijk speelveld)"},
    {"\"Scanners\"", "PHRASE(scanners)"},
    {"\"de Nuctech-apparatuur, geïnstalleerd\"",
     "PHRASE(de nuctech-apparatuur geinstalleerd)"},
    {"\"OR\" \"NOT\" \"partij:CDA\"",
     "AND(PHRASE(or) PHRASE(not) PHRASE(partij cda))"},
    {"\"a\"\"b\"", "AND(PHRASE(a) PHRASE(b))"},
    {"douane\"scanner\"", "AND(TERM(douane~douan) PHRASE(scanner))"},
    /* prefixes */
    {"aanbested*", "PREFIX(aanbested)"},
    {"Aanbested*", "PREFIX(aanbested)"},
    {"aanbested**", "PREFIX(aanbested)"},
    {"geïnst*", "PREFIX(geinst)"},
    {"nuctech-app*", "PREFIX(nuctech-app)"},
    {"douane/scan*", "AND(TERM(douane~douan) PREFIX(scan))"},
    {"sc* -schiphol", "AND(PREFIX(sc) NOT(TERM(schiphol)))"},
    {"a*b", "AND(TERM(a) TERM(b))"},
    /* unknown field names are words */
    {"foo:bar", "AND(TERM(foo) TERM(bar))"},
    {"10:30", "AND(TERM(10) TERM(30))"},
    {"https://www.rtlnieuws.nl/economie",
     "TERM(https://www.rtlnieuws.nl/economie)"},
    {"partijen:CDA", "AND(TERM(partijen~partij) TERM(cda))"},
    /* fields: party */
    {"partij:CDA", "PARTY(cda)"},
    {"Partij:CDA", "PARTY(cda)"},
    {"party:cda", "PARTY(cda)"},
    {"PARTY:VVD", "PARTY(vvd)"},
    {"partij:D'66", "PARTY(d66)"}, /* folded like the text */
    {"partij:CDA|VVD", "OR(PARTY(cda) PARTY(vvd))"},
    {"partij:CDA|VVD OR partij:D66",
     "OR(PARTY(cda) PARTY(vvd) PARTY(d66))"},
    {"partij:\"Partij voor de Dieren\"", "PARTY(partij voor de dieren)"},
    {"partij:\"GroenLinks-PvdA\"|SP", "OR(PARTY(groenlinks-pvda) PARTY(sp))"},
    {"-partij:PVV", "AND(ALL NOT(PARTY(pvv)))"},
    {"(partij:CDA)", "PARTY(cda)"},
    {"partij:CDA | VVD", "OR(PARTY(cda) TERM(vvd))"},
    /* member */
    {"lid:Palland", "MEMBER(palland)"},
    {"member:Palland", "MEMBER(palland)"},
    {"lid:\"van Dijk\"", "MEMBER(van dijk)"},
    {"lid:\" Inge van Dijk \"|Palland",
     "OR(MEMBER(inge van dijk) MEMBER(palland))"},
    {"lid:Amhaouch", "MEMBER(amhaouch)"},
    /* addressee */
    {"aan:Justitie", "TO(justitie)"},
    {"to:Justitie", "TO(justitie)"},
    {"minister:Justitie", "TO(justitie)"},
    {"aan:\"Justitie en Veiligheid\"", "TO(justitie en veiligheid)"},
    {"aan:\"Economische Zaken en Klimaat\"|Justitie",
     "OR(TO(economische zaken en klimaat) TO(justitie))"},
    /* kind */
    {"soort:vraag", "KIND(question)"},
    {"soort:Vraag", "KIND(question)"},
    {"kind:answer", "KIND(answer)"},
    {"soort:antwoord", "KIND(answer)"},
    {"soort:mededeling", "KIND(notice)"},
    {"kind:notice", "KIND(notice)"},
    {"kind:question", "KIND(question)"},
    {"soort:vraag|antwoord|mededeling",
     "OR(KIND(question) KIND(answer) KIND(notice))"},
    /* year */
    {"jaar:2022", "YEAR(20220101..20221231)"},
    {"year:2022", "YEAR(20220101..20221231)"},
    {"jaar:2019..2021", "YEAR(20190101..20211231)"},
    {"jaar:2019..", "YEAR(20190101..99991231)"},
    {"jaar:..2019", "YEAR(10000101..20191231)"},
    {"jaar:2022..2022", "YEAR(20220101..20221231)"},
    {"jaar:2014|2022",
     "OR(YEAR(20140101..20141231) YEAR(20220101..20221231))"},
    /* date */
    {"datum:2022-01..2022-03", "DATE(20220101..20220331)"},
    {"date:2022-01-26", "DATE(20220126..20220126)"},
    {"datum:2022", "DATE(20220101..20221231)"},
    {"datum:2022-02", "DATE(20220201..20220228)"},
    {"datum:2024-02", "DATE(20240201..20240229)"},
    {"datum:2000-02-29", "DATE(20000229..20000229)"},
    {"datum:2022-1-5", "DATE(20220105..20220105)"},
    {"datum:26-01-2022", "DATE(20220126..20220126)"},
    {"datum:1-3-2022..2022-04", "DATE(20220301..20220430)"},
    {"datum:2022-01..", "DATE(20220101..99991231)"},
    {"datum:..2022-03", "DATE(10000101..20220331)"},
    {"datum:2021..2022-06", "DATE(20210101..20220630)"},
    /* number */
    {"nummer:2022Z01227", "NUMBER(2022z01227)"},
    {"number:ah-tk-20142015-1365", "NUMBER(ah-tk-20142015-1365)"},
    {"nummer:2022Z01227|2020D19385",
     "OR(NUMBER(2022z01227) NUMBER(2020d19385))"},
    /* status */
    {"status:open", "STATUS(open)"},
    {"STATUS:Open", "STATUS(open)"},
    {"status:beantwoord", "STATUS(answered)"},
    {"status:answered", "STATUS(answered)"},
    {"status:laat", "STATUS(late)"},
    {"status:late", "STATUS(late)"},
    {"status:ingetrokken", "STATUS(withdrawn)"},
    {"status:withdrawn", "STATUS(withdrawn)"},
    {"status:open|beantwoord|laat|ingetrokken",
     "OR(STATUS(open) STATUS(answered) STATUS(late) STATUS(withdrawn))"},
    /* everything together */
    {"nuctech partij:CDA jaar:2022 soort:vraag",
     "AND(TERM(nuctech) PARTY(cda) YEAR(20220101..20221231) "
     "KIND(question))"},
    {"douanescanner* -\"Rotterdamse haven\" (Nuctech OR Dynaxion) "
     "jaar:2022 status:laat|ingetrokken",
     "AND(PREFIX(douanescanner) NOT(PHRASE(rotterdamse haven)) "
     "OR(TERM(nuctech) TERM(dynaxion)) YEAR(20220101..20221231) "
     "OR(STATUS(late) STATUS(withdrawn)))"},
    {"(lid:Palland OR lid:Amhaouch) aan:Justitie -soort:mededeling "
     "datum:2022-01..2022-03",
     "AND(OR(MEMBER(palland) MEMBER(amhaouch)) TO(justitie) "
     "NOT(KIND(notice)) DATE(20220101..20220331))"},
};

/* Where each node stands in the text. */
static const struct {
    const char *query, *tree;
} positions[] = {
    {"  nuctech  OR dynaxion",
     "OR(TERM(nuctech)@2+7 TERM(dynaxion)@14+8)@2+20"},
    {"scanner -schiphol",
     "AND(TERM(scanner)@0+7 NOT(TERM(schiphol)@9+8)@8+9)@0+17"},
    {"-schiphol", "AND(ALL@0+0 NOT(TERM(schiphol)@1+8)@0+9)@0+9"},
    {"\"gelijk speelveld\" aanbested*",
     "AND(PHRASE(gelijk speelveld)@0+18 PREFIX(aanbested)@19+10)@0+29"},
    {"partij:CDA|VVD", "OR(PARTY(cda)@7+3 PARTY(vvd)@11+3)@0+14"},
    {"x lid:\"van Dijk\"",
     "AND(TERM(x)@0+1 MEMBER(van dijk)@2+14)@0+16"},
    {"«Nuctech-apparatuur»", "TERM(nuctech-apparatuur)@2+18"},
    {"geïnstalleerd, (a OR b)",
     "AND(TERM(geinstalleerd)@0+14 OR(TERM(a)@17+1 TERM(b)@22+1)@17+6)"
     "@0+23"},
    {"", "ALL@0+0"},
};

static const struct {
    const char *query;
    int code;
    size_t pos;
    const char *msg; /* a part of the message */
} errors[] = {
    {"(nuctech", FMT_INVALID, 0, "unclosed parenthesis"},
    {"a (b (c)", FMT_INVALID, 2, "unclosed parenthesis"},
    {"nuctech)", FMT_INVALID, 7, "')' without '('"},
    {"a) (b", FMT_INVALID, 1, "')' without '('"},
    {"NOT", FMT_INVALID, 0, "nothing after NOT"},
    {"scanner NOT", FMT_INVALID, 8, "nothing after NOT"},
    {"(a NOT) b", FMT_INVALID, 3, "nothing after NOT"},
    {"NOT OR a", FMT_INVALID, 0, "nothing after NOT"},
    {"a -()", FMT_INVALID, 2, "nothing after -"},
    {"a -«»", FMT_INVALID, 2, "nothing after -"},
    {"\"gelijk speelveld", FMT_INVALID, 0, "unclosed quote"},
    {"a \"b\" \"c", FMT_INVALID, 6, "unclosed quote"},
    {"lid:\"van Dijk", FMT_INVALID, 4, "unclosed quote"},
    {"partij:CDA|\"VVD", FMT_INVALID, 11, "unclosed quote"},
    {"OR a", FMT_INVALID, 0, "OR needs words on both sides"},
    {"a OR", FMT_INVALID, 2, "OR needs words on both sides"},
    {"a OR OR b", FMT_INVALID, 2, "OR needs words on both sides"},
    {"a |", FMT_INVALID, 2, "OR needs words on both sides"},
    {"(OR a)", FMT_INVALID, 1, "OR needs words on both sides"},
    {"a OR ()", FMT_INVALID, 2, "OR needs words on both sides"},
    {"« OR a", FMT_INVALID, 3, "OR needs words on both sides"},
    {"AND a", FMT_INVALID, 0, "AND needs words on both sides"},
    {"a AND", FMT_INVALID, 2, "AND needs words on both sides"},
    {"a AND OR b", FMT_INVALID, 2, "AND needs words on both sides"},
    {"a AND AND b", FMT_INVALID, 2, "AND needs words on both sides"},
    {"a*", FMT_INVALID, 0, "prefix too short"},
    {"*", FMT_INVALID, 0, "prefix too short"},
    {"x é*", FMT_INVALID, 2, "prefix too short"},
    {"douane/s*", FMT_INVALID, 7, "prefix too short"},
    {"partij:", FMT_INVALID, 7, "partij: needs a value, e.g. partij:CDA"},
    {"party: CDA", FMT_INVALID, 6, "party: needs a value, e.g. party:CDA"},
    {"partij:CDA|", FMT_INVALID, 11, "needs a value"},
    {"partij:CDA||VVD", FMT_INVALID, 11, "needs a value"},
    {"(lid:)", FMT_INVALID, 5, "lid: needs a value"},
    {"aan:\"\"", FMT_INVALID, 4, "aan: needs a value"},
    {"jaar:", FMT_INVALID, 5, "jaar: needs a value, e.g. jaar:2022"},
    {"jaar:abc", FMT_INVALID, 5,
     "jaar: expects a year like 2022 or a range like 2019..2021, not 'abc'"},
    {"year:2022-01", FMT_INVALID, 5, "year: expects a year"},
    {"jaar:22", FMT_INVALID, 5, "expects a year"},
    {"jaar:0999", FMT_INVALID, 5, "expects a year"},
    {"jaar:..", FMT_INVALID, 5, "expects a year"},
    {"jaar:2021..2019", FMT_INVALID, 5,
     "jaar: the range '2021..2019' ends before it starts"},
    {"datum:2022-13", FMT_INVALID, 6,
     "datum: expects a date like 2022, 2022-01 or 2022-01-26, or a range "
     "like 2022-01..2022-03, not '2022-13'"},
    {"datum:2022-00", FMT_INVALID, 6, "expects a date"},
    {"datum:2022-02-30", FMT_INVALID, 6, "expects a date"},
    {"datum:2023-02-29", FMT_INVALID, 6, "expects a date"},
    {"datum:2022-01-01-01", FMT_INVALID, 6, "expects a date"},
    {"datum:20220126", FMT_INVALID, 6, "expects a date"},
    {"datum:2022-01...2022-03", FMT_INVALID, 6, "expects a date"},
    {"datum:2022-01..2022..", FMT_INVALID, 6, "expects a date"},
    {"date:2022-03..2022-01", FMT_INVALID, 5, "ends before it starts"},
    {"status:xyz", FMT_INVALID, 7,
     "status: expects open, beantwoord, laat or ingetrokken (answered, "
     "late, withdrawn), not 'xyz'"},
    {"status:open|xyz", FMT_INVALID, 12, "not 'xyz'"},
    {"soort:boek", FMT_INVALID, 6,
     "soort: expects vraag, antwoord or mededeling (question, answer, "
     "notice), not 'boek'"},
    {"kind:\"vraag antwoord\"", FMT_INVALID, 5,
     "not 'vraag antwoord'"},
    /* invalid UTF-8 anywhere: refused where it starts (issue 13: a query
     * of nothing but invalid bytes asked for every document) */
    {"a soort:x\xff\x01y", FMT_INVALID, 9, "not valid UTF-8"},
    {"a soort:\xff\x01", FMT_INVALID, 8, "not valid UTF-8"},
    {"\xff\xfe", FMT_INVALID, 0, "not valid UTF-8"},
    {"scanner \xc3", FMT_INVALID, 8, "not valid UTF-8"},
    {"soort:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     FMT_INVALID, 6, "not 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'"},
};

static void test_trees(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof trees / sizeof trees[0]; i++) {
        fmt_query *q = NULL;
        char err[256];
        size_t pos;
        int rc = fmt_query_parse(&q, trees[i].query, err, sizeof err, &pos);
        if (rc != FMT_OK) {
            printf("'%s': error %d at %zu: %s\n", trees[i].query, rc, pos,
                   err);
            bad++;
            continue;
        }
        check_tree(q, trees[i].query);
        char *got = print_tree(q, 0);
        if (strcmp(got, trees[i].tree)) {
            printf("'%s'\n  want %s\n  got  %s\n", trees[i].query,
                   trees[i].tree, got);
            bad++;
        }
        free(got);
        fmt_query_free(q);
    }
    assert_int_equal(bad, 0);
}

static void test_positions(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof positions / sizeof positions[0]; i++) {
        fmt_query *q = NULL;
        assert_int_equal(fmt_query_parse(&q, positions[i].query, NULL, 0,
                                         NULL), FMT_OK);
        char *got = print_tree(q, 1);
        if (strcmp(got, positions[i].tree)) {
            printf("'%s'\n  want %s\n  got  %s\n", positions[i].query,
                   positions[i].tree, got);
            bad++;
        }
        free(got);
        fmt_query_free(q);
    }
    assert_int_equal(bad, 0);
}

static void test_errors(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        fmt_query *q = NULL;
        char err[256] = "";
        size_t pos = 9999;
        int rc = fmt_query_parse(&q, errors[i].query, err, sizeof err, &pos);
        if (rc != errors[i].code || pos != errors[i].pos ||
            !strstr(err, errors[i].msg) || q) {
            printf("'%s'\n  want %d at %zu: %s\n  got  %d at %zu: %s\n",
                   errors[i].query, errors[i].code, errors[i].pos,
                   errors[i].msg, rc, pos, err);
            bad++;
        }
        fmt_query_free(q);
    }
    assert_int_equal(bad, 0);
}

/* ---- the API's edges ----------------------------------------------------- */

static void test_empty_and_args(void **state)
{
    (void)state;
    fmt_query *q = NULL;
    char err[64];
    size_t pos;

    assert_int_equal(fmt_query_parse(&q, "  ", err, sizeof err, &pos),
                     FMT_OK);
    assert_true(fmt_query_empty(q));
    fmt_query_free(q);
    assert_int_equal(fmt_query_parse(&q, "-schiphol", NULL, 0, NULL), FMT_OK);
    assert_false(fmt_query_empty(q)); /* a NOT alone is a query */
    fmt_query_free(q);
    assert_int_equal(fmt_query_parse(&q, "partij:CDA", NULL, 0, NULL),
                     FMT_OK);
    assert_false(fmt_query_empty(q));
    assert_int_equal(q->nterms, 1);
    fmt_query_free(q);
    assert_true(fmt_query_empty(NULL));
    fmt_query_free(NULL);

    assert_int_equal(fmt_query_parse(NULL, "a", err, sizeof err, &pos),
                     FMT_INVALID);
    q = (fmt_query *)1;
    assert_int_equal(fmt_query_parse(&q, NULL, err, sizeof err, &pos),
                     FMT_INVALID);
    assert_null(q);
    /* no room for the message, or none wanted: still the code */
    assert_int_equal(fmt_query_parse(&q, "(", NULL, 0, NULL), FMT_INVALID);
    assert_int_equal(fmt_query_parse(&q, "(", err, 0, NULL), FMT_INVALID);
    assert_int_equal(fmt_query_parse(&q, "(", err, 5, &pos), FMT_INVALID);
    assert_string_equal(err, "uncl");
    assert_int_equal(pos, 0);
    /* a successful parse clears the old message */
    assert_int_equal(fmt_query_parse(&q, "a", err, sizeof err, &pos),
                     FMT_OK);
    assert_string_equal(err, "");
    fmt_query_free(q);
}

static void test_facets(void **state)
{
    (void)state;
    static const char *const names[] = {
        "party", "member", "addressee", "year", "kind", "status"
    };
    static const char *const flds[] = {
        "partij", "lid", "aan", "jaar", "soort", "status"
    };
    assert_int_equal(FMT_NFACETS, 6);
    for (int f = 0; f < FMT_NFACETS; f++) {
        assert_string_equal(fmt_facet_name(f), names[f]);
        assert_string_equal(fmt_facet_field(f), flds[f]);
        /* each facet's field name is a working filter */
        char text[64];
        snprintf(text, sizeof text, "%s:%s", flds[f],
                 f == FMT_FACET_YEAR ? "2022" :
                 f == FMT_FACET_KIND ? "vraag" :
                 f == FMT_FACET_STATUS ? "open" : "x");
        fmt_query *q = NULL;
        assert_int_equal(fmt_query_parse(&q, text, NULL, 0, NULL), FMT_OK);
        assert_int_equal(q->root->type, Q_FIELD);
        fmt_query_free(q);
    }
    assert_string_equal(fmt_facet_name(-1), "");
    assert_string_equal(fmt_facet_name(FMT_NFACETS), "");
    assert_string_equal(fmt_facet_field(FMT_NFACETS), "");
}

/* ---- bounds -------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* text made of pre, n times rep, then post (caller frees) */
static char *repeat(const char *pre, const char *rep, size_t n,
                    const char *post)
{
    size_t lp = strlen(pre), lr = strlen(rep), lq = strlen(post);
    char *s = malloc(lp + n * lr + lq + 1);
    assert_non_null(s);
    memcpy(s, pre, lp);
    for (size_t i = 0; i < n; i++)
        memcpy(s + lp + i * lr, rep, lr);
    memcpy(s + lp + n * lr, post, lq + 1);
    return s;
}

/* Parse text, expecting code and (if pos != SIZE_MAX) the position, fast. */
static void expect_quick(const char *text, int code, size_t pos)
{
    fmt_query *q = NULL;
    char err[256] = "";
    size_t at = 0;
    double t0 = now();
    int rc = fmt_query_parse(&q, text, err, sizeof err, &at);
    double dt = now() - t0;
    if (rc != code || (pos != SIZE_MAX && at != pos))
        fail_msg("%.40s...: want %d at %zu, got %d at %zu (%s)", text, code,
                 pos, rc, at, err);
    assert_true(dt < 0.1); /* stops at the bound, whatever follows */
    if (rc == FMT_OK)
        check_tree(q, text);
    else
        assert_true(err[0] != '\0');
    fmt_query_free(q);
}

static void test_limits(void **state)
{
    (void)state;
    char *s;

    /* words: 256 is fine, the 257th ("a " is 2 bytes) is one too many */
    s = repeat("", "a ", FMT_QUERY_MAXTERMS, "");
    expect_quick(s, FMT_OK, 0);
    free(s);
    s = repeat("", "a ", FMT_QUERY_MAXTERMS + 1, "");
    expect_quick(s, FMT_LIMIT, 2 * FMT_QUERY_MAXTERMS);
    free(s);
    s = repeat("", "a ", 10000, "");
    expect_quick(s, FMT_LIMIT, 2 * FMT_QUERY_MAXTERMS);
    free(s);
    s = repeat("", "scanner OR ", 10000, "x");
    expect_quick(s, FMT_LIMIT, SIZE_MAX);
    free(s);
    s = repeat("", "a/", 20000, "");  /* one word, 20,000 tokens */
    expect_quick(s, FMT_LIMIT, 2 * FMT_QUERY_MAXTERMS);
    free(s);
    s = repeat("\"", "a ", 10000, "\"");  /* a phrase's words count */
    expect_quick(s, FMT_LIMIT, 1 + 2 * FMT_QUERY_MAXTERMS);
    free(s);
    s = repeat("", "partij:a|", 5000, "b");
    expect_quick(s, FMT_LIMIT, SIZE_MAX);
    free(s);

    /* nesting: 32 levels are fine, the 33rd is one too many */
    s = repeat("", "(", FMT_QUERY_MAXDEPTH, "a");
    char *t = repeat(s, ")", FMT_QUERY_MAXDEPTH, "");
    expect_quick(t, FMT_OK, 0);
    free(s);
    free(t);
    s = repeat("", "(", FMT_QUERY_MAXDEPTH + 1, "a");
    t = repeat(s, ")", FMT_QUERY_MAXDEPTH + 1, "");
    expect_quick(t, FMT_LIMIT, FMT_QUERY_MAXDEPTH);
    free(s);
    free(t);
    s = repeat("", "(", 10000, "a");
    t = repeat(s, ")", 10000, "");
    expect_quick(t, FMT_LIMIT, FMT_QUERY_MAXDEPTH);
    free(s);
    free(t);
    s = repeat("", "(", 10000, "");  /* unclosed as well: the limit first */
    expect_quick(s, FMT_LIMIT, FMT_QUERY_MAXDEPTH);
    free(s);
    s = repeat("", ")", 10000, "");
    expect_quick(s, FMT_INVALID, 0);
    free(s);
    s = repeat("", "NOT ", FMT_QUERY_MAXDEPTH, "a");
    expect_quick(s, FMT_OK, 0);  /* an even number of NOTs: just a */
    free(s);
    s = repeat("", "NOT ", 10000, "a");
    expect_quick(s, FMT_LIMIT, 4 * FMT_QUERY_MAXDEPTH);
    free(s);
    s = repeat("", "-(", 10000, "a");
    expect_quick(s, FMT_LIMIT, SIZE_MAX);
    free(s);
    /* but a long flat query of empty groups and dropped words is fine */
    s = repeat("", "() « - ", 5000, "a");
    expect_quick(s, FMT_OK, 0);
    free(s);

    /* length */
    s = repeat("", "a", 70000, "");
    expect_quick(s, FMT_LIMIT, SIZE_MAX);
    free(s);
    s = repeat("", " ", 65000, "nuctech");
    expect_quick(s, FMT_OK, 0);
    free(s);
}

/* Every allocation of a parse failing in turn: FMT_NOMEM and nothing
 * leaked (ASan's leak check in the SAN=1 build), never a crash. */
static void test_alloc_failure(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "douanescanner* -\"Rotterdamse haven\" (Nuctech OR Dynaxion) "
        "partij:CDA|VVD jaar:2022 x/y/z -schiphol",
        "-a -b -(c d) OR -e",
        "lid:\"van Dijk\"|Palland aan:Justitie soort:vraag|antwoord "
        "status:open datum:2022-01..",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        unsigned long n;
        int nomem = 0;
        for (n = 1; n < 1000; n++) {
            fmt_query *q = NULL;
            alloc_fail_after(n);
            int rc = fmt_query_parse(&q, texts[t], NULL, 0, NULL);
            alloc_fail_after(0);
            if (rc == FMT_OK) {
                check_tree(q, texts[t]);
                fmt_query_free(q);
                break;
            }
            assert_int_equal(rc, FMT_NOMEM);
            assert_null(q);
            nomem++;
        }
        assert_true(n < 1000);
        assert_true(nomem > 10); /* the failures were really exercised */
    }
}

/* ---- garbage ------------------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static void test_garbage(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "(", ")", "\"", "|", "-", "*", ":", " ", " ", " ", "OR", "AND",
        "NOT", "partij:", "jaar:", "datum:", "soort:", "status:", "lid:\"",
        "aan:", "nummer:", "..", "2022", "-01", "é", "«", "\xff", "\xc3",
        "a", "scanner", "\xc2\xa0", "F-35", "http://", "|vraag", "-(", "\t",
    };
    const size_t np = sizeof pieces / sizeof pieces[0];
    int counts[FMT_LIMIT + 1] = {0};
    char text[512];

    for (int i = 0; i < 6000; i++) {
        size_t n = 0, want = rnd() % 60;
        if (i % 50 == 0) { /* deep: openers only, to meet the bound */
            static const char *const deep[] = {
                "(", "-(", "NOT a ", "(b OR ", "a ", "NOT NOT "
            };
            while (n + 8 < sizeof text) {
                const char *p = deep[rnd() % 6];
                memcpy(text + n, p, strlen(p));
                n += strlen(p);
            }
            text[n] = '\0';
            counts[parse_any(text)]++;
            continue;
        }
        while (n < want && n + 16 < sizeof text) {
            if (i % 3 == 0) { /* raw bytes, no NUL */
                text[n++] = (char)(1 + rnd() % 255);
            } else {
                const char *p = pieces[rnd() % np];
                size_t l = strlen(p);
                memcpy(text + n, p, l);
                n += l;
            }
        }
        text[n] = '\0';
        counts[parse_any(text)]++;
    }
    /* the generator reaches all three outcomes */
    assert_true(counts[FMT_OK] > 100);
    assert_true(counts[FMT_INVALID] > 100);
    assert_true(counts[FMT_LIMIT] > 10);
    printf("garbage: %d ok, %d invalid, %d limit\n", counts[FMT_OK],
           counts[FMT_INVALID], counts[FMT_LIMIT]);
}

/* ---- real text ----------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (run from the top of the tree)", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* Every line of every sample document, as a query: parses or fails
 * cleanly. */
static void test_sample_lines(void **state)
{
    (void)state;
    size_t ilen, nfiles = 0, nlines = 0, nok = 0;
    char *index = read_file(SAMPLES "/INDEX.tsv", &ilen);
    char *save = NULL;
    for (char *row = strtok_r(index, "\n", &save); row;
         row = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(row, '\t');
        if (!tab || !strncmp(row, "file\t", 5))
            continue;
        *tab = '\0';
        char path[512];
        size_t len;
        snprintf(path, sizeof path, SAMPLES "/%s", row);
        char *text = read_file(path, &len);
        char *save2 = NULL;
        for (char *line = strtok_r(text, "\n", &save2); line;
             line = strtok_r(NULL, "\n", &save2)) {
            nok += parse_any(line) == FMT_OK;
            nlines++;
        }
        free(text);
        nfiles++;
    }
    free(index);
    printf("samples: %zu files, %zu lines, %zu parse\n", nfiles, nlines,
           nok);
    assert_true(nfiles >= 20);
    assert_true(nok > nlines / 2); /* ordinary prose is a fine query */
}

/* The reference text's header and a question as queries. */
static void test_reference_text(void **state)
{
    (void)state;
    size_t len;
    char *text = read_file(SAMPLES "/2022Z01227.txt", &len);
    const char *lines[] = {"Vragen van de leden", "Aan welke nationale"};
    const char *want[][3] = {
        /* **Amhaouch** ends in '*': a prefix, as typed */
        {"PREFIX(amhaouch)", "TERM(douanescanners~douanescanner)",
         "TERM(cda)"},
        {"TERM(nuctech-apparatuur)", "TERM(informatiedeling~informatiedel)",
         "TERM(certificering~certificer)"},
    };
    for (size_t i = 0; i < 2; i++) {
        char *l = strstr(text, lines[i]);
        assert_non_null(l);
        char *e = strchr(l, '\n');
        assert_non_null(e);
        *e = '\0';
        fmt_query *q = NULL;
        char err[256];
        size_t pos;
        int rc = fmt_query_parse(&q, l, err, sizeof err, &pos);
        if (rc)
            fail_msg("%s at %zu", err, pos);
        check_tree(q, l);
        assert_int_equal(q->root->type, Q_AND);
        char *got = print_tree(q, 0);
        for (size_t j = 0; j < 3; j++)
            if (!strstr(got, want[i][j]))
                fail_msg("no %s in %s", want[i][j], got);
        free(got);
        fmt_query_free(q);
        *e = '\n';
    }
    free(text);
}

/* Each word of the reference text, typed alone as a query, becomes the
 * token the index holds for it (same fold, same stem): what the parser
 * looks up is what the indexer stored. */
static void test_words_match_index(void **state)
{
    (void)state;
    size_t len, n = 0, skipped = 0;
    char *text = read_file(SAMPLES "/2022Z01227.txt", &len);
    fmt_tokenizer *tok = fmt_tok_new();
    assert_non_null(tok);
    fmt_token t;
    fmt_tok_start(tok, text, len);
    while (fmt_tok_next(tok, &t)) {
        if (t.flags & FMT_TOK_PART)
            continue;
        char word[1024], stem[FMT_TOKMAX + 1];
        if (t.len >= sizeof word)
            continue;
        memcpy(word, text + t.off, t.len);
        word[t.len] = '\0';
        if (!strcmp(word, "OR") || !strcmp(word, "AND") ||
            !strcmp(word, "NOT")) {
            skipped++;
            continue;
        }
        fmt_stem(tok, t.fold, t.foldlen, stem, sizeof stem);
        fmt_query *q = NULL;
        assert_int_equal(fmt_query_parse(&q, word, NULL, 0, NULL), FMT_OK);
        if (q->root->type != Q_TERM || strcmp(q->root->word, t.fold) ||
            strcmp(q->root->stem, stem))
            fail_msg("'%s': query %s/%s, text %s/%s", word,
                     q->root->word ? q->root->word : "-",
                     q->root->stem ? q->root->stem : "-", t.fold, stem);
        assert_int_equal(q->root->off, 0);
        assert_int_equal(q->root->len, t.len);
        fmt_query_free(q);
        n++;
    }
    fmt_tok_free(tok);
    free(text);
    assert_true(n > 500);
    assert_int_equal(skipped, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trees),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_empty_and_args),
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_sample_lines),
        cmocka_unit_test(test_reference_text),
        cmocka_unit_test(test_words_match_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
