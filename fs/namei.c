/*
 * Path resolution, path_resolution(7), without recursion: symlink bodies
 * are pushed on an explicit stack of pending strings (at most MAXSYMLINKS
 * links are followed per lookup, then ELOOP).
 *
 * A walk holds vfs_lock from start to end and owns references on
 * nd->path and nd->root.  Components are searched with MAY_EXEC on their
 * directory first (EACCES), then looked up (ENAMETOOLONG past NAME_MAX,
 * ENOENT), then crossed into mounts; a non-directory in the middle is
 * ENOTDIR.  ".." never climbs above the walk's root and crosses from a
 * mount's root to its mountpoint.
 */
#include "internal.h"
#include "namei.h"

static int nd_push(struct nameidata *nd, const char *s, char *buf)
{
	if (nd->depth == ARRAY_SIZE(nd->stack)) {
		kfree(buf);
		return -ELOOP;
	}
	nd->stack[nd->depth].p = s;
	nd->stack[nd->depth].buf = buf;
	nd->depth++;
	return 0;
}

static void nd_set_path(struct nameidata *nd, const struct path *p)
{
	struct path old = nd->path;

	nd->path = *p;
	__path_get(&nd->path);
	__path_put(&old);
}

/*
 * Start a walk of `name` (kernel string).  Takes vfs_lock; nd_finish()
 * must be called whatever this returns.  dfile is the dirfd's file, got
 * by the caller before the lock (fget may not run under vfs_lock).
 */
int nd_start(struct nameidata *nd, struct vfs_ctx *c, struct file *dfile,
	     int dirfd, const char *name, u32 flags)
{
	size_t len;

	memset(nd, 0, sizeof(*nd));
	nd->cred = c->cred;
	nd->flags = flags;
	/* The name is checked first (Linux's getname): EFAULT, ENAMETOOLONG,
	 * ENOENT for "" come before anything about dirfd. */
	if (!name)
		return -EFAULT;
	len = strnlen(name, PATH_MAX);
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0 && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	spin_lock(&vfs_lock);
	nd->locked = true;
	spin_lock(&c->fs->lock);
	nd->root = c->fs->root;
	__path_get(&nd->root);
	if (name[0] == '/')
		nd->path = c->fs->root;
	else if (dirfd == AT_FDCWD)
		nd->path = c->fs->pwd;
	spin_unlock(&c->fs->lock);
	if (nd->path.dentry) {
		__path_get(&nd->path);
	} else {
		if (!dfile)
			return -EBADF;
		nd->path = dfile->f_path;
		__path_get(&nd->path);
		if (len && !S_ISDIR(nd->path.dentry->d_inode->i_mode))
			return -ENOTDIR;
	}
	if (len == 0) {
		nd->last_type = LAST_EMPTY;
		nd->started_empty = true;
		return 0;
	}
	return nd_push(nd, name, NULL);
}

void nd_finish(struct nameidata *nd)
{
	u32 i;

	for (i = 0; i < nd->depth; i++)
		kfree(nd->stack[i].buf);
	nd->depth = 0;
	if (nd->path.dentry)
		__path_put(&nd->path);
	if (nd->root.dentry)
		__path_put(&nd->root);
	nd->path.dentry = nd->root.dentry = NULL;
	if (nd->locked)
		spin_unlock(&vfs_lock);
	nd->locked = false;
}

/* "..": stay at the walk's root; hop from a mount root to its mountpoint. */
static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct path up;

		if (path_equal(&nd->path, &nd->root))
			break;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			up.mnt = nd->path.mnt;
			up.dentry = nd->path.dentry->d_parent;
			nd_set_path(nd, &up);
			break;
		}
		if (nd->path.mnt->mnt_parent == nd->path.mnt)
			break;	/* the root of the whole tree */
		up.mnt = nd->path.mnt->mnt_parent;
		up.dentry = nd->path.mnt->mnt_mountpoint;
		nd_set_path(nd, &up);
	}
	follow_mount(&nd->path);
}

/*
 * Look a name up in dir: a new reference to the positive child, NULL if
 * there is none (*err = 0), or NULL with *err set.
 */
struct dentry *lookup_child(struct dentry *dir, const char *name, u32 len, int *err)
{
	struct inode *inode = dir->d_inode;
	struct dentry *d;

