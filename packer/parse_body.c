/* parse_body.c - the body: one pass over the lines after the opening
 * sentences, a small state machine turning them into numbered blocks,
 * footnotes (with their URLs) and the notice text, as spans of the text.
 */
#include "parse_int.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- footnotes -------------------------------------------------------- */

static void see(parser *P, int v)
{
    if (v > 0 && v < MAX_MARK)
        P->seen[v >> 3] |= (unsigned char)(1u << (v & 7));
}

static int seen(const parser *P, int v)
{
    return v > 0 && v < MAX_MARK && (P->seen[v >> 3] >> (v & 7)) & 1;
}

/* "[4 5 ]", "^{3 4}": see every number up to close. */
static const char *mark_group(parser *P, const char *p, const char *e, char close)
{
    int vals[8], k = 0, v;
    const char *q = p;
    while (q < e && q - p < 40) {
        if (is_digit(UC(q))) {
            digits(&q, e, 4, &v);
            if (k < 8)
                vals[k++] = v;
        } else if (*q == ' ' || *q == ',' || *q == '^') {
            q++;
        } else {
            break;
        }
    }
    if (q < e && *q == close)
        for (int i = 0; i < k; i++)
            see(P, vals[i]);
    return q;
}

/* Is p inside parentheses opened on its line (within 120 bytes back)?
 * Then "(zie punt 1)" is no footnote mark " 1)". */
static int in_paren(const char *s, const char *p)
{
    int depth = 0;
    for (const char *q = p; q > s && p - q < 120 && q[-1] != '\n'; q--)
        if (q[-1] == ')')
            depth--;
        else if (q[-1] == '(' && ++depth > 0)
            return 1;
    return 0;
}

/* "sinds 20102": a year with a footnote mark glued to it (a PDF's
 * superscript lost). Only 19xx and 20xx followed by one or two digits and
 * then no word: "20102?", "201012," */
static void glued_to_year(parser *P, const char *p, const char *q)
{
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    if (y < 1900 || y > 2099 || (q < P->t + P->n && is_word(UC(q))))
        return;
    int v = 0;
    for (const char *d = p + 4; d < q; d++)
        v = v * 10 + (*d - '0');
    see(P, v);
}

/* Note the footnote marks in the text: superscripts, [1], ^{3 4},
 * digits glued to a word or standing at the start of a line ("?1",
 * "brief2"), " 1)" of early versions and a mark glued to a year
 * ("20102"). A line starting with number N
 * is taken as footnote N only if N was marked so before: that keeps "2
 * februari" and wrapped numbers prose. The text is scanned lazily, up to
 * a line that needs it. */
static void scan_marks(parser *P, const char *s, const char *e)
{
    const char *p = s;
    int v, len, dv;
    while (p < e) {
        unsigned char c = UC(p);
        if (is_digit(c)) {
            const char *q = p;
            int nd = digits(&q, e, 4, &v);
            while (q < e && is_digit(UC(q)))
                q++, nd++;
            if (nd <= 3 && (p == s || p[-1] == '\n' || !is_sp(UC(p - 1)) ||
                            (q < e && *q == ')' && !in_paren(s, p))))
                see(P, v);
            else if (nd == 5 || nd == 6)
                glued_to_year(P, p, q);
            p = q;
        } else if (c == '[') {
            p = mark_group(P, p + 1, e, ']');
        } else if (c == '^' && p + 1 < e && p[1] == '{') {
            p = mark_group(P, p + 2, e, '}');
        } else if ((c == 0xC2 || c == 0xE2) && sup_digit(p, e, &len) >= 0) {
            int nd = 0;
            v = 0;
            while (p < e && (dv = sup_digit(p, e, &len)) >= 0) {
                if (nd++ < 3)
                    v = v * 10 + dv;
                p += len;
            }
            see(P, v);
        } else {
            p++;
        }
    }
}

/* Where a URL that starts at u ends: at white space, <>"|, guillemets and
 * curly quotes, or a ')' it did not open; trailing punctuation dropped. */
static const char *url_end(const char *u, const char *e)
{
    const char *q = u;
    int depth = 0;
    for (; q < e; q++) {
        unsigned char c = UC(q);
        if (is_sp(c) || c == '\n' || c == '<' || c == '>' || c == '"' || c == '|')
            break;
        if (c == 0xC2 && q + 1 < e && (UC(q + 1) == 0xAB || UC(q + 1) == 0xBB || UC(q + 1) == 0xA0))
            break;
        if (c == 0xE2 && e - q >= 3 && UC(q + 1) == 0x80 && UC(q + 2) >= 0x98 && UC(q + 2) <= 0x9D)
            break;
        if (c == '(')
            depth++;
        else if (c == ')' && depth-- == 0)
            break;
    }
    while (q > u && memchr(".,;:!?'", q[-1], 7))
        q--;
    return q;
}

