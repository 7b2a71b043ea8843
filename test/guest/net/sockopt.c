/*
 * sockopt.c - the socket options of issue 8's list, on TCP and UDP
 * sockets: defaults, set/get round trips, Linux's ranges, doubling and
 * clamping, short and bad option lengths, unknown levels and names, the
 * read-only options, and the options whose effect a check can see
 * (TCP_INFO, TCP_CONGESTION, TCP_DEFER_ACCEPT, TCP_CORK, TCP_INQ,
 * SO_RCVLOWAT, SO_BINDTODEVICE, IP_HDRINCL).  Expectations are Linux's
 * (socket(7), tcp(7), ip(7)), as observed.
 */
#include "netcheck.h"

#include <limits.h>
#include <netinet/ip.h>
#include <stddef.h>
#include <sys/time.h>

/* An option read on a fresh socket of `type`. */
struct opt_default {
	const char *name;
	int type, level, opt, want;
};

#define OPT(type, level, opt, want) { #level "/" #opt, type, level, opt, want }

static int fresh(int type)
{
	int fd = socket(AF_INET, type, 0);

	if (fd < 0)
		check_fail("socket: %s", errname(errno));
	return fd;
}

static void defaults(void)
{
	static const struct opt_default d[] = {
		OPT(SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, 0),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_REUSEPORT, 0),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_KEEPALIVE, 0),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_ERROR, 0),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_ACCEPTCONN, 0),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_BROADCAST, 0),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_RCVLOWAT, 1),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_PRIORITY, 0),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_OOBINLINE, 0),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_TIMESTAMP, 0),
		/* tcp_rmem[1] and tcp_wmem[1]; net.core.[rw]mem_default. */
		OPT(SOCK_STREAM, SOL_SOCKET, SO_RCVBUF, 131072),
		OPT(SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, 16384),
		OPT(SOCK_DGRAM, SOL_SOCKET, SO_RCVBUF, 212992),
		OPT(SOCK_DGRAM, SOL_SOCKET, SO_SNDBUF, 212992),
		OPT(SOCK_DGRAM, SOL_SOCKET, SO_ACCEPTCONN, 0),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY, 0),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_MAXSEG, 536),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPIDLE, 7200),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPINTVL, 75),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPCNT, 9),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_USER_TIMEOUT, 0),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_DEFER_ACCEPT, 0),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_QUICKACK, 1),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_CORK, 0),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_SYNCNT, 6),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_WINDOW_CLAMP, 0),
		OPT(SOCK_STREAM, IPPROTO_TCP, TCP_INQ, 0),
		OPT(SOCK_STREAM, IPPROTO_IP, IP_TTL, 64),
		OPT(SOCK_DGRAM, IPPROTO_IP, IP_TTL, 64),
		OPT(SOCK_STREAM, IPPROTO_IP, IP_TOS, 0),
		OPT(SOCK_DGRAM, IPPROTO_IP, IP_TOS, 0),
		OPT(SOCK_DGRAM, IPPROTO_IP, IP_PKTINFO, 0),
		OPT(SOCK_DGRAM, IPPROTO_IP, IP_RECVERR, 0),
		OPT(SOCK_STREAM, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_WANT),
		OPT(SOCK_DGRAM, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_WANT),
		OPT(SOCK_DGRAM, IPPROTO_IP, IP_HDRINCL, 0),
		OPT(SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_TTL, 1),
		OPT(SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_LOOP, 1),
	};
	size_t i;
	int fd, v;

	for (i = 0; i < NCHECKS(d); i++) {
		if ((fd = fresh(d[i].type)) < 0)
			return;
		REQUIRE(getopt_int(fd, d[i].level, d[i].opt, &v) == 0,
			"%s: %s", d[i].name, errname(errno));
		REQUIRE(v == d[i].want, "%s (%s): default %d, want %d",
			d[i].name, d[i].type == SOCK_STREAM ? "TCP" : "UDP", v,
			d[i].want);
		close(fd);
	}
}

/* setsockopt(set), then getsockopt must give `want`. */
struct opt_set {
	const char *name;
	int type, level, opt, set, want;
};

