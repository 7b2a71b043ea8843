/*
 * The VFS objects: inodes, dentries, super blocks, mounts, open files,
 * and the operation tables a file system or a driver fills in.
 *
 * fs/ is kernel code that also builds on the host for unit tests.  It
 * uses only these kernel services: <tern/types.h>, <tern/kernel.h>,
 * <tern/list.h>, <tern/string.h>, <tern/errno.h>, <tern/printk.h>
 * (printk, pr_*), <tern/panic.h> (BUG_ON), <tern/spinlock.h>,
 * <tern/slab.h> (kmalloc, kzalloc, kfree), <tern/mm.h> (get_zeroed_page,
 * free_pages_virt: file data pages) and <tern/time.h>
 * (struct timespec64, ktime_get_real_ts64).  On the host,
 * test/unit/fs/shim/tern/{spinlock,mm}.h replace the arch-dependent ones and
 * test/unit/fs/shim/host.c implements the functions over libc.
 *
 * Locking (one CPU today; the locks are real so SMP is a switch):
 *  - vfs_lock (fs/super.c) protects the shape of the name space: every
 *    dentry's d_parent/d_child/d_subdirs/d_flags, the mount table, and
 *    inode fields that change with it (i_nlink, i_mode, i_uid, i_gid,
 *    i_ctime of link/unlink/rename).  Path walks and every create, remove,
 *    rename, link, mount and attribute change hold it.
 *  - inode->i_lock protects a file's contents, i_size, i_blocks,
 *    i_writecount and the a/m/ctime a read, write or truncate changes
 *    (a write also clears set-id bits of i_mode under it alone).  Order:
 *    vfs_lock, then i_lock.  File data is never copied while holding
 *    vfs_lock.  (Data pages and getdents output are kernel memory: the
 *    syscall layer copies to and from user space outside every VFS lock.)
 *  - d_count, i_count and mnt_count change under vfs_lock (checked with
 *    assert_vfs_locked()); f_count is atomic, since one file may sit in
 *    several fd tables; each fd table has its own lock.
 *  - kmalloc/kzalloc/get_zeroed_page are called with these spinlocks
 *    held: <tern/slab.h> promises kmalloc never sleeps.
 *  - File operations (read, write, poll, ioctl, ...) are called with no
 *    VFS lock held: drivers, pipes and sockets may sleep in them.
 */
#ifndef TERN_FS_H
#define TERN_FS_H

#include <tern/types.h>
#include <tern/kernel.h>
#include <tern/list.h>
#include <tern/spinlock.h>
#include <tern/time.h>
#include <uapi/stat.h>
#include <uapi/fcntl.h>
#include <tern/errno.h>

typedef u16 umode_t;
typedef s64 loff_t;
typedef long ssize_t;

#define PATH_MAX	4096	/* bytes in a path, including the NUL */
#define NAME_MAX	255	/* bytes in one component */
#define MAXSYMLINKS	40	/* symlinks followed in one lookup (ELOOP) */
#define PAGE_SIZE_FS	4096	/* ramfs data granule and st_blksize */
/* Largest file offset (Linux MAX_LFS_FILESIZE on 64-bit). */
#define MAX_LFS_FILESIZE	((loff_t)0x7fffffffffffffffLL)

/* Device numbers, kernel form: 12-bit major, 20-bit minor (as Linux). */
#define MINORBITS	20
#define MINORMASK	((1u << MINORBITS) - 1)
#define MAJOR(dev)	((u32)((dev) >> MINORBITS))
#define MINOR(dev)	((u32)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((u32)(ma) << MINORBITS) | (u32)(mi))
/* The encoding user space sees in st_dev/st_rdev and passes to mknod. */
static inline u32 new_encode_dev(u32 dev)
{
	u32 major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}
