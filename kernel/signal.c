/*
 * Signals (signal(7)): sending, queueing, blocking, default actions,
 * job-control stops, and delivery on the way back to user mode.  The
 * frame a handler runs on is built by arch/x86_64/signal.c.
 *
 * State: thread-directed pending signals in struct task, process-wide
 * ones in process->shared_pending, actions in process->sighand, all
 * under tasklist_lock.  Standard signals (1..31) are pending at most
 * once; real-time signals (32..64) queue every instance with its
 * siginfo.  A thread takes its own signals before the process's, the
 * lowest number first.
 */
#include <asm/ptrace.h>
#include <tern/errno.h>
#include <tern/eventpoll.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/time.h>
#include <tern/uaccess.h>
#include <uapi/time.h>
#include <uapi/unistd.h>

#define STOP_SIGS	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define IGNORE_SIGS	(sigmask(SIGCHLD) | sigmask(SIGCONT) | sigmask(SIGURG) | sigmask(SIGWINCH))
#define CORE_SIGS	(sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | sigmask(SIGABRT) | \
			 sigmask(SIGBUS) | sigmask(SIGFPE) | sigmask(SIGSEGV) | sigmask(SIGXCPU) | \
			 sigmask(SIGXFSZ) | sigmask(SIGSYS))
#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

void sigpending_init(struct sigpending *sp)
{
	sp->signal = 0;
	INIT_LIST_HEAD(&sp->list);
}

static void flush_list(struct list_head *l)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, l, list) {
		list_del_init(&q->list);
		kfree(q);
	}
}

void flush_sigqueue(struct sigpending *sp)
{
	flush_list(&sp->list);
	sp->signal = 0;
}

void flush_task_sigqueue(struct task *t)
{
	flush_list(&t->pending_list);
	t->pending_signal = 0;
}

/* Remove every queued instance of the signals in mask. */
static void remove_from_list(struct list_head *l, sigset_t mask)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, l, list) {
		if (sigmask(q->info.si_signo) & mask) {
			list_del_init(&q->list);
			kfree(q);
		}
	}
}

static void remove_pending(struct process *p, sigset_t mask)
{
	struct task *t;

	p->shared_pending.signal &= ~mask;
	remove_from_list(&p->shared_pending.list, mask);
	list_for_each_entry(t, &p->threads, thread_node) {
		t->pending_signal &= ~mask;
		remove_from_list(&t->pending_list, mask);
	}
}

static sigset_t task_pending(struct task *t)
{
	return t->pending_signal | (t->proc ? t->proc->shared_pending.signal : 0);
}

bool signal_pending(struct task *t)
{
	if (!t->proc)
		return false;
	return (task_pending(t) & ~t->blocked) || t->proc->group_exit ||
	       (task_pending(t) & sigmask(SIGKILL));
}

bool task_has_signal_work(struct task *t)
{
	return signal_pending(t) || (t->proc && t->proc->stopped);
}

static bool sig_default_ignored(int sig)
{
	return sig <= 31 && (IGNORE_SIGS & sigmask(sig));
}

/*
 * Would sending sig to p be discarded at once (ignored and not blocked)?
 * A signal rt_sigtimedwait waits for counts as blocked (Linux's
 * real_blocked): busybox init waits so for SIGCHLD, ignored by default.
 */
static bool sig_ignored(struct process *p, struct task *t, int sig)
{
	if (t && ((t->blocked | t->real_blocked) & sigmask(sig)))
		return false;
	u64 h = p->sighand->action[sig - 1].handler;
	if (h == SIG_IGN)
		return sig != SIGKILL && sig != SIGSTOP;
	return h == SIG_DFL && sig_default_ignored(sig);
}

bool sig_ignored_or_blocked(int sig)
{
	struct process *p = current->proc;

	if (!p || !valid_signal(sig))
		return false;
	if (current->blocked & sigmask(sig))
		return true;
	return p->sighand->action[sig - 1].handler == SIG_IGN;
}

