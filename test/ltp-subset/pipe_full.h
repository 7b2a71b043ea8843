/*
 * pipe_full.h: pipe2_03's and pipe2_04's last step: a writer of n bytes
 * to a full pipe (fd, its O_NONBLOCK cleared by the writer) must sleep:
 * TPASS when it is in state 'S' within 1 s, TFAIL if not; then it is
 * killed and reaped.
 */
#ifndef PIPE_FULL_H
#define PIPE_FULL_H

#include "tst_test.h"

static void check_writer_blocks(int fd, const void *buf, size_t n)
{
	pid_t pid = SAFE_FORK();

	if (pid == 0) {
		int fl = SAFE_FCNTL(fd, F_GETFL);

		SAFE_FCNTL(fd, F_SETFL, fl & ~O_NONBLOCK);
		SAFE_WRITE(SAFE_WRITE_ALL, fd, buf, n);
		exit(0);
	}
	if (TST_PROCESS_STATE_WAIT(pid, 'S', 1000) < 0)
		tst_res(TFAIL, "The writer of the full pipe is not blocked");
	else
		tst_res(TPASS, "The writer of the full pipe is blocked");
	SAFE_KILL(pid, SIGKILL);
	SAFE_WAITPID(pid, NULL, 0);
}

#endif
