/*
 * Name-space changes: mkdir, mknod, rmdir, unlink, link, symlink,
 * readlink, rename(2)/renameat2(2), each errno in Linux's precedence
 * (the expected values were checked against Linux on the build machine),
 * link counts, sticky directories, and unlink of open files.
 */
#include <stdio.h>
#include <string.h>
#include <uapi/dirent.h>
#include "fs_test.h"

static void mk(const char *p)
{
	assert_ok(vfs_mkdirat(T, AT_FDCWD, p, 0755));
}

static struct kstat stat_of(const char *p)
{
	struct kstat k;

	assert_ok(st(T, p, &k, AT_SYMLINK_NOFOLLOW));
	return k;
}

static bool exists(const char *p)
{
	struct kstat k;

	return st(T, p, &k, AT_SYMLINK_NOFOLLOW) == 0;
}

static void mkdir_rules(void **state)
{
	(void)state;
	mk("/d");
	assert_ok(put_str(T, "/f", "x", 0644));
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/d", 0755), EEXIST);
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/f/", 0755), EEXIST);
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/", 0755), EEXIST);
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/d/.", 0755), EEXIST);
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/d/..", 0755), EEXIST);
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/none/x", 0755), ENOENT);
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/f/x", 0755), ENOTDIR);
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/new/", 0755));
	/* Link counts: 2 + subdirectories. */
	assert_int_equal(stat_of("/").nlink, 4);
	assert_int_equal(stat_of("/d").nlink, 2);
	mk("/d/s");
	assert_int_equal(stat_of("/d").nlink, 3);
	/* The user cannot create in root's 0755 directory, but EEXIST wins. */
	assert_err(vfs_mkdirat(U, AT_FDCWD, "/d/u", 0755), EACCES);
	assert_err(vfs_mkdirat(U, AT_FDCWD, "/d/s", 0755), EEXIST);
}

static void mode_umask_and_owner(void **state)
{
	struct kstat k;

	(void)state;
	vfs_umask(T, 027);
	mk("/d");
	assert_int_equal(stat_of("/d").mode, S_IFDIR | 0750);
	assert_ok(put_str(T, "/f", "", 0666));
	assert_int_equal(stat_of("/f").mode, S_IFREG | 0640);
	/* mkdir drops set-id bits; a set-gid parent passes gid and the bit. */
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/s", 07777));
	assert_int_equal(stat_of("/s").mode, S_IFDIR | 01750);
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/d", 02777, 0));
	assert_ok(vfs_fchownat(T, AT_FDCWD, "/d", 0, 55, 0));
	assert_ok(vfs_mkdirat(U, AT_FDCWD, "/d/sub", 0777));
	assert_ok(st(T, "/d/sub", &k, 0));
	assert_int_equal(k.uid, 1000);
	assert_int_equal(k.gid, 55);
	assert_true(k.mode & S_ISGID);
	assert_ok(put_str(U, "/d/file", "", 0666));
	assert_int_equal(stat_of("/d/file").gid, 55);
	assert_int_equal(stat_of("/d/file").mode, S_IFREG | 0644);
}

static void mknod_rules(void **state)
{
	struct kstat k;
	struct file *f;

	(void)state;
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/null", S_IFCHR | 0666, new_encode_dev(MKDEV(1, 3))));
	assert_ok(st(T, "/null", &k, 0));
	assert_true(S_ISCHR(k.mode));
	assert_int_equal(MAJOR(k.rdev), 1);
	assert_int_equal(MINOR(k.rdev), 3);
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/fifo", S_IFIFO | 0644, 0));
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/plain", 0644, 0));
	assert_true(S_ISREG(stat_of("/plain").mode));
	assert_err(vfs_mknodat(T, AT_FDCWD, "/dir", S_IFDIR | 0755, 0), EPERM);
	assert_err(vfs_mknodat(T, AT_FDCWD, "/bad", 0170755, 0), EINVAL);
	assert_err(vfs_mknodat(T, AT_FDCWD, "/null", S_IFCHR | 0666, 0), EEXIST);
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/", 0777, 0));
	assert_err(vfs_mknodat(U, AT_FDCWD, "/dev2", S_IFCHR | 0666, 0), EPERM);
	assert_ok(vfs_mknodat(U, AT_FDCWD, "/ufifo", S_IFIFO | 0666, 0));
	/* No driver / no pipe code yet: ENXIO, as Linux without the driver. */
	assert_err(vfs_openat(T, AT_FDCWD, "/null", O_RDWR, 0, &f), ENXIO);
	assert_err(vfs_openat(T, AT_FDCWD, "/fifo", O_RDONLY, 0, &f), ENXIO);
}

