/*
 * nanosleep02: a 5 s nanosleep() interrupted by a caught signal fails with
 * EINTR and writes the time remaining: within 250 ms of the request less
 * the time slept.
 */
#include "sleep_intr.h"

#define PRECISION_US	250000

static void child(void)
{
	struct timespec req = { 5, 9999 }, rem = { 0, 0 }, t0, t1;
	long long slept, left, want;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	TEST(nanosleep(&req, &rem));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (TST_RET != -1 || TST_ERR != EINTR) {
		tst_res(TFAIL | TTERRNO, "nanosleep() returned %ld, expected "
			"-1 with EINTR", TST_RET);
		return;
	}
	slept = tst_timespec_diff_us(t1, t0);
	left = tst_timespec_to_us(rem);
	want = tst_timespec_to_us(req) - slept;
	if (left > want + PRECISION_US || left < want - PRECISION_US)
		tst_res(TFAIL, "Remaining sleep time %lld usec doesn't match "
			"with the expected %lld usec time", left, want);
	else
		tst_res(TPASS, "Remaining sleep time %lld usec (expected %lld)",
			left, want);
}

static void run(void)
{
	sleep_intr_run(child);
}

static struct tst_test test = {
	.test_all = run,
	.setup = sleep_intr_setup,
	.forks_child = 1,
};
