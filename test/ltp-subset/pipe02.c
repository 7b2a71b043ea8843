/*
 * pipe02: a child that writes to a pipe whose read end the parent has
 * closed is killed by SIGPIPE (the default action), after its first write
 * was read whole by the parent.
 */
#include "tst_test.h"

#define LEN	5

static int fds[2] = { -1, -1 };

static void child(void)
{
	char out[LEN];

	memset(out, 'a', LEN);
	SAFE_SIGNAL(SIGPIPE, SIG_DFL);
	SAFE_CLOSE(fds[0]);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], out, LEN);
	TST_CHECKPOINT_WAIT(0);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], out, LEN);
	exit(0);
}

static void run(void)
{
	char want[LEN], got[LEN];
	int status;
	pid_t pid;

	memset(want, 'a', LEN);
	memset(got, 0, LEN);
	TEST(pipe(fds));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "pipe() failed");
		return;
	}
	pid = SAFE_FORK();
	if (pid == 0)
		child();
	SAFE_CLOSE(fds[1]);
	SAFE_READ(SAFE_READ_ALL, fds[0], got, LEN);
	if (memcmp(want, got, LEN) != 0) {
		tst_res(TFAIL, "pipe read data and pipe write data didn't match");
		TST_CHECKPOINT_WAKE(0);
		SAFE_CLOSE(fds[0]);
		SAFE_WAITPID(pid, &status, 0);
		return;
	}
	SAFE_CLOSE(fds[0]);
	TST_CHECKPOINT_WAKE(0);
	SAFE_WAITPID(pid, &status, 0);
	if (!WIFSIGNALED(status))
		tst_res(TFAIL, "Child wasn't killed by signal (status 0x%x)", status);
	else if (WTERMSIG(status) != SIGPIPE)
		tst_res(TFAIL, "Child killed by %s expected SIGPIPE",
			tst_strsig(WTERMSIG(status)));
	else
		tst_res(TPASS, "Child killed by SIGPIPE");
}

static struct tst_test test = {
	.forks_child = 1,
	.needs_checkpoints = 1,
	.test_all = run,
};
