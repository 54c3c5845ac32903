/* tool_gen.c - writes N made-up but realistic Kamervragen documents, for
 * scale tests and benchmarks (`make bench`).
 *
 *   tool_gen N OUTDIR [SEED]
 *
 * Each zaak (set of written questions) gets a question document and, like
 * the real archive, usually an answer that repeats every question, and now
 * and then a notice that the answer will be late:
 *
 *   OUTDIR/2019/2019Z01234.txt              the questions
 *   OUTDIR/2019/2019Z01234-mededeling.txt   the notice, if any
 *   OUTDIR/2019/2019Z01234-antwoord.txt     the answer, if any
 *
 * (the folder is the zaak's year), so every id (path without extension) is
 * unique. About 55% of the documents are questions, 40% answers, 5% notices,
 * in three renderings seen in samples/: Markdown as in 2022Z01227.txt, the
 * plain text of officielebekendmakingen.nl (kv-tk-*, ah-tk-*), and the
 * line-wrapped text of tweedekamer.nl (tk-*).
 *
 * The text is built from sentence templates filled from a vocabulary of a
 * few thousand Dutch words, drawn with Zipf-like frequencies (the order of
 * each list is its frequency order). Every zaak has a topic (a few domain
 * nouns, a named company, place or organisation, a news headline) that its
 * questions keep coming back to, as real questions do. Words that make the
 * vocabulary grow with the corpus (Heaps' law) come from open-ended sources:
 * compound nouns, generated names of companies, places and people, numbers,
 * URLs, so that a bigger corpus keeps meeting new words.
 *
 * The files: this one (the zaken: their words, sentences and questions;
 * main), gen_vocab.c (the vocabulary, calendar and parliament), gen_docs.c
 * (the documents in their three renderings), gen.h (what they share).
 *
 * Output depends only on N and SEED (default 1): the generator has its own
 * PRNG (splitmix64), reads no clock, and every zaak draws from its own
 * stream. It prints one line at the end: "N documents, B bytes".
 */
#include <errno.h>
#include <sys/stat.h>
#include "gen.h"

static void expand(sbuf *b, zaak *z, rng *r, const char *t, int depth);

/* ---- words --------------------------------------------------------------- */

static const noun *pick_noun(zaak *z, rng *r)
{
    uint32_t x = below(r, 100);
    if (x < LEX_SHARE && z->nlex_n)
        return z->lex_n[below(r, (uint32_t)z->nlex_n)];
    if (x < LEX_SHARE + (100 - LEX_SHARE) / 3) {
        nounlist *l = &g_dom[z->dom];
        return &l->v[zpick(&l->z, r)];
    }
    return &g_nouns.v[zpick(&g_nouns.z, r)];
}

static int plain_word(const char *s)
{
    if (*s >= 'A' && *s <= 'Z')
        return 0;
    for (; *s; s++)
        if (*s == ' ' || *s == '-')
            return 0;
    return 1;
}

/* Writes a noun, sometimes as a compound ("vergunning" + "aanvraag"),
 * which is where most new words of a growing Dutch corpus come from. */
static uint32_t word_hash(const char *s, size_t n);

/* Writes a noun, now and then as a compound with it as the head
 * ("aanbesteding" -> "defensieaanbesteding"). Which modifier is decided by
 * the head and a rank drawn with a long tail: the same few compounds of a
 * word come back across the corpus, like real ones ("werkgelegenheid"),
 * and new ones keep turning up, which is most of how a Dutch corpus's
 * vocabulary grows. */
static void put_noun_word(sbuf *b, zaak *z, rng *r, const noun *n, int plural)
{
    const char *w = plural && n->pl ? n->pl : n->sg;
    if (plain_word(n->sg) && strlen(n->sg) < 13 && chance(r, COMPOUND_SHARE)) {
        uint32_t k = heavy(r, 3000);
        int own = chance(r, 50);
        rng t = { mix(word_hash(n->sg, strlen(n->sg)), k * 2 + (uint32_t)own) };
        const nounlist *l = own ? &g_dom[z->dom] : &g_nouns;
        const noun *left = &l->v[zpick(&l->z, &t)];
        if (left != n && plain_word(left->sg) && strlen(left->sg) < 13) {
            const char *s = left->sg;
            size_t len = strlen(s);
            sb_put(b, s);
            static const char *const link[] = { "ing", "heid", "schap",
                                                "teit", "dom", "tie" };
            for (size_t i = 0; i < COUNT(link); i++) {
                size_t m = strlen(link[i]);
                if (len > m && strcmp(s + len - m, link[i]) == 0) {
                    sb_putc(b, 's');
                    break;
                }
            }
        }
    }
    sb_put(b, w);
}

static const adjective *pick_adj(zaak *z, rng *r)
{
    if (chance(r, LEX_SHARE))
        return z->lex_a[below(r, LEXA)];
    return &g_adj[zpick(&z_adj, r)];
}

/* de/het + optional adjective + noun; plural nouns always take "de". */
static void put_np(sbuf *b, zaak *z, rng *r, int definite, int plural)
{
    const noun *n = pick_noun(z, r);
    for (int tries = 0; plural && !n->pl && tries < 8; tries++)
        n = pick_noun(z, r);
    int mass = plural && !n->pl;  /* "collegegeld": no article, no plural */
    if (mass)
        plural = 0;
    int adj = plain_word(n->sg) && chance(r, 28);
    if (definite)
        sb_put(b, plural || !n->het ? "de " : "het ");
    else if (!plural && !mass)
        sb_put(b, "een ");
    if (adj) {
        const adjective *a = pick_adj(z, r);
        /* "een nieuw plan": the indefinite het-word keeps the bare form */
        int bare = !definite && !plural && n->het;
        sb_put(b, bare ? a->base : a->infl);
        sb_putc(b, ' ');
    }
    put_noun_word(b, z, r, n, plural);
    /* "de vergunning van Nuctech", "de wachtlijsten in Zeeland" */
    if (chance(r, PP_SHARE)) {
        static const char *const pp[] = { " van $E", " in $Z", " voor $G",
            " van $O", " op het gebied van $n", " in $Y", " uit $Z",
            " bij $O", " rond $T", " voor $p", " tegen $p", " met $I" };
        expand(b, z, r, pp[below(r, COUNT(pp))], 2);
    }
}

static void put_topic(sbuf *b, zaak *z, rng *r)
{
    const noun *n = z->topic[below(r, (uint32_t)z->ntopic)];
    if (chance(r, 20) && z->entity.len && plain_word(n->sg)) {
        sb_put(b, n->het ? "het " : "de ");
        sb_put(b, n->sg);
        sb_put(b, " van ");
        sb_putn(b, z->entity.p, z->entity.len);
        return;
    }
    sb_put(b, n->het ? "het " : "de ");
    sb_put(b, n->sg);
}

static void put_org(sbuf *b, rng *r, int with_article)
{
    const org *o = &g_org[zpick(&z_org, r)];
    if (with_article && o->article)
        sb_put(b, o->article == 2 ? "het " : "de ");
    if (o->acr && chance(r, 55)) {
        sb_put(b, o->acr);
        return;
    }
    sb_put(b, o->name);
    if (o->acr && chance(r, 50)) {
        sb_put(b, " (");
        sb_put(b, o->acr);
        sb_putc(b, ')');
    }
}

static void put_count(sbuf *b, rng *r)
{
    static const char *const words[] = { "honderden", "duizenden",
        "tientallen", "enkele", "ruim honderd", "circa tweehonderd",
        "bijna duizend", "meer dan vijftig" };
    uint32_t x = below(r, 100);
    if (x < 40)
        sb_num(b, between(r, 2, 60));
    else if (x < 65)
        sb_num(b, between(r, 100, 999));
    else if (x < 90)
        sb_dnum(b, (unsigned long)heavy(r, 250000) + 1000);
    else
        sb_put(b, words[below(r, COUNT(words))]);
}

