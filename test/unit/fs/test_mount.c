/*
 * mount(2) beyond a plain new mount: tmpfs options (mode, uid, gid,
 * size, nr_inodes) and their limits, MS_REMOUNT, MS_BIND, MS_MOVE, the
 * kernel-only rootfs type, and the /proc/mounts text.
 */
#include <stdio.h>
#include <string.h>
#include <uapi/mount.h>
#include "fs_test.h"

static struct kstat kst(const char *p)
{
	struct kstat k;

	assert_ok(st(T, p, &k, 0));
	return k;
}

static void tmpfs_options(void **state)
{
	struct statfs s;
	struct file *f;
	char page[4096];
	int i;

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/t", 0755));
	assert_ok(vfs_mount(T, "tmpfs", "/t", "tmpfs", 0, "mode=0750,uid=5,gid=6,size=16k,nr_inodes=4"));
	assert_int_equal(kst("/t").mode, S_IFDIR | 0750);
	assert_int_equal(kst("/t").uid, 5);
	assert_int_equal(kst("/t").gid, 6);
	assert_ok(vfs_statfs(T, "/t", &s));
	assert_int_equal(s.f_blocks, 4);
	assert_int_equal(s.f_bfree, 4);
	assert_int_equal(s.f_files, 4);
	assert_int_equal(s.f_ffree, 3);		/* the root inode */
	/* size=16k: four pages, then ENOSPC (a partial write first). */
	memset(page, 'x', sizeof(page));
	assert_ok(vfs_openat(T, AT_FDCWD, "/t/f", O_WRONLY | O_CREAT, 0644, &f));
	for (i = 0; i < 4; i++)
		assert_int_equal(vfs_write(f, page, sizeof(page)), 4096);
	assert_err(vfs_write(f, page, 1), ENOSPC);
	fput(f);
	assert_ok(vfs_statfs(T, "/t", &s));
	assert_int_equal(s.f_bfree, 0);
	/* nr_inodes=4: root, f, and two more. */
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/t/d", 0755));
	assert_ok(vfs_symlinkat(T, "x", AT_FDCWD, "/t/l"));
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/t/e", 0755), ENOSPC);
	/* Freeing data gives the space back. */
	assert_ok(vfs_truncate(T, "/t/f", 0));
	assert_ok(vfs_statfs(T, "/t", &s));
	assert_int_equal(s.f_bfree, 4);
	assert_ok(vfs_umount(T, "/t", 0));
	/* tmpfs refuses options it does not know; ramfs ignores them. */
	assert_err(vfs_mount(T, "x", "/t", "tmpfs", 0, "bogus=1"), EINVAL);
	assert_err(vfs_mount(T, "x", "/t", "tmpfs", 0, "mode=999"), EINVAL);
	assert_err(vfs_mount(T, "x", "/t", "tmpfs", 0, "size=12q"), EINVAL);
	assert_err(vfs_mount(T, "x", "/t", "tmpfs", 0, "uid"), EINVAL);
	assert_ok(vfs_mount(T, "x", "/t", "ramfs", 0, "bogus=1,mode=700"));
	assert_int_equal(kst("/t").mode, S_IFDIR | 0700);
	assert_ok(vfs_umount(T, "/t", 0));
	/* "rootfs" is the kernel's own: not mountable. */
	assert_err(vfs_mount(T, "x", "/t", "rootfs", 0, NULL), ENODEV);
	/* Only directories take a new mount. */
	assert_ok(put_str(T, "/file", "", 0644));
	assert_err(vfs_mount(T, "x", "/file", "tmpfs", 0, NULL), ENOTDIR);
	assert_err(vfs_mount(T, "x", "/nope", "tmpfs", 0, NULL), ENOENT);
}

