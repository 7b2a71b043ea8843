/*
 * rtnetlink (rtnetlink(7), NETLINK_ROUTE): message types, the route
 * message and its attributes, the route attribute header with its RTA_*
 * arithmetic, link messages' struct ifinfomsg, multicast groups, and
 * the route type/protocol/scope/table numbers, with Linux's values and
 * layouts.  Address, link-attribute and neighbour messages are in
 * <uapi/if_addr.h>, <uapi/if_link.h> and <uapi/neighbour.h>, included
 * here as Linux's rtnetlink.h includes them.
 */
#ifndef TERN_UAPI_RTNETLINK_H
#define TERN_UAPI_RTNETLINK_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/netlink.h>
#include <uapi/if_link.h>
#include <uapi/if_addr.h>
#include <uapi/neighbour.h>

/* Message types: NEW, DEL, GET (and SET) in groups of four. */
#define RTM_BASE		16
#define RTM_NEWLINK		16
#define RTM_DELLINK		17
#define RTM_GETLINK		18
#define RTM_SETLINK		19
#define RTM_NEWADDR		20
#define RTM_DELADDR		21
#define RTM_GETADDR		22
#define RTM_NEWROUTE		24
#define RTM_DELROUTE		25
#define RTM_GETROUTE		26
#define RTM_NEWNEIGH		28
#define RTM_DELNEIGH		29
#define RTM_GETNEIGH		30
#define RTM_NEWRULE		32
#define RTM_DELRULE		33
#define RTM_GETRULE		34
#define RTM_NEWQDISC		36
#define RTM_DELQDISC		37
#define RTM_GETQDISC		38
#define RTM_NEWTCLASS		40
#define RTM_DELTCLASS		41
#define RTM_GETTCLASS		42
#define RTM_NEWTFILTER		44
#define RTM_DELTFILTER		45
#define RTM_GETTFILTER		46
#define RTM_NEWACTION		48
#define RTM_DELACTION		49
#define RTM_GETACTION		50
#define RTM_NEWPREFIX		52
#define RTM_GETMULTICAST	58
#define RTM_GETANYCAST		62
#define RTM_NEWNEIGHTBL		64
#define RTM_GETNEIGHTBL		66
#define RTM_SETNEIGHTBL		67
#define RTM_NEWNDUSEROPT	68
#define RTM_NEWADDRLABEL	72
#define RTM_DELADDRLABEL	73
#define RTM_GETADDRLABEL	74
#define RTM_GETDCB		78
#define RTM_SETDCB		79
#define RTM_NEWNETCONF		80
#define RTM_DELNETCONF		81
#define RTM_GETNETCONF		82
#define RTM_NEWMDB		84
#define RTM_DELMDB		85
#define RTM_GETMDB		86
#define RTM_NEWNSID		88
#define RTM_DELNSID		89
#define RTM_GETNSID		90
#define RTM_NEWSTATS		92
#define RTM_GETSTATS		94
#define RTM_SETSTATS		95
#define RTM_NEWCACHEREPORT	96
#define RTM_NEWCHAIN		100
#define RTM_DELCHAIN		101
#define RTM_GETCHAIN		102
#define RTM_NEWNEXTHOP		104
#define RTM_DELNEXTHOP		105
#define RTM_GETNEXTHOP		106
#define RTM_NEWLINKPROP		108
#define RTM_DELLINKPROP		109
#define RTM_GETLINKPROP		110
#define RTM_NEWVLAN		112
#define RTM_DELVLAN		113
#define RTM_GETVLAN		114
#define RTM_NEWNEXTHOPBUCKET	116
#define RTM_DELNEXTHOPBUCKET	117
#define RTM_GETNEXTHOPBUCKET	118
#define RTM_NEWTUNNEL		120
#define RTM_DELTUNNEL		121
#define RTM_GETTUNNEL		122

/* rtgenmsg-style families beyond AF_*: multicast routing tables. */
#define RTNL_FAMILY_IPMR	128
#define RTNL_FAMILY_IP6MR	129

/*
 * A route attribute: the same 4-byte header as struct nlattr.  Attributes
 * start at 4-byte boundaries; rta_len counts the header and the unpadded
 * payload.
 */
struct rtattr {
	u16 rta_len;
	u16 rta_type;
};
_Static_assert(sizeof(struct rtattr) == 4, "rtattr");

