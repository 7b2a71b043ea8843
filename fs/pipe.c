/*
 * Pipes and FIFOs: pipe(7), fifo(7), and open(2)'s FIFO rules.
 *
 *  - read returns what is there (up to n), 0 at end of file (no writers
 *    left), -EAGAIN with O_NONBLOCK, else sleeps;
 *  - a write of at most PIPE_BUF bytes is atomic: it waits until all of
 *    it fits.  A larger write goes in pieces as room appears; with
 *    O_NONBLOCK it writes what fits (-EAGAIN if nothing);
 *  - writing with no reader left is EPIPE (and SIGPIPE);
 *  - packet mode (a writer with O_DIRECT, pipe(2)): each write goes in
 *    as packets of at most PIPE_BUF bytes, one per page slot of the
 *    pipe; a read returns at most one packet and drops what of it does
 *    not fit in the buffer;
 *  - FIFO open: O_RDONLY waits for a writer, O_WRONLY for a reader,
 *    O_RDWR never waits; O_NONBLOCK readers do not wait, O_NONBLOCK
 *    writers without a reader get ENXIO.
 *
 * Anonymous pipes have an inode on pipefs, an internal mount nobody can
 * see; FIFOs use their own inode.  See <tern/pipe.h> for the locking.
 *
 * f_pos of a pipe file holds the writer count seen when it was opened:
 * pipes do not seek, and POLLHUP on a FIFO reader is reported only once
 * a writer has come and gone since (Linux's f_version rule).
 */
#include "internal.h"
#include "sys_internal.h"
#include <tern/mm.h>
#include <tern/capability.h>
#include <tern/pipe.h>
#include <tern/proc_fs.h>
#include <tern/poll.h>
#include <tern/sigwait.h>
#include <tern/uaccess.h>
#include <tern/uio.h>
#include <uapi/signal.h>
#include <uapi/ioctls.h>

static const struct file_operations pipefifo_fops;
static struct vfsmount *pipe_mnt;

/*
 * Pipe limits (pipe(7) "/proc files"): F_SETPIPE_SZ past pipe-max-size
 * needs CAP_SYS_RESOURCE, and the pages of all pipes a user (real uid)
 * has created are counted: past pipe-user-pages-soft an unprivileged
 * user's new pipes get 2 pages and F_SETPIPE_SZ cannot grow one; past
 * pipe-user-pages-hard its new pipes fail (ENFILE).  0 is no limit.
 */
static int pipe_max_size = PIPE_MAX_SIZE;
static int pipe_user_pages_soft = PIPE_DEF_SIZE / PAGE_SIZE_FS * 1024;
static int pipe_user_pages_hard;
#define PIPE_MIN_SIZE	(2 * PAGE_SIZE_FS)

/* Users with pipe pages; a user past the table's end is not counted. */
#define PIPE_USERS	64
static struct { u32 uid; long pages; } pipe_users[PIPE_USERS];
static DEFINE_SPINLOCK(pipe_users_lock);

/* Adds delta pages to uid's count; returns the new count. */
static long account_pipe_pages(u32 uid, long delta)
{
	long total = 0;
	int i, free = -1;

	spin_lock(&pipe_users_lock);
	for (i = 0; i < PIPE_USERS; i++) {
		if (pipe_users[i].pages && pipe_users[i].uid == uid)
			break;
		if (!pipe_users[i].pages && free < 0)
			free = i;
	}
	if (i == PIPE_USERS && free >= 0 && delta > 0) {
		i = free;
		pipe_users[i].uid = uid;
	}
	if (i < PIPE_USERS) {
		pipe_users[i].pages += delta;
		total = pipe_users[i].pages;
	}
	spin_unlock(&pipe_users_lock);
	return total;
}

static bool pipe_unprivileged(void)
{
	return !capable(CAP_SYS_RESOURCE) && !capable(CAP_SYS_ADMIN);
}

static bool past(int limit, long pages)
{
	return limit && pages > limit;
}