static void rmdir_rules(void **state)
{
	(void)state;
	mk("/d");
	mk("/d/sub");
	mk("/e");
	assert_ok(put_str(T, "/e/x", "", 0644));
	assert_ok(put_str(T, "/f", "", 0644));
	assert_err(vfs_rmdir(T, AT_FDCWD, "/d/."), EINVAL);
	assert_err(vfs_rmdir(T, AT_FDCWD, "/d/.."), ENOTEMPTY);
	assert_err(vfs_rmdir(T, AT_FDCWD, "/"), EBUSY);
	assert_err(vfs_rmdir(T, AT_FDCWD, "/f"), ENOTDIR);
	assert_err(vfs_rmdir(T, AT_FDCWD, "/e"), ENOTEMPTY);
	assert_err(vfs_rmdir(T, AT_FDCWD, "/missing"), ENOENT);
	assert_err(vfs_rmdir(U, AT_FDCWD, "/d/sub"), EACCES);
	assert_ok(vfs_rmdir(T, AT_FDCWD, "/d/sub/"));
	assert_int_equal(stat_of("/d").nlink, 2);
	assert_ok(vfs_unlinkat(T, AT_FDCWD, "/d", AT_REMOVEDIR));
	assert_false(exists("/d"));
	assert_err(vfs_unlinkat(T, AT_FDCWD, "/e", 0x1), EINVAL);
}

static void removed_cwd(void **state)
{
	char buf[64];
	struct kstat k;

	(void)state;
	mk("/gone");
	assert_ok(vfs_chdir(T, "/gone"));
	assert_ok(vfs_rmdir(T, AT_FDCWD, "/gone"));
	assert_err(vfs_getcwd(T, buf, sizeof(buf)), ENOENT);
	assert_err(vfs_mkdirat(T, AT_FDCWD, "x", 0755), ENOENT);
	assert_err(put_str(T, "y", "", 0644), ENOENT);
	assert_ok(st(T, ".", &k, 0));
	assert_int_equal(k.nlink, 0);
	assert_ok(vfs_chdir(T, "/"));
}

static void unlink_rules(void **state)
{
	(void)state;
	mk("/d");
	assert_ok(put_str(T, "/f", "", 0644));
	assert_err(vfs_unlinkat(T, AT_FDCWD, "/d", 0), EISDIR);
	assert_err(vfs_unlinkat(T, AT_FDCWD, "/f/", 0), ENOTDIR);
	assert_err(vfs_unlinkat(T, AT_FDCWD, "/d/", 0), EISDIR);
	assert_err(vfs_unlinkat(T, AT_FDCWD, "/missing/", 0), ENOENT);
	assert_err(vfs_unlinkat(T, AT_FDCWD, "/", 0), EISDIR);
	assert_err(vfs_unlinkat(T, AT_FDCWD, "/d/..", 0), EISDIR);
	assert_err(vfs_unlinkat(U, AT_FDCWD, "/f", 0), EACCES);
	assert_ok(vfs_unlinkat(T, AT_FDCWD, "/f", 0));
	assert_false(exists("/f"));
}

static void sticky_directory(void **state)
{
	(void)state;
	mk("/tmp");
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/tmp", 01777, 0));
	assert_ok(put_str(T, "/tmp/roots", "", 0666));
	assert_ok(put_str(U, "/tmp/users", "", 0666));
	/* Writable directory, but sticky: only the owner may remove. */
	assert_err(vfs_unlinkat(U, AT_FDCWD, "/tmp/roots", 0), EPERM);
	assert_err(vfs_renameat2(U, AT_FDCWD, "/tmp/roots", AT_FDCWD, "/tmp/mine", 0), EPERM);
	assert_ok(vfs_unlinkat(U, AT_FDCWD, "/tmp/users", 0));
	assert_ok(vfs_unlinkat(T, AT_FDCWD, "/tmp/roots", 0));
}

