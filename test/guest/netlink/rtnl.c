/*
 * rtnl.c - NETLINK_ROUTE sockets (netlink(7), rtnetlink(7)): creation,
 * port ids, groups, requests and their answers (dumps, single gets,
 * acks, errors carrying the request), malformed requests, MSG_PEEK |
 * MSG_TRUNC, notifications from netlink and from SIOC* ioctls, and
 * musl's getifaddrs/if_nameindex over it.
 *
 * The guest has lo (ifindex 1) and eth0 (ifindex 2, 52:54:00:12:34:56)
 * on QEMU's restricted user network; checks that need an address put
 * 10.0.2.15/24 on eth0 themselves.
 */
#include "../check.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#define BUFSZ 32768

/* A helper that failed has recorded why; the check stops. */
#define TRY(x) do { if ((x) < 0) return; } while (0)

static int nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0)
		check_fail("socket: %s", strerror(errno));
	return fd;
}

struct req {
	struct nlmsghdr h;
	union {
		struct ifinfomsg ifi;
		struct ifaddrmsg ifa;
		struct rtmsg rt;
		unsigned char raw[16];
	};
	unsigned char attrs[256];
};

static void req_init(struct req *r, int type, int flags, size_t hdrlen, unsigned seq)
{
	memset(r, 0, sizeof(*r));
	r->h.nlmsg_len = NLMSG_LENGTH(hdrlen);
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = NLM_F_REQUEST | flags;
	r->h.nlmsg_seq = seq;
}

static void add_attr(struct req *r, int type, const void *data, size_t len)
{
	struct rtattr *a = (struct rtattr *)((char *)r + NLMSG_ALIGN(r->h.nlmsg_len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(a), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
}

static int send_req(int fd, struct req *r)
{
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };

	if (sendto(fd, r, r->h.nlmsg_len, 0, (struct sockaddr *)&k, sizeof(k)) !=
	    (ssize_t)r->h.nlmsg_len) {
		check_fail("sendto: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* One datagram, waiting at most ms; its length, 0 on timeout, -1 error. */
static ssize_t recv_wait(int fd, void *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return 0;
	n = recv(fd, buf, len, MSG_DONTWAIT);
	if (n < 0)
		check_fail("recv: %s", strerror(errno));
	return n;
}

/* The errno of the NLMSG_ERROR answering seq (1: none came). */
static int wait_ack(int fd, unsigned seq)
{
	static char buf[BUFSZ];

	for (int i = 0; i < 20; i++) {
		ssize_t n = recv_wait(fd, buf, sizeof(buf), 2000);

		if (n <= 0)
			return 1;
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == NLMSG_ERROR && h->nlmsg_seq == seq)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	}
	return 1;
}

static struct rtattr *find_attr(struct rtattr *a, int len, int type)
{
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == type)
			return a;
	return NULL;
}

/* eth0: 10.0.2.15/24 (if not there) and up, through netlink. */
static int eth0_setup(int fd)
{
	struct req r;
	uint32_t a = inet_addr("10.0.2.15");
	int err = 0;

	req_init(&r, RTM_NEWLINK, NLM_F_ACK, sizeof(r.ifi), 900);
	r.ifi.ifi_index = 2;
	r.ifi.ifi_flags = IFF_UP;
	r.ifi.ifi_change = IFF_UP;
	if (send_req(fd, &r) || (err = wait_ack(fd, 900)) != 0)
		return check_fail("link up: %d", err), -1;
	req_init(&r, RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE, sizeof(r.ifa), 901);
	r.ifa.ifa_family = AF_INET;
	r.ifa.ifa_prefixlen = 24;
	r.ifa.ifa_index = 2;
	add_attr(&r, IFA_LOCAL, &a, 4);
	add_attr(&r, IFA_ADDRESS, &a, 4);
	if (send_req(fd, &r) || (err = wait_ack(fd, 901)) != 0)
		return check_fail("addr add: %d", err), -1;
	return 0;
}

/* ---- the socket ---- */

static void create_types(void)
{
	int fd;

	fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
	REQUIRE(fd >= 0, "SOCK_DGRAM: %s", strerror(errno));
	close(fd);
	REQUIRE_ERR(socket(AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE), ESOCKTNOSUPPORT);
	REQUIRE_ERR(socket(AF_NETLINK, SOCK_RAW, 32), EPROTONOSUPPORT);
	REQUIRE_ERR(socket(AF_NETLINK, SOCK_RAW, -1), EPROTONOSUPPORT);
	fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT);
	REQUIRE(fd >= 0, "uevent: %s", strerror(errno));
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	REQUIRE(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0, "uevent bind: %s",
		strerror(errno));
	close(fd);
}

static void portids(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK }, got;
	socklen_t len = sizeof(got);
	int a = nl_open(), b = nl_open(), c = nl_open();

	REQUIRE(a >= 0 && b >= 0 && c >= 0, "sockets");
	REQUIRE(getsockname(a, (struct sockaddr *)&got, &len) == 0 && len == sizeof(got),
		"getsockname unbound: len %u", (unsigned)len);
	REQUIRE(got.nl_family == AF_NETLINK && got.nl_pid == 0, "unbound pid %u", got.nl_pid);
	REQUIRE(bind(a, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind a: %s", strerror(errno));
	len = sizeof(got);
	getsockname(a, (struct sockaddr *)&got, &len);
	REQUIRE(got.nl_pid == (uint32_t)getpid(), "autobind %u, pid %d", got.nl_pid, getpid());
	REQUIRE(bind(b, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind b: %s", strerror(errno));
	len = sizeof(got);
	getsockname(b, (struct sockaddr *)&got, &len);
	REQUIRE((int32_t)got.nl_pid < 0, "second autobind %d, want negative", (int)got.nl_pid);
	sa.nl_pid = getpid();
	errno = 0;
	REQUIRE(bind(c, (struct sockaddr *)&sa, sizeof(sa)) < 0 && errno == EADDRINUSE,
		"taken pid: errno %d", errno);
	errno = 0;
	REQUIRE(bind(c, (struct sockaddr *)&sa, 8) < 0 && errno == EINVAL, "short: errno %d",
		errno);
	sa.nl_pid = 12345;
	REQUIRE(bind(c, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind 12345: %s",
		strerror(errno));
	sa.nl_pid = 12346;
	errno = 0;
	REQUIRE(bind(c, (struct sockaddr *)&sa, sizeof(sa)) < 0 && errno == EINVAL,
		"rebind elsewhere: errno %d", errno);
	sa.nl_pid = 12345;
	sa.nl_groups = RTMGRP_LINK;
	REQUIRE(bind(c, (struct sockaddr *)&sa, sizeof(sa)) == 0, "rebind same: %s",
		strerror(errno));
	len = sizeof(got);
	getsockname(c, (struct sockaddr *)&got, &len);
	REQUIRE(got.nl_pid == 12345 && got.nl_groups == RTMGRP_LINK, "c: pid %u groups %x",
		got.nl_pid, got.nl_groups);
}

static void sockopts(void)
{
	int fd = nl_open(), one = 1, v = 0;
	socklen_t len = sizeof(v);

	REQUIRE(fd >= 0, "socket");
	REQUIRE(setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) == 0, "ext_ack");
	REQUIRE(setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one)) == 0,
		"strict");
	REQUIRE(getsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &v, &len) == 0 && v == 1 &&
		len == sizeof(v), "get ext_ack %d", v);
	v = 0;
	errno = 0;
	REQUIRE(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &v, sizeof(v)) < 0 &&
		errno == EINVAL, "group 0: errno %d", errno);
	v = 100000;
	errno = 0;
	REQUIRE(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &v, sizeof(v)) < 0 &&
		errno == EINVAL, "group 100000: errno %d", errno);
	v = RTNLGRP_IPV4_ROUTE;
	REQUIRE(setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &v, sizeof(v)) == 0,
		"add: %s", strerror(errno));
	struct sockaddr_nl got;
	len = sizeof(got);
	getsockname(fd, (struct sockaddr *)&got, &len);
	/* Joining a group does not bind. */
	REQUIRE(got.nl_groups == RTMGRP_IPV4_ROUTE && got.nl_pid == 0, "groups %x pid %u",
		got.nl_groups, got.nl_pid);
	REQUIRE(setsockopt(fd, SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, &v, sizeof(v)) == 0, "drop");
	v = 1 << 20;
	REQUIRE(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)) == 0, "SO_RCVBUF");
}

