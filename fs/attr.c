/*
 * Changing attributes: chmod(2), chown(2), truncate(2), utimensat(2),
 * and the permission question access(2)/faccessat2(2).
 *
 * Each call resolves its path, then, under vfs_lock, checks who may do it
 * (owner or root, as each man page says) and hands an iattr to
 * notify_change(), which adds the ctime update and calls ->setattr.
 */
#include "locks.h"
#include "namei.h"

int notify_change(struct dentry *dentry, struct iattr *ia)
{
	struct inode *inode = dentry->d_inode;
	u32 event;
	int err;

	ia->ia_valid |= ATTR_CTIME;
	if (!inode->i_op || !inode->i_op->setattr)
		return -EPERM;
	err = inode->i_op->setattr(dentry, ia);
	if (err)
		return err;
	event = ia->ia_valid & ATTR_SIZE ? DN_MODIFY : DN_ATTRIB;
	if (dentry->d_parent != dentry)
		dnotify_dir(dentry->d_parent->d_inode, event);
	/* A directory's own marks hear of its own change too (as Linux's
	 * fsnotify reports to the parent and to the inode itself). */
	if (S_ISDIR(inode->i_mode))
		dnotify_dir(inode, event);
	return 0;
}

int do_truncate(struct dentry *dentry, loff_t len, const struct cred *cred)
{
	struct iattr ia = { .ia_valid = ATTR_SIZE | ATTR_MTIME, .ia_size = len };
	umode_t mode = mode_after_kill_privs(dentry->d_inode, cred);

	if (len < 0)
		return -EINVAL;
	if (mode != dentry->d_inode->i_mode) {
		ia.ia_valid |= ATTR_MODE;
		ia.ia_mode = mode;
	}
	return notify_change(dentry, &ia);
}

static int lookup_attr(struct vfs_ctx *c, int dirfd, const char *path, int flags,
		       int allowed, struct path *out)
{
	u32 lflags = LOOKUP_FOLLOW;

	if (flags & ~allowed)
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lflags &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lflags |= LOOKUP_EMPTY;
	return vfs_path_lookupat(c, dirfd, path, lflags, out);
}

/* chmod(2): owner or root; a non-member loses S_ISGID (EPERM otherwise). */
static int chmod_common(struct vfs_ctx *c, const struct path *p, umode_t mode)
{
	struct inode *inode = p->dentry->d_inode;
	struct iattr ia = { .ia_valid = ATTR_MODE };
	int err;

	spin_lock(&vfs_lock);
	err = mnt_want_write(p->mnt);
	if (err)
		goto out;
	if (!inode_owner_or_capable(inode, c->cred)) {
		err = -EPERM;
		goto out;
	}
	ia.ia_mode = mode & 07777;
	if (c->cred->fsuid != 0 && !in_group(c->cred, inode->i_gid))
		ia.ia_mode &= ~S_ISGID;
	err = notify_change(p->dentry, &ia);
out:
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_fchmodat(struct vfs_ctx *c, int dirfd, const char *path, umode_t mode, int flags)
{
	struct path p;
	int err = lookup_attr(c, dirfd, path, flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &p);

	if (err)
		return err;
	if (S_ISLNK(p.dentry->d_inode->i_mode))
		err = -EOPNOTSUPP;	/* fchmodat2(2): links have no mode */
	else
		err = chmod_common(c, &p, mode);
	path_put(&p);
	return err;
}

int vfs_fchmod(struct vfs_ctx *c, struct file *f, umode_t mode)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;	/* open(2) O_PATH: fchmod is not allowed */
	return chmod_common(c, &f->f_path, mode);
}

/*
 * chown(2): only root changes the owner; the owner may set the group to
 * one it belongs to.  Set-user-ID is cleared on non-directories, and
 * set-group-ID when group-executable (Linux does this even for root).
 */
