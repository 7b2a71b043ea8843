/*
 * epoll_wait08: a signal (with a handler) ends epoll_wait() with EINTR:
 * a child blocks in epoll_wait(-1) on an empty instance; once it sleeps,
 * the parent sends it SIGUSR1.
 */
#include "tst_test.h"

static int efd = -1;

static void handler(int sig)
{
	(void)sig;
}

static void setup(void)
{
	struct sigaction sa = { .sa_handler = handler };

	SAFE_SIGEMPTYSET(&sa.sa_mask);
	SAFE_SIGACTION(SIGUSR1, &sa, NULL);
	efd = SAFE_EPOLL_CREATE1(0);
}

static void run(void)
{
	pid_t pid = SAFE_FORK();

	if (!pid) {
		struct epoll_event ev;

		TST_EXP_FAIL2(epoll_wait(efd, &ev, 1, -1), EINTR,
			      "epoll_wait() interrupted by signal");
		exit(0);
	}
	if (TST_PROCESS_STATE_WAIT(pid, 'S', 0))
		tst_brk(TBROK | TERRNO, "child never slept");
	SAFE_KILL(pid, SIGUSR1);
}

static void cleanup(void)
{
	if (efd >= 0)
		close(efd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
};
