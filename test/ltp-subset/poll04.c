/*
 * poll04: POLLNVAL for a descriptor that is not open: poll() returns 1
 * at once with revents exactly POLLNVAL for it (whatever was asked), and
 * still reports the other, valid entry of the same call.
 */
#include "tst_test.h"

static void run(void)
{
	struct pollfd p[2];
	int fds[2], closed;

	SAFE_PIPE(fds);
	closed = SAFE_DUP(fds[0]);
	p[0].fd = closed;
	SAFE_CLOSE(closed);
	p[0].events = POLLIN | POLLOUT | POLLPRI;
	p[0].revents = 0;
	TEST(poll(p, 1, 1000));
	if (TST_RET == 1 && p[0].revents == POLLNVAL)
		tst_res(TPASS, "poll() on a closed fd: revents POLLNVAL");
	else
		tst_res(TFAIL | TTERRNO, "poll() on a closed fd returned %ld "
			"revents 0x%x, expected 1 and POLLNVAL", TST_RET, p[0].revents);

	p[0].revents = 0;
	p[1].fd = fds[1];
	p[1].events = POLLOUT;
	p[1].revents = 0;
	TEST(poll(p, 2, 1000));
	if (TST_RET == 2 && p[0].revents == POLLNVAL && p[1].revents == POLLOUT)
		tst_res(TPASS, "poll() of a closed and an open fd: POLLNVAL, POLLOUT");
	else
		tst_res(TFAIL | TTERRNO, "poll() returned %ld revents 0x%x 0x%x, "
			"expected 2, POLLNVAL, POLLOUT", TST_RET, p[0].revents,
			p[1].revents);
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
}

static struct tst_test test = {
	.test_all = run,
};
