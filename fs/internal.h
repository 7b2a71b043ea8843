/*
 * Declarations shared inside fs/ only.  Nothing outside fs/ includes this.
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <tern/fs.h>
#include <tern/vfs.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/panic.h>

/* The name-space lock (see the locking rules in <tern/fs.h>). */
extern spinlock_t vfs_lock;
/* The lock rule made checkable: functions that need vfs_lock say so. */
#define assert_vfs_locked()	BUG_ON(!spin_is_locked(&vfs_lock))

/*
 * Directory notification (fs/dnotify.c; the host build's shim has empty
 * ones): an entry of dir was created, deleted, renamed or changed
 * (DN_* event, vfs_lock held or not); f's file was read or written (no
 * lock held); an fd of f closed through fd table owner (NULL: last fput).
 */
void dnotify_dir(struct inode *dir, u32 event);
void dnotify_file(struct file *f, u32 event);
void dnotify_flush(struct file *f, const void *owner);

/* Lock-held variants of the public reference helpers. */
void __path_get(const struct path *p);
void __path_put(const struct path *p);
struct vfsmount *__mntget(struct vfsmount *mnt);
void __mntput(struct vfsmount *mnt);

/* Mounts (super.c), vfs_lock held. */
struct vfsmount *lookup_mnt(const struct path *p);
/* Step into whatever is mounted on p, repeatedly. */
void follow_mount(struct path *p);
bool mnt_is_readonly(const struct vfsmount *mnt);
int vfs_kern_mount(const char *fstype, int flags, const void *data,
		   struct vfsmount **out);
int type_kern_mount(struct file_system_type *type, struct vfsmount **out);
void free_detached_mount(struct vfsmount *mnt);
int anon_inodes_exit(void);
extern struct list_head mount_list;

/* A name-space-changing operation on a read-only mount gets EROFS. */
static inline int mnt_want_write(const struct vfsmount *mnt)
{
	return mnt_is_readonly(mnt) ? -EROFS : 0;
}

/* Inode attribute changes (attr.c), vfs_lock held, checks done. */
int notify_change(struct dentry *dentry, struct iattr *ia);
/* Set the size (vfs_lock held, checks done); drops set-id bits as cred. */
int do_truncate(struct dentry *dentry, loff_t len, const struct cred *cred);


/* open.c: the file_operations of an O_PATH file. */
extern const struct file_operations empty_fops;

/* ramfs internals used by the generic code. */
bool ramfs_dir_empty(struct dentry *dir);

/* Copy a name into a fresh NUL-terminated kmalloc'd string. */
char *kstrndup(const char *s, size_t n);

static inline bool is_dot_or_dotdot(const char *name, u32 len)
{
	return (len == 1 && name[0] == '.') ||
	       (len == 2 && name[0] == '.' && name[1] == '.');
}

#endif
