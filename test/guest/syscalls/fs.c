/*
 * fs.c - the file-system namespace and metadata: stat family and statx,
 * access, getdents64, mkdir/rmdir, unlink, rename, link, symlink/readlink,
 * chmod/chown, getcwd/chdir/fchdir, statfs, utimensat.
 */
#include "../check.h"

#include <dirent.h>
#include <linux/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

static int touch(const char *name)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	return close(fd);
}

static void stat_family(void)
{
	struct stat a, b, c;
	int fd = open("st", O_RDWR | O_CREAT, 0640);

	REQUIRE_OK(fd);
	REQUIRE(write(fd, "12345", 5) == 5, "write");
	REQUIRE_OK(stat("st", &a));
	REQUIRE_OK(fstat(fd, &b));
	REQUIRE_OK(fstatat(AT_FDCWD, "st", &c, 0));
	REQUIRE(S_ISREG(a.st_mode) && (a.st_mode & 0777) == 0640,
		"mode %o", a.st_mode);
	REQUIRE(a.st_size == 5 && a.st_nlink == 1 && a.st_uid == 0,
		"size %lld nlink %lu uid %u", (long long)a.st_size,
		(unsigned long)a.st_nlink, a.st_uid);
	REQUIRE(a.st_ino == b.st_ino && a.st_dev == b.st_dev &&
		a.st_ino == c.st_ino, "stat and fstat disagree");
	REQUIRE(a.st_blksize > 0, "st_blksize %ld", (long)a.st_blksize);
	REQUIRE_OK(stat(".", &a));
	REQUIRE(S_ISDIR(a.st_mode), "'.' is not a directory");
	REQUIRE_OK(stat("/dev/null", &a));
	REQUIRE(S_ISCHR(a.st_mode) && major(a.st_rdev) == 1 &&
		minor(a.st_rdev) == 3, "/dev/null is not char 1:3");
}

static void stat_errors(void)
{
	struct stat st;

	REQUIRE_ERR(stat("nothing-here", &st), ENOENT);
	REQUIRE_ERR(fstat(-1, &st), EBADF);
	REQUIRE_ERR(syscall(SYS_stat, BADPTR, &st), EFAULT);
	REQUIRE_ERR(syscall(SYS_stat, ".", BADPTR), EFAULT);
	REQUIRE_ERR(syscall(SYS_fstat, 0, BADPTR), EFAULT);
	REQUIRE_ERR(fstatat(AT_FDCWD, ".", &st, 0x40000), EINVAL);
}

static void lstat_symlink(void)
{
	struct stat st;

	REQUIRE_OK(touch("target"));
	REQUIRE_OK(symlink("target", "link"));
	REQUIRE_OK(lstat("link", &st));
	REQUIRE(S_ISLNK(st.st_mode) && st.st_size == 6, "lstat mode %o size %lld",
		st.st_mode, (long long)st.st_size);
	REQUIRE_OK(stat("link", &st));
	REQUIRE(S_ISREG(st.st_mode), "stat did not follow the link");
	REQUIRE_OK(fstatat(AT_FDCWD, "link", &st, AT_SYMLINK_NOFOLLOW));
	REQUIRE(S_ISLNK(st.st_mode), "AT_SYMLINK_NOFOLLOW followed");
}

