/*
 * The local APIC (Intel SDM vol. 3A ch. 10) in xAPIC mode: enabled with
 * the spurious vector, and its timer in periodic mode at HZ as the
 * scheduler tick.  The timer's input clock is unknown, so it is measured
 * against the (already calibrated) TSC.
 */
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <tern/io.h>
#include <tern/irq.h>
#include <tern/lapic.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/time.h>

#define APIC_ID		0x020
#define APIC_VERSION	0x030
#define APIC_TPR	0x080
#define APIC_EOI	0x0b0
#define APIC_SVR	0x0f0
#define APIC_LVT_TIMER	0x320
#define APIC_TMR_INIT	0x380
#define APIC_TMR_CUR	0x390
#define APIC_TMR_DIV	0x3e0

#define SVR_ENABLE	(1u << 8)
#define LVT_MASKED	(1u << 16)
#define LVT_PERIODIC	(1u << 17)
#define DIV_BY_16	0x3
#define APIC_BASE_ENABLE (1ull << 11)
#define CALIBRATE_NS	(5 * NSEC_PER_MSEC)

static volatile u8 *apic;
static u32 timer_hz;	/* LAPIC timer input ticks per second (after /16) */

static u32 apic_read(u32 reg)
{
	return *(volatile u32 *)(apic + reg);
}

static void apic_write(u32 reg, u32 v)
{
	*(volatile u32 *)(apic + reg) = v;
}

unsigned int lapic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

void lapic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

static void lapic_timer_interrupt(struct pt_regs *regs, void *data)
{
	(void)regs;
	(void)data;
	lapic_eoi();
	timer_tick();
}

static void spurious_interrupt(struct pt_regs *regs, void *data)
{
	(void)regs;
	(void)data;
	/* No EOI for spurious interrupts (SDM §10.9). */
}

/* Timer input ticks during CALIBRATE_NS measured by the TSC. */
static u32 measure_timer(void)
{
	apic_write(APIC_TMR_DIV, DIV_BY_16);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_LAPIC_TIMER);
	apic_write(APIC_TMR_INIT, 0xffffffff);
	u64 start = ktime_get_ns();
	while (ktime_get_ns() - start < CALIBRATE_NS)
		cpu_relax();
	u32 left = apic_read(APIC_TMR_CUR);
	apic_write(APIC_TMR_INIT, 0);
	return 0xffffffff - left;
}

void lapic_init(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	apic = ioremap(base & 0xfffff000, 4096);
	if (!apic)
		panic("lapic: cannot map the local APIC");
	apic_write(APIC_TPR, 0);
	apic_write(APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	irq_register(VEC_SPURIOUS, spurious_interrupt, NULL);
	irq_register(VEC_LAPIC_TIMER, lapic_timer_interrupt, NULL);

	u32 ticks = measure_timer();
	if (!ticks)
		panic("lapic: the APIC timer does not count");
	timer_hz = (u32)((u64)ticks * NSEC_PER_SEC / CALIBRATE_NS);
	pr_info("lapic: id %u, timer %u kHz, tick %d Hz\n", apic_read(APIC_ID) >> 24,
		timer_hz / 1000, HZ);
}

void lapic_timer_start(void)
{
	apic_write(APIC_TMR_DIV, DIV_BY_16);
	apic_write(APIC_LVT_TIMER, LVT_PERIODIC | VEC_LAPIC_TIMER);
	apic_write(APIC_TMR_INIT, timer_hz / HZ);
}
