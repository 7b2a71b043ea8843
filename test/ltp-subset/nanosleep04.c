/*
 * nanosleep04: nanosleep() with an invalid time (negative seconds,
 * nanoseconds of 1e9 or negative) fails with EINVAL.
 */
#include "tst_test.h"

static const struct timespec tcases[] = {
	{ .tv_sec = -5, .tv_nsec = 9999 },
	{ .tv_sec = 0, .tv_nsec = 1000000000 },
	{ .tv_sec = 1, .tv_nsec = -100 },
};

static void run(unsigned int n)
{
	TST_EXP_FAIL(nanosleep(&tcases[n], NULL), EINVAL,
		     "nanosleep({%lld, %ld})", (long long)tcases[n].tv_sec,
		     tcases[n].tv_nsec);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
