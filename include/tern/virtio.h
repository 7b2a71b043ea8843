/*
 * Virtio devices over PCI (drivers/virtio/), Virtio 1.x specification:
 * the transport (§4.1: the modern interface through the vendor
 * capabilities, the legacy I/O-port interface as a fallback) and split
 * virtqueues (§2.7), for any virtio driver (net today; rng or blk could
 * use it unchanged).
 *
 * A driver's life:
 *
 *   virtio_pci_probe()         map, reset, ACKNOWLEDGE | DRIVER
 *   virtio_device_features()   what the device offers
 *   virtio_cread*()            config space (may be read before FEATURES_OK)
 *   virtio_finalize_features() write ours, FEATURES_OK (modern), check it
 *   virtio_find_vqs()          rings, interrupts (MSI-X or INTx)
 *   virtqueue_add() ...        populate the rings
 *   virtio_device_ready()      DRIVER_OK: the device is live
 *
 * Interrupts: virtio_find_vqs() chooses one MSI-X vector for the
 * configuration and one per queue when the device has enough table
 * entries, else one for the configuration and one shared by the queues,
 * else the INTx line through the I/O APIC (reading the ISR register
 * acknowledges it).  A queue's callback and config_changed run in the
 * hard interrupt: they may only note the event and schedule work.  A
 * callback runs only when the queue has used buffers the driver has not
 * taken yet.
 *
 * Locking: a virtqueue has no lock of its own.  The driver serializes
 * add/get_buf/kick/enable_cb on a queue (virtio-net: the stack lock);
 * only virtqueue_disable_cb() and virtqueue_more_used() may run
 * concurrently with them, from the queue's interrupt.
 */
#ifndef TERN_VIRTIO_H
#define TERN_VIRTIO_H

#include <tern/types.h>

struct pci_dev;

/* Device types (§5) and the PCI ids that carry them (§4.1.2). */
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define VIRTIO_ID_RNG		4
#define VIRTIO_PCI_VENDOR	0x1af4
#define VIRTIO_PCI_TRANS_FIRST	0x1000	/* transitional: type = subsystem id */
#define VIRTIO_PCI_TRANS_LAST	0x103f
#define VIRTIO_PCI_MODERN_BASE	0x1040	/* modern: type = device id - 0x1040 */

/* Device status (§2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE	0x01
#define VIRTIO_STATUS_DRIVER		0x02
#define VIRTIO_STATUS_DRIVER_OK		0x04
#define VIRTIO_STATUS_FEATURES_OK	0x08
#define VIRTIO_STATUS_NEEDS_RESET	0x40
#define VIRTIO_STATUS_FAILED		0x80

/* Device-independent feature bits (§6). */
#define VIRTIO_F_NOTIFY_ON_EMPTY	24	/* legacy */
#define VIRTIO_F_ANY_LAYOUT		27	/* legacy; implied by VERSION_1 */
#define VIRTIO_F_INDIRECT_DESC		28
#define VIRTIO_F_EVENT_IDX		29
#define VIRTIO_F_VERSION_1		32
#define VIRTIO_F_ACCESS_PLATFORM	33
#define VIRTIO_F_RING_PACKED		34

/* Split virtqueue layout (§2.7), little-endian like every virtio field. */
struct vring_desc {
	u64 addr;		/* guest-physical */
	u32 len;
	u16 flags;		/* VRING_DESC_F_* */
	u16 next;		/* with F_NEXT */
};
_Static_assert(sizeof(struct vring_desc) == 16, "vring_desc layout");
#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2	/* device writes (else reads) */
#define VRING_DESC_F_INDIRECT	4

struct vring_avail {
	u16 flags;		/* VRING_AVAIL_F_* */
	u16 idx;		/* where the driver puts the next entry (mod 2^16) */
	u16 ring[];
};
#define VRING_AVAIL_F_NO_INTERRUPT 1

struct vring_used_elem {
	u32 id;			/* head of the chain the device is done with */
	u32 len;		/* bytes it wrote into the chain */
};
_Static_assert(sizeof(struct vring_used_elem) == 8, "vring_used_elem layout");

