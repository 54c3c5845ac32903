/* test_parse.c - the parser (packer/parse.c) and the document model's
 * helpers (format/doc.c), as tables: text in, fields out.
 *
 * One row per sample document in samples/ (read relative to the current
 * directory: tests run from the project root), one per trap (each shape of
 * members, addressees, headings and footnote marks), and a few realistic
 * documents written for these tests in the style of real Kamervragen of
 * other years and layouts. The expectations were written by reading the
 * documents, not by copying the parser's output. Each bug adds a row.
 *
 * Every row is also checked for what must hold on any input: spans inside
 * the text, block bodies without their heading, no trailer in a block.
 * Separate tests bound the parser's time on hostile input and check
 * parse_check_text and the doc.c helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc.h"
#include "parse.h"

enum { Q = FMT_QUESTION, A = FMT_ANSWER, N = FMT_NOTICE };

typedef struct {
    const char *name;        /* samples/NAME.txt, or a label for inline rows */
    const char *text;        /* inline text; NULL: read the sample */
    const char *id;          /* the name parse_doc gets for inline text */
    int kind;
    const char *zaak;        /* "" when none */
    const char *docnum;      /* NULL when none */
    int32_t submitted, received;
    const char *members;     /* "Name|Party;..." ("-": no party) */
    const char *addressees;  /* "A;B" */
    const char *answered_by; /* "A;B" */
    const char *on_behalf_of, *cosigned_by, *source_urls; /* "A;B"; NULL: none */
    int nq, na;              /* numbers of questions and answers */
    const char *qnums;       /* "1;2;4,5"; NULL: 1..nq, one number each */
    const char *anums;       /* the same for answers */
    const char *notes;       /* "mark:url url;mark:" in order */
    const char *subject;     /* a prefix of the subject; NULL: none */
    int clean;               /* no warnings at all */
    /* Further checks: "Q5=exact text", "A3^prefix", "Q2$suffix",
     * "N1~contains" (footnote 1), "H^" header, "X=" notice text, "S=" subject,
     * "W~" some warning contains. Texts as fmt_span_text gives them. */
    const char *checks[6];
} row;

/* ---- the samples ------------------------------------------------------ */

