/*
 * poll(2) ABI: struct pollfd and the event bits (asm-generic/poll.h
 * values; the EPOLL* bits of epoll(7) are the same numbers).
 */
#ifndef TERN_UAPI_POLL_H
#define TERN_UAPI_POLL_H

#include <uapi/types.h>

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

struct pollfd {
	s32 fd;
	s16 events;
	s16 revents;
};
_Static_assert(sizeof(struct pollfd) == 8, "struct pollfd is 8 bytes");
_Static_assert(__builtin_offsetof(struct pollfd, revents) == 6, "pollfd.revents");

/* select(2)'s fd_set: FD_SETSIZE bits in longs. */
#define FD_SETSIZE	1024

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
struct pselect6_sigmask {
	u64 ss;
	u64 ss_len;
};
_Static_assert(sizeof(struct pselect6_sigmask) == 16, "pselect6 data");

#endif
