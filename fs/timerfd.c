/*
 * timerfd_create(2), timerfd_settime(2), timerfd_gettime(2): a timer whose
 * expirations are read from a file as an 8-byte count.
 *
 * Every timer runs on the monotonic kernel timer (struct timer_list);
 * the clocks differ only in how an absolute time is turned into a
 * monotonic one.  CLOCK_BOOTTIME is CLOCK_MONOTONIC here (no suspend);
 * the *_ALARM clocks behave as their base clocks (no wake-up from
 * suspend to do) and need CAP_WAKE_ALARM, as on Linux.  An absolute
 * CLOCK_REALTIME timer is moved when the wall clock is set
 * (timerfd_clock_was_set); with TFD_TIMER_CANCEL_ON_SET it is instead
 * marked cancelled, and the next read fails with ECANCELED.
 *
 * ctx->wq.lock guards a context's state: the expiry handler runs in the
 * timer interrupt and wakes readers under it.
 */
#include "sys_internal.h"
#include <tern/capability.h>
#include <tern/eventpoll.h>
#include <tern/fs_syscalls.h>
#include <tern/poll.h>
#include <tern/sigwait.h>
#include <tern/time.h>
#include <uapi/sched.h>
#include <uapi/time.h>
#include <uapi/timerfd.h>

#define TFD_CREATE_FLAGS	(TFD_CLOEXEC | TFD_NONBLOCK)
#define TFD_SETTIME_FLAGS	(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)

struct timerfd_ctx {
	struct wait_queue_head wq;	/* its lock guards everything below */
	struct timer_list timer;
	int clockid;
	u64 expires;			/* monotonic ns; 0: disarmed */
	u64 interval;			/* ns; 0: one-shot */
	u64 ticks;			/* expirations not yet read */
	/* Absolute CLOCK_REALTIME timers: the wall time they aim at. */
	bool abs_real;
	u64 real_target;
	bool cancel_on_set;
	bool cancelled;			/* the clock was set: ECANCELED */
	struct list_head rlink;		/* realtime_timers, while abs_real */
};

/* Armed absolute CLOCK_REALTIME timers, for timerfd_clock_was_set. */
static LIST_HEAD(realtime_timers);
static DEFINE_SPINLOCK(realtime_lock);	/* outside every ctx->wq.lock */

/* struct itimerspec with 64-bit timespecs (timerfd_settime(2)). */
struct tfd_itimerspec {
	struct __kernel_timespec it_interval;
	struct __kernel_timespec it_value;
};

static const struct file_operations timerfd_fops;

static bool is_realtime(int clockid)
{
	return clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM;
}

/* The clock's current value, ns. */
static u64 clock_now(int clockid)
{
	return is_realtime(clockid) ? ktime_get_real_ns() : ktime_get_ns();
}

/* Timer interrupt: count the expirations since `expires`, rearm. */
static void timerfd_fire(struct timer_list *t)
{
	struct timerfd_ctx *ctx = container_of(t, struct timerfd_ctx, timer);
	unsigned long fl = spin_lock_irqsave(&ctx->wq.lock);

	if (ctx->expires) {
		u64 now = ktime_get_ns();

		ctx->ticks++;
		if (ctx->interval) {
			/* Periods missed while the interrupt was late count too. */
			if (now > ctx->expires) {
				u64 missed = (now - ctx->expires) / ctx->interval;

				ctx->ticks += missed;
				ctx->expires += missed * ctx->interval;
			}
			ctx->expires += ctx->interval;
			mod_timer(&ctx->timer, ctx->expires);
		} else {
			ctx->expires = 0;
		}
	}
	spin_unlock_irqrestore(&ctx->wq.lock, fl);
	wake_up_poll(&ctx->wq, EPOLLIN | EPOLLRDNORM);
}

