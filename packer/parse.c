/* parse.c - the parser: the source text of one Kamervragen document
 * (question, answer or notice) into the fields of a fmt_doc. This file
 * runs the steps below and owns the zaak and document numbers and the
 * check of raw bytes; the steps live in parse_header.c (1), parse_lines.c
 * and parse_body.c (2), with helpers in parse_text.c (see parse_int.h).
 *
 * The text comes in many shapes: Markdown, plain text from the official web
 * pages, tweedekamer.nl pages with hard-wrapped lines, text extracted from
 * PDFs with page furniture glued to the prose, aggregators' case pages,
 * early as-submitted versions, party pages and press notices (the table in
 * docs/ARCHITECTURE.md). No layout is chosen up front: each step looks for
 * the signs of all of them. Three steps, each linear in the text and
 * bounded in memory:
 *
 *  1. The opening sentences, "Vragen van ... (ingezonden D maand JJJJ)." and
 *     for answers and notices "Antwoord van ... (ontvangen ...).", are found
 *     in the first PRE_MAX bytes, copied with markup and layout flattened
 *     (at most HEAD_MAX bytes) and split into members, addressees, subject,
 *     dates and signers; so are an aggregator's field lines ("Ingediend D",
 *     "Beantwoord door ..."), a date line, a notice told in one sentence
 *     and prose before the header (a party's page).
 *  2. One pass over the lines classifies each (heading, numbered item or
 *     bullet, footnote, page furniture, trailer, prose) and a small state
 *     machine turns them into numbered blocks, footnotes and the notice
 *     text: spans of the verbatim text. A case page's questions without
 *     "Antwoord N" are then split into question and answer.
 *  3. Zaak and document numbers come from the text before the first
 *     question, else from the file name: numbers in the body cite other
 *     documents.
 *
 * What cannot be parsed becomes a warning "line N: ..."; nothing here fails
 * on bad text, only when memory runs out.
 */
#include "parse_int.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- zaak and document numbers --------------------------------------- */

/* A publication id, "ah-tk-20142015-1365" or "kv-tk-2014Z07524". */
static const char *find_pubid(const char *s, const char *e, size_t *len)
{
    for (const char *p = s; p + 6 < e && (p = memchr(p, '-', (size_t)(e - p))) != NULL; p++) {
        if (p - s < 2 || e - p < 6 || memcmp(p, "-tk-", 4) ||
            (memcmp(p - 2, "ah", 2) && memcmp(p - 2, "kv", 2)))
            continue;
        const char *q = p + 4, *d;
        int v;
        if (p[-2] == 'a') {
            if (digits(&q, e, 8, &v) != 8 || q >= e || *q != '-')
                continue;
            d = ++q;
            if (digits(&q, e, 6, &v) < 1)
                continue;
        } else {
            size_t zl;
            d = ps_find_num(q, e - q > 20 ? q + 20 : e, 'Z', &zl);
            if (d != q)
                continue;
            q = d + zl;
        }
        if (q < e && is_word(UC(q)))
            continue;
        *len = (size_t)(q - (p - 2));
        return p - 2;
    }
    return NULL;
}

/* The zaak and document numbers: from the text before the questions (the
 * body cites other documents), then a furniture id line, then the name.
 * Many answers and notices name no zaak at all; that is not a warning. */
static void find_ids(parser *P, const char *name)
{
    fmt_doc *d = P->d;
    const char *t = P->t, *pe = t + (P->first_head != NOPOS ? P->first_head : P->n);
    const char *ne = name ? name + strlen(name) : NULL, *z;
    size_t len = 0;
    if ((z = ps_find_num(t, pe, 'Z', &len)) || (name && (z = ps_find_num(name, ne, 'Z', &len))))
        memcpy(d->zaak, z, len);
    if (!(z = ps_find_num(t, pe, 'D', &len)) && !(z = find_pubid(t, pe, &len))) {
        if (P->id_s != NOPOS)
            z = find_pubid(t + P->id_s, t + P->id_e, &len);
        if (!z && name && !(z = ps_find_num(name, ne, 'D', &len)))
            z = find_pubid(name, ne, &len);
    }
    if (z && fmt_doc_set_str(&d->docnum, z, len))
        P->nomem = 1;
}

