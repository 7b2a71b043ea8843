/*
 * System calls on file descriptors: open, close, read/write and their
 * vector and positioned forms, lseek, sendfile, sync, dup, fcntl, ioctl,
 * pipe, getdents64 (the man pages of the same names).
 *
 * Files with read_iter/write_iter (sockets, pipes) get the caller's buffers
 * through one iov_iter (docs/design.md §6) and report SIGPIPE themselves.
 * For the others data moves through a kernel bounce buffer because
 * f_op->read/write take kernel pointers.  A regular file is read or written in RW_CHUNK
 * steps until done or short; anything else (ttys, devices) gets
 * one f_op->read of up to RW_CHUNK bytes, so a read returns as soon as
 * some data is there, and writes go in RW_CHUNK steps.
 */
#include "locks.h"
#include "sys_internal.h"
#include <tern/fs_syscalls.h>
#include <tern/pipe.h>
#include <uapi/ioctls.h>
#include <uapi/signal.h>
#include <uapi/uio.h>
#include <tern/uio.h>


char *getname(const char *upath, long *err)
{
	char *name = kmalloc(PATH_MAX);
	long n;

	if (!name) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(name, upath, PATH_MAX);
	if (n < 0 || n >= PATH_MAX) {
		kfree(name);
		*err = n < 0 ? -EFAULT : -ENAMETOOLONG;
		return NULL;
	}
	*err = 0;
	return name;
}

void putname(char *name)
{
	kfree(name);
}

/* ---- open / close ---- */

long sys_openat(int dirfd, const char *upath, int flags, unsigned int mode)
{
	struct vfs_ctx c;
	long err = get_ctx(&c);
	char *path;

	if (err)
		return err;
	path = getname(upath, &err);
	if (!path)
		return err;
	err = vfs_openat_fd(&c, dirfd, path, flags, (umode_t)(mode & 07777));
	putname(path);
	return err;
}

long sys_open(const char *path, int flags, unsigned int mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_creat(const char *path, unsigned int mode)
{
	return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_close(int fd)
{
	struct vfs_ctx c;
	long err = get_ctx(&c);

	if (err)
		return err;
	err = close_fd(c.files, fd);
	/* close(2): the fd is gone even if the release failed; EINTR-like
	 * release errors are not reported as a failed close. */
	return err == -EBADF ? -EBADF : 0;
}

/* ---- read / write ---- */

/*
 * The bounce buffer: up to RW_CHUNK bytes, or one page when memory is
 * too fragmented for more (a short transfer, never an error).
 */
static char *bounce_alloc(size_t want, size_t *got)
{
	char *b;

	want = MAX(MIN(want, (size_t)RW_CHUNK), (size_t)1);
	b = kmalloc(want);
	if (!b && want > PAGE_SIZE_FS) {
		want = PAGE_SIZE_FS;
		b = kmalloc(want);
	}
	*got = want;
	return b;
}

/*
 * One user buffer through f_op->read_iter/write_iter.  The checks come
 * in Linux's order: the file's mode (EBADF) before the buffer (EFAULT).
 */
static ssize_t do_iter_single(struct file *f, void *ubuf, size_t n, loff_t *pos, bool write)
{
	struct iovec iov;
	struct iov_iter it;
	long err = vfs_rw_allowed(f, write ? FMODE_WRITE : FMODE_READ);

	if (err)
		return err;
	err = import_single_range(write ? ITER_SOURCE : ITER_DEST, ubuf, n, &iov, &it);
	if (err < 0)
		return err;
	return write ? vfs_iter_write(f, &it, pos) : vfs_iter_read(f, &it, pos);
}

/* pos: NULL = the file position, else a positioned read at *pos. */
static ssize_t do_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	bool regular = S_ISREG(f->f_inode->i_mode);
	size_t total = 0, cap;
	ssize_t ret = 0;
	char *kbuf;

	if (f->f_op->read_iter)
		return do_iter_single(f, ubuf, n, pos, false);
	n = MIN(n, MAX_RW_COUNT);
	if (!access_ok(ubuf, n))
		return -EFAULT;
	kbuf = bounce_alloc(n, &cap);
	if (!kbuf)
		return -ENOMEM;
	do {
		size_t chunk = MIN(n - total, cap);
		ssize_t r = pos ? vfs_pread(f, kbuf, chunk, *pos + (loff_t)total)
				: vfs_read(f, kbuf, chunk);

		if (r < 0) {
			ret = r;
			break;
		}
		if (r > 0 && copy_to_user(ubuf + total, kbuf, (size_t)r)) {
			ret = -EFAULT;
			break;
		}
		total += (size_t)r;
		if ((size_t)r < chunk || !regular)
			break;
	} while (total < n);
	kfree(kbuf);
	return total ? (ssize_t)total : ret;
}

static void raise_sigpipe(void)
{
	send_signal_to_task(current, SIGPIPE);
}

static ssize_t do_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	size_t total = 0, cap;
	ssize_t ret = 0;
	char *kbuf;

	if (f->f_op->write_iter)
		return do_iter_single(f, (char *)ubuf, n, pos, true);
	n = MIN(n, MAX_RW_COUNT);
	if (!access_ok(ubuf, n))
		return -EFAULT;
	kbuf = bounce_alloc(n, &cap);
	if (!kbuf)
		return -ENOMEM;
	do {
		size_t chunk = MIN(n - total, cap);
		ssize_t r;

		if (copy_from_user(kbuf, ubuf + total, chunk)) {
			ret = -EFAULT;
			break;
		}
		r = pos ? vfs_pwrite(f, kbuf, chunk, *pos + (loff_t)total)
			: vfs_write(f, kbuf, chunk);
		if (r < 0) {
			ret = r;
			break;
		}
		total += (size_t)r;
		if ((size_t)r < chunk)
			break;
	} while (total < n);
	kfree(kbuf);
	if (ret == -EPIPE && !total)
		raise_sigpipe();
	return total ? (ssize_t)total : ret;
}