static u32 pipe_uid(void)
{
	return current->proc ? current->proc->cred.uid : 0;
}

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p));
	u32 size = PIPE_DEF_SIZE;
	u32 max = (u32)READ_ONCE(pipe_max_size) / PAGE_SIZE_FS * PAGE_SIZE_FS;
	long total;

	if (!p)
		return NULL;
	/* pipe(7): pipe-max-size caps an unprivileged user's new pipe too. */
	if (size > max && max >= PAGE_SIZE_FS && !capable(CAP_SYS_RESOURCE))
		size = max;
	p->user = pipe_uid();
	total = account_pipe_pages(p->user, size / PAGE_SIZE_FS);
	if (past(pipe_user_pages_soft, total) && pipe_unprivileged()) {
		total = account_pipe_pages(p->user, ((long)PIPE_MIN_SIZE - (long)size) / PAGE_SIZE_FS);
		size = PIPE_MIN_SIZE;
	}
	if (past(pipe_user_pages_hard, total) && pipe_unprivileged()) {
		account_pipe_pages(p->user, -(long)(size / PAGE_SIZE_FS));
		kfree(p);
		return NULL;
	}
	spin_lock_init(&p->lock, "pipe");
	mutex_init(&p->mutex, "pipe");
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	p->size = size;
	p->pages = kzalloc(size / PAGE_SIZE_FS * sizeof(u8 *));
	p->segs = kzalloc(size / PAGE_SIZE_FS * sizeof(u32));
	if (!p->pages || !p->segs) {
		account_pipe_pages(p->user, -(long)(size / PAGE_SIZE_FS));
		kfree(p->pages);
		kfree(p->segs);
		kfree(p);
		return NULL;
	}
	return p;
}

static void free_pages_array(u8 **pages, u32 size)
{
	for (u32 i = 0; i < size / PAGE_SIZE_FS; i++)
		if (pages[i])
			free_pages_virt(pages[i], 0);
	kfree(pages);
}

static void free_pipe_info(struct pipe_inode_info *p)
{
	account_pipe_pages(p->user, -(long)(p->size / PAGE_SIZE_FS));
	free_pages_array(p->pages, p->size);
	kfree(p->segs);
	kfree(p);
}

static struct pipe_inode_info *file_pipe(const struct file *f)
{
	return f->private_data;
}

bool file_is_pipe(const struct file *f)
{
	return f->f_op == &pipefifo_fops;
}

/*
 * The ring lives in single pages (no large contiguous allocation), each
 * allocated the first time data goes into it and kept until the pipe is
 * freed or resized.
 *
 * ring_iter moves up to n bytes between the ring at offset off and the
 * iterator, a page of the ring at a time, pipe->mutex held: fill copies
 * from it into the ring (allocating pages as data first reaches them),
 * else from the ring into it.  Returns the bytes moved; fewer with *err
 * set to -EFAULT at a fault in the caller's buffers, or -ENOMEM when no
 * page could be had.  The part of a page copied before a fault does not
 * count (linux-compat: Linux keeps or hands over whole pipe pages only),
 * so it is neither committed to the ring nor consumed from it.
 */
static u32 ring_iter(struct pipe_inode_info *p, u32 off, struct iov_iter *it, u32 n,
		     bool fill, ssize_t *err)
{
	u32 done = 0;

	while (done < n) {
		u32 idx = (off + done) & (p->size - 1);
		u32 chunk = MIN(n - done, PAGE_SIZE_FS - idx % PAGE_SIZE_FS);
		u8 **pg = &p->pages[idx / PAGE_SIZE_FS];
		size_t moved;

		if (!*pg && !(*pg = get_free_pages(0))) {
			*err = -ENOMEM;
			break;
		}
		moved = fill ? copy_from_iter(*pg + idx % PAGE_SIZE_FS, chunk, it)
			     : copy_to_iter(*pg + idx % PAGE_SIZE_FS, chunk, it);
		if (moved < chunk) {
			*err = -EFAULT;
			break;
		}
		done += chunk;
	}
	return done;
}

/*
 * Packet mode's segment queue (<tern/pipe.h>), pipe->mutex held: while
 * a packet is in the pipe the data is a queue of segments, a packet or a
 * run of plain bytes each, at most one per page slot.
 */
static u32 pipe_slots(const struct pipe_inode_info *p)
{
	return p->size / PAGE_SIZE_FS;
}

