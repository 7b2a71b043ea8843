/*
 * nanosleep03: a nanosleep() interrupted by a caught signal fails with
 * EINTR.
 */
#include "sleep_intr.h"

static void child(void)
{
	struct timespec req = { 5, 9999 }, rem;

	TST_EXP_FAIL(nanosleep(&req, &rem), EINTR);
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
