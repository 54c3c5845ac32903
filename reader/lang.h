/* lang.h - the reader's user interface strings, in Dutch and English.
 *
 * Every string a person reads comes from here, so --lang en changes all of
 * them at once. Formats (%d, %s) are the same in both languages.
 */
#ifndef VB_LANG_H
#define VB_LANG_H

enum { LANG_NL, LANG_EN, LANG_COUNT };

enum {
    S_APP, S_SEARCH_HINT, S_FIND_HINT, S_JUMP_HINT, S_JUMP_LABEL,
    S_HITS, S_HIT1, S_NOHITS, S_SEARCHING, S_DIDYOUMEAN, S_QUERY_ERROR, S_SEARCH_FAILED,
    S_NEWEST, S_CASES,
    S_ST_OPEN, S_ST_ANSWERED, S_ST_LATE, S_ST_WITHDRAWN, S_ST_DAYS, S_ST_LATE1,
    S_K_QUESTION, S_K_ANSWER, S_K_NOTICE,
    S_QUESTION_N, S_QUESTIONS_N, S_ANSWER_N, S_ANSWERS_N,
    S_ASKED_BY, S_TO, S_SUBMITTED, S_RECEIVED, S_ANSWERED_BY, S_NOTICE,
    S_FOOTNOTES, S_FOOTNOTES_ANSWER, S_NO_ANSWER, S_TEXT,
    S_COPIED, S_COPY_HINT, S_KIOSK_URL, S_BOOKMARKED, S_UNBOOKMARKED,
    S_FIND_COUNT, S_FIND_NONE,
    S_SAVED, S_BOOKMARKS, S_RECENT, S_NONE_YET, S_NOT_IN_ARCHIVE,
    S_STATS, S_PER_MONTH, S_HITS_MONTH, S_MEDIAN, S_WITHIN, S_ANSWERED_N, S_NO_STATS,
    S_STATS_WAIT,
    S_HELP, S_HELP_TEXT,
    S_ERROR, S_ERROR_HINT, S_NOARCH, S_NOARCH_TEXT,
    S_NOTFOUND_ZAAK, S_BAD_JUMP,
    S_F_PARTY, S_F_MEMBER, S_F_TO, S_F_YEAR, S_F_KIND, S_F_STATUS,
    S_FILTERS, S_BACK, S_CLOSE, S_SPACE, S_ARCHIVE, S_DOCS, S_MONTHS,
    S_ABOUT, S_AB_EDITION, S_AB_RANGE, S_AB_COUNTS, S_AB_SIZE, S_AB_CHECKSUM,
    S_AB_NOSUM, S_AB_LIBRARY, S_LIBRARY, S_AB_PART,
    /* list, search, statuses */
    S_N_CASES, S_1_CASE, S_N_DOCS, S_1_DOC, S_ST_OPEN_DAYS, S_ST_MARK, S_ST_NOTICE,
    S_ST_DAMAGED, S_UNFINISHED, S_QE_QUOTE, S_QE_PAREN, S_QE_OPERATOR, S_QE_PREFIX,
    S_QE_FIELD, S_QE_LONG, S_SKIPPED, S_SORT_RANK, S_SORT_NEW, S_SORT_OLD, S_MATCHED_IN,
    S_SG_WORD, S_SG_MEMBER, S_SG_PARTY, S_SG_TO, S_SG_ZAAK, S_SG_STAR, S_TYPE_MORE,
    S_BANNER_DAMAGED, S_BANNER_CHECKING, S_ERR_NOTFOUND, S_ERR_DAMAGED, S_ERR_VERSION,
    S_ERR_READ, S_ERR_PARTS, S_ROW_DAMAGED, S_FROM_TO, S_AB_SUM_OK, S_AB_SUM_BAD,
    S_AB_SUM_STORED,
    S_COUNT
};

/* The string id in language lang (LANG_NL when out of range). Never NULL. */
const char *lang_text(int lang, int id);

/* Month names, 1..12: short ("mrt") and long ("maart"). */
const char *lang_month(int lang, int month);
const char *lang_month_long(int lang, int month);

#endif