/* Leave or join the realtime list (no ctx lock held). */
static void realtime_track(struct timerfd_ctx *ctx, bool on)
{
	unsigned long fl = spin_lock_irqsave(&realtime_lock);

	if (!list_empty(&ctx->rlink))
		list_del_init(&ctx->rlink);
	if (on)
		list_add_tail(&ctx->rlink, &realtime_timers);
	spin_unlock_irqrestore(&realtime_lock, fl);
}

/*
 * The wall clock jumped: re-aim the absolute realtime timers, or cancel
 * those that asked for it (timerfd_create(2), TFD_TIMER_CANCEL_ON_SET).
 */
void timerfd_clock_was_set(void)
{
	unsigned long fl = spin_lock_irqsave(&realtime_lock);
	struct timerfd_ctx *ctx;

	list_for_each_entry(ctx, &realtime_timers, rlink) {
		spin_lock(&ctx->wq.lock);
		if (ctx->cancel_on_set) {
			ctx->cancelled = true;
		} else if (ctx->expires && ctx->abs_real) {
			u64 real = ktime_get_real_ns(), mono = ktime_get_ns();

			ctx->expires = ctx->real_target > real ?
				       mono + (ctx->real_target - real) : mono;
			if (!ctx->expires)
				ctx->expires = 1;
			mod_timer(&ctx->timer, ctx->expires);
		}
		spin_unlock(&ctx->wq.lock);
		if (ctx->cancel_on_set)
			wake_up_poll(&ctx->wq, EPOLLIN | EPOLLRDNORM);
	}
	spin_unlock_irqrestore(&realtime_lock, fl);
}

static ssize_t timerfd_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct timerfd_ctx *ctx = f->private_data;
	u64 ticks;

	(void)pos;
	if (n < sizeof(u64))
		return -EINVAL;
	for (;;) {
		unsigned long fl = spin_lock_irqsave(&ctx->wq.lock);

		if (ctx->cancelled) {
			ctx->cancelled = false;
			ctx->ticks = 0;
			spin_unlock_irqrestore(&ctx->wq.lock, fl);
			return -ECANCELED;
		}
		ticks = ctx->ticks;
		ctx->ticks = 0;
		spin_unlock_irqrestore(&ctx->wq.lock, fl);
		if (ticks)
			break;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		int err = wait_event_interruptible(ctx->wq, READ_ONCE(ctx->ticks) ||
						   READ_ONCE(ctx->cancelled));
		if (err)
			return err;
	}
	memcpy(buf, &ticks, sizeof(ticks));
	return sizeof(ticks);
}

static u32 timerfd_poll(struct file *f, struct poll_table *pt)
{
	struct timerfd_ctx *ctx = f->private_data;

	poll_wait(f, &ctx->wq, pt);
	return READ_ONCE(ctx->ticks) || READ_ONCE(ctx->cancelled) ? EPOLLIN | EPOLLRDNORM : 0;
}

static int timerfd_release(struct inode *inode, struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;
	unsigned long fl;

	(void)inode;
	realtime_track(ctx, false);
	fl = spin_lock_irqsave(&ctx->wq.lock);
	del_timer(&ctx->timer);
	spin_unlock_irqrestore(&ctx->wq.lock, fl);
	kfree(ctx);
	return 0;
}

static const struct file_operations timerfd_fops = {
	.read = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
};

long sys_timerfd_create(int clockid, int flags)
{
	struct timerfd_ctx *ctx;
	long fd;

	if (flags & ~TFD_CREATE_FLAGS)
		return -EINVAL;
	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		break;
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		if (!capable(CAP_WAKE_ALARM))
			return -EPERM;
		break;
	default:
		return -EINVAL;
	}
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wq);
	timer_setup(&ctx->timer, timerfd_fire);
	INIT_LIST_HEAD(&ctx->rlink);
	ctx->clockid = clockid;
	fd = anon_inode_getfd("anon_inode:[timerfd]", &timerfd_fops, ctx,
			      flags & TFD_CREATE_FLAGS, NULL);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/* The timerfd behind fd, with a reference: EBADF, or EINVAL if not one. */
