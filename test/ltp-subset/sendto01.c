/*
 * sendto01: the errors of sendto(2): EBADF, ENOTSOCK (/dev/null), EPIPE
 * on an unconnected TCP socket, EINVAL (address length -1), EMSGSIZE
 * (a 128 KiB UDP datagram), EPIPE after shutdown(SHUT_WR), EOPNOTSUPP
 * (MSG_OOB on UDP), and the two EFAULT cases LTP keeps disabled (a bad
 * data buffer, a bad address), which Linux gives.  The peer is a TCP
 * listener on INADDR_ANY; UDP sockets are connected to its port.
 */
#include "tst_test.h"
#include "inet_peer.h"

static char buf[1024], bigbuf[128 * 1024];
static struct sockaddr_in sin1;
static int sfd = -1;

enum { BADFD, DEVNULL, TCP_NEW, UDP_CONN, TCP_SHUT };

static struct tcase {
	int kind;
	void *buf;
	int buflen;
	unsigned int flags;
	struct sockaddr_in *to;
	int tolen;
	int experrno;
	const char *desc;
} tcases[] = {
	{BADFD, buf, sizeof(buf), 0, &sin1, sizeof(sin1), EBADF, "bad file descriptor"},
	{DEVNULL, buf, sizeof(buf), 0, &sin1, sizeof(sin1), ENOTSOCK, "invalid socket"},
	{UDP_CONN, (void *)-1, sizeof(buf), 0, &sin1, sizeof(sin1), EFAULT, "invalid send buffer"},
	{TCP_NEW, buf, sizeof(buf), 0, &sin1, sizeof(sin1), EPIPE, "not connected TCP"},
	{UDP_CONN, buf, sizeof(buf), 0, &sin1, -1, EINVAL, "invalid to buffer length"},
	{UDP_CONN, buf, sizeof(buf), 0, (struct sockaddr_in *)-1, sizeof(sin1), EFAULT,
	 "invalid to buffer"},
	{UDP_CONN, bigbuf, sizeof(bigbuf), 0, &sin1, sizeof(sin1), EMSGSIZE,
	 "UDP message too big"},
	{TCP_SHUT, buf, sizeof(buf), 0, &sin1, sizeof(sin1), EPIPE, "local endpoint shutdown"},
	{UDP_CONN, buf, sizeof(buf), MSG_OOB, &sin1, sizeof(sin1), EOPNOTSUPP,
	 "invalid flags set"},
};

static void setup(void)
{
	sfd = tcp_listener_any(&sin1);
}

static void cleanup(void)
{
	if (sfd >= 0)
		SAFE_CLOSE(sfd);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int s = -1;

	switch (tc->kind) {
	case BADFD:
		s = 400;
		break;
	case DEVNULL:
		s = SAFE_OPEN("/dev/null", O_WRONLY);
		break;
	case TCP_NEW:
		s = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
		break;
	case UDP_CONN:
	case TCP_SHUT:
		s = SAFE_SOCKET(PF_INET, tc->kind == UDP_CONN ? SOCK_DGRAM : SOCK_STREAM, 0);
		SAFE_CONNECT(s, (struct sockaddr *)&sin1, sizeof(sin1));
		if (tc->kind == TCP_SHUT)
			SAFE_SHUTDOWN(s, SHUT_WR);
		break;
	}
	TST_EXP_FAIL(sendto(s, tc->buf, tc->buflen, tc->flags, (struct sockaddr *)tc->to,
			    tc->tolen), tc->experrno, "%s", tc->desc);
	if (s != 400)
		SAFE_CLOSE(s);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
