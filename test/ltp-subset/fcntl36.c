/*
 * fcntl36: OFD locks racing with POSIX locks (and with each other)
 * between threads, each thread with its own open of the file.  The file
 * holds thread_cnt + 1 blocks of 4096 bytes of 1.  For 1 s, per case,
 * three sets of threads at offsets 0, 1024 and 2048 past each block
 * start loop: writers take a write lock (OFD or POSIX, F_*SETLKW) on
 * their 4096 bytes and fill them with one value (2..254, changing each
 * pass); readers take a read lock and check that each quarter they read
 * is one value in 1..254.  Afterwards every 1024-byte quarter of the file
 * must be one value in 2..254 (the first three may still be 1).  Cases:
 * OFD read vs OFD write, OFD write vs POSIX write, OFD read vs POSIX
 * write, OFD write vs POSIX read, OFD write vs OFD write, OFD read and
 * write vs POSIX write, OFD read and write vs POSIX read.
 */
#include <pthread.h>
#include <sched.h>
#include "tst_test.h"

#define MAX_THREADS	32
#define WRITE_SIZE	4096

struct param {
	long offset, length, cnt;
};

static const char fname[] = "tst_ofd_posix_locks";
static int thread_cnt;
static volatile int fail_flag, loop_flag;
static pthread_barrier_t barrier;

static void lock(int fd, int cmd, short type, const struct param *pa)
{
	struct flock lck = {
		.l_type = type, .l_whence = SEEK_SET, .l_start = pa->offset,
		.l_len = pa->length,
	};

	SAFE_FCNTL(fd, cmd, &lck);
}

static void writer(const struct param *pa, int setlkw)
{
	unsigned char buf[WRITE_SIZE];
	int fd = SAFE_OPEN(fname, O_RDWR);
	long wt = pa->cnt;

	while (loop_flag) {
		memset(buf, wt, pa->length);
		lock(fd, setlkw, F_WRLCK, pa);
		SAFE_LSEEK(fd, pa->offset, SEEK_SET);
		SAFE_WRITE(SAFE_WRITE_ALL, fd, buf, pa->length);
		lock(fd, setlkw, F_UNLCK, pa);
		if (++wt >= 255)
			wt = pa->cnt;
		sched_yield();
	}
	pthread_barrier_wait(&barrier);
	SAFE_CLOSE(fd);
}

static void reader(const struct param *pa, int setlkw, int setlk)
{
	unsigned char buf[WRITE_SIZE];
	int fd = SAFE_OPEN(fname, O_RDWR), i;

	while (loop_flag) {
		memset(buf, 0, pa->length);
		lock(fd, setlkw, F_RDLCK, pa);
		SAFE_LSEEK(fd, pa->offset, SEEK_SET);
		SAFE_READ(SAFE_READ_ALL, fd, buf, pa->length);
		for (i = 0; i < pa->length; i++) {
			int j = i / (pa->length / 4) * (pa->length / 4);

			if (buf[i] < 1 || buf[i] > 254 || buf[i] != buf[j]) {
				tst_res(TFAIL, "read offset %ld value %d (quarter "
					"starts %d)", pa->offset + i, buf[i], buf[j]);
				fail_flag = 1;
				break;
			}
		}
		lock(fd, setlk, F_UNLCK, pa);
		sched_yield();
	}
	pthread_barrier_wait(&barrier);
	SAFE_CLOSE(fd);
}

static void *fn_ofd_w(void *a) { writer(a, F_OFD_SETLKW); return NULL; }
static void *fn_posix_w(void *a) { writer(a, F_SETLKW); return NULL; }
static void *fn_ofd_r(void *a) { reader(a, F_OFD_SETLKW, F_OFD_SETLK); return NULL; }
static void *fn_posix_r(void *a) { reader(a, F_SETLKW, F_SETLK); return NULL; }
static void *fn_dummy(void *a) { pthread_barrier_wait(&barrier); return a; }

static const struct tcase {
	void *(*fn[3])(void *);
	const char *desc;
} tcases[] = {
	{ { fn_ofd_r, fn_ofd_w, fn_dummy }, "OFD read lock vs OFD write lock" },
	{ { fn_ofd_w, fn_posix_w, fn_dummy }, "OFD write lock vs POSIX write lock" },
	{ { fn_ofd_r, fn_posix_w, fn_dummy }, "OFD read lock vs POSIX write lock" },
	{ { fn_ofd_w, fn_posix_r, fn_dummy }, "OFD write lock vs POSIX read lock" },
	{ { fn_ofd_w, fn_ofd_w, fn_dummy }, "OFD write lock vs OFD write lock" },
	{ { fn_ofd_r, fn_ofd_w, fn_posix_w }, "OFD r/w locks vs POSIX write lock" },
	{ { fn_ofd_r, fn_ofd_w, fn_posix_r }, "OFD r/w locks vs POSIX read lock" },
};

static void fill_file(void)
{
	unsigned char buf[WRITE_SIZE];
	int fd = SAFE_OPEN(fname, O_CREAT | O_TRUNC | O_WRONLY, 0600), i;

	memset(buf, 1, sizeof(buf));
	for (i = 0; i < thread_cnt + 1; i++)
		SAFE_WRITE(SAFE_WRITE_ALL, fd, buf, sizeof(buf));
	SAFE_CLOSE(fd);
}

static void run(unsigned int n)
{
	const struct tcase *tc = &tcases[n];
	pthread_t id[3][MAX_THREADS];
	struct param p[3][MAX_THREADS];
	unsigned char buf[WRITE_SIZE / 4];
	int i, k, s, fd, err;

	tst_res(TINFO, "%s", tc->desc);
	fill_file();
	if (pthread_barrier_init(&barrier, NULL, thread_cnt * 3))
		tst_brk(TBROK, "pthread_barrier_init");
	fail_flag = 0;
	loop_flag = 1;
	for (i = 0; i < thread_cnt; i++) {
		for (s = 0; s < 3; s++) {
			p[s][i].offset = i * WRITE_SIZE + s * WRITE_SIZE / 4;
			p[s][i].length = WRITE_SIZE;
			p[s][i].cnt = i + 2;
			err = pthread_create(&id[s][i], NULL, tc->fn[s], &p[s][i]);
			if (err)
				tst_brk(TBROK, "pthread_create: %s", tst_strerrno(err));
		}
	}
	sleep(1);
	loop_flag = 0;
	for (i = 0; i < thread_cnt; i++)
		for (s = 0; s < 3; s++)
			pthread_join(id[s][i], NULL);
	pthread_barrier_destroy(&barrier);

	fd = SAFE_OPEN(fname, O_RDONLY);
	for (i = 0; i < thread_cnt * 4; i++) {
		SAFE_READ(SAFE_READ_ALL, fd, buf, sizeof(buf));
		for (k = 0; k < (int)sizeof(buf); k++) {
			if ((buf[k] < 2 || buf[k] > 254) && !(i < 3 && buf[k] == 1)) {
				tst_res(TFAIL, "offset %zu holds %d", i * sizeof(buf) + k,
					buf[k]);
				goto out;
			}
			if (buf[k] != buf[0]) {
				tst_res(TFAIL, "quarter %d is torn at byte %d", i, k);
				goto out;
			}
		}
	}
	if (!fail_flag)
		tst_res(TPASS, "%s: access synchronized", tc->desc);
out:
	SAFE_CLOSE(fd);
}

static void setup(void)
{
	thread_cnt = sysconf(_SC_NPROCESSORS_CONF) * 3;
	if (thread_cnt > MAX_THREADS)
		thread_cnt = MAX_THREADS;
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
	.setup = setup,
};
