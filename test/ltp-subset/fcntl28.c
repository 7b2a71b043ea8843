/*
 * fcntl28: F_SETLEASE F_RDLCK on a file opened O_WRONLY (mode 0222)
 * fails with EAGAIN, and no lease is left (F_GETLEASE is F_UNLCK).
 * (Newer LTP folds this case into fcntl27.)
 */
#define TFILE_FLAGS	O_WRONLY
#define TFILE_MODE	0222
#include "fcntl_tfile.h"


static void run(void)
{
	TST_EXP_FAIL(fcntl(fd, F_SETLEASE, F_RDLCK), EAGAIN,
		     "F_SETLEASE F_RDLCK on an O_WRONLY file");
	TST_EXP_VAL(fcntl(fd, F_GETLEASE), F_UNLCK, "F_GETLEASE");
}

TFILE_TEST(run);
