/*
 * Readiness: the one mechanism behind poll, select, ppoll, pselect6 and
 * epoll (docs/design.md §9).
 *
 * f_op->poll(f, pt) returns the file's ready mask now (POLL* bits of
 * <uapi/poll.h>) and, when pt has a qproc, calls poll_wait() for every
 * wait queue whose wake-ups can change that mask.  qproc is the caller's:
 *  - poll/select (fs/select.c) hang a callback entry on each queue that
 *    marks the sleeping task's poll_wqueues triggered and wakes it;
 *  - epoll (fs/eventpoll.c) passes a poll_table embedded in its item's
 *    registration and hangs its own callback entry (container_of from
 *    pt) that moves the item to the ready list, so the same f_op->poll
 *    serves both.
 * Wakers pass the events that happened as the key: wake_up_poll(wq, mask);
 * a callback whose interest (pt->key) does not meet the key ignores it
 * (a key of 0 means "anything may have changed").
 *
 * Rule for f_op->poll implementations: call poll_wait() before computing
 * the mask, so a wake-up between the two is not lost.
 */
#ifndef TERN_POLL_H
#define TERN_POLL_H

#include <tern/fs.h>
#include <tern/wait.h>
#include <uapi/epoll.h>
#include <uapi/poll.h>

/* epoll reports f_op->poll's mask unchanged: the bits are the same numbers. */
_Static_assert(EPOLLIN == POLLIN && EPOLLPRI == POLLPRI && EPOLLOUT == POLLOUT &&
	       EPOLLERR == POLLERR && EPOLLHUP == POLLHUP && EPOLLNVAL == POLLNVAL &&
	       EPOLLRDNORM == POLLRDNORM && EPOLLRDBAND == POLLRDBAND &&
	       EPOLLWRNORM == POLLWRNORM && EPOLLWRBAND == POLLWRBAND &&
	       EPOLLMSG == POLLMSG && EPOLLRDHUP == POLLRDHUP, "EPOLL* == POLL*");

struct poll_table;
typedef void (*poll_queue_proc)(struct file *f, struct wait_queue_head *wq,
				struct poll_table *pt);

struct poll_table {
	poll_queue_proc qproc;	/* NULL: report the mask only */
	u32 key;		/* events the caller waits for */
};

static inline void poll_wait(struct file *f, struct wait_queue_head *wq,
			     struct poll_table *pt)
{
	if (pt && pt->qproc && wq)
		pt->qproc(f, wq, pt);
}

/*
 * A wait queue that is freed while watchers may still hang on it (one
 * that lives shorter than the files polling it) must first call
 * wake_up_pollfree(): every callback then sees POLLFREE in the key and
 * unhooks its entry itself, under the queue's lock, and forgets the
 * queue, so nobody touches it afterwards (docs/design.md, "Readiness").
 * Kernel-internal: never reported to user space (Linux's value).
 */
#define POLLFREE	0x4000u
#define wake_up_pollfree(wq) \
	__wake_up(wq, TASK_INTERRUPTIBLE, 0, (void *)(uintptr_t)(POLLHUP | POLLFREE))
/*
 * Unhook callback entry e from the queue *whead names, unless that queue
 * died first (its POLLFREE callback set *whead to NULL).  The read of
 * *whead and the queue's lock happen with interrupts off, which on one
 * CPU is the grace period Linux gets from RCU (fs/select.c).
 */
void poll_unhook(struct wait_queue_head *const *whead, struct wait_queue_entry *e);

/* Events always reported, asked for or not (poll(2)). */
#define POLL_ALWAYS	(POLLERR | POLLHUP | POLLNVAL)

/*
 * poll/select's table: the sleeping task and one callback entry per
 * (file, wait queue) registered.  Entries live in page-sized chunks.
 */
struct poll_table_entry {
	struct file *filp;		/* reference held until poll_freewait */
	u32 key;
	struct wait_queue_entry wait;
	struct wait_queue_head *wq;
	struct poll_wqueues *owner;
};

struct poll_table_page;

struct poll_wqueues {
	struct poll_table pt;
	struct task *task;
	volatile int triggered;		/* a callback fired since the last scan */
	int error;			/* -ENOMEM while registering */
	struct poll_table_page *pages;
	unsigned int inline_used;
	struct poll_table_entry inline_entries[8];
};

void poll_initwait(struct poll_wqueues *pwq);
void poll_freewait(struct poll_wqueues *pwq);
/*
 * Deadlines are absolute ktime_get_ns() values; POLL_NO_DEADLINE waits
 * forever and 0 means "do not wait at all" (a zero timeout).
 */
#define POLL_NO_DEADLINE	(~0ull)

/*
 * Sleep until a registered queue fires or the deadline passes.  Returns 0
 * when woken or timed out (the caller rescans), -EINTR when a signal is
 * pending.
 */
int poll_schedule_timeout(struct poll_wqueues *pwq, u64 deadline);

/*
 * poll(2) over kernel pollfds: fills revents, returns the count of ready
 * entries, 0 on timeout, -EINTR or -ENOMEM.
 */
struct vfs_ctx;
int do_poll_fds(struct vfs_ctx *c, struct pollfd *fds, unsigned int nfds,
		u64 deadline);
/*
 * select(2) over kernel bitmaps of nfds bits (in/out/ex may be NULL).
 * res has room for three bitmaps (in, out, ex results, each
 * DIV_ROUND_UP(nfds, 64) longs).  Returns the ready bits counted, 0 on
 * timeout, -EBADF when a set names a closed fd, -EINTR, -ENOMEM.
 */
int do_select_fds(struct vfs_ctx *c, unsigned int nfds, unsigned long *in,
		  unsigned long *out, unsigned long *ex, unsigned long *res,
		  u64 deadline);

/*
 * The temporary signal mask of ppoll, pselect6 and epoll_pwait: install
 * *umask (size must be 8), and afterwards restore it, or leave it for
 * the signal delivery to restore when the call ends with EINTR.
 */
int set_user_sigmask(const u64 *umask, size_t size, bool *saved);
void restore_user_sigmask(bool saved, long ret);
/* Absolute deadline (ktime ns) from a relative timespec; EINVAL. */
int ts_deadline(s64 sec, s64 nsec, u64 *deadline);

#endif
