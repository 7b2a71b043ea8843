/*
 * virtio-net (Virtio 1.x §5.1) over the virtio PCI transport: one
 * receive and one transmit queue, registered as "eth%d".
 *
 * Features taken when offered: VERSION_1 (modern devices), MAC, STATUS
 * (link state, announced by a configuration interrupt), MTU (the
 * device's maximum, up to VIRTNET_MAX_MTU), GUEST_CSUM (received frames
 * whose checksum the device validated, or left partial, skip the
 * software check).  Not taken: CSUM (transmit checksum offload: the
 * stack always computes checksums itself, so there is nothing to hand
 * off), the TSO/UFO families, MRG_RXBUF, CTRL_VQ (no receive filters:
 * the device delivers everything, the stack drops other hosts' frames),
 * MQ, EVENT_IDX, INDIRECT_DESC.
 *
 * Receive: every buffer is a packet buffer of NET_HEADROOM + header +
 * the largest frame; the device writes the virtio_net_hdr just in front
 * of pkb->data and the frame at pkb->data, so a frame goes up without a
 * copy, with NET_HEADROOM + header bytes of headroom.  One descriptor
 * per buffer on a modern device; two (header, frame) on a legacy one,
 * whose framing rules (§5.1.6.6 legacy) want the header alone.
 *
 * Transmit: two descriptors per frame, the header (one shared,
 * all-zero header: no offloads) and the frame where the stack built it;
 * the packet buffer is owned by the ring until the device returns it.
 * When the ring is full, frames wait in a software queue of at most
 * dev->tx_queue_len, drained as completions come back; beyond that they
 * are dropped (xmit fails, dev_queue_xmit counts tx_dropped).
 *
 * Interrupts (docs/design.md §4): the queue interrupt only asks the
 * device for no more interrupts and schedules the poll; a configuration
 * interrupt only flags the change and schedules the poll.  The poll
 * runs in the bottom half with the stack lock held: link state, then
 * transmit completions, then at most `budget` received frames, a
 * refill, and below budget the interrupts are enabled again with a
 * final look at both rings (a buffer that slipped in meanwhile means
 * polling again, not waiting for an interrupt that will not come).
 *
 * Locking: everything here but the interrupt callbacks runs under the
 * stack lock (xmit, poll, probe's last steps), which serializes the
 * rings; the callbacks touch only avail->flags (virtqueue_disable_cb),
 * config_pending and the bottom half's list.
 */
#include <net/checksum.h>
#include <net/if_ether.h>
#include <net/ip.h>
#include <net/netdev.h>
#include <net/pkbuf.h>
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/net_bh.h>
#include <tern/net_platform.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/random.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/virtio.h>
#include <tern/virtio_net.h>

#define VIRTNET_RING_MAX	256	/* entries per queue, when we may choose */
#define VIRTNET_MAX_MTU		9000	/* largest F_MTU we size buffers for */
#define VLAN_HLEN		4
#define REFILL_RETRY_NS		(10 * NSEC_PER_MSEC)

struct virtnet {
	struct virtio_device vdev;
	struct netdev *dev;
	struct virtqueue *rvq, *svq;
	u32 hdr_len;			/* 12 (VERSION_1) or 10 (legacy) */
	bool rx_split;			/* header and frame in separate descriptors */
	u32 rx_frame_max;		/* frame bytes a receive buffer holds */
	struct virtio_net_hdr *tx_hdr;	/* all zero: no offload asked */
	phys_addr_t tx_hdr_phys;
	struct pkb_queue txq;		/* waiting for room on the ring */
	u32 rx_buffers;			/* posted and not returned */
	u32 tx_in_flight;
	volatile bool config_pending;	/* set by the interrupt, cleared by poll */
	bool ready;			/* DRIVER_OK set */
	struct timer_list refill_timer;

	u64 polls, rx_frames, rx_refilled, rx_alloc_failed;
	u64 rx_csum_valid, rx_csum_completed;
	u64 tx_frames, tx_completed, tx_ring_full, tx_queue_max, tx_queue_drops;
};

/* ---- interrupt side (hard interrupt context) ---- */

static void virtnet_vq_interrupt(struct virtqueue *vq)
{
	struct virtnet *vi = vq->vdev->priv;

	virtqueue_disable_cb(vq);
	netif_napi_schedule(vi->dev);
}

