/*
 * pipe2_03: a pipe2(O_NONBLOCK) pipe: O_NONBLOCK in F_GETFL, 16 pages by
 * default (F_GETPIPE_SZ); F_SETPIPE_SZ 0 on the read end makes it one page
 * as the write end sees; a page fills it, the next write fails (EAGAIN);
 * with O_NONBLOCK cleared a writer blocks (sleeps) on the full pipe.
 */
#include "pipe_full.h"

#define PAGES	16

static int fds[2] = { -1, -1 };
static long page;

static void setup(void)
{
	SAFE_PIPE2(fds, O_NONBLOCK);
	page = SAFE_SYSCONF(_SC_PAGESIZE);
}

static void run(void)
{
	long flags, size;
	char *buf;

	flags = SAFE_FCNTL(fds[0], F_GETFL);
	if (!(flags & O_NONBLOCK))
		tst_res(TFAIL, "O_NONBLOCK flag must be set.");
	size = SAFE_FCNTL(fds[0], F_GETPIPE_SZ);
	if (size != page * PAGES)
		tst_res(TFAIL, "Default pipe size %ld, not 16 pages (%ld)", size,
			page * PAGES);
	/* Both ends are one pipe: a size set through one shows in the other. */
	SAFE_FCNTL(fds[0], F_SETPIPE_SZ, 0);
	size = SAFE_FCNTL(fds[1], F_GETPIPE_SZ);
	if (size != page)
		tst_res(TFAIL, "Pipe size (%ld) must be page size (%ld)", size, page);
	buf = SAFE_MALLOC(page);
	memset(buf, 'x', page);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], buf, page);
	TEST(write(fds[1], buf, page));
	if (TST_RET != -1 || TST_ERR != EAGAIN)
		tst_res(TFAIL | TTERRNO, "write() to the full pipe returned %ld",
			TST_RET);
	SAFE_FCNTL(fds[1], F_SETFL, flags & ~O_NONBLOCK);
	flags = SAFE_FCNTL(fds[1], F_GETFL);
	if (flags & O_NONBLOCK)
		tst_res(TFAIL, "O_NONBLOCK flag must not be set.");
	check_writer_blocks(fds[1], buf, page);
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