static u32 *seg_at(struct pipe_inode_info *p, u32 i)
{
	return &p->segs[(p->seg_head + i) % pipe_slots(p)];
}

/* Appends n bytes' segment: a packet, or plain bytes (merged with plain
 * bytes before them).  The caller checked seg_room. */
static void seg_add(struct pipe_inode_info *p, u32 n, bool packet)
{
	if (!packet && !p->nsegs)
		return;				/* a plain stream stays one */
	if (packet && !p->nsegs && p->len) {
		p->seg_head = 0;		/* what is there becomes a segment */
		p->segs[0] = p->len;
		p->nsegs = 1;
	}
	if (!packet && !(*seg_at(p, p->nsegs - 1) & PIPE_SEG_PACKET)) {
		*seg_at(p, p->nsegs - 1) += n;
		return;
	}
	*seg_at(p, p->nsegs++) = n | (packet ? PIPE_SEG_PACKET : 0);
}

/* Room for one more segment of this kind (a slot, when one is needed). */
static bool seg_room(struct pipe_inode_info *p, bool packet)
{
	if (!p->nsegs)
		return !packet || !p->len || pipe_slots(p) > 1;
	return p->nsegs < pipe_slots(p) || (!packet && !(*seg_at(p, p->nsegs - 1) & PIPE_SEG_PACKET));
}

/* What one read of up to n bytes takes, and what it consumes: a packet
 * goes whole (the rest of it dropped).  seg_commit then removes it. */
static u32 seg_take(struct pipe_inode_info *p, size_t n, u32 *consume, bool *packet)
{
	u32 len, take;

	*packet = false;
	if (!p->nsegs) {
		*consume = take = (u32)MIN(n, (size_t)p->len);
		return take;
	}
	len = *seg_at(p, 0) & ~PIPE_SEG_PACKET;
	take = (u32)MIN(n, (size_t)len);
	*packet = *seg_at(p, 0) & PIPE_SEG_PACKET;
	*consume = *packet ? len : take;
	return take;
}

static void seg_commit(struct pipe_inode_info *p, u32 consumed)
{
	if (!p->nsegs)
		return;
	if (consumed == (*seg_at(p, 0) & ~PIPE_SEG_PACKET)) {
		p->seg_head = (p->seg_head + 1) % pipe_slots(p);
		p->nsegs--;
	} else {
		*seg_at(p, 0) -= consumed;
	}
	/* Plain bytes alone are a plain stream again. */
	if (p->nsegs == 1 && !(*seg_at(p, 0) & PIPE_SEG_PACKET))
		p->nsegs = 0;
}

/*
 * pipe(7) read: what is there, up to the caller's count, in one pass;
 * 0 at end of file, -EAGAIN with O_NONBLOCK, else sleep for data.  A
 * fault after some of the ring's pages returns their bytes (consumed);
 * one in the first is -EFAULT, nothing consumed.
 */
static ssize_t pipe_drain(struct pipe_inode_info *p, struct iov_iter *to, bool nonblock)
{
	size_t total = iov_iter_count(to);
	ssize_t err = 0;
	bool packet;
	u32 got = 0;

	if (total == 0)
		return 0;
	mutex_lock(&p->mutex);
	while (!p->len) {
		if (!READ_ONCE(p->writers) || nonblock) {
			mutex_unlock(&p->mutex);
			return READ_ONCE(p->writers) ? -EAGAIN : 0;
		}
		mutex_unlock(&p->mutex);
		err = wait_event_interruptible(p->rd_wait,
					       READ_ONCE(p->len) || !READ_ONCE(p->writers));
		if (err)
			return err;
		mutex_lock(&p->mutex);
	}
	u32 consume, take = seg_take(p, total, &consume, &packet);

	got = ring_iter(p, p->head, to, take, false, &err);
	if (packet && got < take)
		got = consume = 0;	/* a packet is read whole or not at all */
	else if (!packet)
		consume = got;
	seg_commit(p, consume);
	p->head = (p->head + consume) & (p->size - 1);
	WRITE_ONCE(p->len, p->len - consume);
	if (p->len == 0)
		p->head = 0;	/* the next write starts on a page boundary */
	mutex_unlock(&p->mutex);
	if (got)
		wake_up_poll(&p->wr_wait, POLLOUT | POLLWRNORM);
	return got ? (ssize_t)got : err;
}

