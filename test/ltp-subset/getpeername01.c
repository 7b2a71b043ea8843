/*
 * getpeername01: the errors of getpeername(2): EBADF, ENOTSOCK
 * (/dev/null), ENOTCONN (a bound TCP socket without a peer), EINVAL (a
 * negative length) and EFAULT (a bad address or length pointer) on a
 * connected UNIX stream pair.  Raw system calls.
 */
#include "tst_test.h"

static struct sockaddr_in sin0;
static struct sockaddr_storage fsin1;
static socklen_t sinlen;

static struct tcase {
	int kind;		/* 0: fd 400, 1: /dev/null, 2: bound TCP, 3: a UNIX pair */
	struct sockaddr *addr;
	socklen_t *len;
	socklen_t lenval;
	int experrno;
	const char *desc;
} tcases[] = {
	{0, (struct sockaddr *)&fsin1, &sinlen, sizeof(fsin1), EBADF, "bad file descriptor"},
	{1, (struct sockaddr *)&fsin1, &sinlen, sizeof(fsin1), ENOTSOCK, "not a socket"},
	{2, (struct sockaddr *)&fsin1, &sinlen, sizeof(fsin1), ENOTCONN, "not connected"},
	{3, (struct sockaddr *)&fsin1, &sinlen, (socklen_t)-1, EINVAL, "invalid salen"},
	{3, (struct sockaddr *)-1, &sinlen, sizeof(fsin1), EFAULT, "invalid socket buffer"},
	{3, (struct sockaddr *)&fsin1, (socklen_t *)-1, 0, EFAULT, "invalid salen pointer"},
};

static void setup(void)
{
	sin0.sin_family = AF_INET;
	sin0.sin_addr.s_addr = INADDR_ANY;
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int s = 400, sv[2] = { -1, -1 };

	if (tc->kind == 1) {
		s = SAFE_OPEN("/dev/null", O_WRONLY);
	} else if (tc->kind == 2) {
		s = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
		SAFE_BIND(s, (struct sockaddr *)&sin0, sizeof(sin0));
	} else if (tc->kind == 3) {
		SAFE_SOCKETPAIR(PF_UNIX, SOCK_STREAM, 0, sv);
		s = sv[0];
	}
	sinlen = tc->lenval;
	TST_EXP_FAIL(syscall(SYS_getpeername, s, tc->addr, tc->len), tc->experrno, "%s",
		     tc->desc);
	if (tc->kind == 1 || tc->kind == 2)
		SAFE_CLOSE(s);
	if (tc->kind == 3) {
		SAFE_CLOSE(sv[0]);
		SAFE_CLOSE(sv[1]);
	}
}

static struct tst_test test = {
	.setup = setup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
