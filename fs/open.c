/*
 * open(2)/openat(2) and the current/root directory calls: chdir(2),
 * fchdir(2), chroot(2), getcwd(2).
 *
 * Opening resolves the name and checks everything under vfs_lock, builds
 * the struct file there, then drops the lock and calls f_op->open (a
 * driver's open may sleep).  A character device or FIFO gets its
 * file_operations from the char-device table / the fifo hook here.
 */
#include <tern/printk.h>
#include <uapi/mount.h>
#include "locks.h"
#include "namei.h"

/* The file_operations of an O_PATH file: no I/O at all (EBADF above). */
const struct file_operations empty_fops;

static const u32 open_valid_flags =
	O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND |
	O_NONBLOCK | O_DSYNC | FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY |
	O_NOFOLLOW | O_NOATIME | O_CLOEXEC | __O_SYNC | O_PATH | __O_TMPFILE;

static int open_acc_mode(int flags)
{
	int acc = 0;

	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		acc = MAY_READ;
		break;
	case O_WRONLY:
		acc = MAY_WRITE;
		break;
	default:	/* O_RDWR, and 3 ("ioctl only") which needs both */
		acc = MAY_READ | MAY_WRITE;
		break;
	}
	if (flags & O_TRUNC)
		acc |= MAY_WRITE;
	return acc;
}

