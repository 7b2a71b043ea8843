/*
 * stress.c - AF_UNIX under churn: several processes connect, send,
 * pass descriptors (sockets included, cycles included) and close in
 * random order against shared listeners and receivers, bounded in count
 * and time.  Nothing may crash or hang, the shared sockets keep working,
 * and afterwards every socket made is gone from /proc/net/unix.
 */
#include "unixcheck.h"

static int count_sockets(void)
{
	char buf[4096];
	int fd = open("/proc/net/unix", O_RDONLY), n, lines = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (int i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines - 1;
}

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 16;
}

static void churn(unsigned seed, const struct sockaddr_un *da, socklen_t dl)
{
	int i, sv[2], t[2], c, fds[3];
	char buf[256];

	for (i = 0; i < 300; i++) {
		switch (rnd(&seed) % 6) {
		case 0:	/* a pair carrying its own ends: a cycle */
			if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
				_exit(1);
			send_fds(sv[0], "c", 1, sv, 2);
			close(sv[0]);
			close(sv[1]);
			break;
		case 1:	/* connect, write, maybe close before accept */
			c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
			if (connect_path(c, "stress-l") == 0)
				send(c, buf, rnd(&seed) % sizeof buf, MSG_NOSIGNAL);
			close(c);
			break;
		case 2:	/* datagrams at a shared receiver */
			c = socket(AF_UNIX, SOCK_DGRAM, 0);
			sendto(c, buf, rnd(&seed) % sizeof buf, MSG_DONTWAIT,
			       (const struct sockaddr *)da, dl);
			close(c);
			break;
		case 3:	/* a stream pair passing a third socket, read half */
			if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 ||
			    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, t) < 0)
				_exit(1);
			fds[0] = t[0];
			fds[1] = t[1];
			fds[2] = sv[1];
			send_fds(sv[0], buf, 100, fds, 3);
			send(t[0], buf, 10, 0);
			recv(sv[1], buf, 50, MSG_DONTWAIT);
			close(t[0]);
			close(t[1]);
			close(sv[0]);
			close(sv[1]);
			break;
		case 4:	/* shutdowns in random order */
			if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
				_exit(1);
			send(sv[0], buf, 10, MSG_NOSIGNAL);
			shutdown(sv[rnd(&seed) % 2], (int)(rnd(&seed) % 3));
			send(sv[1], buf, 10, MSG_NOSIGNAL | MSG_DONTWAIT);
			close(sv[rnd(&seed) % 2]);
			recv(sv[0], buf, 5, MSG_DONTWAIT);
			close(sv[0]);
			close(sv[1]);
			break;
		default: /* peek and read with descriptors in flight */
			if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
				_exit(1);
			send_fds(sv[0], buf, 20, &sv[0], 1);
			{
				int got[8], n, fl;

				if (recv_fds(sv[1], buf, 10, 256, MSG_PEEK, got, &n, &fl) > 0 && n)
					close(got[0]);
				if (recv_fds(sv[1], buf, 10, 20, 0, got, &n, &fl) > 0 && n)
					close(got[0]);
			}
			close(sv[0]);
			close(sv[1]);
			break;
		}
	}
	_exit(0);
}

static void churn_and_clean_up(void)
{
	struct sockaddr_un da;
	socklen_t dl = path_addr(&da, "stress-d");
	int before = count_sockets(), l, d, k, status;
	pid_t pids[4];
	char buf[512];

	unlink("stress-l");
	unlink("stress-d");
	l = listener(SOCK_STREAM | SOCK_NONBLOCK, "stress-l", 64);
	d = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	REQUIRE(l >= 0 && d >= 0 && bind(d, (struct sockaddr *)&da, dl) == 0, "setup");
	for (k = 0; k < 4; k++) {
		pids[k] = fork();
		if (pids[k] == 0)
			churn(0x1234u + (unsigned)k * 7919u, &da, dl);
	}
	long long t0 = mono_ms();
	int alive = 4;
	while (alive && mono_ms() - t0 < 25000) {
		int a;

		while ((a = accept(l, NULL, NULL)) >= 0) {
			recv(a, buf, sizeof buf, MSG_DONTWAIT);
			close(a);
		}
		while (recv(d, buf, sizeof buf, 0) >= 0)
			;
		alive = 0;
		for (k = 0; k < 4; k++)
			if (pids[k] && waitpid(pids[k], &status, WNOHANG) == 0)
				alive++;
			else if (pids[k]) {
				REQUIRE(WIFEXITED(status) && WEXITSTATUS(status) == 0,
					"worker status %#x", status);
				pids[k] = 0;
			}
		sleep_ms(5);
	}
	REQUIRE(!alive, "%d workers still running", alive);
	/* The shared sockets still work. */
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE_OK(connect_path(c, "stress-l"));
	REQUIRE(poll_wait(l, POLLIN, 1000) == POLLIN, "listener not readable");
	close(accept(l, NULL, NULL));
	close(c);
	while ((c = accept(l, NULL, NULL)) >= 0)
		close(c);
	close(l);
	close(d);
	/* Releasing a socket runs the collector for what cycles remain. */
	c = socket(AF_UNIX, SOCK_DGRAM, 0);
	close(c);
	REQUIRE(count_sockets() == before, "%d sockets left, %d before", count_sockets(), before);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(churn_and_clean_up),
	};

	return run_checks("unix_stress", checks, NCHECKS(checks));
}
