/* sizes.c - where an archive's bytes are (fmt_get_sizes, for `vbpack
 * info`): records, summaries, term dictionary, postings, positions and
 * the rest, adding up to the file's size, so the work on a more compact
 * format can be measured part by part.
 *
 * A table's footprint is what LMDB's statistics say of it (branch, leaf
 * and overflow pages times the page size), so page slack is counted in
 * the part that causes it. Only the terms table is split further: each
 * value is varint length, posting list, positions (postings.c), so one
 * walk of its keys reading each value's first bytes tells postings from
 * positions; what is left of its pages is the dictionary (keys, node
 * headers, branch pages, the slack of leaf and overflow pages). The docs
 * table is walked too (keys only: LMDB gives a value's length without
 * reading it) to give the chunks' own bytes beside their pages. Each
 * terms value is decoded as far as its counts (not its positions'
 * values), so a damaged value is reported rather than measured wrongly. Reads go
 * through guard.c like every read of an archive: a damaged page or value
 * is reported, never followed.
 *
 * Format 6 (tdict.c): the terms, stems and lists tables together hold the
 * dictionary and the lists; each term's postings and positions lengths
 * come from its dictionary entry (its postings decoded, to be sure), the
 * rest of those tables' pages is the dictionary. Format 7 deflates each
 * block, the small lists inside it too: such a list counts for its share
 * of the block as stored (its length times the block's stored / inflated
 * size), so the lists' part is what they take in the file and the parts
 * still add up to it.
 */
#include <sys/stat.h>
#include "guard.h"
#include "internal.h"
#include "tcodec.h"
#include "tdict.h"

/* The pages of one table, in bytes. */
static int table_bytes(fmt_archive *a, MDB_dbi dbi, const char *name,
                       uint64_t *out, uint32_t *psize)
{
    MDB_stat st;
    int rc = guard_stat(a, dbi, &st);
    if (rc)
        return guard_broken(a) ? FMT_CORRUPT
                               : error_set(a, FMT_CORRUPT, "%s: table '%s' damaged (%s)",
                                           a->path, name, guard_why(a, rc));
    *psize = st.ms_psize;
    /* each count is at most a page number (guard.c checks them against the
     * file), so the sum cannot overflow */
    *out = ((uint64_t)st.ms_branch_pages + st.ms_leaf_pages +
            st.ms_overflow_pages) * st.ms_psize;
    return FMT_OK;
}

/* Every value of dbi: per value fn(ctx, value). FMT_CORRUPT with the
 * message when a page cannot be read. */
static int walk(fmt_archive *a, MDB_dbi dbi, const char *name,
                void (*fn)(void *ctx, const MDB_val *v), void *ctx)
{
    MDB_cursor *c;
    MDB_val k, v;
    int rc = guard_cursor_open(a, dbi, &c);
    if (!rc) {
        for (rc = guard_cursor_get(a, c, &k, &v, MDB_FIRST); !rc;
             rc = guard_cursor_get(a, c, &k, &v, MDB_NEXT))
            fn(ctx, &v);
        guard_cursor_close(a, c);
    }
    if (rc == MDB_NOTFOUND)
        return FMT_OK;
    return guard_broken(a) ? FMT_CORRUPT
                           : error_set(a, FMT_CORRUPT, "%s: table '%s' damaged (%s)",
                                       a->path, name, guard_why(a, rc));
}

static void add_len(void *ctx, const MDB_val *v)
{
    *(uint64_t *)ctx += v->mv_size;
}

/* A terms value checked through (postings.c's layout): the posting list's
 * skip table matches its blocks, the blocks hold df documents, and the
 * positions are exactly the sum of their tfs in varints. So a damaged
 * length (the value's, or the list's inside it) is found rather than
 * measured. Sets *post to the bytes up to the positions. */
static int term_ok(const unsigned char *v, size_t n, uint64_t *post)
{
    const unsigned char *p, *pos;
    size_t plen, poslen;
    if (postings_term_split(v, n, &p, &plen, &pos, &poslen))
        return 0;
    const unsigned char *end = p + plen;
    uint64_t df, nb, last, len, sum = 0, docs = 0, tfs = 0;
    if (vb_get_varint(&p, end, &df) || vb_get_varint(&p, end, &nb) ||
        nb > df || nb > (uint64_t)(end - p))
        return 0;
    for (uint64_t i = 0; i < nb; i++) {
        if (vb_get_varint(&p, end, &last) || vb_get_varint(&p, end, &len) ||
            len > (uint64_t)(end - p))
            return 0;
        sum += len;
    }
    if (sum != (uint64_t)(end - p))
        return 0;
    while (p < end) {
        uint64_t delta, tfx;
        if (vb_get_varint(&p, end, &delta) || vb_get_varint(&p, end, &tfx))
            return 0;
        docs++;
        tfs += tfx >> 1;
    }
    if (docs != df)
        return 0;
    uint64_t ends = 0;
    for (size_t i = 0; i < poslen; i++)
        ends += !(pos[i] & 0x80);
    if (ends != tfs || (poslen && (pos[poslen - 1] & 0x80)))
        return 0;
    *post = (uint64_t)(pos - v);
    return 1;
}

