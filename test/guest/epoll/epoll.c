/*
 * epoll.c - epoll(7): epoll_create/epoll_create1, epoll_ctl's operations
 * and errors, nesting limits and loops, epoll_wait/epoll_pwait/
 * epoll_pwait2 (timeouts, signal masks, EINTR, EFAULT, maxevents), level
 * and edge triggering, EPOLLONESHOT, EPOLLEXCLUSIVE, HUP/ERR/RDHUP/PRI,
 * the ready list's fairness, items that live as long as their open file
 * description (dup, close, fd reuse), every kind of pollable file, and the
 * packed struct epoll_event.
 */
#include "epollcheck.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <netpacket/packet.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/un.h>

static void create_basic(void)
{
	char link[64], path[64];
	struct stat st;
	int ep;
	ssize_t n;

	REQUIRE_OK(ep = (int)raw_epoll_create(1));
	REQUIRE(fcntl(ep, F_GETFD) == 0, "epoll_create: no FD_CLOEXEC");
	snprintf(path, sizeof path, "/proc/self/fd/%d", ep);
	n = readlink(path, link, sizeof link - 1);
	REQUIRE(n > 0, "readlink %s", path);
	link[n] = 0;
	REQUIRE(!strcmp(link, "anon_inode:[eventpoll]"), "link is %s", link);
	REQUIRE_OK(fstat(ep, &st));
	REQUIRE((st.st_mode & S_IFMT) == 0, "anon inode has no type: %o", st.st_mode);
	close(ep);
	REQUIRE_ERR(raw_epoll_create(0), EINVAL);
	REQUIRE_ERR(raw_epoll_create(-1), EINVAL);
	REQUIRE_OK(ep = (int)raw_epoll_create(100000));
	close(ep);
}

static void create1_flags(void)
{
	int ep;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE(fcntl(ep, F_GETFD) == 0, "no FD_CLOEXEC");
	close(ep);
	REQUIRE_OK(ep = epoll_create1(EPOLL_CLOEXEC));
	REQUIRE(fcntl(ep, F_GETFD) == FD_CLOEXEC, "EPOLL_CLOEXEC");
	close(ep);
	REQUIRE_ERR(epoll_create1(-1), EINVAL);
	REQUIRE_ERR(epoll_create1(1), EINVAL);
	REQUIRE_ERR(epoll_create1(O_NONBLOCK), EINVAL);
}

static void create_emfile(void)
{
	struct rlimit r = { 8, 8 };
	int fd;

	REQUIRE_OK(setrlimit(RLIMIT_NOFILE, &r));
	for (int i = 0; i < 8; i++)
		fd = open("/", O_RDONLY);
	(void)fd;
	REQUIRE_ERR(epoll_create1(0), EMFILE);
	REQUIRE_ERR(raw_epoll_create(1), EMFILE);
}

static void ctl_add_mod_del(void)
{
	struct epoll_event ev;
	int ep, p[2];

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN, 0x1122334455667788ull));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "empty pipe reported");
	REQUIRE(write(p[1], "x", 1) == 1, "write");
	REQUIRE(ep_one(ep, &ev, 0) == 1, "EPOLLIN not reported");
	REQUIRE(ev.events == EPOLLIN && ev.data.u64 == 0x1122334455667788ull,
		"got %#x %#llx", ev.events, (unsigned long long)ev.data.u64);
	/* Level-triggered: still there. */
	REQUIRE(ep_one(ep, &ev, 0) == 1, "LT reports again");
	REQUIRE_OK(ep_mod(ep, p[0], EPOLLOUT, 7));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "read end is never writable");
	REQUIRE_OK(ep_mod(ep, p[0], EPOLLIN | EPOLLOUT, 9));
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.events == EPOLLIN && ev.data.u64 == 9,
		"after MOD: %#x data %llu", ev.events, (unsigned long long)ev.data.u64);
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "DEL item reported");
	REQUIRE_OK(ep_add(ep, p[1], EPOLLOUT, 5));
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.events == EPOLLOUT && ev.data.u64 == 5,
		"write end: %#x", ev.events);
}

static void ctl_errors(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep, ep2, p[2], reg, dir, pathfd, zero;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(ep2 = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(reg = open("/tmp/epoll-regular", O_RDWR | O_CREAT | O_TRUNC, 0600));
	REQUIRE_OK(dir = open("/", O_RDONLY | O_DIRECTORY));
	REQUIRE_OK(pathfd = open("/tmp", O_PATH));
	REQUIRE_OK(zero = open("/dev/zero", O_RDONLY));
	REQUIRE_ERR(epoll_ctl(-1, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	REQUIRE_ERR(epoll_ctl(1000, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, -1, &ev), EBADF);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, 1000, &ev), EBADF);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, reg, &ev), EPERM);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, dir, &ev), EPERM);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, zero, &ev), EPERM);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, pathfd, &ev), EBADF);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
	REQUIRE_ERR(epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev), EINVAL);
	REQUIRE_ERR(epoll_ctl(ep, 0, p[0], &ev), EINVAL);
	REQUIRE_ERR(epoll_ctl(ep, 4, p[0], &ev), EINVAL);
	REQUIRE_ERR(epoll_ctl(ep, -1, p[0], &ev), EINVAL);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], NULL), EFAULT);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], BADPTR), EFAULT);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], &ev), ENOENT);
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	/* DEL ignores the event pointer. */
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], BADPTR));
	/* EPOLLEXCLUSIVE: ADD only, not with other input flags, not on epoll. */
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP;
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLET | EPOLLERR | EPOLLHUP;
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	ev.events = EPOLLIN;
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	ev.events = EPOLLIN;
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);
	unlink("/tmp/epoll-regular");
}

