/*
 * fcntl34: OFD locks between threads.  Three threads per CPU (at most
 * 32), each with its own open of one file, append 100 blocks of 4096
 * bytes of their own number, each under an F_OFD_SETLKW write lock on
 * byte 0 (released with F_OFD_SETLKW F_UNLCK).  The file must then hold
 * exactly 100 whole blocks from every thread: no block torn or lost.
 */
#include <pthread.h>
#include <sched.h>
#include "tst_test.h"

#define WRITES		100
#define WRITE_SIZE	4096
#define MAX_THREADS	32

static const char fname[] = "tst_ofd_locks";
static int thread_cnt;

static void *writer(void *arg)
{
	unsigned char buf[WRITE_SIZE];
	struct flock lck = { .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
	int fd = SAFE_OPEN(fname, O_RDWR), i;

	memset(buf, (int)(intptr_t)arg, WRITE_SIZE);
	for (i = 0; i < WRITES; i++) {
		lck.l_type = F_WRLCK;
		SAFE_FCNTL(fd, F_OFD_SETLKW, &lck);
		SAFE_LSEEK(fd, 0, SEEK_END);
		SAFE_WRITE(SAFE_WRITE_ALL, fd, buf, WRITE_SIZE);
		lck.l_type = F_UNLCK;
		SAFE_FCNTL(fd, F_OFD_SETLKW, &lck);
		sched_yield();
	}
	SAFE_CLOSE(fd);
	return NULL;
}

static void run(void)
{
	pthread_t id[MAX_THREADS];
	int res[MAX_THREADS] = { 0 };
	unsigned char buf[WRITE_SIZE];
	int fd, i, k, err;

	fd = SAFE_OPEN(fname, O_CREAT | O_TRUNC | O_RDWR, 0600);
	tst_res(TINFO, "%d threads writing under OFD locks", thread_cnt);
	for (i = 0; i < thread_cnt; i++) {
		err = pthread_create(&id[i], NULL, writer, (void *)(intptr_t)i);
		if (err)
			tst_brk(TBROK, "pthread_create: %s", tst_strerrno(err));
	}
	for (i = 0; i < thread_cnt; i++)
		pthread_join(id[i], NULL);

	SAFE_LSEEK(fd, 0, SEEK_SET);
	for (i = 0; i < WRITES * thread_cnt; i++) {
		SAFE_READ(SAFE_READ_ALL, fd, buf, WRITE_SIZE);
		if (buf[0] >= thread_cnt) {
			tst_res(TFAIL, "block %d holds %d: no thread wrote it", i, buf[0]);
			goto out;
		}
		res[buf[0]]++;
		for (k = 1; k < WRITE_SIZE; k++) {
			if (buf[k] != buf[0]) {
				tst_res(TFAIL, "block %d is torn at byte %d", i, k);
				goto out;
			}
		}
	}
	for (i = 0; i < thread_cnt; i++) {
		if (res[i] != WRITES) {
			tst_res(TFAIL, "thread %d has %d blocks, expected %d", i,
				res[i], WRITES);
			goto out;
		}
	}
	tst_res(TPASS, "OFD locks kept the threads' appends whole");
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
	.test_all = run,
	.setup = setup,
};