/*
 * pipe(7) write, without the SIGPIPE.  Up to PIPE_BUF bytes go in at
 * once or not at all (the mutex keeps other writers out while they do);
 * a larger write goes in as room appears, or with O_NONBLOCK what fits
 * (-EAGAIN if nothing).  No reader left is -EPIPE.  A fault or a failed
 * page allocation after some of the ring's pages returns their bytes
 * (they stay in the pipe); in the first, -EFAULT / -ENOMEM.  The readers are woken once,
 * when the write ends or before it sleeps for room.
 */
/*
 * A sleeping writer's wake-up test, without the mutex: room for need
 * bytes and, in packet mode, a free slot.  (A plain writer behind a full
 * queue of packets waits for a slot too, though it might have joined the
 * last plain run: a reader frees one.)
 */
static bool writer_may_go(struct pipe_inode_info *p, u32 need, bool packet)
{
	u32 size = READ_ONCE(p->size), len = READ_ONCE(p->len), nsegs = READ_ONCE(p->nsegs);
	u32 slots = size / PAGE_SIZE_FS;

	if (!READ_ONCE(p->readers))
		return true;
	if (size - len < need)
		return false;
	if (packet)
		return nsegs ? nsegs < slots : !len || slots > 1;
	return !nsegs || nsegs < slots;
}

static ssize_t pipe_fill(struct pipe_inode_info *p, struct iov_iter *from, bool nonblock,
			 bool packet)
{
	size_t total = iov_iter_count(from), done = 0;
	u32 need = total <= PIPE_BUF ? (u32)total : 1;
	bool fresh = false;	/* bytes the readers were not woken for */
	ssize_t err = 0;

	if (total == 0)
		return 0;
	mutex_lock(&p->mutex);
	for (;;) {
		u32 room = p->size - p->len;

		if (packet)	/* every PIPE_BUF bytes are a packet, whole */
			need = (u32)MIN(total - done, (size_t)PIPE_BUF);
		if (!READ_ONCE(p->readers)) {
			err = -EPIPE;
			break;
		}
		if (room >= need && seg_room(p, packet)) {
			u32 want = packet ? need : (u32)MIN(total - done, (size_t)room);
			u32 put = ring_iter(p, p->head + p->len, from, want, true, &err);

			if (put)
				seg_add(p, put, packet);
			WRITE_ONCE(p->len, p->len + put);
			done += put;
			fresh |= put != 0;
			if (put < want || done == total)
				break;
			if (packet)
				continue;	/* the next packet, if it fits */
		}
		if (nonblock) {
			err = -EAGAIN;
			break;
		}
		mutex_unlock(&p->mutex);
		if (fresh)
			wake_up_poll(&p->rd_wait, POLLIN | POLLRDNORM);
		fresh = false;
		err = wait_event_interruptible(p->wr_wait, writer_may_go(p, need, packet));
		if (err)
			return done ? (ssize_t)done : err;
		mutex_lock(&p->mutex);
	}
	mutex_unlock(&p->mutex);
	if (fresh)
		wake_up_poll(&p->rd_wait, POLLIN | POLLRDNORM);
	return done ? (ssize_t)done : err;
}

/* linux-compat: a write that finds no reader raises SIGPIPE too. */
static ssize_t sigpipe_on_epipe(ssize_t ret)
{
	if (ret == -EPIPE)
		send_signal_to_task(current, SIGPIPE);
	return ret;
}

static bool file_nonblock(const struct file *f)
{
	return f->f_flags & O_NONBLOCK;
}

/* Packet mode is the writer's: pipe2(O_DIRECT) or F_SETFL O_DIRECT. */
static bool file_packet(const struct file *f)
{
	return f->f_flags & O_DIRECT;
}

static ssize_t pipe_read_iter(struct file *f, struct iov_iter *to, loff_t *pos)
{
	(void)pos;
	return pipe_drain(file_pipe(f), to, file_nonblock(f));
}

