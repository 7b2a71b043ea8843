/*
 * fcntl04: F_GETFL succeeds on a newly opened file and shows its access
 * mode (O_RDWR) and none of O_APPEND, O_NONBLOCK it was not opened with.
 */
#include "tst_test.h"

static int fd = -1;

static void run(void)
{
	TEST(fcntl(fd, F_GETFL, 0));
	if (TST_RET == -1)
		tst_res(TFAIL | TTERRNO, "fcntl(F_GETFL) failed");
	else if ((TST_RET & (O_ACCMODE | O_APPEND | O_NONBLOCK)) != O_RDWR)
		tst_res(TFAIL, "fcntl(F_GETFL) returned 0x%lx, expected O_RDWR",
			TST_RET);
	else
		tst_res(TPASS, "fcntl(F_GETFL) returned 0x%lx", TST_RET);
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
