/*
 * epoll_wait05: a TCP socket connected to a server (a forked child on
 * 127.0.0.1) and watched for EPOLLRDHUP reports exactly one event with
 * EPOLLRDHUP, within 2 s, once it is shut down for reading.
 */
#include "tst_test.h"

static in_port_t *port;

static void server(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int fd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);

	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	SAFE_BIND(fd, (struct sockaddr *)&sin, sizeof(sin));
	SAFE_LISTEN(fd, 10);
	SAFE_GETSOCKNAME(fd, (struct sockaddr *)&sin, &len);
	*port = sin.sin_port;
	tst_res(TINFO, "Listening on port %d", ntohs(sin.sin_port));
	TST_CHECKPOINT_WAKE_AND_WAIT(0);
	SAFE_CLOSE(fd);
}

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct epoll_event ev = { .events = EPOLLRDHUP }, got;
	int fd, epfd, r;

	if (!SAFE_FORK()) {
		server();
		exit(0);
	}
	TST_CHECKPOINT_WAIT(0);
	fd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	sin.sin_port = *port;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	SAFE_CONNECT(fd, (struct sockaddr *)&sin, sizeof(sin));
	epfd = SAFE_EPOLL_CREATE1(0);
	SAFE_EPOLL_CTL(epfd, EPOLL_CTL_ADD, fd, &ev);
	TST_EXP_PASS_SILENT(shutdown(fd, SHUT_RD));
	r = SAFE_EPOLL_WAIT(epfd, &got, 1, 2000);
	if (r != 1)
		tst_res(TFAIL, "Wrong number of events reported %d", r);
	else if (got.events & EPOLLRDHUP)
		tst_res(TPASS, "Received EPOLLRDHUP");
	else
		tst_res(TFAIL, "EPOLLRDHUP has not been received (events 0x%x)",
			got.events);
	SAFE_CLOSE(epfd);
	SAFE_CLOSE(fd);
	TST_CHECKPOINT_WAKE(0);
}

static void setup(void)
{
	port = SAFE_MMAP(NULL, sizeof(*port), PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.forks_child = 1,
	.needs_checkpoints = 1,
};
