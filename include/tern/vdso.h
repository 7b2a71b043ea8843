/*
 * The vDSO's data page ([vvar]) and the clock arithmetic the kernel and
 * the vDSO share (kernel/vdso.c, arch/x86_64/vdso/vclock.c).
 *
 * This header is compiled twice: into the kernel, and into the vDSO, a
 * small position-independent ELF the kernel maps into every process.
 * Both read the clocks with the functions below, so the kernel's
 * clock_gettime(2) and the vDSO's answer by one rule:
 *
 *   monotonic ns = (tsc - tsc_base) * mult >> 32     (kernel/time.c)
 *   realtime ns  = monotonic ns + real_offset         (drivers/rtc.c)
 *   a _COARSE clock = its fine clock truncated to CLOCK_COARSE_RES_NS
 *
 * so a coarse reading is never ahead of a fine one taken after it.
 * Tern is tickless, so the coarse clocks are not "the time of the last
 * tick": they are the same TSC reading, rounded down.
 *
 * Writers (the kernel only) bump `seq` to odd, update, bump it to even,
 * with interrupts off; readers retry while it is odd or changed
 * (a seqcount).  tsc_base and mult are set once, before any process
 * runs; real_offset moves with settimeofday(2) and clock_settime(2).
 */
#ifndef TERN_VDSO_H
#define TERN_VDSO_H

#include <tern/kernel.h>
#include <tern/types.h>
#include <uapi/time.h>

#define CLOCK_COARSE_RES_NS	1000000ull	/* clock_getres(2) of the _COARSE clocks */
#define VDSO_NSEC_PER_SEC	1000000000ull

struct vdso_data {
	u32 seq;		/* odd while the kernel writes */
	u32 pad;
	u64 tsc_base;		/* TSC at monotonic time 0 */
	u64 mult;		/* ns per TSC tick, 32.32 fixed point */
	s64 real_offset;	/* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
};

/* TSC reads may not move before the seqcount read that guards them. */
static inline u64 rdtsc_ordered(void)
{
	u32 lo, hi;

	__asm__ __volatile__("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

/* The one TSC-to-nanoseconds conversion (0 before calibration). */
static inline u64 vdso_tsc_to_ns(const struct vdso_data *vd, u64 tsc)
{
	return (u64)(((unsigned __int128)(tsc - vd->tsc_base) * vd->mult) >> 32);
}

static inline u32 vdso_read_begin(const struct vdso_data *vd)
{
	u32 seq;

	while ((seq = READ_ONCE(vd->seq)) & 1)
		__asm__ __volatile__("pause");
	barrier();
	return seq;
}

static inline bool vdso_read_retry(const struct vdso_data *vd, u32 seq)
{
	barrier();
	return READ_ONCE(vd->seq) != seq;
}

/* Does the vDSO answer this clock (else the system call does)? */
static inline bool vdso_clock_ok(int clock)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return true;
	default:
		return false;
	}
}

static inline bool vdso_clock_coarse(int clock)
{
	return clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
}

/*
 * The clock's value in ns, for a clock vdso_clock_ok() accepts.
 * No suspend and no NTP slewing: BOOTTIME and MONOTONIC_RAW are
 * MONOTONIC; TAI is REALTIME (the TAI offset is 0 until adjtimex(2)
 * sets it, and Tern does not keep one).
 */
static inline u64 vdso_clock_ns(const struct vdso_data *vd, int clock)
{
	u64 ns;
	s64 off;
	u32 seq;

	do {
		seq = vdso_read_begin(vd);
		ns = vdso_tsc_to_ns(vd, rdtsc_ordered());
		off = vd->real_offset;
	} while (vdso_read_retry(vd, seq));
	if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_TAI)
		ns += (u64)off;
	if (vdso_clock_coarse(clock))
		ns -= ns % CLOCK_COARSE_RES_NS;
	return ns;
}

/* The kernel's copy, alone on its page ([vvar] in every process). */
union vvar_page {
	struct vdso_data data;
	u8 bytes[4096];
};
extern union vvar_page vvar;

/* Kernel side (kernel/vdso.c). */
struct mm_struct;
void vdso_init(void);		/* copy the image into pages; after kmalloc_init */
/* exec: map [vvar] and [vdso] into mm; *ehdr = the image's address. */
int vdso_map(struct mm_struct *mm, u64 *ehdr);
/* Page `index` of a VM_VVAR or VM_VDSO mapping; 0 past its end. */
phys_addr_t vdso_page(u32 vm_flags, u64 index);

#endif
