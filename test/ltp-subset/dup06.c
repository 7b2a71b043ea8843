/*
 * dup06: dup() in a chain from one file fills exactly the free descriptors
 * (those below getdtablesize() that fcntl(F_GETFD) calls EBADF), then
 * fails with EMFILE.
 */
#include "tst_test.h"

#define FNAME	"dup06"

static int *fds, max;

static int count_free(void)
{
	int fd, n = 0;

	for (fd = 0; fd < max; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			n++;
	return n;
}

static void run(void)
{
	int nfree = count_free(), i;

	fds[0] = SAFE_OPEN(FNAME, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	for (i = 1; i < max + 5; i++) {
		TEST(dup(fds[i - 1]));
		if (TST_RET == -1)
			break;
		fds[i] = TST_RET;
	}
	if (i == max + 5)
		tst_res(TFAIL, "dup() never failed (%d descriptors)", i);
	else if (TST_ERR != EMFILE)
		tst_res(TFAIL | TTERRNO, "dup() failed, expected EMFILE");
	else if (i < nfree)
		tst_res(TFAIL, "Not enough files duped: %d of %d free", i, nfree);
	else if (i > nfree)
		tst_res(TFAIL, "Too many files duped: %d of %d free", i, nfree);
	else
		tst_res(TPASS, "dup() filled the %d free descriptors, then EMFILE",
			nfree);
	while (i-- > 0)
		SAFE_CLOSE(fds[i]);
	SAFE_UNLINK(FNAME);
}

static void setup(void)
{
	max = getdtablesize();
	fds = SAFE_MALLOC((max + 5) * sizeof(int));
}

static void cleanup(void)
{
	free(fds);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
};
