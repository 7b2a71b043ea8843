/*
 * pipe04: two children write to one pipe without end; once the parent has
 * read a while from it, SIGKILL kills both though they may be blocked in
 * write(), and wait() reports exactly that.
 */
#include "tst_test.h"

static int fds[2] = { -1, -1 };

static void writer(const char *chunk)
{
	SAFE_CLOSE(fds[0]);
	for (;;) {
		if (write(fds[1], chunk, 25) != 25)
			tst_brk(TBROK | TERRNO, "pipe write failed");
	}
}

static void run(void)
{
	int acnt = 0, bcnt = 0, status, i;
	char buf[BUFSIZ];
	pid_t pid[2];
	ssize_t n;

	SAFE_PIPE(fds);
	pid[0] = SAFE_FORK();
	if (pid[0] == 0)
		writer("bbbbbbbbbbbbbbbbbbbbbbbbb");
	pid[1] = SAFE_FORK();
	if (pid[1] == 0)
		writer("AAAAAAAAAAAAAAAAAAAAAAAAA");
	SAFE_CLOSE(fds[1]);
	/* Read a bit from the children first. */
	while (acnt < 100 && bcnt < 100) {
		n = read(fds[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			tst_res(TFAIL | TERRNO, "Unable to read from pipe (%zd)", n);
			break;
		}
		if (buf[1] == 'A')
			acnt++;
		else if (buf[1] == 'b')
			bcnt++;
		else
			tst_res(TFAIL, "Got bogus '%c' character", buf[1]);
	}
	for (i = 0; i < 2; i++)
		SAFE_KILL(pid[i], SIGKILL);
	for (i = 0; i < 2; i++) {
		SAFE_WAITPID(pid[i], &status, 0);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			tst_res(TPASS, "Child %d killed while writing to a pipe", i + 1);
		else
			tst_res(TFAIL, "Child %d: unexpected wait status 0x%x",
				i + 1, status);
	}
	SAFE_CLOSE(fds[0]);
}

static struct tst_test test = {
	.forks_child = 1,
	.test_all = run,
};
