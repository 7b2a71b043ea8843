/*
 * echo.c - an epoll echo server and client over TCP loopback: 1,000
 * connections open at once, served level-triggered and then
 * edge-triggered, every byte echoed and compared.
 *
 * The server (a child) accepts with a non-blocking listener, keeps one
 * bounded buffer per connection, and closes a connection after the
 * client's EOF once everything is echoed.  The client (the check
 * itself) connects in waves, keeps every connection open until all are
 * established, then sends each its own byte pattern, shuts down its
 * write side, and checks what comes back.
 */
#define CHECK_LIMIT_MS 90000
#include "epollcheck.h"

#include <arpa/inet.h>
#include <netinet/tcp.h>

#define NCONN		1000
#define WAVE		100
#define CONN_BYTES(i)	(600 + (i) % 5 * 200)	/* 600 .. 1400 */
#define BUF		2048

static unsigned char pattern(int conn, int off)
{
	return (unsigned char)(conn * 131 + off * 7 + (off >> 8));
}

static int set_nonblock(int fd)
{
	return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* ---- the server ---- */

struct sconn {
	int fd;
	int head, len;		/* pending echo bytes: buf[head .. head+len) */
	bool eof;
	uint32_t interest;	/* LT: what is registered now */
	unsigned char buf[BUF];
};

/*
 * Move bytes for one connection until nothing moves (both ET and LT; LT
 * then registers only what it still needs).  Returns 1 when it closed.
 */
static int serve(int ep, struct sconn *c, bool et, int *open_now)
{
	for (;;) {
		bool moved = false;

		if (!c->eof && c->len < BUF) {
			if (c->head + c->len >= BUF || c->len == 0) {
				/* compact so the free space is one run */
				memmove(c->buf, c->buf + c->head, (size_t)c->len);
				c->head = 0;
			}
			ssize_t n = read(c->fd, c->buf + c->head + c->len,
					 (size_t)(BUF - c->head - c->len));
			if (n > 0) {
				c->len += (int)n;
				moved = true;
			} else if (n == 0) {
				c->eof = true;
			} else if (errno != EAGAIN) {
				return -1;
			}
		}
		if (c->len) {
			ssize_t n = write(c->fd, c->buf + c->head, (size_t)c->len);
			if (n > 0) {
				c->head += (int)n;
				c->len -= (int)n;
				moved = true;
			} else if (n < 0 && errno != EAGAIN) {
				return -1;
			}
		}
		if (c->eof && !c->len) {
			close(c->fd);	/* removes it from the epoll set */
			c->fd = -1;
			(*open_now)--;
			return 1;
		}
		if (!moved)
			break;
	}
	if (!et) {
		uint32_t want = (c->eof || c->len == BUF ? 0 : EPOLLIN) | (c->len ? EPOLLOUT : 0);
		if (want != c->interest) {
			struct epoll_event ev = { .events = want, .data.ptr = c };
			if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev))
				return -1;
			c->interest = want;
		}
	}
	return 0;
}

/* Serve until nconn connections came and went; exit 0, or why not. */
static void server(int l, bool et, int report)
{
	struct epoll_event evs[64], ev = { .events = EPOLLIN };
	int ep = epoll_create1(0), open_now = 0, max_open = 0, done = 0, accepted = 0;

	if (ep < 0 || set_nonblock(l))
		_exit(10);
	ev.data.ptr = NULL;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev))
		_exit(11);
	while (done < NCONN) {
		int n = epoll_wait(ep, evs, 64, 20000);

		if (n <= 0)
			_exit(12);
		for (int i = 0; i < n; i++) {
			struct sconn *c = evs[i].data.ptr;

			if (!c) {
				int fd;

				while ((fd = accept(l, NULL, NULL)) >= 0) {
					c = calloc(1, sizeof *c);
					if (!c || set_nonblock(fd))
						_exit(13);
					c->fd = fd;
					c->interest = EPOLLIN;
					ev.events = et ? EPOLLIN | EPOLLOUT | EPOLLET : EPOLLIN;
					ev.data.ptr = c;
					if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
						_exit(14);
					accepted++;
					if (++open_now > max_open)
						max_open = open_now;
				}
				if (errno != EAGAIN)
					_exit(15);
				continue;
			}
			if (c->fd < 0)
				continue;
			int r = serve(ep, c, et, &open_now);
			if (r < 0)
				_exit(16);
			if (r == 1)
				done++;
		}
	}
	char line[64];
	int len = snprintf(line, sizeof line, "%d %d", max_open, accepted);
	if (write(report, line, (size_t)len) != len)
		_exit(17);
	_exit(0);
}

/* ---- the client ---- */

struct cconn {
	int fd, idx;
	int sent, got, total;
	bool connected, shut, done;
};

