/*
 * stream.c - AF_UNIX stream sockets (unix(7)): socketpair, listen,
 * connect and accept with the backlog, shutdown both ways, EOF, EPIPE
 * and SIGPIPE, ECONNRESET, MSG_PEEK/MSG_DONTWAIT/MSG_WAITALL, the
 * timeouts and signals of blocking calls, SO_SNDBUF and blocking when
 * full, FIONREAD/SIOCOUTQ, poll in every state, SO_PEERCRED.
 */
#include "unixcheck.h"

#include <net/if.h>

#ifndef SIOCUNIXFILE
#define SIOCUNIXFILE (SIOCPROTOPRIVATE + 0)	/* linux/un.h */
#endif

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static void set_timeo(int fd, int name, long ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	setsockopt(fd, SOL_SOCKET, name, &tv, sizeof tv);
}

static void socketpair_data(void)
{
	char buf[64];
	int sv[2];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE(write(sv[0], "hello", 5) == 5 && write(sv[0], " world", 6) == 6, "write");
	REQUIRE(read(sv[1], buf, sizeof buf) == 11 && !memcmp(buf, "hello world", 11),
		"a stream joins writes");
	REQUIRE(send(sv[1], "back", 4, 0) == 4, "send");
	REQUIRE(recv(sv[0], buf, 2, 0) == 2 && !memcmp(buf, "ba", 2), "partial read");
	REQUIRE(recv(sv[0], buf, sizeof buf, 0) == 2 && !memcmp(buf, "ck", 2), "rest");
	REQUIRE_ERR(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, BADPTR), EFAULT);
}

static void listen_connect_accept(void)
{
	struct sockaddr_un a, got;
	socklen_t gl = sizeof got;
	int l = listener(SOCK_STREAM, "srv", 5), c, s, fl;
	char buf[16];

	REQUIRE(l >= 0, "listener: %s", errname(errno));
	fl = 0;
	gl = sizeof fl;
	REQUIRE(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &fl, &gl) == 0 && fl == 1,
		"SO_ACCEPTCONN %d", fl);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(connect_path(c, "srv"));
	/* The connection exists before accept: data can be sent. */
	REQUIRE(write(c, "early", 5) == 5, "write before accept");
	gl = sizeof got;
	s = accept4(l, (struct sockaddr *)&got, &gl, SOCK_NONBLOCK | SOCK_CLOEXEC);
	REQUIRE(s >= 0, "accept: %s", errname(errno));
	/* An unbound client: the address is the family alone. */
	REQUIRE(gl == SUN_OFF && got.sun_family == AF_UNIX, "accept addrlen %u",
		(unsigned)gl);
	REQUIRE(fcntl(s, F_GETFD) == FD_CLOEXEC && (fcntl(s, F_GETFL) & O_NONBLOCK),
		"accept4 flags");
	REQUIRE(read(s, buf, sizeof buf) == 5 && !memcmp(buf, "early", 5), "read");
	/* The accepted socket has the listener's name; the client's peer is it. */
	gl = sizeof got;
	REQUIRE_OK(getsockname(s, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == path_addr(&a, "srv") && !strcmp(got.sun_path, "srv"),
		"accepted getsockname len %u", (unsigned)gl);
	gl = sizeof got;
	REQUIRE_OK(getpeername(c, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == SUN_OFF + 4 && !strcmp(got.sun_path, "srv"), "getpeername");
	gl = sizeof got;
	REQUIRE_OK(getpeername(s, (struct sockaddr *)&got, &gl));
	REQUIRE(gl == SUN_OFF, "server's peer is unbound: %u", (unsigned)gl);
	REQUIRE(write(s, "reply", 5) == 5 && read(c, buf, sizeof buf) == 5, "reply");
	/* A bound client's name reaches accept. */
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	gl = path_addr(&a, "cli");
	REQUIRE_OK(bind(c, (struct sockaddr *)&a, gl));
	REQUIRE_OK(connect_path(c, "srv"));
	gl = sizeof got;
	s = accept(l, (struct sockaddr *)&got, &gl);
	REQUIRE(s >= 0 && gl == SUN_OFF + 4 && !strcmp(got.sun_path, "cli"),
		"bound client: len %u", (unsigned)gl);
}

static void listen_errors(void)
{
	int l, s = socket(AF_UNIX, SOCK_STREAM, 0), d = socket(AF_UNIX, SOCK_DGRAM, 0);
	int sv[2];

	REQUIRE_ERR(listen(s, 5), EINVAL);		/* unbound */
	REQUIRE_ERR(listen(d, 5), EOPNOTSUPP);
	REQUIRE_ERR(accept(s, NULL, NULL), EINVAL);	/* not listening */
	REQUIRE_ERR(accept(d, NULL, NULL), EOPNOTSUPP);
	l = listener(SOCK_STREAM, "l", 5);
	REQUIRE(l >= 0, "listener");
	REQUIRE_OK(listen(l, 10));			/* again: a new backlog */
	REQUIRE_ERR(connect_path(l, "l"), EINVAL);	/* a listener cannot connect */
	REQUIRE_OK(connect_path(s, "l"));
	REQUIRE_ERR(connect_path(s, "l"), EISCONN);
	REQUIRE_ERR(connect_path(s, "nosuch"), ENOENT);	/* the name is looked up first */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_ERR(listen(sv[0], 5), EINVAL);
	REQUIRE_ERR(accept(sv[0], NULL, NULL), EINVAL);
}

static int nb_connects(const char *path, int max)
{
	int i;

	for (i = 0; i < max; i++) {
		int c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);

		if (connect_path(c, path) < 0)
			return errno == EAGAIN ? i : -1;
	}
	return i;
}

