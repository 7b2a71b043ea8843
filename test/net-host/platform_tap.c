/*
 * net_platform.h for a user-space process running the stack on a TAP
 * device (test/net-host/ternhost): the real monotonic clock, calloc,
 * a real mutex, /dev/urandom, logging to stderr.  The event loop that
 * drives the stack lives in tapdev.c.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <tern/net_platform.h>

static pthread_mutex_t stack_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t lock_owner;
static bool lock_held;

u64 net_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

/*
 * Nothing to do: the one thread that arms timers is the event loop
 * itself, which reads net_timer_next() before every sleep (tapdev_poll).
 */
void net_timers_changed(u64 next_ns)
{
	(void)next_ns;
}

void *net_alloc(size_t size)
{
	return calloc(1, size);
}

void *net_alloc_nozero(size_t size)
{
	void *p = malloc(size);

	if (p)
		memset(p, 0xa5, size);
	return p;
}

void net_free(void *p)
{
	free(p);
}

void net_lock(void)
{
	/* Not recursive (net_platform.h): taking it twice is a bug. */
	if (lock_held && pthread_equal(lock_owner, pthread_self()))
		net_panic("net_lock: already held by this thread");
	pthread_mutex_lock(&stack_lock);
	lock_owner = pthread_self();
	lock_held = true;
}

void net_unlock(void)
{
	if (!lock_held)
		net_panic("net_unlock: not held");
	lock_held = false;
	pthread_mutex_unlock(&stack_lock);
}

/* tapdev_poll() runs net_poll() in every turn of the program's loop. */
void net_request_poll(void)
{
}

bool tap_lock_held(void)
{
	return lock_held && pthread_equal(lock_owner, pthread_self());
}

u32 net_random_u32(void)
{
	static u32 pool[256];
	static unsigned avail;
	static FILE *f;

	if (!avail) {
		if (!f)
			f = fopen("/dev/urandom", "rb");
		if (!f || fread(pool, sizeof(pool), 1, f) != 1)
			net_panic("net_random_u32: cannot read /dev/urandom");
		avail = sizeof(pool) / sizeof(pool[0]);
	}
	return pool[--avail];
}

void net_log(int level, const char *fmt, ...)
{
	static int want = -2;
	va_list ap;

	if (want == -2) {
		const char *s = getenv("TERN_NET_LOG");

		want = s ? atoi(s) : -1;
	}
	if (level > want)
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
