/*
 * proc.c - processes: fork, vfork, threads, execve, wait4/waitid statuses,
 * exit codes, process ids, groups and sessions, credentials, umask,
 * resource limits, uname.  Runs as root (the initramfs has no other user).
 */
#include "../check.h"

#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/utsname.h>

/* A pid that certainly names no process: a child we have just reaped. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	wait_status(pid);
	return pid;
}

static void fork_exit_code(void)
{
	pid_t pid = fork();
	int st;

	REQUIRE_OK(pid);
	if (pid == 0)
		_exit(42);
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 42,
		"wait status 0x%x, want exit 42", st);
}

static void fork_exit_code_truncated(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(256 + 7);
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 7,
		"wait status 0x%x, want exit 7 (low 8 bits)", st);
}

static void fork_killed_status(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
		"wait status 0x%x, want killed by SIGTERM", st);
}

static void fork_private_memory(void)
{
	static volatile int value = 1;
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		value = 2;
		_exit(value == 2 ? 0 : 1);
	}
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status 0x%x", st);
	REQUIRE(value == 1, "child's write reached the parent (%d)", value);
}

static void fork_ppid(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(getppid() == parent ? 0 : 1);
	REQUIRE(pid > 0 && pid != parent, "fork returned %d", pid);
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		"child's getppid() is not the parent");
}

static void vfork_shares_memory(void)
{
	static volatile int value;
	pid_t pid;
	int st;

	value = 1;
	pid = vfork();
	if (pid == 0) {
		/* Linux: the child borrows the parent's memory until _exit. */
		value = 5;
		_exit(3);
	}
	REQUIRE_OK(pid);
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 3, "status 0x%x", st);
	REQUIRE(value == 5, "vfork child's write not seen (%d)", value);
}

static void vfork_exec(void)
{
	char *argv[] = { "sh", "-c", "exit 9", NULL };
	char *envp[] = { NULL };
	pid_t pid = vfork();
	int st;

	if (pid == 0) {
		execve("/bin/sh", argv, envp);
		_exit(127);
	}
	REQUIRE_OK(pid);
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 9, "status 0x%x", st);
}

struct thread_arg {
	pid_t tid;
	int *shared;
};

static void *thread_main(void *p)
{
	struct thread_arg *a = p;

	a->tid = (pid_t)syscall(SYS_gettid);
	*a->shared += 1;
	return (void *)(long)(getpid() + 1);
}

static void threads_share_memory(void)
{
	int shared = 41;
	struct thread_arg a = { 0, &shared };
	pthread_t t;
	void *ret;

	REQUIRE_RET(pthread_create(&t, NULL, thread_main, &a), 0);
	REQUIRE_RET(pthread_join(t, &ret), 0);
	REQUIRE(shared == 42, "thread's write not seen (%d)", shared);
	REQUIRE((long)ret == getpid() + 1, "join value %ld", (long)ret);
}

static void threads_ids(void)
{
	int shared = 0;
	struct thread_arg a = { 0, &shared };
	pthread_t t;

	REQUIRE(syscall(SYS_gettid) == getpid(), "main thread tid != pid");
	REQUIRE_RET(pthread_create(&t, NULL, thread_main, &a), 0);
	REQUIRE_RET(pthread_join(t, NULL), 0);
	REQUIRE(a.tid > 0 && a.tid != getpid(),
		"thread tid %d, process %d", a.tid, getpid());
}

static void *many_main(void *p)
{
	__atomic_fetch_add((int *)p, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void threads_many(void)
{
	pthread_t t[16];
	int count = 0, i;

	for (i = 0; i < 16; i++)
		REQUIRE_RET(pthread_create(&t[i], NULL, many_main, &count), 0);
	for (i = 0; i < 16; i++)
		REQUIRE_RET(pthread_join(t[i], NULL), 0);
	REQUIRE(count == 16, "count %d", count);
}

static void *exiting_thread(void *p)
{
	(void)p;
	exit(17);
}

static void thread_exit_ends_process(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		pthread_t t;
		pthread_create(&t, NULL, exiting_thread, NULL);
		for (;;)
			pause();
	}
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 17,
		"status 0x%x: exit() in a thread must end every thread", st);
}