static void backlog(void)
{
	int l0 = listener(SOCK_STREAM, "b0", 0), l2 = listener(SOCK_STREAM, "b2", 2);
	int n, c;
	long long t0;

	REQUIRE(l0 >= 0 && l2 >= 0, "listeners");
	/* More than `backlog` queued connections: a non-blocking connect is EAGAIN. */
	n = nb_connects("b0", 10);
	REQUIRE(n == 1, "backlog 0 took %d connections", n);
	n = nb_connects("b2", 10);
	REQUIRE(n == 3, "backlog 2 took %d connections", n);
	REQUIRE(accept(l2, NULL, NULL) >= 0, "accept");
	n = nb_connects("b2", 10);
	REQUIRE(n == 1, "after an accept, %d more", n);
	/* Blocking: SO_SNDTIMEO bounds the wait, then EAGAIN. */
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	set_timeo(c, SO_SNDTIMEO, 200);
	t0 = mono_ms();
	REQUIRE_ERR(connect_path(c, "b2"), EAGAIN);
	REQUIRE(mono_ms() - t0 >= 150, "gave up after %lld ms", mono_ms() - t0);
	/* A blocked connect completes when accept makes room. */
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(accept(l2, NULL, NULL) >= 0 ? 0 : 1);
	}
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(connect_path(c, "b2"));
	REQUIRE(wait_status(pid) == 0, "child accept");
	/* A larger backlog wakes nothing wrongly and admits more. */
	REQUIRE_OK(listen(l0, 3));
	n = nb_connects("b0", 10);
	REQUIRE(n == 3, "backlog raised to 3: %d more", n);
}

static void accept_nonblock_poll(void)
{
	int l = listener(SOCK_STREAM | SOCK_NONBLOCK, "nb", 5), c, s;

	REQUIRE(l >= 0, "listener");
	REQUIRE_ERR(accept(l, NULL, NULL), EAGAIN);
	REQUIRE(poll_mask(l) == 0, "idle listener poll %#x", poll_mask(l));
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(connect_path(c, "nb"));
	REQUIRE(poll_mask(l) == (POLLIN), "pending listener poll %#x", poll_mask(l));
	s = accept(l, NULL, NULL);
	REQUIRE(s >= 0, "accept");
	REQUIRE(poll_mask(l) == 0, "after accept %#x", poll_mask(l));
	/* A blocking accept wakes for a connection made later. */
	int b = listener(SOCK_STREAM, "bl", 5);
	pid_t pid = fork();
	if (pid == 0) {
		int k = socket(AF_UNIX, SOCK_STREAM, 0);

		sleep_ms(100);
		_exit(connect_path(k, "bl") == 0 ? 0 : 1);
	}
	REQUIRE(accept(b, NULL, NULL) >= 0, "blocking accept");
	REQUIRE(wait_status(pid) == 0, "child connect");
	/* shutdown of a listener ends accept with EINVAL. */
	REQUIRE_OK(shutdown(b, SHUT_RD));
	REQUIRE_ERR(accept(b, NULL, NULL), EINVAL);
	REQUIRE_ERR(connect_path(socket(AF_UNIX, SOCK_STREAM, 0), "bl"), ECONNREFUSED);
}

