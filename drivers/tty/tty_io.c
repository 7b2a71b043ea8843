/*
 * Terminal files: /dev/ttyS0 and /dev/console (the serial terminal),
 * /dev/tty (the caller's controlling terminal), their ioctls
 * (tty_ioctl(4)) and the serial glue that feeds received bytes to N_TTY.
 *
 * Controlling terminal (credentials(7)): a session leader without one
 * that opens a terminal belonging to no session, without O_NOCTTY and
 * not as /dev/console, acquires it, as Linux does; TIOCSCTTY does it explicitly and
 * TIOCNOTTY gives it up.  /dev/tty without one is ENXIO.
 */
#include <tern/devices.h>
#include <tern/poll.h>
#include <tern/printk.h>
#include <tern/serial.h>
#include <tern/string.h>
#include <tern/tty.h>
#include <tern/uaccess.h>
#include <tern/workqueue.h>
#include <uapi/ioctls.h>
#include <uapi/signal.h>
#include "tty_internal.h"

#define TIOCGSERIAL	0x541E

struct tty_struct serial_tty;

void tty_init_termios(struct termios *t)
{
	static const u8 cc[NCCS] = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		[VEOF] = 004, [VTIME] = 0, [VMIN] = 1, [VSTART] = 021,
		[VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022,
		[VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
	};

	memset(t, 0, sizeof(*t));
	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(t->c_cc, cc, NCCS);
}

void tty_struct_init(struct tty_struct *tty, const char *name,
		     void (*write)(struct tty_struct *, const char *, size_t))
{
	memset(tty, 0, sizeof(*tty));
	tty->name = name;
	tty->write = write;
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	spin_lock_init(&tty->lock, "tty");
	tty_init_termios(&tty->termios);
	/* The window starts 0x0, as Linux's: nobody has said its size yet. */
}

static struct tty_struct *file_tty(struct file *f)
{
	return f->private_data;
}

/* ---- file operations ---- */

static ssize_t tty_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct tty_struct *tty = file_tty(f);
	int err = tty_check_bg(tty, SIGTTIN);

	(void)pos;
	if (err)
		return err;
	return n_tty_read(tty, buf, n, f->f_flags & O_NONBLOCK);
}

static ssize_t tty_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct tty_struct *tty = file_tty(f);

	(void)pos;
	if (tty->termios.c_lflag & TOSTOP) {
		int err = tty_check_bg(tty, SIGTTOU);

		if (err)
			return err;
	}
	return n_tty_write(tty, buf, n, f->f_flags & O_NONBLOCK);
}

static u32 tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty_struct *tty = file_tty(f);
	u32 mask = READ_ONCE(tty->stopped) ? 0 : POLLOUT | POLLWRNORM;

	poll_wait(f, &tty->read_wait, pt);
	poll_wait(f, &tty->write_wait, pt);
	if (n_tty_readable(tty))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static loff_t tty_llseek(struct file *f, loff_t off, int whence)
{
	(void)f, (void)off, (void)whence;
	return -ESPIPE;
}

/* Become the caller's controlling terminal; -EPERM per tty_ioctl(4). */
static int set_ctty(struct tty_struct *tty, bool steal)
{
	int pid, pgid, sid;

	if (!tty_caller(&pid, &pgid, &sid))
		return -EPERM;
	if (tty_current_ctty() == tty)
		return 0;
	if (pid != sid || tty_current_ctty())
		return -EPERM;
	spin_lock(&tty->lock);
	if (tty->session > 0 && tty->session != sid &&
	    !(steal && tty_caller_is_root())) {
		spin_unlock(&tty->lock);
		return -EPERM;
	}
	tty->session = sid;
	tty->pgrp = pgid;
	spin_unlock(&tty->lock);
	tty_set_current_ctty(tty);
	return 0;
}