	*err = 0;
	if (len > NAME_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	d = d_lookup(dir, name, len);
	if (d || !inode->i_op || !inode->i_op->lookup)
		return d;
	d = d_alloc(dir, name, len);
	if (!d) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = inode->i_op->lookup(inode, d);
	if (*err || !d->d_inode) {
		dput(d);
		return NULL;
	}
	return d;
}

/* Next component of the string on top of the stack; pops empty strings. */
static bool next_component(struct nameidata *nd, const char **name, u32 *len)
{
	while (nd->depth) {
		const char *s = nd->stack[nd->depth - 1].p;

		while (*s == '/')
			s++;
		if (*s) {
			const char *e = s;

			while (*e && *e != '/')
				e++;
			*name = s;
			*len = (u32)(e - s);
			nd->stack[nd->depth - 1].p = e;
			return true;
		}
		/* Keep the bottom string's buffer: nd->last may point into it. */
		if (nd->depth == 1)
			return false;
		nd->stack[nd->depth - 1].p = s;
		kfree(nd->stack[nd->depth - 1].buf);
		nd->depth--;
	}
	return false;
}

/* Is what remains (all pending strings) only slashes?  Any slash at all? */
static bool rest_is_empty(struct nameidata *nd, bool *slash)
{
	u32 i;

	*slash = false;
	for (i = nd->depth; i-- > 0;) {
		const char *s = nd->stack[i].p;

		while (*s == '/') {
			*slash = true;
			s++;
		}
		if (*s)
			return false;
	}
	return true;
}

/* Replace nd->path by a symlink's body: push it, restart at / if absolute. */
int nd_follow_link(struct nameidata *nd, struct dentry *link)
{
	struct inode *inode = link->d_inode;
	const char *body;
	char *copy;
	size_t len;

	if (++nd->total_links > MAXSYMLINKS)
		return -ELOOP;
	if (inode->i_op && inode->i_op->get_link_path) {
		/* A magic link: the walk goes on from the object itself. */
		struct path target;
		int err = inode->i_op->get_link_path(inode, &target);

		if (err)
			return err;
		nd_set_path(nd, &target);
		__path_put(&target);
		return 0;
	}
	body = inode->i_op && inode->i_op->get_link ? inode->i_op->get_link(inode) : NULL;
	if (!body)
		return -EINVAL;
	len = strlen(body);
	if (len == 0)
		return -ENOENT;	/* path_resolution(7): empty link body */
	copy = kstrndup(body, len);
	if (!copy)
		return -ENOMEM;
	if (copy[0] == '/')
		nd_set_path(nd, &nd->root);
	return nd_push(nd, copy, copy);
}

/*
 * Walk every component but the last.  On return nd->path is the parent
 * directory and nd->last / last_len / last_type / trailing_slash describe
 * the final component (LAST_ROOT when the path was only slashes).
 */
int link_path_walk(struct nameidata *nd)
{
	const char *name;
	u32 len;
	int err;

	if (nd->last_type == LAST_EMPTY && nd->started_empty)
		return 0;
	nd->last_type = LAST_ROOT;
	nd->last = NULL;
	nd->last_len = 0;
	nd->trailing_slash = false;
	while (next_component(nd, &name, &len)) {
		struct dentry *child;
		struct path next;
		bool slash;

		if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
			return -ENOTDIR;
		err = inode_permission(nd->path.dentry->d_inode, MAY_EXEC, nd->cred);
		if (err)
			return err;
		if (rest_is_empty(nd, &slash)) {
			nd->last = name;
			nd->last_len = len;
			nd->trailing_slash = slash;
			if (len == 1 && name[0] == '.')
				nd->last_type = LAST_DOT;
			else if (len == 2 && name[0] == '.' && name[1] == '.')
				nd->last_type = LAST_DOTDOT;
			else
				nd->last_type = LAST_NORM;
			return 0;
		}
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			follow_dotdot(nd);
			continue;
		}
		child = lookup_child(nd->path.dentry, name, len, &err);
		if (!child)
			return err ? err : -ENOENT;
		next.mnt = nd->path.mnt;
		next.dentry = child;
		__mntget(next.mnt);
		follow_mount(&next);
		if (S_ISLNK(next.dentry->d_inode->i_mode)) {
			/* The link resolves relative to the directory it is in. */
			err = nd_follow_link(nd, next.dentry);
			__path_put(&next);
			if (err)
				return err;
			continue;
		}
		__path_put(&nd->path);
		nd->path = next;
	}
	return 0;
}

