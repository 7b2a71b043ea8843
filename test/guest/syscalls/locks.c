/*
 * locks.c - advisory file locks: POSIX record locks (F_GETLK, F_SETLK,
 * F_SETLKW) between processes, with splitting, merging, waiting, EINTR
 * and deadlock detection; release on any close and no inheritance by
 * fork; open file description locks; flock(2); /proc/locks's lines.
 * fcntl(2), flock(2), proc_locks(5).
 */
#include "../check.h"

#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

static int lk(int fd, int cmd, int type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

/* F_GETLK (or F_OFD_GETLK) for [start, start+len): what stands in the way. */
static struct flock getlk(int fd, int cmd, int type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	if (fcntl(fd, cmd, &fl) < 0)
		fl.l_type = -1;
	return fl;
}

static int file(const char *name)
{
	int fd = open(name, O_RDWR | O_CREAT, 0644);

	if (fd >= 0 && write(fd, "0123456789", 10) != 10)
		return -1;
	return fd;
}

/* The exit status of child `pid` (or -1). */
static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* In a child: a conflict check on a fresh fd of `name`, as another
 * process sees it: exit 0 when F_GETLK reports exactly (type, start, len,
 * pid) and F_SETLK of the same range fails with EAGAIN; 0 also when
 * type is F_UNLCK and the lock is granted. */
static pid_t probe(const char *name, off_t start, off_t len, int type, off_t wstart,
		   off_t wlen, pid_t wpid)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(name, O_RDWR);
		struct flock fl = getlk(fd, F_GETLK, F_WRLCK, start, len);

		if (fl.l_type != type)
			_exit(10 + fl.l_type);
		if (type == F_UNLCK)
			_exit(lk(fd, F_SETLK, F_WRLCK, start, len) == 0 ? 0 : 3);
		if (fl.l_start != wstart || fl.l_len != wlen || fl.l_pid != wpid ||
		    fl.l_whence != SEEK_SET)
			_exit(4);
		_exit(lk(fd, F_SETLK, F_WRLCK, start, len) < 0 && errno == EAGAIN ? 0 : 5);
	}
	return pid;
}

static void posix_conflicts_between_processes(void)
{
	int fd = file("f");
	pid_t me = getpid();

	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 0, 10));
	/* The owner's own view: nothing conflicts. */
	REQUIRE(getlk(fd, F_GETLK, F_WRLCK, 0, 10).l_type == F_UNLCK, "own lock conflicts");
	REQUIRE_RET(reap(probe("f", 5, 1, F_WRLCK, 0, 10, me)), 0);
	REQUIRE_RET(reap(probe("f", 10, 5, F_UNLCK, 0, 0, 0)), 0);
	/* A read lock blocks writers, not readers. */
	REQUIRE_OK(lk(fd, F_SETLK, F_RDLCK, 0, 10));
	pid_t pid = fork();

	if (pid == 0) {
		int fd2 = open("f", O_RDWR);

		_exit(lk(fd2, F_SETLK, F_RDLCK, 0, 10) == 0 &&
		      lk(fd2, F_SETLK, F_WRLCK, 2, 1) < 0 && errno == EAGAIN ? 0 : 1);
	}
	REQUIRE_RET(reap(pid), 0);
}

