/* net_platform.h on the build machine, for unit tests and the fuzzers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/timer.h>
#include "platform_host.h"

static u64 clock_ns;
static u64 rng_state = 0x9e3779b97f4a7c15ull;
static long live_allocations;
static long fail_after = -1;
static long failed_allocations;
static bool lock_held;

u64 net_now_ns(void)
{
	return clock_ns;
}

void fake_clock_set(u64 ns)
{
	clock_ns = ns;
}

void fake_clock_advance(u64 ns)
{
	u64 end = clock_ns + ns;
	u64 next;

	/* Step from deadline to deadline so each timer sees its own time. */
	while ((next = net_timer_next()) <= end) {
		if (next > clock_ns)
			clock_ns = next;
		net_lock();
		net_timer_run(clock_ns);
		net_unlock();
	}
	clock_ns = end;
}

static struct timers_changed_record changed_record;

void net_timers_changed(u64 next_ns)
{
	changed_record.calls++;
	changed_record.last_ns = next_ns;
}

struct timers_changed_record host_timers_changed(void)
{
	return changed_record;
}

void fake_alloc_fail_after(long after)
{
	fail_after = after;
}

long host_failed_allocations(void)
{
	return failed_allocations;
}

void *net_alloc(size_t size)
{
	void *p;

	if (fail_after == 0) {
		failed_allocations++;
		return NULL;
	}
	if (fail_after > 0)
		fail_after--;
	p = calloc(1, size);

	if (p)
		live_allocations++;
	return p;
}

void *net_alloc_nozero(size_t size)
{
	void *p = net_alloc(size);

	if (p)
		memset(p, 0xa5, size);
	return p;
}

void net_free(void *p)
{
	if (!p)
		return;
	live_allocations--;
	free(p);
}

long host_live_allocations(void)
{
	return live_allocations;
}

void net_lock(void)
{
	if (lock_held)
		net_panic("net_lock: already held");
	lock_held = true;
}

void net_unlock(void)
{
	if (!lock_held)
		net_panic("net_unlock: not held");
	lock_held = false;
}

/* Tests run net_poll() themselves; they can see that a poll was asked for. */
static unsigned poll_requests;

void net_request_poll(void)
{
	if (!lock_held)
		net_panic("net_request_poll: stack lock not held");
	poll_requests++;
}

unsigned host_poll_requests(void)
{
	return poll_requests;
}

bool host_lock_held(void)
{
	return lock_held;
}

void fake_random_seed(u64 seed)
{
	rng_state = seed ? seed : 1;
}

u32 net_random_u32(void)
{
	/* xorshift64*: plenty for tests, repeatable from a seed. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (u32)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

void net_log(int level, const char *fmt, ...)
{
	va_list ap;
	const char *want = getenv("TERN_NET_LOG");

	if (!want || level > atoi(want))
		return;
	va_start(ap, fmt);
	fprintf(stderr, "net<%d>: ", level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void net_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("net_panic: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}
