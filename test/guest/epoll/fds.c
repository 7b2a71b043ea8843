/*
 * fds.c - the readiness files: eventfd(2) (counter, semaphore mode,
 * overflow rules, blocking and EINTR), timerfd_create(2) (clocks,
 * relative/absolute/interval timers, expiration counts, gettime,
 * TFD_TIMER_CANCEL_ON_SET, errors) and signalfd(2) (the 128-byte record,
 * masks, mask updates, several records per read, fork, SIGCHLD).
 */
#include "epollcheck.h"

#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <sys/timerfd.h>

#ifndef CLOCK_REALTIME_ALARM
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#endif
#ifndef TFD_TIMER_CANCEL_ON_SET
#define TFD_TIMER_CANCEL_ON_SET (1 << 1)
#endif

static int link_is(int fd, const char *want)
{
	char path[64], link[64];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof link - 1);
	if (n <= 0)
		return 0;
	link[n] = 0;
	return !strcmp(link, want);
}

static uint64_t rd64(int fd, ssize_t *n)
{
	uint64_t v = 0;

	*n = read(fd, &v, sizeof v);
	return v;
}

/* ---- eventfd ---- */

static void eventfd_counter(void)
{
	uint64_t v = 5;
	ssize_t n;
	int fd;

	REQUIRE_OK(fd = eventfd(3, EFD_NONBLOCK));
	REQUIRE(link_is(fd, "anon_inode:[eventfd]"), "link name");
	REQUIRE(fcntl(fd, F_GETFL) & O_NONBLOCK, "EFD_NONBLOCK");
	REQUIRE(fcntl(fd, F_GETFD) == 0, "no cloexec");
	REQUIRE(write(fd, &v, 8) == 8, "write");
	REQUIRE(rd64(fd, &n) == 8 && n == 8, "read the sum");
	REQUIRE_ERR(read(fd, &v, 8), EAGAIN);
	v = 0;
	REQUIRE(write(fd, &v, 8) == 8, "writing 0 is fine");
	REQUIRE_ERR(read(fd, &v, 8), EAGAIN);
	/* Larger buffers are fine; only 8 bytes move. */
	v = 2;
	REQUIRE(write(fd, &v, 8) == 8, "write");
	{
		uint64_t big[2] = { 0, 0x5a5a5a5a5a5a5a5aull };
		REQUIRE(read(fd, big, sizeof big) == 8 && big[0] == 2 &&
			big[1] == 0x5a5a5a5a5a5a5a5aull, "16-byte read");
	}
	close(fd);
	REQUIRE_OK(fd = eventfd(0, EFD_CLOEXEC));
	REQUIRE(fcntl(fd, F_GETFD) == FD_CLOEXEC, "EFD_CLOEXEC");
	REQUIRE(!(fcntl(fd, F_GETFL) & O_NONBLOCK), "blocking by default");
}

static void eventfd_semaphore(void)
{
	ssize_t n;
	int fd;

	REQUIRE_OK(fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK));
	REQUIRE(rd64(fd, &n) == 1 && n == 8, "first");
	REQUIRE(rd64(fd, &n) == 1 && n == 8, "second");
	REQUIRE_ERR(read(fd, &n, 8), EAGAIN);
}

static void eventfd_errors(void)
{
	uint64_t v = ~0ull, max = 0xfffffffffffffffeull, one = 1;
	struct pollfd pf;
	int fd;

	REQUIRE_ERR(syscall(SYS_eventfd2, 0, 0x10), EINVAL);
	REQUIRE_ERR(syscall(SYS_eventfd2, 0, O_RDWR), EINVAL);
	REQUIRE_OK(fd = eventfd(0, EFD_NONBLOCK));
	REQUIRE_ERR(read(fd, &v, 7), EINVAL);
	REQUIRE_ERR(write(fd, &v, 7), EINVAL);
	REQUIRE_ERR(write(fd, &v, 8), EINVAL);
	REQUIRE_ERR(read(fd, BADPTR, 8), EAGAIN);
	REQUIRE_ERR(write(fd, BADPTR, 8), EFAULT);
	REQUIRE(write(fd, &max, 8) == 8, "up to the maximum");
	pf.fd = fd;
	pf.events = POLLIN | POLLOUT;
	REQUIRE(poll(&pf, 1, 0) == 1 && pf.revents == POLLIN, "full: %#x", pf.revents);
	REQUIRE_ERR(write(fd, &one, 8), EAGAIN);
	REQUIRE(read(fd, &v, 8) == 8 && v == max, "read the maximum");
	REQUIRE(poll(&pf, 1, 0) == 1 && pf.revents == POLLOUT, "empty: %#x", pf.revents);
	REQUIRE_ERR(read(fd, BADPTR, 8), EAGAIN);
	REQUIRE(write(fd, &one, 8) == 8, "write 1");
	REQUIRE_ERR(read(fd, BADPTR, 8), EFAULT);
}

