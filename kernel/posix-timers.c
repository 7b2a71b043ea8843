/*
 * Clocks and sleeps: clock_gettime(2), clock_getres(2), gettimeofday(2),
 * time(2), nanosleep(2), clock_nanosleep(2).
 *
 * CLOCK_MONOTONIC/_RAW/_COARSE and CLOCK_BOOTTIME are the TSC clock
 * (no suspend, so BOOTTIME == MONOTONIC); CLOCK_REALTIME is the RTC at
 * boot plus that clock; both are read by the vDSO's code
 * (include/tern/vdso.h), so the system call and the vDSO agree, the
 * _COARSE clocks included.  The CPU-time clocks are the tick-sampled
 * utime + stime.  An interrupted relative sleep is restarted with the
 * time left (restart_syscall) when no handler ran, or returns EINTR with
 * the time left in *rem (nanosleep(2)).
 */
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <tern/vdso.h>
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
	if (vdso_clock_ok(clock)) {
		*ns = vdso_clock_ns(&vvar.data, clock);
		return 0;
	}
	switch (clock) {
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
	if (vdso_clock_coarse(clock))
		ts.tv_nsec = CLOCK_COARSE_RES_NS;
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

	if (clock_read(clock, &now))
		return -EINVAL;
	/* Linux's thread CPU clock has no nsleep: EOPNOTSUPP (libc: EINVAL). */
	if (clock == CLOCK_THREAD_CPUTIME_ID)
		return -EOPNOTSUPP;
	int err = get_timespec(ureq, &ns);
	if (err)
		return err;
	if (flags & TIMER_ABSTIME)
		return do_nanosleep(clock, ns, true, NULL);
	return do_nanosleep(clock, now + ns, false, urem);
}

/* ---- POSIX per-process timers: timer_create(2) & co ---- */

#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_THREAD_ID	4

struct sigevent_abi {
	u64 sigev_value;
	s32 sigev_signo;
	s32 sigev_notify;
	union {
		s32 pad[12];
		s32 tid;
	};
};
_Static_assert(sizeof(struct sigevent_abi) == 64, "sigevent layout");

struct itimerspec_abi {
	struct __kernel_timespec it_interval;
	struct __kernel_timespec it_value;
};

/*
 * One timer.  Armed timers sit on the kernel timer list with a monotonic
 * deadline; a CLOCK_REALTIME deadline is converted when armed
 * (linux-compat: a later clock_settime does not move pending timers).
 * All fields are under tasklist_lock.
 */
struct k_itimer {
	struct list_head list;		/* process->posix_timers */
	struct process *proc;
	int id, clock;
	int notify, signo, tid;
	u64 value;			/* sigev_value */
	u64 expires;			/* monotonic ns, 0 = disarmed */
	u64 interval;			/* ns */
	bool pending;			/* its signal is queued, not delivered */
	int overrun;			/* expirations since it was queued */
	int overrun_last;		/* what timer_getoverrun reports */
	struct timer_list timer;
};

#define TIMER_MAX	1024		/* per process */

static struct k_itimer *find_timer(struct process *p, int id)
{
	struct k_itimer *t;

	list_for_each_entry(t, &p->posix_timers, list)
		if (t->id == id)
			return t;
	return NULL;
}

