/*
 * fcntl35: /proc/sys/fs/pipe-max-size caps the initial capacity of a new
 * pipe for an unprivileged user but not for a privileged one: with the
 * limit set to one page, nobody's new pipe holds one page, root's the
 * default 16 pages.
 */
#include "tst_test.h"

#define PIPE_MAX	"/proc/sys/fs/pipe-max-size"

static int orig_max = -1, unpriv_size, priv_size;
static struct passwd *pw;

static void run(unsigned int n)
{
	int fds[2], want = n ? priv_size : unpriv_size;

	if (!SAFE_FORK()) {
		if (!n)
			SAFE_SETUID(pw->pw_uid);
		SAFE_PIPE(fds);
		TST_EXP_VAL(fcntl(fds[1], F_GETPIPE_SZ), want,
			    "%s user's new pipe", n ? "a privileged" : "an unprivileged");
		exit(0);
	}
	tst_reap_children();
}

static void setup(void)
{
	unpriv_size = getpagesize();
	priv_size = unpriv_size * 16;
	if (access(PIPE_MAX, F_OK))
		tst_brk(TCONF, "%s does not exist", PIPE_MAX);
	SAFE_FILE_SCANF(PIPE_MAX, "%d", &orig_max);
	SAFE_FILE_PRINTF(PIPE_MAX, "%d", unpriv_size);
	pw = SAFE_GETPWNAM("nobody");
}

static void cleanup(void)
{
	if (orig_max > 0)
		SAFE_FILE_PRINTF(PIPE_MAX, "%d", orig_max);
}

static struct tst_test test = {
	.needs_root = 1,
	.forks_child = 1,
	.tcnt = 2,
	.test = run,
	.setup = setup,
	.cleanup = cleanup,
	.tags = (const struct tst_tag[]) {
		{ "linux-git", "086e774a57fb" },
		{ NULL, NULL }
	},
};
