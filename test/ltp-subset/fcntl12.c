/*
 * fcntl12: F_DUPFD fails with EMFILE once the process has as many open
 * descriptors as RLIMIT_NOFILE allows (a child fills its table).
 */
#include "tst_test.h"

static int max_files;

static void run(void)
{
	int i, fd = -1;

	if (!SAFE_FORK()) {
		for (i = 0; i < max_files; i++) {
			fd = open("testfile", O_CREAT | O_RDONLY, 0444);
			if (fd == -1)
				break;
		}
		if (fd != -1 || errno != EMFILE)
			tst_brk(TBROK | TERRNO, "filling the table ended at %d", i);
		TST_EXP_FAIL2(fcntl(1, F_DUPFD, 1), EMFILE, "fcntl(1, F_DUPFD, 1)");
		exit(0);
	}
	tst_reap_children();
}

static void setup(void)
{
	max_files = getdtablesize();
}

static void cleanup(void)
{
	unlink("testfile");
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.forks_child = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
