/*
 * tst_test.h: Tern's small test library with the observable conventions of
 * the Linux Test Project's C library (LTP's "new" tst_test API).  Our own
 * code; the interface is shaped like LTP's so that a test reads like its
 * LTP namesake and a real LTP build and ours print and exit alike.
 *
 * A test defines `static struct tst_test test = { ... };` and includes
 * this header, which supplies main() (define TST_NO_DEFAULT_MAIN first to
 * supply your own, then call tst_run_tcases(argc, argv, &test)).
 *
 * struct tst_test (every field optional but one of .test_all / .test):
 *   .test_all        void (*)(void): the test, run once per iteration
 *   .test, .tcnt     void (*)(unsigned int n): run for n = 0..tcnt-1
 *   .setup/.cleanup  run in the test process before/after the tests;
 *                    cleanup also runs after tst_brk() (so it must cope
 *                    with a half-done setup: check fds against -1, ...)
 *   .needs_tmpdir    the test runs in a fresh directory under $TMPDIR
 *                    (default /tmp), removed afterwards
 *   .needs_root      TCONF unless euid 0 (tests then drop to `nobody`
 *                    themselves: SAFE_GETPWNAM("nobody"), SAFE_SETEUID)
 *   .forks_child     the test forks: after each test function the library
 *                    reaps every child; a child killed by a signal or
 *                    exiting with a status other than 0/TBROK/TCONF is
 *                    TBROK
 *   .needs_checkpoints  TST_CHECKPOINT_* may be used (futexes on the
 *                    shared results page, so across fork)
 *   .test_variants   the whole test (setup, tests, cleanup) runs once per
 *                    variant, tst_variant = 0..test_variants-1, each in
 *                    its own forked process (libc wrapper vs raw syscall)
 *   .timeout         seconds per run (default 30, -1 unlimited), scaled by
 *                    $LTP_TIMEOUT_MUL; on expiry the library kills the
 *                    test's process group: TBROK, "Test timed out"
 *   .options         struct tst_option[] {"s:", &str, "help"}, NULL-ended
 *   .bufs            struct tst_buffers[] {&ptr, .size=n} or {.str=s}:
 *                    guarded buffers (a PROT_NONE page right after each)
 *   .tags            struct tst_tag[] {"linux-git", "sha"}, printed as a
 *                    hint when the test fails
 *   .needs_kconfigs  NULL-ended strings "CONFIG_X" or "CONFIG_X=y":
 *                    TCONF unless the kernel's config (/proc/config.gz,
 *                    $KCONFIG_PATH, /boot/config-<release>) has them
 *   .scall/.sample   a timer test (tst_timer_test.h)
 *
 * Reporting:
 *   tst_res(TPASS|TFAIL|TINFO|TWARN|TCONF [| TERRNO|TTERRNO|TRERRNO], fmt, ...)
 *       prints `<file>:<line>: <TYPE>: <msg>` on stderr, as LTP does;
 *       TERRNO appends ": <ENAME> (<n>)" for errno, TTERRNO for TST_ERR,
 *       TRERRNO for TST_RET.
 *   tst_brk(TBROK|TCONF [| TERRNO...], fmt, ...)  reports and ends the
 *       test: in the test process after running .cleanup, in a child by
 *       exiting with the result type as status.
 *   Exit status of the program (LTP's bits): 0 all passed, |1 some
 *   TFAIL, |2 some TBROK, |4 some TWARN, |32 TCONF with nothing passed.
 *   A test function that reports nothing is TBROK.
 *
 * Calls:
 *   TEST(call)           TST_RET = call; TST_ERR = errno
 *   TST_EXP_PASS(call[, fmt, ...])      expects 0
 *   TST_EXP_FD(call[, ...])             expects a descriptor >= 0
 *   TST_EXP_POSITIVE(call[, ...])       expects >= 0
 *   TST_EXP_VAL(call, val[, ...])       expects val
 *   TST_EXP_FAIL(call, errno[, ...])    expects -1 and that errno (0 is a
 *                                       failure, any other value too)
 *   TST_EXP_FAIL2(call, errno[, ...])   the same for calls returning >= 0
 *   TST_EXP_FAIL_ARR(call, arr, n[, ...])  one of n errnos
 *   TST_EXP_EQ_LI(a, b), TST_EXP_EQ_LU(a, b), TST_EXP_EXPR(expr, fmt, ...)
 *   *_SILENT forms report only failures; TST_PASS says the last passed.
 *   SAFE_*(...)          the call, or tst_brk(TBROK|TERRNO) naming it.
 *   tst_syscall(NR, ...) syscall(), TCONF when the kernel says ENOSYS.
 *
 * Processes and time: tst_variant, TST_CHECKPOINT_WAIT(id),
 *   TST_CHECKPOINT_WAKE(id), TST_CHECKPOINT_WAKE2(id, n),
 *   TST_CHECKPOINT_WAKE_AND_WAIT(id), TST_PROCESS_STATE_WAIT(pid, 'S', ms),
 *   tst_reap_children(), tst_get_unused_port(family, type) (network
 *   order), tst_get_bad_addr(NULL), tst_alloc(n), tst_close_fds(fds, n),
 *   tst_strerrno(e),
 *   tst_strsig(s), tst_is_virt(), tst_kvercmp(a, b, c),
 *   tst_timer_start(clk)/stop()/elapsed_us()/expired_ms(ms).
 */
