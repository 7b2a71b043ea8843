/*
 * fcntl08: F_SETFL with O_NDELAY | O_APPEND | O_NONBLOCK returns 0, and
 * F_GETFL then shows O_APPEND and O_NONBLOCK with the access mode kept.
 */
#include "tst_test.h"

static int fd = -1;

static void run(void)
{
	int fl;

	TST_EXP_PASS(fcntl(fd, F_SETFL, O_NDELAY | O_APPEND | O_NONBLOCK),
		     "fcntl(F_SETFL, O_NDELAY | O_APPEND | O_NONBLOCK)");
	fl = SAFE_FCNTL(fd, F_GETFL);
	if ((fl & (O_ACCMODE | O_APPEND | O_NONBLOCK)) != (O_RDWR | O_APPEND | O_NONBLOCK))
		tst_res(TFAIL, "F_GETFL returned 0x%x", fl);
	else
		tst_res(TPASS, "F_GETFL shows O_RDWR | O_APPEND | O_NONBLOCK");
	SAFE_FCNTL(fd, F_SETFL, 0);
}

static void setup(void)
{
	fd = SAFE_OPEN("tfile", O_RDWR | O_CREAT, 0700);
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