static inline u32 new_decode_dev(u32 dev)
{
	u32 major = (dev & 0xfff00) >> 8;
	u32 minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

struct inode;
struct dentry;
struct file;
struct super_block;
struct vfsmount;
struct poll_table;		/* defined by the kernel's poll code */
struct vm_area_struct;		/* defined by the kernel's mm code */
struct dir_context;
struct iov_iter;
struct kstat;
struct kstatfs;

/* A position in the name space: which mount, which dentry in it. */
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* Who is asking: used for permission checks and new files' owners. */
struct cred {
	u32 uid, gid;		/* real */
	u32 euid, egid;		/* effective */
	u32 fsuid, fsgid;	/* file-system (what checks use) */
	u32 ngroups;
	u32 groups[32];		/* supplementary */
	/* capabilities(7) sets, bit n = capability n (kernel/capability.c) */
	u64 cap_inheritable, cap_permitted, cap_effective;
};

/* setattr's request: which fields (ATTR_*) to set. */
#define ATTR_MODE	(1u << 0)
#define ATTR_UID	(1u << 1)
#define ATTR_GID	(1u << 2)
#define ATTR_SIZE	(1u << 3)
#define ATTR_ATIME	(1u << 4)
#define ATTR_MTIME	(1u << 5)
#define ATTR_CTIME	(1u << 6)
#define ATTR_ATIME_SET	(1u << 7)	/* use ia_atime, not now */
#define ATTR_MTIME_SET	(1u << 8)
struct iattr {
	u32 ia_valid;
	umode_t ia_mode;
	u32 ia_uid, ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime;
};

struct inode_operations {
	/*
	 * For file systems that do not keep every name in the dentry tree
	 * (procfs later): fill `dentry` with d_add() (or d_instantiate() to
	 * keep it) or leave it negative.  ramfs has none: the tree is the
	 * directory.  Called with vfs_lock held: must not sleep.
	 */
	int (*lookup)(struct inode *dir, struct dentry *dentry);
	/* Create the object named by the negative `dentry` in `dir`. */
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode,
		      const struct cred *cred);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode,
		     const struct cred *cred);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode,
		     u32 rdev, const struct cred *cred);
	int (*symlink)(struct inode *dir, struct dentry *dentry,
		       const char *target, const struct cred *cred);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *dentry);
	/* Remove a name; the VFS has already checked type and emptiness. */
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	/* Rename old to new (new: the target's dentry, NULL if no such name). */
	int (*rename)(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new, u32 flags);
	/* Symlink target, NUL-terminated, valid while the inode lives. */
	const char *(*get_link)(struct inode *inode);
	/*
	 * A link that names an object rather than a path (procfs's
	 * /proc/<pid>/fd/<n>: Linux's "magic" links): following it jumps
	 * to that object, a pipe or socket included, instead of walking the
	 * text get_link gives readlink(2).  Fills *out with a referenced
	 * path; vfs_lock held.  NULL: follow the text.
	 */
	int (*get_link_path)(struct inode *inode, struct path *out);
	/* Apply `ia` (permission checks already done). */
	int (*setattr)(struct dentry *dentry, const struct iattr *ia);
	/*
	 * For mmap: the kernel address of the page-aligned page holding file
	 * page `index` (create: fill a hole with a zeroed page), NULL for a
	 * hole or no memory.  The page stays until truncation or eviction.
	 */
	void *(*get_page)(struct inode *inode, u64 index, bool create);
};

