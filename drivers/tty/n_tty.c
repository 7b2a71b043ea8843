/*
 * N_TTY, the line discipline (termios(3) "Canonical and noncanonical
 * mode", "Special characters"): input editing, echo, signals from ISIG
 * characters, output post-processing, and the VMIN/VTIME read rules.
 * The buffer layout is described in <tern/tty.h>.
 *
 * Echo and output are written to the driver under tty->lock, so echoes
 * and program output never interleave inside a sequence.
 */
#include <tern/errno.h>
#include <tern/sigwait.h>
#include <tern/string.h>
#include <tern/time.h>
#include <tern/tty.h>
#include <uapi/poll.h>
#include <uapi/signal.h>
#include "tty_internal.h"

#define IDX(i)		((i) & (N_TTY_BUF_SIZE - 1))
#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define O(tty, f)	((tty)->termios.c_oflag & (f))
#define CC(tty, v)	((u8)(tty)->termios.c_cc[v])
/* A c_cc slot set to _POSIX_VDISABLE (0) matches nothing. */
#define IS_CC(tty, v, c) (CC(tty, v) != 0 && CC(tty, v) == (u8)(c))

static bool bit(const u64 *map, u32 i)
{
	return (map[IDX(i) / 64] >> (IDX(i) % 64)) & 1;
}

static void set_bit_to(u64 *map, u32 i, bool on)
{
	if (on)
		map[IDX(i) / 64] |= 1ull << (IDX(i) % 64);
	else
		map[IDX(i) / 64] &= ~(1ull << (IDX(i) % 64));
}

/* ---- output ---- */

/* OPOST processing of one byte into out (room >= 2); returns bytes. */
static u32 opost(struct tty_struct *tty, u8 c, char *out)
{
	if (!O(tty, OPOST)) {
		out[0] = (char)c;
		return 1;
	}
	switch (c) {
	case '\n':
		if (O(tty, ONLRET))
			tty->column = 0;
		if (O(tty, ONLCR)) {
			tty->column = 0;
			out[0] = '\r';
			out[1] = '\n';
			return 2;
		}
		break;
	case '\r':
		if (O(tty, ONOCR) && tty->column == 0)
			return 0;
		if (O(tty, OCRNL)) {
			c = '\n';
			if (O(tty, ONLRET))
				tty->column = 0;
			break;
		}
		tty->column = 0;
		break;
	case '\t':
		tty->column = (tty->column | 7) + 1;
		break;
	case '\b':
		if (tty->column)
			tty->column--;
		break;
	default:
		if (c >= 0x20 && c != 0x7f && (c & 0xc0) != 0x80)
			tty->column++;
		break;
	}
	out[0] = (char)c;
	return 1;
}

/* Write bytes through OPOST to the driver; tty->lock held. */
static void out_bytes(struct tty_struct *tty, const char *s, size_t n)
{
	char buf[256];
	u32 len = 0;

	for (size_t i = 0; i < n; i++) {
		len += opost(tty, (u8)s[i], buf + len);
		if (len > sizeof(buf) - 2) {
			tty->write(tty, buf, len);
			len = 0;
		}
	}
	if (len)
		tty->write(tty, buf, len);
}

ssize_t n_tty_write(struct tty_struct *tty, const char *buf, size_t n, bool nonblock)
{
	size_t done = 0;

	/* In slices, so the lock is not held for a whole large write. */
	while (done < n) {
		size_t chunk = MIN(n - done, (size_t)1024);

		/* Output stopped by ^S (IXON) or TCOOFF waits for ^Q/TCOON. */
		if (READ_ONCE(tty->stopped)) {
			int err = nonblock ? -EAGAIN :
				  wait_event_interruptible(tty->write_wait,
							   !READ_ONCE(tty->stopped));

			if (err)
				return done ? (ssize_t)done : err;
			continue;
		}
		spin_lock(&tty->lock);
		out_bytes(tty, buf + done, chunk);
		spin_unlock(&tty->lock);
		done += chunk;
	}
	return (ssize_t)n;
}

void n_tty_start(struct tty_struct *tty)
{
	WRITE_ONCE(tty->stopped, false);
	wake_up_poll(&tty->write_wait, POLLOUT | POLLWRNORM);
}

/* ---- echo (tty->lock held) ---- */

static bool is_ctl(u8 c)
{
	return c < 0x20 || c == 0x7f;
}