/* ---- requests ---- */

/* A link dump: every message NEWLINK with MULTI, our seq and port, then DONE. */
static void getlink_dump(void)
{
	static char buf[BUFSZ];
	struct req r;
	int fd = nl_open(), links = 0, done = 0, lo = 0, eth0 = 0;
	struct sockaddr_nl from;
	socklen_t flen;

	REQUIRE(fd >= 0, "socket");
	req_init(&r, RTM_GETLINK, NLM_F_DUMP, sizeof(struct rtgenmsg), 42);
	TRY(send_req(fd, &r));
	struct sockaddr_nl me;
	socklen_t len = sizeof(me);
	getsockname(fd, (struct sockaddr *)&me, &len);
	REQUIRE(me.nl_pid == (uint32_t)getpid(), "send autobound %u", me.nl_pid);
	while (!done) {
		flen = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);

		REQUIRE(n > 0, "recv: %s", strerror(errno));
		REQUIRE(flen == sizeof(from) && from.nl_pid == 0 && from.nl_groups == 0,
			"from pid %u groups %u", from.nl_pid, from.nl_groups);
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			REQUIRE(h->nlmsg_seq == 42 && h->nlmsg_pid == me.nl_pid, "seq %u pid %u",
				h->nlmsg_seq, h->nlmsg_pid);
			REQUIRE(h->nlmsg_flags & NLM_F_MULTI, "flags %#x", h->nlmsg_flags);
			if (h->nlmsg_type == NLMSG_DONE) {
				REQUIRE(h->nlmsg_len == NLMSG_LENGTH(sizeof(int)), "done len %u",
					h->nlmsg_len);
				done = 1;
				break;
			}
			REQUIRE(h->nlmsg_type == RTM_NEWLINK, "type %u", h->nlmsg_type);
			struct ifinfomsg *ifi = NLMSG_DATA(h);
			struct rtattr *name = find_attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_IFNAME);
			struct rtattr *st = find_attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_STATS64);
			struct rtattr *mtu = find_attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_MTU);

			REQUIRE(name && st && mtu, "attributes missing");
			REQUIRE(RTA_PAYLOAD(st) >= (int)sizeof(struct rtnl_link_stats64), "stats64 %d",
				(int)RTA_PAYLOAD(st));
			links++;
			if (!strcmp(RTA_DATA(name), "lo") && ifi->ifi_index == 1 &&
			    ifi->ifi_type == ARPHRD_LOOPBACK && (ifi->ifi_flags & IFF_LOOPBACK) &&
			    *(uint32_t *)RTA_DATA(mtu) == 65536)
				lo = 1;
			if (!strcmp(RTA_DATA(name), "eth0") && ifi->ifi_index == 2 &&
			    ifi->ifi_type == ARPHRD_ETHER) {
				struct rtattr *a = find_attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h),
							     IFLA_ADDRESS);

				REQUIRE(a && RTA_PAYLOAD(a) == 6 &&
					!memcmp(RTA_DATA(a), "\x52\x54\x00\x12\x34\x56", 6), "eth0 mac");
				eth0 = 1;
			}
		}
	}
	REQUIRE(links == 2 && lo && eth0, "links %d lo %d eth0 %d", links, lo, eth0);
}