static int client_step(int ep, struct cconn *c, bool et, int *bad)
{
	unsigned char buf[BUF];

	for (;;) {
		bool moved = false;

		if (c->sent < c->total) {
			int k = c->total - c->sent;
			if (k > (int)sizeof buf)
				k = (int)sizeof buf;
			for (int j = 0; j < k; j++)
				buf[j] = pattern(c->idx, c->sent + j);
			ssize_t n = write(c->fd, buf, (size_t)k);
			if (n > 0) {
				c->sent += (int)n;
				moved = true;
			} else if (n < 0 && errno != EAGAIN) {
				return -1;
			}
		}
		if (c->sent == c->total && !c->shut) {
			if (shutdown(c->fd, SHUT_WR))
				return -1;
			c->shut = true;
			if (!et) {
				struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
				if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev))
					return -1;
			}
		}
		ssize_t n = read(c->fd, buf, sizeof buf);
		if (n > 0) {
			for (int j = 0; j < n; j++)
				if (c->got + j >= c->total ||
				    buf[j] != pattern(c->idx, c->got + j))
					(*bad)++;
			c->got += (int)n;
			moved = true;
		} else if (n == 0) {
			c->done = true;
			return c->got == c->total ? 1 : -2;
		} else if (errno != EAGAIN) {
			return -1;
		}
		if (!moved)
			return 0;
	}
}

static void echo_run(bool et)
{
	static struct cconn conns[NCONN];
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct epoll_event evs[64];
	int l, port, ep, rep[2], st, bad = 0, finished = 0, connected = 0;
	long long t0 = now_ns(CLOCK_MONOTONIC);
	long long bytes = 0;
	char line[64] = "";
	pid_t srv;

	REQUIRE_OK(raise_nofile(NCONN + 64));
	REQUIRE((l = tcp_listener(NCONN + 24, &port)) >= 0, "listener: %s", errname(errno));
	REQUIRE_OK(pipe(rep));
	srv = fork();
	if (srv == 0) {
		close(rep[0]);
		server(l, et, rep[1]);
	}
	close(l);
	close(rep[1]);
	REQUIRE_OK(ep = epoll_create1(0));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	/* Phase 1: connect every connection, in waves, keeping all open. */
	for (int w = 0; w < NCONN; w += WAVE) {
		int pending = 0;

		for (int i = w; i < w + WAVE; i++) {
			struct cconn *c = &conns[i];
			struct epoll_event ev = { .events = EPOLLOUT | EPOLLONESHOT, .data.ptr = c };

			c->idx = i;
			c->total = CONN_BYTES(i);
			bytes += c->total;
			REQUIRE_OK(c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
			int r = connect(c->fd, (struct sockaddr *)&a, sizeof a);
			REQUIRE(r == 0 || errno == EINPROGRESS, "connect %d: %s", i, errname(errno));
			REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev));
			pending++;
		}
		while (pending) {
			int n = epoll_wait(ep, evs, 64, 20000);
			REQUIRE(n > 0, "wave %d: %d connections not established", w / WAVE, pending);
			for (int i = 0; i < n; i++) {
				struct cconn *c = evs[i].data.ptr;
				int err = 0;
				socklen_t el = sizeof err;

				getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
				REQUIRE(err == 0, "connect %d: %s", c->idx, errname(err));
				c->connected = true;
				connected++;
				pending--;
			}
		}
	}
	REQUIRE(connected == NCONN, "%d connected", connected);
	/* Phase 2: every connection sends its pattern and reads it back. */
	for (int i = 0; i < NCONN; i++) {
		struct epoll_event ev = {
			.events = et ? EPOLLIN | EPOLLOUT | EPOLLET : EPOLLIN | EPOLLOUT,
			.data.ptr = &conns[i],
		};
		REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_MOD, conns[i].fd, &ev));
	}
	while (finished < NCONN) {
		int n = epoll_wait(ep, evs, 64, 20000);
		REQUIRE(n > 0, "stalled: %d of %d connections finished", finished, NCONN);
		for (int i = 0; i < n; i++) {
			struct cconn *c = evs[i].data.ptr;

			if (c->done)
				continue;
			int r = client_step(ep, c, et, &bad);
			REQUIRE(r >= 0, "connection %d: %s (%d of %d bytes back)", c->idx,
				r == -2 ? "short echo" : errname(errno), c->got, c->total);
			if (r == 1) {
				finished++;
				close(c->fd);
			}
		}
	}
	REQUIRE(bad == 0, "%d bytes differ", bad);
	REQUIRE(read(rep[0], line, sizeof line - 1) > 0, "server report");
	st = wait_status(srv);
	REQUIRE(st == 0, "server exit status %#x", st);
	int max_open = 0, accepted = 0;
	sscanf(line, "%d %d", &max_open, &accepted);
	REQUIRE(accepted == NCONN, "server accepted %d", accepted);
	REQUIRE(max_open == NCONN, "at most %d connections open at once", max_open);
	check_note("%d connections, %lld bytes each way, %lld ms", NCONN, bytes,
		   (now_ns(CLOCK_MONOTONIC) - t0) / 1000000);
}

static void echo_level_triggered(void)
{
	echo_run(false);
}

static void echo_edge_triggered(void)
{
	echo_run(true);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(echo_level_triggered),
		CHECK(echo_edge_triggered),
	};

	return run_checks("epoll_echo", checks, NCHECKS(checks));
}
