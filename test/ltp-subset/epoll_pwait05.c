/*
 * epoll_pwait05: epoll_pwait2() with an invalid timespec fails with
 * EINVAL: tv_sec < 0, tv_nsec < 0, tv_nsec >= 1000000000 (even with an
 * event ready).
 */
#include "tst_test.h"
#include "epoll_pwait_var.h"

static int efd = -1, sfd[2] = { -1, -1 };
static struct epoll_event e;

static const struct {
	struct timespec ts;
	const char *desc;
} tc[] = {
	{ { .tv_sec = -1 }, "ts.tv_sec < 0" },
	{ { .tv_nsec = -1 }, "ts.tv_nsec < 0" },
	{ { .tv_nsec = 1000000000 }, "ts.tv_nsec >= NSEC_PER_SEC" },
};

static void run(unsigned int n)
{
	TST_EXP_FAIL(sys_epoll_pwait2(efd, &e, 1, &tc[n].ts, NULL), EINVAL,
		     "epoll_pwait2() with %s", tc[n].desc);
}

static void setup(void)
{
	tst_variant = 1;
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
	.test = run,
	.tcnt = ARRAY_SIZE(tc),
	.setup = setup,
	.cleanup = cleanup,
};