/* Every combination of the event and input bits is accepted by MOD. */
static void ctl_mod_combinations(void)
{
	static const uint32_t bits[] = { EPOLLIN, EPOLLOUT, EPOLLPRI, EPOLLRDHUP,
					 EPOLLET, EPOLLONESHOT, EPOLLWAKEUP };
	int ep, p[2];

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN | EPOLLWAKEUP, 0));
	for (unsigned m = 0; m < 1u << 7; m++) {
		uint32_t ev = 0;

		for (unsigned b = 0; b < 7; b++)
			if (m & (1u << b))
				ev |= bits[b];
		REQUIRE(ep_mod(ep, p[0], ev, m) == 0, "MOD %#x: %s", ev, errname(errno));
	}
}

/* A chain of n instances above fd: returns the top one (or -1). */
static int chain(int fd, int n, int *eps)
{
	for (int i = 0; i < n; i++) {
		int e = epoll_create1(0);

		if (e < 0 || ep_add(e, fd, EPOLLIN, (uint64_t)i) < 0)
			return -1;
		eps[i] = e;
		fd = e;
	}
	return fd;
}

static void nesting_depth(void)
{
	struct epoll_event ev;
	int p[2], eps[6], top, extra;

	REQUIRE_OK(pipe(p));
	/* Five levels above a pipe are allowed (epoll_ctl(2)), and work. */
	REQUIRE_OK(top = chain(p[0], 5, eps));
	REQUIRE(ep_one(top, &ev, 0) == 0, "nothing ready yet");
	REQUIRE(write(p[1], "x", 1) == 1, "write");
	REQUIRE(ep_one(top, &ev, 0) == 1 && ev.events == EPOLLIN && ev.data.u64 == 4,
		"top of 5: %#x data %llu", ev.events, (unsigned long long)ev.data.u64);
	/* A sixth is ELOOP. */
	REQUIRE_OK(extra = epoll_create1(0));
	REQUIRE_ERR(ep_add(extra, top, EPOLLIN, 0), ELOOP);
	/* Empty instances too: five in a chain, not six. */
	{
		int e[6], q[2];

		REQUIRE_OK(e[0] = epoll_create1(0));
		for (int i = 1; i < 6; i++) {
			REQUIRE_OK(e[i] = epoll_create1(0));
			if (i < 5)
				REQUIRE(ep_add(e[i], e[i - 1], EPOLLIN, 0) == 0, "chain of %d: %s",
					i + 1, errname(errno));
		}
		REQUIRE_ERR(ep_add(e[5], e[4], EPOLLIN, 0), ELOOP);
		/* A file under the bottom one is still five levels. */
		REQUIRE_OK(pipe(q));
		REQUIRE_OK(ep_add(e[0], q[0], EPOLLIN, 0));
	}
}

static void nesting_loops(void)
{
	int a, b, p[2], eps[5], top;

	REQUIRE_OK(a = epoll_create1(0));
	REQUIRE_OK(b = epoll_create1(0));
	REQUIRE_OK(ep_add(a, b, EPOLLIN, 0));
	REQUIRE_ERR(ep_add(b, a, EPOLLIN, 0), ELOOP);
	/* A long cycle: the bottom instance of a chain watching the top. */
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(top = chain(p[0], 5, eps));
	REQUIRE_ERR(ep_add(eps[0], top, EPOLLIN, 0), ELOOP);
	REQUIRE_ERR(ep_add(eps[2], eps[3], EPOLLIN, 0), ELOOP);
}

