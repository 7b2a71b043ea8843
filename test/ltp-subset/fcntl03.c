/*
 * fcntl03: F_GETFD succeeds on a newly opened file and reports no
 * close-on-exec flag; with O_CLOEXEC at open it reports FD_CLOEXEC.
 */
#include "tst_test.h"

static int fd = -1, fd_cloexec = -1;

static void run(void)
{
	TST_EXP_VAL(fcntl(fd, F_GETFD, 0), 0, "fcntl(fd, F_GETFD)");
	TST_EXP_VAL(fcntl(fd_cloexec, F_GETFD, 0), FD_CLOEXEC,
		    "fcntl(O_CLOEXEC fd, F_GETFD)");
}

static void setup(void)
{
	fd = SAFE_OPEN("tfile", O_RDWR | O_CREAT, 0700);
	fd_cloexec = SAFE_OPEN("tfile", O_RDWR | O_CLOEXEC);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
	if (fd_cloexec >= 0)
		SAFE_CLOSE(fd_cloexec);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