static struct file *timerfd_get(int fd, long *err)
{
	struct file *f = fdget(fd, err);

	if (f && f->f_op != &timerfd_fops) {
		fput(f);
		*err = -EINVAL;
		return NULL;
	}
	return f;
}

static bool ts_valid(const struct __kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (s64)NSEC_PER_SEC;
}

static u64 ts_ns(const struct __kernel_timespec *ts)
{
	/* Far-future values saturate rather than wrap. */
	if ((u64)ts->tv_sec >= (~0ull >> 1) / NSEC_PER_SEC)
		return ~0ull >> 1;
	return (u64)ts->tv_sec * NSEC_PER_SEC + (u64)ts->tv_nsec;
}

static void ns_ts(u64 ns, struct __kernel_timespec *ts)
{
	ts->tv_sec = (s64)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (s64)(ns % NSEC_PER_SEC);
}

/* Time left and interval (ctx lock held). */
static void timerfd_current(struct timerfd_ctx *ctx, struct tfd_itimerspec *v)
{
	u64 now = ktime_get_ns();

	memset(v, 0, sizeof(*v));
	ns_ts(ctx->interval, &v->it_interval);
	if (ctx->expires)
		ns_ts(ctx->expires > now ? ctx->expires - now : 1, &v->it_value);
}

long sys_timerfd_settime(int fd, int flags, const void *unew, void *uold)
{
	struct tfd_itimerspec nv, ov;
	struct timerfd_ctx *ctx;
	struct file *f;
	unsigned long fl;
	u64 value, interval;
	bool abs_real;
	long err;

	if (copy_from_user(&nv, unew, sizeof(nv)))
		return -EFAULT;
	if ((flags & ~TFD_SETTIME_FLAGS) || !ts_valid(&nv.it_value) ||
	    !ts_valid(&nv.it_interval))
		return -EINVAL;
	f = timerfd_get(fd, &err);
	if (!f)
		return err;
	ctx = f->private_data;
	value = ts_ns(&nv.it_value);
	interval = ts_ns(&nv.it_interval);
	abs_real = value && (flags & TFD_TIMER_ABSTIME) && is_realtime(ctx->clockid);

	fl = spin_lock_irqsave(&ctx->wq.lock);
	timerfd_current(ctx, &ov);
	del_timer(&ctx->timer);
	ctx->ticks = 0;
	ctx->cancelled = false;
	ctx->expires = 0;
	ctx->interval = value ? interval : 0;
	ctx->abs_real = abs_real;
	ctx->real_target = value;
	/* Only an absolute realtime timer can be cancelled by a clock set. */
	ctx->cancel_on_set = abs_real && (flags & TFD_TIMER_CANCEL_ON_SET);
	if (value) {
		u64 mono = ktime_get_ns();

		if (flags & TFD_TIMER_ABSTIME) {
			u64 now = clock_now(ctx->clockid);

			ctx->expires = value > now ? mono + (value - now) : mono;
		} else {
			ctx->expires = mono + value;
		}
		if (!ctx->expires)
			ctx->expires = 1;
		mod_timer(&ctx->timer, ctx->expires);
	}
	spin_unlock_irqrestore(&ctx->wq.lock, fl);
	realtime_track(ctx, abs_real);
	fput(f);
	if (uold && copy_to_user(uold, &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}

long sys_timerfd_gettime(int fd, void *ucur)
{
	struct tfd_itimerspec v;
	struct timerfd_ctx *ctx;
	unsigned long fl;
	long err;
	struct file *f = timerfd_get(fd, &err);

	if (!f)
		return err;
	ctx = f->private_data;
	fl = spin_lock_irqsave(&ctx->wq.lock);
	timerfd_current(ctx, &v);
	spin_unlock_irqrestore(&ctx->wq.lock, fl);
	fput(f);
	return copy_to_user(ucur, &v, sizeof(v)) ? -EFAULT : 0;
}
