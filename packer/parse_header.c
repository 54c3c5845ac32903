/* parse_header.c - the opening sentences of a document: "Vragen van ...
 * (ingezonden ...)" into members, addressees, subject and date; "Antwoord
 * van ..." and "Mededeling van ..." into signers and the received date;
 * and where these sentences are.
 */
#include "parse_int.h"

#include <stdio.h>

/* ---- addressees and signers ---------------------------------------- */

enum { T_NONE, T_MIN, T_SS, T_MP, T_VMP };
static const char *const title_name[] = {
    "", "Minister", "Staatssecretaris", "Minister-President",
    "Vice-Minister-President"};

/* The title a word names ("Ministers", "staatssecretaris", ...), or T_NONE. */
static int title_of(const char *w, size_t n)
{
    static const struct { const char *w; int t; } v[] = {
        {"minister", T_MIN}, {"ministers", T_MIN},
        {"staatssecretaris", T_SS}, {"staatssecretarissen", T_SS},
        {"minister-president", T_MP}, {"vice-minister-president", T_VMP},
        {"viceminister-president", T_VMP}, {"vice-premier", T_VMP}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (strlen(v[i].w) == n && ci_eq(w, v[i].w, n))
            return v[i].t;
    return T_NONE;
}

typedef struct { const char *p; size_t n; } tok;

static int tok_is_n(const tok *t, const char *lit, size_t n)
{
    return t->n == n && ci_eq(t->p, lit, n);
}
#define tok_is(t, lit) tok_is_n((t), (lit), strlen(lit))
static int tok_prep(const tok *t) { return tok_is(t, "van") || tok_is(t, "voor"); }
static int tok_det(const tok *t) { return tok_is(t, "de") || tok_is(t, "het"); }

/* Words of [s,e), a comma being a word of its own. */
static size_t tokenize(const char *s, const char *e, tok *v, size_t cap)
{
    size_t k = 0;
    const char *p = s;
    while (k < cap) {
        while (p < e && *p == ' ')
            p++;
        if (p >= e)
            break;
        const char *q = p + 1;
        if (*p != ',')
            while (q < e && *q != ' ' && *q != ',')
                q++;
        v[k].p = p;
        v[k].n = (size_t)(q - p);
        k++;
        p = q;
    }
    return k;
}

/* Add s (len bytes) to a list unless it is there already, or it is the
 * Minister-President's second title ("Minister-President, Minister van
 * Algemene Zaken"). */
static void add_unique(parser *P, char ***arr, size_t *n, const char *s, size_t len)
{
    if (*n >= MAX_NAMES || !len)
        return;
    for (size_t i = 0; i < *n; i++) {
        if (strlen((*arr)[i]) == len && !memcmp((*arr)[i], s, len))
            return;
        if (!strcmp((*arr)[i], "Minister-President") &&
            len == 27 && !memcmp(s, "Minister van Algemene Zaken", 27))
            return;
    }
    if (fmt_doc_add_str(arr, n, s, len))
        P->nomem = 1;
}

typedef struct {
    int titles[4];
    size_t nt, np;
    int voor[MAX_PORT];                  /* "voor" rather than "van" */
    const char *ps[MAX_PORT], *pe[MAX_PORT];
} group;

/* One title per portfolio of each group; a group without portfolios ("de
 * Minister en de Staatssecretaris van X") shares those of the next. */
static void emit_groups(parser *P, group *g, size_t ng, char ***arr, size_t *n)
{
    char out[HEAD_MAX + 64];
    for (size_t i = 0; i < ng; i++) {
        const group *src = &g[i];
        if (!src->np && i + 1 < ng && g[i + 1].np)
            src = &g[i + 1];
        for (size_t k = 0; k < g[i].nt; k++) {
            int t = g[i].titles[k];
            if (t == T_MP || t == T_VMP || !src->np) {
                add_unique(P, arr, n, title_name[t], strlen(title_name[t]));
                continue;
            }
            for (size_t j = 0; j < src->np; j++) {
                int len = snprintf(out, sizeof out, "%s %s %.*s", title_name[t],
                                   src->voor[j] ? "voor" : "van",
                                   (int)(src->pe[j] - src->ps[j]), src->ps[j]);
                if (len > 0 && (size_t)len < sizeof out)
                    add_unique(P, arr, n, out, (size_t)len);
            }
        }
    }
}

/* In a portfolio, at "," or "en" (v[i]): does a new portfolio ("van Y")
 * or a new group ("de Minister") start? Then the current portfolio is
 * closed and the new state returned (2: in the next portfolio, whose "van"
 * *i now points at; 0: want a title); -1 when the word is part of a
 * ministry's name ("Justitie en Veiligheid", "Landbouw, Natuur"). */
static int portfolio_break(group *G, const tok *v, size_t k, size_t *i)
{
    if (*i + 1 >= k)
        return -1;
    const tok *nx = &v[*i + 1];
    int newport = tok_prep(nx);
    int newgroup = title_of(nx->p, nx->n) ||
                   (tok_det(nx) && *i + 2 < k && title_of(v[*i + 2].p, v[*i + 2].n));
    if (!newport && !newgroup)
        return -1;
    if (G->ps[G->np])
        G->np++;
    if (!newport || G->np >= MAX_PORT)
        return 0;
    G->voor[G->np] = tok_is(nx, "voor");
    G->ps[G->np] = NULL;
    (*i)++;
    return 2;
}

/* Expand a list of titles, cleaned, into one entry each: "de Ministers van
 * X, van Y en voor Z" gives "Minister van X", "Minister van Y", "Minister
 * voor Z". Ministry names contain "en" and commas, so a new portfolio starts
 * only at "van"/"voor" after a comma or "en", a new group at a title. */
void ps_add_titles(parser *P, const char *s, const char *e, char ***arr, size_t *n)
{
    tok v[MAX_TOK];
    group g[MAX_GROUP];
    size_t k = tokenize(s, e, v, MAX_TOK), ng = 0;
    int st = 0;               /* 0: want a title, 1: after one, 2: portfolio */
    group *G = NULL;
    for (size_t i = 0; i < k; i++) {
        int t = title_of(v[i].p, v[i].n), sep = tok_is(&v[i], ",") || tok_is(&v[i], "en");
        if (st == 2 && t) {              /* "... van X en Staatssecretaris" */
            if (G->ps[G->np])
                G->np++;
            st = 0;
        }
        if (st == 0) {
            if (t && ng < MAX_GROUP) {
                G = &g[ng++];
                memset(G, 0, sizeof *G);
                G->titles[G->nt++] = t;
                st = 1;
            }
        } else if (st == 1) {
            if (t && G->nt < 4) {
                G->titles[G->nt++] = t;   /* "de Minister en Staatssecretaris" */
            } else if (tok_prep(&v[i]) && G->np < MAX_PORT) {
                G->voor[G->np] = tok_is(&v[i], "voor");
                G->ps[G->np] = NULL;
                st = 2;
            } else if (tok_det(&v[i])) {
                st = 0;
            }
        } else if (sep) {
            int ns = portfolio_break(G, v, k, &i);
            st = ns < 0 ? st : ns;
        } else {
            if (!G->ps[G->np])
                G->ps[G->np] = v[i].p;
            G->pe[G->np] = v[i].p + v[i].n;
        }
    }
    if (st == 2 && G->ps[G->np])
        G->np++;
    if (ng) {
        emit_groups(P, g, ng, arr, n);
        return;
    }
    /* No title we know ("aan de Voorzitter"): keep the words as written. */
    const char *p = s, *q;
    if ((q = ci_word(p, e, "de")) || (q = ci_word(p, e, "het")))
        p = skip_sp(q, e);
    if (e - p > 0 && e - p < 200)
        add_unique(P, arr, n, p, (size_t)(e - p));
}

/* The ')' matching the '(' at p, or e. */
static const char *match_paren(const char *p, const char *e)
{
    int depth = 0;
    for (; p < e; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0)
            return p;
    }
    return e;
}

