/* suggest.c - suggestions for what is being typed beyond index words: the
 * members, parties and addressees (ministers) whose names have a word
 * starting with it, and the case numbers starting with it.
 *
 * A visitor who types "pall" wants Palland, the member, as much as words
 * starting with "pall"; one who types "2022Z01" wants the case. Names come
 * from the facet table (the values filters use, so choosing one filters
 * exactly), each with its number of documents from its list's head; case
 * numbers from the ids table. Word completions are fmt_suggest's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guard.h"
#include "idtab.h"
#include "internal.h"

#define MAX_SCAN 20000   /* zaak numbers looked at past the prefix */

/* Does folded text have a word starting with folded p (pl bytes)? */
static int word_starts(const char *text, size_t tl, const char *p, size_t pl)
{
    for (size_t i = 0; i + pl <= tl; i++) {
        int start = i == 0 || text[i - 1] == ' ' || text[i - 1] == '-' ||
                    text[i - 1] == '(' || text[i - 1] == '.';
        if (start && !memcmp(text + i, p, pl))
            return 1;
    }
    return 0;
}

/* Insert s into out[0..*n) (most documents first, at most cap). */
static void put(fmt_suggestion *out, size_t cap, size_t *n,
                const fmt_suggestion *s)
{
    size_t i = *n < cap ? (*n)++ : cap;
    if (i == cap) {
        if (!cap || out[cap - 1].count >= s->count)
            return;
        i = cap - 1;
    }
    while (i > 0 && out[i - 1].count < s->count) {
        out[i] = out[i - 1];
        i--;
    }
    out[i] = *s;
}

static int names(fmt_archive *a, const char *p, size_t pl, fmt_suggestion *out,
                 size_t cap, size_t *n)
{
    int rc = results_load_facets(a);
    fmt_tokenizer *t = store_tok(a);
    if (rc || !t)
        return rc ? rc : FMT_NOMEM;
    char key[FMT_TOKMAX + 2];
    for (uint32_t i = 0; i < a->nfvals; i++) {
        const vb_facetval *f = &a->fvals[i];
        key[0] = (char)f->type;
        size_t kl = fmt_fold(t, f->display, f->dlen, key + 1, sizeof key - 1);
        if (kl >= sizeof key - 1 || !word_starts(key + 1, kl, p, pl))
            continue;
        fmt_suggestion s = {0};
        s.kind = f->type == 'p' ? FMT_SUGGEST_PARTY
                 : f->type == 'm' ? FMT_SUGGEST_MEMBER : FMT_SUGGEST_ADDRESSEE;
        snprintf(s.text, sizeof s.text, "%.*s", (int)f->dlen, f->display);
        const unsigned char *v;
        size_t vl;
        uint32_t df = 0;
        /* its documents, from its list's head: a damaged list counts 0 */
        if (!store_get(a, a->facets, key, kl + 1, &v, &vl) && vl > 4)
            postings_df(v + 4, vl - 4, &df);
        s.count = df;
        put(out, cap, n, &s);
    }
    return FMT_OK;
}

static int zaken(fmt_archive *a, const char *prefix, fmt_suggestion *out,
                 size_t cap, size_t *n)
{
    char key[80];
    size_t kl = strlen(prefix);
    if (kl < 4 || kl + 1 >= sizeof key || prefix[0] < '1' || prefix[0] > '2')
        return FMT_OK; /* case numbers start with a year */
    key[0] = 'z';
    for (size_t i = 0; i < kl; i++) /* 2022z01 is 2022Z01 */
        key[i + 1] = (char)(prefix[i] >= 'a' && prefix[i] <= 'z'
                                ? prefix[i] - 32 : prefix[i]);
    kl++;
    idtab_iter it;
    int rc = idtab_seek(a, &it, key, kl), seen = 0;
    while (!rc && it.kl >= kl && !memcmp(it.key, key, kl) && seen++ < MAX_SCAN) {
        fmt_suggestion s = {0};
        s.kind = FMT_SUGGEST_ZAAK;
        snprintf(s.text, sizeof s.text, "%.*s", (int)(it.kl - 1), it.key + 1);
        s.count = (uint32_t)(it.vl / 4);
        /* the newest cases first: numbers grow with time */
        if (*n < cap)
            out[(*n)++] = s;
        else if (cap)
            memmove(out, out + 1, (cap - 1) * sizeof *out), out[cap - 1] = s;
        rc = idtab_next(&it);
    }
    idtab_close(&it);
    for (size_t i = 0; i < *n / 2; i++) { /* newest first */
        fmt_suggestion t = out[i];
        out[i] = out[*n - 1 - i];
        out[*n - 1 - i] = t;
    }
    if (rc && rc != FMT_NOTFOUND)
        return guard_broken(a) ? FMT_CORRUPT
                               : error_set(a, FMT_CORRUPT, "%s: ids damaged", a->path);
    return FMT_OK;
}

int fmt_suggest_names(fmt_archive *a, const char *prefix, fmt_suggestion *out,
                      size_t cap, size_t *n)
{
    *n = 0;
    fmt_tokenizer *t = store_tok(a);
    if (!t)
        return FMT_NOMEM;
    char p[FMT_TOKMAX + 1];
    size_t pl = fmt_fold(t, prefix, strlen(prefix), p, sizeof p);
    if (pl < 2 || pl >= sizeof p || !cap)
        return FMT_OK;
    size_t nz = 0;
    int rc = zaken(a, prefix, out, cap, &nz);
    if (rc)
        return rc;
    *n = nz;
    if (nz) /* a case number: nothing else starts with digits and a Z */
        return FMT_OK;
    return names(a, p, pl, out, cap, n);
}
