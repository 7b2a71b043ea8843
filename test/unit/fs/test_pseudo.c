/*
 * Files outside the name space (anon inodes, pseudo inodes for sockets),
 * a file system that builds its names on lookup (as procfs will), shared
 * fs_struct (CLONE_FS) and the names /proc/<pid>/fd links will show.
 */
#include <stdio.h>
#include <string.h>
#include <uapi/dirent.h>
#include "fs_test.h"

static ssize_t counter_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	u64 *v = f->private_data;

	(void)pos;
	if (n < 8)
		return -EINVAL;
	memcpy(buf, v, 8);
	return 8;
}

static int released;

static int counter_release(struct inode *inode, struct file *f)
{
	(void)inode;
	(void)f;
	released++;
	return 0;
}

static const struct file_operations counter_fops = {
	.read = counter_read,
	.release = counter_release,
};

static void anon_and_pseudo_files(void **state)
{
	u64 value = 42, got = 0;
	struct file *a, *b, *s;
	struct kstat ka, kb, ks;
	char name[64], want[64];
	int err, fd;

	(void)state;
	released = 0;
	a = anon_inode_getfile("anon_inode:[eventfd]", &counter_fops, &value, O_RDWR, &err);
	b = anon_inode_getfile("anon_inode:[eventfd]", &counter_fops, &value, O_RDONLY | O_NONBLOCK, &err);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(vfs_read(a, &got, 8), 8);
	assert_int_equal(got, 42);
	assert_err(vfs_write(b, &got, 8), EBADF);
	assert_err(vfs_llseek(a, 0, SEEK_SET), ESPIPE);
	/* Linux's alloc_file_pseudo keeps only the access mode and
	 * O_NONBLOCK: no O_LARGEFILE (F_GETFL of a socket reads 0x802). */
	assert_int_equal(vfs_getfl(b), O_RDONLY | O_NONBLOCK);
	/* One shared inode: mode 0600, no file type (as Linux's). */
	assert_ok(vfs_fstat(a, &ka));
	assert_ok(vfs_fstat(b, &kb));
	assert_int_equal(ka.ino, kb.ino);
	assert_int_equal(ka.mode, 0600);
	/* A socket-like file: its own S_IFSOCK inode. */
	s = new_pseudo_file(S_IFSOCK | 0777, "socket:", &counter_fops, &value, O_RDWR, &err);
	assert_non_null(s);
	assert_ok(vfs_fstat(s, &ks));
	assert_true(S_ISSOCK(ks.mode));
	assert_int_not_equal(ks.ino, ka.ino);
	/* Installed as fds, they are ordinary files to the fd table. */
	fd = fd_alloc_install(T->files, s, T->nofile, false);
	assert_int_equal(vfs_path_name(T, &a->f_path, name, sizeof(name)), 20);
	assert_string_equal(name, "anon_inode:[eventfd]");
	snprintf(want, sizeof(want), "socket:[%lu]", (unsigned long)ks.ino);
	assert_int_equal(vfs_path_name(T, &s->f_path, name, sizeof(name)), (int)strlen(want));
	assert_string_equal(name, want);
	assert_err(vfs_path_name(T, &s->f_path, name, 4), ENAMETOOLONG);
	fput(a);
	fput(b);
	assert_ok(close_fd(T->files, fd));
	assert_int_equal(released, 3);
}

/* A tiny lookup-built file system: "/nN" exists for every N < 5. */
static int numfs_lookups;
static const struct inode_operations numfs_dir_iops;
static const struct file_operations numfs_dir_fops;

static int numfs_lookup(struct inode *dir, struct dentry *d)
{
	struct inode *inode;

	numfs_lookups++;
	if (d->d_namelen != 2 || d->d_name[0] != 'n' || d->d_name[1] < '0' || d->d_name[1] > '4')
		return 0;	/* negative */
	inode = new_inode(dir->i_sb);
	if (!inode)
		return -ENOMEM;
	inode->i_mode = S_IFREG | 0444;
	d_add(d, inode);
	return 0;
}

