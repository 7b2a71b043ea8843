/*
 * raw.c - raw IPv4 sockets (raw(7)): ICMP echo through SOCK_RAW
 * IPPROTO_ICMP to 127.0.0.1, to QEMU's gateway and to the guest's own
 * address, datagrams delivered with their IP header, ICMP_FILTER,
 * IP_HDRINCL and the header fields the kernel fills in, IPPROTO_RAW as a
 * send-only socket, bind/connect, SO_BROADCAST, and the protocol numbers
 * socket() refuses.
 */
#include "netdev.h"

#define ICMP_FILTER 1		/* SOL_RAW option, <linux/icmp.h> */

static int raw_sock(int proto)
{
	int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, proto);

	if (fd < 0)
		check_fail("socket(SOCK_RAW, %d): %s", proto, nerr(errno));
	return fd;
}

static int send_echo(int fd, const char *dst, uint16_t id, uint16_t seq,
		     const char *payload)
{
	unsigned char buf[256];
	struct sockaddr_in to = sin4(dst, 0);
	size_t n = icmp_echo(buf, id, seq, payload);

	if (sendto(fd, buf, n, 0, (struct sockaddr *)&to, sizeof to) !=
	    (ssize_t)n) {
		check_fail("sendto %s: %s", dst, nerr(errno));
		return -1;
	}
	return 0;
}

/* A datagram as a raw socket receives it, split into its parts. */
struct dgram {
	unsigned char buf[2048];
	ssize_t len;
	struct sockaddr_in from;
	socklen_t fromlen;
	size_t ihl;			/* IP header length in bytes */
};

/* Receives the next datagram (bounded wait); -1 after check_fail(). */
static int next_dgram(int fd, struct dgram *d, const char *what)
{
	memset(d, 0, sizeof *d);
	d->fromlen = sizeof d->from + 4;
	d->len = recv_wait(fd, d->buf, sizeof d->buf, (struct sockaddr *)&d->from,
			   &d->fromlen, NET_WAIT_MS);
	if (!EXPECT(d->len >= 0)) {
		check_fail("%s: no datagram: %s", what, nerr(errno));
		return -1;
	}
	d->ihl = (d->buf[0] & 15) * 4;
	return 0;
}

/*
 * Checks an ICMP echo datagram with its IPv4 header: version 4, no
 * options, the given type, addresses and TTL, both checksums valid, and
 * the identifier, sequence and payload of the request.
 */
static int is_echo(const struct dgram *d, int type, const char *src,
		   const char *dst, int ttl, uint16_t id, uint16_t seq,
		   const char *payload, const char *what)
{
	size_t plen = strlen(payload);
	const unsigned char *ip = d->buf, *icmp = d->buf + 20;

	if (!EXPECT(d->len == (ssize_t)(20 + 8 + plen) && ip[0] == 0x45 &&
		    get16(ip + 2) == d->len && ip[9] == IPPROTO_ICMP)) {
		check_fail("%s: %zd bytes, version/ihl 0x%02x, total length %u, "
			   "protocol %u", what, d->len, ip[0], get16(ip + 2), ip[9]);
		return -1;
	}
	if (!EXPECT(!memcmp(ip + 12, &(uint32_t){ ip4(src) }, 4) &&
		    !memcmp(ip + 16, &(uint32_t){ ip4(dst) }, 4) && ip[8] == ttl)) {
		check_fail("%s: %u.%u.%u.%u -> %u.%u.%u.%u ttl %u, want %s -> %s "
			   "ttl %d", what, ip[12], ip[13], ip[14], ip[15], ip[16],
			   ip[17], ip[18], ip[19], ip[8], src, dst, ttl);
		return -1;
	}
	if (!EXPECT(inet_csum(ip, 20) == 0 && inet_csum(icmp, 8 + plen) == 0)) {
		check_fail("%s: bad checksum (IP 0x%04x, ICMP 0x%04x)", what,
			   get16(ip + 10), get16(icmp + 2));
		return -1;
	}
	if (!EXPECT(icmp[0] == type && icmp[1] == 0 && get16(icmp + 4) == id &&
		    get16(icmp + 6) == seq && !memcmp(icmp + 8, payload, plen))) {
		check_fail("%s: ICMP type %u code %u id 0x%x seq %u, want type "
			   "%d id 0x%x seq %u", what, icmp[0], icmp[1],
			   get16(icmp + 4), get16(icmp + 6), type, id, seq);
		return -1;
	}
	return 0;
}

