/*
 * Message-signalled interrupts (PCI Local Bus 3.0 §6.8): the device
 * writes `data` to `address` to interrupt, with no I/O APIC involved.
 * On x86 the address selects the destination LAPIC (0xfee00000 |
 * APIC ID << 12) and the data the vector, fixed delivery, edge
 * (Intel SDM vol. 3A §10.11).
 *
 *   MSI   (capability 0x05): one address/data pair in config space.
 *   MSI-X (capability 0x11): a table of 16-byte entries (address low,
 *         address high, data, vector control) in a memory BAR.
 * Enabling either also disables the legacy INTx line.
 */
#include <tern/errno.h>
#include <tern/io.h>
#include <tern/lapic.h>
#include <tern/pci.h>
#include <tern/printk.h>

#define MSI_FLAGS		2	/* message control, from the capability */
#define MSI_FLAGS_ENABLE	0x0001
#define MSI_FLAGS_QMASK		0x0070	/* multiple message enable */
#define MSI_FLAGS_64BIT		0x0080
#define MSI_ADDR_LO		4
#define MSI_ADDR_HI		8
#define MSI_DATA_32		8
#define MSI_DATA_64		12

#define MSIX_FLAGS		2
#define MSIX_FLAGS_QSIZE	0x07ff
#define MSIX_FLAGS_MASKALL	0x4000
#define MSIX_FLAGS_ENABLE	0x8000
#define MSIX_TABLE		4	/* BAR indicator (bits 0-2) and offset */
#define MSIX_ENTRY_SIZE		16
#define MSIX_ENTRY_CTRL_MASKBIT	1

#define MSI_ADDR_BASE		0xfee00000u

static u32 msi_address(void)
{
	return MSI_ADDR_BASE | (lapic_id() << 12);
}

static void disable_intx(struct pci_dev *d)
{
	pci_write16(d, PCI_COMMAND, pci_read16(d, PCI_COMMAND) | PCI_COMMAND_INTX_DISABLE);
}

int pci_enable_msi(struct pci_dev *d, u8 vector)
{
	u8 cap = pci_find_capability(d, PCI_CAP_ID_MSI, 0);

	if (!cap)
		return -ENODEV;
	u16 flags = pci_read16(d, cap + MSI_FLAGS);
	pci_write32(d, cap + MSI_ADDR_LO, msi_address());
	if (flags & MSI_FLAGS_64BIT) {
		pci_write32(d, cap + MSI_ADDR_HI, 0);
		pci_write16(d, cap + MSI_DATA_64, vector);
	} else {
		pci_write16(d, cap + MSI_DATA_32, vector);
	}
	flags &= ~MSI_FLAGS_QMASK;	/* one vector */
	pci_write16(d, cap + MSI_FLAGS, flags | MSI_FLAGS_ENABLE);
	disable_intx(d);
	return 0;
}

int pci_msix_table_size(const struct pci_dev *d)
{
	u8 cap = pci_find_capability(d, PCI_CAP_ID_MSIX, 0);

	return cap ? (pci_read16(d, cap + MSIX_FLAGS) & MSIX_FLAGS_QSIZE) + 1 : 0;
}

volatile u32 *pci_msix_table(const struct pci_dev *d)
{
	u8 cap = pci_find_capability(d, PCI_CAP_ID_MSIX, 0);

	if (!cap)
		return NULL;
	u32 t = pci_read32(d, cap + MSIX_TABLE);
	const struct pci_bar *bar = &d->bar[t & 7];
	if (bar->io || !bar->size)
		return NULL;
	size_t len = (size_t)pci_msix_table_size(d) * MSIX_ENTRY_SIZE;
	return ioremap(bar->addr + (t & ~7u), len);
}

int pci_enable_msix(struct pci_dev *d, const u8 *vectors, int n)
{
	u8 cap = pci_find_capability(d, PCI_CAP_ID_MSIX, 0);

	if (!cap)
		return -ENODEV;
	if (n < 1 || n > pci_msix_table_size(d))
		return -EINVAL;
	volatile u32 *table = pci_msix_table(d);
	if (!table)
		return -ENOMEM;
	u16 flags = pci_read16(d, cap + MSIX_FLAGS);
	/* Program the entries with the function masked, then open it. */
	pci_write16(d, cap + MSIX_FLAGS, flags | MSIX_FLAGS_MASKALL | MSIX_FLAGS_ENABLE);
	for (int i = 0; i < n; i++) {
		volatile u32 *e = table + i * (MSIX_ENTRY_SIZE / 4);
		e[0] = msi_address();
		e[1] = 0;
		e[2] = vectors[i];
		e[3] = 0;		/* unmasked */
	}
	pci_write16(d, cap + MSIX_FLAGS, (flags | MSIX_FLAGS_ENABLE) & ~MSIX_FLAGS_MASKALL);
	disable_intx(d);
	return 0;
}

void pci_disable_msix(struct pci_dev *d)
{
	u8 cap = pci_find_capability(d, PCI_CAP_ID_MSIX, 0);

	if (cap)
		pci_write16(d, cap + MSIX_FLAGS,
			    pci_read16(d, cap + MSIX_FLAGS) & ~MSIX_FLAGS_ENABLE);
}
