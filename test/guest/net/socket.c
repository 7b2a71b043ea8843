/*
 * socket.c - socket(2) and socketpair(2) for every family, type and
 * protocol that matters, with Linux's errno for the bad ones; sockets as
 * file descriptors (flags, fstat, /proc/self/fd); the errno every socket
 * call gives for a non-socket fd, a bad fd, a bad pointer and a bad
 * address length; the AF_UNIX minimum musl needs (socketpair,
 * SIOCGIFINDEX through an AF_UNIX datagram socket).
 */
#include "netcheck.h"

#include <sys/un.h>

/* socket(2): a fd, or -1 with errno. */
struct sock_case {
	int family, type, protocol;
	int err;		/* 0: must succeed */
	int want_protocol;	/* SO_PROTOCOL when it succeeds */
};

static void inet_types(void)
{
	static const struct sock_case ok[] = {
		{ AF_INET, SOCK_STREAM, 0, 0, IPPROTO_TCP },
		{ AF_INET, SOCK_STREAM, IPPROTO_TCP, 0, IPPROTO_TCP },
		{ AF_INET, SOCK_DGRAM, 0, 0, IPPROTO_UDP },
		{ AF_INET, SOCK_DGRAM, IPPROTO_UDP, 0, IPPROTO_UDP },
	};
	size_t i;
	int fd, v;

	for (i = 0; i < NCHECKS(ok); i++) {
		const struct sock_case *c = &ok[i];

		fd = socket(c->family, c->type, c->protocol);
		REQUIRE(fd >= 0, "socket(%d, %d, %d): %s", c->family, c->type,
			c->protocol, errname(errno));
		REQUIRE(getopt_int(fd, SOL_SOCKET, SO_TYPE, &v) == 0 &&
			v == c->type, "case %zu: SO_TYPE %d", i, v);
		REQUIRE(getopt_int(fd, SOL_SOCKET, SO_DOMAIN, &v) == 0 &&
			v == AF_INET, "case %zu: SO_DOMAIN %d", i, v);
		REQUIRE(getopt_int(fd, SOL_SOCKET, SO_PROTOCOL, &v) == 0 &&
			v == c->want_protocol, "case %zu: SO_PROTOCOL %d", i,
			v);
		/* Like open(2): the lowest free descriptor. */
		REQUIRE_OK(close(fd));
		v = socket(c->family, c->type, c->protocol);
		REQUIRE(v == fd, "after close(%d) socket() gave %d", fd, v);
		close(v);
	}
}

static void bad_combinations(void)
{
	static const struct sock_case bad[] = {
		/* No such family (socket(2): EAFNOSUPPORT). */
		{ -1, SOCK_STREAM, 0, EAFNOSUPPORT, 0 },
		{ AF_UNSPEC, SOCK_STREAM, 0, EAFNOSUPPORT, 0 },
		{ 46 /* AF_MAX (6.1) */, SOCK_STREAM, 0, EAFNOSUPPORT, 0 },
		{ 1000, SOCK_DGRAM, 0, EAFNOSUPPORT, 0 },
		/* Bits beyond the type other than the two flags; types past
		 * SOCK_MAX (Linux checks both before the family). */
		{ AF_INET, SOCK_STREAM | 0x10, 0, EINVAL, 0 },
		{ AF_INET, SOCK_STREAM | 0x40000000, 0, EINVAL, 0 },
		{ AF_INET, 11, 0, EINVAL, 0 },
		{ AF_INET, 15, 0, EINVAL, 0 },
		{ 1000, SOCK_STREAM | 0x10, 0, EINVAL, 0 },
		/* A protocol number outside 0..IPPROTO_MAX-1. */
		{ AF_INET, SOCK_STREAM, -1, EINVAL, 0 },
		{ AF_INET, SOCK_DGRAM, 1000, EINVAL, 0 },
		/* A type AF_INET has no protocol for at all. */
		{ AF_INET, 0, 0, ESOCKTNOSUPPORT, 0 },
		{ AF_INET, SOCK_SEQPACKET, 0, ESOCKTNOSUPPORT, 0 },
		{ AF_INET, SOCK_RDM, 0, ESOCKTNOSUPPORT, 0 },
		/* A type that exists, with a protocol it does not carry. */
		{ AF_INET, SOCK_STREAM, IPPROTO_UDP, EPROTONOSUPPORT, 0 },
		{ AF_INET, SOCK_STREAM, IPPROTO_ICMP, EPROTONOSUPPORT, 0 },
		{ AF_INET, SOCK_DGRAM, IPPROTO_TCP, EPROTONOSUPPORT, 0 },
		{ AF_INET, SOCK_DGRAM, 200, EPROTONOSUPPORT, 0 },
		/* A raw socket needs a protocol (0 is no wildcard there). */
		{ AF_INET, SOCK_RAW, 0, EPROTONOSUPPORT, 0 },
		/* AF_UNIX takes protocol 0 or PF_UNIX only. */
		{ AF_UNIX, SOCK_STREAM, 2, EPROTONOSUPPORT, 0 },
	};
	size_t i;

	for (i = 0; i < NCHECKS(bad); i++) {
		const struct sock_case *c = &bad[i];
		int fd;

		errno = 0;
		fd = socket(c->family, c->type, c->protocol);
		REQUIRE(fd == -1 && errno == c->err,
			"socket(%d, %#x, %d) = %d (%s), want -1 %s", c->family,
			c->type, c->protocol, fd, errname(errno),
			errname(c->err));
	}
}

