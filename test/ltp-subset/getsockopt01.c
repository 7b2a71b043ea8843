/*
 * getsockopt01: the errors of getsockopt(2): EBADF, ENOTSOCK
 * (/dev/null), EFAULT (a NULL option buffer; a NULL length pointer),
 * EINVAL (a negative length), EOPNOTSUPP (level 500 and level UDP on a
 * TCP socket) and ENOPROTOOPT (unknown SOL_SOCKET, IP and TCP options),
 * on a TCP socket bound to
 * INADDR_ANY.  Raw system calls, so that libc touches nothing first.
 */
#include "tst_test.h"

static int optval;
static socklen_t optlen;
static struct sockaddr_in sin0;

static struct tcase {
	int kind;		/* 0: fd 400, 1: /dev/null, 2: a bound TCP socket */
	int level, optname;
	void *optval;
	socklen_t *optlen;
	socklen_t lenval;
	int experrno;
	const char *desc;
} tcases[] = {
	{0, SOL_SOCKET, SO_OOBINLINE, &optval, &optlen, sizeof(optval), EBADF,
	 "bad file descriptor"},
	{1, SOL_SOCKET, SO_OOBINLINE, &optval, &optlen, sizeof(optval), ENOTSOCK,
	 "not a socket"},
	{2, SOL_SOCKET, SO_OOBINLINE, NULL, &optlen, sizeof(optval), EFAULT,
	 "invalid option buffer"},
	{2, SOL_SOCKET, SO_OOBINLINE, &optval, NULL, 0, EFAULT, "invalid optlen pointer"},
	{2, SOL_SOCKET, SO_OOBINLINE, &optval, &optlen, (socklen_t)-1, EINVAL, "invalid optlen"},
	/* Unknown levels reach IP's getsockopt, which says EOPNOTSUPP. */
	{2, 500, SO_OOBINLINE, &optval, &optlen, sizeof(optval), EOPNOTSUPP, "invalid level"},
	{2, SOL_SOCKET, -1, &optval, &optlen, sizeof(optval), ENOPROTOOPT,
	 "invalid option name"},
	{2, IPPROTO_UDP, SO_OOBINLINE, &optval, &optlen, sizeof(optval), EOPNOTSUPP,
	 "invalid option name (UDP)"},
	{2, IPPROTO_IP, -1, &optval, &optlen, sizeof(optval), ENOPROTOOPT,
	 "invalid option name (IP)"},
	{2, IPPROTO_TCP, -1, &optval, &optlen, sizeof(optval), ENOPROTOOPT,
	 "invalid option name (TCP)"},
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
	optlen = tc->lenval;
	TST_EXP_FAIL(syscall(SYS_getsockopt, s, tc->level, tc->optname, tc->optval, tc->optlen),
		     tc->experrno, "%s", tc->desc);
	if (tc->kind)
		SAFE_CLOSE(s);
}

static struct tst_test test = {
	.setup = setup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
