/*
 * fcntl_lease.h: fcntl23-26, one shape: on a file we own opened with
 * LEASE_OFLAGS (and no other descriptor open), F_SETLEASE LEASE_TYPE is
 * granted, F_GETLEASE reports it, and F_SETLEASE F_UNLCK removes it
 * (F_GETLEASE then F_UNLCK).
 */
#include "tst_test.h"

static int fd = -1;

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

static void setup(void)
{
	fd = SAFE_OPEN("tfile", LEASE_OFLAGS | O_CREAT, 0777);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
