/*
 * Hardware interrupts: a handler table indexed by vector.  The legacy
 * 8259 PICs are remapped to vectors 32-47 and fully masked (the LAPIC
 * delivers everything we use); a spurious IRQ 7/15 from them is ignored.
 *
 * Handlers run with interrupts off on the interrupted task's kernel
 * stack.  After the handler and the EOI, a pending reschedule (set by
 * the timer or a wake-up) is honoured if the interrupted code may be
 * preempted (sched.c: preempt_count is zero).
 */
#include <asm/io.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <tern/irq.h>
#include <tern/kernel.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/sched.h>

struct irq_action {
	irq_handler_t handler;
	void *data;
	const char *name;
};

static struct irq_action irq_table[NR_VECTORS];
u64 irq_count[NR_VECTORS];

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

/* ICW1-4 (8259A data sheet): remap to 32/40, then mask all lines. */
static void pic_disable(void)
{
	outb(PIC1_CMD, 0x11);
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, VEC_IRQ_BASE);
	outb(PIC2_DATA, VEC_IRQ_BASE + 8);
	outb(PIC1_DATA, 4);
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, 1);
	outb(PIC2_DATA, 1);
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
}

void irq_init(void)
{
	pic_disable();
}

int irq_register(int vector, irq_handler_t handler, void *data, const char *name)
{
	if (vector < VEC_IRQ_BASE || vector >= NR_VECTORS || irq_table[vector].handler)
		return -1;
	irq_table[vector].data = data;
	irq_table[vector].name = name;
	irq_table[vector].handler = handler;
	return 0;
}

void irq_for_each(void (*fn)(int vector, const char *name, u64 count, void *arg), void *arg)
{
	for (int v = VEC_IRQ_BASE; v < NR_VECTORS; v++)
		if (irq_table[v].handler)
			fn(v, irq_table[v].name, READ_ONCE(irq_count[v]), arg);
}

void irq_dispatch(struct pt_regs *regs)
{
	u64 vec = regs->vector;
	struct irq_action *a = &irq_table[vec];

	irq_count[vec]++;
	if (a->handler) {
		a->handler(regs, a->data);
	} else if (vec >= VEC_IRQ_BASE && vec < VEC_IRQ_BASE + 16) {
		/* Masked legacy PIC: only spurious IRQs get here; no EOI. */
	} else if (vec != VEC_SPURIOUS) {
		printk(KERN_WARNING "irq: unexpected vector %lu\n", (unsigned long)vec);
	}
	sched_irq_exit(regs);
}