static void eventfd_blocking(void)
{
	uint64_t v, max = 0xfffffffffffffffeull;
	int fd;
	pid_t kid;

	REQUIRE_OK(fd = eventfd(0, 0));
	kid = fork();
	if (kid == 0) {
		uint64_t seven = 7;
		if (!wait_until_asleep(getppid()))
			_exit(1);
		_exit(write(fd, &seven, 8) == 8 ? 0 : 2);
	}
	REQUIRE(read(fd, &v, 8) == 8 && v == 7, "blocking read got %llu", (unsigned long long)v);
	REQUIRE(wait_status(kid) == 0, "writer");
	/* A write that would overflow blocks until a read makes room. */
	REQUIRE(write(fd, &max, 8) == 8, "fill");
	kid = fork();
	if (kid == 0) {
		uint64_t x;
		if (!wait_until_asleep(getppid()))
			_exit(1);
		_exit(read(fd, &x, 8) == 8 && x == max ? 0 : 2);
	}
	v = 3;
	REQUIRE(write(fd, &v, 8) == 8, "blocked write");
	REQUIRE(wait_status(kid) == 0, "reader");
	REQUIRE(read(fd, &v, 8) == 8 && v == 3, "after the blocked write: %llu",
		(unsigned long long)v);
	/* A signal interrupts a blocked read (no SA_RESTART). */
	catch_signal(SIGUSR1, 0);
	kid = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(read(fd, &v, 8), EINTR);
	REQUIRE(wait_status(kid) == 0, "helper");
}

static void eventfd_epoll_et(void)
{
	struct epoll_event ev;
	uint64_t one = 1;
	int ep, fd;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(fd = eventfd(0, EFD_NONBLOCK));
	REQUIRE_OK(ep_add(ep, fd, EPOLLIN | EPOLLET, 1));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "zero counter");
	REQUIRE(write(fd, &one, 8) == 8, "write");
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.events == EPOLLIN, "IN");
	REQUIRE(ep_one(ep, &ev, 0) == 0, "ET once");
	REQUIRE(write(fd, &one, 8) == 8, "write");
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.events == EPOLLIN, "new write, new event");
}

/* ---- timerfd ---- */

