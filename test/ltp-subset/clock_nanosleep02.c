/*
 * clock_nanosleep02: clock_nanosleep() (relative) returns 0 after sleeping
 * for the time asked for, measured as LTP does (tst_timer_test.h).
 */
#include "tst_timer_test.h"

static int sample(int clk, long long usec)
{
	struct timespec t = { usec / 1000000, usec % 1000000 * 1000 };

	tst_timer_start(clk);
	TEST(clock_nanosleep(clk, 0, &t, NULL));
	tst_timer_stop();
	tst_timer_sample();
	if (TST_RET != 0) {
		tst_res(TFAIL, "clock_nanosleep() returned %ld (%s)", TST_RET,
			tst_strerrno(TST_RET));
		return 1;
	}
	return 0;
}

static struct tst_test test = {
	.scall = "clock_nanosleep()",
	.sample = sample,
};
