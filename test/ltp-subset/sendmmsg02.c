/*
 * sendmmsg02: the errors of sendmmsg(2): EBADF (descriptor -1) and
 * EFAULT (the message vector at an unmapped address), for the libc and
 * system call variants (libc may fault instead: mmsg_var.h).
 */
#define _GNU_SOURCE
#include "tst_test.h"
#include "mmsg_var.h"

#define VLEN 1

static int send_sockfd = -1;
static struct mmsghdr *snd_msg;
static void *bad_addr;
static int bad_fd = -1;

static struct tcase {
	const char *desc;
	int *fd;
	int exp_errno;
	struct mmsghdr **msg_vec;
} tcases[] = {
	{"bad file descriptor", &bad_fd, EBADF, &snd_msg},
	{"invalid msgvec address", &send_sockfd, EFAULT, (struct mmsghdr **)&bad_addr},
};

static void verify_sendmmsg(unsigned int i)
{
	struct tcase *tc = &tcases[i];

	TST_EXP_FAIL2(do_sendmmsg(*tc->fd, *tc->msg_vec, VLEN, 0), tc->exp_errno,
		      "sendmmsg() %s", tc->desc);
}

static void run(unsigned int i)
{
	if (*tcases[i].msg_vec == bad_addr)
		mmsg_exp_fail_bad_addr(verify_sendmmsg, i);
	else
		verify_sendmmsg(i);
}

static void setup(void)
{
	send_sockfd = SAFE_SOCKET(AF_INET, SOCK_DGRAM, 0);
	snd_msg = tst_alloc(VLEN * sizeof(*snd_msg));
	memset(snd_msg, 0, VLEN * sizeof(*snd_msg));
	bad_addr = tst_get_bad_addr(NULL);
	mmsg_variant_info();
}

static void cleanup(void)
{
	if (send_sockfd >= 0)
		SAFE_CLOSE(send_sockfd);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
	.test_variants = TEST_VARIANTS,
};
