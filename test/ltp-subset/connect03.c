/*
 * connect03: connect(2) to a UNIX stream socket's path, as the user
 * nobody who bound it: from a datagram socket, EPROTOTYPE (socket file
 * mode 0700); from a stream socket with the file's write permission
 * removed (mode 0500), EACCES.
 */
#include "tst_test.h"
#include <sys/un.h>

#define SOCK_FILE "sock_file"

static int fd_unix_server = -1, fd_unix_dgram = -1, fd_unix_stream = -1;
static struct sockaddr_un sock_un = { .sun_family = AF_UNIX, .sun_path = SOCK_FILE };

static struct tcase {
	int *fd;
	int exp_errno;
	mode_t mode;
	const char *desc;
} tcases[] = {
	{&fd_unix_dgram, EPROTOTYPE, 0700, "socket type does not support the protocol"},
	{&fd_unix_stream, EACCES, 0500, "write permission is denied on the socket file"},
};

static void setup(void)
{
	struct passwd *pw;

	if (geteuid() == 0) {
		pw = SAFE_GETPWNAM("nobody");
		SAFE_SETEUID(pw->pw_uid);
	}
	fd_unix_server = SAFE_SOCKET(AF_UNIX, SOCK_STREAM, 0);
	SAFE_BIND(fd_unix_server, (struct sockaddr *)&sock_un, sizeof(sock_un));
	SAFE_CHMOD(SOCK_FILE, 0700);
	SAFE_LISTEN(fd_unix_server, 5);
	fd_unix_dgram = SAFE_SOCKET(AF_UNIX, SOCK_DGRAM, 0);
	fd_unix_stream = SAFE_SOCKET(AF_UNIX, SOCK_STREAM, 0);
}

static void cleanup(void)
{
	if (fd_unix_dgram != -1)
		SAFE_CLOSE(fd_unix_dgram);
	if (fd_unix_stream != -1)
		SAFE_CLOSE(fd_unix_stream);
	if (fd_unix_server != -1)
		SAFE_CLOSE(fd_unix_server);
}

static void run(unsigned int n)
{
	struct tcase *tc = &tcases[n];

	SAFE_CHMOD(SOCK_FILE, tc->mode);
	TST_EXP_FAIL(connect(*tc->fd, (const struct sockaddr *)&sock_un, sizeof(sock_un)),
		     tc->exp_errno, "%s", tc->desc);
}

static struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.tcnt = ARRAY_SIZE(tcases),
	.test = run,
	.needs_tmpdir = 1,
};
