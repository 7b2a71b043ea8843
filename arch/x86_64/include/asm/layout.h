/*
 * Virtual memory layout of the kernel (shared by C and assembly).
 *
 *   0x0000000000000000 .. 0x00007fffffffffff   user space (next issue)
 *   0xffff800000000000 (PAGE_OFFSET)           all physical memory, 1:1
 *   0xffffc88000000000 (KSTACK_BASE)           kernel stacks with guard pages
 *   0xffffc90000000000 (IOREMAP_BASE)          device MMIO mappings
 *   0xffffffff80000000 (KERNEL_VMA)            the kernel image
 *
 * The kernel image sits at KERNEL_VMA + its physical address (1 MiB up),
 * so the top 2 GiB reach it with -mcmodel=kernel.
 */
#ifndef ASM_LAYOUT_H
#define ASM_LAYOUT_H

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1 << PAGE_SHIFT)

#define KERNEL_VMA		0xffffffff80000000
#define PAGE_OFFSET		0xffff800000000000
#define KSTACK_BASE		0xffffc88000000000
#define KSTACK_SLOTS		16384			/* 512 MiB of address space */
#define IOREMAP_BASE		0xffffc90000000000
#define IOREMAP_SIZE		0x0000010000000000	/* 1 TiB window */
#define PML4_INDEX_DIRECT	256			/* PAGE_OFFSET >> 39 & 511 */

#define BOOT_STACK_SIZE		(16 * 1024)

#endif
