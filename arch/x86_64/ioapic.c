/*
 * The I/O APIC (82093AA data sheet): an index register at +0x00 and a
 * data window at +0x10.  Register 1 holds the version and the number of
 * redirection entries; entry n is the 64-bit pair 0x10 + 2n / 0x11 + 2n:
 * vector (bits 0-7), fixed delivery, physical destination, polarity
 * (bit 13, 1 = active low), trigger (bit 15, 1 = level), mask (bit 16),
 * destination APIC ID (bits 56-63).
 * Locking: ioapic_lock (irq-saving) around each index/data pair.
 */
#include <asm/desc.h>
#include <tern/acpi.h>
#include <tern/errno.h>
#include <tern/io.h>
#include <tern/ioapic.h>
#include <tern/lapic.h>
#include <tern/printk.h>
#include <tern/spinlock.h>

#define IOREGSEL	0x00
#define IOWIN		0x10
#define IOAPIC_VER	0x01
#define IOREDTBL(n)	(0x10 + 2 * (n))
#define RTE_ACTIVE_LOW	(1u << 13)
#define RTE_LEVEL	(1u << 15)
#define RTE_MASKED	(1u << 16)

struct ioapic {
	volatile u32 *base;
	u32 gsi_base;
	u32 nr_pins;
};

static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static int nr_ioapics;
static DEFINE_SPINLOCK(ioapic_lock);
static u8 next_vector = VEC_DEVICE_FIRST;

static u32 io_read(struct ioapic *io, u32 reg)
{
	io->base[IOREGSEL / 4] = reg;
	return io->base[IOWIN / 4];
}

static void io_write(struct ioapic *io, u32 reg, u32 v)
{
	io->base[IOREGSEL / 4] = reg;
	io->base[IOWIN / 4] = v;
}

static struct ioapic *ioapic_for(u32 gsi, u32 *pin)
{
	for (int i = 0; i < nr_ioapics; i++) {
		struct ioapic *io = &ioapics[i];
		if (gsi >= io->gsi_base && gsi < io->gsi_base + io->nr_pins) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

void ioapic_init(void)
{
	for (int i = 0; i < acpi_info.nr_ioapics; i++) {
		struct ioapic *io = &ioapics[nr_ioapics];
		io->base = ioremap(acpi_info.ioapic[i].addr, 0x20);
		if (!io->base)
			continue;
		io->gsi_base = acpi_info.ioapic[i].gsi_base;
		io->nr_pins = ((io_read(io, IOAPIC_VER) >> 16) & 0xff) + 1;
		for (u32 pin = 0; pin < io->nr_pins; pin++) {
			io_write(io, IOREDTBL(pin), RTE_MASKED);
			io_write(io, IOREDTBL(pin) + 1, 0);
		}
		pr_info("ioapic: %u pins from GSI %u, all masked\n", io->nr_pins, io->gsi_base);
		nr_ioapics++;
	}
}

int ioapic_route_gsi(u32 gsi, u8 vector, bool level, bool active_low)
{
	u32 pin;
	struct ioapic *io = ioapic_for(gsi, &pin);

	if (!io || vector < VEC_IRQ_BASE)
		return -EINVAL;
	u32 lo = vector | (level ? RTE_LEVEL : 0) | (active_low ? RTE_ACTIVE_LOW : 0);
	unsigned long flags = spin_lock_irqsave(&ioapic_lock);
	io_write(io, IOREDTBL(pin) + 1, lapic_id() << 24);
	io_write(io, IOREDTBL(pin), lo);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}

int ioapic_mask_gsi(u32 gsi)
{
	u32 pin;
	struct ioapic *io = ioapic_for(gsi, &pin);

	if (!io)
		return -EINVAL;
	unsigned long flags = spin_lock_irqsave(&ioapic_lock);
	io_write(io, IOREDTBL(pin), io_read(io, IOREDTBL(pin)) | RTE_MASKED);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}

int ioapic_route_isa_irq(unsigned irq, u8 vector)
{
	if (irq >= 16)
		return -EINVAL;
	const struct isa_irq_route *r = &acpi_info.isa[irq];
	return ioapic_route_gsi(r->gsi, vector, r->level, r->active_low);
}

u8 irq_alloc_vector(void)
{
	unsigned long flags = spin_lock_irqsave(&ioapic_lock);
	u8 v = 0;

	if (next_vector < VEC_SPURIOUS)
		v = next_vector++;
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return v;
}
