/*
 * fcntl11: changing lock sections around a write lock.  A write lock on
 * bytes 10-14 (10-19 in block 5) and a read lock placed before, touching,
 * overlapping, inside, across the end, at the last byte, just after and
 * past it; the read lock replaces the write lock where they overlap (the
 * write lock is split or trimmed), and another process's F_GETLK reports
 * each piece with its exact start, length, type and our pid, and the rest
 * of the file free.
 */
#include "fcntl_lock.h"

#define W(s, l)	LK_SET(F_WRLCK, s, l)
#define R(s, l)	LK_SET(F_RDLCK, s, l)
#define C	LK_CHECK

static const struct lk_block blocks[] = {
	{ "read lock at 1-5, write lock at 10-14",
	  { W(10, 5), R(1, 5) },
	  { C(0, 0, F_RDLCK, 1, 5), C(6, 0, F_WRLCK, 10, 5), C(15, 0, F_UNLCK, 15, 0) } },
	{ "read lock just before the write lock",
	  { W(10, 5), R(5, 5) },
	  { C(0, 0, F_RDLCK, 5, 5), C(10, 0, F_WRLCK, 10, 5), C(15, 0, F_UNLCK, 15, 0) } },
	{ "read lock ending at the write lock's first byte",
	  { W(10, 5), R(5, 6) },
	  { C(0, 0, F_RDLCK, 5, 6), C(11, 0, F_WRLCK, 11, 4), C(15, 0, F_UNLCK, 15, 0) } },
	{ "read lock over the front of the write lock",
	  { W(10, 5), R(5, 8) },
	  { C(5, 0, F_RDLCK, 5, 8), C(13, 0, F_WRLCK, 13, 2), C(15, 0, F_UNLCK, 15, 0) } },
	{ "read lock in the middle of the write lock",
	  { W(10, 10), R(13, 5) },
	  { C(0, 0, F_WRLCK, 10, 3), C(13, 0, F_RDLCK, 13, 5), C(18, 0, F_WRLCK, 18, 2),
	    C(20, 0, F_UNLCK, 20, 0) } },
	{ "read lock over the end of the write lock",
	  { W(10, 5), R(13, 5) },
	  { C(0, 0, F_WRLCK, 10, 3), C(13, 0, F_RDLCK, 13, 5), C(18, 0, F_UNLCK, 18, 0) } },
	{ "read lock from the write lock's last byte",
	  { W(10, 5), R(14, 5) },
	  { C(0, 0, F_WRLCK, 10, 4), C(14, 0, F_RDLCK, 14, 5), C(19, 0, F_UNLCK, 19, 0) } },
	{ "read lock just after the write lock",
	  { W(10, 5), R(15, 5) },
	  { C(0, 0, F_WRLCK, 10, 5), C(15, 0, F_RDLCK, 15, 5), C(20, 0, F_UNLCK, 20, 0) } },
	{ "read lock past the end of the write lock",
	  { W(10, 5), R(16, 5) },
	  { C(0, 0, F_WRLCK, 10, 5), C(15, 1, F_UNLCK, 15, 1), C(16, 0, F_RDLCK, 16, 5),
	    C(21, 0, F_UNLCK, 21, 0) } },
};

#include "fcntl_region.h"