struct file_operations {
	loff_t (*llseek)(struct file *f, loff_t off, int whence);
	/* buf is a kernel pointer; *pos is advanced by the bytes done. */
	ssize_t (*read)(struct file *f, void *buf, size_t n, loff_t *pos);
	ssize_t (*write)(struct file *f, const void *buf, size_t n, loff_t *pos);
	/*
	 * The one data path (docs/design.md §6): data moves between the
	 * file and the caller's buffers through an iov_iter, with no bounce
	 * buffer.  When a file has them, read/write/readv/writev/pread/
	 * pwrite and sendfile use these instead of read/write.  *pos as
	 * for read/write.  A short count means what it means for read and
	 * write; 0 bytes with a fault returns -EFAULT.
	 */
	ssize_t (*read_iter)(struct file *f, struct iov_iter *to, loff_t *pos);
	ssize_t (*write_iter)(struct file *f, struct iov_iter *from, loff_t *pos);
	/* getdents64: emit entries from ctx->pos on through ctx->actor. */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	/*
	 * Readiness: returns the EPOLL*-style mask now and, when pt is not
	 * NULL, registers the caller on the file's wait queue(s) through pt
	 * (the kernel's poll code defines struct poll_table).  NULL poll
	 * means "always readable and writable" as on Linux.
	 */
	u32 (*poll)(struct file *f, struct poll_table *pt);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	/* Called when the file is opened (drivers, fifos) / last fput. */
	int (*open)(struct inode *inode, struct file *f);
	int (*release)(struct inode *inode, struct file *f);
	int (*fsync)(struct file *f, int datasync);
	/*
	 * O_ASYNC makes the file signal its owner on readiness (fs/fasync.c):
	 * given a wake-up's events (already cut to what the descriptor can
	 * do), the ones that signal; fasync_any for all of them.  NULL: the
	 * file never signals (O_ASYNC is only a flag).
	 */
	u32 (*fasync)(struct file *f, u32 events);
};

struct super_operations {
	/* Free fs-private inode data; the VFS frees the inode itself. */
	void (*evict_inode)(struct inode *inode);
	void (*statfs)(struct super_block *sb, struct kstatfs *st);
	/* Drop what the fs pins (ramfs: its whole tree) before umount. */
	void (*kill_sb)(struct super_block *sb);
	/* Free s_fs_info, after every inode is gone. */
	void (*put_super)(struct super_block *sb);
	/*
	 * /proc/mounts: append ",opt=value..." (snprintf-like: returns the
	 * length it wanted, writes at most size bytes).
	 */
	size_t (*show_options)(struct super_block *sb, char *buf, size_t size);
};

/* file_system_type.fs_flags */
#define FS_KERNEL_ONLY	(1 << 0)	/* mounted by the kernel only (rootfs) */
/* Files of pipes, sockets, anon inodes: /proc shows their bare name. */
#define FS_PSEUDO	(1 << 1)

struct file_system_type {
	const char *name;	/* "ramfs", "tmpfs", later "proc", "devtmpfs" */
	int fs_flags;
	/* Build a new super block with a root inode and dentry. */
	int (*mount)(struct file_system_type *type, int flags, const void *data,
		     struct super_block **out);
	struct list_head list;	/* registered types, under vfs_lock */
};

struct super_block {
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	u32 s_dev;		/* kernel dev_t, anonymous (major 0) */
	u32 s_magic;		/* statfs f_type */
	u32 s_flags;		/* MS_RDONLY, ... */
	loff_t s_maxbytes;
	u64 s_next_ino;		/* inode numbers handed out so far */
	u64 s_inodes;		/* live inodes (statfs f_files - f_ffree) */
	u64 s_bytes;		/* data bytes held (statfs) */
	u32 s_active;		/* mounts of this super block */
	void *s_fs_info;
};

struct inode {
	u64 i_ino;
	umode_t i_mode;
	u32 i_uid, i_gid;
	u32 i_nlink;
	u32 i_rdev;		/* kernel dev_t of a device node */
	loff_t i_size;
	u64 i_blocks;		/* 512-byte units held */
	struct timespec64 i_atime, i_mtime, i_ctime;
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	/* References: dentries naming it, open files, the walk in progress. */
	u32 i_count;
	spinlock_t i_lock;
	void *i_private;	/* file system's data (ramfs: pages, link) */
	void *i_pipe;		/* for the pipe/fifo code, when it exists */
	/*
	 * > 0: files open for writing; < 0: running programs (execve denies
	 * writes: ETXTBSY both ways).  Under i_lock.
	 */
	s32 i_writecount;
	/* Open file descriptions that may read or write (not O_PATH; under
	 * i_lock): a write lease needs its own to be the only one. */
	s32 i_opencount;
	/* Shared mappings of files open for writing (atomic; mm/mmap.c). */
	s32 i_mmap_writable;
	/* F_SEAL_* of a memfd (fs/memfd.c), with I_SEALS_MEMFD; 0 otherwise. */
	u32 i_seals;
	/* Readers of i_private under i_lock; attributes under vfs_lock. */
};

