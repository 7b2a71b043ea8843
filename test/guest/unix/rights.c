/*
 * rights.c - control messages on AF_UNIX sockets (unix(7), cmsg(3)):
 * SCM_RIGHTS (descriptors arrive as new fds; MSG_CTRUNC and closing
 * what does not fit; MSG_CMSG_CLOEXEC; MSG_PEEK; errors; in-flight
 * files closed with their socket; cycles collected) and SCM_CREDENTIALS
 * with SO_PASSCRED (own ids, others' as root only, ESRCH).
 */
#include "unixcheck.h"

static void rights_basic(void)
{
	int sv[2], p[2], fds[8], n, fl;
	char buf[8];
	union { char b[CMSG_SPACE(sizeof(int))]; struct cmsghdr a; } cb;
	struct iovec iov = { buf, sizeof buf };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cb.b,
			    .msg_controllen = sizeof cb.b };
	struct cmsghdr *c;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(pipe(p));
	REQUIRE(send_fds(sv[0], "f", 1, &p[1], 1) == 1, "sendmsg: %s", errname(errno));
	close(p[1]);
	REQUIRE(recvmsg(sv[1], &m, 0) == 1, "recvmsg: %s", errname(errno));
	c = CMSG_FIRSTHDR(&m);
	REQUIRE(c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		c->cmsg_len == CMSG_LEN(sizeof(int)) && m.msg_controllen == CMSG_SPACE(sizeof(int)) &&
		m.msg_flags == 0, "cmsg: len %zu controllen %zu flags %#x",
		c ? (size_t)c->cmsg_len : 0, (size_t)m.msg_controllen, m.msg_flags);
	memcpy(&fds[0], CMSG_DATA(c), sizeof(int));
	REQUIRE(fcntl(fds[0], F_GETFD) == 0, "FD_CLOEXEC set without MSG_CMSG_CLOEXEC");
	/* The received fd is the same open file: the pipe's write end. */
	REQUIRE(write(fds[0], "via", 3) == 3 && read(p[0], buf, 3) == 3, "write through it");
	close(fds[0]);
	REQUIRE(pipe_eof(p[0], 1000), "the last writer closed, no EOF");
	/* Several descriptors in one message, and two SCM_RIGHTS in one. */
	int q[2], r[2];
	REQUIRE_OK(pipe(q));
	REQUIRE_OK(pipe(r));
	int three[3] = { q[0], q[1], r[1] };
	REQUIRE(send_fds(sv[0], "3", 1, three, 3) == 1, "send 3");
	REQUIRE(recv_fds(sv[1], buf, 1, 256, 0, fds, &n, &fl) == 1 && n == 3 && fl == 0,
		"got %d fds, flags %#x", n, fl);
	REQUIRE(write(fds[1], "k", 1) == 1 && read(fds[0], buf, 1) == 1, "pipe through fds");
	/* A stream carries them too, and a descriptor of a socket. */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	int inner[2];
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, inner));
	REQUIRE(send_fds(sv[0], "s", 1, &inner[0], 1) == 1, "send a socket");
	close(inner[0]);
	REQUIRE(recv_fds(sv[1], buf, 1, 256, 0, fds, &n, &fl) == 1 && n == 1, "recv socket");
	REQUIRE(write(fds[0], "sock", 4) == 4 && read(inner[1], buf, 4) == 4, "use it");
}

static void rights_two_cmsgs(void)
{
	union { char b[2 * CMSG_SPACE(sizeof(int))]; struct cmsghdr a; } cb;
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cb.b,
			    .msg_controllen = sizeof cb.b };
	struct cmsghdr *c;
	int sv[2], p[2], fds[8], n, fl;
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(pipe(p));
	memset(&cb, 0, sizeof cb);
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &p[0], sizeof(int));
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &p[1], sizeof(int));
	REQUIRE(sendmsg(sv[0], &m, 0) == 1, "sendmsg: %s", errname(errno));
	/* They arrive as one SCM_RIGHTS message. */
	REQUIRE(recv_fds(sv[1], buf, 1, 256, 0, fds, &n, &fl) == 1 && n == 2, "got %d", n);
}