static void split_term(void *ctx, const MDB_val *v)
{
    fmt_sizes *o = ctx;
    uint64_t post;
    if (!term_ok(v->mv_data, v->mv_size, &post)) {
        o->bad_values++;
        o->postings += v->mv_size;
        return;
    }
    o->postings += post;
    o->positions += v->mv_size - post;
}

/* Format 6: each term's lists, from the dictionary. */
static int split_terms6(fmt_archive *a, fmt_sizes *o)
{
    tdict_iter it;
    vb_plist l = {0};
    fmt_buf buf = {0};
    double post7 = 0, pos7 = 0; /* format 7's inline lists, as stored */
    int rc = tdict_seek(a, &it, "", 0);
    while (!rc) {
        const unsigned char *p;
        size_t n;
        int r = tdict_bytes(&it, 0, &buf, &p, &n);
        if (!r)
            r = tcodec_decode(p, n, it.df, a->ndocs, &l, NULL, NULL);
        if (r == FMT_NOMEM) {
            rc = r;
            break;
        }
        if (r)
            o->bad_values++;
        if (it.v7 && !it.ext && it.braw) {
            double share = (double)it.bstored / (double)it.braw;
            post7 += (double)it.plen * share;
            pos7 += (double)it.poslen * share;
        } else {
            o->postings += it.plen;
            o->positions += it.poslen;
        }
        rc = tdict_next(&it);
    }
    tdict_close(&it);
    o->postings += (uint64_t)(post7 + 0.5);
    o->positions += (uint64_t)(pos7 + 0.5);
    postings_list_free(&l);
    fmt_buf_free(&buf);
    return rc == FMT_NOTFOUND ? FMT_OK : rc;
}

int fmt_get_sizes(fmt_archive *a, fmt_sizes *o)
{
    memset(o, 0, sizeof *o);
    struct stat st;
    if (fstat(a->fd, &st) && stat(a->path, &st))
        return error_set(a, FMT_IO, "%s: cannot read its size", a->path);
    o->file = (uint64_t)st.st_size;
    uint64_t docs, summary, terms, stems, chunks = 0;
    uint32_t ps;
    int rc;
    if ((rc = table_bytes(a, a->docs, "docs", &docs, &ps)) ||
        (rc = table_bytes(a, a->summary, "summary", &summary, &ps)) ||
        (rc = table_bytes(a, a->terms, "terms", &terms, &ps)) ||
        (rc = table_bytes(a, a->stems, "stems", &stems, &ps)))
        return rc;
    if (a->version >= 6) {
        uint64_t lists;
        if ((rc = table_bytes(a, a->lists, "lists", &lists, &ps)))
            return rc;
        terms += lists;
    }
    o->psize = ps;
    o->records = docs + a->dictlen;
    o->summaries = summary + a->sdictlen; /* format 6: its dictionary too */
    if ((rc = walk(a, a->docs, "docs", add_len, &chunks)))
        return rc;
    o->records_data = chunks + a->dictlen;
    rc = a->version >= 6 ? split_terms6(a, o)
                         : walk(a, a->terms, "terms", split_term, o);
    /* What the walk read of the values lies in the table's pages (guard.c
     * checks each value against its page), so this cannot go below 0
     * unless the statistics are damaged. */
    uint64_t values = o->postings + o->positions;
    uint64_t sum = o->records + o->summaries + terms + stems;
    if (values > terms || sum > o->file) {
        o->postings = o->positions = 0;
        return error_set(a, FMT_CORRUPT, "%s: the tables' page counts are "
                         "damaged (they add up to more than the file)", a->path);
    }
    o->term_dictionary = terms - values + stems;
    o->other = o->file - sum;
    if (rc)
        return rc;
    if (o->bad_values)
        return error_set(a, FMT_CORRUPT, "%s: table 'terms': %llu %s damaged "
                         "(vbpack verify names the words)", a->path,
                         (unsigned long long)o->bad_values,
                         o->bad_values == 1 ? "value" : "values");
    return FMT_OK;
}
