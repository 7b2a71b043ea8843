/*
 * epoll_ctl01: ADD, MOD and DEL show in epoll_wait().  With a pipe's read
 * end registered for EPOLLIN and its write end for EPOLLIN (never ready),
 * a write makes exactly the read end ready; after MOD of the write end to
 * EPOLLOUT both are reported; after DEL of the write end only the read
 * end is.  Each event must carry the registered fd in data.
 */
#include "tst_test.h"

static int epfd = -1;
static int fds[2] = { -1, -1 };

static int has_event(const struct epoll_event *ev, int n, int fd,
		     unsigned int events)
{
	int i;

	for (i = 0; i < n; i++)
		if (ev[i].data.fd == fd && ev[i].events == events)
			return 1;
	return 0;
}

static void check(const char *op, int want_out)
{
	unsigned int want = EPOLLIN | (want_out ? EPOLLOUT : 0);
	struct epoll_event ev[2];
	char buf[] = "test", rbuf[sizeof(buf)];
	int r, matched;

	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], buf, sizeof(buf));
	while (want) {
		memset(ev, 0, sizeof(ev));
		r = epoll_wait(epfd, ev, 2, -1);
		if (r <= 0) {
			tst_res(TFAIL | TERRNO, "%s: epoll_wait() returned %d", op, r);
			goto out;
		}
		matched = 0;
		if ((want & EPOLLIN) && has_event(ev, r, fds[0], EPOLLIN)) {
			matched++;
			want &= ~EPOLLIN;
		}
		if ((want & EPOLLOUT) && has_event(ev, r, fds[1], EPOLLOUT)) {
			matched++;
			want &= ~EPOLLOUT;
		}
		if (r != matched) {
			tst_res(TFAIL, "%s: epoll_wait() returned unexpected events "
				"(%d events, %d expected)", op, r, matched);
			goto out;
		}
	}
	tst_res(TPASS, "epoll_ctl() %s shows in epoll_wait()", op);
out:
	SAFE_READ(SAFE_READ_ALL, fds[0], rbuf, sizeof(rbuf));
}

static void ctl(int op, int fd, unsigned int events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };

	SAFE_EPOLL_CTL(epfd, op, fd, &ev);
}

static void run(void)
{
	ctl(EPOLL_CTL_ADD, fds[0], EPOLLIN);
	ctl(EPOLL_CTL_ADD, fds[1], EPOLLIN);
	check("EPOLL_CTL_ADD", 0);
	ctl(EPOLL_CTL_MOD, fds[1], EPOLLOUT);
	check("EPOLL_CTL_MOD", 1);
	ctl(EPOLL_CTL_DEL, fds[1], EPOLLOUT);
	check("EPOLL_CTL_DEL", 0);
	ctl(EPOLL_CTL_DEL, fds[0], EPOLLIN);
}

static void setup(void)
{
	epfd = SAFE_EPOLL_CREATE1(0);
	SAFE_PIPE(fds);
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