/* recvfrom's address: AF_INET, the sender, port 0, 16 bytes. */
static int from_is(const struct dgram *d, const char *src, const char *what)
{
	struct sockaddr_in want = sin4(src, 0);

	if (!EXPECT(d->fromlen == sizeof want &&
		    !memcmp(&d->from, &want, sizeof want))) {
		check_fail("%s: source address len %u family %d port %u addr %s",
			   what, d->fromlen, d->from.sin_family,
			   ntohs(d->from.sin_port),
			   sa_text((struct sockaddr *)&d->from));
		return -1;
	}
	return 0;
}

/* No datagram is waiting on fd. */
static int nothing_queued(int fd, const char *what)
{
	char b[2048];
	ssize_t n = recv(fd, b, sizeof b, MSG_DONTWAIT);

	if (!EXPECT(n == -1 && errno == EAGAIN)) {
		check_fail("%s: recv gave %zd (%s), want EAGAIN", what, n,
			   nerr(errno));
		return -1;
	}
	return 0;
}

/*
 * To 127.0.0.1 the socket sees its own request arrive (raw sockets get
 * every incoming ICMP datagram), then the kernel's reply.
 */
static void echo_loopback(void)
{
	struct dgram d;
	int fd;

	TRY(lo_up());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	TRY(send_echo(fd, "127.0.0.1", 0x1234, 1, "tern raw loopback"));
	TRY(next_dgram(fd, &d, "request"));
	TRY(is_echo(&d, ICMP_ECHO, "127.0.0.1", "127.0.0.1", 64, 0x1234, 1,
		    "tern raw loopback", "request"));
	TRY(from_is(&d, "127.0.0.1", "request"));
	TRY(next_dgram(fd, &d, "reply"));
	TRY(is_echo(&d, ICMP_ECHOREPLY, "127.0.0.1", "127.0.0.1", 64, 0x1234,
		    1, "tern raw loopback", "reply"));
	TRY(from_is(&d, "127.0.0.1", "reply"));
	TRY(nothing_queued(fd, "after the reply"));
}

/* QEMU's gateway answers (with TTL 255); the request is not looped back. */
static void echo_gateway(void)
{
	struct dgram d;
	int fd;

	TRY(eth0_config());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	TRY(send_echo(fd, GATEWAY_IP, 0x2345, 2, "tern raw gateway"));
	TRY(next_dgram(fd, &d, "reply"));
	TRY(is_echo(&d, ICMP_ECHOREPLY, GATEWAY_IP, GUEST_IP, 255, 0x2345, 2,
		    "tern raw gateway", "reply"));
	TRY(from_is(&d, GATEWAY_IP, "reply"));
}

/* The guest's own address goes through lo: request, then reply. */
static void echo_self(void)
{
	struct dgram d;
	int fd;

	TRY(eth0_config());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	TRY(send_echo(fd, GUEST_IP, 0x3456, 3, "tern raw self"));
	TRY(next_dgram(fd, &d, "request"));
	TRY(is_echo(&d, ICMP_ECHO, GUEST_IP, GUEST_IP, 64, 0x3456, 3,
		    "tern raw self", "request"));
	TRY(next_dgram(fd, &d, "reply"));
	TRY(is_echo(&d, ICMP_ECHOREPLY, GUEST_IP, GUEST_IP, 64, 0x3456, 3,
		    "tern raw self", "reply"));
	TRY(from_is(&d, GUEST_IP, "reply"));
}

