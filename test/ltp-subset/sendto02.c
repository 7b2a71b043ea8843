/*
 * sendto02: sendto(2) of a NULL buffer on an SCTP socket must fail with
 * EFAULT (once it was ENOMEM).  TCONF where the kernel has no SCTP
 * (socket() is EPROTONOSUPPORT).
 */
#include "tst_test.h"

#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif

static int sockfd = -1;
static struct sockaddr_in sa;

static void setup(void)
{
	sockfd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	if (sockfd == -1) {
		if (errno == EPROTONOSUPPORT)
			tst_brk(TCONF, "sctp protocol was not supported");
		tst_brk(TBROK | TERRNO, "socket() failed with sctp");
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = inet_addr("127.0.0.1");
	sa.sin_port = htons(11111);
}

static void cleanup(void)
{
	if (sockfd > 0)
		SAFE_CLOSE(sockfd);
}

static void run(void)
{
	TST_EXP_FAIL(sendto(sockfd, NULL, 1, 0, (struct sockaddr *)&sa, sizeof(sa)), EFAULT,
		     "sendto(fd, NULL, ...)");
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
};
