/*
 * epoll_wait15: one event wakes every instance watching it: 8 children,
 * each with its own epoll instance watching one pipe's read end
 * (EPOLLIN | EPOLLET) and asleep in epoll_wait(), all return 1 after a
 * single byte is written.
 */
#include "tst_test.h"

#define NWAITERS	8

static int fds[2] = { -1, -1 };
static int *woken;

static void child(void)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET };
	int efd = SAFE_EPOLL_CREATE1(0);

	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, fds[0], &ev);
	TST_CHECKPOINT_WAKE(0);
	TEST(epoll_wait(efd, &ev, 1, 2000));
	if (TST_RET == 1)
		__atomic_add_fetch(woken, 1, __ATOMIC_SEQ_CST);
	else
		tst_res(TWARN | TTERRNO, "epoll_wait() returned %ld expected 1",
			TST_RET);
	SAFE_CLOSE(efd);
	exit(0);
}

static void run(void)
{
	pid_t pids[NWAITERS];
	int i, n;

	__atomic_store_n(woken, 0, __ATOMIC_SEQ_CST);
	SAFE_PIPE(fds);
	for (i = 0; i < NWAITERS; i++) {
		pids[i] = SAFE_FORK();
		if (!pids[i])
			child();
		TST_CHECKPOINT_WAIT(0);
	}
	for (i = 0; i < NWAITERS; i++)
		if (TST_PROCESS_STATE_WAIT(pids[i], 'S', 0))
			tst_brk(TBROK | TERRNO, "child %d never slept", i);
	SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "x", 1);
	tst_reap_children();
	n = __atomic_load_n(woken, __ATOMIC_SEQ_CST);
	if (n == NWAITERS)
		tst_res(TPASS, "single event woke all %d waiters", NWAITERS);
	else
		tst_res(TFAIL, "single event woke %d of %d waiters", n, NWAITERS);
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
}

static void setup(void)
{
	woken = SAFE_MMAP(NULL, sizeof(*woken), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.forks_child = 1,
	.needs_checkpoints = 1,
};
