/* SHA-256 (FIPS 180-4) for checking transferred data end to end. */
#ifndef TEST_NET_HOST_SHA256_H
#define TEST_NET_HOST_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t block[64];
	uint32_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* 64 lowercase hex digits and a NUL into hex[65]. */
void sha256_hex(struct sha256 *s, char hex[65]);

#endif
