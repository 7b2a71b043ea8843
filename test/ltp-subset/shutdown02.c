/*
 * shutdown02: the errors of shutdown(2): EBADF (not an open descriptor),
 * ENOTSOCK (a regular file), EINVAL (an invalid `how`) and ENOTCONN (a
 * TCP socket that is not connected).
 */
#include "tst_test.h"

static struct tcase {
	int kind;		/* 0: fd 400, 1: a file, 2: a TCP socket */
	int how;
	int experrno;
	const char *desc;
} tcases[] = {
	{0, SHUT_RD, EBADF, "bad file descriptor"},
	{1, SHUT_RD, ENOTSOCK, "not a socket"},
	{2, -1, EINVAL, "invalid how"},
	{2, 3, EINVAL, "how 3"},
	{2, SHUT_RDWR, ENOTCONN, "not connected"},
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int s = 400;

	if (tc->kind == 1)
		s = SAFE_OPEN("shutdown02_file", O_CREAT | O_RDWR, 0644);
	else if (tc->kind == 2)
		s = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	TST_EXP_FAIL(shutdown(s, tc->how), tc->experrno, "%s", tc->desc);
	if (tc->kind)
		SAFE_CLOSE(s);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.needs_tmpdir = 1,
};