static void timerfd_create_errors(void)
{
	int fd;

	REQUIRE_ERR(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
	REQUIRE_ERR(timerfd_create(CLOCK_MONOTONIC_RAW, 0), EINVAL);
	REQUIRE_ERR(timerfd_create(12345, 0), EINVAL);
	REQUIRE_ERR(timerfd_create(-1, 0), EINVAL);
	REQUIRE_ERR(timerfd_create(CLOCK_MONOTONIC, 0x10), EINVAL);
	REQUIRE_ERR(timerfd_create(CLOCK_MONOTONIC, O_RDWR), EINVAL);
	REQUIRE_OK(fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
	REQUIRE(link_is(fd, "anon_inode:[timerfd]"), "link name");
	REQUIRE(fcntl(fd, F_GETFL) & O_NONBLOCK, "TFD_NONBLOCK");
	REQUIRE(fcntl(fd, F_GETFD) == FD_CLOEXEC, "TFD_CLOEXEC");
	close(fd);
	REQUIRE_OK(fd = timerfd_create(CLOCK_REALTIME, 0));
	close(fd);
	REQUIRE_OK(fd = timerfd_create(CLOCK_BOOTTIME, 0));
	close(fd);
	/* Root has CAP_WAKE_ALARM; nobody else does. */
	REQUIRE_OK(fd = timerfd_create(CLOCK_REALTIME_ALARM, 0));
	close(fd);
	REQUIRE_OK(fd = timerfd_create(CLOCK_BOOTTIME_ALARM, 0));
	close(fd);
	REQUIRE_OK(setuid(65534));
	REQUIRE_ERR(timerfd_create(CLOCK_REALTIME_ALARM, 0), EPERM);
	REQUIRE_ERR(timerfd_create(CLOCK_BOOTTIME_ALARM, 0), EPERM);
	REQUIRE_OK(fd = timerfd_create(CLOCK_MONOTONIC, 0));
}

static void timerfd_settime_errors(void)
{
	struct itimerspec its = { { 0, 0 }, { 1, 0 } }, bad = { { 0, 0 }, { 0, 1000000000L } };
	struct itimerspec badi = { { 0, -1 }, { 1, 0 } }, neg = { { 0, 0 }, { -1, 0 } };
	int fd, p[2];

	REQUIRE_OK(fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
	REQUIRE_OK(pipe(p));
	REQUIRE_ERR(timerfd_settime(fd, 0x10, &its, NULL), EINVAL);
	REQUIRE_ERR(timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	REQUIRE_ERR(timerfd_settime(fd, 0, &badi, NULL), EINVAL);
	REQUIRE_ERR(timerfd_settime(fd, 0, &neg, NULL), EINVAL);
	REQUIRE_ERR(timerfd_settime(fd, 0, NULL, NULL), EFAULT);
	REQUIRE_ERR(timerfd_settime(fd, 0, BADPTR, NULL), EFAULT);
	REQUIRE_ERR(timerfd_settime(-1, 0, &its, NULL), EBADF);
	REQUIRE_ERR(timerfd_settime(p[0], 0, &its, NULL), EINVAL);
	REQUIRE_ERR(timerfd_gettime(-1, &its), EBADF);
	REQUIRE_ERR(timerfd_gettime(p[0], &its), EINVAL);
	REQUIRE_ERR(timerfd_gettime(fd, BADPTR), EFAULT);
	REQUIRE_ERR(timerfd_settime(fd, 0, &its, BADPTR), EFAULT);
	uint64_t v;
	REQUIRE_ERR(read(fd, &v, 7), EINVAL);
	REQUIRE_ERR(read(fd, &v, 8), EAGAIN);
	REQUIRE_ERR(write(fd, &v, 8), EINVAL);
}

static void timerfd_oneshot(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 100 * 1000000L } }, cur, old;
	long long t0 = now_ns(CLOCK_MONOTONIC);
	ssize_t n;
	int fd;

	REQUIRE_OK(fd = timerfd_create(CLOCK_MONOTONIC, 0));
	REQUIRE_OK(timerfd_gettime(fd, &cur));
	REQUIRE(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0, "disarmed at first");
	REQUIRE_OK(timerfd_settime(fd, 0, &its, NULL));
	REQUIRE_OK(timerfd_gettime(fd, &cur));
	REQUIRE(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 &&
		cur.it_value.tv_nsec <= 100 * 1000000L, "time left %ld", cur.it_value.tv_nsec);
	REQUIRE(rd64(fd, &n) == 1 && n == 8, "one expiration");
	REQUIRE_ELAPSED(t0, 100, 100 + SLACK_MS, "100 ms timerfd");
	REQUIRE_OK(timerfd_gettime(fd, &cur));
	REQUIRE(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0, "expired: disarmed");
	/* Re-arm for a long time, then disarm: the old value comes back. */
	its.it_value.tv_sec = 100;
	REQUIRE_OK(timerfd_settime(fd, 0, &its, NULL));
	memset(&its, 0, sizeof its);
	REQUIRE_OK(timerfd_settime(fd, 0, &its, &old));
	REQUIRE(old.it_value.tv_sec == 99 || old.it_value.tv_sec == 100, "old value %ld",
		(long)old.it_value.tv_sec);
	REQUIRE_OK(timerfd_gettime(fd, &cur));
	REQUIRE(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0, "disarmed");
	fcntl(fd, F_SETFL, O_NONBLOCK);
	REQUIRE_ERR(read(fd, &its, 8), EAGAIN);
}

static void timerfd_interval(void)
{
	struct itimerspec its = { { 0, 20 * 1000000L }, { 0, 20 * 1000000L } }, cur;
	long long t0, el;
	uint64_t total = 0;
	ssize_t n;
	int fd;

	REQUIRE_OK(fd = timerfd_create(CLOCK_BOOTTIME, 0));
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE_OK(timerfd_settime(fd, 0, &its, NULL));
	REQUIRE_OK(timerfd_gettime(fd, &cur));
	REQUIRE(cur.it_interval.tv_nsec == 20 * 1000000L, "interval %ld", cur.it_interval.tv_nsec);
	sleep_ms(200);
	total = rd64(fd, &n);
	el = now_ns(CLOCK_MONOTONIC) - t0;
	REQUIRE(n == 8, "read");
	/* Every period that passed is counted, none more. */
	REQUIRE(total >= 9 && total <= (uint64_t)(el / 20000000) + 1,
		"%llu expirations in %lld ms", (unsigned long long)total, el / 1000000);
	/* The next read blocks for about one period. */
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(rd64(fd, &n) >= 1 && n == 8, "next period");
	REQUIRE_ELAPSED(t0, 0, 20 + SLACK_MS, "one more period");
	/* settime resets the count. */
	sleep_ms(50);
	its.it_value.tv_sec = 10;
	REQUIRE_OK(timerfd_settime(fd, 0, &its, NULL));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	REQUIRE_ERR(read(fd, &total, 8), EAGAIN);
}

static void timerfd_absolute(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };
	struct timespec now;
	long long t0 = now_ns(CLOCK_MONOTONIC);
	ssize_t n;
	int fd, rfd;

	REQUIRE_OK(fd = timerfd_create(CLOCK_MONOTONIC, 0));
	clock_gettime(CLOCK_MONOTONIC, &now);
	its.it_value.tv_sec = now.tv_sec;
	its.it_value.tv_nsec = now.tv_nsec + 80 * 1000000L;
	if (its.it_value.tv_nsec >= 1000000000L) {
		its.it_value.tv_sec++;
		its.it_value.tv_nsec -= 1000000000L;
	}
	REQUIRE_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	REQUIRE(rd64(fd, &n) == 1 && n == 8, "absolute expiry");
	REQUIRE_ELAPSED(t0, 80, 80 + SLACK_MS, "absolute 80 ms");
	/* A time in the past expires at once. */
	its.it_value.tv_sec = 1;
	its.it_value.tv_nsec = 0;
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	REQUIRE(rd64(fd, &n) == 1 && n == 8, "past expiry");
	REQUIRE_ELAPSED(t0, 0, SLACK_MS, "past absolute time");
	/* CLOCK_REALTIME, absolute. */
	REQUIRE_OK(rfd = timerfd_create(CLOCK_REALTIME, 0));
	clock_gettime(CLOCK_REALTIME, &now);
	its.it_value.tv_sec = now.tv_sec;
	its.it_value.tv_nsec = now.tv_nsec + 60 * 1000000L;
	if (its.it_value.tv_nsec >= 1000000000L) {
		its.it_value.tv_sec++;
		its.it_value.tv_nsec -= 1000000000L;
	}
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE_OK(timerfd_settime(rfd, TFD_TIMER_ABSTIME, &its, NULL));
	REQUIRE(rd64(rfd, &n) == 1 && n == 8, "realtime absolute expiry");
	REQUIRE_ELAPSED(t0, 50, 60 + SLACK_MS, "realtime absolute 60 ms");
}

static void timerfd_cancel_on_set(void)
{
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };
	struct timespec now;
	struct pollfd pf;
	uint64_t v;
	int fd, plain;

	REQUIRE_OK(fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
	REQUIRE_OK(plain = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
	clock_gettime(CLOCK_REALTIME, &now);
	its.it_value.tv_sec = now.tv_sec + 3600;
	REQUIRE_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL));
	REQUIRE_OK(timerfd_settime(plain, TFD_TIMER_ABSTIME, &its, NULL));
	pf.fd = fd;
	pf.events = POLLIN;
	REQUIRE(poll(&pf, 1, 0) == 0, "armed, not expired");
	/* Setting the clock (to what it is) cancels the timer. */
	clock_gettime(CLOCK_REALTIME, &now);
	REQUIRE_OK(clock_settime(CLOCK_REALTIME, &now));
	REQUIRE(poll(&pf, 1, 1000) == 1 && (pf.revents & POLLIN), "cancel is readable");
	REQUIRE_ERR(read(fd, &v, 8), ECANCELED);
	REQUIRE_ERR(read(fd, &v, 8), EAGAIN);
	/* A timer without the flag just keeps waiting. */
	REQUIRE_ERR(read(plain, &v, 8), EAGAIN);
	/* settimeofday cancels too. */
	REQUIRE_OK(timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL));
	struct timeval tv;
	gettimeofday(&tv, NULL);
	REQUIRE_OK(settimeofday(&tv, NULL));
	REQUIRE_ERR(read(fd, &v, 8), ECANCELED);
	/* A relative timer is never cancelled. */
	its.it_value.tv_sec = 3600;
	its.it_value.tv_nsec = 0;
	REQUIRE_OK(timerfd_settime(fd, TFD_TIMER_CANCEL_ON_SET, &its, NULL));
	clock_gettime(CLOCK_REALTIME, &now);
	REQUIRE_OK(clock_settime(CLOCK_REALTIME, &now));
	REQUIRE_ERR(read(fd, &v, 8), EAGAIN);
}

