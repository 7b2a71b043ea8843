/*
 * fifo.c - FIFO open rules and data, pipe sizes and FIONREAD, sendfile,
 * select's remaining time, poll on a FIFO's far-end close, hostname
 * through sethostname and /proc/sys/kernel, /proc/filesystems, a sysfs
 * mount's console and CPU files.
 */
#include <sys/mount.h>
#include "../check.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static long slurp(const char *path, char *buf, size_t size)
{
	long total = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (total < (long)size - 1 &&
	       (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = 0;
	return total;
}

/* fifo(7): O_NONBLOCK readers open at once; O_NONBLOCK writers need a
 * reader (ENXIO); O_RDWR never waits. */
static void fifo_nonblock_open(void)
{
	int r, w, rw;

	REQUIRE_OK(mkfifo("f", 0600));
	REQUIRE_ERR(open("f", O_WRONLY | O_NONBLOCK), ENXIO);
	r = open("f", O_RDONLY | O_NONBLOCK);
	REQUIRE_OK(r);
	w = open("f", O_WRONLY | O_NONBLOCK);
	REQUIRE_OK(w);
	REQUIRE(write(w, "ab", 2) == 2, "write");
	close(w);
	rw = open("f", O_RDWR);
	REQUIRE_OK(rw);
	close(rw);
	close(r);
}

/* A blocking O_RDONLY open waits for a writer; data then EOF. */
static void fifo_blocking_open(void)
{
	char buf[8];
	long long t0;
	pid_t pid;
	int r;

	REQUIRE_OK(mkfifo("g", 0600));
	pid = fork();
	if (pid == 0) {
		int w;

		sleep_ms(100);
		w = open("g", O_WRONLY);
		if (w < 0 || write(w, "hi", 2) != 2)
			_exit(1);
		_exit(0);
	}
	t0 = now_ns(CLOCK_MONOTONIC);
	r = open("g", O_RDONLY);
	REQUIRE_OK(r);
	/* The writer opens after 100 ms (less the time fork took). */
	REQUIRE_ELAPSED(t0, 50, 100 + SLACK_MS, "open waiting for the writer");
	REQUIRE(read(r, buf, sizeof buf) == 2 && !memcmp(buf, "hi", 2), "data");
	REQUIRE(read(r, buf, sizeof buf) == 0, "no EOF after the writer left");
	REQUIRE(wait_status(pid) == 0, "writer failed");
	close(r);
}

/* poll(2) on a FIFO: POLLHUP once the writer that came has gone. */
static void fifo_poll_hup(void)
{
	struct pollfd p;
	int r, w;

	REQUIRE_OK(mkfifo("h", 0600));
	r = open("h", O_RDONLY | O_NONBLOCK);
	REQUIRE_OK(r);
	w = open("h", O_WRONLY);
	REQUIRE_OK(w);
	p = (struct pollfd){ .fd = r, .events = POLLIN };
	REQUIRE(poll(&p, 1, 0) == 0, "ready with nothing written: 0x%x", p.revents);
	close(w);
	REQUIRE(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP), "no POLLHUP: 0x%x",
		p.revents);
	close(r);
}

static void pipe_size_and_fionread(void)
{
	int p[2], n = -1, sz;
	char buf[4096] = { 0 };

	REQUIRE_OK(pipe(p));
	REQUIRE(fcntl(p[0], F_GETPIPE_SZ) == 65536, "default size %d",
		fcntl(p[0], F_GETPIPE_SZ));
	sz = fcntl(p[1], F_SETPIPE_SZ, 3 * 4096);
	REQUIRE(sz >= 3 * 4096 && fcntl(p[0], F_GETPIPE_SZ) == sz, "F_SETPIPE_SZ %d", sz);
	REQUIRE(write(p[1], "hello", 5) == 5, "write");
	REQUIRE(ioctl(p[0], FIONREAD, &n) == 0 && n == 5, "FIONREAD %d", n);
	REQUIRE(read(p[0], buf, 5) == 5, "read");
	REQUIRE_OK(fcntl(p[1], F_SETFL, O_NONBLOCK));
	for (n = 0; n < sz; n += 4096)
		REQUIRE(write(p[1], buf, 4096) == 4096, "fill at %d", n);
	REQUIRE_ERR(write(p[1], buf, 1), EAGAIN);
	REQUIRE_ERR(fcntl(open("/dev/null", O_RDONLY), F_GETPIPE_SZ), EBADF);
	close(p[0]);
	close(p[1]);
}

/* sendfile(2) from a file at an offset: the file position stays. */
static void sendfile_to_pipe(void)
{
	static char data[10000], back[10000];
	int fd, p[2];
	off_t off = 100;
	ssize_t n;

	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (char)(i * 7);
	fd = open("src", O_RDWR | O_CREAT, 0644);
	REQUIRE_OK(fd);
	REQUIRE(write(fd, data, sizeof data) == (ssize_t)sizeof data, "write");
	REQUIRE(lseek(fd, 5, SEEK_SET) == 5, "lseek");
	REQUIRE_OK(pipe(p));
	n = sendfile(p[1], fd, &off, 20000);
	REQUIRE(n == 9900 && off == 10000, "sendfile %zd, off %lld", n, (long long)off);
	REQUIRE(lseek(fd, 0, SEEK_CUR) == 5, "file position moved");
	REQUIRE(read(p[0], back, sizeof back) == 9900 && !memcmp(back, data + 100, 9900),
		"data");
	n = sendfile(p[1], fd, NULL, 10);
	REQUIRE(n == 10 && lseek(fd, 0, SEEK_CUR) == 15, "without offset: %zd", n);
	REQUIRE_ERR(sendfile(p[0], fd, NULL, 10), EBADF);
	close(p[0]);
	close(p[1]);
	close(fd);
}

/* select(2) NOTES: Linux writes the time not slept back into the timeval. */
static void select_time_left(void)
{
	struct timeval tv = { 2, 0 };
	fd_set rs;
	int p[2];
	pid_t pid;

	REQUIRE_OK(pipe(p));
	pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(write(p[1], "x", 1) == 1 ? 0 : 1);
	}
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	/* The system call itself: libc may pass the kernel a copy. */
	REQUIRE(syscall(SYS_select, p[0] + 1, &rs, NULL, NULL, &tv) == 1, "select");
	REQUIRE(tv.tv_sec * 1000000 + tv.tv_usec > 1000000 &&
		tv.tv_sec * 1000000 + tv.tv_usec < 1950000,
		"time left %ld.%06ld", (long)tv.tv_sec, (long)tv.tv_usec);
	REQUIRE(wait_status(pid) == 0, "the writer failed");
	close(p[0]);
	close(p[1]);
}

