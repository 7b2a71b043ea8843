/*
 * System calls on names: stat, access, mkdir, unlink, rename, link,
 * symlink, readlink, chmod, chown, truncate, cwd, mknod, mount, statfs,
 * utimes (the man pages of the same names).  Each copies its strings in
 * (getname: EFAULT, ENAMETOOLONG), calls the vfs_* function, and copies
 * results out whole (the uapi converters zero every padding byte).
 */
#include "sys_internal.h"
#include <tern/proc_fs.h>
#include <tern/fs_syscalls.h>
#include <uapi/mount.h>
#include <uapi/time.h>

/* Run fn with the context and one user path copied in. */
#define WITH_PATH(upath, body)                                          \
	({                                                              \
		struct vfs_ctx c;                                       \
		long __err = get_ctx(&c);                               \
		char *path = NULL;                                      \
		if (!__err)                                             \
			path = getname(upath, &__err);                  \
		if (path) {                                             \
			__err = (body);                                 \
			putname(path);                                  \
		}                                                       \
		__err;                                                  \
	})

#define WITH_TWO_PATHS(u1, u2, body)                                    \
	({                                                              \
		struct vfs_ctx c;                                       \
		long __err = get_ctx(&c);                               \
		char *p1 = NULL, *p2 = NULL;                            \
		if (!__err)                                             \
			p1 = getname(u1, &__err);                       \
		if (p1)                                                 \
			p2 = getname(u2, &__err);                       \
		if (p2) {                                               \
			__err = (body);                                 \
			putname(p2);                                    \
		}                                                       \
		if (p1)                                                 \
			putname(p1);                                    \
		__err;                                                  \
	})

/* ---- stat ---- */

static long put_stat(const struct kstat *k, void *ust)
{
	struct stat st;

	kstat_to_stat(k, &st);
	return copy_to_user(ust, &st, sizeof(st));
}

long sys_newfstatat(int dirfd, const char *upath, void *ust, int flags)
{
	struct kstat k;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	return WITH_PATH(upath, ({
		long e = vfs_fstatat(&c, dirfd, path, &k, flags & ~AT_NO_AUTOMOUNT);
		e ? e : put_stat(&k, ust);
	}));
}

long sys_stat(const char *path, void *st)
{
	return sys_newfstatat(AT_FDCWD, path, st, 0);
}

long sys_lstat(const char *path, void *st)
{
	return sys_newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat(int fd, void *ust)
{
	struct kstat k;
	long err;
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	err = vfs_fstat(f, &k);
	fput(f);
	return err ? err : put_stat(&k, ust);
}

long sys_statx(int dirfd, const char *upath, int flags, unsigned int mask, void *ustx)
{
	struct kstat k;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (mask & STATX__RESERVED)
		return -EINVAL;
	return WITH_PATH(upath, ({
		long e = vfs_fstatat(&c, dirfd, path, &k,
				     flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH));
		struct statx stx;
		if (!e) {
			kstat_to_statx(&k, mask, &stx);
			e = copy_to_user(ustx, &stx, sizeof(stx));
		}
		e;
	}));
}

/* ---- access ---- */

