/*
 * fcntl21: changing lock sections around a read lock.  A whole-file read
 * lock, then a whole-file write lock, each reported as set; then a read
 * lock on bytes 10-14 (10-19 in block 7) and a write lock placed before,
 * touching, overlapping, inside, across the end, at the last byte, just
 * after and past it; the write lock replaces the read lock where they
 * overlap, and another process's F_GETLK reports each piece exactly and
 * the rest of the file free.
 */
#include "fcntl_lock.h"

#define W(s, l)	LK_SET(F_WRLCK, s, l)
#define R(s, l)	LK_SET(F_RDLCK, s, l)
#define C	LK_CHECK

static const struct lk_block blocks[] = {
	{ "read lock on the whole file",
	  { R(0, 0) }, { C(0, 0, F_RDLCK, 0, 0) } },
	{ "write lock on the whole file",
	  { W(0, 0) }, { C(0, 0, F_WRLCK, 0, 0) } },
	{ "write lock at 1-5, read lock at 10-14",
	  { R(10, 5), W(1, 5) },
	  { C(0, 0, F_WRLCK, 1, 5), C(6, 0, F_RDLCK, 10, 5), C(15, 0, F_UNLCK, 15, 0) } },
	{ "write lock just before the read lock",
	  { R(10, 5), W(5, 5) },
	  { C(0, 0, F_WRLCK, 5, 5), C(10, 0, F_RDLCK, 10, 5), C(15, 0, F_UNLCK, 15, 0) } },
	{ "write lock ending at the read lock's first byte",
	  { R(10, 5), W(5, 6) },
	  { C(0, 0, F_WRLCK, 5, 6), C(11, 0, F_RDLCK, 11, 4), C(15, 0, F_UNLCK, 15, 0) } },
	{ "write lock over the front of the read lock",
	  { R(10, 5), W(5, 8) },
	  { C(5, 0, F_WRLCK, 5, 8), C(13, 0, F_RDLCK, 13, 2), C(15, 0, F_UNLCK, 15, 0) } },
	{ "write lock in the middle of the read lock",
	  { R(10, 10), W(13, 5) },
	  { C(0, 0, F_RDLCK, 10, 3), C(13, 0, F_WRLCK, 13, 5), C(18, 0, F_RDLCK, 18, 2),
	    C(20, 0, F_UNLCK, 20, 0) } },
	{ "write lock over the end of the read lock",
	  { R(10, 5), W(13, 5) },
	  { C(0, 0, F_RDLCK, 10, 3), C(13, 0, F_WRLCK, 13, 5), C(18, 0, F_UNLCK, 18, 0) } },
	{ "write lock from the read lock's last byte",
	  { R(10, 5), W(14, 5) },
	  { C(0, 0, F_RDLCK, 10, 4), C(14, 0, F_WRLCK, 14, 5), C(19, 0, F_UNLCK, 19, 0) } },
	{ "write lock just after the read lock",
	  { R(10, 5), W(15, 5) },
	  { C(0, 0, F_RDLCK, 10, 5), C(15, 0, F_WRLCK, 15, 5), C(20, 0, F_UNLCK, 20, 0) } },
	{ "write lock past the end of the read lock",
	  { R(10, 5), W(16, 5) },
	  { C(0, 0, F_RDLCK, 10, 5), C(15, 1, F_UNLCK, 15, 1), C(16, 0, F_WRLCK, 16, 5),
	    C(21, 0, F_UNLCK, 21, 0) } },
};

#include "fcntl_region.h"
