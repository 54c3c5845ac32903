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
 * Output depends only on N and SEED (default 1): the generator has its own
 * PRNG (splitmix64), reads no clock, and every zaak draws from its own
 * stream. It prints one line at the end: "N documents, B bytes".
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static uint64_t rnext(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n), by multiplication instead of a biased modulo. */
static uint32_t below(rng *r, uint32_t n)
{
    return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

static int chance(rng *r, unsigned pct)
{
    return below(r, 1000) < pct * 10;
}

static double unit(rng *r)
{
    return (double)(rnext(r) >> 11) * (1.0 / 9007199254740992.0);
}

static uint32_t between(rng *r, uint32_t lo, uint32_t hi)
{
    return lo + below(r, hi - lo + 1);
}

/* A rank in [0, max) with P(rank) about 1/rank: the log-uniform law of an
 * open-ended vocabulary, where a few names are everywhere and most are
 * seen once or twice. */
static uint32_t heavy(rng *r, uint32_t max)
{
    uint32_t v = (uint32_t)exp(unit(r) * log((double)max));
    return v > 0 ? v - 1 : 0;
}

static uint64_t mix(uint64_t a, uint64_t b)
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

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("tool_gen: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static void ztab_init(ztab *z, uint32_t n, double s, double q)
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

static uint32_t zpick(const ztab *z, rng *r)
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

static void sb_grow(sbuf *b, size_t n)
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

static void sb_putn(sbuf *b, const char *s, size_t n)
{
    sb_grow(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void sb_put(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

static void sb_putc(sbuf *b, char c)
{
    sb_grow(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = 0;
}

static void sb_num(sbuf *b, unsigned long v)
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
static void sb_dnum(sbuf *b, unsigned long v)
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

static void sb_reset(sbuf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = 0;
}

/* Upper-cases the ASCII letter at byte i (sentence starts, headlines). */
static void sb_capital(sbuf *b, size_t i)
{
    if (i < b->len && b->p[i] >= 'a' && b->p[i] <= 'z')
        b->p[i] = (char)(b->p[i] - 'a' + 'A');
}

/* ======================================================================
 * Vocabulary. Each list is in (rough) order of frequency: the Zipf draw
 * favours its head. Nouns are written "h:" for het-words (else de), then
 * the singular, then the plural as "+suffix" or "|full" ("|" alone: none).
 * ==================================================================== */

static const char *const general_nouns[] = {
    "maatregel+en", "h:kabinet+ten", "regering+en", "h:onderzoek+en",
    "gemeente+n", "h:bericht+en", "situatie+s", "h:beleid|", "vraag|vragen",
    "h:antwoord+en", "informatie|", "h:rapport+en", "organisatie+s",
    "h:probleem|problemen", "wet+ten", "regeling+en", "h:ministerie+s",
    "overheid|overheden", "h:bedrijf|bedrijven", "burger+s", "mening+en",
    "brief|brieven", "h:besluit+en", "h:advies|adviezen",
    "afspraak|afspraken", "aanpak|", "h:risico+'s", "termijn+en",
    "h:gevolg+en", "oorzaak|oorzaken", "procedure+s", "h:budget+ten",
    "h:aantal+len", "toezichthouder+s", "handhaving|", "uitvoering+en",
    "h:systeem|systemen", "capaciteit+en", "h:plan|plannen",
    "h:programma+'s", "h:project+en", "h:proces+sen", "h:verzoek+en",
    "h:voorstel+len", "h:wetsvoorstel+len", "motie+s", "toezegging+en",
    "evaluatie+s", "h:overleg+gen", "h:gesprek+ken", "h:belang+en",
    "ontwikkeling+en", "h:doel+en", "inzet|", "rol+len",
    "verantwoordelijkheid|verantwoordelijkheden",
    "bevoegdheid|bevoegdheden", "h:standpunt+en", "uitspraak|uitspraken",
    "h:oordeel|oordelen", "conclusie+s", "aanbeveling+en",
    "h:signaal|signalen", "melding+en", "klacht+en", "zorg+en",
    "h:incident+en", "h:geval|gevallen", "h:slachtoffer+s", "inwoner+s",
    "bewoner+s", "ondernemer+s", "werknemer+s", "werkgever+s",
    "medewerker+s", "deskundige+n", "sector+en", "branche+s", "markt+en",
    "prijs|prijzen", "h:tarief|tarieven", "subsidie+s", "bijdrage+n",
    "financiering+en", "investering+en", "begroting+en", "h:tekort+en",
    "achterstand+en", "wachttijd+en", "wachtlijst+en", "h:knelpunt+en",
    "oplossing+en", "h:alternatief|alternatieven", "h:instrument+en",
    "h:middel+en", "h:criterium|criteria", "norm+en", "eis+en",
    "voorwaarde+n", "uitzondering+en", "ontheffing+en", "vergunning+en",
    "aanvraag|aanvragen", "beoordeling+en", "controle+s", "inspectie+s",
    "sanctie+s", "boete+s", "h:verbod+en", "rapportage+s", "h:dossier+s",
    "h:document+en", "h:protocol+len", "richtlijn+en", "h:kader+s",
    "h:traject+en", "h:convenant+en", "samenwerking+en", "afstemming|",
    "communicatie|", "transparantie|", "zorgvuldigheid|", "veiligheid|",
    "gezondheid|", "privacy|", "h:vertrouwen|", "h:draagvlak|",
    "duidelijkheid|", "h:overzicht+en", "h:moment+en", "periode+n",
    "h:jaar|jaren", "maand+en", "week|weken", "h:land+en", "regio+'s",
    "provincie+s", "h:gebied+en", "stad|steden", "h:dorp+en",
    "grens|grenzen", "locatie+s", "h:terrein+en", "woning+en",
    "h:gebouw+en", "h:huis|huizen", "h:gezin+nen", "kind+eren", "ouder+s",
    "jongere+n", "oudere+n", "vrouw+en", "persoon|personen", "groep+en",
    "partij+en", "instantie+s", "instelling+en", "h:instituut|instituten",
    "dienst+en", "h:bestuur|besturen", "h:orgaan|organen", "commissie+s",
    "raad|raden", "rechter+s", "h:debat+ten", "vergadering+en",
    "h:verslag+en", "h:artikel+en", "h:nieuwsbericht+en", "uitzending+en",
    "h:interview+s", "reactie+s", "kritiek|", "discussie+s",
    "h:draaiboek+en", "h:scenario+'s", "keuze+s", "afweging+en",
    "h:uitgangspunt+en", "h:principe+s", "h:recht+en", "plicht+en",
    "h:bezwaar|bezwaren", "h:beroep+en", "h:verschil+len",
    "verhouding+en", "relatie+s", "h:contact+en", "h:netwerk+en",
    "h:platform+s", "website+s", "h:register+s", "database+s",
    "registratie+s", "h:bestand+en", "analyse+s", "berekening+en",
    "schatting+en", "prognose+s", "h:cijfer+s", "percentage+s",
    "stijging+en", "daling+en", "toename+n", "afname+n", "groei|",
    "omvang|", "schaal|schalen", "h:niveau+s", "kwaliteit+en",
    "toegankelijkheid|", "beschikbaarheid|", "betaalbaarheid|",
    "uitvoerbaarheid|", "effectiviteit|", "doelmatigheid|",
    "rechtmatigheid|", "h:toezicht|", "verantwoording|",
    "h:vervolg|", "voortgang|", "stand|", "planning+en", "h:tijdpad+en",
    "deadline+s", "vertraging+en", "overschrijding+en", "h:verlies|verliezen",
    "schade|", "schadevergoeding+en", "compensatie|", "tegemoetkoming+en",
    "h:herstel|", "h:excuus|excuses", "erkenning|", "h:onrecht|",
    "fout+en", "h:misverstand+en", "h:nalaten|", "h:optreden|",
    "houding+en", "h:gedrag|", "cultuur|culturen", "h:klimaat|",
    "h:milieu|", "natuur|", "energie|", "h:water|", "lucht|", "bodem+s",
    "h:voedsel|", "h:onderwijs|", "zorg|", "arbeid|", "h:werk|",
    "h:inkomen+s", "armoede|", "schuld+en", "h:vermogen+s",
    "belasting+en", "heffing+en", "premie+s", "uitkering+en",
    "h:pensioen+en", "toeslag+en", "h:loon|lonen", "h:salaris+sen",
    "h:contract+en", "opdracht+en", "aanbesteding+en", "leverancier+s",
    "h:product+en", "dienstverlening|", "h:materiaal|materialen",
    "apparatuur|", "technologie|technologieën", "software|",
    "h:apparaat|apparaten", "h:gegeven+s", "h:bestand+en",
    "h:onderdeel|onderdelen", "h:element+en", "h:aspect+en",
    "punt+en", "h:thema+'s", "h:onderwerp+en",
    "kwestie+s", "zaak|zaken", "h:feit+en", "h:bewijs|", "aanwijzing+en",
    "h:vermoeden+s", "verdenking+en", "h:verband+en", "h:belangenconflict+en",
    "integriteit|", "h:misbruik|", "fraude|", "corruptie|",
    "h:geweld|", "intimidatie|", "discriminatie|", "ongelijkheid|",
    "h:draagvlak|", "weerstand|", "onrust|", "ophef|", "h:nieuws|",
    "publicatie+s", "h:onderzoeksrapport+en", "h:jaarverslag+en",
    "monitor+s", "h:dashboard+s", "h:loket+ten", "h:meldpunt+en",
    "h:informatiepunt+en", "helpdesk+s", "voorlichting|", "campagne+s",
    "h:initiatief|initiatieven", "pilot+s", "h:experiment+en",
    "proef|proeven", "h:proefproject+en", "uitbreiding+en",
    "verlenging+en", "beëindiging|", "sluiting+en", "opening+en",
    "h:vertrek|", "terugkeer|", "aankomst|", "h:verblijf|",
    "h:bezoek+en", "h:werkbezoek+en", "reis|reizen", "verplaatsing+en",
    "h:vervoer|", "h:verkeer|", "h:transport|", "h:gebruik|",
    "h:verbruik|", "uitstoot|", "emissie+s", "vervuiling|", "h:afval|",
    "h:lawaai|", "overlast|", "hinder|", "h:ongeluk|ongelukken",
    "h:ongeval|ongevallen", "ramp+en", "crisis|crises", "noodsituatie+s",
    "h:tekort+en", "h:overschot+ten", "voorraad|voorraden",
    "levering+en", "afhankelijkheid|afhankelijkheden", "h:alternatief|",
    "mogelijkheid|mogelijkheden", "onmogelijkheid|", "h:gat|gaten",
    "leemte+n", "lacune+s", "h:hiaat|hiaten", "tekortkoming+en",
    "h:gebrek+en", "h:manco+'s", "h:nadeel|nadelen", "h:voordeel|voordelen",
    "h:effect+en", "impact|", "uitwerking+en", "doorwerking|",
    "h:resultaat|resultaten", "uitkomst+en", "opbrengst+en",
    "h:rendement+en", "winst+en", "omzet|", "h:kapitaal|",
    "aandeelhouder+s", "eigenaar|eigenaren", "huurder+s", "verhuurder+s",
    "koper+s", "consument+en", "klant+en", "gebruiker+s", "patiënt+en",
    "cliënt+en", "leerling+en", "student+en", "docent+en", "agent+en",
    "ambtenaar|ambtenaren", "bestuurder+s", "wethouder+s",
    "burgemeester+s", "gedeputeerde+n", "directeur+en", "voorzitter+s",
    "woordvoerder+s", "expert+s", "wetenschapper+s", "onderzoeker+s",
    "journalist+en", "advocaat|advocaten", "officier+en", "verdachte+n",
    "dader+s", "getuige+n", "vluchteling+en", "militair+en",
    "boer+en", "visser+s", "automobilist+en", "reiziger+s", "fietser+s",
    "bezoeker+s", "toerist+en", "ondernemer+s", "zzp'er+s",
    "vrijwilliger+s", "mantelzorger+s", "h:gezinslid|gezinsleden",
    "h:Kamerlid|Kamerleden", "bewindspersoon|bewindspersonen",
};

/* Domain nouns: what questions to each group of ministries are about. */
enum {
    D_JUSTICE, D_HEALTH, D_ECONOMY, D_AGRI, D_INFRA, D_DEFENCE, D_FOREIGN,
    D_FINANCE, D_EDUCATION, D_SOCIAL, D_INTERIOR, D_MIGRATION, D_COUNT
};

static const char *const dom_justice[] = {
    "politie|", "agent+en", "h:Openbaar Ministerie|",
    "officier van justitie|officieren van justitie",
    "rechtbank+en", "h:strafrecht|", "strafzaak|strafzaken", "vervolging+en",
    "opsporing|", "h:onderzoeksteam+s", "gevangenis+sen", "gedetineerde+n",
    "h:gevangeniswezen|", "reclassering|", "h:slachtofferhulp|", "aangifte+n",
    "h:misdrijf|misdrijven", "criminaliteit|", "ondermijning|", "drugshandel|",
    "drugslab+s", "h:witwassen|", "cybercrime|", "cyberaanval+len",
    "h:vuurwerk|", "h:wapen+s", "explosie+s", "liquidatie+s",
    "h:getuigenbeschermingsprogramma+'s", "h:politiebureau+s",
    "wijkagent+en", "h:noodbevel+en", "h:cameratoezicht|", "h:gebiedsverbod+en",
    "taakstraf+fen", "celstraf+fen", "h:vonnis+sen", "h:hoger beroep|",
    "rechtsbijstand|", "advocatuur|", "rechtspraak|", "h:rechtsstaat|",
    "privacywetgeving|", "h:datalek+ken", "h:persoonsgegeven+s",
    "h:strafblad+en", "verklaring omtrent het gedrag|", "h:Centraal Justitieel Incassobureau|",
    "h:Nederlands Forensisch Instituut|", "douane|", "scanner+s",
    "grensbewaking|", "h:hennepteelt|", "h:huiselijk geweld|", "stalking|",
    "zedenzaak|zedenzaken", "h:kinderporno|", "h:jeugdcriminaliteit|",
    "jeugdbescherming|", "kansspel+en", "h:casino+'s",
};
static const char *const dom_health[] = {
    "zorgverzekeraar+s", "h:ziekenhuis|ziekenhuizen", "huisarts+en",
    "zorgaanbieder+s", "patiënt+en", "cliënt+en", "zorgverlener+s",
    "h:verpleeghuis|verpleeghuizen",
    "ggz|", "geestelijke gezondheidszorg|", "jeugdzorg|", "wijkverpleging|",
    "thuiszorg|", "mantelzorg|", "h:basispakket+ten", "h:eigen risico|",
    "zorgpremie+s", "h:geneesmiddel+en", "medicijn+en", "vaccin+s",
    "vaccinatie+s", "h:coronavirus|", "pandemie+s", "besmetting+en",
    "testcapaciteit|", "h:contactonderzoek+en", "GGD|GGD's",
    "zorgvraagtypering|", "privacyverklaring+en", "h:zorgkantoor|zorgkantoren",
    "zorgverzekering+en", "h:zorgstelsel+s", "wachtlijst+en", "behandeling+en",
    "diagnose+s", "operatie+s", "spoedeisende hulp|", "ambulance+s",
    "h:acuut zorgcentrum|", "verpleegkundige+n", "arts+en", "specialist+en",
    "h:zorgpersoneel|", "zorgmedewerker+s", "werkdruk|", "h:tekort aan personeel|",
    "h:rookverbod+en", "h:alcoholgebruik|", "preventie|", "leefstijl+en",
    "h:overgewicht|", "sportvereniging+en", "h:sportbeleid|",
    "h:hulpmiddel+en", "rolstoel+en", "Wmo-voorziening+en",
    "indicatie+s", "h:persoonsgebonden budget|", "dementie|", "h:zorgakkoord+en",
};
static const char *const dom_economy[] = {
    "gaswinning|", "h:gasveld+en", "aardbeving+en", "schadeafhandeling|",
    "versterkingsoperatie+s", "netbeheerder+s", "h:stroomnet+ten",
    "netcongestie|", "h:elektriciteitsnet+ten", "energieprijs|energieprijzen",
    "energierekening+en", "energietransitie|", "h:windpark+en",
    "zonnepaneel|zonnepanelen", "h:zonnepark+en", "waterstof|", "kerncentrale+s",
    "kernenergie|", "h:warmtenet+ten", "warmtepomp+en",
    "isolatie|", "mijnbouw|", "mijnbouwschade|", "afvalwaterinjectie+s",
    "boring+en", "proefboring+en", "mkb|", "h:mkb-bedrijf|mkb-bedrijven",
    "startup+s", "innovatie+s", "exportkredietverzekering+en",
    "h:bedrijfsleven|", "h:vestigingsklimaat|", "concurrentie|",
    "mededinging|", "consumentenbescherming|", "h:telecombedrijf|telecombedrijven",
    "h:5G-netwerk+en", "h:glasvezelnet+ten", "postbezorging|",
    "h:staatsbedrijf|staatsbedrijven", "deelneming+en", "staatssteun|",
    "h:ondernemingsklimaat|", "industrie|", "piekbelaster+s",
    "CO2-uitstoot|", "h:emissierecht+en", "h:klimaatakkoord+en",
    "klimaatdoelstelling+en", "subsidieregeling+en", "h:SDE-budget|",
    "vergunningverlening|", "h:Staatstoezicht op de Mijnen|",
};
static const char *const dom_agri[] = {
    "stikstof|", "stikstofuitstoot|", "stikstofdepositie|", "boer+en",
    "veehouder+s", "melkveehouder+s", "veehouderij+en", "varkenshouderij+en",
    "pluimveehouderij+en", "h:landbouwbedrijf|landbouwbedrijven", "mest|",
    "mestbeleid|", "h:mestoverschot+ten", "stal+len", "stalsysteem|stalsystemen",
    "emissiefactor+en", "h:Natura 2000-gebied+en", "natuurvergunning+en",
    "uitkoopregeling+en", "opkoopregeling+en", "h:gewasbeschermingsmiddel+en",
    "bestrijdingsmiddel+en", "glyfosaat|", "h:dierenwelzijn|", "h:dier+en",
    "slachterij+en", "NVWA|", "voedselveiligheid|", "h:voedselbeleid|",
    "visserij|", "h:visquotum|visquota", "garnalenvisser+s", "pulsvisserij|",
    "natuurbeheer|", "h:bos+sen", "ontbossing|", "wolf|wolven",
    "biodiversiteit|", "bij+en", "h:insect+en", "h:weidevogelbeheer|",
    "h:grondgebruik|", "landbouwgrond+en", "pachtgrond+en", "h:landschap+pen",
    "vogelgriep|", "h:fipronil|", "leghen+nen", "h:ei+eren", "biologische landbouw|",
    "h:keurmerk+en", "h:mestfraude|", "drempelwaarde+n", "h:rekenmodel+len",
};
static const char *const dom_infra[] = {
    "weg+en", "snelweg+en", "h:spoor|", "trein+en", "h:spoorboekje|",
    "ProRail|", "dienstregeling+en", "h:openbaar vervoer|", "bus+sen",
    "h:ov-bedrijf|ov-bedrijven", "reiziger+s", "fiets+en", "fietspad+en",
    "verkeersveiligheid|", "verkeersongeval|verkeersongevallen",
    "snelheidslimiet+en", "h:rijbewijs|rijbewijzen", "h:CBR|", "file+s",
    "h:wegennet|", "brug+gen", "tunnel+s", "sluis|sluizen", "dijk+en",
    "dijkversterking+en", "h:waterschap+pen", "hoogwater|", "overstroming+en",
    "droogte|", "h:grondwater|", "h:drinkwater|", "waterkwaliteit|",
    "luchthaven+s", "h:vliegveld+en", "vliegtuig+en", "luchtvaart|",
    "luchtvaartmaatschappij+en", "geluidsoverlast|", "h:nachtvlucht+en",
    "scheepvaart|", "binnenvaart|", "haven+s", "h:containerschip|containerschepen",
    "vrachtwagen+s", "h:vrachtverkeer|", "tol|", "kilometerheffing|",
    "laadpaal|laadpalen", "elektrische auto+'s", "h:asfalt|",
    "renovatie+s", "onderhoud|", "h:Deltafonds|", "h:Infrastructuurfonds|",
    "h:MIRT|", "h:tracébesluit+en", "Rijkswaterstaat|", "PFAS|",
    "h:zwerfafval|", "h:plastic|", "statiegeld|", "h:recyclingbedrijf|recyclingbedrijven",
};
static const char *const dom_defence[] = {
    "krijgsmacht|", "landmacht|", "marine|", "luchtmacht|", "marechaussee|",
    "militair+en", "h:defensiepersoneel|", "h:materieel|", "munitie|",
    "h:wapensysteem|wapensystemen", "h:gevechtsvliegtuig+en", "F-35|F-35's",
    "h:fregat+ten", "onderzeeboot|onderzeeboten", "helikopter+s",
    "h:pantservoertuig+en", "h:defensiebudget+ten", "NAVO-norm|",
    "missie+s", "uitzending+en", "veteraan|veteranen", "h:veteranenbeleid|",
    "kazerne+s", "h:oefenterrein+en", "oefening+en", "commandotroepen|",
    "h:korps mariniers|", "h:defensieonderdeel|defensieonderdelen",
    "h:inlichtingenrapport+en", "MIVD|", "cyberdreiging+en",
    "krijgsmachtdeel|krijgsmachtdelen", "aanschaf|", "verwerving+en",
    "h:onderhoudscontract+en", "reservist+en", "dienstplicht|",
    "h:wervingsbeleid|", "h:defensieterrein+en", "h:schietterrein+en",
    "vliegbasis|vliegbases", "drone+s", "luchtverdediging|",
};
static const char *const dom_foreign[] = {
    "ambassade+s", "h:consulaat|consulaten", "ambassadeur+s", "diplomaat|diplomaten",
    "sanctie+s", "h:sanctiepakket+ten", "h:mensenrecht+en", "h:conflict+en",
    "oorlog+en", "h:staakt-het-vuren|", "humanitaire hulp|", "noodhulp|",
    "ontwikkelingssamenwerking|", "ontwikkelingshulp|", "h:handelsverdrag+en",
    "handelsmissie+s", "export|", "import|", "exportvergunning+en",
    "h:verdrag+en", "h:VN-verdrag+en", "resolutie+s", "Veiligheidsraad|",
    "Europese Commissie|", "h:Europees Parlement|", "lidstaat|lidstaten",
    "EU-lidstaat|EU-lidstaten", "Raad Buitenlandse Zaken|", "top+pen",
    "bondgenoot|bondgenoten", "h:visum|visa", "h:reisadvies|reisadviezen",
    "gijzeling+en", "h:bezettingsbeleid|", "nederzetting+en", "h:regime+s",
    "oppositie|", "verkiezing+en", "h:grondgebied+en", "h:vredesproces+sen",
    "wapenexport|", "h:dumpingbeleid|", "importheffing+en",
};
static const char *const dom_finance[] = {
    "h:toeslagenschandaal|", "kinderopvangtoeslag|", "herstelregeling+en",
    "Belastingdienst|", "belastingaangifte+n", "h:belastingstelsel+s",
    "inkomstenbelasting|", "vennootschapsbelasting|", "h:btw-tarief|btw-tarieven",
    "accijns|accijnzen", "h:box 3|", "vermogensrendementsheffing|",
    "bank+en", "h:bankwezen|", "hypotheek|hypotheken", "hypotheekrente|",
    "h:pensioenfonds+en", "inflatie|", "rente|", "staatsschuld|",
    "h:begrotingstekort+en", "voorjaarsnota|", "miljoenennota|",
    "toeslagpartner+s", "h:fraudesignaleringsvoorziening|", "FSV|",
    "h:belastingontwijking|", "brievenbusfirma|brievenbusfirma's",
    "h:belastingparadijs|belastingparadijzen", "h:witwasrisico+'s",
    "toezichthouder+s", "De Nederlandsche Bank|", "AFM|", "cryptomunt+en",
    "h:betaalverkeer|", "contant geld|", "pinautomaat|pinautomaten",
    "h:financieel product|financiële producten", "woekerpolis|woekerpolissen",
};
static const char *const dom_education[] = {
    "school|scholen", "basisschool|basisscholen", "leraar|leraren",
    "h:lerarentekort+en", "leerling+en", "student+en", "universiteit+en",
    "hogeschool|hogescholen", "h:mbo|", "h:hbo|", "studiefinanciering|",
    "basisbeurs|basisbeurzen", "studieschuld+en", "h:collegegeld|",
    "onderwijskwaliteit|", "h:onderwijsachterstand+en", "inspectie van het onderwijs|",
    "h:passend onderwijs|", "thuiszitter+s", "h:eindexamen+s", "toets+en",
    "h:lesprogramma+'s", "h:curriculum|curricula", "burgerschapsonderwijs|",
    "h:kunstonderwijs|", "cultuursector|", "h:museum|musea", "h:erfgoed|",
    "h:monument+en", "bibliotheek|bibliotheken", "publieke omroep|",
    "h:mediabeleid|", "persvrijheid|", "wetenschap|", "h:onderzoeksbudget+ten",
    "internationale student+en", "huisvesting van studenten|",
    "h:schoolgebouw+en", "h:leerlingenvervoer|", "kinderopvang|",
    "h:schoolbestuur|schoolbesturen", "werkdruk|", "h:lerarensalaris+sen",
};
static const char *const dom_social[] = {
    "uitkering+en", "bijstand|", "bijstandsuitkering+en", "h:minimumloon|",
    "h:pensioenakkoord+en", "AOW|", "pensioenleeftijd|", "arbeidsmarkt+en",
    "werkloosheid|", "WW-uitkering+en", "arbeidsongeschiktheid|", "UWV|",
    "h:WIA-beoordeling+en", "keuringsarts+en", "re-integratie|",
    "participatiewet|", "sociale werkvoorziening|", "flexwerker+s",
    "arbeidsmigrant+en", "h:uitzendbureau+s",
    "arbeidsomstandigheden|", "Arbeidsinspectie|", "schijnzelfstandigheid|",
    "zzp'er+s", "h:armoedebeleid|", "schuldhulpverlening|", "voedselbank+en",
    "kinderarmoede|", "h:inburgeringsexamen+s", "inburgering|",
    "h:kindgebonden budget|", "kinderbijslag|", "ouderschapsverlof|",
    "h:zwangerschapsverlof|", "discriminatie op de arbeidsmarkt|",
    "h:loonbeslag|", "beslagvrije voet|", "h:jongerenloon|",
};
static const char *const dom_interior[] = {
    "woningmarkt+en", "woningnood|", "sociale huurwoning+en",
    "woningcorporatie+s", "huurprijs|huurprijzen", "huurverhoging+en",
    "woningbouw|", "bouwvergunning+en", "nieuwbouwwijk+en", "h:bestemmingsplan+nen",
    "omgevingsvergunning+en", "Omgevingswet|", "ruimtelijke ordening|",
    "gemeenteraad|gemeenteraden", "h:college van B en W|", "h:gemeentefonds|",
    "decentralisatie+s", "h:provinciefonds|",
    "verkiezing+en", "stembureau+s", "h:kiesrecht|", "desinformatie|",
    "h:integriteitsbeleid|", "h:lobbyregister+s", "klokkenluider+s",
    "Woo-verzoek+en", "openbaarheid|", "h:archief|archieven",
    "h:ambtenarenapparaat|", "h:rijksvastgoed|", "Caribisch Nederland|",
    "h:eiland+en", "Bonaire|", "Curaçao|", "Sint Maarten|",
    "digitale overheid|", "DigiD|", "h:basisregister+s",
    "h:algoritme+n", "gezichtsherkenning|", "h:cookiebeleid|",
    "veiligheidsregio+'s", "brandweer|", "h:crisisteam+s",
};
static const char *const dom_migration[] = {
    "asielzoeker+s", "statushouder+s", "opvang|", "h:aanmeldcentrum|aanmeldcentra",
    "asielaanvraag|asielaanvragen", "asielprocedure+s", "IND|", "COA|",
    "noodopvang|", "crisisnoodopvang|", "h:azc|azc's", "h:asielzoekerscentrum|asielzoekerscentra",
    "alleenstaande minderjarige vreemdeling+en", "h:terugkeerbeleid|",
    "uitzetting+en", "vreemdelingenbewaring|", "verblijfsvergunning+en",
    "verblijfsvergunning+en", "gezinshereniging|", "nareiziger+s",
    "instroom|", "migratiedeal+s", "h:migratiepact|", "grensprocedure+s",
    "mensensmokkel|", "mensenhandel|", "arbeidsuitbuiting|",
    "h:herkomstland+en", "h:veilig land van herkomst|", "vluchteling+en",
    "Oekraïense ontheemde+n", "h:vluchtelingenkamp+en", "h:spreidingswet|",
    "h:identiteitsonderzoek+en", "identiteitsfraude|", "h:reisdocument+en",
    "h:paspoort+en", "naturalisatie|", "h:inburgeringsbeleid|",
};

static const char *const *const dom_lists[D_COUNT] = {
    dom_justice, dom_health, dom_economy, dom_agri, dom_infra, dom_defence,
    dom_foreign, dom_finance, dom_education, dom_social, dom_interior,
    dom_migration,
};
static const size_t dom_sizes[D_COUNT] = {
    COUNT(dom_justice), COUNT(dom_health), COUNT(dom_economy),
    COUNT(dom_agri), COUNT(dom_infra), COUNT(dom_defence),
    COUNT(dom_foreign), COUNT(dom_finance), COUNT(dom_education),
    COUNT(dom_social), COUNT(dom_interior), COUNT(dom_migration),
};

/* Adjectives: base form, and "|inflected" where adding -e is wrong. */
static const char *const adjectives[] = {
    "nieuw", "groot|grote", "belangrijk", "huidig", "extra|extra",
    "structureel|structurele", "financieel|financiële", "Nederlands",
    "Europees|Europese", "juridisch", "goed", "hoog|hoge", "laag|lage",
    "landelijk", "regionaal|regionale", "lokaal|lokale", "nationaal|nationale",
    "internationaal|internationale", "eerder", "recent", "duidelijk",
    "concreet|concrete", "noodzakelijk", "mogelijk", "verplicht",
    "voldoende|voldoende", "onvoldoende|onvoldoende", "ernstig",
    "zorgwekkend", "onacceptabel|onacceptabele", "onwenselijk", "wenselijk",
    "zorgvuldig", "transparant", "onafhankelijk", "kwetsbaar|kwetsbare",
    "publiek", "openbaar|openbare", "particulier|particuliere",
    "maatschappelijk", "economisch", "sociaal|sociale", "digitaal|digitale",
    "strategisch", "technisch", "medisch", "militair|militaire", "politiek",
    "bestuurlijk", "ambtelijk", "wettelijk", "fiscaal|fiscale", "tijdelijk",
    "definitief|definitieve", "aanvullend", "bijzonder|bijzondere",
    "specifiek", "algemeen|algemene", "volledig", "beperkt", "groeiend",
    "dalend", "stijgend", "materieel|materiële", "immaterieel|immateriële",
    "adequaat|adequate", "effectief|effectieve", "efficiënt", "integraal|integrale",
    "zelfstandig", "betrouwbaar|betrouwbare", "veilig", "onveilig", "gezond",
    "duurzaam|duurzame", "illegaal|illegale", "strafbaar|strafbare",
    "crimineel|criminele", "vitaal|vitale", "acuut|acute", "lang|lange",
    "kort|korte", "snel|snelle", "langzaam|langzame", "klein", "zwaar|zware",
    "licht", "sterk", "zwak|zwakke", "hard|harde", "zacht", "oud|oude",
    "jong|jonge", "vroeg|vroege", "laat|late", "tijdig", "vertraagd",
    "onterecht", "terecht", "onjuist", "juist", "correct", "incorrect",
    "onduidelijk", "onbegrijpelijk", "onaanvaardbaar|onaanvaardbare",
    "schrijnend", "pijnlijk", "verontrustend", "alarmerend", "opvallend",
    "merkwaardig", "vreemd", "onverwacht", "ingrijpend", "omvangrijk",
    "grootschalig", "kleinschalig", "fors|forse", "aanzienlijk",
    "substantieel|substantiële", "marginaal|marginale", "minimaal|minimale",
    "maximaal|maximale", "gemiddeld", "totaal|totale", "jaarlijks",
    "maandelijks", "wekelijks", "dagelijks", "permanent", "incidenteel|incidentele",
    "periodiek", "systematisch", "herhaaldelijk", "meerjarig", "eenmalig",
    "meervoudig", "gezamenlijk", "interdepartementaal|interdepartementale",
    "decentraal|decentrale", "centraal|centrale", "provinciaal|provinciale",
    "gemeentelijk", "Brits|Britse", "Duits|Duitse", "Belgisch|Belgische",
    "Chinees|Chinese", "Russisch|Russische", "Amerikaans|Amerikaanse",
    "Frans|Franse", "Turks|Turkse", "Oekraïens|Oekraïense", "Israëlisch|Israëlische",
    "Marokkaans|Marokkaanse", "Pools|Poolse", "Caribisch|Caribische",
    "Rotterdams|Rotterdamse", "Amsterdams|Amsterdamse", "Gronings|Groningse",
    "Limburgs|Limburgse", "Fries|Friese", "Brabants|Brabantse",
    "emissiearm|emissiearme", "klimaatneutraal|klimaatneutrale",
    "circulair|circulaire", "fossiel|fossiele", "hernieuwbaar|hernieuwbare",
    "ideëel|ideële", "coöperatief|coöperatieve", "naïef|naïeve", "creatief|creatieve",
    "preventief|preventieve", "repressief|repressieve", "intensief|intensieve",
    "extensief|extensieve", "negatief|negatieve", "positief|positieve",
    "actief|actieve", "passief|passieve", "massaal|massale", "normaal|normale",
    "abnormaal|abnormale", "formeel|formele", "informeel|informele",
    "officieel|officiële", "potentieel|potentiële", "essentieel|essentiële",
    "substantieel|substantiële", "proportioneel|proportionele", "rationeel|rationele",
    "vertrouwelijk", "geheim|geheime", "anoniem|anonieme", "persoonlijk",
    "individueel|individuele", "collectief|collectieve", "zakelijk", "commercieel|commerciële",
    "lucratief|lucratieve", "kostbaar|kostbare", "goedkoop|goedkope", "duur|dure",
    "betaalbaar|betaalbare", "onbetaalbaar|onbetaalbare", "toegankelijk",
    "ontoegankelijk", "beschikbaar|beschikbare", "schaars|schaarse",
    "overbodig", "nodig", "gewenst", "ongewenst", "vermeend", "zogenaamd",
    "zogenoemd", "genoemd", "betreffend", "desbetreffend", "bovengenoemd",
    "voornoemd", "eerdergenoemd", "aangenomen", "uitgevoerd", "aangekondigd",
    "toegezegd", "voorgenomen", "lopend", "uitstaand", "openstaand",
};

/* Verbs: infinitive|participle|3rd person singular ("-": not used alone,
 * e.g. separable verbs whose particle would wander). */
static const char *const verbs[] = {
    "nemen|genomen|neemt", "treffen|getroffen|treft", "geven|gegeven|geeft",
    "maken|gemaakt|maakt", "onderzoeken|onderzocht|onderzoekt",
    "verbeteren|verbeterd|verbetert", "voorkomen|voorkomen|voorkomt",
    "beperken|beperkt|beperkt", "versterken|versterkt|versterkt",
    "uitbreiden|uitgebreid|-", "aanpassen|aangepast|-", "stoppen|gestopt|stopt",
    "bespreken|besproken|bespreekt", "betrekken|betrokken|betrekt",
    "evalueren|geëvalueerd|evalueert", "publiceren|gepubliceerd|publiceert",
    "informeren|geïnformeerd|informeert", "toelichten|toegelicht|-",
    "handhaven|gehandhaafd|handhaaft", "controleren|gecontroleerd|controleert",
    "financieren|gefinancierd|financiert", "vergoeden|vergoed|vergoedt",
    "compenseren|gecompenseerd|compenseert", "herstellen|hersteld|herstelt",
    "regelen|geregeld|regelt", "organiseren|georganiseerd|organiseert",
    "realiseren|gerealiseerd|realiseert", "versnellen|versneld|versnelt",
    "vereenvoudigen|vereenvoudigd|vereenvoudigt", "verlagen|verlaagd|verlaagt",
    "verhogen|verhoogd|verhoogt", "verminderen|verminderd|vermindert",
    "vergroten|vergroot|vergroot", "verkleinen|verkleind|verkleint",
    "beoordelen|beoordeeld|beoordeelt", "toetsen|getoetst|toetst",
    "waarborgen|gewaarborgd|waarborgt", "borgen|geborgd|borgt",
    "garanderen|gegarandeerd|garandeert", "bevorderen|bevorderd|bevordert",
    "stimuleren|gestimuleerd|stimuleert", "ondersteunen|ondersteund|ondersteunt",
    "faciliteren|gefaciliteerd|faciliteert", "coördineren|gecoördineerd|coördineert",
    "monitoren|gemonitord|monitort", "registreren|geregistreerd|registreert",
    "melden|gemeld|meldt", "signaleren|gesignaleerd|signaleert",
    "verzamelen|verzameld|verzamelt", "delen|gedeeld|deelt",
    "verstrekken|verstrekt|verstrekt", "verlenen|verleend|verleent",
    "intrekken|ingetrokken|-", "weigeren|geweigerd|weigert",
    "afwijzen|afgewezen|-", "goedkeuren|goedgekeurd|-",
    "vaststellen|vastgesteld|-", "invoeren|ingevoerd|-",
    "afschaffen|afgeschaft|-", "terugdraaien|teruggedraaid|-",
    "opschorten|opgeschort|-", "uitstellen|uitgesteld|-",
    "heroverwegen|heroverwogen|heroverweegt", "herzien|herzien|herziet",
    "wijzigen|gewijzigd|wijzigt", "aanscherpen|aangescherpt|-",
    "verruimen|verruimd|verruimt", "verbieden|verboden|verbiedt",
    "toestaan|toegestaan|-", "bestraffen|bestraft|bestraft",
    "vervolgen|vervolgd|vervolgt", "opsporen|opgespoord|-",
    "aanpakken|aangepakt|-", "bestrijden|bestreden|bestrijdt",
    "tegengaan|tegengegaan|-", "terugdringen|teruggedrongen|-",
    "voorbereiden|voorbereid|bereidt voor", "uitvoeren|uitgevoerd|-",
    "implementeren|geïmplementeerd|implementeert", "installeren|geïnstalleerd|installeert",
    "investeren|geïnvesteerd|investeert", "betalen|betaald|betaalt",
    "terugbetalen|terugbetaald|-", "innen|geïnd|int", "besteden|besteed|besteedt",
    "reserveren|gereserveerd|reserveert", "bezuinigen|bezuinigd|bezuinigt",
    "sluiten|gesloten|sluit", "openen|geopend|opent", "bouwen|gebouwd|bouwt",
    "slopen|gesloopt|sloopt", "renoveren|gerenoveerd|renoveert",
    "verduurzamen|verduurzaamd|verduurzaamt", "isoleren|geïsoleerd|isoleert",
    "leveren|geleverd|levert", "verkopen|verkocht|verkoopt",
    "kopen|gekocht|koopt", "aanbesteden|aanbesteed|-", "gunnen|gegund|gunt",
    "winnen|gewonnen|wint", "verliezen|verloren|verliest",
    "ontslaan|ontslagen|ontslaat", "aannemen|aangenomen|-",
    "werven|geworven|werft", "opleiden|opgeleid|-", "inzetten|ingezet|-",
    "plaatsen|geplaatst|plaatst", "opvangen|opgevangen|-",
    "huisvesten|gehuisvest|huisvest", "uitzetten|uitgezet|-",
    "beschermen|beschermd|beschermt", "bedreigen|bedreigd|bedreigt",
    "waarschuwen|gewaarschuwd|waarschuwt", "verwijderen|verwijderd|verwijdert",
    "blokkeren|geblokkeerd|blokkeert", "vrijgeven|vrijgegeven|-",
    "openbaar maken|openbaar gemaakt|-", "verantwoorden|verantwoord|verantwoordt",
    "rapporteren|gerapporteerd|rapporteert", "adviseren|geadviseerd|adviseert",
    "verkennen|verkend|verkent", "uitwerken|uitgewerkt|-",
    "ontwikkelen|ontwikkeld|ontwikkelt", "testen|getest|test",
    "certificeren|gecertificeerd|certificeert", "keuren|gekeurd|keurt",
    "erkennen|erkend|erkent", "ontkennen|ontkend|ontkent",
    "bevestigen|bevestigd|bevestigt", "weerleggen|weerlegd|weerlegt",
    "verklaren|verklaard|verklaart", "rechtvaardigen|gerechtvaardigd|rechtvaardigt",
    "voorzien|voorzien|voorziet", "vervangen|vervangen|vervangt",
    "overnemen|overgenomen|neemt over", "samenvoegen|samengevoegd|-",
    "splitsen|gesplitst|splitst", "centraliseren|gecentraliseerd|centraliseert",
    "decentraliseren|gedecentraliseerd|decentraliseert",
    "digitaliseren|gedigitaliseerd|digitaliseert", "automatiseren|geautomatiseerd|automatiseert",
    "beveiligen|beveiligd|beveiligt", "hacken|gehackt|hackt",
    "lekken|gelekt|lekt", "vernietigen|vernietigd|vernietigt",
    "archiveren|gearchiveerd|archiveert", "inventariseren|geïnventariseerd|inventariseert",
    "bundelen|gebundeld|bundelt", "prioriteren|geprioriteerd|prioriteert",
    "afbouwen|afgebouwd|-", "opbouwen|opgebouwd|-", "verplaatsen|verplaatst|verplaatst",
    "verhuizen|verhuisd|verhuist", "verlengen|verlengd|verlengt",
    "beëindigen|beëindigd|beëindigt", "onderbreken|onderbroken|onderbreekt",
    "hervatten|hervat|hervat", "vernieuwen|vernieuwd|vernieuwt",
};

static const char *const adverbs[] = {
    "inmiddels", "nog steeds", "daadwerkelijk", "opnieuw", "structureel",
    "tijdelijk", "onvoldoende", "voldoende", "al", "nog", "niet langer",
    "niet tijdig", "te laat", "eerder", "alsnog", "ook", "wel", "uiteindelijk",
    "mogelijk", "kennelijk", "blijkbaar", "nauwelijks", "vrijwel",
    "ruimschoots", "aantoonbaar", "actief", "jaarlijks", "stelselmatig",
    "herhaaldelijk", "onterecht", "ten onrechte", "bewust", "onbewust",
    "zonder meer", "in de praktijk", "op dit moment", "in toenemende mate",
    "op grote schaal", "op korte termijn", "voorlopig", "definitief",
};

static const char *const groups[] = {
    "de bewoners", "omwonenden", "de sector", "ondernemers", "gemeenten",
    "de provincies", "deskundigen", "de betrokken medewerkers", "ouders",
    "de slachtoffers", "burgers", "de vakbonden", "werkgevers",
    "de Raad van State", "de Algemene Rekenkamer", "de Nationale ombudsman",
    "zorgverleners", "boeren", "patiëntenorganisaties", "de VNG",
    "het IPO", "belangenorganisaties", "maatschappelijke organisaties",
    "de inspectie", "de toezichthouder", "de politie", "het Openbaar Ministerie",
    "jongeren", "ouderen", "huurders", "studenten", "leraren",
};

/* Organisations: "full name|acronym" (acronym may be empty). */
static const char *const organisations[] = {
    "h:Rijksinstituut voor Volksgezondheid en Milieu|RIVM",
    "h:Centraal Bureau voor de Statistiek|CBS",
    "h:Centraal Planbureau|CPB", "h:Sociaal en Cultureel Planbureau|SCP",
    "h:Planbureau voor de Leefomgeving|PBL",
    "Nederlandse Voedsel- en Warenautoriteit|NVWA",
    "Immigratie- en Naturalisatiedienst|IND",
    "h:Centraal Orgaan opvang asielzoekers|COA",
    "h:Uitvoeringsinstituut Werknemersverzekeringen|UWV",
    "Sociale Verzekeringsbank|SVB", "Nederlandse Zorgautoriteit|NZa",
    "Inspectie Gezondheidszorg en Jeugd|IGJ", "Autoriteit Persoonsgegevens|AP",
    "Autoriteit Consument en Markt|ACM", "Autoriteit Financiële Markten|AFM",
    "0:De Nederlandsche Bank|DNB", "h:Staatstoezicht op de Mijnen|SodM",
    "Raad voor de rechtspraak|", "Onderzoeksraad voor Veiligheid|OVV",
    "Wetenschappelijke Raad voor het Regeringsbeleid|WRR",
    "Vereniging van Nederlandse Gemeenten|VNG", "h:Interprovinciaal Overleg|IPO",
    "Unie van Waterschappen|", "Nederlandse Spoorwegen|NS", "0:ProRail|",
    "0:Rijkswaterstaat|", "h:Rijksvastgoedbedrijf|RVB",
    "Rijksdienst voor Ondernemend Nederland|RVO",
    "h:Nederlands Forensisch Instituut|NFI", "Koninklijke Marechaussee|KMar",
    "Algemene Inlichtingen- en Veiligheidsdienst|AIVD",
    "Militaire Inlichtingen- en Veiligheidsdienst|MIVD",
    "Nationaal Coördinator Terrorismebestrijding en Veiligheid|NCTV",
    "h:Nationaal Cyber Security Centrum|NCSC", "Inspectie van het Onderwijs|",
    "Dienst Uitvoering Onderwijs|DUO", "h:Centraal Bureau Rijvaardigheidsbewijzen|CBR",
    "Dienst Justitiële Inrichtingen|DJI", "h:Centraal Justitieel Incassobureau|CJI",
    "h:Kadaster|", "Kamer van Koophandel|KvK", "Belastingdienst|",
    "Dienst Toeslagen|", "Nederlandse Arbeidsinspectie|",
    "Inspectie Leefomgeving en Transport|ILT", "Gezondheidsraad|",
    "h:Zorginstituut Nederland|ZIN", "h:College ter Beoordeling van Geneesmiddelen|CBG",
    "h:Koninklijk Nederlands Meteorologisch Instituut|KNMI",
    "h:Nederlands Instituut voor Militaire Historie|NIMH",
    "0:Wageningen University & Research|WUR", "0:TNO|", "0:Deltares|",
    "Nationaal Coördinator Groningen|NCG", "h:Instituut Mijnbouwschade Groningen|IMG",
    "h:Centrum Indicatiestelling Zorg|CIZ", "Landelijke Huisartsen Vereniging|LHV",
    "Nederlandse Vereniging van Ziekenhuizen|NVZ", "Zorgverzekeraars Nederland|ZN",
    "0:Aedes|", "0:Woonbond|", "0:FNV|", "0:VNO-NCW|", "0:MKB-Nederland|", "0:LTO Nederland|",
    "0:Natuurmonumenten|", "0:Staatsbosbeheer|", "0:Greenpeace|", "0:Milieudefensie|",
    "0:Amnesty International|", "0:Vluchtelingenwerk Nederland|", "0:Defence for Children|",
    "Nationale ombudsman|", "Kinderombudsman|", "Algemene Rekenkamer|",
    "Raad van State|", "h:College voor de Rechten van de Mens|",
    "Europese Commissie|", "h:Europees Medicijnagentschap|EMA",
    "Wereldgezondheidsorganisatie|WHO", "Verenigde Naties|VN", "NAVO|",
    "h:Internationaal Strafhof|", "h:Europees Hof voor de Rechten van de Mens|EHRM",
    "Raad voor Vreemdelingenzaken|", "Centrale Raad van Beroep|CRvB",
    "h:College van Beroep voor het bedrijfsleven|CBb", "Hoge Raad|",
};

/* Real companies and places first (the frequent head), then generated. */
static const char *const companies[] = {
    "Schiphol", "NAM", "Shell", "Tata Steel", "ProRail", "KLM", "Chemours",
    "Nuctech", "Vermilion", "Gasunie", "TenneT", "Eneco", "Vattenfall",
    "Essent", "Booking.com", "Uber", "Deliveroo", "Thuisbezorgd", "Bol.com",
    "Albert Heijn", "Jumbo", "Ahold Delhaize", "Philips", "ASML", "Unilever",
    "Heineken", "ING", "ABN AMRO", "Rabobank", "Achmea", "Aegon", "NN Group",
    "PostNL", "KPN", "Vodafone", "Huawei", "TikTok", "Meta", "Google",
    "Microsoft", "Amazon", "Ballast Nedam", "BAM", "Heijmans", "Boskalis",
    "Van Oord", "Damen Shipyards", "Fokker", "Thales", "Lockheed Martin",
    "Arriva", "Qbuzz", "Connexxion", "Transdev", "Avebe", "FrieslandCampina",
    "Vion", "Van Drie Groep", "Cosun", "Agrifirm", "Cargill", "Bayer",
    "Syngenta", "Cordaid", "Vitens", "Evides", "Attero", "Omrin", "Renewi",
};

static const char *const places[] = {
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Groningen",
    "Eindhoven", "Tilburg", "Almere", "Breda", "Nijmegen", "Apeldoorn",
    "Arnhem", "Haarlem", "Enschede", "Amersfoort", "Zaanstad",
    "Den Bosch", "Zwolle", "Leiden", "Maastricht", "Dordrecht", "Zoetermeer",
    "Ede", "Leeuwarden", "Alkmaar", "Emmen", "Delft", "Venlo", "Deventer",
    "Heerlen", "Lelystad", "Hilversum", "Assen", "Middelburg", "Vlissingen",
    "Terneuzen", "Ter Apel", "Budel", "Zeist", "Gouda", "Hoorn", "Helmond",
    "Oss", "Roermond", "Sittard-Geleen", "Kerkrade", "Venray", "Weert",
    "Doetinchem", "Zutphen", "Harderwijk", "Kampen", "Meppel", "Hoogeveen",
    "Coevorden", "Veendam", "Delfzijl", "Appingedam", "Loppersum",
    "Slochteren", "Winschoten", "Stadskanaal", "Harlingen", "Sneek",
    "Heerenveen", "Drachten", "Dokkum", "Franeker", "Ternaard", "Moddergat",
    "Lauwersoog", "Den Helder", "Texel", "Vlieland", "Terschelling",
    "Ameland", "Schiermonnikoog", "IJmuiden", "Velsen", "Beverwijk",
    "Wijk aan Zee", "Moerdijk", "Chemelot", "Geleen", "Vlaardingen",
    "Schiedam", "Maassluis", "Spijkenisse", "Hellevoetsluis", "Goeree-Overflakkee",
    "Urk", "Lelystad Airport", "Eelde", "Twenthe", "Wapse", "Zuidwest-Drenthe",
    "de Waddenzee", "het Groene Hart", "de Veluwe", "de Peel", "de Achterhoek",
    "Zeeuws-Vlaanderen", "Noordoost-Groningen", "Oost-Groningen",
    "Zuid-Limburg", "West-Brabant", "de Bollenstreek", "het Westland",
    "de Betuwe", "de Noordoostpolder", "Flevoland", "Drenthe", "Overijssel",
    "Gelderland", "Limburg", "Zeeland", "Friesland", "Noord-Brabant",
    "Noord-Holland", "Zuid-Holland", "Bonaire", "Curaçao", "Aruba",
    "Sint Eustatius", "Saba", "Sint Maarten", "Brussel", "Berlijn", "Parijs",
    "Londen", "Washington", "Peking", "Moskou", "Kyiv", "Ankara", "Rabat",
    "Jeruzalem", "Gaza", "Kabul", "Bagdad", "Damascus", "Teheran",
    "Caracas", "Paramaribo", "Jakarta", "Canada", "België", "Duitsland",
    "Frankrijk", "Polen", "Hongarije", "Turkije", "Marokko", "Eritrea",
    "Syrië", "Afghanistan", "Irak", "Iran", "Israël", "Oekraïne", "Rusland",
    "China", "de Verenigde Staten", "het Verenigd Koninkrijk", "Griekenland",
    "Italië", "Spanje", "Libië", "Tunesië", "Mali", "Niger", "Sudan",
    "Ethiopië", "Somalië", "Jemen", "Venezuela", "Suriname", "Indonesië",
};

static const char *const first_names[] = {
    "Jan", "Piet", "Kees", "Henk", "Mark", "Sander", "Pieter", "Thijs",
    "Bart", "Joost", "Martijn", "Jeroen", "Erik", "Wouter", "Ruud", "Roel",
    "Frank", "Hugo", "Sjoerd", "Gert-Jan", "Jan-Willem", "Tjeerd", "Dennis",
    "Rob", "Hans", "Harm", "Wopke", "Klaas", "Tunahan", "Farid", "Mustafa",
    "Ahmed", "Stephan", "Kati", "Inge", "Aukje", "Lilianne", "Anne", "Sophie",
    "Lisa", "Femke", "Marieke", "Esther", "Carola", "Kathalijne", "Barbara",
    "Sylvana", "Fleur", "Lilian", "Corinne", "Mona", "Agnes", "Khadija",
    "Hanneke", "Jacqueline", "Ingrid", "Renske", "Laura", "Joba", "Suzanne",
    "Sandra", "Judith", "Mariëlle", "Linda", "Attje", "Tamara", "Wieke",
    "Caroline", "Nicki", "Eva", "Lucille", "Sietse", "Léon", "Raymond",
    "Remco", "Derk", "Chris", "Peter", "Kees-Jan", "Jesse", "Joris", "Gijs",
    "Bram", "Daan", "Jasper", "Niels", "Rik", "Stieneke", "Fatma", "Zohair",
};

/* Surnames: "prefix|core" (prefix may be empty). Real-sounding, and with
 * the prefixes that make Dutch names hard to parse. */
static const char *const surnames[] = {
    "|Palland", "van|Dijk", "|Amhaouch", "|Omtzigt", "|Gesthuizen",
    "|Schouw", "van|Tongeren", "|Asscher", "van der|Woude", "van|Nispen",
    "|Keijzer", "van|Bommel", "de|Roon", "van der|Staaij", "van|Klaveren",
    "|Voordewind", "|Madlener", "|Bontes", "|Popken", "|Maeijer",
    "de|Groot", "van|Veldhoven", "|Geurts", "von|Martels", "|Slootweg",
    "|Nijboer", "|Terpstra", "|Wilders", "|Agema", "de|Vries", "|Dijkstra",
    "|Eerdmans", "|Kröger", "|Bisschop", "|Stoffer", "van|Toorenburg",
    "|Groothuizen", "|Bromet", "|Dijk", "|Beckerman", "|Bouchallikh",
    "|Becker", "|Brekelmans", "|Michon-Derkzen", "|Kops", "|Lodders",
    "|Leijten", "|Kwint", "|Hijink", "|Alkaya", "|Jasper van Dijk",
    "|Markuszower", "|Graus", "|Fritsma", "|Bosma", "de|Graaf",
    "|Ouwehand", "|Thieme", "|Wassenberg", "|Vestering", "|Teunissen",
    "van|Raan", "|Klaver", "|Ellemeet", "|Westerveld", "|Thijssen",
    "|Piri", "|Moorlag", "|Kuiken", "|Ploumen", "|Attje Kuiken",
    "|Heerma", "|Ronnes", "|Mulder", "|Pieter Heerma", "|Kuik",
    "|Boswijk", "|Krul", "|Bontenbal", "|Vedder", "|Grinwis",
    "|Bikker", "|Ceder", "|Segers", "|Dik-Faber", "|Koopmans",
    "|Tielen", "|Wörsdörfer", "|Aartsen", "|Haverkort", "|Paternotte",
    "|Sjoerdsma", "|Hammelburg", "|Sneller", "|Jetten", "|Paulusma",
    "van|Meenen", "|Raemakers", "|Bergkamp", "|Podt", "|Romke de Jong",
    "de|Hoop", "|Van der Plas", "|Vermeer", "|Eppink", "|Baudet",
    "|Hiddema", "|Kuzu", "|Öztürk", "|Azarkan", "|Van Haga",
    "|Simons", "|Gündoğan", "|Sylvana Simons", "|Den Haan", "|Krol",
    "|Koerhuis", "|Rutte", "|Tellegen", "|Weverling", "|Van Campen",
    "|Heerema", "|Van Kent", "|Van Otterloo", "|Ziengs", "|Laan-Geselschap",
    "|Van Wijngaarden", "|Erkens", "|Harbers", "|Mutluer", "|Van Weyenberg",
    "|Smeulders", "|Hagen", "|Van den Hul", "|Gijs van Dijk", "|Bouali",
    "|Wuite", "|Van Esch", "|Kerstens", "|Jasper", "|Nanninga",
    "van der|Molen", "van den|Berg", "van|Beukering", "van|Gent",
    "van|Ark", "van|Helvert", "van|Dam", "van der|Graaf", "van|Ojik",
    "de|Jong", "de|Boer", "de|Wit", "de|Lange", "de|Kort", "van|Veen",
    "van der|Linde", "van|Wijk", "van|Rooijen", "van|Haersma Buma",
    "|Stoker", "|Schonis", "|Hermans", "|Bruins", "|Dekker",
    "|Peters", "|Janssen", "|Bakker", "|Visser", "|Smit", "|Meijer",
    "|Bos", "|Vos", "|Hendriks", "|Mertens", "|Postma", "|Kuipers",
    "|Jacobs", "|Hoekstra", "|Brouwer", "|Wolters", "|Kok", "|Verhoeven",
    "|Prins", "|Huisman", "|Peeters", "|Kramer", "|Sinnige", "|Voortman",
    "|Schreijer-Pierik", "|Van Toorn", "|Kamminga", "|Van Nispen", "|Beertema",
    "|Goudzwaard", "|Smals", "|Yeşilgöz", "|Özütok", "|Çegerek",
};

/* Ministers and state secretaries, drawn per ministry and cabinet. */
static const char *const minister_names[] = {
    "Grapperhaus", "Dekker", "Teeven", "Opstelten", "Van der Steur",
    "Yeşilgöz-Zegerius", "Weerwind", "Van Ark", "De Jonge", "Kuipers",
    "Schippers", "Bruins", "Helder", "Van Rijn", "Blokhuis", "Van Ooijen",
    "Wiebes", "Kamp", "Blok", "Adriaansens", "Jetten", "Vijlbrief",
    "Schouten", "Staghouwer", "Van der Wal-Zeggelink", "Dijksma", "Bleker",
    "Van Nieuwenhuizen", "Harbers", "Heijnen", "Schultz van Haegen",
    "Mansveld", "Hennis-Plasschaert", "Bijleveld", "Ollongren", "Visser",
    "Koenders", "Zijlstra", "Hoekstra", "Kaag", "Bruins Slot", "Ploumen",
    "Schreinemacher", "Sigrid Kaag", "Dijsselbloem", "Wopke Hoekstra",
    "Van Huffelen", "Snel", "De Jager", "Wiersma", "Slob", "Van Engelshoven",
    "Dijkgraaf", "Wiersma", "Bussemaker", "Dekker", "Plasterk", "Koolmees",
    "Asscher", "Klijnsma", "Van Gennip", "Schouten", "Kamp", "Donner",
    "Hirsch Ballin", "Ter Horst", "Rouvoet", "Vogelaar", "Van der Laan",
    "Leers", "Albayrak", "Broekers-Knol", "Harbers", "Van der Burg",
    "Knops", "De Vries", "Keijzer", "Uslu", "Van Veldhoven", "Stientje van Veldhoven",
    "Faber", "Keijzer", "Agema", "Klever", "Schoof", "Van Weel", "Tielen",
    "Bruekelmans", "Hermans", "Beljaarts", "Madlener", "Struycken",
};

static const char *const news_sources[] = {
    "NOS", "NRC", "de Volkskrant", "Trouw", "AD", "RTL Nieuws",
    "De Telegraaf", "Het Financieele Dagblad", "NU.nl", "Het Parool",
    "Follow the Money", "Omroep Brabant", "Dagblad van het Noorden",
    "Leeuwarder Courant", "Tubantia", "De Gelderlander", "BNR Nieuwsradio",
    "EenVandaag", "Nieuwsuur", "POLITICO", "Reuters", "The Guardian",
    "Binnenlands Bestuur", "Zembla", "Argos", "Pointer", "Investico",
    "Omroep West", "RTV Noord", "L1 Nieuws", "Omroep Gelderland",
    "NH Nieuws", "Skipr", "Zorgvisie", "Boerderij", "Nieuwe Oogst",
    "Brabants Dagblad", "Eindhovens Dagblad", "Omroep Zeeland", "RTV Oost",
};
/* URL shapes per source: %n article number, %s slug, %y %m %d date, %x hex */
static const char *const news_urls[] = {
    "https://nos.nl/artikel/%n-%s", "https://www.nrc.nl/nieuws/%y/%m/%d/%s-a%n",
    "https://www.volkskrant.nl/nieuws-achtergrond/%s~b%x/",
    "https://www.trouw.nl/binnenland/%s~b%x/", "https://www.ad.nl/binnenland/%s~a%x/",
    "https://www.rtlnieuws.nl/nieuws/politiek/artikel/%n/%s",
    "https://www.telegraaf.nl/nieuws/%n/%s", "https://fd.nl/economie/%n/%s",
    "https://www.nu.nl/binnenland/%n/%s.html", "https://www.parool.nl/amsterdam/%s~b%x/",
    "https://www.ftm.nl/artikelen/%s", "https://www.omroepbrabant.nl/nieuws/%n/%s",
    "https://dvhn.nl/groningen/%s-%n.html", "https://lc.nl/friesland/%s-%n.html",
    "https://www.tubantia.nl/enschede/%s~a%x/", "https://www.gelderlander.nl/nijmegen/%s~a%x/",
    "https://www.bnr.nl/nieuws/binnenland/%n/%s", "https://eenvandaag.avrotros.nl/item/%s/",
    "https://nos.nl/nieuwsuur/artikel/%n-%s", "https://www.politico.eu/article/%s/",
    "https://www.reuters.com/world/europe/%s-%y-%m-%d/",
    "https://www.theguardian.com/world/%y/%m/%d/%s",
    "https://www.binnenlandsbestuur.nl/bestuur/%s", "https://www.bnnvara.nl/zembla/artikelen/%s",
    "https://www.vpro.nl/argos/media/luister/argos-radio/onderwerpen/%y/%s.html",
    "https://pointer.kro-ncrv.nl/%s", "https://www.investico.nl/%s/",
    "https://www.omroepwest.nl/nieuws/%n/%s", "https://www.rtvnoord.nl/nieuws/%n/%s",
    "https://www.1limburg.nl/%s", "https://www.omroepgelderland.nl/nieuws/%n/%s",
    "https://www.nhnieuws.nl/nieuws/%n/%s", "https://www.skipr.nl/nieuws/%s/",
    "https://www.zorgvisie.nl/%s/", "https://www.boerderij.nl/%s",
    "https://www.nieuweoogst.nl/nieuws/%y/%m/%d/%s",
    "https://www.bd.nl/binnenland/%s~a%x/", "https://www.ed.nl/eindhoven/%s~a%x/",
    "https://www.omroepzeeland.nl/nieuws/%n/%s", "https://www.rtvoost.nl/nieuws/%n/%s",
};

static const char *const laws[] = {
    "Aanbestedingswet", "Wet natuurbescherming", "Omgevingswet",
    "Participatiewet", "Wet maatschappelijke ondersteuning",
    "Zorgverzekeringswet", "Wet langdurige zorg", "Jeugdwet", "Mijnbouwwet",
    "Gaswet", "Elektriciteitswet", "Vreemdelingenwet", "Wet open overheid",
    "Wet openbaarheid van bestuur", "Algemene wet bestuursrecht",
    "Algemene verordening gegevensbescherming", "Wetboek van Strafrecht",
    "Wetboek van Strafvordering", "Politiewet", "Opiumwet",
    "Wet wapens en munitie", "Wegenverkeerswet", "Wet luchtvaart",
    "Waterwet", "Woningwet", "Huisvestingswet", "Wet op het primair onderwijs",
    "Wet op het hoger onderwijs en wetenschappelijk onderzoek",
    "Wet studiefinanciering", "Pensioenwet", "Werkloosheidswet",
    "Wet werk en inkomen naar arbeidsvermogen", "Arbeidsomstandighedenwet",
    "Wet arbeid vreemdelingen", "Wet op de inkomstenbelasting",
    "Algemene wet inzake rijksbelastingen", "Meststoffenwet", "Dierenwet",
    "Wet dieren", "Gemeentewet", "Provinciewet", "Kieswet",
    "Wet veiligheidsregio's", "Wet publieke gezondheid",
    "Geneesmiddelenwet", "Tabaks- en rookwarenwet", "Alcoholwet",
    "Wet kinderopvang", "Algemene wet inkomensafhankelijke regelingen",
    "Wet financiering sociale verzekeringen", "Mededingingswet",
    "Telecommunicatiewet", "Mediawet", "Erfgoedwet", "Wet milieubeheer",
    "Crisis- en herstelwet", "Spreidingswet", "Wet inburgering",
};

static const char *const months[] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
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

static nounlist g_nouns, g_dom[D_COUNT];
static void load_synonyms(void);
static adjective *g_adj;
static verb *g_verb;
static org *g_org;
static ztab z_adj, z_verb, z_org, z_adv, z_group, z_place, z_comp, z_src,
    z_law, z_first, z_minname;

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static noun parse_noun(const char *e)
{
    noun n = { 0, 0, 0 };
    if (strncmp(e, "h:", 2) == 0) {
        n.het = 1;
        e += 2;
    }
    const char *bar = strchr(e, '|'), *plus = strchr(e, '+');
    if (bar) {
        n.sg = xstrndup(e, (size_t)(bar - e));
        n.pl = bar[1] ? bar + 1 : NULL;
    } else if (plus) {
        size_t a = (size_t)(plus - e), b = strlen(plus + 1);
        char *pl = xmalloc(a + b + 1);
        memcpy(pl, e, a);
        memcpy(pl + a, plus + 1, b + 1);
        n.sg = xstrndup(e, a);
        n.pl = pl;
    } else {
        n.sg = e;
        n.pl = NULL;
    }
    return n;
}

static void load_nouns(nounlist *l, const char *const *src, size_t n)
{
    l->v = xmalloc(n * sizeof *l->v);
    for (size_t i = 0; i < n; i++)
        l->v[i] = parse_noun(src[i]);
    ztab_init(&l->z, (uint32_t)n, 0.6, 10.0);
}

/* Splits "a|b|c" into up to three fields (missing ones NULL). */
static void split3(const char *e, const char **f)
{
    f[0] = f[1] = f[2] = NULL;
    for (int i = 0; i < 3 && e; i++) {
        const char *bar = strchr(e, '|');
        f[i] = bar ? xstrndup(e, (size_t)(bar - e)) : e;
        e = bar ? bar + 1 : NULL;
    }
}

static void load_vocabulary(void)
{
    load_nouns(&g_nouns, general_nouns, COUNT(general_nouns));
    for (int d = 0; d < D_COUNT; d++)
        load_nouns(&g_dom[d], dom_lists[d], dom_sizes[d]);

    g_adj = xmalloc(COUNT(adjectives) * sizeof *g_adj);
    for (size_t i = 0; i < COUNT(adjectives); i++) {
        const char *f[3];
        split3(adjectives[i], f);
        g_adj[i].base = f[0];
        if (f[1]) {
            g_adj[i].infl = f[1];
        } else {
            size_t n = strlen(f[0]);
            char *p = xmalloc(n + 2);
            memcpy(p, f[0], n);
            p[n] = 'e';
            p[n + 1] = 0;
            g_adj[i].infl = p;
        }
    }
    g_verb = xmalloc(COUNT(verbs) * sizeof *g_verb);
    for (size_t i = 0; i < COUNT(verbs); i++) {
        const char *f[3];
        split3(verbs[i], f);
        g_verb[i].inf = f[0];
        g_verb[i].part = f[1] ? f[1] : f[0];
        g_verb[i].s3 = f[2] && strcmp(f[2], "-") != 0 ? f[2] : NULL;
    }
    g_org = xmalloc(COUNT(organisations) * sizeof *g_org);
    for (size_t i = 0; i < COUNT(organisations); i++) {
        const char *e = organisations[i], *f[3];
        int art = 1;
        if (e[1] == ':') {
            art = e[0] == 'h' ? 2 : 0;
            e += 2;
        }
        split3(e, f);
        g_org[i].name = f[0];
        g_org[i].acr = f[1] && *f[1] ? f[1] : NULL;
        g_org[i].article = art;
    }
    ztab_init(&z_adj, COUNT(adjectives), 0.6, 5.0);
    ztab_init(&z_verb, COUNT(verbs), 0.6, 5.0);
    ztab_init(&z_org, COUNT(organisations), 0.7, 4.0);
    ztab_init(&z_adv, COUNT(adverbs), 0.6, 2.0);
    ztab_init(&z_group, COUNT(groups), 0.6, 2.0);
    ztab_init(&z_place, COUNT(places), 0.8, 2.0);
    ztab_init(&z_comp, COUNT(companies), 0.8, 2.0);
    ztab_init(&z_src, COUNT(news_sources), 1.0, 1.5);
    ztab_init(&z_law, COUNT(laws), 1.0, 2.0);
    ztab_init(&z_first, COUNT(first_names), 0.7, 2.0);
    ztab_init(&z_minname, COUNT(minister_names), 0.5, 2.0);
    load_synonyms();
}

/* ======================================================================
 * Calendar: days since 1970-01-01 <-> civil dates (H. Hinnant's method)
 * ==================================================================== */

static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void sb_date(sbuf *b, long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    sb_num(b, (unsigned long)d);
    sb_putc(b, ' ');
    sb_put(b, months[m - 1]);
    sb_putc(b, ' ');
    sb_num(b, (unsigned long)y);
}

static int year_of(long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y;
}

static int yyyymm(long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y * 100 + m;
}

/* "2014-2015": the parliamentary year runs from September. */
static void sb_vergaderjaar(sbuf *b, long day, const char *dash)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    int y0 = m >= 9 ? y : y - 1;
    sb_num(b, (unsigned long)y0);
    sb_put(b, dash);
    sb_num(b, (unsigned long)y0 + 1);
}

/* ======================================================================
 * Parliament: parties, members, ministries, ministers
 * ==================================================================== */

typedef struct {
    const char *name;
    int from, to;            /* years the party sat in the Kamer */
    int weight;              /* share of the members */
} party;

static const party parties[] = {
    { "VVD", 2000, 2030, 30 }, { "PvdA", 2000, 2023, 18 },
    { "CDA", 2000, 2030, 17 }, { "SP", 2000, 2030, 12 },
    { "D66", 2000, 2030, 13 }, { "PVV", 2006, 2030, 16 },
    { "GroenLinks", 2000, 2023, 10 }, { "ChristenUnie", 2000, 2030, 5 },
    { "SGP", 2000, 2030, 3 }, { "PvdD", 2006, 2030, 4 },
    { "50PLUS", 2012, 2021, 2 }, { "DENK", 2016, 2030, 3 },
    { "FvD", 2017, 2030, 2 }, { "JA21", 2021, 2030, 2 },
    { "Volt", 2021, 2030, 2 }, { "BBB", 2021, 2030, 3 },
    { "BIJ1", 2021, 2023, 1 }, { "Groep Bontes/Van Klaveren", 2014, 2017, 1 },
    { "Groep Kuzu/Öztürk", 2014, 2017, 1 }, { "Omtzigt", 2021, 2023, 1 },
    { "NSC", 2023, 2030, 5 }, { "GroenLinks-PvdA", 2023, 2030, 8 },
};

#define NMEMBERS 300
#define YEAR0 2008
#define YEARS 17

typedef struct {
    char name[64];           /* as at the start of a header: "Van der Staaij" */
    char surname[48];        /* without a first name, for "motie-Van Dijk" */
    int party, y0, y1;
} member;

static member g_mem[NMEMBERS];
static int g_year_mem[YEARS][NMEMBERS];
static int g_year_nmem[YEARS];

/* Writes "prefix core", with the prefix capitalised when it starts the
 * name ("Van der Staaij") and lower-case after a first name ("Inge van
 * Dijk"). */
static void make_name(char *out, size_t cap, const char *first,
                      const char *entry)
{
    const char *bar = strchr(entry, '|');
    const char *core = bar ? bar + 1 : entry;
    int plen = bar ? (int)(bar - entry) : 0;
    char pre[32] = "";
    if (plen > 0) {
        snprintf(pre, sizeof pre, "%.*s ", plen, entry);
        if (!first && pre[0] >= 'a' && pre[0] <= 'z')
            pre[0] = (char)(pre[0] - 'a' + 'A');
    }
    snprintf(out, cap, "%s%s%s%s", first ? first : "", first ? " " : "", pre,
             core);
}

/* The Kamer is the same for every seed: 300 members with their terms. */
static void make_members(void)
{
    rng r = { 12345 };
    uint32_t wsum = 0;
    for (size_t p = 0; p < COUNT(parties); p++)
        wsum += (uint32_t)parties[p].weight;
    for (int i = 0; i < NMEMBERS; i++) {
        member *m = &g_mem[i];
        size_t ns = COUNT(surnames);
        const char *first = NULL;
        /* A surname met again needs a first name to tell them apart. */
        if ((size_t)i >= ns || chance(&r, 6))
            first = first_names[zpick(&z_first, &r)];
        make_name(m->name, sizeof m->name, first, surnames[(size_t)i % ns]);
        make_name(m->surname, sizeof m->surname, NULL, surnames[(size_t)i % ns]);
        m->y0 = (int)between(&r, 2004, 2023);
        m->y1 = m->y0 + (int)between(&r, 2, 14);
        for (;;) {
            uint32_t w = below(&r, wsum);
            size_t p = 0;
            while (w >= (uint32_t)parties[p].weight)
                w -= (uint32_t)parties[p++].weight;
            if (parties[p].from <= m->y1 && parties[p].to >= m->y0) {
                m->party = (int)p;
                break;
            }
        }
        if (m->y0 < parties[m->party].from)
            m->y0 = parties[m->party].from;
        if (m->y1 > parties[m->party].to)
            m->y1 = parties[m->party].to;
        for (int y = m->y0; y <= m->y1; y++)
            if (y >= YEAR0 && y < YEAR0 + YEARS)
                g_year_mem[y - YEAR0][g_year_nmem[y - YEAR0]++] = i;
    }
}

typedef struct {
    const char *name;
    int voor;                /* "Minister voor X" rather than "van X" */
    int from, to;            /* yyyymm */
    int dom;
    int weight;
} ministry;

enum { MIN_AZ = 0 };

static const ministry ministries[] = {
    { "Algemene Zaken", 0, 190001, 299912, D_INTERIOR, 3 },
    { "Buitenlandse Zaken", 0, 190001, 299912, D_FOREIGN, 6 },
    { "Justitie", 0, 190001, 201010, D_JUSTICE, 12 },
    { "Veiligheid en Justitie", 0, 201010, 201710, D_JUSTICE, 12 },
    { "Justitie en Veiligheid", 0, 201710, 299912, D_JUSTICE, 12 },
    { "Binnenlandse Zaken en Koninkrijksrelaties", 0, 190001, 299912, D_INTERIOR, 7 },
    { "Onderwijs, Cultuur en Wetenschap", 0, 190001, 299912, D_EDUCATION, 7 },
    { "Financiën", 0, 190001, 299912, D_FINANCE, 7 },
    { "Defensie", 0, 190001, 299912, D_DEFENCE, 5 },
    { "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer", 0, 190001, 201010, D_INTERIOR, 6 },
    { "Verkeer en Waterstaat", 0, 190001, 201010, D_INFRA, 8 },
    { "Infrastructuur en Milieu", 0, 201010, 201710, D_INFRA, 8 },
    { "Infrastructuur en Waterstaat", 0, 201710, 299912, D_INFRA, 8 },
    { "Economische Zaken", 0, 190001, 201010, D_ECONOMY, 7 },
    { "Economische Zaken, Landbouw en Innovatie", 0, 201010, 201211, D_ECONOMY, 9 },
    { "Economische Zaken", 0, 201211, 201710, D_ECONOMY, 9 },
    { "Economische Zaken en Klimaat", 0, 201710, 299912, D_ECONOMY, 8 },
    { "Landbouw, Natuur en Voedselkwaliteit", 0, 190001, 201010, D_AGRI, 5 },
    { "Landbouw, Natuur en Voedselkwaliteit", 0, 201710, 202407, D_AGRI, 6 },
    { "Landbouw, Visserij, Voedselzekerheid en Natuur", 0, 202407, 299912, D_AGRI, 6 },
    { "Sociale Zaken en Werkgelegenheid", 0, 190001, 299912, D_SOCIAL, 7 },
    { "Volksgezondheid, Welzijn en Sport", 0, 190001, 299912, D_HEALTH, 11 },
    { "Jeugd en Gezin", 1, 190001, 201010, D_SOCIAL, 2 },
    { "Wonen, Wijken en Integratie", 1, 190001, 201010, D_INTERIOR, 2 },
    { "Ontwikkelingssamenwerking", 1, 190001, 201010, D_FOREIGN, 2 },
    { "Immigratie, Integratie en Asiel", 1, 201010, 201211, D_MIGRATION, 4 },
    { "Buitenlandse Handel en Ontwikkelingssamenwerking", 1, 201211, 299912, D_FOREIGN, 3 },
    { "Wonen en Rijksdienst", 1, 201211, 201710, D_INTERIOR, 2 },
    { "Medische Zorg", 1, 201710, 202201, D_HEALTH, 3 },
    { "Rechtsbescherming", 1, 201710, 202407, D_JUSTICE, 3 },
    { "Basis- en Voortgezet Onderwijs en Media", 1, 201710, 202201, D_EDUCATION, 2 },
    { "Primair en Voortgezet Onderwijs", 1, 202201, 202407, D_EDUCATION, 2 },
    { "Klimaat en Energie", 1, 202201, 202407, D_ECONOMY, 3 },
    { "Natuur en Stikstof", 1, 202201, 202407, D_AGRI, 3 },
    { "Volkshuisvesting en Ruimtelijke Ordening", 1, 202201, 202407, D_INTERIOR, 3 },
    { "Langdurige Zorg en Sport", 1, 202201, 202407, D_HEALTH, 2 },
    { "Armoedebeleid, Participatie en Pensioenen", 1, 202201, 202407, D_SOCIAL, 2 },
    { "Asiel en Migratie", 0, 202407, 299912, D_MIGRATION, 4 },
    { "Volkshuisvesting en Ruimtelijke Ordening", 0, 202407, 299912, D_INTERIOR, 3 },
    { "Klimaat en Groene Groei", 0, 202407, 299912, D_ECONOMY, 3 },
};

static const int cabinet_starts[] = { 200702, 201010, 201211, 201710, 202201, 202407 };
static const char *const prime_ministers[] = { "Balkenende", "Balkenende",
                                               "Rutte", "Rutte", "Rutte",
                                               "Rutte", "Schoof" };

static int cabinet_of(long day)
{
    int ym = yyyymm(day), c = 0;
    for (size_t i = 0; i < COUNT(cabinet_starts); i++)
        if (ym >= cabinet_starts[i])
            c = (int)i + 1;
    return c;
}

static int ministry_valid(int i, long day)
{
    int ym = yyyymm(day);
    return ministries[i].from <= ym && ym < ministries[i].to;
}

/* Who held ministry mi (role 0 minister, 1 state secretary) at day. */
static const char *office_holder(int mi, int role, long day)
{
    int cab = cabinet_of(day);
    if (mi == MIN_AZ && role == 0)
        return prime_ministers[cab];
    rng t = { mix((uint64_t)mi * 7 + (uint64_t)role, (uint64_t)cab) };
    return minister_names[zpick(&z_minname, &t)];
}

static int pick_ministry(rng *r, long day, int not1, int not2)
{
    int w[COUNT(ministries)], sum = 0;
    for (size_t i = 0; i < COUNT(ministries); i++) {
        w[i] = ministry_valid((int)i, day) && (int)i != not1 && (int)i != not2
                   ? ministries[i].weight : 0;
        sum += w[i];
    }
    int x = (int)below(r, (uint32_t)sum);
    for (size_t i = 0; i < COUNT(ministries); i++) {
        if (x < w[i])
            return (int)i;
        x -= w[i];
    }
    return MIN_AZ;
}

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

static void expand(sbuf *b, zaak *z, rng *r, const char *t, int depth);

/* ---- open-ended names: the long tail of the vocabulary ---------------- */

static const char *const syl_on[] = { "b", "d", "k", "v", "n", "t", "r", "l",
    "m", "s", "z", "h", "w", "pr", "tr", "st", "gr", "br", "kl", "fl", "sch",
    "dr", "g", "j", "sn", "sp" };
static const char *const syl_vo[] = { "a", "e", "i", "o", "u", "ei", "oo",
    "aa", "ee", "ui", "ie", "ou", "y", "eu" };
static const char *const syl_co[] = { "", "", "n", "r", "l", "s", "x", "m",
    "k", "t", "nd", "rt", "ng", "lt" };
static const char *const co_suffix[] = { "tech", "ion", "is", "a", "ex",
    "o", "ix", "on", "ia", "ar", "um", "ico", "eon", "ant" };
static const char *const co_tail[] = { "", "", "", "", " B.V.", " Group",
    " Nederland", " Holding", " Europe", " N.V.", " Energy", " Logistics",
    " Solutions", " Systems" };
static const char *const pl_pre[] = { "", "", "", "", "Nieuw-", "Oud-",
    "Zuid-", "Noord-", "Oost-", "West-", "Sint-", "Klein-", "Groot-" };
static const char *const pl_suf[] = { "dam", "dijk", "veen", "horst",
    "broek", "wijk", "hoven", "loo", "zijl", "rade", "kerk", "hout",
    "ingen", "um", "werd", "wolde", "haar", "beek", "berg", "burg",
    "sum", "weg", "meer", "land", "bergen", "naarde", "recht", "wier" };

static void syllable(sbuf *b, rng *t)
{
    sb_put(b, syl_on[below(t, COUNT(syl_on))]);
    sb_put(b, syl_vo[below(t, COUNT(syl_vo))]);
    sb_put(b, syl_co[below(t, COUNT(syl_co))]);
}

/* The company of rank k: the real ones first, then made-up names that are
 * the same for the same rank, so popular ones recur across the corpus. */
static void put_company(sbuf *b, uint32_t k)
{
    if (k < COUNT(companies)) {
        sb_put(b, companies[k]);
        return;
    }
    rng t = { mix(k, 0xC0) };
    size_t at = b->len;
    int n = 1 + (int)below(&t, 2);
    while (n--)
        syllable(b, &t);
    sb_put(b, co_suffix[below(&t, COUNT(co_suffix))]);
    sb_put(b, co_tail[below(&t, COUNT(co_tail))]);
    sb_capital(b, at);
}

static void put_place(sbuf *b, uint32_t k)
{
    if (k < COUNT(places)) {
        sb_put(b, places[k]);
        return;
    }
    rng t = { mix(k, 0x91ACE) };
    sb_put(b, pl_pre[below(&t, COUNT(pl_pre))]);
    size_t at = b->len;
    int n = 1 + (int)below(&t, 2);
    while (n--)
        syllable(b, &t);
    sb_put(b, pl_suf[below(&t, COUNT(pl_suf))]);
    sb_capital(b, at);
}

/* A person outside the Kamer: "Ronald Prins". */
static void put_person(sbuf *b, rng *r)
{
    char name[80];
    uint32_t k = heavy(r, 200000);
    rng t = { mix(k, 0x9E55) };
    const char *first = first_names[zpick(&z_first, &t)];
    make_name(name, sizeof name, first, surnames[below(&t, COUNT(surnames))]);
    sb_put(b, name);
}

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

static void load_synonyms(void)
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
static void sentence(sbuf *b, zaak *z, rng *r, const char *t)
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
        z->lex_a[i] = &g_adj[below(r, COUNT(adjectives))];
    for (int i = 0; i < LEXV; i++)
        z->lex_v[i] = &g_verb[below(r, COUNT(verbs))];
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

/* ======================================================================
 * Rendering: Markdown (MD), officielebekendmakingen.nl (OB) and
 * tweedekamer.nl (TK)
 * ==================================================================== */

enum { ST_MD, ST_OB, ST_TK };

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

static void emit_question(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp)
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

/* The paragraphs of one answer, separated by '\n'. */
static void answer_paras(sbuf *t, zaak *z, rng *r, int i)
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

static void emit_answer(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp)
{
    size_t width = between(r, 84, 92);
    int done = 0;
    if (style == ST_MD) {
        sb_put(b, "\n\n");
        sb_put(b, z->zaak);
        sb_put(b, "\n\n");
    } else if (style == ST_OB && chance(r, 50)) {
        ob_header(b, z, z->d_answer, z->aanhangsel_nr, 1);
    } else if (style == ST_TK) {
        sb_put(b, "Antwoord schriftelijke vragen : Antwoord op vragen van ");
        put_members(b, z, 0, 0);
        sb_put(b, " over ");
        sb_putn(b, z->subject.p, z->subject.len);
        sb_putc(b, '\n');
    }
    put_vragen_line(b, z, style);
    sb_put(b, style == ST_TK ? "\n" : "\n\n");
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

static void emit_notice(sbuf *b, zaak *z, rng *r, int style, sbuf *tmp)
{
    size_t width = between(r, 84, 92);
    if (style == ST_MD) {
        sb_put(b, "\n\n");
        sb_put(b, z->zaak);
        sb_put(b, "\n\n");
    } else if (style == ST_OB && chance(r, 50)) {
        ob_header(b, z, z->d_notice, z->notice_nr, 1);
    } else if (style == ST_TK) {
        sb_put(b, "Mededeling schriftelijke vragen : Uitstel beantwoording vragen van ");
        put_members(b, z, 0, 0);
        sb_putc(b, '\n');
    }
    put_vragen_line(b, z, style);
    sb_put(b, style == ST_TK ? "\n" : "\n\n");
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