/*
 * Dentry flags.  A dentry is "hashed" while it is reachable by name from
 * its parent (on the parent's d_subdirs).  ramfs pins each hashed positive
 * dentry with one extra d_count (DCACHE_PINNED): the tree is its storage.
 */
#define DCACHE_PINNED	(1u << 0)
#define DCACHE_MOUNTED	(1u << 1)	/* something is mounted here */
#define DCACHE_HASHED	(1u << 2)

struct dentry {
	struct dentry *d_parent;	/* itself for a super block's root */
	struct inode *d_inode;		/* NULL: negative */
	struct super_block *d_sb;
	struct list_head d_child;	/* on d_parent->d_subdirs, in d_pos order */
	struct list_head d_hash_node;	/* on a dcache hash chain (parent, name) */
	struct list_head d_subdirs;
	u32 d_count;
	u32 d_flags;
	u32 d_mounts;			/* how many mounts sit on this dentry */
	u64 d_pos;			/* readdir position within the parent */
	u64 d_next_pos;			/* next position handed to a child */
	u32 d_namelen;
	char *d_name;			/* NUL-terminated */
	char d_iname[32];		/* d_name points here for short names */
};

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	struct vfsmount *mnt_parent;	/* itself for the root mount */
	struct dentry *mnt_mountpoint;	/* in mnt_parent */
	u32 mnt_count;			/* struct path references + table's */
	u32 mnt_flags;
	u64 mnt_id;
	char *mnt_devname;		/* mount(2)'s source, for /proc/mounts */
	struct list_head mnt_list;	/* the mount table, mount order */
};

/* f_mode bits (what this open file may do), as Linux names them. */
#define FMODE_READ	(1u << 0)
#define FMODE_WRITE	(1u << 1)
#define FMODE_LSEEK	(1u << 2)
#define FMODE_PATH	(1u << 3)	/* O_PATH: no I/O at all */
#define FMODE_WRITER	(1u << 4)	/* counted in i_writecount */
#define FMODE_EXEC	(1u << 5)	/* a program: holds off writers */
#define FMODE_OPENED	(1u << 6)	/* counted in i_opencount */

struct file {
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	spinlock_t f_lock;		/* f_pos and f_flags */
	loff_t f_pos;
	u32 f_flags;			/* O_* given to open, minus O_CREAT etc. */
	u32 f_mode;
	u32 f_count;
	/*
	 * The opener's credentials (Linux's f_cred).  linux-compat: the
	 * set-id bits a write or ftruncate drops are decided by these, where
	 * Linux asks about the writer (the same task but for fd passing).
	 */
	struct cred f_cred;
	void *private_data;		/* the driver's / socket's / pipe's */
	/*
	 * The epoll items watching this open file description (struct
	 * epitem.fllink, fs/eventpoll.c), under eventpoll's graph mutex.
	 * The last fput empties it through file_ep_release before
	 * ->release runs, so no epoll set keeps a closed file.
	 */
	struct list_head f_ep_links;
	/* F_SETOWN, F_SETSIG, O_ASYNC state (fs/fasync.c); NULL until used. */
	struct fown *f_owner;
};

/* What getdents64 (and any other reader of a directory) is fed. */
struct dir_context {
	/* Returns false to stop (buffer full). */
	bool (*actor)(struct dir_context *ctx, const char *name, u32 namelen,
		      loff_t next_pos, u64 ino, unsigned int d_type);
	loff_t pos;
};