/* Every URL in the footnote's text: http(s)://... and www.... */
static void add_urls(parser *P, fmt_note *f)
{
    const char *s = P->t + f->span.off, *e = s + f->span.len;
    for (const char *p = s; p < e && f->nurls < MAX_URLS && !P->nomem;) {
        int at = ((*p == 'h' || *p == 'H') &&
                  (ci_prefix(p, e, "https://") || ci_prefix(p, e, "http://"))) ||
                 ((*p == 'w' || *p == 'W') && ci_prefix(p, e, "www.") &&
                  (p == s || !(is_word(UC(p - 1)) || p[-1] == '/' || p[-1] == '.')));
        if (!at) {
            p++;
            continue;
        }
        const char *q = url_end(p, e);
        if (q - p > 8 && fmt_doc_add_note_url(f, p, (size_t)(q - p)))
            P->nomem = 1;
        p = q > p ? q : p + 1;
    }
}

static void close_note(parser *P)
{
    if (P->note < 0)
        return;
    add_urls(P, &P->d->footnotes[P->note]);
    P->note = -1;
}

static void limit(parser *P, const char *what)
{
    if (!(P->capped & (what[0] == 'q' ? 1 : what[0] == 'a' ? 2 : 4))) {
        P->capped |= what[0] == 'q' ? 1 : what[0] == 'a' ? 2 : 4;
        ps_warn(P, P->line, "more than %d %s; the rest are left out", MAX_BLOCKS, what);
    }
}

static void open_note(parser *P, const char *mark, size_t s, size_t e)
{
    close_note(P);
    if (P->d->nfootnotes >= MAX_NOTES) {
        limit(P, "footnotes");
        return;
    }
    if (fmt_doc_add_note(P->d, mark, (size_t)-1, span(s, e))) {
        P->nomem = 1;
        return;
    }
    P->note = (long)P->d->nfootnotes - 1;
}

/* Is this footnote-like line a footnote? Superscript and bracketed marks
 * and marks in a footnote section are; a plain number must continue the
 * numbering and have been marked in the text before. */
static int accept_note(parser *P, const lineinfo *li, size_t ls)
{
    int v = li->num;
    if (li->strong)
        return 1;
    if (v <= P->last_note || v > P->last_note + 20)
        return 0;
    if (P->notes_sect)
        return 1;
    if (P->marks_to < ls) {
        scan_marks(P, P->t + P->marks_to, P->t + ls);
        P->marks_to = ls;
    }
    return seen(P, v);
}

/* ---- blocks ----------------------------------------------------------- */

static void add_block(parser *P, int kind, const uint16_t *nums, size_t nn,
                      size_t s, size_t e)
{
    fmt_doc *d = P->d;
    fmt_block **arr = kind == R_Q ? &d->questions : &d->answers;
    size_t *n = kind == R_Q ? &d->nquestions : &d->nanswers;
    if (*n >= MAX_BLOCKS) {
        limit(P, kind == R_Q ? "questions" : "answers");
        return;
    }
    if (fmt_doc_add_block(arr, n, nums, nn, span(s, e)))
        P->nomem = 1;
}

static void note_question(parser *P, const uint16_t *nums, size_t nn)
{
    for (size_t i = 0; i < nn; i++) {
        P->qseen[nums[i] >> 3] |= (unsigned char)(1u << (nums[i] & 7));
        if (nums[i] > P->max_q)
            P->max_q = nums[i];
    }
    memcpy(P->lastq, nums, nn * sizeof *nums);
    P->nlastq = nn;
}

/* Close the block being read. next_a is the number of the answer heading
 * that closes it, or 0. A PDF can lose a "Vraag N" heading at a page
 * break: then answer N-1 runs on, past footnotes and furniture, into the
 * text of question N, and "Antwoord N" follows with no question N. */
static int qseen(const parser *P, int v)
{
    return v > 0 && v <= MAX_QNUM && (P->qseen[v >> 3] >> (v & 7)) & 1;
}

