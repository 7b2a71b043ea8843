/*
 * fcntl20: unlocking sections around a read lock on bytes 10-14 (10-19
 * in block 4): an unlock before it, touching its first byte, over its
 * front, in its middle (splitting it in two), over its end, from its last
 * byte and past it; another process's F_GETLK reports what is left of
 * the read lock exactly, and the rest of the file free.
 */
#include "fcntl_lock.h"

#define R(s, l)	LK_SET(F_RDLCK, s, l)
#define U(s, l)	LK_SET(F_UNLCK, s, l)
#define C	LK_CHECK

static const struct lk_block blocks[] = {
	{ "unlock just before the read lock",
	  { R(10, 5), U(5, 5) },
	  { C(0, 0, F_RDLCK, 10, 5), C(15, 0, F_UNLCK, 15, 0) } },
	{ "unlock ending at the read lock's first byte",
	  { R(10, 5), U(5, 6) },
	  { C(0, 0, F_RDLCK, 11, 4), C(15, 0, F_UNLCK, 15, 0) } },
	{ "unlock over the front of the read lock",
	  { R(10, 5), U(5, 8) },
	  { C(0, 0, F_RDLCK, 13, 2), C(15, 0, F_UNLCK, 15, 0) } },
	{ "unlock in the middle of the read lock",
	  { R(10, 10), U(13, 5) },
	  { C(0, 0, F_RDLCK, 10, 3), C(13, 0, F_RDLCK, 18, 2), C(20, 0, F_UNLCK, 20, 0) } },
	{ "unlock over the end of the read lock",
	  { R(10, 5), U(13, 5) },
	  { C(0, 0, F_RDLCK, 10, 3), C(13, 0, F_UNLCK, 13, 0) } },
	{ "unlock from the read lock's last byte",
	  { R(10, 5), U(14, 5) },
	  { C(10, 0, F_RDLCK, 10, 4), C(14, 0, F_UNLCK, 14, 0) } },
	{ "unlock past the end of the read lock",
	  { R(10, 5), U(16, 0) },
	  { C(0, 0, F_RDLCK, 10, 5), C(16, 0, F_UNLCK, 16, 0) } },
};

#include "fcntl_region.h"
