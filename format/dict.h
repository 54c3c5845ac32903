/* dict.h - internal to format/: a zlib preset dictionary trained on sample
 * documents, and a small raw-deflate codec that uses one.
 *
 * Small records compress badly alone because deflate starts each one with an
 * empty window. A preset dictionary (deflateSetDictionary) fills that window
 * with the phrases the corpus repeats from document to document ("Vragen van
 * de leden", "(ingezonden", "Zo nee, waarom niet?"), so every record can
 * refer back to them. The trainer picks those phrases; the codec applies
 * them. Programs and tests reach this header through -Iformat; it includes
 * no zlib.h, so they still cannot reach zlib itself.
 */
#ifndef VB_DICT_H
#define VB_DICT_H

#include <stddef.h>

/* zlib can refer back at most 32 KiB; a longer dictionary is wasted. */
#define FMT__DICT_MAX 32768

/* Build a dictionary of at most cap bytes (cap is clamped to FMT__DICT_MAX)
 * from n samples. Deterministic: the same samples give the same bytes.
 * Returns its length, 0 if the samples are too small or too unlike each
 * other to help (or memory ran out). dict must hold cap bytes.
 *
 * Time and memory are about linear in the total sample size (a few MB is
 * the intended input; beyond 8 MB only the first 8 MB are read). NULL
 * samples and empty ones are skipped. The most valuable phrases are put at
 * the end of the dictionary, where deflate reaches them with the shortest
 * distances. */
size_t dict_train(const char *const *samples, const size_t *lens,
                  size_t n, unsigned char *dict, size_t cap);

/* dict_train() with its two knobs given: segment length k (bytes
 * taken at a time, 16..1024) and d-mer length d (bytes that must repeat,
 * 4..8). For measuring tools that tune them; out-of-range values are
 * clamped. */
size_t dict_train_ex(const char *const *samples, const size_t *lens,
                     size_t n, unsigned char *dict, size_t cap,
                     unsigned k, unsigned d);

/* ---- codec: raw deflate (no zlib header or trailer) with a dictionary --- */

typedef struct dict_zc dict_zc;

/* A reusable compressor/decompressor bound to one dictionary (copied;
 * dlen 0 means none) and one deflate level (1..9; 0 or out of range: 9).
 * Returns NULL when out of memory. Reusing one codec for many records
 * avoids zlib's per-stream setup. Free it with dict_zc_free(). */
dict_zc *dict_zc_new(const unsigned char *dict, size_t dlen, int level);
void dict_zc_free(dict_zc *z);

/* The most bytes dict_zc_deflate() can produce for len input bytes. */
size_t dict_zc_bound(size_t len);

/* Compress len bytes of in into out (cap bytes). Sets *outlen. Returns 0,
 * or -1 if out is too small (cap < dict_zc_bound(len) is always enough to
 * avoid this) or zlib failed. */
int dict_zc_deflate(dict_zc *z, const void *in, size_t len,
                    unsigned char *out, size_t cap, size_t *outlen);

/* As dict_zc_deflate, primed with another dictionary (its last 32 KiB):
 * for a record that repeats a text at hand, such as an answer repeating
 * its questions. */
int dict_zc_deflate_dict(dict_zc *z, const unsigned char *dict, size_t dlen,
                         const void *in, size_t len, unsigned char *out,
                         size_t cap, size_t *outlen);

/* Decompress exactly one raw deflate stream of inlen bytes into out.
 * Returns 0 and sets *outlen, or -1 if the data is damaged, does not end
 * where inlen says, or holds more than cap bytes. Never reads or writes
 * out of bounds, whatever the input. */
int dict_zc_inflate(dict_zc *z, const void *in, size_t inlen,
                    unsigned char *out, size_t cap, size_t *outlen);

#endif
