/*
 * fcntl38: a dnotify event is reported both to the parent directory and
 * to the subdirectory itself: chmod of test_dir (DN_ATTRIB watched on
 * both) signals both, each with its own si_fd.
 */
#include "fcntl_dnotify.h"

static void run(void)
{
	got_parent_event = got_subdir_event = got_other = 0;
	parent_fd = SAFE_OPEN(".", O_RDONLY);
	subdir_fd = SAFE_OPEN(TEST_DIR, O_RDONLY);
	setup_dnotify(parent_fd, DN_ATTRIB);
	setup_dnotify(subdir_fd, DN_ATTRIB);
	SAFE_CHMOD(TEST_DIR, 0755);
	expect_events(1, 1);
	close_dirs();
}

static void setup(void)
{
	SAFE_MKDIR(TEST_DIR, 00700);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = close_dirs,
};
