/*
 * epoll(7): epoll_create(2), epoll_create1(2), epoll_ctl(2),
 * epoll_wait(2), epoll_pwait(2), epoll_pwait2(2).
 *
 * An epoll instance (struct eventpoll) holds one item (struct epitem) per
 * watched (open file description, fd) pair, found through a small hash,
 * and a ready list of the items whose files signalled an event since the
 * last look.  Each item hangs a callback entry (struct ep_pwq) on every
 * wait queue its file's ->poll names, through the same poll_table that
 * poll and select use (<tern/poll.h>).  The callback only moves the item
 * onto the ready list and wakes the instance's waiters, so a wait costs
 * O(ready items), not O(watched items).  The full design, the lock order
 * and the POLLFREE rule are in docs/design.md ("Readiness: poll and
 * epoll").
 *
 * Locks, outermost first:
 *   ep_graph_mutex  every change to the set of items (ADD, DEL, close of
 *                   a watched file or of an instance) and every walk of
 *                   the graph of nested instances; also guards each
 *                   file's f_ep_links.
 *   ep->mtx         the item hash and the scans of the ready list; taken
 *                   outer instance before inner (nesting has no cycles).
 *   ep->lock        the ready list and each item's rdlink; the wake-up
 *                   callback takes it under the waker's wait-queue lock,
 *                   so nothing that may take a wait-queue lock or call
 *                   ->poll runs under it.
 * No file's ->poll is ever called with ep->lock held.
 */
#include "sys_internal.h"
#include <tern/eventpoll.h>
#include <tern/fs_syscalls.h>
#include <tern/mutex.h>
#include <tern/poll.h>
#include <tern/sigwait.h>
#include <tern/time.h>
#include <uapi/time.h>

/* epoll_wait(2): EINVAL when maxevents exceeds INT_MAX / sizeof(event). */
#define EP_MAX_EVENTS	(INT32_MAX / (int)sizeof(struct epoll_event))
#define EP_HASH_SIZE	64

/* Flags that configure an item rather than name events. */
#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
/* epoll_ctl(2): what may accompany EPOLLEXCLUSIVE. */
#define EP_EXCLUSIVE_OK	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | \
			 EPOLLET | EPOLLEXCLUSIVE)

struct eventpoll {
	struct mutex mtx;
	spinlock_t lock;
	struct list_head rdllist;		/* struct epitem.rdlink */
	struct wait_queue_head wq;		/* epoll_wait sleepers */
	struct wait_queue_head poll_wait;	/* poll/select/epoll on this fd */
	struct list_head hash[EP_HASH_SIZE];	/* struct epitem.hlink */
	struct file *file;
};

struct epitem;

/* One callback entry on one wait queue of the watched file. */
struct ep_pwq {
	struct ep_pwq *next;
	struct epitem *epi;
	struct wait_queue_entry wait;
	/* NULL once the queue's owner freed it (POLLFREE). */
	struct wait_queue_head *whead;
};

struct epitem {
	struct list_head hlink;		/* ep->hash bucket */
	struct list_head rdlink;	/* ep->rdllist, or empty */
	struct list_head fllink;	/* file->f_ep_links */
	struct eventpoll *ep;
	struct file *file;		/* not a reference: see fput's hook */
	int fd;
	u32 events;			/* interest, EPOLLERR|EPOLLHUP included */
	u64 data;
	struct ep_pwq *pwqs;
	int nwait;			/* -1: registering failed (ENOMEM) */
};

/* Registering an item: ->poll's qproc gets this poll_table. */
struct ep_pqueue {
	struct poll_table pt;
	struct epitem *epi;
};

static DEFINE_MUTEX(ep_graph_mutex);
static const struct file_operations eventpoll_fops;

static bool is_file_epoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

static unsigned int ep_hash(struct file *f, int fd)
{
	return (unsigned int)(((uintptr_t)f >> 6) ^ (unsigned int)fd) % EP_HASH_SIZE;
}

/* ep->mtx held. */
static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->hash[ep_hash(f, fd)], hlink)
		if (epi->file == f && epi->fd == fd)
			return epi;
	return NULL;
}

