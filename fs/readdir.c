/*
 * getdents64(2): directory entries as struct linux_dirent64 records.
 * Each record is 8-byte aligned, its padding zeroed; d_off is the
 * position to resume after it.  A buffer too small for even one entry is
 * EINVAL; at the end of the directory the result is 0.
 */
#include <uapi/dirent.h>
#include "internal.h"

struct getdents_ctx {
	struct dir_context ctx;
	char *buf;
	size_t size, used;
	bool too_small;
};

static bool filldir64(struct dir_context *ctx, const char *name, u32 namelen,
		      loff_t next_pos, u64 ino, unsigned int d_type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + namelen + 1,
				 (size_t)8);
	struct linux_dirent64 *de;

	if (g->used + reclen > g->size) {
		if (g->used == 0)
			g->too_small = true;
		return false;
	}
	de = (struct linux_dirent64 *)(g->buf + g->used);
	memset(de, 0, reclen);
	de->d_ino = ino;
	de->d_off = next_pos;
	de->d_reclen = (u16)reclen;
	de->d_type = (u8)d_type;
	memcpy(de->d_name, name, namelen);
	g->used += reclen;
	return true;
}

ssize_t vfs_getdents64(struct file *f, void *buf, size_t n)
{
	struct getdents_ctx g = { .ctx.actor = filldir64, .buf = buf, .size = n };
	int err;

	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode) || !f->f_op->iterate)
		return -ENOTDIR;
	spin_lock(&f->f_lock);
	g.ctx.pos = f->f_pos;
	spin_unlock(&f->f_lock);
	err = f->f_op->iterate(f, &g.ctx);
	if (err)
		return err;
	if (g.too_small)
		return -EINVAL;
	spin_lock(&f->f_lock);
	f->f_pos = g.ctx.pos;
	spin_unlock(&f->f_lock);
	spin_lock(&f->f_inode->i_lock);
	touch_atime(f->f_inode);
	spin_unlock(&f->f_inode->i_lock);
	return (ssize_t)g.used;
}
