/*
 * socketpair02: socketpair(2) with SOCK_CLOEXEC sets FD_CLOEXEC and with
 * SOCK_NONBLOCK sets O_NONBLOCK on both descriptors (without them,
 * neither).
 */
#include "tst_test.h"

static struct tcase {
	int flag, fl_flag;
	const char *des;
} tcases[] = {
	{0, F_GETFD, "no close-on-exec"},
	{SOCK_CLOEXEC, F_GETFD, "close-on-exec"},
	{0, F_GETFL, "no non-blocking"},
	{SOCK_NONBLOCK, F_GETFL, "non-blocking"},
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int fds[2], bit = tc->fl_flag == F_GETFD ? FD_CLOEXEC : O_NONBLOCK, bad = 0;

	SAFE_SOCKETPAIR(PF_UNIX, SOCK_STREAM | tc->flag, 0, fds);
	for (int i = 0; i < 2; i++) {
		int res = SAFE_FCNTL(fds[i], tc->fl_flag);

		if (!!(res & bit) != !!tc->flag) {
			tst_res(TFAIL, "socketpair() fd %d: %s flag is %s", i, tc->des,
				res & bit ? "set" : "not set");
			bad = 1;
		}
	}
	if (!bad)
		tst_res(TPASS, "socketpair() passed to set %s flag", tc->des);
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
