/*
 * Ethernet numbers user space sees (packet(7) protocols, MTU limits):
 * frame sizes and the ethertypes (IEEE 802 / IANA "ETHER TYPES"), plus
 * Linux's pseudo-protocols below ETH_P_802_3_MIN that name frames with
 * no ethertype.  Values are host order; sockaddr_ll.sll_protocol and
 * socket(AF_PACKET, type, protocol) take them in network order.
 * The header itself (struct ethhdr) is wire format: include/net/if_ether.h.
 */
#ifndef TERN_UAPI_IF_ETHER_H
#define TERN_UAPI_IF_ETHER_H

#define ETH_ALEN	6	/* bytes in an address */
#define ETH_TLEN	2	/* bytes in the type field */
#define ETH_HLEN	14	/* header: two addresses and the type */
#define ETH_ZLEN	60	/* shortest frame without the FCS */
#define ETH_DATA_LEN	1500	/* largest payload */
#define ETH_FRAME_LEN	1514	/* largest frame without the FCS */
#define ETH_FCS_LEN	4
#define ETH_MIN_MTU	68	/* RFC 791's minimum for IPv4 */
#define ETH_MAX_MTU	0xffffu

/* Pseudo-protocols: never on the wire as an ethertype. */
#define ETH_P_802_3	0x0001	/* 802.3 frame with a length field */
#define ETH_P_AX25	0x0002
#define ETH_P_ALL	0x0003	/* packet(7): every frame, both directions */
#define ETH_P_802_2	0x0004	/* 802.2 LLC frame */
#define ETH_P_SNAP	0x0005
#define ETH_P_DDCMP	0x0006
#define ETH_P_WAN_PPP	0x0007
#define ETH_P_PPP_MP	0x0008
#define ETH_P_LOCALTALK	0x0009
#define ETH_P_CAN	0x000c
#define ETH_P_CANFD	0x000d
#define ETH_P_PPPTALK	0x0010
#define ETH_P_TR_802_2	0x0011
#define ETH_P_CONTROL	0x0016
#define ETH_P_IRDA	0x0017
#define ETH_P_HDLC	0x0019
#define ETH_P_DSA	0x001b
#define ETH_P_LOOP	0x0060
#define ETH_P_PHONET	0x00f5
#define ETH_P_IEEE802154 0x00f6

/* A type field below this is an 802.3 length, not an ethertype. */
#define ETH_P_802_3_MIN	0x0600

/* Ethertypes. */
#define ETH_P_PUP	0x0200
#define ETH_P_PUPAT	0x0201
#define ETH_P_IP	0x0800
#define ETH_P_X25	0x0805
#define ETH_P_ARP	0x0806
#define ETH_P_TEB	0x6558	/* transparent Ethernet bridging */
#define ETH_P_RARP	0x8035
#define ETH_P_ATALK	0x809b
#define ETH_P_AARP	0x80f3
#define ETH_P_8021Q	0x8100	/* VLAN tag */
#define ETH_P_IPX	0x8137
#define ETH_P_IPV6	0x86dd
#define ETH_P_PAUSE	0x8808
#define ETH_P_SLOW	0x8809	/* LACP and friends */
#define ETH_P_MPLS_UC	0x8847
#define ETH_P_MPLS_MC	0x8848
#define ETH_P_PPP_DISC	0x8863	/* PPPoE discovery */
#define ETH_P_PPP_SES	0x8864	/* PPPoE session */
#define ETH_P_PAE	0x888e	/* 802.1X */
#define ETH_P_AOE	0x88a2
#define ETH_P_8021AD	0x88a8	/* service VLAN tag (QinQ) */
#define ETH_P_802_EX1	0x88b5
#define ETH_P_TIPC	0x88ca
#define ETH_P_LLDP	0x88cc
#define ETH_P_MACSEC	0x88e5
#define ETH_P_8021AH	0x88e7
#define ETH_P_MVRP	0x88f5
#define ETH_P_1588	0x88f7	/* PTP */
#define ETH_P_PRP	0x88fb
#define ETH_P_FCOE	0x8906
#define ETH_P_FIP	0x8914
#define ETH_P_HSR	0x892f
#define ETH_P_LOOPBACK	0x9000	/* IEEE 802.3 loopback test frames */
#define ETH_P_QINQ1	0x9100
#define ETH_P_QINQ2	0x9200
#define ETH_P_QINQ3	0x9300

#endif
