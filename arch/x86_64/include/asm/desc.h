/*
 * Segment selectors, the GDT/TSS and the IDT.  Selector values match
 * Linux's x86_64 layout (user code 0x33, user data 0x2b) because user
 * programs can see them (signal frames, %cs) and SYSRET needs this order.
 */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#include <tern/types.h>

#define GDT_KERNEL32_CS		1
#define GDT_KERNEL_CS		2
#define GDT_KERNEL_DS		3
#define GDT_USER32_CS		4
#define GDT_USER_DS		5
#define GDT_USER_CS		6
#define GDT_TSS			8	/* takes two slots */
#define GDT_CPUNODE		15	/* limit = node << 12 | cpu, for the vDSO's getcpu */
#define GDT_ENTRIES		16

#define KERNEL_CS		(GDT_KERNEL_CS * 8)
#define KERNEL_DS		(GDT_KERNEL_DS * 8)
#define USER32_CS		(GDT_USER32_CS * 8 + 3)
#define USER_DS			(GDT_USER_DS * 8 + 3)
#define USER_CS			(GDT_USER_CS * 8 + 3)
#define TSS_SEL			(GDT_TSS * 8)
#define CPUNODE_SEL		(GDT_CPUNODE * 8 + 3)	/* read with lsl in user mode */

/* IST slots (1-based as the IDT encodes them). */
#define IST_DOUBLE_FAULT	1
#define IST_NMI			2
#define IST_MCE			3
#define IST_STACK_SIZE		(16 * 1024)

/* Interrupt vectors. */
#define VEC_IRQ_BASE		32	/* legacy PIC remapped here, masked */
#define VEC_LAPIC_TIMER		48
#define VEC_DEVICE_FIRST	64	/* for drivers (MSI / IOAPIC) */
#define VEC_SPURIOUS		255
#define NR_VECTORS		256

void gdt_init(void);
void idt_init(void);
/* The kernel stack top loaded on a ring 3 -> ring 0 transition. */
void tss_set_rsp0(u64 rsp0);

#endif