/* stat(2) in kernel form; fs/stat.c converts to the uapi layouts. */
struct kstat {
	u32 result_mask;		/* STATX_* filled */
	umode_t mode;
	u32 nlink;
	u32 uid, gid;
	u32 rdev, dev;			/* kernel dev_t */
	u64 ino;
	loff_t size;
	u32 blksize;
	u64 blocks;
	struct timespec64 atime, mtime, ctime, btime;
	u64 mnt_id;
};

struct kstatfs {
	s64 f_type;
	s64 f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u32 f_fsid[2];
	s64 f_namelen;
	s64 f_frsize;
	s64 f_flags;
};

/* ---- inode.c ---- */
struct inode *new_inode(struct super_block *sb);
void ihold(struct inode *inode);
void iput(struct inode *inode);
/* The kernel's CLOCK_REALTIME, as inode timestamps want it. */
struct timespec64 current_time(void);
/* Linux relatime: should a read update atime now? */
void touch_atime(struct inode *inode);
void inode_set_ctime_now(struct inode *inode);
void inode_set_mctime_now(struct inode *inode);
/* MAY_* bits for inode_permission. */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4
int inode_permission(struct inode *inode, int mask, const struct cred *cred);
/*
 * The mode after a write or truncate by cred: a regular file loses
 * S_ISUID, and S_ISGID if group-executable or cred is not in its group,
 * unless cred is root (CAP_FSETID) -- Linux's setattr_should_drop_suidgid.
 */
umode_t mode_after_kill_privs(const struct inode *inode, const struct cred *cred);
bool inode_owner_or_capable(struct inode *inode, const struct cred *cred);
bool in_group(const struct cred *cred, u32 gid);
static inline unsigned int dt_type(umode_t mode)
{
	return (mode & S_IFMT) >> 12;	/* DT_* are the S_IFMT bits >> 12 */
}

/* ---- dcache.c (callers hold vfs_lock) ---- */
struct dentry *d_alloc(struct dentry *parent, const char *name, u32 len);
struct dentry *d_alloc_root(struct inode *root);
/* Make a negative dentry positive, pin it and hash it into its parent. */
void d_instantiate(struct dentry *dentry, struct inode *inode);
/*
 * The same without the pin, for ->lookup of file systems that build
 * names on demand (procfs): the dentry is freed, and looked up afresh,
 * once nobody holds it.  Consumes the caller's inode reference.
 */
void d_add(struct dentry *dentry, struct inode *inode);
void d_pin(struct dentry *dentry);
/* Unhash (unlink from the parent) and drop the pin if pinned. */
void d_delete(struct dentry *dentry);
/* Find a hashed child by name; returns a new reference or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name, u32 len);
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);
/*
 * Rename in the tree.  d_name_buf() first gets the memory a name of len
 * bytes needs (NULL with *err == 0 when it fits inline), so that d_move(),
 * done after the file system has agreed, cannot fail.
 */
char *d_name_buf(u32 len, int *err);
void d_move(struct dentry *dentry, struct dentry *new_parent,
	    const char *name, u32 len, char *buf);
/* RENAME_EXCHANGE: swap two hashed dentries' parents, names, positions. */
void d_exchange(struct dentry *a, struct dentry *b);
bool d_is_ancestor(struct dentry *ancestor, struct dentry *d);
/* p's name seen from root, written at the end of buf (NULL: too long). */
const char *d_path(const struct path *p, const struct path *root, char *buf,
		   size_t size);
static inline bool d_hashed(const struct dentry *d)
{
	return d->d_flags & DCACHE_HASHED;
}

/* ---- super.c ---- */
int register_filesystem(struct file_system_type *type);
int unregister_filesystem(struct file_system_type *type);
struct super_block *sget(struct file_system_type *type);
void deactivate_super(struct super_block *sb);
struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
void path_get(const struct path *p);
void path_put(const struct path *p);
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/* ---- file_table.c ---- */
/*
 * A new struct file: NULL with *err -ENFILE past /proc/sys/fs/file-max
 * (nr_files counts them; only a caller that may_exceed_file_max(),
 * CAP_SYS_ADMIN, goes past) or -ENOMEM.  alloc_file: the same, errno
 * dropped.
 */
