/*
 * Host-side helpers for test_initramfs: build a directory tree on the
 * build machine and archive it with cpio(1).  Kept apart from the tests
 * because the host's <sys/stat.h> and Tern's uapi/stat.h both define
 * struct stat.
 */
#ifndef TEST_FS_CPIO_HOST_H
#define TEST_FS_CPIO_HOST_H

#include <stdbool.h>
#include <stddef.h>

bool host_have_cpio(void);
/* Make the tree; returns whether a device node could be made (root). */
bool host_tree_build(void);
void host_tree_remove(void);
/* cpio -o -H format of the tree (sorted names); malloc'd bytes. */
char *host_tree_archive(const char *format, size_t *len);
bool host_is_root(void);

#endif