long sys_read(int fd, void *buf, size_t n)
{
	long err;
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	err = do_read(f, buf, n, NULL);
	fput(f);
	return err;
}

long sys_write(int fd, const void *buf, size_t n)
{
	long err;
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	err = do_write(f, buf, n, NULL);
	fput(f);
	return err;
}

long sys_pread64(int fd, void *buf, size_t n, s64 pos)
{
	long err;
	struct file *f;

	if (pos < 0)
		return -EINVAL;
	f = fdget(fd, &err);
	if (!f)
		return err;
	err = do_read(f, buf, n, &pos);
	fput(f);
	return err;
}

long sys_pwrite64(int fd, const void *buf, size_t n, s64 pos)
{
	long err;
	struct file *f;

	if (pos < 0)
		return -EINVAL;
	f = fdget(fd, &err);
	if (!f)
		return err;
	err = do_write(f, buf, n, &pos);
	fput(f);
	return err;
}

/*
 * readv/writev: the vector is copied and checked first (EINVAL for a
 * count outside 0..UIO_MAXIOV or a total beyond ssize_t, EFAULT).  A
 * total of at most RW_CHUNK bytes moves in one f_op call (gathered or
 * scattered through one buffer), so a small writev to a pipe is as
 * atomic as a write.
 */
static ssize_t do_iter_vec(struct file *f, const struct iovec *uiov, int cnt, loff_t *pos,
			   bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct iov_iter it;
	long ret = vfs_rw_allowed(f, write ? FMODE_WRITE : FMODE_READ);

	if (ret)
		return ret;
	ret = import_iovec(write ? ITER_SOURCE : ITER_DEST, uiov, (unsigned long)cnt,
			   UIO_FASTIOV, &iov, &it);
	if (ret < 0)
		return ret;
	ret = write ? vfs_iter_write(f, &it, pos) : vfs_iter_read(f, &it, pos);
	if (iov != fast)
		kfree(iov);
	return ret;
}

