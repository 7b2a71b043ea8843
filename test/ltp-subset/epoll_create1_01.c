/*
 * epoll_create1_01: epoll_create1(0) gives a descriptor without
 * FD_CLOEXEC; epoll_create1(EPOLL_CLOEXEC) one with it.
 */
#include "tst_test.h"

static const struct {
	int flags;
	int cloexec;
	const char *desc;
} tc[] = {
	{ 0, 0, "0" },
	{ EPOLL_CLOEXEC, FD_CLOEXEC, "EPOLL_CLOEXEC" },
};

static void run(unsigned int n)
{
	int fd, coe;

	TST_EXP_FD_SILENT(tst_syscall(__NR_epoll_create1, tc[n].flags),
			  "epoll_create1(%s)", tc[n].desc);
	if (!TST_PASS)
		return;
	fd = TST_RET;
	coe = SAFE_FCNTL(fd, F_GETFD);
	if ((coe & FD_CLOEXEC) != tc[n].cloexec)
		tst_res(TFAIL, "epoll_create1(%s): FD_CLOEXEC is %s", tc[n].desc,
			coe & FD_CLOEXEC ? "set" : "clear");
	else
		tst_res(TPASS, "epoll_create1(%s): FD_CLOEXEC is %s", tc[n].desc,
			coe & FD_CLOEXEC ? "set" : "clear");
	SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tc),
};
