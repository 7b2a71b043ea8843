/*
 * Stack timers: one-shot, absolute deadlines on the net_now_ns() clock.
 *
 * Timers live in one list sorted by deadline.  The platform calls
 * net_timer_run() with the stack lock held; it fires, in deadline order,
 * every timer whose deadline is <= now.  A handler runs with the stack
 * lock held and may re-arm its own timer or arm/cancel others.
 * net_timer_next() tells the platform when it next has work (for a
 * tickless sleep or a host test's fake clock).
 */
#ifndef NET_TIMER_H
#define NET_TIMER_H

#include <tern/net_platform.h>

struct net_timer {
	struct net_timer *next;
	void (*fn)(struct net_timer *t);
	u64 expires_ns;
	bool armed;
};

void net_timer_init(struct net_timer *t, void (*fn)(struct net_timer *t));
/* (Re)arm to fire at the absolute time `expires_ns`. */
void net_timer_arm(struct net_timer *t, u64 expires_ns);
/* Arm to fire `delay_ns` from now. */
void net_timer_arm_in(struct net_timer *t, u64 delay_ns);
void net_timer_cancel(struct net_timer *t);
static inline bool net_timer_pending(const struct net_timer *t)
{
	return t->armed;
}
/* Fire every timer due at `now`; returns how many fired. */
unsigned net_timer_run(u64 now);
/* Deadline of the earliest armed timer, or UINT64_MAX when none. */
u64 net_timer_next(void);

#define NSEC_PER_MSEC 1000000ull
#define NSEC_PER_SEC 1000000000ull

/* The enclosing struct of a member pointer. */
#define net_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif
