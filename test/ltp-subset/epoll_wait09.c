/*
 * epoll_wait09: nested instances report through every level, for chains
 * of 2 to 5: with the innermost watching a pipe and each next one the
 * previous, a byte in the pipe makes each level, from the outermost in,
 * report one EPOLLIN event carrying the fd it watches.
 */
#include "tst_test.h"

#define MAX_DEPTH	5

static int epfds[MAX_DEPTH] = { -1, -1, -1, -1, -1 };
static int fds[2] = { -1, -1 };

static void run(unsigned int n)
{
	struct epoll_event ev;
	int depth = n + 2, prev = fds[0], i, want;
	char c;

	for (i = 0; i < depth; i++) {
		epfds[i] = SAFE_EPOLL_CREATE1(0);
		ev.events = EPOLLIN;
		ev.data.fd = prev;
		SAFE_EPOLL_CTL(epfds[i], EPOLL_CTL_ADD, prev, &ev);
		prev = epfds[i];
	}
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "x", 1);
	for (i = depth - 1; i >= 0; i--) {
		want = i > 0 ? epfds[i - 1] : fds[0];
		TEST(epoll_wait(epfds[i], &ev, 1, 1000));
		if (TST_RET != 1) {
			tst_res(TFAIL | TTERRNO, "depth %d/%d: epoll_wait() returned %ld, "
				"expected 1", depth - i, depth, TST_RET);
			goto out;
		}
		if (ev.data.fd != want || !(ev.events & EPOLLIN)) {
			tst_res(TFAIL, "depth %d/%d: fd %d events 0x%x, expected fd %d "
				"EPOLLIN", depth - i, depth, ev.data.fd, ev.events, want);
			goto out;
		}
	}
	tst_res(TPASS, "epoll_wait() with %d nested levels", depth);
out:
	SAFE_READ(SAFE_READ_ALL, fds[0], &c, 1);
	for (i = depth - 1; i >= 0; i--)
		SAFE_CLOSE(epfds[i]);
}

static void setup(void)
{
	SAFE_PIPE(fds);
}

static void cleanup(void)
{
	int i;

	for (i = 0; i < MAX_DEPTH; i++)
		if (epfds[i] >= 0)
			close(epfds[i]);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

static struct tst_test test = {
	.test = run,
	.tcnt = MAX_DEPTH - 1,
	.setup = setup,
	.cleanup = cleanup,
};
