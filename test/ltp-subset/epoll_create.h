/*
 * epoll_create.h: the variants shared by the epoll_create tests, as LTP
 * has them: variant 0 the raw system call, variant 1 libc's wrapper.
 */
#ifndef EPOLL_CREATE_H
#define EPOLL_CREATE_H

#define EPOLL_CREATE_VARIANTS	2

static inline int do_epoll_create(int size)
{
	if (tst_variant == 0)
		return tst_syscall(__NR_epoll_create, size);
	return epoll_create(size);
}

static inline void variant_info(void)
{
	tst_res(TINFO, "Testing variant: %s", tst_variant == 0 ?
		"syscall __NR_epoll_create" : "libc epoll_create()");
}

#endif
