/*
 * poll(2) and select(2) on top of f_op->poll (see <tern/poll.h>).
 *
 * A scan asks every file for its mask; on the first scan each file also
 * registers a callback entry on its wait queues (until one file is found
 * ready: then nobody needs waking and registering stops, as in Linux).
 * When nothing is ready the task sleeps until a callback fires, the
 * timeout passes or a signal arrives, then scans again (without
 * registering: the entries stay until poll_freewait).
 *
 * The sleep is race-free: the task state is set to TASK_INTERRUPTIBLE
 * before `triggered` is tested, and a callback sets `triggered` before
 * waking the task.
 */
#include "sys_internal.h"
#include <tern/fs_syscalls.h>
#include <tern/mm.h>
#include <tern/poll.h>
#include <tern/sigwait.h>
#include <tern/time.h>
#include <uapi/signal.h>
#include <uapi/time.h>

#define ENTRIES_PER_PAGE \
	((PAGE_SIZE_FS - sizeof(void *) - sizeof(unsigned int)) / \
	 sizeof(struct poll_table_entry))

struct poll_table_page {
	struct poll_table_page *next;
	unsigned int used;
	struct poll_table_entry entries[];
};

/* Wait-queue callback: a file this task polls had an event. */
static int pollwake(struct wait_queue_entry *w, unsigned mode, int flags, void *key)
{
	struct poll_table_entry *e = container_of(w, struct poll_table_entry, wait);
	u32 events = (u32)(uintptr_t)key;

	(void)mode;
	(void)flags;
	if (events & POLLFREE) {
		/* The queue is going away: unhook now, under its lock. */
		list_del_init(&w->entry);
		WRITE_ONCE(e->wq, NULL);
	}
	if (events && !(events & e->key))
		return 0;
	WRITE_ONCE(e->owner->triggered, 1);
	return wake_up_process(e->owner->task);
}

static struct poll_table_entry *alloc_entry(struct poll_wqueues *pwq)
{
	struct poll_table_page *pg = pwq->pages;

	if (pwq->inline_used < ARRAY_SIZE(pwq->inline_entries))
		return &pwq->inline_entries[pwq->inline_used++];
	if (!pg || pg->used == ENTRIES_PER_PAGE) {
		pg = get_zeroed_page();
		if (!pg)
			return NULL;
		pg->next = pwq->pages;
		pwq->pages = pg;
	}
	return &pg->entries[pg->used++];
}

static void pollwait_queue(struct file *f, struct wait_queue_head *wq,
			   struct poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *e = alloc_entry(pwq);

	if (!e) {
		pwq->error = -ENOMEM;
		return;
	}
	e->filp = get_file(f);
	e->key = pt->key;
	e->wq = wq;
	e->owner = pwq;
	init_waitqueue_func_entry(&e->wait, pollwake);
	add_wait_queue(wq, &e->wait);
}

void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt.qproc = pollwait_queue;
	pwq->pt.key = ~0u;
	pwq->task = current;
	pwq->triggered = 0;
	pwq->error = 0;
	pwq->pages = NULL;
	pwq->inline_used = 0;
}

void poll_unhook(struct wait_queue_head *const *whead, struct wait_queue_entry *e)
{
	struct wait_queue_head *wq;
	unsigned long fl = local_irq_save();

	/* With interrupts off no wake_up_pollfree can run between reading
	 * *whead and taking its lock (one CPU: see docs/design.md). */
	wq = READ_ONCE(*whead);
	if (wq)
		remove_wait_queue(wq, e);
	local_irq_restore(fl);
}

static void free_entry(struct poll_table_entry *e)
{
	poll_unhook(&e->wq, &e->wait);
	fput(e->filp);
}

void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *pg = pwq->pages;

	for (unsigned int i = 0; i < pwq->inline_used; i++)
		free_entry(&pwq->inline_entries[i]);
	while (pg) {
		struct poll_table_page *next = pg->next;

		for (unsigned int i = 0; i < pg->used; i++)
			free_entry(&pg->entries[i]);
		free_pages_virt(pg, 0);
		pg = next;
	}
	pwq->pages = NULL;
	pwq->inline_used = 0;
}