static void listener_close(void)
{
	int l = listener(SOCK_STREAM, "lc", 5), c = socket(AF_UNIX, SOCK_STREAM, 0);
	char buf[4];

	REQUIRE(l >= 0, "listener");
	REQUIRE_OK(connect_path(c, "lc"));
	close(l);
	/* The connection nobody accepted is reset; the name refuses. */
	REQUIRE_ERR(read(c, buf, sizeof buf), ECONNRESET);
	REQUIRE(read(c, buf, sizeof buf) == 0, "then EOF");
	signal(SIGPIPE, SIG_IGN);
	REQUIRE_ERR(write(c, "x", 1), EPIPE);
	REQUIRE_ERR(connect_path(socket(AF_UNIX, SOCK_STREAM, 0), "lc"), ECONNREFUSED);
}

static void eof_epipe(void)
{
	int sv[2];
	char buf[8];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE(write(sv[0], "ab", 2) == 2, "write");
	close(sv[0]);
	REQUIRE(read(sv[1], buf, sizeof buf) == 2, "data before EOF");
	REQUIRE(read(sv[1], buf, sizeof buf) == 0, "EOF");
	REQUIRE(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT) == 0, "EOF non-blocking");
	set_handler(SIGPIPE, 0);
	got_signal = 0;
	REQUIRE_ERR(write(sv[1], "x", 1), EPIPE);
	REQUIRE(got_signal == SIGPIPE, "no SIGPIPE");
	got_signal = 0;
	REQUIRE_ERR(send(sv[1], "x", 1, MSG_NOSIGNAL), EPIPE);
	REQUIRE(got_signal == 0, "SIGPIPE despite MSG_NOSIGNAL");
	/* Default action: the writer dies of SIGPIPE. */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	close(sv[1]);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		(void)!write(sv[0], "x", 1);
		_exit(0);
	}
	int st = wait_status(pid);
	REQUIRE(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "status %#x", st);
}

static void econnreset(void)
{
	int sv[2], e;
	socklen_t l = sizeof e;
	char buf[8];

	/* Closing with unread data resets the peer: ECONNRESET once, then EOF. */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE(write(sv[0], "abc", 3) == 3, "write");
	close(sv[1]);
	REQUIRE(poll_mask(sv[0]) == (POLLIN | POLLOUT | POLLHUP | POLLRDHUP | POLLERR),
		"poll %#x", poll_mask(sv[0]));
	REQUIRE_ERR(read(sv[0], buf, 3), ECONNRESET);
	REQUIRE(read(sv[0], buf, 3) == 0, "then EOF");
	REQUIRE(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &e, &l) == 0 && e == 0, "SO_ERROR %d", e);
	/* SO_ERROR reads (and clears) it too. */
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE(write(sv[0], "abc", 3) == 3, "write");
	close(sv[1]);
	REQUIRE(getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &e, &l) == 0 && e == ECONNRESET,
		"SO_ERROR %d", e);
	REQUIRE(read(sv[0], buf, 3) == 0, "EOF after SO_ERROR");
}

