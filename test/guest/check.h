/*
 * check.h - the in-guest check framework (header only; each test program
 * is one .c file built static with musl-gcc).
 *
 * A program is a table of checks.  run_checks() first declares every
 * check of the table, one line each, then runs each check in a child
 * process of its own, so a crash, a changed signal disposition, a lowered
 * rlimit or a new cwd cannot leak into the next check.  The child sends
 * its verdict up a pipe; the parent prints exactly one line per check:
 *
 *     PLAN <group>.<check>          (all of them, before the first runs)
 *     PASS <group>.<check>
 *     FAIL <group>.<check>: <why>
 *
 * The host (tools/run-suites) fails every declared check without a
 * verdict, so a program that dies half-way cannot lose checks silently
 * (docs/testing.md).  A child that dies without a verdict (signal, exit,
 * time limit) is a FAIL with the reason.  Inside a check, REQUIRE*()
 * record the first failure and return from the check function.  The
 * program exits 0 when every check passed, 1 otherwise; /test/run reports
 * any other status as a crash.
 *
 * A passing check may add what it measured with check_note(); the line is
 * then `PASS <group>.<check>: <note>`.
 *
 * Table entries:
 *   CHECK(fn)                  a check that holds on Tern and on Linux
 *   CHECK_TERN_ONLY(fn, why)   runs only when TERN_KERNEL is not "linux"
 *                              (the runner exports it from the kernel
 *                              command line's tern.kernel=); `why` says
 *                              why Linux cannot be its oracle
 *   CHECK_HOST_CLOCK(fn)       also declares <group>.<check>.host: fn
 *                              calls host_mark("begin") and
 *                              host_mark("end"), and the host grades the
 *                              guest's clocks between the two lines
 *                              against its own (tools/guest-suite)
 */
#ifndef TERN_CHECK_H
#define TERN_CHECK_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct check {
	const char *name;
	void (*fn)(void);
	unsigned flags;
	const char *why;	/* CHECK_F_TERN_ONLY: why not on Linux */
};
#define CHECK_F_TERN_ONLY	1u
#define CHECK_F_HOST_CLOCK	2u
#define CHECK(fn) { #fn, fn, 0, NULL }
#define CHECK_TERN_ONLY(fn, why) { #fn, fn, CHECK_F_TERN_ONLY, why }
#define CHECK_HOST_CLOCK(fn) { #fn, fn, CHECK_F_HOST_CLOCK, NULL }
#define NCHECKS(table) (sizeof(table) / sizeof((table)[0]))

/* A pointer no process has mapped: the first page is never mappable. */
#define BADPTR ((void *)8)

/* Per-check time limit, in milliseconds. */
#ifndef CHECK_LIMIT_MS
#define CHECK_LIMIT_MS 30000
#endif

/*
 * How late a sleeper may wake under TCG on a machine whose two cores are
 * shared: the upper bound of every timing check is the wanted time plus
 * this (the lower bound is the wanted time itself).
 */
#define SLACK_MS 500

static int check_verdict_fd = -1;
static pid_t check_owner;
static int check_failed_once;
static const char *check_group, *check_name;
static char check_note_text[300];

