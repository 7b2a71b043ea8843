/*
 * File-system types, super blocks and the mount table.
 *
 * The mount table is one list (mount order) under vfs_lock.  A mount
 * holds: one reference on its parent mount and mountpoint dentry, one
 * s_active on its super block, and the table's own mnt_count reference.
 * Every struct path adds one mnt_count; umount refuses (EBUSY) while any
 * reference other than the table's and the caller's exists, or while
 * another mount sits inside it.
 */
#include <tern/printk.h>
#include <uapi/mount.h>
#include "internal.h"

DEFINE_SPINLOCK(vfs_lock);
LIST_HEAD(mount_list);
static LIST_HEAD(fs_types);
static struct vfsmount *root_mnt;
static u64 next_mnt_id = 1;
static u32 next_anon_minor = 1;

int register_filesystem(struct file_system_type *type)
{
	struct file_system_type *t;
	int err = 0;

	spin_lock(&vfs_lock);
	list_for_each_entry(t, &fs_types, list)
		if (!strcmp(t->name, type->name))
			err = -EBUSY;
	if (!err)
		list_add_tail(&type->list, &fs_types);
	spin_unlock(&vfs_lock);
	return err;
}

int unregister_filesystem(struct file_system_type *type)
{
	spin_lock(&vfs_lock);
	list_del_init(&type->list);
	spin_unlock(&vfs_lock);
	return 0;
}

static struct file_system_type *find_filesystem(const char *name)
{
	struct file_system_type *t;

	list_for_each_entry(t, &fs_types, list)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* A fresh super block with an anonymous device number (major 0). */
struct super_block *sget(struct file_system_type *type)
{
	struct super_block *sb = kzalloc(sizeof(*sb));

	if (!sb)
		return NULL;
	sb->s_type = type;
	sb->s_dev = MKDEV(0, next_anon_minor++);
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	return sb;
}

/* Drop one mount's hold on sb; the last one tears the tree down. */
void deactivate_super(struct super_block *sb)
{
	struct dentry *root;

	if (--sb->s_active)
		return;
	root = sb->s_root;
	if (sb->s_op && sb->s_op->kill_sb)
		sb->s_op->kill_sb(sb);
	dput(root);
	/* Every inode is gone once nothing references the tree. */
	BUG_ON(sb->s_inodes != 0);
	kfree(sb);
}

struct vfsmount *__mntget(struct vfsmount *mnt)
{
	assert_vfs_locked();
	if (mnt)
		mnt->mnt_count++;
	return mnt;
}

void __mntput(struct vfsmount *mnt)
{
	assert_vfs_locked();
	if (mnt) {
		BUG_ON(mnt->mnt_count == 0);
		mnt->mnt_count--;
	}
}

struct vfsmount *mntget(struct vfsmount *mnt)
{
	spin_lock(&vfs_lock);
	__mntget(mnt);
	spin_unlock(&vfs_lock);
	return mnt;
}

void mntput(struct vfsmount *mnt)
{
	spin_lock(&vfs_lock);
	__mntput(mnt);
	spin_unlock(&vfs_lock);
}

void __path_get(const struct path *p)
{
	__mntget(p->mnt);
	dget(p->dentry);
}

void __path_put(const struct path *p)
{
	dput(p->dentry);
	__mntput(p->mnt);
}

void path_get(const struct path *p)
{
	spin_lock(&vfs_lock);
	__path_get(p);
	spin_unlock(&vfs_lock);
}

void path_put(const struct path *p)
{
	spin_lock(&vfs_lock);
	__path_put(p);
	spin_unlock(&vfs_lock);
}

bool mnt_is_readonly(const struct vfsmount *mnt)
{
	return (mnt->mnt_flags & MS_RDONLY) || (mnt->mnt_sb->s_flags & MS_RDONLY);
}

/* The newest mount on exactly (p->mnt, p->dentry), or NULL. */
struct vfsmount *lookup_mnt(const struct path *p)
{
	struct vfsmount *m, *found = NULL;

	if (!p->dentry->d_mounts)
		return NULL;
	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_parent == p->mnt && m->mnt_mountpoint == p->dentry &&
		    m != p->mnt)
			found = m;
	return found;
}

void follow_mount(struct path *p)
{
	struct vfsmount *m;

	while ((m = lookup_mnt(p))) {
		struct path next = { m, m->mnt_root };

		__path_get(&next);
		__path_put(p);
		*p = next;
	}
}

/* Build a detached mount of a new super block of type fstype. */
int vfs_kern_mount(const char *fstype, int flags, const void *data,
		   struct vfsmount **out)
{
	struct file_system_type *type = find_filesystem(fstype);
	struct super_block *sb;
	struct vfsmount *mnt;
	int err;

	if (!type)
		return -ENODEV;
	mnt = kzalloc(sizeof(*mnt));
	if (!mnt)
		return -ENOMEM;
	err = type->mount(type, flags, data, &sb);
	if (err) {
		kfree(mnt);
		return err;
	}
	sb->s_active = 1;
	sb->s_flags |= flags & MS_RDONLY;
	mnt->mnt_sb = sb;
	mnt->mnt_root = dget(sb->s_root);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	mnt->mnt_count = 1;	/* the table's */
	mnt->mnt_id = next_mnt_id++;
	INIT_LIST_HEAD(&mnt->mnt_list);
	*out = mnt;
	return 0;
}

