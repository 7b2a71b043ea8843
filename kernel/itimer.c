/*
 * Interval timers (setitimer(2), getitimer(2), alarm(2)): ITIMER_REAL
 * sends SIGALRM when the monotonic clock reaches it; ITIMER_VIRTUAL
 * (SIGVTALRM) counts the process's user time and ITIMER_PROF (SIGPROF)
 * its user and system time, both charged by the tick (1 ms).  Each
 * re-arms with its interval.
 */
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <uapi/time.h>

static void it_real_fn(struct timer_list *timer)
{
	struct process *p = container_of(timer, struct process, real_timer);
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGALRM;
	si.si_code = SI_TIMER;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	if (p->it_real_incr) {
		p->it_real_expires += p->it_real_incr;
		u64 now = ktime_get_ns();
		if (p->it_real_expires <= now)
			p->it_real_expires = now + p->it_real_incr;
		mod_timer(&p->real_timer, p->it_real_expires);
	} else {
		p->it_real_expires = 0;
	}
	if (!list_empty(&p->threads))
		send_signal_locked(SIGALRM, &si,
				   list_first_entry(&p->threads, struct task, thread_node), true);
	spin_unlock_irqrestore(&tasklist_lock, fl);
}

void itimer_init(struct process *p)
{
	timer_setup(&p->real_timer, it_real_fn);
}

void itimer_cancel(struct process *p)
{
	del_timer(&p->real_timer);
	p->it_real_expires = 0;
	p->it_virt_value = p->it_prof_value = 0;
}

/* Count one CPU timer down by ns; true when it expired (and reloaded). */
static bool cpu_timer_charge(u64 *value, u64 incr, u64 ns)
{
	if (!*value)
		return false;
	if (*value > ns) {
		*value -= ns;
		return false;
	}
	*value = incr;
	return true;
}

void itimer_tick(struct task *t, bool user, u64 ns)
{
	struct process *p = t->proc;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);

	if (user && cpu_timer_charge(&p->it_virt_value, p->it_virt_incr, ns))
		send_signal_locked(SIGVTALRM, NULL, t, true);
	if (cpu_timer_charge(&p->it_prof_value, p->it_prof_incr, ns))
		send_signal_locked(SIGPROF, NULL, t, true);
	spin_unlock_irqrestore(&tasklist_lock, fl);
}

static u64 tv_to_ns(const struct __kernel_timeval *tv)
{
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * 1000;
}

static void ns_to_tv(u64 ns, struct __kernel_timeval *tv)
{
	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = ns % NSEC_PER_SEC / 1000;
}

static bool tv_valid(const struct __kernel_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* Current value of ITIMER_REAL.  Lock held. */
static void real_get(struct process *p, struct __kernel_itimerval *v)
{
	u64 now = ktime_get_ns();
	u64 left = p->it_real_expires > now ? p->it_real_expires - now : 0;

	/* A pending timer never reads as zero (Linux rounds up to 1 us). */
	if (p->it_real_expires && left < 1000)
		left = 1000;
	memset(v, 0, sizeof(*v));
	ns_to_tv(p->it_real_expires ? left : 0, &v->it_value);
	ns_to_tv(p->it_real_incr, &v->it_interval);
}


long sys_getitimer(int which, void *uvalue)
{
	struct __kernel_itimerval v;

	if (which == ITIMER_REAL) {
		unsigned long fl = spin_lock_irqsave(&tasklist_lock);
		real_get(current->proc, &v);
		spin_unlock_irqrestore(&tasklist_lock, fl);
	} else if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) {
		struct process *p = current->proc;
		unsigned long fl = spin_lock_irqsave(&tasklist_lock);
		memset(&v, 0, sizeof(v));
		ns_to_tv(which == ITIMER_VIRTUAL ? p->it_virt_value : p->it_prof_value, &v.it_value);
		ns_to_tv(which == ITIMER_VIRTUAL ? p->it_virt_incr : p->it_prof_incr, &v.it_interval);
		spin_unlock_irqrestore(&tasklist_lock, fl);
	} else {
		return -EINVAL;
	}
	return copy_to_user(uvalue, &v, sizeof(v)) ? -EFAULT : 0;
}

static long do_setitimer(int which, const struct __kernel_itimerval *v,
			 struct __kernel_itimerval *old)
{
	struct process *p = current->proc;

	if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) {
		u64 *value = which == ITIMER_VIRTUAL ? &p->it_virt_value : &p->it_prof_value;
		u64 *incr = which == ITIMER_VIRTUAL ? &p->it_virt_incr : &p->it_prof_incr;
		unsigned long fl = spin_lock_irqsave(&tasklist_lock);
		if (old) {
			memset(old, 0, sizeof(*old));
			ns_to_tv(*value, &old->it_value);
			ns_to_tv(*incr, &old->it_interval);
		}
		*value = tv_to_ns(&v->it_value);
		*incr = *value ? tv_to_ns(&v->it_interval) : 0;
		spin_unlock_irqrestore(&tasklist_lock, fl);
		return 0;
	}
	if (which != ITIMER_REAL)
		return -EINVAL;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	if (old)
		real_get(p, old);
	del_timer(&p->real_timer);
	u64 value = tv_to_ns(&v->it_value);
	p->it_real_incr = value ? tv_to_ns(&v->it_interval) : 0;
	if (value) {
		p->it_real_expires = ktime_get_ns() + value;
		mod_timer(&p->real_timer, p->it_real_expires);
	} else {
		p->it_real_expires = 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return 0;
}

long sys_setitimer(int which, const void *uvalue, void *uovalue)
{
	struct __kernel_itimerval v, old;

	if (uvalue) {
		if (copy_from_user(&v, uvalue, sizeof(v)))
			return -EFAULT;
		if (!tv_valid(&v.it_value) || !tv_valid(&v.it_interval))
			return -EINVAL;
	} else {
		memset(&v, 0, sizeof(v));	/* Linux: NULL disarms */
	}
	long err = do_setitimer(which, &v, &old);
	if (err)
		return err;
	if (uovalue && copy_to_user(uovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_alarm(unsigned int seconds)
{
	struct __kernel_itimerval v, old;

	memset(&v, 0, sizeof(v));
	v.it_value.tv_sec = seconds;
	do_setitimer(ITIMER_REAL, &v, &old);
	/* Seconds left, rounded; never 0 when a timer was pending. */
	long left = old.it_value.tv_sec;
	if (old.it_value.tv_usec >= 500000 || (!left && old.it_value.tv_usec))
		left++;
	return left;
}
