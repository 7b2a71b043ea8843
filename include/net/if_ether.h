/* Ethernet II framing (IEEE 802.3 with an ethertype) and its numbers. */
#ifndef NET_IF_ETHER_H
#define NET_IF_ETHER_H

#include <net/netdev.h>
#include <uapi/if_ether.h>	/* ETH_HLEN, ETH_ZLEN, ETH_DATA_LEN, ETH_P_* (host order) */

struct ethhdr {
	u8 h_dest[ETH_ALEN];
	u8 h_source[ETH_ALEN];
	be16 h_proto;
} __attribute__((packed));
_Static_assert(sizeof(struct ethhdr) == 14, "ethhdr layout");

/* Ethernet defaults: MTU 1500, broadcast ff:ff.., BROADCAST|MULTICAST. */
void ether_setup(struct netdev *dev);

/*
 * An Ethernet device named `name` ("eth%d" allowed) with address `mac`
 * and transmit hook `xmit`, registered and down.  NULL if out of memory
 * or the name is taken.  (The entry point for drivers, the TAP host
 * program and the fuzzers.)
 */
struct netdev *eth_dev_create(const char *name, const u8 mac[ETH_ALEN],
			      int (*xmit)(struct netdev *, struct pkbuf *),
			      void *priv);

/* Push an Ethernet header: dst `daddr` (NULL: broadcast), src dev_addr. */
int eth_header(struct pkbuf *pkb, struct netdev *dev, u16 type, const u8 *daddr);

/*
 * Parse and strip the Ethernet header of a received frame: sets
 * pkt_type, the mac offset and protocol.  -EINVAL for a runt or an
 * 802.3 length field instead of an ethertype.
 */
int eth_type_trans(struct pkbuf *pkb, struct netdev *dev);

static inline bool is_broadcast_ether_addr(const u8 *a)
{
	return (a[0] & a[1] & a[2] & a[3] & a[4] & a[5]) == 0xff;
}

static inline bool is_multicast_ether_addr(const u8 *a)
{
	return a[0] & 0x01;
}

static inline bool is_zero_ether_addr(const u8 *a)
{
	return (a[0] | a[1] | a[2] | a[3] | a[4] | a[5]) == 0;
}

static inline bool ether_addr_equal(const u8 *a, const u8 *b)
{
	return memcmp(a, b, ETH_ALEN) == 0;
}

#endif
