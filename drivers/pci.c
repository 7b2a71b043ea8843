/*
 * PCI enumeration.  Configuration mechanism #1 (PCI Local Bus spec 3.0
 * §3.2.2.3.2): write bus/device/function/register to 0xcf8, access the
 * dword at 0xcfc.  Buses are scanned from bus 0 with a worklist; every
 * PCI-to-PCI bridge adds its secondary bus.  Each function found gets a
 * struct pci_dev with its BARs sized (the usual write-all-ones probe,
 * with decoding off meanwhile) and is logged as vendor:device class.
 * Locking: pci_lock around each address/data port pair.
 */
#include <asm/io.h>
#include <tern/kernel.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/slab.h>
#include <tern/spinlock.h>

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_MAX_BUS		256

LIST_HEAD(pci_devices);
static DEFINE_SPINLOCK(pci_lock);

static u32 cfg_addr(u8 bus, u8 dev, u8 fn, u8 off)
{
	return 0x80000000u | (bus << 16) | (dev << 11) | (fn << 8) | (off & 0xfc);
}

static u32 cfg_read32(u8 bus, u8 dev, u8 fn, u8 off)
{
	unsigned long flags = spin_lock_irqsave(&pci_lock);

	outl(PCI_CONFIG_ADDRESS, cfg_addr(bus, dev, fn, off));
	u32 v = inl(PCI_CONFIG_DATA);
	spin_unlock_irqrestore(&pci_lock, flags);
	return v;
}

static void cfg_write32(u8 bus, u8 dev, u8 fn, u8 off, u32 v)
{
	unsigned long flags = spin_lock_irqsave(&pci_lock);

	outl(PCI_CONFIG_ADDRESS, cfg_addr(bus, dev, fn, off));
	outl(PCI_CONFIG_DATA, v);
	spin_unlock_irqrestore(&pci_lock, flags);
}

u32 pci_read32(const struct pci_dev *d, u8 off)
{
	return cfg_read32(d->bus, d->dev, d->fn, off);
}

u16 pci_read16(const struct pci_dev *d, u8 off)
{
	return pci_read32(d, off) >> ((off & 2) * 8);
}

u8 pci_read8(const struct pci_dev *d, u8 off)
{
	return pci_read32(d, off) >> ((off & 3) * 8);
}

void pci_write32(const struct pci_dev *d, u8 off, u32 v)
{
	cfg_write32(d->bus, d->dev, d->fn, off, v);
}

/* A true 16-bit write: a read-modify-write of the dword would write
 * back the neighbouring register, e.g. clear the status register's
 * write-1-to-clear bits when writing the command register. */
void pci_write16(const struct pci_dev *d, u8 off, u16 v)
{
	unsigned long flags = spin_lock_irqsave(&pci_lock);

	outl(PCI_CONFIG_ADDRESS, cfg_addr(d->bus, d->dev, d->fn, off));
	outw(PCI_CONFIG_DATA + (off & 2), v);
	spin_unlock_irqrestore(&pci_lock, flags);
}

const char *pci_class_name(u8 class, u8 subclass)
{
	switch (class) {
	case 0x01: return subclass == 0x01 ? "IDE controller" : "storage controller";
	case 0x02: return subclass == 0x00 ? "Ethernet controller" : "network controller";
	case 0x03: return "display controller";
	case 0x04: return "multimedia controller";
	case 0x05: return "memory controller";
	case 0x06:
		switch (subclass) {
		case 0x00: return "host bridge";
		case 0x01: return "ISA bridge";
		case 0x04: return "PCI bridge";
		default: return "bridge";
		}
	case 0x0c: return "serial bus controller";
	default: return "device";
	}
}

/* Size the BARs (PCI spec §6.2.5.1); decoding is off meanwhile. */
static void probe_bars(struct pci_dev *d)
{
	u16 cmd = pci_read16(d, PCI_COMMAND);

	pci_write16(d, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < 6; i++) {
		u8 off = PCI_BAR0 + 4 * i;
		u32 orig = pci_read32(d, off);
		pci_write32(d, off, 0xffffffff);
		u32 mask = pci_read32(d, off);
		pci_write32(d, off, orig);
		struct pci_bar *b = &d->bar[i];
		if (orig & 1) {			/* I/O */
			b->io = true;
			b->addr = orig & ~3u;
			b->size = mask ? (~(mask & ~3u) + 1) & 0xffff : 0;
			continue;
		}
		bool is64 = ((orig >> 1) & 3) == 2;
		u64 addr = orig & ~0xfull;
		u64 m = mask & ~0xfull;
		if (is64 && i < 5) {
			u32 orig_hi = pci_read32(d, off + 4);
			pci_write32(d, off + 4, 0xffffffff);
			u32 mask_hi = pci_read32(d, off + 4);
			pci_write32(d, off + 4, orig_hi);
			addr |= (u64)orig_hi << 32;
			m |= (u64)mask_hi << 32;
		} else {
			m |= 0xffffffff00000000ull;
		}
		b->prefetchable = orig & 8;
		b->addr = addr;
		b->size = (mask & ~0xfu) ? ~m + 1 : 0;
		if (is64)
			i++;	/* the upper half took the next slot */
	}
	pci_write16(d, PCI_COMMAND, cmd);
}

