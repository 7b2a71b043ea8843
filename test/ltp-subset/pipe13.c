/*
 * pipe13: when the last writer of a pipe closes it, every reader asleep in
 * read() wakes up and reads end-of-file (2, 10, 27 and 100 readers); each
 * is reaped within LTP's back-off (about 2 s), or the test fails.
 */
#include "tst_test.h"

static const unsigned int nreaders[] = { 2, 10, 27, 100 };
static int fds[2] = { -1, -1 };

static void reader(unsigned int i)
{
	char c;
	ssize_t n;

	SAFE_CLOSE(fds[1]);
	TST_CHECKPOINT_WAKE(i);
	n = SAFE_READ(SAFE_READ_ANY, fds[0], &c, 1);
	if (n != 0)
		tst_res(TFAIL, "Wrong return from read %zd", n);
	exit(0);
}

/* Reaps what has exited, clearing its pid; returns how many are left. */
static unsigned int reap(pid_t *pid, unsigned int n)
{
	unsigned int i, left = 0;
	pid_t p;

	while ((p = waitpid(-1, NULL, WNOHANG)) > 0) {
		for (i = 0; i < n; i++)
			if (pid[i] == p)
				pid[i] = 0;
	}
	if (p < 0 && errno != ECHILD)
		tst_brk(TBROK | TERRNO, "waitpid()");
	for (i = 0; i < n; i++)
		left += pid[i] != 0;
	return left;
}

static void run(unsigned int n)
{
	unsigned int kids = nreaders[n], i, left;
	useconds_t delay;
	pid_t pid[100];

	SAFE_PIPE(fds);
	tst_res(TINFO, "Creating %u child processes", kids);
	for (i = 0; i < kids; i++) {
		pid[i] = SAFE_FORK();
		if (pid[i] == 0)
			reader(i);
		TST_CHECKPOINT_WAIT(i);
		TST_PROCESS_STATE_WAIT(pid[i], 'S', 0);
	}
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
	/* LTP's exponential back-off: 1 us doubling while below 1 s. */
	for (delay = 1; (left = reap(pid, kids)) && delay < 1000000; delay *= 2)
		usleep(delay);
	for (i = 0; i < kids; i++) {
		if (pid[i]) {
			tst_res(TINFO, "pid %d still sleeps", (int)pid[i]);
			SAFE_KILL(pid[i], SIGKILL);
			SAFE_WAITPID(pid[i], NULL, 0);
		}
	}
	if (left)
		tst_res(TFAIL, "Closed pipe didn't wake up everyone");
	else
		tst_res(TPASS, "Closed pipe waked up everyone");
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(nreaders),
	.forks_child = 1,
	.needs_checkpoints = 1,
	.tags = (const struct tst_tag[]) {
		{ "linux-git", "6551d5c56eb0" },
		{ NULL, NULL },
	},
};
