/*
 * epoll_wait06: edge-triggered EPOLLIN and EPOLLOUT on a non-blocking
 * pipe of one page: after filling it (a further write is EAGAIN) the read
 * end is reported once; after reading half, nothing is reported (no new
 * edge although data is left); after draining it (a further read is
 * EAGAIN) the write end is reported.
 */
#include "tst_test.h"

static int epfd = -1, fds[2] = { -1, -1 };
static size_t size;
static char *buf;

static void setup(void)
{
	size = getpagesize();
	buf = SAFE_MALLOC(size);
	SAFE_PIPE2(fds, O_NONBLOCK);
	/* EPOLLOUT then comes when the full pipe becomes empty. */
	SAFE_FCNTL(fds[1], F_SETPIPE_SZ, size);
}

static void run(void)
{
	struct epoll_event ev;

	epfd = SAFE_EPOLL_CREATE1(0);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.fd = fds[0];
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fds[0], &ev);
	ev.events = EPOLLOUT | EPOLLET;
	ev.data.fd = fds[1];
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fds[1], &ev);

	memset(buf, 'a', size);
	SAFE_WRITE(SAFE_WRITE_ANY, fds[1], buf, size);
	TST_EXP_FAIL(write(fds[1], buf, size), EAGAIN, "write() to a full pipe");

	TST_EXP_EQ_LI(SAFE_EPOLL_WAIT(epfd, &ev, 1, 0), 1);
	TST_EXP_EQ_LI(ev.data.fd, fds[0]);
	TST_EXP_EQ_LI(ev.events & EPOLLIN, EPOLLIN);

	SAFE_READ(SAFE_READ_ALL, fds[0], buf, size / 2);
	TST_EXP_EQ_LI(SAFE_EPOLL_WAIT(epfd, &ev, 1, 0), 0);

	SAFE_READ(SAFE_READ_ALL, fds[0], buf, size / 2);
	TST_EXP_FAIL(read(fds[0], buf, size / 2), EAGAIN, "read() from an empty pipe");

	TST_EXP_EQ_LI(SAFE_EPOLL_WAIT(epfd, &ev, 1, 0), 1);
	TST_EXP_EQ_LI(ev.data.fd, fds[1]);
	TST_EXP_EQ_LI(ev.events & EPOLLOUT, EPOLLOUT);
	SAFE_CLOSE(epfd);
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
