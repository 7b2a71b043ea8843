/*
 * tty.c - terminal ioctls on the console: TCGETS/TCSETS, TIOCGWINSZ/
 * TIOCSWINSZ, the controlling terminal (/test/run gets the console as its
 * controlling tty through cttyhack), and ENOTTY/EBADF/EFAULT.
 */
#include "../check.h"

#include <sys/ioctl.h>
#include <termios.h>

static int console(void)
{
	return open("/dev/console", O_RDWR | O_NOCTTY);
}

static void tcgets_console(void)
{
	struct termios t;
	int fd = console();

	REQUIRE_OK(fd);
	REQUIRE_OK(ioctl(fd, TCGETS, &t));
	REQUIRE(isatty(fd), "isatty(/dev/console) is false");
	/* A console is line-buffered and echoes unless told otherwise. */
	REQUIRE(t.c_lflag & ICANON, "ICANON off on the console: 0x%x",
		t.c_lflag);
}

static void tcsets_roundtrip(void)
{
	struct termios orig, t;
	int fd = console();

	REQUIRE_OK(fd);
	REQUIRE_OK(ioctl(fd, TCGETS, &orig));
	t = orig;
	t.c_lflag ^= ECHO;
	t.c_cc[VMIN] = 3;
	REQUIRE_OK(ioctl(fd, TCSETS, &t));
	memset(&t, 0, sizeof t);
	REQUIRE_OK(ioctl(fd, TCGETS, &t));
	ioctl(fd, TCSETS, &orig);
	REQUIRE((t.c_lflag & ECHO) != (orig.c_lflag & ECHO) && t.c_cc[VMIN] == 3,
		"TCSETS did not take: lflag 0x%x vmin %d", t.c_lflag,
		t.c_cc[VMIN]);
	REQUIRE_OK(tcgetattr(fd, &t));
	REQUIRE(t.c_lflag == orig.c_lflag, "not restored");
}

static void winsize(void)
{
	struct winsize orig, w = { .ws_row = 40, .ws_col = 100 };
	int fd = console();

	REQUIRE_OK(fd);
	REQUIRE_OK(ioctl(fd, TIOCGWINSZ, &orig));
	REQUIRE_OK(ioctl(fd, TIOCSWINSZ, &w));
	memset(&w, 0, sizeof w);
	REQUIRE_OK(ioctl(fd, TIOCGWINSZ, &w));
	ioctl(fd, TIOCSWINSZ, &orig);
	REQUIRE(w.ws_row == 40 && w.ws_col == 100, "got %dx%d", w.ws_row,
		w.ws_col);
}

static void not_a_tty(void)
{
	struct termios t;
	struct winsize w;
	int p[2], fd = open("plain", O_RDWR | O_CREAT, 0644);

	REQUIRE_OK(fd);
	REQUIRE_ERR(ioctl(fd, TCGETS, &t), ENOTTY);
	REQUIRE_ERR(ioctl(fd, TIOCGWINSZ, &w), ENOTTY);
	REQUIRE_OK(pipe(p));
	REQUIRE_ERR(ioctl(p[0], TCGETS, &t), ENOTTY);
	REQUIRE_ERR(ioctl(open("/dev/null", O_RDWR), TCGETS, &t), ENOTTY);
	REQUIRE(!isatty(p[1]) && errno == ENOTTY, "isatty(pipe)");
}

static void ioctl_errors(void)
{
	int fd = console();

	REQUIRE_OK(fd);
	REQUIRE_ERR(ioctl(-1, TCGETS, NULL), EBADF);
	REQUIRE_ERR(syscall(SYS_ioctl, fd, TCGETS, BADPTR), EFAULT);
	REQUIRE_ERR(syscall(SYS_ioctl, fd, TIOCGWINSZ, BADPTR), EFAULT);
	REQUIRE_ERR(syscall(SYS_ioctl, fd, TCSETS, BADPTR), EFAULT);
}

static void controlling_tty(void)
{
	pid_t pgrp = -1, sid = -1;
	int fd;

	REQUIRE(isatty(0), "stdin is not a tty");
	REQUIRE_OK(ioctl(0, TIOCGPGRP, &pgrp));
	REQUIRE(pgrp == getpgrp(), "foreground group %d, ours %d", pgrp,
		getpgrp());
	REQUIRE_OK(ioctl(0, TIOCGSID, &sid));
	REQUIRE(sid == getsid(0), "tty session %d, ours %d", sid, getsid(0));
	fd = open("/dev/tty", O_RDWR);
	REQUIRE(fd >= 0, "open /dev/tty: %s", errname(errno));
	REQUIRE_OK(ioctl(fd, TCGETS, &(struct termios){ 0 }));
}

static void no_ctty_after_setsid(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (setsid() < 0)
			_exit(1);
		/* A new session has no controlling terminal. */
		if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
			_exit(2);
		_exit(0);
	}
	st = wait_status(pid);
	REQUIRE(st == 0, "step %d", WEXITSTATUS(st));
}

static void console_write(void)
{
	int fd = console();

	REQUIRE_OK(fd);
	/* An empty write and a line that leaves the result protocol intact. */
	REQUIRE(write(fd, "", 0) == 0, "empty write");
	REQUIRE(write(fd, "# tty check output\n", 19) == 19, "write");
}

int main(void)
{
	static const struct check checks[] = {
		CHECK(tcgets_console),
		CHECK(tcsets_roundtrip),
		CHECK(winsize),
		CHECK(not_a_tty),
		CHECK(ioctl_errors),
		CHECK(controlling_tty),
		CHECK(no_ctty_after_setsid),
		CHECK(console_write),
	};

	return run_checks("tty", checks, NCHECKS(checks));
}
