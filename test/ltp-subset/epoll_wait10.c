/*
 * epoll_wait10: /proc/mounts registered for EPOLLPRI reports an event
 * with EPOLLPRI within 1 s after a tmpfs is mounted (by a child), and
 * again after it is unmounted; reading the file to its end between the
 * two clears the first notification.  Needs root (mount).
 * (LTP's test also requires CONFIG_TMPFS from the kernel config; here a
 * kernel without tmpfs fails the mount, TCONF.)
 */
#include "tst_test.h"

#define MNTPOINT	"mnt_epoll"

static int efd = -1, mnt_fd = -1;

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLPRI };

	SAFE_MKDIR(MNTPOINT, 0777);
	mnt_fd = SAFE_OPEN("/proc/mounts", O_RDONLY);
	efd = SAFE_EPOLL_CREATE1(0);
	ev.data.fd = mnt_fd;
	SAFE_EPOLL_CTL(efd, EPOLL_CTL_ADD, mnt_fd, &ev);
}

static void check(const char *desc)
{
	struct epoll_event ev;
	char buf[1024];

	TEST(epoll_wait(efd, &ev, 1, 1000));
	if (TST_RET < 1)
		tst_res(TFAIL | TTERRNO, "epoll_wait() after %s returned %ld", desc,
			TST_RET);
	else
		TST_EXP_EXPR(ev.events & EPOLLPRI, "EPOLLPRI after %s (events 0x%x)",
			     desc, ev.events);
	SAFE_LSEEK(mnt_fd, 0, SEEK_SET);
	while (SAFE_READ(SAFE_READ_ANY, mnt_fd, buf, sizeof(buf)) > 0)
		;
}

static void run(void)
{
	if (!SAFE_FORK()) {
		if (mount("none", MNTPOINT, "tmpfs", 0, NULL)) {
			if (errno == ENODEV)
				tst_brk(TCONF, "tmpfs is not supported");
			tst_brk(TBROK | TERRNO, "mount(tmpfs) failed");
		}
		TST_CHECKPOINT_WAKE_AND_WAIT(0);
		SAFE_UMOUNT(MNTPOINT);
		TST_CHECKPOINT_WAKE(0);
		exit(0);
	}
	TST_CHECKPOINT_WAIT(0);
	check("mount");
	TST_CHECKPOINT_WAKE_AND_WAIT(0);
	check("umount");
}

static void cleanup(void)
{
	if (efd >= 0)
		close(efd);
	if (mnt_fd >= 0)
		close(mnt_fd);
}

static struct tst_test test = {
	.test_all = run,
	.setup = setup,
	.cleanup = cleanup,
	.needs_root = 1,
	.forks_child = 1,
	.needs_checkpoints = 1,
	.needs_tmpdir = 1,
};
