/*
 * fork(2), vfork(2), clone(2): a new thread, and unless CLONE_THREAD a
 * new process (kernel/pid.c registers it).  What is shared or copied
 * follows the CLONE_* flags: address space (copy-on-write by dup_mm),
 * fs_struct, fd table, signal handlers.
 *
 * The child starts in ret_from_fork (entry_syscall.S) with a copy of the
 * parent's user registers and rax = 0.
 */
#include <asm/cpu.h>
#include <asm/ptrace.h>
#include <tern/capability.h>
#include <tern/errno.h>
#include <tern/fdtable.h>
#include <tern/ipc.h>
#include <tern/kstack.h>
#include <tern/mm_types.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/slab.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/uaccess.h>
#include <uapi/sched.h>

void ret_from_fork(void);

struct pt_regs *current_pt_regs(void)
{
	return task_pt_regs(current);
}

/* A task with a kernel stack and an FPU area, not yet runnable. */
struct task *alloc_user_task(void)
{
	struct task *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->stack = kstack_alloc();
	t->fpu = kzalloc(sizeof(struct fxsave_state));
	if (!t->stack || !t->fpu) {
		if (t->stack)
			kstack_free(t->stack);
		kfree(t->fpu);
		kfree(t);
		return NULL;
	}
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->pending_list);
	t->start_time = ktime_get_ns();
	t->timer_slack_ns = t->default_timer_slack_ns = DEFAULT_TIMER_SLACK_NS;
	return t;
}

void free_user_task(struct task *t)
{
	kstack_free(t->stack);
	kfree(t->fpu);
	kfree(t);
}

/* Default limits (Linux's for init, with a 1024 fd soft limit). */
void rlimit_init_defaults(struct rlimit64 *r)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		r[i].rlim_cur = r[i].rlim_max = RLIM_INFINITY;
	r[RLIMIT_STACK].rlim_cur = 8 << 20;
	r[RLIMIT_CORE].rlim_cur = 0;
	r[RLIMIT_NOFILE].rlim_cur = 1024;
	r[RLIMIT_NOFILE].rlim_max = 4096;
	/* Linux's fork_init: half of threads-max for both. */
	r[RLIMIT_NPROC].rlim_cur = r[RLIMIT_NPROC].rlim_max = (u64)max_threads / 2;
	r[RLIMIT_SIGPENDING].rlim_cur = r[RLIMIT_SIGPENDING].rlim_max = (u64)max_threads / 2;
	r[RLIMIT_MEMLOCK].rlim_cur = r[RLIMIT_MEMLOCK].rlim_max = 8 << 20;
	r[RLIMIT_MSGQUEUE].rlim_cur = r[RLIMIT_MSGQUEUE].rlim_max = 819200;
	r[RLIMIT_NICE].rlim_cur = r[RLIMIT_NICE].rlim_max = 0;
	r[RLIMIT_RTPRIO].rlim_cur = r[RLIMIT_RTPRIO].rlim_max = 0;
}

struct process *alloc_process(void)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->sighand = kzalloc(sizeof(*p->sighand));
	if (!p->sighand) {
		kfree(p);
		return NULL;
	}
	p->sighand->count = 1;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->threads);
	INIT_LIST_HEAD(&p->all);
	INIT_LIST_HEAD(&p->posix_timers);
	sem_init_proc(p);
	init_waitqueue_head(&p->wait_chldexit);
	sigpending_init(&p->shared_pending);
	p->exit_signal = SIGCHLD;
	p->dumpable = 1;
	p->start_time = ktime_get_ns();
	cap_set_full(&p->cred);        /* root until fork copies a parent's */
	return p;
}


/* The switch frame switch_to pops in the new task: six registers and
 * the return address ret_from_fork, right below its pt_regs. */
static void setup_fork_frame(struct task *t)
{
	u64 *sp = (u64 *)task_pt_regs(t);

	*--sp = (u64)ret_from_fork;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	t->rsp = (u64)sp;
}

struct vfork_completion {
	bool done;
	struct task *waiter;
};

void vfork_release(struct task *t)
{
	struct vfork_completion *vc = (struct vfork_completion *)t->vfork_parent;

	if (vc) {
		/*
		 * vc lives on the parent's stack: once done is set the parent
		 * may return and reuse it, so read the waiter first and keep
		 * the parent from running until the wake-up is done.
		 */
		struct task *waiter = vc->waiter;
		t->vfork_parent = NULL;
		preempt_disable();
		WRITE_ONCE(vc->done, true);
		wake_up_process(waiter);
		preempt_enable();
	}
}