/* RTM_GETLINK for one link, by index and by name; the reply is not MULTI. */
static void getlink_single(void)
{
	static char buf[BUFSZ];
	struct req r;
	int fd = nl_open();
	ssize_t n;

	REQUIRE(fd >= 0, "socket");
	req_init(&r, RTM_GETLINK, 0, sizeof(r.ifi), 7);
	add_attr(&r, IFLA_IFNAME, "eth0", 5);
	TRY(send_req(fd, &r));
	n = recv_wait(fd, buf, sizeof(buf), 2000);
	struct nlmsghdr *h = (void *)buf;
	REQUIRE(n > 0 && NLMSG_OK(h, n) && h->nlmsg_type == RTM_NEWLINK, "no reply");
	REQUIRE(!(h->nlmsg_flags & NLM_F_MULTI) && h->nlmsg_seq == 7, "flags %#x seq %u",
		h->nlmsg_flags, h->nlmsg_seq);
	REQUIRE(((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index == 2, "eth0 index");
	REQUIRE(NLMSG_ALIGN(h->nlmsg_len) >= (size_t)n, "more than one message: %zd", n);

	req_init(&r, RTM_GETLINK, 0, sizeof(r.ifi), 8);
	r.ifi.ifi_index = 1;
	TRY(send_req(fd, &r));
	n = recv_wait(fd, buf, sizeof(buf), 2000);
	REQUIRE(n > 0 && h->nlmsg_type == RTM_NEWLINK, "no reply for index 1");
	struct rtattr *name = find_attr(IFLA_RTA((struct ifinfomsg *)NLMSG_DATA(h)),
					IFLA_PAYLOAD(h), IFLA_IFNAME);
	REQUIRE(name && !strcmp(RTA_DATA(name), "lo"), "index 1 is not lo");
}

/* Errors: NLMSG_ERROR with -errno and the whole request after it. */
static void errors_carry_request(void)
{
	static char buf[BUFSZ];
	struct req r;
	int fd = nl_open();
	ssize_t n;

	REQUIRE(fd >= 0, "socket");
	req_init(&r, RTM_GETLINK, 0, sizeof(r.ifi), 77);
	r.ifi.ifi_index = 9999;
	TRY(send_req(fd, &r));
	n = recv_wait(fd, buf, sizeof(buf), 2000);
	struct nlmsghdr *h = (void *)buf;
	REQUIRE(n > 0 && h->nlmsg_type == NLMSG_ERROR, "no error reply");
	struct nlmsgerr *e = NLMSG_DATA(h);
	REQUIRE(e->error == -ENODEV, "error %d", e->error);
	REQUIRE(h->nlmsg_len == NLMSG_LENGTH(sizeof(int) + r.h.nlmsg_len), "len %u, request %u",
		h->nlmsg_len, r.h.nlmsg_len);
	REQUIRE(!memcmp(&e->msg, &r, r.h.nlmsg_len), "request not echoed");
	REQUIRE(h->nlmsg_seq == 77 && h->nlmsg_flags == 0, "seq %u flags %#x", h->nlmsg_seq,
		h->nlmsg_flags);

	/* A type past RTM_MAX. */
	req_init(&r, 200, 0, sizeof(r.ifi), 78);
	TRY(send_req(fd, &r));
	int err = wait_ack(fd, 78);
	REQUIRE(err == -EOPNOTSUPP, "type 200: %d", err);
	/* No dump for RTM_GETLINK's neighbour: RTM_DELLINK has none. */
	req_init(&r, RTM_NEWADDR, 0, sizeof(r.ifa), 79);
	r.ifa.ifa_family = AF_INET;
	r.ifa.ifa_index = 2;
	r.ifa.ifa_prefixlen = 24;
	TRY(send_req(fd, &r));
	REQUIRE(wait_ack(fd, 79) == -EINVAL, "NEWADDR without IFA_LOCAL");
	req_init(&r, RTM_NEWADDR, 0, sizeof(r.ifa), 80);
	r.ifa.ifa_family = AF_INET;
	r.ifa.ifa_index = 777;
	uint32_t a = inet_addr("10.0.2.44");
	add_attr(&r, IFA_LOCAL, &a, 4);
	TRY(send_req(fd, &r));
	REQUIRE(wait_ack(fd, 80) == -ENODEV, "NEWADDR on no device");
}

/* Acks: 0 and only the request's header, NLM_F_CAPPED. */
static void acks(void)
{
	static char buf[BUFSZ];
	struct req r;
	int fd = nl_open();
	ssize_t n;

	REQUIRE(fd >= 0, "socket");
	req_init(&r, NLMSG_NOOP, NLM_F_ACK, 4, 5);
	TRY(send_req(fd, &r));
	n = recv_wait(fd, buf, sizeof(buf), 2000);
	struct nlmsghdr *h = (void *)buf;
	REQUIRE(n == NLMSG_LENGTH(sizeof(struct nlmsgerr)) && h->nlmsg_type == NLMSG_ERROR,
		"ack of %zd bytes", n);
	struct nlmsgerr *e = NLMSG_DATA(h);
	REQUIRE(e->error == 0 && !memcmp(&e->msg, &r.h, sizeof(r.h)), "error %d", e->error);
	REQUIRE(h->nlmsg_flags == NLM_F_CAPPED, "flags %#x", h->nlmsg_flags);

	/* Without NLM_F_REQUEST a message is not handled: only the ack. */
	req_init(&r, RTM_GETLINK, NLM_F_ACK | NLM_F_DUMP, sizeof(r.ifi), 6);
	r.h.nlmsg_flags &= ~NLM_F_REQUEST;
	TRY(send_req(fd, &r));
	REQUIRE(wait_ack(fd, 6) == 0, "ack for a non-request");
	REQUIRE(recv_wait(fd, buf, sizeof(buf), 200) == 0, "more than the ack");

	/* Two requests in one datagram: both answered, in order. */
	struct { struct req a; } two;
	char pair[2 * NLMSG_LENGTH(4)];
	struct nlmsghdr *p1 = (void *)pair, *p2 = (void *)(pair + NLMSG_LENGTH(4));
	memset(pair, 0, sizeof(pair));
	(void)two;
	p1->nlmsg_len = p2->nlmsg_len = NLMSG_LENGTH(4);
	p1->nlmsg_type = p2->nlmsg_type = NLMSG_NOOP;
	p1->nlmsg_flags = p2->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	p1->nlmsg_seq = 10;
	p2->nlmsg_seq = 11;
	REQUIRE(send(fd, pair, sizeof(pair), 0) == (ssize_t)sizeof(pair), "send pair");
	REQUIRE(wait_ack(fd, 10) == 0 && wait_ack(fd, 11) == 0, "pair acks");
}

/* Malformed input: never a crash, Linux's answers. */
static void malformed(void)
{
	static char buf[BUFSZ];
	struct req r;
	int fd = nl_open();
	ssize_t n;

	REQUIRE(fd >= 0, "socket");
	/* Shorter than a header: ignored, the send succeeds. */
	memset(buf, 0xff, 8);
	REQUIRE(send(fd, buf, 8, 0) == 8, "short send");
	/* nlmsg_len past the datagram: ignored. */
	req_init(&r, RTM_GETLINK, NLM_F_DUMP | NLM_F_ACK, sizeof(r.ifi), 3);
	r.h.nlmsg_len = 4000;
	REQUIRE(send(fd, &r, 64, 0) == 64, "long len send");
	/* nlmsg_len below a header: ignored. */
	r.h.nlmsg_len = 4;
	REQUIRE(send(fd, &r, 64, 0) == 64, "tiny len send");
	REQUIRE(recv_wait(fd, buf, sizeof(buf), 300) == 0, "an answer to garbage");
	/* A request with no family byte: nothing to do, acked. */
	req_init(&r, RTM_GETLINK, NLM_F_ACK, 0, 4);
	TRY(send_req(fd, &r));
	REQUIRE(wait_ack(fd, 4) == 0, "empty GETLINK");
	/* An attribute running past the message: the walk stops there. */
	req_init(&r, RTM_GETLINK, 0, sizeof(r.ifi), 12);
	r.ifi.ifi_index = 1;
	add_attr(&r, IFLA_IFNAME, "lo", 3);
	((struct rtattr *)r.attrs)->rta_len = 200;
	TRY(send_req(fd, &r));
	n = recv_wait(fd, buf, sizeof(buf), 2000);
	REQUIRE(n > 0 && ((struct nlmsghdr *)buf)->nlmsg_type == RTM_NEWLINK,
		"truncated attribute: type %u", ((struct nlmsghdr *)buf)->nlmsg_type);
	/* An attribute shorter than its type: ERANGE. */
	req_init(&r, RTM_SETLINK, 0, sizeof(r.ifi), 13);
	r.ifi.ifi_index = 2;
	add_attr(&r, IFLA_MTU, "\x01\x02", 2);
	TRY(send_req(fd, &r));
	REQUIRE((n = wait_ack(fd, 13)) == -ERANGE, "2-byte IFLA_MTU: %zd", n);
	/* A name too long. */
	req_init(&r, RTM_GETLINK, 0, sizeof(r.ifi), 14);
	add_attr(&r, IFLA_IFNAME, "abcdefghijklmnopqrstu", 22);
	TRY(send_req(fd, &r));
	REQUIRE((n = wait_ack(fd, 14)) == -ERANGE, "long IFLA_IFNAME: %zd", n);
	/* A family header cut short. */
	req_init(&r, RTM_GETLINK, 0, 4, 15);
	TRY(send_req(fd, &r));
	REQUIRE((n = wait_ack(fd, 15)) == -EINVAL, "short ifinfomsg: %zd", n);
}

/* iproute2's way: peek with MSG_TRUNC for the size, then read it. */
static void peek_trunc(void)
{
	static char buf[BUFSZ];
	struct req r;
	int fd = nl_open();
	ssize_t full, n;

	REQUIRE(fd >= 0, "socket");
	req_init(&r, RTM_GETLINK, NLM_F_DUMP, sizeof(struct rtgenmsg), 1);
	TRY(send_req(fd, &r));
	struct pollfd p = { .fd = fd, .events = POLLIN };
	REQUIRE(poll(&p, 1, 2000) == 1 && (p.revents & POLLIN), "not readable");
	full = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
	REQUIRE(full > (ssize_t)NLMSG_HDRLEN, "peeked length %zd", full);
	struct msghdr mh = { 0 };
	struct iovec iov = { buf, 16 };
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	n = recvmsg(fd, &mh, MSG_PEEK);
	REQUIRE(n == 16 && (mh.msg_flags & MSG_TRUNC), "short peek %zd flags %#x", n, mh.msg_flags);
	n = recv(fd, buf, sizeof(buf), 0);
	REQUIRE(n == full, "read %zd, peeked %zd", n, full);
}

/* RTM_NEWLINK request on eth0 (by index, or by name when index is 0). */
static int setlink(int fd, int index, const char *name, unsigned flags, unsigned change,
		   int attr_type, const void *data, size_t len, int nlflags)
{
	static unsigned seq = 600;
	struct req r;

	req_init(&r, RTM_NEWLINK, NLM_F_ACK | nlflags, sizeof(r.ifi), ++seq);
	r.ifi.ifi_index = index;
	r.ifi.ifi_flags = flags;
	r.ifi.ifi_change = change;
	if (name)
		add_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	if (attr_type)
		add_attr(&r, attr_type, data, len);
	if (send_req(fd, &r))
		return 1;
	return wait_ack(fd, seq);
}

/* The MTU, hardware address and name of link 2 as RTM_GETLINK says. */
static int link2(int fd, unsigned *mtu, unsigned char mac[6], char name[16])
{
	static char buf[BUFSZ];
	struct req r;
	ssize_t n;

	req_init(&r, RTM_GETLINK, 0, sizeof(r.ifi), 650);
	r.ifi.ifi_index = 2;
	if (send_req(fd, &r))
		return -1;
	n = recv_wait(fd, buf, sizeof(buf), 2000);
	struct nlmsghdr *h = (void *)buf;
	if (n <= 0 || h->nlmsg_type != RTM_NEWLINK)
		return check_fail("no link 2"), -1;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct rtattr *m = find_attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_MTU);
	struct rtattr *a = find_attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_ADDRESS);
	struct rtattr *nm = find_attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_IFNAME);
	if (!m || !a || !nm)
		return check_fail("attributes missing"), -1;
	*mtu = *(unsigned *)RTA_DATA(m);
	memcpy(mac, RTA_DATA(a), 6);
	snprintf(name, 16, "%s", (char *)RTA_DATA(nm));
	return 0;
}

