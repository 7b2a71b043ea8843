/*
 * Context switch between kernel threads.
 *
 * struct task *switch_to(u64 *prev_rsp, u64 next_rsp, struct task *prev):
 * push the callee-saved
 * registers (SysV ABI: rbx, rbp, r12-r15) on the current stack, store
 * rsp in *prev_rsp, load next_rsp, pop the next task's registers and
 * return into it.  Everything else is caller-saved, so the C caller has
 * already spilled it.  Interrupts are off across the switch (sched.c).
 * It returns, in the task switched to, the task switched away from
 * (carried over in rax), so that task can be cleaned up if it died.
 *
 * A new task's stack is prepared by task_init_stack() (sched.c) to
 * "return" into task_entry with r12 = function, r13 = argument; it
 * calls kthread_main(fn, arg, prev).
 */
	.text
	.globl switch_to
switch_to:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rdx, %rax
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	.globl task_entry
task_entry:
	movq %r12, %rdi
	movq %r13, %rsi
	movq %rax, %rdx
	xorl %ebp, %ebp		/* backtraces end at the task's first frame */
	call kthread_main	/* never returns */
	ud2
