/*
 * tcp.c - TCP sockets over 127.0.0.1 on lo: the bind/listen/accept/
 * connect life cycle and its errno, addresses and ephemeral ports,
 * non-blocking connect, the listen backlog, shutdown, the recv/send flags
 * (MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL, MSG_TRUNC, MSG_MORE, MSG_OOB,
 * MSG_NOSIGNAL), resets, vectored and multi-message I/O, sendfile, a
 * bulk transfer between two processes, signals and timeouts in blocking
 * calls, and the queue ioctls.  Expectations are Linux's (socket(7),
 * tcp(7), accept(2), connect(2), recv(2), send(2)), as observed.
 */
#include "netcheck.h"

#include <limits.h>
#include <sys/sendfile.h>

static volatile sig_atomic_t sig_hits;
static int sig_pipe_fd = -1;

static void on_signal(int sig)
{
	(void)sig;
	sig_hits++;
	if (sig_pipe_fd >= 0 && write(sig_pipe_fd, "s", 1) < 0)
		_exit(97);
}

static int same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
	return a->sin_family == b->sin_family && a->sin_port == b->sin_port &&
	       a->sin_addr.s_addr == b->sin_addr.s_addr;
}

static void lifecycle(void)
{
	struct sockaddr_in la, peer, ca, sa;
	socklen_t len;
	char buf[16];
	int l, c, s, port;

	if ((l = tcp_listener(4)) < 0 || (port = port_of(l)) < 0)
		return;
	REQUIRE(port > 0, "bound to port 0");
	len = sizeof la;
	REQUIRE_OK(getsockname(l, SA(&la), &len));
	REQUIRE(len == sizeof la && la.sin_family == AF_INET &&
		la.sin_addr.s_addr == LOOPBACK, "listener address");
	c = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(c >= 0, "socket: %s", errname(errno));
	REQUIRE_OK(connect(c, SA(&la), sizeof la));
	memset(&peer, 0xaa, sizeof peer);
	len = sizeof peer;
	s = accept(l, SA(&peer), &len);
	REQUIRE(s >= 0, "accept: %s", errname(errno));
	REQUIRE(len == sizeof peer, "accept addrlen %u", (unsigned)len);
	len = sizeof ca;
	REQUIRE_OK(getsockname(c, SA(&ca), &len));
	REQUIRE(same_addr(&peer, &ca), "accept's peer is not the client");
	REQUIRE(peer.sin_zero[0] == 0 && peer.sin_zero[7] == 0,
		"sin_zero not zeroed");
	len = sizeof sa;
	REQUIRE_OK(getpeername(c, SA(&sa), &len));
	REQUIRE(same_addr(&sa, &la), "client's peer is not the listener");
	len = sizeof sa;
	REQUIRE_OK(getsockname(s, SA(&sa), &len));
	REQUIRE(same_addr(&sa, &la), "accepted socket's own address");
	len = sizeof sa;
	REQUIRE_OK(getpeername(s, SA(&sa), &len));
	REQUIRE(same_addr(&sa, &ca), "accepted socket's peer");

	REQUIRE(write(c, "hello", 5) == 5, "write: %s", errname(errno));
	REQUIRE(read(s, buf, sizeof buf) == 5 && !memcmp(buf, "hello", 5),
		"server read");
	REQUIRE(send(s, "world!", 6, 0) == 6, "send: %s", errname(errno));
	REQUIRE(recv(c, buf, sizeof buf, 0) == 6 && !memcmp(buf, "world!", 6),
		"client recv");
	REQUIRE_OK(close(c));
	REQUIRE(read(s, buf, sizeof buf) == 0, "no EOF after the peer closed");
	REQUIRE(read(s, buf, sizeof buf) == 0, "EOF not repeated");
	/* The listener goes on accepting. */
	c = tcp_connect(port);
	REQUIRE(c >= 0 && tcp_accept(l) >= 0, "second connection");
}

static void accept4_flags(void)
{
	int l, c, s, port, v;
	char b;

	if ((l = tcp_listener(4)) < 0 || (port = port_of(l)) < 0)
		return;
	if ((c = tcp_connect(port)) < 0)
		return;
	s = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	REQUIRE(s >= 0, "accept4: %s", errname(errno));
	v = fcntl(s, F_GETFL);
	REQUIRE(v == (O_RDWR | O_NONBLOCK), "F_GETFL %#x", v);
	REQUIRE(fcntl(s, F_GETFD) == FD_CLOEXEC, "no FD_CLOEXEC");
	REQUIRE_ERR(read(s, &b, 1), EAGAIN);
	close(s);
	/* A non-blocking listener: EAGAIN when nothing is queued, and what
	 * it accepts does not inherit O_NONBLOCK. */
	REQUIRE_OK(fcntl(l, F_SETFL, O_NONBLOCK));
	REQUIRE_ERR(accept(l, NULL, NULL), EAGAIN);
	REQUIRE_ERR(accept4(l, NULL, NULL, SOCK_CLOEXEC), EAGAIN);
	if ((c = tcp_connect(port)) < 0)
		return;
	REQUIRE(poll_one(l, POLLIN, 5000) == POLLIN, "listener not readable");
	s = accept(l, NULL, NULL);
	REQUIRE(s >= 0, "accept: %s", errname(errno));
	REQUIRE(fcntl(s, F_GETFL) == O_RDWR && fcntl(s, F_GETFD) == 0,
		"accepted socket flags %#x %#x", fcntl(s, F_GETFL),
		fcntl(s, F_GETFD));
}