static ssize_t pipe_write_iter(struct file *f, struct iov_iter *from, loff_t *pos)
{
	(void)pos;
	return sigpipe_on_epipe(pipe_fill(file_pipe(f), from, file_nonblock(f), file_packet(f)));
}

/* Kernel buffers (vfs_read/vfs_write): the same paths over one kvec. */
static ssize_t pipe_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct kvec kv = { buf, n };
	struct iov_iter it;

	(void)pos;
	iov_iter_kvec(&it, ITER_DEST, &kv, 1, n);
	return pipe_drain(file_pipe(f), &it, file_nonblock(f));
}

static ssize_t pipe_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct kvec kv = { (void *)buf, n };
	struct iov_iter it;

	(void)pos;
	iov_iter_kvec(&it, ITER_SOURCE, &kv, 1, n);
	return pipe_fill(file_pipe(f), &it, file_nonblock(f), file_packet(f));
}

/* splice(2)'s flags (Linux keeps them out of its user headers): MOVE 1,
 * NONBLOCK 2, MORE 4, GIFT 8. */
#define SPLICE_F_NONBLOCK	0x02
#define SPLICE_F_ALL		0x0f

/*
 * vmsplice(2) on the same cursor: into a pipe's write end the user's
 * pages are copied (the man page lets the kernel do so; SPLICE_F_GIFT
 * and SPLICE_F_MOVE are hints), from a read end the data goes to the
 * user's vectors as readv(2) would take it.  SPLICE_F_NONBLOCK makes
 * either -EAGAIN instead of waiting.  EINVAL for unknown flags (before
 * anything else, as Linux), EBADF for a file that is not a pipe or FIFO
 * or is opened for neither side.
 */
long sys_vmsplice(int fd, const struct iovec *uiov, unsigned long nr_segs, unsigned int flags)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct iov_iter it;
	struct file *f;
	bool write, nonblock = flags & SPLICE_F_NONBLOCK;
	long ret;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	f = fdget(fd, &ret);
	if (!f)
		return ret;
	write = f->f_mode & FMODE_WRITE;
	if (!(f->f_mode & (FMODE_READ | FMODE_WRITE)) || (f->f_mode & FMODE_PATH)) {
		fput(f);
		return -EBADF;
	}
	ret = import_iovec(write ? ITER_SOURCE : ITER_DEST, uiov, nr_segs, UIO_FASTIOV,
			   &iov, &it);
	if (ret > 0 && !file_is_pipe(f))
		ret = -EBADF;
	else if (ret > 0 && write)
		ret = sigpipe_on_epipe(pipe_fill(file_pipe(f), &it, nonblock, file_packet(f)));
	else if (ret > 0)
		ret = pipe_drain(file_pipe(f), &it, nonblock);
	if (iov != fast)
		kfree(iov);
	fput(f);
	return ret;
}

static u32 pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *p = file_pipe(f);
	u32 mask = 0;

	poll_wait(f, &p->rd_wait, pt);
	poll_wait(f, &p->wr_wait, pt);
	spin_lock(&p->lock);
	if (f->f_mode & FMODE_READ) {
		if (READ_ONCE(p->len))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers && (u32)f->f_pos != p->w_counter)
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (p->size - READ_ONCE(p->len) >= PIPE_BUF &&
		    writer_may_go(p, PIPE_BUF, file_packet(f)))
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	spin_unlock(&p->lock);
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = file_pipe(f);
	int count;

	if (cmd != FIONREAD)
		return -ENOTTY;
	count = (int)READ_ONCE(p->len);
	return copy_to_user((void *)arg, &count, sizeof(count));
}

/* Drop one file's hold; the last frees the pipe.  Wakes the other side. */
static void pipe_detach(struct inode *inode, struct pipe_inode_info *p,
			u32 fmode)
{
	bool last;

	spin_lock(&inode->i_lock);
	spin_lock(&p->lock);
	if (fmode & FMODE_READ)
		p->readers--;
	if (fmode & FMODE_WRITE)
		p->writers--;
	last = --p->files == 0;
	spin_unlock(&p->lock);
	if (last) {
		inode->i_pipe = NULL;
	} else {
		/* Under i_lock: once it is dropped the other side's last
		 * close may free p. */
		wake_up_poll(&p->rd_wait, POLLIN | POLLRDNORM | POLLHUP);
		wake_up_poll(&p->wr_wait, POLLOUT | POLLWRNORM | POLLERR);
	}
	spin_unlock(&inode->i_lock);
	if (last)
		free_pipe_info(p);
}

