/*
 * Tasks and the scheduler (kernel/sched.c).
 *
 * One struct task per thread of execution, each with its own kernel
 * stack.  Today all tasks are kernel threads; the next issue adds user
 * processes by growing struct task (address space, files, signals, ...).
 *
 * States: TASK_RUNNING (running or on the run queue), TASK_INTERRUPTIBLE
 * / TASK_UNINTERRUPTIBLE (asleep, e.g. on a wait queue; only a wake-up
 * makes it runnable again), TASK_DEAD (exited; its memory is freed by
 * the next task to run, so nobody may keep a pointer to a task across
 * its exit).
 *
 * The scheduler is round-robin with a time slice of SCHED_SLICE_TICKS;
 * the tick preempts a task when others are runnable and preemption is
 * enabled (preempt_count == 0: no spinlock held).  The boot context
 * becomes the idle task, which halts until an interrupt.
 *
 * The sleep protocol (see wait.h):
 *     set_current_state(TASK_UNINTERRUPTIBLE);   before testing the condition
 *     if (!cond) schedule();
 *     set_current_state(TASK_RUNNING);
 * A wake-up between the test and schedule() sets the state back to
 * TASK_RUNNING, and schedule() then keeps the task runnable.
 */
#ifndef TERN_SCHED_H
#define TERN_SCHED_H

#include <tern/list.h>
#include <tern/types.h>

#define THREAD_ORDER		2	/* kernel stacks are 16 KiB */
#define THREAD_SIZE		(4096 << THREAD_ORDER)
#define SCHED_SLICE_TICKS	10	/* 10 ms at HZ=1000 */
#define DEFAULT_TIMER_SLACK_NS	50000	/* Linux's default timer slack */
#define TASK_COMM_LEN		16

enum task_state {
	TASK_RUNNING,
	TASK_INTERRUPTIBLE,
	TASK_UNINTERRUPTIBLE,
	TASK_DEAD,
};

struct task {
	u64 rsp;			/* saved kernel rsp while switched out */
	void *stack;			/* THREAD_SIZE bytes, lowest address */
	volatile int state;		/* enum task_state */
	bool on_rq;			/* queued on the run queue */
	int tid;
	char comm[TASK_COMM_LEN];
	struct list_head run_list;	/* run queue link */
	struct list_head tasks;		/* all tasks */
	u64 slice_left;			/* ticks until preemption */
	u64 nr_switches;		/* times switched in */
	int (*fn)(void *arg);		/* kernel thread body */
	void *arg;
	int exit_code;

	/*
	 * User threads (NULL/0 for kernel threads).  Everything below is
	 * owned by the process code (process.h); signal fields are under
	 * tasklist_lock.
	 */
	struct process *proc;
	struct mm_struct *mm;
	struct fs_struct *fs;
	struct files_struct *files;
	struct list_head thread_node;	/* proc->threads */
	u64 blocked;			/* sigset_t: blocked signals */
	u64 real_blocked;		/* blocked before rt_sigtimedwait opened it */
	u64 saved_sigmask;		/* restored after sigsuspend & co */
	bool restore_sigmask;
	u64 pending_signal;		/* thread-directed pending set */
	struct list_head pending_list;	/* its queued siginfo */
	u64 sas_ss_sp, sas_ss_size;
	int sas_ss_flags;
	u64 clear_child_tid;		/* user address, CLONE_CHILD_CLEARTID */
	u64 set_child_tid;		/* written by the child (CLONE_CHILD_SETTID) */
	u64 robust_list;		/* set_robust_list(2) head (user address) */
	u64 fsbase, gsbase;		/* user FS/GS bases */
	void *fpu;			/* struct fxsave_state, user FPU/SSE */
	u64 utime, stime;		/* ns */
	u64 start_time;			/* monotonic ns */
	u64 last_switch_in;		/* switched in, or last charged CPU time */
	/* prctl(2) PR_SET_TIMERSLACK: how late a sleep may end (ns), and
	 * what a slack of 0 restores (the parent's slack at fork). */
	u64 timer_slack_ns, default_timer_slack_ns;
	bool no_new_privs;		/* PR_SET_NO_NEW_PRIVS: kept across fork and exec */
	u32 flags;			/* PF_* */
	/* restart_syscall(2): how to resume an interrupted nanosleep. */
	long (*restart_fn)(struct task *t);
	u64 restart_deadline;
	int restart_clock;
	u64 restart_rmtp;
	struct task *vfork_parent;	/* woken when this child execs/exits */
	bool vfork_done;
	/* Socket locks held (lock_sock): the network bottom half's inline
	 * run waits for the outermost release (net/core/bh.c). */
	u32 sock_locks;
};

#define PF_EXITING	0x0004u
#define PF_KTHREAD	0x0020u

/* The task running on this CPU. */
extern struct task *current;

void sched_init(void);
/* Creates a runnable kernel thread running fn(arg); NULL on ENOMEM.
 * When fn returns, the thread exits with its return value. */
struct task *kthread_create(int (*fn)(void *arg), void *arg, const char *name);
__attribute__((noreturn)) void task_exit(int code);

void schedule(void);
void yield(void);
/* Makes a sleeping task runnable; true if it was asleep. */
bool wake_up_process(struct task *t);
/* Wakes t only if it sleeps in one of the states in `mask` (1 << state). */
bool wake_up_state(struct task *t, unsigned mask);
static inline void set_current_state(int state)
{
	__atomic_store_n(&current->state, state, __ATOMIC_SEQ_CST);
}
/* Sleeps (uninterruptibly) until woken or ns pass; returns ns left. */
u64 schedule_timeout(u64 ns);

/* For the process code (user tasks). */
bool test_need_resched(void);
void sched_finish_switch(struct task *prev);
struct pt_regs *task_pt_regs(struct task *t);
/* Makes a new task (already filled in by the caller: stack, rsp, comm)
 * known to the scheduler and runnable; assigns t->tid if it is 0. */
void sched_add_task(struct task *t);
int sched_alloc_tid(void);
/* Iterate every task (under the scheduler's lock: no sleeping in fn). */
void for_each_task(void (*fn)(struct task *t, void *arg), void *arg);

/* From the tick and the interrupt exit path. */
void sched_tick(void);
/* A task runs or waits to run: the scheduler needs its tick (timer.c). */
bool sched_busy(void);
struct pt_regs;
void sched_irq_exit(struct pt_regs *regs);
/* The boot context's last act: become the idle loop. */
__attribute__((noreturn)) void cpu_idle(void);

/* Counters for tests and /proc. */
extern u64 nr_context_switches;
int nr_tasks(void);
/* kernel.threads-max: clone fails with EAGAIN when nr_tasks() reaches it;
 * Linux's default, one thread per 32 pages of RAM (16 KiB stacks, 1/8
 * of memory), at least 20 (sched_init). */
extern int max_threads;

#endif
