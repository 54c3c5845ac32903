/* sha256x.c - SHA-256 at disk speed: the x86 SHA extensions (SHA-NI) when
 * the processor has them, else the portable code of sha256.c.
 *
 * The portable code hashes about 75-150 MB/s, slower than an SSD or even a
 * USB 3 stick, and every pack and verify hashes the whole archive once; the
 * SHA instructions (most x86-64 processors since 2017-2019) do well over
 * 1 GB/s. The instruction sequence is the one Intel documents for SHA-NI:
 * two rounds per sha256rnds2, the message schedule by sha256msg1/msg2,
 * state kept as ABEF/CDGH. The result is checked against the portable code
 * by tests/test_edition.c.
 */
#include <string.h>
#include "sha256x.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <stdatomic.h>
#include <immintrin.h>

#define K sha256_k

/* Whole 64-byte blocks of p into the state h. */
__attribute__((target("sha,sse4.1,ssse3"))) static void
blocks_ni(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
    const __m128i mask =
        _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
    __m128i s1 = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
    tmp = _mm_shuffle_epi32(tmp, 0xB1);         /* CDAB */
    s1 = _mm_shuffle_epi32(s1, 0x1B);           /* EFGH */
    __m128i s0 = _mm_alignr_epi8(tmp, s1, 8);   /* ABEF */
    s1 = _mm_blend_epi16(s1, tmp, 0xF0);        /* CDGH */
    for (; nblocks; nblocks--, p += 64) {
        __m128i save0 = s0, save1 = s1, m[4], msg;
        for (int g = 0; g < 16; g++) { /* rounds 4g .. 4g+3 */
            if (g < 4)
                m[g] = _mm_shuffle_epi8(
                    _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * g)),
                    mask);
            msg = _mm_add_epi32(
                m[g & 3], _mm_loadu_si128((const __m128i *)(const void *)&K[4 * g]));
            s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
            if (g >= 3 && g <= 14) {
                __m128i t = _mm_alignr_epi8(m[g & 3], m[(g + 3) & 3], 4);
                m[(g + 1) & 3] = _mm_add_epi32(m[(g + 1) & 3], t);
                m[(g + 1) & 3] = _mm_sha256msg2_epu32(m[(g + 1) & 3], m[g & 3]);
            }
            msg = _mm_shuffle_epi32(msg, 0x0E);
            s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
            if (g >= 1 && g <= 12)
                m[(g + 3) & 3] = _mm_sha256msg1_epu32(m[(g + 3) & 3], m[g & 3]);
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
    }
    tmp = _mm_shuffle_epi32(s0, 0x1B);          /* FEBA */
    s1 = _mm_shuffle_epi32(s1, 0xB1);           /* DCHG */
    s0 = _mm_blend_epi16(tmp, s1, 0xF0);        /* DCBA */
    s1 = _mm_alignr_epi8(s1, tmp, 8);           /* HGFE */
    _mm_storeu_si128((__m128i *)(void *)&h[0], s0);
    _mm_storeu_si128((__m128i *)(void *)&h[4], s1);
}

/* Asked once; hashing threads may ask at the same time (the same answer:
 * atomic, so that is no data race). */
static int have_ni(void)
{
    static atomic_int known = -1;
    int k = atomic_load_explicit(&known, memory_order_relaxed);
    if (k < 0) {
        unsigned a, b, c, d;
        int sha = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29 & 1);
        int sse = __get_cpuid(1, &a, &b, &c, &d) && (c >> 19 & 1) &&
                  (c >> 9 & 1);
        k = sha && sse;
        atomic_store_explicit(&known, k, memory_order_relaxed);
    }
    return k;
}
#else
static int have_ni(void) { return 0; }
static void blocks_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
    (void)h, (void)p, (void)n;
}
#endif

int sha256x_accelerated(void) { return have_ni(); }

void sha256x_update(vb_sha256 *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    if (!have_ni()) {
        sha256_update(c, p, n);
        return;
    }
    if (c->nbuf) { /* complete the buffered block the portable way */
        size_t k = 64 - c->nbuf < n ? 64 - c->nbuf : n;
        sha256_update(c, p, k);
        p += k;
        n -= k;
    }
    if (n >= 64 && c->nbuf == 0) {
        size_t nb = n / 64;
        blocks_ni(c->h, p, nb);
        c->len += nb * 64;
        p += nb * 64;
        n -= nb * 64;
    }
    sha256_update(c, p, n);
}
