/* parse_lines.c - what one line is: a question or answer heading, a
 * bare number, a footnote, a footnote header, page furniture, a trailer
 * of the site, an aggregator's field line, or prose.
 */
#include "parse_int.h"

/* ---- lines ------------------------------------------------------------ */

void ps_add_num(lineinfo *li, int v)
{
    if (li->nn < MAX_NUMS && v > 0 && v <= MAX_QNUM)
        li->nums[li->nn++] = (uint16_t)v;
}

/* If [p,e) starts with lit as a whole word, after it; else NULL. */
#define sep_word(p, e, lit) sep_word_n((p), (e), (lit), strlen(lit))
static const char *sep_word_n(const char *p, const char *e, const char *lit, size_t n)
{
    const char *q = ci_prefix_n(p, e, lit, n);
    return q && (q == e || !(is_lower(UC(q)) || is_upper(UC(q)))) ? q : NULL;
}

/* "4 en 5", "1, 2", "3 t/m 5", "3-5": the numbers into li. Returns the end
 * of the last number read. */
static const char *number_list(const char *p, const char *e, lineinfo *li)
{
    const char *ok = p, *q;
    int prev = 0, range = 0, v;
    for (;;) {
        int nd = digits(&p, e, 5, &v);
        if (!nd || nd > 4 || (p < e && is_digit(UC(p))))
            break;
        if (p < e && is_lower(UC(p)) && (p + 1 == e || !is_word(UC(p + 1))))
            p++;                                     /* "Vraag 3a" */
        if (range && v > prev && v - prev <= MAX_NUMS)
            for (int k = prev + 1; k <= v; k++)
                ps_add_num(li, k);
        else
            ps_add_num(li, v);
        ok = p;
        prev = v;
        range = 0;
        q = skip_sp(p, e);
        if (q < e && (*q == ',' || *q == '&' || *q == '+' || *q == '/'))
            q++;
        else if ((p = sep_word(q, e, "t/m")) || (p = sep_word(q, e, "tot en met")) ||
                 (p = sep_word(q, e, "tot")))
            q = p, range = 1;
        else if ((p = sep_word(q, e, "en")) != NULL)
            q = p;
        else if (q < e && *q == '-')
            q++, range = 1;
        else if (e - q >= 3 && UC(q) == 0xE2 && UC(q + 1) == 0x80 && UC(q + 2) == 0x93)
            q += 3, range = 1;
        else
            break;
        p = skip_sp(q, e);
        if (p >= e || !is_digit(UC(p)))
            break;
    }
    return ok;
}

/* A question or answer heading in [s,e) (markup already stripped):
 * "Vraag 1", "Vragen 3 en 4", "Antwoord 4 en 5", "Antwoord op vraag 2",
 * a bare "Vraag" or "Antwoord", or "Vraag 1: text". */
static int parse_heading(const char *s, const char *e, lineinfo *li, const char *base)
{
    const char *p, *q;
    if (s >= e || !is_upper(UC(s)))
        return 0;
    if ((p = ci_prefix(s, e, "antwoorden")) || (p = ci_prefix(s, e, "antwoord")))
        li->hk = 'A';
    else if ((p = ci_prefix(s, e, "vragen")) || (p = ci_prefix(s, e, "vraag")))
        li->hk = 'Q';
    else
        return 0;
    li->nn = 0;
    li->body = NOPOS;
    li->word = 1;
    int bare = p - s == 5 || p - s == 8;             /* "Vraag", "Antwoord" */
    if (p == e || (bare && *p == ':' && skip_sp(p + 1, e) == e))
        return bare;
    if (is_word(UC(p)) && !is_digit(UC(p)))
        return 0;
    q = skip_sp(p, e);
    if (li->hk == 'A' && ((p = ci_prefix(q, e, "op vragen")) || (p = ci_prefix(q, e, "op vraag"))))
        q = skip_sp(p, e);
    if ((p = ci_prefix(q, e, "nr.")) || (p = ci_word(q, e, "nr")))
        q = skip_sp(p, e);
    p = number_list(q, e, li);
    if (!li->nn)
        return 0;
    const char *mark = p;
    while (p < e && (is_sp(UC(p)) || *p == '*' || *p == '_'))
        p++;
    int colon = p < e && *p == ':';
    if (p < e && (*p == ':' || *p == '.' || *p == ')'))
        p++;
    while (p < e && (is_sp(UC(p)) || *p == '*' || *p == '_'))
        p++;
    if (p == e)
        return 1;
    /* The text on the heading's line, as PDF extraction leaves it: after a
     * colon, or a sentence that starts with a capital ("Vraag 1 Kent u"). */
    if (colon || (p > mark && (is_upper(UC(p)) || *p == '"' ||
                               (e - p >= 2 && UC(p) == 0xC2 && UC(p + 1) == 0xAB)))) {
        li->body = (size_t)(p - base);
        return 1;
    }
    return 0;
}

