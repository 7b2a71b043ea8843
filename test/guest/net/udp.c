/*
 * udp.c - UDP sockets over lo: connect and disconnect, exact source
 * addresses, datagram boundaries, MSG_TRUNC/MSG_PEEK, the largest
 * datagram, empty datagrams, broadcast permission, the IP_PKTINFO,
 * IP_RECVTTL, IP_RECVTOS and SO_TIMESTAMP control messages, ICMP errors
 * through IP_RECVERR and MSG_ERRQUEUE, recvmmsg, and multicast on lo.
 * Expectations are Linux's (udp(7), ip(7), socket(7)), as observed.
 */
#include "netcheck.h"

#include <linux/errqueue.h>
#include <sys/time.h>

static struct sockaddr_in addr_of(const char *ip, int port)
{
	struct sockaddr_in sa = lo_addr(port);

	sa.sin_addr.s_addr = inet_addr(ip);
	return sa;
}

/* A UDP socket bound to INADDR_ANY at a free port. */
static int udp_any(void)
{
	struct sockaddr_in sa = addr_of("0.0.0.0", 0);
	int fd;

	if (lo_up() < 0)
		return -1;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, SA(&sa), sizeof sa) < 0) {
		check_fail("udp_any: %s", errname(errno));
		return -1;
	}
	return fd;
}

/* A port no socket is bound to (bound once, then closed). */
static int closed_port(void)
{
	int fd = udp_socket(), port;

	if (fd < 0)
		return -1;
	port = port_of(fd);
	close(fd);
	return port;
}

/* Receives one datagram, waiting up to 5 s; the length or -1. */
static ssize_t recv_wait(int fd, void *buf, size_t len,
			 struct sockaddr_in *from)
{
	socklen_t fl = sizeof *from;

	if (!(poll_one(fd, POLLIN, 5000) & POLLIN)) {
		errno = ETIMEDOUT;
		return -1;
	}
	return recvfrom(fd, buf, len, MSG_DONTWAIT, SA(from), &fl);
}

static int is_lo(const struct sockaddr_in *sa, int port)
{
	return sa->sin_family == AF_INET && sa->sin_addr.s_addr == LOOPBACK &&
	       ntohs(sa->sin_port) == port;
}

