/*
 * The GDT and the TSS (Intel SDM vol. 3A §3.4.5, §7.7).  In long mode
 * segments are flat; the GDT matters for privilege levels and for the
 * TSS, which holds the ring-0 stack (rsp0) and the IST stacks that
 * double faults, NMIs and machine checks always switch to, so they run
 * on a good stack even when the kernel stack overflowed.
 */
#include <asm/desc.h>
#include <tern/kernel.h>
#include <tern/string.h>

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;
_Static_assert(sizeof(struct tss) == 104, "TSS layout");

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

/* Access byte and flags for code/data descriptors. */
#define SEG_P		(1ull << 47)
#define SEG_S		(1ull << 44)	/* code/data, not system */
#define SEG_CODE	(1ull << 43)
#define SEG_RW		(1ull << 41)	/* readable code / writable data */
#define SEG_DPL3	(3ull << 45)
#define SEG_L		(1ull << 53)	/* 64-bit code */
#define SEG_DB		(1ull << 54)	/* 32-bit default size */
#define SEG_G		(1ull << 55)
#define SEG_LIMIT_4G	(0xffffull | (0xfull << 48))

static u64 gdt[GDT_ENTRIES] __aligned(16);
static struct tss tss __aligned(16);
static u8 ist_stacks[3][IST_STACK_SIZE] __aligned(16);

void tss_set_rsp0(u64 rsp0)
{
	tss.rsp[0] = rsp0;
}

void gdt_init(void)
{
	u64 flat = SEG_P | SEG_S | SEG_RW | SEG_G | SEG_LIMIT_4G;

	gdt[0] = 0;
	gdt[GDT_KERNEL32_CS] = flat | SEG_CODE | SEG_DB;
	gdt[GDT_KERNEL_CS] = flat | SEG_CODE | SEG_L;
	gdt[GDT_KERNEL_DS] = flat | SEG_DB;
	gdt[GDT_USER32_CS] = flat | SEG_CODE | SEG_DB | SEG_DPL3;
	gdt[GDT_USER_DS] = flat | SEG_DB | SEG_DPL3;
	gdt[GDT_USER_CS] = flat | SEG_CODE | SEG_L | SEG_DPL3;
	/* A segment never loaded, only measured: user mode's `lsl` reads
	 * its limit, node << 12 | cpu (getcpu(2) in the vDSO).  Tern runs
	 * on the boot CPU, cpu 0 of node 0, as sys_getcpu says. */
	gdt[GDT_CPUNODE] = SEG_P | SEG_S | SEG_DPL3;

	memset(&tss, 0, sizeof(tss));
	tss.ist[IST_DOUBLE_FAULT - 1] = (u64)ist_stacks[0] + IST_STACK_SIZE;
	tss.ist[IST_NMI - 1] = (u64)ist_stacks[1] + IST_STACK_SIZE;
	tss.ist[IST_MCE - 1] = (u64)ist_stacks[2] + IST_STACK_SIZE;
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap: ring 3 gets no ports */

	/* 16-byte system descriptor, type 9 = available 64-bit TSS. */
	u64 base = (u64)&tss, limit = sizeof(tss) - 1;
	gdt[GDT_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		       (9ull << 40) | SEG_P | (((base >> 24) & 0xff) << 56);
	gdt[GDT_TSS + 1] = base >> 32;

	struct desc_ptr p = { sizeof(gdt) - 1, (u64)gdt };
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"movl %1, %%ds\n\t"
		"movl %1, %%es\n\t"
		"movl %1, %%ss\n\t"
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"ltr %w3"
		: : "m"(p), "r"(KERNEL_DS), "i"(KERNEL_CS), "r"(TSS_SEL)
		: "rax", "memory");
}