static const char *errname(int e)
{
	static char buf[16];
	switch (e) {
#define E(x) case x: return #x
	E(EPERM); E(ENOENT); E(ESRCH); E(EINTR); E(EIO); E(ENXIO);
	E(E2BIG); E(ENOEXEC); E(EBADF); E(ECHILD); E(EAGAIN); E(ENOMEM);
	E(EACCES); E(EFAULT); E(EBUSY); E(EEXIST); E(EXDEV); E(ENODEV);
	E(ENOTDIR); E(EISDIR); E(EINVAL); E(ENFILE); E(EMFILE); E(ENOTTY);
	E(EFBIG); E(ENOSPC); E(ESPIPE); E(EROFS); E(EMLINK); E(EPIPE);
	E(ERANGE); E(ENAMETOOLONG); E(ENOSYS); E(ENOTEMPTY); E(ELOOP);
	E(ETIMEDOUT); E(EOVERFLOW); E(ENOTSOCK); E(EOPNOTSUPP);
	E(EDOM); E(EDESTADDRREQ); E(EMSGSIZE); E(EPROTOTYPE);
	E(ENOPROTOOPT); E(EPROTONOSUPPORT); E(ESOCKTNOSUPPORT);
	E(EAFNOSUPPORT); E(EADDRINUSE); E(EADDRNOTAVAIL); E(ENETDOWN);
	E(ENETUNREACH); E(ECONNABORTED); E(ECONNRESET); E(ENOBUFS);
	E(EISCONN); E(ENOTCONN); E(EHOSTUNREACH); E(EALREADY);
	E(EINPROGRESS); E(ECONNREFUSED);
#undef E
	case 0: return "0";
	}
	snprintf(buf, sizeof buf, "errno %d", e);
	return buf;
}

/* Figures for the PASS line of the running check (the last call wins). */
__attribute__((format(printf, 1, 2), unused))
static void check_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(check_note_text, sizeof check_note_text, fmt, ap);
	va_end(ap);
}

/* Record the first failure of the running check. */
__attribute__((format(printf, 1, 2)))
static void check_fail(const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (getpid() != check_owner) {
		/* A helper process of the check may not give the verdict. */
		_exit(99);
	}
	if (check_failed_once)
		return;
	check_failed_once = 1;
	msg[0] = 'F';
	va_start(ap, fmt);
	vsnprintf(msg + 1, sizeof msg - 1, fmt, ap);
	va_end(ap);
	if (write(check_verdict_fd, msg, strlen(msg)) < 0)
		_exit(98);
}

#define REQUIRE(cond, ...) do {                                              \
	if (!(cond)) {                                                       \
		check_fail(__VA_ARGS__);                                     \
		return;                                                      \
	}                                                                    \
} while (0)

/* expr must fail with -1 and errno == want. */
#define REQUIRE_ERR(expr, want) do {                                         \
	errno = 0;                                                           \
	long r_ = (long)(expr);                                              \
	int e_ = errno;                                                      \
	if (r_ != -1 || e_ != (want)) {                                      \
		check_fail("%s: returned %ld (%s), want -1 %s", #expr, r_,   \
			   errname(e_), errname(want));                      \
		return;                                                      \
	}                                                                    \
} while (0)

/* expr must not return -1. */
#define REQUIRE_OK(expr) do {                                                \
	errno = 0;                                                           \
	if ((long)(expr) == -1) {                                            \
		check_fail("%s failed: %s", #expr, errname(errno));          \
		return;                                                      \
	}                                                                    \
} while (0)

/* An error-number-returning call (pthread_*, clock_nanosleep, ...). */
#define REQUIRE_RET(expr, want) do {                                         \
	int r_ = (expr);                                                     \
	if (r_ != (want)) {                                                  \
		check_fail("%s: returned %s, want %s", #expr, errname(r_),   \
			   errname(want));                                   \
		return;                                                      \
	}                                                                    \
} while (0)

/* Wait for one child; returns its wait status, or -1. */
static int wait_status(pid_t pid)
{
	int st;

	for (;;) {
		pid_t r = waitpid(pid, &st, 0);
		if (r == pid)
			return st;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

static long long now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long mono_ms(void)
{
	return now_ns(CLOCK_MONOTONIC) / 1000000;
}

/*
 * The time since t0 (now_ns(CLOCK_MONOTONIC)) must be at least lo_ms and
 * at most hi_ms: a sleep or timeout that ends early is as wrong as one
 * that ends late (the guest's clock itself is graded against the host's
 * by time.clock_matches_host).
 */
#define REQUIRE_ELAPSED(t0, lo_ms, hi_ms, what) do {                         \
	long long e_ = now_ns(CLOCK_MONOTONIC) - (t0);                       \
	if (e_ < (lo_ms) * 1000000LL || e_ > (hi_ms) * 1000000LL) {          \
		check_fail("%s took %lld.%03lld ms, want %lld to %lld ms",   \
			   what, e_ / 1000000, e_ / 1000 % 1000,              \
			   (long long)(lo_ms), (long long)(hi_ms));           \
		return;                                                      \
	}                                                                    \
} while (0)

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * One read(2) of the start of a file (a /proc file gives its text in
 * one), NUL-terminated in buf: the byte count, or -1 (nothing read).
 */
__attribute__((unused))
static ssize_t read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return n;
}

