/* record.c - the record format: a fmt_doc to bytes and back (the payload),
 * the header a stored record starts with, the chunk that holds VB_CHUNK
 * records or summaries in one LMDB value (internal.h says both), and the
 * compact summary a result list reads instead of the whole record. Every
 * file that writes or reads these goes through the functions here.
 *
 * A record payload (before compression, see store.c) is:
 *
 *   u8 1                      payload layout version
 *   varint textlen, the verbatim text   (first: the fields after it repeat
 *                             bits of it, which deflate then encodes as
 *                             short references back)
 *   str id, str source        str = varint length + bytes
 *   u8 kind, str zaak, ostr docnum       ostr = varint (len+1), 0 = NULL
 *   varint submitted, varint received    yyyymmdd
 *   ostr subject
 *   members:    varint n, n x (str name, ostr party)
 *   addressees, answered_by:  varint n, n x str
 *   questions, answers:       varint n, n x (varint k, k x varint number,
 *                                            dspan)
 *   footnotes:  varint n, n x (str mark, dspan, varint u, u x str url)
 *               dspan = zigzag varint distance of the start from the end
 *               of the list's previous span (from 0 for the first), varint
 *               length
 *   warnings:   varint n, n x str
 *   header span, notice span  (varint off, varint len)
 *   then, only when non-empty (so a document without them encodes as
 *   before, and records written before they existed decode as they are),
 *   tagged extensions in tag order, each a u8 tag and its value:
 *     1 on_behalf_of, 2 cosigned_by, 3 source_urls: varint n, n x str
 *     4 zaak_linked: no value (the zaak was derived by linking)
 *   An unknown tag is damage (FMT_CORRUPT), as is any other trailing byte.
 *
 * Decoding trusts nothing: every count is checked against the bytes left
 * (each element takes at least one byte), every span against the text.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int record_buf_varint(fmt_buf *b, uint64_t v)
{
    if (fmt_buf_reserve(b, 10))
        return FMT_NOMEM;
    b->len += vb_put_varint((unsigned char *)b->data + b->len, v);
    b->data[b->len] = 0;
    return FMT_OK;
}

int record_buf_str(fmt_buf *b, const char *s, size_t n)
{
    if (record_buf_varint(b, n) || fmt_buf_append(b, s, n))
        return FMT_NOMEM;
    return FMT_OK;
}

static int put_ostr(fmt_buf *b, const char *s)
{
    if (!s)
        return record_buf_varint(b, 0);
    size_t n = strlen(s);
    if (record_buf_varint(b, n + 1) || fmt_buf_append(b, s, n))
        return FMT_NOMEM;
    return FMT_OK;
}

static int put_strs(fmt_buf *b, char *const *v, size_t n)
{
    int rc = record_buf_varint(b, n);
    for (size_t i = 0; !rc && i < n; i++)
        rc = record_buf_str(b, v[i], strlen(v[i]));
    return rc;
}

static int put_span(fmt_buf *b, fmt_span s)
{
    return record_buf_varint(b, s.off) || record_buf_varint(b, s.len) ? FMT_NOMEM
                                                               : FMT_OK;
}

/* A span as the distance from where the previous one ended (zigzag, as
 * it may go back) and its length: one or two bytes instead of three or
 * four, since blocks and notes follow each other through the text. */
static int put_dspan(fmt_buf *b, fmt_span s, uint32_t *prev)
{
    int64_t d = (int64_t)s.off - *prev;
    uint64_t z = d < 0 ? ((uint64_t)(-d) << 1) - 1 : (uint64_t)d << 1;
    *prev = s.off + s.len;
    return record_buf_varint(b, z) || record_buf_varint(b, s.len) ? FMT_NOMEM : FMT_OK;
}

static int put_blocks(fmt_buf *b, const fmt_block *v, size_t n)
{
    int rc = record_buf_varint(b, n);
    uint32_t prev = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        rc = record_buf_varint(b, v[i].nnumbers);
        for (size_t k = 0; !rc && k < v[i].nnumbers; k++)
            rc = record_buf_varint(b, v[i].numbers[k]);
        if (!rc)
            rc = put_dspan(b, v[i].span, &prev);
    }
    return rc;
}

