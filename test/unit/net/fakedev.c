/* The fake Ethernet device (see fakedev.h). */
#include <stdlib.h>
#include <string.h>

#include <net/if_ether.h>
#include <net/net.h>
#include "fakedev.h"
#include "platform_host.h"

struct fakedev {
	struct pkb_queue tx;
	u32 fail;
};

static int fakedev_xmit(struct netdev *dev, struct pkbuf *pkb)
{
	struct fakedev *fd = dev->priv;

	if (!host_lock_held())
		net_panic("fakedev: xmit without the stack lock");
	if (fd->fail) {
		fd->fail--;
		pkb_free(pkb);
		return -105; /* ENOBUFS */
	}
	pkb_enqueue(&fd->tx, pkb);
	return 0;
}

static void fakedev_event(struct netdev *dev, enum netdev_event ev)
{
	if (ev == NETDEV_UNREGISTER && dev->xmit == fakedev_xmit) {
		struct fakedev *fd = dev->priv;

		pkb_queue_purge(&fd->tx);
		free(fd);
		dev->priv = NULL;
	}
}

static struct netdev_notifier fakedev_notifier = { .event = fakedev_event };
static bool notifier_on;

struct netdev *fakedev_create(const char *name, const u8 mac[ETH_ALEN])
{
	struct fakedev *fd = calloc(1, sizeof(*fd));
	struct netdev *dev;

	if (!fd)
		return NULL;
	if (!notifier_on) {
		register_netdevice_notifier(&fakedev_notifier);
		notifier_on = true;
	}
	pkb_queue_init(&fd->tx);
	dev = eth_dev_create(name, mac, fakedev_xmit, fd);
	if (!dev)
		free(fd);
	return dev;
}

struct pkbuf *fakedev_pop(struct netdev *dev)
{
	return pkb_dequeue(&((struct fakedev *)dev->priv)->tx);
}

u32 fakedev_pending(struct netdev *dev)
{
	return ((struct fakedev *)dev->priv)->tx.count;
}

void fakedev_purge(struct netdev *dev)
{
	pkb_queue_purge(&((struct fakedev *)dev->priv)->tx);
}

void fakedev_fail_next(struct netdev *dev, u32 n)
{
	((struct fakedev *)dev->priv)->fail = n;
}

void net_settle(void)
{
	net_lock();
	for (int i = 0; i < 1000 && net_rx_poll(); i++)
		;
	net_unlock();
}

void fakedev_rx(struct netdev *dev, const void *frame, u32 len)
{
	struct pkbuf *pkb = pkb_from(32, frame, len);

	if (!pkb) {
		/* A driver out of receive buffers drops the frame. */
		dev->stats.rx_dropped++;
		return;
	}
	pkb->dev = dev;
	net_lock();
	netif_receive(pkb);
	net_unlock();
	net_settle();
}