static void wake_signal_target(struct task *t, int sig)
{
	unsigned mask = 1u << TASK_INTERRUPTIBLE;

	(void)sig;
	wake_up_state(t, mask);
}

/* SIGCONT continues a stopped process (and discards pending stops);
 * a stop signal discards a pending SIGCONT.  Caller holds the lock. */
static void prepare_signal(struct process *p, int sig)
{
	if (sig == SIGCONT || sig == SIGKILL) {
		if (sig == SIGCONT)
			remove_pending(p, STOP_SIGS);
		if (p->stopped) {
			p->stopped = false;
			p->report = CLD_CONTINUED;
			do_notify_parent_cldstop(p, CLD_CONTINUED);
			struct task *t;
			list_for_each_entry(t, &p->threads, thread_node)
				wake_up_state(t, 1u << TASK_INTERRUPTIBLE);
		}
	} else if (sigmask(sig) & STOP_SIGS) {
		remove_pending(p, sigmask(SIGCONT));
	}
}

int send_signal_locked(int sig, const siginfo_t *info, struct task *t, bool group)
{
	struct process *p = t->proc;

	if (!p || !valid_signal(sig))
		return -EINVAL;
	if (p->state == PROC_ZOMBIE || p->group_exit)
		return 0;
	prepare_signal(p, sig);
	if (sig_ignored(p, group ? NULL : t, sig)) {
		/* Ignored unless some thread blocks it (then it stays pending). */
		bool blocked = false;
		struct task *x;
		list_for_each_entry(x, &p->threads, thread_node)
			if ((x->blocked | x->real_blocked) & sigmask(sig))
				blocked = true;
		if (!blocked || !group)
			return 0;
	}
	sigset_t *set = group ? &p->shared_pending.signal : &t->pending_signal;
	struct list_head *list = group ? &p->shared_pending.list : &t->pending_list;
	if (sig < SIGRTMIN && (*set & sigmask(sig)))
		return 0;	/* a standard signal is pending once */
	struct sigqueue *q = kmalloc(sizeof(*q));
	if (q) {
		if (info) {
			q->info = *info;
		} else {
			memset(&q->info, 0, sizeof(q->info));
			q->info.si_signo = sig;
			q->info.si_code = SI_KERNEL;
		}
		q->info.si_signo = sig;
		list_add_tail(&q->list, list);
	} else if (sig >= SIGRTMIN) {
		return -EAGAIN;
	}
	*set |= sigmask(sig);
	signalfd_notify();	/* signalfd readers and pollers look again */

	/* Wake a thread that can take it. */
	if (!group) {
		wake_signal_target(t, sig);
	} else {
		struct task *x, *target = NULL;
		list_for_each_entry(x, &p->threads, thread_node) {
			if (!(x->blocked & sigmask(sig))) {
				target = x;
				break;
			}
		}
		if (target)
			wake_signal_target(target, sig);
		if (sig == SIGKILL)
			list_for_each_entry(x, &p->threads, thread_node)
				wake_signal_target(x, sig);
	}
	return 0;
}

int send_signal_to_task(struct task *t, int sig)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	int r = send_signal_locked(sig, NULL, t, false);
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return r;
}

static struct task *first_thread(struct process *p)
{
	return list_empty(&p->threads) ? NULL
				       : list_first_entry(&p->threads, struct task, thread_node);
}

int send_signal_to_process(struct process *p, int sig)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct task *t = first_thread(p);
	int r = t ? send_signal_locked(sig, NULL, t, true) : 0;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return r;
}


int kill_pgrp(int pgrp, int sig)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct process *p;
	int found = 0;

	list_for_each_entry(p, &all_processes, all) {
		struct task *t = first_thread(p);
		if (p->pgid != pgrp || !t)
			continue;
		found++;
		send_signal_locked(sig, NULL, t, true);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return found ? 0 : -ESRCH;
}

static bool is_orphaned_pgrp_locked(int pgrp)
{
	struct process *p;

	list_for_each_entry(p, &all_processes, all) {
		if (p->pgid != pgrp || p->state == PROC_ZOMBIE || !p->parent)
			continue;
		if (p->parent->pgid != pgrp && p->parent->sid == p->sid)
			return false;
	}
	return true;
}

