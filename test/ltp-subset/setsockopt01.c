/*
 * setsockopt01: the errors of setsockopt(2): EBADF (not an open fd),
 * ENOTSOCK (/dev/null), EFAULT (NULL option buffer), EINVAL (optlen 0),
 * ENOPROTOOPT (level 500; an unknown UDP, IP and TCP option), each on a
 * TCP socket bound to INADDR_ANY.
 */
#include "tst_test.h"

static int optval;
static struct sockaddr_in sin0;

static struct tcase {
	int level, optname;
	void *optval;
	int optlen;
	int experrno;
	int kind;		/* 0: fd 400, 1: /dev/null, 2: a bound TCP socket */
	const char *desc;
} tcases[] = {
	{SOL_SOCKET, SO_OOBINLINE, &optval, sizeof(optval), EBADF, 0, "bad file descriptor"},
	{SOL_SOCKET, SO_OOBINLINE, &optval, sizeof(optval), ENOTSOCK, 1, "not a socket"},
	{SOL_SOCKET, SO_OOBINLINE, NULL, sizeof(optval), EFAULT, 2, "invalid option buffer"},
	{SOL_SOCKET, SO_OOBINLINE, &optval, 0, EINVAL, 2, "invalid optlen"},
	{500, SO_OOBINLINE, &optval, sizeof(optval), ENOPROTOOPT, 2, "invalid level"},
	{IPPROTO_UDP, SO_OOBINLINE, &optval, sizeof(optval), ENOPROTOOPT, 2,
	 "invalid option name (UDP)"},
	{IPPROTO_IP, -1, &optval, sizeof(optval), ENOPROTOOPT, 2, "invalid option name (IP)"},
	{IPPROTO_TCP, -1, &optval, sizeof(optval), ENOPROTOOPT, 2, "invalid option name (TCP)"},
};

static void setup(void)
{
	sin0.sin_family = AF_INET;
	sin0.sin_port = 0;
	sin0.sin_addr.s_addr = INADDR_ANY;
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int s;

	if (tc->kind == 0) {
		s = 400;
	} else if (tc->kind == 1) {
		s = SAFE_OPEN("/dev/null", O_WRONLY);
	} else {
		s = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
		SAFE_BIND(s, (struct sockaddr *)&sin0, sizeof(sin0));
	}
	TST_EXP_FAIL(setsockopt(s, tc->level, tc->optname, tc->optval, tc->optlen),
		     tc->experrno, "%s", tc->desc);
	if (tc->kind)
		SAFE_CLOSE(s);
}

static struct tst_test test = {
	.setup = setup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
