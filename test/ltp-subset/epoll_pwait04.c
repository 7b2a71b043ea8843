/*
 * epoll_pwait04: a sigmask pointer into an inaccessible page makes
 * epoll_pwait()/epoll_pwait2() fail with EFAULT (even with an event
 * ready).
 */
#include "tst_test.h"
#include "epoll_pwait_var.h"

static int efd = -1, sfd[2] = { -1, -1 };
static struct epoll_event e;
static void *bad_addr;

static void run(void)
{
	TST_EXP_FAIL(do_epoll_pwait(efd, &e, 1, NULL, bad_addr), EFAULT,
		     "with an invalid sigmask pointer");
}

static void setup(void)
{
	epoll_pwait_init();
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_STREAM, 0, sfd);
	efd = SAFE_EPOLL_CREATE1(0);
	e.events = EPOLLIN;
	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, sfd[0], &e);
	SAFE_WRITE(SAFE_WRITE_ALL, sfd[1], "w", 1);
	bad_addr = tst_get_bad_addr(NULL);
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