static void execve_status(void)
{
	char *argv[] = { "sh", "-c", "test \"$X\" = yes && exit \"$0\"", "11",
			 NULL };
	char *envp[] = { "X=yes", NULL };
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		execve("/bin/sh", argv, envp);
		_exit(127);
	}
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 11,
		"status 0x%x: argv or envp did not arrive", st);
}

static void execve_enoent(void)
{
	char *argv[] = { "x", NULL };

	REQUIRE_ERR(execve("/no/such/program", argv, argv + 1), ENOENT);
}

static void execve_eacces(void)
{
	char *argv[] = { "x", NULL };
	int fd = open("notexec", O_CREAT | O_WRONLY | O_TRUNC, 0644);

	REQUIRE_OK(fd);
	REQUIRE(write(fd, "#!/bin/sh\n", 10) == 10, "write: %s", errname(errno));
	close(fd);
	REQUIRE_ERR(execve("notexec", argv, argv + 1), EACCES);
}

static void execve_enoexec(void)
{
	char *argv[] = { "x", NULL };
	int fd = open("garbage", O_CREAT | O_WRONLY | O_TRUNC, 0755);

	REQUIRE_OK(fd);
	REQUIRE(write(fd, "\x7f" "ELF garbage that is no ELF header", 33) == 33,
		"write: %s", errname(errno));
	close(fd);
	REQUIRE_ERR(execve("./garbage", argv, argv + 1), ENOEXEC);
}

static void execve_efault(void)
{
	char *argv[] = { "x", NULL };

	REQUIRE_ERR(syscall(SYS_execve, BADPTR, argv, argv + 1), EFAULT);
}

static void execve_cloexec(void)
{
	char *argv[] = { "sh", "-c", "", NULL };
	char cmd[128];
	int keep, drop, st;
	pid_t pid;

	keep = open("/dev/null", O_RDONLY);
	drop = open("/dev/null", O_RDONLY | O_CLOEXEC);
	REQUIRE(keep >= 0 && drop >= 0, "open /dev/null");
	snprintf(cmd, sizeof cmd, "[ -e /proc/self/fd/%d ] && ! [ -e /proc/self/fd/%d ]",
		 keep, drop);
	argv[2] = cmd;
	pid = fork();
	if (pid == 0) {
		execve("/bin/sh", argv, argv + 3);
		_exit(127);
	}
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		"status 0x%x: O_CLOEXEC fd kept or plain fd closed", st);
}

/* A child that lives until the parent closes the pipe's write end. */
static pid_t held_child(int *release_fd)
{
	int p[2];
	char c;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 0 ? 0 : 1);
	}
	close(p[0]);
	*release_fd = p[1];
	return pid;
}

static void wait4_nohang(void)
{
	int st, rel;
	pid_t pid = held_child(&rel);

	REQUIRE_OK(pid);
	REQUIRE(waitpid(pid, &st, WNOHANG) == 0, "WNOHANG on a running child");
	close(rel);
	REQUIRE(wait_status(pid) == 0, "child status");
}

static void wait4_echild(void)
{
	int st;

	REQUIRE_ERR(wait(&st), ECHILD);
}

static void wait4_any_child(void)
{
	pid_t a = fork(), b, got1, got2;
	int st;

	if (a == 0)
		_exit(1);
	b = fork();
	if (b == 0)
		_exit(2);
	got1 = wait(&st);
	got2 = wait(&st);
	REQUIRE((got1 == a && got2 == b) || (got1 == b && got2 == a),
		"wait returned %d and %d for %d and %d", got1, got2, a, b);
}

static void wait4_stop_continue(void)
{
	int p[2], st;
	char c;
	pid_t pid;

	REQUIRE_OK(pipe(p));
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		raise(SIGSTOP);
		/* Stay until released, so "continued" is not overtaken by
		 * the exit. */
		_exit(read(p[0], &c, 1) == 0 ? 4 : 1);
	}
	close(p[0]);
	REQUIRE(waitpid(pid, &st, WUNTRACED) == pid, "waitpid WUNTRACED");
	REQUIRE(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "status 0x%x", st);
	REQUIRE_OK(kill(pid, SIGCONT));
	REQUIRE(waitpid(pid, &st, WCONTINUED) == pid, "waitpid WCONTINUED");
	REQUIRE(WIFCONTINUED(st), "status 0x%x, want continued", st);
	close(p[1]);
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 4, "status 0x%x", st);
}

