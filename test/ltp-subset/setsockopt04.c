/*
 * setsockopt04: CVE-2016-9793.  SO_SNDBUFFORCE with 0xffffff00 (an
 * unsigned value that is negative as an int) must not leave SO_SNDBUF
 * negative.
 */
#include "tst_test.h"

#define SNDBUF 0xffffff00

static int sockfd = -1;

static void run(void)
{
	unsigned int sndbuf = SNDBUF, rec_sndbuf = 0;
	socklen_t optlen = sizeof(sndbuf);

	SAFE_SETSOCKOPT(sockfd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, optlen);
	SAFE_GETSOCKOPT(sockfd, SOL_SOCKET, SO_SNDBUF, &rec_sndbuf, &optlen);
	tst_res(TINFO, "Try to set send buffer size to: %u", sndbuf);
	tst_res(TINFO, "Send buffer size was set to: %d", rec_sndbuf);
	if ((int)rec_sndbuf < 0)
		tst_res(TFAIL, "Was able to set negative send buffer size!");
	else
		tst_res(TPASS, "Was unable to set negative send buffer size!");
}

static void setup(void)
{
	sockfd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
}

static void cleanup(void)
{
	if (sockfd >= 0)
		SAFE_CLOSE(sockfd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
};
