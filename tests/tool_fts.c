/* tool_fts.c - the SQLite FTS5 peer for `make bench`: builds an FTS5
 * database from the same sources vbpack packs, and runs the same query set
 * in-process, timed, the way `vbpack search --batch` does.
 *
 *   tool_fts build DB SOURCE...      one row per document
 *   tool_fts batch DB QUERYFILE      per line: hits TAB microseconds TAB query
 *   tool_fts ids DB QUERYFILE        per line: the query, then its hit ids
 *
 * A query file line is: our query TAB FTS5 MATCH expression TAB optional
 * SQL condition on the columns party, year, kind (e.g. "year = '2022'").
 * Each query costs what a result page costs: the count of all hits, then
 * the best 20 by bm25 with a snippet each.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "format.h"
#include "pack.h"
#include "source.h"

static void die(const char *what, sqlite3 *db)
{
    fprintf(stderr, "tool_fts: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
    exit(1);
}

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *ins;
    long n;
} builder;

static int add(void *ctx, const src_file *f)
{
    builder *b = ctx;
    fmt_doc d = {0};
    char msg[300];
    /* read as vbpack reads it: the same ids, the same files skipped */
    if (pack_read_doc(f, &d, msg, sizeof msg)) {
        fmt_doc_free(&d);
        return 0;
    }
    const char *id = d.id;
    char year[8] = "";
    int32_t date = fmt_doc_date(&d);
    if (date)
        snprintf(year, sizeof year, "%04d", date / 10000);
    const char *party = d.nmembers && d.members[0].party ? d.members[0].party : "";
    sqlite3_stmt *s = b->ins;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, d.subject ? d.subject : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, f->data, (int)f->len, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, party, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, year, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 6, fmt_kind_name(d.kind), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE)
        die("insert", b->db);
    sqlite3_reset(s);
    fmt_doc_free(&d);
    b->n++;
    return 0;
}

static void src_err(void *ctx, const char *display, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "tool_fts: %s: %s\n", display, msg);
}

static int build(const char *path, char **src, int nsrc)
{
    builder b = {0};
    remove(path);
    if (sqlite3_open(path, &b.db))
        die(path, b.db);
    const char *ddl =
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body,"
        " party UNINDEXED, year UNINDEXED, kind UNINDEXED,"
        " tokenize = 'unicode61 remove_diacritics 2');"
        "BEGIN;";
    if (sqlite3_exec(b.db, ddl, NULL, NULL, NULL))
        die("create", b.db);
    if (sqlite3_prepare_v2(b.db, "INSERT INTO docs VALUES (?,?,?,?,?,?)", -1,
                           &b.ins, NULL))
        die("prepare", b.db);
    for (int i = 0; i < nsrc; i++)
        src_walk(src[i], add, src_err, &b);
    sqlite3_finalize(b.ins);
    if (sqlite3_exec(b.db, "COMMIT; INSERT INTO docs(docs) VALUES('optimize');",
                     NULL, NULL, NULL))
        die("commit", b.db);
    sqlite3_close(b.db);
    printf("%ld documents\n", b.n);
    return 0;
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL))
        return NULL;
    return s;
}

/* Split "ours TAB match TAB cond" in place. */
static void split(char *line, char **m, char **c)
{
    *m = *c = "";
    char *t = strchr(line, '\t');
    if (!t)
        return;
    *t = 0;
    *m = t + 1;
    t = strchr(*m, '\t');
    if (t) {
        *t = 0;
        *c = t + 1;
    }
}

static int run(const char *path, const char *qfile, int ids)
{
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL))
        die(path, db);
    FILE *f = fopen(qfile, "r");
    if (!f)
        die(qfile, NULL);
    char line[4096], sql[8192];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char *m, *c;
        split(line, &m, &c);
        if (!*m)
            continue;
        const char *where = *c ? " AND " : "";
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        long hits = 0;
        if (ids) {
            snprintf(sql, sizeof sql,
                     "SELECT id FROM docs WHERE docs MATCH ?1%s%s", where, c);
            sqlite3_stmt *s = prep(db, sql);
            printf("Q\t%s\n", line);
            sqlite3_bind_text(s, 1, m, -1, SQLITE_STATIC);
            while (s && sqlite3_step(s) == SQLITE_ROW)
                printf("%s\n", sqlite3_column_text(s, 0));
            sqlite3_finalize(s);
            continue;
        }
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM docs WHERE docs MATCH ?1%s%s", where, c);
        sqlite3_stmt *s = prep(db, sql);
        if (s) {
            sqlite3_bind_text(s, 1, m, -1, SQLITE_STATIC);
            if (sqlite3_step(s) == SQLITE_ROW)
                hits = sqlite3_column_int64(s, 0);
            sqlite3_finalize(s);
        }
        snprintf(sql, sizeof sql,
                 "SELECT id, snippet(docs, 2, '[', ']', '…', 24) FROM docs "
                 "WHERE docs MATCH ?1%s%s ORDER BY bm25(docs, 0, 4.0, 1.0) "
                 "LIMIT 20",
                 where, c);
        s = prep(db, sql);
        if (s) {
            sqlite3_bind_text(s, 1, m, -1, SQLITE_STATIC);
            while (sqlite3_step(s) == SQLITE_ROW)
                (void)sqlite3_column_text(s, 1);
            sqlite3_finalize(s);
        } else {
            hits = -1;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double us = (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3;
        printf("%ld\t%.0f\t%s\n", hits, us, line);
    }
    fclose(f);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "build"))
        return build(argv[2], argv + 3, argc - 3);
    if (argc == 4 && !strcmp(argv[1], "batch"))
        return run(argv[2], argv[3], 0);
    if (argc == 4 && !strcmp(argv[1], "ids"))
        return run(argv[2], argv[3], 1);
    fprintf(stderr, "usage: tool_fts build DB SOURCE... | batch DB QUERIES | "
                    "ids DB QUERIES\n");
    return 2;
}