static void put_money(sbuf *b, rng *r)
{
    uint32_t x = below(r, 100);
    if (chance(r, 15))
        sb_put(b, x & 1 ? "ruim " : "circa ");
    sb_put(b, "€ ");
    if (x < 45) {
        sb_num(b, between(r, 1, 950));
        if (chance(r, 40)) {
            sb_putc(b, ',');
            sb_num(b, between(r, 1, 9));
        }
        sb_put(b, x < 38 ? " miljoen" : " miljard");
    } else if (x < 75) {
        sb_dnum(b, between(r, 10, 999) * 1000UL);
    } else {
        sb_num(b, between(r, 5, 999));
        sb_putc(b, ',');
        unsigned c = between(r, 0, 99);
        if (c == 0) {
            sb_put(b, "–");
        } else {
            if (c < 10)
                sb_putc(b, '0');
            sb_num(b, c);
        }
    }
}

static void put_percent(sbuf *b, rng *r)
{
    sb_num(b, between(r, 1, 95));
    if (chance(r, 25)) {
        sb_putc(b, ',');
        sb_num(b, between(r, 1, 9));
    }
    sb_put(b, chance(r, 60) ? " procent" : "%");
}

static void put_law(sbuf *b, rng *r)
{
    const char *law = laws[zpick(&z_law, r)];
    uint32_t x = below(r, 100);
    if (x < 55) {
        sb_put(b, "artikel ");
        sb_num(b, between(r, 1, 12));
        if (chance(r, 60)) {
            sb_putc(b, '.');
            sb_num(b, between(r, 1, 140));
        } else if (chance(r, 30)) {
            sb_putc(b, 'a' + (char)below(r, 4));
        }
        if (chance(r, 25)) {
            static const char *const lid[] = { "eerste", "tweede", "derde",
                                               "vierde" };
            sb_put(b, ", ");
            sb_put(b, lid[below(r, 4)]);
            sb_put(b, " lid,");
        }
        sb_put(b, " van ");
    }
    if (strncmp(law, "Wet ", 4) == 0 || strncmp(law, "Wetboek", 7) == 0 ||
        strncmp(law, "Algemene", 8) == 0)
        sb_put(b, strncmp(law, "Wetboek", 7) == 0 ? "het " : "de ");
    else
        sb_put(b, "de ");
    sb_put(b, law);
}

static void put_kamerstuk(sbuf *b, rng *r)
{
    uint32_t dossier = 21501 + (uint32_t)(mix(heavy(r, 3000), 0xD05) % 15000);
    sb_put(b, "Kamerstuk ");
    sb_num(b, dossier / 1000);
    sb_putc(b, ' ');
    char t[8];
    snprintf(t, sizeof t, "%03u", dossier % 1000);
    sb_put(b, t);
    if (chance(r, 15)) {
        static const char *const roman[] = { "VI", "VII", "XII", "XIII",
            "XIV", "XV", "XVI", "A" };
        sb_putc(b, ' ');
        sb_put(b, roman[below(r, COUNT(roman))]);
    }
    sb_put(b, ", nr. ");
    sb_num(b, heavy(r, 900) + 1);
}

static void put_time(sbuf *b, zaak *z, rng *r)
{
    static const char *const t[] = { "voor de zomer", "voor het einde van het jaar",
        "op korte termijn", "zo spoedig mogelijk", "in de volgende voortgangsrapportage",
        "bij de voorjaarsnota", "na de zomer", "voor het kerstreces",
        "in het najaar", "binnen drie maanden", "voor de behandeling van de begroting" };
    if (chance(r, 20)) {
        sb_put(b, chance(r, 50) ? "in het voorjaar van " : "in de loop van ");
        sb_num(b, (unsigned long)z->year + 1);
        return;
    }
    sb_put(b, t[below(r, COUNT(t))]);
}

static void put_headline(sbuf *b, zaak *z, rng *r);

/* The news item or report a question refers to. */
static void put_ref(sbuf *b, zaak *z, rng *r)
{
    uint32_t x = below(r, 100);
    if (x < 60) {
        sb_put(b, "het bericht «");
        sb_putn(b, z->headline.p, z->headline.len);
        sb_put(b, "»");
    } else if (x < 75) {
        sb_put(b, "het artikel «");
        sb_putn(b, z->headline.p, z->headline.len);
        sb_put(b, "» in ");
        sb_put(b, news_sources[z->news_src]);
    } else if (x < 88) {
        sb_put(b, "de berichtgeving over ");
        put_topic(b, z, r);
    } else {
        sb_put(b, "het rapport «");
        put_headline(b, z, r);
        sb_put(b, "» van ");
        put_org(b, r, 1);
    }
}

static void put_quoted_person(sbuf *b, zaak *z, rng *r)
{
    static const char *const role[] = { "directeur", "woordvoerder",
        "voorzitter", "hoogleraar", "onderzoeker", "bestuurder", "econoom",
        "advocaat", "burgemeester", "wethouder" };
    sb_put(b, chance(r, 50) ? "de heer " : "mevrouw ");
    put_person(b, r);
    sb_put(b, ", ");
    sb_put(b, role[below(r, COUNT(role))]);
    sb_put(b, " bij ");
    if (chance(r, 50) && z->entity.len)
        sb_putn(b, z->entity.p, z->entity.len);
    else
        put_org(b, r, 1);
}

/* ======================================================================
 * Sentence templates. A $ and a letter is a slot:
 *   $N the (adj) noun   $I a (adj) noun   $P the nouns   $p nouns
 *   $n noun             $T the topic      $E the zaak's company/place/body
 *   $O a public body    $G a group        $a/$A adjective (bare/inflected)
 *   $V infinitive       $W participle     $C a subordinate clause
 *   $D a date           $Y a year         $# a count   $M money  $% percent
 *   $L a law article    $K a Kamerstuk    $k another question's number
 *   $R the news item    $H a headline     $Q a quoted person  $Z a place
 *   $d an adverb        $t a time         $m an addressed ministry
 *   $s a small number   $X a member's name
 * ==================================================================== */

static const char *const clauses[] = {
    "$N $d $W is", "$N $d niet $W is", "$P $d $W worden",
    "$P $d niet tijdig $W worden", "$N $P $d niet kan $V", "$N $I wil $V",
    "er sprake is van $I", "er $d onvoldoende zicht is op $P",
    "er een tekort is aan $p", "$E $N heeft $W", "$E $d $P heeft $W",
    "$N $d $M kost", "$N in $Y met $% is gestegen", "$N in $Y met $% is gedaald",
    "$# $p in $Y zijn $W", "$O $N $d heeft $W", "$G $d niet $W worden over $N",
    "het aantal $p $d toeneemt", "$N $A gevolgen heeft voor $P",
    "$N in strijd is met $L", "$P niet voldoen aan $P", "$T $d onder druk staat",
    "$N $d ten koste gaat van $N", "$Z $d te maken heeft met $I",
    "$T $d een $A probleem is", "de kosten van $N $d $M bedragen",
    "$P in $Z $d $W zijn", "$O $d onvoldoende toezicht houdt op $P",
    "$E $d betrokken is bij $N", "$G $d niet worden betrokken bij $N",
    "$N $d niet op orde is", "$P $d niet worden nageleefd",
    "$N pas in $Y wordt $W", "$T $d tot $A situaties leidt",
    "$G $d geen $n krijgen", "$N tot $# $p heeft geleid",
    "$O $d niet beschikt over $P", "$N $d niet aansluit bij $N",
    "$T $d wordt $W door $O", "$P van $E $d niet voldoen aan $L",
    "$N van $E $d in $Y is $W", "$O $N $d voor $G heeft $W",
    "$P voor $G $d niet meer worden $W", "$N in $Z $d niet langer voldoet",
    "$G in $Z $d $p hebben ontvangen", "$N $d via $O wordt $W",
    "$P $d tot $Y worden $W", "$N van $O $d niet is $W",
    "$E $d $I heeft aangevraagd bij $O", "$G $d met $P te maken krijgen",
    "de $n van $G $d is toegenomen", "$N $d voor $% uit $p bestaat",
    "$N $d in handen is van $E", "$P $d onder $L vallen",
    "$N $d niet wordt $W zolang $N niet is $W", "$O in $Y $# $p heeft $W",
    "$P in $Z $d door $G worden $W", "$G $d afhankelijk zijn van $N",
    "$N $d $A gevolgen heeft gehad voor $G in $Z",
    "$E $d verantwoordelijk is voor $N", "$N na $Y $d is $W",
    "voor $N $d $M beschikbaar is", "$N $d samenhangt met $N",
    "$O $d heeft besloten om $N te $V", "$G $d geen gebruik maken van $N",
    "$N $d is $W zonder $I", "het kabinet $d vasthoudt aan $N",
    "$T $d niet los kan worden gezien van $N", "$E $d gebruikmaakt van $P",
    "$N $d alleen voor $G geldt", "steeds meer $p $d worden $W",
    "$O $d een boete heeft opgelegd aan $E", "$E in $Y $M heeft ontvangen",
    "$N $d wordt uitgesteld tot $Y", "$G $d $s weken moeten wachten op $N",
    "$N $d een $A karakter heeft", "$E $P $d niet heeft gemeld bij $O",
};