static void connect_disconnect(void)
{
	struct sockaddr_in sa, from, unspec = { .sin_family = AF_UNSPEC };
	socklen_t len = sizeof sa;
	char buf[32];
	int a, b, c, pa, pb, pc;

	if ((a = udp_socket()) < 0 || (c = udp_socket()) < 0)
		return;
	pa = port_of(a);
	pc = port_of(c);
	b = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(b >= 0, "socket");
	REQUIRE_ERR(getpeername(b, SA(&sa), &len), ENOTCONN);
	sa = lo_addr(pa);
	REQUIRE_OK(connect(b, SA(&sa), sizeof sa));
	/* connect binds the socket to a local address and port. */
	pb = port_of(b);
	len = sizeof sa;
	REQUIRE_OK(getsockname(b, SA(&sa), &len));
	REQUIRE(is_lo(&sa, pb) && pb > 0, "connected socket's name");
	len = sizeof sa;
	REQUIRE_OK(getpeername(b, SA(&sa), &len));
	REQUIRE(is_lo(&sa, pa), "peer name");
	REQUIRE(send(b, "one", 3, 0) == 3, "send: %s", errname(errno));
	REQUIRE(recv_wait(a, buf, sizeof buf, &from) == 3 && is_lo(&from, pb),
		"datagram from the connected socket");
	/* A connected socket takes datagrams from its peer only. */
	sa = lo_addr(pb);
	REQUIRE(sendto(c, "stranger", 8, 0, SA(&sa), sizeof sa) == 8, "sendto");
	REQUIRE(sendto(a, "two", 3, 0, SA(&sa), sizeof sa) == 3, "sendto");
	REQUIRE(recv_wait(b, buf, sizeof buf, &from) == 3 &&
		!memcmp(buf, "two", 3) && is_lo(&from, pa), "not the peer's");
	REQUIRE_ERR(recv(b, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	/* sendto with an address overrides the peer. */
	sa = lo_addr(pc);
	REQUIRE(sendto(b, "three", 5, 0, SA(&sa), sizeof sa) == 5, "sendto");
	REQUIRE(recv_wait(c, buf, sizeof buf, &from) == 5 && is_lo(&from, pb),
		"sendto on a connected socket");
	/* Reconnecting replaces the peer. */
	REQUIRE_OK(connect(b, SA(&sa), sizeof sa));
	REQUIRE(send(b, "four", 4, 0) == 4 && recv_wait(c, buf, sizeof buf,
		&from) == 4, "send after reconnecting");
	/* AF_UNSPEC dissolves the association; the port connect chose is
	 * given back. */
	REQUIRE_OK(connect(b, SA(&unspec), sizeof unspec));
	len = sizeof sa;
	REQUIRE_ERR(getpeername(b, SA(&sa), &len), ENOTCONN);
	len = sizeof sa;
	REQUIRE_OK(getsockname(b, SA(&sa), &len));
	REQUIRE(sa.sin_port == 0 && sa.sin_addr.s_addr == 0,
		"after disconnect bound to %s:%d", inet_ntoa(sa.sin_addr),
		ntohs(sa.sin_port));
	REQUIRE_ERR(send(b, "x", 1, 0), EDESTADDRREQ);
	/* A socket bound to an address and port keeps both. */
	if ((pb = closed_port()) < 0 || (b = lo_socket(SOCK_DGRAM, pb)) < 0)
		return;
	sa = lo_addr(pc);
	REQUIRE_OK(connect(b, SA(&sa), sizeof sa));
	REQUIRE_OK(connect(b, SA(&unspec), sizeof(sa_family_t)));
	len = sizeof sa;
	REQUIRE_OK(getsockname(b, SA(&sa), &len));
	REQUIRE(is_lo(&sa, pb), "bound address lost on disconnect");
}

static void source_addresses(void)
{
	struct sockaddr_in from, want;
	unsigned char raw[32];
	struct iovec iov;
	struct msghdr mh;
	socklen_t len;
	char buf[8];
	int a, b;

	if ((a = udp_socket()) < 0 || (b = udp_socket()) < 0)
		return;
	want = lo_addr(port_of(b));
	for (int i = 0; i < 4; i++) {
		struct sockaddr_in to = lo_addr(port_of(a));
		REQUIRE(sendto(b, "abc", 3, 0, SA(&to), sizeof to) == 3,
			"sendto: %s", errname(errno));
	}
	REQUIRE(poll_one(a, POLLIN, 5000) == POLLIN, "nothing arrived");
	memset(&from, 0xaa, sizeof from);
	len = sizeof from;
	REQUIRE(recvfrom(a, buf, sizeof buf, 0, SA(&from), &len) == 3,
		"recvfrom");
	REQUIRE(len == sizeof from && !memcmp(&from, &want, sizeof want),
		"source %s:%d len %u", inet_ntoa(from.sin_addr),
		ntohs(from.sin_port), (unsigned)len);
	/* Too short a buffer: cut, the full length returned. */
	memset(raw, 0xaa, sizeof raw);
	len = 4;
	REQUIRE(recvfrom(a, buf, sizeof buf, 0, SA(raw), &len) == 3, "recv");
	REQUIRE(len == sizeof want && !memcmp(raw, &want, 4) &&
		raw[4] == 0xaa, "truncated address: len %u", (unsigned)len);
	/* No buffer at all. */
	REQUIRE(recvfrom(a, buf, sizeof buf, 0, NULL, NULL) == 3, "recv");
	/* recvmsg: msg_namelen is set. */
	memset(&mh, 0, sizeof mh);
	iov = (struct iovec){ buf, sizeof buf };
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_name = raw;
	mh.msg_namelen = sizeof raw;
	REQUIRE(recvmsg(a, &mh, 0) == 3, "recvmsg");
	REQUIRE(mh.msg_namelen == sizeof want && !memcmp(raw, &want,
		sizeof want), "recvmsg name (len %u)",
		(unsigned)mh.msg_namelen);
}

static void boundaries(void)
{
	static const int sizes[] = { 10, 1, 300, 20 };
	struct sockaddr_in to, from;
	char buf[512], out[512];
	int a, b, v;
	size_t i;

	if ((a = udp_socket()) < 0 || (b = udp_socket()) < 0)
		return;
	to = lo_addr(port_of(a));
	for (i = 0; i < NCHECKS(sizes); i++) {
		memset(out, 'a' + (int)i, sizeof out);
		REQUIRE(sendto(b, out, sizes[i], 0, SA(&to), sizeof to) ==
			sizes[i], "sendto %d", sizes[i]);
	}
	REQUIRE(poll_one(a, POLLIN, 5000) == POLLIN, "nothing arrived");
	/* FIONREAD: the size of the next datagram. */
	REQUIRE(ioctl(a, FIONREAD, &v) == 0 && v == 10, "FIONREAD %d", v);
	for (i = 0; i < NCHECKS(sizes); i++) {
		ssize_t n = recv_wait(a, buf, sizeof buf, &from);
		REQUIRE(n == sizes[i] && buf[0] == 'a' + (int)i &&
			buf[n - 1] == 'a' + (int)i, "datagram %zu: %zd bytes",
			i, n);
	}
	REQUIRE(ioctl(a, FIONREAD, &v) == 0 && v == 0, "FIONREAD empty %d", v);
	REQUIRE(ioctl(b, SIOCOUTQ, &v) == 0 && v == 0, "SIOCOUTQ %d", v);
}

static void trunc_peek(void)
{
	struct sockaddr_in to;
	char out[100], buf[100];
	struct iovec iov = { buf, 10 };
	struct msghdr mh;
	int a, b;

	if ((a = udp_socket()) < 0 || (b = udp_socket()) < 0)
		return;
	to = lo_addr(port_of(a));
	memset(out, 'x', sizeof out);
	out[0] = '0';
	for (int i = 0; i < 3; i++)
		REQUIRE(sendto(b, out, 100, 0, SA(&to), sizeof to) == 100,
			"sendto");
	REQUIRE(poll_one(a, POLLIN, 5000) == POLLIN, "nothing arrived");
	REQUIRE(recv(a, buf, 10, MSG_PEEK) == 10 && buf[0] == '0', "peek");
	/* MSG_TRUNC: the real length, even when cut. */
	REQUIRE(recv(a, buf, 10, MSG_PEEK | MSG_TRUNC) == 100, "peek|trunc");
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	REQUIRE(recvmsg(a, &mh, 0) == 10 && mh.msg_flags == MSG_TRUNC,
		"recvmsg into 10 bytes: flags %#x", mh.msg_flags);
	/* The rest of the cut datagram is gone; the next one is whole. */
	REQUIRE(recv(a, buf, sizeof buf, MSG_TRUNC) == 100, "recv MSG_TRUNC");
	mh.msg_flags = -1;
	REQUIRE(recvmsg(a, &mh, MSG_TRUNC) == 100 && mh.msg_flags == MSG_TRUNC,
		"recvmsg(MSG_TRUNC): flags %#x", mh.msg_flags);
	REQUIRE_ERR(recv(a, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
}

static void max_datagram(void)
{
	enum { MAX = 65535 - 20 - 8 };
	static unsigned char out[MAX + 2], in[MAX + 2];
	struct sockaddr_in to, from;
	int a, b;
	size_t i;

	if ((a = udp_socket()) < 0 || (b = udp_socket()) < 0)
		return;
	to = lo_addr(port_of(a));
	for (i = 0; i < sizeof out; i++)
		out[i] = (unsigned char)(i % 251);
	REQUIRE(sendto(b, out, MAX, 0, SA(&to), sizeof to) == MAX,
		"sendto %d: %s", MAX, errname(errno));
	REQUIRE(recv_wait(a, in, sizeof in, &from) == MAX, "recv");
	REQUIRE(!memcmp(in, out, MAX), "data differs");
	REQUIRE_ERR(sendto(b, out, MAX + 1, 0, SA(&to), sizeof to), EMSGSIZE);
	REQUIRE_ERR(sendto(b, out, 1 << 20, 0, SA(&to), sizeof to), EMSGSIZE);
	REQUIRE_OK(connect(b, SA(&to), sizeof to));
	REQUIRE_ERR(send(b, out, MAX + 1, 0), EMSGSIZE);
	REQUIRE(send(b, out, MAX, 0) == MAX, "send on connected");
}

static void zero_length(void)
{
	struct sockaddr_in to, from;
	char buf[8];
	int a, b, v;

	if ((a = udp_socket()) < 0 || (b = udp_socket()) < 0)
		return;
	to = lo_addr(port_of(a));
	REQUIRE(sendto(b, "", 0, 0, SA(&to), sizeof to) == 0, "sendto 0: %s",
		errname(errno));
	REQUIRE(poll_one(a, POLLIN, 5000) == POLLIN, "empty datagram not "
		"readable");
	REQUIRE(ioctl(a, FIONREAD, &v) == 0 && v == 0, "FIONREAD %d", v);
	REQUIRE(recv_wait(a, buf, sizeof buf, &from) == 0 &&
		is_lo(&from, port_of(b)), "empty datagram");
	REQUIRE_ERR(recv(a, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	/* A zero-length buffer takes a whole datagram. */
	REQUIRE(sendto(b, "abc", 3, 0, SA(&to), sizeof to) == 3, "sendto");
	REQUIRE(poll_one(a, POLLIN, 5000) == POLLIN, "nothing arrived");
	REQUIRE(recv(a, buf, 0, MSG_TRUNC) == 3, "recv 0 bytes");
	REQUIRE_ERR(recv(a, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
}

static void udp_errors(void)
{
	struct sockaddr_in sa = lo_addr(0);
	struct msghdr mh;
	struct iovec iov = { "x", 1 };
	char b;
	int u, a, port;

	if ((a = udp_socket()) < 0)
		return;
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0, "socket");
	REQUIRE_ERR(send(u, "x", 1, 0), EDESTADDRREQ);
	REQUIRE_ERR(sendto(u, "x", 1, 0, NULL, 0), EDESTADDRREQ);
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	REQUIRE_ERR(sendmsg(u, &mh, 0), EDESTADDRREQ);
	/* Port 0 is no destination. */
	REQUIRE_ERR(sendto(u, "x", 1, 0, SA(&sa), sizeof sa), EINVAL);
	REQUIRE_ERR(recv(u, &b, 1, MSG_DONTWAIT), EAGAIN);
	REQUIRE_ERR(shutdown(u, SHUT_RDWR), ENOTCONN);
	/* (The failed sends bound u to a port, as any send does.) */
	REQUIRE(port_of(u) > 0, "u not bound by send");
	port = port_of(a);
	sa = lo_addr(port);
	REQUIRE_ERR(bind(u, SA(&sa), sizeof sa), EINVAL);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0, "socket");
	REQUIRE_ERR(bind(u, SA(&sa), sizeof sa), EADDRINUSE);
	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	REQUIRE_ERR(bind(u, SA(&sa), sizeof sa), EADDRINUSE);
	/* An address that is not local. */
	sa = addr_of("10.9.9.9", 0);
	REQUIRE_ERR(bind(u, SA(&sa), sizeof sa), EADDRNOTAVAIL);
	/* No route: the test image's eth0 is down and it has no default
	 * route (this and the checks below that expect ENETUNREACH rely
	 * on that). */
	sa = addr_of("10.9.9.9", 9);
	REQUIRE_ERR(sendto(u, "x", 1, 0, SA(&sa), sizeof sa), ENETUNREACH);
}

/* A connected socket's shutdown(SHUT_RD): reads return 0 at once. */
static void shutdown_connected(void)
{
	struct sockaddr_in sa;
	char b;
	int a, u, r;

	if ((a = udp_socket()) < 0 || (u = udp_socket()) < 0)
		return;
	sa = lo_addr(port_of(a));
	REQUIRE_OK(connect(u, SA(&sa), sizeof sa));
	REQUIRE_OK(shutdown(u, SHUT_RD));
	REQUIRE(recv(u, &b, 1, 0) == 0, "recv after SHUT_RD: %s",
		errname(errno));
	r = poll_one(u, POLLIN | POLLOUT | POLLRDHUP, 0);
	REQUIRE(r == (POLLIN | POLLOUT | POLLRDHUP), "revents %#x", r);
	REQUIRE_OK(shutdown(u, SHUT_WR));
	REQUIRE_ERR(send(u, "x", 1, MSG_NOSIGNAL), EPIPE);
	r = poll_one(u, POLLIN | POLLOUT | POLLRDHUP, 0);
	REQUIRE(r == (POLLIN | POLLOUT | POLLRDHUP | POLLHUP), "revents %#x",
		r);
}

/*
 * Broadcast needs SO_BROADCAST (ip(7)): 127.255.255.255 is lo's subnet
 * broadcast; the limited broadcast has a route only when the socket
 * names its interface.
 */
static void broadcast(void)
{
	struct sockaddr_in sub, all, from;
	char buf[8];
	int r, u, v, port;

	if ((r = udp_any()) < 0)
		return;
	port = port_of(r);
	sub = addr_of("127.255.255.255", port);
	all = addr_of("255.255.255.255", port);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0, "socket");
	REQUIRE(getopt_int(u, SOL_SOCKET, SO_BROADCAST, &v) == 0 && v == 0,
		"SO_BROADCAST default %d", v);
	REQUIRE_ERR(sendto(u, "b1", 2, 0, SA(&sub), sizeof sub), EACCES);
	REQUIRE_ERR(sendto(u, "b1", 2, 0, SA(&all), sizeof all), ENETUNREACH);
	REQUIRE_OK(setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3));
	REQUIRE_ERR(sendto(u, "b1", 2, 0, SA(&all), sizeof all), EACCES);
	REQUIRE_ERR(connect(u, SA(&sub), sizeof sub), EACCES);
	REQUIRE_OK(setopt_int(u, SOL_SOCKET, SO_BROADCAST, 1));
	REQUIRE(getopt_int(u, SOL_SOCKET, SO_BROADCAST, &v) == 0 && v == 1,
		"SO_BROADCAST %d", v);
	REQUIRE(sendto(u, "b2", 2, 0, SA(&sub), sizeof sub) == 2,
		"subnet broadcast: %s", errname(errno));
	REQUIRE(recv_wait(r, buf, sizeof buf, &from) == 2 &&
		!memcmp(buf, "b2", 2) && from.sin_addr.s_addr == LOOPBACK,
		"subnet broadcast not received from 127.0.0.1");
	REQUIRE(sendto(u, "b3", 2, 0, SA(&all), sizeof all) == 2,
		"limited broadcast: %s", errname(errno));
	REQUIRE(recv_wait(r, buf, sizeof buf, &from) == 2 &&
		!memcmp(buf, "b3", 2), "limited broadcast not received");
	REQUIRE_OK(connect(u, SA(&sub), sizeof sub));
}

/*
 * Receives one datagram with its control messages and (from non-NULL)
 * its source; waits up to 5 s.
 */
static ssize_t recv_cmsg(int fd, char *buf, size_t len, void *ctl,
			 size_t ctllen, struct msghdr *mh,
			 struct sockaddr_in *from)
{
	static struct iovec iov;

	iov = (struct iovec){ buf, len };
	memset(mh, 0, sizeof *mh);
	if (from) {
		mh->msg_name = from;
		mh->msg_namelen = sizeof *from;
	}
	mh->msg_iov = &iov;
	mh->msg_iovlen = 1;
	mh->msg_control = ctl;
	mh->msg_controllen = ctllen;
	if (!(poll_one(fd, POLLIN, 5000) & POLLIN)) {
		errno = ETIMEDOUT;
		return -1;
	}
	return recvmsg(fd, mh, MSG_DONTWAIT);
}

static void pktinfo(void)
{
	union { char buf[256]; struct cmsghdr align; } ctl;
	struct sockaddr_in to;
	struct in_pktinfo pi;
	struct cmsghdr *cm;
	struct msghdr mh;
	struct iovec iov;
	char buf[8];
	int r, u;

	if ((r = udp_any()) < 0 || (u = udp_socket()) < 0)
		return;
	/* (Its default and values: sockopt.c.) */
	REQUIRE_OK(setopt_int(r, IPPROTO_IP, IP_PKTINFO, 1));
	to = addr_of("127.0.0.5", port_of(r));
	REQUIRE(sendto(u, "pk", 2, 0, SA(&to), sizeof to) == 2, "sendto");
	REQUIRE(recv_cmsg(r, buf, sizeof buf, ctl.buf, sizeof ctl.buf,
			  &mh, NULL) == 2, "recvmsg: %s", errname(errno));
	REQUIRE(mh.msg_controllen == CMSG_SPACE(sizeof pi) && mh.msg_flags == 0,
		"controllen %zu flags %#x", (size_t)mh.msg_controllen,
		mh.msg_flags);
	cm = CMSG_FIRSTHDR(&mh);
	REQUIRE(cm && cm->cmsg_level == IPPROTO_IP &&
		cm->cmsg_type == IP_PKTINFO &&
		cm->cmsg_len == CMSG_LEN(sizeof pi), "cmsg level %d type %d "
		"len %zu", cm ? cm->cmsg_level : -1, cm ? cm->cmsg_type : -1,
		cm ? (size_t)cm->cmsg_len : 0);
	memcpy(&pi, CMSG_DATA(cm), sizeof pi);
	/* The interface it came in on, the address it was sent to. */
	REQUIRE(pi.ipi_ifindex == 1 && pi.ipi_addr.s_addr ==
		inet_addr("127.0.0.5") && pi.ipi_spec_dst.s_addr ==
		inet_addr("127.0.0.5"), "ifindex %d addr %s", pi.ipi_ifindex,
		inet_ntoa(pi.ipi_addr));
	REQUIRE(CMSG_NXTHDR(&mh, cm) == NULL, "a second cmsg");
	/* A control buffer too small: MSG_CTRUNC, and what fits of the
	 * message, its cmsg_len cut to match. */
	REQUIRE(sendto(u, "pk", 2, 0, SA(&to), sizeof to) == 2, "sendto");
	memset(ctl.buf, 0, sizeof ctl.buf);
	REQUIRE(recv_cmsg(r, buf, sizeof buf, ctl.buf,
			  sizeof(struct cmsghdr) + 4, &mh, NULL) == 2,
		"recvmsg: %s", errname(errno));
	REQUIRE(mh.msg_flags == MSG_CTRUNC &&
		mh.msg_controllen == sizeof(struct cmsghdr) + 4,
		"short buffer: flags %#x controllen %zu", mh.msg_flags,
		(size_t)mh.msg_controllen);
	cm = CMSG_FIRSTHDR(&mh);
	REQUIRE(cm && cm->cmsg_len == sizeof(struct cmsghdr) + 4 &&
		cm->cmsg_type == IP_PKTINFO && *(int *)CMSG_DATA(cm) == 1,
		"cut cmsg: len %zu", cm ? (size_t)cm->cmsg_len : 0);
	/* Not even room for the header: nothing but the flag. */
	REQUIRE(sendto(u, "pk", 2, 0, SA(&to), sizeof to) == 2, "sendto");
	REQUIRE(recv_cmsg(r, buf, sizeof buf, ctl.buf, 8, &mh, NULL) == 2,
		"recvmsg: %s", errname(errno));
	REQUIRE(mh.msg_flags == MSG_CTRUNC && mh.msg_controllen == 0,
		"tiny buffer: flags %#x controllen %zu", mh.msg_flags,
		(size_t)mh.msg_controllen);
	/* Sending with IP_PKTINFO chooses the source address. */
	memset(&mh, 0, sizeof mh);
	memset(ctl.buf, 0, sizeof ctl.buf);
	iov = (struct iovec){ "src", 3 };
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_name = &to;
	mh.msg_namelen = sizeof to;
	mh.msg_control = ctl.buf;
	mh.msg_controllen = CMSG_SPACE(sizeof pi);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = IPPROTO_IP;
	cm->cmsg_type = IP_PKTINFO;
	cm->cmsg_len = CMSG_LEN(sizeof pi);
	memset(&pi, 0, sizeof pi);
	pi.ipi_spec_dst.s_addr = inet_addr("127.0.0.3");
	memcpy(CMSG_DATA(cm), &pi, sizeof pi);
	REQUIRE(sendmsg(u, &mh, 0) == 3, "sendmsg: %s", errname(errno));
	REQUIRE(recv_wait(r, buf, sizeof buf, &to) == 3 &&
		to.sin_addr.s_addr == inet_addr("127.0.0.3") &&
		ntohs(to.sin_port) == port_of(u), "source %s:%d, want "
		"127.0.0.3:%d", inet_ntoa(to.sin_addr), ntohs(to.sin_port),
		port_of(u));
}

/* The IP_TTL and IP_TOS control messages, and the options that set them. */
static void ttl_tos(void)
{
	union { char buf[256]; struct cmsghdr align; } ctl;
	struct sockaddr_in to;
	struct cmsghdr *cm;
	struct msghdr mh;
	struct iovec iov;
	int r, u, v, ttl;
	unsigned char tos;
	char buf[8];

	if ((r = udp_any()) < 0 || (u = udp_socket()) < 0)
		return;
	to = lo_addr(port_of(r));
	REQUIRE(getopt_int(r, IPPROTO_IP, IP_RECVTTL, &v) == 0 && v == 0,
		"IP_RECVTTL default %d", v);
	REQUIRE(getopt_int(r, IPPROTO_IP, IP_RECVTOS, &v) == 0 && v == 0,
		"IP_RECVTOS default %d", v);
	REQUIRE_OK(setopt_int(r, IPPROTO_IP, IP_RECVTTL, 1));
	REQUIRE_OK(setopt_int(r, IPPROTO_IP, IP_RECVTOS, 1));
	for (int round = 0; round < 3; round++) {
		int want_ttl = 64, want_tos = 0;

		if (round == 1) {
			/* The sender's options. */
			REQUIRE_OK(setopt_int(u, IPPROTO_IP, IP_TTL, 33));
			REQUIRE_OK(setopt_int(u, IPPROTO_IP, IP_TOS, 0x28));
			want_ttl = 33;
			want_tos = 0x28;
		}
		memset(&mh, 0, sizeof mh);
		iov = (struct iovec){ "tt", 2 };
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_name = &to;
		mh.msg_namelen = sizeof to;
		if (round == 2) {
			/* Per datagram, as control messages on sendmsg. */
			memset(ctl.buf, 0, sizeof ctl.buf);
			mh.msg_control = ctl.buf;
			mh.msg_controllen = 2 * CMSG_SPACE(sizeof(int));
			cm = CMSG_FIRSTHDR(&mh);
			cm->cmsg_level = IPPROTO_IP;
			cm->cmsg_type = IP_TTL;
			cm->cmsg_len = CMSG_LEN(sizeof(int));
			v = 7;
			memcpy(CMSG_DATA(cm), &v, sizeof v);
			cm = CMSG_NXTHDR(&mh, cm);
			cm->cmsg_level = IPPROTO_IP;
			cm->cmsg_type = IP_TOS;
			cm->cmsg_len = CMSG_LEN(sizeof(int));
			v = 0x10;
			memcpy(CMSG_DATA(cm), &v, sizeof v);
			want_ttl = 7;
			want_tos = 0x10;
		}
		REQUIRE(sendmsg(u, &mh, 0) == 2, "round %d: sendmsg: %s", round,
			errname(errno));
		REQUIRE(recv_cmsg(r, buf, sizeof buf, ctl.buf, sizeof ctl.buf,
				  &mh, NULL) == 2, "recvmsg: %s",
			errname(errno));
		/* IP_TTL: an int; IP_TOS: one byte; in that order. */
		REQUIRE(mh.msg_controllen == CMSG_SPACE(sizeof(int)) +
			CMSG_SPACE(1), "round %d: controllen %zu", round,
			(size_t)mh.msg_controllen);
		cm = CMSG_FIRSTHDR(&mh);
		REQUIRE(cm && cm->cmsg_level == IPPROTO_IP &&
			cm->cmsg_type == IP_TTL &&
			cm->cmsg_len == CMSG_LEN(sizeof(int)), "first cmsg");
		memcpy(&ttl, CMSG_DATA(cm), sizeof ttl);
		cm = CMSG_NXTHDR(&mh, cm);
		REQUIRE(cm && cm->cmsg_level == IPPROTO_IP &&
			cm->cmsg_type == IP_TOS && cm->cmsg_len == CMSG_LEN(1),
			"second cmsg");
		tos = *CMSG_DATA(cm);
		REQUIRE(ttl == want_ttl && tos == want_tos, "round %d: ttl %d "
			"tos %#x, want %d %#x", round, ttl, tos, want_ttl,
			want_tos);
		REQUIRE(CMSG_NXTHDR(&mh, cm) == NULL, "a third cmsg");
	}
}

/*
 * IP_RECVERR (ip(7)): the ICMP port unreachable that lo returns for a
 * datagram to a closed port is queued with the original datagram, a
 * sock_extended_err and the offender's address.
 */
static void recverr_icmp(void)
{
	union { char buf[256]; struct cmsghdr align; } ctl;
	struct sock_extended_err ee;
	struct sockaddr_in to, name, off;
	struct cmsghdr *cm;
	struct msghdr mh;
	struct iovec iov;
	char buf[64];
	int u, port, v, r;

	if ((u = udp_socket()) < 0 || (port = closed_port()) < 0)
		return;
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_RECVERR, &v) == 0 && v == 0,
		"IP_RECVERR default %d", v);
	REQUIRE_ERR(recv(u, buf, sizeof buf, MSG_ERRQUEUE), EAGAIN);
	REQUIRE_OK(setopt_int(u, IPPROTO_IP, IP_RECVERR, 1));
	to = lo_addr(port);
	REQUIRE(sendto(u, "probe", 5, 0, SA(&to), sizeof to) == 5, "sendto");
	r = poll_one(u, POLLIN | POLLOUT, 5000);
	REQUIRE(r == (POLLOUT | POLLERR), "revents %#x, want OUT|ERR", r);
	memset(&mh, 0, sizeof mh);
	memset(&name, 0xaa, sizeof name);
	iov = (struct iovec){ buf, sizeof buf };
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_name = &name;
	mh.msg_namelen = sizeof name;
	mh.msg_control = ctl.buf;
	mh.msg_controllen = sizeof ctl.buf;
	REQUIRE(recvmsg(u, &mh, MSG_ERRQUEUE) == 5 && !memcmp(buf, "probe", 5),
		"the original datagram: %s", errname(errno));
	REQUIRE(mh.msg_flags == MSG_ERRQUEUE, "msg_flags %#x", mh.msg_flags);
	REQUIRE(mh.msg_namelen == sizeof name && is_lo(&name, port),
		"msg_name is not the destination");
	REQUIRE(mh.msg_controllen == CMSG_SPACE(sizeof ee + sizeof off),
		"controllen %zu", (size_t)mh.msg_controllen);
	cm = CMSG_FIRSTHDR(&mh);
	REQUIRE(cm && cm->cmsg_level == IPPROTO_IP &&
		cm->cmsg_type == IP_RECVERR &&
		cm->cmsg_len == CMSG_LEN(sizeof ee + sizeof off), "cmsg");
	memcpy(&ee, CMSG_DATA(cm), sizeof ee);
	memcpy(&off, CMSG_DATA(cm) + sizeof ee, sizeof off);
	REQUIRE(ee.ee_errno == ECONNREFUSED &&
		ee.ee_origin == SO_EE_ORIGIN_ICMP && ee.ee_type == 3 &&
		ee.ee_code == 3 && ee.ee_pad == 0 && ee.ee_info == 0 &&
		ee.ee_data == 0, "ee errno %u origin %u type %u code %u info "
		"%u data %u", ee.ee_errno, ee.ee_origin, ee.ee_type,
		ee.ee_code, ee.ee_info, ee.ee_data);
	REQUIRE(off.sin_family == AF_INET && off.sin_addr.s_addr == LOOPBACK &&
		off.sin_port == 0, "offender %s:%d", inet_ntoa(off.sin_addr),
		ntohs(off.sin_port));
	REQUIRE_ERR(recv(u, buf, sizeof buf, MSG_ERRQUEUE), EAGAIN);
	REQUIRE(getopt_int(u, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0,
		"SO_ERROR %s", errname(v));
	REQUIRE(poll_one(u, POLLIN, 0) == 0, "error still reported");
}

/* A connected socket learns of the unreachable port without IP_RECVERR;
 * an unconnected one is not told. */
static void connected_refused(void)
{
	struct sockaddr_in to, from;
	char buf[8];
	int u, a, port, v;

	if ((u = udp_socket()) < 0 || (a = udp_socket()) < 0 ||
	    (port = closed_port()) < 0)
		return;
	to = lo_addr(port);
	REQUIRE(sendto(u, "x", 1, 0, SA(&to), sizeof to) == 1, "sendto");
	/* The ICMP error went back before this datagram arrives. */
	from = lo_addr(port_of(a));
	REQUIRE(sendto(u, "y", 1, 0, SA(&from), sizeof from) == 1, "sendto");
	REQUIRE(recv_wait(a, buf, sizeof buf, &from) == 1, "marker");
	REQUIRE(poll_one(u, POLLIN, 0) == 0, "unconnected socket has an "
		"error");
	REQUIRE_ERR(recv(u, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	REQUIRE_OK(connect(u, SA(&to), sizeof to));
	REQUIRE(send(u, "x", 1, 0) == 1, "send");
	REQUIRE(poll_one(u, POLLIN, 5000) == POLLERR, "no POLLERR");
	REQUIRE_ERR(recv(u, buf, sizeof buf, 0), ECONNREFUSED);
	REQUIRE_ERR(recv(u, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	/* The error is reported once, by whichever call comes first. */
	REQUIRE(send(u, "x", 1, 0) == 1, "send");
	REQUIRE(poll_one(u, POLLIN, 5000) == POLLERR, "no POLLERR");
	REQUIRE_ERR(send(u, "x", 1, 0), ECONNREFUSED);
	REQUIRE(send(u, "x", 1, 0) == 1, "send");
	REQUIRE(poll_one(u, POLLIN, 5000) == POLLERR, "no POLLERR");
	REQUIRE(getopt_int(u, SOL_SOCKET, SO_ERROR, &v) == 0 &&
		v == ECONNREFUSED, "SO_ERROR %s", errname(v));
	REQUIRE(getopt_int(u, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0,
		"SO_ERROR %s", errname(v));
}

static void msg_confirm(void)
{
	struct sockaddr_in to, from;
	char buf[8];
	int a, u;

	if ((a = udp_socket()) < 0 || (u = udp_socket()) < 0)
		return;
	to = lo_addr(port_of(a));
	REQUIRE(sendto(u, "c1", 2, MSG_CONFIRM, SA(&to), sizeof to) == 2,
		"sendto(MSG_CONFIRM): %s", errname(errno));
	REQUIRE(recv_wait(a, buf, sizeof buf, &from) == 2, "recv");
	REQUIRE_OK(connect(u, SA(&to), sizeof to));
	REQUIRE(send(u, "c2", 2, MSG_CONFIRM | MSG_DONTWAIT) == 2,
		"send(MSG_CONFIRM): %s", errname(errno));
	REQUIRE(recv_wait(a, buf, sizeof buf, &from) == 2, "recv");
}

static void recvmmsg_timeout(void)
{
	char in[4][8];
	struct iovec iov[4];
	struct mmsghdr m[4];
	struct sockaddr_in to, names[4];
	struct timespec ts = { 5, 0 };
	int a, u, i;

	if ((a = udp_socket()) < 0 || (u = udp_socket()) < 0)
		return;
	to = lo_addr(port_of(a));
	for (i = 0; i < 3; i++) {
		char d[3] = { 'd', (char)('0' + i), 0 };
		REQUIRE(sendto(u, d, 2 + i % 2, 0, SA(&to), sizeof to) ==
			2 + i % 2, "sendto");
	}
	REQUIRE(poll_one(a, POLLIN, 5000) == POLLIN, "nothing arrived");
	memset(m, 0, sizeof m);
	for (i = 0; i < 4; i++) {
		iov[i] = (struct iovec){ in[i], sizeof in[i] };
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
		m[i].msg_hdr.msg_name = &names[i];
		m[i].msg_hdr.msg_namelen = sizeof names[i];
	}
	REQUIRE(recvmmsg(a, m, 2, 0, &ts) == 2, "recvmmsg: %s",
		errname(errno));
	for (i = 0; i < 2; i++)
		REQUIRE(m[i].msg_len == (unsigned)(2 + i % 2) &&
			in[i][1] == '0' + i && is_lo(&names[i], port_of(u)),
			"datagram %d: len %u", i, m[i].msg_len);
	/* The time left is written back. */
	REQUIRE(ts.tv_sec >= 0 && ts.tv_sec <= 5 && ts.tv_nsec >= 0 &&
		ts.tv_nsec < 1000000000L && (ts.tv_sec > 0 || ts.tv_nsec > 0) &&
		(ts.tv_sec < 5 || ts.tv_nsec == 0), "time left %lld.%09ld",
		(long long)ts.tv_sec, ts.tv_nsec);
	REQUIRE(ts.tv_sec < 5, "no time passed");
	/* MSG_WAITFORONE: what is there after the first. */
	REQUIRE(recvmmsg(a, m, 4, MSG_WAITFORONE, &ts) == 1, "WAITFORONE");
	REQUIRE(m[0].msg_len == 2 && in[0][1] == '2', "third datagram");
	REQUIRE_ERR(recvmmsg(a, m, 4, MSG_DONTWAIT, &ts), EAGAIN);
	ts.tv_nsec = 1000000000L;
	REQUIRE_ERR(recvmmsg(a, m, 4, MSG_DONTWAIT, &ts), EINVAL);
	REQUIRE_ERR(syscall(SYS_recvmmsg, a, m, 4, MSG_DONTWAIT, BADPTR),
		    EFAULT);
}

static void timestamp(void)
{
	union { char buf[256]; struct cmsghdr align; } ctl;
	struct sockaddr_in to;
	struct cmsghdr *cm;
	struct msghdr mh;
	struct timeval tv;
	long long t0, t1, t;
	char buf[8];
	int a, u;

	if ((a = udp_socket()) < 0 || (u = udp_socket()) < 0)
		return;
	REQUIRE_OK(setopt_int(a, SOL_SOCKET, SO_TIMESTAMP, 1));
	to = lo_addr(port_of(a));
	t0 = now_ns(CLOCK_REALTIME) / 1000;
	REQUIRE(sendto(u, "ts", 2, 0, SA(&to), sizeof to) == 2, "sendto");
	REQUIRE(recv_cmsg(a, buf, sizeof buf, ctl.buf, sizeof ctl.buf, &mh,
			  NULL) == 2, "recvmsg: %s", errname(errno));
	t1 = now_ns(CLOCK_REALTIME) / 1000;
	REQUIRE(mh.msg_controllen == CMSG_SPACE(sizeof tv), "controllen %zu",
		(size_t)mh.msg_controllen);
	cm = CMSG_FIRSTHDR(&mh);
	REQUIRE(cm && cm->cmsg_level == SOL_SOCKET &&
		cm->cmsg_type == SCM_TIMESTAMP &&
		cm->cmsg_len == CMSG_LEN(sizeof tv), "cmsg");
	memcpy(&tv, CMSG_DATA(cm), sizeof tv);
	t = tv.tv_sec * 1000000LL + tv.tv_usec;
	REQUIRE(tv.tv_usec >= 0 && tv.tv_usec < 1000000 && t >= t0 - 1000 &&
		t <= t1 + 1000, "stamp %lld outside %lld..%lld", t, t0, t1);
}

static void multicast_options(void)
{
	struct ip_mreq mr;
	struct ip_mreqn mrn;
	struct in_addr ia;
	socklen_t len;
	unsigned char c;
	int u, t, v;

	if (lo_up() < 0)
		return;
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0, "socket");
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_MULTICAST_TTL, &v) == 0 && v == 1,
		"IP_MULTICAST_TTL default %d", v);
	REQUIRE_OK(setopt_int(u, IPPROTO_IP, IP_MULTICAST_TTL, 5));
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_MULTICAST_TTL, &v) == 0 && v == 5,
		"IP_MULTICAST_TTL %d", v);
	REQUIRE_ERR(setopt_int(u, IPPROTO_IP, IP_MULTICAST_TTL, 256), EINVAL);
	REQUIRE_ERR(setopt_int(u, IPPROTO_IP, IP_MULTICAST_TTL, -2), EINVAL);
	/* -1: back to the default. */
	REQUIRE_OK(setopt_int(u, IPPROTO_IP, IP_MULTICAST_TTL, -1));
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_MULTICAST_TTL, &v) == 0 && v == 1,
		"IP_MULTICAST_TTL after -1: %d", v);
	/* One byte is enough. */
	c = 9;
	REQUIRE_OK(setsockopt(u, IPPROTO_IP, IP_MULTICAST_TTL, &c, 1));
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_MULTICAST_TTL, &v) == 0 && v == 9,
		"IP_MULTICAST_TTL from a byte: %d", v);
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_MULTICAST_LOOP, &v) == 0 &&
		v == 1, "IP_MULTICAST_LOOP default %d", v);
	REQUIRE_OK(setopt_int(u, IPPROTO_IP, IP_MULTICAST_LOOP, 0));
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_MULTICAST_LOOP, &v) == 0 &&
		v == 0, "IP_MULTICAST_LOOP %d", v);
	REQUIRE_OK(setopt_int(u, IPPROTO_IP, IP_MULTICAST_LOOP, 7));
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_MULTICAST_LOOP, &v) == 0 &&
		v == 1, "IP_MULTICAST_LOOP 7 gives %d", v);
	/* IP_MULTICAST_IF: an address (or an ip_mreqn); reads back the
	 * address. */
	len = sizeof ia;
	ia.s_addr = 0xdeadbeef;
	REQUIRE_OK(getsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &ia, &len));
	REQUIRE(len == sizeof ia && ia.s_addr == 0, "IP_MULTICAST_IF default "
		"%s", inet_ntoa(ia));
	ia.s_addr = LOOPBACK;
	REQUIRE_OK(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &ia, sizeof ia));
	len = sizeof ia;
	ia.s_addr = 0;
	REQUIRE_OK(getsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &ia, &len));
	REQUIRE(ia.s_addr == LOOPBACK, "IP_MULTICAST_IF %s", inet_ntoa(ia));
	ia.s_addr = inet_addr("10.9.9.9");
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &ia, sizeof ia),
		    EADDRNOTAVAIL);
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &ia, 2), EINVAL);
	memset(&mrn, 0, sizeof mrn);
	mrn.imr_ifindex = 1;
	REQUIRE_OK(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &mrn,
			      sizeof mrn));
	mrn.imr_ifindex = 999;
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &mrn,
			       sizeof mrn), EADDRNOTAVAIL);

	/* Membership. */
	mr.imr_multiaddr.s_addr = inet_addr("239.1.2.3");
	mr.imr_interface.s_addr = LOOPBACK;
	REQUIRE_OK(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
			      sizeof mr));
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
			       sizeof mr), EADDRINUSE);
	REQUIRE_OK(setsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr,
			      sizeof mr));
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr,
			       sizeof mr), EADDRNOTAVAIL);
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
			       sizeof mr - 1), EINVAL);
	mr.imr_multiaddr.s_addr = inet_addr("10.1.1.1");
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
			       sizeof mr), EINVAL);
	mr.imr_multiaddr.s_addr = inet_addr("239.1.2.3");
	mr.imr_interface.s_addr = inet_addr("10.9.9.9");
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
			       sizeof mr), ENODEV);
	memset(&mrn, 0, sizeof mrn);
	mrn.imr_multiaddr.s_addr = inet_addr("239.1.2.4");
	mrn.imr_ifindex = 1;
	REQUIRE_OK(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mrn,
			      sizeof mrn));
	mrn.imr_ifindex = 999;
	REQUIRE_ERR(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mrn,
			       sizeof mrn), ENODEV);
	/* Not for TCP. */
	t = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(t >= 0, "socket");
	REQUIRE_ERR(setopt_int(t, IPPROTO_IP, IP_MULTICAST_TTL, 2), EINVAL);
	mr.imr_interface.s_addr = LOOPBACK;
	REQUIRE_ERR(setsockopt(t, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
			       sizeof mr), EPROTO);
}

