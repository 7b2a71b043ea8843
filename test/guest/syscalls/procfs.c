/*
 * procfs.c - /proc (self, pid/stat, status, cmdline, fd, meminfo, mounts,
 * uptime, stat) and the /dev nodes null, zero, full, urandom.
 */
#include "../check.h"

#include <sys/mman.h>
#include <sys/socket.h>

#include <sys/prctl.h>
#include <sys/sysmacros.h>

/* Reads a whole small file into buf (NUL-terminated); returns its length. */
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

static void self_link(void)
{
	char buf[32], want[32];
	ssize_t n = readlink("/proc/self", buf, sizeof buf - 1);

	REQUIRE(n > 0, "readlink /proc/self: %s", errname(errno));
	buf[n] = 0;
	snprintf(want, sizeof want, "%d", getpid());
	REQUIRE(!strcmp(buf, want), "/proc/self -> %s, want %s", buf, want);
}

static void self_exe(void)
{
	char buf[256];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	REQUIRE(n > 0, "readlink /proc/self/exe: %s", errname(errno));
	buf[n] = 0;
	REQUIRE(buf[0] == '/' && n >= 7 && !strcmp(buf + n - 7, "/procfs"),
		"exe %s", buf);
}

static void self_fd_links(void)
{
	char path[64], buf[256];
	ssize_t n;
	int fd;

	REQUIRE_OK(mkdir("fdd", 0755));
	fd = open("fdd/file", O_RDWR | O_CREAT, 0644);
	REQUIRE_OK(fd);
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof buf - 1);
	REQUIRE(n > 0, "readlink %s: %s", path, errname(errno));
	buf[n] = 0;
	REQUIRE(strstr(buf, "/fdd/file") && buf[0] == '/', "fd link %s", buf);
	REQUIRE_OK(access(path, F_OK));
	close(fd);
	REQUIRE_ERR(access(path, F_OK), ENOENT);
}

/*
 * proc(5): /proc/<pid>/fd/<n> leads to the open file itself, also where
 * the link's text is no path: stat sees a pipe or a socket, opening a
 * pipe's link opens that pipe (a new file on it), a socket's gives
 * ENXIO, and a deleted file can be opened again through it.
 */
static void self_fd_magic_links(void)
{
	char path[64], buf[16];
	struct stat st;
	int p[2], sv, fd, r;

	REQUIRE_OK(pipe(p));
	snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
	REQUIRE_OK(stat(path, &st));
	REQUIRE(S_ISFIFO(st.st_mode), "stat of a pipe's fd link: mode %o", st.st_mode);
	fd = open(path, O_RDONLY);
	REQUIRE_OK(fd);
	REQUIRE(write(p[1], "via", 3) == 3, "write");
	r = (int)read(fd, buf, sizeof buf);
	REQUIRE(r == 3 && !memcmp(buf, "via", 3), "read through the reopened pipe: %d", r);
	close(fd);
	sv = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(sv);
	snprintf(path, sizeof path, "/proc/self/fd/%d", sv);
	REQUIRE_OK(stat(path, &st));
	REQUIRE(S_ISSOCK(st.st_mode), "stat of a socket's fd link: mode %o", st.st_mode);
	REQUIRE_ERR(open(path, O_RDWR), ENXIO);
	fd = open("gone", O_RDWR | O_CREAT, 0600);
	REQUIRE_OK(fd);
	REQUIRE(write(fd, "kept", 4) == 4, "write");
	REQUIRE_OK(unlink("gone"));
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	r = open(path, O_RDONLY);
	REQUIRE_OK(r);
	REQUIRE(read(r, buf, sizeof buf) == 4 && !memcmp(buf, "kept", 4), "deleted file's data");
	close(r);
}

