/*
 * fcntl05: F_GETLK on a file nobody has locked does not place a lock: it
 * returns 0, sets l_type to F_UNLCK and leaves l_whence (SEEK_CUR),
 * l_start, l_len and l_pid as they were.
 */
#define TFILE_FLAGS	O_RDWR
#define TFILE_MODE	0700
#include "fcntl_tfile.h"
#include "fcntl_lock.h"

static void run(void)
{
	pid_t pid = getpid();
	struct flock fl = {
		.l_type = F_RDLCK, .l_whence = SEEK_CUR, .l_start = 0,
		.l_len = 0, .l_pid = pid,
	};

	TST_EXP_PASS(fcntl(fd, F_GETLK, &fl), "fcntl(%d, F_GETLK, &fl)", fd);
	if (!lk_expect("F_GETLK", &fl, F_UNLCK, SEEK_CUR, 0, 0, pid))
		tst_res(TPASS, "F_UNLCK, the other fields unchanged");
}

TFILE_TEST(run);
