/*
 * epoll_ctl05: a chain of five epoll instances (each watching the one
 * below, the lowest a pipe, then the pipe removed from it) cannot be
 * closed into a loop: adding the top instance to the lowest fails with
 * ELOOP.
 */
#include "tst_test.h"

#define MAX_DEPTH	5

static int fds[2] = { -1, -1 };
static int lowest = -1, top = -1;

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int i, ep;

	SAFE_PIPE(fds);
	for (i = 0, top = fds[0]; i < MAX_DEPTH; i++) {
		ep = SAFE_EPOLL_CREATE1(0);
		if (i == 0)
			lowest = ep;
		ev.data.fd = top;
		SAFE_EPOLL_CTL(ep, EPOLL_CTL_ADD, top, &ev);
		top = ep;
	}
	ev.data.fd = fds[0];
	SAFE_EPOLL_CTL(lowest, EPOLL_CTL_DEL, fds[0], &ev);
}

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = top };

	TST_EXP_FAIL(epoll_ctl(lowest, EPOLL_CTL_ADD, top, &ev), ELOOP,
		     "epoll_ctl(EPOLL_CTL_ADD) closing a loop of 5 instances");
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
