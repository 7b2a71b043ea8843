/*
 * epoll_create02: epoll_create(size) with size 0 or -1 fails with EINVAL,
 * through the raw system call and libc's wrapper (epoll_create.h).
 * With musl: musl's epoll_create() calls epoll_create1(0) and never
 * passes the size to the kernel, so with musl the wrapper variant cannot
 * see the kernel's answer and is TCONF (the raw variant checks it).
 */
#include "tst_test.h"
#include "epoll_create.h"

static void setup(void)
{
	variant_info();
#ifndef __GLIBC__
	if (tst_variant == 1)
		tst_brk(TCONF, "musl's epoll_create() does not pass size to the kernel");
#endif
}

static const int sizes[] = { 0, -1 };

static void run(unsigned int n)
{
	TST_EXP_FAIL(do_epoll_create(sizes[n]), EINVAL, "epoll_create(%d)",
		     sizes[n]);
	if (TST_RET >= 0)
		close(TST_RET);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(sizes),
	.setup = setup,
	.test_variants = EPOLL_CREATE_VARIANTS,
};