static void remount_read_only_and_back(void **state)
{
	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/t", 0755));
	assert_ok(vfs_mount(T, "x", "/t", "tmpfs", 0, NULL));
	assert_ok(vfs_mount(T, NULL, "/t", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	assert_err(put_str(T, "/t/f", "", 0644), EROFS);
	assert_ok(vfs_mount(T, NULL, "/t", NULL, MS_REMOUNT, NULL));
	assert_ok(put_str(T, "/t/f", "", 0644));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/t/sub", 0755));
	assert_err(vfs_mount(T, NULL, "/t/sub", NULL, MS_REMOUNT, NULL), EINVAL);
	assert_ok(vfs_umount(T, "/t", 0));
}

static void bind_mounts(void **state)
{
	char buf[16];

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/src", 0755));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/src/in", 0755));
	assert_ok(put_str(T, "/src/in/f", "bound", 0644));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/dst", 0755));
	assert_ok(vfs_mount(T, "/src/in", "/dst", NULL, MS_BIND, NULL));
	assert_int_equal(get_str(T, "/dst/f", buf, sizeof(buf)), 5);
	assert_int_equal(kst("/dst").ino, kst("/src/in").ino);
	/* The same files: a change through one name shows through the other. */
	assert_ok(put_str(T, "/dst/g", "new", 0644));
	assert_int_equal(get_str(T, "/src/in/g", buf, sizeof(buf)), 3);
	/* ".." from the bind's root goes to the mountpoint's parent. */
	assert_int_equal(kst("/dst/..").ino, kst("/").ino);
	/* Same super block but another mount: no rename/link across. */
	assert_err(vfs_renameat2(T, AT_FDCWD, "/dst/f", AT_FDCWD, "/src/in/h", 0), EXDEV);
	/* A file onto a file; a file onto a directory is ENOTDIR. */
	assert_ok(put_str(T, "/target", "", 0644));
	assert_ok(vfs_mount(T, "/src/in/f", "/target", NULL, MS_BIND, NULL));
	assert_int_equal(get_str(T, "/target", buf, sizeof(buf)), 5);
	assert_err(vfs_mount(T, "/src/in/f", "/src", NULL, MS_BIND, NULL), ENOTDIR);
	assert_err(vfs_mount(T, "/missing", "/src", NULL, MS_BIND, NULL), ENOENT);
	assert_ok(vfs_umount(T, "/target", 0));
	assert_ok(vfs_umount(T, "/dst", 0));
	assert_err(st(T, "/dst/f", &(struct kstat){ 0 }, 0), ENOENT);
	/* The source tree is untouched by the unmount. */
	assert_int_equal(get_str(T, "/src/in/g", buf, sizeof(buf)), 3);
}

static void move_mounts(void **state)
{
	char buf[16];

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/a", 0755));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/b", 0755));
	assert_ok(vfs_mount(T, "x", "/a", "tmpfs", 0, NULL));
	assert_ok(put_str(T, "/a/f", "moved", 0644));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/a/inner", 0755));
	assert_err(vfs_mount(T, "/a", "/a/inner", NULL, MS_MOVE, NULL), ELOOP);
	assert_err(vfs_mount(T, "/b", "/a/inner", NULL, MS_MOVE, NULL), EINVAL);
	assert_err(vfs_mount(T, "/", "/b", NULL, MS_MOVE, NULL), EINVAL);
	assert_ok(vfs_mount(T, "/a", "/b", NULL, MS_MOVE, NULL));
	assert_int_equal(get_str(T, "/b/f", buf, sizeof(buf)), 5);
	assert_err(st(T, "/a/f", &(struct kstat){ 0 }, 0), ENOENT);
	assert_err(vfs_umount(T, "/a", 0), EINVAL);
	assert_ok(vfs_umount(T, "/b", 0));
}

static void proc_mounts_text(void **state)
{
	char buf[1024], small[10];
	ssize_t n;

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/tmp", 0755));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/with space", 0755));
	assert_ok(vfs_mount(T, "tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"));
	assert_ok(vfs_mount(T, "none", "/with space", "tmpfs", MS_RDONLY, "size=1m,mode=755"));
	n = vfs_format_mounts(T, buf, sizeof(buf));
	assert_true(n > 0 && (size_t)n < sizeof(buf));
	buf[n] = '\0';
	assert_string_equal(buf,
		"rootfs / rootfs rw,relatime 0 0\n"
		"tmpfs /tmp tmpfs rw,nosuid,nodev,relatime 0 0\n"
		"none /with\\040space tmpfs ro,relatime,size=1024k,mode=755 0 0\n");
	/* A short buffer still says how long the text is. */
	assert_int_equal(vfs_format_mounts(T, small, sizeof(small)), n);
	assert_memory_equal(small, "rootfs / ", 9);
	/* Mounts outside a chroot are not shown; paths are relative to it. */
	assert_ok(vfs_chroot(T, "/tmp"));
	n = vfs_format_mounts(T, buf, sizeof(buf));
	buf[n] = '\0';
	assert_string_equal(buf, "tmpfs / tmpfs rw,nosuid,nodev,relatime 0 0\n");
	assert_ok(vfs_chroot(T, "/.."));	/* ".." stays inside: still /tmp */
	fs_struct_put(T->fs);
	T->fs = fs_struct_alloc_root();
	assert_ok(vfs_umount(T, "/tmp", 0));
	assert_ok(vfs_umount(T, "/with space", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(tmpfs_options),
		FS_TEST(remount_read_only_and_back),
		FS_TEST(bind_mounts),
		FS_TEST(move_mounts),
		FS_TEST(proc_mounts_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
