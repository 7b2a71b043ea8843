/* ARP for IPv4 over Ethernet (RFC 826), on top of the neighbour cache. */
#ifndef NET_ARP_H
#define NET_ARP_H

#include <net/neighbour.h>
#include <uapi/if_arp.h>	/* ARPOP_*, ARPHRD_*, ATF_* */

/* The Ethernet/IPv4 ARP packet (RFC 826 "Packet format"). */
struct arphdr_eth {
	be16 ar_hrd;              /* ARPHRD_ETHER */
	be16 ar_pro;              /* ETH_P_IP */
	u8 ar_hln;                /* 6 */
	u8 ar_pln;                /* 4 */
	be16 ar_op;
	u8 ar_sha[ETH_ALEN];
	u8 ar_sip[4];
	u8 ar_tha[ETH_ALEN];
	u8 ar_tip[4];
} __attribute__((packed));
_Static_assert(sizeof(struct arphdr_eth) == 28, "arp layout");

/* Counters (no /proc/net/snmp group for ARP; Tern's own names). */
struct arp_stats {
	u64 in_requests, in_replies, out_requests, out_replies;
	u64 in_truncated;         /* shorter than an Ethernet/IPv4 ARP packet */
	u64 in_unsupported;       /* other hardware/protocol/lengths/opcode */
	u64 in_bogus;             /* multicast/loopback sender or target */
	u64 in_noarp_dev;         /* on a NOARP/loopback device */
	u64 in_not_for_us;        /* request for someone else, no entry updated */
	u64 out_failed;           /* could not allocate or send */
	u64 gratuitous_sent;
};
extern struct arp_stats arp_stats;

void arp_init(void);      /* ETH_P_ARP handler + neighbour ops */
void arp_exit(void);
void arp_rcv(struct pkbuf *pkb);
/* Build and send one ARP packet; dest_hw NULL = broadcast, target_hw NULL = zero. */
int arp_send(u16 op, struct netdev *dev, be32 dest_ip, be32 src_ip,
	     const u8 *dest_hw, const u8 *target_hw);
/*
 * /proc/net/arp exactly as Linux prints it (every entry but NOARP ones;
 * Flags 0x2 ATF_COM when resolved, 0x6 with ATF_PERM).  Returns the
 * length needed, like snprintf.
 */
int arp_proc_format(char *buf, size_t size);
/* Announce addr on dev (gratuitous ARP request, sip = tip = addr). */
void arp_announce(struct netdev *dev, be32 addr);

struct arpreq;
/*
 * SIOCSARP / SIOCGARP / SIOCDARP (arp(7)) with a kernel copy of struct
 * arpreq, as Linux's arp_ioctl answers them.  Set: ATF_PERM makes a
 * permanent entry (and implies ATF_COM), ATF_COM alone a resolved one
 * that ages like a learnt one; without arp_dev the device is the one the
 * on-link route leads to.  Get needs arp_dev, and fills arp_ha (the
 * address bytes and the device's ARPHRD_ type), arp_flags (ATF_PERM |
 * ATF_COM, ATF_COM, or 0 while unresolved) and arp_dev.  Delete removes
 * the entry.  The caller has checked CAP_NET_ADMIN for set and delete.
 * Errors in Linux's order: -EPFNOSUPPORT (arp_pa not AF_INET), -EINVAL
 * (ATF_NETMASK or ATF_DONTPUB without ATF_PUBL; a hardware type not the
 * device's; no address for a new entry), -ENODEV (no such arp_dev, or
 * none for get), the route's error (-ENETUNREACH), -ENXIO (no entry).
 * linux-compat: proxy entries (ATF_PUBL) are -EOPNOTSUPP.  -ENOTTY for
 * other requests.
 */
int arp_ioctl(unsigned int cmd, struct arpreq *r);

#endif
