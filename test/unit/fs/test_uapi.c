/*
 * include/uapi against the build machine's Linux headers: every errno,
 * O_/AT_/F_/S_IF/STATX_/DT_/MS_ number, and every field offset and size
 * of struct stat, statx, statfs and linux_dirent64.
 */
#include "fs_test.h"
#include <uapi/dirent.h>
#include <uapi/mount.h>
#include "uapi_names.h"

extern const struct uapi_value host_uapi_values[];
extern const struct uapi_field host_uapi_fields[];
extern const unsigned long host_uapi_sizes[];
extern const unsigned long host_uapi_nvalues, host_uapi_nfields;

static const struct uapi_value our_values[] = { UAPI_VALUES(UAPI_X_VALUE) };
static const struct uapi_field our_fields[] = { UAPI_FIELDS(UAPI_X_FIELD) };

static void numbers_match_linux(void **state)
{
	unsigned long i, bad = 0;

	(void)state;
	assert_int_equal(host_uapi_nvalues, ARRAY_SIZE(our_values));
	for (i = 0; i < ARRAY_SIZE(our_values); i++) {
		if (our_values[i].value != host_uapi_values[i].value) {
			print_error("%s: ours %lld, Linux %lld\n", our_values[i].name,
				    our_values[i].value, host_uapi_values[i].value);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void layouts_match_linux(void **state)
{
	unsigned long i, bad = 0;

	(void)state;
	assert_int_equal(host_uapi_nfields, ARRAY_SIZE(our_fields));
	for (i = 0; i < ARRAY_SIZE(our_fields); i++) {
		if (our_fields[i].offset != host_uapi_fields[i].offset ||
		    our_fields[i].size != host_uapi_fields[i].size) {
			print_error("%s: ours %lu+%lu, Linux %lu+%lu\n", our_fields[i].name,
				    our_fields[i].offset, our_fields[i].size,
				    host_uapi_fields[i].offset, host_uapi_fields[i].size);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(sizeof(struct stat), host_uapi_sizes[0]);
	assert_int_equal(sizeof(struct statx), host_uapi_sizes[1]);
	assert_int_equal(sizeof(struct statfs), host_uapi_sizes[2]);
	assert_int_equal(offsetof(struct linux_dirent64, d_off), host_uapi_sizes[3]);
	assert_int_equal(offsetof(struct linux_dirent64, d_reclen), host_uapi_sizes[4]);
	assert_int_equal(offsetof(struct linux_dirent64, d_type), host_uapi_sizes[5]);
	assert_int_equal(offsetof(struct linux_dirent64, d_name), host_uapi_sizes[6]);
}

static void device_number_encoding(void **state)
{
	(void)state;
	/* glibc's makedev(4, 300) == what stat reports for that node. */
	assert_int_equal(new_encode_dev(MKDEV(4, 300)), 0x10042c);
	assert_int_equal(new_decode_dev(new_encode_dev(MKDEV(4095, 0xfffff))),
			 MKDEV(4095, 0xfffff));
	assert_int_equal(MKDEV_OF(4, 300), new_encode_dev(MKDEV(4, 300)));
	assert_int_equal(MAJOR_OF(0x10042c), 4);
	assert_int_equal(MINOR_OF(0x10042c), 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_match_linux),
		cmocka_unit_test(layouts_match_linux),
		cmocka_unit_test(device_number_encoding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
