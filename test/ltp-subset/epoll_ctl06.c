/*
 * epoll_ctl06: EPOLL_CTL_ADD for each kind of descriptor.  Those that can
 * be polled are accepted (pipe ends, unix and inet sockets, epoll,
 * eventfd, signalfd, timerfd, inotify, pidfd); the rest fail: EPERM for a
 * regular file, a directory, /dev/zero, a /proc file and a memfd, EBADF
 * for an O_PATH descriptor.  A kind the kernel cannot create is TCONF
 * for that kind only.
 */
#include "tst_test.h"
#include "fd_kinds.h"

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	const char *desc;
	int kind, fd, efd, err;

	for (kind = 0; (fd = fd_kind_open(kind, &desc, &err)) != -2; kind++) {
		if (fd < 0) {
			tst_res(TCONF | TERRNO, "Skipping %s", desc);
			continue;
		}
		efd = SAFE_EPOLL_CREATE1(0);
		ev.data.fd = fd;
		if (err)
			TST_EXP_FAIL(epoll_ctl(efd, EPOLL_CTL_ADD, fd, &ev), err,
				     "epoll_ctl() on %s", desc);
		else
			TST_EXP_PASS(epoll_ctl(efd, EPOLL_CTL_ADD, fd, &ev),
				     "epoll_ctl() on %s", desc);
		SAFE_CLOSE(efd);
		SAFE_CLOSE(fd);
	}
}

static struct tst_test test = {
	.test_all = run,
	.needs_tmpdir = 1,
};
