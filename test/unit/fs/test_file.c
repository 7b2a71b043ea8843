/*
 * File contents and attributes: read/write/pread/pwrite/lseek (SEEK_DATA
 * and SEEK_HOLE), sparse files, truncation both ways, O_APPEND, O_TRUNC,
 * O_EXCL, unlink while open, timestamps, chmod/chown/utimensat/access,
 * stat/statx/statfs layouts, getdents64 with small buffers, getcwd.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <uapi/dirent.h>
#include <uapi/mount.h>
#include "fs_test.h"

static struct file *fopen_k(struct vfs_ctx *c, const char *p, int flags, umode_t mode)
{
	struct file *f = NULL;

	assert_ok(vfs_openat(c, AT_FDCWD, p, flags, mode, &f));
	return f;
}

static struct kstat kst(const char *p)
{
	struct kstat k;

	assert_ok(st(T, p, &k, AT_SYMLINK_NOFOLLOW));
	return k;
}

static bool ts_eq(struct timespec64 a, struct timespec64 b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static void read_write_and_positions(void **state)
{
	struct file *f = fopen_k(T, "/f", O_RDWR | O_CREAT, 0644);
	char buf[32];

	(void)state;
	assert_int_equal(vfs_write(f, "hello world", 11), 11);
	assert_int_equal(vfs_read(f, buf, sizeof(buf)), 0);	/* at EOF */
	assert_int_equal(vfs_llseek(f, 6, SEEK_SET), 6);
	assert_int_equal(vfs_read(f, buf, 5), 5);
	assert_memory_equal(buf, "world", 5);
	assert_int_equal(vfs_llseek(f, -5, SEEK_CUR), 6);
	assert_int_equal(vfs_llseek(f, -1, SEEK_END), 10);
	assert_err(vfs_llseek(f, -100, SEEK_CUR), EINVAL);
	assert_err(vfs_llseek(f, 0, 7), EINVAL);
	/* pread/pwrite leave the position alone. */
	assert_int_equal(vfs_pread(f, buf, 5, 0), 5);
	assert_memory_equal(buf, "hello", 5);
	assert_int_equal(vfs_pwrite(f, "J", 1, 0), 1);
	assert_int_equal(vfs_llseek(f, 0, SEEK_CUR), 10);
	assert_err(vfs_pread(f, buf, 1, -1), EINVAL);
	assert_int_equal(vfs_pread(f, buf, 32, 0), 11);
	assert_memory_equal(buf, "Jello world", 11);
	assert_int_equal(vfs_pread(f, buf, 32, 1000), 0);
	fput(f);
	/* Access mode is enforced. */
	f = fopen_k(T, "/f", O_RDONLY, 0);
	assert_err(vfs_write(f, "x", 1), EBADF);
	assert_err(vfs_pwrite(f, "x", 1, 0), EBADF);
	fput(f);
	f = fopen_k(T, "/f", O_WRONLY, 0);
	assert_err(vfs_read(f, buf, 1), EBADF);
	assert_int_equal(vfs_write(f, "", 0), 0);
	fput(f);
	/* Directories: read is EISDIR, fsync works on files. */
	f = fopen_k(T, "/", O_RDONLY, 0);
	assert_err(vfs_read(f, buf, 1), EISDIR);
	fput(f);
	f = fopen_k(T, "/f", O_RDONLY, 0);
	assert_ok(vfs_fsync(f, 0));
	fput(f);
}

