/*
 * Kernel random numbers (drivers/random.c), for ISNs, ports, AT_RANDOM
 * and getrandom(2).  With RDRAND (QEMU -cpu max and modern CPUs) every
 * output mixes in hardware randomness; without it the generator is only
 * as good as its boot-time seed (TSC and RTC), which we log.
 */
#ifndef TERN_RANDOM_H
#define TERN_RANDOM_H

#include <tern/types.h>

void random_init(void);
u64 get_random_u64(void);
u32 get_random_u32(void);
void get_random_bytes(void *buf, size_t len);

#endif