static void timerfd_blocking_eintr(void)
{
	struct itimerspec its = { { 0, 0 }, { 100, 0 } };
	uint64_t v;
	pid_t h;
	int fd;

	REQUIRE_OK(fd = timerfd_create(CLOCK_MONOTONIC, 0));
	REQUIRE_OK(timerfd_settime(fd, 0, &its, NULL));
	catch_signal(SIGUSR1, 0);
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(read(fd, &v, 8), EINTR);
	REQUIRE(wait_status(h) == 0, "helper");
}

/* ---- signalfd ---- */

static sigset_t set_of(int a, int b)
{
	sigset_t s;

	sigemptyset(&s);
	if (a)
		sigaddset(&s, a);
	if (b)
		sigaddset(&s, b);
	return s;
}

static void signalfd_record(void)
{
	struct signalfd_siginfo si;
	unsigned char raw[128];
	sigset_t s = set_of(SIGUSR1, SIGRTMIN + 1);
	union sigval val = { .sival_int = 0x12345678 };
	int fd;

	sigprocmask(SIG_BLOCK, &s, NULL);
	REQUIRE_OK(fd = signalfd(-1, &s, SFD_NONBLOCK));
	REQUIRE(link_is(fd, "anon_inode:[signalfd]"), "link name");
	REQUIRE_ERR(read(fd, &si, sizeof si), EAGAIN);
	REQUIRE_OK(kill(getpid(), SIGUSR1));
	memset(raw, 0xee, sizeof raw);
	REQUIRE(read(fd, raw, sizeof raw) == 128, "one record");
	memcpy(&si, raw, sizeof si);
	REQUIRE(si.ssi_signo == SIGUSR1 && si.ssi_code == SI_USER, "signo %u code %d",
		si.ssi_signo, si.ssi_code);
	REQUIRE(si.ssi_pid == (uint32_t)getpid() && si.ssi_uid == getuid(), "sender %u/%u",
		si.ssi_pid, si.ssi_uid);
	REQUIRE(si.ssi_errno == 0 && si.ssi_status == 0 && si.ssi_addr == 0 &&
		si.ssi_utime == 0, "unused fields not zero");
	for (unsigned i = 100; i < 128; i++)
		REQUIRE(raw[i] == 0, "padding byte %u is %#x", i, raw[i]);
	REQUIRE_ERR(read(fd, &si, sizeof si), EAGAIN);
	/* sigqueue: the value and SI_QUEUE. */
	REQUIRE_OK(sigqueue(getpid(), SIGRTMIN + 1, val));
	REQUIRE(read(fd, &si, sizeof si) == 128, "queued record");
	REQUIRE(si.ssi_signo == (uint32_t)SIGRTMIN + 1 && si.ssi_code == SI_QUEUE &&
		si.ssi_int == 0x12345678, "sigqueue record: %u %d %#x", si.ssi_signo,
		si.ssi_code, si.ssi_int);
	REQUIRE(si.ssi_pid == (uint32_t)getpid(), "sigqueue pid");
}

