/*
 * ICMP error rate limiting shared by ICMP and ICMPv6 (RFC 1812 §4.3.2.8,
 * RFC 4443 §2.4 (f)), as Linux applies it:
 *  - global: a credit of icmp_msgs_burst (50) refilled at
 *    icmp_msgs_per_sec (1000/s), one pool for both families;
 *  - per destination host (inet_peer_xrlim_allow): a token bucket of
 *    XRLIM_BURST_FACTOR (6) messages refilled one per icmp_ratelimit
 *    (1000 ms); the caller exempts loopback destinations.
 * linux-compat: Linux consumes a random 0..2 global credits per message;
 * Tern one.  Peers live in a small table; the least recently used entry
 * is reused when it is full.
 */
#ifndef NET_ICMP_RATE_H
#define NET_ICMP_RATE_H

#include <tern/net_platform.h>

/* Is there global credit left?  (Consumed by icmp_global_consume().) */
bool icmp_global_allow(void);
void icmp_global_consume(void);
/* Per-peer bucket for a 4-byte (IPv4) or 16-byte (IPv6) address. */
bool icmp_peer_allow(const void *addr, u32 len);
/* Full credit and an empty peer table (stack start). */
void icmp_rate_reset(void);

#endif
