/*
 * Boot: the multiboot headers and the road from the boot loader's 32-bit
 * protected mode to long mode in the higher half.
 *
 * GRUB enters through multiboot2 (eax = 0x36d76289), qemu -kernel through
 * multiboot1 with the a.out kludge (eax = 0x2badb002); in both cases ebx
 * holds the physical address of the boot information, paging is off and
 * there is no usable stack.  We:
 *   1. check the magic and that the CPU has long mode (else say so on
 *      COM1 and stop QEMU with a failure status, never a triple fault);
 *   2. zero .bss;
 *   3. build boot page tables: the first 4 GiB identity-mapped (so this
 *      code keeps running), the same 4 GiB at PAGE_OFFSET (the direct map)
 *      and the first 1 GiB at KERNEL_VMA (the kernel image), all with
 *      2 MiB pages;
 *   4. enable PAE, long mode and paging, jump to 64-bit code and on to
 *      start64 in the higher half, which calls kmain(magic, info).
 * paging.c replaces these tables with finer-grained ones early in kmain.
 */
#include <asm/layout.h>

#define MB1_MAGIC		0x1badb002
#define MB1_FLAGS		((1 << 0) | (1 << 1) | (1 << 16))	/* align mods, mem info, a.out kludge */
#define MB2_MAGIC		0xe85250d6
#define MB1_BOOT_MAGIC		0x2badb002
#define MB2_BOOT_MAGIC		0x36d76289

#define COM1			0x3f8
#define DEBUG_EXIT_PORT		0xf4

	.section .multiboot, "a"
	/* Multiboot1 header (spec 0.6.96 §3.1.1), with the a.out kludge
	 * address fields so QEMU loads our ELF64 file as a flat image. */
	.balign 4
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)
	.long mb1_header		/* header_addr */
	.long _boot_start		/* load_addr */
	.long _edata_phys		/* load_end_addr */
	.long _end_phys			/* bss_end_addr */
	.long start32			/* entry_addr */

	/* Multiboot2 header (spec 2.0 §3.1): GRUB loads the ELF itself. */
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long 0				/* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + (mb2_header_end - mb2_header))
	/* Module alignment tag: modules start on a page boundary. */
	.balign 8
	.short 6, 0
	.long 8
	/* End tag. */
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32

/* Print the string at %esi to COM1 (no stack, clobbers eax/edx/esi). */
#define SERIAL_PUTS(label)		\
	movl $label, %esi;		\
1:	movb (%esi), %al;		\
	testb %al, %al;			\
	jz 2f;				\
	movw $COM1, %dx;		\
	outb %al, %dx;			\
	incl %esi;			\
	jmp 1b;				\
2:

	.globl start32
start32:
	cli
	cld
	movl %eax, %edi			/* boot magic */
	movl %ebx, %ebp			/* boot info, physical */

	cmpl $MB2_BOOT_MAGIC, %edi
	je magic_ok
	cmpl $MB1_BOOT_MAGIC, %edi
	je magic_ok
	SERIAL_PUTS(msg_magic)
	jmp boot_fail
magic_ok:
	/* Long mode: CPUID 0x80000001 EDX bit 29 (Intel SDM vol. 2A, CPUID). */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx
	jnc no_long_mode

	/* Keep the loader's values where 64-bit code can find them. */
	movl %edi, boot_magic
	movl %ebp, boot_info_phys

	/* Zero .bss. */
	movl $_bss_phys, %edi
	movl $_end_phys, %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb

	/* Page directories: 2048 entries of 2 MiB pages covering 4 GiB,
	 * present + writable + large page (0x83). */
	movl $boot_pd, %edi
	xorl %ecx, %ecx
fill_pd:
	movl %ecx, %eax
	shll $21, %eax
	orl $0x83, %eax
	movl %eax, (%edi, %ecx, 8)
	movl %ecx, %eax
	shrl $11, %eax			/* high dword: bits 32+ of (i << 21) */
	movl %eax, 4(%edi, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jb fill_pd

	/* PDPT for the low 4 GiB: four directories. */
	movl $boot_pd + 0x0003, %eax
	movl %eax, boot_pdpt_low
	addl $4096, %eax
	movl %eax, boot_pdpt_low + 8
	addl $4096, %eax
	movl %eax, boot_pdpt_low + 16
	addl $4096, %eax
	movl %eax, boot_pdpt_low + 24
	/* PDPT for the top 2 GiB: entry 510 is KERNEL_VMA -> physical 0. */
	movl $boot_pd + 0x0003, %eax
	movl %eax, boot_pdpt_high + 510 * 8

	/* PML4: identity, direct map, kernel image. */
	movl $boot_pdpt_low + 0x0003, %eax
	movl %eax, boot_pml4
	movl %eax, boot_pml4 + PML4_INDEX_DIRECT * 8
	movl $boot_pdpt_high + 0x0003, %eax
	movl %eax, boot_pml4 + 511 * 8

	/* Long mode (Intel SDM vol. 3A §9.8.5): PAE, CR3, EFER.LME, paging. */
	movl %cr4, %eax
	orl $(1 << 5), %eax		/* CR4.PAE */
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx		/* IA32_EFER */
	rdmsr
	orl $(1 << 8), %eax		/* LME */
	wrmsr
	movl %cr0, %eax
	orl $((1 << 31) | (1 << 16) | 1), %eax	/* PG, WP, PE */
	movl %eax, %cr0

	lgdt boot_gdt_desc
	ljmp $0x10, $start64_low

no_long_mode:
	SERIAL_PUTS(msg_lm)
boot_fail:
	movw $DEBUG_EXIT_PORT, %dx
	movb $0x01, %al
	outb %al, %dx
3:	hlt
	jmp 3b

	.code64
start64_low:
	movabsq $start64, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.balign 4096
boot_pml4:	.fill 512, 8, 0
boot_pdpt_low:	.fill 512, 8, 0
boot_pdpt_high:	.fill 512, 8, 0
boot_pd:	.fill 4 * 512, 8, 0

	.balign 8
boot_gdt:
	.quad 0				/* null */
	.quad 0				/* 0x08: unused here */
	.quad 0x00209a0000000000	/* 0x10: 64-bit code, DPL 0 */
	.quad 0x0000920000000000	/* 0x18: data */
boot_gdt_end:
boot_gdt_desc:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.globl boot_magic, boot_info_phys
boot_magic:	.long 0
boot_info_phys:	.long 0

msg_magic:	.asciz "tern: not started by a multiboot loader; stopping\r\n"
msg_lm:		.asciz "tern: this CPU has no long mode (x86_64); Tern needs one\r\n"

/*
 * 64-bit entry in the higher half: data segments, the boot stack, then
 * kmain(magic, physical address of the boot info).  kmain never returns.
 */
	.section .text.entry, "ax"
	.globl start64
start64:
	xorl %eax, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp			/* backtraces stop here */
	movl boot_magic, %edi
	movl boot_info_phys, %esi
	call kmain
4:	cli
	hlt
	jmp 4b

	.section .bss
	.balign 16
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:
