/*
 * pipe01: what is written to a new pipe's write end is read back, whole
 * and unchanged, from its read end.
 */
#include "tst_test.h"

static int fds[2] = { -1, -1 };

static void run(void)
{
	static const char msg[] = "abcdefghijklmnopqrstuvwxyz";
	char got[128];
	ssize_t w, r;

	memset(got, 0, sizeof(got));
	TEST(pipe(fds));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "pipe()");
		return;
	}
	w = SAFE_WRITE(SAFE_WRITE_ALL, fds[1], msg, sizeof(msg));
	r = SAFE_READ(SAFE_READ_ANY, fds[0], got, sizeof(got));
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
	if (r != w) {
		tst_res(TFAIL, "read() returned %zd, expected %zd", r, w);
		return;
	}
	if (memcmp(got, msg, w) != 0) {
		tst_res(TFAIL, "Wrong data were read back");
		return;
	}
	tst_res(TPASS, "pipe() functionality is correct");
}

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

static struct tst_test test = {
	.test_all = run,
	.cleanup = cleanup,
};