static const char *const questions[] = {
    "Bent u bekend met $R?", "Kent u $R?", "Heeft u kennisgenomen van $R?",
    "Wat is uw reactie op $R?", "Bent u bekend met het bericht dat $C?",
    "Wat is uw reactie op $N?", "Deelt u de mening dat $C?", "Klopt het dat $C?",
    "Is het waar dat $C?", "Kunt u bevestigen dat $C?",
    "Kunt u aangeven hoeveel $p $d $W zijn?", "Kunt u aangeven waarom $C?",
    "Kunt u aangeven welke $p $d $W worden?",
    "Kunt u een overzicht geven van $P die $d $W zijn?", "Hoe beoordeelt u $T?",
    "Hoe verhoudt $N zich tot $N?", "Welke maatregelen gaat u nemen om $T te $V?",
    "Bent u bereid $N te $V?", "Bent u bereid om in overleg met $O $T te $V?",
    "Wat is de stand van zaken met betrekking tot $T?",
    "Welke gevolgen heeft $T voor $P?", "Waarom is $N niet eerder $W?",
    "Hoeveel $p zijn er in $Y $W? Kunt u dit uitsplitsen naar $n en $n?",
    "Wanneer verwacht u $N te $V?", "Welke rol speelt $O bij $T?",
    "Deelt u de zorg van $G over $T?",
    "Op welke termijn kan de Kamer $I tegemoetzien?",
    "Is er overleg geweest tussen uw ministerie en $E over $N?",
    "Wat is uw oordeel over de uitspraak van $Q dat $C?",
    "Hoeveel geld is er sinds $Y besteed aan $T?", "Hoe gaat u ervoor zorgen dat $C?",
    "Welke lessen trekt u uit $N?", "Wat betekent $T voor $G?",
    "In hoeverre is $T in lijn met $L?", "Wat is de reden dat $C?",
    "Hoe kan het dat $C?", "Welke afspraken zijn er met $O gemaakt over $T?",
    "Bent u bereid de Kamer $t te informeren over $T?",
    "Hoe vaak is het in de afgelopen $s jaar voorgekomen dat $C?",
    "Waarom is gekozen voor $I en niet voor $I?",
    "Deelt u de opvatting van $G dat $C?",
    "Welke mogelijkheden ziet u om $P te $V?", "Is $N $d $W?",
    "Acht u het wenselijk dat $C?",
    "Kunt u toelichten hoe $T zich verhoudt tot $N?",
    "Welke instantie is verantwoordelijk voor $N?",
    "Wat is de juridische grondslag voor $N?", "Kunt u garanderen dat $C?",
    "Vindt u het acceptabel dat $C?", "Hoe kijkt u aan tegen $N van $E?",
    "Bent u het ermee eens dat $C?", "Wat vindt u van de situatie dat $C?",
    "Welke stappen zijn er sinds $D gezet om $T te $V?",
    "Is bij u bekend hoeveel $p in $Z $d $W zijn?",
    "Welke $p heeft $E in $Y ontvangen en waarvoor?",
    "Kunt u uiteenzetten hoe $N tot stand is gekomen?",
    "Hoe wordt voorkomen dat $C?", "Is het juist dat $O al in $Y waarschuwde voor $N?",
    "Welke signalen heeft u ontvangen over $N?",
    "Sinds wanneer bent u op de hoogte van $N?",
    "Kunt u aangeven hoeveel $p er sinds $Y door $O zijn $W?",
    "Wat is de reactie van $O op $T?", "Welke consequenties heeft dit voor $G?",
    "Hoe verklaart u het verschil tussen $N en $N?",
    "Welke afwegingen zijn gemaakt bij $N?", "Deelt u de analyse van $O dat $C?",
    "Is er inmiddels $I?", "Waarom heeft $O niet eerder ingegrepen?",
    "Wie is er verantwoordelijk voor $N?", "Hoe vaak heeft $O sinds $Y $P $W?",
    "Kunt u de Kamer een afschrift sturen van $N?", "Bent u bereid $N openbaar te maken?",
    "Klopt het dat $O al in $Y op de hoogte was van $N?",
    "Welke maatregelen heeft $E zelf genomen?", "Hoe wordt $T gefinancierd?",
    "Hoeveel $p zijn er op dit moment in $Z?",
    "Wat gaat u doen om $G tegemoet te komen?", "Is er een verband tussen $N en $N?",
    "Welke juridische mogelijkheden zijn er om $N te $V?",
    "Hoe wordt het toezicht op $T georganiseerd?",
    "Welke afspraken zijn in Europees verband gemaakt over $N?",
    "Kunt u toezeggen dat $C?", "Hoe lang duurt het gemiddeld voordat $N is $W?",
    "Bent u bereid in gesprek te gaan met $G over $T?",
    "Wat is de stand van zaken van de uitvoering van de motie-$X over $T?",
    "Wat is er terechtgekomen van uw toezegging om $N te $V?",
    "Welke lessen zijn er getrokken uit eerdere incidenten met $P?",
    "Waarom is $O niet betrokken bij $N?",
    "Hoe beoordeelt u de rol van $E in deze kwestie?",
    "Wat zijn de gevolgen van $N voor de uitvoering van $L?",
    "Kunt u garanderen dat $G niet de dupe worden van $N?",
    "Welk deel van $N komt terecht bij $G?",
    "Bent u bereid een onafhankelijk onderzoek in te stellen naar $T?",
    "Hoe staat het in dat kader met de voortgang van de aangenomen motie-$X ($K) over $T?",
};

/* What a question says before it asks: the context it builds on. */
static const char *const intros[] = {
    "In het bericht wordt gesteld dat $C.", "Uit $R blijkt dat $C.",
    "$O stelt dat $C.", "Eerder gaf u aan dat $C.",
    "In uw brief van $D ($K) schrijft u dat $C.", "In $Z geldt sinds $Y $I.",
    "Volgens $G is het zo dat $C.", "Het bericht meldt dat $C.",
    "In $Y is door de Kamer de motie-$X ($K) aangenomen over $T.",
    "$E heeft laten weten dat $C.", "Onlangs werd bekend dat $C.",
    "Naar verluidt gaat het om $M.", "Uit cijfers van $O blijkt dat $C.",
}; 

