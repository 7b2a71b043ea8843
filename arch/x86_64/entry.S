/*
 * Interrupt and exception entry.  One 16-byte stub per vector pushes a
 * zero error code (unless the CPU pushed one: vectors 8, 10-14, 17, 21,
 * 29, 30; Intel SDM vol. 3A §6.15) and the vector number, then joins
 * interrupt_common, which saves the general registers into a struct
 * pt_regs (asm/ptrace.h) and calls interrupt_dispatch(regs).
 *
 * GS: kernel code runs with the kernel's GS base; on entry from ring 3
 * (and on the way back) swapgs exchanges it with the user's.
 *
 * SMAP: an interrupt may arrive inside a user copy (RFLAGS.AC set); the
 * handler, and any task it switches to, must not run with user access
 * open, so entry clears AC.  iretq restores the interrupted RFLAGS.
 */
#define REGS_CS_FROM_VECTOR	24	/* vector, error, rip, then cs */

	.text
	.balign 16
	.globl isr_stubs
isr_stubs:
	.set vec, 0
	.rept 256
	.balign 16
	.if vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30
	.else
	pushq $0
	.endif
	pushq $vec
	jmp interrupt_common
	.set vec, vec + 1
	.endr

interrupt_common:
	cld
	testb $3, REGS_CS_FROM_VECTOR(%rsp)
	jz 1f
	swapgs
1:	cmpb $0, smap_enabled(%rip)
	je 3f
	clac
3:	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rax
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
	movq %rsp, %rdi
	call interrupt_dispatch

	.globl interrupt_return
interrupt_return:
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
	testb $3, REGS_CS_FROM_VECTOR(%rsp)
	jz 2f
	swapgs
2:	addq $16, %rsp		/* vector and error code */
	iretq