static void close_region(parser *P, int next_a)
{
    region *r = &P->r;
    if (r->kind == R_Q || r->kind == R_A) {
        int has = 0;
        for (size_t i = 0; i < r->nn; i++)
            has |= r->nums[i] == next_a;
        if (r->start == NOPOS) {
            add_block(P, r->kind, r->nums, r->nn, r->empty_at, r->empty_at);
        } else if (r->kind == R_A && r->split && !has && !qseen(P, next_a) &&
                   qseen(P, next_a - 1)) {
            uint16_t m = (uint16_t)next_a;
            add_block(P, R_A, r->nums, r->nn, r->start, r->pre_end);
            add_block(P, R_Q, &m, 1, r->post_start, r->end);
            note_question(P, &m, 1);
        } else {
            add_block(P, r->kind, r->nums, r->nn, r->start, r->end);
        }
    } else if (r->kind == R_NOTICE && r->start != NOPOS) {
        P->d->notice = span(r->start, r->end);
    }
    r->kind = R_NONE;
}

void ps_open_region(parser *P, int kind, const uint16_t *nums, size_t nn, size_t at)
{
    region *r = &P->r;
    r->kind = kind;
    if (nn)
        memcpy(r->nums, nums, nn * sizeof *nums);
    r->nn = nn;
    r->start = NOPOS;
    r->end = r->empty_at = at;
    r->brk = r->split = r->bare = 0;
}

/* A footnote or page furniture interrupts the block's text. */
static void mark_break(parser *P)
{
    if (P->r.kind != R_NONE && P->r.start != NOPOS)
        P->r.brk = 1;
}

/* A signature before the questions ("Minister van Landbouw, ..."): who
 * answered, when no "Antwoord van" line says so. */
static void maybe_signature(parser *P, size_t s, size_t e)
{
    static const char *const lead[] = {"minister van ", "minister voor ",
        "staatssecretaris van ", "staatssecretaris voor ", "de minister van ",
        "de minister voor ", "de staatssecretaris van "};
    if (P->first_head != NOPOS || P->sig_s != NOPOS || e - s > 200)
        return;
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        if (ci_prefix(P->t + s, P->t + e, lead[i])) {
            P->sig_s = s;
            P->sig_e = e;
            return;
        }
}

/* Prose [s,e) extends the block being read. */
static void content(parser *P, size_t s, size_t e)
{
    region *r = &P->r;
    if (r->kind == R_NONE) {
        maybe_signature(P, s, e);
        return;
    }
    if (r->start == NOPOS) {
        r->start = s;
    } else if (r->brk) {
        r->split = 1;
        r->pre_end = r->end;
        r->post_start = s;
    }
    r->brk = 0;
    r->end = e;
}

static void heading(parser *P, const lineinfo *li)
{
    uint16_t nums[MAX_NUMS];
    size_t nn = li->nn;
    memcpy(nums, li->nums, nn * sizeof *nums);
    if (li->hk == 'Q') {
        if (!nn)
            nums[nn++] = (uint16_t)(P->max_q < MAX_QNUM ? P->max_q + 1 : MAX_QNUM);
        P->vraag_seen |= li->word;
    } else if (!nn && P->nlastq) {
        memcpy(nums, P->lastq, P->nlastq * sizeof *nums);  /* bare "Antwoord" */
        nn = P->nlastq;
    } else if (!nn) {
        nums[nn++] = (uint16_t)(P->max_a < MAX_QNUM ? P->max_a + 1 : MAX_QNUM);
    }
    if (P->first_head == NOPOS)
        P->first_head = li->vs;
    close_region(P, li->hk == 'A' ? nums[0] : 0);
    ps_open_region(P, li->hk == 'Q' ? R_Q : R_A, nums, nn, li->ve);
    P->r.bare = li->hk == 'A' && !li->nn;
    if (li->hk == 'Q')
        note_question(P, nums, nn);
    else
        for (size_t i = 0; i < nn; i++)
            P->max_a = nums[i] > P->max_a ? nums[i] : P->max_a;
    if (li->body != NOPOS)
        content(P, li->body, li->ve);
}

/* A prose line: the text of a pending "X Noot", the continuation of an
 * open footnote, or content of the block being read. */
static void prose(parser *P, const lineinfo *li)
{
    if (P->note_hdr) {
        char mk[12];
        if (P->note_mark[0])
            memcpy(mk, P->note_mark, sizeof mk);
        else
            snprintf(mk, sizeof mk, "%d", P->last_note + 1);
        P->note_hdr = 0;
        P->last_note = atoi(mk);
        open_note(P, mk, li->vs, li->ve);
        mark_break(P);
        return;
    }
    if (P->note >= 0) {
        fmt_note *f = &P->d->footnotes[P->note];
        f->span = span(f->span.off, li->ve);
        return;
    }
    content(P, li->vs, li->ve);
}