static void hard_links(void **state)
{
	char buf[16];

	(void)state;
	mk("/d");
	mk("/e");
	assert_ok(put_str(T, "/e/x", "", 0644));
	assert_ok(put_str(T, "/f", "data", 0644));
	assert_ok(vfs_linkat(T, AT_FDCWD, "/f", AT_FDCWD, "/d/g", 0));
	assert_int_equal(stat_of("/f").nlink, 2);
	assert_int_equal(stat_of("/f").ino, stat_of("/d/g").ino);
	assert_err(vfs_linkat(T, AT_FDCWD, "/d", AT_FDCWD, "/dl", 0), EPERM);
	assert_err(vfs_linkat(T, AT_FDCWD, "/f", AT_FDCWD, "/e/x", 0), EEXIST);
	assert_err(vfs_linkat(T, AT_FDCWD, "/f", AT_FDCWD, "/new/", 0), ENOENT);
	assert_err(vfs_linkat(T, AT_FDCWD, "/missing", AT_FDCWD, "/new", 0), ENOENT);
	assert_err(vfs_linkat(T, AT_FDCWD, "/f", AT_FDCWD, "/f", 0), EEXIST);
	assert_err(vfs_linkat(T, AT_FDCWD, "/f", AT_FDCWD, "/n", 0x8000), EINVAL);
	/* A link to a symlink links the symlink unless AT_SYMLINK_FOLLOW. */
	assert_ok(vfs_symlinkat(T, "f", AT_FDCWD, "/s"));
	assert_ok(vfs_linkat(T, AT_FDCWD, "/s", AT_FDCWD, "/s2", 0));
	assert_true(S_ISLNK(stat_of("/s2").mode));
	assert_ok(vfs_linkat(T, AT_FDCWD, "/s", AT_FDCWD, "/f3", AT_SYMLINK_FOLLOW));
	assert_int_equal(stat_of("/f").nlink, 3);
	assert_ok(vfs_unlinkat(T, AT_FDCWD, "/f", 0));
	assert_int_equal(stat_of("/d/g").nlink, 2);
	assert_int_equal(get_str(T, "/d/g", buf, sizeof(buf)), 4);
	assert_string_equal(buf, "data");
}

static void link_of_open_unlinked_file(void **state)
{
	struct file *f;
	int fd;

	(void)state;
	assert_ok(put_str(T, "/f", "x", 0644));
	fd = xopen(T, "/f", O_RDONLY, 0);
	assert_ok(vfs_unlinkat(T, AT_FDCWD, "/f", 0));
	/* linkat(AT_EMPTY_PATH) of a file with no names left: ENOENT. */
	assert_err(vfs_linkat(T, fd, "", AT_FDCWD, "/back", AT_EMPTY_PATH), ENOENT);
	/* AT_EMPTY_PATH needs privilege. */
	assert_ok(put_str(T, "/g", "x", 0644));
	assert_ok(vfs_openat(U, AT_FDCWD, "/g", O_RDONLY, 0, &f));
	assert_ok(close_fd(T->files, fd));
	fd = fd_alloc_install(U->files, f, U->nofile, false);
	assert_err(vfs_linkat(U, fd, "", AT_FDCWD, "/g2", AT_EMPTY_PATH), ENOENT);
	assert_ok(close_fd(U->files, fd));
}

static void symlink_and_readlink(void **state)
{
	char buf[64];

	(void)state;
	assert_ok(put_str(T, "/f", "", 0644));
	assert_ok(vfs_symlinkat(T, "some/target", AT_FDCWD, "/l"));
	assert_err(vfs_symlinkat(T, "x", AT_FDCWD, "/f"), EEXIST);
	assert_err(vfs_symlinkat(T, "x", AT_FDCWD, "/new/"), ENOENT);
	assert_int_equal(vfs_readlinkat(T, AT_FDCWD, "/l", buf, sizeof(buf)), 11);
	assert_memory_equal(buf, "some/target", 11);
	/* Truncated to the buffer, no NUL added. */
	memset(buf, '#', sizeof(buf));
	assert_int_equal(vfs_readlinkat(T, AT_FDCWD, "/l", buf, 4), 4);
	assert_memory_equal(buf, "some#", 5);
	assert_err(vfs_readlinkat(T, AT_FDCWD, "/f", buf, sizeof(buf)), EINVAL);
	assert_err(vfs_readlinkat(T, AT_FDCWD, "/missing", buf, sizeof(buf)), ENOENT);
	assert_err(vfs_readlinkat(T, AT_FDCWD, "/l", buf, 0), EINVAL);
	assert_int_equal(stat_of("/l").mode, S_IFLNK | 0777);
	assert_int_equal(stat_of("/l").size, 11);
	/* readlinkat on an O_PATH fd of the link, with an empty path. */
	{
		struct file *f;
		int fd;

		assert_ok(vfs_openat(T, AT_FDCWD, "/l", O_PATH | O_NOFOLLOW, 0, &f));
		fd = fd_alloc_install(T->files, f, T->nofile, false);
		assert_int_equal(vfs_readlinkat(T, fd, "", buf, sizeof(buf)), 11);
		assert_ok(close_fd(T->files, fd));
	}
}

