/*
 * File, directory, pipe, poll and mount system calls (fs/sys_file.c,
 * fs/sys_namei.c, fs/select.c): thin wrappers that copy arguments in
 * and results out and call the vfs_* functions of <tern/vfs.h>.
 * Pointers are user pointers; prototypes follow the Linux x86_64
 * syscall ABI.  Included by kernel/syscall_table.c.
 */
#ifndef TERN_FS_SYSCALLS_H
#define TERN_FS_SYSCALLS_H

#include <tern/types.h>

struct iovec;

/* ---- fs/sys_file.c: descriptors and data ---- */
long sys_open(const char *path, int flags, unsigned int mode);
long sys_openat(int dirfd, const char *path, int flags, unsigned int mode);
long sys_creat(const char *path, unsigned int mode);
long sys_close(int fd);
long sys_read(int fd, void *buf, size_t n);
long sys_write(int fd, const void *buf, size_t n);
long sys_pread64(int fd, void *buf, size_t n, s64 pos);
long sys_pwrite64(int fd, const void *buf, size_t n, s64 pos);
long sys_readv(int fd, const struct iovec *iov, int iovcnt);
long sys_writev(int fd, const struct iovec *iov, int iovcnt);
long sys_preadv(int fd, const struct iovec *iov, int iovcnt, unsigned long pos_l,
		unsigned long pos_h);
long sys_pwritev(int fd, const struct iovec *iov, int iovcnt, unsigned long pos_l,
		 unsigned long pos_h);
long sys_lseek(int fd, s64 off, unsigned int whence);
long sys_sendfile(int out_fd, int in_fd, s64 *offset, size_t count);
long sys_fsync(int fd);
long sys_fdatasync(int fd);
long sys_sync(void);
long sys_syncfs(int fd);
long sys_dup(int fd);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, unsigned int cmd, unsigned long arg);
long sys_ioctl(int fd, unsigned int cmd, unsigned long arg);
long sys_pipe(int *fds);
long sys_pipe2(int *fds, int flags);
long sys_getdents64(int fd, void *dirp, unsigned int count);
long sys_flock(int fd, unsigned int op);

/* ---- fs/sys_namei.c: names, attributes, mounts ---- */
long sys_stat(const char *path, void *st);
long sys_lstat(const char *path, void *st);
long sys_fstat(int fd, void *st);
long sys_newfstatat(int dirfd, const char *path, void *st, int flags);
long sys_statx(int dirfd, const char *path, int flags, unsigned int mask, void *stx);
long sys_access(const char *path, int mode);
long sys_faccessat(int dirfd, const char *path, int mode);
long sys_faccessat2(int dirfd, const char *path, int mode, int flags);
long sys_mkdir(const char *path, unsigned int mode);
long sys_mkdirat(int dirfd, const char *path, unsigned int mode);
long sys_rmdir(const char *path);
long sys_unlink(const char *path);
long sys_unlinkat(int dirfd, const char *path, int flags);
long sys_rename(const char *oldpath, const char *newpath);
long sys_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
long sys_renameat2(int olddirfd, const char *oldpath, int newdirfd,
		   const char *newpath, unsigned int flags);
long sys_link(const char *oldpath, const char *newpath);
long sys_linkat(int olddirfd, const char *oldpath, int newdirfd,
		const char *newpath, int flags);
long sys_symlink(const char *target, const char *linkpath);
long sys_symlinkat(const char *target, int newdirfd, const char *linkpath);
long sys_readlink(const char *path, char *buf, int size);
long sys_readlinkat(int dirfd, const char *path, char *buf, int size);
long sys_chmod(const char *path, unsigned int mode);
long sys_fchmod(int fd, unsigned int mode);
long sys_fchmodat(int dirfd, const char *path, unsigned int mode);
long sys_chown(const char *path, u32 uid, u32 gid);
long sys_lchown(const char *path, u32 uid, u32 gid);
long sys_fchown(int fd, u32 uid, u32 gid);
long sys_fchownat(int dirfd, const char *path, u32 uid, u32 gid, int flags);
long sys_truncate(const char *path, s64 len);
long sys_ftruncate(int fd, s64 len);
long sys_getcwd(char *buf, unsigned long size);
long sys_chdir(const char *path);
long sys_fchdir(int fd);
long sys_chroot(const char *path);
long sys_mknod(const char *path, unsigned int mode, unsigned int dev);
long sys_mknodat(int dirfd, const char *path, unsigned int mode, unsigned int dev);
long sys_mount(const char *source, const char *target, const char *fstype,
	       unsigned long flags, const void *data);
long sys_umount2(const char *target, int flags);
long sys_statfs(const char *path, void *buf);
long sys_fstatfs(int fd, void *buf);
long sys_utimensat(int dirfd, const char *path, const void *times, int flags);
long sys_utimes(const char *path, const void *tv);
long sys_futimesat(int dirfd, const char *path, const void *tv);
long sys_utime(const char *path, const void *buf);

/* ---- fs/select.c ---- */
long sys_poll(void *fds, unsigned int nfds, int timeout_ms);
long sys_ppoll(void *fds, unsigned int nfds, const void *tsp, const u64 *sigmask,
	       size_t sigsetsize);
long sys_select(int nfds, void *in, void *out, void *ex, void *tvp);
long sys_pselect6(int nfds, void *in, void *out, void *ex, void *tsp, void *sig);

/* ---- fs/eventpoll.c, eventfd.c, timerfd.c, signalfd.c ---- */
long sys_epoll_create(int size);
long sys_epoll_create1(int flags);
long sys_epoll_ctl(int epfd, int op, int fd, void *event);
long sys_epoll_wait(int epfd, void *events, int maxevents, int timeout);
long sys_epoll_pwait(int epfd, void *events, int maxevents, int timeout,
		     const u64 *sigmask, size_t sigsetsize);
long sys_epoll_pwait2(int epfd, void *events, int maxevents, const void *timeout,
		      const u64 *sigmask, size_t sigsetsize);
long sys_eventfd(unsigned int count);
long sys_eventfd2(unsigned int count, int flags);
long sys_memfd_create(const char *uname, unsigned int flags);
long sys_timerfd_create(int clockid, int flags);
long sys_timerfd_settime(int fd, int flags, const void *new_value, void *old_value);
long sys_timerfd_gettime(int fd, void *cur_value);
long sys_signalfd(int fd, const u64 *mask, size_t sizemask);
long sys_signalfd4(int fd, const u64 *mask, size_t sizemask, int flags);

#endif