#define SET(type, level, opt, set, want) \
	{ #level "/" #opt, type, level, opt, set, want }

static void round_trips(void)
{
	static const struct opt_set t[] = {
		/* Flags read back as 0 or 1 whatever was set. */
		SET(SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, 5, 1),
		SET(SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, 0, 0),
		SET(SOCK_DGRAM, SOL_SOCKET, SO_REUSEPORT, 3, 1),
		SET(SOCK_STREAM, SOL_SOCKET, SO_KEEPALIVE, 9, 1),
		SET(SOCK_DGRAM, SOL_SOCKET, SO_BROADCAST, -1, 1),
		SET(SOCK_STREAM, SOL_SOCKET, SO_OOBINLINE, 2, 1),
		SET(SOCK_DGRAM, SOL_SOCKET, SO_TIMESTAMP, 4, 1),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY, 7, 1),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_CORK, 7, 1),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_INQ, 1, 1),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_PKTINFO, 8, 1),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_RECVERR, 8, 1),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_RECVTTL, 8, 1),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_RECVTOS, 8, 1),
		/* Numbers. */
		SET(SOCK_STREAM, SOL_SOCKET, SO_PRIORITY, 6, 6),
		SET(SOCK_STREAM, SOL_SOCKET, SO_PRIORITY, 7, 7),
		SET(SOCK_DGRAM, SOL_SOCKET, SO_RCVLOWAT, 100, 100),
		SET(SOCK_DGRAM, SOL_SOCKET, SO_RCVLOWAT, 0, 1),
		SET(SOCK_DGRAM, SOL_SOCKET, SO_RCVLOWAT, -5, INT_MAX),
		SET(SOCK_STREAM, SOL_SOCKET, SO_RCVLOWAT, 1000, 1000),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_MAXSEG, 1000, 1000),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_MAXSEG, 88, 88),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPIDLE, 1, 1),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPIDLE, 32767, 32767),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPINTVL, 32767, 32767),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPCNT, 127, 127),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_USER_TIMEOUT, 5000, 5000),
		/* Seconds become SYN-ACK retransmissions and back: 1, 3, 7,
		 * 15, ... seconds (Linux rounds up). */
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_DEFER_ACCEPT, 1, 1),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_DEFER_ACCEPT, 5, 7),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_DEFER_ACCEPT, -3, 0),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_QUICKACK, 0, 0),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_QUICKACK, 1, 1),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_SYNCNT, 1, 1),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_SYNCNT, 127, 127),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_WINDOW_CLAMP, 100000, 100000),
		/* A clamp below half the smallest receive buffer is raised. */
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_WINDOW_CLAMP, 100, 1152),
		SET(SOCK_STREAM, IPPROTO_TCP, TCP_WINDOW_CLAMP, 0, 0),
		SET(SOCK_STREAM, IPPROTO_IP, IP_TTL, 1, 1),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_TTL, 255, 255),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_TTL, -1, 64),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_TOS, 0x13, 0x13),
		/* TCP keeps the ECN bits for itself. */
		SET(SOCK_STREAM, IPPROTO_IP, IP_TOS, 0x13, 0x10),
		SET(SOCK_STREAM, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT,
		    IP_PMTUDISC_DONT),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_OMIT,
		    IP_PMTUDISC_OMIT),
		SET(SOCK_DGRAM, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO,
		    IP_PMTUDISC_DO),
	};
	size_t i;
	int fd, v;

	for (i = 0; i < NCHECKS(t); i++) {
		if ((fd = fresh(t[i].type)) < 0)
			return;
		REQUIRE(setopt_int(fd, t[i].level, t[i].opt, t[i].set) == 0,
			"%s = %d: %s", t[i].name, t[i].set, errname(errno));
		REQUIRE(getopt_int(fd, t[i].level, t[i].opt, &v) == 0,
			"get %s: %s", t[i].name, errname(errno));
		REQUIRE(v == t[i].want, "%s: set %d, got %d, want %d",
			t[i].name, t[i].set, v, t[i].want);
		close(fd);
	}
}

/* setsockopt(val) must fail with err (optlen -1: sizeof(int)). */
struct opt_bad {
	const char *name;
	int type, level, opt, val, optlen, err;
};

#define BAD(type, level, opt, val, optlen, err) \
	{ #level "/" #opt, type, level, opt, val, optlen, err }

static void bad_values(void)
{
	static const struct opt_bad t[] = {
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_MAXSEG, 87, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPIDLE, 0, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPIDLE, 32768, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPINTVL, 0, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPINTVL, 32768, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPCNT, 0, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPCNT, 128, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_USER_TIMEOUT, -1, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_SYNCNT, 0, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_SYNCNT, 128, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_INQ, 2, -1, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_INQ, -1, -1, EINVAL),
		BAD(SOCK_DGRAM, IPPROTO_IP, IP_TTL, 0, -1, EINVAL),
		BAD(SOCK_DGRAM, IPPROTO_IP, IP_TTL, 256, -1, EINVAL),
		BAD(SOCK_DGRAM, IPPROTO_IP, IP_TTL, -2, -1, EINVAL),
		BAD(SOCK_DGRAM, IPPROTO_IP, IP_MTU_DISCOVER, 6, -1, EINVAL),
		BAD(SOCK_DGRAM, IPPROTO_IP, IP_MTU_DISCOVER, -1, -1, EINVAL),
		/* Option lengths shorter than an int. */
		BAD(SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, 1, 2, EINVAL),
		BAD(SOCK_STREAM, SOL_SOCKET, SO_RCVBUF, 1, 0, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY, 1, 3, EINVAL),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_KEEPIDLE, 1, 0, EINVAL),
		BAD(SOCK_DGRAM, IPPROTO_IP, IP_TTL, 1, 0, EINVAL),
		BAD(SOCK_DGRAM, SOL_SOCKET, SO_REUSEADDR, 1, -2, EINVAL),
		/* The read-only options. */
		BAD(SOCK_STREAM, SOL_SOCKET, SO_TYPE, 1, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, SOL_SOCKET, SO_ERROR, 0, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, SOL_SOCKET, SO_ACCEPTCONN, 1, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, SOL_SOCKET, SO_DOMAIN, 2, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, SOL_SOCKET, SO_PROTOCOL, 6, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, IPPROTO_TCP, TCP_INFO, 0, -1, ENOPROTOOPT),
		/* Unknown levels and names; another protocol's level. */
		BAD(SOCK_STREAM, 12345, 1, 1, -1, ENOPROTOOPT),
		BAD(SOCK_DGRAM, 12345, 1, 1, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, SOL_SOCKET, 9999, 1, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, IPPROTO_TCP, 9999, 1, -1, ENOPROTOOPT),
		BAD(SOCK_DGRAM, IPPROTO_IP, 9999, 1, -1, ENOPROTOOPT),
		BAD(SOCK_DGRAM, IPPROTO_TCP, TCP_NODELAY, 1, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, IPPROTO_UDP, 1, 1, -1, ENOPROTOOPT),
		BAD(SOCK_DGRAM, IPPROTO_UDP, 9999, 1, -1, ENOPROTOOPT),
		/* IP_HDRINCL is for raw sockets only. */
		BAD(SOCK_DGRAM, IPPROTO_IP, IP_HDRINCL, 1, -1, ENOPROTOOPT),
		BAD(SOCK_STREAM, IPPROTO_IP, IP_HDRINCL, 1, -1, ENOPROTOOPT),
	};
	size_t i;
	int fd, r;

	for (i = 0; i < NCHECKS(t); i++) {
		int len = t[i].optlen == -1 ? (int)sizeof(int) : t[i].optlen;

		if ((fd = fresh(t[i].type)) < 0)
			return;
		errno = 0;
		r = setsockopt(fd, t[i].level, t[i].opt, &t[i].val,
			       (socklen_t)len);
		REQUIRE(r == -1 && errno == t[i].err, "%s (%s) = %d, optlen "
			"%d: %d (%s), want -1 %s", t[i].name,
			t[i].type == SOCK_STREAM ? "TCP" : "UDP", t[i].val, len,
			r, errname(errno), errname(t[i].err));
		close(fd);
	}
}

