/*
 * listen01: listen(2) refuses a descriptor that is not open (EBADF), a
 * file that is not a socket (ENOTSOCK) and a UDP socket (EOPNOTSUPP).
 */
#include "tst_test.h"

static struct tcase {
	int kind;		/* 0: fd 400, 1: /dev/null, 2: a UDP socket */
	int experrno;
	const char *desc;
} tcases[] = {
	{0, EBADF, "bad file descriptor"},
	{1, ENOTSOCK, "not a socket"},
	{2, EOPNOTSUPP, "UDP listen"},
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int s = tc->kind == 0 ? 400 : tc->kind == 1 ? SAFE_OPEN("/dev/null", O_WRONLY)
						    : SAFE_SOCKET(PF_INET, SOCK_DGRAM, 0);

	TST_EXP_FAIL(listen(s, 0), tc->experrno, "%s", tc->desc);
	if (tc->kind)
		SAFE_CLOSE(s);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
