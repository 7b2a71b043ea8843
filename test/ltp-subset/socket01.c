/*
 * socket01: socket(2) makes UNIX, UDP and TCP sockets and refuses: an
 * unknown domain (EAFNOSUPPORT), an unknown type (EINVAL), a raw socket
 * without a protocol, UDP as a stream, TCP as datagrams and ICMP as a
 * stream (EPROTONOSUPPORT).
 */
#include "tst_test.h"

static struct tcase {
	int domain, type, proto;
	int experrno;		/* 0: a socket */
	const char *desc;
} tcases[] = {
	{0, SOCK_STREAM, 0, EAFNOSUPPORT, "invalid domain"},
	{PF_INET, 75, 0, EINVAL, "invalid type"},
	{PF_UNIX, SOCK_STREAM, 0, 0, "UNIX domain stream"},
	{PF_UNIX, SOCK_DGRAM, 0, 0, "UNIX domain dgram"},
	{PF_INET, SOCK_RAW, 0, EPROTONOSUPPORT, "raw open as non-root"},
	{PF_INET, SOCK_DGRAM, 17, 0, "UDP socket"},
	{PF_INET, SOCK_STREAM, 17, EPROTONOSUPPORT, "UDP stream"},
	{PF_INET, SOCK_DGRAM, 6, EPROTONOSUPPORT, "TCP dgram"},
	{PF_INET, SOCK_STREAM, 6, 0, "TCP socket"},
	{PF_INET, SOCK_STREAM, 1, EPROTONOSUPPORT, "ICMP stream"},
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];

	if (tc->experrno) {
		TST_EXP_FAIL(socket(tc->domain, tc->type, tc->proto), tc->experrno, "%s", tc->desc);
		return;
	}
	TST_EXP_FD(socket(tc->domain, tc->type, tc->proto), "%s", tc->desc);
	if (TST_RET >= 0)
		close((int)TST_RET);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
