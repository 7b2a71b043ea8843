/*
 * fs/locks.h - advisory file locks (fs/locks.c): the fcntl(2) and
 * flock(2) entry points, and the hooks by which closing a file drops its
 * locks.
 */
#ifndef TERN_FS_LOCKS_H
#define TERN_FS_LOCKS_H

#include <tern/types.h>

struct file;
struct files_struct;
struct inode;

/* struct flock (fcntl(2) "Advisory record locking"), 32 bytes on x86_64;
 * the F_*LK64 commands are the same numbers and layout there. */
struct flock {
	s16 l_type;
	s16 l_whence;
	s64 l_start;
	s64 l_len;
	s32 l_pid;
};
_Static_assert(sizeof(struct flock) == 32, "struct flock");
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38

/* flock(2) operations. */
#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8

/* F_GETLK, F_SETLK, F_SETLKW and their F_OFD_ forms on f; `files` is
 * the caller's fd table (the POSIX owner). */
long fcntl_lock(struct file *f, struct files_struct *files, unsigned int cmd, void *ufl);
long flock_lock(struct file *f, unsigned int op);

/* Closing an fd of f through `owner`: its POSIX locks on f's file go. */
void locks_remove_posix(struct file *f, struct files_struct *owner);
/* The last reference to f: its OFD and flock locks go. */
void locks_remove_file(struct file *f);

/*
 * Leases (fcntl(2) "Leases"): F_SETLEASE (arg F_RDLCK, F_WRLCK, F_UNLCK)
 * on f, opened as fd; F_GETLEASE.  lease_break: the open of new file f
 * (before its driver's open, no lock held) breaks the leases it conflicts
 * with and waits for them to go (-EWOULDBLOCK with O_NONBLOCK, -ERESTARTSYS
 * on a signal); truncation breaks as a writer would (f NULL, inode).
 */
long fcntl_setlease(struct file *f, int fd, unsigned long arg);
long fcntl_getlease(struct file *f);
int lease_break(struct file *f, struct inode *inode, bool write, bool nonblock);

void proc_locks_init(void);

#endif
