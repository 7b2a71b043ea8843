/*
 * A static position-independent program with no relocations (built with
 * -nostdlib -static-pie): exits with status 40 + argc, after writing its
 * first argument and a newline to stdout (ktest.c reads that line back).
 * Loaded as ET_DYN by execve, it shows that the loader relocates the image
 * and that argc/argv are where the ABI puts them (rsp -> argc, argv[]).
 */
	.text
	.globl _start
_start:
	movq (%rsp), %r12		/* argc */
	cmpq $2, %r12
	jb 1f
	movq 16(%rsp), %rsi		/* argv[1] */
	xorl %edx, %edx
2:	cmpb $0, (%rsi,%rdx)
	je 3f
	incq %rdx
	jmp 2b
3:	movl $1, %edi			/* write(1, argv[1], len) */
	movl $1, %eax
	syscall
	movl $1, %edi			/* write(1, "\n", 1) */
	leaq newline(%rip), %rsi
	movl $1, %edx
	movl $1, %eax
	syscall
1:	leaq marker(%rip), %rax		/* rip-relative data must be mapped */
	cmpl $0x7e57, (%rax)
	jne 4f
	leaq 40(%r12), %rdi
	movl $231, %eax			/* exit_group(40 + argc) */
	syscall
4:	movl $99, %edi
	movl $231, %eax
	syscall

	.data
marker:	.long 0x7e57
newline: .byte 10
	.section .note.GNU-stack, "", @progbits