int record_encode(const fmt_doc *d, fmt_buf *b)
{
    const char *id = d->id ? d->id : "", *src = d->source ? d->source : "";
    int rc = fmt_buf_append(b, "\1", 1);
    rc = rc ? rc : record_buf_str(b, d->text ? d->text : "", d->len);
    rc = rc ? rc : record_buf_str(b, id, strlen(id));
    rc = rc ? rc : record_buf_str(b, src, strlen(src));
    unsigned char kind = (unsigned char)d->kind;
    rc = rc ? rc : fmt_buf_append(b, &kind, 1);
    rc = rc ? rc : record_buf_str(b, d->zaak, strnlen(d->zaak, sizeof d->zaak));
    rc = rc ? rc : put_ostr(b, d->docnum);
    rc = rc ? rc : record_buf_varint(b, (uint32_t)d->submitted);
    rc = rc ? rc : record_buf_varint(b, (uint32_t)d->received);
    rc = rc ? rc : put_ostr(b, d->subject);
    rc = rc ? rc : record_buf_varint(b, d->nmembers);
    for (size_t i = 0; !rc && i < d->nmembers; i++) {
        const char *nm = d->members[i].name ? d->members[i].name : "";
        rc = record_buf_str(b, nm, strlen(nm));
        rc = rc ? rc : put_ostr(b, d->members[i].party);
    }
    rc = rc ? rc : put_strs(b, d->addressees, d->naddressees);
    rc = rc ? rc : put_strs(b, d->answered_by, d->nanswered_by);
    rc = rc ? rc : put_blocks(b, d->questions, d->nquestions);
    rc = rc ? rc : put_blocks(b, d->answers, d->nanswers);
    rc = rc ? rc : record_buf_varint(b, d->nfootnotes);
    uint32_t prev = 0;
    for (size_t i = 0; !rc && i < d->nfootnotes; i++) {
        const fmt_note *f = &d->footnotes[i];
        const char *mk = f->mark ? f->mark : "";
        rc = record_buf_str(b, mk, strlen(mk));
        rc = rc ? rc : put_dspan(b, f->span, &prev);
        rc = rc ? rc : put_strs(b, f->urls, f->nurls);
    }
    rc = rc ? rc : put_strs(b, d->warnings, d->nwarnings);
    rc = rc ? rc : put_span(b, d->header);
    rc = rc ? rc : put_span(b, d->notice);
    char *const *ext[3] = {d->on_behalf_of, d->cosigned_by, d->source_urls};
    size_t next[3] = {d->non_behalf_of, d->ncosigned_by, d->nsource_urls};
    for (unsigned char tag = 1; !rc && tag <= 3; tag++)
        if (next[tag - 1]) {
            rc = fmt_buf_append(b, &tag, 1);
            rc = rc ? rc : put_strs(b, ext[tag - 1], next[tag - 1]);
        }
    if (!rc && d->zaak_linked)
        rc = fmt_buf_append(b, "\4", 1);
    return rc;
}

/* ---- decoding ----------------------------------------------------------- */

typedef struct {
    const unsigned char *p, *end;
    int bad;
} cur;

static uint64_t get_v(cur *c)
{
    uint64_t v = 0;
    if (!c->bad && vb_get_varint(&c->p, c->end, &v))
        c->bad = 1;
    return c->bad ? 0 : v;
}

/* A count of elements that each take at least one byte. */
static size_t get_count(cur *c)
{
    uint64_t n = get_v(c);
    if (n > (uint64_t)(c->end - c->p))
        c->bad = 1;
    return c->bad ? 0 : (size_t)n;
}

static const char *get_bytes(cur *c, size_t *n)
{
    uint64_t len = get_v(c);
    if (c->bad || len > (uint64_t)(c->end - c->p)) {
        c->bad = 1;
        *n = 0;
        return "";
    }
    const char *s = (const char *)c->p;
    c->p += len;
    *n = (size_t)len;
    return s;
}

static char *get_str(cur *c)
{
    size_t n;
    const char *s = get_bytes(c, &n);
    if (c->bad)
        return NULL;
    char *r = alloc_strndup(s, n);
    if (!r)
        c->bad = 2;
    return r;
}

