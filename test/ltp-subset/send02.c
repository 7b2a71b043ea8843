/*
 * send02: MSG_MORE through send(2) on TCP and UDP, sendto(2) and
 * sendmsg(2) on UDP over lo.  1000 times per case, on a fresh socket: a
 * send without the flag arrives at once (16 bytes); one with MSG_MORE is
 * held (a non-blocking recv says EAGAIN); the next send without the flag
 * releases both together (17 bytes in one read).
 */
#include "tst_test.h"

#define SENDSIZE 16
#define RECVSIZE 32
#define ROUNDS 1000

static int sock = -1, dst_sock = -1, listen_sock = -1;
static struct sockaddr_in addr;
static char sendbuf[SENDSIZE];

static void do_send(int fd, void *b, size_t size, int flags)
{
	SAFE_SEND(1, fd, b, size, flags);
}

static void do_sendto(int fd, void *b, size_t size, int flags)
{
	SAFE_SENDTO(1, fd, b, size, flags, (struct sockaddr *)&addr, sizeof(addr));
}

static void do_sendmsg(int fd, void *b, size_t size, int flags)
{
	struct iovec iov = { .iov_base = b, .iov_len = size };
	struct msghdr msg = {
		.msg_name = &addr,
		.msg_namelen = sizeof(addr),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};

	SAFE_SENDMSG(size, fd, &msg, flags);
}

static struct tcase {
	int type;
	void (*send)(int fd, void *b, size_t size, int flags);
	int needs_connect, needs_accept;
	const char *name;
} tcases[] = {
	{SOCK_STREAM, do_send, 1, 1, "TCP send"},
	{SOCK_DGRAM, do_send, 1, 0, "UDP send"},
	{SOCK_DGRAM, do_sendto, 0, 0, "UDP sendto"},
	{SOCK_DGRAM, do_sendmsg, 0, 0, "UDP sendmsg"},
};

/*
 * Reads without blocking: expsize 0 wants EAGAIN at once; otherwise
 * waits (retrying EAGAIN) for one read of exactly expsize bytes.
 */
static int check_recv(int fd, long expsize, int round)
{
	char recvbuf[RECVSIZE] = {0};

	for (;;) {
		TEST(recv(fd, recvbuf, RECVSIZE, MSG_DONTWAIT));
		if (TST_RET == -1 && (TST_ERR == EAGAIN || TST_ERR == EWOULDBLOCK)) {
			if (expsize)
				continue;
			return 1;
		}
		if (TST_RET == -1) {
			tst_res(TFAIL | TTERRNO, "recv() error at round %d, expsize %ld",
				round, expsize);
			return 0;
		}
		if (TST_RET != expsize) {
			tst_res(TFAIL, "recv() read %ld bytes, expected %ld, round %d",
				TST_RET, expsize, round);
			return 0;
		}
		return 1;
	}
}

static void close_pair(void)
{
	if (sock >= 0)
		SAFE_CLOSE(sock);
	if (dst_sock >= 0 && dst_sock != listen_sock)
		SAFE_CLOSE(dst_sock);
	dst_sock = -1;
}

static void cleanup(void)
{
	close_pair();
	if (listen_sock >= 0)
		SAFE_CLOSE(listen_sock);
}

static void setup(void)
{
	memset(sendbuf, 0x42, SENDSIZE);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	socklen_t len = sizeof(addr);
	int i, ok = 1;

	tst_res(TINFO, "Testing %s", tc->name);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listen_sock = SAFE_SOCKET(AF_INET, tc->type, 0);
	SAFE_BIND(listen_sock, (struct sockaddr *)&addr, sizeof(addr));
	SAFE_GETSOCKNAME(listen_sock, (struct sockaddr *)&addr, &len);
	if (tc->needs_accept)
		SAFE_LISTEN(listen_sock, 1);

	for (i = 1; ok && i <= ROUNDS; i++) {
		sock = SAFE_SOCKET(AF_INET, tc->type, 0);
		if (tc->needs_connect)
			SAFE_CONNECT(sock, (struct sockaddr *)&addr, len);
		dst_sock = tc->needs_accept ? SAFE_ACCEPT(listen_sock, NULL, NULL) : listen_sock;

		tc->send(sock, sendbuf, SENDSIZE, 0);
		ok = check_recv(dst_sock, SENDSIZE, i);
		if (ok) {
			tc->send(sock, sendbuf, SENDSIZE, MSG_MORE);
			ok = check_recv(dst_sock, 0, i);
		}
		if (ok) {
			tc->send(sock, sendbuf, 1, 0);
			ok = check_recv(dst_sock, SENDSIZE + 1, i);
		}
		close_pair();
	}
	if (ok)
		tst_res(TPASS, "MSG_MORE works correctly");
	SAFE_CLOSE(listen_sock);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
};