/*
 * The wake-up callback: runs under the waker's wait-queue lock with
 * interrupts off.  Takes only ep->lock, then wakes the instance's own
 * queues (whose callbacks, for a nested instance, do the same one level
 * up; the nesting bound keeps that chain short).  Returns nonzero when
 * it woke a waiter, or always for a non-exclusive item, so that an
 * EPOLLEXCLUSIVE wake-up stops at the first instance that had one.
 */
static int ep_poll_callback(struct wait_queue_entry *w, unsigned mode, int flags, void *key)
{
	struct ep_pwq *pwq = container_of(w, struct ep_pwq, wait);
	struct epitem *epi = pwq->epi;
	struct eventpoll *ep = epi->ep;
	u32 events = (u32)(uintptr_t)key;
	unsigned long fl;
	int woke = 0;

	(void)flags;
	if (events & POLLFREE) {
		/* The queue dies after this call: unhook under its lock. */
		list_del_init(&w->entry);
		WRITE_ONCE(pwq->whead, NULL);
	}
	fl = spin_lock_irqsave(&ep->lock);
	if (!(epi->events & ~EP_PRIVATE_BITS) ||		/* disarmed oneshot */
	    (events && !(events & epi->events))) {
		spin_unlock_irqrestore(&ep->lock, fl);
		return 0;
	}
	if (list_empty(&epi->rdlink))
		list_add_tail(&epi->rdlink, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, fl);
	if (waitqueue_active(&ep->wq))
		woke = __wake_up(&ep->wq, mode, 1, NULL);
	if (waitqueue_active(&ep->poll_wait))
		woke += __wake_up(&ep->poll_wait, mode, 1, (void *)(uintptr_t)EPOLLIN);
	return (epi->events & EPOLLEXCLUSIVE) ? woke : 1;
}

/* The qproc of an item's registration: one callback entry per queue. */
static void ep_ptable_queue_proc(struct file *f, struct wait_queue_head *wq,
				 struct poll_table *pt)
{
	struct ep_pqueue *epq = container_of(pt, struct ep_pqueue, pt);
	struct epitem *epi = epq->epi;
	struct ep_pwq *pwq;

	(void)f;
	if (epi->nwait < 0)
		return;
	pwq = kzalloc(sizeof(*pwq));
	if (!pwq) {
		epi->nwait = -1;
		return;
	}
	init_waitqueue_func_entry(&pwq->wait, ep_poll_callback);
	pwq->epi = epi;
	pwq->whead = wq;
	pwq->next = epi->pwqs;
	epi->pwqs = pwq;
	epi->nwait++;
	if (epi->events & EPOLLEXCLUSIVE)
		add_wait_queue_exclusive(wq, &pwq->wait);
	else
		add_wait_queue(wq, &pwq->wait);
}

/* Unhook every callback entry of epi (no ep->lock held). */
static void ep_unregister_pollwait(struct epitem *epi)
{
	while (epi->pwqs) {
		struct ep_pwq *pwq = epi->pwqs;

		poll_unhook(&pwq->whead, &pwq->wait);
		epi->pwqs = pwq->next;
		kfree(pwq);
	}
}

/* ep_graph_mutex and ep->mtx held.  Forget epi entirely. */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long fl;

	ep_unregister_pollwait(epi);
	list_del_init(&epi->fllink);
	list_del_init(&epi->hlink);
	fl = spin_lock_irqsave(&ep->lock);
	if (!list_empty(&epi->rdlink))
		list_del_init(&epi->rdlink);
	spin_unlock_irqrestore(&ep->lock, fl);
	kfree(epi);
}

/* Ask the item's file for its events now (pt NULL: do not register). */
static u32 ep_item_poll(struct epitem *epi, struct poll_table *pt)
{
	return vfs_poll(epi->file, pt) & epi->events;
}

static void ep_mark_ready(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long fl = spin_lock_irqsave(&ep->lock);

	if (list_empty(&epi->rdlink))
		list_add_tail(&epi->rdlink, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, fl);
}

/* Wake this instance's waiters after ctl made an item ready. */
static void ep_wake(struct eventpoll *ep)
{
	if (waitqueue_active(&ep->wq))
		wake_up(&ep->wq);
	if (waitqueue_active(&ep->poll_wait))
		wake_up_poll(&ep->poll_wait, EPOLLIN);
}