static long do_clone(u64 flags, u64 newsp, int *ptid, int *ctid, u64 tls)
{
	struct pt_regs *regs = current_pt_regs();
	struct process *parent = current->proc;
	struct process *p = NULL;
	long err = -ENOMEM;

	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
		     CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_PIDFD))
		return -EINVAL;	/* linux-compat: no namespaces or pidfds */

	if (nr_tasks() >= READ_ONCE(max_threads))
		return -EAGAIN;	/* kernel.threads-max */
	struct task *t = alloc_user_task();
	if (!t)
		return -ENOMEM;
	__asm__ __volatile__("fxsave64 (%0)" : : "r"(t->fpu) : "memory");
	strlcpy(t->comm, current->comm, sizeof(t->comm));
	t->timer_slack_ns = current->timer_slack_ns;
	t->default_timer_slack_ns = current->timer_slack_ns;	/* as Linux's fork */
	t->no_new_privs = current->no_new_privs;

	if (flags & CLONE_VM) {
		mmget(current->mm);
		t->mm = current->mm;
	} else {
		t->mm = dup_mm(current->mm);
		if (!t->mm)
			goto fail;
	}
	if (flags & CLONE_FS) {
		/* One CPU: the increment cannot interleave with fs_struct_put. */
		__atomic_add_fetch(&current->fs->count, 1, __ATOMIC_SEQ_CST);
		t->fs = current->fs;
	} else {
		t->fs = copy_fs_struct(current->fs);
		if (!t->fs)
			goto fail;
	}
	if (flags & CLONE_FILES) {
		t->files = files_get(current->files);
	} else {
		err = dup_fd(current->files, &t->files);
		if (err) {
			t->files = NULL;
			goto fail;
		}
		err = -ENOMEM;
	}
	if (!(flags & CLONE_THREAD)) {
		p = alloc_process();
		if (!p)
			goto fail;
		if (flags & CLONE_SIGHAND) {
			kfree(p->sighand);
			p->sighand = parent->sighand;
			__atomic_add_fetch(&p->sighand->count, 1, __ATOMIC_SEQ_CST);
		} else {
			memcpy(p->sighand->action, parent->sighand->action,
			       sizeof(p->sighand->action));
		}
		p->cred = parent->cred;
		memcpy(p->rlim, parent->rlim, sizeof(p->rlim));
		p->exit_signal = flags & CSIGNAL;
		p->nocldwait = false;
		p->oom_score_adj = parent->oom_score_adj;
		p->oom_score_adj_min = parent->oom_score_adj_min;
		p->dumpable = parent->dumpable;
		if (parent->exe)
			p->exe = get_file(parent->exe);
		itimer_init(p);
	}

	/* User context: the parent's registers, rax = 0 in the child. */
	struct pt_regs *cregs = task_pt_regs(t);
	*cregs = *regs;
	cregs->rax = 0;
	cregs->error_code = 0;
	if (newsp)
		cregs->rsp = newsp;
	t->fsbase = (flags & CLONE_SETTLS) ? tls : rdmsr(MSR_FS_BASE);
	t->gsbase = rdmsr(MSR_KERNEL_GS_BASE);
	t->blocked = current->blocked;
	if (!(flags & CLONE_VM) || (flags & CLONE_VFORK)) {
		t->sas_ss_sp = current->sas_ss_sp;
		t->sas_ss_size = current->sas_ss_size;
		t->sas_ss_flags = current->sas_ss_flags;
	} else {
		t->sas_ss_flags = SS_DISABLE;
	}
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = (u64)ctid;
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = (u64)ctid;
	setup_fork_frame(t);
	t->tid = sched_alloc_tid();
	t->proc = p ? p : parent;

	if ((flags & CLONE_PARENT_SETTID) && copy_to_user(ptid, &t->tid, sizeof(int))) {
		err = -EFAULT;
		goto fail;
	}

	struct vfork_completion vc = { .done = false, .waiter = current };
	if (flags & CLONE_VFORK)
		t->vfork_parent = (struct task *)&vc;

	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	if (p) {
		p->pid = t->tid;
		p->pgid = parent->pgid;
		p->sid = parent->sid;
		p->tty = parent->tty;
		struct process *pp = (flags & CLONE_PARENT) && parent->parent ? parent->parent
									       : parent;
		p->parent = pp;
		list_add_tail(&p->sibling, &pp->children);
		process_register(p);
	}
	list_add_tail(&t->thread_node, &t->proc->threads);
	t->proc->nr_threads++;
	spin_unlock_irqrestore(&tasklist_lock, fl);

	int tid = t->tid;
	sched_add_task(t);

	if (flags & CLONE_VFORK) {
		for (;;) {
			set_current_state(TASK_UNINTERRUPTIBLE);
			if (READ_ONCE(vc.done))
				break;
			schedule();
		}
		set_current_state(TASK_RUNNING);
	}
	return tid;

fail:
	if (t->files)
		files_put(t->files);
	if (t->fs)
		fs_struct_put(t->fs);
	if (t->mm)
		mmput(t->mm);
	if (p) {
		if (p->exe)
			fput(p->exe);
		if (p->sighand != parent->sighand)
			kfree(p->sighand);
		else
			__atomic_sub_fetch(&p->sighand->count, 1, __ATOMIC_SEQ_CST);
		kfree(p);
	}
	free_user_task(t);
	return err;
}

long sys_fork(void)
{
	return do_clone(SIGCHLD, 0, NULL, NULL, 0);
}

long sys_vfork(void)
{
	return do_clone(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, NULL, NULL, 0);
}

long sys_clone(unsigned long flags, unsigned long newsp, int *parent_tid,
	       int *child_tid, unsigned long tls)
{
	return do_clone(flags, newsp, parent_tid, child_tid, tls);
}

long sys_set_tid_address(int *tidptr)
{
	current->clear_child_tid = (u64)tidptr;
	return current->tid;
}
