/* readv(2)/writev(2) vectors (include/uapi/linux/uio.h). */
#ifndef TERN_UAPI_UIO_H
#define TERN_UAPI_UIO_H

#include <uapi/types.h>

struct iovec {
	void *iov_base;
	u64 iov_len;
};
_Static_assert(sizeof(struct iovec) == 16, "struct iovec is 16 bytes");

#define UIO_FASTIOV	8
#define UIO_MAXIOV	1024	/* IOV_MAX */

#endif