static void statx_basic(void)
{
	struct statx sx;
	struct stat st;
	int fd = open("sx", O_RDWR | O_CREAT, 0600);

	REQUIRE_OK(fd);
	REQUIRE(write(fd, "abcdefg", 7) == 7, "write");
	REQUIRE_OK(fstat(fd, &st));
	memset(&sx, 0xff, sizeof sx);
	REQUIRE_OK(syscall(SYS_statx, AT_FDCWD, "sx", 0, STATX_BASIC_STATS, &sx));
	REQUIRE((sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS,
		"stx_mask 0x%x", sx.stx_mask);
	REQUIRE(sx.stx_size == 7 && sx.stx_ino == st.st_ino &&
		(sx.stx_mode & 0777) == 0600 && S_ISREG(sx.stx_mode),
		"size %llu ino %llu mode %o", (unsigned long long)sx.stx_size,
		(unsigned long long)sx.stx_ino, sx.stx_mode);
	memset(&sx, 0, sizeof sx);
	REQUIRE_OK(syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_SIZE, &sx));
	REQUIRE(sx.stx_size == 7, "AT_EMPTY_PATH size %llu",
		(unsigned long long)sx.stx_size);
	REQUIRE_ERR(syscall(SYS_statx, AT_FDCWD, "sx", 0, STATX__RESERVED, &sx),
		    EINVAL);
	REQUIRE_ERR(syscall(SYS_statx, AT_FDCWD, "sx", 0x7000000, STATX_SIZE,
			    &sx), EINVAL);
	REQUIRE_ERR(syscall(SYS_statx, AT_FDCWD, "sx", 0, STATX_SIZE, BADPTR),
		    EFAULT);
	REQUIRE_ERR(syscall(SYS_statx, AT_FDCWD, "none", 0, STATX_SIZE, &sx),
		    ENOENT);
}

static void access_modes(void)
{
	REQUIRE_OK(touch("acc"));
	REQUIRE_OK(chmod("acc", 0644));
	REQUIRE_OK(access("acc", F_OK));
	REQUIRE_OK(access("acc", R_OK | W_OK));
	/* Root gets X_OK only when some execute bit is set. */
	REQUIRE_ERR(access("acc", X_OK), EACCES);
	REQUIRE_OK(chmod("acc", 0100));
	REQUIRE_OK(access("acc", X_OK));
	REQUIRE_ERR(access("nope", F_OK), ENOENT);
	REQUIRE_ERR(access("acc", 0x40), EINVAL);
	REQUIRE_ERR(faccessat(AT_FDCWD, "acc", F_OK, 0x1), EINVAL);
	REQUIRE_ERR(syscall(SYS_access, BADPTR, F_OK), EFAULT);
}

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static void getdents64_lists(void)
{
	char buf[4096];
	int fd, seen = 0, types_ok = 1;
	long n, off;

	REQUIRE_OK(mkdir("ls", 0755));
	REQUIRE_OK(touch("ls/one"));
	REQUIRE_OK(touch("ls/two"));
	REQUIRE_OK(mkdir("ls/dir", 0755));
	fd = open("ls", O_RDONLY | O_DIRECTORY);
	REQUIRE_OK(fd);
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		for (off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			if (!strcmp(d->d_name, ".")) seen |= 1;
			else if (!strcmp(d->d_name, "..")) seen |= 2;
			else if (!strcmp(d->d_name, "one")) seen |= 4;
			else if (!strcmp(d->d_name, "two")) seen |= 8;
			else if (!strcmp(d->d_name, "dir")) {
				seen |= 16;
				types_ok &= d->d_type == DT_DIR;
			} else
				seen |= 32;
			if (!strcmp(d->d_name, "one"))
				types_ok &= d->d_type == DT_REG;
			REQUIRE(d->d_reclen % 8 == 0 && d->d_ino != 0,
				"reclen %u ino %llu", d->d_reclen, d->d_ino);
			off += d->d_reclen;
		}
	}
	REQUIRE(n == 0, "getdents64: %s", errname(errno));
	REQUIRE(seen == 31, "entries seen mask 0x%x, want . .. one two dir", seen);
	REQUIRE(types_ok, "d_type wrong");
	REQUIRE(syscall(SYS_getdents64, fd, buf, sizeof buf) == 0,
		"no end after the end");
}

