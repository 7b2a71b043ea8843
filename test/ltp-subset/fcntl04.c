/*
 * fcntl04: F_GETFL succeeds on a newly opened file and shows its access
 * mode (O_RDWR) and none of O_APPEND, O_NONBLOCK it was not opened with.
 */
#define TFILE_FLAGS	O_RDWR
#define TFILE_MODE	0700
#include "fcntl_tfile.h"


static void run(void)
{
	TEST(fcntl(fd, F_GETFL, 0));
	if (TST_RET == -1)
		tst_res(TFAIL | TTERRNO, "fcntl(F_GETFL) failed");
	else if ((TST_RET & (O_ACCMODE | O_APPEND | O_NONBLOCK)) != O_RDWR)
		tst_res(TFAIL, "fcntl(F_GETFL) returned 0x%lx, expected O_RDWR",
			TST_RET);
	else
		tst_res(TPASS, "fcntl(F_GETFL) returned 0x%lx", TST_RET);
}

TFILE_TEST(run);
