/*
 * dup04: dup() of either end of a pipe succeeds, and the copy works:
 * bytes written through a copy of the write end come out of a copy of the
 * read end.
 */
#include "tst_test.h"

static int fds[2] = { -1, -1 };
static int copy[2] = { -1, -1 };
static const char *const side[] = { "read", "write" };

static void run(unsigned int n)
{
	TST_EXP_FD(dup(fds[n]), "dup(%d) %s side of syspipe", fds[n], side[n]);
	if (TST_PASS)
		copy[n] = TST_RET;
	if (n == 1 && copy[0] >= 0 && copy[1] >= 0) {
		char c = 0;

		SAFE_WRITE(SAFE_WRITE_ALL, copy[1], "z", 1);
		SAFE_READ(SAFE_READ_ALL, copy[0], &c, 1);
		if (c != 'z')
			tst_res(TFAIL, "read '%c' through the copies, wrote 'z'", c);
	}
	if (n == 1) {
		if (copy[0] >= 0)
			SAFE_CLOSE(copy[0]);
		if (copy[1] >= 0)
			SAFE_CLOSE(copy[1]);
	}
}

static void setup(void)
{
	SAFE_PIPE(fds);
}

static void cleanup(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (fds[i] >= 0)
			SAFE_CLOSE(fds[i]);
		if (copy[i] >= 0)
			SAFE_CLOSE(copy[i]);
	}
}

static struct tst_test test = {
	.test = run,
	.tcnt = 2,
	.setup = setup,
	.cleanup = cleanup,
};
