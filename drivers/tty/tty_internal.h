/*
 * Shared inside drivers/tty/ only: the job-control seam to the process
 * code (tty_jobctrl.c).
 */
#ifndef DRIVERS_TTY_INTERNAL_H
#define DRIVERS_TTY_INTERNAL_H

#include <tern/tty.h>

/* ISIG: send sig to the terminal's foreground process group. */
void tty_isig(struct tty_struct *tty, int sig);
/*
 * tty_ioctl(4) / credentials(7): a caller in a background process group
 * of this, its controlling terminal, may not read (SIGTTIN) or change it /
 * write with TOSTOP (SIGTTOU).  Returns 0 (go ahead), -ERESTARTSYS (the
 * signal was sent to its group) or -EIO (orphaned group, or SIGTTIN
 * ignored/blocked).
 */
int tty_check_bg(struct tty_struct *tty, int sig);
/* The caller's ids; false for kernel threads. */
bool tty_caller(int *pid, int *pgid, int *sid);
/* The caller's controlling terminal, or NULL. */
struct tty_struct *tty_current_ctty(void);
void tty_set_current_ctty(struct tty_struct *tty);
/* TIOCSPGRP's test: 0 if process group pgrp exists in session sid,
 * -ESRCH if there is no such group, -EPERM if it is in another session. */
int tty_pgrp_in_session(int pgrp, int sid);
/* Send sig to a process group (no-op for pgrp <= 0). */
void tty_kill_pgrp(int pgrp, int sig);
/* Is the caller privileged (TIOCSCTTY steal)? */
bool tty_caller_is_root(void);

#endif
