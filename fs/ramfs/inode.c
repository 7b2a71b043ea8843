/*
 * ramfs and tmpfs: a file system that is nothing but the dentry tree and
 * its inodes' memory.  Every name is a pinned dentry (DCACHE_PINNED), so
 * there is no lookup operation; directories list their d_subdirs.
 * tmpfs is the same code under another name and statfs magic.
 *
 * Directory operations run with vfs_lock held (the VFS did the checks);
 * they set link counts and timestamps as Linux's simple_* helpers do:
 * a directory's nlink is 2 + its subdirectories.
 */
#include <uapi/dirent.h>
#include <uapi/mount.h>
#include <tern/mm.h>
#include "internal.h"

static const struct inode_operations ramfs_dir_inode_operations;
static const struct inode_operations ramfs_symlink_inode_operations;
static const struct file_operations ramfs_dir_operations;
static const struct super_operations ramfs_super_operations;

static struct inode *ramfs_get_inode(struct super_block *sb, struct inode *dir,
				     umode_t mode, u32 rdev,
				     const struct cred *cred)
{
	struct ramfs_sb_info *sbi = sb->s_fs_info;
	struct inode *inode;
	struct ramfs_inode *ri;

	if (sbi->max_inodes && sb->s_inodes >= sbi->max_inodes)
		return NULL;	/* tmpfs(5) nr_inodes=: ENOSPC */
	inode = new_inode(sb);
	if (!inode)
		return NULL;
	ri = kzalloc(sizeof(*ri));
	if (!ri) {
		inode->i_count = 0;
		sb->s_inodes--;
		kfree(inode);
		return NULL;
	}
	inode->i_private = ri;
	inode->i_mode = mode;
	inode->i_uid = cred ? cred->fsuid : 0;
	inode->i_gid = cred ? cred->fsgid : 0;
	/* Set-group-ID directories pass their group on (mkdir(2), open(2)). */
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			inode->i_mode |= S_ISGID;
	}
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &ramfs_dir_operations;
		inode->i_nlink = 2;
		break;
	case S_IFLNK:
		inode->i_op = &ramfs_symlink_inode_operations;
		break;
	default:	/* FIFOs, devices, sockets: opened through the VFS */
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_rdev = rdev;
		break;
	}
	return inode;
}

/* Give the new inode its name; the dentry now holds the only reference. */
static void ramfs_instantiate(struct inode *dir, struct dentry *dentry,
			      struct inode *inode)
{
	d_instantiate(dentry, inode);
	dir->i_mtime = dir->i_ctime = inode->i_ctime;
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode,
		       u32 rdev, const struct cred *cred)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, dir, mode, rdev, cred);

	if (!inode)
		return -ENOSPC;	/* Linux's ramfs_mknod answer to no inode */
	if (S_ISDIR(mode))
		dir->i_nlink++;
	ramfs_instantiate(dir, dentry, inode);
	return 0;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, umode_t mode,
			const struct cred *cred)
{
	return ramfs_mknod(dir, dentry, (mode & ~S_IFMT) | S_IFREG, 0, cred);
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode,
		       const struct cred *cred)
{
	return ramfs_mknod(dir, dentry, (mode & ~S_IFMT) | S_IFDIR, 0, cred);
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry,
			 const char *target, const struct cred *cred)
{
	size_t len = strlen(target);
	struct inode *inode;
	char *copy = kstrndup(target, len);

	if (!copy)
		return -ENOMEM;
	inode = ramfs_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0, cred);
	if (!inode) {
		kfree(copy);
		return -ENOSPC;
	}
	RAMFS_I(inode)->link = copy;
	inode->i_size = (loff_t)len;
	ramfs_instantiate(dir, dentry, inode);
	return 0;
}

static int ramfs_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old->d_inode;

	inode->i_nlink++;
	ihold(inode);
	inode_set_ctime_now(inode);
	ramfs_instantiate(dir, dentry, inode);
	return 0;
}

static int ramfs_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode_set_ctime_now(inode);
	dir->i_mtime = dir->i_ctime = inode->i_ctime;
	inode->i_nlink--;
	return 0;
}

bool ramfs_dir_empty(struct dentry *dir)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->d_subdirs, d_child)
		if (d->d_inode)
			return false;
	return true;
}

static int ramfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!ramfs_dir_empty(dentry))
		return -ENOTEMPTY;
	ramfs_unlink(dir, dentry);
	dentry->d_inode->i_nlink = 0;	/* its "." is gone too */
	dir->i_nlink--;
	return 0;
}