static void echo_char(struct tty_struct *tty, u8 c)
{
	if (L(tty, ECHOCTL) && is_ctl(c) && c != '\t' && c != '\n') {
		char s[2] = { '^', (char)(c ^ 0x40) };

		out_bytes(tty, s, 2);
		return;
	}
	out_bytes(tty, (char *)&c, 1);
}

/* Screen width of the byte at i when echoed at column col. */
static u32 echo_width(struct tty_struct *tty, u8 c, u32 col)
{
	if (c == '\t')
		return ((col | 7) + 1) - col;
	if (is_ctl(c))
		return L(tty, ECHOCTL) ? 2 : 0;
	if (I(tty, IUTF8) && (c & 0xc0) == 0x80)
		return 0;
	return 1;
}

/* Column after echoing the edited line up to (not including) end. */
static u32 line_column(struct tty_struct *tty, u32 end)
{
	u32 col = tty->canon_column;

	for (u32 i = tty->canon_head; i != end; i++)
		col += echo_width(tty, (u8)tty->buf[IDX(i)], col);
	return col;
}

/* Remove the last byte of the edited line (one character with IUTF8). */
static bool erase_one(struct tty_struct *tty, bool visual)
{
	u32 start;
	u8 c;

	if (tty->head == tty->canon_head)
		return false;
	start = tty->head - 1;
	if (I(tty, IUTF8))
		while (start != tty->canon_head &&
		       ((u8)tty->buf[IDX(start)] & 0xc0) == 0x80)
			start--;
	c = (u8)tty->buf[IDX(start)];
	if (visual && L(tty, ECHO)) {
		u32 w = line_column(tty, tty->head) - line_column(tty, start);

		for (u32 k = 0; k < w; k++) {
			if (c == '\t')
				tty->write(tty, "\b", 1);
			else
				tty->write(tty, "\b \b", 3);
		}
		tty->column = tty->column >= w ? tty->column - w : 0;
	}
	tty->head = start;
	return true;
}

static bool is_space(u8 c)
{
	return c == ' ' || c == '\t';
}

/* ERASE, WERASE, KILL in canonical mode (termios(3)). */
static void edit_line(struct tty_struct *tty, u8 c)
{
	bool erase_echo = L(tty, ECHOE);

	if (IS_CC(tty, VERASE, c)) {
		if (!erase_one(tty, erase_echo) || erase_echo)
			return;
		if (L(tty, ECHO))
			echo_char(tty, c);
		return;
	}
	if (IS_CC(tty, VWERASE, c)) {
		while (tty->head != tty->canon_head &&
		       is_space((u8)tty->buf[IDX(tty->head - 1)]))
			erase_one(tty, erase_echo);
		while (tty->head != tty->canon_head &&
		       !is_space((u8)tty->buf[IDX(tty->head - 1)]))
			erase_one(tty, erase_echo);
		if (!erase_echo && L(tty, ECHO))
			echo_char(tty, c);
		return;
	}
	/* VKILL */
	if (L(tty, ECHOKE) && erase_echo) {
		while (erase_one(tty, true))
			;
		return;
	}
	tty->head = tty->canon_head;
	if (L(tty, ECHO)) {
		echo_char(tty, c);
		if (L(tty, ECHOK))
			out_bytes(tty, "\n", 1);
	}
}

/* ---- input ---- */

static void store(struct tty_struct *tty, u8 c, bool delim, bool eof)
{
	u32 i = tty->head;

	tty->buf[IDX(i)] = (char)c;
	set_bit_to(tty->delim, i, delim);
	set_bit_to(tty->eof, i, eof);
	tty->head = i + 1;
}

/* A line is finished: readers may take everything up to head. */
static void push_line(struct tty_struct *tty)
{
	tty->canon_head = tty->head;
	tty->canon_column = tty->column;
}

static void flush_locked(struct tty_struct *tty)
{
	tty->head = tty->tail = tty->canon_head = 0;
	tty->canon_column = tty->column;
	tty->lnext = false;
}

void n_tty_flush_input(struct tty_struct *tty)
{
	spin_lock(&tty->lock);
	flush_locked(tty);
	spin_unlock(&tty->lock);
	wake_up_poll(&tty->write_wait, 0);
}