int poll_schedule_timeout(struct poll_wqueues *pwq, u64 deadline)
{
	u64 now;

	set_current_state(TASK_INTERRUPTIBLE);
	if (file_signal_pending()) {
		set_current_state(TASK_RUNNING);
		return -EINTR;
	}
	if (!READ_ONCE(pwq->triggered)) {
		now = ktime_get_ns();
		if (deadline == POLL_NO_DEADLINE)
			schedule();
		else if (now < deadline)
			schedule_timeout(deadline - now);
	}
	set_current_state(TASK_RUNNING);
	WRITE_ONCE(pwq->triggered, 0);
	return 0;
}

static bool timed_out(u64 deadline)
{
	return deadline != POLL_NO_DEADLINE && ktime_get_ns() >= deadline;
}

/* One pollfd: revents from the file's mask (POLLNVAL for a bad fd). */
static u32 poll_one(struct vfs_ctx *c, struct pollfd *pfd, struct poll_table *pt)
{
	struct file *f;
	u32 mask, want;

	if (pfd->fd < 0)
		return 0;
	f = fget(c->files, pfd->fd);
	if (!f)
		return POLLNVAL;
	want = (u16)pfd->events | POLL_ALWAYS;
	if (pt)
		pt->key = want;
	mask = vfs_poll(f, pt) & want;
	fput(f);
	return mask;
}

int do_poll_fds(struct vfs_ctx *c, struct pollfd *fds, unsigned int nfds,
		u64 deadline)
{
	struct poll_wqueues pwq;
	struct poll_table *pt;
	int count, err = 0;

	poll_initwait(&pwq);
	pt = deadline ? &pwq.pt : NULL;		/* 0: a pure check */
	for (;;) {
		count = 0;
		for (unsigned int i = 0; i < nfds; i++) {
			u32 m = poll_one(c, &fds[i], pt);

			fds[i].revents = (s16)m;
			if (m) {
				count++;
				pt = NULL;	/* ready: no need to register more */
			}
		}
		pt = NULL;
		if (count || !deadline || timed_out(deadline))
			break;
		if (pwq.error) {
			err = pwq.error;
			break;
		}
		err = poll_schedule_timeout(&pwq, deadline);
		if (err)
			break;
	}
	poll_freewait(&pwq);
	return err ? err : count;
}

/*
 * select(2) over kernel bitmaps (nfds bits each, any may be NULL).  The
 * sets are rewritten with the ready bits; returns their total, 0 on
 * timeout, -EBADF for a closed fd in any set, -EINTR.
 */
#define SEL_IN	(POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SEL_OUT	(POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SEL_EX	(POLLPRI)
#define BITS_PER_LONG	64

static bool test_fdbit(const unsigned long *set, unsigned int fd)
{
	return set && (set[fd / BITS_PER_LONG] >> (fd % BITS_PER_LONG)) & 1;
}

static void set_fdbit(unsigned long *set, unsigned int fd)
{
	set[fd / BITS_PER_LONG] |= 1ul << (fd % BITS_PER_LONG);
}

int do_select_fds(struct vfs_ctx *c, unsigned int nfds, unsigned long *in,
		  unsigned long *out, unsigned long *ex, unsigned long *res,
		  u64 deadline)
{
	unsigned int words = DIV_ROUND_UP(nfds, BITS_PER_LONG);
	unsigned long *rin = res, *rout = res + words, *rex = res + 2 * words;
	struct poll_wqueues pwq;
	struct poll_table *pt;
	int count, err = 0;

	/* select(2): EBADF for an fd in a set that is not open. */
	for (unsigned int fd = 0; fd < nfds; fd++) {
		struct file *f;

		if (!test_fdbit(in, fd) && !test_fdbit(out, fd) && !test_fdbit(ex, fd))
			continue;
		f = fget(c->files, (int)fd);
		if (!f)
			return -EBADF;
		fput(f);
	}
	poll_initwait(&pwq);
	pt = deadline ? &pwq.pt : NULL;
	for (;;) {
		memset(res, 0, 3 * words * sizeof(long));
		count = 0;
		for (unsigned int fd = 0; fd < nfds; fd++) {
			bool wi = test_fdbit(in, fd), wo = test_fdbit(out, fd),
			     wx = test_fdbit(ex, fd);
			struct file *f;
			u32 mask;

			if (!wi && !wo && !wx)
				continue;
			f = fget(c->files, (int)fd);
			if (!f) {
				err = -EBADF;
				break;
			}
			if (pt)
				pt->key = (wi ? SEL_IN : 0) | (wo ? SEL_OUT : 0) |
					  (wx ? SEL_EX : 0);
			mask = vfs_poll(f, pt);
			fput(f);
			if (wi && (mask & SEL_IN)) {
				set_fdbit(rin, fd);
				count++;
			}
			if (wo && (mask & SEL_OUT)) {
				set_fdbit(rout, fd);
				count++;
			}
			if (wx && (mask & SEL_EX)) {
				set_fdbit(rex, fd);
				count++;
			}
			if (count)
				pt = NULL;
		}
		pt = NULL;
		if (err || count || !deadline || timed_out(deadline))
			break;
		if (pwq.error) {
			err = pwq.error;
			break;
		}
		err = poll_schedule_timeout(&pwq, deadline);
		if (err)
			break;
	}
	poll_freewait(&pwq);
	return err ? err : count;
}

