/*
 * ltplib_needs: what a real LTP build's library needs from the kernel
 * (docs/testing.md, "The LTP subset"), one case each, so that a kernel
 * lacking one of them fails here by name rather than breaking every test
 * of an external LTP run.  A missing /proc/config.gz is TCONF (Debian's
 * Linux is built without it; LTP then looks in /boot).
 */
#include "tst_test.h"
#include <sched.h>
#include <sys/sem.h>
#include <sys/time.h>
#include <linux/capability.h>

static int file_has(const char *path, const char *text)
{
	char buf[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return strstr(buf, text) != NULL;
}

static void check_file(const char *path, const char *text)
{
	int r = file_has(path, text);

	if (r < 0)
		tst_res(TFAIL | TERRNO, "cannot read %s", path);
	else
		tst_res(r ? TPASS : TFAIL, "%s %s '%s'", path, r ? "has" : "lacks", text);
}

static void run(unsigned int n)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	struct itimerval it = { { 0, 0 }, { 100, 0 } }, old;
	struct rlimit rl;
	cpu_set_t set;
	char buf[64];
	int fd, v;

	switch (n) {
	case 0:
		check_file("/proc/meminfo", "MemAvailable:");
		return;
	case 1:
		check_file("/proc/self/stat", ") R ");
		return;
	case 2:
		check_file("/etc/passwd", "nobody:");
		check_file("/etc/group", "nobody:");
		TST_EXP_PASS(getpwnam("nobody") ? 0 : -1, "getpwnam(nobody)");
		return;
	case 3:
		fd = open("/proc/sys/kernel/tainted", O_RDONLY);
		if (fd < 0) {
			tst_res(TFAIL | TERRNO, "open(/proc/sys/kernel/tainted)");
			return;
		}
		memset(buf, 0, sizeof(buf));
		TST_EXP_POSITIVE(read(fd, buf, sizeof(buf) - 1), "read tainted");
		close(fd);
		TST_EXP_EXPR(sscanf(buf, "%d", &v) == 1, "tainted is a number: '%s'", buf);
		return;
	case 4:
		if (access("/proc/config.gz", R_OK)) {
			tst_res(TCONF | TERRNO, "no /proc/config.gz");
			return;
		}
		TST_EXP_PASS(system("zcat /proc/config.gz | grep -q '^CONFIG_NET=y$'"),
			     "/proc/config.gz lists CONFIG_NET=y");
		return;
	case 5:
		/* The library writes it before each test and reads it back;
		 * a value is kept, and a child inherits it. */
		SAFE_FILE_PRINTF("/proc/self/oom_score_adj", "%d", 3);
		SAFE_FILE_SCANF("/proc/self/oom_score_adj", "%d", &v);
		TST_EXP_EQ_LI(v, 3);
		if (!SAFE_FORK()) {
			SAFE_FILE_SCANF("/proc/self/oom_score_adj", "%d", &v);
			TST_EXP_EQ_LI(v, 3);
			exit(0);
		}
		tst_reap_children();
		fd = SAFE_OPEN("/proc/self/oom_score_adj", O_WRONLY);
		TST_EXP_FAIL(write(fd, "1001", 4), EINVAL, "oom_score_adj = 1001");
		SAFE_CLOSE(fd);
		SAFE_FILE_PRINTF("/proc/self/oom_score_adj", "%d", 0);
		return;
	case 6:
		TST_EXP_PASS(setitimer(ITIMER_REAL, &it, &old), "setitimer()");
		it.it_value.tv_sec = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		TST_EXP_PASS(tst_syscall(__NR_capget, &hdr, data), "capget()");
		CPU_ZERO(&set);
		TST_EXP_POSITIVE(tst_syscall(__NR_sched_getaffinity, 0, sizeof(set), &set),
				 "sched_getaffinity()");
		TST_EXP_PASS(prlimit(0, RLIMIT_NOFILE, NULL, &rl), "prlimit64()");
		return;
	case 7:
		TST_EXP_PASS(mknod("fifo", S_IFIFO | 0600, 0), "mknod(FIFO)");
		TST_EXP_FD(semget(IPC_PRIVATE, 1, IPC_CREAT | 0600), "semget()");
		if (TST_PASS)
			semctl(TST_RET, 0, IPC_RMID);
		return;
	case 8:
		check_file("/proc/mounts", " /proc proc ");
		check_file("/proc/self/maps", "[stack]");
		check_file("/proc/cpuinfo", "flags");
		fd = open("/proc/sys/fs/pipe-max-size", O_RDONLY);
		if (fd < 0) {
			tst_res(TFAIL | TERRNO, "open(/proc/sys/fs/pipe-max-size)");
			return;
		}
		memset(buf, 0, sizeof(buf));
		v = read(fd, buf, sizeof(buf) - 1) > 0 ? atoi(buf) : -1;
		close(fd);
		TST_EXP_EXPR(v >= 4096, "pipe-max-size is %d", v);
		return;
	}
}

static struct tst_test test = {
	.test = run,
	.tcnt = 9,
	.needs_tmpdir = 1,
	.forks_child = 1,
};
