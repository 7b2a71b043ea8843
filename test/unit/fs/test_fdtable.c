/*
 * The fd table: lowest-free allocation, close, dup(2), dup2(2) (onto
 * itself, onto an open fd), dup3(2) (EINVAL cases, O_CLOEXEC), fcntl
 * F_DUPFD/F_GETFD/F_SETFD, RLIMIT_NOFILE -> EMFILE, growth, fork copies,
 * execve close-on-exec, and that files are shared, not copied.
 */
#include <string.h>
#include "fs_test.h"

static int open_f(struct vfs_ctx *c)
{
	return xopen(c, "/f", O_RDWR | O_CREAT, 0644);
}

static void lowest_free_and_close(void **state)
{
	int a, b, c;

	(void)state;
	a = open_f(T);
	b = open_f(T);
	c = open_f(T);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_int_equal(c, 2);
	assert_ok(close_fd(T->files, 1));
	assert_err(close_fd(T->files, 1), EBADF);
	assert_err(close_fd(T->files, -1), EBADF);
	assert_err(close_fd(T->files, 100000), EBADF);
	assert_int_equal(open_f(T), 1);
	assert_ok(close_fd(T->files, 0));
	assert_int_equal(open_f(T), 0);
	assert_int_equal(open_f(T), 3);
	assert_int_equal(files_count_open(T->files), 4);
	/* A failed open does not use up an fd. */
	assert_err(xopen(T, "/missing", O_RDONLY, 0), ENOENT);
	assert_int_equal(open_f(T), 4);
}

static void dup_family(void **state)
{
	char buf[4];
	int a, d;

	(void)state;
	a = open_f(T);
	assert_int_equal(fd_write(T, a, "xyz", 3), 3);
	d = do_dup(T->files, a, T->nofile);
	assert_int_equal(d, 1);
	/* Duplicates share the file (and its offset). */
	{
		struct file *f1 = fget(T->files, a), *f2 = fget(T->files, d);

		assert_ptr_equal(f1, f2);
		fput(f1);
		fput(f2);
	}
	{
		struct file *f = fget(T->files, d);

		assert_int_equal(vfs_llseek(f, 1, SEEK_SET), 1);
		fput(f);
	}
	assert_int_equal(fd_read(T, a, buf, 2), 2);
	assert_memory_equal(buf, "yz", 2);
	assert_err(do_dup(T->files, 42, T->nofile), EBADF);
	/* dup2 onto itself: a validity check only. */
	assert_int_equal(do_dup2(T->files, a, a, T->nofile), a);
	assert_err(do_dup2(T->files, 42, 42, T->nofile), EBADF);
	/* dup2 onto an open fd closes it silently; onto a far fd grows. */
	assert_int_equal(open_f(T), 2);
	assert_int_equal(do_dup2(T->files, a, 2, T->nofile), 2);
	assert_int_equal(do_dup2(T->files, a, 500, T->nofile), 500);
	assert_err(do_dup2(T->files, a, 1024, T->nofile), EBADF);	/* >= nofile */
	assert_err(do_dup2(T->files, a, -1, T->nofile), EBADF);
	assert_err(do_dup2(T->files, 77, 3, T->nofile), EBADF);
	/* dup3: same fd EINVAL, flags other than O_CLOEXEC EINVAL. */
	assert_err(do_dup3(T->files, a, a, 0, T->nofile), EINVAL);
	assert_err(do_dup3(T->files, a, 5, O_NONBLOCK, T->nofile), EINVAL);
	assert_int_equal(do_dup3(T->files, a, 5, O_CLOEXEC, T->nofile), 5);
	assert_int_equal(get_close_on_exec(T->files, 5), FD_CLOEXEC);
	/* dup2 and dup clear close-on-exec on the new fd. */
	assert_int_equal(do_dup2(T->files, 5, 6, T->nofile), 6);
	assert_int_equal(get_close_on_exec(T->files, 6), 0);
	assert_int_equal(do_dup3(T->files, a, 5, 0, T->nofile), 5);
	assert_int_equal(get_close_on_exec(T->files, 5), 0);
	/* F_DUPFD: lowest >= arg; arg >= nofile is EINVAL. */
	assert_int_equal(do_dupfd(T->files, a, 10, false, T->nofile), 10);
	assert_int_equal(do_dupfd(T->files, a, 10, true, T->nofile), 11);
	assert_int_equal(get_close_on_exec(T->files, 11), FD_CLOEXEC);
	assert_int_equal(do_dupfd(T->files, a, 0, false, T->nofile), 3);
	assert_err(do_dupfd(T->files, a, 1024, false, T->nofile), EINVAL);
	assert_err(do_dupfd(T->files, 99, 0, false, T->nofile), EBADF);
}

