/*
 * poll03: POLLHUP after the writer closes: polling an empty pipe's read
 * end for POLLIN after its only write end is closed returns 1 at once
 * with revents exactly POLLHUP; with a byte left in it, POLLIN | POLLHUP.
 */
#include "tst_test.h"

static void check(int leave_byte)
{
	short want = leave_byte ? (POLLIN | POLLHUP) : POLLHUP;
	struct pollfd p = { .events = POLLIN };
	int fds[2];

	SAFE_PIPE(fds);
	if (leave_byte)
		SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "x", 1);
	SAFE_CLOSE(fds[1]);
	p.fd = fds[0];
	TEST(poll(&p, 1, 1000));
	if (TST_RET == 1 && p.revents == want)
		tst_res(TPASS, "poll() after the writer closed: revents 0x%x (%s)",
			p.revents, leave_byte ? "POLLIN | POLLHUP" : "POLLHUP");
	else
		tst_res(TFAIL | TTERRNO, "poll() returned %ld revents 0x%x, expected 1 "
			"and 0x%x", TST_RET, p.revents, want);
	SAFE_CLOSE(fds[0]);
}

static void run(unsigned int n)
{
	check(n);
}

static struct tst_test test = {
	.test = run,
	.tcnt = 2,
};