static const char *const followups[] = {
    "Zo nee, waarom niet?", "Zo ja, welke?", "Zo ja, op welke termijn?",
    "Kunt u uw antwoord toelichten?", "Indien nee, waarom niet?",
    "Graag een toelichting.", "Wat is hierop uw reactie?",
    "Zo ja, wanneer en hoe?", "Waarom wel of waarom niet?",
    "Zo ja, wat is daarvan de uitkomst?", "Zo nee, bent u bereid dit alsnog te doen?",
    "Indien ja, wat was de uitkomst daarbij?", "Kunt u dit uitsplitsen per jaar?",
    "Wat gaat u hieraan doen?", "Hoe gaat u dit voorkomen?",
    "Zo ja, hoeveel?", "Zo nee, hoe verklaart u dit?",
};

static const char *const closings[] = {
    "Kunt u deze vragen een voor een en binnen de gebruikelijke termijn van drie weken beantwoorden?",
    "Bent u bereid deze vragen te beantwoorden voor het commissiedebat over $T?",
    "Kunt u deze vragen beantwoorden voor de behandeling van de begroting van $m?",
    "Wilt u deze vragen een voor een beantwoorden?",
    "Kunt u deze vragen een voor een en voor $D beantwoorden?",
    "Bent u bereid deze vragen te beantwoorden voor het wetgevingsoverleg van $D?",
};

/* Openers that take a clause: most answer sentences are built this way,
 * so the words come from the slots more than from the template. */
static const char *const openers[] = {
    "Daarnaast geldt dat", "Wel merk ik op dat", "Tegelijkertijd is het zo dat",
    "Bovendien geldt dat", "Het klopt dat", "Het is juist dat",
    "Het is niet zo dat", "Ik constateer dat", "Ik stel vast dat",
    "Ik heb begrepen dat", "Ik ben ervan op de hoogte dat", "Het is bekend dat",
    "Uit de gegevens blijkt dat", "Het beeld is dat", "Ik merk op dat",
    "Het kan voorkomen dat", "Het is mogelijk dat", "Niet uit te sluiten is dat",
    "Verder is van belang dat", "In dat kader is relevant dat", "Ook geldt dat",
    "Ik wijs erop dat", "Daar komt bij dat", "Hieruit volgt dat",
    "Dit komt doordat", "Dat komt omdat", "Het uitgangspunt is dat",
    "Ik acht het van belang dat", "Wij vinden het belangrijk dat",
    "Het kabinet vindt dat", "Ik ben van mening dat", "Het is evident dat",
    "In de praktijk blijkt dat", "Uit navraag bij $O blijkt dat",
    "Volgens $O is het zo dat", "$O heeft vastgesteld dat",
    "Uit de evaluatie van $N blijkt dat", "In $Z is gebleken dat",
    "Sinds $Y geldt dat", "Vanaf $Y is het zo dat", "Zolang $C, geldt dat",
    "Als $C, dan is het zo dat", "Omdat $C, is het van belang dat",
};

/* Plain main clauses, nearly all slots: subject, verb, object, place. */
static const char *const frames[] = {
    "$N $S $N.", "$O $S $P.", "$E $S $I in $Z.", "$N $S $P van $E.",
    "$O $S $N voor $G.", "$G zijn $A over $N.", "$N is $a.",
    "$P zijn $d $a.", "$N $S $N in $Y.", "$O $S $N, $C.",
    "$E $S sinds $Y $P.", "Voor $G $S $N $N.", "$N valt onder $N.",
    "$N vraagt om $I.", "$P van $O zijn $a.", "$N heeft betrekking op $P.",
    "$N staat los van $N.", "$G ervaren $I.", "$N $S $I voor $p.",
    "Met $N $S $O $N.", "Bij $N $S $O $P.", "Naast $N $S $E $N.",
};

static const char *const short_answers[] = {
    "Ja.", "Nee.", "Ja, daar ben ik mee bekend.", "Ja, ik ben bekend met het bericht.",
    "Ik verwijs u naar het antwoord op vraag $k.", "Zie het antwoord op vraag $k.",
    "Ja, daar zijn wij mee bekend.", "Nee, dat deel ik niet.",
    "Ja, dat klopt.", "Dat is mij niet bekend.",
};

static const char *const statements[] = {
    "Het kabinet hecht groot belang aan $T.",
    "Ik hecht eraan te benadrukken dat $C.",
    "In de brief van $D ($K) heb ik uw Kamer geïnformeerd over $N.",
    "Op dit moment wordt onderzocht of $C.",
    "Naar verwachting wordt $N in $Y $W.", "Ik deel de mening dat $C.",
    "Ik deel die mening niet.", "Er is geen aanleiding om $N te $V.",
    "$O heeft mij laten weten dat $C.", "Daarnaast wordt $N $d $W.",
    "Het is aan $O om $T te $V.", "In $Y ging het om $# $p.",
    "De totale kosten bedragen $M.", "Dit betekent dat $C.",
    "Ik zal uw Kamer $t informeren over $T.",
    "Op grond van $L is $O bevoegd om $N te $V.",
    "Ik heb $O gevraagd om $N te $V.",
    "Gemeenten zijn verantwoordelijk voor $N.",
    "Deze gegevens worden niet centraal geregistreerd.",
    "Ik vind het belangrijk dat $C.", "Met $O ben ik in gesprek over $T.",
    "Uit het onderzoek van $O blijkt dat $C.", "Het gaat hierbij om $I.",
    "Bij $N wordt rekening gehouden met $P.",
    "De verantwoordelijkheid voor $N ligt bij $O.",
    "Ik kan niet ingaan op individuele gevallen.",
    "Over $T zijn met $O afspraken gemaakt.",
    "Het is niet mogelijk om $N te $V, omdat $C.",
    "Zoals aangegeven in het antwoord op vraag $k, wordt $N $d $W.",
    "Ik onderzoek momenteel wat de mogelijkheden zijn om $P te $V.",
    "$O houdt hierop toezicht.", "In $Z is $N $d $W.",
    "Het kabinet heeft $M beschikbaar gesteld voor $T.",
    "Dit is in lijn met $L.", "Ik verwacht van $G dat zij $P $V.",
    "De regering werkt aan $I.",
    "Ik zie op dit moment geen aanleiding om $N aan te passen.",
    "Hierover is in $Y uitgebreid met uw Kamer gesproken.",
    "Voor $N geldt $I.", "Het aantal $p is in $Y gestegen tot $#.",
    "Dit heeft geleid tot $I.", "Ook $G zijn hierbij betrokken.",
    "Daarbij is gebleken dat $C.", "Momenteel worden $P $W.",
    "De uitkomsten daarvan verwacht ik $t.", "Ik betreur het dat $C.",
    "Ik begrijp de zorgen van $G over $T.", "Dat $C, vind ik onwenselijk.",
    "In $Y is $M uitgegeven aan $P, in $Y ging het om $M.",
    "Dit is vastgelegd in $L.", "Het kabinet neemt deze signalen serieus.",
    "Ik ben met $G in gesprek om te bezien hoe $N kan worden $W.",
    "De afgelopen jaren is fors geïnvesteerd in $T.",
    "Het is niet aan mij om te oordelen over $N van $E.",
    "Zoals ik eerder heb aangegeven ($K), is $T een $A prioriteit.",
    "Zowel $G als $O zijn hierover geïnformeerd.",
    "Een precieze schatting van het aantal $p is niet te geven.",
    "Er zijn mij geen signalen bekend dat $C.",
    "Uit cijfers van $O blijkt dat in $Y $# $p zijn $W.",
    "Het kabinet is zich bewust van $N.", "Ik heb kennisgenomen van $R.",
    "$O is gevraagd om $N in kaart te brengen.", "De eerste resultaten worden $t verwacht.",
    "Ik ben het met de vraagstellers eens dat $C.", "Daarom heb ik besloten om $N te $V.",
    "Het is van belang dat $C.", "Ik heb geen zicht op $P.",
    "In het verleden is gebleken dat $C.", "Dit valt onder de verantwoordelijkheid van $O.",
    "Hiervoor is $M gereserveerd.", "De precieze omvang van $N is op dit moment niet bekend.",
    "In overleg met $G wordt bezien of $C.", "Ik zal bij $O navragen of $C.",
    "Het kabinet zet zich in voor $I.", "De wet biedt daarvoor geen grondslag.",
    "Wel is het zo dat $C.", "Tegelijkertijd constateer ik dat $C.",
    "Ik heb uw Kamer hierover op $D geïnformeerd.", "Er wordt gewerkt aan $I.",
    "Hiervoor is overleg nodig met $G.", "$E heeft aangegeven dat $C.",
    "Dit neemt niet weg dat $C.", "Daarbij wordt ook gekeken naar $P.",
    "In de periode van $Y tot en met $Y zijn $# $p $W.",
    "Naar aanleiding van $N is $I gestart.",
    "Ik kan op dit moment niet vooruitlopen op de uitkomsten van $N.",
    "Het is niet bekend hoeveel $p zijn $W.",
    "Mijn ministerie heeft hierover contact gehad met $E.",
    "Bij brief van $D heb ik uw Kamer geïnformeerd over $T ($K).",
    "Op basis van $L kan $O $P $V.",
    "Het gaat om een complexe situatie, waarin verschillende belangen een rol spelen.",
    "Het kabinet deelt de zorgen over $T.", "De komende periode wordt $N verder $W.",
    "Ook in $Z is $N $W.", "In totaal gaat het om $M.",
    "Zoals gebruikelijk wordt de Kamer $t geïnformeerd over de voortgang.",
    "Dit is een zorgvuldig proces, waarin $O een belangrijke rol heeft.",
    "Ik ga ervan uit dat $C.", "Er is geen sprake van $I.",
    "Het beleid is erop gericht $P te $V.",
    "De motie-$X ($K) vraagt de regering om $N te $V.",
    "Het lid $X heeft eerder aandacht gevraagd voor $T.",
};