static void nonblock_cloexec(void)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	size_t i;
	int fd, v;

	for (i = 0; i < NCHECKS(types); i++) {
		fd = socket(AF_INET, types[i] | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    0);
		REQUIRE(fd >= 0, "socket: %s", errname(errno));
		v = fcntl(fd, F_GETFL);
		REQUIRE(v == (O_RDWR | O_NONBLOCK), "F_GETFL %#x, want %#x", v,
			O_RDWR | O_NONBLOCK);
		v = fcntl(fd, F_GETFD);
		REQUIRE(v == FD_CLOEXEC, "F_GETFD %#x", v);
		/* The flags are not part of the type. */
		REQUIRE(getopt_int(fd, SOL_SOCKET, SO_TYPE, &v) == 0 &&
			v == types[i], "SO_TYPE %#x", v);
		close(fd);

		fd = socket(AF_INET, types[i], 0);
		REQUIRE(fd >= 0, "socket: %s", errname(errno));
		v = fcntl(fd, F_GETFL);
		REQUIRE(v == O_RDWR, "F_GETFL %#x, want O_RDWR", v);
		v = fcntl(fd, F_GETFD);
		REQUIRE(v == 0, "F_GETFD %#x", v);
		close(fd);
	}
}

/* The inode number in /proc/self/fd/N's "socket:[ino]", or -1. */
static long long proc_fd_socket_ino(int fd)
{
	char path[64], link[64], tail;
	unsigned long long ino;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof link - 1);
	if (n < 0)
		return -1;
	link[n] = 0;
	if (sscanf(link, "socket:[%llu%c", &ino, &tail) != 2 || tail != ']' ||
	    link[n - 1] != ']')
		return -1;
	return (long long)ino;
}

