/*
 * pipe10: what the parent wrote to a pipe before fork() is read, whole,
 * by the child.
 */
#include "tst_test.h"

static int fds[2] = { -1, -1 };

static void run(void)
{
	static const char msg[] = "abcdefghijklmnopqrstuvwxyz";
	char got[BUFSIZ];
	ssize_t w, r;

	SAFE_PIPE(fds);
	w = SAFE_WRITE(SAFE_WRITE_ALL, fds[1], msg, sizeof(msg));
	if (!SAFE_FORK()) {
		r = SAFE_READ(SAFE_READ_ALL, fds[0], got, w);
		TST_EXP_EQ_LU(w, r);
		if (memcmp(got, msg, w) != 0)
			tst_res(TFAIL, "the child read other bytes than were written");
		exit(0);
	}
	tst_reap_children();
	SAFE_CLOSE(fds[0]);
	SAFE_CLOSE(fds[1]);
}

static void cleanup(void)
{
	tst_close_fds(fds, 2);
}

static struct tst_test test = {
	.test_all = run,
	.forks_child = 1,
	.cleanup = cleanup,
};