static void rights_ctrunc(void)
{
	int sv[2], p[3][2], fds[8], n, fl, i, w[3];
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	for (i = 0; i < 3; i++) {
		REQUIRE_OK(pipe(p[i]));
		w[i] = p[i][1];
	}
	REQUIRE(send_fds(sv[0], "t", 1, w, 3) == 1, "send");
	for (i = 0; i < 3; i++)
		close(p[i][1]);
	/* Room for one descriptor: it arrives, the others are closed. */
	REQUIRE(recv_fds(sv[1], buf, 1, CMSG_LEN(sizeof(int)), 0, fds, &n, &fl) == 1,
		"recv: %s", errname(errno));
	REQUIRE(n == 1 && (fl & MSG_CTRUNC), "got %d fds, flags %#x", n, fl);
	REQUIRE(!pipe_eof(p[0][0], 50), "the delivered one was closed");
	REQUIRE(pipe_eof(p[1][0], 1000) && pipe_eof(p[2][0], 1000), "undelivered ones open");
	/* A control buffer too small for any: MSG_CTRUNC, all closed. */
	REQUIRE_OK(pipe(p[0]));
	REQUIRE(send_fds(sv[0], "u", 1, &p[0][1], 1) == 1, "send");
	close(p[0][1]);
	REQUIRE(recv_fds(sv[1], buf, 1, sizeof(struct cmsghdr), 0, fds, &n, &fl) == 1 &&
		n == 0 && (fl & MSG_CTRUNC), "tiny buffer: %d fds flags %#x", n, fl);
	REQUIRE(pipe_eof(p[0][0], 1000), "not closed");
	/* No control buffer at all: the same (read(2) too). */
	REQUIRE_OK(pipe(p[0]));
	REQUIRE(send_fds(sv[0], "v", 1, &p[0][1], 1) == 1, "send");
	close(p[0][1]);
	REQUIRE(recv_fds(sv[1], buf, 1, 0, 0, fds, &n, &fl) == 1 && (fl & MSG_CTRUNC),
		"no control: flags %#x", fl);
	REQUIRE(pipe_eof(p[0][0], 1000), "not closed (no control)");
	REQUIRE_OK(pipe(p[0]));
	REQUIRE(send_fds(sv[0], "w", 1, &p[0][1], 1) == 1, "send");
	close(p[0][1]);
	REQUIRE(read(sv[1], buf, sizeof buf) == 1, "read");
	REQUIRE(pipe_eof(p[0][0], 1000), "not closed (read)");
}

static void rights_emfile(void)
{
	struct rlimit rl;
	int sv[2], p[2], fds[8], n, fl, lowest;
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(pipe(p));
	REQUIRE(send_fds(sv[0], "e", 1, &p[1], 1) == 1, "send");
	close(p[1]);
	lowest = dup(0);
	close(lowest);
	/* No free descriptor for the receiver: MSG_CTRUNC, the file closed. */
	rl.rlim_cur = rl.rlim_max = (rlim_t)lowest;
	for (int k = lowest; k < 64; k++)
		if (k != sv[1] && k != p[0])
			close(k);
	REQUIRE_OK(setrlimit(RLIMIT_NOFILE, &rl));
	REQUIRE(recv_fds(sv[1], buf, 1, 256, 0, fds, &n, &fl) == 1 && n == 0 &&
		(fl & MSG_CTRUNC), "EMFILE: %d fds flags %#x", n, fl);
	REQUIRE(pipe_eof(p[0], 1000), "the file was not closed");
}

static void rights_cloexec(void)
{
	int sv[2], p[2], fds[8], n, fl;
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(pipe(p));
	REQUIRE(send_fds(sv[0], "c", 1, &p[0], 1) == 1, "send");
	REQUIRE(recv_fds(sv[1], buf, 1, 256, MSG_CMSG_CLOEXEC, fds, &n, &fl) == 1 && n == 1,
		"recv");
	REQUIRE(fcntl(fds[0], F_GETFD) == FD_CLOEXEC, "MSG_CMSG_CLOEXEC: F_GETFD %d",
		fcntl(fds[0], F_GETFD));
}

