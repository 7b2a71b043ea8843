/*
 * pipe2_04: a one-page pipe2(O_NONBLOCK) pipe, filled: a non-blocking
 * write fails with EAGAIN, and a writer that clears O_NONBLOCK sleeps.
 */
#include "pipe_full.h"

static int fds[2] = { -1, -1 };
static int flags;

static void run(void)
{
	SAFE_FCNTL(fds[1], F_SETFL, flags | O_NONBLOCK);
	TEST(write(fds[1], "x", 1));
	if (TST_RET != -1)
		tst_res(TFAIL, "write() succeeded unexpectedly");
	else if (TST_ERR == EAGAIN)
		tst_res(TPASS | TTERRNO, "write failed as expected");
	else
		tst_brk(TFAIL | TTERRNO, "write failed expected EAGAIN but got");
	check_writer_blocks(fds[1], "x", 1);
}

static void setup(void)
{
	int page, size;
	char *buf;

	SAFE_PIPE2(fds, O_NONBLOCK);
	page = SAFE_SYSCONF(_SC_PAGESIZE);
	flags = SAFE_FCNTL(fds[1], F_GETFL);
	if (!(flags & O_NONBLOCK))
		tst_brk(TCONF, "O_NONBLOCK flag must be set");
	SAFE_FCNTL(fds[0], F_SETPIPE_SZ, 0);
	size = SAFE_FCNTL(fds[1], F_GETPIPE_SZ);
	if (size != page)
		tst_res(TFAIL, "Pipe size (%d) must be page size (%d)", size, page);
	buf = SAFE_MALLOC(size);
	memset(buf, 'x', size);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], buf, size);
	free(buf);
}

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
};
