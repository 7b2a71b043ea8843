/*
 * Path resolution, path_resolution(7): absolute, relative to cwd and to a
 * dirfd, "." and "..", symlinks (40 at most), trailing slashes, lookup
 * flags, name length limits, search permission, mounts.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "fs_test.h"

static void mk(const char *p)
{
	assert_ok(vfs_mkdirat(T, AT_FDCWD, p, 0755));
}

static void ln_s(const char *target, const char *p)
{
	assert_ok(vfs_symlinkat(T, target, AT_FDCWD, p));
}

static u64 ino_of(struct vfs_ctx *c, const char *p, int flags)
{
	struct kstat k;

	assert_ok(st(c, p, &k, flags));
	return k.ino;
}

static void absolute_relative_and_dirfd(void **state)
{
	int dfd;
	struct kstat k;

	(void)state;
	mk("/a");
	mk("/a/b");
	assert_ok(put_str(T, "/a/b/f", "x", 0644));
	assert_ok(vfs_chdir(T, "/a"));
	assert_int_equal(ino_of(T, "b/f", 0), ino_of(T, "/a/b/f", 0));
	dfd = xopen(T, "/a/b", O_RDONLY | O_DIRECTORY, 0);
	assert_true(dfd >= 0);
	assert_ok(vfs_fstatat(T, dfd, "f", &k, 0));
	assert_int_equal(k.ino, ino_of(T, "/a/b/f", 0));
	/* An absolute path ignores dirfd, even a bad one. */
	assert_ok(vfs_fstatat(T, 999, "/a/b/f", &k, 0));
	/* A relative path with a bad dirfd is EBADF, with a file ENOTDIR. */
	assert_err(vfs_fstatat(T, 999, "f", &k, 0), EBADF);
	{
		int ffd = xopen(T, "/a/b/f", O_RDONLY, 0);

		assert_err(vfs_fstatat(T, ffd, "x", &k, 0), ENOTDIR);
		/* AT_EMPTY_PATH on a file fd: the file itself. */
		assert_ok(vfs_fstatat(T, ffd, "", &k, AT_EMPTY_PATH));
		assert_int_equal(k.ino, ino_of(T, "/a/b/f", 0));
		assert_err(vfs_fstatat(T, ffd, "", &k, 0), ENOENT);
		/* The name is checked before dirfd (checked against Linux). */
		assert_err(vfs_fstatat(T, 999, "", &k, 0), ENOENT);
		assert_err(vfs_fstatat(T, 999, NULL, &k, 0), EFAULT);
		assert_err(vfs_fstatat(T, 999, "", &k, AT_EMPTY_PATH), EBADF);
		assert_ok(close_fd(T->files, ffd));
	}
	assert_ok(close_fd(T->files, dfd));
}

static void dot_and_dotdot(void **state)
{
	(void)state;
	mk("/a");
	mk("/a/b");
	assert_int_equal(ino_of(T, "/a/b/..", 0), ino_of(T, "/a", 0));
	assert_int_equal(ino_of(T, "/a/./b/./", 0), ino_of(T, "/a/b", 0));
	assert_int_equal(ino_of(T, "/..", 0), ino_of(T, "/", 0));
	assert_int_equal(ino_of(T, "/../../a/../..", 0), ino_of(T, "/", 0));
	assert_int_equal(ino_of(T, "//a///b//", 0), ino_of(T, "/a/b", 0));
	/* ".." never climbs above a chroot. */
	assert_ok(vfs_chroot(T, "/a"));
	assert_ok(vfs_chdir(T, "/"));
	assert_int_equal(ino_of(T, "/../..", 0), ino_of(T, "/b/..", 0));
	assert_int_equal(ino_of(T, "..", 0), ino_of(T, "/", 0));
}

static void missing_and_not_directory(void **state)
{
	struct kstat k;

	(void)state;
	mk("/d");
	assert_ok(put_str(T, "/d/f", "x", 0644));
	assert_err(st(T, "/nope", &k, 0), ENOENT);
	assert_err(st(T, "/nope/x", &k, 0), ENOENT);
	assert_err(st(T, "/d/f/x", &k, 0), ENOTDIR);
	assert_err(st(T, "/d/f/", &k, 0), ENOTDIR);
	assert_err(st(T, "/d/f/.", &k, 0), ENOTDIR);
	assert_err(st(T, "", &k, 0), ENOENT);
	assert_ok(st(T, "/d/", &k, 0));
}