static void rights_errors(void)
{
	static int many[300];
	union { char b[CMSG_SPACE(sizeof many)]; struct cmsghdr a; } cb;
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cb.b };
	struct cmsghdr *c = (struct cmsghdr *)cb.b;
	int sv[2], bad = 1000, i, fds[8], n, fl;
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_ERR(send_fds(sv[0], "x", 1, &bad, 1), EBADF);
	for (i = 0; i < 300; i++)
		many[i] = sv[0];
	/* At most SCM_MAX_FD (253) in one message. */
	memset(&cb, 0, sizeof cb);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(254 * sizeof(int));
	memcpy(CMSG_DATA(c), many, 254 * sizeof(int));
	m.msg_controllen = CMSG_SPACE(254 * sizeof(int));
	/* musl's sendmsg copies the control data: the raw call tests the kernel. */
	REQUIRE_ERR(syscall(SYS_sendmsg, sv[0], &m, 0), EINVAL);
	c->cmsg_len = CMSG_LEN(253 * sizeof(int));
	m.msg_controllen = CMSG_SPACE(253 * sizeof(int));
	REQUIRE(syscall(SYS_sendmsg, sv[0], &m, 0) == 1, "253 fds: %s", errname(errno));
	REQUIRE(recv_fds(sv[1], buf, 1, 0, 0, fds, &n, &fl) == 1 && (fl & MSG_CTRUNC), "drop");
	/* A header with a bad length: EINVAL. */
	c->cmsg_len = sizeof(struct cmsghdr) - 1;
	REQUIRE_ERR(syscall(SYS_sendmsg, sv[0], &m, 0), EINVAL);
	c->cmsg_len = m.msg_controllen + 8;
	REQUIRE_ERR(syscall(SYS_sendmsg, sv[0], &m, 0), EINVAL);
	/* An unknown SOL_SOCKET type: EINVAL; another level is ignored. */
	c->cmsg_len = CMSG_LEN(sizeof(int));
	m.msg_controllen = CMSG_SPACE(sizeof(int));
	c->cmsg_type = 99;
	REQUIRE_ERR(syscall(SYS_sendmsg, sv[0], &m, 0), EINVAL);
	c->cmsg_level = SOL_IP;
	c->cmsg_type = SCM_RIGHTS;
	REQUIRE(sendmsg(sv[0], &m, 0) == 1, "other level: %s", errname(errno));
	REQUIRE(recv_fds(sv[1], buf, 1, 256, 0, fds, &n, &fl) == 1 && n == 0 && fl == 0,
		"other level delivered %d fds", n);
	/* No data: a datagram carries them; a stream sends nothing at all. */
	int p[2];
	REQUIRE_OK(pipe(p));
	REQUIRE(send_fds(sv[0], "", 0, &p[0], 1) == 0, "empty datagram with fds");
	REQUIRE(recv_fds(sv[1], buf, 1, 256, 0, fds, &n, &fl) == 0 && n == 1, "got %d", n);
	int ss[2];
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, ss));
	REQUIRE(send_fds(ss[0], "", 0, &p[0], 1) == 0, "empty stream send");
	REQUIRE(ioctl(ss[1], FIONREAD, &n) == 0 && n == 0 && poll_mask(ss[1]) == POLLOUT,
		"an empty stream send queued something");
}

/* A stream read stops after the bytes that carried descriptors. */
static void rights_stream_boundary(void)
{
	int sv[2], p[2], fds[8], n, fl;
	char buf[16];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_OK(pipe(p));
	REQUIRE(write(sv[0], "xy", 2) == 2, "write");
	REQUIRE(send_fds(sv[0], "ab", 2, &p[0], 1) == 2, "send");
	REQUIRE(write(sv[0], "cd", 2) == 2, "write");
	REQUIRE(recv_fds(sv[1], buf, sizeof buf, 256, 0, fds, &n, &fl) == 4 && n == 1 &&
		!memcmp(buf, "xyab", 4), "first read: %.4s, %d fds", buf, n);
	REQUIRE(recv_fds(sv[1], buf, sizeof buf, 256, 0, fds, &n, &fl) == 2 && n == 0 &&
		!memcmp(buf, "cd", 2), "second read");
	/* Read in parts: the descriptors come with the first part. */
	REQUIRE(send_fds(sv[0], "1234", 4, &p[0], 1) == 4, "send");
	REQUIRE(recv_fds(sv[1], buf, 2, 256, 0, fds, &n, &fl) == 2 && n == 1, "part 1: %d", n);
	REQUIRE(recv_fds(sv[1], buf, 2, 256, 0, fds, &n, &fl) == 2 && n == 0, "part 2: %d", n);
}

