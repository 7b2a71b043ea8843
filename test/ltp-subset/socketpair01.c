/*
 * socketpair01: socketpair(2) refuses an unknown domain (EAFNOSUPPORT),
 * an unknown type (EINVAL), raw sockets without a protocol, TCP as
 * datagrams and ICMP as a stream (EPROTONOSUPPORT), a bad or unaligned
 * sv (EFAULT), and AF_INET pairs (EOPNOTSUPP); an AF_UNIX datagram pair
 * is made.
 */
#include "tst_test.h"

static int fds[2];

static struct tcase {
	int domain, type, proto;
	int *sv;
	int experrno;		/* 0: a pair */
	const char *desc;
} tcases[] = {
	{0, SOCK_STREAM, 0, fds, EAFNOSUPPORT, "invalid domain"},
	{PF_INET, 75, 0, fds, EINVAL, "invalid type"},
	{PF_UNIX, SOCK_DGRAM, 0, fds, 0, "UNIX domain dgram"},
	{PF_INET, SOCK_RAW, 0, fds, EPROTONOSUPPORT, "raw open as non-root"},
	{PF_UNIX, SOCK_STREAM, 0, NULL, EFAULT, "bad aligned pointer"},
	{PF_UNIX, SOCK_STREAM, 0, (int *)7, EFAULT, "bad unaligned pointer"},
	{PF_INET, SOCK_DGRAM, 17, fds, EOPNOTSUPP, "UDP socket"},
	{PF_INET, SOCK_DGRAM, 6, fds, EPROTONOSUPPORT, "TCP dgram"},
	{PF_INET, SOCK_STREAM, 6, fds, EOPNOTSUPP, "TCP socket"},
	{PF_INET, SOCK_STREAM, 1, fds, EPROTONOSUPPORT, "ICMP stream"},
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];

	if (tc->experrno) {
		/* The raw system call: libc must not touch a bad sv first. */
		TST_EXP_FAIL(syscall(SYS_socketpair, tc->domain, tc->type, tc->proto, tc->sv),
			     tc->experrno, "%s", tc->desc);
		return;
	}
	TST_EXP_PASS(socketpair(tc->domain, tc->type, tc->proto, tc->sv), "%s", tc->desc);
	if (TST_RET == 0) {
		SAFE_CLOSE(fds[0]);
		SAFE_CLOSE(fds[1]);
	}
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
