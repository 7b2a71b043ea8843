/*
 * The instructions that touch user memory, each listed in __ex_table
 * with a fixup: if it faults (page not present, protection, beyond the
 * user half), the page-fault handler resumes at the fixup, which
 * returns -EFAULT instead of the kernel dying.  Callers (uaccess.c)
 * check the range first and bracket the call with stac/clac.
 */
#define EFAULT 14

	.macro EX_ENTRY insn, fixup
	.pushsection __ex_table, "a"
	.balign 8
	.quad \insn, \fixup
	.popsection
	.endm

	.text
/*
 * The copies move quadwords, then the last n % 8 bytes: under QEMU's TCG
 * every iteration of a rep string instruction costs about the same, so
 * movsq moves eight times as much per step as movsb.
 */

/* long raw_copy_user(void *dst, const void *src, size_t n): 0 or -EFAULT */
	.globl raw_copy_user
raw_copy_user:
	movq %rdx, %rcx
	shrq $3, %rcx
	andl $7, %edx
1:	rep movsq
	movl %edx, %ecx
11:	rep movsb
	xorl %eax, %eax
	ret
2:	movq $-EFAULT, %rax
	ret
	EX_ENTRY 1b, 2b
	EX_ENTRY 11b, 2b

/*
 * size_t raw_copy_user_rem(void *dst, const void *src, size_t n): the
 * bytes left uncopied, 0 when all were copied.  A fault in the
 * quadwords goes on byte by byte from where it stopped (rsi, rdi and rcx
 * say how far it got), so the count is exact; on a fault in movsb rcx
 * holds the bytes it had still to move.
 */
	.globl raw_copy_user_rem
raw_copy_user_rem:
	movq %rdx, %rcx
	shrq $3, %rcx
	andl $7, %edx
12:	rep movsq
	movl %edx, %ecx
9:	rep movsb
10:	movq %rcx, %rax
	ret
13:	leaq (%rdx, %rcx, 8), %rcx
	jmp 9b
	EX_ENTRY 12b, 13b
	EX_ENTRY 9b, 10b

/* long raw_clear_user(void *dst, size_t n): 0 or -EFAULT */
	.globl raw_clear_user
raw_clear_user:
	movq %rsi, %rcx
	xorl %eax, %eax
3:	rep stosb
	ret
4:	movq $-EFAULT, %rax
	ret
	EX_ENTRY 3b, 4b

/*
 * long raw_strncpy_user(char *dst, const char *src, size_t n): copies up
 * to and including the NUL, at most n bytes; returns the length without
 * the NUL, n if there was no NUL in n bytes, or -EFAULT.
 */
	.globl raw_strncpy_user
raw_strncpy_user:
	xorl %eax, %eax
5:	cmpq %rdx, %rax
	jae 7f
6:	movb (%rsi, %rax), %cl
	movb %cl, (%rdi, %rax)
	testb %cl, %cl
	jz 7f
	incq %rax
	jmp 5b
7:	ret
8:	movq $-EFAULT, %rax
	ret
	EX_ENTRY 6b, 8b