static char *get_ostr(cur *c)
{
    uint64_t n = get_v(c);
    if (c->bad || n == 0)
        return NULL;
    if (n - 1 > (uint64_t)(c->end - c->p)) {
        c->bad = 1;
        return NULL;
    }
    char *r = alloc_strndup((const char *)c->p, (size_t)(n - 1));
    c->p += n - 1;
    if (!r)
        c->bad = 2;
    return r;
}

static fmt_span get_span(cur *c)
{
    fmt_span s;
    uint64_t off = get_v(c), len = get_v(c);
    if (off > UINT32_MAX || len > UINT32_MAX)
        c->bad = 1;
    s.off = (uint32_t)off;
    s.len = (uint32_t)len;
    return s;
}

static fmt_span get_dspan(cur *c, uint32_t *prev)
{
    fmt_span s = {0, 0};
    uint64_t z = get_v(c), len = get_v(c);
    int64_t d = z & 1 ? -(int64_t)((z + 1) >> 1) : (int64_t)(z >> 1);
    int64_t off = (int64_t)*prev + d;
    if (z > UINT32_MAX * 2ull || off < 0 || off > UINT32_MAX ||
        len > UINT32_MAX || (uint64_t)off + len > UINT32_MAX)
        c->bad = 1;
    if (c->bad)
        return s;
    s.off = (uint32_t)off;
    s.len = (uint32_t)len;
    *prev = s.off + s.len;
    return s;
}

static void get_strs(cur *c, char ***v, size_t *n)
{
    size_t k = get_count(c);
    for (size_t i = 0; i < k && !c->bad; i++) {
        size_t len;
        const char *s = get_bytes(c, &len);
        if (!c->bad && fmt_doc_add_str(v, n, s, len))
            c->bad = 2;
    }
}

static void get_blocks(cur *c, fmt_block **v, size_t *n)
{
    size_t k = get_count(c);
    uint16_t nums[64];
    uint32_t prev = 0;
    for (size_t i = 0; i < k && !c->bad; i++) {
        size_t nn = get_count(c), keep = 0;
        for (size_t j = 0; j < nn && !c->bad; j++) {
            uint64_t x = get_v(c);
            if (x > UINT16_MAX)
                c->bad = 1;
            else if (keep < 64)
                nums[keep++] = (uint16_t)x;
        }
        if (nn > 64)
            c->bad = 1;
        fmt_span s = get_dspan(c, &prev);
        if (!c->bad && fmt_doc_add_block(v, n, nums, keep, s))
            c->bad = 2;
    }
}

static int span_ok(fmt_span s, size_t len)
{
    return s.off <= len && s.len <= len - s.off;
}

/* Every span of d must lie inside its text. */
static int spans_ok(const fmt_doc *d)
{
    size_t n = d->len;
    if (!span_ok(d->header, n) || !span_ok(d->notice, n))
        return 0;
    for (size_t i = 0; i < d->nquestions; i++)
        if (!span_ok(d->questions[i].span, n))
            return 0;
    for (size_t i = 0; i < d->nanswers; i++)
        if (!span_ok(d->answers[i].span, n))
            return 0;
    for (size_t i = 0; i < d->nfootnotes; i++)
        if (!span_ok(d->footnotes[i].span, n))
            return 0;
    return 1;
}

static void get_notes(cur *c, fmt_doc *d)
{
    size_t k = get_count(c);
    uint32_t prev = 0;
    for (size_t i = 0; i < k && !c->bad; i++) {
        size_t ml;
        const char *mk = get_bytes(c, &ml);
        fmt_span s = get_dspan(c, &prev);
        if (c->bad)
            return;
        if (fmt_doc_add_note(d, mk, ml, s)) {
            c->bad = 2;
            return;
        }
        fmt_note *f = &d->footnotes[d->nfootnotes - 1];
        size_t nu = get_count(c);
        for (size_t j = 0; j < nu && !c->bad; j++) {
            size_t ul;
            const char *u = get_bytes(c, &ul);
            if (!c->bad && fmt_doc_add_note_url(f, u, ul))
                c->bad = 2;
        }
    }
}

/* The tagged extensions after the notice span, each at most once and in
 * tag order. */