/* A line that starts with a number or a footnote mark: a bare number
 * (L_NUM), a footnote ("¹ Source", "[1] Source", "^{2} Source",
 * "1Brabants Dagblad", "3 Kamerstuk ..."), or prose. */
static void note_or_num(const char *s, const char *e, lineinfo *li, const char *base)
{
    const char *p = s, *r;
    int v = 0, nd = 0, len, dv;
    if (is_digit(UC(p))) {
        nd = digits(&p, e, 5, &v);
        if (p < e && is_digit(UC(p)))
            return;
        r = p < e && (*p == '.' || *p == ')') && nd <= 3 ? p + 1 : p;
        if (skip_sp(r, e) == e) {
            li->type = L_NUM;
            li->num = v;
            return;
        }
        /* "1. Bent u ...": an item numbered inline (early versions, party
         * pages); "1) Krant, ...": a footnote of early versions, or an
         * item; step() decides which by what came before. */
        if (r > p && r < e && is_sp(UC(r)) && (r = skip_sp(r, e)) < e &&
            !is_digit(UC(r))) {
            li->type = *p == '.' ? L_NUM : L_NOTE;
            li->num = v;
            li->item = 1;
            li->strong = 0;
            li->body = (size_t)(r - base);
            return;
        }
        r = skip_sp(p, e);
        unsigned char f = UC(r);
        if (nd > 3 || r >= e)
            return;
        if (r == p ? !(is_upper(f) || f == '(' || f >= 0x80 || f == '"' || f == '\'' || f == '[')
                   : ((is_lower(f) && !ci_prefix(r, e, "http") && !ci_prefix(r, e, "www.")) ||
                      memchr(".,;:%)-/", f, 8)))
            return;
        li->strong = 0;
    } else {
        if (*p == '[' || *p == '^') {
            char close = *p == '[' ? ']' : '}';
            int br = *p == '[' || (p + 1 < e && p[1] == '{');
            p += 1 + (*p == '^' && br);
            if (p < e && *p == '^')
                p++;
            nd = digits(&p, e, 4, &v);
            p = skip_sp(p, e);
            if (br && (p >= e || *p != close))
                return;
            p += br;
            if (p < e && *p == ':')
                p++;
        } else {
            while (p < e && nd < 4 && (dv = sup_digit(p, e, &len)) >= 0) {
                v = v * 10 + dv;
                nd++;
                p += len;
            }
        }
        r = skip_sp(p, e);
        if (!nd || r >= e)
            return;
        li->strong = 1;
    }
    li->type = L_NOTE;
    li->num = v;
    li->body = (size_t)(r - base);
}

/* Trailers, footnote headers and page furniture, by their words. */
static int line_word(const char *s, const char *e, lineinfo *li, const char *base)
{
#define W(w) w, sizeof w - 1
    static const struct { const char *w; size_t wl; int type, prefix; } words[] = {
        {W("Naar boven"), L_END, 0}, {W("Disclaimer"), L_END, 0},
        {W("Toelichting"), L_END, 2}, {W("Toelichting:"), L_END, 2},
        {W("Indieners"), L_END, 0}, {W("Indiener"), L_END, 0},
        {W("Medeindiener"), L_END, 0}, {W("Gericht aan"), L_END, 0},
        {W("Gerelateerde documenten"), L_END, 0},
        {W("Mededeling"), L_MEDE, 0}, {W("Mededeling:"), L_MEDE, 0},
        {W("Indiener(s)"), L_END, 0}, {W("Gerelateerd"), L_END, 0},
        {W("X Noot"), L_NOTEHDR, 0}, {W("XNoot"), L_NOTEHDR, 0}, {W("Noot"), L_NOTEHDR, 0},
        {W("Noten"), L_NOTEHDR, 0}, {W("Voetnoten"), L_NOTEHDR, 0},
        {W("Tweede Kamer, vergaderjaar"), L_FURN, 1}, {W("ISSN "), L_FURN, 1}};
#undef W
    size_t n = (size_t)(e - s);
    int type = L_TEXT;
    /* prefix 1: the line starts with the word; 2: it is the word, but an
     * answer may use it as a sub-heading */
    if (memchr("NDTIMGXV", *s, 8))                 /* first letters above */
        for (size_t i = 0; i < sizeof words / sizeof words[0] && type == L_TEXT; i++)
            if (words[i].w[0] == *s &&
                (words[i].prefix == 1 ? n >= words[i].wl : n == words[i].wl) &&
                !memcmp(s, words[i].w, words[i].wl)) {
                type = words[i].type;
                li->soft = words[i].prefix == 2;
            }
    if (type == L_FURN) {
        /* PDF page furniture with the next heading glued to it:
         * "... Aanhangsel 1Antwoord 3". */
        const char *h = NULL;
        for (const char *q = s + 4; q < e; q++)
            if ((*q == 'A' && ci_prefix(q, e, "Antwoord")) || (*q == 'V' && ci_prefix(q, e, "Vraag")))
                h = q;
        if (!(h && parse_heading(h, e, li, base) && li->nn))
            li->hk = 0, li->nn = 0, li->body = NOPOS;
        return type;
    }
    if (type != L_TEXT)
        return type;
    size_t dashes = 0;
    while (dashes < n && s[dashes] == '-')
        dashes++;
    if (n >= 3 && dashes == n)
        return L_FURN;                               /* "-----" page break */
    if (n < 40 && (ci_prefix(s, e, "ah-tk-") || ci_prefix(s, e, "kv-tk-") ||
                   ci_prefix(s, e, "h tk ") || ci_prefix(s, e, "ah tk "))) {
        li->idline = s[2] == '-';
        return L_FURN;
    }
    return L_TEXT;
}