static void posix_split_and_merge(void)
{
	int fd = file("f");
	pid_t me = getpid();

	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 0, 100));
	REQUIRE_OK(lk(fd, F_SETLK, F_UNLCK, 40, 20));
	REQUIRE_RET(reap(probe("f", 0, 100, F_WRLCK, 0, 40, me)), 0);
	REQUIRE_RET(reap(probe("f", 40, 20, F_UNLCK, 0, 0, 0)), 0);
	REQUIRE_RET(reap(probe("f", 50, 0, F_WRLCK, 60, 40, me)), 0);
	/* A read lock in the middle of a write lock splits it in three. */
	REQUIRE_OK(lk(fd, F_SETLK, F_RDLCK, 70, 10));
	pid_t pid = fork();

	if (pid == 0) {
		int fd2 = open("f", O_RDWR);
		struct flock a = getlk(fd2, F_GETLK, F_RDLCK, 60, 40);
		struct flock b = getlk(fd2, F_GETLK, F_WRLCK, 70, 10);
		struct flock c = getlk(fd2, F_GETLK, F_RDLCK, 75, 25);

		_exit(a.l_type == F_WRLCK && a.l_start == 60 && a.l_len == 10 &&
		      b.l_type == F_RDLCK && b.l_start == 70 && b.l_len == 10 &&
		      c.l_type == F_WRLCK && c.l_start == 80 && c.l_len == 20 ? 0 : 1);
	}
	REQUIRE_RET(reap(pid), 0);
	/* Filling the hole with a write lock merges everything back. */
	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 40, 40));
	REQUIRE_RET(reap(probe("f", 99, 1, F_WRLCK, 0, 100, me)), 0);
	/* To end of file: l_len 0 is reported back as 0. */
	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 100, 0));
	REQUIRE_RET(reap(probe("f", 5000, 1, F_WRLCK, 0, 0, me)), 0);
}

static void posix_released_by_any_close(void)
{
	int fd = file("f"), fd2 = open("f", O_RDONLY);

	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 0, 10));
	REQUIRE_RET(reap(probe("f", 0, 1, F_WRLCK, 0, 10, getpid())), 0);
	REQUIRE_OK(close(fd2));	/* another fd of the same file */
	REQUIRE_RET(reap(probe("f", 0, 10, F_UNLCK, 0, 0, 0)), 0);
}

static void posix_not_inherited_kept_over_child_exit(void)
{
	int fd = file("f");
	pid_t pid;

	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 0, 10));
	pid = fork();
	if (pid == 0) {
		/* The child shares the open file but not the lock. */
		_exit(lk(fd, F_SETLK, F_WRLCK, 0, 10) < 0 && errno == EAGAIN ? 0 : 1);
	}
	REQUIRE_RET(reap(pid), 0);
	/* Its exit closed its copy of fd: the parent's lock stays. */
	REQUIRE_RET(reap(probe("f", 0, 1, F_WRLCK, 0, 10, getpid())), 0);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void posix_setlkw_waits_and_is_interrupted(void)
{
	int fd = file("f");
	pid_t pid, h;

	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 0, 10));
	/* A waiter gets the lock when it is released. */
	pid = fork();
	if (pid == 0) {
		int fd2 = open("f", O_RDWR);

		if (lk(fd2, F_SETLKW, F_WRLCK, 0, 10) < 0)
			_exit(1);
		_exit(getlk(fd2, F_GETLK, F_WRLCK, 0, 10).l_type == F_UNLCK ? 0 : 2);
	}
	REQUIRE(wait_until_asleep(pid), "the waiter never slept");
	REQUIRE_OK(lk(fd, F_SETLK, F_UNLCK, 0, 10));
	REQUIRE_RET(reap(pid), 0);
	/* A signal whose handler has no SA_RESTART ends the wait: EINTR. */
	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 0, 10));
	pid = fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_usr1 };
		int fd2 = open("f", O_RDWR);

		sigaction(SIGUSR1, &sa, NULL);
		_exit(lk(fd2, F_SETLKW, F_WRLCK, 0, 10) < 0 && errno == EINTR ? 0 : 1);
	}
	h = signal_when_asleep(pid, SIGUSR1);
	REQUIRE_RET(reap(pid), 0);
	REQUIRE_RET(reap(h), 0);
}

