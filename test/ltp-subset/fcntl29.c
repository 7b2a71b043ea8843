/*
 * fcntl29: F_DUPFD_CLOEXEC returns a new descriptor for the same file
 * with FD_CLOEXEC set, leaving the original's flag clear.
 */
#define TFILE_FLAGS	O_WRONLY | O_TRUNC
#define TFILE_MODE	0644
#include "fcntl_tfile.h"


static void run(void)
{
	int dup;

	TEST(fcntl(fd, F_DUPFD_CLOEXEC, 0));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "fcntl(F_DUPFD_CLOEXEC)");
		return;
	}
	dup = TST_RET;
	TST_EXP_VAL(fcntl(dup, F_GETFD), FD_CLOEXEC, "F_GETFD of the new fd");
	TST_EXP_VAL(fcntl(fd, F_GETFD), 0, "F_GETFD of the original");
	SAFE_CLOSE(dup);
}

TFILE_TEST(run);
