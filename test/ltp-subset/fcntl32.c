/*
 * fcntl32: a write lease may be placed only when no other descriptor is
 * open on the file: with a second open (each of O_RDONLY, O_WRONLY and
 * O_RDWR, against a first of each) F_SETLEASE F_WRLCK fails with EBUSY
 * or EAGAIN (Linux's is EAGAIN).
 */
#include "tst_test.h"

static const int modes[] = { O_RDONLY, O_WRONLY, O_RDWR };
static const char *const names[] = { "O_RDONLY", "O_WRONLY", "O_RDWR" };

static void run(unsigned int n)
{
	int fd1 = SAFE_OPEN("file", modes[n / 3]);
	int fd2 = SAFE_OPEN("file", modes[n % 3]);
	const int errs[] = { EBUSY, EAGAIN };

	TST_EXP_FAIL_ARR(fcntl(fd1, F_SETLEASE, F_WRLCK), errs, 2,
			 "F_SETLEASE F_WRLCK on %s with %s open too",
			 names[n / 3], names[n % 3]);
	SAFE_CLOSE(fd1);
	SAFE_CLOSE(fd2);
}

static void setup(void)
{
	SAFE_TOUCH("file", S_IRWXU | S_IRWXG | S_IRWXO | S_ISUID | S_ISGID);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.tcnt = 9,
	.test = run,
	.setup = setup,
};
