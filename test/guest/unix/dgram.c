/*
 * dgram.c - AF_UNIX datagram and sequenced-packet sockets (unix(7)):
 * message boundaries, MSG_TRUNC, source addresses, connect and
 * AF_UNSPEC, EPERM towards a socket connected elsewhere, ECONNREFUSED
 * after the peer closes, the receive-queue limit, EMSGSIZE, MSG_PEEK,
 * shutdown, and SOCK_SEQPACKET's records and end of connection.
 */
#include "unixcheck.h"

static int bound_dgram(struct sockaddr_un *a, socklen_t *len, const char *path)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	*len = path_addr(a, path);
	if (fd < 0 || bind(fd, (struct sockaddr *)a, *len) < 0)
		return -1;
	return fd;
}

static void boundaries_and_addresses(void)
{
	struct sockaddr_un ra, sa, from;
	socklen_t rl, sl, fl = sizeof from;
	int r = bound_dgram(&ra, &rl, "r"), s = bound_dgram(&sa, &sl, "s");
	char buf[64];
	struct iovec iov = { buf, 3 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	REQUIRE(r >= 0 && s >= 0, "setup");
	REQUIRE(sendto(s, "first", 5, 0, (struct sockaddr *)&ra, rl) == 5, "sendto");
	REQUIRE(sendto(s, "second", 6, 0, (struct sockaddr *)&ra, rl) == 6, "sendto");
	REQUIRE(sendto(s, "", 0, 0, (struct sockaddr *)&ra, rl) == 0, "empty datagram");
	REQUIRE(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl) == 5 &&
		!memcmp(buf, "first", 5), "first datagram");
	REQUIRE(fl == sl && !strcmp(from.sun_path, "s"), "source len %u", (unsigned)fl);
	/* Cut to the buffer: MSG_TRUNC, and the rest is gone. */
	REQUIRE(recvmsg(r, &m, 0) == 3 && (m.msg_flags & MSG_TRUNC) &&
		!memcmp(buf, "sec", 3), "truncated: flags %#x", m.msg_flags);
	REQUIRE(recv(r, buf, sizeof buf, 0) == 0, "the empty datagram");
	REQUIRE_ERR(recv(r, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	/* MSG_TRUNC in flags returns the real length. */
	REQUIRE(sendto(s, "0123456789", 10, 0, (struct sockaddr *)&ra, rl) == 10, "sendto");
	REQUIRE(recv(r, buf, 4, MSG_TRUNC) == 10, "MSG_TRUNC length");
	/* An unbound sender has no address. */
	int u = socket(AF_UNIX, SOCK_DGRAM, 0);
	REQUIRE(sendto(u, "x", 1, 0, (struct sockaddr *)&ra, rl) == 1, "sendto");
	fl = sizeof from;
	REQUIRE(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl) == 1 && fl == 0,
		"unbound sender: len %u", (unsigned)fl);
	/* An unconnected socket without an address: ENOTCONN. */
	REQUIRE_ERR(send(u, "x", 1, 0), ENOTCONN);
	/* recvfrom with a short address buffer: the full length comes back. */
	REQUIRE(sendto(s, "y", 1, 0, (struct sockaddr *)&ra, rl) == 1, "sendto");
	fl = 3;
	memset(&from, 0, sizeof from);
	REQUIRE(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl) == 1 &&
		fl == sl && from.sun_path[0] == 's' && from.sun_path[1] == 0, "short name %u",
		(unsigned)fl);
}

