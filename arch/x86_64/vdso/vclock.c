/*
 * The vDSO's functions (vdso(7)): clock_gettime, gettimeofday, time,
 * clock_getres and getcpu answered in user space from the kernel's data
 * page ([vvar], include/tern/vdso.h), with the system call as fallback
 * for the clocks the page cannot answer.  Exported as __vdso_<name>
 * and <name>, version LINUX_2.6, as Linux's x86_64 vDSO is (musl and
 * glibc look them up by those names).
 *
 * Built -fPIC with no relocations (mk/vdso.mk checks): the data page
 * is reached RIP-relative through vdso_vvar, which the linker script
 * places one page below the image.  Like Linux's, these functions do
 * not check user pointers: a bad one faults in the caller.
 */
#include <asm/desc.h>
#include <tern/vdso.h>
#include <uapi/time.h>
#include <uapi/unistd.h>

extern union vvar_page vdso_vvar __attribute__((visibility("hidden")));

static long syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(nr), "D"(a), "S"(b)
			     : "rcx", "r11", "memory");
	return ret;
}

int __vdso_clock_gettime(int clock, struct __kernel_timespec *ts);
int __vdso_clock_getres(int clock, struct __kernel_timespec *res);
int __vdso_gettimeofday(struct __kernel_timeval *tv, struct timezone *tz);
long __vdso_time(long *t);
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *cache);

int __vdso_clock_gettime(int clock, struct __kernel_timespec *ts)
{
	if (!vdso_clock_ok(clock))
		return (int)syscall2(__NR_clock_gettime, clock, (long)ts);
	u64 ns = vdso_clock_ns(&vdso_vvar.data, clock);

	ts->tv_sec = ns / VDSO_NSEC_PER_SEC;
	ts->tv_nsec = ns % VDSO_NSEC_PER_SEC;
	return 0;
}

int __vdso_clock_getres(int clock, struct __kernel_timespec *res)
{
	if (!vdso_clock_ok(clock))
		return (int)syscall2(__NR_clock_getres, clock, (long)res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = vdso_clock_coarse(clock) ? CLOCK_COARSE_RES_NS : 1;
	}
	return 0;
}

/* The kernel keeps no timezone (sys_gettimeofday): *tz is zeros. */
int __vdso_gettimeofday(struct __kernel_timeval *tv, struct timezone *tz)
{
	if (tv) {
		u64 ns = vdso_clock_ns(&vdso_vvar.data, CLOCK_REALTIME);

		tv->tv_sec = ns / VDSO_NSEC_PER_SEC;
		tv->tv_usec = ns % VDSO_NSEC_PER_SEC / 1000;
	}
	if (tz) {
		tz->tz_minuteswest = 0;
		tz->tz_dsttime = 0;
	}
	return 0;
}

long __vdso_time(long *t)
{
	long s = vdso_clock_ns(&vdso_vvar.data, CLOCK_REALTIME) / VDSO_NSEC_PER_SEC;

	if (t)
		*t = s;
	return s;
}

/* The CPU and node from the limit of the GDT's CPUNODE segment. */
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *cache)
{
	unsigned int p;

	(void)cache;
	__asm__("lsl %1, %0" : "=r"(p) : "r"(CPUNODE_SEL));
	if (cpu)
		*cpu = p & 0xfff;
	if (node)
		*node = p >> 12;
	return 0;
}

int clock_gettime(int, struct __kernel_timespec *) __attribute__((weak, alias("__vdso_clock_gettime")));
int clock_getres(int, struct __kernel_timespec *) __attribute__((weak, alias("__vdso_clock_getres")));
int gettimeofday(struct __kernel_timeval *, struct timezone *)
	__attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
long getcpu(unsigned int *, unsigned int *, void *) __attribute__((weak, alias("__vdso_getcpu")));
