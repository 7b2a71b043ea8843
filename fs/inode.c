/*
 * Inodes: allocation, reference counting, timestamps and the classic
 * owner/group/other permission check.
 *
 * Invariant: i_count counts the dentries that point at the inode plus
 * short-lived holds (ihold).  An inode with i_count == 0 is unreachable
 * (no name, no open file: open files hold a dentry) and is evicted at
 * once.  i_count changes under vfs_lock.
 */
#include "internal.h"

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kzalloc(sizeof(*inode));
	struct timespec64 now = current_time();

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_ino = ++sb->s_next_ino;
	inode->i_count = 1;
	inode->i_nlink = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = now;
	spin_lock_init(&inode->i_lock, "inode");
	sb->s_inodes++;
	return inode;
}

void ihold(struct inode *inode)
{
	assert_vfs_locked();
	inode->i_count++;
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	assert_vfs_locked();
	BUG_ON(inode->i_count == 0);
	if (--inode->i_count)
		return;
	if (inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	inode->i_sb->s_inodes--;
	kfree(inode);
}

struct timespec64 current_time(void)
{
	struct timespec64 now;

	ktime_get_real_ts64(&now);
	return now;
}

static bool ts_before(struct timespec64 a, struct timespec64 b)
{
	return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

/*
 * relatime (mount(8)): update atime only when it is not newer than mtime
 * or ctime, or is more than a day old.  Caller holds i_lock.
 */
void touch_atime(struct inode *inode)
{
	struct timespec64 now = current_time();

	if (!ts_before(inode->i_mtime, inode->i_atime) ||
	    !ts_before(inode->i_ctime, inode->i_atime) ||
	    now.tv_sec - inode->i_atime.tv_sec >= 24 * 60 * 60)
		inode->i_atime = now;
}

void inode_set_ctime_now(struct inode *inode)
{
	inode->i_ctime = current_time();
}

void inode_set_mctime_now(struct inode *inode)
{
	inode->i_mtime = inode->i_ctime = current_time();
}

bool in_group(const struct cred *cred, u32 gid)
{
	u32 i;

	if (cred->fsgid == gid)
		return true;
	for (i = 0; i < cred->ngroups && i < ARRAY_SIZE(cred->groups); i++)
		if (cred->groups[i] == gid)
			return true;
	return false;
}

bool inode_owner_or_capable(struct inode *inode, const struct cred *cred)
{
	return cred->fsuid == 0 || cred->fsuid == inode->i_uid;
}

/*
 * path_resolution(7) "Permission checking": the owner class if fsuid
 * matches, else the group class if fsgid or a supplementary group
 * matches, else other.  Root (CAP_DAC_OVERRIDE) may do anything except
 * execute a non-directory with no x bit at all.
 */
int inode_permission(struct inode *inode, int mask, const struct cred *cred)
{
	umode_t mode = inode->i_mode;
	int bits;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (cred->fsuid == 0) {
		if ((mask & MAY_EXEC) && !S_ISDIR(mode) &&
		    !(mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
			return -EACCES;
		return 0;
	}
	if (cred->fsuid == inode->i_uid)
		bits = (mode >> 6) & 7;
	else if (in_group(cred, inode->i_gid))
		bits = (mode >> 3) & 7;
	else
		bits = mode & 7;
	return (mask & ~bits) ? -EACCES : 0;
}

int get_write_access(struct inode *inode)
{
	int err = 0;

	spin_lock(&inode->i_lock);
	if (inode->i_writecount < 0)
		err = -ETXTBSY;
	else
		inode->i_writecount++;
	spin_unlock(&inode->i_lock);
	return err;
}

void put_write_access(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	inode->i_writecount--;
	spin_unlock(&inode->i_lock);
}

int deny_write_access(struct inode *inode)
{
	int err = 0;

	spin_lock(&inode->i_lock);
	if (inode->i_writecount > 0)
		err = -ETXTBSY;
	else
		inode->i_writecount--;
	spin_unlock(&inode->i_lock);
	return err;
}

void allow_write_access(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	inode->i_writecount++;
	spin_unlock(&inode->i_lock);
}

umode_t mode_after_kill_privs(const struct inode *inode, const struct cred *cred)
{
	umode_t mode = inode->i_mode;

	if (!S_ISREG(mode) || cred->fsuid == 0)
		return mode;
	mode &= ~S_ISUID;
	if ((mode & S_ISGID) && ((mode & S_IXGRP) || !in_group(cred, inode->i_gid)))
		mode &= ~S_ISGID;
	return mode;
}
