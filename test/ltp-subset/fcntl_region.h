/*
 * fcntl_region.h: main for the region tests (fcntl11, 19, 20, 21), each a
 * table `blocks` of struct lk_block (fcntl_lock.h), one test case a block.
 */
#include "fcntl_lock.h"

static int fd = -1;

static void run(unsigned int n)
{
	lk_run_block(fd, &blocks[n]);
}

static void setup(void)
{
	umask(0);
	fd = lk_region_file();
}

static void cleanup(void)
{
	lk_peer_stop();
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.forks_child = 1,
	.tcnt = ARRAY_SIZE(blocks),
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
};
