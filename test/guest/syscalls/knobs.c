/*
 * knobs.c - the /proc files LTP's library and tests read and write:
 * /proc/<pid>/oom_score_adj, oom_adj and oom_score (ranges, the legacy
 * scale, the floor an unprivileged writer may not go under, inheritance),
 * /proc/sys/fs/nr_open against RLIMIT_NOFILE, /proc/sys/kernel/threads-max
 * against fork and RLIMIT_NPROC, /proc/sys/fs/file-max and file-nr
 * against open; PR_GET/SET_DUMPABLE and the owner of
 * /proc/self.  proc(5), prctl(2).
 */
#define _GNU_SOURCE
#include "../check.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;
	int e;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static long get(const char *path)
{
	char buf[64] = "";

	return read_text(path, buf, sizeof(buf)) > 0 ? strtol(buf, NULL, 10) : -99999;
}

#define ADJ	"/proc/self/oom_score_adj"
#define LEGACY	"/proc/self/oom_adj"
#define SCORE	"/proc/self/oom_score"

static void oom_scales(void)
{
	REQUIRE_OK(put(ADJ, "500\n"));
	REQUIRE_RET(get(ADJ), 500);
	REQUIRE_RET(get(LEGACY), 8);		/* 500 * 17 / 1000 */
	long s = get(SCORE);
	REQUIRE(s >= 990 && s <= 1050, "oom_score at 500: %ld", s);
	REQUIRE_OK(put(ADJ, "0"));
	s = get(SCORE);
	REQUIRE(s >= 660 && s <= 720, "oom_score at 0: %ld", s);
	REQUIRE_OK(put(ADJ, "-1000"));
	REQUIRE_RET(get(SCORE), 0);
	REQUIRE_RET(get(LEGACY), -17);
	REQUIRE_OK(put(LEGACY, "15"));
	REQUIRE_RET(get(ADJ), 1000);
	REQUIRE_OK(put(LEGACY, "-8"));
	REQUIRE_RET(get(ADJ), -470);		/* -8 * 1000 / 17 */
	REQUIRE_RET(get(LEGACY), -7);		/* and back: -470 * 17 / 1000 */
	REQUIRE(put(ADJ, "1001") < 0 && errno == EINVAL, "1001: %s", errname(errno));
	REQUIRE(put(ADJ, "abc") < 0 && errno == EINVAL, "abc: %s", errname(errno));
	REQUIRE(put(LEGACY, "16") < 0 && errno == EINVAL, "oom_adj 16: %s", errname(errno));
	REQUIRE_RET(get("/proc/1/oom_score"), 0);	/* init is never chosen */
	REQUIRE_OK(put(ADJ, "0"));
}

/* A child that drops root may not go below the floor the last privileged
 * write set; the values are inherited across fork. */
static void oom_floor_and_inheritance(void)
{
	REQUIRE_OK(put(ADJ, "300"));
	pid_t pid = fork();
	if (pid == 0) {
		if (get(ADJ) != 300)
			_exit(1);
		if (setuid(65534) < 0)
			_exit(2);
		/* Still ours to write: a process that changed uid is not
		 * dumpable, and /proc/self then belongs to root. */
		if (prctl(PR_SET_DUMPABLE, 1) < 0)
			_exit(8);
		if (put(ADJ, "200") == 0 || errno != EACCES)
			_exit(3);		/* below 300, the floor */
		if (put(ADJ, "600") < 0)
			_exit(4);		/* up: fine */
		if (put(ADJ, "300") < 0)
			_exit(5);		/* back down to the floor: fine */
		if (put(LEGACY, "4") == 0 || errno != EACCES)
			_exit(6);		/* legacy: any lowering (300 -> 235) */
		_exit(get(ADJ) == 300 ? 0 : 7);
	}
	REQUIRE(pid > 0, "fork");
	REQUIRE_RET(wait_status(pid), 0);
	REQUIRE_OK(put(ADJ, "0"));
}

static void nr_open_bounds_nofile(void)
{
	long old = get("/proc/sys/fs/nr_open");
	struct rlimit r;

	REQUIRE(old == 1048576, "nr_open %ld", old);
	REQUIRE(put("/proc/sys/fs/nr_open", "63") < 0 && errno == EINVAL, "63: %s",
		errname(errno));
	REQUIRE_OK(put("/proc/sys/fs/nr_open", "2048"));
	REQUIRE_OK(getrlimit(RLIMIT_NOFILE, &r));
	struct rlimit want = { 1024, 4096 };
	int ret = setrlimit(RLIMIT_NOFILE, &want), e = errno;
	REQUIRE_OK(put("/proc/sys/fs/nr_open", "1048576"));
	REQUIRE(ret < 0 && e == EPERM, "hard limit past nr_open: %d %s", ret, errname(e));
	want.rlim_max = 2048;
	REQUIRE_OK(setrlimit(RLIMIT_NOFILE, &want));
}

