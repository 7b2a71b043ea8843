/*
 * dnotify.c - F_NOTIFY: the events of a directory's entries (create,
 * delete, modify, attrib, rename, access) signal the directory fd's owner
 * with POLL_MSG and si_fd; one-shot unless DN_MULTISHOT; only direct
 * entries count; closing the fd ends it.  fcntl(2) "File and directory
 * change notification".
 */
#define _GNU_SOURCE
#include "../check.h"

#include <signal.h>
#include <sys/stat.h>

#define DIR_NAME	"/tmp/dnotify-test"

/* The watched directory with the signal blocked; its fd. */
static int watch(int sig, unsigned long mask)
{
	int fd;

	block_signal(sig);
	mkdir(DIR_NAME, 0755);
	fd = open(DIR_NAME, O_RDONLY | O_DIRECTORY);
	if (fd < 0 || fcntl(fd, F_SETSIG, sig) < 0 || fcntl(fd, F_NOTIFY, mask) < 0)
		return -1;
	return fd;
}

static void cleanup(void)
{
	unlink(DIR_NAME "/a");
	unlink(DIR_NAME "/b");
	unlink(DIR_NAME "/sub/x");
	rmdir(DIR_NAME "/sub");
	rmdir(DIR_NAME);
}

static void errors(void)
{
	int fd = open("/proc/self/stat", O_RDONLY);

	REQUIRE(fd >= 0, "open");
	REQUIRE_ERR(fcntl(fd, F_NOTIFY, DN_CREATE), ENOTDIR);
	REQUIRE_OK(fcntl(fd, F_NOTIFY, 0));
	close(fd);
}

static void create_signals_owner(void)
{
	int sig = SIGRTMIN + 9;
	siginfo_t si;
	int fd = watch(sig, DN_CREATE | DN_MULTISHOT);

	REQUIRE(fd >= 0, "watch: %s", errname(errno));
	REQUIRE_RET(fcntl(fd, F_GETOWN), getpid());
	REQUIRE_RET(wait_signal(sig, &si, 0), -1);
	int a = open(DIR_NAME "/a", O_CREAT | O_WRONLY, 0644);
	REQUIRE(a >= 0, "create");
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE(si.si_code == POLL_MSG, "si_code %d, want POLL_MSG", si.si_code);
	REQUIRE(si.si_fd == fd, "si_fd %d, want %d", si.si_fd, fd);
	close(a);
	/* Multishot: again. */
	REQUIRE_OK(mkdir(DIR_NAME "/sub", 0755));
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	/* Only the directory's own entries count. */
	a = open(DIR_NAME "/sub/x", O_CREAT | O_WRONLY, 0644);
	REQUIRE(a >= 0, "create in sub");
	close(a);
	REQUIRE_RET(wait_signal(sig, &si, 100), -1);
	/* Not asked for: a delete. */
	REQUIRE_OK(unlink(DIR_NAME "/a"));
	REQUIRE_RET(wait_signal(sig, &si, 100), -1);
	/* Closing the fd ends it. */
	REQUIRE_OK(close(fd));
	a = open(DIR_NAME "/b", O_CREAT | O_WRONLY, 0644);
	close(a);
	REQUIRE_RET(wait_signal(sig, &si, 100), -1);
	cleanup();
}

static void one_shot(void)
{
	int sig = SIGRTMIN + 10;
	siginfo_t si;

	cleanup();
	mkdir(DIR_NAME, 0755);
	close(open(DIR_NAME "/a", O_CREAT | O_WRONLY, 0644));
	close(open(DIR_NAME "/b", O_CREAT | O_WRONLY, 0644));
	int fd = watch(sig, DN_DELETE);
	REQUIRE(fd >= 0, "watch");
	REQUIRE_OK(unlink(DIR_NAME "/a"));
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE_OK(unlink(DIR_NAME "/b"));
	REQUIRE_RET(wait_signal(sig, &si, 100), -1);	/* fired once */
	close(fd);
	cleanup();
}

static void each_event(void)
{
	int sig = SIGRTMIN + 11;
	siginfo_t si;
	char c;

	cleanup();
	mkdir(DIR_NAME, 0755);
	int a = open(DIR_NAME "/a", O_CREAT | O_RDWR, 0644);
	REQUIRE(a >= 0, "create");
	int fd = watch(sig, DN_MODIFY);
	REQUIRE(fd >= 0, "watch");
	REQUIRE_RET(write(a, "x", 1), 1);
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE_OK(fcntl(fd, F_NOTIFY, DN_ATTRIB));
	REQUIRE_OK(fchmod(a, 0600));
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE_OK(fcntl(fd, F_NOTIFY, DN_ACCESS));
	REQUIRE_RET(pread(a, &c, 1, 0), 1);
	REQUIRE_RET(read(a, &c, 1), 0);		/* at the end: nothing read */
	REQUIRE_OK(lseek(a, 0, SEEK_SET));
	REQUIRE_RET(read(a, &c, 1), 1);
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE_OK(fcntl(fd, F_NOTIFY, DN_RENAME));
	REQUIRE_OK(rename(DIR_NAME "/a", DIR_NAME "/b"));
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	REQUIRE_OK(fcntl(fd, F_NOTIFY, DN_MODIFY));
	REQUIRE_OK(truncate(DIR_NAME "/b", 0));
	REQUIRE_RET(wait_signal(sig, &si, 2000), sig);
	close(a);
	close(fd);
	cleanup();
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(errors),
		CHECK(create_signals_owner),
		CHECK(one_shot),
		CHECK(each_event),
	};

	return run_checks("dnotify", checks, NCHECKS(checks));
}