static void sparse_files_and_seek_data_hole(void **state)
{
	struct file *f = fopen_k(T, "/sparse", O_RDWR | O_CREAT, 0644);
	char *buf = malloc(3 * 4096), zero[4096] = { 0 };
	struct kstat k;

	(void)state;
	assert_int_equal(vfs_pwrite(f, "A", 1, 0), 1);
	assert_int_equal(vfs_pwrite(f, "B", 1, 3 * 4096 + 10), 1);
	assert_ok(vfs_fstat(f, &k));
	assert_int_equal(k.size, 3 * 4096 + 11);
	assert_int_equal(k.blocks, 2 * 8);	/* two pages, in 512-byte units */
	assert_int_equal(vfs_pread(f, buf, 3 * 4096, 1), 3 * 4096);
	assert_memory_equal(buf, zero, 4095);
	assert_memory_equal(buf + 4095, zero, 4096);
	assert_memory_equal(buf + 3 * 4096 - 1, zero, 1);
	assert_int_equal(vfs_llseek(f, 0, SEEK_DATA), 0);
	assert_int_equal(vfs_llseek(f, 0, SEEK_HOLE), 4096);
	assert_int_equal(vfs_llseek(f, 4096, SEEK_DATA), 3 * 4096);
	assert_int_equal(vfs_llseek(f, 5000, SEEK_HOLE), 5000);
	assert_int_equal(vfs_llseek(f, 3 * 4096 + 1, SEEK_HOLE), 3 * 4096 + 11);
	assert_err(vfs_llseek(f, 3 * 4096 + 11, SEEK_DATA), ENXIO);
	assert_err(vfs_llseek(f, -1, SEEK_DATA), ENXIO);
	/* A write far away uses only the pages it touches. */
	assert_int_equal(vfs_pwrite(f, "Z", 1, (loff_t)1 << 40), 1);
	assert_ok(vfs_fstat(f, &k));
	assert_int_equal(k.size, ((loff_t)1 << 40) + 1);
	assert_int_equal(k.blocks, 3 * 8);
	assert_int_equal(vfs_llseek(f, 4 * 4096, SEEK_DATA), (loff_t)1 << 40);
	assert_int_equal(vfs_pread(f, buf, 2, ((loff_t)1 << 40) - 1), 2);
	assert_memory_equal(buf, "\0Z", 2);
	/* Past the largest offset: EFBIG / EINVAL. */
	assert_err(vfs_pwrite(f, "x", 1, MAX_LFS_FILESIZE), EFBIG);
	fput(f);
	free(buf);
}

static void pages_for_mmap(void **state)
{
	struct file *f = fopen_k(T, "/m", O_RDWR | O_CREAT, 0644);
	struct inode *inode = f->f_inode;
	char *page;

	(void)state;
	assert_int_equal(vfs_pwrite(f, "abc", 3, 4096 + 10), 3);
	page = inode->i_op->get_page(inode, 1, false);
	assert_non_null(page);
	assert_int_equal((uintptr_t)page % 4096, 0);
	assert_memory_equal(page + 10, "abc", 3);
	assert_null(inode->i_op->get_page(inode, 0, false));	/* a hole */
	page = inode->i_op->get_page(inode, 0, true);
	assert_non_null(page);
	page[0] = 'M';		/* a store through a mapping is file data */
	assert_int_equal(vfs_pread(f, page + 100, 1, 0), 1);
	assert_int_equal(page[100], 'M');
	fput(f);
}

static void truncate_both_ways(void **state)
{
	struct file *f = fopen_k(T, "/t", O_RDWR | O_CREAT, 0644);
	char buf[8192];
	struct kstat k;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(vfs_write(f, buf, 6000), 6000);
	assert_ok(vfs_ftruncate(f, 100));
	assert_ok(vfs_fstat(f, &k));
	assert_int_equal(k.size, 100);
	assert_int_equal(k.blocks, 8);
	/* Growing again shows zeros, not the old bytes. */
	assert_ok(vfs_truncate(T, "/t", 5000));
	assert_int_equal(vfs_pread(f, buf, sizeof(buf), 0), 5000);
	assert_int_equal(buf[99], 'x');
	assert_int_equal(buf[100], 0);
	assert_int_equal(buf[4999], 0);
	assert_ok(vfs_ftruncate(f, 0));
	assert_ok(vfs_fstat(f, &k));
	assert_int_equal(k.blocks, 0);
	assert_err(vfs_ftruncate(f, -1), EINVAL);
	fput(f);
	f = fopen_k(T, "/t", O_RDONLY, 0);
	assert_err(vfs_ftruncate(f, 0), EINVAL);
	fput(f);
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/d", 0755));
	assert_err(vfs_truncate(T, "/d", 0), EISDIR);
	assert_err(vfs_truncate(T, "/missing", 0), ENOENT);
	assert_err(vfs_truncate(U, "/t", 0), EACCES);
	assert_err(vfs_truncate(T, "/t", -1), EINVAL);
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/fifo", S_IFIFO | 0666, 0));
	assert_err(vfs_truncate(T, "/fifo", 0), EINVAL);
}