/* The VFS moves the dentries; here only counts and times change. */
static int ramfs_rename(struct inode *old_dir, struct dentry *old,
			struct inode *new_dir, struct dentry *new, u32 flags)
{
	struct inode *inode = old->d_inode, *target = new ? new->d_inode : NULL;
	bool is_dir = S_ISDIR(inode->i_mode);
	struct timespec64 now = current_time();

	if (flags & RENAME_EXCHANGE) {
		bool t_dir = S_ISDIR(target->i_mode);

		if (is_dir != t_dir && old_dir != new_dir) {
			if (is_dir) {
				old_dir->i_nlink--;
				new_dir->i_nlink++;
			} else {
				new_dir->i_nlink--;
				old_dir->i_nlink++;
			}
		}
		target->i_ctime = now;
	} else {
		if (target) {
			if (is_dir) {
				if (!ramfs_dir_empty(new))
					return -ENOTEMPTY;
				target->i_nlink = 0;
				new_dir->i_nlink--;
			} else {
				target->i_nlink--;
			}
			target->i_ctime = now;
		}
		if (is_dir) {
			old_dir->i_nlink--;
			new_dir->i_nlink++;
		}
	}
	old_dir->i_mtime = old_dir->i_ctime = now;
	new_dir->i_mtime = new_dir->i_ctime = now;
	inode->i_ctime = now;
	return 0;
}

static const char *ramfs_get_link(struct inode *inode)
{
	return RAMFS_I(inode)->link;
}

static int ramfs_setattr(struct dentry *dentry, const struct iattr *ia)
{
	struct inode *inode = dentry->d_inode;
	int err = 0;

	spin_lock(&inode->i_lock);
	if (ia->ia_valid & ATTR_SIZE) {
		err = ramfs_truncate(inode, ia->ia_size);
		if (err)
			goto out;
	}
	if (ia->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (ia->ia_mode & 07777);
	if (ia->ia_valid & ATTR_UID)
		inode->i_uid = ia->ia_uid;
	if (ia->ia_valid & ATTR_GID)
		inode->i_gid = ia->ia_gid;
	if (ia->ia_valid & ATTR_ATIME)
		inode->i_atime = (ia->ia_valid & ATTR_ATIME_SET) ? ia->ia_atime
								: current_time();
	if (ia->ia_valid & ATTR_MTIME)
		inode->i_mtime = (ia->ia_valid & ATTR_MTIME_SET) ? ia->ia_mtime
								: current_time();
	if (ia->ia_valid & ATTR_CTIME)
		inode->i_ctime = current_time();
out:
	spin_unlock(&inode->i_lock);
	return err;
}

/*
 * getdents64 over the pinned children: positions 0 ".", 1 "..", then each
 * child's d_pos; an entry's "next" position is its d_pos + 1, so a reader
 * resumes correctly after entries before it are removed.
 */
static int ramfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry, *d;

	spin_lock(&vfs_lock);
	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 1, dir->d_inode->i_ino, DT_DIR))
			goto out;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!ctx->actor(ctx, "..", 2, 2, dir->d_parent->d_inode->i_ino, DT_DIR))
			goto out;
		ctx->pos = 2;
	}
	list_for_each_entry(d, &dir->d_subdirs, d_child) {
		if ((loff_t)d->d_pos < ctx->pos || !d->d_inode)
			continue;
		if (!ctx->actor(ctx, d->d_name, d->d_namelen, (loff_t)d->d_pos + 1,
				d->d_inode->i_ino, dt_type(d->d_inode->i_mode)))
			goto out;
		ctx->pos = (loff_t)d->d_pos + 1;
	}
	/* At the end: park past every position handed out so far. */
	if ((u64)ctx->pos < dir->d_next_pos)
		ctx->pos = (loff_t)dir->d_next_pos;
out:
	spin_unlock(&vfs_lock);
	return 0;
}

/* lseek(2) on a directory: SEEK_SET and SEEK_CUR to a position >= 0. */
static loff_t ramfs_dir_llseek(struct file *f, loff_t off, int whence)
{
	loff_t ret;

	spin_lock(&f->f_lock);
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		off = -1;
	if (off < 0) {
		ret = -EINVAL;
	} else {
		f->f_pos = off;
		ret = off;
	}
	spin_unlock(&f->f_lock);
	return ret;
}

static void ramfs_evict_inode(struct inode *inode)
{
	struct ramfs_inode *ri = RAMFS_I(inode);

	if (!ri)
		return;
	ramfs_free_data(inode);
	kfree(ri->link);
	kfree(ri);
	inode->i_private = NULL;
}

