/*
 * Signal internals shared by kernel/signal.c, kernel/exit.c, kernel/fork.c,
 * kernel/exec.c and arch/x86_64/signal.c (the frame).  The public side
 * (send_signal_to_task, kill_pgrp, signal_pending) is in process.h.
 */
#ifndef TERN_SIGNAL_H
#define TERN_SIGNAL_H

#include <tern/process.h>

struct pt_regs;

struct sigqueue {
	struct list_head list;
	siginfo_t info;
};

/* Something to do on the way to user mode: a deliverable signal or a
 * group exit. */
bool task_has_signal_work(struct task *t);
/* Deliver one pending signal (handler frame, default action). */
void do_signal(struct pt_regs *regs);
/* A fault in user mode: SIGSEGV & co with si_code and si_addr. */
void force_sig_fault(int sig, int code, u64 addr);
/* Queue sig for t (group: process-wide).  Caller holds tasklist_lock. */
int send_signal_locked(int sig, const siginfo_t *info, struct task *t, bool group);
/* exec: handlers back to SIG_DFL (SIG_IGN stays), fresh sighand if shared. */
int flush_signal_handlers(struct process *p);
/* SIGCHLD (or exit_signal) to p's parent about p; caller holds the lock.
 * Returns true if p should be reaped at once (SIG_IGN / SA_NOCLDWAIT). */
bool do_notify_parent(struct process *p, int why, int status);
void do_notify_parent_cldstop(struct process *p, int why);
/* exit: SIGHUP + SIGCONT to process groups this exit orphans that have
 * stopped members (POSIX _exit(2)); child_pgrps are the groups of the
 * dying process's children in its session.  Lock held, dying a zombie. */
void kill_orphaned_pgrps_locked(struct process *dying, const int *child_pgrps, int n);
/* signalfd(2) (fs/signalfd.c): dequeue one of want for current, 0 if
 * none; which of want are pending for current. */
int signalfd_dequeue(sigset_t want, siginfo_t *info);
sigset_t signalfd_pending(sigset_t want);
void sigpending_init(struct sigpending *sp);
void flush_sigqueue(struct sigpending *sp);
void flush_task_sigqueue(struct task *t);
/* Fatal signal default action: ends the whole process. */
__attribute__((noreturn)) void do_group_exit(int code);
__attribute__((noreturn)) void do_exit(int code);

/* arch/x86_64/signal.c */
int setup_rt_frame(int sig, const struct k_sigaction *ka, const siginfo_t *info,
		   sigset_t oldset, struct pt_regs *regs);
long restore_sigcontext_frame(struct pt_regs *regs);

#endif
