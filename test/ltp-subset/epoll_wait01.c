/*
 * epoll_wait01: EPOLLOUT and EPOLLIN on a pipe, with struct epoll_event
 * filled in exactly: with the pipe's read end (EPOLLIN) and write end
 * (EPOLLOUT) registered,
 *   - an empty pipe reports just the write end, events == EPOLLOUT;
 *   - a full pipe (as much as it takes) reports just the read end,
 *     events == EPOLLIN;
 *   - a pipe with a few bytes reports both, each with its own fd.
 */
#include "tst_test.h"

static int epfd = -1, fds[2] = { -1, -1 };
static int pipe_size;
static char *buf;

static int fill_size(void)
{
	struct pollfd pfd = { .fd = fds[1], .events = POLLOUT };
	char chunk[4096];
	int size = 0, n;

	memset(chunk, 'a', sizeof(chunk));
	do {
		size += SAFE_WRITE(SAFE_WRITE_ANY, fds[1], chunk, sizeof(chunk));
		n = poll(&pfd, 1, 1);
		if (n < 0)
			tst_brk(TBROK | TERRNO, "poll() failed");
	} while (n > 0);
	buf = SAFE_MALLOC(size);
	SAFE_READ(SAFE_READ_ALL, fds[0], buf, size);
	tst_res(TINFO, "Pipe buffer size is %d bytes", size);
	return size;
}

static void setup(void)
{
	struct epoll_event ev;

	SAFE_PIPE(fds);
	pipe_size = fill_size();
	epfd = SAFE_EPOLL_CREATE1(0);
	ev.events = EPOLLIN;
	ev.data.fd = fds[0];
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fds[0], &ev);
	ev.events = EPOLLOUT;
	ev.data.fd = fds[1];
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fds[1], &ev);
}

/* One event, for exactly fd and events. */
static int check_one(const char *what, int fd, uint32_t events)
{
	struct epoll_event ev = { 0 };

	TEST(epoll_wait(epfd, &ev, 1, -1));
	if (TST_RET != 1) {
		tst_res(TFAIL | TTERRNO, "%s: epoll_wait() returned %ld, expected 1",
			what, TST_RET);
		return 0;
	}
	if (ev.data.fd != fd || ev.events != events) {
		tst_res(TFAIL, "%s: got fd %d events 0x%x, expected fd %d events 0x%x",
			what, ev.data.fd, ev.events, fd, events);
		return 0;
	}
	return 1;
}

static void run(unsigned int n)
{
	struct epoll_event ev[2];
	uint32_t want = EPOLLIN | EPOLLOUT;
	int i;

	switch (n) {
	case 0:
		if (check_one("empty pipe", fds[1], EPOLLOUT))
			tst_res(TPASS, "epoll_wait() EPOLLOUT");
		return;
	case 1:
		memset(buf, 'a', pipe_size);
		SAFE_WRITE(SAFE_WRITE_ALL, fds[1], buf, pipe_size);
		if (check_one("full pipe", fds[0], EPOLLIN))
			tst_res(TPASS, "epoll_wait() EPOLLIN");
		SAFE_READ(SAFE_READ_ALL, fds[0], buf, pipe_size);
		return;
	}
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "Testing", 8);
	while (want) {
		memset(ev, 0, sizeof(ev));
		TEST(epoll_wait(epfd, ev, 2, -1));
		if (TST_RET <= 0) {
			tst_res(TFAIL | TTERRNO, "epoll_wait() returned %ld", TST_RET);
			goto out;
		}
		for (i = 0; i < TST_RET; i++) {
			if ((want & EPOLLIN) && ev[i].data.fd == fds[0] &&
			    ev[i].events == EPOLLIN)
				want &= ~EPOLLIN;
			else if ((want & EPOLLOUT) && ev[i].data.fd == fds[1] &&
				 ev[i].events == EPOLLOUT)
				want &= ~EPOLLOUT;
			else {
				tst_res(TFAIL, "unexpected event: fd %d events 0x%x",
					ev[i].data.fd, ev[i].events);
				goto out;
			}
		}
	}
	tst_res(TPASS, "epoll_wait() EPOLLIN and EPOLLOUT");
out:
	SAFE_READ(SAFE_READ_ALL, fds[0], buf, 8);
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
	.test = run,
	.tcnt = 3,
	.setup = setup,
	.cleanup = cleanup,
};