/*
 * Resolve the final component into *out (a referenced path), following a
 * final symlink when LOOKUP_FOLLOW is set or a slash trails it.
 */
int lookup_last(struct nameidata *nd, struct path *out)
{
	int err;

	for (;;) {
		struct path p;

		err = link_path_walk(nd);
		if (err)
			return err;
		switch (nd->last_type) {
		case LAST_DOTDOT:
			follow_dotdot(nd);
			/* fall through */
		case LAST_ROOT:
		case LAST_DOT:
		case LAST_EMPTY:
			p = nd->path;
			__path_get(&p);
			break;
		default:
			p.dentry = lookup_child(nd->path.dentry, nd->last,
						nd->last_len, &err);
			if (!p.dentry)
				return err ? err : -ENOENT;
			p.mnt = __mntget(nd->path.mnt);
			follow_mount(&p);
			if (S_ISLNK(p.dentry->d_inode->i_mode) &&
			    ((nd->flags & LOOKUP_FOLLOW) || nd->trailing_slash)) {
				err = nd_follow_link(nd, p.dentry);
				__path_put(&p);
				if (err)
					return err;
				continue;
			}
			break;
		}
		if ((nd->trailing_slash || (nd->flags & LOOKUP_DIRECTORY)) &&
		    !S_ISDIR(p.dentry->d_inode->i_mode)) {
			__path_put(&p);
			return -ENOTDIR;
		}
		*out = p;
		return 0;
	}
}

/* fget for a dirfd argument: NULL for AT_FDCWD or an absolute path. */
struct file *nd_dirfile(struct vfs_ctx *c, int dirfd, const char *path)
{
	if (dirfd == AT_FDCWD || (path && path[0] == '/'))
		return NULL;
	return fget(c->files, dirfd);
}

int vfs_path_lookupat(struct vfs_ctx *c, int dirfd, const char *path,
		      u32 flags, struct path *out)
{
	struct file *dfile = nd_dirfile(c, dirfd, path);
	struct nameidata nd;
	int err;

	err = nd_start(&nd, c, dfile, dirfd, path, flags);
	if (!err)
		err = lookup_last(&nd, out);
	nd_finish(&nd);
	fput(dfile);
	return err;
}

/* ------------------------------------------------------------------ */
/* Creating and removing names: mkdir(2), mknod(2), symlink(2), link(2),
 * unlink(2), rmdir(2), rename(2), readlink(2).  Linux's order of checks
 * decides which errno wins; each step below names the errno it adds. */

int may_create(struct inode *dir, const struct cred *cred)
{
	if (dir->i_nlink == 0)
		return -ENOENT;		/* the directory was removed */
	return inode_permission(dir, MAY_WRITE | MAY_EXEC, cred);
}

struct dentry *filename_create(struct nameidata *nd, bool is_dir, int *err)
{
	struct dentry *d;

	if (nd->last_type != LAST_NORM) {
		*err = -EEXIST;		/* "/", ".", ".." always exist */
		return NULL;
	}
	d = lookup_child(nd->path.dentry, nd->last, nd->last_len, err);
	if (*err)
		return NULL;
	if (d) {
		dput(d);
		*err = -EEXIST;
		return NULL;
	}
	if (nd->trailing_slash && !is_dir) {
		*err = -ENOENT;
		return NULL;
	}
	*err = mnt_want_write(nd->path.mnt);
	if (*err)
		return NULL;
	d = d_alloc(nd->path.dentry, nd->last, nd->last_len);
	if (!d)
		*err = -ENOMEM;
	return d;
}

static int parent_walk(struct nameidata *nd, struct vfs_ctx *c, struct file *dfile,
		       int dirfd, const char *path)
{
	int err = nd_start(nd, c, dfile, dirfd, path, 0);

	return err ? err : link_path_walk(nd);
}

static u32 current_umask(struct vfs_ctx *c)
{
	return c->fs->umask;
}