static int chown_common(struct vfs_ctx *c, const struct path *p, u32 uid, u32 gid)
{
	struct inode *inode = p->dentry->d_inode;
	const struct cred *cred = c->cred;
	struct iattr ia = { 0 };
	int err;

	spin_lock(&vfs_lock);
	err = mnt_want_write(p->mnt);
	if (err)
		goto out;
	if (uid != (u32)-1) {
		/* Only the owner may "change" the owner to itself. */
		if (cred->fsuid != 0 && (uid != inode->i_uid || cred->fsuid != inode->i_uid)) {
			err = -EPERM;
			goto out;
		}
		ia.ia_valid |= ATTR_UID;
		ia.ia_uid = uid;
	}
	if (gid != (u32)-1) {
		if (cred->fsuid != 0 && (cred->fsuid != inode->i_uid ||
					 (gid != inode->i_gid && !in_group(cred, gid)))) {
			err = -EPERM;
			goto out;
		}
		ia.ia_valid |= ATTR_GID;
		ia.ia_gid = gid;
	}
	/*
	 * Any chown of a non-directory, even chown(-1, -1), drops S_ISUID,
	 * and S_ISGID when group-executable or (not in the group and not
	 * root) at all -- Linux's ATTR_KILL_SUID / setattr_should_drop_sgid.
	 */
	if (!S_ISDIR(inode->i_mode)) {
		umode_t mode = inode->i_mode & ~S_ISUID;

		if ((mode & S_ISGID) && ((mode & S_IXGRP) ||
					 (cred->fsuid != 0 && !in_group(cred, inode->i_gid))))
			mode &= ~S_ISGID;
		if (mode != inode->i_mode) {
			/* Changing the mode is the owner's (or root's) right. */
			if (!inode_owner_or_capable(inode, cred)) {
				err = -EPERM;
				goto out;
			}
			ia.ia_valid |= ATTR_MODE;
			ia.ia_mode = mode;
		}
	}
	err = notify_change(p->dentry, &ia);
out:
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_fchownat(struct vfs_ctx *c, int dirfd, const char *path, u32 uid, u32 gid,
		 int flags)
{
	struct path p;
	int err = lookup_attr(c, dirfd, path, flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &p);

	if (err)
		return err;
	err = chown_common(c, &p, uid, gid);
	path_put(&p);
	return err;
}

int vfs_fchown(struct vfs_ctx *c, struct file *f, u32 uid, u32 gid)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	return chown_common(c, &f->f_path, uid, gid);
}

