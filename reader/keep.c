/* keep.c - bookmarks and recently read cases in two small text files.
 *
 * Files are small (KEEP_MAX lines), so each change rewrites the whole file:
 * simpler than an append log and never leaves a torn line behind, because
 * the new file is written beside the old one and renamed over it.
 */
#include "keep.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LINE_MAX_LEN 1024

static void copy_field(char *dst, size_t cap, const char *s, size_t n)
{
    size_t i, j = 0;

    for (i = 0; i < n && j + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        dst[j++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
    }
    /* never cut a UTF-8 sequence in half: bytes map one to one, so the
     * source byte at j is the first one left out */
    if (i < n)
        while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80)
            j--;
    /* a title too long to keep ends at a word, with an ellipsis, so no
     * list shows it cut inside a word as if it were whole */
    if (i < n && cap > 8) {
        while (j + 4 > cap && j > 0)
            j--;
        while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80)
            j--;
        size_t w = j;
        while (w > 0 && dst[w - 1] != ' ')
            w--;
        if (w > cap / 2)
            j = w - 1;
        memcpy(dst + j, "\xe2\x80\xa6", 3);
        j += 3;
    }
    dst[j] = '\0';
}

static int valid_zaak(const char *z)
{
    size_t i, n = strlen(z);

    if (n == 0 || n >= sizeof(((keep_item *)0)->zaak))
        return 0;
    for (i = 0; i < n; i++)
        if (!(z[i] >= '0' && z[i] <= '9') && !(z[i] >= 'A' && z[i] <= 'Z') &&
            !(z[i] >= 'a' && z[i] <= 'z') && z[i] != '-' && z[i] != '_')
            return 0;
    return 1;
}

static int load_list(const char *dir, const char *name, keep_item **items,
                     size_t *n)
{
    char path[4096], line[LINE_MAX_LEN];
    FILE *f;

    *items = calloc(KEEP_MAX, sizeof **items);
    *n = 0;
    if (!*items)
        return -1;
    if (!dir)
        return 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "r");
    if (!f)
        return 0;
    while (*n < KEEP_MAX && fgets(line, sizeof line, f)) {
        char *t1 = strchr(line, '\t'), *t2, *nl;
        keep_item *it = &(*items)[*n];
        if (!t1 || !(t2 = strchr(t1 + 1, '\t')))
            continue;
        if ((nl = strchr(t2 + 1, '\n')))
            *nl = '\0';
        *t1 = '\0';
        copy_field(it->zaak, sizeof it->zaak, line, strlen(line));
        if (!valid_zaak(it->zaak))
            continue;
        it->when = strtoll(t1 + 1, NULL, 10);
        copy_field(it->title, sizeof it->title, t2 + 1, strlen(t2 + 1));
        (*n)++;
    }
    fclose(f);
    return 0;
}

int keep_load(keep *k, const char *dir, size_t recent_max)
{
    memset(k, 0, sizeof *k);
    k->recent_max = recent_max && recent_max <= KEEP_MAX ? recent_max : KEEP_MAX;
    if (dir && !(k->dir = strdup(dir)))
        return -1;
    if (load_list(k->dir, "bookmarks", &k->bm, &k->nbm) < 0 ||
        load_list(k->dir, "recent", &k->recent, &k->nrecent) < 0) {
        keep_free(k);
        return -1;
    }
    if (k->nrecent > k->recent_max)
        k->nrecent = k->recent_max;
    return 0;
}

void keep_free(keep *k)
{
    free(k->dir);
    free(k->bm);
    free(k->recent);
    memset(k, 0, sizeof *k);
}

static void mkdirs(const char *dir)
{
    char p[4096];
    size_t i, n = strlen(dir);

    if (n >= sizeof p)
        return;
    memcpy(p, dir, n + 1);
    for (i = 1; i <= n; i++) {
        if (p[i] == '/' || p[i] == '\0') {
            char c = p[i];
            p[i] = '\0';
            if (mkdir(p, 0700) < 0 && errno != EEXIST)
                return;
            p[i] = c;
        }
    }
}

/* Rewrite one list; failures are silent (a read-only home must not stop
 * anyone from reading), the lists stay in memory. */
static void save_list(const keep *k, const char *name, const keep_item *items,
                      size_t n)
{
    char path[4096], tmp[4200];
    FILE *f;
    size_t i;

    if (!k->dir)
        return;
    mkdirs(k->dir);
    snprintf(path, sizeof path, "%s/%s", k->dir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "w");
    if (!f)
        return;
    for (i = 0; i < n; i++)
        fprintf(f, "%s\t%lld\t%s\n", items[i].zaak, (long long)items[i].when,
                items[i].title);
    if (fclose(f) != 0 || rename(tmp, path) != 0)
        remove(tmp);
}

static long find(const keep_item *items, size_t n, const char *zaak)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!strcmp(items[i].zaak, zaak))
            return (long)i;
    return -1;
}

/* Put zaak at the front of items (removing an older entry). */
static void to_front(keep_item *items, size_t *n, size_t max, const char *zaak,
                     const char *title, int64_t now)
{
    long at = find(items, *n, zaak);
    keep_item it;

    memset(&it, 0, sizeof it);
    copy_field(it.zaak, sizeof it.zaak, zaak, strlen(zaak));
    copy_field(it.title, sizeof it.title, title ? title : "", title ? strlen(title) : 0);
    it.when = now;
    if (at >= 0) {
        memmove(items + 1, items, (size_t)at * sizeof *items);
    } else {
        if (*n == max)
            (*n)--;
        memmove(items + 1, items, *n * sizeof *items);
        (*n)++;
    }
    items[0] = it;
}

int keep_is_bookmarked(const keep *k, const char *zaak)
{
    return k->bm && find(k->bm, k->nbm, zaak) >= 0;
}

int keep_toggle(keep *k, const char *zaak, const char *title, int64_t now)
{
    long at;

    if (!k->bm || !valid_zaak(zaak))
        return 0;
    at = find(k->bm, k->nbm, zaak);
    if (at >= 0) {
        memmove(k->bm + at, k->bm + at + 1, (k->nbm - (size_t)at - 1) * sizeof *k->bm);
        k->nbm--;
    } else {
        to_front(k->bm, &k->nbm, KEEP_MAX, zaak, title, now);
    }
    save_list(k, "bookmarks", k->bm, k->nbm);
    return at < 0;
}

void keep_visit(keep *k, const char *zaak, const char *title, int64_t now)
{
    if (!k->recent || !valid_zaak(zaak))
        return;
    to_front(k->recent, &k->nrecent, k->recent_max, zaak, title, now);
    save_list(k, "recent", k->recent, k->nrecent);
}

void keep_clear_recent(keep *k)
{
    k->nrecent = 0;
    save_list(k, "recent", k->recent, 0);
}
