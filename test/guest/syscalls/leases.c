/*
 * leases.c - file leases: who may take a read or a write lease, the break
 * an open by another description starts (the holder's signal with
 * POLL_MSG and si_fd, F_GETLEASE's target, O_NONBLOCK's EWOULDBLOCK,
 * the opener waiting until the holder gives way), lease-break-time,
 * truncate(2) as a breaker, and /proc/locks's LEASE lines.  fcntl(2)
 * "Leases", proc_locks(5).
 */
#define _GNU_SOURCE
#include "../check.h"

#include <signal.h>
#include <sys/wait.h>

#define FILE_NAME	"/tmp/lease-test"

static int make_file(void)
{
	int fd = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0 && write(fd, "lease", 5) != 5) {
		close(fd);
		return -1;
	}
	return fd < 0 ? -1 : close(fd);
}

static void who_may_take_one(void)
{
	REQUIRE_OK(make_file());
	int r = open(FILE_NAME, O_RDONLY), w = open(FILE_NAME, O_WRONLY);

	REQUIRE(r >= 0 && w >= 0, "open");
	REQUIRE_RET(fcntl(r, F_GETLEASE), F_UNLCK);
	/* Open for writing somewhere (w): no read lease; two opens: no write lease. */
	REQUIRE_ERR(fcntl(r, F_SETLEASE, F_RDLCK), EAGAIN);
	REQUIRE_ERR(fcntl(w, F_SETLEASE, F_RDLCK), EAGAIN);
	REQUIRE_ERR(fcntl(w, F_SETLEASE, F_WRLCK), EAGAIN);
	REQUIRE_OK(close(w));
	REQUIRE_OK(fcntl(r, F_SETLEASE, F_RDLCK));
	REQUIRE_RET(fcntl(r, F_GETLEASE), F_RDLCK);
	REQUIRE_RET(fcntl(r, F_GETOWN), getpid());	/* the break goes to the setter */
	/* The only open: a write lease, even on a read-only descriptor. */
	REQUIRE_OK(fcntl(r, F_SETLEASE, F_WRLCK));
	REQUIRE_RET(fcntl(r, F_GETLEASE), F_WRLCK);
	REQUIRE_OK(fcntl(r, F_SETLEASE, F_UNLCK));
	REQUIRE_RET(fcntl(r, F_GETLEASE), F_UNLCK);
	REQUIRE_ERR(fcntl(r, F_SETLEASE, 7), EINVAL);
	REQUIRE_OK(close(r));
	int rw = open(FILE_NAME, O_RDWR);
	REQUIRE_OK(fcntl(rw, F_SETLEASE, F_WRLCK));
	REQUIRE_OK(close(rw));
	int p[2];
	REQUIRE_OK(pipe(p));
	REQUIRE_ERR(fcntl(p[0], F_SETLEASE, F_RDLCK), EINVAL);
	close(p[0]);
	close(p[1]);
	unlink(FILE_NAME);
}

/* A reader's open breaks a write lease down to a read lease. */
static void reader_breaks_write_lease(void)
{
	int sig = SIGRTMIN + 6, go[2];
	siginfo_t si;

	block_signal(sig);
	REQUIRE_OK(make_file());
	int fd = open(FILE_NAME, O_RDONLY);
	REQUIRE(fd >= 0, "open");
	REQUIRE_OK(fcntl(fd, F_SETSIG, sig));
	REQUIRE_OK(fcntl(fd, F_SETLEASE, F_WRLCK));
	REQUIRE_OK(pipe(go));
	pid_t pid = fork();
	if (pid == 0) {
		int e, c;

		c = open(FILE_NAME, O_RDONLY | O_NONBLOCK);
		e = errno;
		if (c >= 0 || e != EWOULDBLOCK)
			_exit(2);
		if (write(go[1], "n", 1) != 1)
			_exit(3);
		c = open(FILE_NAME, O_RDONLY);	/* waits for the holder */
		_exit(c >= 0 ? 0 : 4);
	}
	REQUIRE(pid > 0, "fork");
	char c;
	REQUIRE_RET(read(go[0], &c, 1), 1);
	REQUIRE_RET(wait_signal(sig, &si, 3000), sig);
	REQUIRE(si.si_code == POLL_MSG, "si_code %d, want POLL_MSG", si.si_code);
	REQUIRE(si.si_fd == fd, "si_fd %d, want %d", si.si_fd, fd);
	REQUIRE_RET(fcntl(fd, F_GETLEASE), F_RDLCK);	/* what it must become */
	REQUIRE_OK(wait_until_asleep(pid));
	REQUIRE_OK(fcntl(fd, F_SETLEASE, F_RDLCK));
	REQUIRE_RET(wait_status(pid), 0);
	REQUIRE_RET(fcntl(fd, F_GETLEASE), F_RDLCK);
	REQUIRE_OK(close(fd));
	close(go[0]);
	close(go[1]);
	unlink(FILE_NAME);
}

