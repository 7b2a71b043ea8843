/*
 * /ktest/fuzz KIDS ITERATIONS SEED: random system calls with hostile
 * arguments (NULL, -1, kernel addresses, huge values, pointers into a
 * small buffer) from KIDS child processes, each in its own process
 * group, for a bounded time.  The kernel must survive: the verdict is
 * that the machine still runs and powers off afterwards.  Calls that
 * would end the test rather than the kernel's robustness (killing other
 * processes, reboot, exec, fork bombs, unmounting, renaming the test's
 * files) are left out.  Prints "fuzz: N children done" (N = KIDS when
 * every child was reaped) and exits 0.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static unsigned long long rs;
static char *buf;

static unsigned long long rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

static long arg(void)
{
	switch (rnd() % 12) {
	case 0: return 0;
	case 1: return 1;
	case 2: return -1;
	case 3: return rnd() % 64;
	case 4: return (long)buf + (rnd() % 4096);
	case 5: return (long)0xffff800000000000ul;
	case 6: return (long)0xffffffff80100000ul;
	case 7: return (long)rnd();
	case 8: return (long)buf;
	case 9: return 4096;
	case 10: return 0x7ffffffff000l;
	default: return rnd() % 0x100000;
	}
}

static const long banned[] = {
	SYS_reboot, SYS_kill, SYS_tkill, SYS_tgkill, SYS_vfork, SYS_clone, SYS_fork,
	SYS_execve, SYS_execveat, SYS_exit, SYS_exit_group, SYS_mount, SYS_umount2,
	SYS_chroot, SYS_pivot_root, SYS_unlink, SYS_unlinkat, SYS_rmdir, SYS_rename,
	SYS_renameat, SYS_renameat2, SYS_sethostname, SYS_setdomainname,
	SYS_rt_sigqueueinfo, SYS_rt_tgsigqueueinfo, SYS_syslog, SYS_settimeofday,
	SYS_clock_settime,
};

static int allowed(long nr)
{
	for (unsigned i = 0; i < sizeof banned / sizeof *banned; i++)
		if (banned[i] == nr)
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	int kids = atoi(argv[1]), iters = atoi(argv[2]), seed = atoi(argv[3]), n = 0, st;
	pid_t pids[64];

	if (kids > 64)
		kids = 64;
	for (int k = 0; k < kids; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			/* Nothing random reaches the parent's output. */
			int nul = open("/dev/null", O_RDWR);
			dup2(nul, 0);
			dup2(nul, 1);
			dup2(nul, 2);
			setpgid(0, 0);
			rs = 0x9e3779b97f4a7c15ull * (k + 1) + 0x1234567ull * (unsigned)seed;
			buf = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			for (int i = 0; i < iters; i++) {
				long nr = rnd() % 335;
				if (allowed(nr))
					syscall(nr, arg(), arg(), arg(), arg(), arg(), arg());
			}
			_exit(0);
		}
	}
	/* Up to 20 s, then whatever still runs (or sleeps) is killed. */
	for (int t = 0; t < 2000 && n < kids; t++) {
		while (waitpid(-1, &st, WNOHANG) > 0)
			n++;
		struct timespec ts = { 0, 10000000 };
		nanosleep(&ts, NULL);
	}
	for (int k = 0; k < kids; k++)
		if (pids[k] > 0) {
			kill(-pids[k], SIGKILL);
			kill(pids[k], SIGKILL);
		}
	while (wait(&st) > 0)
		n++;
	printf("fuzz: %d children done\n", n);
	return 0;
}
