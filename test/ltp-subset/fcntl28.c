/*
 * fcntl28: F_SETLEASE F_RDLCK on a file opened O_WRONLY (mode 0222)
 * fails with EAGAIN, and no lease is left (F_GETLEASE is F_UNLCK).
 * (Newer LTP folds this case into fcntl27.)
 */
#include "tst_test.h"

static int fd = -1;

static void run(void)
{
	TST_EXP_FAIL(fcntl(fd, F_SETLEASE, F_RDLCK), EAGAIN,
		     "F_SETLEASE F_RDLCK on an O_WRONLY file");
	TST_EXP_VAL(fcntl(fd, F_GETLEASE), F_UNLCK, "F_GETLEASE");
}

static void setup(void)
{
	fd = SAFE_OPEN("tfile", O_WRONLY | O_CREAT, 0222);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
