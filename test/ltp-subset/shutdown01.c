/*
 * shutdown01: on a UNIX stream connection (a server process listens and
 * never accepts): after SHUT_RD recv() returns and send() works; after
 * SHUT_WR a non-blocking recv() says EWOULDBLOCK and send() EPIPE; after
 * SHUT_RDWR recv() returns and send() says EPIPE (MSG_NOSIGNAL).
 * Addresses in guarded buffers.
 */
#include "tst_test.h"
#include <sys/un.h>

#define MSGSIZE 4
#define SOCKETFILE "socket"

#define OP_DESC(x) .shutdown_op = x, .desc = #x
static struct tcase {
	int shutdown_op;
	int recv_flag;
	int recv_err;
	int send_flag;
	int send_err;
	const char *desc;
} tcases[] = {
	{OP_DESC(SHUT_RD)},
	{OP_DESC(SHUT_WR), .recv_flag = MSG_DONTWAIT, .recv_err = EWOULDBLOCK,
	 .send_flag = MSG_NOSIGNAL, .send_err = EPIPE},
	{OP_DESC(SHUT_RDWR), .send_flag = MSG_NOSIGNAL, .send_err = EPIPE},
};

static struct sockaddr_un *sock_addr;

static void run_server(void)
{
	int server_sock = SAFE_SOCKET(sock_addr->sun_family, SOCK_STREAM, 0);

	SAFE_BIND(server_sock, (struct sockaddr *)sock_addr, sizeof(*sock_addr));
	SAFE_LISTEN(server_sock, 10);
	tst_res(TINFO, "Running server on socket file");
	TST_CHECKPOINT_WAKE_AND_WAIT(0);
	SAFE_CLOSE(server_sock);
	SAFE_UNLINK(SOCKETFILE);
}

/* Starts the server process and returns a socket connected to it. */
static int start_test(void)
{
	int client_sock;

	if (!SAFE_FORK()) {
		run_server();
		exit(0);
	}
	TST_CHECKPOINT_WAIT(0);
	tst_res(TINFO, "Connecting to the server");
	client_sock = SAFE_SOCKET(sock_addr->sun_family, SOCK_STREAM, 0);
	SAFE_CONNECT(client_sock, (struct sockaddr *)sock_addr, sizeof(*sock_addr));
	return client_sock;
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	char buff[MSGSIZE] = {0};
	int client_sock = start_test();

	tst_res(TINFO, "Testing %s flag", tc->desc);
	TST_EXP_PASS(shutdown(client_sock, tc->shutdown_op));
	if (tc->recv_err)
		TST_EXP_FAIL(recv(client_sock, buff, MSGSIZE, tc->recv_flag), tc->recv_err);
	else
		SAFE_RECV(0, client_sock, buff, MSGSIZE, tc->recv_flag);
	if (tc->send_err)
		TST_EXP_FAIL(send(client_sock, buff, MSGSIZE, tc->send_flag), tc->send_err);
	else
		SAFE_SEND(SAFE_WRITE_ALL, client_sock, buff, MSGSIZE, tc->send_flag);
	SAFE_CLOSE(client_sock);
	TST_CHECKPOINT_WAKE(0);
}

static void setup(void)
{
	sock_addr->sun_family = AF_UNIX;
	memcpy(sock_addr->sun_path, SOCKETFILE, sizeof(SOCKETFILE));
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.forks_child = 1,
	.needs_checkpoints = 1,
	.needs_tmpdir = 1,
	.bufs = (struct tst_buffers[]) {
		{&sock_addr, .size = sizeof(struct sockaddr_un)},
		{},
	},
};
