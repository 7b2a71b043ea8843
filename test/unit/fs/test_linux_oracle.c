/*
 * Differential test: linux_oracle.py runs a few thousand random
 * file-system calls on the build machine's Linux (tmpfs, chroot, root)
 * and prints each result; here the same calls run on Tern's VFS and
 * every result (errno, or what stat/readlink saw) must be the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/dirent.h>
#include "fs_test.h"

static const int open_flags[] = {
	O_RDONLY, O_WRONLY | O_CREAT, O_RDWR | O_CREAT | O_EXCL,
	O_RDONLY | O_DIRECTORY, O_RDONLY | O_NOFOLLOW, O_WRONLY | O_TRUNC,
	O_RDWR | O_CREAT | O_TRUNC, O_RDONLY | O_CREAT | O_NOFOLLOW,
	O_WRONLY | O_APPEND, O_RDONLY | O_DIRECTORY | O_NOFOLLOW,
};

static void describe(char *out, size_t size, const struct kstat *k)
{
	if (S_ISDIR(k->mode))
		snprintf(out, size, "0 %o %u", k->mode, k->nlink);
	else
		snprintf(out, size, "0 %o %u %lld", k->mode, k->nlink, (long long)k->size);
}

static const u32 ids[] = { 0, 1000, (u32)-1 };

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "0 name name ..." sorted, without "." and "..", as os.listdir(). */
static int list_dir(const char *p, char *res, size_t size)
{
	static char names[256][NAME_MAX + 1];
	char *sorted[256], buf[512];
	struct file *f;
	int n = 0, err;
	ssize_t got;
	size_t len;

	err = vfs_openat(T, AT_FDCWD, p, O_RDONLY | O_DIRECTORY, 0, &f);
	if (err)
		return err;
	while ((got = vfs_getdents64(f, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < got;) {
			struct linux_dirent64 *de = (void *)(buf + off);

			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && n < 256) {
				snprintf(names[n], sizeof(names[n]), "%s", de->d_name);
				sorted[n] = names[n];
				n++;
			}
			off += de->d_reclen;
		}
	}
	fput(f);
	if (got < 0)
		return (int)got;
	qsort(sorted, (size_t)n, sizeof(sorted[0]), cmp_names);
	len = (size_t)snprintf(res, size, "0");
	for (int i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(res + len, size - len, " %s", sorted[i]);
	return 0;
}

/* Linux would wait in open(2) for a FIFO's other end: both sides skip. */
static bool is_fifo(const char *p)
{
	struct kstat k;

	return (!st(T, p, &k, AT_SYMLINK_NOFOLLOW) && S_ISFIFO(k.mode)) ||
	       (!st(T, p, &k, 0) && S_ISFIFO(k.mode));
}

static void run(const char *op, const char *p1, const char *p2, long n, char *res, size_t size)
{
	struct vfs_ctx c = *T, *saved = T;
	struct kstat k;
	struct file *f;
	long r = 0;
	char buf[256];

	/* "user:op": the same task (cwd, umask) with uid/gid 1000's rights. */
	if (!strncmp(op, "user:", 5)) {
		c.cred = &user_cred;
		T = &c;
		run(op + 5, p1, p2, n, res, size);
		T = saved;
		return;
	}

	if (!strcmp(op, "mkdir"))
		r = vfs_mkdirat(T, AT_FDCWD, p1, 0755);
	else if (!strcmp(op, "rmdir") || !strcmp(op, "unlinkdir"))
		r = vfs_unlinkat(T, AT_FDCWD, p1, AT_REMOVEDIR);
	else if (!strcmp(op, "unlink"))
		r = vfs_unlinkat(T, AT_FDCWD, p1, 0);
	else if (!strcmp(op, "link"))
		r = vfs_linkat(T, AT_FDCWD, p1, AT_FDCWD, p2, 0);
	else if (!strcmp(op, "linkf"))
		r = vfs_linkat(T, AT_FDCWD, p1, AT_FDCWD, p2, AT_SYMLINK_FOLLOW);
	else if (!strcmp(op, "symlink"))
		r = vfs_symlinkat(T, p2, AT_FDCWD, p1);
	else if (!strcmp(op, "rename"))
		r = vfs_renameat2(T, AT_FDCWD, p1, AT_FDCWD, p2, 0);
	else if (!strcmp(op, "rename2"))
		r = vfs_renameat2(T, AT_FDCWD, p1, AT_FDCWD, p2,
				  n % 2 ? RENAME_EXCHANGE : RENAME_NOREPLACE);
	else if ((!strcmp(op, "open") || !strcmp(op, "write") || !strcmp(op, "read") ||
		  !strcmp(op, "pwrite")) && is_fifo(p1)) {
		snprintf(res, size, "fifo");
		return;
	} else if (!strcmp(op, "open")) {
		r = vfs_openat(T, AT_FDCWD, p1, open_flags[n], 0644, &f);
		if (!r)
			fput(f);
	} else if (!strcmp(op, "stat") || !strcmp(op, "lstat")) {
		r = st(T, p1, &k, op[0] == 'l' ? AT_SYMLINK_NOFOLLOW : 0);
		if (!r) {
			describe(res, size, &k);
			return;
		}
	} else if (!strcmp(op, "readlink")) {
		r = vfs_readlinkat(T, AT_FDCWD, p1, buf, sizeof(buf) - 1);
		if (r >= 0) {
			buf[r] = '\0';
			snprintf(res, size, "0 %s", buf);
			return;
		}
	} else if (!strcmp(op, "chdir"))
		r = vfs_chdir(T, p1);
	else if (!strcmp(op, "getcwd")) {
		r = vfs_getcwd(T, buf, sizeof(buf));
		if (r >= 0) {
			snprintf(res, size, "0 %s", buf);
			return;
		}
	} else if (!strcmp(op, "mkfifo"))
		r = vfs_mknodat(T, AT_FDCWD, p1, S_IFIFO | 0666, 0);
	else if (!strcmp(op, "access")) {
		r = vfs_faccessat(T, AT_FDCWD, p1, (int)(n % 8), AT_EACCESS);
		r = r == -ENOENT || r == -ENOTDIR || r == -ELOOP || r == -ENAMETOOLONG ||
		    r == -EROFS ? -EACCES : r;	/* os.access() says only yes/no */
	} else if (!strcmp(op, "utime"))
		r = vfs_utimensat(T, AT_FDCWD, p1, NULL, 0);
	else if (!strcmp(op, "statat") || !strcmp(op, "mkdirat") || !strcmp(op, "renameat")) {
		int dfd = vfs_openat_fd(T, AT_FDCWD, p1, O_PATH | O_DIRECTORY, 0);

		if (dfd < 0) {
			r = dfd;
		} else {
			if (op[0] == 's') {
				r = vfs_fstatat(T, dfd, p2, &k, AT_SYMLINK_NOFOLLOW);
				if (!r)
					describe(res, size, &k);
			} else if (op[0] == 'm') {
				r = vfs_mkdirat(T, dfd, p2, 0700);
			} else {
				r = vfs_renameat2(T, dfd, p2, dfd, "x", 0);
			}
			close_fd(T->files, dfd);
			if (op[0] == 's' && !r)
				return;
		}
	} else if (!strcmp(op, "read")) {
		r = vfs_openat(T, AT_FDCWD, p1, O_RDONLY, 0, &f);
		if (!r) {
			u32 sum = 0;
			u64 len = 0;
			ssize_t got;

			while ((got = vfs_read(f, buf, sizeof(buf))) > 0) {
				for (ssize_t i = 0; i < got; i++)
					sum += (u32)(len + (u64)i + 1) * (u8)buf[i];
				len += (u64)got;
			}
			fput(f);
			if (got < 0) {
				r = got;
			} else {
				snprintf(res, size, "0 %llu %u", (unsigned long long)len, sum);
				return;
			}
		}
	} else if (!strcmp(op, "pwrite")) {
		r = vfs_openat(T, AT_FDCWD, p1, O_WRONLY, 0, &f);
		if (!r) {
			char data[300];

			memset(data, 'A' + (int)(n % 26), sizeof(data));
			r = vfs_pwrite(f, data, (size_t)(1 + n % 300), (n * 7919) % 20000);
			r = r < 0 ? r : 0;
			fput(f);
		}
	} else if (!strcmp(op, "utimex")) {
		struct timespec64 t[2] = { { 0, n * 1000 }, { 0, n * 1000 } };

		r = vfs_utimensat(T, AT_FDCWD, p1, t, 0);
	} else if (!strcmp(op, "listdir")) {
		r = list_dir(p1, res, size);
		if (!r)
			return;
	} else if (!strcmp(op, "chown"))
		r = vfs_fchownat(T, AT_FDCWD, p1, ids[n % 3], ids[(n / 3) % 3], AT_SYMLINK_NOFOLLOW);
	else if (!strcmp(op, "truncate"))
		r = vfs_truncate(T, p1, n);
	else if (!strcmp(op, "chmod"))
		r = vfs_fchmodat(T, AT_FDCWD, p1, (umode_t)(n & 07777), 0);
	else if (!strcmp(op, "write")) {
		r = vfs_openat(T, AT_FDCWD, p1, O_WRONLY | O_APPEND, 0, &f);
		if (!r) {
			memset(buf, 'x', sizeof(buf));
			r = vfs_write(f, buf, (size_t)(n % 100));
			r = r < 0 ? r : 0;
			fput(f);
		}
	} else
		fail_msg("unknown op %s", op);
	snprintf(res, size, "%ld", r);
}

static void same_results_as_linux(void **state)
{
	char line[1024], res[512];
	FILE *p;
	int lines = 0, diffs = 0, ok = 0;

	(void)state;
	/* FS_ORACLE_SEED / FS_ORACLE_COUNT explore other sequences by hand. */
	const char *seed = getenv("FS_ORACLE_SEED"), *count = getenv("FS_ORACLE_COUNT");
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "python3 test/unit/fs/linux_oracle.py %s %s 2>&1",
		 seed ? seed : "20241", count ? count : "4000");
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		char *f[5], *s = line;
		int i;

		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "SKIP", 4)) {
			pclose(p);
			skip();
		}
		for (i = 0; i < 5; i++) {
			f[i] = s;
			s = strchr(s, '\t');
			if (i < 4) {
				assert_non_null(s);
				*s++ = '\0';
			}
		}
		run(f[0], f[1], f[2], atol(f[3]), res, sizeof(res));
		lines++;
		ok += res[0] == '0';
		if (strcmp(res, f[4])) {
			if (diffs++ < 15)
				print_error("#%d %s %s %s %s: Linux %s, Tern %s\n", lines, f[0],
					    f[1], f[2], f[3], f[4], res);
		}
	}
	assert_int_equal(pclose(p), 0);
	print_message("%d calls, %d succeeded, %d differ\n", lines, ok, diffs);
	assert_int_equal(lines, count ? atoi(count) : 4000);
	assert_int_equal(diffs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(same_results_as_linux),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
