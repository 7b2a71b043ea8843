/*
 * fcntl29: F_DUPFD_CLOEXEC returns a new descriptor for the same file
 * with FD_CLOEXEC set, leaving the original's flag clear.
 */
#include "tst_test.h"

static int fd = -1;

static void run(void)
{
	int dup;

	TEST(fcntl(fd, F_DUPFD_CLOEXEC, 0));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "fcntl(F_DUPFD_CLOEXEC)");
		return;
	}
	dup = TST_RET;
	TST_EXP_VAL(fcntl(dup, F_GETFD), FD_CLOEXEC, "F_GETFD of the new fd");
	TST_EXP_VAL(fcntl(fd, F_GETFD), 0, "F_GETFD of the original");
	SAFE_CLOSE(dup);
}

static void setup(void)
{
	fd = SAFE_OPEN("testfile", O_WRONLY | O_CREAT | O_TRUNC, 0644);
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
