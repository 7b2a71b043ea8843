/*
 * epoll_create03: with every descriptor up to the RLIMIT_NOFILE limit in
 * use, epoll_create(1) fails with EMFILE (both variants).
 */
#include "tst_test.h"
#include "epoll_create.h"

static int *fds;
static int nfds;

static void setup(void)
{
	long max = SAFE_SYSCONF(_SC_OPEN_MAX);
	int fd;

	variant_info();
	fds = SAFE_MALLOC(max * sizeof(int));
	fds[nfds++] = SAFE_OPEN("dummy", O_RDWR | O_CREAT, 0600);
	while (nfds < max && (fd = dup(fds[0])) >= 0)
		fds[nfds++] = fd;
	if (errno != EMFILE && nfds < max)
		tst_brk(TBROK | TERRNO, "dup() stopped after %d fds", nfds);
}

static void run(void)
{
	TST_EXP_FAIL2(do_epoll_create(1), EMFILE,
		      "epoll_create(1) with every fd in use");
	if (TST_RET >= 0)
		close(TST_RET);
}

static void cleanup(void)
{
	while (nfds > 0)
		close(fds[--nfds]);
	free(fds);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_tmpdir = 1,
	.test_variants = EPOLL_CREATE_VARIANTS,
};
