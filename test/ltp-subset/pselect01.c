/*
 * pselect01: pselect() with no descriptors sleeps for its timeout
 * (tst_timer_test.h) and returns 0, for both variants (pselect_var.h).
 */
#include "tst_timer_test.h"
#include "pselect_var.h"

static int sample(int clk, long long usec)
{
	struct timespec ts = { usec / 1000000, (usec % 1000000) * 1000 };
	fd_set r;

	FD_ZERO(&r);
	tst_timer_start(clk);
	TEST(do_pselect(0, &r, NULL, NULL, &ts, NULL));
	tst_timer_stop();
	tst_timer_sample();
	if (TST_RET != 0) {
		tst_res(TFAIL | TTERRNO, "pselect() returned %ld", TST_RET);
		return 1;
	}
	return 0;
}

static struct tst_test test = {
	.scall = "pselect()",
	.sample = sample,
	.setup = pselect_info,
	.test_variants = TEST_VARIANTS,
};
