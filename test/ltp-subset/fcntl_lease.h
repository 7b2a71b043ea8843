/*
 * fcntl_lease.h: fcntl23-26, one shape: on a file we own opened with
 * LEASE_OFLAGS (and no other descriptor open), F_SETLEASE LEASE_TYPE is
 * granted, F_GETLEASE reports it, and F_SETLEASE F_UNLCK removes it
 * (F_GETLEASE then F_UNLCK).
 */
#define TFILE_FLAGS	LEASE_OFLAGS
#define TFILE_MODE	0777
#include "fcntl_tfile.h"


static void run(void)
{
	TEST(fcntl(fd, F_SETLEASE, LEASE_TYPE));
	if (TST_RET == -1) {
		tst_res(TFAIL | TTERRNO, "fcntl(F_SETLEASE, %s)",
			LEASE_TYPE == F_RDLCK ? "F_RDLCK" : "F_WRLCK");
		return;
	}
	TST_EXP_VAL(fcntl(fd, F_GETLEASE), LEASE_TYPE, "F_GETLEASE");
	TST_EXP_PASS(fcntl(fd, F_SETLEASE, F_UNLCK), "F_SETLEASE F_UNLCK");
	TST_EXP_VAL(fcntl(fd, F_GETLEASE), F_UNLCK, "F_GETLEASE after F_UNLCK");
}

TFILE_TEST(run);