static void cloexec_bits(void **state)
{
	int a, b, c;

	(void)state;
	a = xopen(T, "/f", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	b = open_f(T);
	assert_int_equal(get_close_on_exec(T->files, a), FD_CLOEXEC);
	assert_int_equal(get_close_on_exec(T->files, b), 0);
	assert_ok(set_close_on_exec(T->files, b, true));
	assert_ok(set_close_on_exec(T->files, a, false));
	assert_int_equal(get_close_on_exec(T->files, a), 0);
	assert_int_equal(get_close_on_exec(T->files, b), FD_CLOEXEC);
	assert_err(get_close_on_exec(T->files, 9), EBADF);
	assert_err(set_close_on_exec(T->files, 9, true), EBADF);
	/* A closed fd's bit does not leak to the next user of the number. */
	assert_ok(close_fd(T->files, b));
	c = open_f(T);
	assert_int_equal(c, b);
	assert_int_equal(get_close_on_exec(T->files, c), 0);
	assert_ok(set_close_on_exec(T->files, c, true));
	do_close_on_exec(T->files);
	assert_int_equal(files_count_open(T->files), 1);
	assert_err(close_fd(T->files, c), EBADF);
	assert_ok(close_fd(T->files, a));
}

static void rlimit_nofile_emfile(void **state)
{
	int i, fd;

	(void)state;
	T->nofile = 5;
	for (i = 0; i < 5; i++)
		assert_int_equal(open_f(T), i);
	assert_err(open_f(T), EMFILE);
	assert_err(do_dup(T->files, 0, T->nofile), EMFILE);
	assert_err(do_dupfd(T->files, 0, 2, false, T->nofile), EMFILE);
	assert_ok(close_fd(T->files, 3));
	assert_int_equal(do_dup(T->files, 0, T->nofile), 3);
	/* Lowering the limit below open fds: they stay, new ones fail. */
	T->nofile = 2;
	assert_err(open_f(T), EMFILE);
	fd = do_dup2(T->files, 0, 4, 1024);
	assert_int_equal(fd, 4);
	/* Growth past the initial table size. */
	T->nofile = 300;
	for (i = 5; i < 300; i++)
		assert_int_equal(open_f(T), i);
	assert_err(open_f(T), EMFILE);
	assert_int_equal(files_count_open(T->files), 300);
	T->nofile = 1024;
}

static void fork_copy_and_share(void **state)
{
	struct files_struct *child;
	struct file *f1, *f2;
	int a, b;

	(void)state;
	a = open_f(T);
	b = xopen(T, "/f", O_RDONLY | O_CLOEXEC, 0);
	assert_ok(dup_fd(T->files, &child));
	/* Same files, same close-on-exec bits, independent tables. */
	f1 = fget(T->files, a);
	f2 = fget(child, a);
	assert_ptr_equal(f1, f2);
	fput(f1);
	fput(f2);
	assert_int_equal(get_close_on_exec(child, b), FD_CLOEXEC);
	assert_ok(close_fd(child, a));
	assert_non_null((f1 = fget(T->files, a)));
	fput(f1);
	/* Offsets are shared through the file. */
	assert_int_equal(fd_write(T, a, "abc", 3), 3);
	f2 = fget(child, b);
	assert_non_null(f2);
	fput(f2);
	/* The child's table is freed when its last user drops it. */
	files_get(child);
	files_put(child);
	assert_int_equal(files_count_open(child), 1);
	files_put(child);
	/* The parent's files survive the child. */
	assert_int_equal(fd_write(T, a, "d", 1), 1);
}

static void out_of_memory_is_clean(void **state)
{
	int n, fd;
	long before;

	(void)state;
	/* Fail each allocation of an open+dup sequence in turn. */
	for (n = 0; n < 12; n++) {
		before = host_live_allocations();
		host_fail_alloc_after(n);
		fd = xopen(T, "/oom", O_RDWR | O_CREAT, 0644);
		if (fd >= 0) {
			int d = do_dup2(T->files, fd, 700, T->nofile);

			assert_true(d == 700 || d == -ENOMEM);
			if (d == 700)
				assert_ok(close_fd(T->files, d));
			assert_ok(close_fd(T->files, fd));
			assert_ok(vfs_unlinkat(T, AT_FDCWD, "/oom", 0));
		} else {
			/* ramfs answers ENOSPC for "no inode", as Linux's. */
			assert_true(fd == -ENOMEM || fd == -ENOSPC);
			vfs_unlinkat(T, AT_FDCWD, "/oom", 0);
		}
		host_fail_alloc_after(-1);
		/* The table may have grown, nothing else stays allocated. */
		assert_true(host_live_allocations() <= before + 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(lowest_free_and_close),
		FS_TEST(dup_family),
		FS_TEST(cloexec_bits),
		FS_TEST(rlimit_nofile_emfile),
		FS_TEST(fork_copy_and_share),
		FS_TEST(out_of_memory_is_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
