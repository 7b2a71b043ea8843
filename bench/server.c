/*
 * server.c - an epoll(7) echo server on loopback TCP with CONNS client
 * connections open at once (1,000; 20 in smoke mode), driven by a client
 * in another process of the guest that keeps one 64-byte request in
 * flight on every connection.  Figures: requests per second, and the
 * 50th and 99th percentile of a request's round trip (µs), over the
 * timed run.  Every answer is compared with its request byte for byte.
 * Without epoll the figures are a BENCH-FAIL with the errno of
 * epoll_create1(2) (ENOSYS on a kernel that has none).
 */
#include "bench.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#define MSG 64
#define MAX_SAMPLES (1u << 20)

struct conn {
	int fd;
	unsigned got;			/* bytes of the answer read so far */
	uint64_t seq;			/* the request in flight */
	double sent;			/* when it was sent */
	unsigned char req[MSG], ans[MSG];
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The server: accept and echo until killed; exits 1 on any error. */
static void serve(int l, int ep)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = l };
	static struct epoll_event evs[256];
	unsigned char buf[4096];
	if (epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev) != 0)
		_exit(1);
	for (;;) {
		int n = epoll_wait(ep, evs, 256, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			_exit(1);
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == l) {
				int a = accept(l, NULL, NULL);
				if (a < 0)
					_exit(1);
				ev.events = EPOLLIN;
				ev.data.fd = a;
				if (epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev) != 0)
					_exit(1);
				continue;
			}
			ssize_t r = read(fd, buf, sizeof buf);
			if (r <= 0) {
				close(fd);	/* also leaves the epoll set */
				continue;
			}
			if (write_all(fd, buf, (size_t)r) != 0)
				_exit(1);
		}
	}
}

static void send_req(struct conn *c, uint64_t seq)
{
	c->seq = seq;
	c->got = 0;
	memcpy(c->req, pat + seq % PAT_LEN, MSG);
	memcpy(c->req, &seq, sizeof seq);
	c->sent = now();
}

static int b_epoll(void)
{
	const char *name = "epoll_echo";
	unsigned conns = bench_smoke ? 20 : 1000;
	double secs = 4 * bench_secs();
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		return fail_errno(name, "epoll_create1");
	/* Server and client each hold CONNS descriptors and some. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < conns + 64) {
		rl.rlim_cur = conns + 64;
		if (rl.rlim_max < rl.rlim_cur)
			rl.rlim_max = rl.rlim_cur;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			return fail_errno(name, "setrlimit RLIMIT_NOFILE %u", conns + 64);
	}
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(l, 1024) != 0 || getsockname(l, (struct sockaddr *)&sa, &len) != 0)
		return fail_errno(name, "listen on 127.0.0.1");
	pid_t pid = fork();
	if (pid < 0)
		return fail_errno(name, "fork");
	if (pid == 0)
		serve(l, ep);
	close(l);
	close(ep);

	int rc = 0;
	struct conn *cs = calloc(conns, sizeof *cs);
	double *lat = malloc(MAX_SAMPLES * sizeof *lat);
	unsigned open_n = 0;
	uint64_t done = 0, seq = 0;
	if (!cs || !lat) {
		errno = ENOMEM;
		rc = fail_errno(name, "calloc");
		goto out;
	}
	if ((ep = epoll_create1(EPOLL_CLOEXEC)) < 0) {
		rc = fail_errno(name, "epoll_create1 (client)");
		goto out;
	}
	for (; open_n < conns; open_n++) {
		struct conn *c = &cs[open_n];
		c->fd = socket(AF_INET, SOCK_STREAM, 0);
		if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
			rc = fail_errno(name, "connection %u", open_n);
			if (c->fd >= 0)
				close(c->fd);
			goto out;
		}
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = open_n };
		if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
			rc = fail_errno(name, "epoll_ctl ADD connection %u", open_n);
			close(c->fd);
			goto out;
		}
	}
	/*
	 * One request on each connection; the first round (every connection
	 * answered once, the start-up burst) is not timed: the clock starts
	 * when it is over, and runs for EPOLL_SECS.
	 */
	double t0 = now(), t = t0;
	uint64_t warm = conns;
	for (unsigned i = 0; i < conns; i++) {
		send_req(&cs[i], seq++);
		if (write_all(cs[i].fd, cs[i].req, MSG) != 0) {
			rc = fail_errno(name, "write request");
			goto out;
		}
	}
	static struct epoll_event evs[256];
	while (warm > 0 || t - t0 < secs || done == 0) {
		int n = epoll_wait(ep, evs, 256, 5000);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ETIMEDOUT;
			rc = fail_errno(name, "epoll_wait (client)");
			goto out;
		}
		for (int i = 0; i < n; i++) {
			struct conn *c = &cs[evs[i].data.u32];
			ssize_t r = read(c->fd, c->ans + c->got, MSG - c->got);
			if (r <= 0) {
				if (r == 0)
					errno = ECONNRESET;
				rc = fail_errno(name, "read answer");
				goto out;
			}
			c->got += (unsigned)r;
			if (c->got < MSG)
				continue;
			double at = now();
			if (memcmp(c->req, c->ans, MSG) != 0) {
				rc = fail_data(name, "answer %llu differs from its request",
					       (unsigned long long)c->seq);
				goto out;
			}
			if (warm > 0) {
				if (--warm == 0)
					t0 = now();
			} else {
				if (done < MAX_SAMPLES)
					lat[done] = at - c->sent;
				done++;
			}
			send_req(c, seq++);
			if (write_all(c->fd, c->req, MSG) != 0) {
				rc = fail_errno(name, "write request");
				goto out;
			}
		}
		t = now();
	}
	uint64_t ns = done < MAX_SAMPLES ? done : MAX_SAMPLES;
	qsort(lat, ns, sizeof *lat, cmp_double);
	figure("epoll_echo_rps", (double)done / (t - t0), "req/s", "higher");
	figure("epoll_echo_p50", lat[ns / 2] * 1e6, "us", "lower");
	figure("epoll_echo_p99", lat[ns * 99 / 100] * 1e6, "us", "lower");
out:
	for (unsigned i = 0; i < open_n; i++)
		close(cs[i].fd);
	kill(pid, SIGKILL);
	int st;
	waitpid(pid, &st, 0);
	if (rc == 0 && !(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL))
		rc = fail_data(name, "the server failed (status 0x%x)", st);
	free(cs);
	free(lat);
	return rc;
}

static const struct bench table[] = {
	{ "epoll_echo", b_epoll },
};

int main(int argc, char **argv)
{
	return bench_main(table, NBENCH(table), argc, argv);
}
