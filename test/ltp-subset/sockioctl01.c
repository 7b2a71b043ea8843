/*
 * sockioctl01: ioctl(2) on sockets: SIOCATMARK on fd 1025 (EBADF), on a
 * FIFO (ENOTTY, since Linux 3.5), on a bound TCP socket with a NULL
 * argument (EFAULT) and on a bound UDP socket (ENOTTY, since 2.6.39);
 * SIOCGIFCONF into 8 KiB succeeds; SIOCGIFFLAGS on its first interface
 * succeeds; SIOCGIFFLAGS and SIOCSIFFLAGS with a NULL ifreq give EFAULT.
 */
#include "tst_test.h"
#include <net/if.h>

static int s = -1;
static int optval;
static struct ifconf ifc;
static struct ifreq ifr;
static char buf[8192];

enum { BAD_FD, FIFO, BOUND, IFCONF, IFREQ };

static struct tcase {
	int kind;		/* what s is; IFREQ: ifr is the first interface */
	int type;		/* socket type for BOUND, IFCONF, IFREQ */
	unsigned long cmd;
	void *arg;
	int experrno;		/* 0: the call succeeds */
	const char *desc;
} tcases[] = {
	{BAD_FD, 0, SIOCATMARK, &optval, EBADF, "bad file descriptor"},
	{FIFO, 0, SIOCATMARK, &optval, ENOTTY, "not a socket"},
	{BOUND, SOCK_STREAM, SIOCATMARK, NULL, EFAULT, "invalid option buffer"},
	{BOUND, SOCK_DGRAM, SIOCATMARK, &optval, ENOTTY, "ATMARK on UDP"},
	{IFCONF, SOCK_DGRAM, SIOCGIFCONF, &ifc, 0, "SIOCGIFCONF"},
	{IFREQ, SOCK_DGRAM, SIOCGIFFLAGS, &ifr, 0, "SIOCGIFFLAGS"},
	{IFREQ, SOCK_DGRAM, SIOCGIFFLAGS, NULL, EFAULT, "SIOCGIFFLAGS with invalid ifr"},
	{IFREQ, SOCK_DGRAM, SIOCSIFFLAGS, NULL, EFAULT, "SIOCSIFFLAGS with invalid ifr"},
};

static void open_case(const struct tcase *tc)
{
	struct sockaddr_in any = { .sin_family = AF_INET, .sin_addr.s_addr = INADDR_ANY };

	switch (tc->kind) {
	case BAD_FD:
		s = 1025;
		return;
	case FIFO:
		unlink("test");
		SAFE_MKNOD("test", S_IRWXU | S_IFIFO, 0);
		s = SAFE_OPEN("test", O_RDWR);
		return;
	}
	s = SAFE_SOCKET(PF_INET, tc->type, 0);
	if (tc->kind == BOUND) {
		SAFE_BIND(s, (struct sockaddr *)&any, sizeof(any));
		return;
	}
	ifc.ifc_len = sizeof(buf);
	ifc.ifc_buf = buf;
	if (tc->kind == IFREQ) {
		SAFE_IOCTL(s, SIOCGIFCONF, &ifc);
		ifr = *(struct ifreq *)ifc.ifc_buf;
	}
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];

	open_case(tc);
	if (tc->experrno)
		TST_EXP_FAIL(ioctl(s, tc->cmd, tc->arg), tc->experrno, "%s", tc->desc);
	else
		TST_EXP_PASS(ioctl(s, tc->cmd, tc->arg), "%s", tc->desc);
	if (tc->kind != BAD_FD)
		SAFE_CLOSE(s);
	s = -1;
}

static void cleanup(void)
{
	if (s > 0 && s != 1025)
		SAFE_CLOSE(s);
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
};