/* A bare number is a heading in documents that number their questions so:
 * tweedemonitor has "1", text, "Antwoord", text, "2", ...; older answers
 * have "1", "2", ... for the questions, then "Antwoord" and "1", "2", ...
 * again for the answers. Returns 'Q' or 'A' for a heading, 'R' when it
 * renumbered the open answer, or 0 (prose: "37", or a footnote mark). */
static int bare_heading(parser *P, int v)
{
    region *r = &P->r;
    if (P->vraag_seen || P->note_hdr || v > MAX_QNUM)
        return 0;
    if (!P->ans_mode && v == 1 && r->kind == R_A && r->bare && r->start == NOPOS) {
        P->ans_mode = 1;                /* the answers start again at 1 */
        r->nums[0] = 1;
        r->nn = 1;
        P->last_bare_a = 1;
        return 'R';
    }
    if (P->ans_mode && v == P->last_bare_a + 1 && v <= P->max_q) {
        P->last_bare_a = v;
        return 'A';
    }
    if (v == P->last_bare + 1) {
        P->last_bare = v;
        return 'Q';
    }
    return 0;
}

/* Does the line ask? A '?' among its last bytes, before a note mark
 * ("?1", "? 1)", "?²"). */
static int asks(const parser *P, const lineinfo *li)
{
    size_t from = li->ve - li->vs > 8 ? li->ve - 8 : li->vs;
    return memchr(P->t + from, '?', li->ve - from) != NULL;
}

/* A numbered item "1. text", "1) text" or a bullet "• text": a question
 * with its text on the line, in documents that number their questions so
 * (early versions, party pages), or after a bare "Antwoord" an answer
 * numbered again from 1. Inside an answer only an item that asks is a
 * new question; any other is the answer's own list, as is a bullet below
 * a question that does not ask. Returns 1 when it opened a block. */
static int item_heading(parser *P, lineinfo *li)
{
    region *r = &P->r;
    int renumber = r->kind == R_A && r->bare && r->start == NOPOS;
    if (P->vraag_seen || P->note_hdr)
        return 0;
    if (li->bullet && li->type == L_TEXT) {
        if (r->kind != R_NONE && !asks(P, li))
            return 0;
        li->num = P->last_bare + 1;
        li->body = li->vs;
    }
    /* in an answer: the next answer of a list of answers, a question that
     * asks, or else the answer's own list */
    if (r->kind == R_A && !renumber && !asks(P, li) &&
        !(P->ans_mode && li->num == P->last_bare_a + 1 && li->num <= P->max_q))
        return 0;
    li->hk = bare_heading(P, li->num);
    if (li->hk == 'R') {
        content(P, li->body, li->ve);
        return 1;
    }
    if (li->hk != 'Q' && li->hk != 'A')
        return 0;
    close_note(P);
    li->word = 0;
    li->nn = 0;
    ps_add_num(li, li->num);
    heading(P, li);
    return 1;
}

static void step(parser *P, lineinfo *li, size_t ls)
{
    char mk[12];
    switch (li->type) {
    case L_BLANK:
        close_note(P);
        return;
    case L_NOTEHDR:
        close_note(P);
        P->note_hdr = P->notes_sect = 1;
        P->note_mark[0] = '\0';
        mark_break(P);
        return;
    case L_NUM:
        if (P->note_hdr) {
            snprintf(P->note_mark, sizeof P->note_mark, "%d", li->num);
            return;
        }
        if (li->item) {
            if (!item_heading(P, li))
                prose(P, li);
            return;
        }
        close_note(P);
        see(P, li->num);
        li->hk = bare_heading(P, li->num);
        if (li->hk == 'Q' || li->hk == 'A') {
            li->word = 0;
            li->nn = 0;
            ps_add_num(li, li->num);
            heading(P, li);
        } else if (!li->hk) {
            content(P, li->vs, li->ve);   /* "37", or a footnote mark */
        }
        return;
    case L_NOTE:
        if (!accept_note(P, li, ls)) {
            if (!li->item || !item_heading(P, li))
                prose(P, li);
            return;
        }
        snprintf(mk, sizeof mk, "%d", li->num);
        P->last_note = li->num;
        P->note_hdr = 0;
        open_note(P, mk, li->body, li->ve);
        mark_break(P);
        return;
    case L_END:
        if (li->soft && P->r.kind == R_A)
            break;                      /* "Toelichting" inside an answer */
        /* fall through */
    case L_HEAD:
    case L_MEDE:
        close_note(P);
        P->note_hdr = P->notes_sect = 0;
        if (li->type == L_HEAD) {
            heading(P, li);
            return;
        }
        close_region(P, 0);
        if (li->type == L_MEDE && P->kind == FMT_NOTICE)
            ps_open_region(P, R_NOTICE, NULL, 0, li->ve);
        return;
    case L_FURN:
        close_note(P);
        mark_break(P);
        if (li->idline && P->id_s == NOPOS) {
            P->id_s = li->vs;
            P->id_e = li->ve;
        }
        if (li->nn)
            heading(P, li);
        return;
    }
    if (li->bullet && item_heading(P, li))
        return;
    prose(P, li);
}

