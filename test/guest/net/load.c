/*
 * load.c - loopback TCP under load, bounded in count and time: 256 MiB
 * between two processes with a checksum; 500 concurrent connections in
 * one poll loop, each echoing its own data; 10,000 sequential
 * connect/accept/close with no socket, port or memory left behind.  The
 * PASS lines carry the figures.
 */
/* TCG on a busy machine: minutes, not seconds, per check. */
#define CHECK_LIMIT_MS 200000
#include "netcheck.h"

#include <sys/resource.h>

/* 256 MiB from a writer process, checksummed at both ends. */
static void bulk_256mib(void)
{
	long long ms;
	int c, s;

	if (tcp_pair(&c, &s) < 0)
		return;
	if ((ms = bulk_transfer(c, s, 256 << 20, 65536, 65536)) < 0)
		return;
	check_note("256 MiB in %lld ms (%lld MiB/s)", ms,
		   ms > 0 ? 256000LL / ms : 0);
}

/*
 * 500 connections open at once, served by one poll loop in one process:
 * each client sends its own 2000 bytes, the server echoes every byte
 * back, the client checks them and closes, the server closes on EOF.
 */
enum { NCONN = 500, PER_CONN = 2000 };

struct client {
	int fd, sent, got;
};

struct echo {
	int fd, pending, off;
	unsigned char buf[4096];
};

static unsigned char client_byte(int i, int pos)
{
	return (unsigned char)(i * 131 + pos * 7 + pos / 251);
}

static int raise_nofile(rlim_t want)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return -1;
	if (rl.rlim_cur >= want)
		return 0;
	rl.rlim_cur = want;
	if (rl.rlim_max < want)
		rl.rlim_max = want;
	return setrlimit(RLIMIT_NOFILE, &rl);
}

/* The client's turn: send the next piece, or take echoed bytes. */
static int client_step(struct client *c, int i, short revents, int *done)
{
	unsigned char buf[4096];
	int j, len;
	ssize_t n;

	if (revents & (POLLERR | POLLHUP)) {
		check_fail("client %d: revents %#x", i, revents);
		return -1;
	}
	if (c->sent < PER_CONN) {
		len = PER_CONN - c->sent < 700 ? PER_CONN - c->sent : 700;
		for (j = 0; j < len; j++)
			buf[j] = client_byte(i, c->sent + j);
		n = send(c->fd, buf, len, MSG_DONTWAIT);
		if (n < 0 && errno != EAGAIN) {
			check_fail("client %d: send: %s", i, errname(errno));
			return -1;
		}
		c->sent += n > 0 ? (int)n : 0;
		return 0;
	}
	n = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);
	if (n <= 0 && !(n < 0 && errno == EAGAIN)) {
		check_fail("client %d: recv %zd (%s) after %d bytes", i, n,
			   errname(errno), c->got);
		return -1;
	}
	for (j = 0; j < n; j++) {
		if (c->got + j >= PER_CONN ||
		    buf[j] != client_byte(i, c->got + j)) {
			check_fail("client %d: byte %d is not its own", i,
				   c->got + j);
			return -1;
		}
	}
	c->got += n > 0 ? (int)n : 0;
	if (c->got == PER_CONN) {
		close(c->fd);
		c->fd = -1;
		(*done)++;
	}
	return 0;
}

/* The server's turn on one connection: echo what came, close on EOF. */
static int echo_step(struct echo *e, int *closed)
{
	ssize_t n;

	if (e->pending) {
		n = send(e->fd, e->buf + e->off, e->pending, MSG_DONTWAIT);
		if (n < 0 && errno != EAGAIN) {
			check_fail("echo send: %s", errname(errno));
			return -1;
		}
		if (n > 0) {
			e->off += (int)n;
			e->pending -= (int)n;
		}
		return 0;
	}
	n = recv(e->fd, e->buf, sizeof e->buf, MSG_DONTWAIT);
	if (n == 0) {
		close(e->fd);
		e->fd = -1;
		(*closed)++;
	} else if (n > 0) {
		e->off = 0;
		e->pending = (int)n;
	} else if (errno != EAGAIN) {
		check_fail("echo recv: %s", errname(errno));
		return -1;
	}
	return 0;
}

