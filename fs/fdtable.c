/*
 * The per-process fd table (dup(2), dup2(2), dup3(2), fcntl(2) F_DUPFD,
 * F_GETFD/F_SETFD, close(2), fork, execve close-on-exec).
 *
 * Invariants, all under files->lock:
 *  - fd[i] != NULL or i is reserved (a bit in `reserved` would be Linux's
 *    open_fds; we mark a reservation with the RESERVED sentinel) or free.
 *  - next_fd <= the lowest free slot, so allocation is lowest-free.
 *  - close_on_exec bit i is meaningful only while slot i is in use.
 * Files are released (fput) only after the lock is dropped: release()
 * may sleep or take vfs_lock.
 */
#include <tern/fdtable.h>
#include "internal.h"
#include "locks.h"

u32 sysctl_nr_open = NR_OPEN_MAX;

#define RESERVED	((struct file *)1)
#define BITS_PER_LONG	(8 * sizeof(unsigned long))

static bool cloexec_test(struct files_struct *t, u32 fd)
{
	return t->close_on_exec[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

static void cloexec_set(struct files_struct *t, u32 fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		t->close_on_exec[fd / BITS_PER_LONG] |= bit;
	else
		t->close_on_exec[fd / BITS_PER_LONG] &= ~bit;
}

static int alloc_arrays(u32 n, struct file ***fd, unsigned long **bits)
{
	*fd = kzalloc(n * sizeof(**fd));
	*bits = kzalloc(DIV_ROUND_UP(n, BITS_PER_LONG) * sizeof(**bits));
	if (!*fd || !*bits) {
		kfree(*fd);
		kfree(*bits);
		return -ENOMEM;
	}
	return 0;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	if (alloc_arrays(NR_OPEN_DEFAULT, &t->fd, &t->close_on_exec)) {
		kfree(t);
		return NULL;
	}
	spin_lock_init(&t->lock, "files");
	t->count = 1;
	t->max_fds = NR_OPEN_DEFAULT;
	return t;
}

struct files_struct *files_get(struct files_struct *t)
{
	spin_lock(&t->lock);
	t->count++;
	spin_unlock(&t->lock);
	return t;
}

/* Grow so that slot `need` exists.  Called and returns with lock held. */
static int expand_files(struct files_struct *t, u32 need)
{
	struct file **nfd;
	unsigned long *nbits;
	u32 n = t->max_fds;

	while (n <= need)
		n *= 2;
	if (n > NR_OPEN_LIMIT)
		n = NR_OPEN_LIMIT;
	if (need >= n)
		return -EMFILE;
	if (alloc_arrays(n, &nfd, &nbits))
		return -ENOMEM;
	memcpy(nfd, t->fd, t->max_fds * sizeof(*nfd));
	memcpy(nbits, t->close_on_exec,
	       DIV_ROUND_UP(t->max_fds, BITS_PER_LONG) * sizeof(*nbits));
	kfree(t->fd);
	kfree(t->close_on_exec);
	t->fd = nfd;
	t->close_on_exec = nbits;
	t->max_fds = n;
	return 0;
}

/* Lock held.  Reserve the lowest free fd in [start, nofile). */
static int __alloc_fd(struct files_struct *t, u32 start, u32 nofile, bool cloexec)
{
	u32 fd = start > t->next_fd ? start : t->next_fd;
	int err;

	if (nofile > NR_OPEN_LIMIT)
		nofile = NR_OPEN_LIMIT;
	while (fd < t->max_fds && t->fd[fd])
		fd++;
	if (fd >= nofile)
		return -EMFILE;
	if (fd >= t->max_fds) {
		err = expand_files(t, fd);
		if (err)
			return err;
	}
	t->fd[fd] = RESERVED;
	cloexec_set(t, fd, cloexec);
	if (start <= t->next_fd)
		t->next_fd = fd + 1;
	return (int)fd;
}

int get_unused_fd(struct files_struct *t, u32 start, u32 nofile, bool cloexec)
{
	int fd;

	spin_lock(&t->lock);
	fd = __alloc_fd(t, start, nofile, cloexec);
	spin_unlock(&t->lock);
	return fd;
}

/*
 * An fd of f, taken out of t, is closed: the POSIX locks t holds on f's
 * file go (fcntl(2): closing any fd for a file drops the process's locks
 * on it), then the reference.
 */
static void filp_close(struct file *f, struct files_struct *t)
{
	locks_remove_posix(f, t);
	dnotify_flush(f, t);
	fput(f);
}

static void __free_fd(struct files_struct *t, u32 fd)
{
	t->fd[fd] = NULL;
	cloexec_set(t, fd, false);
	if (fd < t->next_fd)
		t->next_fd = fd;
}

void put_unused_fd(struct files_struct *t, int fd)
{
	spin_lock(&t->lock);
	BUG_ON(t->fd[fd] != RESERVED);
	__free_fd(t, (u32)fd);
	spin_unlock(&t->lock);
}

void fd_install(struct files_struct *t, int fd, struct file *f)
{
	spin_lock(&t->lock);
	BUG_ON(t->fd[fd] != RESERVED);
	t->fd[fd] = f;
	spin_unlock(&t->lock);
}

int fd_alloc_install(struct files_struct *t, struct file *f, u32 nofile, bool cloexec)
{
	int fd;

	spin_lock(&t->lock);
	fd = __alloc_fd(t, 0, nofile, cloexec);
	if (fd >= 0)
		t->fd[fd] = f;
	spin_unlock(&t->lock);
	return fd;
}

/* Lock held: the file at fd or NULL (free or only reserved). */
static struct file *lookup_fd(struct files_struct *t, int fd)
{
	struct file *f;

	if (fd < 0 || (u32)fd >= t->max_fds)
		return NULL;
	f = t->fd[fd];
	return f == RESERVED ? NULL : f;
}

struct file *fget(struct files_struct *t, int fd)
{
	struct file *f;

	spin_lock(&t->lock);
	f = lookup_fd(t, fd);
	if (f)
		get_file(f);
	spin_unlock(&t->lock);
	return f;
}

int close_fd(struct files_struct *t, int fd)
{
	struct file *f;

	spin_lock(&t->lock);
	f = lookup_fd(t, fd);
	if (f)
		__free_fd(t, (u32)fd);
	spin_unlock(&t->lock);
	if (!f)
		return -EBADF;
	filp_close(f, t);
	return 0;
}

int do_dupfd(struct files_struct *t, int oldfd, u32 start, bool cloexec, u32 nofile)
{
	struct file *f;
	int fd;

	/* fcntl(2) F_DUPFD: arg >= RLIMIT_NOFILE is EINVAL. */
	if (start >= nofile)
		return -EINVAL;
	spin_lock(&t->lock);
	f = lookup_fd(t, oldfd);
	if (!f) {
		spin_unlock(&t->lock);
		return -EBADF;
	}
	fd = __alloc_fd(t, start, nofile, cloexec);
	if (fd >= 0)
		t->fd[fd] = get_file(f);
	spin_unlock(&t->lock);
	return fd;
}

int do_dup(struct files_struct *t, int oldfd, u32 nofile)
{
	struct file *f;
	int fd;

	spin_lock(&t->lock);
	f = lookup_fd(t, oldfd);
	if (!f) {
		spin_unlock(&t->lock);
		return -EBADF;
	}
	fd = __alloc_fd(t, 0, nofile, false);
	if (fd >= 0)
		t->fd[fd] = get_file(f);
	spin_unlock(&t->lock);
	return fd;
}

/* dup2/dup3 onto newfd: closes what was there, clears or sets FD_CLOEXEC. */
static int do_dup_to(struct files_struct *t, int oldfd, int newfd, bool cloexec,
		     u32 nofile)
{
	struct file *f, *old = NULL;
	int err;

	if (newfd < 0 || (u32)newfd >= nofile || (u32)newfd >= NR_OPEN_LIMIT)
		return -EBADF;
	spin_lock(&t->lock);
	f = lookup_fd(t, oldfd);
	if (!f) {
		err = -EBADF;
		goto out;
	}
	if ((u32)newfd >= t->max_fds) {
		err = expand_files(t, (u32)newfd);
		if (err)
			goto out;
	}
	old = t->fd[newfd];
	if (old == RESERVED) {
		/* dup2(2): racing an open that reserved newfd. */
		old = NULL;
		err = -EBUSY;
		goto out;
	}
	t->fd[newfd] = get_file(f);
	cloexec_set(t, (u32)newfd, cloexec);
	err = newfd;
out:
	spin_unlock(&t->lock);
	if (old)
		filp_close(old, t);
	return err;
}

int do_dup2(struct files_struct *t, int oldfd, int newfd, u32 nofile)
{
	/* dup2(2): same fd is a validity check only. */
	if (oldfd == newfd) {
		struct file *f = fget(t, oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return do_dup_to(t, oldfd, newfd, false, nofile);
}

int do_dup3(struct files_struct *t, int oldfd, int newfd, int flags, u32 nofile)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup_to(t, oldfd, newfd, flags & O_CLOEXEC, nofile);
}

int get_close_on_exec(struct files_struct *t, int fd)
{
	int ret;

	spin_lock(&t->lock);
	ret = lookup_fd(t, fd) ? (cloexec_test(t, (u32)fd) ? FD_CLOEXEC : 0) : -EBADF;
	spin_unlock(&t->lock);
	return ret;
}

int set_close_on_exec(struct files_struct *t, int fd, bool on)
{
	int ret = 0;

	spin_lock(&t->lock);
	if (lookup_fd(t, fd))
		cloexec_set(t, (u32)fd, on);
	else
		ret = -EBADF;
	spin_unlock(&t->lock);
	return ret;
}

/* Take every file matching `cloexec_only` out of the table, then fput. */
static void close_files(struct files_struct *t, bool cloexec_only)
{
	u32 fd;

	for (fd = 0; ; fd++) {
		struct file *f = NULL;

		spin_lock(&t->lock);
		if (fd >= t->max_fds) {
			spin_unlock(&t->lock);
			return;
		}
		if (t->fd[fd] && t->fd[fd] != RESERVED &&
		    (!cloexec_only || cloexec_test(t, fd))) {
			f = t->fd[fd];
			__free_fd(t, fd);
		}
		spin_unlock(&t->lock);
		if (f)
			filp_close(f, t);
	}
}

void do_close_on_exec(struct files_struct *t)
{
	close_files(t, true);
}

void files_put(struct files_struct *t)
{
	bool last;

	if (!t)
		return;
	spin_lock(&t->lock);
	last = --t->count == 0;
	spin_unlock(&t->lock);
	if (!last)
		return;
	close_files(t, false);
	kfree(t->fd);
	kfree(t->close_on_exec);
	kfree(t);
}

int dup_fd(struct files_struct *old, struct files_struct **out)
{
	struct files_struct *t = kzalloc(sizeof(*t));
	u32 n, i;

	if (!t)
		return -ENOMEM;
	spin_lock_init(&t->lock, "files");
	t->count = 1;
	/* Size is read under the old lock; allocate outside it and retry. */
	for (;;) {
		spin_lock(&old->lock);
		n = old->max_fds;
		spin_unlock(&old->lock);
		if (alloc_arrays(n, &t->fd, &t->close_on_exec)) {
			kfree(t);
			return -ENOMEM;
		}
		spin_lock(&old->lock);
		if (old->max_fds == n)
			break;
		spin_unlock(&old->lock);
		kfree(t->fd);
		kfree(t->close_on_exec);
	}
	t->max_fds = n;
	for (i = 0; i < n; i++) {
		struct file *f = old->fd[i];

		/* A slot reserved by an in-flight open is free in the child. */
		if (f && f != RESERVED) {
			t->fd[i] = get_file(f);
			cloexec_set(t, i, cloexec_test(old, i));
		}
	}
	t->next_fd = 0;	/* reserved slots of old are free here */
	spin_unlock(&old->lock);
	*out = t;
	return 0;
}

u32 files_count_open(struct files_struct *t)
{
	u32 i, n = 0;

	spin_lock(&t->lock);
	for (i = 0; i < t->max_fds; i++)
		if (t->fd[i] && t->fd[i] != RESERVED)
			n++;
	spin_unlock(&t->lock);
	return n;
}
