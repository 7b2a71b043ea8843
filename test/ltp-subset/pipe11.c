/*
 * pipe11: the parent fills a pipe with n * (PIPE_BUF / n) bytes, n
 * children each read PIPE_BUF / n of them in one read() and find the
 * pattern (byte i is i % 256), for n = 1, 2, 3, 4, 10 and 50.
 */
#include "tst_test.h"

#include <limits.h>

static const unsigned int nchildren[] = { 1, 2, 3, 4, 10, 50 };
static unsigned char buf[PIPE_BUF];
static int fds[2] = { -1, -1 };
static size_t per_child;

static void child(void)
{
	unsigned char got[PIPE_BUF];
	size_t i;
	ssize_t n;

	SAFE_CLOSE(fds[1]);
	n = SAFE_READ(SAFE_READ_ANY, fds[0], got, per_child);
	if ((size_t)n != per_child) {
		tst_res(TFAIL, "Invalid read size child %d size %zd",
			(int)getpid(), n);
		return;
	}
	for (i = 0; i < per_child; i++) {
		if (got[i] != i % 256) {
			tst_res(TFAIL, "Invalid byte read child %d byte %zu have %u "
				"expected %zu", (int)getpid(), i, got[i], i % 256);
			return;
		}
	}
	tst_res(TPASS, "Child %d read pipe buffer correctly", (int)getpid());
}

static void run(unsigned int n)
{
	unsigned int kids = nchildren[n], i;
	size_t j;

	per_child = PIPE_BUF / kids;
	tst_res(TINFO, "Reading %zu per each of %u children", per_child, kids);
	for (i = 0; i < kids; i++)
		for (j = 0; j < per_child; j++)
			buf[i * per_child + j] = j % 256;
	SAFE_PIPE(fds);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], buf, per_child * kids);
	for (i = 0; i < kids; i++) {
		if (!SAFE_FORK()) {
			child();
			exit(0);
		}
	}
	tst_reap_children();
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
}

static struct tst_test test = {
	.forks_child = 1,
	.test = run,
	.tcnt = ARRAY_SIZE(nchildren),
};
