/*
 * stat(2), fstatat(2), statx(2), statfs(2): fill struct kstat / kstatfs
 * from the inode and convert them to the uapi layouts, every byte set
 * (padding and spare fields zeroed, so no kernel memory reaches users).
 */
#include <uapi/mount.h>
#include "internal.h"

/* vfs_lock held (link count, mode, owner); takes i_lock for the rest. */
static void __vfs_getattr(const struct path *p, struct kstat *st)
{
	struct inode *inode = p->dentry->d_inode;

	memset(st, 0, sizeof(*st));
	spin_lock(&inode->i_lock);
	st->result_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->rdev = inode->i_rdev;
	st->dev = inode->i_sb->s_dev;
	st->ino = inode->i_ino;
	st->size = inode->i_size;
	st->blksize = PAGE_SIZE_FS;
	st->blocks = inode->i_blocks;
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
	st->mnt_id = p->mnt->mnt_id;
	spin_unlock(&inode->i_lock);
}

int vfs_fstatat(struct vfs_ctx *c, int dirfd, const char *path, struct kstat *st,
		int flags)
{
	struct path p;
	u32 lflags = LOOKUP_FOLLOW;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lflags = 0;
	if (flags & AT_EMPTY_PATH)
		lflags |= LOOKUP_EMPTY;
	err = vfs_path_lookupat(c, dirfd, path, lflags, &p);
	if (err)
		return err;
	spin_lock(&vfs_lock);
	__vfs_getattr(&p, st);
	__path_put(&p);
	spin_unlock(&vfs_lock);
	return 0;
}

void vfs_getattr(const struct path *p, struct kstat *st)
{
	spin_lock(&vfs_lock);	/* i_nlink and i_mode change under it */
	__vfs_getattr(p, st);
	spin_unlock(&vfs_lock);
}

int vfs_fstat(struct file *f, struct kstat *st)
{
	vfs_getattr(&f->f_path, st);
	return 0;
}

void kstat_to_stat(const struct kstat *k, struct stat *out)
{
	memset(out, 0, sizeof(*out));
	out->st_dev = new_encode_dev(k->dev);
	out->st_ino = k->ino;
	out->st_nlink = k->nlink;
	out->st_mode = k->mode;
	out->st_uid = k->uid;
	out->st_gid = k->gid;
	out->st_rdev = new_encode_dev(k->rdev);
	out->st_size = k->size;
	out->st_blksize = k->blksize;
	out->st_blocks = (s64)k->blocks;
	out->st_atime = (u64)k->atime.tv_sec;
	out->st_atime_nsec = (u64)k->atime.tv_nsec;
	out->st_mtime = (u64)k->mtime.tv_sec;
	out->st_mtime_nsec = (u64)k->mtime.tv_nsec;
	out->st_ctime = (u64)k->ctime.tv_sec;
	out->st_ctime_nsec = (u64)k->ctime.tv_nsec;
}

static void ts_to_statx(const struct timespec64 *t, struct statx_timestamp *out)
{
	out->tv_sec = t->tv_sec;
	out->tv_nsec = (u32)t->tv_nsec;
	out->__reserved = 0;
}

/* statx(2): what was asked is a hint; the mask says what is filled. */
void kstat_to_statx(const struct kstat *k, u32 want, struct statx *out)
{
	(void)want;	/* everything basic is cheap here: always filled */
	memset(out, 0, sizeof(*out));
	out->stx_mask = k->result_mask;
	out->stx_blksize = k->blksize;
	out->stx_nlink = k->nlink;
	out->stx_uid = k->uid;
	out->stx_gid = k->gid;
	out->stx_mode = k->mode;
	out->stx_ino = k->ino;
	out->stx_size = (u64)k->size;
	out->stx_blocks = k->blocks;
	ts_to_statx(&k->atime, &out->stx_atime);
	ts_to_statx(&k->ctime, &out->stx_ctime);
	ts_to_statx(&k->mtime, &out->stx_mtime);
	out->stx_rdev_major = MAJOR(k->rdev);
	out->stx_rdev_minor = MINOR(k->rdev);
	out->stx_dev_major = MAJOR(k->dev);
	out->stx_dev_minor = MINOR(k->dev);
	out->stx_mnt_id = k->mnt_id;
}

static void statfs_fill(const struct path *p, struct statfs *out)
{
	struct super_block *sb = p->mnt->mnt_sb;
	struct kstatfs k;

	memset(&k, 0, sizeof(k));
	if (sb->s_op && sb->s_op->statfs)
		sb->s_op->statfs(sb, &k);
	memset(out, 0, sizeof(*out));
	out->f_type = k.f_type;
	out->f_bsize = k.f_bsize;
	out->f_blocks = k.f_blocks;
	out->f_bfree = k.f_bfree;
	out->f_bavail = k.f_bavail;
	out->f_files = k.f_files;
	out->f_ffree = k.f_ffree;
	out->f_fsid.val[0] = (s32)k.f_fsid[0];
	out->f_fsid.val[1] = (s32)k.f_fsid[1];
	out->f_namelen = k.f_namelen;
	out->f_frsize = k.f_frsize;
	/* statfs(2) f_flags: ST_VALID plus the mount's flags. */
	out->f_flags = ST_VALID | (mnt_is_readonly(p->mnt) ? ST_RDONLY : 0) |
		       ((p->mnt->mnt_flags & MS_NOSUID) ? ST_NOSUID : 0) |
		       ((p->mnt->mnt_flags & MS_NODEV) ? ST_NODEV : 0) |
		       ((p->mnt->mnt_flags & MS_NOEXEC) ? ST_NOEXEC : 0) | ST_RELATIME;
}

int vfs_statfs(struct vfs_ctx *c, const char *path, struct statfs *out)
{
	struct path p;
	int err = vfs_path_lookupat(c, AT_FDCWD, path, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	spin_lock(&vfs_lock);
	statfs_fill(&p, out);
	__path_put(&p);
	spin_unlock(&vfs_lock);
	return 0;
}

int vfs_fstatfs(struct file *f, struct statfs *out)
{
	spin_lock(&vfs_lock);
	statfs_fill(&f->f_path, out);
	spin_unlock(&vfs_lock);
	return 0;
}
