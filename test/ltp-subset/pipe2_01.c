/*
 * pipe2_01: pipe2() sets the flags asked for: 0 and O_CLOEXEC show in
 * F_GETFD of both ends, O_NONBLOCK in F_GETFL of both, O_DIRECT (packet
 * mode) in F_GETFL of the write end; and packets work (check_packets).
 */
#include "tst_test.h"

static const struct tcase {
	int flags;
	int cmd;
	int check_read_end;
	const char *what;
} tcases[] = {
	{ 0, F_GETFD, 1, "Test pipe2 with 0 flag" },
	{ O_CLOEXEC, F_GETFD, 1, "Test pipe2 using O_CLOEXEC flag" },
	/* The read end's O_DIRECT means nothing (packets are marked by
	 * the writer), so only the write end is checked, as LTP does. */
	{ O_DIRECT, F_GETFL, 0, "Test pipe2 using O_DIRECT flag" },
	{ O_NONBLOCK, F_GETFL, 1, "Test pipe2 using O_NONBLOCK flag" },
};

static int fds[2] = { -1, -1 };

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

/*
 * Beyond LTP's flag check, packet mode itself (pipe(2)): each write is a
 * packet, a read returns one packet and drops what of it does not fit.
 */
static void check_packets(void)
{
	char got[16];
	int left;

	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "ab", 2);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "cde", 3);
	TST_EXP_VAL(read(fds[0], got, sizeof(got)), 2, "read of packet \"ab\"");
	TST_EXP_VAL(read(fds[0], got, 1), 1, "1-byte read of packet \"cde\"");
	if (got[0] != 'c')
		tst_res(TFAIL, "read '%c' from packet \"cde\"", got[0]);
	SAFE_IOCTL(fds[0], FIONREAD, &left);
	TST_EXP_EQ_LI(left, 0);
	/* One packet per page: a one-page pipe holds one, however small. */
	SAFE_FCNTL(fds[0], F_SETPIPE_SZ, 0);
	SAFE_FCNTL(fds[1], F_SETFL, O_DIRECT | O_NONBLOCK);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "x", 1);
	TST_EXP_FAIL2(write(fds[1], "y", 1), EAGAIN,
		      "a second packet in a one-page pipe");
	TST_EXP_VAL(read(fds[0], got, sizeof(got)), 1, "read of packet \"x\"");
}

static void run(unsigned int n)
{
	const struct tcase *tc = &tcases[n];
	int i, got;

	tst_res(TINFO, "%s", tc->what);
	SAFE_PIPE2(fds, tc->flags);
	for (i = tc->check_read_end ? 0 : 1; i < 2; i++) {
		got = SAFE_FCNTL(fds[i], tc->cmd);
		/* F_GETFD gives FD_CLOEXEC for O_CLOEXEC; F_GETFL the flag. */
		if (tc->cmd == F_GETFD ? got == (tc->flags ? FD_CLOEXEC : 0) :
		    (got & tc->flags) == tc->flags)
			tst_res(TPASS, "pipe2 fds[%d] gets expected flag(%d)", i,
				tc->flags);
		else
			tst_res(TFAIL, "pipe2 fds[%d] doesn't get expected flag(%d), "
				"get flag(%d)", i, tc->flags, got);
	}
	if (tc->flags == O_DIRECT)
		check_packets();
	cleanup();
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
	.cleanup = cleanup,
};
