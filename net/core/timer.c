/* Stack timers: a deadline-sorted singly linked list (see net/timer.h). */
#include <net/timer.h>

static struct net_timer *timer_list;

void net_timer_init(struct net_timer *t, void (*fn)(struct net_timer *t))
{
	t->next = NULL;
	t->fn = fn;
	t->expires_ns = 0;
	t->armed = false;
}

static void unlink_timer(struct net_timer *t)
{
	struct net_timer **pp;

	for (pp = &timer_list; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	t->next = NULL;
	t->armed = false;
}

void net_timer_arm(struct net_timer *t, u64 expires_ns)
{
	struct net_timer **pp;

	if (t->armed)
		unlink_timer(t);
	t->expires_ns = expires_ns;
	/* Equal deadlines keep arming order: insert after them. */
	for (pp = &timer_list; *pp && (*pp)->expires_ns <= expires_ns; pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	t->armed = true;
}

void net_timer_arm_in(struct net_timer *t, u64 delay_ns)
{
	net_timer_arm(t, net_now_ns() + delay_ns);
}

void net_timer_cancel(struct net_timer *t)
{
	if (t->armed)
		unlink_timer(t);
}

unsigned net_timer_run(u64 now)
{
	unsigned fired = 0;
	struct net_timer *t;

	while ((t = timer_list) && t->expires_ns <= now) {
		timer_list = t->next;
		t->next = NULL;
		t->armed = false;
		t->fn(t);
		fired++;
	}
	return fired;
}

u64 net_timer_next(void)
{
	return timer_list ? timer_list->expires_ns : UINT64_MAX;
}
