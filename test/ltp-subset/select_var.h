/*
 * select_var.h: the variants of the select tests, as LTP has them for
 * x86_64: 0 libc's select(), 1 the select system call, 2 the pselect6
 * system call (timeval converted to a timespec and back).  (LTP's
 * pselect6_time64 and _newselect variants exist on 32-bit only.)
 */
#ifndef SELECT_VAR_H
#define SELECT_VAR_H

#include <sys/select.h>

#define TEST_VARIANTS	3

static inline int do_select(int nfds, fd_set *r, fd_set *w, fd_set *e,
			    struct timeval *tv)
{
	struct timespec ts, *tsp = NULL;
	int ret;

	switch (tst_variant) {
	case 0:
		return select(nfds, r, w, e, tv);
	case 1:
		return tst_syscall(__NR_select, nfds, r, w, e, tv);
	}
	if (tv) {
		ts.tv_sec = tv->tv_sec;
		ts.tv_nsec = tv->tv_usec * 1000;
		tsp = &ts;
	}
	ret = tst_syscall(__NR_pselect6, nfds, r, w, e, tsp, NULL);
	if (tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	return ret;
}

static inline void select_info(void)
{
	static const char *const names[] = {
		"libc select()", "SYS_select syscall", "SYS_pselect6 syscall",
	};

	tst_res(TINFO, "Testing %s", names[tst_variant]);
}

#endif
