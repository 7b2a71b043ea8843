/*
 * pipe03: writing to a pipe's read end and reading from its write end
 * both fail with EBADF.
 */
#include "tst_test.h"

static int fds[2] = { -1, -1 };

static void run(void)
{
	char buf[2];

	TEST(pipe(fds));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "pipe() failed unexpectedly");
		return;
	}
	TST_EXP_FAIL2(write(fds[0], "A", 1), EBADF, "write to read end of pipe");
	TST_EXP_FAIL2(read(fds[1], buf, 1), EBADF, "read from write end of pipe");
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
}

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

static struct tst_test test = {
	.test_all = run,
	.cleanup = cleanup,
};