/* An aggregator's page names the answer's publication ("Bron antwoord
 * .../ah-tk-20182019-2101.html"): that is the document's number, not the
 * question's that the page names first. */
static void answer_id(parser *P, const openings *o)
{
    const char *s = P->t + o->meta[M_BRON_ANTWOORD], *e = memchr(s, '\n', P->n - o->meta[M_BRON_ANTWOORD]);
    size_t len;
    const char *z = find_pubid(s, e ? e : P->t + P->n, &len);
    if (z && fmt_doc_set_str(&P->d->docnum, z, len))
        P->nomem = 1;
}

/* ---- the whole document ---------------------------------------------- */

/* "(ingezonden 20 juni 2022)" on its own line before the header. */
static void ing_line(parser *P, const openings *o)
{
    const char *s = P->t + o->ing + 12, *e = memchr(s, ')', P->n - o->ing - 12);
    const char *nl = memchr(s, '\n', P->n - o->ing - 12);
    if (!e || (nl && nl < e))
        e = nl ? nl : P->t + P->n;
    if ((P->d->submitted = ps_parse_date(s, e)) != 0)
        return;
    char sn[48];
    ps_snippet(s, e, sn);
    ps_warn(P, o->ingline, "date not understood: \"%s\"", sn);
    P->hdr_date = 1;
}

/* The paragraph that starts at the line at off: up to a blank line. */
static fmt_span paragraph(const parser *P, size_t off)
{
    const char *t = P->t, *p = t + off, *e = t + P->n;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        if (!nl) {
            p = e;
            break;
        }
        const char *q = skip_sp(nl + 1, e);
        if (q >= e || *q == '\n') {
            p = nl;
            break;
        }
        p = nl + 1;
    }
    while (p > t + off && is_sp(UC(p - 1)))
        p--;
    return span(off, (size_t)(p - t));
}

/* Drop what an earlier parse of d left, keeping id, source and text. */
static void reset_fields(fmt_doc *d)
{
    char *id = d->id, *source = d->source, *text = d->text;
    size_t len = d->len;
    d->id = d->source = d->text = NULL;
    fmt_doc_free(d);
    d->id = id;
    d->source = source;
    d->text = text;
    d->len = len;
}

/* Warnings for what a document of its kind should have and did not. */
static void check_fields(parser *P, const openings *o, size_t bline)
{
    fmt_doc *d = P->d;
    size_t aline = o->as != NOPOS ? o->aline : bline;
    if (d->kind != FMT_QUESTION && !d->nanswered_by && P->sig_s != NOPOS) {
        char buf[HEAD_MAX + 1];
        size_t n = ps_clean(P->t + P->sig_s, P->t + P->sig_e, buf);
        ps_add_titles(P, buf, buf + n, &d->answered_by, &d->nanswered_by);
    }
    /* a press notice or a party's page with the answers names no signer
     * nor a date of receipt: nothing a reader of it would miss */
    int page = o->summary != NOPOS || (o->lead && o->as == NOPOS) ||
               (o->letter && o->as == NOPOS);
    if (o->hs != NOPOS && !d->submitted && !P->hdr_date)
        ps_warn(P, o->hline, "no submission date (\"ingezonden ...\") in header");
    if (d->kind != FMT_QUESTION && !d->nanswered_by && !page)
        ps_warn(P, aline, "no signer (\"Antwoord van Minister ...\") found");
    if (d->kind != FMT_QUESTION && !d->received && o->as == NOPOS && !page)
        ps_warn(P, aline, "no received date (\"ontvangen ...\") found");
    if (d->kind != FMT_NOTICE && !d->nquestions)
        ps_warn(P, bline, "no numbered questions (\"Vraag 1\") found");
    if (d->kind == FMT_ANSWER && !d->nanswers)
        ps_warn(P, bline, "no numbered answers (\"Antwoord 1\") found");
    if (d->kind == FMT_NOTICE && !d->notice.len)
        ps_warn(P, bline, "no notice text (\"Mededeling\") found");
}