static void free_mount(struct vfsmount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	list_del_init(&mnt->mnt_list);
	if (mnt->mnt_parent != mnt) {
		mnt->mnt_mountpoint->d_mounts--;
		dput(mnt->mnt_mountpoint);
		__mntput(mnt->mnt_parent);
	}
	dput(mnt->mnt_root);
	deactivate_super(sb);
	kfree(mnt);
}

/* mount(2): only new mounts of a type (no bind, move or remount yet). */
int vfs_mount(struct vfs_ctx *c, const char *source, const char *target,
	      const char *fstype, unsigned long flags, const void *data)
{
	struct vfsmount *mnt;
	struct path mp;
	int err;

	(void)source;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (c->cred->euid != 0)
		return -EPERM;
	/* linux-compat: bind, move, remount and propagation are not yet here. */
	if (flags & (MS_REMOUNT | MS_BIND | MS_MOVE))
		return -EINVAL;
	if (!fstype)
		return -EINVAL;
	err = vfs_path_lookupat(c, AT_FDCWD, target,
				LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &mp);
	if (err)
		return err;
	spin_lock(&vfs_lock);
	/* The mountpoint may have been removed since the lookup. */
	if (!d_hashed(mp.dentry) && mp.dentry != mp.mnt->mnt_root) {
		__path_put(&mp);
		err = -ENOENT;
		goto out;
	}
	err = vfs_kern_mount(fstype, (int)flags, data, &mnt);
	if (err) {
		__path_put(&mp);
		goto out;
	}
	mnt->mnt_flags = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
	/* The mount keeps mp's references: parent mount and mountpoint. */
	mnt->mnt_parent = mp.mnt;
	mnt->mnt_mountpoint = mp.dentry;
	mp.dentry->d_mounts++;
	list_add_tail(&mnt->mnt_list, &mount_list);
out:
	spin_unlock(&vfs_lock);
	return err;
}

int vfs_umount(struct vfs_ctx *c, const char *target, int flags)
{
	struct vfsmount *mnt, *m;
	struct path p;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (flags & MNT_EXPIRE)
		return -EINVAL;	/* linux-compat: no expiry marks */
	if (c->cred->euid != 0)
		return -EPERM;
	err = vfs_path_lookupat(c, AT_FDCWD, target,
				(flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	spin_lock(&vfs_lock);
	mnt = p.mnt;
	err = -EINVAL;		/* umount(2): target is not a mount point */
	if (p.dentry != mnt->mnt_root || mnt == root_mnt)
		goto put;
	err = -EBUSY;
	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_parent == mnt && m != mnt)
			goto put;
	/* linux-compat: MNT_DETACH still needs the mount to be idle. */
	if (mnt->mnt_count != 2)	/* the table's and ours */
		goto put;
	__path_put(&p);
	free_mount(mnt);
	err = 0;
	goto out;
put:
	__path_put(&p);
out:
	spin_unlock(&vfs_lock);
	return err;
}

struct fs_struct *fs_struct_alloc_root(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	spin_lock_init(&fs->lock, "fs_struct");
	fs->count = 1;
	fs->umask = 022;
	spin_lock(&vfs_lock);
	fs->root.mnt = root_mnt;
	fs->root.dentry = root_mnt->mnt_root;
	__path_get(&fs->root);
	fs->pwd = fs->root;
	__path_get(&fs->pwd);
	spin_unlock(&vfs_lock);
	return fs;
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	spin_lock_init(&fs->lock, "fs_struct");
	fs->count = 1;
	spin_lock(&vfs_lock);
	spin_lock(&old->lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	spin_unlock(&old->lock);
	__path_get(&fs->root);
	__path_get(&fs->pwd);
	spin_unlock(&vfs_lock);
	return fs;
}

void fs_struct_put(struct fs_struct *fs)
{
	if (!fs)
		return;
	spin_lock(&vfs_lock);
	if (--fs->count == 0) {
		__path_put(&fs->root);
		__path_put(&fs->pwd);
		spin_unlock(&vfs_lock);
		kfree(fs);
		return;
	}
	spin_unlock(&vfs_lock);
}

u32 vfs_umask(struct vfs_ctx *c, u32 mask)
{
	u32 old;

	spin_lock(&c->fs->lock);
	old = c->fs->umask;
	c->fs->umask = mask & 0777;
	spin_unlock(&c->fs->lock);
	return old;
}

int vfs_init(void)
{
	int err;

	register_filesystem(&ramfs_fs_type);
	register_filesystem(&tmpfs_fs_type);
	spin_lock(&vfs_lock);
	err = vfs_kern_mount("ramfs", 0, NULL, &root_mnt);
	if (!err)
		list_add_tail(&root_mnt->mnt_list, &mount_list);
	spin_unlock(&vfs_lock);
	if (err)
		pr_err("vfs: cannot mount the root ramfs: %d\n", err);
	return err;
}

/*
 * Host tests only: unmount everything, innermost first.  Every file and
 * fs_struct must already be released, or the super blocks stay busy.
 */
int vfs_exit(void)
{
	struct vfsmount *m;

	spin_lock(&vfs_lock);
	list_for_each_entry(m, &mount_list, mnt_list) {
		if (m->mnt_count != 1) {
			spin_unlock(&vfs_lock);
			return -EBUSY;	/* something is still open */
		}
	}
	while (!list_empty(&mount_list)) {
		m = list_entry(mount_list.prev, struct vfsmount, mnt_list);
		free_mount(m);
	}
	root_mnt = NULL;
	spin_unlock(&vfs_lock);
	unregister_filesystem(&ramfs_fs_type);
	unregister_filesystem(&tmpfs_fs_type);
	return 0;
}