int vfs_mkdirat(struct vfs_ctx *c, int dirfd, const char *path, umode_t mode)
{
	struct file *dfile = nd_dirfile(c, dirfd, path);
	struct nameidata nd;
	struct dentry *d = NULL;
	struct inode *dir;
	int err;

	err = parent_walk(&nd, c, dfile, dirfd, path);
	if (err)
		goto out;
	d = filename_create(&nd, true, &err);
	if (!d)
		goto out;
	dir = nd.path.dentry->d_inode;
	err = may_create(dir, c->cred);
	if (err)
		goto out;
	if (!dir->i_op->mkdir) {
		err = -EPERM;
		goto out;
	}
	/* mkdir(2): mode & ~umask & 01777 (set-id bits come from the parent). */
	err = dir->i_op->mkdir(dir, d, mode & ~current_umask(c) & 01777, c->cred);
	if (!err)
		dnotify_dir(dir, DN_CREATE);
out:
	if (d)
		dput(d);
	nd_finish(&nd);
	fput(dfile);
	return err;
}

static int do_mknodat(struct vfs_ctx *c, int dirfd, const char *path, umode_t mode, u32 dev,
		      struct path *out)
{
	struct file *dfile;
	struct nameidata nd;
	struct dentry *d = NULL;
	struct inode *dir;
	int err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFCHR:
	case S_IFBLK:
		break;
	case S_IFDIR:
		return -EPERM;		/* mknod(2): use mkdir */
	default:
		return -EINVAL;
	}
	dfile = nd_dirfile(c, dirfd, path);
	err = parent_walk(&nd, c, dfile, dirfd, path);
	if (err)
		goto out;
	d = filename_create(&nd, false, &err);
	if (!d)
		goto out;
	dir = nd.path.dentry->d_inode;
	/* mknod(2): device nodes need CAP_MKNOD. */
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && c->cred->euid != 0) {
		err = -EPERM;
		goto out;
	}
	err = may_create(dir, c->cred);
	if (err)
		goto out;
	if (!dir->i_op->mknod) {
		err = -EPERM;
		goto out;
	}
	err = dir->i_op->mknod(dir, d, (mode & S_IFMT) | (mode & ~current_umask(c) & 07777),
			       (S_ISCHR(mode) || S_ISBLK(mode)) ? new_decode_dev(dev) : 0,
			       c->cred);
	if (!err)
		dnotify_dir(dir, DN_CREATE);
	if (!err && out) {
		out->mnt = nd.path.mnt;
		out->dentry = d;
		__path_get(out);
	}
out:
	if (d)
		dput(d);
	nd_finish(&nd);
	fput(dfile);
	return err;
}

int vfs_mknodat(struct vfs_ctx *c, int dirfd, const char *path, umode_t mode, u32 dev)
{
	return do_mknodat(c, dirfd, path, mode, dev, NULL);
}

int vfs_mknod_path(struct vfs_ctx *c, const char *path, umode_t mode, struct path *out)
{
	return do_mknodat(c, AT_FDCWD, path, mode, 0, out);
}

int vfs_symlinkat(struct vfs_ctx *c, const char *target, int dirfd, const char *path)
{
	struct file *dfile;
	struct nameidata nd;
	struct dentry *d = NULL;
	struct inode *dir;
	size_t tlen;
	int err;

	if (!target)
		return -EFAULT;
	tlen = strnlen(target, PATH_MAX);
	if (tlen == PATH_MAX)
		return -ENAMETOOLONG;
	if (tlen == 0)
		return -ENOENT;		/* symlink(2): empty target */
	dfile = nd_dirfile(c, dirfd, path);
	err = parent_walk(&nd, c, dfile, dirfd, path);
	if (err)
		goto out;
	d = filename_create(&nd, false, &err);
	if (!d)
		goto out;
	dir = nd.path.dentry->d_inode;
	err = may_create(dir, c->cred);
	if (err)
		goto out;
	err = dir->i_op->symlink ? dir->i_op->symlink(dir, d, target, c->cred) : -EPERM;
	if (!err)
		dnotify_dir(dir, DN_CREATE);
out:
	if (d)
		dput(d);
	nd_finish(&nd);
	fput(dfile);
	return err;
}

