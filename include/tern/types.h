/*
 * Fixed-width types for the kernel.  Wire and ABI data use u8..u64 and
 * be16/be32, defined once in <uapi/types.h> (which net/ and the host
 * tests share); this header adds bool and the kernel-only types.
 */
#ifndef TERN_TYPES_H
#define TERN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uapi/types.h>

/* A physical address; never dereferenced without phys_to_virt(). */
typedef u64 phys_addr_t;

#endif
