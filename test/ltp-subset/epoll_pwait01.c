/*
 * epoll_pwait01: the signal mask of epoll_pwait()/epoll_pwait2(): a child
 * sends SIGUSR1 (which has a handler) once the parent sleeps in the call,
 * then writes a byte 10 ms later to a socketpair the parent watches.
 *   - with SIGUSR1 in the mask the call waits through the signal and
 *     returns 1 (the byte);
 *   - without a mask it fails with EINTR.
 */
#include "tst_test.h"
#include "epoll_pwait_var.h"

static int efd = -1, sfd[2] = { -1, -1 };
static struct epoll_event e;
static sigset_t blocked;

static void handler(int sig)
{
	(void)sig;
}

static void verify_sigmask(void)
{
	TEST(do_epoll_pwait(efd, &e, 1, NULL, &blocked));
	if (TST_RET != 1)
		tst_res(TFAIL | TTERRNO, "do_epoll_pwait() returned %ld, expected 1",
			TST_RET);
	else
		tst_res(TPASS, "do_epoll_pwait() with sigmask blocked signal");
}

static void verify_nomask(void)
{
	TST_EXP_FAIL(do_epoll_pwait(efd, &e, 1, NULL, NULL), EINTR,
		     "do_epoll_pwait() without sigmask");
}

static void run(unsigned int n)
{
	pid_t parent;
	char b;

	if (!SAFE_FORK()) {
		parent = getppid();
		if (TST_PROCESS_STATE_WAIT(parent, 'S', 0))
			tst_brk(TBROK | TERRNO, "parent never slept");
		SAFE_KILL(parent, SIGUSR1);
		usleep(10000);
		SAFE_WRITE(SAFE_WRITE_ALL, sfd[1], "w", 1);
		exit(0);
	}
	if (n == 0)
		verify_sigmask();
	else
		verify_nomask();
	SAFE_READ(SAFE_READ_ALL, sfd[0], &b, 1);
	tst_reap_children();
}

static void setup(void)
{
	struct sigaction sa = { .sa_handler = handler };

	epoll_pwait_init();
	SAFE_SIGEMPTYSET(&blocked);
	SAFE_SIGADDSET(&blocked, SIGUSR1);
	SAFE_SIGEMPTYSET(&sa.sa_mask);
	SAFE_SIGACTION(SIGUSR1, &sa, NULL);
	SAFE_SOCKETPAIR(AF_UNIX, SOCK_STREAM, 0, sfd);
	efd = SAFE_EPOLL_CREATE1(0);
	e.events = EPOLLIN;
	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, sfd[0], &e);
}

static void cleanup(void)
{
	if (efd >= 0)
		close(efd);
	if (sfd[0] >= 0)
		close(sfd[0]);
	if (sfd[1] >= 0)
		close(sfd[1]);
}

static struct tst_test test = {
	.test = run,
	.tcnt = 2,
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
	.test_variants = TEST_VARIANTS,
};