static ssize_t do_rw_vec(int fd, const struct iovec *uiov, int cnt, loff_t *pos,
			 bool write)
{
	struct iovec *iov;
	size_t total = 0, done = 0;
	ssize_t ret = 0;
	struct file *f;
	long err;

	if (cnt < 0 || cnt > UIO_MAXIOV)
		return -EINVAL;
	f = fdget(fd, &err);
	if (!f)
		return err;
	if (write ? f->f_op->write_iter : f->f_op->read_iter) {
		ret = do_iter_vec(f, uiov, cnt, pos, write);
		fput(f);
		return ret;
	}
	iov = kmalloc(sizeof(*iov) * (size_t)MAX(cnt, 1));
	if (!iov) {
		fput(f);
		return -ENOMEM;
	}
	if (copy_from_user(iov, uiov, sizeof(*iov) * (size_t)cnt)) {
		ret = -EFAULT;
		goto out;
	}
	for (int i = 0; i < cnt; i++) {
		if (iov[i].iov_len > (u64)0x7fffffffffffffffLL - total) {
			ret = -EINVAL;
			goto out;
		}
		total += iov[i].iov_len;
		if (!access_ok(iov[i].iov_base, iov[i].iov_len)) {
			ret = -EFAULT;
			goto out;
		}
	}
	if (total == 0) {
		ret = write ? do_write(f, NULL, 0, pos) : do_read(f, NULL, 0, pos);
		goto out;
	}
	if (total <= RW_CHUNK) {
		char *kbuf = kmalloc(total);
		size_t off = 0;

		if (!kbuf)
			goto piecewise;	/* fragmented memory: one vector at a time */
		if (write) {
			for (int i = 0; i < cnt && !ret; i++) {
				if (copy_from_user(kbuf + off, iov[i].iov_base, iov[i].iov_len))
					ret = -EFAULT;
				off += iov[i].iov_len;
			}
			if (!ret)
				ret = pos ? vfs_pwrite(f, kbuf, total, *pos) : vfs_write(f, kbuf, total);
			if (ret == -EPIPE)
				raise_sigpipe();
		} else {
			ret = pos ? vfs_pread(f, kbuf, total, *pos) : vfs_read(f, kbuf, total);
			for (int i = 0; i < cnt && ret > 0 && off < (size_t)ret; i++) {
				size_t part = MIN(iov[i].iov_len, (size_t)ret - off);

				if (copy_to_user(iov[i].iov_base, kbuf + off, part))
					ret = -EFAULT;
				off += part;
			}
		}
		kfree(kbuf);
		goto out;
	}
piecewise:
	for (int i = 0; i < cnt; i++) {
		loff_t p = pos ? *pos + (loff_t)done : 0;
		ssize_t r;

		if (!iov[i].iov_len)
			continue;
		r = write ? do_write(f, iov[i].iov_base, iov[i].iov_len, pos ? &p : NULL)
			  : do_read(f, iov[i].iov_base, iov[i].iov_len, pos ? &p : NULL);
		if (r < 0) {
			ret = done ? (ssize_t)done : r;
			goto out;
		}
		done += (size_t)r;
		/* Short, or a pipe/tty/device that had this much now: a
		 * second read could block with data already in hand. */
		if ((size_t)r < iov[i].iov_len || (!write && !S_ISREG(f->f_inode->i_mode)))
			break;
	}
	ret = (ssize_t)done;
out:
	kfree(iov);
	fput(f);
	return ret;
}

long sys_readv(int fd, const struct iovec *iov, int iovcnt)
{
	return do_rw_vec(fd, iov, iovcnt, NULL, false);
}

long sys_writev(int fd, const struct iovec *iov, int iovcnt)
{
	return do_rw_vec(fd, iov, iovcnt, NULL, true);
}

/* preadv(2): on 64-bit the offset is pos_l (pos_h is the 32-bit half). */
long sys_preadv(int fd, const struct iovec *iov, int iovcnt, unsigned long pos_l,
		unsigned long pos_h)
{
	loff_t pos = (loff_t)pos_l;

	(void)pos_h;
	if (pos < 0)
		return -EINVAL;
	return do_rw_vec(fd, iov, iovcnt, &pos, false);
}

long sys_pwritev(int fd, const struct iovec *iov, int iovcnt, unsigned long pos_l,
		 unsigned long pos_h)
{
	loff_t pos = (loff_t)pos_l;

	(void)pos_h;
	if (pos < 0)
		return -EINVAL;
	return do_rw_vec(fd, iov, iovcnt, &pos, true);
}

long sys_lseek(int fd, s64 off, unsigned int whence)
{
	long err;
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	err = whence > SEEK_MAX ? -EINVAL : vfs_llseek(f, off, (int)whence);
	fput(f);
	return err;
}

/* Write kernel bytes to a file at its position, through write_iter if it has one. */
static ssize_t kernel_write(struct file *f, void *kbuf, size_t n)
{
	struct kvec kv = { kbuf, n };
	struct iov_iter it;

	if (!f->f_op->write_iter)
		return vfs_write(f, kbuf, n);
	iov_iter_kvec(&it, ITER_SOURCE, &kv, 1, n);
	return vfs_iter_write(f, &it, NULL);
}

/*
 * sendfile(2): in_fd is read at *offset (its position untouched) or at
 * its position; out_fd is written at its position.  EINVAL for an
 * O_APPEND output, as Linux.
 */
