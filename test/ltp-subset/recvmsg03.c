/*
 * recvmsg03: an RDS socket's recvmsg(2) given msg_namelen larger than a
 * sockaddr_in must set it to sizeof(struct sockaddr_in) (Linux
 * 06b6a1cf6e77, "rds: set correct msg_namelen").  A child sends "hello
 * world" from 127.0.0.1:4001 to the parent's 127.0.0.1:4000.  TCONF
 * where socket(AF_RDS) fails with EAFNOSUPPORT (no RDS), as LTP's.
 */
#include "tst_test.h"

#ifndef AF_RDS
#define AF_RDS 21
#endif

static void setup(void)
{
	int fd = socket(AF_RDS, SOCK_SEQPACKET, 0);

	if (fd == -1 && errno == EAFNOSUPPORT)
		tst_brk(TCONF, "rds was not supported");
	if (fd == -1)
		tst_brk(TBROK | TERRNO, "socket() failed with rds");
	SAFE_CLOSE(fd);
}

static struct sockaddr_in lo_addr(unsigned short port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons(port);
	return a;
}

static void client(void)
{
	char send_buf[128] = "hello world";
	struct sockaddr_in me = lo_addr(4001), to = lo_addr(4000);
	struct iovec iov = { .iov_base = send_buf, .iov_len = strlen(send_buf) + 1 };
	struct msghdr msg = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	int fd = SAFE_SOCKET(AF_RDS, SOCK_SEQPACKET, 0);

	SAFE_BIND(fd, (struct sockaddr *)&me, sizeof(me));
	if (sendmsg(fd, &msg, 0) == -1)
		tst_brk(TBROK | TERRNO, "sendmsg() failed to send data to server");
	TST_CHECKPOINT_WAIT(1);
	SAFE_CLOSE(fd);
}

static void server(void)
{
	static char recv_buf[128];
	struct sockaddr_in me = lo_addr(4000), from;
	struct iovec iov = { .iov_base = recv_buf, .iov_len = sizeof(recv_buf) };
	struct msghdr msg = {
		.msg_name = &from, .msg_namelen = sizeof(from) + 16,
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	int fd = SAFE_SOCKET(AF_RDS, SOCK_SEQPACKET, 0);

	SAFE_BIND(fd, (struct sockaddr *)&me, sizeof(me));
	TST_CHECKPOINT_WAKE(0);
	SAFE_RECVMSG(0, fd, &msg, 0);
	if (msg.msg_namelen != sizeof(from))
		tst_res(TFAIL, "msg_namelen was set to %u incorrectly, expected %zu",
			msg.msg_namelen, sizeof(from));
	else
		tst_res(TPASS, "msg_namelen was set to %u correctly", msg.msg_namelen);
	TST_CHECKPOINT_WAKE(1);
	SAFE_CLOSE(fd);
}

static void run(void)
{
	pid_t pid = SAFE_FORK();

	if (pid == 0) {
		TST_CHECKPOINT_WAIT(0);
		client();
		exit(0);
	}
	server();
	tst_reap_children();
}

static struct tst_test test = {
	.forks_child = 1,
	.needs_checkpoints = 1,
	.setup = setup,
	.test_all = run,
	.tags = (const struct tst_tag[]) {
		{"linux-git", "06b6a1cf6e77"},
		{}
	},
};