/* Block sig in this thread (so it waits, pending, for wait_signal). */
__attribute__((unused))
static void block_signal(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

/* Take pending or arriving sig (blocked) within ms: sig, or -1. */
__attribute__((unused))
static int wait_signal(int sig, siginfo_t *si, long ms)
{
	sigset_t set;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, si, &ts);
}

/*
 * The state letter of /proc/PID/stat ('R', 'S', 'T', 'Z', ...), or 0 when
 * it cannot be read.
 */
__attribute__((unused))
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (read_text(path, buf, sizeof buf) < 0)
		return 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/*
 * Waits (up to 10 s) until process `pid` is asleep ('S' in /proc/PID/stat),
 * i.e. blocked in a system call.  Returns 1 when it is.
 */
__attribute__((unused))
static int wait_until_asleep(pid_t pid)
{
	long long t0 = mono_ms();
	char st;

	while (mono_ms() - t0 < 10000) {
		st = proc_state(pid);
		if (!st)
			return 0;
		if (st == 'S')
			return 1;
		sleep_ms(1);
	}
	return 0;
}

/*
 * Forks a helper that sends `sig` to `pid` once `pid` sleeps in a system
 * call, so a check can block first and be interrupted second, however
 * slowly the machine runs.  Returns the helper's pid (reap it).
 */
__attribute__((unused))
static pid_t signal_when_asleep(pid_t pid, int sig)
{
	pid_t h = fork();

	if (h == 0) {
		if (!wait_until_asleep(pid))
			_exit(1);
		kill(pid, sig);
		_exit(0);
	}
	return h;
}

/*
 * Prints one line with one write(2), so lines from different programs
 * never mix; control characters in it become spaces, so a reason that
 * holds a newline cannot start a (possibly verdict-looking) line of its
 * own.
 */
__attribute__((format(printf, 1, 2)))
static void put_line(const char *fmt, ...)
{
	char line[600];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof line - 2)
		n = sizeof line - 2;
	for (int i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20)
			line[i] = ' ';
	line[n++] = '\n';
	if (write(1, line, n) < 0)
		_exit(2);
}

static void emit(const char *verdict, const char *group, const char *name,
		 const char *why)
{
	if (why)
		put_line("%s %s.%s: %s", verdict, group, name, why);
	else
		put_line("%s %s.%s", verdict, group, name);
}

/*
 * For CHECK_HOST_CLOCK checks: one console line with the guest's
 * CLOCK_MONOTONIC and CLOCK_REALTIME (ns) now.  tools/guest-suite notes
 * the host's time when the line appears and grades the pair of marks
 * "begin" and "end" as the check <group>.<check>.host.
 */
__attribute__((unused))
static void host_mark(const char *tag)
{
	long long mono = now_ns(CLOCK_MONOTONIC), real = now_ns(CLOCK_REALTIME);

	put_line("HOSTMARK %s.%s %s %lld %lld", check_group, check_name, tag,
		 mono, real);
}

/*
 * Run one check in a child; returns 1 when it passed.  The parent sleeps
 * in sigtimedwait for SIGCHLD (blocked around the fork, so the child's
 * end is never missed) with a short timeout to watch the deadline: it
 * wakes a few times a second, not hundreds, and so does not disturb
 * what the check measures.
 */
