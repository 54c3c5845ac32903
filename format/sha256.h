/* sha256.h - (internal to format/) SHA-256 for the content checksum. */
#ifndef VB_SHA256_H
#define VB_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
} vb_sha256;

/* The 64 round constants, shared with the SHA-NI code (sha256x.c). */
extern const uint32_t sha256_k[64];

void sha256_init(vb_sha256 *c);
void sha256_update(vb_sha256 *c, const void *data, size_t n);
void sha256_final(vb_sha256 *c, unsigned char out[32]);
void sha256_hex(const unsigned char d[32], char out[65]);

#endif
