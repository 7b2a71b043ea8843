/*
 * Kernel timers and the tick.
 *
 * Armed timers sit on one list sorted by expiry.  timer_tick() (from the
 * tick interrupt, interrupts off) advances jiffies, runs every timer
 * whose expiry has passed, in order, and tells the scheduler a tick went
 * by.  A handler runs without timer_lock held and may re-arm its timer.
 * Locking: timer_lock (irq-saving) protects the list and each timer's
 * membership in it.
 */
#include <tern/loadavg.h>
#include <tern/sched.h>
#include <tern/spinlock.h>
#include <tern/time.h>

volatile u64 jiffies;
static LIST_HEAD(timers);
static DEFINE_SPINLOCK(timer_lock);

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t))
{
	INIT_LIST_HEAD(&t->entry);
	t->fn = fn;
	t->expires = 0;
}

bool timer_pending(const struct timer_list *t)
{
	return !list_empty(&t->entry);
}

void mod_timer(struct timer_list *t, u64 expires)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	struct list_head *pos;

	if (!list_empty(&t->entry))
		list_del_init(&t->entry);
	t->expires = expires;
	/* Insert before the first timer that expires later (stable order). */
	list_for_each(pos, &timers)
		if (list_entry(pos, struct timer_list, entry)->expires > expires)
			break;
	list_add_tail(&t->entry, pos);
	spin_unlock_irqrestore(&timer_lock, flags);
}

bool del_timer(struct timer_list *t)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	bool was = !list_empty(&t->entry);

	if (was)
		list_del_init(&t->entry);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

void timer_tick(void)
{
	u64 now = ktime_get_ns();

	jiffies++;
	for (;;) {
		unsigned long flags = spin_lock_irqsave(&timer_lock);
		struct timer_list *t = NULL;
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
	sched_tick();
}