/* Move every entry of from to the front of to; from ends up empty. */
static void ep_splice_front(struct list_head *from, struct list_head *to)
{
	struct list_head *first = from->next, *last = from->prev;

	if (list_empty(from))
		return;
	last->next = to->next;
	to->next->prev = last;
	to->next = first;
	first->prev = to;
	INIT_LIST_HEAD(from);
}

/*
 * Take the ready list into *tx (ep->mtx held).  Callbacks that fire while
 * the caller works on tx put items back on ep->rdllist, unless the item
 * is still on tx: it is polled afterwards anyway, so nothing is lost.
 */
static void ep_take_ready(struct eventpoll *ep, struct list_head *tx)
{
	unsigned long fl = spin_lock_irqsave(&ep->lock);

	ep_splice_front(&ep->rdllist, tx);
	spin_unlock_irqrestore(&ep->lock, fl);
}

/* Put what the caller did not get to back at the head (round robin). */
static void ep_give_back(struct eventpoll *ep, struct list_head *tx)
{
	unsigned long fl = spin_lock_irqsave(&ep->lock);

	ep_splice_front(tx, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, fl);
}

/* Remove epi from tx (ep->lock: callbacks look at rdlink). */
static void ep_detach(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long fl = spin_lock_irqsave(&ep->lock);

	list_del_init(&epi->rdlink);
	spin_unlock_irqrestore(&ep->lock, fl);
}

/*
 * Report up to maxevents ready items to uev (ep->mtx held, no spinlock:
 * copy_to_user may fault).  A level-triggered item that was reported goes
 * back to the tail of the ready list (so the next wait looks at it again
 * and every ready item gets its turn); an edge-triggered one waits for
 * the next callback; a oneshot one is disarmed until EPOLL_CTL_MOD.
 * Returns the count, or -EFAULT when not even the first could be stored.
 */
static int ep_send_events(struct eventpoll *ep, struct epoll_event *uev, int maxevents)
{
	LIST_HEAD(tx);
	int n = 0;

	ep_take_ready(ep, &tx);
	while (n < maxevents && !list_empty(&tx)) {
		struct epitem *epi = list_first_entry(&tx, struct epitem, rdlink);
		struct epoll_event ev;
		u32 revents;

		ep_detach(ep, epi);
		revents = ep_item_poll(epi, NULL);
		if (!revents)
			continue;
		ev.events = revents;
		ev.data = epi->data;
		if (copy_to_user(&uev[n], &ev, sizeof(ev))) {
			ep_mark_ready(ep, epi);
			if (!n)
				n = -EFAULT;
			break;
		}
		n++;
		if (epi->events & EPOLLONESHOT)
			epi->events &= EP_PRIVATE_BITS;
		else if (!(epi->events & EPOLLET))
			ep_mark_ready(ep, epi);
	}
	ep_give_back(ep, &tx);
	return n;
}

/*
 * ->poll of an epoll file (nested epoll, or poll/select on it): readable
 * when some ready item really has an event.  Items found not ready are
 * dropped from the ready list, as a wait would.  The nesting limit
 * bounds the recursion through nested instances (their ->poll comes
 * back here, taking inner ep->mtx under outer ones).
 */
static u32 ep_eventpoll_poll(struct file *f, struct poll_table *pt)
{
	struct eventpoll *ep = f->private_data;
	LIST_HEAD(tx);
	u32 mask = 0;

	poll_wait(f, &ep->poll_wait, pt);
	mutex_lock(&ep->mtx);
	ep_take_ready(ep, &tx);
	while (!list_empty(&tx)) {
		struct epitem *epi = list_first_entry(&tx, struct epitem, rdlink);

		if (ep_item_poll(epi, NULL)) {
			mask = EPOLLIN | EPOLLRDNORM;
			break;
		}
		ep_detach(ep, epi);
	}
	ep_give_back(ep, &tx);
	mutex_unlock(&ep->mtx);
	return mask;
}

/* Last close of an epoll file: its items go (their files stay open). */
static int ep_eventpoll_release(struct inode *inode, struct file *f)
{
	struct eventpoll *ep = f->private_data;

	(void)inode;
	mutex_lock(&ep_graph_mutex);
	mutex_lock(&ep->mtx);
	for (unsigned int i = 0; i < EP_HASH_SIZE; i++)
		while (!list_empty(&ep->hash[i]))
			ep_remove(ep, list_first_entry(&ep->hash[i], struct epitem, hlink));
	mutex_unlock(&ep->mtx);
	mutex_unlock(&ep_graph_mutex);
	kfree(ep);
	return 0;
}

