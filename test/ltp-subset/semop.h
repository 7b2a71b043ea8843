/*
 * semop.h: the variants shared by the semop tests, as LTP has them:
 * variant 0 semop(), variant 1 semtimedop() with no timeout.
 */
#ifndef SEMOP_H
#define SEMOP_H

#define SEMOP_VARIANTS	2

static inline int call_semop(int id, struct sembuf *sops, size_t n)
{
	if (tst_variant == 0)
		return semop(id, sops, n);
	return semtimedop(id, sops, n, NULL);
}

static inline void semop_info(void)
{
	tst_res(TINFO, "Testing variant: %s", tst_variant == 0 ? "semop()" : "semtimedop()");
}

#endif
