/*
 * echoserver.h - the epoll echo server of the guest-epoll checks (echo.c
 * drives it over loopback, test/guest/epoll-host/ from the host through
 * QEMU's hostfwd), and the byte pattern each connection carries.
 */
#ifndef TERN_ECHOSERVER_H
#define TERN_ECHOSERVER_H

#include "epollcheck.h"

#define BUF		2048

/* Byte off of connection conn (the host's client computes the same). */
__attribute__((unused)) static unsigned char pattern(int conn, int off)
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

/*
 * Serve until nconn connections came and went; then write "max_open
 * accepted" to report and exit 0 (or exit with the step that failed).
 */
__attribute__((noreturn, unused))
static void echo_server(int l, bool et, int nconn, int report)
{
	struct epoll_event evs[64], ev = { .events = EPOLLIN };
	int ep = epoll_create1(0), open_now = 0, max_open = 0, done = 0, accepted = 0;

	if (ep < 0 || set_nonblock(l))
		_exit(10);
	ev.data.ptr = NULL;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev))
		_exit(11);
	while (done < nconn) {
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

#endif