/* getsockname/getpeername/accept with a short buffer: the full length. */
static void addr_truncated(void)
{
	unsigned char buf[32];
	struct sockaddr_in want;
	socklen_t len;
	int l, c, c2, s, i;

	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	len = sizeof want;
	REQUIRE_OK(getsockname(c, SA(&want), &len));
	memset(buf, 0xaa, sizeof buf);
	len = 4;
	REQUIRE_OK(getsockname(c, SA(buf), &len));
	REQUIRE(len == sizeof want, "getsockname len %u, want 16",
		(unsigned)len);
	REQUIRE(!memcmp(buf, &want, 4), "first 4 bytes differ");
	for (i = 4; i < 32; i++)
		REQUIRE(buf[i] == 0xaa, "byte %d written past the length", i);
	memset(buf, 0xaa, sizeof buf);
	len = 0;
	REQUIRE_OK(getpeername(s, SA(buf), &len));
	REQUIRE(len == sizeof want && buf[0] == 0xaa, "getpeername len 0: "
		"len %u byte %#x", (unsigned)len, buf[0]);
	/* A longer buffer: 16 bytes written, the length says 16. */
	len = sizeof buf;
	REQUIRE_OK(getpeername(s, SA(buf), &len));
	REQUIRE(len == sizeof want && !memcmp(buf, &want, sizeof want) &&
		buf[16] == 0xaa, "getpeername long buffer: len %u",
		(unsigned)len);
	/* accept: the same rule. */
	c2 = tcp_connect(port_of(l));
	REQUIRE(c2 >= 0, "connect");
	len = sizeof want;
	REQUIRE_OK(getsockname(c2, SA(&want), &len));
	memset(buf, 0xaa, sizeof buf);
	len = 6;
	REQUIRE(accept(l, SA(buf), &len) >= 0, "accept: %s", errname(errno));
	REQUIRE(len == sizeof want && !memcmp(buf, &want, 6) && buf[6] == 0xaa,
		"accept len 6: len %u", (unsigned)len);
	/* recvfrom on TCP gives no address: the length becomes 0. */
	REQUIRE(write(c, "x", 1) == 1, "write");
	len = sizeof buf;
	REQUIRE(recvfrom(s, buf, 1, 0, SA(buf + 8), &len) == 1 && len == 0,
		"recvfrom: len %u", (unsigned)len);
}

static void unconnected_errors(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	char b = 'x';
	int t, l;

	set_handler(SIGPIPE, on_signal, 0);
	t = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(t >= 0, "socket: %s", errname(errno));
	/* An unbound socket's name: 0.0.0.0:0. */
	memset(&sa, 0xaa, sizeof sa);
	REQUIRE_OK(getsockname(t, SA(&sa), &len));
	REQUIRE(len == sizeof sa && sa.sin_family == AF_INET &&
		sa.sin_port == 0 && sa.sin_addr.s_addr == 0, "unbound name");
	REQUIRE_ERR(getpeername(t, SA(&sa), &len), ENOTCONN);
	REQUIRE_ERR(recv(t, &b, 1, 0), ENOTCONN);
	REQUIRE_ERR(read(t, &b, 1), ENOTCONN);
	REQUIRE_ERR(shutdown(t, SHUT_WR), ENOTCONN);
	/* Sending on a socket that never connected: EPIPE, with SIGPIPE
	 * unless MSG_NOSIGNAL. */
	REQUIRE_ERR(send(t, &b, 1, MSG_NOSIGNAL), EPIPE);
	REQUIRE(sig_hits == 0, "SIGPIPE despite MSG_NOSIGNAL");
	REQUIRE_ERR(write(t, &b, 1), EPIPE);
	REQUIRE(sig_hits == 1, "%d SIGPIPEs after write, want 1",
		(int)sig_hits);
	if ((l = tcp_listener(4)) < 0)
		return;
	REQUIRE_ERR(recv(l, &b, 1, 0), ENOTCONN);
	REQUIRE_ERR(getpeername(l, SA(&sa), &len), ENOTCONN);
	REQUIRE_ERR(send(l, &b, 1, MSG_NOSIGNAL), EPIPE);
	/* connect(2) on a listening socket. */
	sa = lo_addr(port_of(l));
	REQUIRE_ERR(connect(l, SA(&sa), sizeof sa), EISCONN);
}

static void eisconn(void)
{
	struct sockaddr_in sa;
	int l, c, s;

	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	sa = lo_addr(port_of(l));
	REQUIRE_ERR(connect(c, SA(&sa), sizeof sa), EISCONN);
	REQUIRE_ERR(connect(s, SA(&sa), sizeof sa), EISCONN);
	/* Connected TCP ignores sendto's address. */
	sa = lo_addr(9);
	REQUIRE(sendto(c, "ab", 2, 0, SA(&sa), sizeof sa) == 2,
		"sendto on a connected socket: %s", errname(errno));
}

static void bind_errors(void)
{
	struct sockaddr_in sa = lo_addr(0);
	int t, c, port;

	if ((t = lo_socket(SOCK_STREAM, 0)) < 0)
		return;
	port = port_of(t);
	REQUIRE_ERR(bind(t, SA(&sa), sizeof sa), EINVAL);
	close(t);
	/* Connected (so bound by connect): bind is too late. */
	if ((t = tcp_listener(1)) < 0 || (c = tcp_connect(port_of(t))) < 0)
		return;
	REQUIRE_ERR(bind(c, SA(&sa), sizeof sa), EINVAL);
	/* Not an address of this machine. */
	t = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(t >= 0, "socket");
	sa.sin_addr.s_addr = inet_addr("10.9.9.9");
	REQUIRE_ERR(bind(t, SA(&sa), sizeof sa), EADDRNOTAVAIL);
	/* All of 127.0.0.0/8 is local (lo's route), and the port freed
	 * by the close above can be bound again. */
	sa.sin_addr.s_addr = inet_addr("127.0.0.2");
	sa.sin_port = htons((uint16_t)port);
	REQUIRE_OK(bind(t, SA(&sa), sizeof sa));
	REQUIRE(port_of(t) == port, "port %d, want %d", port_of(t), port);
	/* A privileged port, as root. */
	c = socket(AF_INET, SOCK_STREAM, 0);
	sa = lo_addr(1023);
	REQUIRE_OK(bind(c, SA(&sa), sizeof sa));
}

