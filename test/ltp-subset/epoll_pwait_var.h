/*
 * epoll_pwait_var.h: the variants of the epoll_pwait tests, as LTP has
 * them: 0 is libc's epoll_pwait() (the timeout rounded up to whole
 * milliseconds, NULL for infinite), 1 is the epoll_pwait2 system call
 * with the timespec itself.
 */
#ifndef EPOLL_PWAIT_VAR_H
#define EPOLL_PWAIT_VAR_H

#define TEST_VARIANTS	2

static inline int sys_epoll_pwait2(int epfd, struct epoll_event *ev, int maxevents,
			    const struct timespec *timeout, const sigset_t *mask)
{
	return syscall(__NR_epoll_pwait2, epfd, ev, maxevents, timeout, mask,
		       _NSIG / 8);
}

static inline int do_epoll_pwait(int epfd, struct epoll_event *ev, int maxevents,
			  const struct timespec *timeout, const sigset_t *mask)
{
	int ms = -1;

	if (tst_variant == 1)
		return sys_epoll_pwait2(epfd, ev, maxevents, timeout, mask);
	if (timeout)
		ms = timeout->tv_sec * 1000 + (timeout->tv_nsec + 999999) / 1000000;
	return epoll_pwait(epfd, ev, maxevents, ms, mask);
}

/* TCONF when the kernel has no epoll_pwait2 (before Linux 5.11). */
static inline void epoll_pwait_init(void)
{
	if (tst_variant == 0) {
		tst_res(TINFO, "Test epoll_pwait()");
		return;
	}
	tst_res(TINFO, "Test epoll_pwait2()");
	if (sys_epoll_pwait2(-1, NULL, 1, NULL, NULL) == -1 && errno == ENOSYS)
		tst_brk(TCONF, "epoll_pwait2() is not supported");
}

#endif