#define RTA_ALIGNTO		4u
#define RTA_ALIGN(len)		(((len) + RTA_ALIGNTO - 1) & ~(RTA_ALIGNTO - 1))
/* A whole header in `len` bytes, and a length between a header and `len`. */
#define RTA_OK(rta, len)	((len) >= (int)sizeof(struct rtattr) && \
				 (rta)->rta_len >= sizeof(struct rtattr) && \
				 (rta)->rta_len <= (len))
/* Advance to the next attribute, taking this one's aligned length off `len`. */
#define RTA_NEXT(rta, len)	((len) -= RTA_ALIGN((rta)->rta_len), \
				 (struct rtattr *)((char *)(rta) + RTA_ALIGN((rta)->rta_len)))
#define RTA_LENGTH(len)		(RTA_ALIGN(sizeof(struct rtattr)) + (len))
#define RTA_SPACE(len)		RTA_ALIGN(RTA_LENGTH(len))
#define RTA_DATA(rta)		((void *)((char *)(rta) + RTA_LENGTH(0)))
#define RTA_PAYLOAD(rta)	((int)(rta)->rta_len - (int)RTA_LENGTH(0))

/* RTM_NEWROUTE / DELROUTE / GETROUTE (12 bytes), then RTA_* attributes. */
struct rtmsg {
	u8 rtm_family;
	u8 rtm_dst_len;			/* prefix length */
	u8 rtm_src_len;
	u8 rtm_tos;
	u8 rtm_table;			/* RT_TABLE_*; RTA_TABLE holds ids > 255 */
	u8 rtm_protocol;		/* RTPROT_* */
	u8 rtm_scope;			/* RT_SCOPE_* */
	u8 rtm_type;			/* RTN_* */
	u32 rtm_flags;			/* RTM_F_* */
};
_Static_assert(offsetof(struct rtmsg, rtm_flags) == 8, "rtm_flags");
_Static_assert(sizeof(struct rtmsg) == 12, "rtmsg");

/* rtm_type: what a route does with a packet. */
enum {
	RTN_UNSPEC,
	RTN_UNICAST,			/* forward (gateway or on-link) */
	RTN_LOCAL,			/* deliver: one of our addresses */
	RTN_BROADCAST,			/* deliver as broadcast, send as broadcast */
	RTN_ANYCAST,
	RTN_MULTICAST,
	RTN_BLACKHOLE,			/* drop silently */
	RTN_UNREACHABLE,		/* EHOSTUNREACH */
	RTN_PROHIBIT,			/* EACCES */
	RTN_THROW,			/* continue in the next table */
	RTN_NAT,
	RTN_XRESOLVE,
};

/* rtm_protocol: who installed the route. */
#define RTPROT_UNSPEC		0
#define RTPROT_REDIRECT		1
#define RTPROT_KERNEL		2	/* from an address on an interface */
#define RTPROT_BOOT		3	/* `ip route add`'s default */
#define RTPROT_STATIC		4
#define RTPROT_GATED		8
#define RTPROT_RA		9
#define RTPROT_MRT		10
#define RTPROT_ZEBRA		11
#define RTPROT_BIRD		12
#define RTPROT_DNROUTED		13
#define RTPROT_XORP		14
#define RTPROT_NTK		15
#define RTPROT_DHCP		16
#define RTPROT_MROUTED		17
#define RTPROT_KEEPALIVED	18
#define RTPROT_BABEL		42
#define RTPROT_OPENR		99
#define RTPROT_BGP		186
#define RTPROT_ISIS		187
#define RTPROT_OSPF		188
#define RTPROT_RIP		189
#define RTPROT_EIGRP		192

/* rtm_scope: how far the destination is. */
#define RT_SCOPE_UNIVERSE	0	/* anywhere (via gateways) */
#define RT_SCOPE_SITE		200
#define RT_SCOPE_LINK		253	/* on a directly attached link */
#define RT_SCOPE_HOST		254	/* this host */
#define RT_SCOPE_NOWHERE	255	/* no such destination */

/* rtm_flags */
#define RTM_F_NOTIFY		0x100
#define RTM_F_CLONED		0x200
#define RTM_F_EQUALIZE		0x400
#define RTM_F_PREFIX		0x800
#define RTM_F_LOOKUP_TABLE	0x1000
#define RTM_F_FIB_MATCH		0x2000
#define RTM_F_OFFLOAD		0x4000
#define RTM_F_TRAP		0x8000
#define RTM_F_OFFLOAD_FAILED	0x20000000

