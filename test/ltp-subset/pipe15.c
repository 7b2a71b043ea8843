/*
 * pipe15: with as many pipes open as /proc/sys/fs/pipe-user-pages-soft
 * allows at the default size, the last one created is past the soft limit
 * and so smaller; filling it, reading all but one byte and writing one
 * more must not block (the hang fixed in Linux 46c4c9d1beb7).
 */
#include "tst_test.h"

static int npipes;
static int *pipes;
static char *buf;

static void run(void)
{
	const int *p = pipes + 2 * (npipes - 1);
	int size = SAFE_FCNTL(p[1], F_GETPIPE_SZ);

	tst_res(TINFO, "Soft-limited buffer size: %d bytes", size);
	SAFE_WRITE(SAFE_WRITE_ALL, p[1], buf, size);
	SAFE_READ(SAFE_READ_ALL, p[0], buf, size - 1);
	SAFE_WRITE(SAFE_WRITE_ALL, p[1], buf, 1);
	tst_res(TPASS, "Pipe operation did not block");
	SAFE_READ(SAFE_READ_ALL, p[0], buf, 2);
}

static void setup(void)
{
	int fds[2], size, soft, i;
	struct rlimit nofile;

	SAFE_PIPE(fds);
	size = SAFE_FCNTL(fds[1], F_GETPIPE_SZ);
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
	SAFE_FILE_SCANF("/proc/sys/fs/pipe-user-pages-soft", "%i", &soft);
	npipes = (long long)soft * getpagesize() / size;
	tst_res(TINFO, "Soft limit for pipes: %i pages", soft);
	tst_res(TINFO, "Buffer size: %d byte", size);
	tst_res(TINFO, "Creating %i pipes", npipes);
	SAFE_GETRLIMIT(RLIMIT_NOFILE, &nofile);
	if (nofile.rlim_max < (rlim_t)npipes * 2 + 3)
		tst_brk(TCONF, "NOFILE limit max too low: %lu < %i",
			(unsigned long)nofile.rlim_max, npipes);
	if (nofile.rlim_cur < nofile.rlim_max) {
		nofile.rlim_cur = nofile.rlim_max;
		SAFE_SETRLIMIT(RLIMIT_NOFILE, &nofile);
	}
	buf = SAFE_MALLOC(size);
	pipes = SAFE_MALLOC(npipes * 2 * sizeof(int));
	for (i = 0; i < npipes * 2; i++)
		pipes[i] = -1;
	for (i = 0; i < npipes; i++)
		SAFE_PIPE(pipes + 2 * i);
}

static void cleanup(void)
{
	int i;

	if (pipes) {
		for (i = 0; i < npipes * 2; i++)
			if (pipes[i] >= 0)
				close(pipes[i]);
		free(pipes);
	}
	free(buf);
}

static struct tst_test test = {
	.setup = setup,
	.test_all = run,
	.cleanup = cleanup,
	.tags = (const struct tst_tag[]) {
		{ "linux-git", "46c4c9d1beb7" },
		{ NULL, NULL },
	},
};