static const row samples[] = {
    /* The bar: the reference document. */
    {.name = "2022Z01227", .kind = Q, .zaak = "2022Z01227", .submitted = 20220126,
     .members = "Palland|CDA;Inge van Dijk|CDA;Amhaouch|CDA",
     .addressees = "Minister van Justitie en Veiligheid;"
                   "Minister van Economische Zaken en Klimaat;"
                   "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
     .answered_by = "", .nq = 15,
     .notes = "1:https://www.rtlnieuws.nl/economie/bedrijven/artikel/5282733/nuctech-china-douanescanner-schiphol-haven-rotterdam-spionage;"
              "2:https://www.politico.eu/article/call-for-higher-duty-on-chinese-cargo-scanners/;"
              "3:https://globalnews.ca/news/7470250/china-canada-nuctech-deal-rejected/;"
              "4:https://www.wsj.com/articles/u-s-presses-europe-to-uproot-chinese-security-screening-company-11593349201",
     .subject = "het bericht «Chinese douanescanners Schiphol en Rotterdamse haven onder vuur: «Dit is onbegrijpelijk»»",
     .clean = 1,
     .checks = {"Q5=Kunt u bevestigen dat Nuctech zich bij aanbestedingen bedient van lage biedingen, goedkope onderhoudscontracten en gunstige (staats)leningen?",
                "Q14$bedrijven in Nederland of Europa?",
                "Q15^Op welke wijze wilt u",
                "N1^RTL Nieuws, 22 januari 2022, «Chinese douanescanners",
                "H^Vragen van de leden **Palland",
                "H$(ingezonden 26 januari 2022)."}},
    {.name = "kv-tk-2014Z07524", .kind = Q, .zaak = "2014Z07524",
     .docnum = "kv-tk-2014Z07524", .submitted = 20140423,
     .members = "Van Nispen|SP", .addressees = "Minister-President",
     .answered_by = "", .nq = 2, .notes = "", .clean = 1,
     .subject = "zijn uitspraken over de rol van de Minister van Veiligheid en Justitie bij lopende onderzoeken van het Openbaar Ministerie",
     .checks = {"Q2$Kunt u uw antwoord uitgebreid toelichten?"}},
    {.name = "kv-tk-2015Z08452", .kind = Q, .zaak = "2015Z08452",
     .docnum = "kv-tk-2015Z08452", .submitted = 20150507,
     .members = "Madlener|PVV", .addressees = "Minister van Infrastructuur en Milieu",
     .answered_by = "", .nq = 5, .notes = "", .clean = 1,
     .subject = "het bericht dat Ballast Nedam stopt met complexe werkzaamheden"},
    {.name = "kv-tk-2015Z08845", .kind = Q, .zaak = "2015Z08845",
     .docnum = "kv-tk-2015Z08845", .submitted = 20150519,
     .members = "Bontes|Groep Bontes/Van Klaveren;Van Klaveren|Groep Bontes/Van Klaveren",
     .addressees = "Minister van Defensie", .answered_by = "", .nq = 5,
     .notes = "", .subject = "de deplorabele toestand van de landmacht", .clean = 1},
    {.name = "kv-tk-2016Z05661", .kind = Q, .zaak = "2016Z05661",
     .docnum = "kv-tk-2016Z05661", .submitted = 20160318,
     .members = "Van Bommel|SP", .addressees = "Minister van Buitenlandse Zaken",
     .answered_by = "", .nq = 3,
     .notes = "1:http://nos.nl/artikel/2092945-israel-neemt-land-in-op-westelijke-jordaanoever.html",
     .subject = "de inname van Palestijns land door Israël", .clean = 1,
     /* the toelichting and its zaak numbers are not question 3's */
     .checks = {"Q3$Indien neen, waarom niet?",
                "N1^Israël neemt land in op Westelijke Jordaanoever,"}},
    {.name = "kv-tk-2017Z03712", .kind = Q, .zaak = "2017Z03712",
     .docnum = "kv-tk-2017Z03712", .submitted = 20170314,
     .members = "Keijzer|CDA;Omtzigt|CDA;Van Bommel|SP;De Roon|PVV;Van der Staaij|SGP;"
                "Van Klaveren|Groep Bontes/Van Klaveren;Voordewind|ChristenUnie",
     .addressees = "Minister-President", .answered_by = "", .nq = 8, .notes = "",
     .subject = "de vluchtelingendeal met Turkije", .clean = 1},
    {.name = "kv-tk-2017Z04091", .kind = Q, .zaak = "2017Z04091",
     .docnum = "kv-tk-2017Z04091", .submitted = 20170328,
     .members = "Popken|PVV", .addressees = "Minister van Defensie",
     .answered_by = "", .nq = 5, .notes = "", .clean = 1,
     .subject = "het bericht dat mariniers een dure klimreis"},
    {.name = "kv-tk-2017Z08992", .kind = Q, .zaak = "2017Z08992",
     .docnum = "kv-tk-2017Z08992", .submitted = 20170626,
     .members = "Popken|PVV;Maeijer|PVV", .addressees = "Minister van Defensie",
     .answered_by = "", .nq = 7, .notes = "", .clean = 1,
     .subject = "het bericht dat Europese legers structureel gaan samenwerken"},
    {.name = "kv-tk-2017Z11283", .kind = Q, .zaak = "2017Z11283",
     .docnum = "kv-tk-2017Z11283", .submitted = 20170831,
     .members = "De Groot|D66;Van Veldhoven|D66",
     .addressees = "Minister van Volksgezondheid, Welzijn en Sport;"
                   "Staatssecretaris van Economische Zaken",
     .answered_by = "", .nq = 6, .notes = "", .clean = 1,
     .subject = "het bericht dat fipronilkippen ondanks een verbod"},
    /* truncated mid-word; the zaak glued to a table row before the header */
    {.name = "kv-tk-2018Z00077", .kind = Q, .zaak = "2018Z00077",
     .docnum = "kv-tk-2018Z00077", .submitted = 20180109,
     .members = "Amhaouch|CDA;Geurts|CDA;Omtzigt|CDA;Von Martels|CDA;Slootweg|CDA",
     .addressees = "Minister van Infrastructuur en Waterstaat",
     .answered_by = "", .nq = 10, .notes = "", .clean = 1,
     .subject = "transparantie regionaal bestuurlijke overleg van 18 december 2017",
     .checks = {"Q10=Kunt u aangev"}},
    {.name = "kv-tk-2018Z17485", .kind = Q, .zaak = "2018Z17485",
     .docnum = "kv-tk-2018Z17485", .submitted = 20181003,
     .members = "Popken|PVV", .addressees = "Staatssecretaris van Defensie",
     .answered_by = "", .nq = 5, .notes = "", .clean = 1,
     .subject = "het bericht dat het materiaal van de commando's niet voldoet"},
    {.name = "kv-tk-2020Z11907", .kind = Q, .zaak = "2020Z11907",
     .docnum = "kv-tk-2020Z11907", .submitted = 20200623,
     .members = "Nijboer|PvdA;Terpstra|CDA",
     .addressees = "Minister van Binnenlandse Zaken en Koninkrijksrelaties",
     .answered_by = "", .nq = 5, .notes = "1:", .clean = 1,
     .subject = "de terugkeer van het Ministerie van VROM",
     .checks = {"N1=Kamerstuk 32 847-619", "Q5$wordt geplaatst?"}},
    {.name = "kv-tk-2020Z14794", .kind = Q, .zaak = "2020Z14794",
     .docnum = "kv-tk-2020Z14794", .submitted = 20200818,
     .members = "Van Toorenburg|CDA;Groothuizen|D66",
     .addressees = "Staatssecretaris van Justitie en Veiligheid",
     .answered_by = "", .nq = 7, .clean = 1,
     .notes = "1:https://www.nrc.nl/nieuws/2020/08/17/lange-rijen-bij-registratie-in-ter-apel-en-slapen-op-een-stoel-a4008970",
     .subject = "het bericht «Lange rijen bij registratie in Ter Apel»"},
    {.name = "kv-tk-2020Z15071", .kind = Q, .zaak = "2020Z15071",
     .docnum = "kv-tk-2020Z15071", .submitted = 20200826,
     .members = "Wilders|PVV;Agema|PVV",
     .addressees = "Minister van Volksgezondheid, Welzijn en Sport",
     .answered_by = "", .nq = 3, .notes = "1:", .clean = 1,
     .subject = "het bericht dat het RIVM het protocol"},
    {.name = "kv-tk-2020Z20831", .kind = Q, .zaak = "2020Z20831",
     .docnum = "kv-tk-2020Z20831", .submitted = 20201106,
     .members = "Aukje de Vries|VVD;Remco Dijkstra|VVD",
     .addressees = "Minister van Infrastructuur en Waterstaat",
     .answered_by = "", .nq = 6, .clean = 1,
     .notes = "1:https://www.rtlnieuws.nl/nieuws/politiek/artikel/5194989/renovatie-afsluitdijk-neemt-zeker-drie-jaar-langer-beslag;2:",
     .subject = "het bericht «Renovatie Afsluitdijk duurt door fout",
     .checks = {"N2^Brief: Informatie over de invulling"}},
    {.name = "kv-tk-2021Z17400", .kind = Q, .zaak = "2021Z17400",
     .docnum = "kv-tk-2021Z17400", .submitted = 20211007,
     .members = "Eerdmans|JA21",
     .addressees = "Minister-President;Staatssecretaris van Justitie en Veiligheid",
     .answered_by = "", .nq = 9, .notes = "", .clean = 1,
     .subject = "de asielinstroom en de uitspraken van Staatssecretaris Broekers-Knol"},
    {.name = "kv-tk-2022Z02011", .kind = Q, .zaak = "2022Z02011",
     .docnum = "kv-tk-2022Z02011", .submitted = 20220204,
     .members = "Omtzigt|Omtzigt;Kröger|GroenLinks",
     .addressees = "Staatssecretaris van Economische Zaken en Klimaat",
     .answered_by = "", .nq = 8, .notes = "", .clean = 1,
     .subject = "het optreden van de Staatssecretaris in de Hofbar"},
    {.name = "kv-tk-2022Z17015", .kind = Q, .zaak = "2022Z17015",
     .docnum = "kv-tk-2022Z17015", .submitted = 20220915,
     .members = "Kröger|GroenLinks",
     .addressees = "Staatssecretaris van Economische Zaken en Klimaat",
     .answered_by = "", .nq = 5, .notes = "", .clean = 1,
     .subject = "het bericht «Grutte fragen by Waadferiening"},
    /* with a "Disclaimer" trailer after "Naar boven" */
    {.name = "kv-tk-2023Z19243", .kind = Q, .zaak = "2023Z19243",
     .docnum = "kv-tk-2023Z19243", .submitted = 20231117,
     .members = "Bisschop|SGP;Stoffer|SGP",
     .addressees = "Minister van Economische Zaken en Klimaat;Minister voor Natuur en Stikstof",
     .answered_by = "", .nq = 5, .clean = 1,
     .notes = "1:https://nos.nl/artikel/2498110-jaar-na-belofte-is-nauwelijks-met-industrie-gesproken-over-stikstofuitstoot",
     .subject = "het achterwege blijven van afspraken met de industrie",
     .checks = {"Q5$op korte termijn verlaagd wordt?"}},
    /* answers and notices from officielebekendmakingen.nl */
    {.name = "ah-tk-20142015-1365", .clean = 1, .kind = A, .zaak = "",
     .docnum = "ah-tk-20142015-1365", .submitted = 20150217, .received = 20150225,
     .members = "Omtzigt|CDA;Gesthuizen|SP;Schouw|D66",
     .addressees = "Minister van Binnenlandse Zaken en Koninkrijksrelaties;"
                   "Staatssecretaris van Veiligheid en Justitie",
     .answered_by = "Staatssecretaris Teeven (Veiligheid en Justitie)",
     .on_behalf_of = "Minister van Binnenlandse Zaken en Koninkrijksrelaties",
     .nq = 2, .na = 2, .notes = "",
     .subject = "de tot nu toe verstrekte informatie over de omvang en aard van (legale) identiteitswisselingen",
     .checks = {"A1^Identiteitsvraagstukken behelzen voornamelijk",
                "A2$dat de gekoppelde inf"}}, /* no zaak in the text: none */
    {.name = "ah-tk-20172018-768", .kind = N, .zaak = "",
     .docnum = "ah-tk-20172018-768", .submitted = 20171130, .received = 20171221,
     .members = "Van Tongeren|GroenLinks",
     .addressees = "Minister van Economische Zaken en Klimaat",
     .answered_by = "Minister Wiebes (Economische Zaken en Klimaat)",
     .nq = 7, .na = 0, .notes = "",
     .subject = "de artikelen «Vragen en zorgen over gaswinning Zuidwest-Drenthe»",
     /* cut off before its "Mededeling" paragraph */
     .checks = {"W=line 9: no notice text (\"Mededeling\") found"}},
    {.name = "ah-tk-20192020-2474", .clean = 1, .kind = N, .zaak = "",
     .docnum = "ah-tk-20192020-2474", .submitted = 20200414, .received = 20200415,
     .members = "Asscher|PvdA",
     .addressees = "Minister van Volksgezondheid, Welzijn en Sport",
     .answered_by = "Minister De Jonge (Volksgezondheid, Welzijn en Sport)",
     .nq = 8, .na = 0, .notes = "1:",
     .subject = "het interview met speciaal gezant Sijbesma bij Buitenhof",
     .checks = {"X=De schriftelijke vragen van het lid Asscher (PvdA) aan de Minister van Volksgezondheid, Welzijn en Sport zijn beantwoord middels brief «COVID-19 Update stand van zaken» (Kamerstuk 25 295, nr. 249).",
                "N1=Buitenhof, 12 april 2020.", "Q8$debat in de Kamer?"}},
    {.name = "ah-tk-20222023-3644", .clean = 1, .kind = A, .zaak = "",
     .docnum = "ah-tk-20222023-3644", .submitted = 20230829, .received = 20230914,
     .members = "Van der Woude|VVD;Omtzigt|Omtzigt",
     .addressees = "Minister van Onderwijs, Cultuur en Wetenschap",
     .answered_by = "Minister Dijkgraaf (Onderwijs, Cultuur en Wetenschap)",
     .nq = 2, .na = 2, .notes = "",
     .subject = "het feit dat werkstudenten uit EER-landen",
     .checks = {"A1$in studiejaar 2023–2024."}},
    /* tweedekamer.nl: hard-wrapped, header on one line, answer line wrapped */
    {.name = "tk-2020D19385", .clean = 1, .kind = A, .zaak = "", .docnum = "2020D19385",
     .submitted = 20200508, .received = 20200519,
     .members = "Groothuizen|D66;Van Nispen|SP",
     .addressees = "Minister van Justitie en Veiligheid;Minister voor Rechtsbescherming",
     .answered_by = "Minister Grapperhaus (Justitie en Veiligheid);"
                    "Minister Dekker (Rechtsbescherming)",
     .nq = 4, .na = 4, .notes = "",
     .subject = "fundamentele rechten in het strafrecht",
     .checks = {"A1=Ja, daar zijn wij mee bekend.",
                "Q3=Bent u van mening dat dit nu (voldoende) het geval is? Zo ja, waarom? Zo nee, waarom niet?"}},
    {.name = "tk-2020D22723", .clean = 1, .kind = Q, .zaak = "", .docnum = "2020D22723",
     .submitted = 20200609,
     .members = "Madlener|PVV;Kops|PVV",
     .addressees = "Minister van Landbouw, Natuur en Voedselkwaliteit;"
                   "Minister van Economische Zaken en Klimaat",
     .answered_by = "", .nq = 7, .notes = "",
     .subject = "het bericht «Zes locaties in beeld voor stookfabriek in Vierpolders»",
     /* the page's "Indieners / Gericht aan" trailer is not question 7 */
     .checks = {"Q7=Bent u ertoe bereid deze houtstookprojecten onmiddellijk te stoppen en hier geen cent aan uit te geven?"}},
    {.name = "tk-2021D48059", .clean = 1, .kind = A, .zaak = "", .docnum = "2021D48059",
     .submitted = 20211028, .received = 20211206,
     .members = "Beckerman|SP", .addressees = "Minister van Economische Zaken en Klimaat",
     .answered_by = "Minister Blok (Economische Zaken en Klimaat)",
     .nq = 1, .na = 1, .notes = "",
     .subject = "de kritiek van SodM op de afhandeling van mijnbouwschade in Limburg",
     .checks = {"A1^Sinds 2014 werkt mijn ministerie"}},
    {.name = "tk-2022D31072", .clean = 1, .kind = A, .zaak = "", .docnum = "2022D31072",
     .submitted = 20220530, .received = 20220714,
     .members = "Bouchallikh|GroenLinks;Bromet|GroenLinks;Kröger|GroenLinks",
     .addressees = "Staatssecretaris van Infrastructuur en Waterstaat;"
                   "Minister van Infrastructuur en Waterstaat;"
                   "Minister voor Volkshuisvesting en Ruimtelijke Ordening;"
                   "Minister voor Landbouw, Natuur en Voedselkwaliteit",
     .answered_by = "Staatssecretaris Heijnen (Infrastructuur en Waterstaat)",
     .on_behalf_of = "Minister voor Volkshuisvesting en Ruimtelijke Ordening;"
                    "Minister van Landbouw, Natuur en Voedselkwaliteit;"
                    "Minister voor Armoedebeleid, Participatie en Pensioenen;"
                    "Staatssecretaris van Volksgezondheid, Welzijn en Sport",
     .nq = 2, .na = 2, .notes = "",
     .subject = "het bericht dat Nederland geen gezonde leefomgeving biedt aan kinderen",
     .checks = {"A1=Ja."}},
    {.name = "tk-2024D18824", .clean = 1, .kind = A, .zaak = "", .docnum = "2024D18824",
     .submitted = 20240219, .received = 20240514,
     .members = "Becker|VVD;Brekelmans|VVD;Michon-Derkzen|VVD",
     .addressees = "Minister van Sociale Zaken en Werkgelegenheid;"
                   "Minister van Justitie en Veiligheid;"
                   "Staatssecretaris van Justitie en Veiligheid",
     .answered_by = "Minister Yeşilgöz-Zegerius (Justitie en Veiligheid)",
     .on_behalf_of = "Staatssecretaris van Justitie en Veiligheid",
     .nq = 3, .na = 3, .notes = "",
     .subject = "de rellen in Den Haag tussen groepen Eritreers"},
    /* tweedemonitor: a covering letter, then bare numbers and "Antwoord" */
    {.name = "tm-2019D22428", .kind = A, .zaak = "2019Z09087", .docnum = "2019D22428",
     .submitted = 20190507,
     .members = "Lodders|-", .addressees = "",
     .answered_by = "Minister van Landbouw, Natuur en Voedsel Kwaliteit",
     .nq = 3, .na = 3, .notes = "",
     .subject = "de berichten ‘Honderden producten onterecht verkocht als biologisch’ en ‘5 vragen over fouten met biologische producten’",
     /* a letter to the Speaker names no addressee nor a date of receipt:
      * that is the page, not a fault to warn about */
     .clean = 1,
     .checks = {"Q2=Wat vindt u van deze berichten?", "A1=Ja.",
                "A2=Ik neem deze berichten serieus."}},
    /* PDF extraction: furniture glued to "Antwoord 3", marks on their own
     * lines, footnotes "1Brabants Dagblad" glued to their mark */
    {.name = "pdf-ah-tk-20222023-3649", .clean = 1, .kind = A, .zaak = "",
     .docnum = "ah-tk-20222023-3649", .submitted = 20230704, .received = 20230914,
     .members = "Bromet|GroenLinks",
     .addressees = "Minister van Landbouw, Natuur en Voedselkwaliteit;Minister voor Natuur en Stikstof",
     .answered_by = "Minister Van der Wal-Zeggelink (Natuur en Stikstof)",
     .nq = 14, .na = 14,
     .notes = "1:https://www.bd.nl/binnenland/verguisde-stalvloer-tegen-stikstofuitstoot-kan-stoppende-boer-in-de-weg-zitten-dit-is-zo-krom~a1b2a0fc/?cb=dbaa9fe0cf5ce3793898530f1307b5d2&auth_rd=1;"
              "2:;3:;4:;5:;6:",
     .subject = "het bericht «Verguisde stalvloer tegen stikstofuitstoot kan stoppende boer in de weg zitten»",
     /* a footnote mark on its own line stays in the text, as written */
     .checks = {"Q1=Kent u het bericht «Verguisde stalvloer tegen stikstofuitstoot kan stoppende boer in de weg zitten»? 1",
                "Q3$de emissiearme stalvloeren van voor 2021 niet werken?",
                "A3^Binnen het kader van de aanpak piekbelasting",
                "A14$de fabrikant eventueel aansprakelijk te stellen.",
                "N4=(Aanhangsel Handelingen, vergaderjaar 2022–203, nr. 844).",
                "A7~3 ingegaan op het proces"}},
    /* PDF to Markdown: "Vraag 2" lost at a page break, [1 ] marks */
    {.name = "pdf-ah-tk-20232024-302", .clean = 1, .kind = A, .zaak = "",
     .docnum = "ah-tk-20232024-302", .submitted = 20231003, .received = 20231024,
     .members = "Dijk|SP", .addressees = "Minister voor Langdurige Zorg en Sport",
     .answered_by = "Minister Helder (Langdurige Zorg en Sport)",
     .nq = 9, .na = 9,
     .notes = "1:;2:https://puc.overheid.nl/nza/doc/PUC_743104_22/1/;3:;4:;5:;6:;7:;8:;9:;10:;11:",
     .subject = "antwoord op de vragen inzake de uitzending «Het geheim van de spreekkamer» en het artikel «Zorgverzekeraars",
     .checks = {"Q2^van een zogeheten privacyverklaring",
                "A1$met de NZa worden gedeeld.",
                "A7$Arbeidsmarkt Zorg & Welzijn (TAZ)[10].",
                "A9=Ja, ik ben bereid om dat te doen.",
                "N11=3628105–1050416-CZ."}},
};

