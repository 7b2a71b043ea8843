/*
 * tst_race.h: a bounded two-thread race for the CVE reproducers of the
 * socket subset, in the spirit of LTP's fuzzy sync: thread A (the test)
 * and thread B (a pthread) start one action each at the same moment,
 * iteration after iteration, until a loop count or a time limit is
 * reached (both small: the emulator is slow and the point is that the
 * kernel survives the race, not that it is lost often).
 *
 *   tst_race_setup(&r, b_action, loops, ms);
 *   while (tst_race_run_a(&r)) {
 *           ...prepare...
 *           tst_race_start_a(&r);   // B runs b_action now
 *           ...A's action...
 *           tst_race_end_a(&r);     // waits for B
 *   }
 *   tst_race_cleanup(&r);
 *
 * tst_taint_check() reads /proc/sys/kernel/tainted as LTP's does for
 * the W (warning, 512) and D (died, 128) bits: non-zero when the kernel
 * reported trouble; 0 when clean or when the file does not exist.
 */
#ifndef TST_RACE_H
#define TST_RACE_H

#include <pthread.h>
#include <sched.h>
#include "tst_test.h"

struct tst_race {
	pthread_t thread;
	void (*b)(void);
	int go, done, quit;		/* iteration B may run / B finished */
	int loops, max_loops;
	long long max_ms;
	int started;
};

static void *tst_race_thread_(void *arg)
{
	struct tst_race *r = arg;

	for (;;) {
		int go;

		while ((go = __atomic_load_n(&r->go, __ATOMIC_ACQUIRE)) ==
		       __atomic_load_n(&r->done, __ATOMIC_ACQUIRE) &&
		       !__atomic_load_n(&r->quit, __ATOMIC_ACQUIRE))
			sched_yield();
		if (__atomic_load_n(&r->quit, __ATOMIC_ACQUIRE))
			return NULL;
		r->b();
		__atomic_store_n(&r->done, go, __ATOMIC_RELEASE);
	}
}

static inline void tst_race_setup(struct tst_race *r, void (*b)(void), int max_loops,
				  long long max_ms)
{
	memset(r, 0, sizeof(*r));
	r->b = b;
	r->max_loops = max_loops;
	r->max_ms = max_ms;
	if (pthread_create(&r->thread, NULL, tst_race_thread_, r))
		tst_brk(TBROK, "pthread_create failed");
	r->started = 1;
	tst_timer_start(CLOCK_MONOTONIC);
}

static inline int tst_race_run_a(struct tst_race *r)
{
	if (r->loops >= r->max_loops || tst_timer_expired_ms(r->max_ms)) {
		tst_res(TINFO, "race: %d iterations", r->loops);
		return 0;
	}
	return 1;
}

static inline void tst_race_start_a(struct tst_race *r)
{
	__atomic_store_n(&r->go, r->loops + 1, __ATOMIC_RELEASE);
}

static inline void tst_race_end_a(struct tst_race *r)
{
	while (__atomic_load_n(&r->done, __ATOMIC_ACQUIRE) != r->loops + 1)
		sched_yield();
	r->loops++;
}

static inline void tst_race_cleanup(struct tst_race *r)
{
	if (!r->started)
		return;
	__atomic_store_n(&r->quit, 1, __ATOMIC_RELEASE);
	pthread_join(r->thread, NULL);
	r->started = 0;
}

static inline int tst_taint_check(void)
{
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");
	unsigned long t = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%lu", &t) != 1)
		t = 0;
	fclose(f);
	return (t & (512 | 128)) != 0;
}

#endif
