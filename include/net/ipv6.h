/*
 * IPv6 (RFC 8200) as the transports and the rest of the stack see it:
 * the header, address classification (RFC 4291), per-device addresses
 * and multicast memberships, the v6 FIB, protocol registration for input
 * and ICMPv6 errors, output, and the Ip6 counters of /proc/net/snmp6.
 *
 * Tern is an IPv6 host, never a router: packets not for us are dropped
 * (Linux with net.ipv6.conf.all.forwarding=0).
 */
#ifndef NET_IPV6_H
#define NET_IPV6_H

#include <net/pkbuf.h>
#include <net/netdev.h>
#include <net/timer.h>
#include <uapi/in6.h>		/* struct in6_addr, IPPROTO_ICMPV6 ... */
#include <uapi/in.h>		/* IPPROTO_TCP, IPPROTO_UDP */

struct ipv6hdr {
	be32 vtc_flow;            /* version 4 | traffic class 8 | flow label 20 */
	be16 payload_len;         /* bytes after this header (extension headers too) */
	u8 nexthdr;
	u8 hop_limit;
	struct in6_addr saddr;
	struct in6_addr daddr;
} __attribute__((packed));
_Static_assert(sizeof(struct ipv6hdr) == 40, "ipv6hdr layout");

/*
 * A header's addresses, copied out: headers sit at any alignment in a
 * packet, so code takes the addresses' addresses from this copy.
 */
struct ip6_addrs {
	struct in6_addr saddr, daddr;
};
static inline struct ip6_addrs ipv6_hdr_addrs(const struct ipv6hdr *h)
{
	struct ip6_addrs a;

	a.saddr = h->saddr;
	a.daddr = h->daddr;
	return a;
}

/* Extension headers that use the generic TLV-options layout (RFC 8200 §4.3, §4.6). */
struct ipv6_opt_hdr {
	u8 nexthdr;
	u8 hdrlen;                /* in 8-octet units, not counting the first 8 */
} __attribute__((packed));

/* Routing header (RFC 8200 §4.4). */
struct ipv6_rt_hdr {
	u8 nexthdr;
	u8 hdrlen;
	u8 type;
	u8 segments_left;
} __attribute__((packed));

/* Fragment header (RFC 8200 §4.5). */
struct frag_hdr {
	u8 nexthdr;
	u8 reserved;
	be16 frag_off;            /* offset << 3 | res 2 | M */
	be32 identification;
} __attribute__((packed));
_Static_assert(sizeof(struct frag_hdr) == 8, "frag_hdr layout");

#define IP6_MF 0x0001
#define IP6_OFFSET 0xfff8

/* RFC 8200 §5: every link carries at least 1280 bytes. */
#define IPV6_MIN_MTU 1280
#define IPV6_DEFAULT_HOPLIMIT 64
/* Linux's max_hbh_opts_number / max_dst_opts_number defaults. */
#define IP6_MAX_OPTS 8

/* ---- Addresses (RFC 4291) ---- */