static void echo_500(void)
{
	static struct client cl[NCONN];
	static struct echo sv[NCONN];
	static struct pollfd pf[2 * NCONN + 1];
	static int who[2 * NCONN + 1];
	struct sockaddr_in sa;
	int l, i, k, fd, nsv = 0, done = 0, closed = 0, np, r;
	long long t0 = mono_ms();

	REQUIRE(raise_nofile(2 * NCONN + 64) == 0, "RLIMIT_NOFILE: %s",
		errname(errno));
	if ((l = tcp_listener(NCONN)) < 0)
		return;
	REQUIRE_OK(fcntl(l, F_SETFL, O_NONBLOCK));
	sa = lo_addr(port_of(l));
	for (i = 0; i < NCONN; i++) {
		cl[i].fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		REQUIRE(cl[i].fd >= 0, "client %d: socket: %s", i,
			errname(errno));
		REQUIRE(connect(cl[i].fd, SA(&sa), sizeof sa) == 0 ||
			errno == EINPROGRESS, "client %d: connect: %s", i,
			errname(errno));
	}
	while (done < NCONN || closed < NCONN) {
		REQUIRE(mono_ms() - t0 < 150000, "not done after 150 s: %d "
			"clients done, %d server sides closed", done, closed);
		/* who[]: -1 the listener, i < NCONN client i, else server
		 * side i - NCONN. */
		np = 0;
		pf[np] = (struct pollfd){ .fd = l, .events = POLLIN };
		who[np++] = -1;
		for (i = 0; i < NCONN; i++) {
			if (cl[i].fd < 0)
				continue;
			pf[np] = (struct pollfd){ .fd = cl[i].fd, .events =
				cl[i].sent < PER_CONN ? POLLOUT : POLLIN };
			who[np++] = i;
		}
		for (k = 0; k < nsv; k++) {
			if (sv[k].fd < 0)
				continue;
			pf[np] = (struct pollfd){ .fd = sv[k].fd, .events =
				sv[k].pending ? POLLOUT : POLLIN };
			who[np++] = NCONN + k;
		}
		REQUIRE(poll(pf, np, 10000) > 0, "poll: nothing ready in 10 s "
			"(%s)", errname(errno));
		for (k = 0; k < np; k++) {
			if (!pf[k].revents)
				continue;
			r = 0;
			if (who[k] < 0) {
				while ((fd = accept4(l, NULL, NULL,
						     SOCK_NONBLOCK)) >= 0) {
					REQUIRE(nsv < NCONN, "too many");
					sv[nsv++] = (struct echo){ .fd = fd };
				}
				REQUIRE(errno == EAGAIN, "accept: %s",
					errname(errno));
			} else if (who[k] < NCONN) {
				r = client_step(&cl[who[k]], who[k],
						pf[k].revents, &done);
			} else {
				r = echo_step(&sv[who[k] - NCONN], &closed);
			}
			if (r < 0)
				return;
		}
	}
	REQUIRE(nsv == NCONN, "%d connections accepted", nsv);
	check_note("%d connections x %d bytes echoed in %lld ms", NCONN,
		   PER_CONN, mono_ms() - t0);
}

/* The counters of /proc/net/sockstat this check compares. */
struct sockstat {
	long used, inuse, orphan, tw, alloc;
};

static int read_sockstat(struct sockstat *st)
{
	char line[256];
	FILE *f = fopen("/proc/net/sockstat", "r");
	int got = 0;
	long mem;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "sockets: used %ld", &st->used) == 1)
			got |= 1;
		if (sscanf(line, "TCP: inuse %ld orphan %ld tw %ld alloc %ld "
			   "mem %ld", &st->inuse, &st->orphan, &st->tw,
			   &st->alloc, &mem) == 5)
			got |= 2;
	}
	fclose(f);
	return got == 3 ? 0 : -1;
}

static long memfree_kb(void)
{
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* One connect/accept/close; the client's port, or -1. */
static int one_connection(int l, const struct sockaddr_in *sa)
{
	char b;
	int c, s, port;

	c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, SA(sa), sizeof *sa) < 0) {
		check_fail("connect: %s", errname(errno));
		return -1;
	}
	s = accept(l, NULL, NULL);
	if (s < 0) {
		check_fail("accept: %s", errname(errno));
		return -1;
	}
	port = port_of(c);
	/* The client closes first (it keeps TIME_WAIT); the server sees
	 * the EOF and closes too. */
	close(c);
	if (read(s, &b, 1) != 0) {
		check_fail("server saw no EOF");
		return -1;
	}
	close(s);
	return port;
}