static int numfs_iterate(struct file *f, struct dir_context *ctx)
{
	char name[3] = "n0";

	(void)f;
	for (; ctx->pos < 5; ctx->pos++) {
		name[1] = (char)('0' + ctx->pos);
		if (!ctx->actor(ctx, name, 2, ctx->pos + 1, 100 + (u64)ctx->pos, DT_REG))
			break;
	}
	return 0;
}

static const struct inode_operations numfs_dir_iops = { .lookup = numfs_lookup };
static const struct file_operations numfs_dir_fops = { .iterate = numfs_iterate };

static int numfs_mount(struct file_system_type *type, int flags, const void *data,
		       struct super_block **out)
{
	struct super_block *sb = sget(type);
	struct inode *root;

	(void)flags;
	(void)data;
	root = new_inode(sb);
	root->i_mode = S_IFDIR | 0555;
	root->i_op = &numfs_dir_iops;
	root->i_fop = &numfs_dir_fops;
	sb->s_root = d_alloc_root(root);
	*out = sb;
	return 0;
}

static struct file_system_type numfs_type = {
	.name = "numfs",
	.mount = numfs_mount,
	.list = LIST_HEAD_INIT(numfs_type.list),
};

static void lookup_built_file_system(void **state)
{
	struct kstat k1, k2;
	char buf[256];
	struct file *f;
	long live;

	(void)state;
	assert_ok(register_filesystem(&numfs_type));
	assert_err(register_filesystem(&numfs_type), EBUSY);
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/num", 0755));
	assert_ok(vfs_mount(T, "numfs", "/num", "numfs", 0, NULL));
	numfs_lookups = 0;
	assert_ok(st(T, "/num/n3", &k1, 0));
	assert_true(S_ISREG(k1.mode));
	assert_err(st(T, "/num/n9", &k1, 0), ENOENT);
	assert_err(st(T, "/num/n3/x", &k1, 0), ENOTDIR);
	/* Nothing is cached once unused: each stat looks up again. */
	live = host_live_allocations();
	assert_ok(st(T, "/num/n3", &k2, 0));
	assert_int_equal(host_live_allocations(), live);
	assert_int_equal(numfs_lookups, 4);
	/* ... but an open file keeps its dentry and inode. */
	assert_ok(vfs_openat(T, AT_FDCWD, "/num/n1", O_RDONLY | O_PATH, 0, &f));
	assert_err(vfs_umount(T, "/num", 0), EBUSY);
	fput(f);
	/* No mkdir operation: EPERM (root passes the permission check). */
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/num/new", 0755), EPERM);
	assert_err(vfs_mkdirat(U, AT_FDCWD, "/num/new", 0755), EACCES);
	assert_ok(vfs_openat(T, AT_FDCWD, "/num", O_RDONLY | O_DIRECTORY, 0, &f));
	assert_int_equal(vfs_getdents64(f, buf, sizeof(buf)), 5 * 24);
	fput(f);
	assert_ok(vfs_umount(T, "/num", 0));
	assert_ok(unregister_filesystem(&numfs_type));
}

static void shared_fs_struct(void **state)
{
	struct vfs_ctx thread = *T;
	char buf[32];

	(void)state;
	thread.fs = fs_struct_get(T->fs);
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/w", 0755));
	assert_ok(vfs_chdir(&thread, "/w"));
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 3);	/* CLONE_FS: shared */
	fs_struct_put(thread.fs);
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 3);
}

static void names_for_proc_links(void **state)
{
	struct file *f;
	char buf[64];

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/d", 0755));
	assert_ok(put_str(T, "/d/f", "", 0644));
	assert_ok(vfs_openat(T, AT_FDCWD, "/d/f", O_RDONLY, 0, &f));
	assert_int_equal(vfs_path_name(T, &f->f_path, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "/d/f");
	assert_ok(vfs_unlinkat(T, AT_FDCWD, "/d/f", 0));
	assert_int_equal(vfs_path_name(T, &f->f_path, buf, sizeof(buf)), 14);
	assert_string_equal(buf, "/d/f (deleted)");
	assert_err(vfs_path_name(T, &f->f_path, buf, 14), ENAMETOOLONG);
	fput(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(anon_and_pseudo_files),
		FS_TEST(lookup_built_file_system),
		FS_TEST(shared_fs_struct),
		FS_TEST(names_for_proc_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
