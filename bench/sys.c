/*
 * sys.c - the cost of single system calls: getppid(2) round trip,
 * clock_gettime(2) of CLOCK_MONOTONIC (through the vDSO where the kernel
 * has one: musl uses it when the kernel maps one), open(2)+close(2) of a
 * tmpfs file, stat(2).  Each figure is ns per call (per pair for
 * open+close), averaged over the timed loop; each result is checked.
 * sleep_1ms is how late poll(2) with a 1 ms timeout returns: the median
 * overshoot in us (a return before 1 ms is a failure).
 */
#include "bench.h"
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define FILE_PATH "/tmp/bench-sys.file"
#define FILE_SIZE 1234

/* Runs body `batch` times per round until the time is up; ns per body. */
#define TIMED(batch, body) ({						\
	uint64_t done_ = 0;						\
	double t0_ = now(), t_;						\
	do {								\
		for (int i_ = 0; i_ < (batch); i_++) { body; }		\
		done_ += (uint64_t)(batch);				\
	} while ((t_ = now()) - t0_ < bench_secs());			\
	(t_ - t0_) * 1e9 / (double)done_;				\
})

static int b_getppid(void)
{
	long want = (long)getppid(), bad = 0;
	/* The raw system call: no C library may answer from a cache. */
	double ns = TIMED(1000, if (syscall(SYS_getppid) != want) bad++);
	if (bad)
		return fail_data("getppid", "%ld calls returned a wrong pid", bad);
	figure("getppid", ns, "ns", "lower");
	return 0;
}

static int b_clock(void)
{
	struct timespec a, b;
	long back = 0, err = 0;
	clock_gettime(CLOCK_MONOTONIC, &a);
	double ns = TIMED(1000, {
		if (clock_gettime(CLOCK_MONOTONIC, &b) != 0)
			err++;
		if (b.tv_sec < a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec < a.tv_nsec))
			back++;
		a = b;
	});
	if (err)
		return fail_errno("clock_gettime", "clock_gettime failed %ld times", err);
	if (back)
		return fail_data("clock_gettime", "CLOCK_MONOTONIC went back %ld times", back);
	figure("clock_gettime", ns, "ns", "lower");
	return 0;
}

static int make_file(const char *name)
{
	char buf[FILE_SIZE];
	memset(buf, 'b', sizeof buf);
	int fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write_all(fd, buf, sizeof buf) != 0 || close(fd) != 0)
		return fail_errno(name, "creating " FILE_PATH);
	return 0;
}

static int b_openclose(void)
{
	long bad = 0;
	if (make_file("open_close") != 0)
		return -1;
	double ns = TIMED(100, {
		int fd = open(FILE_PATH, O_RDONLY);
		if (fd < 0 || close(fd) != 0)
			bad++;
	});
	unlink(FILE_PATH);
	if (bad)
		return fail_errno("open_close", "%ld open+close pairs failed", bad);
	figure("open_close", ns, "ns", "lower");
	return 0;
}

static int b_stat(void)
{
	struct stat st;
	long bad = 0;
	if (make_file("stat") != 0)
		return -1;
	double ns = TIMED(100, {
		if (stat(FILE_PATH, &st) != 0 || st.st_size != FILE_SIZE || !S_ISREG(st.st_mode))
			bad++;
	});
	unlink(FILE_PATH);
	if (bad)
		return fail_data("stat", "%ld stat calls failed or gave a wrong size/type", bad);
	figure("stat", ns, "ns", "lower");
	return 0;
}

#define SLEEP_SAMPLES 2000

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int b_sleep(void)
{
	static double late[SLEEP_SAMPLES];
	int n = 0;
	long early = 0;
	double t0 = now();
	while (n < SLEEP_SAMPLES && (n < 10 || now() - t0 < bench_secs())) {
		double a = now();
		if (poll(NULL, 0, 1) != 0)
			return fail_errno("sleep_1ms", "poll(NULL, 0, 1) did not time out");
		double us = (now() - a) * 1e6 - 1000;
		early += us < 0;
		late[n++] = us;
	}
	if (early)
		return fail_data("sleep_1ms", "%ld of %d 1 ms polls returned early", early, n);
	qsort(late, n, sizeof late[0], cmp_double);
	figure("sleep_1ms", late[n / 2], "us", "lower");
	return 0;
}

static const struct bench table[] = {
	{ "getppid", b_getppid },
	{ "clock_gettime", b_clock },
	{ "open_close", b_openclose },
	{ "stat", b_stat },
	{ "sleep_1ms", b_sleep },
};

int main(int argc, char **argv)
{
	return bench_main(table, NBENCH(table), argc, argv);
}