static bool has_stopped_jobs(int pgrp)
{
	struct process *p;

	list_for_each_entry(p, &all_processes, all)
		if (p->pgid == pgrp && p->state != PROC_ZOMBIE && p->stopped)
			return true;
	return false;
}

/* POSIX exit(3): a process group orphaned by this exit that has stopped
 * members gets SIGHUP then SIGCONT. */
static void hup_if_newly_orphaned(int pgrp)
{
	struct process *p;

	if (!pgrp || !is_orphaned_pgrp_locked(pgrp) || !has_stopped_jobs(pgrp))
		return;
	list_for_each_entry(p, &all_processes, all) {
		struct task *t = first_thread(p);
		if (p->pgid != pgrp || !t)
			continue;
		send_signal_locked(SIGHUP, NULL, t, true);
		send_signal_locked(SIGCONT, NULL, t, true);
	}
}

void kill_orphaned_pgrps_locked(struct process *dying, const int *child_pgrps, int n)
{
	struct process *parent = dying->parent;

	/* Our own group, if our parent was its link to the session. */
	if (parent && parent->pgid != dying->pgid && parent->sid == dying->sid)
		hup_if_newly_orphaned(dying->pgid);
	/* Our children's groups (in our session, not ours): we were a link. */
	for (int i = 0; i < n; i++)
		hup_if_newly_orphaned(child_pgrps[i]);
}

bool is_orphaned_pgrp(int pgrp)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	bool orphaned = is_orphaned_pgrp_locked(pgrp);
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return orphaned;
}

/* ---- parent notification ---- */

bool do_notify_parent(struct process *p, int why, int status)
{
	struct process *parent = p->parent;

	if (!parent)
		return true;
	struct k_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];
	bool autoreap = p->exit_signal == SIGCHLD &&
			(ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT));
	if (why && p->exit_signal && !(autoreap && ka->handler == SIG_IGN)) {
		siginfo_t si;
		memset(&si, 0, sizeof(si));
		si.si_signo = p->exit_signal;
		si.si_code = why;
		si.chld.pid = p->pid;
		si.chld.uid = p->cred.uid;
		si.chld.status = status;
		si.chld.utime = p->utime / (NSEC_PER_SEC / USER_HZ);
		si.chld.stime = p->stime / (NSEC_PER_SEC / USER_HZ);
		struct task *t = first_thread(parent);
		if (t)
			send_signal_locked(p->exit_signal, &si, t, true);
	}
	wake_up_all(&parent->wait_chldexit);
	return autoreap;
}

void do_notify_parent_cldstop(struct process *p, int why)
{
	struct process *parent = p->parent;

	if (!parent)
		return;
	struct k_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];
	if (!(ka->flags & SA_NOCLDSTOP) && ka->handler != SIG_IGN) {
		siginfo_t si;
		memset(&si, 0, sizeof(si));
		si.si_signo = SIGCHLD;
		si.si_code = why;
		si.chld.pid = p->pid;
		si.chld.uid = p->cred.uid;
		si.chld.status = why == CLD_CONTINUED ? SIGCONT : p->stop_signal;
		struct task *t = first_thread(parent);
		if (t)
			send_signal_locked(SIGCHLD, &si, t, true);
	}
	wake_up_all(&parent->wait_chldexit);
}

/* ---- delivery ---- */

