/*
 * epoll_wait14: the ready list is served round-robin: 13 pipes kept
 * ready (never drained), read 3 events at a time until 4 x 13 events
 * came, are each reported exactly 4 times; every call returns 3.
 */
#include "tst_test.h"

#define NREADY		13
#define MAXEVENTS	3
#define ROUNDS		4

static int epfd = -1;
static int ready[NREADY][2];
static struct epoll_event *events;

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int i;

	epfd = SAFE_EPOLL_CREATE1(0);
	for (i = 0; i < NREADY; i++) {
		SAFE_PIPE(ready[i]);
		SAFE_WRITE(SAFE_WRITE_ALL, ready[i][1], "x", 1);
		ev.data.u64 = i;
		SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, ready[i][0], &ev);
	}
}

static void run(void)
{
	int count[NREADY] = { 0 };
	int got = 0, target = ROUNDS * NREADY, i, r;

	while (got < target) {
		r = SAFE_EPOLL_WAIT(epfd, events, MAXEVENTS, 0);
		if (r != MAXEVENTS) {
			tst_res(TFAIL, "epoll_wait() returned %d events, expected %d",
				r, MAXEVENTS);
			return;
		}
		for (i = 0; i < r && got < target; i++) {
			uint64_t idx = events[i].data.u64;

			if (idx >= NREADY) {
				tst_res(TFAIL, "epoll_wait() returned bogus index %llu",
					(unsigned long long)idx);
				return;
			}
			count[idx]++;
			got++;
		}
	}
	for (i = 0; i < NREADY; i++) {
		if (count[i] != ROUNDS) {
			tst_res(TFAIL, "fd %d reported %d times, expected %d", i,
				count[i], ROUNDS);
			return;
		}
	}
	tst_res(TPASS, "epoll_wait() reported each of %d fds exactly %d times",
		NREADY, ROUNDS);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.bufs = (struct tst_buffers[]) {
		{ &events, .size = MAXEVENTS * sizeof(struct epoll_event) },
		{ NULL, 0, NULL },
	},
};
