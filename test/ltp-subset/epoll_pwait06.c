/*
 * epoll_pwait06: small timeouts are never taken for infinity: for each
 * kind of descriptor epoll accepts (fd_kinds.h), registered alone, calls
 * with timeouts of 100 ms, 10 ms, ... 1 ns and 0 each return within 1 s
 * (an alarm ends the test otherwise).  Regression test for Linux commit
 * d9ec73301099 ("fs/eventpoll: fix endless busy loop after timeout has
 * expired").
 */
#include "tst_test.h"
#include "fd_kinds.h"
#include "epoll_pwait_var.h"

static int efd = -1;

static void run(void)
{
	struct timespec timeout = { 0 };
	struct epoll_event e = { .events = EPOLLIN };
	const char *desc;
	int kind, fd, err;

	for (kind = 0; (fd = fd_kind_open(kind, &desc, &err)) != -2; kind++) {
		if (fd < 0) {
			tst_res(TCONF | TERRNO, "Skipping %s", desc);
			continue;
		}
		if (err) {	/* not for epoll */
			SAFE_CLOSE(fd);
			continue;
		}
		tst_res(TINFO, "Testing %s", desc);
		SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, fd, &e);
		timeout.tv_nsec = 1000000000;
		do {
			alarm(1);
			timeout.tv_nsec /= 10;
			do_epoll_pwait(efd, &e, 1, &timeout, NULL);
			alarm(0);
		} while (timeout.tv_nsec);
		SAFE_EPOLL_CTL(efd, EPOLL_CTL_DEL, fd, &e);
		SAFE_CLOSE(fd);
	}
	tst_res(TPASS, "Timeout works correctly");
}

static void setup(void)
{
	epoll_pwait_init();
	efd = SAFE_EPOLL_CREATE1(0);
}

static void cleanup(void)
{
	if (efd >= 0)
		close(efd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
	.test_variants = TEST_VARIANTS,
	.tags = (const struct tst_tag[]) {
		{ "linux-git", "d9ec73301099ec5975505e1c3effbe768bab9490" },
		{ NULL, NULL },
	},
};
