/*
 * ping.c - ICMP "ping" sockets (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP),
 * icmp(7)): the net.ipv4.ping_group_range gate, echo requests whose
 * identifier the kernel replaces with the socket's "port", replies
 * without the IP header, and the messages such a socket refuses.
 *
 * The group range is global: every check sets the range it needs, and
 * main() puts Linux's default "1 0" (nobody) back at the end.
 */
#include "netdev.h"

#include <grp.h>

#define RANGE_FILE "/proc/sys/net/ipv4/ping_group_range"
#define ALL_GROUPS "0 2147483647"

static int set_range(const char *text)
{
	int e = write_file(RANGE_FILE, text);

	if (e < 0)
		check_fail("write '%s' to " RANGE_FILE ": %s", text, nerr(-e));
	return e;
}

static int ping_sock(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_ICMP);

	if (fd < 0)
		check_fail("socket(SOCK_DGRAM, IPPROTO_ICMP): %s", nerr(errno));
	return fd;
}

/* The default range "1 0" is empty: nobody, root included, may. */
static void default_denies(void)
{
	char buf[64];

	TRY(set_range("1 0"));
	TRY(slurp(RANGE_FILE, buf, sizeof buf));
	REQUIRE(!strcmp(buf, "1\t0\n"), "range reads '%s'", buf);
	REQUIRE_ERR(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), EACCES);
}

static void range_allows(void)
{
	char buf[64];
	int fd, v;
	socklen_t len = sizeof v;

	TRY(set_range(ALL_GROUPS));
	TRY(slurp(RANGE_FILE, buf, sizeof buf));
	REQUIRE(!strcmp(buf, "0\t2147483647\n"), "range reads '%s'", buf);
	TRY(fd = ping_sock());
	REQUIRE_OK(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
	REQUIRE(v == SOCK_DGRAM, "SO_TYPE %d", v);
	REQUIRE_OK(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &len));
	REQUIRE(v == IPPROTO_ICMP, "SO_PROTOCOL %d", v);
}

/* An inverted range is taken as the empty default; a gid of -1 is EINVAL. */
static void range_writes(void)
{
	char buf[64];
	int e;

	TRY(set_range("100 200"));
	TRY(set_range("5 2"));
	TRY(slurp(RANGE_FILE, buf, sizeof buf));
	REQUIRE(!strcmp(buf, "1\t0\n"), "after '5 2' the range reads '%s'", buf);
	TRY(set_range("100 200"));
	e = write_file(RANGE_FILE, "0 4294967295");
	REQUIRE(e == -EINVAL, "'0 4294967295': %s, want EINVAL", nerr(-e));
	TRY(slurp(RANGE_FILE, buf, sizeof buf));
	REQUIRE(!strcmp(buf, "100\t200\n"), "range reads '%s'", buf);
}

/* The check is on the caller's group (a child changes its gid). */
static void range_by_group(void)
{
	static const struct { gid_t gid; int ok; } cases[] = {
		{ 150, 1 }, { 100, 1 }, { 200, 1 }, { 99, 0 }, { 201, 0 }, { 0, 0 },
	};

	TRY(set_range("100 200"));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pid_t pid = fork();
		int st;

		if (pid == 0) {
			int fd;

			if (setgroups(0, NULL) < 0 || setgid(cases[i].gid) < 0)
				_exit(3);
			fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
			if (fd >= 0)
				_exit(0);
			_exit(errno == EACCES ? 1 : 2);
		}
		st = wait_status(pid);
		REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == (cases[i].ok ? 0 : 1),
			"gid %u: child status 0x%x (0 allowed, 1 EACCES)",
			cases[i].gid, st);
	}
}

/*
 * An echo to 127.0.0.1: the request leaves with the socket's identifier
 * (a raw socket watches it), the reply comes back as bare ICMP with the
 * sequence number kept.
 */