/* A blocked waiter on the outer instance wakes for the inner one's file. */
static void nested_wakeup(void)
{
	struct epoll_event ev;
	struct pollfd pf;
	int outer, inner, p[2];
	pid_t kid;
	long long t0;

	REQUIRE_OK(outer = epoll_create1(0));
	REQUIRE_OK(inner = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(inner, p[0], EPOLLIN, 1));
	REQUIRE_OK(ep_add(outer, inner, EPOLLIN, 2));
	pf.fd = inner;
	pf.events = POLLIN;
	REQUIRE(poll(&pf, 1, 0) == 0, "poll on an idle epoll fd");
	kid = fork();
	if (kid == 0) {
		if (!wait_until_asleep(getppid()))
			_exit(1);
		_exit(write(p[1], "x", 1) == 1 ? 0 : 2);
	}
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(ep_one(outer, &ev, 10000) == 1, "outer did not wake");
	REQUIRE_ELAPSED(t0, 0, 10000, "nested wake-up");
	REQUIRE(ev.events == EPOLLIN && ev.data.u64 == 2, "outer got %#x", ev.events);
	REQUIRE(wait_status(kid) == 0, "writer");
	REQUIRE(poll(&pf, 1, 0) == 1 && pf.revents == POLLIN, "poll on a ready epoll fd");
	REQUIRE(ep_one(inner, &ev, 0) == 1 && ev.data.u64 == 1, "inner reports the pipe");
}

static void wait_in_out_data(void)
{
	struct epoll_event evs[4];
	int ep, p[2], n, seen = 0;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN, 0xdeadbeefcafef00dull));
	REQUIRE_OK(ep_add(ep, p[1], EPOLLOUT, 0x0123456789abcdefull));
	REQUIRE(write(p[1], "hi", 2) == 2, "write");
	memset(evs, 0, sizeof evs);
	REQUIRE((n = epoll_wait(ep, evs, 4, 1000)) == 2, "epoll_wait gave %d", n);
	for (int i = 0; i < n; i++) {
		if (evs[i].data.u64 == 0xdeadbeefcafef00dull && evs[i].events == EPOLLIN)
			seen |= 1;
		if (evs[i].data.u64 == 0x0123456789abcdefull && evs[i].events == EPOLLOUT)
			seen |= 2;
	}
	REQUIRE(seen == 3, "events/data not intact (%d)", seen);
}

static void wait_timeouts(void)
{
	struct epoll_event ev;
	struct timespec ts = { 0, 150 * 1000000L }, tiny = { 0, 1 };
	int ep, p[2];
	long long t0;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN, 0));
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(epoll_wait(ep, &ev, 1, 0) == 0, "timeout 0");
	REQUIRE_ELAPSED(t0, 0, SLACK_MS, "epoll_wait(0)");
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(epoll_wait(ep, &ev, 1, 200) == 0, "timeout 200");
	REQUIRE_ELAPSED(t0, 200, 200 + SLACK_MS, "epoll_wait(200)");
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(epoll_pwait(ep, &ev, 1, 100, NULL) == 0, "pwait timeout");
	REQUIRE_ELAPSED(t0, 100, 100 + SLACK_MS, "epoll_pwait(100)");
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(raw_epoll_pwait2(ep, &ev, 1, &ts, NULL) == 0, "pwait2 timeout");
	REQUIRE_ELAPSED(t0, 150, 150 + SLACK_MS, "epoll_pwait2(150 ms)");
	/* A tiny timeout is not "forever". */
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(raw_epoll_pwait2(ep, &ev, 1, &tiny, NULL) == 0, "pwait2 1 ns");
	REQUIRE_ELAPSED(t0, 0, SLACK_MS, "epoll_pwait2(1 ns)");
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(epoll_wait(ep, &ev, 1, 1) == 0, "timeout 1 ms");
	REQUIRE_ELAPSED(t0, 1, SLACK_MS, "epoll_wait(1)");
	/* Ready before the timeout: at once. */
	REQUIRE(write(p[1], "x", 1) == 1, "write");
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(epoll_wait(ep, &ev, 1, 5000) == 1, "ready");
	REQUIRE_ELAPSED(t0, 0, SLACK_MS, "epoll_wait with a ready fd");
	REQUIRE(raw_epoll_pwait2(ep, &ev, 1, NULL, NULL) == 1, "pwait2 NULL timeout");
}

static void wait_errors(void)
{
	struct epoll_event ev[2];
	int ep, p[2];
	void *none;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_ERR(epoll_wait(-1, ev, 1, 0), EBADF);
	REQUIRE_ERR(epoll_wait(1000, ev, 1, 0), EBADF);
	REQUIRE_ERR(epoll_wait(p[0], ev, 1, 0), EINVAL);
	REQUIRE_ERR(epoll_wait(ep, ev, 0, 0), EINVAL);
	REQUIRE_ERR(epoll_wait(ep, ev, -1, 0), EINVAL);
	REQUIRE_ERR(epoll_wait(ep, ev, INT32_MAX / 12 + 1, 0), EINVAL);
	/* maxevents is checked before the fd. */
	REQUIRE_ERR(epoll_wait(-1, ev, 0, 0), EINVAL);
	/* An events array outside user space: EFAULT before anything. */
	REQUIRE_ERR(epoll_wait(ep, (void *)0xffff800000000000ull, 1, 0), EFAULT);
	REQUIRE_OK(ep_add(ep, p[1], EPOLLOUT, 0));
	REQUIRE_ERR(epoll_wait(ep, BADPTR, 1, 0), EFAULT);
	none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	REQUIRE(none != MAP_FAILED, "mmap");
	REQUIRE_ERR(epoll_wait(ep, none, 1, 0), EFAULT);
	REQUIRE_ERR(epoll_pwait(ep, ev, 1, 0, BADPTR), EFAULT);
}