static void get_ext(cur *c, fmt_doc *d)
{
    char ***v[3] = {&d->on_behalf_of, &d->cosigned_by, &d->source_urls};
    size_t *n[3] = {&d->non_behalf_of, &d->ncosigned_by, &d->nsource_urls};
    int last = 0;
    while (!c->bad && c->p < c->end) {
        int tag = *c->p++;
        if (tag <= last || tag > 4) {
            c->bad = 1;
            return;
        }
        last = tag;
        if (tag == 4)
            d->zaak_linked = 1;
        else
            get_strs(c, v[tag - 1], n[tag - 1]);
    }
}

int record_decode(const unsigned char *p, size_t n, fmt_doc *d)
{
    cur c = {p, p + n, 0};
    fmt_doc_free(d);
    if (n < 1 || p[0] != 1)
        return FMT_CORRUPT;
    c.p++;
    size_t tl;
    const char *text = get_bytes(&c, &tl);
    if (!c.bad && fmt_doc_set_text(d, text, tl))
        c.bad = 2;
    d->id = get_str(&c);
    d->source = get_str(&c);
    if (!c.bad && c.p < c.end)
        d->kind = *c.p++;
    else
        c.bad = 1;
    size_t zl;
    const char *z = get_bytes(&c, &zl);
    if (zl >= sizeof d->zaak)
        c.bad = 1;
    else
        memcpy(d->zaak, z, zl);
    d->docnum = get_ostr(&c);
    uint64_t sub = get_v(&c), rec = get_v(&c);
    d->submitted = sub <= 99991231 ? (int32_t)sub : 0;
    d->received = rec <= 99991231 ? (int32_t)rec : 0;
    d->subject = get_ostr(&c);
    size_t nm = get_count(&c);
    for (size_t i = 0; i < nm && !c.bad; i++) {
        size_t l1;
        const char *name = get_bytes(&c, &l1);
        uint64_t pl = get_v(&c);
        if (c.bad || (pl && pl - 1 > (uint64_t)(c.end - c.p))) {
            c.bad = 1;
            break;
        }
        const char *party = pl ? (const char *)c.p : NULL;
        if (pl)
            c.p += pl - 1;
        if (fmt_doc_add_member(d, name, l1, party, pl ? pl - 1 : 0))
            c.bad = 2;
    }
    get_strs(&c, &d->addressees, &d->naddressees);
    get_strs(&c, &d->answered_by, &d->nanswered_by);
    get_blocks(&c, &d->questions, &d->nquestions);
    get_blocks(&c, &d->answers, &d->nanswers);
    get_notes(&c, d);
    get_strs(&c, &d->warnings, &d->nwarnings);
    d->header = get_span(&c);
    d->notice = get_span(&c);
    get_ext(&c, d);
    if (!c.bad && c.p != c.end)
        c.bad = 1;
    if (!c.bad && (d->kind < FMT_KIND_NONE || d->kind > FMT_NOTICE ||
                   !d->id || !d->source || !spans_ok(d)))
        c.bad = 1;
    if (c.bad) {
        fmt_doc_free(d);
        return c.bad == 2 ? FMT_NOMEM : FMT_CORRUPT;
    }
    return FMT_OK;
}

/* ---- the stored record and the chunk ----------------------------------- */

#define REC_MAGIC 'R'
#define CHUNK_MAGIC 'C'
#define ZCHUNK_MAGIC 'Z' /* format 6 summaries */
#define REC_HEAD 14  /* format 2 */
#define REC_HEAD3 18 /* format 3: + the record's own CRC-32 */

size_t record_head_put(unsigned char *h, vb_rechead *r, const void *data,
                       size_t dlen)
{
    r->head = r->kind == VB_REC_PRIMED ? REC_HEAD3 + 4 : REC_HEAD3;
    h[0] = REC_MAGIC;
    h[1] = (unsigned char)r->kind;
    vb_put_be32(h + 2, r->textcrc);
    vb_put_be32(h + 6, r->plen);
    vb_put_be32(h + 10, r->pcrc);
    vb_put_be32(h + 18, r->ref);
    /* the record's own CRC: the rest of the header and the stored bytes,
     * so a reader can trust a record before inflating all of it */
    uint32_t crc = fmt_crc32(0, h, REC_HEAD);
    crc = fmt_crc32(crc, h + REC_HEAD3, r->head - REC_HEAD3);
    vb_put_be32(h + REC_HEAD, fmt_crc32(crc, data, dlen));
    return r->head;
}

