/*
 * devtmpfs: a tmpfs that starts with the device nodes of the drivers Tern
 * has (see <tern/devices.h> for the numbers).  /init mounts it on /dev
 * and may add to it (mkdir /dev/shm, /dev/pts).
 *
 * linux-compat: every mount is a new instance with the same nodes; Linux
 * shares one devtmpfs super block between all its mounts.
 */
#include "internal.h"
#include <tern/devices.h>

static const struct {
	const char *name;
	umode_t mode;
	u32 major, minor;
} dev_nodes[] = {
	{ "null", S_IFCHR | 0666, MEM_MAJOR, 3 },
	{ "zero", S_IFCHR | 0666, MEM_MAJOR, 5 },
	{ "full", S_IFCHR | 0666, MEM_MAJOR, 7 },
	{ "random", S_IFCHR | 0666, MEM_MAJOR, 8 },
	{ "urandom", S_IFCHR | 0666, MEM_MAJOR, 9 },
	{ "tty", S_IFCHR | 0666, TTYAUX_MAJOR, 0 },
	{ "console", S_IFCHR | 0600, TTYAUX_MAJOR, 1 },
	{ "ttyS0", S_IFCHR | 0600, TTY_MAJOR, 64 },
	{ "rtc0", S_IFCHR | 0600, RTC_MAJOR, 0 },
};

static struct file_system_type devtmpfs_fs_type;

/* vfs_lock held (mount(2) calls this under it). */
static int devtmpfs_mount(struct file_system_type *type, int flags,
			  const void *data, struct super_block **out)
{
	static const struct cred root_cred;
	struct super_block *sb;
	struct dentry *root;
	int err;

	(void)type;
	/* /dev itself is drwxr-xr-x unless mount options say otherwise. */
	err = tmpfs_fs_type.mount(&tmpfs_fs_type, flags, data ? data : "mode=0755", &sb);
	if (err)
		return err;
	sb->s_type = &devtmpfs_fs_type;
	root = sb->s_root;
	for (unsigned int i = 0; i < ARRAY_SIZE(dev_nodes) && !err; i++) {
		const char *name = dev_nodes[i].name;
		struct dentry *d = d_alloc(root, name, (u32)strlen(name));

		if (!d) {
			err = -ENOMEM;
			break;
		}
		err = root->d_inode->i_op->mknod(root->d_inode, d, dev_nodes[i].mode,
						 MKDEV(dev_nodes[i].major, dev_nodes[i].minor),
						 &root_cred);
		dput(d);
	}
	if (err) {
		sb->s_active = 1;
		deactivate_super(sb);
		return err;
	}
	*out = sb;
	return 0;
}

static struct file_system_type devtmpfs_fs_type = {
	.name = "devtmpfs",
	.mount = devtmpfs_mount,
};

int devtmpfs_init(void)
{
	return register_filesystem(&devtmpfs_fs_type);
}
