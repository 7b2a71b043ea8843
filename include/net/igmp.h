/*
 * IPv4 multicast group membership (Linux net/ipv4/igmp.c): which groups
 * a device receives, and the IGMPv3 messages that tell the link's
 * routers (RFC 3376).  Sockets join and leave through the socket layer
 * (IP_ADD_MEMBERSHIP, MCAST_JOIN_GROUP); memberships are counted per
 * (device, group), and the first join and the last leave of a group on
 * a device are reported on the wire.  Every multicast-capable device is
 * always in 224.0.0.1 (RFC 1112 §4), which is never reported.
 */
#ifndef NET_IGMP_H
#define NET_IGMP_H

#include <net/netdev.h>

/* IGMP on the wire (RFC 3376 §4, RFC 2236 §2). */
#define IGMP_HOST_MEMBERSHIP_QUERY	0x11
#define IGMP_HOST_MEMBERSHIP_REPORT	0x12	/* IGMPv1 */
#define IGMPV2_HOST_MEMBERSHIP_REPORT	0x16
#define IGMP_HOST_LEAVE_MESSAGE		0x17
#define IGMPV3_HOST_MEMBERSHIP_REPORT	0x22

/* Group record types (RFC 3376 §4.2.12). */
#define IGMPV3_MODE_IS_INCLUDE		1
#define IGMPV3_MODE_IS_EXCLUDE		2
#define IGMPV3_CHANGE_TO_INCLUDE	3
#define IGMPV3_CHANGE_TO_EXCLUDE	4
#define IGMPV3_ALLOW_NEW_SOURCES	5
#define IGMPV3_BLOCK_OLD_SOURCES	6

/* 224.0.0.22, where IGMPv3 reports go (host order, as INADDR_*). */
#define INADDR_ALLRTRS_IGMPV3		0xe0000016u

struct igmpv3_query {
	u8 type;
	u8 code;                  /* Max Resp Code */
	u16 csum;
	be32 group;               /* 0: a General Query */
	u8 qrv_s;                 /* Resv, S flag, QRV */
	u8 qqic;
	be16 nsrcs;
	/* be32 srcs[nsrcs] */
} __attribute__((packed));
_Static_assert(sizeof(struct igmpv3_query) == 12, "igmpv3_query layout");

struct igmpv3_report {
	u8 type;
	u8 resv1;
	u16 csum;
	be16 resv2;
	be16 ngrec;
	/* struct igmpv3_grec grec[ngrec] */
} __attribute__((packed));
_Static_assert(sizeof(struct igmpv3_report) == 8, "igmpv3_report layout");

struct igmpv3_grec {
	u8 grec_type;
	u8 grec_auxwords;
	be16 grec_nsrcs;
	be32 grec_mca;
	/* be32 grec_src[grec_nsrcs] */
} __attribute__((packed));
_Static_assert(sizeof(struct igmpv3_grec) == 8, "igmpv3_grec layout");

/*
 * Join `group` on device `ifindex`, or when 0 on the device the route
 * to the group uses.  -EINVAL (not multicast), -ENODEV (no such device,
 * or no route to choose one), -ENOMEM.
 */
int ip_mc_join_group(int ifindex, be32 group);
/* -EADDRNOTAVAIL if not joined there. */
int ip_mc_leave_group(int ifindex, be32 group);
/* Does dev receive group? */
bool ip_check_mc(const struct netdev *dev, be32 group);
void igmp_init(void);
void igmp_exit(void);

#endif