static const char *const headlines[] = {
    "$# $p $d $W", "Zorgen over $p in $Z", "Kritiek op $n van $E",
    "$E: «Dit is onbegrijpelijk»", "Lange rijen bij $n in $Z",
    "Onderzoek: $p $d $a", "$E onder vuur om $n", "$Z wil af van $n",
    "Tekort aan $p in $Z", "$n $Z duurt $s jaar langer",
    "$E $S $n", "Nieuwe regels voor $p", "Opnieuw ophef over $n in $Z",
    "Kabinet grijpt in bij $n", "$G boos over $n", "$n kost $M extra",
    "«Het systeem faalt»: $p $W", "$Z slaat alarm over $n",
    "$n in $Z $d $W", "Miljoenen voor $n, maar $p blijven $a",
    "Geheim rapport: $n $E $a", "Steeds meer $p in $Z",
};

static void put_clause(sbuf *b, zaak *z, rng *r, int depth)
{
    expand(b, z, r, clauses[below(r, COUNT(clauses))], depth + 1);
}

static void put_headline(sbuf *b, zaak *z, rng *r)
{
    size_t at = b->len;
    expand(b, z, r, headlines[below(r, COUNT(headlines))], 2);
    sb_capital(b, at);
}

static const verb *pick_verb(zaak *z, rng *r, int need_s3)
{
    for (;;) {
        const verb *v = chance(r, LEX_SHARE) ? z->lex_v[below(r, LEXV)]
                                             : &g_verb[zpick(&z_verb, r)];
        if (!need_s3 || v->s3)
            return v;
    }
}

static void put_ministry_name(sbuf *b, zaak *z, rng *r)
{
    sb_put(b, ministries[z->min[below(r, (uint32_t)z->nmin)]].name);
}

/* Another member of the Kamer that year, as motions name them. */
static void put_member_name(sbuf *b, zaak *z, rng *r)
{
    int yi = z->year - YEAR0;
    sb_put(b, g_mem[g_year_mem[yi][below(r, (uint32_t)g_year_nmem[yi])]].surname);
}

/* An index below n not yet used in this document, if one is found soon:
 * real documents rarely say the same sentence twice. */
static uint32_t pick_fresh(rng *r, uint32_t n, uint64_t *used)
{
    uint32_t i = below(r, n);
    for (int tries = 0; tries < 6 && (used[i / 64] >> (i % 64) & 1); tries++)
        i = below(r, n);
    used[i / 64] |= (uint64_t)1 << (i % 64);
    return i;
}

/* Words of the templates that have near-synonyms of the same form. Real
 * writers vary their wording; without this, every document would repeat
 * the templates' phrases verbatim and compress (and train a dictionary)
 * far better than real text does. Each group is "word|word|...". */
static const char *const synonym_groups[] = {
    "momenteel|op dit moment|thans|nu", "mogelijkheden|opties|kansen|wegen",
    "maatregelen|stappen|acties", "gevolgen|consequenties|effecten",
    "aangeven|toelichten|uiteenzetten|verduidelijken", "bereid|van plan|voornemens",
    "mening|opvatting|overtuiging", "informeren|inlichten|berichten",
    "onderzocht|bekeken|uitgezocht|nagegaan", "signalen|aanwijzingen|meldingen",
    "gegevens|cijfers|data", "uitkomsten|resultaten|bevindingen",
    "aanleiding|reden", "hierover|daarover", "daarnaast|bovendien|verder",
    "blijkt|volgt", "gestegen|toegenomen", "gedaald|afgenomen",
    "precies|exact|nauwkeurig", "duidelijk|helder", "uitsplitsen|specificeren",
    "gesprek|overleg", "instantie|organisatie", "garanderen|waarborgen|verzekeren",
    "acceptabel|aanvaardbaar", "wenselijk|gewenst", "reactie|visie|kijk",
    "oordeel|standpunt", "zorgvuldig|nauwgezet|grondig",
    "complexe|ingewikkelde|lastige", "uitgebreid|uitvoerig", "fors|flink|aanzienlijk",
    "gevraagd|verzocht", "navragen|nagaan", "lessen|conclusies", "verband|relatie",
    "juridische|wettelijke", "grondslag|basis", "onafhankelijk|extern",
    "ingegrepen|opgetreden", "verantwoordelijk|aanspreekbaar", "toezegging|belofte",
    "uitvoering|implementatie", "afschrift|kopie", "openbaar|publiek",
    "belangrijk|essentieel|van belang", "tegelijkertijd|evenwel",
    "constateer|zie|merk", "verwacht|voorzie", "begrijp|deel",
    "zorgen|bezorgdheid", "gebruikelijke|normale|reguliere", "spoedig|snel",
    "uiterlijk|in elk geval", "bekend|duidelijk", "inmiddels|intussen|ondertussen",
    "beschikbaar|voorhanden", "betrokken|verwikkeld", "besteed|uitgegeven",
    "waarschuwde|alarm sloeg", "toestand|situatie", "overzicht|inventarisatie",
    "toelichting|uitleg", "vastgelegd|opgenomen|verankerd", "gewerkt|gebouwd",
    "geïnvesteerd|geld gestoken", "serieus|zeer serieus", "gebleken|naar voren gekomen",
    "nader|verder", "gemiddeld|doorgaans", "voorgekomen|gebeurd",
};

#define SYN_SLOTS 1024
static const char *syn_word[SYN_SLOTS];
static uint16_t syn_len[SYN_SLOTS], syn_group[SYN_SLOTS];
static const char *syn_alt[COUNT(synonym_groups)][6];
static uint16_t syn_alt_len[COUNT(synonym_groups)][6];
static int syn_nalt[COUNT(synonym_groups)];

