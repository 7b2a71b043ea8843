/*
 * poll.c - readiness: poll, select, ppoll and pselect6 on pipes, with
 * timeouts, signal masks, hang-ups and errors.
 */
#include "../check.h"

#include <poll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/time.h>

static void poll_pipe_ready(void)
{
	struct pollfd fds[2];
	int p[2];

	REQUIRE_OK(pipe(p));
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	REQUIRE(poll(fds, 2, 0) == 1, "empty pipe: want only the write end");
	REQUIRE(fds[0].revents == 0 && fds[1].revents == POLLOUT,
		"revents %x %x", fds[0].revents, fds[1].revents);
	REQUIRE(write(p[1], "x", 1) == 1, "write");
	REQUIRE(poll(fds, 2, 0) == 2, "after a write both are ready");
	REQUIRE(fds[0].revents == POLLIN, "read end revents %x", fds[0].revents);
}

static void poll_timeout(void)
{
	struct pollfd fd;
	int p[2];
	long long t0;

	REQUIRE_OK(pipe(p));
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(poll(&fd, 1, 100) == 0, "poll returned ready");
	REQUIRE_ELAPSED(t0, 100, 100 + SLACK_MS, "a 100 ms poll timeout");
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(poll(NULL, 0, 10) == 0, "poll with no fds");
	REQUIRE_ELAPSED(t0, 10, 10 + SLACK_MS, "a 10 ms poll with no fds");
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(poll(&fd, 1, 0) == 0, "poll returned ready");
	REQUIRE_ELAPSED(t0, 0, SLACK_MS, "poll with timeout 0");
}

static void poll_wakes_on_write(void)
{
	struct pollfd fd;
	int p[2], n;
	pid_t pid;

	long long t0 = now_ns(CLOCK_MONOTONIC);

	REQUIRE_OK(pipe(p));
	pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(write(p[1], "x", 1) == 1 ? 0 : 1);
	}
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	n = poll(&fd, 1, 10000);
	REQUIRE(n == 1 && (fd.revents & POLLIN), "poll %d revents %x", n,
		fd.revents);
	/* Woken by the write 100 ms in, not by the 10 s timeout. */
	REQUIRE_ELAPSED(t0, 100, 100 + SLACK_MS, "poll until the write");
	REQUIRE(wait_status(pid) == 0, "the writer failed");
}

static void poll_hup_err_nval(void)
{
	struct pollfd fd;
	int p[2], q[2];

	REQUIRE_OK(pipe(p));
	close(p[1]);
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	REQUIRE(poll(&fd, 1, 0) == 1 && fd.revents == POLLHUP,
		"writer gone: revents %x, want POLLHUP", fd.revents);
	REQUIRE_OK(pipe(q));
	close(q[0]);
	fd = (struct pollfd){ .fd = q[1], .events = POLLOUT };
	REQUIRE(poll(&fd, 1, 0) == 1 && (fd.revents & POLLERR),
		"reader gone: revents %x, want POLLERR", fd.revents);
	fd = (struct pollfd){ .fd = p[1], .events = POLLIN };
	REQUIRE(poll(&fd, 1, 0) == 1 && fd.revents == POLLNVAL,
		"closed fd: revents %x, want POLLNVAL", fd.revents);
	fd = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = 7 };
	REQUIRE(poll(&fd, 1, 0) == 0 && fd.revents == 0,
		"negative fd must be ignored (revents %x)", fd.revents);
}

static void poll_errors(void)
{
	struct rlimit rl = { 8, 8 };
	struct pollfd fds[16];
	int i;

	REQUIRE_ERR(syscall(SYS_poll, BADPTR, 1, 0), EFAULT);
	for (i = 0; i < 16; i++)
		fds[i] = (struct pollfd){ .fd = -1 };
	REQUIRE_OK(setrlimit(RLIMIT_NOFILE, &rl));
	REQUIRE_ERR(poll(fds, 16, 0), EINVAL);
}

static void select_pipe(void)
{
	fd_set r, w;
	struct timeval tv = { 0, 0 };
	int p[2];

	REQUIRE_OK(pipe(p));
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	REQUIRE(select(p[1] + 1, &r, &w, NULL, &tv) == 1, "empty pipe");
	REQUIRE(!FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w), "wrong bits");
	REQUIRE(write(p[1], "x", 1) == 1, "write");
	FD_SET(p[0], &r);
	REQUIRE(select(p[0] + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(p[0], &r),
		"readable pipe not reported");
}

static void select_timeout(void)
{
	fd_set r;
	struct timeval tv = { 0, 100000 };
	int p[2];
	long long t0 = now_ns(CLOCK_MONOTONIC);

	REQUIRE_OK(pipe(p));
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	/* musl's select() passes a copy of tv: call the kernel directly. */
	REQUIRE(syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv) == 0,
		"not a timeout");
	REQUIRE_ELAPSED(t0, 100, 100 + SLACK_MS, "a 100 ms select timeout");
	/* Linux writes the time left back: none. */
	REQUIRE(tv.tv_sec == 0 && tv.tv_usec == 0, "timeval left %ld.%06ld",
		(long)tv.tv_sec, (long)tv.tv_usec);
	REQUIRE(!FD_ISSET(p[0], &r), "bit left set on timeout");
}

