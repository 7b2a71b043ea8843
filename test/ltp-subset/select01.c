/*
 * select01: readiness of a regular file, a pipe's write end and a FIFO
 * (opened read-write, empty), each put in both the read and the write
 * set with a 100 ms timeout: the file is both readable and writable (2),
 * the pipe's write end and the empty FIFO only writable (1); the bits
 * left set are exactly those.  For every variant (select_var.h).
 */
#include "tst_test.h"
#include "select_var.h"

static int fd_file = -1, fd_fifo = -1, fds_pipe[2] = { -1, -1 };

static const struct {
	int *fd;
	const char *desc;
	int readable;
} tc[] = {
	{ &fd_file, "regular file", 1 },
	{ &fds_pipe[1], "pipe write end", 0 },
	{ &fd_fifo, "named pipe", 0 },
};

static void run(unsigned int n)
{
	struct timeval tv = { 0, 100000 };
	int fd = *tc[n].fd, want = 1 + tc[n].readable;
	fd_set r, w;

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(fd, &r);
	FD_SET(fd, &w);
	TEST(do_select(fd + 1, &r, &w, NULL, &tv));
	if (TST_RET != want) {
		tst_res(TFAIL | TTERRNO, "select() on %s returned %ld, expected %d",
			tc[n].desc, TST_RET, want);
		return;
	}
	if (!FD_ISSET(fd, &w) || !!FD_ISSET(fd, &r) != tc[n].readable) {
		tst_res(TFAIL, "select() on %s: read bit %d write bit %d, expected %d 1",
			tc[n].desc, !!FD_ISSET(fd, &r), !!FD_ISSET(fd, &w),
			tc[n].readable);
		return;
	}
	tst_res(TPASS, "select() on %s: %ld ready", tc[n].desc, TST_RET);
}

static void setup(void)
{
	select_info();
	fd_file = SAFE_OPEN("select01_file", O_CREAT | O_RDWR, 0600);
	SAFE_PIPE(fds_pipe);
	if (access("select01_fifo", F_OK))
		SAFE_MKFIFO("select01_fifo", 0600);
	fd_fifo = SAFE_OPEN("select01_fifo", O_RDWR);
}

static void cleanup(void)
{
	if (fd_file >= 0)
		close(fd_file);
	if (fd_fifo >= 0)
		close(fd_fifo);
	if (fds_pipe[0] >= 0)
		close(fds_pipe[0]);
	if (fds_pipe[1] >= 0)
		close(fds_pipe[1]);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tc),
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
	.test_variants = TEST_VARIANTS,
};
