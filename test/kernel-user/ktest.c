/*
 * Kernel checks for what the test/guest programs do not reach: execve of
 * a static-PIE (ET_DYN) program and of `#!` scripts, the auxiliary
 * vector, the FPU/SSE state across a signal handler, the FS base, and
 * hostile input to the syscall and signal-return paths (the kernel must
 * survive and answer as Linux does).  test/suites/kernel-user.sh runs
 * them on Tern and on Linux; the CHECK_TERN_ONLY ones say why Linux
 * cannot be their oracle.
 */
#include "../guest/check.h"
#include <pthread.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <sys/syscall.h>
#include <ucontext.h>

#define PIE "/ktest/pie"

/*
 * Runs argv; returns its wait status, with what it wrote to stdout in
 * out[] (NUL-terminated; at most len - 1 bytes).
 */
static int run_output(char *const argv[], char *out, size_t len)
{
	int p[2];
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while (got < len - 1 && (n = read(p[0], out + got, len - 1 - got)) > 0)
		got += n;
	out[got] = 0;
	close(p[0]);
	return wait_status(pid);
}

/* s with its newlines written as \n, for a message. */
static const char *shown(const char *s)
{
	static char buf[160];
	size_t n = 0;

	for (; *s && n < sizeof buf - 3; s++) {
		if (*s == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else {
			buf[n++] = *s;
		}
	}
	buf[n] = 0;
	return buf;
}

static int run_status(char *const argv[])
{
	char out[256];

	return run_output(argv, out, sizeof out);
}

static void exec_static_pie(void)
{
	char *argv[] = { PIE, "x", NULL };
	char out[64];
	int st = run_output(argv, out, sizeof out);

	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 42, "status 0x%x, want exit 42", st);
	REQUIRE(strcmp(out, "x\n") == 0, "printed \"%s\", want argv[1] and a newline: \"x\\n\"",
		shown(out));
}

/* A PT_INTERP program runs through the dynamic loader (ld.so(8)). */
static void exec_dynamic(void)
{
	char *argv[] = { "/ktest/dyn", "x", NULL };
	int st = run_status(argv);

	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 42, "status 0x%x, want exit 42", st);
}

static void exec_script_args(void)
{
	int fd = open("s.sh", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	char *argv[] = { "./s.sh", "a", "b", NULL };
	int st;

	REQUIRE(fd >= 0, "create script: %s", errname(errno));
	/* argv becomes: pie, "-x  y" (one argument), ./s.sh, a, b: argc 5. */
	static const char line[] = "#! " PIE " -x  y\n";
	char out[64];
	REQUIRE(write(fd, line, sizeof line - 1) == (ssize_t)(sizeof line - 1), "write");
	close(fd);
	st = run_output(argv, out, sizeof out);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 45, "status 0x%x, want exit 45", st);
	REQUIRE(strcmp(out, "-x  y\n") == 0, "printed \"%s\", want argv[1] and a newline: "
		"\"-x  y\\n\"", shown(out));
}

static void exec_script_loop(void)
{
	int fd = open("loop.sh", O_WRONLY | O_CREAT | O_TRUNC, 0755);

	REQUIRE(fd >= 0, "create script");
	REQUIRE(write(fd, "#!./loop.sh\n", 12) == 12, "write");
	close(fd);
	char *argv[] = { "./loop.sh", NULL };
	REQUIRE_ERR(execv(argv[0], argv), ELOOP);
}

static void auxv_values(void)
{
	REQUIRE(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ %lu", getauxval(AT_PAGESZ));
	REQUIRE(getauxval(AT_RANDOM) != 0, "no AT_RANDOM");
	REQUIRE(getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid(), "AT_UID");
	REQUIRE(getauxval(AT_GID) == getgid() && getauxval(AT_EGID) == getegid(), "AT_GID");
	REQUIRE(getauxval(AT_CLKTCK) == 100, "AT_CLKTCK %lu", getauxval(AT_CLKTCK));
	REQUIRE(getauxval(AT_PHENT) == 56, "AT_PHENT");
	REQUIRE(getauxval(AT_SECURE) == 0, "AT_SECURE");
	const char *fn = (const char *)getauxval(AT_EXECFN);
	REQUIRE(fn && strstr(fn, "ktest"), "AT_EXECFN %s", fn ? fn : "(null)");
	REQUIRE(getauxval(AT_ENTRY) != 0 && getauxval(AT_PHDR) != 0, "AT_ENTRY/AT_PHDR");
}

static volatile int handled;

static void clobber_fpu(int sig)
{
	(void)sig;
	double x = 3.0;
	__asm__ __volatile__("movq $0x1111111111111111, %%rax\n\t"
			     "movq %%rax, %%xmm5\n\t"
			     "ldmxcsr %0" : : "m"((int){0x7f80}) : "rax", "xmm5");
	x = x * 7.0;
	handled = (int)x;
}

static void fpu_across_signal(void)
{
	unsigned long long out;
	unsigned int mxcsr_before, mxcsr_after;

	signal(SIGUSR1, clobber_fpu);
	__asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr_before));
	__asm__ __volatile__("movq $0x0123456789abcdef, %%rax\n\t"
			     "movq %%rax, %%xmm5\n\t"
			     "movl %1, %%eax\n\t"
			     "movl %2, %%edi\n\t"
			     "movl %3, %%esi\n\t"
			     "syscall\n\t"		/* tgkill(pid, tid, SIGUSR1) */
			     "movq %%xmm5, %0"
			     : "=r"(out)
			     : "i"(SYS_tkill), "r"((int)syscall(SYS_gettid)), "i"(SIGUSR1)
			     : "rax", "rdi", "rsi", "rcx", "r11", "xmm5", "memory");
	__asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr_after));
	REQUIRE(handled == 21, "handler did not run (%d)", handled);
	REQUIRE(out == 0x0123456789abcdefull, "xmm5 0x%llx after the handler", out);
	REQUIRE(mxcsr_after == mxcsr_before, "mxcsr 0x%x, was 0x%x", mxcsr_after, mxcsr_before);
}

