/*
 * The loopback device "lo" (Linux drivers/net/loopback.c).
 *
 * Frames carry an Ethernet header with zero addresses, as on Linux.
 * Transmit must not run the receive path inside the sender's call (the
 * sender may hold state the receiver changes, and a reply would recurse):
 * loopback_xmit() queues the frame with netif_rx(), and the bottom half
 * (net_poll() -> net_rx_poll()) delivers it.  lo is registered down;
 * bringing it up adds 127.0.0.1/8 (devinet.c), as on Linux.
 */
#include <net/if_ether.h>
#include <net/net.h>
#include <uapi/errno.h>

struct netdev *loopback_dev;

static int loopback_xmit(struct netdev *dev, struct pkbuf *pkb)
{
	/* The receive path pulls headers: it needs its own buffer when the
	 * sender keeps a reference (a retransmission queue). */
	if (pkb->refcnt > 1) {
		struct pkbuf *copy = pkb_copy(pkb, 0);

		pkb_free(pkb);
		if (!copy)
			return -ENOBUFS;
		pkb = copy;
	}
	pkb->dev = dev;
	/* Nothing corrupts a frame on its way through memory: a checksum
	 * left undone stays undone and every one counts as verified
	 * (Linux's CHECKSUM_UNNECESSARY on lo). */
	pkb->csum_partial = 0;
	pkb->csum_ok = 1;
	return netif_rx(pkb) ? -ENOBUFS : 0;
}

int loopback_init(void)
{
	struct netdev *dev = alloc_netdev("lo");
	int err;

	if (!dev)
		return -ENOMEM;
	dev->type = ARPHRD_LOOPBACK;
	dev->flags = IFF_LOOPBACK;
	dev->mtu = 65536;
	dev->min_mtu = 0;
	dev->max_mtu = 0xffffffffu;
	dev->tx_queue_len = 1000;
	dev->features = NETDEV_F_HW_CSUM;
	dev->carrier = true;
	memset(dev->dev_addr, 0, ETH_ALEN);
	memset(dev->broadcast, 0, ETH_ALEN);
	dev->xmit = loopback_xmit;
	err = register_netdev(dev);
	if (err) {
		free_netdev(dev);
		return err;
	}
	loopback_dev = dev;
	return 0;
}
