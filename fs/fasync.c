/*
 * Signal-driven I/O: F_SETOWN, F_GETOWN, F_SETOWN_EX, F_GETOWN_EX,
 * F_SETSIG, F_GETSIG and O_ASYNC (fcntl(2)).
 *
 * An open file description gets a struct fown the first time one of
 * these is used on it (f->f_owner; freed at the last fput).  It holds
 * the owner (a thread, a process or a process group), the credentials
 * of whoever set it (they decide whether the owner may be signalled),
 * the signal (0: SIGIO without details) and, while O_ASYNC is on, one
 * callback entry on each wait queue the file's ->poll registers: the
 * same hook epoll uses, so a file that can be polled can signal.  Only
 * files with an ->fasync operation (pipes, FIFOs, sockets, ttys) arm;
 * on others O_ASYNC is a flag and nothing more, as on Linux.  ->fasync
 * picks the events that signal: a socket's room to write does only after
 * a send found none (Linux's rule), a pipe's and a tty's all do.
 *
 * A wake-up whose events meet what the descriptor can do (input events
 * for a readable one, output events for a writable one) sends the signal
 * to the owner: SIGIO with si_code SI_KERNEL, or the F_SETSIG signal
 * with si_code POLL_IN/POLL_OUT/..., si_band and si_fd (the fd O_ASYNC
 * was set through).  A real-time signal that cannot be queued falls
 * back to SIGIO.
 *
 * Locking: the callback runs under the waker's wait-queue lock with
 * interrupts off, so it reads the owner with READ_ONCE (owner and
 * credentials are each one 64-bit word) and takes only tasklist_lock
 * (irq-saving) to find and signal the owner.  Arming and disarming run
 * in process context under f->f_lock's protection of f_flags only; the
 * entries themselves are unhooked with interrupts off, as epoll does.
 */
#include "sys_internal.h"
#include <tern/poll.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/slab.h>

/* One callback entry on one wait queue of the file. */
struct fasync_pwq {
	struct fasync_pwq *next;
	struct file *file;		/* alive while hooked: fput unhooks first */
	struct wait_queue_entry wait;
	struct wait_queue_head *whead;	/* NULL once the queue died (POLLFREE) */
};

struct fown {
	u64 owner;		/* F_OWNER_* << 32 | id; id 0: no owner */
	u64 creds;		/* uid << 32 | euid of the setter */
	int signum;		/* F_SETSIG; 0: plain SIGIO */
	int fd;			/* si_fd */
	struct fasync_pwq *pwqs;
	int nwait;		/* -1: arming ran out of memory */
};

/* F_SETOWN_EX's argument (fcntl(2)). */
struct f_owner_ex {
	s32 type;
	s32 pid;
};

struct fasync_pqueue {
	struct poll_table pt;
	struct fown *fo;
};


#define IN_EVENTS	(POLLIN | POLLRDNORM | POLLHUP | POLLRDHUP | POLLMSG)
#define OUT_EVENTS	(POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)

void fasync_release(struct file *f);

static struct fown *get_fown(struct file *f)
{
	struct fown *fo = READ_ONCE(f->f_owner);

	if (fo)
		return fo;
	fo = kzalloc(sizeof(*fo));
	if (!fo)
		return NULL;
	file_owner_release = fasync_release;
	spin_lock(&f->f_lock);
	if (f->f_owner) {
		spin_unlock(&f->f_lock);
		kfree(fo);
		return f->f_owner;
	}
	f->f_owner = fo;
	spin_unlock(&f->f_lock);
	return fo;
}

/* sigio_perm: the setter was root or shares a uid with the target. */
static bool owner_may_signal(u64 creds, struct process *p)
{
	u32 uid = (u32)(creds >> 32), euid = (u32)creds;

	return euid == 0 || euid == p->suid || euid == p->cred.uid ||
	       uid == p->suid || uid == p->cred.uid;
}

static void signal_one(struct task *t, bool group, u64 creds, int sig, const siginfo_t *si)
{
	if (!t || !t->proc || !owner_may_signal(creds, t->proc))
		return;
	if (send_signal_locked(sig, si, t, group) == -EAGAIN)
		send_signal_locked(SIGIO, NULL, t, group);	/* queue full */
}

static struct task *process_thread(struct process *p)
{
	return p && !list_empty(&p->threads)
		? list_first_entry(&p->threads, struct task, thread_node) : NULL;
}

