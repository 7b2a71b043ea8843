/*
 * fcntl_dnotify.h: fcntl38 and fcntl39: dnotify on "." and on its
 * subdirectory test_dir, each with F_SETSIG SIGRTMIN+1 and F_NOTIFY
 * DN_MULTISHOT plus the test's event; the handler records, by si_fd,
 * which of the two was signalled.
 */
#include "tst_test.h"

#define TEST_DIR	"test_dir"
#define TEST_SIG	(SIGRTMIN + 1)

static int parent_fd = -1, subdir_fd = -1;
static volatile sig_atomic_t got_parent_event, got_subdir_event, got_other;

static void dnotify_handler(int sig, siginfo_t *si, void *data)
{
	(void)sig;
	(void)data;
	if (si->si_fd == parent_fd)
		got_parent_event = 1;
	else if (si->si_fd == subdir_fd)
		got_subdir_event = 1;
	else
		got_other = si->si_fd;
}

static void setup_dnotify(int fd, unsigned long events)
{
	struct sigaction act = { .sa_sigaction = dnotify_handler,
				 .sa_flags = SA_SIGINFO };

	sigemptyset(&act.sa_mask);
	SAFE_SIGACTION(TEST_SIG, &act, NULL);
	TEST(fcntl(fd, F_SETSIG, TEST_SIG));
	if (TST_RET)
		tst_brk(TBROK | TTERRNO, "F_SETSIG");
	TEST(fcntl(fd, F_NOTIFY, events | DN_MULTISHOT));
	if (TST_RET)
		tst_brk(TBROK | TTERRNO, "F_NOTIFY");
}

/* Whether the parent and the subdirectory were signalled as wanted. */
static void expect_events(int parent, int subdir)
{
	if (got_other)
		tst_res(TFAIL, "signal with unexpected si_fd %d", (int)got_other);
	if (got_parent_event == parent)
		tst_res(TPASS, "%s on the parent, as expected",
			parent ? "event" : "no event");
	else
		tst_res(TFAIL, "%s on the parent", parent ? "no event"
			: "unexpected event");
	if (got_subdir_event == subdir)
		tst_res(TPASS, "%s on the subdirectory, as expected",
			subdir ? "event" : "no event");
	else
		tst_res(TFAIL, "%s on the subdirectory", subdir ? "no event"
			: "unexpected event");
}

static void close_dirs(void)
{
	if (parent_fd >= 0)
		SAFE_CLOSE(parent_fd);
	if (subdir_fd >= 0)
		SAFE_CLOSE(subdir_fd);
}