static void signalfd_errors(void)
{
	sigset_t s = set_of(SIGUSR1, 0);
	struct signalfd_siginfo si;
	int fd, p[2];

	REQUIRE_OK(pipe(p));
	REQUIRE_ERR(syscall(SYS_signalfd4, -1, &s, 8, 0x10), EINVAL);
	REQUIRE_ERR(syscall(SYS_signalfd4, -1, &s, 4, 0), EINVAL);
	REQUIRE_ERR(syscall(SYS_signalfd4, -1, &s, 16, 0), EINVAL);
	REQUIRE_ERR(syscall(SYS_signalfd4, -1, BADPTR, 8, 0), EFAULT);
	REQUIRE_ERR(syscall(SYS_signalfd4, p[0], &s, 8, 0), EINVAL);
	REQUIRE_ERR(syscall(SYS_signalfd4, 1000, &s, 8, 0), EBADF);
	REQUIRE_ERR(syscall(SYS_signalfd, -1, &s, 4), EINVAL);
	REQUIRE_OK(fd = signalfd(-1, &s, SFD_NONBLOCK | SFD_CLOEXEC));
	REQUIRE(fcntl(fd, F_GETFD) == FD_CLOEXEC, "SFD_CLOEXEC");
	REQUIRE(fcntl(fd, F_GETFL) & O_NONBLOCK, "SFD_NONBLOCK");
	REQUIRE_ERR(read(fd, &si, 127), EINVAL);
	REQUIRE_ERR(write(fd, &si, 128), EINVAL);
	/* SIGKILL and SIGSTOP in the mask are dropped, not refused. */
	sigfillset(&s);
	REQUIRE_OK(fd = signalfd(-1, &s, 0));
}

