/*
 * pipeio.c - data through pipes (pipe(7)): faults part way through a
 * read or a write, PIPE_BUF atomicity with several writers using write
 * and writev, readv/writev across page boundaries of the pipe, the
 * non-blocking room rule for small writes, EPIPE/SIGPIPE, and the data
 * kept across F_SETPIPE_SZ; vmsplice both ways.  On Linux each page of the pipe is a buffer,
 * taken or handed over whole: a fault inside the first page of a
 * transfer is EFAULT, one later returns the pages before it.
 */
#include "../check.h"

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>

#define PG 4096

static unsigned char pattern(long i)
{
	return (unsigned char)(i * 13 + i / 509);
}

static int in_pipe(int fd)
{
	int n = -1;

	return ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

/* Two pages, the second PROT_NONE: a fault exactly at buf + PG. */
static unsigned char *guarded_pages(void)
{
	unsigned char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return NULL;
	if (mprotect(m + PG, PG, PROT_NONE)) {
		munmap(m, 2 * PG);
		return NULL;
	}
	return m;
}

/* A write that faults after a page returns that page; none is EFAULT. */
static void write_fault_part_way(void)
{
	unsigned char *m = guarded_pages(), buf[PG];
	int p[2];

	REQUIRE(m != NULL, "mmap/mprotect: %s", strerror(errno));
	for (long i = 0; i < PG; i++)
		m[i] = pattern(i);
	REQUIRE_OK(pipe(p));
	REQUIRE_RET(write(p[1], m, 2 * PG), PG);
	REQUIRE(in_pipe(p[0]) == PG, "%d bytes in the pipe, want %d", in_pipe(p[0]), PG);
	REQUIRE_RET(read(p[0], buf, sizeof buf), PG);
	REQUIRE(memcmp(buf, m, PG) == 0, "the page written is not the page read");
	/* Nothing readable: EFAULT, the pipe stays empty, no SIGPIPE. */
	REQUIRE_ERR(write(p[1], m + PG, 10), EFAULT);
	/* A fault inside the pipe's first page: nothing of it counts. */
	REQUIRE_ERR(write(p[1], m + PG - 13, 100), EFAULT);
	REQUIRE_ERR(write(p[1], BADPTR, 10), EFAULT);
	REQUIRE(in_pipe(p[0]) == 0, "%d bytes in the pipe after EFAULT", in_pipe(p[0]));
	close(p[0]);
	close(p[1]);
	/* writev on a new pipe: the fault in the second vector ends it there. */
	struct iovec iov[2] = { { m, PG }, { m + PG, 100 } };
	REQUIRE_OK(pipe(p));
	REQUIRE_RET(writev(p[1], iov, 2), PG);
	REQUIRE(in_pipe(p[0]) == PG, "%d bytes in the pipe after writev", in_pipe(p[0]));
	close(p[0]);
	close(p[1]);
	munmap(m, 2 * PG);
}

/* A read that faults after a page returns it; the rest stays in the pipe. */
static void read_fault_part_way(void)
{
	unsigned char *m = guarded_pages(), *src = malloc(2 * PG), buf[PG];
	int p[2];

	REQUIRE(m != NULL && src != NULL, "mmap/mprotect: %s", strerror(errno));
	for (long i = 0; i < 2 * PG; i++)
		src[i] = pattern(i);
	REQUIRE_OK(pipe(p));
	REQUIRE_RET(write(p[1], src, 2 * PG), 2 * PG);
	/* Nothing writable: EFAULT, and no byte is consumed. */
	REQUIRE_ERR(read(p[0], m + PG, 10), EFAULT);
	REQUIRE_ERR(read(p[0], m + PG - 13, 100), EFAULT);
	REQUIRE_ERR(read(p[0], BADPTR, 10), EFAULT);
	REQUIRE(in_pipe(p[0]) == 2 * PG, "%d bytes left after EFAULT", in_pipe(p[0]));
	REQUIRE_RET(read(p[0], m, 2 * PG), PG);
	REQUIRE(memcmp(m, src, PG) == 0, "the first page read is wrong");
	REQUIRE(in_pipe(p[0]) == PG, "%d bytes left, want %d", in_pipe(p[0]), PG);
	REQUIRE_RET(read(p[0], buf, sizeof buf), PG);
	REQUIRE(memcmp(buf, src + PG, PG) == 0, "the second page read is wrong");
	close(p[0]);
	close(p[1]);
	munmap(m, 2 * PG);
	free(src);
}

/*
 * writev and readv with vectors of odd sizes: the data crosses the
 * pipe's page boundaries at other places than the vectors' and arrives
 * whole and in order.
 */
static void vectors_across_pages(void)
{
	static unsigned char src[20000], dst[20000];
	static const size_t wlen[] = { 1, 1000, 5000, 3, 7000, 4999 };	/* 18003 */
	static const size_t rlen[] = { 4095, 2, 9000, 17, 4889 };	/* 18003 */
	struct iovec wv[6], rv[5];
	size_t off = 0, got;
	unsigned char head[100];
	int p[2];

	for (long i = 0; i < (long)sizeof src; i++)
		src[i] = pattern(i);
	REQUIRE_OK(pipe(p));
	/* 100 bytes in and out first: the ring no longer starts on a page. */
	REQUIRE_RET(write(p[1], src, 50), 50);
	REQUIRE_RET(read(p[0], head, 30), 30);
	for (int i = 0; i < 6; i++) {
		wv[i] = (struct iovec){ src + 50 + off, wlen[i] };
		off += wlen[i];
	}
	REQUIRE_RET(writev(p[1], wv, 6), (ssize_t)off);
	REQUIRE(in_pipe(p[0]) == (int)off + 20, "%d bytes in the pipe", in_pipe(p[0]));
	REQUIRE_RET(read(p[0], head, 20), 20);
	REQUIRE(memcmp(head, src + 30, 20) == 0, "the first 50 bytes came back wrong");
	off = 0;
	for (int i = 0; i < 5; i++) {
		rv[i] = (struct iovec){ dst + off, rlen[i] };
		off += rlen[i];
	}
	got = 0;
	while (got < off) {
		ssize_t n = readv(p[0], rv, 5);

		REQUIRE(n > 0, "readv: %zd (%s) after %zu bytes", n, strerror(errno), got);
		got += (size_t)n;
		/* One readv takes all there is: the whole write is there. */
		REQUIRE(got == off, "readv returned %zd bytes of %zu", n, off);
	}
	REQUIRE(memcmp(dst, src + 50, off) == 0, "the bytes read differ from those written");
	close(p[0]);
	close(p[1]);
}

/*
 * Four writers at once: 4096-byte writes, 1000-byte writes, 4096 bytes
 * as a writev of three vectors, and 1-byte writes.  Each writer's byte
 * tells the reader its record length, so any interleaving inside a
 * record (all are at most PIPE_BUF) shows.
 */
#define WRITERS 4
#define RECORDS 20	/* all of them fit the reader's buffer */
static const size_t rec_len[WRITERS] = { 4096, 1000, 4096, 1 };

static int atomic_writer(int fd, int k)
{
	static unsigned char rec[4096];
	struct iovec iov[3] = { { rec, 1 }, { rec + 1, 3000 }, { rec + 3001, 1095 } };

	memset(rec, 'a' + k, sizeof rec);
	for (int i = 0; i < RECORDS; i++) {
		ssize_t n = k == 2 ? writev(fd, iov, 3) : write(fd, rec, rec_len[k]);

		if (n != (ssize_t)rec_len[k])
			return 1;
	}
	return 0;
}

static void atomic_many_writers(void)
{
	static unsigned char buf[1 << 18];
	long count[WRITERS] = { 0 };
	size_t have = 0, at = 0;
	pid_t w[WRITERS];
	ssize_t n;
	int p[2];

	REQUIRE_OK(pipe(p));
	for (int k = 0; k < WRITERS; k++) {
		w[k] = fork();
		if (w[k] == 0) {
			close(p[0]);
			_exit(atomic_writer(p[1], k));
		}
	}
	close(p[1]);
	while (have < sizeof buf && (n = read(p[0], buf + have, sizeof buf - have)) > 0)
		have += (size_t)n;
	for (int k = 0; k < WRITERS; k++)
		REQUIRE(wait_status(w[k]) == 0, "writer %d failed", k);
	while (at < have) {
		int k = buf[at] - 'a';

		REQUIRE(k >= 0 && k < WRITERS, "byte %zu is 0x%02x", at, buf[at]);
		REQUIRE(at + rec_len[k] <= have, "a record cut short at %zu", at);
		for (size_t i = 0; i < rec_len[k]; i++)
			REQUIRE(buf[at + i] == buf[at], "writer %d's record at %zu is "
				"interleaved at +%zu", k, at, i);
		count[k]++;
		at += rec_len[k];
	}
	for (int k = 0; k < WRITERS; k++)
		REQUIRE(count[k] == RECORDS, "writer %d: %ld records, want %d", k, count[k],
			RECORDS);
	close(p[0]);
}

/*
 * O_NONBLOCK: a write of at most PIPE_BUF bytes goes in whole or not at
 * all (EAGAIN), whatever room is left.
 */
static void nonblock_small_write(void)
{
	static unsigned char big[65536];
	unsigned char small[PG];
	int p[2];

	memset(small, 'x', sizeof small);
	REQUIRE_OK(pipe2(p, O_NONBLOCK));
	for (int i = 0; i < 15; i++)
		REQUIRE_RET(write(p[1], big, PG), PG);
	REQUIRE_RET(write(p[1], big, PG - 100), PG - 100);
	REQUIRE_ERR(write(p[1], small, PG), EAGAIN);
	REQUIRE_ERR(write(p[1], small, 200), EAGAIN);
	REQUIRE_RET(write(p[1], small, 50), 50);
	REQUIRE(in_pipe(p[0]) == 65536 - 50, "%d bytes in the pipe", in_pipe(p[0]));
	REQUIRE_RET(read(p[0], big, sizeof big), 65536 - 50);
	REQUIRE(big[65536 - 51] == 'x' && big[65536 - 101] == 0, "the last 50 bytes");
	REQUIRE_ERR(read(p[0], big, 1), EAGAIN);
	close(p[0]);
	close(p[1]);
}

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

/* No reader: EPIPE and SIGPIPE, for write and writev; none for EFAULT. */
static void epipe_and_sigpipe(void)
{
	struct iovec iov[2] = { { "ab", 2 }, { "cd", 2 } };
	int p[2];

	signal(SIGPIPE, on_sigpipe);
	REQUIRE_OK(pipe(p));
	close(p[0]);
	REQUIRE_ERR(write(p[1], "x", 1), EPIPE);
	REQUIRE(sigpipes == 1, "%d SIGPIPEs after write, want 1", (int)sigpipes);
	REQUIRE_ERR(writev(p[1], iov, 2), EPIPE);
	REQUIRE(sigpipes == 2, "%d SIGPIPEs after writev, want 2", (int)sigpipes);
	REQUIRE_RET(write(p[1], "", 0), 0);
	REQUIRE(sigpipes == 2, "a zero-length write raised SIGPIPE");
	close(p[1]);
}

/*
 * F_SETPIPE_SZ moves the data in order, from a ring that wrapped.  (Only
 * writes that fit are made after it: Linux counts a pipe's room in whole
 * pages, Tern in bytes.)
 */
static void resize_keeps_data(void)
{
	static unsigned char src[70000], dst[70000];
	int p[2];

	for (long i = 0; i < (long)sizeof src; i++)
		src[i] = pattern(i);
	REQUIRE_OK(pipe2(p, O_NONBLOCK));
	/* Wrap the 64 KiB ring: 60000 in, 50000 out, 30000 more in. */
	REQUIRE_RET(write(p[1], src, 60000), 60000);
	REQUIRE_RET(read(p[0], dst, 50000), 50000);
	REQUIRE_RET(write(p[1], src + 60000, 10000), 10000);
	REQUIRE(in_pipe(p[0]) == 20000, "%d bytes in the pipe", in_pipe(p[0]));
	REQUIRE_ERR(fcntl(p[0], F_SETPIPE_SZ, 16384), EBUSY);
	REQUIRE_RET(fcntl(p[0], F_SETPIPE_SZ, 20000), 32768);
	REQUIRE_RET(fcntl(p[1], F_GETPIPE_SZ, 0), 32768);
	REQUIRE_RET(write(p[1], src, 3000), 3000);
	REQUIRE_RET(read(p[0], dst, sizeof dst), 23000);
	REQUIRE(memcmp(dst, src + 50000, 20000) == 0, "data moved wrong by F_SETPIPE_SZ");
	REQUIRE(memcmp(dst + 20000, src, 3000) == 0, "data written after F_SETPIPE_SZ");
	/* Growing again, empty, then a full 64 KiB. */
	REQUIRE_RET(fcntl(p[0], F_SETPIPE_SZ, 65536), 65536);
	REQUIRE_RET(write(p[1], src, 65536), 65536);
	REQUIRE_RET(read(p[0], dst, sizeof dst), 65536);
	REQUIRE(memcmp(dst, src, 65536) == 0, "64 KiB after growing");
	close(p[0]);
	close(p[1]);
}

/*
 * vmsplice(2): user vectors into a pipe's write end, out of its read end
 * into vectors; SPLICE_F_NONBLOCK; EINVAL, EBADF, EPIPE with SIGPIPE.
 */
static void vmsplice_both_ways(void)
{
	static unsigned char src[PG * 3], dst[PG * 3];
	struct iovec in[3] = { { src, 10 }, { src + 10, 5000 }, { src + 5010, 2990 } };
	struct iovec out[2] = { { dst, 3000 }, { dst + 3000, 5000 } };
	int p[2], fd;

	for (long i = 0; i < (long)sizeof src; i++)
		src[i] = pattern(i);
	REQUIRE_OK(pipe(p));
	REQUIRE_RET(vmsplice(p[1], in, 3, 0), 8000);
	REQUIRE(in_pipe(p[0]) == 8000, "%d bytes in the pipe", in_pipe(p[0]));
	REQUIRE_RET(vmsplice(p[0], out, 2, 0), 8000);
	REQUIRE(memcmp(dst, src, 8000) == 0, "the bytes vmspliced out differ");
	REQUIRE_ERR(vmsplice(p[0], out, 2, SPLICE_F_NONBLOCK), EAGAIN);
	REQUIRE_RET(vmsplice(p[1], in, 0, 0), 0);
	REQUIRE_ERR(vmsplice(p[1], in, 1, 0x10), EINVAL);
	REQUIRE_ERR(vmsplice(-1, in, 1, 0), EBADF);
	fd = open("/proc/self/stat", O_RDONLY);
	REQUIRE_OK(fd);
	REQUIRE_ERR(vmsplice(fd, out, 1, 0), EBADF);
	close(fd);
	/* A full pipe: SPLICE_F_NONBLOCK is EAGAIN. */
	for (int i = 0; i < 16; i++)
		REQUIRE_RET(write(p[1], src, PG), PG);
	REQUIRE_ERR(vmsplice(p[1], in, 1, SPLICE_F_NONBLOCK), EAGAIN);
	close(p[0]);
	signal(SIGPIPE, on_sigpipe);
	REQUIRE_ERR(vmsplice(p[1], in, 1, 0), EPIPE);
	REQUIRE(sigpipes == 1, "%d SIGPIPEs after vmsplice, want 1", (int)sigpipes);
	close(p[1]);
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(write_fault_part_way),
		CHECK(read_fault_part_way),
		CHECK(vectors_across_pages),
		CHECK(atomic_many_writers),
		CHECK(nonblock_small_write),
		CHECK(epipe_and_sigpipe),
		CHECK(resize_keeps_data),
		CHECK(vmsplice_both_ways),
	};

	return run_checks("pipeio", checks, NCHECKS(checks));
}
