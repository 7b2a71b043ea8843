/*
 * nanosleep01: nanosleep() returns 0 after sleeping for the time asked for,
 * measured as LTP does (tst_timer_test.h: never early, and on the mean of
 * the samples within the slack).
 */
#include "tst_timer_test.h"

static int sample(int clk, long long usec)
{
	struct timespec t = { usec / 1000000, usec % 1000000 * 1000 };

	tst_timer_start(clk);
	TEST(nanosleep(&t, NULL));
	tst_timer_stop();
	tst_timer_sample();
	if (TST_RET != 0) {
		tst_res(TFAIL | TTERRNO, "nanosleep() returned %ld", TST_RET);
		return 1;
	}
	return 0;
}

static struct tst_test test = {
	.scall = "nanosleep()",
	.sample = sample,
};