static void virtnet_config_changed(struct virtio_device *vdev)
{
	struct virtnet *vi = vdev->priv;

	WRITE_ONCE(vi->config_pending, true);
	netif_napi_schedule(vi->dev);
}

/* The receive ring ran dry for want of memory: poll again later. */
static void virtnet_refill_timer(struct timer_list *t)
{
	struct virtnet *vi = container_of(t, struct virtnet, refill_timer);

	netif_napi_schedule(vi->dev);
}

/* ---- below: stack lock held ---- */

/* Without F_STATUS the link is always up (§5.1.4). */
static bool virtnet_link_up(struct virtnet *vi)
{
	if (!virtio_has_feature(&vi->vdev, VIRTIO_NET_F_STATUS))
		return true;
	return virtio_cread16(&vi->vdev, VIRTIO_NET_CFG_STATUS) & VIRTIO_NET_S_LINK_UP;
}

static void virtnet_set_carrier(struct virtnet *vi, bool up)
{
	if (up)
		netif_carrier_on(vi->dev);
	else
		netif_carrier_off(vi->dev);
}

static void virtnet_update_link(struct virtnet *vi)
{
	bool up = virtnet_link_up(vi);

	if (up == vi->dev->carrier)
		return;
	virtnet_set_carrier(vi, up);
	pr_info("%s: link %s\n", vi->dev->name, up ? "up" : "down");
}

static unsigned rx_descs(const struct virtnet *vi)
{
	return vi->rx_split ? 2 : 1;
}

/* Give the device every receive buffer the ring has room for. */
static void virtnet_refill(struct virtnet *vi)
{
	unsigned added = 0;

	while (vi->rvq->num_free >= rx_descs(vi)) {
		struct pkbuf *pkb = pkb_alloc(NET_HEADROOM + vi->hdr_len, vi->rx_frame_max);
		struct vq_buf b[2];
		phys_addr_t hdr;

		if (!pkb) {
			vi->rx_alloc_failed++;
			break;
		}
		hdr = virt_to_phys(pkb->data - vi->hdr_len);
		if (vi->rx_split) {
			b[0] = (struct vq_buf){ hdr, vi->hdr_len };
			b[1] = (struct vq_buf){ hdr + vi->hdr_len, vi->rx_frame_max };
		} else {
			b[0] = (struct vq_buf){ hdr, vi->hdr_len + vi->rx_frame_max };
		}
		if (virtqueue_add(vi->rvq, b, 0, rx_descs(vi), pkb)) {
			pkb_free(pkb);
			break;
		}
		added++;
	}
	if (added) {
		vi->rx_buffers += added;
		vi->rx_refilled += added;
		if (vi->ready)	/* no notification before DRIVER_OK (§3.1.1) */
			virtqueue_kick(vi->rvq);
	}
	if (!vi->rx_buffers && !timer_pending(&vi->refill_timer))
		mod_timer(&vi->refill_timer, ktime_get_ns() + REFILL_RETRY_NS);
}

bool virtnet_csum_complete(u8 *frame, u32 len, u16 start, u16 offset)
{
	u32 field = (u32)start + offset;
	u16 sum;

	/* An odd offset would put the field across two summed words. */
	if (start >= len || field + 2 > len || (offset & 1))
		return false;
	sum = csum_fold(csum_partial(frame + start, len - start, 0));
	/* RFC 768: 0 means "no checksum" to UDP; 0xffff is the same sum. */
	if (!sum)
		sum = 0xffff;
	memcpy(frame + field, &sum, sizeof(sum));
	return true;
}

