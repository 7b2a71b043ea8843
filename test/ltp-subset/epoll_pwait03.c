/*
 * epoll_pwait03: epoll_pwait()/epoll_pwait2() with nothing ready sleep for
 * their timeout (tst_timer_test.h) and return 0.
 */
#include "tst_timer_test.h"
#include "epoll_pwait_var.h"

static int efd = -1, sfd[2] = { -1, -1 };
static struct epoll_event e;

static int sample(int clk, long long usec)
{
	struct timespec ts = { usec / 1000000, (usec % 1000000) * 1000 };

	tst_timer_start(clk);
	TEST(do_epoll_pwait(efd, &e, 1, &ts, NULL));
	tst_timer_stop();
	tst_timer_sample();
	if (TST_RET != 0) {
		tst_res(TFAIL | TTERRNO, "do_epoll_pwait() returned %ld, expected 0",
			TST_RET);
		return 1;
	}
	return 0;
}

static void setup(void)
{
	epoll_pwait_init();
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_STREAM, 0, sfd);
	efd = SAFE_EPOLL_CREATE1(0);
	e.events = EPOLLIN;
	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, sfd[0], &e);
}

static void cleanup(void)
{
	if (efd >= 0)
		close(efd);
	if (sfd[0] >= 0)
		close(sfd[0]);
	if (sfd[1] >= 0)
		close(sfd[1]);
}

static struct tst_test test = {
	.scall = "do_epoll_pwait()",
	.sample = sample,
	.setup = setup,
	.cleanup = cleanup,
	.test_variants = TEST_VARIANTS,
};
