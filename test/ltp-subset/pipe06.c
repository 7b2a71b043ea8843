/*
 * pipe06: with the descriptor table full (up to getdtablesize()), pipe()
 * fails with EMFILE.
 */
#include "tst_test.h"

static int *opened, nopened;

static void setup(void)
{
	int max = getdtablesize(), fds[2];

	tst_res(TINFO, "getdtablesize() = %d", max);
	opened = SAFE_MALLOC(max * sizeof(int));
	do {
		SAFE_PIPE(fds);
		opened[nopened++] = fds[0];
		opened[nopened++] = fds[1];
	} while (fds[1] < max - 2);
	tst_res(TINFO, "Number of fds opened by pipe calls: %d", nopened);
}

static void run(void)
{
	int fds[2];

	TST_EXP_FAIL(pipe(fds), EMFILE);
}

static void cleanup(void)
{
	int i;

	for (i = 0; i < nopened; i++)
		SAFE_CLOSE(opened[i]);
	free(opened);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
};
