/*
 * IPv6 as user space sees it (ipv6(7)): addresses, struct sockaddr_in6,
 * the IPv6 extension-header protocol numbers and SOL_IPV6 options, with
 * Linux x86_64's numbers and layouts.  AF_INET6 sockets return
 * EAFNOSUPPORT until Tern has IPv6; the ABI is here so that code which
 * only names these structures (getaddrinfo, sockaddr_storage users)
 * compiles against one copy.
 */
#ifndef TERN_UAPI_IN6_H
#define TERN_UAPI_IN6_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/socket.h>

/* 128 bits in network byte order, viewed as bytes, halves or words. */
struct in6_addr {
	union {
		u8 s6_addr[16];
		be16 s6_addr16[8];
		be32 s6_addr32[4];
	};
};
_Static_assert(sizeof(struct in6_addr) == 16, "in6_addr");

/* AF_INET6 address (28 bytes). */
struct sockaddr_in6 {
	sa_family_t sin6_family;
	be16 sin6_port;
	be32 sin6_flowinfo;
	struct in6_addr sin6_addr;
	u32 sin6_scope_id;		/* interface of a link-local address */
};
_Static_assert(offsetof(struct sockaddr_in6, sin6_flowinfo) == 4, "sin6_flowinfo");
_Static_assert(offsetof(struct sockaddr_in6, sin6_addr) == 8, "sin6_addr");
_Static_assert(offsetof(struct sockaddr_in6, sin6_scope_id) == 24, "sin6_scope_id");
_Static_assert(sizeof(struct sockaddr_in6) == 28, "sockaddr_in6");

/* IPV6_ADD_MEMBERSHIP / IPV6_DROP_MEMBERSHIP / IPV6_JOIN_ANYCAST. */
struct ipv6_mreq {
	struct in6_addr ipv6mr_multiaddr;
	s32 ipv6mr_ifindex;
};
_Static_assert(sizeof(struct ipv6_mreq) == 20, "ipv6_mreq");

/* IPV6_PKTINFO (RFC 3542 §6.1). */
struct in6_pktinfo {
	struct in6_addr ipi6_addr;
	s32 ipi6_ifindex;
};
_Static_assert(sizeof(struct in6_pktinfo) == 20, "in6_pktinfo");

/* Extension headers and ICMPv6 (IANA protocol numbers, RFC 8200). */
#define IPPROTO_HOPOPTS		0
#define IPPROTO_ROUTING		43
#define IPPROTO_FRAGMENT	44
#define IPPROTO_ICMPV6		58
#define IPPROTO_NONE		59
#define IPPROTO_DSTOPTS		60
#define IPPROTO_MH		135

/* SOL_IPV6 socket options (ipv6(7), RFC 3493, RFC 3542). */
#define IPV6_ADDRFORM		1
#define IPV6_2292PKTINFO	2
#define IPV6_2292HOPOPTS	3
#define IPV6_2292DSTOPTS	4
#define IPV6_2292RTHDR		5
#define IPV6_2292PKTOPTIONS	6
#define IPV6_CHECKSUM		7
#define IPV6_2292HOPLIMIT	8
#define IPV6_NEXTHOP		9
#define IPV6_AUTHHDR		10
#define IPV6_FLOWINFO		11
#define IPV6_UNICAST_HOPS	16
#define IPV6_MULTICAST_IF	17
#define IPV6_MULTICAST_HOPS	18
#define IPV6_MULTICAST_LOOP	19
#define IPV6_ADD_MEMBERSHIP	20
#define IPV6_DROP_MEMBERSHIP	21
#define IPV6_ROUTER_ALERT	22
#define IPV6_MTU_DISCOVER	23
#define IPV6_MTU		24
#define IPV6_RECVERR		25
#define IPV6_V6ONLY		26
#define IPV6_JOIN_ANYCAST	27
#define IPV6_LEAVE_ANYCAST	28
#define IPV6_MULTICAST_ALL	29
#define IPV6_ROUTER_ALERT_ISOLATE 30
#define IPV6_RECVERR_RFC4884	31
#define IPV6_FLOWLABEL_MGR	32
#define IPV6_FLOWINFO_SEND	33
#define IPV6_IPSEC_POLICY	34
#define IPV6_XFRM_POLICY	35
#define IPV6_HDRINCL		36
#define IPV6_RECVPKTINFO	49
#define IPV6_PKTINFO		50
#define IPV6_RECVHOPLIMIT	51
#define IPV6_HOPLIMIT		52
#define IPV6_RECVHOPOPTS	53
#define IPV6_HOPOPTS		54
#define IPV6_RTHDRDSTOPTS	55
#define IPV6_RECVRTHDR		56
#define IPV6_RTHDR		57
#define IPV6_RECVDSTOPTS	58
#define IPV6_DSTOPTS		59
#define IPV6_RECVPATHMTU	60
#define IPV6_PATHMTU		61
#define IPV6_DONTFRAG		62
#define IPV6_RECVTCLASS		66
#define IPV6_TCLASS		67
#define IPV6_AUTOFLOWLABEL	70
#define IPV6_ADDR_PREFERENCES	72
#define IPV6_MINHOPCOUNT	73
#define IPV6_ORIGDSTADDR	74
#define IPV6_RECVORIGDSTADDR	IPV6_ORIGDSTADDR
#define IPV6_TRANSPARENT	75
#define IPV6_UNICAST_IF		76
#define IPV6_RECVFRAGSIZE	77
#define IPV6_FREEBIND		78

/* IPV6_MTU_DISCOVER values (as IP_PMTUDISC_*). */
#define IPV6_PMTUDISC_DONT	0
#define IPV6_PMTUDISC_WANT	1
#define IPV6_PMTUDISC_DO	2
#define IPV6_PMTUDISC_PROBE	3
#define IPV6_PMTUDISC_INTERFACE	4
#define IPV6_PMTUDISC_OMIT	5

/* IPV6_ADDR_PREFERENCES bits (RFC 5014). */
#define IPV6_PREFER_SRC_TMP		0x0001
#define IPV6_PREFER_SRC_PUBLIC		0x0002
#define IPV6_PREFER_SRC_COA		0x0004
#define IPV6_PREFER_SRC_CGA		0x0008
#define IPV6_PREFER_SRC_PUBTMP_DEFAULT	0x0100
#define IPV6_PREFER_SRC_HOME		0x0400
#define IPV6_PREFER_SRC_NONCGA		0x0800

#endif