/* Sticky directories, unlink(2) EPERM: only the file's or dir's owner. */
static bool check_sticky(struct inode *dir, struct inode *inode, const struct cred *cred)
{
	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (cred->fsuid == inode->i_uid || cred->fsuid == dir->i_uid)
		return false;
	return cred->fsuid != 0;
}

/* Linux's may_delete: EACCES, EPERM (sticky), ENOTDIR/EISDIR, EBUSY, ENOENT. */
static int may_delete(struct inode *dir, struct dentry *victim, bool isdir,
		      const struct cred *cred)
{
	struct inode *inode = victim->d_inode;
	int err;

	err = inode_permission(dir, MAY_WRITE | MAY_EXEC, cred);
	if (err)
		return err;
	if (check_sticky(dir, inode, cred))
		return -EPERM;
	if (isdir) {
		if (!S_ISDIR(inode->i_mode))
			return -ENOTDIR;
		if (victim->d_parent == victim)
			return -EBUSY;
	} else if (S_ISDIR(inode->i_mode)) {
		return -EISDIR;
	}
	if (dir->i_nlink == 0)
		return -ENOENT;
	return 0;
}

static int do_rmdir(struct vfs_ctx *c, int dirfd, const char *path)
{
	struct file *dfile = nd_dirfile(c, dirfd, path);
	struct nameidata nd;
	struct dentry *d = NULL;
	struct inode *dir;
	int err;

	err = parent_walk(&nd, c, dfile, dirfd, path);
	if (err)
		goto out;
	switch (nd.last_type) {
	case LAST_DOTDOT:
		err = -ENOTEMPTY;
		goto out;
	case LAST_DOT:
		err = -EINVAL;
		goto out;
	case LAST_ROOT:
		err = -EBUSY;
		goto out;
	default:
		break;
	}
	err = mnt_want_write(nd.path.mnt);
	if (err)
		goto out;
	d = lookup_child(nd.path.dentry, nd.last, nd.last_len, &err);
	if (!d) {
		err = err ? err : -ENOENT;
		goto out;
	}
	dir = nd.path.dentry->d_inode;
	err = may_delete(dir, d, true, c->cred);
	if (err)
		goto out;
	if (d->d_mounts) {
		err = -EBUSY;
		goto out;
	}
	err = dir->i_op->rmdir ? dir->i_op->rmdir(dir, d) : -EPERM;
	if (!err) {
		d_delete(d);
		dnotify_dir(dir, DN_DELETE);
	}
out:
	if (d)
		dput(d);
	nd_finish(&nd);
	fput(dfile);
	return err;
}

