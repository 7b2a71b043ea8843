/*
 * fcntl_lock.h: helpers for the fcntl record-lock tests (fcntl05-22):
 * setting a lock in one call, checking what F_GETLK reported field by
 * field, and a "peer" child that answers F_GETLK queries on the shared
 * descriptor from another process (a process never conflicts with its
 * own POSIX locks, so only another one sees them).
 *
 * The region tests (fcntl11, 19, 20, 21) are tables of blocks: the
 * parent sets up to three locks, the peer is asked about up to five
 * ranges (each a write-lock query from l_start to l_len), and afterwards
 * the whole file is unlocked and must read back as free.
 */
#ifndef FCNTL_LOCK_H
#define FCNTL_LOCK_H

#include "tst_test.h"

static inline int lk_set(int fd, int cmd, short type, short whence, off_t start,
		  off_t len)
{
	struct flock fl = {
		.l_type = type, .l_whence = whence, .l_start = start,
		.l_len = len,
	};

	return fcntl(fd, cmd, &fl);
}

static inline const char *lk_name(int type)
{
	switch (type) {
	case F_RDLCK: return "F_RDLCK";
	case F_WRLCK: return "F_WRLCK";
	case F_UNLCK: return "F_UNLCK";
	default: return "bad type";
	}
}

/* Reports each field of got that differs; returns the number. */
static inline int lk_expect(const char *what, const struct flock *got, short type,
		     short whence, off_t start, off_t len, pid_t pid)
{
	int bad = 0;

	if (got->l_type != type) {
		tst_res(TFAIL, "%s: lock type is %s, expected %s", what,
			lk_name(got->l_type), lk_name(type));
		bad++;
	}
	if (got->l_whence != whence) {
		tst_res(TFAIL, "%s: l_whence is %d, expected %d", what,
			got->l_whence, whence);
		bad++;
	}
	if (got->l_start != start) {
		tst_res(TFAIL, "%s: l_start is %lld, expected %lld", what,
			(long long)got->l_start, (long long)start);
		bad++;
	}
	if (got->l_len != len) {
		tst_res(TFAIL, "%s: l_len is %lld, expected %lld", what,
			(long long)got->l_len, (long long)len);
		bad++;
	}
	if (got->l_pid != pid) {
		tst_res(TFAIL, "%s: l_pid is %d, expected %d", what,
			(int)got->l_pid, (int)pid);
		bad++;
	}
	return bad;
}

/* ---- the peer --------------------------------------------------------- */

static int lk_to_peer[2] = { -1, -1 }, lk_from_peer[2] = { -1, -1 };
static pid_t lk_peer_pid;

static inline void lk_peer_start(int fd)
{
	struct flock fl;

	SAFE_PIPE(lk_to_peer);
	SAFE_PIPE(lk_from_peer);
	lk_peer_pid = SAFE_FORK();
	if (!lk_peer_pid) {
		close(lk_to_peer[1]);
		close(lk_from_peer[0]);
		while (read(lk_to_peer[0], &fl, sizeof(fl)) == sizeof(fl)) {
			if (fcntl(fd, F_GETLK, &fl) == -1) {
				tst_res(TFAIL | TERRNO, "peer: F_GETLK");
				fl.l_type = -1;
			}
			SAFE_WRITE(SAFE_WRITE_ALL, lk_from_peer[1], &fl, sizeof(fl));
		}
		exit(0);
	}
	SAFE_CLOSE(lk_to_peer[0]);
	SAFE_CLOSE(lk_from_peer[1]);
}

/* Asks the peer: F_GETLK for a write lock on [start, start + len). */
static inline void lk_peer_query(struct flock *fl, off_t start, off_t len)
{
	memset(fl, 0, sizeof(*fl));
	fl->l_type = F_WRLCK;
	fl->l_whence = SEEK_SET;
	fl->l_start = start;
	fl->l_len = len;
	SAFE_WRITE(SAFE_WRITE_ALL, lk_to_peer[1], fl, sizeof(*fl));
	SAFE_READ(SAFE_READ_ALL, lk_from_peer[0], fl, sizeof(*fl));
}

static inline void lk_peer_stop(void)
{
	int status;

	if (lk_to_peer[1] >= 0)
		SAFE_CLOSE(lk_to_peer[1]);
	if (lk_from_peer[0] >= 0)
		SAFE_CLOSE(lk_from_peer[0]);
	if (lk_peer_pid > 0) {
		SAFE_WAITPID(lk_peer_pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			tst_res(TFAIL, "peer ended with status 0x%x", status);
		lk_peer_pid = 0;
	}
}

/* ---- region tables ---------------------------------------------------- */

struct lk_range {
	short type;		/* 0 ends the list (F_RDLCK is 0: use .used) */
	off_t start, len;
	int used;
};

struct lk_check {
	off_t qstart, qlen;	/* the write-lock query */
	short type;		/* what must be reported */
	off_t start, len;
	int used;
};

struct lk_block {
	const char *desc;
	struct lk_range set[3];
	struct lk_check check[5];
};

#define LK_SET(t, s, l)		{ .type = (t), .start = (s), .len = (l), .used = 1 }
#define LK_CHECK(qs, ql, t, s, l) \
	{ .qstart = (qs), .qlen = (ql), .type = (t), .start = (s), .len = (l), .used = 1 }

/*
 * Runs one block on fd (open for reading and writing, 27 bytes long):
 * sets its locks, checks them from the peer, unlocks the whole file and
 * checks that it reads back as free.
 */
static inline void lk_run_block(int fd, const struct lk_block *b)
{
	struct flock fl;
	char what[96];
	int bad = 0;
	unsigned int i;

	tst_res(TINFO, "%s", b->desc);
	lk_peer_start(fd);
	for (i = 0; i < ARRAY_SIZE(b->set) && b->set[i].used; i++) {
		const struct lk_range *r = &b->set[i];

		if (lk_set(fd, F_SETLK, r->type, SEEK_SET, r->start, r->len)) {
			tst_res(TFAIL | TERRNO, "F_SETLK %s %lld+%lld",
				lk_name(r->type), (long long)r->start,
				(long long)r->len);
			bad++;
		}
	}
	for (i = 0; i < ARRAY_SIZE(b->check) && b->check[i].used; i++) {
		const struct lk_check *c = &b->check[i];
		int locked = c->type != F_UNLCK;

		lk_peer_query(&fl, c->qstart, c->qlen);
		snprintf(what, sizeof(what), "F_GETLK %lld+%lld",
			 (long long)c->qstart, (long long)c->qlen);
		bad += lk_expect(what, &fl, c->type, SEEK_SET, c->start,
				 c->len, locked ? getpid() : 0);
	}
	if (lk_set(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0)) {
		tst_res(TFAIL | TERRNO, "F_SETLK F_UNLCK of the whole file");
		bad++;
	}
	lk_peer_query(&fl, 0, 0);
	bad += lk_expect("F_GETLK after unlocking", &fl, F_UNLCK, SEEK_SET,
			 0, 0, 0);
	lk_peer_stop();
	if (!bad)
		tst_res(TPASS, "%s", b->desc);
}

/* The file every region test locks: 27 bytes, open for both. */
static inline int lk_region_file(void)
{
	int fd = SAFE_OPEN("lockfile", O_RDWR | O_CREAT | O_TRUNC, 0666);

	SAFE_WRITE(SAFE_WRITE_ALL, fd, "abcdefghijklmnopqrstuvwxyz\n", 27);
	return fd;
}

#endif /* FCNTL_LOCK_H */
