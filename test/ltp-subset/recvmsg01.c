/*
 * recvmsg01: the errors of recvmsg(2) and what must succeed, with data
 * waiting.  On a TCP connection whose peer sent "hi": EBADF, ENOTSOCK,
 * a bad msg_name (a stream fills no address: success), flags -1 with
 * msg_namelen -1 (EINVAL), EFAULT (data buffer; msg_iov NULL), EMSGSIZE
 * (msg_iovlen -1), MSG_OOB with no urgent data (EINVAL), MSG_ERRQUEUE
 * with an empty error queue (EAGAIN), a 1 KiB and a 128 KiB control
 * buffer (success).  On a UNIX stream whose peer sent a descriptor with
 * SCM_RIGHTS: received into a 1 KiB control buffer (it must arrive), a
 * control buffer too short for one header (success, MSG_CTRUNC), and a
 * 128 KiB one (success).  Each case on a fresh connection.
 */
#include "tst_test.h"
#include "inet_peer.h"
#include <sys/un.h>

#define MSG "from recvmsg01 server"
#define BUF_SIZE 1024
#define CONTROL_LEN (128 * 1024)

static char recv_buf[BUF_SIZE], cbuf[BUF_SIZE];
static char *big_cbuf;
static struct sockaddr_in sin1, from;
static struct sockaddr_un sun1;
static int sfd = -1, ufd = -1, sock = -1, peer = -1;

enum { BADFD, DEVNULL, INET, UNIX };
enum { CTL_NONE, CTL_SMALL, CTL_SHORT, CTL_LARGE };

static struct tcase {
	int kind;
	int null_iov;
	int iovcnt;
	void *buf;
	unsigned int flags;
	void *from;
	int fromlen;
	int ctl;
	int exp_errno;		/* 0: must succeed */
	const char *desc;
} tcases[] = {
	{BADFD, 0, 1, recv_buf, 0, &from, sizeof(from), CTL_NONE, EBADF,
	 "bad file descriptor"},
	{DEVNULL, 0, 1, recv_buf, 0, &from, sizeof(from), CTL_NONE, ENOTSOCK,
	 "invalid socket"},
	{INET, 0, 1, recv_buf, 0, (void *)-1, sizeof(from), CTL_NONE, 0,
	 "invalid socket buffer"},
	{INET, 0, 1, recv_buf, -1, &from, -1, CTL_NONE, EINVAL,
	 "invalid socket length"},
	{INET, 0, 1, (void *)-1, 0, &from, sizeof(from), CTL_NONE, EFAULT,
	 "invalid recv buffer"},
	{INET, 1, 1, recv_buf, 0, &from, sizeof(from), CTL_NONE, EFAULT,
	 "invalid iovec buffer"},
	{INET, 0, -1, recv_buf, 0, &from, sizeof(from), CTL_NONE, EMSGSIZE,
	 "invalid iovec count"},
	{INET, 0, 1, recv_buf, 0, &from, sizeof(from), CTL_SMALL, 0,
	 "permission reception"},
	{UNIX, 0, 1, recv_buf, 0, &from, sizeof(from), CTL_SMALL, 0,
	 "rights reception"},
	{INET, 0, 1, recv_buf, MSG_OOB, &from, sizeof(from), CTL_NONE, EINVAL,
	 "invalid MSG_OOB flag set"},
	{INET, 0, 1, recv_buf, MSG_ERRQUEUE, &from, sizeof(from), CTL_NONE, EAGAIN,
	 "invalid MSG_ERRQUEUE flag set"},
	{UNIX, 0, 1, recv_buf, 0, &from, sizeof(from), CTL_SHORT, 0,
	 "invalid cmsg length"},
	{INET, 0, 1, recv_buf, 0, &from, sizeof(from), CTL_LARGE, 0,
	 "large cmesg length"},
	{UNIX, 0, 1, recv_buf, 0, &from, sizeof(from), CTL_LARGE, 0,
	 "large cmesg length (UNIX)"},
};

static void setup(void)
{
	sfd = tcp_listener_any(&sin1);
	sun1.sun_family = AF_UNIX;
	strcpy(sun1.sun_path, "udsock");
	ufd = SAFE_SOCKET(PF_UNIX, SOCK_STREAM, 0);
	SAFE_BIND(ufd, (struct sockaddr *)&sun1, sizeof(sun1));
	SAFE_LISTEN(ufd, 10);
	big_cbuf = tst_alloc(CONTROL_LEN);
}

static void close_conn(void)
{
	if (sock >= 0 && sock != 400)
		SAFE_CLOSE(sock);
	if (peer >= 0)
		SAFE_CLOSE(peer);
	sock = -1;
}

