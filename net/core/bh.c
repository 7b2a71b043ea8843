/*
 * The network bottom half (docs/design.md §4; kernel code).
 *
 * Three kinds of work reach it:
 *  - a device's receive poll, scheduled from its interrupt handler by
 *    netif_napi_schedule() (Linux's NAPI): the handler masked the
 *    device's interrupt; dev->poll takes at most NAPI_BUDGET frames;
 *  - the backlog of netif_rx() (loopback transmits), which the stack
 *    announces with net_request_poll() while it holds its lock;
 *  - the stack's timers: one kernel timer_list follows the earliest
 *    stack deadline (moved earlier by net_timers_changed() when a timer
 *    is armed, set to net_timer_next() after each thread run) and only
 *    wakes the thread.
 *
 * It runs in two places, always with the stack lock held: at the end of
 * the outermost stack section in process context (net_unlock ->
 * net_bh_before_unlock), when that section asked for a poll and the
 * task holds no socket lock -- else at its last release_sock() -- so a
 * loopback segment reaches its receiver within the sender's system call
 * (Linux's softirq at local_bh_enable, with the owned socket's backlog
 * processed at release_sock); and in the "netbh" kernel thread
 * for interrupts, timers and whatever an inline run left over.  Both are
 * bounded: INLINE_ROUNDS / THREAD_ROUNDS passes, then the thread yields
 * the CPU and goes on.  Nothing here runs in an interrupt handler except
 * netif_napi_schedule() and the timer function, which only queue and
 * wake.
 *
 * Locks: napi_lock (irq-saving) guards the poll list; the stack lock
 * guards everything the polls and net_poll() touch.  Order: stack lock,
 * then napi_lock (never the other way: interrupt handlers hold no stack
 * lock).
 */
#include <net/net.h>
#include <net/netdev.h>
#include <net/timer.h>
#include <tern/net_bh.h>
#include <tern/net_platform.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/spinlock.h>
#include <tern/time.h>
#include <tern/wait.h>

#define NAPI_BUDGET	64
#define INLINE_ROUNDS	8
#define THREAD_ROUNDS	64

static DEFINE_SPINLOCK(napi_lock);
static struct netdev *napi_list;	/* under napi_lock */
static DECLARE_WAIT_QUEUE_HEAD(bh_wq);
static volatile bool bh_kick;		/* the thread has work */
static bool poll_wanted;		/* stack lock: net_request_poll() seen */
static struct timer_list bh_timer;
static u64 bh_timer_at = UINT64_MAX;	/* stack lock: where bh_timer is */
static bool bh_up;
static struct net_bh_stats stats;	/* stack lock */

static void bh_wake_thread(void)
{
	WRITE_ONCE(bh_kick, true);
	wake_up(&bh_wq);
}

void netif_napi_schedule(struct netdev *dev)
{
	unsigned long flags = spin_lock_irqsave(&napi_lock);

	if (!dev->napi_scheduled) {
		dev->napi_scheduled = true;
		dev->napi_next = napi_list;
		napi_list = dev;
	}
	spin_unlock_irqrestore(&napi_lock, flags);
	bh_wake_thread();
}

void net_request_poll(void)
{
	poll_wanted = true;
}

/* Kernel timer: a stack deadline passed; the thread runs the timers. */
static void bh_timer_fn(struct timer_list *t)
{
	(void)t;
	bh_wake_thread();
}

/* Take the whole poll list; each device may be scheduled again at once. */
static struct netdev *napi_take(void)
{
	unsigned long flags = spin_lock_irqsave(&napi_lock);
	struct netdev *list = napi_list;

	napi_list = NULL;
	for (struct netdev *d = list; d; d = d->napi_next)
		d->napi_scheduled = false;
	spin_unlock_irqrestore(&napi_lock, flags);
	return list;
}

static bool napi_pending(void)
{
	return READ_ONCE(napi_list) != NULL;
}

/*
 * One bounded run; stack lock held.  Returns true if work remains (the
 * caller hands it to the thread, or the thread goes round again).
 */
static bool bh_run(unsigned rounds)
{
	while (rounds--) {
		unsigned work = 0;
		struct netdev *d = napi_take(), *next;

		for (; d; d = next) {
			int n;

			next = d->napi_next;
			n = d->poll(d, NAPI_BUDGET);
			stats.napi_polls++;
			work += (unsigned)n;
			if (n >= NAPI_BUDGET)
				netif_napi_schedule(d);	/* more waiting: keep polling */
		}
		poll_wanted = false;
		work += net_poll(ktime_get_ns());
		if (!work && !poll_wanted && !napi_pending())
			return false;
	}
	return poll_wanted || napi_pending();
}

/* Put the kernel timer at `next` (UINT64_MAX: none); stack lock held. */
static void bh_set_timer(u64 next)
{
	if (next == bh_timer_at && (next == UINT64_MAX || timer_pending(&bh_timer)))
		return;
	bh_timer_at = next;
	if (next == UINT64_MAX)
		del_timer(&bh_timer);
	else
		mod_timer(&bh_timer, next);
}

/*
 * The stack's earliest deadline moved earlier (a timer was armed): the
 * seam's net_timers_changed(), called under the stack lock.  Deadlines
 * that move later are picked up after the next run, when the thread
 * follows net_timer_next() again; a wake-up that finds nothing due is
 * harmless.
 */
void net_timers_changed(u64 next_ns)
{
	if (next_ns < bh_timer_at || !timer_pending(&bh_timer))
		bh_set_timer(next_ns);
}

bool net_bh_wanted(void)
{
	return READ_ONCE(poll_wanted);
}

void net_bh_before_unlock(void)
{
	if (!bh_up)
		return;
	/* A task inside a socket call: its release_sock() runs it. */
	if (poll_wanted && !current->sock_locks) {
		stats.inline_runs++;
		if (bh_run(INLINE_ROUNDS)) {
			stats.deferred++;
			bh_wake_thread();
		}
	}
}

static int net_bh_thread(void *arg)
{
	(void)arg;
	for (;;) {
		wait_event(bh_wq, READ_ONCE(bh_kick));
		WRITE_ONCE(bh_kick, false);
		net_lock();
		stats.thread_runs++;
		if (bh_run(THREAD_ROUNDS))
			WRITE_ONCE(bh_kick, true);
		bh_set_timer(net_timer_next());
		net_unlock();
		if (READ_ONCE(bh_kick))
			yield();	/* more to do: let others run first */
	}
	return 0;
}

void net_bh_init(void)
{
	int err;

	timer_setup(&bh_timer, bh_timer_fn);
	net_lock();
	err = net_init();
	if (!err)
		bh_up = true;
	net_unlock();
	if (err)
		panic("net: cannot start the network stack (error %d)", err);
	if (!kthread_create(net_bh_thread, NULL, "netbh"))
		panic("net: cannot start the netbh thread");
	pr_info("net: stack up, lo is ifindex %d, bottom half in netbh\n",
		loopback_dev->ifindex);
}

void net_bh_get_stats(struct net_bh_stats *st)
{
	net_lock();
	*st = stats;
	net_unlock();
}