/* ---- layouts of aggregators, early versions, party and press pages ---
 * Documents written for these tests in tests/data/, in the shapes these
 * sites give (names and facts fictional). */

static const row layouts[] = {
    /* an aggregator's case page: field lines, "• Vraag N", answers with no
     * "Antwoord N" label, two paragraphs in one answer */
    {.name = "data/agg-2019Z04512", .clean = 1, .kind = A, .zaak = "2019Z04512",
     .docnum = "ah-tk-20182019-2101", .submitted = 20190304, .received = 20190402,
     .members = "Van Oosterwijk|PvdA", .addressees = "Minister voor Medische Zorg",
     .answered_by = "Minister Jorrit Talsma (Medische Zorg)",
     .source_urls = "https://zoek.officielebekendmakingen.nl/kv-tk-2019Z04512.html;"
                    "https://zoek.officielebekendmakingen.nl/ah-tk-20182019-2101.html",
     .nq = 3, .na = 3, .notes = "1:https://www.dagbladzuidwest.example/wijkverpleging",
     .subject = "de wachtlijsten in de wijkverpleging",
     .checks = {"Q1=Kent u het bericht «Wachtlijst wijkverpleging loopt verder op»?1",
                "A1=Ja, ik ken het bericht.",
                "Q2=Hoeveel cliënten wachten op dit moment langer dan zes weken op wijkverpleging? Kunt u dit per regio uitsplitsen?",
                "A2$is niet beschikbaar.\n\nZorgverzekeraars houden deze cijfers per maand bij; ik vraag hen de cijfers vanaf dit voorjaar per regio te leveren.",
                "A3=Ik deel de mening dat wijkverpleging snel beschikbaar moet zijn. Een vaste termijn leg ik niet vast.",
                "N1^Dagblad Zuidwest, 2 maart 2019"}},
    /* an aggregator's page with no "Vragen van" line: the title gives the
     * subject, Indiener and Medeindiener the members; "Vraag N" without a
     * bullet; a question of two paragraphs; a staatssecretaris answers */
    {.name = "data/agg-2020Z19876", .clean = 1, .kind = A, .zaak = "2020Z19876",
     .docnum = "ah-tk-20202021-702", .submitted = 20201012, .received = 20201109,
     .members = "Sander Westerveld-Bos|CDA;Ilse Noordam|ChristenUnie", .addressees = "",
     .answered_by = "Staatssecretaris Pieter de Vries-Kamp (Volksgezondheid, Welzijn en Sport)",
     .source_urls = "https://zoek.officielebekendmakingen.nl/kv-tk-2020Z19876.html;"
                    "https://zoek.officielebekendmakingen.nl/ah-tk-20202021-702.html",
     .nq = 3, .na = 3, .qnums = "1;2;3,4", .anums = "1;2;3,4", .notes = "",
     .subject = "tekorten aan mondkapjes in verpleeghuizen",
     .checks = {"Q3,4=Hoe verloopt de verdeling over de regio's?\n\nWie bepaalt welke verpleeghuizen voorrang krijgen?",
                "A3,4=De verdeling loopt via de regionale coördinatiepunten, die ook de voorrang bepalen.",
                "A1=Ja.", "Q2^Kunt u aangeven hoeveel mondkapjes"}},
    /* the answer of a linking test (tests/data/link): mede ondertekend */
    {.name = "data/link/ah-tk-20212022-112", .clean = 1, .kind = A, .zaak = "",
     .docnum = "ah-tk-20212022-112", .submitted = 20210803, .received = 20210914,
     .members = "Verbruggen-Smit|D66", .addressees = "Minister van Infrastructuur en Waterstaat",
     .answered_by = "Minister Van Aalst-Koning (Infrastructuur en Waterstaat)",
     .cosigned_by = "Staatssecretaris van Infrastructuur en Waterstaat",
     .nq = 2, .na = 2, .notes = "", .subject = "«geluidsoverlast van de A27» bij Lekkerdorp",
     .checks = {"A2=Het scherm wordt in het voorjaar van 2023 vervangen."}},
    /* early version: zaak alone on a line, "(Ingezonden D)" in the header,
     * "1." items, " 1)" marks and "1) ..." notes, site chrome at the end */
    {.name = "data/early-2021Z08123", .clean = 1, .kind = Q, .zaak = "2021Z08123",
     .submitted = 20210512, .members = "De Kluiver|SP",
     .addressees = "Minister van Onderwijs, Cultuur en Wetenschap", .answered_by = "",
     .nq = 3, .notes = "1:https://www.onderwijskrantnoord.example/speciaal-onderwijs;2:",
     .subject = "het lerarentekort in het speciaal onderwijs",
     .checks = {"Q1=Bent u bekend met het bericht ‘Scholen in het speciaal onderwijs sturen klassen naar huis’? 1)",
                "Q2=Hoeveel klassen in het speciaal onderwijs zijn dit schooljaar naar huis gestuurd wegens een tekort aan leraren?",
                "Q3$op korte termijn te verkleinen? 2)",
                "N2=Kamerstuk 27 923, nr. 400",
                "H$(Ingezonden 12 mei 2021)"}},
    /* early version: "(ingezonden D)" before the header, the zaak at the
     * header's start, "N" alone on a line, "XNoot", a mark glued to a year */
    {.name = "data/early-2022Z11870", .clean = 1, .kind = Q, .zaak = "2022Z11870",
     .submitted = 20220620, .members = "Ten Brinke|VVD;Okkerse|D66",
     .addressees = "Staatssecretaris van Infrastructuur en Waterstaat", .answered_by = "",
     .nq = 3, .notes = "1:;2:",
     .subject = "de vertraging van de renovatie van de Sluis bij Westerhaven",
     .checks = {"Q1=Kent u het bericht ‘Renovatie sluis Westerhaven opnieuw uitgesteld’?1",
                "Q3=Welke gevolgen heeft de vertraging voor de binnenvaart sinds de eerste storing in 2010?2",
                "N1=Havenblad, 18 juni 2022",
                "N2=Antwoord op eerdere vragen, Aanhangsel Handelingen II 2010/11, nr. 1520",
                "H^Vragen van de leden Ten Brinke (VVD)"}},
    /* early version: bullets without numbers, "het leden", lower case
     * "aan de minister van", trailing "Indiener(s)" and "Gerelateerd" */
    {.name = "data/early-bullets-2023Z02245", .clean = 1, .kind = Q, .zaak = "2023Z02245",
     .submitted = 20230209, .members = "Vermeulen-Dijkstra|CDA;Ouwerkerk|CDA",
     .addressees = "Minister van Landbouw, Natuur en Voedselkwaliteit", .answered_by = "",
     .nq = 3, .notes = "", .subject = "de sluiting van de visafslag in Harlingerzijl",
     .checks = {"Q1=Bent u bekend met het bericht dat de visafslag in Harlingerzijl per 1 april sluit?",
                "Q3=Bent u bereid met de gemeente en de vissers in gesprek te gaan over een oplossing?"}},
    /* a party's page: title, date, lead, the header, "1." questions, then
     * the answers under "Antwoord", numbered again */
    {.name = "data/party-2022Z00418", .clean = 1, .kind = A, .zaak = "2022Z00418",
     .submitted = 20220112, .members = "Hoogland-Visser|GroenLinks",
     .addressees = "Minister van Volksgezondheid, Welzijn en Sport", .answered_by = "",
     .nq = 3, .na = 3, .notes = "", .subject = "de dreigende sluiting van zwembad De Wiekslag",
     .checks = {"Q2=Hoeveel gemeentelijke zwembaden zijn sinds 2020 gesloten wegens de energieprijzen?",
                "A1=Ja.", "A2^Sinds 2020 zijn 14 gemeentelijke zwembaden gesloten;",
                "A3$bij het verduurzamen van zwembaden."}},
    /* a press service's notice: the header inside the sentence that says
     * the answers will be late, the date of the page as received */
    {.name = "data/press-notice-2023Z02871", .clean = 1, .kind = N, .zaak = "2023Z02871",
     .submitted = 20230214, .received = 20230308, .members = "Brinkhorst-Aalders|Volt",
     .addressees = "Minister van Justitie en Veiligheid", .answered_by = "",
     .nq = 0, .notes = "", .subject = "het personeelstekort bij de vrijwillige brandweer",
     .checks = {"X^De vragen van het lid Brinkhorst-Aalders (Volt)",
                "X$De vragen zullen zo spoedig mogelijk worden beantwoord."}},
};

