/*
 * fcntl16: waiters are woken when the boundaries of the locks they wait
 * for change.  The parent holds a whole-file write lock (plus, in some
 * cases, a second lock); one or two children wait in F_SETLKW for read
 * locks on ranges inside it; the parent then changes its locks (a read
 * lock over all or part of the file, an unlock of part of it).  A child
 * whose range no longer conflicts must be granted at once; one still in
 * conflict must go on waiting, until a signal ends its F_SETLKW with
 * EINTR.  LTP's 11 cases, on an ordinary file, a setgid one and one
 * opened O_NDELAY.
 */
#include "fcntl_lock.h"

#define NOBLOCK		2
#define WILLBLOCK	3

struct lk { short type; long start, len; int used; };

struct tcase {
	struct lk pa, pb, ca, cb, pc, pd;
	int fa, fb;		/* what happens to child a and b */
};

#define L(t, s, l)	{ t, s, l, 1 }
#define NONE		{ 0, 0, 0, 0 }
#define WHOLE_W		L(F_WRLCK, 0, 0)

static const struct tcase tcases[] = {
	{ WHOLE_W, NONE, L(F_RDLCK, 0, 5), L(F_RDLCK, 6, 5), L(F_RDLCK, 0, 0), NONE,
	  NOBLOCK, NOBLOCK },
	{ WHOLE_W, NONE, L(F_RDLCK, 0, 5), L(F_RDLCK, 6, 5), L(F_WRLCK, 0, 0), NONE,
	  WILLBLOCK, WILLBLOCK },
	{ WHOLE_W, NONE, L(F_RDLCK, 2, 3), L(F_RDLCK, 6, 3), L(F_RDLCK, 3, 5), NONE,
	  WILLBLOCK, WILLBLOCK },
	{ WHOLE_W, NONE, L(F_RDLCK, 2, 3), L(F_RDLCK, 6, 3), L(F_RDLCK, 5, 5), NONE,
	  WILLBLOCK, NOBLOCK },
	{ WHOLE_W, NONE, L(F_RDLCK, 3, 5), L(F_RDLCK, 5, 6), L(F_RDLCK, 2, 7), NONE,
	  NOBLOCK, WILLBLOCK },
	{ WHOLE_W, NONE, L(F_RDLCK, 2, 3), L(F_RDLCK, 6, 3), L(F_UNLCK, 3, 7), NONE,
	  WILLBLOCK, NOBLOCK },
	{ WHOLE_W, L(F_RDLCK, 3, 5), L(F_RDLCK, 2, 3), L(F_RDLCK, 6, 3), L(F_RDLCK, 1, 9),
	  NONE, NOBLOCK, NOBLOCK },
	{ L(F_WRLCK, 2, 3), L(F_WRLCK, 6, 3), L(F_RDLCK, 3, 5), NONE, L(F_RDLCK, 1, 5),
	  L(F_RDLCK, 5, 5), NOBLOCK, 0 },
	{ WHOLE_W, L(F_RDLCK, 3, 5), L(F_RDLCK, 2, 3), L(F_RDLCK, 6, 3), L(F_RDLCK, 1, 3),
	  L(F_RDLCK, 7, 3), NOBLOCK, NOBLOCK },
	{ WHOLE_W, NONE, L(F_RDLCK, 2, 3), L(F_RDLCK, 6, 3), L(F_RDLCK, 1, 7),
	  L(F_RDLCK, 3, 7), NOBLOCK, NOBLOCK },
	{ WHOLE_W, NONE, L(F_RDLCK, 3, 5), L(F_RDLCK, 3, 5), L(F_RDLCK, 3, 5), NONE,
	  NOBLOCK, NOBLOCK },
};

static int fd = -1;

static void on_usr1(int sig)
{
	(void)sig;
}

/* The child: waits for its lock; 0 when granted, 1 when interrupted. */
static void child(const struct lk *l)
{
	struct sigaction sa = { .sa_handler = on_usr1 };

	SAFE_SIGACTION(SIGUSR1, &sa, NULL);
	TST_CHECKPOINT_WAKE(0);
	if (lk_set(fd, F_SETLKW, l->type, SEEK_SET, l->start, l->len) == 0)
		exit(0);
	if (errno == EINTR)
		exit(1);
	tst_res(TFAIL | TERRNO, "child's F_SETLKW");
	exit(2);
}

static int set(const struct lk *l, int n, const char *which)
{
	if (!l->used || !lk_set(fd, F_SETLK, l->type, SEEK_SET, l->start, l->len))
		return 0;
	tst_res(TFAIL | TERRNO, "case %d: parent's lock %s", n, which);
	return 1;
}

/* A child's end: waitpid, status as expected. */
static int reap(pid_t pid, int want, int n, char which)
{
	int status;

	SAFE_WAITPID(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == want)
		return 0;
	tst_res(TFAIL, "case %d: child %c %s (status 0x%x)", n, which,
		want ? "was granted a lock still in conflict"
		     : "was not granted its lock", status);
	return 1;
}

static int run_case(const struct tcase *tc, int n)
{
	const struct lk *cl[2] = { &tc->ca, &tc->cb };
	const int flag[2] = { tc->fa, tc->fb };
	pid_t pid[2] = { 0, 0 };
	int i, bad = 0;

	if (set(&tc->pa, n, "a") || set(&tc->pb, n, "b"))
		return 1;
	for (i = 0; i < 2; i++) {
		if (!cl[i]->used)
			continue;
		pid[i] = SAFE_FORK();
		if (!pid[i])
			child(cl[i]);
		TST_CHECKPOINT_WAIT(0);
		TST_PROCESS_STATE_WAIT(pid[i], 'S', 0);
	}
	if (set(&tc->pc, n, "c") || set(&tc->pd, n, "d"))
		bad = 1;
	/* Those granted end by themselves; then the rest must still wait. */
	for (i = 0; i < 2; i++)
		if (pid[i] && flag[i] == NOBLOCK)
			bad += reap(pid[i], 0, n, 'a' + i);
	usleep(100000);
	for (i = 0; i < 2; i++) {
		if (!pid[i] || flag[i] != WILLBLOCK)
			continue;
		if (TST_PROCESS_STATE_WAIT(pid[i], 'S', 1) == -1) {
			tst_res(TFAIL, "case %d: child %c stopped waiting", n, 'a' + i);
			bad++;
		}
		SAFE_KILL(pid[i], SIGUSR1);
		bad += reap(pid[i], 1, n, 'a' + i);
	}
	return bad;
}

static void run(unsigned int n)
{
	static const char *const desc[] = {
		"ordinary file", "setgid file", "setgid file opened O_NDELAY" };
	int flags = O_CREAT | O_RDWR | O_TRUNC | (n == 2 ? O_NDELAY : 0);
	int mode = n ? S_ISGID | S_IRUSR | S_IWUSR : 0777;
	unsigned int i;
	int bad = 0;

	for (i = 0; i < ARRAY_SIZE(tcases); i++) {
		fd = SAFE_OPEN("lockfile", flags, mode);
		SAFE_WRITE(SAFE_WRITE_ALL, fd, "tenbytes!", 10);
		bad += run_case(&tcases[i], i + 1);
		SAFE_CLOSE(fd);
	}
	SAFE_UNLINK("lockfile");
	if (!bad)
		tst_res(TPASS, "%s: all %zu cases", desc[n], ARRAY_SIZE(tcases));
}

static void cleanup(void)
{
	if (fd >= 0)
		close(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.forks_child = 1,
	.needs_checkpoints = 1,
	.tcnt = 3,
	.test = run,
	.cleanup = cleanup,
	.timeout = 120,
};
