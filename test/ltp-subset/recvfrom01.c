/*
 * recvfrom01: the recv01 errors through recvfrom(2) (EBADF, ENOTSOCK,
 * EFAULT for a bad buffer, EINVAL for MSG_OOB without urgent data,
 * EAGAIN for MSG_ERRQUEUE) plus a negative address length (EINVAL) and
 * a bad address length pointer (EFAULT), on a TCP connection over lo
 * whose peer has sent data.  Raw system calls (musl reads nothing then).
 */
#include "tst_test.h"

static int lfd = -1, cfd = -1, afd = -1, nullfd = -1;
static char buf[1024];
static struct sockaddr_in from;
static socklen_t fromlen;

static struct tcase {
	int *fd;
	void *buf;
	size_t len;
	int flags;
	socklen_t *fromlen;
	socklen_t fromlenval;
	int experrno;
	const char *desc;
} tcases[] = {
	{NULL, buf, sizeof(buf), 0, &fromlen, sizeof(from), EBADF, "bad file descriptor"},
	{&nullfd, buf, sizeof(buf), 0, &fromlen, sizeof(from), ENOTSOCK, "invalid socket"},
	{&cfd, (void *)-1, sizeof(buf), 0, &fromlen, sizeof(from), EFAULT, "invalid recv buffer"},
	{&cfd, buf, sizeof(buf), 0, (socklen_t *)-1, 0, EFAULT, "invalid socket length pointer"},
	{&cfd, buf, sizeof(buf), 0, &fromlen, (socklen_t)-1, EINVAL, "invalid socket length"},
	{&cfd, buf, sizeof(buf), MSG_OOB, &fromlen, sizeof(from), EINVAL,
	 "invalid MSG_OOB flag set"},
	{&cfd, buf, sizeof(buf), MSG_ERRQUEUE, &fromlen, sizeof(from), EAGAIN,
	 "invalid MSG_ERRQUEUE flag set"},
};

static void setup(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	SAFE_BIND(lfd, (struct sockaddr *)&sin, sizeof(sin));
	SAFE_LISTEN(lfd, 1);
	SAFE_GETSOCKNAME(lfd, (struct sockaddr *)&sin, &len);
	cfd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);
	SAFE_CONNECT(cfd, (struct sockaddr *)&sin, sizeof(sin));
	afd = SAFE_ACCEPT(lfd, NULL, NULL);
	SAFE_SEND(1, afd, "data", 4, 0);
	nullfd = SAFE_OPEN("/dev/null", O_RDONLY);
	struct pollfd p = { .fd = cfd, .events = POLLIN };
	poll(&p, 1, 5000);
}

static void cleanup(void)
{
	if (cfd >= 0)
		SAFE_CLOSE(cfd);
	if (afd >= 0)
		SAFE_CLOSE(afd);
	if (lfd >= 0)
		SAFE_CLOSE(lfd);
	if (nullfd >= 0)
		SAFE_CLOSE(nullfd);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];

	int pending = 0;

	/* Cases that fail after the data was taken leave none: send more. */
	SAFE_IOCTL(cfd, FIONREAD, &pending);
	if (!pending) {
		struct pollfd p = { .fd = cfd, .events = POLLIN };

		SAFE_SEND(1, afd, "data", 4, 0);
		poll(&p, 1, 5000);
	}
	fromlen = tc->fromlenval;
	TST_EXP_FAIL(syscall(SYS_recvfrom, tc->fd ? *tc->fd : 400, tc->buf, tc->len, tc->flags,
			     (struct sockaddr *)&from, tc->fromlen), tc->experrno, "%s", tc->desc);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