/* Take the lowest pending signal not in mask; 0 if none.  Lock held. */
static int dequeue_signal(struct task *t, sigset_t mask, siginfo_t *info)
{
	sigset_t *set = &t->pending_signal;
	struct list_head *list = &t->pending_list;
	sigset_t ready = *set & ~mask;

	if (!ready) {
		set = &t->proc->shared_pending.signal;
		list = &t->proc->shared_pending.list;
		ready = *set & ~mask;
		if (!ready)
			return 0;
	}
	/* SIGKILL and SIGSTOP first, then the lowest number (signal(7)). */
	int sig = (ready & sigmask(SIGKILL)) ? SIGKILL : __builtin_ctzll(ready) + 1;
	struct sigqueue *q, *found = NULL;
	bool more = false;
	list_for_each_entry(q, list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (!found)
			found = q;
		else {
			more = true;
			break;
		}
	}
	if (found) {
		*info = found->info;
		list_del_init(&found->list);
		kfree(found);
		if (info->si_code == SI_TIMER)
			posix_timer_delivered(t->proc, info);
	} else {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
	if (!more)
		*set &= ~sigmask(sig);
	return sig;
}

/*
 * signalfd(2): take the lowest signal of `want` pending for current
 * (thread or process), 0 if none; pending signals of want, for poll.
 */
int signalfd_dequeue(sigset_t want, siginfo_t *info)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	int sig = dequeue_signal(current, ~want, info);

	spin_unlock_irqrestore(&tasklist_lock, fl);
	return sig;
}

sigset_t signalfd_pending(sigset_t want)
{
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	sigset_t p = (current->pending_signal | current->proc->shared_pending.signal) & want;

	spin_unlock_irqrestore(&tasklist_lock, fl);
	return p;
}

/* Sleep while the process is stopped (SIGSTOP & co).  Lock not held. */
static void do_signal_stop(void)
{
	struct process *p = current->proc;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!READ_ONCE(p->stopped) || (task_pending(current) & sigmask(SIGKILL)) ||
		    p->group_exit)
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

static void syscall_restart(struct pt_regs *regs, bool handler, u64 sa_flags)
{
	if (regs->error_code != SYSCALL_FRAME)
		return;
	long ret = (long)regs->rax;
	switch (ret) {
	case -ERESTARTNOHAND:
		if (handler) {
			regs->rax = -EINTR;
			break;
		}
		goto restart;
	case -ERESTART_RESTARTBLOCK:
		if (handler) {
			regs->rax = -EINTR;
			break;
		}
		regs->rax = __NR_restart_syscall;
		regs->rip -= 2;
		break;
	case -ERESTARTSYS:
		if (handler && !(sa_flags & SA_RESTART)) {
			regs->rax = -EINTR;
			break;
		}
		goto restart;
	case -ERESTARTNOINTR:
	restart:
		regs->rax = regs->vector;	/* orig_rax */
		regs->rip -= 2;			/* back onto the syscall insn */
		break;
	default:
		return;
	}
	regs->error_code = 0;	/* handled: not again */
}

