/*
 * select02: select() on a pipe that never becomes readable sleeps for its
 * timeout (tst_timer_test.h) and returns 0, for every variant
 * (select_var.h).
 */
#include "tst_timer_test.h"
#include "select_var.h"

static int fds[2] = { -1, -1 };

static int sample(int clk, long long usec)
{
	struct timeval tv = { usec / 1000000, usec % 1000000 };
	fd_set r;

	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	tst_timer_start(clk);
	TEST(do_select(fds[0] + 1, &r, NULL, NULL, &tv));
	tst_timer_stop();
	tst_timer_sample();
	if (TST_RET != 0) {
		tst_res(TFAIL | TTERRNO, "select() returned %ld", TST_RET);
		return 1;
	}
	return 0;
}

static void setup(void)
{
	select_info();
	SAFE_PIPE(fds);
}

static void cleanup(void)
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

static struct tst_test test = {
	.scall = "do_select()",
	.sample = sample,
	.setup = setup,
	.cleanup = cleanup,
	.test_variants = TEST_VARIANTS,
};
