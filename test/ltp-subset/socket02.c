/*
 * socket02: socket(2) with SOCK_CLOEXEC sets FD_CLOEXEC and with
 * SOCK_NONBLOCK sets O_NONBLOCK (and without them neither is set).
 */
#include "tst_test.h"

static struct tcase {
	int type;
	int flag;		/* SOCK_CLOEXEC, SOCK_NONBLOCK or 0 */
	int fl_flag;		/* F_GETFD or F_GETFL */
	const char *des;
} tcases[] = {
	{SOCK_STREAM, 0, F_GETFD, "no close-on-exec"},
	{SOCK_STREAM, SOCK_CLOEXEC, F_GETFD, "close-on-exec"},
	{SOCK_STREAM, 0, F_GETFL, "no non-blocking"},
	{SOCK_STREAM, SOCK_NONBLOCK, F_GETFL, "non-blocking"},
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int fd = SAFE_SOCKET(PF_INET, tc->type | tc->flag, 0);
	int res = SAFE_FCNTL(fd, tc->fl_flag);
	int bit = tc->fl_flag == F_GETFD ? FD_CLOEXEC : O_NONBLOCK;

	if (tc->flag != 0 && (res & bit) == 0)
		tst_res(TFAIL, "socket() failed to set %s flag", tc->des);
	else if (tc->flag == 0 && (res & bit) != 0)
		tst_res(TFAIL, "socket() set %s flag without being asked", tc->des);
	else
		tst_res(TPASS, "socket() passed to set %s flag", tc->des);
	SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