#ifndef TST_TEST_H
#define TST_TEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

/* Result types and flags: LTP's values (the exit-status bits). */
#define TPASS	0
#define TFAIL	1
#define TBROK	2
#define TWARN	4
#define TINFO	16
#define TCONF	32
#define TERRNO	0x100
#define TTERRNO	0x200
#define TRERRNO	0x400
#define TTYPE_MASK	0x3f
#define TTYPE_RESULT(t)	((t) & TTYPE_MASK)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#ifndef MIN
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#endif

struct tst_option {
	const char *optstr;	/* "x" (a flag) or "x:" (takes a value) */
	char **arg;		/* set to the value ("" for a flag) */
	const char *help;
};

struct tst_tag {
	const char *name;
	const char *value;
};

struct tst_buffers {
	void *ptr;		/* a pointer to the test's pointer */
	size_t size;
	const char *str;	/* or: a copy of this string */
};

struct tst_test {
	unsigned int tcnt;
	void (*test)(unsigned int n);
	void (*test_all)(void);
	void (*setup)(void);
	void (*cleanup)(void);
	int needs_tmpdir;
	int needs_root;
	int forks_child;
	int needs_checkpoints;
	int test_variants;
	int timeout;
	struct tst_option *options;
	struct tst_buffers *bufs;
	const struct tst_tag *tags;
	const char *const *needs_kconfigs;
	/* timer tests (tst_timer_test.h) */
	const char *scall;
	int (*sample)(int clk_id, long long usec);
};

#define TST_UNLIMITED_TIMEOUT	(-1)

extern unsigned int tst_variant;
extern long TST_RET;
extern int TST_ERR;
extern int TST_PASS;

void tst_res_(const char *file, int line, int ttype, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void tst_brk_(const char *file, int line, int ttype, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));
void tst_vres_(const char *file, int line, int ttype, const char *fmt,
	       va_list va);

#define tst_res(ttype, ...)	tst_res_(__FILE__, __LINE__, (ttype), __VA_ARGS__)
#define tst_brk(ttype, ...)	tst_brk_(__FILE__, __LINE__, (ttype), __VA_ARGS__)

void tst_run_tcases(int argc, char *argv[], struct tst_test *test)
	__attribute__((noreturn));

