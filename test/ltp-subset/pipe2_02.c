/*
 * pipe2_02: a pipe made with pipe2(O_CLOEXEC) does not survive execve():
 * the program executed (pipe2_02_child) finds the write end's descriptor
 * closed (EBADF).
 */
#include "tst_test.h"

#define CHILD	"pipe2_02_child"

static int fds[2] = { -1, -1 };

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

static void run(void)
{
	char arg[20];
	int status;
	pid_t pid;

	SAFE_PIPE2(fds, O_CLOEXEC);
	snprintf(arg, sizeof(arg), "%d", fds[1]);
	pid = SAFE_FORK();
	if (pid == 0) {
		execlp(CHILD, CHILD, arg, (char *)NULL);
		tst_brk(TBROK | TERRNO, "execlp(%s) failed", CHILD);
	}
	SAFE_WAITPID(pid, &status, 0);
	if (!WIFEXITED(status))
		tst_brk(TBROK, "%s exits with unexpected error", CHILD);
	switch (WEXITSTATUS(status)) {
	case 0:
		tst_res(TPASS, "test O_CLOEXEC for pipe2 success");
		break;
	case 1:
		tst_res(TFAIL, "test O_CLOEXEC for pipe2 failed");
		break;
	default:
		tst_brk(TBROK, "%s: exit status %d", CHILD, WEXITSTATUS(status));
	}
	cleanup();
}

static struct tst_test test = {
	.cleanup = cleanup,
	.forks_child = 1,
	.needs_root = 1,
	.test_all = run,
};
