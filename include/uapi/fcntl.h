/*
 * Linux x86_64 open(2), fcntl(2) and the *at(2) calls: O_*, AT_*, F_*, RENAME_*,
 * SEEK_*, UTIME_*, access(2) modes.  Numbers only (asm-generic/fcntl.h
 * values; x86_64 uses the generic ones).
 */
#ifndef TERN_UAPI_FCNTL_H
#define TERN_UAPI_FCNTL_H

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_NDELAY	O_NONBLOCK
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)

#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200	/* faccessat */
#define AT_REMOVEDIR		0x200	/* unlinkat */
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000
#define AT_STATX_SYNC_AS_STAT	0x0000
#define AT_STATX_FORCE_SYNC	0x2000
#define AT_STATX_DONT_SYNC	0x4000
#define AT_RECURSIVE		0x8000

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_SETSIG	10
#define F_GETSIG	11
#define F_SETOWN_EX	15
#define F_GETOWN_EX	16
/* struct f_owner_ex's type */
#define F_OWNER_TID	0
#define F_OWNER_PID	1
#define F_OWNER_PGRP	2
#define F_LINUX_SPECIFIC_BASE	1024
#define F_SETLEASE	(F_LINUX_SPECIFIC_BASE + 0)
#define F_GETLEASE	(F_LINUX_SPECIFIC_BASE + 1)
#define F_NOTIFY	(F_LINUX_SPECIFIC_BASE + 2)
#define F_DUPFD_CLOEXEC	(F_LINUX_SPECIFIC_BASE + 6)
/* F_NOTIFY events (dnotify) */
#define DN_ACCESS	0x00000001u
#define DN_MODIFY	0x00000002u
#define DN_CREATE	0x00000004u
#define DN_DELETE	0x00000008u
#define DN_RENAME	0x00000010u
#define DN_ATTRIB	0x00000020u
#define DN_MULTISHOT	0x80000000u
#define F_SETPIPE_SZ	(F_LINUX_SPECIFIC_BASE + 7)
#define F_GETPIPE_SZ	(F_LINUX_SPECIFIC_BASE + 8)
#define F_ADD_SEALS	(F_LINUX_SPECIFIC_BASE + 9)
#define F_GET_SEALS	(F_LINUX_SPECIFIC_BASE + 10)
#define F_SEAL_SEAL		0x0001
#define F_SEAL_SHRINK		0x0002
#define F_SEAL_GROW		0x0004
#define F_SEAL_WRITE		0x0008
#define F_SEAL_FUTURE_WRITE	0x0010
/* memfd_create(2) flags */
#define MFD_CLOEXEC		0x0001u
#define MFD_ALLOW_SEALING	0x0002u
#define MFD_HUGETLB		0x0004u
#define FD_CLOEXEC	1

/* renameat2(2) flags */
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* lseek(2) whence */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

/* utimensat(2) special tv_nsec values */
#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

/* access(2) modes */
#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

#endif
