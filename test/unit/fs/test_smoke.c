/* The VFS comes up, a file round-trips, everything is freed. */
#include <string.h>
#include "fs_test.h"

static void file_round_trip(void **state)
{
	char buf[64];

	(void)state;
	assert_ok(vfs_mkdirat(T, AT_FDCWD, "/d", 0755));
	assert_ok(put_str(T, "/d/f", "hello", 0644));
	assert_int_equal(get_str(T, "/d/f", buf, sizeof(buf)), 5);
	assert_string_equal(buf, "hello");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FS_TEST(file_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
