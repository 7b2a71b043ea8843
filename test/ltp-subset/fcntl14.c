/*
 * fcntl14: record locks between a parent and a child, LTP's table of 45
 * cases, each on a fresh 10-byte file: the parent sets a read or write
 * lock (whole file, the first five bytes, from byte 2 or byte 4 on, or
 * relative to the offset 5 with SEEK_CUR and l_start -3); the child asks
 * F_GETLK for its own range (reported free, or the parent's lock with
 * the parent's pid and type), tries F_SETLK (granted, or EAGAIN/EACCES),
 * and where it conflicts waits in F_SETLKW until the parent unlocks,
 * which must then grant it.  The table runs on a file of mode 0777 and
 * again on one with the setgid bit and no group execute (once System V
 * mandatory locking, which modern Linux ignores: same results).  Then:
 * F_SETLK with l_whence -1 is EINVAL, and a whole-file write lock still
 * covers bytes appended after it was set.
 */
#include "fcntl_block.h"

#define FILEDATA	"ten bytes!"

struct tcase {
	short a_type, a_whence;
	long a_start, a_len;
	short c_type;
	long c_start, c_len;
	int flag;
};

#define N	NOBLOCK
#define B	WILLBLOCK

static const struct tcase tcases[] = {
	/* entire file */
	{ F_WRLCK, 0, 0, 0, F_RDLCK, 0, 0, B },
	{ F_WRLCK, 0, 0, 0, F_WRLCK, 0, 0, B },
	{ F_RDLCK, 0, 0, 0, F_RDLCK, 0, 0, N },
	{ F_RDLCK, 0, 0, 0, F_WRLCK, 0, 0, B },
	/* start boundary */
	{ F_WRLCK, 0, 0, 0, F_RDLCK, 0, 5, B },
	{ F_WRLCK, 0, 0, 0, F_WRLCK, 0, 5, B },
	{ F_RDLCK, 0, 0, 0, F_RDLCK, 0, 5, N },
	{ F_RDLCK, 0, 0, 0, F_WRLCK, 0, 5, B },
	/* end boundary */
	{ F_WRLCK, 0, 0, 0, F_RDLCK, 7, 0, B },
	{ F_WRLCK, 0, 0, 0, F_WRLCK, 7, 0, B },
	{ F_RDLCK, 0, 0, 0, F_RDLCK, 7, 0, N },
	{ F_RDLCK, 0, 0, 0, F_WRLCK, 7, 0, B },
	/* the same five bytes */
	{ F_WRLCK, 0, 0, 5, F_RDLCK, 0, 5, B },
	{ F_WRLCK, 0, 0, 5, F_WRLCK, 0, 5, B },
	{ F_RDLCK, 0, 0, 5, F_RDLCK, 0, 5, N },
	{ F_RDLCK, 0, 0, 5, F_WRLCK, 0, 5, B },
	/* inside */
	{ F_WRLCK, 0, 0, 5, F_RDLCK, 1, 3, B },
	{ F_WRLCK, 0, 0, 5, F_WRLCK, 1, 3, B },
	{ F_RDLCK, 0, 0, 5, F_RDLCK, 1, 3, N },
	{ F_RDLCK, 0, 0, 5, F_WRLCK, 1, 3, B },
	/* inside to after */
	{ F_WRLCK, 0, 0, 5, F_RDLCK, 2, 5, B },
	{ F_WRLCK, 0, 0, 5, F_WRLCK, 2, 5, B },
	{ F_RDLCK, 0, 0, 5, F_RDLCK, 2, 5, N },
	{ F_RDLCK, 0, 0, 5, F_WRLCK, 2, 5, B },
	/* after */
	{ F_WRLCK, 0, 0, 5, F_RDLCK, 6, 0, N },
	{ F_WRLCK, 0, 0, 5, F_WRLCK, 6, 0, N },
	{ F_RDLCK, 0, 0, 5, F_RDLCK, 6, 0, N },
	{ F_RDLCK, 0, 0, 5, F_WRLCK, 6, 0, N },
	/* before */
	{ F_WRLCK, 0, 2, 5, F_RDLCK, 0, 2, N },
	{ F_WRLCK, 0, 2, 5, F_WRLCK, 0, 2, N },
	{ F_RDLCK, 0, 2, 5, F_RDLCK, 0, 2, N },
	{ F_RDLCK, 0, 2, 5, F_WRLCK, 0, 2, N },
	/* before to inside */
	{ F_WRLCK, 0, 4, 0, F_RDLCK, 2, 5, B },
	{ F_WRLCK, 0, 4, 0, F_WRLCK, 2, 5, B },
	{ F_RDLCK, 0, 4, 0, F_RDLCK, 2, 5, N },
	{ F_RDLCK, 0, 4, 0, F_WRLCK, 2, 5, B },
	/* relative to the offset 5: bytes 2-3, then bytes 2-6 */
	{ F_WRLCK, 1, -3, 2, F_WRLCK, 1, 1, N },
	{ F_WRLCK, 1, -3, 2, F_WRLCK, 4, 1, N },
	{ F_WRLCK, 1, -3, 2, F_WRLCK, 2, 1, B },
	{ F_WRLCK, 1, -3, 2, F_WRLCK, 3, 1, B },
	{ F_WRLCK, 1, -3, 5, F_WRLCK, 1, 1, N },
	{ F_WRLCK, 1, -3, 5, F_WRLCK, 1, 1, N },
	{ F_WRLCK, 1, -3, 5, F_WRLCK, 2, 1, B },
	{ F_WRLCK, 1, -3, 5, F_WRLCK, 5, 1, B },
	{ F_WRLCK, 1, -3, 5, F_WRLCK, 6, 1, B },
};
#define NRELATIVE	9	/* the last cases run with the offset at 5 */

