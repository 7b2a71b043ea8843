/*
 * machine.c - what `uptime`, `free`, `df` and `hwclock` ask the kernel:
 * sysinfo(2) against /proc/loadavg, /proc/uptime and /proc/meminfo;
 * statfs(2)/fstatfs(2) on each kind of file system with Linux's f_type
 * magic numbers (statfs(2)) and tmpfs's limits (tmpfs(5): size= and
 * nr_inodes=, by default half of RAM; a full tmpfs answers ENOSPC and
 * keeps what it holds); the RTC character device (rtc(4)); the console's
 * window size; the SIGCHLD wait busybox init relies on; and the timer
 * interrupt of an idle machine (no periodic tick while nothing runs:
 * Linux's NO_HZ_IDLE) with the per-thread timer slack of prctl(2).
 */
#include "../check.h"

#include <linux/rtc.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <termios.h>
#include <time.h>

#define TMPFS_MAGIC		0x01021994
#define RAMFS_MAGIC		0x858458f6
#define PROC_SUPER_MAGIC	0x9fa0
#define SYSFS_MAGIC		0x62656572
#define SI_LOAD_SHIFT		16
#define FSHIFT			11

/* The first line of a /proc file, or "" when it cannot be read. */
static void first_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (f) {
		if (!fgets(buf, (int)size, f))
			buf[0] = '\0';
		fclose(f);
	}
}