/* One input byte; tty->lock held.  Returns a signal to send, or 0. */
static int receive_char(struct tty_struct *tty, u8 c)
{
	u32 used = tty->head - tty->tail;

	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {
		tty->lnext = false;
		goto ordinary;
	}
	if (I(tty, IXON)) {
		if (IS_CC(tty, VSTOP, c)) {
			tty->stopped = true;
			return 0;
		}
		if (IS_CC(tty, VSTART, c) || (I(tty, IXANY) && tty->stopped)) {
			tty->stopped = false;
			wake_up_poll(&tty->write_wait, POLLOUT | POLLWRNORM);
			if (IS_CC(tty, VSTART, c))
				return 0;
		}
	}
	if (L(tty, ISIG)) {
		int sig = IS_CC(tty, VINTR, c) ? SIGINT :
			  IS_CC(tty, VQUIT, c) ? SIGQUIT :
			  IS_CC(tty, VSUSP, c) ? SIGTSTP : 0;

		if (sig) {
			if (!L(tty, NOFLSH))
				flush_locked(tty);
			if (L(tty, ECHO))
				echo_char(tty, c);
			return sig;
		}
	}
	if (c == '\r') {
		if (I(tty, IGNCR))
			return 0;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ICANON)) {
		if (IS_CC(tty, VERASE, c) || IS_CC(tty, VKILL, c) ||
		    (L(tty, IEXTEN) && IS_CC(tty, VWERASE, c))) {
			edit_line(tty, c);
			return 0;
		}
		if (L(tty, IEXTEN) && IS_CC(tty, VLNEXT, c)) {
			tty->lnext = true;
			if (L(tty, ECHO) && L(tty, ECHOCTL))
				tty->write(tty, "^\b", 2);
			return 0;
		}
		if (L(tty, IEXTEN) && IS_CC(tty, VREPRINT, c)) {
			if (L(tty, ECHO)) {
				echo_char(tty, c);
				out_bytes(tty, "\n", 1);
				tty->canon_column = tty->column;
				for (u32 i = tty->canon_head; i != tty->head; i++)
					echo_char(tty, (u8)tty->buf[IDX(i)]);
			}
			return 0;
		}
		if (c == '\n' || IS_CC(tty, VEOL, c) ||
		    (L(tty, IEXTEN) && IS_CC(tty, VEOL2, c)) || IS_CC(tty, VEOF, c)) {
			bool eof = IS_CC(tty, VEOF, c);

			if (used >= N_TTY_BUF_SIZE)
				return 0;
			if (!eof && (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL))))
				echo_char(tty, c);
			store(tty, c, true, eof);
			push_line(tty);
			return 0;
		}
		/* Keep room for the line's terminator. */
		if (used >= N_TTY_BUF_SIZE - 1) {
			if (I(tty, IMAXBEL))
				tty->write(tty, "\a", 1);
			return 0;
		}
	}
ordinary:
	if (used >= N_TTY_BUF_SIZE - (L(tty, ICANON) ? 1u : 0u))
		return 0;
	if (L(tty, ECHO))
		echo_char(tty, c);
	store(tty, c, false, false);
	return 0;
}

void n_tty_receive(struct tty_struct *tty, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int sig;

		spin_lock(&tty->lock);
		sig = receive_char(tty, (u8)buf[i]);
		tty->rx_bytes++;
		spin_unlock(&tty->lock);
		if (sig)
			tty_isig(tty, sig);
	}
	wake_up_poll(&tty->read_wait, POLLIN | POLLRDNORM);
}

/* ---- reading ---- */

/* Bytes a reader may take now; tty->lock held. */
static u32 avail_locked(struct tty_struct *tty)
{
	return L(tty, ICANON) ? tty->canon_head - tty->tail : tty->head - tty->tail;
}

bool n_tty_readable(struct tty_struct *tty)
{
	bool r;

	spin_lock(&tty->lock);
	r = avail_locked(tty) != 0;
	spin_unlock(&tty->lock);
	return r;
}

u32 n_tty_inq(struct tty_struct *tty)
{
	u32 n = 0;

	spin_lock(&tty->lock);
	if (L(tty, ICANON)) {
		for (u32 i = tty->tail; i != tty->canon_head; i++)
			n += !bit(tty->eof, i);
	} else {
		n = tty->head - tty->tail;
	}
	spin_unlock(&tty->lock);
	return n;
}

/* One canonical line (or its first n bytes); tty->lock held. */
static ssize_t canon_copy(struct tty_struct *tty, char *out, size_t n)
{
	size_t done = 0;

	while (tty->tail != tty->canon_head && done < n) {
		u32 i = tty->tail++;
		bool delim = bit(tty->delim, i);

		if (!bit(tty->eof, i))
			out[done++] = tty->buf[IDX(i)];
		if (delim)
			return (ssize_t)done;
	}
	/* A line read exactly to its ^D: the marker goes with it. */
	if (tty->tail != tty->canon_head && bit(tty->eof, tty->tail))
		tty->tail++;
	return (ssize_t)done;
}