/* ---- traps and written documents ------------------------------------- */

#define HDR(members, addressees) \
    "Vragen van " members " aan " addressees " over iets (ingezonden 1 mei 2020).\n\nVraag 1\n\nWaarom?\n"
#define MINDEF "de Minister van Defensie"

static const row traps[] = {
    /* members and parties in every shape */
    {.name = "member: het lid (SP)", .text = HDR("het lid Van Nispen (SP)", MINDEF), .submitted = 20200501,
     .kind = Q, .zaak = "", .members = "Van Nispen|SP",
     .addressees = "Minister van Defensie", .nq = 1, .subject = "iets"},
    {.name = "member: bold, allen", .kind = Q, .zaak = "",
     .text = HDR("de leden **Palland, Inge van Dijk** en **Amhaouch** (allen CDA)", MINDEF), .submitted = 20200501,
     .members = "Palland|CDA;Inge van Dijk|CDA;Amhaouch|CDA", .nq = 1},
    {.name = "member: beiden", .kind = Q, .zaak = "",
     .text = HDR("de leden Bisschop en Stoffer (beiden SGP)", MINDEF), .submitted = 20200501,
     .members = "Bisschop|SGP;Stoffer|SGP", .nq = 1},
    {.name = "member: three parties", .kind = Q, .zaak = "",
     .text = HDR("de leden Omtzigt (CDA), Gesthuizen (SP) en Schouw (D66)", MINDEF), .submitted = 20200501,
     .members = "Omtzigt|CDA;Gesthuizen|SP;Schouw|D66", .nq = 1},
    {.name = "member: A (X) en B (Y), prefixes", .kind = Q, .zaak = "",
     .text = HDR("de leden Groothuizen (D66) en Van Nispen (SP)", MINDEF), .submitted = 20200501,
     .members = "Groothuizen|D66;Van Nispen|SP", .nq = 1},
    {.name = "member: Van der, De", .kind = Q, .zaak = "",
     .text = HDR("de leden Van der Lee (GroenLinks), De Groot en Sjoerdsma (beiden D66)", MINDEF), .submitted = 20200501,
     .members = "Van der Lee|GroenLinks;De Groot|D66;Sjoerdsma|D66", .nq = 1},
    {.name = "member: no party", .kind = Q, .zaak = "",
     .text = HDR("het lid Lodders", MINDEF), .submitted = 20200501, .members = "Lodders|-", .nq = 1},
    /* addressees expanded, one title each */
    {.name = "addressee: Ministers van, van en voor", .kind = Q, .zaak = "",
     .text = HDR("het lid Palland (CDA)", "de Ministers van Justitie en Veiligheid, van Economische Zaken en Klimaat en voor Buitenlandse Handel en Ontwikkelingssamenwerking"), .submitted = 20200501,
     .addressees = "Minister van Justitie en Veiligheid;Minister van Economische Zaken en Klimaat;"
                   "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", .nq = 1},
    {.name = "addressee: ministry with comma", .kind = Q, .zaak = "",
     .text = HDR("het lid X (SP)", "de Minister van Landbouw, Natuur en Voedselkwaliteit"), .submitted = 20200501,
     .addressees = "Minister van Landbouw, Natuur en Voedselkwaliteit", .nq = 1},
    {.name = "addressee: Minister-President", .kind = Q, .zaak = "",
     .text = HDR("het lid X (SP)", "de Minister-President"), .submitted = 20200501,
     .addressees = "Minister-President", .nq = 1},
    {.name = "addressee: Staatssecretaris en de Ministers", .kind = Q, .zaak = "",
     .text = HDR("het lid X (SP)", "de Staatssecretaris van Financiën en de Ministers van Infrastructuur en Waterstaat, voor Volkshuisvesting en Ruimtelijke Ordening en voor Landbouw, Natuur en Voedselkwaliteit"), .submitted = 20200501,
     .addressees = "Staatssecretaris van Financiën;Minister van Infrastructuur en Waterstaat;"
                   "Minister voor Volkshuisvesting en Ruimtelijke Ordening;"
                   "Minister voor Landbouw, Natuur en Voedselkwaliteit", .nq = 1},
    {.name = "addressee: Minister en de Staatssecretaris van", .kind = Q, .zaak = "",
     .text = HDR("het lid X (SP)", "de Minister en de Staatssecretaris van Volksgezondheid, Welzijn en Sport"), .submitted = 20200501,
     .addressees = "Minister van Volksgezondheid, Welzijn en Sport;"
                   "Staatssecretaris van Volksgezondheid, Welzijn en Sport", .nq = 1},
    {.name = "addressee: lower case, plural Staatssecretarissen", .kind = Q, .zaak = "",
     .text = HDR("het lid X (SP)", "de minister van Financiën en de staatssecretarissen van Financiën en van Defensie"), .submitted = 20200501,
     .addressees = "Minister van Financiën;Staatssecretaris van Financiën;Staatssecretaris van Defensie",
     .nq = 1},
    {.name = "addressee: PDF line break and hyphen", .kind = Q, .zaak = "",
     .text = "Vragen van het lid Bromet (GroenLinks) aan de Ministers van Landbouw, \n"
             "Natuur en Voedsel-\nkwaliteit en voor Natuur en Stikstof over het bericht \n"
             "«Stal» (ingezonden 4 juli 2023).\n\nVraag 1\nKent u het?\n",
     .submitted = 20230704, .members = "Bromet|GroenLinks",
     .addressees = "Minister van Landbouw, Natuur en Voedselkwaliteit;Minister voor Natuur en Stikstof",
     .nq = 1, .subject = "het bericht «Stal»"},
    /* numbered blocks, combined and in other spellings */
    {.name = "headings: combined numbers", .kind = A, .zaak = "",
     .text = "Vragen van het lid X (SP) aan de Minister van Y over Z (ingezonden 2 juni 2021).\n\n"
             "Antwoord van Minister Q (Y) (ontvangen 20 juni 2021).\n\n"
             "Vraag 1, 2\n\nEen?\n\nVragen 3 en 4\n\nTwee?\n\nVraag 5\n\nDrie?\n\nVraag 6 t/m 8\n\nVier?\n\n"
             "**Vraag 9**\n\nVijf?\n\nAntwoord 1, 2\n\nEen.\n\nAntwoord 3 en 4\n\nTwee.\n\n"
             "Antwoord op vraag 5\n\nDrie.\n\nAntwoord 6-8\n\nVier.\n\nAntwoord 9:  Vijf.\n",
     .submitted = 20210602, .received = 20210620, .answered_by = "Minister Q (Y)",
     .nq = 5, .na = 5, .qnums = "1,2;3,4;5;6,7,8;9", .anums = "1,2;3,4;5;6,7,8;9",
     .checks = {"Q3,4=Twee?", "A9=Vijf.", "A5=Drie."}},
    {.name = "headings: text on the heading's line, bare Antwoord:", .kind = A, .zaak = "",
     .text = "Vragen van het lid X (PVV) aan de Minister van Y over Z (ingezonden 1 mei 2023).\n"
             "Antwoord van Minister Q (Y) (ontvangen 2 mei 2023).\n"
             "Vraag 1 Kent u het bericht?\nAntwoord 1 Ja.\nVraag 2: en dit?\nAntwoord:\nNee.\n"
             "Vraag 3 en 4 zijn samen beantwoord.\n",
     .submitted = 20230501, .received = 20230502, .nq = 2, .na = 2,
     .checks = {"Q1=Kent u het bericht?", "A1=Ja.", "Q2=en dit?",
                "A2=Nee. Vraag 3 en 4 zijn samen beantwoord."}},
    {.name = "notice: a page title says Mededeling", .kind = N, .zaak = "",
     .text = "Mededeling : Uitstel beantwoording\n"
             "Vragen van het lid X (PVV) aan de Minister van Y over Z (ingezonden 1 mei 2023).\n"
             "De vragen kunnen niet binnen de termijn worden beantwoord.\n",
     .submitted = 20230501, .members = "X|PVV", .addressees = "Minister van Y",
     .checks = {"X=De vragen kunnen niet binnen de termijn worden beantwoord.",
                "W~no signer"}},
    {.name = "headings: an answer that is a number", .kind = A, .zaak = "",
     .text = "Vragen van het lid X (PVV) aan de Minister van Y over Z (ingezonden 1 mei 2023).\n\n"
             "Antwoord van Minister Q (Y) (ontvangen 2 mei 2023).\n\n"
             "Vraag 1\n\nHoeveel zijn het er?\n\nAntwoord 1\n\n37\n\nVraag 2\n\nEn toelichting?\n\n"
             "Antwoord 2\n\nNee.\n\nToelichting\n\nDat is geheim.\n",
     .submitted = 20230501, .received = 20230502, .nq = 2, .na = 2,
     .checks = {"A1=37", "A2=Nee.\n\nToelichting\n\nDat is geheim."}},
    {.name = "headings: answers only, page breaks do not make questions", .kind = A, .zaak = "",
     .text = "Vragen van het lid X (PVV) aan de Minister van Y over Z (ingezonden 1 mei 2023).\n"
             "Antwoord van Minister Q (Y) (ontvangen 2 mei 2023).\n"
             "Antwoord 1\nEerste deel.\n1 Kamerstuk 1.\n-----\nvervolg van het antwoord.\n"
             "Antwoord 2\nNee.\n",
     .submitted = 20230501, .received = 20230502, .nq = 0, .na = 2, .notes = "",
     .checks = {"A1^Eerste deel.", "A1$vervolg van het antwoord.", "W~no numbered questions"}},
    {.name = "headings: a sentence starting with Vraag is prose", .kind = Q, .zaak = "",
     .submitted = 20200501, .text = HDR("het lid X (SP)", MINDEF) "Vraag 2 is al eerder gesteld.\n",
     .nq = 1, .checks = {"Q1=Waarom? Vraag 2 is al eerder gesteld."}},
    /* footnote marks in every style */
    {.name = "notes: superscripts and ^{3 4}", .kind = Q, .zaak = "",
     .submitted = 20200501, .text = HDR("het lid X (SP)", MINDEF)
             "Vraag 2\n\nEn dit?^{2 3}\n\n"
             "¹ Bron een, <https://een.nl/a>\n\n² Bron twee, https://twee.nl/b.\n\n"
             "³ Bron drie (https://drie.nl/c_(d))\n",
     .nq = 2, .notes = "1:https://een.nl/a;2:https://twee.nl/b;3:https://drie.nl/c_(d)",
     .checks = {"Q2=En dit?^{2 3}", "N2=Bron twee, https://twee.nl/b."}},
    {.name = "notes: [1] and [^2]:", .kind = Q, .zaak = "",
     .submitted = 20200501, .text = HDR("het lid X (SP)", MINDEF) "[1] Eerste bron www.voorbeeld.nl/x\n[^2]: Tweede bron\n",
     .nq = 1, .notes = "1:www.voorbeeld.nl/x;2:", .checks = {"Q1=Waarom?", "N2=Tweede bron"}},
    {.name = "notes: digits glued to words, X Noot", .kind = Q, .zaak = "",
     .text = "Vragen van het lid X (SP) aan de Minister van Y over Z (ingezonden 2 juni 2021).\n\n"
             "Vraag 1\n\nKent u het bericht?1 En het rapport2?\n\n"
             "X Noot\n1\n\nNOS, 1 juni 2021, https://nos.nl/1\n\n"
             "X Noot\n2\n\nRapport, http://rapport.nl/2\n\nNaar boven\n",
     .submitted = 20210602, .nq = 1, .notes = "1:https://nos.nl/1;2:http://rapport.nl/2",
     .checks = {"Q1=Kent u het bericht?1 En het rapport2?"}},
    {.name = "notes: PDF marks on own line, glued note lines", .kind = Q, .zaak = "",
     .text = "Vragen van het lid X (SP) aan de Minister van Y over Z (ingezonden 2 juni 2021).\n"
             "Vraag 1\nKent u de brief van 30 juni\n1 \nen het rapport?\n"
             "Vraag 2\nEn de wet?2 Zo ja, waarom\n3 beantwoordt u dan niet?\n"
             "1Kamerstuk 29 383, nr. 406.\n2(Staatsblad 2020, 12).\n"
             "Tweede Kamer, vergaderjaar 2020–2021, Aanhangsel 1Vraag 3\nNog een?\n",
     .submitted = 20210602, .nq = 3, .notes = "1:;2:",
     .checks = {"Q2=En de wet?2 Zo ja, waarom 3 beantwoordt u dan niet?",
                "N1=Kamerstuk 29 383, nr. 406.", "Q3=Nog een?"}},
    {.name = "notes: unmarked numbers stay prose", .kind = Q, .zaak = "",
     .submitted = 20200501, .text = HDR("het lid X (SP)", MINDEF) "2 februari was het zover.\n3 Kamerleden waren er.\n",
     .nq = 1, .notes = "",
     .checks = {"Q1=Waarom? 2 februari was het zover. 3 Kamerleden waren er."}},
    /* hostile and empty input: warnings, no crash */
    {.name = "empty text", .text = "", .kind = Q, .zaak = "", .members = "",
     .addressees = "", .answered_by = "", .nq = 0, .na = 0, .notes = "",
     .checks = {"W~no header", "W~no numbered questions"}},
    {.name = "no header", .text = "Vraag 1\n\nWaarom?\n\nVraag 2\n\nEn nu?\n", .kind = Q,
     .zaak = "", .members = "", .addressees = "", .nq = 2,
     .checks = {"W=line 1: no header (\"Vragen van ...\") found", "Q2=En nu?"}},
    {.name = "garbage", .kind = Q, .zaak = "", .members = "",
     .text = "((((Vragen)))) [[[[ ^{ ¹²³ \xe2\x81 )))) aan over (ingezonden\n"
             "Vragen van (((( aan over (ingezonden )\n1\n\n[\n^\n\xc2\n",
     .nq = 1,   /* the bare "1" after a header reads as tweedemonitor's question 1 */
     .checks = {"W~no members"}},
    {.name = "date not understood: 32 januari", .kind = Q, .zaak = "", .submitted = 0,
     .text = "Vragen van het lid X (SP) aan de Minister van Y over Z (ingezonden 32 januari 2022).\n\nVraag 1\n\nWaarom?\n",
     .nq = 1, .checks = {"W=line 1: date not understood: \"32 januari 2022\""}},
    {.name = "no submission date", .kind = Q, .zaak = "2021Z00001", .submitted = 0,
     .text = "2021Z00001\n\nVragen van het lid X (SP) aan de Minister van Y over Z.\n\nVraag 1\n\nWaarom?\n",
     .subject = "Z", .nq = 1, .checks = {"W~line 3: no submission date"}},
    {.name = "zaak: body zaak numbers cite others", .kind = Q, .zaak = "",
     .submitted = 20200501, .text = HDR("het lid X (SP)", MINDEF) "Zie ook vraagnummer 2016Z05536.\n",
     .nq = 1, .clean = 1},
    {.name = "zaak and docnum from the name", .kind = Q, .zaak = "2019Z11111",
     .id = "2019/kv-tk-2019Z11111", .docnum = "kv-tk-2019Z11111", .submitted = 20200501,
     .text = HDR("het lid X (SP)", MINDEF) "Zie ook vraagnummer 2016Z05536 (2016D12345).\n",
     .nq = 1, .clean = 1},
    {.name = "zaak and docnum from the text first", .kind = A, .zaak = "2019Z09087",
     .id = "tm-2019D22428", .docnum = "2019D55555",
     .text = "Zaaknummer: 2019D55555\n\nschriftelijke vragen van het lid Lodders over X "
             "(ingezonden 7 mei 2019, kenmerk 2019Z09087).\n\n1\n\nWaarom?\n\nAntwoord\n\nDaarom.\n\n"
             "2\n\nEn 2020Z00001?\n\nAntwoord\n\nNee.\n",
     .submitted = 20190507, .members = "Lodders|-", .nq = 2, .na = 2,
     .checks = {"Q2=En 2020Z00001?", "A2=Nee."}},

    /* an aggregator's page that does label its answers: read as labelled */
    {.name = "aggregator: bullets with Antwoord labels", .kind = A, .zaak = "2018Z00011",
     .text = "Kamervraag 2018Z00011\n\n"
             "Vragen van het lid Doornbos (SGP) aan de Minister van Financiën over de muntslag "
             "(ingezonden 2 januari 2018).\n\n"
             "Ingediend 2 januari 2018\nBeantwoord 30 januari 2018 (na 28 dagen)\n"
             "Beantwoord door Anna Reijnders-Vos (minister van Financiën) (CDA)\n\n"
             "• Vraag 1\nWaarom?\n\n• Antwoord 1\nDaarom.\n\n• Vraag 2\nEn nu?\n\n"
             "• Antwoord 2\nNu niet.\n",
     .submitted = 20180102, .received = 20180130, .members = "Doornbos|SGP",
     .addressees = "Minister van Financiën",
     .answered_by = "Minister Anna Reijnders-Vos (Financiën)", .nq = 2, .na = 2,
     .subject = "de muntslag", .clean = 1,
     .checks = {"Q1=Waarom?", "A1=Daarom.", "A2=Nu niet."}},
    /* an aggregator's page of a question not answered yet: a question,
     * its date from "Ingediend", its address from "Bron vraag" */
    {.name = "aggregator: not answered yet", .kind = Q, .zaak = "2024Z00077",
     .docnum = "kv-tk-2024Z00077",
     .text = "Kamervraag 2024Z00077\n\n"
             "Vragen van het lid Hendriksma (NSC) aan de Staatssecretaris van Financiën over de "
             "toeslagen\n\nIngediend 5 januari 2024\nIndiener Jelle Hendriksma (NSC)\n"
             "Onderwerpen belasting\n"
             "Bron vraag https://zoek.officielebekendmakingen.nl/kv-tk-2024Z00077.html\n\n"
             "• Vraag 1\n\nWanneer is de herstelregeling klaar?\n\nDat wil ik graag weten.\n",
     .submitted = 20240105, .members = "Hendriksma|NSC",
     .addressees = "Staatssecretaris van Financiën", .answered_by = "",
     .source_urls = "https://zoek.officielebekendmakingen.nl/kv-tk-2024Z00077.html",
     .nq = 1, .na = 0, .subject = "de toeslagen", .clean = 1,
     .checks = {"Q1=Wanneer is de herstelregeling klaar?\n\nDat wil ik graag weten.", "S=de toeslagen"}},
    /* an aggregator's answered page whose "• Vraag 1" is empty (the next
     * block right under it): the empty block has nothing to split (this
     * read the byte before the text: fuzz_parse, December 2026) */
    {.name = "aggregator: an empty question block", .kind = A, .zaak = "2021Z01010",
     .docnum = "ah-tk-20202021-1010",
     .text = "Kamervraag 2021Z01010\n\n"
             "Vragen van het lid Hendriksma (NSC) aan de Minister van Financiën over de "
             "munt\n\nIngediend 5 januari 2021\nBeantwoord 2 februari 2021 (na 28 dagen)\n"
             "Indiener Jelle Hendriksma (NSC)\n"
             "Beantwoord door Eelco Heinen (minister van Financiën) (VVD)\n"
             "Bron antwoord https://zoek.officielebekendmakingen.nl/ah-tk-20202021-1010.html\n\n"
             "• Vraag 1\n• Vraag 2\n\nWaarom?\n\nDaarom.\n",
     .submitted = 20210105, .received = 20210202, .members = "Hendriksma|NSC",
     .addressees = "Minister van Financiën",
     .answered_by = "Minister Eelco Heinen (Financiën)",
     .source_urls = "https://zoek.officielebekendmakingen.nl/ah-tk-20202021-1010.html",
     .nq = 2, .na = 1, .anums = "2", .subject = "de munt", .clean = 1,
     .checks = {"Q1=", "Q2=Waarom?", "A2=Daarom."}},
    /* a footnote mark glued to a year, its superscript lost: "20102?" */
    {.name = "glued: a mark glued to a year", .kind = Q, .zaak = "",
     .text = "Vragen van het lid Kok (SP) aan de Minister van Defensie over de radar "
             "(ingezonden 1 mei 2020).\n\nVraag 1\n\nKent u het bericht?1\n\nVraag 2\n\n"
             "Klopt het dat dit al speelt sinds 20102?\n\n1 Dagblad, 1 mei 2020\n"
             "2 Kamerstuk 12 345, nr. 6\n",
     .submitted = 20200501, .members = "Kok|SP", .addressees = "Minister van Defensie",
     .nq = 2, .notes = "1:;2:", .subject = "de radar", .clean = 1,
     .checks = {"Q2=Klopt het dat dit al speelt sinds 20102?", "N1=Dagblad, 1 mei 2020",
                "N2=Kamerstuk 12 345, nr. 6"}},
    /* early version: questions as "1) ...": a "1)" line is a question unless
     * " 1)" marked a note before it; the notes follow */
    {.name = "early: 1) items, 1) notes", .kind = Q, .zaak = "2016Z00022",
     .text = "2016Z00022\n\n"
             "Vragen van het lid Roelofsen (PvdA) aan de minister van Defensie over de "
             "kustwacht (Ingezonden 4 januari 2016)\n\n"
             "1) Kent u het bericht over de kustwacht? 1)\n"
             "2) Hoeveel schepen zijn er inzetbaar?\n\n"
             "1) Kustkrant, 2 januari 2016\n",
     .submitted = 20160104, .members = "Roelofsen|PvdA", .addressees = "Minister van Defensie",
     .nq = 2, .notes = "1:", .subject = "de kustwacht", .clean = 1,
     .checks = {"Q1=Kent u het bericht over de kustwacht? 1)",
                "Q2=Hoeveel schepen zijn er inzetbaar?", "N1=Kustkrant, 2 januari 2016"}},
    /* a list inside an answer is no question; an item that asks is */
    {.name = "party page: a list in an answer", .kind = A, .zaak = "",
     .text = "Onze vragen over de dijken\n\n"
             "Na de storm van vorige week wil Kamerlid Smeenk weten hoe het met de dijken staat. "
             "Zij stelde de minister daarom vragen.\n\n"
             "Vragen van het lid Smeenk (BBB) aan de Minister van Infrastructuur en Waterstaat over "
             "de dijken (ingezonden 5 maart 2024).\n\n"
             "1. Hoe sterk zijn de dijken?\n\nAntwoord\n\n1. De dijken zijn sterk:\n"
             "2. de meeste voldoen aan de norm;\n3. enkele niet.\n\n"
             "2. Wanneer worden de zwakke dijken versterkt?\n\nAntwoord\n\nIn 2026.\n",
     .submitted = 20240305, .members = "Smeenk|BBB",
     .addressees = "Minister van Infrastructuur en Waterstaat", .answered_by = "",
     .nq = 2, .na = 2, .clean = 1,
     .checks = {"A1^De dijken zijn sterk: 2. de meeste voldoen aan de norm; 3. enkele niet.",
                "Q2=Wanneer worden de zwakke dijken versterkt?", "A2=In 2026."}},

    /* Documents written for these tests, in the style of real ones. */
    /* 2019: two members with first names, the Minister-President with his
     * second title, a question pair, [1] footnotes */
    {.name = "written: 2019 VVD/D66, Minister-President", .kind = Q, .zaak = "2019Z04211",
     .text = "2019Z04211\n\n"
             "Vragen van de leden Dilan Yeşilgöz-Zegerius (VVD) en Rob Jetten (D66) aan de "
             "Minister-President, Minister van Algemene Zaken, en de Minister van Justitie en "
             "Veiligheid over het bericht «Cybercriminelen richten zich op ziekenhuizen» "
             "(ingezonden 3 maart 2019).\n\n"
             "Vraag 1\n\nBent u bekend met het bericht «Cybercriminelen richten zich op ziekenhuizen»?[1]\n\n"
             "Vraag 2, 3\n\nDeelt u de mening dat dit onacceptabel is? Zo nee, waarom niet?\n\n"
             "Vragen 4 en 5\n\nWelke maatregelen neemt u?\n\n"
             "[1] NOS, 2 maart 2019, https://nos.nl/artikel/2274123-cyber.html.\n",
     .submitted = 20190303,
     .members = "Dilan Yeşilgöz-Zegerius|VVD;Rob Jetten|D66",
     .addressees = "Minister-President;Minister van Justitie en Veiligheid",
     .answered_by = "", .nq = 3, .qnums = "1;2,3;4,5",
     .notes = "1:https://nos.nl/artikel/2274123-cyber.html",
     .subject = "het bericht «Cybercriminelen richten zich op ziekenhuizen»", .clean = 1},
    /* 2008: lower-case titles, "(Ingezonden", bare numbers, the answer line
     * after the questions and answers numbered from 1 again */
    {.name = "written: 2008 answer, bare numbers", .kind = A, .zaak = "",
     .text = "Vragen van het lid Irrgang (SP) aan de minister van Financiën over de "
             "achterstanden bij de belastingdienst. (Ingezonden 5 maart 2008)\n\n"
             "1\n\nKent u het bericht dat de belastingdienst achterloopt?\n\n"
             "2\n\nWat gaat u daaraan doen?\n\n"
             "Antwoord van minister Bos (Financiën) (Ontvangen 28 maart 2008)\n\n"
             "1\n\nJa.\n\n2\n\nIk heb maatregelen genomen.\n",
     .submitted = 20080305, .received = 20080328,
     .members = "Irrgang|SP", .addressees = "Minister van Financiën",
     .answered_by = "Minister Bos (Financiën)", .nq = 2, .na = 2, .notes = "",
     .subject = "de achterstanden bij de belastingdienst",
     .checks = {"Q2=Wat gaat u daaraan doen?", "A1=Ja.", "A2=Ik heb maatregelen genomen."}},
    /* withdrawn questions: fields still read, no questions */
    {.name = "written: ingetrokken", .kind = Q, .zaak = "",
     .text = "Vragen van het lid Wassenberg (PvdD) aan de Staatssecretarissen van Financiën en "
             "van Economische Zaken en Klimaat over de ganzenjacht (ingezonden 12 februari 2019, "
             "ingetrokken 20 februari 2019).\n\nDeze vragen zijn op 20 februari 2019 ingetrokken.\n",
     .submitted = 20190212, .members = "Wassenberg|PvdD",
     .addressees = "Staatssecretaris van Financiën;Staatssecretaris van Economische Zaken en Klimaat",
     .nq = 0, .na = 0, .subject = "de ganzenjacht",
     .checks = {"W~no numbered questions", "H$ingetrokken 20 februari 2019)."}},
    /* 2018 answer: three members, "de Minister en de Staatssecretaris",
     * mede namens two, a combined answer, ^{1} footnote */
    {.name = "written: 2018 answer, mede namens", .kind = A, .zaak = "",
     .text = "Vragen van de leden Hermans (VVD), Sjoerdsma (D66) en Voordewind (ChristenUnie) "
             "aan de Minister van Buitenlandse Zaken, de Minister voor Buitenlandse Handel en "
             "Ontwikkelingssamenwerking en de Minister en de Staatssecretaris van Defensie over de "
             "situatie in Jemen (ingezonden 14 november 2018).\n\n"
             "Antwoord van Minister Blok (Buitenlandse Zaken), mede namens de Minister voor "
             "Buitenlandse Handel en Ontwikkelingssamenwerking en de Minister van Defensie "
             "(ontvangen 5 december 2018).\n\n"
             "Vraag 1\n\nBent u bekend met het rapport?^{1}\n\nAntwoord 1\n\nJa.\n\n"
             "Vraag 2\n\nKlopt het dat er wapens zijn geleverd?\n\nVraag 3\n\nZo ja, welke?\n\n"
             "Antwoord 2 en 3\n\nNee. Dat klopt niet.\n\n"
             "^{1} Amnesty International, «Jemen», <https://www.amnesty.nl/jemen>\n",
     .submitted = 20181114, .received = 20181205,
     .members = "Hermans|VVD;Sjoerdsma|D66;Voordewind|ChristenUnie",
     .addressees = "Minister van Buitenlandse Zaken;"
                   "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking;"
                   "Minister van Defensie;Staatssecretaris van Defensie",
     .answered_by = "Minister Blok (Buitenlandse Zaken)",
     .on_behalf_of = "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking;"
                    "Minister van Defensie",
     .nq = 3, .na = 2, .anums = "1;2,3", .notes = "1:https://www.amnesty.nl/jemen",
     .subject = "de situatie in Jemen", .checks = {"A2,3=Nee. Dat klopt niet."}},
    /* a notice on its own: the questions named inside its text */
    {.name = "written: notice, header inside", .kind = N, .zaak = "2020Z06012",
     .text = "Mededeling van Minister Hoekstra (Financiën) (ontvangen 22 april 2020).\n\n"
             "De vragen van het lid Omtzigt (CDA) aan de Minister van Financiën over de "
             "toeslagenaffaire (ingezonden 31 maart 2020, 2020Z06012) kunnen niet binnen de "
             "gebruikelijke termijn worden beantwoord.\n\nIk streef ernaar ze spoedig te beantwoorden.\n",
     .submitted = 20200331, .received = 20200422,
     .members = "Omtzigt|CDA", .addressees = "Minister van Financiën",
     .answered_by = "Minister Hoekstra (Financiën)", .nq = 0, .na = 0,
     .subject = "de toeslagenaffaire",
     .checks = {"X^De vragen van het lid Omtzigt", "X$ze spoedig te beantwoorden."}},
};

