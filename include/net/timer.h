/*
 * Stack timers: one-shot, absolute deadlines on the net_now_ns() clock.
 *
 * Armed timers form one binary min-heap keyed by (expires_ns, arming
 * sequence).  The heap is intrusive: each struct net_timer carries its
 * own parent and child links, so arming never allocates, and the heap
 * stays a complete binary tree (node i's children are 2i and 2i+1, the
 * path to a position is read off its bits), so arm, re-arm, cancel and
 * the removal of the earliest timer each touch O(log n) nodes and
 * net_timer_next() is O(1).
 *
 * The platform calls net_timer_run() with the stack lock held; it fires,
 * in deadline order, every timer whose deadline is <= now; timers with
 * equal deadlines fire in the order they were (last) armed.  A handler
 * runs with the stack lock held and may re-arm its own timer or arm or
 * cancel others, including ones due in the same run: the run takes the
 * earliest timer off the heap one at a time, so a timer a handler arms
 * for <= now fires in this run at its place in the order, and one a
 * handler cancels does not fire.
 *
 * net_timer_next() tells the platform when it next has work (for a
 * tickless sleep or a host test's fake clock).  When net_timer_arm()
 * makes that earliest deadline earlier than it was, or arms the only
 * timer, the stack calls the platform's net_timers_changed() so it can
 * move its wake-up forward.  Cancelling never calls it: a platform that
 * wakes for a timer that has gone finds nothing due and sleeps again.
 */
#ifndef NET_TIMER_H
#define NET_TIMER_H

#include <tern/net_platform.h>

struct net_timer {
	/* Heap links, meaningful only while armed (under the stack lock). */
	struct net_timer *parent, *left, *right;
	void (*fn)(struct net_timer *t);
	u64 expires_ns;
	u64 seq;		/* arming order: breaks ties between equal deadlines */
	bool armed;
};

/* Set up an unarmed timer; never call it on an armed one. */
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
/* How many timers are armed. */
u32 net_timer_count(void);

/*
 * Test hooks.  net_timer_visits() counts heap nodes visited (each key
 * comparison and each step down a path) since start, so a test can show
 * an operation's cost without timing it.  net_timer_heap_ok() walks the
 * whole heap (O(n log n)) and says whether its links, its shape, its
 * count and its order all hold.
 */
u64 net_timer_visits(void);
bool net_timer_heap_ok(void);

#define NSEC_PER_MSEC 1000000ull
#define NSEC_PER_SEC 1000000000ull

/* The enclosing struct of a member pointer. */
#define net_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif
