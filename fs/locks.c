/*
 * fs/locks.c - advisory file locks: POSIX record locks, open file
 * description (OFD) locks and flock(2) locks (fcntl(2) "Advisory record
 * locking", "Open file description locks"; flock(2); proc_locks(5)).
 *
 * Every lock is one struct file_lock on a single list.  As in Linux's
 * per-inode list, one owner's locks on an inode are kept together and in
 * order of their start, and a new owner's go to the end: F_GETLK reports
 * the first conflicting lock in that order (of one owner, the lowest),
 * and /proc/locks shows it.  The list, the waiters and
 * every lock's fields are guarded by locks_lock, a spinlock never held
 * across a user copy or a sleep; waiters sleep on locks_wq, which any
 * release wakes whole (each waiter looks again).
 *
 * Owners, as on Linux:
 *  - a POSIX lock belongs to the fd table of the process that set it
 *    (threads share it; fork gives the child a new table, so locks are
 *    not inherited; exec keeps it, so they are kept).  Closing any fd for
 *    the file through that table drops all of the table's locks on it.
 *  - an OFD or flock lock belongs to the open file description; it goes
 *    with the description's last reference.
 * POSIX and OFD locks conflict with each other (different owners); flock
 * locks conflict only with flock locks.  Two locks conflict when their
 * owners differ, their byte ranges overlap and either is a write lock.
 *
 * Leases are a second list under the same lock and wait queue: one per
 * open file description that set one (it goes with the last fput).  An
 * open that conflicts (any open against a write lease, an open for
 * writing or a truncate against a read lease) starts a break: the holder
 * gets its owner's signal (F_SETOWN, which F_SETLEASE sets to the caller;
 * F_SETSIG's signal with POLL_MSG and si_fd), F_GETLEASE then reports what
 * the lease must become, and the opener sleeps until the holder gives
 * way (F_SETLEASE F_UNLCK, or F_RDLCK for a reader) or lease-break-time
 * seconds pass, after which the kernel does it for the holder.
 */
#include <tern/capability.h>
#include <tern/errno.h>
#include <tern/fdtable.h>
#include <tern/fs.h>
#include <tern/kernel.h>
#include <tern/list.h>
#include <tern/proc_fs.h>
#include <tern/process.h>
#include <tern/sched.h>
#include <tern/sigwait.h>
#include <tern/slab.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <tern/wait.h>

#include "locks.h"

#define OFFSET_MAX	INT64_MAX
/* How far the deadlock search follows waiters (Linux's bound too). */
#define DEADLOCK_STEPS	10

enum lock_kind { LK_POSIX, LK_OFD, LK_FLOCK };

struct file_lock {
	struct list_head node;		/* on all_locks, in grant order */
	struct inode *inode;
	const void *owner;		/* POSIX: files_struct; OFD, flock: file */
	enum lock_kind kind;
	int type;			/* F_RDLCK or F_WRLCK */
	int pid;			/* the setter's tgid (POSIX, flock) */
	s64 start, end;			/* inclusive; end OFFSET_MAX: to EOF */
};

/* A task sleeping for a POSIX lock: what the deadlock search walks. */
struct lock_waiter {
	struct list_head node;
	const void *owner;		/* who waits */
	const void *blocker;		/* the owner of the lock in its way */
};

static DEFINE_SPINLOCK(locks_lock);
static LIST_HEAD(all_locks);
static LIST_HEAD(all_leases);
static LIST_HEAD(waiters);
static DECLARE_WAIT_QUEUE_HEAD(locks_wq);

static bool overlap(const struct file_lock *a, s64 start, s64 end)
{
	return a->start <= end && a->end >= start;
}

/* Overlapping or touching: [a] and [start, end] make one range. */
static bool touches(const struct file_lock *a, s64 start, s64 end)
{
	return (end == OFFSET_MAX || a->start <= end + 1) &&
	       (a->end == OFFSET_MAX || a->end + 1 >= start);
}

static bool same_space(enum lock_kind a, enum lock_kind b)
{
	return (a == LK_FLOCK) == (b == LK_FLOCK);
}

static bool conflicts(const struct file_lock *l, const struct file_lock *req)
{
	return l->inode == req->inode && same_space(l->kind, req->kind) &&
	       l->owner != req->owner && overlap(l, req->start, req->end) &&
	       (l->type == F_WRLCK || req->type == F_WRLCK);
}

static struct file_lock *find_conflict(const struct file_lock *req)
{
	struct file_lock *l;

	list_for_each_entry(l, &all_locks, node)
		if (conflicts(l, req))
			return l;
	return NULL;
}

static void drop(struct file_lock *l)
{
	list_del_init(&l->node);
	kfree(l);
}

static bool same_owner(const struct file_lock *a, const struct file_lock *b)
{
	return a->owner == b->owner && a->inode == b->inode &&
	       same_space(a->kind, b->kind);
}

/*
 * Inserts req among its owner's locks on the inode, before the first
 * that starts after it, else after the last of them, else at the end.
 * locks_lock held.
 */
static void insert_sorted(struct file_lock *req)
{
	struct list_head *at = &all_locks;
	struct file_lock *l;

	list_for_each_entry(l, &all_locks, node) {
		if (!same_owner(l, req))
			continue;
		if (l->start > req->start) {
			list_add_tail(&req->node, &l->node);
			return;
		}
		at = &l->node;
	}
	if (at == &all_locks)
		list_add_tail(&req->node, &all_locks);
	else
		list_add(&req->node, at);
}

/*
 * Makes the owner's locks on the inode over [req->start, req->end] what
 * req says (an unlock removes them): same-type neighbours merge into req,
 * others are trimmed or split around it.  `spare` is a preallocated lock
 * for a split (set to NULL when used); req is inserted unless it unlocks
 * (and then freed).  locks_lock held.
 */
static void apply(struct file_lock *req, struct file_lock **spare, bool unlock)
{
	struct file_lock *l, *n;

	list_for_each_entry_safe(l, n, &all_locks, node) {
		if (!same_owner(l, req))
			continue;
		if (!unlock && l->type == req->type && touches(l, req->start, req->end)) {
			req->start = MIN(req->start, l->start);
			req->end = MAX(req->end, l->end);
			drop(l);
			continue;
		}
		if (!overlap(l, req->start, req->end))
			continue;
		bool left = l->start < req->start, right = l->end > req->end;

		if (left && right) {
			struct file_lock *r = *spare;

			*spare = NULL;
			*r = *l;
			r->start = req->end + 1;
			l->end = req->start - 1;
			list_add(&r->node, &l->node);
		} else if (left) {
			l->end = req->start - 1;
		} else if (right) {
			l->start = req->end + 1;
		} else {
			drop(l);
		}
	}
	if (unlock)
		kfree(req);
	else
		insert_sorted(req);
}

/* A POSIX waiter for `blocker` would close a cycle back to `owner`. */
static bool would_deadlock(const void *owner, const void *blocker)
{
	for (int i = 0; i < DEADLOCK_STEPS; i++) {
		struct lock_waiter *w, *found = NULL;

		if (blocker == owner)
			return true;
		list_for_each_entry(w, &waiters, node)
			if (w->owner == blocker) {
				found = w;
				break;
			}
		if (!found)
			return false;
		blocker = found->blocker;
	}
	return false;
}

/*
 * Grants req (consumed) or fails: -EAGAIN when it conflicts and `wait`
 * is false, -EDEADLK when waiting would deadlock (POSIX), -ERESTARTSYS
 * when a signal ends the wait, -ENOLCK without memory.
 */
static long lock_request(struct file_lock *req, bool unlock, bool wait)
{
	struct file_lock *spare = kmalloc(sizeof(*spare));
	struct lock_waiter me = { .owner = req->owner };
	long err = 0;

	if (!spare) {
		kfree(req);
		return -ENOLCK;
	}
	INIT_LIST_HEAD(&me.node);
	for (;;) {
		DEFINE_WAIT(w);
		struct file_lock *c;

		spin_lock(&locks_lock);
		c = unlock ? NULL : find_conflict(req);
		if (!c)
			break;		/* granted, with locks_lock held */
		if (!wait)
			err = -EAGAIN;
		else if (req->kind == LK_POSIX && would_deadlock(req->owner, c->owner))
			err = -EDEADLK;
		if (err) {
			spin_unlock(&locks_lock);
			goto out;
		}
		/* Only POSIX waiters take part in deadlock detection. */
		me.blocker = c->owner;
		if (req->kind == LK_POSIX)
			list_add_tail(&me.node, &waiters);
		prepare_to_wait(&locks_wq, &w, TASK_INTERRUPTIBLE);
		spin_unlock(&locks_lock);
		if (!file_signal_pending())
			schedule();
		finish_wait(&locks_wq, &w);
		spin_lock(&locks_lock);
		list_del_init(&me.node);
		spin_unlock(&locks_lock);
		if (file_signal_pending()) {
			err = -ERESTARTSYS;
			goto out;
		}
	}
	apply(req, &spare, unlock);	/* consumes req */
	spin_unlock(&locks_lock);
	wake_up_all(&locks_wq);
	kfree(spare);
	return 0;
out:
	kfree(req);
	kfree(spare);
	return err;
}

/* Removes every lock matching (inode or any, owner, kinds). */
static void remove_locks(const struct inode *inode, const void *owner, unsigned int kinds)
{
	struct file_lock *l, *n;
	bool any = false;

	spin_lock(&locks_lock);
	list_for_each_entry_safe(l, n, &all_locks, node)
		if (l->owner == owner && (!inode || l->inode == inode) &&
		    (kinds & (1u << l->kind))) {
			drop(l);
			any = true;
		}
	spin_unlock(&locks_lock);
	if (any)
		wake_up_all(&locks_wq);
}

void locks_remove_posix(struct file *f, struct files_struct *owner)
{
	if (f && !list_empty(&all_locks))
		remove_locks(f->f_inode, owner, 1u << LK_POSIX);
}

static void lease_remove_file(struct file *f);

void locks_remove_file(struct file *f)
{
	if (!list_empty(&all_locks))
		remove_locks(NULL, f, (1u << LK_OFD) | (1u << LK_FLOCK));
	if (!list_empty(&all_leases))
		lease_remove_file(f);
}

/* ---- fcntl(2): F_GETLK, F_SETLK, F_SETLKW and the OFD forms ---- */

/*
 * The byte range a struct flock names, from l_whence, l_start and l_len
 * (negative: the l_len bytes before l_start; 0: to the end of file, and
 * however far it grows).  EINVAL for a range starting before byte 0,
 * EOVERFLOW past the largest offset.
 */
static long flock_range(struct file *f, const struct flock *fl, s64 *start, s64 *end)
{
	s64 base;

	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		spin_lock(&f->f_lock);
		base = f->f_pos;
		spin_unlock(&f->f_lock);
		break;
	case SEEK_END:
		base = (s64)f->f_inode->i_size;
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, fl->l_start, start))
		return -EOVERFLOW;
	if (fl->l_len > 0) {
		if (__builtin_add_overflow(*start, fl->l_len - 1, end))
			return -EOVERFLOW;
	} else if (fl->l_len < 0) {
		*end = *start - 1;
		if (__builtin_add_overflow(*start, fl->l_len, start))
			return -EINVAL;
	} else {
		*end = OFFSET_MAX;
	}
	return *start < 0 ? -EINVAL : 0;
}

static bool is_ofd(unsigned int cmd)
{
	return cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
}

long fcntl_lock(struct file *f, struct files_struct *files, unsigned int cmd, void *ufl)
{
	struct flock fl;
	struct file_lock *req;
	s64 start, end;
	long err;

	if (copy_from_user(&fl, ufl, sizeof(fl)))
		return -EFAULT;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && fl.l_type != F_UNLCK)
		return -EINVAL;
	/* fcntl(2): an OFD request must say l_pid 0. */
	if (is_ofd(cmd) && fl.l_pid)
		return -EINVAL;
	err = flock_range(f, &fl, &start, &end);
	if (err)
		return err;
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		struct file_lock probe = {
			.inode = f->f_inode, .owner = is_ofd(cmd) ? (const void *)f : files,
			.kind = is_ofd(cmd) ? LK_OFD : LK_POSIX, .type = fl.l_type,
			.start = start, .end = end,
		};
		struct file_lock *c;

		if (fl.l_type == F_UNLCK)
			return -EINVAL;
		spin_lock(&locks_lock);
		c = find_conflict(&probe);
		if (c) {
			fl.l_type = (s16)c->type;
			fl.l_whence = SEEK_SET;
			fl.l_start = c->start;
			fl.l_len = c->end == OFFSET_MAX ? 0 : c->end - c->start + 1;
			fl.l_pid = c->kind == LK_OFD ? -1 : c->pid;
		} else {
			fl.l_type = F_UNLCK;
		}
		spin_unlock(&locks_lock);
		return copy_to_user(ufl, &fl, sizeof(fl)) ? -EFAULT : 0;
	}
	if ((fl.l_type == F_RDLCK && !(f->f_mode & FMODE_READ)) ||
	    (fl.l_type == F_WRLCK && !(f->f_mode & FMODE_WRITE)))
		return -EBADF;
	req = kzalloc(sizeof(*req));
	if (!req)
		return -ENOLCK;
	INIT_LIST_HEAD(&req->node);
	req->inode = f->f_inode;
	req->owner = is_ofd(cmd) ? (const void *)f : files;
	req->kind = is_ofd(cmd) ? LK_OFD : LK_POSIX;
	req->type = fl.l_type;
	req->pid = current->proc ? current->proc->pid : 0;
	req->start = start;
	req->end = end;
	return lock_request(req, fl.l_type == F_UNLCK, cmd == F_SETLKW || cmd == F_OFD_SETLKW);
}

/* ---- flock(2) ---- */

long flock_lock(struct file *f, unsigned int op)
{
	unsigned int kind = op & ~LOCK_NB;
	struct file_lock *req;

	if (kind != LOCK_SH && kind != LOCK_EX && kind != LOCK_UN)
		return -EINVAL;
	/*
	 * A conversion is not atomic (flock(2)): the old lock goes first,
	 * waking whoever waited for it, then the new one is asked for.
	 */
	remove_locks(f->f_inode, f, 1u << LK_FLOCK);
	if (kind == LOCK_UN)
		return 0;
	req = kzalloc(sizeof(*req));
	if (!req)
		return -ENOLCK;
	INIT_LIST_HEAD(&req->node);
	req->inode = f->f_inode;
	req->owner = f;
	req->kind = LK_FLOCK;
	req->type = kind == LOCK_EX ? F_WRLCK : F_RDLCK;
	req->pid = current->proc ? current->proc->pid : 0;
	req->start = 0;
	req->end = OFFSET_MAX;
	return lock_request(req, false, !(op & LOCK_NB));
}

/* ---- leases ---- */

#define NO_BREAK	(-1)

struct lease {
	struct list_head node;		/* on all_leases, in grant order */
	struct inode *inode;
	struct file *file;		/* the holder (not a reference: fput drops it) */
	int fd;				/* si_fd of the break signal */
	int pid;			/* the setter's tgid (/proc/locks) */
	int type;			/* F_RDLCK or F_WRLCK */
	int target;			/* breaking to F_RDLCK or F_UNLCK, or NO_BREAK */
	u64 deadline;			/* when the kernel breaks it itself */
};

/* /proc/sys/fs/lease-break-time, seconds (Linux's default). */
static int lease_break_time = 45;

static struct lease *find_lease(const struct file *f)
{
	struct lease *l;

	list_for_each_entry(l, &all_leases, node)
		if (l->file == f)
			return l;
	return NULL;
}

/* locks_lock held. */
static void drop_lease(struct lease *l)
{
	list_del_init(&l->node);
	kfree(l);
}

static void lease_remove_file(struct file *f)
{
	struct lease *l;

	spin_lock(&locks_lock);
	l = find_lease(f);
	if (l)
		drop_lease(l);
	spin_unlock(&locks_lock);
	if (l)
		wake_up_all(&locks_wq);
}

long fcntl_getlease(struct file *f)
{
	struct lease *l;
	long type = F_UNLCK;

	spin_lock(&locks_lock);
	l = find_lease(f);
	if (l)
		type = l->target != NO_BREAK ? l->target : l->type;
	spin_unlock(&locks_lock);
	return type;
}

long fcntl_setlease(struct file *f, int fd, unsigned long arg)
{
	struct inode *inode = f->f_inode;
	const struct cred *c = &current->proc->cred;
	struct lease *l, *mine, *spare = NULL;
	long err = 0;

	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (arg != F_RDLCK && arg != F_WRLCK && arg != F_UNLCK)
		return -EINVAL;
	if (inode->i_uid != c->fsuid && !capable(CAP_LEASE))
		return -EACCES;
	if (arg != F_UNLCK) {
		spare = kzalloc(sizeof(*spare));
		if (!spare)
			return -ENOMEM;
	}
	spin_lock(&locks_lock);
	mine = find_lease(f);
	if (arg == F_UNLCK) {
		if (mine)
			drop_lease(mine);
		else
			err = -EAGAIN;
		goto out;
	}
	/* A read lease: nobody has the file open for writing (this
	 * description included); a write lease: this is its only open.
	 * A lease being broken for a writer cannot become a read lease
	 * (Linux: EAGAIN while its unlock is pending). */
	if ((arg == F_RDLCK ? READ_ONCE(inode->i_writecount) > 0
			    : READ_ONCE(inode->i_opencount) > 1) ||
	    (mine && mine->target == F_UNLCK)) {
		err = -EAGAIN;
		goto out;
	}
	list_for_each_entry(l, &all_leases, node) {
		if (l == mine || l->inode != inode)
			continue;
		if (arg == F_WRLCK || l->target == F_UNLCK) {
			err = -EAGAIN;	/* another's lease, or one going away */
			goto out;
		}
	}
	if (!mine) {
		mine = spare;
		spare = NULL;
		mine->inode = inode;
		mine->file = f;
		list_add_tail(&mine->node, &all_leases);
	}
	mine->fd = fd;
	mine->pid = current->proc->pid;
	mine->type = (int)arg;
	mine->target = NO_BREAK;	/* a downgrade to F_RDLCK answers a break */
out:
	spin_unlock(&locks_lock);
	kfree(spare);
	if (err)
		return err;
	wake_up_all(&locks_wq);
	if (arg != F_UNLCK)	/* the break signal goes to the lease's setter */
		err = fasync_fcntl(f, F_SETOWN, (unsigned long)current->proc->pid);
	return err;
}

/* l stands in the way of an open for writing (or truncate) or reading. */
static bool lease_conflicts(const struct lease *l, const struct inode *inode,
			    const struct file *f, bool write)
{
	return l->inode == inode && l->file != f && (write || l->type == F_WRLCK);
}

int lease_break(struct file *f, struct inode *inode, bool write, bool nonblock)
{
	int want = write ? F_UNLCK : F_RDLCK;
	struct lease *l, *n;
	bool found = false;
	int err = 0;

	if (list_empty(&all_leases) || !S_ISREG(inode->i_mode))
		return 0;
	spin_lock(&locks_lock);
	list_for_each_entry(l, &all_leases, node) {
		if (!lease_conflicts(l, inode, f, write))
			continue;
		found = true;
		if (l->target == NO_BREAK)
			l->deadline = ktime_get_ns() +
				      (u64)READ_ONCE(lease_break_time) * NSEC_PER_SEC;
		if (l->target == NO_BREAK || want == F_UNLCK) {
			l->target = want;
			fasync_signal(l->file, l->fd, POLL_MSG);
		}
	}
	if (!found || nonblock) {
		spin_unlock(&locks_lock);
		return found ? -EWOULDBLOCK : 0;
	}
	for (;;) {
		u64 now = ktime_get_ns(), next = ~0ull;
		DEFINE_WAIT(w);

		found = false;
		list_for_each_entry_safe(l, n, &all_leases, node) {
			if (!lease_conflicts(l, inode, f, write))
				continue;
			if (l->target != NO_BREAK && now >= l->deadline) {
				/* The holder did not give way in time. */
				if (l->target == F_UNLCK) {
					drop_lease(l);
					continue;
				}
				l->type = F_RDLCK;
				l->target = NO_BREAK;
				if (!write)
					continue;
			}
			found = true;
			next = MIN(next, l->deadline);
		}
		if (!found)
			break;
		prepare_to_wait(&locks_wq, &w, TASK_INTERRUPTIBLE);
		spin_unlock(&locks_lock);
		if (!signal_pending(current))
			schedule_timeout(next - now);
		finish_wait(&locks_wq, &w);
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			spin_lock(&locks_lock);
			break;
		}
		spin_lock(&locks_lock);
	}
	spin_unlock(&locks_lock);
	wake_up_all(&locks_wq);
	return err;
}

static void lease_time_get(int *v)
{
	v[0] = READ_ONCE(lease_break_time);
}

static int lease_time_set(const int *v)
{
	WRITE_ONCE(lease_break_time, v[0]);
	return 0;
}

/* ---- /proc/locks (proc_locks(5)) ---- */

static int locks_show(struct proc_ctx *pc, struct proc_buf *b)
{
	static const char *const kinds[] = { "POSIX", "OFDLCK", "FLOCK" };
	struct file_lock *l;
	struct lease *ll;
	int n = 0;

	(void)pc;
	spin_lock(&locks_lock);
	list_for_each_entry(l, &all_locks, node) {
		u32 dev = l->inode->i_sb ? l->inode->i_sb->s_dev : 0;

		proc_printf(b, "%d: %-6s ADVISORY  %s %d %02x:%02x:%llu %lld ", ++n,
			    kinds[l->kind], l->type == F_WRLCK ? "WRITE" : "READ",
			    l->kind == LK_OFD ? -1 : l->pid, MAJOR(dev), MINOR(dev),
			    (unsigned long long)l->inode->i_ino, (long long)l->start);
		if (l->end == OFFSET_MAX)
			proc_printf(b, "EOF\n");
		else
			proc_printf(b, "%lld\n", (long long)l->end);
	}
	list_for_each_entry(ll, &all_leases, node) {
		u32 dev = ll->inode->i_sb ? ll->inode->i_sb->s_dev : 0;
		int shown = ll->target != NO_BREAK ? ll->target : ll->type;

		proc_printf(b, "%d: LEASE  %-9s %s %d %02x:%02x:%llu 0 EOF\n", ++n,
			    ll->target == NO_BREAK ? "ACTIVE" : "BREAKING",
			    shown == F_WRLCK ? "WRITE" : shown == F_RDLCK ? "READ" : "UNLCK",
			    ll->pid, MAJOR(dev), MINOR(dev), (unsigned long long)ll->inode->i_ino);
	}
	spin_unlock(&locks_lock);
	return 0;
}

void proc_locks_init(void)
{
	static const struct ctl_intvec break_time = { 1, 0, INT32_MAX, lease_time_get,
						      lease_time_set };

	proc_create("", "locks", 0444, locks_show);
	proc_sysctl_intvec("sys/fs", "lease-break-time", 0644, &break_time);
}