/* One signer as written, "Minister X (Ministry)", its title capitalised,
 * added to the list arr. */
static void add_signer(parser *P, const char *s, const char *e, char ***arr, size_t *n)
{
    char out[HEAD_MAX + 64];
    const char *w = s;
    while (w < e && *w != ' ')
        w++;
    int t = title_of(s, (size_t)(w - s));
    int len = t ? snprintf(out, sizeof out, "%s%.*s", title_name[t], (int)(e - w), w)
                : snprintf(out, sizeof out, "%.*s", (int)(e - s), s);
    if (len > 0 && (size_t)len < sizeof out)
        add_unique(P, arr, n, out, (size_t)len);
}

/* Signers in [s,e) into a list: named ones, "Minister X (M) en van
 * Minister Y (N)", each as written; titles only ("de Minister van Z"),
 * expanded as addressees are. */
static void signer_list(parser *P, const char *s, const char *e, char ***arr, size_t *n)
{
    const char *p = s, *q;
    if (!memchr(s, '(', (size_t)(e - s))) {
        ps_add_titles(P, s, e, arr, n);
        return;
    }
    while (p < e) {
        while (p < e && (*p == ' ' || *p == ','))
            p++;
        if ((q = ci_word(p, e, "en")) != NULL)
            p = skip_sp(q, e);
        /* "en van Minister Y", "de Minister van X": lower case only,
         * for "Van der Wal" is a name */
        if (e - p >= 4 && !memcmp(p, "van ", 4))
            p = skip_sp(p + 3, e);
        if (e - p >= 3 && !memcmp(p, "de ", 3))
            p = skip_sp(p + 2, e);
        const char *lp = memchr(p, '(', (size_t)(e - p));
        if (!lp) {
            if (p < e && !ci_find(p, e, "ontvangen"))
                ps_add_titles(P, p, e, arr, n);
            break;
        }
        const char *rp = match_paren(lp, e);
        add_signer(P, p, rp < e ? rp + 1 : e, arr, n);
        p = rp < e ? rp + 1 : e;
    }
}

