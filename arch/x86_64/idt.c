/*
 * The IDT (Intel SDM vol. 3A §6.14): every vector points at its stub in
 * entry.S.  All gates are interrupt gates (IF cleared on entry).  Double
 * fault, NMI and machine check run on their own IST stacks.
 */
#include <asm/desc.h>
#include <tern/kernel.h>

struct idt_gate {
	u16 offset0;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset1;
	u32 offset2;
	u32 reserved;
} __packed;
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate layout");

#define GATE_INTERRUPT	0x8e	/* present, DPL 0, 64-bit interrupt gate */
#define ISR_STUB_SIZE	16

extern const char isr_stubs[];
static struct idt_gate idt[NR_VECTORS] __aligned(16);

static void set_gate(int vec, u8 ist)
{
	u64 addr = (u64)isr_stubs + (u64)vec * ISR_STUB_SIZE;

	idt[vec] = (struct idt_gate){
		.offset0 = addr & 0xffff,
		.selector = KERNEL_CS,
		.ist = ist,
		.type_attr = GATE_INTERRUPT,
		.offset1 = (addr >> 16) & 0xffff,
		.offset2 = addr >> 32,
	};
}

void idt_init(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed p = { sizeof(idt) - 1, (u64)idt };

	for (int v = 0; v < NR_VECTORS; v++)
		set_gate(v, 0);
	set_gate(2, IST_NMI);
	set_gate(8, IST_DOUBLE_FAULT);
	set_gate(18, IST_MCE);
	__asm__ __volatile__("lidt %0" : : "m"(p));
}
