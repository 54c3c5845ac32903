/* gen_docs.c - the corpus generator's documents: a zaak's question,
 * notice and answer written in one of three renderings (Markdown, the
 * text of officielebekendmakingen.nl, the wrapped text of
 * tweedekamer.nl), as seen in samples/ (tool_gen.c).
 */
#include "gen.h"

/* ======================================================================
 * Rendering: Markdown (MD), officielebekendmakingen.nl (OB) and
 * tweedekamer.nl (TK)
 * ==================================================================== */

static const char *const superscript[] = { "⁰", "¹", "²", "³", "⁴", "⁵",
                                           "⁶", "⁷", "⁸", "⁹" };

/* "de leden **A, B** en **C** (allen CDA), D (VVD) en E (SP)" */
static void put_members(sbuf *b, const zaak *z, int md, int parties_too)
{
    const char *bold = md ? "**" : "";
    sb_put(b, z->nmem == 1 ? "het lid " : "de leden ");
    for (int i = 0; i < z->nmem;) {
        int j = i;
        while (j + 1 < z->nmem && g_mem[z->mem[j + 1]].party == g_mem[z->mem[i]].party)
            j++;
        if (i > 0)
            sb_put(b, j + 1 == z->nmem ? " en " : ", ");
        sb_put(b, bold);
        for (int k = i; k <= j; k++) {
            if (k > i) {
                if (k == j)
                    sb_put(b, md ? "** en **" : " en ");
                else
                    sb_put(b, ", ");
            }
            sb_put(b, g_mem[z->mem[k]].name);
        }
        sb_put(b, bold);
        if (parties_too) {
            int n = j - i + 1;
            sb_put(b, n == 1 ? " (" : n == 2 ? " (beiden " : " (allen ");
            sb_put(b, parties[g_mem[z->mem[i]].party].name);
            sb_putc(b, ')');
        }
        i = j + 1;
    }
}

static void put_office(sbuf *b, int mi)
{
    sb_put(b, ministries[mi].voor ? "voor " : "van ");
    sb_put(b, ministries[mi].name);
}

/* "de Ministers van X, van Y en voor Z en de Staatssecretaris van W" */
static void put_addressees(sbuf *b, const zaak *z)
{
    int parts = 0, mins[3], nm = 0, stas[3], ns = 0, mp = 0;
    for (int i = 0; i < z->nmin; i++) {
        if (z->min[i] == MIN_AZ)
            mp = 1;
        else if (z->role[i] == ROLE_STAS)
            stas[ns++] = z->min[i];
        else
            mins[nm++] = z->min[i];
    }
    if (mp) {
        sb_put(b, "de Minister-President");
        parts++;
    }
    if (nm == 1 && ns == 1 && mins[0] == stas[0]) {
        sb_put(b, parts ? " en " : "");
        sb_put(b, "de Minister en de Staatssecretaris ");
        put_office(b, mins[0]);
        return;
    }
    if (nm) {
        if (parts)
            sb_put(b, ns ? ", " : " en ");
        sb_put(b, nm == 1 ? "de Minister " : "de Ministers ");
        for (int i = 0; i < nm; i++) {
            if (i)
                sb_put(b, i + 1 == nm ? " en " : ", ");
            put_office(b, mins[i]);
        }
        parts++;
    }
    if (ns) {
        if (parts)
            sb_put(b, " en ");
        sb_put(b, ns == 1 ? "de Staatssecretaris " : "de Staatssecretarissen ");
        for (int i = 0; i < ns; i++) {
            if (i)
                sb_put(b, i + 1 == ns ? " en " : ", ");
            put_office(b, stas[i]);
        }
    }
}

static void put_vragen_line(sbuf *b, const zaak *z, int style)
{
    sb_put(b, "Vragen van ");
    put_members(b, z, style == ST_MD, 1);
    sb_put(b, " aan ");
    put_addressees(b, z);
    sb_put(b, " over ");
    if (style == ST_MD)
        sb_putc(b, '*');
    sb_putn(b, z->subject.p, z->subject.len);
    if (style == ST_MD)
        sb_putc(b, '*');
    sb_put(b, " (ingezonden ");
    sb_date(b, z->d_in);
    sb_put(b, ").");
}