static uint32_t word_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

void load_synonyms(void)
{
    for (size_t g = 0; g < COUNT(synonym_groups); g++) {
        const char *s = synonym_groups[g];
        while (*s && syn_nalt[g] < 6) {
            size_t n = strcspn(s, "|");
            syn_alt[g][syn_nalt[g]] = s;
            syn_alt_len[g][syn_nalt[g]++] = (uint16_t)n;
            if (!memchr(s, ' ', n)) { /* only one-word members are looked up */
                uint32_t h = word_hash(s, n) % SYN_SLOTS;
                while (syn_word[h])
                    h = (h + 1) % SYN_SLOTS;
                syn_word[h] = s;
                syn_len[h] = (uint16_t)n;
                syn_group[h] = (uint16_t)g;
            }
            s += n + (s[n] == '|');
        }
    }
}

/* Copies a literal word of a template, sometimes as a synonym. */
static void put_word(sbuf *b, rng *r, const char *w, size_t n)
{
    uint32_t h = word_hash(w, n) % SYN_SLOTS;
    for (; syn_word[h]; h = (h + 1) % SYN_SLOTS) {
        if (syn_len[h] == n && memcmp(syn_word[h], w, n) == 0) {
            int g = syn_group[h], k = (int)below(r, (uint32_t)syn_nalt[g]);
            sb_putn(b, syn_alt[g][k], syn_alt_len[g][k]);
            return;
        }
    }
    sb_putn(b, w, n);
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

static void expand(sbuf *b, zaak *z, rng *r, const char *t, int depth)
{
    for (; *t; t++) {
        if (*t >= 'a' && *t <= 'z') {
            size_t n = 1;
            while (is_letter(t[n]))
                n++;
            put_word(b, r, t, n);
            t += n - 1;
            continue;
        }
        if (*t != '$' || !t[1]) {
            sb_putc(b, *t);
            continue;
        }
        switch (*++t) {
        case 'N': put_np(b, z, r, 1, 0); break;
        case 'I': put_np(b, z, r, 0, 0); break;
        case 'P': put_np(b, z, r, 1, 1); break;
        case 'p': put_np(b, z, r, 0, 1); break;
        case 'n': {
            const noun *n = pick_noun(z, r);
            put_noun_word(b, z, r, n, 0);
            break;
        }
        case 'T': put_topic(b, z, r); break;
        case 'E':
            if (z->entity.len)
                sb_putn(b, z->entity.p, z->entity.len);
            else
                put_org(b, r, 1);
            break;
        case 'O': put_org(b, r, 1); break;
        case 'G': sb_put(b, groups[zpick(&z_group, r)]); break;
        case 'a': sb_put(b, pick_adj(z, r)->base); break;
        case 'A': sb_put(b, pick_adj(z, r)->infl); break;
        case 'V': sb_put(b, pick_verb(z, r, 0)->inf); break;
        case 'W': sb_put(b, pick_verb(z, r, 0)->part); break;
        case 'S': sb_put(b, pick_verb(z, r, 1)->s3); break;
        case 'C':
            if (depth < 2)
                put_clause(b, z, r, depth);
            else
                sb_put(b, "dit het geval is");
            break;
        case 'D': sb_date(b, z->d_in - (long)between(r, 3, 700)); break;
        case 'Y': sb_num(b, (unsigned long)z->year - below(r, 7)); break;
        case '#': put_count(b, r); break;
        case 's': sb_num(b, between(r, 2, 12)); break;
        case 'M': put_money(b, r); break;
        case '%': put_percent(b, r); break;
        case 'L': put_law(b, r); break;
        case 'K': put_kamerstuk(b, r); break;
        case 'k':
            sb_num(b, z->cur_q > 0 ? 1 + below(r, (uint32_t)z->cur_q)
                                   : 1 + below(r, (uint32_t)z->nq));
            break;
        case 'R': put_ref(b, z, r); break;
        case 'H': put_headline(b, z, r); break;
        case 'Q': put_quoted_person(b, z, r); break;
        case 'Z': put_place(b, heavy(r, 8000)); break;
        case 'd':
            /* Mostly no adverb at all; then the space after the slot goes. */
            if (chance(r, 40))
                sb_put(b, adverbs[zpick(&z_adv, r)]);
            else if (t[1] == ' ')
                t++;
            break;
        case 't': put_time(b, z, r); break;
        case 'm': put_ministry_name(b, z, r); break;
        case 'X': put_member_name(b, z, r); break;
        default: sb_putc(b, '$'); sb_putc(b, *t); break;
        }
    }
}

/* One sentence from a template, starting with a capital. */
void sentence(sbuf *b, zaak *z, rng *r, const char *t)
{
    size_t at = b->len;
    expand(b, z, r, t, 0);
    sb_capital(b, at);
}

/* ======================================================================
 * Building a zaak
 * ==================================================================== */

static void pick_members(zaak *z, rng *r)
{
    int yi = z->year - YEAR0;
    const int *pool = g_year_mem[yi];
    int np = g_year_nmem[yi];
    uint32_t x = below(r, 100);
    int n = x < 50 ? 1 : x < 80 ? 2 : x < 92 ? 3 : (int)between(r, 4, MAXMEM);
    int same = chance(r, 65);
    z->nmem = 0;
    for (int tries = 0; z->nmem < n && tries < 400; tries++) {
        int m = pool[below(r, (uint32_t)np)];
        int dup = 0;
        for (int i = 0; i < z->nmem; i++)
            dup |= z->mem[i] == m;
        if (dup || (same && z->nmem && g_mem[m].party != g_mem[z->mem[0]].party))
            continue;
        z->mem[z->nmem++] = m;
    }
    /* Members of one party stand together in the header. */
    for (int i = 1; i < z->nmem; i++)
        for (int j = i; j > 0 && g_mem[z->mem[j]].party < g_mem[z->mem[j - 1]].party &&
                        g_mem[z->mem[0]].party != g_mem[z->mem[j]].party; j--) {
            int t = z->mem[j];
            z->mem[j] = z->mem[j - 1];
            z->mem[j - 1] = t;
        }
}

static void pick_addressees(zaak *z, rng *r)
{
    uint32_t x = below(r, 100);
    int n = x < 65 ? 1 : x < 90 ? 2 : 3;
    z->nmin = 0;
    if (chance(r, 3)) {
        z->min[0] = MIN_AZ;
        z->role[0] = ROLE_MIN;
        z->nmin = 1;
    }
    while (z->nmin < n) {
        int m = pick_ministry(r, z->d_in, z->nmin > 0 ? z->min[0] : -1,
                              z->nmin > 1 ? z->min[1] : -1);
        if (m == MIN_AZ && z->nmin)
            continue;
        z->min[z->nmin] = m;
        z->role[z->nmin] = m != MIN_AZ && !ministries[m].voor && chance(r, 25)
                               ? ROLE_STAS : ROLE_MIN;
        z->nmin++;
    }
}

static void put_slug(sbuf *b, const char *s, size_t n)
{
    size_t start = b->len;
    int dash = 0;
    for (size_t i = 0; i < n && b->len - start < 90; i++) {
        unsigned char c = (unsigned char)s[i];
        char o = 0;
        if (c >= 'a' && c <= 'z')
            o = (char)c;
        else if (c >= 'A' && c <= 'Z')
            o = (char)(c - 'A' + 'a');
        else if (c >= '0' && c <= '9')
            o = (char)c;
        else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[++i];
            o = d >= 0xA0 && d <= 0xA5 ? 'a' : d == 0xA7 ? 'c' :
                d >= 0xA8 && d <= 0xAB ? 'e' : d >= 0xAC && d <= 0xAF ? 'i' :
                d >= 0xB2 && d <= 0xB6 ? 'o' : d >= 0xB9 && d <= 0xBC ? 'u' : 0;
        } else if (c == ' ' || c == '-' || c == '/') {
            dash = 1;
        }
        if (o) {
            if (dash && b->len > start)
                sb_putc(b, '-');
            dash = 0;
            sb_putc(b, o);
        }
    }
}

