/* test_token.c - the tokenizer and normaliser (format/token.c): the forms
 * people type as one token, folding, stemming, positions, cutting, invalid
 * UTF-8, pathological inputs, and every sample document.
 *
 * Most cases are a table: text in, the tokens out written as
 * "pos:fold[/flags]" (P part, N number, U address), so a failure shows
 * the whole token stream next to the expected one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "token.h"
#include "testlib.h"

#ifndef SAMPLES
#define SAMPLES "samples"
#endif

/* Seconds a pathological input may take (generous: ASan builds are slow);
 * the point is that it ends, not how fast. Processor time, not the
 * clock's: a loaded machine (CI, qemu beside other jobs) must not fail it. */
#define SLOW_LIMIT 20.0

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A heap copy of exactly n bytes, so that ASan catches a read past it. */
static char *exact(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);

    assert_non_null(p);
    memcpy(p, s, n);
    return p;
}

/* 1 when s[0..n) is valid UTF-8. */
static int valid_utf8(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2
                 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
        if (k == 0 || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if (((unsigned char)s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

/* Tokenize text[0..n) into "pos:fold/flags ..." in out. */
static void render(fmt_tokenizer *t, const char *text, size_t n, char *out,
                   size_t cap)
{
    char *buf = exact(text, n);
    fmt_token k;
    size_t used = 0;

    out[0] = '\0';
    fmt_tok_start(t, buf, n);
    while (fmt_tok_next(t, &k)) {
        char fl[8] = "";
        size_t f = 0;
        if (k.flags) {
            fl[f++] = '/';
            if (k.flags & FMT_TOK_PART)
                fl[f++] = 'P';
            if (k.flags & FMT_TOK_NUMBER)
                fl[f++] = 'N';
            if (k.flags & FMT_TOK_URL)
                fl[f++] = 'U';
            fl[f] = '\0';
        }
        int w = snprintf(out + used, cap - used, "%s%u:%s%s",
                         used ? " " : "", (unsigned)k.pos, k.fold, fl);
        assert_true(w > 0 && (size_t)w < cap - used);
        used += (size_t)w;
    }
    free(buf);
}

static int setup(void **state)
{
    *state = fmt_tok_new();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    fmt_tok_free(*state);
    return 0;
}

/* ---- the table ------------------------------------------------------ */

static const struct {
    const char *in, *want;
} cases[] = {
    /* forms typed as one token; compounds also give their parts */
    {"F-35", "0:f-35 0:f/P 0:35/PN"},
    {"Fox-IT", "0:fox-it 0:fox/P 0:it/P"},
    {"'s-Gravenhage", "0:s-gravenhage 0:s/P 0:gravenhage/P"},
    {"in \xe2\x80\x99s-Gravenhage", "0:in 1:s-gravenhage 1:s/P 1:gravenhage/P"},
    {"D66 en D'66 en D\xe2\x80\x99" "66", "0:d66 1:en 2:d66 3:en 4:d66"},
    {"nummer 2022Z01227.", "0:nummer 1:2022z01227"},
    {"COVID-19", "0:covid-19 0:covid/P 0:19/PN"},
    {"artikel 2.116 van de Aanbestedingswet",
     "0:artikel 1:2.116/N 2:van 3:de 4:aanbestedingswet"},
    {"\xe2\x82\xac 6,8 miljoen", "0:6,8/N 1:miljoen"},
    {"\\$ 6.8 million", "0:6.8/N 1:million"},
    {"in 2022.", "0:in 1:2022/N"},
    {"1.000.000, 2,5. 3,", "0:1.000.000/N 1:2,5/N 2:3/N"},
    {"26-01-2022", "0:26-01-2022/N 0:26/PN 0:01/PN 0:2022/PN"},
    {"EU-lidstaten", "0:eu-lidstaten 0:eu/P 0:lidstaten/P"},
    {"Natura2000-gebied", "0:natura2000-gebied 0:natura2000/P 0:gebied/P"},
    {"x-ray c.q. (staats)leningen",
     "0:x-ray 0:x/P 0:ray/P 1:c 2:q 3:staats 4:leningen"},
    {"een twee-drie vier", "0:een 1:twee-drie 1:twee/P 1:drie/P 2:vier"},
    /* e-mail and web addresses: one token, host name as a part */
    {"mail info@example.nl.", "0:mail 1:info@example.nl/U 1:example.nl/PU 1:info/P 1:example/P 1:nl/P"},
    {"J.de-Vries@Min-BZK.nl,", "0:j.de-vries@min-bzk.nl/U 0:min-bzk.nl/PU 0:j/P 0:de/P 0:vries/P 0:min/P 0:bzk/P 0:nl/P"},
    {"<https://www.rtlnieuws.nl/economie/x>",
     "0:https://www.rtlnieuws.nl/economie/x/U 0:rtlnieuws.nl/PU 0:https/P 0:www/P 0:rtlnieuws/P 0:nl/P 0:economie/P 0:x/P"},
    {"(www.example.nl/a).", "0:www.example.nl/a/U 0:example.nl/PU 0:www/P 0:example/P 0:nl/P 0:a/P"},
    {"zie https://nl.wikipedia.org/wiki/A_(b), ja",
     "0:zie 1:https://nl.wikipedia.org/wiki/a_(b)/U "
     "1:nl.wikipedia.org/PU 1:https/P 1:nl/P 1:wikipedia/P 1:org/P "
     "1:wiki/P 1:a/P 1:b/P 2:ja"},
    {"[tekst](http://Example.NL:8080/x?a=1#y)",
     "0:tekst 1:http://example.nl:8080/x?a=1#y/U 1:example.nl/PU 1:http/P 1:example/P 1:nl/P 1:8080/PN 1:x/P 1:a/P 1:1/PN 1:y/P"},
    {"**https://x.nl**", "0:https://x.nl/U 0:x.nl/PU 0:https/P 0:x/P 0:nl/P"},
    {"www. http:// https://", "0:www 1:http 2:https"},
    {"naar: foo@bar of @x.nl", "0:naar 1:foo 2:bar 3:of 4:x 5:nl"},
    /* apostrophes inside a word are dropped, around it skipped */
    {"risico's", "0:risicos"},
    {"zo'n 'hallo' \xe2\x80\x98" "dag\xe2\x80\x99", "0:zon 1:hallo 2:dag"},
    {"7398\xe2\x80\x99s-Gravenhage",
     "0:7398/N 1:s-gravenhage 1:s/P 1:gravenhage/P"},
    /* markup and footnote markers are not part of words */
    {"uw reactie?\xc2\xb9", "0:uw 1:reactie"},
    {"**Nuctech-apparatuur**", "0:nuctech-apparatuur 0:nuctech/P "
     "0:apparatuur/P"},
    {"gevolgd?^{3 4} Vraag", "0:gevolgd 1:vraag"},
    {"doen\xe2\x81\xb4? Waarom", "0:doen 1:waarom"},
    {"\xc2\xab" "Chinese douanescanners\xc2\xbb", "0:chinese 1:douanescanners"},
    {"*het bericht*", "0:het 1:bericht"},
    {"2022\xe2\x80\x93" "2023", "0:2022/N 1:2023/N"},
    {"a--b -c- ", "0:a 1:b 2:c"},
    /* folding: case, diacritics, compatibility forms */
    {"Ge\xc3\xafnstalleerd materi\xc3\xabl" "e Kr\xc3\xb6ger \xc3\x89\xc3\x89N",
     "0:geinstalleerd 1:materiele 2:kroger 3:een"},
    {"Gei\xcc\x88nstalleerd", "0:geinstalleerd"},    /* decomposed (NFD) */
    {"Stra\xc3\x9f" "e \xef\xac\x81" "ets \xc4\xb2sselmeer",
     "0:strasse 1:fiets 2:ijsselmeer"},
    {"\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1", "0:\xce\xb5\xce\xbb"
     "\xce\xbb\xce\xb1\xce\xb4\xce\xb1"},
    {"informatie\xc2\xad" "deling", "0:informatiedeling"},  /* soft hyphen */
    {"twee\xe2\x80\x90" "delig", "0:twee-delig 0:twee/P 0:delig/P"},
    /* invalid UTF-8: bad bytes are skipped and end a word */
    {"ab\xff" "cd \xc3\x28 \xe2\x82 end \xf0\x9f\x98", "0:ab 1:cd 2:end"},
    {"x\xc0\xafy \xed\xa0\x80z \xf4\x90\x80\x80w \x80v",
     "0:x 1:y 2:z 3:w 4:v"},
    {"caf\xc3\xa9 caf\xc3", "0:cafe 1:caf"},
    {"", ""},
    {" \t\n.,;:!?()[]{}<>\"'`~@#$%^&*_+=|\\/", ""},
};

static void test_table(void **state)
{
    fmt_tokenizer *t = *state;
    char got[2048];
    size_t i;
    int bad = 0;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        render(t, cases[i].in, strlen(cases[i].in), got, sizeof got);
        if (strcmp(got, cases[i].want) != 0) {
            print_message("case %zu \"%s\"\n  want: %s\n  got:  %s\n", i,
                          cases[i].in, cases[i].want, got);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* A NUL is a separator like any other byte that is no letter. */
static void test_nul(void **state)
{
    char got[256];

    render(*state, "a\0b", 3, got, sizeof got);
    assert_string_equal(got, "0:a 1:b");
}

/* Offsets and lengths point at the token's own bytes in the input. */
static void test_offsets(void **state)
{
    fmt_tokenizer *t = *state;
    const char *s = "  Fox-IT. D'66 <https://www.x.nl/a>";
    static const struct { uint32_t off, len; const char *fold; } want[] = {
        {2, 6, "fox-it"}, {2, 3, "fox"}, {6, 2, "it"}, {10, 4, "d66"},
        {16, 18, "https://www.x.nl/a"}, {28, 4, "x.nl"}, {16, 5, "https"},
        {24, 3, "www"}, {28, 1, "x"}, {30, 2, "nl"}, {33, 1, "a"},
    };
    fmt_token k;
    size_t i = 0;

    fmt_tok_start(t, s, strlen(s));
    while (fmt_tok_next(t, &k)) {
        assert_true(i < sizeof want / sizeof want[0]);
        assert_string_equal(k.fold, want[i].fold);
        assert_int_equal(k.off, want[i].off);
        assert_int_equal(k.len, want[i].len);
        assert_int_equal(k.foldlen, strlen(want[i].fold));
        i++;
    }
    assert_int_equal(i, sizeof want / sizeof want[0]);
}

/* ---- cutting at FMT_TOKMAX ------------------------------------------ */

static void test_cut(void **state)
{
    fmt_tokenizer *t = *state;
    char s[400];
    fmt_token k;

    /* ASCII: exactly FMT_TOKMAX bytes, the token still covers the word */
    memset(s, 'A', 300);
    memcpy(s + 300, " b", 3);
    fmt_tok_start(t, s, strlen(s));
    assert_int_equal(fmt_tok_next(t, &k), 1);
    assert_int_equal(k.foldlen, FMT_TOKMAX);
    assert_int_equal(strlen(k.fold), FMT_TOKMAX);
    assert_int_equal(k.fold[0], 'a');
    assert_int_equal(k.len, 300);
    assert_int_equal(fmt_tok_next(t, &k), 1);
    assert_string_equal(k.fold, "b");
    assert_int_equal(k.pos, 1);

    /* a two-byte character that would straddle the limit is left out,
     * and nothing after it slips in */
    memset(s, 'a', FMT_TOKMAX - 1);
    strcpy(s + FMT_TOKMAX - 1, "\xce\xb1" "bc");
    fmt_tok_start(t, s, strlen(s));
    assert_int_equal(fmt_tok_next(t, &k), 1);
    assert_int_equal(k.foldlen, FMT_TOKMAX - 1);
    assert_true(valid_utf8(k.fold, k.foldlen));
    assert_int_equal(k.len, FMT_TOKMAX - 1 + 4);

    /* all non-ASCII: the cut lands on a character boundary */
    s[0] = '\0';
    for (int i = 0; i < 100; i++)
        strcat(s, "\xd0\xb6");                   /* ж */
    fmt_tok_start(t, s, strlen(s));
    assert_int_equal(fmt_tok_next(t, &k), 1);
    assert_int_equal(k.foldlen, FMT_TOKMAX);
    assert_true(valid_utf8(k.fold, k.foldlen));
    s[0] = '\0';
    for (int i = 0; i < 100; i++)
        strcat(s, "\xe4\xb8\xad");               /* 中: 3 bytes */
    fmt_tok_start(t, s, strlen(s));
    assert_int_equal(fmt_tok_next(t, &k), 1);
    assert_int_equal(k.foldlen, FMT_TOKMAX);     /* 40 * 3 */
    assert_true(valid_utf8(k.fold, k.foldlen));
    s[0] = '\0';
    for (int i = 0; i < 30; i++)
        strcat(s, "\xf0\x9d\x90\x80");           /* 𝐀: folds to "a" */
    fmt_tok_start(t, s, strlen(s));
    assert_int_equal(fmt_tok_next(t, &k), 1);
    assert_int_equal(k.foldlen, 30);
    assert_true(strspn(k.fold, "a") == 30);
}

/* ---- fmt_fold and fmt_stem ------------------------------------------ */

static void test_fold(void **state)
{
    fmt_tokenizer *t = *state;
    char out[FMT_TOKMAX + 1];
    static const char *pairs[][2] = {
        {"Ge\xc3\xafnstalleerd", "geinstalleerd"},
        {"materi\xc3\xabl" "e", "materiele"},
        {"Kr\xc3\xb6ger", "kroger"},
        {"\xc3\x89\xc3\x89N", "een"},
        {"D'66", "d66"},
        {"D\xe2\x80\x99" "66", "d66"},
        {"'s-Gravenhage", "s-gravenhage"},
        {"COVID-19", "covid-19"},
        {"2022Z01227", "2022z01227"},
        {"  Van der   Wal-Zeggelink ", "van der wal-zeggelink"},
        {"GroenLinks\xe2\x80\x90PvdA", "groenlinks-pvda"},
        {"\xc2\xab" "CDA\xc2\xbb", "cda"},
        {"Info@Example.NL", "info@example.nl"},
        {"ab\xff" "c", "abc"},
        {"", ""},
    };
    size_t i;

    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        size_t n = fmt_fold(t, pairs[i][0], strlen(pairs[i][0]), out,
                            sizeof out);
        assert_string_equal(out, pairs[i][1]);
        assert_int_equal(n, strlen(pairs[i][1]));
    }
    /* cut to the buffer, at a character boundary */
    assert_int_equal(fmt_fold(t, "abcdef", 6, out, 4), 3);
    assert_string_equal(out, "abc");
    assert_int_equal(fmt_fold(t, "\xce\xb1\xce\xb2\xce\xb3", 6, out, 4), 2);
    assert_string_equal(out, "\xce\xb1");
    assert_int_equal(fmt_fold(t, "abc", 3, out, 1), 0);
    assert_string_equal(out, "");
    assert_int_equal(fmt_fold(t, "abc", 3, out, 0), 0);
    assert_int_equal(fmt_fold(NULL, "X", 1, out, sizeof out), 1);
    assert_string_equal(out, "x");
}

static void stem(fmt_tokenizer *t, const char *word, char *out)
{
    char f[FMT_TOKMAX + 1];
    size_t n = fmt_fold(t, word, strlen(word), f, sizeof f);

    fmt_stem(t, f, n, out, FMT_TOKMAX + 1);
}

static void test_stem(void **state)
{
    fmt_tokenizer *t = *state;
    char a[FMT_TOKMAX + 1], b[FMT_TOKMAX + 1];
    static const char *same[][2] = {
        {"scanner", "scanners"},
        {"douanescanner", "douanescanners"},
        {"aanbesteding", "aanbestedingen"},
        {"geinstalleerd", "ge\xc3\xafnstalleerd"},
        {"materiele", "materi\xc3\xabl" "e"},
        {"aanbieding", "Aanbiedingen"},
        {"bondgenoot", "bondgenoten"},
        {"risico", "RISICO"},
    };
    static const char *kept[] = {
        "covid-19", "2.116", "6,8", "2022z01227", "d66", "fox-it",
        "https://www.rtlnieuws.nl/economie/x", "info@example.nl",
        "rtlnieuws.nl", "van der wal",
    };
    size_t i, n;

    for (i = 0; i < sizeof same / sizeof same[0]; i++) {
        stem(t, same[i][0], a);
        stem(t, same[i][1], b);
        assert_string_equal(a, b);
    }
    /* it does stem: the plural is gone */
    stem(t, "scanners", a);
    assert_string_equal(a, "scanner");
    stem(t, "aanbestedingen", a);
    assert_true(strlen(a) < strlen("aanbesteding"));
    /* numbers, addresses, compounds, phrases are kept as they are */
    for (i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        n = fmt_stem(t, kept[i], strlen(kept[i]), a, sizeof a);
        assert_string_equal(a, kept[i]);
        assert_int_equal(n, strlen(kept[i]));
    }
    /* cut to the buffer; empty stays empty */
    n = fmt_stem(t, "aanbestedingen", 14, a, 5);
    assert_int_equal(n, 4);
    assert_string_equal(a, "aanb");
    assert_int_equal(fmt_stem(t, "", 0, a, sizeof a), 0);
    assert_string_equal(a, "");
    n = fmt_stem(t, "\xce\xb1\xce\xb2", 4, a, 4);
    assert_int_equal(n, 2);
}

/* The stem cache never answers for another word: many different words,
 * twice and in another order, agree with a tokenizer that saw each once. */
static void test_stem_cache(void **state)
{
    fmt_tokenizer *t = *state, *u;
    static const char *ends[] = {"en", "s", "ing", "ingen", "heid", "e", ""};
    char w[64], a[FMT_TOKMAX + 1], b[FMT_TOKMAX + 1];
    int i, round;

    for (round = 0; round < 2; round++) {
        for (i = 0; i < 30000; i++) {
            int j = round ? 29999 - i : i;
            snprintf(w, sizeof w, "woord%c%c%c%s", 'a' + j % 26,
                     'a' + j / 26 % 26, 'a' + j / 676 % 26, ends[j % 7]);
            fmt_stem(t, w, strlen(w), a, sizeof a);
            if (j % 97 == 0) {
                u = fmt_tok_new();
                assert_non_null(u);
                fmt_stem(u, w, strlen(w), b, sizeof b);
                fmt_tok_free(u);
                assert_string_equal(a, b);
            }
        }
    }
}

/* ---- pathological inputs -------------------------------------------- */

/* Tokenize buf[0..n) (a heap block of exactly n bytes); count tokens and
 * check the invariants every token keeps. */
static size_t run(fmt_tokenizer *t, const char *buf, size_t n, double *secs)
{
    fmt_token k;
    size_t count = 0;
    uint32_t pos = 0, end = 0;
    double t0 = now();
    int first = 1;

    fmt_tok_start(t, buf, n);
    while (fmt_tok_next(t, &k)) {
        assert_true(k.foldlen > 0 && k.foldlen <= FMT_TOKMAX);
        assert_int_equal(strlen(k.fold), k.foldlen);
        assert_true(valid_utf8(k.fold, k.foldlen));
        assert_true((size_t)k.off + k.len <= n);
        assert_true(k.len > 0);
        if (k.flags & FMT_TOK_PART) {
            assert_false(first);
            assert_int_equal(k.pos, pos);
            assert_true(k.off + k.len <= end);
        } else {
            assert_int_equal(k.pos, first ? 0 : pos + 1);
            pos = k.pos;
            end = k.off + k.len;
            first = 0;
        }
        count++;
    }
    *secs = now() - t0;
    return count;
}

static char *repeat(const char *unit, size_t total)
{
    size_t u = strlen(unit), i;
    char *p = malloc(total);

    assert_non_null(p);
    for (i = 0; i < total; i++)
        p[i] = unit[i % u];
    return p;
}

static void test_no_tokens(void **state)
{
    double secs;
    char *p = repeat(" .,;\xc2\xab\xc2\xbb\xe2\x80\x93\xff\xc2\xb9^{}-'*",
                     1 << 20);

    assert_int_equal(run(*state, p, 1 << 20, &secs), 0);
    assert_true(secs < SLOW_LIMIT);
    free(p);
}

static void test_huge_word(void **state)
{
    fmt_tokenizer *t = *state;
    size_t n = 10u << 20;
    char *p = repeat("Ab", n);
    fmt_token k;
    double t0 = now();

    fmt_tok_start(t, p, n);
    assert_int_equal(fmt_tok_next(t, &k), 1);
    assert_int_equal(k.off, 0);
    assert_int_equal(k.len, n);
    assert_int_equal(k.foldlen, FMT_TOKMAX);
    assert_int_equal(k.fold[0], 'a');
    assert_int_equal(k.fold[1], 'b');
    assert_int_equal(fmt_tok_next(t, &k), 0);
    assert_true(now() - t0 < SLOW_LIMIT);
    free(p);
}

/* One 10 MB compound: one token, and a bounded number of parts. */
static void test_huge_compound(void **state)
{
    size_t n = 10u << 20, count;
    char *p = repeat("ab-", n);
    double secs;

    p[n - 1] = 'x';
    count = run(*state, p, n, &secs);
    assert_true(count > 1 && count <= 1 + 64);
    assert_true(secs < SLOW_LIMIT);
    free(p);
}

/* Inputs that would make a careless look-back quadratic. */
static void test_slow_traps(void **state)
{
    static const char *units[] = {
        "a.", "a@", "a.b@", "ab_", "1.", "1,2.", "x'", "www.", "http://a",
        "a-", "\xc3\xa9-", "a\xcc\x88", "^{1", "@.",
    };
    size_t n = 4u << 20, i, count;
    double secs;

    for (i = 0; i < sizeof units / sizeof units[0]; i++) {
        char *p = repeat(units[i], n);
        count = run(*state, p, n, &secs);
        if (secs >= SLOW_LIMIT)
            fail_msg("\"%s\" x %zu: %.1f s", units[i], n, secs);
        (void)count;
        free(p);
    }
}

/* Random bytes, and random mixes of the characters the rules care about:
 * the invariants hold and nothing is read outside the input. */
static void test_random(void **state)
{
    static const char *atoms[] = {
        "a", "Z", "9", "-", ".", ",", "'", "\xe2\x80\x99", "@", "/", ":",
        "http://", "www.", " ", "\xc3\xaf", "\xcc\x88", "\xc2\xad", "^{",
        "}", "(", ")", "\xff", "\xc3", "\xe2\x80", "\xe2\x80\x90", "<", ">",
    };
    uint32_t x = 12345;
    double secs;
    int i;

    for (i = 0; i < 2000; i++) {
        size_t n = 0, want, j;
        char buf[512], *p;
        x = x * 1103515245u + 12345u;
        want = (x >> 8) % sizeof buf;
        if (i % 2) {
            for (j = 0; j < want; j++) {
                x = x * 1103515245u + 12345u;
                buf[j] = (char)(x >> 16);
            }
            n = want;
        } else {
            while (n < want) {
                x = x * 1103515245u + 12345u;
                const char *a = atoms[(x >> 16) % (sizeof atoms
                                                   / sizeof atoms[0])];
                size_t m = strlen(a);
                if (n + m > sizeof buf)
                    break;
                memcpy(buf + n, a, m);
                n += m;
            }
        }
        p = exact(buf, n);
        run(*state, p, n, &secs);
        free(p);
    }
}

/* ---- the samples ---------------------------------------------------- */

/* 1 when tokenizing text gives a token with this fold and flags. */
static int has(fmt_tokenizer *t, const char *text, size_t n,
               const char *fold, int flags)
{
    fmt_token k;

    fmt_tok_start(t, text, n);
    while (fmt_tok_next(t, &k))
        if (strcmp(k.fold, fold) == 0 && k.flags == flags)
            return 1;
    return 0;
}

/* 1 when word a is directly followed by word b (parts aside). */
static int follows(fmt_tokenizer *t, const char *text, size_t n,
                   const char *a, const char *b)
{
    fmt_token k;
    int prev = 0;

    fmt_tok_start(t, text, n);
    while (fmt_tok_next(t, &k)) {
        if (k.flags & FMT_TOK_PART)
            continue;
        if (prev && strcmp(k.fold, b) == 0)
            return 1;
        prev = strcmp(k.fold, a) == 0;
    }
    return 0;
}

/* Every sample tokenizes with the invariants; every word token folds the
 * same through fmt_fold(); nothing markup-like survives in a fold. */
static void test_samples(void **state)
{
    fmt_tokenizer *t = *state;
    DIR *d = opendir(SAMPLES);
    struct dirent *e;
    int files = 0;
    size_t total = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        char path[512], f[FMT_TOKMAX + 1];
        size_t n, len = strlen(e->d_name);
        fmt_token k;
        double secs;
        char *text;

        if (len < 4 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", SAMPLES, e->d_name);
        text = tl_slurp(path, &n);
        total += run(t, text, n, &secs);
        fmt_tok_start(t, text, n);
        while (fmt_tok_next(t, &k)) {
            if (strpbrk(k.fold, "ABCDEFGHIJKLMNOPQRSTUVWXYZ*'\" <>{}^")
                || strstr(k.fold, "\xc2\xab") || strstr(k.fold, "\xc2\xb9"))
                fail_msg("%s: token \"%s\"", e->d_name, k.fold);
            fmt_fold(t, text + k.off, k.len, f, sizeof f);
            if (strcmp(f, k.fold) != 0)
                fail_msg("%s: fmt_fold \"%s\", token \"%s\"", e->d_name, f,
                         k.fold);
        }
        free(text);
        files++;
    }
    closedir(d);
    assert_true(files >= 30);
    assert_true(total > 10000);
}

/* The reference text holds the traps the issue names. */
static void test_reference(void **state)
{
    fmt_tokenizer *t = *state;
    size_t n, np;
    char *p = tl_slurp(SAMPLES "/2022Z01227.txt", &n);
    char *q = tl_slurp(SAMPLES "/pdf-ah-tk-20222023-3649.txt", &np);

    assert_true(has(t, p, n, "geinstalleerd", 0));
    assert_true(has(t, p, n, "nuctech-apparatuur", 0));
    assert_true(has(t, p, n, "apparatuur", FMT_TOK_PART));
    assert_true(has(t, p, n, "eu-lidstaten", 0));
    assert_true(has(t, p, n, "2.116", FMT_TOK_NUMBER));
    assert_true(has(t, p, n, "risicos", 0));
    assert_true(has(t, p, n, "douanescanners", 0));
    assert_true(has(t, p, n, "reactie", 0));
    assert_true(has(t, p, n, "rtlnieuws.nl", FMT_TOK_URL | FMT_TOK_PART));
    assert_true(has(t, p, n, "https://www.politico.eu/article/call-for-higher-"
                    "duty-on-chinese-cargo-scanners/", FMT_TOK_URL));
    assert_true(has(t, p, n, "6.8", FMT_TOK_NUMBER));
    assert_true(has(t, p, n, "2022z01227", 0));
    /* footnote markers (¹, ⁴, ^{3 4}) leave no token between the words */
    assert_true(follows(t, p, n, "reactie", "vraag"));
    assert_true(follows(t, p, n, "doen", "waarom"));
    assert_true(follows(t, p, n, "gevolgd", "vraag"));
    assert_true(has(t, q, np, "s-gravenhage", 0));
    assert_true(has(t, q, np, "bd.nl", FMT_TOK_URL | FMT_TOK_PART));
    assert_true(has(t, q, np, "natura2000-gebied", 0));
    free(p);
    free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nul, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offsets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stem, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stem_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_word, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_compound, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slow_traps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random, setup, teardown),
        cmocka_unit_test_setup_teardown(test_samples, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reference, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