/* ---- checking a row --------------------------------------------------- */

static char *read_sample(const char *name, size_t *len)
{
    char path[256];
    /* "data/x": a document written for the tests, in tests/data/ */
    snprintf(path, sizeof path, strchr(name, '/') ? "tests/%s.txt" : "samples/%s.txt", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (run from the project root)", path);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    return buf;
}

/* Append to a join: "a;b". */
static void join(char *out, size_t cap, const char *s)
{
    size_t n = strlen(out);
    snprintf(out + n, cap - n, "%s%s", n ? ";" : "", s);
}

static void nums_text(const fmt_block *b, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t j = 0; j < b->nnumbers && o < cap; j++)
        o += (size_t)snprintf(out + o, cap - o, "%s%u", j ? "," : "", b->numbers[j]);
}

static void check_blocks(const fmt_block *b, size_t n, const char *want)
{
    char got[2048] = "", one[256];
    for (size_t i = 0; i < n; i++) {
        nums_text(&b[i], one, sizeof one);
        join(got, sizeof got, one);
    }
    if (want) {
        assert_string_equal(got, want);
        return;
    }
    for (size_t i = 0; i < n; i++) {       /* 1..n, one number each */
        assert_int_equal(b[i].nnumbers, 1);
        assert_int_equal(b[i].numbers[0], i + 1);
    }
}