/* "Minister Grapperhaus (Justitie en Veiligheid)" */
static void put_holder(sbuf *b, const zaak *z, int i, long day)
{
    int mi = z->min[i];
    if (mi == MIN_AZ)
        sb_put(b, "Minister-President ");
    else
        sb_put(b, z->role[i] == ROLE_STAS ? "Staatssecretaris " : "Minister ");
    sb_put(b, office_holder(mi, z->role[i], day));
    sb_put(b, " (");
    sb_put(b, ministries[mi].name);
    sb_putc(b, ')');
}

static void put_from_line(sbuf *b, const zaak *z, rng *r, const char *what, long day)
{
    sb_put(b, what);
    sb_put(b, " van ");
    put_holder(b, z, 0, day);
    if (z->nmin > 1) {
        uint32_t x = below(r, 100);
        if (x < 25) {
            sb_put(b, " en van ");
            put_holder(b, z, 1, day);
        } else if (x < 80) {
            sb_put(b, x < 50 ? ", mede namens " : " mede namens ");
            for (int i = 1; i < z->nmin; i++) {
                if (i > 1)
                    sb_put(b, " en ");
                int mi = z->min[i];
                if (mi == MIN_AZ) {
                    sb_put(b, "de Minister-President");
                    continue;
                }
                sb_put(b, z->role[i] == ROLE_STAS ? "de Staatssecretaris " : "de Minister ");
                put_office(b, mi);
            }
        }
    }
    sb_put(b, " (ontvangen ");
    sb_date(b, day);
    sb_put(b, ").");
}

/* Question text with its footnote markers in the style's notation. */
static void put_qtext(sbuf *b, const sbuf *q, int style)
{
    for (size_t i = 0; i < q->len; i++) {
        if (q->p[i] != 1 || i + 1 >= q->len) {
            sb_putc(b, q->p[i]);
            continue;
        }
        int marks[4], n = 0;
        while (i + 1 < q->len && q->p[i] == 1 && n < 4) {
            marks[n++] = q->p[i + 1] - '0';
            i += 2;
        }
        i--;
        if (style == ST_MD && n == 1) {
            sb_put(b, superscript[marks[0] % 10]);
        } else if (style == ST_MD) {
            sb_put(b, "^{");
            for (int k = 0; k < n; k++) {
                if (k)
                    sb_putc(b, ' ');
                sb_num(b, (unsigned long)marks[k]);
            }
            sb_putc(b, '}');
        } else {
            for (int k = 0; k < n; k++) {
                if (k)
                    sb_put(b, ", ");
                sb_num(b, (unsigned long)marks[k]);
            }
        }
    }
}

static void put_footnote_text(sbuf *b, const footnote *f, int style)
{
    switch (f->kind) {
    case FN_NEWS:
        sb_put(b, news_sources[f->src]);
        sb_put(b, ", ");
        sb_date(b, f->day);
        if (style == ST_MD || f->a < 2) {
            sb_put(b, ", «");
            sb_putn(b, f->title.p, f->title.len);
            sb_put(b, "», ");
            if (style == ST_MD)
                sb_putc(b, '<');
            sb_putn(b, f->url.p, f->url.len);
            if (style == ST_MD)
                sb_putc(b, '>');
        } else if (f->a == 2) {
            sb_put(b, ", ");
            sb_putn(b, f->title.p, f->title.len);
            sb_put(b, " (");
            sb_putn(b, f->url.p, f->url.len);
            sb_put(b, ")");
        } else {
            sb_put(b, ", ");
            sb_putn(b, f->title.p, f->title.len);
            sb_putc(b, '.');
        }
        break;
    case FN_KAMERSTUK:
        sb_putn(b, f->url.p, f->url.len);
        break;
    case FN_AANHANGSEL:
        sb_put(b, "Aanhangsel Handelingen, vergaderjaar ");
        sb_vergaderjaar(b, f->day, "–");
        sb_put(b, ", nr. ");
        sb_num(b, 1 + f->title.len * 37 % 3000);
        break;
    case FN_BRIEF:
        sb_put(b, "Brief: ");
        sb_putn(b, f->title.p, f->title.len);
        sb_put(b, " (");
        sb_num(b, (unsigned long)year_of(f->day));
        sb_putc(b, 'D');
        char t[8];
        snprintf(t, sizeof t, "%05u", (unsigned)(f->title.len * 211 % 50000));
        sb_put(b, t);
        sb_putc(b, ')');
        break;
    default:
        sb_putn(b, f->url.p, f->url.len);
        break;
    }
}

