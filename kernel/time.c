/*
 * The monotonic clock: TSC ticks scaled to nanoseconds.
 *
 * The TSC frequency is measured once against PIT channel 2 (1.193182 MHz,
 * a fixed crystal in every PC and in QEMU): the median of TRIALS
 * measurements over CALIBRATE_MS each.  Then
 * ns = (tsc - tsc_base) * mult >> 32, with mult = 10^9 * 2^32 / tsc_hz,
 * computed in 128 bits so it neither overflows nor divides at run time.
 * Assumes an invariant TSC (QEMU and modern CPUs); we log when CPUID
 * does not promise one.
 *
 * tsc_base and mult live in the vDSO's data page, which every process
 * maps read-only, and the conversion is include/tern/vdso.h's: the
 * kernel and user space compute the clock by the same code.
 */
#include <asm/cpu.h>
#include <asm/io.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/time.h>
#include <tern/vdso.h>

#define PIT_HZ		1193182u
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PORT_B		0x61	/* bit 0: ch2 gate, bit 1: speaker */
#define CALIBRATE_MS	5	/* one trial's PIT interval */
#define TRIALS		5	/* the median of these is taken */
#define SAMPLE_TRIES	8	/* reads per endpoint; the tightest one counts */
#define SPIN_LIMIT	50000000u

u64 tsc_khz;

u64 ktime_get_ns(void)
{
	return vdso_tsc_to_ns(&vvar.data, rdtsc());
}

/*
 * The first TSC value at which ktime_get_ns() reads `ns` or more: the
 * exact inverse of its scaling, so a deadline armed with it never finds
 * the clock short of the deadline when it fires.
 */
u64 ktime_ns_to_tsc(u64 ns)
{
	u64 mult = vvar.data.mult;

	if (!mult)
		return 0;
	/* ceil(ns * 2^32 / mult): divq takes the 128-bit dividend in rdx:rax;
	 * the quotient fits in 64 bits while ns < mult * 2^32 (centuries). */
	unsigned __int128 n = ((unsigned __int128)ns << 32) + mult - 1;
	u64 q, r, hi = (u64)(n >> 64), lo = (u64)n;

	__asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(mult));
	(void)r;
	return vvar.data.tsc_base + q;
}

/* Latch and read PIT channel 2's current count. */
static u16 pit_ch2_read(void)
{
	outb(PIT_CMD, 0x80);			/* ch2, counter latch */
	u8 lo = inb(PIT_CH2);
	return (u16)(lo | inb(PIT_CH2) << 8);
}

/*
 * One (TSC, PIT count) pair.  Each read is bracketed by two TSC reads
 * and the tightest bracket of SAMPLE_TRIES is kept: under an emulator on
 * a loaded host the vCPU can be descheduled between any two
 * instructions, and only a tight bracket says when the PIT was read.
 */
static void pit_sample(u64 *tsc, u16 *count)
{
	u64 best = ~0ull;

	for (int i = 0; i < SAMPLE_TRIES; i++) {
		u64 a = rdtsc();
		u16 c = pit_ch2_read();
		u64 b = rdtsc();

		if (b - a < best) {
			best = b - a;
			*tsc = a + (b - a) / 2;
			*count = c;
		}
	}
}

/*
 * TSC ticks per second from one trial: channel 2 counts down from 0xffff
 * (mode 0, 55 ms to wrap) and we sample it at both ends of about
 * CALIBRATE_MS.  Measuring both ends, rather than waiting for the counter
 * to fire, keeps a late wake-up from inflating the result.  0 if the
 * PIT does not count.
 */
static u64 pit_trial(void)
{
	u32 want = PIT_HZ / (1000 / CALIBRATE_MS);
	u64 t0, t1;
	u16 c0, c1;
	u32 spins = 0;

	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xb0);				/* ch2, lo/hi, mode 0 */
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);
	pit_sample(&t0, &c0);
	do {
		pit_sample(&t1, &c1);
	} while ((u16)(c0 - c1) < want && ++spins < SPIN_LIMIT);
	if (spins >= SPIN_LIMIT || c0 == c1)
		return 0;
	return (t1 - t0) * PIT_HZ / (u16)(c0 - c1);
}

/* The clock counts from here: the first thing kmain does. */
void time_early_init(void)
{
	vvar.data.tsc_base = rdtsc();
}

void tsc_init(void)
{
	u64 hz_trials[TRIALS];

	for (int i = 0; i < TRIALS; i++) {
		u64 hz = pit_trial();

		if (!hz)
			panic("time: PIT channel 2 does not count; cannot calibrate the TSC");
		/* Insertion sort: the median is all we want. */
		int j = i;
		for (; j > 0 && hz_trials[j - 1] > hz; j--)
			hz_trials[j] = hz_trials[j - 1];
		hz_trials[j] = hz;
	}
	u64 hz = hz_trials[TRIALS / 2];
	tsc_khz = hz / 1000;
	vvar.data.mult = (NSEC_PER_SEC << 32) / hz;	/* 2^62 < 10^9 * 2^32 < 2^64 */
	pr_info("time: TSC %lu.%03lu MHz (trials %lu..%lu kHz)%s\n",
		(unsigned long)(tsc_khz / 1000), (unsigned long)(tsc_khz % 1000),
		(unsigned long)(hz_trials[0] / 1000),
		(unsigned long)(hz_trials[TRIALS - 1] / 1000),
		cpu_features.tsc_invariant ? "" : " (CPU does not promise an invariant TSC)");
}

void ktime_get_ts64(struct timespec64 *ts)
{
	u64 ns = ktime_get_ns();

	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}