static void getsockopt_errors(void)
{
	socklen_t len;
	int t, u, v;

	if ((t = fresh(SOCK_STREAM)) < 0 || (u = fresh(SOCK_DGRAM)) < 0)
		return;
	len = (socklen_t)-1;
	REQUIRE_ERR(getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &len), EINVAL);
	len = (socklen_t)-1;
	REQUIRE_ERR(getsockopt(u, IPPROTO_IP, IP_TTL, &v, &len), EINVAL);
	/* An unknown name: ENOPROTOOPT; a level the protocol does not
	 * know: EOPNOTSUPP (setsockopt says ENOPROTOOPT for both). */
	len = sizeof v;
	REQUIRE_ERR(getsockopt(t, SOL_SOCKET, 9999, &v, &len), ENOPROTOOPT);
	REQUIRE_ERR(getsockopt(t, IPPROTO_TCP, 9999, &v, &len), ENOPROTOOPT);
	REQUIRE_ERR(getsockopt(u, IPPROTO_IP, 9999, &v, &len), ENOPROTOOPT);
	REQUIRE_ERR(getsockopt(t, IPPROTO_IP, 9999, &v, &len), ENOPROTOOPT);
	REQUIRE_ERR(getsockopt(t, 12345, 1, &v, &len), EOPNOTSUPP);
	REQUIRE_ERR(getsockopt(u, 12345, 1, &v, &len), EOPNOTSUPP);
	REQUIRE_ERR(getsockopt(u, IPPROTO_TCP, TCP_INFO, &v, &len),
		    EOPNOTSUPP);
	REQUIRE_ERR(getsockopt(u, IPPROTO_TCP, TCP_NODELAY, &v, &len),
		    EOPNOTSUPP);
	REQUIRE_ERR(getsockopt(t, IPPROTO_UDP, 1, &v, &len), EOPNOTSUPP);
	REQUIRE_ERR(getsockopt(u, IPPROTO_UDP, 9999, &v, &len), ENOPROTOOPT);
}

/* getsockopt into a buffer shorter than an int copies part of it. */
static void short_optlen(void)
{
	unsigned char b[8];
	socklen_t len;
	int t, u;

	if ((t = fresh(SOCK_STREAM)) < 0 || (u = fresh(SOCK_DGRAM)) < 0)
		return;
	/* SOL_SOCKET: the first bytes of the int, the length kept. */
	memset(b, 0xaa, sizeof b);
	len = 2;
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_TYPE, b, &len));
	REQUIRE(len == 2 && b[0] == SOCK_STREAM && b[1] == 0 && b[2] == 0xaa,
		"SO_TYPE into 2 bytes: len %u %02x %02x %02x", (unsigned)len,
		b[0], b[1], b[2]);
	memset(b, 0xaa, sizeof b);
	len = 0;
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_TYPE, b, &len));
	REQUIRE(len == 0 && b[0] == 0xaa, "SO_TYPE into 0 bytes: len %u",
		(unsigned)len);
	/* IPPROTO_IP: a value that fits is given as one byte. */
	memset(b, 0xaa, sizeof b);
	len = 3;
	REQUIRE_OK(getsockopt(u, IPPROTO_IP, IP_TTL, b, &len));
	REQUIRE(len == 1 && b[0] == 64 && b[1] == 0xaa, "IP_TTL into 3 bytes: "
		"len %u %02x %02x", (unsigned)len, b[0], b[1]);
	memset(b, 0xaa, sizeof b);
	len = 0;
	REQUIRE_OK(getsockopt(u, IPPROTO_IP, IP_TTL, b, &len));
	REQUIRE(len == 0 && b[0] == 0xaa, "IP_TTL into 0 bytes: len %u",
		(unsigned)len);
	/* IPPROTO_TCP: the first bytes of the int. */
	memset(b, 0xaa, sizeof b);
	len = 2;
	REQUIRE_OK(getsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE, b, &len));
	REQUIRE(len == 2 && b[0] == (7200 & 0xff) && b[1] == (7200 >> 8) &&
		b[2] == 0xaa, "TCP_KEEPIDLE into 2 bytes: len %u",
		(unsigned)len);
	/* A longer buffer: an int, and the length says so. */
	memset(b, 0xaa, sizeof b);
	len = sizeof b;
	REQUIRE_OK(getsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE, b, &len));
	REQUIRE(len == sizeof(int) && b[4] == 0xaa, "long buffer: len %u",
		(unsigned)len);
	/* setsockopt: IP options take a single byte too. */
	b[0] = 99;
	REQUIRE_OK(setsockopt(u, IPPROTO_IP, IP_TTL, b, 1));
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_TTL, (int *)(void *)b) == 0 &&
		*(int *)(void *)b == 99, "IP_TTL from one byte");
}