static void waitid_exited(void)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	memset(&si, 0, sizeof si);
	REQUIRE_OK(waitid(P_PID, pid, &si, WEXITED));
	REQUIRE(si.si_signo == SIGCHLD && si.si_code == CLD_EXITED &&
		si.si_pid == pid && si.si_status == 3,
		"signo %d code %d pid %d status %d", si.si_signo, si.si_code,
		si.si_pid, si.si_status);
}

static void waitid_killed(void)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	REQUIRE_OK(kill(pid, SIGKILL));
	memset(&si, 0, sizeof si);
	REQUIRE_OK(waitid(P_PID, pid, &si, WEXITED));
	REQUIRE(si.si_code == CLD_KILLED && si.si_status == SIGKILL,
		"code %d status %d", si.si_code, si.si_status);
}

static void waitid_nowait(void)
{
	siginfo_t si;
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(6);
	REQUIRE_OK(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 6,
		"WNOWAIT reaped the child (status 0x%x)", st);
}

static void waitid_einval(void)
{
	siginfo_t si;

	REQUIRE_ERR(waitid(P_ALL, 0, &si, 0), EINVAL);
	REQUIRE_ERR(syscall(SYS_waitid, 77, 0, &si, WEXITED, NULL), EINVAL);
}

static void setpgid_getpgid(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (setpgid(0, 0) < 0 || getpgid(0) != getpid() ||
		    getpgrp() != getpid())
			_exit(1);
		_exit(0);
	}
	st = wait_status(pid);
	REQUIRE(st == 0, "setpgid(0,0) did not make the child a group leader");
}

static void setpgid_child_from_parent(void)
{
	int rel;
	pid_t pid = held_child(&rel);

	REQUIRE_OK(pid);
	REQUIRE_OK(setpgid(pid, pid));
	REQUIRE(getpgid(pid) == pid, "getpgid(child) = %d", getpgid(pid));
	close(rel);
	wait_status(pid);
}

static void setpgid_esrch(void)
{
	REQUIRE_ERR(setpgid(dead_pid(), 0), ESRCH);
	REQUIRE_ERR(getpgid(dead_pid()), ESRCH);
}

static void setsid_new_session(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (setsid() != getpid())
			_exit(1);
		if (getsid(0) != getpid() || getpgrp() != getpid())
			_exit(2);
		/* A group leader may not start another session. */
		if (setsid() != -1 || errno != EPERM)
			_exit(3);
		_exit(0);
	}
	st = wait_status(pid);
	REQUIRE(st == 0, "child status 0x%x", st);
}

static void setuid_drops_root(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		uid_t r, e, s;
		if (setgroups(0, NULL) < 0 || setresgid(65534, 65534, 65534) < 0)
			_exit(1);
		if (setresuid(65534, 65534, 65534) < 0)
			_exit(2);
		if (getresuid(&r, &e, &s) < 0 || r != 65534 || e != 65534 ||
		    s != 65534)
			_exit(3);
		if (setuid(0) != -1 || errno != EPERM)
			_exit(4);
		if (kill(1, 0) != -1 || errno != EPERM)
			_exit(5);
		_exit(0);
	}
	st = wait_status(pid);
	REQUIRE(st == 0, "child status 0x%x (step %d)", st, WEXITSTATUS(st));
}

static void seteuid_saved_root(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		uid_t r, e, s;
		if (setresuid(-1, 65534, 0) < 0 || geteuid() != 65534)
			_exit(1);
		if (getresuid(&r, &e, &s) < 0 || r != 0 || s != 0)
			_exit(2);
		if (seteuid(0) < 0 || geteuid() != 0)
			_exit(3);
		_exit(0);
	}
	st = wait_status(pid);
	REQUIRE(st == 0, "child status 0x%x (step %d)", st, WEXITSTATUS(st));
}

