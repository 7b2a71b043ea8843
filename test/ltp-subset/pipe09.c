/*
 * pipe09: two children write to the same pipe in turn, 50 one-byte writes
 * each ('A' then 'B'); the parent reads exactly 50 of each and nothing
 * else.
 */
#include "tst_test.h"

#define WRITES	100	/* in all, half each */

static int fds[2] = { -1, -1 };

static void writer(char c)
{
	int i;

	SAFE_CLOSE(fds[0]);
	for (i = 0; i < WRITES / 2; i++)
		SAFE_WRITE(SAFE_WRITE_ALL, fds[1], &c, 1);
	exit(0);
}

static void run(void)
{
	int acnt = 0, bcnt = 0, status, i, bogus = 0;
	char buf[BUFSIZ];
	const char who[] = "AB";
	ssize_t n;
	pid_t pid;

	TEST(pipe(fds));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "pipe() call failed");
		return;
	}
	for (i = 0; i < 2; i++) {
		pid = SAFE_FORK();
		if (pid == 0)
			writer(who[i]);
		SAFE_WAITPID(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			tst_brk(TBROK, "child %d: wait status 0x%x", i + 1, status);
	}
	SAFE_CLOSE(fds[1]);
	while ((n = read(fds[0], buf, 100)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			tst_brk(TBROK | TERRNO, "reading the pipe failed");
		}
		for (i = 0; i < n; i++) {
			if (buf[i] == 'A')
				acnt++;
			else if (buf[i] == 'B')
				bcnt++;
			else
				bogus++;
		}
	}
	SAFE_CLOSE(fds[0]);
	if (bogus)
		tst_res(TFAIL, "got %d bogus characters", bogus);
	if (acnt == WRITES / 2 && bcnt == WRITES / 2)
		tst_res(TPASS, "functionality appears to be correct");
	else
		tst_res(TFAIL, "functionality is not correct - Acnt = %d, Bcnt = %d",
			acnt, bcnt);
}

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

static struct tst_test test = {
	.forks_child = 1,
	.test_all = run,
	.cleanup = cleanup,
};
