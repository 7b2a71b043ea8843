/* Setup, teardown and small wrappers for the fs unit tests. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "fs_test.h"

struct vfs_ctx *T, *U;
struct cred root_cred = { 0 };
struct cred user_cred = { .uid = 1000, .gid = 1000, .euid = 1000, .egid = 1000,
			  .fsuid = 1000, .fsgid = 1000 };

struct vfs_ctx *ctx_new(const struct cred *cred)
{
	struct vfs_ctx *c = calloc(1, sizeof(*c));

	c->fs = fs_struct_alloc_root();
	c->files = files_alloc();
	c->cred = cred;
	c->nofile = 1024;
	return c;
}

void ctx_free(struct vfs_ctx *c)
{
	if (!c)
		return;
	files_put(c->files);
	fs_struct_put(c->fs);
	free(c);
}

int fs_setup(void **state)
{
	(void)state;
	host_fail_alloc_after(-1);
	host_clock_set(1700000000, 0);
	if (vfs_init())
		return -1;
	T = ctx_new(&root_cred);
	U = ctx_new(&user_cred);
	return 0;
}

int fs_teardown(void **state)
{
	(void)state;
	ctx_free(T);
	ctx_free(U);
	T = U = NULL;
	if (vfs_exit()) {
		fprintf(stderr, "teardown: the VFS is still busy (a file was not closed)\n");
		return -1;
	}
	if (host_live_allocations() != 0) {
		fprintf(stderr, "leak: %ld allocations live\n", host_live_allocations());
		return -1;
	}
	return 0;
}

int put_str(struct vfs_ctx *c, const char *path, const char *data, umode_t mode)
{
	struct file *f;
	size_t len = strlen(data);
	ssize_t n;
	int err = vfs_openat(c, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, mode, &f);

	if (err)
		return err;
	n = vfs_write(f, data, len);
	fput(f);
	if (n < 0)
		return (int)n;
	return n == (ssize_t)len ? 0 : -EIO;
}

ssize_t get_str(struct vfs_ctx *c, const char *path, char *buf, size_t n)
{
	struct file *f;
	ssize_t got;
	int err = vfs_openat(c, AT_FDCWD, path, O_RDONLY, 0, &f);

	if (err)
		return err;
	got = vfs_read(f, buf, n - 1);
	fput(f);
	buf[got > 0 ? got : 0] = '\0';
	return got;
}

int st(struct vfs_ctx *c, const char *path, struct kstat *k, int flags)
{
	return vfs_fstatat(c, AT_FDCWD, path, k, flags);
}

int xopen(struct vfs_ctx *c, const char *path, int flags, umode_t mode)
{
	return vfs_openat_fd(c, AT_FDCWD, path, flags, mode);
}

ssize_t fd_read(struct vfs_ctx *c, int fd, void *buf, size_t n)
{
	struct file *f = fget(c->files, fd);
	ssize_t r;

	if (!f)
		return -EBADF;
	r = vfs_read(f, buf, n);
	fput(f);
	return r;
}

ssize_t fd_write(struct vfs_ctx *c, int fd, const void *buf, size_t n)
{
	struct file *f = fget(c->files, fd);
	ssize_t r;

	if (!f)
		return -EBADF;
	r = vfs_write(f, buf, n);
	fput(f);
	return r;
}

void cpio_raw(struct cpio_buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 256;
		b->p = realloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void cpio_pad(struct cpio_buf *b)
{
	static const char zeros[4];

	cpio_raw(b, zeros, (4 - b->len % 4) % 4);
}

void cpio_add(struct cpio_buf *b, const struct cpio_entry *e)
{
	char hdr[111];
	u32 sum = 0;
	size_t i;

	for (i = 0; i < e->size; i++)
		sum += ((const unsigned char *)e->data)[i];
	snprintf(hdr, sizeof(hdr),
		 "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 e->crc ? "070702" : "070701", e->ino, e->mode, e->uid, e->gid,
		 e->nlink ? e->nlink : 1, e->mtime, (u32)e->size, 0u, 0u,
		 e->rmaj, e->rmin, (u32)strlen(e->name) + 1, e->crc ? sum : 0u);
	cpio_raw(b, hdr, 110);
	cpio_raw(b, e->name, strlen(e->name) + 1);
	cpio_pad(b);
	if (e->size)
		cpio_raw(b, e->data, e->size);
	cpio_pad(b);
}

void cpio_trailer(struct cpio_buf *b)
{
	struct cpio_entry t = { .name = "TRAILER!!!" };

	cpio_add(b, &t);
}

void cpio_free(struct cpio_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