/* truncate(2): EISDIR, EINVAL for non-regular, EACCES without write. */
int vfs_truncate(struct vfs_ctx *c, const char *path, loff_t len)
{
	struct path p;
	struct inode *inode;
	int err;

	if (len < 0)
		return -EINVAL;
	err = vfs_path_lookupat(c, AT_FDCWD, path, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	/* A lease gives way first, as to an open for writing (locks.c). */
	err = lease_break(NULL, p.dentry->d_inode, true, false);
	if (err) {
		path_put(&p);
		return err;
	}
	spin_lock(&vfs_lock);
	inode = p.dentry->d_inode;
	if (S_ISDIR(inode->i_mode))
		err = -EISDIR;
	else if (!S_ISREG(inode->i_mode))
		err = -EINVAL;
	else if (!(err = mnt_want_write(p.mnt)) &&
		 !(err = inode_permission(inode, MAY_WRITE, c->cred)))
		err = do_truncate(p.dentry, len, c->cred);
	__path_put(&p);
	spin_unlock(&vfs_lock);
	return err;
}

/* ftruncate(2): needs a file open for writing (EINVAL otherwise, or EBADF). */
int vfs_ftruncate(struct file *f, loff_t len)
{
	int err;

	if (len < 0)
		return -EINVAL;
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	spin_lock(&vfs_lock);
	err = do_truncate(f->f_path.dentry, len, &f->f_cred);
	spin_unlock(&vfs_lock);
	return err;
}

static bool utime_valid(const struct timespec64 *t)
{
	return t->tv_nsec == UTIME_NOW || t->tv_nsec == UTIME_OMIT ||
	       (t->tv_nsec >= 0 && t->tv_nsec < (long)NSEC_PER_SEC);
}

/*
 * utimensat(2) permissions: setting both to "now" needs ownership, root,
 * or write permission (EACCES); any explicit time needs ownership or root
 * (EPERM).
 */
static int utimes_common(struct vfs_ctx *c, const struct path *p,
			 const struct timespec64 times[2])
{
	struct inode *inode = p->dentry->d_inode;
	struct iattr ia = { .ia_valid = ATTR_ATIME | ATTR_MTIME };
	bool explicit = false;
	int err;

	if (times) {
		if (times[0].tv_nsec == UTIME_OMIT)
			ia.ia_valid &= ~ATTR_ATIME;
		else if (times[0].tv_nsec != UTIME_NOW) {
			ia.ia_valid |= ATTR_ATIME_SET;
			ia.ia_atime = times[0];
			explicit = true;
		}
		if (times[1].tv_nsec == UTIME_OMIT)
			ia.ia_valid &= ~ATTR_MTIME;
		else if (times[1].tv_nsec != UTIME_NOW) {
			ia.ia_valid |= ATTR_MTIME_SET;
			ia.ia_mtime = times[1];
			explicit = true;
		}
	}
	spin_lock(&vfs_lock);
	err = mnt_want_write(p->mnt);
	if (err)
		goto out;
	if (!inode_owner_or_capable(inode, c->cred)) {
		if (explicit) {
			err = -EPERM;
			goto out;
		}
		err = inode_permission(inode, MAY_WRITE, c->cred);
		if (err)
			goto out;
	}
	if (ia.ia_valid & (ATTR_ATIME | ATTR_MTIME))
		err = notify_change(p->dentry, &ia);
out:
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_utimensat(struct vfs_ctx *c, int dirfd, const char *path,
		  const struct timespec64 times[2], int flags)
{
	struct path p;
	int err;

	if (times && (!utime_valid(&times[0]) || !utime_valid(&times[1])))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!path) {
		/* utimensat(2) with a NULL path: the file dirfd itself. */
		struct file *f = fget(c->files, dirfd);

		if (!f)
			return -EBADF;
		err = vfs_futimens(c, f, times);
		fput(f);
		return err;
	}
	err = lookup_attr(c, dirfd, path, flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &p);
	if (err)
		return err;
	err = utimes_common(c, &p, times);
	path_put(&p);
	return err;
}

int vfs_futimens(struct vfs_ctx *c, struct file *f, const struct timespec64 times[2])
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (times && (!utime_valid(&times[0]) || !utime_valid(&times[1])))
		return -EINVAL;
	return utimes_common(c, &f->f_path, times);
}

/*
 * access(2): the check uses the REAL uid/gid unless AT_EACCESS; root
 * passes R and W always and X when any x bit is set or it is a directory.
 */
int vfs_faccessat(struct vfs_ctx *c, int dirfd, const char *path, int mode, int flags)
{
	struct cred real = *c->cred;
	struct vfs_ctx rc = *c;
	struct path p;
	int err, mask = 0;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS)) {
		real.fsuid = real.uid;
		real.fsgid = real.gid;
		rc.cred = &real;
	}
	err = lookup_attr(&rc, dirfd, path, flags & ~AT_EACCESS,
			  AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &p);
	if (err)
		return err;
	if (mode & R_OK)
		mask |= MAY_READ;
	if (mode & W_OK)
		mask |= MAY_WRITE;
	if (mode & X_OK)
		mask |= MAY_EXEC;
	spin_lock(&vfs_lock);
	err = inode_permission(p.dentry->d_inode, mask, rc.cred);
	if (!err && (mode & W_OK) && mnt_is_readonly(p.mnt) &&
	    !S_ISCHR(p.dentry->d_inode->i_mode) && !S_ISBLK(p.dentry->d_inode->i_mode) &&
	    !S_ISFIFO(p.dentry->d_inode->i_mode) && !S_ISSOCK(p.dentry->d_inode->i_mode))
		err = -EROFS;
	__path_put(&p);
	spin_unlock(&vfs_lock);
	return err;
}