static int fd = -1;

static void child(const struct flock *want, short parent_type, int flag, int n)
{
	struct flock fl = *want;
	int bad = lk_child_try(fd, want, parent_type, flag, n);

	if (flag == WILLBLOCK) {
		TST_CHECKPOINT_WAKE(0);
		if (fcntl(fd, F_SETLKW, &fl) == -1) {
			tst_res(TFAIL | TERRNO, "case %d: F_SETLKW", n);
			bad++;
		}
	}
	if (!bad)
		tst_res(TPASS, "case %d: %s", n,
			flag == NOBLOCK ? "granted at once" : "granted after waiting");
	exit(0);
}

/* Runs the case; the file is open and the parent's lock set. */
static void parent_and_child(int n, short parent_type, const struct flock *want,
			     int flag)
{
	pid_t pid = SAFE_FORK();

	if (!pid)
		child(want, parent_type, flag, n);
	if (flag == WILLBLOCK) {
		TST_CHECKPOINT_WAIT(0);
		TST_PROCESS_STATE_WAIT(pid, 'S', 0);
		if (lk_set(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0))
			tst_res(TFAIL | TERRNO, "case %d: parent's F_UNLCK", n);
	}
	tst_reap_children();
}

static void run_cases(int mode, int seek, int first, int last)
{
	int i;

	for (i = first; i < last; i++) {
		const struct tcase *tc = &tcases[i];
		struct flock want = {
			.l_type = tc->c_type, .l_whence = SEEK_SET,
			.l_start = tc->c_start, .l_len = tc->c_len,
		};

		fd = SAFE_OPEN("lockfile", O_CREAT | O_RDWR | O_TRUNC, mode);
		SAFE_WRITE(SAFE_WRITE_ALL, fd, FILEDATA, 10);
		SAFE_LSEEK(fd, seek, SEEK_SET);
		if (lk_set(fd, F_SETLK, tc->a_type, tc->a_whence, tc->a_start,
			   tc->a_len))
			tst_res(TFAIL | TERRNO, "case %d: parent's lock", i + 1);
		else
			parent_and_child(i + 1, tc->a_type, &want, tc->flag);
		SAFE_CLOSE(fd);
	}
	SAFE_UNLINK("lockfile");
}

static void run(unsigned int n)
{
	int nall = ARRAY_SIZE(tcases), nabs = nall - NRELATIVE;
	int mode = n ? S_ISGID | S_IRUSR | S_IWUSR : 0777;
	struct flock want = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			      .l_start = 15, .l_len = 0 };

	if (n < 2) {
		tst_res(TINFO, "%s", n ? "setgid file (no mandatory locking)"
			: "ordinary file");
		run_cases(mode, 0, 0, nabs);
		run_cases(mode, 5, nabs, nall);
		return;
	}

	fd = SAFE_OPEN("lockfile", O_CREAT | O_RDWR | O_TRUNC, 0777);
	SAFE_WRITE(SAFE_WRITE_ALL, fd, FILEDATA, 10);
	TST_EXP_FAIL(lk_set(fd, F_SETLK, F_WRLCK, -1, 0, 0), EINVAL,
		     "F_SETLK with l_whence -1");
	if (lk_set(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0))
		tst_res(TFAIL | TERRNO, "whole-file write lock");
	SAFE_WRITE(SAFE_WRITE_ALL, fd, FILEDATA, 10);
	parent_and_child(nall + 1, F_WRLCK, &want, WILLBLOCK);
	SAFE_CLOSE(fd);
	SAFE_UNLINK("lockfile");
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
	.setup = NULL,
	.cleanup = cleanup,
	.timeout = 120,
};