static void fstat_and_proc_link(void)
{
	struct stat st, st2;
	int a, b, sv[2];

	a = socket(AF_INET, SOCK_STREAM, 0);
	b = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(a >= 0 && b >= 0, "socket: %s", errname(errno));
	REQUIRE_OK(fstat(a, &st));
	REQUIRE(S_ISSOCK(st.st_mode), "st_mode %#o is not S_IFSOCK",
		(unsigned)st.st_mode);
	/* Linux: sockets are mode 0777, owned by the creator, one link. */
	REQUIRE((st.st_mode & 07777) == 0777, "permission bits %#o",
		(unsigned)(st.st_mode & 07777));
	REQUIRE(st.st_nlink == 1 && st.st_uid == getuid() &&
		st.st_gid == getgid() && st.st_size == 0,
		"nlink %lu uid %u gid %u size %lld", (unsigned long)st.st_nlink,
		(unsigned)st.st_uid, (unsigned)st.st_gid,
		(long long)st.st_size);
	REQUIRE(proc_fd_socket_ino(a) == (long long)st.st_ino,
		"/proc/self/fd/%d does not name socket:[%llu] (got %lld)", a,
		(unsigned long long)st.st_ino, proc_fd_socket_ino(a));
	REQUIRE_OK(fstat(b, &st2));
	REQUIRE(S_ISSOCK(st2.st_mode) && st2.st_ino != st.st_ino &&
		st2.st_dev == st.st_dev, "second socket: mode %#o ino %llu",
		(unsigned)st2.st_mode, (unsigned long long)st2.st_ino);
	REQUIRE(proc_fd_socket_ino(b) == (long long)st2.st_ino,
		"/proc/self/fd/%d: %lld, want %llu", b, proc_fd_socket_ino(b),
		(unsigned long long)st2.st_ino);
	/* A dup is the same socket. */
	a = dup(a);
	REQUIRE(a >= 0 && proc_fd_socket_ino(a) == (long long)st.st_ino,
		"dup names another socket");
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_OK(fstat(sv[0], &st));
	REQUIRE(S_ISSOCK(st.st_mode) && proc_fd_socket_ino(sv[0]) ==
		(long long)st.st_ino, "socketpair end: mode %#o",
		(unsigned)st.st_mode);
}

/*
 * Every socket call on a descriptor that is not a socket: ENOTSOCK; on a
 * descriptor that is not open: EBADF.
 */
static int socket_calls_fail(int fd, int want)
{
	struct sockaddr_in sa = lo_addr(9);
	socklen_t len = sizeof sa;
	struct iovec iov = { &sa, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct mmsghdr mm = { .msg_hdr = mh };
	char c = 0;
	int v = 1;

#define CALL_FAILS(expr) do {                                                \
	errno = 0;                                                           \
	long r_ = (long)(expr);                                              \
	if (r_ != -1 || errno != want) {                                     \
		check_fail("%s on fd %d: %ld (%s), want -1 %s", #expr, fd,   \
			   r_, errname(errno), errname(want));               \
		return -1;                                                   \
	}                                                                    \
} while (0)
	CALL_FAILS(bind(fd, SA(&sa), sizeof sa));
	CALL_FAILS(connect(fd, SA(&sa), sizeof sa));
	CALL_FAILS(listen(fd, 1));
	CALL_FAILS(accept(fd, NULL, NULL));
	CALL_FAILS(accept4(fd, NULL, NULL, SOCK_CLOEXEC));
	CALL_FAILS(getsockname(fd, SA(&sa), &len));
	CALL_FAILS(getpeername(fd, SA(&sa), &len));
	CALL_FAILS(send(fd, &c, 1, 0));
	CALL_FAILS(sendto(fd, &c, 1, 0, SA(&sa), sizeof sa));
	CALL_FAILS(recv(fd, &c, 1, MSG_DONTWAIT));
	CALL_FAILS(recvfrom(fd, &c, 1, MSG_DONTWAIT, SA(&sa), &len));
	CALL_FAILS(sendmsg(fd, &mh, 0));
	CALL_FAILS(recvmsg(fd, &mh, MSG_DONTWAIT));
	CALL_FAILS(sendmmsg(fd, &mm, 1, 0));
	CALL_FAILS(recvmmsg(fd, &mm, 1, MSG_DONTWAIT, NULL));
	CALL_FAILS(shutdown(fd, SHUT_RDWR));
	CALL_FAILS(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v));
	len = sizeof v;
	CALL_FAILS(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
#undef CALL_FAILS
	return 0;
}

