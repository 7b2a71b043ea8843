/*
 * fcntl18: errors: F_GETLK and F_GETLK64 with a bad struct flock address
 * are EFAULT; an unknown command (-1) from an unprivileged user is EINVAL.
 */
#include "tst_test.h"

static int fd = -1;

static void run(void)
{
	struct passwd *pw;
	struct flock fl;

	TST_EXP_FAIL(fcntl(fd, F_GETLK, (struct flock *)-1), EFAULT,
		     "fcntl(F_GETLK, -1)");
	TST_EXP_FAIL(fcntl(fd, F_GETLK64, (struct flock *)-1), EFAULT,
		     "fcntl(F_GETLK64, -1)");
	if (!SAFE_FORK()) {
		pw = SAFE_GETPWNAM("nobody");
		SAFE_SETREUID(-1, pw->pw_uid);
		TST_EXP_FAIL(fcntl(fd, -1, &fl), EINVAL,
			     "fcntl(fd, -1) as nobody");
		exit(0);
	}
	tst_reap_children();
}

static void setup(void)
{
	umask(0);
	fd = SAFE_OPEN("temp.dat", O_CREAT | O_RDWR, 0777);
}

static void cleanup(void)
{
	if (fd >= 0)
		SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.needs_tmpdir = 1,
	.needs_root = 1,
	.forks_child = 1,
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
};