/* ICMP_FILTER: a set bit drops that ICMP type before it is queued. */
static void icmp_filter(void)
{
	uint32_t mask = 1u << ICMP_ECHO, got = 0;
	socklen_t len = sizeof got;
	struct dgram d;
	int fd, udp;

	TRY(lo_up());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	REQUIRE_OK(getsockopt(fd, SOL_RAW, ICMP_FILTER, &got, &len));
	REQUIRE(got == 0 && len == 4, "initial filter 0x%x len %u", got, len);
	REQUIRE_OK(setsockopt(fd, SOL_RAW, ICMP_FILTER, &mask, sizeof mask));
	len = 8;
	REQUIRE_OK(getsockopt(fd, SOL_RAW, ICMP_FILTER, &got, &len));
	REQUIRE(got == mask && len == 4, "filter 0x%x len %u", got, len);
	TRY(send_echo(fd, "127.0.0.1", 0x4567, 4, "tern filter"));
	TRY(next_dgram(fd, &d, "first datagram"));
	TRY(is_echo(&d, ICMP_ECHOREPLY, "127.0.0.1", "127.0.0.1", 64, 0x4567, 4,
		    "tern filter", "first datagram (the request is filtered)"));
	/* Only an IPPROTO_ICMP socket has the filter. */
	TRY(udp = raw_sock(IPPROTO_UDP));
	REQUIRE_ERR(setsockopt(udp, SOL_RAW, ICMP_FILTER, &mask, sizeof mask),
		    EOPNOTSUPP);
	len = sizeof got;
	REQUIRE_ERR(getsockopt(udp, SOL_RAW, ICMP_FILTER, &got, &len),
		    EOPNOTSUPP);
	REQUIRE_ERR(setsockopt(fd, SOL_RAW, ICMP_FILTER, BADPTR, 4), EFAULT);
	len = -1;
	REQUIRE_ERR(getsockopt(fd, SOL_RAW, ICMP_FILTER, &got, &len), EINVAL);
}

/* Builds an IPv4 header + ICMP echo request; returns the total length. */
static size_t build_ip_echo(unsigned char *p, uint16_t id_field,
			    const char *src, const char *dst, int ttl,
			    const char *payload)
{
	size_t n;

	memset(p, 0, 20);
	p[0] = 0x45;
	p[4] = id_field >> 8;
	p[5] = id_field & 0xff;
	p[8] = ttl;
	p[9] = IPPROTO_ICMP;
	memcpy(p + 12, &(uint32_t){ ip4(src) }, 4);
	memcpy(p + 16, &(uint32_t){ ip4(dst) }, 4);
	n = icmp_echo(p + 20, 0x5678, 5, payload);
	/* Total length and checksum left 0: raw(7) says the kernel fills them. */
	return 20 + n;
}

/*
 * IP_HDRINCL: the header is the caller's; the kernel fills in the
 * checksum and total length always, the source address and the
 * identification only when they are zero (raw(7)).
 */