/* `ip link set` through netlink: MTU, name (only while down), address. */
static void setlink_changes(void)
{
	unsigned mtu, v = 1400;
	unsigned char mac[6], other[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x57 };
	const unsigned char orig[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	char name[16];
	int fd = nl_open(), err;

	REQUIRE(fd >= 0, "socket");
	TRY(eth0_setup(fd));
	REQUIRE((err = setlink(fd, 2, NULL, 0, 0, IFLA_MTU, &v, 4, 0)) == 0, "mtu: %d", err);
	TRY(link2(fd, &mtu, mac, name));
	REQUIRE(mtu == 1400, "mtu %u", mtu);
	v = 1500;
	REQUIRE(setlink(fd, 2, NULL, 0, 0, IFLA_MTU, &v, 4, 0) == 0, "mtu back");
	v = 10;
	REQUIRE((err = setlink(fd, 2, NULL, 0, 0, IFLA_MTU, &v, 4, 0)) == -EINVAL, "mtu 10: %d",
		err);
	REQUIRE((err = setlink(fd, 2, "net7", 0, 0, 0, NULL, 0, 0)) == -EBUSY, "rename up: %d",
		err);
	REQUIRE((err = setlink(fd, 2, NULL, 0, 0, 0, NULL, 0, NLM_F_EXCL)) == -EEXIST,
		"EXCL on a link: %d", err);
	REQUIRE((err = setlink(fd, 0, "nosuch0", 0, 0, 0, NULL, 0, 0)) == -ENODEV,
		"no such link: %d", err);
	REQUIRE((err = setlink(fd, 2, NULL, 0, IFF_UP, 0, NULL, 0, 0)) == 0, "down: %d", err);
	REQUIRE((err = setlink(fd, 2, "net7", 0, 0, 0, NULL, 0, 0)) == 0, "rename: %d", err);
	REQUIRE((err = setlink(fd, 2, "lo", 0, 0, 0, NULL, 0, 0)) == -EEXIST, "name taken: %d",
		err);
	REQUIRE((err = setlink(fd, 2, NULL, 0, 0, IFLA_ADDRESS, other, 6, 0)) == 0, "mac: %d",
		err);
	TRY(link2(fd, &mtu, mac, name));
	int renamed = !strcmp(name, "net7"), mac_set = !memcmp(mac, other, 6);
	int idx = if_nametoindex("net7");
	setlink(fd, 2, NULL, 0, 0, IFLA_ADDRESS, orig, 6, 0);
	setlink(fd, 2, "eth0", 0, 0, 0, NULL, 0, 0);
	setlink(fd, 2, NULL, IFF_UP, IFF_UP, 0, NULL, 0, 0);
	REQUIRE(renamed && idx == 2, "name %s, if_nametoindex %d", name, idx);
	REQUIRE(mac_set, "mac %02x:...:%02x", mac[0], mac[5]);
	TRY(link2(fd, &mtu, mac, name));
	REQUIRE(!strcmp(name, "eth0") && !memcmp(mac, orig, 6), "not restored: %s", name);
}

/* ---- notifications ---- */

/* The next message of type `type` from a group socket, or NULL. */
static struct nlmsghdr *next_of(int fd, int type, char *buf, size_t len)
{
	for (int i = 0; i < 30; i++) {
		ssize_t n = recv_wait(fd, buf, len, 2000);

		if (n <= 0)
			return NULL;
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == type) {
				memmove(buf, h, h->nlmsg_len);
				return (struct nlmsghdr *)buf;
			}
	}
	return NULL;
}