/*
 * SO_RCVBUF and SO_SNDBUF (socket(7)): the kernel doubles the value for
 * its bookkeeping, caps the request at net.core.[rw]mem_max and keeps a
 * minimum.  On Linux 6.1/x86_64 the minima are 2304 and 4608 bytes.
 */
static void buffer_sizes(void)
{
	static const struct { int opt, set, want; } t[] = {
		{ SO_RCVBUF, 10000, 20000 },
		{ SO_RCVBUF, 1, 2304 },
		{ SO_RCVBUF, 1000, 2304 },
		{ SO_RCVBUF, 212992, 425984 },
		{ SO_RCVBUF, 1 << 24, 425984 },
		{ SO_RCVBUF, -1, 425984 },
		{ SO_SNDBUF, 10000, 20000 },
		{ SO_SNDBUF, 1, 4608 },
		{ SO_SNDBUF, 2000, 4608 },
		{ SO_SNDBUF, 1 << 24, 425984 },
		{ SO_SNDBUF, -1, 425984 },
	};
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	size_t i, k;
	int fd, v, c, s;

	for (k = 0; k < NCHECKS(types); k++) {
		for (i = 0; i < NCHECKS(t); i++) {
			if ((fd = fresh(types[k])) < 0)
				return;
			REQUIRE_OK(setopt_int(fd, SOL_SOCKET, t[i].opt,
					      t[i].set));
			REQUIRE(getopt_int(fd, SOL_SOCKET, t[i].opt, &v) == 0 &&
				v == t[i].want, "%s %s = %d: got %d, want %d",
				types[k] == SOCK_STREAM ? "TCP" : "UDP",
				t[i].opt == SO_RCVBUF ? "SO_RCVBUF" :
				"SO_SNDBUF", t[i].set, v, t[i].want);
			close(fd);
		}
	}
	/* A set size stays through connect and data. */
	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setopt_int(c, SOL_SOCKET, SO_SNDBUF, 30000));
	REQUIRE(write(c, "x", 1) == 1 && read(s, &v, 1) == 1, "data");
	REQUIRE(getopt_int(c, SOL_SOCKET, SO_SNDBUF, &v) == 0 && v == 60000,
		"SO_SNDBUF after data %d", v);
}

static void timeouts_linger(void)
{
	struct timeval tv;
	struct linger lg;
	socklen_t len;
	int t;

	if ((t = fresh(SOCK_STREAM)) < 0)
		return;
	len = sizeof tv;
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, &len));
	REQUIRE(len == sizeof tv && tv.tv_sec == 0 && tv.tv_usec == 0,
		"SO_RCVTIMEO default");
	tv = (struct timeval){ 2, 500000 };
	REQUIRE_OK(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
	/* (Multiples of 4 ms: Linux keeps jiffies, 250 a second.) */
	tv = (struct timeval){ 7, 248000 };
	REQUIRE_OK(setsockopt(t, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
	len = sizeof tv;
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, &len));
	REQUIRE(tv.tv_sec == 2 && tv.tv_usec == 500000, "SO_RCVTIMEO %ld.%06ld",
		(long)tv.tv_sec, (long)tv.tv_usec);
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_SNDTIMEO, &tv, &len));
	REQUIRE(tv.tv_sec == 7 && tv.tv_usec == 248000, "SO_SNDTIMEO %ld.%06ld",
		(long)tv.tv_sec, (long)tv.tv_usec);
	/* A microsecond count past a second: EDOM; a short buffer: EINVAL. */
	tv = (struct timeval){ 1, 1000000 };
	REQUIRE_ERR(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv),
		    EDOM);
	tv.tv_usec = -1;
	REQUIRE_ERR(setsockopt(t, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv),
		    EDOM);
	REQUIRE_ERR(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, 8), EINVAL);
	/* A negative time means no timeout. */
	tv = (struct timeval){ -5, 0 };
	REQUIRE_OK(setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, &len));
	REQUIRE(tv.tv_sec == 0 && tv.tv_usec == 0, "negative timeout gave "
		"%ld.%06ld", (long)tv.tv_sec, (long)tv.tv_usec);

	len = sizeof lg;
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &len));
	REQUIRE(len == sizeof lg && lg.l_onoff == 0 && lg.l_linger == 0,
		"SO_LINGER default");
	lg = (struct linger){ 3, 17 };
	REQUIRE_OK(setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &len));
	REQUIRE(lg.l_onoff == 1 && lg.l_linger == 17, "SO_LINGER %d %d",
		lg.l_onoff, lg.l_linger);
	REQUIRE_ERR(setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg - 1),
		    EINVAL);
	/* A short buffer: the first field. */
	len = sizeof(int);
	lg.l_linger = -7;
	REQUIRE_OK(getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &len));
	REQUIRE(len == sizeof(int) && lg.l_onoff == 1 && lg.l_linger == -7,
		"SO_LINGER into an int: len %u", (unsigned)len);
}

