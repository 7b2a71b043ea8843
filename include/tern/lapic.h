/* Local APIC (arch/x86_64/lapic.c): EOI and the periodic tick. */
#ifndef TERN_LAPIC_H
#define TERN_LAPIC_H

void lapic_init(void);		/* needs the TSC clock (tsc_init) */
void lapic_timer_start(void);	/* the HZ tick: calls timer_tick() */
void lapic_eoi(void);
unsigned int lapic_id(void);

#endif
