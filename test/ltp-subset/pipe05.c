/*
 * pipe05: pipe() given an array at an address that is not mapped fails
 * with EFAULT.
 */
#include "tst_test.h"

static int *bad;

static void run(void)
{
	TST_EXP_FAIL(pipe(bad), EFAULT, "pipe(%p)", (void *)bad);
}

static void setup(void)
{
	bad = tst_get_bad_addr(NULL);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
};
