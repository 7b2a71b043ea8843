/*
 * epoll_wait04: a timeout of 0 returns at once (within 1 ms, scaled by
 * LTP_TIMEOUT_MUL) with 0 when nothing is ready.
 */
#include "tst_test.h"

#define USEC_PRECISION	1000

static int epfd = -1, fds[2] = { -1, -1 };

static void run(void)
{
	struct epoll_event ev;

	tst_timer_start(CLOCK_MONOTONIC);
	TEST(epoll_wait(epfd, &ev, 1, 0));
	tst_timer_stop();
	if (TST_RET != 0)
		tst_res(TFAIL | TTERRNO, "epoll_wait() returned %ld", TST_RET);
	if (tst_timer_elapsed_us() <= tst_multiply_timeout(USEC_PRECISION))
		tst_res(TPASS, "epoll_wait() returns immediately with a timeout equal to zero");
	else
		tst_res(TFAIL, "epoll_wait() waited for %lldus with a timeout equal to zero",
			tst_timer_elapsed_us());
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
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
