/*
 * A process's open-file table: fd -> struct file *, plus close-on-exec
 * bits.  Shared by threads (CLONE_FILES) through `count`; fork copies it
 * (dup_fd).  All fields are protected by `lock`; a struct file reference
 * is taken under it before the lock is dropped (fget).
 *
 * The RLIMIT_NOFILE value is the caller's (it belongs to the process, not
 * to the table) and is passed as `nofile` where it matters.
 */
#ifndef TERN_FDTABLE_H
#define TERN_FDTABLE_H

#include <tern/fs.h>

#define NR_OPEN_DEFAULT	64		/* initial table size */
#define NR_OPEN_MAX	(1u << 20)	/* Linux's fs.nr_open default */
/* /proc/sys/fs/nr_open: no fd table grows past it and RLIMIT_NOFILE's
 * hard limit may not exceed it (EPERM); 64..2147483584 (fs/fdtable.c). */
extern u32 sysctl_nr_open;
#define NR_OPEN_LIMIT	READ_ONCE(sysctl_nr_open)

struct files_struct {
	spinlock_t lock;
	u32 count;			/* tasks sharing this table */
	u32 max_fds;			/* slots in fd[] */
	u32 next_fd;			/* no free fd below this (hint) */
	struct file **fd;
	unsigned long *close_on_exec;	/* max_fds bits */
};

struct files_struct *files_alloc(void);
/* fork without CLONE_FILES: a new table with the same files (refs taken). */
int dup_fd(struct files_struct *old, struct files_struct **out);
struct files_struct *files_get(struct files_struct *files);
/* Drop a reference; the last one closes every fd. */
void files_put(struct files_struct *files);

/*
 * Lowest free fd >= start and < nofile, reserved (slot stays NULL until
 * fd_install).  -EMFILE when none; -EINVAL when start >= nofile is not
 * the caller's concern (F_DUPFD checks that itself).
 */
int get_unused_fd(struct files_struct *files, u32 start, u32 nofile,
		  bool cloexec);
void put_unused_fd(struct files_struct *files, int fd);
/* Fill a reserved slot; consumes the caller's reference to f. */
void fd_install(struct files_struct *files, int fd, struct file *f);
/* Allocate and install in one step: returns the fd or -EMFILE/-ENOMEM. */
int fd_alloc_install(struct files_struct *files, struct file *f, u32 nofile,
		     bool cloexec);

/* A new reference to the file at fd, or NULL (EBADF). */
struct file *fget(struct files_struct *files, int fd);
/* close(2): -EBADF or the release result (always frees the slot). */
int close_fd(struct files_struct *files, int fd);
/* dup(2), dup2(2), dup3(2), fcntl F_DUPFD / F_DUPFD_CLOEXEC. */
int do_dup(struct files_struct *files, int oldfd, u32 nofile);
int do_dup2(struct files_struct *files, int oldfd, int newfd, u32 nofile);
int do_dup3(struct files_struct *files, int oldfd, int newfd, int flags,
	    u32 nofile);
int do_dupfd(struct files_struct *files, int oldfd, u32 start, bool cloexec,
	     u32 nofile);
/* F_GETFD / F_SETFD. */
int get_close_on_exec(struct files_struct *files, int fd);
int set_close_on_exec(struct files_struct *files, int fd, bool on);
/* execve: close every fd marked close-on-exec. */
void do_close_on_exec(struct files_struct *files);
/* Open fds (for /proc/<pid>/fd, tests). */
u32 files_count_open(struct files_struct *files);

#endif