static void fs_base_is_thread_pointer(void)
{
	unsigned long fs = 0;

	REQUIRE_OK(syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &fs));
	REQUIRE(fs == (unsigned long)pthread_self(), "FS base 0x%lx, pthread_self %p", fs,
		(void *)pthread_self());
	REQUIRE_ERR(syscall(SYS_arch_prctl, 0x1002, 0xffff800000000000ul), EPERM);
	REQUIRE_ERR(syscall(SYS_arch_prctl, 0x9999, 0), EINVAL);
}

static void unknown_syscalls(void)
{
	REQUIRE_ERR(syscall(9999), ENOSYS);
	REQUIRE_ERR(syscall(335), ENOSYS);
	REQUIRE_ERR(syscall(-1L), ENOSYS);
}

/* Tern has no clone3 yet (docs/syscalls.md): like every syscall it lacks,
 * it answers ENOSYS.  Linux has it and answers EINVAL for size 0. */
static void clone3_unimplemented(void)
{
	REQUIRE_ERR(syscall(SYS_clone3, NULL, 0), ENOSYS);
}

/* A child whose handler points the return rip at a non-canonical address:
 * the return must end in SIGSEGV for the child, not a kernel fault. */
static void bad_rip(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	uc->uc_mcontext.gregs[REG_RIP] = 0x0000800000000000ull;
}

static void sigreturn_noncanonical_rip(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa = { .sa_sigaction = bad_rip, .sa_flags = SA_SIGINFO };
		sigaction(SIGUSR2, &sa, NULL);
		raise(SIGUSR2);
		_exit(0);
	}
	int st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "status 0x%x, want SIGSEGV", st);
}

static void sigreturn_garbage_stack(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* rt_sigreturn with no frame: the stack holds whatever it holds. */
		__asm__ __volatile__("movq $0x1000, %%rsp\n\t"
				     "movl %0, %%eax\n\t"
				     "syscall" : : "i"(SYS_rt_sigreturn) : "memory");
		_exit(0);
	}
	int st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "status 0x%x, want SIGSEGV", st);
}

static void segv_handler_stack_unusable(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGUSR1, clobber_fpu);
		/* No stack for the frame: delivery kills with SIGSEGV. */
		__asm__ __volatile__("movq $8, %%rsp\n\t"
				     "movl %0, %%eax\n\t"
				     "movl %1, %%edi\n\t"
				     "movl %2, %%esi\n\t"
				     "syscall\n\t"
				     "ud2"
				     : : "i"(SYS_kill), "r"((int)getpid()), "i"(SIGUSR1)
				     : "rax", "rdi", "rsi", "rcx", "r11", "memory");
		_exit(0);
	}
	int st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "status 0x%x, want SIGSEGV", st);
}

static void syscall_bad_pointers(void)
{
	REQUIRE_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)0xffff800000000000ul), EFAULT);
	REQUIRE_ERR(syscall(SYS_uname, (void *)1), EFAULT);
	REQUIRE_ERR(syscall(SYS_rt_sigaction, SIGUSR1, (void *)0xffffffff80000000ul, NULL, 8), EFAULT);
	REQUIRE_ERR(syscall(SYS_execve, (void *)0x10, NULL, NULL), EFAULT);
	REQUIRE_ERR(syscall(SYS_wait4, -1, (void *)0xffffffffffff0000ul, 0, NULL), ECHILD);
}

static volatile int cpu_timer_sig;

static void note_cpu_timer(int sig)
{
	cpu_timer_sig = sig;
}

