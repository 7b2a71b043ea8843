/*
 * Kernel timers and the clock event.
 *
 * Armed timers sit on one list sorted by expiry.  There is no periodic
 * interrupt: the LAPIC timer is armed once for the next event, the
 * earliest of
 *  - the latest moment a pending timer may run: `expires + slack` for
 *    the timer that gives the smallest such value, so timers whose
 *    windows overlap share one interrupt (prctl(2) PR_SET_TIMERSLACK);
 *  - the scheduler tick, TICK_NS after the previous one, while a task
 *    runs or waits to run (time slices and CPU time need it);
 *  - the next load-average sample.
 * An idle CPU with nothing due therefore sleeps until its next timer or
 * load sample instead of taking HZ interrupts a second, and a timer
 * runs at its deadline instead of at the next 1 ms tick.
 *
 * timer_tick() (from that interrupt, interrupts off) runs every timer
 * whose expiry has passed, in order, gives the scheduler its tick when
 * one is due, and arms the next event.  A handler runs without
 * timer_lock held and may re-arm its timer.  mod_timer() re-arms the
 * LAPIC when the new timer is due before the armed event, and the
 * scheduler restarts the tick when the CPU leaves idle
 * (timer_resume_tick).  A timer never runs before `expires`.
 * Locking: timer_lock (irq-saving) protects the list, each timer's
 * membership in it, and the armed event.
 */
#include <tern/kernel.h>
#include <tern/lapic.h>
#include <tern/loadavg.h>
#include <tern/sched.h>
#include <tern/spinlock.h>
#include <tern/time.h>

#define TICK_NS		(NSEC_PER_SEC / HZ)
#define NEVER		(~0ull)

volatile u64 jiffies;
static LIST_HEAD(timers);
static DEFINE_SPINLOCK(timer_lock);
static u64 armed = NEVER;	/* the deadline the LAPIC is armed for */
static u64 next_tick;		/* the scheduler tick is due from here */
static bool started;		/* the LAPIC timer may be armed */

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t))
{
	INIT_LIST_HEAD(&t->entry);
	t->fn = fn;
	t->expires = 0;
	t->slack = 0;
}

bool timer_pending(const struct timer_list *t)
{
	return !list_empty(&t->entry);
}

/* The next event (see the top); timer_lock held. */
static u64 next_event(void)
{
	u64 next = loadavg_next_sample();
	struct timer_list *t;

	if (sched_busy())
		next = MIN(next, next_tick);
	list_for_each_entry(t, &timers, entry) {
		if (t->expires >= next)
			break;
		next = MIN(next, t->expires + t->slack);
	}
	return next;
}

static void arm(u64 deadline)
{
	armed = deadline;
	if (started)
		lapic_timer_arm(deadline == NEVER ? 0 : deadline);
}

void mod_timer_slack(struct timer_list *t, u64 expires, u64 slack)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	struct list_head *pos;

	if (!list_empty(&t->entry))
		list_del_init(&t->entry);
	t->expires = expires;
	t->slack = MIN(slack, NEVER - expires);
	/* Insert before the first timer that expires later (stable order). */
	list_for_each(pos, &timers)
		if (list_entry(pos, struct timer_list, entry)->expires > expires)
			break;
	list_add_tail(&t->entry, pos);
	if (t->expires + t->slack < armed)
		arm(t->expires + t->slack);
	spin_unlock_irqrestore(&timer_lock, flags);
}

void mod_timer(struct timer_list *t, u64 expires)
{
	mod_timer_slack(t, expires, 0);
}

bool del_timer(struct timer_list *t)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	bool was = !list_empty(&t->entry);

	/* The armed event stays: firing early for nothing costs less than a rescan. */
	if (was)
		list_del_init(&t->entry);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

/* The CPU leaves idle (sched.c, interrupts off): time slices need the tick. */
void timer_resume_tick(void)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	u64 now = ktime_get_ns();

	if (next_tick < now)
		next_tick = now + TICK_NS;
	if (next_tick < armed)
		arm(next_tick);
	spin_unlock_irqrestore(&timer_lock, flags);
}

void timer_tick(void)
{
	u64 now = ktime_get_ns();
	unsigned long flags;

	for (;;) {
		struct timer_list *t = NULL;

		flags = spin_lock_irqsave(&timer_lock);
		if (!list_empty(&timers)) {
			t = list_first_entry(&timers, struct timer_list, entry);
			if (t->expires <= now)
				list_del_init(&t->entry);
			else
				t = NULL;
		}
		spin_unlock_irqrestore(&timer_lock, flags);
		if (!t)
			break;
		t->fn(t);
	}
	loadavg_tick(now);
	if (now >= next_tick) {
		jiffies++;
		next_tick += TICK_NS;
		if (next_tick <= now)	/* late (a busy host): not made up */
			next_tick = now + TICK_NS;
		sched_tick();
	}
	flags = spin_lock_irqsave(&timer_lock);
	arm(next_event());
	spin_unlock_irqrestore(&timer_lock, flags);
}

/* Start the clock event (kmain, once the scheduler exists). */
void timer_start(void)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);

	started = true;
	next_tick = ktime_get_ns() + TICK_NS;
	arm(next_event());
	spin_unlock_irqrestore(&timer_lock, flags);
}
