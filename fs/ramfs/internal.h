/* ramfs private declarations (fs/ramfs/ only). */
#ifndef FS_RAMFS_INTERNAL_H
#define FS_RAMFS_INTERNAL_H

#include <tern/mm.h>
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

/* Per mount (super block) settings; limits 0 mean "none" (size=0). */
struct ramfs_sb_info {
	umode_t root_mode;
	u32 root_uid, root_gid;
	u64 max_bytes;		/* tmpfs size= (whole pages) */
	u64 max_inodes;		/* tmpfs nr_inodes= */
};

/* tmpfs(5) defaults: size= half of RAM, nr_inodes= half of RAM's pages. */
static inline u64 tmpfs_default_bytes(void)
{
	return nr_managed_pages() / 2 * PAGE_SIZE_FS;
}

static inline u64 tmpfs_default_inodes(void)
{
	return nr_managed_pages() / 2;
}

int ramfs_parse_options(struct ramfs_sb_info *sbi, bool tmpfs, const char *data);
size_t ramfs_show_options(struct super_block *sb, char *buf, size_t size);

/* May sb hold one more data page (tmpfs size=)?  i_lock held. */
static inline bool ramfs_room_for_page(struct super_block *sb)
{
	struct ramfs_sb_info *sbi = sb->s_fs_info;

	return !sbi->max_bytes || sb->s_bytes + PAGE_SIZE_FS <= sbi->max_bytes;
}

extern const struct file_operations ramfs_file_operations;
extern const struct inode_operations ramfs_file_inode_operations;

/* file.c, i_lock held */
void ramfs_free_data(struct inode *inode);
int ramfs_truncate(struct inode *inode, loff_t size);
void *ramfs_get_page(struct inode *inode, u64 index, bool create);

#endif
