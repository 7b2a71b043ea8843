/* ramfs private declarations (fs/ramfs/ only). */
#ifndef FS_RAMFS_INTERNAL_H
#define FS_RAMFS_INTERNAL_H

#include "../internal.h"

/*
 * A regular file's data: a radix tree of 4 KiB pages.  A node is an array
 * of RADIX_SLOTS pointers; height h covers RADIX_SLOTS^h pages; NULL
 * anywhere is a hole and reads as zeros.  Everything under inode->i_lock.
 */
#define RADIX_SHIFT	9
#define RADIX_SLOTS	(1u << RADIX_SHIFT)
#define RADIX_MAX_HEIGHT 6	/* 2^54 pages > MAX_LFS_FILESIZE / 4 KiB */

struct ramfs_inode {
	void *root;
	u32 height;
	u64 pages;		/* pages allocated */
	char *link;		/* symlink target */
};

static inline struct ramfs_inode *RAMFS_I(struct inode *inode)
{
	return inode->i_private;
}

extern const struct file_operations ramfs_file_operations;
extern const struct inode_operations ramfs_file_inode_operations;

/* file.c, i_lock held */
void ramfs_free_data(struct inode *inode);
int ramfs_truncate(struct inode *inode, loff_t size);
void *ramfs_get_page(struct inode *inode, u64 index, bool create);

#endif