/* The SIGPOLL si_code for a wake-up's events (a hang-up reads as input,
 * as a pipe's does). */
static int poll_code(u32 events)
{
	if (events & IN_EVENTS & ~(POLLHUP | POLLRDHUP))
		return POLL_IN;
	if (events & (POLLOUT | POLLWRNORM | POLLWRBAND))
		return POLL_OUT;
	if (events & POLLPRI)
		return POLL_PRI;
	if (events & POLLERR)
		return POLL_ERR;
	return POLL_IN;
}

/* si_band for each si_code POLL_IN..POLL_HUP (sigaction(2)). */
static const u32 poll_band[] = {
	[POLL_IN] = POLLIN | POLLRDNORM,
	[POLL_OUT] = POLLOUT | POLLWRNORM | POLLWRBAND,
	[POLL_MSG] = POLLIN | POLLRDNORM | POLLMSG,
	[POLL_ERR] = POLLERR,
	[POLL_PRI] = POLLPRI | POLLRDBAND,
	[POLL_HUP] = POLLHUP | POLLERR,
};

/*
 * Send f's owner its signal: the F_SETSIG one with si_code `code`, its
 * band and si_fd = fd, or plain SIGIO.  Nothing when f has no owner.
 * Any context; takes tasklist_lock.
 */