static void shutdown_wr(void)
{
	int sv[2];
	char buf[8];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE(write(sv[0], "last", 4) == 4, "write");
	REQUIRE_OK(shutdown(sv[0], SHUT_WR));
	signal(SIGPIPE, SIG_IGN);
	REQUIRE_ERR(write(sv[0], "x", 1), EPIPE);
	REQUIRE(poll_mask(sv[0]) == POLLOUT, "writer poll %#x", poll_mask(sv[0]));
	REQUIRE(poll_mask(sv[1]) == (POLLIN | POLLOUT | POLLRDHUP), "reader poll %#x",
		poll_mask(sv[1]));
	REQUIRE(read(sv[1], buf, sizeof buf) == 4, "data");
	REQUIRE(read(sv[1], buf, sizeof buf) == 0, "EOF");
	/* The other direction still works. */
	REQUIRE(write(sv[1], "back", 4) == 4 && read(sv[0], buf, sizeof buf) == 4, "reverse");
	REQUIRE_OK(shutdown(sv[0], SHUT_RD));
	REQUIRE(poll_mask(sv[0]) == (POLLIN | POLLOUT | POLLHUP | POLLRDHUP),
		"both shut: %#x", poll_mask(sv[0]));
	REQUIRE(poll_mask(sv[1]) == (POLLIN | POLLOUT | POLLHUP | POLLRDHUP),
		"peer both shut: %#x", poll_mask(sv[1]));
	REQUIRE_ERR(write(sv[1], "x", 1), EPIPE);
}

static void shutdown_rd(void)
{
	int sv[2], s;
	char buf[8];

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_OK(shutdown(sv[0], SHUT_RD));
	REQUIRE(read(sv[0], buf, sizeof buf) == 0, "own read: EOF");
	signal(SIGPIPE, SIG_IGN);
	REQUIRE_ERR(write(sv[1], "x", 1), EPIPE);	/* the peer cannot send */
	REQUIRE(write(sv[0], "ok", 2) == 2 && read(sv[1], buf, 2) == 2, "we still can");
	REQUIRE_ERR(shutdown(sv[0], 3), EINVAL);
	REQUIRE_ERR(shutdown(sv[0], -1), EINVAL);
	/* An unconnected socket: no error, as Linux. */
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(shutdown(s, SHUT_RDWR));
	REQUIRE(poll_mask(s) == (POLLIN | POLLOUT | POLLHUP | POLLRDHUP), "poll %#x",
		poll_mask(s));
}