/* What holds for any document: spans inside the text, bodies without their
 * heading, footnotes without their mark; for real documents (strict), no
 * trailer inside a block either. */
static void check_invariants(const fmt_doc *d, int strict)
{
    const fmt_span *sp[2] = {&d->header, &d->notice};
    for (int i = 0; i < 2; i++)
        assert_true(sp[i]->off <= d->len && sp[i]->len <= d->len - sp[i]->off);
    assert_true(d->kind >= FMT_QUESTION && d->kind <= FMT_NOTICE);
    for (int k = 0; k < 2; k++) {
        const fmt_block *b = k ? d->answers : d->questions;
        size_t n = k ? d->nanswers : d->nquestions;
        for (size_t i = 0; i < n; i++) {
            assert_true(b[i].span.off <= d->len && b[i].span.len <= d->len - b[i].span.off);
            assert_true(b[i].nnumbers >= 1 && b[i].nnumbers <= 64);
            char *t = fmt_span_text(d, b[i].span);
            assert_non_null(t);
            assert_false(!strncmp(t, "Vraag ", 6) && t[6] >= '0' && t[6] <= '9');
            assert_false(!strncmp(t, "Antwoord ", 9) && t[9] >= '0' && t[9] <= '9');
            if (strict) {
                assert_null(strstr(t, "Naar boven"));
                assert_null(strstr(t, "X Noot"));
                assert_null(strstr(t, "Disclaimer"));
            }
            free(t);
        }
    }
    for (size_t i = 0; i < d->nfootnotes; i++) {
        const fmt_note *f = &d->footnotes[i];
        assert_true(f->span.off <= d->len && f->span.len <= d->len - f->span.off);
        assert_non_null(f->mark);
        char *t = fmt_span_text(d, f->span);
        assert_non_null(t);
        assert_true(strlen(t) > 0);
        if (strict)
            assert_false(!strncmp(t, f->mark, strlen(f->mark)) && t[strlen(f->mark)] == ' ');
        free(t);
    }
    for (size_t i = 0; i < d->nwarnings; i++)
        assert_int_equal(strncmp(d->warnings[i], "line ", 5), 0);
}