const char *tst_strerrno(int err);
const char *tst_strsig(int sig);
void tst_reap_children(void);
void tst_set_timeout(int seconds);
/* t scaled by $LTP_TIMEOUT_MUL (at least 1), for bounds on durations. */
long long tst_multiply_timeout(long long t);
int tst_is_virt(void);
int tst_kvercmp(int r1, int r2, int r3);

/* ---- TEST() and expectations ---------------------------------------- */

#define TEST(SCALL) do { \
		errno = 0; \
		TST_RET = (long)(SCALL); \
		TST_ERR = errno; \
	} while (0)

/* The check behind each TST_EXP_*: kind says what a pass is. */
enum tst_exp_kind {
	TST_EXP_ZERO_,		/* 0 */
	TST_EXP_FD_,		/* >= 0, a descriptor */
	TST_EXP_NONNEG_,	/* >= 0 */
	TST_EXP_VAL_,		/* == val */
	TST_EXP_FAIL_,		/* -1 with one of errs; 0 is "succeeded" */
	TST_EXP_FAIL2_,		/* -1 with one of errs */
};
void tst_exp_(const char *file, int line, enum tst_exp_kind kind, int silent,
	      const char *scall, long val, const int *errs, int nerrs,
	      const char *fmt, ...) __attribute__((format(printf, 9, 10)));

/* The optional message: "" "fmt", args (a literal) or just "". */
#define TST_EXP_(kind, silent, SCALL, val, errs, nerrs, ...) do { \
		TEST(SCALL); \
		tst_exp_(__FILE__, __LINE__, kind, silent, #SCALL, val, \
			 errs, nerrs, "" __VA_ARGS__); \
	} while (0)

