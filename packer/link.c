/* link.c - answers and notices that name no zaak, linked to the case of
 * their question by the header they repeat (the rule: link.h).
 *
 * The table keeps, per document with a zaak, what the rule compares: the
 * date, a 64-bit hash of the member names (folded, joined) and the sorted
 * 32-bit hashes of the subject's words (at most MAX_WORDS), some 150
 * bytes, so an archive of 100,000 documents costs a few MB. It is sorted
 * once on first lookup; a lookup is a binary search on (date, members)
 * and a comparison of the subjects of the few entries found.
 */
#include "link.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_WORDS = 32 };
#define MIN_DICE 0.8

typedef struct {
    int32_t date;
    uint64_t members;             /* hash of the folded names, joined */
    uint32_t w[MAX_WORDS];        /* the subject's word hashes, sorted */
    uint32_t nw;
    char zaak[16];
} entry;

struct link_table {
    entry *v;
    size_t n, cap;
    int sorted;
};

link_table *link_new(void)
{
    return calloc(1, sizeof(link_table));
}

void link_free(link_table *t)
{
    if (!t)
        return;
    free(t->v);
    free(t);
}

int link_wants(const fmt_doc *d)
{
    return (d->kind == FMT_ANSWER || d->kind == FMT_NOTICE) && !d->zaak[0];
}

/* ---- keys --------------------------------------------------------------- */

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* FNV-1a over the folded bytes of [s, s+n), from h. */
static uint64_t hash64(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= fold((unsigned char)s[i]);
        h *= 1099511628211ull;
    }
    return h;
}

#define H0 1469598103934665603ull

/* The length of a separator at p (space, ASCII punctuation, the quotes
 * and dashes «» ‘’ “” – —), 0 if p starts a word's byte. */
static size_t sep_len(const unsigned char *p, const unsigned char *e)
{
    if (*p < 0x80)
        return (*p >= '0' && *p <= '9') || (fold(*p) >= 'a' && fold(*p) <= 'z') ? 0 : 1;
    if (e - p >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB || p[1] == 0xA0))
        return 2;
    if (e - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x9F)
        return 3;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The distinct words of a subject, hashed and sorted, into w. */
static uint32_t subject_words(const char *s, uint32_t *w)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + strlen(s);
    uint32_t n = 0;
    while (p < e && n < MAX_WORDS) {
        size_t k = sep_len(p, e);
        if (k) {
            p += k;
            continue;
        }
        const unsigned char *q = p;
        while (q < e && !sep_len(q, e))
            q++;
        w[n++] = (uint32_t)hash64(H0, (const char *)p, (size_t)(q - p));
        p = q;
    }
    qsort(w, n, sizeof *w, cmp_u32);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!k || w[k - 1] != w[i])
            w[k++] = w[i];
    return k;
}

/* Member names joined with ", ", as a summary has them, hashed. */
static uint64_t doc_members(const fmt_doc *d)
{
    uint64_t h = H0;
    for (size_t i = 0; i < d->nmembers; i++) {
        if (i)
            h = hash64(h, ", ", 2);
        const char *nm = d->members[i].name ? d->members[i].name : "";
        h = hash64(h, nm, strlen(nm));
    }
    return h;
}

static int key_ok(int32_t date, size_t nmembers, const char *subject)
{
    return date > 0 && nmembers > 0 && subject && *subject;
}

static int put(link_table *t, const char *zaak, int32_t date, uint64_t members,
               const char *subject)
{
    if (!zaak || !zaak[0] || strlen(zaak) >= 16)
        return 0;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        entry *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    entry *x = &t->v[t->n++];
    memset(x, 0, sizeof *x);
    x->date = date;
    x->members = members;
    x->nw = subject_words(subject, x->w);
    strcpy(x->zaak, zaak);
    t->sorted = 0;
    return 0;
}

int link_add(link_table *t, const fmt_doc *d)
{
    if (!key_ok(d->submitted, d->nmembers, d->subject))
        return 0;
    return put(t, d->zaak, d->submitted, doc_members(d), d->subject);
}

int link_add_summary(link_table *t, const fmt_summary *s)
{
    if (!s->members || !key_ok(s->submitted, *s->members != 0, s->subject))
        return 0;
    return put(t, s->zaak, s->submitted, hash64(H0, s->members, strlen(s->members)),
               s->subject);
}

/* ---- lookups ------------------------------------------------------------ */

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->members != y->members)
        return x->members < y->members ? -1 : 1;
    return strcmp(x->zaak, y->zaak);
}

/* 2 |A n B| / (|A| + |B|) of two sorted sets. */
static double dice(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            both++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return na + nb ? 2.0 * both / (na + nb) : 0;
}

