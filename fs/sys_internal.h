/*
 * Shared by the system-call wrappers of fs/ (sys_file.c, sys_namei.c,
 * select.c): the caller's VFS context, fd lookup, user path strings.
 */
#ifndef FS_SYS_INTERNAL_H
#define FS_SYS_INTERNAL_H

#include "internal.h"
#include <tern/process.h>
#include <tern/uaccess.h>

/* The caller's VFS context (only user tasks make system calls). */
static inline int get_ctx(struct vfs_ctx *c)
{
	if (!current->proc)
		return -ENOSYS;
	current_vfs_ctx(c);
	return 0;
}

/* The caller's open file fd with a reference (fput it), or NULL with
 * *err set: -EBADF, or what get_ctx() said. */
static inline struct file *fdget(int fd, long *err)
{
	struct vfs_ctx c;
	struct file *f;

	*err = get_ctx(&c);
	if (*err)
		return NULL;
	f = fget(c.files, fd);
	if (!f)
		*err = -EBADF;
	return f;
}

/*
 * Copy a path from user space into a new PATH_MAX buffer: -EFAULT,
 * -ENAMETOOLONG (no NUL within PATH_MAX bytes) or -ENOMEM.  Free it
 * with putname().
 */
char *getname(const char *upath, long *err);
void putname(char *name);

/* fs/dnotify.c: F_NOTIFY on f, opened as fd in fd table owner. */
long fcntl_dirnotify(struct file *f, int fd, struct files_struct *owner, unsigned long arg);

/* fs/memfd.c: fcntl's F_ADD_SEALS and F_GET_SEALS (f held). */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg);

/* Max bytes bounced through the kernel per step of read/write. */
#define RW_CHUNK	65536

#endif
