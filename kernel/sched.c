/*
 * Kernel threads and the round-robin scheduler (see sched.h).
 *
 * The run queue holds runnable tasks other than `current` and the idle
 * task.  rq_lock (irq-saving) protects the run queue, every task's
 * state/on_rq and the task list.  It is held across the context switch
 * and released by the task switched to (finish_switch), which also frees
 * a task that has just died (its stack cannot be freed while in use).
 *
 * preempt_count counts held spinlocks (and explicit preempt_disable());
 * involuntary switches happen only when it is zero.  Single CPU: one
 * counter; with SMP it becomes per-CPU.
 */
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/layout.h>
#include <asm/percpu.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <tern/kstack.h>
#include <tern/mm_types.h>
#include <tern/process.h>
#include <tern/mm.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/sched.h>
#include <tern/slab.h>
#include <tern/spinlock.h>
#include <tern/string.h>
#include <tern/time.h>

struct task *current;
u64 nr_context_switches;

static struct task idle_task;
static LIST_HEAD(run_queue);
static LIST_HEAD(all_tasks);
static DEFINE_SPINLOCK(rq_lock);
static int next_tid = 2;	/* tid 1 is init's (kernel/init_process.c) */
static int task_count = 1;
static volatile int preempt_count;
static volatile bool need_resched;

extern char boot_stack[];
static void __schedule(bool preempted);
struct task *switch_to(u64 *prev_rsp, u64 next_rsp, struct task *prev);
void task_entry(void);

void preempt_disable(void)
{
	preempt_count++;
	barrier();
}

void preempt_enable(void)
{
	barrier();
	BUG_ON(preempt_count <= 0);
	preempt_count--;
	if (preempt_count == 0 && need_resched && !irqs_disabled() && current)
		__schedule(true);	/* involuntary: keeps a sleeping-state task queued */
}

int preempt_count_get(void)
{
	return preempt_count;
}

int nr_tasks(void)
{
	return READ_ONCE(task_count);
}

int max_threads;

void sched_init(void)
{
	max_threads = (int)MAX(nr_managed_pages() / 32, 20ull);
	idle_task.stack = boot_stack;
	idle_task.state = TASK_RUNNING;
	idle_task.tid = 0;
	strlcpy(idle_task.comm, "idle", sizeof(idle_task.comm));
	INIT_LIST_HEAD(&idle_task.run_list);
	list_add_tail(&idle_task.tasks, &all_tasks);
	current = &idle_task;
}

/* Caller holds rq_lock. */
static void enqueue(struct task *t)
{
	if (!t->on_rq && t != &idle_task) {
		list_add_tail(&t->run_list, &run_queue);
		t->on_rq = true;
	}
}

/* Runs first thing in the task switched to, with rq_lock held. */
static void finish_switch(struct task *prev, unsigned long flags)
{
	if (prev->state == TASK_DEAD) {
		list_del_init(&prev->tasks);
		task_count--;
		kstack_free(prev->stack);
		if (prev->fpu)
			kfree(prev->fpu);
		kfree(prev);
	}
	spin_unlock_irqrestore(&rq_lock, flags);
}

/* ret_from_fork's first step (a new user task): irqs come back on. */
void sched_finish_switch(struct task *prev)
{
	finish_switch(prev, X86_EFLAGS_IF);
}

bool test_need_resched(void)
{
	return need_resched;
}

struct pt_regs *task_pt_regs(struct task *t)
{
	return (struct pt_regs *)((char *)t->stack + THREAD_SIZE) - 1;
}

/*
 * User state that lives in CPU registers rather than on the kernel
 * stack: the FPU/SSE registers (the kernel never uses them, so the
 * user's values are live until the switch), the FS/GS bases, and the
 * page tables.  Kernel threads borrow whatever CR3 is loaded only if it
 * is the kernel's: a dying process's tables may be freed under them.
 */
static void switch_user_state(struct task *prev, struct task *next)
{
	if (prev->fpu)
		__asm__ __volatile__("fxsave64 (%0)" : : "r"(prev->fpu) : "memory");
	if (prev->proc) {
		prev->fsbase = rdmsr(MSR_FS_BASE);
		prev->gsbase = rdmsr(MSR_KERNEL_GS_BASE);
	}
	u64 cr3 = virt_to_phys(next->mm ? next->mm->pgd : kernel_pml4);
	if (read_cr3() != cr3)
		write_cr3(cr3);
	if (next->fpu)
		__asm__ __volatile__("fxrstor64 (%0)" : : "r"(next->fpu) : "memory");
	if (next->proc) {
		wrmsr(MSR_FS_BASE, next->fsbase);
		wrmsr(MSR_KERNEL_GS_BASE, next->gsbase);
	}
	u64 now = ktime_get_ns();
	next->last_switch_in = now;
}