int parse_doc(fmt_doc *d, const char *name)
{
    parser *P = calloc(1, sizeof *P);
    if (!P)
        return -1;
    reset_fields(d);
    P->d = d;
    P->t = d->text ? d->text : "";
    P->n = d->text ? (d->len < UINT32_MAX ? d->len : UINT32_MAX) : 0;
    P->note = -1;
    P->first_head = P->sig_s = P->id_s = P->ans_at = NOPOS;
    openings o;
    ps_find_openings(P, &o);
    P->kind = o.akind;
    P->letter = o.letter;
    size_t body = 0;
    if (o.hs != NOPOS)
        body = ps_parse_header(P, o.hs, o.hline);
    else if (!o.agg)
        ps_warn(P, 1, "no header (\"Vragen van ...\") found");
    if (!d->submitted && o.ing != NOPOS)
        ing_line(P, &o);
    if (o.as != NOPOS) {
        size_t aend = ps_parse_ansline(P, o.as, o.aline);
        if (o.late && o.as > body) {
            P->ans_at = o.as;        /* read the questions first */
            P->ans_end = aend;
        } else if (aend > body || (P->kind == FMT_NOTICE && o.as < o.hs)) {
            body = aend;
        }
    }
    if (o.agg)
        ps_parse_meta(P, &o);
    /* The body starts on the line after the opening sentences. */
    const char *nl = body ? memchr(P->t + body - 1, '\n', P->n - body + 1) : NULL;
    size_t from = body ? (nl ? (size_t)(nl - P->t) + 1 : P->n) : 0;
    size_t bline = ps_line_at(P, 0, 1, from);
    if (P->kind == FMT_NOTICE)
        ps_open_region(P, R_NOTICE, NULL, 0, from);
    ps_body_pass(P, from, bline);
    if (o.agg && P->kind == FMT_ANSWER && !d->nanswers)
        ps_split_combined(P);
    d->kind = P->kind ? P->kind : d->nanswers ? FMT_ANSWER : FMT_QUESTION;
    if (d->kind == FMT_NOTICE && !d->notice.len && o.summary != NOPOS)
        d->notice = paragraph(P, o.summary);
    if (d->kind == FMT_NOTICE && !d->received)
        d->received = o.dateline;
    check_fields(P, &o, bline);
    find_ids(P, name);
    if (o.agg && o.meta[M_BRON_ANTWOORD] != NOPOS)
        answer_id(P, &o);
    int r = P->nomem ? -1 : 0;
    free(P);
    return r;
}

/* ---- checking raw bytes ---------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || n < len)
        return 0;
    unsigned char lo = 0x80, hi = 0xBF;            /* range of the 2nd byte */
    if (c == 0xE0) lo = 0xA0;                       /* overlong */
    if (c == 0xED) hi = 0x9F;                       /* surrogates */
    if (c == 0xF0) lo = 0x90;                       /* overlong */
    if (c == 0xF4) hi = 0x8F;                       /* above U+10FFFF */
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Line number of byte offset off: counted only when there is an error to
 * report, so the check itself needs no per-byte bookkeeping. */
static size_t check_line_at(const unsigned char *p, size_t off)
{
    size_t line = 1;
    for (const unsigned char *q = p; (q = memchr(q, '\n', (size_t)(p + off - q)));
         q++)
        line++;
    return line;
}

int parse_check_text(const char *text, size_t len, char *msg, size_t msglen)
{
    const unsigned char *p = (const unsigned char *)text;
    int blank = 1;
    char buf[96];
    buf[0] = '\0';
    for (size_t i = 0; i < len && !buf[0];) {
        /* eight ASCII bytes without a NUL at a time: most of any text */
        if (i + 8 <= len && !blank) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & 0x8080808080808080ull) &&
                !((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = p[i];
        if (c == 0) {
            snprintf(buf, sizeof buf, "binary data (NUL byte) at line %zu",
                     check_line_at(p, i));
        } else if (c < 0x80) {
            blank &= is_sp(c) || c == '\n';
            i++;
        } else {
            size_t l = utf8_len(p + i, len - i);
            if (!l)
                snprintf(buf, sizeof buf, "line %zu: invalid UTF-8", check_line_at(p, i));
            blank = 0;
            i += l;
        }
    }
    if (!buf[0] && (!len || blank))
        snprintf(buf, sizeof buf, "%s", len ? "empty file (only white space)" : "empty file");
    if (msg && msglen)
        snprintf(msg, msglen, "%s", buf);
    return buf[0] != '\0';
}