static void pid_stat_fields(void)
{
	char path[64], buf[1024], *p, comm[64], state;
	int pid, ppid, pgrp, session;

	snprintf(path, sizeof path, "/proc/%d/stat", getpid());
	REQUIRE(slurp(path, buf, sizeof buf) > 0, "read %s: %s", path,
		errname(errno));
	REQUIRE(sscanf(buf, "%d", &pid) == 1 && pid == getpid(), "pid field");
	p = strrchr(buf, ')');
	REQUIRE(p && strchr(buf, '(') < p, "no (comm)");
	memcpy(comm, strchr(buf, '(') + 1, p - strchr(buf, '(') - 1);
	comm[p - strchr(buf, '(') - 1] = 0;
	REQUIRE(!strcmp(comm, "procfs"), "comm %s", comm);
	REQUIRE(sscanf(p + 2, "%c %d %d %d", &state, &ppid, &pgrp, &session) == 4,
		"fields after comm: %s", p + 2);
	REQUIRE(state == 'R', "own state %c, want R", state);
	REQUIRE(ppid == getppid() && pgrp == getpgrp() && session == getsid(0),
		"ppid %d pgrp %d sid %d", ppid, pgrp, session);
}

static void pid_stat_sleeping_child(void)
{
	char path[64], buf[512], *p = NULL;
	long long t0 = mono_ms();
	pid_t pid = fork();

	if (pid == 0) {
		sleep_ms(3000);
		_exit(0);
	}
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	while (mono_ms() - t0 < 2500) {
		REQUIRE(slurp(path, buf, sizeof buf) > 0, "read %s", path);
		p = strrchr(buf, ')');
		if (p && p[2] == 'S')
			break;
		sleep_ms(5);
	}
	kill(pid, SIGKILL);
	wait_status(pid);
	REQUIRE(p && p[2] == 'S', "sleeping child's state %c, want S",
		p ? p[2] : '?');
	REQUIRE_ERR(open(path, O_RDONLY), ENOENT);
}

static void self_status(void)
{
	char buf[4096], want[32];

	REQUIRE(slurp("/proc/self/status", buf, sizeof buf) > 0, "read: %s",
		errname(errno));
	REQUIRE(!strncmp(buf, "Name:\tprocfs\n", 13), "first line: %.20s", buf);
	snprintf(want, sizeof want, "\nPid:\t%d\n", getpid());
	REQUIRE(strstr(buf, want), "no '%s' line", want + 1);
	REQUIRE(strstr(buf, "\nUid:\t0\t0\t0\t0\n"), "no root Uid line");
}

static void self_cmdline(void)
{
	char buf[256];
	long n;
	pid_t pid;
	int p[2], st;

	REQUIRE_OK(pipe(p));
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "cat", "/proc/self/cmdline", NULL };
		dup2(p[1], 1);
		execve("/bin/cat", argv, argv + 2);
		_exit(127);
	}
	close(p[1]);
	n = 0;
	for (ssize_t r; (r = read(p[0], buf + n, sizeof buf - n)) > 0;)
		n += r;
	st = wait_status(pid);
	REQUIRE(st == 0, "cat status 0x%x", st);
	/* cat's own argv, each string NUL-terminated. */
	REQUIRE(n == 4 + 19 && !memcmp(buf, "cat\0/proc/self/cmdline\0", n),
		"cmdline of %ld bytes: %.*s", n, (int)n, buf);
}

static void prctl_name_comm(void)
{
	char buf[64];

	REQUIRE_OK(prctl(PR_SET_NAME, "renamed-task", 0, 0, 0));
	REQUIRE(slurp("/proc/self/comm", buf, sizeof buf) > 0, "read comm");
	REQUIRE(!strcmp(buf, "renamed-task\n"), "comm %s", buf);
	REQUIRE_OK(prctl(PR_GET_NAME, buf, 0, 0, 0));
	REQUIRE(!strcmp(buf, "renamed-task"), "PR_GET_NAME %s", buf);
}

static long meminfo_kb(const char *text, const char *field)
{
	const char *p = strstr(text, field);
	long kb;

	if (!p || (p != text && p[-1] != '\n'))
		return -1;
	if (sscanf(p + strlen(field), " %ld kB", &kb) != 1)
		return -1;
	return kb;
}

