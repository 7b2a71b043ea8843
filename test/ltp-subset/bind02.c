/*
 * bind02: as the user nobody (effective uid and gid from /etc/passwd and
 * /etc/group), binding a TCP socket to the privileged port 463 fails
 * with EACCES.
 */
#include "tst_test.h"

#define TCP_PRIVILEGED_PORT 463

static void setup(void)
{
	struct passwd *pw = SAFE_GETPWNAM("nobody");
	struct group *gr = SAFE_GETGRGID(pw->pw_gid);

	tst_res(TINFO, "Switching credentials to user: %s, group: %s",
		pw->pw_name, gr->gr_name);
	SAFE_SETEGID(gr->gr_gid);
	SAFE_SETEUID(pw->pw_uid);
}

static void run(void)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(TCP_PRIVILEGED_PORT),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int fd = SAFE_SOCKET(AF_INET, SOCK_STREAM, 0);

	TST_EXP_FAIL(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), EACCES, "bind()");
	SAFE_CLOSE(fd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.needs_root = 1,
};
