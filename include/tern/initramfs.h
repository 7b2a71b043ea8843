/*
 * The initramfs unpacker: cpio "newc" archives (070701, and 070702 whose
 * check field is the byte sum of the data) into the name space of a task,
 * as Linux's init/initramfs.c does at boot.  Several archives may be
 * concatenated, with NUL padding between them.
 */
#ifndef TERN_INITRAMFS_H
#define TERN_INITRAMFS_H

#include <tern/vfs.h>

struct initramfs_stats {
	u32 entries;		/* headers read, trailers included */
	u32 files, dirs, symlinks, nodes, hardlinks;
	u32 errors;		/* entries the VFS refused (logged, skipped) */
};

/*
 * Unpack buf[0..len) relative to c's cwd with c's credentials (root at
 * boot).  A malformed archive (bad magic, bad hex, truncated header,
 * name or data past the end, NUL-less name, bad 070702 checksum, no
 * TRAILER!!!) stops the unpacking with -EINVAL; what came before stays,
 * as on Linux.  -ENOMEM if memory runs out.  stats may be NULL.
 */
int unpack_initramfs(struct vfs_ctx *c, const void *buf, size_t len,
		     struct initramfs_stats *stats);

/*
 * Boot: after vfs_init(), unpack the initrd into "/" as root with umask 0
 * (Linux's populate_rootfs) and log a one-line summary.
 */
int populate_rootfs(const void *buf, size_t len);

#endif
