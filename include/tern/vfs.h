/*
 * The VFS entry points the syscall layer calls.  Every pointer here is a
 * KERNEL pointer: the syscall wrappers copy paths in with
 * strncpy_from_user (PATH_MAX) and buffers in/out with copy_*_user.
 * Every function returns 0 / a count / an fd, or a negative errno, with
 * Linux's errno for each case (see the man page named in each comment).
 *
 * `struct vfs_ctx` is the calling task's view: where / and . are, its
 * umask, its fd table (for dirfd arguments and new fds), its credentials
 * and its RLIMIT_NOFILE.  The task code builds one from `current`.
 */
#ifndef TERN_VFS_H
#define TERN_VFS_H

#include <tern/fs.h>
#include <tern/fdtable.h>

/* root and cwd of a task (Linux's fs_struct); shared with CLONE_FS. */
struct fs_struct {
	spinlock_t lock;
	u32 count;
	u32 umask;
	struct path root, pwd;
};

struct vfs_ctx {
	struct fs_struct *fs;
	struct files_struct *files;
	const struct cred *cred;
	u32 nofile;		/* RLIMIT_NOFILE soft limit */
};

/* ---- namespace setup (super.c, namei.c) ---- */
/* Register ramfs/tmpfs, mount a ramfs as "/", return its root path. */
int vfs_init(void);
/* Unmount everything and free it (host tests; the kernel never calls
 * it).  -EBUSY, changing nothing, while any file or cwd is still held. */
int vfs_exit(void);
/* A new fs_struct whose root and cwd are "/" and umask 022. */
struct fs_struct *fs_struct_alloc_root(void);
/* clone(2) CLONE_FS: share (fs_struct_put drops it). */
struct fs_struct *fs_struct_get(struct fs_struct *fs);
/* fork without CLONE_FS. */
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void fs_struct_put(struct fs_struct *fs);
/* umask(2): set, return the old one. */
u32 vfs_umask(struct vfs_ctx *c, u32 mask);

/*
 * mount(2): a new mount of a file-system type by name (data: its option
 * string, e.g. tmpfs "mode=1777,size=1m"), or MS_REMOUNT (per-mount
 * flags), MS_BIND (source's tree also at target), MS_MOVE.  source is
 * what /proc/mounts shows as the device.
 */
int vfs_mount(struct vfs_ctx *c, const char *source, const char *target,
	      const char *fstype, unsigned long flags, const void *data);
/*
 * /proc/mounts text for c's view (mounts outside its root left out):
 * "source mountpoint type rw|ro[,nosuid,...],relatime[,fs opts] 0 0\n".
 * Writes at most size bytes; returns the length the whole text needs.
 */
ssize_t vfs_format_mounts(struct vfs_ctx *c, char *buf, size_t size);
/* /proc/filesystems text (same convention). */
ssize_t vfs_format_filesystems(char *buf, size_t size);
/* umount2(2); flags MNT_FORCE/MNT_DETACH are accepted, MNT_EXPIRE EINVAL. */
int vfs_umount(struct vfs_ctx *c, const char *target, int flags);

/* ---- open.c: open(2), openat(2), creat(2) ---- */
/* Returns a new struct file reference in *out. */
int vfs_openat(struct vfs_ctx *c, int dirfd, const char *path, int flags,
	       umode_t mode, struct file **out);
/* The same, installed in c->files (O_CLOEXEC honoured): returns the fd. */
int vfs_openat_fd(struct vfs_ctx *c, int dirfd, const char *path, int flags,
		  umode_t mode);
/* execve(2): open the program (regular, x permission, not MS_NOEXEC). */
int vfs_open_exec(struct vfs_ctx *c, const char *path, struct file **out);
/* Open a file given an already-resolved path (/proc later). */
int vfs_open_path(const struct path *p, int flags, const struct cred *cred,
		  struct file **out);

/* ---- read_write.c ---- */
ssize_t vfs_read(struct file *f, void *buf, size_t n);
ssize_t vfs_write(struct file *f, const void *buf, size_t n);
ssize_t vfs_pread(struct file *f, void *buf, size_t n, loff_t pos);
ssize_t vfs_pwrite(struct file *f, const void *buf, size_t n, loff_t pos);
/*
 * Through f_op->read_iter/write_iter (the file must have it): the same
 * checks as vfs_read/vfs_write, or vfs_pread/vfs_pwrite when pos is not
 * NULL (the position is *pos, not f_pos, and is not advanced).
 */
ssize_t vfs_iter_read(struct file *f, struct iov_iter *to, const loff_t *pos);
ssize_t vfs_iter_write(struct file *f, struct iov_iter *from, const loff_t *pos);
/* EBADF unless f is open for `mode` (FMODE_READ or FMODE_WRITE). */
int vfs_rw_allowed(struct file *f, u32 mode);
loff_t vfs_llseek(struct file *f, loff_t off, int whence);
int vfs_fsync(struct file *f, int datasync);
/* Generic llseek for files with a size (SEEK_DATA/HOLE: whole file is data). */
loff_t generic_file_llseek(struct file *f, loff_t off, int whence);

/* ---- fcntl.c ---- */
/* fcntl(2): F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL;
 * other commands -EINVAL for now.  arg is the raw syscall argument. */
long vfs_fcntl(struct vfs_ctx *c, int fd, unsigned int cmd, unsigned long arg);
u32 vfs_getfl(struct file *f);
int vfs_setfl(struct file *f, u32 flags, const struct cred *cred);
/* f_op->poll, or "always ready" (EPOLLIN|EPOLLOUT|RDNORM|WRNORM). */
u32 vfs_poll(struct file *f, struct poll_table *pt);
/*
 * f_op->ioctl or -ENOTTY.  The generic ioctls (FIOCLEX, FIONCLEX, FIONBIO,
 * FIOASYNC) take user pointers/fds and belong to the syscall layer,
 * which handles them before calling this (it has set_close_on_exec and
 * vfs_setfl for them).
 */
