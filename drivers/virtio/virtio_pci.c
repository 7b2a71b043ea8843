/*
 * The virtio PCI transport, common part (Virtio 1.x §3.1 device
 * initialization, §4.1 virtio over PCI): finding virtio functions,
 * status and feature negotiation, configuration reads, queue creation
 * and interrupt delivery.  The register interfaces themselves are in
 * virtio_pci_modern.c and virtio_pci_legacy.c.
 *
 * Interrupts (§4.1.5.1.2, §4.1.4.5): virtio_find_vqs() tries, in order,
 *   - MSI-X with entry 0 for configuration changes and entry 1 + i for
 *     queue i (needs nvqs + 1 table entries);
 *   - MSI-X with entry 0 for configuration and entry 1 for all queues;
 *   - the INTx line, routed through the I/O APIC (level-triggered, as
 *     the MADT says for QEMU's PCI lines); the handler reads the ISR
 *     register, which tells queue from configuration interrupts and
 *     de-asserts the line.
 * A mode whose vector the device refuses (it reads back NO_VECTOR) is
 * undone and the next one tried.  CPU vectors are allocated once per
 * slot and keep one handler, which dispatches on the current mode, so a
 * fallback leaks nothing.
 */
#include <asm/cpu.h>
#include <tern/acpi.h>
#include <tern/errno.h>
#include <tern/ioapic.h>
#include <tern/irq.h>
#include <tern/kernel.h>
#include <tern/lapic.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/time.h>
#include "virtio_pci.h"

#define RESET_TIMEOUT_NS	NSEC_PER_SEC

u32 virtio_pci_device_type(const struct pci_dev *pci)
{
	if (pci->vendor != VIRTIO_PCI_VENDOR)
		return 0;
	if (pci->device >= VIRTIO_PCI_TRANS_FIRST && pci->device <= VIRTIO_PCI_TRANS_LAST)
		return pci->subsystem_device;
	if (pci->device >= VIRTIO_PCI_MODERN_BASE && pci->device <= VIRTIO_PCI_MODERN_BASE + 0x3f)
		return pci->device - VIRTIO_PCI_MODERN_BASE;
	return 0;
}

struct pci_dev *virtio_pci_find(u32 id, struct pci_dev *from)
{
	struct list_head *pos = from ? from->list.next : pci_devices.next;

	for (; pos != &pci_devices; pos = pos->next) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, list);

		if (virtio_pci_device_type(d) == id)
			return d;
	}
	return NULL;
}

int virtio_reset(struct virtio_device *vdev)
{
	u64 deadline = ktime_get_ns() + RESET_TIMEOUT_NS;

	vdev->ops->set_status(vdev, 0);
	/* §4.1.4.3.2: the reset is done when status reads back 0. */
	while (vdev->ops->get_status(vdev)) {
		if (ktime_get_ns() > deadline)
			return -ETIMEDOUT;
		cpu_relax();
	}
	return 0;
}

static void add_status(struct virtio_device *vdev, u8 bits)
{
	vdev->ops->set_status(vdev, vdev->ops->get_status(vdev) | bits);
}

int virtio_pci_probe(struct virtio_device *vdev, struct pci_dev *pci)
{
	int err;

	vdev->pci = pci;
	vdev->id = virtio_pci_device_type(pci);
	vdev->irq_mode = VIRTIO_IRQ_NONE;
	for (unsigned i = 0; i < ARRAY_SIZE(vdev->irq); i++) {
		vdev->irq[i].vdev = vdev;
		vdev->irq[i].entry = (u16)i;
	}
	pci_enable_device(pci);
	err = virtio_pci_modern_probe(vdev);
	if (err)
		err = virtio_pci_legacy_probe(vdev);
	if (err)
		return err;
	err = virtio_reset(vdev);
	if (err)
		return err;
	add_status(vdev, VIRTIO_STATUS_ACKNOWLEDGE);
	add_status(vdev, VIRTIO_STATUS_DRIVER);
	return 0;
}

u64 virtio_device_features(struct virtio_device *vdev)
{
	return vdev->ops->get_features(vdev);
}

