/*
 * connect01: the errors of connect(2), through the raw system call so
 * that libc touches nothing first: EBADF (fd 400), EFAULT (address -1),
 * EINVAL (an address length of 3), ENOTSOCK (/dev/null), EISCONN (a TCP
 * socket already connected to the listener), ECONNREFUSED (a port with
 * no listener) and EAFNOSUPPORT (address family 47).  The listener is
 * bound to INADDR_ANY and never accepts (LTP accepts in a child; the
 * connection completes either way).
 */
#include "tst_test.h"

static int listen_fd = -1, s = -1;
static struct sockaddr_in sin1, sin2, sin4;

static long sys_connect(int fd, const void *addr, socklen_t len)
{
	return syscall(__NR_connect, fd, addr, len);
}

static struct tcase {
	int kind;		/* 0: fd 400, 1: /dev/null, 2: TCP socket, 3: connected */
	struct sockaddr *addr;
	socklen_t addrlen;
	int experrno;
	const char *desc;
} tcases[] = {
	{0, (struct sockaddr *)&sin1, sizeof(sin1), EBADF, "bad file descriptor"},
	{2, (struct sockaddr *)-1, sizeof(sin1), EFAULT, "invalid socket buffer"},
	{2, (struct sockaddr *)&sin1, 3, EINVAL, "invalid salen"},
	{1, (struct sockaddr *)&sin1, sizeof(sin1), ENOTSOCK, "invalid socket"},
	{3, (struct sockaddr *)&sin1, sizeof(sin1), EISCONN, "already connected"},
	{2, (struct sockaddr *)&sin2, sizeof(sin2), ECONNREFUSED, "connection refused"},
	{2, (struct sockaddr *)&sin4, sizeof(sin4), EAFNOSUPPORT, "invalid address family"},
};

static void setup(void)
{
	socklen_t len = sizeof(sin1);

	sin1.sin_family = AF_INET;
	sin1.sin_addr.s_addr = INADDR_ANY;
	listen_fd = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
	SAFE_BIND(listen_fd, (struct sockaddr *)&sin1, sizeof(sin1));
	SAFE_LISTEN(listen_fd, 10);
	SAFE_GETSOCKNAME(listen_fd, (struct sockaddr *)&sin1, &len);

	sin2.sin_family = AF_INET;
	sin2.sin_port = tst_get_unused_port(AF_INET, SOCK_STREAM);
	sin2.sin_addr.s_addr = INADDR_ANY;

	sin4.sin_family = 47;
	sin4.sin_addr.s_addr = htonl(0x0AFFFEFD);
}

static void cleanup(void)
{
	if (s != -1)
		SAFE_CLOSE(s);
	if (listen_fd != -1)
		SAFE_CLOSE(listen_fd);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];

	switch (tc->kind) {
	case 0:
		TST_EXP_FAIL(sys_connect(400, tc->addr, tc->addrlen), tc->experrno,
			     "%s", tc->desc);
		return;
	case 1:
		s = SAFE_OPEN("/dev/null", O_WRONLY);
		break;
	default:
		s = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
		if (tc->kind == 3)
			SAFE_CONNECT(s, (struct sockaddr *)&sin1, sizeof(sin1));
	}
	TST_EXP_FAIL(sys_connect(s, tc->addr, tc->addrlen), tc->experrno, "%s", tc->desc);
	SAFE_CLOSE(s);
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
};