static void setgid_and_groups(void)
{
	gid_t list[4] = { 1, 2, 3 };
	gid_t got[8];
	int n;

	REQUIRE_OK(setgid(100));
	REQUIRE(getgid() == 100 && getegid() == 100, "gid %d egid %d",
		getgid(), getegid());
	REQUIRE_OK(setgroups(3, list));
	n = getgroups(8, got);
	REQUIRE(n == 3 && got[0] == 1 && got[2] == 3, "getgroups gave %d", n);
	REQUIRE_ERR(getgroups(1, got), EINVAL);
}

static void umask_applies(void)
{
	struct stat st;
	int fd;

	umask(022);
	REQUIRE(umask(027) == 022, "umask did not return the old mask");
	fd = open("masked", O_CREAT | O_WRONLY, 0666);
	REQUIRE_OK(fd);
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE((st.st_mode & 0777) == 0640, "mode %o, want 640",
		st.st_mode & 0777);
	REQUIRE_OK(mkdir("maskdir", 0777));
	REQUIRE_OK(stat("maskdir", &st));
	REQUIRE((st.st_mode & 0777) == 0750, "dir mode %o, want 750",
		st.st_mode & 0777);
}

static void rlimit_nofile_emfile(void)
{
	struct rlimit rl = { 16, 16 };
	int i, fd = -1, highest = -1;

	REQUIRE_OK(prlimit(0, RLIMIT_NOFILE, &rl, NULL));
	for (i = 0; i < 32; i++) {
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			break;
		highest = fd;
	}
	REQUIRE(fd < 0 && errno == EMFILE, "open stopped with %s after %d",
		errname(errno), i);
	REQUIRE(highest == 15, "highest fd %d, want 15 (limit 16)", highest);
	REQUIRE_ERR(dup(0), EMFILE);
	REQUIRE_ERR(fcntl(0, F_DUPFD, 0), EMFILE);
	/* dup2 to an fd at or above the limit is EBADF. */
	REQUIRE_ERR(dup2(0, 16), EBADF);
}

static void rlimit_get_set(void)
{
	struct rlimit rl, old;

	REQUIRE_OK(getrlimit(RLIMIT_NOFILE, &old));
	rl.rlim_cur = old.rlim_max + 1;
	rl.rlim_max = old.rlim_max;
	REQUIRE_ERR(setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
	rl.rlim_cur = 20;
	rl.rlim_max = 30;
	REQUIRE_OK(prlimit(0, RLIMIT_NOFILE, &rl, &old));
	REQUIRE_OK(getrlimit(RLIMIT_NOFILE, &rl));
	REQUIRE(rl.rlim_cur == 20 && rl.rlim_max == 30, "got %lu/%lu",
		(unsigned long)rl.rlim_cur, (unsigned long)rl.rlim_max);
	REQUIRE_ERR(syscall(SYS_prlimit64, 0, 999, NULL, &rl), EINVAL);
	REQUIRE_ERR(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, BADPTR),
		    EFAULT);
	REQUIRE_ERR(syscall(SYS_prlimit64, dead_pid(), RLIMIT_NOFILE, NULL,
			    &rl), ESRCH);
}

static void uname_linux(void)
{
	struct utsname u;

	REQUIRE_OK(uname(&u));
	REQUIRE(strcmp(u.sysname, "Linux") == 0, "sysname %s", u.sysname);
	REQUIRE(strcmp(u.machine, "x86_64") == 0, "machine %s", u.machine);
	REQUIRE(u.release[0] >= '1' && u.release[0] <= '9', "release %s",
		u.release);
	REQUIRE_ERR(syscall(SYS_uname, BADPTR), EFAULT);
}

static void getpid_family(void)
{
	pid_t pid = getpid();

	REQUIRE(pid > 1, "pid %d", pid);
	REQUIRE(getppid() > 0, "ppid %d", getppid());
	REQUIRE(getuid() == 0 && geteuid() == 0, "tests run as root");
	REQUIRE(syscall(SYS_getpid) == pid, "raw getpid differs");
}

static void kill_errors(void)
{
	REQUIRE_OK(kill(getpid(), 0));
	REQUIRE_ERR(kill(dead_pid(), 0), ESRCH);
	REQUIRE_ERR(kill(getpid(), 1000), EINVAL);
}

