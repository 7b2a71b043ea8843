/* Ethernet II framing and receive classification (IEEE 802.3 §3.2.6). */
#include <net/if_ether.h>
#include <uapi/errno.h>

static const u8 eth_bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void ether_setup(struct netdev *dev)
{
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = 1000;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	memcpy(dev->broadcast, eth_bcast, ETH_ALEN);
}

struct netdev *eth_dev_create(const char *name, const u8 mac[ETH_ALEN],
			      int (*xmit)(struct netdev *, struct pkbuf *),
			      void *priv)
{
	struct netdev *dev = alloc_netdev(name);

	if (!dev)
		return NULL;
	memcpy(dev->dev_addr, mac, ETH_ALEN);
	dev->xmit = xmit;
	dev->priv = priv;
	dev->carrier = true;
	if (register_netdev(dev)) {
		free_netdev(dev);
		return NULL;
	}
	return dev;
}

int eth_header(struct pkbuf *pkb, struct netdev *dev, u16 type, const u8 *daddr)
{
	struct ethhdr *eth = pkb_push(pkb, ETH_HLEN);

	if (!eth)
		return -ENOBUFS;
	memcpy(eth->h_dest, daddr ? daddr : dev->broadcast, ETH_ALEN);
	memcpy(eth->h_source, dev->dev_addr, ETH_ALEN);
	eth->h_proto = net_htons(type);
	pkb_set_mac(pkb);
	pkb->dev = dev;
	pkb->protocol = net_htons(type);
	return 0;
}

int eth_type_trans(struct pkbuf *pkb, struct netdev *dev)
{
	const struct ethhdr *eth;
	u16 proto;

	if (!pkb_may_pull(pkb, ETH_HLEN))
		return -EINVAL;
	pkb_set_mac(pkb);
	eth = pkb_pull(pkb, ETH_HLEN);
	proto = net_ntohs(eth->h_proto);
	/* Values below 0x0600 are IEEE 802.3 length fields (802.2 LLC),
	 * which we do not speak. */
	if (proto < ETH_P_802_3_MIN)
		return -EINVAL;
	if (is_multicast_ether_addr(eth->h_dest))
		pkb->pkt_type = is_broadcast_ether_addr(eth->h_dest) ? PACKET_BROADCAST
								       : PACKET_MULTICAST;
	else if (ether_addr_equal(eth->h_dest, dev->dev_addr))
		pkb->pkt_type = PACKET_HOST;
	else
		pkb->pkt_type = PACKET_OTHERHOST;
	pkb->protocol = eth->h_proto;
	pkb->dev = dev;
	return 0;
}
