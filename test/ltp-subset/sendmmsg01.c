/*
 * sendmmsg01: two UDP datagrams over lo in one sendmmsg(2) ("one" + "two"
 * from two vectors, and "three3"), both 6 bytes; then recvmmsg(2) into
 * 6- and 5-byte buffers: with a 1 s timeout both arrive ("onetwo",
 * "three" truncated); with a zero timeout only the first does (the
 * timeout is checked after each datagram), and the second is still
 * there for a recvmmsg of one without a timeout.  libc and system call
 * variants; every buffer ends at a guard page.
 */
#define _GNU_SOURCE
#include "tst_test.h"
#include "mmsg_var.h"

#define VLEN 2

static int send_sockfd = -1, receive_sockfd = -1;
static struct mmsghdr *snd_msg, *rcv_msg;
static struct iovec *snd1, *snd2, *rcv1, *rcv2;

enum { NORMAL, TIMEOUT };

static struct tcase {
	int ttype;
	const char *desc;
	long tv_sec, tv_nsec;
	int exp_ret;
} tcases[] = {
	{NORMAL, "NORMAL", 1, 0, 2},
	{TIMEOUT, "TIMEOUT", 0, 0, 1},
};

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	struct timespec timeout = { .tv_sec = tc->tv_sec, .tv_nsec = tc->tv_nsec };

	tst_res(TINFO, "case %s", tc->desc);
	TEST(do_sendmmsg(send_sockfd, snd_msg, VLEN, 0));
	if (TST_RET != VLEN || snd_msg[0].msg_len != 6 || snd_msg[1].msg_len != 6) {
		tst_res(TFAIL | TTERRNO, "sendmmsg() returned %ld, lengths %u, %u", TST_RET,
			snd_msg[0].msg_len, snd_msg[1].msg_len);
		return;
	}
	memset(rcv1->iov_base, 0, rcv1->iov_len);
	memset(rcv2->iov_base, 0, rcv2->iov_len);

	TEST(do_recvmmsg(receive_sockfd, rcv_msg, VLEN, 0, &timeout));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "recvmmsg() failed");
		return;
	}
	if (TST_RET != tc->exp_ret) {
		tst_res(TFAIL, "Received unexpected number of messages (%ld)", TST_RET);
		return;
	}
	if (memcmp(rcv1->iov_base, "onetwo", 6))
		tst_res(TFAIL, "Error in first received message");
	else
		tst_res(TPASS, "First message received successfully");

	if (tc->ttype == NORMAL) {
		if (memcmp(rcv2->iov_base, "three", 5))
			tst_res(TFAIL, "Error in second received message");
		else
			tst_res(TPASS, "Second message received successfully");
		return;
	}
	TEST(do_recvmmsg(receive_sockfd, rcv_msg, 1, 0, NULL));
	if (TST_RET != 1 || memcmp(rcv1->iov_base, "three", 5))
		tst_res(TFAIL | TTERRNO, "Error in second message after the timeout");
	else
		tst_res(TPASS, "Timeout successfully reached before second message");
}

/* An iovec whose n buffers of sizes[] each end at a guard page. */
static struct iovec *alloc_iov(const int *sizes, int n)
{
	struct iovec *iov = tst_alloc(n * sizeof(*iov));

	for (int i = 0; i < n; i++) {
		iov[i].iov_base = tst_alloc(sizes[i]);
		iov[i].iov_len = sizes[i];
	}
	return iov;
}

static void setup(void)
{
	snd1 = alloc_iov((const int[]){3, 3}, 2);
	snd2 = alloc_iov((const int[]){6}, 1);
	rcv1 = alloc_iov((const int[]){6}, 1);
	rcv2 = alloc_iov((const int[]){5}, 1);
	snd_msg = tst_alloc(VLEN * sizeof(*snd_msg));
	rcv_msg = tst_alloc(VLEN * sizeof(*rcv_msg));

	mmsg_udp_pair(&send_sockfd, &receive_sockfd);

	memcpy(snd1[0].iov_base, "one", snd1[0].iov_len);
	memcpy(snd1[1].iov_base, "two", snd1[1].iov_len);
	memcpy(snd2->iov_base, "three3", snd2->iov_len);

	memset(snd_msg, 0, VLEN * sizeof(*snd_msg));
	snd_msg[0].msg_hdr.msg_iov = snd1;
	snd_msg[0].msg_hdr.msg_iovlen = 2;
	snd_msg[1].msg_hdr.msg_iov = snd2;
	snd_msg[1].msg_hdr.msg_iovlen = 1;

	memset(rcv_msg, 0, VLEN * sizeof(*rcv_msg));
	rcv_msg[0].msg_hdr.msg_iov = rcv1;
	rcv_msg[0].msg_hdr.msg_iovlen = 1;
	rcv_msg[1].msg_hdr.msg_iov = rcv2;
	rcv_msg[1].msg_hdr.msg_iovlen = 1;

	mmsg_variant_info();
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
	.test_variants = TEST_VARIANTS,
};