static void threads_max(void)
{
	char buf[4096] = "", num[32];
	long max = get("/proc/sys/kernel/threads-max"), total = 0;
	struct rlimit r;

	read_text("/proc/meminfo", buf, sizeof(buf));
	sscanf(buf, "MemTotal: %ld", &total);
	/* pages / (8 * 16 KiB stacks / 4 KiB), counted early in boot (Linux
	 * frees its init memory and initrd later: MemTotal grows ~5 %). */
	long want = total / 4 / 32;
	REQUIRE(max >= want * 90 / 100 && max <= want * 105 / 100,
		"threads-max %ld, MemTotal %ld kB", max, total);
	REQUIRE_OK(getrlimit(RLIMIT_NPROC, &r));
	REQUIRE(r.rlim_max == (rlim_t)(max / 2), "RLIMIT_NPROC %lu, threads-max %ld",
		(unsigned long)r.rlim_max, max);
	REQUIRE(put("/proc/sys/kernel/threads-max", "0") < 0 && errno == EINVAL, "0: %s",
		errname(errno));
	/* At the limit, fork fails with EAGAIN (root too). */
	REQUIRE_OK(put("/proc/sys/kernel/threads-max", "1"));
	pid_t pid = fork();
	int e = errno;
	if (pid == 0)
		_exit(0);
	snprintf(num, sizeof(num), "%ld", max);
	REQUIRE_OK(put("/proc/sys/kernel/threads-max", num));
	if (pid > 0)
		wait_status(pid);
	REQUIRE(pid < 0 && e == EAGAIN, "fork past threads-max: %d %s", pid, errname(e));
	REQUIRE_RET(get("/proc/sys/kernel/threads-max"), max);
}

/* file-max: past it an unprivileged open is ENFILE, root's is not. */
static void file_max_enfile(void)
{
	char buf[4096] = "", num[32];
	unsigned long nr = 0, zero = 1, max = 0;
	long total = 0, old = get("/proc/sys/fs/file-max");

	read_text("/proc/meminfo", buf, sizeof(buf));
	sscanf(buf, "MemTotal: %ld", &total);
	REQUIRE(old >= 8192 && old >= total / 10 / 2 && old <= total / 10 * 11 / 10,
		"file-max %ld for MemTotal %ld kB (a tenth of it, less boot's use)", old, total);
	REQUIRE(read_text("/proc/sys/fs/file-nr", buf, sizeof(buf)) > 0 &&
		sscanf(buf, "%lu\t%lu\t%lu", &nr, &zero, &max) == 3 && zero == 0 &&
		max == (unsigned long)old, "file-nr '%s'", buf);
	snprintf(num, sizeof(num), "%lu", nr + 20);
	REQUIRE_OK(put("/proc/sys/fs/file-max", num));
	int fds[40], n = 0;
	while (n < 40 && (fds[n] = open("/dev/null", O_RDONLY)) >= 0)
		n++;		/* root (CAP_SYS_ADMIN) goes past it */
	int root_n = n;
	read_text("/proc/sys/fs/file-nr", buf, sizeof(buf));
	pid_t pid = fork();
	if (pid == 0) {
		int k = 0;

		if (setuid(65534) < 0)
			_exit(1);
		while (k < 200 && open("/dev/null", O_RDONLY) >= 0)
			k++;
		_exit(k == 200 ? 2 : errno == ENFILE ? 0 : 10 + errno % 100);
	}
	int st = pid > 0 ? wait_status(pid) : -1;	/* before the limit goes back */
	while (n > 0)
		close(fds[--n]);
	snprintf(num, sizeof(num), "%ld", old);
	REQUIRE_OK(put("/proc/sys/fs/file-max", num));
	REQUIRE(root_n == 40, "root stopped at %d opens past file-max: %s", root_n, errname(errno));
	REQUIRE(pid > 0, "fork");
	REQUIRE(st == 0, "the unprivileged child's opens: %s (file-nr then: %s)",
		st == 2 << 8 ? "200 without ENFILE" : "another errno", buf);
}

/* Changing ids makes a process undumpable and gives its /proc to root;
 * PR_SET_DUMPABLE gives it back.  prctl(2), proc(5). */
static void dumpable_and_proc_owner(void)
{
	REQUIRE_RET(prctl(PR_GET_DUMPABLE), 1);
	REQUIRE_ERR(prctl(PR_SET_DUMPABLE, 2), EINVAL);
	pid_t pid = fork();
	if (pid == 0) {
		struct stat st;

		if (setuid(65534) < 0)
			_exit(1);
		if (prctl(PR_GET_DUMPABLE) != 0)
			_exit(2);
		if (stat("/proc/self/status", &st) < 0 || st.st_uid != 0)
			_exit(3);
		if (prctl(PR_SET_DUMPABLE, 1) < 0 || prctl(PR_GET_DUMPABLE) != 1)
			_exit(4);
		if (stat("/proc/self/status", &st) < 0 || st.st_uid != 65534)
			_exit(5);
		_exit(0);
	}
	REQUIRE(pid > 0, "fork");
	REQUIRE_RET(wait_status(pid), 0);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(oom_scales),
		CHECK(oom_floor_and_inheritance),
		CHECK(nr_open_bounds_nofile),
		CHECK(threads_max),
		CHECK(dumpable_and_proc_owner),
		CHECK(file_max_enfile),
	};

	return run_checks("knobs", checks, NCHECKS(checks));
}
