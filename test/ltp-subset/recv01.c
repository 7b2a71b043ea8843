/*
 * recv01: the errors of recv(2): EBADF, ENOTSOCK (/dev/null), EFAULT
 * (a bad buffer while data waits), EINVAL (MSG_OOB with no urgent data)
 * and EAGAIN (MSG_ERRQUEUE with an empty error queue), on a TCP
 * connection over lo whose peer has sent data.
 */
#include "tst_test.h"

static int lfd = -1, cfd = -1, afd = -1, nullfd = -1;
static char buf[1024];

static struct tcase {
	int *fd;
	void *buf;
	size_t len;
	int flags;
	int experrno;
	const char *desc;
} tcases[] = {
	{NULL, buf, sizeof(buf), 0, EBADF, "bad file descriptor"},
	{&nullfd, buf, sizeof(buf), 0, ENOTSOCK, "invalid socket"},
	{&cfd, (void *)-1, sizeof(buf), 0, EFAULT, "invalid recv buffer"},
	{&cfd, buf, sizeof(buf), MSG_OOB, EINVAL, "invalid MSG_OOB flag set"},
	{&cfd, buf, sizeof(buf), MSG_ERRQUEUE, EAGAIN, "invalid MSG_ERRQUEUE flag set"},
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
	/* Wait for the data to be there (the EFAULT case needs it). */
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

	TST_EXP_FAIL(recv(tc->fd ? *tc->fd : 400, tc->buf, tc->len, tc->flags), tc->experrno,
		     "%s", tc->desc);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
