/*
 * pipe14: once its write end is closed, a pipe's reader gets the data
 * left in it and then end-of-file (read() returns 0).
 */
#include "tst_test.h"

static int fds[2] = { -1, -1 };

static void run(void)
{
	static const char msg[] = "abcdefghijklmnopqrstuvwxyz";
	char got[30];

	memset(got, 0, sizeof(got));
	SAFE_PIPE(fds);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], msg, sizeof(msg));
	SAFE_CLOSE(fds[1]);
	SAFE_READ(SAFE_READ_ALL, fds[0], got, sizeof(msg));
	if (memcmp(got, msg, sizeof(msg)) != 0)
		tst_res(TFAIL, "the data read back differ");
	TST_EXP_VAL(SAFE_READ(SAFE_READ_ANY, fds[0], got, 1), 0);
	SAFE_CLOSE(fds[0]);
}

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

static struct tst_test test = {
	.test_all = run,
	.cleanup = cleanup,
};
