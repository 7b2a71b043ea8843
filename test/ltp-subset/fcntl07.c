/*
 * fcntl07: close-on-exec.  With FD_CLOEXEC set by F_SETFD on a regular
 * file, on the write end of a pipe and on a FIFO opened for writing, a
 * forked child that execs this program (as "fcntl07 -T <fd>") finds the
 * descriptor closed: F_GETFD fails with EBADF.  Without the flag the
 * exec'd program finds it still open (the check can fail).
 */
#define TST_NO_DEFAULT_MAIN
#include "tst_test.h"

static int file_fd = -1, pipe_fds[2] = { -1, -1 }, fifo_fd = -1, fifo_rd = -1;
static char *prog;

static struct tcase {
	int *fd;
	const char *desc;
} tcases[] = {
	{ &file_fd, "regular file" },
	{ &pipe_fds[1], "write end of a pipe" },
	{ &fifo_fd, "FIFO" },
};

/* The exec'd side: 0 closed (EBADF), 3 open, else the errno. */
static int test_open(const char *arg)
{
	if (fcntl(atoi(arg), F_GETFD) == -1)
		return errno == EBADF ? 0 : errno;
	return 3;
}

/* The exit status of "prog -T fd" run in a child. */
static int exec_status(int fd)
{
	char num[16];
	pid_t pid;
	int status;

	sprintf(num, "%d", fd);
	pid = SAFE_FORK();
	if (!pid) {
		execlp(prog, prog, "-T", num, (char *)NULL);
		_exit(2);
	}
	SAFE_WAITPID(pid, &status, 0);
	if (!WIFEXITED(status))
		tst_brk(TBROK, "exec'd child ended with status 0x%x", status);
	if (WEXITSTATUS(status) == 2)
		tst_brk(TBROK, "cannot exec %s", prog);
	return WEXITSTATUS(status);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int fd = *tc->fd, st;

	SAFE_FCNTL(fd, F_SETFD, 0);
	st = exec_status(fd);
	if (st != 3) {
		tst_res(TFAIL, "%s without FD_CLOEXEC: exec'd child says %d, "
			"expected 3 (open)", tc->desc, st);
		return;
	}
	TEST(fcntl(fd, F_SETFD, FD_CLOEXEC));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "fcntl(%s, F_SETFD, FD_CLOEXEC)", tc->desc);
		return;
	}
	st = exec_status(fd);
	if (st == 0)
		tst_res(TPASS, "%s: closed across exec", tc->desc);
	else
		tst_res(TFAIL, "%s: exec'd child exited %d, expected 0 (closed)",
			tc->desc, st);
}

static void setup(void)
{
	file_fd = SAFE_OPEN("DefaultFileName", O_CREAT | O_RDWR, 0666);
	SAFE_PIPE(pipe_fds);
	SAFE_MKFIFO("fifo", 0666);
	fifo_rd = SAFE_OPEN("fifo", O_RDONLY | O_NONBLOCK);
	fifo_fd = SAFE_OPEN("fifo", O_WRONLY);
}

static void cleanup(void)
{
	int *fds[] = { &file_fd, &pipe_fds[0], &pipe_fds[1], &fifo_fd, &fifo_rd };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fds); i++)
		if (*fds[i] >= 0)
			close(*fds[i]);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.forks_child = 1,
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
};

int main(int argc, char *argv[])
{
	if (argc == 3 && !strcmp(argv[1], "-T"))
		return test_open(argv[2]);
	prog = argv[0];
	tst_run_tcases(argc, argv, &test);
}
