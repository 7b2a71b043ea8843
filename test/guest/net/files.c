/*
 * files.c - sockets as files: dup/dup2/dup3 and fork share one socket,
 * closing one descriptor keeps the connection, close-on-exec through a
 * real exec, O_NONBLOCK and FIONBIO, poll and select readiness in every
 * state of a TCP and UDP socket, read/write, lseek, ioctls a socket does
 * not know, and SIGPIPE's default action.  Expectations are Linux's
 * (poll(2), select(2), socket(7), tcp(7)), as observed.
 */
#include "netcheck.h"

#include <sys/select.h>

/* Every event a socket can report, asked for at once. */
#define ALL_EVENTS (POLLIN | POLLPRI | POLLOUT | POLLRDNORM | POLLRDBAND | \
		    POLLWRNORM | POLLWRBAND | POLLRDHUP)

static volatile sig_atomic_t hits;

static void count(int sig)
{
	(void)sig;
	hits++;
}

static ino_t ino_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) < 0 ? 0 : st.st_ino;
}

static void dup_shares(void)
{
	char buf[16];
	int c, s, d;

	if (tcp_pair(&c, &s) < 0)
		return;
	d = dup(c);
	REQUIRE(d >= 0 && ino_of(d) == ino_of(c) && ino_of(c) != 0,
		"dup is another socket");
	REQUIRE(write(d, "via dup", 7) == 7, "write on the dup");
	REQUIRE(read(s, buf, sizeof buf) == 7, "peer read");
	/* One open file: the flags are shared. */
	REQUIRE_OK(fcntl(d, F_SETFL, O_NONBLOCK));
	REQUIRE(fcntl(c, F_GETFL) & O_NONBLOCK, "O_NONBLOCK not shared");
	REQUIRE_ERR(read(c, buf, sizeof buf), EAGAIN);
	/* Closing one descriptor keeps the connection. */
	REQUIRE_OK(close(c));
	REQUIRE(write(d, "still", 5) == 5, "write after closing the other");
	REQUIRE(read_full(s, buf, 5) == 5 && !memcmp(buf, "still", 5),
		"peer saw EOF before the data");
	REQUIRE(write(s, "back", 4) == 4 && poll_one(d, POLLIN, 5000) ==
		POLLIN && read(d, buf, sizeof buf) == 4, "read on the dup");
	REQUIRE_OK(close(d));
	REQUIRE(read(s, buf, sizeof buf) == 0, "no EOF after the last close");
}

static void dup2_dup3(void)
{
	struct sockaddr_in a, b;
	socklen_t len;
	int c, s;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(dup2(c, 100) == 100, "dup2: %s", errname(errno));
	REQUIRE(dup3(c, 101, O_CLOEXEC) == 101, "dup3: %s", errname(errno));
	REQUIRE(fcntl(100, F_GETFD) == 0 && fcntl(101, F_GETFD) == FD_CLOEXEC,
		"FD_CLOEXEC %d %d", fcntl(100, F_GETFD), fcntl(101, F_GETFD));
	len = sizeof a;
	REQUIRE_OK(getsockname(c, SA(&a), &len));
	len = sizeof b;
	REQUIRE_OK(getpeername(101, SA(&b), &len));
	REQUIRE(port_of(100) == ntohs(a.sin_port) && b.sin_port ==
		htons(port_of(s)), "names differ through the copies");
	/* dup2 over a socket closes that one (its peer sees EOF). */
	REQUIRE(dup2(s, 100) == 100, "dup2 over a socket");
	close(c);
	close(101);
	REQUIRE(read(s, &len, 1) == 0, "the replaced socket stayed open");
}