static void name_too_long(void **state)
{
	char name[300], *path;
	struct kstat k;

	(void)state;
	memset(name, 'n', sizeof(name));
	name[256] = '\0';	/* 256 > NAME_MAX */
	assert_err(st(T, name, &k, 0), ENAMETOOLONG);
	assert_err(vfs_mkdirat(T, AT_FDCWD, name, 0755), ENAMETOOLONG);
	name[255] = '\0';	/* exactly NAME_MAX is fine */
	assert_ok(vfs_mkdirat(T, AT_FDCWD, name, 0755));
	assert_ok(st(T, name, &k, 0));
	path = malloc(PATH_MAX + 1);
	/* PATH_MAX bytes without the NUL is too long; PATH_MAX - 1 is not. */
	memset(path, '/', PATH_MAX);
	path[PATH_MAX] = '\0';
	assert_err(st(T, path, &k, 0), ENAMETOOLONG);
	path[PATH_MAX - 1] = '\0';
	assert_ok(st(T, path, &k, 0));
	free(path);
}

static void symlinks_followed_and_not(void **state)
{
	struct kstat k;
	char buf[64];

	(void)state;
	mk("/d");
	assert_ok(put_str(T, "/d/f", "data", 0644));
	ln_s("f", "/d/rel");
	ln_s("/d/f", "/abs");
	ln_s("../d", "/d/up");
	ln_s("nowhere", "/dangling");
	assert_int_equal(ino_of(T, "/d/rel", 0), ino_of(T, "/d/f", 0));
	assert_int_equal(ino_of(T, "/abs", 0), ino_of(T, "/d/f", 0));
	assert_int_equal(ino_of(T, "/d/up/up/up/f", 0), ino_of(T, "/d/f", 0));
	assert_ok(st(T, "/abs", &k, AT_SYMLINK_NOFOLLOW));
	assert_true(S_ISLNK(k.mode));
	assert_int_equal(k.size, 4);
	assert_err(st(T, "/dangling", &k, 0), ENOENT);
	assert_ok(st(T, "/dangling", &k, AT_SYMLINK_NOFOLLOW));
	assert_int_equal(get_str(T, "/d/up/rel", buf, sizeof(buf)), 4);
	/* A trailing slash follows the link even with NOFOLLOW. */
	assert_ok(st(T, "/d/up/", &k, AT_SYMLINK_NOFOLLOW));
	assert_true(S_ISDIR(k.mode));
	/* A link to a file, with a trailing slash: ENOTDIR. */
	assert_err(st(T, "/abs/", &k, 0), ENOTDIR);
	/* An empty symlink target cannot be created. */
	assert_err(vfs_symlinkat(T, "", AT_FDCWD, "/empty"), ENOENT);
}

static void symlink_loops_and_limit(void **state)
{
	struct kstat k;
	char name[32], target[32];
	int i;

	(void)state;
	ln_s("loop2", "/loop1");
	ln_s("loop1", "/loop2");
	ln_s("self", "/self");
	assert_err(st(T, "/loop1", &k, 0), ELOOP);
	assert_err(st(T, "/self/x", &k, 0), ELOOP);
	assert_ok(st(T, "/self", &k, AT_SYMLINK_NOFOLLOW));
	/* A chain of 40 links resolves; 41 is ELOOP (MAXSYMLINKS). */
	assert_ok(put_str(T, "/end", "x", 0644));
	for (i = 0; i < 41; i++) {
		snprintf(name, sizeof(name), "/l%d", i);
		if (i == 0)
			snprintf(target, sizeof(target), "end");
		else
			snprintf(target, sizeof(target), "l%d", i - 1);
		ln_s(target, name);
	}
	assert_ok(st(T, "/l39", &k, 0));
	assert_int_equal(k.ino, ino_of(T, "/end", 0));
	assert_err(st(T, "/l40", &k, 0), ELOOP);
	/* In the middle of a path the count is the same. */
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/dir", 0755));
	assert_ok(vfs_symlinkat(T, "dir", AT_FDCWD, "/m0"));
	for (i = 1; i < 41; i++) {
		snprintf(name, sizeof(name), "/m%d", i);
		snprintf(target, sizeof(target), "m%d", i - 1);
		ln_s(target, name);
	}
	assert_ok(st(T, "/m39/.", &k, 0));
	assert_err(st(T, "/m40/.", &k, 0), ELOOP);
}