static void meminfo_fields(void)
{
	char buf[8192];
	long total, fr, avail;

	REQUIRE(slurp("/proc/meminfo", buf, sizeof buf) > 0, "read: %s",
		errname(errno));
	total = meminfo_kb(buf, "MemTotal:");
	fr = meminfo_kb(buf, "MemFree:");
	avail = meminfo_kb(buf, "MemAvailable:");
	REQUIRE(total > 100000 && total < 1100000, "MemTotal %ld kB for a "
		"512 MiB guest", total);
	REQUIRE(fr > 0 && fr <= total, "MemFree %ld", fr);
	REQUIRE(avail > 0 && avail <= total, "MemAvailable %ld", avail);
	REQUIRE(meminfo_kb(buf, "Cached:") >= 0, "no Cached:");
}

static void proc_mounts(void)
{
	char buf[4096];

	REQUIRE(slurp("/proc/mounts", buf, sizeof buf) > 0, "read: %s",
		errname(errno));
	REQUIRE(strstr(buf, "proc /proc proc "), "no /proc line");
	REQUIRE(strstr(buf, " /tmp tmpfs "), "no /tmp tmpfs line");
	REQUIRE(strstr(buf, " /dev/shm tmpfs "), "no /dev/shm tmpfs line");
	REQUIRE(strstr(buf, " /dev devtmpfs "), "no /dev devtmpfs line");
}

static void proc_uptime_stat(void)
{
	char buf[8192];
	double up, idle;
	unsigned long long user;

	long long boot_ns = now_ns(CLOCK_BOOTTIME);
	REQUIRE(slurp("/proc/uptime", buf, sizeof buf) > 0, "read uptime");
	REQUIRE(sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 0,
		"uptime: %s", buf);
	/* proc(5): the first number is the time since boot, CLOCK_BOOTTIME. */
	REQUIRE(up * 1e9 >= boot_ns - 20000000LL &&
		up * 1e9 <= now_ns(CLOCK_BOOTTIME) + 20000000LL,
		"/proc/uptime says %.2f s, CLOCK_BOOTTIME %.3f s", up, boot_ns / 1e9);
	REQUIRE(slurp("/proc/stat", buf, sizeof buf) > 0, "read stat");
	REQUIRE(sscanf(buf, "cpu %llu", &user) == 1, "first line: %.30s", buf);
	const char *bt = strstr(buf, "\nbtime ");
	REQUIRE(bt, "no btime line");
	/* btime: the wall-clock time of boot, in seconds. */
	long long btime = atoll(bt + 7);
	long long boot_at = (now_ns(CLOCK_REALTIME) - now_ns(CLOCK_BOOTTIME)) / 1000000000LL;
	REQUIRE(btime >= boot_at - 1 && btime <= boot_at + 1,
		"btime %lld, but the clocks say the boot was at %lld", btime, boot_at);
	REQUIRE(slurp("/proc/loadavg", buf, sizeof buf) > 0, "read loadavg");
	/* "0.00 0.01 0.05 1/42 123": three averages, running/total, last pid. */
	double l1, l5, l15;
	int running, total, last;
	REQUIRE(sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running,
		       &total, &last) == 6, "loadavg: %s", buf);
	REQUIRE(l1 >= 0 && l5 >= 0 && l15 >= 0 && running >= 1 &&
		running <= total && last > 0, "loadavg: %s", buf);
}

static void proc_lists_pids(void)
{
	char path[32];
	struct stat st;

	REQUIRE_OK(stat("/proc/1", &st));
	REQUIRE(S_ISDIR(st.st_mode), "/proc/1 not a directory");
	snprintf(path, sizeof path, "/proc/%d/stat", getppid());
	REQUIRE_OK(access(path, R_OK));
	REQUIRE_ERR(access("/proc/999999/stat", F_OK), ENOENT);
}

static void dev_null(void)
{
	char buf[8];
	int fd = open("/dev/null", O_RDWR);

	REQUIRE_OK(fd);
	REQUIRE(write(fd, "gone", 4) == 4, "write to /dev/null");
	REQUIRE(read(fd, buf, sizeof buf) == 0, "read from /dev/null not EOF");
}

static void dev_zero(void)
{
	char buf[5000];
	size_t i;
	int fd = open("/dev/zero", O_RDWR);

	REQUIRE_OK(fd);
	memset(buf, 'x', sizeof buf);
	REQUIRE(read(fd, buf, sizeof buf) == (ssize_t)sizeof buf, "read");
	for (i = 0; i < sizeof buf; i++)
		REQUIRE(buf[i] == 0, "byte %zu not zero", i);
	REQUIRE(write(fd, buf, 10) == 10, "write to /dev/zero");
}