static void hostname_everywhere(void)
{
	struct utsname u;
	char old[65], buf[128];

	REQUIRE_OK(gethostname(old, sizeof old));
	REQUIRE_OK(sethostname("tern-check", 10));
	REQUIRE(uname(&u) == 0 && !strcmp(u.nodename, "tern-check"), "uname %s",
		u.nodename);
	REQUIRE(slurp("/proc/sys/kernel/hostname", buf, sizeof buf) > 0 &&
		!strcmp(buf, "tern-check\n"), "/proc/sys/kernel/hostname %s", buf);
	REQUIRE_ERR(sethostname("x", 65), EINVAL);
	REQUIRE_OK(sethostname(old, strlen(old)));
	REQUIRE(slurp("/proc/sys/kernel/ostype", buf, sizeof buf) > 0 &&
		!strcmp(buf, "Linux\n"), "ostype %s", buf);
	REQUIRE(slurp("/proc/sys/kernel/osrelease", buf, sizeof buf) > 0 &&
		!strncmp(buf, u.release, strlen(u.release)), "osrelease %s", buf);
}

static void proc_filesystems(void)
{
	char buf[4096];

	REQUIRE(slurp("/proc/filesystems", buf, sizeof buf) > 0, "read: %s",
		errname(errno));
	REQUIRE(strstr(buf, "nodev\tproc\n"), "no proc line");
	REQUIRE(strstr(buf, "nodev\ttmpfs\n"), "no tmpfs line");
	REQUIRE(strstr(buf, "nodev\tdevtmpfs\n"), "no devtmpfs line");
}

static void sysfs_console_cpu(void)
{
	char buf[64];

	REQUIRE_OK(mkdir("sys", 0755));
	REQUIRE_OK(mount("sysfs", "sys", "sysfs", 0, NULL));
	REQUIRE(slurp("sys/class/tty/console/active", buf, sizeof buf) > 0 &&
		!strcmp(buf, "ttyS0\n"), "console/active %s", buf);
	REQUIRE(slurp("sys/devices/system/cpu/online", buf, sizeof buf) > 0 &&
		!strcmp(buf, "0\n"), "cpu/online %s", buf);
	REQUIRE_OK(umount2("sys", 0));
}