long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg);

/* ---- readdir.c: getdents64(2) ---- */
ssize_t vfs_getdents64(struct file *f, void *buf, size_t n);

/* ---- stat.c ---- */
/* fstatat(2)/statx(2): flags AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
int vfs_fstatat(struct vfs_ctx *c, int dirfd, const char *path,
		struct kstat *st, int flags);
int vfs_fstat(struct file *f, struct kstat *st);
void vfs_getattr(const struct path *p, struct kstat *st);
/* Fill the uapi layouts (every byte, padding zeroed). */
void kstat_to_stat(const struct kstat *k, struct stat *out);
void kstat_to_statx(const struct kstat *k, u32 want, struct statx *out);
int vfs_statfs(struct vfs_ctx *c, const char *path, struct statfs *out);
int vfs_fstatfs(struct file *f, struct statfs *out);

/* ---- namei.c: name-space changes ---- */
int vfs_mkdirat(struct vfs_ctx *c, int dirfd, const char *path, umode_t mode);
/* mknodat(2): dev is the user encoding (new_encode_dev form). */
int vfs_mknodat(struct vfs_ctx *c, int dirfd, const char *path, umode_t mode,
		u32 dev);
/*
 * The same for a socket's name (unix(7) bind): creates `path` (mode gets
 * the umask) and returns it in *out with a reference (path_put).
 */
int vfs_mknod_path(struct vfs_ctx *c, const char *path, umode_t mode,
		   struct path *out);
int vfs_rmdir(struct vfs_ctx *c, int dirfd, const char *path);
/* unlinkat(2): flags 0 or AT_REMOVEDIR. */
int vfs_unlinkat(struct vfs_ctx *c, int dirfd, const char *path, int flags);
/* renameat2(2): RENAME_NOREPLACE, RENAME_EXCHANGE. */
int vfs_renameat2(struct vfs_ctx *c, int olddirfd, const char *oldpath,
		  int newdirfd, const char *newpath, u32 flags);
/* linkat(2): AT_SYMLINK_FOLLOW, AT_EMPTY_PATH. */
int vfs_linkat(struct vfs_ctx *c, int olddirfd, const char *oldpath,
	       int newdirfd, const char *newpath, int flags);
int vfs_symlinkat(struct vfs_ctx *c, const char *target, int newdirfd,
		  const char *linkpath);
/* readlinkat(2): returns bytes copied (no NUL), truncated to size. */
ssize_t vfs_readlinkat(struct vfs_ctx *c, int dirfd, const char *path,
		       char *buf, size_t size);

/* ---- attr.c: attributes ---- */
/* fchmodat(2)/fchmodat2: AT_SYMLINK_NOFOLLOW -> EOPNOTSUPP on links. */
int vfs_fchmodat(struct vfs_ctx *c, int dirfd, const char *path, umode_t mode,
		 int flags);
int vfs_fchmod(struct vfs_ctx *c, struct file *f, umode_t mode);
/* fchownat(2): uid/gid (u32)-1 means "leave". */
int vfs_fchownat(struct vfs_ctx *c, int dirfd, const char *path, u32 uid,
		 u32 gid, int flags);
int vfs_fchown(struct vfs_ctx *c, struct file *f, u32 uid, u32 gid);
int vfs_truncate(struct vfs_ctx *c, const char *path, loff_t len);
int vfs_ftruncate(struct file *f, loff_t len);
/* utimensat(2): times NULL = both now; UTIME_NOW / UTIME_OMIT honoured. */
int vfs_utimensat(struct vfs_ctx *c, int dirfd, const char *path,
		  const struct timespec64 times[2], int flags);
int vfs_futimens(struct vfs_ctx *c, struct file *f,
		 const struct timespec64 times[2]);
/* faccessat2(2): flags AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
int vfs_faccessat(struct vfs_ctx *c, int dirfd, const char *path, int mode,
		  int flags);

/* ---- cwd: chdir(2), fchdir(2), chroot(2), getcwd(2) ---- */
int vfs_chdir(struct vfs_ctx *c, const char *path);
int vfs_fchdir(struct vfs_ctx *c, int fd);
int vfs_chroot(struct vfs_ctx *c, const char *path);
/* Writes the NUL-terminated cwd; returns its length + 1, -ERANGE if small. */
ssize_t vfs_getcwd(struct vfs_ctx *c, char *buf, size_t size);

/*
 * The name of p as c sees it, NUL-terminated in buf (readlink of
 * /proc/<pid>/{cwd,exe,fd/N}): "/path", "/path (deleted)" for a removed
 * file, "(unreachable)/path" outside c's root, a pseudo file's own
 * name with "[ino]" where Linux shows one ("socket:[12]",
 * "anon_inode:[eventfd]"), or a memfd's "/memfd:name (deleted)".  Returns the length, or -ENAMETOOLONG if size is short.
 */
ssize_t vfs_path_name(struct vfs_ctx *c, const struct path *p, char *buf, size_t size);
/* The same with vfs_lock held, seen from *root (fs/open.c says how). */
ssize_t vfs_path_text_locked(const struct path *root, const struct path *p, char *buf,
			     size_t size);

/* ---- lookup for other kernel code (exec, /proc, unix sockets) ---- */
#define LOOKUP_FOLLOW		(1u << 0)
#define LOOKUP_DIRECTORY	(1u << 1)
#define LOOKUP_EMPTY		(1u << 2)
int vfs_path_lookupat(struct vfs_ctx *c, int dirfd, const char *path,
		      u32 lookup_flags, struct path *out);

#endif