static void hdrincl(void)
{
	unsigned char pkt[128];
	struct sockaddr_in to = sin4("127.0.0.1", 0);
	struct dgram d;
	int fd, on = 1, v = 0;
	socklen_t len = sizeof v;
	size_t n;

	TRY(lo_up());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	REQUIRE_OK(getsockopt(fd, IPPROTO_IP, IP_HDRINCL, &v, &len));
	REQUIRE(v == 0, "IP_HDRINCL starts at %d", v);
	REQUIRE_OK(setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof on));
	REQUIRE_OK(getsockopt(fd, IPPROTO_IP, IP_HDRINCL, &v, &len));
	REQUIRE(v == 1, "IP_HDRINCL now %d", v);
	n = build_ip_echo(pkt, 0, "0.0.0.0", "127.0.0.1", 33, "tern hdrincl");
	REQUIRE(sendto(fd, pkt, n, 0, (struct sockaddr *)&to, sizeof to) ==
		(ssize_t)n, "sendto: %s", nerr(errno));
	TRY(next_dgram(fd, &d, "own request"));
	TRY(is_echo(&d, ICMP_ECHO, "127.0.0.1", "127.0.0.1", 33, 0x5678, 5,
		    "tern hdrincl", "own request"));
	TRY(next_dgram(fd, &d, "reply"));
	TRY(is_echo(&d, ICMP_ECHOREPLY, "127.0.0.1", "127.0.0.1", 64, 0x5678,
		    5, "tern hdrincl", "reply"));
	/* A given source and identification are kept. */
	n = build_ip_echo(pkt, 0x4321, "127.0.0.5", "127.0.0.1", 34,
			  "tern hdrincl");
	REQUIRE(sendto(fd, pkt, n, 0, (struct sockaddr *)&to, sizeof to) ==
		(ssize_t)n, "sendto: %s", nerr(errno));
	TRY(next_dgram(fd, &d, "second request"));
	TRY(is_echo(&d, ICMP_ECHO, "127.0.0.5", "127.0.0.1", 34, 0x5678, 5,
		    "tern hdrincl", "second request"));
	REQUIRE(get16(d.buf + 4) == 0x4321, "identification 0x%x",
		get16(d.buf + 4));
	TRY(next_dgram(fd, &d, "second reply"));
	TRY(is_echo(&d, ICMP_ECHOREPLY, "127.0.0.1", "127.0.0.5", 64, 0x5678,
		    5, "tern hdrincl", "second reply"));
}

/* A zero identification is filled in (two tries: 0 by chance is 1/65536). */
static void hdrincl_fills_id(void)
{
	unsigned char pkt[128];
	struct sockaddr_in to = sin4("127.0.0.1", 0);
	struct dgram d;
	int fd, on = 1, nonzero = 0;
	size_t n;

	TRY(lo_up());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	REQUIRE_OK(setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof on));
	for (int i = 0; i < 2; i++) {
		n = build_ip_echo(pkt, 0, "0.0.0.0", "127.0.0.1", 64, "id");
		REQUIRE(sendto(fd, pkt, n, 0, (struct sockaddr *)&to, sizeof to)
			== (ssize_t)n, "sendto: %s", nerr(errno));
		TRY(next_dgram(fd, &d, "own request"));
		REQUIRE(d.buf[20] == ICMP_ECHO, "type %u", d.buf[20]);
		nonzero |= get16(d.buf + 4) != 0;
		TRY(next_dgram(fd, &d, "reply"));
	}
	REQUIRE(nonzero, "identification left 0 twice");
}

/* Malformed IP_HDRINCL packets. */
static void hdrincl_errors(void)
{
	unsigned char pkt[128];
	struct sockaddr_in to = sin4("127.0.0.1", 0);
	int fd, on = 1;
	size_t n;

	TRY(lo_up());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	REQUIRE_OK(setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof on));
	n = build_ip_echo(pkt, 0, "0.0.0.0", "127.0.0.1", 64, "x");
	/* Shorter than an IP header. */
	REQUIRE_ERR(sendto(fd, pkt, 19, 0, (struct sockaddr *)&to, sizeof to),
		    EINVAL);
	/* A header length past the end of the packet. */
	pkt[0] = 0x4f;
	REQUIRE_ERR(sendto(fd, pkt, n, 0, (struct sockaddr *)&to, sizeof to),
		    EINVAL);
	/* IP_HDRINCL is a raw socket's option only. */
	int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE_OK(udp);
	REQUIRE_ERR(setsockopt(udp, IPPROTO_IP, IP_HDRINCL, &on, sizeof on),
		    ENOPROTOOPT);
}

/*
 * IPPROTO_RAW sends whole IP packets (IP_HDRINCL is on) and receives
 * nothing; an IPPROTO_ICMP socket sees the request and the reply.
 */