/* An "Antwoord van" line after the questions acts as a bare "Antwoord". */
static void late_ansline(parser *P, lineinfo *li)
{
    close_note(P);
    P->note_hdr = P->notes_sect = 0;
    li->hk = 'A';
    li->nn = 0;
    li->word = 1;
    li->body = NOPOS;
    li->vs = P->ans_at;
    li->ve = P->ans_end;
    heading(P, li);
}

/* Every line from offset from (line number line) to the end. */
void ps_body_pass(parser *P, size_t from, size_t line)
{
    lineinfo li;
    size_t pos = from;
    P->line = line;
    while (pos < P->n && !P->nomem) {
        const char *nl = memchr(P->t + pos, '\n', P->n - pos);
        size_t le = nl ? (size_t)(nl - P->t) : P->n;
        if (P->ans_at != NOPOS && P->ans_at >= pos && P->ans_at <= le) {
            late_ansline(P, &li);
            nl = memchr(P->t + P->ans_end, '\n', P->n - P->ans_end);
            P->line = ps_line_at(P, pos, P->line, P->ans_end) + 1;
            pos = nl ? (size_t)(nl - P->t) + 1 : P->n;
            continue;
        }
        ps_classify(P->t, pos, le, &li);
        step(P, &li, pos);
        pos = nl ? le + 1 : P->n;
        P->line++;
    }
    close_note(P);
    close_region(P, 0);
}


/* ---- combined case pages ---------------------------------------------- */

/* Where the paragraph at p (in [p,e)) ends: before a blank line, or e. */
static size_t para_end(const parser *P, size_t p, size_t e)
{
    const char *t = P->t;
    while (p < e) {
        const char *nl = memchr(t + p, '\n', e - p);
        if (!nl)
            return e;
        const char *q = skip_sp(nl + 1, t + e);
        if (q >= t + e || *q == '\n')
            return (size_t)(nl - t);
        p = (size_t)(nl - t) + 1;
    }
    return e;
}

/* An aggregator's case page puts each answer straight under its question
 * ("• Vraag 1", the question, the answer) with no "Antwoord 1": the
 * question runs to the end of its first paragraph that asks (a '?' at its
 * end, before any note mark; within three paragraphs) and of the asking
 * paragraphs right after it, else it is the first paragraph; the answer
 * is the rest. A block of one paragraph, or of none (an empty block:
 * "• Vraag 1" right before the next), has no answer. */
void ps_split_combined(parser *P)
{
    fmt_doc *d = P->d;
    const char *t = P->t;
    for (size_t i = 0; i < d->nquestions && !P->nomem; i++) {
        fmt_block *q = &d->questions[i];
        size_t s = q->span.off, e = s + q->span.len, p = s, cut = NOPOS, first = NOPOS;
        for (int k = 0; p < e && (k < 3 || cut != NOPOS); k++) {
            size_t pe = para_end(P, p, e), from = pe - p > 8 ? pe - 8 : p;
            int ask = memchr(t + from, '?', pe - from) != NULL;
            if (first == NOPOS)
                first = pe;
            if (!ask && cut != NOPOS)
                break;
            if (ask)
                cut = pe;
            p = (size_t)(skip_ws(t + pe, t + e) - t);
        }
        if (first == NOPOS) /* an empty block: no paragraph to split */
            continue;
        cut = cut == NOPOS || cut >= e ? first : cut;
        size_t as = (size_t)(skip_ws(t + cut, t + e) - t);
        if (as >= e)
            continue;
        q->span = span(s, cut);
        add_block(P, R_A, q->numbers, q->nnumbers, as, e);
    }
}
