/*
 * The local APIC (Intel SDM vol. 3A ch. 10) in xAPIC mode: enabled with
 * the spurious vector, and its timer as the kernel's one clock event:
 * armed once for the next deadline kernel/timer.c asks for, never
 * periodic.  Where the CPU has it (CPUID.1:ECX[24]) the timer runs in
 * TSC-deadline mode and fires when the TSC passes an absolute value
 * (SDM §10.5.4.1), so a deadline is exact to the clock's resolution;
 * otherwise in one-shot mode, whose input clock is unknown and is
 * measured against the (already calibrated) TSC.
 */
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <tern/io.h>
#include <tern/irq.h>
#include <tern/kernel.h>
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
#define LVT_TSC_DEADLINE (2u << 17)
#define MSR_TSC_DEADLINE 0x6e0
#define DIV_BY_16	0x3
#define APIC_BASE_ENABLE (1ull << 11)
#define CALIBRATE_NS	(5 * NSEC_PER_MSEC)

static volatile u8 *apic;
static u32 timer_hz;	/* LAPIC timer input ticks per second (after /16) */
static u64 count_mult;	/* timer ticks per ns, 32.32 fixed point */
static bool tsc_deadline;	/* armed by the TSC-deadline MSR */

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
	irq_register(VEC_SPURIOUS, spurious_interrupt, NULL, "spurious");
	irq_register(VEC_LAPIC_TIMER, lapic_timer_interrupt, NULL, "timer");

	u32 ticks = measure_timer();
	if (!ticks)
		panic("lapic: the APIC timer does not count");
	timer_hz = (u32)((u64)ticks * NSEC_PER_SEC / CALIBRATE_NS);
	count_mult = ((u64)timer_hz << 32) / NSEC_PER_SEC;
	tsc_deadline = cpu_features.tsc_deadline;
	if (tsc_deadline)
		apic_write(APIC_LVT_TIMER, LVT_TSC_DEADLINE | VEC_LAPIC_TIMER);
	else
		apic_write(APIC_TMR_DIV, DIV_BY_16);
	pr_info("lapic: id %u, timer %u kHz, %s\n", apic_read(APIC_ID) >> 24,
		timer_hz / 1000, tsc_deadline ? "TSC-deadline" : "one-shot");
}

/*
 * Fire the timer interrupt once, at monotonic time `deadline` (ns), or
 * as soon as possible if that has passed; 0 disarms.  Re-arming
 * replaces the previous deadline.  Interrupts off (timer_lock).
 */
void lapic_timer_arm(u64 deadline)
{
	if (tsc_deadline) {
		/* Writing 0 disarms (SDM §10.5.4.1); a past value fires at once. */
		wrmsr(MSR_TSC_DEADLINE, deadline ? ktime_ns_to_tsc(deadline) : 0);
		return;
	}
	if (!deadline) {
		apic_write(APIC_TMR_INIT, 0);
		return;
	}
	u64 now = ktime_get_ns();
	u64 delta = deadline > now ? deadline - now : 0;
	/* Round up: a timer fired early finds nothing due and is re-armed. */
	u64 count = (u64)(((unsigned __int128)MIN(delta, 100 * NSEC_PER_SEC) * count_mult) >> 32) + 1;

	apic_write(APIC_LVT_TIMER, VEC_LAPIC_TIMER);	/* one-shot */
	apic_write(APIC_TMR_INIT, (u32)MAX(MIN(count, (u64)0xffffffffu), (u64)1));
}