#define TST_EXP_PASS(SCALL, ...) \
	TST_EXP_(TST_EXP_ZERO_, 0, SCALL, 0, NULL, 0, ##__VA_ARGS__)
#define TST_EXP_PASS_SILENT(SCALL, ...) \
	TST_EXP_(TST_EXP_ZERO_, 1, SCALL, 0, NULL, 0, ##__VA_ARGS__)
#define TST_EXP_FD(SCALL, ...) \
	TST_EXP_(TST_EXP_FD_, 0, SCALL, 0, NULL, 0, ##__VA_ARGS__)
#define TST_EXP_FD_SILENT(SCALL, ...) \
	TST_EXP_(TST_EXP_FD_, 1, SCALL, 0, NULL, 0, ##__VA_ARGS__)
#define TST_EXP_POSITIVE(SCALL, ...) \
	TST_EXP_(TST_EXP_NONNEG_, 0, SCALL, 0, NULL, 0, ##__VA_ARGS__)
#define TST_EXP_POSITIVE_SILENT(SCALL, ...) \
	TST_EXP_(TST_EXP_NONNEG_, 1, SCALL, 0, NULL, 0, ##__VA_ARGS__)
#define TST_EXP_VAL(SCALL, VAL, ...) \
	TST_EXP_(TST_EXP_VAL_, 0, SCALL, (long)(VAL), NULL, 0, ##__VA_ARGS__)
#define TST_EXP_VAL_SILENT(SCALL, VAL, ...) \
	TST_EXP_(TST_EXP_VAL_, 1, SCALL, (long)(VAL), NULL, 0, ##__VA_ARGS__)
#define TST_EXP_FAIL(SCALL, ERRNO, ...) do { \
		const int tst_e_[] = { (ERRNO) }; \
		TST_EXP_(TST_EXP_FAIL_, 0, SCALL, 0, tst_e_, 1, ##__VA_ARGS__); \
	} while (0)
#define TST_EXP_FAIL_SILENT(SCALL, ERRNO, ...) do { \
		const int tst_e_[] = { (ERRNO) }; \
		TST_EXP_(TST_EXP_FAIL_, 1, SCALL, 0, tst_e_, 1, ##__VA_ARGS__); \
	} while (0)
#define TST_EXP_FAIL2(SCALL, ERRNO, ...) do { \
		const int tst_e_[] = { (ERRNO) }; \
		TST_EXP_(TST_EXP_FAIL2_, 0, SCALL, 0, tst_e_, 1, ##__VA_ARGS__); \
	} while (0)
#define TST_EXP_FAIL_ARR(SCALL, ERRNOS, N, ...) \
	TST_EXP_(TST_EXP_FAIL_, 0, SCALL, 0, ERRNOS, N, ##__VA_ARGS__)

#define TST_EXP_EQ_(A, B, fmt, cast) do { \
		__typeof__(A) tst_a_ = (A); \
		__typeof__(B) tst_b_ = (B); \
		TST_PASS = (cast)tst_a_ == (cast)tst_b_; \
		if (TST_PASS) \
			tst_res(TPASS, "%s == %s (" fmt ")", #A, #B, (cast)tst_a_); \
		else \
			tst_res(TFAIL, "%s (" fmt ") != %s (" fmt ")", #A, \
				(cast)tst_a_, #B, (cast)tst_b_); \
	} while (0)
#define TST_EXP_EQ_LI(A, B)	TST_EXP_EQ_(A, B, "%lld", long long)
#define TST_EXP_EQ_LU(A, B)	TST_EXP_EQ_(A, B, "%llu", unsigned long long)
#define TST_EXP_EQ_SZ(A, B)	TST_EXP_EQ_(A, B, "%zu", size_t)

#define TST_EXP_EXPR(EXPR, ...) do { \
		TST_PASS = !!(EXPR); \
		tst_res(TST_PASS ? TPASS : TFAIL, __VA_ARGS__); \
	} while (0)

/* ---- checkpoints ------------------------------------------------------ */

#define TST_CHECKPOINT_TIMEOUT_MS	10000
int tst_checkpoint_wait(unsigned int id, unsigned int msec_timeout);
int tst_checkpoint_wake(unsigned int id, unsigned int nr_wake,
			unsigned int msec_timeout);
void tst_safe_checkpoint_wait_(const char *file, int line, unsigned int id,
			       unsigned int msec);
void tst_safe_checkpoint_wake_(const char *file, int line, unsigned int id,
			       unsigned int nr_wake, unsigned int msec);
#define TST_CHECKPOINT_WAIT(id) \
	tst_safe_checkpoint_wait_(__FILE__, __LINE__, id, 0)
#define TST_CHECKPOINT_WAIT2(id, msec) \
	tst_safe_checkpoint_wait_(__FILE__, __LINE__, id, msec)
#define TST_CHECKPOINT_WAKE(id) \
	tst_safe_checkpoint_wake_(__FILE__, __LINE__, id, 1, 0)
#define TST_CHECKPOINT_WAKE2(id, n) \
	tst_safe_checkpoint_wake_(__FILE__, __LINE__, id, n, 0)
#define TST_CHECKPOINT_WAKE_AND_WAIT(id) do { \
		TST_CHECKPOINT_WAKE(id); \
		TST_CHECKPOINT_WAIT(id); \
	} while (0)

/* Waits (polling /proc/<pid>/stat) until pid is in state (e.g. 'S'). */
int tst_process_state_wait_(const char *file, int line, pid_t pid,
			    char state, unsigned int msec_timeout);
#define TST_PROCESS_STATE_WAIT(pid, state, msec) \
	tst_process_state_wait_(__FILE__, __LINE__, pid, state, msec)

/* ---- helpers ---------------------------------------------------------- */

unsigned short tst_get_unused_port(int family, int type);
void *tst_get_bad_addr(void (*cleanup)(void));
void *tst_alloc(size_t size);
/* Closes each of fds[0..n-1] that is open (>= 0) and sets it to -1. */
void tst_close_fds(int *fds, int n);
char *tst_strdup(const char *s);
int tst_parse_int(const char *str, int *val, int min, int max);
int tst_parse_long(const char *str, long *val, long min, long max);

void tst_timer_start(clockid_t clk);
void tst_timer_stop(void);
long long tst_timer_elapsed_us(void);
long long tst_timer_elapsed_ms(void);
int tst_timer_expired_ms(long long ms);
long long tst_timespec_to_us(struct timespec t);
long long tst_timespec_diff_us(struct timespec a, struct timespec b);

/* A raw system call; ENOSYS is TCONF (the kernel lacks it), as LTP's. */
#define tst_syscall(NR, ...) ({ \
		long tst_sr_ = syscall(NR, ##__VA_ARGS__); \
		if (tst_sr_ == -1 && errno == ENOSYS) \
			tst_brk(TCONF, "syscall(%d) %s not supported", NR, #NR); \
		tst_sr_; \
	})

/* ---- SAFE_* wrappers -------------------------------------------------- */

/*
 * TST_SAFE_(expr, bad, what...): evaluates expr once into tst_r_; when
 * the condition bad (which may use tst_r_) holds, breaks the test
 * (TBROK|TERRNO) with the message; otherwise yields tst_r_.
 */
#define TST_SAFE_(expr, bad, ...) ({ \
		__typeof__(expr) tst_r_ = (expr); \
		if (bad) \
			tst_brk_(__FILE__, __LINE__, TBROK | TERRNO, __VA_ARGS__); \
		tst_r_; \
	})
#define TST_SAFE_M1_(expr, ...)	TST_SAFE_(expr, tst_r_ == -1, __VA_ARGS__)
#define TST_SAFE_NZ_(expr, ...)	TST_SAFE_(expr, tst_r_ != 0, __VA_ARGS__)
#define TST_SAFE_NEG_(expr, ...) TST_SAFE_(expr, tst_r_ < 0, __VA_ARGS__)

#define SAFE_SOCKET(d, t, p) \
	TST_SAFE_NEG_(socket(d, t, p), "socket(%d, %d, %d) failed", d, t, p)
#define SAFE_SOCKETPAIR(d, t, p, sv) \
	TST_SAFE_NZ_(socketpair(d, t, p, sv), "socketpair(%d, %d, %d) failed", d, t, p)
#define SAFE_BIND(fd, a, l) \
	TST_SAFE_NZ_(bind(fd, a, l), "bind(%d) failed", fd)
#define SAFE_LISTEN(fd, b) \
	TST_SAFE_NZ_(listen(fd, b), "listen(%d, %d) failed", fd, b)
#define SAFE_CONNECT(fd, a, l) \
	TST_SAFE_NZ_(connect(fd, a, l), "connect(%d) failed", fd)
#define SAFE_ACCEPT(fd, a, l) \
	TST_SAFE_NEG_(accept(fd, a, l), "accept(%d) failed", fd)
#define SAFE_SHUTDOWN(fd, h) \
	TST_SAFE_NZ_(shutdown(fd, h), "shutdown(%d, %d) failed", fd, h)
#define SAFE_GETSOCKNAME(fd, a, l) \
	TST_SAFE_NZ_(getsockname(fd, a, l), "getsockname(%d) failed", fd)
#define SAFE_GETPEERNAME(fd, a, l) \
	TST_SAFE_NZ_(getpeername(fd, a, l), "getpeername(%d) failed", fd)
#define SAFE_SETSOCKOPT(fd, lv, n, v, l) \
	TST_SAFE_NZ_(setsockopt(fd, lv, n, v, l), \
		     "setsockopt(%d, %d, %d) failed", fd, lv, n)
#define SAFE_SETSOCKOPT_INT(fd, lv, n, val) ({ \
		int tst_v_ = (val); \
		SAFE_SETSOCKOPT(fd, lv, n, &tst_v_, sizeof(tst_v_)); \
	})
#define SAFE_GETSOCKOPT(fd, lv, n, v, l) \
	TST_SAFE_NZ_(getsockopt(fd, lv, n, v, l), \
		     "getsockopt(%d, %d, %d) failed", fd, lv, n)

/* strict: the whole length must go (SAFE_WRITE_ALL) or any (_ANY). */
#define SAFE_WRITE_ANY	0
#define SAFE_WRITE_ALL	1
#define SAFE_READ_ANY	0
#define SAFE_READ_ALL	1
ssize_t safe_write_(const char *file, int line, int strict, int fd,
		    const void *buf, size_t n);
ssize_t safe_read_(const char *file, int line, int strict, int fd, void *buf,
		   size_t n);
ssize_t safe_send_(const char *file, int line, int strict, int fd,
		   const void *buf, size_t n, int flags);
ssize_t safe_sendto_(const char *file, int line, int strict, int fd,
		     const void *buf, size_t n, int flags,
		     const struct sockaddr *a, socklen_t al);
ssize_t safe_recv_(const char *file, int line, size_t want, int fd, void *buf,
		   size_t n, int flags);
ssize_t safe_sendmsg_(const char *file, int line, size_t want, int fd,
		      const struct msghdr *m, int flags);
ssize_t safe_recvmsg_(const char *file, int line, size_t want, int fd,
		      struct msghdr *m, int flags);
#define SAFE_WRITE(strict, fd, buf, n) \
	safe_write_(__FILE__, __LINE__, strict, fd, buf, n)
#define SAFE_READ(strict, fd, buf, n) \
	safe_read_(__FILE__, __LINE__, strict, fd, buf, n)
#define SAFE_SEND(strict, fd, buf, n, fl) \
	safe_send_(__FILE__, __LINE__, strict, fd, buf, n, fl)
#define SAFE_SENDTO(strict, fd, buf, n, fl, a, al) \
	safe_sendto_(__FILE__, __LINE__, strict, fd, buf, n, fl, a, al)
/* want: the exact byte count expected, 0 for any */
#define SAFE_RECV(want, fd, buf, n, fl) \
	safe_recv_(__FILE__, __LINE__, want, fd, buf, n, fl)
#define SAFE_SENDMSG(want, fd, m, fl) \
	safe_sendmsg_(__FILE__, __LINE__, want, fd, m, fl)
#define SAFE_RECVMSG(want, fd, m, fl) \
	safe_recvmsg_(__FILE__, __LINE__, want, fd, m, fl)

/* Closes and sets the variable to -1, as LTP's does. */
#define SAFE_CLOSE(fd) do { \
		if (close(fd) != 0) \
			tst_brk_(__FILE__, __LINE__, TBROK | TERRNO, \
				 "close(%s=%d) failed", #fd, (int)(fd)); \
		fd = -1; \
	} while (0)
#define SAFE_OPEN(path, flags, ...) \
	TST_SAFE_NEG_(open(path, flags, ##__VA_ARGS__), "open(%s, 0x%x) failed", \
		      path, (unsigned int)(flags))
#define SAFE_PIPE(fds) TST_SAFE_NZ_(pipe(fds), "pipe() failed")
#define SAFE_PIPE2(fds, fl) TST_SAFE_NZ_(pipe2(fds, fl), "pipe2() failed")
#define SAFE_DUP(fd) TST_SAFE_NEG_(dup(fd), "dup(%d) failed", fd)
#define SAFE_DUP2(a, b) TST_SAFE_NEG_(dup2(a, b), "dup2(%d, %d) failed", a, b)
#define SAFE_FCNTL(fd, cmd, ...) \
	TST_SAFE_M1_(fcntl(fd, cmd, ##__VA_ARGS__), "fcntl(%d, %d) failed", fd, cmd)
#define SAFE_IOCTL(fd, req, ...) \
	TST_SAFE_M1_(ioctl(fd, req, ##__VA_ARGS__), "ioctl(%d, 0x%lx) failed", \
		     fd, (unsigned long)(req))
#define SAFE_UNLINK(p) TST_SAFE_NZ_(unlink(p), "unlink(%s) failed", p)
#define SAFE_MKDIR(p, m) TST_SAFE_NZ_(mkdir(p, m), "mkdir(%s) failed", p)
#define SAFE_RMDIR(p) TST_SAFE_NZ_(rmdir(p), "rmdir(%s) failed", p)
#define SAFE_CHDIR(p) TST_SAFE_NZ_(chdir(p), "chdir(%s) failed", p)
#define SAFE_MKFIFO(p, m) TST_SAFE_NZ_(mkfifo(p, m), "mkfifo(%s) failed", p)
#define SAFE_MKNOD(p, m, d) TST_SAFE_NZ_(mknod(p, m, d), "mknod(%s) failed", p)
#define SAFE_FTRUNCATE(fd, n) TST_SAFE_NZ_(ftruncate(fd, n), "ftruncate(%d) failed", fd)
#define SAFE_STAT(p, st) TST_SAFE_NZ_(stat(p, st), "stat(%s) failed", p)
#define SAFE_CHMOD(p, m) TST_SAFE_NZ_(chmod(p, m), "chmod(%s, 0%o) failed", p, (unsigned int)(m))
#define SAFE_FSTAT(fd, st) TST_SAFE_NZ_(fstat(fd, st), "fstat(%d) failed", (int)(fd))
#define SAFE_LSEEK(fd, o, w) TST_SAFE_M1_(lseek(fd, o, w), "lseek(%d) failed", fd)
#define SAFE_MOUNT(s, t, fs, fl, d) \
	TST_SAFE_NZ_(mount(s, t, fs, fl, d), "mount(%s, %s, %s) failed", s, t, fs)
#define SAFE_UMOUNT(t) TST_SAFE_NZ_(umount(t), "umount(%s) failed", t)
#define SAFE_MALLOC(n) TST_SAFE_(malloc(n), tst_r_ == NULL, "malloc(%zu) failed", (size_t)(n))
#define SAFE_CALLOC(c, n) TST_SAFE_(calloc(c, n), tst_r_ == NULL, "calloc() failed")
#define SAFE_MMAP(a, l, p, f, fd, o) \
	TST_SAFE_(mmap(a, l, p, f, fd, o), tst_r_ == MAP_FAILED, \
		  "mmap(%zu, %d, 0x%x, %d) failed", (size_t)(l), p, f, fd)
#define SAFE_MUNMAP(a, l) TST_SAFE_NZ_(munmap(a, l), "munmap() failed")
#define SAFE_MPROTECT(a, l, p) TST_SAFE_NZ_(mprotect(a, l, p), "mprotect() failed")

#define SAFE_FORK() TST_SAFE_M1_(fork(), "fork() failed")
#define SAFE_KILL(pid, sig) \
	TST_SAFE_NZ_(kill(pid, sig), "kill(%d, %s) failed", (int)(pid), tst_strsig(sig))
#define SAFE_WAITPID(pid, st, o) \
	TST_SAFE_M1_(waitpid(pid, st, o), "waitpid(%d) failed", (int)(pid))
#define SAFE_WAIT(st) TST_SAFE_M1_(wait(st), "wait() failed")
#define SAFE_SIGNAL(sig, h) \
	TST_SAFE_(signal(sig, h), tst_r_ == SIG_ERR, "signal(%s) failed", tst_strsig(sig))
#define SAFE_SIGACTION(sig, a, o) \
	TST_SAFE_NZ_(sigaction(sig, a, o), "sigaction(%s) failed", tst_strsig(sig))
#define SAFE_SIGPROCMASK(h, s, o) \
	TST_SAFE_NZ_(sigprocmask(h, s, o), "sigprocmask(%d) failed", h)
#define SAFE_SIGEMPTYSET(s) TST_SAFE_NZ_(sigemptyset(s), "sigemptyset() failed")
#define SAFE_SIGFILLSET(s) TST_SAFE_NZ_(sigfillset(s), "sigfillset() failed")
#define SAFE_SIGADDSET(s, n) TST_SAFE_NZ_(sigaddset(s, n), "sigaddset(%d) failed", n)
#define SAFE_SIGDELSET(s, n) TST_SAFE_NZ_(sigdelset(s, n), "sigdelset(%d) failed", n)
#define SAFE_SYSCONF(n) TST_SAFE_M1_(sysconf(n), "sysconf(%d) failed", n)
#define SAFE_GETRLIMIT(r, l) TST_SAFE_NZ_(getrlimit(r, l), "getrlimit(%d) failed", r)
#define SAFE_SETRLIMIT(r, l) TST_SAFE_NZ_(setrlimit(r, l), "setrlimit(%d) failed", r)

#define SAFE_GETPWNAM(name) \
	TST_SAFE_(getpwnam(name), tst_r_ == NULL, "getpwnam(%s) failed", name)
#define SAFE_GETGRNAM(name) \
	TST_SAFE_(getgrnam(name), tst_r_ == NULL, "getgrnam(%s) failed", name)
#define SAFE_GETGRGID(gid) \
	TST_SAFE_(getgrgid(gid), tst_r_ == NULL, "getgrgid(%d) failed", (int)(gid))
#define SAFE_SETUID(u) TST_SAFE_NZ_(setuid(u), "setuid(%d) failed", (int)(u))
#define SAFE_SETEUID(u) TST_SAFE_NZ_(seteuid(u), "seteuid(%d) failed", (int)(u))
#define SAFE_SETGID(g) TST_SAFE_NZ_(setgid(g), "setgid(%d) failed", (int)(g))
#define SAFE_SETEGID(g) TST_SAFE_NZ_(setegid(g), "setegid(%d) failed", (int)(g))
#define SAFE_SETREUID(r, e) TST_SAFE_NZ_(setreuid(r, e), "setreuid() failed")
#define SAFE_SETRESUID(r, e, s) TST_SAFE_NZ_(setresuid(r, e, s), "setresuid() failed")

#define SAFE_EPOLL_CREATE1(fl) \
	TST_SAFE_M1_(epoll_create1(fl), "epoll_create1(0x%x) failed", \
		     (unsigned int)(fl))
#define SAFE_EPOLL_CTL(ep, op, fd, ev) \
	TST_SAFE_M1_(epoll_ctl(ep, op, fd, ev), "epoll_ctl(%d, %d, %d) failed", \
		     ep, op, fd)
#define SAFE_EPOLL_WAIT(ep, ev, n, t) \
	TST_SAFE_M1_(epoll_wait(ep, ev, n, t), "epoll_wait(%d, %d, %d) failed", \
		     ep, n, t)

/* Writes/reads a small file (printf/scanf), or breaks the test. */
void safe_file_printf_(const char *file, int line, const char *path,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void safe_file_scanf_(const char *file, int line, const char *path,
		      const char *fmt, ...) __attribute__((format(scanf, 4, 5)));
#define SAFE_FILE_PRINTF(path, ...) \
	safe_file_printf_(__FILE__, __LINE__, path, __VA_ARGS__)
#define SAFE_FILE_SCANF(path, ...) \
	safe_file_scanf_(__FILE__, __LINE__, path, __VA_ARGS__)
#define SAFE_TOUCH(path, mode) \
	close(SAFE_OPEN(path, O_CREAT | O_WRONLY, mode))

/* ---- main ------------------------------------------------------------- */

#ifndef TST_NO_DEFAULT_MAIN
static struct tst_test test;

int main(int argc, char *argv[])
{
	tst_run_tcases(argc, argv, &test);
}
#endif

#endif /* TST_TEST_H */