/* A "Name: N kB" line of /proc/meminfo in kB, or -1. */
static long long meminfo(const char *name)
{
	char line[128];
	long long v = -1;
	size_t n = strlen(name);
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, name, n) && line[n] == ':') {
			v = strtoll(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* /proc/loadavg's three figures from sysinfo's loads (Linux's rounding). */
static void loads_text(const struct sysinfo *si, char *buf, size_t size)
{
	size_t n = 0;

	for (int k = 0; k < 3; k++) {
		unsigned long a = si->loads[k] >> (SI_LOAD_SHIFT - FSHIFT);
		unsigned long v = a + (1ul << FSHIFT) / 200;

		n += (size_t)snprintf(buf + n, size - n, "%s%lu.%02lu", k ? " " : "",
				      v >> FSHIFT, ((v & ((1ul << FSHIFT) - 1)) * 100) >> FSHIFT);
	}
}

/*
 * sysinfo's loads are /proc/loadavg's, in 16 bits of fraction whose low
 * 5 are 0 (Linux keeps 11); both are sampled every 5 s, so the two are
 * compared between two equal reads of the file.
 */
static void sysinfo_loads_match_proc(void)
{
	char before[128], after[128], mine[64];
	struct sysinfo si;

	for (int tries = 0; tries < 3; tries++) {
		first_line("/proc/loadavg", before, sizeof before);
		REQUIRE_OK(sysinfo(&si));
		first_line("/proc/loadavg", after, sizeof after);
		if (!strcmp(before, after))
			break;
	}
	REQUIRE(!strcmp(before, after), "/proc/loadavg kept changing");
	for (int k = 0; k < 3; k++)
		REQUIRE((si.loads[k] & ((1ul << (SI_LOAD_SHIFT - FSHIFT)) - 1)) == 0,
			"loads[%d] 0x%lx has bits below Linux's 11-bit fraction", k, si.loads[k]);
	loads_text(&si, mine, sizeof mine);
	REQUIRE(!strncmp(before, mine, strlen(mine)) && before[strlen(mine)] == ' ',
		"sysinfo loads %s, /proc/loadavg %s", mine, before);
	check_note("%s", mine);
}

/*
 * The rest of sysinfo: uptime as /proc/uptime's, RAM as /proc/meminfo's
 * MemTotal, Shmem (sharedram) and Buffers (bufferram), no swap, procs
 * at least this process, and the padding after mem_unit zeroed.
 */
static void sysinfo_fields(void)
{
	struct sysinfo si;
	unsigned char *tail;
	char up[64];
	long long shmem, total;
	double proc_up;

	memset(&si, 0xa5, sizeof si);
	first_line("/proc/uptime", up, sizeof up);
	REQUIRE_OK(sysinfo(&si));
	proc_up = strtod(up, NULL);
	REQUIRE(si.uptime >= (unsigned long)proc_up && si.uptime <= (unsigned long)proc_up + 1,
		"uptime %ld, /proc/uptime %s", si.uptime, up);
	total = meminfo("MemTotal");
	shmem = meminfo("Shmem");
	REQUIRE(si.mem_unit >= 1, "mem_unit %u", si.mem_unit);
	REQUIRE((unsigned long long)si.totalram * si.mem_unit == (unsigned long long)total * 1024,
		"totalram %lu x %u, MemTotal %lld kB", si.totalram, si.mem_unit, total);
	/* Shmem moves with every tmpfs write in the machine: 1 MiB of slack. */
	REQUIRE(llabs((long long)(si.sharedram * si.mem_unit / 1024) - shmem) <= 1024,
		"sharedram %lu x %u, Shmem %lld kB", si.sharedram, si.mem_unit, shmem);
	REQUIRE((unsigned long long)si.bufferram * si.mem_unit ==
		(unsigned long long)meminfo("Buffers") * 1024,
		"bufferram %lu, Buffers %lld kB", si.bufferram, meminfo("Buffers"));
	REQUIRE(si.freeram > 0 && si.freeram < si.totalram, "freeram %lu of %lu",
		si.freeram, si.totalram);
	REQUIRE(si.totalswap == 0 && si.freeswap == 0, "swap %lu/%lu", si.freeswap,
		si.totalswap);
	REQUIRE(si.procs >= 1 && si.procs < 10000, "procs %u", si.procs);
	/* After mem_unit: padding up to the kernel's 112-byte x86-64 layout
	 * (musl's struct reserves more, which the kernel leaves alone). */
	tail = (unsigned char *)&si.mem_unit + sizeof si.mem_unit;
	for (unsigned char *p = tail; p < (unsigned char *)&si + 112; p++)
		REQUIRE(*p == 0, "padding byte %d is 0x%x", (int)(p - (unsigned char *)&si), *p);
	REQUIRE_ERR(syscall(SYS_sysinfo, BADPTR), EFAULT);
}

/* A mounted directory's statfs: its type, and (want_blocks) real sizes. */
static void fs_is(const char *path, unsigned long magic, int want_blocks)
{
	struct statfs sf;

	REQUIRE_OK(statfs(path, &sf));
	REQUIRE((unsigned long)sf.f_type == magic, "%s f_type 0x%lx, want 0x%lx", path,
		(unsigned long)sf.f_type, magic);
	REQUIRE(sf.f_bsize == 4096 && sf.f_frsize == 4096 && sf.f_namelen == 255,
		"%s bsize %ld frsize %ld namelen %ld", path, (long)sf.f_bsize,
		(long)sf.f_frsize, (long)sf.f_namelen);
	if (want_blocks)
		REQUIRE(sf.f_blocks > 0 && sf.f_bfree <= sf.f_blocks &&
			sf.f_bavail == sf.f_bfree && sf.f_files > 0 &&
			sf.f_ffree < sf.f_files,
			"%s blocks %lu free %lu avail %lu files %lu ffree %lu", path,
			(unsigned long)sf.f_blocks, (unsigned long)sf.f_bfree,
			(unsigned long)sf.f_bavail, (unsigned long)sf.f_files,
			(unsigned long)sf.f_ffree);
}

/* What `df` lists: /, /tmp, /dev, /dev/shm, all tmpfs with sizes. */
static void statfs_mounted(void)
{
	struct statfs a, b;
	int fd;

	static const char *const tmpfs_dirs[] = { "/", "/tmp", "/dev", "/dev/shm" };

	for (unsigned i = 0; i < sizeof tmpfs_dirs / sizeof tmpfs_dirs[0]; i++) {
		fs_is(tmpfs_dirs[i], TMPFS_MAGIC, 1);
		if (check_failed_once)
			return;
	}
	fs_is("/proc", PROC_SUPER_MAGIC, 0);
	if (check_failed_once)
		return;
	/* fstatfs of a directory and of a file: the same numbers. */
	REQUIRE_OK(statfs("/dev/shm", &a));
	fd = open("/dev/shm", O_RDONLY | O_DIRECTORY);
	REQUIRE_OK(fd);
	REQUIRE_OK(fstatfs(fd, &b));
	close(fd);
	REQUIRE(a.f_type == b.f_type && a.f_blocks == b.f_blocks && a.f_files == b.f_files,
		"statfs and fstatfs of /dev/shm differ");
	fd = open("/proc/self/stat", O_RDONLY);
	REQUIRE_OK(fd);
	REQUIRE_OK(fstatfs(fd, &b));
	close(fd);
	REQUIRE(b.f_type == PROC_SUPER_MAGIC && b.f_blocks == 0,
		"fstatfs /proc/self/stat: type 0x%lx blocks %lu", (unsigned long)b.f_type,
		(unsigned long)b.f_blocks);
	REQUIRE_ERR(fstatfs(-1, &a), EBADF);
	REQUIRE_ERR(syscall(SYS_fstatfs, 0, BADPTR), EFAULT);
}

/*
 * Fresh mounts: sysfs and ramfs report no sizes (Linux's simple_statfs);
 * a tmpfs without options is half of RAM in pages and inodes, and
 * /proc/mounts shows no size for it; size=0 means unlimited (0 blocks).
 */
static void statfs_fresh_mounts(void)
{
	struct sysinfo si;
	struct statfs sf;
	unsigned long half;

	REQUIRE_OK(mkdir("s", 0755));
	REQUIRE_OK(mount("sysfs", "s", "sysfs", 0, NULL));
	fs_is("s", SYSFS_MAGIC, 0);
	if (check_failed_once)
		return;
	REQUIRE_OK(statfs("s", &sf));
	REQUIRE(sf.f_blocks == 0 && sf.f_files == 0, "sysfs blocks %lu files %lu",
		(unsigned long)sf.f_blocks, (unsigned long)sf.f_files);
	REQUIRE_OK(umount2("s", 0));
	REQUIRE_OK(mount("ramfs", "s", "ramfs", 0, NULL));
	fs_is("s", RAMFS_MAGIC, 0);
	if (check_failed_once)
		return;
	REQUIRE_OK(statfs("s", &sf));
	REQUIRE(sf.f_blocks == 0 && sf.f_files == 0, "ramfs blocks %lu files %lu",
		(unsigned long)sf.f_blocks, (unsigned long)sf.f_files);
	REQUIRE_OK(umount2("s", 0));
	REQUIRE_OK(mount("tmpfs", "s", "tmpfs", 0, NULL));
	REQUIRE_OK(sysinfo(&si));
	REQUIRE_OK(statfs("s", &sf));
	half = (unsigned long)((unsigned long long)si.totalram * si.mem_unit / 4096 / 2);
	REQUIRE(sf.f_type == TMPFS_MAGIC && sf.f_blocks == half && sf.f_bfree == half &&
		sf.f_files == half && sf.f_ffree == half - 1,
		"tmpfs blocks %lu free %lu files %lu ffree %lu, want %lu (half of RAM)",
		(unsigned long)sf.f_blocks, (unsigned long)sf.f_bfree,
		(unsigned long)sf.f_files, (unsigned long)sf.f_ffree, half);
	REQUIRE_OK(umount2("s", 0));
	REQUIRE_OK(mount("tmpfs", "s", "tmpfs", 0, "size=0,nr_inodes=0"));
	REQUIRE_OK(statfs("s", &sf));
	REQUIRE(sf.f_blocks == 0 && sf.f_files == 0, "size=0: blocks %lu files %lu",
		(unsigned long)sf.f_blocks, (unsigned long)sf.f_files);
	REQUIRE_OK(umount2("s", 0));
}

/*
 * tmpfs(5) size=1m: 256 pages; 1 MiB of writes fit, the next byte is
 * ENOSPC, every byte already written reads back, and unlinking gives
 * the space back.  nr_inodes=4: the root and three more.
 */
static void tmpfs_size_enospc(void)
{
	static char chunk[65536], back[65536];
	struct statfs sf;
	int fd, i;

	REQUIRE_OK(mkdir("t", 0755));
	REQUIRE_OK(mount("tmpfs", "t", "tmpfs", 0, "size=1m,nr_inodes=4"));
	REQUIRE_OK(statfs("t", &sf));
	REQUIRE(sf.f_blocks == 256 && sf.f_bfree == 256 && sf.f_files == 4 && sf.f_ffree == 3,
		"size=1m: blocks %lu free %lu files %lu ffree %lu",
		(unsigned long)sf.f_blocks, (unsigned long)sf.f_bfree,
		(unsigned long)sf.f_files, (unsigned long)sf.f_ffree);
	fd = open("t/big", O_RDWR | O_CREAT, 0644);
	REQUIRE_OK(fd);
	for (i = 0; i < 16; i++) {
		memset(chunk, 'a' + i, sizeof chunk);
		REQUIRE_RET(write(fd, chunk, sizeof chunk), (ssize_t)sizeof chunk);
	}
	REQUIRE_ERR(write(fd, "x", 1), ENOSPC);
	REQUIRE_OK(statfs("t", &sf));
	REQUIRE(sf.f_bfree == 0 && sf.f_bavail == 0, "full: bfree %lu",
		(unsigned long)sf.f_bfree);
	REQUIRE_RET(lseek(fd, 0, SEEK_END), 1 << 20);
	for (i = 0; i < 16; i++) {
		memset(chunk, 'a' + i, sizeof chunk);
		REQUIRE_RET(pread(fd, back, sizeof back, (off_t)i * (off_t)sizeof back),
			    (ssize_t)sizeof back);
		REQUIRE(!memcmp(chunk, back, sizeof back), "chunk %d changed after ENOSPC", i);
	}
	close(fd);
	REQUIRE_OK(close(open("t/a", O_RDWR | O_CREAT, 0644)));
	REQUIRE_OK(mkdir("t/b", 0755));
	REQUIRE_ERR(open("t/c", O_RDWR | O_CREAT, 0644), ENOSPC);
	REQUIRE_OK(unlink("t/big"));
	REQUIRE_OK(statfs("t", &sf));
	REQUIRE(sf.f_bfree == 256 && sf.f_ffree == 1, "after unlink: bfree %lu ffree %lu",
		(unsigned long)sf.f_bfree, (unsigned long)sf.f_ffree);
	REQUIRE_OK(umount2("t", 0));
}

/* The RTC's time as Unix seconds (the clock keeps UTC under QEMU). */
static long long rtc_seconds(const struct rtc_time *t)
{
	struct tm tm = {
		.tm_sec = t->tm_sec, .tm_min = t->tm_min, .tm_hour = t->tm_hour,
		.tm_mday = t->tm_mday, .tm_mon = t->tm_mon, .tm_year = t->tm_year,
	};

	return (long long)timegm(&tm);
}

/*
 * /dev/rtc0 and the /dev/rtc link /init makes (as udev does): RTC_RD_TIME
 * gives the host's UTC time as the system clock has it (QEMU's CMOS
 * follows the host), with Linux's field ranges; a second open is EBUSY;
 * an unknown ioctl ENOTTY; a bad pointer EFAULT.
 */
static void rtc_read_time(void)
{
	struct rtc_time t;
	char link[32];
	ssize_t n;
	long long now, rtc;
	int fd, fd2;

	n = readlink("/dev/rtc", link, sizeof link - 1);
	REQUIRE(n == 4 && !memcmp(link, "rtc0", 4), "/dev/rtc is not a link to rtc0");
	fd = open("/dev/rtc0", O_RDONLY);
	REQUIRE(fd >= 0, "open /dev/rtc0: %s", errname(errno));
	memset(&t, 0xff, sizeof t);
	REQUIRE_OK(ioctl(fd, RTC_RD_TIME, &t));
	now = (long long)time(NULL);
	rtc = rtc_seconds(&t);
	REQUIRE(t.tm_mon >= 0 && t.tm_mon <= 11 && t.tm_mday >= 1 && t.tm_mday <= 31 &&
		t.tm_hour >= 0 && t.tm_hour <= 23 && t.tm_year >= 120,
		"rtc %d-%d-%d %d:%d:%d", t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour,
		t.tm_min, t.tm_sec);
	REQUIRE(rtc >= now - 2 && rtc <= now + 2, "rtc %lld, time() %lld", rtc, now);
	errno = 0;
	fd2 = open("/dev/rtc0", O_RDONLY);
	REQUIRE(fd2 == -1 && errno == EBUSY, "second open: %d (%s)", fd2, errname(errno));
	REQUIRE_ERR(ioctl(fd, RTC_RD_TIME, BADPTR), EFAULT);
	REQUIRE_ERR(ioctl(fd, TCGETS, &t), ENOTTY);
	close(fd);
	fd = open("/dev/rtc", O_RDONLY);	/* free again after close */
	REQUIRE(fd >= 0, "open /dev/rtc after close: %s", errname(errno));
	close(fd);
	check_note("%04d-%02d-%02d %02d:%02d:%02d", t.tm_year + 1900, t.tm_mon + 1,
		   t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
}

/*
 * RTC_SET_TIME: out-of-range fields are EINVAL; without CAP_SYS_TIME
 * EACCES; setting the clock 1000 s ahead reads back so, and does not move
 * the system clock; the clock is set back before the check ends.
 */
static void rtc_set_time(void)
{
	struct rtc_time t, bad, back;
	long long was, now;
	int fd = open("/dev/rtc0", O_RDONLY);

	REQUIRE(fd >= 0, "open /dev/rtc0: %s", errname(errno));
	REQUIRE_OK(ioctl(fd, RTC_RD_TIME, &t));
	was = rtc_seconds(&t);
	bad = t;
	bad.tm_mon = 12;
	REQUIRE_ERR(ioctl(fd, RTC_SET_TIME, &bad), EINVAL);
	bad = t;
	bad.tm_hour = 24;
	REQUIRE_ERR(ioctl(fd, RTC_SET_TIME, &bad), EINVAL);
	bad = t;
	bad.tm_mon = 1;
	bad.tm_mday = 30;
	REQUIRE_ERR(ioctl(fd, RTC_SET_TIME, &bad), EINVAL);
	REQUIRE_ERR(ioctl(fd, RTC_SET_TIME, BADPTR), EFAULT);
	{
		time_t ahead = (time_t)(was + 1000);
		struct tm tm;

		gmtime_r(&ahead, &tm);
		memset(&bad, 0, sizeof bad);
		bad.tm_sec = tm.tm_sec;
		bad.tm_min = tm.tm_min;
		bad.tm_hour = tm.tm_hour;
		bad.tm_mday = tm.tm_mday;
		bad.tm_mon = tm.tm_mon;
		bad.tm_year = tm.tm_year;
	}
	REQUIRE_OK(ioctl(fd, RTC_SET_TIME, &bad));
	REQUIRE_OK(ioctl(fd, RTC_RD_TIME, &back));
	now = (long long)time(NULL);
	/* Put the clock back (the time it would show had nobody set it). */
	{
		time_t right = (time_t)now;
		struct tm tm;

		gmtime_r(&right, &tm);
		memset(&t, 0, sizeof t);
		t.tm_sec = tm.tm_sec;
		t.tm_min = tm.tm_min;
		t.tm_hour = tm.tm_hour;
		t.tm_mday = tm.tm_mday;
		t.tm_mon = tm.tm_mon;
		t.tm_year = tm.tm_year;
	}
	REQUIRE_OK(ioctl(fd, RTC_SET_TIME, &t));
	REQUIRE(rtc_seconds(&back) >= was + 1000 && rtc_seconds(&back) <= was + 1003,
		"set to %lld, read back %lld", was + 1000, rtc_seconds(&back));
	REQUIRE(now >= was - 2 && now <= was + 3, "the system clock moved: %lld, was %lld",
		now, was);
	/* Without CAP_SYS_TIME (an unprivileged user keeps the open file). */
	REQUIRE_OK(setresuid(65534, 65534, 65534));
	REQUIRE_ERR(ioctl(fd, RTC_SET_TIME, &t), EACCES);
	REQUIRE_OK(ioctl(fd, RTC_RD_TIME, &back));
	close(fd);
}

static volatile sig_atomic_t winch_seen;

static void on_winch(int sig)
{
	(void)sig;
	winch_seen++;
}

/*
 * TIOCSWINSZ on the console (the runner's controlling terminal, whose
 * foreground group this check is in): a new size is stored and sends
 * SIGWINCH to the foreground group; the same size again sends none.
 */
static void winsize_sigwinch(void)
{
	struct winsize orig, w = { .ws_row = 37, .ws_col = 101 }, got;
	struct sigaction sa = { .sa_handler = on_winch };
	int fd = open("/dev/tty", O_RDWR);

	REQUIRE(fd >= 0, "open /dev/tty: %s", errname(errno));
	REQUIRE(tcgetpgrp(fd) == getpgrp(), "not in the foreground group");
	REQUIRE_OK(sigaction(SIGWINCH, &sa, NULL));
	REQUIRE_OK(ioctl(fd, TIOCGWINSZ, &orig));
	if (orig.ws_row == w.ws_row && orig.ws_col == w.ws_col)
		w.ws_row++;
	REQUIRE_OK(ioctl(fd, TIOCSWINSZ, &w));
	for (int i = 0; i < 100 && !winch_seen; i++)
		usleep(10000);
	REQUIRE(winch_seen == 1, "%d SIGWINCH after a new size", (int)winch_seen);
	REQUIRE_OK(ioctl(fd, TIOCSWINSZ, &w));
	usleep(50000);
	REQUIRE(winch_seen == 1, "SIGWINCH for the same size");
	memset(&got, 0, sizeof got);
	REQUIRE_OK(ioctl(fd, TIOCGWINSZ, &got));
	REQUIRE_OK(ioctl(fd, TIOCSWINSZ, &orig));
	REQUIRE(got.ws_row == w.ws_row && got.ws_col == w.ws_col, "got %dx%d, set %dx%d",
		got.ws_row, got.ws_col, w.ws_row, w.ws_col);
	REQUIRE_ERR(ioctl(fd, TIOCSWINSZ, BADPTR), EFAULT);
	close(fd);
}

/*
 * What busybox init waits with: SIGCHLD (ignored by default) blocked,
 * then sigtimedwait for it while the child is still running.  The
 * child's end must be reported, not discarded as an ignored signal.
 */
static void sigtimedwait_sigchld(void)
{
	struct timespec ts = { .tv_sec = 5 };
	siginfo_t info;
	sigset_t set;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	REQUIRE_OK(sigprocmask(SIG_BLOCK, &set, NULL));
	pid = fork();
	REQUIRE_OK(pid);
	if (pid == 0) {
		usleep(200000);
		_exit(7);
	}
	{
		int sig = sigtimedwait(&set, &info, &ts);

		REQUIRE(sig == SIGCHLD, "sigtimedwait returned %d (%s), want SIGCHLD", sig,
			sig < 0 ? errname(errno) : "a signal");
	}
	REQUIRE(info.si_pid == pid && info.si_code == CLD_EXITED && info.si_status == 7,
		"siginfo pid %d code %d status %d", (int)info.si_pid, info.si_code,
		info.si_status);
	REQUIRE(wait_status(pid) == 7 << 8, "child status");
}

/* The LOC (local APIC timer) count of /proc/interrupts, summed over CPUs. */
static long long local_timer_interrupts(void)
{
	char line[1024], *p, *end;
	long long sum = -1;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		p = line + strspn(line, " ");
		if (strncmp(p, "LOC:", 4))
			continue;
		sum = 0;
		for (p += 4;; p = end) {
			long long v = strtoll(p, &end, 10);

			if (end == p)
				break;
			sum += v;
		}
		break;
	}
	fclose(f);
	return sum;
}

/*
 * While the machine idles, the timer interrupt comes only when a timer
 * is due: one second asleep takes far fewer than a periodic tick's HZ
 * interrupts (Tern's HZ is 1000, Debian's 250; both stop the tick).
 */
#define IDLE_MAX_TIMER_IRQS 200

static void idle_no_periodic_tick(void)
{
	long long a = local_timer_interrupts(), b;

	REQUIRE(a >= 0, "no LOC line in /proc/interrupts");
	sleep_ms(1000);
	b = local_timer_interrupts();
	REQUIRE(b >= a, "LOC went from %lld to %lld", a, b);
	REQUIRE(b - a < IDLE_MAX_TIMER_IRQS, "%lld timer interrupts in an idle second", b - a);
	check_note("%lld timer interrupts in an idle second", b - a);
}

/* prctl(2) PR_SET_TIMERSLACK: 50 us by default, 0 restores what the
 * thread had at fork, and a child starts with its parent's slack. */
static void timer_slack(void)
{
	pid_t pid;

	REQUIRE_RET(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 50000);
	REQUIRE_RET(prctl(PR_SET_TIMERSLACK, 1000, 0, 0, 0), 0);
	REQUIRE_RET(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 1000);
	pid = fork();
	REQUIRE_OK(pid);
	if (pid == 0) {
		/* The child's default is the slack it was forked with. */
		int ok = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 1000 &&
			 prctl(PR_SET_TIMERSLACK, 7000, 0, 0, 0) == 0 &&
			 prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0) == 0 &&
			 prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 1000;
		_exit(ok ? 0 : 1);
	}
	REQUIRE(wait_status(pid) == 0, "the child's slack was not its parent's");
	REQUIRE_RET(prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0), 0);
	REQUIRE_RET(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 50000);
}

/* PR_SET_NO_NEW_PRIVS is one-way and inherited; its arguments are checked. */
static void no_new_privs(void)
{
	pid_t pid = fork();

	REQUIRE_OK(pid);
	if (pid == 0) {
		int ok = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0 &&
			 prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0) == -1 && errno == EINVAL &&
			 prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0) == -1 && errno == EINVAL &&
			 prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
			 prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1;
		if (ok) {
			pid_t gc = fork();

			if (gc == 0)
				_exit(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : 1);
			ok = gc > 0 && wait_status(gc) == 0;
		}
		_exit(ok ? 0 : 1);
	}
	REQUIRE(wait_status(pid) == 0, "no_new_privs not set, checked or inherited");
	REQUIRE_RET(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(sysinfo_loads_match_proc),
		CHECK(sysinfo_fields),
		CHECK(statfs_mounted),
		CHECK(statfs_fresh_mounts),
		CHECK(tmpfs_size_enospc),
		CHECK(rtc_read_time),
		CHECK(rtc_set_time),
		CHECK(winsize_sigwinch),
		CHECK(sigtimedwait_sigchld),
		CHECK(idle_no_periodic_tick),
		CHECK(timer_slack),
		CHECK(no_new_privs),
	};

	return run_checks("machine", checks, NCHECKS(checks));
}
