/*
 * fcntl02: F_DUPFD with a minimum of 0, 1, 2, 3, 10 and 100 returns a
 * descriptor at or above the minimum, the lowest free one there, that
 * refers to the same open file.
 */
#include "tst_test.h"

static int fd = -1;
static const int min_fds[] = { 0, 1, 2, 3, 10, 100 };

static int lowest_free(int min)
{
	while (fcntl(min, F_GETFD) != -1)
		min++;
	return min;
}

static void run(unsigned int n)
{
	int min = min_fds[n], want = lowest_free(min), dup;
	struct stat a, b;

	TEST(fcntl(fd, F_DUPFD, min));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "fcntl(F_DUPFD, %d) failed", min);
		return;
	}
	dup = TST_RET;
	SAFE_FSTAT(fd, &a);
	SAFE_FSTAT(dup, &b);
	if (TST_RET < min || TST_RET != want)
		tst_res(TFAIL, "fcntl(F_DUPFD, %d) returned %ld, expected %d",
			min, TST_RET, want);
	else if (a.st_ino != b.st_ino || a.st_dev != b.st_dev)
		tst_res(TFAIL, "fcntl(F_DUPFD, %d) refers to another file", min);
	else
		tst_res(TPASS, "fcntl(F_DUPFD, %d) returned %ld", min, TST_RET);
	SAFE_CLOSE(dup);
}

static void setup(void)
{
	fd = SAFE_OPEN("fcntl02_file", O_RDWR | O_CREAT, 0700);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.tcnt = ARRAY_SIZE(min_fds),
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
};