/* Who answered: "Minister X (M) en van Minister Y (N), mede namens de
 * Minister van Z, mede ondertekend door de Staatssecretaris van W"
 * (cleaned) gives answered_by "Minister X (M)", "Minister Y (N)",
 * on_behalf_of "Minister van Z" and cosigned_by "Staatssecretaris van W":
 * the reader says who signed and for whom, not that all of them signed. */
void ps_add_signers(parser *P, const char *s, const char *e)
{
    fmt_doc *d = P->d;
    const char *mn = ci_find(s, e, "mede namens");
    const char *mo = ci_find(s, e, "mede ondertekend door");
    const char *se = mn && (!mo || mn < mo) ? mn : mo ? mo : e;
    signer_list(P, s, se, &d->answered_by, &d->nanswered_by);
    if (mn)
        signer_list(P, mn + 11, mo > mn ? mo : e, &d->on_behalf_of, &d->non_behalf_of);
    if (mo)
        signer_list(P, mo + 21, mn > mo ? mn : e, &d->cosigned_by, &d->ncosigned_by);
}

/* ---- members ---------------------------------------------------------- */

static void add_name(parser *P, const char *s, const char *e,
                     const char *party, size_t plen)
{
    static const char *const drop[] = {"en ", "de heer ", "mevrouw ", "mw. ", "dhr. "};
    while (s < e && (*s == ' ' || *s == ',' || *s == ';' || *s == ':'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == ',' || e[-1] == ';' || e[-1] == '.'))
        e--;
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
        const char *q = ci_prefix(s, e, drop[i]);
        if (q && (i > 0 || q < e))
            s = skip_sp(q, e);
    }
    const char *l = s;
    while (l < e && !(is_upper(UC(l)) || is_lower(UC(l)) || UC(l) >= 0x80))
        l++;
    if (l == e || e - s > MAX_NAME || P->d->nmembers >= MAX_NAMES)
        return;
    if (fmt_doc_add_member(P->d, s, (size_t)(e - s), party, plen))
        P->nomem = 1;
}

