/*
 * SYSCALL entry (Intel SDM vol. 2B SYSCALL; the Linux x86_64 convention:
 * rax = number, arguments rdi rsi rdx r10 r8 r9, result in rax; the CPU
 * put the return rip in rcx and rflags in r11, and FMASK cleared IF, TF,
 * DF, AC and NT).
 *
 * The frame built on the kernel stack is a struct pt_regs like an
 * interrupt's, with `vector` = the syscall number (Linux's orig_ax) and
 * `error_code` = -1, which marks a syscall frame for signal restarts.
 *
 * Return: SYSRET when the frame still looks like a SYSCALL's (rcx ==
 * rip, r11 == rflags, user cs/ss, rip canonical, no TF/RF), else IRET.
 * SYSRET to a non-canonical rcx would fault in ring 0 with the user's
 * stack (the Intel SYSRET erratum), which is why rip is checked.
 */
#include <asm/percpu.h>

#define USER_DS	0x2b
#define USER_CS	0x33
/* struct pt_regs offsets */
#define R11	48
#define RCX	88
#define RIP	136
#define CS	144
#define RFLAGS	152
#define RSP	160
#define SS	168

	.text
	.globl entry_SYSCALL_64
	.balign 16
entry_SYSCALL_64:
	swapgs
	movq %rsp, %gs:PERCPU_USER_RSP
	movq %gs:PERCPU_KERNEL_RSP, %rsp
	pushq $USER_DS
	pushq %gs:PERCPU_USER_RSP
	pushq %r11
	pushq $USER_CS
	pushq %rcx
	pushq $-1		/* error_code: a syscall frame */
	pushq %rax		/* vector: orig_rax */
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq $-38		/* rax: -ENOSYS until a handler answers */
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	xorl %ebp, %ebp
	movq %rsp, %rdi
	call do_syscall_64	/* returns with interrupts off */

	.globl syscall_return
syscall_return:
	movq RCX(%rsp), %rcx
	cmpq %rcx, RIP(%rsp)
	jne 1f
	movq %rcx, %rax
	shrq $47, %rax
	jnz 1f
	movq R11(%rsp), %r11
	cmpq %r11, RFLAGS(%rsp)
	jne 1f
	testq $0x10100, %r11	/* RF, TF */
	jnz 1f
	cmpq $USER_CS, CS(%rsp)
	jne 1f
	cmpq $USER_DS, SS(%rsp)
	jne 1f
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rax
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
	movq 40(%rsp), %rsp	/* vector, error, rip, cs, rflags, then rsp */
	swapgs
	sysretq
1:	jmp interrupt_return

/*
 * First code of a forked user task (task_init_stack points its switch
 * frame here): finish the switch, then return to user mode through the
 * pt_regs at the top of its stack.
 */
	.globl ret_from_fork
ret_from_fork:
	movq %rax, %rdi		/* the task switched away from */
	call schedule_tail	/* returns with interrupts off */
	movq %rax, %rsp		/* its pt_regs */
	jmp syscall_return

/*
 * enter_user_mode(regs): the first return to ring 3 of pid 1, whose
 * pt_regs execve filled in at the top of its kernel stack.
 */
	.globl enter_user_mode
enter_user_mode:
	cli
	movq %rdi, %rsp
	jmp syscall_return
