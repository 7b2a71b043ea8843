/*
 * Files that are not in any directory: eventfd, epoll, timerfd, signalfd
 * (anon_inode_getfile: all share one inode, as Linux's anon_inodefs) and
 * sockets or other objects that want an inode of their own with a given
 * type (new_pseudo_file: S_IFSOCK for sockets).  Every struct file thus
 * has an f_inode and f_path, so fstat, /proc/<pid>/fd and the generic
 * read/write checks work on them.
 *
 * The pseudo file system is mounted once, lazily, outside the mount table
 * (no path reaches it); its dentries are unhashed children of its root,
 * named like Linux's ("anon_inode:[eventfd]", "socket:").
 */
#include <tern/printk.h>
#include "internal.h"

#define ANON_INODE_MAGIC	0x09041934	/* Linux's ANON_INODE_FS_MAGIC */

static struct vfsmount *anon_mnt;
static struct inode *anon_inode;

/* Nothing to free per inode; no statfs, no options. */
static const struct super_operations pseudo_super_operations = { .statfs = NULL };

static int pseudo_fill_super(struct file_system_type *type, int flags,
			     const void *data, struct super_block **out)
{
	struct super_block *sb = sget(type);
	struct inode *root;

	(void)flags;
	(void)data;
	if (!sb)
		return -ENOMEM;
	sb->s_op = &pseudo_super_operations;
	sb->s_magic = ANON_INODE_MAGIC;
	root = new_inode(sb);
	if (!root) {
		kfree(sb);
		return -ENOMEM;
	}
	root->i_mode = S_IFDIR | 0500;
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root) {
		iput(root);
		kfree(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

/* Not registered: nobody can mount it by name. */
static struct file_system_type anon_inode_fs_type = {
	.name = "anon_inodefs",
	.fs_flags = FS_KERNEL_ONLY | FS_PSEUDO,
	.mount = pseudo_fill_super,
	.list = LIST_HEAD_INIT(anon_inode_fs_type.list),
};

/* vfs_lock held.  Mount the pseudo fs and make the shared inode once. */
static int anon_init_locked(void)
{
	struct super_block *sb;
	int err;

	if (anon_mnt)
		return 0;
	err = type_kern_mount(&anon_inode_fs_type, &anon_mnt);
	if (err)
		return err;
	sb = anon_mnt->mnt_sb;
	anon_inode = new_inode(sb);
	if (!anon_inode) {
		free_detached_mount(anon_mnt);
		anon_mnt = NULL;
		return -ENOMEM;
	}
	/* Linux's anon inode: no file type bits, owner read/write. */
	anon_inode->i_mode = S_IRUSR | S_IWUSR;
	return 0;
}

/*
 * vfs_lock held.  A file on a fresh unhashed dentry for inode.  Consumes
 * the caller's inode reference, also on failure.
 */
static struct file *pseudo_file(struct inode *inode, const char *name,
				const struct file_operations *fops, void *priv,
				int flags, int *err)
{
	struct dentry *d = d_alloc(anon_mnt->mnt_root, name, (u32)strlen(name));
	struct path p;
	struct file *f;

	if (!d) {
		iput(inode);
		*err = -ENOMEM;
		return NULL;
	}
	d->d_inode = inode;	/* the dentry holds the caller's inode reference */
	p.mnt = anon_mnt;
	p.dentry = d;
	f = alloc_file_err(&p, (u32)flags & (O_ACCMODE | O_NONBLOCK), fops, err);
	dput(d);		/* the file holds it now */
	if (!f)
		return NULL;
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		f->f_mode = FMODE_READ;
		break;
	case O_WRONLY:
		f->f_mode = FMODE_WRITE;
		break;
	default:
		f->f_mode = FMODE_READ | FMODE_WRITE;
		break;
	}
	f->private_data = priv;
	*err = 0;
	return f;
}

struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags, int *err)
{
	struct file *f = NULL;

	spin_lock(&vfs_lock);
	*err = anon_init_locked();
	if (!*err) {
		ihold(anon_inode);
		f = pseudo_file(anon_inode, name, fops, priv, flags, err);
	}
	spin_unlock(&vfs_lock);
	return f;
}

struct file *new_pseudo_file(umode_t mode, const char *name,
			     const struct file_operations *fops, void *priv,
			     int flags, int *err)
{
	struct inode *inode;
	struct file *f = NULL;

	spin_lock(&vfs_lock);
	*err = anon_init_locked();
	if (*err)
		goto out;
	inode = new_inode(anon_mnt->mnt_sb);
	if (!inode) {
		*err = -ENOMEM;
		goto out;
	}
	inode->i_mode = mode;
	f = pseudo_file(inode, name, fops, priv, flags, err);
out:
	spin_unlock(&vfs_lock);
	return f;
}

/* vfs_exit: every pseudo file must be closed by now. */
int anon_inodes_exit(void)
{
	spin_lock(&vfs_lock);
	if (anon_mnt) {
		if (anon_inode->i_count != 1 || anon_mnt->mnt_count != 1) {
			spin_unlock(&vfs_lock);
			return -EBUSY;
		}
		iput(anon_inode);
		anon_inode = NULL;
		free_detached_mount(anon_mnt);
		anon_mnt = NULL;
	}
	spin_unlock(&vfs_lock);
	return 0;
}
