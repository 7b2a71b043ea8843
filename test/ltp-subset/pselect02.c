/*
 * pselect02: the errors of pselect(), both variants (pselect_var.h):
 * EBADF for a closed descriptor in the read set, EINVAL for nfds -1 and
 * for a timeout with tv_sec -1.
 */
#include "tst_test.h"
#include "pselect_var.h"

static fd_set read_fds;
static struct timespec bad_ts = { -1, 0 };

static const struct {
	int nfds;
	fd_set *readfds;
	struct timespec *ts;
	int err;
	const char *desc;
} tc[] = {
	{ 128, &read_fds, NULL, EBADF, "a closed fd in the read set" },
	{ -1, NULL, NULL, EINVAL, "nfds -1" },
	{ 128, NULL, &bad_ts, EINVAL, "timeout tv_sec -1" },
};

static void run(unsigned int n)
{
	TST_EXP_FAIL(do_pselect(tc[n].nfds, tc[n].readfds, NULL, NULL, tc[n].ts,
				NULL), tc[n].err, "pselect() with %s", tc[n].desc);
}

static void setup(void)
{
	int fd;

	pselect_info();
	fd = SAFE_OPEN("test_file", O_RDWR | O_CREAT, 0600);
	FD_ZERO(&read_fds);
	FD_SET(fd, &read_fds);
	SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tc),
	.setup = setup,
	.needs_tmpdir = 1,
	.test_variants = TEST_VARIANTS,
};