static void notify_addr(void)
{
	static char buf[BUFSZ];
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_IPV4_IFADDR };
	int mon = nl_open(), fd = nl_open();
	uint32_t a = inet_addr("10.0.2.77");
	struct req r;

	REQUIRE(mon >= 0 && fd >= 0, "sockets");
	REQUIRE(bind(mon, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind: %s", strerror(errno));
	TRY(eth0_setup(fd));
	req_init(&r, RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sizeof(r.ifa), 31);
	r.ifa.ifa_family = AF_INET;
	r.ifa.ifa_prefixlen = 32;
	r.ifa.ifa_index = 2;
	add_attr(&r, IFA_LOCAL, &a, 4);
	TRY(send_req(fd, &r));
	REQUIRE(wait_ack(fd, 31) == 0, "add");
	struct nlmsghdr *h;
	for (;;) {
		h = next_of(mon, RTM_NEWADDR, buf, sizeof(buf));
		REQUIRE(h, "no RTM_NEWADDR");
		struct ifaddrmsg *ifa = NLMSG_DATA(h);
		struct rtattr *l = find_attr(IFA_RTA(ifa), IFA_PAYLOAD(h), IFA_LOCAL);
		if (l && *(uint32_t *)RTA_DATA(l) == a) {
			REQUIRE(ifa->ifa_prefixlen == 32 && ifa->ifa_index == 2, "ifaddrmsg");
			break;
		}
	}
	req_init(&r, RTM_DELADDR, NLM_F_ACK, sizeof(r.ifa), 32);
	r.ifa.ifa_family = AF_INET;
	r.ifa.ifa_prefixlen = 32;
	r.ifa.ifa_index = 2;
	add_attr(&r, IFA_LOCAL, &a, 4);
	TRY(send_req(fd, &r));
	REQUIRE(wait_ack(fd, 32) == 0, "del");
	h = next_of(mon, RTM_DELADDR, buf, sizeof(buf));
	REQUIRE(h, "no RTM_DELADDR");
	/* The same again: nothing to delete. */
	r.h.nlmsg_seq = 33;
	TRY(send_req(fd, &r));
	REQUIRE(wait_ack(fd, 33) == -EADDRNOTAVAIL, "second delete");
}

/*
 * SIOCSIFMTU (as ifconfig and busybox ip do it) tells RTNLGRP_LINK.  A
 * member that never bound has port id 0, the kernel's own, and gets
 * nothing from it (Linux skips the sender's port id).
 */
static void notify_ioctl(void)
{
	static char buf[BUFSZ];
	int mon = nl_open(), unbound = nl_open(), s = socket(AF_INET, SOCK_DGRAM, 0);
	int g = RTNLGRP_LINK, got = 0;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct ifreq ifr;

	REQUIRE(mon >= 0 && unbound >= 0 && s >= 0, "sockets");
	REQUIRE(bind(mon, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind");
	REQUIRE(setsockopt(mon, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g, sizeof(g)) == 0, "join");
	REQUIRE(setsockopt(unbound, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g, sizeof(g)) == 0,
		"join unbound");
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "eth0");
	ifr.ifr_mtu = 1280;
	REQUIRE(ioctl(s, SIOCSIFMTU, &ifr) == 0, "SIOCSIFMTU: %s", strerror(errno));
	ifr.ifr_mtu = 1500;
	for (int i = 0; i < 5 && !got; i++) {
		struct nlmsghdr *h = next_of(mon, RTM_NEWLINK, buf, sizeof(buf));

		if (!h)
			break;
		struct ifinfomsg *ifi = NLMSG_DATA(h);
		struct rtattr *m = find_attr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), IFLA_MTU);
		got = ifi->ifi_index == 2 && m && *(uint32_t *)RTA_DATA(m) == 1280 &&
		      h->nlmsg_pid == 0;
	}
	ioctl(s, SIOCSIFMTU, &ifr);
	REQUIRE(got, "no RTM_NEWLINK with mtu 1280");
	REQUIRE(recv_wait(unbound, buf, sizeof(buf), 300) == 0, "the unbound member got it");
}

