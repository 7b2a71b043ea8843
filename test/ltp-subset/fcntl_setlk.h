/*
 * fcntl_setlk.h: fcntl09 and fcntl10, one test for F_SETLK and F_SETLKW:
 * on a file opened O_RDWR, a whole-file write lock and then a read lock
 * (l_whence SEEK_CUR) are each granted, then removed with F_UNLCK; while
 * each is held another process's F_GETLK reports it, and after the
 * unlock reports the file free.
 */
#include "fcntl_lock.h"

static int fd = -1;

static void run(unsigned int n)
{
	short type = n ? F_RDLCK : F_WRLCK;
	struct flock fl;

	TEST(lk_set(fd, SETLK_CMD, type, SEEK_CUR, 0, 0));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "fcntl(%s, %s) failed", SETLK_NAME,
			lk_name(type));
		return;
	}
	lk_peer_start(fd);
	lk_peer_query(&fl, 0, 0);
	if (!lk_expect("F_GETLK from another process", &fl, type, SEEK_SET,
		       0, 0, getpid()))
		tst_res(TPASS, "fcntl(%s, %s) placed the lock", SETLK_NAME,
			lk_name(type));
	TEST(lk_set(fd, SETLK_CMD, F_UNLCK, SEEK_CUR, 0, 0));
	if (TST_RET == -1)
		tst_res(TFAIL | TTERRNO, "fcntl(%s, F_UNLCK) failed", SETLK_NAME);
	lk_peer_query(&fl, 0, 0);
	if (!lk_expect("F_GETLK after F_UNLCK", &fl, F_UNLCK, SEEK_SET, 0, 0, 0))
		tst_res(TPASS, "fcntl(%s, F_UNLCK) removed it", SETLK_NAME);
	lk_peer_stop();
}

static void setup(void)
{
	SAFE_TOUCH("file", 0644);
	fd = SAFE_OPEN("file", O_RDWR);
}

static void cleanup(void)
{
	lk_peer_stop();
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.forks_child = 1,
	.tcnt = 2,
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
};
