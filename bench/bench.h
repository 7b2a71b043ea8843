/*
 * bench.h - what every benchmark program of bench/ shares (header only;
 * each program is one .c file built static with musl-gcc, mk/bench.mk).
 *
 * A program holds a table of benchmarks and runs the ones named on its
 * command line (all of them when none is named):
 *
 *     PROG [-s | -t SECS] [NAME...]
 *                              -s: smoke size (a few iterations: checks
 *                              that the benchmark works, measures nothing)
 *                              -t: run each timed loop SECS seconds instead
 *                              of BENCH_SECS (the profiler's longer runs)
 *     PROG -x CODE             exit at once with CODE (the exec target of
 *                              the fork+exec benchmark)
 *
 * Each figure is one line on stdout, for tools/bench to parse:
 *
 *     BENCH <name> <value> <unit> <higher|lower>
 *
 * and a benchmark that cannot run, or that moved wrong bytes, prints
 * instead, and gives no figure at all:
 *
 *     BENCH-FAIL <name> <ERRNO-NAME or DATA> <what failed>
 *
 * The program exits 0 when every benchmark it ran gave its figures, 1
 * otherwise.  Benchmarks run for a fixed time (BENCH_SECS of wall time
 * in batches, so a slow kernel costs no more time than a fast one, only
 * fewer iterations), never a fixed count.
 */
#ifndef TERN_BENCH_H
#define TERN_BENCH_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct bench {
	const char *name;
	int (*fn)(void);	/* 0: figures printed; -1: BENCH-FAIL printed */
};

/* Set by -s: the smallest run that still moves and verifies data. */
static int bench_smoke;

/* Wall time each timed loop runs for (seconds), and in smoke mode. */
#define BENCH_SECS 0.5
#define SMOKE_SECS 0.02

static double bench_time = BENCH_SECS;

static double bench_secs(void)
{
	return bench_smoke ? SMOKE_SECS : bench_time;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *errname(int e)
{
	static char buf[16];
	switch (e) {
#define E(x) case x: return #x
	E(EPERM); E(ENOENT); E(ESRCH); E(EINTR); E(EIO); E(ENXIO);
	E(E2BIG); E(ENOEXEC); E(EBADF); E(ECHILD); E(EAGAIN); E(ENOMEM);
	E(EACCES); E(EFAULT); E(EBUSY); E(EEXIST); E(ENODEV); E(ENOTDIR);
	E(EISDIR); E(EINVAL); E(ENFILE); E(EMFILE); E(ENOSPC); E(EPIPE);
	E(ENOSYS); E(ETIMEDOUT); E(ENOTSOCK); E(EOPNOTSUPP);
	E(EAFNOSUPPORT); E(EADDRINUSE); E(EADDRNOTAVAIL); E(ENETDOWN);
	E(ENETUNREACH); E(ECONNABORTED); E(ECONNRESET); E(ENOBUFS);
	E(ENOTCONN); E(EHOSTUNREACH); E(EINPROGRESS); E(ECONNREFUSED);
	E(EPROTONOSUPPORT);
#undef E
	}
	snprintf(buf, sizeof buf, "errno%d", e);
	return buf;
}

static void figure(const char *name, double value, const char *unit,
		   const char *better)
{
	printf("BENCH %s %.6g %s %s\n", name, value, unit, better);
	fflush(stdout);
}

/* A failed system call: its errno names the failure. */
__attribute__((format(printf, 2, 3)))
static int fail_errno(const char *name, const char *fmt, ...)
{
	int e = errno;
	char what[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	printf("BENCH-FAIL %s %s %s\n", name, errname(e), what);
	fflush(stdout);
	return -1;
}

/* Wrong data (or a wrong result): DATA names the failure. */
__attribute__((format(printf, 2, 3)))
static int fail_data(const char *name, const char *fmt, ...)
{
	char what[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	printf("BENCH-FAIL %s DATA %s\n", name, what);
	fflush(stdout);
	return -1;
}

/*
 * The byte stream the data benchmarks move: byte number o of a stream is
 * pat[o % PAT_LEN].  PAT_LEN is a prime, so a chunk lost, repeated or
 * reordered anywhere shifts the pattern and fails the comparison.  pat
 * holds PAT_LEN + CHUNK bytes, so any CHUNK-long window is contiguous.
 */
#define CHUNK 65536
#define PAT_LEN 65521
static unsigned char pat[PAT_LEN + CHUNK];

static void pat_init(void)
{
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < PAT_LEN; i++) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;	/* xorshift32 */
		pat[i] = (unsigned char)x;
	}
	/* CHUNK > PAT_LEN: a forward copy that reads what it wrote. */
	for (size_t i = 0; i < CHUNK; i++)
		pat[PAT_LEN + i] = pat[i];
}

/* Does buf[0..n) hold the stream's bytes from offset off on? */
static int pat_check(const unsigned char *buf, size_t n, uint64_t off)
{
	while (n > 0) {
		size_t at = (size_t)(off % PAT_LEN);
		size_t k = n < CHUNK ? n : CHUNK;
		if (memcmp(buf, pat + at, k) != 0)
			return -1;
		buf += k; n -= k; off += k;
	}
	return 0;
}

static int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w; n -= (size_t)w;
	}
	return 0;
}