static const struct file_operations eventpoll_fops = {
	.poll = ep_eventpoll_poll,
	.release = ep_eventpoll_release,
};

/*
 * fput's hook: the last reference to f is gone, so every item that
 * watches it goes too (epoll(7): an item lives as long as its open file
 * description, not its fd).  Runs before f's ->release, while its wait
 * queues still exist.
 */
void eventpoll_release_file(struct file *f)
{
	mutex_lock(&ep_graph_mutex);
	while (!list_empty(&f->f_ep_links)) {
		struct epitem *epi = list_first_entry(&f->f_ep_links, struct epitem, fllink);
		struct eventpoll *ep = epi->ep;

		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&ep_graph_mutex);
}

/* ---- the graph of nested instances (ep_graph_mutex held) ---- */

/*
 * Levels of epoll instances above f: 0 when no instance watches f, 1 when
 * only instances nobody watches do, and so on.  Stops counting past
 * EP_MAX_NESTS + 1 (the graph has no cycles, so this terminates).
 */
static int ep_depth_above(struct file *f, int limit)
{
	struct epitem *epi;
	int best = 0;

	if (limit <= 0)
		return 0;
	list_for_each_entry(epi, &f->f_ep_links, fllink) {
		int d = 1 + ep_depth_above(epi->ep->file, limit - 1);

		if (d > best)
			best = d;
	}
	return best;
}

struct ep_walk {
	struct eventpoll *target;	/* reaching it means a cycle */
	bool loop;
	int max_epolls;			/* longest chain of instances below */
};

/*
 * Visit the instances below ep (ep counts as level `level`): notes a
 * cycle back to w->target and the longest chain.  The recursion stops
 * two levels past the bound, so its cost stays small.
 */
static void ep_walk_down(struct eventpoll *ep, int level, struct ep_walk *w)
{
	if (w->loop)
		return;
	if (level > w->max_epolls)
		w->max_epolls = level;
	if (level > EP_MAX_NESTS + 2)
		return;		/* deep enough to fail: stop recursing */
	for (unsigned int i = 0; i < EP_HASH_SIZE; i++) {
		struct epitem *epi;

		list_for_each_entry(epi, &ep->hash[i], hlink) {
			if (!is_file_epoll(epi->file))
				continue;
			struct eventpoll *sub = epi->file->private_data;

			if (sub == w->target) {
				w->loop = true;
				return;
			}
			ep_walk_down(sub, level + 1, w);
		}
	}
}

/*
 * May ep start watching tf?  -ELOOP when tf is an instance that reaches
 * ep (a cycle), or when the new edge makes a chain of more than
 * EP_MAX_NESTS instances (epoll_ctl(2) "nesting depth"; Linux 6.1.192
 * answers ELOOP for that too, with or without a file at the bottom).
 * -EINVAL when a plain file would end up under more than EP_MAX_NESTS
 * instances (the chain rule already prevents it; kept as the bound).
 * linux-compat: Linux also limits how many paths lead up from one file
 * (reverse_path_check's per-depth counts); Tern checks only lengths.
 */
static int ep_check_nesting(struct eventpoll *ep, struct file *tf)
{
	int above = 1 + ep_depth_above(ep->file, EP_MAX_NESTS + 2);
	struct ep_walk w = { .target = ep };

	if (!is_file_epoll(tf))
		return above > EP_MAX_NESTS ? -EINVAL : 0;
	ep_walk_down(tf->private_data, 1, &w);
	if (w.loop || above + w.max_epolls > EP_MAX_NESTS)
		return -ELOOP;
	return 0;
}

/* ---- epoll_ctl ---- */

/* ep_graph_mutex and ep->mtx held. */
static int ep_insert(struct eventpoll *ep, const struct epoll_event *ev,
		     struct file *tf, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi));
	struct ep_pqueue epq;
	u32 revents;

	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdlink);
	epi->ep = ep;
	epi->file = tf;
	epi->fd = fd;
	epi->events = ev->events;
	epi->data = ev->data;
	list_add_tail(&epi->hlink, &ep->hash[ep_hash(tf, fd)]);
	list_add_tail(&epi->fllink, &tf->f_ep_links);
	epq.pt.qproc = ep_ptable_queue_proc;
	epq.pt.key = epi->events;
	epq.epi = epi;
	revents = vfs_poll(tf, &epq.pt) & epi->events;
	if (epi->nwait < 0) {
		ep_remove(ep, epi);
		return -ENOMEM;
	}
	if (revents) {
		ep_mark_ready(ep, epi);
		ep_wake(ep);
	}
	return 0;
}

