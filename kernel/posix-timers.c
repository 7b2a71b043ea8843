/*
 * Clocks and sleeps: clock_gettime(2), clock_getres(2), gettimeofday(2),
 * time(2), nanosleep(2), clock_nanosleep(2).
 *
 * CLOCK_MONOTONIC/_RAW/_COARSE and CLOCK_BOOTTIME are the TSC clock
 * (no suspend, so BOOTTIME == MONOTONIC); CLOCK_REALTIME is the RTC at
 * boot plus that clock; the CPU-time clocks are the tick-sampled
 * utime + stime.  An interrupted relative sleep is restarted with the
 * time left (restart_syscall) when no handler ran, or returns EINTR with
 * the time left in *rem (nanosleep(2)).
 */
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/syscalls.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <uapi/time.h>

static u64 cputime_process(void)
{
	struct process *p = current->proc;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	u64 ns = p->utime + p->stime;
	struct task *t;
	list_for_each_entry(t, &p->threads, thread_node)
		ns += t->utime + t->stime;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return ns;
}

/* The clock's value in ns; -EINVAL for an unknown clock. */
static int clock_read(int clock, u64 *ns)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = cputime_process();
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = current->utime + current->stime;
		return 0;
	default:
		return -EINVAL;
	}
}

static void ns_to_ts(u64 ns, struct __kernel_timespec *ts)
{
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

long sys_clock_gettime(int clock, void *utp)
{
	struct __kernel_timespec ts;
	u64 ns;
	int err = clock_read(clock, &ns);

	if (err)
		return err;
	ns_to_ts(ns, &ts);
	return copy_to_user(utp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_settime(int clock, const void *utp)
{
	struct __kernel_timespec ts;
	u64 ns;

	if (clock_read(clock, &ns))
		return -EINVAL;
	if (copy_from_user(&ts, utp, sizeof(ts)))
		return -EFAULT;
	if (clock != CLOCK_REALTIME)
		return -EINVAL;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if (current->proc->cred.euid != 0)
		return -EPERM;
	ktime_set_real_ns((u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec);
	return 0;
}

long sys_settimeofday(const void *utv, const void *utz)
{
	struct __kernel_timeval tv;

	(void)utz;	/* the kernel's timezone is not kept */
	if (!utv)
		return 0;
	if (copy_from_user(&tv, utv, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EINVAL;
	if (current->proc->cred.euid != 0)
		return -EPERM;
	ktime_set_real_ns((u64)tv.tv_sec * NSEC_PER_SEC + (u64)tv.tv_usec * 1000);
	return 0;
}

long sys_clock_getres(int clock, void *utp)
{
	struct __kernel_timespec ts = { 0, 1 };
	u64 ns;
	int err = clock_read(clock, &ns);

	if (err)
		return err;
	if (clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE)
		ts.tv_nsec = NSEC_PER_SEC / HZ;
	if (utp && copy_to_user(utp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_gettimeofday(void *utv, void *utz)
{
	if (utv) {
		u64 ns = ktime_get_real_ns();
		struct __kernel_timeval tv = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };
		if (copy_to_user(utv, &tv, sizeof(tv)))
			return -EFAULT;
	}
	if (utz) {
		struct timezone tz = { 0, 0 };
		if (copy_to_user(utz, &tz, sizeof(tz)))
			return -EFAULT;
	}
	return 0;
}

long sys_time(long *ut)
{
	long t = ktime_get_real_ns() / NSEC_PER_SEC;

	if (ut && copy_to_user(ut, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

static int get_timespec(const void *u, u64 *ns)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, u, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if ((u64)ts.tv_sec >= (~0ull - NSEC_PER_SEC) / NSEC_PER_SEC)
		*ns = ~0ull >> 1;
	else
		*ns = (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

/*
 * Sleep until clock reaches deadline.  0 when it did; -ERESTART_RESTARTBLOCK
 * (relative sleeps, time left kept for restart_syscall) or -ERESTARTNOHAND
 * (absolute) when a signal interrupts.
 */
static long do_nanosleep(int clock, u64 deadline, bool abs, void *urem);

static long nanosleep_restart(struct task *t)
{
	return do_nanosleep(t->restart_clock, t->restart_deadline, false, (void *)t->restart_rmtp);
}

static long do_nanosleep(int clock, u64 deadline, bool abs, void *urem)
{
	for (;;) {
		u64 now;
		clock_read(clock, &now);
		if (now >= deadline)
			return 0;
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current)) {
			set_current_state(TASK_RUNNING);
			break;
		}
		u64 left = deadline - now;
		/* The CPU-time clocks advance only while running: poll them. */
		if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
			left = MIN(left, NSEC_PER_SEC / HZ);
		schedule_timeout(left);
		set_current_state(TASK_RUNNING);
	}
	if (abs)
		return -ERESTARTNOHAND;
	u64 now;
	clock_read(clock, &now);
	u64 left = deadline > now ? deadline - now : 0;
	if (urem) {
		struct __kernel_timespec ts;
		ns_to_ts(left, &ts);
		if (copy_to_user(urem, &ts, sizeof(ts)))
			return -EFAULT;
	}
	current->restart_fn = nanosleep_restart;
	current->restart_deadline = deadline;
	current->restart_clock = clock;
	current->restart_rmtp = (u64)urem;
	return -ERESTART_RESTARTBLOCK;
}

long sys_nanosleep(const void *ureq, void *urem)
{
	u64 ns;
	int err = get_timespec(ureq, &ns);

	if (err)
		return err;
	return do_nanosleep(CLOCK_MONOTONIC, ktime_get_ns() + ns, false, urem);
}

long sys_clock_nanosleep(int clock, int flags, const void *ureq, void *urem)
{
	u64 ns, now;

	if (clock == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (clock_read(clock, &now))
		return -EINVAL;
	int err = get_timespec(ureq, &ns);
	if (err)
		return err;
	if (flags & TIMER_ABSTIME)
		return do_nanosleep(clock, ns, true, NULL);
	return do_nanosleep(clock, now + ns, false, urem);
}
