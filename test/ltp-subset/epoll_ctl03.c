/*
 * epoll_ctl03: EPOLL_CTL_MOD accepts every combination of EPOLLIN,
 * EPOLLOUT, EPOLLPRI, EPOLLERR, EPOLLHUP, EPOLLET, EPOLLONESHOT and
 * EPOLLRDHUP (all 256) and returns 0.
 */
#include "tst_test.h"

static int epfd = -1;
static int fds[2] = { -1, -1 };

static const unsigned int bits[] = {
	EPOLLIN, EPOLLOUT, EPOLLPRI, EPOLLERR,
	EPOLLHUP, EPOLLET, EPOLLONESHOT, EPOLLRDHUP,
};

static void run(void)
{
	struct epoll_event ev = { .data.fd = fds[0] };
	unsigned int i, j;

	for (i = 0; i < 1u << ARRAY_SIZE(bits); i++) {
		ev.events = 0;
		for (j = 0; j < ARRAY_SIZE(bits); j++)
			if (i & (1u << j))
				ev.events |= bits[j];
		TST_EXP_PASS(epoll_ctl(epfd, EPOLL_CTL_MOD, fds[0], &ev),
			     "epoll_ctl(EPOLL_CTL_MOD) with events=%08x", ev.events);
	}
}

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLIN };

	epfd = SAFE_EPOLL_CREATE1(0);
	SAFE_PIPE(fds);
	ev.data.fd = fds[0];
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fds[0], &ev);
}

static void cleanup(void)
{
	if (epfd >= 0)
		close(epfd);
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
