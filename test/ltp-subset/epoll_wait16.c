/*
 * epoll_wait16: EPOLLEXCLUSIVE wakes exactly one waiter: 8 children, each
 * with its own instance watching one pipe's read end with
 * EPOLLIN | EPOLLET | EPOLLEXCLUSIVE and asleep in epoll_wait(); each of
 * 8 single-byte writes (drained in between) wakes exactly one more.
 */
#include "tst_test.h"

#define NWAITERS	8

static int fds[2] = { -1, -1 };
static int *woken;

static void child(void)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET | EPOLLEXCLUSIVE };
	int efd = SAFE_EPOLL_CREATE1(0);

	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, fds[0], &ev);
	TEST(epoll_wait(efd, &ev, 1, 2000));
	if (TST_RET == 1) {
		__atomic_add_fetch(woken, 1, __ATOMIC_SEQ_CST);
		TST_CHECKPOINT_WAKE(0);
	} else {
		tst_res(TWARN | TTERRNO, "epoll_wait() returned %ld expected 1",
			TST_RET);
	}
	SAFE_CLOSE(efd);
	exit(0);
}

static void run(void)
{
	pid_t pids[NWAITERS];
	int i, round, n = 0;
	char c;

	__atomic_store_n(woken, 0, __ATOMIC_SEQ_CST);
	SAFE_PIPE(fds);
	for (i = 0; i < NWAITERS; i++) {
		pids[i] = SAFE_FORK();
		if (!pids[i])
			child();
	}
	for (i = 0; i < NWAITERS; i++)
		if (TST_PROCESS_STATE_WAIT(pids[i], 'S', 0))
			tst_brk(TBROK | TERRNO, "child %d never slept", i);
	for (round = 0; round < NWAITERS; round++) {
		SAFE_WRITE(SAFE_WRITE_ALL, fds[1], "x", 1);
		TST_CHECKPOINT_WAIT(0);
		n = __atomic_load_n(woken, __ATOMIC_SEQ_CST);
		if (n != round + 1) {
			tst_res(TFAIL, "event %d woke %d waiters in total, expected %d",
				round + 1, n, round + 1);
			break;
		}
		SAFE_READ(SAFE_READ_ALL, fds[0], &c, 1);
	}
	if (round == NWAITERS)
		tst_res(TPASS, "each event woke exactly one waiter");
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
