/*
 * ARP and link types as user space sees them (arp(7), netdevice(7)):
 * the ARPHRD_* hardware types (SIOCGIFHWADDR's sa_family, ifi_type,
 * /sys/class/net/X/type), ARP opcodes, and the SIOCSARP/SIOCGARP/
 * SIOCDARP request with its ATF_* flags, with Linux's numbers and layout.
 * The ARP packet itself is wire format and lives in include/net/arp.h.
 */
#ifndef TERN_UAPI_IF_ARP_H
#define TERN_UAPI_IF_ARP_H

#include <stddef.h>
#include <uapi/if.h>
#include <uapi/socket.h>

/* Hardware types: the IANA ARP hardware numbers below 256, Linux's own above. */
#define ARPHRD_NETROM             0
#define ARPHRD_ETHER              1
#define ARPHRD_EETHER             2
#define ARPHRD_AX25               3
#define ARPHRD_PRONET             4
#define ARPHRD_CHAOS              5
#define ARPHRD_IEEE802            6
#define ARPHRD_ARCNET             7
#define ARPHRD_APPLETLK           8
#define ARPHRD_DLCI               15
#define ARPHRD_ATM                19
#define ARPHRD_METRICOM           23
#define ARPHRD_IEEE1394           24
#define ARPHRD_EUI64              27
#define ARPHRD_INFINIBAND         32
#define ARPHRD_SLIP               256
#define ARPHRD_CSLIP              257
#define ARPHRD_SLIP6              258
#define ARPHRD_CSLIP6             259
#define ARPHRD_RSRVD              260
#define ARPHRD_ADAPT              264
#define ARPHRD_ROSE               270
#define ARPHRD_X25                271
#define ARPHRD_HWX25              272
#define ARPHRD_CAN                280
#define ARPHRD_MCTP               290
#define ARPHRD_PPP                512
#define ARPHRD_CISCO              513
#define ARPHRD_HDLC               ARPHRD_CISCO
#define ARPHRD_LAPB               516
#define ARPHRD_DDCMP              517
#define ARPHRD_RAWHDLC            518
#define ARPHRD_RAWIP              519
#define ARPHRD_TUNNEL             768
#define ARPHRD_TUNNEL6            769
#define ARPHRD_FRAD               770
#define ARPHRD_SKIP               771
#define ARPHRD_LOOPBACK           772
#define ARPHRD_LOCALTLK           773
#define ARPHRD_FDDI               774
#define ARPHRD_BIF                775
#define ARPHRD_SIT                776
#define ARPHRD_IPDDP              777
#define ARPHRD_IPGRE              778
#define ARPHRD_PIMREG             779
#define ARPHRD_HIPPI              780
#define ARPHRD_ASH                781
#define ARPHRD_ECONET             782
#define ARPHRD_IRDA               783
#define ARPHRD_FCPP               784
#define ARPHRD_FCAL               785
#define ARPHRD_FCPL               786
#define ARPHRD_FCFABRIC           787
#define ARPHRD_IEEE802_TR         800
#define ARPHRD_IEEE80211          801
#define ARPHRD_IEEE80211_PRISM    802
#define ARPHRD_IEEE80211_RADIOTAP 803
#define ARPHRD_IEEE802154         804
#define ARPHRD_IEEE802154_MONITOR 805
#define ARPHRD_PHONET             820
#define ARPHRD_PHONET_PIPE        821
#define ARPHRD_CAIF               822
#define ARPHRD_IP6GRE             823
#define ARPHRD_NETLINK            824
#define ARPHRD_6LOWPAN            825
#define ARPHRD_VSOCKMON           826
#define ARPHRD_VOID               0xffff
#define ARPHRD_NONE               0xfffe

/* ARP opcodes (RFC 826, RFC 903 RARP, RFC 2390 InARP). */
#define ARPOP_REQUEST	1
#define ARPOP_REPLY	2
#define ARPOP_RREQUEST	3
#define ARPOP_RREPLY	4
#define ARPOP_InREQUEST	8
#define ARPOP_InREPLY	9
#define ARPOP_NAK	10

/* arpreq.arp_flags (also the Flags column of /proc/net/arp). */
#define ATF_COM		0x02	/* resolved: arp_ha is valid */
#define ATF_PERM	0x04	/* static, never expires */
#define ATF_PUBL	0x08	/* proxy: answer for this address */
#define ATF_USETRAILERS	0x10
#define ATF_NETMASK	0x20	/* proxy entry for a whole network */
#define ATF_DONTPUB	0x40

/* SIOCSARP / SIOCGARP / SIOCDARP (68 bytes). */
struct arpreq {
	struct sockaddr arp_pa;		/* protocol address (AF_INET) */
	struct sockaddr arp_ha;		/* hardware address, sa_family ARPHRD_* */
	s32 arp_flags;
	struct sockaddr arp_netmask;
	char arp_dev[IFNAMSIZ];
};
_Static_assert(offsetof(struct arpreq, arp_flags) == 32, "arp_flags");
_Static_assert(offsetof(struct arpreq, arp_dev) == 52, "arp_dev");
_Static_assert(sizeof(struct arpreq) == 68, "arpreq");

#endif