static int find_key(link_table *t, int32_t date, uint64_t members,
                    const char *subject, char zaak[16], char *why, size_t whylen)
{
    uint32_t w[MAX_WORDS], nw = subject_words(subject, w);
    /* the table is sorted once, on the first lookup after an add */
    if (!t->sorted && t->n > 1)
        qsort(t->v, t->n, sizeof *t->v, cmp_entry);
    t->sorted = 1;
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const entry *x = &t->v[mid];
        if (x->date < date || (x->date == date && x->members < members))
            lo = mid + 1;
        else
            hi = mid;
    }
    const char *found = NULL;
    for (size_t i = lo; i < t->n && t->v[i].date == date && t->v[i].members == members; i++) {
        const entry *x = &t->v[i];
        if (dice(w, nw, x->w, x->nw) < MIN_DICE || (found && !strcmp(found, x->zaak)))
            continue;
        if (found) {
            snprintf(why, whylen, "not linked: its header matches the cases %s and %s",
                     found, x->zaak);
            return -1;
        }
        found = x->zaak;
    }
    if (!found) {
        snprintf(why, whylen, "not linked: no question in the archive has its "
                 "header (date, members, subject)");
        return 0;
    }
    memcpy(zaak, found, strlen(found) + 1);
    return 1;
}

int link_find(link_table *t, int32_t date, const char *members,
              const char *subject, char zaak[16], char *why, size_t whylen)
{
    if (!key_ok(date, members && *members, subject)) {
        snprintf(why, whylen, "not linked: its header names no %s",
                 date <= 0 ? "submission date" : members && *members ? "subject" : "members");
        return 0;
    }
    return find_key(t, date, hash64(H0, members, strlen(members)), subject, zaak, why, whylen);
}

int link_doc(link_table *t, fmt_doc *d, char *why, size_t whylen)
{
    char z[16];
    if (!key_ok(d->submitted, d->nmembers, d->subject)) {
        snprintf(why, whylen, "not linked: its header names no %s",
                 d->submitted <= 0 ? "submission date" : d->nmembers ? "subject" : "members");
        return 0;
    }
    int r = find_key(t, d->submitted, doc_members(d), d->subject, z, why, whylen);
    if (r == 1) {
        memcpy(d->zaak, z, sizeof d->zaak);
        d->zaak_linked = 1;
    }
    return r;
}

int link_summary_would(link_table *t, const fmt_summary *s)
{
    char z[16], why[160];
    if ((s->kind != FMT_ANSWER && s->kind != FMT_NOTICE) || (s->zaak && *s->zaak))
        return 0;
    return link_find(t, s->submitted, s->members, s->subject, z, why, sizeof why) == 1;
}

/* ---- the spool ---------------------------------------------------------- */

struct link_spool {
    FILE *f;
    size_t n;
    int reading;
    char *buf;                    /* display NUL relpath NUL data NUL */
    size_t cap;
};

link_spool *link_spool_new(void)
{
    return calloc(1, sizeof(link_spool));
}

void link_spool_free(link_spool *s)
{
    if (!s)
        return;
    if (s->f)
        fclose(s->f);
    free(s->buf);
    free(s);
}

size_t link_spool_count(const link_spool *s)
{
    return s->n;
}

int link_spool_put(link_spool *s, const src_file *f)
{
    /* made on first use: a pack with nothing to link needs no temporary
     * file (nor a writable TMPDIR) */
    if (!s->f && !(s->f = tmpfile()))
        return -1;
    size_t l[3] = {strlen(f->display), strlen(f->relpath), f->len};
    if (fwrite(l, sizeof l, 1, s->f) != 1 || fwrite(f->display, 1, l[0], s->f) != l[0] ||
        fwrite(f->relpath, 1, l[1], s->f) != l[1] || fwrite(f->data, 1, l[2], s->f) != l[2])
        return -1;
    s->n++;
    return 0;
}

int link_spool_next(link_spool *s, src_file *f)
{
    if (!s->f)
        return 0;
    if (!s->reading) {
        if (fflush(s->f) || fseek(s->f, 0, SEEK_SET))
            return -1;
        s->reading = 1;
    }
    size_t l[3];
    if (fread(l, sizeof l, 1, s->f) != 1)
        return ferror(s->f) ? -1 : 0;
    /* our own file, but its lengths are checked like any input's */
    if (l[0] > 4096 || l[1] > 4096 || l[2] > SRC_MAX_FILE)
        return -1;
    size_t need = l[0] + l[1] + l[2] + 3;
    if (need > s->cap) {
        char *b = realloc(s->buf, need);
        if (!b)
            return -1;
        s->buf = b;
        s->cap = need;
    }
    char *d = s->buf, *r = d + l[0] + 1, *x = r + l[1] + 1;
    if (fread(d, 1, l[0], s->f) != l[0] || fread(r, 1, l[1], s->f) != l[1] ||
        fread(x, 1, l[2], s->f) != l[2])
        return -1;
    d[l[0]] = r[l[1]] = x[l[2]] = '\0';
    f->display = d;
    f->relpath = r;
    f->data = x;
    f->len = l[2];
    return 1;
}
