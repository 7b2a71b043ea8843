/*
 * fcntl27: a read lease cannot be placed on a file opened for writing:
 * F_SETLEASE F_RDLCK fails with EAGAIN on a descriptor opened O_RDWR
 * and on one opened O_WRONLY.
 */
#include "tst_test.h"

static const struct tcase {
	int oflags;
	mode_t mode;
	const char *desc;
} tcases[] = {
	{ O_RDWR | O_CREAT, 0777, "O_RDWR" },
	{ O_WRONLY | O_CREAT, 0222, "O_WRONLY" },
};

static void run(unsigned int n)
{
	int fd = SAFE_OPEN("testfile", tcases[n].oflags, tcases[n].mode);

	TST_EXP_FAIL(fcntl(fd, F_SETLEASE, F_RDLCK), EAGAIN,
		     "F_SETLEASE F_RDLCK on a file opened %s", tcases[n].desc);
	SAFE_CLOSE(fd);
	SAFE_UNLINK("testfile");
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
};
