/*
 * poll02: poll() on a descriptor that never becomes ready sleeps for its
 * timeout (tst_timer_test.h) and returns 0.
 */
#include "tst_timer_test.h"

static int fds[2] = { -1, -1 };

static int sample(int clk, long long usec)
{
	struct pollfd p = { .fd = fds[0], .events = POLLIN };

	tst_timer_start(clk);
	TEST(poll(&p, 1, usec / 1000));
	tst_timer_stop();
	tst_timer_sample();
	if (TST_RET != 0) {
		tst_res(TFAIL | TTERRNO, "poll() returned %ld", TST_RET);
		return 1;
	}
	return 0;
}

static void setup(void)
{
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
	.scall = "poll()",
	.sample = sample,
	.setup = setup,
	.cleanup = cleanup,
};
