/*
 * poll01: POLLOUT and POLLIN on a pipe: poll(-1) on the empty pipe's
 * write end returns 1 with revents exactly POLLOUT; after a write, a
 * child polling the read end gets 1 with revents exactly POLLIN and reads
 * back the same bytes.
 */
#include "tst_test.h"

static int fds[2] = { -1, -1 };
static const char msg[] = "Testing";

static void child(void)
{
	struct pollfd p = { .fd = fds[0], .events = POLLIN };
	char buf[64] = "";

	SAFE_CLOSE(fds[1]);
	TEST(poll(&p, 1, -1));
	if (TST_RET != 1 || p.revents != POLLIN) {
		tst_res(TFAIL | TTERRNO, "poll() on the read end returned %ld, "
			"revents 0x%x, expected 1 and POLLIN", TST_RET, p.revents);
		exit(0);
	}
	if (read(fds[0], buf, sizeof(buf)) != sizeof(msg) || strcmp(buf, msg))
		tst_res(TFAIL | TERRNO, "read back '%s', expected '%s'", buf, msg);
	else
		tst_res(TPASS, "poll() POLLIN, and the data read back");
	exit(0);
}

static void run(void)
{
	struct pollfd p = { .fd = fds[1], .events = POLLOUT };

	TEST(poll(&p, 1, -1));
	if (TST_RET != 1 || p.revents != POLLOUT)
		tst_res(TFAIL | TTERRNO, "poll() on the write end returned %ld, "
			"revents 0x%x, expected 1 and POLLOUT", TST_RET, p.revents);
	else
		tst_res(TPASS, "poll() POLLOUT");
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], msg, sizeof(msg));
	if (!SAFE_FORK())
		child();
	tst_reap_children();
}

static void setup(void)
{
	SAFE_PIPE(fds);
}

static void cleanup(void)
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
};