static int read_all(int fd, void *buf, size_t n)
{
	char *p = buf;
	while (n > 0) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0) {
			errno = EPIPE;	/* early end of stream */
			return -1;
		}
		p += r; n -= (size_t)r;
	}
	return 0;
}

/* The child's report of a stream it read: bytes and whether they held. */
struct sink_report {
	uint64_t bytes;
	int32_t ok;		/* 1: every byte matched; 0: wrong data */
	int32_t err;		/* errno of a failed read, else 0 */
};

/* Reads fd to its end, checking every byte against the pattern. */
__attribute__((unused))
static struct sink_report sink_stream(int fd)
{
	static unsigned char buf[CHUNK];
	struct sink_report rep = { 0, 1, 0 };
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rep.err = errno;
			break;
		}
		if (r == 0)
			break;
		if (rep.ok && pat_check(buf, (size_t)r, rep.bytes) != 0)
			rep.ok = 0;
		rep.bytes += (uint64_t)r;
	}
	return rep;
}

/*
 * Writes the pattern stream to fd in CHUNK-sized writes for secs seconds
 * (at least one write).  Returns the bytes written, or -1 (errno set).
 */
__attribute__((unused))
static int64_t source_stream(int fd, double secs)
{
	uint64_t off = 0;
	double t0 = now();
	do {
		for (int i = 0; i < 16; i++) {
			if (write_all(fd, pat + off % PAT_LEN, CHUNK) != 0)
				return -1;
			off += CHUNK;
		}
	} while (now() - t0 < secs);
	return (int64_t)off;
}

/*
 * A throughput benchmark over a connected pair: a child reads rfd to its
 * end and verifies; this process writes to wfd for the set time, closes
 * it, and takes the time when the child has read everything.  Reports
 * MiB/s.  The caller has made the pair; both ends are closed here.
 */
__attribute__((unused))
static int stream_bench(const char *name, int wfd, int rfd)
{
	int rep_pipe[2];
	if (pipe(rep_pipe) != 0)
		return fail_errno(name, "pipe");
	pid_t pid = fork();
	if (pid < 0)
		return fail_errno(name, "fork");
	if (pid == 0) {
		close(wfd);
		close(rep_pipe[0]);
		struct sink_report rep = sink_stream(rfd);
		_exit(write_all(rep_pipe[1], &rep, sizeof rep) == 0 ? 0 : 1);
	}
	close(rfd);
	close(rep_pipe[1]);
	signal(SIGPIPE, SIG_IGN);
	double t0 = now();
	int64_t sent = source_stream(wfd, bench_secs());
	int werr = errno;
	close(wfd);
	struct sink_report rep;
	int got = read_all(rep_pipe[0], &rep, sizeof rep);
	double t1 = now();
	close(rep_pipe[0]);
	int status;
	waitpid(pid, &status, 0);
	if (sent < 0) {
		errno = werr;
		return fail_errno(name, "write");
	}
	if (got != 0)
		return fail_data(name, "the reader gave no report (status 0x%x)", status);
	if (rep.err) {
		errno = rep.err;
		return fail_errno(name, "read");
	}
	if (!rep.ok)
		return fail_data(name, "the reader saw wrong bytes");
	if (rep.bytes != (uint64_t)sent)
		return fail_data(name, "%llu bytes written, %llu read",
				 (unsigned long long)sent, (unsigned long long)rep.bytes);
	figure(name, (double)sent / (1024.0 * 1024.0) / (t1 - t0), "MiB/s", "higher");
	return 0;
}

static int bench_main(const struct bench *table, size_t n, int argc, char **argv)
{
	int i = 1, bad = 0;
	if (argc == 3 && strcmp(argv[1], "-x") == 0)
		_exit(atoi(argv[2]));
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		bench_smoke = 1;
		i++;
	} else if (i + 1 < argc && strcmp(argv[i], "-t") == 0) {
		bench_time = atof(argv[i + 1]);
		if (!(bench_time > 0 && bench_time <= 60)) {
			printf("BENCH-FAIL - EINVAL -t wants 0 < SECS <= 60\n");
			return 1;
		}
		i += 2;
	}
	pat_init();
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t k = 0; k < n; k++) {
		int want = i == argc;
		for (int a = i; a < argc; a++)
			if (strcmp(argv[a], table[k].name) == 0)
				want = 1;
		if (want && table[k].fn() != 0)
			bad = 1;
	}
	for (int a = i; a < argc; a++) {
		size_t k = 0;
		while (k < n && strcmp(argv[a], table[k].name) != 0)
			k++;
		if (k == n) {
			printf("BENCH-FAIL %s EINVAL no such benchmark in %s\n", argv[a], argv[0]);
			bad = 1;
		}
	}
	return bad;
}

#define NBENCH(t) (sizeof(t) / sizeof((t)[0]))

#endif
