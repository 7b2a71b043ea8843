/*
 * dup01: dup() of a regular file's descriptor returns a new descriptor
 * (the lowest free one) for the same open file.
 */
#include "tst_test.h"

#define FNAME	"dupfile"

static int fd = -1;

static void run(void)
{
	struct stat a, b;
	int lowest;

	/* The lowest free descriptor is what dup() must return. */
	lowest = SAFE_DUP(0);
	if (close(lowest))
		tst_brk(TBROK | TERRNO, "close(%d)", lowest);
	TST_EXP_FD(dup(fd), "dup(%d)", fd);
	if (!TST_PASS)
		return;
	if (TST_RET != lowest)
		tst_res(TFAIL, "dup() returned %ld, not the lowest free %d",
			TST_RET, lowest);
	SAFE_FSTAT(fd, &a);
	SAFE_FSTAT(TST_RET, &b);
	if (a.st_ino != b.st_ino || a.st_dev != b.st_dev)
		tst_res(TFAIL, "the new descriptor names another file");
	SAFE_CLOSE(TST_RET);
}

static void setup(void)
{
	fd = SAFE_OPEN(FNAME, O_RDWR | O_CREAT, 0700);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
};