/* SO_REUSEPORT: sockets that all set it share a port, others may not. */
static void so_reuseport(void)
{
	static const int types[] = { SOCK_DGRAM, SOCK_STREAM };
	struct sockaddr_in sa;
	size_t k;
	int a, b, c, port;

	if (lo_up() < 0)
		return;
	for (k = 0; k < NCHECKS(types); k++) {
		a = fresh(types[k]);
		b = fresh(types[k]);
		c = fresh(types[k]);
		REQUIRE(a >= 0 && b >= 0 && c >= 0, "socket");
		REQUIRE_OK(setopt_int(a, SOL_SOCKET, SO_REUSEPORT, 1));
		REQUIRE_OK(setopt_int(b, SOL_SOCKET, SO_REUSEPORT, 1));
		sa = lo_addr(0);
		REQUIRE_OK(bind(a, SA(&sa), sizeof sa));
		port = port_of(a);
		sa = lo_addr(port);
		REQUIRE(bind(b, SA(&sa), sizeof sa) == 0, "%s: second "
			"SO_REUSEPORT bind: %s", k ? "TCP" : "UDP",
			errname(errno));
		REQUIRE_ERR(bind(c, SA(&sa), sizeof sa), EADDRINUSE);
		if (types[k] == SOCK_STREAM) {
			REQUIRE_OK(listen(a, 1));
			REQUIRE_OK(listen(b, 1));
			REQUIRE(tcp_connect(port) >= 0, "connect");
		}
		close(a);
		close(b);
		close(c);
	}
}

static void type_domain_acceptconn(void)
{
	int l, u, v;

	if ((l = tcp_listener(1)) < 0 || (u = udp_socket()) < 0)
		return;
	REQUIRE(getopt_int(l, SOL_SOCKET, SO_ACCEPTCONN, &v) == 0 && v == 1,
		"SO_ACCEPTCONN on a listener %d", v);
	REQUIRE(getopt_int(l, SOL_SOCKET, SO_TYPE, &v) == 0 &&
		v == SOCK_STREAM, "SO_TYPE %d", v);
	REQUIRE(getopt_int(l, SOL_SOCKET, SO_PROTOCOL, &v) == 0 &&
		v == IPPROTO_TCP, "SO_PROTOCOL %d", v);
	REQUIRE(getopt_int(l, SOL_SOCKET, SO_DOMAIN, &v) == 0 && v == AF_INET,
		"SO_DOMAIN %d", v);
	REQUIRE(getopt_int(u, SOL_SOCKET, SO_ACCEPTCONN, &v) == 0 && v == 0,
		"SO_ACCEPTCONN on UDP %d", v);
	REQUIRE(getopt_int(u, SOL_SOCKET, SO_PROTOCOL, &v) == 0 &&
		v == IPPROTO_UDP, "SO_PROTOCOL %d", v);
}

static void so_error(void)
{
	struct sockaddr_in sa;
	int t, c, v;

	if ((t = lo_socket(SOCK_STREAM, 0)) < 0)
		return;
	sa = lo_addr(port_of(t));
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	REQUIRE(c >= 0, "socket");
	REQUIRE_ERR(connect(c, SA(&sa), sizeof sa), EINPROGRESS);
	REQUIRE(poll_one(c, POLLOUT, 5000) & POLLERR, "no POLLERR");
	REQUIRE(getopt_int(c, SOL_SOCKET, SO_ERROR, &v) == 0 &&
		v == ECONNREFUSED, "SO_ERROR %s", errname(v));
	REQUIRE(getopt_int(c, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0,
		"SO_ERROR not cleared: %s", errname(v));
}

static void tcp_info(void)
{
	struct tcp_info ti;
	socklen_t len;
	char buf[1000];
	int t, l, c, s, full;

	if ((t = fresh(SOCK_STREAM)) < 0)
		return;
	/* The kernel's structure may be longer or shorter than ours: it
	 * copies what both have and says how much. */
	memset(buf, 0xaa, sizeof buf);
	len = sizeof buf;
	REQUIRE_OK(getsockopt(t, IPPROTO_TCP, TCP_INFO, buf, &len));
	full = (int)len;
	REQUIRE(full >= (int)offsetof(struct tcp_info, tcpi_total_retrans) +
		4 && full % 8 == 0 && full < (int)sizeof buf &&
		(unsigned char)buf[full] == 0xaa, "TCP_INFO length %d", full);
	memcpy(&ti, buf, sizeof ti < (size_t)full ? sizeof ti : (size_t)full);
	REQUIRE(ti.tcpi_state == TCP_CLOSE, "fresh socket state %u",
		ti.tcpi_state);
	/* A short buffer: that much. */
	memset(buf, 0xaa, sizeof buf);
	len = 3;
	REQUIRE_OK(getsockopt(t, IPPROTO_TCP, TCP_INFO, buf, &len));
	REQUIRE(len == 3 && buf[0] == TCP_CLOSE &&
		(unsigned char)buf[3] == 0xaa, "TCP_INFO into 3 bytes: len %u",
		(unsigned)len);
	len = 0;
	REQUIRE_OK(getsockopt(t, IPPROTO_TCP, TCP_INFO, buf, &len));
	REQUIRE(len == 0, "TCP_INFO into 0 bytes: len %u", (unsigned)len);

	if (tcp_pair_l(&c, &s, &l) < 0)
		return;
	len = sizeof ti;
	REQUIRE_OK(getsockopt(l, IPPROTO_TCP, TCP_INFO, &ti, &len));
	REQUIRE(ti.tcpi_state == TCP_LISTEN, "listener state %u",
		ti.tcpi_state);
	REQUIRE(write_full(c, buf, 1000) == 1000 && read_full(s, buf, 1000) ==
		1000, "data");
	len = sizeof ti;
	REQUIRE_OK(getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &len));
	REQUIRE(len == sizeof ti || (int)len == full, "length %u",
		(unsigned)len);
	REQUIRE(ti.tcpi_state == TCP_ESTABLISHED, "state %u", ti.tcpi_state);
	/* Over lo Linux uses timestamps, SACK and window scaling. */
	REQUIRE((ti.tcpi_options & (TCPI_OPT_TIMESTAMPS | TCPI_OPT_SACK |
		TCPI_OPT_WSCALE)) == (TCPI_OPT_TIMESTAMPS | TCPI_OPT_SACK |
		TCPI_OPT_WSCALE), "options %#x", ti.tcpi_options);
	REQUIRE(ti.tcpi_rto >= 200000 && ti.tcpi_snd_mss > 0 &&
		ti.tcpi_total_retrans == 0, "rto %u snd_mss %u retrans %u",
		ti.tcpi_rto, ti.tcpi_snd_mss, ti.tcpi_total_retrans);
	REQUIRE(ti.tcpi_bytes_acked == 1000 + 1, "bytes_acked %llu",
		(unsigned long long)ti.tcpi_bytes_acked);
	len = sizeof ti;
	REQUIRE_OK(getsockopt(s, IPPROTO_TCP, TCP_INFO, &ti, &len));
	REQUIRE(ti.tcpi_bytes_received == 1000, "bytes_received %llu",
		(unsigned long long)ti.tcpi_bytes_received);
}