/* Footnotes referred to by the questions so far, Markdown-style, in
 * between the questions as in 2022Z01227.txt. */
static void flush_md_notes(sbuf *b, const zaak *z, int upto_q, int *done)
{
    int last = 0;
    for (int i = 0; i <= upto_q && i < z->nq; i++)
        for (size_t k = 0; k + 1 < z->q[i].len; k++)
            if (z->q[i].p[k] == 1 && z->q[i].p[k + 1] - '0' > last)
                last = z->q[i].p[k + 1] - '0';
    for (; *done < last; (*done)++) {
        sb_put(b, superscript[(*done + 1) % 10]);
        sb_putc(b, ' ');
        put_footnote_text(b, &z->fn[*done], ST_MD);
        sb_put(b, "\n\n");
    }
}

static void ob_notes(sbuf *b, const zaak *z)
{
    if (!z->nfn)
        return;
    sb_putc(b, '\n');
    for (int i = 0; i < z->nfn; i++) {
        sb_put(b, "X Noot\n");
        sb_num(b, (unsigned long)i + 1);
        sb_put(b, "\n\n");
        put_footnote_text(b, &z->fn[i], ST_OB);
        sb_put(b, "\n\n");
    }
}

static const char disclaimer[] =
    "Disclaimer\n\nDe hier aangeboden pdf-bestanden van het Staatsblad, "
    "Staatscourant, Tractatenblad, provinciaal blad, gemeenteblad, "
    "waterschapsblad en blad gemeenschappelijke regeling vormen de formele "
    "bekendmakingen in de zin van de Bekendmakingswet en de Rijkswet "
    "goedkeuring en bekendmaking verdragen voor zover ze na 1 juli 2009 zijn "
    "uitgegeven. Voor pdf-publicaties van vóór deze datum geldt dat alleen de "
    "in papieren vorm uitgegeven bladen formele status hebben; de hier "
    "aangeboden elektronische versies daarvan worden bij wijze van service "
    "aangeboden.";

static void ob_end(sbuf *b, rng *r)
{
    if (chance(r, 85))
        sb_put(b, "Naar boven\n");
    if (chance(r, 5)) {
        sb_putc(b, '\n');
        sb_put(b, disclaimer);
        sb_putc(b, '\n');
    }
}

/* Greedy line wrapping as tweedekamer.nl's text shows it. */
static void put_wrapped(sbuf *b, const char *s, size_t n, size_t width)
{
    while (n > width) {
        size_t cut = width;
        while (cut > 0 && s[cut] != ' ')
            cut--;
        if (cut == 0) {
            cut = width;
            while (cut < n && s[cut] != ' ')
                cut++;
            if (cut == n)
                break;
        }
        sb_putn(b, s, cut);
        sb_putc(b, '\n');
        s += cut + 1;
        n -= cut + 1;
    }
    sb_putn(b, s, n);
    sb_putc(b, '\n');
}

static void put_q_block(sbuf *b, const zaak *z, int i, int style, sbuf *tmp,
                        size_t width)
{
    sb_put(b, "Vraag ");
    sb_num(b, (unsigned long)i + 1);
    if (style == ST_TK) {
        sb_putc(b, '\n');
        sb_reset(tmp);
        put_qtext(tmp, &z->q[i], style);
        put_wrapped(b, tmp->p, tmp->len, width);
    } else {
        sb_put(b, "\n\n");
        put_qtext(b, &z->q[i], style);
        sb_put(b, "\n\n");
    }
}

static void ob_header(sbuf *b, const zaak *z, long day, unsigned nr, int answer)
{
    if (answer) {
        sb_put(b, "Aanhangsel van de Handelingen\n\nDatum publicatieOrganisatie"
                  "VergaderjaarNummerDatum ontvangst\nTweede Kamer der Staten-Generaal");
        sb_vergaderjaar(b, day, "-");
        sb_num(b, nr);
    } else {
        sb_put(b, "Kamervragen zonder Antwoord\n\nDatum publicatieOrganisatie"
                  "VergaderjaarVraagDatum indiening\nTweede Kamer der Staten-Generaal");
        sb_vergaderjaar(b, day, "-");
        sb_put(b, z->zaak);
    }
    sb_put(b, "\n\n");
}