int virtio_finalize_features(struct virtio_device *vdev, u64 wanted)
{
	u64 offered = vdev->ops->get_features(vdev);
	u64 f = offered & wanted;

	if (vdev->legacy) {
		/* 32 feature bits, and never VERSION_1. */
		f &= 0xffffffffull;
	} else {
		/* §6.1: a driver of the modern interface accepts VERSION_1. */
		if (!(offered & (1ull << VIRTIO_F_VERSION_1))) {
			add_status(vdev, VIRTIO_STATUS_FAILED);
			return -ENODEV;
		}
		f |= 1ull << VIRTIO_F_VERSION_1;
	}
	vdev->ops->set_features(vdev, f);
	if (!vdev->legacy) {
		add_status(vdev, VIRTIO_STATUS_FEATURES_OK);
		if (!(vdev->ops->get_status(vdev) & VIRTIO_STATUS_FEATURES_OK)) {
			add_status(vdev, VIRTIO_STATUS_FAILED);
			return -ENODEV;
		}
	}
	vdev->features = f;
	return 0;
}

void virtio_cread(struct virtio_device *vdev, unsigned off, void *buf, unsigned len)
{
	u8 *out = buf;
	u8 gen;
	int tries = 100;

	/* §4.1.4.3: a field read across a change must be read again. */
	do {
		gen = vdev->ops->config_generation(vdev);
		if (len == 1 || len == 2 || len == 4) {
			u32 v = vdev->ops->read_config(vdev, off, len);

			memcpy(out, &v, len);
		} else {
			for (unsigned i = 0; i < len; i++)
				out[i] = (u8)vdev->ops->read_config(vdev, off + i, 1);
		}
	} while (gen != vdev->ops->config_generation(vdev) && --tries);
}

u8 virtio_cread8(struct virtio_device *vdev, unsigned off)
{
	u8 v;

	virtio_cread(vdev, off, &v, 1);
	return v;
}

u16 virtio_cread16(struct virtio_device *vdev, unsigned off)
{
	u16 v;

	virtio_cread(vdev, off, &v, 2);
	return v;
}

u32 virtio_cread32(struct virtio_device *vdev, unsigned off)
{
	u32 v;

	virtio_cread(vdev, off, &v, 4);
	return v;
}

const char *virtio_irq_mode_name(enum virtio_irq_mode mode)
{
	switch (mode) {
	case VIRTIO_IRQ_INTX: return "INTx";
	case VIRTIO_IRQ_MSIX_SHARED: return "MSI-X (shared queue vector)";
	case VIRTIO_IRQ_MSIX: return "MSI-X";
	default: return "none";
	}
}

/* ---- interrupts ---- */

static void vp_config_interrupt(struct virtio_device *vdev)
{
	vdev->config_interrupts++;
	if (vdev->config_changed)
		vdev->config_changed(vdev);
}

static void vp_vqs_interrupt(struct virtio_device *vdev)
{
	for (unsigned i = 0; i < vdev->nvqs; i++)
		vring_interrupt(vdev->vqs[i]);
}

/* Every vector of every virtio device lands here (hard interrupt). */
static void vp_interrupt(struct pt_regs *regs, void *data)
{
	struct virtio_irq_slot *slot = data;
	struct virtio_device *vdev = slot->vdev;

	(void)regs;
	vdev->interrupts++;
	switch (vdev->irq_mode) {
	case VIRTIO_IRQ_INTX: {
		/* Reading the ISR acknowledges and de-asserts the line. */
		u8 isr = vdev->ops->read_isr(vdev);

		if (isr & VIRTIO_ISR_CONFIG)
			vp_config_interrupt(vdev);
		if (isr & VIRTIO_ISR_QUEUE)
			vp_vqs_interrupt(vdev);
		break;
	}
	case VIRTIO_IRQ_MSIX_SHARED:
		if (slot->entry == 0)
			vp_config_interrupt(vdev);
		else
			vp_vqs_interrupt(vdev);
		break;
	case VIRTIO_IRQ_MSIX:
		if (slot->entry == 0)
			vp_config_interrupt(vdev);
		else if (slot->entry <= vdev->nvqs)
			vring_interrupt(vdev->vqs[slot->entry - 1]);
		break;
	case VIRTIO_IRQ_NONE:
		break;
	}
	lapic_eoi();
}