static void put_url(sbuf *b, rng *r, const char *pat, const sbuf *title, long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    char t[16];
    for (; *pat; pat++) {
        if (*pat != '%' || !pat[1]) {
            sb_putc(b, *pat);
            continue;
        }
        switch (*++pat) {
        case 'n': sb_num(b, between(r, 100000, 9999999)); break;
        case 's': put_slug(b, title->p, title->len); break;
        case 'y': sb_num(b, (unsigned long)y); break;
        case 'm': snprintf(t, sizeof t, "%02d", m); sb_put(b, t); break;
        case 'd': snprintf(t, sizeof t, "%02d", d); sb_put(b, t); break;
        case 'x':
            snprintf(t, sizeof t, "%08x", (unsigned)(rnext(r) >> 32));
            sb_put(b, t);
            break;
        default: sb_putc(b, *pat); break;
        }
    }
}

/* Adds footnote number z->nfn + 1; the first one is the zaak's news item. */
static int add_footnote(zaak *z, rng *r)
{
    if (z->nfn >= MAXFN)
        return 0;
    footnote *f = &z->fn[z->nfn];
    sb_reset(&f->title);
    sb_reset(&f->url);
    uint32_t x = below(r, 100);
    f->kind = z->nfn == 0 && z->subject_kind < 2 ? FN_NEWS
              : x < 50 ? FN_NEWS : x < 72 ? FN_KAMERSTUK : x < 82 ? FN_AANHANGSEL
              : x < 92 ? FN_BRIEF : FN_URL;
    f->day = z->d_in - (long)between(r, 1, 40);
    f->src = (int)zpick(&z_src, r);
    f->a = between(r, 0, 3);
    if (z->nfn == 0 && f->kind == FN_NEWS) {
        f->src = z->news_src;
        sb_putn(&f->title, z->headline.p, z->headline.len);
    } else {
        put_headline(&f->title, z, r);
    }
    if (f->kind == FN_NEWS)
        put_url(&f->url, r, news_urls[f->src], &f->title, f->day);
    else if (f->kind == FN_URL)
        put_url(&f->url, r, "https://www.rijksoverheid.nl/documenten/rapporten/%y/%m/%d/%s",
                &f->title, f->day);
    else
        put_kamerstuk(&f->url, r); /* the reference text, for the others */
    return ++z->nfn;
}

static void make_question(zaak *z, rng *r, int i)
{
    sbuf *b = &z->q[i];
    sb_reset(b);
    z->cur_q = i;
    if (i == 0 && z->subject_kind < 2) {
        sentence(b, z, r, questions[below(r, 4)]);
    } else if (i + 1 == z->nq && chance(r, 18)) {
        sentence(b, z, r, closings[below(r, COUNT(closings))]);
        return;
    } else {
        if (chance(r, 42)) {
            sentence(b, z, r, intros[below(r, COUNT(intros))]);
            sb_putc(b, ' ');
        } else if (chance(r, 12)) {
            sentence(b, z, r, questions[pick_fresh(r, COUNT(questions), z->used_q)]);
            sb_putc(b, ' ');
        }
        sentence(b, z, r, questions[4 + pick_fresh(r, COUNT(questions) - 4, z->used_q)]);
    }
    int fn = i == 0 && z->subject_kind < 2 ? add_footnote(z, r)
             : chance(r, 9) ? add_footnote(z, r) : 0;
    if (fn) {
        sb_putc(b, 1);
        sb_putc(b, (char)('0' + fn));
        if (chance(r, 6) && (fn = add_footnote(z, r))) {
            sb_putc(b, 1);
            sb_putc(b, (char)('0' + fn));
        }
    }
    if (chance(r, 45)) {
        sb_putc(b, ' ');
        sentence(b, z, r, followups[below(r, COUNT(followups))]);
    }
    if (chance(r, 25)) {
        sb_putc(b, ' ');
        sentence(b, z, r, questions[4 + pick_fresh(r, COUNT(questions) - 4, z->used_q)]);
    }
}

static void make_subject(zaak *z, rng *r)
{
    sbuf *b = &z->subject;
    sb_reset(b);
    uint32_t x = below(r, 100);
    z->subject_kind = x < 62 ? 0 : x < 72 ? 1 : 2;
    if (x < 55) {
        sb_put(b, "het bericht «");
        sb_putn(b, z->headline.p, z->headline.len);
        sb_put(b, "»");
    } else if (x < 62) {
        sb_put(b, "het artikel «");
        sb_putn(b, z->headline.p, z->headline.len);
        sb_put(b, "» in ");
        sb_put(b, news_sources[z->news_src]);
    } else if (x < 72) {
        sb_put(b, "de uitzending van ");
        sb_put(b, news_sources[z->news_src]);
        sb_put(b, " over ");
        put_topic(b, z, r);
    } else if (x < 90) {
        expand(b, z, r, chance(r, 50) ? "$T" : "$N van $E", 1);
        if (chance(r, 40))
            expand(b, z, r, " in $Z", 1);
    } else {
        sb_put(b, "de uitspraken van ");
        put_quoted_person(b, z, r);
        sb_put(b, " over ");
        put_topic(b, z, r);
    }
}

static int question_count(rng *r)
{
    uint32_t x = below(r, 100);
    return x < 2 ? 1 : x < 10 ? (int)between(r, 2, 3) : x < 35 ? (int)between(r, 4, 6)
         : x < 65 ? (int)between(r, 7, 9) : x < 88 ? (int)between(r, 10, 14)
         : (int)between(r, 15, MAXQ);
}

/* The zaak's own words: its topic, some domain and general nouns, a few
 * compounds of its own, adjectives and verbs. Its documents draw from
 * these often, as real documents keep to their subject; that puts the
 * repetition inside documents, not across them. */
static void make_lexicon(zaak *z, rng *r)
{
    z->nlex_n = 0;
    for (int i = 0; i < z->ntopic; i++)
        z->lex_n[z->nlex_n++] = z->topic[i];
    for (int i = 0; i < LEXC; i++) {
        const noun *a = &g_dom[z->dom].v[zpick(&g_dom[z->dom].z, r)];
        const noun *h = &g_nouns.v[zpick(&g_nouns.z, r)];
        noun *c = &z->comp[i];
        if (!plain_word(a->sg) || !plain_word(h->sg) || a == h) {
            c->sg = h->sg;
            c->pl = h->pl;
            c->het = h->het;
        } else {
            size_t la = strlen(a->sg);
            int s = la > 3 && (strcmp(a->sg + la - 3, "ing") == 0 ||
                               strcmp(a->sg + la - 4, "heid") == 0);
            /* a compound longer than the buffer is cut (none is); the
             * results are looked at so that gcc for 32-bit ARM does not
             * warn of the cut */
            int n = snprintf(z->comp_sg[i], sizeof z->comp_sg[i], "%s%s%s", a->sg,
                             s ? "s" : "", h->sg);
            n |= snprintf(z->comp_pl[i], sizeof z->comp_pl[i], "%s%s%s", a->sg,
                          s ? "s" : "", h->pl ? h->pl : h->sg);
            if (n < 0)
                z->comp_sg[i][0] = z->comp_pl[i][0] = '\0';
            c->sg = z->comp_sg[i];
            c->pl = h->pl ? z->comp_pl[i] : NULL;
            c->het = h->het;
        }
        z->lex_n[z->nlex_n++] = c;
    }
    while (z->nlex_n < LEXN) {
        int dom = chance(r, 50);
        const nounlist *l = dom ? &g_dom[z->dom] : &g_nouns;
        z->lex_n[z->nlex_n++] = &l->v[below(r, l->z.n)];
    }
    for (int i = 0; i < LEXA; i++)
        z->lex_a[i] = &g_adj[below(r, n_adjectives)];
    for (int i = 0; i < LEXV; i++)
        z->lex_v[i] = &g_verb[below(r, n_verbs)];
}