static void peek_dontwait_waitall(void)
{
	int sv[2];
	char buf[16];
	pid_t pid;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_ERR(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	REQUIRE(write(sv[0], "abc", 3) == 3 && write(sv[0], "def", 3) == 3, "write");
	REQUIRE(recv(sv[1], buf, 4, MSG_PEEK) == 4 && !memcmp(buf, "abcd", 4), "peek");
	REQUIRE(recv(sv[1], buf, sizeof buf, MSG_PEEK) == 6, "peek all");
	REQUIRE(recv(sv[1], buf, 2, 0) == 2 && !memcmp(buf, "ab", 2), "read");
	REQUIRE(recv(sv[1], buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT) == 4 &&
		!memcmp(buf, "cdef", 4), "peek the rest");
	REQUIRE(recv(sv[1], buf, sizeof buf, 0) == 4, "read the rest");
	/* MSG_WAITALL waits for the whole buffer across writes. */
	pid = fork();
	if (pid == 0) {
		(void)!write(sv[0], "12345", 5);
		sleep_ms(100);
		(void)!write(sv[0], "67890", 5);
		sleep_ms(100);
		(void)!write(sv[0], "xy", 2);
		close(sv[0]);
		_exit(0);
	}
	REQUIRE(recv(sv[1], buf, 10, MSG_WAITALL) == 10 && !memcmp(buf, "1234567890", 10),
		"MSG_WAITALL");
	close(sv[0]);
	/* ... and returns short at EOF. */
	REQUIRE(recv(sv[1], buf, 10, MSG_WAITALL) == 2, "MSG_WAITALL at EOF");
	REQUIRE(wait_status(pid) == 0, "child");
}

static void timeouts(void)
{
	int sv[2], n;
	char buf[4096];
	long long t0;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	set_timeo(sv[0], SO_RCVTIMEO, 200);
	t0 = mono_ms();
	REQUIRE_ERR(read(sv[0], buf, 1), EAGAIN);
	REQUIRE(mono_ms() - t0 >= 150 && mono_ms() - t0 < 5000, "read timed out after %lld ms",
		mono_ms() - t0);
	/* A full socket: SO_SNDTIMEO ends a blocked write (EAGAIN, nothing sent). */
	set_timeo(sv[0], SO_SNDTIMEO, 200);
	memset(buf, 'x', sizeof buf);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	while (write(sv[0], buf, sizeof buf) > 0)
		;
	fcntl(sv[0], F_SETFL, 0);
	t0 = mono_ms();
	REQUIRE_ERR(write(sv[0], buf, sizeof buf), EAGAIN);
	REQUIRE(mono_ms() - t0 >= 150, "write timed out after %lld ms", mono_ms() - t0);
	n = read(sv[1], buf, sizeof buf);
	REQUIRE(n > 0, "queued data: %d", n);
}

static void signals(void)
{
	int sv[2];
	char c;
	pid_t h;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	/* Without SA_RESTART: EINTR. */
	set_handler(SIGUSR1, 0);
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(read(sv[0], &c, 1), EINTR);
	wait_status(h);
	/* With SA_RESTART the read goes on and gets what comes later. */
	set_handler(SIGUSR1, SA_RESTART);
	got_signal = 0;
	h = fork();
	if (h == 0) {
		if (!wait_until_asleep(getppid()))
			_exit(1);
		kill(getppid(), SIGUSR1);
		sleep_ms(100);
		_exit(write(sv[1], "z", 1) == 1 ? 0 : 1);
	}
	REQUIRE(read(sv[0], &c, 1) == 1 && c == 'z' && got_signal == SIGUSR1,
		"restarted read");
	REQUIRE(wait_status(h) == 0, "helper");
	/* With a timeout set, a signal is EINTR even with SA_RESTART. */
	set_timeo(sv[0], SO_RCVTIMEO, 5000);
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(read(sv[0], &c, 1), EINTR);
	wait_status(h);
	/* accept too. */
	int l = listener(SOCK_STREAM, "sig", 5);
	set_handler(SIGUSR1, 0);
	h = signal_when_asleep(getpid(), SIGUSR1);
	REQUIRE_ERR(accept(l, NULL, NULL), EINTR);
	wait_status(h);
}

static void sndbuf_full(void)
{
	static char big[100000];
	int sv[2], v, n, total = 0;
	socklen_t l = sizeof v;
	pid_t pid;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &l) == 0 && v == 212992,
		"default SO_SNDBUF %d", v);
	v = 4096;
	REQUIRE_OK(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
	REQUIRE(getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, &l) == 0 && v == 8192,
		"SO_SNDBUF doubled: %d", v);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	n = write(sv[0], big, sizeof big);
	REQUIRE(n > 0 && n < 16384, "first write %d", n);
	REQUIRE_ERR(write(sv[0], big, sizeof big), EAGAIN);
	REQUIRE(!(poll_mask(sv[0]) & POLLOUT), "full but POLLOUT");
	REQUIRE(ioctl(sv[0], SIOCOUTQ, &v) == 0 && v >= n, "SIOCOUTQ %d < %d", v, n);
	REQUIRE(ioctl(sv[1], SIOCINQ, &v) == 0 && v == n, "SIOCINQ %d, want %d", v, n);
	/* Reading it all makes room. */
	while (total < n) {
		int r = read(sv[1], big, sizeof big);

		REQUIRE(r > 0, "read");
		total += r;
	}
	REQUIRE(poll_mask(sv[0]) & POLLOUT, "drained but not writable");
	REQUIRE(ioctl(sv[0], SIOCOUTQ, &v) == 0 && v == 0, "SIOCOUTQ %d after drain", v);
	/* A blocking writer of 1 MiB sleeps until a reader takes it all. */
	fcntl(sv[0], F_SETFL, 0);
	pid = fork();
	if (pid == 0) {
		long got = 0;
		int r;

		while (got < 1 << 20 && (r = read(sv[1], big, sizeof big)) > 0)
			got += r;
		_exit(got == 1 << 20 ? 0 : 1);
	}
	static char mib[1 << 20];
	REQUIRE(write(sv[0], mib, sizeof mib) == (ssize_t)sizeof mib, "blocking write");
	REQUIRE(wait_status(pid) == 0, "reader");
}