static void posix_spawn_actions(void)
{
	char *argv[] = { "sh", "-c", "echo spawned; exit 4", NULL };
	posix_spawn_file_actions_t fa;
	char buf[16] = "";
	pid_t pid;
	int st, fd;

	REQUIRE_RET(posix_spawn_file_actions_init(&fa), 0);
	REQUIRE_RET(posix_spawn_file_actions_addopen(&fa, 1, "spawn.out",
		    O_WRONLY | O_CREAT | O_TRUNC, 0644), 0);
	/* musl spawns with clone(CLONE_VM | CLONE_VFORK). */
	REQUIRE_RET(posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, argv + 3), 0);
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 4, "status 0x%x", st);
	fd = open("spawn.out", O_RDONLY);
	REQUIRE(read(fd, buf, sizeof buf - 1) == 8 && !strcmp(buf, "spawned\n"),
		"child's stdout: '%s'", buf);
	REQUIRE_RET(posix_spawn(&pid, "/no/such", NULL, NULL, argv, argv + 3),
		    ENOENT);
}

static void clone_exit_signal(void)
{
	siginfo_t si;
	sigset_t set;
	int st;
	long pid;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	/* A fork-like clone whose exit signal is SIGUSR2, not SIGCHLD. */
	pid = syscall(SYS_clone, SIGUSR2, NULL, NULL, NULL, 0);
	if (pid == 0)
		_exit(9);
	REQUIRE(pid > 0, "clone: %s", errname(errno));
	/* wait(2): such a "clone child" is seen only with __WCLONE/__WALL. */
	REQUIRE(waitid(P_PID, pid, &si, WEXITED | WNOHANG) == -1 &&
		errno == ECHILD, "seen without __WCLONE: %s", errname(errno));
	REQUIRE(waitpid(pid, &st, __WCLONE) == pid, "waitpid __WCLONE: %s",
		errname(errno));
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 9, "status 0x%x", st);
	REQUIRE(sigpending(&set) == 0 && sigismember(&set, SIGUSR2),
		"the exit signal SIGUSR2 did not arrive");
}

static void clone_errors(void)
{
	/* clone(2): CLONE_THREAD needs CLONE_SIGHAND, which needs CLONE_VM. */
	REQUIRE_ERR(syscall(SYS_clone, CLONE_THREAD, NULL, NULL, NULL, 0),
		    EINVAL);
	REQUIRE_ERR(syscall(SYS_clone, CLONE_SIGHAND, NULL, NULL, NULL, 0),
		    EINVAL);
	REQUIRE_ERR(syscall(SYS_clone, CLONE_NEWNS | CLONE_FS, NULL, NULL,
			    NULL, 0), EINVAL);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(fork_exit_code),
		CHECK(fork_exit_code_truncated),
		CHECK(fork_killed_status),
		CHECK(fork_private_memory),
		CHECK(fork_ppid),
		CHECK(vfork_shares_memory),
		CHECK(vfork_exec),
		CHECK(threads_share_memory),
		CHECK(threads_ids),
		CHECK(threads_many),
		CHECK(thread_exit_ends_process),
		CHECK(posix_spawn_actions),
		CHECK(clone_exit_signal),
		CHECK(clone_errors),
		CHECK(execve_status),
		CHECK(execve_enoent),
		CHECK(execve_eacces),
		CHECK(execve_enoexec),
		CHECK(execve_efault),
		CHECK(execve_cloexec),
		CHECK(wait4_nohang),
		CHECK(wait4_echild),
		CHECK(wait4_any_child),
		CHECK(wait4_stop_continue),
		CHECK(waitid_exited),
		CHECK(waitid_killed),
		CHECK(waitid_nowait),
		CHECK(waitid_einval),
		CHECK(setpgid_getpgid),
		CHECK(setpgid_child_from_parent),
		CHECK(setpgid_esrch),
		CHECK(setsid_new_session),
		CHECK(setuid_drops_root),
		CHECK(seteuid_saved_root),
		CHECK(setgid_and_groups),
		CHECK(umask_applies),
		CHECK(rlimit_nofile_emfile),
		CHECK(rlimit_get_set),
		CHECK(uname_linux),
		CHECK(getpid_family),
		CHECK(kill_errors),
	};

	return run_checks("proc", checks, NCHECKS(checks));
}