/* Names separated by commas and "en", all with the same party. */
static void add_names(parser *P, const char *s, const char *e,
                      const char *party, size_t plen)
{
    const char *p = s;
    while (p < e && !P->nomem) {
        const char *q = p;
        while (q < e && *q != ',' && !(*q == ' ' && e - q >= 4 && !memcmp(q, " en ", 4)))
            q++;
        add_name(P, p, q, party, plen);
        p = q < e ? q + (*q == ',' ? 1 : 4) : e;
    }
}

/* "Palland, Inge van Dijk en Amhaouch (allen CDA)", "Omtzigt (CDA),
 * Gesthuizen (SP) en Schouw (D66)": each parenthesis gives the party of
 * the names since the previous one; names without one get none. */
static void add_members(parser *P, const char *s, const char *e)
{
    static const char *const all[] = {"allen ", "beiden ", "beide ", "alle ", "allebei "};
    const char *p = s;
    while (p < e && !P->nomem) {
        const char *lp = memchr(p, '(', (size_t)(e - p));
        if (!lp) {
            add_names(P, p, e, NULL, 0);
            break;
        }
        const char *rp = match_paren(lp, e), *ps = skip_sp(lp + 1, rp), *pe = rp, *q;
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
            if ((q = ci_prefix(ps, pe, all[i])) != NULL)
                ps = skip_sp(q, pe);
        while (pe > ps && pe[-1] == ' ')
            pe--;
        add_names(P, p, lp, pe > ps ? ps : NULL, (size_t)(pe - ps));
        p = rp < e ? rp + 1 : e;
    }
}

/* ---- the opening sentences ------------------------------------------- */

/* The first lit in [s,e) outside parentheses, or NULL. */
#define find_top(s, e, lit) find_top_n((s), (e), (lit), strlen(lit))
static const char *find_top_n(const char *s, const char *e, const char *lit, size_t n)
{
    int depth = 0;
    for (const char *p = s; p < e; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth -= depth > 0;
        else if (!depth && (size_t)(e - p) >= n && !memcmp(p, lit, n))
            return p;
    }
    return NULL;
}

/* Split a cleaned header, without its "(ingezonden ...)", into members,
 * addressees and subject. */
static void header_fields(parser *P, const char *s, const char *e, size_t line)
{
    /* "het leden", "de lid": typos of the record, read as meant */
    static const char *const pre[] = {"het lid ", "het kamerlid ", "de leden ",
                                      "de kamerleden ", "het leden ", "de lid ",
                                      "lid ", "leden "};
    fmt_doc *d = P->d;
    const char *p = ci_prefix(s, e, "vragen van ");
    p = p ? p : s;
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
        const char *q = ci_prefix(p, e, pre[i]);
        if (q) {
            p = q;
            break;
        }
    }
    const char *aan = find_top(p, e, " aan "), *over = find_top(p, e, " over ");
    size_t ol = 6;
    if (!over && (over = find_top(p, e, " inzake ")) != NULL)
        ol = 8;
    if (aan && over && over < aan)
        aan = NULL;
    add_members(P, p, aan ? aan : over ? over : e);
    if (!d->nmembers)
        ps_warn(P, line, "no members found in header");
    if (aan) {
        const char *o2 = find_top(aan + 5, e, " over ");
        if (o2)
            over = o2, ol = 6;
        ps_add_titles(P, aan + 5, over ? over : e, &d->addressees, &d->naddressees);
    }
    /* a covering letter to the Speaker ("Hierbij stuur ik uw Kamer de
     * antwoorden op schriftelijke vragen van het lid X over Y") names
     * none: not worth a warning */
    if (!d->naddressees && !P->letter)
        ps_warn(P, line, "no addressee (\"aan de Minister ...\") in header");
    const char *ss = over ? over + ol : e;
    while (e > ss && (e[-1] == ' ' || (e[-1] == '.' && e - 1 > ss && e[-2] != '.')))
        e--;
    if (ss < e) {
        if (fmt_doc_set_str(&d->subject, ss, (size_t)(e - ss)))
            P->nomem = 1;
    } else {
        ps_warn(P, line, "no subject (\"over ...\") in header");
    }
}

