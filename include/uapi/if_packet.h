/*
 * AF_PACKET as user space sees it (packet(7)): the link-level address,
 * packet types, SOL_PACKET options and the structures they carry, with
 * Linux x86_64's numbers and layouts, the mmap'ed rings (PACKET_RX_RING,
 * PACKET_TX_RING: Linux's Documentation/networking/packet_mmap.rst)
 * included.
 */
#ifndef TERN_UAPI_IF_PACKET_H
#define TERN_UAPI_IF_PACKET_H

#include <stddef.h>
#include <uapi/types.h>
#include <uapi/socket.h>

/* SOCK_PACKET's address: a device name instead of an index. */
struct sockaddr_pkt {
	sa_family_t spkt_family;
	u8 spkt_device[14];
	be16 spkt_protocol;
};
_Static_assert(sizeof(struct sockaddr_pkt) == 18, "sockaddr_pkt");

/* AF_PACKET address (20 bytes); bind(2) uses family, protocol, ifindex. */
struct sockaddr_ll {
	sa_family_t sll_family;
	be16 sll_protocol;		/* ETH_P_*, network order */
	s32 sll_ifindex;
	u16 sll_hatype;			/* ARPHRD_* */
	u8 sll_pkttype;			/* PACKET_HOST ... */
	u8 sll_halen;
	u8 sll_addr[8];
};
_Static_assert(offsetof(struct sockaddr_ll, sll_ifindex) == 4, "sll_ifindex");
_Static_assert(offsetof(struct sockaddr_ll, sll_hatype) == 8, "sll_hatype");
_Static_assert(offsetof(struct sockaddr_ll, sll_addr) == 12, "sll_addr");
_Static_assert(sizeof(struct sockaddr_ll) == 20, "sockaddr_ll");

/* sll_pkttype: who a frame was for. */
#define PACKET_HOST		0	/* this host */
#define PACKET_BROADCAST	1
#define PACKET_MULTICAST	2
#define PACKET_OTHERHOST	3	/* someone else (promiscuous) */
#define PACKET_OUTGOING		4	/* sent by this host */
#define PACKET_LOOPBACK		5
#define PACKET_USER		6
#define PACKET_KERNEL		7
#define PACKET_FASTROUTE	6	/* unused old name */

/* SOL_PACKET options. */
#define PACKET_ADD_MEMBERSHIP	1
#define PACKET_DROP_MEMBERSHIP	2
#define PACKET_RECV_OUTPUT	3
#define PACKET_RX_RING		5
#define PACKET_STATISTICS	6
#define PACKET_COPY_THRESH	7
#define PACKET_AUXDATA		8
#define PACKET_ORIGDEV		9
#define PACKET_VERSION		10
#define PACKET_HDRLEN		11
#define PACKET_RESERVE		12
#define PACKET_TX_RING		13
#define PACKET_LOSS		14
#define PACKET_VNET_HDR		15
#define PACKET_TX_TIMESTAMP	16
#define PACKET_TIMESTAMP	17
#define PACKET_FANOUT		18
#define PACKET_TX_HAS_OFF	19
#define PACKET_QDISC_BYPASS	20
#define PACKET_ROLLOVER_STATS	21
#define PACKET_FANOUT_DATA	22
#define PACKET_IGNORE_OUTGOING	23

/* PACKET_FANOUT modes and flags. */
#define PACKET_FANOUT_HASH		0
#define PACKET_FANOUT_LB		1
#define PACKET_FANOUT_CPU		2
#define PACKET_FANOUT_ROLLOVER		3
#define PACKET_FANOUT_RND		4
#define PACKET_FANOUT_QM		5
#define PACKET_FANOUT_CBPF		6
#define PACKET_FANOUT_EBPF		7
#define PACKET_FANOUT_FLAG_ROLLOVER	0x1000
#define PACKET_FANOUT_FLAG_UNIQUEID	0x2000
#define PACKET_FANOUT_FLAG_DEFRAG	0x8000

/* PACKET_VERSION values. */
enum tpacket_versions {
	TPACKET_V1,
	TPACKET_V2,
	TPACKET_V3,
};

/* PACKET_STATISTICS (read and reset): frames queued and dropped. */
struct tpacket_stats {
	u32 tp_packets;
	u32 tp_drops;
};
_Static_assert(sizeof(struct tpacket_stats) == 8, "tpacket_stats");

/* PACKET_AUXDATA control message (cmsg_level SOL_PACKET). */
struct tpacket_auxdata {
	u32 tp_status;			/* TP_STATUS_* */
	u32 tp_len;			/* frame length on the wire */
	u32 tp_snaplen;			/* bytes delivered */
	u16 tp_mac;
	u16 tp_net;
	u16 tp_vlan_tci;
	u16 tp_vlan_tpid;
};
_Static_assert(offsetof(struct tpacket_auxdata, tp_mac) == 12, "tp_mac");
_Static_assert(sizeof(struct tpacket_auxdata) == 20, "tpacket_auxdata");

/* tp_status bits of a received frame. */
#define TP_STATUS_KERNEL		0
#define TP_STATUS_USER			(1 << 0)
#define TP_STATUS_COPY			(1 << 1)
#define TP_STATUS_LOSING		(1 << 2)
#define TP_STATUS_CSUMNOTREADY		(1 << 3)	/* checksum left to hardware */
#define TP_STATUS_VLAN_VALID		(1 << 4)
#define TP_STATUS_BLK_TMO		(1 << 5)
#define TP_STATUS_VLAN_TPID_VALID	(1 << 6)
#define TP_STATUS_CSUM_VALID		(1 << 7)