static int bound(int port, int reuse, in_addr_t addr)
{
	struct sockaddr_in sa = lo_addr(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_addr.s_addr = addr;
	if (fd < 0 || setopt_int(fd, SOL_SOCKET, SO_REUSEADDR, reuse) < 0)
		return -2;
	if (bind(fd, SA(&sa), sizeof sa) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static void addrinuse(void)
{
	in_addr_t any = htonl(INADDR_ANY), two = inet_addr("127.0.0.2");
	int a, b, port;

	if ((a = lo_socket(SOCK_STREAM, 0)) < 0 || (port = port_of(a)) < 0)
		return;
	/* Bound, not listening, no SO_REUSEADDR: the port is taken for the
	 * same address and for the wildcard, not for another address. */
	REQUIRE_ERR(bound(port, 0, LOOPBACK), EADDRINUSE);
	REQUIRE_ERR(bound(port, 0, any), EADDRINUSE);
	REQUIRE_ERR(bound(port, 1, LOOPBACK), EADDRINUSE);
	b = bound(port, 0, two);
	REQUIRE(b >= 0, "127.0.0.2 on the same port: %s", errname(errno));
	close(b);
	close(a);
	/* SO_REUSEADDR on both: both may bind while neither listens, and
	 * the first to listen keeps the port. */
	a = bound(port, 1, LOOPBACK);
	REQUIRE(a >= 0, "rebind after close: %s", errname(errno));
	b = bound(port, 1, LOOPBACK);
	REQUIRE(b >= 0, "SO_REUSEADDR twice: %s", errname(errno));
	REQUIRE_OK(listen(a, 1));
	REQUIRE_ERR(listen(b, 1), EADDRINUSE);
	close(b);
	/* ... and a listener keeps it even from SO_REUSEADDR sockets. */
	REQUIRE_ERR(bound(port, 1, LOOPBACK), EADDRINUSE);
	REQUIRE_ERR(bound(port, 1, any), EADDRINUSE);
}

/* The side that closes first keeps the port in TIME_WAIT. */
static void timewait_reuseaddr(void)
{
	char b;
	int l, c, s, n, port;

	if ((l = lo_socket(SOCK_STREAM, 0)) < 0 || (port = port_of(l)) < 0)
		return;
	REQUIRE_OK(setopt_int(l, SOL_SOCKET, SO_REUSEADDR, 1));
	REQUIRE_OK(listen(l, 1));
	if ((c = tcp_connect(port)) < 0 || (s = tcp_accept(l)) < 0)
		return;
	close(l);
	REQUIRE_OK(close(s));
	REQUIRE(read(c, &b, 1) == 0, "client saw no EOF");
	REQUIRE_OK(close(c));
	/* The server's side, at the listener's port, is now TIME_WAIT. */
	REQUIRE_ERR(bound(port, 0, LOOPBACK), EADDRINUSE);
	n = bound(port, 1, LOOPBACK);
	REQUIRE(n >= 0, "SO_REUSEADDR over TIME_WAIT: %s", errname(errno));
	REQUIRE_OK(listen(n, 1));
	if ((c = tcp_connect(port)) < 0 || tcp_accept(n) < 0)
		return;
}

static void connect_refused(void)
{
	struct sockaddr_in sa;
	int t, c;

	/* A bound port nobody listens on answers with a reset. */
	if ((t = lo_socket(SOCK_STREAM, 0)) < 0)
		return;
	sa = lo_addr(port_of(t));
	c = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(c >= 0, "socket");
	REQUIRE_ERR(connect(c, SA(&sa), sizeof sa), ECONNREFUSED);
	/* The socket may try again. */
	REQUIRE_ERR(connect(c, SA(&sa), sizeof sa), ECONNREFUSED);
	REQUIRE_OK(listen(t, 1));
	REQUIRE_OK(connect(c, SA(&sa), sizeof sa));
}

static int read_port_range(int *lo, int *hi)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%d %d", lo, hi);
	fclose(f);
	return n == 2 ? 0 : -1;
}

static void ephemeral_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int lo, hi, l, c, s, p, i;

	REQUIRE(read_port_range(&lo, &hi) == 0,
		"cannot read /proc/sys/net/ipv4/ip_local_port_range");
	REQUIRE(lo > 0 && lo <= hi && hi < 65536, "range %d %d", lo, hi);
	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	REQUIRE_OK(getsockname(c, SA(&sa), &len));
	p = ntohs(sa.sin_port);
	REQUIRE(p >= lo && p <= hi && sa.sin_addr.s_addr == LOOPBACK,
		"connect chose port %d, outside %d-%d", p, lo, hi);
	for (i = 0; i < 4; i++) {
		if ((s = lo_socket(i % 2 ? SOCK_DGRAM : SOCK_STREAM, 0)) < 0)
			return;
		p = port_of(s);
		REQUIRE(p >= lo && p <= hi, "bind to port 0 chose %d", p);
	}
}

static void nonblock_connect(void)
{
	struct sockaddr_in sa;
	int l, c, s, v, r;

	if ((l = tcp_listener(4)) < 0)
		return;
	sa = lo_addr(port_of(l));
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	REQUIRE(c >= 0, "socket");
	REQUIRE_ERR(connect(c, SA(&sa), sizeof sa), EINPROGRESS);
	r = poll_one(c, POLLOUT | POLLIN, 5000);
	REQUIRE(r == POLLOUT, "revents %#x, want POLLOUT", r);
	REQUIRE(getopt_int(c, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0,
		"SO_ERROR %d", v);
	/* The first connect after completion reports success, then the
	 * socket is connected. */
	REQUIRE_OK(connect(c, SA(&sa), sizeof sa));
	REQUIRE_ERR(connect(c, SA(&sa), sizeof sa), EISCONN);
	s = tcp_accept(l);
	REQUIRE(s >= 0 && write(s, "z", 1) == 1, "server write");
	REQUIRE(poll_one(c, POLLIN, 5000) & POLLIN, "client not readable");
}

static void nonblock_connect_refused(void)
{
	struct sockaddr_in sa;
	int t, c, v, r;

	if ((t = lo_socket(SOCK_STREAM, 0)) < 0)
		return;
	sa = lo_addr(port_of(t));
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	REQUIRE(c >= 0, "socket");
	REQUIRE_ERR(connect(c, SA(&sa), sizeof sa), EINPROGRESS);
	r = poll_one(c, POLLOUT, 5000);
	REQUIRE(r == (POLLOUT | POLLERR | POLLHUP), "revents %#x, want "
		"POLLOUT|POLLERR|POLLHUP", r);
	REQUIRE(getopt_int(c, SOL_SOCKET, SO_ERROR, &v) == 0 &&
		v == ECONNREFUSED, "SO_ERROR %s", errname(v));
	/* Reading SO_ERROR clears it. */
	REQUIRE(getopt_int(c, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0,
		"SO_ERROR %s the second time", errname(v));
	r = poll_one(c, POLLOUT, 0);
	REQUIRE(r == (POLLOUT | POLLHUP), "revents %#x after SO_ERROR", r);
}

/*
 * listen(2)'s backlog: Linux queues backlog + 1 established connections;
 * a SYN that finds the queue full is dropped, so the connect stays in
 * progress (EALREADY) until the client's retransmission finds room.
 */
static void backlog_ealready(void)
{
	struct sockaddr_in sa;
	long long t0;
	int l, c1, c2, s, r, v;

	if ((l = tcp_listener(0)) < 0)
		return;
	sa = lo_addr(port_of(l));
	/* c1 stays in the accept queue, which is then full. */
	if ((c1 = tcp_connect(port_of(l))) < 0)
		return;
	c2 = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	REQUIRE(c2 >= 0, "socket");
	REQUIRE_ERR(connect(c2, SA(&sa), sizeof sa), EINPROGRESS);
	r = poll_one(c2, POLLOUT, 300);
	REQUIRE(r == 0, "second connection completed with backlog 0 "
		"(revents %#x)", r);
	REQUIRE_ERR(connect(c2, SA(&sa), sizeof sa), EALREADY);
	s = accept(l, NULL, NULL);
	REQUIRE(s >= 0, "accept: %s", errname(errno));
	t0 = mono_ms();
	r = poll_one(c2, POLLOUT, 10000);
	REQUIRE(r == POLLOUT, "second connection after accept: revents %#x "
		"after %lld ms", r, mono_ms() - t0);
	REQUIRE(getopt_int(c2, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0,
		"SO_ERROR %s", errname(v));
	REQUIRE(accept(l, NULL, NULL) >= 0, "accept 2: %s", errname(errno));
	close(c1);
}

static void shutdown_wr(void)
{
	char buf[8];
	int c, s, r;

	set_handler(SIGPIPE, on_signal, 0);
	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(write(c, "abc", 3) == 3, "write");
	REQUIRE_OK(shutdown(c, SHUT_WR));
	/* The peer reads the data, then EOF; it may still write. */
	r = poll_one(s, POLLIN | POLLRDHUP | POLLOUT, 5000);
	REQUIRE(r == (POLLIN | POLLRDHUP | POLLOUT), "peer revents %#x", r);
	REQUIRE(read(s, buf, sizeof buf) == 3, "peer read data");
	REQUIRE(read(s, buf, sizeof buf) == 0, "peer read no EOF");
	REQUIRE(write(s, "back", 4) == 4, "peer write: %s", errname(errno));
	REQUIRE(read(c, buf, sizeof buf) == 4 && !memcmp(buf, "back", 4),
		"half-closed side cannot read");
	/* Writing after SHUT_WR: EPIPE and SIGPIPE. */
	REQUIRE_ERR(write(c, "x", 1), EPIPE);
	REQUIRE(sig_hits == 1, "SIGPIPE count %d", (int)sig_hits);
	REQUIRE_ERR(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
	REQUIRE(sig_hits == 1, "SIGPIPE despite MSG_NOSIGNAL");
	/* A shut writer polls writable (the write would not block). */
	r = poll_one(c, POLLIN | POLLOUT | POLLRDHUP, 0);
	REQUIRE(r == POLLOUT, "writer revents %#x", r);
	REQUIRE_OK(shutdown(c, SHUT_WR));
}

static void shutdown_rd(void)
{
	char buf[8];
	int c, s, r;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(shutdown(c, SHUT_RD));
	/* Nothing queued: reads end at once. */
	REQUIRE(read(c, buf, sizeof buf) == 0, "read after SHUT_RD");
	r = poll_one(c, POLLIN | POLLOUT | POLLRDHUP, 0);
	REQUIRE(r == (POLLIN | POLLRDNORM | POLLOUT | POLLRDHUP) ||
		r == (POLLIN | POLLOUT | POLLRDHUP), "revents %#x", r);
	/* The peer is not told; it can still write, and (Linux) the data
	 * is queued and readable. */
	REQUIRE(poll_one(s, POLLIN | POLLRDHUP, 0) == 0, "peer saw SHUT_RD");
	REQUIRE(write(s, "late", 4) == 4, "peer write: %s", errname(errno));
	REQUIRE(write(c, "ok", 2) == 2, "write after SHUT_RD");
	REQUIRE(read(s, buf, sizeof buf) == 2, "peer read");
}

static void shutdown_rdwr(void)
{
	char buf[8];
	int c, s, r;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(shutdown(c, SHUT_RDWR));
	r = poll_one(c, POLLIN | POLLOUT | POLLRDHUP, 0);
	REQUIRE(r == (POLLIN | POLLOUT | POLLRDHUP | POLLHUP),
		"revents %#x, want IN|OUT|RDHUP|HUP", r);
	REQUIRE(read(c, buf, sizeof buf) == 0, "read");
	REQUIRE(read(s, buf, sizeof buf) == 0, "peer saw no EOF");
	r = poll_one(s, POLLIN | POLLOUT | POLLRDHUP, 0);
	REQUIRE(r == (POLLIN | POLLOUT | POLLRDHUP), "peer revents %#x", r);
	/* Both directions shut: the peer's HUP. */
	REQUIRE_OK(shutdown(s, SHUT_WR));
	r = poll_one(s, POLLIN | POLLOUT | POLLRDHUP, 5000);
	REQUIRE(r == (POLLIN | POLLOUT | POLLRDHUP | POLLHUP),
		"peer revents %#x after its SHUT_WR", r);
}

/* shutdown(SHUT_RD) on a listener stops it; a blocked accept returns. */
static void shutdown_listener(void)
{
	int l, c;

	if ((l = tcp_listener(4)) < 0)
		return;
	REQUIRE_OK(shutdown(l, SHUT_WR));
	REQUIRE(poll_one(l, POLLIN, 0) == 0, "SHUT_WR woke the listener");
	if ((c = tcp_connect(port_of(l))) < 0)
		return;
	REQUIRE(accept(l, NULL, NULL) >= 0, "SHUT_WR stopped the listener");
	REQUIRE_OK(shutdown(l, SHUT_RD));
	REQUIRE_ERR(accept(l, NULL, NULL), EINVAL);
}

static void peek_dontwait(void)
{
	char buf[16];
	int c, s;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_ERR(recv(s, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	REQUIRE_ERR(recv(s, buf, sizeof buf, MSG_DONTWAIT | MSG_PEEK), EAGAIN);
	REQUIRE(write(c, "abcdef", 6) == 6, "write");
	REQUIRE(poll_one(s, POLLIN, 5000) == POLLIN, "not readable");
	REQUIRE(recv(s, buf, 3, MSG_PEEK) == 3 && !memcmp(buf, "abc", 3),
		"peek 3");
	REQUIRE(recv(s, buf, sizeof buf, MSG_PEEK) == 6 &&
		!memcmp(buf, "abcdef", 6), "peek all");
	REQUIRE(recv(s, buf, 2, 0) == 2 && !memcmp(buf, "ab", 2), "read 2");
	REQUIRE(recv(s, buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT) == 4 &&
		!memcmp(buf, "cdef", 4), "peek the rest");
	REQUIRE(recv(s, buf, sizeof buf, MSG_DONTWAIT) == 4, "read the rest");
	REQUIRE_ERR(recv(s, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	/* MSG_PEEK at EOF: 0. */
	close(c);
	REQUIRE(recv(s, buf, sizeof buf, MSG_PEEK) == 0, "peek at EOF");
}

/*
 * MSG_WAITALL: one recv gathers pieces written separately; the writer
 * sends each piece only once the reader sleeps in recv.
 */
static void msg_waitall(void)
{
	static const char *const piece[] = { "one-", "two-", "three" };
	char buf[64];
	int c, s, st;
	ssize_t n;
	pid_t w;

	if (tcp_pair(&c, &s) < 0)
		return;
	w = write_when_asleep(c, piece, 3);
	n = recv(s, buf, 13, MSG_WAITALL);
	st = wait_status(w);
	REQUIRE(n == 13 && !memcmp(buf, "one-two-three", 13),
		"recv(MSG_WAITALL) = %zd (%s)", n, errname(errno));
	REQUIRE(st == 0, "writer status %#x", st);
	/* The peer's EOF ends the wait early with what there is. */
	REQUIRE(write(c, "tail", 4) == 4, "write");
	close(c);
	n = recv(s, buf, sizeof buf, MSG_WAITALL);
	REQUIRE(n == 4, "recv(MSG_WAITALL) at EOF = %zd", n);
}

/* Linux: MSG_TRUNC on TCP discards the bytes and returns their count. */
static void msg_trunc(void)
{
	char buf[16] = "..........";
	int c, s;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(write(c, "0123456789", 10) == 10, "write");
	REQUIRE(poll_one(s, POLLIN, 5000) == POLLIN, "not readable");
	REQUIRE(recv(s, buf, 4, MSG_TRUNC) == 4, "recv(MSG_TRUNC): %s",
		errname(errno));
	REQUIRE(!memcmp(buf, "..........", 10), "MSG_TRUNC copied data");
	REQUIRE(recv(s, NULL, 2, MSG_TRUNC) == 2, "MSG_TRUNC, NULL buffer");
	REQUIRE(recv(s, buf, sizeof buf, 0) == 4 && !memcmp(buf, "6789", 4),
		"the rest is not 6789");
}

/* MSG_MORE holds a small send back until a send without it. */
static void msg_more(void)
{
	char buf[16];
	int c, s, v;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(send(c, "ab", 2, MSG_MORE) == 2, "send MSG_MORE");
	/* (Linux sends it anyway after about one RTO, 200 ms or more.) */
	REQUIRE(poll_one(s, POLLIN, 50) == 0, "MSG_MORE data sent at once");
	REQUIRE(ioctl(c, SIOCOUTQ, &v) == 0 && v == 2, "SIOCOUTQ %d", v);
	REQUIRE(send(c, "cd", 2, 0) == 2, "send");
	REQUIRE(poll_one(s, POLLIN, 5000) == POLLIN, "not flushed");
	REQUIRE(recv(s, buf, sizeof buf, 0) == 4 && !memcmp(buf, "abcd", 4),
		"one read of abcd");
}

static int atmark(int fd)
{
	int v = -1;

	return ioctl(fd, SIOCATMARK, &v) < 0 ? -1 : v;
}

/* Waits until fd has `n` bytes to read (SIOCINQ); 1 when it has. */
static int wait_inq(int fd, int n)
{
	long long t0 = mono_ms();
	int v;

	while (mono_ms() - t0 < 5000) {
		if (ioctl(fd, SIOCINQ, &v) < 0)
			return 0;
		if (v >= n)
			return 1;
		poll_one(fd, POLLIN, 10);
	}
	return 0;
}

/*
 * Urgent data (tcp(7)): the last byte of a MSG_OOB send is the
 * out-of-band byte.  Without SO_OOBINLINE it is taken out of the stream:
 * a normal read stops at the mark, recv(MSG_OOB) returns the byte once.
 */
static void oob(void)
{
	char buf[16];
	int c, s, r;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_ERR(recv(s, buf, 1, MSG_OOB), EINVAL);
	REQUIRE(atmark(s) == 0, "at the mark with no urgent data");
	REQUIRE(send(c, "ab", 2, MSG_OOB) == 2, "send MSG_OOB: %s",
		errname(errno));
	REQUIRE(send(c, "cd", 2, 0) == 2, "send");
	r = poll_one(s, POLLIN | POLLPRI, 5000);
	REQUIRE(r == (POLLIN | POLLPRI), "revents %#x, want IN|PRI", r);
	/* SIOCINQ counts only the bytes before the mark. */
	REQUIRE(ioctl(s, SIOCINQ, &r) == 0 && r == 1, "SIOCINQ %d, want 1", r);
	REQUIRE(atmark(s) == 0, "at the mark before reading");
	REQUIRE(recv(s, buf, sizeof buf, 0) == 1 && buf[0] == 'a',
		"a read does not stop at the mark");
	REQUIRE(atmark(s) == 1, "not at the mark");
	REQUIRE(recv(s, buf, sizeof buf, MSG_OOB | MSG_PEEK) == 1 &&
		buf[0] == 'b', "peek at the urgent byte");
	REQUIRE(recv(s, buf, sizeof buf, MSG_OOB) == 1 && buf[0] == 'b',
		"urgent byte");
	REQUIRE_ERR(recv(s, buf, sizeof buf, MSG_OOB), EINVAL);
	REQUIRE(recv(s, buf, sizeof buf, 0) == 2 && !memcmp(buf, "cd", 2),
		"the urgent byte is not out of the stream");
	r = poll_one(s, POLLIN | POLLPRI, 0);
	REQUIRE(r == 0, "revents %#x after reading everything", r);
}

static void oob_inline(void)
{
	char buf[16];
	int c, s, v;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setopt_int(s, SOL_SOCKET, SO_OOBINLINE, 1));
	REQUIRE(getopt_int(s, SOL_SOCKET, SO_OOBINLINE, &v) == 0 && v == 1,
		"SO_OOBINLINE %d", v);
	REQUIRE(send(c, "ab", 2, MSG_OOB) == 2, "send MSG_OOB");
	REQUIRE(send(c, "cd", 2, 0) == 2, "send");
	REQUIRE(wait_inq(s, 4), "data did not arrive");
	REQUIRE_ERR(recv(s, buf, sizeof buf, MSG_OOB), EINVAL);
	REQUIRE(recv(s, buf, sizeof buf, 0) == 1 && buf[0] == 'a',
		"read does not stop at the mark");
	REQUIRE(atmark(s) == 1, "not at the mark");
	REQUIRE(recv(s, buf, sizeof buf, 0) == 3 && !memcmp(buf, "bcd", 3),
		"inline urgent byte not in the stream");
}

/*
 * Closing with unread data resets the connection (RFC 2525 2.17): the
 * peer's next read fails with ECONNRESET, later writes with EPIPE (and
 * SIGPIPE unless MSG_NOSIGNAL).
 */
static void reset_on_unread_close(void)
{
	char buf[8];
	int c, s, r;

	set_handler(SIGPIPE, on_signal, 0);
	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(write(c, "unread", 6) == 6, "write");
	REQUIRE(wait_inq(s, 6), "data did not arrive");
	REQUIRE_OK(close(s));
	r = poll_one(c, POLLIN | POLLOUT | POLLRDHUP, 5000);
	REQUIRE(r == (POLLIN | POLLOUT | POLLRDHUP | POLLERR | POLLHUP),
		"revents %#x after the reset", r);
	REQUIRE_ERR(read(c, buf, sizeof buf), ECONNRESET);
	/* The error is reported once; then the stream is at its end. */
	REQUIRE(read(c, buf, sizeof buf) == 0, "read after ECONNRESET");
	REQUIRE_ERR(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
	REQUIRE(sig_hits == 0, "SIGPIPE with MSG_NOSIGNAL");
	REQUIRE_ERR(write(c, "x", 1), EPIPE);
	REQUIRE(sig_hits == 1, "%d SIGPIPEs, want 1", (int)sig_hits);
}

/* The writer learns of the reset from its next write. */
static void reset_then_write(void)
{
	int c, s, v;

	set_handler(SIGPIPE, on_signal, 0);
	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(write(c, "x", 1) == 1 && wait_inq(s, 1), "write");
	REQUIRE_OK(close(s));
	REQUIRE(poll_one(c, POLLERR, 5000) & POLLERR, "no POLLERR");
	REQUIRE_ERR(send(c, "y", 1, MSG_NOSIGNAL), ECONNRESET);
	REQUIRE(sig_hits == 0, "signal with ECONNRESET");
	REQUIRE(getopt_int(c, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0,
		"SO_ERROR %s after it was reported", errname(v));
	REQUIRE_ERR(send(c, "y", 1, 0), EPIPE);
	REQUIRE(sig_hits == 1, "%d SIGPIPEs, want 1", (int)sig_hits);
}

/* SO_LINGER {1, 0}: close resets at once, and leaves no TIME_WAIT. */
static void linger_zero(void)
{
	struct linger lg = { 1, 0 };
	struct sockaddr_in sa;
	char b;
	int l, c, s, port, t;

	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	port = port_of(c);
	close(l);
	REQUIRE_OK(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
	REQUIRE_OK(close(c));
	REQUIRE(poll_one(s, POLLERR, 5000) & POLLERR, "peer has no error");
	REQUIRE_ERR(read(s, &b, 1), ECONNRESET);
	/* The client's port is free again, without SO_REUSEADDR. */
	t = socket(AF_INET, SOCK_STREAM, 0);
	sa = lo_addr(port);
	REQUIRE_OK(bind(t, SA(&sa), sizeof sa));
}

static void vectored_io(void)
{
	char a[3], b[5], d[7], all[32];
	struct iovec out[3] = {
		{ "abc", 3 }, { "", 0 }, { "defghijkl", 9 },
	};
	struct iovec in[3] = { { a, 3 }, { b, 5 }, { d, 7 } };
	struct msghdr mh;
	int c, s;
	ssize_t n;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(writev(c, out, 3) == 12, "writev: %s", errname(errno));
	REQUIRE(wait_inq(s, 12), "data did not arrive");
	n = readv(s, in, 3);
	REQUIRE(n == 12, "readv %zd", n);
	REQUIRE(!memcmp(a, "abc", 3) && !memcmp(b, "defgh", 5) &&
		!memcmp(d, "ijkl", 4), "readv scattered wrongly");
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = out;
	mh.msg_iovlen = 3;
	REQUIRE(sendmsg(c, &mh, 0) == 12, "sendmsg: %s", errname(errno));
	REQUIRE(wait_inq(s, 12), "data did not arrive");
	mh.msg_iov = in;
	mh.msg_flags = -1;
	n = recvmsg(s, &mh, 0);
	REQUIRE(n == 12 && mh.msg_flags == 0, "recvmsg %zd flags %#x", n,
		mh.msg_flags);
	REQUIRE(!memcmp(a, "abc", 3) && !memcmp(d, "ijkl", 4), "recvmsg data");
	/* A short last iovec: only what fits. */
	REQUIRE(write(c, "0123456789abcdefXYZ", 19) == 19, "write");
	REQUIRE(wait_inq(s, 19), "data did not arrive");
	REQUIRE(readv(s, in, 3) == 15, "readv of 15 into 19");
	REQUIRE(read(s, all, sizeof all) == 4 && !memcmp(all, "fXYZ", 4),
		"the rest");
}

static void vectored_errors(void)
{
	static char big[8];
	struct iovec bad[2] = { { "hello", 5 }, { BADPTR, 4 } };
	struct iovec many[1100];
	struct msghdr mh;
	char buf[16];
	int c, s, i;

	if (tcp_pair(&c, &s) < 0)
		return;
	/* Linux copies a small write in one piece: a fault anywhere in it
	 * fails the whole call and nothing is sent. */
	REQUIRE_ERR(writev(c, &bad[1], 1), EFAULT);
	REQUIRE_ERR(writev(c, bad, 2), EFAULT);
	REQUIRE(writev(c, bad, 1) == 5, "writev: %s", errname(errno));
	REQUIRE(wait_inq(s, 5), "data did not arrive");
	REQUIRE(ioctl(s, SIOCINQ, &i) == 0 && i == 5, "%d bytes queued, want 5",
		i);
	REQUIRE_ERR(readv(s, &bad[1], 1), EFAULT);
	/* The failed read consumed nothing. */
	REQUIRE(read(s, buf, sizeof buf) == 5 && !memcmp(buf, "hello", 5),
		"data lost by the failed readv, or sent by the failed writev");
	for (i = 0; i < 1100; i++)
		many[i] = (struct iovec){ big, 1 };
	REQUIRE_ERR(writev(c, many, IOV_MAX + 1), EINVAL);
	REQUIRE_ERR(readv(s, many, IOV_MAX + 1), EINVAL);
	REQUIRE_ERR(writev(c, many, -1), EINVAL);
	REQUIRE(writev(c, many, IOV_MAX) == IOV_MAX, "writev of IOV_MAX");
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = many;
	mh.msg_iovlen = IOV_MAX + 1;
	REQUIRE_ERR(sendmsg(c, &mh, 0), EMSGSIZE);
	REQUIRE_ERR(recvmsg(s, &mh, 0), EMSGSIZE);
	/* An iovec longer than SSIZE_MAX. */
	many[0].iov_len = (size_t)-1;
	REQUIRE_ERR(writev(c, many, 1), EINVAL);
}

static void mmsg(void)
{
	char out[3][4] = { "aaaa", "bbbb", "cccc" }, in[4][4];
	struct iovec oi[3], ii[4];
	struct mmsghdr m[4];
	int c, s, i;

	if (tcp_pair(&c, &s) < 0)
		return;
	memset(m, 0, sizeof m);
	for (i = 0; i < 3; i++) {
		oi[i] = (struct iovec){ out[i], 4 };
		m[i].msg_hdr.msg_iov = &oi[i];
		m[i].msg_hdr.msg_iovlen = 1;
		m[i].msg_len = 99;
	}
	REQUIRE(sendmmsg(c, m, 3, 0) == 3, "sendmmsg: %s", errname(errno));
	for (i = 0; i < 3; i++)
		REQUIRE(m[i].msg_len == 4, "msg_len[%d] %u", i, m[i].msg_len);
	REQUIRE(wait_inq(s, 12), "data did not arrive");
	memset(m, 0, sizeof m);
	for (i = 0; i < 4; i++) {
		ii[i] = (struct iovec){ in[i], 4 };
		m[i].msg_hdr.msg_iov = &ii[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	/* A stream fills each message in turn; the fourth would block. */
	REQUIRE(recvmmsg(s, m, 4, MSG_DONTWAIT, NULL) == 3, "recvmmsg: %s",
		errname(errno));
	for (i = 0; i < 3; i++)
		REQUIRE(m[i].msg_len == 4 && !memcmp(in[i], out[i], 4),
			"message %d", i);
	REQUIRE_ERR(recvmmsg(s, m, 4, MSG_DONTWAIT, NULL), EAGAIN);
	/* vlen 0 sends nothing. */
	REQUIRE(sendmmsg(c, m, 0, 0) == 0, "sendmmsg vlen 0");
}

static void sendfile_offset(void)
{
	static unsigned char data[100000], got[60000];
	off_t off = 1000;
	int c, s, f;
	size_t i;

	for (i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	f = open("sendfile.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);
	REQUIRE(f >= 0, "open: %s", errname(errno));
	REQUIRE(write(f, data, sizeof data) == (ssize_t)sizeof data, "write");
	REQUIRE(lseek(f, 10, SEEK_SET) == 10, "lseek");
	if (tcp_pair(&c, &s) < 0)
		return;
	/* With an offset: the offset advances, the file position not. */
	REQUIRE(sendfile(c, f, &off, 50000) == 50000, "sendfile: %s",
		errname(errno));
	REQUIRE(off == 51000, "offset %lld, want 51000", (long long)off);
	REQUIRE(lseek(f, 0, SEEK_CUR) == 10, "file position moved");
	REQUIRE(read_full(s, got, 50000) == 50000, "read");
	REQUIRE(!memcmp(got, data + 1000, 50000), "wrong bytes");
	/* Without: from the file position, which advances; short at EOF. */
	REQUIRE(lseek(f, 99990, SEEK_SET) == 99990, "lseek");
	REQUIRE(sendfile(c, f, NULL, 100) == 10, "sendfile at the end");
	REQUIRE(lseek(f, 0, SEEK_CUR) == 100000, "position not advanced");
	REQUIRE(read_full(s, got, 10) == 10 && !memcmp(got, data + 99990, 10),
		"tail bytes");
	REQUIRE(sendfile(c, f, NULL, 100) == 0, "sendfile past EOF");
	/* A socket is no source; a bad offset pointer faults. */
	REQUIRE_ERR(sendfile(c, s, NULL, 10), EINVAL);
	REQUIRE_ERR(sendfile(c, f, BADPTR, 10), EFAULT);
	off = -1;
	REQUIRE_ERR(sendfile(c, f, &off, 10), EINVAL);
}

/* 8 MiB from a writer process, checksummed at both ends. */
static void bulk_8mib(void)
{
	long long ms;
	int c, s;

	if (tcp_pair(&c, &s) < 0)
		return;
	/* Reads of an odd size cut the writes anywhere. */
	if ((ms = bulk_transfer(c, s, 8 << 20, 32768, 7000)) < 0)
		return;
	check_note("8 MiB in %lld ms", ms);
}

/* A blocking recv or accept is interrupted by a handler without
 * SA_RESTART. */
static void recv_eintr(void)
{
	char b;
	int c, s, l;
	pid_t h;

	set_handler(SIGUSR1, on_signal, 0);
	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(recv(s, &b, 1, 0), EINTR);
	REQUIRE(wait_status(h) == 0 && sig_hits == 1, "helper or handler");
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(accept(l, NULL, NULL), EINTR);
	REQUIRE(wait_status(h) == 0 && sig_hits == 2, "helper or handler");
}

/* With SA_RESTART the recv goes on after the handler and gets the data. */
static void recv_restart(void)
{
	char b = 0;
	int c, s, p[2];
	pid_t me = getpid(), h;
	ssize_t n;

	REQUIRE_OK(pipe(p));
	sig_pipe_fd = p[1];
	set_handler(SIGUSR1, on_signal, SA_RESTART);
	if (tcp_pair(&c, &s) < 0)
		return;
	h = fork();
	if (h == 0) {
		if (!wait_until_asleep(me) || kill(me, SIGUSR1) < 0)
			_exit(1);
		/* The handler has run ... */
		if (read(p[0], &b, 1) != 1)
			_exit(2);
		/* ... and the recv sleeps again. */
		if (!wait_until_asleep(me) || write(c, "D", 1) != 1)
			_exit(3);
		_exit(0);
	}
	n = recv(s, &b, 1, 0);
	REQUIRE(n == 1 && b == 'D', "recv = %zd (%s)", n, errname(errno));
	REQUIRE(sig_hits == 1, "handler ran %d times", (int)sig_hits);
	REQUIRE(wait_status(h) == 0, "helper failed");
}

/* socket(7): with a receive timeout set, a handled signal makes recv
 * fail with EINTR even under SA_RESTART. */
static void rcvtimeo_no_restart(void)
{
	struct timeval tv = { 20, 0 };
	char b;
	int c, s;
	pid_t h;

	set_handler(SIGUSR1, on_signal, SA_RESTART);
	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(recv(s, &b, 1, 0), EINTR);
	REQUIRE(wait_status(h) == 0 && sig_hits == 1, "helper or handler");
}

static void rcvtimeo(void)
{
	struct timeval tv = { 0, 200000 };
	long long t0, dt;
	char b;
	int c, s, l;

	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	REQUIRE_OK(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
	t0 = mono_ms();
	REQUIRE_ERR(recv(s, &b, 1, 0), EAGAIN);
	dt = mono_ms() - t0;
	REQUIRE(dt >= 180 && dt < 5000, "200 ms timeout took %lld ms", dt);
	/* accept(2) honours the listener's SO_RCVTIMEO too. */
	REQUIRE_OK(setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
	t0 = mono_ms();
	REQUIRE_ERR(accept(l, NULL, NULL), EAGAIN);
	dt = mono_ms() - t0;
	REQUIRE(dt >= 180 && dt < 5000, "accept timeout took %lld ms", dt);
	/* Data before the timeout: returned at once. */
	REQUIRE(write(c, "q", 1) == 1, "write");
	REQUIRE(recv(s, &b, 1, 0) == 1, "recv with data");
}

/* Sends MSG_DONTWAIT until the send buffer is full; the byte count. */
static long long fill_sndbuf(int fd)
{
	static char chunk[65536];
	long long total = 0;
	ssize_t n;

	while (total < (256LL << 20)) {
		n = send(fd, chunk, sizeof chunk, MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN ? total : -1;
		total += n;
	}
	return -1;
}

static void sndtimeo(void)
{
	struct timeval tv = { 0, 200000 };
	long long t0, dt, total;
	char chunk[4096] = { 0 };
	int c, s;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
	total = fill_sndbuf(c);
	REQUIRE(total > 0, "filling the send buffer: %s", errname(errno));
	/*
	 * Room may still appear as the peer's receive buffer grows (Linux
	 * autotunes it), so a blocking send can succeed a few times; the
	 * one that finds no room must wait the 200 ms and say EAGAIN.
	 */
	for (int i = 0;; i++) {
		ssize_t n;

		REQUIRE(i < 4096, "16 MiB more went in after the buffer was full");
		t0 = mono_ms();
		n = send(c, chunk, sizeof chunk, 0);
		dt = mono_ms() - t0;
		if (n < 0)
			break;
	}
	REQUIRE(errno == EAGAIN, "send: %s, want EAGAIN", errname(errno));
	REQUIRE(dt >= 180 && dt < 5000, "200 ms timeout took %lld ms", dt);
}

static void queue_ioctls(void)
{
	long long total, t0;
	int c, s, l, v, inq, outq;

	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	REQUIRE(ioctl(s, FIONREAD, &v) == 0 && v == 0, "FIONREAD %d", v);
	REQUIRE(ioctl(c, SIOCOUTQ, &v) == 0 && v == 0, "SIOCOUTQ %d", v);
	REQUIRE(write(c, "0123456789", 10) == 10, "write");
	REQUIRE(wait_inq(s, 10), "data did not arrive");
	REQUIRE(ioctl(s, FIONREAD, &v) == 0 && v == 10, "FIONREAD %d", v);
	REQUIRE(ioctl(s, SIOCINQ, &v) == 0 && v == 10, "SIOCINQ %d", v);
	REQUIRE(read(s, &v, 3) == 3, "read");
	REQUIRE(ioctl(s, FIONREAD, &v) == 0 && v == 7, "FIONREAD %d", v);
	/* Acknowledged at once over lo: nothing left to send. */
	REQUIRE(ioctl(c, SIOCOUTQ, &v) == 0 && v == 0, "SIOCOUTQ %d", v);
	REQUIRE_ERR(ioctl(s, FIONREAD, BADPTR), EFAULT);
	REQUIRE_ERR(ioctl(l, SIOCINQ, &v), EINVAL);
	REQUIRE_ERR(ioctl(l, SIOCOUTQ, &v), EINVAL);
	/* The peer does not read: what was sent is in its queue or ours. */
	total = fill_sndbuf(c);
	REQUIRE(total > 0, "fill: %s", errname(errno));
	total += 7;
	t0 = mono_ms();
	do {
		REQUIRE(ioctl(c, SIOCOUTQ, &outq) == 0 &&
			ioctl(s, SIOCINQ, &inq) == 0, "ioctl: %s",
			errname(errno));
		if (outq + inq == total)
			break;
		poll_one(s, POLLIN, 10);
	} while (mono_ms() - t0 < 3000);
	REQUIRE(outq + inq == total && outq > 0 && inq > 0,
		"sent %lld, SIOCOUTQ %d + peer SIOCINQ %d", total, outq, inq);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(lifecycle),
		CHECK(accept4_flags),
		CHECK(addr_truncated),
		CHECK(unconnected_errors),
		CHECK(eisconn),
		CHECK(bind_errors),
		CHECK(addrinuse),
		CHECK(timewait_reuseaddr),
		CHECK(connect_refused),
		CHECK(ephemeral_port),
		CHECK(nonblock_connect),
		CHECK(nonblock_connect_refused),
		CHECK(backlog_ealready),
		CHECK(shutdown_wr),
		CHECK(shutdown_rd),
		CHECK(shutdown_rdwr),
		CHECK(shutdown_listener),
		CHECK(peek_dontwait),
		CHECK(msg_waitall),
		CHECK(msg_trunc),
		CHECK(msg_more),
		CHECK(oob),
		CHECK(oob_inline),
		CHECK(reset_on_unread_close),
		CHECK(reset_then_write),
		CHECK(linger_zero),
		CHECK(vectored_io),
		CHECK(vectored_errors),
		CHECK(mmsg),
		CHECK(sendfile_offset),
		CHECK(bulk_8mib),
		CHECK(recv_eintr),
		CHECK(recv_restart),
		CHECK(rcvtimeo_no_restart),
		CHECK(rcvtimeo),
		CHECK(sndtimeo),
		CHECK(queue_ioctls),
	};

	return run_checks("tcp", checks, NCHECKS(checks));
}
