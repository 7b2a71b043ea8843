/*
 * fcntl13: fcntl's errors: EINVAL for an unknown command; EFAULT for
 * F_SETLK, F_SETLKW and F_GETLK with a bad struct flock pointer; EINVAL
 * for F_SETLK with l_whence -1; EBADF for F_GETLK on fd -1.
 */
#define TFILE_FLAGS	O_RDWR
#define TFILE_MODE	0600
#include "fcntl_tfile.h"

#define F_BADCMD	99999

static struct flock fl = { .l_type = F_WRLCK, .l_whence = -1 };

static void run(void)
{
	void *bad = tst_get_bad_addr(NULL);

	TST_EXP_FAIL(fcntl(fd, F_BADCMD, 1), EINVAL, "fcntl(fd, 99999)");
	TST_EXP_FAIL(fcntl(fd, F_SETLK, bad), EFAULT, "F_SETLK, bad address");
	TST_EXP_FAIL(fcntl(fd, F_SETLKW, bad), EFAULT, "F_SETLKW, bad address");
	TST_EXP_FAIL(fcntl(fd, F_GETLK, bad), EFAULT, "F_GETLK, bad address");
	TST_EXP_FAIL(fcntl(fd, F_SETLK, (void *)-1), EFAULT, "F_SETLK, (void *)-1");
	TST_EXP_FAIL(fcntl(fd, F_SETLK, &fl), EINVAL, "F_SETLK, l_whence -1");
	TST_EXP_FAIL(fcntl(-1, F_GETLK, &fl), EBADF, "F_GETLK on fd -1");
}

TFILE_TEST(run);
