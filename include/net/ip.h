/*
 * IPv4 (RFC 791) as the transports see it: the header, protocol
 * registration for input and ICMP errors, route lookup and output.
 */
#ifndef NET_IP_H
#define NET_IP_H

#include <net/pkbuf.h>
#include <uapi/in.h>		/* IPPROTO_*, INADDR_* */

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
	bool mc_noloop;   /* IP_MULTICAST_LOOP 0: no local copy of a multicast */
};
int ip_output(struct pkbuf *pkb, const struct ip_out *out);

/* ---- Additions for the IPv4 core (ip_input.c, ip_output.c, ip_fragment.c) ---- */

/*
 * IP-layer scratch at the start of pkb->cb (Linux's IPCB).  Set on input
 * before the transport's rcv() runs; a transport that keeps the packet
 * and needs cb for itself puts its own data after this.
 */
struct ip_cb {
	u8 rt_type;               /* RTN_LOCAL / RTN_BROADCAST / RTN_MULTICAST */
	u8 flags;
	u16 unused;
	int iif;                  /* ifindex received on */
	u32 frag_offset;          /* ip_fragment.c: payload byte offset */
	u32 frag_end;
};
#define IPCB(pkb) ((struct ip_cb *)(pkb)->cb)
_Static_assert(sizeof(struct ip_cb) <= 16, "ip_cb fits its slot");

/* The transport registered for a protocol number, or NULL. */
const struct net_protocol *inet_get_protocol(u8 protocol);
/* Unregister (tests); -ENOENT if not registered. */
int inet_del_protocol(const struct net_protocol *proto);

/* ETH_P_IP handler: RFC 791 §3.1 / RFC 1122 §3.2.1 checks, then deliver. */
void ip_rcv(struct pkbuf *pkb);
/* Deliver a packet for us (data at the IP header): reassemble, demux. */
void ip_local_deliver(struct pkbuf *pkb);
void ip_init(void);       /* ETH_P_IP handler */
void ip_exit(void);

/*
 * Reassembly (RFC 791 §3.2, RFC 815): *pkb is a fragment with data at the
 * IP header.  Returns 0 with *pkb the whole datagram (data at its IP
 * header), or -EINPROGRESS (kept), or another negative errno (dropped).
 */
int ip_defrag(struct pkbuf **pkb);
/* Linux's ipfrag_time, ipfrag_high_thresh; and Tern's queue count bound. */
#define IPFRAG_TIME_NS (30 * 1000000000ull)
#define IPFRAG_HIGH_THRESH (4u * 1024 * 1024)
#define IPFRAG_MAX_QUEUES 1024
u32 ip_frag_queue_count(void);
u32 ip_frag_mem(void);
void ip_frag_flush_all(void);
/* Fragment a whole datagram (data at the IP header) to fit mtu; calls
 * out(frag, ctx) per fragment (consumed); consumes pkb. */
int ip_fragment(struct pkbuf *pkb, u32 mtu,
		int (*out)(struct pkbuf *frag, void *ctx), void *ctx);

/*
 * Local port range for ephemeral ports (sysctl
 * net.ipv4.ip_local_port_range), Linux's default 32768..60999.
 * -EINVAL unless 1 <= low <= high.
 */
void inet_get_local_port_range(u16 *low, u16 *high);
int inet_set_local_port_range(u16 low, u16 high);

/*
 * net.ipv4.ip_unprivileged_port_start: binding below it needs
 * CAP_NET_BIND_SERVICE, and ip_local_port_range may not start below it.
 */
#define IP_PROT_SOCK 1024

/*
 * net.ipv4.tcp_rmem and tcp_wmem (tcp(7)): min, default and max of a
 * TCP socket's receive and send buffers.  Linux's defaults, the max
 * derived from memory at boot by tcp_mem_sysctl_init() as Linux's
 * tcp_init does (1/128 of free memory, within 128 KiB..6 MiB for
 * receiving and 64 KiB..4 MiB for sending).
 */
extern u32 sysctl_tcp_rmem[3], sysctl_tcp_wmem[3];
void tcp_mem_sysctl_init(u64 free_bytes);

/*
 * Send a datagram whose IP header the caller built (raw IP_HDRINCL):
 * data at the IP header, which must be complete (tot_len, checksum).
 * Routed to `daddr` (the sendto address, as Linux does, whatever the
 * header says) or via oif; never fragmented: -EMSGSIZE beyond the path
 * MTU; -EACCES for a broadcast route unless broadcast_ok.  Consumes pkb.
 */
int ip_output_hdrincl(struct pkbuf *pkb, be32 daddr, int oif, bool broadcast_ok);

/* Next IP identification (RFC 6864 §4: unique per src/dst/protocol). */
u16 ip_select_id(void);

/* Headroom a transport should reserve in front of its header. */
#define NET_HEADROOM 64

#endif
