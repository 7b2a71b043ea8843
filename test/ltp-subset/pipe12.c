/*
 * pipe12: an O_NONBLOCK pipe holds F_GETPIPE_SZ bytes: a write to a full
 * pipe fails with EAGAIN; a write of more than that to an empty pipe
 * writes exactly the capacity (FIONREAD), and to a non-empty one succeeds
 * with what fits.
 */
#include "tst_test.h"

static const struct tcase {
	int full;	/* fill the pipe first */
	int offset;	/* bytes written before the big write */
	const char *what;
	int check;	/* FIONREAD must be capacity - offset */
} tcases[] = {
	{ 1, 0, "Write to full pipe", 1 },
	/* After one byte the big write may leave a hole in a page: its
	 * count is shown, not checked (as LTP's). */
	{ 0, 1, "Write to non-empty pipe", 0 },
	{ 0, 0, "Write to empty pipe", 1 },
};

static int fds[2] = { -1, -1 };
static char *wbuf, *rbuf;
static ssize_t capacity, oversize;

static void run(unsigned int n)
{
	const struct tcase *tc = &tcases[n];
	int queued;

	memset(rbuf, 0, capacity);
	tst_res(TINFO, "%s", tc->what);
	if (tc->full) {
		SAFE_WRITE(SAFE_WRITE_ALL, fds[1], wbuf, capacity);
		TST_EXP_FAIL2(write(fds[1], "x", 1), EAGAIN, "write to a full pipe");
		if (!TST_PASS)
			goto drain;
	} else {
		if (tc->offset)
			SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "x", tc->offset);
		TEST(write(fds[1], wbuf, oversize));
		if (TST_RET == -1) {
			tst_res(TFAIL | TTERRNO, "write failed unexpectedly");
			goto drain;
		}
		tst_res(TPASS, "write succeeded as expectedly");
	}
	SAFE_IOCTL(fds[1], FIONREAD, &queued);
	if (!tc->check)
		tst_res(TPASS, "write %d bytes", queued);
	else if (queued == capacity - tc->offset)
		tst_res(TPASS, "write %d bytes", queued);
	else
		tst_res(TFAIL, "write expected %zd bytes, got %d bytes",
			capacity - tc->offset, queued);
drain:
	SAFE_READ(SAFE_READ_ANY, fds[0], rbuf, capacity);
}

static void setup(void)
{
	SAFE_PIPE(fds);
	capacity = SAFE_FCNTL(fds[1], F_GETPIPE_SZ);
	oversize = capacity + 4096;
	wbuf = SAFE_MALLOC(oversize);
	rbuf = SAFE_MALLOC(capacity);
	memset(wbuf, 'x', oversize);
	SAFE_FCNTL(fds[1], F_SETFL, O_NONBLOCK);
	SAFE_FCNTL(fds[0], F_SETFL, O_NONBLOCK);
}

static void cleanup(void)
{
	tst_close_fds(fds, 2);
	free(wbuf);
	free(rbuf);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
};
