/*
 * pipe08: a write to a pipe nobody can read from raises SIGPIPE (exactly
 * once, caught here) and fails with EPIPE.
 */
#include "tst_test.h"

static int fds[2] = { -1, -1 };
static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	if (sig == SIGPIPE)
		sigpipes++;
}

static void run(void)
{
	static const char msg[] = "abcdefghijklmnopqrstuvwxyz";

	sigpipes = 0;
	SAFE_PIPE(fds);
	SAFE_CLOSE(fds[0]);
	TST_EXP_FAIL2(write(fds[1], msg, sizeof(msg)), EPIPE);
	TST_EXP_EQ_LI(sigpipes, 1);
	SAFE_CLOSE(fds[1]);
}

static void setup(void)
{
	SAFE_SIGNAL(SIGPIPE, on_sigpipe);
}

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
};
