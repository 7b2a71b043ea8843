/*
 * The world the frame-level fuzzers share (fuzz_eth, fuzz_arp,
 * fuzz_ipv4, fuzz_icmp, fuzz_udp): a fresh stack per input with "lo" and
 * one fake Ethernet device "eth0" (192.0.2.1/24, RFC 5737 documentation
 * addresses, never routed anywhere), a few UDP, raw and ping sockets
 * (some with IP_RECVERR, so errors reach their error queues), a
 * multicast group joined on eth0 and a connecting TCP socket to aim
 * errors at; helpers to read the input as records and
 * to inject frames; a teardown that fails (abort) on any leaked buffer,
 * allocation or timer.
 */
#ifndef TEST_FUZZ_NET_H
#define TEST_FUZZ_NET_H

#include <net/arp.h>
#include <net/checksum.h>
#include <net/icmp.h>
#include <net/if_ether.h>
#include <net/inetdevice.h>
#include <net/ip.h>
#include <net/igmp.h>
#include <net/neighbour.h>
#include <net/net.h>
#include <net/ping.h>
#include <net/raw.h>
#include <net/route.h>
#include <net/tcp.h>
#include <net/udp.h>
#include <uapi/errno.h>
#include "fakedev.h"
#include "platform_host.h"

#define FZ_IP4(a, b, c, d) \
	__builtin_bswap32(((u32)(a) << 24) | ((u32)(b) << 16) | ((u32)(c) << 8) | (u32)(d))
#define FZ_OUR_IP FZ_IP4(192, 0, 2, 1)
#define FZ_PEER_IP FZ_IP4(192, 0, 2, 2)     /* permanent neighbour */
#define FZ_OTHER_IP FZ_IP4(192, 0, 2, 3)    /* resolved by ARP */
#define FZ_BCAST_IP FZ_IP4(192, 0, 2, 255)
#define FZ_GW_IP FZ_IP4(192, 0, 2, 254)     /* default route's gateway */
#define FZ_REMOTE_IP FZ_IP4(198, 51, 100, 7)

/* UDP ports with a socket bound (host order). */
#define FZ_UDP_ECHO 7
#define FZ_UDP_DNS 53
#define FZ_UDP_CONN 1234                    /* connected to PEER:5000 */
#define FZ_TCP_SPORT 40000                  /* SYN_SENT to PEER:80 */
#define FZ_PING_IDENT 0x4242                /* the ping socket's identifier */

extern const u8 fz_our_mac[ETH_ALEN], fz_peer_mac[ETH_ALEN], fz_other_mac[ETH_ALEN];
extern struct netdev *fz_eth0;
extern struct sock *fz_udp[3];
extern struct sock *fz_raw[2];   /* raw ICMP (filters timestamps), raw protocol 99 */
extern struct sock *fz_ping;     /* ping socket, identifier FZ_PING_IDENT */

/* The input, read front to back; reads past the end give zeros. */
struct fz_in {
	const u8 *p;
	size_t n;
};
u8 fz_u8(struct fz_in *in);
u16 fz_u16(struct fz_in *in);
u32 fz_u32(struct fz_in *in);
/* Copy up to `len` bytes (fewer if the input runs out); returns how many. */
u32 fz_bytes(struct fz_in *in, u8 *out, u32 len);

/* Fresh stack as described above. */
void fz_setup(void);
/* Close everything; abort() if anything leaked. */
void fz_teardown(void);

/* A frame as received on eth0 (any bytes); the bottom half runs, output is dropped. */
void fz_rx_frame(const u8 *frame, u32 len);
/* An IP packet wrapped in Ethernet from src_mac to our MAC (or broadcast). */
void fz_rx_ip(const u8 *ip, u32 len, bool broadcast);
/* Build an IPv4 header at buf (20 bytes, valid checksum); returns 20. */
u32 fz_build_iphdr(u8 *buf, be32 saddr, be32 daddr, u8 proto, u16 id, u16 frag_off,
		   u8 ttl, u32 payload_len);
/* Transport checksum over the pseudo header (UDP's 0 becomes 0xffff). */
u16 fz_l4_csum(be32 saddr, be32 daddr, u8 proto, const u8 *l4, u32 len);
/* Move the clock forward, running timers at their deadlines. */
void fz_advance_ms(u64 ms);
/* Application calls on the UDP, raw and ping sockets, chosen by the input. */
void fz_udp_app(struct fz_in *in);

#endif