static void fionread(void)
{
	int sv[2], v, l;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE(ioctl(sv[1], FIONREAD, &v) == 0 && v == 0, "empty FIONREAD %d", v);
	REQUIRE(write(sv[0], "0123456789", 10) == 10 && write(sv[0], "ab", 2) == 2, "write");
	REQUIRE(ioctl(sv[1], FIONREAD, &v) == 0 && v == 12, "FIONREAD %d", v);
	REQUIRE(ioctl(sv[1], SIOCINQ, &v) == 0 && v == 12, "SIOCINQ %d", v);
	REQUIRE(ioctl(sv[0], SIOCOUTQ, &v) == 0 && v >= 12, "SIOCOUTQ %d", v);
	char buf[5];
	REQUIRE(read(sv[1], buf, 5) == 5, "read");
	REQUIRE(ioctl(sv[1], FIONREAD, &v) == 0 && v == 7, "FIONREAD after read %d", v);
	REQUIRE_ERR(ioctl(sv[1], FIONREAD, BADPTR), EFAULT);
	l = listener(SOCK_STREAM, "fl", 5);
	REQUIRE_ERR(ioctl(l, SIOCINQ, &v), EINVAL);
}

static void poll_states(void)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0), q = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0), l, c, a;

	REQUIRE(poll_mask(s) == (POLLOUT | POLLHUP), "fresh stream %#x", poll_mask(s));
	REQUIRE(poll_mask(q) == (POLLOUT | POLLHUP), "fresh seqpacket %#x", poll_mask(q));
	REQUIRE(poll_mask(d) == POLLOUT, "fresh dgram %#x", poll_mask(d));
	l = listener(SOCK_STREAM, "ps", 5);
	REQUIRE(poll_mask(l) == 0, "listener %#x", poll_mask(l));
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(connect_path(c, "ps"));
	REQUIRE(poll_mask(c) == POLLOUT, "connected client %#x", poll_mask(c));
	a = accept(l, NULL, NULL);
	REQUIRE(poll_mask(a) == POLLOUT, "accepted %#x", poll_mask(a));
	REQUIRE(write(c, "x", 1) == 1, "write");
	REQUIRE(poll_mask(a) == (POLLIN | POLLOUT), "data %#x", poll_mask(a));
	/* POLLIN from another process's write wakes a sleeping poll. */
	char ch;
	REQUIRE(read(a, &ch, 1) == 1, "read");
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(write(c, "y", 1) == 1 ? 0 : 1);
	}
	REQUIRE(poll_wait(a, POLLIN, 5000) == POLLIN, "poll woke without POLLIN");
	REQUIRE(wait_status(pid) == 0, "writer");
	close(c);
	REQUIRE(poll_mask(a) == (POLLIN | POLLOUT | POLLHUP | POLLRDHUP), "peer closed %#x",
		poll_mask(a));
}

