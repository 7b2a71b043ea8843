/*
 * bind03: a UNIX stream socket bound to one path cannot be bound again
 * to another (EINVAL), and a second socket cannot take the bound path
 * (EADDRINUSE); the failed re-bind leaves no file at the second path
 * (Linux 5.14 and later; unlink says ENOENT).
 */
#include "tst_test.h"
#include <sys/un.h>

#define SNAME_A "socket.1"
#define SNAME_B "socket.2"

static int sock1 = -1, sock2 = -1;
static struct sockaddr_un sun1 = { .sun_family = AF_UNIX, .sun_path = SNAME_A };
static struct sockaddr_un sun2 = { .sun_family = AF_UNIX, .sun_path = SNAME_B };

static void setup(void)
{
	sock1 = SAFE_SOCKET(PF_UNIX, SOCK_STREAM, 0);
	sock2 = SAFE_SOCKET(PF_UNIX, SOCK_STREAM, 0);
	SAFE_BIND(sock1, (struct sockaddr *)&sun1, sizeof(sun1));
}

static void run(void)
{
	TST_EXP_FAIL(bind(sock1, (struct sockaddr *)&sun2, sizeof(sun2)), EINVAL,
		     "re-bind() socket");
	TST_EXP_FAIL(bind(sock2, (struct sockaddr *)&sun1, sizeof(sun1)), EADDRINUSE,
		     "bind() with bound pathname");
	if (tst_kvercmp(5, 14, 0) >= 0)
		TST_EXP_FAIL(unlink(SNAME_B), ENOENT, "check exist of SNAME_B");
	else
		unlink(SNAME_B);
}

static void cleanup(void)
{
	if (sock1 != -1)
		SAFE_CLOSE(sock1);
	if (sock2 != -1)
		SAFE_CLOSE(sock2);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
	.needs_tmpdir = 1,
};