static void open_lookup_flags(void **state)
{
	struct file *f;

	(void)state;
	mk("/d");
	assert_ok(put_str(T, "/f", "x", 0644));
	ln_s("f", "/lf");
	ln_s("d", "/ld");
	assert_err(vfs_openat(T, AT_FDCWD, "/lf", O_RDONLY | O_NOFOLLOW, 0, &f), ELOOP);
	assert_err(vfs_openat(T, AT_FDCWD, "/f", O_RDONLY | O_DIRECTORY, 0, &f), ENOTDIR);
	assert_err(vfs_openat(T, AT_FDCWD, "/lf", O_RDONLY | O_DIRECTORY, 0, &f), ENOTDIR);
	assert_ok(vfs_openat(T, AT_FDCWD, "/ld", O_RDONLY | O_DIRECTORY, 0, &f));
	fput(f);
	/* O_PATH | O_NOFOLLOW opens the link itself. */
	assert_ok(vfs_openat(T, AT_FDCWD, "/lf", O_PATH | O_NOFOLLOW, 0, &f));
	assert_true(S_ISLNK(f->f_inode->i_mode));
	{
		char buf[8];

		assert_err(vfs_read(f, buf, sizeof(buf)), EBADF);
	}
	fput(f);
	/* Directories cannot be opened for writing. */
	assert_err(vfs_openat(T, AT_FDCWD, "/d", O_WRONLY, 0, &f), EISDIR);
	assert_err(vfs_openat(T, AT_FDCWD, "/d", O_RDONLY | O_TRUNC, 0, &f), EISDIR);
	assert_err(vfs_openat(T, AT_FDCWD, "/d", O_RDONLY | O_CREAT, 0644, &f), EISDIR);
	assert_err(vfs_openat(T, AT_FDCWD, "/", O_RDONLY | O_CREAT, 0644, &f), EISDIR);
	assert_err(vfs_openat(T, AT_FDCWD, "/new/", O_RDWR | O_CREAT, 0644, &f), EISDIR);
	assert_err(vfs_openat(T, AT_FDCWD, "/f/", O_RDONLY, 0, &f), ENOTDIR);
	assert_err(vfs_openat(T, AT_FDCWD, "/x", O_RDWR | O_CREAT | O_DIRECTORY, 0644, &f),
		   EINVAL);
}

static void search_permission(void **state)
{
	struct kstat k;

	(void)state;
	mk("/pub");
	mk("/pub/closed");
	assert_ok(put_str(T, "/pub/closed/f", "x", 0644));
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/pub/closed", 0700, 0));
	/* The user may not search /pub/closed: EACCES wins over ENOENT. */
	assert_err(st(U, "/pub/closed/f", &k, 0), EACCES);
	assert_err(st(U, "/pub/closed/nope", &k, 0), EACCES);
	assert_ok(st(U, "/pub/closed", &k, 0));
	/* ENOTDIR is found before the permission of what follows matters. */
	assert_ok(put_str(T, "/pub/file", "x", 0644));
	assert_err(st(U, "/pub/file/x", &k, 0), ENOTDIR);
	/* Root is never refused a search. */
	assert_ok(st(T, "/pub/closed/f", &k, 0));
	/* Group search bit: a member of group 1000 may search. */
	assert_ok(vfs_fchownat(T, AT_FDCWD, "/pub/closed", 0, 1000, 0));
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/pub/closed", 0710, 0));
	assert_ok(st(U, "/pub/closed/f", &k, 0));
}

