/*
 * Allocation failure anywhere must leave the VFS consistent and leak
 * nothing: run one scenario touching every subsystem, failing the n-th
 * allocation for every n, then tear everything down (the teardown checks
 * that every allocation was freed).
 */
#include <stdio.h>
#include <string.h>
#include <tern/initramfs.h>
#include "fs_test.h"

static const struct file_operations empty_test_fops;

static void scenario(void)
{
	char buf[256];
	int fd, d;
	struct file *f;

	vfs_mkdirat(T, AT_FDCWD, "/a", 0755);
	vfs_mkdirat(T, AT_FDCWD, "/a/b", 0755);
	put_str(T, "/a/b/f", "data", 0644);
	vfs_symlinkat(T, "b/f", AT_FDCWD, "/a/l");
	vfs_linkat(T, AT_FDCWD, "/a/b/f", AT_FDCWD, "/a/hard", 0);
	vfs_renameat2(T, AT_FDCWD, "/a/hard", AT_FDCWD, "/a/b/a-much-longer-name-than-the-inline-buffer", 0);
	vfs_renameat2(T, AT_FDCWD, "/a/l", AT_FDCWD, "/a/b", RENAME_EXCHANGE);
	get_str(T, "/a/l/f", buf, sizeof(buf));
	fd = xopen(T, "/a", O_RDONLY | O_DIRECTORY, 0);
	if (fd >= 0) {
		f = fget(T->files, fd);
		vfs_getdents64(f, buf, sizeof(buf));
		fput(f);
		d = do_dup2(T->files, fd, 200, T->nofile);
		if (d >= 0)
			close_fd(T->files, d);
		close_fd(T->files, fd);
	}
	vfs_mount(T, "none", "/a", "tmpfs", 0, NULL);
	put_str(T, "/a/in", "x", 0644);
	vfs_chdir(T, "/a");
	vfs_getcwd(T, buf, sizeof(buf));
	vfs_chdir(T, "/");
	vfs_umount(T, "/a", 0);
	{
		int err;
		struct file *a = anon_inode_getfile("anon_inode:[x]", &empty_test_fops, NULL,
						    O_RDWR, &err);
		struct file *so = new_pseudo_file(S_IFSOCK | 0777, "socket:", &empty_test_fops,
						  NULL, O_RDWR, &err);

		fput(a);
		fput(so);
	}
	vfs_mkdirat(T, AT_FDCWD, "/m2", 0755);
	vfs_mount(T, "t", "/m2", "tmpfs", 0, "size=8k,mode=700");
	vfs_mkdirat(T, AT_FDCWD, "/b2", 0755);
	vfs_mount(T, "/m2", "/b2", NULL, 4096 /* MS_BIND */, NULL);
	vfs_format_mounts(T, buf, sizeof(buf));
	vfs_umount(T, "/b2", 0);
	vfs_umount(T, "/m2", 0);
	{
		struct files_struct *child = NULL;
		struct fs_struct *fs2;
		struct timespec64 t[2] = { { 1, 0 }, { 2, 0 } };
		struct kstat k;
		struct file *ex;

		put_str(T, "/x", "exe", 0755);
		if (vfs_open_exec(T, "/x", &ex) == 0)
			fput(ex);
		fd = xopen(T, "/x", O_RDWR | O_TRUNC, 0);
		if (fd >= 0 && dup_fd(T->files, &child) == 0)
			files_put(child);
		vfs_unlinkat(T, AT_FDCWD, "/x", 0);
		if (fd >= 0)
			close_fd(T->files, fd);
		vfs_symlinkat(T, "/a/b", AT_FDCWD, "/sl");
		vfs_readlinkat(T, AT_FDCWD, "/sl", buf, sizeof(buf));
		vfs_faccessat(T, AT_FDCWD, "/sl/f", R_OK, 0);
		vfs_utimensat(T, AT_FDCWD, "/sl", t, AT_SYMLINK_NOFOLLOW);
		vfs_fchownat(T, AT_FDCWD, "/sl", 1, 1, 0);
		vfs_fstatat(T, AT_FDCWD, "/sl", &k, 0);
		vfs_renameat2(T, AT_FDCWD, "/sl", AT_FDCWD, "/a", RENAME_NOREPLACE);
		fs2 = copy_fs_struct(T->fs);
		fs_struct_put(fs2);
		vfs_mknodat(T, AT_FDCWD, "/node", S_IFCHR | 0600, 0x0103);
		vfs_rmdir(T, AT_FDCWD, "/a/b");
	}
	fd = xopen(T, "/sparse", O_RDWR | O_CREAT, 0644);
	if (fd >= 0) {
		f = fget(T->files, fd);
		vfs_pwrite(f, "x", 1, (loff_t)1 << 33);
		vfs_ftruncate(f, 10);
		fput(f);
		close_fd(T->files, fd);
	}
	{
		struct cpio_buf cb = { 0 };
		struct cpio_entry d = { .name = "d", .mode = S_IFDIR | 0755, .ino = 1 };
		struct cpio_entry l = { .name = "d/l", .mode = S_IFLNK | 0777, .ino = 2,
					.data = "x", .size = 1 };
		struct cpio_entry f1 = { .name = "d/f", .mode = S_IFREG | 0644, .ino = 3,
					 .nlink = 2 };
		struct cpio_entry f2 = { .name = "d/g", .mode = S_IFREG | 0644, .ino = 3,
					 .nlink = 2, .data = "body", .size = 4 };

		cpio_add(&cb, &d);
		cpio_add(&cb, &l);
		cpio_add(&cb, &f1);
		cpio_add(&cb, &f2);
		cpio_trailer(&cb);
		unpack_initramfs(T, cb.p, cb.len, NULL);
		cpio_free(&cb);
	}
}

static void every_allocation_may_fail(void **state)
{
	long n, total;

	(void)state;
	/* How many allocations does the scenario make? */
	scenario();
	total = 0;
	assert_ok(fs_teardown(NULL));
	assert_ok(fs_setup(NULL));
	for (n = 0; ; n++) {
		host_fail_alloc_after(n);
		scenario();
		/* The failure was never reached: every n has been tried. */
		if (host_fail_pending()) {
			host_fail_alloc_after(-1);
			break;
		}
		host_fail_alloc_after(-1);
		assert_ok(fs_teardown(NULL));
		assert_ok(fs_setup(NULL));
		total++;
	}
	assert_true(total > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(every_allocation_may_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
