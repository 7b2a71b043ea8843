/*
 * eventfd(2), eventfd2(2): a 64-bit counter behind a file.
 *
 * write adds its 8-byte value to the counter; read returns the counter
 * and zeroes it (EFD_SEMAPHORE: returns 1 and decrements).  The counter
 * never exceeds 0xfffffffffffffffe: a write that would pass it blocks
 * (or fails with EAGAIN when non-blocking), and writing the value
 * 0xffffffffffffffff itself is EINVAL.  A read of a zero counter blocks
 * or fails with EAGAIN.  Buffers shorter than 8 bytes are EINVAL.
 * Readiness (eventfd(2)): readable when the counter is above zero,
 * writable when at least 1 can still be added.
 */
#include "sys_internal.h"
#include <tern/eventpoll.h>
#include <tern/fs_syscalls.h>
#include <tern/poll.h>
#include <tern/sigwait.h>
#include <uapi/eventfd.h>

#define EVENTFD_MAX	0xfffffffffffffffeull

struct eventfd_ctx {
	spinlock_t lock;		/* count */
	struct wait_queue_head wq;	/* readers, writers and pollers */
	u64 count;
	bool semaphore;
};

static bool nonblocking(struct file *f)
{
	return f->f_flags & O_NONBLOCK;
}

static ssize_t eventfd_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	u64 val;

	(void)pos;
	if (n < sizeof(u64))
		return -EINVAL;
	for (;;) {
		unsigned long fl = spin_lock_irqsave(&ctx->lock);

		if (ctx->count) {
			val = ctx->semaphore ? 1 : ctx->count;
			ctx->count -= val;
			spin_unlock_irqrestore(&ctx->lock, fl);
			break;
		}
		spin_unlock_irqrestore(&ctx->lock, fl);
		if (nonblocking(f))
			return -EAGAIN;
		int err = wait_event_interruptible(ctx->wq, READ_ONCE(ctx->count) != 0);
		if (err)
			return err;
	}
	wake_up_poll(&ctx->wq, EPOLLOUT | EPOLLWRNORM);
	memcpy(buf, &val, sizeof(val));
	return sizeof(val);
}

static ssize_t eventfd_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	u64 val;

	(void)pos;
	if (n < sizeof(u64))
		return -EINVAL;
	memcpy(&val, buf, sizeof(val));
	if (val == ~0ull)
		return -EINVAL;
	for (;;) {
		unsigned long fl = spin_lock_irqsave(&ctx->lock);

		if (EVENTFD_MAX - ctx->count >= val) {
			ctx->count += val;
			spin_unlock_irqrestore(&ctx->lock, fl);
			break;
		}
		spin_unlock_irqrestore(&ctx->lock, fl);
		if (nonblocking(f))
			return -EAGAIN;
		int err = wait_event_interruptible(ctx->wq,
						   EVENTFD_MAX - READ_ONCE(ctx->count) >= val);
		if (err)
			return err;
	}
	if (val)
		wake_up_poll(&ctx->wq, EPOLLIN | EPOLLRDNORM);
	return sizeof(val);
}

static u32 eventfd_poll(struct file *f, struct poll_table *pt)
{
	struct eventfd_ctx *ctx = f->private_data;
	u32 mask = 0;
	u64 count;

	poll_wait(f, &ctx->wq, pt);
	count = READ_ONCE(ctx->count);
	if (count)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (count < EVENTFD_MAX)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static int eventfd_release(struct inode *inode, struct file *f)
{
	(void)inode;
	kfree(f->private_data);
	return 0;
}

static const struct file_operations eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

long sys_eventfd2(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	long fd;

	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	spin_lock_init(&ctx->lock, "eventfd");
	init_waitqueue_head(&ctx->wq);
	ctx->count = count;
	ctx->semaphore = flags & EFD_SEMAPHORE;
	fd = anon_inode_getfd("anon_inode:[eventfd]", &eventfd_fops, ctx,
			      flags & (EFD_NONBLOCK | EFD_CLOEXEC), NULL);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

long sys_eventfd(unsigned int count)
{
	return sys_eventfd2(count, 0);
}