static void make_zaak(zaak *z, uint64_t seed, uint64_t k, int year, unsigned nr)
{
    rng *r = &z->r;
    r->s = mix(seed, k);
    z->year = year;
    snprintf(z->zaak, sizeof z->zaak, "%04dZ%05u", year, nr);
    z->d_in = days_from_civil(year, 1, 1) + (long)below(r, 365);
    pick_members(z, r);
    pick_addressees(z, r);
    z->dom = ministries[z->min[0]].dom;
    if (z->min[0] == MIN_AZ)
        z->dom = (int)below(r, D_COUNT);
    z->ntopic = 2 + (int)below(r, 2);
    for (int i = 0; i < z->ntopic; i++)
        z->topic[i] = &g_dom[z->dom].v[zpick(&g_dom[z->dom].z, r)];
    make_lexicon(z, r);
    sb_reset(&z->entity);
    uint32_t x = below(r, 100);
    if (x < 40)
        put_company(&z->entity, heavy(r, 20000));
    else if (x < 65)
        put_place(&z->entity, heavy(r, 8000));
    else if (x < 85)
        put_org(&z->entity, r, 1);
    z->news_src = (int)zpick(&z_src, r);
    sb_reset(&z->headline);
    put_headline(&z->headline, z, r);
    make_subject(z, r);
    z->nq = question_count(r);
    z->nfn = 0;
    memset(z->used_q, 0, sizeof z->used_q);
    for (int i = 0; i < z->nq; i++)
        make_question(z, r, i);
    z->cur_q = 0;
    z->has_answer = chance(r, 73);
    z->has_notice = chance(r, 9);
    z->d_notice = z->d_in + (long)between(r, 20, 27);
    x = below(r, 100);
    long delay = x < 10 ? between(r, 8, 20) : x < 70 ? between(r, 21, 42)
               : x < 95 ? between(r, 43, 90) : between(r, 91, 250);
    if (z->has_notice && delay < 35)
        delay += 21;
    z->d_answer = z->d_in + delay;
    z->aanhangsel_nr = between(r, 1, 3800);
    z->notice_nr = between(r, 1, 3800);
}

/* The paragraphs of one answer, separated by '\n'. */
void answer_paras(sbuf *t, zaak *z, rng *r, int i)
{
    z->cur_q = i;
    if (i == 0 && z->subject_kind < 2 && chance(r, 55)) {
        sentence(t, z, r, short_answers[below(r, 4)]);
        if (chance(r, 60))
            return;
        sb_putc(t, '\n');
    } else if (chance(r, 12)) {
        /* Past the first question, "Ja, daar ben ik mee bekend." is odd. */
        sentence(t, z, r, short_answers[4 + below(r, COUNT(short_answers) - 4)]);
        return;
    }
    /* One draw per statement: the order of operands of + is unspecified
     * in C, and the output must not depend on the compiler. */
    int paras = 1;
    paras += chance(r, 65);
    paras += chance(r, 40);
    paras += chance(r, 18);
    paras += chance(r, 7);
    for (int p = 0; p < paras; p++) {
        if (p)
            sb_putc(t, '\n');
        int n = (int)between(r, 3, 8);
        for (int s = 0; s < n; s++) {
            if (s)
                sb_putc(t, ' ');
            uint32_t kind = below(r, 100);
            if (kind < FRAME_SHARE) {
                sentence(t, z, r, frames[below(r, COUNT(frames))]);
            } else if (kind < FRAME_SHARE + OPENER_SHARE) {
                size_t at = t->len;
                expand(t, z, r, openers[below(r, COUNT(openers))], 1);
                sb_putc(t, ' ');
                put_clause(t, z, r, 0);
                sb_putc(t, '.');
                sb_capital(t, at);
            } else {
                sentence(t, z, r, statements[pick_fresh(r, COUNT(statements), z->used_s)]);
            }
        }
    }
}

/* ======================================================================
 * Main: zaken in date order, spread evenly over 2008-2024
 * ==================================================================== */

static int pick_style(rng *r)
{
    uint32_t x = below(r, 100);
    return x < 20 ? ST_MD : x < 75 ? ST_OB : ST_TK;
}

static int write_file(const char *path, const sbuf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(b->p, 1, b->len, f);
    if (fclose(f) != 0 || n != b->len)
        return -1;
    return 0;
}

static int make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "tool_gen: cannot create %s: %s\n", path, strerror(errno));
    return -1;
}

static int usage(void)
{
    fputs("usage: tool_gen N OUTDIR [SEED]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4)
        return usage();
    char *end;
    errno = 0;
    unsigned long long n = strtoull(argv[1], &end, 10);
    if (*end || errno || n == 0 || n > 100000000ULL)
        return usage();
    unsigned long long seed = 1;
    if (argc == 4) {
        seed = strtoull(argv[3], &end, 10);
        if (*end || errno)
            return usage();
    }
    const char *outdir = argv[2];
    load_vocabulary();
    make_members();
    if (make_dir(outdir) != 0)
        return 1;

    static zaak z;
    sbuf doc = { 0, 0, 0 }, tmp = { 0, 0, 0 };
    size_t plen = strlen(outdir) + 64;
    char *path = xmalloc(plen);
    int year_made[YEARS] = { 0 };
    unsigned counter[YEARS] = { 0 };
    unsigned long long zaken = n * 100 / 182 + 1, docs = 0, bytes = 0;
    unsigned long per_year = (unsigned long)(zaken / YEARS) + 1;
    unsigned step = (unsigned)(per_year < 9000 ? 8 : per_year < 45000 ? 90000 / per_year : 1);
    rng numbering = { mix(seed, 0xA11) };

    for (unsigned long long k = 0; docs < n; k++) {
        unsigned long long yi = k * YEARS / zaken;
        int year = YEAR0 + (int)(yi < YEARS ? yi : YEARS - 1);
        unsigned *c = &counter[year - YEAR0];
        *c += *c == 0 ? between(&numbering, 100, 400) : between(&numbering, 1, step);
        if (!year_made[year - YEAR0]) {
            snprintf(path, plen, "%s/%d", outdir, year);
            if (make_dir(path) != 0)
                return 1;
            year_made[year - YEAR0] = 1;
        }
        make_zaak(&z, seed, k, year, *c);
        for (int kind = 0; kind < 3 && docs < n; kind++) {
            const char *suffix = kind == 0 ? "" : kind == 1 ? "-mededeling" : "-antwoord";
            if ((kind == 1 && !z.has_notice) || (kind == 2 && !z.has_answer))
                continue;
            sb_reset(&doc);
            int style = pick_style(&z.r);
            if (kind == 0)
                emit_question(&doc, &z, &z.r, style, &tmp);
            else if (kind == 1)
                emit_notice(&doc, &z, &z.r, style, &tmp);
            else
                emit_answer(&doc, &z, &z.r, style, &tmp);
            snprintf(path, plen, "%s/%d/%s%s.txt", outdir, year, z.zaak, suffix);
            if (write_file(path, &doc) != 0) {
                fprintf(stderr, "tool_gen: cannot write %s: %s\n", path, strerror(errno));
                return 1;
            }
            docs++;
            bytes += doc.len;
        }
    }
    printf("%llu documents, %llu bytes\n", docs, bytes);
    free(doc.p);
    free(tmp.p);
    free(path);
    return 0;
}

