/*
 * data.c - moving bytes between two processes of the guest: a pipe,
 * loopback TCP (one connection), AF_UNIX stream sockets (each in 64 KiB
 * writes, MiB/s, every byte verified by the reader against the
 * pattern of bench.h); the loopback TCP connect+accept+close rate (each
 * accepted connection carries its 4-byte sequence number to the
 * client, which checks it); the loopback UDP round trip of a 64-byte
 * datagram (ns; the echo is compared byte for byte).
 */
#include "bench.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static int b_pipe(void)
{
	int p[2];
	if (pipe(p) != 0)
		return fail_errno("pipe", "pipe");
	return stream_bench("pipe", p[1], p[0]);
}

static int b_unix(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return fail_errno("unix_stream", "socketpair");
	return stream_bench("unix_stream", sv[0], sv[1]);
}

/* A listening TCP socket on 127.0.0.1, port chosen by the kernel. */
static int tcp_listener(const char *name, struct sockaddr_in *sa)
{
	socklen_t len = sizeof *sa;
	int l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0)
		return fail_errno(name, "socket");
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(l, (struct sockaddr *)sa, sizeof *sa) != 0 || listen(l, 128) != 0 ||
	    getsockname(l, (struct sockaddr *)sa, &len) != 0) {
		fail_errno(name, "bind/listen on 127.0.0.1");
		close(l);
		return -1;
	}
	return l;
}

static int b_tcp(void)
{
	struct sockaddr_in sa;
	int l = tcp_listener("tcp_stream", &sa);
	if (l < 0)
		return -1;
	int c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&sa, sizeof sa) != 0)
		return fail_errno("tcp_stream", "connect to 127.0.0.1:%u", ntohs(sa.sin_port));
	int a = accept(l, NULL, NULL);
	if (a < 0)
		return fail_errno("tcp_stream", "accept");
	close(l);
	return stream_bench("tcp_stream", c, a);
}

static int b_tcpconn(void)
{
	struct sockaddr_in sa;
	int l = tcp_listener("tcp_connect", &sa);
	if (l < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return fail_errno("tcp_connect", "fork");
	if (pid == 0) {
		/* Accept, send the sequence number, close: until killed. */
		for (uint32_t seq = 0;; seq++) {
			int a = accept(l, NULL, NULL);
			if (a < 0)
				_exit(1);
			if (write_all(a, &seq, sizeof seq) != 0)
				_exit(1);
			close(a);
		}
	}
	close(l);
	uint32_t n = 0;
	int rc = 0;
	double t0 = now(), t = t0;
	do {
		uint32_t got;
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0) {
			rc = fail_errno("tcp_connect", "socket");
			break;
		}
		if (connect(c, (struct sockaddr *)&sa, sizeof sa) != 0) {
			rc = fail_errno("tcp_connect", "connect number %u", n);
			close(c);
			break;
		}
		if (read_all(c, &got, sizeof got) != 0) {
			rc = fail_errno("tcp_connect", "read the sequence number");
			close(c);
			break;
		}
		close(c);
		if (got != n) {
			rc = fail_data("tcp_connect", "connection %u carried number %u", n, got);
			break;
		}
		n++;
	} while ((t = now()) - t0 < bench_secs());
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (rc == 0)
		figure("tcp_connect", (double)n / (t - t0), "/s", "higher");
	return rc;
}

static int b_udp(void)
{
	struct sockaddr_in sa, ca;
	socklen_t len = sizeof sa;
	int s = socket(AF_INET, SOCK_DGRAM, 0), c = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || c < 0)
		return fail_errno("udp_rtt", "socket");
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ca = sa;
	if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    getsockname(s, (struct sockaddr *)&sa, &len) != 0 ||
	    bind(c, (struct sockaddr *)&ca, sizeof ca) != 0 ||
	    connect(c, (struct sockaddr *)&sa, sizeof sa) != 0)
		return fail_errno("udp_rtt", "bind/connect on 127.0.0.1");
	pid_t pid = fork();
	if (pid < 0)
		return fail_errno("udp_rtt", "fork");
	if (pid == 0) {
		unsigned char buf[64];
		struct sockaddr_in from;
		for (;;) {
			socklen_t fl = sizeof from;
			ssize_t r = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
			if (r < 0 || sendto(s, buf, (size_t)r, 0, (struct sockaddr *)&from, fl) != r)
				_exit(1);
		}
	}
	close(s);
	/* A lost datagram would block forever: bound every wait. */
	struct timeval tv = { 5, 0 };
	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	uint64_t n = 0;
	int rc = 0;
	double t0 = now(), t = t0;
	do {
		unsigned char msg[64], back[64];
		memcpy(msg, pat + n % PAT_LEN, sizeof msg);
		memcpy(msg, &n, sizeof n);
		if (send(c, msg, sizeof msg, 0) != (ssize_t)sizeof msg) {
			rc = fail_errno("udp_rtt", "send");
			break;
		}
		ssize_t r = recv(c, back, sizeof back, 0);
		if (r < 0) {
			rc = fail_errno("udp_rtt", "recv of echo %llu", (unsigned long long)n);
			break;
		}
		if (r != (ssize_t)sizeof msg || memcmp(msg, back, sizeof msg) != 0) {
			rc = fail_data("udp_rtt", "echo %llu came back wrong (%zd bytes)",
				       (unsigned long long)n, r);
			break;
		}
		n++;
	} while ((t = now()) - t0 < bench_secs());
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(c);
	if (rc == 0)
		figure("udp_rtt", (t - t0) * 1e9 / (double)n, "ns", "lower");
	return rc;
}

static const struct bench table[] = {
	{ "pipe", b_pipe },
	{ "tcp_stream", b_tcp },
	{ "tcp_connect", b_tcpconn },
	{ "udp_rtt", b_udp },
	{ "unix_stream", b_unix },
};

int main(int argc, char **argv)
{
	return bench_main(table, NBENCH(table), argc, argv);
}
