/*
 * pipe07: pipe() hands out every free descriptor: it succeeds until
 * exactly (getdtablesize() - open descriptors) / 2 pipes are open, then
 * fails with EMFILE.
 */
#include "tst_test.h"

#include <dirent.h>

static int *pipe_fds, npipe_fds, want_pipes;

/* Descriptors open now, from /proc/self/fd (less the directory's own). */
static int count_open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		tst_brk(TBROK | TERRNO, "opendir(/proc/self/fd) failed");
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
			continue;
		n++;
	}
	closedir(d);
	return n;
}

static void setup(void)
{
	int max = getdtablesize();

	tst_res(TINFO, "getdtablesize() = %d", max);
	pipe_fds = SAFE_MALLOC(max * sizeof(int));
	want_pipes = (max - count_open_fds()) / 2;
	tst_res(TINFO, "expected max fds to be opened by pipe(): %d",
		want_pipes * 2);
}

static void run(void)
{
	int fds[2], i;

	do {
		TEST(pipe(fds));
		if (TST_RET == 0) {
			pipe_fds[npipe_fds++] = fds[0];
			pipe_fds[npipe_fds++] = fds[1];
		}
	} while (TST_RET == 0);
	TST_EXP_EQ_LI(TST_ERR, EMFILE);
	TST_EXP_EQ_LI(want_pipes * 2, npipe_fds);
	for (i = 0; i < npipe_fds; i++)
		SAFE_CLOSE(pipe_fds[i]);
	npipe_fds = 0;
}

static void cleanup(void)
{
	int i;

	for (i = 0; i < npipe_fds; i++)
		close(pipe_fds[i]);
	free(pipe_fds);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
};
