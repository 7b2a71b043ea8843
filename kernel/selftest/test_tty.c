/*
 * The N_TTY line discipline on a test terminal whose output is captured
 * (the in-guest suite drives the real console through system calls):
 * erase/kill/werase with their echoes, ICRNL, ^D, ECHOCTL, ^C flushing
 * the line, ONLCR output, ^S/^Q flow control, FIONREAD's count, raw mode with VMIN/VTIME,
 * ICANON switched on with bytes buffered, and a reader blocked on an
 * unfinished line that wakes when the newline comes.
 */
#include <tern/errno.h>
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/selftest.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/tty.h>

#define FAIL(...) do { pr_err("selftest tty: " __VA_ARGS__); return -1; } while (0)

static struct tty_struct ttt;
static char out[512];
static size_t out_len;

static void capture(struct tty_struct *tty, const char *buf, size_t n)
{
	(void)tty;
	if (out_len + n <= sizeof(out)) {
		memcpy(out + out_len, buf, n);
		out_len += n;
	}
}

static void feed(const char *s)
{
	n_tty_receive(&ttt, s, strlen(s));
}

static bool echoed(const char *want)
{
	bool ok = out_len == strlen(want) && !memcmp(out, want, out_len);

	if (!ok)
		pr_err("selftest tty: echo %zu bytes, want \"%s\"\n", out_len, want);
	out_len = 0;
	return ok;
}

static int read_is(const char *want, size_t n)
{
	char buf[64];
	ssize_t r = n_tty_read(&ttt, buf, n, true);

	if (r != (ssize_t)strlen(want) || memcmp(buf, want, (size_t)r)) {
		pr_err("selftest tty: read %ld, want \"%s\"\n", (long)r, want);
		return -1;
	}
	return 0;
}

static volatile int reader_state;
static volatile ssize_t reader_got;
static char reader_buf[32];

static int blocked_reader(void *arg)
{
	(void)arg;
	reader_state = 1;
	reader_got = n_tty_read(&ttt, reader_buf, sizeof(reader_buf), false);
	reader_state = 2;
	return 0;
}

static int test_tty(void)
{
	struct termios old;
	u64 t0;

	tty_struct_init(&ttt, "test", capture);

	/* Erase with ECHOE, ICRNL, ONLCR on the echoed newline. */
	feed("ab\x7f" "c\r");
	if (!echoed("ab\b \bc\r\n") || read_is("ac\n", 64))
		FAIL("erase\n");
	/* Kill with ECHOKE erases the line on screen. */
	feed("xy\x15ok\n");
	if (!echoed("xy\b \b\b \bok\r\n") || read_is("ok\n", 64))
		FAIL("kill\n");
	/* Word erase. */
	feed("foo bar\x17" "baz\n");
	out_len = 0;
	if (read_is("foo baz\n", 64))
		FAIL("werase\n");
	/* ^D: a line without newline, then end of file. */
	feed("abc\x04");
	if (!echoed("abc") || read_is("abc", 64))
		FAIL("eof line\n");
	feed("\x04");
	if (read_is("", 64))
		FAIL("eof\n");
	/* A short read leaves the rest of the line. */
	feed("hello\n");
	out_len = 0;
	if (read_is("he", 2) || n_tty_inq(&ttt) != 4 || read_is("llo\n", 64))
		FAIL("partial line\n");
	/* ECHOCTL, and ^C drops the edited line. */
	feed("q\x01");
	if (!echoed("q^A"))
		FAIL("echoctl\n");
	feed("\x03");
	if (!echoed("^C") || n_tty_readable(&ttt) || ttt.head != ttt.tail)
		FAIL("^C did not flush\n");
	/* An unfinished line is not readable. */
	feed("part");
	{
		char b[8];

		if (n_tty_readable(&ttt) || n_tty_read(&ttt, b, 8, true) != -EAGAIN)
			FAIL("unfinished line readable\n");
	}
	n_tty_flush_input(&ttt);
	out_len = 0;
	/* Output post-processing. */
	n_tty_write(&ttt, "a\nb", 3, false);
	if (!echoed("a\r\nb"))
		FAIL("onlcr\n");
	/* IXON: ^S stops output (a non-blocking write is EAGAIN), ^Q
	 * restarts it; neither is input. */
	feed("\x13");
	if (n_tty_write(&ttt, "s", 1, true) != -EAGAIN || out_len)
		FAIL("^S did not stop output\n");
	feed("\x11");
	if (n_tty_write(&ttt, "s", 1, true) != 1 || !echoed("s") || ttt.head != ttt.tail)
		FAIL("^Q did not restart output\n");

	/* Raw mode: VMIN 0 VTIME 0 returns at once. */
	old = ttt.termios;
	ttt.termios.c_lflag &= ~(ICANON | ECHO);
	ttt.termios.c_cc[VMIN] = 0;
	ttt.termios.c_cc[VTIME] = 0;
	n_tty_set_termios(&ttt, &old);
	{
		char b[8];

		if (n_tty_read(&ttt, b, 8, false) != 0)
			FAIL("raw read of nothing\n");
	}
	feed("x\x7fy");
	if (read_is("x\x7fy", 64))
		FAIL("raw bytes\n");
	/* VMIN 0, VTIME 1: 0 after about 100 ms. */
	ttt.termios.c_cc[VTIME] = 1;
	t0 = ktime_get_ns();
	{
		char b[8];
		ssize_t r = n_tty_read(&ttt, b, 8, false);
		u64 dt = ktime_get_ns() - t0;

		if (r != 0 || dt < 90 * NSEC_PER_MSEC || dt > 2 * NSEC_PER_SEC)
			FAIL("VTIME: %ld after %lu ms\n", (long)r,
			     (unsigned long)(dt / NSEC_PER_MSEC));
	}
	/* Back to canonical with bytes buffered: they form one line. */
	feed("raw");
	old = ttt.termios;
	ttt.termios.c_lflag |= ICANON;
	n_tty_set_termios(&ttt, &old);
	if (read_is("raw", 64))
		FAIL("icanon on\n");

	/* A blocked canonical reader wakes on the newline. */
	reader_state = 0;
	if (!kthread_create(blocked_reader, NULL, "ttytest"))
		FAIL("thread\n");
	for (int i = 0; i < 200 && reader_state != 1; i++)
		msleep(1);
	feed("line");
	msleep(20);
	if (reader_state != 1)
		FAIL("reader did not wait for the newline\n");
	feed("\n");
	for (int i = 0; i < 2000 && reader_state != 2; i++)
		msleep(1);
	if (reader_state != 2 || reader_got != 5 || memcmp(reader_buf, "line\n", 5))
		FAIL("blocked reader: state %d, got %ld\n", reader_state, (long)reader_got);
	return 0;
}
SELFTEST(tty, test_tty, true);