static void enotsock(void)
{
	int p[2], f;

	REQUIRE_OK(pipe(p));
	if (socket_calls_fail(p[0], ENOTSOCK) < 0 ||
	    socket_calls_fail(p[1], ENOTSOCK) < 0)
		return;
	f = open("plain", O_RDWR | O_CREAT, 0600);
	REQUIRE(f >= 0, "open: %s", errname(errno));
	if (socket_calls_fail(f, ENOTSOCK) < 0)
		return;
	f = open("/dev/null", O_RDWR);
	REQUIRE(f >= 0, "open /dev/null: %s", errname(errno));
	if (socket_calls_fail(f, ENOTSOCK) < 0)
		return;
}

static void ebadf(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	REQUIRE(fd >= 0, "socket: %s", errname(errno));
	REQUIRE_OK(close(fd));
	if (socket_calls_fail(fd, EBADF) < 0 ||
	    socket_calls_fail(-1, EBADF) < 0 ||
	    socket_calls_fail(100000, EBADF) < 0)
		return;
}

static void efault_sockaddr(void)
{
	struct sockaddr_in sa = lo_addr(9);
	socklen_t len = sizeof sa;
	int t, u, l, c, c2, port;

	if (lo_up() < 0)
		return;
	t = socket(AF_INET, SOCK_STREAM, 0);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(t >= 0 && u >= 0, "socket: %s", errname(errno));
	REQUIRE_ERR(bind(t, BADPTR, sizeof sa), EFAULT);
	REQUIRE_ERR(connect(t, BADPTR, sizeof sa), EFAULT);
	REQUIRE_ERR(sendto(u, "x", 1, 0, BADPTR, sizeof sa), EFAULT);
	REQUIRE_ERR(sendto(u, BADPTR, 1, 0, SA(&sa), sizeof sa), EFAULT);
	REQUIRE_ERR(getsockname(t, BADPTR, &len), EFAULT);
	REQUIRE_ERR(getsockname(t, SA(&sa), BADPTR), EFAULT);
	/* Unconnected: ENOTCONN comes before the length is read. */
	REQUIRE_ERR(getpeername(t, SA(&sa), BADPTR), ENOTCONN);
	/* accept(2) copies the peer out after taking the connection. */
	if ((l = tcp_listener(4)) < 0 || (port = port_of(l)) < 0 ||
	    (c = tcp_connect(port)) < 0 || (c2 = tcp_connect(port)) < 0)
		return;
	REQUIRE_ERR(accept(l, BADPTR, &len), EFAULT);
	REQUIRE_ERR(accept(l, SA(&sa), BADPTR), EFAULT);
	/* Each took a connection with it: none is left. */
	REQUIRE(poll_one(l, POLLIN, 0) == 0, "a connection is still queued");
	REQUIRE_ERR(getpeername(c, SA(&sa), BADPTR), EFAULT);
	REQUIRE_ERR(getpeername(c, BADPTR, &len), EFAULT);
	close(c);
}

static void efault_optval_msghdr(void)
{
	struct sockaddr_in sa = lo_addr(9);
	char buf[8] = "abc";
	struct iovec iov = { buf, 3 }, badiov = { BADPTR, 3 };
	struct msghdr mh;
	socklen_t len = sizeof(int);
	int u, v = 1;

	if (lo_up() < 0)
		return;
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0, "socket: %s", errname(errno));
	REQUIRE_ERR(setsockopt(u, SOL_SOCKET, SO_REUSEADDR, BADPTR, 4), EFAULT);
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_TTL, BADPTR, 4), EFAULT);
	REQUIRE_ERR(getsockopt(u, SOL_SOCKET, SO_TYPE, BADPTR, &len), EFAULT);
	REQUIRE_ERR(getsockopt(u, SOL_SOCKET, SO_TYPE, &v, BADPTR), EFAULT);
	REQUIRE_ERR(getsockopt(u, IPPROTO_IP, IP_TTL, &v, BADPTR), EFAULT);
	/* musl's sendmsg() may copy the msghdr itself: system calls here. */
	REQUIRE_ERR(syscall(SYS_sendmsg, u, BADPTR, 0), EFAULT);
	REQUIRE_ERR(syscall(SYS_recvmsg, u, BADPTR, MSG_DONTWAIT), EFAULT);
	memset(&mh, 0, sizeof mh);
	mh.msg_name = &sa;
	mh.msg_namelen = sizeof sa;
	mh.msg_iov = BADPTR;
	mh.msg_iovlen = 1;
	REQUIRE_ERR(syscall(SYS_sendmsg, u, &mh, 0), EFAULT);
	mh.msg_iov = &badiov;
	REQUIRE_ERR(syscall(SYS_sendmsg, u, &mh, 0), EFAULT);
	mh.msg_iov = &iov;
	mh.msg_name = BADPTR;
	REQUIRE_ERR(syscall(SYS_sendmsg, u, &mh, 0), EFAULT);
	mh.msg_name = &sa;
	mh.msg_control = BADPTR;
	mh.msg_controllen = 32;
	REQUIRE_ERR(syscall(SYS_sendmsg, u, &mh, 0), EFAULT);
	REQUIRE_ERR(syscall(SYS_sendmmsg, u, BADPTR, 1, 0), EFAULT);
	REQUIRE_ERR(syscall(SYS_recvmmsg, u, BADPTR, 1, MSG_DONTWAIT, NULL),
		    EFAULT);
}

