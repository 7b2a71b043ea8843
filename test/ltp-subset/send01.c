/*
 * send01: the errors of send(2): EBADF, ENOTSOCK (/dev/null), EFAULT (a
 * bad buffer on a connected TCP socket), EMSGSIZE (a 128 KiB UDP
 * datagram), EPIPE after shutdown(SHUT_WR) and EOPNOTSUPP (MSG_OOB on
 * UDP).  The peer is a TCP listener on INADDR_ANY (its backlog completes
 * the connections); UDP sockets are connected to its port.
 */
#include "tst_test.h"
#include "inet_peer.h"

static char buf[1024], bigbuf[128 * 1024];
static struct sockaddr_in sin1;
static int lfd = -1;

enum { BADFD, DEVNULL, CONN, CONN_SHUT };

static struct tcase {
	int kind;
	int type;
	void *buf;
	int buflen;
	unsigned int flags;
	int experrno;
	const char *desc;
} tcases[] = {
	{BADFD, 0, buf, sizeof(buf), 0, EBADF, "bad file descriptor"},
	{DEVNULL, 0, buf, sizeof(buf), 0, ENOTSOCK, "invalid socket"},
	{CONN, SOCK_STREAM, (void *)-1, sizeof(buf), 0, EFAULT, "invalid send buffer"},
	{CONN, SOCK_DGRAM, bigbuf, sizeof(bigbuf), 0, EMSGSIZE, "UDP message too big"},
	{CONN_SHUT, SOCK_STREAM, buf, sizeof(buf), 0, EPIPE, "local endpoint shutdown"},
	{CONN, SOCK_DGRAM, buf, sizeof(buf), MSG_OOB, EOPNOTSUPP, "invalid flags set"},
};

static void setup(void)
{
	lfd = tcp_listener_any(&sin1);
}

static void cleanup(void)
{
	if (lfd >= 0)
		SAFE_CLOSE(lfd);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	int s = 400;	/* BADFD: anything not an open file */

	if (tc->kind == DEVNULL)
		s = SAFE_OPEN("/dev/null", O_WRONLY);
	if (tc->kind == CONN || tc->kind == CONN_SHUT) {
		s = SAFE_SOCKET(PF_INET, tc->type, 0);
		SAFE_CONNECT(s, (struct sockaddr *)&sin1, sizeof(sin1));
	}
	if (tc->kind == CONN_SHUT)
		SAFE_SHUTDOWN(s, SHUT_WR);
	TST_EXP_FAIL2(send(s, tc->buf, tc->buflen, tc->flags), tc->experrno, "%s", tc->desc);
	if (tc->kind != BADFD)
		SAFE_CLOSE(s);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
};