static void mounts_are_crossed_both_ways(void **state)
{
	struct kstat k, root;
	u64 mnt_ino;

	(void)state;
	mk("/mnt");
	assert_ok(put_str(T, "/mnt/hidden", "x", 0644));
	mnt_ino = ino_of(T, "/mnt", 0);
	assert_ok(vfs_mount(T, "none", "/mnt", "tmpfs", 0, NULL));
	/* The mounted root hides what was under it. */
	assert_err(st(T, "/mnt/hidden", &k, 0), ENOENT);
	assert_ok(st(T, "/mnt", &k, 0));
	assert_int_not_equal(k.dev, 0);
	assert_ok(st(T, "/", &root, 0));
	assert_int_not_equal(k.dev, root.dev);
	assert_int_equal(k.mode, S_IFDIR | 01777);
	assert_ok(put_str(T, "/mnt/inside", "x", 0644));
	assert_int_equal(ino_of(T, "/mnt/..", 0), ino_of(T, "/", 0));
	assert_ok(vfs_chdir(T, "/mnt"));
	assert_int_equal(ino_of(T, "..", 0), ino_of(T, "/", 0));
	/* Busy while it is the cwd; not a mount point; unknown type. */
	assert_err(vfs_umount(T, "/mnt", 0), EBUSY);
	assert_ok(vfs_chdir(T, "/"));
	assert_err(vfs_umount(T, "/mnt/inside", 0), EINVAL);
	assert_err(vfs_mount(T, "none", "/", "nosuchfs", 0, NULL), ENODEV);
	assert_err(vfs_mount(U, "none", "/mnt", "tmpfs", 0, NULL), EPERM);
	/* rmdir and rename of a mount point: EBUSY. */
	assert_err(vfs_rmdir(T, AT_FDCWD, "/mnt"), EBUSY);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/mnt", AT_FDCWD, "/mnt2", 0), EBUSY);
	/* Links across mounts: EXDEV. */
	assert_err(vfs_linkat(T, AT_FDCWD, "/mnt/inside", AT_FDCWD, "/l", 0), EXDEV);
	assert_err(vfs_renameat2(T, AT_FDCWD, "/mnt/inside", AT_FDCWD, "/r", 0), EXDEV);
	{
		int fd = xopen(T, "/mnt/inside", O_RDONLY, 0);

		assert_err(vfs_umount(T, "/mnt", 0), EBUSY);
		assert_ok(close_fd(T->files, fd));
	}
	assert_ok(vfs_umount(T, "/mnt", 0));
	assert_ok(st(T, "/mnt/hidden", &k, 0));
	assert_int_equal(ino_of(T, "/mnt", 0), mnt_ino);
	assert_err(vfs_umount(T, "/", 0), EINVAL);
}

static void read_only_mount(void **state)
{
	struct file *f;

	(void)state;
	mk("/ro");
	assert_ok(vfs_mount(T, "none", "/ro", "ramfs", 1 /* MS_RDONLY */, NULL));
	assert_err(vfs_mkdirat(T, AT_FDCWD, "/ro/d", 0755), EROFS);
	assert_err(vfs_openat(T, AT_FDCWD, "/ro/f", O_WRONLY | O_CREAT, 0644, &f), EROFS);
	assert_ok(vfs_openat(T, AT_FDCWD, "/ro", O_RDONLY | O_DIRECTORY, 0, &f));
	fput(f);
	assert_err(vfs_faccessat(T, AT_FDCWD, "/ro", W_OK, 0), EROFS);
	assert_ok(vfs_umount(T, "/ro", 0));
}

static void lookup_for_kernel_users(void **state)
{
	struct path p;

	(void)state;
	mk("/x");
	assert_ok(vfs_path_lookupat(T, AT_FDCWD, "/x", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p));
	assert_true(S_ISDIR(p.dentry->d_inode->i_mode));
	path_put(&p);
	assert_err(vfs_path_lookupat(T, AT_FDCWD, "/y", LOOKUP_FOLLOW, &p), ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(absolute_relative_and_dirfd),
		FS_TEST(dot_and_dotdot),
		FS_TEST(missing_and_not_directory),
		FS_TEST(name_too_long),
		FS_TEST(symlinks_followed_and_not),
		FS_TEST(symlink_loops_and_limit),
		FS_TEST(open_lookup_flags),
		FS_TEST(search_permission),
		FS_TEST(mounts_are_crossed_both_ways),
		FS_TEST(read_only_mount),
		FS_TEST(lookup_for_kernel_users),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
