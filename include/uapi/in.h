/*
 * IPv4 as user space sees it (ip(7), raw(7), udp(7)): protocol numbers,
 * SOL_IP options, struct sockaddr_in and the option structures, with
 * Linux x86_64's numbers and layouts.  Addresses and ports inside these
 * structures are in network byte order; INADDR_* constants are in host
 * order (htonl them before comparing with an s_addr).
 */
#ifndef TERN_UAPI_IN_H
#define TERN_UAPI_IN_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/socket.h>

/* IP protocol numbers (IANA "Assigned Internet Protocol Numbers"). */
#define IPPROTO_IP		0	/* socket(2): the type's default protocol */
#define IPPROTO_ICMP		1
#define IPPROTO_IGMP		2
#define IPPROTO_IPIP		4
#define IPPROTO_TCP		6
#define IPPROTO_EGP		8
#define IPPROTO_PUP		12
#define IPPROTO_UDP		17
#define IPPROTO_IDP		22
#define IPPROTO_TP		29
#define IPPROTO_DCCP		33
#define IPPROTO_IPV6		41
#define IPPROTO_RSVP		46
#define IPPROTO_GRE		47
#define IPPROTO_ESP		50
#define IPPROTO_AH		51
#define IPPROTO_MTP		92
#define IPPROTO_BEETPH		94
#define IPPROTO_ENCAP		98
#define IPPROTO_PIM		103
#define IPPROTO_COMP		108
#define IPPROTO_L2TP		115
#define IPPROTO_SCTP		132
#define IPPROTO_UDPLITE		136
#define IPPROTO_MPLS		137
#define IPPROTO_ETHERNET	143
#define IPPROTO_RAW		255
#define IPPROTO_MPTCP		262	/* socket(2) only: never on the wire */
#define IPPROTO_MAX		263	/* one past the largest socket(2) protocol */

/* SOL_IP socket options (ip(7)). */
#define IP_TOS			1
#define IP_TTL			2
#define IP_HDRINCL		3
#define IP_OPTIONS		4
#define IP_ROUTER_ALERT		5
#define IP_RECVOPTS		6
#define IP_RETOPTS		7
#define IP_RECVRETOPTS		IP_RETOPTS
#define IP_PKTINFO		8
#define IP_PKTOPTIONS		9
#define IP_MTU_DISCOVER		10
#define IP_RECVERR		11
#define IP_RECVTTL		12
#define IP_RECVTOS		13
#define IP_MTU			14
#define IP_FREEBIND		15
#define IP_IPSEC_POLICY		16
#define IP_XFRM_POLICY		17
#define IP_PASSSEC		18
#define IP_TRANSPARENT		19
#define IP_ORIGDSTADDR		20
#define IP_RECVORIGDSTADDR	IP_ORIGDSTADDR
#define IP_MINTTL		21
#define IP_NODEFRAG		22
#define IP_CHECKSUM		23
#define IP_BIND_ADDRESS_NO_PORT	24
#define IP_RECVFRAGSIZE		25
#define IP_RECVERR_RFC4884	26
#define IP_MULTICAST_IF		32
#define IP_MULTICAST_TTL	33
#define IP_MULTICAST_LOOP	34
#define IP_ADD_MEMBERSHIP	35
#define IP_DROP_MEMBERSHIP	36
#define IP_UNBLOCK_SOURCE	37
#define IP_BLOCK_SOURCE		38
#define IP_ADD_SOURCE_MEMBERSHIP 39
#define IP_DROP_SOURCE_MEMBERSHIP 40
#define IP_MSFILTER		41
#define MCAST_JOIN_GROUP	42
#define MCAST_BLOCK_SOURCE	43
#define MCAST_UNBLOCK_SOURCE	44
#define MCAST_LEAVE_GROUP	45
#define MCAST_JOIN_SOURCE_GROUP	46
#define MCAST_LEAVE_SOURCE_GROUP 47
#define MCAST_MSFILTER		48
#define IP_MULTICAST_ALL	49
#define IP_UNICAST_IF		50
#define IP_LOCAL_PORT_RANGE	51
#define IP_PROTOCOL		52

/* IP_MTU_DISCOVER values. */
#define IP_PMTUDISC_DONT	0	/* never set DF */
#define IP_PMTUDISC_WANT	1	/* DF unless the path MTU says otherwise */
#define IP_PMTUDISC_DO		2	/* always DF */
#define IP_PMTUDISC_PROBE	3	/* DF, ignore the path MTU */
#define IP_PMTUDISC_INTERFACE	4
#define IP_PMTUDISC_OMIT	5

