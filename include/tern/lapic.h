/* Local APIC (arch/x86_64/lapic.c): EOI and the timer interrupt. */
#ifndef TERN_LAPIC_H
#define TERN_LAPIC_H

void lapic_init(void);		/* needs the TSC clock (tsc_init) */
/* One timer interrupt (timer_tick()) at monotonic `deadline` ns; 0 disarms. */
void lapic_timer_arm(u64 deadline);
void lapic_eoi(void);
unsigned int lapic_id(void);

#endif