/* ---- the system calls ---- */

#define NSEC_PER_SEC_S	1000000000ll

/* Absolute deadline from a relative timespec: EINVAL when malformed. */
int ts_deadline(s64 sec, s64 nsec, u64 *deadline)
{
	u64 now = ktime_get_ns(), rel;

	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC_S)
		return -EINVAL;
	if (sec == 0 && nsec == 0) {
		*deadline = 0;
		return 0;
	}
	if ((u64)sec > (POLL_NO_DEADLINE - now) / NSEC_PER_SEC_S - 1) {
		*deadline = POLL_NO_DEADLINE;	/* effectively forever */
		return 0;
	}
	rel = (u64)sec * NSEC_PER_SEC_S + (u64)nsec;
	*deadline = now + rel;
	return 0;
}

/* Time left until the deadline, for writing back (select(2) NOTES). */
static void time_left(u64 deadline, s64 *sec, s64 *nsec)
{
	u64 now = ktime_get_ns(), left;

	left = deadline == 0 || now >= deadline ? 0 : deadline - now;
	*sec = (s64)(left / NSEC_PER_SEC_S);
	*nsec = (s64)(left % NSEC_PER_SEC_S);
}

/*
 * ppoll/pselect6: the temporary signal mask (SIGKILL and SIGSTOP
 * cannot be blocked).  When the call ends by a signal the mask is left
 * for signal delivery to restore after the handler (restore_sigmask),
 * as Linux does, so the handler runs under the temporary mask.
 */
int set_user_sigmask(const u64 *umask, size_t size, bool *saved)
{
	u64 mask;
	unsigned long flags;

	*saved = false;
	if (!umask)
		return 0;
	if (size != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
	flags = spin_lock_irqsave(&tasklist_lock);
	current->saved_sigmask = current->blocked;
	current->blocked = mask;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	*saved = true;
	return 0;
}

void restore_user_sigmask(bool saved, long ret)
{
	unsigned long flags;

	if (!saved)
		return;
	flags = spin_lock_irqsave(&tasklist_lock);
	if (ret == -EINTR || ret == -ERESTARTNOHAND)
		current->restore_sigmask = true;
	else
		current->blocked = current->saved_sigmask;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static long poll_common(void *ufds, unsigned int nfds, u64 deadline)
{
	struct vfs_ctx c;
	struct pollfd *fds;
	size_t bytes = (size_t)nfds * sizeof(struct pollfd);
	long err = get_ctx(&c);

	if (err)
		return err;
	if (nfds > c.nofile)
		return -EINVAL;	/* poll(2) */
	fds = kmalloc(MAX(bytes, (size_t)1));
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, bytes)) {
		kfree(fds);
		return -EFAULT;
	}
	err = do_poll_fds(&c, fds, nfds, deadline);
	if (err >= 0 && copy_to_user(ufds, fds, bytes))
		err = -EFAULT;
	kfree(fds);
	return err;
}

long sys_poll(void *ufds, unsigned int nfds, int timeout_ms)
{
	u64 deadline = timeout_ms < 0 ? POLL_NO_DEADLINE :
		       timeout_ms == 0 ? 0 :
		       ktime_get_ns() + (u64)timeout_ms * NSEC_PER_MSEC;
	long ret = poll_common(ufds, nfds, deadline);

	/* linux-compat: an interrupted poll with a timeout is EINTR;
	 * Linux restarts it with the time left when no handler ran. */
	if (ret == -EINTR && timeout_ms < 0)
		ret = -ERESTARTNOHAND;
	return ret;
}