/* One buffer back from the receive ring, `len` bytes written (header included). */
static void virtnet_receive(struct virtnet *vi, struct pkbuf *pkb, u32 len, u64 now)
{
	struct netdev *dev = vi->dev;
	struct virtio_net_hdr hdr;

	if (len < vi->hdr_len + ETH_HLEN || len > vi->hdr_len + vi->rx_frame_max) {
		dev->stats.rx_errors++;
		dev->stats.rx_length_errors++;
		pkb_free(pkb);
		return;
	}
	memset(&hdr, 0, sizeof(hdr));
	memcpy(&hdr, pkb->data - vi->hdr_len, vi->hdr_len);
	pkb_put(pkb, len - vi->hdr_len);
	if (hdr.gso_type != VIRTIO_NET_HDR_GSO_NONE) {
		/* We offered no receive offload: the device broke the rules. */
		dev->stats.rx_errors++;
		dev->stats.rx_frame_errors++;
		pkb_free(pkb);
		return;
	}
	if (virtio_has_feature(&vi->vdev, VIRTIO_NET_F_GUEST_CSUM)) {
		if (hdr.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
			/* §5.1.6.4: partial checksum, e.g. from a local sender. */
			if (!virtnet_csum_complete(pkb->data, pkb->len, hdr.csum_start,
						   hdr.csum_offset)) {
				dev->stats.rx_errors++;
				dev->stats.rx_frame_errors++;
				pkb_free(pkb);
				return;
			}
			pkb->csum_ok = 1;
			vi->rx_csum_completed++;
		} else if (hdr.flags & VIRTIO_NET_HDR_F_DATA_VALID) {
			pkb->csum_ok = 1;
			vi->rx_csum_valid++;
		}
	}
	pkb->dev = dev;
	pkb->tstamp_ns = now;		/* it was allocated at refill time */
	vi->rx_frames++;
	netif_receive(pkb);
}

static int virtnet_tx_add(struct virtnet *vi, struct pkbuf *pkb)
{
	struct vq_buf b[2] = {
		{ vi->tx_hdr_phys, vi->hdr_len },
		{ virt_to_phys(pkb->data), pkb->len },
	};
	int err = virtqueue_add(vi->svq, b, 2, 0, pkb);

	if (!err) {
		vi->tx_in_flight++;
		vi->tx_frames++;
	}
	return err;
}

/* Free what the device has sent, then move waiting frames to the ring. */
static void virtnet_tx_complete(struct virtnet *vi)
{
	struct pkbuf *pkb;
	unsigned added = 0;

	while ((pkb = virtqueue_get_buf(vi->svq, NULL))) {
		vi->tx_in_flight--;
		vi->tx_completed++;
		pkb_free(pkb);
	}
	while ((pkb = pkb_peek(&vi->txq)) && !virtnet_tx_add(vi, pkb)) {
		pkb_dequeue(&vi->txq);
		added++;
	}
	if (added)
		virtqueue_kick(vi->svq);
}

/* dev->xmit: stack lock held, from system calls or the bottom half; never sleeps. */
static int virtnet_xmit(struct netdev *dev, struct pkbuf *pkb)
{
	struct virtnet *vi = dev->priv;

	virtnet_tx_complete(vi);
	if (!vi->txq.count && !virtnet_tx_add(vi, pkb)) {
		virtqueue_kick(vi->svq);
		return 0;
	}
	if (vi->txq.count >= dev->tx_queue_len) {
		vi->tx_queue_drops++;
		pkb_free(pkb);
		return -ENOBUFS;
	}
	if (!vi->txq.count)
		vi->tx_ring_full++;
	pkb_enqueue(&vi->txq, pkb);
	if (vi->txq.count > vi->tx_queue_max)
		vi->tx_queue_max = vi->txq.count;
	return 0;
}

/* dev->poll: from the bottom half, stack lock held (docs/design.md §4). */
static int virtnet_poll(struct netdev *dev, int budget)
{
	struct virtnet *vi = dev->priv;
	u64 now = net_now_ns();
	int done = 0;

	vi->polls++;
	if (READ_ONCE(vi->config_pending)) {
		WRITE_ONCE(vi->config_pending, false);
		virtnet_update_link(vi);
	}
	virtnet_tx_complete(vi);
	while (done < budget) {
		u32 len;
		struct pkbuf *pkb = virtqueue_get_buf(vi->rvq, &len);

		if (!pkb)
			break;
		vi->rx_buffers--;
		done++;
		virtnet_receive(vi, pkb, len, now);
	}
	virtnet_refill(vi);
	if (done < budget) {
		bool rx_idle = virtqueue_enable_cb(vi->rvq);
		bool tx_idle = virtqueue_enable_cb(vi->svq);

		/* Check again: work that came in before the interrupts were
		 * back on raised none. */
		if (!rx_idle || !tx_idle || READ_ONCE(vi->config_pending)) {
			virtqueue_disable_cb(vi->rvq);
			virtqueue_disable_cb(vi->svq);
			netif_napi_schedule(dev);
		}
	}
	return done;
}

