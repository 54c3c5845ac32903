/* tcodec.h - the term value codec of formats 6 and 7 (tcodec.c):
 * bit-packed postings and Rice-coded positions. Formats 2-5 use
 * postings.c's varints. The readers take both formats' lists (each block
 * says which it is); the writer writes format 7's. */
#ifndef VB_TCODEC_H
#define VB_TCODEC_H

#include "internal.h"

/* Append the postings (docs ascending, tfx = tf << 1 | in-subject, tf >= 1)
 * to post and their positions (pos: each document's tf positions, ascending,
 * documents in order) to posout. col_len: the documents' lengths (u32 BE
 * each, the column len), which set the positions' Rice parameter. */
int tcodec_encode(const uint32_t *docs, const uint32_t *tfx, size_t n,
                  const uint32_t *pos, const unsigned char *col_len,
                  fmt_buf *post, fmt_buf *posout);

/* The same, a document at a time (positions need not all be in memory):
 * start, a call per document (ascending; its tf positions), end. */
typedef struct {
    fmt_buf *post, *pos, table;
    fmt_buf un, lo;              /* the block's unary and low position bits */
    const unsigned char *col_len;
    size_t start, n, nin;
    int64_t prev, prevlast;
    uint64_t uacc, lacc, pacc, ubits, lbits;
    unsigned unb, lnb, pnb;
    int err;
    int layout6;                 /* tests only: write format 6's blocks
                                  * (tfx in one field), set after start */
    uint32_t g[VB_BLOCK], t[VB_BLOCK];
} tcodec_enc;
void tcodec_enc_start(tcodec_enc *e, fmt_buf *post, fmt_buf *pos,
                      const unsigned char *col_len);
int tcodec_enc_doc(tcodec_enc *e, uint32_t doc, uint32_t tfx,
                   const uint32_t *pos);  /* pos NULL: a list without positions */
int tcodec_enc_end(tcodec_enc *e);
/* Start from an encoded list (a base archive's, appending): its full
 * blocks of format 7 and their positions are taken as they are, its tail
 * documents (and a format 6 list's blocks) encoded again, so the result
 * is what a fresh encode of all the documents gives; then enc_doc the
 * new ones (after its last). Only on a fresh encoder whose positions
 * buffer is empty. */
int tcodec_enc_resume(tcodec_enc *e, const unsigned char *post, size_t plen,
                      const unsigned char *pos, size_t poslen, uint32_t df,
                      uint32_t ndocs, const unsigned char *col_len);

/* Decode all df documents of a list into l (checked against ndocs).
 * blk (may be NULL): two values per block of VB_BLOCK documents, the tail
 * counted as a block: where its positions start (bits), and its unary
 * bits (a list without a tail has the entry too: where the positions
 * end, by the table). The positions readers need it. */
int tcodec_decode(const unsigned char *p, size_t n, uint32_t df,
                  uint32_t ndocs, vb_plist *l, uint64_t **blk,
                  size_t *blkcap);
/* Only the documents of want[0..nwant) (ascending): the blocks holding
 * none are skipped unread. */
int tcodec_decode_in(const unsigned char *p, size_t n, uint32_t df,
                     uint32_t ndocs, vb_plist *l, const uint32_t *want,
                     size_t nwant);

/* The Rice parameter of a document of doclen words holding a word tf times. */
unsigned tcodec_rice_k(uint32_t doclen, uint32_t tf);

/* Reading positions: document by document, in the order of a decoded list. */
typedef struct {
    const unsigned char *p;
    size_t n;
    const uint64_t *blk;
    size_t b;            /* the block entered (SIZE_MAX: none) */
    uint64_t ub, uend, lb;   /* unary part: next bit, end; low part: next */
    size_t i;            /* the document index the next read is of */
} tcodec_posr;

void tcodec_pos_open(tcodec_posr *r, const unsigned char *p, size_t n,
                     const uint64_t *blk);
/* Bits left in the block's unary part: no document there can have more
 * positions than that. */
uint64_t tcodec_pos_room(const tcodec_posr *r);
/* Move to document index i (>= the last one read) of l. */
int tcodec_pos_seek(tcodec_posr *r, const vb_plist *l, size_t i,
                    const unsigned char *col_len);
/* The positions of document index r->i (tf of them, out must hold them);
 * seek first. */
int tcodec_pos_read(tcodec_posr *r, const vb_plist *l,
                    const unsigned char *col_len, uint32_t *out);
/* verify: the whole stream decodes for l, each block's parts are as long
 * as the table says, and it ends exactly. */
int tcodec_pos_check(const unsigned char *p, size_t n, const vb_plist *l,
                     const uint64_t *blk, const unsigned char *col_len);

#endif
