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

static int __kern_mount(struct file_system_type *type, int flags, const void *data,
			struct vfsmount **out);

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

/* /proc/filesystems (proc(5)): "nodev\t<name>\n" per type, in
 * registration order; every Tern file system needs no block device.
 * snprintf-like: writes at most size bytes, returns the length needed. */
ssize_t vfs_format_filesystems(char *buf, size_t size)
{
	struct file_system_type *t;
	size_t len = 0;

	spin_lock(&vfs_lock);
	list_for_each_entry(t, &fs_types, list) {
		size_t n = strlen(t->name);

		if (len + 7 + n <= size) {
			memcpy(buf + len, "nodev\t", 6);
			memcpy(buf + len + 6, t->name, n);
			buf[len + 6 + n] = '\n';
		}
		len += 7 + n;
	}
	spin_unlock(&vfs_lock);
	return (ssize_t)len;
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
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
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

	if (!type)
		return -ENODEV;
	return __kern_mount(type, flags, data, out);
}

/* The same for a type that is not registered (pseudo file systems). */
int type_kern_mount(struct file_system_type *type, struct vfsmount **out)
{
	return __kern_mount(type, 0, NULL, out);
}

static int __kern_mount(struct file_system_type *type, int flags, const void *data,
			struct vfsmount **out)
{
	const char *fstype = type->name;
	struct super_block *sb;
	struct vfsmount *mnt;
	int err;

	mnt = kzalloc(sizeof(*mnt));
	if (!mnt)
		return -ENOMEM;
	mnt->mnt_devname = kstrndup(fstype, strlen(fstype));
	if (!mnt->mnt_devname) {
		kfree(mnt);
		return -ENOMEM;
	}
	err = type->mount(type, flags, data, &sb);
	if (err) {
		kfree(mnt->mnt_devname);
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

/* A mount that was never attached (pseudo file systems). */
void free_detached_mount(struct vfsmount *mnt)
{
	assert_vfs_locked();
	BUG_ON(mnt->mnt_parent != mnt || !list_empty(&mnt->mnt_list));
	dput(mnt->mnt_root);
	deactivate_super(mnt->mnt_sb);
	kfree(mnt->mnt_devname);
	kfree(mnt);
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
	kfree(mnt->mnt_devname);
	kfree(mnt);
}

/* Attach a detached mount at mp (whose references it takes over). */
static void attach_mount(struct vfsmount *mnt, struct path *mp)
{
	mnt->mnt_parent = mp->mnt;
	mnt->mnt_mountpoint = mp->dentry;
	mp->dentry->d_mounts++;
	list_add_tail(&mnt->mnt_list, &mount_list);
}

static bool is_mount_root(const struct path *p)
{
	return p->dentry == p->mnt->mnt_root;
}

/* MS_REMOUNT: new per-mount flags (MS_RDONLY, MS_NOSUID, ...) only. */
static int do_remount(struct path *p, unsigned long flags)
{
	if (!is_mount_root(p))
		return -EINVAL;		/* mount(2): not a mount point */
	/* linux-compat: file-system options (data) are not changed. */
	p->mnt->mnt_flags = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
	p->mnt->mnt_sb->s_flags = (p->mnt->mnt_sb->s_flags & ~MS_RDONLY) |
				  (flags & MS_RDONLY);
	return 0;
}

/* MS_BIND: the tree at old also appears at mp (linux-compat: no MS_REC). */
static int do_bind(struct path *old, struct path *mp, unsigned long flags)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt));

	if (!mnt)
		return -ENOMEM;
	mnt->mnt_devname = kstrndup(old->mnt->mnt_devname, strlen(old->mnt->mnt_devname));
	if (!mnt->mnt_devname) {
		kfree(mnt);
		return -ENOMEM;
	}
	mnt->mnt_sb = old->mnt->mnt_sb;
	mnt->mnt_sb->s_active++;
	mnt->mnt_root = dget(old->dentry);
	mnt->mnt_count = 1;
	mnt->mnt_id = next_mnt_id++;
	mnt->mnt_flags = old->mnt->mnt_flags | (flags & MS_RDONLY);
	INIT_LIST_HEAD(&mnt->mnt_list);
	attach_mount(mnt, mp);
	return 0;
}