/* ITIMER_VIRTUAL / ITIMER_PROF fire after 30 ms of CPU time; *took is
 * the wall time it took while spinning. */
static int spin_until_timer(int which, int sig, long long *took)
{
	struct itimerval v = { { 0, 0 }, { 0, 30000 } }, got;
	long long t0 = now_ns(CLOCK_MONOTONIC);

	cpu_timer_sig = 0;
	signal(sig, note_cpu_timer);
	if (setitimer(which, &v, NULL))
		return -1;
	if (getitimer(which, &got) || (got.it_value.tv_sec == 0 && got.it_value.tv_usec == 0))
		return -2;
	while (!cpu_timer_sig && now_ns(CLOCK_MONOTONIC) - t0 < 10000000000LL)
		;
	*took = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
	return cpu_timer_sig;
}

static void itimer_virtual_prof(void)
{
	long long ms;

	/* Spinning, CPU time is (almost) wall time: not before 30 ms of it
	 * (less two of Linux's 4 ms ticks: CPU time is charged per tick),
	 * not much after. */
	REQUIRE(spin_until_timer(ITIMER_VIRTUAL, SIGVTALRM, &ms) == SIGVTALRM, "no SIGVTALRM");
	REQUIRE(ms >= 20 && ms <= 30 + SLACK_MS, "SIGVTALRM after %lld ms of spinning, want 30", ms);
	REQUIRE(spin_until_timer(ITIMER_PROF, SIGPROF, &ms) == SIGPROF, "no SIGPROF");
	REQUIRE(ms >= 20 && ms <= 30 + SLACK_MS, "SIGPROF after %lld ms of spinning, want 30", ms);
}

static int hup_fd;

static void on_hup(int sig)
{
	(void)sig;
	if (write(hup_fd, "H", 1) != 1)
		_exit(3);
}

/* POSIX _exit(2): when a process's exit orphans a process group with a
 * stopped member, that group gets SIGHUP and SIGCONT. */
static void orphaned_pgrp_gets_hup(void)
{
	int p[2];
	char c = 0;

	REQUIRE_OK(pipe(p));
	pid_t mid = fork();
	if (mid == 0) {
		setsid();
		pid_t child = fork();
		if (child == 0) {
			hup_fd = p[1];
			signal(SIGHUP, on_hup);
			setpgid(0, 0);
			raise(SIGSTOP);
			/* Continued by SIGCONT after SIGHUP ran the handler. */
			_exit(0);
		}
		int st;
		waitpid(child, &st, WUNTRACED);
		_exit(WIFSTOPPED(st) ? 0 : 1);	/* orphans the child's group */
	}
	close(p[1]);
	int st = wait_status(mid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "middle process status 0x%x", st);
	REQUIRE(read(p[0], &c, 1) == 1 && c == 'H', "no SIGHUP in the orphaned group");
}

static void posix_timer_periodic(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	struct itimerspec its = { { 0, 10000000 }, { 0, 10000000 } }, cur;
	sigset_t set;
	siginfo_t si;
	timer_t id;
	int i;

	ev.sigev_value.sival_int = 1234;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	REQUIRE_OK(timer_create(CLOCK_MONOTONIC, &ev, &id));
	REQUIRE_OK(timer_settime(id, 0, &its, NULL));
	REQUIRE_OK(timer_gettime(id, &cur));
	REQUIRE(cur.it_interval.tv_nsec == 10000000, "interval %ld", cur.it_interval.tv_nsec);
	long long t0 = now_ns(CLOCK_MONOTONIC);
	for (i = 0; i < 3; i++) {
		struct timespec limit = { 5, 0 };
		REQUIRE(sigtimedwait(&set, &si, &limit) == SIGUSR1, "no timer signal %d: %s", i,
			errname(errno));
		REQUIRE(si.si_code == SI_TIMER, "si_code %d", si.si_code);
		REQUIRE(si.si_value.sival_int == 1234, "si_value %d", si.si_value.sival_int);
	}
	/* Armed at 10 ms, then every 10 ms: the third comes at 30 ms. */
	REQUIRE_ELAPSED(t0, 20, 30 + SLACK_MS, "three 10 ms timer periods");
	REQUIRE(timer_getoverrun(id) >= 0, "timer_getoverrun: %s", errname(errno));
	REQUIRE_OK(timer_delete(id));
	/* musl returns timer_delete's raw result: ask the kernel directly. */
	REQUIRE_ERR(syscall(SYS_timer_delete, (long)id), EINVAL);
	REQUIRE_ERR(syscall(SYS_timer_create, 12345, NULL, &id), EINVAL);
}

