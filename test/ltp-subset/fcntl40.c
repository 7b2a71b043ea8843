/*
 * fcntl40: F_CREATED_QUERY (Linux 6.12) tells whether this open created
 * the file: 0 for /dev/null opened O_RDONLY | O_CLOEXEC, 1 for a file
 * just created with O_CREAT | O_CLOEXEC, 0 when it is opened again.  As
 * LTP's, the test needs Linux 6.12 or later (TCONF before).
 */
#include "tst_test.h"

#ifndef F_CREATED_QUERY
#define F_CREATED_QUERY	(1024 + 4)
#endif
#define TEST_NAME	"LTP_FCNTL_CREATED_QUERY_TEST"

static void run(void)
{
	int fd = SAFE_OPEN("/dev/null", O_RDONLY | O_CLOEXEC);

	TST_EXP_EQ_LI(fcntl(fd, F_CREATED_QUERY, 0), 0);
	SAFE_CLOSE(fd);
	fd = SAFE_OPEN(TEST_NAME, O_CREAT | O_RDONLY | O_CLOEXEC, 0600);
	TST_EXP_EQ_LI(fcntl(fd, F_CREATED_QUERY, 0), 1);
	SAFE_CLOSE(fd);
	fd = SAFE_OPEN(TEST_NAME, O_RDONLY | O_CLOEXEC);
	TST_EXP_EQ_LI(fcntl(fd, F_CREATED_QUERY, 0), 0);
	SAFE_CLOSE(fd);
	SAFE_UNLINK(TEST_NAME);
}

static void setup(void)
{
	if (tst_kvercmp(6, 12, 0) < 0)
		tst_brk(TCONF, "F_CREATED_QUERY needs Linux 6.12 or later");
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.test_all = run,
	.setup = setup,
};