long sys_sendfile(int out_fd, int in_fd, s64 *uoffset, size_t count)
{
	struct file *in, *out = NULL;
	loff_t off = 0;
	size_t done = 0, cap;
	ssize_t ret = 0;
	char *kbuf = NULL;
	long err;

	in = fdget(in_fd, &err);
	if (!in)
		return err;
	out = fdget(out_fd, &err);
	if (!out) {
		ret = err;
		goto out;
	}
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE)) {
		ret = -EBADF;
		goto out;
	}
	if (vfs_getfl(out) & O_APPEND) {
		ret = -EINVAL;
		goto out;
	}
	if (uoffset) {
		if (copy_from_user(&off, uoffset, sizeof(off))) {
			ret = -EFAULT;
			goto out;
		}
		if (off < 0) {
			ret = -EINVAL;
			goto out;
		}
	}
	count = MIN(count, MAX_RW_COUNT);
	kbuf = bounce_alloc(count, &cap);
	if (!kbuf) {
		ret = -ENOMEM;
		goto out;
	}
	while (done < count) {
		size_t chunk = MIN(count - done, cap);
		ssize_t r = uoffset ? vfs_pread(in, kbuf, chunk, off + (loff_t)done)
				    : vfs_read(in, kbuf, chunk);
		ssize_t w;

		if (r <= 0) {
			ret = r;
			break;
		}
		w = kernel_write(out, kbuf, (size_t)r);
		if (w < 0) {
			ret = w;
			if (!uoffset)	/* give back what was read but not sent */
				vfs_llseek(in, -(loff_t)r, SEEK_CUR);
			break;
		}
		done += (size_t)w;
		if (w < r) {
			if (!uoffset)
				vfs_llseek(in, -(loff_t)(r - w), SEEK_CUR);
			break;
		}
		if ((size_t)r < chunk || !S_ISREG(in->f_inode->i_mode))
			break;
	}
	if (ret == -EPIPE && !done)
		raise_sigpipe();
	if (uoffset) {
		off += (loff_t)done;
		if (copy_to_user(uoffset, &off, sizeof(off)) && !done)
			ret = -EFAULT;
	}
	if (done)
		ret = (ssize_t)done;
out:
	kfree(kbuf);
	fput(out);
	fput(in);
	return ret;
}

/* ---- sync ---- */

static long do_fsync(int fd, int datasync)
{
	long err;
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	err = vfs_fsync(f, datasync);
	fput(f);
	return err;
}

long sys_fsync(int fd)
{
	return do_fsync(fd, 0);
}

long sys_fdatasync(int fd)
{
	return do_fsync(fd, 1);
}

/* Every file system is in memory: there is nothing to write back. */
long sys_sync(void)
{
	return 0;
}

long sys_syncfs(int fd)
{
	long err;
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	fput(f);
	return 0;
}

/* ---- dup / fcntl / ioctl ---- */

long sys_dup(int fd)
{
	struct vfs_ctx c;
	long err = get_ctx(&c);

	return err ? err : do_dup(c.files, fd, c.nofile);
}

long sys_dup2(int oldfd, int newfd)
{
	struct vfs_ctx c;
	long err = get_ctx(&c);

	return err ? err : do_dup2(c.files, oldfd, newfd, c.nofile);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	struct vfs_ctx c;
	long err = get_ctx(&c);

	return err ? err : do_dup3(c.files, oldfd, newfd, flags, c.nofile);
}