/* A group joined on lo gets what a member sends there. */
static void multicast_lo(void)
{
	union { char buf[256]; struct cmsghdr align; } ctl;
	struct ip_mreq mr;
	struct sockaddr_in grp, from, to;
	struct in_addr ia = { LOOPBACK };
	struct cmsghdr *cm;
	struct msghdr mh;
	char buf[8];
	int r, u, port, ttl;

	if ((r = udp_any()) < 0)
		return;
	u = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(u >= 0, "socket");
	port = port_of(r);
	grp = addr_of("239.1.2.3", port);
	to = lo_addr(port);
	/* No route to the group until the socket names an interface (or
	 * binds an address of one). */
	REQUIRE_ERR(sendto(u, "m0", 2, 0, SA(&grp), sizeof grp), ENETUNREACH);
	REQUIRE_OK(setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &ia, sizeof ia));
	mr.imr_multiaddr = grp.sin_addr;
	mr.imr_interface.s_addr = LOOPBACK;
	REQUIRE_OK(setsockopt(r, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr,
			      sizeof mr));
	REQUIRE_OK(setopt_int(r, IPPROTO_IP, IP_RECVTTL, 1));
	REQUIRE(sendto(u, "m1", 2, 0, SA(&grp), sizeof grp) == 2,
		"sendto the group: %s", errname(errno));
	REQUIRE(recv_cmsg(r, buf, sizeof buf, ctl.buf, sizeof ctl.buf, &mh,
			  &from) == 2 && !memcmp(buf, "m1", 2),
		"group datagram: %s", errname(errno));
	REQUIRE(is_lo(&from, port_of(u)), "source %s:%d",
		inet_ntoa(from.sin_addr), ntohs(from.sin_port));
	/* Sent with the multicast TTL (1), not IP_TTL. */
	cm = CMSG_FIRSTHDR(&mh);
	REQUIRE(cm && cm->cmsg_type == IP_TTL, "no IP_TTL cmsg");
	memcpy(&ttl, CMSG_DATA(cm), sizeof ttl);
	REQUIRE(ttl == 1, "multicast TTL %d, want 1", ttl);
	/* Exactly one copy: the next datagram is the unicast marker. */
	REQUIRE(sendto(u, "u1", 2, 0, SA(&to), sizeof to) == 2, "sendto");
	REQUIRE(recv_wait(r, buf, sizeof buf, &from) == 2 &&
		!memcmp(buf, "u1", 2) && is_lo(&from, port_of(u)),
		"a second copy of the group datagram");
	/* After leaving the group nothing more arrives. */
	REQUIRE_OK(setsockopt(r, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr,
			      sizeof mr));
	REQUIRE(sendto(u, "m2", 2, 0, SA(&grp), sizeof grp) == 2, "sendto");
	REQUIRE(sendto(u, "u2", 2, 0, SA(&to), sizeof to) == 2, "sendto");
	REQUIRE(recv_wait(r, buf, sizeof buf, &from) == 2 &&
		!memcmp(buf, "u2", 2), "group datagram after leaving");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(connect_disconnect),
		CHECK(source_addresses),
		CHECK(boundaries),
		CHECK(trunc_peek),
		CHECK(max_datagram),
		CHECK(zero_length),
		CHECK(udp_errors),
		CHECK(shutdown_connected),
		CHECK(broadcast),
		CHECK(pktinfo),
		CHECK(ttl_tos),
		CHECK(recverr_icmp),
		CHECK(connected_refused),
		CHECK(msg_confirm),
		CHECK(recvmmsg_timeout),
		CHECK(timestamp),
		CHECK(multicast_options),
		CHECK(multicast_lo),
	};

	return run_checks("udp", checks, NCHECKS(checks));
}