static void einval_addrlen(void)
{
	struct sockaddr_in sa = lo_addr(0);
	struct sockaddr_storage big;
	socklen_t len;
	int t, u;

	if (lo_up() < 0)
		return;
	t = socket(AF_INET, SOCK_STREAM, 0);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(t >= 0 && u >= 0, "socket: %s", errname(errno));
	REQUIRE_ERR(bind(t, SA(&sa), sizeof sa - 1), EINVAL);
	REQUIRE_ERR(bind(t, SA(&sa), 0), EINVAL);
	REQUIRE_ERR(bind(t, SA(&sa), -1), EINVAL);
	/* More than a sockaddr_storage is refused before it is read. */
	REQUIRE_ERR(bind(t, SA(&big), sizeof big + 1), EINVAL);
	REQUIRE_ERR(connect(t, SA(&sa), sizeof sa - 1), EINVAL);
	REQUIRE_ERR(connect(t, SA(&sa), 1), EINVAL);
	REQUIRE_ERR(sendto(u, "x", 1, 0, SA(&sa), sizeof sa - 1), EINVAL);
	REQUIRE_ERR(sendto(u, "x", 1, 0, SA(&sa), -1), EINVAL);
	len = (socklen_t)-1;
	REQUIRE_ERR(getsockname(t, SA(&sa), &len), EINVAL);
	REQUIRE_ERR(getpeername(t, SA(&sa), &len), ENOTCONN);
	/* A longer buffer is fine: only the sockaddr_in is read. */
	memset(&big, 0, sizeof big);
	memcpy(&big, &sa, sizeof sa);
	REQUIRE_OK(bind(t, SA(&big), sizeof big));
	/* The family must be AF_INET (AF_UNSPEC passes only as INADDR_ANY). */
	close(u);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0, "socket: %s", errname(errno));
	sa.sin_family = AF_UNIX;
	REQUIRE_ERR(bind(u, SA(&sa), sizeof sa), EAFNOSUPPORT);
	sa.sin_family = AF_UNSPEC;
	REQUIRE_ERR(bind(u, SA(&sa), sizeof sa), EAFNOSUPPORT);
	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	REQUIRE_OK(bind(u, SA(&sa), sizeof sa));
}