static int run_one(const char *group, const struct check *c)
{
	int p[2], st = 0, done = 0;
	char why[420];
	pid_t pid;
	long long deadline;
	ssize_t n;
	sigset_t chld, old;

	if (pipe2(p, O_CLOEXEC) < 0) {
		emit("FAIL", group, c->name, "harness: pipe2 failed");
		return 0;
	}
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	pid = fork();
	if (pid < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		emit("FAIL", group, c->name, "harness: fork failed");
		close(p[0]);
		close(p[1]);
		return 0;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(p[0]);
		check_group = group;
		check_name = c->name;
		check_verdict_fd = p[1];
		check_owner = getpid();
		c->fn();
		if (!check_failed_once) {
			char msg[sizeof check_note_text + 1];
			int m = snprintf(msg, sizeof msg, "P%s", check_note_text);

			if (write(p[1], msg, (size_t)m) != m)
				_exit(98);
		}
		_exit(0);
	}
	close(p[1]);
	deadline = mono_ms() + CHECK_LIMIT_MS;
	while (!done) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid) {
			done = 1;
		} else if (r < 0 && errno != EINTR) {
			st = -1;
			done = 1;
		} else if (mono_ms() > deadline) {
			kill(pid, SIGKILL);
			wait_status(pid);
			sigprocmask(SIG_SETMASK, &old, NULL);
			snprintf(why, sizeof why, "no verdict within %d ms",
				 CHECK_LIMIT_MS);
			emit("FAIL", group, c->name, why);
			close(p[0]);
			return 0;
		} else {
			struct timespec ts = { 0, 100 * 1000000L };

			sigtimedwait(&chld, NULL, &ts);
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	n = read(p[0], why, sizeof why - 1);
	close(p[0]);
	if (n > 0 && why[0] == 'P' && st == 0) {
		why[n] = 0;
		emit("PASS", group, c->name, why[1] ? why + 1 : NULL);
		return 1;
	}
	if (n > 0 && why[0] == 'F') {
		why[n] = 0;
		emit("FAIL", group, c->name, why + 1);
		return 0;
	}
	if (st != -1 && WIFSIGNALED(st))
		snprintf(why, sizeof why, "check died of signal %d (%s)",
			 WTERMSIG(st), strsignal(WTERMSIG(st)));
	else
		snprintf(why, sizeof why, "check ended without a verdict "
			 "(wait status 0x%x)", st);
	emit("FAIL", group, c->name, why);
	return 0;
}

static int check_runs_here(const struct check *c)
{
	const char *k = getenv("TERN_KERNEL");

	return !(c->flags & CHECK_F_TERN_ONLY) || !k || strcmp(k, "linux") != 0;
}

/*
 * Run a table of checks from a fresh directory /tmp/<group>.<pid>, so
 * checks can use relative names.  Every check that runs on this kernel is
 * declared first.  Returns the program's exit status.
 */
static int run_checks(const char *group, const struct check *checks,
		      size_t n)
{
	char dir[64];
	int failed = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!check_runs_here(&checks[i])) {
			put_line("# %s.%s: Tern-only, not run here (%s)", group,
				 checks[i].name, checks[i].why);
			continue;
		}
		put_line("PLAN %s.%s", group, checks[i].name);
		if (checks[i].flags & CHECK_F_HOST_CLOCK)
			put_line("PLAN %s.%s.host", group, checks[i].name);
	}
	snprintf(dir, sizeof dir, "/tmp/%s.%d", group, (int)getpid());
	if (mkdir(dir, 0755) < 0 || chdir(dir) < 0) {
		emit("FAIL", group, "setup", "cannot make a work directory");
		return 1;
	}
	for (i = 0; i < n; i++)
		if (check_runs_here(&checks[i]))
			failed |= !run_one(group, &checks[i]);
	return failed ? 1 : 0;
}

#endif /* TERN_CHECK_H */
