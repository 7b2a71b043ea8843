/*
 * fcntl_block.h: a lock request from a child that must (or must not)
 * block behind the parent's locks, for fcntl14 and fcntl16.
 *
 * lk_child_try(fd, fl, parent_type) runs in the child: F_GETLK must
 * report the parent's lock (type parent_type, our parent's pid) when it
 * will block, or F_UNLCK with the other fields unchanged when it will
 * not; F_SETLK must then succeed, or fail with EAGAIN or EACCES.  It
 * returns the number of failures reported.
 */
#ifndef FCNTL_BLOCK_H
#define FCNTL_BLOCK_H

#include "fcntl_lock.h"

#define NOBLOCK		2	/* granted at once */
#define WILLBLOCK	3	/* waits for the parent */

static inline int lk_child_try(int fd, const struct flock *want, short parent_type,
			int flag, int tcase)
{
	struct flock fl = *want;
	char what[64];
	int bad = 0;

	snprintf(what, sizeof(what), "case %d: F_GETLK", tcase);
	fl.l_pid = 0;
	if (fcntl(fd, F_GETLK, &fl) == -1) {
		tst_res(TFAIL | TERRNO, "%s", what);
		return 1;
	}
	if (flag == NOBLOCK) {
		bad += lk_expect(what, &fl, F_UNLCK, want->l_whence,
				 want->l_start, want->l_len, 0);
	} else {
		if (fl.l_pid != getppid()) {
			tst_res(TFAIL, "%s: l_pid %d, expected the parent's %d",
				what, (int)fl.l_pid, (int)getppid());
			bad++;
		}
		if (fl.l_type != parent_type) {
			tst_res(TFAIL, "%s: type %s, expected the parent's %s",
				what, lk_name(fl.l_type), lk_name(parent_type));
			bad++;
		}
	}
	fl = *want;
	if (fcntl(fd, F_SETLK, &fl) == 0) {
		if (flag == WILLBLOCK) {
			tst_res(TFAIL, "case %d: F_SETLK granted a conflicting lock",
				tcase);
			bad++;
		}
	} else if (flag == NOBLOCK) {
		tst_res(TFAIL | TERRNO, "case %d: F_SETLK", tcase);
		bad++;
	} else if (errno != EAGAIN && errno != EACCES) {
		tst_res(TFAIL | TERRNO, "case %d: F_SETLK, expected EAGAIN "
			"or EACCES", tcase);
		bad++;
	}
	return bad;
}

#endif /* FCNTL_BLOCK_H */
