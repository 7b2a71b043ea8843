/*
 * clock_nanosleep01: clock_nanosleep()'s errors, through libc and through
 * the raw system call (the variants): EINVAL for tv_nsec -1 or 1e9,
 * ENOTSUP for CLOCK_THREAD_CPUTIME_ID (libc turns it into EINVAL), EINTR
 * for a caught signal with the time remaining written and no more than
 * was asked, EFAULT for an unmapped request or remain pointer (raw call
 * only: libc may touch them itself, TCONF there as in LTP).
 */
#include "tst_test.h"

enum kind { NORMAL, SEND_SIGINT, BAD_REQ, BAD_REM };

static const struct tcase {
	enum kind kind;
	const char *desc;
	clockid_t clk;
	long sec, nsec;
	int exp_err;
} tcases[] = {
	{ NORMAL, "NORMAL", CLOCK_REALTIME, 0, -1, EINVAL },
	{ NORMAL, "NORMAL", CLOCK_REALTIME, 0, 1000000000, EINVAL },
	{ NORMAL, "NORMAL", CLOCK_THREAD_CPUTIME_ID, 0, 500000000, ENOTSUP },
	{ SEND_SIGINT, "SEND_SIGINT", CLOCK_REALTIME, 10, 0, EINTR },
	{ BAD_REQ, "BAD_TS_ADDR_REQ", CLOCK_REALTIME, 0, 0, EFAULT },
	{ BAD_REM, "BAD_TS_ADDR_REM", CLOCK_REALTIME, 10, 0, EFAULT },
};

static struct timespec *rq, *rm;
static void *bad;

static void on_sigint(int sig)
{
	(void)sig;
}

/* A process sending SIGINT to its parent every 500 ms, 40 times. */
static pid_t start_signaller(void)
{
	pid_t parent = getpid(), pid = SAFE_FORK();
	int i;

	if (pid)
		return pid;
	for (i = 0; i < 40; i++) {
		usleep(500000);
		kill(parent, SIGINT);
	}
	exit(0);
}

static void run(unsigned int n)
{
	const struct tcase *tc = &tcases[n];
	int libc = tst_variant == 0, exp_err = tc->exp_err;
	void *req = rq, *rem = rm;
	pid_t pid = 0;

	memset(rm, 0, sizeof(*rm));
	tst_res(TINFO, "case %s", tc->desc);
	if ((tc->kind == BAD_REQ || tc->kind == BAD_REM) && libc) {
		tst_res(TCONF, "The libc wrapper may dereference req or rem");
		return;
	}
	if (tc->kind == SEND_SIGINT || tc->kind == BAD_REM)
		pid = start_signaller();
	rq->tv_sec = tc->sec;
	rq->tv_nsec = tc->nsec;
	if (tc->kind == BAD_REQ)
		req = bad;
	if (tc->kind == BAD_REM)
		rem = bad;
	if (libc) {
		TEST(clock_nanosleep(tc->clk, 0, req, rem));
		if (TST_RET) {
			TST_ERR = TST_RET;
			TST_RET = -1;
		}
		/* The kernel's ENOTSUP is EINVAL from libc (POSIX). */
		if (tc->clk == CLOCK_THREAD_CPUTIME_ID)
			exp_err = EINVAL;
	} else {
		TEST(syscall(__NR_clock_nanosleep, tc->clk, 0, req, rem));
	}
	if (pid) {
		SAFE_KILL(pid, SIGTERM);
		SAFE_WAITPID(pid, NULL, 0);
	}
	if (tc->kind == SEND_SIGINT) {
		if (rm->tv_nsec < 0 || rm->tv_nsec >= 1000000000 || rm->tv_sec < 0) {
			tst_res(TFAIL, "The clock_nanosleep() haven't updated "
				"timespec or it's not valid");
			return;
		}
		if (rm->tv_sec * 1000 + rm->tv_nsec / 1000000 >
		    rq->tv_sec * 1000 + rq->tv_nsec / 1000000) {
			tst_res(TFAIL, "remaining time > requested time");
			return;
		}
		tst_res(TPASS, "Timespec updated correctly");
	}
	if (TST_RET != -1 || TST_ERR != exp_err) {
		tst_res(TFAIL | TTERRNO, "returned %ld, expected -1, expected "
			"errno: %s (%d)", TST_RET, tst_strerrno(exp_err), exp_err);
		return;
	}
	tst_res(TPASS | TTERRNO, "clock_nanosleep() failed with");
}

static void setup(void)
{
	tst_res(TINFO, "Testing variant: %s", tst_variant == 0 ?
		"libc clock_nanosleep()" : "raw syscall");
	SAFE_SIGNAL(SIGINT, on_sigint);
	bad = tst_get_bad_addr(NULL);
}

static struct tst_test test = {
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
	.test_variants = 2,
	.setup = setup,
	.forks_child = 1,
	.bufs = (struct tst_buffers[]) {
		{ &rq, .size = sizeof(*rq) },
		{ &rm, .size = sizeof(*rm) },
		{ NULL, 0, NULL },
	},
};
