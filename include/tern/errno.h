/*
 * Kernel functions return negative errno values (-ENOMEM, ...).  The
 * values above 511 never reach user space: the syscall exit path turns
 * them into EINTR or a restart (as Linux's include/linux/errno.h).
 */
#ifndef TERN_ERRNO_H
#define TERN_ERRNO_H

#include <uapi/errno.h>

#define ERESTARTSYS		512
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ENOIOCTLCMD		515
#define ERESTART_RESTARTBLOCK	516

#define MAX_ERRNO		4095

/* Pointers that carry an errno (the top 4095 addresses are never valid). */
static inline void *ERR_PTR(long error)
{
	return (void *)error;
}
static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}
static inline int IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}
static inline int IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#endif