static void wrong_type_ops(void)
{
	int u, t, c, s, l;

	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0, "socket: %s", errname(errno));
	REQUIRE_ERR(listen(u, 1), EOPNOTSUPP);
	REQUIRE_ERR(accept(u, NULL, NULL), EOPNOTSUPP);
	t = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(t >= 0, "socket: %s", errname(errno));
	/* accept on a socket that does not listen. */
	REQUIRE_ERR(accept(t, NULL, NULL), EINVAL);
	/* (musl's accept4() retries a refused call as accept(): the
	 * system call itself is tested.) */
	REQUIRE_ERR(syscall(SYS_accept4, t, NULL, NULL, SOCK_CLOEXEC), EINVAL);
	REQUIRE_ERR(shutdown(t, 3), EINVAL);
	REQUIRE_ERR(shutdown(t, -1), EINVAL);
	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	/* A connected socket cannot listen. */
	REQUIRE_ERR(listen(c, 1), EINVAL);
	REQUIRE_ERR(listen(s, 1), EINVAL);
	/* Flags accept4 does not know; the queued connection stays. */
	if (tcp_connect(port_of(l)) < 0)
		return;
	REQUIRE_ERR(syscall(SYS_accept4, l, NULL, NULL, O_APPEND), EINVAL);
	REQUIRE_ERR(syscall(SYS_accept4, l, NULL, NULL, SOCK_STREAM), EINVAL);
	REQUIRE(poll_one(l, POLLIN, 0) == POLLIN, "the connection is gone");
	REQUIRE(accept(l, NULL, NULL) >= 0, "accept: %s", errname(errno));
}