/* "Q5", "A2,3", "N1", "H", "X": the text a check is about. */
static char *check_target(const fmt_doc *d, const char *c, const char **rest)
{
    char key[64];
    size_t k = strcspn(c, "=^$~");
    assert_true(k < sizeof key && c[k]);
    memcpy(key, c, k);
    key[k] = '\0';
    *rest = c + k;
    if (key[0] == 'H')
        return fmt_span_text(d, d->header);
    if (key[0] == 'X')
        return fmt_span_text(d, d->notice);
    if (key[0] == 'S')
        return strdup(d->subject ? d->subject : "");
    if (key[0] == 'N') {
        size_t i = (size_t)atoi(key + 1);
        assert_true(i >= 1 && i <= d->nfootnotes);
        return fmt_span_text(d, d->footnotes[i - 1].span);
    }
    const fmt_block *b = key[0] == 'Q' ? d->questions : d->answers;
    size_t n = key[0] == 'Q' ? d->nquestions : d->nanswers;
    char one[256];
    for (size_t i = 0; i < n; i++) {
        nums_text(&b[i], one, sizeof one);
        if (!strcmp(one, key + 1))
            return fmt_span_text(d, b[i].span);
    }
    fail_msg("no block %s", key);
    return NULL;
}

static void check_text(const char *got, char op, const char *want, const char *what)
{
    size_t gl = strlen(got), wl = strlen(want);
    int ok = op == '=' ? !strcmp(got, want)
           : op == '^' ? !strncmp(got, want, wl)
           : op == '$' ? gl >= wl && !strcmp(got + gl - wl, want)
                       : strstr(got, want) != NULL;
    if (!ok)
        fail_msg("%s: got \"%s\", want %c\"%s\"", what, got, op, want);
}

static void check_one(const fmt_doc *d, const char *c)
{
    const char *rest;
    if (c[0] == 'W') {
        for (size_t i = 0; i < d->nwarnings; i++) {
            const char *w = d->warnings[i];
            if (c[1] == '=' ? !strcmp(w, c + 2) : strstr(w, c + 2) != NULL)
                return;
        }
        fail_msg("no warning %s", c + 1);
    }
    char *t = check_target(d, c, &rest);
    assert_non_null(t);
    check_text(t, rest[0], rest + 1, c);
    free(t);
}

static void check_row(const row *r, const fmt_doc *d)
{
    char got[8192];
    check_invariants(d, 1);
    assert_int_equal(d->kind, r->kind);
    if (r->zaak)
        assert_string_equal(d->zaak, r->zaak);
    if (r->docnum)
        assert_string_equal(d->docnum ? d->docnum : "(null)", r->docnum);
    else if (!r->text)
        assert_null(d->docnum);
    assert_int_equal(d->submitted, r->submitted);
    assert_int_equal(d->received, r->received);
    if (r->members) {
        got[0] = '\0';
        for (size_t i = 0; i < d->nmembers; i++) {
            char m[512];
            snprintf(m, sizeof m, "%s|%s", d->members[i].name,
                     d->members[i].party ? d->members[i].party : "-");
            join(got, sizeof got, m);
        }
        assert_string_equal(got, r->members);
    }
    /* the lists added later are asserted on every row: NULL means empty */
    const char *want[5] = {r->addressees, r->answered_by,
                           r->on_behalf_of ? r->on_behalf_of : "",
                           r->cosigned_by ? r->cosigned_by : "",
                           r->source_urls ? r->source_urls : ""};
    char **lists[5] = {d->addressees, d->answered_by, d->on_behalf_of,
                       d->cosigned_by, d->source_urls};
    size_t counts[5] = {d->naddressees, d->nanswered_by, d->non_behalf_of,
                        d->ncosigned_by, d->nsource_urls};
    for (int k = 0; k < 5; k++) {
        if (!want[k])
            continue;
        got[0] = '\0';
        for (size_t i = 0; i < counts[k]; i++)
            join(got, sizeof got, lists[k][i]);
        assert_string_equal(got, want[k]);
    }
    assert_int_equal(d->nquestions, r->nq);
    assert_int_equal(d->nanswers, r->na);
    check_blocks(d->questions, d->nquestions, r->qnums);
    check_blocks(d->answers, d->nanswers, r->anums);
    if (r->notes) {
        got[0] = '\0';
        for (size_t i = 0; i < d->nfootnotes; i++) {
            char m[2048];
            size_t o = (size_t)snprintf(m, sizeof m, "%s:", d->footnotes[i].mark);
            for (size_t j = 0; j < d->footnotes[i].nurls && o < sizeof m; j++)
                o += (size_t)snprintf(m + o, sizeof m - o, "%s%s", j ? " " : "",
                                      d->footnotes[i].urls[j]);
            join(got, sizeof got, m);
        }
        assert_string_equal(got, r->notes);
    }
    if (r->subject) {
        assert_non_null(d->subject);
        /* the documents of tests/data give their subject whole */
        check_text(d->subject, strncmp(r->name, "data/", 5) ? '^' : '=', r->subject, "subject");
    }
    if (r->clean && d->nwarnings)
        fail_msg("unexpected warning: %s", d->warnings[0]);
    for (int i = 0; i < 6 && r->checks[i]; i++)
        check_one(d, r->checks[i]);
}

static void test_row(void **state)
{
    const row *r = *state;
    fmt_doc d = {0};
    size_t len;
    char *text = r->text ? NULL : read_sample(r->name, &len);
    const char *src = r->text ? r->text : text;
    if (r->text)
        len = strlen(r->text);
    char msg[128];
    if (!r->text)      /* every sample is text we accept */
        assert_int_equal(parse_check_text(src, len, msg, sizeof msg), 0);
    assert_int_equal(fmt_doc_set_text(&d, src, len), 0);
    /* inline rows carry their zaak in the text, their id, or nowhere */
    const char *id = r->text ? (r->id ? r->id : "inline")
                   : strrchr(r->name, '/') ? strrchr(r->name, '/') + 1 : r->name;
    assert_int_equal(parse_doc(&d, id), 0);
    check_row(r, &d);
    /* parsing again replaces the fields rather than adding to them */
    assert_int_equal(parse_doc(&d, id), 0);
    check_row(r, &d);
    fmt_doc_free(&d);
    free(text);
}

/* ---- hostile input: bounded time and memory ------------------------- */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Parse n bytes made by repeating unit after prefix; check the invariants
 * and that it took at most limit seconds (generous: this runs under
 * sanitizers too; the parser does 100+ MB/s optimised). */