static ssize_t raw_copy(struct tty_struct *tty, char *out, size_t n)
{
	size_t done = 0;

	while (tty->tail != tty->head && done < n)
		out[done++] = tty->buf[IDX(tty->tail++)];
	return (ssize_t)done;
}

/*
 * Sleep on read_wait until `want` bytes are readable, a signal, or the
 * deadline (0: none).  Returns 0 (check again), -ERESTARTSYS, or
 * -ETIMEDOUT.
 */
static int wait_input(struct tty_struct *tty, u32 want, u64 deadline)
{
	DEFINE_WAIT(w);
	int ret = 0;

	for (;;) {
		u32 have;

		prepare_to_wait(&tty->read_wait, &w, TASK_INTERRUPTIBLE);
		spin_lock(&tty->lock);
		have = avail_locked(tty);
		spin_unlock(&tty->lock);
		if (have >= want)
			break;
		if (file_signal_pending()) {
			ret = -ERESTARTSYS;
			break;
		}
		if (deadline) {
			u64 now = ktime_get_ns();

			if (now >= deadline) {
				ret = -ETIMEDOUT;
				break;
			}
			schedule_timeout(deadline - now);
		} else {
			schedule();
		}
	}
	finish_wait(&tty->read_wait, &w);
	return ret;
}

ssize_t n_tty_read(struct tty_struct *tty, char *buf, size_t n, bool nonblock)
{
	u32 vmin, vtime;
	ssize_t r;
	int err;

	if (n == 0)
		return 0;
	for (;;) {
		spin_lock(&tty->lock);
		if (L(tty, ICANON)) {
			if (tty->tail != tty->canon_head) {
				r = canon_copy(tty, buf, n);
				spin_unlock(&tty->lock);
				return r;
			}
			spin_unlock(&tty->lock);
			if (nonblock)
				return -EAGAIN;
			err = wait_input(tty, 1, 0);
			if (err)
				return err;
			continue;
		}
		vmin = CC(tty, VMIN);
		vtime = CC(tty, VTIME);
		if (nonblock || (vmin == 0 && vtime == 0) ||
		    avail_locked(tty) >= MIN((u32)n, MAX(vmin, 1u))) {
			r = raw_copy(tty, buf, n);
			spin_unlock(&tty->lock);
			return r || !nonblock ? r : -EAGAIN;
		}
		spin_unlock(&tty->lock);
		if (vtime == 0) {
			/* Wait for VMIN bytes (or n). */
			err = wait_input(tty, MIN((u32)n, vmin), 0);
		} else if (vmin == 0) {
			/* termios(3): MIN == 0, TIME > 0: one byte or timeout. */
			err = wait_input(tty, 1, ktime_get_ns() + vtime * 100 * NSEC_PER_MSEC);
			if (err == -ETIMEDOUT)
				return 0;
		} else {
			/* MIN > 0, TIME > 0: TIME is an inter-byte timer that
			 * starts with the first byte. */
			u64 seen;

			err = wait_input(tty, 1, 0);
			while (!err) {
				spin_lock(&tty->lock);
				seen = tty->rx_bytes;
				bool enough = avail_locked(tty) >= MIN((u32)n, vmin);
				spin_unlock(&tty->lock);
				if (enough)
					break;
				err = wait_input(tty, avail_locked(tty) + 1,
						 ktime_get_ns() + vtime * 100 * NSEC_PER_MSEC);
				if (err == -ETIMEDOUT && READ_ONCE(tty->rx_bytes) == seen) {
					spin_lock(&tty->lock);
					r = raw_copy(tty, buf, n);
					spin_unlock(&tty->lock);
					return r;
				}
				if (err == -ETIMEDOUT)
					err = 0;
			}
		}
		if (err)
			return err;
	}
}

void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	bool was = old->c_lflag & ICANON;

	spin_lock(&tty->lock);
	if (was && !L(tty, ICANON)) {
		/* Raw now: the edited line becomes readable as is. */
		tty->canon_head = tty->head;
	} else if (!was && L(tty, ICANON)) {
		/* Canonical now: what is buffered is one finished line
		 * (canon_head was not kept while raw). */
		if (tty->head != tty->tail)
			set_bit_to(tty->delim, tty->head - 1, true);
		tty->canon_head = tty->head;
	}
	tty->canon_column = tty->column;
	tty->lnext = false;
	spin_unlock(&tty->lock);
	wake_up_poll(&tty->read_wait, POLLIN | POLLRDNORM);
}
