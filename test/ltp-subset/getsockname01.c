/*
 * getsockname01: the errors of getsockname(2): EBADF, ENOTSOCK
 * (/dev/null), EFAULT (NULL address; an aligned and an unaligned bad
 * length pointer) and EINVAL (a negative length), on a TCP socket bound
 * to INADDR_ANY.  Raw system calls, so that libc touches nothing first.
 */
#include "tst_test.h"

static struct sockaddr_in sin0, fsin1;
static socklen_t sinlen;

static struct tcase {
	int kind;		/* 0: fd 400, 1: /dev/null, 2: a bound TCP socket */
	struct sockaddr *addr;
	socklen_t *len;
	socklen_t lenval;
	int experrno;
	const char *desc;
} tcases[] = {
	{0, (struct sockaddr *)&fsin1, &sinlen, sizeof(fsin1), EBADF, "bad file descriptor"},
	{1, (struct sockaddr *)&fsin1, &sinlen, sizeof(fsin1), ENOTSOCK, "not a socket"},
	{2, NULL, &sinlen, sizeof(fsin1), EFAULT, "invalid socket buffer"},
	{2, (struct sockaddr *)&fsin1, (socklen_t *)1, 0, EFAULT, "invalid aligned salen"},
	{2, (struct sockaddr *)&fsin1, (socklen_t *)3, 0, EFAULT, "invalid unaligned salen"},
	{2, (struct sockaddr *)&fsin1, &sinlen, (socklen_t)-1, EINVAL, "negative salen"},
};

static void setup(void)
{
	sin0.sin_family = AF_INET;
	sin0.sin_addr.s_addr = INADDR_ANY;
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int s = 400;

	if (tc->kind == 1) {
		s = SAFE_OPEN("/dev/null", O_WRONLY);
	} else if (tc->kind == 2) {
		s = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
		SAFE_BIND(s, (struct sockaddr *)&sin0, sizeof(sin0));
	}
	sinlen = tc->lenval;
	TST_EXP_FAIL(syscall(SYS_getsockname, s, tc->addr, tc->len), tc->experrno, "%s",
		     tc->desc);
	if (tc->kind)
		SAFE_CLOSE(s);
}

static struct tst_test test = {
	.setup = setup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
