/* sha256x.h - (internal to format/) SHA-256 with the x86 SHA instructions
 * when the processor has them (sha256x.c); same results as sha256.h. */
#ifndef VB_SHA256X_H
#define VB_SHA256X_H

#include "sha256.h"

/* sha256_update(), on the SHA instructions when there are some. */
void sha256x_update(vb_sha256 *c, const void *data, size_t n);
/* 1 when sha256x_update() uses the SHA instructions. */
int sha256x_accelerated(void);

#endif