static void rights_peek(void)
{
	int sv[2], p[2], a[8], b[8], n, m, fl;
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(pipe(p));
	REQUIRE(send_fds(sv[0], "p", 1, &p[1], 1) == 1, "send");
	close(p[1]);
	REQUIRE(recv_fds(sv[1], buf, 1, 256, MSG_PEEK, a, &n, &fl) == 1 && n == 1, "peek");
	REQUIRE(recv_fds(sv[1], buf, 1, 256, 0, b, &m, &fl) == 1 && m == 1 && a[0] != b[0],
		"read: %d fds", m);
	close(a[0]);
	REQUIRE(!pipe_eof(p[0], 50), "a copy was lost");
	close(b[0]);
	REQUIRE(pipe_eof(p[0], 1000), "an extra reference remains");
}

/* Descriptors queued on a socket are closed when it goes. */
static void rights_closed_in_flight(void)
{
	int sv[2], p[2], l, c;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_OK(pipe(p));
	REQUIRE(send_fds(sv[0], "z", 1, &p[1], 1) == 1, "send");
	close(p[1]);
	REQUIRE(!pipe_eof(p[0], 50), "closed too early");
	close(sv[1]);
	REQUIRE(pipe_eof(p[0], 1000), "still open after the receiver closed");
	close(sv[0]);
	/* Queued on a connection nobody accepted. */
	REQUIRE_OK(pipe(p));
	l = listener(SOCK_STREAM, "ifl", 5);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE(l >= 0 && connect_path(c, "ifl") == 0, "connect");
	REQUIRE(send_fds(c, "z", 1, &p[1], 1) == 1, "send");
	close(p[1]);
	close(l);
	REQUIRE(pipe_eof(p[0], 1000), "still open after the listener closed");
}

/* Sockets that hold each other in their queues are collected. */
static void rights_gc_cycle(void)
{
	int sv[2], p[2], three[3], a[2], b[2];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(pipe(p));
	three[0] = sv[0];
	three[1] = sv[1];
	three[2] = p[1];
	/* Both ends and the pipe ride on sv[1]'s own queue. */
	REQUIRE(send_fds(sv[0], "g", 1, three, 3) == 1, "send");
	close(sv[0]);
	close(sv[1]);
	close(p[1]);
	/* Something must release a unix socket for the collector to run. */
	int t = socket(AF_UNIX, SOCK_DGRAM, 0);
	close(t);
	REQUIRE(pipe_eof(p[0], 2000), "the cycle was not collected");
	/* Two sockets each queued on the other. */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, a));
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, b));
	REQUIRE_OK(pipe(p));
	REQUIRE(send_fds(a[0], "1", 1, &b[0], 1) == 1, "a carries b");
	int two[2] = { a[0], p[1] };
	REQUIRE(send_fds(b[1], "2", 1, two, 2) == 1, "b carries a");
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	close(p[1]);
	t = socket(AF_UNIX, SOCK_DGRAM, 0);
	close(t);
	REQUIRE(pipe_eof(p[0], 2000), "the two-socket cycle was not collected");
}

/* What must not be collected: a queue someone can still read. */
static void rights_gc_reachable(void)
{
	int sv[2], inner[2], p[2], fds[8], n, fl;
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, inner));
	REQUIRE_OK(pipe(p));
	/* inner[1] carries the pipe; inner[0] travels on sv; inner closed here. */
	REQUIRE(send_fds(inner[0], "i", 1, &p[1], 1) == 1, "send pipe");
	REQUIRE(send_fds(sv[0], "o", 1, &inner[1], 1) == 1, "send inner");
	close(inner[0]);
	close(inner[1]);
	close(p[1]);
	int t = socket(AF_UNIX, SOCK_DGRAM, 0);
	close(t);
	REQUIRE(!pipe_eof(p[0], 100), "a reachable file was collected");
	REQUIRE(recv_fds(sv[1], buf, 1, 256, 0, fds, &n, &fl) == 1 && n == 1, "recv inner");
	REQUIRE(recv_fds(fds[0], buf, 1, 256, 0, fds + 1, &n, &fl) == 1 && n == 1, "recv pipe");
	REQUIRE(write(fds[1], "!", 1) == 1 && read(p[0], buf, 1) == 1, "the pipe works");
}