static void posix_timer_fn(struct timer_list *tl)
{
	struct k_itimer *t = container_of(tl, struct k_itimer, timer);
	struct process *p = t->proc;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);

	if (t->interval) {
		u64 now = ktime_get_ns();
		t->expires += t->interval;
		while (t->expires <= now) {	/* missed periods are overruns */
			t->expires += t->interval;
			if (t->pending && t->overrun < INT32_MAX)
				t->overrun++;
		}
		mod_timer(&t->timer, t->expires);
	} else {
		t->expires = 0;
	}
	if (t->notify == SIGEV_NONE) {
		spin_unlock_irqrestore(&tasklist_lock, fl);
		return;
	}
	if (t->pending) {
		if (t->overrun < INT32_MAX)
			t->overrun++;
	} else {
		siginfo_t si;
		memset(&si, 0, sizeof(si));
		si.si_signo = t->signo;
		si.si_code = SI_TIMER;
		si.timer.tid = t->id;
		si.timer.value = t->value;
		struct task *target = NULL;
		if (t->notify == SIGEV_THREAD_ID) {
			struct task *x;
			list_for_each_entry(x, &p->threads, thread_node)
				if (x->tid == t->tid)
					target = x;
		} else if (!list_empty(&p->threads)) {
			target = list_first_entry(&p->threads, struct task, thread_node);
		}
		if (target && !send_signal_locked(t->signo, &si, target,
						  t->notify != SIGEV_THREAD_ID)) {
			t->pending = true;
			t->overrun = 0;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
}

void posix_timer_delivered(struct process *p, siginfo_t *info)
{
	struct k_itimer *t = find_timer(p, info->timer.tid);

	if (!t)
		return;
	t->pending = false;
	t->overrun_last = t->overrun;
	info->timer.overrun = t->overrun;
	t->overrun = 0;
}

void exit_posix_timers(struct process *p)
{
	for (;;) {
		unsigned long fl = spin_lock_irqsave(&tasklist_lock);
		if (list_empty(&p->posix_timers)) {
			spin_unlock_irqrestore(&tasklist_lock, fl);
			return;
		}
		struct k_itimer *t = list_first_entry(&p->posix_timers, struct k_itimer, list);
		list_del_init(&t->list);
		del_timer(&t->timer);
		spin_unlock_irqrestore(&tasklist_lock, fl);
		kfree(t);
	}
}

long sys_timer_create(int clock, const void *usev, int *uid)
{
	struct sigevent_abi ev;
	struct process *p = current->proc;
	u64 now;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME) {
		/* linux-compat: CPU-time and alarm clocks have no timers here. */
		return clock_read(clock, &now) ? -EINVAL : -ENOTSUP;
	}
	struct k_itimer *t = kzalloc(sizeof(*t));
	if (!t)
		return -EAGAIN;
	if (usev) {
		if (copy_from_user(&ev, usev, sizeof(ev))) {
			kfree(t);
			return -EFAULT;
		}
	} else {
		memset(&ev, 0, sizeof(ev));
		ev.sigev_notify = SIGEV_SIGNAL;
		ev.sigev_signo = SIGALRM;
	}
	long err = 0;
	switch (ev.sigev_notify) {
	case SIGEV_NONE:
		break;
	case SIGEV_SIGNAL:
	case SIGEV_THREAD_ID:
		if (ev.sigev_signo <= 0 || ev.sigev_signo > _NSIG)
			err = -EINVAL;
		break;
	default:
		err = -EINVAL;
	}
	if (err) {
		kfree(t);
		return err;
	}
	t->clock = clock;
	t->notify = ev.sigev_notify;
	t->signo = ev.sigev_signo;
	t->tid = ev.tid;
	t->proc = p;
	timer_setup(&t->timer, posix_timer_fn);
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	if (t->notify == SIGEV_THREAD_ID) {
		struct task *x;
		bool ok = false;
		list_for_each_entry(x, &p->threads, thread_node)
			ok |= x->tid == t->tid;
		if (!ok)
			err = -EINVAL;
	}
	int n = 0;
	struct k_itimer *o;
	list_for_each_entry(o, &p->posix_timers, list)
		n++;
	if (!err && n >= TIMER_MAX)
		err = -EAGAIN;
	if (!err) {
		while (find_timer(p, p->next_timer_id))
			p->next_timer_id = (p->next_timer_id + 1) & INT32_MAX;
		t->id = p->next_timer_id;
		p->next_timer_id = (p->next_timer_id + 1) & INT32_MAX;
		t->value = usev ? ev.sigev_value : (u64)t->id;
		list_add_tail(&t->list, &p->posix_timers);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (err) {
		kfree(t);
		return err;
	}
	if (copy_to_user(uid, &t->id, sizeof(int))) {
		fl = spin_lock_irqsave(&tasklist_lock);
		list_del_init(&t->list);
		spin_unlock_irqrestore(&tasklist_lock, fl);
		kfree(t);
		return -EFAULT;
	}
	return 0;
}

/* Time left on an armed timer.  Lock held. */
static void timer_get_locked(struct k_itimer *t, struct itimerspec_abi *v)
{
	u64 now = ktime_get_ns();

	memset(v, 0, sizeof(*v));
	ns_to_ts(t->interval, &v->it_interval);
	if (t->expires)
		ns_to_ts(t->expires > now ? t->expires - now : 1, &v->it_value);
}

long sys_timer_settime(int id, int flags, const void *unew, void *uold)
{
	struct itimerspec_abi nv, ov;
	struct process *p = current->proc;

	if (!unew)
		return -EINVAL;
	if (copy_from_user(&nv, unew, sizeof(nv)))
		return -EFAULT;
	if (nv.it_value.tv_sec < 0 || nv.it_value.tv_nsec < 0 ||
	    nv.it_value.tv_nsec >= (s64)NSEC_PER_SEC || nv.it_interval.tv_sec < 0 ||
	    nv.it_interval.tv_nsec < 0 || nv.it_interval.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	u64 value = (u64)nv.it_value.tv_sec * NSEC_PER_SEC + nv.it_value.tv_nsec;
	u64 interval = (u64)nv.it_interval.tv_sec * NSEC_PER_SEC + nv.it_interval.tv_nsec;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct k_itimer *t = find_timer(p, id);
	if (!t) {
		spin_unlock_irqrestore(&tasklist_lock, fl);
		return -EINVAL;
	}
	timer_get_locked(t, &ov);
	del_timer(&t->timer);
	t->expires = 0;
	t->interval = value ? interval : 0;
	if (value) {
		u64 mono = ktime_get_ns();
		if (flags & TIMER_ABSTIME) {
			u64 now;
			clock_read(t->clock, &now);
			t->expires = value > now ? mono + (value - now) : mono;
		} else {
			t->expires = mono + value;
		}
		if (!t->expires)
			t->expires = 1;
		mod_timer(&t->timer, t->expires);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (uold && copy_to_user(uold, &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}

long sys_timer_gettime(int id, void *ucur)
{
	struct itimerspec_abi v;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct k_itimer *t = find_timer(current->proc, id);

	if (t)
		timer_get_locked(t, &v);
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (!t)
		return -EINVAL;
	return copy_to_user(ucur, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_timer_getoverrun(int id)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct k_itimer *t = find_timer(current->proc, id);
	long r = t ? t->overrun_last : -EINVAL;

	spin_unlock_irqrestore(&tasklist_lock, fl);
	return r;
}

long sys_timer_delete(int id)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct k_itimer *t = find_timer(current->proc, id);

	if (t) {
		list_del_init(&t->list);
		del_timer(&t->timer);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (!t)
		return -EINVAL;
	kfree(t);
	return 0;
}