/*
 * Picks the next task and switches to it.  A task that is still
 * TASK_RUNNING (a yield or a preemption) goes to the back of the queue;
 * one that set a sleeping state does not, unless `preempted` (it was
 * interrupted before it could call schedule() itself).
 */
static void __schedule(bool preempted)
{
	unsigned long flags = spin_lock_irqsave(&rq_lock);
	struct task *prev = current, *next;

	need_resched = false;
	if (prev->state == TASK_RUNNING || (preempted && prev->state != TASK_DEAD))
		enqueue(prev);
	if (list_empty(&run_queue)) {
		next = &idle_task;
	} else {
		next = list_first_entry(&run_queue, struct task, run_list);
		list_del_init(&next->run_list);
		next->on_rq = false;
	}
	if (next == prev) {
		spin_unlock_irqrestore(&rq_lock, flags);
		return;
	}
	if (prev == &idle_task)
		timer_resume_tick();
	next->slice_left = SCHED_SLICE_TICKS;
	next->nr_switches++;
	nr_context_switches++;
	switch_user_state(prev, next);
	current = next;
	tss_set_rsp0((u64)next->stack + THREAD_SIZE);
	cpu0_percpu.kernel_rsp = (u64)next->stack + THREAD_SIZE;
	/* rq_lock stays held across the switch (preempt_count 1 for both). */
	struct task *last = switch_to(&prev->rsp, next->rsp, prev);
	/* Back in prev, possibly much later; `last` is who ran before us. */
	finish_switch(last, flags);
}

void schedule(void)
{
	BUG_ON(preempt_count != 0);
	__schedule(false);
}

void yield(void)
{
	schedule();
}