/* The sentence starting at s (a header or answer line) runs to the ')' that
 * closes "(KW ...)" and a '.' after it, else to the end of its paragraph:
 * a blank line or a line that starts something else; at most HEAD_MAX
 * bytes. *kw is the keyword's offset, or NOPOS. Returns the end offset. */
static size_t sentence(parser *P, size_t s, const char *kwlit, size_t *kw)
{
    const char *t = P->t;
    size_t lim = P->n - s > HEAD_MAX ? s + HEAD_MAX : P->n, pend = s, pos = s;
    while (lim > s && lim < P->n && (UC(t + lim) & 0xC0) == 0x80)
        lim--;
    for (int first = 1; pos < lim; first = 0) {
        const char *nl = memchr(t + pos, '\n', lim - pos);
        size_t le = nl ? (size_t)(nl - t) : lim;
        if (!first && ps_is_stopper(t, pos, le))
            break;
        pend = le;
        pos = le + 1;
    }
    while (pend > s && (is_sp(UC(t + pend - 1)) || t[pend - 1] == '\n'))
        pend--;
    /* "(ingezonden" before a bare "ingezonden": a subject may say it */
    char paren[16];
    int pl = snprintf(paren, sizeof paren, "(%s", kwlit);
    const char *k = ci_find_n(t + s, t + pend, paren, (size_t)pl);
    k = k ? k + 1 : ci_find_n(t + s, t + pend, kwlit, (size_t)pl - 1);
    *kw = k ? (size_t)(k - t) : NOPOS;
    if (!k)
        return pend;
    const char *rp = memchr(k, ')', (size_t)(t + pend - k));
    if (!rp)
        return pend;
    size_t end = (size_t)(rp - t) + 1;
    return end < pend && t[end] == '.' ? end + 1 : end;
}

/* Where the text before "(KW" ends: at its '(' if there is one. */
static size_t before_kw(const parser *P, size_t from, size_t kw)
{
    size_t p = kw;
    while (p > from && (is_sp(UC(P->t + p - 1)) || P->t[p - 1] == '\n' ||
                        P->t[p - 1] == '*' || P->t[p - 1] == '_'))
        p--;
    return p > from && P->t[p - 1] == '(' ? p - 1 : p;
}

/* The date after the keyword at kw, into *out; a warning if it is not one. */
static void sentence_date(parser *P, size_t kw, size_t klen, size_t end,
                          size_t from, size_t line, int32_t *out)
{
    const char *s = P->t + kw + klen, *e = P->t + end;
    int32_t v = ps_parse_date(s, e);
    if (v) {
        *out = v;
        return;
    }
    char sn[48];
    const char *q = s;
    while (q < e && *q != ')')
        q++;
    ps_snippet(skip_ws(s, q), q, sn);
    ps_warn(P, ps_line_at(P, from, line, kw), "date not understood: \"%s\"", sn);
}

/* "Vragen van ... (ingezonden ...)." at hs: header span, fields, date.
 * Returns the sentence's end. */
size_t ps_parse_header(parser *P, size_t hs, size_t line)
{
    char buf[HEAD_MAX + 1];
    size_t kw, end = sentence(P, hs, "ingezonden", &kw);
    size_t se = kw == NOPOS ? end : before_kw(P, hs, kw);
    size_t n = ps_clean(P->t + hs, P->t + se, buf);
    if (kw == NOPOS && n && buf[n - 1] == '.')
        buf[--n] = '\0';
    P->d->header = span(hs, end);
    header_fields(P, buf, buf + n, line);
    P->hdr_date = kw != NOPOS;
    if (kw != NOPOS)
        sentence_date(P, kw, 10, end, hs, line, &P->d->submitted);
    return end;
}