static struct pci_dev *add_function(u8 bus, u8 dev, u8 fn, u32 id)
{
	struct pci_dev *d = kzalloc(sizeof(*d));

	if (!d) {
		pr_err("pci: out of memory\n");
		return NULL;
	}
	d->bus = bus;
	d->dev = dev;
	d->fn = fn;
	d->vendor = id & 0xffff;
	d->device = id >> 16;
	u32 cr = pci_read32(d, PCI_CLASS_REVISION);
	d->class = cr >> 24;
	d->subclass = cr >> 16;
	d->prog_if = cr >> 8;
	d->revision = cr;
	d->subsystem_device = pci_read16(d, PCI_SUBSYSTEM_ID);
	d->irq_line = pci_read8(d, PCI_INTERRUPT_LINE);
	d->irq_pin = pci_read8(d, PCI_INTERRUPT_PIN);
	if ((pci_read8(d, PCI_HEADER_TYPE) & 0x7f) == 0)
		probe_bars(d);
	list_add_tail(&d->list, &pci_devices);
	pr_info("pci %02x:%02x.%x %04x:%04x class %02x%02x%02x %s\n", bus, dev, fn,
		d->vendor, d->device, d->class, d->subclass, d->prog_if,
		pci_class_name(d->class, d->subclass));
	return d;
}

void pci_init(void)
{
	static bool queued[PCI_MAX_BUS];
	u8 work[PCI_MAX_BUS];
	int head = 0, tail = 0, count = 0;

	work[tail++] = 0;
	queued[0] = true;
	while (head < tail) {
		u8 bus = work[head++];
		for (u8 dev = 0; dev < 32; dev++) {
			u32 id = cfg_read32(bus, dev, 0, PCI_VENDOR_ID);
			if ((id & 0xffff) == 0xffff)
				continue;
			bool multi = (cfg_read32(bus, dev, 0, 0x0c) >> 16) & 0x80;
			for (u8 fn = 0; fn < (multi ? 8 : 1); fn++) {
				if (fn)
					id = cfg_read32(bus, dev, fn, PCI_VENDOR_ID);
				if ((id & 0xffff) == 0xffff)
					continue;
				struct pci_dev *d = add_function(bus, dev, fn, id);
				count++;
				if (d && (pci_read8(d, PCI_HEADER_TYPE) & 0x7f) == 1) {
					u8 sec = pci_read8(d, PCI_SECONDARY_BUS);
					if (!queued[sec] && tail < PCI_MAX_BUS) {
						queued[sec] = true;
						work[tail++] = sec;
					}
				}
			}
		}
	}
	pr_info("pci: %d functions on %d buses\n", count, tail);
}

struct pci_dev *pci_find_device(u16 vendor, u16 device, struct pci_dev *from)
{
	struct list_head *pos = from ? from->list.next : pci_devices.next;

	for (; pos != &pci_devices; pos = pos->next) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, list);
		if (d->vendor == vendor && d->device == device)
			return d;
	}
	return NULL;
}

u8 pci_find_capability(const struct pci_dev *d, u8 id, u8 start)
{
	if (!(pci_read16(d, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	u8 pos = start ? pci_read8(d, start + 1) : pci_read8(d, PCI_CAPABILITY_LIST);
	/* At most 48 capabilities fit in 256 bytes: a loop guard. */
	for (int n = 0; n < 48 && pos >= 0x40; n++) {
		pos &= 0xfc;
		if (pci_read8(d, pos) == id)
			return pos;
		pos = pci_read8(d, pos + 1);
	}
	return 0;
}

void pci_enable_device(struct pci_dev *d)
{
	u16 cmd = pci_read16(d, PCI_COMMAND);

	pci_write16(d, PCI_COMMAND, cmd | PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
		    PCI_COMMAND_MASTER);
}