/* name has 32 bytes. */
static int get_cc(int fd, char *name, socklen_t *len)
{
	memset(name, 0xaa, 32);
	return getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, len);
}

static void tcp_congestion(void)
{
	char name[32];
	socklen_t len;
	int t, c, s;

	if ((t = fresh(SOCK_STREAM)) < 0)
		return;
	/* Debian's default (net.ipv4.tcp_congestion_control). */
	len = sizeof name;
	REQUIRE_OK(get_cc(t, name, &len));
	REQUIRE(len == 16 && !strcmp(name, "cubic") && name[15] == 0,
		"TCP_CONGESTION %.16s (len %u)", name, (unsigned)len);
	len = 3;
	REQUIRE_OK(get_cc(t, name, &len));
	REQUIRE(len == 3 && !memcmp(name, "cub", 3) &&
		(unsigned char)name[3] == 0xaa, "into 3 bytes: len %u",
		(unsigned)len);
	REQUIRE_OK(setsockopt(t, IPPROTO_TCP, TCP_CONGESTION, "reno", 4));
	len = sizeof name;
	REQUIRE_OK(get_cc(t, name, &len));
	REQUIRE(!strcmp(name, "reno"), "after setting reno: %.16s", name);
	REQUIRE_ERR(setsockopt(t, IPPROTO_TCP, TCP_CONGESTION, "nosuchcc", 8),
		    ENOENT);
	REQUIRE_ERR(setsockopt(t, IPPROTO_TCP, TCP_CONGESTION, "", 0), EINVAL);
	/* Only the first optlen bytes count. */
	REQUIRE_OK(setsockopt(t, IPPROTO_TCP, TCP_CONGESTION, "cubicXYZ", 5));
	len = sizeof name;
	REQUIRE_OK(get_cc(t, name, &len));
	REQUIRE(!strcmp(name, "cubic"), "after cubicXYZ/5: %.16s", name);
	/* A connected socket may change too. */
	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setsockopt(c, IPPROTO_TCP, TCP_CONGESTION, "reno", 5));
	len = sizeof name;
	REQUIRE_OK(get_cc(c, name, &len));
	REQUIRE(!strcmp(name, "reno"), "connected: %.16s", name);
	REQUIRE(write(c, "x", 1) == 1 && read(s, name, 1) == 1, "data");
}

/* TCP_MAXSEG: the user's value until the connection chooses its MSS. */
static void tcp_maxseg(void)
{
	struct sockaddr_in sa;
	int l, c, s, v;

	if ((l = tcp_listener(1)) < 0)
		return;
	sa = lo_addr(port_of(l));
	c = fresh(SOCK_STREAM);
	REQUIRE_OK(setopt_int(c, IPPROTO_TCP, TCP_MAXSEG, 1000));
	REQUIRE_OK(connect(c, SA(&sa), sizeof sa));
	REQUIRE((s = tcp_accept(l)) >= 0, "accept");
	/* Both ends use 1000 less the 12 bytes of timestamp option. */
	REQUIRE(getopt_int(c, IPPROTO_TCP, TCP_MAXSEG, &v) == 0 && v == 988,
		"client MSS %d", v);
	REQUIRE(getopt_int(s, IPPROTO_TCP, TCP_MAXSEG, &v) == 0 && v == 988,
		"server MSS %d", v);
	/* lo's MTU 65536, less IP, TCP and timestamp headers, is the
	 * most (Linux also keeps it within half the peer's window). */
	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(getopt_int(c, IPPROTO_TCP, TCP_MAXSEG, &v) == 0 &&
		v > 988 && v <= 65536 - 20 - 20 - 12, "MSS over lo %d", v);
}

static void tcp_window_clamp(void)
{
	int c, s, v;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(getopt_int(c, IPPROTO_TCP, TCP_WINDOW_CLAMP, &v) == 0 && v > 0,
		"connected clamp %d", v);
	REQUIRE_OK(setopt_int(c, IPPROTO_TCP, TCP_WINDOW_CLAMP, 40000));
	REQUIRE(getopt_int(c, IPPROTO_TCP, TCP_WINDOW_CLAMP, &v) == 0 &&
		v == 40000, "clamp %d", v);
	/* 0 is only for a closed socket. */
	REQUIRE_ERR(setopt_int(c, IPPROTO_TCP, TCP_WINDOW_CLAMP, 0), EINVAL);
}

