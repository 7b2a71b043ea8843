/*
 * epoll_ctl04: epoll instances nest at most 5 deep: over a chain of five
 * instances, each watching the one below and the first a pipe, adding
 * the top one to a sixth fails with EINVAL (the error of epoll_ctl(2)
 * and of Linux up to 6.14; later Linux says ELOOP, also accepted).
 */
#include "tst_test.h"

#define MAX_DEPTH	5

static int fds[2] = { -1, -1 };
static int top = -1;

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int depth, ep;

	SAFE_PIPE(fds);
	for (depth = 0, top = fds[0]; depth < MAX_DEPTH; depth++) {
		ep = SAFE_EPOLL_CREATE1(0);
		ev.data.fd = top;
		SAFE_EPOLL_CTL(ep, EPOLL_CTL_ADD, top, &ev);
		top = ep;
	}
}

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = top };
	int ep = SAFE_EPOLL_CREATE1(0);
	static const int errs[] = { EINVAL, ELOOP };

	TST_EXP_FAIL_ARR(epoll_ctl(ep, EPOLL_CTL_ADD, top, &ev), errs,
			 ARRAY_SIZE(errs), "epoll_ctl(EPOLL_CTL_ADD) nesting a sixth level");
	SAFE_CLOSE(ep);
}

static void cleanup(void)
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
