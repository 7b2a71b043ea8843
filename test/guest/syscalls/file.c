/*
 * file.c - file descriptors and file I/O: open/openat flags, read/write,
 * readv/writev, pread/pwrite, lseek, dup/dup2/dup3, fcntl, pipes and
 * FIFOs, truncate, and their errors.
 */
#include "../check.h"

#include <sys/ioctl.h>
#include <sys/uio.h>

static int make(const char *name, const char *text)
{
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0 && text && write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -1;
	return fd;
}

static void open_create_excl(void)
{
	int fd;

	REQUIRE_ERR(open("new", O_RDONLY), ENOENT);
	fd = open("new", O_RDWR | O_CREAT | O_EXCL, 0600);
	REQUIRE_OK(fd);
	REQUIRE_ERR(open("new", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	REQUIRE_OK(open("new", O_RDWR | O_CREAT, 0600));
}

static void open_errors(void)
{
	REQUIRE_OK(mkdir("d", 0755));
	REQUIRE_ERR(open("d", O_WRONLY), EISDIR);
	REQUIRE_ERR(open("d", O_RDWR), EISDIR);
	REQUIRE_OK(make("f", "x"));
	REQUIRE_ERR(open("f/x", O_RDONLY), ENOTDIR);
	REQUIRE_ERR(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	REQUIRE_ERR(open("missing/x", O_RDONLY | O_CREAT, 0644), ENOENT);
	REQUIRE_ERR(open("", O_RDONLY), ENOENT);
	REQUIRE_ERR(syscall(SYS_open, BADPTR, O_RDONLY), EFAULT);
}

static void open_name_too_long(void)
{
	char name[300];

	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = 0;
	REQUIRE_ERR(open(name, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG);
}

static void openat_dirfd(void)
{
	int dfd, fd;
	char buf[4];

	REQUIRE_OK(mkdir("sub", 0755));
	dfd = open("sub", O_RDONLY | O_DIRECTORY);
	REQUIRE_OK(dfd);
	fd = openat(dfd, "inner", O_RDWR | O_CREAT, 0644);
	REQUIRE_OK(fd);
	REQUIRE(write(fd, "abc", 3) == 3, "write");
	close(fd);
	fd = open("sub/inner", O_RDONLY);
	REQUIRE(read(fd, buf, 3) == 3 && memcmp(buf, "abc", 3) == 0,
		"openat created the file elsewhere");
	fd = openat(AT_FDCWD, "sub/inner", O_RDONLY);
	REQUIRE_OK(fd);
	/* Absolute names ignore dirfd, even a bad one. */
	REQUIRE_OK(openat(-1, "/dev/null", O_RDONLY));
	REQUIRE_ERR(openat(-1, "inner", O_RDONLY), EBADF);
	REQUIRE_ERR(openat(fd, "inner", O_RDONLY), ENOTDIR);
}

static void o_append_trunc(void)
{
	char buf[16];
	int fd = make("log", "12345");

	close(fd);
	fd = open("log", O_WRONLY | O_APPEND);
	REQUIRE_OK(fd);
	REQUIRE_OK(lseek(fd, 0, SEEK_SET));
	REQUIRE(write(fd, "67", 2) == 2, "write");
	fd = open("log", O_RDONLY);
	REQUIRE(read(fd, buf, sizeof buf) == 7 && memcmp(buf, "1234567", 7) == 0,
		"O_APPEND did not write at the end");
	fd = open("log", O_WRONLY | O_TRUNC);
	REQUIRE_OK(fd);
	REQUIRE(lseek(fd, 0, SEEK_END) == 0, "O_TRUNC left data");
}

static void open_flags_visible(void)
{
	int fd = open("/dev/null", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	int fl;

	REQUIRE_OK(fd);
	REQUIRE(fcntl(fd, F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC not set");
	fl = fcntl(fd, F_GETFL);
	REQUIRE((fl & O_ACCMODE) == O_RDWR && (fl & O_NONBLOCK),
		"F_GETFL 0x%x", fl);
	fd = open("/dev/null", O_WRONLY);
	REQUIRE(fcntl(fd, F_GETFD) == 0, "FD_CLOEXEC set without O_CLOEXEC");
	REQUIRE((fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY, "access mode");
}

static void read_write_roundtrip(void)
{
	char big[10000], back[10000];
	size_t i;
	int fd = make("data", NULL);

	for (i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 7);
	REQUIRE(write(fd, big, sizeof big) == (ssize_t)sizeof big, "write");
	REQUIRE(lseek(fd, 0, SEEK_SET) == 0, "lseek");
	REQUIRE(read(fd, back, sizeof back) == (ssize_t)sizeof back, "read");
	REQUIRE(memcmp(big, back, sizeof big) == 0, "data differs");
	REQUIRE(read(fd, back, sizeof back) == 0, "no EOF at the end");
	REQUIRE(write(fd, big, 0) == 0, "zero-length write");
}

static void read_write_errors(void)
{
	char buf[8];
	int fd = make("rw", "abc");
	int ro = open("rw", O_RDONLY), wo = open("rw", O_WRONLY);

	REQUIRE_ERR(read(-1, buf, 1), EBADF);
	REQUIRE_ERR(read(999, buf, 1), EBADF);
	REQUIRE_ERR(write(ro, "x", 1), EBADF);
	REQUIRE_ERR(read(wo, buf, 1), EBADF);
	close(fd);
	REQUIRE_ERR(read(fd, buf, 1), EBADF);
	REQUIRE_ERR(syscall(SYS_read, ro, BADPTR, 1), EFAULT);
	REQUIRE_ERR(syscall(SYS_write, wo, BADPTR, 1), EFAULT);
	REQUIRE_ERR(read(open(".", O_RDONLY), buf, 1), EISDIR);
}

static void readv_writev(void)
{
	char a[3], b[5], all[8];
	struct iovec w[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
	struct iovec r[2] = { { a, 3 }, { b, 5 } };
	int fd = make("vec", NULL);

	REQUIRE(writev(fd, w, 3) == 8, "writev");
	REQUIRE(pread(fd, all, 8, 0) == 8 && memcmp(all, "abcdefgh", 8) == 0,
		"writev data");
	lseek(fd, 0, SEEK_SET);
	REQUIRE(readv(fd, r, 2) == 8, "readv");
	REQUIRE(memcmp(a, "abc", 3) == 0 && memcmp(b, "defgh", 5) == 0,
		"readv scattered wrongly");
	REQUIRE_ERR(writev(fd, w, -1), EINVAL);
	REQUIRE_ERR(writev(fd, w, 2000), EINVAL);
	REQUIRE_ERR(syscall(SYS_writev, fd, BADPTR, 1), EFAULT);
	w[0].iov_base = BADPTR;
	REQUIRE_ERR(syscall(SYS_writev, fd, w, 1), EFAULT);
}

static void pread_pwrite_offsets(void)
{
	char buf[4];
	int fd = make("pos", "0123456789"), p[2];

	REQUIRE(lseek(fd, 2, SEEK_SET) == 2, "lseek");
	REQUIRE(pread(fd, buf, 3, 5) == 3 && memcmp(buf, "567", 3) == 0, "pread");
	REQUIRE(pwrite(fd, "AB", 2, 8) == 2, "pwrite");
	REQUIRE(lseek(fd, 0, SEEK_CUR) == 2, "offset moved by pread/pwrite");
	REQUIRE(pread(fd, buf, 4, 7) == 3 && memcmp(buf, "7AB", 3) == 0,
		"pwrite data / short pread at EOF");
	REQUIRE_ERR(pread(fd, buf, 1, -1), EINVAL);
	REQUIRE_OK(pipe(p));
	REQUIRE_ERR(pread(p[0], buf, 1, 0), ESPIPE);
	REQUIRE_ERR(pwrite(p[1], buf, 1, 0), ESPIPE);
}

static void lseek_whence(void)
{
	char buf[8] = "xxxxxxx";
	int fd = make("seek", "abcdef"), p[2];

	REQUIRE(lseek(fd, -2, SEEK_END) == 4, "SEEK_END");
	REQUIRE(lseek(fd, 1, SEEK_CUR) == 5, "SEEK_CUR");
	REQUIRE(lseek(fd, 100, SEEK_SET) == 100, "past the end");
	REQUIRE(write(fd, "Z", 1) == 1, "write past the end");
	REQUIRE(pread(fd, buf, 4, 6) == 4 && buf[0] == 0 && buf[3] == 0,
		"the hole does not read as zeros");
	REQUIRE_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	REQUIRE_ERR(lseek(fd, 0, 77), EINVAL);
	REQUIRE_ERR(lseek(-1, 0, SEEK_SET), EBADF);
	REQUIRE_OK(pipe(p));
	REQUIRE_ERR(lseek(p[0], 0, SEEK_CUR), ESPIPE);
}

static void truncate_sizes(void)
{
	struct stat st;
	char buf[8];
	int fd = make("trunc", "abcdefgh"), ro;

	REQUIRE_OK(ftruncate(fd, 3));
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE(st.st_size == 3, "size %lld after ftruncate 3", (long long)st.st_size);
	REQUIRE_OK(truncate("trunc", 6));
	REQUIRE(pread(fd, buf, 8, 0) == 6 && memcmp(buf, "abc\0\0\0", 6) == 0,
		"extension does not read as zeros");
	REQUIRE_ERR(ftruncate(fd, -1), EINVAL);
	REQUIRE_ERR(truncate("trunc", -1), EINVAL);
	ro = open("trunc", O_RDONLY);
	REQUIRE_ERR(ftruncate(ro, 0), EINVAL);
	REQUIRE_ERR(truncate("no-such", 0), ENOENT);
	REQUIRE_ERR(truncate(".", 0), EISDIR);
	REQUIRE_ERR(ftruncate(-1, 0), EBADF);
}

static int lowest_free(void)
{
	int fd = 0;

	while (fcntl(fd, F_GETFD) >= 0)
		fd++;
	return fd;
}

static void dup_family(void)
{
	int fd = open("/dev/null", O_RDONLY), d, want;

	REQUIRE_OK(fd);
	want = lowest_free();
	d = dup(fd);
	REQUIRE(d == want, "dup gave %d, want the lowest free %d", d, want);
	REQUIRE(dup2(fd, 40) == 40, "dup2");
	REQUIRE(fcntl(40, F_GETFD) == 0, "dup2 copy has FD_CLOEXEC");
	REQUIRE(dup2(fd, fd) == fd, "dup2 onto itself");
	REQUIRE(dup3(fd, 41, O_CLOEXEC) == 41, "dup3");
	REQUIRE(fcntl(41, F_GETFD) == FD_CLOEXEC, "dup3 O_CLOEXEC lost");
	/* musl's dup3() checks some of this itself: ask the kernel. */
	REQUIRE_ERR(syscall(SYS_dup3, fd, fd, 0), EINVAL);
	REQUIRE_ERR(syscall(SYS_dup3, fd, 42, 0x4), EINVAL);
	REQUIRE_ERR(dup(-1), EBADF);
	REQUIRE_ERR(dup2(99, 43), EBADF);
	REQUIRE_ERR(dup2(fd, -1), EBADF);
}

static void dup_shares_offset(void)
{
	char c;
	int fd = make("shared-off", "abcdef"), d;

	lseek(fd, 0, SEEK_SET);
	d = dup(fd);
	REQUIRE(read(fd, &c, 1) == 1 && c == 'a', "read");
	REQUIRE(read(d, &c, 1) == 1 && c == 'b', "dup'd fd has its own offset");
	REQUIRE(fcntl(d, F_SETFL, O_APPEND) == 0 &&
		(fcntl(fd, F_GETFL) & O_APPEND), "status flags not shared");
}

static void fcntl_commands(void)
{
	int fd = open("/dev/null", O_RDWR), d, fl;

	REQUIRE_OK(fd);
	d = fcntl(fd, F_DUPFD, 20);
	REQUIRE(d == 20, "F_DUPFD min 20 gave %d", d);
	d = fcntl(fd, F_DUPFD_CLOEXEC, 20);
	REQUIRE(d == 21 && fcntl(d, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC");
	REQUIRE_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	REQUIRE(fcntl(fd, F_GETFD) == FD_CLOEXEC, "F_SETFD");
	REQUIRE_OK(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND));
	fl = fcntl(fd, F_GETFL);
	REQUIRE((fl & (O_NONBLOCK | O_APPEND)) == (O_NONBLOCK | O_APPEND) &&
		(fl & O_ACCMODE) == O_RDWR, "F_GETFL 0x%x", fl);
	/* F_SETFL cannot change the access mode. */
	REQUIRE_OK(fcntl(fd, F_SETFL, O_RDONLY));
	REQUIRE((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, "access mode changed");
	REQUIRE_ERR(fcntl(fd, 9999), EINVAL);
	REQUIRE_ERR(fcntl(-1, F_GETFD), EBADF);
	REQUIRE_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
}

static void pipe_basic(void)
{
	int p[2];
	char buf[8];

	REQUIRE_OK(pipe(p));
	REQUIRE(write(p[1], "hello", 5) == 5, "write");
	REQUIRE(read(p[0], buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0,
		"read");
	close(p[1]);
	REQUIRE(read(p[0], buf, sizeof buf) == 0, "no EOF after the writer closed");
	REQUIRE_ERR(write(p[0], "x", 1), EBADF);
}

static void pipe2_flags(void)
{
	int p[2];
	char c;

	REQUIRE_OK(pipe2(p, O_CLOEXEC | O_NONBLOCK));
	REQUIRE(fcntl(p[0], F_GETFD) == FD_CLOEXEC &&
		fcntl(p[1], F_GETFD) == FD_CLOEXEC, "O_CLOEXEC");
	REQUIRE((fcntl(p[0], F_GETFL) & O_NONBLOCK) &&
		(fcntl(p[1], F_GETFL) & O_NONBLOCK), "O_NONBLOCK");
	REQUIRE_ERR(read(p[0], &c, 1), EAGAIN);
	REQUIRE_ERR(pipe2(p, 0x1), EINVAL);
	REQUIRE_ERR(syscall(SYS_pipe2, BADPTR, 0), EFAULT);
}

static void pipe_capacity(void)
{
	static char chunk[4096];
	long total = 0;
	ssize_t n;
	int p[2];

	REQUIRE_OK(pipe2(p, O_NONBLOCK));
	while ((n = write(p[1], chunk, sizeof chunk)) > 0 && total < (1 << 22))
		total += n;
	REQUIRE(n == -1 && errno == EAGAIN, "full pipe write: %s",
		errname(errno));
	/* pipe(7): the default capacity is 16 pages since Linux 2.6.11. */
	REQUIRE(total == 65536, "pipe holds %ld bytes, want 65536", total);
	REQUIRE(fcntl(p[1], F_GETPIPE_SZ) == 65536, "F_GETPIPE_SZ %d",
		fcntl(p[1], F_GETPIPE_SZ));
}

static unsigned char pattern(long i)
{
	return (unsigned char)(i * 7 + i / 251);
}

/*
 * pipe(7): a write larger than the pipe blocks once the pipe is full and
 * goes on as the reader drains it, every byte arriving once and in order;
 * writes of at most PIPE_BUF bytes are atomic, never interleaved with
 * other writers' data.
 */
static void pipe_atomic_and_blocking(void)
{
	static unsigned char big[200000], rec[4096];
	int p[2], st, avail = -1;
	pid_t pid, w[2];
	long got = 0, i;
	ssize_t n;

	REQUIRE_OK(pipe(p));
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		for (i = 0; i < (long)sizeof big; i++)
			big[i] = pattern(i);
		_exit(write(p[1], big, sizeof big) == (ssize_t)sizeof big ? 0 : 1);
	}
	close(p[1]);
	/* The writer sleeps with the pipe full: 16 pages, 65536 bytes. */
	REQUIRE(wait_until_asleep(pid), "the writer never blocked");
	REQUIRE_OK(ioctl(p[0], FIONREAD, &avail));
	REQUIRE(avail == 65536, "%d bytes in the pipe while the writer "
		"sleeps, want 65536", avail);
	memset(big, 0, sizeof big);
	while (got < (long)sizeof big &&
	       (n = read(p[0], big + got, sizeof big - got)) > 0)
		got += n;
	REQUIRE(read(p[0], rec, 1) == 0, "no EOF after the writer's data");
	st = wait_status(pid);
	REQUIRE(st == 0, "writer status 0x%x", st);
	REQUIRE(got == (long)sizeof big, "read %ld of %zu bytes", got, sizeof big);
	for (i = 0; i < got; i++)
		REQUIRE(big[i] == pattern(i), "byte %ld is 0x%02x, want 0x%02x",
			i, big[i], pattern(i));
	close(p[0]);

	/* Two writers of 100 records of PIPE_BUF bytes each. */
	REQUIRE_OK(pipe(p));
	for (int k = 0; k < 2; k++) {
		w[k] = fork();
		if (w[k] == 0) {
			close(p[0]);
			memset(rec, 'A' + k, sizeof rec);
			for (i = 0; i < 100; i++)
				if (write(p[1], rec, sizeof rec) != (ssize_t)sizeof rec)
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	long count[2] = { 0, 0 };
	for (;;) {
		size_t have = 0;
		while (have < sizeof rec && (n = read(p[0], rec + have, sizeof rec - have)) > 0)
			have += n;
		if (have == 0)
			break;
		REQUIRE(have == sizeof rec, "a trailing piece of %zu bytes", have);
		for (i = 1; i < (long)sizeof rec; i++)
			REQUIRE(rec[i] == rec[0], "record %ld mixes '%c' and '%c' at "
				"byte %ld", count[0] + count[1], rec[0], rec[i], i);
		REQUIRE(rec[0] == 'A' || rec[0] == 'B', "record of 0x%02x", rec[0]);
		count[rec[0] - 'A']++;
	}
	REQUIRE(wait_status(w[0]) == 0 && wait_status(w[1]) == 0, "a writer failed");
	REQUIRE(count[0] == 100 && count[1] == 100, "%ld and %ld records, want 100 each",
		count[0], count[1]);
}

static void fifo_mknod(void)
{
	struct stat st;
	char buf[8];
	pid_t pid;
	int fd;

	REQUIRE_OK(mknod("fifo", S_IFIFO | 0644, 0));
	REQUIRE_OK(stat("fifo", &st));
	REQUIRE(S_ISFIFO(st.st_mode), "mode %o", st.st_mode);
	REQUIRE_ERR(open("fifo", O_WRONLY | O_NONBLOCK), ENXIO);
	fd = open("fifo", O_RDONLY | O_NONBLOCK);
	REQUIRE_OK(fd);
	close(fd);
	pid = fork();
	if (pid == 0) {
		int w = open("fifo", O_WRONLY);
		_exit(w >= 0 && write(w, "fifo!", 5) == 5 ? 0 : 1);
	}
	fd = open("fifo", O_RDONLY);
	REQUIRE_OK(fd);
	REQUIRE(read(fd, buf, sizeof buf) == 5 && memcmp(buf, "fifo!", 5) == 0,
		"FIFO data");
	REQUIRE(wait_status(pid) == 0, "writer failed");
	REQUIRE_ERR(mknod("fifo", S_IFIFO | 0644, 0), EEXIST);
	REQUIRE_ERR(mkfifo("no/dir", 0644), ENOENT);
}

static void close_errors(void)
{
	int fd = open("/dev/null", O_RDONLY);

	REQUIRE_OK(close(fd));
	REQUIRE_ERR(close(fd), EBADF);
	REQUIRE_ERR(close(-1), EBADF);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(open_create_excl),
		CHECK(open_errors),
		CHECK(open_name_too_long),
		CHECK(openat_dirfd),
		CHECK(o_append_trunc),
		CHECK(open_flags_visible),
		CHECK(read_write_roundtrip),
		CHECK(read_write_errors),
		CHECK(readv_writev),
		CHECK(pread_pwrite_offsets),
		CHECK(lseek_whence),
		CHECK(truncate_sizes),
		CHECK(dup_family),
		CHECK(dup_shares_offset),
		CHECK(fcntl_commands),
		CHECK(pipe_basic),
		CHECK(pipe2_flags),
		CHECK(pipe_capacity),
		CHECK(pipe_atomic_and_blocking),
		CHECK(fifo_mknod),
		CHECK(close_errors),
	};

	return run_checks("file", checks, NCHECKS(checks));
}
