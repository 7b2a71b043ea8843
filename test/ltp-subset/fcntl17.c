/*
 * fcntl17: deadlock detection.  Three children lock bytes 2-6, 9-13 and
 * 17-21 (each checked with F_GETLK: exact range, type, owner's pid).
 * Child 2 then waits in F_SETLKW for child 3's range; child 3 waits for
 * bytes 2-15, covering child 1's and child 2's locks; child 1 unlocks.
 * Child 3 now waits for child 2 which waits for child 3: one of the
 * F_SETLKW calls must fail with EDEADLK (child 3's, the one that would
 * close the cycle), and the remaining locks must be intact.
 */
#include "fcntl_lock.h"

static int fd = -1;
static int to_child[3][2], to_parent[2];
static pid_t pids[3];

static const struct flock lock1 = { F_WRLCK, SEEK_SET, 2, 5, 0 };
static const struct flock lock2 = { F_WRLCK, SEEK_SET, 9, 5, 0 };
static const struct flock lock3 = { F_WRLCK, SEEK_SET, 17, 5, 0 };
static const struct flock lock5 = { F_WRLCK, SEEK_SET, 2, 14, 0 };

/* The child's step: wait for the parent's word, do cmd on fl, report. */
static void step(int n, int cmd, const struct flock *want)
{
	struct flock fl = *want;
	int word, res;

	if (read(to_child[n][0], &word, sizeof(word)) != sizeof(word) || word)
		exit(0);
	res = fcntl(fd, cmd, &fl) == -1 ? errno : 0;
	SAFE_WRITE(SAFE_WRITE_ALL, to_parent[1], &res, sizeof(res));
}

static void child(int n)
{
	static const struct flock unlock = { F_UNLCK, SEEK_SET, 0, 0, 0 };
	static const struct flock *const first[] = { &lock1, &lock2, &lock3 };
	static const struct flock *const second[] = { &unlock, &lock3, &lock5 };

	step(n, F_SETLK, first[n]);
	step(n, n ? F_SETLKW : F_SETLK, second[n]);
	step(n, F_SETLK, &unlock);	/* only the word to end */
	exit(0);
}

static void tell(int n, int word)
{
	SAFE_WRITE(SAFE_WRITE_ALL, to_child[n][1], &word, sizeof(word));
}

static int answer(void)
{
	int res;

	SAFE_READ(SAFE_READ_ALL, to_parent[0], &res, sizeof(res));
	return res;
}

static int check_lock(const struct flock *l, pid_t pid, const char *who)
{
	struct flock fl = *l;

	fl.l_pid = 0;
	if (fcntl(fd, F_GETLK, &fl) == -1) {
		tst_res(TFAIL | TERRNO, "F_GETLK for %s", who);
		return 1;
	}
	return lk_expect(who, &fl, l->l_type, l->l_whence, l->l_start,
			 l->l_len, pid);
}

static void run(void)
{
	int i, res, bad = 0;

	for (i = 0; i < 3; i++) {
		pids[i] = SAFE_FORK();
		if (!pids[i])
			child(i);
	}
	for (i = 0; i < 3; i++) {
		static const struct flock *const locks[] = { &lock1, &lock2, &lock3 };
		char who[32];

		tell(i, 0);
		res = answer();
		if (res) {
			tst_res(TFAIL, "child %d's lock: %s", i + 1, tst_strerrno(res));
			bad++;
		}
		sprintf(who, "child %d's lock", i + 1);
		bad += check_lock(locks[i], pids[i], who);
	}

	tell(1, 0);		/* child 2 waits for child 3's bytes */
	TST_PROCESS_STATE_WAIT(pids[1], 'S', 0);
	tell(2, 0);		/* child 3 waits for bytes 2-15 */
	tell(0, 0);		/* child 1 unlocks: the cycle closes */
	res = answer();
	if (res == 0)		/* child 1's unlock */
		res = answer();
	if (res != EDEADLK) {
		tst_res(TFAIL, "expected EDEADLK from a waiter, got %s",
			tst_strerrno(res));
		bad++;
	}
	bad += check_lock(&lock2, pids[1], "child 2's lock after the deadlock");
	bad += check_lock(&lock3, pids[2], "child 3's lock after the deadlock");
	if (!bad)
		tst_res(TPASS, "deadlock detected with EDEADLK, locks intact");

	/* Each child ends at its next word; child 3's end frees child 2. */
	for (i = 2; i >= 0; i--)
		tell(i, 1);
	tst_reap_children();
}

static void setup(void)
{
	int i;

	for (i = 0; i < 3; i++)
		SAFE_PIPE(to_child[i]);
	SAFE_PIPE(to_parent);
	fd = SAFE_OPEN("lockfile", O_RDWR | O_CREAT, 0777);
	SAFE_WRITE(SAFE_WRITE_ALL, fd, "abcdefghijklmnopqrstuvwxyz\n", 27);
}

static void cleanup(void)
{
	if (fd >= 0)
		close(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.forks_child = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