static void socketpair_inet(void)
{
	int sv[2];

	REQUIRE_ERR(socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
	REQUIRE_ERR(socketpair(AF_INET, SOCK_DGRAM, 0, sv), EOPNOTSUPP);
	/* The socket is made (and its errors found) before the pair. */
	REQUIRE_ERR(socketpair(AF_INET, SOCK_STREAM, IPPROTO_UDP, sv),
		    EPROTONOSUPPORT);
	REQUIRE_ERR(socketpair(1000, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
	REQUIRE_ERR(socketpair(AF_UNIX, SOCK_STREAM | 0x10, 0, sv), EINVAL);
}

static void socketpair_unix_stream(void)
{
	char buf[16];
	int sv[2], v;

	REQUIRE_ERR(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, BADPTR),
		    EFAULT);
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	REQUIRE(sv[0] >= 0 && sv[1] >= 0 && sv[0] != sv[1], "fds %d %d",
		sv[0], sv[1]);
	REQUIRE(fcntl(sv[0], F_GETFD) == FD_CLOEXEC &&
		fcntl(sv[1], F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC not on both");
	REQUIRE(getopt_int(sv[0], SOL_SOCKET, SO_DOMAIN, &v) == 0 &&
		v == AF_UNIX, "SO_DOMAIN %d", v);
	REQUIRE(getopt_int(sv[1], SOL_SOCKET, SO_TYPE, &v) == 0 &&
		v == SOCK_STREAM, "SO_TYPE %d", v);
	REQUIRE(write(sv[0], "ping", 4) == 4, "write: %s", errname(errno));
	REQUIRE(read(sv[1], buf, sizeof buf) == 4 && !memcmp(buf, "ping", 4),
		"read on the other end");
	REQUIRE(send(sv[1], "pong!", 5, 0) == 5, "send: %s", errname(errno));
	REQUIRE(recv(sv[0], buf, sizeof buf, 0) == 5 &&
		!memcmp(buf, "pong!", 5), "recv on the first end");
	/* A stream: two writes may be read as one. */
	REQUIRE(write(sv[0], "ab", 2) == 2 && write(sv[0], "cd", 2) == 2,
		"writes");
	REQUIRE(read(sv[1], buf, sizeof buf) == 4 && !memcmp(buf, "abcd", 4),
		"stream read");
	close(sv[0]);
	REQUIRE(read(sv[1], buf, sizeof buf) == 0, "no EOF after close");

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv));
	REQUIRE(fcntl(sv[0], F_GETFL) == (O_RDWR | O_NONBLOCK), "F_GETFL %#x",
		fcntl(sv[0], F_GETFL));
	REQUIRE_ERR(read(sv[0], buf, sizeof buf), EAGAIN);
}

/*
 * The msghdr calls' own rules: Linux's 32-bit-caller flag
 * (MSG_CMSG_COMPAT) is EINVAL from a 64-bit caller before the
 * descriptor is looked at; a msg_namelen longer than a sockaddr_storage
 * is cut to it, not refused (unlike sendto's address length); recvmmsg
 * writes the time left back only when it returns datagrams.
 */
#define MSG_COMPAT_FLAG 0x80000000	/* MSG_CMSG_COMPAT: not in libc */
static void msghdr_flags_namelen_timeout(void)
{
	struct sockaddr_storage big;
	struct sockaddr_in sa;
	char buf[8] = "abc";
	struct iovec iov = { buf, 3 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct mmsghdr mm = { .msg_hdr = mh };
	struct timespec ts = { 5, 0 };
	int u, w;

	if (lo_up() < 0)
		return;
	/* Raw system calls: musl's wrappers may touch the msghdr first. */
	REQUIRE_ERR(syscall(SYS_sendmsg, 400, &mh, MSG_COMPAT_FLAG), EINVAL);
	REQUIRE_ERR(syscall(SYS_recvmsg, 400, &mh, MSG_COMPAT_FLAG), EINVAL);
	REQUIRE_ERR(syscall(SYS_sendmmsg, 400, &mm, 1, MSG_COMPAT_FLAG), EINVAL);
	REQUIRE_ERR(syscall(SYS_recvmmsg, 400, &mm, 1, MSG_COMPAT_FLAG, BADPTR), EINVAL);
	REQUIRE_ERR(syscall(SYS_recvmmsg, 400, &mm, 1, 0, &ts), EBADF);
	REQUIRE(ts.tv_sec == 5 && ts.tv_nsec == 0, "recvmmsg EBADF wrote the timeout");

	u = socket(AF_INET, SOCK_DGRAM, 0);
	w = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0 && w >= 0, "socket: %s", errname(errno));
	sa = lo_addr(0);
	REQUIRE_OK(bind(u, SA(&sa), sizeof sa));
	socklen_t len = sizeof sa;
	REQUIRE_OK(getsockname(u, SA(&sa), &len));
	REQUIRE_ERR(syscall(SYS_recvmmsg, u, &mm, 1, MSG_DONTWAIT, &ts), EAGAIN);
	REQUIRE(ts.tv_sec == 5 && ts.tv_nsec == 0, "recvmmsg EAGAIN wrote the timeout");
	REQUIRE_ERR(syscall(SYS_sendmsg, w, &mh, MSG_COMPAT_FLAG), EINVAL);

	memset(&big, 0, sizeof big);
	memcpy(&big, &sa, sizeof sa);
	mh.msg_name = &big;
	mh.msg_namelen = sizeof big + 72;	/* read as sizeof big */
	REQUIRE(syscall(SYS_sendmsg, w, &mh, 0) == 3, "sendmsg, msg_namelen %u: %s",
		mh.msg_namelen, errname(errno));
	mh.msg_namelen = -1;
	REQUIRE_ERR(syscall(SYS_sendmsg, w, &mh, 0), EINVAL);
	/* No name: its length does not matter. */
	mh.msg_name = NULL;
	REQUIRE(syscall(SYS_recvmsg, u, &mh, MSG_DONTWAIT | MSG_PEEK) == 3,
		"recvmsg, no name, msg_namelen -1: %s", errname(errno));
	ts.tv_nsec = 1;
	mm.msg_hdr.msg_name = &big;
	mm.msg_hdr.msg_namelen = sizeof big + 72;
	REQUIRE(syscall(SYS_recvmmsg, u, &mm, 1, 0, &ts) == 1 && mm.msg_len == 3 &&
		mm.msg_hdr.msg_namelen == sizeof sa, "recvmmsg: %s, namelen %u",
		errname(errno), mm.msg_hdr.msg_namelen);
	/* 5.000000001 s given: less is left, and written back. */
	REQUIRE(ts.tv_sec >= 4 && ts.tv_sec <= 5 && !(ts.tv_sec == 5 && ts.tv_nsec == 1),
		"time left %ld.%09ld", (long)ts.tv_sec, ts.tv_nsec);
	close(u);
	close(w);
}

/*
 * recvmmsg(2) that fails after some datagrams returns their count and
 * keeps the error for the next call, as Linux does: the next receive (or
 * SO_ERROR) reports it once, then the queue reads on.
 */
static void recvmmsg_late_error(void)
{
	struct sockaddr_in sa = lo_addr(0);
	char buf[8];
	struct iovec iov = { buf, sizeof buf };
	struct mmsghdr mm[2];
	socklen_t len = sizeof sa;
	int u, w, i, err;

	if (lo_up() < 0)
		return;
	u = socket(AF_INET, SOCK_DGRAM, 0);
	w = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0 && w >= 0, "socket: %s", errname(errno));
	REQUIRE_OK(bind(u, SA(&sa), sizeof sa));
	REQUIRE_OK(getsockname(u, SA(&sa), &len));
	REQUIRE_OK(connect(w, SA(&sa), sizeof sa));
	for (i = 0; i < 4; i++)
		REQUIRE(send(w, "1234" + i, 1, 0) == 1, "send: %s", errname(errno));
	memset(mm, 0, sizeof mm);
	mm[0].msg_hdr.msg_iov = &iov;
	mm[0].msg_hdr.msg_iovlen = 1;
	mm[1].msg_hdr.msg_iov = BADPTR;
	mm[1].msg_hdr.msg_iovlen = 1;
	REQUIRE(syscall(SYS_recvmmsg, u, mm, 2, 0, NULL) == 1 && buf[0] == '1',
		"recvmmsg, second msghdr bad: %s", errname(errno));
	REQUIRE_ERR(recv(u, buf, sizeof buf, MSG_DONTWAIT), EFAULT);
	REQUIRE(recv(u, buf, sizeof buf, MSG_DONTWAIT) == 1 && buf[0] == '2',
		"recv after the error: %s", errname(errno));
	REQUIRE(syscall(SYS_recvmmsg, u, mm, 2, 0, NULL) == 1 && buf[0] == '3',
		"recvmmsg again: %s", errname(errno));
	len = sizeof err;
	REQUIRE_OK(getsockopt(u, SOL_SOCKET, SO_ERROR, &err, &len));
	REQUIRE(err == EFAULT, "SO_ERROR %s, want EFAULT", errname(err));
	REQUIRE(recv(u, buf, sizeof buf, MSG_DONTWAIT) == 1 && buf[0] == '4',
		"recv after SO_ERROR: %s", errname(errno));
	close(u);
	close(w);
}

/* What musl's if_nametoindex() does: SIOCGIFINDEX on an AF_UNIX socket. */
static void unix_dgram_ifindex(void)
{
	struct ifreq ifr;
	int fd;

	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE(fd >= 0, "socket(AF_UNIX, SOCK_DGRAM): %s", errname(errno));
	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	REQUIRE_OK(ioctl(fd, SIOCGIFINDEX, &ifr));
	/* Linux registers lo first, in every network namespace. */
	REQUIRE(ifr.ifr_ifindex == 1, "lo has index %d", ifr.ifr_ifindex);
	strcpy(ifr.ifr_name, "nosuchif0");
	REQUIRE_ERR(ioctl(fd, SIOCGIFINDEX, &ifr), ENODEV);
	REQUIRE_ERR(ioctl(fd, SIOCGIFINDEX, BADPTR), EFAULT);
	REQUIRE(if_nametoindex("lo") == 1, "if_nametoindex(lo)");
	errno = 0;
	REQUIRE(if_nametoindex("nosuchif0") == 0 && errno == ENODEV,
		"if_nametoindex(nosuchif0): errno %s", errname(errno));
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(inet_types),
		CHECK(bad_combinations),
		CHECK(nonblock_cloexec),
		CHECK(fstat_and_proc_link),
		CHECK(enotsock),
		CHECK(ebadf),
		CHECK(efault_sockaddr),
		CHECK(efault_optval_msghdr),
		CHECK(einval_addrlen),
		CHECK(wrong_type_ops),
		CHECK(socketpair_inet),
		CHECK(socketpair_unix_stream),
		CHECK(unix_dgram_ifindex),
		CHECK(msghdr_flags_namelen_timeout),
		CHECK(recvmmsg_late_error),
	};

	return run_checks("socket", checks, NCHECKS(checks));
}
