/* prime.c - which question primes the deflate of a document. An answer
 * or notice repeats its question, so its record is deflated with that
 * question's text as the dictionary (after the archive's own): the
 * question comes from a ring of the last QRING questions, or, for an
 * answer months later, is read back from what was written (or, appending,
 * from the base archive). The choice is made in document order on the
 * main thread, so it does not depend on the threads.
 */
#include <stdio.h>
#include "writer_int.h"

/* Kind, zaak and text of a payload, read past the fields before them. */
static int peek_payload(const fmt_buf *p, int *kind, char zaak[16],
                        const unsigned char **text, size_t *tlen)
{
    const unsigned char *q, *end = (unsigned char *)p->data + p->len;
    if (record_payload_text((unsigned char *)p->data, p->len, text, tlen))
        return -1;
    q = *text + *tlen;
    for (int i = 0; i < 2; i++) { /* id, source */
        uint64_t l;
        if (vb_get_varint(&q, end, &l) || l > (uint64_t)(end - q))
            return -1;
        q += l;
    }
    uint64_t zl;
    if (q >= end)
        return -1;
    *kind = *q++;
    if (vb_get_varint(&q, end, &zl) || zl > (uint64_t)(end - q) || zl >= 16)
        return -1;
    memcpy(zaak, q, zl);
    zaak[zl] = 0;
    return 0;
}

/* Appending: an answer or notice whose question is in the base archive
 * is primed with that question (the newest one of the zaak long enough),
 * as a fresh pack primes it from its ring. FMT_NOMEM, else FMT_OK (a
 * question that cannot be read just primes nothing). */
static int base_ref(build *b, cdoc *c, const char *zaak)
{
    size_t n = 0;
    if (append_zaak(b, zaak, &n) == FMT_NOMEM)
        return FMT_NOMEM;
    for (size_t k = n; k-- > 0;) {
        uint32_t q = b->zdocs[k];
        if (q >= b->nbase || b->base->col_kind[q] != FMT_QUESTION)
            continue;
        c->reftext.len = 0;
        if (fmt_get_text(b->base, q, &c->reftext))
            return FMT_OK;
        if (c->reftext.len < MIN_REF_TEXT)
            continue;
        if (c->reftext.len > 32768) {
            size_t cut = c->reftext.len - 32768;
            memmove(c->reftext.data, c->reftext.data + cut, 32768);
            c->reftext.len = 32768;
        }
        c->ref = q;
        return FMT_OK;
    }
    c->reftext.len = 0;
    return FMT_OK;
}

/* Prime c with question docno, written long before (its answer is filed
 * under its own date, weeks or months later, past the ring): its record
 * is read back from the chunk being filled or from the archive, and
 * inflated. Answers that come late still repeat their questions. A record
 * that cannot be read primes nothing (it was written by this very pack:
 * only memory can fail). */
static int read_back(build *b, cdoc *c, uint32_t docno)
{
    const unsigned char *p;
    size_t n;
    uint32_t no = docno / VB_CHUNK, i = docno % VB_CHUNK;
    if (no == b->crec.no) { /* the chunk being filled */
        if (i >= b->crec.n)
            return FMT_OK;
        p = (const unsigned char *)b->crec.data.data + b->crec.off[i];
        n = b->crec.off[i + 1] - b->crec.off[i];
    } else {
        unsigned char kb[4];
        vb_put_be32(kb, no);
        MDB_val k = {4, kb}, v;
        if (mdb_get(b->txn, b->docs, &k, &v))
            return FMT_OK;
        const unsigned char *ch = v.mv_data;
        size_t at;
        if (v.mv_size < 2 || record_chunk_item(ch, v.mv_size, ch[1], i, &at, &n))
            return FMT_OK;
        p = ch + at;
    }
    vb_rechead r;
    if (record_head_parse(p, n, FMT_VERSION_NUMBER, &r) ||
        r.kind == VB_REC_PRIMED)
        return FMT_OK; /* questions are stored or deflated, never primed */
    size_t plen = r.plen;
    const unsigned char *payload = p + r.head;
    if (r.kind == VB_REC_DEFLATED) {
        if (fmt_buf_reserve(&b->back, plen + 1))
            return FMT_NOMEM;
        size_t got;
        if (dict_zc_inflate(b->zc[1], p + r.head, n - r.head,
                            (unsigned char *)b->back.data, plen, &got) ||
            got != plen)
            return FMT_OK;
        payload = (const unsigned char *)b->back.data;
    } else if (plen != n - r.head) {
        return FMT_OK;
    }
    const unsigned char *text;
    size_t tlen;
    if (record_payload_text(payload, plen, &text, &tlen) || tlen < MIN_REF_TEXT)
        return FMT_OK;
    if (tlen > 32768) { /* priming uses the last 32 KiB */
        text += tlen - 32768;
        tlen = 32768;
    }
    c->reftext.len = 0;
    if (fmt_buf_append(&c->reftext, text, tlen))
        return FMT_NOMEM;
    c->ref = docno;
    build_trim(&b->back, 0);
    return FMT_OK;
}

/* Decide which question, if any, primes document c (docno no), and
 * remember questions for the answers to come. Sequential, so the choice
 * does not depend on the threads. */
int prime_choose(build *b, cdoc *c, uint32_t no)
{
    int kind;
    char zaak[16];
    const unsigned char *text;
    size_t tlen;
    c->ref = NO_REF;
    if (peek_payload(&c->payload, &kind, zaak, &text, &tlen) || !zaak[0])
        return FMT_OK;
    if (kind == FMT_QUESTION) {
        if (tlen < MIN_REF_TEXT)
            return FMT_OK;
        zaakinfo *zi = build_find_zaak(b, zaak);
        if (zi)
            zi->qdoc = no + 1;
        qref *q = &b->qring[b->qnext++ % QRING];
        memcpy(q->zaak, zaak, sizeof q->zaak);
        q->docno = no;
        q->text.len = 0;
        /* priming uses the last 32 KiB of the text (record_ref_dict): keep no
         * more, so the ring stays small whatever the documents' sizes */
        if (tlen > 32768) {
            text += tlen - 32768;
            tlen = 32768;
        }
        build_trim(&q->text, tlen);
        return fmt_buf_append(&q->text, text, tlen);
    }
    size_t have = b->qnext < QRING ? b->qnext : QRING;
    for (size_t k = 1; k <= have; k++) {
        qref *q = &b->qring[(b->qnext - k) % QRING];
        if (strcmp(q->zaak, zaak))
            continue;
        c->ref = q->docno;
        c->reftext.len = 0;
        return fmt_buf_append(&c->reftext, q->text.data, q->text.len);
    }
    zaakinfo *zi = build_find_zaak(b, zaak);
    if (zi && zi->qdoc) /* long before: read it back */
        return read_back(b, c, zi->qdoc - 1);
    return b->base ? base_ref(b, c, zaak) : FMT_OK;
}
