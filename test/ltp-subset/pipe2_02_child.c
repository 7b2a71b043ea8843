/*
 * pipe2_02_child FD: the program pipe2_02 executes; exits 0 when FD is not
 * open (fcntl F_GETFL fails with EBADF), 1 when it is, 2 on bad usage.
 * Not a test of its own (no runtest entry).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s <fd>\n", argv[0]);
		return 2;
	}
	if (fcntl(atoi(argv[1]), F_GETFL) < 0 && errno == EBADF)
		return 0;
	return 1;
}
