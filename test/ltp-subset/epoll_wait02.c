/*
 * epoll_wait02: epoll_wait() with nothing ready sleeps for its timeout:
 * never less, and (outside a virtual machine) not much more
 * (tst_timer_test.h); it returns 0.
 */
#include "tst_timer_test.h"

static int epfd = -1, fds[2] = { -1, -1 };

static int sample(int clk, long long usec)
{
	struct epoll_event ev;

	tst_timer_start(clk);
	TEST(epoll_wait(epfd, &ev, 1, usec / 1000));
	tst_timer_stop();
	tst_timer_sample();
	if (TST_RET != 0) {
		tst_res(TFAIL | TTERRNO, "epoll_wait() returned %ld", TST_RET);
		return 1;
	}
	return 0;
}

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLIN };

	SAFE_PIPE(fds);
	epfd = SAFE_EPOLL_CREATE1(0);
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
	.scall = "epoll_wait()",
	.sample = sample,
	.setup = setup,
	.cleanup = cleanup,
};
