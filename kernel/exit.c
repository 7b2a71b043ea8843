/*
 * Thread and process exit, zombies, and wait4(2)/waitid(2).
 *
 * A thread's exit releases its mm, files and fs references and leaves
 * the process's thread list; the last thread out turns the process into
 * a zombie: its children go to init (pid 1), its parent gets SIGCHLD and
 * a wake-up on wait_chldexit.  The zombie keeps its pid and exit status
 * until wait reaps it (release_process), or at once when the parent
 * ignores SIGCHLD or set SA_NOCLDWAIT.
 */
#include <asm/cpu.h>
#include <asm/pgtable.h>
#include <tern/errno.h>
#include <tern/fdtable.h>
#include <tern/ipc.h>
#include <tern/futex.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/mm_types.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/reboot.h>
#include <tern/signal.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/tty.h>
#include <tern/uaccess.h>
#include <uapi/sched.h>


/* Free a reaped zombie.  Caller holds tasklist_lock. */
static void release_process(struct process *p)
{
	list_del_init(&p->sibling);
	list_del_init(&p->all);
	if (p->parent) {
		p->parent->cutime += p->utime + p->cutime;
		p->parent->cstime += p->stime + p->cstime;
	}
	flush_sigqueue(&p->shared_pending);
	if (__atomic_sub_fetch(&p->sighand->count, 1, __ATOMIC_SEQ_CST) == 0)
		kfree(p->sighand);
	/* exe was dropped at exit (it may sleep? no: fput of a regular file). */
	kfree(p);
}

/* The last thread is gone: become a zombie.  Caller holds tasklist_lock. */
static void exit_notify(struct process *p)
{
	struct process *init = find_process(1);
	struct process *c, *n;
	int pgrps[16], npgrps = 0;

	list_for_each_entry(c, &p->children, sibling) {
		if (c->state == PROC_ZOMBIE || c->pgid == p->pgid || c->sid != p->sid)
			continue;
		bool seen = false;
		for (int i = 0; i < npgrps; i++)
			seen |= pgrps[i] == c->pgid;
		if (!seen && npgrps < (int)ARRAY_SIZE(pgrps))
			pgrps[npgrps++] = c->pgid;
	}
	/* Orphans go to init; zombies among them are init's to reap. */
	list_for_each_entry_safe(c, n, &p->children, sibling) {
		list_del_init(&c->sibling);
		if (init && init != p) {
			c->parent = init;
			list_add_tail(&c->sibling, &init->children);
			if (c->state == PROC_ZOMBIE &&
			    do_notify_parent(c, 0, 0))
				release_process(c);
		} else {
			c->parent = NULL;
			if (c->state == PROC_ZOMBIE)
				release_process(c);
		}
		if (c->pdeath_signal && c->state != PROC_ZOMBIE)
			send_signal_locked(c->pdeath_signal, NULL,
					   list_first_entry(&c->threads, struct task, thread_node),
					   true);
	}
	p->state = PROC_ZOMBIE;
	kill_orphaned_pgrps_locked(p, pgrps, npgrps);
	if (!p->parent) {
		release_process(p);
		return;
	}
	int code = p->exit_code;
	int why = (code & 0x7f) ? ((code & 0x80) ? CLD_DUMPED : CLD_KILLED) : CLD_EXITED;
	int status = (code & 0x7f) ? (code & 0x7f) : ((code >> 8) & 0xff);
	if (do_notify_parent(p, why, status))
		release_process(p);
}

