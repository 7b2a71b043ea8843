/*
 * /ktest/sockfuzz KIDS ITERATIONS SEED: the socket calls with hostile
 * arguments on real sockets.  Each of KIDS child processes (own process
 * group) opens a set of sockets of every family and state it can --
 * TCP listening, connected, accepted; UDP bound and connected; raw,
 * ping, packet and unix ones where the kernel has them -- then makes
 * ITERATIONS random calls: socket syscalls, read/write/ioctl/fcntl/poll
 * on those fds, with option numbers near the real ones, lengths that
 * are 0, short, huge or negative, and pointers that are NULL, kernel
 * addresses, unmapped, or inside a small buffer (some with plausible
 * contents: a sockaddr_in, a msghdr, an iovec).  Sockets are
 * non-blocking; a blocking call that slips through is ended by the
 * parent's 30 s limit.  The kernel must survive; the verdict is that
 * the machine still runs and powers off afterwards, and that this
 * program's own parent reaps every child.  Prints "sockfuzz: N children
 * done, M calls" and exits 0.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define NFDS	24

static unsigned long long rs;
static unsigned char *buf;	/* 2 pages: the second is unmapped */
static int fds[NFDS], nfds;

static unsigned long long rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

static long ptr(void)
{
	switch (rnd() % 8) {
	case 0: return 0;
	case 1: return (long)0xffff800000000000ul;
	case 2: return (long)(buf + 4096);		/* unmapped */
	case 3: return (long)(buf + 4096 - (rnd() % 16));	/* runs off the page */
	case 4: return 8;
	default: return (long)(buf + (rnd() % 3000));
	}
}

static long len(void)
{
	switch (rnd() % 8) {
	case 0: return 0;
	case 1: return -1;
	case 2: return rnd() % 8;
	case 3: return 0x7fffffff;
	case 4: return (long)rnd();
	case 5: return 16;
	default: return rnd() % 2048;
	}
}

static long fd(void)
{
	if (nfds && rnd() % 8)
		return fds[rnd() % nfds];
	return (long)(rnd() % 40) - 2;
}

static long level(void)
{
	static const long levels[] = { 0, 1, 6, 17, 41, 255, 263, 270, -1 };

	return levels[rnd() % (sizeof levels / sizeof *levels)];
}

/* Plausible structures in the buffer: addresses, a msghdr, iovecs, cmsgs. */
static void scribble(void)
{
	struct { uint16_t fam, port; uint32_t addr; } *sin = (void *)(buf + 64);
	uint64_t *w = (void *)(buf + 256);

	sin->fam = (uint16_t)(rnd() % 4 ? 2 : rnd() % 50);
	sin->port = (uint16_t)rnd();
	sin->addr = rnd() % 3 ? 0x0100007f : (uint32_t)rnd();
	/* msghdr at 256: name, namelen, iov, iovlen, control, controllen, flags */
	w[0] = (uint64_t)(rnd() % 2 ? (long)sin : ptr());
	w[1] = (uint64_t)len();
	w[2] = (uint64_t)(rnd() % 2 ? (long)(buf + 512) : ptr());
	w[3] = (uint64_t)(rnd() % 4 ? rnd() % 4 : (uint64_t)len());
	w[4] = (uint64_t)(rnd() % 2 ? (long)(buf + 1024) : ptr());
	w[5] = (uint64_t)len();
	w[6] = rnd();
	/* iovecs at 512 */
	for (int i = 0; i < 4; i++) {
		uint64_t *iov = (void *)(buf + 512 + 16 * i);

		iov[0] = (uint64_t)(rnd() % 3 ? (long)(buf + 2048) : ptr());
		iov[1] = (uint64_t)(rnd() % 3 ? rnd() % 512 : (uint64_t)len());
	}
	/* a cmsg at 1024 with a random header */
	uint64_t *c = (void *)(buf + 1024);
	c[0] = rnd() % 3 ? 16 + rnd() % 32 : rnd();
	((int32_t *)c)[2] = (int32_t)level();
	((int32_t *)c)[3] = (int32_t)(rnd() % 64);
}

static void open_sockets(void)
{
	static const int kinds[][3] = {
		{ 2, 1, 0 }, { 2, 2, 0 }, { 2, 3, 1 }, { 2, 3, 255 }, { 2, 2, 1 },
		{ 1, 1, 0 }, { 1, 2, 0 }, { 1, 5, 0 }, { 17, 3, 0x0300 }, { 17, 2, 0x0008 },
		{ 16, 3, 0 }, { 10, 1, 0 },
	};
	int sv[2];

	for (unsigned i = 0; i < sizeof kinds / sizeof *kinds && nfds < NFDS - 6; i++) {
		long s = syscall(SYS_socket, kinds[i][0], kinds[i][1] | 04000, kinds[i][2]);

		if (s >= 0)
			fds[nfds++] = (int)s;
	}
	if (syscall(SYS_socketpair, 1, 1 | 04000, 0, sv) == 0) {
		fds[nfds++] = sv[0];
		fds[nfds++] = sv[1];
	}
	/* A TCP listener on loopback and a connection to it. */
	struct { uint16_t fam, port; uint32_t addr; uint8_t zero[8]; } a = { 2, 0, 0x0100007f, { 0 } };
	long l = syscall(SYS_socket, 2, 1 | 04000, 0), c;
	unsigned int alen = sizeof a;

	if (l >= 0 && syscall(SYS_bind, l, &a, sizeof a) == 0 && syscall(SYS_listen, l, 8) == 0 &&
	    syscall(SYS_getsockname, l, &a, &alen) == 0) {
		fds[nfds++] = (int)l;
		c = syscall(SYS_socket, 2, 1 | 04000, 0);
		if (c >= 0) {
			syscall(SYS_connect, c, &a, sizeof a);
			fds[nfds++] = (int)c;
		}
	}
}