/* Writes text to a /proc/sys file; 0 or -1. */
static int put_sysctl(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * In a child that became `nobody`: with pipe-user-pages-soft 32 and
 * -hard 40, the first two pipes get 16 pages, the next ones 2 (past the
 * soft limit), none can grow, and the one past the hard limit fails.
 */
static int pipe_limits_as_nobody(void)
{
	int p[8][2], i, sizes[8];

	if (setgid(65534) < 0 || setuid(65534) < 0)
		return 1;
	if (fcntl(0, F_GETFD) < 0)
		return 2;
	for (i = 0; i < 6; i++) {
		if (pipe(p[i]) < 0)
			return 10 + i * 10 + (errno == ENFILE);
		sizes[i] = fcntl(p[i][0], F_GETPIPE_SZ);
	}
	if (sizes[0] != 65536 || sizes[1] != 65536 || sizes[2] != 8192 || sizes[5] != 8192)
		return 3;
	/* 16+16+2+2+2+2 = 40 pages: the next pipe is past the hard limit. */
	if (pipe(p[6]) == 0 || errno != ENFILE)
		return 4;
	if (fcntl(p[2][0], F_SETPIPE_SZ, 65536) != -1 || errno != EPERM)
		return 5;
	/* Shrinking is always allowed, and gives pages back. */
	if (fcntl(p[0][0], F_SETPIPE_SZ, 4096) != 4096)
		return 6;
	if (pipe(p[6]) < 0)
		return 7;
	return 0;
}

/* pipe(7) "/proc files": pipe-max-size and the per-user page limits. */
static void pipe_limits(void)
{
	char buf[64];
	int p[2], st;
	pid_t pid;

	REQUIRE(slurp("/proc/sys/fs/pipe-max-size", buf, sizeof buf) > 0 &&
		strcmp(buf, "1048576\n") == 0, "pipe-max-size '%s'", buf);
	REQUIRE(slurp("/proc/sys/fs/pipe-user-pages-soft", buf, sizeof buf) > 0 &&
		strcmp(buf, "16384\n") == 0, "pipe-user-pages-soft '%s'", buf);
	REQUIRE(slurp("/proc/sys/fs/pipe-user-pages-hard", buf, sizeof buf) > 0 &&
		strcmp(buf, "0\n") == 0, "pipe-user-pages-hard '%s'", buf);
	REQUIRE_OK(pipe(p));
	/* Root (CAP_SYS_RESOURCE) may pass pipe-max-size; nobody can pass 2^31. */
	REQUIRE_RET(fcntl(p[0], F_SETPIPE_SZ, 2 << 20), 2 << 20);
	REQUIRE_ERR(fcntl(p[0], F_SETPIPE_SZ, (1ul << 31) + 1), EINVAL);
	REQUIRE_RET(fcntl(p[0], F_SETPIPE_SZ, 5000), 8192);
	/* A written pipe-max-size rounds up to a power of two of pages. */
	REQUIRE_OK(put_sysctl("/proc/sys/fs/pipe-max-size", "5000"));
	REQUIRE(slurp("/proc/sys/fs/pipe-max-size", buf, sizeof buf) > 0 &&
		strcmp(buf, "8192\n") == 0, "pipe-max-size after writing 5000: '%s'", buf);
	REQUIRE_OK(put_sysctl("/proc/sys/fs/pipe-max-size", "1048576"));
	REQUIRE_OK(put_sysctl("/proc/sys/fs/pipe-user-pages-soft", "32"));
	REQUIRE_OK(put_sysctl("/proc/sys/fs/pipe-user-pages-hard", "40"));
	REQUIRE(slurp("/proc/sys/fs/pipe-user-pages-soft", buf, sizeof buf) > 0 &&
		strcmp(buf, "32\n") == 0, "pipe-user-pages-soft after writing 32: '%s'", buf);
	pid = fork();
	if (pid == 0)
		_exit(pipe_limits_as_nobody());
	REQUIRE_RET(waitpid(pid, &st, 0), pid);
	REQUIRE_OK(put_sysctl("/proc/sys/fs/pipe-user-pages-soft", "16384"));
	REQUIRE_OK(put_sysctl("/proc/sys/fs/pipe-user-pages-hard", "0"));
	/* Steps 10 + 10 i (+1 when errno is ENFILE): the i-th pipe failed. */
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "as nobody: step %d failed",
		WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(fifo_nonblock_open),
		CHECK(fifo_blocking_open),
		CHECK(fifo_poll_hup),
		CHECK(pipe_size_and_fionread),
		CHECK(pipe_limits),
		CHECK(sendfile_to_pipe),
		CHECK(select_time_left),
		CHECK(hostname_everywhere),
		CHECK(proc_filesystems),
		CHECK(sysfs_console_cpu),
	};

	return run_checks("fifo", checks, NCHECKS(checks));
}