/*
 * unix(7) ETOOMANYREFS: a sender may have no more files in flight than
 * its RLIMIT_NOFILE (checked before each send, so one more gets in);
 * receiving them makes room.  Root is not limited.
 */
static void rights_toomanyrefs(void)
{
	struct rlimit rl = { 20, 20 };
	int sv[2], p[2], i, fds[8], n, fl;
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(pipe(p));
	for (i = 0; i < 40; i++)
		REQUIRE(send_fds(sv[0], "r", 1, &p[0], 1) == 1, "root send %d: %s", i,
			errname(errno));
	for (i = 0; i < 40; i++)
		REQUIRE(recv_fds(sv[1], buf, 1, 0, 0, fds, &n, &fl) == 1, "drain");
	REQUIRE(become_nobody(), "nobody");
	REQUIRE_OK(setrlimit(RLIMIT_NOFILE, &rl));
	for (i = 0; i < 40; i++)
		if (send_fds(sv[0], "n", 1, &p[0], 1) != 1)
			break;
	REQUIRE(i == 21 && errno == ETOOMANYREFS, "%d sends, then %s", i, errname(errno));
	REQUIRE(recv_fds(sv[1], buf, 1, 0, 0, fds, &n, &fl) == 1, "recv");
	REQUIRE(send_fds(sv[0], "n", 1, &p[0], 1) == 1, "after a receive: %s", errname(errno));
	REQUIRE_ERR(send_fds(sv[0], "n", 1, &p[0], 1), ETOOMANYREFS);
	/* Data alone still goes. */
	REQUIRE(send(sv[0], "d", 1, 0) == 1, "plain send");
}

static int recv_creds(int fd, struct ucred *u, int *has, int *mflags)
{
	union { char b[256]; struct cmsghdr a; } cb;
	char buf[16];
	struct iovec iov = { buf, sizeof buf };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cb.b,
			    .msg_controllen = sizeof cb.b };
	struct cmsghdr *c;
	int r = (int)recvmsg(fd, &m, 0);

	*has = 0;
	*mflags = m.msg_flags;
	for (c = CMSG_FIRSTHDR(&m); r >= 0 && c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS &&
		    c->cmsg_len == CMSG_LEN(sizeof *u)) {
			memcpy(u, CMSG_DATA(c), sizeof *u);
			*has = 1;
		}
	return r;
}

static ssize_t send_creds(int fd, pid_t pid, uid_t uid, gid_t gid)
{
	union { char b[CMSG_SPACE(sizeof(struct ucred))]; struct cmsghdr a; } cb;
	struct ucred u = { pid, uid, gid };
	struct iovec iov = { "c", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cb.b,
			    .msg_controllen = sizeof cb.b };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	memset(&cb, 0, sizeof cb);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof u);
	memcpy(CMSG_DATA(c), &u, sizeof u);
	return sendmsg(fd, &m, 0);
}

static void creds_passcred(void)
{
	struct ucred u;
	int sv[2], on = 1, has, fl, types[2] = { SOCK_DGRAM, SOCK_STREAM }, i;
	char buf[4];

	for (i = 0; i < 2; i++) {
		REQUIRE_OK(socketpair(AF_UNIX, types[i], 0, sv));
		REQUIRE(send(sv[0], "a", 1, 0) == 1, "send");
		REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 1 && !has && fl == 0,
			"credentials without SO_PASSCRED");
		REQUIRE_OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
		REQUIRE(send(sv[0], "b", 1, 0) == 1, "send");
		REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 1 && has && u.pid == getpid() &&
			u.uid == getuid() && u.gid == getgid(), "type %d: has %d pid %d uid %d",
			types[i], has, u.pid, u.uid);
		/* Without a control buffer: MSG_CTRUNC. */
		REQUIRE(send(sv[0], "c", 1, 0) == 1, "send");
		struct iovec iov = { buf, sizeof buf };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		REQUIRE(recvmsg(sv[1], &m, 0) == 1 && (m.msg_flags & MSG_CTRUNC), "flags %#x",
			m.msg_flags);
	}
	/* Data sent before SO_PASSCRED was on carries none: pid 0, overflow ids. */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE(send(sv[0], "d", 1, 0) == 1, "send");
	REQUIRE_OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
	REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 1 && has && u.pid == 0 && u.uid == 65534 &&
		u.gid == 65534, "late: %d %d %d", u.pid, u.uid, u.gid);
	/* The sender's SO_PASSCRED attaches them too. */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
	REQUIRE(send(sv[0], "e", 1, 0) == 1, "send");
	REQUIRE_OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
	REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 1 && has && u.pid == getpid(),
		"sender's SO_PASSCRED: pid %d", u.pid);
}

