/*
 * pselect_var.h: the variants of the pselect tests on x86_64: 0 libc's
 * pselect(), 1 the pselect6 system call (its sixth argument a pointer to
 * {sigset pointer, sigset size}).  (LTP's pselect6_time64 variant exists
 * on 32-bit only.)
 */
#ifndef PSELECT_VAR_H
#define PSELECT_VAR_H

#include <sys/select.h>

#define TEST_VARIANTS	2

static inline int do_pselect(int nfds, fd_set *r, fd_set *w, fd_set *e,
			     struct timespec *ts, const sigset_t *mask)
{
	struct { const sigset_t *set; size_t size; } data = { mask, _NSIG / 8 };

	if (tst_variant == 0)
		return pselect(nfds, r, w, e, ts, mask);
	return tst_syscall(__NR_pselect6, nfds, r, w, e, ts, mask ? &data : NULL);
}

static inline void pselect_info(void)
{
	tst_res(TINFO, "Testing %s", tst_variant == 0 ? "libc pselect()" :
		"SYS_pselect6 syscall");
}

#endif