static int do_unlink(struct vfs_ctx *c, int dirfd, const char *path)
{
	struct file *dfile = nd_dirfile(c, dirfd, path);
	struct nameidata nd;
	struct dentry *d = NULL;
	struct inode *dir;
	int err;

	err = parent_walk(&nd, c, dfile, dirfd, path);
	if (err)
		goto out;
	if (nd.last_type != LAST_NORM) {
		err = -EISDIR;
		goto out;
	}
	err = mnt_want_write(nd.path.mnt);
	if (err)
		goto out;
	d = lookup_child(nd.path.dentry, nd.last, nd.last_len, &err);
	if (!d) {
		err = err ? err : -ENOENT;
		goto out;
	}
	if (nd.trailing_slash) {
		/* unlink("x/"): a directory is EISDIR, anything else ENOTDIR. */
		err = S_ISDIR(d->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
		goto out;
	}
	dir = nd.path.dentry->d_inode;
	err = may_delete(dir, d, false, c->cred);
	if (err)
		goto out;
	if (d->d_mounts) {
		err = -EBUSY;
		goto out;
	}
	err = dir->i_op->unlink ? dir->i_op->unlink(dir, d) : -EPERM;
	if (!err) {
		d_delete(d);	/* open files keep the dentry and inode */
		dnotify_dir(dir, DN_DELETE);
	}
out:
	if (d)
		dput(d);
	nd_finish(&nd);
	fput(dfile);
	return err;
}

int vfs_rmdir(struct vfs_ctx *c, int dirfd, const char *path)
{
	return do_rmdir(c, dirfd, path);
}

int vfs_unlinkat(struct vfs_ctx *c, int dirfd, const char *path, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return (flags & AT_REMOVEDIR) ? do_rmdir(c, dirfd, path)
				      : do_unlink(c, dirfd, path);
}

int vfs_linkat(struct vfs_ctx *c, int olddirfd, const char *oldpath,
	       int newdirfd, const char *newpath, int flags)
{
	struct file *odfile = NULL, *ndfile = NULL;
	struct nameidata nd;
	struct path old = { NULL, NULL };
	struct dentry *d = NULL;
	struct inode *dir, *inode;
	u32 lflags = 0;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		lflags |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH) {
		/* linkat(2): AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH (ENOENT as
		 * Linux 6.1; linux-compat: 6.10+ answers EPERM). */
		if (c->cred->euid != 0)
			return -ENOENT;
		lflags |= LOOKUP_EMPTY;
	}
	err = vfs_path_lookupat(c, olddirfd, oldpath, lflags, &old);
	if (err)
		return err;
	ndfile = nd_dirfile(c, newdirfd, newpath);
	err = parent_walk(&nd, c, ndfile, newdirfd, newpath);
	if (err)
		goto out;
	d = filename_create(&nd, false, &err);
	if (!d)
		goto out;
	if (old.mnt != nd.path.mnt) {
		err = -EXDEV;
		goto out;
	}
	dir = nd.path.dentry->d_inode;
	inode = old.dentry->d_inode;
	err = may_create(dir, c->cred);
	if (err)
		goto out;
	if (!dir->i_op->link || S_ISDIR(inode->i_mode)) {
		err = -EPERM;
		goto out;
	}
	if (inode->i_nlink == 0) {
		err = -ENOENT;
		goto out;
	}
	err = dir->i_op->link(old.dentry, dir, d);
	if (!err)
		dnotify_dir(dir, DN_CREATE);
out:
	if (d)
		dput(d);
	if (old.dentry)
		__path_put(&old);
	nd_finish(&nd);
	fput(odfile);
	fput(ndfile);
	return err;
}

