/* gen_vocab.c - the corpus generator's vocabulary (word lists in order
 * of frequency, parsed once), its calendar, parliament (parties, members,
 * ministries and their holders through the years) and the open-ended
 * names (companies, places, people) that make the vocabulary grow with
 * the corpus (tool_gen.c).
 */
#include "gen.h"

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

const char *const adverbs[] = {
    "inmiddels", "nog steeds", "daadwerkelijk", "opnieuw", "structureel",
    "tijdelijk", "onvoldoende", "voldoende", "al", "nog", "niet langer",
    "niet tijdig", "te laat", "eerder", "alsnog", "ook", "wel", "uiteindelijk",
    "mogelijk", "kennelijk", "blijkbaar", "nauwelijks", "vrijwel",
    "ruimschoots", "aantoonbaar", "actief", "jaarlijks", "stelselmatig",
    "herhaaldelijk", "onterecht", "ten onrechte", "bewust", "onbewust",
    "zonder meer", "in de praktijk", "op dit moment", "in toenemende mate",
    "op grote schaal", "op korte termijn", "voorlopig", "definitief",
};

const char *const groups[] = {
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

const char *const news_sources[] = {
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
const char *const news_urls[] = {
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

const char *const laws[] = {
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

nounlist g_nouns, g_dom[D_COUNT];
adjective *g_adj;
verb *g_verb;
/* How many adjectives and verbs there are (g_adj, g_verb). */
const size_t n_adjectives = COUNT(adjectives), n_verbs = COUNT(verbs);
org *g_org;
ztab z_adj, z_verb, z_org, z_adv, z_group, z_src, z_law;
static ztab z_place, z_comp, z_first, z_minname;

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

void load_vocabulary(void)
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

long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

void civil_from_days(long z, int *y, int *m, int *d)
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

void sb_date(sbuf *b, long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    sb_num(b, (unsigned long)d);
    sb_putc(b, ' ');
    sb_put(b, months[m - 1]);
    sb_putc(b, ' ');
    sb_num(b, (unsigned long)y);
}

int year_of(long day)
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
void sb_vergaderjaar(sbuf *b, long day, const char *dash)
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

const party parties[] = {
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

member g_mem[NMEMBERS];
int g_year_mem[YEARS][NMEMBERS];
int g_year_nmem[YEARS];

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
void make_members(void)
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

const ministry ministries[] = {
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
const char *office_holder(int mi, int role, long day)
{
    int cab = cabinet_of(day);
    if (mi == MIN_AZ && role == 0)
        return prime_ministers[cab];
    rng t = { mix((uint64_t)mi * 7 + (uint64_t)role, (uint64_t)cab) };
    return minister_names[zpick(&z_minname, &t)];
}

int pick_ministry(rng *r, long day, int not1, int not2)
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
void put_company(sbuf *b, uint32_t k)
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

void put_place(sbuf *b, uint32_t k)
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
void put_person(sbuf *b, rng *r)
{
    char name[80];
    uint32_t k = heavy(r, 200000);
    rng t = { mix(k, 0x9E55) };
    const char *first = first_names[zpick(&z_first, &t)];
    make_name(name, sizeof name, first, surnames[below(&t, COUNT(surnames))]);
    sb_put(b, name);
}

