/*
 * IPv4 (RFC 791) as the transports see it: the header, protocol
 * registration for input and ICMP errors, route lookup and output.
 */
#ifndef NET_IP_H
#define NET_IP_H

#include <net/pkbuf.h>

struct netdev;

struct iphdr {
	u8 ihl_version;   /* version << 4 | header length in 32-bit words */
	u8 tos;
	be16 tot_len;
	be16 id;
	be16 frag_off;    /* flags (DF 0x4000, MF 0x2000) | offset in 8-byte units */
	u8 ttl;
	u8 protocol;
	u16 check;
	be32 saddr;
	be32 daddr;
} __attribute__((packed));
_Static_assert(sizeof(struct iphdr) == 20, "iphdr layout");

#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff
#define IP_DEFAULT_TTL 64

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_RAW 255

static inline u32 ip_hdrlen(const struct iphdr *ip)
{
	return (u32)(ip->ihl_version & 0x0f) * 4;
}

/*
 * A transport's entry points.  rcv() gets the packet with data at the
 * transport header (network header at pkb_network()) and owns it.
 * err() is told of an ICMP error about a packet we sent: `inner` is the
 * quoted IP header, followed by at least 8 bytes of its payload; `err` is
 * the positive errno the error maps to; `info` is the next-hop MTU for
 * "fragmentation needed", else 0.
 */
struct net_protocol {
	u8 protocol;
	void (*rcv)(struct pkbuf *pkb);
	void (*err)(const struct iphdr *inner, u32 inner_len, u8 type, u8 code,
		    int err, u32 info);
};

/* Register a transport; -EEXIST if the number is taken. */
int inet_add_protocol(const struct net_protocol *proto);

/* The result of a route lookup for output. */
struct route_result {
	struct netdev *dev;
	be32 gateway;     /* next hop; 0 when the destination is on-link */
	be32 prefsrc;     /* source address to use when the socket has none */
	u32 mtu;          /* path MTU (device MTU unless the route says less) */
	u8 type;          /* RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, ... */
};

/* Route a packet to daddr (optionally via ifindex oif); -ENETUNREACH if none. */
int ip_route_output(be32 daddr, int oif, struct route_result *res);

/* Is addr one of ours (any interface, or loopback range)? */
bool inet_addr_is_local(be32 addr);

/*
 * Send a transport packet: pkb->data points at the transport header.
 * Builds the IP header (id, checksum), routes, fragments if needed (unless
 * df, then -EMSGSIZE), resolves the neighbour and transmits.  Always
 * consumes pkb.  Returns 0 or a negative errno.
 */
struct ip_out {
	be32 saddr;       /* 0: the route's preferred source */
	be32 daddr;
	u8 protocol;
	u8 ttl;           /* 0: default */
	u8 tos;
	bool df;
	int oif;          /* 0: any */
};
int ip_output(struct pkbuf *pkb, const struct ip_out *out);

/* Headroom a transport should reserve in front of its header. */
#define NET_HEADROOM 64

#endif
