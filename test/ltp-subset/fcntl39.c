/*
 * fcntl39: DN_RENAME is reported only for a rename within one directory:
 * moving test_file from "." into test_dir signals neither; renaming
 * test_dir itself within "." signals "." and not test_dir.
 */
#include "fcntl_dnotify.h"

#define TEST_DIR2	"test_dir2"
#define TEST_FILE	"test_file"

static void run(void)
{
	got_parent_event = got_subdir_event = got_other = 0;
	parent_fd = SAFE_OPEN(".", O_RDONLY);
	subdir_fd = SAFE_OPEN(TEST_DIR, O_RDONLY);
	setup_dnotify(parent_fd, DN_RENAME);
	setup_dnotify(subdir_fd, DN_RENAME);

	tst_res(TINFO, "rename from the parent into the subdirectory");
	TST_SAFE_NZ_(rename(TEST_FILE, TEST_DIR "/" TEST_FILE), "rename failed");
	expect_events(0, 0);
	tst_res(TINFO, "rename of the subdirectory itself");
	TST_SAFE_NZ_(rename(TEST_DIR, TEST_DIR2), "rename failed");
	expect_events(1, 0);

	close_dirs();
	TST_SAFE_NZ_(rename(TEST_DIR2 "/" TEST_FILE, TEST_FILE), "rename failed");
	TST_SAFE_NZ_(rename(TEST_DIR2, TEST_DIR), "rename failed");
}

static void setup(void)
{
	SAFE_MKDIR(TEST_DIR, 00700);
	SAFE_TOUCH(TEST_FILE, 0666);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = close_dirs,
};