int vfs_renameat2(struct vfs_ctx *c, int olddirfd, const char *oldpath,
		  int newdirfd, const char *newpath, u32 flags)
{
	struct file *odfile = NULL, *ndfile = NULL;
	struct nameidata ond, nnd;
	struct dentry *old = NULL, *new = NULL;
	struct inode *odir, *ndir;
	char *namebuf = NULL;
	bool is_dir, new_is_dir;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;	/* linux-compat: no overlayfs whiteouts */

	/* Walk both parents; one walker at a time holds vfs_lock. */
	odfile = nd_dirfile(c, olddirfd, oldpath);
	ndfile = nd_dirfile(c, newdirfd, newpath);
	err = parent_walk(&ond, c, odfile, olddirfd, oldpath);
	if (err) {
		nd_finish(&ond);
		goto out_files;
	}
	/* Move ond's results aside, release the lock for the second walk. */
	ond.locked = false;
	spin_unlock(&vfs_lock);
	err = parent_walk(&nnd, c, ndfile, newdirfd, newpath);
	/* Both walks now under the one lock nnd took. */
	if (err)
		goto out;
	if (ond.path.mnt != nnd.path.mnt) {
		err = -EXDEV;
		goto out;
	}
	if (ond.last_type != LAST_NORM) {
		err = -EBUSY;
		goto out;
	}
	if (nnd.last_type != LAST_NORM) {
		err = (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
		goto out;
	}
	err = mnt_want_write(ond.path.mnt);
	if (err)
		goto out;
	/* A removed directory has no names and takes none (ENOENT first). */
	if (ond.path.dentry->d_inode->i_nlink == 0) {
		err = -ENOENT;
		goto out;
	}
	old = lookup_child(ond.path.dentry, ond.last, ond.last_len, &err);
	if (!old) {
		err = err ? err : -ENOENT;
		goto out;
	}
	if (nnd.path.dentry->d_inode->i_nlink == 0) {
		err = -ENOENT;
		goto out;
	}
	new = lookup_child(nnd.path.dentry, nnd.last, nnd.last_len, &err);
	if (err)
		goto out;
	if ((flags & RENAME_EXCHANGE) && !new) {
		err = -ENOENT;
		goto out;
	}
	if ((flags & RENAME_NOREPLACE) && new) {
		err = -EEXIST;
		goto out;
	}
	is_dir = S_ISDIR(old->d_inode->i_mode);
	new_is_dir = new && S_ISDIR(new->d_inode->i_mode);
	if (!(flags & RENAME_EXCHANGE) && !is_dir &&
	    (ond.trailing_slash || nnd.trailing_slash)) {
		err = -ENOTDIR;
		goto out;
	}
	if ((flags & RENAME_EXCHANGE) &&
	    ((ond.trailing_slash && !is_dir) || (nnd.trailing_slash && !new_is_dir))) {
		err = -ENOTDIR;
		goto out;
	}
	/* rename(2): no moving a directory into its own subtree. */
	if (d_is_ancestor(old, nnd.path.dentry)) {
		err = -EINVAL;
		goto out;
	}
	if (new && d_is_ancestor(new, ond.path.dentry)) {
		err = (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
		goto out;
	}
	/* Two names of one inode: nothing to do, successfully. */
	if (new && new->d_inode == old->d_inode) {
		err = 0;
		goto out;
	}
	odir = ond.path.dentry->d_inode;
	ndir = nnd.path.dentry->d_inode;
	err = may_delete(odir, old, is_dir, c->cred);
	if (err)
		goto out;
	if (!new)
		err = may_create(ndir, c->cred);
	else if (flags & RENAME_EXCHANGE)
		err = may_delete(ndir, new, new_is_dir, c->cred);
	else
		err = may_delete(ndir, new, is_dir, c->cred);
	if (err)
		goto out;
	/* A directory changing parent rewrites its "..": needs write on it. */
	if (odir != ndir) {
		if (is_dir)
			err = inode_permission(old->d_inode, MAY_WRITE, c->cred);
		if (!err && (flags & RENAME_EXCHANGE) && new_is_dir)
			err = inode_permission(new->d_inode, MAY_WRITE, c->cred);
		if (err)
			goto out;
	}
	if (old->d_mounts || (new && new->d_mounts)) {
		err = -EBUSY;
		goto out;
	}
	if (!odir->i_op->rename) {
		err = -EPERM;
		goto out;
	}
	if (!(flags & RENAME_EXCHANGE)) {
		namebuf = d_name_buf(nnd.last_len, &err);
		if (err)
			goto out;
	}
	err = odir->i_op->rename(odir, old, ndir, new, flags);
	if (err) {
		kfree(namebuf);
		goto out;
	}
	/* dnotify: moved from, moved to; within one directory also renamed. */
	dnotify_dir(odir, DN_DELETE | (odir == ndir ? DN_RENAME | DN_CREATE : 0));
	if (odir != ndir)
		dnotify_dir(ndir, DN_CREATE);
	/* From here nothing can fail: the tree follows what the fs did. */
	if (flags & RENAME_EXCHANGE) {
		d_exchange(old, new);
	} else {
		if (new)
			d_delete(new);
		d_move(old, nnd.path.dentry, nnd.last, nnd.last_len, namebuf);
	}
out:
	if (old)
		dput(old);
	if (new)
		dput(new);
	nd_finish(&ond);	/* not locked: drops references only */
	nd_finish(&nnd);
out_files:
	fput(odfile);
	fput(ndfile);
	return err;
}

ssize_t vfs_readlinkat(struct vfs_ctx *c, int dirfd, const char *path,
		       char *buf, size_t size)
{
	struct path p;
	struct inode *inode;
	const char *body;
	size_t len;
	int err;

	if ((ssize_t)size <= 0)
		return -EINVAL;
	err = vfs_path_lookupat(c, dirfd, path, LOOKUP_EMPTY, &p);
	if (err)
		return err;
	spin_lock(&vfs_lock);
	inode = p.dentry->d_inode;
	if (!S_ISLNK(inode->i_mode) || !inode->i_op->get_link) {
		err = -EINVAL;
		goto out;
	}
	body = inode->i_op->get_link(inode);
	len = MIN(strlen(body), size);
	memcpy(buf, body, len);
	spin_lock(&inode->i_lock);
	touch_atime(inode);
	spin_unlock(&inode->i_lock);
	err = (int)len;
out:
	__path_put(&p);
	spin_unlock(&vfs_lock);
	return err;
}
