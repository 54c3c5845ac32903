/* lang.c - the reader's strings in Dutch (the default) and English.
 *
 * One table, one row per string, so a missing translation shows up as a
 * row with one column: the compiler counts them (see the static assert).
 */
#include "lang.h"

#include <stddef.h>

static const char *const strings[S_COUNT][LANG_COUNT] = {
    [S_APP] = { "Vraagbaak", "Vraagbaak" },
    [S_SEARCH_HINT] = { "Zoek in Kamervragen…  (typ om te zoeken)",
                        "Search parliamentary questions…  (type to search)" },
    [S_FIND_HINT] = { "Zoek in dit document", "Find in this document" },
    [S_JUMP_HINT] = { "Ga naar: zaaknummer (2022Z01227), jaar (2021) of maand (2021-03)",
                      "Go to: case number (2022Z01227), year (2021) or month (2021-03)" },
    [S_JUMP_LABEL] = { "Ga naar", "Go to" },
    [S_NOHITS] = { "Niets gevonden voor deze zoekvraag.", "Nothing found for this query." },
    [S_SEARCHING] = { "Zoeken…", "Searching…" },
    [S_DIDYOUMEAN] = { "Bedoelde u: %s", "Did you mean: %s" },
    [S_QUERY_ERROR] = { "Zoekvraag niet begrepen: %s", "Query not understood: %s" },
    [S_SEARCH_FAILED] = { "Zoeken mislukt: %s", "Search failed: %s" },
    [S_NEWEST] = { "Nieuwste eerst", "Newest first" },
    [S_CASES] = { "%u documenten · %u zaken", "%u documents · %u cases" },
    [S_ST_OPEN] = { "geen antwoord in dit archief", "no answer in this archive" },
    [S_ST_ANSWERED] = { "beantwoord na %d dagen", "answered after %d days" },
    /* list, search, statuses */
    [S_N_CASES] = { "%zu zaken", "%zu cases" },
    [S_1_CASE] = { "1 zaak", "1 case" },
    [S_N_DOCS] = { "%zu documenten", "%zu documents" },
    [S_1_DOC] = { "1 document", "1 document" },
    [S_ST_OPEN_DAYS] = { "geen antwoord in dit archief (%d dagen na indienen)",
                         "no answer in this archive (%d days after it was asked)" },
    [S_ST_MARK] = { "later dan 3 weken", "beyond the 3-week term" },
    [S_ST_NOTICE] = { "uitstel gemeld", "delay announced" },
    [S_ST_DAMAGED] = { "beschadigd in dit archief", "damaged in this archive" },
    [S_UNFINISHED] = { "Typ verder: %s", "Keep typing: %s" },
    [S_QE_QUOTE] = { "de aanhalingstekens zijn nog open", "the quotes are still open" },
    [S_QE_PAREN] = { "de haakjes kloppen nog niet", "the parentheses do not match yet" },
    [S_QE_OPERATOR] = { "OF, EN en NIET hebben een woord nodig", "OR, AND and NOT need a word" },
    [S_QE_PREFIX] = { "typ minstens 2 letters voor *", "type at least 2 letters before *" },
    [S_QE_FIELD] = { "dit filter kent die waarde niet", "this filter does not know that value" },
    [S_QE_LONG] = { "de zoekvraag is te lang", "the query is too long" },
    [S_SKIPPED] = { "Een deel van de index is beschadigd; %zu zoekwoord(en) overgeslagen, de rest is doorzocht.",
                    "Part of the index is damaged; %zu search word(s) skipped, the rest was searched." },
    [S_SORT_RANK] = { "beste eerst", "best first" },
    [S_SORT_NEW] = { "nieuwste eerst", "newest first" },
    [S_SORT_OLD] = { "oudste eerst", "oldest first" },
    [S_SG_WORD] = { "woord", "word" },
    [S_SG_MEMBER] = { "lid", "member" },
    [S_SG_PARTY] = { "partij", "party" },
    [S_SG_TO] = { "aan", "to" },
    [S_SG_ZAAK] = { "zaak", "case" },
    [S_SG_STAR] = { "ook in langere woorden", "also inside longer words" },
    [S_TYPE_MORE] = { "Typ verder om te zoeken…", "Keep typing to search…" },
    [S_BANNER_DAMAGED] = { "Dit archief is beschadigd. Wat leesbaar is, wordt getoond; "
                           "beschadigde delen zijn gemarkeerd.",
                           "This archive is damaged. What can be read is shown; "
                           "damaged parts are marked." },
    [S_ERR_NOTFOUND] = { "Bestand niet gevonden: %s", "File not found: %s" },
    [S_ERR_DAMAGED] = { "Het bestand is beschadigd: %s", "The file is damaged: %s" },
    [S_ERR_VERSION] = { "Geen Vraagbaak-archief, of een nieuwere versie: %s",
                        "Not a Vraagbaak archive, or a newer version: %s" },
    [S_ERR_READ] = { "Het bestand kan niet worden gelezen: %s", "The file cannot be read: %s" },
    [S_ERR_PARTS] = { "Een deel van dit gesplitste archief ontbreekt of hoort er niet bij: %s",
                      "A part of this split archive is missing or does not belong: %s" },
    [S_ROW_DAMAGED] = { "(beschadigd in dit archief)", "(damaged in this archive)" },
    [S_AB_SUM_OK] = { "(berekend: klopt)", "(computed: matches)" },
    [S_AB_SUM_BAD] = { "(berekend: klopt NIET met het opgeslagen getal; het bestand is beschadigd)",
                       "(computed: does NOT match the stored one; the file is damaged)" },
    [S_ON_BEHALF_OF] = { "Mede namens", "Also on behalf of" },
    [S_COSIGNED_BY] = { "Mede ondertekend door", "Co-signed by" },
    [S_AB_SUM_STORED] = { "(opgeslagen, nog niet gecontroleerd)", "(stored, not yet checked)" },
    [S_ST_WITHDRAWN] = { "ingetrokken", "withdrawn" },
    [S_ST_DAYS] = { "beantwoord", "answered" },
    [S_ST_LATE1] = { "te laat", "late" },
    [S_K_QUESTION] = { "vragen", "questions" },
    [S_K_ANSWER] = { "antwoord", "answer" },
    [S_K_NOTICE] = { "mededeling", "notice" },
    [S_QUESTION_N] = { "Vraag %s", "Question %s" },
    [S_QUESTIONS_N] = { "Vragen %s", "Questions %s" },
    [S_ANSWER_N] = { "Antwoord %s", "Answer %s" },
    [S_ANSWERS_N] = { "Antwoord op vragen %s", "Answer to questions %s" },
    [S_ASKED_BY] = { "Gesteld door", "Asked by" },
    [S_TO] = { "Aan", "To" },
    [S_SUBMITTED] = { "Ingezonden", "Submitted" },
    [S_RECEIVED] = { "Ontvangen", "Received" },
    [S_ANSWERED_BY] = { "Beantwoord door", "Answered by" },
    [S_NOTICE] = { "Mededeling", "Notice" },
    [S_FOOTNOTES] = { "Voetnoten", "Footnotes" },
    [S_FOOTNOTES_ANSWER] = { "Voetnoten bij het antwoord", "Footnotes to the answer" },
    [S_NO_ANSWER] = { "Nog geen antwoord in dit archief.", "No answer in this archive yet." },
    [S_TEXT] = { "Tekst", "Text" },
    [S_COPIED] = { "Gekopieerd naar het klembord: %s", "Copied to the clipboard: %s" },
    [S_COPY_HINT] = { "Tab kiest een link, Enter kopieert hem", "Tab selects a link, Enter copies it" },
    [S_KIOSK_URL] = { "Adres: %s", "Address: %s" },
    [S_BOOKMARKED] = { "Bewaard als bladwijzer", "Bookmarked" },
    [S_UNBOOKMARKED] = { "Bladwijzer verwijderd", "Bookmark removed" },
    [S_FIND_COUNT] = { "%zu van %zu", "%zu of %zu" },
    [S_FIND_NONE] = { "geen", "none" },
    [S_SAVED] = { "Bewaard", "Saved" },
    [S_BOOKMARKS] = { "Bladwijzers", "Bookmarks" },
    [S_RECENT] = { "Onlangs gelezen", "Recently read" },
    [S_NONE_YET] = { "Nog niets.", "Nothing yet." },
    [S_NOT_IN_ARCHIVE] = { "(niet in dit archief)", "(not in this archive)" },
    [S_STATS] = { "Statistiek", "Statistics" },
    [S_PER_MONTH] = { "Vragen per maand", "Questions per month" },
    [S_HITS_MONTH] = { "Treffers per maand", "Hits per month" },
    [S_MEDIAN] = { "Mediane antwoordtijd: %d dagen", "Median time to answer: %d days" },
    [S_WITHIN] = { "Binnen drie weken beantwoord: %d%%", "Answered within three weeks: %d%%" },
    [S_ANSWERED_N] = { "%zu beantwoord · %zu open", "%zu answered · %zu open" },
    [S_NO_STATS] = { "Geen antwoordtijden bekend.", "No answer times known." },
    [S_STATS_WAIT] = { "Antwoordtijden worden geteld…", "Counting answer times…" },
    [S_HELP] = { "Hulp", "Help" },
    [S_HELP_TEXT] = {
        "typen\tzoeken (overal)\n"
        "/  Ctrl+L\tnaar het zoekveld\n"
        "↑ ↓  PgUp PgDn  Home End\tbladeren en scrollen\n"
        "Enter\topenen\n"
        "Esc  Backspace  Alt+←\tterug\n"
        "Alt+→\tvooruit\n"
        "Tab  Shift+Tab\tvolgend / vorig deel (filters, links)\n"
        "Ctrl+F\tzoeken in het document\n"
        "F3  Ctrl+G  (Shift)\tvolgende / vorige vondst\n"
        "Ctrl+J\tga naar zaak, jaar of maand\n"
        "Ctrl+D\tbladwijzer aan/uit\n"
        "Ctrl+B\tbladwijzers en onlangs gelezen\n"
        "Ctrl+S\tstatistiek\n"
        "Ctrl+I\tover de archieven\n"
        "Ctrl+H\tbeginscherm\n"
        "Ctrl + / − / 0\tzoomen\n"
        "Ctrl+T  F5\tthema: licht, donker, hoog contrast\n"
        "F11\tvolledig scherm\n"
        "?  F1\tdeze hulp\n"
        "Ctrl+Q\tstoppen\n"
        "\t\n"
        "zoekvraag\twoorden: allemaal (EN mag ertussen)\n"
        "\tstikstof OF visserij: een van beide\n"
        "\tNIET woord  of  -woord: zonder dat woord\n"
        "\t\"hele zin\"  ·  woord*: alles wat zo begint\n"
        "filters\tpartij:CDA lid:Omtzigt aan:Justitie jaar:2022\n"
        "\tsoort:vraag|antwoord\n"
        "\tstatus:open|beantwoord|laat|uitstel|ingetrokken",
        "typing\tsearch (anywhere)\n"
        "/  Ctrl+L\tgo to the search field\n"
        "↑ ↓  PgUp PgDn  Home End\tbrowse and scroll\n"
        "Enter\topen\n"
        "Esc  Backspace  Alt+←\tback\n"
        "Alt+→\tforward\n"
        "Tab  Shift+Tab\tnext / previous part (filters, links)\n"
        "Ctrl+F\tfind in the document\n"
        "F3  Ctrl+G  (Shift)\tnext / previous match\n"
        "Ctrl+J\tgo to a case, year or month\n"
        "Ctrl+D\tbookmark on/off\n"
        "Ctrl+B\tbookmarks and recently read\n"
        "Ctrl+S\tstatistics\n"
        "Ctrl+I\tabout the archives\n"
        "Ctrl+H\thome screen\n"
        "Ctrl + / − / 0\tzoom\n"
        "Ctrl+T  F5\ttheme: light, dark, high contrast\n"
        "F11\tfull screen\n"
        "?  F1\tthis help\n"
        "Ctrl+Q\tquit\n"
        "\t\n"
        "query\twords: all of them (AND may go between)\n"
        "\tstikstof OR visserij: either (Dutch: OF)\n"
        "\tNOT word  or  -word: without that word (Dutch: NIET)\n"
        "\t\"whole phrase\"  ·  word*: all that start so\n"
        "filters\tparty:CDA member:Omtzigt to:Justitie year:2022\n"
        "\tkind:question|answer\n"
        "\tstatus:open|answered|late|notice|withdrawn" },
    [S_ERROR] = { "Dit archief kan niet worden geopend", "This archive cannot be opened" },
    [S_ERROR_HINT] = {
        "Het bestand is beschadigd, onvolledig of geen Vraagbaak-archief. "
        "Maak het opnieuw met vbpack, of controleer het met: vbpack verify ARCHIEF.vbk",
        "The file is damaged, incomplete or not a Vraagbaak archive. "
        "Make it again with vbpack, or check it with: vbpack verify ARCHIVE.vbk" },
    [S_NOARCH] = { "Geen archief gevonden", "No archive found" },
    [S_NOARCH_TEXT] = {
        "Vraagbaak leest een archief met Kamervragen (een .vbk-bestand).\n"
        "Maak er een van tekstbestanden met:\n"
        "\tvbpack pack -o kamervragen.vbk MAP-MET-TEKSTEN/\n"
        "en open het met:\n"
        "\tvraagbaak kamervragen.vbk\n"
        "Of zet het in %s, dan vindt Vraagbaak het vanzelf.",
        "Vraagbaak reads an archive of parliamentary questions (a .vbk file).\n"
        "Make one from text files with:\n"
        "\tvbpack pack -o questions.vbk FOLDER-WITH-TEXTS/\n"
        "and open it with:\n"
        "\tvraagbaak questions.vbk\n"
        "Or put it in %s and Vraagbaak finds it by itself." },
    [S_NOTFOUND_ZAAK] = { "Zaak %s staat niet in dit archief", "Case %s is not in this archive" },
    [S_BAD_JUMP] = { "Niet begrepen: %s", "Not understood: %s" },
    [S_F_PARTY] = { "Partij", "Party" },
    [S_F_MEMBER] = { "Lid", "Member" },
    [S_F_TO] = { "Aan", "To" },
    [S_F_YEAR] = { "Jaar", "Year" },
    [S_F_KIND] = { "Soort", "Kind" },
    [S_F_STATUS] = { "Status", "Status" },
    [S_FILTERS] = { "Filters", "Filters" },
    [S_BACK] = { "Terug", "Back" },
    [S_CLOSE] = { "Sluit", "Close" },
    [S_SPACE] = { "spatie", "space" },
    [S_ARCHIVE] = { "Archief", "Archive" },
    [S_DOCS] = { "documenten", "documents" },
    [S_MONTHS] = { "maanden", "months" },
    [S_ABOUT] = { "Over de archieven", "About the archives" },
    [S_AB_EDITION] = { "Editie %s, gemaakt op %s", "Edition %s, made on %s" },
    [S_AB_RANGE] = { "Documenten van %s tot en met %s", "Documents from %s to %s" },
    [S_AB_COUNTS] = { "%u documenten: %u vragen, %u antwoorden, %u mededelingen; %u zaken",
                      "%u documents: %u questions, %u answers, %u notices; %u cases" },
    [S_AB_SIZE] = { "%.1f MB, uit %.1f MB brontekst", "%.1f MB, from %.1f MB of source text" },
    [S_AB_CHECKSUM] = { "Controlegetal (SHA-256) van de inhoud:", "Content checksum (SHA-256):" },
    [S_AB_NOSUM] = { "geen controlegetal (beschadigd?)", "no checksum (damaged?)" },
    [S_AB_LIBRARY] = { "%d archieven, gelezen als één; staat een document in meer, dan telt de nieuwste editie.",
                       "%d archives read as one; a document held by several counts from the newest edition." },
    [S_LIBRARY] = { "%d archieven", "%d archives" },
    [S_AB_PART] = { "%s · deel %u van %u", "%s · part %u of %u" },
    /* statistics, chrome, help */
    [S_QUESTIONS_PER] = { "Vragen %s", "Questions %s" },
    [S_HITS_PER] = { "Treffers %s", "Hits %s" },
    [S_SPAN_MONTH] = { "per maand", "per month" },
    [S_SPAN_2MONTHS] = { "per twee maanden", "per two months" },
    [S_SPAN_QUARTER] = { "per kwartaal", "per quarter" },
    [S_SPAN_HALF] = { "per half jaar", "per half year" },
    [S_SPAN_YEAR] = { "per jaar", "per year" },
    [S_SPAN_YEARS] = { "per %d jaar", "per %d years" },
    [S_SPAN_MAX] = { "hoogste staaf: %u", "highest bar: %u" },
    [S_TOP_N] = { "%s (de %d meest voorkomende)", "%s (the %d most frequent)" },
    [S_YEARS_ALL] = { "Jaar (alle jaren)", "Year (every year)" },
    [S_TIP_BACK] = { "Terug", "Back" },
    [S_TIP_FORWARD] = { "Vooruit", "Forward" },
    [S_TIP_HOME] = { "Beginscherm", "Home screen" },
    [S_TIP_HELP] = { "Hulp", "Help" },
    [S_TIP_ABOUT] = { "Over de archieven", "About the archives" },
    [S_TIP_THEME] = { "Thema: licht, donker, hoog contrast", "Theme: light, dark, high contrast" },
    [S_TIP_STATS] = { "Statistiek", "Statistics" },
    [S_TIP_SAVED] = { "Bladwijzers en onlangs gelezen", "Bookmarks and recently read" },
    [S_TIP_BOOKMARK] = { "Bladwijzer aan/uit", "Bookmark on/off" },
    [S_TIP_MENU] = { "Meer knoppen", "More buttons" },
    [S_HELP_KIOSK] = {
        "tikken\topenen, kiezen\n"
        "vegen omhoog, omlaag\tscrollen (loopt even door)\n"
        "lang drukken op een knop\tzijn naam\n"
        "‹   ›\tterug, vooruit\n"
        "⌂\tbeginscherm\n"
        "☰\tbladwijzers en onlangs gelezen\n"
        "☆\tbladwijzer aan/uit (in een zaak)\n"
        "▁▅▃\tstatistiek\n"
        "◐\tthema: licht, donker, hoog contrast\n"
        "ℹ\tover de archieven\n"
        "⋯\tknoppen die niet passen\n"
        "zoekveld\ttikken, dan typen op het toetsenbord onderin\n"
        "⌨↓\ttoetsenbord weg\n"
        "filters\ttikken: aan of uit; +N toont de rest\n"
        "grafiek\teen staaf tikken: die periode\n"
        "\t\n"
        "zoekvraag\twoorden: allemaal (EN mag ertussen)\n"
        "\tstikstof OF visserij: een van beide\n"
        "\tNIET woord  of  -woord: zonder dat woord\n"
        "\t\"hele zin\"  ·  woord*: alles wat zo begint\n"
        "\t\n"
        "\tNa een paar minuten zonder aanraking begint het scherm opnieuw.",
        "tap\topen, choose\n"
        "swipe up, down\tscroll (keeps going a moment)\n"
        "long press on a button\tits name\n"
        "‹   ›\tback, forward\n"
        "⌂\thome screen\n"
        "☰\tbookmarks and recently read\n"
        "☆\tbookmark on/off (in a case)\n"
        "▁▅▃\tstatistics\n"
        "◐\ttheme: light, dark, high contrast\n"
        "ℹ\tabout the archives\n"
        "⋯\tbuttons that do not fit\n"
        "search field\ttap, then type on the keyboard below\n"
        "⌨↓\thide the keyboard\n"
        "filters\ttap: on or off; +N shows the rest\n"
        "chart\ttap a bar: that period\n"
        "\t\n"
        "query\twords: all of them (AND may go between)\n"
        "\tstikstof OR visserij: either (Dutch: OF)\n"
        "\tNOT word  or  -word: without that word (Dutch: NIET)\n"
        "\t\"whole phrase\"  ·  word*: all that start so\n"
        "\t\n"
        "\tAfter a few minutes without a touch the screen starts again." },
    [S_MORE_N] = { "+%d", "+%d" },
    [S_LESS] = { "minder", "less" },
    /* case screen */
    [S_CS_DAMAGED_Q] = { "Vragen — beschadigd in dit archief", "Questions — damaged in this archive" },
    [S_CS_DAMAGED_A] = { "Antwoord — beschadigd in dit archief", "Answer — damaged in this archive" },
    [S_CS_DAMAGED_N] = { "Mededeling — beschadigd in dit archief", "Notice — damaged in this archive" },
    [S_CS_DAMAGED_X] = { "Document — beschadigd in dit archief", "Document — damaged in this archive" },
    [S_CS_DAMAGED_WHY] = { "Document %s kon niet worden gelezen: de opgeslagen tekst is beschadigd.",
                           "Document %s could not be read: its stored text is damaged." },
    [S_CS_DAMAGED_ZAAK] = { "Zaak %s staat in dit archief, maar is beschadigd en kon niet worden gelezen",
                            "Case %s is in this archive, but it is damaged and could not be read" },
    [S_CS_FOOTNOTES_Q] = { "Voetnoten bij de vragen", "Footnotes to the questions" },
    [S_CS_SOURCES] = { "Bronnen", "Sources" },
    [S_CS_SRC_CASE] = { "Zaak", "Case" },
    [S_CS_SRC_Q] = { "Vragen", "Questions" },
    [S_CS_SRC_A] = { "Antwoord", "Answer" },
    [S_CS_SRC_N] = { "Mededeling", "Notice" },
    [S_CS_PARA_COPIED] = { "Alinea gekopieerd naar het klembord (%s tekens)",
                           "Paragraph copied to the clipboard (%s characters)" },
    [S_CS_KIOSK_PARA] = { "Kopiëren kan hier niet; de alinea staat in de zaak %s",
                          "Copying is not possible here; the paragraph is in case %s" },
    [S_CS_TIP_FIND] = { "Zoek in deze zaak (Ctrl+F)", "Find in this case (Ctrl+F)" },
    [S_CS_TIP_ZOOM_IN] = { "Grotere letters (Ctrl +)", "Larger text (Ctrl +)" },
    [S_CS_TIP_ZOOM_OUT] = { "Kleinere letters (Ctrl −)", "Smaller text (Ctrl −)" },
    [S_CS_TIP_JUMP] = { "Ga naar een zaaknummer (Ctrl+J)", "Go to a case number (Ctrl+J)" },
    [S_CS_TIP_PREV] = { "Vorige (Shift+F3)", "Previous (Shift+F3)" },
    [S_CS_TIP_NEXT] = { "Volgende (F3)", "Next (F3)" },
    [S_CS_TIP_CLOSE] = { "Sluit (Esc)", "Close (Esc)" },
    [S_CS_DAMAGED_SRC] = { " De officiële publicatie staat hierboven bij Bronnen.",
                           " The official publication is listed above under Sources." },
    [S_CS_DAMAGED_REST] = { " De rest van de zaak is wel leesbaar.",
                            " The rest of the case could be read." },
    [S_CS_LAYING_OUT] = { "De rest van de tekst wordt nog opgemaakt…",
                          "The rest of the text is still being laid out…" },
    [S_NEW_EDITION] = { "Nieuwe editie geopend: %s", "New edition opened: %s" },
};

static const char *const months[LANG_COUNT][12] = {
    { "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec" },
    { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
};

static const char *const months_long[LANG_COUNT][12] = {
    { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
      "september", "oktober", "november", "december" },
    { "January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December" },
};

const char *lang_text(int lang, int id)
{
    const char *s;

    if (lang < 0 || lang >= LANG_COUNT)
        lang = LANG_NL;
    if (id < 0 || id >= S_COUNT)
        return "";
    s = strings[id][lang];
    if (!s)
        s = strings[id][LANG_NL];
    return s ? s : "";
}

const char *lang_month(int lang, int month)
{
    if (lang < 0 || lang >= LANG_COUNT)
        lang = LANG_NL;
    if (month < 1 || month > 12)
        return "?";
    return months[lang][month - 1];
}

const char *lang_month_long(int lang, int month)
{
    if (lang < 0 || lang >= LANG_COUNT)
        lang = LANG_NL;
    if (month < 1 || month > 12)
        return "?";
    return months_long[lang][month - 1];
}
