/*
 * Helpers shared by the fs unit tests: a fresh VFS per test (setup /
 * teardown with a leak check), a root and a user context, and short
 * wrappers that turn common calls into one line.
 */
#ifndef TEST_FS_TEST_H
#define TEST_FS_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <tern/vfs.h>
#include <tern/fdtable.h>
#include "shim/host.h"

/* The tests' tasks: T is root (uid 0), U is uid 1000 gid 1000. */
extern struct vfs_ctx *T, *U;
extern struct cred root_cred, user_cred;

int fs_setup(void **state);
int fs_teardown(void **state);

/* A second task sharing nothing (own fs_struct and fd table). */
struct vfs_ctx *ctx_new(const struct cred *cred);
void ctx_free(struct vfs_ctx *c);

/* open + write all + close; returns 0 or -errno. */
int put_str(struct vfs_ctx *c, const char *path, const char *data, umode_t mode);
/* open + read up to n - 1 bytes NUL-terminated; returns bytes or -errno. */
ssize_t get_str(struct vfs_ctx *c, const char *path, char *buf, size_t n);
/* fstatat wrapper. */
int st(struct vfs_ctx *c, const char *path, struct kstat *k, int flags);
/* open -> fd in c->files. */
int xopen(struct vfs_ctx *c, const char *path, int flags, umode_t mode);
ssize_t fd_read(struct vfs_ctx *c, int fd, void *buf, size_t n);
ssize_t fd_write(struct vfs_ctx *c, int fd, const void *buf, size_t n);

#define assert_err(expr, e)	assert_int_equal((long)(expr), -(long)(e))
#define assert_ok(expr)		assert_int_equal((long)(expr), 0)

#define FS_TEST(f)	cmocka_unit_test_setup_teardown(f, fs_setup, fs_teardown)

#endif

/* Build cpio newc archives in memory (test_initramfs, test_oom). */
struct cpio_buf {
	char *p;
	size_t len, cap;
};
struct cpio_entry {
	const char *name;
	u32 mode, ino, uid, gid, nlink, mtime, rmaj, rmin;
	const void *data;
	size_t size;
	bool crc;		/* "070702" with the data's byte sum */
};
void cpio_add(struct cpio_buf *b, const struct cpio_entry *e);
void cpio_trailer(struct cpio_buf *b);
void cpio_raw(struct cpio_buf *b, const void *p, size_t n);
void cpio_free(struct cpio_buf *b);
