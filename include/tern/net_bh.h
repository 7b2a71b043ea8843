/*
 * The network bottom half (net/core/bh.c, docs/design.md §4): where
 * device receive polls, loopback delivery and the stack's timers run,
 * never in a hard interrupt and never inside the call that caused them.
 */
#ifndef TERN_NET_BH_H
#define TERN_NET_BH_H

#include <tern/types.h>

struct netdev;

/* Bring the stack up (net_init) and start the "netbh" thread; at boot. */
void net_bh_init(void);

/*
 * From a device's interrupt handler (any context): run dev->poll in the
 * bottom half soon.  The handler has masked the device's interrupt; the
 * poll unmasks it when it has drained the device.
 */
void netif_napi_schedule(struct netdev *dev);

/*
 * From net_unlock() (kernel/net_platform.c), stack lock still held: run
 * what the stack asked for since it was taken (bounded; the rest goes to
 * the thread) and move the timer wake-up to the earliest stack timer.
 */
void net_bh_before_unlock(void);

/* Has the stack asked for its bottom half since it last ran? */
bool net_bh_wanted(void);

/* Does the current task hold the stack lock? (assertions) */
bool net_lock_held(void);

/* Counters for tests and /proc: bottom-half runs in the thread and inline. */
struct net_bh_stats {
	u64 thread_runs, inline_runs, napi_polls, deferred;
};
void net_bh_get_stats(struct net_bh_stats *st);

#endif
