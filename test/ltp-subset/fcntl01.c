/*
 * fcntl01: F_DUPFD, F_SETFL and F_GETFD/F_SETFD on regular files.
 * With eight files open and the 3rd-6th closed, F_DUPFD returns the
 * lowest free descriptor at or above its argument: below the first hole
 * it is the first hole, at a hole that hole, past the table's end exactly
 * the argument.  F_SETFL O_NDELAY, O_APPEND and both are shown by F_GETFL
 * (with the write-only access mode kept), and F_SETFL 0 clears them
 * again (the flags do not accumulate).  A new descriptor has no
 * close-on-exec flag; F_SETFD 1 sets it and F_GETFD reads back 1.
 */
#include "tst_test.h"

#define NFILES	8

static int fd[NFILES + 3];

static void expect_fd(int got, int want, const char *what)
{
	if (got == -1)
		tst_res(TFAIL | TERRNO, "%s failed", what);
	else if (got != want)
		tst_res(TFAIL, "%s returned %d, expected %d", what, got, want);
	else
		tst_res(TPASS, "%s returned %d", what, got);
}

static void expect_fl(int f, int want, const char *what)
{
	int got = fcntl(f, F_GETFL);
	int mask = O_ACCMODE | O_NONBLOCK | O_APPEND;

	if (got == -1)
		tst_res(TFAIL | TERRNO, "F_GETFL after %s", what);
	else if ((got & mask) != want)
		tst_res(TFAIL, "F_GETFL after %s: 0x%x, expected 0x%x", what,
			got & mask, want);
	else
		tst_res(TPASS, "F_GETFL after %s: 0x%x", what, got & mask);
}

static void run(void)
{
	char name[32];
	int i, holes[4], dup, f;

	for (i = 0; i < NFILES; i++) {
		sprintf(name, "fcntl%d", i);
		fd[i] = SAFE_OPEN(name, O_WRONLY | O_CREAT, 0666);
	}
	for (i = 2; i < 6; i++) {
		holes[i - 2] = fd[i];
		SAFE_CLOSE(fd[i]);
	}

	dup = fcntl(fd[1], F_DUPFD, 1);
	expect_fd(dup, holes[0], "F_DUPFD below the first hole");
	fd[2] = dup;
	dup = fcntl(fd[1], F_DUPFD, holes[2]);
	expect_fd(dup, holes[2], "F_DUPFD at a hole");
	fd[4] = dup;
	dup = fcntl(fd[1], F_DUPFD, fd[7] + 5);
	expect_fd(dup, fd[7] + 5, "F_DUPFD past the last descriptor");
	fd[NFILES] = dup;

	f = fd[2];
	expect_fl(f, O_WRONLY, "open");
	if (fcntl(f, F_SETFL, O_NDELAY) == -1)
		tst_res(TFAIL | TERRNO, "F_SETFL O_NDELAY");
	expect_fl(f, O_WRONLY | O_NONBLOCK, "F_SETFL O_NDELAY");
	if (fcntl(f, F_SETFL, O_APPEND) == -1)
		tst_res(TFAIL | TERRNO, "F_SETFL O_APPEND");
	expect_fl(f, O_WRONLY | O_APPEND, "F_SETFL O_APPEND");
	if (fcntl(f, F_SETFL, O_NDELAY | O_APPEND) == -1)
		tst_res(TFAIL | TERRNO, "F_SETFL O_NDELAY | O_APPEND");
	expect_fl(f, O_WRONLY | O_NONBLOCK | O_APPEND, "F_SETFL O_NDELAY | O_APPEND");
	if (fcntl(f, F_SETFL, 0) == -1)
		tst_res(TFAIL | TERRNO, "F_SETFL 0");
	expect_fl(f, O_WRONLY, "F_SETFL 0");

	TST_EXP_VAL(fcntl(f, F_GETFD), 0, "F_GETFD of a new descriptor");
	TST_EXP_PASS(fcntl(f, F_SETFD, 1), "F_SETFD 1");
	TST_EXP_VAL(fcntl(f, F_GETFD), 1, "F_GETFD after F_SETFD 1");

	for (i = 0; i < NFILES + 1; i++) {
		if (i == 3 || i == 5)
			continue;
		SAFE_CLOSE(fd[i]);
	}
	for (i = 0; i < NFILES; i++) {
		sprintf(name, "fcntl%d", i);
		SAFE_UNLINK(name);
	}
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.test_all = run,
};
