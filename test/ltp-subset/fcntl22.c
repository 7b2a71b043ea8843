/*
 * fcntl22: F_SETLK of a write lock that another process holds fails with
 * EAGAIN (Linux's errno of the two POSIX allows).
 */
#include "tst_test.h"

static int fd = -1;
static struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

static void run(void)
{
	if (!SAFE_FORK()) {
		TST_EXP_FAIL(fcntl(fd, F_SETLK, &fl), EAGAIN,
			     "F_SETLK on a range another process locked");
		exit(0);
	}
	tst_reap_children();
}

static void setup(void)
{
	fd = SAFE_OPEN("regfile", O_WRONLY | O_CREAT | O_TRUNC, 0777);
	SAFE_FCNTL(fd, F_SETLK, &fl);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.forks_child = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