/* MS_MOVE: a whole mount moves to mp (switch_root does this). */
static int do_move(struct path *old, struct path *mp)
{
	struct vfsmount *mnt = old->mnt, *m;

	if (!is_mount_root(old) || mnt == root_mnt || mnt->mnt_parent == mnt)
		return -EINVAL;
	/* mount(2): no moving a mount under itself (ELOOP). */
	for (m = mp->mnt;; m = m->mnt_parent) {
		if (m == mnt)
			return -ELOOP;
		if (m->mnt_parent == m)
			break;
	}
	/* Detach: the old place's references are dropped, mp's taken over. */
	mnt->mnt_mountpoint->d_mounts--;
	dput(mnt->mnt_mountpoint);
	__mntput(mnt->mnt_parent);
	list_del_init(&mnt->mnt_list);
	attach_mount(mnt, mp);
	return 0;
}

/*
 * mount(2): a new mount of a file-system type by name, or with
 * MS_REMOUNT / MS_BIND / MS_MOVE an existing one changed, repeated or
 * moved.  source is the device name shown in /proc/mounts (and the tree
 * to bind or move).
 */
int vfs_mount(struct vfs_ctx *c, const char *source, const char *target,
	      const char *fstype, unsigned long flags, const void *data)
{
	struct file_system_type *type;
	struct path mp, old = { NULL, NULL };
	struct vfsmount *mnt;
	char *devname = NULL;
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (c->cred->euid != 0)
		return -EPERM;
	if (!target)
		return -EFAULT;
	if ((flags & (MS_BIND | MS_MOVE)) && !(flags & MS_REMOUNT)) {
		if (!source)
			return -EFAULT;
		err = vfs_path_lookupat(c, AT_FDCWD, source, LOOKUP_FOLLOW, &old);
		if (err)
			return err;
	} else if (!(flags & MS_REMOUNT)) {
		if (!fstype)
			return -EINVAL;
		const char *dev = source ? source : "none";

		devname = kstrndup(dev, strnlen(dev, PATH_MAX - 1));
		if (!devname)
			return -ENOMEM;
	}
	err = vfs_path_lookupat(c, AT_FDCWD, target, LOOKUP_FOLLOW, &mp);
	if (err)
		goto out_free;
	spin_lock(&vfs_lock);
	/* The mountpoint may have been removed since the lookup. */
	if (!d_hashed(mp.dentry) && !is_mount_root(&mp)) {
		err = -ENOENT;
		goto put;
	}
	if (flags & MS_REMOUNT) {
		err = do_remount(&mp, flags);
		goto put;
	}
	/* Only bind mounts may sit on a non-directory. */
	if (!(flags & MS_BIND) && !S_ISDIR(mp.dentry->d_inode->i_mode)) {
		err = -ENOTDIR;
		goto put;
	}
	if ((flags & MS_BIND) &&
	    S_ISDIR(mp.dentry->d_inode->i_mode) != S_ISDIR(old.dentry->d_inode->i_mode)) {
		err = S_ISDIR(mp.dentry->d_inode->i_mode) ? -ENOTDIR : -EISDIR;
		goto put;
	}
	if (flags & MS_MOVE) {
		err = do_move(&old, &mp);
		if (!err)
			goto out_kept;
		goto put;
	}
	if (flags & MS_BIND) {
		err = do_bind(&old, &mp, flags);
		if (!err)
			goto out_kept;
		goto put;
	}
	type = find_filesystem(fstype);
	if (type && (type->fs_flags & FS_KERNEL_ONLY))
		type = NULL;
	err = type ? vfs_kern_mount(fstype, (int)flags, data, &mnt) : -ENODEV;
	if (err)
		goto put;
	kfree(mnt->mnt_devname);
	mnt->mnt_devname = devname;
	devname = NULL;
	mnt->mnt_flags = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
	attach_mount(mnt, &mp);
out_kept:
	/* The new mount keeps mp's references as its parent and mountpoint. */
	mp.dentry = NULL;
put:
	if (mp.dentry)
		__path_put(&mp);
	if (old.dentry)
		__path_put(&old);
	old.dentry = NULL;
	spin_unlock(&vfs_lock);
out_free:
	if (old.dentry)
		path_put(&old);	/* only when the target lookup failed */
	kfree(devname);
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

struct fs_struct *fs_struct_get(struct fs_struct *fs)
{
	spin_lock(&vfs_lock);
	fs->count++;
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

	register_filesystem(&rootfs_fs_type);
	register_filesystem(&ramfs_fs_type);
	register_filesystem(&tmpfs_fs_type);
	spin_lock(&vfs_lock);
	err = vfs_kern_mount("rootfs", 0, NULL, &root_mnt);
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

	if (anon_inodes_exit())
		return -EBUSY;
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
	unregister_filesystem(&rootfs_fs_type);
	unregister_filesystem(&ramfs_fs_type);
	unregister_filesystem(&tmpfs_fs_type);
	return 0;
}

/* Append to a /proc/mounts line, snprintf-style (n may pass size). */
static size_t put_str(char *buf, size_t size, size_t n, const char *s)
{
	for (; *s; s++, n++)
		if (n < size)
			buf[n] = *s;
	return n;
}

/* Names with space, tab, newline or backslash are escaped as \ooo. */
static size_t put_escaped(char *buf, size_t size, size_t n, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\') {
			char esc[5] = { '\\', (char)('0' + ((*s >> 6) & 7)),
					(char)('0' + ((*s >> 3) & 7)), (char)('0' + (*s & 7)), 0 };

			n = put_str(buf, size, n, esc);
		} else {
			n = put_str(buf, size, n, (char[]){ *s, 0 });
		}
	}
	return n;
}

