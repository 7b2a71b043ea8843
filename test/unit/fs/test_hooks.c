/*
 * What other subsystems plug into: the character-device table, the FIFO
 * hook, fcntl(2) status flags, the default poll/ioctl answers, opening a
 * resolved path (exec), and fs_struct copies (fork without CLONE_FS).
 */
#include <string.h>
#include "fs_test.h"

static int opens, releases;

static loff_t kst_size(const struct path *p)
{
	struct kstat k;

	vfs_getattr(p, &k);
	return k.size;
}

static s32 f_writecount_of(const char *path)
{
	struct path p;
	s32 n;

	assert_ok(vfs_path_lookupat(T, AT_FDCWD, path, LOOKUP_FOLLOW, &p));
	n = p.dentry->d_inode->i_writecount;
	path_put(&p);
	return n;
}

static ssize_t zero_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	(void)f;
	memset(buf, 0, n);
	*pos += (loff_t)n;
	return (ssize_t)n;
}

static u32 zero_poll(struct file *f, struct poll_table *pt)
{
	(void)f;
	(void)pt;
	return 0x0001;
}

static long zero_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	(void)f;
	return cmd == 0x1234 ? (long)arg : -ENOTTY;
}

static int zero_release(struct inode *inode, struct file *f)
{
	(void)inode;
	(void)f;
	releases++;
	return 0;
}

static const struct file_operations zero_fops;

static int zero_open(struct inode *inode, struct file *f)
{
	opens++;
	/* A driver's open may pick per-minor operations. */
	f->f_op = &zero_fops;
	f->private_data = inode;
	return MINOR(inode->i_rdev) == 99 ? -ENODEV : 0;
}

static const struct file_operations zero_fops = {
	.read = zero_read,
	.poll = zero_poll,
	.ioctl = zero_ioctl,
	.release = zero_release,
};

static const struct file_operations zero_open_fops = {
	.open = zero_open,
};

static void chrdev_table(void **state)
{
	struct file *f;
	char buf[4] = "xxx";

	(void)state;
	opens = releases = 0;
	assert_ok(register_chrdev_region_fops(1, 5, 1, "zero", &zero_open_fops));
	assert_err(register_chrdev_region_fops(1, 0, 10, "mem", &zero_open_fops), EBUSY);
	assert_ok(register_chrdev_region_fops(1, 90, 10, "more", &zero_open_fops));
	assert_err(register_chrdev_region_fops(1, 0, 0, "none", &zero_open_fops), EINVAL);
	assert_null(chrdev_lookup(MKDEV(1, 6)));
	assert_ptr_equal(chrdev_lookup(MKDEV(1, 5)), &zero_open_fops);
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/zero", S_IFCHR | 0666, new_encode_dev(MKDEV(1, 5))));
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/bad", S_IFCHR | 0666, new_encode_dev(MKDEV(1, 99))));
	assert_ok(vfs_openat(T, AT_FDCWD, "/zero", O_RDWR, 0, &f));
	assert_int_equal(opens, 1);
	assert_int_equal(vfs_read(f, buf, 3), 3);
	assert_memory_equal(buf, "\0\0\0", 3);
	assert_int_equal(vfs_poll(f, NULL), 0x0001);
	assert_int_equal(vfs_ioctl(f, 0x1234, 77), 77);
	assert_err(vfs_write(f, "x", 1), EINVAL);	/* no write method */
	fput(f);
	assert_int_equal(releases, 1);
	/* A failed driver open: the error, and no release. */
	assert_err(vfs_openat(T, AT_FDCWD, "/bad", O_RDONLY, 0, &f), ENODEV);
	assert_int_equal(releases, 1);
	unregister_chrdev_region_fops(1, 5, 1);
	unregister_chrdev_region_fops(1, 90, 10);
	assert_err(vfs_openat(T, AT_FDCWD, "/zero", O_RDWR, 0, &f), ENXIO);
}

static const struct file_operations fake_fifo_fops = {
	.read = zero_read,
};

static void fifo_hook(void **state)
{
	struct file *f;

	(void)state;
	assert_ok(vfs_mknodat(T, AT_FDCWD, "/p", S_IFIFO | 0666, 0));
	assert_err(vfs_openat(T, AT_FDCWD, "/p", O_RDONLY, 0, &f), ENXIO);
	fifo_fops = &fake_fifo_fops;
	assert_ok(vfs_openat(T, AT_FDCWD, "/p", O_RDONLY, 0, &f));
	assert_ptr_equal(f->f_op, &fake_fifo_fops);
	/* FIFOs cannot seek. */
	assert_err(vfs_llseek(f, 0, SEEK_SET), ESPIPE);
	assert_err(vfs_pread(f, NULL, 0, 0), ESPIPE);
	fput(f);
	fifo_fops = NULL;
}