bool wake_up_state(struct task *t, unsigned mask)
{
	unsigned long flags = spin_lock_irqsave(&rq_lock);
	bool woke = false;

	if ((t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE) &&
	    (mask & (1u << t->state))) {
		t->state = TASK_RUNNING;
		if (t != current)
			enqueue(t);
		need_resched = true;
		woke = true;
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	return woke;
}

bool wake_up_process(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&rq_lock);
	bool woke = false;

	if (t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		if (t != current)
			enqueue(t);
		need_resched = true;
		woke = true;
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	return woke;
}

/* Interrupts off; one CPU, so the run queue cannot change under us. */
bool sched_busy(void)
{
	return current != &idle_task || !list_empty(&run_queue);
}

void sched_tick(void)
{
	struct task *t = current;

	if (t == &idle_task) {
		if (!list_empty(&run_queue))
			need_resched = true;
		return;
	}
	if (t->slice_left)
		t->slice_left--;
	if (!t->slice_left && !list_empty(&run_queue))
		need_resched = true;
}

/*
 * Interrupt exit: preempt if a reschedule is pending and the
 * interrupted code holds no lock.  Interrupts are off here; they come
 * back with the iretq of whichever task resumes through this path.
 */
void sched_irq_exit(struct pt_regs *regs)
{
	/*
	 * CPU time, charged at each tick to where the tick found the task
	 * (user or kernel): the clock's advance since the task was last
	 * charged or switched in, not a fixed 1 ms, so that ticks a busy
	 * host delivers late or merges (under TCG) lose no CPU time.
	 */
	if (regs->vector == VEC_LAPIC_TIMER && current != &idle_task) {
		u64 now = ktime_get_ns();
		u64 ns = now - current->last_switch_in;

		current->last_switch_in = now;
		if (user_mode(regs))
			current->utime += ns;
		else
			current->stime += ns;
		if (current->proc)
			itimer_tick(current, user_mode(regs), ns);
	}
	if (need_resched && preempt_count == 0 && current)
		__schedule(true);
}

/* First code of every kernel thread (entered from task_entry). */
__attribute__((noreturn)) void kthread_main(int (*fn)(void *), void *arg, struct task *prev);
__attribute__((noreturn)) void kthread_main(int (*fn)(void *), void *arg, struct task *prev)
{
	finish_switch(prev, X86_EFLAGS_IF);
	task_exit(fn(arg));
}

__attribute__((noreturn)) void task_exit(int code)
{
	local_irq_disable();
	current->exit_code = code;
	current->state = TASK_DEAD;
	__schedule(false);
	panic("task_exit: dead task %d was scheduled again", current->tid);
}

/*
 * A new thread's stack, as switch_to expects to find it: six saved
 * registers (r15 r14 r13 r12 rbx rbp, from the lowest address) and the
 * return address task_entry.
 */
static void task_init_stack(struct task *t)
{
	u64 *sp = (u64 *)((char *)t->stack + THREAD_SIZE);

	*--sp = 0;			/* alignment: rsp % 16 == 8 at entry */
	*--sp = (u64)task_entry;
	*--sp = 0;			/* rbp */
	*--sp = 0;			/* rbx */
	*--sp = (u64)t->fn;		/* r12 */
	*--sp = (u64)t->arg;		/* r13 */
	*--sp = 0;			/* r14 */
	*--sp = 0;			/* r15 */
	t->rsp = (u64)sp;
}

struct task *kthread_create(int (*fn)(void *arg), void *arg, const char *name)
{
	struct task *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->stack = kstack_alloc();
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	t->fn = fn;
	t->arg = arg;
	t->timer_slack_ns = t->default_timer_slack_ns = DEFAULT_TIMER_SLACK_NS;
	strlcpy(t->comm, name, sizeof(t->comm));
	INIT_LIST_HEAD(&t->run_list);
	task_init_stack(t);

	unsigned long flags = spin_lock_irqsave(&rq_lock);
	t->tid = next_tid++;
	task_count++;
	list_add_tail(&t->tasks, &all_tasks);
	t->state = TASK_RUNNING;
	enqueue(t);
	spin_unlock_irqrestore(&rq_lock, flags);
	return t;
}

int sched_alloc_tid(void)
{
	unsigned long flags = spin_lock_irqsave(&rq_lock);
	int tid = next_tid++;
	spin_unlock_irqrestore(&rq_lock, flags);
	return tid;
}

void sched_add_task(struct task *t)
{
	INIT_LIST_HEAD(&t->run_list);
	unsigned long flags = spin_lock_irqsave(&rq_lock);
	if (!t->tid)
		t->tid = next_tid++;
	task_count++;
	list_add_tail(&t->tasks, &all_tasks);
	t->state = TASK_RUNNING;
	enqueue(t);
	spin_unlock_irqrestore(&rq_lock, flags);
}

void for_each_task(void (*fn)(struct task *t, void *arg), void *arg)
{
	unsigned long flags = spin_lock_irqsave(&rq_lock);
	struct task *t;
	list_for_each_entry(t, &all_tasks, tasks)
		if (t->state != TASK_DEAD)
			fn(t, arg);
	spin_unlock_irqrestore(&rq_lock, flags);
}

struct sleeper {
	struct timer_list timer;
	struct task *task;
};

static void sleep_timeout_fn(struct timer_list *timer)
{
	struct sleeper *s = container_of(timer, struct sleeper, timer);

	wake_up_process(s->task);
}

/*
 * Sleep until woken or `ns` pass.  The caller has set its state (the
 * sleep protocol in sched.h); this arms a timer that wakes it, allowed
 * to end up to the task's timer slack late (prctl(2) PR_SET_TIMERSLACK).
 */
u64 schedule_timeout(u64 ns)
{
	struct sleeper s = { .task = current };
	u64 deadline = ktime_get_ns() + ns;

	if (deadline < ns)	/* "forever" */
		deadline = ~0ull;
	timer_setup(&s.timer, sleep_timeout_fn);
	mod_timer_slack(&s.timer, deadline, current->timer_slack_ns);
	schedule();
	del_timer(&s.timer);
	u64 now = ktime_get_ns();
	return now < deadline ? deadline - now : 0;
}

void msleep(unsigned int ms)
{
	u64 deadline = ktime_get_ns() + ms * NSEC_PER_MSEC;

	for (u64 now; (now = ktime_get_ns()) < deadline;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(deadline - now);
	}
	set_current_state(TASK_RUNNING);
}

__attribute__((noreturn)) void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		/* A task made runnable without a wake-up (kthread_create from
		 * kmain) sets no need_resched, and with the tick off nothing
		 * else would run it before the next timer. */
		if (need_resched || !list_empty(&run_queue)) {
			local_irq_enable();
			schedule();
		} else {
			safe_halt();	/* sti; hlt: no wake-up is lost */
		}
	}
}
