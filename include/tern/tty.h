/*
 * Terminals (drivers/tty/): one struct tty_struct per terminal, with the
 * N_TTY line discipline (n_tty.c) between the driver and the files that
 * have it open (tty_io.c).  Tern has one real terminal, the serial
 * console ttyS0, which /dev/console also names; /dev/tty is the caller's
 * controlling terminal.
 *
 * Input: the driver hands received bytes to n_tty_receive() in thread
 * context (the serial glue runs it from a work item).  The read buffer
 * is a ring of N_TTY_BUF_SIZE bytes: [tail, canon_head) are finished
 * lines (canonical mode) and [canon_head, head) the line being edited;
 * `delim` marks the byte that ends each finished line and `eof` the
 * ^D markers, which end a line but are never returned.  In
 * non-canonical mode everything in [tail, head) is readable.
 *
 * Job control (termios(3), credentials(7)): `session` is the session
 * whose controlling terminal this is (0: none), `pgrp` its foreground
 * process group.  A process's controlling tty is process->tty, valid
 * while tty->session equals its session id.
 *
 * Locking: tty->lock (not irq-saving: only threads touch it) guards
 * every field below it.  Output goes to the driver with no lock held.
 */
#ifndef TERN_TTY_H
#define TERN_TTY_H

#include <tern/fs.h>
#include <tern/spinlock.h>
#include <tern/wait.h>
#include <uapi/termios.h>

#define N_TTY_BUF_SIZE	4096

struct tty_struct {
	const char *name;
	/* Driver output: bytes already processed by OPOST. */
	void (*write)(struct tty_struct *tty, const char *buf, size_t n);
	struct wait_queue_head read_wait, write_wait;

	spinlock_t lock;
	struct termios termios;
	struct winsize winsize;
	int session, pgrp;
	char buf[N_TTY_BUF_SIZE];
	u64 delim[N_TTY_BUF_SIZE / 64];
	u64 eof[N_TTY_BUF_SIZE / 64];
	u32 head, tail, canon_head;	/* free-running; index & (SIZE - 1) */
	u32 column;			/* output column, for tabs and erase */
	u32 canon_column;		/* column where the edited line began */
	bool lnext;			/* the last input byte was VLNEXT */
	bool stopped;			/* ^S seen (IXON) */
	/* Echo, built under the lock and written after it. */
	char echo_buf[256];
	u32 echo_len;
	/* ISIG signals to send once the lock is dropped (a bit per signal). */
	u32 pending_sigs;
	u64 rx_bytes;			/* bytes received, for VTIME */
};

/* The console / ttyS0 terminal. */
extern struct tty_struct serial_tty;

/* Linux's default termios (stty sane): 38400 8N1, ICRNL IXON, OPOST
 * ONLCR, ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN. */
void tty_init_termios(struct termios *t);
void tty_struct_init(struct tty_struct *tty, const char *name,
		     void (*write)(struct tty_struct *, const char *, size_t));

/* ---- n_tty.c: the line discipline ---- */
/* Feed received bytes (thread context, no lock held). */
void n_tty_receive(struct tty_struct *tty, const char *buf, size_t n);
/*
 * Read into a kernel buffer: canonical lines or VMIN/VTIME rules.
 * Returns bytes, 0 at end of file (^D on an empty line, or VMIN = 0),
 * -EAGAIN (nonblock), -ERESTARTSYS.
 */
ssize_t n_tty_read(struct tty_struct *tty, char *buf, size_t n, bool nonblock);
/* Write with OPOST processing; waits while output is stopped (^S). */
ssize_t n_tty_write(struct tty_struct *tty, const char *buf, size_t n, bool nonblock);
/* ^Q / TCOON: output may go again. */
void n_tty_start(struct tty_struct *tty);
/* Readable bytes now (FIONREAD) and poll's POLLIN test. */
u32 n_tty_inq(struct tty_struct *tty);
bool n_tty_readable(struct tty_struct *tty);
void n_tty_flush_input(struct tty_struct *tty);
/* A new termios took effect: ICANON changes move the line boundary. */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);

/* ---- tty_io.c: files, ioctls, job control ---- */
int tty_init(void);
/*
 * The process code calls this when a session leader exits: its
 * controlling terminal's foreground group gets SIGHUP and SIGCONT and
 * the terminal is freed for another session (credentials(7)).
 */
void tty_session_leader_exit(int sid);
/* /proc/<pid>/stat tty_nr (new_encode_dev form) of a process's tty. */
u32 tty_devnum(void *tty);

#endif