/* "Antwoord van ... (ontvangen ...)." or "Mededeling van ..." at as. */
size_t ps_parse_ansline(parser *P, size_t as, size_t line)
{
    char buf[HEAD_MAX + 1];
    size_t skip = P->kind == FMT_ANSWER ? 13 : 15;   /* "Antwoord van " */
    size_t kw, end = sentence(P, as, "ontvangen", &kw);
    size_t se = kw == NOPOS ? end : before_kw(P, as, kw);
    size_t from = as + skip < se ? as + skip : se;
    size_t n = ps_clean(P->t + from, P->t + se, buf);
    while (n && (buf[n - 1] == '.' || buf[n - 1] == ' ' || buf[n - 1] == ','))
        buf[--n] = '\0';
    ps_add_signers(P, buf, buf + n);
    if (kw == NOPOS)
        ps_warn(P, line, "no received date (\"ontvangen ...\")");
    else
        sentence_date(P, kw, 9, end, as, line, &P->d->received);
    return end;
}

/* ---- finding the opening sentences ----------------------------------- */

/* A line that is only a date, perhaps after a place ("Den Haag, 8 maart
 * 2023") or "Datum:": its yyyymmdd, else 0. */
static int32_t date_line(const char *s, const char *e)
{
    const char *c = memchr(s, ',', (size_t)(e - s > 30 ? 30 : e - s)), *q;
    if ((q = ci_prefix(s, e, "datum:")) != NULL)
        s = q;
    else if (c)
        s = c + 1;                           /* "Den Haag," */
    s = skip_sp(s, e);
    if (e - s > 24 || e - s < 8 || !is_digit(UC(e - 1)) || !is_digit(UC(e - 4)))
        return 0;
    return ps_parse_date(s, e);
}

/* One line before the first heading, for ps_find_openings. */
static void opening_line(const parser *P, openings *o, const lineinfo *li,
                         size_t ln, size_t *hs2, size_t *hl2)
{
    const char *s = P->t + li->vs, *e = P->t + li->ve, *q;
    size_t zl;
    int m;
    if (e - s > PRE_MAX)
        e = s + PRE_MAX;
    if (o->hs == NOPOS && (q = ps_find_num(s, e, 'Z', &zl)) == s &&
        ci_prefix(skip_sp(s + zl, e), e, "vragen van "))
        s = skip_sp(s + zl, e);              /* "2022Z11870 Vragen van ..." */
    if (o->hs == NOPOS && *s == 'V' && ci_prefix(s, e, "vragen van ")) {
        o->hs = (size_t)(s - P->t);
        o->hline = ln;
    } else if (o->as == NOPOS && (ci_prefix(s, e, "antwoord van ") ||
                                  ci_prefix(s, e, "mededeling van "))) {
        o->as = li->vs;
        o->aline = ln;
        o->akind = lower(UC(s)) == 'a' ? FMT_ANSWER : FMT_NOTICE;
    } else if (!o->akind && (ci_prefix(s, e, "mededeling :") || ci_prefix(s, e, "mededeling:") ||
                             ci_prefix(s, e, "uitstelbericht"))) {
        o->akind = FMT_NOTICE;  /* a page title: a notice, no signer here */
    } else if ((m = ps_meta_line(s, e)) >= 0) {
        o->agg = 1;
        if (m == M_INDIENER && o->nind < MAX_INDIENERS) {
            o->ind[o->nind] = li->vs;
            o->indline[o->nind++] = ln;
        } else if (m < M_INDIENER && o->meta[m] == NOPOS) {
            o->meta[m] = li->vs;
            o->metaline[m] = ln;
        }
    } else if (o->ing == NOPOS && o->hs == NOPOS && ci_prefix(s, e, "(ingezonden ")) {
        o->ing = li->vs;                     /* before the header */
        o->ingline = ln;
    } else if (o->hs == NOPOS && !o->dateline && (o->dateline = date_line(s, e)) != 0) {
        /* the page's date */
    } else {
        /* "De vragen van ... (ingezonden D) kunnen niet binnen de
         * gebruikelijke termijn worden beantwoord": the header inside */
        if (o->summary == NOPOS && (q = ci_find(s, e, "niet binnen de")) != NULL &&
            ci_find(q, e, "termijn") && ci_find(q, e, "beantwoord") &&
            ci_find(s, q, "vragen van ")) {
            o->summary = li->vs;
            o->akind = o->akind ? o->akind : FMT_NOTICE;
        }
        if (*hs2 == NOPOS && ci_find(s, e, "ingezonden") &&
            (q = ci_find(s, e, "vragen van ")) != NULL) {
            *hs2 = (size_t)(q - P->t);
            *hl2 = ln;
        }
        /* a title, then a lead paragraph (sentences, not the furniture of
         * an official page) before the header: a party's or a press page */
        if (o->hs == NOPOS && li->type == L_TEXT && !ps_find_num(s, e, 'Z', &zl)) {
            if (o->title == NOPOS)
                o->title = li->vs;
            o->lead |= e - s >= 60 && e[-1] == '.' && memchr(s, ' ', (size_t)(e - s)) &&
                       ci_find(s, e, ". ") != NULL;
        }
    }
}