#define NR_FILE		8192	/* file-max's floor, as Linux's */
extern unsigned long nr_files, files_max;
void files_max_init(unsigned long total_pages, unsigned long free_pages);
bool may_exceed_file_max(void);	/* kernel/capability.c */
struct file *alloc_file_err(const struct path *path, u32 flags,
			    const struct file_operations *fop, int *err);
struct file *alloc_file(const struct path *path, u32 flags,
			const struct file_operations *fop);
struct file *get_file(struct file *f);
/* Drop a reference; the last one calls f_op->release and frees. */
void fput(struct file *f);

/*
 * ETXTBSY (execve(2), open(2)): a program being run cannot be opened for
 * writing and a file open for writing cannot be run.  get_write_access /
 * deny_write_access return 0 or -ETXTBSY; put/allow undo them.
 */
int get_write_access(struct inode *inode);
void put_write_access(struct inode *inode);
int deny_write_access(struct inode *inode);
void allow_write_access(struct inode *inode);

/* ---- anon_inodes.c: files in no directory ---- */
/*
 * Every struct file has an inode and a path.  Objects that are not in
 * the name space get theirs here: anon_inode_getfile() shares one inode
 * among all such files (eventfd, epoll, timerfd, signalfd; Linux's
 * "anon_inode:[eventfd]"), new_pseudo_file() makes an inode of `mode`
 * per file (S_IFSOCK | 0777 for sockets, named "socket:").  flags: the
 * O_ACCMODE and O_NONBLOCK of the new file.  NULL with *err on failure.
 */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags, int *err);
struct file *new_pseudo_file(umode_t mode, const char *name,
			     const struct file_operations *fops, void *priv,
			     int flags, int *err);

/* ---- char_dev.c: the character-device table drivers fill ---- */
/*
 * Register fops for minors [baseminor, baseminor + count) of major.
 * Opening a character-device node looks the pair up and calls fops->open
 * (which may replace f->f_op and set private_data).  -EBUSY if taken.
 */
int register_chrdev_region_fops(u32 major, u32 baseminor, u32 count,
				const char *name,
				const struct file_operations *fops);
void unregister_chrdev_region_fops(u32 major, u32 baseminor, u32 count);
const struct file_operations *chrdev_lookup(u32 dev);

/*
 * Hooks for files the VFS names but does not implement: the pipe code sets
 * fifo_fops (its open() attaches the fifo's pipe), the socket code
 * socket_fops.  Unset: opening such a node fails with ENXIO.
 */
extern const struct file_operations *fifo_fops;
/*
 * Set by fs/eventpoll.c when the first epoll instance is made: the last
 * fput calls it when f_ep_links is not empty (file_table.c).
 */
extern void (*file_ep_release)(struct file *f);
/* Set by fs/fasync.c on first use: the last fput calls it when f_owner
 * is set, before ->release. */
extern void (*file_owner_release)(struct file *f);
/* fs/fasync.c: fcntl's owner and signal commands (F_GETOWN, F_SETOWN,
 * F_GETOWN_EX, F_SETOWN_EX, F_GETSIG, F_SETSIG; f held, arg raw); and
 * the re-arm after F_SETFL or FIOASYNC changed f's flags through fd. */
long fasync_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
int fasync_setfl(struct file *f, int fd);
u32 fasync_any(struct file *f, u32 events);
/* Signal f's owner (F_SETSIG's signal with si_code `code` and si_fd fd,
 * else SIGIO); nothing without an owner.  Any context. */
void fasync_signal(struct file *f, int fd, int code);

/* ---- ramfs ---- */
extern struct file_system_type ramfs_fs_type;
extern struct file_system_type tmpfs_fs_type;
extern struct file_system_type rootfs_fs_type;
/* Pages of file data held by ramfs, tmpfs and rootfs (meminfo Shmem). */
u64 ramfs_data_pages(void);

#endif