int record_head_parse(const unsigned char *v, size_t n, int version,
                      vb_rechead *r)
{
    size_t h = version >= 3 ? REC_HEAD3 : REC_HEAD;
    if (n < h || v[0] != REC_MAGIC || v[1] > VB_REC_PRIMED ||
        (v[1] == VB_REC_PRIMED && n < h + 4))
        return -1;
    r->kind = v[1];
    r->textcrc = vb_get_be32(v + 2);
    r->plen = vb_get_be32(v + 6);
    r->pcrc = vb_get_be32(v + 10);
    r->head = r->kind == VB_REC_PRIMED ? h + 4 : h;
    r->ref = r->kind == VB_REC_PRIMED ? vb_get_be32(v + h) : 0;
    return 0;
}

int record_head_crc_ok(const unsigned char *v, size_t n, int version)
{
    return version < 3 ||
           fmt_crc32(fmt_crc32(0, v, REC_HEAD), v + REC_HEAD3, n - REC_HEAD3) ==
               vb_get_be32(v + REC_HEAD);
}

int record_head_bad_length(const vb_rechead *r, size_t n)
{
    return (r->kind == VB_REC_STORED && r->plen != n - r->head) ||
           r->plen > (n - r->head) * 1040 + 64 || r->plen > (1u << 30);
}

void record_chunk_put_head(unsigned char *p, uint32_t n, const uint32_t *off)
{
    p[0] = CHUNK_MAGIC;
    p[1] = (unsigned char)n;
    for (uint32_t i = 0; i <= n; i++)
        vb_put_be32(p + 2 + 4 * i, off[i]);
}

int record_chunk_item(const unsigned char *v, size_t n, uint32_t count,
                      uint32_t i, size_t *off, size_t *len)
{
    size_t head = record_chunk_head(count);
    if (n < head || v[0] != CHUNK_MAGIC || v[1] != count || i >= count)
        return VB_CHUNK_BADHEAD;
    uint32_t s = vb_get_be32(v + 2 + 4 * i), e = vb_get_be32(v + 6 + 4 * i);
    if (s > e || e > n - head)
        return VB_CHUNK_BADOFF;
    *off = head + s;
    *len = e - s;
    return VB_CHUNK_OK;
}

/* ---- summaries ----------------------------------------------------------
 * u8 kind, u8 status, varint answer_days+1, varint submitted, varint
 * received, then strings: id, zaak, subject, members, parties, addressees,
 * answered_by, then u32 BE CRC-32 of all that. The checksum is what lets a
 * result list show a summary without inflating the record and still never
 * show damaged text; a summary without one (made before it existed) is
 * read as it is. */

static int join(fmt_buf *b, char *const *v, size_t n, const char *sep)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(v[i]) + strlen(sep);
    int rc = record_buf_varint(b, n ? total - strlen(sep) : 0);
    for (size_t i = 0; !rc && i < n; i++) {
        if (i)
            rc = fmt_buf_append(b, sep, strlen(sep));
        if (!rc)
            rc = fmt_buf_append(b, v[i], strlen(v[i]));
    }
    return rc;
}

/* "Palland, Inge van Dijk, Amhaouch" and "CDA" (parties once each, in
 * order of first appearance). */
static int members_strings(const fmt_doc *d, fmt_buf *b)
{
    char **names = alloc_calloc(d->nmembers + 1, sizeof *names);
    char **parties = alloc_calloc(d->nmembers + 1, sizeof *parties);
    size_t np = 0;
    int rc = names && parties ? FMT_OK : FMT_NOMEM;
    for (size_t i = 0; !rc && i < d->nmembers; i++) {
        names[i] = d->members[i].name ? d->members[i].name : "";
        const char *pt = d->members[i].party;
        if (!pt)
            continue;
        size_t k = 0;
        while (k < np && strcmp(parties[k], pt))
            k++;
        if (k == np)
            parties[np++] = (char *)pt;
    }
    if (!rc)
        rc = join(b, names, d->nmembers, ", ");
    if (!rc)
        rc = join(b, parties, np, ", ");
    free(names);
    free(parties);
    return rc;
}

