/*
 * sendmsg01: the errors of sendmsg(2): EBADF, ENOTSOCK, EFAULT (data
 * buffer, destination address, iovec, msghdr, control pointer), EPIPE
 * (unconnected TCP, after shutdown(SHUT_WR)), EINVAL (address length 1),
 * EMSGSIZE (128 KiB UDP), EOPNOTSUPP (MSG_OOB on UDP); and what must
 * succeed: a connected TCP socket given another address, SCM_RIGHTS over
 * a UNIX datagram socket (the descriptor must arrive), and a control
 * buffer of length 0.  The system call itself (musl's sendmsg copies the
 * control buffer first, so a bad control pointer would fault in libc).
 */
#include "tst_test.h"
#include "inet_peer.h"
#include <sys/un.h>

static char buf[1024], bigbuf[128 * 1024];
static struct sockaddr_in sin1, sin2;
static struct sockaddr_un sun1;
static int lfd = -1, ufd = -1, tfd = -1;
static char cbuf[CMSG_SPACE(sizeof(int))];

enum { BADFD, DEVNULL, SOCK, CONN, CONN_SHUT };
enum { CTL_NONE, CTL_RIGHTS, CTL_ZERO, CTL_BAD };

static struct tcase {
	int kind;
	int domain, type;
	int bad_iov;		/* msg_iov = NULL */
	void *buf;
	int buflen;
	int null_msg;		/* msghdr pointer NULL */
	unsigned int flags;
	void *to;
	int tolen;
	int ctl;
	int experrno;		/* 0: must succeed */
	const char *desc;
} tcases[] = {
	{BADFD, 0, 0, 0, buf, sizeof(buf), 0, 0, &sin1, sizeof(sin1), CTL_NONE, EBADF,
	 "bad file descriptor"},
	{DEVNULL, 0, 0, 0, buf, sizeof(buf), 0, 0, &sin1, sizeof(sin1), CTL_NONE, ENOTSOCK,
	 "invalid socket"},
	{SOCK, PF_INET, SOCK_DGRAM, 0, (void *)-1, sizeof(buf), 0, 0, &sin1, sizeof(sin1),
	 CTL_NONE, EFAULT, "invalid send buffer"},
	{CONN, PF_INET, SOCK_STREAM, 0, buf, sizeof(buf), 0, 0, &sin2, sizeof(sin2),
	 CTL_NONE, 0, "connected TCP"},
	{SOCK, PF_INET, SOCK_STREAM, 0, buf, sizeof(buf), 0, 0, &sin1, sizeof(sin1),
	 CTL_NONE, EPIPE, "not connected TCP"},
	{SOCK, PF_INET, SOCK_DGRAM, 0, buf, sizeof(buf), 0, 0, &sin1, 1, CTL_NONE, EINVAL,
	 "invalid to buffer length"},
	{SOCK, PF_INET, SOCK_DGRAM, 0, buf, sizeof(buf), 0, 0, (void *)-1,
	 sizeof(struct sockaddr), CTL_NONE, EFAULT, "invalid to buffer"},
	{SOCK, PF_INET, SOCK_DGRAM, 0, bigbuf, sizeof(bigbuf), 0, 0, &sin1, sizeof(sin1),
	 CTL_NONE, EMSGSIZE, "UDP message too big"},
	{CONN_SHUT, PF_INET, SOCK_STREAM, 0, buf, sizeof(buf), 0, 0, &sin1, sizeof(sin1),
	 CTL_NONE, EPIPE, "local endpoint shutdown"},
	{CONN, PF_INET, SOCK_STREAM, 1, buf, sizeof(buf), 0, 0, &sin1, sizeof(sin1),
	 CTL_NONE, EFAULT, "invalid iovec pointer"},
	{CONN, PF_INET, SOCK_STREAM, 0, buf, sizeof(buf), 1, 0, &sin1, sizeof(sin1),
	 CTL_NONE, EFAULT, "invalid msghdr pointer"},
	{SOCK, PF_UNIX, SOCK_DGRAM, 0, buf, sizeof(buf), 0, 0, &sun1, sizeof(sun1),
	 CTL_RIGHTS, 0, "rights passing"},
	{SOCK, PF_INET, SOCK_DGRAM, 0, buf, sizeof(buf), 0, MSG_OOB, &sin1, sizeof(sin1),
	 CTL_NONE, EOPNOTSUPP, "invalid flags set"},
	{SOCK, PF_UNIX, SOCK_DGRAM, 0, buf, sizeof(buf), 0, 0, &sun1, sizeof(sun1),
	 CTL_ZERO, 0, "invalid cmsg length"},
	{SOCK, PF_UNIX, SOCK_DGRAM, 0, buf, sizeof(buf), 0, 0, &sun1, sizeof(sun1),
	 CTL_BAD, EFAULT, "invalid cmsg pointer"},
};

