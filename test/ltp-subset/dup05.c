/*
 * dup05: dup() of a descriptor for a named pipe (opened O_RDWR) succeeds.
 */
#include "tst_test.h"

#define FNAME	"dupfile"

static int fd = -1;

static void run(void)
{
	TST_EXP_FD(dup(fd), "dup(%d)", fd);
	if (TST_PASS)
		SAFE_CLOSE(TST_RET);
}

static void setup(void)
{
	SAFE_MKFIFO(FNAME, 0777);
	fd = SAFE_OPEN(FNAME, O_RDWR, 0700);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
};