/* The CPU vectors of slots 0..n-1, allocated and hooked on first use. */
static int vp_vectors(struct virtio_device *vdev, unsigned n, u8 *out)
{
	for (unsigned i = 0; i < n; i++) {
		struct virtio_irq_slot *s = &vdev->irq[i];

		if (!s->vector) {
			u8 v = irq_alloc_vector();

			if (!v || irq_register(v, vp_interrupt, s, "virtio"))
				return -EBUSY;
			s->vector = v;
		}
		out[i] = s->vector;
	}
	return 0;
}

static int vp_setup_msix(struct virtio_device *vdev, bool shared)
{
	unsigned entries = shared ? 2 : vdev->nvqs + 1;
	u8 vectors[VIRTIO_MAX_VQS + 1];
	int err;

	if (pci_msix_table_size(vdev->pci) < (int)entries)
		return -ENODEV;
	err = vp_vectors(vdev, entries, vectors);
	if (err)
		return err;
	vdev->irq_mode = shared ? VIRTIO_IRQ_MSIX_SHARED : VIRTIO_IRQ_MSIX;
	err = pci_enable_msix(vdev->pci, vectors, (int)entries);
	if (err)
		return err;
	vdev->msix_enabled = true;
	for (unsigned i = 0; i < vdev->nvqs; i++)
		vdev->vqs[i]->msix_entry = shared ? 1 : (u16)(i + 1);
	return vdev->ops->set_config_vector(vdev, 0);
}

static u32 intx_gsi(const struct pci_dev *pci)
{
	return pci->irq_line < 16 ? acpi_info.isa[pci->irq_line].gsi : pci->irq_line;
}

static int vp_setup_intx(struct virtio_device *vdev)
{
	struct pci_dev *pci = vdev->pci;
	u8 vector;
	int err;

	if (!pci->irq_pin || pci->irq_line == 0xff)
		return -ENODEV;
	err = vp_vectors(vdev, 1, &vector);
	if (err)
		return err;
	vdev->irq_mode = VIRTIO_IRQ_INTX;
	for (unsigned i = 0; i < vdev->nvqs; i++)
		vdev->vqs[i]->msix_entry = VIRTIO_MSI_NO_VECTOR;
	err = vdev->ops->set_config_vector(vdev, VIRTIO_MSI_NO_VECTOR);
	if (err)
		return err;
	/* ISA lines use the MADT's overrides; above 15, PCI's level/low. */
	if (pci->irq_line < 16)
		err = ioapic_route_isa_irq(pci->irq_line, vector);
	else
		err = ioapic_route_gsi(pci->irq_line, vector, true, true);
	if (err)
		return err;
	pci_write16(pci, PCI_COMMAND, pci_read16(pci, PCI_COMMAND) & ~PCI_COMMAND_INTX_DISABLE);
	return 0;
}

static void vp_teardown_irq(struct virtio_device *vdev)
{
	switch (vdev->irq_mode) {
	case VIRTIO_IRQ_MSIX:
	case VIRTIO_IRQ_MSIX_SHARED:
		if (vdev->msix_enabled) {
			vdev->ops->set_config_vector(vdev, VIRTIO_MSI_NO_VECTOR);
			pci_disable_msix(vdev->pci);
			vdev->msix_enabled = false;
		}
		break;
	case VIRTIO_IRQ_INTX:
		pci_write16(vdev->pci, PCI_COMMAND,
			    pci_read16(vdev->pci, PCI_COMMAND) | PCI_COMMAND_INTX_DISABLE);
		ioapic_mask_gsi(intx_gsi(vdev->pci));
		break;
	case VIRTIO_IRQ_NONE:
		break;
	}
	vdev->irq_mode = VIRTIO_IRQ_NONE;
}

static void vp_deactivate(struct virtio_device *vdev, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		vdev->ops->queue_deactivate(vdev, vdev->vqs[i]);
}