/* A stream with SO_PASSCRED never joins bytes of different writers. */
static void creds_stream_writers(void)
{
	struct ucred u;
	int sv[2], on = 1, has, fl;
	pid_t pid;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
	REQUIRE(write(sv[0], "pa", 2) == 2, "write");
	pid = fork();
	if (pid == 0)
		_exit(write(sv[0], "ch", 2) == 2 ? 0 : 1);
	REQUIRE(wait_status(pid) == 0, "child");
	REQUIRE(write(sv[0], "pb", 2) == 2, "write");
	REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 2 && has && u.pid == getpid(), "first");
	REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 2 && has && u.pid == pid, "child's");
	REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 2 && u.pid == getpid(), "last");
}

static void creds_explicit(void)
{
	struct ucred u;
	int sv[2], on = 1, has, fl;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
	REQUIRE(send_creds(sv[0], getpid(), getuid(), getgid()) == 1, "own: %s", errname(errno));
	REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 1 && has && u.pid == getpid(), "own");
	/* Root may speak for another process and other ids. */
	REQUIRE(send_creds(sv[0], getppid(), 123, 456) == 1, "root: %s", errname(errno));
	REQUIRE(recv_creds(sv[1], &u, &has, &fl) == 1 && u.pid == getppid() && u.uid == 123 &&
		u.gid == 456, "root's claim: %d %d %d", u.pid, u.uid, u.gid);
	REQUIRE_ERR(send_creds(sv[0], 0x3ffffff0, 0, 0), ESRCH);
	REQUIRE_ERR(send_creds(sv[0], getpid(), (uid_t)-1, 0), EINVAL);
	/* A wrong length: EINVAL. */
	union { char b[CMSG_SPACE(16)]; struct cmsghdr a; } cb;
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cb.b,
			    .msg_controllen = sizeof cb.b };
	memset(&cb, 0, sizeof cb);
	cb.a.cmsg_level = SOL_SOCKET;
	cb.a.cmsg_type = SCM_CREDENTIALS;
	cb.a.cmsg_len = CMSG_LEN(16);
	REQUIRE_ERR(sendmsg(sv[0], &m, 0), EINVAL);
	/* Nobody may not. */
	REQUIRE(become_nobody(), "cannot become nobody");
	REQUIRE(send_creds(sv[0], getpid(), 65534, 65534) == 1, "own as nobody: %s",
		errname(errno));
	REQUIRE_ERR(send_creds(sv[0], getpid(), 0, 65534), EPERM);
	REQUIRE_ERR(send_creds(sv[0], getpid(), 65534, 0), EPERM);
	REQUIRE_ERR(send_creds(sv[0], getppid(), 65534, 65534), EPERM);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(rights_basic),
		CHECK(rights_two_cmsgs),
		CHECK(rights_ctrunc),
		CHECK(rights_emfile),
		CHECK(rights_cloexec),
		CHECK(rights_errors),
		CHECK(rights_stream_boundary),
		CHECK(rights_peek),
		CHECK(rights_closed_in_flight),
		CHECK(rights_gc_cycle),
		CHECK(rights_gc_reachable),
		CHECK(rights_toomanyrefs),
		CHECK(creds_passcred),
		CHECK(creds_stream_writers),
		CHECK(creds_explicit),
	};

	return run_checks("unix_rights", checks, NCHECKS(checks));
}
