/*
 * epoll_wait07: EPOLLONESHOT: a pipe's read end registered with
 * EPOLLIN | EPOLLONESHOT is reported for the first write, then never
 * again: not while data waits, not after a second write.
 */
#include "tst_test.h"

static int epfd = -1, fds[2] = { -1, -1 };

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT };
	char c = 'a';

	SAFE_PIPE(fds);
	epfd = SAFE_EPOLL_CREATE1(0);
	ev.data.fd = fds[0];
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fds[0], &ev);

	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], &c, 1);
	TST_EXP_EQ_LI(SAFE_EPOLL_WAIT(epfd, &ev, 10, 0), 1);
	TST_EXP_EQ_LI(ev.events & EPOLLIN, EPOLLIN);
	TST_EXP_EQ_LI(ev.data.fd, fds[0]);

	SAFE_READ(SAFE_READ_ALL, fds[0], &c, 1);
	TST_EXP_EQ_LI(SAFE_EPOLL_WAIT(epfd, &ev, 10, 0), 0);

	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], &c, 1);
	TST_EXP_EQ_LI(SAFE_EPOLL_WAIT(epfd, &ev, 10, 0), 0);

	SAFE_CLOSE(epfd);
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
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
	.cleanup = cleanup,
};
