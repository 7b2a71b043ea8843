/*
 * memfd_create(2) and file seals (F_ADD_SEALS, F_GET_SEALS).
 *
 * A memfd is a tmpfs file that no directory names: it is created in the
 * root of a tmpfs mounted once, lazily, outside the mount table, as
 * "memfd:<name>", and unlinked at once (under vfs_lock, so two memfds
 * of one name never meet), so /proc/<pid>/fd shows
 * "/memfd:<name> (deleted)" as on Linux.  Everything else is the tmpfs
 * file: read, write, mmap, ftruncate, fstat.
 *
 * Seals live in inode->i_seals with I_SEALS_MEMFD marking a memfd.
 * Without MFD_ALLOW_SEALING a memfd starts with F_SEAL_SEAL (no seal can
 * be added); a tmpfs file that is not a memfd reports F_SEAL_SEAL too,
 * and any other file gives EINVAL, as Linux's shmem does.  What each seal
 * refuses is checked where it happens: writes and growth in
 * fs/ramfs/file.c (EPERM), writable shared mappings in mm/mmap.c
 * (EPERM at mmap, EACCES at mprotect).  F_SEAL_WRITE is refused with
 * EBUSY while a writable shared mapping exists (i_mmap_writable).
 */
#include "sys_internal.h"
#include <tern/fs_syscalls.h>

#define I_SEALS_MEMFD	0x80000000u
#define SEALS_ALL	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | \
			 F_SEAL_FUTURE_WRITE)
#define MEMFD_PREFIX	"memfd:"
#define MEMFD_NAME_MAX	(255 - (sizeof(MEMFD_PREFIX) - 1))	/* NAME_MAX less the prefix */

static struct vfsmount *memfd_mnt;

/* vfs_lock held: a fresh unlinked regular file in memfd_mnt's root. */
static int memfd_create_locked(const char *name, u32 len, const struct cred *cred,
			       struct path *out)
{
	struct dentry *root;
	struct inode *dir;
	struct dentry *d;
	int err;

	if (!memfd_mnt) {
		err = type_kern_mount(&tmpfs_fs_type, &memfd_mnt);
		if (err)
			return err;
	}
	root = memfd_mnt->mnt_root;
	dir = root->d_inode;
	d = d_alloc(root, name, len);
	if (!d)
		return -ENOMEM;
	err = dir->i_op->create(dir, d, 0777, cred);
	if (!err)
		err = dir->i_op->unlink(dir, d);
	if (err) {
		dput(d);
		return err;
	}
	d_delete(d);	/* the file keeps the dentry and its inode */
	out->dentry = d;
	out->mnt = __mntget(memfd_mnt);
	return 0;
}

long sys_memfd_create(const char *uname, unsigned int flags)
{
	char name[sizeof(MEMFD_PREFIX) + MEMFD_NAME_MAX] = MEMFD_PREFIX;
	size_t pre = sizeof(MEMFD_PREFIX) - 1;
	struct vfs_ctx c;
	struct path p;
	struct file *f;
	long n, err = get_ctx(&c);
	int fd;

	if (err)
		return err;
	if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING))
		return -EINVAL;	/* linux-compat: no MFD_HUGETLB (no hugetlbfs) */
	n = strncpy_from_user(name + pre, uname, MEMFD_NAME_MAX + 1);
	if (n < 0)
		return n;
	if ((size_t)n > MEMFD_NAME_MAX)
		return -EINVAL;
	fd = get_unused_fd(c.files, 0, c.nofile, flags & MFD_CLOEXEC);
	if (fd < 0)
		return fd;
	spin_lock(&vfs_lock);
	err = memfd_create_locked(name, (u32)(pre + (size_t)n), c.cred, &p);
	spin_unlock(&vfs_lock);
	if (err)
		goto fail;
	p.dentry->d_inode->i_seals = I_SEALS_MEMFD |
				     (flags & MFD_ALLOW_SEALING ? 0 : F_SEAL_SEAL);
	err = vfs_open_path(&p, O_RDWR | O_LARGEFILE, c.cred, &f);
	path_put(&p);
	if (err)
		goto fail;
	fd_install(c.files, fd, f);
	return fd;
fail:
	put_unused_fd(c.files, fd);
	return err;
}

/* fcntl(2) F_ADD_SEALS and F_GET_SEALS; f is held. */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct inode *inode = f->f_inode;
	u32 seals = READ_ONCE(inode->i_seals);
	long err = 0;

	if (cmd == F_ADD_SEALS && !(f->f_mode & FMODE_WRITE))
		return -EPERM;
	if (cmd == F_ADD_SEALS && (arg & ~(unsigned long)SEALS_ALL))
		return -EINVAL;
	if (!(seals & I_SEALS_MEMFD))
		return inode->i_sb->s_type == &tmpfs_fs_type && S_ISREG(inode->i_mode)
		       ? (cmd == F_GET_SEALS ? F_SEAL_SEAL : -EPERM) : -EINVAL;
	if (cmd == F_GET_SEALS)
		return seals & SEALS_ALL;
	spin_lock(&inode->i_lock);
	if (inode->i_seals & F_SEAL_SEAL)
		err = -EPERM;
	else if ((arg & F_SEAL_WRITE) && !(inode->i_seals & F_SEAL_WRITE) &&
		 READ_ONCE(inode->i_mmap_writable) > 0)
		err = -EBUSY;
	else
		inode->i_seals |= (u32)arg;
	spin_unlock(&inode->i_lock);
	return err;
}
