/*
 * sendmsg03: CVE-2017-17712.  sendmsg() of four 100-byte vectors to
 * 0.0.0.0 on a raw ICMP socket races IP_HDRINCL being switched off: the
 * kernel must build the packet by one setting or the other, never a mix
 * (on vulnerable kernels: an uninitialised pointer).  As root instead of
 * LTP's network namespace; bounded by loops and time.
 */
#include "tst_test.h"
#include "tst_race.h"

#define IOVEC_COUNT 4
#define PACKET_SIZE 100

static volatile int sockfd = -1;
static struct msghdr msg;
static struct sockaddr_in addr;	/* all zeroes: what triggered the bug */
static struct iovec iov[IOVEC_COUNT];
static unsigned char buf[PACKET_SIZE];
static struct tst_race race;

static void setup(void)
{
	sockfd = SAFE_SOCKET(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	memset(buf, 0xcc, PACKET_SIZE);
	for (int i = 0; i < IOVEC_COUNT; i++) {
		iov[i].iov_base = buf;
		iov[i].iov_len = PACKET_SIZE;
	}
	msg.msg_name = &addr;
	msg.msg_namelen = sizeof(addr);
	msg.msg_iov = iov;
	msg.msg_iovlen = IOVEC_COUNT;
}

static void hdrincl_off(void)
{
	int val = 0;

	setsockopt(sockfd, SOL_IP, IP_HDRINCL, &val, sizeof(val));
}

static void run(void)
{
	tst_race_setup(&race, hdrincl_off, 100000, 2000);
	while (tst_race_run_a(&race)) {
		SAFE_SETSOCKOPT_INT(sockfd, SOL_IP, IP_HDRINCL, 1);
		tst_race_start_a(&race);
		sendmsg(sockfd, &msg, 0);
		tst_race_end_a(&race);
		if (tst_taint_check()) {
			tst_race_cleanup(&race);
			tst_res(TFAIL, "Kernel is vulnerable");
			return;
		}
	}
	tst_race_cleanup(&race);
	tst_res(TPASS, "Nothing bad happened, probably");
}

static void cleanup(void)
{
	tst_race_cleanup(&race);
	if (sockfd >= 0)
		SAFE_CLOSE(sockfd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "8f659a03a0ba"},
		{"CVE", "2017-17712"},
		{}
	},
};
