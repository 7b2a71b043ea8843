/*
 * pselect03: pselect() returns 0 when there is nothing to examine: with
 * nfds equal to the only set descriptor (so it is not looked at) and a
 * zero timeout it returns 0 at once, and so it does with nfds 0 and no
 * sets; both variants (pselect_var.h).
 */
#include "tst_test.h"
#include "pselect_var.h"

static int fd = -1;

static void run(void)
{
	struct timespec ts = { 0, 0 };
	fd_set r;

	FD_ZERO(&r);
	FD_SET(fd, &r);
	TST_EXP_VAL(do_pselect(fd, &r, NULL, NULL, &ts, NULL), 0,
		    "pselect(%d) with fd %d set", fd, fd);
	TST_EXP_VAL(do_pselect(0, NULL, NULL, NULL, &ts, NULL), 0,
		    "pselect(0) with no sets");
}

static void setup(void)
{
	pselect_info();
	fd = SAFE_OPEN("pselect03_file", O_CREAT | O_RDWR, 0600);
}

static void cleanup(void)
{
	if (fd >= 0)
		close(fd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
	.test_variants = TEST_VARIANTS,
};
