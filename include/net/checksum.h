/* The Internet checksum (RFC 1071), with the IPv4 pseudo-header (RFC 768/9293). */
#ifndef NET_CHECKSUM_H
#define NET_CHECKSUM_H

#include <tern/net_platform.h>

/* Add len bytes of data to a 32-bit running sum (unfolded, network order words). */
u32 csum_partial(const void *data, u32 len, u32 sum);
/* Fold a running sum to 16 bits and complement it: the value for the wire. */
u16 csum_fold(u32 sum);
/* Running sum of the IPv4 pseudo-header; saddr/daddr in network order. */
u32 csum_pseudo(be32 saddr, be32 daddr, u8 proto, u16 len);
/* Checksum of a buffer: csum_fold(csum_partial(data, len, 0)). 0 means valid
 * when computed over data that includes its own checksum field. */
u16 inet_csum(const void *data, u32 len);

#endif
