/*
 * PCI (drivers/pci.c): configuration space through mechanism #1 (ports
 * 0xcf8/0xcfc), bus enumeration at boot, and lookup for drivers.
 */
#ifndef TERN_PCI_H
#define TERN_PCI_H

#include <tern/list.h>
#include <tern/types.h>

#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define PCI_STATUS		0x06
#define PCI_CLASS_REVISION	0x08
#define PCI_HEADER_TYPE		0x0e
#define PCI_BAR0		0x10
#define PCI_SECONDARY_BUS	0x19
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_CAPABILITY_LIST	0x34
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d

#define PCI_COMMAND_IO		0x1
#define PCI_COMMAND_MEMORY	0x2
#define PCI_COMMAND_MASTER	0x4
#define PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_STATUS_CAP_LIST	0x10

#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_VNDR		0x09
#define PCI_CAP_ID_MSIX		0x11

struct pci_bar {
	u64 addr;		/* bus address (memory) or port (I/O) */
	u64 size;		/* 0 if the BAR is unused */
	bool io;		/* I/O space rather than memory */
	bool prefetchable;
};

struct pci_dev {
	u8 bus, dev, fn;
	u16 vendor, device;
	u16 subsystem_device;
	u8 class, subclass, prog_if, revision;
	u8 irq_line, irq_pin;
	struct pci_bar bar[6];
	struct list_head list;	/* on pci_devices */
};

extern struct list_head pci_devices;

void pci_init(void);	/* enumerate and log every function */
u8 pci_read8(const struct pci_dev *d, u8 off);
u16 pci_read16(const struct pci_dev *d, u8 off);
u32 pci_read32(const struct pci_dev *d, u8 off);
void pci_write16(const struct pci_dev *d, u8 off, u16 v);
void pci_write32(const struct pci_dev *d, u8 off, u32 v);
/* Next device after `from` (NULL: first) with vendor:device; NULL if none. */
struct pci_dev *pci_find_device(u16 vendor, u16 device, struct pci_dev *from);
/* Config offset of the first capability with id after `start` (0: first); 0 if none. */
u8 pci_find_capability(const struct pci_dev *d, u8 id, u8 start);
/* Enables memory/I/O decoding and bus mastering (DMA). */
void pci_enable_device(struct pci_dev *d);
const char *pci_class_name(u8 class, u8 subclass);

/* Message-signalled interrupts (drivers/pci_msi.c), to this CPU; the
 * vector comes from irq_alloc_vector() and its handler must lapic_eoi().
 * Both disable the device's INTx.  0 or -ENODEV (no capability). */
int pci_enable_msi(struct pci_dev *d, u8 vector);
int pci_enable_msix(struct pci_dev *d, const u8 *vectors, int n);
void pci_disable_msix(struct pci_dev *d);
int pci_msix_table_size(const struct pci_dev *d);
/* The mapped MSI-X table (4 u32 per entry), NULL if none. */
volatile u32 *pci_msix_table(const struct pci_dev *d);

#endif