/* ep->mtx held: new interest and data; ready now means on the list. */
static void ep_modify(struct eventpoll *ep, struct epitem *epi, const struct epoll_event *ev)
{
	unsigned long fl = spin_lock_irqsave(&ep->lock);

	epi->events = ev->events;
	epi->data = ev->data;
	spin_unlock_irqrestore(&ep->lock, fl);
	if (ep_item_poll(epi, NULL)) {
		ep_mark_ready(ep, epi);
		ep_wake(ep);
	}
}

static bool op_has_event(int op)
{
	return op != EPOLL_CTL_DEL;
}

long sys_epoll_ctl(int epfd, int op, int fd, void *uevent)
{
	struct epoll_event ev = { 0, 0 };
	struct file *f, *tf;
	struct eventpoll *ep;
	struct epitem *epi;
	long err;

	/* The order of the checks is Linux's (it decides which errno wins). */
	if (op_has_event(op) && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	f = fdget(epfd, &err);
	if (!f)
		return err;
	tf = fdget(fd, &err);
	if (!tf)
		goto out_f;
	/* O_PATH descriptors are not files to epoll (EBADF, as Linux). */
	err = -EBADF;
	if ((f->f_mode | tf->f_mode) & FMODE_PATH)
		goto out_tf;
	err = -EPERM;
	if (!tf->f_op->poll)
		goto out_tf;
	err = -EINVAL;
	if (!is_file_epoll(f) || f == tf)
		goto out_tf;
	if (op_has_event(op) && (ev.events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD || is_file_epoll(tf) ||
		    (ev.events & ~EP_EXCLUSIVE_OK))
			goto out_tf;
	}
	ep = f->private_data;
	mutex_lock(&ep_graph_mutex);
	mutex_lock(&ep->mtx);
	epi = ep_find(ep, tf, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi) {
			err = -EEXIST;
			break;
		}
		err = ep_check_nesting(ep, tf);
		if (err)
			break;
		/* epoll_ctl(2): EPOLLERR and EPOLLHUP are always reported. */
		ev.events |= EPOLLERR | EPOLLHUP;
		err = ep_insert(ep, &ev, tf, fd);
		break;
	case EPOLL_CTL_DEL:
		err = -ENOENT;
		if (epi) {
			ep_remove(ep, epi);
			err = 0;
		}
		break;
	case EPOLL_CTL_MOD:
		err = -ENOENT;
		if (epi) {
			err = -EINVAL;
			if (!(epi->events & EPOLLEXCLUSIVE)) {
				ev.events |= EPOLLERR | EPOLLHUP;
				ep_modify(ep, epi, &ev);
				err = 0;
			}
		}
		break;
	default:
		err = -EINVAL;
		break;
	}
	mutex_unlock(&ep->mtx);
	mutex_unlock(&ep_graph_mutex);
out_tf:
	fput(tf);
out_f:
	fput(f);
	return err;
}

/* ---- creating an instance ---- */

long anon_inode_getfd(const char *name, const struct file_operations *fops,
		      void *priv, int flags, struct file **out)
{
	struct vfs_ctx c;
	struct file *f;
	int fd, e;
	long err = get_ctx(&c);

	if (err)
		return err;
	fd = get_unused_fd(c.files, 0, c.nofile, flags & O_CLOEXEC);
	if (fd < 0)
		return fd;
	f = anon_inode_getfile(name, fops, priv, O_RDWR | (flags & O_NONBLOCK), &e);
	if (!f) {
		put_unused_fd(c.files, fd);
		return e;
	}
	if (out)
		*out = f;
	fd_install(c.files, fd, f);
	return fd;
}

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	long fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	mutex_init(&ep->mtx, "eventpoll");
	spin_lock_init(&ep->lock, "eventpoll");
	INIT_LIST_HEAD(&ep->rdllist);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	for (unsigned int i = 0; i < EP_HASH_SIZE; i++)
		INIT_LIST_HEAD(&ep->hash[i]);
	file_ep_release = eventpoll_release_file;
	/* ep->file is set before the fd is installed. */
	fd = anon_inode_getfd("anon_inode:[eventpoll]", &eventpoll_fops, ep,
			      flags & EPOLL_CLOEXEC, &ep->file);
	if (fd < 0)
		kfree(ep);
	return fd;
}

