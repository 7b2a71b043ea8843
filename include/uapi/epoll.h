/*
 * epoll(7) ABI of Linux x86_64: epoll_create1(2) and epoll_ctl(2)
 * numbers, the event bits and struct epoll_event.  The low event bits
 * are poll(2)'s POLL* numbers (<uapi/poll.h>); the high ones are
 * epoll's own input flags.
 */
#ifndef TERN_UAPI_EPOLL_H
#define TERN_UAPI_EPOLL_H

#include <stddef.h>
#include <uapi/types.h>

#define EPOLL_CLOEXEC	02000000	/* O_CLOEXEC */

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

#define EPOLLIN		0x00000001u
#define EPOLLPRI	0x00000002u
#define EPOLLOUT	0x00000004u
#define EPOLLERR	0x00000008u
#define EPOLLHUP	0x00000010u
#define EPOLLNVAL	0x00000020u
#define EPOLLRDNORM	0x00000040u
#define EPOLLRDBAND	0x00000080u
#define EPOLLWRNORM	0x00000100u
#define EPOLLWRBAND	0x00000200u
#define EPOLLMSG	0x00000400u
#define EPOLLRDHUP	0x00002000u
/* Input-only flags (epoll_ctl(2)): never reported as events. */
#define EPOLL_URING_WAKE (1u << 27)
#define EPOLLEXCLUSIVE	(1u << 28)	/* wake one of several epolls on the same file */
#define EPOLLWAKEUP	(1u << 29)
#define EPOLLONESHOT	(1u << 30)	/* disarm after one event */
#define EPOLLET		(1u << 31)	/* edge-triggered */

/*
 * On x86_64 the structure is packed: 12 bytes, data at offset 4, so
 * that 32-bit and 64-bit programs share one layout.
 */
struct epoll_event {
	u32 events;
	u64 data;
} __attribute__((packed));
_Static_assert(offsetof(struct epoll_event, data) == 4, "epoll_event.data");
_Static_assert(sizeof(struct epoll_event) == 12, "epoll_event is 12 bytes");

#endif