static void getdents64_errors(void)
{
	char buf[256];
	int fd, dfd;

	REQUIRE_OK(touch("plain"));
	fd = open("plain", O_RDONLY);
	REQUIRE_ERR(syscall(SYS_getdents64, fd, buf, sizeof buf), ENOTDIR);
	REQUIRE_ERR(syscall(SYS_getdents64, -1, buf, sizeof buf), EBADF);
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	REQUIRE_ERR(syscall(SYS_getdents64, dfd, buf, 4), EINVAL);
	REQUIRE_ERR(syscall(SYS_getdents64, dfd, BADPTR, sizeof buf), EFAULT);
}

static void readdir_libc(void)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	REQUIRE_OK(mkdir("many", 0755));
	for (int i = 0; i < 200; i++) {
		char name[32];
		snprintf(name, sizeof name, "many/file-with-a-long-name-%03d", i);
		REQUIRE_OK(touch(name));
	}
	d = opendir("many");
	REQUIRE(d != NULL, "opendir: %s", errname(errno));
	while ((e = readdir(d)) != NULL)
		n++;
	closedir(d);
	REQUIRE(n == 202, "readdir saw %d entries, want 202", n);
}

static void mkdir_rmdir(void)
{
	struct stat st;

	REQUIRE_OK(mkdir("md", 0700));
	REQUIRE_OK(stat("md", &st));
	REQUIRE(S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700 &&
		st.st_nlink == 2, "mode %o nlink %lu", st.st_mode,
		(unsigned long)st.st_nlink);
	REQUIRE_ERR(mkdir("md", 0700), EEXIST);
	REQUIRE_OK(mkdir("md/sub", 0700));
	REQUIRE_OK(stat("md", &st));
	REQUIRE(st.st_nlink == 3, "parent nlink %lu with one subdir",
		(unsigned long)st.st_nlink);
	REQUIRE_ERR(rmdir("md"), ENOTEMPTY);
	REQUIRE_OK(rmdir("md/sub"));
	REQUIRE_OK(rmdir("md"));
	REQUIRE_ERR(rmdir("md"), ENOENT);
	REQUIRE_OK(touch("mdfile"));
	REQUIRE_ERR(rmdir("mdfile"), ENOTDIR);
	REQUIRE_ERR(rmdir("."), EINVAL);
	REQUIRE_ERR(mkdir("no/such/parent", 0700), ENOENT);
	REQUIRE_ERR(syscall(SYS_mkdir, BADPTR, 0700), EFAULT);
}

static void unlink_semantics(void)
{
	char buf[4];
	int fd = open("ul", O_RDWR | O_CREAT, 0644);

	REQUIRE_OK(fd);
	REQUIRE(write(fd, "keep", 4) == 4, "write");
	REQUIRE_OK(unlink("ul"));
	REQUIRE_ERR(access("ul", F_OK), ENOENT);
	/* An open file outlives its last name. */
	REQUIRE(pread(fd, buf, 4, 0) == 4 && memcmp(buf, "keep", 4) == 0,
		"data gone with the name");
	REQUIRE_ERR(unlink("ul"), ENOENT);
	REQUIRE_OK(mkdir("uldir", 0755));
	REQUIRE_ERR(unlink("uldir"), EISDIR);
	REQUIRE_OK(unlinkat(AT_FDCWD, "uldir", AT_REMOVEDIR));
	REQUIRE_ERR(unlinkat(AT_FDCWD, "x", 0x1), EINVAL);
}

