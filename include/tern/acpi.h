/*
 * ACPI tables, read-only, at boot (arch/x86_64/acpi.c): just enough to
 * find the I/O APICs and how ISA interrupts are wired to them (MADT).
 * No AML interpreter: PCI INTx routing relies on the interrupt line the
 * firmware programmed, which on QEMU's PC machine is an ISA IRQ with an
 * interrupt source override in the MADT.
 */
#ifndef TERN_ACPI_H
#define TERN_ACPI_H

#include <tern/types.h>

#define ACPI_MAX_IOAPICS	4

struct acpi_ioapic {
	u8 id;
	phys_addr_t addr;
	u32 gsi_base;
};

/* An ISA IRQ's global system interrupt and its polarity/trigger. */
struct isa_irq_route {
	u32 gsi;
	bool active_low;
	bool level;
};

struct acpi_info {
	bool found;			/* an MADT was parsed */
	phys_addr_t lapic_addr;
	struct acpi_ioapic ioapic[ACPI_MAX_IOAPICS];
	int nr_ioapics;
	struct isa_irq_route isa[16];
};

extern struct acpi_info acpi_info;

void acpi_init(void);

#endif
