/*
 * dup07: a descriptor from dup() has the same file mode as the original,
 * for files created read-only (0444), write-only (0222) and read-write
 * (0666).
 */
#include "tst_test.h"

#define FNAME	"dup07"

static const struct {
	mode_t mode;
	const char *what;
} tcases[] = {
	{ 0444, "read" },
	{ 0222, "write" },
	{ 0666, "read/write" },
};

static void run(unsigned int n)
{
	struct stat orig, copy;
	int fd, dfd;

	fd = SAFE_OPEN(FNAME, O_WRONLY | O_CREAT | O_TRUNC, tcases[n].mode);
	TST_EXP_FD_SILENT(dup(fd), "dup(%d)", fd);
	if (TST_PASS) {
		dfd = TST_RET;
		SAFE_FSTAT(fd, &orig);
		SAFE_FSTAT(dfd, &copy);
		if (orig.st_mode != copy.st_mode)
			tst_res(TFAIL, "%s mode 0%o and dup's 0%o do not match",
				tcases[n].what, (unsigned int)orig.st_mode,
				(unsigned int)copy.st_mode);
		else if ((orig.st_mode & 0777) != tcases[n].mode)
			tst_res(TFAIL, "file mode 0%o, created 0%o",
				(unsigned int)orig.st_mode & 0777,
				(unsigned int)tcases[n].mode);
		else
			tst_res(TPASS, "Passed in %s mode.", tcases[n].what);
		SAFE_CLOSE(dfd);
	}
	SAFE_CLOSE(fd);
	SAFE_UNLINK(FNAME);
}

static void setup(void)
{
	umask(0);	/* the mode asked for is the mode created */
}

static struct tst_test test = {
	.setup = setup,
	.test = run,
	.tcnt = ARRAY_SIZE(tcases),
	.needs_tmpdir = 1,
};
