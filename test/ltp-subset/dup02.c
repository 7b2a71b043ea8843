/*
 * dup02: dup() of a descriptor that is not open (-1, 1500) fails with
 * EBADF.
 */
#include "tst_test.h"

static const int bad_fds[] = { -1, 1500 };

static void run(unsigned int n)
{
	TST_EXP_FAIL2(dup(bad_fds[n]), EBADF, "dup(%d)", bad_fds[n]);
	if (TST_RET != -1)
		SAFE_CLOSE(TST_RET);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(bad_fds),
};