long sys_ppoll(void *ufds, unsigned int nfds, const void *utsp, const u64 *sigmask,
	       size_t sigsetsize)
{
	struct __kernel_timespec ts;
	u64 deadline = POLL_NO_DEADLINE;
	bool saved;
	long ret;

	if (utsp) {
		if (copy_from_user(&ts, utsp, sizeof(ts)))
			return -EFAULT;
		ret = ts_deadline(ts.tv_sec, ts.tv_nsec, &deadline);
		if (ret)
			return ret;
	}
	ret = set_user_sigmask(sigmask, sigsetsize, &saved);
	if (ret)
		return ret;
	ret = poll_common(ufds, nfds, deadline);
	if (ret == -EINTR)
		ret = -ERESTARTNOHAND;
	restore_user_sigmask(saved, ret);
	if (utsp && deadline != POLL_NO_DEADLINE) {
		time_left(deadline, &ts.tv_sec, &ts.tv_nsec);
		(void)copy_to_user((void *)utsp, &ts, sizeof(ts));
	}
	return ret;
}

static long select_common(int nfds, void *uin, void *uout, void *uex, u64 deadline)
{
	struct vfs_ctx c;
	unsigned long *sets, *in, *out, *ex, *res;
	unsigned int words, n;
	size_t bytes;
	long err = get_ctx(&c);

	if (err)
		return err;
	if (nfds < 0)
		return -EINVAL;
	/* select(2): fds beyond the table can be neither open nor asked. */
	n = MIN((unsigned int)nfds, READ_ONCE(c.files->max_fds));
	words = DIV_ROUND_UP(n, 64);
	bytes = words * sizeof(long);
	sets = kzalloc(MAX(6 * bytes, (size_t)8));
	if (!sets)
		return -ENOMEM;
	in = uin ? sets : NULL;
	out = uout ? sets + words : NULL;
	ex = uex ? sets + 2 * words : NULL;
	res = sets + 3 * words;
	if ((in && copy_from_user(in, uin, bytes)) ||
	    (out && copy_from_user(out, uout, bytes)) ||
	    (ex && copy_from_user(ex, uex, bytes))) {
		kfree(sets);
		return -EFAULT;
	}
	/* Bits in the last word past n are not fds to look at. */
	if (n % 64)
		for (unsigned int i = 0; i < 3; i++)
			sets[i * words + words - 1] &= (1ul << (n % 64)) - 1;
	err = do_select_fds(&c, n, in, out, ex, res, deadline);
	if (err >= 0 &&
	    ((uin && copy_to_user(uin, res, bytes)) ||
	     (uout && copy_to_user(uout, res + words, bytes)) ||
	     (uex && copy_to_user(uex, res + 2 * words, bytes))))
		err = -EFAULT;
	kfree(sets);
	if (err == -EINTR)
		err = -ERESTARTNOHAND;
	return err;
}

long sys_select(int nfds, void *in, void *out, void *ex, void *utvp)
{
	struct __kernel_timeval tv;
	u64 deadline = POLL_NO_DEADLINE;
	long ret;

	if (utvp) {
		if (copy_from_user(&tv, utvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		ret = ts_deadline(tv.tv_sec, tv.tv_usec * 1000, &deadline);
		if (ret)
			return ret;
	}
	ret = select_common(nfds, in, out, ex, deadline);
	if (utvp && deadline != POLL_NO_DEADLINE) {
		s64 nsec;

		time_left(deadline, &tv.tv_sec, &nsec);
		tv.tv_usec = nsec / 1000;
		(void)copy_to_user(utvp, &tv, sizeof(tv));
	}
	return ret;
}

long sys_pselect6(int nfds, void *in, void *out, void *ex, void *utsp, void *usig)
{
	struct __kernel_timespec ts;
	struct pselect6_sigmask sm = { 0, 0 };
	u64 deadline = POLL_NO_DEADLINE;
	bool saved;
	long ret;

	if (utsp) {
		if (copy_from_user(&ts, utsp, sizeof(ts)))
			return -EFAULT;
		ret = ts_deadline(ts.tv_sec, ts.tv_nsec, &deadline);
		if (ret)
			return ret;
	}
	if (usig && copy_from_user(&sm, usig, sizeof(sm)))
		return -EFAULT;
	ret = set_user_sigmask((const u64 *)sm.ss, sm.ss_len, &saved);
	if (ret)
		return ret;
	ret = select_common(nfds, in, out, ex, deadline);
	restore_user_sigmask(saved, ret);
	if (utsp && deadline != POLL_NO_DEADLINE) {
		time_left(deadline, &ts.tv_sec, &ts.tv_nsec);
		(void)copy_to_user(utsp, &ts, sizeof(ts));
	}
	return ret;
}