/* The summary, and its CRC when with_crc is set. */
static int summary_put(const fmt_doc *d, int status, int answer_days, int with_crc,
                       fmt_buf *b)
{
    unsigned char hd[2] = {(unsigned char)d->kind, (unsigned char)status};
    size_t start = b->len;
    int rc = fmt_buf_append(b, hd, 2);
    rc = rc ? rc : record_buf_varint(b, (uint64_t)(answer_days + 1));
    rc = rc ? rc : record_buf_varint(b, (uint32_t)d->submitted);
    rc = rc ? rc : record_buf_varint(b, (uint32_t)d->received);
    rc = rc ? rc : record_buf_str(b, d->id, strlen(d->id));
    rc = rc ? rc : record_buf_str(b, d->zaak, strlen(d->zaak));
    const char *sj = d->subject ? d->subject : "";
    rc = rc ? rc : record_buf_str(b, sj, strlen(sj));
    rc = rc ? rc : members_strings(d, b);
    rc = rc ? rc : join(b, d->addressees, d->naddressees, "; ");
    rc = rc ? rc : join(b, d->answered_by, d->nanswered_by, "; ");
    if (!rc && with_crc) {
        unsigned char crc[4];
        vb_put_be32(crc, fmt_crc32(0, b->data + start, b->len - start));
        rc = fmt_buf_append(b, crc, 4);
    }
    return rc;
}

int record_summary_encode(const fmt_doc *d, int status, int answer_days,
                          fmt_buf *out)
{
    return summary_put(d, status, answer_days, 1, out);
}

int record_summary_encode_bare(const fmt_doc *d, int status, int answer_days,
                               fmt_buf *out)
{
    return summary_put(d, status, answer_days, 0, out);
}

int record_summary_decode(const unsigned char *p, size_t n, fmt_summary *s)
{
    cur c = {p, p + n, 0};
    if (n < 2)
        return FMT_CORRUPT;
    s->kind = p[0];
    s->status = p[1];
    c.p += 2;
    uint64_t days = get_v(&c), sub = get_v(&c), rec = get_v(&c);
    if (c.bad || days > 100000 || sub > 99991231 || rec > 99991231 ||
        s->kind > FMT_NOTICE || s->status >= FMT_NSTATUS)
        return FMT_CORRUPT;
    s->answer_days = (int)days - 1;
    s->submitted = (int32_t)sub;
    s->received = (int32_t)rec;
    fmt_doc filed = {0};
    filed.kind = s->kind;
    filed.submitted = s->submitted;
    filed.received = s->received;
    s->date = fmt_doc_date(&filed);
    /* Seven strings copied NUL-terminated into s->buf; pointers are set
     * after, since the buffer may move while it grows. */
    size_t offs[7];
    s->buf.len = 0;
    for (int i = 0; i < 7; i++) {
        size_t len;
        const char *str = get_bytes(&c, &len);
        if (c.bad)
            return FMT_CORRUPT;
        offs[i] = s->buf.len;
        if (fmt_buf_append(&s->buf, str, len) ||
            fmt_buf_append(&s->buf, "", 1))
            return FMT_NOMEM;
    }
    if (c.p == c.end - 4) {
        if (vb_get_be32(c.p) != fmt_crc32(0, p, (size_t)(c.p - p)))
            return FMT_CORRUPT;
    } else if (c.p != c.end) {
        return FMT_CORRUPT;
    }
    const char **dst[7] = {&s->id,      &s->zaak,       &s->subject,
                           &s->members, &s->parties,    &s->addressees,
                           &s->answered_by};
    for (int i = 0; i < 7; i++)
        *dst[i] = s->buf.data + offs[i];
    return FMT_OK;
}

