/*
 * netcheck.h - what the programs of test/guest/net/ share: bringing the
 * loopback interface up, 127.0.0.1 addresses, connected TCP pairs and
 * bound UDP sockets over lo, whole reads and writes, int options, a
 * writer that sends when the check sleeps, and a bulk transfer between
 * two processes with a data pattern and a streaming checksum.
 *
 * The test image boots with lo and eth0 down; lo_up() raises lo with
 * SIOCSIFFLAGS (the checks run as root), which on Linux also gives it
 * 127.0.0.1/8.  Every check that talks over lo calls it first: checks run
 * in processes of their own and any of them may run first.
 *
 * Helpers that can fail report through check_fail() and return -1, so a
 * check writes `if (tcp_pair(&a, &b) < 0) return;`.  They must only be
 * called by the check's own process, never by a helper it forked
 * (check_fail() ends a helper with status 99).  Not every program uses
 * every helper: all are marked unused.
 */
#ifndef TERN_NETCHECK_H
#define TERN_NETCHECK_H

#include "../check.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>

/* <linux/sockios.h> (musl leaves them out): the TTY numbers. */
#ifndef SIOCINQ
#define SIOCINQ FIONREAD
#endif
#ifndef SIOCOUTQ
#define SIOCOUTQ TIOCOUTQ
#endif

#define LOOPBACK htonl(INADDR_LOOPBACK)

/* 127.0.0.1:port (port in host order). */
__attribute__((unused))
static struct sockaddr_in lo_addr(int port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = LOOPBACK;
	return sa;
}

#define SA(p) ((struct sockaddr *)(p))