static int pipe_release(struct inode *inode, struct file *f)
{
	pipe_detach(inode, file_pipe(f), f->f_mode);
	return 0;
}

/* fifo(7) open: attach to (or create) the inode's pipe, then maybe wait. */
static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *p, *fresh = NULL;
	bool nonblock = f->f_flags & O_NONBLOCK;
	u32 seen;
	int err = 0;

	for (;;) {
		spin_lock(&inode->i_lock);
		p = inode->i_pipe;
		if (!p && fresh) {
			inode->i_pipe = p = fresh;
			fresh = NULL;
		}
		if (p)
			p->files++;	/* under i_lock, as pipe_detach */
		spin_unlock(&inode->i_lock);
		if (p)
			break;
		fresh = alloc_pipe_info();
		if (!fresh)
			return -ENFILE;
	}
	if (fresh)
		free_pipe_info(fresh);
	f->private_data = p;
	f->f_op = &pipefifo_fops;

	spin_lock(&p->lock);
	if (f->f_mode & FMODE_READ) {
		p->readers++;
		p->r_counter++;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (!(f->f_mode & FMODE_READ) && nonblock && !p->readers) {
			spin_unlock(&p->lock);
			pipe_detach(inode, p, 0);
			return -ENXIO;	/* fifo(7) */
		}
		p->writers++;
		p->w_counter++;
	}
	f->f_pos = p->w_counter;
	spin_unlock(&p->lock);
	wake_up_poll(&p->rd_wait, POLLIN | POLLRDNORM);
	wake_up_poll(&p->wr_wait, POLLOUT | POLLWRNORM);

	/* Wait for the other side (not for O_RDWR or O_NONBLOCK readers). */
	if ((f->f_mode & (FMODE_READ | FMODE_WRITE)) == FMODE_READ && !nonblock) {
		spin_lock(&p->lock);
		seen = p->w_counter;
		spin_unlock(&p->lock);
		if (!READ_ONCE(p->writers))
			err = wait_event_interruptible(p->rd_wait,
						       READ_ONCE(p->w_counter) != seen);
	} else if ((f->f_mode & (FMODE_READ | FMODE_WRITE)) == FMODE_WRITE) {
		spin_lock(&p->lock);
		seen = p->r_counter;
		spin_unlock(&p->lock);
		if (!READ_ONCE(p->readers))
			err = wait_event_interruptible(p->wr_wait,
						       READ_ONCE(p->r_counter) != seen);
	}
	if (err) {
		pipe_detach(inode, p, f->f_mode);
		return err;
	}
	return 0;
}

static loff_t pipe_llseek(struct file *f, loff_t off, int whence)
{
	(void)f;
	(void)off;
	(void)whence;
	return -ESPIPE;
}

static const struct file_operations pipefifo_fops = {
	.llseek = pipe_llseek,
	.read = pipe_read,
	.write = pipe_write,
	.read_iter = pipe_read_iter,
	.write_iter = pipe_write_iter,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.open = fifo_open,
	.release = pipe_release,
	.fasync = fasync_any,
};

/*
 * F_SETPIPE_SZ (fcntl(2)): the size rounds up to a power-of-two of pages
 * (EINVAL past 2^31); growing past pipe-max-size needs CAP_SYS_RESOURCE
 * (EPERM), and so does growing past the user's page limits; EBUSY if the
 * data held would not fit.  The data moves to the start of a new ring.
 */
