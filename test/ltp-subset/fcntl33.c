/*
 * fcntl33: lease breaking.  We hold a write or read lease; a child's
 * conflicting open (read-only, write-only, read-write against a write
 * lease; write-only, read-write against a read lease) or truncate()
 * blocks while we get SIGIO (within 5 s); a write lease then downgrades
 * to a read lease only for a read-only opener, and the lease is removed;
 * the child's call must complete well within lease-break-time (set to
 * 45 s): within 5 s.
 */
#include "tst_test.h"

#define PATH_LS_BRK_T	"/proc/sys/fs/lease-break-time"
#define MIN_TIME_LIMIT	5

enum { OP_RDONLY, OP_WRONLY, OP_RDWR, OP_TRUNCATE };

static const struct tcase {
	int lease, op;
	const char *desc;
} tcases[] = {
	{ F_WRLCK, OP_RDONLY, "open(O_RDONLY) against a write lease" },
	{ F_WRLCK, OP_WRONLY, "open(O_WRONLY) against a write lease" },
	{ F_WRLCK, OP_RDWR, "open(O_RDWR) against a write lease" },
	{ F_WRLCK, OP_TRUNCATE, "truncate() against a write lease" },
	{ F_RDLCK, OP_WRONLY, "open(O_WRONLY) against a read lease" },
	{ F_RDLCK, OP_RDWR, "open(O_RDWR) against a read lease" },
	{ F_RDLCK, OP_TRUNCATE, "truncate() against a read lease" },
};

static int fd = -1, ls_brk_t = -1;
static sigset_t set, oldset;

static void child(const struct tcase *tc)
{
	static const int oflags[] = { O_RDONLY, O_WRONLY, O_RDWR };
	long long ms;

	TST_CHECKPOINT_WAIT(0);
	tst_timer_start(CLOCK_MONOTONIC);
	if (tc->op == OP_TRUNCATE)
		TST_SAFE_NZ_(truncate("file", 0), "truncate(file) failed");
	else
		close(SAFE_OPEN("file", oflags[tc->op]));
	tst_timer_stop();
	ms = tst_timer_elapsed_ms();
	if (ms < MIN_TIME_LIMIT * 1000)
		tst_res(TPASS, "%s: unblocked in %lld ms", tc->desc, ms);
	else
		tst_res(TFAIL, "%s: blocked %lld ms, expected under %d s",
			tc->desc, ms, MIN_TIME_LIMIT);
	exit(0);
}

static void run(unsigned int n)
{
	const struct tcase *tc = &tcases[n];
	struct timespec to = { 5, 0 };

	if (!SAFE_FORK())
		child(tc);
	fd = SAFE_OPEN("file", O_RDONLY);
	TEST(fcntl(fd, F_SETLEASE, tc->lease));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "F_SETLEASE");
		TST_CHECKPOINT_WAKE(0);
		goto out;
	}
	TST_CHECKPOINT_WAKE(0);
	TEST(sigtimedwait(&set, NULL, &to));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "no SIGIO within %ld s", (long)to.tv_sec);
		goto out;
	}
	if (tc->lease == F_WRLCK) {
		TEST(fcntl(fd, F_SETLEASE, F_RDLCK));
		if (tc->op == OP_RDONLY && TST_RET)
			tst_res(TFAIL | TTERRNO, "downgrade for a reader failed");
		else if (tc->op != OP_RDONLY && !TST_RET)
			tst_res(TFAIL, "downgraded to a read lease for a writer");
		if (tc->op == OP_RDONLY && !TST_RET)
			goto out;
	}
	TST_EXP_PASS(fcntl(fd, F_SETLEASE, F_UNLCK), "removing the lease");
out:
	tst_reap_children();
	SAFE_CLOSE(fd);
}

static void setup(void)
{
	SAFE_FILE_SCANF(PATH_LS_BRK_T, "%d", &ls_brk_t);
	SAFE_FILE_PRINTF(PATH_LS_BRK_T, "%d", 45);
	SAFE_TOUCH("file", S_IRWXU | S_IRWXG | S_IRWXO | S_ISUID | S_ISGID);
	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	SAFE_SIGPROCMASK(SIG_SETMASK, &set, &oldset);
}

static void cleanup(void)
{
	sigprocmask(SIG_SETMASK, &oldset, NULL);
	if (fd >= 0)
		close(fd);
	if (ls_brk_t >= 0)
		SAFE_FILE_PRINTF(PATH_LS_BRK_T, "%d", ls_brk_t);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.needs_root = 1,
	.forks_child = 1,
	.needs_checkpoints = 1,
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
};
