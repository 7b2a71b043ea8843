/*
 * epoll_wait13: maxevents caps each call, and only ready fds are ever
 * reported: of 13 ready pipes and 5 quiet ones, calls with maxevents 3
 * (and timeout 0) return 3, 3, 3, 3, 1 events, each ready pipe exactly
 * once (it is drained when reported), no quiet one ever.  The events
 * buffer is exactly 3 entries, followed by an inaccessible page.
 */
#include "tst_test.h"

#define NREADY		13	/* deliberately not a multiple of MAXEVENTS */
#define NQUIET		5
#define MAXEVENTS	3

static int epfd = -1;
static int ready[NREADY][2], quiet[NQUIET][2];
static struct epoll_event *events;

static void add_pipes(int p[][2], int n, uint64_t tag)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int i;

	for (i = 0; i < n; i++) {
		SAFE_PIPE(p[i]);
		ev.data.u64 = tag + i;	/* quiet ones are tagged >= NREADY */
		SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, p[i][0], &ev);
	}
}

static void setup(void)
{
	epfd = SAFE_EPOLL_CREATE1(0);
	add_pipes(ready, NREADY, 0);
	add_pipes(quiet, NQUIET, NREADY);
}

static void run(void)
{
	int seen[NREADY] = { 0 };
	int total = 0, calls = 0, i, r, want;
	char c;

	for (i = 0; i < NREADY; i++)
		SAFE_WRITE(SAFE_WRITE_ALL, ready[i][1], "x", 1);
	while (total < NREADY) {
		r = SAFE_EPOLL_WAIT(epfd, events, MAXEVENTS, 0);
		calls++;
		want = MIN(NREADY - total, MAXEVENTS);
		if (r != want) {
			tst_res(TFAIL, "epoll_wait() returned %d events, expected %d",
				r, want);
			return;
		}
		for (i = 0; i < r; i++) {
			uint64_t idx = events[i].data.u64;

			if (idx >= NREADY) {
				tst_res(TFAIL, "epoll_wait() reported quiet fd (tag %llu)",
					(unsigned long long)idx);
				return;
			}
			if (seen[idx]) {
				tst_res(TFAIL, "epoll_wait() reported ready fd %llu twice",
					(unsigned long long)idx);
				return;
			}
			seen[idx] = 1;
			total++;
			SAFE_READ(SAFE_READ_ALL, ready[idx][0], &c, 1);
		}
	}
	tst_res(TPASS, "epoll_wait() reported all %d ready fds in %d calls",
		NREADY, calls);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.bufs = (struct tst_buffers[]) {
		{ &events, .size = MAXEVENTS * sizeof(struct epoll_event) },
		{ NULL, 0, NULL },
	},
};
