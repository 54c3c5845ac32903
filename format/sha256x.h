/* sha256x.h - (internal to format/) SHA-256 with the x86 SHA instructions
 * when the processor has them (sha256x.c); same results as sha256.h. */
#ifndef VB_SHA256X_H
#define VB_SHA256X_H

#include "sha256.h"

/* vb_sha256_update(), on the SHA instructions when there are some. */
void vb_sha256_update_fast(vb_sha256 *c, const void *data, size_t n);
/* 1 when vb_sha256_update_fast() uses the SHA instructions. */
int vb_sha256_accelerated(void);

#endif