static void echo_loopback(void)
{
	unsigned char req[64], rep[256], seen[256];
	struct sockaddr_in to = sin4("127.0.0.1", 0), me, from;
	socklen_t len = sizeof me, flen = sizeof from;
	size_t n = icmp_echo(req, 0x4242, 7, "tern ping socket");
	uint16_t ident;
	ssize_t r;
	int fd, raw;

	TRY(lo_up());
	TRY(set_range(ALL_GROUPS));
	TRY(fd = ping_sock());
	raw = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	REQUIRE_OK(raw);
	REQUIRE(sendto(fd, req, n, 0, (struct sockaddr *)&to, sizeof to) ==
		(ssize_t)n, "sendto: %s", nerr(errno));
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&me, &len));
	ident = ntohs(me.sin_port);
	REQUIRE(ident != 0 && me.sin_addr.s_addr == 0, "after sending: port %u "
		"addr %s", ident, sa_text((struct sockaddr *)&me));
	r = recv_wait(raw, seen, sizeof seen, NULL, NULL, NET_WAIT_MS);
	REQUIRE(r == (ssize_t)(20 + n) && seen[20] == ICMP_ECHO &&
		get16(seen + 24) == ident && get16(seen + 26) == 7,
		"request on the wire: %zd bytes type %u id 0x%x seq %u (socket "
		"port 0x%x)", r, seen[20], get16(seen + 24), get16(seen + 26),
		ident);
	REQUIRE(inet_csum(seen + 20, n) == 0, "request checksum 0x%x",
		get16(seen + 22));
	r = recv_wait(fd, rep, sizeof rep, (struct sockaddr *)&from, &flen,
		      NET_WAIT_MS);
	REQUIRE(r == (ssize_t)n, "reply: %zd bytes (%s), want %zu", r,
		nerr(errno), n);
	REQUIRE(rep[0] == ICMP_ECHOREPLY && rep[1] == 0 &&
		get16(rep + 4) == ident && get16(rep + 6) == 7 &&
		!memcmp(rep + 8, "tern ping socket", n - 8),
		"reply type %u code %u id 0x%x seq %u", rep[0], rep[1],
		get16(rep + 4), get16(rep + 6));
	REQUIRE(inet_csum(rep, n) == 0, "reply checksum 0x%x", get16(rep + 2));
	REQUIRE(flen == sizeof from && from.sin_family == AF_INET &&
		from.sin_port == 0 && !strcmp(sa_text((struct sockaddr *)&from),
					      "127.0.0.1"),
		"reply from len %u port %u %s", flen, ntohs(from.sin_port),
		sa_text((struct sockaddr *)&from));
	/* The socket never sees the request itself. */
	REQUIRE(recv(fd, rep, sizeof rep, MSG_DONTWAIT) == -1 && errno == EAGAIN,
		"a second datagram on the ping socket");
}

/* bind() chooses the identifier. */
static void bind_identifier(void)
{
	unsigned char req[64], rep[256];
	struct sockaddr_in a = sin4("127.0.0.1", 0x777), me;
	socklen_t len = sizeof me;
	size_t n = icmp_echo(req, 0x1111, 9, "bound");
	ssize_t r;
	int fd;

	TRY(lo_up());
	TRY(set_range(ALL_GROUPS));
	TRY(fd = ping_sock());
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, sizeof a));
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&me, &len));
	REQUIRE(ntohs(me.sin_port) == 0x777 &&
		!strcmp(sa_text((struct sockaddr *)&me), "127.0.0.1"),
		"getsockname port 0x%x addr %s", ntohs(me.sin_port),
		sa_text((struct sockaddr *)&me));
	a = sin4("127.0.0.1", 0);
	REQUIRE(sendto(fd, req, n, 0, (struct sockaddr *)&a, sizeof a) ==
		(ssize_t)n, "sendto: %s", nerr(errno));
	r = recv_wait(fd, rep, sizeof rep, NULL, NULL, NET_WAIT_MS);
	REQUIRE(r == (ssize_t)n && rep[0] == ICMP_ECHOREPLY &&
		get16(rep + 4) == 0x777 && get16(rep + 6) == 9,
		"reply %zd bytes type %u id 0x%x seq %u", r, rep[0],
		get16(rep + 4), get16(rep + 6));
}

/*
 * Ping sockets start with SO_REUSEADDR set, so two of them may bind the
 * same identifier; one without it may not.
 */
static void shared_identifier(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 0x778);
	int fd, fd2, fd3, v = 0, off = 0;
	socklen_t len = sizeof v;

	TRY(lo_up());
	TRY(set_range(ALL_GROUPS));
	TRY(fd = ping_sock());
	TRY(fd2 = ping_sock());
	TRY(fd3 = ping_sock());
	REQUIRE_OK(getsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, &len));
	REQUIRE(v == 1, "SO_REUSEADDR of a new ping socket: %d", v);
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, sizeof a));
	REQUIRE_OK(setsockopt(fd3, SOL_SOCKET, SO_REUSEADDR, &off, sizeof off));
	REQUIRE_ERR(bind(fd3, (struct sockaddr *)&a, sizeof a), EADDRINUSE);
	REQUIRE_OK(bind(fd2, (struct sockaddr *)&a, sizeof a));
}