static void dev_full(void)
{
	char buf[16];
	int fd = open("/dev/full", O_RDWR);

	REQUIRE_OK(fd);
	REQUIRE_ERR(write(fd, "x", 1), ENOSPC);
	buf[0] = 'x';
	REQUIRE(read(fd, buf, sizeof buf) == (ssize_t)sizeof buf && buf[0] == 0,
		"read from /dev/full");
}

static void dev_urandom(void)
{
	unsigned char a[4096];
	int counts[256] = { 0 }, fd = open("/dev/urandom", O_RDONLY), i, maxc = 0;

	REQUIRE_OK(fd);
	REQUIRE(read(fd, a, sizeof a) == (ssize_t)sizeof a, "read");
	for (i = 0; i < (int)sizeof a; i++)
		counts[a[i]]++;
	for (i = 0; i < 256; i++)
		maxc = counts[i] > maxc ? counts[i] : maxc;
	/* 16 expected per value; 60 is far beyond chance. */
	REQUIRE(maxc < 60, "a byte value repeats %d times in 4096", maxc);
}

static void dev_nodes(void)
{
	static const struct { const char *path; int maj, min; } nodes[] = {
		{ "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 },
		{ "/dev/full", 1, 7 }, { "/dev/urandom", 1, 9 },
		{ "/dev/tty", 5, 0 }, { "/dev/console", 5, 1 },
	};
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
		REQUIRE(stat(nodes[i].path, &st) == 0, "%s: %s", nodes[i].path,
			errname(errno));
		REQUIRE(S_ISCHR(st.st_mode) && (int)major(st.st_rdev) == nodes[i].maj &&
			(int)minor(st.st_rdev) == nodes[i].min, "%s is %u:%u",
			nodes[i].path, major(st.st_rdev), minor(st.st_rdev));
	}
}

/*
 * proc_pid_maps(5): the stack exec built and the brk heap are named
 * [stack] and [heap], a name starting at column 74; an unnamed mapping's
 * line ends with a blank after the inode.
 */
static void maps_stack_heap(void)
{
	static char buf[16384];
	char *line, *stack = NULL, *heap = NULL, *anon = NULL;
	long cur = syscall(SYS_brk, 0);

	/* musl's brk() always fails: the system call itself grows the heap. */
	REQUIRE(syscall(SYS_brk, cur + 65536) == cur + 65536, "brk");
	REQUIRE(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED, "mmap");
	REQUIRE(slurp("/proc/self/maps", buf, sizeof buf) > 0, "read maps");
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		size_t n = strlen(line);

		if (n > 7 && strcmp(line + n - 7, "[stack]") == 0)
			stack = line;
		else if (n > 6 && strcmp(line + n - 6, "[heap]") == 0)
			heap = line;
		else if (n > 9 && strcmp(line + n - 9, " 00:00 0 ") == 0)
			anon = line;
	}
	REQUIRE(stack && strlen(stack) == 73 + 7, "no [stack] line at column 74");
	REQUIRE(heap && strlen(heap) == 73 + 6, "no [heap] line at column 74");
	REQUIRE(anon != NULL, "no unnamed mapping ending in '00:00 0 '");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(self_link),
		CHECK(self_exe),
		CHECK(self_fd_links),
		CHECK(self_fd_magic_links),
		CHECK(pid_stat_fields),
		CHECK(pid_stat_sleeping_child),
		CHECK(self_status),
		CHECK(self_cmdline),
		CHECK(prctl_name_comm),
		CHECK(meminfo_fields),
		CHECK(proc_mounts),
		CHECK(proc_uptime_stat),
		CHECK(proc_lists_pids),
		CHECK(dev_null),
		CHECK(dev_zero),
		CHECK(dev_full),
		CHECK(dev_urandom),
		CHECK(dev_nodes),
		CHECK(maps_stack_heap),
	};

	return run_checks("procfs", checks, NCHECKS(checks));
}
