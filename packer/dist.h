/* dist.h - distributing editions: the catalog of a folder of archives and
 * deltas (catalog.c: `vbpack catalog`, `vbpack publish`, and the strict
 * reading of catalog.json that `vbpack sync` trusts nothing without), and
 * `vbpack sync` (sync.c). The catalog format is in docs/DISTRIBUTION.md.
 */
#ifndef VB_DIST_H
#define VB_DIST_H

#include <stddef.h>
#include <stdint.h>
#include "format.h"

#define CATALOG_NAME "catalog.json"
#define CATALOG_VERSION 1
/* A catalog larger than this is refused unread (a real one is a few
 * hundred bytes per edition). */
#define CATALOG_MAX ((size_t)16 << 20)
/* More deltas than this are refused: a publisher keeps those from the
 * last few editions, and finding the cheapest chain stays quick. */
#define CATALOG_DELTAS 4096

/* One file a catalog names: a plain file name in the catalog's folder. */
typedef struct {
    char name[256];
    uint64_t bytes;
    char sha256[65];         /* of every byte of the file (sha256sum) */
} dist_file;

/* One edition an archive was appended from (fmt_lineage). */
typedef struct {
    char edition[64];
    char checksum[65];
} dist_step;

/* An archive: one file, or the parts of a split archive (part 1 first). */
typedef struct {
    fmt_info info;           /* title, edition, version (format), created,
                                documents, kinds, zaken, dates, checksum */
    uint64_t bytes;          /* all its files */
    dist_file *files;
    size_t nfiles;
    dist_step *lineage;
    size_t nlineage;
} dist_archive;

/* A delta: the content checksums of the editions it goes from and to. */
typedef struct {
    dist_file file;
    char from[65], to[65];
} dist_delta;

typedef struct {
    dist_archive *a;
    size_t na;
    dist_delta *d;
    size_t nd;
} dist_catalog;

void catalog_free(dist_catalog *c);

/* The catalog in text (n bytes), read strictly (well-formed JSON, every
 * field of version 1 present with its type and bounds, file names plain
 * names in the folder, a split archive's parts named as fmt_part_path
 * names them). what names it in messages. 0, or -1 with the reason in
 * msg (*c then holds nothing). Allocates *c: catalog_free(). */
int catalog_parse(const char *text, size_t n, const char *what,
                  dist_catalog *c, char *msg, size_t msglen);

/* 1 when name can be a file of a catalog: a plain name (no '/', not "."
 * or "..", not hidden), at most 255 bytes of printable UTF-8 and ASCII,
 * ending in ext (".vbk", ".vbd"). */
int dist_name_ok(const char *name, const char *ext);

/* The names in folder dir that end in ext and are not hidden, sorted
 * (strcmp); dies naming dir when it cannot be read. Free each and the
 * array. */
char **dist_list(const char *dir, const char *ext, size_t *n);

/* 1 when x is a newer edition than y (fmt_newer: created, then number). */
int dist_newer(const fmt_info *x, const fmt_info *y);

/* The newest archive of title in c (NULL if none). */
const dist_archive *catalog_newest(const dist_catalog *c, const char *title);

int cmd_catalog(int argc, char **argv);  /* catalog DIR */
int cmd_publish(int argc, char **argv);  /* publish [-q] -o DIR NEW.vbk */
int cmd_sync(int argc, char **argv);     /* sync SOURCE DEST [options] */

#endif
