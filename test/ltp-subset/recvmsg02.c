/*
 * recvmsg02: MSG_PEEK on an IPv6 UDP socket with a buffer shorter than
 * the datagram (Linux 197c949e7798, "udp: properly support MSG_PEEK with
 * truncated buffers"; unpatched kernels hang): a 27-byte datagram over
 * ::1 peeked into 25 bytes gives those 25 bytes.  TCONF where socket()
 * for AF_INET6 fails with EAFNOSUPPORT (as LTP's SAFE_SOCKET says).
 */
#include "tst_test.h"

static const char msg[] = "Michael Gilfix was here\341\210\264\r\n";
static const unsigned int msglen = sizeof(msg) - 1;
static unsigned char buff[25];
static int sdr = -1, sdw = -1;

static int socket6(void)
{
	int fd = socket(PF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_IP);

	if (fd < 0 && (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT))
		tst_brk(TCONF | TERRNO, "socket(AF_INET6, SOCK_DGRAM, 0) failed");
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "socket(AF_INET6, SOCK_DGRAM, 0) failed");
	return fd;
}

static void run(void)
{
	struct sockaddr_in6 addr_init = {
		.sin6_family = AF_INET6,
		.sin6_addr = IN6ADDR_LOOPBACK_INIT,
	};
	struct sockaddr_in6 addr_r, addr_w, addr_f;
	socklen_t addrlen_r = sizeof(addr_r), addrlen_w = sizeof(addr_w);
	struct iovec iov = { .iov_base = buff, .iov_len = sizeof(buff) };
	struct msghdr msghdr = {
		.msg_name = &addr_f,
		.msg_namelen = sizeof(addr_f),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};

	sdr = socket6();
	SAFE_BIND(sdr, (struct sockaddr *)&addr_init, sizeof(addr_init));
	SAFE_GETSOCKNAME(sdr, (struct sockaddr *)&addr_r, &addrlen_r);
	sdw = socket6();
	SAFE_BIND(sdw, (struct sockaddr *)&addr_init, sizeof(addr_init));
	SAFE_GETSOCKNAME(sdw, (struct sockaddr *)&addr_w, &addrlen_w);

	SAFE_SENDTO(1, sdw, msg, msglen, 0, (struct sockaddr *)&addr_r, addrlen_r);
	TEST(recvmsg(sdr, &msghdr, MSG_PEEK));
	if (TST_RET < 0) {
		tst_res(TFAIL | TTERRNO, "recvmsg(..., MSG_PEEK)");
	} else {
		tst_res(TINFO, "received %ld bytes", TST_RET);
		TST_EXP_EXPR(TST_RET == sizeof(buff) && !memcmp(msg, buff, TST_RET) &&
			     (msghdr.msg_flags & MSG_TRUNC),
			     "recvmsg(..., MSG_PEEK) gives the first %zu bytes, MSG_TRUNC",
			     sizeof(buff));
	}
	SAFE_CLOSE(sdw);
	SAFE_CLOSE(sdr);
}

static void cleanup(void)
{
	if (sdw >= 0)
		SAFE_CLOSE(sdw);
	if (sdr >= 0)
		SAFE_CLOSE(sdr);
}

static struct tst_test test = {
	.test_all = run,
	.cleanup = cleanup,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "197c949e7798"},
		{}
	},
};