long sys_faccessat2(int dirfd, const char *upath, int mode, int flags)
{
	if (mode & ~(F_OK | R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return WITH_PATH(upath, vfs_faccessat(&c, dirfd, path, mode, flags));
}

long sys_faccessat(int dirfd, const char *path, int mode)
{
	return sys_faccessat2(dirfd, path, mode, 0);
}

long sys_access(const char *path, int mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

/* ---- creating and removing names ---- */

long sys_mkdirat(int dirfd, const char *upath, unsigned int mode)
{
	return WITH_PATH(upath, vfs_mkdirat(&c, dirfd, path, (umode_t)(mode & 07777)));
}

long sys_mkdir(const char *path, unsigned int mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

long sys_rmdir(const char *upath)
{
	return WITH_PATH(upath, vfs_rmdir(&c, AT_FDCWD, path));
}

long sys_unlinkat(int dirfd, const char *upath, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return WITH_PATH(upath, vfs_unlinkat(&c, dirfd, path, flags));
}

long sys_unlink(const char *path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_renameat2(int olddirfd, const char *uold, int newdirfd, const char *unew,
		   unsigned int flags)
{
	return WITH_TWO_PATHS(uold, unew,
			      vfs_renameat2(&c, olddirfd, p1, newdirfd, p2, flags));
}

long sys_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return sys_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

long sys_rename(const char *oldpath, const char *newpath)
{
	return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

long sys_linkat(int olddirfd, const char *uold, int newdirfd, const char *unew, int flags)
{
	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return WITH_TWO_PATHS(uold, unew,
			      vfs_linkat(&c, olddirfd, p1, newdirfd, p2, flags));
}

long sys_link(const char *oldpath, const char *newpath)
{
	return sys_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

long sys_symlinkat(const char *utarget, int newdirfd, const char *ulink)
{
	return WITH_TWO_PATHS(utarget, ulink, vfs_symlinkat(&c, p1, newdirfd, p2));
}

long sys_symlink(const char *target, const char *linkpath)
{
	return sys_symlinkat(target, AT_FDCWD, linkpath);
}

long sys_readlinkat(int dirfd, const char *upath, char *ubuf, int size)
{
	if (size <= 0)
		return -EINVAL;
	return WITH_PATH(upath, ({
		size_t n = MIN((size_t)size, (size_t)PATH_MAX);
		char *kbuf = kmalloc(n);
		long e = -ENOMEM;
		if (kbuf) {
			e = vfs_readlinkat(&c, dirfd, path, kbuf, n);
			if (e > 0 && copy_to_user(ubuf, kbuf, (size_t)e))
				e = -EFAULT;
			kfree(kbuf);
		}
		e;
	}));
}

long sys_readlink(const char *path, char *buf, int size)
{
	return sys_readlinkat(AT_FDCWD, path, buf, size);
}

long sys_mknodat(int dirfd, const char *upath, unsigned int mode, unsigned int dev)
{
	return WITH_PATH(upath, vfs_mknodat(&c, dirfd, path, (umode_t)mode, dev));
}

long sys_mknod(const char *path, unsigned int mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, path, mode, dev);
}

/* ---- attributes ---- */

long sys_fchmodat(int dirfd, const char *upath, unsigned int mode)
{
	return WITH_PATH(upath, vfs_fchmodat(&c, dirfd, path, (umode_t)(mode & 07777), 0));
}

long sys_chmod(const char *path, unsigned int mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

long sys_fchmod(int fd, unsigned int mode)
{
	struct vfs_ctx c;
	struct file *f;
	long err = get_ctx(&c);

	if (err)
		return err;
	f = fget(c.files, fd);
	if (!f)
		return -EBADF;
	err = vfs_fchmod(&c, f, (umode_t)(mode & 07777));
	fput(f);
	return err;
}

long sys_fchownat(int dirfd, const char *upath, u32 uid, u32 gid, int flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return WITH_PATH(upath, vfs_fchownat(&c, dirfd, path, uid, gid, flags));
}

long sys_chown(const char *path, u32 uid, u32 gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(const char *path, u32 uid, u32 gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, u32 uid, u32 gid)
{
	struct vfs_ctx c;
	struct file *f;
	long err = get_ctx(&c);

	if (err)
		return err;
	f = fget(c.files, fd);
	if (!f)
		return -EBADF;
	err = vfs_fchown(&c, f, uid, gid);
	fput(f);
	return err;
}

long sys_truncate(const char *upath, s64 len)
{
	if (len < 0)
		return -EINVAL;
	return WITH_PATH(upath, vfs_truncate(&c, path, len));
}

long sys_ftruncate(int fd, s64 len)
{
	struct vfs_ctx c;
	struct file *f;
	long err = get_ctx(&c);

	if (err)
		return err;
	if (len < 0)
		return -EINVAL;
	f = fget(c.files, fd);
	if (!f)
		return -EBADF;
	err = vfs_ftruncate(f, len);
	fput(f);
	return err;
}

/* utimensat(2): each tv_nsec is 0..999999999, UTIME_NOW or UTIME_OMIT. */
static long get_times(const void *utimes, struct timespec64 t[2])
{
	struct __kernel_timespec ut[2];

	if (copy_from_user(ut, utimes, sizeof(ut)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if ((ut[i].tv_nsec < 0 || ut[i].tv_nsec >= 1000000000) &&
		    ut[i].tv_nsec != UTIME_NOW && ut[i].tv_nsec != UTIME_OMIT)
			return -EINVAL;
		t[i].tv_sec = ut[i].tv_sec;
		t[i].tv_nsec = ut[i].tv_nsec;
	}
	return 0;
}

static long do_utimes(int dirfd, const char *upath, struct timespec64 *t, int flags)
{
	struct vfs_ctx c;
	struct file *f;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (upath)
		return WITH_PATH(upath, vfs_utimensat(&c, dirfd, path, t, flags));
	/* utimensat(fd, NULL, ...): the file fd refers to (futimens). */
	if (flags & AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	err = get_ctx(&c);
	if (err)
		return err;
	f = fget(c.files, dirfd);
	if (!f)
		return -EBADF;
	err = vfs_futimens(&c, f, t);
	fput(f);
	return err;
}

long sys_utimensat(int dirfd, const char *upath, const void *utimes, int flags)
{
	struct timespec64 t[2];
	long err;

	if (utimes) {
		err = get_times(utimes, t);
		if (err)
			return err;
	}
	return do_utimes(dirfd, upath, utimes ? t : NULL, flags);
}

/* utimes(2)/futimesat: microseconds, 0..999999. */
long sys_futimesat(int dirfd, const char *upath, const void *utv)
{
	struct __kernel_timeval tv[2];
	struct timespec64 t[2];

	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
				return -EINVAL;
			t[i].tv_sec = tv[i].tv_sec;
			t[i].tv_nsec = tv[i].tv_usec * 1000;
		}
	}
	if (!upath)
		return -EFAULT;
	return do_utimes(dirfd, upath, utv ? t : NULL, 0);
}

long sys_utimes(const char *path, const void *tv)
{
	return sys_futimesat(AT_FDCWD, path, tv);
}

/* utime(2): struct utimbuf { time_t actime, modtime; } in seconds. */
long sys_utime(const char *upath, const void *ubuf)
{
	s64 tb[2];
	struct timespec64 t[2];

	if (ubuf) {
		if (copy_from_user(tb, ubuf, sizeof(tb)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			t[i].tv_sec = tb[i];
			t[i].tv_nsec = 0;
		}
	}
	return do_utimes(AT_FDCWD, upath, ubuf ? t : NULL, 0);
}

/* ---- working directory and root ---- */

long sys_getcwd(char *ubuf, unsigned long size)
{
	struct vfs_ctx c;
	size_t n = MIN((size_t)size, (size_t)PATH_MAX);
	long err = get_ctx(&c);
	char *kbuf;

	if (err)
		return err;
	if (size == 0)
		return -ERANGE;
	kbuf = kmalloc(n);
	if (!kbuf)
		return -ENOMEM;
	err = vfs_getcwd(&c, kbuf, n);
	if (err > 0 && copy_to_user(ubuf, kbuf, (size_t)err))
		err = -EFAULT;
	kfree(kbuf);
	return err;
}

long sys_chdir(const char *upath)
{
	return WITH_PATH(upath, vfs_chdir(&c, path));
}

long sys_fchdir(int fd)
{
	struct vfs_ctx c;
	long err = get_ctx(&c);

	return err ? err : vfs_fchdir(&c, fd);
}

long sys_chroot(const char *upath)
{
	return WITH_PATH(upath, vfs_chroot(&c, path));
}

/* ---- mount ---- */

/* A user string that may be NULL. */
static char *getname_opt(const char *u, long *err)
{
	*err = 0;
	return u ? getname(u, err) : NULL;
}

long sys_mount(const char *usource, const char *utarget, const char *ufstype,
	       unsigned long flags, const void *udata)
{
	char *source, *fstype = NULL, *data = NULL;
	long err;

	source = getname_opt(usource, &err);
	if (err)
		return err;
	fstype = getname_opt(ufstype, &err);
	if (!err && udata) {
		/* mount(2): data is one page of file-system options. */
		data = kmalloc(PAGE_SIZE_FS);
		if (!data) {
			err = -ENOMEM;
		} else {
			long n = strncpy_from_user(data, udata, PAGE_SIZE_FS);

			if (n < 0)
				err = -EFAULT;
			else if (n == PAGE_SIZE_FS)
				data[PAGE_SIZE_FS - 1] = '\0';
		}
	}
	if (!err)
		err = WITH_PATH(utarget, vfs_mount(&c, source, path, fstype, flags, data));
	if (!err)
		proc_mounts_changed();	/* pollable /proc/<pid>/mounts */
	kfree(data);
	if (fstype)
		putname(fstype);
	if (source)
		putname(source);
	return err;
}

long sys_umount2(const char *utarget, int flags)
{
	long err = WITH_PATH(utarget, vfs_umount(&c, path, flags));

	if (!err)
		proc_mounts_changed();
	return err;
}

long sys_statfs(const char *upath, void *ubuf)
{
	return WITH_PATH(upath, ({
		struct statfs st;
		long e = vfs_statfs(&c, path, &st);
		e ? e : copy_to_user(ubuf, &st, sizeof(st));
	}));
}

long sys_fstatfs(int fd, void *ubuf)
{
	struct statfs st;
	long err;
	struct file *f = fdget(fd, &err);

	if (!f)
		return err;
	err = vfs_fstatfs(f, &st);
	fput(f);
	return err ? err : copy_to_user(ubuf, &st, sizeof(st));
}