static void rename_errors_in_linux_order(void **state)
{
	(void)state;
	mk("/d");
	mk("/d/sub");
	mk("/e");
	assert_ok(put_str(T, "/e/x", "", 0644));
	assert_ok(put_str(T, "/f", "", 0644));
	assert_err(vfs_renameat2(T, AT_FDCWD, "/d", AT_FDCWD, "/d/sub/x", 0), EINVAL);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/d", AT_FDCWD, "/d/x", 0), EINVAL);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/d/sub", AT_FDCWD, "/d", 0), ENOTEMPTY);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/e", 0), EISDIR);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/d", AT_FDCWD, "/f", 0), ENOTDIR);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/d", AT_FDCWD, "/e", 0), ENOTEMPTY);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f/", AT_FDCWD, "/x", 0), ENOTDIR);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/x/", 0), ENOTDIR);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/.", AT_FDCWD, "/x", 0), EBUSY);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/.", 0), EBUSY);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/d/..", 0), EBUSY);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/d/..", RENAME_NOREPLACE),
		   EEXIST);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/missing", AT_FDCWD, "/x", 0), ENOENT);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/missing/x", 0), ENOENT);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/e", RENAME_NOREPLACE), EEXIST);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/missing", RENAME_EXCHANGE),
		   ENOENT);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/e",
				 RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/e", 0x80), EINVAL);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/d", AT_FDCWD, "/d/sub", RENAME_EXCHANGE), EINVAL);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/d/sub", AT_FDCWD, "/d", RENAME_EXCHANGE), EINVAL);
	assert_err(vfs_renameat2(U, AT_FDCWD, "/f", AT_FDCWD, "/g", 0), EACCES);
	/* Renaming onto itself or another name of the same inode: no-op. */
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/d", AT_FDCWD, "/d", 0));
	assert_ok(vfs_linkat(T, AT_FDCWD, "/f", AT_FDCWD, "/f2", 0));
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/f2", 0));
	assert_true(exists("/f"));
	assert_true(exists("/f2"));
}

static void rename_moves_and_replaces(void **state)
{
	char buf[16];
	int fd;

	(void)state;
	mk("/a");
	mk("/b");
	mk("/a/dir");
	assert_ok(put_str(T, "/a/dir/inner", "in", 0644));
	assert_ok(put_str(T, "/a/f", "new", 0644));
	assert_ok(put_str(T, "/b/f", "old", 0644));
	/* Replace a file that is open: the old data lives on in the open file. */
	fd = xopen(T, "/b/f", O_RDONLY, 0);
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/a/f", AT_FDCWD, "/b/f", 0));
	assert_false(exists("/a/f"));
	assert_int_equal(get_str(T, "/b/f", buf, sizeof(buf)), 3);
	assert_string_equal(buf, "new");
	assert_int_equal(fd_read(T, fd, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "old", 3);
	assert_ok(close_fd(T->files, fd));
	/* Move a directory to another parent: link counts follow. */
	assert_int_equal(stat_of("/a").nlink, 3);
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/a/dir", AT_FDCWD, "/b/moved", 0));
	assert_int_equal(stat_of("/a").nlink, 2);
	assert_int_equal(stat_of("/b").nlink, 3);
	assert_int_equal(get_str(T, "/b/moved/inner", buf, sizeof(buf)), 2);
	/* Replace an empty directory with a directory. */
	mk("/b/empty");
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/b/moved", AT_FDCWD, "/b/empty", 0));
	assert_int_equal(stat_of("/b").nlink, 3);
	assert_true(exists("/b/empty/inner"));
	/* RENAME_EXCHANGE swaps a file and a directory. */
	assert_ok(put_str(T, "/a/file", "F", 0644));
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/a/file", AT_FDCWD, "/b/empty",
				RENAME_EXCHANGE));
	assert_true(S_ISDIR(stat_of("/a/file").mode));
	assert_true(S_ISREG(stat_of("/b/empty").mode));
	assert_true(exists("/a/file/inner"));
	assert_int_equal(stat_of("/a").nlink, 3);
	assert_int_equal(stat_of("/b").nlink, 2);
	/* A long name (heap-stored) survives a rename. */
	{
		char longname[200];

		memset(longname, 'L', sizeof(longname));
		longname[0] = '/';
		longname[sizeof(longname) - 1] = '\0';
		assert_ok(vfs_renameat2(T, AT_FDCWD, "/b/empty", AT_FDCWD, longname, 0));
		assert_true(exists(longname));
	}
}