/* Linux's may_open: type rules, then permission, then O_NOATIME. */
static int may_open(const struct path *p, int acc, int flags, const struct cred *cred)
{
	struct inode *inode = p->dentry->d_inode;
	int err;

	switch (inode->i_mode & S_IFMT) {
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		if (acc & MAY_WRITE)
			return -EISDIR;
		break;
	case S_IFBLK:
	case S_IFCHR:
		if (p->mnt->mnt_flags & MS_NODEV)
			return -EACCES;
		break;
	default:
		break;
	}
	err = inode_permission(inode, acc, cred);
	if (err)
		return err;
	if ((acc & MAY_WRITE) && mnt_is_readonly(p->mnt) &&
	    (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
		return -EROFS;
	if ((flags & O_NOATIME) && !inode_owner_or_capable(inode, cred))
		return -EPERM;
	return 0;
}

/* Pick the file_operations for what the inode is.  vfs_lock held. */
static int open_fops(struct inode *inode, int flags, const struct file_operations **fop)
{
	if (flags & O_PATH) {
		*fop = &empty_fops;
		return 0;
	}
	switch (inode->i_mode & S_IFMT) {
	case S_IFCHR:
		*fop = chrdev_lookup(inode->i_rdev);
		return *fop ? 0 : -ENXIO;
	case S_IFIFO:
		*fop = fifo_fops;
		return *fop ? 0 : -ENXIO;
	case S_IFBLK:
	case S_IFSOCK:
		return -ENXIO;	/* open(2): no such device / socket file */
	default:
		*fop = inode->i_fop;
		return *fop ? 0 : -ENXIO;
	}
}

/* vfs_lock held: checks, O_TRUNC, and the struct file. */
/*
 * open(2) O_CREAT of an existing name in a sticky world-writable
 * directory (Linux's may_create_in_sticky with the fs.protected_regular
 * and protected_fifos sysctls at their default 0): anything but a
 * regular file or FIFO owned by neither the directory's owner nor the
 * caller is EACCES, even for root.
 */
static int may_create_in_sticky(const struct inode *dir, const struct inode *inode,
				const struct cred *cred)
{
	if (!dir || !(dir->i_mode & S_ISVTX))
		return 0;
	if (S_ISREG(inode->i_mode) || S_ISFIFO(inode->i_mode))
		return 0;
	if (inode->i_uid == dir->i_uid || inode->i_uid == cred->fsuid)
		return 0;
	return (dir->i_mode & S_IWOTH) ? -EACCES : 0;
}

/*
 * vfs_lock held.  dir: the parent when O_CREAT found an existing name.
 * Linux's order: EISDIR (O_CREAT), sticky EACCES, ENOTDIR (O_DIRECTORY),
 * then may_open (ELOOP for a symlink, EISDIR, EACCES, EROFS, EPERM).
 */
static int do_open_locked(const struct path *p, int flags, bool created,
			  const struct inode *dir, const struct cred *cred,
			  struct file **out)
{
	struct inode *inode = p->dentry->d_inode;
	const struct file_operations *fop;
	struct file *f;
	int acc = open_acc_mode(flags), err;
	u32 fmode = 0;

	if (!(flags & O_PATH) && (flags & O_CREAT)) {
		if (S_ISDIR(inode->i_mode))
			return -EISDIR;
		err = may_create_in_sticky(dir, inode, cred);
		if (err)
			return err;
	}
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (flags & O_PATH) {
		acc = 0;
		fmode = FMODE_PATH;
	} else {
		if (created) {
			acc = 0;	/* open(2): the creator may use its new file */
			flags &= ~O_TRUNC;
		}
		err = may_open(p, acc, flags, cred);
		if (err)
			return err;
		if ((flags & O_ACCMODE) == O_RDONLY || (flags & O_ACCMODE) == O_RDWR)
			fmode |= FMODE_READ;
		if ((flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR)
			fmode |= FMODE_WRITE;
		fmode |= FMODE_LSEEK;
	}
	err = open_fops(inode, flags, &fop);
	if (err)
		return err;
	/* A running program is not opened for writing (ETXTBSY). */
	if ((fmode & FMODE_WRITE) && S_ISREG(inode->i_mode)) {
		err = get_write_access(inode);
		if (err)
			return err;
		fmode |= FMODE_WRITER;
	}
	if ((flags & O_TRUNC) && S_ISREG(inode->i_mode)) {
		err = do_truncate(p->dentry, 0, cred);
		if (err)
			goto undo;
	}
	/* F_GETFL shows what open kept: never these, always O_LARGEFILE (64-bit).
	 * O_NOCTTY stays until the driver's open has seen it (finish_open). */
	f = alloc_file_err(p, ((u32)flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC)) |
			      O_LARGEFILE, fop, &err);
	if (!f)
		goto undo;
	if (fmode & (FMODE_READ | FMODE_WRITE)) {
		spin_lock(&inode->i_lock);
		inode->i_opencount++;
		spin_unlock(&inode->i_lock);
		fmode |= FMODE_OPENED;
	}
	f->f_mode = fmode;
	f->f_cred = *cred;
	*out = f;
	return 0;
undo:
	if (fmode & FMODE_WRITER)
		put_write_access(inode);
	return err;
}

/* No lock held: the driver's open, which may replace f_op. */
static int finish_open(struct file *f, struct file **out)
{
	int err = 0;

	/* Leases (locks.c) give way before the file is opened. */
	if (!(f->f_mode & FMODE_PATH))
		err = lease_break(f, f->f_inode, f->f_mode & FMODE_WRITE,
				  f->f_flags & O_NONBLOCK);
	if (!err && f->f_op && f->f_op->open)
		err = f->f_op->open(f->f_inode, f);
	if (err) {
		/* The driver did not open it: release must not run. */
		f->f_op = &empty_fops;
		fput(f);
		return err;
	}
	f->f_flags &= ~(u32)O_NOCTTY;	/* the tty's open has decided */
	*out = f;
	return 0;
}

/* O_CREAT: find or make the last component.  Returns the path to open. */
static int open_create(struct nameidata *nd, struct vfs_ctx *c, int flags,
		       umode_t mode, struct path *out, bool *created,
		       struct inode **dir_out)
{
	for (;;) {
		struct dentry *d;
		struct inode *dir;
		int err = link_path_walk(nd);

		if (err)
			return err;
		/*
		 * open(2) O_CREAT: "name/" is EISDIR; "/", "." and ".." exist
		 * and are directories: EEXIST with O_EXCL, else EISDIR.
		 */
		if (nd->last_type != LAST_NORM)
			return (flags & O_EXCL) ? -EEXIST : -EISDIR;
		if (nd->trailing_slash)
			return -EISDIR;
		d = lookup_child(nd->path.dentry, nd->last, nd->last_len, &err);
		if (err)
			return err;
		if (d) {
			if (flags & O_EXCL) {
				dput(d);
				return -EEXIST;
			}
			out->dentry = d;
			out->mnt = __mntget(nd->path.mnt);
			follow_mount(out);
			if (S_ISLNK(out->dentry->d_inode->i_mode) &&
			    !(flags & O_NOFOLLOW)) {
				/* Follow, even a dangling link: O_CREAT makes its target. */
				struct path link = *out;

				out->dentry = NULL;
				err = nd_follow_link(nd, link.dentry);
				__path_put(&link);
				if (err)
					return err;
				continue;
			}
			*dir_out = nd->path.dentry->d_inode;
			return 0;
		}
		dir = nd->path.dentry->d_inode;
		err = may_create(dir, c->cred);
		if (err)
			return err;
		err = mnt_want_write(nd->path.mnt);
		if (err)
			return err;
		if (!dir->i_op->create)
			return -EACCES;
		d = d_alloc(nd->path.dentry, nd->last, nd->last_len);
		if (!d)
			return -ENOMEM;
		err = dir->i_op->create(dir, d, mode & ~c->fs->umask & 07777, c->cred);
		if (err) {
			dput(d);
			return err;
		}
		*created = true;
		dnotify_dir(dir, DN_CREATE);
		out->dentry = d;
		out->mnt = __mntget(nd->path.mnt);
		return 0;
	}
}

int vfs_openat(struct vfs_ctx *c, int dirfd, const char *path, int flags,
	       umode_t mode, struct file **out)
{
	struct file *dfile, *f = NULL;
	struct nameidata nd;
	struct path p = { NULL, NULL };
	struct inode *dir = NULL;
	bool created = false;
	u32 lflags = 0;
	int err;

	if ((u32)flags & ~open_valid_flags)
		flags &= (int)open_valid_flags;	/* open(2): unknown flags ignored */
	if (flags & __O_TMPFILE)
		return -EOPNOTSUPP;	/* linux-compat: O_TMPFILE not yet */
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;		/* Linux 6.4+ */
	if (!(flags & O_NOFOLLOW))
		lflags |= LOOKUP_FOLLOW;
	if (flags & O_DIRECTORY)
		lflags |= LOOKUP_DIRECTORY;
	dfile = nd_dirfile(c, dirfd, path);
	err = nd_start(&nd, c, dfile, dirfd, path, lflags);
	if (err)
		goto out;
	if (flags & O_CREAT)
		err = open_create(&nd, c, flags, mode, &p, &created, &dir);
	else
		err = lookup_last(&nd, &p);
	if (err)
		goto out;
	err = do_open_locked(&p, flags, created, dir, c->cred, &f);
out:
	if (p.dentry)
		__path_put(&p);
	nd_finish(&nd);
	fput(dfile);
	if (err)
		return err;
	return finish_open(f, out);
}

int vfs_openat_fd(struct vfs_ctx *c, int dirfd, const char *path, int flags,
		  umode_t mode)
{
	struct file *f;
	int fd = get_unused_fd(c->files, 0, c->nofile, flags & O_CLOEXEC);
	int err;

	if (fd < 0)
		return fd;
	err = vfs_openat(c, dirfd, path, flags, mode, &f);
	if (err) {
		put_unused_fd(c->files, fd);
		return err;
	}
	fd_install(c->files, fd, f);
	return fd;
}

int vfs_open_path(const struct path *p, int flags, const struct cred *cred,
		  struct file **out)
{
	struct file *f = NULL;
	int err;

	spin_lock(&vfs_lock);
	err = do_open_locked(p, flags & ~O_CREAT, false, NULL, cred, &f);
	spin_unlock(&vfs_lock);
	if (err)
		return err;
	return finish_open(f, out);
}

/*
 * execve(2)'s open (Linux's open_exec): a regular file (EACCES
 * otherwise), on a mount without MS_NOEXEC (EACCES), with an x bit for
 * the caller (EACCES; root needs any x bit), not open for writing
 * (ETXTBSY; writers are held off until this file is closed).  Read
 * permission is not needed; the file is opened for reading so the loader
 * can read it.
 */
int vfs_open_exec(struct vfs_ctx *c, const char *path, struct file **out)
{
	struct file *f = NULL;
	struct path p;
	int err;

	err = vfs_path_lookupat(c, AT_FDCWD, path, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	spin_lock(&vfs_lock);
	if (!S_ISREG(p.dentry->d_inode->i_mode) || (p.mnt->mnt_flags & MS_NOEXEC))
		err = -EACCES;
	else
		err = inode_permission(p.dentry->d_inode, MAY_EXEC, c->cred);
	if (!err)
		err = deny_write_access(p.dentry->d_inode);	/* ETXTBSY */
	if (!err) {
		f = alloc_file(&p, O_RDONLY | O_LARGEFILE, p.dentry->d_inode->i_fop);
		if (f) {
			f->f_mode = FMODE_READ | FMODE_LSEEK | FMODE_EXEC;
			f->f_cred = *c->cred;
		} else {
			allow_write_access(p.dentry->d_inode);
			err = -ENOMEM;
		}
	}
	__path_put(&p);
	spin_unlock(&vfs_lock);
	if (err)
		return err;
	return finish_open(f, out);
}

/* ---- cwd and root ---- */

static void set_fs_path(struct fs_struct *fs, struct path *slot, const struct path *p)
{
	struct path old;

	spin_lock(&fs->lock);
	old = *slot;
	*slot = *p;
	spin_unlock(&fs->lock);
	__path_put(&old);	/* vfs_lock held by the caller */
}

static int set_dir(struct vfs_ctx *c, const char *path, bool root)
{
	struct path p;
	int err;

	if (root && c->cred->euid != 0)
		return -EPERM;	/* chroot(2): CAP_SYS_CHROOT */
	err = vfs_path_lookupat(c, AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);
	if (err)
		return err;
	spin_lock(&vfs_lock);
	err = inode_permission(p.dentry->d_inode, MAY_EXEC, c->cred);
	if (err)
		__path_put(&p);
	else
		set_fs_path(c->fs, root ? &c->fs->root : &c->fs->pwd, &p);
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_chdir(struct vfs_ctx *c, const char *path)
{
	return set_dir(c, path, false);
}

int vfs_chroot(struct vfs_ctx *c, const char *path)
{
	return set_dir(c, path, true);
}

int vfs_fchdir(struct vfs_ctx *c, int fd)
{
	struct file *f = fget(c->files, fd);
	int err;

	if (!f)
		return -EBADF;
	spin_lock(&vfs_lock);
	if (!S_ISDIR(f->f_inode->i_mode)) {
		err = -ENOTDIR;
	} else {
		err = inode_permission(f->f_inode, MAY_EXEC, c->cred);
		if (!err) {
			__path_get(&f->f_path);
			set_fs_path(c->fs, &c->fs->pwd, &f->f_path);
		}
	}
	spin_unlock(&vfs_lock);
	fput(f);
	return err;
}

/*
 * getcwd(2): names from pwd up to root, crossing mounts, built backwards
 * in a PATH_MAX scratch buffer.  ENOENT if the cwd was removed; ERANGE if
 * `size` is too small; a cwd outside the root (chroot) is "(unreachable)"
 * prefixed, as Linux does.
 */
ssize_t vfs_getcwd(struct vfs_ctx *c, char *buf, size_t size)
{
	char *scratch = kmalloc(PATH_MAX);
	struct path pwd, root;
	const char *s;
	size_t len;
	ssize_t ret;

	if (!scratch)
		return -ENOMEM;
	spin_lock(&vfs_lock);
	spin_lock(&c->fs->lock);
	pwd = c->fs->pwd;
	root = c->fs->root;
	spin_unlock(&c->fs->lock);
	if (!d_hashed(pwd.dentry) && pwd.dentry != pwd.mnt->mnt_root) {
		ret = -ENOENT;
		goto out;
	}
	s = d_path(&pwd, &root, scratch, PATH_MAX);
	if (!s) {
		ret = -ENAMETOOLONG;
		goto out;
	}
	len = strlen(s) + 1;
	if (len > size) {
		ret = -ERANGE;
		goto out;
	}
	memcpy(buf, s, len);
	ret = (ssize_t)len;
out:
	spin_unlock(&vfs_lock);
	kfree(scratch);
	return ret;
}

/*
 * The text of p as a process whose root is *root sees it, for
 * /proc/<pid>/fd, maps and the like (vfs_lock held):
 *  - pipes, sockets, anonymous inodes (an FS_PSEUDO mount): their own
 *    name, plus the inode number where Linux shows one ("pipe:[123]");
 *  - a kernel's own mount that is not pseudo (memfds): the path from
 *    that mount's root ("/memfd:x");
 *  - anything else: the path from *root;
 * and proc(5)'s " (deleted)" after an unlinked file's name (proc's own
 * entries are never hashed but are not deleted).
 */
ssize_t vfs_path_text_locked(const struct path *root, const struct path *p, char *buf,
			     size_t size)
{
	struct path from = *root;
	const char *s;
	char *scratch;
	bool deleted;
	int n;

	if (list_empty(&p->mnt->mnt_list) && p->mnt != root->mnt) {
		if (p->mnt->mnt_sb->s_type->fs_flags & FS_PSEUDO) {
			const char *name = p->dentry->d_name;
			size_t len = strlen(name);

			if (len && name[len - 1] == ':')
				n = snprintf(buf, size, "%s[%lu]", name,
					     (unsigned long)p->dentry->d_inode->i_ino);
			else
				n = snprintf(buf, size, "%s", name);
			return n >= (int)size ? -ENAMETOOLONG : n;
		}
		from.mnt = p->mnt;
		from.dentry = p->mnt->mnt_root;
	}
	scratch = kmalloc(PATH_MAX);
	if (!scratch)
		return -ENOMEM;
	s = d_path(p, &from, scratch, PATH_MAX);
	if (!s) {
		kfree(scratch);
		return -ENAMETOOLONG;
	}
	deleted = !d_hashed(p->dentry) && p->dentry != p->mnt->mnt_root &&
		  p->dentry->d_sb->s_magic != PROC_SUPER_MAGIC;
	n = snprintf(buf, size, "%s%s", s, deleted ? " (deleted)" : "");
	kfree(scratch);
	return n >= (int)size ? -ENAMETOOLONG : n;
}

ssize_t vfs_path_name(struct vfs_ctx *c, const struct path *p, char *buf, size_t size)
{
	struct path root;
	ssize_t ret;

	spin_lock(&vfs_lock);
	spin_lock(&c->fs->lock);
	root = c->fs->root;
	spin_unlock(&c->fs->lock);
	ret = vfs_path_text_locked(&root, p, buf, size);
	spin_unlock(&vfs_lock);
	return ret;
}
