/*
 * The legacy virtio PCI interface (Virtio 1.x §4.1.4.8, "Legacy
 * Interfaces"): one block of registers in I/O BAR 0, used only when the
 * device has no modern capabilities (QEMU's disable-modern=on):
 *
 *   0  device features (32 bits)    4  driver features (32 bits)
 *   8  queue PFN (ring address / 4096)
 *  12  queue size (read-only)      14  queue select
 *  16  queue notify                18  device status    19  ISR
 *  20  config MSI-X vector         22  queue MSI-X vector
 *      (both only while MSI-X is enabled)
 *  20  device configuration, or 24 while MSI-X is enabled
 *
 * The ring size is the device's, the three parts of a ring are laid out
 * contiguously with the used ring on a 4096-byte boundary (vring_create
 * always does that), and there is no FEATURES_OK step.
 */
#include <asm/io.h>
#include <tern/errno.h>
#include <tern/pci.h>
#include "virtio_pci.h"

#define LEGACY_HOST_FEATURES	0
#define LEGACY_GUEST_FEATURES	4
#define LEGACY_QUEUE_PFN	8
#define LEGACY_QUEUE_NUM	12
#define LEGACY_QUEUE_SEL	14
#define LEGACY_QUEUE_NOTIFY	16
#define LEGACY_STATUS		18
#define LEGACY_ISR		19
#define LEGACY_CONFIG_VECTOR	20
#define LEGACY_QUEUE_VECTOR	22
#define LEGACY_CONFIG		20
#define LEGACY_CONFIG_MSIX	24
#define LEGACY_PFN_SHIFT	12

int virtio_pci_legacy_probe(struct virtio_device *vdev)
{
	const struct pci_bar *b = &vdev->pci->bar[0];

	/* Only transitional ids have the legacy interface. */
	if (vdev->pci->device > VIRTIO_PCI_TRANS_LAST || !b->io || b->size < LEGACY_CONFIG_MSIX)
		return -ENODEV;
	vdev->io = (u16)b->addr;
	vdev->ops = &virtio_pci_legacy_ops;
	vdev->legacy = true;
	return 0;
}

static u8 legacy_get_status(struct virtio_device *vdev)
{
	return inb(vdev->io + LEGACY_STATUS);
}

static void legacy_set_status(struct virtio_device *vdev, u8 status)
{
	outb(vdev->io + LEGACY_STATUS, status);
}

static u64 legacy_get_features(struct virtio_device *vdev)
{
	return inl(vdev->io + LEGACY_HOST_FEATURES);
}

static void legacy_set_features(struct virtio_device *vdev, u64 features)
{
	outl(vdev->io + LEGACY_GUEST_FEATURES, (u32)features);
}

static u32 legacy_read_config(struct virtio_device *vdev, unsigned off, unsigned width)
{
	u16 port = vdev->io + (vdev->msix_enabled ? LEGACY_CONFIG_MSIX : LEGACY_CONFIG) + off;

	if (port + width > vdev->io + vdev->pci->bar[0].size)
		return 0;
	switch (width) {
	case 4:
		return inl(port);
	case 2:
		return inw(port);
	default:
		return inb(port);
	}
}

static u8 legacy_config_generation(struct virtio_device *vdev)
{
	(void)vdev;
	return 0;
}

static u16 legacy_queue_max(struct virtio_device *vdev, u16 index)
{
	outw(vdev->io + LEGACY_QUEUE_SEL, index);
	return inw(vdev->io + LEGACY_QUEUE_NUM);
}

static int legacy_queue_activate(struct virtio_device *vdev, struct virtqueue *vq)
{
	u64 pfn = vq->desc_phys >> LEGACY_PFN_SHIFT;

	if (pfn > 0xffffffffu || (vq->desc_phys & (VRING_LEGACY_ALIGN - 1)))
		return -EINVAL;
	outw(vdev->io + LEGACY_QUEUE_SEL, vq->index);
	if (inw(vdev->io + LEGACY_QUEUE_NUM) != vq->num || inl(vdev->io + LEGACY_QUEUE_PFN))
		return -EINVAL;
	if (vdev->msix_enabled) {
		outw(vdev->io + LEGACY_QUEUE_VECTOR, vq->msix_entry);
		if (inw(vdev->io + LEGACY_QUEUE_VECTOR) != vq->msix_entry)
			return -EBUSY;
	}
	outl(vdev->io + LEGACY_QUEUE_PFN, (u32)pfn);
	return 0;
}

static void legacy_queue_deactivate(struct virtio_device *vdev, struct virtqueue *vq)
{
	outw(vdev->io + LEGACY_QUEUE_SEL, vq->index);
	if (vdev->msix_enabled)
		outw(vdev->io + LEGACY_QUEUE_VECTOR, VIRTIO_MSI_NO_VECTOR);
	outl(vdev->io + LEGACY_QUEUE_PFN, 0);
}

static int legacy_set_config_vector(struct virtio_device *vdev, u16 entry)
{
	if (!vdev->msix_enabled)
		return entry == VIRTIO_MSI_NO_VECTOR ? 0 : -EBUSY;
	outw(vdev->io + LEGACY_CONFIG_VECTOR, entry);
	return inw(vdev->io + LEGACY_CONFIG_VECTOR) == entry ? 0 : -EBUSY;
}

static void legacy_notify(struct virtqueue *vq)
{
	outw(vq->vdev->io + LEGACY_QUEUE_NOTIFY, vq->index);
}

static u8 legacy_read_isr(struct virtio_device *vdev)
{
	return inb(vdev->io + LEGACY_ISR);
}

const struct virtio_pci_ops virtio_pci_legacy_ops = {
	.name = "legacy",
	.get_status = legacy_get_status,
	.set_status = legacy_set_status,
	.get_features = legacy_get_features,
	.set_features = legacy_set_features,
	.read_config = legacy_read_config,
	.config_generation = legacy_config_generation,
	.queue_max = legacy_queue_max,
	.queue_size_settable = false,
	.queue_activate = legacy_queue_activate,
	.queue_deactivate = legacy_queue_deactivate,
	.set_config_vector = legacy_set_config_vector,
	.notify = legacy_notify,
	.read_isr = legacy_read_isr,
};