static void connected(void)
{
	struct sockaddr_un ra, got;
	socklen_t rl, gl = sizeof got;
	int r = bound_dgram(&ra, &rl, "cr"), c = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr un = { .sa_family = AF_UNSPEC };
	char buf[8];

	REQUIRE(r >= 0, "setup");
	REQUIRE_OK(connect(c, (struct sockaddr *)&ra, rl));
	REQUIRE(send(c, "hi", 2, 0) == 2, "send: %s", errname(errno));
	REQUIRE(read(r, buf, sizeof buf) == 2, "receive");
	REQUIRE_OK(getpeername(c, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == rl && !strcmp(got.sun_path, "cr"), "getpeername");
	/* Someone else's socket cannot send to a socket connected elsewhere. */
	int o = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_un ca;
	socklen_t cl = path_addr(&ca, "cc");
	REQUIRE_OK(bind(c, (struct sockaddr *)&ca, cl));
	REQUIRE_ERR(sendto(o, "x", 1, 0, (struct sockaddr *)&ca, cl), EPERM);
	REQUIRE_ERR(connect(o, (struct sockaddr *)&ca, cl), EPERM);
	/* ... but its peer can. */
	REQUIRE(sendto(r, "ok", 2, 0, (struct sockaddr *)&ca, cl) == 2, "peer sends back");
	REQUIRE(recv(c, buf, sizeof buf, 0) == 2, "receive from peer");
	/* AF_UNSPEC dissolves the connection. */
	REQUIRE_OK(connect(c, &un, sizeof un));
	REQUIRE_ERR(send(c, "x", 1, 0), ENOTCONN);
	gl = sizeof got;
	REQUIRE_ERR(getpeername(c, (struct sockaddr *)&got, &gl), ENOTCONN);
	REQUIRE(sendto(o, "x", 1, 0, (struct sockaddr *)&ca, cl) == 1, "anyone may send now");
}

static void peer_closed(void)
{
	struct sockaddr_un ra;
	socklen_t rl;
	int r = bound_dgram(&ra, &rl, "pr"), c = socket(AF_UNIX, SOCK_DGRAM, 0), sv[2];
	char buf[4];

	REQUIRE(r >= 0, "setup");
	REQUIRE_OK(connect(c, (struct sockaddr *)&ra, rl));
	close(r);
	/* The first send learns the peer is gone and disconnects. */
	signal(SIGPIPE, SIG_DFL);
	REQUIRE_ERR(send(c, "x", 1, 0), ECONNREFUSED);
	REQUIRE_ERR(send(c, "x", 1, 0), ENOTCONN);
	REQUIRE_ERR(sendto(c, "x", 1, 0, (struct sockaddr *)&ra, rl), ECONNREFUSED);
	/* A datagram pair: ECONNREFUSED, no SIGPIPE, no EOF for the reader. */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	close(sv[1]);
	REQUIRE_ERR(send(sv[0], "x", 1, 0), ECONNREFUSED);
	REQUIRE_ERR(recv(sv[0], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
}

static void queue_limit(void)
{
	struct sockaddr_un ra;
	socklen_t rl;
	int r = bound_dgram(&ra, &rl, "q"), s = socket(AF_UNIX, SOCK_DGRAM, 0), i, c;
	char buf[4];
	long long t0;

	REQUIRE(r >= 0, "setup");
	/* An unconnected sender: 11 datagrams (net.unix.max_dgram_qlen 10, plus one). */
	for (i = 0; i < 100; i++)
		if (sendto(s, "x", 1, MSG_DONTWAIT, (struct sockaddr *)&ra, rl) < 0)
			break;
	REQUIRE(i == 11 && errno == EAGAIN, "queued %d then %s", i, errname(errno));
	/* A connected sender polls not writable, then writable after a read. */
	c = socket(AF_UNIX, SOCK_DGRAM, 0);
	REQUIRE_OK(connect(c, (struct sockaddr *)&ra, rl));
	REQUIRE(poll_mask(c) == 0, "full receiver: poll %#x", poll_mask(c));
	struct timeval tv = { 0, 200000 };
	REQUIRE_OK(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
	t0 = mono_ms();
	REQUIRE_ERR(send(c, "x", 1, 0), EAGAIN);
	REQUIRE(mono_ms() - t0 >= 150, "blocked only %lld ms", mono_ms() - t0);
	REQUIRE(recv(r, buf, sizeof buf, 0) == 1, "recv");
	REQUIRE(poll_mask(c) == POLLOUT, "room: poll %#x", poll_mask(c));
	/* A blocked sender wakes when the receiver reads. */
	REQUIRE(send(c, "x", 1, 0) == 1, "fill again");
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(recv(r, buf, sizeof buf, 0) == 1 ? 0 : 1);
	}
	tv.tv_usec = 0;
	REQUIRE_OK(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
	REQUIRE(send(c, "y", 1, 0) == 1, "blocked send: %s", errname(errno));
	REQUIRE(wait_status(pid) == 0, "reader");
	/* The receiver itself may always send to itself... and a pair has no limit. */
	int sv[2];
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	for (i = 0; i < 100; i++)
		if (send(sv[0], "x", 1, MSG_DONTWAIT) < 0)
			break;
	REQUIRE(i == 100, "a connected pair stopped at %d", i);
}

static void sizes(void)
{
	static char big[300000];
	int sv[2], v = 0;
	socklen_t l = sizeof v;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &l) == 0, "SO_SNDBUF");
	REQUIRE_ERR(send(sv[0], big, (size_t)v - 31, 0), EMSGSIZE);
	REQUIRE(send(sv[0], big, (size_t)v - 32, 0) == v - 32, "largest datagram: %s",
		errname(errno));
	REQUIRE(recv(sv[1], big, sizeof big, 0) == v - 32, "recv");
	v = 4096;
	REQUIRE_OK(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
	REQUIRE_ERR(send(sv[0], big, 8192 - 31, 0), EMSGSIZE);
	/* Full send buffer: EAGAIN, and not writable. */
	int n = 0;
	while (send(sv[0], big, 1000, MSG_DONTWAIT) == 1000)
		n++;
	REQUIRE(errno == EAGAIN && n > 0 && n < 10, "%d datagrams then %s", n, errname(errno));
	REQUIRE(!(poll_mask(sv[0]) & POLLOUT), "full but writable");
	REQUIRE(ioctl(sv[0], SIOCOUTQ, &v) == 0 && v >= n * 1000, "SIOCOUTQ %d", v);
	/* FIONREAD is the next datagram's length. */
	REQUIRE(ioctl(sv[1], FIONREAD, &v) == 0 && v == 1000, "FIONREAD %d", v);
}

static void peek(void)
{
	int sv[2];
	char buf[8];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE(send(sv[0], "one", 3, 0) == 3 && send(sv[0], "two", 3, 0) == 3, "send");
	REQUIRE(recv(sv[1], buf, sizeof buf, MSG_PEEK) == 3 && !memcmp(buf, "one", 3), "peek");
	REQUIRE(recv(sv[1], buf, 2, MSG_PEEK) == 2, "short peek");
	REQUIRE(recv(sv[1], buf, sizeof buf, 0) == 3 && !memcmp(buf, "one", 3), "read");
	REQUIRE(recv(sv[1], buf, sizeof buf, 0) == 3 && !memcmp(buf, "two", 3), "read");
}

static void shutdown_dgram(void)
{
	int sv[2];
	char buf[4];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(shutdown(sv[0], SHUT_RD));
	REQUIRE_ERR(recv(sv[0], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	REQUIRE(recv(sv[0], buf, sizeof buf, 0) == 0, "blocking read after SHUT_RD");
	REQUIRE(poll_mask(sv[0]) == (POLLIN | POLLOUT | POLLRDHUP), "poll %#x", poll_mask(sv[0]));
	/* A datagram peer is not told. */
	REQUIRE(poll_mask(sv[1]) == POLLOUT, "peer poll %#x", poll_mask(sv[1]));
	REQUIRE_ERR(send(sv[1], "x", 1, 0), EPIPE);
	REQUIRE_OK(shutdown(sv[1], SHUT_WR));
	REQUIRE_ERR(send(sv[1], "x", 1, MSG_NOSIGNAL), EPIPE);
}

/* Reconnecting drops what the old peer queued; a peer connected back learns ECONNRESET. */
static void reconnect(void)
{
	struct sockaddr_un aa, ba, ca;
	socklen_t al, bl, cl;
	int a = bound_dgram(&aa, &al, "ra"), b = bound_dgram(&ba, &bl, "rb");
	int c = bound_dgram(&ca, &cl, "rc");
	char buf[4];

	REQUIRE(a >= 0 && b >= 0 && c >= 0, "setup");
	REQUIRE_OK(connect(a, (struct sockaddr *)&ba, bl));
	REQUIRE_OK(connect(b, (struct sockaddr *)&aa, al));
	REQUIRE(send(b, "x", 1, 0) == 1, "b to a");
	REQUIRE_OK(connect(a, (struct sockaddr *)&ca, cl));
	REQUIRE_ERR(recv(a, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	REQUIRE(poll_mask(b) & POLLERR, "b not told: %#x", poll_mask(b));
	REQUIRE_ERR(recv(b, buf, sizeof buf, MSG_DONTWAIT), ECONNRESET);
	REQUIRE_ERR(recv(b, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
}

static void seqpacket(void)
{
	int sv[2], got;
	char buf[16];
	struct iovec iov = { buf, 4 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
	REQUIRE(send(sv[0], "record1", 7, MSG_EOR) == 7 && send(sv[0], "r2", 2, 0) == 2,
		"send");
	got = recvmsg(sv[1], &m, 0);
	REQUIRE(got == 4 && m.msg_flags == MSG_TRUNC, "truncated record: %d flags %#x", got,
		m.msg_flags);
	iov.iov_len = sizeof buf;
	got = recvmsg(sv[1], &m, 0);
	REQUIRE(got == 2 && m.msg_flags == 0 && !memcmp(buf, "r2", 2),
		"next record: %d flags %#x", got, m.msg_flags);
	REQUIRE(send(sv[0], "abcdef", 6, 0) == 6, "send");
	REQUIRE(recv(sv[1], buf, 2, MSG_TRUNC) == 6, "MSG_TRUNC length");
	REQUIRE(send(sv[0], "", 0, 0) == 0 && recv(sv[1], buf, sizeof buf, 0) == 0,
		"empty record");
	/* The end: EOF for the reader, EPIPE without SIGPIPE for a writer. */
	close(sv[0]);
	REQUIRE(poll_mask(sv[1]) == (POLLIN | POLLOUT | POLLHUP | POLLRDHUP), "poll %#x",
		poll_mask(sv[1]));
	REQUIRE(recv(sv[1], buf, sizeof buf, 0) == 0, "EOF");
	REQUIRE(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT) == 0, "EOF non-blocking");
	signal(SIGPIPE, SIG_DFL);
	REQUIRE_ERR(send(sv[1], "x", 1, 0), EPIPE);
}

static void seqpacket_connect(void)
{
	struct sockaddr_un a;
	socklen_t len = path_addr(&a, "sp");
	int l = listener(SOCK_SEQPACKET, "sp", 5), c, s, u;
	char buf[16];

	REQUIRE(l >= 0, "listener");
	u = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	REQUIRE_ERR(send(u, "x", 1, 0), ENOTCONN);
	REQUIRE_ERR(recv(u, buf, 1, 0), ENOTCONN);
	c = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	REQUIRE_OK(connect(c, (struct sockaddr *)&a, len));
	s = accept(l, NULL, NULL);
	REQUIRE(s >= 0, "accept");
	/* An address on a send is ignored. */
	REQUIRE(sendto(c, "hello", 5, 0, (struct sockaddr *)&a, len) == 5, "sendto: %s",
		errname(errno));
	REQUIRE(send(c, "world", 5, 0) == 5, "send");
	REQUIRE(recv(s, buf, sizeof buf, 0) == 5 && !memcmp(buf, "hello", 5), "record 1");
	REQUIRE(recv(s, buf, sizeof buf, 0) == 5 && !memcmp(buf, "world", 5), "record 2");
	REQUIRE(poll_mask(s) == POLLOUT, "poll %#x", poll_mask(s));
	REQUIRE_OK(shutdown(c, SHUT_WR));
	REQUIRE(recv(s, buf, sizeof buf, 0) == 0, "EOF after SHUT_WR");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(boundaries_and_addresses),
		CHECK(connected),
		CHECK(peer_closed),
		CHECK(queue_limit),
		CHECK(sizes),
		CHECK(peek),
		CHECK(shutdown_dgram),
		CHECK(reconnect),
		CHECK(seqpacket),
		CHECK(seqpacket_connect),
	};

	return run_checks("unix_dgram", checks, NCHECKS(checks));
}
