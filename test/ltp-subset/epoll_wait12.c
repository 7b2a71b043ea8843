/*
 * epoll_wait12: EPOLLERR when the reader goes: a child blocked in
 * epoll_wait() on the write end of a full pipe (EPOLLOUT), holding no
 * read end, gets one event carrying that fd with EPOLLERR once the
 * parent, after seeing it sleep, closes the last read end.
 */
#include "tst_test.h"

static int efd = -1, fds[2] = { -1, -1 };

static void fill_pipe(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	char buf[4096];
	int n;

	memset(buf, 'a', sizeof(buf));
	do {
		SAFE_WRITE(SAFE_WRITE_ANY, fd, buf, sizeof(buf));
		n = poll(&pfd, 1, 0);
		if (n < 0)
			tst_brk(TBROK | TERRNO, "poll() failed");
	} while (n > 0);
}

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLOUT };
	pid_t pid;

	SAFE_PIPE(fds);
	fill_pipe(fds[1]);
	efd = SAFE_EPOLL_CREATE1(0);
	ev.data.fd = fds[1];
	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, fds[1], &ev);
	pid = SAFE_FORK();
	if (!pid) {
		SAFE_CLOSE(fds[0]);
		TST_EXP_VAL_SILENT(epoll_wait(efd, &ev, 1, 5000), 1);
		if (!TST_PASS)
			exit(0);
		if (ev.data.fd != fds[1])
			tst_res(TFAIL, "epoll.data.fd %d, expected %d", ev.data.fd, fds[1]);
		else if (!(ev.events & EPOLLERR))
			tst_res(TFAIL, "events %x, EPOLLERR not set", ev.events);
		else
			tst_res(TPASS, "epoll_wait() reported EPOLLERR on broken pipe");
		exit(0);
	}
	if (TST_PROCESS_STATE_WAIT(pid, 'S', 0))
		tst_brk(TBROK | TERRNO, "child never slept");
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
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