void do_signal(struct pt_regs *regs)
{
	struct task *t = current;
	struct process *p = t->proc;
	siginfo_t info;

	for (;;) {
		unsigned long fl = spin_lock_irqsave(&tasklist_lock);
		if (p->group_exit) {
			int code = p->exit_code;
			spin_unlock_irqrestore(&tasklist_lock, fl);
			do_exit(code);
		}
		if (p->stopped) {
			spin_unlock_irqrestore(&tasklist_lock, fl);
			do_signal_stop();
			continue;
		}
		int sig = dequeue_signal(t, t->blocked, &info);
		if (!sig) {
			spin_unlock_irqrestore(&tasklist_lock, fl);
			break;
		}
		struct k_sigaction ka = p->sighand->action[sig - 1];
		if (sig == SIGKILL || sig == SIGSTOP)
			ka.handler = SIG_DFL;
		if (ka.handler == SIG_IGN) {
			spin_unlock_irqrestore(&tasklist_lock, fl);
			continue;
		}
		if (ka.handler == SIG_DFL) {
			if (sig_default_ignored(sig) ||
			    (p->pid == 1 && sig != SIGKILL && sig != SIGSTOP)) {
				spin_unlock_irqrestore(&tasklist_lock, fl);
				continue;
			}
			if (sigmask(sig) & STOP_SIGS) {
				if (sig != SIGSTOP && p->pgid && is_orphaned_pgrp_locked(p->pgid)) {
					spin_unlock_irqrestore(&tasklist_lock, fl);
					continue;
				}
				p->stopped = true;
				p->stop_signal = sig;
				p->report = CLD_STOPPED;
				do_notify_parent_cldstop(p, CLD_STOPPED);
				spin_unlock_irqrestore(&tasklist_lock, fl);
				do_signal_stop();
				continue;
			}
			/* Terminate; "core" ones set the core bit when a dump
			 * would be allowed.  linux-compat: no core file is written. */
			int code = sig;
			if ((sigmask(sig) & CORE_SIGS) && p->rlim[RLIMIT_CORE].rlim_cur)
				code |= 0x80;
			spin_unlock_irqrestore(&tasklist_lock, fl);
			do_group_exit(code);
		}
		/* A handler: settle the interrupted syscall, then the frame. */
		syscall_restart(regs, true, ka.flags);
		sigset_t oldset = t->restore_sigmask ? t->saved_sigmask : t->blocked;
		t->restore_sigmask = false;
		spin_unlock_irqrestore(&tasklist_lock, fl);
		if (setup_rt_frame(sig, &ka, &info, oldset, regs)) {
			/* No room for the frame: die of SIGSEGV (signal(7)). */
			do_group_exit(SIGSEGV);
		}
		fl = spin_lock_irqsave(&tasklist_lock);
		t->blocked |= ka.mask;
		if (!(ka.flags & SA_NODEFER))
			t->blocked |= sigmask(sig);
		t->blocked &= ~UNBLOCKABLE;
		if (ka.flags & SA_RESETHAND)
			p->sighand->action[sig - 1].handler = SIG_DFL;
		spin_unlock_irqrestore(&tasklist_lock, fl);
		return;
	}
	/* No handler ran: restart what was interrupted, restore sigsuspend's mask. */
	syscall_restart(regs, false, 0);
	if (t->restore_sigmask) {
		t->restore_sigmask = false;
		t->blocked = t->saved_sigmask;
	}
}

void force_sig_fault(int sig, int code, u64 addr)
{
	siginfo_t si;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct k_sigaction *ka = &current->proc->sighand->action[sig - 1];

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = code;
	si.fault.addr = addr;
	/* A fault that is blocked or ignored cannot be skipped: default it. */
	if ((current->blocked & sigmask(sig)) || ka->handler == SIG_IGN) {
		ka->handler = SIG_DFL;
		current->blocked &= ~sigmask(sig);
	}
	send_signal_locked(sig, &si, current, false);
	spin_unlock_irqrestore(&tasklist_lock, fl);
}

int flush_signal_handlers(struct process *p)
{
	struct sighand_struct *sh = p->sighand;

	if (sh->count > 1) {
		struct sighand_struct *n = kzalloc(sizeof(*n));
		if (!n)
			return -ENOMEM;
		n->count = 1;
		memcpy(n->action, sh->action, sizeof(n->action));
		unsigned long fl = spin_lock_irqsave(&tasklist_lock);
		p->sighand = n;
		spin_unlock_irqrestore(&tasklist_lock, fl);
		__atomic_sub_fetch(&sh->count, 1, __ATOMIC_SEQ_CST);
		sh = n;
	}
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &sh->action[i];
		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
	return 0;
}

u64 schedule_timeout_interruptible(u64 ns)
{
	if (ns == ~0ull) {
		schedule();
		return ns;
	}
	return schedule_timeout(ns);
}

/* ---- system calls ---- */

