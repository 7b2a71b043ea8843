/*
 * Shared helpers for the IPv4 core tests: a stack with one fake Ethernet
 * device "eth0" (192.0.2.1/24, RFC 5737 documentation addresses — never
 * routed anywhere) and "lo" up, frame builders and frame parsers.
 */
#ifndef TEST_NETTEST_H
#define TEST_NETTEST_H

#include <net/arp.h>
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/if_ether.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/neighbour.h>
#include <net/net.h>
#include <net/route.h>
#include <net/snmp.h>
#include <net/udp.h>
#include <uapi/errno.h>
#include "fakedev.h"
#include "platform_host.h"

#define IP4(a, b, c, d) net_htonl(((u32)(a) << 24) | ((u32)(b) << 16) | ((u32)(c) << 8) | (u32)(d))
#define OUR_IP IP4(192, 0, 2, 1)
#define PEER_IP IP4(192, 0, 2, 2)
#define OTHER_IP IP4(192, 0, 2, 3)
#define GW_IP IP4(192, 0, 2, 254)
#define BCAST_IP IP4(192, 0, 2, 255)
#define REMOTE_IP IP4(198, 51, 100, 7)
#define LOOP_IP IP4(127, 0, 0, 1)

extern const u8 our_mac[ETH_ALEN], peer_mac[ETH_ALEN], gw_mac[ETH_ALEN], bcast_mac[ETH_ALEN];
extern struct netdev *eth0;

/* Run a stack call under the lock: L(x) for values, LV(x) for statements. */
#define L(expr) ({ net_lock(); __typeof__(expr) r_ = (expr); net_unlock(); r_; })
#define LV(stmt) do { net_lock(); stmt; net_unlock(); } while (0)

/*
 * Fresh stack: clock at 1000 s, random seeded, lo up, eth0 up with
 * 192.0.2.1/24; the gratuitous ARP is discarded.  When `static_peer`,
 * PEER_IP and GW_IP have permanent neighbour entries (no ARP in tests
 * that are not about ARP).
 */
void env_setup(bool static_peer);
/* Tear down and check nothing leaked (buffers, allocations, timers). */
void env_teardown(void);
/* Deliver queued frames and run due timers until neither has work (bounded). */
void net_run_until_idle(void);
int env_setup_cmocka(void **state);
int env_setup_arp_cmocka(void **state);
int env_teardown_cmocka(void **state);

/* Builders: return the length written at buf. */
u32 build_ip(u8 *buf, be32 saddr, be32 daddr, u8 proto, u16 id, u16 frag_off,
	     u8 ttl, const void *payload, u32 len);
u32 build_udp(u8 *buf, be32 saddr, be32 daddr, u16 sport, u16 dport,
	      const void *payload, u32 len, bool csum);
u32 build_icmp(u8 *buf, u8 type, u8 code, be32 rest, const void *payload, u32 len);
/* Wrap an IP packet in Ethernet (to our MAC from peer_mac) and inject. */
void inject_ip(const void *ip, u32 len);
void inject_ip_from(const u8 *src_mac, const u8 *dst_mac, const void *ip, u32 len);
/* A UDP datagram from PEER_IP to OUR_IP. */
void inject_udp(be32 saddr, be32 daddr, u16 sport, u16 dport, const void *data, u32 len);
void inject_arp(u16 op, const u8 *sha, be32 sip, const u8 *tha, be32 tip, const u8 *eth_dst);

/* A captured frame, parsed. */
struct frame {
	struct pkbuf *pkb;
	const struct ethhdr *eth;
	u16 type;                 /* ethertype, host order */
	const struct iphdr *ip;   /* for ETH_P_IP */
	const u8 *l4;             /* after the IP header */
	u32 l4_len;
	const struct arphdr_eth *arp;
};
/* Pop and parse the next frame of dev; false if none. */
bool pop_frame(struct netdev *dev, struct frame *f);
void frame_free(struct frame *f);

/* Counter by /proc name. */
s64 ctr(const char *group, const char *field);

#endif
