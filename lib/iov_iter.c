/*
 * The I/O cursor (tern/uio.h).  Segments are walked in order; a user
 * segment is copied with the partial-copy primitives so a fault part way
 * reports the bytes moved before it.
 */
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/uaccess.h>
#include <tern/uio.h>

void iov_iter_init(struct iov_iter *i, int dir, const struct iovec *iov,
		   unsigned long nr_segs, size_t count)
{
	*i = (struct iov_iter){ .type = ITER_UVEC, .dir = (u8)dir, .count = count,
				.nr_segs = nr_segs, .iov = iov };
}

void iov_iter_kvec(struct iov_iter *i, int dir, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	*i = (struct iov_iter){ .type = ITER_KVEC, .dir = (u8)dir, .count = count,
				.nr_segs = nr_segs, .kvec = kvec };
}

/* The current segment's base and length (iovec and kvec agree in shape). */
static void seg(const struct iov_iter *i, u8 **base, size_t *len)
{
	if (i->type == ITER_UVEC) {
		*base = i->iov->iov_base;
		*len = i->iov->iov_len;
	} else {
		*base = i->kvec->iov_base;
		*len = i->kvec->iov_len;
	}
}

static void next_seg(struct iov_iter *i)
{
	i->iov_offset = 0;
	i->nr_segs--;
	if (i->type == ITER_UVEC)
		i->iov++;
	else
		i->kvec++;
}

/*
 * Move up to n bytes between kbuf and the iterator; to_iter says which
 * way.  Returns the bytes moved.
 */
static size_t iter_copy(struct iov_iter *i, u8 *kbuf, size_t n, bool to_iter)
{
	size_t done = 0;

	if (n > i->count)
		n = i->count;
	while (done < n && i->nr_segs) {
		u8 *base;
		size_t len, part, left = 0;

		seg(i, &base, &len);
		if (i->iov_offset >= len) {
			next_seg(i);
			continue;
		}
		part = MIN(len - i->iov_offset, n - done);
		if (i->type == ITER_KVEC) {
			if (to_iter)
				memcpy(base + i->iov_offset, kbuf + done, part);
			else
				memcpy(kbuf + done, base + i->iov_offset, part);
		} else if (to_iter) {
			left = copy_to_user_partial(base + i->iov_offset, kbuf + done, part);
		} else {
			left = copy_from_user_partial(kbuf + done, base + i->iov_offset, part);
		}
		part -= left;
		done += part;
		i->iov_offset += part;
		i->count -= part;
		if (left)
			break;
		if (i->iov_offset == len)
			next_seg(i);
	}
	return done;
}

size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i)
{
	return iter_copy(i, (u8 *)src, n, true);
}

size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i)
{
	return iter_copy(i, dst, n, false);
}

void iov_iter_advance(struct iov_iter *i, size_t n)
{
	if (n > i->count)
		n = i->count;
	i->count -= n;
	while (n && i->nr_segs) {
		u8 *base;
		size_t len, part;

		seg(i, &base, &len);
		part = MIN(len - i->iov_offset, n);
		i->iov_offset += part;
		n -= part;
		if (i->iov_offset == len)
			next_seg(i);
	}
}

long import_iovec(int dir, const struct iovec *uvec, unsigned long nr_segs,
		  unsigned long fast, struct iovec **iovp, struct iov_iter *i)
{
	struct iovec *iov = *iovp;
	size_t total = 0;

	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs > fast) {
		iov = kmalloc(sizeof(*iov) * nr_segs);
		if (!iov)
			return -ENOMEM;
	}
	if (nr_segs && copy_from_user(iov, uvec, sizeof(*iov) * nr_segs))
		goto fault;
	/* Linux's order: every length is checked before any address. */
	for (unsigned long s = 0; s < nr_segs; s++) {
		if ((long)iov[s].iov_len < 0) {
			if (iov != *iovp)
				kfree(iov);
			return -EINVAL;
		}
	}
	for (unsigned long s = 0; s < nr_segs; s++) {
		size_t len = iov[s].iov_len;

		if (!access_ok(iov[s].iov_base, len))
			goto fault;
		if (len > MAX_RW_COUNT - total) {
			len = MAX_RW_COUNT - total;
			iov[s].iov_len = len;
		}
		total += len;
	}
	iov_iter_init(i, dir, iov, nr_segs, total);
	*iovp = iov;
	return (long)total;
fault:
	if (iov != *iovp)
		kfree(iov);
	return -EFAULT;
}

long import_single_range(int dir, void *ubuf, size_t len, struct iovec *iov,
			 struct iov_iter *i)
{
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (!access_ok(ubuf, len))
		return -EFAULT;
	iov->iov_base = ubuf;
	iov->iov_len = len;
	iov_iter_init(i, dir, iov, 1, len);
	return (long)len;
}