void fasync_signal(struct file *f, int fd, int code)
{
	struct fown *fo = READ_ONCE(f->f_owner);
	u64 owner = fo ? READ_ONCE(fo->owner) : 0, creds;
	int type = (int)(owner >> 32), id = (int)(u32)owner, sig;
	siginfo_t si, *info = NULL;
	unsigned long fl;

	if (!id)
		return;
	creds = READ_ONCE(fo->creds);
	sig = READ_ONCE(fo->signum);
	if (sig) {
		memset(&si, 0, sizeof(si));
		si.si_signo = sig;
		si.si_code = code;
		si.poll.band = poll_band[code];
		si.poll.fd = fd;
		info = &si;
	} else {
		sig = SIGIO;
	}
	fl = spin_lock_irqsave(&tasklist_lock);
	if (type == F_OWNER_TID) {
		signal_one(find_task(id), false, creds, sig, info);
	} else if (type == F_OWNER_PID) {
		signal_one(process_thread(find_process(id)), true, creds, sig, info);
	} else {
		struct process *p;

		list_for_each_entry(p, &all_processes, all)
			if (p->pgid == id && p->state != PROC_ZOMBIE)
				signal_one(process_thread(p), true, creds, sig, info);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
}

static int fasync_callback(struct wait_queue_entry *w, unsigned mode, int flags, void *key)
{
	struct fasync_pwq *pwq = container_of(w, struct fasync_pwq, wait);
	struct file *f = pwq->file;
	u32 events = (u32)(uintptr_t)key, mine = 0;

	(void)mode, (void)flags;
	if (events & POLLFREE) {
		list_del_init(&w->entry);
		WRITE_ONCE(pwq->whead, NULL);
		return 0;
	}
	if (f->f_mode & FMODE_READ)
		mine |= IN_EVENTS | POLLPRI;
	if (f->f_mode & FMODE_WRITE)
		mine |= OUT_EVENTS;
	if (!events)	/* "anything may have changed" */
		events = mine & (POLLIN | POLLOUT);
	if (!(READ_ONCE(f->f_flags) & FASYNC))
		return 0;
	events = f->f_op->fasync(f, events & mine);
	if (events)
		fasync_signal(f, READ_ONCE(f->f_owner->fd), poll_code(events));
	return 0;
}

u32 fasync_any(struct file *f, u32 events)
{
	(void)f;
	return events;
}

static void fasync_queue_proc(struct file *f, struct wait_queue_head *wq, struct poll_table *pt)
{
	struct fown *fo = container_of(pt, struct fasync_pqueue, pt)->fo;
	struct fasync_pwq *pwq;

	if (fo->nwait < 0)
		return;
	pwq = kzalloc(sizeof(*pwq));
	if (!pwq) {
		fo->nwait = -1;
		return;
	}
	init_waitqueue_func_entry(&pwq->wait, fasync_callback);
	pwq->file = f;
	pwq->whead = wq;
	pwq->next = fo->pwqs;
	fo->pwqs = pwq;
	fo->nwait++;
	add_wait_queue(wq, &pwq->wait);
}

static void fasync_disarm(struct fown *fo)
{
	while (fo->pwqs) {
		struct fasync_pwq *pwq = fo->pwqs;

		poll_unhook(&pwq->whead, &pwq->wait);
		fo->pwqs = pwq->next;
		kfree(pwq);
	}
	fo->nwait = 0;
}

/*
 * After F_SETFL or FIOASYNC set f's flags through fd: hook the file's
 * queues when O_ASYNC came on, unhook them when it went off.  Callers
 * serialise per file through the fd table (one CPU, process context).
 */
int fasync_setfl(struct file *f, int fd)
{
	bool on = vfs_getfl(f) & FASYNC;
	struct fasync_pqueue q = { .pt = { .qproc = fasync_queue_proc, .key = ~0u } };

	if (!f->f_op->fasync || (!on && !f->f_owner))
		return 0;
	q.fo = get_fown(f);
	if (!q.fo)
		return -ENOMEM;
	WRITE_ONCE(q.fo->fd, fd);
	if (!on || q.fo->pwqs)
		goto out;
	vfs_poll(f, &q.pt);
	if (q.fo->nwait < 0) {
		fasync_disarm(q.fo);
		return -ENOMEM;
	}
out:
	if (!on)
		fasync_disarm(q.fo);
	return 0;
}

/* The last fput: unhook and free (before ->release frees the queues). */
void fasync_release(struct file *f)
{
	struct fown *fo = f->f_owner;

	if (!fo)
		return;
	fasync_disarm(fo);
	f->f_owner = NULL;
	kfree(fo);
}

static long set_owner(struct file *f, int type, int id)
{
	const struct cred *c = &current->proc->cred;
	struct fown *fo;
	unsigned long fl;
	bool found;

	if (id) {
		fl = spin_lock_irqsave(&tasklist_lock);
		if (type == F_OWNER_TID) {
			found = find_task(id) != NULL;
		} else if (type == F_OWNER_PID) {
			found = find_process(id) != NULL;
		} else {
			struct process *p;

			found = false;
			list_for_each_entry(p, &all_processes, all)
				found |= p->pgid == id;
		}
		spin_unlock_irqrestore(&tasklist_lock, fl);
		if (!found)
			return -ESRCH;
	}
	fo = get_fown(f);
	if (!fo)
		return -ENOMEM;
	WRITE_ONCE(fo->creds, (u64)c->uid << 32 | c->euid);
	WRITE_ONCE(fo->owner, (u64)(u32)type << 32 | (u32)id);
	return 0;
}

/* fcntl(2)'s owner and signal commands; f is held, arg is raw. */
long fasync_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct fown *fo = f->f_owner;
	u64 owner = fo ? READ_ONCE(fo->owner) : 0;
	int type = (int)(owner >> 32), id = (int)(u32)owner;
	struct f_owner_ex ex;
	long err;

	switch (cmd) {
	case F_GETOWN:
		return type == F_OWNER_PGRP ? -id : id;
	case F_SETOWN:
		if ((int)arg == (int)0x80000000u)	/* -INT_MIN does not exist */
			return -EINVAL;
		if ((int)arg < 0)
			return set_owner(f, F_OWNER_PGRP, -(int)arg);
		return set_owner(f, F_OWNER_PID, (int)arg);
	case F_GETOWN_EX:
		memset(&ex, 0, sizeof(ex));
		ex.type = type;
		ex.pid = id;
		return copy_to_user((void *)arg, &ex, sizeof(ex));
	case F_SETOWN_EX:
		err = copy_from_user(&ex, (const void *)arg, sizeof(ex));
		if (err)
			return err;
		if (ex.type != F_OWNER_TID && ex.type != F_OWNER_PID && ex.type != F_OWNER_PGRP)
			return -EINVAL;
		return set_owner(f, ex.type, ex.pid);
	case F_GETSIG:
		return fo ? READ_ONCE(fo->signum) : 0;
	case F_SETSIG:
		if (arg > _NSIG)
			return -EINVAL;
		fo = get_fown(f);
		if (!fo)
			return -ENOMEM;
		WRITE_ONCE(fo->signum, (int)arg);
		return 0;
	default:
		return -EINVAL;
	}
}