static int tty_open(struct inode *inode, struct file *f)
{
	struct tty_struct *tty;
	int pid, pgid, sid;

	if (inode->i_rdev == MKDEV(TTYAUX_MAJOR, 0)) {
		tty = tty_current_ctty();
		if (!tty)
			return -ENXIO;
		f->private_data = tty;
		return 0;
	}
	tty = &serial_tty;
	f->private_data = tty;
	/* open(2): a session leader's first terminal becomes its ctty;
	 * never through /dev/console (as Linux). */
	if (!(f->f_flags & O_NOCTTY) && inode->i_rdev != MKDEV(TTYAUX_MAJOR, 1) &&
	    tty_caller(&pid, &pgid, &sid) &&
	    pid == sid && !tty_current_ctty() && READ_ONCE(tty->session) <= 0)
		set_ctty(tty, false);
	return 0;
}

void tty_session_leader_exit(int sid)
{
	struct tty_struct *tty = &serial_tty;
	int pgrp;

	spin_lock(&tty->lock);
	if (sid <= 0 || tty->session != sid) {
		spin_unlock(&tty->lock);
		return;
	}
	pgrp = tty->pgrp;
	tty->session = 0;
	tty->pgrp = 0;
	spin_unlock(&tty->lock);
	tty_kill_pgrp(pgrp, SIGHUP);
	tty_kill_pgrp(pgrp, SIGCONT);
}

u32 tty_devnum(void *tty)
{
	return tty == &serial_tty ? new_encode_dev(MKDEV(TTY_MAJOR, 64)) : 0;
}

/* struct serial_struct (TIOCGSERIAL), 72 bytes: busybox cttyhack asks
 * for `line` to find /dev/ttyS<line>. */
struct serial_struct {
	s32 type, line;
	u32 port;
	s32 irq, flags, xmit_fifo_size, custom_divisor, baud_base;
	u16 close_delay;
	u8 io_type, reserved_char;
	s32 hub6;
	u16 closing_wait, closing_wait2;
	u64 iomem_base;
	u16 iomem_reg_shift;
	u32 port_high;
	u64 iomap_base;
};
_Static_assert(sizeof(struct serial_struct) == 72, "struct serial_struct");

static long put_int(unsigned long arg, int v)
{
	return copy_to_user((void *)arg, &v, sizeof(v));
}

static long set_termios(struct tty_struct *tty, unsigned int cmd, unsigned long arg)
{
	struct termios t, old;
	int err = tty_check_bg(tty, SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&t, (const void *)arg, sizeof(t)))
		return -EFAULT;
	/* Output is written synchronously: TCSETSW has nothing to drain. */
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	spin_lock(&tty->lock);
	old = tty->termios;
	tty->termios = t;
	spin_unlock(&tty->lock);
	n_tty_set_termios(tty, &old);
	return 0;
}

