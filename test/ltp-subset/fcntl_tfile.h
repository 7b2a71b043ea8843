/*
 * fcntl_tfile.h: the shape of the one-file fcntl tests: "tfile" in the
 * temporary directory, opened in setup with TFILE_FLAGS (| O_CREAT) and
 * TFILE_MODE into fd, closed in cleanup; TFILE_TEST(fn) declares the
 * test running fn once.
 */
#ifndef FCNTL_TFILE_H
#define FCNTL_TFILE_H

#include "tst_test.h"

static int fd = -1;

static void setup(void)
{
	fd = SAFE_OPEN("tfile", TFILE_FLAGS | O_CREAT, TFILE_MODE);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

#define TFILE_TEST(fn) \
	static struct tst_test test = { \
		.needs_tmpdir = 1, \
		.test_all = fn, \
		.setup = setup, \
		.cleanup = cleanup, \
	}

#endif /* FCNTL_TFILE_H */