/* TCP_DEFER_ACCEPT: accept waits for the first data, not the handshake. */
static void tcp_defer_accept(void)
{
	int l, c, s;
	char b;

	if ((l = tcp_listener(4)) < 0)
		return;
	REQUIRE_OK(setopt_int(l, IPPROTO_TCP, TCP_DEFER_ACCEPT, 5));
	if ((c = tcp_connect(port_of(l))) < 0)
		return;
	REQUIRE(poll_one(l, POLLIN, 300) == 0, "accept ready before data");
	REQUIRE(write(c, "d", 1) == 1, "write");
	REQUIRE(poll_one(l, POLLIN, 5000) == POLLIN, "not ready after data");
	s = accept(l, NULL, NULL);
	REQUIRE(s >= 0 && read(s, &b, 1) == 1 && b == 'd', "accepted data");
}

/*
 * TCP_CORK holds partial segments until it is cleared, or (tcp(7)) for
 * at most about 200 ms: Linux sends what is held when its probe timer,
 * one RTO (at least 200 ms), fires.
 */
static void tcp_cork(void)
{
	long long t0, dt;
	char buf[8];
	int c, s;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setopt_int(c, IPPROTO_TCP, TCP_CORK, 1));
	REQUIRE(write(c, "co", 2) == 2 && write(c, "rk", 2) == 2, "write");
	REQUIRE(poll_one(s, POLLIN, 50) == 0, "corked data sent");
	REQUIRE_OK(setopt_int(c, IPPROTO_TCP, TCP_CORK, 0));
	REQUIRE(poll_one(s, POLLIN, 5000) == POLLIN, "not sent after uncork");
	REQUIRE(read(s, buf, sizeof buf) == 4 && !memcmp(buf, "cork", 4),
		"one segment");
	REQUIRE_OK(setopt_int(c, IPPROTO_TCP, TCP_CORK, 1));
	t0 = mono_ms();
	REQUIRE(write(c, "late", 4) == 4, "write");
	REQUIRE(poll_one(s, POLLIN, 5000) == POLLIN, "corked data never sent");
	dt = mono_ms() - t0;
	REQUIRE(dt >= 150, "corked data sent after %lld ms", dt);
	REQUIRE(read(s, buf, sizeof buf) == 4, "read");
}

/* TCP_INQ: recvmsg reports the bytes left in a TCP_CM_INQ message. */
static void tcp_inq(void)
{
	union { char buf[64]; struct cmsghdr align; } ctl;
	struct iovec iov;
	struct msghdr mh;
	struct cmsghdr *cm;
	char buf[16];
	int c, s, v;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setopt_int(s, IPPROTO_TCP, TCP_INQ, 1));
	REQUIRE(write(c, "0123456789", 10) == 10, "write");
	REQUIRE(poll_one(s, POLLIN, 5000) == POLLIN, "not readable");
	memset(&mh, 0, sizeof mh);
	iov = (struct iovec){ buf, 4 };
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl.buf;
	mh.msg_controllen = sizeof ctl.buf;
	REQUIRE(recvmsg(s, &mh, 0) == 4, "recvmsg");
	cm = CMSG_FIRSTHDR(&mh);
	REQUIRE(mh.msg_controllen == CMSG_SPACE(sizeof(int)) && cm &&
		cm->cmsg_level == IPPROTO_TCP && cm->cmsg_type == TCP_CM_INQ &&
		cm->cmsg_len == CMSG_LEN(sizeof(int)), "cmsg (controllen %zu)",
		(size_t)mh.msg_controllen);
	memcpy(&v, CMSG_DATA(cm), sizeof v);
	REQUIRE(v == 6, "TCP_CM_INQ %d, want 6", v);
	mh.msg_controllen = sizeof ctl.buf;
	iov.iov_len = sizeof buf;
	REQUIRE(recvmsg(s, &mh, 0) == 6, "recvmsg");
	memcpy(&v, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof v);
	REQUIRE(v == 0, "TCP_CM_INQ %d at the end", v);
}

/*
 * SO_RCVLOWAT on TCP: poll and a blocking recv wait for that many bytes.
 * (The recv starts on an empty queue: Linux's reader that already holds
 * part of the mark may miss the wake-up for the rest.)
 */
static void so_rcvlowat(void)
{
	static const char *const piece[] = { "01234", "56789" };
	char buf[32];
	int c, s, st;
	ssize_t n;
	pid_t w;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setopt_int(s, SOL_SOCKET, SO_RCVLOWAT, 10));
	w = write_when_asleep(c, piece, 2);
	n = recv(s, buf, sizeof buf, 0);
	st = wait_status(w);
	REQUIRE(n == 10 && !memcmp(buf, "0123456789", 10), "recv %zd", n);
	REQUIRE(st == 0, "writer status %#x", st);
	REQUIRE(write(c, "abcde", 5) == 5, "write");
	REQUIRE(poll_one(s, POLLIN, 200) == 0, "readable below the mark");
	/* A non-blocking read takes what there is. */
	REQUIRE(recv(s, buf, sizeof buf, MSG_DONTWAIT | MSG_PEEK) == 5,
		"peek: %s", errname(errno));
	REQUIRE(write(c, "fghij", 5) == 5, "write");
	REQUIRE(poll_one(s, POLLIN, 5000) == POLLIN, "not readable at 10");
	/* A read shorter than the mark is not held back. */
	REQUIRE(recv(s, buf, 1, 0) == 1 && buf[0] == 'a', "short recv");
	REQUIRE(recv(s, buf, 9, 0) == 9, "the rest");
}

