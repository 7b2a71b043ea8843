/*
 * IPv6 Neighbor Discovery (RFC 4861) and Duplicate Address Detection
 * (RFC 4862): message layouts, and the entry points addrconf and ICMPv6
 * use.  Resolution state lives in the neighbour cache shared with ARP
 * (net/neighbour.h, ETH_P_IPV6 entries).
 */
#ifndef NET_NDISC_H
#define NET_NDISC_H

#include <net/icmpv6.h>

/* NS/NA (RFC 4861 §4.3, §4.4): ICMPv6 header, then the target. */
struct nd_msg {
	struct icmp6hdr icmph;
	struct in6_addr target;
	u8 opt[];
} __attribute__((packed));
_Static_assert(sizeof(struct nd_msg) == 24, "nd_msg layout");

/* RA (§4.2): ICMPv6 header (cur hop limit, flags, router lifetime), then. */
struct ra_msg {
	struct icmp6hdr icmph;
	be32 reachable_time;
	be32 retrans_timer;
} __attribute__((packed));
_Static_assert(sizeof(struct ra_msg) == 16, "ra_msg layout");

/* Prefix Information option (§4.6.2). */
struct prefix_info {
	u8 type;
	u8 length;
	u8 prefix_len;
	u8 flags;                 /* 0x80 on-link (L), 0x40 autonomous (A) */
	be32 valid;
	be32 prefered;
	be32 reserved2;
	struct in6_addr prefix;
} __attribute__((packed));
_Static_assert(sizeof(struct prefix_info) == 32, "prefix_info layout");

/* NA flags in icmph.un.un_data8[0] (§4.4). */
#define ND_NA_ROUTER 0x80
#define ND_NA_SOLICITED 0x40
#define ND_NA_OVERRIDE 0x20

/* Option types (§4.6). */
#define ND_OPT_SOURCE_LL_ADDR 1
#define ND_OPT_TARGET_LL_ADDR 2
#define ND_OPT_PREFIX_INFO 3
#define ND_OPT_REDIRECT_HDR 4
#define ND_OPT_MTU 5

/* RFC 4861 §10 constants (host). */
#define MAX_RTR_SOLICITATION_DELAY_MS 1000
#define RTR_SOLICITATION_INTERVAL_MS 4000
#define MAX_RTR_SOLICITATIONS 3
#define RETRANS_TIMER_MS 1000

/* ND statistics of ours (no /proc file has them). */
struct ndisc_statistics {
	u64 in_bad;               /* failed a §6.1/§7.1 validity check */
	u64 in_ns, in_na, in_rs, in_ra, in_redirect;
	u64 out_ns, out_na, out_rs;
	u64 dad_failed;
};
extern struct ndisc_statistics ndisc_stats;

void ndisc_init(void);
void ndisc_exit(void);
/* An ND message (types 133-137) that passed ICMPv6's checks; not consumed. */
void ndisc_rcv(struct pkbuf *pkb);
/* RFC 4862 §5.4: start (or stop) DAD on a tentative address. */
void ndisc_dad_start(struct inet6_ifaddr *ifa);
void ndisc_dad_stop(struct inet6_ifaddr *ifa);
/* RFC 4861 §6.3.7: solicit routers on dev (starts the RS timer). */
void ndisc_start_rs(struct inet6_dev *idev);

#endif