/* Scan the lines before the first heading (within PRE_MAX) for the header,
 * a line starting with "Vragen van" (else "vragen van" inside a line that
 * also says "ingezonden", as in a covering letter or a press notice), the
 * answer or notice line, an aggregator's field lines, a date line and a
 * notice told in a sentence. */
void ps_find_openings(const parser *P, openings *o)
{
    size_t pos = 0, ln = 1, hs2 = NOPOS, hl2 = 0;
    int nums = 0;
    lineinfo li;
    memset(o, 0, sizeof *o);
    o->hs = o->as = o->ing = o->summary = o->title = NOPOS;
    for (int m = 0; m < M_COUNT - 1; m++)
        o->meta[m] = NOPOS;
    while (pos < P->n && pos < PRE_MAX) {
        const char *nl = memchr(P->t + pos, '\n', P->n - pos);
        size_t le = nl ? (size_t)(nl - P->t) : P->n;
        ps_classify(P->t, pos, le, &li);
        if (li.type == L_HEAD)
            break;
        if (li.type == L_NUM && o->hs != NOPOS && o->as == NOPOS) {
            nums++;             /* "1", "2": questions numbered bare */
        } else if (li.vs < li.ve) {
            size_t as = o->as;
            opening_line(P, o, &li, ln, &hs2, &hl2);
            if (as != o->as)
                o->late = nums > 0;
        }
        if (!nl)
            break;
        pos = le + 1;
        ln++;
    }
    if (o->hs == NOPOS) {
        o->hs = hs2;
        o->hline = hl2;
        o->lead = 0;
        o->letter = hs2 != NOPOS;
    }
    if (o->agg && !o->akind && o->meta[M_BEANTWOORD] != NOPOS)
        o->akind = FMT_ANSWER;  /* a case page with the answers */
}

/* The end of [s,e) cut to at most HEAD_MAX bytes, at a character's start:
 * a field line read is bounded, and cut it stays UTF-8. */
static const char *cap(const char *s, const char *e)
{
    if (e - s <= HEAD_MAX)
        return e;
    e = s + HEAD_MAX;
    while (e > s && (UC(e) & 0xC0) == 0x80)
        e--;
    return e;
}

/* "Beantwoord door Jorrit Talsma (minister voor Medische Zorg) (VVD)" as
 * an answer line names its signer: "Minister Jorrit Talsma (Medische
 * Zorg)"; a role that is no title is kept as written. */
