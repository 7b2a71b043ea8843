/*
 * epollcheck.h - helpers shared by the checks of test/guest/epoll/: raw
 * system calls that musl wraps differently (epoll_create with a size,
 * epoll_pwait2), one-call waits and the masks they return.
 */
#ifndef TERN_EPOLLCHECK_H
#define TERN_EPOLLCHECK_H

#include "../check.h"

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif

/* The raw epoll_create(size): musl maps it to epoll_create1(0). */
__attribute__((unused)) static long raw_epoll_create(int size)
{
	return syscall(SYS_epoll_create, size);
}

__attribute__((unused)) static long raw_epoll_pwait2(int epfd, struct epoll_event *ev,
						     int max, const struct timespec *ts,
						     const sigset_t *mask)
{
	return syscall(SYS_epoll_pwait2, epfd, ev, max, ts, mask, mask ? 8 : 0);
}

/* ADD fd with events and data; returns epoll_ctl's result. */
__attribute__((unused)) static int ep_add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

__attribute__((unused)) static int ep_mod(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

/*
 * One epoll_wait for one event with timeout ms: returns the count (0 or
 * 1, or -1) and the event in *ev (zeroed first).
 */
__attribute__((unused)) static int ep_one(int ep, struct epoll_event *ev, int ms)
{
	memset(ev, 0, sizeof *ev);
	return epoll_wait(ep, ev, 1, ms);
}

/* The guest boots with lo down: bring it up (idempotent). */
__attribute__((unused)) static void lo_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	if (s < 0)
		return;
	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	if (!ioctl(s, SIOCGIFFLAGS, &ifr) && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	close(s);
}

/* A TCP listener on 127.0.0.1, any port; *port gets the port. */
__attribute__((unused)) static int tcp_listener(int backlog, int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof a;
	int one = 1, l;

	lo_up();
	l = socket(AF_INET, SOCK_STREAM, 0);

	if (l < 0)
		return -1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, backlog) ||
	    getsockname(l, (struct sockaddr *)&a, &al)) {
		close(l);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return l;
}

/* A connected TCP pair over loopback: *c the client, *s the accepted. */
__attribute__((unused)) static int tcp_pair(int *c, int *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int port, l = tcp_listener(1, &port);

	if (l < 0)
		return -1;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	*c = socket(AF_INET, SOCK_STREAM, 0);
	if (*c < 0 || connect(*c, (struct sockaddr *)&a, sizeof a)) {
		close(l);
		return -1;
	}
	*s = accept(l, NULL, NULL);
	close(l);
	return *s < 0 ? -1 : 0;
}

/* Raise RLIMIT_NOFILE (soft and hard) to n; 0 on success. */
__attribute__((unused)) static int raise_nofile(rlim_t n)
{
	struct rlimit r = { n, n };

	return setrlimit(RLIMIT_NOFILE, &r);
}

static volatile sig_atomic_t caught;

__attribute__((unused)) static void on_sig(int sig)
{
	caught = sig;
}

/* A handler for sig without SA_RESTART (flags as given). */
__attribute__((unused)) static void catch_signal(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sig;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

#endif