static void wait_errors2(void)
{
	struct epoll_event ev[2];
	struct timespec bad = { 0, 1000000000L }, neg = { -1, 0 };
	sigset_t s;
	int ep;

	sigemptyset(&s);
	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_ERR(syscall(SYS_epoll_pwait, ep, ev, 1, 0, &s, 4), EINVAL);
	REQUIRE_ERR(syscall(SYS_epoll_pwait2, ep, ev, 1, NULL, &s, 16), EINVAL);
	REQUIRE_ERR(raw_epoll_pwait2(ep, ev, 1, &bad, NULL), EINVAL);
	REQUIRE_ERR(raw_epoll_pwait2(ep, ev, 1, &neg, NULL), EINVAL);
	REQUIRE_ERR(raw_epoll_pwait2(ep, ev, 1, BADPTR, NULL), EFAULT);
	REQUIRE(syscall(SYS_epoll_pwait, ep, ev, 1, 0, NULL, 8) == 0, "pwait NULL mask");
}

static void edge_triggered(void)
{
	struct epoll_event ev;
	char buf[4096];
	int ep, epo, p[2];

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(epo = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN | EPOLLET, 1));
	REQUIRE_OK(ep_add(epo, p[1], EPOLLOUT | EPOLLET, 2));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "empty pipe");
	REQUIRE(write(p[1], "ab", 2) == 2, "write");
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 1 && ev.events == EPOLLIN,
		"ET IN: %#x", ev.events);
	REQUIRE(ep_one(ep, &ev, 0) == 0, "ET IN reported twice");
	/* Data still unread, but no new event: nothing. */
	REQUIRE(read(p[0], buf, 1) == 1, "read");
	REQUIRE(ep_one(ep, &ev, 0) == 0, "a read is not a new IN event");
	/* A new write is a new event. */
	REQUIRE(write(p[1], "c", 1) == 1, "write");
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.events == EPOLLIN, "ET after a new write");
	REQUIRE(ep_one(ep, &ev, 0) == 0, "once");
	/* OUT: once, then again only when a full pipe gets room. */
	REQUIRE(ep_one(epo, &ev, 0) == 1 && ev.events == EPOLLOUT, "ET OUT first");
	REQUIRE(ep_one(epo, &ev, 0) == 0, "ET OUT reported twice");
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while (write(p[1], buf, sizeof buf) > 0)
		;
	REQUIRE(errno == EAGAIN, "filling the pipe: %s", errname(errno));
	REQUIRE(ep_one(epo, &ev, 0) == 0, "full pipe is not writable");
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	while (read(p[0], buf, sizeof buf) > 0)
		;
	REQUIRE(ep_one(epo, &ev, 1000) == 1 && ev.events == EPOLLOUT, "room again: %#x",
		ev.events);
	REQUIRE(ep_one(epo, &ev, 0) == 0, "ET OUT once more");
}

static void oneshot(void)
{
	struct epoll_event ev;
	int ep, p[2];

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN | EPOLLONESHOT, 3));
	REQUIRE(write(p[1], "x", 1) == 1, "write");
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.events == EPOLLIN, "first");
	REQUIRE(ep_one(ep, &ev, 0) == 0, "disarmed");
	REQUIRE(write(p[1], "y", 1) == 1, "write");
	REQUIRE(ep_one(ep, &ev, 0) == 0, "disarmed despite a new event");
	REQUIRE_ERR(ep_add(ep, p[0], EPOLLIN, 0), EEXIST);
	REQUIRE_OK(ep_mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 4));
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 4, "re-armed by MOD");
	REQUIRE(ep_one(ep, &ev, 0) == 0, "disarmed again");
}

static void hup_err(void)
{
	struct epoll_event ev;
	int ep, p[2], q[2];

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(pipe(q));
	/* EPOLLHUP and EPOLLERR are reported without being asked for. */
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN, 1));
	REQUIRE_OK(ep_add(ep, q[1], 0, 2));
	close(p[1]);
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 1 && ev.events == EPOLLHUP,
		"writer closed: %#x", ev.events);
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	close(q[0]);
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 2 && ev.events == EPOLLERR,
		"reader closed: %#x", ev.events);
	REQUIRE_OK(ep_mod(ep, q[1], EPOLLOUT, 3));
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.events == (EPOLLOUT | EPOLLERR),
		"reader closed, OUT: %#x", ev.events);
}