static void meta_signer(parser *P, const char *s, const char *e)
{
    char buf[HEAD_MAX + 1], out[2 * HEAD_MAX + 8];
    size_t n = ps_clean(s, cap(s, e), buf);
    const char *b = buf, *be = buf + n, *lp = memchr(b, '(', n), *w, *port;
    const char *rp = lp ? match_paren(lp, be) : be;
    const char *ne = lp ? lp : be;
    while (ne > b && ne[-1] == ' ')
        ne--;
    int t = 0, len;
    if (lp && rp < be) {
        for (w = lp + 1; w < rp && *w != ' '; w++)
            ;
        t = title_of(lp + 1, (size_t)(w - lp - 1));
        port = skip_sp(w, rp);
        if ((w = ci_word(port, rp, "van")) || (w = ci_word(port, rp, "voor")))
            port = skip_sp(w, rp);
        if (t && port < rp)
            len = snprintf(out, sizeof out, "%s %.*s (%.*s)", title_name[t], (int)(ne - b), b,
                           (int)(rp - port), port);
        else
            len = snprintf(out, sizeof out, "%.*s", (int)(rp + 1 - b), b);
    } else {
        len = snprintf(out, sizeof out, "%.*s", (int)(ne - b), b);
    }
    if (len > 0 && (size_t)len < sizeof out && ne > b)
        add_unique(P, &P->d->answered_by, &P->d->nanswered_by, out, (size_t)len);
}

/* A case page without a "Vragen van" header: its title, "Kamervragen
 * over de wachtlijsten", says the subject. */
static void title_subject(parser *P, size_t at)
{
    static const char *const lead[] = {"kamervragen over ", "kamervraag over ",
                                       "vragen over ", "schriftelijke vragen over "};
    char buf[HEAD_MAX + 1];
    const char *s = P->t + at, *e = memchr(s, '\n', P->n - at), *q;
    e = e ? e : P->t + P->n;
    size_t n = ps_clean(s, cap(s, e), buf);
    const char *b = buf, *be = buf + n;
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        if ((q = ci_prefix(b, be, lead[i])) != NULL)
            b = q;
    while (be > b && (be[-1] == '.' || be[-1] == ' '))
        be--;
    if (be > b && fmt_doc_set_str(&P->d->subject, b, (size_t)(be - b)))
        P->nomem = 1;
}

/* The field lines of an aggregator's case page, for what the opening
 * sentences did not say: dates, members (Indiener), signer (Beantwoord
 * door) and the official addresses (Bron vraag, Bron antwoord). */
void ps_parse_meta(parser *P, const openings *o)
{
    fmt_doc *d = P->d;
    char buf[HEAD_MAX + 1];
    static const size_t skip[M_COUNT - 1] = {10, 11, 16, 11, 14};
    for (int m = 0; m < M_COUNT - 1; m++) {
        if (o->meta[m] == NOPOS)
            continue;
        const char *s = P->t + o->meta[m] + skip[m], *e = memchr(s, '\n', P->n - (size_t)(s - P->t));
        e = e ? e : P->t + P->n;
        while (e > s && is_sp(UC(e - 1)))
            e--;
        int32_t *date = m == M_INGEDIEND ? &d->submitted : m == M_BEANTWOORD ? &d->received : NULL;
        if (date && !*date && !(*date = ps_parse_date(s, e))) {
            ps_snippet(s, e, buf);
            ps_warn(P, o->metaline[m], "date not understood: \"%s\"", buf);
        } else if (m == M_DOOR && !d->nanswered_by) {
            meta_signer(P, s, e);
        } else if (m == M_BRON_VRAAG || m == M_BRON_ANTWOORD) {
            const char *u = skip_sp(s, e), *ue = u;
            while (ue < e && !is_sp(UC(ue)))
                ue++;
            if (ue - u > 8 && fmt_doc_add_str(&d->source_urls, &d->nsource_urls, u, (size_t)(ue - u)))
                P->nomem = 1;
        }
    }
    int members = !d->nmembers;
    for (size_t i = 0; i < o->nind && members; i++) {
        const char *s = P->t + o->ind[i], *e = memchr(s, '\n', P->n - o->ind[i]);
        e = e ? e : P->t + P->n;
        s = memchr(s, ' ', (size_t)(e - s));
        size_t n = s ? ps_clean(s, cap(s, e), buf) : 0;
        if (n)
            add_members(P, buf, buf + n);
    }
    if (!d->subject && o->hs == NOPOS && o->title != NOPOS)
        title_subject(P, o->title);
}