static fmt_doc *parse_big(const char *prefix, const char *unit, size_t n, double limit)
{
    size_t pl = strlen(prefix), ul = strlen(unit);
    char *buf = malloc(n + 1);
    assert_non_null(buf);
    memcpy(buf, prefix, pl);
    for (size_t o = pl; o < n; o += ul)
        memcpy(buf + o, unit, o + ul <= n ? ul : n - o);
    fmt_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    assert_int_equal(fmt_doc_set_text(d, buf, n), 0);
    free(buf);
    double t0 = now();
    assert_int_equal(parse_doc(d, "big"), 0);
    double t = now() - t0;
    if (t > limit)
        fail_msg("%s...: %.2f s for %zu bytes", unit, t, n);
    check_invariants(d, 0);
    assert_true(d->nwarnings <= 41);
    return d;
}

static void free_big(fmt_doc *d)
{
    fmt_doc_free(d);
    free(d);
}

static void test_huge_line(void **state)
{
    (void)state;
    fmt_doc *d = parse_big("Vragen van het lid X (SP) aan de Minister van Y over ", "z", 30u << 20, 10);
    assert_int_equal(d->nmembers, 1);
    assert_true(d->subject && strlen(d->subject) < 8192);   /* header bounded */
    free_big(d);
    d = parse_big("", "a", 30u << 20, 10);
    assert_int_equal(d->nquestions, 0);
    free_big(d);
}

static void test_many_headings(void **state)
{
    (void)state;
    fmt_doc *d = parse_big("", "Vraag\n", 12u << 20, 15);
    assert_int_equal(d->nquestions, 1000);                  /* capped */
    int capped = 0;
    for (size_t i = 0; i < d->nwarnings; i++)
        capped |= strstr(d->warnings[i], "more than 1000 questions") != NULL;
    assert_true(capped);
    free_big(d);
    d = parse_big("", "Vraag 1 en 2\nAntwoord 1 en 2\n", 8u << 20, 15);
    assert_int_equal(d->nquestions, 1000);
    assert_int_equal(d->nanswers, 1000);
    free_big(d);
    d = parse_big("", "¹ Bron https://x.nl/a https://x.nl/b\n", 8u << 20, 15);
    assert_int_equal(d->nfootnotes, 1000);
    free_big(d);
}

static void test_garbage(void **state)
{
    (void)state;
    /* deep nesting, marks, headings and separators in random order */
    static const char *const bits[] = {
        "(", ")", "[", "]", "^{", "}", "¹", "²", "Vraag ", "Antwoord ", " en ",
        "1", "2", "\n", "\n\n", "X Noot", "Vragen van ", " aan ", " over ",
        "(ingezonden ", "januari", "2022", "https://", "-tk-", "Z0", "Tweede Kamer, vergaderjaar",
        "Mededeling", "Naar boven", "\xe2\x81", "\xc2", "-----", "t/m", ","};
    size_t n = 4u << 20, o = 0;
    char *buf = malloc(n + 64);
    assert_non_null(buf);
    uint32_t x = 12345;
    while (o < n) {
        x = x * 1103515245u + 12345u;
        const char *b = bits[(x >> 16) % (sizeof bits / sizeof bits[0])];
        size_t l = strlen(b);
        memcpy(buf + o, b, l);
        o += l;
    }
    for (int round = 0; round < 2; round++) {
        fmt_doc d = {0};
        assert_int_equal(fmt_doc_set_text(&d, buf, o), 0);
        double t0 = now();
        assert_int_equal(parse_doc(&d, "garbage"), 0);
        assert_true(now() - t0 < 15);
        check_invariants(&d, 0);
        fmt_doc_free(&d);
        for (size_t i = 0; i < o; i++) {        /* now raw random bytes */
            x = x * 1103515245u + 12345u;
            buf[i] = (char)(x >> 24);
        }
    }
    free(buf);
}

/* ---- parse_check_text ------------------------------------------------ */

static void test_check_text(void **state)
{
    (void)state;
#define T(s) s, sizeof s - 1
    static const struct { const char *text; size_t len; const char *msg; } cases[] = {
        {T(""), "empty file"},
        {T(" \n\t\n"), "empty file (only white space)"},
        {T("Vraag 1\nWaarom?\n"), ""},
        {T("é ¹ «» ’ \xe2\x81\xb4 \xf0\x9f\x98\x80\n"), ""},
        {T("a\nb\n\xff\n"), "line 3: invalid UTF-8"},
        {T("ok\n\xc0\x80"), "line 2: invalid UTF-8"},          /* overlong */
        {T("\xed\xa0\x80"), "line 1: invalid UTF-8"},          /* surrogate */
        {T("\xf4\x90\x80\x80"), "line 1: invalid UTF-8"},      /* > U+10FFFF */
        {T("abc\xe2\x82"), "line 1: invalid UTF-8"},           /* cut short */
        {T("a\nb\nc\nd\ne\nf\nxx\0yy"), "binary data (NUL byte) at line 7"},
    };
#undef T
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char msg[128] = "unset";
        int r = parse_check_text(cases[i].text, cases[i].len, msg, sizeof msg);
        assert_int_equal(r != 0, cases[i].msg[0] != '\0');
        assert_string_equal(msg, cases[i].msg);
    }
    assert_int_not_equal(parse_check_text("\xff", 1, NULL, 0), 0);
    char tiny[8];
    assert_int_not_equal(parse_check_text("", 0, tiny, sizeof tiny), 0);
    assert_string_equal(tiny, "empty f");                   /* cut, terminated */
}

/* ---- doc.c helpers --------------------------------------------------- */

static void test_doc_helpers(void **state)
{
    (void)state;
    fmt_doc d = {0};
    fmt_doc_free(&d);                                       /* zeroed: fine */
    assert_int_equal(fmt_doc_set_text(&d, "a\nb\n\n  c  d \r\n\n\n e\n", (size_t)-1), 0);
    assert_int_equal(d.len, 19);
    assert_int_equal(d.text[d.len], '\0');
    fmt_span all = {0, (uint32_t)d.len};
    char *t = fmt_span_text(&d, all);
    assert_string_equal(t, "a b\n\nc d\n\ne");
    free(t);
    fmt_span past = {15, 1000};                             /* clamped */
    t = fmt_span_text(&d, past);
    assert_string_equal(t, "e");
    free(t);
    fmt_span outside = {4000000000u, 10};
    t = fmt_span_text(&d, outside);
    assert_string_equal(t, "");
    free(t);

    assert_int_equal(fmt_doc_add_member(&d, "Palland", 7, NULL, 0), 0);
    assert_int_equal(fmt_doc_add_member(&d, "Amhaouch (x)", 8, "CDAxyz", 3), 0);
    assert_null(d.members[0].party);
    assert_string_equal(d.members[1].name, "Amhaouch");
    assert_string_equal(d.members[1].party, "CDA");
    for (int i = 0; i < 100; i++)
        assert_int_equal(fmt_doc_add_str(&d.addressees, &d.naddressees, "Minister", (size_t)-1), 0);
    assert_int_equal(d.naddressees, 100);
    uint16_t nums[2] = {4, 5};
    fmt_span s = {2, 1};
    assert_int_equal(fmt_doc_add_block(&d.questions, &d.nquestions, nums, 2, s), 0);
    nums[0] = 9;                                            /* copied */
    assert_int_equal(d.questions[0].numbers[0], 4);
    assert_int_equal(fmt_doc_add_block(&d.answers, &d.nanswers, NULL, 0, s), 0);
    assert_int_equal(fmt_doc_add_note(&d, "12", 1, s), 0);
    assert_string_equal(d.footnotes[0].mark, "1");
    assert_int_equal(fmt_doc_add_note_url(&d.footnotes[0], "https://x.nl", (size_t)-1), 0);
    assert_int_equal(fmt_doc_warn(&d, "line %d: %s", 3, "date not understood"), 0);
    char longw[600];
    memset(longw, 'w', sizeof longw - 1);
    longw[sizeof longw - 1] = '\0';
    assert_int_equal(fmt_doc_warn(&d, "%s", longw), 0);
    assert_string_equal(d.warnings[0], "line 3: date not understood");
    assert_int_equal(strlen(d.warnings[1]), 599);
    assert_int_equal(fmt_doc_set_str(&d.subject, "over", 4), 0);
    assert_int_equal(fmt_doc_set_str(&d.subject, NULL, 0), 0);
    assert_null(d.subject);
    fmt_doc_free(&d);
    assert_null(d.text);
    assert_int_equal(d.nmembers, 0);

    assert_string_equal(fmt_kind_name(FMT_QUESTION), "question");
    assert_string_equal(fmt_kind_name(FMT_ANSWER), "answer");
    assert_string_equal(fmt_kind_name(FMT_NOTICE), "notice");
    assert_string_equal(fmt_kind_name(42), "unknown");
    assert_int_equal(fmt_kind_parse("Antwoord"), FMT_ANSWER);
    assert_int_equal(fmt_kind_parse("mededeling"), FMT_NOTICE);
    assert_int_equal(fmt_kind_parse("question"), FMT_QUESTION);
    assert_int_equal(fmt_kind_parse("vraagje"), FMT_KIND_NONE);
    assert_int_equal(fmt_kind_parse(NULL), FMT_KIND_NONE);
}

int main(void)
{
    size_t ns = sizeof samples / sizeof samples[0], nt = sizeof traps / sizeof traps[0];
    size_t nl = sizeof layouts / sizeof layouts[0];
    size_t n = ns + nl + nt + 5;
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < ns + nl + nt; i++) {
        const row *r = i < ns ? &samples[i] : i < ns + nl ? &layouts[i - ns] : &traps[i - ns - nl];
        tests[i].name = r->name;
        tests[i].test_func = test_row;
        tests[i].initial_state = (void *)r;
    }
    const struct CMUnitTest more[5] = {
        cmocka_unit_test(test_check_text), cmocka_unit_test(test_doc_helpers),
        cmocka_unit_test(test_huge_line), cmocka_unit_test(test_many_headings),
        cmocka_unit_test(test_garbage)};
    memcpy(tests + ns + nl + nt, more, sizeof more);
    int failed = _cmocka_run_group_tests("parse", tests, n, NULL, NULL);
    free(tests);
    return failed ? 1 : 0;
}
