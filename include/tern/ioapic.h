/*
 * I/O APIC interrupt routing (arch/x86_64/ioapic.c).  All lines start
 * masked; a driver routes the one it needs to a vector it registered
 * with irq_register().  Interrupts go to the boot CPU's LAPIC.
 */
#ifndef TERN_IOAPIC_H
#define TERN_IOAPIC_H

#include <tern/types.h>

void ioapic_init(void);		/* after acpi_init() and lapic_init() */
/* Routes ISA IRQ 0-15 (using the MADT overrides) to vector; 0 or -errno. */
int ioapic_route_isa_irq(unsigned irq, u8 vector);
/* Routes a global system interrupt with explicit polarity/trigger. */
int ioapic_route_gsi(u32 gsi, u8 vector, bool level, bool active_low);
int ioapic_mask_gsi(u32 gsi);
/* Hands out device vectors (VEC_DEVICE_FIRST up); 0 when none are left. */
u8 irq_alloc_vector(void);

#endif