long sys_rt_sigaction(int sig, const void *act, void *oact, size_t sigsetsize)
{
	struct process *p = current->proc;
	struct k_sigaction new, old;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (!valid_signal(sig))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	old = p->sighand->action[sig - 1];
	if (act) {
		new.mask &= ~UNBLOCKABLE;
		new.flags &= ~(u64)SA_UNSUPPORTED;
		p->sighand->action[sig - 1] = new;
		/* POSIX: setting a pending signal to be ignored discards it. */
		if (sig_ignored(p, NULL, sig))
			remove_pending(p, sigmask(sig));
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(int how, const u64 *set, u64 *oset, size_t sigsetsize)
{
	struct task *t = current;
	sigset_t new = 0, old = t->blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
			return -EINVAL;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	if (set) {
		unsigned long fl = spin_lock_irqsave(&tasklist_lock);
		if (how == SIG_BLOCK)
			t->blocked |= new;
		else if (how == SIG_UNBLOCK)
			t->blocked &= ~new;
		else
			t->blocked = new;
		t->blocked &= ~UNBLOCKABLE;
		spin_unlock_irqrestore(&tasklist_lock, fl);
	}
	return 0;
}

long sys_rt_sigpending(u64 *set, size_t sigsetsize)
{
	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	sigset_t s = task_pending(current) & current->blocked;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return copy_to_user(set, &s, sigsetsize) ? -EFAULT : 0;
}

long sys_rt_sigsuspend(const u64 *uset, size_t sigsetsize)
{
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = set & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

long sys_pause(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

long sys_rt_sigtimedwait(const u64 *uset, void *uinfo, const void *uts, size_t sigsetsize)
{
	sigset_t set;
	u64 deadline = 0;
	bool timed = false;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	if (uts) {
		struct __kernel_timespec ts;
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
			return -EINVAL;
		deadline = ktime_get_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
		timed = true;
	}
	siginfo_t info;
	int sig;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	sigset_t saved = current->blocked;
	current->real_blocked = saved;
	for (;;) {
		sig = dequeue_signal(current, ~set, &info);
		if (sig)
			break;
		/* Let the awaited signals wake us (Linux's real_blocked). */
		current->blocked = saved & ~set;
		if (signal_pending(current)) {
			sig = -EINTR;
			break;
		}
		u64 now = ktime_get_ns();
		if (timed && now >= deadline) {
			sig = -EAGAIN;
			break;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&tasklist_lock, fl);
		if (timed)
			schedule_timeout(deadline - now);
		else
			schedule();
		set_current_state(TASK_RUNNING);
		fl = spin_lock_irqsave(&tasklist_lock);
	}
	current->blocked = saved;
	current->real_blocked = 0;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (sig > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

long sys_sigaltstack(const void *uss, void *uoss)
{
	struct task *t = current;
	stack_t old = { .ss_sp = t->sas_ss_sp, .ss_size = t->sas_ss_size };
	u64 sp = current_pt_regs()->rsp;
	bool on = t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;

	old.ss_flags = on ? SS_ONSTACK : (t->sas_ss_size ? t->sas_ss_flags : SS_DISABLE);
	if (uss) {
		stack_t ss;
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on)
			return -EPERM;
		int mode = ss.ss_flags & ~(s32)SS_AUTODISARM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			t->sas_ss_sp = 0;
			t->sas_ss_size = 0;
			t->sas_ss_flags = SS_DISABLE;
		} else {
			if (ss.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			t->sas_ss_sp = ss.ss_sp;
			t->sas_ss_size = ss.ss_size;
			t->sas_ss_flags = ss.ss_flags & SS_AUTODISARM;
		}
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* kill(2) permission: root, or the sender's real/effective uid is the
 * target's real or saved uid. */
static bool kill_permitted(struct process *target, int sig)
{
	const struct cred *c = &current->proc->cred;

	if (c->euid == 0 || target == current->proc)
		return true;
	if (sig == SIGCONT && target->sid == current->proc->sid)
		return true;
	return c->euid == target->cred.uid || c->euid == target->suid ||
	       c->uid == target->cred.uid || c->uid == target->suid;
}

static void user_siginfo(siginfo_t *si, int sig, int code)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = sig;
	si->si_code = code;
	si->kill.pid = current->proc->pid;
	si->kill.uid = current->proc->cred.uid;
}

/*
 * Init is protected as on Linux: a signal sent from user space reaches
 * PID 1 only if PID 1 installed a handler for it or blocks it (a blocked
 * signal may be waited for, as busybox init waits for its signals), so
 * never SIGKILL or SIGSTOP; the send itself succeeds (kill(2) returns
 * 0).  Lock held.
 */
static bool init_ignores(struct process *p, int sig)
{
	struct task *t = first_thread(p);

	if (p->pid != 1 || !sig)
		return false;
	if (sig == SIGKILL || sig == SIGSTOP)
		return true;
	if (t && ((t->blocked | t->real_blocked) & sigmask(sig)))
		return false;
	return p->sighand->action[sig - 1].handler == SIG_DFL;
}

/* Send to one process with permission check; lock held. */
static int kill_one(struct process *p, int sig, siginfo_t *si)
{
	struct task *t = first_thread(p);

	if (!t || p->state == PROC_ZOMBIE)
		return p->state == PROC_ZOMBIE ? 0 : -ESRCH;
	if (!kill_permitted(p, sig))
		return -EPERM;
	if (!sig || init_ignores(p, sig))
		return 0;
	return send_signal_locked(sig, si, t, true);
}

long sys_kill(int pid, int sig)
{
	siginfo_t si;
	struct process *p;
	int ret = -ESRCH, count = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	user_siginfo(&si, sig, SI_USER);
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	if (pid > 0) {
		p = find_process(pid);
		ret = p ? kill_one(p, sig, &si) : -ESRCH;
	} else {
		int pgrp = pid == 0 ? current->proc->pgid : -pid;
		bool success = false;
		list_for_each_entry(p, &all_processes, all) {
			if (pid == -1) {
				if (p->pid == 1 || p == current->proc)
					continue;
			} else if (p->pgid != pgrp) {
				continue;
			}
			if (p->state == PROC_ZOMBIE && pid != -1)
				continue;
			count++;
			int r = kill_one(p, sig, &si);
			if (!r)
				success = true;
			else
				ret = r;
		}
		if (success)
			ret = 0;
		else if (!count)
			ret = -ESRCH;
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return ret;
}

static long do_tkill(int tgid, int tid, int sig)
{
	siginfo_t si;

	if (tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	user_siginfo(&si, sig, SI_TKILL);
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct task *t = find_task(tid);
	long ret = -ESRCH;
	if (t && (tgid <= 0 || t->proc->pid == tgid)) {
		ret = kill_permitted(t->proc, sig) ? 0 : -EPERM;
		if (!ret && sig && !init_ignores(t->proc, sig))
			ret = send_signal_locked(sig, &si, t, false);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return ret;
}

long sys_tkill(int tid, int sig)
{
	return do_tkill(0, tid, sig);
}

long sys_tgkill(int tgid, int tid, int sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}

static long do_sigqueueinfo(int tgid, int tid, int sig, const void *uinfo)
{
	siginfo_t si;

	if (copy_from_user(&si, uinfo, sizeof(si)))
		return -EFAULT;
	if (sig <= 0 || sig > _NSIG)
		return -EINVAL;
	/* Only the kernel may claim SI_USER-or-positive codes for others. */
	if ((si.si_code >= 0 || si.si_code == SI_TKILL) && tgid != current->proc->pid)
		return -EPERM;
	si.si_signo = sig;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	long ret = -ESRCH;
	if (tid) {
		struct task *t = find_task(tid);
		if (t && t->proc->pid == tgid)
			ret = !kill_permitted(t->proc, sig) ? -EPERM :
			      init_ignores(t->proc, sig) ? 0 : send_signal_locked(sig, &si, t, false);
	} else {
		struct process *p = find_process(tgid);
		if (p)
			ret = kill_one(p, sig, &si);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	return ret;
}

long sys_rt_sigqueueinfo(int pid, int sig, const void *uinfo)
{
	return do_sigqueueinfo(pid, 0, sig, uinfo);
}

long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, const void *uinfo)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return do_sigqueueinfo(tgid, tid, sig, uinfo);
}

long sys_restart_syscall(void)
{
	struct task *t = current;

	if (!t->restart_fn)
		return -EINTR;
	long (*fn)(struct task *) = t->restart_fn;
	t->restart_fn = NULL;
	return fn(t);
}