static void rename_dir_needs_write_on_it(void **state)
{
	(void)state;
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/", 0777, 0));
	assert_ok(vfs_mkdirat(U, AT_FDCWD, "/a", 0755));
	assert_ok(vfs_mkdirat(U, AT_FDCWD, "/b", 0755));
	assert_ok(vfs_mkdirat(U, AT_FDCWD, "/a/d", 0555));
	/* Another parent: ".." would change, so write on the dir is needed. */
	assert_err(vfs_renameat2(U, AT_FDCWD, "/a/d", AT_FDCWD, "/b/d", 0), EACCES);
	assert_ok(vfs_renameat2(U, AT_FDCWD, "/a/d", AT_FDCWD, "/a/e", 0));
}

static void symlinks_are_names_not_targets(void **state)
{
	struct kstat k;

	(void)state;
	mk("/d");
	assert_ok(vfs_symlinkat(T, "d", AT_FDCWD, "/ld"));
	assert_ok(vfs_symlinkat(T, "nowhere", AT_FDCWD, "/dang"));
	assert_ok(put_str(T, "/f", "", 0644));
	/* Checked against Linux: the last component is never followed here. */
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/dang", 0755), EEXIST);
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/dang/", 0755), EEXIST);
	assert_err(vfs_rmdir(T, AT_FDCWD, "/ld"), ENOTDIR);
	assert_err(vfs_rmdir(T, AT_FDCWD, "/ld/"), ENOTDIR);
	assert_err(vfs_unlinkat(T, AT_FDCWD, "/ld/", 0), ENOTDIR);
	assert_err(st(T, "/dang/", &k, 0), ENOENT);
	/* rename over a symlink replaces the link, not its target. */
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/f", AT_FDCWD, "/ld", 0));
	assert_true(S_ISREG(stat_of("/ld").mode));
	assert_true(S_ISDIR(stat_of("/d").mode));
	/* A directory may be renamed to "new/". */
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/d", AT_FDCWD, "/d2/", 0));
	assert_true(S_ISDIR(stat_of("/d2").mode));
}

static void large_directory(void **state)
{
	char p[32], buf[4096];
	struct kstat k;
	struct file *f;
	ssize_t got;
	int i, n = 0;

	(void)state;
	mk("/big");
	for (i = 0; i < 5000; i++) {
		snprintf(p, sizeof(p), "/big/file-%d", i);
		assert_ok(put_str(T, p, "", 0644));
	}
	/* Lookups go through the hash chains, not a scan of 5000 names. */
	for (i = 0; i < 5000; i += 7) {
		snprintf(p, sizeof(p), "/big/file-%d", i);
		assert_ok(st(T, p, &k, 0));
	}
	assert_err(st(T, "/big/file-5000", &k, 0), ENOENT);
	assert_ok(vfs_openat(T, AT_FDCWD, "/big", O_RDONLY | O_DIRECTORY, 0, &f));
	while ((got = vfs_getdents64(f, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < got; n++)
			off += ((struct linux_dirent64 *)(buf + off))->d_reclen;
	fput(f);
	assert_int_equal(n, 5002);
	for (i = 0; i < 5000; i++) {
		snprintf(p, sizeof(p), "/big/file-%d", i);
		assert_ok(vfs_unlinkat(T, AT_FDCWD, p, 0));
	}
	assert_ok(vfs_rmdir(T, AT_FDCWD, "/big"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(mkdir_rules),
		FS_TEST(mode_umask_and_owner),
		FS_TEST(mknod_rules),
		FS_TEST(rmdir_rules),
		FS_TEST(removed_cwd),
		FS_TEST(unlink_rules),
		FS_TEST(sticky_directory),
		FS_TEST(hard_links),
		FS_TEST(link_of_open_unlinked_file),
		FS_TEST(symlink_and_readlink),
		FS_TEST(rename_errors_in_linux_order),
		FS_TEST(rename_moves_and_replaces),
		FS_TEST(rename_dir_needs_write_on_it),
		FS_TEST(symlinks_are_names_not_targets),
		FS_TEST(large_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