static int read_break_time(void)
{
	char buf[32] = "";

	return read_text("/proc/sys/fs/lease-break-time", buf, sizeof(buf)) > 0 ? atoi(buf) : -1;
}

static int write_break_time(int v)
{
	char buf[32];
	int fd = open("/proc/sys/fs/lease-break-time", O_WRONLY);
	int n = snprintf(buf, sizeof(buf), "%d\n", v);

	if (fd < 0)
		return -1;
	n = write(fd, buf, (size_t)n) == n ? 0 : -1;
	close(fd);
	return n;
}

/* A holder that does not give way loses the lease after lease-break-time. */
static void break_time_runs_out(void)
{
	int old = read_break_time(), sig = SIGRTMIN + 7;
	siginfo_t si;

	REQUIRE(old == 45, "lease-break-time %d, want Linux's 45", old);
	block_signal(sig);
	REQUIRE_OK(write_break_time(1));
	REQUIRE_RET(read_break_time(), 1);
	REQUIRE_OK(make_file());
	int fd = open(FILE_NAME, O_RDONLY);
	REQUIRE_OK(fcntl(fd, F_SETSIG, sig));
	REQUIRE_OK(fcntl(fd, F_SETLEASE, F_RDLCK));
	long long t0 = mono_ms();
	pid_t pid = fork();
	if (pid == 0)
		_exit(open(FILE_NAME, O_WRONLY) >= 0 ? 0 : 1);
	REQUIRE(pid > 0, "fork");
	REQUIRE_RET(wait_signal(sig, &si, 3000), sig);
	REQUIRE_RET(fcntl(fd, F_GETLEASE), F_UNLCK);	/* breaking to nothing */
	REQUIRE_RET(wait_status(pid), 0);
	/* Past 0.5 s, and well short of the 45 s default (a loaded host
	 * stretches the guest's wall time). */
	REQUIRE_ELAPSED(t0, 500, 30000, "the writer's open");
	REQUIRE_RET(fcntl(fd, F_GETLEASE), F_UNLCK);
	REQUIRE_OK(fcntl(fd, F_SETLEASE, F_RDLCK));	/* free to take again */
	REQUIRE_OK(fcntl(fd, F_SETLEASE, F_UNLCK));
	REQUIRE_OK(write_break_time(old));
	close(fd);
	unlink(FILE_NAME);
}

/* truncate(2) by path breaks a read lease as a writer would. */
static void truncate_breaks(void)
{
	int sig = SIGRTMIN + 8;
	siginfo_t si;

	block_signal(sig);
	REQUIRE_OK(make_file());
	int fd = open(FILE_NAME, O_RDONLY);
	REQUIRE_OK(fcntl(fd, F_SETSIG, sig));
	REQUIRE_OK(fcntl(fd, F_SETLEASE, F_RDLCK));
	pid_t pid = fork();
	if (pid == 0)
		_exit(truncate(FILE_NAME, 1) == 0 ? 0 : 1);
	REQUIRE(pid > 0, "fork");
	REQUIRE_RET(wait_signal(sig, &si, 3000), sig);
	REQUIRE_OK(fcntl(fd, F_SETLEASE, F_UNLCK));
	REQUIRE_RET(wait_status(pid), 0);
	struct stat st;
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE(st.st_size == 1, "size %ld after truncate", (long)st.st_size);
	close(fd);
	unlink(FILE_NAME);
}

static void proc_locks_lease_line(void)
{
	char buf[2000] = "", want[64];
	struct stat st;

	REQUIRE_OK(make_file());
	int fd = open(FILE_NAME, O_RDONLY);
	REQUIRE_OK(fstat(fd, &st));
	REQUIRE_OK(fcntl(fd, F_SETLEASE, F_RDLCK));
	read_text("/proc/locks", buf, sizeof(buf));
	snprintf(want, sizeof(want), "LEASE  ACTIVE    READ %d ", getpid());
	REQUIRE(strstr(buf, want), "no '%s' in: %s", want, buf);
	snprintf(want, sizeof(want), ":%lu 0 EOF", (unsigned long)st.st_ino);
	REQUIRE(strstr(buf, want), "no '%s' in: %s", want, buf);
	REQUIRE_OK(close(fd));	/* the lease goes with its description */
	int w = open(FILE_NAME, O_WRONLY | O_NONBLOCK);
	REQUIRE(w >= 0, "a writer's open after the holder's close: %s", errname(errno));
	close(w);
	unlink(FILE_NAME);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(who_may_take_one),
		CHECK(reader_breaks_write_lease),
		CHECK(break_time_runs_out),
		CHECK(truncate_breaks),
		CHECK(proc_locks_lease_line),
	};

	return run_checks("leases", checks, NCHECKS(checks));
}
