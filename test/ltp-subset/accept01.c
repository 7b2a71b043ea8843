/*
 * accept01: the errors of accept(2): EBADF (fd 400), ENOTSOCK
 * (/dev/null, kept from LTP's older version of this test), EINVAL for a
 * bound TCP socket that does not listen (with a bad address pointer,
 * with an address length of 1, and with good arguments) and EOPNOTSUPP
 * for a UDP socket.
 */
#include "tst_test.h"

static int bad_fd = 400, devnull_fd = -1, tcp_fd = -1, udp_fd = -1;
static struct sockaddr_in peer;

static struct tcase {
	int *fd;
	struct sockaddr *addr;
	socklen_t addrlen;
	int experrno;
	const char *desc;
} tcases[] = {
	{&bad_fd, (struct sockaddr *)&peer, sizeof(peer), EBADF, "bad file descriptor"},
	{&devnull_fd, (struct sockaddr *)&peer, sizeof(peer), ENOTSOCK, "fd is not a socket"},
	{&tcp_fd, (struct sockaddr *)3, sizeof(peer), EINVAL, "invalid socket buffer"},
	{&tcp_fd, (struct sockaddr *)&peer, 1, EINVAL, "invalid salen"},
	{&tcp_fd, (struct sockaddr *)&peer, sizeof(peer), EINVAL, "no queued connections"},
	{&udp_fd, (struct sockaddr *)&peer, sizeof(peer), EOPNOTSUPP, "UDP accept"},
};

/* A socket of type bound to INADDR_ANY, port 0. */
static int bound_socket(int type)
{
	struct sockaddr_in any = { .sin_family = AF_INET };
	int fd = SAFE_SOCKET(PF_INET, type, 0);

	SAFE_BIND(fd, (struct sockaddr *)&any, sizeof(any));
	return fd;
}

static void setup(void)
{
	devnull_fd = SAFE_OPEN("/dev/null", O_WRONLY);
	tcp_fd = bound_socket(SOCK_STREAM);
	udp_fd = bound_socket(SOCK_DGRAM);
}

static void cleanup(void)
{
	if (devnull_fd != -1)
		SAFE_CLOSE(devnull_fd);
	if (tcp_fd != -1)
		SAFE_CLOSE(tcp_fd);
	if (udp_fd != -1)
		SAFE_CLOSE(udp_fd);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	socklen_t len = tc->addrlen;

	TST_EXP_FAIL2(accept(*tc->fd, tc->addr, &len), tc->experrno, "%s", tc->desc);
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
};