static long pipe_set_size(struct pipe_inode_info *p, unsigned long arg)
{
	u32 size = PAGE_SIZE_FS;
	u8 **pages, **old;
	u32 *segs = NULL, *old_segs;
	long delta, ret = -ENOMEM;

	if (arg > (1ul << 31))
		return -EINVAL;
	while (size < arg)
		size <<= 1;
	mutex_lock(&p->mutex);
	if (size == p->size) {
		ret = size;
		goto out;
	}
	if (size > p->size && size > (u32)READ_ONCE(pipe_max_size) && !capable(CAP_SYS_RESOURCE)) {
		ret = -EPERM;
		goto out;
	}
	if (p->len > size || p->nsegs > size / PAGE_SIZE_FS) {
		ret = -EBUSY;
		goto out;
	}
	delta = ((long)size - (long)p->size) / PAGE_SIZE_FS;
	if (delta > 0) {
		long total = account_pipe_pages(p->user, delta);

		if ((past(pipe_user_pages_hard, total) || past(pipe_user_pages_soft, total)) &&
		    pipe_unprivileged()) {
			account_pipe_pages(p->user, -delta);
			ret = -EPERM;
			goto out;
		}
	}
	pages = kzalloc(size / PAGE_SIZE_FS * sizeof(u8 *));
	segs = pages ? kzalloc(size / PAGE_SIZE_FS * sizeof(u32)) : NULL;
	if (!segs) {
		kfree(pages);
		pages = NULL;
	}
	/* The data moves page by page to the start of the new ring. */
	for (u32 off = 0; pages && off < p->len; off += PAGE_SIZE_FS) {
		struct kvec kv = { get_free_pages(0), MIN(p->len - off, (u32)PAGE_SIZE_FS) };
		struct iov_iter it;
		ssize_t err = 0;

		pages[off / PAGE_SIZE_FS] = kv.iov_base;
		if (!kv.iov_base) {
			free_pages_array(pages, size);
			kfree(segs);
			pages = NULL;
			break;
		}
		iov_iter_kvec(&it, ITER_DEST, &kv, 1, kv.iov_len);
		ring_iter(p, p->head + off, &it, (u32)kv.iov_len, false, &err);
	}
	if (!pages) {
		if (delta > 0)
			account_pipe_pages(p->user, -delta);
		goto out;
	}
	if (delta < 0)
		account_pipe_pages(p->user, delta);
	for (u32 i = 0; i < p->nsegs; i++)	/* the packets keep their order */
		segs[i] = *seg_at(p, i);
	old = p->pages;
	old_segs = p->segs;
	delta = p->size;
	spin_lock(&p->lock);
	p->pages = pages;
	p->segs = segs;
	p->seg_head = 0;
	p->head = 0;
	WRITE_ONCE(p->size, size);
	spin_unlock(&p->lock);
	free_pages_array(old, (u32)delta);
	kfree(old_segs);
	ret = size;
out:
	mutex_unlock(&p->mutex);
	if (ret > 0)
		wake_up_poll(&p->wr_wait, POLLOUT | POLLWRNORM);
	return ret;
}

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p;

	if (!file_is_pipe(f))
		return -EBADF;
	p = file_pipe(f);
	if (cmd == F_GETPIPE_SZ)
		return READ_ONCE(p->size);
	if (cmd == F_SETPIPE_SZ)
		return pipe_set_size(p, arg);
	return -EINVAL;
}

