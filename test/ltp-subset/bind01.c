/*
 * bind01: the errors of bind(2): EINVAL (an address length of 3),
 * ENOTSOCK (/dev/null), EAFNOSUPPORT (a UNIX address on a TCP socket),
 * EADDRNOTAVAIL (10.255.254.253, not a local address), EBADF (-1) and
 * ENOTDIR (a UNIX path whose prefix is a regular file); and a bind to
 * INADDR_ANY port 0 succeeds.
 */
#include "tst_test.h"
#include <sys/un.h>

#define DIR_ENOTDIR "dir_enotdir"
#define TEST_ENOTDIR "test_enotdir"

static int inet_socket = -1, dev_null = -1, fd_ebadf = -1, fd_enotdir = -1;
static struct sockaddr_in sin1, sin2, sin3;
static struct sockaddr_un sun, sock_enotdir;

static struct tcase {
	int *fd;
	struct sockaddr *addr;
	socklen_t addrlen;
	int experrno;		/* 0: bind succeeds */
	const char *desc;
} tcases[] = {
	{&inet_socket, (struct sockaddr *)&sin1, 3, EINVAL, "invalid salen"},
	{&dev_null, (struct sockaddr *)&sin1, sizeof(sin1), ENOTSOCK, "invalid socket"},
	{&inet_socket, (struct sockaddr *)&sin2, sizeof(sin2), 0, "INADDR_ANYPORT"},
	{&inet_socket, (struct sockaddr *)&sun, sizeof(sun), EAFNOSUPPORT,
	 "UNIX-domain of current directory"},
	{&inet_socket, (struct sockaddr *)&sin3, sizeof(sin3), EADDRNOTAVAIL,
	 "non-local address"},
	{&fd_ebadf, (struct sockaddr *)&sin1, sizeof(sin1), EBADF,
	 "sockfd is not a valid file descriptor"},
	{&fd_enotdir, (struct sockaddr *)&sock_enotdir, sizeof(sock_enotdir), ENOTDIR,
	 "a component of addr prefix is not a directory"},
};

static void setup(void)
{
	sin1.sin_family = AF_INET;
	sin1.sin_port = tst_get_unused_port(AF_INET, SOCK_STREAM);
	sin1.sin_addr.s_addr = INADDR_ANY;
	sin2.sin_family = AF_INET;
	sin2.sin_addr.s_addr = INADDR_ANY;
	sin3.sin_family = AF_INET;
	sin3.sin_addr.s_addr = htonl(0x0AFFFEFD);
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, ".");
	SAFE_TOUCH(DIR_ENOTDIR, 0777);
	sock_enotdir.sun_family = AF_UNIX;
	strcpy(sock_enotdir.sun_path, DIR_ENOTDIR "/" TEST_ENOTDIR);

	inet_socket = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
	dev_null = SAFE_OPEN("/dev/null", O_WRONLY);
	fd_enotdir = SAFE_SOCKET(AF_UNIX, SOCK_STREAM, 0);
}

static void cleanup(void)
{
	if (inet_socket != -1)
		SAFE_CLOSE(inet_socket);
	if (dev_null != -1)
		SAFE_CLOSE(dev_null);
	if (fd_enotdir != -1)
		SAFE_CLOSE(fd_enotdir);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];

	if (tc->experrno) {
		TST_EXP_FAIL(bind(*tc->fd, tc->addr, tc->addrlen), tc->experrno, "%s", tc->desc);
		return;
	}
	TST_EXP_PASS(bind(*tc->fd, tc->addr, tc->addrlen), "%s", tc->desc);
	/* the next cases want an unbound socket */
	SAFE_CLOSE(inet_socket);
	inet_socket = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.needs_tmpdir = 1,
};
