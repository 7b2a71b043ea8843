/* A dynamically linked musl program (ktest.c's exec_dynamic): runs through
 * /lib/ld-musl-x86_64.so.1 and exits with 40 + argc after using libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	char *p = malloc(64);

	if (!p)
		return 1;
	snprintf(p, 64, "%s", argv[0]);
	return strstr(p, "dyn") ? 40 + argc : 2;
}
