/*
 * Inside the virtio PCI transport: the two register interfaces behind
 * one table of operations (virtio_pci_modern.c, virtio_pci_legacy.c),
 * used by the common code in virtio_pci.c.
 */
#ifndef DRIVERS_VIRTIO_PCI_H
#define DRIVERS_VIRTIO_PCI_H

#include <tern/virtio.h>

/* "No MSI-X vector" in the vector registers (§4.1.5.1.2). */
#define VIRTIO_MSI_NO_VECTOR	0xffff

/* ISR status bits (§4.1.4.5): reading the register clears them. */
#define VIRTIO_ISR_QUEUE	0x1
#define VIRTIO_ISR_CONFIG	0x2

struct virtio_pci_ops {
	const char *name;		/* "modern" / "legacy" */
	u8 (*get_status)(struct virtio_device *vdev);
	void (*set_status)(struct virtio_device *vdev, u8 status);
	u64 (*get_features)(struct virtio_device *vdev);
	void (*set_features)(struct virtio_device *vdev, u64 features);
	/* One field of the device configuration, natural width (1, 2 or 4). */
	u32 (*read_config)(struct virtio_device *vdev, unsigned off, unsigned width);
	/* Modern: config_generation; legacy: always 0. */
	u8 (*config_generation)(struct virtio_device *vdev);
	/* Largest ring the device allows for queue `index`; 0 if absent. */
	u16 (*queue_max)(struct virtio_device *vdev, u16 index);
	/* May the driver choose a smaller ring than queue_max? */
	bool queue_size_settable;
	/*
	 * Tell the device where the rings are, route the queue to MSI-X
	 * entry vq->msix_entry (VIRTIO_MSI_NO_VECTOR: none) and enable it.
	 * 0 or -EBUSY (the device refused the vector), -EINVAL.
	 */
	int (*queue_activate)(struct virtio_device *vdev, struct virtqueue *vq);
	void (*queue_deactivate)(struct virtio_device *vdev, struct virtqueue *vq);
	/* Route configuration changes to an MSI-X entry; 0 or -EBUSY. */
	int (*set_config_vector)(struct virtio_device *vdev, u16 entry);
	void (*notify)(struct virtqueue *vq);
	u8 (*read_isr)(struct virtio_device *vdev);
};

extern const struct virtio_pci_ops virtio_pci_modern_ops;
extern const struct virtio_pci_ops virtio_pci_legacy_ops;

/* Find and map the modern capabilities; 0 or -ENODEV (not modern). */
int virtio_pci_modern_probe(struct virtio_device *vdev);
/* Use BAR0 as the legacy register block; 0 or -ENODEV. */
int virtio_pci_legacy_probe(struct virtio_device *vdev);

#endif