static void select_errors(void)
{
	fd_set r;
	struct timeval tv = { 0, 0 };
	int p[2];

	REQUIRE_OK(pipe(p));
	close(p[1]);
	FD_ZERO(&r);
	FD_SET(p[1], &r);
	REQUIRE_ERR(select(p[1] + 1, &r, NULL, NULL, &tv), EBADF);
	REQUIRE_ERR(syscall(SYS_select, -1, NULL, NULL, NULL, &tv), EINVAL);
	tv.tv_usec = -5;
	REQUIRE_ERR(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), EINVAL);
	REQUIRE_ERR(syscall(SYS_select, 1, BADPTR, NULL, NULL, NULL), EFAULT);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void ppoll_sigmask(void)
{
	struct sigaction sa;
	struct pollfd fd;
	struct timespec ts = { 5, 0 };
	sigset_t block, open_mask;
	int p[2];

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	REQUIRE_OK(pipe(p));
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	/* The pending signal stays blocked: ppoll times out. */
	ts.tv_sec = 0;
	ts.tv_nsec = 20000000;
	REQUIRE(ppoll(&fd, 1, &ts, &block) == 0, "ppoll with the signal "
		"blocked: %s", errname(errno));
	/* A mask that opens it: EINTR at once. */
	sigemptyset(&open_mask);
	ts.tv_sec = 5;
	REQUIRE_ERR(ppoll(&fd, 1, &ts, &open_mask), EINTR);
}

static void ppoll_timeout_errors(void)
{
	struct pollfd fd;
	struct timespec ts = { 0, 50000000 };
	int p[2];
	long long t0 = now_ns(CLOCK_MONOTONIC);

	REQUIRE_OK(pipe(p));
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	REQUIRE(ppoll(&fd, 1, &ts, NULL) == 0, "not a timeout");
	REQUIRE_ELAPSED(t0, 50, 50 + SLACK_MS, "a 50 ms ppoll timeout");
	ts.tv_nsec = 1000000000L;
	REQUIRE_ERR(ppoll(&fd, 1, &ts, NULL), EINVAL);
	ts.tv_nsec = 0;
	REQUIRE_ERR(syscall(SYS_ppoll, &fd, 1, &ts, BADPTR, 8), EFAULT);
	REQUIRE_ERR(syscall(SYS_ppoll, &fd, 1, &ts, &ts, 4), EINVAL);
}

static void pselect6_sigmask(void)
{
	struct sigaction sa;
	struct timespec ts = { 0, 20000000 };
	sigset_t block, open_mask;
	fd_set r;
	int p[2];

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	REQUIRE_OK(pipe(p));
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	REQUIRE(pselect(p[0] + 1, &r, NULL, NULL, &ts, &block) == 0,
		"pselect with the signal blocked: %s", errname(errno));
	FD_SET(p[0], &r);
	ts.tv_sec = 5;
	sigemptyset(&open_mask);
	REQUIRE_ERR(pselect(p[0] + 1, &r, NULL, NULL, &ts, &open_mask), EINTR);
}

static void pselect6_timeout_errors(void)
{
	struct timespec ts = { 0, 50000000 };
	fd_set r;
	int p[2];
	long long t0 = now_ns(CLOCK_MONOTONIC);

	REQUIRE_OK(pipe(p));
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	REQUIRE(pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL) == 0, "timeout");
	REQUIRE_ELAPSED(t0, 50, 50 + SLACK_MS, "a 50 ms pselect timeout");
	REQUIRE(write(p[1], "x", 1) == 1, "write");
	FD_SET(p[0], &r);
	REQUIRE(pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL) == 1 &&
		FD_ISSET(p[0], &r), "readable pipe");
	ts.tv_nsec = -1;
	REQUIRE_ERR(pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL), EINVAL);
	ts.tv_nsec = 0;
	REQUIRE_ERR(syscall(SYS_pselect6, p[0] + 1, BADPTR, NULL, NULL, &ts,
			    NULL), EFAULT);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(poll_pipe_ready),
		CHECK(poll_timeout),
		CHECK(poll_wakes_on_write),
		CHECK(poll_hup_err_nval),
		CHECK(poll_errors),
		CHECK(select_pipe),
		CHECK(select_timeout),
		CHECK(select_errors),
		CHECK(ppoll_sigmask),
		CHECK(ppoll_timeout_errors),
		CHECK(pselect6_sigmask),
		CHECK(pselect6_timeout_errors),
	};

	return run_checks("poll", checks, NCHECKS(checks));
}