/* PACKET_STATISTICS of a TPACKET_V3 socket. */
struct tpacket_stats_v3 {
	u32 tp_packets;
	u32 tp_drops;
	u32 tp_freeze_q_cnt;		/* times the ring was found full */
};

/* tp_status of a transmit ring frame. */
#define TP_STATUS_AVAILABLE		0
#define TP_STATUS_SEND_REQUEST		(1 << 0)
#define TP_STATUS_SENDING		(1 << 1)
#define TP_STATUS_WRONG_FORMAT		(1 << 2)

/* Frames in a ring start on this alignment. */
#define TPACKET_ALIGNMENT	16
#define TPACKET_ALIGN(x)	(((x) + TPACKET_ALIGNMENT - 1) & ~(TPACKET_ALIGNMENT - 1))

/* PACKET_RX_RING / PACKET_TX_RING for TPACKET_V1 and V2. */
struct tpacket_req {
	u32 tp_block_size;		/* a multiple of the page size */
	u32 tp_block_nr;
	u32 tp_frame_size;		/* a multiple of TPACKET_ALIGNMENT */
	u32 tp_frame_nr;		/* frames per block times blocks */
};
_Static_assert(sizeof(struct tpacket_req) == 16, "tpacket_req");

/* The same for TPACKET_V3 (blocks of variable-length frames). */
struct tpacket_req3 {
	u32 tp_block_size;
	u32 tp_block_nr;
	u32 tp_frame_size;
	u32 tp_frame_nr;
	u32 tp_retire_blk_tov;		/* ms a partly filled block waits */
	u32 tp_sizeof_priv;		/* user area behind each block header */
	u32 tp_feature_req_word;	/* TP_FT_REQ_* */
};
_Static_assert(sizeof(struct tpacket_req3) == 28, "tpacket_req3");

#define TP_FT_REQ_FILL_RXHASH	0x1

/* TPACKET_V1 frame header (tp_status is a long). */
struct tpacket_hdr {
	unsigned long tp_status;
	u32 tp_len;
	u32 tp_snaplen;
	u16 tp_mac;
	u16 tp_net;
	u32 tp_sec;
	u32 tp_usec;
};
_Static_assert(sizeof(struct tpacket_hdr) == 32, "tpacket_hdr");

/* TPACKET_V2 frame header. */
struct tpacket2_hdr {
	u32 tp_status;
	u32 tp_len;
	u32 tp_snaplen;
	u16 tp_mac;
	u16 tp_net;
	u32 tp_sec;
	u32 tp_nsec;
	u16 tp_vlan_tci;
	u16 tp_vlan_tpid;
	u8 tp_padding[4];
};
_Static_assert(sizeof(struct tpacket2_hdr) == 32, "tpacket2_hdr");

/* TPACKET_V3 frame header, inside a block. */
struct tpacket_hdr_variant1 {
	u32 tp_rxhash;
	u32 tp_vlan_tci;
	u16 tp_vlan_tpid;
	u16 tp_padding;
};

struct tpacket3_hdr {
	u32 tp_next_offset;		/* to the next frame of the block; 0: last */
	u32 tp_sec;
	u32 tp_nsec;
	u32 tp_snaplen;
	u32 tp_len;
	u32 tp_status;
	u16 tp_mac;
	u16 tp_net;
	union {
		struct tpacket_hdr_variant1 hv1;
	};
	u8 tp_padding[8];
};
_Static_assert(sizeof(struct tpacket3_hdr) == 48, "tpacket3_hdr");

/* TPACKET_V3 block header. */
struct tpacket_bd_ts {
	u32 ts_sec;
	union {
		u32 ts_usec;
		u32 ts_nsec;
	};
};

struct tpacket_hdr_v1 {
	u32 block_status;		/* TP_STATUS_KERNEL / TP_STATUS_USER | ... */
	u32 num_pkts;
	u32 offset_to_first_pkt;
	u32 blk_len;
	u64 seq_num;			/* 8-aligned on x86_64 as Linux's aligned_u64 */
	struct tpacket_bd_ts ts_first_pkt, ts_last_pkt;
};

/* Linux names the union of hdr tpacket_bd_header_u. */
struct tpacket_block_desc {
	u32 version;
	u32 offset_to_priv;
	union {
		struct tpacket_hdr_v1 bh1;
	} hdr;
};
_Static_assert(sizeof(struct tpacket_block_desc) == 48, "tpacket_block_desc");

/* Header lengths with the sockaddr_ll that follows each frame header. */
#define TPACKET_HDRLEN		(TPACKET_ALIGN(sizeof(struct tpacket_hdr)) + sizeof(struct sockaddr_ll))
#define TPACKET2_HDRLEN		(TPACKET_ALIGN(sizeof(struct tpacket2_hdr)) + sizeof(struct sockaddr_ll))
#define TPACKET3_HDRLEN		(TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) + sizeof(struct sockaddr_ll))

/* PACKET_ADD_MEMBERSHIP / PACKET_DROP_MEMBERSHIP. */
struct packet_mreq {
	s32 mr_ifindex;
	u16 mr_type;			/* PACKET_MR_* */
	u16 mr_alen;
	u8 mr_address[8];
};
_Static_assert(offsetof(struct packet_mreq, mr_address) == 8, "mr_address");
_Static_assert(sizeof(struct packet_mreq) == 16, "packet_mreq");

#define PACKET_MR_MULTICAST	0
#define PACKET_MR_PROMISC	1
#define PACKET_MR_ALLMULTI	2
#define PACKET_MR_UNICAST	3

#endif