static void one_call(void)
{
	long f = fd();

	scribble();
	switch (rnd() % 22) {
	case 0: syscall(SYS_socket, rnd() % 48, rnd() % 12 | (rnd() % 2 ? 04000 : 0), rnd() % 300); break;
	case 1: syscall(SYS_bind, f, ptr(), len()); break;
	case 2: syscall(SYS_connect, f, rnd() % 2 ? (long)(buf + 64) : ptr(), len()); break;
	case 3: syscall(SYS_listen, f, len()); break;
	case 4: {
		long r = syscall(SYS_accept4, f, ptr(), ptr(), rnd() % 2 ? 04000 : (long)rnd());
		if (r >= 0)
			close((int)r);
		break;
	}
	case 5: syscall(SYS_getsockname, f, ptr(), ptr()); break;
	case 6: syscall(SYS_getpeername, f, ptr(), ptr()); break;
	case 7: syscall(SYS_sendto, f, ptr(), len(), (long)(rnd() & 0x4fff) | 0x40, ptr(), len()); break;
	case 8: syscall(SYS_recvfrom, f, ptr(), len(), (long)(rnd() & 0x4fff) | 0x40, ptr(), ptr()); break;
	case 9: syscall(SYS_sendmsg, f, rnd() % 2 ? (long)(buf + 256) : ptr(), (long)(rnd() & 0x4fff) | 0x40); break;
	case 10: syscall(SYS_recvmsg, f, rnd() % 2 ? (long)(buf + 256) : ptr(), (long)(rnd() & 0x4fff) | 0x40); break;
	case 11: syscall(SYS_sendmmsg, f, rnd() % 2 ? (long)(buf + 256) : ptr(), rnd() % 4, 0x40); break;
	case 12: syscall(SYS_recvmmsg, f, rnd() % 2 ? (long)(buf + 256) : ptr(), rnd() % 4, 0x40, ptr()); break;
	case 13: syscall(SYS_shutdown, f, (long)(rnd() % 4) - (rnd() % 8 == 0)); break;
	case 14: syscall(SYS_setsockopt, f, level(), rnd() % 80, ptr(), len()); break;
	case 15: {
		unsigned int *l = (void *)(buf + 3000);

		*l = (unsigned int)len();
		syscall(SYS_getsockopt, f, level(), rnd() % 80, ptr(), rnd() % 4 ? (long)l : ptr());
		break;
	}
	case 16: syscall(SYS_ioctl, f, 0x8900 + rnd() % 0x80, ptr()); break;
	case 17: syscall(SYS_ioctl, f, rnd() % 2 ? 0x541B : 0x5421, ptr()); break;
	case 18: syscall(SYS_read, f, ptr(), len()); break;
	case 19: syscall(SYS_write, f, ptr(), len()); break;
	case 20: syscall(SYS_readv, f, rnd() % 2 ? (long)(buf + 512) : ptr(), rnd() % 5); break;
	default: syscall(SYS_writev, f, rnd() % 2 ? (long)(buf + 512) : ptr(), rnd() % 5); break;
	}
}

int main(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	int kids = atoi(argv[1]), iters = atoi(argv[2]), seed = atoi(argv[3]), n = 0, st;
	pid_t pids[64];

	if (kids > 64)
		kids = 64;
	for (int k = 0; k < kids; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			setpgid(0, 0);
			signal(SIGPIPE, SIG_IGN);
			rs = 0x9e3779b97f4a7c15ull * (k + 1) + 0x7654321ull * (unsigned)seed;
			buf = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (buf == MAP_FAILED)
				_exit(3);
			munmap(buf + 4096, 4096);
			open_sockets();
			for (int i = 0; i < iters; i++)
				one_call();
			_exit(0);
		}
	}
	/* Up to 30 s, then whatever still runs (or sleeps) is killed. */
	for (int t = 0; t < 3000 && n < kids; t++) {
		while (waitpid(-1, &st, WNOHANG) > 0)
			n++;
		struct timespec ts = { 0, 10000000 };
		nanosleep(&ts, NULL);
	}
	for (int k = 0; k < kids; k++)
		if (pids[k] > 0) {
			kill(-pids[k], SIGKILL);
			kill(pids[k], SIGKILL);
		}
	while (wait(&st) > 0)
		n++;
	printf("sockfuzz: %d children done, %ld calls\n", n, (long)kids * iters);
	return n == kids ? 0 : 1;
}