static void rdhup_tcp(void)
{
	struct epoll_event ev;
	int ep, c, s;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(tcp_pair(&c, &s));
	REQUIRE_OK(ep_add(ep, s, EPOLLIN | EPOLLRDHUP, 1));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "idle connection");
	REQUIRE_OK(shutdown(c, SHUT_WR));
	REQUIRE(ep_one(ep, &ev, 5000) == 1, "no event after the peer's FIN");
	REQUIRE(ev.events == (EPOLLIN | EPOLLRDHUP), "FIN: %#x", ev.events);
	REQUIRE_OK(ep_add(ep, c, EPOLLOUT | EPOLLRDHUP, 2));
	close(s);
	/* The peer is gone entirely: HUP (and RDHUP) on the other end. */
	for (int i = 0; i < 50; i++) {
		struct epoll_event evs[2];
		int n = epoll_wait(ep, evs, 2, 100);
		for (int j = 0; j < n; j++)
			if (evs[j].data.u64 == 2 && (evs[j].events & EPOLLHUP)) {
				REQUIRE(evs[j].events & EPOLLRDHUP, "HUP without RDHUP: %#x",
					evs[j].events);
				return;
			}
	}
	check_fail("no EPOLLHUP after close of the peer");
}

static void pri_tcp_oob(void)
{
	struct epoll_event ev;
	int ep, c, s;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(tcp_pair(&c, &s));
	REQUIRE_OK(ep_add(ep, s, EPOLLPRI, 1));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "idle");
	REQUIRE(send(c, "u", 1, MSG_OOB) == 1, "send MSG_OOB");
	REQUIRE(ep_one(ep, &ev, 5000) == 1 && (ev.events & EPOLLPRI), "urgent data: %#x",
		ev.events);
}

static void maxevents_cap(void)
{
	struct epoll_event evs[8];
	int ep, p[5][2], n, seen = 0;

	REQUIRE_OK(ep = epoll_create1(0));
	for (int i = 0; i < 5; i++) {
		REQUIRE_OK(pipe(p[i]));
		REQUIRE_OK(ep_add(ep, p[i][0], EPOLLIN | EPOLLET, (uint64_t)i));
		if (i < 3)
			REQUIRE(write(p[i][1], "x", 1) == 1, "write");
	}
	memset(evs, 0xff, sizeof evs);
	REQUIRE((n = epoll_wait(ep, evs, 2, 0)) == 2, "maxevents 2 gave %d", n);
	REQUIRE(evs[2].events == 0xffffffffu, "wrote past maxevents");
	for (int i = 0; i < n; i++)
		seen |= 1 << evs[i].data.u64;
	REQUIRE((n = epoll_wait(ep, evs, 8, 0)) == 1, "the rest: %d", n);
	seen |= 1 << evs[0].data.u64;
	REQUIRE(seen == 7, "reported set %#x, want 0x7", seen);
	REQUIRE(epoll_wait(ep, evs, 8, 0) == 0, "ET: all consumed");
}

/* maxevents 1 over ten ready fds: each is reported once in ten waits. */
static void round_robin(void)
{
	struct epoll_event ev;
	int ep, p[10][2], seen = 0;

	REQUIRE_OK(ep = epoll_create1(0));
	for (int i = 0; i < 10; i++) {
		REQUIRE_OK(pipe(p[i]));
		REQUIRE_OK(ep_add(ep, p[i][0], EPOLLIN, (uint64_t)i));
		REQUIRE(write(p[i][1], "x", 1) == 1, "write");
	}
	for (int round = 0; round < 3; round++) {
		seen = 0;
		for (int i = 0; i < 10; i++) {
			REQUIRE(ep_one(ep, &ev, 0) == 1, "wait");
			REQUIRE(!(seen & (1 << ev.data.u64)), "fd %llu twice in round %d",
				(unsigned long long)ev.data.u64, round);
			seen |= 1 << ev.data.u64;
		}
		REQUIRE(seen == 0x3ff, "round %d saw %#x", round, seen);
	}
}

/* Children block in epoll_wait on their own instances; returns pids. */
static void spawn_waiters(int n, int efd, uint32_t events, pid_t *kids, int report)
{
	for (int i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			struct epoll_event ev;
			int ep = epoll_create1(0);

			if (ep < 0 || ep_add(ep, efd, events, 0) < 0)
				_exit(3);
			if (epoll_wait(ep, &ev, 1, -1) != 1)
				_exit(4);
			if (write(report, "w", 1) != 1)
				_exit(5);
			_exit(0);
		}
	}
}

static int count_bytes(int fd, int ms)
{
	char buf[64];
	int total = 0;
	struct pollfd pf = { fd, POLLIN, 0 };

	while (poll(&pf, 1, ms) == 1) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n <= 0)
			break;
		total += (int)n;
		ms = 300;
	}
	return total;
}

static void wake_all_instances(void)
{
	pid_t kids[3];
	int efd, r[2], woke;
	uint64_t one = 1;

	REQUIRE_OK(efd = eventfd(0, 0));
	REQUIRE_OK(pipe(r));
	spawn_waiters(3, efd, EPOLLIN, kids, r[1]);
	for (int i = 0; i < 3; i++)
		REQUIRE(wait_until_asleep(kids[i]), "waiter %d not asleep", i);
	REQUIRE(write(efd, &one, 8) == 8, "eventfd write");
	woke = count_bytes(r[0], 5000);
	for (int i = 0; i < 3; i++)
		REQUIRE(wait_status(kids[i]) == 0, "waiter %d", i);
	REQUIRE(woke == 3, "%d of 3 instances woke", woke);
}