__attribute__((noreturn)) void do_exit(int code)
{
	struct task *t = current;
	struct process *p = t->proc;

	if (!p)
		task_exit(code);
	if (p->pid == 1 && p->nr_threads == 1)
		pr_emerg("init (pid 1) exited with status 0x%x: attempted to kill init\n",
			 p->group_exit ? p->exit_code : (code & 0xff) << 8);
	t->flags |= PF_EXITING;
	exit_robust_list(t);
	if (t->clear_child_tid) {
		int zero = 0;
		if (!copy_to_user((void *)t->clear_child_tid, &zero, sizeof(zero)))
			futex_wake_addr((u32 *)t->clear_child_tid, 1);
		t->clear_child_tid = 0;
	}
	vfork_release(t);

	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	struct files_struct *files = t->files;
	struct fs_struct *fs = t->fs;
	struct mm_struct *mm = t->mm;
	t->files = NULL;
	t->fs = NULL;
	t->mm = NULL;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (files)
		files_put(files);
	if (fs)
		fs_struct_put(fs);
	if (mm) {
		write_cr3(virt_to_phys(kernel_pml4));
		mmput(mm);
	}

	/* A session leader's end hangs up its terminal (credentials(7)). */
	if (p->nr_threads == 1 && p->sid == p->pid && p->tty)
		tty_session_leader_exit(p->sid);

	fl = spin_lock_irqsave(&tasklist_lock);
	list_del_init(&t->thread_node);
	p->utime += t->utime;
	p->stime += t->stime;
	flush_task_sigqueue(t);
	bool last = --p->nr_threads == 0;
	if (last) {
		if (!p->group_exit)
			p->exit_code = (code & 0xff) << 8;
		itimer_cancel(p);
	}
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (last) {
		exit_posix_timers(p);
		exit_sem(p);
	}
	fl = spin_lock_irqsave(&tasklist_lock);
	struct file *exe = NULL;
	if (last) {
		exe = p->exe;
		p->exe = NULL;
	}
	if (last && p->pid == 1) {
		spin_unlock_irqrestore(&tasklist_lock, fl);
		machine_exit(false);
	}
	if (last)
		exit_notify(p);
	t->proc = NULL;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	if (exe)
		fput(exe);
	task_exit(code);
}

__attribute__((noreturn)) void do_group_exit(int code)
{
	struct process *p = current->proc;
	unsigned long fl = spin_lock_irqsave(&tasklist_lock);

	if (!p->group_exit) {
		p->group_exit = true;
		p->exit_code = code;
		struct task *t;
		list_for_each_entry(t, &p->threads, thread_node) {
			if (t == current)
				continue;
			t->pending_signal |= sigmask(SIGKILL);
			wake_up_state(t, 1u << TASK_INTERRUPTIBLE);
		}
	}
	code = p->exit_code;
	spin_unlock_irqrestore(&tasklist_lock, fl);
	do_exit(code);
}

long sys_exit(int code)
{
	do_exit(code);
}

long sys_exit_group(int code)
{
	do_group_exit((code & 0xff) << 8);
}

/* ---- wait ---- */

struct wait_opts {
	int type;		/* P_ALL, P_PID, P_PGID */
	int id;
	int options;
	/* results */
	int pid;
	int status;		/* wait4 form */
	int why;		/* CLD_* for waitid */
	int sistatus;
	u32 uid;
	u64 utime, stime;	/* of the reaped child (rusage) */
};

static bool wait_matches(struct process *c, struct wait_opts *wo)
{
	switch (wo->type) {
	case P_PID:
		return c->pid == wo->id;
	case P_PGID:
		return c->pgid == wo->id;
	default:
		return true;
	}
}

