/*
 * The modern virtio PCI interface (Virtio 1.x §4.1.4): the device
 * describes its register blocks with vendor-specific capabilities
 * (cap_vndr 0x09), each naming a BAR, an offset and a length:
 *
 *   common cfg  features, status, queue selection and setup
 *   notify      queue n is kicked by a 16-bit write of n at
 *               offset + queue_notify_off(n) * notify_off_multiplier
 *   ISR         one byte, read to acknowledge INTx
 *   device cfg  the device type's configuration (virtio-net: MAC, ...)
 *
 * Every register is little-endian, accessed with its natural width.
 * Only memory BARs are used; a capability pointing at an I/O BAR (QEMU's
 * modern-pio-notify) is skipped for the next of its type.
 */
#include <tern/errno.h>
#include <tern/io.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include "virtio_pci.h"

/* struct virtio_pci_cap (§4.1.4), offsets in config space from the capability. */
#define CAP_CFG_TYPE	3
#define CAP_BAR		4
#define CAP_OFFSET	8
#define CAP_LENGTH	12
#define CAP_NOTIFY_MULT	16	/* struct virtio_pci_notify_cap */

#define CAP_COMMON_CFG	1
#define CAP_NOTIFY_CFG	2
#define CAP_ISR_CFG	3
#define CAP_DEVICE_CFG	4

/* struct virtio_pci_common_cfg (§4.1.4.3) */
#define COMMON_DFSELECT		0x00
#define COMMON_DF		0x04
#define COMMON_GFSELECT		0x08
#define COMMON_GF		0x0c
#define COMMON_MSIX		0x10
#define COMMON_NUMQ		0x12
#define COMMON_STATUS		0x14
#define COMMON_CFGGENERATION	0x15
#define COMMON_Q_SELECT		0x16
#define COMMON_Q_SIZE		0x18
#define COMMON_Q_MSIX		0x1a
#define COMMON_Q_ENABLE		0x1c
#define COMMON_Q_NOFF		0x1e
#define COMMON_Q_DESCLO		0x20
#define COMMON_Q_DESCHI		0x24
#define COMMON_Q_AVAILLO	0x28
#define COMMON_Q_AVAILHI	0x2c
#define COMMON_Q_USEDLO		0x30
#define COMMON_Q_USEDHI		0x34
#define COMMON_CFG_MIN_LEN	0x38

static inline u8 rd8(volatile u8 *b, unsigned off)
{
	return *(volatile u8 *)(b + off);
}
static inline u16 rd16(volatile u8 *b, unsigned off)
{
	return *(volatile u16 *)(b + off);
}
static inline u32 rd32(volatile u8 *b, unsigned off)
{
	return *(volatile u32 *)(b + off);
}
static inline void wr8(volatile u8 *b, unsigned off, u8 v)
{
	*(volatile u8 *)(b + off) = v;
}
static inline void wr16(volatile u8 *b, unsigned off, u16 v)
{
	*(volatile u16 *)(b + off) = v;
}
static inline void wr32(volatile u8 *b, unsigned off, u32 v)
{
	*(volatile u32 *)(b + off) = v;
}
/* 64-bit fields as two 32-bit writes, low half first (§4.1.3.1). */
static inline void wr64(volatile u8 *b, unsigned off, u64 v)
{
	wr32(b, off, (u32)v);
	wr32(b, off + 4, (u32)(v >> 32));
}

/*
 * Map the region a capability describes, at least `min_len` long.  The
 * BAR must be a memory BAR and hold the region.  NULL if not usable.
 */
static volatile u8 *map_cap(struct pci_dev *pci, u8 cap, u32 min_len, u32 *len_out)
{
	u8 bar = pci_read8(pci, cap + CAP_BAR);
	u32 off = pci_read32(pci, cap + CAP_OFFSET);
	u32 len = pci_read32(pci, cap + CAP_LENGTH);
	const struct pci_bar *b;

	if (bar >= 6)
		return NULL;
	b = &pci->bar[bar];
	if (b->io || !b->size || len < min_len || (u64)off + len > b->size)
		return NULL;
	if (len_out)
		*len_out = len;
	return ioremap(b->addr + off, len);
}

int virtio_pci_modern_probe(struct virtio_device *vdev)
{
	struct pci_dev *pci = vdev->pci;
	u8 cap = 0;

	vdev->common = vdev->isr = vdev->device = vdev->notify = NULL;
	/* The first usable capability of each type counts (§4.1.4.1). */
	while ((cap = pci_find_capability(pci, PCI_CAP_ID_VNDR, cap)) != 0) {
		u8 type = pci_read8(pci, cap + CAP_CFG_TYPE);

		switch (type) {
		case CAP_COMMON_CFG:
			if (!vdev->common)
				vdev->common = map_cap(pci, cap, COMMON_CFG_MIN_LEN, NULL);
			break;
		case CAP_NOTIFY_CFG:
			if (!vdev->notify) {
				vdev->notify = map_cap(pci, cap, 2, &vdev->notify_len);
				vdev->notify_mult = pci_read32(pci, cap + CAP_NOTIFY_MULT);
			}
			break;
		case CAP_ISR_CFG:
			if (!vdev->isr)
				vdev->isr = map_cap(pci, cap, 1, NULL);
			break;
		case CAP_DEVICE_CFG:
			if (!vdev->device)
				vdev->device = map_cap(pci, cap, 1, &vdev->device_len);
			break;
		}
	}
	if (!vdev->common || !vdev->notify || !vdev->isr)
		return -ENODEV;
	vdev->ops = &virtio_pci_modern_ops;
	vdev->legacy = false;
	return 0;
}