/*
 * 10,000 sequential connections leave nothing behind.  A closed
 * connection's TIME_WAIT lasts 60 s on Linux (counted in sockstat's tw,
 * not in inuse or alloc), so the check waits for every TIME_WAIT to end,
 * then wants every TCP counter back at its start value (tw at 0, since
 * even the oldest TIME_WAIT has ended), each client port free to bind,
 * and MemFree within 2 MiB of the start (Linux ends 620 kB below it):
 * a leak of more than about 200 bytes per connection fails that.
 */
enum { ROUNDS = 10000, WARMUP = 200, LAST_PORTS = 100 };

static void connect_10000(void)
{
	static int ports[LAST_PORTS];
	struct sockstat s0, s1;
	struct sockaddr_in sa;
	long long t0, loop_ms, wait_ms;
	long m0, m1;
	int l, i, lport, port;

	REQUIRE(read_sockstat(&s0) == 0, "cannot read /proc/net/sockstat");
	if ((l = tcp_listener(16)) < 0)
		return;
	lport = port_of(l);
	sa = lo_addr(lport);
	/* A first round so that caches which grow on first use have. */
	for (i = 0; i < WARMUP; i++)
		if (one_connection(l, &sa) < 0)
			return;
	close(l);
	/* Sockets closed just now may still be on their way out. */
	t0 = mono_ms();
	do {
		REQUIRE(read_sockstat(&s1) == 0, "sockstat");
		if (s1.inuse == s0.inuse && s1.orphan == s0.orphan &&
		    s1.used == s0.used)
			break;
		sleep_ms(20);
	} while (mono_ms() - t0 < 5000);
	REQUIRE(s1.inuse == s0.inuse && s1.orphan == s0.orphan &&
		s1.used == s0.used, "warm-up left used %ld inuse %ld orphan "
		"%ld (started at %ld %ld %ld)", s1.used, s1.inuse, s1.orphan,
		s0.used, s0.inuse, s0.orphan);
	s0 = s1;
	m0 = memfree_kb();
	REQUIRE(m0 > 0, "cannot read MemFree");

	l = lo_socket(SOCK_STREAM, lport);
	REQUIRE(l >= 0 && listen(l, 16) == 0, "listener");
	t0 = mono_ms();
	for (i = 0; i < ROUNDS; i++) {
		port = one_connection(l, &sa);
		if (port < 0)
			return;
		ports[i % LAST_PORTS] = port;
	}
	loop_ms = mono_ms() - t0;
	close(l);

	/* TIME_WAIT ends after 60 s; allow 90. */
	t0 = mono_ms();
	do {
		REQUIRE(read_sockstat(&s1) == 0, "sockstat");
		if (s1.tw == 0 && s1.inuse == s0.inuse &&
		    s1.orphan == s0.orphan && s1.alloc == s0.alloc &&
		    s1.used == s0.used)
			break;
		sleep_ms(500);
	} while (mono_ms() - t0 < 90000);
	wait_ms = mono_ms() - t0;
	REQUIRE(s1.tw == 0 && s1.inuse == s0.inuse && s1.orphan == s0.orphan &&
		s1.alloc == s0.alloc && s1.used == s0.used,
		"after %lld ms: sockets used %ld, TCP inuse %ld orphan %ld tw "
		"%ld alloc %ld; at the start %ld, %ld %ld %ld %ld", wait_ms,
		s1.used, s1.inuse, s1.orphan, s1.tw, s1.alloc, s0.used,
		s0.inuse, s0.orphan, s0.tw, s0.alloc);
	/* Every port is free again: the listener's and the clients'. */
	for (i = 0; i <= LAST_PORTS; i++) {
		int p = i < LAST_PORTS ? ports[i] : lport;
		int fd = lo_socket(SOCK_STREAM, p);

		if (fd < 0)
			return;
		close(fd);
	}
	m1 = memfree_kb();
	REQUIRE(m1 > 0 && m1 >= m0 - 2048, "MemFree %ld kB, at the start %ld "
		"kB", m1, m0);
	check_note("%d connections in %lld ms; counters back %lld ms later; "
		   "MemFree %+ld kB", ROUNDS, loop_ms, wait_ms, m1 - m0);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(bulk_256mib),
		CHECK(echo_500),
		CHECK(connect_10000),
	};

	return run_checks("load", checks, NCHECKS(checks));
}
