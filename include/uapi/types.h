/*
 * The fixed-width names every include/uapi header uses for ABI data.
 * include/tern/types.h and include/tern/net_platform.h include this file
 * instead of repeating the typedefs, so the kernel, net/ and the host
 * tests all see one set.  be16/be32/be64 hold values in network (big-
 * endian) byte order; they are plain integers, the name tells the reader.
 *
 * Only <stdint.h> here: a uapi header must build anywhere (kernel,
 * host test, freestanding tool) without Tern's kernel headers.
 */
#ifndef TERN_UAPI_TYPES_H
#define TERN_UAPI_TYPES_H

#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef uint16_t be16;
typedef uint32_t be32;
typedef uint64_t be64;

#endif
