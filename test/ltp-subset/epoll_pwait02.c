/*
 * epoll_pwait02: epoll_pwait()/epoll_pwait2() return the number of ready
 * descriptors: 1 for a socketpair end with a byte waiting.
 */
#include "tst_test.h"
#include "epoll_pwait_var.h"

static int efd = -1, sfd[2] = { -1, -1 };
static struct epoll_event e;

static void run(void)
{
	TEST(do_epoll_pwait(efd, &e, 1, NULL, NULL));
	if (TST_RET == 1)
		tst_res(TPASS, "do_epoll_pwait() succeeded");
	else
		tst_res(TFAIL | TTERRNO, "do_epoll_pwait() returned %ld, expected 1",
			TST_RET);
}

static void setup(void)
{
	epoll_pwait_init();
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_STREAM, 0, sfd);
	efd = SAFE_EPOLL_CREATE1(0);
	e.events = EPOLLIN;
	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, sfd[0], &e);
	SAFE_WRITE(SAFE_WRITE_ALL, sfd[1], "w", 1);
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
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.test_variants = TEST_VARIANTS,
};