static void cleanup(void)
{
	close_conn();
	if (sfd >= 0)
		SAFE_CLOSE(sfd);
	if (ufd >= 0)
		SAFE_CLOSE(ufd);
}

/* The UNIX peer sends MSG with a descriptor of a temporary file. */
static void send_rights(void)
{
	char tmpl[] = "smtXXXXXX", snd_cbuf[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = { .iov_base = MSG, .iov_len = sizeof(MSG) };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = snd_cbuf, .msg_controllen = sizeof(snd_cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	int tfd = mkstemp(tmpl);

	if (tfd < 0)
		tst_brk(TBROK | TERRNO, "mkstemp() failed");
	c->cmsg_len = CMSG_LEN(sizeof(int));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	memcpy(CMSG_DATA(c), &tfd, sizeof(tfd));
	SAFE_SENDMSG(sizeof(MSG), peer, &mh, 0);
	SAFE_CLOSE(tfd);
	SAFE_UNLINK(tmpl);
}

static void open_conn(struct tcase *tc)
{
	struct pollfd p = { .events = POLLIN };

	if (tc->kind == BADFD) {
		sock = 400;	/* anything not an open file */
		return;
	}
	if (tc->kind == DEVNULL) {
		sock = SAFE_OPEN("/dev/null", O_WRONLY);
		return;
	}
	if (tc->kind == INET) {
		sock = SAFE_SOCKET(PF_INET, SOCK_STREAM, 0);
		SAFE_CONNECT(sock, (struct sockaddr *)&sin1, sizeof(sin1));
		peer = SAFE_ACCEPT(sfd, NULL, NULL);
		SAFE_SEND(1, peer, "hi", 2, 0);
	} else {
		sock = SAFE_SOCKET(PF_UNIX, SOCK_STREAM, 0);
		SAFE_CONNECT(sock, (struct sockaddr *)&sun1, sizeof(sun1));
		peer = SAFE_ACCEPT(ufd, NULL, NULL);
		send_rights();
	}
	/* Something must be readable, else EFAULT cannot be seen. */
	p.fd = sock;
	if (poll(&p, 1, 2000) != 1)
		tst_brk(TBROK, "no message ready in 2 s");
}

/* A successful UNIX reception: the descriptor arrived, or was cut off. */
static void check_control(struct tcase *tc, struct msghdr *m)
{
	struct cmsghdr *c = CMSG_FIRSTHDR(m);
	int fd;

	if (tc->kind != UNIX)
		return;
	if (tc->ctl == CTL_SHORT) {
		TST_EXP_EXPR((m->msg_flags & MSG_CTRUNC) && m->msg_controllen == 0,
			     "%s: MSG_CTRUNC set, msg_controllen %zu", tc->desc,
			     (size_t)m->msg_controllen);
		return;
	}
	if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int))) {
		tst_res(TFAIL, "%s: no SCM_RIGHTS message", tc->desc);
		return;
	}
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	TST_EXP_EXPR(fcntl(fd, F_GETFD) >= 0, "%s: descriptor %d received", tc->desc, fd);
	close(fd);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];
	struct iovec iov[1] = {{ .iov_base = tc->buf, .iov_len = sizeof(recv_buf) }};
	struct msghdr msg = {
		.msg_name = tc->from,
		.msg_namelen = tc->fromlen,
		.msg_iov = tc->null_iov ? NULL : iov,
		.msg_iovlen = tc->iovcnt,
	};

	open_conn(tc);
	if (tc->ctl == CTL_SMALL || tc->ctl == CTL_SHORT) {
		msg.msg_control = cbuf;
		msg.msg_controllen = tc->ctl == CTL_SMALL ? sizeof(cbuf) : sizeof(struct cmsghdr) - 1;
	} else if (tc->ctl == CTL_LARGE) {
		msg.msg_control = big_cbuf;
		msg.msg_controllen = CONTROL_LEN;
	}

	if (tc->exp_errno) {
		TST_EXP_FAIL2(recvmsg(sock, &msg, tc->flags), tc->exp_errno, "%s", tc->desc);
	} else {
		TEST(recvmsg(sock, &msg, tc->flags));
		if (TST_RET < 0) {
			tst_res(TFAIL | TTERRNO, "%s: recvmsg() failed", tc->desc);
		} else {
			tst_res(TPASS, "%s: recvmsg() returned %ld", tc->desc, TST_RET);
			check_control(tc, &msg);
		}
	}
	if (tc->kind != BADFD)
		close_conn();
	sock = -1;
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
};