/* A robust mutex whose owner dies is handed over with EOWNERDEAD. */
static void robust_mutex_owner_dies(void)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_t a;

	REQUIRE(m != MAP_FAILED, "mmap");
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	REQUIRE_RET(pthread_mutex_init(m, &a), 0);
	pid_t pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(m);
		_exit(0);	/* dies holding it */
	}
	wait_status(pid);
	REQUIRE_RET(pthread_mutex_lock(m), EOWNERDEAD);
	REQUIRE_RET(pthread_mutex_consistent(m), 0);
	REQUIRE_RET(pthread_mutex_unlock(m), 0);
}

/* execve of a set-user-ID file: effective and saved uid from the file,
 * AT_SECURE set (execve(2)). */
static void exec_setuid(void)
{
	char buf[4096];
	int in = open("/proc/self/exe", O_RDONLY), out;
	ssize_t n;

	REQUIRE(in >= 0, "open /proc/self/exe: %s", errname(errno));
	out = open("suid", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	REQUIRE(out >= 0, "create: %s", errname(errno));
	while ((n = read(in, buf, sizeof buf)) > 0)
		REQUIRE(write(out, buf, n) == n, "copy");
	close(in);
	close(out);
	REQUIRE_OK(chown("suid", 65534, 65534));
	REQUIRE_OK(chmod("suid", 04755));
	char *argv[] = { "./suid", "ids", NULL };
	int st = run_status(argv);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 7,
		"status 0x%x (want 7: euid nobody, uid root, AT_SECURE)", st);
}

/* Truncating a file under a MAP_SHARED mapping: the process touching the
 * old pages may get SIGBUS (Linux) but never reaches memory the kernel
 * has reused; other files' data stay intact. */
static void shared_mapping_truncated(void)
{
	int fd = open("trunc", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char page[4096];

	REQUIRE(fd >= 0, "open: %s", errname(errno));
	memset(page, 'a', sizeof page);
	for (int i = 0; i < 16; i++)
		REQUIRE(write(fd, page, sizeof page) == sizeof page, "write");
	char *m = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	REQUIRE(m != MAP_FAILED, "mmap: %s", errname(errno));
	REQUIRE(m[5 * 4096] == 'a', "mapped data");
	for (int i = 0; i < 16; i++)
		m[i * 4096] = 'b';	/* every page mapped */
	REQUIRE_OK(ftruncate(fd, 0));
	/* Fill memory with new file data the freed pages could be reused for. */
	int g = open("other", O_RDWR | O_CREAT | O_TRUNC, 0600);
	REQUIRE(g >= 0, "open other");
	memset(page, 'z', sizeof page);
	for (int i = 0; i < 64; i++)
		REQUIRE(write(g, page, sizeof page) == sizeof page, "write other");
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 16; i++)
			memset(m + i * 4096, 'X', 4096);	/* SIGBUS on Linux */
		_exit(0);
	}
	wait_status(pid);
	for (int i = 0; i < 64; i++) {
		REQUIRE(pread(g, page, sizeof page, (off_t)i * 4096) == sizeof page, "read other");
		for (int j = 0; j < 4096; j++)
			REQUIRE(page[j] == 'z', "other file corrupted at page %d", i);
	}
	struct stat st;
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE(st.st_size == 0, "size %lld after truncate", (long long)st.st_size);
	munmap(m, 16 * 4096);
	close(fd);
	close(g);
}

static void exec_argv_e2big(void)
{
	static char big[200 * 1024];
	char *argv[] = { PIE, big, big, NULL };

	memset(big, 'a', sizeof big - 1);
	REQUIRE_ERR(execv(PIE, argv), E2BIG);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "ids")) {
		uid_t r, e, sv;
		getresuid(&r, &e, &sv);
		return (e == 65534 && sv == 65534) + 2 * (r == 0) + 4 * (getauxval(AT_SECURE) == 1);
	}
	static const struct check checks[] = {
		CHECK(exec_static_pie),
		CHECK(exec_dynamic),
		CHECK(exec_script_args),
		CHECK(exec_script_loop),
		CHECK(auxv_values),
		CHECK(fpu_across_signal),
		CHECK(fs_base_is_thread_pointer),
		CHECK(unknown_syscalls),
		CHECK_TERN_ONLY(clone3_unimplemented, "an unimplemented syscall's ENOSYS; "
				"Linux implements clone3"),
		CHECK(sigreturn_noncanonical_rip),
		CHECK(sigreturn_garbage_stack),
		CHECK(segv_handler_stack_unusable),
		CHECK(syscall_bad_pointers),
		CHECK(exec_argv_e2big),
		CHECK(itimer_virtual_prof),
		CHECK(orphaned_pgrp_gets_hup),
		CHECK(posix_timer_periodic),
		CHECK(robust_mutex_owner_dies),
		CHECK(exec_setuid),
		CHECK(shared_mapping_truncated),
	};

	return run_checks("kernel", checks, NCHECKS(checks));
}
