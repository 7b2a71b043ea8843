/*
 * ppoll01: ppoll() through libc's wrapper (variant 0) and the raw system
 * call (variant 1; x86_64 has no separate time64 one):
 *   NORMAL             a regular file: 1, revents POLLIN | POLLOUT
 *   MASK_SIGNAL        SIGINT blocked by the call's mask, 4 sent 100 ms
 *                      apart: the 200 ms timeout runs out, 0
 *   TIMEOUT            nothing to wait for: 0 after 200 ms
 *   FD_ALREADY_CLOSED  1, revents POLLNVAL
 *   SEND_SIGINT        SIGINT (with a handler) every 100 ms: -1 EINTR
 *   SEND_SIGINT_RACE   SIGINT blocked in the process but not in the
 *                      call's (empty) mask, sent at once: -1 EINTR
 *   INVALID_NFDS       nfds above RLIMIT_NOFILE: -1 EINVAL
 *   INVALID_FDS        fds at an invalid address: -1 EFAULT
 */
#include "tst_test.h"

enum { NORMAL, MASK_SIGNAL, TIMEOUT, FD_ALREADY_CLOSED, SEND_SIGINT,
       SEND_SIGINT_RACE_TEST, INVALID_NFDS, INVALID_FDS };

static int fd1 = -1;
static sigset_t mask_empty, mask_sigint;
static struct pollfd fds_good[1], fds_closed[1];
static struct timespec ts_short = { 0, 200000000 }, ts_long = { 2, 0 };

static struct tcase {
	int type;
	const char *desc;
	int ret, err;
	short revents;
	unsigned int nfds;
	sigset_t *mask, *mask_cur;
	struct timespec *ts;
	struct pollfd *fds;
	int sigint_count;
	unsigned int sigint_delay;
} tc[] = {
	{ NORMAL, "NORMAL", 1, 0, POLLIN | POLLOUT, 1, NULL, NULL, &ts_long,
	  fds_good, 0, 0 },
	{ MASK_SIGNAL, "MASK_SIGNAL", 0, 0, 0, 0, &mask_sigint, NULL, &ts_short,
	  fds_good, 4, 100000 },
	{ TIMEOUT, "TIMEOUT", 0, 0, 0, 0, NULL, NULL, &ts_short, fds_good, 0, 0 },
	{ FD_ALREADY_CLOSED, "FD_ALREADY_CLOSED", 1, 0, POLLNVAL, 1, NULL, NULL,
	  &ts_long, fds_closed, 0, 0 },
	{ SEND_SIGINT, "SEND_SIGINT", -1, EINTR, 0, 0, NULL, NULL, &ts_long,
	  fds_good, 40, 100000 },
	{ SEND_SIGINT_RACE_TEST, "SEND_SIGINT_RACE_TEST", -1, EINTR, 0, 0,
	  &mask_empty, &mask_sigint, &ts_long, fds_good, 1, 0 },
	{ INVALID_NFDS, "INVALID_NFDS", -1, EINVAL, 0, 0, NULL, NULL, &ts_long,
	  fds_good, 0, 0 },
	{ INVALID_FDS, "INVALID_FDS", -1, EFAULT, 0, 1, NULL, NULL, &ts_long,
	  NULL, 0, 0 },
};

static void handler(int sig)
{
	(void)sig;
}

static int do_ppoll(struct pollfd *fds, unsigned int nfds,
		    const struct timespec *ts, const sigset_t *mask)
{
	if (tst_variant == 0)
		return ppoll(fds, nfds, ts, mask);
	return tst_syscall(__NR_ppoll, fds, nfds, ts, mask, _NSIG / 8);
}

static pid_t signaller(int sig, int count, unsigned int usec)
{
	pid_t target = getpid(), pid = SAFE_FORK();

	if (pid == 0) {
		while (count-- > 0) {
			usleep(usec);
			if (kill(target, sig) == -1)
				break;
		}
		exit(0);
	}
	return pid;
}

static void run(unsigned int i)
{
	struct tcase *t = &tc[i];
	pid_t pid = 0;
	int r, err, status;

	tst_res(TINFO, "case %s", t->desc);
	if (t->mask_cur)
		SAFE_SIGPROCMASK(SIG_SETMASK, t->mask_cur, NULL);
	if (t->sigint_count > 0)
		pid = signaller(SIGINT, t->sigint_count, t->sigint_delay);
	errno = 0;
	r = do_ppoll(t->fds, t->nfds, t->ts, t->mask);
	err = errno;
	if (t->mask_cur)
		SAFE_SIGPROCMASK(SIG_SETMASK, &mask_empty, NULL);
	if (pid > 0) {
		kill(pid, SIGTERM);
		SAFE_WAITPID(pid, &status, 0);
	}
	if (t->revents) {
		if (t->fds[0].revents == t->revents)
			tst_res(TPASS, "revents=0x%04x", t->revents);
		else
			tst_res(TFAIL, "revents=0x%04x, expected=0x%04x",
				t->fds[0].revents, t->revents);
	}
	if (t->ret >= 0 && r == t->ret)
		tst_res(TPASS, "ret: %d", r);
	else if (t->ret == -1 && r == -1 && err == t->err)
		tst_res(TPASS, "ret: %d, errno: %s (%d)", r, tst_strerrno(err), err);
	else
		tst_res(TFAIL, "ret: %d, expected %d, errno: %s (%d), expected %s (%d)",
			r, t->ret, tst_strerrno(err), err, tst_strerrno(t->err), t->err);
}

static void setup(void)
{
	struct rlimit rl;
	int fd2;

	tst_res(TINFO, "Testing variant: %s", tst_variant == 0 ?
		"libc ppoll()" : "syscall __NR_ppoll");
	SAFE_SIGNAL(SIGINT, handler);
	SAFE_SIGEMPTYSET(&mask_empty);
	SAFE_SIGEMPTYSET(&mask_sigint);
	SAFE_SIGADDSET(&mask_sigint, SIGINT);

	fd1 = SAFE_OPEN("testfile1", O_CREAT | O_EXCL | O_RDWR, 0600);
	fds_good[0].fd = fd1;
	fds_good[0].events = POLLIN | POLLPRI | POLLOUT | POLLRDHUP;
	fd2 = SAFE_OPEN("testfile2", O_CREAT | O_EXCL | O_RDWR, 0600);
	fds_closed[0].fd = fd2;
	fds_closed[0].events = POLLIN | POLLPRI | POLLOUT | POLLRDHUP;
	SAFE_CLOSE(fd2);

	SAFE_GETRLIMIT(RLIMIT_NOFILE, &rl);
	tc[INVALID_NFDS].nfds = rl.rlim_cur + 1;
	tc[INVALID_FDS].fds = tst_get_bad_addr(NULL);
}

static void cleanup(void)
{
	if (fd1 >= 0)
		close(fd1);
	/* The next variant runs in the same directory. */
	unlink("testfile1");
	unlink("testfile2");
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tc),
	.setup = setup,
	.cleanup = cleanup,
	.forks_child = 1,
	.needs_tmpdir = 1,
	.test_variants = 2,
};
