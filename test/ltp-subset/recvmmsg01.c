/*
 * recvmmsg01: the errors of recvmmsg(2) with a datagram waiting: EBADF
 * (descriptor -1), EFAULT (the message vector at an unmapped address),
 * EINVAL (timeout seconds -1; nanoseconds 1000000001), EFAULT (the
 * timeout at an unmapped address).  libc and system call variants; the
 * bad addresses are tried in a child (libc may fault: mmsg_var.h).
 */
#define _GNU_SOURCE
#include "tst_test.h"
#include "mmsg_var.h"

#define VLEN 1

static int send_sockfd = -1, receive_sockfd = -1;
static struct mmsghdr *msg;
static struct iovec *iov;
static void *bad_addr;
static int bad_fd = -1;

static struct tcase {
	const char *desc;
	int *fd;
	long tv_sec, tv_nsec;
	int exp_errno;
	struct mmsghdr **msg_vec;
	int bad_ts_addr;
} tcases[] = {
	{"bad socket file descriptor", &bad_fd, 0, 0, EBADF, &msg, 0},
	{"bad message vector address", &receive_sockfd, 0, 0, EFAULT,
	 (struct mmsghdr **)&bad_addr, 0},
	{"negative seconds in timeout", &receive_sockfd, -1, 0, EINVAL, &msg, 0},
	{"overflow in nanoseconds in timeout", &receive_sockfd, 1, 1000000001, EINVAL, &msg, 0},
	{"bad timeout address", &receive_sockfd, 0, 0, EFAULT, &msg, 1},
};

static void verify_recvmmsg(unsigned int i)
{
	struct tcase *tc = &tcases[i];
	struct timespec ts = { .tv_sec = tc->tv_sec, .tv_nsec = tc->tv_nsec };

	TST_EXP_FAIL2(do_recvmmsg(*tc->fd, *tc->msg_vec, VLEN, 0,
				  tc->bad_ts_addr ? bad_addr : (void *)&ts),
		      tc->exp_errno, "recvmmsg() %s", tc->desc);
}

static void run(unsigned int i)
{
	struct tcase *tc = &tcases[i];

	if (tc->bad_ts_addr || *tc->msg_vec == bad_addr)
		mmsg_exp_fail_bad_addr(verify_recvmmsg, i);
	else
		verify_recvmmsg(i);
}

static void setup(void)
{
	mmsg_variant_info();
	iov = tst_alloc(sizeof(*iov));
	iov->iov_base = tst_alloc(1);
	iov->iov_len = 1;
	msg = tst_alloc(VLEN * sizeof(*msg));
	memset(msg, 0, VLEN * sizeof(*msg));
	bad_addr = tst_get_bad_addr(NULL);

	mmsg_udp_pair(&send_sockfd, &receive_sockfd);

	msg[0].msg_hdr.msg_iov = iov;
	msg[0].msg_hdr.msg_iovlen = 1;
	TEST(do_sendmmsg(send_sockfd, msg, 1, 0));
	if (TST_RET != 1)
		tst_brk(TBROK | TTERRNO, "sendmmsg() returned %ld", TST_RET);
}

static void cleanup(void)
{
	mmsg_udp_close(&send_sockfd, &receive_sockfd);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
	.test_variants = TEST_VARIANTS,
};