static u8 modern_get_status(struct virtio_device *vdev)
{
	return rd8(vdev->common, COMMON_STATUS);
}

static void modern_set_status(struct virtio_device *vdev, u8 status)
{
	wr8(vdev->common, COMMON_STATUS, status);
}

static u64 modern_get_features(struct virtio_device *vdev)
{
	u64 f;

	wr32(vdev->common, COMMON_DFSELECT, 0);
	f = rd32(vdev->common, COMMON_DF);
	wr32(vdev->common, COMMON_DFSELECT, 1);
	return f | (u64)rd32(vdev->common, COMMON_DF) << 32;
}

static void modern_set_features(struct virtio_device *vdev, u64 features)
{
	wr32(vdev->common, COMMON_GFSELECT, 0);
	wr32(vdev->common, COMMON_GF, (u32)features);
	wr32(vdev->common, COMMON_GFSELECT, 1);
	wr32(vdev->common, COMMON_GF, (u32)(features >> 32));
}

static u32 modern_read_config(struct virtio_device *vdev, unsigned off, unsigned width)
{
	if (!vdev->device || off + width > vdev->device_len)
		return 0;
	switch (width) {
	case 4:
		return rd32(vdev->device, off);
	case 2:
		return rd16(vdev->device, off);
	default:
		return rd8(vdev->device, off);
	}
}

static u8 modern_config_generation(struct virtio_device *vdev)
{
	return rd8(vdev->common, COMMON_CFGGENERATION);
}

static u16 modern_queue_max(struct virtio_device *vdev, u16 index)
{
	if (index >= rd16(vdev->common, COMMON_NUMQ))
		return 0;
	wr16(vdev->common, COMMON_Q_SELECT, index);
	return rd16(vdev->common, COMMON_Q_SIZE);
}

static int modern_queue_activate(struct virtio_device *vdev, struct virtqueue *vq)
{
	volatile u8 *c = vdev->common;
	u64 noff;

	wr16(c, COMMON_Q_SELECT, vq->index);
	if (rd16(c, COMMON_Q_ENABLE))
		return -EINVAL;		/* a reset should have cleared it */
	wr16(c, COMMON_Q_SIZE, vq->num);
	wr64(c, COMMON_Q_DESCLO, vq->desc_phys);
	wr64(c, COMMON_Q_AVAILLO, vq->avail_phys);
	wr64(c, COMMON_Q_USEDLO, vq->used_phys);
	wr16(c, COMMON_Q_MSIX, vq->msix_entry);
	/* The device answers NO_VECTOR when it cannot map the entry. */
	if (rd16(c, COMMON_Q_MSIX) != vq->msix_entry)
		return -EBUSY;
	noff = (u64)rd16(c, COMMON_Q_NOFF) * vdev->notify_mult;
	if (noff + 2 > vdev->notify_len)
		return -EINVAL;
	vq->notify_addr = (volatile u16 *)(vdev->notify + noff);
	wr16(c, COMMON_Q_ENABLE, 1);
	return 0;
}

/* A modern queue is disabled only by a device reset (§4.1.4.3.2). */
static void modern_queue_deactivate(struct virtio_device *vdev, struct virtqueue *vq)
{
	(void)vdev;
	vq->notify_addr = NULL;
}

static int modern_set_config_vector(struct virtio_device *vdev, u16 entry)
{
	wr16(vdev->common, COMMON_MSIX, entry);
	return rd16(vdev->common, COMMON_MSIX) == entry ? 0 : -EBUSY;
}

static void modern_notify(struct virtqueue *vq)
{
	*vq->notify_addr = vq->index;
}

static u8 modern_read_isr(struct virtio_device *vdev)
{
	return rd8(vdev->isr, 0);
}

const struct virtio_pci_ops virtio_pci_modern_ops = {
	.name = "modern",
	.get_status = modern_get_status,
	.set_status = modern_set_status,
	.get_features = modern_get_features,
	.set_features = modern_set_features,
	.read_config = modern_read_config,
	.config_generation = modern_config_generation,
	.queue_max = modern_queue_max,
	.queue_size_settable = true,
	.queue_activate = modern_queue_activate,
	.queue_deactivate = modern_queue_deactivate,
	.set_config_vector = modern_set_config_vector,
	.notify = modern_notify,
	.read_isr = modern_read_isr,
};
