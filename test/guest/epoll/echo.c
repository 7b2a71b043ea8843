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
#include "echoserver.h"

#include <arpa/inet.h>
#include <netinet/tcp.h>

#define NCONN		1000
#define WAVE		100
#define CONN_BYTES(i)	(600 + (i) % 5 * 200)	/* 600 .. 1400 */

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
		echo_server(l, et, NCONN, rep[1]);
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
