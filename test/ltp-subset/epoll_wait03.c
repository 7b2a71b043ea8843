/*
 * epoll_wait03: the errors of epoll_wait(): EBADF for a bad epfd, EINVAL
 * for an epfd that is not an epoll instance and for maxevents -1 and 0,
 * EFAULT for an events buffer that cannot be written (read-only page).
 */
#include "tst_test.h"

static int epfd = -1, fds[2] = { -1, -1 }, bad = -1;
static struct epoll_event evs[1];
static struct epoll_event *rw = evs, *ro;

static const struct {
	int *epfd;
	struct epoll_event **ev;
	int maxevents;
	int err;
	const char *desc;
} tc[] = {
	{ &bad, &rw, 1, EBADF, "epfd is not a valid fd" },
	{ &fds[0], &rw, 1, EINVAL, "epfd is not an epoll fd" },
	{ &epfd, &rw, -1, EINVAL, "maxevents is less than zero" },
	{ &epfd, &rw, 0, EINVAL, "maxevents is zero" },
	{ &epfd, &ro, 1, EFAULT, "events is not writable" },
};

static void run(unsigned int n)
{
	TST_EXP_FAIL(epoll_wait(*tc[n].epfd, *tc[n].ev, tc[n].maxevents, -1),
		     tc[n].err, "epoll_wait() if %s", tc[n].desc);
}

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLOUT };

	ro = SAFE_MMAP(NULL, getpagesize(), PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SAFE_PIPE(fds);
	epfd = SAFE_EPOLL_CREATE1(0);
	ev.data.fd = fds[1];
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fds[1], &ev);
}

static void cleanup(void)
{
	if (epfd >= 0)
		close(epfd);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tc),
	.setup = setup,
	.cleanup = cleanup,
};
