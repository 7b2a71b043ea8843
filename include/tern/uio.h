/*
 * struct iov_iter: one cursor over the caller's buffers (docs/design.md
 * §6).  Socket I/O, and any file with read_iter/write_iter, moves data
 * through it, so read, write, readv, writev, send*, recv* and sendfile
 * share one path and a transfer is never cut into bounce-sized pieces.
 *
 * An iterator walks an array of segments that is already in kernel
 * memory: user iovecs checked by import_iovec() (ITER_UVEC), or kernel
 * buffers (ITER_KVEC, e.g. sendfile's file data).  copy_to_iter() and
 * copy_from_iter() move up to n bytes and advance; they return how many
 * moved, fewer when a user page faults (the caller reports EFAULT if
 * nothing moved).  The iterator is not thread-safe: it belongs to one
 * system call.  User copies happen inside them: never call them with a
 * spinlock held (lib/iov_iter.c asserts it through uaccess).
 */
#ifndef TERN_UIO_H
#define TERN_UIO_H

#include <tern/types.h>
#include <uapi/uio.h>

struct kvec {
	void *iov_base;
	size_t iov_len;
};

enum iter_type {
	ITER_UVEC,		/* struct iovec, user addresses */
	ITER_KVEC,		/* struct kvec, kernel addresses */
};

/* Direction, as Linux's: the iterator is a destination or a source. */
#define ITER_DEST	0	/* read: data goes to the caller */
#define ITER_SOURCE	1	/* write: data comes from the caller */

struct iov_iter {
	u8 type;		/* enum iter_type */
	u8 dir;			/* ITER_DEST / ITER_SOURCE */
	size_t count;		/* bytes left in all segments */
	size_t iov_offset;	/* into the current segment */
	unsigned long nr_segs;	/* segments left, the current one first */
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
	};
};

/* Largest single transfer (Linux's MAX_RW_COUNT: INT_MAX & PAGE_MASK). */
#define MAX_RW_COUNT	((size_t)0x7ffff000)

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

void iov_iter_init(struct iov_iter *i, int dir, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
void iov_iter_kvec(struct iov_iter *i, int dir, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i);
size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i);
/* Skip n bytes (n <= count). */
void iov_iter_advance(struct iov_iter *i, size_t n);
/* Drop everything past the first `count` bytes. */
static inline void iov_iter_truncate(struct iov_iter *i, size_t count)
{
	if (i->count > count)
		i->count = count;
}

/*
 * Copy a user iovec array of nr_segs entries in and set up *i over it
 * (readv(2)): EINVAL for nr_segs > UIO_MAXIOV or a negative length,
 * EFAULT for an unreadable array or a segment outside user space; the
 * total is clamped to MAX_RW_COUNT as Linux does.  *iovp holds `fast`
 * entries of caller storage; a larger array is allocated and returned in
 * *iovp, which the caller kfree()s when it differs from its storage.
 * Returns the total or a negative errno.
 */
long import_iovec(int dir, const struct iovec *uvec, unsigned long nr_segs,
		  unsigned long fast, struct iovec **iovp, struct iov_iter *i);
/* One user buffer (read(2)): EFAULT outside user space; clamped too. */
long import_single_range(int dir, void *ubuf, size_t len, struct iovec *iov,
			 struct iov_iter *i);

#endif