/* Brings lo up if it is down (SIOCGIFFLAGS, then SIOCSIFFLAGS). */
__attribute__((unused))
static int lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		check_fail("lo_up: socket: %s", errname(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		check_fail("lo_up: SIOCGIFFLAGS lo: %s", errname(errno));
		close(fd);
		return -1;
	}
	if (!(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) {
			check_fail("lo_up: SIOCSIFFLAGS: %s", errname(errno));
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}

__attribute__((unused))
static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

/* The port a socket is bound to (host order), or -1. */
__attribute__((unused))
static int port_of(int fd)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;

	if (getsockname(fd, SA(&sa), &len) < 0) {
		check_fail("getsockname: %s", errname(errno));
		return -1;
	}
	return ntohs(sa.sin_port);
}

/* A socket of `type` bound to 127.0.0.1:port (0: any free port). */
__attribute__((unused))
static int lo_socket(int type, int port)
{
	struct sockaddr_in sa = lo_addr(port);
	int fd;

	if (lo_up() < 0)
		return -1;
	fd = socket(AF_INET, type, 0);
	if (fd < 0) {
		check_fail("socket(AF_INET, %#x): %s", type, errname(errno));
		return -1;
	}
	if (bind(fd, SA(&sa), sizeof sa) < 0) {
		check_fail("bind 127.0.0.1:%d: %s", port, errname(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* A TCP socket listening on 127.0.0.1 at a free port. */
__attribute__((unused))
static int tcp_listener(int backlog)
{
	int fd = lo_socket(SOCK_STREAM, 0);

	if (fd >= 0 && listen(fd, backlog) < 0) {
		check_fail("listen: %s", errname(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* A fresh TCP socket connected (blocking) to 127.0.0.1:port. */
__attribute__((unused))
static int tcp_connect(int port)
{
	struct sockaddr_in sa = lo_addr(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0) {
		check_fail("socket: %s", errname(errno));
		return -1;
	}
	if (connect(fd, SA(&sa), sizeof sa) < 0) {
		check_fail("connect 127.0.0.1:%d: %s", port, errname(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* accept() that reports its failure. */
__attribute__((unused))
static int tcp_accept(int lfd)
{
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0)
		check_fail("accept: %s", errname(errno));
	return fd;
}

/*
 * A connected TCP pair over lo: *cli connected, *srv accepted.  With
 * lfd non-NULL the listener stays open and is returned there.
 */
__attribute__((unused))
static int tcp_pair_l(int *cli, int *srv, int *lfd)
{
	int l = tcp_listener(1), port;

	if (l < 0)
		return -1;
	port = port_of(l);
	*cli = port < 0 ? -1 : tcp_connect(port);
	*srv = *cli < 0 ? -1 : tcp_accept(l);
	if (*srv < 0) {
		close(l);
		return -1;
	}
	if (lfd)
		*lfd = l;
	else
		close(l);
	return 0;
}

__attribute__((unused))
static int tcp_pair(int *cli, int *srv)
{
	return tcp_pair_l(cli, srv, NULL);
}

/* A UDP socket bound to 127.0.0.1 at a free port. */
__attribute__((unused))
static int udp_socket(void)
{
	return lo_socket(SOCK_DGRAM, 0);
}

/* Polls one fd; returns its revents (0 on timeout, -1 on error). */
__attribute__((unused))
static int poll_one(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n = poll(&p, 1, timeout_ms);

	return n < 0 ? -1 : n == 0 ? 0 : p.revents;
}

/* Reads exactly n bytes (or to EOF); returns the count or -1. */
__attribute__((unused))
static ssize_t read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* Writes all n bytes; returns n or -1. */
__attribute__((unused))
static ssize_t write_full(int fd, const void *buf, size_t n)
{
	size_t put = 0;

	while (put < n) {
		ssize_t r = write(fd, (const char *)buf + put, n - put);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		put += (size_t)r;
	}
	return (ssize_t)n;
}

/* Integer socket options. */
__attribute__((unused))
static int getopt_int(int fd, int level, int name, int *val)
{
	socklen_t len = sizeof *val;

	*val = -12345;
	if (getsockopt(fd, level, name, val, &len) < 0)
		return -1;
	if (len != sizeof *val) {
		errno = ERANGE;
		return -1;
	}
	return 0;
}

__attribute__((unused))
static int setopt_int(int fd, int level, int name, int val)
{
	return setsockopt(fd, level, name, &val, sizeof val);
}

/*
 * Bulk data: the 64-bit words of stream position p (in words) are
 * pattern_word(p), so a lost, repeated or reordered piece changes the
 * checksum.  The checksum is fed arbitrary pieces and gives the same
 * result however the stream was cut.
 */
__attribute__((unused))
static uint64_t pattern_word(uint64_t p)
{
	p = (p + 1) * 0x9e3779b97f4a7c15ULL;
	return p ^ (p >> 29);
}

/* Fills buf (a multiple of 8 bytes) with the stream from word `word`. */
__attribute__((unused))
static void pattern_fill(void *buf, size_t len, uint64_t word)
{
	uint64_t *w = buf;
	size_t i;

	for (i = 0; i < len / 8; i++)
		w[i] = pattern_word(word + i);
}

struct csum {
	uint64_t h, bytes;
	unsigned char part[8];
	unsigned int npart;
};

__attribute__((unused))
static void csum_word(struct csum *c, uint64_t w)
{
	c->h = (c->h ^ w) * 0x100000001b3ULL;
	c->h ^= c->h >> 31;
}

__attribute__((unused))
static void csum_add(struct csum *c, const void *buf, size_t len)
{
	const unsigned char *b = buf;
	uint64_t w;

	c->bytes += len;
	while (len > 0 && c->npart > 0) {
		c->part[c->npart++] = *b++;
		len--;
		if (c->npart == 8) {
			memcpy(&w, c->part, 8);
			csum_word(c, w);
			c->npart = 0;
		}
	}
	for (; len >= 8; len -= 8, b += 8) {
		memcpy(&w, b, 8);
		csum_word(c, w);
	}
	while (len-- > 0)
		c->part[c->npart++] = *b++;
}

__attribute__((unused))
static uint64_t csum_end(struct csum *c)
{
	uint64_t w = 0;

	memcpy(&w, c->part, c->npart);
	csum_word(c, w ^ c->bytes);
	return c->h;
}

/*
 * Forks a writer that sends pieces[0..n-1] to fd one at a time, each
 * once this process sleeps (in the blocking call the check makes next),
 * so that the data arrives in pieces however slow the machine.  Exits 0
 * when all were written.  Returns its pid (reap it).
 */
__attribute__((unused))
static pid_t write_when_asleep(int fd, const char *const *pieces, int n)
{
	pid_t me = getpid(), w = fork();
	int i;

	if (w == 0) {
		for (i = 0; i < n; i++) {
			size_t len = strlen(pieces[i]);
			if (!wait_until_asleep(me) ||
			    write(fd, pieces[i], len) != (ssize_t)len)
				_exit(1 + i);
		}
		_exit(0);
	}
	return w;
}

/*
 * Moves `total` bytes of the pattern from a writer process (wchunk-byte
 * writes, then close) to this one over the connected pair c -> s
 * (rchunk-byte reads); both ends checksum the stream and the writer
 * sends its sum up a pipe.  Closes both sockets here; returns the time
 * taken in ms, or -1 after check_fail().  total and wchunk are
 * multiples of 8, total a multiple of wchunk.
 */
__attribute__((unused))
static long long bulk_transfer(int c, int s, uint64_t total, size_t wchunk,
			       size_t rchunk)
{
	static unsigned char buf[1 << 16];
	struct csum got = { 0 }, sent = { 0 };
	long long t0 = mono_ms();
	uint64_t word, sum = 0;
	int p[2], st;
	ssize_t n;
	pid_t w;

	if (wchunk > sizeof buf || rchunk > sizeof buf || pipe(p) < 0) {
		check_fail("bulk_transfer: setup");
		return -1;
	}
	w = fork();
	if (w == 0) {
		close(s);
		for (word = 0; word < total / 8; word += wchunk / 8) {
			pattern_fill(buf, wchunk, word);
			csum_add(&sent, buf, wchunk);
			if (write_full(c, buf, wchunk) != (ssize_t)wchunk)
				_exit(1);
		}
		if (close(c) < 0)
			_exit(2);
		sum = csum_end(&sent);
		_exit(write(p[1], &sum, sizeof sum) == sizeof sum ? 0 : 3);
	}
	close(c);
	close(p[1]);
	while ((n = read(s, buf, rchunk)) > 0)
		csum_add(&got, buf, (size_t)n);
	if (n < 0)
		check_fail("read after %llu bytes: %s",
			   (unsigned long long)got.bytes, errname(errno));
	close(s);
	st = wait_status(w);
	t0 = mono_ms() - t0;
	if (n < 0)
		return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		check_fail("writer status %#x", st);
		return -1;
	}
	if (got.bytes != total) {
		check_fail("received %llu bytes of %llu",
			   (unsigned long long)got.bytes,
			   (unsigned long long)total);
		return -1;
	}
	if (read(p[0], &sum, sizeof sum) != sizeof sum ||
	    csum_end(&got) != sum) {
		check_fail("checksum differs");
		return -1;
	}
	close(p[0]);
	return t0;
}

#endif /* TERN_NETCHECK_H */