static void signalfd_mask_update(void)
{
	struct signalfd_siginfo si[3];
	sigset_t s = set_of(SIGUSR1, SIGUSR2);
	int fd;

	sigprocmask(SIG_BLOCK, &s, NULL);
	s = set_of(SIGUSR1, 0);
	REQUIRE_OK(fd = signalfd(-1, &s, SFD_NONBLOCK));
	REQUIRE_OK(kill(getpid(), SIGUSR2));
	REQUIRE_ERR(read(fd, si, sizeof si), EAGAIN);
	s = set_of(SIGUSR2, 0);
	REQUIRE(signalfd(fd, &s, 0) == fd, "update returns the same fd");
	/* The flags of an update are ignored: still non-blocking. */
	REQUIRE(fcntl(fd, F_GETFL) & O_NONBLOCK, "flags changed by an update");
	REQUIRE(read(fd, si, sizeof si) == 128 && si[0].ssi_signo == SIGUSR2, "SIGUSR2 now");
	/* Several records per read, lowest signal first. */
	s = set_of(SIGUSR1, SIGUSR2);
	REQUIRE(signalfd(fd, &s, 0) == fd, "update");
	REQUIRE_OK(kill(getpid(), SIGUSR2));
	REQUIRE_OK(kill(getpid(), SIGUSR1));
	REQUIRE(read(fd, si, sizeof si) == 256, "two records");
	REQUIRE(si[0].ssi_signo == SIGUSR1 && si[1].ssi_signo == SIGUSR2, "order %u %u",
		si[0].ssi_signo, si[1].ssi_signo);
	sigprocmask(SIG_SETMASK, NULL, &s);
	REQUIRE(sigismember(&s, SIGUSR1), "reading does not unblock");
}