static void setup(void)
{
	lfd = tcp_listener_any(&sin1);
	/* The same address, another port: not the 5-tuple connected to. */
	sin2 = sin1;
	sin2.sin_port = tst_get_unused_port(AF_INET, SOCK_STREAM);

	sun1.sun_family = AF_UNIX;
	snprintf(sun1.sun_path, sizeof(sun1.sun_path), "udsock%ld", (long)time(NULL));
	ufd = SAFE_SOCKET(PF_UNIX, SOCK_DGRAM, 0);
	SAFE_BIND(ufd, (struct sockaddr *)&sun1, sizeof(sun1));
}

static void cleanup(void)
{
	if (lfd >= 0)
		SAFE_CLOSE(lfd);
	if (ufd >= 0)
		SAFE_CLOSE(ufd);
	if (tfd >= 0)
		SAFE_CLOSE(tfd);
}

/* The datagram just sent to ufd carries one descriptor (a new one). */
static void check_rights_arrived(void)
{
	char rbuf[sizeof(buf)], rcbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = rbuf, .iov_len = sizeof(rbuf) };
	struct msghdr m = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = rcbuf, .msg_controllen = sizeof(rcbuf),
	};
	struct cmsghdr *c;
	int fd;

	SAFE_RECVMSG(sizeof(buf), ufd, &m, MSG_DONTWAIT);
	c = CMSG_FIRSTHDR(&m);
	if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int))) {
		tst_res(TFAIL, "rights passing: no SCM_RIGHTS message received");
		return;
	}
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	TST_EXP_EXPR(fd >= 0 && fd != tfd && fcntl(fd, F_GETFD) >= 0,
		     "rights passing: descriptor %d received", fd);
	if (fd >= 0)
		close(fd);
}

static long sys_sendmsg(int s, const struct msghdr *m, int flags)
{
	return syscall(__NR_sendmsg, s, m, flags);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	struct iovec iov = { .iov_base = tc->buf, .iov_len = tc->buflen };
	struct msghdr msg = {
		.msg_iov = tc->bad_iov ? NULL : &iov,
		.msg_iovlen = 1,
	};
	struct cmsghdr *c = (struct cmsghdr *)cbuf;
	int s = 400;	/* BADFD: anything not an open file */

	if (tc->kind == DEVNULL)
		s = SAFE_OPEN("/dev/null", O_WRONLY);
	if (tc->kind >= SOCK)
		s = SAFE_SOCKET(tc->domain, tc->type, 0);
	if (tc->kind == CONN || tc->kind == CONN_SHUT)
		SAFE_CONNECT(s, (struct sockaddr *)&sin1, sizeof(sin1));
	if (tc->kind == CONN_SHUT)
		SAFE_SHUTDOWN(s, SHUT_WR);
	msg.msg_name = tc->to;
	msg.msg_namelen = tc->tolen;
	if (tc->ctl != CTL_NONE) {
		char tmpl[] = "sockXXXXXX";

		tfd = mkstemp(tmpl);
		if (tfd < 0)
			tst_brk(TBROK | TERRNO, "mkstemp() failed");
		SAFE_UNLINK(tmpl);
		memset(cbuf, 0, sizeof(cbuf));
		c->cmsg_len = CMSG_LEN(sizeof(int));
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		memcpy(CMSG_DATA(c), &tfd, sizeof(tfd));
		msg.msg_control = cbuf;
		msg.msg_controllen = c->cmsg_len;
		if (tc->ctl == CTL_ZERO)
			msg.msg_controllen = c->cmsg_len = 0;
		if (tc->ctl == CTL_BAD)
			msg.msg_control = (void *)-1;
	}

	if (tc->experrno) {
		TST_EXP_FAIL2(sys_sendmsg(s, tc->null_msg ? NULL : &msg, tc->flags),
			      tc->experrno, "%s", tc->desc);
		goto out;
	}
	TEST(sys_sendmsg(s, &msg, tc->flags));
	if (TST_RET < 0) {
		tst_res(TFAIL | TTERRNO, "%s: sendmsg() failed", tc->desc);
	} else {
		tst_res(TPASS, "%s: sendmsg() returned %ld", tc->desc, TST_RET);
		if (tc->domain == PF_UNIX && tc->ctl == CTL_RIGHTS)
			check_rights_arrived();
		else if (tc->domain == PF_UNIX)
			SAFE_RECV(sizeof(buf), ufd, buf, sizeof(buf), MSG_DONTWAIT);
	}
out:
	if (tc->kind != BADFD)
		SAFE_CLOSE(s);
	if (tfd >= 0)
		SAFE_CLOSE(tfd);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.needs_tmpdir = 1,
};