static void ipproto_raw(void)
{
	unsigned char pkt[128];
	struct sockaddr_in to = sin4("127.0.0.1", 0);
	struct dgram d;
	int fd, icmp, v = 0;
	socklen_t len = sizeof v;
	size_t n;

	TRY(lo_up());
	TRY(fd = raw_sock(IPPROTO_RAW));
	TRY(icmp = raw_sock(IPPROTO_ICMP));
	REQUIRE_OK(getsockopt(fd, IPPROTO_IP, IP_HDRINCL, &v, &len));
	REQUIRE(v == 1, "IP_HDRINCL on IPPROTO_RAW is %d", v);
	n = build_ip_echo(pkt, 0, "0.0.0.0", "127.0.0.1", 64, "tern ipproto_raw");
	REQUIRE(sendto(fd, pkt, n, 0, (struct sockaddr *)&to, sizeof to) ==
		(ssize_t)n, "sendto: %s", nerr(errno));
	TRY(next_dgram(icmp, &d, "request at the ICMP socket"));
	TRY(is_echo(&d, ICMP_ECHO, "127.0.0.1", "127.0.0.1", 64, 0x5678, 5,
		    "tern ipproto_raw", "request"));
	TRY(next_dgram(icmp, &d, "reply at the ICMP socket"));
	TRY(is_echo(&d, ICMP_ECHOREPLY, "127.0.0.1", "127.0.0.1", 64, 0x5678,
		    5, "tern ipproto_raw", "reply"));
	TRY(nothing_queued(fd, "IPPROTO_RAW socket"));
}

/*
 * bind() sets the local address (any port is ignored: the "port" a raw
 * socket reports is its protocol); connect() fixes the peer, so send()
 * needs no address and only the peer's datagrams are delivered.
 */
static void bind_and_connect(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 7777), got;
	socklen_t len = sizeof got;
	struct dgram d;
	unsigned char buf[64];
	size_t n;
	int fd, other;

	TRY(eth0_config());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	n = icmp_echo(buf, 0x6789, 6, "tern connect");
	REQUIRE_ERR(send(fd, buf, n, 0), EDESTADDRREQ);
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &len));
	REQUIRE(len == sizeof got && got.sin_family == AF_INET &&
		ntohs(got.sin_port) == IPPROTO_ICMP && got.sin_addr.s_addr == 0,
		"unbound getsockname: len %u port %u addr %s", len,
		ntohs(got.sin_port), sa_text((struct sockaddr *)&got));
	REQUIRE_ERR(getpeername(fd, (struct sockaddr *)&got, &len), ENOTCONN);
	a = sin4("10.9.9.9", 0);
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, sizeof a), EADDRNOTAVAIL);
	a = sin4("127.0.0.1", 7777);
	REQUIRE_ERR(bind(fd, (struct sockaddr *)&a, sizeof a - 1), EINVAL);
	REQUIRE_OK(bind(fd, (struct sockaddr *)&a, sizeof a));
	len = sizeof got;
	REQUIRE_OK(getsockname(fd, (struct sockaddr *)&got, &len));
	REQUIRE(ntohs(got.sin_port) == IPPROTO_ICMP &&
		!strcmp(sa_text((struct sockaddr *)&got), "127.0.0.1"),
		"bound getsockname: port %u addr %s", ntohs(got.sin_port),
		sa_text((struct sockaddr *)&got));
	a = sin4("127.0.0.1", 0);
	REQUIRE_OK(connect(fd, (struct sockaddr *)&a, sizeof a));
	/* A raw socket's peer has no port, and getpeername() without a peer
	 * port is ENOTCONN, connected or not. */
	len = sizeof got;
	REQUIRE_ERR(getpeername(fd, (struct sockaddr *)&got, &len), ENOTCONN);
	REQUIRE(send(fd, buf, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	TRY(next_dgram(fd, &d, "request"));
	TRY(is_echo(&d, ICMP_ECHO, "127.0.0.1", "127.0.0.1", 64, 0x6789, 6,
		    "tern connect", "request"));
	TRY(next_dgram(fd, &d, "reply"));
	TRY(is_echo(&d, ICMP_ECHOREPLY, "127.0.0.1", "127.0.0.1", 64, 0x6789,
		    6, "tern connect", "reply"));
	/* Connected elsewhere: 127.0.0.1's datagrams are not delivered. */
	TRY(other = raw_sock(IPPROTO_ICMP));
	a = sin4(GATEWAY_IP, 0);
	REQUIRE_OK(connect(other, (struct sockaddr *)&a, sizeof a));
	REQUIRE(send(fd, buf, n, 0) == (ssize_t)n, "send: %s", nerr(errno));
	TRY(next_dgram(fd, &d, "request"));
	TRY(next_dgram(fd, &d, "reply"));
	TRY(nothing_queued(other, "socket connected to 10.0.2.2"));
}

/* Sending to a broadcast address needs SO_BROADCAST (EACCES without). */
static void broadcast(void)
{
	unsigned char buf[64];
	struct sockaddr_in to = sin4("10.0.2.255", 0);
	size_t n = icmp_echo(buf, 0x789a, 7, "tern broadcast");
	int fd, on = 1;

	TRY(eth0_config());
	TRY(fd = raw_sock(IPPROTO_ICMP));
	REQUIRE_ERR(sendto(fd, buf, n, 0, (struct sockaddr *)&to, sizeof to),
		    EACCES);
	REQUIRE_OK(setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof on));
	REQUIRE(sendto(fd, buf, n, 0, (struct sockaddr *)&to, sizeof to) ==
		(ssize_t)n, "with SO_BROADCAST: %s", nerr(errno));
}