static void rename_semantics(void)
{
	struct stat st;
	int fd;

	REQUIRE_OK(touch("ra"));
	fd = open("rb", O_WRONLY | O_CREAT, 0644);
	REQUIRE(write(fd, "bb", 2) == 2, "write");
	REQUIRE_OK(rename("ra", "rc"));
	REQUIRE_ERR(access("ra", F_OK), ENOENT);
	REQUIRE_OK(access("rc", F_OK));
	/* Renaming over an existing file replaces it. */
	REQUIRE_OK(rename("rb", "rc"));
	REQUIRE_OK(stat("rc", &st));
	REQUIRE(st.st_size == 2, "replaced file has size %lld",
		(long long)st.st_size);
	REQUIRE_OK(mkdir("rd", 0755));
	REQUIRE_OK(mkdir("rd/in", 0755));
	REQUIRE_ERR(rename("rd", "rd/in/deeper"), EINVAL);
	REQUIRE_ERR(rename("rc", "rd"), EISDIR);
	REQUIRE_ERR(rename("rd", "rc"), ENOTDIR);
	REQUIRE_OK(mkdir("re", 0755));
	REQUIRE_OK(rename("re", "rd/in2"));
	REQUIRE_ERR(rename("rd", "rf-not-empty-target/x"), ENOENT);
	REQUIRE_ERR(rename("nothing", "x"), ENOENT);
}

static void link_counts(void)
{
	struct stat a, b;

	REQUIRE_OK(touch("l1"));
	REQUIRE_OK(link("l1", "l2"));
	REQUIRE_OK(stat("l1", &a));
	REQUIRE_OK(stat("l2", &b));
	REQUIRE(a.st_ino == b.st_ino && a.st_nlink == 2, "ino %lu/%lu nlink %lu",
		(unsigned long)a.st_ino, (unsigned long)b.st_ino,
		(unsigned long)a.st_nlink);
	REQUIRE_OK(unlink("l1"));
	REQUIRE_OK(stat("l2", &b));
	REQUIRE(b.st_nlink == 1, "nlink %lu after unlink",
		(unsigned long)b.st_nlink);
	REQUIRE_ERR(link("l2", "l2"), EEXIST);
	REQUIRE_ERR(link("missing", "l3"), ENOENT);
	REQUIRE_OK(mkdir("ldir", 0755));
	REQUIRE_ERR(link("ldir", "ldir2"), EPERM);
}

static void symlink_readlink(void)
{
	char buf[64];
	ssize_t n;
	int fd;

	REQUIRE_OK(symlink("/dev/null", "sl"));
	n = readlink("sl", buf, sizeof buf);
	REQUIRE(n == 9 && memcmp(buf, "/dev/null", 9) == 0,
		"readlink gave %zd", n);
	/* A short buffer truncates silently, without a NUL. */
	REQUIRE(readlink("sl", buf, 4) == 4 && memcmp(buf, "/dev", 4) == 0,
		"truncated readlink");
	REQUIRE_OK(touch("notlink"));
	REQUIRE_ERR(readlink("notlink", buf, sizeof buf), EINVAL);
	REQUIRE_ERR(readlink("nolink", buf, sizeof buf), ENOENT);
	REQUIRE_ERR(syscall(SYS_readlink, "sl", buf, 0), EINVAL);
	REQUIRE_ERR(symlink("x", "sl"), EEXIST);
	fd = open("sl", O_WRONLY);
	REQUIRE(fd >= 0, "open through a symlink: %s", errname(errno));
	REQUIRE_ERR(open("sl", O_RDONLY | O_NOFOLLOW), ELOOP);
	REQUIRE_OK(symlink("loop-b", "loop-a"));
	REQUIRE_OK(symlink("loop-a", "loop-b"));
	REQUIRE_ERR(open("loop-a", O_RDONLY), ELOOP);
	REQUIRE_OK(symlink("dangling-target", "dangling"));
	REQUIRE_ERR(open("dangling", O_RDONLY), ENOENT);
}

