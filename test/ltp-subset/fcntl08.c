/*
 * fcntl08: F_SETFL with O_NDELAY | O_APPEND | O_NONBLOCK returns 0, and
 * F_GETFL then shows O_APPEND and O_NONBLOCK with the access mode kept.
 */
#define TFILE_FLAGS	O_RDWR
#define TFILE_MODE	0700
#include "fcntl_tfile.h"


static void run(void)
{
	int fl;

	TST_EXP_PASS(fcntl(fd, F_SETFL, O_NDELAY | O_APPEND | O_NONBLOCK),
		     "fcntl(F_SETFL, O_NDELAY | O_APPEND | O_NONBLOCK)");
	fl = SAFE_FCNTL(fd, F_GETFL);
	if ((fl & (O_ACCMODE | O_APPEND | O_NONBLOCK)) != (O_RDWR | O_APPEND | O_NONBLOCK))
		tst_res(TFAIL, "F_GETFL returned 0x%x", fl);
	else
		tst_res(TPASS, "F_GETFL shows O_RDWR | O_APPEND | O_NONBLOCK");
	SAFE_FCNTL(fd, F_SETFL, 0);
}

TFILE_TEST(run);