static void signalfd_fork(void)
{
	struct signalfd_siginfo si;
	sigset_t s = set_of(SIGUSR1, SIGUSR2);
	int fd;
	pid_t kid;

	sigprocmask(SIG_BLOCK, &s, NULL);
	REQUIRE_OK(fd = signalfd(-1, &s, SFD_NONBLOCK));
	REQUIRE_OK(kill(getpid(), SIGUSR1));
	kid = fork();
	if (kid == 0) {
		/* Pending signals are not inherited: the child reads its own. */
		if (read(fd, &si, sizeof si) != -1 || errno != EAGAIN)
			_exit(1);
		kill(getpid(), SIGUSR2);
		if (read(fd, &si, sizeof si) != 128 || si.ssi_signo != SIGUSR2 ||
		    si.ssi_pid != (uint32_t)getpid())
			_exit(2);
		_exit(0);
	}
	REQUIRE(wait_status(kid) == 0, "child: %#x", wait_status(kid));
	REQUIRE(read(fd, &si, sizeof si) == 128 && si.ssi_signo == SIGUSR1, "parent's own");
	REQUIRE_ERR(read(fd, &si, sizeof si), EAGAIN);
}

static void signalfd_blocking_sigchld(void)
{
	struct signalfd_siginfo si;
	sigset_t s = set_of(SIGCHLD, 0);
	struct epoll_event ev;
	int fd, ep;
	pid_t kid;

	sigprocmask(SIG_BLOCK, &s, NULL);
	REQUIRE_OK(fd = signalfd(-1, &s, 0));
	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(ep_add(ep, fd, EPOLLIN, 5));
	kid = fork();
	if (kid == 0) {
		if (!wait_until_asleep(getppid()))
			_exit(1);
		_exit(42);
	}
	/* Block in epoll_wait first, then in read. */
	REQUIRE(ep_one(ep, &ev, 10000) == 1 && ev.data.u64 == 5, "SIGCHLD via epoll");
	REQUIRE(read(fd, &si, sizeof si) == 128, "read");
	REQUIRE(si.ssi_signo == SIGCHLD && si.ssi_code == CLD_EXITED &&
		si.ssi_pid == (uint32_t)kid && si.ssi_status == 42, "SIGCHLD %u %d pid %u st %d",
		si.ssi_signo, si.ssi_code, si.ssi_pid, si.ssi_status);
	REQUIRE(wait_status(kid) == 42 << 8, "child status");
	kid = fork();
	if (kid == 0) {
		if (!wait_until_asleep(getppid()))
			_exit(1);
		_exit(7);
	}
	REQUIRE(read(fd, &si, sizeof si) == 128 && si.ssi_status == 7, "blocking read");
	REQUIRE(wait_status(kid) == 7 << 8, "child status");
	/* A signal not in the mask interrupts a blocked read.  The mask
	 * leaves SIGCHLD now: the helper's own exit, which may come before
	 * the reader runs again, must not be what ends the read. */
	s = set_of(SIGUSR2, 0);
	REQUIRE_RET(signalfd(fd, &s, 0), fd);
	catch_signal(SIGUSR1, 0);
	kid = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(read(fd, &si, sizeof si), EINTR);
	REQUIRE(wait_status(kid) == 0, "helper");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(eventfd_counter),
		CHECK(eventfd_semaphore),
		CHECK(eventfd_errors),
		CHECK(eventfd_blocking),
		CHECK(eventfd_epoll_et),
		CHECK(timerfd_create_errors),
		CHECK(timerfd_settime_errors),
		CHECK(timerfd_oneshot),
		CHECK(timerfd_interval),
		CHECK(timerfd_absolute),
		CHECK(timerfd_cancel_on_set),
		CHECK(timerfd_blocking_eintr),
		CHECK(signalfd_record),
		CHECK(signalfd_errors),
		CHECK(signalfd_mask_update),
		CHECK(signalfd_fork),
		CHECK(signalfd_blocking_sigchld),
	};

	return run_checks("epoll_fds", checks, NCHECKS(checks));
}