static void tk_indieners(sbuf *b, const zaak *z, rng *r)
{
    sb_put(b, "Indieners\n-\n");
    for (int i = 0; i < z->nmin; i++) {
        sb_put(b, "Gericht aan\n");
        sb_putc(b, (char)('A' + below(r, 26)));
        sb_putc(b, '.');
        if (chance(r, 60)) {
            sb_putc(b, (char)('A' + below(r, 26)));
            sb_putc(b, '.');
        }
        sb_putc(b, ' ');
        sb_put(b, office_holder(z->min[i], z->role[i], z->d_in));
        sb_put(b, z->role[i] == ROLE_STAS ? ", staatssecretaris " : ", minister ");
        put_office(b, z->min[i]);
        sb_put(b, " -\n");
    }
    for (int i = 0; i < z->nmem; i++) {
        sb_put(b, i == 0 ? "Indiener\n" : "Medeindiener\n");
        sb_put(b, g_mem[z->mem[i]].name);
        sb_put(b, i == 0 ? ", Tweede Kamerlid -\n" : ", Kamerlid\n");
    }
    sb_put(b, "Gerelateerde documenten\nHier vindt u documenten die gerelateerd "
              "zijn aan bovenstaand Kamerstuk.\n");
}

void emit_question(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp)
{
    size_t width = between(r, 84, 92);
    int done = 0;
    if (style == ST_MD) {
        sb_put(b, "\n\n");
        sb_put(b, z->zaak);
        sb_put(b, "\n\n");
    } else if (style == ST_OB && chance(r, 15)) {
        ob_header(b, z, z->d_in, 0, 0);
    } else if (style == ST_TK) {
        sb_put(b, "Schriftelijke vragen : ");
        if (z->subject_kind == 0) {
            sb_put(b, "Het bericht '");
            sb_putn(b, z->headline.p, z->headline.len);
            sb_put(b, "'");
        } else {
            size_t at = b->len;
            sb_putn(b, z->subject.p, z->subject.len);
            sb_capital(b, at);
        }
        sb_putc(b, '\n');
    }
    put_vragen_line(b, z, style);
    sb_put(b, style == ST_TK ? "\n" : "\n\n");
    for (int i = 0; i < z->nq; i++) {
        put_q_block(b, z, i, style, tmp, width);
        if (style == ST_MD && (chance(r, 55) || i + 1 == z->nq))
            flush_md_notes(b, z, i, &done);
    }
    if (style == ST_OB) {
        if (chance(r, 4)) {
            sb_put(b, "Toelichting:\n\nDeze vragen dienen ter aanvulling op eerdere vragen "
                      "terzake van ");
            put_members(b, z, 0, 1);
            sb_put(b, ", ingezonden ");
            sb_date(b, z->d_in - (long)between(r, 1, 30));
            sb_put(b, " (vraagnummer ");
            sb_put(b, z->zaak);
            sb_put(b, ").\n\n");
        }
        ob_notes(b, z);
        ob_end(b, r);
    } else if (style == ST_TK && chance(r, 50)) {
        tk_indieners(b, z, r);
    }
}

static void put_paras(sbuf *b, const sbuf *t, int style, size_t width)
{
    const char *s = t->p, *end = t->p + t->len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        if (style == ST_TK) {
            put_wrapped(b, s, n, width);
        } else {
            sb_putn(b, s, n);
            sb_put(b, "\n\n");
        }
        s += n + (nl ? 1 : 0);
    }
}

/* What an answer or a notice opens with: the zaak (MD), now and then the
 * publication's header of the day and number (OB), or the page's title
 * (TK: tk_title, the members, with_subject: " over " the subject); then
 * the line naming the questions. */
static void reply_head(sbuf *b, zaak *z, rng *r, int style, long day,
                       unsigned nr, const char *tk_title, int with_subject)
{
    if (style == ST_MD) {
        sb_put(b, "\n\n");
        sb_put(b, z->zaak);
        sb_put(b, "\n\n");
    } else if (style == ST_OB && chance(r, 50)) {
        ob_header(b, z, day, nr, 1);
    } else if (style == ST_TK) {
        sb_put(b, tk_title);
        put_members(b, z, 0, 0);
        if (with_subject) {
            sb_put(b, " over ");
            sb_putn(b, z->subject.p, z->subject.len);
        }
        sb_putc(b, '\n');
    }
    put_vragen_line(b, z, style);
    sb_put(b, style == ST_TK ? "\n" : "\n\n");
}

