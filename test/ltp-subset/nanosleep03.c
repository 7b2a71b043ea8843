/*
 * nanosleep03: a nanosleep() interrupted by a caught signal fails with
 * EINTR.
 */
#include "tst_test.h"

static void on_sigint(int sig)
{
	(void)sig;
}

static void run(void)
{
	struct timespec req = { 5, 9999 }, rem;
	pid_t pid = SAFE_FORK();

	if (pid == 0) {
		TST_EXP_FAIL(nanosleep(&req, &rem), EINTR);
		exit(0);
	}
	TST_PROCESS_STATE_WAIT(pid, 'S', 0);
	SAFE_KILL(pid, SIGINT);
	tst_reap_children();
}

static void setup(void)
{
	SAFE_SIGNAL(SIGINT, on_sigint);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.forks_child = 1,
};