/* ---- the deflated summary chunk (format 6) -------------------------------
 * Each summary deflated alone, so that a result list inflates only the
 * summaries it shows (a couple of hundred bytes each) and not all 64 of
 * the chunk; what the summaries repeat (names, parties, ministries) is in
 * the summary dictionary they are primed with. CRCs by groups of
 * VB_ZGROUP summaries instead of one per summary (four bytes a summary
 * would be a tenth of what is stored) or one per chunk (a result page
 * reads 20 summaries of 20 chunks: checking 4 KB each was a third of
 * the time a summary took). */

static uint32_t zchunk_groups(uint32_t n)
{
    return (n + VB_ZGROUP - 1) / VB_ZGROUP;
}

size_t record_zchunk_size(uint32_t n, const uint32_t *off)
{
    size_t len = VB_ZCHUNK_HEAD + 4 * (size_t)zchunk_groups(n);
    unsigned char tmp[10];
    for (uint32_t i = 0; i < n; i++)
        len += vb_put_varint(tmp, off[i + 1] - off[i]);
    return len + off[n];
}

void record_zchunk_put(unsigned char *p, uint32_t n, const uint32_t *off,
                       const void *items)
{
    const unsigned char *it = items;
    p[0] = ZCHUNK_MAGIC;
    p[1] = (unsigned char)n;
    unsigned char *q = p + VB_ZCHUNK_HEAD;
    for (uint32_t i = 0; i < n; i++)
        q += vb_put_varint(q, off[i + 1] - off[i]);
    for (uint32_t g = 0; g < zchunk_groups(n); g++) {
        uint32_t a = g * VB_ZGROUP, b = a + VB_ZGROUP < n ? a + VB_ZGROUP : n;
        vb_put_be32(q, fmt_crc32(0, it + off[a], off[b] - off[a]));
        q += 4;
    }
    uint32_t crc = fmt_crc32(0, p, 2);
    vb_put_be32(p + 2, fmt_crc32(crc, p + VB_ZCHUNK_HEAD,
                                 (size_t)(q - p) - VB_ZCHUNK_HEAD));
    memcpy(q, items, off[n]);
}

int record_zchunk_parse(const unsigned char *v, size_t n, uint32_t count,
                        uint32_t *off, size_t *items)
{
    if (n < VB_ZCHUNK_HEAD || v[0] != ZCHUNK_MAGIC || v[1] != count ||
        count > VB_CHUNK)
        return VB_CHUNK_BADHEAD;
    const unsigned char *p = v + VB_ZCHUNK_HEAD, *end = v + n;
    off[0] = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t len;
        /* each length within what is left: the sum cannot wrap (the CRC
         * comes after: where the head ends depends on these) */
        if (vb_get_varint(&p, end, &len) || len == 0 ||
            off[i] > (uint64_t)(end - p) || len > (uint64_t)(end - p) - off[i])
            return VB_CHUNK_BADOFF;
        off[i + 1] = off[i] + (uint32_t)len;
    }
    size_t crcs = 4 * (size_t)zchunk_groups(count);
    if ((size_t)(end - p) < crcs ||
        vb_get_be32(v + 2) != fmt_crc32(fmt_crc32(0, v, 2), v + VB_ZCHUNK_HEAD,
                                        (size_t)(p - v) + crcs - VB_ZCHUNK_HEAD))
        return VB_CHUNK_BADCRC;
    p += crcs;
    if (off[count] != (size_t)(end - p))
        return VB_CHUNK_BADOFF;
    *items = (size_t)(p - v);
    return VB_CHUNK_OK;
}

int record_zchunk_group_ok(const unsigned char *v, uint32_t count,
                           const uint32_t *off, size_t items, uint32_t i)
{
    uint32_t g = i / VB_ZGROUP, a = g * VB_ZGROUP;
    uint32_t b = a + VB_ZGROUP < count ? a + VB_ZGROUP : count;
    const unsigned char *crcs = v + items - 4 * (size_t)zchunk_groups(count);
    return vb_get_be32(crcs + 4 * (size_t)g) ==
           fmt_crc32(0, v + items + off[a], off[b] - off[a]);
}

/* ---- dates -------------------------------------------------------------- */

int record_valid_date(int32_t ymd)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    return y >= 1800 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= mdays[m - 1];
}

int32_t record_days(int32_t ymd)
{
    if (!record_valid_date(ymd))
        return 0;
    /* days from civil, after Howard Hinnant's algorithm */
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
