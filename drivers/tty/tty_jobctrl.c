/*
 * The terminal's view of processes: who is calling, which session and
 * process group it is in, and signals to process groups (credentials(7),
 * tty_ioctl(4) "Controlling terminal", "Process group and session ID").
 *
 * A process's own pgid/sid are read without tasklist_lock: they are
 * single aligned ints that only the process itself (or its parent before
 * exec) changes, and a stale value is no worse than a call made a moment
 * earlier.
 */
#include <tern/process.h>
#include <tern/tty.h>
#include "tty_internal.h"

bool tty_caller(int *pid, int *pgid, int *sid)
{
	struct process *p = current->proc;

	if (!p)
		return false;
	*pid = READ_ONCE(p->pid);
	*pgid = READ_ONCE(p->pgid);
	*sid = READ_ONCE(p->sid);
	return true;
}

struct tty_struct *tty_current_ctty(void)
{
	struct process *p = current->proc;
	struct tty_struct *tty;

	if (!p)
		return NULL;
	tty = READ_ONCE(p->tty);
	if (tty && READ_ONCE(tty->session) == READ_ONCE(p->sid) && tty->session > 0)
		return tty;
	return NULL;
}

void tty_set_current_ctty(struct tty_struct *tty)
{
	if (current->proc)
		WRITE_ONCE(current->proc->tty, tty);
}

bool tty_caller_is_root(void)
{
	return current->proc && current->proc->cred.euid == 0;
}

void tty_kill_pgrp(int pgrp, int sig)
{
	if (pgrp > 0)
		kill_pgrp(pgrp, sig);
}

void tty_isig(struct tty_struct *tty, int sig)
{
	tty_kill_pgrp(READ_ONCE(tty->pgrp), sig);
}

int tty_check_bg(struct tty_struct *tty, int sig)
{
	int pid, pgid, sid, fg;

	if (!tty_caller(&pid, &pgid, &sid) || tty_current_ctty() != tty)
		return 0;
	fg = READ_ONCE(tty->pgrp);
	if (fg <= 0 || pgid == fg)
		return 0;
	if (sig_ignored_or_blocked(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_orphaned_pgrp(pgid))
		return -EIO;
	kill_pgrp(pgid, sig);
	return -ERESTARTSYS;
}

int tty_pgrp_in_session(int pgrp, int sid)
{
	struct proc_info info;
	int pid = 0, err = -ESRCH;

	/* Bounded by the number of processes: pids only increase here. */
	while ((pid = proc_next_pid(pid)) > 0) {
		if (proc_get_info(pid, &info) || info.pgid != pgrp)
			continue;
		if (info.sid == sid)
			return 0;
		err = -EPERM;
	}
	return err;
}