static void exclusive_wakes_one(void)
{
	pid_t kids[4];
	int efd, r[2], woke, done = 0;
	uint64_t one = 1;

	REQUIRE_OK(efd = eventfd(0, 0));
	REQUIRE_OK(pipe(r));
	spawn_waiters(4, efd, EPOLLIN | EPOLLEXCLUSIVE, kids, r[1]);
	for (int i = 0; i < 4; i++)
		REQUIRE(wait_until_asleep(kids[i]), "waiter %d not asleep", i);
	REQUIRE(write(efd, &one, 8) == 8, "eventfd write");
	woke = count_bytes(r[0], 5000);
	for (int i = 0; i < 4; i++) {
		int st;
		if (waitpid(kids[i], &st, WNOHANG) == kids[i])
			done++;
		else
			kill(kids[i], SIGKILL);
	}
	for (int i = 0; i < 4; i++)
		waitpid(kids[i], NULL, 0);
	REQUIRE(woke == 1, "%d of 4 exclusive waiters woke", woke);
	REQUIRE(done <= 1, "%d waiters exited", done);
}

static void eintr(void)
{
	struct epoll_event ev;
	int ep, p[2];
	pid_t h;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN, 0));
	/* epoll_wait is never restarted, even with SA_RESTART (signal(7)). */
	catch_signal(SIGUSR1, SA_RESTART);
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(epoll_wait(ep, &ev, 1, 10000), EINTR);
	REQUIRE(caught == SIGUSR1, "handler did not run");
	REQUIRE(wait_status(h) == 0, "helper");
}

static void pwait_sigmask(void)
{
	struct epoll_event ev;
	struct timespec ts = { 0, 300 * 1000000L };
	sigset_t mask, cur;
	int ep, p[2];
	pid_t h;
	long long t0;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(ep, p[0], EPOLLIN, 0));
	catch_signal(SIGUSR1, 0);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	/* SIGUSR1 blocked during the wait: it waits the full time. */
	h = signal_when_asleep(getpid(), SIGUSR1);
	t0 = now_ns(CLOCK_MONOTONIC);
	REQUIRE(epoll_pwait(ep, &ev, 1, 1500, &mask) == 0, "pwait with a blocked signal");
	REQUIRE_ELAPSED(t0, 1500, 1500 + SLACK_MS, "epoll_pwait through a blocked signal");
	REQUIRE(wait_status(h) == 0, "helper");
	/* The old mask is back: the pending signal is delivered now. */
	REQUIRE(caught == SIGUSR1, "signal not delivered after the wait");
	caught = 0;
	/* The same for epoll_pwait2. */
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE(raw_epoll_pwait2(ep, &ev, 1, &ts, &mask) == 0, "pwait2 with a blocked signal");
	REQUIRE(wait_status(h) == 0, "helper");
	REQUIRE(caught == SIGUSR1, "signal not delivered after pwait2");
	caught = 0;
	/* Blocked outside, unblocked by the wait's mask: EINTR. */
	block_signal(SIGUSR1);
	sigemptyset(&mask);
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(epoll_pwait(ep, &ev, 1, 10000, &mask), EINTR);
	REQUIRE(caught == SIGUSR1, "handler did not run");
	REQUIRE(wait_status(h) == 0, "helper");
	sigprocmask(SIG_SETMASK, NULL, &cur);
	REQUIRE(sigismember(&cur, SIGUSR1), "mask not restored");
	caught = 0;
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(raw_epoll_pwait2(ep, &ev, 1, NULL, &mask), EINTR);
	REQUIRE(caught == SIGUSR1, "pwait2 handler did not run");
	REQUIRE(wait_status(h) == 0, "helper");
}

static void pwait_count(void)
{
	struct epoll_event evs[4];
	int ep, p[3][2];

	REQUIRE_OK(ep = epoll_create1(0));
	for (int i = 0; i < 3; i++) {
		REQUIRE_OK(pipe(p[i]));
		REQUIRE_OK(ep_add(ep, p[i][1], EPOLLOUT, (uint64_t)i));
	}
	REQUIRE(epoll_pwait(ep, evs, 4, -1, NULL) == 3, "epoll_pwait count");
	REQUIRE(raw_epoll_pwait2(ep, evs, 4, NULL, NULL) == 3, "epoll_pwait2 count");
}