/* Source filter modes (MCAST_MSFILTER). */
#define MCAST_EXCLUDE		0
#define MCAST_INCLUDE		1

/* Defaults of IP_MULTICAST_TTL and IP_MULTICAST_LOOP. */
#define IP_DEFAULT_MULTICAST_TTL	1
#define IP_DEFAULT_MULTICAST_LOOP	1

/* Well-known addresses, host byte order. */
#define INADDR_ANY		((u32)0x00000000)
#define INADDR_BROADCAST	((u32)0xffffffff)
#define INADDR_NONE		((u32)0xffffffff)
#define INADDR_DUMMY		((u32)0xc0000008)	/* 192.0.0.8, RFC 7600 */
#define INADDR_LOOPBACK		0x7f000001	/* 127.0.0.1 */
#define IN_LOOPBACKNET		127
#define INADDR_UNSPEC_GROUP	0xe0000000u	/* 224.0.0.0 */
#define INADDR_ALLHOSTS_GROUP	0xe0000001u	/* 224.0.0.1 */
#define INADDR_ALLRTRS_GROUP	0xe0000002u	/* 224.0.0.2 */
#define INADDR_ALLSNOOPERS_GROUP 0xe000006au	/* 224.0.0.106 */
#define INADDR_MAX_LOCAL_GROUP	0xe00000ffu	/* 224.0.0.255 */

struct in_addr {
	be32 s_addr;
};

/* AF_INET address: 16 bytes like struct sockaddr; sin_zero is zeroed. */
struct sockaddr_in {
	sa_family_t sin_family;
	be16 sin_port;
	struct in_addr sin_addr;
	u8 sin_zero[8];
};
_Static_assert(offsetof(struct sockaddr_in, sin_port) == 2, "sin_port");
_Static_assert(offsetof(struct sockaddr_in, sin_addr) == 4, "sin_addr");
_Static_assert(sizeof(struct sockaddr_in) == sizeof(struct sockaddr), "sockaddr_in");

/* IP_ADD_MEMBERSHIP / IP_DROP_MEMBERSHIP, short form. */
struct ip_mreq {
	struct in_addr imr_multiaddr;
	struct in_addr imr_interface;	/* local address, or INADDR_ANY */
};
_Static_assert(sizeof(struct ip_mreq) == 8, "ip_mreq");

/* The same with an interface index (also IP_MULTICAST_IF's long form). */
struct ip_mreqn {
	struct in_addr imr_multiaddr;
	struct in_addr imr_address;
	s32 imr_ifindex;
};
_Static_assert(offsetof(struct ip_mreqn, imr_ifindex) == 8, "imr_ifindex");
_Static_assert(sizeof(struct ip_mreqn) == 12, "ip_mreqn");

/* IP_{ADD,DROP}_SOURCE_MEMBERSHIP, IP_{BLOCK,UNBLOCK}_SOURCE. */
struct ip_mreq_source {
	be32 imr_multiaddr;
	be32 imr_interface;
	be32 imr_sourceaddr;
};
_Static_assert(sizeof(struct ip_mreq_source) == 12, "ip_mreq_source");

/* IP_PKTINFO control message and option (ip(7)). */
struct in_pktinfo {
	s32 ipi_ifindex;
	struct in_addr ipi_spec_dst;	/* local address (routing) */
	struct in_addr ipi_addr;	/* the header's destination */
};
_Static_assert(sizeof(struct in_pktinfo) == 12, "in_pktinfo");

/* MCAST_JOIN_GROUP / MCAST_LEAVE_GROUP (RFC 3678). */
struct group_req {
	u32 gr_interface;		/* ifindex, 0: any */
	struct sockaddr_storage gr_group;
};
_Static_assert(offsetof(struct group_req, gr_group) == 8, "gr_group");
_Static_assert(sizeof(struct group_req) == 136, "group_req");

/* MCAST_{JOIN,LEAVE}_SOURCE_GROUP, MCAST_{BLOCK,UNBLOCK}_SOURCE. */
struct group_source_req {
	u32 gsr_interface;
	struct sockaddr_storage gsr_group;
	struct sockaddr_storage gsr_source;
};
_Static_assert(offsetof(struct group_source_req, gsr_source) == 136, "gsr_source");
_Static_assert(sizeof(struct group_source_req) == 264, "group_source_req");

#endif