static long set_pgrp(struct tty_struct *tty, unsigned long arg)
{
	int pid, pgid, sid, pgrp, err;

	if (!tty_caller(&pid, &pgid, &sid) || tty_current_ctty() != tty)
		return -ENOTTY;
	err = tty_check_bg(tty, SIGTTOU);
	if (err)
		return err;
	if (copy_from_user(&pgrp, (const void *)arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	err = tty_pgrp_in_session(pgrp, sid);
	if (err)
		return err;
	WRITE_ONCE(tty->pgrp, pgrp);
	return 0;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file_tty(f);
	int pid, pgid, sid;

	switch (cmd) {
	case TCGETS: {
		struct termios t;

		spin_lock(&tty->lock);
		t = tty->termios;
		spin_unlock(&tty->lock);
		return copy_to_user((void *)arg, &t, sizeof(t));
	}
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, arg);
	case TIOCGWINSZ: {
		struct winsize ws;

		spin_lock(&tty->lock);
		ws = tty->winsize;
		spin_unlock(&tty->lock);
		return copy_to_user((void *)arg, &ws, sizeof(ws));
	}
	case TIOCSWINSZ: {
		struct winsize ws;
		bool changed;

		if (copy_from_user(&ws, (const void *)arg, sizeof(ws)))
			return -EFAULT;
		spin_lock(&tty->lock);
		changed = memcmp(&ws, &tty->winsize, sizeof(ws)) != 0;
		tty->winsize = ws;
		spin_unlock(&tty->lock);
		if (changed)
			tty_isig(tty, SIGWINCH);
		return 0;
	}
	case TIOCGPGRP:
		if (tty_current_ctty() != tty)
			return -ENOTTY;
		return put_int(arg, READ_ONCE(tty->pgrp));
	case TIOCSPGRP:
		return set_pgrp(tty, arg);
	case TIOCGSID:
		if (tty_current_ctty() != tty)
			return -ENOTTY;
		return put_int(arg, READ_ONCE(tty->session));
	case TIOCSCTTY:
		return set_ctty(tty, arg == 1);
	case TIOCNOTTY:
		if (tty_current_ctty() != tty)
			return -ENOTTY;
		if (tty_caller(&pid, &pgid, &sid) && pid == sid)
			tty_session_leader_exit(sid);
		tty_set_current_ctty(NULL);
		return 0;
	case FIONREAD:
		return put_int(arg, (int)n_tty_inq(tty));
	case TIOCOUTQ:
		return put_int(arg, 0);
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg == TCIFLUSH || arg == TCIOFLUSH)
			n_tty_flush_input(tty);
		return 0;
	case TCXONC:
		if (arg > TCION)
			return -EINVAL;
		if (arg == TCOOFF)
			WRITE_ONCE(tty->stopped, true);
		else if (arg == TCOON)
			n_tty_start(tty);
		return 0;	/* TCIOFF/TCION: no flow control towards the UART */
	case TCSBRK:
	case TCSBRKP:
	case TIOCEXCL:
	case TIOCNXCL:
		return 0;	/* nothing queued; exclusivity not enforced */
	case TIOCGETD:
		return put_int(arg, 0);	/* N_TTY */
	case TIOCSETD: {
		int ld;

		if (copy_from_user(&ld, (const void *)arg, sizeof(ld)))
			return -EFAULT;
		return ld == 0 ? 0 : -EINVAL;
	}
	case TIOCGSERIAL: {
		struct serial_struct ss;

		memset(&ss, 0, sizeof(ss));
		ss.type = 4;		/* PORT_16550A */
		ss.line = 0;
		ss.port = 0x3f8;
		ss.irq = 4;
		ss.xmit_fifo_size = 16;
		ss.baud_base = 115200;
		return copy_to_user((void *)arg, &ss, sizeof(ss));
	}
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_fops = {
	.llseek = tty_llseek,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
	.open = tty_open,
	.fasync = fasync_any,
};

/* ---- serial glue ---- */

static void serial_tty_write(struct tty_struct *tty, const char *buf, size_t n)
{
	(void)tty;
	serial_write_raw(buf, n);
}

/* Received bytes reach N_TTY from the kworker (thread context). */
static void serial_rx_work_fn(struct work_struct *w)
{
	char buf[64];
	size_t n;

	(void)w;
	while ((n = serial_rx_read(buf, sizeof(buf))) > 0)
		n_tty_receive(&serial_tty, buf, n);
}

static struct work_struct serial_rx_work;
static struct wait_queue_entry serial_rx_entry;

/* serial_rx_wq callback (interrupt context): defer to the kworker. */
static int serial_rx_wake(struct wait_queue_entry *e, unsigned mode, int flags, void *key)
{
	(void)e, (void)mode, (void)flags, (void)key;
	schedule_work(&serial_rx_work);
	return 0;
}

int tty_init(void)
{
	int err;

	tty_struct_init(&serial_tty, "ttyS0", serial_tty_write);
	/* The console's line settings, as Linux applies console=ttyS0's
	 * default 9600n8: 9600 baud, CS8, and CLOCAL (no modem lines). */
	serial_tty.termios.c_cflag = B9600 | CS8 | CREAD | HUPCL | CLOCAL;
	err = register_chrdev_region_fops(TTY_MAJOR, 64, 1, "ttyS", &tty_fops);
	if (!err)
		err = register_chrdev_region_fops(TTYAUX_MAJOR, 0, 2, "tty", &tty_fops);
	if (err)
		return err;
	INIT_WORK(&serial_rx_work, serial_rx_work_fn);
	init_waitqueue_func_entry(&serial_rx_entry, serial_rx_wake);
	add_wait_queue(&serial_rx_wq, &serial_rx_entry);
	schedule_work(&serial_rx_work);		/* bytes that came before */
	return 0;
}