void emit_answer(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp)
{
    size_t width = between(r, 84, 92);
    int done = 0;
    reply_head(b, z, r, style, z->d_answer, z->aanhangsel_nr,
               "Antwoord schriftelijke vragen : Antwoord op vragen van ", 1);
    sb_reset(tmp);
    put_from_line(tmp, z, r, "Antwoord", z->d_answer);
    if (z->has_notice) {
        sb_put(tmp, " Zie ook Aanhangsel Handelingen, vergaderjaar ");
        sb_vergaderjaar(tmp, z->d_notice, "–");
        sb_put(tmp, ", nr. ");
        sb_num(tmp, z->notice_nr);
        sb_putc(tmp, '.');
    }
    if (style == ST_TK) {
        put_wrapped(b, tmp->p, tmp->len, width);
    } else {
        sb_putn(b, tmp->p, tmp->len);
        sb_put(b, "\n\n");
    }
    sbuf t = { 0, 0, 0 };
    memset(z->used_s, 0, sizeof z->used_s);
    for (int i = 0; i < z->nq;) {
        /* Now and then one answer covers two or three questions. */
        int span = i + 1 < z->nq && chance(r, 8) ? (i + 2 < z->nq && chance(r, 20) ? 3 : 2) : 1;
        for (int k = i; k < i + span; k++)
            put_q_block(b, z, k, style, tmp, width);
        sb_put(b, "Antwoord ");
        sb_num(b, (unsigned long)i + 1);
        for (int k = i + 1; k < i + span; k++) {
            sb_put(b, k + 1 == i + span ? " en " : ", ");
            sb_num(b, (unsigned long)k + 1);
        }
        sb_put(b, style == ST_TK ? "\n" : "\n\n");
        sb_reset(&t);
        answer_paras(&t, z, r, i);
        put_paras(b, &t, style, width);
        i += span;
        if (style == ST_MD && (chance(r, 55) || i >= z->nq))
            flush_md_notes(b, z, i - 1, &done);
    }
    free(t.p);
    if (style == ST_OB) {
        ob_notes(b, z);
        ob_end(b, r);
    }
}

static const char *const delay_reasons[] = {
    "De reden van het uitstel is dat voor de beantwoording afstemming met $O nodig is.",
    "Voor de beantwoording van de vragen is informatie nodig van $O, die nog niet beschikbaar is.",
    "Het uitstel wordt veroorzaakt door de benodigde interdepartementale afstemming.",
    "De beantwoording vergt nader uitzoekwerk bij $O.",
    "Voor een zorgvuldige beantwoording is meer tijd nodig.",
};
static const char *const delay_promises[] = {
    "Ik streef ernaar de vragen zo spoedig mogelijk, doch uiterlijk binnen drie weken, te beantwoorden.",
    "Ik zal de vragen $t beantwoorden.",
    "De antwoorden zullen uw Kamer zo spoedig mogelijk worden toegezonden.",
};

void emit_notice(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp)
{
    size_t width = between(r, 84, 92);
    reply_head(b, z, r, style, z->d_notice, z->notice_nr,
               "Mededeling schriftelijke vragen : Uitstel beantwoording vragen van ", 0);
    sb_reset(tmp);
    put_from_line(tmp, z, r, "Mededeling", z->d_notice);
    if (style == ST_TK) {
        put_wrapped(b, tmp->p, tmp->len, width);
    } else {
        sb_putn(b, tmp->p, tmp->len);
        sb_put(b, "\n\n");
    }
    if (style != ST_TK && chance(r, 70)) {
        for (int i = 0; i < z->nq; i++)
            put_q_block(b, z, i, style, tmp, width);
        sb_put(b, "Mededeling\n\n");
    }
    sbuf t = { 0, 0, 0 };
    sb_put(&t, "De vragen van ");
    put_members(&t, z, 0, 1);
    sb_put(&t, " over ");
    sb_putn(&t, z->subject.p, z->subject.len);
    sb_put(&t, " (ingezonden ");
    sb_date(&t, z->d_in);
    sb_put(&t, ") kunnen niet binnen de gebruikelijke termijn van drie weken worden beantwoord. ");
    sentence(&t, z, r, delay_reasons[below(r, COUNT(delay_reasons))]);
    sb_putc(&t, ' ');
    sentence(&t, z, r, delay_promises[below(r, COUNT(delay_promises))]);
    put_paras(b, &t, style, width);
    free(t.p);
    if (style == ST_OB) {
        ob_notes(b, z);
        ob_end(b, r);
    }
}

