/*
 * Message-signalled interrupts, run by name with the devices present:
 *   msi   - QEMU's "edu" device (1234:11e8, -device edu) raises an
 *           interrupt on request (BAR0 register 0x60); with MSI enabled
 *           it must arrive at our vector, then be acknowledged (0x64).
 *   msix  - virtio-net's MSI-X table is programmed and read back
 *           (address, data, unmasked, enable bit), then disabled again.
 *           Delivery needs a virtqueue, which the virtio driver brings.
 */
#include <tern/io.h>
#include <tern/ioapic.h>
#include <tern/irq.h>
#include <tern/lapic.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/selftest.h>
#include <tern/time.h>
#include <tern/wait.h>

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define EDU_ID		0x00
#define EDU_LIVENESS	0x04
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64

static volatile u32 *edu;
static volatile u32 edu_status;
static volatile int edu_irqs;
static DECLARE_WAIT_QUEUE_HEAD(edu_wq);

static void edu_interrupt(struct pt_regs *regs, void *data)
{
	(void)regs;
	(void)data;
	u32 st = edu[EDU_IRQ_STATUS / 4];
	edu[EDU_IRQ_ACK / 4] = st;
	edu_status |= st;
	edu_irqs++;
	lapic_eoi();
	wake_up(&edu_wq);
}

static int test_msi(void)
{
	struct pci_dev *d = pci_find_device(EDU_VENDOR, EDU_DEVICE, NULL);

	if (!d || !d->bar[0].size) {
		pr_err("msi: no edu device (QEMU -device edu)\n");
		return -1;
	}
	pci_enable_device(d);
	edu = ioremap(d->bar[0].addr, 4096);
	if (!edu)
		return -1;
	edu[EDU_LIVENESS / 4] = 0x12345678;
	if (edu[EDU_LIVENESS / 4] != ~0x12345678u || (edu[EDU_ID / 4] & 0xff) != 0xed) {
		pr_err("msi: edu BAR0 does not answer\n");
		return -1;
	}
	u8 vec = irq_alloc_vector();
	if (!vec || irq_register(vec, edu_interrupt, NULL, "edu") || pci_enable_msi(d, vec)) {
		pr_err("msi: cannot set up vector %u\n", vec);
		return -1;
	}
	for (u32 bit = 1; bit <= 4; bit <<= 1) {
		int before = edu_irqs;
		edu[EDU_IRQ_RAISE / 4] = bit;
		if (!wait_event_timeout(edu_wq, edu_irqs > before, NSEC_PER_SEC) ||
		    !(edu_status & bit)) {
			pr_err("msi: interrupt for 0x%x did not arrive (status 0x%x)\n", bit, edu_status);
			return -1;
		}
	}
	pr_info("msi: %d interrupts from edu on vector %u\n", edu_irqs, vec);
	return 0;
}
SELFTEST(msi, test_msi, false);

static int test_msix(void)
{
	struct pci_dev *d = pci_find_device(0x1af4, 0x1000, NULL);

	if (!d)
		d = pci_find_device(0x1af4, 0x1041, NULL);
	if (!d) {
		pr_err("msix: no virtio-net device\n");
		return -1;
	}
	int n = pci_msix_table_size(d);
	if (n < 2) {
		pr_err("msix: virtio-net has %d MSI-X entries\n", n);
		return -1;
	}
	pci_enable_device(d);
	u8 vecs[2] = { irq_alloc_vector(), irq_alloc_vector() };
	if (!vecs[0] || !vecs[1] || pci_enable_msix(d, vecs, 2)) {
		pr_err("msix: enabling failed\n");
		return -1;
	}
	volatile u32 *t = pci_msix_table(d);
	u8 cap = pci_find_capability(d, PCI_CAP_ID_MSIX, 0);
	u16 ctl = pci_read16(d, cap + 2);
	int rc = 0;
	for (int i = 0; i < 2; i++) {
		volatile u32 *e = t + 4 * i;
		if (e[0] != (0xfee00000u | (lapic_id() << 12)) || e[2] != vecs[i] || (e[3] & 1)) {
			pr_err("msix: entry %d reads back 0x%x 0x%x 0x%x\n", i, e[0], e[2], e[3]);
			rc = -1;
		}
	}
	if (!(ctl & 0x8000) || (ctl & 0x4000) || !(pci_read16(d, PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE)) {
		pr_err("msix: control 0x%x, INTx not disabled\n", ctl);
		rc = -1;
	}
	pci_disable_msix(d);
	pr_info("msix: %d-entry table programmed and read back\n", n);
	return rc;
}
SELFTEST(msix, test_msix, false);