struct vring_used {
	u16 flags;		/* VRING_USED_F_* */
	u16 idx;
	struct vring_used_elem ring[];
};
_Static_assert(sizeof(struct vring_avail) == 4 && sizeof(struct vring_used) == 4,
	       "vring_avail / vring_used headers");
#define VRING_USED_F_NO_NOTIFY	1

/* The legacy interface's ring alignment (§4.1.5.1.3.1 legacy). */
#define VRING_LEGACY_ALIGN	4096

#define VIRTIO_MAX_VQS		8

enum virtio_irq_mode {
	VIRTIO_IRQ_NONE,
	VIRTIO_IRQ_INTX,	/* one level-triggered line, ISR says why */
	VIRTIO_IRQ_MSIX_SHARED,	/* config vector + one for all queues */
	VIRTIO_IRQ_MSIX,	/* config vector + one per queue */
};

struct virtqueue;
struct virtio_device;
struct virtio_pci_ops;
typedef void (*vq_callback_t)(struct virtqueue *vq);

/* One interrupt vector of a device: MSI-X table entry `entry`, or INTx (0). */
struct virtio_irq_slot {
	struct virtio_device *vdev;
	u16 entry;
	u8 vector;			/* CPU vector, 0 until allocated */
};

struct virtio_device {
	struct pci_dev *pci;
	u32 id;				/* VIRTIO_ID_* */
	bool legacy;			/* I/O-port interface (no VERSION_1) */
	u64 features;			/* negotiated, after finalize */
	/* Configuration changed (hard interrupt context); may be NULL. */
	void (*config_changed)(struct virtio_device *vdev);
	void *priv;			/* the driver's */

	struct virtqueue *vqs[VIRTIO_MAX_VQS];
	unsigned nvqs;
	enum virtio_irq_mode irq_mode;
	struct virtio_irq_slot irq[VIRTIO_MAX_VQS + 1];	/* [0]: config or INTx */
	u64 interrupts;			/* handler calls */
	u64 config_interrupts;		/* configuration changes seen */

	/* Transport state (drivers/virtio/virtio_pci_*.c). */
	const struct virtio_pci_ops *ops;
	volatile u8 *common, *isr, *device, *notify;	/* modern: mapped capabilities */
	u32 notify_mult, notify_len, device_len;
	u16 io;				/* legacy: I/O base (BAR0) */
	bool msix_enabled;		/* legacy config moves from 20 to 24 */
};

/* A piece of a buffer: guest-physical address and length. */
struct vq_buf {
	phys_addr_t addr;
	u32 len;
};

/* What the driver passes per queue to virtio_find_vqs(). */
struct vq_info {
	const char *name;
	vq_callback_t callback;		/* NULL: no interrupt wanted */
	u16 max_size;			/* 0: the device's size */
};

/* Per descriptor, the driver's own record (never trusted to the device). */
struct vq_desc_state {
	void *token;			/* head of a chain: the buffer's owner */
	u16 next;			/* free list / chain link */
	u16 ndescs;			/* head of a chain: its length */
};

struct virtqueue {
	struct virtio_device *vdev;
	const char *name;
	u16 index;			/* queue number on the device */
	u16 num;			/* ring size, a power of 2 */
	u16 num_free;			/* free descriptors */
	u16 free_head;
	u16 avail_idx;			/* our copy of avail->idx */
	u16 last_used;			/* next used entry to take */
	u16 added;			/* published since the last kick check */
	bool broken;			/* the device broke the protocol */
	vq_callback_t callback;
	void *priv;

	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	phys_addr_t desc_phys, avail_phys, used_phys;
	void *ring;			/* the pages holding all three */
	unsigned ring_order;
	struct vq_desc_state *state;
	void (*notify)(struct virtqueue *vq);	/* the transport's kick */
	volatile u16 *notify_addr;	/* modern */
	u16 msix_entry;			/* VIRTIO_MSI_NO_VECTOR if none */

	/* Counters (read them under the driver's lock). */
	u64 kicks;			/* notifications sent */
	u64 kicks_suppressed;		/* the device said it needs none */
	u64 buffers_added, buffers_used;
	u64 wraps;			/* last_used passed a multiple of num */
	u64 callbacks;
};