int create_pipe_files(struct file *res[2], int flags, u32 uid, u32 gid)
{
	struct pipe_inode_info *p;
	struct inode *inode;
	struct dentry *d;
	struct path path;
	struct file *fr = NULL, *fw = NULL;
	u32 fl = O_LARGEFILE | (flags & (O_NONBLOCK | O_DIRECT));
	int err;

	if (!pipe_mnt)
		return -ENOSYS;
	p = alloc_pipe_info();
	if (!p)
		return -ENFILE;	/* pipe(2): past pipe-user-pages-hard, or no memory */
	p->readers = p->writers = 1;
	p->r_counter = p->w_counter = 1;
	p->files = 2;
	spin_lock(&vfs_lock);
	inode = new_inode(pipe_mnt->mnt_sb);
	d = inode ? d_alloc(pipe_mnt->mnt_root, "pipe:", 5) : NULL;
	if (!d) {
		if (inode)
			iput(inode);
		spin_unlock(&vfs_lock);
		free_pipe_info(p);
		return -ENOMEM;
	}
	inode->i_mode = S_IFIFO | 0600;
	inode->i_uid = uid;
	inode->i_gid = gid;
	inode->i_pipe = p;
	inode->i_fop = &pipefifo_fops;
	d->d_inode = inode;
	path.mnt = pipe_mnt;
	path.dentry = d;
	fr = alloc_file_err(&path, O_RDONLY | fl, &pipefifo_fops, &err);
	fw = fr ? alloc_file_err(&path, O_WRONLY | fl, &pipefifo_fops, &err) : NULL;
	if (!fw) {
		if (fr) {
			fr->f_op = &empty_fops;
			spin_unlock(&vfs_lock);
			fput(fr);
			spin_lock(&vfs_lock);
		}
		inode->i_pipe = NULL;
		dput(d);
		spin_unlock(&vfs_lock);
		free_pipe_info(p);
		return err;	/* ENFILE past file-max */
	}
	dput(d);	/* the files hold it now */
	spin_unlock(&vfs_lock);
	fr->f_mode = FMODE_READ;
	fw->f_mode = FMODE_WRITE;
	fr->private_data = fw->private_data = p;
	fr->f_pos = fw->f_pos = 0;	/* a writer has been: POLLHUP when gone */
	res[0] = fr;
	res[1] = fw;
	return 0;
}

/* ---- /proc/sys/fs: the limits above ---- */

static void max_size_get(int *v)
{
	v[0] = READ_ONCE(pipe_max_size);
}

/* A written size is rounded as F_SETPIPE_SZ rounds it. */
static int max_size_set(const int *v)
{
	u32 size = PAGE_SIZE_FS;

	while (size < (u32)v[0])
		size <<= 1;
	WRITE_ONCE(pipe_max_size, (int)size);
	return 0;
}

static void soft_get(int *v)
{
	v[0] = READ_ONCE(pipe_user_pages_soft);
}

static int soft_set(const int *v)
{
	WRITE_ONCE(pipe_user_pages_soft, v[0]);
	return 0;
}

static void hard_get(int *v)
{
	v[0] = READ_ONCE(pipe_user_pages_hard);
}

static int hard_set(const int *v)
{
	WRITE_ONCE(pipe_user_pages_hard, v[0]);
	return 0;
}

void pipe_sysctl_init(void)
{
	static const struct ctl_intvec max_size = { 1, 0, 1 << 30, max_size_get, max_size_set };
	static const struct ctl_intvec soft = { 1, 0, INT32_MAX, soft_get, soft_set };
	static const struct ctl_intvec hard = { 1, 0, INT32_MAX, hard_get, hard_set };

	proc_sysctl_intvec("sys/fs", "pipe-max-size", 0644, &max_size);
	proc_sysctl_intvec("sys/fs", "pipe-user-pages-soft", 0644, &soft);
	proc_sysctl_intvec("sys/fs", "pipe-user-pages-hard", 0644, &hard);
}

/* pipefs: one super block with a root directory, mounted nowhere. */
static struct file_system_type pipefs_type = { .name = "pipefs", .fs_flags = FS_PSEUDO };

int pipe_init(void)
{
	struct super_block *sb;
	struct inode *root;
	struct vfsmount *mnt;

	if (READ_ONCE(pipe_mnt))
		return 0;
	mnt = kzalloc(sizeof(*mnt));
	if (!mnt)
		return -ENOMEM;
	spin_lock(&vfs_lock);
	sb = sget(&pipefs_type);
	root = sb ? new_inode(sb) : NULL;
	if (!root) {
		spin_unlock(&vfs_lock);
		kfree(sb);
		kfree(mnt);
		return -ENOMEM;
	}
	sb->s_magic = 0x50495045;	/* PIPEFS_MAGIC, statfs(2) */
	root->i_mode = S_IFDIR | 0755;
	sb->s_root = d_alloc_root(root);
	BUG_ON(!sb->s_root);
	sb->s_active = 1;
	mnt->mnt_sb = sb;
	mnt->mnt_root = dget(sb->s_root);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	mnt->mnt_count = 1;
	INIT_LIST_HEAD(&mnt->mnt_list);
	pipe_mnt = mnt;
	fifo_fops = &pipefifo_fops;
	spin_unlock(&vfs_lock);
	return 0;
}