static void append_trunc_excl(void **state)
{
	struct file *f;
	char buf[32];
	int fd;

	(void)state;
	assert_ok(put_str(T, "/f", "abc", 0644));
	f = fopen_k(T, "/f", O_WRONLY | O_APPEND, 0);
	assert_int_equal(vfs_llseek(f, 0, SEEK_SET), 0);
	assert_int_equal(vfs_write(f, "de", 2), 2);
	assert_int_equal(vfs_llseek(f, 0, SEEK_CUR), 5);
	/* pwrite(2) BUGS: with O_APPEND Linux appends whatever the offset. */
	assert_int_equal(vfs_pwrite(f, "f", 1, 0), 1);
	fput(f);
	assert_int_equal(get_str(T, "/f", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "abcdef");
	/* O_TRUNC empties; O_EXCL refuses an existing name (even a link). */
	f = fopen_k(T, "/f", O_RDWR | O_TRUNC, 0);
	fput(f);
	assert_int_equal(kst("/f").size, 0);
	assert_err(vfs_openat(T, AT_FDCWD, "/f", O_RDWR | O_CREAT | O_EXCL, 0644, &f), EEXIST);
	assert_ok(vfs_symlinkat(T, "target", AT_FDCWD, "/dangling"));
	assert_err(vfs_openat(T, AT_FDCWD, "/dangling", O_RDWR | O_CREAT | O_EXCL, 0644, &f),
		   EEXIST);
	/* Without O_EXCL, O_CREAT through a dangling link creates its target. */
	f = fopen_k(T, "/dangling", O_RDWR | O_CREAT, 0600);
	fput(f);
	assert_true(S_ISREG(kst("/target").mode));
	assert_err(vfs_openat(T, AT_FDCWD, "/dangling", O_RDWR | O_CREAT | O_NOFOLLOW, 0644, &f),
		   ELOOP);
	/* A creator may write its new 0444 file; a later open may not. */
	fd = xopen(U, "/tmpf", O_RDWR | O_CREAT, 0444);
	assert_err(fd, EACCES);	/* U cannot write into root's "/" */
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/", 0777, 0));
	fd = xopen(U, "/tmpf", O_RDWR | O_CREAT, 0444);
	assert_true(fd >= 0);
	assert_int_equal(fd_write(U, fd, "ok", 2), 2);
	assert_ok(close_fd(U->files, fd));
	assert_err(xopen(U, "/tmpf", O_RDWR, 0), EACCES);
	assert_err(xopen(U, "/f", O_WRONLY, 0), EACCES);
	assert_true((fd = xopen(U, "/f", O_RDONLY, 0)) >= 0);
	assert_ok(close_fd(U->files, fd));
	/* O_TMPFILE is not supported yet. */
	assert_err(vfs_openat(T, AT_FDCWD, "/", O_RDWR | O_TMPFILE, 0600, &f), EOPNOTSUPP);
}

static void unlink_while_open(void **state)
{
	struct file *f;
	char buf[8];
	struct kstat k;
	long live;

	(void)state;
	assert_ok(put_str(T, "/f", "abc", 0644));
	f = fopen_k(T, "/f", O_RDWR, 0);
	live = host_live_allocations();
	assert_ok(vfs_unlinkat(T, AT_FDCWD, "/f", 0));
	assert_err(st(T, "/f", &k, 0), ENOENT);
	/* The data lives until the last close. */
	assert_int_equal(vfs_llseek(f, 0, SEEK_END), 3);
	assert_int_equal(vfs_write(f, "def", 3), 3);
	assert_int_equal(vfs_pread(f, buf, sizeof(buf), 0), 6);
	assert_memory_equal(buf, "abcdef", 6);
	assert_ok(vfs_fstat(f, &k));
	assert_int_equal(k.nlink, 0);
	/* A new file of the same name is a different inode. */
	assert_ok(put_str(T, "/f", "new", 0644));
	assert_int_not_equal(kst("/f").ino, k.ino);
	fput(f);
	/* Closing freed the old inode, its data page and its name. */
	assert_true(host_live_allocations() < live);
}

static void timestamps(void **state)
{
	struct file *f;
	struct kstat a, b, d0, d1;
	char buf[4];

	(void)state;
	host_clock_set(1000, 0);
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/d", 0755));
	host_clock_set(2000, 5);
	assert_ok(put_str(T, "/d/f", "x", 0644));
	a = kst("/d/f");
	assert_int_equal(a.mtime.tv_sec, 2000);
	assert_true(ts_eq(a.atime, a.mtime) && ts_eq(a.ctime, a.mtime));
	d0 = kst("/d");
	assert_int_equal(d0.mtime.tv_sec, 2000);	/* the create touched the dir */
	/* A write changes m/ctime, not atime. */
	host_clock_set(3000, 0);
	f = fopen_k(T, "/d/f", O_WRONLY, 0);
	assert_int_equal(vfs_write(f, "y", 1), 1);
	fput(f);
	b = kst("/d/f");
	assert_int_equal(b.mtime.tv_sec, 3000);
	assert_int_equal(b.ctime.tv_sec, 3000);
	assert_int_equal(b.atime.tv_sec, 2000);
	/* relatime: atime <= mtime, so a read updates it ... */
	host_clock_set(4000, 0);
	assert_int_equal(get_str(T, "/d/f", buf, sizeof(buf)), 1);
	assert_int_equal(kst("/d/f").atime.tv_sec, 4000);
	/* ... but not again while it is newer than m/ctime and under a day. */
	host_clock_set(5000, 0);
	assert_int_equal(get_str(T, "/d/f", buf, sizeof(buf)), 1);
	assert_int_equal(kst("/d/f").atime.tv_sec, 4000);
	host_clock_set(4000 + 86400, 0);
	assert_int_equal(get_str(T, "/d/f", buf, sizeof(buf)), 1);
	assert_int_equal(kst("/d/f").atime.tv_sec, 4000 + 86400);
	/* chmod changes only ctime. */
	host_clock_set(100000, 0);
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/d/f", 0600, 0));
	b = kst("/d/f");
	assert_int_equal(b.ctime.tv_sec, 100000);
	assert_int_equal(b.mtime.tv_sec, 3000);
	/* link: inode ctime, dir m/ctime; unlink the same. */
	host_clock_set(200000, 0);
	assert_ok(vfs_linkat(T, AT_FDCWD, "/d/f", AT_FDCWD, "/d/g", 0));
	assert_int_equal(kst("/d/f").ctime.tv_sec, 200000);
	d1 = kst("/d");
	assert_int_equal(d1.mtime.tv_sec, 200000);
	assert_int_equal(d1.ctime.tv_sec, 200000);
	host_clock_set(300000, 0);
	assert_ok(vfs_unlinkat(T, AT_FDCWD, "/d/g", 0));
	assert_int_equal(kst("/d/f").ctime.tv_sec, 300000);
	assert_int_equal(kst("/d").mtime.tv_sec, 300000);
	/* rename: both dirs and the inode's ctime. */
	host_clock_set(400000, 0);
	assert_ok(vfs_renameat2(T, AT_FDCWD, "/d/f", AT_FDCWD, "/f", 0));
	assert_int_equal(kst("/f").ctime.tv_sec, 400000);
	assert_int_equal(kst("/f").mtime.tv_sec, 3000);
	assert_int_equal(kst("/d").mtime.tv_sec, 400000);
	assert_int_equal(kst("/").mtime.tv_sec, 400000);
	/* O_TRUNC and ftruncate set m/ctime. */
	host_clock_set(500000, 0);
	fput(fopen_k(T, "/f", O_WRONLY | O_TRUNC, 0));
	assert_int_equal(kst("/f").mtime.tv_sec, 500000);
}

static void utimensat_rules(void **state)
{
	struct timespec64 t[2] = { { 111, 1 }, { 222, 2 } };
	struct kstat k;

	(void)state;
	host_clock_set(5000, 0);
	assert_ok(put_str(T, "/f", "", 0644));
	host_clock_set(6000, 0);
	assert_ok(vfs_utimensat(T, AT_FDCWD, "/f", t, 0));
	k = kst("/f");
	assert_int_equal(k.atime.tv_sec, 111);
	assert_int_equal(k.atime.tv_nsec, 1);
	assert_int_equal(k.mtime.tv_sec, 222);
	assert_int_equal(k.ctime.tv_sec, 6000);
	/* UTIME_OMIT keeps, UTIME_NOW takes the clock. */
	t[0].tv_nsec = UTIME_OMIT;
	t[1].tv_nsec = UTIME_NOW;
	host_clock_set(7000, 0);
	assert_ok(vfs_utimensat(T, AT_FDCWD, "/f", t, 0));
	k = kst("/f");
	assert_int_equal(k.atime.tv_sec, 111);
	assert_int_equal(k.mtime.tv_sec, 7000);
	assert_ok(vfs_utimensat(T, AT_FDCWD, "/f", NULL, 0));
	assert_int_equal(kst("/f").atime.tv_sec, 7000);
	t[0].tv_nsec = 1000000000;
	assert_err(vfs_utimensat(T, AT_FDCWD, "/f", t, 0), EINVAL);
	t[0].tv_nsec = -1;
	assert_err(vfs_utimensat(T, AT_FDCWD, "/f", t, 0), EINVAL);
	assert_err(vfs_utimensat(T, AT_FDCWD, "/f", NULL, 0x1), EINVAL);
	/* Others: explicit times EPERM; "now" needs write permission. */
	t[0].tv_nsec = 0;
	t[1].tv_nsec = 0;
	assert_err(vfs_utimensat(U, AT_FDCWD, "/f", t, 0), EPERM);
	assert_err(vfs_utimensat(U, AT_FDCWD, "/f", NULL, 0), EACCES);
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/f", 0666, 0));
	assert_ok(vfs_utimensat(U, AT_FDCWD, "/f", NULL, 0));
	/* On the link itself with AT_SYMLINK_NOFOLLOW. */
	assert_ok(vfs_symlinkat(T, "f", AT_FDCWD, "/l"));
	assert_ok(vfs_utimensat(T, AT_FDCWD, "/l", t, AT_SYMLINK_NOFOLLOW));
	assert_int_equal(kst("/l").mtime.tv_sec, 222);
	assert_int_equal(kst("/f").mtime.tv_sec, 7000);
	/* NULL path: the dirfd itself (futimens). */
	{
		int fd = xopen(T, "/f", O_RDONLY, 0);

		assert_ok(vfs_utimensat(T, fd, NULL, t, 0));
		assert_int_equal(kst("/f").mtime.tv_sec, 222);
		assert_ok(close_fd(T->files, fd));
		assert_err(vfs_utimensat(T, fd, NULL, t, 0), EBADF);
	}
}

static void chmod_chown_rules(void **state)
{
	struct cred member = user_cred;
	struct vfs_ctx *m;

	(void)state;
	assert_ok(put_str(T, "/f", "", 0644));
	assert_err(vfs_fchmodat(U, AT_FDCWD, "/f", 0777, 0), EPERM);
	assert_err(vfs_fchownat(U, AT_FDCWD, "/f", 1000, (u32)-1, 0), EPERM);
	assert_ok(vfs_fchownat(T, AT_FDCWD, "/f", 1000, 1000, 0));
	assert_int_equal(kst("/f").uid, 1000);
	/* The owner sets modes; S_ISGID only if in the file's group. */
	assert_ok(vfs_fchmodat(U, AT_FDCWD, "/f", 02755, 0));
	assert_int_equal(kst("/f").mode, S_IFREG | 02755);
	assert_ok(vfs_fchownat(T, AT_FDCWD, "/f", (u32)-1, 77, 0));
	assert_int_equal(kst("/f").mode, S_IFREG | 0755);	/* chown dropped setgid */
	assert_ok(vfs_fchmodat(U, AT_FDCWD, "/f", 02755, 0));
	assert_int_equal(kst("/f").mode, S_IFREG | 0755);	/* not a member of 77 */
	/* The owner may give the file to a group it is in, not another. */
	assert_err(vfs_fchownat(U, AT_FDCWD, "/f", (u32)-1, 78, 0), EPERM);
	member.ngroups = 1;
	member.groups[0] = 78;
	m = ctx_new(&member);
	assert_ok(vfs_fchownat(m, AT_FDCWD, "/f", (u32)-1, 78, 0));
	assert_int_equal(kst("/f").gid, 78);
	ctx_free(m);
	/* chown clears set-user-ID, even for root. */
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/f", 04755, 0));
	assert_ok(vfs_fchownat(T, AT_FDCWD, "/f", 0, 0, 0));
	assert_int_equal(kst("/f").mode, S_IFREG | 0755);
	/* AT_SYMLINK_NOFOLLOW: chown the link, chmod it is EOPNOTSUPP. */
	assert_ok(vfs_symlinkat(T, "f", AT_FDCWD, "/l"));
	assert_ok(vfs_fchownat(T, AT_FDCWD, "/l", 5, 5, AT_SYMLINK_NOFOLLOW));
	assert_int_equal(kst("/l").uid, 5);
	assert_int_equal(kst("/f").uid, 0);
	assert_err(vfs_fchmodat(T, AT_FDCWD, "/l", 0600, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP);
	assert_err(vfs_fchmodat(T, AT_FDCWD, "/f", 0600, 0x4000), EINVAL);
}

static void access_rules(void **state)
{
	struct cred setuid_root = { .uid = 1000, .gid = 1000, .euid = 0, .egid = 0,
				    .fsuid = 0, .fsgid = 0 };
	struct vfs_ctx *s;

	(void)state;
	assert_ok(put_str(T, "/secret", "", 0600));
	assert_ok(put_str(T, "/plain", "", 0644));
	assert_ok(put_str(T, "/prog", "", 0100));
	assert_ok(vfs_faccessat(T, AT_FDCWD, "/secret", R_OK | W_OK, 0));
	assert_err(vfs_faccessat(T, AT_FDCWD, "/plain", X_OK, 0), EACCES);
	assert_ok(vfs_faccessat(T, AT_FDCWD, "/prog", X_OK, 0));
	assert_ok(vfs_faccessat(T, AT_FDCWD, "/", X_OK, 0));
	assert_err(vfs_faccessat(U, AT_FDCWD, "/secret", R_OK, 0), EACCES);
	assert_ok(vfs_faccessat(U, AT_FDCWD, "/plain", R_OK | F_OK, 0));
	assert_err(vfs_faccessat(U, AT_FDCWD, "/plain", W_OK, 0), EACCES);
	assert_err(vfs_faccessat(U, AT_FDCWD, "/missing", F_OK, 0), ENOENT);
	assert_err(vfs_faccessat(T, AT_FDCWD, "/plain", 8, 0), EINVAL);
	assert_err(vfs_faccessat(T, AT_FDCWD, "/plain", R_OK, 0x4), EINVAL);
	/* access(2) asks with the real ids; AT_EACCESS with the effective. */
	s = ctx_new(&setuid_root);
	assert_err(vfs_faccessat(s, AT_FDCWD, "/secret", R_OK, 0), EACCES);
	assert_ok(vfs_faccessat(s, AT_FDCWD, "/secret", R_OK, AT_EACCESS));
	ctx_free(s);
}

static void stat_layouts(void **state)
{
	struct kstat k;
	struct stat s;
	struct statx x;
	unsigned char raw[sizeof(struct statx)];

	(void)state;
	host_clock_set(1234, 5678);
	assert_ok(put_str(T, "/f", "12345", 0640));
	assert_ok(vfs_fchownat(T, AT_FDCWD, "/f", 7, 8, 0));
	assert_ok(st(T, "/f", &k, 0));
	memset(&s, 0xee, sizeof(s));
	kstat_to_stat(&k, &s);
	assert_int_equal(s.st_mode, S_IFREG | 0640);
	assert_int_equal(s.st_size, 5);
	assert_int_equal(s.st_nlink, 1);
	assert_int_equal(s.st_uid, 7);
	assert_int_equal(s.st_gid, 8);
	assert_int_equal(s.st_blksize, 4096);
	assert_int_equal(s.st_blocks, 8);
	assert_int_equal(s.st_mtime, 1234);
	assert_int_equal(s.st_mtime_nsec, 5678);
	assert_int_equal(s.st_ino, k.ino);
	assert_int_equal(s.__pad0, 0);
	assert_int_equal(s.__reserved[0] | s.__reserved[1] | s.__reserved[2], 0);
	memset(&x, 0xee, sizeof(x));
	kstat_to_statx(&k, STATX_BASIC_STATS, &x);
	assert_int_equal(x.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	assert_int_equal(x.stx_mode, S_IFREG | 0640);
	assert_int_equal(x.stx_size, 5);
	assert_int_equal(x.stx_mtime.tv_sec, 1234);
	assert_int_equal(x.stx_mtime.tv_nsec, 5678);
	assert_int_equal(x.stx_mtime.__reserved, 0);
	assert_int_equal(x.__spare0[0], 0);
	memcpy(raw, &x, sizeof(x));
	for (size_t i = offsetof(struct statx, __spare3); i < sizeof(x); i++)
		assert_int_equal(raw[i], 0);
	/* A device node's rdev in the user encoding. */
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/tty", S_IFCHR | 0620, new_encode_dev(MKDEV(4, 300))));
	assert_ok(st(T, "/tty", &k, 0));
	kstat_to_stat(&k, &s);
	assert_int_equal(s.st_rdev, (300 & 0xff) | (4 << 8) | ((300 & ~0xff) << 12));
	kstat_to_statx(&k, STATX_BASIC_STATS, &x);
	assert_int_equal(x.stx_rdev_major, 4);
	assert_int_equal(x.stx_rdev_minor, 300);
	assert_err(st(T, "/f", &k, 0x6000), EINVAL);
	assert_err(st(T, "/f", &k, 0x1), EINVAL);
}

static void statfs_numbers(void **state)
{
	struct statfs s;
	struct file *f;

	(void)state;
	assert_ok(vfs_statfs(T, "/", &s));
	/* rootfs is a tmpfs of half the (shim's 128 MiB) RAM. */
	assert_int_equal(s.f_type, TMPFS_MAGIC);
	assert_int_equal(s.f_blocks, 32768 / 2);
	assert_int_equal(s.f_files, 32768 / 2);
	assert_int_equal(s.f_bsize, 4096);
	assert_int_equal(s.f_namelen, 255);
	assert_int_equal(s.f_flags & ST_VALID, ST_VALID);
	assert_int_equal(s.f_spare[0] | s.f_spare[3], 0);
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/t", 0755));
	assert_ok(vfs_mount(T, "none", "/t", "tmpfs", MS_NOSUID | MS_NODEV, NULL));
	assert_ok(vfs_statfs(T, "/t", &s));
	assert_int_equal(s.f_type, TMPFS_MAGIC);
	assert_int_equal(s.f_flags & (ST_NOSUID | ST_NODEV), ST_NOSUID | ST_NODEV);
	f = fopen_k(T, "/t", O_RDONLY, 0);
	assert_ok(vfs_fstatfs(f, &s));
	assert_int_equal(s.f_type, TMPFS_MAGIC);
	fput(f);
	/* MS_NODEV: device nodes there cannot be opened (EACCES). */
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/t/null", S_IFCHR | 0666, new_encode_dev(MKDEV(1, 3))));
	assert_err(vfs_openat(T, AT_FDCWD, "/t/null", O_RDONLY, 0, &f), EACCES);
	assert_ok(vfs_umount(T, "/t", 0));
	assert_err(vfs_statfs(T, "/missing", &s), ENOENT);
}

/* Read a whole directory through buffers of `size` bytes. */
static int read_dir(int fd, size_t size, char names[][64], unsigned char *types, int max)
{
	char *buf = malloc(size);
	int n = 0;

	for (;;) {
		struct file *f = fget(T->files, fd);
		ssize_t got = vfs_getdents64(f, buf, size);
		size_t off = 0;

		fput(f);
		assert_true(got >= 0);
		if (got == 0)
			break;
		while (off < (size_t)got) {
			struct linux_dirent64 *de = (void *)(buf + off);
			size_t namelen = strlen(de->d_name);

			assert_int_equal(de->d_reclen % 8, 0);
			assert_true(de->d_reclen >= 19 + namelen + 1);
			for (size_t i = 19 + namelen; i < de->d_reclen; i++)
				assert_int_equal(buf[off + i], 0);	/* zeroed padding */
			assert_true(n < max);
			snprintf(names[n], 64, "%s", de->d_name);
			types[n] = de->d_type;
			n++;
			off += de->d_reclen;
		}
	}
	free(buf);
	return n;
}

static void getdents64_small_buffers(void **state)
{
	static char names[128][64];
	unsigned char types[128];
	char p[64];
	int fd, n, i, seen[60] = { 0 };
	struct file *f;
	char tiny[24];

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/d", 0755));
	for (i = 0; i < 60; i++) {
		snprintf(p, sizeof(p), "/d/entry-%02d", i);
		if (i % 3 == 0)
			assert_ok(vfs_mkdirat(T, AT_FDCWD, p, 0755));
		else if (i % 3 == 1)
			assert_ok(put_str(T, p, "", 0644));
		else
			assert_ok(vfs_symlinkat(T, "x", AT_FDCWD, p));
	}
	fd = xopen(T, "/d", O_RDONLY | O_DIRECTORY, 0);
	/* 32 bytes hold exactly one "entry-NN" record (19 + 9 -> 32). */
	n = read_dir(fd, 32, names, types, 128);
	assert_int_equal(n, 62);
	assert_string_equal(names[0], ".");
	assert_string_equal(names[1], "..");
	assert_int_equal(types[0], DT_DIR);
	for (i = 2; i < n; i++) {
		int k = atoi(names[i] + 6);

		assert_int_equal(seen[k]++, 0);
		assert_int_equal(types[i], k % 3 == 0 ? DT_DIR : k % 3 == 1 ? DT_REG : DT_LNK);
	}
	/* At the end: 0 again.  Rewind with lseek and read with a big buffer. */
	f = fget(T->files, fd);
	assert_int_equal(vfs_getdents64(f, tiny, sizeof(tiny)), 0);
	assert_int_equal(vfs_llseek(f, 0, SEEK_SET), 0);
	/* A buffer too small for one record: EINVAL, position unchanged. */
	assert_err(vfs_getdents64(f, tiny, 16), EINVAL);
	assert_int_equal(vfs_getdents64(f, tiny, sizeof(tiny)), 24);	/* "." */
	assert_err(vfs_llseek(f, 0, SEEK_END), EINVAL);
	assert_int_equal(vfs_llseek(f, 0, SEEK_SET), 0);
	fput(f);
	n = read_dir(fd, 4096, names, types, 128);
	assert_int_equal(n, 62);
	/* Entries removed mid-listing are not shown twice or skipped for others. */
	f = fget(T->files, fd);
	assert_int_equal(vfs_llseek(f, 0, SEEK_SET), 0);
	{
		char buf[256];
		ssize_t got = vfs_getdents64(f, buf, 160);	/* a few entries */

		assert_true(got > 0);
	}
	fput(f);
	for (i = 0; i < 10; i++) {
		snprintf(p, sizeof(p), "/d/entry-%02d", i);
		assert_ok(vfs_unlinkat(T, AT_FDCWD, p, i % 3 == 0 ? AT_REMOVEDIR : 0));
	}
	assert_ok(put_str(T, "/d/late", "", 0644));
	n = read_dir(fd, 64, names, types, 128);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++) {
		if (!strcmp(names[i], "late"))
			continue;
		assert_true(atoi(names[i] + 6) >= 10);
		assert_int_equal(seen[atoi(names[i] + 6)]++, 0);
	}
	for (i = 10; i < 60; i++)
		assert_int_equal(seen[i], 1);
	assert_ok(close_fd(T->files, fd));
	/* Not a directory: ENOTDIR. */
	assert_ok(put_str(T, "/f", "", 0644));
	f = fopen_k(T, "/f", O_RDONLY, 0);
	assert_err(vfs_getdents64(f, tiny, sizeof(tiny)), ENOTDIR);
	fput(f);
}

static void cwd_calls(void **state)
{
	char buf[64];
	int fd;

	(void)state;
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "/");
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/a", 0755));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/a/bb", 0755));
	assert_ok(vfs_chdir(T, "a/bb"));
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 6);
	assert_string_equal(buf, "/a/bb");
	assert_int_equal(vfs_getcwd(T, buf, 6), 6);
	assert_err(vfs_getcwd(T, buf, 5), ERANGE);
	assert_err(vfs_getcwd(T, buf, 0), ERANGE);
	/* Across a mount. */
	assert_ok(vfs_mount(T, "none", "/a/bb", "tmpfs", 0, NULL));
	assert_ok(vfs_chdir(T, "/a/bb"));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "in", 0755));
	assert_ok(vfs_chdir(T, "in"));
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 9);
	assert_string_equal(buf, "/a/bb/in");
	assert_ok(vfs_chdir(T, "/"));
	assert_ok(vfs_umount(T, "/a/bb", 0));
	/* fchdir: directory fds only, with search permission. */
	fd = xopen(T, "/a", O_RDONLY | O_DIRECTORY, 0);
	assert_ok(vfs_fchdir(T, fd));
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 3);
	assert_ok(close_fd(T->files, fd));
	assert_err(vfs_fchdir(T, fd), EBADF);
	assert_ok(put_str(T, "/f", "", 0644));
	fd = xopen(T, "/f", O_RDONLY, 0);
	assert_err(vfs_fchdir(T, fd), ENOTDIR);
	assert_ok(close_fd(T->files, fd));
	assert_err(vfs_chdir(T, "/f"), ENOTDIR);
	assert_err(vfs_chdir(T, "/missing"), ENOENT);
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/a", 0700, 0));
	assert_err(vfs_chdir(U, "/a"), EACCES);
	assert_err(vfs_chroot(U, "/"), EPERM);
	/* A cwd outside the root after chroot is "(unreachable)". */
	assert_ok(vfs_chdir(T, "/a/bb"));
	assert_ok(vfs_chroot(T, "/a/bb"));
	assert_ok(vfs_chdir(T, "/"));
	assert_ok(vfs_chroot(T, "/"));
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 2);
	fd = xopen(U, "/", O_RDONLY, 0);
	assert_ok(vfs_fchdir(T, -1) == -EBADF ? 0 : -1);
	assert_ok(close_fd(U->files, fd));
}

static void chroot_unreachable_cwd(void **state)
{
	char buf[64];

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/jail", 0755));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/out", 0755));
	assert_ok(vfs_chdir(T, "/out"));
	assert_ok(vfs_chroot(T, "/jail"));
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 18);
	assert_string_equal(buf, "(unreachable)/out");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(read_write_and_positions),
		FS_TEST(sparse_files_and_seek_data_hole),
		FS_TEST(pages_for_mmap),
		FS_TEST(truncate_both_ways),
		FS_TEST(append_trunc_excl),
		FS_TEST(unlink_while_open),
		FS_TEST(timestamps),
		FS_TEST(utimensat_rules),
		FS_TEST(chmod_chown_rules),
		FS_TEST(access_rules),
		FS_TEST(stat_layouts),
		FS_TEST(statfs_numbers),
		FS_TEST(getdents64_small_buffers),
		FS_TEST(cwd_calls),
		FS_TEST(chroot_unreachable_cwd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