static void chmod_chown(void)
{
	struct stat st;
	int fd;

	REQUIRE_OK(touch("own"));
	REQUIRE_OK(chmod("own", 04751));
	REQUIRE_OK(stat("own", &st));
	REQUIRE((st.st_mode & 07777) == 04751, "mode %o", st.st_mode & 07777);
	fd = open("own", O_RDONLY);
	REQUIRE_OK(fchmod(fd, 0600));
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE((st.st_mode & 07777) == 0600, "fchmod mode %o", st.st_mode);
	REQUIRE_OK(chown("own", 65534, 65534));
	REQUIRE_OK(stat("own", &st));
	REQUIRE(st.st_uid == 65534 && st.st_gid == 65534, "owner %u:%u",
		st.st_uid, st.st_gid);
	REQUIRE_OK(fchown(fd, 0, -1));
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE(st.st_uid == 0 && st.st_gid == 65534, "fchown gave %u:%u",
		st.st_uid, st.st_gid);
	REQUIRE_OK(symlink("own", "own-link"));
	REQUIRE_OK(lchown("own-link", 65534, 0));
	REQUIRE_OK(stat("own", &st));
	REQUIRE(st.st_uid == 0, "lchown followed the link");
	REQUIRE_ERR(chmod("no-file", 0644), ENOENT);
	REQUIRE_ERR(fchmod(-1, 0644), EBADF);
}

static void chown_as_nobody(void)
{
	pid_t pid;
	int st;

	REQUIRE_OK(touch("mine"));
	pid = fork();
	if (pid == 0) {
		if (setresuid(65534, 65534, 65534) < 0)
			_exit(10);
		if (chown("mine", 65534, 65534) != -1 || errno != EPERM)
			_exit(11);
		if (chmod("mine", 0777) != -1 || errno != EPERM)
			_exit(12);
		if (open("mine", O_WRONLY) != -1 || errno != EACCES)
			_exit(13);
		_exit(0);
	}
	st = wait_status(pid);
	REQUIRE(st == 0, "unprivileged step %d did not fail as it must",
		WEXITSTATUS(st));
}

static void cwd_changes(void)
{
	char buf[256], start[256];
	int dfd;

	REQUIRE(getcwd(start, sizeof start) != NULL, "getcwd: %s", errname(errno));
	REQUIRE(start[0] == '/', "cwd %s not absolute", start);
	REQUIRE_OK(mkdir("cw", 0755));
	REQUIRE_OK(chdir("cw"));
	REQUIRE(getcwd(buf, sizeof buf) && !strncmp(buf, start, strlen(start)) &&
		!strcmp(buf + strlen(start), "/cw"), "cwd %s", buf);
	REQUIRE_OK(chdir(".."));
	dfd = open("cw", O_RDONLY | O_DIRECTORY);
	REQUIRE_OK(fchdir(dfd));
	REQUIRE(getcwd(buf, sizeof buf) && !strcmp(buf + strlen(start), "/cw"),
		"fchdir cwd %s", buf);
	REQUIRE_OK(chdir("/"));
	REQUIRE(getcwd(buf, sizeof buf) && !strcmp(buf, "/"), "cwd %s", buf);
	REQUIRE_ERR(syscall(SYS_getcwd, buf, 1), ERANGE);
	REQUIRE_ERR(syscall(SYS_getcwd, BADPTR, sizeof buf), EFAULT);
	REQUIRE_ERR(chdir("/dev/null"), ENOTDIR);
	REQUIRE_ERR(chdir("/no/where"), ENOENT);
	REQUIRE_ERR(fchdir(open("/dev/null", O_RDONLY)), ENOTDIR);
	REQUIRE_ERR(fchdir(-1), EBADF);
}

static void cwd_removed(void)
{
	char buf[256];

	REQUIRE_OK(mkdir("gone", 0755));
	REQUIRE_OK(chdir("gone"));
	REQUIRE_OK(rmdir("../gone"));
	/* getcwd(3) on an unlinked cwd: ENOENT (Linux). */
	REQUIRE_ERR(syscall(SYS_getcwd, buf, sizeof buf), ENOENT);
	REQUIRE_ERR(open("new", O_RDWR | O_CREAT, 0644), ENOENT);
}