/* Routing table ids (`ip rule`: local, main, default). */
#define RT_TABLE_UNSPEC		0
#define RT_TABLE_COMPAT		252
#define RT_TABLE_DEFAULT	253
#define RT_TABLE_MAIN		254
#define RT_TABLE_LOCAL		255
#define RT_TABLE_MAX		0xffffffffu

/* Route attributes. */
enum {
	RTA_UNSPEC,
	RTA_DST,			/* destination prefix */
	RTA_SRC,
	RTA_IIF,			/* u32 input ifindex */
	RTA_OIF,			/* u32 output ifindex */
	RTA_GATEWAY,
	RTA_PRIORITY,			/* u32 metric */
	RTA_PREFSRC,			/* preferred source address */
	RTA_METRICS,			/* nested RTAX_* */
	RTA_MULTIPATH,			/* struct rtnexthop list */
	RTA_PROTOINFO,
	RTA_FLOW,
	RTA_CACHEINFO,			/* struct rta_cacheinfo */
	RTA_SESSION,
	RTA_MP_ALGO,
	RTA_TABLE,			/* u32 table id */
	RTA_MARK,
	RTA_MFC_STATS,
	RTA_VIA,
	RTA_NEWDST,
	RTA_PREF,
	RTA_ENCAP_TYPE,
	RTA_ENCAP,
	RTA_EXPIRES,
	RTA_PAD,
	RTA_UID,
	RTA_TTL_PROPAGATE,
	RTA_IP_PROTO,
	RTA_SPORT,
	RTA_DPORT,
	RTA_NH_ID,
};

/* The first attribute after an rtmsg, and the attributes' length. */
#define RTM_RTA(r)	((struct rtattr *)((char *)(r) + NLMSG_ALIGN(sizeof(struct rtmsg))))
#define RTM_PAYLOAD(n)	NLMSG_PAYLOAD(n, sizeof(struct rtmsg))

/* One next hop inside RTA_MULTIPATH, followed by its own attributes. */
struct rtnexthop {
	u16 rtnh_len;
	u8 rtnh_flags;			/* RTNH_F_* */
	u8 rtnh_hops;			/* weight - 1 */
	s32 rtnh_ifindex;
};
_Static_assert(sizeof(struct rtnexthop) == 8, "rtnexthop");

#define RTNH_F_DEAD		1
#define RTNH_F_PERVASIVE	2
#define RTNH_F_ONLINK		4
#define RTNH_F_OFFLOAD		8
#define RTNH_F_LINKDOWN		16
#define RTNH_F_UNRESOLVED	32
#define RTNH_F_TRAP		64

#define RTNH_ALIGNTO		4
#define RTNH_ALIGN(len)		(((len) + RTNH_ALIGNTO - 1) & ~(RTNH_ALIGNTO - 1))
#define RTNH_LENGTH(len)	(RTNH_ALIGN(sizeof(struct rtnexthop)) + (len))
#define RTNH_SPACE(len)		RTNH_ALIGN(RTNH_LENGTH(len))

/* RTA_CACHEINFO */
struct rta_cacheinfo {
	u32 rta_clntref;
	u32 rta_lastuse;
	s32 rta_expires;
	u32 rta_error;
	u32 rta_used;
	u32 rta_id;
	u32 rta_ts;
	u32 rta_tsage;
};
_Static_assert(sizeof(struct rta_cacheinfo) == 32, "rta_cacheinfo");

/* Inside RTA_METRICS: per-route metrics (u32 each). */
enum {
	RTAX_UNSPEC,
	RTAX_LOCK,
	RTAX_MTU,
	RTAX_WINDOW,
	RTAX_RTT,
	RTAX_RTTVAR,
	RTAX_SSTHRESH,
	RTAX_CWND,
	RTAX_ADVMSS,
	RTAX_REORDERING,
	RTAX_HOPLIMIT,
	RTAX_INITCWND,
	RTAX_FEATURES,
	RTAX_RTO_MIN,
	RTAX_INITRWND,
	RTAX_QUICKACK,
	RTAX_CC_ALGO,
	RTAX_FASTOPEN_NO_COOKIE,
};

#define RTAX_FEATURE_ECN	(1 << 0)
#define RTAX_FEATURE_SACK	(1 << 1)
#define RTAX_FEATURE_TIMESTAMP	(1 << 2)
#define RTAX_FEATURE_ALLFRAG	(1 << 3)

/* A GET request that names only a family (`ip link`'s old dump). */
struct rtgenmsg {
	u8 rtgen_family;
};
_Static_assert(sizeof(struct rtgenmsg) == 1, "rtgenmsg");

