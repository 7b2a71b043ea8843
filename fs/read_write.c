/*
 * read(2), write(2), pread64(2), pwrite64(2), lseek(2), fsync(2).
 * f_pos is read and advanced under f->f_lock around the f_op call
 * (linux-compat: two threads reading one file at once may both start at
 * the same position; Linux serialises them with f_pos_lock).
 */
#include "internal.h"
#include <tern/uio.h>

static int rw_check(struct file *f, u32 need, size_t n)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (!(f->f_mode & need))
		return -EBADF;
	if ((ssize_t)n < 0)
		return -EINVAL;
	return 0;
}


ssize_t vfs_read(struct file *f, void *buf, size_t n)
{
	loff_t pos;
	ssize_t ret;
	int err = rw_check(f, FMODE_READ, n);

	if (err)
		return err;
	if (S_ISDIR(f->f_inode->i_mode))
		return -EISDIR;
	if (!f->f_op->read)
		return -EINVAL;
	n = MIN(n, MAX_RW_COUNT);
	spin_lock(&f->f_lock);
	pos = f->f_pos;
	spin_unlock(&f->f_lock);
	ret = f->f_op->read(f, buf, n, &pos);
	if (ret >= 0) {
		spin_lock(&f->f_lock);
		f->f_pos = pos;
		spin_unlock(&f->f_lock);
	}
	if (ret > 0)
		dnotify_file(f, DN_ACCESS);
	return ret;
}

ssize_t vfs_write(struct file *f, const void *buf, size_t n)
{
	loff_t pos;
	ssize_t ret;
	int err = rw_check(f, FMODE_WRITE, n);

	if (err)
		return err;
	if (!f->f_op->write)
		return -EINVAL;
	n = MIN(n, MAX_RW_COUNT);
	spin_lock(&f->f_lock);
	pos = f->f_pos;
	spin_unlock(&f->f_lock);
	ret = f->f_op->write(f, buf, n, &pos);
	if (ret >= 0) {
		spin_lock(&f->f_lock);
		f->f_pos = pos;
		spin_unlock(&f->f_lock);
	}
	if (ret > 0)
		dnotify_file(f, DN_MODIFY);
	return ret;
}

/* pread64(2): ESPIPE on unseekable files, EINVAL on a negative offset. */
ssize_t vfs_pread(struct file *f, void *buf, size_t n, loff_t pos)
{
	int err = rw_check(f, FMODE_READ, n);

	if (err)
		return err;
	if (pos < 0)
		return -EINVAL;
	if (!(f->f_mode & FMODE_LSEEK) || S_ISFIFO(f->f_inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(f->f_inode->i_mode))
		return -EISDIR;
	if (!f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, buf, MIN(n, MAX_RW_COUNT), &pos);
}

/*
 * pwrite64(2).  linux-compat note kept from Linux: with O_APPEND the data
 * goes to the end regardless of pos (the BUGS section of pwrite(2)).
 */
ssize_t vfs_pwrite(struct file *f, const void *buf, size_t n, loff_t pos)
{
	int err = rw_check(f, FMODE_WRITE, n);

	if (err)
		return err;
	if (pos < 0)
		return -EINVAL;
	if (!(f->f_mode & FMODE_LSEEK) || S_ISFIFO(f->f_inode->i_mode))
		return -ESPIPE;
	if (!f->f_op->write)
		return -EINVAL;
	ssize_t ret = f->f_op->write(f, buf, MIN(n, MAX_RW_COUNT), &pos);

	if (ret > 0)
		dnotify_file(f, DN_MODIFY);
	return ret;
}

int vfs_rw_allowed(struct file *f, u32 mode)
{
	return (f->f_mode & FMODE_PATH) || !(f->f_mode & mode) ? -EBADF : 0;
}

/* The file position for an iterator transfer: *pos, or f_pos. */
static ssize_t iter_rw(struct file *f, struct iov_iter *it, const loff_t *ppos, bool write)
{
	loff_t pos;
	ssize_t ret;
	int err = vfs_rw_allowed(f, write ? FMODE_WRITE : FMODE_READ);

	if (err)
		return err;
	if (!write && S_ISDIR(f->f_inode->i_mode))
		return -EISDIR;
	if (ppos) {
		if (*ppos < 0)
			return -EINVAL;
		if (!(f->f_mode & FMODE_LSEEK) || S_ISFIFO(f->f_inode->i_mode))
			return -ESPIPE;
		pos = *ppos;
		return write ? f->f_op->write_iter(f, it, &pos) : f->f_op->read_iter(f, it, &pos);
	}
	spin_lock(&f->f_lock);
	pos = f->f_pos;
	spin_unlock(&f->f_lock);
	ret = write ? f->f_op->write_iter(f, it, &pos) : f->f_op->read_iter(f, it, &pos);
	if (ret >= 0) {
		spin_lock(&f->f_lock);
		f->f_pos = pos;
		spin_unlock(&f->f_lock);
	}
	return ret;
}

ssize_t vfs_iter_read(struct file *f, struct iov_iter *to, const loff_t *pos)
{
	return iter_rw(f, to, pos, false);
}

ssize_t vfs_iter_write(struct file *f, struct iov_iter *from, const loff_t *pos)
{
	return iter_rw(f, from, pos, true);
}

/* SEEK_SET/CUR/END against i_size; SEEK_DATA/HOLE treat it all as data. */
loff_t generic_file_llseek(struct file *f, loff_t off, int whence)
{
	struct inode *inode = f->f_inode;
	loff_t size, base, ret;

	spin_lock(&inode->i_lock);
	size = inode->i_size;
	spin_unlock(&inode->i_lock);
	spin_lock(&f->f_lock);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = size;
		break;
	case SEEK_DATA:
		if (off < 0 || off >= size) {
			ret = -ENXIO;
			goto out;
		}
		base = 0;
		break;
	case SEEK_HOLE:
		if (off < 0 || off >= size) {
			ret = -ENXIO;
			goto out;
		}
		base = 0;
		off = size;
		break;
	default:
		ret = -EINVAL;
		goto out;
	}
	if ((off > 0 && base > MAX_LFS_FILESIZE - off) || base + off < 0 ||
	    base + off > f->f_inode->i_sb->s_maxbytes) {
		ret = -EINVAL;
		goto out;
	}
	f->f_pos = base + off;
	ret = f->f_pos;
out:
	spin_unlock(&f->f_lock);
	return ret;
}

loff_t vfs_llseek(struct file *f, loff_t off, int whence)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (whence < SEEK_SET || whence > SEEK_MAX)
		return -EINVAL;
	if (!(f->f_mode & FMODE_LSEEK) || S_ISFIFO(f->f_inode->i_mode))
		return -ESPIPE;
	if (f->f_op->llseek)
		return f->f_op->llseek(f, off, whence);
	return generic_file_llseek(f, off, whence);
}

int vfs_fsync(struct file *f, int datasync)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (!f->f_op->fsync)
		return -EINVAL;	/* fsync(2): not a file that can be synced */
	return f->f_op->fsync(f, datasync);
}
