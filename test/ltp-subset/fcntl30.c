/*
 * fcntl30: F_GETPIPE_SZ and F_SETPIPE_SZ.  A new pipe's capacity is
 * positive; F_SETPIPE_SZ to twice that returns the new capacity (at
 * least the size asked), and F_GETPIPE_SZ reports the same; the pipe
 * then holds that many bytes without blocking.
 */
#include "tst_test.h"

static void run(void)
{
	int fds[2], orig, want, n;
	char *buf;

	SAFE_PIPE(fds);
	TEST(fcntl(fds[1], F_GETPIPE_SZ));
	if (TST_RET <= 0) {
		tst_res(TFAIL | TTERRNO, "F_GETPIPE_SZ returned %ld", TST_RET);
		goto out;
	}
	orig = TST_RET;
	want = orig * 2;
	TEST(fcntl(fds[1], F_SETPIPE_SZ, want));
	if (TST_RET < want) {
		tst_res(TFAIL | TTERRNO, "F_SETPIPE_SZ %d returned %ld", want, TST_RET);
		goto out;
	}
	n = TST_RET;
	TST_EXP_VAL(fcntl(fds[0], F_GETPIPE_SZ), n, "F_GETPIPE_SZ (was %d)", orig);
	buf = SAFE_MALLOC(n);
	memset(buf, 'x', n);
	SAFE_FCNTL(fds[1], F_SETFL, O_NONBLOCK);
	TST_EXP_VAL(write(fds[1], buf, n), n, "write of %d bytes", n);
	free(buf);
out:
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
}

static struct tst_test test = {
	.test_all = run,
};