/* RTM_NEWLINK / DELLINK / GETLINK / SETLINK (16 bytes), then IFLA_*. */
struct ifinfomsg {
	u8 ifi_family;
	u8 __ifi_pad;
	u16 ifi_type;			/* ARPHRD_* */
	s32 ifi_index;
	u32 ifi_flags;			/* IFF_* */
	u32 ifi_change;			/* which ifi_flags bits to change */
};
_Static_assert(offsetof(struct ifinfomsg, ifi_index) == 4, "ifi_index");
_Static_assert(sizeof(struct ifinfomsg) == 16, "ifinfomsg");

/* The first attribute after an ifinfomsg, and the attributes' length. */
#define IFLA_RTA(r)	((struct rtattr *)((char *)(r) + NLMSG_ALIGN(sizeof(struct ifinfomsg))))
#define IFLA_PAYLOAD(n)	NLMSG_PAYLOAD(n, sizeof(struct ifinfomsg))

/* Old multicast group bits for sockaddr_nl.nl_groups (group n is bit n-1). */
#define RTMGRP_LINK		0x1
#define RTMGRP_NOTIFY		0x2
#define RTMGRP_NEIGH		0x4
#define RTMGRP_TC		0x8
#define RTMGRP_IPV4_IFADDR	0x10
#define RTMGRP_IPV4_MROUTE	0x20
#define RTMGRP_IPV4_ROUTE	0x40
#define RTMGRP_IPV4_RULE	0x80
#define RTMGRP_IPV6_IFADDR	0x100
#define RTMGRP_IPV6_MROUTE	0x200
#define RTMGRP_IPV6_ROUTE	0x400
#define RTMGRP_IPV6_IFINFO	0x800
#define RTMGRP_DECnet_IFADDR	0x1000
#define RTMGRP_DECnet_ROUTE	0x4000
#define RTMGRP_IPV6_PREFIX	0x20000

/* Multicast groups by number (NETLINK_ADD_MEMBERSHIP). */
enum {
	RTNLGRP_NONE,
	RTNLGRP_LINK,
	RTNLGRP_NOTIFY,
	RTNLGRP_NEIGH,
	RTNLGRP_TC,
	RTNLGRP_IPV4_IFADDR,
	RTNLGRP_IPV4_MROUTE,
	RTNLGRP_IPV4_ROUTE,
	RTNLGRP_IPV4_RULE,
	RTNLGRP_IPV6_IFADDR,
	RTNLGRP_IPV6_MROUTE,
	RTNLGRP_IPV6_ROUTE,
	RTNLGRP_IPV6_IFINFO,
	RTNLGRP_DECnet_IFADDR,
	RTNLGRP_NOP2,
	RTNLGRP_DECnet_ROUTE,
	RTNLGRP_DECnet_RULE,
	RTNLGRP_NOP4,
	RTNLGRP_IPV6_PREFIX,
	RTNLGRP_IPV6_RULE,
	RTNLGRP_ND_USEROPT,
	RTNLGRP_PHONET_IFADDR,
	RTNLGRP_PHONET_ROUTE,
	RTNLGRP_DCB,
	RTNLGRP_IPV4_NETCONF,
	RTNLGRP_IPV6_NETCONF,
	RTNLGRP_MDB,
	RTNLGRP_MPLS_ROUTE,
	RTNLGRP_NSID,
	RTNLGRP_MPLS_NETCONF,
	RTNLGRP_IPV4_MROUTE_R,
	RTNLGRP_IPV6_MROUTE_R,
	RTNLGRP_NEXTHOP,
	RTNLGRP_BRVLAN,
	RTNLGRP_MCTP_IFADDR,
	RTNLGRP_TUNNEL,
	RTNLGRP_STATS,
};

/* IFLA_EXT_MASK bits: what a link dump should add. */
#define RTEXT_FILTER_VF			(1 << 0)
#define RTEXT_FILTER_BRVLAN		(1 << 1)
#define RTEXT_FILTER_BRVLAN_COMPRESSED	(1 << 2)
#define RTEXT_FILTER_SKIP_STATS		(1 << 3)
#define RTEXT_FILTER_MRP		(1 << 4)
#define RTEXT_FILTER_CFM_CONFIG		(1 << 5)
#define RTEXT_FILTER_CFM_STATUS		(1 << 6)
#define RTEXT_FILTER_MST		(1 << 7)

#endif
