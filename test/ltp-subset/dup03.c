/*
 * dup03: with every descriptor up to sysconf(_SC_OPEN_MAX) open, dup()
 * fails with EMFILE.
 */
#include "tst_test.h"

#define FNAME	"dupfile"

static int *fds, nfds;

static void run(void)
{
	TST_EXP_FAIL2(dup(fds[0]), EMFILE, "dup(%d)", fds[0]);
	if (TST_RET != -1)
		SAFE_CLOSE(TST_RET);
}

static void setup(void)
{
	long max = SAFE_SYSCONF(_SC_OPEN_MAX);
	int fd;

	fds = SAFE_MALLOC(max * sizeof(int));
	for (;;) {
		fd = open(FNAME, O_RDWR | O_CREAT, 0700);
		if (fd == -1) {
			if (errno == EMFILE)
				break;
			tst_brk(TBROK | TERRNO, "open(%s) failed", FNAME);
		}
		if (nfds >= max)
			tst_brk(TBROK, "opened more than _SC_OPEN_MAX (%ld) files", max);
		fds[nfds++] = fd;
	}
	if (!nfds)
		tst_brk(TBROK, "unable to open at least one file");
	tst_res(TINFO, "opened %d files, _SC_OPEN_MAX %ld", nfds, max);
}

static void cleanup(void)
{
	int i;

	for (i = 0; i < nfds; i++)
		SAFE_CLOSE(fds[i]);
	free(fds);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
};