/* Classify the line [ls, le). */
void ps_classify(const char *t, size_t ls, size_t le, lineinfo *li)
{
    size_t vs = ls, ve = le;
    li->bullet = 0;
    while (vs < ve) {
        unsigned char c = UC(t + vs);
        if (is_sp(c) || c == '#' || c == '*' || c == '_' || c == '>')
            vs++;
        else if (ve - vs >= 3 && c == 0xE2 && UC(t + vs + 1) == 0x80 && UC(t + vs + 2) == 0xA2)
            vs += 3, li->bullet = 1;                 /* "• Vraag 1", "• Bent u" */
        else if (ve - vs >= 3 && c == 0xEF && UC(t + vs + 1) == 0xBB && UC(t + vs + 2) == 0xBF)
            vs += 3;                                 /* byte order mark */
        else if (ve - vs >= 2 && c == 0xC2 && UC(t + vs + 1) == 0xA0)
            vs += 2;
        else
            break;
    }
    while (ve > vs && (is_sp(UC(t + ve - 1)) || t[ve - 1] == '*' || t[ve - 1] == '_'))
        ve--;
    li->vs = vs;
    li->ve = ve;
    li->type = L_TEXT;
    li->hk = 0;
    li->nn = 0;
    li->body = NOPOS;
    li->idline = li->soft = li->item = 0;
    if (vs == ve) {
        li->type = L_BLANK;
        return;
    }
    const char *s = t + vs, *e = t + ve;
    unsigned char c = UC(s);
    if ((c == 'V' || c == 'A') && parse_heading(s, e, li, t)) {
        li->type = L_HEAD;
        return;
    }
    if (is_digit(c) || c == '[' || c == '^' || c == 0xC2 || c == 0xE2) {
        note_or_num(s, e, li, t);
        if (li->type != L_TEXT)
            return;
    }
    li->type = line_word(s, e, li, t);
}

/* A line that ends the paragraph of a header or answer line. */
int ps_is_stopper(const char *t, size_t ls, size_t le)
{
    lineinfo li;
    ps_classify(t, ls, le, &li);
    if (li.type == L_BLANK || li.type == L_HEAD)
        return 1;
    const char *s = t + li.vs, *e = t + li.ve;
    return ci_prefix(s, e, "antwoord van ") || ci_prefix(s, e, "mededeling van ") ||
           ci_prefix(s, e, "vragen van ") || ps_meta_line(s, e) >= 0;
}

/* ---- an aggregator's field lines ------------------------------------- */

/* Which aggregator field line [s,e) is (M_*), or -1. */
int ps_meta_line(const char *s, const char *e)
{
#define W(w) w, sizeof w - 1
    static const struct { const char *w; size_t n; int m; } v[] = {
        {W("Ingediend "), M_INGEDIEND}, {W("Beantwoord door "), M_DOOR},
        {W("Beantwoord "), M_BEANTWOORD}, {W("Bron vraag "), M_BRON_VRAAG},
        {W("Bron antwoord "), M_BRON_ANTWOORD}, {W("Indiener "), M_INDIENER},
        {W("Medeindiener "), M_INDIENER}, {W("Onderwerpen"), M_COUNT}};
#undef W
    if (e - s < 10 || !memchr("IBMO", *s, 4))
        return -1;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if ((size_t)(e - s) >= v[i].n && !memcmp(s, v[i].w, v[i].n))
            return v[i].m;
    return -1;
}
