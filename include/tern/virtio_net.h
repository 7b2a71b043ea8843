/*
 * virtio-net (drivers/net/virtio_net.c; Virtio 1.x §5.1): the device's
 * wire definitions, the probe called at boot, and what the driver shows
 * of itself to tests.
 */
#ifndef TERN_VIRTIO_NET_H
#define TERN_VIRTIO_NET_H

#include <tern/types.h>

struct netdev;

/* Feature bits (§5.1.3). */
#define VIRTIO_NET_F_CSUM		0	/* device completes partial TX checksums */
#define VIRTIO_NET_F_GUEST_CSUM		1	/* RX frames may carry partial / validated checksums */
#define VIRTIO_NET_F_MTU		3
#define VIRTIO_NET_F_MAC		5
#define VIRTIO_NET_F_GUEST_TSO4		7
#define VIRTIO_NET_F_MRG_RXBUF		15
#define VIRTIO_NET_F_STATUS		16
#define VIRTIO_NET_F_CTRL_VQ		17

/* struct virtio_net_config (§5.1.4), offsets in device configuration. */
#define VIRTIO_NET_CFG_MAC		0	/* u8[6], with F_MAC */
#define VIRTIO_NET_CFG_STATUS		6	/* le16, with F_STATUS */
#define VIRTIO_NET_CFG_MAX_PAIRS	8	/* le16, with F_MQ */
#define VIRTIO_NET_CFG_MTU		10	/* le16, with F_MTU */
#define VIRTIO_NET_S_LINK_UP		1
#define VIRTIO_NET_S_ANNOUNCE		2

/* Queue numbers without F_MQ (§5.1.2). */
#define VIRTIO_NET_RXQ			0
#define VIRTIO_NET_TXQ			1

/*
 * struct virtio_net_hdr (§5.1.6), in front of every frame both ways.
 * 12 bytes with VERSION_1 (num_buffers is always there), 10 for a
 * legacy device without F_MRG_RXBUF.
 */
struct virtio_net_hdr {
	u8 flags;			/* VIRTIO_NET_HDR_F_* */
	u8 gso_type;			/* VIRTIO_NET_HDR_GSO_* */
	u16 hdr_len;
	u16 gso_size;
	u16 csum_start;			/* F_NEEDS_CSUM: from the start of the frame */
	u16 csum_offset;		/* F_NEEDS_CSUM: of the checksum field from csum_start */
	u16 num_buffers;		/* VERSION_1 / F_MRG_RXBUF only */
};
_Static_assert(sizeof(struct virtio_net_hdr) == 12, "virtio_net_hdr layout");
#define VIRTIO_NET_HDR_LEN_LEGACY	10
#define VIRTIO_NET_HDR_F_NEEDS_CSUM	1
#define VIRTIO_NET_HDR_F_DATA_VALID	2
#define VIRTIO_NET_HDR_GSO_NONE		0

/* Probe every virtio-net PCI function (eth0, eth1, ...); at boot, after net_bh_init(). */
void virtio_net_init(void);

/* The driver's own counters, beyond the netdev's. */
struct virtnet_info {
	bool legacy;
	const char *irq_mode;
	u64 features;			/* negotiated */
	u16 rx_ring, tx_ring;		/* queue sizes (descriptors) */
	u32 rx_buffers;			/* receive buffers the device holds now */
	u32 tx_in_flight;		/* frames on the TX ring not reclaimed yet */
	u32 tx_queued;			/* frames waiting in the software queue */
	u64 interrupts, config_interrupts;
	u64 polls;
	u64 rx_frames, rx_refilled, rx_alloc_failed, rx_wraps, rx_kicks;
	u64 rx_csum_valid, rx_csum_completed;
	u64 tx_frames, tx_completed, tx_ring_full, tx_queue_max, tx_queue_drops;
	u64 tx_wraps, tx_kicks, tx_kicks_suppressed;
};
/* Stack lock held.  0, or -ENODEV if dev is not a virtio-net device. */
int virtnet_get_info(const struct netdev *dev, struct virtnet_info *info);

/*
 * Finish a checksum the device left partial (F_NEEDS_CSUM): the field
 * at frame[start + offset] holds the pseudo-header sum; the Internet
 * checksum of frame[start..len) goes there.  false if out of bounds.
 * (Exported for the self-test.)
 */
bool virtnet_csum_complete(u8 *frame, u32 len, u16 start, u16 offset);

#endif
