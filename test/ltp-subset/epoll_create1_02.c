/*
 * epoll_create1_02: epoll_create1() with flags -1 or EPOLL_CLOEXEC + 1
 * fails with EINVAL.
 */
#include "tst_test.h"

static const struct {
	int flags;
	const char *desc;
} tc[] = {
	{ -1, "-1" },
	{ EPOLL_CLOEXEC + 1, "EPOLL_CLOEXEC+1" },
};

static void run(unsigned int n)
{
	TST_EXP_FAIL(tst_syscall(__NR_epoll_create1, tc[n].flags), EINVAL,
		     "epoll_create1(%s)", tc[n].desc);
	if (TST_RET >= 0)
		close(TST_RET);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tc),
};