int virtnet_get_info(const struct netdev *dev, struct virtnet_info *info)
{
	const struct virtnet *vi;

	if (!dev || dev->xmit != virtnet_xmit)
		return -ENODEV;
	vi = dev->priv;
	memset(info, 0, sizeof(*info));
	info->legacy = vi->vdev.legacy;
	info->irq_mode = virtio_irq_mode_name(vi->vdev.irq_mode);
	info->features = vi->vdev.features;
	info->rx_ring = vi->rvq->num;
	info->tx_ring = vi->svq->num;
	info->rx_buffers = vi->rx_buffers;
	info->tx_in_flight = vi->tx_in_flight;
	info->tx_queued = vi->txq.count;
	info->interrupts = vi->vdev.interrupts;
	info->config_interrupts = vi->vdev.config_interrupts;
	info->polls = vi->polls;
	info->rx_frames = vi->rx_frames;
	info->rx_refilled = vi->rx_refilled;
	info->rx_alloc_failed = vi->rx_alloc_failed;
	info->rx_wraps = vi->rvq->wraps;
	info->rx_kicks = vi->rvq->kicks;
	info->rx_csum_valid = vi->rx_csum_valid;
	info->rx_csum_completed = vi->rx_csum_completed;
	info->tx_frames = vi->tx_frames;
	info->tx_completed = vi->tx_completed;
	info->tx_ring_full = vi->tx_ring_full;
	info->tx_queue_max = vi->tx_queue_max;
	info->tx_queue_drops = vi->tx_queue_drops;
	info->tx_wraps = vi->svq->wraps;
	info->tx_kicks = vi->svq->kicks;
	info->tx_kicks_suppressed = vi->svq->kicks_suppressed;
	return 0;
}

/* ---- probe ---- */

static u64 virtnet_features_wanted(struct virtio_device *vdev, u64 offered)
{
	u64 want = 1ull << VIRTIO_F_VERSION_1 | 1ull << VIRTIO_NET_F_MAC |
		   1ull << VIRTIO_NET_F_STATUS | 1ull << VIRTIO_NET_F_GUEST_CSUM |
		   /* No IOMMU here: bus addresses are physical addresses. */
		   1ull << VIRTIO_F_ACCESS_PLATFORM;

	/* §5.1.4.1: an MTU we cannot receive is not accepted. */
	if (offered & (1ull << VIRTIO_NET_F_MTU)) {
		u16 mtu = virtio_cread16(vdev, VIRTIO_NET_CFG_MTU);

		if (mtu >= ETH_MIN_MTU && mtu <= VIRTNET_MAX_MTU)
			want |= 1ull << VIRTIO_NET_F_MTU;
	}
	return want;
}

static void virtnet_free(struct virtnet *vi, struct netdev *dev)
{
	struct pkbuf *pkb;

	virtio_reset(&vi->vdev);
	if (vi->rvq) {
		net_lock();
		while ((pkb = virtqueue_detach_unused(vi->rvq)))
			pkb_free(pkb);
		net_unlock();
		virtio_del_vqs(&vi->vdev);
	}
	kfree(vi->tx_hdr);
	if (dev) {
		net_lock();
		free_netdev(dev);
		net_unlock();
	}
	/* Interrupt vectors cannot be unregistered and point at vi: a
	 * failed probe that got that far keeps it (a few hundred bytes). */
	if (!vi->vdev.irq[0].vector)
		kfree(vi);
}