static void peercred(void)
{
	struct ucred u;
	socklen_t l = sizeof u;
	int sv[2], s, c, p[2];
	pid_t pid;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &u, &l) == 0 && l == sizeof u &&
		u.pid == getpid() && u.uid == getuid() && u.gid == getgid(),
		"socketpair: pid %d uid %d gid %d", u.pid, u.uid, u.gid);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	l = sizeof u;
	REQUIRE(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &u, &l) == 0 && u.pid == 0 &&
		u.uid == (uid_t)-1 && u.gid == (gid_t)-1, "unconnected: %d %d %d", u.pid,
		u.uid, u.gid);
	/* A listener in another process (as nobody): each side sees the other. */
	REQUIRE_OK(pipe(p));
	pid = fork();
	if (pid == 0) {
		int ls, a;
		struct ucred v;
		socklen_t vl = sizeof v;

		if (!become_nobody())
			_exit(2);
		ls = listener(SOCK_STREAM, "/tmp/unix-peercred", 5);
		(void)!write(p[1], "r", 1);
		a = accept(ls, NULL, NULL);
		if (a < 0 || getsockopt(a, SOL_SOCKET, SO_PEERCRED, &v, &vl) < 0)
			_exit(3);
		_exit(v.pid == getppid() && v.uid == 0 && v.gid == 0 ? 0 : 4);
	}
	char ch;
	REQUIRE(read(p[0], &ch, 1) == 1, "child ready");
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(connect_path(c, "/tmp/unix-peercred"));
	l = sizeof u;
	REQUIRE(getsockopt(c, SOL_SOCKET, SO_PEERCRED, &u, &l) == 0 && u.pid == pid &&
		u.uid == 65534 && u.gid == 65534, "client sees %d %d %d", u.pid, u.uid, u.gid);
	REQUIRE(wait_status(pid) == 0, "server's view: status %#x", wait_status(pid));
	unlink("/tmp/unix-peercred");
	/* A short buffer gets the start. */
	l = 4;
	REQUIRE(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &u, &l) == 0 && l == 4, "short");
}

static void unconnected_io(void)
{
	struct sockaddr_un a;
	socklen_t len = path_addr(&a, "x");
	int s = socket(AF_UNIX, SOCK_STREAM, 0), sv[2];
	char c;

	REQUIRE_ERR(recv(s, &c, 1, MSG_DONTWAIT), EINVAL);
	REQUIRE_ERR(read(s, &c, 1), EINVAL);
	REQUIRE_ERR(send(s, "x", 1, 0), ENOTCONN);
	REQUIRE_ERR(sendto(s, "x", 1, 0, (struct sockaddr *)&a, len), EOPNOTSUPP);
	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	REQUIRE_ERR(sendto(sv[0], "x", 1, 0, (struct sockaddr *)&a, len), EISCONN);
}

/*
 * ioctls: what AF_UNIX does not know goes to the interface ioctls every
 * socket answers (musl's if_nametoindex); SIOCUNIXFILE opens the bound
 * node O_PATH (CAP_NET_ADMIN).
 */
static void ioctls(void)
{
	struct ifreq ifr;
	struct stat st, nst;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_STREAM, 0), f;

	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	REQUIRE_OK(ioctl(fd, SIOCGIFINDEX, &ifr));
	REQUIRE(ifr.ifr_ifindex == 1, "lo is %d", ifr.ifr_ifindex);
	REQUIRE_ERR(ioctl(fd, _IO(0x99, 0x42), 0), ENOTTY);
	REQUIRE_ERR(ioctl(s, SIOCUNIXFILE, 0), ENOENT);
	int l = listener(SOCK_STREAM, "uf", 5);
	f = ioctl(l, SIOCUNIXFILE, 0);
	REQUIRE(f >= 0, "SIOCUNIXFILE: %s", errname(errno));
	REQUIRE(fcntl(f, F_GETFD) == FD_CLOEXEC && (fcntl(f, F_GETFL) & O_PATH), "flags");
	REQUIRE(fstat(f, &st) == 0 && stat("uf", &nst) == 0 && st.st_ino == nst.st_ino &&
		S_ISSOCK(st.st_mode), "not the node");
	REQUIRE(become_nobody(), "nobody");
	REQUIRE_ERR(ioctl(l, SIOCUNIXFILE, 0), EPERM);
}

