/*
 * The monotonic clock: TSC ticks scaled to nanoseconds.
 *
 * The TSC frequency is measured once against PIT channel 2 (1.193182 MHz,
 * a fixed crystal in every PC and in QEMU) over CALIBRATE_MS.  Then
 * ns = (tsc - tsc_base) * mult >> 32, with mult = 10^9 * 2^32 / tsc_hz,
 * computed in 128 bits so it neither overflows nor divides at run time.
 * Assumes an invariant TSC (QEMU and modern CPUs); we log when CPUID
 * does not promise one.
 */
#include <asm/cpu.h>
#include <asm/io.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/time.h>

#define PIT_HZ		1193182u
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PORT_B		0x61	/* bit 0: ch2 gate, bit 1: speaker, bit 5: ch2 out */
#define CALIBRATE_MS	10
#define SPIN_LIMIT	50000000u

u64 tsc_khz;
static u64 tsc_base;
static u64 mult;	/* ns per TSC tick, 32.32 fixed point */

u64 ktime_get_ns(void)
{
	if (!mult)
		return 0;
	return (u64)(((unsigned __int128)(rdtsc() - tsc_base) * mult) >> 32);
}

/* TSC ticks during CALIBRATE_MS of PIT channel 2 counting in mode 0. */
static u64 pit_measure_tsc(void)
{
	u32 count = PIT_HZ / (1000 / CALIBRATE_MS);
	u32 spins = 0;

	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xb0);				/* ch2, lo/hi, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	u64 t0 = rdtsc();
	while (!(inb(PORT_B) & 0x20) && ++spins < SPIN_LIMIT)
		;
	u64 t1 = rdtsc();
	if (spins >= SPIN_LIMIT)
		return 0;
	return t1 - t0;
}

/* The clock counts from here: the first thing kmain does. */
void time_early_init(void)
{
	tsc_base = rdtsc();
}

void tsc_init(void)
{
	u64 ticks = pit_measure_tsc();

	if (!ticks)
		panic("time: PIT channel 2 never fired; cannot calibrate the TSC");
	u64 hz = ticks * (1000 / CALIBRATE_MS);
	tsc_khz = hz / 1000;
	mult = (NSEC_PER_SEC << 32) / hz;	/* 2^62 < 10^9 * 2^32 < 2^64 */
	pr_info("time: TSC %lu.%03lu MHz%s\n", (unsigned long)(tsc_khz / 1000),
		(unsigned long)(tsc_khz % 1000),
		cpu_features.tsc_invariant ? "" : " (CPU does not promise an invariant TSC)");
}

void ktime_get_ts64(struct timespec64 *ts)
{
	u64 ns = ktime_get_ns();

	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}
