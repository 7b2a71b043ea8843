/*
 * fcntl(2) for the commands that are about fds and file status flags,
 * plus the generic poll and ioctl entry points.
 *
 * F_GETFL shows the access mode and the status flags (O_APPEND,
 * O_NONBLOCK, O_DSYNC, O_DIRECT, O_NOATIME, FASYNC, O_LARGEFILE, O_PATH,
 * ...); F_SETFL may change only O_APPEND, O_NONBLOCK, O_NDELAY, O_DIRECT,
 * O_NOATIME and FASYNC, and silently ignores the rest, as Linux does.
 */
#include "internal.h"

#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_NDELAY | FASYNC | O_DIRECT | O_NOATIME)

u32 vfs_getfl(struct file *f)
{
	u32 flags;

	spin_lock(&f->f_lock);
	flags = f->f_flags;
	spin_unlock(&f->f_lock);
	return flags;
}

int vfs_setfl(struct file *f, u32 flags, const struct cred *cred)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	/* fcntl(2): O_NOATIME needs ownership, as at open. */
	if ((flags & O_NOATIME) && !(f->f_flags & O_NOATIME) &&
	    !inode_owner_or_capable(f->f_inode, cred))
		return -EPERM;
	spin_lock(&f->f_lock);
	f->f_flags = (f->f_flags & ~SETFL_MASK) | (flags & SETFL_MASK);
	spin_unlock(&f->f_lock);
	return 0;
}

long vfs_fcntl(struct vfs_ctx *c, int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f;
	long ret;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg > 0x7fffffffUL)
			return -EINVAL;
		return do_dupfd(c->files, fd, (u32)arg, cmd == F_DUPFD_CLOEXEC, c->nofile);
	case F_GETFD:
		return get_close_on_exec(c->files, fd);
	case F_SETFD:
		return set_close_on_exec(c->files, fd, arg & FD_CLOEXEC);
	default:
		break;
	}
	f = fget(c->files, fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_GETFL:
		ret = vfs_getfl(f);
		break;
	case F_SETFL:
		ret = vfs_setfl(f, (u32)arg, c->cred);
		break;
	default:
		/* linux-compat: record locks, leases, owners, pipe sizes not here. */
		ret = (f->f_mode & FMODE_PATH) ? -EBADF : -EINVAL;
		break;
	}
	fput(f);
	return ret;
}

/* poll(2): files without a poll method are always ready (Linux's default). */
#define DEFAULT_POLLMASK	(0x0001 | 0x0004 | 0x0040 | 0x0100)	/* IN OUT RDNORM WRNORM */

u32 vfs_poll(struct file *f, struct poll_table *pt)
{
	if (f->f_mode & FMODE_PATH)
		return 0x0020;	/* POLLNVAL: Linux treats O_PATH fds as invalid */
	if (!f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (!f->f_op->ioctl)
		return -ENOTTY;
	return f->f_op->ioctl(f, cmd, arg);
}
