/*
 * fcntl15: closing a descriptor removes the process's POSIX locks on the
 * file, whichever descriptor set them.  The parent locks bytes 0-4 and
 * 5-9 through two descriptors, a dup (F_DUPFD) or a second open; a child
 * finds both ranges locked; the parent closes the first descriptor and
 * the child can now lock both.  With the second lock set by another
 * process (fork case), only the parent's range is released.
 */
#include "fcntl_lock.h"

#define DATA	"ABCDEFGHIJ"

enum { DUP, OPEN, FORK };

static const char *const names[] = { "dup", "open", "fork" };
static int fd[2] = { -1, -1 };

static void lock_region_two(void)
{
	int f = SAFE_OPEN("testfile", O_RDWR);

	if (lk_set(f, F_SETLK, F_WRLCK, SEEK_SET, 5, 5))
		tst_brk(TBROK | TERRNO, "second process's lock");
	TST_CHECKPOINT_WAKE(1);
	TST_CHECKPOINT_WAIT(2);
	SAFE_CLOSE(f);
	exit(0);
}

static void check(int how)
{
	int f = SAFE_OPEN("testfile", O_RDWR);

	if (lk_set(f, F_SETLK, F_WRLCK, SEEK_SET, 0, 5) == 0)
		tst_res(TFAIL, "locked region one while the parent holds it");
	else
		tst_res(TPASS | TERRNO, "region one is locked");
	if (lk_set(f, F_SETLK, F_WRLCK, SEEK_SET, 5, 5) == 0)
		tst_res(TFAIL, "locked region two while it is held");
	else
		tst_res(TPASS | TERRNO, "region two is locked");

	TST_CHECKPOINT_WAKE_AND_WAIT(0);

	if (lk_set(f, F_SETLK, F_WRLCK, SEEK_SET, 0, 5))
		tst_res(TFAIL | TERRNO, "region one still locked after the close");
	else
		tst_res(TPASS, "region one released by the close");
	if (how == FORK) {
		if (lk_set(f, F_SETLK, F_WRLCK, SEEK_SET, 5, 5) == 0)
			tst_res(TFAIL, "region two (another process's) released too");
		else
			tst_res(TPASS | TERRNO, "region two, another process's, still locked");
	} else if (lk_set(f, F_SETLK, F_WRLCK, SEEK_SET, 5, 5)) {
		tst_res(TFAIL | TERRNO, "region two still locked after the close");
	} else {
		tst_res(TPASS, "region two released by the close");
	}
	SAFE_CLOSE(f);
	TST_CHECKPOINT_WAKE(0);
	exit(0);
}

static void run(unsigned int how)
{
	tst_res(TINFO, "second lock through %s", names[how]);
	fd[0] = SAFE_OPEN("testfile", O_CREAT | O_RDWR | O_TRUNC, 0777);
	SAFE_WRITE(SAFE_WRITE_ALL, fd[0], DATA, 10);
	if (how == DUP)
		fd[1] = SAFE_FCNTL(fd[0], F_DUPFD, 0);
	else if (how == OPEN)
		fd[1] = SAFE_OPEN("testfile", O_RDWR);
	else if (!SAFE_FORK())
		lock_region_two();
	else
		TST_CHECKPOINT_WAIT(1);

	if (lk_set(fd[0], F_SETLK, F_WRLCK, SEEK_SET, 0, 5))
		tst_brk(TBROK | TERRNO, "lock of region one");
	if (how != FORK && lk_set(fd[1], F_SETLK, F_WRLCK, SEEK_SET, 5, 5))
		tst_brk(TBROK | TERRNO, "lock of region two");

	if (!SAFE_FORK())
		check(how);
	TST_CHECKPOINT_WAIT(0);
	SAFE_CLOSE(fd[0]);
	TST_CHECKPOINT_WAKE_AND_WAIT(0);
	if (how == FORK)
		TST_CHECKPOINT_WAKE(2);
	else
		SAFE_CLOSE(fd[1]);
	tst_reap_children();
	SAFE_UNLINK("testfile");
}

static void cleanup(void)
{
	if (fd[0] >= 0)
		close(fd[0]);
	if (fd[1] >= 0)
		close(fd[1]);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.forks_child = 1,
	.needs_checkpoints = 1,
	.tcnt = 3,
	.test = run,
	.cleanup = cleanup,
};