/* The type of a virtio PCI function (VIRTIO_ID_*), 0 if not virtio. */
u32 virtio_pci_device_type(const struct pci_dev *pci);
/* Next virtio function of type `id` after `from` (NULL: first). */
struct pci_dev *virtio_pci_find(u32 id, struct pci_dev *from);

/*
 * Take a virtio PCI function: modern interface if its capabilities are
 * there, else the legacy one; reset it and set ACKNOWLEDGE | DRIVER.
 * 0, -ENODEV (neither interface usable), -ENOMEM.
 */
int virtio_pci_probe(struct virtio_device *vdev, struct pci_dev *pci);
u64 virtio_device_features(struct virtio_device *vdev);
/*
 * Accept `wanted` & offered (a modern device must offer VERSION_1, which
 * is then always accepted); FEATURES_OK is checked.  0 or -ENODEV.
 */
int virtio_finalize_features(struct virtio_device *vdev, u64 wanted);
static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned bit)
{
	return (vdev->features >> bit) & 1;
}
/*
 * Device configuration space (§4.1.4.6), read with each field's natural
 * width (len 1, 2 or 4; other lengths byte by byte) and, on a modern
 * device, retried until config_generation is stable.
 */
void virtio_cread(struct virtio_device *vdev, unsigned off, void *buf, unsigned len);
u8 virtio_cread8(struct virtio_device *vdev, unsigned off);
u16 virtio_cread16(struct virtio_device *vdev, unsigned off);
u32 virtio_cread32(struct virtio_device *vdev, unsigned off);
/*
 * Create and enable queues 0..n-1 with their interrupts.  Call after
 * virtio_finalize_features(), before virtio_device_ready().
 * 0 or -ENOENT (no such queue), -ENOMEM, -EBUSY (no interrupt).
 */
int virtio_find_vqs(struct virtio_device *vdev, unsigned n, struct virtqueue *vqs[],
		    const struct vq_info info[]);
/* DRIVER_OK. */
void virtio_device_ready(struct virtio_device *vdev);
/* Status 0: the device forgets its queues and stops using their memory.
 * 0 or -ETIMEDOUT (the device never showed the reset done). */
int virtio_reset(struct virtio_device *vdev);
/* After virtio_reset() and virtqueue_detach_unused(): quiet the
 * interrupts and free the rings. */
void virtio_del_vqs(struct virtio_device *vdev);
const char *virtio_irq_mode_name(enum virtio_irq_mode mode);

/*
 * Split virtqueues (drivers/virtio/virtio_ring.c).
 *
 * Expose a buffer of `out` device-readable pieces then `in`
 * device-writable ones; `token` (non-NULL) comes back from get_buf.
 * 0, or -ENOSPC when fewer than out + in descriptors are free.  The
 * buffer is visible to the device at once; virtqueue_kick() tells it.
 */
int virtqueue_add(struct virtqueue *vq, const struct vq_buf *bufs, unsigned out,
		  unsigned in, void *token);
/* Notify the device of new buffers unless it said it polls; true if notified. */
bool virtqueue_kick(struct virtqueue *vq);
/*
 * The next buffer the device is done with: its token, and in *len the
 * bytes the device wrote.  NULL when none (or the queue is broken).
 */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);
/* Are there used buffers not taken yet? (any context) */
bool virtqueue_more_used(const struct virtqueue *vq);
/* Ask the device for no interrupts on this queue (a hint; any context). */
void virtqueue_disable_cb(struct virtqueue *vq);
/*
 * Ask for interrupts again.  Returns false if used buffers arrived
 * meanwhile: the caller must process them (no interrupt will announce
 * them), true if it may wait for the next interrupt.
 */
bool virtqueue_enable_cb(struct virtqueue *vq);
/* Take back a buffer the device never used (after a reset); NULL at the end. */
void *virtqueue_detach_unused(struct virtqueue *vq);
/* The queue's interrupt: runs the callback if there are used buffers. */
bool vring_interrupt(struct virtqueue *vq);

/* For the transport: the ring of `num` entries, laid out the legacy way. */
struct virtqueue *vring_create(struct virtio_device *vdev, u16 index, u16 num,
			       const struct vq_info *info);
void vring_free(struct virtqueue *vq);

#endif
