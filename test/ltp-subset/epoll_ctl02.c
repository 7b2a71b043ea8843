/*
 * epoll_ctl02: the errors of epoll_ctl(): EBADF for a bad epfd and a bad
 * fd, EINVAL for an unknown op, for fd == epfd and for an epfd that is
 * not an epoll instance, EPERM for a regular file, EFAULT for a NULL
 * event, ENOENT for DEL and MOD of an fd not registered, EEXIST for a
 * second ADD.
 */
#include "tst_test.h"

static int epfd = -1, filefd = -1;
static int fds[2] = { -1, -1 };
static int inv = -1;
static struct epoll_event evs[2] = { { .events = EPOLLIN }, { .events = EPOLLOUT } };

static const struct {
	int *epfd;
	int op;
	int *fd;
	struct epoll_event *ev;
	int err;
	const char *desc;
} tc[] = {
	{ &inv, EPOLL_CTL_ADD, &fds[1], &evs[1], EBADF, "epfd is an invalid fd" },
	{ &epfd, EPOLL_CTL_ADD, &inv, &evs[1], EBADF, "fd is an invalid fd" },
	{ &epfd, -1, &fds[1], &evs[1], EINVAL, "op is not supported" },
	{ &epfd, EPOLL_CTL_ADD, &epfd, &evs[1], EINVAL, "fd is the same as epfd" },
	{ &fds[0], EPOLL_CTL_ADD, &fds[1], &evs[1], EINVAL, "epfd is not an epoll fd" },
	{ &epfd, EPOLL_CTL_ADD, &filefd, &evs[1], EPERM, "fd is a regular file" },
	{ &epfd, EPOLL_CTL_ADD, &fds[1], NULL, EFAULT, "events is NULL" },
	{ &epfd, EPOLL_CTL_DEL, &fds[1], &evs[1], ENOENT, "fd is not registered with EPOLL_CTL_DEL" },
	{ &epfd, EPOLL_CTL_MOD, &fds[1], &evs[1], ENOENT, "fd is not registered with EPOLL_CTL_MOD" },
	{ &epfd, EPOLL_CTL_ADD, &fds[0], &evs[0], EEXIST, "fd is already registered with EPOLL_CTL_ADD" },
};

static void run(unsigned int n)
{
	TST_EXP_FAIL(epoll_ctl(*tc[n].epfd, tc[n].op, *tc[n].fd, tc[n].ev),
		     tc[n].err, "epoll_ctl() if %s", tc[n].desc);
}

static void setup(void)
{
	epfd = SAFE_EPOLL_CREATE1(0);
	SAFE_PIPE(fds);
	filefd = SAFE_OPEN("file", O_RDWR | O_CREAT, 0600);
	evs[0].data.fd = fds[0];
	evs[1].data.fd = fds[1];
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fds[0], &evs[0]);
}

static void cleanup(void)
{
	if (epfd >= 0)
		close(epfd);
	if (filefd >= 0)
		close(filefd);
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
	.needs_tmpdir = 1,
};
