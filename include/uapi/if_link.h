/*
 * rtnetlink link messages (RTM_NEWLINK/GETLINK, rtnetlink(7)): the
 * IFLA_* attributes after struct ifinfomsg and the statistics and map
 * structures some of them carry, with Linux's numbers and layouts.
 */
#ifndef TERN_UAPI_IF_LINK_H
#define TERN_UAPI_IF_LINK_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/netlink.h>

/* IFLA_STATS: 32-bit counters (24 of them). */
struct rtnl_link_stats {
	u32 rx_packets;
	u32 tx_packets;
	u32 rx_bytes;
	u32 tx_bytes;
	u32 rx_errors;
	u32 tx_errors;
	u32 rx_dropped;
	u32 tx_dropped;
	u32 multicast;
	u32 collisions;
	u32 rx_length_errors;
	u32 rx_over_errors;
	u32 rx_crc_errors;
	u32 rx_frame_errors;
	u32 rx_fifo_errors;
	u32 rx_missed_errors;
	u32 tx_aborted_errors;
	u32 tx_carrier_errors;
	u32 tx_fifo_errors;
	u32 tx_heartbeat_errors;
	u32 tx_window_errors;
	u32 rx_compressed;
	u32 tx_compressed;
	u32 rx_nohandler;
};
_Static_assert(sizeof(struct rtnl_link_stats) == 96, "rtnl_link_stats");

/* IFLA_STATS64: the same counters in 64 bits, and one more. */
struct rtnl_link_stats64 {
	u64 rx_packets;
	u64 tx_packets;
	u64 rx_bytes;
	u64 tx_bytes;
	u64 rx_errors;
	u64 tx_errors;
	u64 rx_dropped;
	u64 tx_dropped;
	u64 multicast;
	u64 collisions;
	u64 rx_length_errors;
	u64 rx_over_errors;
	u64 rx_crc_errors;
	u64 rx_frame_errors;
	u64 rx_fifo_errors;
	u64 rx_missed_errors;
	u64 tx_aborted_errors;
	u64 tx_carrier_errors;
	u64 tx_fifo_errors;
	u64 tx_heartbeat_errors;
	u64 tx_window_errors;
	u64 rx_compressed;
	u64 tx_compressed;
	u64 rx_nohandler;
	u64 rx_otherhost_dropped;
};
_Static_assert(sizeof(struct rtnl_link_stats64) == 200, "rtnl_link_stats64");

/* IFLA_MAP: struct ifmap with fixed-width fields (32 bytes). */
struct rtnl_link_ifmap {
	u64 mem_start;
	u64 mem_end;
	u64 base_addr;
	u16 irq;
	u8 dma;
	u8 port;
};
_Static_assert(offsetof(struct rtnl_link_ifmap, irq) == 24, "rtnl_link_ifmap.irq");
_Static_assert(sizeof(struct rtnl_link_ifmap) == 32, "rtnl_link_ifmap");

/* Link attributes (the payload type each carries is in rtnetlink(7)). */
enum {
	IFLA_UNSPEC,
	IFLA_ADDRESS,			/* hardware address */
	IFLA_BROADCAST,
	IFLA_IFNAME,			/* string */
	IFLA_MTU,			/* u32 */
	IFLA_LINK,
	IFLA_QDISC,			/* string */
	IFLA_STATS,			/* struct rtnl_link_stats */
	IFLA_COST,
	IFLA_PRIORITY,
	IFLA_MASTER,
	IFLA_WIRELESS,
	IFLA_PROTINFO,
	IFLA_TXQLEN,			/* u32 */
	IFLA_MAP,			/* struct rtnl_link_ifmap */
	IFLA_WEIGHT,
	IFLA_OPERSTATE,			/* u8 IF_OPER_* */
	IFLA_LINKMODE,			/* u8 IF_LINK_MODE_* */
	IFLA_LINKINFO,			/* nested IFLA_INFO_* */
	IFLA_NET_NS_PID,
	IFLA_IFALIAS,
	IFLA_NUM_VF,
	IFLA_VFINFO_LIST,
	IFLA_STATS64,			/* struct rtnl_link_stats64 */
	IFLA_VF_PORTS,
	IFLA_PORT_SELF,
	IFLA_AF_SPEC,			/* nested, per address family */
	IFLA_GROUP,
	IFLA_NET_NS_FD,
	IFLA_EXT_MASK,			/* u32 RTEXT_FILTER_* */
	IFLA_PROMISCUITY,
	IFLA_NUM_TX_QUEUES,
	IFLA_NUM_RX_QUEUES,
	IFLA_CARRIER,			/* u8 */
	IFLA_PHYS_PORT_ID,
	IFLA_CARRIER_CHANGES,
	IFLA_PHYS_SWITCH_ID,
	IFLA_LINK_NETNSID,
	IFLA_PHYS_PORT_NAME,
	IFLA_PROTO_DOWN,
	IFLA_GSO_MAX_SEGS,
	IFLA_GSO_MAX_SIZE,
	IFLA_PAD,
	IFLA_XDP,
	IFLA_EVENT,
	IFLA_NEW_NETNSID,
	IFLA_IF_NETNSID,
	IFLA_TARGET_NETNSID = IFLA_IF_NETNSID,
	IFLA_CARRIER_UP_COUNT,
	IFLA_CARRIER_DOWN_COUNT,
	IFLA_NEW_IFINDEX,
	IFLA_MIN_MTU,
	IFLA_MAX_MTU,
	IFLA_PROP_LIST,
	IFLA_ALT_IFNAME,
	IFLA_PERM_ADDRESS,
	IFLA_PROTO_DOWN_REASON,
	IFLA_PARENT_DEV_NAME,
	IFLA_PARENT_DEV_BUS_NAME,
	IFLA_GRO_MAX_SIZE,
	IFLA_TSO_MAX_SIZE,
	IFLA_TSO_MAX_SEGS,
	IFLA_ALLMULTI,
};
_Static_assert(IFLA_TARGET_NETNSID == 46 && IFLA_ALLMULTI == 61, "IFLA numbering");

/* Inside IFLA_AF_SPEC, for AF_INET. */
enum {
	IFLA_INET_UNSPEC,
	IFLA_INET_CONF,			/* u32 array of IPV4_DEVCONF values */
};

/* Inside IFLA_LINKINFO. */
enum {
	IFLA_INFO_UNSPEC,
	IFLA_INFO_KIND,			/* string: "veth", "bridge", ... */
	IFLA_INFO_DATA,
	IFLA_INFO_XSTATS,
	IFLA_INFO_SLAVE_KIND,
	IFLA_INFO_SLAVE_DATA,
};

#endif