/*
 * Resolving the gateway by ARP is announced to RTNLGRP_NEIGH (a new
 * reachable entry with its hardware address); deleting it too.
 */
static void notify_neigh(void)
{
	static char buf[BUFSZ];
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_NEIGH };
	struct sockaddr_in gw = { .sin_family = AF_INET, .sin_port = htons(9) };
	int mon = nl_open(), fd = nl_open(), u = socket(AF_INET, SOCK_DGRAM, 0), found = 0;
	struct req r;

	REQUIRE(mon >= 0 && fd >= 0 && u >= 0, "sockets");
	TRY(eth0_setup(fd));
	gw.sin_addr.s_addr = inet_addr("10.0.2.2");
	/* Forget the gateway first (ENOENT when it is not known yet). */
	req_init(&r, RTM_DELNEIGH, NLM_F_ACK, 12, 51);
	((struct ndmsg *)r.raw)->ndm_family = AF_INET;
	((struct ndmsg *)r.raw)->ndm_ifindex = 2;
	add_attr(&r, NDA_DST, &gw.sin_addr, 4);
	TRY(send_req(fd, &r));
	int err = wait_ack(fd, 51);
	REQUIRE(err == 0 || err == -ENOENT, "flush: %d", err);
	REQUIRE(bind(mon, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind");
	REQUIRE(sendto(u, "x", 1, 0, (struct sockaddr *)&gw, sizeof(gw)) == 1, "send: %s",
		strerror(errno));
	for (int i = 0; i < 10 && !found; i++) {
		struct nlmsghdr *h = next_of(mon, RTM_NEWNEIGH, buf, sizeof(buf));

		REQUIRE(h, "no RTM_NEWNEIGH");
		struct ndmsg *nd = NLMSG_DATA(h);
		struct rtattr *d = find_attr((struct rtattr *)(nd + 1), h->nlmsg_len -
					     NLMSG_LENGTH(sizeof(*nd)), NDA_DST);
		struct rtattr *l = find_attr((struct rtattr *)(nd + 1), h->nlmsg_len -
					     NLMSG_LENGTH(sizeof(*nd)), NDA_LLADDR);
		found = d && !memcmp(RTA_DATA(d), &gw.sin_addr, 4) && nd->ndm_ifindex == 2 &&
			(nd->ndm_state & NUD_REACHABLE) && l &&
			!memcmp(RTA_DATA(l), "\x52\x55\x0a\x00\x02\x02", 6);
	}
	REQUIRE(found, "no reachable 10.0.2.2 announced");
	r.h.nlmsg_seq = 52;
	TRY(send_req(fd, &r));
	REQUIRE(wait_ack(fd, 52) == 0, "delete");
	REQUIRE(next_of(mon, RTM_DELNEIGH, buf, sizeof(buf)), "no RTM_DELNEIGH");
}

/* NETLINK_PKTINFO: each datagram says which group it came to. */
static void pktinfo(void)
{
	static char buf[BUFSZ];
	char cbuf[64];
	int mon = nl_open(), s = socket(AF_INET, SOCK_DGRAM, 0), one = 1, got = 0;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_LINK }, from;
	struct ifreq ifr;

	REQUIRE(mon >= 0 && s >= 0, "sockets");
	REQUIRE(bind(mon, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind");
	REQUIRE(setsockopt(mon, SOL_NETLINK, NETLINK_PKTINFO, &one, sizeof(one)) == 0,
		"NETLINK_PKTINFO: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "eth0");
	ifr.ifr_mtu = 1300;
	REQUIRE(ioctl(s, SIOCSIFMTU, &ifr) == 0, "SIOCSIFMTU: %s", strerror(errno));
	ifr.ifr_mtu = 1500;
	ioctl(s, SIOCSIFMTU, &ifr);
	struct pollfd p = { .fd = mon, .events = POLLIN };
	REQUIRE(poll(&p, 1, 2000) == 1, "nothing announced");
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh = {
		.msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	REQUIRE(recvmsg(mon, &mh, 0) > 0, "recvmsg: %s", strerror(errno));
	REQUIRE(mh.msg_namelen == sizeof(from) && from.nl_pid == 0 &&
		from.nl_groups == RTMGRP_LINK, "from pid %u groups %#x", from.nl_pid,
		from.nl_groups);
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_NETLINK && c->cmsg_type == NETLINK_PKTINFO &&
		    c->cmsg_len == CMSG_LEN(sizeof(struct nl_pktinfo)))
			got = ((struct nl_pktinfo *)CMSG_DATA(c))->group;
	REQUIRE(got == RTNLGRP_LINK, "pktinfo group %d", got);
}

/*
 * A member that does not read loses notifications once its SO_RCVBUF
 * is full, and its next recv says ENOBUFS (then the queue goes on).
 */
static void overrun_enobufs(void)
{
	static char buf[BUFSZ];
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_IPV4_IFADDR };
	int mon = nl_open(), fd = nl_open(), zero = 0, enobufs = 0, after = 0;
	uint32_t a = inet_addr("10.0.2.88");
	struct req r;

	REQUIRE(mon >= 0 && fd >= 0, "sockets");
	TRY(eth0_setup(fd));
	REQUIRE(setsockopt(mon, SOL_SOCKET, SO_RCVBUF, &zero, sizeof(zero)) == 0, "SO_RCVBUF");
	REQUIRE(bind(mon, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind");
	for (unsigned i = 0; i < 40; i++) {
		req_init(&r, i & 1 ? RTM_DELADDR : RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE,
			 sizeof(r.ifa), 700 + i);
		r.ifa.ifa_family = AF_INET;
		r.ifa.ifa_prefixlen = 32;
		r.ifa.ifa_index = 2;
		add_attr(&r, IFA_LOCAL, &a, 4);
		TRY(send_req(fd, &r));
		REQUIRE(wait_ack(fd, 700 + i) == 0, "change %u", i);
	}
	for (int i = 0; i < 100; i++) {
		ssize_t n = recv(mon, buf, sizeof(buf), MSG_DONTWAIT);

		if (n < 0 && errno == ENOBUFS) {
			enobufs++;
			continue;
		}
		if (n < 0)
			break;
		if (enobufs)
			after++;
	}
	REQUIRE(enobufs == 1, "ENOBUFS %d times", enobufs);
	REQUIRE(after > 0, "nothing queued after the error");
}

/* ---- musl over netlink ---- */

static void musl_getifaddrs(void)
{
	struct ifaddrs *ifa, *i;
	int fd = nl_open(), lo4 = 0, eth4 = 0, lopk = 0, ethpk = 0;

	REQUIRE(fd >= 0, "socket");
	TRY(eth0_setup(fd));
	REQUIRE(getifaddrs(&ifa) == 0, "getifaddrs: %s", strerror(errno));
	for (i = ifa; i; i = i->ifa_next) {
		if (!i->ifa_addr)
			continue;
		if (i->ifa_addr->sa_family == AF_INET) {
			char a[32], m[32];
			inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, a, sizeof(a));
			inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_netmask)->sin_addr, m,
				  sizeof(m));
			if (!strcmp(i->ifa_name, "lo") && !strcmp(a, "127.0.0.1") &&
			    !strcmp(m, "255.0.0.0"))
				lo4++;
			else if (!strcmp(i->ifa_name, "eth0") && !strcmp(a, "10.0.2.15") &&
				 !strcmp(m, "255.255.255.0"))
				eth4++;
			else
				REQUIRE(0, "unexpected %s %s/%s", i->ifa_name, a, m);
		} else if (i->ifa_addr->sa_family == AF_PACKET) {
			if (!strcmp(i->ifa_name, "lo"))
				lopk++;
			if (!strcmp(i->ifa_name, "eth0") && (i->ifa_flags & IFF_UP))
				ethpk++;
		}
	}
	freeifaddrs(ifa);
	REQUIRE(lo4 == 1 && eth4 == 1 && lopk == 1 && ethpk == 1, "lo %d/%d eth0 %d/%d", lo4,
		lopk, eth4, ethpk);
}

static void musl_if_nameindex(void)
{
	struct if_nameindex *ni = if_nameindex();
	int n = 0;

	REQUIRE(ni, "if_nameindex: %s", strerror(errno));
	for (; ni[n].if_index; n++)
		;
	REQUIRE(n == 2, "%d interfaces", n);
	REQUIRE((ni[0].if_index == 1 && !strcmp(ni[0].if_name, "lo") && ni[1].if_index == 2 &&
		 !strcmp(ni[1].if_name, "eth0")) ||
		(ni[1].if_index == 1 && !strcmp(ni[1].if_name, "lo") && ni[0].if_index == 2 &&
		 !strcmp(ni[0].if_name, "eth0")), "names");
	if_freenameindex(ni);
}

static const struct check checks[] = {
	CHECK(create_types),
	CHECK(portids),
	CHECK(sockopts),
	CHECK(getlink_dump),
	CHECK(getlink_single),
	CHECK(errors_carry_request),
	CHECK(acks),
	CHECK(malformed),
	CHECK(peek_trunc),
	CHECK(setlink_changes),
	CHECK(notify_addr),
	CHECK(notify_ioctl),
	CHECK(notify_neigh),
	CHECK(pktinfo),
	CHECK(overrun_enobufs),
	CHECK(musl_getifaddrs),
	CHECK(musl_if_nameindex),
};

int main(void)
{
	return run_checks("rtnl", checks, NCHECKS(checks));
}