static int virtnet_probe(struct pci_dev *pci)
{
	struct virtnet *vi = kzalloc(sizeof(*vi));
	struct virtio_device *vdev;
	struct netdev *dev = NULL;
	struct virtqueue *vqs[2];
	struct vq_info info[2] = {
		{ "rx", virtnet_vq_interrupt, VIRTNET_RING_MAX },
		{ "tx", virtnet_vq_interrupt, VIRTNET_RING_MAX },
	};
	u8 mac[ETH_ALEN];
	u32 mtu = ETH_DATA_LEN;
	int err;

	if (!vi)
		return -ENOMEM;
	vdev = &vi->vdev;
	vdev->priv = vi;
	err = virtio_pci_probe(vdev, pci);
	if (err) {
		kfree(vi);
		return err;
	}
	err = virtio_finalize_features(vdev, virtnet_features_wanted(vdev, virtio_device_features(vdev)));
	if (err)
		goto fail;
	vi->hdr_len = vdev->legacy ? VIRTIO_NET_HDR_LEN_LEGACY : sizeof(struct virtio_net_hdr);
	vi->rx_split = vdev->legacy;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_MTU))
		mtu = virtio_cread16(vdev, VIRTIO_NET_CFG_MTU);
	vi->rx_frame_max = mtu + ETH_HLEN + VLAN_HLEN;
	if (virtio_has_feature(vdev, VIRTIO_NET_F_MAC)) {
		virtio_cread(vdev, VIRTIO_NET_CFG_MAC, mac, ETH_ALEN);
	} else {
		/* A random locally administered unicast address (eth_random_addr). */
		get_random_bytes(mac, ETH_ALEN);
		mac[0] = (mac[0] & 0xfe) | 0x02;
	}
	vi->tx_hdr = kzalloc(sizeof(*vi->tx_hdr));
	net_lock();
	dev = alloc_netdev("eth%d");
	net_unlock();
	err = -ENOMEM;
	if (!dev || !vi->tx_hdr)
		goto fail;
	vi->tx_hdr_phys = virt_to_phys(vi->tx_hdr);
	vi->dev = dev;
	memcpy(dev->dev_addr, mac, ETH_ALEN);
	dev->mtu = mtu;
	/* Linux's virtio-net: without VIRTIO_NET_F_MTU any MTU up to 65535
	 * may be set (the receive buffers stay sized for the device's). */
	dev->max_mtu = virtio_has_feature(vdev, VIRTIO_NET_F_MTU) ? mtu : 65535;
	dev->xmit = virtnet_xmit;
	dev->poll = virtnet_poll;
	dev->priv = vi;
	pkb_queue_init(&vi->txq);
	timer_setup(&vi->refill_timer, virtnet_refill_timer);
	vdev->config_changed = virtnet_config_changed;

	err = virtio_find_vqs(vdev, 2, vqs, info);
	if (err)
		goto fail;
	vi->rvq = vqs[VIRTIO_NET_RXQ];
	vi->svq = vqs[VIRTIO_NET_TXQ];

	/*
	 * The receive ring is filled before DRIVER_OK (§3.1.1 step 7), the
	 * device is registered, and only then made live: from DRIVER_OK on
	 * it may interrupt, and the poll it schedules waits for the stack
	 * lock, so it finds a registered device.
	 */
	net_lock();
	virtnet_refill(vi);
	err = vi->rx_buffers ? register_netdev(dev) : -ENOMEM;
	if (!err) {
		virtnet_set_carrier(vi, virtnet_link_up(vi));
		virtio_device_ready(vdev);
		vi->ready = true;
		virtqueue_kick(vi->rvq);
	}
	net_unlock();
	if (err) {
		del_timer(&vi->refill_timer);
		goto fail;
	}
	pr_info("%s: virtio-net %02x:%02x.%x, %s, %s, mac %02x:%02x:%02x:%02x:%02x:%02x, "
		"mtu %u, rings %u/%u, link %s, features 0x%lx\n",
		dev->name, pci->bus, pci->dev, pci->fn, vdev->legacy ? "legacy" : "modern",
		virtio_irq_mode_name(vdev->irq_mode), mac[0], mac[1], mac[2], mac[3], mac[4], mac[5],
		mtu, vi->rvq->num, vi->svq->num, dev->carrier ? "up" : "down",
		(unsigned long)vdev->features);
	return 0;
fail:
	pr_err("virtio-net %02x:%02x.%x: probe failed (%d)\n", pci->bus, pci->dev, pci->fn, err);
	virtnet_free(vi, dev);
	return err;
}

void virtio_net_init(void)
{
	struct pci_dev *pci = NULL;

	while ((pci = virtio_pci_find(VIRTIO_ID_NET, pci)))
		virtnet_probe(pci);
}