static void fcntl_flags(void **state)
{
	int fd;

	(void)state;
	fd = xopen(T, "/f", O_RDWR | O_CREAT | O_CLOEXEC | O_TRUNC | O_EXCL, 0644);
	/* F_GETFL: no creation flags, no O_CLOEXEC, O_LARGEFILE (64-bit). */
	assert_int_equal(vfs_fcntl(T, fd, F_GETFL, 0), O_RDWR | O_LARGEFILE);
	assert_int_equal(vfs_fcntl(T, fd, F_GETFD, 0), FD_CLOEXEC);
	assert_ok(vfs_fcntl(T, fd, F_SETFD, 0));
	assert_int_equal(vfs_fcntl(T, fd, F_GETFD, 0), 0);
	/* F_SETFL changes only the changeable bits. */
	assert_ok(vfs_fcntl(T, fd, F_SETFL, O_APPEND | O_NONBLOCK | O_WRONLY | O_TRUNC));
	assert_int_equal(vfs_fcntl(T, fd, F_GETFL, 0), O_RDWR | O_LARGEFILE | O_APPEND | O_NONBLOCK);
	assert_int_equal(vfs_fcntl(T, fd, F_DUPFD, 10), 10);
	assert_int_equal(vfs_fcntl(T, fd, F_DUPFD_CLOEXEC, 10), 11);
	assert_int_equal(vfs_fcntl(T, 11, F_GETFD, 0), FD_CLOEXEC);
	assert_err(vfs_fcntl(T, 99, F_GETFL, 0), EBADF);
	assert_err(vfs_fcntl(T, fd, 0x7777, 0), EINVAL);
	/* O_NOATIME only for the owner. */
	{
		struct file *f;
		int ufd;

		assert_ok(vfs_openat(U, AT_FDCWD, "/f", O_RDONLY, 0, &f));
		ufd = fd_alloc_install(U->files, f, U->nofile, false);
		assert_err(vfs_fcntl(U, ufd, F_SETFL, O_NOATIME), EPERM);
		assert_err(vfs_openat(U, AT_FDCWD, "/f", O_RDONLY | O_NOATIME, 0, &f), EPERM);
	}
	/* A regular file without poll is always ready; no ioctls. */
	{
		struct file *f = fget(T->files, fd);

		assert_int_equal(vfs_poll(f, NULL), 0x0145);
		assert_err(vfs_ioctl(f, 0x5401, 0), ENOTTY);
		fput(f);
	}
}

static void o_path_files(void **state)
{
	struct file *f;
	struct kstat k;
	struct statfs sf;
	char buf[4];

	(void)state;
	assert_ok(put_str(T, "/f", "abc", 0644));
	assert_ok(vfs_openat(T, AT_FDCWD, "/f", O_PATH | O_RDWR | O_TRUNC, 0, &f));
	assert_int_equal(kst_size(&f->f_path), 3);	/* O_TRUNC ignored */
	assert_ok(vfs_fstat(f, &k));
	assert_ok(vfs_fstatfs(f, &sf));
	assert_err(vfs_read(f, buf, 1), EBADF);
	assert_err(vfs_write(f, buf, 1), EBADF);
	assert_err(vfs_llseek(f, 0, SEEK_SET), EBADF);
	assert_err(vfs_fchmod(T, f, 0600), EBADF);
	assert_err(vfs_fchown(T, f, 1, 1), EBADF);
	assert_err(vfs_futimens(T, f, NULL), EBADF);
	assert_err(vfs_ftruncate(f, 0), EBADF);
	assert_err(vfs_getdents64(f, buf, sizeof(buf)), EBADF);
	assert_err(vfs_ioctl(f, 1, 0), EBADF);
	assert_int_equal(vfs_poll(f, NULL), 0x0020);
	assert_int_equal(vfs_getfl(f), O_PATH | O_LARGEFILE);
	fput(f);
	/* O_PATH needs no read permission on the file itself. */
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/f", 0, 0));
	assert_ok(vfs_openat(U, AT_FDCWD, "/f", O_PATH, 0, &f));
	fput(f);
}

static void open_resolved_path(void **state)
{
	struct path p;
	struct file *f;
	char buf[8];

	(void)state;
	assert_ok(put_str(T, "/prog", "ELF", 0700));
	assert_ok(vfs_path_lookupat(T, AT_FDCWD, "/prog", LOOKUP_FOLLOW, &p));
	assert_ok(vfs_open_path(&p, O_RDONLY, T->cred, &f));
	assert_int_equal(vfs_read(f, buf, sizeof(buf)), 3);
	fput(f);
	assert_err(vfs_open_path(&p, O_RDONLY, U->cred, &f), EACCES);
	path_put(&p);
}