/* connect(), then send() without an address. */
static void connected(void)
{
	unsigned char req[64], rep[256];
	struct sockaddr_in a = sin4("127.0.0.1", 0);
	size_t n = icmp_echo(req, 0, 11, "connected");
	ssize_t r;
	int fd;

	TRY(lo_up());
	TRY(set_range(ALL_GROUPS));
	TRY(fd = ping_sock());
	REQUIRE_ERR(send(fd, req, n, 0), EDESTADDRREQ);
	REQUIRE_OK(connect(fd, (struct sockaddr *)&a, sizeof a));
	REQUIRE(send(fd, req, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	r = recv_wait(fd, rep, sizeof rep, NULL, NULL, NET_WAIT_MS);
	REQUIRE(r == (ssize_t)n && rep[0] == ICMP_ECHOREPLY &&
		get16(rep + 6) == 11, "reply %zd bytes type %u seq %u", r,
		rep[0], get16(rep + 6));
}

/* Only echo requests with code 0 and a whole header are sent. */
static void bad_messages(void)
{
	unsigned char req[64];
	struct sockaddr_in to = sin4("127.0.0.1", 0);
	size_t n;
	int fd;

	TRY(lo_up());
	TRY(set_range(ALL_GROUPS));
	TRY(fd = ping_sock());
	n = icmp_echo(req, 1, 1, "bad");
	req[0] = ICMP_TIMESTAMP;
	REQUIRE_ERR(sendto(fd, req, n, 0, (struct sockaddr *)&to, sizeof to),
		    EINVAL);
	req[0] = ICMP_ECHOREPLY;
	REQUIRE_ERR(sendto(fd, req, n, 0, (struct sockaddr *)&to, sizeof to),
		    EINVAL);
	req[0] = ICMP_ECHO;
	req[1] = 1;
	REQUIRE_ERR(sendto(fd, req, n, 0, (struct sockaddr *)&to, sizeof to),
		    EINVAL);
	req[1] = 0;
	REQUIRE_ERR(sendto(fd, req, 7, 0, (struct sockaddr *)&to, sizeof to),
		    EINVAL);
	REQUIRE_ERR(sendto(fd, req, n, 0, (struct sockaddr *)&to, 8), EINVAL);
	to.sin_family = AF_UNIX;
	REQUIRE_ERR(sendto(fd, req, n, 0, (struct sockaddr *)&to, sizeof to),
		    EAFNOSUPPORT);
}

/* QEMU's gateway answers a ping socket too. */
static void echo_gateway(void)
{
	unsigned char req[64], rep[256];
	struct sockaddr_in to = sin4(GATEWAY_IP, 0), from;
	socklen_t flen = sizeof from;
	size_t n = icmp_echo(req, 0, 21, "to the gateway");
	ssize_t r;
	int fd;

	TRY(eth0_config());
	TRY(set_range(ALL_GROUPS));
	TRY(fd = ping_sock());
	REQUIRE(sendto(fd, req, n, 0, (struct sockaddr *)&to, sizeof to) ==
		(ssize_t)n, "sendto: %s", nerr(errno));
	r = recv_wait(fd, rep, sizeof rep, (struct sockaddr *)&from, &flen,
		      NET_WAIT_MS);
	REQUIRE(r == (ssize_t)n && rep[0] == ICMP_ECHOREPLY &&
		get16(rep + 6) == 21, "reply %zd bytes (%s) type %u seq %u", r,
		nerr(errno), rep[0], get16(rep + 6));
	REQUIRE(!strcmp(sa_text((struct sockaddr *)&from), GATEWAY_IP),
		"reply from %s", sa_text((struct sockaddr *)&from));
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(default_denies),
		CHECK(range_allows),
		CHECK(range_writes),
		CHECK(range_by_group),
		CHECK(echo_loopback),
		CHECK(bind_identifier),
		CHECK(shared_identifier),
		CHECK(connected),
		CHECK(bad_messages),
		CHECK(echo_gateway),
	};
	int st = run_checks("ping", checks, NCHECKS(checks));

	/* Linux's default: no group may open a ping socket. */
	if (write_file(RANGE_FILE, "1 0") < 0) {
		emit("FAIL", "ping", "restore", "cannot write " RANGE_FILE);
		st = 1;
	}
	return st;
}
