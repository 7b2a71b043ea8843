/* The build machine's (Linux + glibc) values of uapi_names.h's lists. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "uapi_names.h"

const struct uapi_value host_uapi_values[] = { UAPI_VALUES(UAPI_X_VALUE) };
const struct uapi_field host_uapi_fields[] = { UAPI_FIELDS(UAPI_X_FIELD) };
const unsigned long host_uapi_sizes[] = {
	sizeof(struct stat), sizeof(struct statx), sizeof(struct statfs),
	offsetof(struct dirent64, d_off), offsetof(struct dirent64, d_reclen),
	offsetof(struct dirent64, d_type), offsetof(struct dirent64, d_name),
};
const unsigned long host_uapi_nvalues = sizeof(host_uapi_values) / sizeof(host_uapi_values[0]);
const unsigned long host_uapi_nfields = sizeof(host_uapi_fields) / sizeof(host_uapi_fields[0]);