/* One pass over the children; >0 pid found, 0 none ready, <0 errno. */
static int wait_scan(struct process *self, struct wait_opts *wo)
{
	struct process *c, *n;
	bool any = false;

	list_for_each_entry_safe(c, n, &self->children, sibling) {
		if (!wait_matches(c, wo))
			continue;
		/* Without __WALL/__WCLONE, only children that signal SIGCHLD. */
		if (!(wo->options & (__WALL | __WCLONE)) && c->exit_signal != SIGCHLD &&
		    c->exit_signal != 0)
			continue;
		any = true;
		if (c->state == PROC_ZOMBIE && (wo->options & WEXITED)) {
			int code = c->exit_code;
			wo->pid = c->pid;
			wo->status = code;
			wo->why = (code & 0x7f) ? ((code & 0x80) ? CLD_DUMPED : CLD_KILLED)
						: CLD_EXITED;
			wo->sistatus = (code & 0x7f) ? (code & 0x7f) : ((code >> 8) & 0xff);
			wo->uid = c->cred.uid;
			wo->utime = c->utime + c->cutime;
			wo->stime = c->stime + c->cstime;
			if (!(wo->options & WNOWAIT))
				release_process(c);
			return wo->pid;
		}
		if (c->state == PROC_ZOMBIE)
			continue;
		if ((wo->options & WUNTRACED) && c->report == CLD_STOPPED) {
			wo->pid = c->pid;
			wo->status = (c->stop_signal << 8) | 0x7f;
			wo->why = CLD_STOPPED;
			wo->sistatus = c->stop_signal;
			wo->uid = c->cred.uid;
			if (!(wo->options & WNOWAIT))
				c->report = 0;
			return wo->pid;
		}
		if ((wo->options & WCONTINUED) && c->report == CLD_CONTINUED) {
			wo->pid = c->pid;
			wo->status = 0xffff;
			wo->why = CLD_CONTINUED;
			wo->sistatus = SIGCONT;
			wo->uid = c->cred.uid;
			if (!(wo->options & WNOWAIT))
				c->report = 0;
			return wo->pid;
		}
	}
	return any ? 0 : -ECHILD;
}

static long do_wait(struct wait_opts *wo)
{
	struct process *self = current->proc;
	DEFINE_WAIT(w);
	long ret;

	for (;;) {
		prepare_to_wait(&self->wait_chldexit, &w, TASK_INTERRUPTIBLE);
		unsigned long fl = spin_lock_irqsave(&tasklist_lock);
		ret = wait_scan(self, wo);
		spin_unlock_irqrestore(&tasklist_lock, fl);
		if (ret != 0 || (wo->options & WNOHANG))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&self->wait_chldexit, &w);
	return ret;
}

static void fill_rusage(struct rusage *ru, u64 utime, u64 stime)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = utime / NSEC_PER_SEC;
	ru->ru_utime.tv_usec = utime % NSEC_PER_SEC / 1000;
	ru->ru_stime.tv_sec = stime / NSEC_PER_SEC;
	ru->ru_stime.tv_usec = stime % NSEC_PER_SEC / 1000;
}

long sys_wait4(int pid, int *status, int options, struct rusage *ru)
{
	struct wait_opts wo = { 0 };

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	if (pid > 0) {
		wo.type = P_PID;
		wo.id = pid;
	} else if (pid == 0) {
		wo.type = P_PGID;
		wo.id = current->proc->pgid;
	} else if (pid < -1) {
		wo.type = P_PGID;
		wo.id = -pid;
	} else {
		wo.type = P_ALL;
	}
	wo.options = options | WEXITED;
	long ret = do_wait(&wo);
	if (ret > 0) {
		if (status && copy_to_user(status, &wo.status, sizeof(int)))
			return -EFAULT;
		if (ru) {
			struct rusage r;
			fill_rusage(&r, wo.utime, wo.stime);
			if (copy_to_user(ru, &r, sizeof(r)))
				return -EFAULT;
		}
	}
	return ret;
}

long sys_waitid(int which, int id, void *infop, int options, struct rusage *ru)
{
	struct wait_opts wo = { 0 };

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		wo.type = P_ALL;
		break;
	case P_PID:
		if (id <= 0)
			return -EINVAL;
		wo.type = P_PID;
		wo.id = id;
		break;
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		wo.type = P_PGID;
		wo.id = id ? id : current->proc->pgid;
		break;
	default:
		return -EINVAL;
	}
	wo.options = options;
	long ret = do_wait(&wo);
	if (ret < 0)
		return ret;
	if (infop) {
		siginfo_t si;
		memset(&si, 0, sizeof(si));
		if (ret > 0) {
			si.si_signo = SIGCHLD;
			si.si_code = wo.why;
			si.chld.pid = wo.pid;
			si.chld.uid = wo.uid;
			si.chld.status = wo.sistatus;
		}
		if (copy_to_user(infop, &si, sizeof(si)))
			return -EFAULT;
	}
	if (ru) {
		struct rusage r;
		fill_rusage(&r, wo.utime, wo.stime);
		if (copy_to_user(ru, &r, sizeof(r)))
			return -EFAULT;
	}
	return 0;
}
