/*
 * epoll_wait11: EPOLLHUP when the writer goes: a child blocked in
 * epoll_wait() on a pipe's read end (EPOLLIN), holding no write end,
 * gets one event carrying that fd with EPOLLHUP once the parent, after
 * seeing it sleep, closes the last write end.
 */
#include "tst_test.h"

static int efd = -1, fds[2] = { -1, -1 };

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	pid_t pid;

	SAFE_PIPE(fds);
	efd = SAFE_EPOLL_CREATE1(0);
	ev.data.fd = fds[0];
	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, fds[0], &ev);
	pid = SAFE_FORK();
	if (!pid) {
		SAFE_CLOSE(fds[1]);
		TEST(epoll_wait(efd, &ev, 1, 5000));
		if (TST_RET != 1)
			tst_res(TFAIL | TTERRNO, "epoll_wait() returned %ld, expected 1",
				TST_RET);
		else if (ev.data.fd != fds[0])
			tst_res(TFAIL, "epoll.data.fd %d, expected %d", ev.data.fd, fds[0]);
		else if (!(ev.events & EPOLLHUP))
			tst_res(TFAIL, "events %x, EPOLLHUP not set", ev.events);
		else
			tst_res(TPASS, "epoll_wait() reported EPOLLHUP on pipe hangup");
		exit(0);
	}
	if (TST_PROCESS_STATE_WAIT(pid, 'S', 0))
		tst_brk(TBROK | TERRNO, "child never slept");
	SAFE_CLOSE(fds[1]);
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(efd);
}

static void cleanup(void)
{
	if (efd >= 0)
		close(efd);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

static struct tst_test test = {
	.test_all = run,
	.cleanup = cleanup,
	.forks_child = 1,
};