static void posix_deadlock_is_edeadlk(void)
{
	int fd = file("f"), go[2];
	pid_t pid;
	char c;

	REQUIRE_OK(pipe(go));
	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 0, 1));	/* we hold byte 0 */
	pid = fork();
	if (pid == 0) {
		int fd2 = open("f", O_RDWR);

		if (lk(fd2, F_SETLK, F_WRLCK, 1, 1) < 0)	/* it holds byte 1 */
			_exit(1);
		if (write(go[1], "x", 1) != 1)
			_exit(2);
		/* ... and waits for byte 0 */
		_exit(lk(fd2, F_SETLKW, F_WRLCK, 0, 1) == 0 ? 0 : 3);
	}
	REQUIRE_RET(read(go[0], &c, 1), 1);
	REQUIRE(wait_until_asleep(pid), "the child never waited");
	/* Waiting for byte 1 would close the cycle. */
	REQUIRE_ERR(lk(fd, F_SETLKW, F_WRLCK, 1, 1), EDEADLK);
	REQUIRE_OK(lk(fd, F_SETLK, F_UNLCK, 0, 1));
	REQUIRE_RET(reap(pid), 0);
}

static void lock_errors(void)
{
	int fd = file("f"), ro = open("f", O_RDONLY), wo = open("f", O_WRONLY);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	REQUIRE_ERR(lk(ro, F_SETLK, F_WRLCK, 0, 1), EBADF);
	REQUIRE_ERR(lk(wo, F_SETLK, F_RDLCK, 0, 1), EBADF);
	REQUIRE_ERR(lk(fd, F_SETLK, 7, 0, 1), EINVAL);
	REQUIRE_ERR(lk(fd, F_SETLK, F_WRLCK, -1, 1), EINVAL);
	REQUIRE_ERR(lk(fd, F_SETLK, F_WRLCK, 2, -3), EINVAL);
	REQUIRE_ERR(lk(fd, F_GETLK, F_UNLCK, 0, 1), EINVAL);
	fl.l_whence = 9;
	REQUIRE_ERR(fcntl(fd, F_SETLK, &fl), EINVAL);
	REQUIRE_ERR(fcntl(fd, F_SETLK, (struct flock *)BADPTR), EFAULT);
	fl.l_whence = SEEK_SET;
	fl.l_pid = 1;
	REQUIRE_ERR(fcntl(fd, F_OFD_SETLK, &fl), EINVAL);
	/* A negative length counts back from l_start: bytes 2 and 3. */
	REQUIRE_OK(lk(fd, F_SETLK, F_WRLCK, 4, -2));
	REQUIRE_RET(reap(probe("f", 0, 10, F_WRLCK, 2, 2, getpid())), 0);
	REQUIRE_ERR(flock(fd, 0), EINVAL);
	REQUIRE_ERR(flock(-1, LOCK_SH), EBADF);
}

static void ofd_locks(void)
{
	int a = file("f"), b = open("f", O_RDWR);
	struct flock fl;

	REQUIRE_OK(lk(a, F_OFD_SETLK, F_WRLCK, 0, 10));
	/* Another open file description of the same process conflicts. */
	REQUIRE_ERR(lk(b, F_OFD_SETLK, F_WRLCK, 5, 1), EAGAIN);
	fl = getlk(b, F_OFD_GETLK, F_RDLCK, 0, 0);
	REQUIRE(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 10 && fl.l_pid == -1,
		"F_OFD_GETLK: type %d start %lld len %lld pid %d", fl.l_type,
		(long long)fl.l_start, (long long)fl.l_len, fl.l_pid);
	/* ... and so do the process's own POSIX locks. */
	REQUIRE_ERR(lk(b, F_SETLK, F_RDLCK, 0, 1), EAGAIN);
	/* Closing another description leaves it; closing its own drops it. */
	REQUIRE_OK(close(b));
	b = open("f", O_RDWR);
	REQUIRE_ERR(lk(b, F_OFD_SETLK, F_WRLCK, 5, 1), EAGAIN);
	int a2 = dup(a);

	REQUIRE_OK(close(a));
	REQUIRE_ERR(lk(b, F_OFD_SETLK, F_WRLCK, 5, 1), EAGAIN);	/* a2 holds it */
	REQUIRE_OK(close(a2));
	REQUIRE_OK(lk(b, F_OFD_SETLK, F_WRLCK, 5, 1));
}