/*
 * /proc/mounts (proc(5)): one line per mount visible from c's root,
 * "source mountpoint type options 0 0".  Writes at most size bytes and
 * returns the length the whole text needs (so a caller can retry).
 */
ssize_t vfs_format_mounts(struct vfs_ctx *c, char *buf, size_t size)
{
	char *scratch = kmalloc(PATH_MAX);
	struct vfsmount *m;
	struct path root;
	size_t n = 0;

	if (!scratch)
		return -ENOMEM;
	spin_lock(&vfs_lock);
	spin_lock(&c->fs->lock);
	root = c->fs->root;
	spin_unlock(&c->fs->lock);
	list_for_each_entry(m, &mount_list, mnt_list) {
		struct path p = { m, m->mnt_root };
		struct super_block *sb = m->mnt_sb;
		const char *name = d_path(&p, &root, scratch, PATH_MAX);
		char opts[128];
		size_t o;

		if (!name || name[0] != '/')
			continue;	/* outside this task's root */
		n = put_escaped(buf, size, n, m->mnt_devname);
		n = put_str(buf, size, n, " ");
		n = put_escaped(buf, size, n, name);
		n = put_str(buf, size, n, " ");
		n = put_str(buf, size, n, sb->s_type->name);
		o = (size_t)snprintf(opts, sizeof(opts), " %s%s%s%s,relatime",
				     mnt_is_readonly(m) ? "ro" : "rw",
				     (m->mnt_flags & MS_NOSUID) ? ",nosuid" : "",
				     (m->mnt_flags & MS_NODEV) ? ",nodev" : "",
				     (m->mnt_flags & MS_NOEXEC) ? ",noexec" : "");
		if (sb->s_op && sb->s_op->show_options && o < sizeof(opts))
			sb->s_op->show_options(sb, opts + o, sizeof(opts) - o);
		n = put_str(buf, size, n, opts);
		n = put_str(buf, size, n, " 0 0\n");
	}
	spin_unlock(&vfs_lock);
	kfree(scratch);
	return (ssize_t)n;
}
