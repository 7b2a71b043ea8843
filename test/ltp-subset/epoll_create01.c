/*
 * epoll_create01: epoll_create(size) returns a new descriptor for any
 * positive size (1 and INT_MAX): the size is only a hint.
 */
#include <limits.h>
#include "tst_test.h"

static const int sizes[] = { 1, INT_MAX };

static void run(unsigned int n)
{
	TST_EXP_FD(tst_syscall(__NR_epoll_create, sizes[n]), "epoll_create(%d)",
		   sizes[n]);
	if (TST_PASS)
		close(TST_RET);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(sizes),
};