/* An item belongs to the open file description, not to the fd. */
static void dup_and_close(void)
{
	struct epoll_event ev;
	int ep, efd, dupfd, again;
	uint64_t one = 1;

	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(efd = eventfd(0, 0));
	REQUIRE_OK(ep_add(ep, efd, EPOLLIN, 77));
	REQUIRE_OK(dupfd = dup(efd));
	REQUIRE_OK(close(efd));
	REQUIRE(write(dupfd, &one, 8) == 8, "write");
	/* The fd is closed but the description lives: still reported. */
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 77, "item lost with the fd");
	/* The pitfall of epoll(7): the item is (file, old fd), so the dup
	 * does not name it. */
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, dupfd, NULL), ENOENT);
	REQUIRE_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), EBADF);
	REQUIRE_OK(ep_add(ep, dupfd, EPOLLIN, 78));
	REQUIRE(epoll_wait(ep, (struct epoll_event[2]){}, 2, 0) == 2, "two items, one file");
	/* The last close removes both items. */
	REQUIRE_OK(close(dupfd));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "items outlived the last close");
	/* A new file on the same fd number is a new item. */
	REQUIRE_OK(again = eventfd(1, 0));
	REQUIRE(again == efd, "fd reuse: got %d want %d", again, efd);
	REQUIRE_OK(ep_add(ep, again, EPOLLIN, 79));
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 79, "new item");
}