static void so_bindtodevice(void)
{
	struct sockaddr_in sa;
	char name[IFNAMSIZ];
	socklen_t len;
	int u, l, c, s;

	if ((u = fresh(SOCK_DGRAM)) < 0)
		return;
	len = sizeof name;
	REQUIRE_OK(getsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, name, &len));
	REQUIRE(len == 0, "unbound: len %u", (unsigned)len);
	REQUIRE_OK(setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3));
	len = sizeof name;
	memset(name, 0xaa, sizeof name);
	REQUIRE_OK(getsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, name, &len));
	REQUIRE(len == 3 && !strcmp(name, "lo"), "bound: len %u",
		(unsigned)len);
	len = 2;
	REQUIRE_ERR(getsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, name, &len),
		    EINVAL);
	REQUIRE_ERR(setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, "nosuchdev0",
			       11), ENODEV);
	/* Without a terminating NUL: the name is the optlen bytes. */
	REQUIRE_OK(setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, "loXYZ", 2));
	REQUIRE_ERR(setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, BADPTR, 3),
		    EFAULT);
	/* An empty name unbinds. */
	REQUIRE_OK(setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, "", 1));
	len = sizeof name;
	REQUIRE_OK(getsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, name, &len));
	REQUIRE(len == 0, "after unbinding: len %u", (unsigned)len);
	/* It steers routing: bound to lo, TCP to 127.0.0.1 works; bound
	 * to eth0 (the NIC, down in the test image) there is no route. */
	if ((l = tcp_listener(1)) < 0)
		return;
	sa = lo_addr(port_of(l));
	c = fresh(SOCK_STREAM);
	REQUIRE_OK(setsockopt(c, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3));
	REQUIRE_OK(connect(c, SA(&sa), sizeof sa));
	s = tcp_accept(l);
	REQUIRE(s >= 0, "accept");
	c = fresh(SOCK_STREAM);
	REQUIRE_OK(setsockopt(c, SOL_SOCKET, SO_BINDTODEVICE, "eth0", 5));
	len = sizeof name;
	REQUIRE_OK(getsockopt(c, SOL_SOCKET, SO_BINDTODEVICE, name, &len));
	REQUIRE(len == 5 && !strcmp(name, "eth0"), "eth0: len %u",
		(unsigned)len);
	REQUIRE_ERR(connect(c, SA(&sa), sizeof sa), ENETUNREACH);
	REQUIRE_OK(setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, "eth0", 5));
	REQUIRE_ERR(sendto(u, "x", 1, 0, SA(&sa), sizeof sa), ENETUNREACH);
}

/* IP_HDRINCL on raw sockets: on by default for IPPROTO_RAW. */
static void ip_hdrincl(void)
{
	int r, v;

	r = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	REQUIRE(r >= 0, "raw socket: %s", errname(errno));
	REQUIRE(getopt_int(r, IPPROTO_IP, IP_HDRINCL, &v) == 0 && v == 1,
		"IPPROTO_RAW: IP_HDRINCL %d", v);
	close(r);
	r = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	REQUIRE(r >= 0, "raw socket: %s", errname(errno));
	REQUIRE(getopt_int(r, IPPROTO_IP, IP_HDRINCL, &v) == 0 && v == 0,
		"IPPROTO_ICMP: IP_HDRINCL %d", v);
	REQUIRE_OK(setopt_int(r, IPPROTO_IP, IP_HDRINCL, 5));
	REQUIRE(getopt_int(r, IPPROTO_IP, IP_HDRINCL, &v) == 0 && v == 1,
		"IP_HDRINCL %d", v);
	REQUIRE_OK(setopt_int(r, IPPROTO_IP, IP_HDRINCL, 0));
	REQUIRE(getopt_int(r, IPPROTO_IP, IP_HDRINCL, &v) == 0 && v == 0,
		"IP_HDRINCL %d", v);
}

/* IP_MTU: the path MTU of a connected socket. */
static void ip_mtu(void)
{
	struct sockaddr_in sa;
	int u, a, v;

	if ((u = udp_socket()) < 0 || (a = udp_socket()) < 0)
		return;
	REQUIRE_ERR(getopt_int(u, IPPROTO_IP, IP_MTU, &v), ENOTCONN);
	sa = lo_addr(port_of(a));
	REQUIRE_OK(connect(u, SA(&sa), sizeof sa));
	/* lo's MTU is 65536; an IP packet has at most 65535 bytes. */
	REQUIRE(getopt_int(u, IPPROTO_IP, IP_MTU, &v) == 0 && v == 65535,
		"IP_MTU %d", v);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(defaults),
		CHECK(round_trips),
		CHECK(bad_values),
		CHECK(getsockopt_errors),
		CHECK(short_optlen),
		CHECK(buffer_sizes),
		CHECK(timeouts_linger),
		CHECK(so_reuseport),
		CHECK(type_domain_acceptconn),
		CHECK(so_error),
		CHECK(tcp_info),
		CHECK(tcp_congestion),
		CHECK(tcp_maxseg),
		CHECK(tcp_window_clamp),
		CHECK(tcp_defer_accept),
		CHECK(tcp_cork),
		CHECK(tcp_inq),
		CHECK(so_rcvlowat),
		CHECK(so_bindtodevice),
		CHECK(ip_hdrincl),
		CHECK(ip_mtu),
	};

	return run_checks("sockopt", checks, NCHECKS(checks));
}