static int count_proc_lines(void)
{
	char buf[4096];
	int fd = open("/proc/net/unix", O_RDONLY), n, lines = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (int i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

/*
 * A poll(2) server: 200 clients in another process connect, send their
 * number and wait for it to come back; the server accepts and echoes as
 * poll says.  Afterwards no socket is left in /proc/net/unix.
 */
#define NCLIENTS 200
static void poll_server(void)
{
	static struct pollfd pfd[NCLIENTS + 1];
	int l, n = 1, echoed = 0, before = count_proc_lines();
	pid_t pid;

	l = listener(SOCK_STREAM | SOCK_NONBLOCK, "psrv", NCLIENTS);
	REQUIRE(l >= 0 && before > 0, "listener");
	pid = fork();
	if (pid == 0) {
		static int c[NCLIENTS];
		int i, v;

		for (i = 0; i < NCLIENTS; i++) {
			c[i] = socket(AF_UNIX, SOCK_STREAM, 0);
			if (c[i] < 0 || connect_path(c[i], "psrv") < 0 ||
			    write(c[i], &i, sizeof i) != sizeof i)
				_exit(1);
		}
		for (i = NCLIENTS - 1; i >= 0; i--)
			if (read(c[i], &v, sizeof v) != sizeof v || v != i)
				_exit(2);
		_exit(0);
	}
	pfd[0].fd = l;
	pfd[0].events = POLLIN;
	long long t0 = mono_ms();
	while (echoed < NCLIENTS && mono_ms() - t0 < 20000) {
		REQUIRE(poll(pfd, n, 5000) > 0, "poll timed out after %d echoes", echoed);
		if (pfd[0].revents & POLLIN) {
			int a;

			while ((a = accept(l, NULL, NULL)) >= 0) {
				pfd[n].fd = a;
				pfd[n++].events = POLLIN;
			}
			REQUIRE(errno == EAGAIN, "accept: %s", errname(errno));
		}
		for (int i = 1; i < n; i++)
			if (pfd[i].revents & POLLIN) {
				int v;

				REQUIRE(read(pfd[i].fd, &v, sizeof v) == sizeof v, "read");
				REQUIRE(write(pfd[i].fd, &v, sizeof v) == sizeof v, "echo");
				pfd[i].events = 0;
				echoed++;
			}
	}
	REQUIRE(echoed == NCLIENTS, "echoed %d", echoed);
	REQUIRE(wait_status(pid) == 0, "clients: status %#x", wait_status(pid));
	for (int i = 1; i < n; i++)
		close(pfd[i].fd);
	close(l);
	REQUIRE(count_proc_lines() == before, "/proc/net/unix: %d lines, %d before",
		count_proc_lines(), before);
}

/* 4 MiB through a socketpair between two processes, every byte checked. */
static void bulk_transfer(void)
{
	static unsigned char buf[65536];
	int sv[2];
	pid_t pid;
	long got = 0;
	unsigned sum = 0, want = 0;
	int i;

	REQUIRE_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	if (pid == 0) {
		close(sv[1]);
		for (i = 0; i < 64; i++) {
			for (int k = 0; k < (int)sizeof buf; k++)
				buf[k] = (unsigned char)(k * 7 + i);
			if (write(sv[0], buf, sizeof buf) != (ssize_t)sizeof buf)
				_exit(1);
		}
		_exit(0);
	}
	close(sv[0]);
	for (i = 0; i < 64; i++)
		for (int k = 0; k < (int)sizeof buf; k++)
			want += (unsigned char)(k * 7 + i) * (unsigned)((i * 65536 + k) % 251 + 1);
	for (;;) {
		ssize_t n = read(sv[1], buf, 1000 + got % 5000);

		if (n <= 0)
			break;
		for (ssize_t k = 0; k < n; k++)
			sum += buf[k] * (unsigned)((got + k) % 251 + 1);
		got += n;
	}
	REQUIRE(got == 64 * 65536 && sum == want, "got %ld bytes, checksum %s", got,
		sum == want ? "ok" : "bad");
	REQUIRE(wait_status(pid) == 0, "writer");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(socketpair_data),
		CHECK(listen_connect_accept),
		CHECK(listen_errors),
		CHECK(backlog),
		CHECK(accept_nonblock_poll),
		CHECK(listener_close),
		CHECK(eof_epipe),
		CHECK(econnreset),
		CHECK(shutdown_wr),
		CHECK(shutdown_rd),
		CHECK(peek_dontwait_waitall),
		CHECK(timeouts),
		CHECK(signals),
		CHECK(sndbuf_full),
		CHECK(fionread),
		CHECK(poll_states),
		CHECK(peercred),
		CHECK(unconnected_io),
		CHECK(ioctls),
		CHECK(bulk_transfer),
		CHECK(poll_server),
	};

	return run_checks("unix_stream", checks, NCHECKS(checks));
}