static void flock_shared_exclusive(void)
{
	int a = file("f"), b = open("f", O_RDONLY), c;

	REQUIRE_OK(flock(a, LOCK_EX));
	REQUIRE_ERR(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	REQUIRE_ERR(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	REQUIRE_OK(flock(a, LOCK_SH));	/* converted */
	REQUIRE_OK(flock(b, LOCK_SH | LOCK_NB));
	REQUIRE_ERR(flock(a, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	REQUIRE_OK(flock(b, LOCK_UN));
	REQUIRE_OK(flock(a, LOCK_EX | LOCK_NB));
	/* flock and fcntl locks do not see each other. */
	REQUIRE_OK(lk(a, F_SETLK, F_WRLCK, 0, 0));
	/* A dup shares the description and its lock. */
	c = dup(a);
	REQUIRE_OK(flock(c, LOCK_EX | LOCK_NB));
	REQUIRE_OK(close(a));
	REQUIRE_ERR(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	REQUIRE_OK(close(c));
	REQUIRE_OK(flock(b, LOCK_EX | LOCK_NB));
}

/* The /proc/locks line for this process's lock of `kind` on `st`. */
static int find_line(const char *kind, const char *rw, int pid, const struct stat *st,
		     const char *range)
{
	char want[160], buf[8192];
	char *line;

	if (read_text("/proc/locks", buf, sizeof buf) < 0)
		return 0;
	snprintf(want, sizeof want, " %-6s ADVISORY  %s %d %02x:%02x:%llu %s", kind, rw, pid,
		 major(st->st_dev), minor(st->st_dev), (unsigned long long)st->st_ino, range);
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char *colon = strchr(line, ':');

		if (colon && colon > line && strcmp(colon + 1, want) == 0)
			return 1;
	}
	return 0;
}

static void proc_locks_lines(void)
{
	int a = file("f"), b = file("g"), c = file("h");
	struct stat sa, sb, sc;

	REQUIRE_OK(fstat(a, &sa));
	REQUIRE_OK(fstat(b, &sb));
	REQUIRE_OK(fstat(c, &sc));
	REQUIRE_OK(lk(a, F_SETLK, F_WRLCK, 0, 0));
	REQUIRE_OK(lk(a, F_SETLK, F_RDLCK, 128, 64));
	REQUIRE_OK(flock(b, LOCK_EX));
	REQUIRE_OK(lk(c, F_OFD_SETLK, F_RDLCK, 1, 1));
	REQUIRE(find_line("POSIX", "WRITE", getpid(), &sa, "0 127"), "no POSIX WRITE 0 127 line");
	if (!find_line("POSIX", "READ", getpid(), &sa, "128 191")) {
		char buf[600] = "";

		read_text("/proc/locks", buf, sizeof buf);
		REQUIRE(0, "no POSIX READ 128 191 line in: %s", buf);
	}
	REQUIRE(find_line("POSIX", "WRITE", getpid(), &sa, "192 EOF"), "no POSIX WRITE 192 EOF line");
	REQUIRE(find_line("FLOCK", "WRITE", getpid(), &sb, "0 EOF"), "no FLOCK line");
	REQUIRE(find_line("OFDLCK", "READ", -1, &sc, "1 1"), "no OFDLCK line");
	REQUIRE_OK(close(a));
	REQUIRE(!find_line("POSIX", "READ", getpid(), &sa, "128 191"), "the line outlived the close");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(posix_conflicts_between_processes),
		CHECK(posix_split_and_merge),
		CHECK(posix_released_by_any_close),
		CHECK(posix_not_inherited_kept_over_child_exit),
		CHECK(posix_setlkw_waits_and_is_interrupted),
		CHECK(posix_deadlock_is_edeadlk),
		CHECK(lock_errors),
		CHECK(ofd_locks),
		CHECK(flock_shared_exclusive),
		CHECK(proc_locks_lines),
	};

	return run_checks("locks", checks, NCHECKS(checks));
}