/* Closing the instance, and closing a watched instance. */
static void close_instances(void)
{
	struct epoll_event ev;
	int a, b, p[2];

	REQUIRE_OK(a = epoll_create1(0));
	REQUIRE_OK(b = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(ep_add(b, p[0], EPOLLIN, 1));
	REQUIRE_OK(ep_add(a, b, EPOLLIN, 2));
	REQUIRE(write(p[1], "x", 1) == 1, "write");
	REQUIRE(ep_one(a, &ev, 0) == 1 && ev.data.u64 == 2, "outer sees inner");
	REQUIRE_OK(close(b));
	REQUIRE(ep_one(a, &ev, 0) == 0, "closed inner still reported");
	REQUIRE_OK(close(a));
	/* The pipe is unaffected by the instances that watched it. */
	REQUIRE(write(p[1], "y", 1) == 1, "write after the instances closed");
}

/* ADD works on every pollable kind of file, and reports its readiness. */
static void all_file_kinds(void)
{
	struct epoll_event ev;
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct itimerspec its = { { 0, 0 }, { 0, 1000000 } };
	sigset_t ss;
	int ep, fd, sv[2], c, s, fifo_r, fifo_w, u1, u2;
	uint64_t one = 1;

	REQUIRE_OK(ep = epoll_create1(0));
	/* AF_UNIX stream and datagram */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_OK(ep_add(ep, sv[0], EPOLLIN, 1));
	REQUIRE(write(sv[1], "x", 1) == 1, "unix write");
	REQUIRE(ep_one(ep, &ev, 1000) == 1 && ev.data.u64 == 1, "AF_UNIX stream");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, sv[0], NULL));
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	REQUIRE_OK(ep_add(ep, sv[0], EPOLLIN, 2));
	REQUIRE(write(sv[1], "x", 1) == 1, "unix dgram write");
	REQUIRE(ep_one(ep, &ev, 1000) == 1 && ev.data.u64 == 2, "AF_UNIX dgram");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, sv[0], NULL));
	/* TCP */
	REQUIRE_OK(tcp_pair(&c, &s));
	REQUIRE_OK(ep_add(ep, s, EPOLLIN, 3));
	REQUIRE(write(c, "x", 1) == 1, "tcp write");
	REQUIRE(ep_one(ep, &ev, 2000) == 1 && ev.data.u64 == 3, "TCP");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL));
	/* UDP */
	lo_up();
	REQUIRE_OK(u1 = socket(AF_INET, SOCK_DGRAM, 0));
	REQUIRE_OK(u2 = socket(AF_INET, SOCK_DGRAM, 0));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	REQUIRE_OK(bind(u1, (struct sockaddr *)&a, sizeof a));
	socklen_t al = sizeof a;
	REQUIRE_OK(getsockname(u1, (struct sockaddr *)&a, &al));
	REQUIRE_OK(ep_add(ep, u1, EPOLLIN, 4));
	REQUIRE(sendto(u2, "x", 1, 0, (struct sockaddr *)&a, sizeof a) == 1, "udp send");
	REQUIRE(ep_one(ep, &ev, 2000) == 1 && ev.data.u64 == 4, "UDP");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, u1, NULL));
	/* raw and packet sockets: writable */
	REQUIRE_OK(fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	REQUIRE_OK(ep_add(ep, fd, EPOLLOUT, 5));
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 5, "raw socket");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
	REQUIRE_OK(fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL)));
	REQUIRE_OK(ep_add(ep, fd, EPOLLOUT, 6));
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 6, "packet socket");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
	/* FIFO */
	unlink("/tmp/epoll-fifo");
	REQUIRE_OK(mkfifo("/tmp/epoll-fifo", 0600));
	REQUIRE_OK(fifo_r = open("/tmp/epoll-fifo", O_RDONLY | O_NONBLOCK));
	REQUIRE_OK(fifo_w = open("/tmp/epoll-fifo", O_WRONLY));
	REQUIRE_OK(ep_add(ep, fifo_r, EPOLLIN, 7));
	REQUIRE(write(fifo_w, "x", 1) == 1, "fifo write");
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 7, "FIFO");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, fifo_r, NULL));
	unlink("/tmp/epoll-fifo");
	/* eventfd, timerfd, signalfd */
	REQUIRE_OK(fd = eventfd(0, 0));
	REQUIRE_OK(ep_add(ep, fd, EPOLLIN, 8));
	REQUIRE(write(fd, &one, 8) == 8, "eventfd write");
	REQUIRE(ep_one(ep, &ev, 0) == 1 && ev.data.u64 == 8, "eventfd");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
	REQUIRE_OK(fd = timerfd_create(CLOCK_MONOTONIC, 0));
	REQUIRE_OK(ep_add(ep, fd, EPOLLIN, 9));
	REQUIRE_OK(timerfd_settime(fd, 0, &its, NULL));
	REQUIRE(ep_one(ep, &ev, 2000) == 1 && ev.data.u64 == 9, "timerfd");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
	sigemptyset(&ss);
	sigaddset(&ss, SIGUSR2);
	sigprocmask(SIG_BLOCK, &ss, NULL);
	REQUIRE_OK(fd = signalfd(-1, &ss, 0));
	REQUIRE_OK(ep_add(ep, fd, EPOLLIN, 10));
	REQUIRE(ep_one(ep, &ev, 0) == 0, "signalfd with nothing pending");
	REQUIRE_OK(kill(getpid(), SIGUSR2));
	REQUIRE(ep_one(ep, &ev, 1000) == 1 && ev.data.u64 == 10, "signalfd");
	REQUIRE_OK(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
	/* a terminal */
	fd = open("/dev/console", O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		fd = open("/dev/tty0", O_RDWR | O_NOCTTY | O_NONBLOCK);
	REQUIRE(fd >= 0, "open a terminal: %s", errname(errno));
	REQUIRE(isatty(fd), "not a tty");
	REQUIRE_OK(ep_add(ep, fd, EPOLLOUT, 11));
	REQUIRE(ep_one(ep, &ev, 1000) == 1 && ev.data.u64 == 11 && (ev.events & EPOLLOUT),
		"tty writable");
}

/* struct epoll_event is 12 bytes with data at offset 4 on x86_64. */
static void packed_layout(void)
{
	unsigned char buf[3 * 12 + 4];
	int ep, p[2], q[2];
	uint32_t e;
	uint64_t d;

	REQUIRE(sizeof(struct epoll_event) == 12, "sizeof %zu", sizeof(struct epoll_event));
	REQUIRE_OK(ep = epoll_create1(0));
	REQUIRE_OK(pipe(p));
	REQUIRE_OK(pipe(q));
	REQUIRE_OK(ep_add(ep, p[1], EPOLLOUT, 0x1111111111111111ull));
	REQUIRE_OK(ep_add(ep, q[1], EPOLLOUT, 0x2222222222222222ull));
	memset(buf, 0xab, sizeof buf);
	REQUIRE(syscall(SYS_epoll_wait, ep, buf, 3, 0) == 2, "two events");
	for (int i = 0; i < 2; i++) {
		memcpy(&e, buf + 12 * i, 4);
		memcpy(&d, buf + 12 * i + 4, 8);
		REQUIRE(e == EPOLLOUT, "event %d: %#x", i, e);
		REQUIRE(d == 0x1111111111111111ull || d == 0x2222222222222222ull,
			"data %d: %#llx", i, (unsigned long long)d);
	}
	for (unsigned i = 24; i < sizeof buf; i++)
		REQUIRE(buf[i] == 0xab, "byte %u past the events written", i);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(create_basic),
		CHECK(create1_flags),
		CHECK(create_emfile),
		CHECK(ctl_add_mod_del),
		CHECK(ctl_errors),
		CHECK(ctl_mod_combinations),
		CHECK(nesting_depth),
		CHECK(nesting_loops),
		CHECK(nested_wakeup),
		CHECK(wait_in_out_data),
		CHECK(wait_timeouts),
		CHECK(wait_errors),
		CHECK(wait_errors2),
		CHECK(edge_triggered),
		CHECK(oneshot),
		CHECK(hup_err),
		CHECK(rdhup_tcp),
		CHECK(pri_tcp_oob),
		CHECK(maxevents_cap),
		CHECK(round_robin),
		CHECK(wake_all_instances),
		CHECK(exclusive_wakes_one),
		CHECK(eintr),
		CHECK(pwait_sigmask),
		CHECK(pwait_count),
		CHECK(dup_and_close),
		CHECK(close_instances),
		CHECK(all_file_kinds),
		CHECK(packed_layout),
	};

	return run_checks("epoll", checks, NCHECKS(checks));
}