/*
 * Protocols socket() refuses for SOCK_RAW: 0, and numbers outside
 * 0 .. IPPROTO_MAX - 1 (IPPROTO_MAX is 263 since IPPROTO_MPTCP, 262).
 */
static void protocols(void)
{
	REQUIRE_ERR(socket(AF_INET, SOCK_RAW, 0), EPROTONOSUPPORT);
	REQUIRE_ERR(socket(AF_INET, SOCK_RAW, 263), EINVAL);
	REQUIRE_ERR(socket(AF_INET, SOCK_RAW, -1), EINVAL);
	for (int p = 1; p < 263; p += 50) {
		int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, p);
		REQUIRE(fd >= 0, "SOCK_RAW protocol %d: %s", p, nerr(errno));
		close(fd);
	}
}

/* A raw UDP socket sees UDP datagrams, header included, for any port. */
static void raw_udp(void)
{
	struct sockaddr_in to = sin4("127.0.0.1", 9), rx = sin4("127.0.0.1", 0);
	socklen_t len = sizeof rx;
	struct dgram d;
	int fd, udp, sink;

	TRY(lo_up());
	TRY(fd = raw_sock(IPPROTO_UDP));
	udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	sink = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	REQUIRE(udp >= 0 && sink >= 0, "socket: %s", nerr(errno));
	/* A bound receiver, so no port-unreachable error follows. */
	REQUIRE_OK(bind(sink, (struct sockaddr *)&rx, sizeof rx));
	REQUIRE_OK(getsockname(sink, (struct sockaddr *)&to, &len));
	REQUIRE(sendto(udp, "hello raw", 9, 0, (struct sockaddr *)&to, sizeof to)
		== 9, "sendto: %s", nerr(errno));
	TRY(next_dgram(fd, &d, "UDP datagram"));
	REQUIRE(d.len == 20 + 8 + 9 && d.buf[9] == IPPROTO_UDP &&
		get16(d.buf + 22) == ntohs(to.sin_port) &&
		get16(d.buf + 24) == 8 + 9 && !memcmp(d.buf + 28, "hello raw", 9),
		"%zd bytes, protocol %u, port %u, UDP length %u", d.len, d.buf[9],
		get16(d.buf + 22), get16(d.buf + 24));
	TRY(from_is(&d, "127.0.0.1", "UDP datagram"));
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(echo_loopback),
		CHECK(echo_gateway),
		CHECK(echo_self),
		CHECK(icmp_filter),
		CHECK(hdrincl),
		CHECK(hdrincl_fills_id),
		CHECK(hdrincl_errors),
		CHECK(ipproto_raw),
		CHECK(bind_and_connect),
		CHECK(broadcast),
		CHECK(protocols),
		CHECK(raw_udp),
	};

	return run_checks("raw", checks, NCHECKS(checks));
}