static void fork_shares(void)
{
	char buf[32];
	int c, s, st;
	pid_t pid;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(write(s, "to-either", 9) == 9, "write");
	pid = fork();
	if (pid == 0) {
		/* The child reads what was sent to the shared socket. */
		if (read_full(c, buf, 9) != 9 || memcmp(buf, "to-either", 9))
			_exit(1);
		_exit(write(c, "child-", 6) == 6 ? 0 : 2);
	}
	st = wait_status(pid);
	REQUIRE(st == 0, "child status %#x", st);
	/* The child's exit closed its descriptor only. */
	REQUIRE(write(c, "parent", 6) == 6, "parent write");
	REQUIRE(read_full(s, buf, 12) == 12 && !memcmp(buf, "child-parent", 12),
		"peer read %.12s", buf);
	close(c);
	REQUIRE(read(s, buf, sizeof buf) == 0, "no EOF after the last close");
}

/* Runs /bin/sh -c script with stdout into a pipe; its output in out. */
static int run_sh(const char *script, char *out, size_t len)
{
	int p[2], st;
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execl("/bin/sh", "sh", "-c", script, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	n = read_full(p[0], out, len - 1);
	close(p[0]);
	out[n < 0 ? 0 : n] = 0;
	st = wait_status(pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void cloexec_exec(void)
{
	char script[256], out[128], want[64], buf[8];
	int c, s, a, b, r;

	if (tcp_pair(&c, &s) < 0)
		return;
	a = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	b = socket(AF_INET, SOCK_DGRAM, 0);
	REQUIRE(a >= 0 && b >= 0, "socket");
	/* The program after exec sees the inherited sockets only, and can
	 * use them. */
	snprintf(script, sizeof script, "readlink /proc/$$/fd/%d; "
		 "[ -e /proc/$$/fd/%d ] && echo leaked; echo hi >&%d", b, a, c);
	r = run_sh(script, out, sizeof out);
	snprintf(want, sizeof want, "socket:[%llu]\n",
		 (unsigned long long)ino_of(b));
	REQUIRE(r == 0 && !strcmp(out, want), "sh status %d, output '%s', want "
		"'%s'", r, out, want);
	REQUIRE(read_full(s, buf, 3) == 3 && !memcmp(buf, "hi\n", 3),
		"the shell's write did not arrive");
	/* FD_CLOEXEC set and cleared by fcntl. */
	REQUIRE_OK(fcntl(b, F_SETFD, FD_CLOEXEC));
	REQUIRE_OK(fcntl(a, F_SETFD, 0));
	snprintf(script, sizeof script, "[ -e /proc/$$/fd/%d ] && echo b; "
		 "[ -e /proc/$$/fd/%d ] && echo a; exit 0", b, a);
	r = run_sh(script, out, sizeof out);
	REQUIRE(r == 0 && !strcmp(out, "a\n"), "after fcntl: '%s'", out);
	/* accept4(SOCK_CLOEXEC). */
	{
		int l = tcp_listener(1), x;

		REQUIRE(l >= 0 && tcp_connect(port_of(l)) >= 0, "connect");
		x = accept4(l, NULL, NULL, SOCK_CLOEXEC);
		REQUIRE(x >= 0, "accept4");
		snprintf(script, sizeof script, "[ -e /proc/$$/fd/%d ] && "
			 "echo x; exit 0", x);
		REQUIRE(run_sh(script, out, sizeof out) == 0 && out[0] == 0,
			"accept4(SOCK_CLOEXEC) socket survived exec");
	}
}

static void nonblock_fionbio(void)
{
	char b;
	int c, s, v;
	pid_t h;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE(fcntl(s, F_GETFL) == O_RDWR, "F_GETFL %#x", fcntl(s, F_GETFL));
	REQUIRE_OK(fcntl(s, F_SETFL, O_NONBLOCK));
	REQUIRE(fcntl(s, F_GETFL) == (O_RDWR | O_NONBLOCK), "F_GETFL %#x",
		fcntl(s, F_GETFL));
	REQUIRE_ERR(read(s, &b, 1), EAGAIN);
	REQUIRE_ERR(recv(s, &b, 1, 0), EAGAIN);
	REQUIRE_OK(fcntl(s, F_SETFL, 0));
	/* Blocking again: the read sleeps until a signal ends it. */
	set_handler(SIGUSR1, count, 0);
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(read(s, &b, 1), EINTR);
	REQUIRE(wait_status(h) == 0, "helper");
	/* FIONBIO: the same flag. */
	v = 1;
	REQUIRE_OK(ioctl(s, FIONBIO, &v));
	REQUIRE(fcntl(s, F_GETFL) & O_NONBLOCK, "FIONBIO 1 did not set it");
	REQUIRE_ERR(read(s, &b, 1), EAGAIN);
	v = 0;
	REQUIRE_OK(ioctl(s, FIONBIO, &v));
	REQUIRE(!(fcntl(s, F_GETFL) & O_NONBLOCK), "FIONBIO 0 kept it");
	REQUIRE_ERR(ioctl(s, FIONBIO, BADPTR), EFAULT);
	/* A non-blocking listener; accept's socket does not inherit it. */
	{
		int l = tcp_listener(1);

		REQUIRE(l >= 0, "listener");
		v = 1;
		REQUIRE_OK(ioctl(l, FIONBIO, &v));
		REQUIRE_ERR(accept(l, NULL, NULL), EAGAIN);
	}
}

static void poll_listener(void)
{
	fd_set r, w;
	struct timeval tv = { 0, 0 };
	int l, c, a, rv;

	if ((l = tcp_listener(4)) < 0)
		return;
	/* A listener is never writable; readable with a connection queued. */
	rv = poll_one(l, ALL_EVENTS, 0);
	REQUIRE(rv == 0, "idle listener revents %#x", rv);
	if ((c = tcp_connect(port_of(l))) < 0)
		return;
	rv = poll_one(l, ALL_EVENTS, 5000);
	REQUIRE(rv == (POLLIN | POLLRDNORM), "listener revents %#x", rv);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(l, &r);
	FD_SET(l, &w);
	REQUIRE(select(l + 1, &r, &w, NULL, &tv) == 1 && FD_ISSET(l, &r) &&
		!FD_ISSET(l, &w), "select on the listener");
	a = accept(l, NULL, NULL);
	REQUIRE(a >= 0, "accept");
	rv = poll_one(l, ALL_EVENTS, 0);
	REQUIRE(rv == 0, "after accept revents %#x", rv);
}

/* The readiness of a TCP socket through its life. */
static void poll_tcp_states(void)
{
	int t, c, s, rv;

	/* Never connected: Linux reports it writable and hung up. */
	t = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(t >= 0, "socket");
	rv = poll_one(t, ALL_EVENTS, 0);
	REQUIRE(rv == (POLLOUT | POLLWRNORM | POLLHUP), "fresh TCP revents "
		"%#x", rv);
	if (tcp_pair(&c, &s) < 0)
		return;
	rv = poll_one(c, ALL_EVENTS, 0);
	REQUIRE(rv == (POLLOUT | POLLWRNORM), "connected revents %#x", rv);
	REQUIRE(write(s, "d", 1) == 1, "write");
	rv = poll_one(c, ALL_EVENTS, 5000);
	REQUIRE(rv == (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM),
		"with data revents %#x", rv);
	/* Urgent data adds POLLPRI. */
	REQUIRE(send(s, "u", 1, MSG_OOB) == 1, "send MSG_OOB");
	REQUIRE(poll_one(c, POLLPRI, 5000) == POLLPRI, "no POLLPRI");
	REQUIRE(recv(c, &rv, 1, MSG_OOB) == 1, "recv MSG_OOB");
	/* The peer's FIN: readable (EOF) and POLLRDHUP. */
	REQUIRE_OK(shutdown(s, SHUT_WR));
	rv = poll_one(c, ALL_EVENTS, 5000);
	REQUIRE(rv == (POLLIN | POLLRDNORM | POLLRDHUP | POLLOUT | POLLWRNORM),
		"after the peer's FIN revents %#x", rv);
	/* Both directions closed: POLLHUP. */
	REQUIRE_OK(shutdown(c, SHUT_WR));
	rv = poll_one(c, ALL_EVENTS, 0);
	REQUIRE(rv == (POLLIN | POLLRDNORM | POLLRDHUP | POLLOUT | POLLWRNORM |
		POLLHUP), "after both FINs revents %#x", rv);
}

/* A reset: POLLERR with everything else, until the error is read. */
static void poll_tcp_reset(void)
{
	struct linger lg = { 1, 0 };
	int c, s, rv;

	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
	REQUIRE_OK(close(s));
	rv = poll_one(c, ALL_EVENTS, 5000);
	REQUIRE(rv == (POLLIN | POLLRDNORM | POLLRDHUP | POLLOUT | POLLWRNORM |
		POLLERR | POLLHUP), "after a reset revents %#x", rv);
	/* POLLERR and POLLHUP come even when not asked for. */
	rv = poll_one(c, 0, 0);
	REQUIRE(rv == (POLLERR | POLLHUP), "events 0: revents %#x", rv);
	REQUIRE_ERR(read(c, &rv, 1), ECONNRESET);
	rv = poll_one(c, ALL_EVENTS, 0);
	REQUIRE(rv == (POLLIN | POLLRDNORM | POLLRDHUP | POLLOUT | POLLWRNORM |
		POLLHUP), "after reading the error revents %#x", rv);
}

static void poll_udp(void)
{
	struct sockaddr_in to;
	int a, b, rv;

	if ((a = udp_socket()) < 0 || (b = udp_socket()) < 0)
		return;
	rv = poll_one(a, ALL_EVENTS, 0);
	REQUIRE(rv == (POLLOUT | POLLWRNORM | POLLWRBAND), "idle UDP revents "
		"%#x", rv);
	to = lo_addr(port_of(a));
	REQUIRE(sendto(b, "u", 1, 0, SA(&to), sizeof to) == 1, "sendto");
	rv = poll_one(a, ALL_EVENTS, 5000);
	REQUIRE(rv == (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND),
		"UDP with a datagram revents %#x", rv);
}

static void poll_select_nval(void)
{
	struct timeval tv = { 0, 0 };
	fd_set r;
	int fd, rv;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	REQUIRE(fd >= 0, "socket");
	REQUIRE_OK(close(fd));
	rv = poll_one(fd, POLLIN, 0);
	REQUIRE(rv == POLLNVAL, "closed fd revents %#x", rv);
	FD_ZERO(&r);
	FD_SET(fd, &r);
	REQUIRE_ERR(select(fd + 1, &r, NULL, NULL, &tv), EBADF);
}

/* select: the three sets, on the states poll sees. */
static void select_sets(void)
{
	struct timeval tv = { 0, 0 };
	fd_set r, w, e;
	int t, c, s, n, max;

	t = socket(AF_INET, SOCK_STREAM, 0);
	if (t < 0 || tcp_pair(&c, &s) < 0)
		return;
	max = (t > c ? t : c) + 1;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	FD_SET(t, &r);
	FD_SET(t, &w);
	FD_SET(c, &r);
	FD_SET(c, &w);
	FD_SET(c, &e);
	/* The fresh socket's POLLHUP counts as readable. */
	n = select(max, &r, &w, &e, &tv);
	REQUIRE(n == 3 && FD_ISSET(t, &r) && FD_ISSET(t, &w) &&
		!FD_ISSET(c, &r) && FD_ISSET(c, &w) && !FD_ISSET(c, &e),
		"select %d", n);
	/* Urgent data is the exceptional condition. */
	REQUIRE(send(s, "!", 1, MSG_OOB) == 1, "send MSG_OOB");
	REQUIRE(poll_one(c, POLLPRI, 5000) == POLLPRI, "no urgent data");
	FD_ZERO(&r);
	FD_ZERO(&e);
	FD_SET(c, &r);
	FD_SET(c, &e);
	n = select(c + 1, &r, NULL, &e, &tv);
	REQUIRE(n == 1 && FD_ISSET(c, &e) && !FD_ISSET(c, &r), "select "
		"with urgent data only: %d", n);
	REQUIRE(write(s, "d", 1) == 1, "write");
	REQUIRE(poll_one(c, POLLIN, 5000) & POLLIN, "no data");
	FD_ZERO(&r);
	FD_ZERO(&e);
	FD_SET(c, &r);
	FD_SET(c, &e);
	n = select(c + 1, &r, NULL, &e, &tv);
	REQUIRE(n == 2 && FD_ISSET(c, &r) && FD_ISSET(c, &e), "select %d", n);
}

static void read_write_lseek(void)
{
	char b[4];
	int c, s, u;

	if (tcp_pair(&c, &s) < 0 || (u = udp_socket()) < 0)
		return;
	REQUIRE(write(c, b, 0) == 0, "write of 0 bytes");
	REQUIRE(read(s, b, 0) == 0, "read of 0 bytes");
	REQUIRE(write(c, "abcd", 4) == 4, "write");
	REQUIRE(poll_one(s, POLLIN, 5000) == POLLIN, "not readable");
	REQUIRE_ERR(read(s, BADPTR, 4), EFAULT);
	REQUIRE_ERR(write(c, BADPTR, 4), EFAULT);
	REQUIRE(read(s, b, 4) == 4 && !memcmp(b, "abcd", 4), "read");
	/* No file position. */
	REQUIRE_ERR(lseek(c, 0, SEEK_SET), ESPIPE);
	REQUIRE_ERR(lseek(u, 0, SEEK_CUR), ESPIPE);
	REQUIRE_ERR(pread(s, b, 1, 0), ESPIPE);
	REQUIRE_ERR(pwrite(c, "x", 1, 0), ESPIPE);
	/* Not a terminal. */
	REQUIRE(!isatty(c) && errno == ENOTTY, "isatty: %s", errname(errno));
	REQUIRE_ERR(ioctl(u, TIOCGWINSZ, b), ENOTTY);
}

/* A child writing to a connection it shut down dies of SIGPIPE. */
static void sigpipe_kills(void)
{
	struct linger lg = { 1, 0 };
	int c, s, st;
	pid_t pid;

	if (tcp_pair(&c, &s) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		shutdown(c, SHUT_WR);
		if (write(c, "x", 1) < 0)
			_exit(errno == EPIPE ? 3 : 4);
		_exit(5);
	}
	st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
		"writer status %#x, want death by SIGPIPE", st);
	/* Ignored: the write fails with EPIPE. */
	pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_IGN);
		if (write(c, "x", 1) < 0)
			_exit(errno == EPIPE ? 3 : 4);
		_exit(5);
	}
	st = wait_status(pid);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 3, "status %#x", st);
	/* After the peer reset: first the reset, then the signal. */
	if (tcp_pair(&c, &s) < 0)
		return;
	REQUIRE_OK(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
	REQUIRE_OK(close(s));
	REQUIRE(poll_one(c, POLLERR, 5000) & POLLERR, "no reset");
	pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		if (write(c, "x", 1) >= 0 || errno != ECONNRESET)
			_exit(3);
		(void)!write(c, "x", 1);
		_exit(4);
	}
	st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
		"writer status %#x, want ECONNRESET then SIGPIPE", st);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(dup_shares),
		CHECK(dup2_dup3),
		CHECK(fork_shares),
		CHECK(cloexec_exec),
		CHECK(nonblock_fionbio),
		CHECK(poll_listener),
		CHECK(poll_tcp_states),
		CHECK(poll_tcp_reset),
		CHECK(poll_udp),
		CHECK(poll_select_nval),
		CHECK(select_sets),
		CHECK(read_write_lseek),
		CHECK(sigpipe_kills),
	};

	return run_checks("files", checks, NCHECKS(checks));
}
