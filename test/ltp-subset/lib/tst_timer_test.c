/*
 * tst_timer_test.c: the timer-accuracy driver of tst_timer_test.h (the
 * rules it applies are stated there).
 */
#define TST_NO_DEFAULT_MAIN
#include "tst_test.h"

#include <limits.h>
#include <sys/prctl.h>

void tst_timer_sample(void);
struct tst_test *tst_timer_test_setup(struct tst_test *test);

#define MAX_SAMPLES	500

static const struct {
	long long usec;
	unsigned int samples;
} table[] = {
	{ 1000, 500 }, { 2000, 500 }, { 5000, 300 }, { 10000, 100 },
	{ 25000, 50 }, { 100000, 10 }, { 1000000, 2 },
};

static struct tst_test *t;
static const char *scall;
static void (*user_setup)(void);
static void (*user_cleanup)(void);
static int (*sample_fn)(int clk, long long usec);

static long long *samples;
static unsigned int nsampled, resolution_us, slack_us;
static int virt;
static char *opt_sleep, *opt_count;
static int one_sleep = -1, one_count;

static struct tst_option options[] = {
	{ "s:", &opt_sleep, "-s us    sleep time" },
	{ "n:", &opt_count, "-n uint  number of samples" },
	{ NULL, NULL, NULL },
};

void tst_timer_sample(void)
{
	samples[nsampled++] = tst_timer_elapsed_us();
}

static int descending(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

static void measure(long long usec, unsigned int n)
{
	unsigned int discard = n > 1 ? MAX(1u, n / 20) : 0;
	unsigned int keep = n - discard, early = 0, i;
	long long slack = MAX(MIN(100000LL, usec / 1000), (long long)slack_us);
	long long threshold = (400 + 2 * resolution_us + slack) * keep + 3000 / keep;
	long long sum = 0;
	int failed = 0;

	tst_res(TINFO, "%s sleeping for %lldus %u iterations, threshold %.2fus",
		scall, usec, n, (double)threshold / keep);
	nsampled = 0;
	for (i = 0; i < n; i++) {
		if (sample_fn(CLOCK_MONOTONIC, usec)) {
			tst_res(TINFO, "sampling function failed, exiting");
			return;
		}
	}
	qsort(samples, n, sizeof(samples[0]), descending);
	for (i = 0; i < n; i++)
		early += samples[i] < usec;
	if (early) {
		tst_res(TFAIL, "%s woken up early %u times range: [%lld,%lld]",
			scall, early, samples[n - early], samples[n - 1]);
		failed = 1;
	}
	for (i = discard; i < n; i++)
		sum += samples[i];
	tst_res(TINFO, "min %lldus, max %lldus, median %lldus, trunc mean %.2fus "
		"(discarded %u)", samples[n - 1], samples[0], samples[n / 2],
		(double)sum / keep, discard);
	if (virt) {
		tst_res(TINFO, "Virtualisation detected, skipping oversleep checks");
	} else if (sum > usec * keep + threshold) {
		tst_res(TFAIL, "%s slept for too long", scall);
		failed = 1;
	}
	if (!failed)
		tst_res(TPASS, "Measured times are within thresholds");
}

static void run_table(unsigned int n)
{
	measure(table[n].usec, table[n].samples);
}

static void run_one(void)
{
	measure(one_sleep, one_count);
}

static void timer_setup(void)
{
	long long runtime_us = 0;
	struct timespec res;
	unsigned int i;
	int r;

	if (user_setup)
		user_setup();
	virt = tst_is_virt();
	clock_getres(CLOCK_MONOTONIC, &res);
	tst_res(TINFO, "CLOCK_MONOTONIC resolution %ldns", (long)res.tv_nsec);
	resolution_us = res.tv_nsec / 1000;
	slack_us = 50;
	r = prctl(PR_GET_TIMERSLACK);
	if (r < 0) {
		tst_res(TINFO, "prctl(PR_GET_TIMERSLACK) = -1, using %uus", slack_us);
	} else {
		slack_us = r / 1000;
		tst_res(TINFO, "prctl(PR_GET_TIMERSLACK) = %uus", slack_us);
	}
	if (tst_parse_int(opt_sleep, &one_sleep, 0, INT_MAX))
		tst_brk(TBROK, "Invalid sleep time '%s'", opt_sleep);
	if (tst_parse_int(opt_count, &one_count, 1, INT_MAX))
		tst_brk(TBROK, "Invalid sample count '%s'", opt_count);
	if (opt_sleep || opt_count) {
		if (one_sleep < 0)
			one_sleep = 10000;
		if (!one_count)
			one_count = MAX_SAMPLES;
		runtime_us = (long long)one_sleep * one_count;
		t->test_all = run_one;
		t->test = NULL;
		t->tcnt = 0;
	} else {
		for (i = 0; i < ARRAY_SIZE(table); i++)
			runtime_us += table[i].usec * table[i].samples;
	}
	/* The default timeout plus the time the sleeps take, and a tenth. */
	tst_set_timeout(30 + (runtime_us + runtime_us / 10) / 1000000);
	samples = SAFE_MALLOC(sizeof(*samples) * MAX(MAX_SAMPLES, one_count));
}

static void timer_cleanup(void)
{
	free(samples);
	if (user_cleanup)
		user_cleanup();
}

struct tst_test *tst_timer_test_setup(struct tst_test *test)
{
	t = test;
	scall = test->scall;
	sample_fn = test->sample;
	user_setup = test->setup;
	user_cleanup = test->cleanup;
	test->setup = timer_setup;
	test->cleanup = timer_cleanup;
	test->test = run_table;
	test->tcnt = ARRAY_SIZE(table);
	test->test_all = NULL;
	test->options = options;
	return test;
}