static inline bool ipv6_addr_equal(const struct in6_addr *a, const struct in6_addr *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static inline bool ipv6_addr_any(const struct in6_addr *a)
{
	return (a->s6_addr32[0] | a->s6_addr32[1] | a->s6_addr32[2] | a->s6_addr32[3]) == 0;
}

static inline bool ipv6_addr_loopback(const struct in6_addr *a)
{
	return (a->s6_addr32[0] | a->s6_addr32[1] | a->s6_addr32[2]) == 0 &&
	       a->s6_addr32[3] == net_htonl(1);
}

static inline bool ipv6_addr_is_multicast(const struct in6_addr *a)
{
	return a->s6_addr[0] == 0xff;
}

/* RFC 4291 §2.7: the scope nibble of a multicast address. */
static inline u8 ipv6_mc_scope(const struct in6_addr *a)
{
	return a->s6_addr[1] & 0x0f;
}

static inline bool ipv6_addr_is_linklocal(const struct in6_addr *a)
{
	return a->s6_addr[0] == 0xfe && (a->s6_addr[1] & 0xc0) == 0x80;
}

static inline bool ipv6_addr_v4mapped(const struct in6_addr *a)
{
	return (a->s6_addr32[0] | a->s6_addr32[1]) == 0 &&
	       a->s6_addr32[2] == net_htonl(0x0000ffff);
}

/* RFC 4291 §2.7.1: ff02::1:ffXX:XXXX for the low 24 bits of addr. */
void addrconf_addr_solict_mult(const struct in6_addr *addr, struct in6_addr *solicited);
/* ff02::1 and ff02::2. */
extern const struct in6_addr in6addr_linklocal_allnodes, in6addr_linklocal_allrouters;
extern const struct in6_addr in6addr_loopback_addr;
/* Do the first plen bits of a and b agree? */
bool ipv6_prefix_equal(const struct in6_addr *a, const struct in6_addr *b, u32 plen);
/* Leading bits a and b have in common (0..128). */
u32 ipv6_addr_common_bits(const struct in6_addr *a, const struct in6_addr *b);
/* Address scope as RFC 6724 §3.1 defines it (RT_SCOPE-free: 1, 2, 5, 8, 14). */
#define IPV6_SCOPE_INTERFACE 0x1
#define IPV6_SCOPE_LINK 0x2
#define IPV6_SCOPE_SITE 0x5
#define IPV6_SCOPE_GLOBAL 0xe
u8 ipv6_addr_scope(const struct in6_addr *a);
/* RFC 2464 §7: 33:33 and the low 32 bits of a multicast address. */
void ipv6_eth_mc_map(const struct in6_addr *a, u8 *mac);
/* RFC 4291 §2.5.1 / RFC 2464 §4: the modified EUI-64 interface id from a MAC. */
void ipv6_eui64_from_mac(const u8 *mac, u8 *id8);
/* Text for logs and tests ("2001:db8::1", RFC 5952 §4); buf >= 46 bytes. */
const char *ipv6_ntop(const struct in6_addr *a, char *buf);

/* ---- Per-device addresses and memberships (addrconf.c) ---- */

/* IFA_F_* flag values (Linux's, include/uapi/linux/if_addr.h). */
#define IFA6_F_NODAD 0x02
#define IFA6_F_DADFAILED 0x08
#define IFA6_F_DEPRECATED 0x20
#define IFA6_F_TENTATIVE 0x40
#define IFA6_F_PERMANENT 0x80

struct inet6_ifaddr {
	struct inet6_ifaddr *next;
	struct netdev *dev;
	struct in6_addr addr;
	u8 prefix_len;
	u8 scope;                 /* IPV6_SCOPE_* */
	u32 flags;                /* IFA6_F_* */
	u8 dad_probes;            /* DAD solicitations still to send */
	u64 valid_until_ns;       /* 0: forever */
	u64 preferred_until_ns;   /* 0: forever */
	struct net_timer dad_timer;   /* ndisc.c: next DAD step */
	struct net_timer life_timer;  /* addrconf.c: deprecation / expiry */
};

/*
 * Per-device IPv6 state (Linux's struct inet6_dev): the configuration
 * of /proc/sys/net/ipv6/conf/<dev>/, multicast memberships, router
 * solicitation and what router advertisements taught (RFC 4861 §6.3.4).
 */
struct ipv6_devconf {
	bool disable_ipv6;
	bool accept_ra;           /* 1 */
	bool autoconf;            /* 1: SLAAC from RA prefixes (RFC 4862 §5.5) */
	u32 dad_transmits;        /* 1 (RFC 4862 DupAddrDetectTransmits) */
	u32 rtr_solicits;         /* 3 (RFC 4861 §10 MAX_RTR_SOLICITATIONS) */
	u32 rtr_solicit_interval_ms; /* 4000 */
	u32 hop_limit;            /* 64, or CurHopLimit from an RA */
	u32 mtu6;                 /* 0: the device's, or the RA's MTU option */
};
/*
 * The defaults new devices take (net.ipv6.conf.default).
 * linux-compat: disable_ipv6 is 1 until AF_INET6 sockets exist (the
 * socket part of issue 12); tests and the kernel turn it off per device
 * with addrconf_set_disable().
 */
extern struct ipv6_devconf ipv6_devconf_dflt;

struct ifmcaddr6 {
	struct ifmcaddr6 *next;
	struct in6_addr addr;
	u32 users;
	u8 reports_left;          /* MLD unsolicited reports still to send */
};

struct inet6_dev {
	struct inet6_dev *next;
	struct netdev *dev;
	struct ipv6_devconf cnf;
	bool running;             /* device up and IPv6 not disabled */
	struct ifmcaddr6 *mc_list;
	struct net_timer rs_timer;
	u32 rs_probes;            /* router solicitations sent */
	u64 reachable_ns, retrans_ns; /* from RAs; 0: the neighbour defaults */
	struct net_timer mld_timer;
	bool mld_query_pending;   /* a Current State Report is due */
};

/* The device's IPv6 state, or NULL if it has none yet. */
struct inet6_dev *in6_dev_get(const struct netdev *dev);
/* disable_ipv6 for one device: starting IPv6 on a running device
 * configures its link-local (or ::1) address as NETDEV_UP would. */
int addrconf_set_disable(struct netdev *dev, bool disable);

/*
 * Add addr/plen to dev (plus its on-link prefix route and the
 * solicited-node group); unless IFA6_F_NODAD, the address is tentative
 * until DAD (RFC 4862 §5.4) finishes.  -EEXIST, -EINVAL, -ENOMEM,
 * -EACCES (IPv6 disabled on dev, as Linux answers).
 */
int ipv6_addr_add(struct netdev *dev, const struct in6_addr *addr, u8 plen, u32 flags);
int ipv6_addr_del(struct netdev *dev, const struct in6_addr *addr);
/*
 * Lifetimes in seconds from now (RFC 4862 §5.5.4): past the preferred
 * lifetime the address is deprecated, past the valid one it is removed.
 * 0xffffffff is infinity.
 */
void ipv6_addr_set_lifetime(struct inet6_ifaddr *ifa, u32 valid_s, u32 preferred_s);
/* DAD finished (ndisc.c): the address is ours now, or a duplicate. */
void addrconf_dad_done(struct inet6_ifaddr *ifa, bool duplicate);
/* First address (iterate with ->next), all devices. */
struct inet6_ifaddr *ipv6_addr_first(void);
/* The address entry, on dev (or any device when dev is NULL); NULL if none. */
struct inet6_ifaddr *ipv6_get_ifaddr(const struct netdev *dev, const struct in6_addr *addr);
/* Is addr one of ours and usable (not tentative), on any device? */
bool ipv6_chk_addr(const struct in6_addr *addr, const struct netdev *dev);
/* Link-local address of dev (not tentative unless allow_tentative); NULL if none. */
struct inet6_ifaddr *ipv6_get_lladdr(const struct netdev *dev, bool allow_tentative);

/* Join/leave a multicast group on dev (counted); -ENOMEM. */
int ipv6_dev_mc_inc(struct netdev *dev, const struct in6_addr *group);
int ipv6_dev_mc_dec(struct netdev *dev, const struct in6_addr *group);
/* Has dev joined group?  (All-nodes always counts while IPv6 runs on dev.) */
bool ipv6_chk_mcast_addr(const struct netdev *dev, const struct in6_addr *group);

/*
 * Source address selection (RFC 6724 §5) for a packet to daddr leaving
 * through dev (NULL: any device): rules 1 (same address), 2 (appropriate
 * scope), 3 (avoid deprecated), 5 (prefer the outgoing interface) and 8
 * (longest matching prefix); tentative addresses never qualify (RFC 4862
 * §5.4).  -EADDRNOTAVAIL if there is none.
 */
int ipv6_dev_get_saddr(const struct netdev *dev, const struct in6_addr *daddr,
		       struct in6_addr *saddr);

/* ---- Routing (route.c): the v6 FIB ---- */

struct rt6_info {
	struct rt6_info *next;
	struct in6_addr dst;
	u8 dst_len;
	u8 protocol;              /* RTPROT_* */
	bool has_gateway;
	struct in6_addr gateway;
	struct netdev *dev;
	u32 metric;
	u32 mtu;                  /* 0: the device's */
	u64 expires_ns;           /* 0: never (RA-learned routes expire) */
};

/* Add a route; -EEXIST (same dst/len/metric/dev), -EINVAL, -ENOMEM. */
int ip6_route_add(const struct in6_addr *dst, u8 dst_len, const struct in6_addr *gw,
		  struct netdev *dev, u32 metric, u8 protocol);
int ip6_route_del(const struct in6_addr *dst, u8 dst_len, const struct in6_addr *gw,
		  struct netdev *dev);
struct rt6_info *ip6_route_first(void);
/* The route with exactly this dst/len, gateway (NULL: none) and device. */
struct rt6_info *ip6_route_find(const struct in6_addr *dst, u8 dst_len,
				const struct in6_addr *gw, const struct netdev *dev);
void ip6_route_flush_dev(struct netdev *dev);

struct rt6_result {
	struct netdev *dev;
	struct in6_addr nexthop;  /* gateway, or the destination itself when on-link */
	u32 mtu;                  /* path MTU (PMTU cache, route, device) */
	bool local;               /* to one of our addresses (through loopback) */
};
/*
 * Route to daddr, through oif if nonzero (the only way to pick a link
 * for link-local and multicast destinations; without it they go out the
 * first device with a route).  Longest prefix wins, then the lowest
 * metric.  -ENETUNREACH if none.
 */
int ip6_route_output(const struct in6_addr *daddr, int oif, struct rt6_result *res);

/*
 * Path MTU (RFC 8201): learn from a Packet Too Big (never below 1280,
 * RFC 8201 §4 / RFC 8021: no atomic fragments), expire after
 * IP6_PMTU_EXPIRES_NS (Linux's mtu_expires, 600 s; RFC 8201 §4 says at
 * least 5 minutes).
 */
#define IP6_PMTU_EXPIRES_NS (600 * 1000000000ull)
void ip6_update_pmtu(const struct in6_addr *daddr, u32 mtu);
u32 ip6_pmtu_get(const struct in6_addr *daddr);   /* 0: none learned */

/* ---- Transports ---- */

/*
 * A transport's entry points.  rcv() gets the packet with data at the
 * transport header (IPv6 header at pkb_network()) and owns it.  err()
 * hears of an ICMPv6 error about a packet we sent: `inner` is the quoted
 * IPv6 header, `offset` where the quoted transport header starts in it
 * (extension headers skipped), inner_len what was quoted.
 */
struct inet6_protocol {
	u8 protocol;
	void (*rcv)(struct pkbuf *pkb);
	void (*err)(const struct ipv6hdr *inner, u32 offset, u32 inner_len,
		    u8 type, u8 code, int err, u32 info);
};
int inet6_add_protocol(const struct inet6_protocol *proto);
int inet6_del_protocol(const struct inet6_protocol *proto);
const struct inet6_protocol *inet6_get_protocol(u8 protocol);

/*
 * IPv6-layer scratch at the start of pkb->cb (Linux's IP6CB), set on
 * input before the transport's rcv().
 */
struct ip6_cb {
	int iif;
	u16 nhoff;                /* offset from the network header of the
				     Next Header field naming this transport */
	u8 flags;                 /* IP6CB_* */
	u8 unused;
	u32 frag_offset;          /* reassembly.c: payload byte offset */
	u32 frag_end;
};
#define IP6CB(pkb) ((struct ip6_cb *)(pkb)->cb)
#define IP6CB_MCAST 0x01          /* destination was multicast */
#define IP6CB_HOPOPTS 0x02        /* a hop-by-hop header was processed */
#define IP6CB_ROUTER_ALERT 0x04   /* ... with a Router Alert option (RFC 2711) */
#define IP6CB_FRAGMENTED 0x08     /* reassembled (or an atomic fragment) */
_Static_assert(sizeof(struct ip6_cb) <= 16, "ip6_cb fits its slot");

/* ETH_P_IPV6 handler: RFC 8200 §3 checks, extension headers, delivery. */
void ipv6_rcv(struct pkbuf *pkb);
/* The extension-header walk and delivery (exthdrs.c); data at the IPv6 header. */
void ipv6_deliver(struct pkbuf *pkb);
/* The whole family: addrconf, ND, ICMPv6, the ETH_P_IPV6 handler. */
void ipv6_init(void);
void ipv6_exit(void);
void addrconf_init(void);
void addrconf_exit(void);
void ip6_route_flush_all(void);

/*
 * Send a transport packet (data at the transport header): builds the
 * IPv6 header, picks the source (RFC 6724) when saddr is ::, routes,
 * fragments above the path MTU (RFC 8200 §4.5) unless dontfrag (then
 * -EMSGSIZE), resolves the next hop (ND) and transmits.  Always
 * consumes pkb.  Returns 0 or a negative errno.
 */
struct ip6_out {
	struct in6_addr saddr;    /* ::: chosen by ipv6_dev_get_saddr() */
	struct in6_addr daddr;
	u8 nexthdr;
	u8 hop_limit;             /* 0: default (64, multicast 1) */
	u8 tclass;
	bool dontfrag;
	int oif;                  /* 0: any */
	u32 flowlabel;            /* 20 bits */
	bool mc_noloop;           /* no local copy of a multicast to a joined group */
	bool unspec_src;          /* send from :: as it is (DAD, RFC 4862 §5.4.2) */
	const void *hbh;          /* a hop-by-hop header to insert (MLD), or NULL */
	u32 hbh_len;
};
int ip6_output(struct pkbuf *pkb, const struct ip6_out *out);

/* Sum of the RFC 8200 §8.1 pseudo-header (unfolded), for transport checksums. */
u32 csum_ipv6_pseudo(const struct in6_addr *saddr, const struct in6_addr *daddr,
		     u8 proto, u32 len);

/*
 * Fragmentation (RFC 8200 §4.5): reassembly of *pkb, a packet whose
 * fragment header is at `fhoff` from the IPv6 header (data at the IPv6
 * header).  Returns 0 with *pkb the whole packet (the fragment header
 * removed, data at its IPv6 header), -EINPROGRESS (kept) or another
 * negative errno (dropped, counted).
 */
int ipv6_frag_rcv(struct pkbuf **pkb, u32 fhoff);
#define IP6FRAG_TIME_NS (60 * 1000000000ull)   /* RFC 8200 §4.5: 60 s */
u32 ip6_frag_queue_count(void);
void ip6_frag_flush_all(void);

/* ---- Counters: the Ip6 group of /proc/net/snmp6, in Linux's order ---- */

enum {
	IP6_MIB_INRECEIVES,
	IP6_MIB_INHDRERRORS,
	IP6_MIB_INTOOBIGERRORS,
	IP6_MIB_INNOROUTES,
	IP6_MIB_INADDRERRORS,
	IP6_MIB_INUNKNOWNPROTOS,
	IP6_MIB_INTRUNCATEDPKTS,
	IP6_MIB_INDISCARDS,
	IP6_MIB_INDELIVERS,
	IP6_MIB_OUTFORWDATAGRAMS,
	IP6_MIB_OUTREQUESTS,
	IP6_MIB_OUTDISCARDS,
	IP6_MIB_OUTNOROUTES,
	IP6_MIB_REASMTIMEOUT,
	IP6_MIB_REASMREQDS,
	IP6_MIB_REASMOKS,
	IP6_MIB_REASMFAILS,
	IP6_MIB_FRAGOKS,
	IP6_MIB_FRAGFAILS,
	IP6_MIB_FRAGCREATES,
	IP6_MIB_INMCASTPKTS,
	IP6_MIB_OUTMCASTPKTS,
	IP6_MIB_INOCTETS,
	IP6_MIB_OUTOCTETS,
	IP6_MIB_INMCASTOCTETS,
	IP6_MIB_OUTMCASTOCTETS,
	IP6_MIB_INBCASTOCTETS,
	IP6_MIB_OUTBCASTOCTETS,
	IP6_MIB_INNOECTPKTS,       /* + (tclass & 3): ECT1, ECT0, CE follow */
	IP6_MIB_INECT1PKTS,
	IP6_MIB_INECT0PKTS,
	IP6_MIB_INCEPKTS,
	IP6_MIB_OUTTRANSMITS,
	IP6_MIB_MAX
};
extern u64 ip6_mib[IP6_MIB_MAX];
#define IP6_INC_STATS(f) (ip6_mib[f]++)
#define IP6_ADD_STATS(f, n) (ip6_mib[f] += (n))

/*
 * /proc/net/snmp6 (Linux's snmp6_seq_show: "%-32s\t%lu" lines): Ip6,
 * Icmp6 with the per-type names and Icmp6InType<n>/OutType<n>.  Returns
 * the length needed, like snprintf.
 */
int snmp6_proc_format(char *buf, size_t size);
/* A counter by its /proc/net/snmp6 name ("Ip6InReceives", "Icmp6InMsgs",
 * "Icmp6OutType129"); -1 if unknown. */
s64 snmp6_get(const char *name);
/* /proc/net/if_inet6 as Linux prints it; the length needed, like snprintf. */
int if_inet6_proc_format(char *buf, size_t size);
void snmp6_reset(void);

#endif