static void open_for_exec(void **state)
{
	struct file *f;
	char buf[8];

	(void)state;
	assert_ok(put_str(T, "/xonly", "ELF", 0711));
	assert_ok(put_str(T, "/noexec", "ELF", 0644));
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/dir", 0755));
	/* Execute-only: runnable by others, and the loader can read it. */
	assert_ok(vfs_open_exec(U, "/xonly", &f));
	assert_int_equal(vfs_read(f, buf, sizeof(buf)), 3);
	assert_err(vfs_write(f, "x", 1), EBADF);
	fput(f);
	assert_err(xopen(U, "/xonly", O_RDONLY, 0), EACCES);
	assert_err(vfs_open_exec(U, "/noexec", &f), EACCES);
	assert_err(vfs_open_exec(T, "/noexec", &f), EACCES);	/* root needs an x bit */
	assert_err(vfs_open_exec(T, "/dir", &f), EACCES);
	assert_err(vfs_open_exec(T, "/missing", &f), ENOENT);
	/* MS_NOEXEC mounts. */
	assert_ok(vfs_mount(T, "none", "/dir", "tmpfs", 8 /* MS_NOEXEC */, NULL));
	assert_ok(put_str(T, "/dir/prog", "ELF", 0755));
	assert_err(vfs_open_exec(T, "/dir/prog", &f), EACCES);
	assert_ok(vfs_umount(T, "/dir", 0));
}

static void text_busy_both_ways(void **state)
{
	struct file *prog, *w;

	(void)state;
	assert_ok(put_str(T, "/prog", "ELF", 0755));
	assert_ok(vfs_open_exec(T, "/prog", &prog));
	/* Running: no opening for writing, truncating open included. */
	assert_err(vfs_openat(T, AT_FDCWD, "/prog", O_WRONLY, 0, &w), ETXTBSY);
	assert_err(vfs_openat(T, AT_FDCWD, "/prog", O_RDWR | O_TRUNC, 0, &w), ETXTBSY);
	assert_ok(vfs_openat(T, AT_FDCWD, "/prog", O_RDONLY, 0, &w));
	fput(w);
	fput(prog);
	/* Open for writing: cannot be run; after close it can. */
	assert_ok(vfs_openat(T, AT_FDCWD, "/prog", O_WRONLY, 0, &w));
	assert_err(vfs_open_exec(T, "/prog", &prog), ETXTBSY);
	fput(w);
	assert_ok(vfs_open_exec(T, "/prog", &prog));
	fput(prog);
	assert_int_equal(f_writecount_of("/prog"), 0);
}

static void write_drops_set_id_bits(void **state)
{
	struct kstat k;
	int fd;

	(void)state;
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/", 0777, 0));
	assert_ok(put_str(U, "/suid", "x", 0755));
	assert_ok(vfs_fchmodat(U, AT_FDCWD, "/suid", 06755, 0));
	fd = xopen(U, "/suid", O_WRONLY, 0);
	assert_int_equal(fd_write(U, fd, "y", 1), 1);
	assert_ok(close_fd(U->files, fd));
	assert_ok(st(T, "/suid", &k, 0));
	assert_int_equal(k.mode, S_IFREG | 0755);
	/* Root's writes keep them (CAP_FSETID). */
	assert_ok(vfs_fchmodat(T, AT_FDCWD, "/suid", 06755, 0));
	assert_ok(put_str(T, "/suid", "z", 0755));
	assert_ok(st(T, "/suid", &k, 0));
	assert_int_equal(k.mode, S_IFREG | 06755);
}

static void fs_struct_copies(void **state)
{
	struct vfs_ctx child;
	char buf[32];

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/home", 0755));
	assert_ok(vfs_chdir(T, "/home"));
	vfs_umask(T, 077);
	child = *T;
	child.fs = copy_fs_struct(T->fs);
	assert_non_null(child.fs);
	assert_int_equal(vfs_getcwd(&child, buf, sizeof(buf)), 6);
	assert_ok(vfs_chdir(&child, "/"));
	/* The parent's cwd is its own; the umask was copied. */
	assert_int_equal(vfs_getcwd(T, buf, sizeof(buf)), 6);
	assert_int_equal(vfs_umask(&child, 022), 077);
	assert_int_equal(vfs_umask(T, 022), 077);
	fs_struct_put(child.fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(chrdev_table),
		FS_TEST(fifo_hook),
		FS_TEST(fcntl_flags),
		FS_TEST(o_path_files),
		FS_TEST(open_resolved_path),
		FS_TEST(open_for_exec),
		FS_TEST(text_busy_both_ways),
		FS_TEST(write_drops_set_id_bits),
		FS_TEST(fs_struct_copies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
