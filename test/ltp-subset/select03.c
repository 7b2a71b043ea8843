/*
 * select03: the errors of select(), for every variant (select_var.h):
 * EINVAL for nfds < 0, EBADF for a closed fd in a set, EFAULT for a read,
 * write or except set and for a timeout at an invalid address.  Each
 * case runs in a child: libc's select() reads the timeout itself, so for
 * that variant a bad timeout may also end the child with SIGSEGV, which
 * passes (the kernel was never asked).  The pselect6 variant converts
 * a timeval into a timespec, so for the bad timeout it hands the bad
 * address to the kernel directly.
 */
#include "tst_test.h"
#include "select_var.h"

static fd_set readfds_reg, writefds_reg, fds_closed;
static fd_set *preadfds_reg = &readfds_reg, *pwritefds_reg = &writefds_reg;
static fd_set *pfds_closed = &fds_closed, *nullfds, *faulty_fds;
static int fd_closed, fd[2];
static struct timeval timeout = { 0, 1000 };
static struct timeval *valid_to = &timeout, *invalid_to;

static const struct {
	const char *desc;
	int nfds;
	fd_set **readfds, **writefds, **exceptfds;
	struct timeval **timeout;
	int err;
} tc[] = {
	{ "negative nfds", -1, &preadfds_reg, &pwritefds_reg, &nullfds, &valid_to, EINVAL },
	{ "invalid readfds", 6, &pfds_closed, &pwritefds_reg, &nullfds, &valid_to, EBADF },
	{ "invalid writefds", 6, &preadfds_reg, &pfds_closed, &nullfds, &valid_to, EBADF },
	{ "invalid exceptfds", 6, &preadfds_reg, &pwritefds_reg, &pfds_closed, &valid_to, EBADF },
	{ "faulty readfds", 6, &faulty_fds, &pwritefds_reg, &nullfds, &valid_to, EFAULT },
	{ "faulty writefds", 6, &preadfds_reg, &faulty_fds, &nullfds, &valid_to, EFAULT },
	{ "faulty exceptfds", 6, &preadfds_reg, &pwritefds_reg, &faulty_fds, &valid_to, EFAULT },
	{ "faulty timeout", 6, &preadfds_reg, &pwritefds_reg, &nullfds, &invalid_to, EFAULT },
};

static void run(unsigned int n)
{
	int status;
	pid_t pid = SAFE_FORK();

	if (!pid) {
		if (tst_variant == 2 && tc[n].timeout == &invalid_to) {
			TST_EXP_FAIL(tst_syscall(__NR_pselect6, tc[n].nfds,
						 *tc[n].readfds, *tc[n].writefds,
						 *tc[n].exceptfds, invalid_to, NULL),
				     tc[n].err, "pselect6() with %s", tc[n].desc);
			exit(0);
		}
		TST_EXP_FAIL(do_select(tc[n].nfds, *tc[n].readfds, *tc[n].writefds,
				       *tc[n].exceptfds, *tc[n].timeout),
			     tc[n].err, "select() with %s", tc[n].desc);
		exit(0);
	}
	SAFE_WAITPID(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	if (tst_variant == 0 && tc[n].timeout == &invalid_to &&
	    WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) {
		tst_res(TPASS, "libc select() with %s: child killed by SIGSEGV",
			tc[n].desc);
		return;
	}
	tst_res(TFAIL, "select() with %s: child ended with status 0x%x",
		tc[n].desc, status);
}

static void setup(void)
{
	void *bad = tst_get_bad_addr(NULL);

	select_info();
	faulty_fds = bad;
	invalid_to = bad;
	SAFE_PIPE(fd);
	fd_closed = SAFE_DUP(fd[0]);
	FD_ZERO(&readfds_reg);
	FD_SET(fd[0], &readfds_reg);
	FD_ZERO(&writefds_reg);
	FD_SET(fd[1], &writefds_reg);
	FD_ZERO(&fds_closed);
	FD_SET(fd_closed, &fds_closed);
	SAFE_CLOSE(fd_closed);
}

static struct tst_test test = {
	.test = run,
	.tcnt = ARRAY_SIZE(tc),
	.setup = setup,
	.forks_child = 1,
	.test_variants = TEST_VARIANTS,
};