static void statfs_types(void)
{
	struct statfs sf;
	int fd;

	REQUIRE_OK(statfs("/tmp", &sf));
	REQUIRE(sf.f_type == 0x01021994, "/tmp f_type 0x%lx, want TMPFS_MAGIC",
		(unsigned long)sf.f_type);
	REQUIRE(sf.f_bsize > 0 && sf.f_namelen >= 255, "bsize %ld namelen %ld",
		(long)sf.f_bsize, (long)sf.f_namelen);
	REQUIRE_OK(statfs("/proc", &sf));
	REQUIRE(sf.f_type == 0x9fa0, "/proc f_type 0x%lx, want PROC_SUPER_MAGIC",
		(unsigned long)sf.f_type);
	fd = open("/dev/shm", O_RDONLY | O_DIRECTORY);
	REQUIRE_OK(fstatfs(fd, &sf));
	REQUIRE(sf.f_type == 0x01021994, "/dev/shm f_type 0x%lx",
		(unsigned long)sf.f_type);
	REQUIRE_ERR(statfs("/no/such", &sf), ENOENT);
	REQUIRE_ERR(fstatfs(-1, &sf), EBADF);
	REQUIRE_ERR(syscall(SYS_statfs, "/", BADPTR), EFAULT);
}

static void utimensat_times(void)
{
	struct timespec ts[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	struct stat st;
	time_t now = time(NULL);

	REQUIRE_OK(touch("ut"));
	REQUIRE_OK(utimensat(AT_FDCWD, "ut", ts, 0));
	REQUIRE_OK(stat("ut", &st));
	REQUIRE(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 5 &&
		st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec == 7,
		"atime %lld.%ld mtime %lld.%ld", (long long)st.st_atim.tv_sec,
		st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec,
		st.st_mtim.tv_nsec);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	REQUIRE_OK(utimensat(AT_FDCWD, "ut", ts, 0));
	REQUIRE_OK(stat("ut", &st));
	REQUIRE(st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec >= now,
		"UTIME_OMIT/UTIME_NOW: atime %lld mtime %lld",
		(long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec);
	REQUIRE_OK(utimensat(AT_FDCWD, "ut", NULL, 0));
	ts[0].tv_nsec = 1000000000;
	REQUIRE_ERR(utimensat(AT_FDCWD, "ut", ts, 0), EINVAL);
	REQUIRE_ERR(utimensat(AT_FDCWD, "nope", NULL, 0), ENOENT);
	REQUIRE_ERR(utimensat(AT_FDCWD, "ut", NULL, 0x7000), EINVAL);
}

static void mtime_follows_writes(void)
{
	struct stat a, b;
	struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };
	int fd;

	REQUIRE_OK(touch("mt"));
	REQUIRE_OK(utimensat(AT_FDCWD, "mt", old, 0));
	REQUIRE_OK(stat("mt", &a));
	fd = open("mt", O_WRONLY);
	REQUIRE(write(fd, "x", 1) == 1, "write");
	REQUIRE_OK(fstat(fd, &b));
	REQUIRE(b.st_mtim.tv_sec > a.st_mtim.tv_sec &&
		b.st_ctim.tv_sec > 1000, "write did not update mtime/ctime");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(stat_family),
		CHECK(stat_errors),
		CHECK(lstat_symlink),
		CHECK(statx_basic),
		CHECK(access_modes),
		CHECK(getdents64_lists),
		CHECK(getdents64_errors),
		CHECK(readdir_libc),
		CHECK(mkdir_rmdir),
		CHECK(unlink_semantics),
		CHECK(rename_semantics),
		CHECK(link_counts),
		CHECK(symlink_readlink),
		CHECK(chmod_chown),
		CHECK(chown_as_nobody),
		CHECK(cwd_changes),
		CHECK(cwd_removed),
		CHECK(statfs_types),
		CHECK(utimensat_times),
		CHECK(mtime_follows_writes),
	};

	return run_checks("fs", checks, NCHECKS(checks));
}