long sys_epoll_create1(int flags)
{
	return do_epoll_create(flags);
}

long sys_epoll_create(int size)
{
	/* epoll_create(2): size is a hint, but must be positive. */
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

/* ---- waiting ---- */

/*
 * Wait until some item reports events, the deadline passes (0: do not
 * wait; POLL_NO_DEADLINE: forever) or a signal arrives (EINTR: epoll_wait
 * is never restarted, signal(7)).
 */
static long do_epoll_wait(int epfd, void *uevents, int maxevents, u64 deadline)
{
	struct eventpoll *ep;
	struct file *f;
	long err;

	if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(uevents, (size_t)maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	f = fdget(epfd, &err);
	if (!f)
		return err;
	if (!is_file_epoll(f) || (f->f_mode & FMODE_PATH)) {
		fput(f);
		return -EINVAL;
	}
	ep = f->private_data;
	for (;;) {
		DEFINE_WAIT(w);
		unsigned long fl;
		bool avail;

		mutex_lock(&ep->mtx);
		err = ep_send_events(ep, uevents, maxevents);
		mutex_unlock(&ep->mtx);
		if (err)
			break;
		if (!deadline)
			break;
		/* Exclusive: one event wakes one waiter of this instance. */
		prepare_to_wait_exclusive(&ep->wq, &w, TASK_INTERRUPTIBLE);
		fl = spin_lock_irqsave(&ep->lock);
		avail = !list_empty(&ep->rdllist);
		spin_unlock_irqrestore(&ep->lock, fl);
		if (!avail) {
			u64 now = ktime_get_ns();

			if (file_signal_pending()) {
				finish_wait(&ep->wq, &w);
				err = -EINTR;
				break;
			}
			if (deadline != POLL_NO_DEADLINE && now >= deadline) {
				finish_wait(&ep->wq, &w);
				break;
			}
			if (deadline == POLL_NO_DEADLINE)
				schedule();
			else
				schedule_timeout(deadline - now);
		}
		finish_wait(&ep->wq, &w);
	}
	fput(f);
	return err;
}

static u64 ms_deadline(int timeout_ms)
{
	if (timeout_ms < 0)
		return POLL_NO_DEADLINE;
	if (timeout_ms == 0)
		return 0;
	return ktime_get_ns() + (u64)timeout_ms * NSEC_PER_MSEC;
}

long sys_epoll_wait(int epfd, void *events, int maxevents, int timeout)
{
	return do_epoll_wait(epfd, events, maxevents, ms_deadline(timeout));
}

static long epoll_pwait_common(int epfd, void *events, int maxevents, u64 deadline,
			       const u64 *sigmask, size_t sigsetsize)
{
	bool saved;
	long ret = set_user_sigmask(sigmask, sigsetsize, &saved);

	if (ret)
		return ret;
	ret = do_epoll_wait(epfd, events, maxevents, deadline);
	restore_user_sigmask(saved, ret);
	return ret;
}

long sys_epoll_pwait(int epfd, void *events, int maxevents, int timeout,
		     const u64 *sigmask, size_t sigsetsize)
{
	return epoll_pwait_common(epfd, events, maxevents, ms_deadline(timeout), sigmask,
				  sigsetsize);
}

long sys_epoll_pwait2(int epfd, void *events, int maxevents, const void *utimeout,
		      const u64 *sigmask, size_t sigsetsize)
{
	u64 deadline = POLL_NO_DEADLINE;

	if (utimeout) {
		struct __kernel_timespec ts;
		long err;

		if (copy_from_user(&ts, utimeout, sizeof(ts)))
			return -EFAULT;
		err = ts_deadline(ts.tv_sec, ts.tv_nsec, &deadline);
		if (err)
			return err;
	}
	return epoll_pwait_common(epfd, events, maxevents, deadline, sigmask, sigsetsize);
}