static void ramfs_statfs(struct super_block *sb, struct kstatfs *st)
{
	struct ramfs_sb_info *sbi = sb->s_fs_info;

	st->f_type = sb->s_magic;
	st->f_bsize = PAGE_SIZE_FS;
	st->f_frsize = PAGE_SIZE_FS;
	st->f_namelen = NAME_MAX;
	/*
	 * tmpfs: the totals are its limits (size=, nr_inodes=, by default
	 * half of RAM); ramfs and a tmpfs with size=0 / nr_inodes=0 have
	 * none and read 0, as Linux's do.
	 */
	if (sbi->max_bytes) {
		st->f_blocks = sbi->max_bytes / PAGE_SIZE_FS;
		st->f_bfree = st->f_bavail = (sbi->max_bytes - sb->s_bytes) / PAGE_SIZE_FS;
	}
	if (sbi->max_inodes) {
		st->f_files = sbi->max_inodes;
		st->f_ffree = sbi->max_inodes - sb->s_inodes;
	}
}

static void ramfs_put_super(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	sb->s_fs_info = NULL;
}

/* Unpin every name, leaves first, without recursion. */
static void ramfs_kill_sb(struct super_block *sb)
{
	struct dentry *root = sb->s_root, *d = root;

	while (!list_empty(&root->d_subdirs)) {
		struct dentry *child;

		if (!list_empty(&d->d_subdirs)) {
			d = list_first_entry(&d->d_subdirs, struct dentry, d_child);
			continue;
		}
		child = d;
		d = d->d_parent;
		d_delete(child);
	}
}

static const struct super_operations ramfs_super_operations = {
	.evict_inode = ramfs_evict_inode,
	.statfs = ramfs_statfs,
	.kill_sb = ramfs_kill_sb,
	.put_super = ramfs_put_super,
	.show_options = ramfs_show_options,
};

static int ramfs_fill_super(struct file_system_type *type, int flags,
			    const void *data, struct super_block **out)
{
	/* rootfs is tmpfs, as Linux's is for an initramfs booted without root=. */
	bool tmpfs = strcmp(type->name, "ramfs") != 0;
	struct ramfs_sb_info *sbi = kzalloc(sizeof(*sbi));
	struct super_block *sb;
	struct inode *root;
	int err;

	(void)flags;
	if (!sbi)
		return -ENOMEM;
	sbi->root_mode = type == &tmpfs_fs_type ? 01777 : 0755;
	if (tmpfs) {
		sbi->max_bytes = tmpfs_default_bytes();
		sbi->max_inodes = tmpfs_default_inodes();
	}
	err = ramfs_parse_options(sbi, tmpfs, data);
	if (err) {
		kfree(sbi);
		return err;
	}
	sb = sget(type);
	if (!sb) {
		kfree(sbi);
		return -ENOMEM;
	}
	sb->s_fs_info = sbi;
	sb->s_op = &ramfs_super_operations;
	sb->s_magic = tmpfs ? TMPFS_MAGIC : RAMFS_MAGIC;
	root = ramfs_get_inode(sb, NULL, S_IFDIR | sbi->root_mode, 0, NULL);
	if (!root)
		goto fail;
	root->i_uid = sbi->root_uid;
	root->i_gid = sbi->root_gid;
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root) {
		iput(root);
		goto fail;
	}
	*out = sb;
	return 0;
fail:
	kfree(sbi);
	kfree(sb);
	return -ENOMEM;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.setattr = ramfs_setattr,
};

const struct inode_operations ramfs_file_inode_operations = {
	.setattr = ramfs_setattr,
	.get_page = ramfs_get_page,
};

static const struct inode_operations ramfs_symlink_inode_operations = {
	.get_link = ramfs_get_link,
	.setattr = ramfs_setattr,
};

static const struct file_operations ramfs_dir_operations = {
	.llseek = ramfs_dir_llseek,
	.iterate = ramfs_iterate,
};

struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.mount = ramfs_fill_super,
	.list = LIST_HEAD_INIT(ramfs_fs_type.list),
};

struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = ramfs_fill_super,
	.list = LIST_HEAD_INIT(tmpfs_fs_type.list),
};

/* The initial root file system (Linux's "rootfs": ramfs underneath). */
struct file_system_type rootfs_fs_type = {
	.name = "rootfs",
	.fs_flags = FS_KERNEL_ONLY,
	.mount = ramfs_fill_super,
	.list = LIST_HEAD_INIT(rootfs_fs_type.list),
};
