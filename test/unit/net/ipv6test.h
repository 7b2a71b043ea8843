/*
 * Helpers for the IPv6 tests (test_ipv6*.c), on top of nettest.h's
 * stack: IPv6 running on lo and eth0 (link-local fe80::ff:fe00:1 from
 * our MAC, and 2001:db8::1/64 -- RFC 3849 documentation addresses,
 * never routed anywhere), packet builders and a frame parser.
 */
#ifndef TEST_IPV6TEST_H
#define TEST_IPV6TEST_H

#include <net/icmpv6.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "nettest.h"

/* 2001:db8::<last> and fe80::<last> */
struct in6_addr a6(u16 g0, u16 last);
#define OUR6 a6(0x2001, 1)
#define PEER6 a6(0x2001, 2)
#define OTHER6 a6(0x2001, 3)
#define PEER_LL6 a6(0xfe80, 2)
extern const struct in6_addr our_ll6;   /* fe80::ff:fe00:1 (EUI-64 of our_mac) */

/*
 * env_setup(true) plus IPv6: DAD off unless `dad`; PEER6 and PEER_LL6
 * are permanent neighbours (peer_mac) when `static_peer`.  Frames and
 * counters of the setup are cleared.
 */
void env6_setup(bool dad, bool static_peer);
int env6_setup_cmocka(void **state);        /* no DAD, static peer */
int env6_setup_nd_cmocka(void **state);     /* DAD, no static peer */
int env6_teardown_cmocka(void **state);

/* An IPv6 header at buf (payload follows; plen is the Payload Length). */
u32 build_ip6(u8 *buf, const struct in6_addr *src, const struct in6_addr *dst,
	      u8 nexthdr, u8 hop_limit, u32 plen);
/* An ICMPv6 message at buf with its checksum for src/dst. */
u32 build_icmp6(u8 *buf, const struct in6_addr *src, const struct in6_addr *dst,
		u8 type, u8 code, be32 rest, const void *data, u32 len);
/* Wrap an IPv6 packet in Ethernet from peer_mac (to our MAC, or to dst_mac) and inject. */
void inject_ip6(const void *pkt, u32 len);
void inject_ip6_to(const u8 *dst_mac, const void *pkt, u32 len);
/* An echo request from src to dst (identifier 0x42, sequence seq, n data bytes). */
u32 build_echo6(u8 *buf, const struct in6_addr *src, const struct in6_addr *dst, u16 seq, u32 n);

struct frame6 {
	struct pkbuf *pkb;
	const struct ethhdr *eth;
	struct ipv6hdr ip6;       /* copy */
	const u8 *payload;        /* after the IPv6 header */
	u32 plen;
	u8 type, code;            /* ICMPv6 when ip6.nexthdr says so */
	const u8 *icmp;           /* ICMPv6 header, or NULL */
};
/*
 * Next IPv6 frame of dev (other frames are skipped and freed, and MLD
 * reports too unless frame6_keep_mld); false if none.
 */
extern bool frame6_keep_mld;
bool pop_frame6(struct netdev *dev, struct frame6 *f);
void frame6_free(struct frame6 *f);
/* Count IPv6 frames pending on dev, freeing them. */
u32 drain6(struct netdev *dev);
s64 ctr6(const char *name);

#endif