/* Back to the state virtio_finalize_features() left: reset, renegotiate. */
static int vp_reinit(struct virtio_device *vdev)
{
	int err = virtio_reset(vdev);

	if (err)
		return err;
	add_status(vdev, VIRTIO_STATUS_ACKNOWLEDGE);
	add_status(vdev, VIRTIO_STATUS_DRIVER);
	vdev->ops->set_features(vdev, vdev->features);
	if (!vdev->legacy) {
		add_status(vdev, VIRTIO_STATUS_FEATURES_OK);
		if (!(vdev->ops->get_status(vdev) & VIRTIO_STATUS_FEATURES_OK))
			return -ENODEV;
	}
	return 0;
}

/* Set up interrupts in `mode` and activate every queue; undone on failure. */
static int vp_try_mode(struct virtio_device *vdev, enum virtio_irq_mode mode)
{
	unsigned i;
	int err;

	switch (mode) {
	case VIRTIO_IRQ_MSIX:
		err = vp_setup_msix(vdev, false);
		break;
	case VIRTIO_IRQ_MSIX_SHARED:
		err = vp_setup_msix(vdev, true);
		break;
	default:
		err = vp_setup_intx(vdev);
		break;
	}
	for (i = 0; !err && i < vdev->nvqs; i++)
		err = vdev->ops->queue_activate(vdev, vdev->vqs[i]);
	if (err) {
		vp_deactivate(vdev, vdev->nvqs);
		vp_teardown_irq(vdev);
		/* A modern queue, once enabled, is disabled only by a reset. */
		if (i && vp_reinit(vdev))
			return -EIO;
	}
	return err;
}

static u16 rounddown_pow2(u16 n)
{
	u16 p = 1;

	while ((u16)(p << 1) && (u16)(p << 1) <= n)
		p <<= 1;
	return p;
}

int virtio_find_vqs(struct virtio_device *vdev, unsigned n, struct virtqueue *vqs[],
		    const struct vq_info info[])
{
	static const enum virtio_irq_mode modes[] = {
		VIRTIO_IRQ_MSIX, VIRTIO_IRQ_MSIX_SHARED, VIRTIO_IRQ_INTX,
	};
	int err = -ENOMEM;

	if (!n || n > VIRTIO_MAX_VQS || vdev->nvqs)
		return -EINVAL;
	for (unsigned i = 0; i < n; i++) {
		u16 num = vdev->ops->queue_max(vdev, (u16)i);
		struct virtqueue *vq;

		if (!num) {
			err = -ENOENT;
			goto fail;
		}
		if (vdev->ops->queue_size_settable && info[i].max_size && info[i].max_size < num)
			num = rounddown_pow2(info[i].max_size);
		vq = vring_create(vdev, (u16)i, num, &info[i]);
		if (!vq)
			goto fail;
		vq->notify = vdev->ops->notify;
		vq->msix_entry = VIRTIO_MSI_NO_VECTOR;
		vdev->vqs[i] = vqs[i] = vq;
		vdev->nvqs = i + 1;
	}
	err = -EBUSY;
	for (unsigned m = 0; m < ARRAY_SIZE(modes); m++) {
		err = vp_try_mode(vdev, modes[m]);
		if (!err)
			return 0;
		if (err == -EIO)
			goto fail;
		if (err != -ENODEV)
			pr_warn("virtio %02x:%02x.%x: %s interrupts refused (%d)\n",
				vdev->pci->bus, vdev->pci->dev, vdev->pci->fn,
				virtio_irq_mode_name(modes[m]), err);
	}
fail:
	for (unsigned i = 0; i < vdev->nvqs; i++) {
		vring_free(vdev->vqs[i]);
		vdev->vqs[i] = NULL;
	}
	vdev->nvqs = 0;
	return err;
}

void virtio_device_ready(struct virtio_device *vdev)
{
	add_status(vdev, VIRTIO_STATUS_DRIVER_OK);
}

void virtio_del_vqs(struct virtio_device *vdev)
{
	vp_deactivate(vdev, vdev->nvqs);
	vp_teardown_irq(vdev);
	for (unsigned i = 0; i < vdev->nvqs; i++) {
		vring_free(vdev->vqs[i]);
		vdev->vqs[i] = NULL;
	}
	vdev->nvqs = 0;
}
