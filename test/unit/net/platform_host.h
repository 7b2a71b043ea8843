/*
 * The host implementation of net_platform.h for unit tests: a fake clock
 * that only moves when a test says so, calloc/free with a live count, a
 * lock that checks it is never taken twice, and a seeded random source.
 */
#ifndef TEST_PLATFORM_HOST_H
#define TEST_PLATFORM_HOST_H

#include <tern/net_platform.h>

/* Set the fake clock (no timers run). */
void fake_clock_set(u64 ns);
/* Move the clock forward by ns, running each timer at its own deadline. */
void fake_clock_advance(u64 ns);
/* Seed net_random_u32(); tests that need repeatability call this. */
void fake_random_seed(u64 seed);
/*
 * Allocation failure injection: after `after` more successful
 * allocations, every net_alloc() returns NULL; a negative value turns
 * failures off (the default).
 */
void fake_alloc_fail_after(long after);
/* Allocations refused so far because of fake_alloc_fail_after(). */
long host_failed_allocations(void);
/* Allocations not yet freed (leak checks). */
long host_live_allocations(void);
/* What net_timers_changed() has been told so far. */
struct timers_changed_record {
	u64 calls;	/* since the program started */
	u64 last_ns;	/* the argument of the latest call */
};
struct timers_changed_record host_timers_changed(void);
/* Is the stack lock held right now? */
bool host_lock_held(void);
/* How many times the stack asked for its bottom half (net_request_poll). */
unsigned host_poll_requests(void);

#endif