long sys_fcntl(int fd, unsigned int cmd, unsigned long arg)
{
	struct vfs_ctx c;
	struct file *f;
	long err = get_ctx(&c);

	if (err)
		return err;
	switch (cmd) {
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		f = fget(c.files, fd);
		if (!f)
			return -EBADF;
		if (f->f_mode & FMODE_PATH)
			err = -EBADF;
		else if (cmd == F_GETPIPE_SZ || cmd == F_SETPIPE_SZ)
			err = pipe_fcntl(f, cmd, arg);
		else
			err = fcntl_lock(f, c.files, cmd, (void *)arg);
		fput(f);
		return err;
	case F_NOTIFY:
	case F_SETLEASE:
	case F_GETLEASE:
	case F_ADD_SEALS:
	case F_GET_SEALS:
	case F_SETFL:
	case F_GETOWN:
	case F_SETOWN:
	case F_GETOWN_EX:
	case F_SETOWN_EX:
	case F_GETSIG:
	case F_SETSIG:
		f = fget(c.files, fd);
		if (!f)
			return -EBADF;
		if (f->f_mode & FMODE_PATH)
			err = -EBADF;
		else if (cmd == F_NOTIFY)
			err = fcntl_dirnotify(f, fd, c.files, arg);
		else if (cmd == F_SETLEASE)
			err = fcntl_setlease(f, fd, arg);
		else if (cmd == F_GETLEASE)
			err = fcntl_getlease(f);
		else if (cmd == F_ADD_SEALS || cmd == F_GET_SEALS)
			err = memfd_fcntl(f, cmd, arg);
		else if (cmd != F_SETFL)
			err = fasync_fcntl(f, cmd, arg);
		else if (!(err = vfs_setfl(f, (u32)arg, c.cred)))
			err = fasync_setfl(f, fd);
		fput(f);
		return err;
	default:
		return vfs_fcntl(&c, fd, cmd, arg);
	}
}

/* flock(2): fs/locks.c. */
long sys_flock(int fd, unsigned int op)
{
	long err;
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	err = f->f_mode & FMODE_PATH ? -EBADF : flock_lock(f, op);
	fput(f);
	return err;
}

static long get_int_arg(unsigned long arg, int *v)
{
	return copy_from_user(v, (const void *)arg, sizeof(*v));
}

long sys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct vfs_ctx c;
	struct file *f;
	long err = get_ctx(&c);
	int v;

	if (err)
		return err;
	f = fget(c.files, fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		err = set_close_on_exec(c.files, fd, cmd == FIOCLEX);
		break;
	case FIONBIO:
	case FIOASYNC:
		err = get_int_arg(arg, &v);
		if (!err) {
			u32 bit = cmd == FIONBIO ? O_NONBLOCK : FASYNC;
			u32 fl = vfs_getfl(f);

			err = vfs_setfl(f, v ? fl | bit : fl & ~bit, c.cred);
			if (!err && bit == FASYNC)
				err = fasync_setfl(f, fd);
		}
		break;
	case FIONREAD:
		if (S_ISREG(f->f_inode->i_mode)) {
			loff_t left = f->f_inode->i_size - f->f_pos;

			v = left > 0x7fffffff ? 0x7fffffff : left < 0 ? 0 : (int)left;
			err = copy_to_user((void *)arg, &v, sizeof(v));
			break;
		}
		err = vfs_ioctl(f, cmd, arg);
		break;
	default:
		err = vfs_ioctl(f, cmd, arg);
		break;
	}
	fput(f);
	return err;
}

/* ---- pipe ---- */

long sys_pipe2(int *ufds, int flags)
{
	struct vfs_ctx c;
	struct file *fp[2];
	int fds[2];
	long err = get_ctx(&c);

	if (err)
		return err;
	/* pipe(2): O_DIRECT is packet mode (fs/pipe.c). */
	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(fp, flags, c.cred->fsuid, c.cred->fsgid);
	if (err)
		return err;
	fds[0] = get_unused_fd(c.files, 0, c.nofile, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] : get_unused_fd(c.files, 0, c.nofile, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		err = fds[1];
		if (fds[0] >= 0)
			put_unused_fd(c.files, fds[0]);
		goto fail;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		put_unused_fd(c.files, fds[0]);
		put_unused_fd(c.files, fds[1]);
		err = -EFAULT;
		goto fail;
	}
	fd_install(c.files, fds[0], fp[0]);
	fd_install(c.files, fds[1], fp[1]);
	return 0;
fail:
	fput(fp[0]);
	fput(fp[1]);
	return err;
}

long sys_pipe(int *fds)
{
	return sys_pipe2(fds, 0);
}

/* ---- directories ---- */

long sys_getdents64(int fd, void *dirp, unsigned int count)
{
	size_t n;
	long err;
	struct file *f = fdget(fd, &err);
	char *kbuf;

	if (!f)
		return err;
	if (!access_ok(dirp, count)) {
		fput(f);
		return -EFAULT;
	}
	kbuf = bounce_alloc(count, &n);
	if (!kbuf) {
		fput(f);
		return -ENOMEM;
	}
	n = MIN(n, (size_t)count);
	err = vfs_getdents64(f, kbuf, n);
	if (err > 0 && copy_to_user(dirp, kbuf, (size_t)err))
		err = -EFAULT;
	kfree(kbuf);
	fput(f);
	return err;
}
