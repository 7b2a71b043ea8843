/*
 * signalfd(2), signalfd4(2): read pending signals from a file.
 *
 * A signalfd holds only a mask; what it reads is always the reading
 * task's own pending signals (its thread's and its process's) that are
 * in that mask, so after fork the child reads the child's signals.  A
 * read dequeues them as delivery would, one 128-byte struct
 * signalfd_siginfo each (unused fields and padding zero), as many as fit
 * in the buffer; it blocks only while none is pending.  SIGKILL and
 * SIGSTOP are dropped from the mask silently.  The signals are meant to
 * be blocked (otherwise delivery usually takes them first).
 *
 * Every signalfd waits on the one queue signalfd_wq, woken whenever any
 * signal is queued (kernel/signal.c calls signalfd_notify under
 * tasklist_lock); a reader or poller then looks at its own pending set.
 * The queue is static, so it never dies under its watchers.
 */
#include "sys_internal.h"
#include <tern/eventpoll.h>
#include <tern/fs_syscalls.h>
#include <tern/poll.h>
#include <tern/signal.h>
#include <tern/sigwait.h>
#include <uapi/signalfd.h>

#define UNBLOCKABLE_SIGS	(sigmask(SIGKILL) | sigmask(SIGSTOP))

struct signalfd_ctx {
	sigset_t mask;		/* READ_ONCE: signalfd4 may change it */
};

static DECLARE_WAIT_QUEUE_HEAD(signalfd_wq);

/* tasklist_lock held (signal queued); takes the queue's lock inside. */
void signalfd_notify(void)
{
	if (waitqueue_active(&signalfd_wq))
		wake_up_poll(&signalfd_wq, EPOLLIN | EPOLLRDNORM);
}

/* The fields of info that its kind of signal carries (signalfd(2)). */
static void fill_ssi(struct signalfd_siginfo *ssi, const siginfo_t *info)
{
	memset(ssi, 0, sizeof(*ssi));
	ssi->ssi_signo = (u32)info->si_signo;
	ssi->ssi_errno = info->si_errno;
	ssi->ssi_code = info->si_code;
	switch (info->si_signo) {
	case SIGCHLD:
		ssi->ssi_pid = (u32)info->chld.pid;
		ssi->ssi_uid = info->chld.uid;
		ssi->ssi_status = info->chld.status;
		ssi->ssi_utime = (u64)info->chld.utime;
		ssi->ssi_stime = (u64)info->chld.stime;
		return;
	case SIGSEGV:
	case SIGBUS:
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		if (info->si_code > 0) {
			ssi->ssi_addr = info->fault.addr;
			return;
		}
		break;
	}
	if (info->si_code == SI_TIMER) {
		ssi->ssi_tid = (u32)info->timer.tid;
		ssi->ssi_overrun = (u32)info->timer.overrun;
		ssi->ssi_ptr = info->timer.value;
		ssi->ssi_int = (s32)info->timer.value;
		return;
	}
	/* kill, tkill, sigqueue: sender and (for sigqueue) the value. */
	ssi->ssi_pid = (u32)info->kill.pid;
	ssi->ssi_uid = info->kill.uid;
	ssi->ssi_ptr = info->kill.value;
	ssi->ssi_int = (s32)info->kill.value;
}

static ssize_t signalfd_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct signalfd_ctx *ctx = f->private_data;
	struct signalfd_siginfo *out = buf;
	size_t want = n / sizeof(*out), got = 0;

	(void)pos;
	if (!want)
		return -EINVAL;
	while (got < want) {
		DEFINE_WAIT(w);
		siginfo_t info;
		int sig;

		prepare_to_wait(&signalfd_wq, &w, TASK_INTERRUPTIBLE);
		sig = signalfd_dequeue(READ_ONCE(ctx->mask), &info);
		if (sig) {
			finish_wait(&signalfd_wq, &w);
			fill_ssi(&out[got++], &info);
			continue;
		}
		/* Block only for the first record. */
		if (got || (f->f_flags & O_NONBLOCK)) {
			finish_wait(&signalfd_wq, &w);
			break;
		}
		if (file_signal_pending()) {
			finish_wait(&signalfd_wq, &w);
			return -ERESTARTSYS;
		}
		schedule();
		finish_wait(&signalfd_wq, &w);
	}
	if (!got)
		return -EAGAIN;
	return (ssize_t)(got * sizeof(*out));
}

static u32 signalfd_poll(struct file *f, struct poll_table *pt)
{
	struct signalfd_ctx *ctx = f->private_data;

	poll_wait(f, &signalfd_wq, pt);
	return signalfd_pending(READ_ONCE(ctx->mask)) ? EPOLLIN | EPOLLRDNORM : 0;
}

static int signalfd_release(struct inode *inode, struct file *f)
{
	(void)inode;
	kfree(f->private_data);
	return 0;
}

static const struct file_operations signalfd_fops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

long sys_signalfd4(int fd, const u64 *umask, size_t sizemask, int flags)
{
	struct signalfd_ctx *ctx;
	sigset_t mask;
	long err;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~UNBLOCKABLE_SIGS;
	if (fd == -1) {
		ctx = kzalloc(sizeof(*ctx));
		if (!ctx)
			return -ENOMEM;
		ctx->mask = mask;
		err = anon_inode_getfd("anon_inode:[signalfd]", &signalfd_fops, ctx,
				       flags & (SFD_NONBLOCK | SFD_CLOEXEC), NULL);
		if (err < 0)
			kfree(ctx);
		return err;
	}
	/* An existing signalfd: a new mask; the flags are not applied. */
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	if (f->f_op != &signalfd_fops) {
		fput(f);
		return -EINVAL;
	}
	ctx = f->private_data;
	WRITE_ONCE(ctx->mask, mask);
	fput(f);
	/* Pollers of this fd may now see different signals. */
	wake_up_poll(&signalfd_wq, EPOLLIN | EPOLLRDNORM);
	return fd;
}

long sys_signalfd(int fd, const u64 *umask, size_t sizemask)
{
	return sys_signalfd4(fd, umask, sizemask, 0);
}
